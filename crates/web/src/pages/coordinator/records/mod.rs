//! The coordinator's records: people (their functional limits shown only on a stated,
//! logged read), companies with their agreements, hours waiting for confirmation, invoice
//! runs and credit notes, and the month's payroll and job-centre files.
//!
//! - [`people`]: `/people`, `/people/{id}` and the limits form `/people/{id}/limits`.
//! - [`companies`]: `/companies` and `/companies/{id}` with the agreements.
//! - [`confirmations`]: `/confirmations`, confirming one entry or running the automatic confirmation.
//! - [`invoices`]: `/invoices`, the run form, downloads and credit notes.
//! - [`preview`]: `/invoices/preview`, what a run would issue, issued from there.
//! - [`exports`]: `/exports` and the two CSV downloads.
//! - [`figures`]: `/figures`, paid hours per month and planned hours per person, as charts.
//! - [`accounts`]: `/accounts`, who may sign in: disable, enable, another role, tokens revoked.
//!
//! What these pages share lives here: the role check, formats for money, hours and
//! times, months typed in forms, paging, and answers that redirect.

pub mod accounts;
pub mod agreement_form;
pub mod companies;
pub mod company_form;
pub mod confirmations;
pub mod exports;
pub mod figures;
pub(in crate::pages::coordinator) mod form;
pub mod invoices;
pub mod people;
pub mod person_form;
pub mod preview;

use crate::access::Caller;
use crate::pages::i18n::{Lang, Tr};
use crate::pages::{FieldError, Page, PageError};
use crate::state::AppState;
use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get};
use chrono::{DateTime, Utc};
use domain::calendar::TIME_ZONE;
use std::collections::BTreeMap;
use store::PageRequest;
use store::accounts::Role;
use store::invoices::Period;

/// The records pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(people::routes())
        .merge(person_form::routes())
        .merge(companies::routes())
        .merge(company_form::routes())
        .merge(agreement_form::routes())
        .merge(confirmations::routes())
        .merge(invoices::routes())
        .merge(exports::routes())
        .merge(accounts::routes())
        .merge(preview::routes())
        .merge(figures::routes())
}

/// The caller if they are a coordinator; every other role is refused.
pub(in crate::pages::coordinator) fn coordinator(page: &Page) -> Result<&Caller, PageError> {
    page.as_role(Role::Coordinator)
}

/// A record id from the path; anything but a whole number is no record at all.
pub(in crate::pages::coordinator) fn record_id(text: &str) -> Result<i64, PageError> {
    text.parse().map_err(|_| PageError::NotFound)
}

/// Minutes as hours with up to two decimals in the page's notation: `8,5` or `8.5`.
fn hours(minutes: u32, t: Tr) -> String {
    let text = domain::money::decimal_hours(i64::from(minutes));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if t.lang == Lang::Da {
        text.replace('.', ",")
    } else {
        text.to_string()
    };
    t.fill("coordinator.hours_value", &[("hours", &text)])
}

/// Øre as kroner, `1.234,50 kr.`: the same notation the invoices print.
pub(in crate::pages::coordinator) fn money(ore: i64, t: Tr) -> String {
    t.fill(
        "coordinator.money",
        &[("amount", &domain::money::Money::from_ore(ore).kroner())],
    )
}

/// An instant in Copenhagen time, to the minute.
pub(in crate::pages::coordinator) fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&TIME_ZONE)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A stored UTC timestamp in Copenhagen time; a text that does not parse is shown as stored.
fn stored_time(text: &str) -> String {
    domain::calendar::parse_instant(text)
        .map(local_time)
        .unwrap_or_else(|_| text.to_string())
}

/// Yes or no in the page's language.
fn yes_no(value: bool, t: Tr) -> &'static str {
    if value {
        t.get("coordinator.yes")
    } else {
        t.get("coordinator.no")
    }
}

/// A month typed in a form (`2026-10`); the error names `field`, the id of its input.
fn month(text: &str, field: &'static str, t: Tr) -> Result<Period, FieldError> {
    match Period::parse(text) {
        Ok(period) => Ok(period),
        Err(_) => Err(FieldError::new(field, t.get("coordinator.period_bad"))),
    }
}

/// The month before today's in Copenhagen: what a run or an export is usually for.
fn last_month(today: chrono::NaiveDate) -> String {
    Period::of(today).shifted(-1).label()
}

/// After a form that changed something: back to a page with a plain GET (303).
fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A form's address opened as a page (a bookmark, a reload): the list it belongs to.
fn to_list(list: &'static str) -> MethodRouter<AppState> {
    get(move || async move { see_other(list) })
}

/// How many rows a list page shows.
const PER_PAGE: i64 = 50;

/// The page of a list that was asked for, and the store's request for its rows; anything
/// unreadable is the first page.
fn page_number(query: &BTreeMap<String, String>) -> (i64, PageRequest) {
    let number = query
        .get("page")
        .and_then(|p| p.trim().parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    (
        number,
        PageRequest::new(number, PER_PAGE).unwrap_or_default(),
    )
}

/// Where a list is and the links to its neighbours.
#[derive(Debug, Clone)]
pub struct Pager {
    /// "Page 2 of 5" in the page's language.
    pub label: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pager of page `page` of a list of `total` records at `path`, keeping `keep`
    /// (a query string without `page`, possibly empty).
    fn new(t: Tr, path: &str, keep: &str, page: i64, total: i64) -> Self {
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        let link = |n: i64| {
            if keep.is_empty() {
                format!("{path}?page={n}")
            } else {
                format!("{path}?{keep}&page={n}")
            }
        };
        Pager {
            label: t.fill(
                "coordinator.page_of",
                &[("page", &page.to_string()), ("pages", &pages.to_string())],
            ),
            previous: (page > 1).then(|| link((page - 1).min(pages))),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::hours_minutes;
    use crate::pages::i18n::{keys_asked_in, load};

    /// The catalogue test in `i18n` reads the Danish catalogue; these pages' keys are
    /// checked here in both languages.
    #[test]
    fn every_key_the_records_pages_ask_for_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["templates/coordinator", "src/pages/coordinator/records"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if !name.starts_with("board") && !name.starts_with("week") {
                    files.push(path);
                }
            }
        }
        for lang in [Lang::Da, Lang::En] {
            let catalogue = load(lang).unwrap();
            let mut missing = Vec::new();
            for file in &files {
                let text = std::fs::read_to_string(file).unwrap();
                for key in keys_asked_in(&text) {
                    if !catalogue.contains_key(key) {
                        missing.push(format!("{}: {key}", file.display()));
                    }
                }
            }
            assert!(missing.is_empty(), "{lang:?} misses {missing:#?}");
        }
    }

    #[test]
    fn months_hours_and_money_read_as_a_coordinator_expects() {
        let (da, en) = (Tr::new(Lang::Da), Tr::new(Lang::En));
        assert!(month("2026-10", "period", da).is_ok());
        for bad in ["2026-13", "2026-1", "oktober", "", "2026-10-01"] {
            assert_eq!(
                month(bad, "period", da).unwrap_err().field,
                "period",
                "{bad}"
            );
        }
        assert_eq!(hours_minutes(125), "2:05");
        assert_eq!(hours(510, da), "8,5 timer");
        assert_eq!(hours(480, en), "8 hours");
        assert_eq!(hours(465, en), "7.75 hours");
        assert_eq!(money(123_450, da), "1.234,50 kr.");
        let pager = Pager::new(en, "/people", "status=active", 2, 120);
        assert_eq!(pager.label, "Page 2 of 3");
        assert_eq!(
            pager.previous.as_deref(),
            Some("/people?status=active&page=1")
        );
        assert_eq!(pager.next.as_deref(), Some("/people?status=active&page=3"));
    }
}
