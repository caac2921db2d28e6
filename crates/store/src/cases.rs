//! The best-practice exchange's cases and their editorial history, and the search over
//! them: SQLite's FTS5 (its index kept in step here, the case's id as its rowid) or
//! PostgreSQL's full-text search with the Danish configuration. The two rank differently;
//! both find the cases whose words match and say which words matched.

use crate::connect::Backend;
use crate::sql::{join, split};
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A case in one language, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Case {
    pub id: i64,
    pub slug: String,
    /// `da` or `en`.
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub challenge: String,
    /// What was done.
    pub done: String,
    pub financing: String,
    pub partners: String,
    pub contact: String,
    pub themes: Vec<String>,
    pub sdgs: Vec<String>,
    /// Indicator ids whose live figures are the case's results.
    pub indicators: Vec<String>,
    pub municipality: String,
    pub initiative: Option<String>,
    /// `draft`, `in_review`, `published` or `withdrawn`.
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub published_at: Option<String>,
    /// `case` or `news`.
    pub kind: String,
    /// A news item's cases, by slug.
    pub links: Vec<String>,
    /// An external entry's feed (its name is the `municipality`) and the link back.
    pub source_id: Option<i64>,
    pub source_link: Option<String>,
}

const COLUMNS: &str = "id, slug, lang, title, summary, challenge, done, financing, partners, contact, themes, sdgs, indicators, municipality, initiative, status, created_at, updated_at, published_at, kind, links, source_id, source_link";

fn from_row(r: &AnyRow) -> Result<Case, StoreError> {
    Ok(Case {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        lang: r.try_get("lang")?,
        title: r.try_get("title")?,
        summary: r.try_get("summary")?,
        challenge: r.try_get("challenge")?,
        done: r.try_get("done")?,
        financing: r.try_get("financing")?,
        partners: r.try_get("partners")?,
        contact: r.try_get("contact")?,
        themes: split(&r.try_get::<String, _>("themes")?),
        sdgs: split(&r.try_get::<String, _>("sdgs")?),
        indicators: split(&r.try_get::<String, _>("indicators")?),
        municipality: r.try_get("municipality")?,
        initiative: r.try_get("initiative")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        published_at: r.try_get("published_at")?,
        kind: r.try_get("kind")?,
        links: split(&r.try_get::<String, _>("links")?),
        source_id: r.try_get("source_id")?,
        source_link: r.try_get("source_link")?,
    })
}

/// A case found by a search, with the words that matched, marked `[` `]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub case: Case,
    pub snippet: String,
}

/// The text a case is searched by, besides its title and summary.
fn body(c: &Case) -> String {
    [
        c.challenge.as_str(),
        c.done.as_str(),
        c.financing.as_str(),
        c.partners.as_str(),
    ]
    .join("\n")
}

impl Store {
    /// Keeps SQLite's search index in step with a case's text (PostgreSQL reads the
    /// table itself).
    pub(crate) async fn index_case(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        id: i64,
        c: &Case,
    ) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Ok(());
        }
        sqlx::query("DELETE FROM cases_fts WHERE rowid = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO cases_fts (rowid, title, summary, body) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(&c.title)
            .bind(&c.summary)
            .bind(body(c))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Keeps a case: a new one (its slug and language not yet taken), or the changed text
    /// of the one with the same slug and language. Answers its id.
    pub async fn put_case(
        &self,
        c: &Case,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let existing: Option<i64> =
            sqlx::query("SELECT id FROM cases WHERE slug = $1 AND lang = $2")
                .bind(&c.slug)
                .bind(&c.lang)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("id"))
                .transpose()?;
        let values = |q: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
            q.bind(c.title.clone())
                .bind(c.summary.clone())
                .bind(c.challenge.clone())
                .bind(c.done.clone())
                .bind(c.financing.clone())
                .bind(c.partners.clone())
                .bind(c.contact.clone())
                .bind(join(c.themes.iter().map(String::as_str)))
                .bind(join(c.sdgs.iter().map(String::as_str)))
                .bind(join(c.indicators.iter().map(String::as_str)))
                .bind(c.municipality.clone())
                .bind(c.initiative.clone())
                .bind(timestamp(at))
                .bind(by.0.clone())
                .bind(if c.kind.is_empty() {
                    "case".to_string()
                } else {
                    c.kind.clone()
                })
                .bind(join(c.links.iter().map(String::as_str)))
        };
        let id = match existing {
            Some(id) => {
                values(sqlx::query(
                    "UPDATE cases SET title = $1, summary = $2, challenge = $3, done = $4, financing = $5, partners = $6, contact = $7, \
                     themes = $8, sdgs = $9, indicators = $10, municipality = $11, initiative = $12, updated_at = $13, updated_by = $14, \
                     kind = $15, links = $16 WHERE id = $17",
                ))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                let row = values(sqlx::query(
                    "INSERT INTO cases (title, summary, challenge, done, financing, partners, contact, themes, sdgs, indicators, municipality, initiative, \
                     updated_at, updated_by, kind, links, created_at, created_by, slug, lang, status) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $13, $14, $17, $18, 'draft') RETURNING id",
                ))
                .bind(c.slug.clone())
                .bind(c.lang.clone())
                .fetch_one(&mut *tx)
                .await?;
                let id: i64 = row.try_get("id")?;
                sqlx::query("INSERT INTO case_changes (case_id, status, changed_at, changed_by) VALUES ($1, 'draft', $2, $3)")
                    .bind(id)
                    .bind(timestamp(at))
                    .bind(&by.0)
                    .execute(&mut *tx)
                    .await?;
                id
            }
        };
        self.index_case(&mut tx, id, c).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves every language of a case to `status` if it is now in one of `from`; the first
    /// publication's time is kept. Answers how many languages moved.
    pub async fn set_case_status(
        &self,
        slug: &str,
        from: &[&str],
        status: &str,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let rows = sqlx::query("SELECT id, status FROM cases WHERE slug = $1")
            .bind(slug)
            .fetch_all(&mut *tx)
            .await?;
        if rows.is_empty() {
            return Err(StoreError::NoSuch {
                what: "case",
                key: slug.to_string(),
            });
        }
        let mut moved = 0;
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let now: String = row.try_get("status")?;
            if !from.contains(&now.as_str()) {
                continue;
            }
            sqlx::query(
                "UPDATE cases SET status = $1, updated_at = $2, updated_by = $3, \
                 published_at = CASE WHEN $1 = 'published' AND published_at IS NULL THEN $2 ELSE published_at END WHERE id = $4",
            )
            .bind(status)
            .bind(timestamp(at))
            .bind(&by.0)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO case_changes (case_id, status, changed_at, changed_by) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(status)
                .bind(timestamp(at))
                .bind(&by.0)
                .execute(&mut *tx)
                .await?;
            moved += 1;
        }
        tx.commit().await?;
        Ok(moved)
    }

    /// Every language of a case.
    pub async fn case(&self, slug: &str) -> Result<Vec<Case>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM cases WHERE slug = $1 ORDER BY lang"
        )))
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Every case in `status`, newest first.
    pub async fn cases(&self, status: &str) -> Result<Vec<Case>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM cases WHERE status = $1 ORDER BY COALESCE(published_at, updated_at) DESC, id DESC"
        )))
        .bind(status)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// The published cases whose words match `query`, best first, at most `limit`, each
    /// with the words that matched.
    pub async fn search_cases(&self, query: &str, limit: i64) -> Result<Vec<Found>, StoreError> {
        let (sql, text) = match self.backend() {
            Backend::Sqlite => (
                format!(
                    "SELECT {}, snippet(cases_fts, -1, '[', ']', '…', 12) AS snippet FROM cases_fts \
                     JOIN cases c ON c.id = cases_fts.rowid WHERE cases_fts MATCH $1 AND c.status = 'published' \
                     ORDER BY bm25(cases_fts), c.id LIMIT $2",
                    prefixed("c")
                ),
                fts5_query(query),
            ),
            // The best `limit` are chosen by rank alone first; only they are read in full
            // and get their matching words marked.
            Backend::Postgres => (
                format!(
                    "SELECT {}, ts_headline('danish', c.title || ' ' || c.summary || ' ' || c.challenge || ' ' || c.done, \
                     plainto_tsquery('danish', $1), 'StartSel=[, StopSel=], MaxWords=14, MinWords=5') AS snippet \
                     FROM (SELECT id, ts_rank(search, plainto_tsquery('danish', $1)) AS rank FROM cases \
                     WHERE status = 'published' AND search @@ plainto_tsquery('danish', $1) ORDER BY rank DESC, id LIMIT $2) best \
                     JOIN cases c ON c.id = best.id ORDER BY best.rank DESC, c.id",
                    prefixed("c")
                ),
                query.to_string(),
            ),
        };
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(crate::sql::assembled(sql))
            .bind(text)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Found {
                    case: from_row(r)?,
                    snippet: r.try_get("snippet")?,
                })
            })
            .collect()
    }
}

/// The case columns, each named by `alias.`.
fn prefixed(alias: &str) -> String {
    COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A typed query as FTS5 reads it: each word quoted (so no word is taken for an operator)
/// and matched as a prefix, all words required.
fn fts5_query(query: &str) -> String {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}
