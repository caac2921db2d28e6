//! Moving records between CSV files and the store: files name companies and sites by
//! CVR and P-number, the store by id, so this is where one becomes the other. An import
//! is all or nothing; an export is the file's bytes, which the CLI writes and import
//! reads back unchanged. Exporting people reads their functional limits, so it is logged.

use super::written;
use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::agreement::Agreement;
use domain::identifiers::Cvr;
use domain::task::TaskRequest;
use reports::RowError;
use reports::agreements::AgreementRow;
use std::collections::BTreeMap;
use store::agreements::AgreementFilter;
use store::companies::{CompanyFilter, CompanyRecord};
use store::tasks::TaskFilter;
use store::{PageRequest, Store, StoreError, Stored};

fn rejected(errors: Vec<RowError>) -> ServiceError {
    ServiceError::Rows(errors)
}

pub async fn import_people(store: &Store, bytes: &[u8], by: &Actor) -> Result<String> {
    crate::records::agency_only(by, "person")?;
    let people = reports::people::read_people(bytes).map_err(rejected)?;
    let count = store.import_people(&people, &crate::recorded(by)).await?;
    Ok(format!(
        "people: {} added, {} updated",
        count.created, count.updated
    ))
}

pub async fn import_companies(store: &Store, bytes: &[u8], by: &Actor) -> Result<String> {
    crate::records::agency_only(by, "company")?;
    let companies = reports::companies::read_companies(bytes).map_err(rejected)?;
    let (created, updated) = store.import_companies(&companies).await?;
    Ok(format!("companies: {created} added, {updated} updated"))
}

/// Companies looked up by CVR once each, as a file names the same company on many rows.
#[derive(Default)]
struct CompaniesByCvr(BTreeMap<String, Option<Stored<CompanyRecord>>>);

impl CompaniesByCvr {
    /// The company, or an error for the `company_cvr` column of `line`.
    async fn get(
        &mut self,
        store: &Store,
        cvr: &Cvr,
        line: usize,
    ) -> Result<Result<&Stored<CompanyRecord>, RowError>> {
        let key = cvr.as_str().to_string();
        if !self.0.contains_key(&key) {
            let found = store.company_by_cvr(&key).await?;
            self.0.insert(key.clone(), found);
        }
        Ok(self.0[&key].as_ref().ok_or_else(|| {
            RowError::new(
                line,
                "company_cvr",
                format!("there is no company with CVR {key}"),
            )
        }))
    }
}

/// Maps the store's `tasks[i].field` (or `agreements[i].field`) errors back to file lines.
fn store_rejected(error: StoreError, lines: &[usize]) -> ServiceError {
    match error {
        StoreError::Invalid(found) => rejected(
            found
                .into_iter()
                .map(|e| {
                    let (index, field) = e
                        .field
                        .split_once("].")
                        .and_then(|(head, field)| {
                            Some((head.rsplit_once('[')?.1.parse::<usize>().ok()?, field))
                        })
                        .unwrap_or((usize::MAX, e.field.as_str()));
                    let line = lines.get(index).copied().unwrap_or(0);
                    RowError::new(line, field, e.reason.clone())
                })
                .collect(),
        ),
        other => other.into(),
    }
}

pub async fn import_agreements(store: &Store, bytes: &[u8], by: &Actor) -> Result<String> {
    crate::records::agency_only(by, "agreement")?;
    let rows = reports::agreements::read_agreements(bytes).map_err(rejected)?;
    let mut companies = CompaniesByCvr::default();
    let mut errors = Vec::new();
    let mut agreements = Vec::with_capacity(rows.len());
    for row in rows {
        match companies.get(store, &row.company_cvr, row.line).await? {
            Ok(company) => agreements.push(Agreement {
                company_id: company.meta.id,
                ..row.agreement
            }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(rejected(errors));
    }
    let (created, updated) = store.import_agreements(&agreements).await?;
    Ok(format!("agreements: {created} added, {updated} updated"))
}

/// Adds the tasks of a CSV file, all or none; their dates must be near `today`.
pub async fn import_tasks(
    store: &Store,
    bytes: &[u8],
    by: &Actor,
    today: NaiveDate,
) -> Result<String> {
    crate::records::agency_only(by, "task")?;
    let rows = reports::tasks::read_tasks(bytes).map_err(rejected)?;
    let mut errors = Vec::new();
    let mut tasks = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    let mut companies = CompaniesByCvr::default();
    for row in rows {
        if let Err(far) = row.request.check_near(today) {
            errors.extend(
                far.into_iter()
                    .map(|f| RowError::new(row.line, &f.field, f.reason)),
            );
            continue;
        }
        let company = match companies.get(store, &row.company_cvr, row.line).await? {
            Ok(company) => company,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let cvr = &row.company_cvr;
        let sites = &company.value;
        let Some(site_id) = sites
            .company
            .sites
            .iter()
            .position(|s| s.p_number == row.site_p_number)
            .map(|i| sites.site_ids[i])
        else {
            errors.push(RowError::new(
                row.line,
                "site_p_number",
                format!(
                    "company {cvr} has no site with P-number {}",
                    row.site_p_number
                ),
            ));
            continue;
        };
        let request = TaskRequest {
            company_id: company.meta.id,
            site_id,
            ..row.request
        };
        tasks.push((request, row.status));
        lines.push(row.line);
    }
    if !errors.is_empty() {
        return Err(rejected(errors));
    }
    let count = store
        .import_tasks(&tasks, &crate::recorded(by))
        .await
        .map_err(|e| store_rejected(e, &lines))?;
    Ok(format!("tasks: {count} added"))
}

pub async fn export_people(store: &Store, by: &Actor) -> Result<Vec<u8>> {
    crate::records::agency_only(by, "person")?;
    let people = store
        .people_with_limits(&crate::recorded(by), "CSV export")
        .await?;
    let rows: Vec<_> = people
        .into_iter()
        .map(|(p, limits)| (p.value, limits))
        .collect();
    written("people", |bytes| {
        reports::people::write_people(bytes, &rows)
    })
}

pub async fn export_companies(store: &Store, by: &Actor) -> Result<Vec<u8>> {
    crate::records::agency_only(by, "company")?;
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?;
    let rows: Vec<_> = companies
        .items
        .into_iter()
        .map(|c| c.value.company)
        .collect();
    written("companies", |bytes| {
        reports::companies::write_companies(bytes, &rows)
    })
}

pub async fn export_agreements(store: &Store, by: &Actor) -> Result<Vec<u8>> {
    crate::records::agency_only(by, "agreement")?;
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?;
    let cvrs: BTreeMap<i64, Cvr> = companies
        .items
        .iter()
        .map(|c| (c.meta.id, c.value.company.cvr.clone()))
        .collect();
    let agreements = store
        .agreements(&AgreementFilter::default(), PageRequest::all())
        .await?;
    let mut rows = Vec::with_capacity(agreements.items.len());
    // A deleted company's agreements are deleted with it; none are left to name it.
    for a in agreements.items {
        if let Some(cvr) = cvrs.get(&a.value.company_id) {
            rows.push(AgreementRow {
                company_cvr: cvr.clone(),
                agreement: a.value,
                line: 0,
            });
        }
    }
    written("agreements", |bytes| {
        reports::agreements::write_agreements(bytes, &rows)
    })
}

pub async fn export_tasks(store: &Store, by: &Actor) -> Result<Vec<u8>> {
    crate::records::agency_only(by, "task")?;
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?;
    let mut keys = BTreeMap::new();
    for c in &companies.items {
        for (site, id) in c.value.company.sites.iter().zip(&c.value.site_ids) {
            keys.insert(*id, (c.value.company.cvr.clone(), site.p_number.clone()));
        }
    }
    let tasks = store
        .tasks(&TaskFilter::default(), PageRequest::all())
        .await?;
    let mut rows = Vec::with_capacity(tasks.items.len());
    // Tasks of a deleted company are its history, not live records: they stay out of the file.
    for t in tasks.items {
        let Some((cvr, p_number)) = keys.get(&t.value.request.site_id).cloned() else {
            continue;
        };
        rows.push(reports::tasks::TaskRow {
            company_cvr: cvr,
            site_p_number: p_number,
            status: t.value.status,
            request: t.value.request,
            line: 0,
        });
    }
    written("tasks", |bytes| reports::tasks::write_tasks(bytes, &rows))
}
