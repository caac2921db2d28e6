//! `/company/waste`: a shop's own Flex Waste — its sites' subscriptions, and the year's
//! recycling statement (kg per month and fraction from its pickups) as a table and as
//! the file to download (`/company/waste/statement-{year}.csv`).

use super::contact;
use crate::pages::driver::fraction_name;
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageError, PageResult, download, render, weekday_name};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use chrono::Datelike;
use domain::money::Money;
use domain::waste::Fraction;
use service::flexwaste::shop;
use std::collections::{BTreeMap, BTreeSet};
use store::Store;

struct SubscriptionRow {
    site: String,
    fractions: String,
    days: String,
    window: String,
    price: String,
    running: bool,
}

#[derive(Template)]
#[template(path = "company/waste.html")]
struct WastePage {
    layout: Layout,
    year: i32,
    previous: i32,
    next: i32,
    subscriptions: Vec<SubscriptionRow>,
    /// The statement's fractions, as the table's columns.
    fractions: Vec<&'static str>,
    /// Month name and kg per fraction, in the columns' order.
    months: Vec<(String, Vec<String>)>,
    totals: Vec<String>,
}

fn kg(grams: i64) -> String {
    format!("{:.1}", grams as f64 / 1000.0).replace('.', ",")
}

fn month_name(t: Tr, month: u32) -> String {
    t.get(&format!("company.waste.month_{month}")).to_string()
}

/// `GET /company/waste?year=2026`: this year unless another is asked for.
pub(super) async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let t = page.t;
    let year = query
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| service::files::exports::REPORT_YEARS.contains(y))
        .unwrap_or_else(|| page.today().year());
    let found = shop::overview(&store, &caller.actor(), year).await?;
    let today = page.today();
    let subscriptions = found
        .subscriptions
        .iter()
        .map(|s| SubscriptionRow {
            site: s.site.name.clone(),
            fractions: s
                .subscription
                .fractions
                .iter()
                .map(|f| fraction_name(t, *f))
                .collect::<Vec<_>>()
                .join(", "),
            days: s
                .subscription
                .weekdays
                .iter()
                .map(|d| weekday_name(t, *d, false))
                .collect::<Vec<_>>()
                .join(", "),
            window: s.subscription.window.to_string().replace('-', "–"),
            price: Money::from_ore(s.price_per_pickup_ore).kroner(),
            running: shop::runs_on(s, today),
        })
        .collect();
    let kinds: BTreeSet<Fraction> = found.statement.keys().map(|(_, f)| *f).collect();
    let kinds: Vec<Fraction> = kinds.into_iter().collect();
    let months_seen: BTreeSet<u32> = found.statement.keys().map(|(m, _)| *m).collect();
    let months = months_seen
        .iter()
        .map(|m| {
            let cells = kinds
                .iter()
                .map(|f| kg(found.statement.get(&(*m, *f)).copied().unwrap_or(0)))
                .collect();
            (month_name(t, *m), cells)
        })
        .collect();
    let totals = kinds
        .iter()
        .map(|f| {
            let grams = found
                .statement
                .iter()
                .filter(|((_, g), _)| g == f)
                .map(|(_, grams)| *grams);
            domain::money::checked_sum(grams).map_or_else(|_| "—".to_string(), kg)
        })
        .collect();
    Ok(render(&WastePage {
        layout: page.layout(),
        year,
        previous: year - 1,
        next: year + 1,
        subscriptions,
        fractions: kinds.iter().map(|f| fraction_name(t, *f)).collect(),
        months,
        totals,
    })
    .into_response())
}

/// `GET /company/waste/statement-2026.csv`: the year's recycling statement file.
pub(super) async fn statement(
    State(store): State<Store>,
    page: Page,
    Path(file): Path<String>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let year = file
        .strip_prefix("statement-")
        .and_then(|rest| rest.strip_suffix(".csv"))
        .and_then(|y| y.parse::<i32>().ok())
        .ok_or(PageError::NotFound)?;
    let bytes = shop::statement_file(&store, &caller.actor(), year).await?;
    Ok(download("text/csv; charset=utf-8", &file, bytes))
}
