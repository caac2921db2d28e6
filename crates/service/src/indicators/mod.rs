//! Indicators and targets: every series with its source and releases, judged against its
//! target the way Open SDG does (crate `indicators`), the municipality's own operational
//! figures computed live from kommune's records, and Open SDG's file format in and out.
//!
//! - this module: adding an indicator, importing a release, an indicator as shown.
//! - [`live`]: the series kommune computes from its own records, never typed.
//! - [`initiatives`]: the seven initiatives of the mission, each with its page.

pub mod initiatives;
pub mod live;

use crate::{Result, ServiceError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::contact::{Locale, optional_text, required_text};
use domain::problem::Errors;
use indicators::progress::{self, Assessment, Direction, Settings, Target};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use store::Store;
use store::indicators::{Indicator, Value};

/// The progress thresholds kommune judges by: `config/indicator-progress.json` (Open SDG's
/// defaults), compiled in; a file that does not read falls back to the same defaults.
pub fn settings() -> Settings {
    static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    *SETTINGS.get_or_init(|| {
        serde_json::from_str(include_str!("../../../../config/indicator-progress.json"))
            .unwrap_or_default()
    })
}

/// The longest title, unit and source, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 4000;
/// A yearly rate target, in per cent, within this range and not zero.
pub const RATE_RANGE: std::ops::RangeInclusive<f64> = -50.0..=50.0;

/// An indicator as added or changed: from the command line, the API or the editor's page.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct IndicatorRequest {
    /// `[a-z0-9-]{1,64}`.
    pub id: String,
    /// In Danish.
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub description_en: String,
    pub unit: String,
    /// `up` or `down`.
    pub direction: String,
    pub target: Option<f64>,
    pub target_year: Option<i64>,
    /// Per cent a year, signed, not zero: −2 for "down 2 % a year".
    pub target_rate: Option<f64>,
    pub base_year: Option<i64>,
    pub ceiling: Option<f64>,
    /// Goals (`13`) and targets (`13.2`).
    pub sdgs: Vec<String>,
    /// An initiative's slug.
    pub initiative: Option<String>,
    pub source: String,
    pub method: String,
}

/// Who may add indicators and import series: coordinators and editors.
pub(crate) fn editors_only(by: &Actor) -> Result<()> {
    match by.role {
        Role::Coordinator | Role::Editor => Ok(()),
        _ => Err(ServiceError::not_found("indicator")),
    }
}

fn id_ok(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn year_ok(e: &mut Errors, field: &str, year: Option<i64>) -> Option<Option<i64>> {
    match year {
        Some(y) if !(1900..=2100).contains(&y) => {
            e.push(field, format!("{y} is not a year from 1900 to 2100"));
            None
        }
        other => Some(other),
    }
}

/// Checks an indicator, naming every bad field.
fn check(request: &IndicatorRequest) -> Result<Indicator> {
    let mut e = Errors::new();
    let id = request.id.trim();
    if !id_ok(id) {
        e.push("id", "must be 1 to 64 of a-z, 0-9 and -");
    }
    if live::is_live(id) {
        e.push(
            "id",
            "is one of kommune's live indicators, computed from its records",
        );
    }
    let title_da = e.check("title", required_text(&request.title, MAX_TITLE_CHARS));
    let title_en = e.check(
        "title_en",
        optional_text(&request.title_en, MAX_TITLE_CHARS),
    );
    let description_da = e.check(
        "description",
        optional_text(&request.description, MAX_TEXT_CHARS),
    );
    let description_en = e.check(
        "description_en",
        optional_text(&request.description_en, MAX_TEXT_CHARS),
    );
    let unit = e.check("unit", required_text(&request.unit, MAX_TITLE_CHARS));
    let direction = Direction::parse(&request.direction);
    if direction.is_none() {
        e.push("direction", "must be up or down");
    }
    let target_year = year_ok(&mut e, "target_year", request.target_year);
    let base_year = year_ok(&mut e, "base_year", request.base_year);
    let value_target = request.target.is_some() || request.target_year.is_some();
    match (request.target, request.target_year, request.target_rate) {
        (_, _, Some(_)) if value_target => {
            e.push(
                "target_rate",
                "a target is a value by a year or a yearly rate, not both",
            );
        }
        (_, _, Some(rate)) if rate == 0.0 || !rate.is_finite() || !RATE_RANGE.contains(&rate) => {
            e.push(
                "target_rate",
                "must be a per cent a year from -50 to 50, not 0",
            );
        }
        (Some(_), None, _) => e.push("target_year", "is required with a target value"),
        (None, Some(_), _) => e.push("target", "is required with a target year"),
        _ => {}
    }
    for (field, value) in [("target", request.target), ("ceiling", request.ceiling)] {
        if value.is_some_and(|v| !v.is_finite()) {
            e.push(field, "must be a number");
        }
    }
    let sdg = indicators::sdg::shipped();
    let mut sdgs = Vec::new();
    for (i, code) in request.sdgs.iter().enumerate() {
        match sdg.find(code) {
            Some(entry) if !sdgs.contains(&entry.code) => sdgs.push(entry.code.clone()),
            Some(_) => {}
            None => e.push(
                &format!("sdgs[{i}]"),
                format!(
                    "'{}' is no SDG goal (1–17) or target (like 13.2)",
                    code.trim()
                ),
            ),
        }
    }
    let initiative = match request.initiative.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(slug) if initiatives::find(slug).is_some() => Some(Some(slug.to_string())),
        Some(slug) => {
            e.push(
                "initiative",
                format!(
                    "'{slug}' is no initiative; they are {}",
                    initiatives::slugs().join(", ")
                ),
            );
            None
        }
    };
    let source = e.check("source", optional_text(&request.source, MAX_TEXT_CHARS));
    let method = e.check("method", optional_text(&request.method, MAX_TEXT_CHARS));
    e.finish(|| {
        Some(Indicator {
            id: id.to_string(),
            title_en: title_en.clone()?,
            title_da: title_da?,
            description_da: description_da?,
            description_en: description_en?,
            unit: unit?,
            direction: direction?.code().to_string(),
            target_value: request.target,
            target_year: target_year?,
            target_rate: request.target_rate,
            base_year: base_year?,
            ceiling: request.ceiling,
            sdgs: sdgs.clone(),
            initiative: initiative?,
            source: source?,
            method: method?,
            updated_at: String::new(),
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Adds an indicator, or changes the one with the same id (its series stay).
pub async fn put(
    store: &Store,
    by: &Actor,
    request: &IndicatorRequest,
    now: DateTime<Utc>,
) -> Result<()> {
    editors_only(by)?;
    let indicator = check(request)?;
    Ok(store
        .put_indicator(&indicator, &crate::recorded(by), now)
        .await?)
}

/// Imports a release of an indicator's series from Open SDG's CSV format: all of it or
/// nothing, every bad value named by line and column. Answers how many values it held.
pub async fn import(
    store: &Store,
    by: &Actor,
    id: &str,
    text: &str,
    source: &str,
    published: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize> {
    editors_only(by)?;
    if live::is_live(id) {
        return Err(ServiceError::invalid(
            "id",
            format!("{id} is computed from kommune's records and takes no imports"),
        ));
    }
    if store.indicator(id).await?.is_none() {
        return Err(ServiceError::NotFound(format!(
            "there is no indicator {id}"
        )));
    }
    let source =
        optional_text(source, MAX_TEXT_CHARS).map_err(|e| ServiceError::invalid("source", e.0))?;
    let rows = reports::opensdg::read(text).map_err(ServiceError::Rows)?;
    let values: Vec<Value> = rows
        .iter()
        .map(|r| Value {
            year: i64::from(r.year),
            month: None,
            breakdown: breakdown_key(&r.breakdown),
            value: r.value,
        })
        .collect();
    store
        .import_values(
            id,
            &values,
            (&source, &published.to_string()),
            &crate::recorded(by),
            now,
        )
        .await?;
    Ok(values.len())
}

/// A breakdown as kept: `Sector=Road transport; Mode=Bike`, or empty for the headline.
pub fn breakdown_key(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A breakdown kept, as pairs.
pub fn breakdown_pairs(key: &str) -> Vec<(String, String)> {
    key.split("; ")
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One point of a series.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Point {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    pub value: f64,
}

/// A value a later release changed: what it was, and when that was published.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Revision {
    pub year: i32,
    pub breakdown: String,
    pub value: f64,
    pub published: String,
    pub source: String,
}

/// An indicator as shown: its metadata, its series, and how it stands.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub id: String,
    pub title: String,
    pub title_da: String,
    pub title_en: String,
    pub description: String,
    pub unit: String,
    pub direction: Direction,
    pub target: Option<Target>,
    pub base_year: Option<i32>,
    pub ceiling: Option<f64>,
    pub sdgs: Vec<String>,
    pub initiative: Option<String>,
    pub source: String,
    pub method: String,
    /// Computed from kommune's records.
    pub live: bool,
    /// Monthly series are shown by month and judged by complete years.
    pub monthly: bool,
    /// A year of a monthly series is the mean of its months (people paid), not their sum.
    pub yearly_mean: bool,
    /// The headline series, oldest first.
    pub series: Vec<Point>,
    /// Each breakdown's series, by its key.
    pub breakdowns: BTreeMap<String, Vec<Point>>,
    pub assessment: Assessment,
    /// The values the target needs each year from the base.
    pub trajectory: Vec<(i32, f64)>,
    pub revisions: Vec<Revision>,
    /// Where the latest values came from: source and publication date.
    pub releases: Vec<(String, String)>,
}

/// The yearly points a series is judged by: yearly values as they are; monthly ones
/// summed (or averaged) over complete years only, so a year under way is not judged short.
fn yearly(points: &[Point], mean: bool) -> Vec<(i32, f64)> {
    let mut years: BTreeMap<i32, (f64, u32)> = BTreeMap::new();
    for p in points {
        let entry = years.entry(p.year).or_default();
        entry.0 += p.value;
        entry.1 += 1;
    }
    let monthly = points.iter().any(|p| p.month.is_some());
    years
        .into_iter()
        .filter(|(_, (_, n))| !monthly || *n == 12)
        .map(|(y, (sum, n))| (y, if mean { sum / f64::from(n) } else { sum }))
        .collect()
}

fn target_of(i: &Indicator) -> Option<Target> {
    match (i.target_value, i.target_year, i.target_rate) {
        (Some(value), Some(year), None) => Some(Target::Value {
            value,
            year: i32::try_from(year).ok()?,
        }),
        (None, None, Some(rate_per_year)) => Some(Target::Rate { rate_per_year }),
        _ => None,
    }
}

/// One indicator as shown, in `locale`; live ones computed now.
pub async fn show(store: &Store, id: &str, now: DateTime<Utc>, locale: Locale) -> Result<View> {
    show_with(store, id, now, locale, &mut live::Sources::default()).await
}

/// One indicator as shown, its live series read from `sources`.
async fn show_with(
    store: &Store,
    id: &str,
    now: DateTime<Utc>,
    locale: Locale,
    sources: &mut live::Sources,
) -> Result<View> {
    if let Some(found) = live::compute_with(store, id, now, sources).await? {
        // The year under way is not judged: its figures are not all in.
        let this_year = domain::calendar::local_date(now).year();
        let mut shown = view(
            found.indicator,
            found.points,
            Vec::new(),
            Some(this_year),
            found.mean,
            locale,
        );
        shown.live = true;
        return Ok(shown);
    }
    let indicator = store
        .indicator(id)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("there is no indicator {id}")))?;
    let published = store.indicator_values(id).await?;
    // The latest release of each (breakdown, year, month) is its value; earlier ones are history.
    let mut current: BTreeMap<(String, i64, Option<i64>), &store::indicators::Published> =
        BTreeMap::new();
    let mut revisions = Vec::new();
    for p in &published {
        let key = (p.value.breakdown.clone(), p.value.year, p.value.month);
        if let Some(before) = current.insert(key, p)
            && before.value.value != p.value.value
        {
            revisions.push(Revision {
                year: i32::try_from(before.value.year).unwrap_or_default(),
                breakdown: before.value.breakdown.clone(),
                value: before.value.value,
                published: before.published.clone(),
                source: before.source.clone(),
            });
        }
    }
    let mut releases: Vec<(String, String)> = current
        .values()
        .map(|p| (p.source.clone(), p.published.clone()))
        .collect();
    releases.sort();
    releases.dedup();
    let points: Vec<(String, Point)> = current
        .into_iter()
        .map(|((b, year, month), p)| {
            (
                b,
                Point {
                    year: i32::try_from(year).unwrap_or_default(),
                    month: month.and_then(|m| u32::try_from(m).ok()),
                    value: p.value.value,
                },
            )
        })
        .collect();
    let mut shown = view(indicator, points, revisions, None, false, locale);
    shown.releases = releases;
    Ok(shown)
}

fn view(
    i: Indicator,
    points: Vec<(String, Point)>,
    revisions: Vec<Revision>,
    judged_before: Option<i32>,
    mean: bool,
    locale: Locale,
) -> View {
    let mut breakdowns: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    let mut series = Vec::new();
    for (b, p) in points {
        if b.is_empty() {
            series.push(p);
        } else {
            breakdowns.entry(b).or_default().push(p);
        }
    }
    let key = |p: &Point| (p.year, p.month);
    series.sort_by_key(key);
    for s in breakdowns.values_mut() {
        s.sort_by_key(key);
    }
    let direction = Direction::parse(&i.direction).unwrap_or(Direction::Up);
    let target = target_of(&i);
    let base_year = i.base_year.and_then(|y| i32::try_from(y).ok());
    let mut judged = yearly(&series, mean);
    if let Some(before) = judged_before {
        // A live series counts from the first year the records hold anything: the years
        // before the initiative kept records are no data, not zeros.
        judged.retain(|(year, _)| *year < before);
        let first = judged
            .iter()
            .position(|(_, v)| *v != 0.0)
            .unwrap_or(judged.len());
        judged.drain(..first);
    }
    let assessment = progress::assess(
        &judged,
        direction,
        target,
        base_year,
        i.ceiling,
        &settings(),
    );
    let until = judged.last().map_or(0, |(y, _)| *y);
    let trajectory = progress::trajectory(&assessment, target, until);
    View {
        title: match (locale, i.title_en.is_empty()) {
            (Locale::En, false) => i.title_en.clone(),
            _ => i.title_da.clone(),
        },
        description: match (locale, i.description_en.is_empty()) {
            (Locale::En, false) => i.description_en.clone(),
            _ => i.description_da.clone(),
        },
        monthly: series.iter().any(|p| p.month.is_some()),
        yearly_mean: mean,
        id: i.id,
        title_da: i.title_da,
        title_en: i.title_en,
        unit: i.unit,
        direction,
        target,
        base_year,
        ceiling: i.ceiling,
        sdgs: i.sdgs,
        initiative: i.initiative,
        source: i.source,
        method: i.method,
        live: false,
        series,
        breakdowns,
        assessment,
        trajectory,
        revisions,
        releases: Vec::new(),
    }
}

/// Every indicator, stored and live, by id, each judged.
pub async fn list(store: &Store, now: DateTime<Utc>, locale: Locale) -> Result<Vec<View>> {
    let mut ids: Vec<String> = store
        .indicators()
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    ids.extend(live::IDS.iter().map(|s| s.to_string()));
    ids.sort();
    let mut out = Vec::with_capacity(ids.len());
    let mut sources = live::Sources::default();
    for id in ids {
        out.push(show_with(store, &id, now, locale, &mut sources).await?);
    }
    Ok(out)
}

/// A series as Open SDG's CSV: yearly values (monthly ones summed or averaged over
/// complete years), the headline and every breakdown.
pub fn export(view: &View) -> String {
    let mean = view.yearly_mean;
    let mut rows = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    for (b, points) in std::iter::once((&String::new(), &view.series)).chain(view.breakdowns.iter())
    {
        let pairs = breakdown_pairs(b);
        for (k, _) in &pairs {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
        for (year, value) in yearly(points, mean) {
            rows.push(reports::opensdg::Row {
                year,
                breakdown: pairs.clone(),
                value,
            });
        }
    }
    reports::opensdg::write(&columns, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_thresholds_are_open_sdgs() {
        assert_eq!(settings(), Settings::default());
    }
}
