//! The people list and a person's profile. Functional limits are health data (GDPR
//! Article 9): the profile never shows them; only the limits form does, after the
//! coordinator has said why, through the store's logged read, and that answer shows the
//! log of every read beside them.

use super::{Pager, coordinator, hours, page_number, record_id, stored_time};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, locale, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Weekday;
use domain::calendar::AbsenceKind;
use domain::contact::Locale;
use domain::person::ReadPurpose;
use domain::person::{EmploymentForm, FunctionalLimits, Person, PersonStatus};
use domain::problem::BriefProblem;
use serde::Deserialize;
use service::records::people;
use std::collections::BTreeMap;
use store::people::PeopleFilter;
use store::{Store, Stored};

/// How many of the newest logged reads the answer page lists.
const READS_SHOWN: usize = 50;

/// The people routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(list))
        .route("/people/{id}", get(profile))
        .route("/people/{id}/limits", get(to_profile).post(limits))
}

/// A status in the page's language.
fn status_label(code: &str, t: Tr) -> &'static str {
    match code {
        "referred" => t.get("coordinator.status_referred"),
        "in_course" => t.get("coordinator.status_in_course"),
        "active" => t.get("coordinator.status_active"),
        "paused" => t.get("coordinator.status_paused"),
        _ => t.get("coordinator.status_left"),
    }
}

fn employment_label(form: EmploymentForm, t: Tr) -> &'static str {
    match form {
        EmploymentForm::SmallJob => t.get("coordinator.employment_small_job"),
        EmploymentForm::FlexJob { .. } => t.get("coordinator.employment_flex_job"),
        EmploymentForm::Other => t.get("coordinator.employment_other"),
    }
}

fn weekday(day: Weekday, t: Tr) -> &'static str {
    match day {
        Weekday::Mon => t.get("coordinator.day_mon"),
        Weekday::Tue => t.get("coordinator.day_tue"),
        Weekday::Wed => t.get("coordinator.day_wed"),
        Weekday::Thu => t.get("coordinator.day_thu"),
        Weekday::Fri => t.get("coordinator.day_fri"),
        Weekday::Sat => t.get("coordinator.day_sat"),
        Weekday::Sun => t.get("coordinator.day_sun"),
    }
}

fn absence_label(kind: AbsenceKind, t: Tr) -> &'static str {
    match kind {
        AbsenceKind::Holiday => t.get("coordinator.absence_holiday"),
        AbsenceKind::Sick => t.get("coordinator.absence_sick"),
        AbsenceKind::Other => t.get("coordinator.absence_other"),
    }
}

/// One choice of the status filter.
struct StatusChoice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

/// One person in the list.
struct PersonRow {
    id: i64,
    name: String,
    status: &'static str,
    cap: String,
}

#[derive(Template)]
#[template(path = "coordinator/people.html")]
struct PeopleList {
    layout: Layout,
    rows: Vec<PersonRow>,
    /// "12 people" in the page's language.
    count: String,
    choices: Vec<StatusChoice>,
    pager: Pager,
}

async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    // A status the list does not know filters nothing rather than failing the page.
    let status = query
        .get("status")
        .map(|s| s.trim())
        .filter(|s| PersonStatus::CODES.contains(s))
        .map(str::to_string);
    let (number, request) = page_number(&query);
    let filter = PeopleFilter {
        status: status.clone(),
    };
    let found = people::list(&store, &caller.actor(), &filter, request).await?;
    let rows = found
        .items
        .iter()
        .map(|p| PersonRow {
            id: p.meta.id,
            name: p.value.name.clone(),
            status: status_label(p.value.status.code(), t),
            cap: hours(p.value.weekly_cap.minutes(), t),
        })
        .collect();
    let choices = PersonStatus::CODES
        .iter()
        .map(|code| StatusChoice {
            code,
            label: status_label(code, t),
            selected: status.as_deref() == Some(*code),
        })
        .collect();
    let keep = status.map(|s| format!("status={s}")).unwrap_or_default();
    Ok(render(&PeopleList {
        layout: page.layout(),
        rows,
        count: t.fill(
            "coordinator.people_count",
            &[("count", &found.total.to_string())],
        ),
        choices,
        pager: super::Pager::new(t, "/people", &keep, number, found.total),
    }))
}

/// A person as the profile shows them, in the page's language; never their limits.
struct PersonView {
    id: i64,
    name: String,
    phone: String,
    email: String,
    address: String,
    language: &'static str,
    languages: String,
    status: &'static str,
    employment: &'static str,
    target: String,
    cap: String,
    availability: Vec<String>,
    absences: Vec<String>,
    skills: Vec<&'static str>,
}

fn view(stored: &Stored<Person>, t: Tr) -> PersonView {
    let p = &stored.value;
    PersonView {
        id: stored.meta.id,
        name: p.name.clone(),
        phone: p.phone.as_str().to_string(),
        email: p.email.as_str().to_string(),
        address: p.home.line.clone(),
        language: match p.preferred_language {
            Locale::Da => t.get("coordinator.language_da"),
            Locale::En => t.get("coordinator.language_en"),
        },
        languages: p
            .languages
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        status: status_label(p.status.code(), t),
        employment: employment_label(p.employment, t),
        target: hours(p.weekly_target.minutes(), t),
        cap: hours(p.weekly_cap.minutes(), t),
        availability: p
            .availability
            .slots()
            .iter()
            .map(|(day, window)| format!("{} {window}", weekday(*day, t)))
            .collect(),
        absences: p
            .absences
            .list()
            .iter()
            .map(|a| {
                let dates = if a.from == a.to {
                    a.from.to_string()
                } else {
                    format!("{} – {}", a.from, a.to)
                };
                format!("{dates}: {}", absence_label(a.kind, t))
            })
            .collect(),
        skills: p.skills.iter().map(|s| s.label(locale(t))).collect(),
    }
}

/// One functional limit as a line of the answer page.
struct LimitRow {
    what: &'static str,
    value: String,
}

fn limit_rows(l: &FunctionalLimits, t: Tr) -> Vec<LimitRow> {
    let none = || t.get("coordinator.limits_none").to_string();
    let minutes = |m: Option<u16>| {
        m.map(|m| t.fill("coordinator.minutes_value", &[("minutes", &m.to_string())]))
            .unwrap_or_else(none)
    };
    vec![
        LimitRow {
            what: t.get("coordinator.limits_max_lift"),
            value: l
                .max_lift_kg
                .map(|kg| t.fill("coordinator.kg_value", &[("kg", &kg.to_string())]))
                .unwrap_or_else(none),
        },
        LimitRow {
            what: t.get("coordinator.limits_max_stretch"),
            value: minutes(l.max_stretch_minutes),
        },
        LimitRow {
            what: t.get("coordinator.limits_indoor_only"),
            value: super::yes_no(l.indoor_only, t).into(),
        },
        LimitRow {
            what: t.get("coordinator.limits_not_before"),
            value: l.not_before.map(|c| c.to_string()).unwrap_or_else(none),
        },
        LimitRow {
            what: t.get("coordinator.limits_needs_colleague"),
            value: super::yes_no(l.needs_colleague, t).into(),
        },
        LimitRow {
            what: t.get("coordinator.limits_max_travel"),
            value: minutes(l.max_travel_minutes),
        },
    ]
}

/// One logged read of the limits.
struct ReadRow {
    by: String,
    purpose: String,
    at: String,
}

#[derive(Template)]
#[template(path = "coordinator/person.html")]
struct Profile {
    layout: Layout,
    csrf: String,
    /// The longest purpose the access log keeps, for the field's `maxlength`.
    purpose_max: usize,
    person: PersonView,
    purpose: String,
    errors: Vec<FieldError>,
    /// Only on the answer to the limits form.
    limits: Option<Vec<LimitRow>>,
    reads: Vec<ReadRow>,
    /// Said when the log holds more reads than are listed.
    reads_note: Option<String>,
    /// Said after the person's details were saved.
    notice: Option<String>,
}

impl Profile {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

async fn profile(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let person = people::get(&store, &caller.actor(), record_id(&id)?).await?;
    let notice = query
        .contains_key("saved")
        .then(|| page.t.get("coordinator.person_form.saved").to_string());
    Ok(render(&Profile {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        purpose_max: ReadPurpose::MAX_CHARS,
        person: view(&person, page.t),
        purpose: String::new(),
        errors: Vec::new(),
        limits: None,
        reads: Vec::new(),
        reads_note: None,
        notice,
    }))
}

/// The limits form's address opened as a page: the profile, whose form must be sent to
/// show anything.
async fn to_profile(Path(id): Path<String>) -> Response {
    match id.parse::<i64>() {
        Ok(id) => super::see_other(&format!("/people/{id}")),
        Err(_) => super::see_other("/people"),
    }
}

/// The limits form: why the coordinator needs to see them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LimitsForm {
    purpose: String,
}

async fn limits(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    form: Result<Form<LimitsForm>, FormRejection>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let id = record_id(&id)?;
    let by = caller.actor();
    let person = people::get(&store, &by, id).await?;
    let sent = form.map(|f| f.0.purpose).unwrap_or_default();
    let purpose = ReadPurpose::parse(&sent);
    let errors = match purpose {
        Ok(_) => Vec::new(),
        Err(problem) => vec![FieldError::new(
            "purpose",
            match problem {
                BriefProblem::Missing => t.get("coordinator.limits_purpose_missing").into(),
                BriefProblem::TooLong => t.fill(
                    "coordinator.limits_purpose_long",
                    &[("max", &ReadPurpose::MAX_CHARS.to_string())],
                ),
                BriefProblem::ControlCharacter => t.get("common.control_characters_text").into(),
            },
        )],
    };
    let mut body = Profile {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        purpose_max: ReadPurpose::MAX_CHARS,
        person: view(&person, t),
        purpose: sent.trim().to_string(),
        errors,
        limits: None,
        reads: Vec::new(),
        reads_note: None,
        notice: None,
    };
    let Ok(purpose) = purpose else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&body)).into_response());
    };
    let limits = people::limits(&store, &by, id, &purpose).await?;
    body.limits = Some(limit_rows(&limits, t));
    let reads = people::limit_reads(&store, &by, id).await?;
    // Every planning run reads everyone's limits, so the log grows weekly: the newest
    // reads answer "who has seen this lately", and the API has the whole log.
    if reads.len() > READS_SHOWN {
        body.reads_note = Some(t.fill(
            "coordinator.reads_more",
            &[
                ("shown", &READS_SHOWN.to_string()),
                ("total", &reads.len().to_string()),
            ],
        ));
    }
    body.reads = reads
        .into_iter()
        .take(READS_SHOWN)
        .map(|r| ReadRow {
            at: stored_time(&r.read_at),
            by: r.read_by,
            purpose: r.purpose,
        })
        .collect();
    // Health data must not linger in caches or be shown again by the back button.
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        render(&body),
    )
        .into_response())
}
