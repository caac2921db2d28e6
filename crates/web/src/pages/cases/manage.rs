//! The exchange for editors and coordinators: every case and news item in every state
//! (`/manage/cases`), the form that writes one language of one (`/manage/cases/new`,
//! `/manage/cases/{slug}/{lang}`), the workflow's steps, and the case's images, uploaded
//! as a multipart form. Everything goes through `service::cases`, as the API does.

use crate::pages::alliance::form::{Field, Posted, said};
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use service::ServiceError;
use service::cases::{self, CaseRequest, THEMES};
use std::collections::BTreeMap;
use store::cases::Case;

/// The form's fields, in order.
const FIELDS: [&str; 15] = [
    "slug",
    "lang",
    "kind",
    "title",
    "summary",
    "challenge",
    "done",
    "financing",
    "partners",
    "contact",
    "themes",
    "sdgs",
    "indicators",
    "municipality",
    "links",
];

/// The pages, for editors and coordinators.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/cases", get(list).post(save))
        .route("/manage/cases/new", get(new))
        .route("/manage/cases/{slug}/{lang}", get(edit))
        .route("/manage/cases/{slug}/status", post(status))
        .route(
            "/manage/cases/{slug}/images",
            post(add_image).layer(axum::extract::DefaultBodyLimit::max(
                crate::api::cases::IMAGE_BODY_LIMIT,
            )),
        )
        .route("/manage/cases/{slug}/images/{id}", get(preview))
        .route(
            "/manage/cases/{slug}/images/{id}/remove",
            post(remove_image),
        )
}

/// A case or news item as listed: its languages and its state.
struct Row {
    slug: String,
    kind: String,
    title: String,
    status: String,
    languages: Vec<String>,
}

#[derive(Template)]
#[template(path = "cases/manage.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
}

/// `GET /manage/cases`: this municipality's cases and news, every state.
async fn list(State(state): State<AppState>, page: Page) -> PageResult {
    let t = page.t;
    let mut rows: Vec<Row> = Vec::new();
    for status in ["draft", "in_review", "published", "withdrawn"] {
        for c in state.store.cases(status).await? {
            if c.source_id.is_some() {
                continue;
            }
            match rows.iter_mut().find(|r| r.slug == c.slug) {
                Some(r) => r.languages.push(c.lang),
                None => rows.push(Row {
                    status: t.get(&format!("cases.status_{}", c.status)).to_string(),
                    kind: t.get(&format!("cases.kind_{}", c.kind)).to_string(),
                    slug: c.slug,
                    title: c.title,
                    languages: vec![c.lang],
                }),
            }
        }
    }
    Ok(render(&ListPage {
        layout: page.layout(),
        rows,
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "cases/edit.html")]
struct EditPage {
    layout: Layout,
    csrf: String,
    heading: String,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
    /// The case as stored: its state, images and the steps it may take; none when new.
    stored: Option<Stored>,
}

impl EditPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

struct Stored {
    slug: String,
    status: String,
    steps: Vec<(&'static str, String)>,
    /// (id, Danish alt text).
    images: Vec<(i64, String)>,
    published: bool,
    address: String,
}

/// The workflow's steps a case in `status` may take, worded.
fn steps(t: crate::pages::i18n::Tr, status: &str) -> Vec<(&'static str, String)> {
    let to: &[&'static str] = match status {
        "draft" => &["in_review", "published"],
        "in_review" => &["published", "draft"],
        "published" => &["withdrawn"],
        _ => &["published", "draft"],
    };
    to.iter()
        .map(|s| (*s, t.get(&format!("cases.step_{s}")).to_string()))
        .collect()
}

async fn shown(
    state: &AppState,
    page: &Page,
    posted: &Posted,
    errors: Vec<FieldError>,
    existing: Option<&Case>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("cases.field_{name}")).to_string();
        f
    };
    let languages = vec![
        ("da".to_string(), t.get("cases.language_da").to_string()),
        ("en".to_string(), t.get("cases.language_en").to_string()),
    ];
    let kinds = vec![
        ("case".to_string(), t.get("cases.kind_case").to_string()),
        ("news".to_string(), t.get("cases.kind_news").to_string()),
    ];
    let themes = THEMES
        .iter()
        .map(|th| (th.to_string(), super::theme_said(t, th)))
        .collect();
    let fields = vec![
        field("slug", "text").hint(t.get("cases.hint_slug").to_string()),
        field("lang", "select").options(languages, posted),
        field("kind", "select").options(kinds, posted),
        field("title", "text"),
        field("summary", "textarea"),
        field("challenge", "textarea"),
        field("done", "textarea"),
        field("financing", "textarea"),
        field("partners", "textarea"),
        field("contact", "text"),
        field("themes", "checks").options(themes, posted),
        field("sdgs", "text").hint(t.get("cases.hint_sdgs").to_string()),
        field("indicators", "text").hint(t.get("cases.hint_indicators").to_string()),
        field("municipality", "text"),
        field("links", "text").hint(t.get("cases.hint_links").to_string()),
    ];
    let stored = match existing {
        Some(c) => Some(Stored {
            slug: c.slug.clone(),
            status: t.get(&format!("cases.status_{}", c.status)).to_string(),
            steps: steps(t, &c.status),
            images: state
                .store
                .images(&c.slug)
                .await?
                .into_iter()
                .map(|i| (i.id, i.alt_da))
                .collect(),
            published: c.status == "published",
            address: format!(
                "/{}/{}",
                if c.kind == "news" { "news" } else { "cases" },
                c.slug
            ),
        }),
        None => None,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let heading = match existing {
        Some(c) => c.title.clone(),
        None => t.get("cases.new_title").to_string(),
    };
    let body = EditPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading,
        fields,
        errors,
        stored,
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /manage/cases/new?kind=news`.
async fn new(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let kind = match query.get("kind").map(String::as_str) {
        Some("news") => "news",
        _ => "case",
    };
    let posted = Posted::with(&[
        ("lang", page.t.lang.code().to_string()),
        ("kind", kind.to_string()),
        ("municipality", "Aalborg Kommune".to_string()),
    ]);
    shown(&state, &page, &posted, Vec::new(), None).await
}

/// A stored case as the form shows it.
fn posted_of(c: &Case, lang: &str) -> Posted {
    let mut values = vec![
        ("slug", c.slug.clone()),
        ("lang", lang.to_string()),
        ("kind", c.kind.clone()),
        ("title", c.title.clone()),
        ("summary", c.summary.clone()),
        ("challenge", c.challenge.clone()),
        ("done", c.done.clone()),
        ("financing", c.financing.clone()),
        ("partners", c.partners.clone()),
        ("contact", c.contact.clone()),
        ("sdgs", c.sdgs.join(", ")),
        ("indicators", c.indicators.join(", ")),
        ("municipality", c.municipality.clone()),
        ("links", c.links.join(", ")),
    ];
    values.extend(c.themes.iter().map(|th| ("themes", th.clone())));
    Posted::with(&values)
}

/// The stored case `slug` in `lang`; not found when there is none of this municipality.
async fn stored(state: &AppState, slug: &str, lang: &str) -> Result<Case, PageError> {
    state
        .store
        .case(slug)
        .await?
        .into_iter()
        .find(|c| c.lang == lang && c.source_id.is_none())
        .ok_or(PageError::NotFound)
}

/// `GET /manage/cases/{slug}/{lang}`: the form with the text as stored; a language the
/// case does not have yet starts from the other one's.
async fn edit(
    State(state): State<AppState>,
    page: Page,
    Path((slug, lang)): Path<(String, String)>,
) -> PageResult {
    let all = state.store.case(&slug).await?;
    let Some(first) = all.iter().find(|c| c.source_id.is_none()) else {
        return Err(PageError::NotFound);
    };
    match all.iter().find(|c| c.lang == lang) {
        Some(c) => shown(&state, &page, &posted_of(c, &c.lang), Vec::new(), Some(c)).await,
        None if matches!(lang.as_str(), "da" | "en") => {
            let posted = posted_of(first, &lang);
            shown(&state, &page, &posted, Vec::new(), Some(first)).await
        }
        None => Err(PageError::NotFound),
    }
}

/// `POST /manage/cases`: one language of a case kept, or the form again naming what is
/// wrong.
async fn save(State(state): State<AppState>, page: Page, body: Bytes) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let request = CaseRequest {
        slug: posted.one("slug").to_string(),
        lang: posted.one("lang").to_string(),
        kind: posted.one("kind").to_string(),
        title: posted.one("title").to_string(),
        summary: posted.one("summary").to_string(),
        challenge: posted.one("challenge").to_string(),
        done: posted.one("done").to_string(),
        financing: posted.one("financing").to_string(),
        partners: posted.one("partners").to_string(),
        contact: posted.one("contact").to_string(),
        themes: posted.all("themes"),
        sdgs: posted.listed("sdgs"),
        indicators: posted.listed("indicators"),
        municipality: posted.one("municipality").to_string(),
        links: posted.listed("links"),
        initiative: None,
    };
    match cases::put(&state.store, &caller.actor(), &request, page.now).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/manage/cases/{}/{}",
            request.slug.trim(),
            request.lang.trim()
        ))
        .into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "title")
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("cases.bad_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            let existing = state
                .store
                .case(request.slug.trim())
                .await
                .unwrap_or_default()
                .into_iter()
                .find(|c| c.lang == request.lang.trim());
            shown(&state, &page, &posted, errors, existing.as_ref()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /manage/cases/{slug}/status`: a step in the workflow.
async fn status(
    State(state): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.caller()?;
    let posted = Posted::read(&body);
    let lang = posted.one("lang").to_string();
    stored(&state, &slug, &lang).await?;
    cases::set_status(
        &state.store,
        &caller.actor(),
        &slug,
        posted.one("status"),
        page.now,
    )
    .await?;
    Ok(Redirect::to(&format!("/manage/cases/{slug}/{lang}")).into_response())
}

/// `POST /manage/cases/{slug}/images?csrf=…&lang=…` as `multipart/form-data`: an image with
/// its alt texts. The form token rides in the address because the access layer reads
/// only plain forms' bodies.
async fn add_image(
    State(state): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    mut form: Multipart,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let lang = query.get("lang").cloned().unwrap_or_else(|| "da".into());
    let case = stored(&state, &slug, &lang).await?;
    let Some((alt_da, alt_en, bytes)) = read_upload(&mut form).await else {
        let errors = vec![FieldError::new(
            "image",
            t.get("cases.bad_upload").to_string(),
        )];
        return shown(&state, &page, &posted_of(&case, &lang), errors, Some(&case)).await;
    };
    match cases::images::add(
        &state.store,
        &caller.actor(),
        &slug,
        &alt_da,
        &alt_en,
        &bytes,
        page.now,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/manage/cases/{slug}/{lang}")).into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = wrong
                .iter()
                .map(|e| {
                    let field = e.field.clone();
                    FieldError::new(
                        field.clone(),
                        t.get(&format!("cases.bad_{field}")).to_string(),
                    )
                })
                .collect();
            shown(&state, &page, &posted_of(&case, &lang), errors, Some(&case)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The upload form's alt texts and image; none when the body is no multipart form.
async fn read_upload(form: &mut Multipart) -> Option<(String, String, Vec<u8>)> {
    let (mut alt_da, mut alt_en, mut bytes) = (String::new(), String::new(), Vec::new());
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_string();
        let data = field.bytes().await.ok()?;
        match name.as_str() {
            "alt_da" => alt_da = String::from_utf8_lossy(&data).into_owned(),
            "alt_en" => alt_en = String::from_utf8_lossy(&data).into_owned(),
            "image" => bytes = data.to_vec(),
            _ => {}
        }
    }
    Some((alt_da, alt_en, bytes))
}

/// `GET /manage/cases/{slug}/images/{id}`: an image as the editor sees it before the case
/// is published.
async fn preview(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> PageResult {
    let id = super::number(&id)?;
    let (image, bytes) = state
        .store
        .image(id)
        .await?
        .filter(|(i, _)| i.slug == slug)
        .ok_or(PageError::NotFound)?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, image.media_type),
            (
                axum::http::header::CACHE_CONTROL,
                "private, no-cache".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /manage/cases/{slug}/images/{id}/remove`.
async fn remove_image(
    State(state): State<AppState>,
    page: Page,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> PageResult {
    let id = super::number(&id)?;
    let caller = page.caller()?;
    let posted = Posted::read(&body);
    cases::images::remove(&state.store, &caller.actor(), &slug, id).await?;
    Ok(Redirect::to(&format!("/manage/cases/{slug}/{}", posted.one("lang"))).into_response())
}
