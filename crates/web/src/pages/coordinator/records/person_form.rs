//! Adding and editing a person in the pages (`/people/new`, `/people/{id}/edit`): the
//! form is read into the API's `PersonDraft`, so the domain's rules and the store's
//! (a unique address, the version read) decide exactly as for `POST`/`PUT /api/people`,
//! and each refusal is said in the page's language beside its field. Functional limits
//! stay on their own logged form.

use super::form::{self, Choice, Select, TextField, choices, text};
use super::{coordinator, record_id};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, locale, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use chrono::Weekday;
use domain::catalogue::Skill;
use domain::person::{Person, PersonDraft, PersonStatus};
use service::ServiceError;
use service::records::people;
use store::{Store, StoreError, Stored};

/// Adding and editing people.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/new", get(new).post(create))
        .route("/people/{id}/edit", get(edit).post(update))
}

/// The weekdays the availability fields go by, Monday first, with the domain's short names.
const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Mon"),
    (Weekday::Tue, "Tue"),
    (Weekday::Wed, "Wed"),
    (Weekday::Thu, "Thu"),
    (Weekday::Fri, "Fri"),
    (Weekday::Sat, "Sat"),
    (Weekday::Sun, "Sun"),
];

/// The form as sent: every field text, so a wrong one is shown again as typed.
#[derive(Debug, Clone, Default)]
struct PersonForm {
    version: String,
    name: String,
    phone: String,
    email: String,
    language: String,
    address: String,
    latitude: String,
    longitude: String,
    status: String,
    leave_outcome: String,
    employment: String,
    flex_hours: String,
    target: String,
    cap: String,
    /// Monday to Sunday: `09:00-13:00`, or several windows with commas.
    days: [String; 7],
    /// One absence a line: `2026-12-24..2026-12-31 ferie`.
    absences: String,
    skills: Vec<String>,
    languages: String,
}

impl PersonForm {
    fn read(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "version" => form.version = value,
                "name" => form.name = value,
                "phone" => form.phone = value,
                "email" => form.email = value,
                "language" => form.language = value,
                "address" => form.address = value,
                "latitude" => form.latitude = value,
                "longitude" => form.longitude = value,
                "status" => form.status = value,
                "leave_outcome" => form.leave_outcome = value,
                "employment" => form.employment = value,
                "flex_hours" => form.flex_hours = value,
                "target" => form.target = value,
                "cap" => form.cap = value,
                "absences" => form.absences = value,
                "skills" => form.skills.push(value),
                "languages" => form.languages = value,
                day => {
                    if let Some(i) = DAYS.iter().position(|(_, d)| format!("day_{d}") == day) {
                        form.days[i] = value;
                    }
                }
            }
        }
        form
    }

    /// The form filled from a stored person.
    fn of(stored: &Stored<Person>) -> Self {
        let draft = PersonDraft::from(&stored.value);
        let number = |n: Option<f64>| {
            n.map(|n| n.to_string().replace('.', ","))
                .unwrap_or_default()
        };
        let days = std::array::from_fn(|i| {
            let windows: Vec<String> = stored
                .value
                .availability
                .on(DAYS[i].0)
                .map(|w| w.to_string())
                .collect();
            windows.join(", ")
        });
        Self {
            version: stored.meta.version.to_string(),
            name: draft.name,
            phone: draft.phone,
            email: draft.email,
            language: draft.preferred_language,
            address: draft.address,
            latitude: number(draft.latitude),
            longitude: number(draft.longitude),
            status: draft.status,
            leave_outcome: draft.leave_outcome.unwrap_or_default(),
            employment: draft.employment_form,
            flex_hours: number(draft.flex_approved_hours),
            target: number(draft.weekly_target_hours),
            cap: number(draft.weekly_cap_hours),
            days,
            absences: stored
                .value
                .absences
                .list()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            skills: draft.skills,
            languages: draft.languages.join(", "),
        }
    }

    /// The API's draft, and the form fields whose numbers could not be read.
    fn draft(&self) -> (PersonDraft, Vec<&'static str>) {
        let mut unread = Vec::new();
        let mut number = |field: &'static str, text: &str| form::decimal(field, text, &mut unread);
        let draft = PersonDraft {
            name: self.name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            preferred_language: self.language.clone(),
            address: self.address.clone(),
            latitude: number("latitude", &self.latitude),
            longitude: number("longitude", &self.longitude),
            status: self.status.clone(),
            leave_outcome: Some(self.leave_outcome.trim().to_string()).filter(|s| !s.is_empty()),
            employment_form: self.employment.clone(),
            flex_approved_hours: number("flex_hours", &self.flex_hours),
            weekly_target_hours: number("target", &self.target),
            weekly_cap_hours: number("cap", &self.cap),
            availability: DAYS
                .iter()
                .zip(&self.days)
                .flat_map(|((_, day), windows)| {
                    windows
                        .split(',')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(move |w| format!("{day} {w}"))
                })
                .collect::<Vec<_>>()
                .join(", "),
            absences: self
                .absences
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            skills: self.skills.clone(),
            languages: self
                .languages
                .split([',', ' '])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        };
        (draft, unread)
    }
}

/// The form field a draft field's error belongs to.
fn form_field(draft_field: &str) -> &'static str {
    match draft_field {
        "name" => "name",
        "phone" => "phone",
        "email" => "email",
        "preferred_language" => "language",
        "latitude" => "latitude",
        "longitude" => "longitude",
        "status" => "status",
        "leave_outcome" => "leave_outcome",
        "employment_form" => "employment",
        "flex_approved_hours" => "flex_hours",
        "weekly_target_hours" => "target",
        "weekly_cap_hours" => "cap",
        "availability" => "day_Mon",
        "absences" => "absences",
        "skills" => "skills",
        "languages" => "languages",
        _ => "address",
    }
}

/// The order of the form's fields, so the summary reads top to bottom.
const FIELD_ORDER: [&str; 17] = [
    "name",
    "phone",
    "email",
    "language",
    "address",
    "latitude",
    "longitude",
    "status",
    "leave_outcome",
    "employment",
    "flex_hours",
    "target",
    "cap",
    "day_Mon",
    "absences",
    "skills",
    "languages",
];

fn form_errors(t: Tr, fields: Vec<&'static str>) -> Vec<FieldError> {
    form::errors(t, fields, &FIELD_ORDER, "coordinator.person_form.bad_")
}

#[derive(Template)]
#[template(path = "coordinator/person_form.html")]
struct FormPage {
    layout: Layout,
    csrf: String,
    heading: String,
    action: String,
    cancel: String,
    form: PersonForm,
    contact: Vec<TextField>,
    place: Vec<TextField>,
    languages: Vec<Choice>,
    selects: Vec<Select>,
    hours: Vec<TextField>,
    day_names: Vec<(String, &'static str)>,
    skills: Vec<Choice>,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The form page for `form`, to post to `action`, with `errors` at the top.
fn shown(
    page: &Page,
    (heading, action, cancel): (String, String, String),
    form: PersonForm,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let status = form::status(&errors);
    let mut skills: Vec<Choice> = Skill::ALL
        .iter()
        .map(|s| Choice {
            value: s.code(),
            label: s.label(locale(t)).to_string(),
            chosen: form.skills.iter().any(|c| c == s.code()),
        })
        .collect();
    skills.sort_by(|a, b| a.label.cmp(&b.label));
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading,
        action,
        cancel,
        day_names: DAYS
            .iter()
            .map(|(day, code)| (crate::pages::weekday_name(t, *day, true).to_string(), *code))
            .collect(),
        languages: choices(t, &["da", "en"], "coordinator.language_", &form.language),
        contact: vec![
            text("name", "coordinator.person_form.name", &form.name, "text"),
            text("phone", "coordinator.person_phone", &form.phone, "tel"),
            text("email", "coordinator.person_email", &form.email, "email"),
            text(
                "address",
                "coordinator.person_address",
                &form.address,
                "text",
            ),
        ],
        place: vec![
            text(
                "latitude",
                "coordinator.person_form.latitude",
                &form.latitude,
                "text",
            ),
            text(
                "longitude",
                "coordinator.person_form.longitude",
                &form.longitude,
                "text",
            ),
        ],
        selects: vec![
            Select {
                field: "status",
                label: "coordinator.people_status",
                blank: None,
                choices: choices(t, PersonStatus::CODES, "coordinator.status_", &form.status),
            },
            Select {
                field: "leave_outcome",
                label: "coordinator.person_form.leave_outcome",
                blank: Some("coordinator.person_form.no_outcome"),
                choices: choices(
                    t,
                    &["ordinary_job", "education", "other"],
                    "coordinator.outcome_",
                    &form.leave_outcome,
                ),
            },
            Select {
                field: "employment",
                label: "coordinator.person_employment",
                blank: None,
                choices: choices(
                    t,
                    &["small_job", "flex_job", "other"],
                    "coordinator.employment_",
                    &form.employment,
                ),
            },
        ],
        hours: vec![
            text(
                "flex_hours",
                "coordinator.person_form.flex_hours",
                &form.flex_hours,
                "text",
            ),
            text("target", "coordinator.person_target", &form.target, "text"),
            text("cap", "coordinator.people_cap", &form.cap, "text"),
        ],
        skills,
        form,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

fn new_labels(t: Tr) -> (String, String, String) {
    (
        t.get("coordinator.person_form.new_title").to_string(),
        "/people/new".into(),
        "/people".into(),
    )
}

fn edit_labels(t: Tr, id: i64, name: &str) -> (String, String, String) {
    (
        t.fill("coordinator.person_form.edit_title", &[("name", name)]),
        format!("/people/{id}/edit"),
        format!("/people/{id}"),
    )
}

async fn new(page: Page) -> PageResult {
    let form = PersonForm {
        language: "da".into(),
        status: "active".into(),
        employment: "small_job".into(),
        languages: "da".into(),
        ..Default::default()
    };
    shown(&page, new_labels(page.t), form, Vec::new())
}

async fn edit(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let caller = coordinator(&page)?;
    let id = record_id(&id)?;
    let found = people::get(&store, &caller.actor(), id).await?;
    let labels = edit_labels(page.t, id, &found.value.name);
    shown(&page, labels, PersonForm::of(&found), Vec::new())
}

/// The person the form describes, or the form's fields that are wrong.
fn checked(t: Tr, form: &PersonForm) -> Result<Person, Vec<FieldError>> {
    let (draft, unread) = form.draft();
    form::checked(draft.parse(), unread, form_field, |f| form_errors(t, f))
}

/// A store refusal said beside its field: the address taken by someone else (the
/// store's unique index says so), or the record changed since it was read.
fn refused(t: Tr, error: ServiceError) -> Result<Vec<FieldError>, ServiceError> {
    match error {
        ServiceError::Store(StoreError::Conflict(said)) if said.contains("e-mail address") => {
            Ok(vec![FieldError::new(
                "email",
                t.get("coordinator.person_form.email_taken"),
            )])
        }
        ServiceError::Store(StoreError::Conflict(_)) => Ok(vec![FieldError::new(
            "name",
            t.get("coordinator.person_form.changed"),
        )]),
        other => Err(other),
    }
}

async fn create(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let form = PersonForm::read(&body);
    let person = match checked(t, &form) {
        Ok(person) => person,
        Err(errors) => return shown(&page, new_labels(t), form, errors),
    };
    match people::create(&store, &caller.actor(), &person).await {
        Ok(stored) => {
            Ok(Redirect::to(&format!("/people/{}?saved=1", stored.meta.id)).into_response())
        }
        Err(e) => shown(&page, new_labels(t), form, refused(t, e)?),
    }
}

async fn update(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let id = record_id(&id)?;
    let found = people::get(&store, &caller.actor(), id).await?;
    let labels = edit_labels(t, id, &found.value.name);
    let form = PersonForm::read(&body);
    let person = match checked(t, &form) {
        Ok(person) => person,
        Err(errors) => return shown(&page, labels, form, errors),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        let errors = vec![FieldError::new(
            "name",
            t.get("coordinator.person_form.changed"),
        )];
        return shown(&page, labels, form, errors);
    };
    match people::update(&store, &caller.actor(), id, version, &person).await {
        Ok(_) => Ok(Redirect::to(&format!("/people/{id}?saved=1")).into_response()),
        Err(e) => shown(&page, labels, form, refused(t, e)?),
    }
}

#[cfg(test)]
mod tests {
    use super::FIELD_ORDER;

    #[test]
    fn every_field_has_its_message_in_both_languages() {
        let keys: Vec<String> = FIELD_ORDER
            .iter()
            .map(|f| format!("coordinator.person_form.bad_{f}"))
            .collect();
        crate::pages::i18n::assert_both_languages_have(&keys);
    }
}
