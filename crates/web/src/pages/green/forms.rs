//! The green agents' forms, each the shared form page: a community, a contact or a
//! place of one, an activity (new or changed), a follow-up, and a follow-up done with
//! the pledges it found kept. Each is kept whole or shown again naming what is wrong.

use super::word;
use crate::pages::alliance::form::{Field, FormPage, Posted, said};
use crate::pages::{FieldError, Page, PageError, PageResult, render};
use crate::state::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use domain::actor::Actor;
use service::ServiceError;
use service::green::activities::{self, ActivityRequest, DoneRequest, FollowUpRequest};
use service::green::communities::{self, CommunityRequest, ContactRequest, PlaceRequest};
use service::green::{ACTIVITY_KINDS, COMMUNITY_KINDS, PROJECTS, TOPICS};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/green/communities/new",
            get(community_form).post(community_save),
        )
        .route(
            "/green/communities/{id}/{form}",
            get(of_community).post(to_community),
        )
        .route(
            "/green/activities/{id}/{form}",
            get(of_activity).post(to_activity),
        )
        .route("/green/follow-ups/{id}", get(done_form).post(done_save))
}

/// Which form, and the record it belongs to.
#[derive(Clone, Copy)]
enum Form {
    Community,
    Contact(i64),
    Place(i64),
    Activity(i64),
    Edit(i64),
    FollowUp(i64),
    Done(i64),
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Community => "community",
            Form::Contact(_) => "contact",
            Form::Place(_) => "place",
            Form::Activity(_) => "activity",
            Form::Edit(_) => "edit",
            Form::FollowUp(_) => "follow_up",
            Form::Done(_) => "done",
        }
    }

    fn action(self) -> String {
        match self {
            Form::Community => "/green/communities/new".into(),
            Form::Contact(c) => format!("/green/communities/{c}/contacts"),
            Form::Place(c) => format!("/green/communities/{c}/places"),
            Form::Activity(c) => format!("/green/communities/{c}/activities"),
            Form::Edit(a) => format!("/green/activities/{a}/edit"),
            Form::FollowUp(a) => format!("/green/activities/{a}/follow-ups"),
            Form::Done(f) => format!("/green/follow-ups/{f}"),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            Form::Community => &["name", "kind", "description"],
            Form::Contact(_) => &["name", "role", "email", "phone"],
            Form::Place(_) => &["name", "address", "latitude", "longitude"],
            Form::Activity(_) | Form::Edit(_) => &[
                "title",
                "kind",
                "project",
                "held_on",
                "ends_on",
                "topic",
                "sdgs",
                "place_id",
                "people_reached",
                "results",
            ],
            Form::FollowUp(_) => &["owner", "due_on", "note"],
            Form::Done(_) => &["done_on", "outcome", "pledges"],
        }
    }
}

/// The community a form's record belongs to, found from the record; none for a new one.
async fn community_of(state: &AppState, form: Form) -> Result<Option<i64>, PageError> {
    let store = &state.store;
    Ok(match form {
        Form::Community => None,
        Form::Contact(c) | Form::Place(c) | Form::Activity(c) => Some(store.community(c).await?.id),
        Form::Edit(a) | Form::FollowUp(a) => Some(store.activity(a).await?.community_id),
        Form::Done(f) => {
            let follow_up = store.follow_up(f).await?;
            Some(store.activity(follow_up.activity_id).await?.community_id)
        }
    })
}

async fn fields_of(
    state: &AppState,
    page: &Page,
    form: Form,
    community: Option<i64>,
    posted: &Posted,
) -> Result<Vec<Field>, PageError> {
    let t = page.t;
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("green.field_{name}")).to_string();
        f
    };
    let words = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| (c.to_string(), word(t, prefix, c)))
            .collect::<Vec<_>>()
    };
    Ok(match form {
        Form::Community => vec![
            field("name", "text"),
            field("kind", "select").options(words("kind", &COMMUNITY_KINDS), posted),
            field("description", "textarea"),
        ],
        Form::Contact(_) => vec![
            field("name", "text"),
            field("role", "text"),
            field("email", "email"),
            field("phone", "text"),
        ],
        Form::Place(_) => vec![
            field("name", "text"),
            field("address", "text"),
            field("latitude", "text").hint(t.get("green.hint_coordinates").to_string()),
            field("longitude", "text"),
        ],
        Form::Activity(_) | Form::Edit(_) => {
            let mut places = vec![(String::new(), t.get("green.no_place").to_string())];
            if let Some(c) = community {
                places.extend(
                    state
                        .store
                        .community_places(Some(c))
                        .await?
                        .into_iter()
                        .map(|p| (p.id.to_string(), p.name)),
                );
            }
            let mut projects = vec![(String::new(), t.get("green.no_project").to_string())];
            projects.extend(words("project", &PROJECTS));
            vec![
                field("title", "text"),
                field("kind", "select").options(words("activity", &ACTIVITY_KINDS), posted),
                field("project", "select")
                    .options(projects, posted)
                    .hint(t.get("green.hint_project").to_string()),
                field("held_on", "date"),
                field("ends_on", "date").hint(t.get("green.hint_ends_on").to_string()),
                field("topic", "select").options(words("topic", &TOPICS), posted),
                field("sdgs", "text").hint(t.get("cases.hint_sdgs").to_string()),
                field("place_id", "select").options(places, posted),
                field("people_reached", "number"),
                field("results", "textarea"),
            ]
        }
        Form::FollowUp(_) => vec![
            field("owner", "text"),
            field("due_on", "date"),
            field("note", "textarea"),
        ],
        Form::Done(_) => {
            let actions = service::green::pledges::actions()?;
            let open = state
                .store
                .pledges()
                .await?
                .into_iter()
                .filter(|p| {
                    p.confirmed_on.is_none() && p.community_id.is_none_or(|c| Some(c) == community)
                })
                .map(|p| {
                    let action = actions
                        .iter()
                        .find(|a| a.code == p.action)
                        .map_or(p.action.clone(), |a| a.name(t.lang.code()).to_string());
                    (p.id.to_string(), format!("{} — {action}", p.name))
                })
                .collect();
            vec![
                field("done_on", "date"),
                field("outcome", "textarea"),
                field("pledges", "checks")
                    .options(open, posted)
                    .hint(t.get("green.hint_pledges").to_string()),
            ]
        }
    })
}

async fn shown(
    state: &AppState,
    page: &Page,
    form: Form,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let community = community_of(state, form).await?;
    let fields = fields_of(state, page, form, community, posted).await?;
    let back = match community {
        Some(c) => (
            format!("/green/communities/{c}"),
            t.get("green.back_community").to_string(),
        ),
        None => ("/green".to_string(), t.get("green.nav").to_string()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: t.get(&format!("green.form_{}", form.name())).to_string(),
        intro: String::new(),
        action: form.action(),
        fields,
        submit: t.get("green.save").to_string(),
        errors,
        back: Some(back),
    };
    Ok((status, render(&body)).into_response())
}

/// A number as typed; text that is none becomes a value the service refuses by name.
fn number(posted: &Posted, name: &str) -> i64 {
    posted.one(name).trim().parse().unwrap_or(i64::MIN)
}

/// A coordinate as typed, with a decimal comma or point.
fn coordinate(posted: &Posted, name: &str) -> f64 {
    posted
        .one(name)
        .trim()
        .replace(',', ".")
        .parse()
        .unwrap_or(f64::NAN)
}

fn activity_request(community_id: i64, posted: &Posted) -> ActivityRequest {
    ActivityRequest {
        community_id,
        place_id: posted.one("place_id").trim().parse().ok(),
        kind: posted.one("kind").into(),
        project: posted.one("project").into(),
        title: posted.one("title").into(),
        held_on: posted.one("held_on").into(),
        ends_on: posted.one("ends_on").into(),
        topic: posted.one("topic").into(),
        sdgs: posted.listed("sdgs"),
        people_reached: number(posted, "people_reached"),
        results: posted.one("results").into(),
    }
}

/// Keeps what `form` posted; answers the community page to go back to.
async fn keep(
    state: &AppState,
    by: &Actor,
    form: Form,
    posted: &Posted,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ServiceError> {
    let store = &state.store;
    let community = match form {
        Form::Community => {
            let r = CommunityRequest {
                name: posted.one("name").into(),
                kind: posted.one("kind").into(),
                description: posted.one("description").into(),
            };
            communities::add(store, by, &r, now).await?
        }
        Form::Contact(c) => {
            let r = ContactRequest {
                name: posted.one("name").into(),
                role: posted.one("role").into(),
                email: posted.one("email").into(),
                phone: posted.one("phone").into(),
            };
            communities::add_contact(store, by, c, &r).await?;
            c
        }
        Form::Place(c) => {
            let r = PlaceRequest {
                name: posted.one("name").into(),
                address: posted.one("address").into(),
                latitude: coordinate(posted, "latitude"),
                longitude: coordinate(posted, "longitude"),
            };
            communities::add_place(store, by, c, &r).await?;
            c
        }
        Form::Activity(c) => {
            activities::add(store, by, &activity_request(c, posted), now).await?;
            c
        }
        Form::Edit(a) => {
            let c = store.activity(a).await?.community_id;
            activities::change(store, by, a, &activity_request(c, posted), now).await?;
            c
        }
        Form::FollowUp(a) => {
            let r = FollowUpRequest {
                owner: posted.one("owner").into(),
                due_on: posted.one("due_on").into(),
                note: posted.one("note").into(),
            };
            activities::follow_up(store, by, a, &r).await?;
            store.activity(a).await?.community_id
        }
        Form::Done(f) => {
            let r = DoneRequest {
                done_on: posted.one("done_on").into(),
                outcome: posted.one("outcome").into(),
                pledges: posted
                    .all("pledges")
                    .iter()
                    .map(|p| p.trim().parse().unwrap_or(-1))
                    .collect(),
            };
            activities::done(store, by, f, &r, now).await?;
            let follow_up = store.follow_up(f).await?;
            store.activity(follow_up.activity_id).await?.community_id
        }
    };
    Ok(format!("/green/communities/{community}"))
}

async fn saved(state: &AppState, page: &Page, form: Form, body: &[u8]) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(body);
    match keep(state, &caller.actor(), form, &posted, page.now).await {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let names = form.fields();
            let errors = said(t, &wrong, names, names[0])
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("green.bad_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            shown(state, page, form, &posted, errors).await
        }
        Err(ServiceError::Store(store::StoreError::Conflict(_)))
            if matches!(form, Form::Community) =>
        {
            let errors = vec![FieldError::new("name", t.get("green.bad_name_taken"))];
            shown(state, page, form, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The form named in a community's address: `contacts`, `places` or `activities`.
fn community_form_of(id: &str, form: &str) -> Result<Form, PageError> {
    let id = crate::pages::cases::number(id)?;
    match form {
        "contacts" => Ok(Form::Contact(id)),
        "places" => Ok(Form::Place(id)),
        "activities" => Ok(Form::Activity(id)),
        _ => Err(PageError::NotFound),
    }
}

/// The form named in an activity's address: `edit` or `follow-ups`.
fn activity_form_of(id: &str, form: &str) -> Result<Form, PageError> {
    let id = crate::pages::cases::number(id)?;
    match form {
        "edit" => Ok(Form::Edit(id)),
        "follow-ups" => Ok(Form::FollowUp(id)),
        _ => Err(PageError::NotFound),
    }
}

/// `GET /green/communities/new`.
async fn community_form(State(state): State<AppState>, page: Page) -> PageResult {
    let posted = Posted::with(&[("kind", "association".to_string())]);
    shown(&state, &page, Form::Community, &posted, Vec::new()).await
}

/// `POST /green/communities/new`.
async fn community_save(State(state): State<AppState>, page: Page, body: Bytes) -> PageResult {
    saved(&state, &page, Form::Community, &body).await
}

/// `GET /green/communities/{id}/{contacts|places|activities}`: the form for a new one.
async fn of_community(
    State(state): State<AppState>,
    page: Page,
    Path((id, form)): Path<(String, String)>,
) -> PageResult {
    let form = community_form_of(&id, &form)?;
    let posted = Posted::with(&[
        ("held_on", page.today().to_string()),
        ("kind", "dialogue".to_string()),
        ("topic", "climate".to_string()),
        ("people_reached", "0".to_string()),
    ]);
    shown(&state, &page, form, &posted, Vec::new()).await
}

/// `POST /green/communities/{id}/{contacts|places|activities}`.
async fn to_community(
    State(state): State<AppState>,
    page: Page,
    Path((id, form)): Path<(String, String)>,
    body: Bytes,
) -> PageResult {
    let form = community_form_of(&id, &form)?;
    saved(&state, &page, form, &body).await
}

/// `GET /green/activities/{id}/{edit|follow-ups}`: the activity as stored, or a new
/// follow-up.
async fn of_activity(
    State(state): State<AppState>,
    page: Page,
    Path((id, form)): Path<(String, String)>,
) -> PageResult {
    let form = activity_form_of(&id, &form)?;
    let caller = page.caller()?;
    let posted = match form {
        Form::Edit(a) => {
            let a = activities::one(&state.store, &caller.actor(), a).await?;
            Posted::with(&[
                ("title", a.title),
                ("kind", a.kind),
                ("project", a.project.unwrap_or_default()),
                ("held_on", a.held_on),
                ("ends_on", a.ends_on.unwrap_or_default()),
                ("topic", a.topic),
                ("sdgs", a.sdgs.join(", ")),
                (
                    "place_id",
                    a.place_id.map(|p| p.to_string()).unwrap_or_default(),
                ),
                ("people_reached", a.people_reached.to_string()),
                ("results", a.results),
            ])
        }
        _ => Posted::with(&[
            ("owner", caller.account.email.clone()),
            (
                "due_on",
                (page.today() + chrono::Duration::days(14)).to_string(),
            ),
        ]),
    };
    shown(&state, &page, form, &posted, Vec::new()).await
}

/// `POST /green/activities/{id}/{edit|follow-ups}`.
async fn to_activity(
    State(state): State<AppState>,
    page: Page,
    Path((id, form)): Path<(String, String)>,
    body: Bytes,
) -> PageResult {
    let form = activity_form_of(&id, &form)?;
    saved(&state, &page, form, &body).await
}

/// `GET /green/follow-ups/{id}`: marking it done.
async fn done_form(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let posted = Posted::with(&[("done_on", page.today().to_string())]);
    shown(&state, &page, Form::Done(id), &posted, Vec::new()).await
}

/// `POST /green/follow-ups/{id}`.
async fn done_save(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    saved(&state, &page, Form::Done(id), &body).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::{Lang, load};

    /// The forms name their labels, errors and headings by key at run time, so every
    /// one of them must be in both catalogues.
    #[test]
    fn every_key_the_forms_and_codes_ask_for_exists() {
        let forms = [
            Form::Community,
            Form::Contact(1),
            Form::Place(1),
            Form::Activity(1),
            Form::Edit(1),
            Form::FollowUp(1),
            Form::Done(1),
        ];
        let mut keys = Vec::new();
        for form in forms {
            keys.push(format!("green.form_{}", form.name()));
            for field in form.fields() {
                keys.push(format!("green.field_{field}"));
                keys.push(format!("green.bad_{field}"));
            }
        }
        for field in super::super::greener::FIELDS {
            keys.push(format!("green.field_pledge_{field}"));
            keys.push(format!("green.bad_pledge_{field}"));
        }
        let codes: [(&str, &[&str]); 4] = [
            ("kind", &COMMUNITY_KINDS),
            ("activity", &ACTIVITY_KINDS),
            ("project", &PROJECTS),
            ("topic", &TOPICS),
        ];
        for (prefix, all) in codes {
            keys.extend(all.iter().map(|c| format!("green.{prefix}_{c}")));
        }
        for lang in [Lang::Da, Lang::En] {
            let catalogue = load(lang).unwrap();
            let missing: Vec<&String> = keys
                .iter()
                .filter(|k| !catalogue.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{lang:?} misses {missing:?}");
        }
    }
}
