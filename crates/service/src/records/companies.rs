//! Companies and the agreements that price their tasks.

use super::agency_only;
use crate::Result;
use domain::actor::Actor;
use domain::agreement::Agreement;
use domain::company::Company;
use store::agreements::AgreementFilter;
use store::companies::{CompanyFilter, CompanyRecord};
use store::{Page, PageRequest, Store, Stored};

pub async fn list(
    store: &Store,
    by: &Actor,
    filter: &CompanyFilter,
    page: PageRequest,
) -> Result<Page<Stored<CompanyRecord>>> {
    agency_only(by, "company")?;
    Ok(store.companies(filter, page).await?)
}

pub async fn get(store: &Store, by: &Actor, id: i64) -> Result<Stored<CompanyRecord>> {
    agency_only(by, "company")?;
    Ok(store.company(id).await?)
}

pub async fn create(store: &Store, by: &Actor, company: &Company) -> Result<Stored<CompanyRecord>> {
    agency_only(by, "company")?;
    Ok(store.create_company(company).await?)
}

/// Changes a company; `version` must be the one read.
pub async fn update(
    store: &Store,
    by: &Actor,
    id: i64,
    version: i64,
    company: &Company,
) -> Result<Stored<CompanyRecord>> {
    agency_only(by, "company")?;
    Ok(store.update_company(id, version, company).await?)
}

pub async fn delete(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "company")?;
    Ok(store.delete_company(id).await?)
}

/// One page of agreements, all or one company's.
pub async fn agreements(
    store: &Store,
    by: &Actor,
    filter: &AgreementFilter,
    page: PageRequest,
) -> Result<Page<Stored<Agreement>>> {
    agency_only(by, "agreement")?;
    Ok(store.agreements(filter, page).await?)
}

pub async fn agreement(store: &Store, by: &Actor, id: i64) -> Result<Stored<Agreement>> {
    agency_only(by, "agreement")?;
    Ok(store.agreement(id).await?)
}

pub async fn create_agreement(
    store: &Store,
    by: &Actor,
    agreement: &Agreement,
) -> Result<Stored<Agreement>> {
    agency_only(by, "agreement")?;
    Ok(store.create_agreement(agreement).await?)
}

/// Changes an agreement; `version` must be the one read.
pub async fn update_agreement(
    store: &Store,
    by: &Actor,
    id: i64,
    version: i64,
    agreement: &Agreement,
) -> Result<Stored<Agreement>> {
    agency_only(by, "agreement")?;
    Ok(store.update_agreement(id, version, agreement).await?)
}

pub async fn delete_agreement(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "agreement")?;
    Ok(store.delete_agreement(id).await?)
}
