//! Ordering an extra Flex Waste pickup through the same use-case as the API.

use super::*;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, names, refusal_said, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use chrono::Duration;
use domain::waste::Fraction;
use service::flexwaste::orders::{self, DEFAULT_ORDER_PRICE_ORE, OrderRequest};
use service::{Clock, ServiceError};
use store::{Refusal, Store, StoreError};

/// What the contact may ask to have collected (`domain::waste::ORDER_FRACTIONS`, which the
/// service enforces), each with its catalogue key.
pub(super) const PICKUP_FRACTIONS: [(Fraction, &str); 4] = [
    (Fraction::Cardboard, "company.pickup.fraction.cardboard"),
    (Fraction::Paper, "company.pickup.fraction.paper"),
    (
        Fraction::SoftPlastic,
        "company.pickup.fraction.soft_plastic",
    ),
    (
        Fraction::HardPlastic,
        "company.pickup.fraction.hard_plastic",
    ),
];

/// When the vehicle may come (`domain::waste::ORDER_WINDOWS`), each with its catalogue key.
pub(super) const PICKUP_WINDOWS: [(&str, &str); 3] = [
    ("08:00-10:00", "company.pickup.window.morning"),
    ("10:00-12:00", "company.pickup.window.late_morning"),
    ("07:00-15:00", "company.pickup.window.all_day"),
];

/// The pickup form as sent; text, so a bad field is shown again as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct PickupForm {
    site: String,
    date: String,
    fractions: Vec<String>,
    window: String,
    expected_kg: String,
}

impl PickupForm {
    /// The fields of a form body; the fraction checkboxes share one name.
    fn read(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "site" => form.site = value,
                "date" => form.date = value,
                "fractions" => form.fractions.push(value),
                "window" => form.window = value,
                "expected_kg" => form.expected_kg = value,
                _ => {}
            }
        }
        form
    }

    /// The API's order for this form: the form's fields under the API's names, the date
    /// read as Danes type it (`24/12` is the coming one from `today`), the litres and the
    /// price left to the site's subscription.
    fn request(&self, today: chrono::NaiveDate) -> OrderRequest {
        OrderRequest {
            site_id: self.site.trim().parse().ok(),
            date: domain::calendar::typed_date(&self.date, today)
                .map_or_else(|_| self.date.clone(), |d| d.to_string()),
            fractions: self.fractions.join(", "),
            window: self.window.clone(),
            expected_kg: self.expected_kg.trim().parse().unwrap_or(0),
            expected_litres: None,
            price_ore: None,
        }
    }
}

/// One checkbox of the fractions.
pub(super) struct Check {
    value: &'static str,
    label: String,
    checked: bool,
}

/// One option of the windows.
pub(super) struct WindowChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "company/pickup.html")]
pub(super) struct PickupPage {
    layout: Layout,
    csrf: String,
    form: PickupForm,
    sites: Vec<Choice>,
    fractions: Vec<Check>,
    windows: Vec<WindowChoice>,
    /// What an extra pickup costs: the subscription's price, or the default.
    price: String,
    /// How to estimate the load, with the most one trip takes.
    expected_kg_hint: String,
    errors: Vec<FieldError>,
}

impl PickupPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The sentence on the price, with the default price filled in.
pub(super) const PICKUP_PRICE: &str = "company.pickup.price";

/// The pickup form's fields in the order they appear, with what to say when one is wrong.
pub(super) const PICKUP_FIELDS: [(&str, &str); 5] = [
    ("site", "company.pickup.bad_site"),
    ("date", "company.pickup.bad_date"),
    ("fractions", "company.pickup.bad_fractions"),
    ("window", "company.pickup.bad_window"),
    ("expected_kg", "company.pickup.bad_expected_kg"),
];

/// The form field an API field is read from.
pub(super) fn pickup_field(api_field: &str) -> &'static str {
    match api_field {
        "date" => "date",
        "fractions" => "fractions",
        "window" => "window",
        "expected_kg" | "expected_litres" => "expected_kg",
        _ => "site",
    }
}

/// The summary's errors: one per field, in form order.
pub(super) fn pickup_errors(t: Tr, mut fields: Vec<&'static str>) -> Vec<FieldError> {
    fields.sort_by_key(|f| PICKUP_FIELDS.iter().position(|(o, _)| o == f));
    fields.dedup();
    fields
        .into_iter()
        .map(|field| {
            FieldError::new(
                field,
                PICKUP_FIELDS
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(String::new(), |(_, key)| {
                        t.fill(key, &[("max", &domain::waste::MAX_PICKUP_KG.to_string())])
                    }),
            )
        })
        .collect()
}

pub(super) async fn show_pickup(
    store: &Store,
    page: &Page,
    form: PickupForm,
    errors: Vec<FieldError>,
) -> PageResult {
    let (caller, _) = contact(page)?;
    let t = page.t;
    let fractions = PICKUP_FRACTIONS
        .iter()
        .map(|(f, key)| Check {
            value: f.code(),
            label: t.get(key).to_string(),
            checked: form.fractions.iter().any(|c| c == f.code()),
        })
        .collect();
    let windows = PICKUP_WINDOWS
        .iter()
        .map(|(value, key)| WindowChoice {
            value,
            label: t.get(key).to_string(),
            selected: form.window == *value,
        })
        .collect();
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = PickupPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        sites: site_choices(store, &caller.actor()).await?,
        form,
        fractions,
        windows,
        expected_kg_hint: t.fill(
            "company.pickup.expected_kg_hint",
            &[("max", &domain::waste::MAX_PICKUP_KG.to_string())],
        ),
        price: t.fill(
            PICKUP_PRICE,
            &[(
                "kroner",
                &domain::money::Money::from_ore(DEFAULT_ORDER_PRICE_ORE).kroner(),
            )],
        ),
        errors,
    };
    Ok((status, render(&body)).into_response())
}

pub(super) async fn new_pickup(State(store): State<Store>, page: Page) -> PageResult {
    let tomorrow = page.today() + Duration::days(1);
    let form = PickupForm {
        date: tomorrow.to_string(),
        window: PICKUP_WINDOWS[2].0.to_string(),
        ..Default::default()
    };
    show_pickup(&store, &page, form, Vec::new()).await
}

/// Orders the pickup through the API's own checks: the same rules, the site's
/// subscription price (or the default), and a site of another company is no site.
pub(super) async fn order_pickup(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    body: Bytes,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let form = PickupForm::read(&body);
    let mut bad = Vec::new();
    if form.site.trim().parse::<i64>().is_err() {
        bad.push("site");
    }
    if form.expected_kg.trim().parse::<u32>().is_err() {
        bad.push("expected_kg");
    }
    let by = caller.actor();
    let checked = orders::check_order(&by, &form.request(clock.today()), clock.today());
    if let Err(ServiceError::Invalid(errors)) = &checked {
        bad.extend(errors.iter().map(|e| pickup_field(&e.field)));
    }
    let order = match checked {
        Ok(order) if bad.is_empty() => order,
        Ok(_) | Err(ServiceError::Invalid(_)) => {
            return show_pickup(&store, &page, form, pickup_errors(page.t, bad)).await;
        }
        Err(e) => return Err(e.into()),
    };
    match orders::store_order(&store, &by, order).await {
        Ok(_) => Ok(redirect_with_notice("/company", "ordered")),
        // Not one of the company's sites.
        Err(ServiceError::NotFound(_)) => {
            show_pickup(&store, &page, form, pickup_errors(page.t, vec!["site"])).await
        }
        Err(ServiceError::Store(refused @ StoreError::Refused(Refusal::AlreadyOrdered { .. }))) => {
            let said = FieldError::new("date", refusal_said(page.t, &refused));
            show_pickup(&store, &page, form, vec![said]).await
        }
        Err(e) => Err(PageError::from(e)),
    }
}
