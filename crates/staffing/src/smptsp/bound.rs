//! Lower bounds on the number of workers a plan needs.

use super::Instance;

/// The most jobs running at one instant (ends included): each needs its own worker, so no
/// plan uses fewer workers. Published optima equal or sit close to it.
pub fn lower_bound(instance: &Instance) -> usize {
    peak(&instance.jobs).0
}

/// The largest clique of overlapping jobs: its size and one instant at which it occurs.
pub(crate) fn peak(jobs: &[(u32, u32)]) -> (usize, u32) {
    // At equal times a start sorts before an end, because intervals are closed: a job ending
    // at t and one starting at t both run at t.
    let mut events: Vec<(u32, bool)> = jobs
        .iter()
        .flat_map(|&(s, e)| [(s, false), (e, true)])
        .collect();
    events.sort_unstable();
    let (mut running, mut best, mut at) = (0usize, 0usize, 0u32);
    for (time, is_end) in events {
        if is_end {
            running -= 1;
        } else {
            running += 1;
            if running > best {
                (best, at) = (running, time);
            }
        }
    }
    (best, at)
}

/// The maximal cliques of the interval graph: for each, the jobs running at an instant no
/// other instant's set contains. Every pair of overlapping jobs shares one of them.
pub(crate) fn maximal_cliques(jobs: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut events: Vec<(u32, bool, usize)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(j, &(s, e))| [(s, false, j), (e, true, j)])
        .collect();
    events.sort_unstable();
    let mut running: Vec<usize> = Vec::new();
    let mut cliques = Vec::new();
    let mut grew = false;
    for (_, is_end, job) in events {
        if is_end {
            // The set just before the first end after a start is maximal.
            if grew {
                cliques.push(running.clone());
                grew = false;
            }
            let at = running
                .iter()
                .position(|&r| r == job)
                .expect("a job ends after it starts");
            running.swap_remove(at);
        } else {
            running.push(job);
            grew = true;
        }
    }
    cliques
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

    #[test]
    fn finds_each_maximal_clique_once() {
        let mut cliques = maximal_cliques(&[(0, 10), (5, 15), (10, 12), (20, 30)]);
        cliques.iter_mut().for_each(|c| c.sort());
        assert_eq!(cliques, vec![vec![0, 1, 2], vec![3]]);
    }
}
