//! People, companies, confirmations, invoices and exports (to come).

use axum::Router;
use store::Store;

pub fn routes() -> Router<Store> {
    Router::new()
}
