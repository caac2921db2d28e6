//! `/skills?q=…&kind=skill|occupation|both`: the ESCO skills and occupations found by a
//! few typed letters, the best 20, in a plain GET form that works without JavaScript.

use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::response::IntoResponse;
use axum::routing::get;
use service::competence::{self, Found, Kind};
use std::collections::BTreeMap;
use store::accounts::Role;

pub fn routes() -> Router<AppState> {
    Router::new().route("/skills", get(show))
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
    query: String,
    kinds: Vec<KindChoice>,
    /// Each found, with its kind and group in words.
    found: Vec<(String, String, Found)>,
    searched: bool,
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
async fn show(page: Page, Query(query): Query<BTreeMap<String, String>>) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let text = query
        .get("q")
        .map(|q| q.trim().to_string())
        .unwrap_or_default();
    let chosen = query
        .get("kind")
        .and_then(|k| KINDS.iter().find(|(code, _)| code == k))
        .unwrap_or(&KINDS[0]);
    let found = competence::search(&caller.actor(), &text, chosen.1)?
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
    Ok(render(&SkillsPage {
        layout: page.layout(),
        kinds: KINDS
            .iter()
            .map(|(code, _)| KindChoice {
                value: code,
                label: kind_said(t, code),
                chosen: *code == chosen.0,
            })
            .collect(),
        searched: !text.is_empty(),
        query: text,
        found,
    })
    .into_response())
}
