//! Flex Waste's subscriptions in the pages (`/waste/subscriptions`): every site's
//! standing pickups with their prices; a new one; new terms from a day (the old ones
//! end the day before, so what ran keeps its price); and an end. The form is read into
//! the API's `SubscriptionRequest`, so the same rules decide.
//!
//! - [`list`]: the list, running and ended.
//! - here: the forms — new, change from a day, end.

mod list;

use super::form::{
    Checks, Ending, FormPage, SiteSelect, all_of, ending_day, field, one_of, ticked, window_fields,
};
use crate::pages::coordinator::records::form;
use crate::pages::coordinator::records::{coordinator, record_id};
use crate::pages::driver::fraction_name;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Page, PageResult, refusal_said, render, weekday_name};
use crate::state::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use chrono::{NaiveDate, Weekday};
use domain::money::Money;
use domain::waste::Fraction;
use service::flexwaste::changes;
use service::flexwaste::records::{self, EndRequest, SubscriptionOut, SubscriptionRequest};
use service::{Clock, ServiceError};
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/waste/subscriptions", get(list::list))
        .route("/waste/subscriptions/new", get(new).post(create))
        .route("/waste/subscriptions/{id}", get(one))
        .route("/waste/subscriptions/{id}/change", post(change))
        .route("/waste/subscriptions/{id}/end", post(end))
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];
const WEEKDAY_CODES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The form's fields in order; each wrong one is said by `waste.sub_bad_` + field.
const FIELD_ORDER: [&str; 11] = [
    "site",
    "fractions",
    "weekdays",
    "window_from",
    "window_to",
    "expected_kg",
    "expected_litres",
    "price",
    "fee",
    "starts_on",
    "ends",
];

/// The form as sent, as text, so a wrong field is shown as typed.
#[derive(Debug, Clone, Default)]
struct SubscriptionForm {
    site: String,
    fractions: Vec<String>,
    weekdays: Vec<String>,
    window_from: String,
    window_to: String,
    expected_kg: String,
    expected_litres: String,
    price: String,
    fee: String,
    starts_on: String,
}

impl SubscriptionForm {
    fn read(body: &[u8]) -> Self {
        Self {
            site: one_of(body, "site"),
            fractions: all_of(body, "fractions"),
            weekdays: all_of(body, "weekdays"),
            window_from: one_of(body, "window_from"),
            window_to: one_of(body, "window_to"),
            expected_kg: one_of(body, "expected_kg"),
            expected_litres: one_of(body, "expected_litres"),
            price: one_of(body, "price"),
            fee: one_of(body, "fee"),
            starts_on: one_of(body, "starts_on"),
        }
    }

    fn of(s: &SubscriptionOut, starts_on: NaiveDate) -> Self {
        let (from, to) = s.window.split_once('-').unwrap_or_default();
        let kroner = |ore: i64| Money::from_ore(ore).decimal().replace('.', ",");
        Self {
            site: s.site_id.to_string(),
            fractions: s
                .fractions
                .split(',')
                .map(|c| c.trim().to_string())
                .collect(),
            weekdays: s
                .weekdays
                .split(',')
                .map(|c| c.trim().to_string())
                .collect(),
            window_from: from.to_string(),
            window_to: to.to_string(),
            expected_kg: s.expected_kg.to_string(),
            expected_litres: s.expected_litres.to_string(),
            price: kroner(s.price_per_pickup_ore),
            fee: kroner(s.monthly_fee_ore),
            starts_on: starts_on.to_string(),
        }
    }

    /// The API's request, and the fields that could not be read at all.
    fn request(&self) -> (SubscriptionRequest, Vec<&'static str>) {
        let mut unread = Vec::new();
        let mut number = |name: &'static str, text: &str| -> u32 {
            text.trim().parse().unwrap_or_else(|_| {
                unread.push(name);
                0
            })
        };
        let expected_kg = number("expected_kg", &self.expected_kg);
        let expected_litres = number("expected_litres", &self.expected_litres);
        let mut kroner = |name: &'static str, text: &str, blank: Option<i64>| {
            if text.trim().is_empty() && blank.is_some() {
                return blank;
            }
            Money::parse_kroner(text)
                .map(Money::ore)
                .map_err(|_| unread.push(name))
                .ok()
        };
        let price = kroner("price", &self.price, None);
        let fee = kroner("fee", &self.fee, Some(0)).unwrap_or(0);
        let request = SubscriptionRequest {
            site_id: self.site.trim().parse().ok(),
            fractions: self.fractions.join(", "),
            weekdays: self.weekdays.join(", "),
            window: format!("{}-{}", self.window_from.trim(), self.window_to.trim()),
            expected_kg,
            expected_litres,
            price_per_pickup_ore: price,
            monthly_fee_ore: fee,
            starts_on: self.starts_on.trim().to_string(),
        };
        (request, unread)
    }
}

/// The form field an API field is read from.
fn form_field(api: &str) -> &'static str {
    match api {
        "site_id" => "site",
        "fractions" => "fractions",
        "weekdays" => "weekdays",
        "window" => "window_from",
        "expected_kg" => "expected_kg",
        "expected_litres" => "expected_litres",
        "monthly_fee_ore" => "fee",
        "starts_on" => "starts_on",
        _ => "price",
    }
}

fn errors(t: Tr, fields: Vec<&'static str>) -> Vec<FieldError> {
    form::errors(t, fields, &FIELD_ORDER, "waste.sub_bad_")
}

/// Where a form posts and what it says.
struct Place {
    heading: String,
    action: String,
    /// The subscription being changed, with its end form.
    changing: Option<i64>,
}

async fn shown(
    store: &Store,
    page: &Page,
    place: Place,
    form: SubscriptionForm,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let status = form::status(&errors);
    let site = match place.changing {
        Some(_) => None,
        None => Some(SiteSelect::of(store, "waste.sub_site", &form.site).await?),
    };
    let fraction_codes: Vec<&'static str> = Fraction::COLLECTED.iter().map(|f| f.code()).collect();
    let ending = place.changing.map(|id| Ending {
        action: format!("/waste/subscriptions/{id}/end"),
        heading: "waste.sub_end_title",
        help: t.get("waste.sub_end_help").to_string(),
        label: "waste.sub_end_label",
        value: String::new(),
        button: "waste.sub_end",
    });
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: place.heading,
        intro: t
            .get(if place.changing.is_some() {
                "waste.sub_change_intro"
            } else {
                "waste.sub_new_intro"
            })
            .to_string(),
        back: ("/waste/subscriptions", "waste.sub_back"),
        action: place.action,
        site,
        selects: Vec::new(),
        checks: vec![
            Checks {
                field: "fractions",
                legend: "waste.sub_fractions",
                choices: ticked(
                    &fraction_codes,
                    |c| {
                        Fraction::parse(c)
                            .map_or(c, |f| fraction_name(t, f))
                            .to_string()
                    },
                    &form.fractions,
                ),
            },
            Checks {
                field: "weekdays",
                legend: "waste.sub_weekdays",
                choices: ticked(
                    &WEEKDAY_CODES,
                    |c| {
                        let i = WEEKDAY_CODES.iter().position(|w| *w == c).unwrap_or(0);
                        weekday_name(t, WEEKDAYS[i], true).to_string()
                    },
                    &form.weekdays,
                ),
            },
        ],
        fields: window_fields(
            ("window_from", "window_to"),
            ("waste.sub_window_from", "waste.sub_window_to"),
            (&form.window_from, &form.window_to),
        )
        .into_iter()
        .chain([
            field(
                "expected_kg",
                "waste.sub_expected_kg",
                &form.expected_kg,
                "text",
            ),
            field(
                "expected_litres",
                "waste.sub_expected_litres",
                &form.expected_litres,
                "text",
            ),
            field("price", "waste.sub_price", &form.price, "text"),
            field("fee", "waste.sub_fee", &form.fee, "text"),
            field(
                "starts_on",
                if place.changing.is_some() {
                    "waste.sub_change_from"
                } else {
                    "waste.sub_starts_on"
                },
                &form.starts_on,
                "date",
            ),
        ])
        .collect(),
        submit: if place.changing.is_some() {
            "waste.sub_change"
        } else {
            "waste.sub_create"
        },
        ending,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

fn new_place(t: Tr) -> Place {
    Place {
        heading: t.get("waste.sub_new_title").to_string(),
        action: "/waste/subscriptions/new".into(),
        changing: None,
    }
}

async fn new(State(store): State<Store>, page: Page) -> PageResult {
    let form = SubscriptionForm {
        weekdays: vec!["Mon".into()],
        window_from: "09:00".into(),
        window_to: "11:00".into(),
        starts_on: page.today().to_string(),
        ..Default::default()
    };
    shown(&store, &page, new_place(page.t), form, Vec::new()).await
}

/// The wrong fields of a service answer, a refusal said beside `at`, or the answer's
/// other error.
fn refused(t: Tr, error: ServiceError, at: &str) -> Result<Vec<FieldError>, ServiceError> {
    match error {
        ServiceError::Invalid(wrong) => Ok(errors(
            t,
            wrong.iter().map(|e| form_field(&e.field)).collect(),
        )),
        ServiceError::Store(refusal @ StoreError::Refused(_)) => {
            Ok(vec![FieldError::new(at, refusal_said(t, &refusal))])
        }
        ServiceError::Store(StoreError::Invalid(wrong)) => Ok(errors(
            t,
            wrong.iter().map(|e| form_field(&e.field)).collect(),
        )),
        ServiceError::Store(StoreError::NotFound { .. }) => Ok(errors(t, vec!["site"])),
        other => Err(other),
    }
}

/// The request the form describes, or its wrong fields: those it could not read and
/// those the service's checks refuse, together.
fn checked(
    t: Tr,
    form: &SubscriptionForm,
    today: NaiveDate,
    needs_site: bool,
) -> Result<SubscriptionRequest, Vec<FieldError>> {
    let (request, mut unread) = form.request();
    if let Err(ServiceError::Invalid(wrong)) = records::check_terms(&request, today, needs_site) {
        unread.extend(wrong.iter().map(|e| form_field(&e.field)));
    }
    if unread.is_empty() {
        Ok(request)
    } else {
        Err(errors(t, unread))
    }
}

async fn create(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    body: Bytes,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let form = SubscriptionForm::read(&body);
    let request = match checked(t, &form, clock.today(), true) {
        Ok(request) => request,
        Err(errors) => return shown(&store, &page, new_place(t), form, errors).await,
    };
    match records::add_subscription(&store, &by, &request, clock.today()).await {
        Ok(_) => Ok(Redirect::to("/waste/subscriptions?saved=1").into_response()),
        Err(e) => {
            let errors = refused(t, e, "fractions")?;
            shown(&store, &page, new_place(t), form, errors).await
        }
    }
}

async fn found(
    store: &Store,
    page: &Page,
    id: &str,
) -> Result<SubscriptionOut, crate::pages::PageError> {
    let by = coordinator(page)?.actor();
    let id = record_id(id)?;
    records::subscriptions(store, &by)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(crate::pages::PageError::NotFound)
}

fn change_place(t: Tr, s: &SubscriptionOut) -> Place {
    Place {
        heading: t.fill(
            "waste.sub_change_title",
            &[("site", &format!("{} – {}", s.company, s.site))],
        ),
        action: format!("/waste/subscriptions/{}/change", s.id),
        changing: Some(s.id),
    }
}

/// `GET /waste/subscriptions/{id}`: its terms to change from a day, and its end.
async fn one(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let s = found(&store, &page, &id).await?;
    let form = SubscriptionForm::of(&s, page.today());
    shown(&store, &page, change_place(page.t, &s), form, Vec::new()).await
}

async fn change(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let s = found(&store, &page, &id).await?;
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let form = SubscriptionForm::read(&body);
    let request = match checked(t, &form, clock.today(), false) {
        Ok(request) => request,
        Err(errors) => return shown(&store, &page, change_place(t, &s), form, errors).await,
    };
    match changes::change_subscription(&store, &by, s.id, &request, clock.today()).await {
        Ok(_) => Ok(Redirect::to("/waste/subscriptions?saved=1").into_response()),
        Err(e) => {
            let errors = refused(t, e, "starts_on")?;
            shown(&store, &page, change_place(t, &s), form, errors).await
        }
    }
}

async fn end(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let s = found(&store, &page, &id).await?;
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let request = EndRequest {
        ends_on: ending_day(&body, clock.today()),
    };
    match records::end_subscription(&store, &by, s.id, &request, clock.today()).await {
        Ok(_) => Ok(Redirect::to("/waste/subscriptions?saved=1").into_response()),
        Err(ServiceError::Invalid(_) | ServiceError::Store(StoreError::Invalid(_))) => {
            let form = SubscriptionForm::of(&s, page.today());
            shown(
                &store,
                &page,
                change_place(t, &s),
                form,
                errors(t, vec!["ends"]),
            )
            .await
        }
        Err(ServiceError::Store(refusal @ StoreError::Refused(_))) => {
            let form = SubscriptionForm::of(&s, page.today());
            let said = vec![FieldError::new("ends", refusal_said(t, &refusal))];
            shown(&store, &page, change_place(t, &s), form, said).await
        }
        Err(e) => Err(e.into()),
    }
}
