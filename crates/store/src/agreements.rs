//! Agreements: the price a company pays and the wage a worker earns per hour of a task type.

use crate::error::unique_violation;
use crate::page::{Filter, Value};
use crate::read::Columns;
use crate::sql::{OPEN_TASK_STATUSES, assembled, assignments, mark_deleted, meta};
use crate::{Page, PageRequest, Store, StoreError, Stored, now};
use domain::agreement::{Agreement, AgreementDraft};
use sqlx::Row;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

const COLUMNS: &str = "company_id, task_type, price_per_hour_ore, wage_per_hour_ore, min_billable_minutes, invoicing_period";
const SELECT: &str = "id, version, created_at, updated_at, company_id, task_type, price_per_hour_ore, wage_per_hour_ore, min_billable_minutes, invoicing_period";

/// Narrows a list of agreements.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub company_id: Option<i64>,
}

fn bind_agreement<'q>(
    query: Query<'q, Any, AnyArguments>,
    a: &Agreement,
) -> Query<'q, Any, AnyArguments> {
    query
        .bind(a.company_id)
        .bind(a.task_type.code())
        .bind(a.price_per_hour.ore())
        .bind(a.wage_per_hour.ore())
        .bind(i64::from(a.min_billable_minutes))
        .bind("monthly")
}

fn agreement_from_row(row: &dyn Columns) -> Result<Stored<Agreement>, StoreError> {
    let meta = meta(row)?;
    let draft = AgreementDraft {
        company_id: Some(row.get("company_id")?),
        task_type: row.get("task_type")?,
        price_per_hour_ore: Some(row.get("price_per_hour_ore")?),
        wage_per_hour_ore: Some(row.get("wage_per_hour_ore")?),
        min_billable_minutes: Some(row.get("min_billable_minutes")?),
        invoicing_period: Some(row.get("invoicing_period")?),
    };
    let value = draft
        .parse()
        .map_err(|e| StoreError::corrupt("agreement", meta.id, e))?;
    Ok(Stored { meta, value })
}

fn duplicate(a: &Agreement) -> impl FnOnce() -> String + '_ {
    move || {
        format!(
            "company {} already has an agreement for {}",
            a.company_id, a.task_type
        )
    }
}

/// Refuses to take away the terms that open task requests are priced by.
async fn refuse_if_in_use(conn: &mut AnyConnection, a: &Agreement) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT COUNT(*) FROM tasks WHERE company_id = $1 AND task_type = $2 AND deleted_at IS NULL AND status IN {OPEN_TASK_STATUSES}"
    );
    let open: i64 = sqlx::query_scalar(assembled(sql))
        .bind(a.company_id)
        .bind(a.task_type.code())
        .fetch_one(&mut *conn)
        .await?;
    if open > 0 {
        return Err(StoreError::Conflict(format!(
            "{open} open task requests of company {} are priced by the {} agreement; cancel them first",
            a.company_id, a.task_type
        )));
    }
    Ok(())
}

pub(crate) async fn insert_agreement(
    conn: &mut AnyConnection,
    agreement: &Agreement,
) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO agreements ({COLUMNS}, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
    );
    let row = bind_agreement(sqlx::query(assembled(sql)), agreement)
        .bind(now())
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| unique_violation(e, duplicate(agreement)))?;
    Ok(row.try_get("id")?)
}

/// The one SQL read of "the agreement that prices a company's task type": the latest
/// made, even if since deleted, so hours worked under it are still paid and billed.
/// `columns` are of `a`; `company` and `task_type` are SQL (parameters or columns).
pub(crate) fn latest_agreement(columns: &str, company: &str, task_type: &str) -> String {
    format!(
        "SELECT {columns} FROM agreements a WHERE a.company_id = {company} \
         AND a.task_type = {task_type} ORDER BY a.id DESC LIMIT 1"
    )
}

impl Store {
    /// Stores a new agreement for a live company.
    pub async fn create_agreement(
        &self,
        agreement: &Agreement,
    ) -> Result<Stored<Agreement>, StoreError> {
        self.require_company(agreement.company_id).await?;
        let mut conn = self.pool.acquire().await?;
        let id = insert_agreement(&mut conn, agreement).await?;
        drop(conn);
        self.agreement(id).await
    }

    /// A live agreement by id.
    pub async fn agreement(&self, id: i64) -> Result<Stored<Agreement>, StoreError> {
        let sql = format!("SELECT {SELECT} FROM agreements WHERE id = $1 AND deleted_at IS NULL");
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        agreement_from_row(&row.ok_or(StoreError::NotFound {
            what: "agreement",
            id,
        })?)
    }

    /// A page of live agreements, oldest first.
    pub async fn agreements(
        &self,
        filter: &AgreementFilter,
        page: PageRequest,
    ) -> Result<Page<Stored<Agreement>>, StoreError> {
        let mut where_ = Filter::live();
        if let Some(company) = filter.company_id {
            where_.compare("company_id", "=", Value::Int(company));
        }
        let (items, total) = where_
            .page(self, "agreements", SELECT, page, agreement_from_row)
            .await?;
        Ok(Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Replaces an agreement if it is still at `version`. Invoices already issued keep their prices.
    pub async fn update_agreement(
        &self,
        id: i64,
        version: i64,
        agreement: &Agreement,
    ) -> Result<Stored<Agreement>, StoreError> {
        self.require_company(agreement.company_id).await?;
        let current = self.agreement(id).await?.value;
        let mut tx = self.write().await?;
        if (current.company_id, current.task_type) != (agreement.company_id, agreement.task_type) {
            refuse_if_in_use(&mut tx, &current).await?;
        }
        let sql = format!(
            "UPDATE agreements SET {}, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9 AND deleted_at IS NULL",
            assignments(COLUMNS)
        );
        let done = bind_agreement(sqlx::query(assembled(sql)), agreement)
            .bind(now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await
            .map_err(|e| unique_violation(e, duplicate(agreement)))?;
        if done.rows_affected() == 0 {
            drop(tx);
            return Err(self.stale("agreements", "agreement", id, version).await);
        }
        tx.commit().await?;
        self.agreement(id).await
    }

    /// Marks an agreement deleted, unless open task requests still depend on it.
    pub async fn delete_agreement(&self, id: i64) -> Result<(), StoreError> {
        let current = self.agreement(id).await?.value;
        let mut tx = self.write().await?;
        refuse_if_in_use(&mut tx, &current).await?;
        if !mark_deleted(&mut tx, "agreements", id, "").await? {
            return Err(StoreError::NotFound {
                what: "agreement",
                id,
            });
        }
        tx.commit().await?;
        Ok(())
    }

    /// Imports agreements in one transaction: a company's existing agreement for the same
    /// task type is updated, others are added. Returns (created, updated).
    pub async fn import_agreements(
        &self,
        agreements: &[Agreement],
    ) -> Result<(usize, usize), StoreError> {
        for a in agreements {
            self.require_company(a.company_id).await?;
        }
        let mut tx = self.write().await?;
        let (mut created, mut updated) = (0, 0);
        for a in agreements {
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM agreements WHERE company_id = $1 AND task_type = $2 AND deleted_at IS NULL",
            )
            .bind(a.company_id)
            .bind(a.task_type.code())
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                Some(id) => {
                    let sql = format!(
                        "UPDATE agreements SET {}, version = version + 1, updated_at = $7 WHERE id = $8",
                        assignments(COLUMNS)
                    );
                    bind_agreement(sqlx::query(assembled(sql)), a)
                        .bind(now())
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    updated += 1;
                }
                None => {
                    insert_agreement(&mut tx, a).await?;
                    created += 1;
                }
            }
        }
        tx.commit().await?;
        Ok((created, updated))
    }

    /// Refuses input that names a company that does not exist (or no longer does).
    pub(crate) async fn require_company(&self, id: i64) -> Result<(), StoreError> {
        match self.company(id).await {
            Err(StoreError::NotFound { .. }) => Err(StoreError::invalid(
                "company_id",
                format!("there is no company {id}"),
            )),
            other => other.map(|_| ()),
        }
    }
}
