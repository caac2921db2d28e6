//! `/api/alliance`: the Aalborg Alliance — companies' competence needs, candidates matched
//! with their reasons, introductions and their outcomes, meetings, and the skills-gap
//! report. The rules live in `service::alliance`; these handlers read and answer.
//!
//! A company contact enters and reads its own company's needs, and sees only the
//! candidates who said yes to one of them. Matching, introductions, meetings and the
//! report are the agency's.

use super::page_of;
use crate::access::{self, Caller};
use crate::extract::{Id, JsonBody, Params, integer};
use crate::pages::alliance::words;
use crate::pages::i18n::Tr;
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::Invalid;
use domain::contact::Locale;
use serde::{Deserialize, Serialize};
use service::alliance::dialogue::{self, MeetingRequest};
use service::alliance::gaps::{self, Gaps};
use service::alliance::introductions::{self, IntroductionOut, OutcomeRequest};
use service::alliance::matches::{self, ForCandidate, Ranked};
use service::alliance::students::{self, StudentOut};
use service::alliance::{self, NeedOut, NeedRequest};
use std::collections::BTreeMap;
use store::alliance::dialogue::CandidateRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Needs for companies and coordinators; the rest for coordinators.
pub fn routes() -> OpenApiRouter<AppState> {
    let shared = OpenApiRouter::new()
        .routes(routes!(list_needs, create_need))
        .routes(routes!(get_need))
        .routes(routes!(set_need_status))
        .routes(routes!(need_introductions, propose))
        .routes(routes!(decide));
    let agency = OpenApiRouter::new()
        .routes(routes!(need_matches))
        .routes(routes!(candidate_matches))
        .routes(routes!(add_meeting))
        .routes(routes!(gap_report))
        .routes(routes!(list_students));
    access::api_for(shared, access::COMPANY_OR_COORDINATOR)
        .merge(access::api_for(agency, access::COORDINATOR))
}

page_of!(NeedsPage, NeedOut);

/// Filters and paging for the needs list.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct NeedsQuery {
    /// open, filled or withdrawn.
    status: Option<String>,
    /// One company's needs (coordinators).
    company_id: Option<i64>,
    /// `da` (default) or `en`: the language of skills' names.
    lang: Option<String>,
    /// Page number, from 1.
    page: Option<i64>,
    /// Records per page, 1–200; default 50.
    per_page: Option<i64>,
}

fn locale(text: &str) -> Result<Locale, Invalid> {
    Locale::parse(text)
}

fn text(value: &str) -> Result<String, Invalid> {
    Ok(value.to_string())
}

#[utoipa::path(get, path = "/api/alliance/needs", tag = "alliance", params(NeedsQuery),
    description = "Competence needs, newest first: a company contact's own company's, or for coordinators every company's (or one's).",
    responses((status = 200, body = NeedsPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_needs(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<NeedsPage>, AppError> {
    let mut params = Params::new(query);
    let status = params.get("status", text);
    let company = params.get("company_id", integer);
    let lang = params.get("lang", locale).unwrap_or_default();
    let page = super::page_request(&mut params);
    params.finish(())?;
    let found = alliance::needs(
        &state.store,
        &caller.actor(),
        company,
        status.as_deref(),
        page,
        lang,
    )
    .await?;
    Ok(Json(NeedsPage::from_page(found, Clone::clone)))
}

#[utoipa::path(post, path = "/api/alliance/needs", tag = "alliance", request_body = NeedRequest,
    description = "Registers a competence need. Every bad field is named (an unknown skill, hours outside 1–37, a site of another company) and nothing is stored.",
    responses((status = 201, body = NeedOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_need(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NeedRequest>,
) -> Result<(StatusCode, Json<NeedOut>), AppError> {
    let out = alliance::create_need(
        &state.store,
        &caller.actor(),
        &body,
        state.clock.now(),
        Locale::Da,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(out)))
}

#[utoipa::path(get, path = "/api/alliance/needs/{id}", tag = "alliance", params(("id" = i64, Path)),
    description = "One competence need.",
    responses((status = 200, body = NeedOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_need(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<NeedOut>, AppError> {
    Ok(Json(
        alliance::need_out(&state.store, &caller.actor(), id, Locale::Da).await?,
    ))
}

/// A need's new status.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StatusRequest {
    /// open, filled or withdrawn.
    pub status: String,
}

#[utoipa::path(post, path = "/api/alliance/needs/{id}/status", tag = "alliance", params(("id" = i64, Path)), request_body = StatusRequest,
    description = "Marks a need filled or withdrawn, or open again.",
    responses((status = 200, body = NeedOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn set_need_status(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<StatusRequest>,
) -> Result<Json<NeedOut>, AppError> {
    let by = caller.actor();
    alliance::set_status(&state.store, &by, id, &body.status, state.clock.now()).await?;
    Ok(Json(
        alliance::need_out(&state.store, &by, id, Locale::Da).await?,
    ))
}

/// A candidate: an agency person or a student.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CandidateJson {
    /// `person` or `student`.
    pub kind: String,
    pub id: i64,
}

/// A skill met, and how it is known.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MetJson {
    pub skill: String,
    pub label: String,
    /// `declared` or `evidenced` (by confirmed hours).
    pub how: String,
}

/// A skill missing.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MissingJson {
    pub skill: String,
    pub label: String,
    pub must: bool,
}

/// A reason, by code and in words.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReasonJson {
    pub code: String,
    pub text: String,
}

/// One match: a candidate for a need, or a need for a candidate.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MatchJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<CandidateJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need: Option<i64>,
    /// 0 to 1.
    pub score: f64,
    pub met: Vec<MetJson>,
    pub missing: Vec<MissingJson>,
    pub reasons: Vec<ReasonJson>,
}

/// A need's candidates, best first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NeedMatchesJson {
    pub need: i64,
    pub candidates: Vec<MatchJson>,
}

/// A skill that would open more needs.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpeningJson {
    pub skill: String,
    pub label: String,
    pub needs: u32,
}

/// A candidate's fitting needs, best first, and what one more skill would open.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CandidateMatchesJson {
    pub candidate: CandidateJson,
    pub needs: Vec<MatchJson>,
    pub openings: Vec<OpeningJson>,
}

/// A match as JSON, its reasons worded by `t`: as a candidate for a need, or a need.
pub fn match_json(t: Tr, r: &Ranked, as_candidate: bool) -> MatchJson {
    MatchJson {
        candidate: as_candidate.then(|| candidate_json(&r.candidate)),
        need: (!as_candidate).then_some(r.need),
        score: (r.score * 1000.0).round() / 1000.0,
        met: r
            .met
            .iter()
            .map(|m| MetJson {
                skill: m.skill.clone(),
                label: m.label.clone(),
                how: m.how.to_string(),
            })
            .collect(),
        missing: r
            .missing
            .iter()
            .map(|m| MissingJson {
                skill: m.skill.clone(),
                label: m.label.clone(),
                must: m.must,
            })
            .collect(),
        reasons: r
            .reasons
            .iter()
            .map(|reason| ReasonJson {
                code: reason.code().to_string(),
                text: words::reason(t, reason),
            })
            .collect(),
    }
}

fn candidate_json(key: &matching::CandidateKey) -> CandidateJson {
    CandidateJson {
        kind: words::kind_code(key.kind).to_string(),
        id: key.id,
    }
}

/// The candidates of a need as JSON.
pub fn need_matches_json(t: Tr, need: i64, ranked: &[Ranked]) -> NeedMatchesJson {
    NeedMatchesJson {
        need,
        candidates: ranked.iter().map(|r| match_json(t, r, true)).collect(),
    }
}

/// A candidate's needs as JSON.
pub fn candidate_matches_json(t: Tr, found: &ForCandidate) -> CandidateMatchesJson {
    CandidateMatchesJson {
        candidate: candidate_json(&found.candidate),
        needs: found
            .needs
            .iter()
            .map(|r| match_json(t, r, false))
            .collect(),
        openings: found
            .openings
            .iter()
            .map(|o| OpeningJson {
                skill: o.skill.clone(),
                label: o.label.clone(),
                needs: o.needs,
            })
            .collect(),
    }
}

/// How many matches, and in which language.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct MatchQuery {
    /// 1–200; default 10.
    limit: Option<i64>,
    /// `da` (default) or `en`.
    lang: Option<String>,
}

fn match_params(query: BTreeMap<String, String>) -> Result<(usize, Locale), AppError> {
    let mut params = Params::new(query);
    let limit = params.get("limit", integer).unwrap_or(10);
    let lang = params.get("lang", locale).unwrap_or_default();
    params.finish(())?;
    Ok((usize::try_from(limit).unwrap_or(0), lang))
}

#[utoipa::path(get, path = "/api/alliance/needs/{id}/matches", tag = "alliance", params(("id" = i64, Path), MatchQuery),
    description = "The best candidates for a need, best first, each with the skills met (declared, or evidenced by confirmed hours), the skills missing and the reasons. A candidate missing a must-have is never ranked above one who has them all. Functional limits are checked (one logged read per run) and never shown.",
    responses((status = 200, body = NeedMatchesJson), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn need_matches(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<NeedMatchesJson>, AppError> {
    let (limit, lang) = match_params(query)?;
    let ranked = matches::for_need(&state.store, &caller.actor(), id, limit, lang).await?;
    Ok(Json(need_matches_json(Tr::of(lang), id, &ranked)))
}

#[utoipa::path(get, path = "/api/alliance/candidates/{kind}/{id}/matches", tag = "alliance",
    params(("kind" = String, Path, description = "person or student"), ("id" = i64, Path), MatchQuery),
    description = "The open needs that fit a candidate, best first, with the same reasons, and the skills that would open more needs.",
    responses((status = 200, body = CandidateMatchesJson), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn candidate_matches(
    State(state): State<AppState>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<CandidateMatchesJson>, AppError> {
    let (limit, lang) = match_params(query)?;
    let key = matches::parse_candidate(&format!("{kind}:{id}"))
        .map_err(|_| AppError::NotFound("no such candidate".into()))?;
    let found = matches::for_candidate(&state.store, &caller.actor(), &key, limit, lang).await?;
    Ok(Json(candidate_matches_json(Tr::of(lang), &found)))
}

/// A candidate to propose for a need.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProposeRequest {
    /// `person` or `student`.
    pub candidate_kind: String,
    pub candidate_id: i64,
}

/// The id of a new introduction.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

#[utoipa::path(get, path = "/api/alliance/needs/{id}/introductions", tag = "alliance", params(("id" = i64, Path)),
    description = "A need's introductions: all of them for coordinators; for the need's company only the candidates who said yes (each read is logged), never their functional limits.",
    responses((status = 200, body = Vec<IntroductionOut>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn need_introductions(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<Vec<IntroductionOut>>, AppError> {
    Ok(Json(
        introductions::of_need(
            &state.store,
            &caller.actor(),
            id,
            state.clock.now(),
            Locale::Da,
        )
        .await?,
    ))
}

#[utoipa::path(post, path = "/api/alliance/needs/{id}/introductions", tag = "alliance", params(("id" = i64, Path)), request_body = ProposeRequest,
    description = "Proposes a candidate for an open need (coordinators). The candidate is e-mailed a link to say yes or no; the company sees nothing before a yes.",
    responses((status = 201, body = Created), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn propose(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<ProposeRequest>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let who = CandidateRef {
        kind: body.candidate_kind.trim().to_string(),
        id: body.candidate_id,
    };
    let link = state.public_url.join("/introductions/");
    let id = introductions::propose(
        &state.store,
        &caller.actor(),
        id,
        &who,
        &link,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[utoipa::path(post, path = "/api/alliance/introductions/{id}/outcome", tag = "alliance", params(("id" = i64, Path)), request_body = OutcomeRequest,
    description = "Records what came of an introduction the candidate said yes to: `interview`, `hired` (with `hours` and `kind`) or `not_hired` (with `why`).",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<OutcomeRequest>,
) -> Result<StatusCode, AppError> {
    introductions::decide(&state.store, &caller.actor(), id, &body, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/alliance/meetings", tag = "alliance", request_body = MeetingRequest,
    description = "Records a meeting with a company: who, the needs discussed, notes and follow-ups with owners and due dates.",
    responses((status = 201, body = Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn add_meeting(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<MeetingRequest>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let id = dialogue::add_meeting(&state.store, &caller.actor(), &body, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[utoipa::path(get, path = "/api/alliance/gaps", tag = "alliance", params(("lang" = Option<String>, Query, description = "da (default) or en")),
    description = "The skills-gap report: per skill and per ISCO-08 group, open positions asking for it against candidates who have it, the biggest gaps first, with the positions asked per month.",
    responses((status = 200, body = Gaps), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn gap_report(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<Gaps>, AppError> {
    let mut params = Params::new(query);
    let lang = params.get("lang", locale).unwrap_or_default();
    params.finish(())?;
    Ok(Json(
        gaps::report(&state.store, &caller.actor(), state.clock.today(), lang).await?,
    ))
}

#[utoipa::path(get, path = "/api/alliance/students", tag = "alliance",
    description = "Every student and graduate who confirmed their registration.",
    responses((status = 200, body = Vec<StudentOut>)))]
async fn list_students(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<StudentOut>>, AppError> {
    Ok(Json(
        students::list(&state.store, &caller.actor(), Locale::Da).await?,
    ))
}
