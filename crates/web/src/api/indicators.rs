//! `/api/indicators`: the municipality's indicators with their series and status, public
//! to read (no sign-in), written by editors and coordinators: an indicator added or changed, a release
//! of its series imported in Open SDG's CSV format. The rules live in
//! `service::indicators`; these handlers read and answer.

use super::page_of;
use crate::access;
use crate::extract::{JsonBody, Params};
use crate::pages::i18n::Tr;
use crate::pages::indicators::words;
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use ::indicators::progress::Target;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use domain::contact::Locale;
use serde::{Deserialize, Serialize};
use service::indicators::{self, IndicatorRequest, Point, View};
use std::collections::BTreeMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Reads for anyone; writes for editors and coordinators.
pub fn routes() -> OpenApiRouter<AppState> {
    let reads = OpenApiRouter::new()
        .routes(routes!(list_indicators))
        .routes(routes!(get_indicator));
    let writes = OpenApiRouter::new()
        .routes(routes!(put_indicator))
        .routes(routes!(import_series));
    reads.merge(access::api_for(writes, access::EDITORS))
}

/// An indicator as the API and `kommune indicator show --json` answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IndicatorJson {
    pub id: String,
    pub title: String,
    pub unit: String,
    /// `up` or `down`.
    pub direction: String,
    /// `target_achieved`, `substantial_progress`, `moderate_progress`, `limited_progress`,
    /// `deterioration` or `not_available`.
    pub status: String,
    /// Why, in a sentence in the chosen language.
    pub reason: String,
    /// `{"value", "year"}`, `{"rate_per_year"}` or null.
    #[schema(value_type = Option<Object>)]
    pub target: Option<Target>,
    /// The headline series, oldest first.
    pub series: Vec<Point>,
}

/// An indicator in a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IndicatorItem {
    pub id: String,
    pub title: String,
    pub status: String,
}

page_of!(IndicatorsPage, IndicatorItem);

/// The API's answer for an indicator, in `t`'s language.
pub fn indicator_json(t: Tr, v: &View) -> IndicatorJson {
    IndicatorJson {
        id: v.id.clone(),
        title: v.title.clone(),
        unit: v.unit.clone(),
        direction: v.direction.code().to_string(),
        status: v.assessment.status.code().to_string(),
        reason: words::reason(t, &v.assessment.why, v.assessment.status),
        target: v.target,
        series: v.series.clone(),
    }
}

fn lang(text: &str) -> Result<Locale, domain::Invalid> {
    Locale::parse(text)
}

#[utoipa::path(get, path = "/api/indicators", tag = "indicators",
    params(("lang" = Option<String>, Query, description = "da (default) or en"), ("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query)),
    description = "Every indicator, stored and live from the records, by id, with its status. Public.",
    responses((status = 200, body = IndicatorsPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_indicators(
    State(state): State<AppState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<IndicatorsPage>, AppError> {
    let mut params = Params::new(query);
    let locale = params.get("lang", lang).unwrap_or_default();
    let page = super::page_request(&mut params);
    params.finish(())?;
    let all = indicators::list(&state.store, state.clock.now(), locale).await?;
    let total = all.len() as i64;
    let items: Vec<View> = all
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.per_page).unwrap_or(usize::MAX))
        .collect();
    let found = store::Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    };
    Ok(Json(IndicatorsPage::from_page(found, |v| IndicatorItem {
        id: v.id.clone(),
        title: v.title.clone(),
        status: v.assessment.status.code().to_string(),
    })))
}

#[utoipa::path(get, path = "/api/indicators/{id}", tag = "indicators",
    params(("id" = String, Path), ("lang" = Option<String>, Query, description = "da (default) or en")),
    description = "One indicator: its headline series, target, status and the reason in words. Public.",
    responses((status = 200, body = IndicatorJson), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_indicator(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<IndicatorJson>, AppError> {
    let mut params = Params::new(query);
    let locale = params.get("lang", lang).unwrap_or_default();
    params.finish(())?;
    let view = indicators::show(&state.store, &id, state.clock.now(), locale).await?;
    Ok(Json(indicator_json(Tr::of(locale), &view)))
}

#[utoipa::path(post, path = "/api/indicators", tag = "indicators", request_body = IndicatorRequest,
    description = "Adds an indicator, or changes the one with the same id (its series stay). Every bad field is named.",
    responses((status = 200, body = IndicatorJson), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_indicator(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<IndicatorRequest>,
) -> Result<Json<IndicatorJson>, AppError> {
    let now = state.clock.now();
    indicators::put(&state.store, &by, &body, now).await?;
    let view = indicators::show(&state.store, body.id.trim(), now, Locale::Da).await?;
    Ok(Json(indicator_json(Tr::of(Locale::Da), &view)))
}

/// A release of a series to import.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ImportRequest {
    /// The file's text in Open SDG's format: `Year`, breakdown columns, `Value`.
    pub csv: String,
    /// Where the release came from.
    pub source: String,
    /// `YYYY-MM-DD`; today when left out.
    pub published: String,
}

/// What an import kept.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Imported {
    pub values: usize,
}

#[utoipa::path(post, path = "/api/indicators/{id}/import", tag = "indicators", params(("id" = String, Path)), request_body = ImportRequest,
    description = "Imports a release of the indicator's series: all of it or nothing; every bad value is named by line and column.",
    responses((status = 201, body = Imported), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn import_series(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ImportRequest>,
) -> Result<(StatusCode, Json<Imported>), AppError> {
    let published = if body.published.trim().is_empty() {
        state.clock.today()
    } else {
        domain::calendar::parse_date(&body.published)
            .map_err(|e| AppError::Invalid(vec![domain::FieldError::new("published", e.0)]))?
    };
    let values = indicators::import(
        &state.store,
        &by,
        &id,
        &body.csv,
        &body.source,
        published,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Imported { values })))
}
