//! `/waste/subscriptions`: those running or to come (each linked to its page), then
//! those ended, with what each collects when and its prices.

use crate::pages::coordinator::records::{coordinator, money};
use crate::pages::driver::fraction_name;
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageResult, render, weekday_name};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use domain::waste::Fraction;
use service::flexwaste::records::{self, SubscriptionOut};
use std::collections::BTreeMap;
use store::Store;

/// One subscription as the list shows it.
struct Row {
    id: i64,
    site: String,
    fractions: String,
    weekdays: String,
    window: String,
    kg: u32,
    price: String,
    fee: String,
    period: String,
}

#[derive(Template)]
#[template(path = "coordinator/waste_subscriptions.html")]
struct ListPage {
    layout: Layout,
    notice: Option<String>,
    sections: Vec<Section>,
}

/// The running subscriptions (each changed from its page), or the ended ones.
struct Section {
    id: &'static str,
    title: &'static str,
    rows: Vec<Row>,
    changeable: bool,
}

fn fractions_said(t: Tr, codes: &str) -> String {
    codes
        .split(',')
        .map(|c| Fraction::parse(c.trim()).map_or(c.trim(), |f| fraction_name(t, f)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn weekdays_said(t: Tr, codes: &str) -> String {
    codes
        .split(',')
        .map(|c| {
            domain::calendar::parse_weekday(c.trim())
                .map_or(c.trim(), |d| weekday_name(t, d, false))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(t: Tr, s: &SubscriptionOut) -> Row {
    let period = match &s.ends_on {
        Some(end) => t.fill("waste.sub_from_to", &[("from", &s.starts_on), ("to", end)]),
        None => t.fill("waste.sub_from", &[("from", &s.starts_on)]),
    };
    Row {
        id: s.id,
        site: format!("{} – {}", s.company, s.site),
        fractions: fractions_said(t, &s.fractions),
        weekdays: weekdays_said(t, &s.weekdays),
        window: s.window.replace('-', "–"),
        kg: s.expected_kg,
        price: money(s.price_per_pickup_ore, t),
        fee: money(s.monthly_fee_ore, t),
        period,
    }
}

/// `GET /waste/subscriptions`: those running or to come, then those ended.
pub(super) async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let today = page.today().to_string();
    let (mut running, mut ended) = (Vec::new(), Vec::new());
    for s in records::subscriptions(&store, &by).await? {
        if s.ends_on.as_ref().is_some_and(|end| *end < today) {
            ended.push(row(t, &s));
        } else {
            running.push(row(t, &s));
        }
    }
    Ok(render(&ListPage {
        layout: page.layout(),
        notice: super::super::form::saved(t, &query),
        sections: vec![
            Section {
                id: "running",
                title: "waste.sub_running",
                rows: running,
                changeable: true,
            },
            Section {
                id: "ended",
                title: "waste.sub_ended",
                rows: ended,
                changeable: false,
            },
        ],
    })
    .into_response())
}
