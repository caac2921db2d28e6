//! What every handler may reach: the store and the clock. Handlers take either by its
//! own type (`State<Store>`, `State<Clock>`), so a test can hand in a clock set to any
//! day.

use axum::extract::FromRef;
use service::Clock;
use store::Store;

/// The application's state, shared by every route.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Clock,
}

impl AppState {
    /// The store on the system clock: how kommune serves.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            clock: Clock::system(),
        }
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

impl FromRef<AppState> for Clock {
    fn from_ref(state: &AppState) -> Self {
        state.clock.clone()
    }
}
