//! Adding and editing a company with its sites and contacts (`/companies/new`,
//! `/companies/{id}/edit`): the form is read into the API's `CompanyDraft`, so the same
//! rules decide (a CVR that passes its check, P-numbers once each, a site in use kept),
//! and each refusal is said in the page's language beside its field. A row left empty
//! adds nothing; a row ticked to go is removed.

use super::form::{self, TextField, text};
use super::{coordinator, record_id};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use domain::company::{Company, CompanyDraft, ContactDraft, SiteDraft};
use service::ServiceError;
use service::records::companies;
use std::collections::BTreeMap;
use store::companies::CompanyRecord;
use store::{Store, StoreError, Stored};

/// Adding and editing companies.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies/new", get(new).post(create))
        .route("/companies/{id}/edit", get(edit).post(update))
}

/// A site's fields, and a contact's, as the rows name them.
const SITE_PARTS: [&str; 5] = ["name", "p_number", "address", "latitude", "longitude"];
const CONTACT_PARTS: [&str; 4] = ["name", "role", "email", "phone"];

/// A row of sites or contacts as typed, part by part.
type Parts = BTreeMap<&'static str, String>;

/// The form as sent, every field text; rows by their number.
#[derive(Debug, Clone, Default)]
struct CompanyForm {
    version: String,
    name: String,
    cvr: String,
    billing_email: String,
    einvoice_address: String,
    task_force: bool,
    /// Each row's parts, and whether it is ticked to go.
    sites: Vec<(Parts, bool)>,
    contacts: Vec<(Parts, bool)>,
}

/// The most rows a form reads: the domain's limits, and one more to say so.
const MOST_ROWS: usize = 101;

impl CompanyForm {
    fn read(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "version" => form.version = value,
                "name" => form.name = value,
                "cvr" => form.cvr = value,
                "billing_email" => form.billing_email = value,
                "einvoice_address" => form.einvoice_address = value,
                "task_force" => form.task_force = true,
                other => form.row(other, value),
            }
        }
        form
    }

    /// `site_2_address`, `contact_0_remove`: one part of one row.
    fn row(&mut self, key: &str, value: String) {
        let (rows, parts): (_, &[&'static str]) = if let Some(rest) = key.strip_prefix("site_") {
            (Some((&mut self.sites, rest)), &SITE_PARTS)
        } else if let Some(rest) = key.strip_prefix("contact_") {
            (Some((&mut self.contacts, rest)), &CONTACT_PARTS)
        } else {
            (None, &[])
        };
        let Some((rows, rest)) = rows else { return };
        let Some((n, part)) = rest.split_once('_') else {
            return;
        };
        let Some(n) = n.parse::<usize>().ok().filter(|n| *n < MOST_ROWS) else {
            return;
        };
        if rows.len() <= n {
            rows.resize(n + 1, Default::default());
        }
        if part == "remove" {
            rows[n].1 = true;
        } else if let Some(part) = parts.iter().find(|p| **p == part) {
            rows[n].0.insert(part, value);
        }
    }

    fn of(stored: &Stored<CompanyRecord>) -> Self {
        let draft = CompanyDraft::from(&stored.value.company);
        let number = |n: Option<f64>| {
            n.map(|n| n.to_string().replace('.', ","))
                .unwrap_or_default()
        };
        Self {
            version: stored.meta.version.to_string(),
            name: draft.name,
            cvr: draft.cvr,
            billing_email: draft.billing_email,
            einvoice_address: draft.einvoice_address.unwrap_or_default(),
            task_force: draft.task_force,
            sites: draft
                .sites
                .iter()
                .map(|s| {
                    let row = BTreeMap::from([
                        ("name", s.name.clone()),
                        ("p_number", s.p_number.clone()),
                        ("address", s.address.clone()),
                        ("latitude", number(s.latitude)),
                        ("longitude", number(s.longitude)),
                    ]);
                    (row, false)
                })
                .collect(),
            contacts: draft
                .contacts
                .iter()
                .map(|c| {
                    let row = BTreeMap::from([
                        ("name", c.name.clone()),
                        ("role", c.role.clone()),
                        ("email", c.email.clone()),
                        ("phone", c.phone.clone()),
                    ]);
                    (row, false)
                })
                .collect(),
        }
    }

    /// The rows that count: not empty, not ticked to go; with their form row numbers.
    fn kept(rows: &[(Parts, bool)]) -> Vec<(usize, &Parts)> {
        rows.iter()
            .enumerate()
            .filter(|(_, (row, gone))| !gone && row.values().any(|v| !v.trim().is_empty()))
            .map(|(i, (row, _))| (i, row))
            .collect()
    }

    /// The API's draft, the form fields whose numbers could not be read, and the form row
    /// of each site and contact in the draft.
    fn draft(&self) -> (CompanyDraft, Vec<String>, Vec<usize>, Vec<usize>) {
        let mut unread = Vec::new();
        let part = |row: &BTreeMap<&str, String>, p: &str| row.get(p).cloned().unwrap_or_default();
        let sites = Self::kept(&self.sites);
        let contacts = Self::kept(&self.contacts);
        let mut site_drafts = Vec::new();
        for (i, row) in &sites {
            let mut bad = Vec::new();
            let latitude = form::decimal("latitude", &part(row, "latitude"), &mut bad);
            let longitude = form::decimal("longitude", &part(row, "longitude"), &mut bad);
            unread.extend(bad.iter().map(|p| format!("site_{i}_{p}")));
            site_drafts.push(SiteDraft {
                name: part(row, "name"),
                p_number: part(row, "p_number"),
                address: part(row, "address"),
                latitude,
                longitude,
            });
        }
        let draft = CompanyDraft {
            name: self.name.clone(),
            cvr: self.cvr.clone(),
            billing_email: self.billing_email.clone(),
            einvoice_address: Some(self.einvoice_address.trim().to_string())
                .filter(|s| !s.is_empty()),
            task_force: self.task_force,
            sites: site_drafts,
            contacts: contacts
                .iter()
                .map(|(_, row)| ContactDraft {
                    name: part(row, "name"),
                    email: part(row, "email"),
                    phone: part(row, "phone"),
                    role: part(row, "role"),
                })
                .collect(),
        };
        let rows = |kept: &[(usize, _)]| kept.iter().map(|(i, _)| *i).collect();
        (draft, unread, rows(&sites), rows(&contacts))
    }
}

/// The form field of a draft field's error: `sites[1].p_number` is the P-number of the
/// second site kept, which is form row `site_rows[1]`.
fn form_field(draft_field: &str, site_rows: &[usize], contact_rows: &[usize]) -> String {
    for (prefix, rows, name) in [
        ("sites[", site_rows, "site"),
        ("contacts[", contact_rows, "contact"),
    ] {
        if let Some(rest) = draft_field.strip_prefix(prefix)
            && let Some((n, part)) = rest.split_once("].")
            && let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n))
        {
            let part = if part == "coordinates" {
                "latitude"
            } else {
                part
            };
            return format!("{name}_{row}_{part}");
        }
    }
    match draft_field {
        "name" | "cvr" | "billing_email" | "einvoice_address" => draft_field.to_string(),
        "contacts" => "contact_0_name".into(),
        _ => "site_0_name".into(),
    }
}

/// A wrong field said in the page's language; a row's says which row.
fn message(t: Tr, field: &str) -> String {
    let row = |rest: &str, kind: &str| -> Option<String> {
        let (n, part) = rest.split_once('_')?;
        let n: usize = n.parse().ok()?;
        Some(t.fill(
            &format!("coordinator.company_form.bad_{kind}_{part}"),
            &[("n", &(n + 1).to_string())],
        ))
    };
    field
        .strip_prefix("site_")
        .and_then(|rest| row(rest, "site"))
        .or_else(|| {
            field
                .strip_prefix("contact_")
                .and_then(|rest| row(rest, "contact"))
        })
        .unwrap_or_else(|| {
            t.get(&format!("coordinator.company_form.bad_{field}"))
                .to_string()
        })
}

fn errors(t: Tr, mut fields: Vec<String>) -> Vec<FieldError> {
    let top = ["name", "cvr", "billing_email", "einvoice_address"];
    fields.sort_by_key(|f| {
        (
            top.iter().position(|o| o == f).unwrap_or(top.len()),
            f.clone(),
        )
    });
    fields.dedup();
    fields
        .into_iter()
        .map(|f| {
            let said = message(t, &f);
            FieldError::new(&f, said)
        })
        .collect()
}

/// A row of the sites or contacts table.
struct Row {
    n: usize,
    cells: Vec<TextField>,
    remove: bool,
    /// Only rows already stored can be ticked to go.
    stored: bool,
}

#[derive(Template)]
#[template(path = "coordinator/company_form.html")]
struct FormPage {
    layout: Layout,
    csrf: String,
    heading: String,
    action: String,
    cancel: String,
    version: String,
    task_force: bool,
    top: Vec<TextField>,
    sites: Vec<Row>,
    contacts: Vec<Row>,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// Rows as shown: those sent (or stored), and one empty one to add with.
fn rows(kind: &str, sent: &[(Parts, bool)], parts: &[&'static str], stored: usize) -> Vec<Row> {
    let empty = (BTreeMap::new(), false);
    sent.iter()
        .chain(std::iter::once(&empty))
        .enumerate()
        .map(|(n, (row, remove))| Row {
            n,
            cells: parts
                .iter()
                .map(|p| TextField {
                    field: format!("{kind}_{n}_{p}"),
                    label: format!("coordinator.company_form.{kind}_{p}"),
                    value: row.get(p).cloned().unwrap_or_default(),
                    kind: if *p == "email" { "email" } else { "text" },
                    auto: "off",
                })
                .collect(),
            remove: *remove,
            stored: n < stored,
        })
        .collect()
}

fn shown(
    page: &Page,
    (heading, action, cancel): (String, String, String),
    (form, stored_rows): (CompanyForm, (usize, usize)),
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = coordinator(page)?;
    let status = form::status(&errors);
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading,
        action,
        cancel,
        version: form.version.clone(),
        task_force: form.task_force,
        top: vec![
            text("name", "coordinator.company_form.name", &form.name, "text"),
            text("cvr", "coordinator.company_cvr", &form.cvr, "text"),
            text(
                "billing_email",
                "coordinator.company_billing_email",
                &form.billing_email,
                "email",
            ),
            text(
                "einvoice_address",
                "coordinator.company_einvoice",
                &form.einvoice_address,
                "text",
            ),
        ],
        sites: rows("site", &form.sites, &SITE_PARTS, stored_rows.0),
        contacts: rows("contact", &form.contacts, &CONTACT_PARTS, stored_rows.1),
        errors,
    };
    Ok((status, render(&body)).into_response())
}

fn new_labels(t: Tr) -> (String, String, String) {
    (
        t.get("coordinator.company_form.new_title").to_string(),
        "/companies/new".into(),
        "/companies".into(),
    )
}

fn edit_labels(t: Tr, id: i64, name: &str) -> (String, String, String) {
    (
        t.fill("coordinator.company_form.edit_title", &[("name", name)]),
        format!("/companies/{id}/edit"),
        format!("/companies/{id}"),
    )
}

async fn new(page: Page) -> PageResult {
    shown(
        &page,
        new_labels(page.t),
        (CompanyForm::default(), (0, 0)),
        Vec::new(),
    )
}

async fn edit(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let caller = coordinator(&page)?;
    let id = record_id(&id)?;
    let found = companies::get(&store, &caller.actor(), id).await?;
    let labels = edit_labels(page.t, id, &found.value.company.name);
    let form = CompanyForm::of(&found);
    let stored = (form.sites.len(), form.contacts.len());
    shown(&page, labels, (form, stored), Vec::new())
}

/// The company the form describes, or its wrong fields.
fn checked(t: Tr, form: &CompanyForm) -> Result<Company, Vec<FieldError>> {
    let (draft, unread, site_rows, contact_rows) = form.draft();
    let field = |f: &str| form_field(f, &site_rows, &contact_rows);
    form::checked(draft.parse(), unread, field, |f| errors(t, f))
}

/// A store refusal beside its field: the CVR taken, a site in use, the record changed.
fn refused(t: Tr, error: ServiceError) -> Result<Vec<FieldError>, ServiceError> {
    let said = |field: &str, key: &str| Ok(vec![FieldError::new(field, t.get(key))]);
    match error {
        ServiceError::Store(StoreError::Conflict(why)) if why.contains("CVR") => {
            said("cvr", "coordinator.company_form.cvr_taken")
        }
        ServiceError::Store(StoreError::Conflict(why)) if why.contains("cannot be removed") => {
            said("site_0_name", "coordinator.company_form.site_in_use")
        }
        ServiceError::Store(StoreError::Conflict(_)) => {
            said("name", "coordinator.person_form.changed")
        }
        other => Err(other),
    }
}

async fn create(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let form = CompanyForm::read(&body);
    let company = match checked(t, &form) {
        Ok(company) => company,
        Err(errors) => return shown(&page, new_labels(t), (form, (0, 0)), errors),
    };
    match companies::create(&store, &caller.actor(), &company).await {
        Ok(stored) => {
            Ok(Redirect::to(&format!("/companies/{}?saved=1", stored.meta.id)).into_response())
        }
        Err(e) => shown(&page, new_labels(t), (form, (0, 0)), refused(t, e)?),
    }
}

async fn update(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let id = record_id(&id)?;
    let found = companies::get(&store, &caller.actor(), id).await?;
    let labels = edit_labels(t, id, &found.value.company.name);
    let stored = (
        found.value.company.sites.len(),
        found.value.company.contacts.len(),
    );
    let form = CompanyForm::read(&body);
    let company = match checked(t, &form) {
        Ok(company) => company,
        Err(errors) => return shown(&page, labels, (form, stored), errors),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        let errors = vec![FieldError::new(
            "name",
            t.get("coordinator.person_form.changed"),
        )];
        return shown(&page, labels, (form, stored), errors);
    };
    match companies::update(&store, &caller.actor(), id, version, &company).await {
        Ok(_) => Ok(Redirect::to(&format!("/companies/{id}?saved=1")).into_response()),
        Err(e) => shown(&page, labels, (form, stored), refused(t, e)?),
    }
}
