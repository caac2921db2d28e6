//! Requesting a task: the form, read into the domain's draft so every rule of the API
//! applies, its errors named by the form's own fields.

use super::*;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, locale, names, render};
use askama::Template;
use axum::extract::{Form, State};
use axum::response::IntoResponse;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use domain::actor::Actor;
use domain::calendar::{Recurrence, format_instant, local_instant, typed_date, typed_time};
use domain::task::TaskDraft;
use domain::task::{DURATION_MINUTES, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, PEOPLE_NEEDED};
use serde::Deserialize;
use service::ServiceError;
use service::agency;
use store::{Store, StoreError};

/// The request form as sent; every field is text so a bad one can be shown again as typed.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(super) struct TaskForm {
    /// The version read, when an existing request is changed.
    pub(super) version: String,
    pub(super) task_type: String,
    pub(super) site: String,
    pub(super) title: String,
    pub(super) date: String,
    pub(super) start: String,
    pub(super) end: String,
    pub(super) people: String,
    pub(super) repeat_weeks: String,
    pub(super) notes: String,
}

impl Default for TaskForm {
    fn default() -> Self {
        Self {
            version: String::new(),
            task_type: String::new(),
            site: String::new(),
            title: String::new(),
            date: String::new(),
            start: String::new(),
            end: String::new(),
            people: "1".into(),
            repeat_weeks: "0".into(),
            notes: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "company/request.html")]
pub(super) struct RequestForm {
    layout: Layout,
    csrf: String,
    /// Where the form posts: a new request, or the change of request `id`.
    action: String,
    heading: String,
    /// The longest title and notes the domain keeps, for the fields' `maxlength`.
    title_max: usize,
    notes_max: usize,
    form: TaskForm,
    task_types: Vec<Choice>,
    sites: Vec<Choice>,
    errors: Vec<FieldError>,
}

impl RequestForm {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The most weeks a request may repeat: as many as fit in the longest recurrence the
/// domain allows.
pub(super) const MOST_WEEKS: i64 = Recurrence::MAX_SPAN_DAYS / 7 + 1;

/// Which form field a domain or store error names: the draft's fields are built from
/// the form's.
pub(super) fn form_field(draft_field: &str) -> &'static str {
    match draft_field {
        "task_type" => "task_type",
        "site_id" => "site",
        "title" => "title",
        "description" => "notes",
        "people_needed" => "people",
        "duration_minutes" => "end",
        "recurrence" => "repeat_weeks",
        // The start is built from the date and the start time; a bad one is the date's
        // (the time is checked before).
        _ => "date",
    }
}

/// The form fields a draft field is built from.
pub(super) fn sources(draft_field: &str) -> &'static [&'static str] {
    match draft_field {
        "site_id" => &["site"],
        "people_needed" => &["people"],
        "duration_minutes" => &["start", "end"],
        "fixed_start" | "window_start" | "window_end" => &["date", "start"],
        "recurrence" => &["date", "repeat_weeks"],
        _ => &[],
    }
}

/// The form fields the domain's errors name, added to those the form could not read. A
/// draft field built from a field already wrong says nothing new, so it is left out.
pub(super) fn with_domain_errors(
    mut bad: Vec<&'static str>,
    domain: &[domain::FieldError],
) -> Vec<&'static str> {
    let unread = bad.clone();
    for error in domain {
        if !sources(&error.field).iter().any(|f| unread.contains(f)) {
            bad.push(form_field(&error.field));
        }
    }
    bad
}

/// What to tell the reader about a wrong field, in their language.
pub(super) fn field_message(t: Tr, field: &str) -> String {
    let most = |key: &str, max: String| t.fill(key, &[("max", &max)]);
    match field {
        "task_type" => t.get("company.request.bad_task_type").to_string(),
        "site" => t.get("company.request.bad_site").to_string(),
        "title" => most("company.request.bad_title", MAX_TITLE_CHARS.to_string()),
        "start" => t.get("company.request.bad_start").to_string(),
        "end" => t.fill(
            "company.request.bad_end",
            &[
                ("min", &DURATION_MINUTES.start().to_string()),
                ("max", &(DURATION_MINUTES.end() / 60).to_string()),
            ],
        ),
        "people" => t.fill(
            "company.request.bad_people",
            &[
                ("min", &PEOPLE_NEEDED.start().to_string()),
                ("max", &PEOPLE_NEEDED.end().to_string()),
            ],
        ),
        "repeat_weeks" => most("company.request.bad_repeat_weeks", MOST_WEEKS.to_string()),
        "notes" => most(
            "company.request.bad_notes",
            MAX_DESCRIPTION_CHARS.to_string(),
        ),
        _ => t.get("company.request.bad_date").to_string(),
    }
}

/// The order fields appear in the form, so the summary reads top to bottom.
pub(super) const FIELD_ORDER: [&str; 9] = [
    "task_type",
    "site",
    "title",
    "date",
    "start",
    "end",
    "people",
    "repeat_weeks",
    "notes",
];

/// The errors of these fields as the summary shows them: one per field, in form order.
pub(super) fn form_errors(t: Tr, mut fields: Vec<&'static str>) -> Vec<FieldError> {
    fields.sort_by_key(|f| FIELD_ORDER.iter().position(|o| o == f));
    fields.dedup();
    fields
        .into_iter()
        .map(|field| FieldError::new(field, field_message(t, field)))
        .collect()
}

/// The form's text as the API's draft, for the session's company, with the fields that
/// could not even be read. Dates and times are read as Danes type them (`24/12`, `9.30`;
/// a date without a year is the next one from `today`). Fields the domain checks are
/// passed on as they are, so its rules decide.
pub(super) fn draft(
    form: &TaskForm,
    company: i64,
    today: NaiveDate,
) -> (TaskDraft, Vec<&'static str>) {
    let mut bad = Vec::new();
    let site = form.site.trim().parse::<i64>().ok();
    if site.is_none() {
        bad.push("site");
    }
    let date = typed_date(&form.date, today).ok();
    if date.is_none() {
        bad.push("date");
    }
    let start = typed_time(&form.start).ok();
    if start.is_none() {
        bad.push("start");
    }
    let end = typed_time(&form.end).ok();
    let duration = match (start, end) {
        (_, None) => {
            bad.push("end");
            None
        }
        (Some(s), Some(e)) if e.minutes() <= s.minutes() => {
            bad.push("end");
            None
        }
        (Some(s), Some(e)) => Some(i64::from(e.minutes() - s.minutes())),
        (None, Some(_)) => None,
    };
    let people = form.people.trim().parse::<i64>().ok();
    if people.is_none() {
        bad.push("people");
    }
    let weeks = form
        .repeat_weeks
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|w| (0..=MOST_WEEKS).contains(w));
    if weeks.is_none() {
        bad.push("repeat_weeks");
    }
    let fixed_start = date.zip(start).and_then(|(d, s)| {
        let local = d.and_time(NaiveTime::from_hms_opt(
            u32::from(s.minutes() / 60),
            u32::from(s.minutes() % 60),
            0,
        )?);
        // A time the spring change skips does not exist in Copenhagen.
        let at = local_instant(local);
        if at.is_none() {
            bad.push("start");
        }
        at.map(format_instant)
    });
    let recurrence = match (date, weeks) {
        (Some(d), Some(w)) if w > 1 => Recurrence::new([d.weekday()], d + Duration::weeks(w - 1))
            .ok()
            .map(|r| r.to_string()),
        _ => None,
    };
    let draft = TaskDraft {
        company_id: Some(company),
        site_id: site,
        task_type: form.task_type.trim().to_string(),
        title: form.title.clone(),
        description: form.notes.clone(),
        people_needed: people,
        duration_minutes: duration,
        fixed_start,
        recurrence,
        ..Default::default()
    };
    (draft, bad)
}

/// The company's task types (those it has agreements for) and sites, as the form's options.
pub(super) async fn choices(
    store: &Store,
    t: Tr,
    by: &Actor,
) -> Result<(Vec<Choice>, Vec<Choice>), PageError> {
    let task_types = agency::company::task_types(store, by)
        .await?
        .into_iter()
        .map(|k| Choice {
            value: k.code().to_string(),
            label: k.label(locale(t)).to_string(),
        })
        .collect();
    Ok((task_types, site_choices(store, by).await?))
}

pub(super) async fn show_form(
    store: &Store,
    (page, changing): (&Page, Option<i64>),
    form: TaskForm,
    errors: Vec<FieldError>,
) -> PageResult {
    let (caller, _) = contact(page)?;
    let (action, heading) = match changing {
        None => (
            "/company/tasks".to_string(),
            page.t.get("company.request.title"),
        ),
        Some(id) => (
            format!("/company/tasks/{id}/edit"),
            page.t.get("company.change.title"),
        ),
    };
    let (task_types, sites) = choices(store, page.t, &caller.actor()).await?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = RequestForm {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        action,
        heading: heading.to_string(),
        title_max: MAX_TITLE_CHARS,
        notes_max: MAX_DESCRIPTION_CHARS,
        form,
        task_types,
        sites,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

pub(super) async fn new_task(State(store): State<Store>, page: Page) -> PageResult {
    show_form(&store, (&page, None), TaskForm::default(), Vec::new()).await
}

pub(super) async fn request_task(
    State(store): State<Store>,
    page: Page,
    Form(form): Form<TaskForm>,
) -> PageResult {
    submit(&store, &page, None, form).await
}

/// `GET /company/tasks/{id}/edit`: one of the company's requests in the request form, to
/// change; one the form cannot express (a window, several weekdays) is said so instead.
pub(super) async fn change_task(
    State(store): State<Store>,
    page: Page,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let found = agency::company::own_request(&store, &caller.actor(), id).await?;
    match TaskForm::of(&found) {
        Some(form) => show_form(&store, (&page, Some(id)), form, Vec::new()).await,
        None => Ok(redirect_with_notice("/company", "not_changeable")),
    }
}

/// `POST /company/tasks/{id}/edit`: the change, by the rules of a new request.
pub(super) async fn change_task_sent(
    State(store): State<Store>,
    page: Page,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Form(form): Form<TaskForm>,
) -> PageResult {
    submit(&store, &page, Some(id), form).await
}

/// A new request, or the change of request `changing`: read, checked, stored.
async fn submit(store: &Store, page: &Page, changing: Option<i64>, form: TaskForm) -> PageResult {
    let (caller, company) = contact(page)?;
    let shown = (page, changing);
    let (draft, bad) = draft(&form, company, page.today());
    let task = match draft.parse() {
        Ok(task) if bad.is_empty() => task,
        Ok(_) => return show_form(store, shown, form, form_errors(page.t, bad)).await,
        Err(domain) => {
            let fields = with_domain_errors(bad, &domain);
            return show_form(store, shown, form, form_errors(page.t, fields)).await;
        }
    };
    let by = caller.actor();
    let saved = match changing {
        None => agency::company::request_task(store, &by, &task, page.today()).await,
        Some(id) => {
            let Ok(version) = form.version.trim().parse::<i64>() else {
                return Ok(redirect_with_notice("/company", "stale"));
            };
            agency::company::change_request(store, &by, (id, version), &task, page.today()).await
        }
    };
    match saved {
        Ok(_) if changing.is_some() => Ok(redirect_with_notice("/company", "changed")),
        Ok(_) => Ok(redirect_with_notice("/company", "requested")),
        Err(ServiceError::Invalid(errors) | ServiceError::Store(StoreError::Invalid(errors))) => {
            let fields = errors.iter().map(|e| form_field(&e.field)).collect();
            show_form(store, shown, form, form_errors(page.t, fields)).await
        }
        Err(ServiceError::Conflict(_) | ServiceError::Store(StoreError::Conflict(_))) => {
            Ok(redirect_with_notice("/company", "stale"))
        }
        Err(e) => Err(e.into()),
    }
}

impl TaskForm {
    /// A stored request in the form, when the form can say it: a fixed start, and a
    /// weekly repeat on that start's weekday only.
    fn of(stored: &store::Stored<store::tasks::TaskRecord>) -> Option<Self> {
        let request = &stored.value.request;
        let domain::task::TaskStart::Fixed(at) = request.start else {
            return None;
        };
        let date = domain::calendar::local_date(at);
        let weeks = match &request.recurrence {
            None => 0,
            Some(rule) => {
                let days = [
                    chrono::Weekday::Mon,
                    chrono::Weekday::Tue,
                    chrono::Weekday::Wed,
                    chrono::Weekday::Thu,
                    chrono::Weekday::Fri,
                    chrono::Weekday::Sat,
                    chrono::Weekday::Sun,
                ];
                if days.iter().filter(|d| rule.includes(**d)).count() != 1
                    || !rule.includes(date.weekday())
                {
                    return None;
                }
                (rule.until() - date).num_days() / 7 + 1
            }
        };
        let end = at + Duration::minutes(request.duration_minutes.into());
        Some(Self {
            version: stored.meta.version.to_string(),
            task_type: request.task_type.code().to_string(),
            site: request.site_id.to_string(),
            title: request.title.clone(),
            date: date.to_string(),
            start: crate::pages::clock(at),
            end: crate::pages::clock(end),
            people: request.people_needed.to_string(),
            repeat_weeks: weeks.to_string(),
            notes: request.description.clone(),
        })
    }
}
