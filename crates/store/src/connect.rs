//! Opening the database a URL names, creating an SQLite file when missing, and
//! bringing its schema up to date before anything else runs.

use crate::StoreError;
use crate::read::Readers;
use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use std::sync::Arc;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The agency's records, in SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    /// Where write transactions start. On SQLite it is one connection of its own, so
    /// this process's writers queue in order for it instead of polling SQLite's busy
    /// lock (whose growing sleeps made the slowest writes wait far longer than their
    /// turn); on PostgreSQL it is `pool`.
    writer: AnyPool,
    /// Reads on the calling thread, for an SQLite file ([`crate::read`]).
    readers: Option<Arc<Readers>>,
    backend: Backend,
}

/// The URL used when none is given: a file in the working directory.
pub const DEFAULT_URL: &str = "sqlite://kommune.db";

pub(crate) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/postgres");

/// A URL (a database's, an SMTP relay's) with its password, if any, masked: what logs
/// and messages may show. The password may be in the user part (`user:secret@host`) or a
/// query parameter (`?password=secret`, as libpq and sqlx take it).
pub fn masked_url(url: &str) -> String {
    let (address, query) = match url.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (url, None),
    };
    let mut masked = match (address.find("://"), address.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &address[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => {
                    format!("{}{user}:****{}", &address[..scheme + 3], &address[at..])
                }
                None => address.to_string(),
            }
        }
        _ => address.to_string(),
    };
    if let Some(query) = query {
        let parameters: Vec<String> = query
            .split('&')
            .map(|parameter| match parameter.split_once('=') {
                Some((name, _)) if SECRET_PARAMETERS.contains(&name.to_lowercase().as_str()) => {
                    format!("{name}=****")
                }
                _ => parameter.to_string(),
            })
            .collect();
        masked = format!("{masked}?{}", parameters.join("&"));
    }
    masked
}

/// Query parameters that carry a password.
const SECRET_PARAMETERS: [&str; 4] = ["password", "pass", "pwd", "sslpassword"];

/// The file an SQLite URL from [`parse_url`] names, percent-decoded as sqlx decodes it;
/// none for an in-memory database.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    (path != ":memory:").then(|| path.as_ref().into())
}

/// How a pool of at most `connections` connections to `backend` is opened.
fn pool_options(backend: Backend, connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(connections)
        // An SQLite connection is a file handle that cannot go stale; pinging it
        // before every query was a round trip to its thread for nothing.
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |conn: &mut AnyConnection, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // Several writers (web requests, a CLI run) wait for each other
                    // instead of failing; WAL lets readers go on meanwhile.
                    conn.execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;").await?;
                }
                Ok(())
            })
        })
}

/// Reads a database URL: `sqlite://PATH`, `sqlite:PATH`, `postgres://…` or `postgresql://…`.
/// SQLite URLs gain `mode=rwc` so a missing file is created.
pub fn parse_url(url: &str) -> Result<(Backend, String), StoreError> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_string()));
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| {
            StoreError::Url(format!(
                "'{}' is neither sqlite://PATH, sqlite:PATH nor postgres://…",
                masked_url(url)
            ))
        })?;
    if path.is_empty() {
        return Err(StoreError::Url(
            "an SQLite URL needs a path, e.g. sqlite://kommune.db".into(),
        ));
    }
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("mode="))
        .collect();
    if path != ":memory:" {
        params.push("mode=rwc");
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    Ok((Backend::Sqlite, format!("sqlite://{path}{query}")))
}

impl Store {
    /// Connects to the database `url` names and applies any pending migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let store = Self::open(url, true).await?;
        match store.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&store.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&store.pool).await?,
        }
        Ok(store)
    }

    /// Connects to an existing database as it is, migrating nothing: what a backup reads,
    /// so that copying a database never changes it.
    pub async fn existing(url: &str) -> Result<Self, StoreError> {
        Self::open(url, false).await
    }

    /// The pools and readers for `url`; an SQLite file is made when missing only if
    /// `create` says so.
    async fn open(url: &str, create: bool) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, mut url) = parse_url(url)?;
        if !create {
            url = url.replace("mode=rwc", "mode=rw");
        }
        let pool = pool_options(
            backend,
            match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 10,
            },
        )
        .connect(&url)
        .await?;
        let file = match backend {
            Backend::Sqlite => sqlite_file(&url),
            Backend::Postgres => None,
        };
        // An in-memory database is one per connection: it gets no writer or readers of
        // its own. Readers on the calling thread also need WAL, where reading never waits
        // for a writer; a file system that refuses WAL keeps every read on sqlx.
        let writer = match file {
            Some(_) => pool_options(backend, 1).connect(&url).await?,
            None => pool.clone(),
        };
        let wal = match file {
            Some(_) => {
                let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(&pool)
                    .await?;
                mode.eq_ignore_ascii_case("wal")
            }
            None => false,
        };
        let readers = file
            .filter(|_| wal)
            .map(|path| Arc::new(Readers::new(path)));
        Ok(Self {
            pool,
            writer,
            readers,
            backend,
        })
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so concurrent writers queue on the busy timeout instead of
    /// one failing when its read turns into a write.
    ///
    /// This is the only way the store opens a write transaction: never call
    /// `pool.begin()` elsewhere, or SQLite's plain `BEGIN` (deferred) comes back.
    pub(crate) async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.writer.begin().await?,
        })
    }

    /// Holds a named lock until `tx` ends, so check-then-insert steps on one key (a site's
    /// orders, an address's sign-in attempts) run one at a time. SQLite's write transaction
    /// already holds the database's only write lock; PostgreSQL takes an advisory lock.
    pub(crate) async fn lock(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        key: &str,
    ) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub(crate) fn readers(&self) -> Option<&Readers> {
        self.readers.as_deref()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pool, waiting for running queries: SQLite then checkpoints its log.
    pub async fn close(&self) {
        if let Some(readers) = &self.readers {
            readers.close();
        }
        self.writer.close().await;
        self.pool.close().await;
    }

    /// Answers whether the database is reachable, for the health check.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_sqlite_file_in_wal_is_read_on_the_calling_thread() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("k.db").display());
        let store = Store::connect(&url).await.unwrap();
        let readers = store.readers().expect("readers for a file in WAL");
        let n = store
            .read_optional("SELECT COUNT(*) AS n FROM people", &[], |row| {
                row.get::<i64>("n")
            })
            .await
            .unwrap();
        assert_eq!(n, Some(0));
        assert_eq!(readers.idle_count(), 1, "the read went through a reader");
        store.close().await;
        assert_eq!(readers.idle_count(), 0);
    }

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("sqlite:kommune.db").unwrap(),
            (Backend::Sqlite, "sqlite://kommune.db?mode=rwc".into())
        );
        assert_eq!(
            parse_url("sqlite:///tmp/a.db").unwrap().1,
            "sqlite:///tmp/a.db?mode=rwc"
        );
        assert_eq!(
            parse_url("postgresql://u@h/db").unwrap().0,
            Backend::Postgres
        );
        assert!(parse_url("mysql://x").is_err());
        assert_eq!(
            sqlite_file(&parse_url("sqlite://my%20records.db").unwrap().1),
            Some("my records.db".into())
        );
        assert_eq!(sqlite_file(&parse_url("sqlite::memory:").unwrap().1), None);
        assert!(parse_url("sqlite:").is_err());
    }
}
