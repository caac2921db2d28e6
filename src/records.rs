//! Moving records between CSV files and the store: files name companies and sites by
//! CVR and P-number, the store by id, so this is where one becomes the other.

use anyhow::{Context, anyhow};
use domain::agreement::Agreement;
use domain::identifiers::Cvr;
use domain::task::TaskRequest;
use reports::RowError;
use reports::agreements::AgreementRow;
use std::collections::BTreeMap;
use std::io::Write;
use store::agreements::AgreementFilter;
use store::companies::{CompanyFilter, CompanyRecord};
use store::tasks::TaskFilter;
use store::{Actor, PageRequest, Store, StoreError, Stored};

fn cli() -> Actor {
    Actor("cli".into())
}

/// Every row error on its own line, as the import's failure.
fn rejected(errors: Vec<RowError>) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    anyhow!(
        "nothing was imported; {} bad value(s):\n{}",
        errors.len(),
        lines.join("\n")
    )
}

pub async fn import_people(store: &Store, bytes: &[u8]) -> anyhow::Result<String> {
    let people = reports::people::read_people(bytes).map_err(rejected)?;
    let count = store.import_people(&people, &cli()).await?;
    Ok(format!(
        "people: {} added, {} updated",
        count.created, count.updated
    ))
}

pub async fn import_companies(store: &Store, bytes: &[u8]) -> anyhow::Result<String> {
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
    ) -> anyhow::Result<Result<&Stored<CompanyRecord>, RowError>> {
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
fn store_rejected(error: StoreError, lines: &[usize]) -> anyhow::Error {
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

pub async fn import_agreements(store: &Store, bytes: &[u8]) -> anyhow::Result<String> {
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

pub async fn import_tasks(store: &Store, bytes: &[u8]) -> anyhow::Result<String> {
    let rows = reports::tasks::read_tasks(bytes).map_err(rejected)?;
    let mut errors = Vec::new();
    let mut tasks = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    let mut companies = CompaniesByCvr::default();
    for row in rows {
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
        .import_tasks(&tasks, &cli())
        .await
        .map_err(|e| store_rejected(e, &lines))?;
    Ok(format!("tasks: {count} added"))
}

pub async fn export_people(store: &Store, out: impl Write) -> anyhow::Result<()> {
    let people = store.people_with_limits(&cli(), "CSV export").await?;
    let rows: Vec<_> = people
        .into_iter()
        .map(|(p, limits)| (p.value, limits))
        .collect();
    reports::people::write_people(out, &rows).context("writing the people file")
}

pub async fn export_companies(store: &Store, out: impl Write) -> anyhow::Result<()> {
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?;
    let rows: Vec<_> = companies
        .items
        .into_iter()
        .map(|c| c.value.company)
        .collect();
    reports::companies::write_companies(out, &rows).context("writing the companies file")
}

pub async fn export_agreements(store: &Store, out: impl Write) -> anyhow::Result<()> {
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
    reports::agreements::write_agreements(out, &rows).context("writing the agreements file")
}

pub async fn export_tasks(store: &Store, out: impl Write) -> anyhow::Result<()> {
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
    reports::tasks::write_tasks(out, &rows).context("writing the tasks file")
}

/// Writes the payroll file for `period`: per worker, hours, wage, holiday pay and total.
pub async fn export_payroll(
    store: &Store,
    period: store::invoices::Period,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let bytes = web::exports::payroll(store, period).await?;
    out.write_all(&bytes).context("writing the payroll file")
}

/// Writes the job-centre file for `period` under the rules valid on its first day
/// (`rules` is the JSON text of the dated rules).
pub async fn export_jobcentre(
    store: &Store,
    period: store::invoices::Period,
    rules: &str,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let rules = reports::jobcentre::parse_rules(rules).map_err(anyhow::Error::msg)?;
    let Some(rule) = reports::jobcentre::rule_on(&rules, period.first_day()) else {
        anyhow::bail!("no job-centre rule is valid on {}", period.first_day());
    };
    let bytes = web::exports::jobcentre(store, period, rule).await?;
    out.write_all(&bytes).context("writing the job-centre file")
}

/// Writes Flex Waste's annual waste report for `year`.
pub async fn export_waste_report(
    store: &Store,
    year: i32,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let bytes = web::exports::waste_report(store, year).await?;
    out.write_all(&bytes).context("writing the waste report")
}

/// Writes Flex Waste's figures for `period` under the dated `factors` (JSON text).
pub async fn export_waste_month(
    store: &Store,
    period: store::invoices::Period,
    factors: &str,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let bytes = web::exports::waste_month(store, period, factors).await?;
    out.write_all(&bytes)
        .context("writing the Flex Waste month")
}

/// Writes a customer's recycling statement for `year`.
pub async fn export_recycling(
    store: &Store,
    cvr: &str,
    year: i32,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let bytes = web::exports::recycling_statement(store, cvr, year).await?;
    out.write_all(&bytes)
        .context("writing the recycling statement")
}
