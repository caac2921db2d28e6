//! `/route/stops/{position}`: one stop per screen. At a site, the weighing form — kg per
//! fraction, or nothing to collect, closed, contaminated (with a note); at a hub, the kg
//! unloaded. Each form carries a `submission` id made when it is shown: the same form sent
//! twice (a double tap, a phone that resends) is recorded once, and the answer says so.

use super::{Day, Stop, What, fraction_name, me, stops};
use crate::pages::i18n::Tr;
use crate::pages::{
    Errors, FieldError, Layout, Page, PageError, PageResult, names, refusal_said, render,
};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use domain::waste::{Fraction, MAX_NOTE_CHARS, MAX_PICKUP_KG, PickupProblem, pickup_problems};
use service::ServiceError;
use service::flexwaste::weighing::{self, Unload};
use std::collections::BTreeMap;
use store::accounts::random_token;
use store::waste::{Outcome, PickupReport};
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/route/stops/{position}", get(show).post(record))
}

/// A weight field of the form, as shown again with what was typed.
pub struct KgField {
    pub id: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "driver/stop.html")]
struct StopPage {
    layout: Layout,
    errors: Vec<FieldError>,
    csrf: String,
    stop: Stop,
    /// The route sheet, with the day's query.
    back: String,
    /// This form's id, sent back with it.
    submission: String,
    /// A site: one per fraction; a hub: the kg unloaded.
    kg: Vec<KgField>,
    note: String,
    /// The longest note kept, for the field's `maxlength`.
    note_max: usize,
    /// "About 25 kg is expected."
    expected: Option<String>,
}

impl StopPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The form field of a fraction's weight.
fn kg_id(fraction: Fraction) -> &'static str {
    match fraction {
        Fraction::Food => "kg_food",
        Fraction::Paper => "kg_paper",
        Fraction::Cardboard => "kg_cardboard",
        Fraction::Glass => "kg_glass",
        Fraction::Metal => "kg_metal",
        Fraction::Plastic => "kg_plastic",
        Fraction::SoftPlastic => "kg_soft_plastic",
        Fraction::HardPlastic => "kg_hard_plastic",
        Fraction::FoodAndDrinkCartons => "kg_food_and_drink_cartons",
        Fraction::Hazardous => "kg_hazardous",
        Fraction::Textile => "kg_textile",
        Fraction::Residual => "kg_residual",
    }
}

/// The unloading form's weight field.
const UNLOAD_KG: &str = "kg";

/// The stop page: `values` are what was sent (field name to text), kept when refused.
fn stop_page(
    page: &Page,
    csrf: &str,
    day: Day,
    stop: Stop,
    submission: String,
    values: &BTreeMap<String, String>,
    errors: Vec<FieldError>,
) -> StopPage {
    let t = page.t;
    let value = |id: &str| values.get(id).cloned().unwrap_or_default();
    let kg = if stop.is_hub() {
        vec![KgField {
            id: UNLOAD_KG,
            label: t.get("driver.unload_kg").to_string(),
            value: value(UNLOAD_KG),
        }]
    } else {
        stop.fractions()
            .iter()
            .map(|f| KgField {
                id: kg_id(*f),
                label: t.fill("driver.kg_label", &[("fraction", fraction_name(t, *f))]),
                value: value(kg_id(*f)),
            })
            .collect()
    };
    let expected = (stop.is_site() && stop.expected_kg > 0)
        .then(|| t.fill("driver.expected", &[("kg", &stop.expected_kg.to_string())]));
    StopPage {
        note_max: MAX_NOTE_CHARS,
        layout: page.layout(),
        errors,
        csrf: csrf.to_string(),
        back: format!("/route{}", day.query()),
        submission,
        kg,
        note: value("note"),
        expected,
        stop,
    }
}

/// The stop at `position` of the driver's day, or not found.
async fn find(store: &Store, page: &Page, day: Day, position: &str) -> Result<Stop, PageError> {
    let number: usize = position.parse().map_err(|_| PageError::NotFound)?;
    stops(store, page, day)
        .await?
        .into_iter()
        .find(|s| s.number == number)
        .ok_or(PageError::NotFound)
}

async fn show(
    State(store): State<Store>,
    page: Page,
    Path(position): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let (caller, _) = me(&page)?;
    let day = Day::of(&query, page.today())?;
    let stop = find(&store, &page, day, &position).await?;
    let body = stop_page(
        &page,
        &caller.csrf,
        day,
        stop,
        random_token(),
        &BTreeMap::new(),
        Vec::new(),
    );
    Ok(render(&body))
}

/// Why a typed weight was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KgProblem {
    NotANumber,
    Negative,
    TooMuch,
}

/// A typed weight in grams: kg with at most one decimal, by point or comma ("12,5");
/// empty is `None`. More than `max_kg` (when given) is refused as a typing slip.
fn parse_kg(text: &str, max_kg: Option<u32>) -> Result<Option<i64>, KgProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let (whole, tenth) = match digits.split_once([',', '.']) {
        Some((w, d)) => (w, d),
        None => (digits, ""),
    };
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 6
        || !is_digits(whole)
        || tenth.len() > 1
        || !is_digits(tenth)
    {
        return Err(KgProblem::NotANumber);
    }
    let grams = whole.parse::<i64>().map_err(|_| KgProblem::NotANumber)? * 1000
        + tenth.parse::<i64>().unwrap_or(0) * 100;
    if negative && grams > 0 {
        return Err(KgProblem::Negative);
    }
    if max_kg.is_some_and(|max| grams > i64::from(max) * 1000) {
        return Err(KgProblem::TooMuch);
    }
    Ok(Some(grams))
}

/// The error for a refused weight, named after its field.
fn kg_error(t: Tr, field: &'static str, what: &str, problem: KgProblem) -> FieldError {
    let key = match problem {
        KgProblem::NotANumber => "driver.error_kg_number",
        KgProblem::Negative => "driver.error_kg_negative",
        KgProblem::TooMuch => "driver.error_kg_too_much",
    };
    FieldError::new(
        field,
        t.fill(key, &[("what", what), ("max", &MAX_PICKUP_KG.to_string())]),
    )
}

/// A submission id as the form sends it: the random hex the page made, or near enough.
fn submission_of(values: &BTreeMap<String, String>) -> Option<String> {
    values
        .get("submission")
        .map(|s| s.trim().to_string())
        .filter(|s| {
            (16..=128).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// What a site's form says, checked.
#[derive(Debug, Clone, PartialEq)]
struct Said {
    outcome: Outcome,
    /// Grams per fraction, those weighed above 0 (collected only).
    weighed: Vec<(Fraction, i64)>,
    note: Option<String>,
}

/// What a site's form says, or every field that is wrong.
fn read_pickup(
    t: Tr,
    fractions: &[Fraction],
    values: &BTreeMap<String, String>,
) -> Result<Said, Vec<FieldError>> {
    let mut errors = Errors::new();
    let outcome = values.get("outcome").and_then(|o| Outcome::parse(o));
    let note = values
        .get("note")
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let mut weighed = Vec::new();
    if outcome == Some(Outcome::Collected) {
        for f in fractions {
            let text = values.get(kg_id(*f)).map_or("", String::as_str);
            match parse_kg(text, None) {
                Ok(Some(grams)) if grams > 0 => weighed.push((*f, grams)),
                Ok(_) => {}
                Err(problem) => errors.add(kg_error(t, kg_id(*f), fraction_name(t, *f), problem)),
            }
        }
    }
    // A weight that could not be read is its own error; nothing weighed is said only
    // when every weight was read.
    let weights_read = errors.is_empty();
    match outcome {
        None => errors.push("outcome", t.get("driver.error_outcome")),
        // The report's rules are the domain's, as the store keeps them; the page says
        // them in its language, on the field at fault.
        Some(outcome) => {
            for problem in pickup_problems(outcome, &weighed, note.as_deref()) {
                errors.add(match problem {
                    PickupProblem::NoteMissing => {
                        FieldError::new("note", t.get("driver.error_note"))
                    }
                    PickupProblem::NoteTooLong => FieldError::new(
                        "note",
                        t.fill(
                            "driver.error_note_long",
                            &[("max", &MAX_NOTE_CHARS.to_string())],
                        ),
                    ),
                    PickupProblem::NothingWeighed if weights_read => FieldError::new(
                        fractions.first().map_or("outcome", |f| kg_id(*f)),
                        t.get("driver.error_no_kg"),
                    ),
                    PickupProblem::TooHeavy { fraction, .. } => {
                        let what = fraction_name(t, fraction);
                        kg_error(t, kg_id(fraction), what, KgProblem::TooMuch)
                    }
                    // Weights below zero cannot be typed: the field's own parse refuses them.
                    PickupProblem::NothingWeighed | PickupProblem::NegativeWeight { .. } => {
                        continue;
                    }
                });
            }
        }
    }
    errors.finish(|| {
        Some(Said {
            outcome: outcome?,
            weighed,
            note,
        })
    })
}

/// The weight a hub's form says, or the error.
fn read_unload(t: Tr, values: &BTreeMap<String, String>) -> Result<i64, FieldError> {
    let text = values.get(UNLOAD_KG).map_or("", String::as_str);
    let what = t.get("driver.unload_kg");
    match parse_kg(text, None) {
        Ok(Some(grams)) => Ok(grams),
        Ok(None) => Err(FieldError::new(
            UNLOAD_KG,
            t.get("driver.error_unload_missing"),
        )),
        Err(problem) => Err(kg_error(t, UNLOAD_KG, what, problem)),
    }
}

async fn record(
    State(store): State<Store>,
    page: Page,
    Path(position): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    body: Bytes,
) -> PageResult {
    let (caller, person) = me(&page)?;
    let t = page.t;
    let day = Day::of(&query, page.today())?;
    let stop = find(&store, &page, day, &position).await?;
    let number = stop.number;
    if matches!(stop.what, What::Depot) {
        return Err(PageError::NotFound);
    }
    let values: BTreeMap<String, String> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    // A stop recorded already, by this form or another, is not recorded again; a
    // site's report is corrected while the day is open, by a form that says so.
    let correcting = stop.done() && stop.correctable && values.contains_key("correct");
    if stop.done() && !correcting {
        return Ok(Redirect::to(&day.sheet_after(number, true)).into_response());
    }
    let submission = submission_of(&values);
    let refuse = |stop: Stop, errors: Vec<FieldError>| -> PageResult {
        let id = submission.clone().unwrap_or_else(random_token);
        let body = stop_page(&page, &caller.csrf, day, stop, id, &values, errors);
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&body)).into_response())
    };
    let retry_field = if stop.is_hub() { UNLOAD_KG } else { "outcome" };
    let try_again = || FieldError::new(retry_field, t.get("driver.error_try_again"));
    let Some(id) = submission.clone() else {
        let error = try_again();
        return refuse(stop, vec![error]);
    };
    let now = page.now;
    let new = match stop.what.clone() {
        What::Site { site_id, fractions } => {
            let said = match read_pickup(t, &fractions, &values) {
                Ok(said) => said,
                Err(errors) => return refuse(stop, errors),
            };
            let report = PickupReport {
                submission: id,
                site_id,
                day: day.date,
                outcome: said.outcome,
                weighed: said.weighed,
                note: said.note,
                at: now,
                vehicle_id: stop.vehicle_id,
                driver_id: Some(person),
            };
            let recorded = if correcting {
                weighing::correct_pickup(&store, &caller.actor(), report).await
            } else {
                weighing::record_pickup(&store, &caller.actor(), report).await
            };
            match recorded {
                Ok(new) => new,
                Err(ServiceError::Store(StoreError::Invalid(_))) => {
                    let error = try_again();
                    return refuse(stop, vec![error]);
                }
                Err(ServiceError::Store(closed @ StoreError::Refused(_))) => {
                    let error = FieldError::new(retry_field, refusal_said(t, &closed));
                    return refuse(stop, vec![error]);
                }
                Err(e) => return Err(e.into()),
            }
        }
        What::Hub { place_id } => {
            let grams = match read_unload(t, &values) {
                Ok(grams) => grams,
                Err(error) => return refuse(stop, vec![error]),
            };
            let unload = Unload {
                submission: id,
                route_id: stop.route_id,
                place_id,
                grams,
                at: now,
            };
            match weighing::record_unload(&store, &caller.actor(), day.date, &unload).await {
                Ok(new) => new,
                Err(ServiceError::Store(StoreError::Invalid(_))) => {
                    let error = try_again();
                    return refuse(stop, vec![error]);
                }
                Err(ServiceError::Store(closed @ StoreError::Refused(_))) => {
                    let error = FieldError::new(retry_field, refusal_said(t, &closed));
                    return refuse(stop, vec![error]);
                }
                Err(e) => return Err(e.into()),
            }
        }
        What::Depot => return Err(PageError::NotFound),
    };
    Ok(Redirect::to(&day.sheet_after(number, !new)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::Lang;

    #[test]
    fn weights_are_kg_with_one_decimal() {
        assert_eq!(parse_kg("12", None), Ok(Some(12_000)));
        assert_eq!(parse_kg(" 12,5 ", None), Ok(Some(12_500)));
        assert_eq!(parse_kg("0.5", None), Ok(Some(500)));
        assert_eq!(parse_kg("", None), Ok(None));
        assert_eq!(parse_kg("-0", None), Ok(Some(0)));
        assert_eq!(parse_kg("-3", None), Err(KgProblem::Negative));
        assert_eq!(parse_kg("12,55", None), Err(KgProblem::NotANumber));
        assert_eq!(parse_kg("tolv", None), Err(KgProblem::NotANumber));
        assert_eq!(parse_kg(",5", None), Err(KgProblem::NotANumber));
        assert_eq!(parse_kg("1e3", None), Err(KgProblem::NotANumber));
        assert_eq!(parse_kg("300", Some(300)), Ok(Some(300_000)));
        assert_eq!(parse_kg("300,1", Some(300)), Err(KgProblem::TooMuch));
    }

    #[test]
    fn a_pickup_form_names_every_wrong_field() {
        let t = Tr::new(Lang::En);
        let both = [Fraction::Cardboard, Fraction::SoftPlastic];
        let form = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let fields = |r: Result<_, Vec<FieldError>>| -> Vec<String> {
            r.unwrap_err().into_iter().map(|e| e.field).collect()
        };
        let ok = read_pickup(
            t,
            &both,
            &form(&[("outcome", "collected"), ("kg_cardboard", "12,5")]),
        )
        .unwrap();
        assert_eq!(ok.outcome, Outcome::Collected);
        assert_eq!(ok.weighed, [(Fraction::Cardboard, 12_500)]);
        assert_eq!(
            fields(read_pickup(
                t,
                &both,
                &form(&[
                    ("outcome", "collected"),
                    ("kg_cardboard", "-1"),
                    ("kg_soft_plastic", "x")
                ])
            )),
            ["kg_cardboard", "kg_soft_plastic"]
        );
        assert_eq!(
            fields(read_pickup(t, &both, &form(&[("outcome", "collected")]))),
            ["kg_cardboard"]
        );
        assert_eq!(
            fields(read_pickup(
                t,
                &both,
                &form(&[("outcome", "contaminated"), ("note", " ")])
            )),
            ["note"]
        );
        assert_eq!(fields(read_pickup(t, &both, &form(&[]))), ["outcome"]);
        // Weights typed before pressing "Closed" do not matter.
        let closed = read_pickup(
            t,
            &both,
            &form(&[("outcome", "closed"), ("kg_cardboard", "x")]),
        )
        .unwrap();
        assert_eq!((closed.outcome, closed.weighed.len()), (Outcome::Closed, 0));
    }
}
