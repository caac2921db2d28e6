//! Other municipalities' feeds an editor follows, and their entries kept as external
//! cases: published rows of `cases` with the source's name as their municipality and a
//! link back, found once by (source, entry id) so an entry never arrives twice.

use crate::cases::Case;
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A followed feed and how its last fetch went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSource {
    pub id: i64,
    pub url: String,
    /// The municipality (or whoever) the entries are shown as from.
    pub name: String,
    pub added_at: String,
    pub added_by: String,
    pub fetched_at: Option<String>,
    /// `new`, `ok`, or the code of why the last fetch failed.
    pub status: String,
    pub detail: String,
    /// How many entries the last good fetch held.
    pub entries: i64,
    pub removed_at: Option<String>,
}

const COLUMNS: &str =
    "id, url, name, added_at, added_by, fetched_at, status, detail, entries, removed_at";

fn from_row(r: &AnyRow) -> Result<FeedSource, StoreError> {
    Ok(FeedSource {
        id: r.try_get("id")?,
        url: r.try_get("url")?,
        name: r.try_get("name")?,
        added_at: r.try_get("added_at")?,
        added_by: r.try_get("added_by")?,
        fetched_at: r.try_get("fetched_at")?,
        status: r.try_get("status")?,
        detail: r.try_get("detail")?,
        entries: r.try_get("entries")?,
        removed_at: r.try_get("removed_at")?,
    })
}

/// An entry as read from a feed, to keep as an external case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalEntry {
    /// Its id in the feed.
    pub entry: String,
    pub title: String,
    pub summary: String,
    pub link: String,
    /// `da` or `en`.
    pub lang: String,
    pub updated: String,
}

/// What keeping an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    New,
    Changed,
    Same,
}

impl Store {
    /// Follows the feed at `url`, shown as from `name`; a feed followed before and
    /// removed is followed again. Answers its id, or none when it is followed already.
    pub async fn add_feed_source(
        &self,
        url: &str,
        name: &str,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.write().await?;
        let existing = sqlx::query("SELECT id, removed_at FROM feed_sources WHERE url = $1")
            .bind(url)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match existing {
            Some(row) if row.try_get::<Option<String>, _>("removed_at")?.is_none() => None,
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                sqlx::query("UPDATE feed_sources SET removed_at = NULL, name = $1, status = 'new', detail = '' WHERE id = $2")
                    .bind(name)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                Some(id)
            }
            None => Some(
                sqlx::query(
                    "INSERT INTO feed_sources (url, name, added_at, added_by, status, detail, entries) \
                     VALUES ($1, $2, $3, $4, 'new', '', 0) RETURNING id",
                )
                .bind(url)
                .bind(name)
                .bind(timestamp(at))
                .bind(&by.0)
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?,
            ),
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Every feed followed now, oldest first.
    pub async fn feed_sources(&self) -> Result<Vec<FeedSource>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM feed_sources WHERE removed_at IS NULL ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// One feed, followed or not.
    pub async fn feed_source(&self, id: i64) -> Result<Option<FeedSource>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM feed_sources WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Notes how a fetch of a feed went: `ok` with its entry count, or a failure's code
    /// and detail (the entries kept before stay).
    pub async fn record_fetch(
        &self,
        id: i64,
        status: &str,
        detail: &str,
        entries: Option<i64>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE feed_sources SET fetched_at = $1, status = $2, detail = $3, entries = COALESCE($4, entries) WHERE id = $5",
        )
        .bind(timestamp(at))
        .bind(status)
        .bind(detail)
        .bind(entries)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stops following a feed; its entries are withdrawn from the lists.
    pub async fn remove_feed_source(&self, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let ended = sqlx::query(
            "UPDATE feed_sources SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL",
        )
        .bind(timestamp(at))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE cases SET status = 'withdrawn', updated_at = $1 WHERE source_id = $2")
            .bind(timestamp(at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ended == 1)
    }

    /// Keeps one entry of a feed as a published external case: new, changed in place
    /// (same address), or left as it is when nothing changed.
    pub async fn keep_external(
        &self,
        source: &FeedSource,
        e: &ExternalEntry,
        at: DateTime<Utc>,
    ) -> Result<Kept, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "SELECT id, title, summary, source_link, lang, updated_at FROM cases WHERE source_id = $1 AND source_entry = $2",
        )
        .bind(source.id)
        .bind(&e.entry)
        .fetch_optional(&mut *tx)
        .await?;
        let by = format!("feed:{}", source.id);
        let mut case = Case {
            title: e.title.clone(),
            summary: e.summary.clone(),
            lang: e.lang.clone(),
            ..Case::default()
        };
        let (id, kept) = match row {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                let same = row.try_get::<String, _>("title")? == e.title
                    && row.try_get::<String, _>("summary")? == e.summary
                    && row.try_get::<Option<String>, _>("source_link")?.as_deref()
                        == Some(e.link.as_str())
                    && row.try_get::<String, _>("lang")? == e.lang
                    && row.try_get::<String, _>("updated_at")? == e.updated;
                if same {
                    return Ok(Kept::Same);
                }
                sqlx::query(
                    "UPDATE cases SET title = $1, summary = $2, source_link = $3, lang = $4, updated_at = $5, municipality = $6, status = 'published' WHERE id = $7",
                )
                .bind(&e.title)
                .bind(&e.summary)
                .bind(&e.link)
                .bind(&e.lang)
                .bind(&e.updated)
                .bind(&source.name)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                (id, Kept::Changed)
            }
            None => {
                let id: i64 = sqlx::query(
                    "INSERT INTO cases (slug, lang, title, summary, challenge, done, financing, partners, contact, themes, sdgs, indicators, \
                     municipality, status, created_at, created_by, updated_at, updated_by, published_at, kind, links, source_id, source_entry, source_link) \
                     VALUES ($1, $2, $3, $4, '', '', '', '', '', '', '', '', $5, 'published', $6, $7, $8, $7, $8, 'case', '', $9, $10, $11) RETURNING id",
                )
                .bind(format!("feed-{}-{}", source.id, crate::accounts::random_token()))
                .bind(&e.lang)
                .bind(&e.title)
                .bind(&e.summary)
                .bind(&source.name)
                .bind(timestamp(at))
                .bind(&by)
                .bind(&e.updated)
                .bind(source.id)
                .bind(&e.entry)
                .bind(&e.link)
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
                // The address is the row's own number: short and stable.
                sqlx::query("UPDATE cases SET slug = $1 WHERE id = $2")
                    .bind(format!("elsewhere-{id}"))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                (id, Kept::New)
            }
        };
        case.id = id;
        self.index_case(&mut tx, id, &case).await?;
        tx.commit().await?;
        Ok(kept)
    }
}
