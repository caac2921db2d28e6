//! What the use-cases report for the operator's metrics — planner runs and their time,
//! invoice runs and what they issued — to whoever listens. The server installs a
//! listener that feeds `/metrics`; the command line installs none, so nothing is kept.

use std::sync::OnceLock;
use std::time::Duration;

/// Something worth counting happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event {
    /// A planner ran on a blocking thread for this long.
    PlannerRun(Duration),
    /// A planner was turned away: every core was busy.
    PlannerBusy,
    /// An invoice run issued this many documents.
    InvoiceRun(usize),
}

static LISTENER: OnceLock<fn(Event)> = OnceLock::new();

/// Sends every later event to `listener`; the first listener installed stays.
pub fn listen(listener: fn(Event)) {
    let _ = LISTENER.set(listener);
}

/// Tells the listener, if there is one.
pub(crate) fn report(event: Event) {
    if let Some(listener) = LISTENER.get() {
        listener(event);
    }
}
