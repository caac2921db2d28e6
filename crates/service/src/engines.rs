//! The engines (staffing's planner, the route planner) run on blocking threads, at most
//! one per core at a time. A plan takes seconds of one core; run on the server's own
//! threads, two at once stalled every other request (`/health` took 7.5 s). A request
//! that finds every core busy is told to come back shortly instead.

use crate::{Result, ServiceError};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// How long a caller turned away should wait before trying again, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// One slot per core, for the whole process.
fn slots() -> &'static Arc<Semaphore> {
    static SLOTS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Arc::new(Semaphore::new(cores))
    })
}

/// Runs `work` on a blocking thread when a core is free, or answers
/// [`ServiceError::Busy`] at once.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    run_on(slots(), work).await
}

async fn run_on<T: Send + 'static>(
    slots: &Arc<Semaphore>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let permit = Arc::clone(slots).try_acquire_owned().map_err(|_| {
        crate::observe::report(crate::observe::Event::PlannerBusy);
        ServiceError::Busy {
            retry_after_seconds: RETRY_AFTER_SECONDS,
        }
    })?;
    tokio::task::spawn_blocking(move || {
        // The slot is free again when the work is done, however it ends.
        let _held = permit;
        let started = std::time::Instant::now();
        let done = work();
        crate::observe::report(crate::observe::Event::PlannerRun(started.elapsed()));
        done
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("an engine stopped: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_while_a_core_is_free_and_is_turned_away_when_none_is() {
        let slots = Arc::new(Semaphore::new(1));
        assert_eq!(run_on(&slots, || 6 * 7).await.unwrap(), 42);
        let held = Arc::clone(&slots).try_acquire_owned().unwrap();
        let busy = run_on(&slots, || 1).await;
        assert!(
            matches!(
                busy,
                Err(ServiceError::Busy {
                    retry_after_seconds: RETRY_AFTER_SECONDS
                })
            ),
            "{busy:?}"
        );
        drop(held);
        assert_eq!(run_on(&slots, || 1).await.unwrap(), 1);
        // A panicking engine frees its slot and is an internal error, not a crash.
        let broken = run_on(&slots, || -> i32 { panic!("engine bug") }).await;
        assert!(matches!(broken, Err(ServiceError::Internal(_))));
        assert_eq!(run_on(&slots, || 2).await.unwrap(), 2);
    }
}
