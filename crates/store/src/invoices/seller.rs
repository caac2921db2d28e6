//! The agency's own details, the seller on every invoice: set once, read by each run.
//! Small Jobs' invoices carry the agency's name; Flex Waste's carry the service's own
//! (set beside it, kept when the details change).

use crate::{Store, StoreError, now};
use sqlx::Row;

pub use domain::invoice::Seller;

impl Store {
    /// Sets the agency's details (the seller on every invoice from now on).
    pub async fn set_seller(&self, seller: &Seller) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let flexwaste: Option<String> =
            sqlx::query_scalar("SELECT flexwaste_name FROM seller WHERE id = 1")
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM seller").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO seller (id, name, cvr, address, bank_account, payment_days, updated_at, flexwaste_name) \
             VALUES (1, $1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(seller.name.as_str())
        .bind(seller.cvr.as_str())
        .bind(seller.address.as_str())
        .bind(seller.bank_account.as_str())
        .bind(i64::from(seller.payment_days))
        .bind(now())
        .bind(flexwaste.unwrap_or_default())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the name Flex Waste's invoices carry as their seller ("Flex Waste — Aalborg
    /// Kommune"); the agency's details must be set first.
    pub async fn set_flexwaste_name(&self, name: &str) -> Result<(), StoreError> {
        let changed = sqlx::query("UPDATE seller SET flexwaste_name = $1 WHERE id = 1")
            .bind(name.trim())
            .execute(&self.pool)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::Refused(crate::Refusal::SellerMissing));
        }
        Ok(())
    }

    pub async fn seller(&self) -> Result<Option<Seller>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        seller(&mut conn).await
    }
}

pub(super) async fn seller(conn: &mut sqlx::AnyConnection) -> Result<Option<Seller>, StoreError> {
    let row = sqlx::query(
        "SELECT name, cvr, address, bank_account, payment_days FROM seller WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let days: i64 = r.try_get("payment_days")?;
        Ok(Seller {
            name: r.try_get("name")?,
            cvr: r.try_get("cvr")?,
            address: r.try_get("address")?,
            bank_account: r.try_get("bank_account")?,
            payment_days: u32::try_from(days).unwrap_or(0),
        })
    })
    .transpose()
}

/// The name Flex Waste's invoices carry as seller: the one set, or "Flex Waste".
pub(super) async fn flexwaste_name(conn: &mut sqlx::AnyConnection) -> Result<String, StoreError> {
    let name: Option<String> = sqlx::query_scalar("SELECT flexwaste_name FROM seller WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?;
    Ok(name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| FLEXWASTE.to_string()))
}

/// Flex Waste's name on its invoices when none is set.
pub const FLEXWASTE: &str = "Flex Waste";
