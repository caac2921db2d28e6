//! The best-practice exchange: each initiative described as a case with its live results,
//! written by editors through draft → in review → published (→ withdrawn), and read by
//! anyone — listed, filtered and searched, and syndicated as feeds other municipalities
//! follow. News items are short dated rows of the same kind, linked to cases.
//!
//! - [`images`]: a case's pictures, checked by their content.
//! - [`subscriptions`]: other municipalities' feeds followed in as external entries.
//! - [`newsletter`]: citizens' subscriptions with double opt-in and the monthly digest.

pub mod images;
pub mod newsletter;
pub mod subscriptions;

use crate::indicators::editors_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::contact::{optional_text, required_text};
use domain::problem::Errors;
use serde::{Deserialize, Serialize};
use store::Store;
use store::cases::{Case, Found};

/// The themes a case can have: the city's four and the New European Bauhaus.
pub const THEMES: [&str; 5] = ["growing", "smart", "green", "social", "bauhaus"];
/// The longest title and the longest text of a case, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The most cases a search answers.
pub const MAX_FOUND: i64 = 50;

/// A case in one language as written.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CaseRequest {
    /// `[a-z0-9-]{1,80}`: the case's address, `/cases/{slug}`, the same in every language.
    pub slug: String,
    /// `da` or `en`.
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub challenge: String,
    /// What was done.
    pub done: String,
    /// How it is financed: partnership, EU funds, fees.
    pub financing: String,
    pub partners: String,
    pub contact: String,
    /// growing, smart, green, social, bauhaus.
    pub themes: Vec<String>,
    /// SDG goals, 1–17.
    pub sdgs: Vec<String>,
    /// Indicator ids whose live figures are the results.
    pub indicators: Vec<String>,
    pub municipality: String,
    pub initiative: Option<String>,
    /// `case` (the default) or `news`.
    pub kind: String,
    /// A news item's cases, by slug.
    pub links: Vec<String>,
}

fn slug_ok(slug: &str) -> bool {
    (1..=80).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check(request: &CaseRequest) -> Result<Case> {
    let mut e = Errors::new();
    let slug = request.slug.trim();
    if !slug_ok(slug) {
        e.push("slug", "must be 1 to 80 of a-z, 0-9 and -");
    }
    let lang = request.lang.trim();
    if !matches!(lang, "da" | "en") {
        e.push("lang", "must be da or en");
    }
    let title = e.check("title", required_text(&request.title, MAX_TITLE_CHARS));
    let summary = e.check("summary", required_text(&request.summary, MAX_TEXT_CHARS));
    let mut text = |field: &str, value: &str| e.check(field, optional_text(value, MAX_TEXT_CHARS));
    let challenge = text("challenge", &request.challenge);
    let done = text("done", &request.done);
    let financing = text("financing", &request.financing);
    let partners = text("partners", &request.partners);
    let contact = text("contact", &request.contact);
    let municipality = e.check(
        "municipality",
        required_text(&request.municipality, MAX_TITLE_CHARS),
    );
    for (i, theme) in request.themes.iter().enumerate() {
        if !THEMES.contains(&theme.trim()) {
            e.push(
                &format!("themes[{i}]"),
                format!("must be one of {}", THEMES.join(", ")),
            );
        }
    }
    for (i, goal) in request.sdgs.iter().enumerate() {
        if indicators::sdg::goal_of(goal.trim()).is_none() || goal.contains('.') {
            e.push(&format!("sdgs[{i}]"), "must be a goal from 1 to 17");
        }
    }
    let initiative = match request.initiative.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(s) if crate::indicators::initiatives::find(s).is_some() => Some(Some(s.to_string())),
        Some(_) => {
            e.push("initiative", "is no initiative");
            None
        }
    };
    let kind = match request.kind.trim() {
        "" | "case" => "case",
        "news" => "news",
        _ => {
            e.push("kind", "must be case or news");
            "case"
        }
    };
    let trimmed = |v: &[String]| {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    e.finish(|| {
        Some(Case {
            slug: slug.to_string(),
            lang: lang.to_string(),
            title: title?,
            summary: summary?,
            challenge: challenge?,
            done: done?,
            financing: financing?,
            partners: partners?,
            contact: contact?,
            themes: trimmed(&request.themes),
            sdgs: trimmed(&request.sdgs),
            indicators: trimmed(&request.indicators),
            municipality: municipality?,
            initiative: initiative?,
            kind: kind.to_string(),
            links: trimmed(&request.links),
            ..Case::default()
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Keeps a case in one language: new as a draft, or its text changed (its address and
/// state stay). Indicators it embeds must exist.
pub async fn put(
    store: &Store,
    by: &Actor,
    request: &CaseRequest,
    now: DateTime<Utc>,
) -> Result<()> {
    editors_only(by)?;
    let case = check(request)?;
    for (i, id) in case.indicators.iter().enumerate() {
        // Checked by name, not computed: a live series is always there.
        let known = crate::indicators::live::is_live(id) || store.indicator(id).await?.is_some();
        if !known {
            return Err(ServiceError::invalid(
                &format!("indicators[{i}]"),
                format!("there is no indicator {id}"),
            ));
        }
    }
    for (i, slug) in case.links.iter().enumerate() {
        if store.case(slug).await?.is_empty() {
            return Err(ServiceError::invalid(
                &format!("links[{i}]"),
                format!("there is no case {slug}"),
            ));
        }
    }
    store.put_case(&case, &crate::recorded(by), now).await?;
    Ok(())
}

/// The steps of the workflow: to a state, from the states it may be reached from.
const STEPS: [(&str, &[&str]); 4] = [
    ("in_review", &["draft"]),
    ("published", &["draft", "in_review", "withdrawn"]),
    ("withdrawn", &["published"]),
    ("draft", &["in_review", "withdrawn"]),
];

/// Moves a case (every language of it) on in the workflow; a step its state does not
/// allow is a conflict.
pub async fn set_status(
    store: &Store,
    by: &Actor,
    slug: &str,
    status: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    editors_only(by)?;
    let Some((_, from)) = STEPS.iter().find(|(to, _)| *to == status) else {
        return Err(ServiceError::invalid(
            "status",
            "must be in_review, published, withdrawn or draft",
        ));
    };
    let moved = store
        .set_case_status(slug, from, status, &crate::recorded(by), now)
        .await?;
    if moved == 0 {
        return Err(ServiceError::Conflict(format!(
            "case {slug} cannot be {status} from its state"
        )));
    }
    Ok(())
}

/// What narrows the public list.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub q: String,
    pub theme: Option<String>,
    pub sdg: Option<String>,
    pub municipality: Option<String>,
    pub lang: Option<String>,
    /// `case` or `news`; both when none.
    pub kind: Option<String>,
}

/// The published cases a filter holds, newest first — or, with words to search for, best
/// match first with the matching words marked `[` `]`.
pub async fn public(store: &Store, filter: &Filter) -> Result<Vec<Found>> {
    let found = if filter.q.trim().is_empty() {
        store
            .cases("published")
            .await?
            .into_iter()
            .map(|case| Found {
                case,
                snippet: String::new(),
            })
            .collect()
    } else {
        store.search_cases(filter.q.trim(), MAX_FOUND).await?
    };
    let wanted = |want: &Option<String>, have: &dyn Fn(&str) -> bool| {
        want.as_deref().is_none_or(|w| w.is_empty() || have(w))
    };
    Ok(found
        .into_iter()
        .filter(|f| {
            let c = &f.case;
            wanted(&filter.theme, &|w| c.themes.iter().any(|t| t == w))
                && wanted(&filter.sdg, &|w| c.sdgs.iter().any(|s| s == w))
                && wanted(&filter.municipality, &|w| c.municipality == w)
                && wanted(&filter.lang, &|w| c.lang == w)
                && wanted(&filter.kind, &|w| c.kind == w)
        })
        .collect())
}

/// A published case in the language asked for, or in its other language when it has only
/// that one; none when it is not published.
pub async fn published(store: &Store, slug: &str, lang: &str) -> Result<Option<Case>> {
    let all: Vec<Case> = store
        .case(slug)
        .await?
        .into_iter()
        .filter(|c| c.status == "published")
        .collect();
    Ok(all.iter().find(|c| c.lang == lang).or(all.first()).cloned())
}
