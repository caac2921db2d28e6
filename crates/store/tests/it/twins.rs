//! The two databases stay twins: a fresh SQLite database and a fresh PostgreSQL database,
//! each built by the store's own migrations, have the same tables, columns, nullability,
//! primary keys and indexes. Column types differ by design (INTEGER and BIGINT, REAL and
//! DOUBLE PRECISION) and are not compared.

use crate::fixtures::TestDb;
use sqlx::{Connection, Row};
use std::collections::{BTreeMap, BTreeSet};

/// A schema as compared: per table, what each item (`column email`, `primary key`,
/// `index people_email`, `unique constraint (cvr)`) is, in words both backends share.
type Schema = BTreeMap<String, BTreeMap<String, String>>;

/// Full-text search is each backend's own by design: SQLite keeps an FTS5 table (a
/// virtual table, not compared), PostgreSQL a generated tsvector column and its GIN index.
const SEARCH_COLUMN: (&str, &str) = ("cases", "search");
const SEARCH_INDEX: &str = "cases_search";

/// sqlx's own bookkeeping, not the store's schema.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

#[tokio::test]
async fn sqlite_and_postgres_have_the_same_schema() {
    let sqlite_db = TestDb::sqlite().await;
    let sqlite = sqlite_schema(&sqlite_db.url).await;
    assert!(
        sqlite.contains_key("people"),
        "the SQLite schema was not read: {sqlite:?}"
    );
    // Without a server the PostgreSQL half is skipped locally and fails under CI,
    // as every other test's (see `TestDb::postgres`).
    let Some(postgres_db) = TestDb::postgres().await else {
        return;
    };
    let postgres = postgres_schema(&postgres_db.url).await;
    postgres_db.drop_database().await;
    assert!(
        postgres.contains_key("people"),
        "the PostgreSQL schema was not read: {postgres:?}"
    );
    let differences = differences(&sqlite, &postgres);
    assert!(
        differences.is_empty(),
        "the SQLite and PostgreSQL migrations build different schemas ({} differences); \
         add a migration pair that brings them together:\n  {}",
        differences.len(),
        differences.join("\n  ")
    );
}

/// Every way the two schemas differ, one readable line each; a table on one side only
/// is one line, not one per column.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for table in tables {
        let (s, p) = match (sqlite.get(table), postgres.get(table)) {
            (Some(s), Some(p)) => (s, p),
            (Some(_), None) => {
                out.push(format!("table {table}: only in SQLite"));
                continue;
            }
            (None, Some(_)) => {
                out.push(format!("table {table}: only in PostgreSQL"));
                continue;
            }
            (None, None) => unreachable!("the table came from one of them"),
        };
        let items: BTreeSet<&String> = s.keys().chain(p.keys()).collect();
        for item in items {
            match (s.get(item), p.get(item)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => out.push(format!(
                    "table {table}, {item}: SQLite has {a}, PostgreSQL has {b}"
                )),
                (Some(a), None) => out.push(format!("table {table}, {item}: only in SQLite, {a}")),
                (None, Some(b)) => {
                    out.push(format!("table {table}, {item}: only in PostgreSQL, {b}"))
                }
                (None, None) => unreachable!("the item came from one of them"),
            }
        }
    }
    out
}

fn nullability(not_null: bool) -> String {
    if not_null { "NOT NULL" } else { "nullable" }.to_string()
}

fn index(unique: bool, partial: bool, columns: &[String]) -> String {
    format!(
        "{}on ({}){}",
        if unique { "unique " } else { "" },
        columns.join(", "),
        if partial { ", partial (WHERE …)" } else { "" }
    )
}

/// An expression where an index has no plain column.
const EXPRESSION: &str = "<expression>";

async fn sqlite_schema(url: &str) -> Schema {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let tables = sqlx::query(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> $1 ORDER BY name",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for t in tables {
        let table: String = t.get("name");
        let without_rowid: bool = t.get("wr");
        let mut items = BTreeMap::new();
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut key: Vec<(i64, String)> = columns
            .iter()
            .filter(|c| c.get::<i64, _>("pk") > 0)
            .map(|c| (c.get("pk"), c.get("name")))
            .collect();
        key.sort();
        // SQLite lets a primary-key column hold NULL unless it says NOT NULL, except the
        // rowid's alias (a lone INTEGER PRIMARY KEY: NULL there means "the next id") and
        // in a WITHOUT ROWID table.
        let rowid_alias = !without_rowid
            && key.len() == 1
            && columns.iter().any(|c| {
                c.get::<i64, _>("pk") == 1
                    && c.get::<String, _>("type").eq_ignore_ascii_case("INTEGER")
            });
        for c in &columns {
            let name: String = c.get("name");
            let in_key = c.get::<i64, _>("pk") > 0;
            let not_null =
                c.get::<bool, _>("notnull") || (in_key && (rowid_alias || without_rowid));
            items.insert(format!("column {name}"), nullability(not_null));
        }
        if !key.is_empty() {
            let key: Vec<String> = key.into_iter().map(|(_, c)| c).collect();
            items.insert("primary key".into(), format!("({})", key.join(", ")));
        }
        let indexes = sqlx::query(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1) ORDER BY name",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for i in indexes {
            let name: String = i.get("name");
            let origin: String = i.get("origin");
            let columns: Vec<String> =
                sqlx::query("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(&mut conn)
                    .await
                    .unwrap()
                    .iter()
                    .map(|c| {
                        c.get::<Option<String>, _>("name")
                            .unwrap_or_else(|| EXPRESSION.into())
                    })
                    .collect();
            let described = index(i.get("unique"), i.get("partial"), &columns);
            match origin.as_str() {
                // The primary key is compared as such above.
                "pk" => {}
                // A UNIQUE constraint's index is named by each backend its own way.
                "u" => {
                    items.insert(
                        format!("unique constraint ({})", columns.join(", ")),
                        described,
                    );
                }
                _ => {
                    items.insert(format!("index {name}"), described);
                }
            }
        }
        schema.insert(table, items);
    }
    conn.close().await.unwrap();
    schema
}

async fn postgres_schema(url: &str) -> Schema {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 \
         ORDER BY table_name",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for table in tables {
        let mut items = BTreeMap::new();
        let columns = sqlx::query(
            "SELECT column_name::text AS name, is_nullable::text = 'NO' AS not_null \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 \
             ORDER BY ordinal_position",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for c in columns {
            let name: String = c.get("name");
            if (table.as_str(), name.as_str()) == SEARCH_COLUMN {
                continue;
            }
            items.insert(format!("column {name}"), nullability(c.get("not_null")));
        }
        let indexes = sqlx::query(
            "SELECT i.relname::text AS name, x.indisunique AS is_unique, x.indisprimary AS is_primary, \
             x.indpred IS NOT NULL AS partial, \
             EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u') AS is_constraint, \
             ARRAY(SELECT COALESCE(a.attname::text, $2) FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) \
                   LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0 \
                   ORDER BY k.n) AS columns \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
             WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace ORDER BY i.relname",
        )
        .bind(&table)
        .bind(EXPRESSION)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for i in indexes {
            let name: String = i.get("name");
            if name == SEARCH_INDEX {
                continue;
            }
            let columns: Vec<String> = i.get("columns");
            if i.get("is_primary") {
                items.insert("primary key".into(), format!("({})", columns.join(", ")));
            } else if i.get("is_constraint") {
                items.insert(
                    format!("unique constraint ({})", columns.join(", ")),
                    index(i.get("is_unique"), i.get("partial"), &columns),
                );
            } else {
                items.insert(
                    format!("index {name}"),
                    index(i.get("is_unique"), i.get("partial"), &columns),
                );
            }
        }
        schema.insert(table, items);
    }
    conn.close().await.unwrap();
    schema
}
