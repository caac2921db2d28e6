//! `/accounts`: who may sign in. The coordinator disables and enables accounts, gives one
//! another role, and revokes its API tokens — the same use-cases as `kommune account`.
//! Their own account is another coordinator's to change.

use super::{coordinator, record_id, see_other, to_list};
use crate::access::Caller;
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Deserialize;
use service::{ServiceError, accounts};
use std::collections::BTreeMap;
use store::Store;
use store::accounts::{Account, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(show))
        .route("/accounts/{id}/disable", to_list("/accounts").post(disable))
        .route("/accounts/{id}/enable", to_list("/accounts").post(enable))
        .route("/accounts/{id}/revoke", to_list("/accounts").post(revoke))
        .route("/accounts/{id}/role", to_list("/accounts").post(role))
}

/// One account as the list shows it.
struct Row {
    id: i64,
    email: String,
    role: &'static str,
    role_code: &'static str,
    /// `person 4`, `company 2`, or nothing.
    stands_for: String,
    disabled: bool,
    own: bool,
}

#[derive(Template)]
#[template(path = "coordinator/accounts.html")]
struct Accounts {
    layout: Layout,
    csrf: String,
    rows: Vec<Row>,
    roles: Vec<(&'static str, &'static str)>,
    notice: Option<String>,
    errors: Vec<FieldError>,
}

fn role_label(t: Tr, role: Role) -> &'static str {
    t.get(match role {
        Role::Coordinator => "coordinator.role_coordinator",
        Role::Worker => "coordinator.role_worker",
        Role::Company => "coordinator.role_company",
        Role::Driver => "coordinator.role_driver",
        Role::Editor => "coordinator.role_editor",
        Role::GreenAgent => "coordinator.role_green_agent",
    })
}

fn row(t: Tr, caller: &Caller, a: Account) -> Row {
    let stands_for = match (a.person_id, a.company_id) {
        (Some(p), _) => t.fill("coordinator.account_person", &[("id", &p.to_string())]),
        (_, Some(c)) => t.fill("coordinator.account_company", &[("id", &c.to_string())]),
        _ => String::new(),
    };
    Row {
        id: a.id,
        own: a.id == caller.account.id,
        role: role_label(t, a.role),
        role_code: a.role.code(),
        stands_for,
        disabled: a.disabled,
        email: a.email,
    }
}

async fn page_with(
    store: &Store,
    page: &Page,
    notice: Option<String>,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let rows = accounts::list(store, &caller.actor())
        .await?
        .into_iter()
        .map(|a| row(t, caller, a))
        .collect();
    let body = Accounts {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        rows,
        roles: Role::ALL
            .iter()
            .map(|r| (r.code(), role_label(t, *r)))
            .collect(),
        notice,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let notice = query
        .get("done")
        .and_then(|done| match done.as_str() {
            "disabled" => Some("coordinator.account_disabled"),
            "enabled" => Some("coordinator.account_enabled"),
            "revoked" => Some("coordinator.account_revoked"),
            "role" => Some("coordinator.account_role_changed"),
            _ => None,
        })
        .map(|key| page.t.get(key).to_string());
    page_with(&store, &page, notice, Vec::new(), StatusCode::OK).await
}

/// The e-mail address of the account in the path.
async fn email_of(store: &Store, caller: &Caller, id: &str) -> Result<String, PageError> {
    let id = record_id(id)?;
    accounts::list(store, &caller.actor())
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| a.email)
        .ok_or(PageError::NotFound)
}

/// The list again with why a change was refused.
async fn refused(store: &Store, page: &Page, error: ServiceError) -> PageResult {
    let t = page.t;
    let (field, message) = match error {
        ServiceError::Conflict(_) => ("accounts", t.get("coordinator.account_own")),
        ServiceError::Invalid(_) | ServiceError::Store(store::StoreError::Invalid(_)) => {
            ("accounts", t.get("coordinator.account_role_bad"))
        }
        ServiceError::NotFound(_) | ServiceError::Store(store::StoreError::NotFound { .. }) => {
            ("accounts", t.get("coordinator.account_role_missing"))
        }
        other => return Err(other.into()),
    };
    let errors = vec![FieldError::new(field, message)];
    page_with(store, page, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await
}

async fn set_disabled(store: Store, page: Page, id: String, disabled: bool) -> PageResult {
    let caller = coordinator(&page)?;
    let email = email_of(&store, caller, &id).await?;
    match accounts::set_disabled(&store, &caller.actor(), &email, disabled).await {
        Ok(_) if disabled => Ok(see_other("/accounts?done=disabled")),
        Ok(_) => Ok(see_other("/accounts?done=enabled")),
        Err(e) => refused(&store, &page, e).await,
    }
}

async fn disable(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    set_disabled(store, page, id, true).await
}

async fn enable(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    set_disabled(store, page, id, false).await
}

async fn revoke(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let caller = coordinator(&page)?;
    let email = email_of(&store, caller, &id).await?;
    accounts::revoke_tokens(&store, &caller.actor(), &email).await?;
    Ok(see_other("/accounts?done=revoked"))
}

/// The role form: the role, and the person or company it stands for.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RoleForm {
    role: String,
    stands_for: String,
}

async fn role(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let email = email_of(&store, caller, &id).await?;
    let Some(role) = Role::parse(form.role.trim()) else {
        return refused(&store, &page, ServiceError::invalid("role", "unknown")).await;
    };
    let number = form.stands_for.trim().parse::<i64>().ok();
    let (person, company) = match role {
        Role::Worker | Role::Driver => (number, None),
        Role::Company => (None, number),
        Role::Coordinator | Role::Editor | Role::GreenAgent => (None, None),
    };
    match accounts::set_role(&store, &caller.actor(), &email, role, person, company).await {
        Ok(_) => Ok(see_other("/accounts?done=role")),
        Err(e) => refused(&store, &page, e).await,
    }
}
