//! The cases' images, kept in the database itself so that a backup holds them and every
//! server behind a proxy answers them alike.

use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An image of a case, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Image {
    pub id: i64,
    pub slug: String,
    pub alt_da: String,
    pub alt_en: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub media_type: String,
    pub width: i64,
    pub height: i64,
    pub added_at: String,
}

const COLUMNS: &str = "id, slug, alt_da, alt_en, media_type, width, height, added_at";

fn from_row(r: &AnyRow) -> Result<Image, StoreError> {
    Ok(Image {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        alt_da: r.try_get("alt_da")?,
        alt_en: r.try_get("alt_en")?,
        media_type: r.try_get("media_type")?,
        width: r.try_get("width")?,
        height: r.try_get("height")?,
        added_at: r.try_get("added_at")?,
    })
}

impl Store {
    /// Keeps an image checked by the caller; answers its id.
    pub async fn add_image(
        &self,
        image: &Image,
        bytes: &[u8],
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO case_images (slug, alt_da, alt_en, media_type, width, height, bytes, added_at, added_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&image.slug)
        .bind(&image.alt_da)
        .bind(&image.alt_en)
        .bind(&image.media_type)
        .bind(image.width)
        .bind(image.height)
        .bind(bytes.to_vec())
        .bind(timestamp(at))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// A case's images in the order they were added.
    pub async fn images(&self, slug: &str) -> Result<Vec<Image>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM case_images WHERE slug = $1 ORDER BY id"
        )))
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// An image and its bytes.
    pub async fn image(&self, id: i64) -> Result<Option<(Image, Vec<u8>)>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS}, bytes FROM case_images WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((from_row(&r)?, r.try_get("bytes")?)))
            .transpose()
    }

    /// Removes an image: whether there was one.
    pub async fn remove_image(&self, slug: &str, id: i64) -> Result<bool, StoreError> {
        let gone = sqlx::query("DELETE FROM case_images WHERE id = $1 AND slug = $2")
            .bind(id)
            .bind(slug)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(gone == 1)
    }
}
