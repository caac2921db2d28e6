//! Adding and changing a company's agreement in the pages (`/companies/{id}/agreements/new`,
//! `/agreements/{id}/edit`): price and wage in kroner as Danes write them, read into the
//! API's `AgreementDraft` in øre, so the same rules decide (a price below the wage is
//! refused, the minimum lies within 0–480 minutes, one agreement per task type).

use super::form::{self, Choice, Select, TextField, text};
use super::{coordinator, record_id};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, locale, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use domain::agreement::{Agreement, AgreementDraft};
use domain::catalogue::TaskType;
use domain::money::Money;
use serde::Deserialize;
use service::ServiceError;
use service::records::companies;
use store::{Store, StoreError};

/// Adding and changing agreements.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies/{id}/agreements/new", get(new).post(create))
        .route("/agreements/{id}/edit", get(edit).post(update))
}

/// The form as sent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct AgreementForm {
    version: String,
    task_type: String,
    price: String,
    wage: String,
    minimum: String,
}

/// The order of the form's fields.
const FIELD_ORDER: [&str; 4] = ["task_type", "price", "wage", "minimum"];

impl AgreementForm {
    fn of(version: i64, a: &Agreement) -> Self {
        Self {
            version: version.to_string(),
            task_type: a.task_type.code().into(),
            price: a.price_per_hour.decimal().replace('.', ","),
            wage: a.wage_per_hour.decimal().replace('.', ","),
            minimum: a.min_billable_minutes.to_string(),
        }
    }

    /// The API's draft for `company`, and the fields that could not be read.
    fn draft(&self, company: i64) -> (AgreementDraft, Vec<&'static str>) {
        let mut unread = Vec::new();
        let mut kroner = |field: &'static str, text: &str| match Money::parse_kroner(text) {
            Ok(money) => Some(money.ore()),
            Err(_) => {
                unread.push(field);
                None
            }
        };
        let price = kroner("price", &self.price);
        let wage = kroner("wage", &self.wage);
        let minimum = match self.minimum.trim() {
            "" => Some(0),
            text => text.parse::<i64>().ok().or_else(|| {
                unread.push("minimum");
                None
            }),
        };
        let draft = AgreementDraft {
            company_id: Some(company),
            task_type: self.task_type.clone(),
            price_per_hour_ore: price,
            wage_per_hour_ore: wage,
            min_billable_minutes: minimum,
            invoicing_period: None,
        };
        (draft, unread)
    }
}

fn form_field(draft_field: &str) -> &'static str {
    match draft_field {
        "task_type" => "task_type",
        "wage_per_hour_ore" => "wage",
        "min_billable_minutes" => "minimum",
        _ => "price",
    }
}

fn errors(t: Tr, fields: Vec<&'static str>) -> Vec<FieldError> {
    form::errors(t, fields, &FIELD_ORDER, "coordinator.agreement_form.bad_")
}

#[derive(Template)]
#[template(path = "coordinator/agreement_form.html")]
struct FormPage {
    layout: Layout,
    csrf: String,
    heading: String,
    action: String,
    cancel: String,
    version: String,
    task_type: Select,
    fields: Vec<TextField>,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// Where the form posts, where it came from, and its heading.
struct Place {
    heading: String,
    action: String,
    company: i64,
}

fn shown(page: &Page, place: Place, form: AgreementForm, errors: Vec<FieldError>) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let status = form::status(&errors);
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: place.heading,
        action: place.action,
        cancel: format!("/companies/{}", place.company),
        version: form.version.clone(),
        task_type: Select {
            field: "task_type",
            label: "coordinator.agreement_task_type",
            blank: None,
            choices: TaskType::ALL
                .iter()
                .map(|k| Choice {
                    value: k.code(),
                    label: k.label(locale(t)).to_string(),
                    chosen: k.code() == form.task_type,
                })
                .collect(),
        },
        fields: vec![
            text(
                "price",
                "coordinator.agreement_form.price",
                &form.price,
                "text",
            ),
            text(
                "wage",
                "coordinator.agreement_form.wage",
                &form.wage,
                "text",
            ),
            text(
                "minimum",
                "coordinator.agreement_form.minimum",
                &form.minimum,
                "text",
            ),
        ],
        errors,
    };
    Ok((status, render(&body)).into_response())
}

fn new_place(t: Tr, company: i64, name: &str) -> Place {
    Place {
        heading: t.fill("coordinator.agreement_form.new_title", &[("company", name)]),
        action: format!("/companies/{company}/agreements/new"),
        company,
    }
}

async fn new(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let by = coordinator(&page)?.actor();
    let company = companies::get(&store, &by, record_id(&id)?).await?;
    let place = new_place(page.t, company.meta.id, &company.value.company.name);
    let form = AgreementForm {
        minimum: "60".into(),
        ..Default::default()
    };
    shown(&page, place, form, Vec::new())
}

/// The agreement the form describes for `company`, or its wrong fields.
fn checked(t: Tr, form: &AgreementForm, company: i64) -> Result<Agreement, Vec<FieldError>> {
    let (draft, unread) = form.draft(company);
    form::checked(draft.parse(), unread, form_field, |f| errors(t, f))
}

/// A store refusal beside its field: the task type agreed already, or the record changed.
fn refused(t: Tr, error: ServiceError) -> Result<Vec<FieldError>, ServiceError> {
    match error {
        ServiceError::Store(StoreError::Conflict(why)) if why.contains("already") => {
            Ok(vec![FieldError::new(
                "task_type",
                t.get("coordinator.agreement_form.taken"),
            )])
        }
        ServiceError::Store(StoreError::Conflict(_)) => Ok(vec![FieldError::new(
            "task_type",
            t.get("coordinator.person_form.changed"),
        )]),
        other => Err(other),
    }
}

async fn create(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<AgreementForm>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let company = companies::get(&store, &by, record_id(&id)?).await?;
    let place = new_place(t, company.meta.id, &company.value.company.name);
    let agreement = match checked(t, &form, company.meta.id) {
        Ok(agreement) => agreement,
        Err(errors) => return shown(&page, place, form, errors),
    };
    match companies::create_agreement(&store, &by, &agreement).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/companies/{}?saved=1", company.meta.id)).into_response())
        }
        Err(e) => shown(&page, place, form, refused(t, e)?),
    }
}

async fn edit(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let by = coordinator(&page)?.actor();
    let found = companies::agreement(&store, &by, record_id(&id)?).await?;
    let place = edit_place(page.t, found.meta.id, &found.value);
    shown(
        &page,
        place,
        AgreementForm::of(found.meta.version, &found.value),
        Vec::new(),
    )
}

fn edit_place(t: Tr, id: i64, a: &Agreement) -> Place {
    Place {
        heading: t.fill(
            "coordinator.agreement_form.edit_title",
            &[("task_type", a.task_type.label(locale(t)))],
        ),
        action: format!("/agreements/{id}/edit"),
        company: a.company_id,
    }
}

async fn update(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<AgreementForm>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let found = companies::agreement(&store, &by, record_id(&id)?).await?;
    let place = edit_place(t, found.meta.id, &found.value);
    let agreement = match checked(t, &form, found.value.company_id) {
        Ok(agreement) => agreement,
        Err(errors) => return shown(&page, place, form, errors),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        let errors = vec![FieldError::new(
            "task_type",
            t.get("coordinator.person_form.changed"),
        )];
        return shown(&page, place, form, errors);
    };
    match companies::update_agreement(&store, &by, found.meta.id, version, &agreement).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/companies/{}?saved=1", found.value.company_id)).into_response(),
        ),
        Err(e) => shown(&page, place, form, refused(t, e)?),
    }
}
