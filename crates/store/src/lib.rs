//! kommune's storage: the only crate that knows SQL.
//!
//! One [`Store`] serves both backends through sqlx's `Any` driver: embedded SQLite
//! by default, PostgreSQL when the URL says `postgres://`. Every query is written
//! once, in the portable subset both understand (`$1` placeholders, `RETURNING`,
//! INTEGER/BIGINT, REAL/DOUBLE PRECISION and TEXT only), and rows are read back
//! through the domain's parsers, so a stored value is as valid as a new one. On an SQLite
//! file the hot reads skip sqlx's per-connection thread and run where they are called
//! (`read`), and writers queue for one write connection.
//!
//! - [`accounts`]: sign-in — accounts with roles, Argon2id hashes, sessions, the rate limit.
//! - [`connect`]: choosing the database from a URL, and migrating it at start.
//! - [`error`]: `StoreError`, which says not found, conflict, invalid or broken.
//! - [`operate`]: readiness, the pool's use, and backups of an SQLite database.
//! - [`page`]: paging and the dynamic filters lists share.
//! - `read`: the hot reads, on the calling thread for an SQLite file, through one row
//!   mapping for both databases.
//! - [`people`]: workers, and their functional limits behind a logged read.
//! - [`companies`]: companies with their sites and contacts.
//! - [`agreements`]: prices and wages per company and task type.
//! - [`tasks`]: task requests and their status history.
//! - [`plans`]: weekly plans from the staffing engine.
//! - [`invoices`]: monthly invoices and credit notes, numbered without gaps per year.
//! - [`jobcentre`]: a person's month as the job centre asks for it: hours and status changes.
//! - [`account_changes`]: accounts disabled, given another role, tokens revoked, a new
//!   password, a password reset link.
//! - [`time`]: time registration — check-in and out, no-shows, confirmation, corrections.
//! - [`worker`]: a worker's answers to planned work, and their private calendar feed token.
//! - [`waste_month`]: a Flex Waste month in the records: billed visits, routes driven.
//! - [`waste`]: Flex Waste — subscriptions, orders, depot, hubs, vehicles, day plans, pickups.
//! - [`outbox`]: e-mail waiting to be sent, and who a plan's changes were told to.
//! - [`jobs`]: background work from a table of jobs, each run once across servers.
//! - [`privacy`]: a person's rights: everything held on them, and their erasure.
//! - [`seed`]: filling an empty database in one transaction (the demo).
//! - [`competences`]: the Alliance's Danish names for ESCO concepts and its local skills.
//! - [`cases`]: the best-practice exchange's cases, their workflow, and the search.
//! - [`indicators`]: indicators with their targets, and every release of their series.
//! - [`alliance`]: the Alliance's needs, students, meetings, candidate banks, introductions.
//! - [`festival`]: the Sustainability Festival's editions, events and registrations.
//! - [`green`]: the green agents' communities, activities, follow-ups and pledges.
//! - [`public`]: how often an address used the public forms, for the per-address limit.

pub mod account_changes;
pub mod accounts;
pub mod agreements;
pub mod alliance;
pub mod cases;
pub mod companies;
pub mod competences;
pub mod connect;
pub mod error;
pub mod feeds;
pub mod festival;
pub mod green;
pub mod images;
pub mod indicators;
pub mod invoices;
pub mod jobcentre;
pub mod jobs;
pub mod newsletter;
pub mod operate;
pub mod outbox;
pub mod page;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod public;
mod read;
pub mod seed;
mod sql;
pub mod tasks;
pub mod time;
pub mod waste;
pub mod waste_month;
pub mod worker;

pub use connect::{Backend, Store};
pub use error::{Refusal, StoreError, live};
pub use page::{Page, PageRequest};

use chrono::{DateTime, SecondsFormat, Utc};

/// Metadata every stored record carries: its id, its version for optimistic
/// concurrency (an update names the version it read), and when it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub id: i64,
    /// Increases with every update; an update names the version it read.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// A stored value with its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    pub meta: Meta,
    pub value: T,
}

/// Who did something, as recorded in histories and the access log:
/// until sign-in arrives, the interface that asked (`api`, `cli`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

/// The current instant as stored: UTC, to the second, `2026-12-01T08:00:00Z`.
pub(crate) fn now() -> String {
    timestamp(Utc::now())
}

pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
