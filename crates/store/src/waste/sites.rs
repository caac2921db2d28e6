//! A site as Flex Waste needs it: the company's site with who owns it, where it is and
//! what it reports under; a deleted company's sites are gone.

use crate::sql::assembled;
use crate::{Store, StoreError};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A site as Flex Waste needs it: who it belongs to, where it is, what it reports under.
#[derive(Debug, Clone, PartialEq)]
pub struct WasteSite {
    pub site_id: i64,
    pub company_id: i64,
    pub cvr: String,
    pub company: String,
    pub name: String,
    pub p_number: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The company's first contact's phone, for the driver to call the shop.
    pub phone: Option<String>,
}

pub(super) const SITE_COLUMNS: &str = "s.id AS site_id, s.company_id, c.cvr, c.name AS company, s.name AS site_name, \
     s.p_number, s.address, s.latitude, s.longitude, \
     (SELECT k.phone FROM contacts k WHERE k.company_id = c.id AND k.phone IS NOT NULL ORDER BY k.position LIMIT 1) AS phone";

pub(super) fn site_from_row(row: &AnyRow) -> Result<WasteSite, StoreError> {
    Ok(WasteSite {
        site_id: row.try_get("site_id")?,
        company_id: row.try_get("company_id")?,
        cvr: row.try_get("cvr")?,
        company: row.try_get("company")?,
        name: row.try_get("site_name")?,
        p_number: row.try_get("p_number")?,
        address: row.try_get("address")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        phone: row.try_get("phone")?,
    })
}

impl Store {
    /// The site with its company, for pickups and reports; a deleted company's site is gone.
    pub async fn waste_site(&self, site_id: i64) -> Result<WasteSite, StoreError> {
        let sql = format!(
            "SELECT {SITE_COLUMNS} FROM sites s JOIN companies c ON c.id = s.company_id \
             WHERE s.id = $1 AND c.deleted_at IS NULL"
        );
        let row = sqlx::query(assembled(sql))
            .bind(site_id)
            .fetch_optional(&self.pool)
            .await?;
        site_from_row(&row.ok_or(StoreError::NotFound {
            what: "site",
            id: site_id,
        })?)
    }

    /// Every live company's sites, by company name and site name: what a coordinator
    /// chooses a site from.
    pub async fn waste_sites(&self) -> Result<Vec<WasteSite>, StoreError> {
        let sql = format!(
            "SELECT {SITE_COLUMNS} FROM sites s JOIN companies c ON c.id = s.company_id \
             WHERE c.deleted_at IS NULL ORDER BY c.name, s.name, s.id"
        );
        let rows = sqlx::query(assembled(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(site_from_row).collect()
    }
}
