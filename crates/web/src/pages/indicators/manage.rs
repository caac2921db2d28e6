//! Managing indicators, for editors and coordinators: the stored indicators with their
//! releases (who imported what, from which source, published when), a form to add or
//! change one, and a form to import a release of a series in Open SDG's format. The forms
//! go through the same use-cases as the API and the command line.

use super::words;
use crate::pages::alliance::form::{Field, Posted, said};
use crate::pages::{FieldError, Layout, Page, PageResult, locale, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use service::ServiceError;
use service::indicators::{self, IndicatorRequest, initiatives};
use store::Store;
use store::indicators::Release;

/// The indicator form's fields, in order.
const FIELDS: [&str; 16] = [
    "id",
    "title",
    "title_en",
    "unit",
    "direction",
    "target",
    "target_year",
    "target_rate",
    "base_year",
    "ceiling",
    "sdgs",
    "initiative",
    "source",
    "method",
    "description",
    "description_en",
];

/// A stored indicator with its status and releases.
struct Managed {
    id: String,
    title: String,
    status: String,
    releases: Vec<Release>,
}

#[derive(Template)]
#[template(path = "indicators/manage.html")]
struct ManagePage {
    layout: Layout,
    csrf: String,
    indicators: Vec<Managed>,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
    /// The import form's fields as posted: (indicator, csv, source, published).
    import: (String, String, String, String),
    import_errors: Vec<String>,
    notice: Option<String>,
}

impl ManagePage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

async fn shown(
    store: &Store,
    page: &Page,
    posted: &Posted,
    errors: Vec<FieldError>,
    import: (String, String, String, String),
    import_errors: Vec<String>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let mut managed = Vec::new();
    for i in store.indicators().await? {
        let view = indicators::show(store, &i.id, page.now, locale(t)).await?;
        managed.push(Managed {
            releases: store.releases(&i.id).await?,
            status: words::status(t, view.assessment.status),
            title: view.title,
            id: i.id,
        });
    }
    let directions = vec![
        (
            "down".to_string(),
            t.get("indicators.direction_down").to_string(),
        ),
        (
            "up".to_string(),
            t.get("indicators.direction_up").to_string(),
        ),
    ];
    let mut choices = vec![(String::new(), t.get("indicators.no_initiative").to_string())];
    choices.extend(initiatives::ALL.iter().map(|i| {
        (
            i.slug.to_string(),
            if t.lang.code() == "da" {
                i.name_da
            } else {
                i.name_en
            }
            .to_string(),
        )
    }));
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("indicators.field_{name}")).to_string();
        f
    };
    let fields = vec![
        field("id", "text").hint(t.get("indicators.hint_id").to_string()),
        field("title", "text"),
        field("title_en", "text"),
        field("unit", "text"),
        field("direction", "select").options(directions, posted),
        field("target", "number"),
        field("target_year", "number"),
        field("target_rate", "number").hint(t.get("indicators.hint_rate").to_string()),
        field("base_year", "number"),
        field("ceiling", "number"),
        field("sdgs", "text").hint(t.get("indicators.hint_sdgs").to_string()),
        field("initiative", "select").options(choices, posted),
        field("source", "text"),
        field("method", "textarea"),
        field("description", "textarea"),
        field("description_en", "textarea"),
    ];
    let status = if errors.is_empty() && import_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = ManagePage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        indicators: managed,
        fields,
        errors,
        import,
        import_errors,
        notice: None,
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /manage/indicators`.
pub async fn show(State(store): State<Store>, page: Page) -> PageResult {
    let posted = Posted::with(&[("direction", "down".to_string())]);
    let import = (
        String::new(),
        String::new(),
        String::new(),
        page.today().to_string(),
    );
    shown(&store, &page, &posted, Vec::new(), import, Vec::new()).await
}

fn decimal(posted: &Posted, name: &str) -> Result<Option<f64>, String> {
    match posted.one(name).trim() {
        "" => Ok(None),
        text => text
            .replace(',', ".")
            .parse()
            .map(Some)
            .map_err(|_| name.to_string()),
    }
}

/// `POST /manage/indicators`: an indicator added or changed.
pub async fn put(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = page.caller()?;
    let posted = Posted::read(&body);
    let mut unread = Vec::new();
    let mut number = |name: &'static str| {
        decimal(&posted, name).unwrap_or_else(|f| {
            unread.push(domain::FieldError::new(f, "is no number"));
            None
        })
    };
    let request = IndicatorRequest {
        id: posted.one("id").to_string(),
        title: posted.one("title").to_string(),
        title_en: posted.one("title_en").to_string(),
        unit: posted.one("unit").to_string(),
        direction: posted.one("direction").to_string(),
        target: number("target"),
        target_year: number("target_year").map(|y| y as i64),
        target_rate: number("target_rate"),
        base_year: number("base_year").map(|y| y as i64),
        ceiling: number("ceiling"),
        sdgs: posted.listed("sdgs"),
        initiative: Some(posted.one("initiative").to_string()),
        source: posted.one("source").to_string(),
        method: posted.one("method").to_string(),
        description: posted.one("description").to_string(),
        description_en: posted.one("description_en").to_string(),
    };
    let result = if unread.is_empty() {
        indicators::put(&store, &caller.actor(), &request, page.now).await
    } else {
        Err(ServiceError::Invalid(unread))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/indicators/{}", request.id.trim())).into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said_here(page.t, &wrong);
            let import = (
                String::new(),
                String::new(),
                String::new(),
                page.today().to_string(),
            );
            shown(&store, &page, &posted, errors, import, Vec::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The indicator form's errors in the page's words.
fn said_here(t: crate::pages::i18n::Tr, wrong: &[domain::FieldError]) -> Vec<FieldError> {
    said(t, wrong, &FIELDS, "id")
        .into_iter()
        .map(|e| {
            FieldError::new(
                e.field.clone(),
                t.get(&format!("indicators.bad_{}", e.field)).to_string(),
            )
        })
        .collect()
}

/// `POST /manage/indicators/{id}/import`: a release imported, all or nothing.
pub async fn import(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let typed = (
        id.clone(),
        posted.one("csv").to_string(),
        posted.one("source").to_string(),
        posted.one("published").to_string(),
    );
    let published = match domain::calendar::parse_date(posted.one("published")) {
        Ok(d) => d,
        Err(_) => {
            let errors = vec![t.get("indicators.bad_published").to_string()];
            return shown(&store, &page, &Posted::default(), Vec::new(), typed, errors).await;
        }
    };
    match indicators::import(
        &store,
        &caller.actor(),
        &id,
        posted.one("csv"),
        posted.one("source"),
        published,
        page.now,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/indicators/{id}")).into_response()),
        Err(ServiceError::Rows(rows)) => {
            // Each bad value by line and column, as Open SDG's file names them.
            let errors = rows
                .iter()
                .map(|r| {
                    let key = match r.column.as_str() {
                        "Year" => "indicators.bad_row_year",
                        "Value" => "indicators.bad_row_value",
                        _ => "indicators.bad_row_other",
                    };
                    t.fill(key, &[("line", &r.line.to_string()), ("column", &r.column)])
                })
                .collect();
            shown(&store, &page, &Posted::default(), Vec::new(), typed, errors).await
        }
        Err(ServiceError::Invalid(_) | ServiceError::NotFound(_)) => {
            let errors = vec![t.get("indicators.bad_import").to_string()];
            shown(&store, &page, &Posted::default(), Vec::new(), typed, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
