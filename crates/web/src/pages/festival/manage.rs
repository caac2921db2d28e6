//! The green agents' festival pages: `/festival/manage` (the current edition, its events in
//! every state with the steps each may take), and the forms for an edition, a venue and
//! an event, new or changed. The door is [`super::door`].

use crate::pages::alliance::form::{Field, FormPage, Posted, said};
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use service::ServiceError;
use service::festival::manage::{
    self, EditionRequest, EventRequest, KINDS, ORGANISER_TYPES, VenueRequest,
};

/// The agents' pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/festival/manage", get(overview))
        .route("/festival/manage/{form}", get(form).post(save))
        .route("/festival/manage/events/{id}/status", post(status))
        .route(
            "/festival/manage/events/{id}/edit",
            get(edit_event).post(change_event),
        )
        .route(
            "/festival/door/{id}",
            get(super::door::door).post(super::door::check_in),
        )
}

/// An event as the agents list it.
struct Row {
    id: i64,
    title: String,
    when: String,
    status: String,
    places: String,
    steps: Vec<(&'static str, String)>,
    approved: bool,
}

#[derive(Template)]
#[template(path = "festival/manage.html")]
struct Overview {
    layout: Layout,
    csrf: String,
    edition: Option<String>,
    venues: Vec<String>,
    rows: Vec<Row>,
}

/// `GET /festival/manage`.
async fn overview(State(state): State<AppState>, page: Page) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let edition = service::festival::current_edition(&state.store, page.today()).await?;
    let mut rows = Vec::new();
    let mut venues = Vec::new();
    if let Some(e) = &edition {
        venues = state
            .store
            .venues(e.id)
            .await?
            .into_iter()
            .map(|v| format!("{} ({})", v.name, v.capacity))
            .collect();
        for ev in state.store.events(e.id, None).await? {
            let places = state.store.places(ev.id).await?;
            let steps: &[&'static str] = match ev.status.as_str() {
                "proposed" => &["approved", "rejected"],
                "approved" => &["cancelled"],
                _ => &[],
            };
            let at = domain::calendar::parse_instant(&ev.starts_at).ok();
            rows.push(Row {
                id: ev.id,
                when: at
                    .map(|a| {
                        format!(
                            "{} {}",
                            crate::pages::day_label(t, domain::calendar::local_date(a), false),
                            crate::pages::clock(a)
                        )
                    })
                    .unwrap_or_default(),
                status: t.get(&format!("festival.status_{}", ev.status)).to_string(),
                places: t.fill(
                    "festival.places_taken",
                    &[
                        ("taken", &places.taken.to_string()),
                        ("capacity", &places.capacity.to_string()),
                        ("waiting", &places.waiting.to_string()),
                    ],
                ),
                steps: steps
                    .iter()
                    .map(|s| (*s, t.get(&format!("festival.step_{s}")).to_string()))
                    .collect(),
                approved: ev.status == "approved",
                title: ev.title,
            });
        }
    }
    let body = Overview {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        edition: edition.map(|e| e.title),
        venues,
        rows,
    };
    Ok(render(&body).into_response())
}

/// A form's fields for `form` (`edition`, `venue` or `event`), and its field names.
async fn fields_of(
    state: &AppState,
    page: &Page,
    form: &str,
    posted: &Posted,
) -> Result<(Vec<Field>, &'static [&'static str]), PageError> {
    let t = page.t;
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("festival.field_{name}")).to_string();
        f
    };
    let words = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| {
                (
                    c.to_string(),
                    t.get(&format!("festival.{prefix}_{c}")).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    match form {
        "edition" => Ok((
            vec![
                field("year", "number"),
                field("title", "text"),
                field("starts_on", "date"),
                field("days", "number"),
                field("group_limit", "number"),
            ],
            &["year", "title", "starts_on", "days", "group_limit"],
        )),
        "venue" => Ok((
            vec![
                field("name", "text"),
                field("address", "text"),
                field("capacity", "number"),
                field("accessibility", "textarea"),
            ],
            &["name", "address", "capacity", "accessibility"],
        )),
        "event" => {
            let edition = service::festival::current_edition(&state.store, page.today())
                .await?
                .ok_or(PageError::NotFound)?;
            let venues = state
                .store
                .venues(edition.id)
                .await?
                .into_iter()
                .map(|v| (v.id.to_string(), v.name))
                .collect();
            let languages = vec![
                ("da".to_string(), t.get("cases.language_da").to_string()),
                ("en".to_string(), t.get("cases.language_en").to_string()),
            ];
            let themes = service::cases::THEMES
                .iter()
                .map(|th| {
                    (
                        th.to_string(),
                        t.get(&format!("cases.theme_{th}")).to_string(),
                    )
                })
                .collect();
            Ok((
                vec![
                    field("title", "text"),
                    field("description", "textarea"),
                    field("kind", "select").options(words("kind", &KINDS), posted),
                    field("venue_id", "select").options(venues, posted),
                    field("starts_at", "datetime-local"),
                    field("ends_at", "datetime-local"),
                    field("capacity", "number"),
                    field("organiser", "text"),
                    field("organiser_type", "select")
                        .options(words("organiser", &ORGANISER_TYPES), posted),
                    field("organiser_email", "email"),
                    field("lang", "select").options(languages, posted),
                    field("themes", "checks").options(themes, posted),
                    field("sdgs", "text").hint(t.get("cases.hint_sdgs").to_string()),
                ],
                &[
                    "title",
                    "description",
                    "kind",
                    "venue_id",
                    "starts_at",
                    "ends_at",
                    "capacity",
                    "organiser",
                    "organiser_type",
                    "organiser_email",
                    "lang",
                    "themes",
                    "sdgs",
                ],
            ))
        }
        _ => Err(PageError::NotFound),
    }
}

async fn form_page(
    state: &AppState,
    page: &Page,
    (form, action): (&str, String),
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let (fields, _) = fields_of(state, page, form, posted).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: t.get(&format!("festival.new_{form}")).to_string(),
        intro: String::new(),
        action,
        fields,
        submit: t.get("festival.save").to_string(),
        errors,
        back: Some((
            "/festival/manage".into(),
            t.get("festival.nav_manage").to_string(),
        )),
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /festival/manage/{edition|venue|event}`: the form.
async fn form(State(state): State<AppState>, page: Page, Path(form): Path<String>) -> PageResult {
    let posted = Posted::with(&[
        ("days", "4".to_string()),
        ("group_limit", "6".to_string()),
        ("lang", page.t.lang.code().to_string()),
        ("organiser_type", "municipality".to_string()),
    ]);
    let action = format!("/festival/manage/{form}");
    form_page(&state, &page, (&form, action), &posted, Vec::new()).await
}

fn number(posted: &Posted, name: &str) -> i64 {
    posted.one(name).trim().parse().unwrap_or(0)
}

/// `POST /festival/manage/{edition|venue|event}`: kept, or the form again naming what
/// is wrong.
async fn save(
    State(state): State<AppState>,
    page: Page,
    Path(form): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.caller()?;
    let by = caller.actor();
    let t = page.t;
    let posted = Posted::read(&body);
    let result = match form.as_str() {
        "edition" => {
            let r = EditionRequest {
                year: number(&posted, "year"),
                title: posted.one("title").into(),
                starts_on: posted.one("starts_on").into(),
                days: number(&posted, "days"),
                group_limit: number(&posted, "group_limit"),
            };
            manage::add_edition(&state.store, &by, &r, page.now).await
        }
        "venue" => {
            let edition = service::festival::current_edition(&state.store, page.today())
                .await?
                .ok_or(PageError::NotFound)?;
            let r = VenueRequest {
                edition_id: edition.id,
                name: posted.one("name").into(),
                address: posted.one("address").into(),
                capacity: number(&posted, "capacity"),
                accessibility: posted.one("accessibility").into(),
            };
            manage::add_venue(&state.store, &by, &r).await
        }
        "event" => {
            let r = event_request(&posted);
            manage::add_event(&state.store, &by, &r, page.now).await
        }
        _ => return Err(PageError::NotFound),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/festival/manage").into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let (_, names) = fields_of(&state, &page, &form, &posted).await?;
            let errors = said(t, &wrong, names, names[0])
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("festival.bad_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            let action = format!("/festival/manage/{form}");
            form_page(&state, &page, (&form, action), &posted, errors).await
        }
        Err(ServiceError::Store(store::StoreError::Conflict(_))) => {
            let errors = vec![FieldError::new("year", t.get("festival.bad_year_taken"))];
            let action = format!("/festival/manage/{form}");
            form_page(&state, &page, (&form, action), &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A stored instant as a form's local `2027-05-20T10:00`.
fn local_field(instant: &str) -> String {
    domain::calendar::parse_instant(instant)
        .map(|at| {
            at.with_timezone(&domain::calendar::TIME_ZONE)
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// `GET /festival/manage/events/{id}/edit`: the event's form, filled as stored.
async fn edit_event(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let e = state.store.event(id).await?.ok_or(PageError::NotFound)?;
    let mut values = vec![
        ("title", e.title.clone()),
        ("description", e.description.clone()),
        ("kind", e.kind.clone()),
        ("venue_id", e.venue_id.to_string()),
        ("starts_at", local_field(&e.starts_at)),
        ("ends_at", local_field(&e.ends_at)),
        ("capacity", e.capacity.to_string()),
        ("organiser", e.organiser.clone()),
        ("organiser_type", e.organiser_type.clone()),
        ("organiser_email", e.organiser_email.clone()),
        ("lang", e.lang.clone()),
        ("sdgs", e.sdgs.join(", ")),
    ];
    values.extend(e.themes.iter().map(|th| ("themes", th.clone())));
    let action = format!("/festival/manage/events/{id}/edit");
    form_page(
        &state,
        &page,
        ("event", action),
        &Posted::with(&values),
        Vec::new(),
    )
    .await
}

/// `POST /festival/manage/events/{id}/edit`: changed (those registered told when it
/// moves), or the form again naming what is wrong — fewer places than are taken, say.
async fn change_event(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let links = crate::api::festival::links(&state);
    let request = event_request(&posted);
    match manage::change_event(
        &state.store,
        &caller.actor(),
        id,
        &request,
        &links,
        page.now,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/festival/manage").into_response()),
        Err(ServiceError::Invalid(wrong))
        | Err(ServiceError::Store(store::StoreError::Invalid(wrong))) => {
            let (_, names) = fields_of(&state, &page, "event", &posted).await?;
            let errors = said(t, &wrong, names, names[0])
                .into_iter()
                .map(|e| {
                    let key = if e.field == "capacity"
                        && wrong.iter().any(|w| w.reason.contains("taken"))
                    {
                        "festival.bad_capacity_taken".to_string()
                    } else {
                        format!("festival.bad_{}", e.field)
                    };
                    FieldError::new(e.field, t.get(&key).to_string())
                })
                .collect();
            let action = format!("/festival/manage/events/{id}/edit");
            form_page(&state, &page, ("event", action), &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// An event as a form posts it.
pub fn event_request(posted: &Posted) -> EventRequest {
    EventRequest {
        venue_id: number(posted, "venue_id"),
        title: posted.one("title").into(),
        description: posted.one("description").into(),
        kind: posted.one("kind").into(),
        organiser: posted.one("organiser").into(),
        organiser_type: posted.one("organiser_type").into(),
        company_id: None,
        organiser_email: posted.one("organiser_email").into(),
        starts_at: posted.one("starts_at").into(),
        ends_at: posted.one("ends_at").into(),
        capacity: number(posted, "capacity"),
        lang: posted.one("lang").into(),
        themes: posted.all("themes"),
        sdgs: posted.listed("sdgs"),
    }
}

/// `POST /festival/manage/events/{id}/status`.
async fn status(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let caller = page.caller()?;
    let posted = Posted::read(&body);
    let moved = manage::set_status(
        &state.store,
        &caller.actor(),
        id,
        posted.one("status"),
        page.now,
    )
    .await;
    match moved {
        Ok(()) => Ok(Redirect::to("/festival/manage").into_response()),
        // Not a step the event can take now: not confirmed by its organiser yet, or
        // moved by another agent meanwhile.
        Err(ServiceError::Conflict(_)) => {
            let body = crate::pages::Message {
                layout: page.layout(),
                title: page.t.get("festival.step_refused_title").to_string(),
                text: page.t.get("festival.step_refused_text").to_string(),
            };
            Ok((StatusCode::CONFLICT, render(&body)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
