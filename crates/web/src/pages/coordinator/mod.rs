//! The coordinator's pages.
//!
//! - [`board`]: the week board — tasks × days, planned and unassigned with reasons, running
//!   the planner, re-planning after a sick call, the recommended candidates for a task.
//! - [`records`]: people (with their limits, every view logged), companies and agreements,
//!   confirmations of hours, invoice runs and exports.
//! - [`waste`]: Flex Waste's day: the routes on a map, planned from the page.
//! - [`skills`]: the ESCO skills and occupations, found by a few letters.

pub mod board;
pub mod records;
pub mod skills;
pub mod waste;

use crate::state::AppState;
use axum::Router;

/// The coordinator's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[
    ("/week", "board.nav"),
    ("/people", "coordinator.nav_people"),
    ("/companies", "coordinator.nav_companies"),
    ("/confirmations", "coordinator.nav_confirmations"),
    ("/invoices", "coordinator.nav_invoices"),
    ("/exports", "coordinator.nav_exports"),
    ("/figures", "coordinator.nav_figures"),
    ("/waste/day", "waste.nav"),
    ("/alliance", "alliance.nav"),
    ("/manage/indicators", "indicators.nav_manage"),
    ("/manage/cases", "cases.nav_manage"),
    ("/skills", "coordinator.nav_skills"),
    ("/accounts", "coordinator.nav_accounts"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(board::routes())
        .merge(records::routes())
        .merge(waste::routes())
        .merge(skills::routes())
}
