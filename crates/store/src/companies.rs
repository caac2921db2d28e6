//! Companies with their sites and contacts. Sites keep their ids across updates
//! (matched by P-number), because task requests refer to them.

use crate::error::unique_violation;
use crate::page::{Filter, Value};
use crate::read::Columns;
use crate::sql::{OPEN_TASK_STATUSES, assembled, assignments, mark_deleted, meta};
use crate::{Meta, Page, PageRequest, Store, StoreError, Stored, now};
use domain::company::{Company, CompanyDraft, ContactDraft, SiteDraft};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row, SqlStr};

const COLUMNS: &str = "name, cvr, billing_email, einvoice_address, task_force";
const SELECT: &str =
    "id, version, created_at, updated_at, name, cvr, billing_email, einvoice_address, task_force";

/// A company as stored: the value, and the id of each of its sites in the same order.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRecord {
    pub company: Company,
    pub site_ids: Vec<i64>,
}

/// Narrows a list of companies.
#[derive(Debug, Clone, Default)]
pub struct CompanyFilter {
    pub task_force: Option<bool>,
}

fn taken(c: &Company) -> impl FnOnce() -> String + '_ {
    move || format!("a company with CVR {} already exists", c.cvr)
}

async fn write_main_row(
    conn: &mut AnyConnection,
    sql: SqlStr,
    c: &Company,
    tail: &[i64],
) -> Result<Option<i64>, StoreError> {
    let mut query = sqlx::query(sql)
        .bind(c.name.as_str())
        .bind(c.cvr.as_str())
        .bind(c.billing_email.as_str())
        .bind(c.einvoice_address.as_ref().map(|a| a.to_string()))
        .bind(c.task_force as i64)
        .bind(now());
    for value in tail {
        query = query.bind(*value);
    }
    let row = query
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| unique_violation(e, taken(c)))?;
    row.map(|r| r.try_get("id").map_err(StoreError::from))
        .transpose()
}

pub(crate) async fn insert_company(
    conn: &mut AnyConnection,
    c: &Company,
) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO companies ({COLUMNS}, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    );
    let id = write_main_row(conn, assembled(sql), c, &[])
        .await?
        .ok_or_else(|| StoreError::Conflict("insert returned no id".into()))?;
    save_children(conn, id, c).await?;
    Ok(id)
}

/// Brings sites and contacts in line with `c`: sites matched by P-number keep their ids;
/// a site that tasks still use cannot be removed.
async fn save_children(
    conn: &mut AnyConnection,
    company_id: i64,
    c: &Company,
) -> Result<(), StoreError> {
    let existing: Vec<(i64, String)> =
        sqlx::query("SELECT id, p_number FROM sites WHERE company_id = $1")
            .bind(company_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("p_number")?)))
            .collect::<Result<_, sqlx::Error>>()?;
    for (id, p_number) in &existing {
        if c.sites.iter().any(|s| s.p_number.as_str() == p_number) {
            continue;
        }
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tasks WHERE site_id = $1")
            .bind(*id)
            .fetch_one(&mut *conn)
            .await?;
        if used > 0 {
            return Err(StoreError::Conflict(format!(
                "site {p_number} has {used} task requests and cannot be removed"
            )));
        }
        sqlx::query("DELETE FROM sites WHERE id = $1")
            .bind(*id)
            .execute(&mut *conn)
            .await?;
    }
    for (position, site) in c.sites.iter().enumerate() {
        let known = existing
            .iter()
            .find(|(_, p)| p == site.p_number.as_str())
            .map(|(id, _)| *id);
        let sql = match known {
            Some(_) => {
                "UPDATE sites SET position = $1, name = $2, p_number = $3, address = $4, latitude = $5, longitude = $6 WHERE id = $7"
            }
            None => {
                "INSERT INTO sites (position, name, p_number, address, latitude, longitude, company_id) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            }
        };
        sqlx::query(sql)
            .bind(position as i64)
            .bind(site.name.as_str())
            .bind(site.p_number.as_str())
            .bind(site.address.line.as_str())
            .bind(site.address.coordinates.latitude)
            .bind(site.address.coordinates.longitude)
            .bind(known.unwrap_or(company_id))
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM contacts WHERE company_id = $1")
        .bind(company_id)
        .execute(&mut *conn)
        .await?;
    for (position, contact) in c.contacts.iter().enumerate() {
        sqlx::query("INSERT INTO contacts (company_id, position, name, email, phone, role) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(company_id)
            .bind(position as i64)
            .bind(contact.name.as_str())
            .bind(contact.email.as_str())
            .bind(contact.phone.as_ref().map(|p| p.to_string()))
            .bind(contact.role.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Stores a new company with its sites and contacts.
    pub async fn create_company(
        &self,
        company: &Company,
    ) -> Result<Stored<CompanyRecord>, StoreError> {
        let mut tx = self.write().await?;
        let id = insert_company(&mut tx, company).await?;
        tx.commit().await?;
        self.company(id).await
    }

    /// A live company by id.
    pub async fn company(&self, id: i64) -> Result<Stored<CompanyRecord>, StoreError> {
        let sql = format!("SELECT {SELECT} FROM companies WHERE id = $1 AND deleted_at IS NULL");
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        self.company_from_row(&row.ok_or(StoreError::NotFound {
            what: "company",
            id,
        })?)
        .await
    }

    /// A live company by CVR number, as CSV files refer to companies.
    pub async fn company_by_cvr(
        &self,
        cvr: &str,
    ) -> Result<Option<Stored<CompanyRecord>>, StoreError> {
        let sql = format!("SELECT {SELECT} FROM companies WHERE cvr = $1 AND deleted_at IS NULL");
        match sqlx::query(assembled(sql))
            .bind(cvr)
            .fetch_optional(&self.pool)
            .await?
        {
            Some(row) => Ok(Some(self.company_from_row(&row).await?)),
            None => Ok(None),
        }
    }

    /// A page of live companies, oldest first.
    pub async fn companies(
        &self,
        filter: &CompanyFilter,
        page: PageRequest,
    ) -> Result<Page<Stored<CompanyRecord>>, StoreError> {
        let mut where_ = Filter::live();
        if let Some(member) = filter.task_force {
            where_.compare("task_force", "=", Value::Int(member as i64));
        }
        let (heads, total) = where_
            .page(self, "companies", SELECT, page, company_head)
            .await?;
        let mut items = Vec::with_capacity(heads.len());
        for (meta, draft) in heads {
            items.push(self.company_with_sites(meta, draft).await?);
        }
        Ok(Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Replaces a company's record, sites and contacts if it is still at `version`.
    pub async fn update_company(
        &self,
        id: i64,
        version: i64,
        company: &Company,
    ) -> Result<Stored<CompanyRecord>, StoreError> {
        let mut tx = self.write().await?;
        let sql = format!(
            "UPDATE companies SET {}, version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8 AND deleted_at IS NULL RETURNING id",
            assignments(COLUMNS)
        );
        if write_main_row(&mut tx, assembled(sql), company, &[id, version])
            .await?
            .is_none()
        {
            drop(tx);
            return Err(self.stale("companies", "company", id, version).await);
        }
        save_children(&mut tx, id, company).await?;
        tx.commit().await?;
        self.company(id).await
    }

    /// Marks a company and its agreements deleted, unless it still has open task requests.
    pub async fn delete_company(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let sql = format!(
            "SELECT COUNT(*) FROM tasks WHERE company_id = $1 AND deleted_at IS NULL AND status IN {OPEN_TASK_STATUSES}"
        );
        let open: i64 = sqlx::query_scalar(assembled(sql))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if open > 0 {
            return Err(StoreError::Conflict(format!(
                "company {id} has {open} open task requests; cancel them first"
            )));
        }
        if !mark_deleted(&mut tx, "companies", id, "").await? {
            return Err(StoreError::NotFound {
                what: "company",
                id,
            });
        }
        sqlx::query(
            "UPDATE agreements SET deleted_at = $1 WHERE company_id = $2 AND deleted_at IS NULL",
        )
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Imports companies in one transaction: a known CVR is updated, a new one added.
    /// Any failure leaves the tables as they were. Returns (created, updated).
    pub async fn import_companies(
        &self,
        companies: &[Company],
    ) -> Result<(usize, usize), StoreError> {
        let mut tx = self.write().await?;
        let (mut created, mut updated) = (0, 0);
        for company in companies {
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM companies WHERE cvr = $1 AND deleted_at IS NULL",
            )
            .bind(company.cvr.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                Some(id) => {
                    let sql = format!(
                        "UPDATE companies SET {}, version = version + 1, updated_at = $6 WHERE id = $7 RETURNING id",
                        assignments(COLUMNS)
                    );
                    write_main_row(&mut tx, assembled(sql), company, &[id]).await?;
                    save_children(&mut tx, id, company).await?;
                    updated += 1;
                }
                None => {
                    insert_company(&mut tx, company).await?;
                    created += 1;
                }
            }
        }
        tx.commit().await?;
        Ok((created, updated))
    }

    async fn company_from_row(&self, row: &AnyRow) -> Result<Stored<CompanyRecord>, StoreError> {
        let (meta, draft) = company_head(row)?;
        self.company_with_sites(meta, draft).await
    }

    /// A company read by [`company_head`], completed with its sites and contacts.
    async fn company_with_sites(
        &self,
        meta: Meta,
        mut draft: CompanyDraft,
    ) -> Result<Stored<CompanyRecord>, StoreError> {
        let site_rows = sqlx::query("SELECT id, name, p_number, address, latitude, longitude FROM sites WHERE company_id = $1 ORDER BY position")
            .bind(meta.id)
            .fetch_all(&self.pool)
            .await?;
        let contact_rows = sqlx::query(
            "SELECT name, email, phone, role FROM contacts WHERE company_id = $1 ORDER BY position",
        )
        .bind(meta.id)
        .fetch_all(&self.pool)
        .await?;
        let mut site_ids = Vec::with_capacity(site_rows.len());
        for r in &site_rows {
            site_ids.push(r.try_get("id")?);
            draft.sites.push(SiteDraft {
                name: r.try_get("name")?,
                p_number: r.try_get("p_number")?,
                address: r.try_get("address")?,
                latitude: Some(r.try_get("latitude")?),
                longitude: Some(r.try_get("longitude")?),
            });
        }
        draft.contacts = contact_rows
            .iter()
            .map(|r| {
                Ok(ContactDraft {
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    phone: r.try_get::<Option<String>, _>("phone")?.unwrap_or_default(),
                    role: r.try_get("role")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        let company = draft
            .parse()
            .map_err(|e| StoreError::corrupt("company", meta.id, e))?;
        Ok(Stored {
            meta,
            value: CompanyRecord { company, site_ids },
        })
    }
}

/// A company's own columns; its sites and contacts come from their tables.
fn company_head(row: &dyn Columns) -> Result<(Meta, CompanyDraft), StoreError> {
    let meta = meta(row)?;
    let draft = CompanyDraft {
        name: row.get("name")?,
        cvr: row.get("cvr")?,
        billing_email: row.get("billing_email")?,
        einvoice_address: row.get("einvoice_address")?,
        task_force: row.get::<i64>("task_force")? != 0,
        sites: Vec::new(),
        contacts: Vec::new(),
    };
    Ok((meta, draft))
}
