//! The checker: does a plan keep every hard rule of SMPTSP?

use std::fmt;

use super::Instance;

/// A hard rule a plan breaks; the first one found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// The plan does not give exactly one worker per job.
    WrongLength { jobs: usize, assigned: usize },
    /// A job goes to a worker the instance does not have.
    UnknownWorker { job: usize, worker: usize },
    /// A job goes to a worker not qualified for it.
    Unqualified { job: usize, worker: usize },
    /// A worker has two jobs that share an instant (ends included).
    Overlap {
        worker: usize,
        first: usize,
        second: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Violation::WrongLength { jobs, assigned } => {
                write!(
                    f,
                    "the plan assigns {assigned} jobs but the instance has {jobs}"
                )
            }
            Violation::UnknownWorker { job, worker } => {
                write!(f, "job {job} goes to worker {worker}, who does not exist")
            }
            Violation::Unqualified { job, worker } => {
                write!(f, "job {job} goes to worker {worker}, who is not qualified")
            }
            Violation::Overlap {
                worker,
                first,
                second,
            } => {
                write!(
                    f,
                    "worker {worker} has jobs {first} and {second} at the same time"
                )
            }
        }
    }
}

impl std::error::Error for Violation {}

/// Verifies a plan (the worker of each job, in file order) and returns how many workers it uses.
pub fn check(instance: &Instance, assignment: &[usize]) -> Result<usize, Violation> {
    let jobs = &instance.jobs;
    if assignment.len() != jobs.len() {
        return Err(Violation::WrongLength {
            jobs: jobs.len(),
            assigned: assignment.len(),
        });
    }
    let mut schedules: Vec<Vec<usize>> = vec![Vec::new(); instance.qualified.len()];
    for (job, &worker) in assignment.iter().enumerate() {
        let Some(schedule) = schedules.get_mut(worker) else {
            return Err(Violation::UnknownWorker { job, worker });
        };
        if !instance.qualified[worker].contains(&job) {
            return Err(Violation::Unqualified { job, worker });
        }
        schedule.push(job);
    }
    for (worker, schedule) in schedules.iter_mut().enumerate() {
        schedule.sort_by_key(|&j| jobs[j]);
        // Sorted by start, a worker's jobs are disjoint exactly when each neighbour pair is.
        if let Some(pair) = schedule.windows(2).find(|p| jobs[p[1]].0 <= jobs[p[0]].1) {
            return Err(Violation::Overlap {
                worker,
                first: pair[0],
                second: pair[1],
            });
        }
    }
    Ok(schedules.iter().filter(|s| !s.is_empty()).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_jobs(second: (u32, u32)) -> Instance {
        Instance {
            jobs: vec![(0, 10), second],
            qualified: vec![vec![0, 1], vec![1]],
        }
    }

    #[test]
    fn a_shared_endpoint_is_an_overlap() {
        let err = check(&two_jobs((10, 20)), &[0, 0]).unwrap_err();
        assert_eq!(
            err,
            Violation::Overlap {
                worker: 0,
                first: 0,
                second: 1
            }
        );
        assert_eq!(check(&two_jobs((11, 20)), &[0, 0]), Ok(1));
        assert_eq!(check(&two_jobs((10, 20)), &[0, 1]), Ok(2));
    }

    #[test]
    fn catches_unqualified_unknown_and_missing_workers() {
        let instance = two_jobs((11, 20));
        assert_eq!(
            check(&instance, &[1, 1]),
            Err(Violation::Unqualified { job: 0, worker: 1 })
        );
        assert_eq!(
            check(&instance, &[0, 2]),
            Err(Violation::UnknownWorker { job: 1, worker: 2 })
        );
        assert_eq!(
            check(&instance, &[0]),
            Err(Violation::WrongLength {
                jobs: 2,
                assigned: 1
            })
        );
    }
}
