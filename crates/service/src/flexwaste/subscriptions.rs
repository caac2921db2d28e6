//! Flex Waste's subscriptions as the API takes and gives them: a site's standing pickups
//! with their price per pickup and monthly fee, checked field by field, added and ended.
//! (New terms from a day are [`super::changes`].)

use super::records::{day_near, fraction_list, only_day, weekday_list};
use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::money::Money;
use domain::problem::Errors;
use domain::waste::SubscriptionDraft;
use serde::{Deserialize, Serialize};
use store::Store;
use store::waste::StoredSubscription;

/// A subscription as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SubscriptionRequest {
    pub site_id: Option<i64>,
    /// Fractions Flex Waste collects: cardboard, paper, plastic, soft_plastic, hard_plastic.
    #[schema(example = "cardboard, soft_plastic")]
    pub fractions: String,
    #[schema(example = "Mon, Thu")]
    pub weekdays: String,
    /// When the site hands over its waste, local time.
    #[schema(example = "09:00-11:00")]
    pub window: String,
    /// Expected per pickup, 1–300.
    #[schema(example = 25)]
    pub expected_kg: u32,
    #[schema(example = 200)]
    pub expected_litres: u32,
    #[schema(example = 4500)]
    pub price_per_pickup_ore: Option<i64>,
    /// A fee per month the subscription runs, besides the price per pickup; 0 (the
    /// default) is none.
    #[schema(example = 29900)]
    pub monthly_fee_ore: i64,
    #[schema(example = "2026-12-01")]
    pub starts_on: String,
}

/// The last day a subscription runs.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EndRequest {
    #[schema(example = "2026-12-31")]
    pub ends_on: String,
}

/// A stored subscription with its site.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SubscriptionOut {
    pub id: i64,
    pub site_id: i64,
    pub company_id: i64,
    pub company: String,
    pub cvr: String,
    pub site: String,
    pub p_number: String,
    #[schema(example = "cardboard, soft_plastic")]
    pub fractions: String,
    #[schema(example = "Mon, Thu")]
    pub weekdays: String,
    #[schema(example = "09:00-11:00")]
    pub window: String,
    pub expected_kg: u32,
    pub expected_litres: u32,
    pub price_per_pickup_ore: i64,
    /// The fee per month; 0 is none.
    pub monthly_fee_ore: i64,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

fn subscription_out(s: &StoredSubscription) -> SubscriptionOut {
    SubscriptionOut {
        id: s.id,
        site_id: s.site.site_id,
        company_id: s.site.company_id,
        company: s.site.company.clone(),
        cvr: s.site.cvr.clone(),
        site: s.site.name.clone(),
        p_number: s.site.p_number.clone(),
        fractions: fraction_list(&s.subscription.fractions),
        weekdays: weekday_list(&s.subscription.weekdays),
        window: s.subscription.window.to_string(),
        expected_kg: s.subscription.expected_kg,
        expected_litres: s.subscription.expected_litres,
        price_per_pickup_ore: s.price_per_pickup_ore,
        monthly_fee_ore: s.monthly_fee_ore,
        starts_on: s.starts_on.to_string(),
        ends_on: s.ends_on.map(|d| d.to_string()),
    }
}

/// Every subscription with its site and price, by site.
pub async fn subscriptions(store: &Store, by: &Actor) -> Result<Vec<SubscriptionOut>> {
    crate::records::agency_only(by, "record")?;
    Ok(store
        .subscriptions()
        .await?
        .iter()
        .map(subscription_out)
        .collect())
}

/// Subscribes a site to pickups from `starts_on` (near `today`), naming every bad field.
pub async fn add_subscription(
    store: &Store,
    by: &Actor,
    body: &SubscriptionRequest,
    today: NaiveDate,
) -> Result<SubscriptionOut> {
    crate::records::agency_only(by, "record")?;
    let terms = check_terms(body, today, true)?;
    let id = store
        .add_subscription(
            terms.site_id.unwrap_or_default(),
            &terms.subscription,
            terms.price_per_pickup_ore,
            terms.monthly_fee_ore,
            terms.starts_on,
            &crate::recorded(by),
        )
        .await?;
    stored_subscription(store, id).await
}

/// A subscription as stored, in the API's shape.
pub(crate) async fn stored_subscription(store: &Store, id: i64) -> Result<SubscriptionOut> {
    let stored = store
        .subscriptions()
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ServiceError::Internal(format!("subscription {id} was not stored")))?;
    Ok(subscription_out(&stored))
}

/// A subscription's terms, checked field by field.
pub struct Terms {
    pub site_id: Option<i64>,
    pub subscription: domain::waste::Subscription,
    pub price_per_pickup_ore: i64,
    pub monthly_fee_ore: i64,
    /// The first day the terms apply.
    pub starts_on: NaiveDate,
}

/// Checks a subscription's terms, naming every bad field: the site when `needs_site`,
/// what is collected when, the prices, and a first day near `today`.
pub fn check_terms(
    body: &SubscriptionRequest,
    today: NaiveDate,
    needs_site: bool,
) -> Result<Terms> {
    let mut e = Errors::new();
    if needs_site && body.site_id.is_none() {
        e.push("site_id", "is required");
    }
    let draft = SubscriptionDraft {
        fractions: body.fractions.clone(),
        weekdays: body.weekdays.clone(),
        window: body.window.clone(),
        expected_kg: body.expected_kg,
        expected_litres: body.expected_litres,
    };
    let parsed = draft.parse();
    if let Err(errors) = &parsed {
        for error in errors {
            e.push(&error.field, error.reason.clone());
        }
    }
    match body.price_per_pickup_ore {
        None => e.push("price_per_pickup_ore", "is required"),
        Some(p) => {
            e.check("price_per_pickup_ore", Money::price_ore(p));
        }
    }
    e.check("monthly_fee_ore", Money::price_ore(body.monthly_fee_ore));
    let starts_on = day_near(&mut e, "starts_on", &body.starts_on, today);
    e.finish(|| {
        Some(Terms {
            site_id: body.site_id,
            subscription: parsed.ok()?,
            price_per_pickup_ore: body.price_per_pickup_ore?,
            monthly_fee_ore: body.monthly_fee_ore,
            starts_on: starts_on?,
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Ends a subscription on `ends_on` (near `today`), so the site can subscribe anew;
/// one ended already is a conflict.
pub async fn end_subscription(
    store: &Store,
    by: &Actor,
    id: i64,
    body: &EndRequest,
    today: NaiveDate,
) -> Result<SubscriptionOut> {
    crate::records::agency_only(by, "record")?;
    let last_day = only_day("ends_on", &body.ends_on, today)?;
    Ok(subscription_out(
        &store.end_subscription(id, last_day).await?,
    ))
}
