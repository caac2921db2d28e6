//! The agency's own details, the seller on every invoice: set once, read by each run.

use crate::{Store, StoreError, now};
use sqlx::Row;

pub use domain::invoice::Seller;

impl Store {
    /// Sets the agency's details (the seller on every invoice from now on).
    pub async fn set_seller(&self, seller: &Seller) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM seller").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO seller (id, name, cvr, address, bank_account, payment_days, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6)",
        )
        .bind(seller.name.as_str())
        .bind(seller.cvr.as_str())
        .bind(seller.address.as_str())
        .bind(seller.bank_account.as_str())
        .bind(i64::from(seller.payment_days))
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
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
