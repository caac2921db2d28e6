//! Introductions: a coordinator proposes a candidate for a need, the candidate is told by
//! e-mail and answers yes or no first, and only then does the company see them — their
//! name and the skills that fit, never their functional limits. Then an interview, hired
//! (hours and kind) or not, and why. Every read of a candidate for a company is logged.

use super::NEED_KINDS;
use super::skills::SkillBook;
use crate::mail::Message;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::{Actor, Role};
use domain::contact::Locale;
use serde::{Deserialize, Serialize};
use store::Store;
use store::alliance::Need;
use store::alliance::dialogue::{CandidateRef, Introduction, Outcome};
use store::outbox::Mail;

/// Why a company's reads of candidates are logged, as the log says it.
pub const COMPANY_READ: &str = "company reads a candidate who said yes to its need";

/// The statuses a company may see: the candidate has said yes.
const AGREED: [&str; 4] = ["accepted", "interview", "hired", "not_hired"];

/// An introduction as shown.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IntroductionOut {
    pub id: i64,
    pub need: i64,
    /// `person` or `student`.
    pub candidate_kind: String,
    pub candidate_id: i64,
    pub name: String,
    pub status: String,
    pub hired_hours: Option<i64>,
    pub hired_kind: Option<String>,
    pub why: String,
    pub proposed_at: String,
    /// The candidate's skills as the company may see them, named.
    pub skills: Vec<String>,
}

/// What came of an introduction, as sent.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OutcomeRequest {
    /// `interview`, `hired` or `not_hired`.
    pub outcome: String,
    /// When hired: 1 to 37 hours a week.
    pub hours: Option<i64>,
    /// When hired: the kind of job (as a need's kind).
    pub kind: String,
    /// When not hired: why, in a sentence.
    pub why: String,
}

/// A candidate's name, address and language, if they may be proposed: a person who has
/// not left, or a confirmed student who agreed to be contacted.
async fn reachable(
    store: &Store,
    who: &CandidateRef,
) -> Result<(String, String, Locale, Vec<String>)> {
    match who.kind.as_str() {
        "person" => {
            let p = store::live(store.person(who.id).await)?
                .ok_or_else(|| ServiceError::not_found("candidate"))?
                .value;
            if p.status.code() == "left" {
                return Err(ServiceError::not_found("candidate"));
            }
            let skills = p.skills.iter().map(|s| s.code().to_string()).collect();
            Ok((
                p.name,
                p.email.as_str().to_string(),
                p.preferred_language,
                skills,
            ))
        }
        "student" => {
            let s = store::live(store.student(who.id).await)?
                .filter(|s| s.consent && s.confirmed_at.is_some())
                .ok_or_else(|| ServiceError::not_found("candidate"))?;
            Ok((s.name, s.email, Locale::Da, s.skills))
        }
        _ => Err(ServiceError::not_found("candidate")),
    }
}

/// Proposes a candidate for an open need and e-mails them the link to answer
/// (`link_base` and the token). Answers the introduction's id.
pub async fn propose(
    store: &Store,
    by: &Actor,
    need_id: i64,
    who: &CandidateRef,
    link_base: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    crate::records::agency_only(by, "need")?;
    let need =
        store::live(store.need(need_id).await)?.ok_or_else(|| ServiceError::not_found("need"))?;
    if need.status != "open" {
        return Err(ServiceError::Conflict(format!(
            "need {need_id} is {}: only an open need takes candidates",
            need.status
        )));
    }
    let (name, email, language, _) = reachable(store, who).await?;
    let company = store.company(need.company_id).await?.value.company.name;
    let (id, token) = store
        .propose(need_id, who, &crate::recorded(by), now)
        .await?;
    let message = Message::Introduced {
        name,
        company,
        title: need.title.clone(),
        hours: need.hours_per_week,
        link: format!("{link_base}{token}"),
    };
    store
        .queue_mail(
            &Mail {
                to: email,
                language: language.code().to_string(),
                message: message.to_json(),
            },
            now,
        )
        .await?;
    Ok(id)
}

/// What a candidate's answer link shows them: the need, without anything of others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invitation {
    pub id: i64,
    pub status: String,
    pub company: String,
    pub title: String,
    pub description: String,
    pub hours_per_week: i64,
    pub start_on: String,
}

/// The introduction a candidate's link opens.
pub async fn invitation(store: &Store, token: &str) -> Result<Invitation> {
    let intro = store
        .introduction_by_token(token)
        .await?
        .ok_or_else(|| ServiceError::not_found("introduction"))?;
    let need = store.need(intro.need_id).await?;
    let company = store.company(need.company_id).await?.value.company.name;
    Ok(Invitation {
        id: intro.id,
        status: intro.status,
        company,
        title: need.title,
        description: need.description,
        hours_per_week: need.hours_per_week,
        start_on: need.start_on,
    })
}

/// The candidate's yes or no, through their link; an answer is given once.
pub async fn answer(store: &Store, token: &str, yes: bool, now: DateTime<Utc>) -> Result<()> {
    let intro = store
        .introduction_by_token(token)
        .await?
        .ok_or_else(|| ServiceError::not_found("introduction"))?;
    Ok(store.answer_introduction(intro.id, yes, now).await?)
}

/// Whether the acting person may follow a need's introductions: the agency, or a contact
/// of the need's company.
async fn need_for(store: &Store, by: &Actor, need_id: i64) -> Result<Need> {
    let need =
        store::live(store.need(need_id).await)?.ok_or_else(|| ServiceError::not_found("need"))?;
    match by.role {
        Role::Coordinator => Ok(need),
        Role::Company if by.company() == Some(need.company_id) => Ok(need),
        _ => Err(ServiceError::not_found("need")),
    }
}

/// A need's introductions: every one for the agency; for the company only the candidates
/// who said yes, each read logged.
pub async fn of_need(
    store: &Store,
    by: &Actor,
    need_id: i64,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<Vec<IntroductionOut>> {
    need_for(store, by, need_id).await?;
    let book = SkillBook::load(store).await?;
    let company = by.role == Role::Company;
    let mut out = Vec::new();
    for intro in store.introductions(Some(need_id), None).await? {
        if company && !AGREED.contains(&intro.status.as_str()) {
            continue;
        }
        let Ok((name, _, _, skills)) = reachable_or_named(store, &intro.candidate).await else {
            continue;
        };
        if company {
            store
                .log_candidate_read(&intro.candidate, &crate::recorded(by), COMPANY_READ, now)
                .await?;
        }
        out.push(shown(
            intro,
            name,
            skills.iter().map(|s| book.label(s, locale)).collect(),
        ));
    }
    Ok(out)
}

/// A candidate's name and skills, whether or not they may be proposed again.
async fn reachable_or_named(
    store: &Store,
    who: &CandidateRef,
) -> Result<(String, String, Locale, Vec<String>)> {
    match who.kind.as_str() {
        "person" => {
            let p = store.person(who.id).await?.value;
            let skills = p.skills.iter().map(|s| s.code().to_string()).collect();
            Ok((p.name, String::new(), Locale::Da, skills))
        }
        _ => {
            let s = store.student(who.id).await?;
            Ok((s.name, String::new(), Locale::Da, s.skills))
        }
    }
}

fn shown(i: Introduction, name: String, skills: Vec<String>) -> IntroductionOut {
    IntroductionOut {
        id: i.id,
        need: i.need_id,
        candidate_kind: i.candidate.kind,
        candidate_id: i.candidate.id,
        name,
        status: i.status,
        hired_hours: i.hired_hours,
        hired_kind: i.hired_kind,
        why: i.why,
        proposed_at: i.proposed_at,
        skills,
    }
}

/// Records what came of an introduction the candidate said yes to: by the agency or the
/// need's company. Hired marks nothing else; the need stays open until it is filled.
pub async fn decide(
    store: &Store,
    by: &Actor,
    id: i64,
    request: &OutcomeRequest,
    now: DateTime<Utc>,
) -> Result<()> {
    let intro = store::live(store.introduction(id).await)?
        .ok_or_else(|| ServiceError::not_found("introduction"))?;
    need_for(store, by, intro.need_id).await?;
    let outcome = match request.outcome.trim() {
        "interview" => Outcome::Interview,
        "hired" => {
            let mut e = domain::problem::Errors::new();
            let hours = super::in_range(&mut e, "hours", request.hours, &super::HOURS);
            let kind = request.kind.trim();
            if !NEED_KINDS.contains(&kind) {
                e.push("kind", format!("must be one of {}", NEED_KINDS.join(", ")));
            }
            e.finish(|| {
                Some(Outcome::Hired {
                    hours: hours?,
                    kind: kind.to_string(),
                })
            })
            .map_err(ServiceError::Invalid)?
        }
        "not_hired" => {
            let why = domain::contact::required_text(&request.why, 500)
                .map_err(|e| ServiceError::invalid("why", e.0))?;
            Outcome::NotHired { why }
        }
        _ => {
            return Err(ServiceError::invalid(
                "outcome",
                "must be interview, hired or not_hired",
            ));
        }
    };
    Ok(store
        .decide_introduction(id, &outcome, &crate::recorded(by), now)
        .await?)
}
