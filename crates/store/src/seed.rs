//! Filling an empty database in one go — the demo data set — so that a failure half-way
//! leaves the database empty rather than half-filled.

use crate::agreements::insert_agreement;
use crate::companies::insert_company;
use crate::people::{insert_person, upsert_limits};
use crate::tasks::insert_task;
use crate::{Actor, Store, StoreError};
use domain::agreement::Agreement;
use domain::company::Company;
use domain::person::{FunctionalLimits, Person};
use domain::task::{TaskRequest, TaskStatus};
use sqlx::AnyConnection;

/// Records that refer to each other by position rather than by id, since ids are
/// only known once stored: an agreement names its company's index in `companies`,
/// a task its company's index and that company's site index.
#[derive(Debug, Clone, Default)]
pub struct Seed {
    pub people: Vec<(Person, FunctionalLimits)>,
    pub companies: Vec<Company>,
    pub agreements: Vec<(usize, Agreement)>,
    pub tasks: Vec<SeedTask>,
}

/// A task request placed by index, with the status it starts in.
#[derive(Debug, Clone)]
pub struct SeedTask {
    pub company: usize,
    pub site: usize,
    pub request: TaskRequest,
    pub status: TaskStatus,
}

/// How many records a seed stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedCount {
    pub people: usize,
    pub companies: usize,
    pub agreements: usize,
    pub tasks: usize,
}

async fn is_empty(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&mut *conn)
        .await?;
    let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
        .fetch_one(&mut *conn)
        .await?;
    Ok(people == 0 && companies == 0)
}

impl Store {
    /// Whether the agency has no people and no companies yet.
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let mut conn = self.pool.acquire().await?;
        is_empty(&mut conn).await
    }

    /// Stores a whole seed in one transaction. Refuses a database that already has records.
    pub async fn seed(&self, seed: &Seed, by: &Actor) -> Result<SeedCount, StoreError> {
        let mut tx = self.write().await?;
        if !is_empty(&mut tx).await? {
            return Err(StoreError::Conflict(
                "the database already holds people or companies; seed an empty one".into(),
            ));
        }
        for (person, limits) in &seed.people {
            let id = insert_person(&mut tx, person).await?;
            upsert_limits(&mut tx, id, limits, by).await?;
        }
        let mut company_ids = Vec::with_capacity(seed.companies.len());
        let mut site_ids = Vec::with_capacity(seed.companies.len());
        for company in &seed.companies {
            let id = insert_company(&mut tx, company).await?;
            let sites: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM sites WHERE company_id = $1 ORDER BY position")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
            company_ids.push(id);
            site_ids.push(sites);
        }
        let company_id = |index: usize| {
            company_ids.get(index).copied().ok_or_else(|| {
                StoreError::invalid("company", format!("no company at index {index}"))
            })
        };
        for (company, agreement) in &seed.agreements {
            let agreement = Agreement {
                company_id: company_id(*company)?,
                ..agreement.clone()
            };
            insert_agreement(&mut tx, &agreement).await?;
        }
        for task in &seed.tasks {
            let site_id = site_ids
                .get(task.company)
                .and_then(|sites| sites.get(task.site))
                .copied()
                .ok_or_else(|| {
                    StoreError::invalid(
                        "site",
                        format!("no site {} at company index {}", task.site, task.company),
                    )
                })?;
            let request = TaskRequest {
                company_id: company_id(task.company)?,
                site_id,
                ..task.request.clone()
            };
            insert_task(&mut tx, &request, task.status, by, "demo").await?;
        }
        tx.commit().await?;
        Ok(SeedCount {
            people: seed.people.len(),
            companies: seed.companies.len(),
            agreements: seed.agreements.len(),
            tasks: seed.tasks.len(),
        })
    }
}
