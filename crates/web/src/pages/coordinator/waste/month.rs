//! Flex Waste's month (`/waste/month?month=YYYY-MM`): kg collected per fraction, the CO2
//! of the electric vehicles against the diesel truck they replace, and revenue against
//! costs with the number of paying shops that would break even — each a chart with a
//! sentence that sums it up and a table of the same numbers, computed from the records
//! under the dated factors kommune ships (`config/flexwaste-factors.json`).

use crate::pages::chart::{self, Bar};
use crate::pages::driver::fraction_name;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::money::Money;
use reports::waste::{DEFAULT_FACTORS, Month};
use service::files::exports::waste_month_figures;
use std::collections::BTreeMap;
use store::Store;
use store::accounts::Role;
use store::invoices::Period;

#[derive(Template)]
#[template(path = "coordinator/waste_month.html")]
struct MonthPage {
    layout: Layout,
    errors: Vec<FieldError>,
    month: String,
    previous: String,
    next: String,
    kg_chart: String,
    co2_chart: String,
    money_chart: String,
    files: super::downloads::Files,
    /// (what, value) rows of the month's table.
    rows: Vec<(String, String)>,
    break_even: String,
}

impl MonthPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

fn kg(grams: i64) -> String {
    format!("{:.1}", grams as f64 / 1000.0).replace('.', ",")
}

fn decimal(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

/// `GET /waste/month?month=2026-11`: the month; none is this month, and one that is not
/// a month shows this month with the mistake (422).
pub(super) async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let this = Period::of(page.today());
    let text = query
        .get("month")
        .map(|m| m.trim())
        .filter(|m| !m.is_empty());
    let (period, errors) = match text.map(Period::parse) {
        None => (this, Vec::new()),
        Some(Ok(p)) => (p, Vec::new()),
        Some(Err(_)) => {
            let said = t.fill(
                "waste.month_invalid",
                &[("month", text.unwrap_or_default())],
            );
            (this, vec![FieldError::new("month", said)])
        }
    };
    let m = waste_month_figures(&store, &caller.actor(), period, DEFAULT_FACTORS).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = MonthPage {
        layout: page.layout(),
        errors,
        month: period.label(),
        previous: period.shifted(-1).label(),
        next: period.shifted(1).label(),
        kg_chart: kg_chart(t, &m),
        co2_chart: co2_chart(t, &m),
        money_chart: money_chart(t, &m),
        rows: rows(t, &m),
        files: super::downloads::files(&store, &page, period).await?,
        break_even: match m.break_even_shops {
            Some(shops) => t.fill(
                "waste.break_even",
                &[
                    ("shops", &shops.to_string()),
                    ("paying", &m.money.paying_shops.to_string()),
                ],
            ),
            None => t.get("waste.break_even_none").to_string(),
        },
    };
    Ok((status, render(&body)).into_response())
}

fn kg_chart(t: Tr, m: &Month) -> String {
    let bars: Vec<Bar> = m
        .grams_per_fraction
        .iter()
        .map(|(f, g)| Bar {
            label: fraction_name(t, *f).to_string(),
            value: *g as f64,
            text: kg(*g),
        })
        .collect();
    let total = domain::money::checked_sum(m.grams_per_fraction.values().copied())
        .map_or_else(|_| "—".to_string(), kg);
    let summary = t.fill("waste.kg_summary", &[("kg", &total)]);
    chart::bars("kg", t.get("waste.kg_title"), &summary, &bars)
}

fn co2_chart(t: Tr, m: &Month) -> String {
    let bars = [
        Bar {
            label: t.get("waste.co2_ev").to_string(),
            value: m.ev_kg_co2e,
            text: decimal(m.ev_kg_co2e),
        },
        Bar {
            label: t.get("waste.co2_diesel").to_string(),
            value: m.baseline_kg_co2e,
            text: decimal(m.baseline_kg_co2e),
        },
    ];
    let summary = t.fill(
        "waste.co2_summary",
        &[
            ("avoided", &decimal(m.avoided_kg_co2e)),
            ("trips", &m.baseline_trips.to_string()),
        ],
    );
    chart::bars("co2", t.get("waste.co2_title"), &summary, &bars)
}

fn money_chart(t: Tr, m: &Month) -> String {
    let kroner = |ore: i64| Money::from_ore(ore).kroner();
    let bars = [
        ("waste.money_revenue", m.money.revenue_ore),
        ("waste.money_wages", m.money.wages_ore),
        ("waste.money_vehicles", m.money.vehicles_ore),
    ]
    .map(|(key, ore)| Bar {
        label: t.get(key).to_string(),
        value: ore as f64,
        text: kroner(ore),
    });
    let summary = t.fill("waste.money_summary", &[("result", &kroner(m.result_ore))]);
    chart::bars("money", t.get("waste.money_title"), &summary, &bars)
}

fn rows(t: Tr, m: &Month) -> Vec<(String, String)> {
    let kroner = |ore: i64| Money::from_ore(ore).kroner();
    let mut rows: Vec<(String, String)> = m
        .grams_per_fraction
        .iter()
        .map(|(f, g)| {
            (
                t.fill("waste.row_kg", &[("fraction", fraction_name(t, *f))]),
                kg(*g),
            )
        })
        .collect();
    rows.extend([
        (t.get("waste.row_km").to_string(), decimal(m.km)),
        (t.get("waste.row_kwh").to_string(), decimal(m.kwh)),
        (t.get("waste.co2_ev").to_string(), decimal(m.ev_kg_co2e)),
        (
            t.get("waste.row_trips").to_string(),
            m.baseline_trips.to_string(),
        ),
        (
            t.get("waste.co2_diesel").to_string(),
            decimal(m.baseline_kg_co2e),
        ),
        (
            t.get("waste.row_avoided").to_string(),
            decimal(m.avoided_kg_co2e),
        ),
        (
            t.get("waste.money_revenue").to_string(),
            kroner(m.money.revenue_ore),
        ),
        (
            t.get("waste.money_wages").to_string(),
            kroner(m.money.wages_ore),
        ),
        (
            t.get("waste.money_vehicles").to_string(),
            kroner(m.money.vehicles_ore),
        ),
        (t.get("waste.row_result").to_string(), kroner(m.result_ore)),
        (
            t.get("waste.row_paying").to_string(),
            m.money.paying_shops.to_string(),
        ),
    ]);
    rows
}
