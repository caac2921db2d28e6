//! `/skills?q=…&kind=skill|occupation|both`: the ESCO skills and occupations and the
//! agency's local skills found by a few typed letters, the best 20, in a plain GET form
//! that works without JavaScript; each ESCO concept given a Danish name in its row, and a
//! local skill added below, mapped to an ESCO skill or standing alone.

use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use service::ServiceError;
use service::competence::{self, Found, Kind};
use std::collections::BTreeMap;
use store::accounts::Role;
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/skills", get(show))
        .route("/skills/name", post(name))
        .route("/skills/local", post(local))
}

/// One choice of what to search.
struct KindChoice {
    value: &'static str,
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "coordinator/skills.html")]
struct SkillsPage {
    layout: Layout,
    csrf: String,
    query: String,
    kind: &'static str,
    notice: Option<String>,
    errors: Vec<FieldError>,
    /// The new local skill's fields: (name, label key, as posted).
    local: Vec<(&'static str, &'static str, String)>,
    kinds: Vec<KindChoice>,
    /// Each found, with its kind and group in words.
    found: Vec<(String, String, Found)>,
    searched: bool,
}

impl SkillsPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

const KINDS: [(&str, &[Kind]); 3] = [
    ("skill", &[Kind::Skill]),
    ("occupation", &[Kind::Occupation]),
    ("both", &[Kind::Skill, Kind::Occupation]),
];

fn kind_said(t: Tr, kind: &str) -> String {
    t.get(&format!("coordinator.skills_kind_{kind}"))
        .to_string()
}

/// A skill's reuse level, or an occupation's ISCO-08 group, in words.
fn group_said(t: Tr, found: &Found) -> String {
    if found.kind == "local" {
        return if found.group.is_empty() {
            t.get("coordinator.skills_alone").to_string()
        } else {
            t.fill("coordinator.skills_maps_to", &[("label", &found.group)])
        };
    }
    match found.group.as_str() {
        "transversal" | "cross-sector" => t
            .get(&format!(
                "coordinator.skills_level_{}",
                found.group.replace('-', "_")
            ))
            .to_string(),
        isco => t.fill("coordinator.skills_isco", &[("code", isco)]),
    }
}

/// `GET /skills`: the form, and what it found; an unknown kind searches skills.
async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let text = query
        .get("q")
        .map(|q| q.trim().to_string())
        .unwrap_or_default();
    let kind = query.get("kind").cloned().unwrap_or_default();
    let notice = query
        .contains_key("saved")
        .then(|| page.t.get("coordinator.skills_saved").to_string());
    shown(
        &store,
        &page,
        &text,
        &kind,
        notice,
        Vec::new(),
        Default::default(),
    )
    .await
}

async fn shown(
    store: &Store,
    page: &Page,
    text: &str,
    kind: &str,
    notice: Option<String>,
    errors: Vec<FieldError>,
    local: (String, String, String),
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let chosen = KINDS
        .iter()
        .find(|(code, _)| *code == kind)
        .unwrap_or(&KINDS[0]);
    let found = competence::search(store, &caller.actor(), text, chosen.1)
        .await?
        .into_iter()
        .map(|f| {
            (
                t.get(&format!("coordinator.skills_is_{}", f.kind))
                    .to_string(),
                group_said(t, &f),
                f,
            )
        })
        .collect();
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = SkillsPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        kinds: KINDS
            .iter()
            .map(|(code, _)| KindChoice {
                value: code,
                label: kind_said(t, code),
                chosen: *code == chosen.0,
            })
            .collect(),
        searched: !text.is_empty(),
        query: text.to_string(),
        kind: chosen.0,
        notice,
        errors,
        local: vec![
            ("name_da", "coordinator.skills_local_da", local.0),
            ("name_en", "coordinator.skills_local_en", local.1),
            ("esco", "coordinator.skills_local_esco", local.2),
        ],
        found,
    };
    Ok((status, render(&body)).into_response())
}

/// The fields of a form body.
fn fields(body: &[u8]) -> BTreeMap<String, String> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Where a saved form returns: the same search.
fn back(posted: &BTreeMap<String, String>) -> String {
    let q: String =
        form_urlencoded::byte_serialize(posted.get("q").map_or("", String::as_str).as_bytes())
            .collect();
    let kind = posted.get("kind").map_or("skill", String::as_str);
    format!("/skills?q={q}&kind={kind}&saved=1")
}

/// `POST /skills/name`: an ESCO concept's Danish name.
async fn name(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let posted = fields(&body);
    let value = |k: &str| posted.get(k).map_or("", String::as_str);
    match competence::set_danish_name(
        &store,
        &caller.actor(),
        value("kind"),
        value("id"),
        value("name_da"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&back(&posted)).into_response()),
        Err(ServiceError::Invalid(_)) => {
            let said = vec![FieldError::new(
                "q",
                page.t.get("coordinator.skills_bad_name"),
            )];
            shown(
                &store,
                &page,
                value("q"),
                value("kind"),
                None,
                said,
                Default::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /skills/local`: a local skill added.
async fn local(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let posted = fields(&body);
    let value = |k: &str| posted.get(k).map_or("", String::as_str);
    let typed = (
        value("name_da").to_string(),
        value("name_en").to_string(),
        value("esco").to_string(),
    );
    let errors = match competence::add_local_skill(
        &store,
        &caller.actor(),
        value("name_da"),
        value("name_en"),
        value("esco"),
    )
    .await
    {
        Ok(_) => return Ok(Redirect::to(&back(&posted)).into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let mut fields: Vec<&'static str> = wrong
                .iter()
                .map(|e| match e.field.as_str() {
                    "name_en" => "name_en",
                    "esco" => "esco",
                    _ => "name_da",
                })
                .collect();
            fields.dedup();
            fields
                .into_iter()
                .map(|f| FieldError::new(f, t.get(&format!("coordinator.skills_bad_{f}"))))
                .collect()
        }
        Err(ServiceError::Store(StoreError::Conflict(_))) => {
            vec![FieldError::new(
                "name_da",
                t.get("coordinator.skills_taken"),
            )]
        }
        Err(e) => return Err(e.into()),
    };
    shown(
        &store,
        &page,
        value("q"),
        value("kind"),
        None,
        errors,
        typed,
    )
    .await
}
