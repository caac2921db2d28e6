//! A company contact's pages: their task requests and who is coming, a form to request a
//! task, a form to order an extra Flex Waste pickup, hours to confirm, and their invoices
//! and credit notes to download.
//!
//! The company is always the session's, never a form's: a record of another company is
//! answered as if it did not exist. A task request from the form becomes a domain
//! [`TaskDraft`] and goes through the same parser and store checks as the JSON API, so
//! every rule applies; its errors are named by the form's own fields. An extra pickup
//! goes through the API's own order checks in the same way.

use super::i18n::Tr;
use super::{
    FormError, Layout, Page, PageError, PageResult, answer, clock, cookie, hours_minutes,
    invoice_download, invoice_file, live, locale, names, render,
};
use crate::access::Caller;
use crate::api::waste::{DEFAULT_ORDER_PRICE_ORE, OrderRequest, check_order, store_order};
use crate::problem::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use domain::calendar::{ClockTime, Recurrence, TIME_ZONE, format_instant, local_date, parse_date};
use domain::catalogue::TaskType;
use domain::task::{TaskDraft, TaskStart, TaskStatus};
use domain::waste::Fraction;
use serde::Deserialize;
use std::collections::HashMap;
use store::accounts::Role;
use store::agreements::AgreementFilter;
use store::plans::StoredPlan;
use store::tasks::TaskFilter;
use store::time::{EntryKind, EntryStatus, TimeEntry};
use store::{Actor, PageRequest, Store, StoreError};

/// The company's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[
    ("/company", "company.nav"),
    ("/company/tasks/new", "company.nav_request"),
    ("/company/pickups/new", "company.nav_pickup"),
    ("/company/hours", "company.nav_hours"),
    ("/company/invoices", "company.nav_invoices"),
];

/// The company contact's pages and the forms they post.
pub fn routes() -> Router<Store> {
    Router::new()
        .route("/company", get(overview))
        .route("/company/tasks/new", get(new_task))
        .route("/company/tasks", post(request_task))
        .route("/company/pickups/new", get(new_pickup))
        .route("/company/pickups", post(order_pickup))
        .route("/company/hours", get(hours))
        .route("/company/hours/{id}/confirm", post(confirm))
        .route("/company/invoices", get(invoices))
        .route("/company/invoices/{file}", get(download))
}

/// The caller and the company they speak for; other roles are refused, and a contact
/// account without a company has nothing to see.
fn contact(page: &Page) -> Result<(&Caller, i64), PageError> {
    let caller = page.as_role(Role::Company)?;
    let company = caller.company().ok_or(PageError::Forbidden)?;
    Ok((caller, company))
}

// ---- Short notices after a form, carried to the next page in a cookie so that the
// redirect goes to the plain address.

/// The cookie holding the notice for the next page.
const NOTICE_COOKIE: &str = "kommune_notice";

/// A notice's code in the cookie and its text's catalogue key.
const NOTICES: &[(&str, &str)] = &[
    ("requested", "company.notice.requested"),
    ("ordered", "company.notice.ordered"),
    ("confirmed", "company.notice.confirmed"),
    ("not_waiting", "company.notice.not_waiting"),
];

/// A redirect that leaves a notice for the page it goes to.
fn redirect_with_notice(to: &str, code: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = cookie(NOTICE_COOKIE, code, 60).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The notice a redirect left, in the page's language.
fn notice(t: Tr, headers: &HeaderMap) -> Option<String> {
    let code = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NOTICE_COOKIE)
        .map(|(_, value)| value)?;
    NOTICES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| t.get(key).to_string())
}

/// The page, clearing a notice once it has been shown.
fn shown(body: Response, had_notice: bool) -> Response {
    let mut response = body;
    if had_notice && let Ok(value) = cookie(NOTICE_COOKIE, "", 0).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

// ---- Words for dates, times, statuses and task types.

const WEEKDAYS: [&str; 7] = [
    "company.day.mon",
    "company.day.tue",
    "company.day.wed",
    "company.day.thu",
    "company.day.fri",
    "company.day.sat",
    "company.day.sun",
];

const MONTHS: [&str; 12] = [
    "company.month.1",
    "company.month.2",
    "company.month.3",
    "company.month.4",
    "company.month.5",
    "company.month.6",
    "company.month.7",
    "company.month.8",
    "company.month.9",
    "company.month.10",
    "company.month.11",
    "company.month.12",
];

/// A date as people read it: `tirsdag 1. december 2026`.
fn day_text(t: Tr, date: NaiveDate) -> String {
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    t.fill(
        "company.date",
        &[
            ("weekday", t.get(weekday)),
            ("day", &date.day().to_string()),
            ("month", t.get(MONTHS[date.month0() as usize])),
            ("year", &date.year().to_string()),
        ],
    )
}

fn status_key(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Requested => "company.status.requested",
        TaskStatus::Planned => "company.status.planned",
        TaskStatus::Confirmed => "company.status.confirmed",
        TaskStatus::Done => "company.status.done",
        TaskStatus::Approved => "company.status.approved",
        TaskStatus::Invoiced => "company.status.invoiced",
        TaskStatus::Cancelled => "company.status.cancelled",
        TaskStatus::NoShow => "company.status.no_show",
    }
}

/// People's names by id, read once per page. A person who has since been deleted is
/// still someone who came: they show as a dash, not as a failed page.
#[derive(Default)]
struct Names(HashMap<i64, String>);

impl Names {
    async fn of(&mut self, store: &Store, id: i64) -> Result<String, PageError> {
        if let Some(name) = self.0.get(&id) {
            return Ok(name.clone());
        }
        let name = live(store.person(id).await)?.map_or_else(|| "–".to_string(), |p| p.value.name);
        self.0.insert(id, name.clone());
        Ok(name)
    }
}

/// Each ISO week's latest plan, read once per page.
#[derive(Default)]
struct Plans(HashMap<String, Option<StoredPlan>>);

impl Plans {
    async fn of(
        &mut self,
        store: &Store,
        date: NaiveDate,
    ) -> Result<&Option<StoredPlan>, PageError> {
        let week = date.iso_week();
        let label = format!("{}-W{:02}", week.year(), week.week());
        if !self.0.contains_key(&label) {
            let plan = store.latest_plan(&label).await?;
            self.0.insert(label.clone(), plan);
        }
        Ok(&self.0[&label])
    }
}

/// Midnight at the start of today in Copenhagen, as an instant.
fn start_of_today(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = local_date(now);
    TIME_ZONE
        .from_local_datetime(&today.and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

// ---- The overview: upcoming occurrences and who is coming.

/// The most occurrences the overview lists; a year of weekly tasks would bury the week.
const MOST_VISITS: usize = 100;

/// One upcoming occurrence of a task request.
struct Visit {
    /// ISO date for `<time datetime>`.
    iso_date: String,
    date: String,
    time: String,
    title: String,
    site: String,
    task_type: String,
    status: String,
    /// Who the week's latest plan sends; empty until planned.
    people: Vec<String>,
}

#[derive(Template)]
#[template(path = "company/overview.html")]
struct Overview {
    layout: Layout,
    notice: Option<String>,
    visits: Vec<Visit>,
    /// More occurrences than shown.
    more: bool,
    /// The link to the hours page, saying how many entries wait.
    hours_link: String,
}

async fn overview(State(store): State<Store>, page: Page, headers: HeaderMap) -> Response {
    let notice = notice(page.t, &headers);
    let had_notice = notice.is_some();
    let result: PageResult = async {
        let (_, company) = contact(&page)?;
        let t = page.t;
        let now = Utc::now();
        let from = start_of_today(now);
        let record = store.company(company).await?;
        let sites: HashMap<i64, String> = record
            .value
            .site_ids
            .iter()
            .copied()
            .zip(record.value.company.sites.iter().map(|s| s.name.clone()))
            .collect();
        let filter = TaskFilter {
            company_id: Some(company),
            from: Some(from),
            ..Default::default()
        };
        let tasks = store.tasks(&filter, PageRequest::all()).await?.items;
        let mut starts: Vec<(DateTime<Utc>, usize, TaskStart)> = Vec::new();
        for (i, task) in tasks.iter().enumerate() {
            let request = &task.value.request;
            for occurrence in request.occurrences() {
                if occurrence.earliest() >= from {
                    starts.push((occurrence.earliest(), i, occurrence));
                }
            }
        }
        starts.sort_by_key(|(at, i, _)| (*at, *i));
        let more = starts.len() > MOST_VISITS;
        starts.truncate(MOST_VISITS);
        let (mut plans, mut names) = (Plans::default(), Names::default());
        let mut visits = Vec::with_capacity(starts.len());
        for (at, i, occurrence) in starts {
            let task = &tasks[i];
            let request = &task.value.request;
            let date = local_date(at);
            let duration = Duration::minutes(request.duration_minutes.into());
            let assigned: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = plans
                .of(&store, date)
                .await?
                .iter()
                .flat_map(|p| p.plan.assignments.iter())
                .filter(|a| a.task_id == task.meta.id && a.occurrence == date)
                .map(|a| (a.person_id, a.start, a.end))
                .collect();
            let time = match (assigned.first(), occurrence) {
                // The plan has fixed when a window's work happens.
                (Some((_, start, end)), _) => format!("{}–{}", clock(*start), clock(*end)),
                (None, TaskStart::Fixed(start)) => {
                    format!("{}–{}", clock(start), clock(start + duration))
                }
                (None, TaskStart::Window { earliest, latest }) => t.fill(
                    "company.window",
                    &[
                        ("from", &clock(earliest)),
                        ("to", &clock(latest + duration)),
                        ("minutes", &request.duration_minutes.to_string()),
                    ],
                ),
            };
            let mut people = Vec::new();
            for (person, _, _) in &assigned {
                let name = names.of(&store, *person).await?;
                if !people.contains(&name) {
                    people.push(name);
                }
            }
            visits.push(Visit {
                iso_date: date.to_string(),
                date: day_text(t, date),
                time,
                title: request.title.clone(),
                site: sites.get(&request.site_id).cloned().unwrap_or_default(),
                task_type: request.task_type.label(locale(t)).to_string(),
                status: t.get(status_key(task.value.status)).to_string(),
                people,
            });
        }
        let waiting_hours = store
            .company_time_entries(company, now)
            .await?
            .iter()
            .filter(|e| e.status == EntryStatus::Registered)
            .count();
        let hours_link = if waiting_hours == 0 {
            t.get("company.overview.hours_none").to_string()
        } else {
            t.fill(
                "company.overview.hours_waiting",
                &[("count", &waiting_hours.to_string())],
            )
        };
        Ok(shown(
            render(&Overview {
                layout: page.layout(),
                notice,
                visits,
                more,
                hours_link,
            }),
            had_notice,
        ))
    }
    .await;
    answer(&page, result)
}

// ---- Requesting a task.

/// The request form as sent; every field is text so a bad one can be shown again as typed.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
struct TaskForm {
    task_type: String,
    site: String,
    title: String,
    date: String,
    start: String,
    end: String,
    people: String,
    repeat_weeks: String,
    notes: String,
}

impl Default for TaskForm {
    fn default() -> Self {
        Self {
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

/// One option of a `<select>`.
struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "company/request.html")]
struct RequestForm {
    layout: Layout,
    csrf: String,
    form: TaskForm,
    task_types: Vec<Choice>,
    sites: Vec<Choice>,
    errors: Vec<FormError>,
}

impl RequestForm {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The most weeks a request may repeat: a recurrence runs at most a year.
const MOST_WEEKS: i64 = 52;

/// Which form field a domain or store error names: the draft's fields are built from
/// the form's.
fn form_field(draft_field: &str) -> &'static str {
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
fn sources(draft_field: &str) -> &'static [&'static str] {
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
fn with_domain_errors(
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
fn field_message(t: Tr, field: &str) -> String {
    let key = match field {
        "task_type" => "company.request.bad_task_type",
        "site" => "company.request.bad_site",
        "title" => "company.request.bad_title",
        "start" => "company.request.bad_start",
        "end" => "company.request.bad_end",
        "people" => "company.request.bad_people",
        "repeat_weeks" => "company.request.bad_repeat_weeks",
        "notes" => "company.request.bad_notes",
        _ => "company.request.bad_date",
    };
    t.get(key).to_string()
}

/// The order fields appear in the form, so the summary reads top to bottom.
const FIELD_ORDER: [&str; 9] = [
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
fn form_errors(t: Tr, mut fields: Vec<&'static str>) -> Vec<FormError> {
    fields.sort_by_key(|f| FIELD_ORDER.iter().position(|o| o == f));
    fields.dedup();
    fields
        .into_iter()
        .map(|field| FormError {
            field,
            message: field_message(t, field),
        })
        .collect()
}

/// The form's text as the API's draft, for the session's company, with the fields that
/// could not even be read. Fields the domain checks are passed on as they are, so its
/// rules decide.
fn draft(form: &TaskForm, company: i64) -> (TaskDraft, Vec<&'static str>) {
    let mut bad = Vec::new();
    let site = form.site.trim().parse::<i64>().ok();
    if site.is_none() {
        bad.push("site");
    }
    let date = parse_date(&form.date).ok();
    if date.is_none() {
        bad.push("date");
    }
    let start = ClockTime::parse(&form.start).ok();
    if start.is_none() {
        bad.push("start");
    }
    let end = ClockTime::parse(&form.end).ok();
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
        let at = TIME_ZONE.from_local_datetime(&local).earliest();
        if at.is_none() {
            bad.push("start");
        }
        at.map(|at| format_instant(at.with_timezone(&Utc)))
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
async fn choices(
    store: &Store,
    t: Tr,
    company: i64,
) -> Result<(Vec<Choice>, Vec<Choice>), PageError> {
    let filter = AgreementFilter {
        company_id: Some(company),
    };
    let mut types: Vec<TaskType> = store
        .agreements(&filter, PageRequest::all())
        .await?
        .items
        .into_iter()
        .map(|a| a.value.task_type)
        .collect();
    types.sort();
    types.dedup();
    let task_types = types
        .into_iter()
        .map(|k| Choice {
            value: k.code().to_string(),
            label: k.label(locale(t)).to_string(),
        })
        .collect();
    Ok((task_types, site_choices(store, company).await?))
}

/// The company's sites as a form's options: name and address.
async fn site_choices(store: &Store, company: i64) -> Result<Vec<Choice>, PageError> {
    let record = store.company(company).await?;
    Ok(record
        .value
        .site_ids
        .iter()
        .zip(&record.value.company.sites)
        .map(|(id, site)| Choice {
            value: id.to_string(),
            label: format!("{} – {}", site.name, site.address.line),
        })
        .collect())
}

async fn show_form(
    store: &Store,
    page: &Page,
    form: TaskForm,
    errors: Vec<FormError>,
) -> PageResult {
    let (caller, company) = contact(page)?;
    let (task_types, sites) = choices(store, page.t, company).await?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = RequestForm {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        form,
        task_types,
        sites,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn new_task(State(store): State<Store>, page: Page) -> Response {
    let result = show_form(&store, &page, TaskForm::default(), Vec::new()).await;
    answer(&page, result)
}

async fn request_task(
    State(store): State<Store>,
    page: Page,
    Form(form): Form<TaskForm>,
) -> Response {
    let result: PageResult = async {
        let (caller, company) = contact(&page)?;
        let (draft, bad) = draft(&form, company);
        let task = match draft.parse() {
            Ok(task) if bad.is_empty() => task,
            Ok(_) => return show_form(&store, &page, form, form_errors(page.t, bad)).await,
            Err(domain) => {
                let fields = with_domain_errors(bad, &domain);
                return show_form(&store, &page, form, form_errors(page.t, fields)).await;
            }
        };
        match store
            .create_task(&task, &Actor(caller.account.email.clone()))
            .await
        {
            Ok(_) => Ok(redirect_with_notice("/company", "requested")),
            Err(StoreError::Invalid(errors)) => {
                let fields = errors.iter().map(|e| form_field(&e.field)).collect();
                show_form(&store, &page, form, form_errors(page.t, fields)).await
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    answer(&page, result)
}

// ---- Ordering an extra Flex Waste pickup.

/// What the contact may ask to have collected: (wire code, catalogue key).
const PICKUP_FRACTIONS: [(Fraction, &str); 4] = [
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

/// When the vehicle may come: (window, catalogue key).
const PICKUP_WINDOWS: [(&str, &str); 3] = [
    ("08:00-10:00", "company.pickup.window.morning"),
    ("10:00-12:00", "company.pickup.window.late_morning"),
    ("07:00-15:00", "company.pickup.window.all_day"),
];

/// The pickup form as sent; text, so a bad field is shown again as typed.
#[derive(Debug, Clone, Default)]
struct PickupForm {
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

    /// The API's order for this form: the form's fields under the API's names, the
    /// litres and the price left to the site's subscription.
    fn request(&self) -> OrderRequest {
        OrderRequest {
            site_id: self.site.trim().parse().ok(),
            date: self.date.clone(),
            fractions: self.fractions.join(", "),
            window: self.window.clone(),
            expected_kg: self.expected_kg.trim().parse().unwrap_or(0),
            expected_litres: None,
            price_ore: None,
        }
    }
}

/// One checkbox of the fractions.
struct Check {
    value: &'static str,
    label: String,
    checked: bool,
}

/// One option of the windows.
struct WindowChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "company/pickup.html")]
struct PickupPage {
    layout: Layout,
    csrf: String,
    form: PickupForm,
    sites: Vec<Choice>,
    fractions: Vec<Check>,
    windows: Vec<WindowChoice>,
    /// What an extra pickup costs: the subscription's price, or the default.
    price: String,
    errors: Vec<FormError>,
}

impl PickupPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The sentence on the price, with the default price filled in.
const PICKUP_PRICE: &str = "company.pickup.price";

/// The pickup form's fields in the order they appear, with what to say when one is wrong.
const PICKUP_FIELDS: [(&str, &str); 5] = [
    ("site", "company.pickup.bad_site"),
    ("date", "company.pickup.bad_date"),
    ("fractions", "company.pickup.bad_fractions"),
    ("window", "company.pickup.bad_window"),
    ("expected_kg", "company.pickup.bad_expected_kg"),
];

/// The form field an API field is read from.
fn pickup_field(api_field: &str) -> &'static str {
    match api_field {
        "date" => "date",
        "fractions" => "fractions",
        "window" => "window",
        "expected_kg" | "expected_litres" => "expected_kg",
        _ => "site",
    }
}

/// The summary's errors: one per field, in form order.
fn pickup_errors(t: Tr, mut fields: Vec<&'static str>) -> Vec<FormError> {
    fields.sort_by_key(|f| PICKUP_FIELDS.iter().position(|(o, _)| o == f));
    fields.dedup();
    fields
        .into_iter()
        .map(|field| FormError {
            field,
            message: PICKUP_FIELDS
                .iter()
                .find(|(f, _)| *f == field)
                .map_or("", |(_, key)| t.get(key))
                .to_string(),
        })
        .collect()
}

async fn show_pickup(
    store: &Store,
    page: &Page,
    form: PickupForm,
    errors: Vec<FormError>,
) -> PageResult {
    let (caller, company) = contact(page)?;
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
        sites: site_choices(store, company).await?,
        form,
        fractions,
        windows,
        price: t.fill(
            PICKUP_PRICE,
            &[("kroner", &reports::pdf::kroner(DEFAULT_ORDER_PRICE_ORE))],
        ),
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn new_pickup(State(store): State<Store>, page: Page) -> Response {
    let tomorrow = local_date(Utc::now()) + Duration::days(1);
    let form = PickupForm {
        date: tomorrow.to_string(),
        window: PICKUP_WINDOWS[2].0.to_string(),
        ..Default::default()
    };
    let result = show_pickup(&store, &page, form, Vec::new()).await;
    answer(&page, result)
}

/// Orders the pickup through the API's own checks: the same rules, the site's
/// subscription price (or the default), and a site of another company is no site.
async fn order_pickup(State(store): State<Store>, page: Page, body: Bytes) -> Response {
    let result: PageResult = async {
        let (caller, _) = contact(&page)?;
        let form = PickupForm::read(&body);
        let mut bad = Vec::new();
        if form.site.trim().parse::<i64>().is_err() {
            bad.push("site");
        }
        if form.expected_kg.trim().parse::<u32>().is_err() {
            bad.push("expected_kg");
        }
        if !PICKUP_WINDOWS.iter().any(|(w, _)| *w == form.window) {
            bad.push("window");
        }
        if form
            .fractions
            .iter()
            .any(|f| !PICKUP_FRACTIONS.iter().any(|(c, _)| c.code() == f))
        {
            bad.push("fractions");
        }
        let checked = check_order(caller, &form.request());
        let errors = checked
            .as_ref()
            .err()
            .map(Vec::as_slice)
            .unwrap_or_default();
        bad.extend(errors.iter().map(|e| pickup_field(&e.field)));
        let order = match checked {
            Ok(order) if bad.is_empty() => order,
            _ => return show_pickup(&store, &page, form, pickup_errors(page.t, bad)).await,
        };
        match store_order(&store, caller, order).await {
            Ok(_) => Ok(redirect_with_notice("/company", "ordered")),
            // Not one of the company's sites.
            Err(AppError::NotFound(_)) => {
                show_pickup(&store, &page, form, pickup_errors(page.t, vec!["site"])).await
            }
            Err(e) => Err(PageError::from(e)),
        }
    }
    .await;
    answer(&page, result)
}

// ---- Hours to confirm.

/// How far back the hours page shows confirmed entries.
const CONFIRMED_DAYS: i64 = 30;

/// The most confirmed entries the hours page shows: enough to check what was just done.
const MOST_CONFIRMED: usize = 50;

/// One time entry as the hours page lists it.
struct EntryRow {
    id: i64,
    iso_date: String,
    date: String,
    worker: String,
    task: String,
    /// `09:00–11:00`, or what happened instead of work.
    times: String,
    /// `2:00`; empty for a no-show or cancellation.
    duration: String,
    confirmed_by: String,
    /// The confirm button's name for screen readers: whose hours, which day.
    confirm_label: String,
}

#[derive(Template)]
#[template(path = "company/hours.html")]
struct Hours {
    layout: Layout,
    csrf: String,
    notice: Option<String>,
    waiting: Vec<EntryRow>,
    confirmed: Vec<EntryRow>,
}

async fn entry_row(
    store: &Store,
    t: Tr,
    entry: &TimeEntry,
    names: &mut Names,
    titles: &mut HashMap<i64, String>,
) -> Result<EntryRow, PageError> {
    let task = match titles.get(&entry.task_id) {
        Some(title) => title.clone(),
        None => {
            let title = store.task(entry.task_id).await?.value.request.title;
            titles.insert(entry.task_id, title.clone());
            title
        }
    };
    let times = match (entry.kind, entry.started_at, entry.ended_at) {
        (EntryKind::Worked, Some(start), Some(end)) => {
            format!("{}–{}", clock(start), clock(end))
        }
        (EntryKind::NoShow, ..) => t.get("company.hours.no_show").to_string(),
        (EntryKind::Cancelled, ..) => t.get("company.hours.cancelled").to_string(),
        _ => String::new(),
    };
    let worker = names.of(store, entry.person_id).await?;
    let date = day_text(t, entry.occurrence);
    Ok(EntryRow {
        id: entry.id,
        iso_date: entry.occurrence.to_string(),
        confirm_label: t.fill(
            "company.hours.confirm_label",
            &[("worker", &worker), ("date", &date)],
        ),
        date,
        worker,
        task,
        times,
        duration: entry.minutes.map(hours_minutes).unwrap_or_default(),
        confirmed_by: entry.confirmed_by.clone().unwrap_or_default(),
    })
}

async fn hours(State(store): State<Store>, page: Page, headers: HeaderMap) -> Response {
    let notice = notice(page.t, &headers);
    let had_notice = notice.is_some();
    let result: PageResult = async {
        let (caller, company) = contact(&page)?;
        let since = Utc::now() - Duration::days(CONFIRMED_DAYS);
        let entries = store.company_time_entries(company, since).await?;
        let (mut names, mut titles) = (Names::default(), HashMap::new());
        let (mut waiting, mut confirmed) = (Vec::new(), Vec::new());
        for entry in &entries {
            let list = match entry.status {
                EntryStatus::Registered => &mut waiting,
                EntryStatus::Confirmed => &mut confirmed,
                EntryStatus::Open | EntryStatus::Corrected => continue,
            };
            list.push((
                entry.confirmed_at.clone(),
                entry_row(&store, page.t, entry, &mut names, &mut titles).await?,
            ));
        }
        // The latest confirmations first: they are what the reader just did.
        confirmed.sort_by(|a, b| (&b.0, &b.1.iso_date).cmp(&(&a.0, &a.1.iso_date)));
        confirmed.truncate(MOST_CONFIRMED);
        Ok(shown(
            render(&Hours {
                layout: page.layout(),
                csrf: caller.csrf.clone(),
                notice,
                waiting: waiting.into_iter().map(|(_, row)| row).collect(),
                confirmed: confirmed.into_iter().map(|(_, row)| row).collect(),
            }),
            had_notice,
        ))
    }
    .await;
    answer(&page, result)
}

async fn confirm(State(store): State<Store>, page: Page, Path(id): Path<String>) -> Response {
    let result: PageResult = async {
        let (caller, company) = contact(&page)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let entry = store.time_entry(id).await?;
        if store.task(entry.task_id).await?.value.request.company_id != company {
            return Err(PageError::NotFound);
        }
        if entry.status != EntryStatus::Registered {
            return Ok(redirect_with_notice("/company/hours", "not_waiting"));
        }
        match store
            .confirm_time(id, &Actor(caller.account.email.clone()))
            .await
        {
            Ok(_) => Ok(redirect_with_notice("/company/hours", "confirmed")),
            // Corrected or confirmed by someone else since the page was shown.
            Err(StoreError::Conflict(_)) => {
                Ok(redirect_with_notice("/company/hours", "not_waiting"))
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    answer(&page, result)
}

// ---- Invoices and credit notes.

/// One issued document as the invoices page lists it.
struct InvoiceRow {
    number: String,
    /// "Invoice" or "Credit note for 2026-0001".
    kind: String,
    iso_date: String,
    date: String,
    period: String,
    total: String,
    pdf_label: String,
    xml_label: String,
}

#[derive(Template)]
#[template(path = "company/invoices.html")]
struct Invoices {
    layout: Layout,
    invoices: Vec<InvoiceRow>,
}

async fn invoices(State(store): State<Store>, page: Page) -> Response {
    let result: PageResult = async {
        let (_, company) = contact(&page)?;
        let t = page.t;
        let mut rows: Vec<InvoiceRow> = store
            .invoices()
            .await?
            .into_iter()
            .filter(|i| i.company_id == company)
            .map(|i| InvoiceRow {
                kind: match &i.credits {
                    Some(number) => t.fill("company.invoices.credit_note", &[("number", number)]),
                    None => t.get("company.invoices.invoice").to_string(),
                },
                iso_date: i.issue_date.to_string(),
                date: day_text(t, i.issue_date),
                period: i.period,
                total: t.fill(
                    "company.invoices.amount",
                    &[("kroner", &reports::pdf::kroner(i.totals.total_ore))],
                ),
                pdf_label: t.fill("company.invoices.pdf", &[("number", &i.number)]),
                xml_label: t.fill("company.invoices.xml", &[("number", &i.number)]),
                number: i.number,
            })
            .collect();
        // Numbers run without gaps, so the newest has the highest.
        rows.reverse();
        Ok(render(&Invoices {
            layout: page.layout(),
            invoices: rows,
        }))
    }
    .await;
    answer(&page, result)
}

/// `2027-0001.pdf` or `.xml`: the document as a download, if it is the company's.
async fn download(State(store): State<Store>, page: Page, Path(file): Path<String>) -> Response {
    let result: PageResult = async {
        let (_, company) = contact(&page)?;
        let (number, extension) = invoice_file(&file)?;
        let invoice = match store.invoice(number).await {
            Ok(invoice) if invoice.company_id == company => invoice,
            Ok(_) | Err(StoreError::Invalid(_)) | Err(StoreError::NotFound { .. }) => {
                return Err(PageError::NotFound);
            }
            Err(e) => return Err(e.into()),
        };
        invoice_download(&invoice, extension)
    }
    .await;
    answer(&page, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::{Lang, assert_both_languages_have, keys_asked_in};

    /// The catalogue test in `i18n` checks the Danish catalogue; this one checks both
    /// languages for the company's templates and the keys that sit in tables here.
    #[test]
    fn every_key_the_company_pages_ask_for_exists_in_both_languages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys: Vec<String> = WEEKDAYS
            .iter()
            .chain(MONTHS.iter())
            .chain(NOTICES.iter().map(|(_, k)| k))
            .chain(MENU.iter().map(|(_, k)| k))
            .chain(PICKUP_FRACTIONS.iter().map(|(_, k)| k))
            .chain(PICKUP_WINDOWS.iter().map(|(_, k)| k))
            .chain(PICKUP_FIELDS.iter().map(|(_, k)| k))
            .chain([&PICKUP_PRICE])
            .map(|k| k.to_string())
            .collect();
        keys.extend(TaskStatus::ALL.iter().map(|s| status_key(*s).to_string()));
        for entry in std::fs::read_dir(root.join("templates/company")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            keys.extend(keys_asked_in(&text).into_iter().map(str::to_string));
        }
        assert_both_languages_have(&keys);
    }

    #[test]
    fn the_form_becomes_the_apis_draft() {
        let form = TaskForm {
            task_type: "cleaning".into(),
            site: "7".into(),
            title: "Frokoststue".into(),
            date: "2026-12-01".into(),
            start: "09:00".into(),
            end: "11:30".into(),
            people: "2".into(),
            repeat_weeks: "3".into(),
            notes: "Spørg efter Jens".into(),
        };
        let (draft, bad) = draft(&form, 4);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(draft.company_id, Some(4));
        assert_eq!(
            draft.fixed_start.as_deref(),
            Some("2026-12-01T09:00:00+01:00")
        );
        assert_eq!(draft.duration_minutes, Some(150));
        assert_eq!(
            draft.recurrence.as_deref(),
            Some("weekly Tue until 2026-12-15")
        );
        let task = draft.parse().unwrap();
        assert_eq!(task.occurrences().len(), 3);
        assert_eq!(task.description, "Spørg efter Jens");

        let bad_form = TaskForm {
            date: "1. december".into(),
            end: "08:00".into(),
            ..form.clone()
        };
        let named = |form: &TaskForm| {
            let (draft, bad) = super::draft(form, 4);
            let fields = with_domain_errors(bad, &draft.parse().unwrap_err());
            let errors = form_errors(Tr::new(Lang::En), fields);
            errors.iter().map(|e| e.field).collect::<Vec<_>>()
        };
        assert_eq!(named(&bad_form), ["date", "end"]);
        // A start that cannot be read leaves the end alone: the length is unknown.
        let no_start = TaskForm {
            start: "9".into(),
            ..form.clone()
        };
        assert_eq!(named(&no_start), ["start"]);
        let too_long = TaskForm {
            end: "20:00".into(),
            title: " ".into(),
            ..form.clone()
        };
        assert_eq!(named(&too_long), ["title", "end"]);
    }

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(hours_minutes(125), "2:05");
        assert_eq!(hours_minutes(45), "0:45");
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            day_text(Tr::new(Lang::Da), date),
            "tirsdag 1. december 2026"
        );
        assert_eq!(day_text(Tr::new(Lang::En), date), "Tuesday 1 December 2026");
    }
}
