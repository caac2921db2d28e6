//! Extra pickups in the pages (`/waste/orders`): the orders of the coming weeks and the
//! last one, each changed or withdrawn until it is collected; and a new order for
//! any site, any fraction Flex Waste carries, at the site's price or one the agency
//! sets. The form is read into the API's `OrderRequest`, so the same rules decide: a
//! day Flex Waste runs, a site visited once a day.

use super::form::{
    Checks, FormPage, SiteSelect, all_of, field, one_of, saved, ticked, window_fields,
};
use crate::pages::coordinator::records::form;
use crate::pages::coordinator::records::{coordinator, money, record_id};
use crate::pages::driver::fraction_name;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, day_label, refusal_said, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use domain::money::Money;
use domain::waste::Fraction;
use service::flexwaste::orders::{self, OrderRequest};
use service::{Clock, ServiceError};
use std::collections::BTreeMap;
use store::waste::StoredOrder;
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/waste/orders", get(list))
        .route("/waste/orders/new", get(new).post(create))
        .route("/waste/orders/{id}", get(one).post(change))
        .route("/waste/orders/{id}/cancel", post(cancel))
}

/// How far back and ahead the list looks.
const DAYS_BACK: i64 = 7;
const DAYS_AHEAD: i64 = 60;

/// The form's fields in order; each wrong one is said by `waste.order_bad_` + field.
const FIELD_ORDER: [&str; 7] = [
    "site",
    "date",
    "fractions",
    "window_from",
    "window_to",
    "expected_kg",
    "price",
];

/// One order as the list shows it.
struct Row {
    id: i64,
    day: String,
    site: String,
    fractions: String,
    window: String,
    kg: u32,
    price: String,
    state: String,
    /// It can still be withdrawn.
    open: bool,
}

#[derive(Template)]
#[template(path = "coordinator/waste_orders.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    notice: Option<String>,
    errors: Vec<FieldError>,
    rows: Vec<Row>,
}

fn row(t: Tr, o: &StoredOrder, today: NaiveDate, collected: &[(i64, NaiveDate)]) -> Row {
    let done = collected.contains(&(o.site.site_id, o.day));
    let state = if o.cancelled_at.is_some() {
        "waste.order_cancelled"
    } else if done {
        "waste.order_collected"
    } else {
        "waste.order_ordered"
    };
    Row {
        id: o.id,
        day: day_label(t, o.day, false),
        site: format!("{} – {}", o.site.company, o.site.name),
        fractions: o
            .pickup
            .fractions
            .iter()
            .map(|f| fraction_name(t, *f))
            .collect::<Vec<_>>()
            .join(", "),
        window: o.pickup.window.to_string().replace('-', "–"),
        kg: o.pickup.expected_kg,
        price: money(o.price_ore, t),
        state: t.get(state).to_string(),
        open: o.cancelled_at.is_none() && !done && o.day >= today,
    }
}

async fn listed(
    store: &Store,
    page: &Page,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let today = page.today();
    let (from, to) = (
        today - Duration::days(DAYS_BACK),
        today + Duration::days(DAYS_AHEAD),
    );
    let found = orders::orders(store, &caller.actor(), from, to).await?;
    let collected: Vec<(i64, NaiveDate)> = store
        .pickups(from, today)
        .await?
        .iter()
        .map(|p| (p.site_id, p.day))
        .collect();
    let body = ListPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        notice,
        rows: found.iter().map(|o| row(t, o, today, &collected)).collect(),
        errors,
    };
    let status = form::status(&body.errors);
    Ok((status, render(&body)).into_response())
}

/// `GET /waste/orders`: last week's orders and those of the coming weeks.
async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let notice = saved(page.t, &query);
    listed(&store, &page, Vec::new(), notice).await
}

/// `POST /waste/orders/{id}/cancel`: withdrawn, or why not beside the list.
async fn cancel(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    match orders::cancel_order(&store, &by, record_id(&id)?, clock.now()).await {
        Ok(_) => Ok(Redirect::to("/waste/orders?saved=1").into_response()),
        Err(ServiceError::Store(refusal @ StoreError::Refused(_))) => {
            let said = vec![FieldError::new("orders", refusal_said(page.t, &refusal))];
            listed(&store, &page, said, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The form as sent, as text.
#[derive(Debug, Clone, Default)]
struct OrderForm {
    site: String,
    date: String,
    fractions: Vec<String>,
    window_from: String,
    window_to: String,
    expected_kg: String,
    price: String,
}

impl OrderForm {
    fn read(body: &[u8]) -> Self {
        Self {
            site: one_of(body, "site"),
            date: one_of(body, "date"),
            fractions: all_of(body, "fractions"),
            window_from: one_of(body, "window_from"),
            window_to: one_of(body, "window_to"),
            expected_kg: one_of(body, "expected_kg"),
            price: one_of(body, "price"),
        }
    }

    /// The API's order, and the fields that could not be read at all. A price left
    /// blank is the site's subscription price, or the default.
    fn request(&self, today: NaiveDate) -> (OrderRequest, Vec<&'static str>) {
        let mut unread = Vec::new();
        let expected_kg = self.expected_kg.trim().parse().unwrap_or_else(|_| {
            unread.push("expected_kg");
            0
        });
        let price_ore = match self.price.trim() {
            "" => None,
            text => Money::parse_kroner(text)
                .map(Money::ore)
                .map_err(|_| unread.push("price"))
                .ok(),
        };
        let request = OrderRequest {
            site_id: self.site.trim().parse().ok(),
            date: domain::calendar::typed_date(&self.date, today)
                .map_or_else(|_| self.date.clone(), |d| d.to_string()),
            fractions: self.fractions.join(", "),
            window: format!("{}-{}", self.window_from.trim(), self.window_to.trim()),
            expected_kg,
            expected_litres: None,
            price_ore,
        };
        (request, unread)
    }
}

fn form_field(api: &str) -> &'static str {
    match api {
        "date" => "date",
        "fractions" => "fractions",
        "window" => "window_from",
        "expected_kg" | "expected_litres" => "expected_kg",
        "price_ore" => "price",
        _ => "site",
    }
}

fn errors(t: Tr, fields: Vec<&'static str>) -> Vec<FieldError> {
    form::errors(t, fields, &FIELD_ORDER, "waste.order_bad_")
}

/// The new order's form, or `changing` order's.
async fn shown(
    store: &Store,
    page: &Page,
    form: OrderForm,
    errors: Vec<FieldError>,
    changing: Option<&StoredOrder>,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let status = form::status(&errors);
    let codes: Vec<&'static str> = Fraction::COLLECTED.iter().map(|f| f.code()).collect();
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: match changing {
            Some(o) => t.fill(
                "waste.order_change_title",
                &[("site", &format!("{} – {}", o.site.company, o.site.name))],
            ),
            None => t.get("waste.order_new_title").to_string(),
        },
        intro: t.get("waste.order_new_intro").to_string(),
        back: ("/waste/orders", "waste.order_back"),
        action: changing.map_or_else(
            || "/waste/orders/new".into(),
            |o| format!("/waste/orders/{}", o.id),
        ),
        site: match changing {
            Some(_) => None,
            None => Some(SiteSelect::of(store, "waste.order_site", &form.site).await?),
        },
        selects: Vec::new(),
        checks: vec![Checks {
            field: "fractions",
            legend: "waste.order_fractions",
            choices: ticked(
                &codes,
                |c| {
                    Fraction::parse(c)
                        .map_or(c, |f| fraction_name(t, f))
                        .to_string()
                },
                &form.fractions,
            ),
        }],
        fields: std::iter::once(field("date", "waste.order_date", &form.date, "date"))
            .chain(window_fields(
                ("window_from", "window_to"),
                ("waste.sub_window_from", "waste.sub_window_to"),
                (&form.window_from, &form.window_to),
            ))
            .chain([
                field(
                    "expected_kg",
                    "waste.order_expected_kg",
                    &form.expected_kg,
                    "text",
                ),
                field("price", "waste.order_price", &form.price, "text"),
            ])
            .collect(),
        submit: if changing.is_some() {
            "waste.order_change"
        } else {
            "waste.order_create"
        },
        ending: None,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn new(State(store): State<Store>, page: Page) -> PageResult {
    let form = OrderForm {
        date: (page.today() + Duration::days(1)).to_string(),
        window_from: "08:00".into(),
        window_to: "15:00".into(),
        ..Default::default()
    };
    shown(&store, &page, form, Vec::new(), None).await
}

async fn create(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    body: Bytes,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let form = OrderForm::read(&body);
    let (request, mut unread) = form.request(clock.today());
    let checked = orders::check_order(&by, &request, clock.today());
    if let Err(ServiceError::Invalid(wrong)) = &checked {
        unread.extend(wrong.iter().map(|e| form_field(&e.field)));
    }
    let order = match checked {
        Ok(order) if unread.is_empty() => order,
        Ok(_) | Err(ServiceError::Invalid(_)) => {
            return shown(&store, &page, form, errors(t, unread), None).await;
        }
        Err(e) => return Err(e.into()),
    };
    match orders::store_order(&store, &by, order).await {
        Ok(_) => Ok(Redirect::to("/waste/orders?saved=1").into_response()),
        Err(ServiceError::NotFound(_)) => {
            shown(&store, &page, form, errors(t, vec!["site"]), None).await
        }
        Err(e) => shown(&store, &page, form, refused(t, e)?, None).await,
    }
}

/// A refusal said beside the day, or the answer's other error.
fn refused(t: Tr, error: ServiceError) -> Result<Vec<FieldError>, ServiceError> {
    match error {
        ServiceError::Store(refusal @ StoreError::Refused(_)) => {
            Ok(vec![FieldError::new("date", refusal_said(t, &refusal))])
        }
        other => Err(other),
    }
}

/// The order in the path, if the coordinator may see it.
async fn found(store: &Store, id: &str) -> Result<StoredOrder, crate::pages::PageError> {
    store
        .order(record_id(id)?)
        .await
        .map_err(|_| crate::pages::PageError::NotFound)
}

impl OrderForm {
    fn of(o: &StoredOrder) -> Self {
        let window = o.pickup.window.to_string();
        let (from, to) = window.split_once('-').unwrap_or_default();
        Self {
            site: o.site.site_id.to_string(),
            date: o.day.to_string(),
            fractions: o
                .pickup
                .fractions
                .iter()
                .map(|f| f.code().to_string())
                .collect(),
            window_from: from.to_string(),
            window_to: to.to_string(),
            expected_kg: o.pickup.expected_kg.to_string(),
            price: Money::from_ore(o.price_ore).decimal().replace('.', ","),
        }
    }
}

/// `GET /waste/orders/{id}`: the order's form, to change it.
async fn one(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    coordinator(&page)?;
    let order = found(&store, &id).await?;
    shown(
        &store,
        &page,
        OrderForm::of(&order),
        Vec::new(),
        Some(&order),
    )
    .await
}

/// `POST /waste/orders/{id}`: withdrawn, and the changed order in its place.
async fn change(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let order = found(&store, &id).await?;
    let form = OrderForm {
        site: order.site.site_id.to_string(),
        ..OrderForm::read(&body)
    };
    let (request, mut unread) = form.request(clock.today());
    if let Err(ServiceError::Invalid(wrong)) = orders::check_order(&by, &request, clock.today()) {
        unread.extend(wrong.iter().map(|e| form_field(&e.field)));
    }
    if !unread.is_empty() {
        return shown(&store, &page, form, errors(t, unread), Some(&order)).await;
    }
    match orders::change_order(&store, &by, order.id, &request, clock.now()).await {
        Ok(_) => Ok(Redirect::to("/waste/orders?saved=1").into_response()),
        Err(e) => shown(&store, &page, form, refused(t, e)?, Some(&order)).await,
    }
}
