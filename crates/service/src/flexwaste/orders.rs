//! An extra pickup at a site on one day, at the price the agency sets: the site's
//! subscription price per pickup, or [`DEFAULT_ORDER_PRICE_ORE`] when the site has no
//! subscription that day. A company contact orders for its own sites (another company's
//! site is answered as if it did not exist), from today on, and leaves the price to the
//! agency. An order is only for a day Flex Waste runs ([`super::settings`]), and a site
//! is visited once a day: never two orders for it the same day (an order on its
//! subscription's day joins that visit).

use super::records::fraction_list;
use crate::{Result, ServiceError};
use chrono::{Datelike, NaiveDate};
use domain::actor::Actor;
use domain::calendar::{TimeWindow, near, parse_date};
use domain::money::Money;
use domain::problem::Errors;
use domain::waste::{Fraction, ORDER_FRACTIONS, ORDER_WINDOWS, Subscription, SubscriptionDraft};
use serde::{Deserialize, Serialize};
use store::waste::StoredOrder;
use store::{Store, StoreError};

/// The price of an extra pickup at a site without a running subscription: 60 kr.
/// excluding VAT, the demo's dearest price per pickup.
pub const DEFAULT_ORDER_PRICE_ORE: i64 = 6_000;

/// Litres expected per kg when an order does not say and the site has no subscription
/// to take the proportion from: loose cardboard and plastic.
const LITRES_PER_KG: u32 = 8;

/// Checks and stores an order for the acting person: what the API and the company's
/// order page both do.
pub async fn order_pickup(
    store: &Store,
    by: &Actor,
    request: &OrderRequest,
    today: NaiveDate,
) -> Result<OrderOut> {
    let order = check_order(by, request, today)?;
    store_order(store, by, order).await
}

/// An extra pickup at a site on one day, as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OrderRequest {
    pub site_id: Option<i64>,
    #[schema(example = "2026-12-01")]
    pub date: String,
    #[schema(example = "cardboard, soft_plastic")]
    pub fractions: String,
    #[schema(example = "10:00-12:00")]
    pub window: String,
    /// Expected, 1–300.
    #[schema(example = 30)]
    pub expected_kg: u32,
    /// Expected litres; left out, in the proportion of the site's subscription, or 8 per kg.
    pub expected_litres: Option<u32>,
    /// Coordinators only; left out, the site's subscription price per pickup, or 6000.
    pub price_ore: Option<i64>,
}

/// A stored order.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrderOut {
    pub id: i64,
    pub site_id: i64,
    pub date: String,
    pub fractions: String,
    pub window: String,
    pub expected_kg: u32,
    pub expected_litres: u32,
    pub price_ore: i64,
    /// When it was withdrawn, if it was.
    #[schema(example = json!(null))]
    pub cancelled_at: Option<String>,
}

/// A stored order in the API's shape.
pub fn order_out(o: &StoredOrder) -> OrderOut {
    OrderOut {
        id: o.id,
        site_id: o.site.site_id,
        date: o.day.to_string(),
        fractions: fraction_list(&o.pickup.fractions),
        window: o.pickup.window.to_string(),
        expected_kg: o.pickup.expected_kg,
        expected_litres: o.pickup.expected_litres,
        price_ore: o.price_ore,
        cancelled_at: o.cancelled_at.map(domain::calendar::format_instant),
    }
}

/// An order whose fields are right; the site is still to be checked.
#[derive(Debug, Clone)]
pub struct CheckedOrder {
    site_id: i64,
    day: NaiveDate,
    /// The fractions, window and kilograms (the weekdays are the day's own).
    pickup: Subscription,
    expected_litres: Option<u32>,
    price_ore: Option<i64>,
}

/// Checks an order's fields for the acting person, naming every bad one: a company contact
/// orders from today on and leaves the price to the agency.
pub fn check_order(by: &Actor, request: &OrderRequest, today: NaiveDate) -> Result<CheckedOrder> {
    let mut e = Errors::new();
    let company = by.company();
    if request.site_id.is_none() {
        e.push("site_id", "is required");
    }
    let date = e
        .check("date", parse_date(&request.date))
        .and_then(|day| e.check("date", near(day, today)).map(|()| day));
    if let (Some(day), Some(_)) = (date, company)
        && day < today
    {
        e.push("date", "must be today or later");
    }
    if let Some(day) = date {
        let settings = super::settings::on(day)?;
        if !settings.runs_on(day.weekday()) {
            e.push(
                "date",
                format!(
                    "Flex Waste does not run on {day} (a {}); it runs {}",
                    day.format("%A"),
                    settings.service_days
                ),
            );
        }
    }
    // An order is one day's pickup: the draft's weekday is the day's own.
    let draft = SubscriptionDraft {
        fractions: request.fractions.clone(),
        weekdays: date.map_or("Mon".to_string(), |d| d.weekday().to_string()),
        window: request.window.clone(),
        expected_kg: request.expected_kg,
        expected_litres: request.expected_litres.unwrap_or(1),
    };
    let parsed = draft.parse();
    if let Err(errors) = &parsed {
        for error in errors.iter().filter(|f| f.field != "weekdays") {
            e.push(&error.field, error.reason.clone());
        }
    }
    // A company chooses from the offer; the agency arranges anything the vehicles do.
    // What does not parse at all is the draft's to name.
    if company.is_some() {
        let beyond = request
            .fractions
            .split(',')
            .filter_map(|code| Fraction::parse(code.trim()).ok())
            .any(|f| !ORDER_FRACTIONS.contains(&f));
        if beyond {
            let offer: Vec<&str> = ORDER_FRACTIONS.iter().map(|f| f.code()).collect();
            e.push(
                "fractions",
                format!("a company may order {}", offer.join(", ")),
            );
        }
        let window = TimeWindow::parse(&request.window).map(|w| w.to_string());
        if window.is_ok_and(|w| !ORDER_WINDOWS.contains(&w.as_str())) {
            e.push(
                "window",
                format!("a company may choose {}", ORDER_WINDOWS.join(", ")),
            );
        }
    }
    match (request.price_ore, company) {
        (Some(_), Some(_)) => e.push(
            "price_ore",
            "is set by the agency: leave it out (the subscription's price per pickup applies)",
        ),
        (Some(p), None) => {
            e.check("price_ore", Money::price_ore(p));
        }
        _ => {}
    }
    e.finish(|| {
        Some(CheckedOrder {
            site_id: request.site_id?,
            day: date?,
            pickup: parsed.ok()?,
            expected_litres: request.expected_litres,
            price_ore: request.price_ore,
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Stores a checked order for the acting person: a site that is unknown or another company's
/// is a 404. The litres and the price not given come from the site's subscription that
/// day, else 8 litres per kg and [`DEFAULT_ORDER_PRICE_ORE`].
pub async fn store_order(store: &Store, by: &Actor, order: CheckedOrder) -> Result<OrderOut> {
    let site = match store.waste_site(order.site_id).await {
        Ok(site) if by.sees_company(site.company_id) => site,
        Ok(_) | Err(StoreError::NotFound { .. }) => return Err(ServiceError::not_found("site")),
        Err(other) => return Err(other.into()),
    };
    let (pickup, price_ore) = terms(store, site.site_id, &order, None).await?;
    let id = store
        .add_order(
            site.site_id,
            order.day,
            &pickup,
            price_ore,
            &crate::recorded(by),
        )
        .await?;
    Ok(order_out(&store.order(id).await?))
}

/// What an order collects and its price at `site`: the litres and the price not given
/// come from the site's subscription that day, else 8 litres per kg and `price` (the
/// order's own when it is changed) or [`DEFAULT_ORDER_PRICE_ORE`].
async fn terms(
    store: &Store,
    site: i64,
    order: &CheckedOrder,
    price: Option<i64>,
) -> Result<(Subscription, i64)> {
    let running = store.running_subscription(site, order.day).await?;
    let kg = order.pickup.expected_kg;
    let expected_litres = order.expected_litres.unwrap_or_else(|| match &running {
        Some(s) => {
            let per = u64::from(s.subscription.expected_kg.max(1));
            let litres = u64::from(s.subscription.expected_litres) * u64::from(kg);
            u32::try_from(litres.div_ceil(per))
                .unwrap_or(u32::MAX)
                .max(1)
        }
        None => kg * LITRES_PER_KG,
    });
    let price_ore = order.price_ore.or(price).unwrap_or_else(|| {
        running
            .as_ref()
            .map_or(DEFAULT_ORDER_PRICE_ORE, |s| s.price_per_pickup_ore)
    });
    let pickup = Subscription {
        expected_litres,
        ..order.pickup.clone()
    };
    Ok((pickup, price_ore))
}

/// Changes an order before it is collected, while its day is open: it is withdrawn
/// and a new one for the same site takes its place, with what `request` says (its
/// `site_id` is the order's own; a price left out is the order's). The agency changes
/// any order, a contact its own sites'; the same checks as ordering apply.
pub async fn change_order(
    store: &Store,
    by: &Actor,
    id: i64,
    request: &OrderRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrderOut> {
    let order = visible(store, by, id).await?;
    let today = domain::calendar::local_date(now);
    super::closing::still_open(store, order.day, today).await?;
    let same_site = OrderRequest {
        site_id: Some(order.site.site_id),
        date: request.date.clone(),
        fractions: request.fractions.clone(),
        window: request.window.clone(),
        expected_kg: request.expected_kg,
        expected_litres: request.expected_litres,
        price_ore: request.price_ore,
    };
    let checked = check_order(by, &same_site, today)?;
    let (pickup, price_ore) =
        terms(store, order.site.site_id, &checked, Some(order.price_ore)).await?;
    let new = store
        .change_order(
            id,
            checked.day,
            &pickup,
            price_ore,
            now,
            &crate::recorded(by),
        )
        .await?;
    Ok(order_out(&store.order(new).await?))
}

/// Order `id` if the acting person sees its site's company; else as if there were none.
async fn visible(store: &Store, by: &Actor, id: i64) -> Result<StoredOrder> {
    match store.order(id).await {
        Ok(order) if by.sees_company(order.site.company_id) => Ok(order),
        Ok(_) | Err(StoreError::NotFound { .. }) => Err(ServiceError::not_found("order")),
        Err(other) => Err(other.into()),
    }
}

/// The orders for days from `from` to `to` (withdrawn ones too) that the acting person
/// sees: the agency all, a company contact its own sites'.
pub async fn orders(
    store: &Store,
    by: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<StoredOrder>> {
    let mut all = store.orders(from, to).await?;
    all.retain(|o| by.sees_company(o.site.company_id));
    Ok(all)
}

/// Withdraws an order before it is collected: the agency any, a contact its own
/// sites' (another company's is answered as if it did not exist), and only while the
/// day is open.
pub async fn cancel_order(
    store: &Store,
    by: &Actor,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<StoredOrder> {
    let order = visible(store, by, id).await?;
    super::closing::still_open(store, order.day, domain::calendar::local_date(now)).await?;
    Ok(store.cancel_order(id, now, &crate::recorded(by)).await?)
}
