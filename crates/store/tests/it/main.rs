//! The store's one integration-test binary. Every test runs twice: on a fresh SQLite
//! file and on a fresh PostgreSQL database (from `KOMMUNE_TEST_POSTGRES_URL`, which
//! the project's test script provides; without it the PostgreSQL half is skipped
//! locally and fails under CI).

mod accounts;
mod alliance;
mod cases;
mod companies;
mod company;
mod competences;
mod festival;
mod fixtures;
mod green;
mod invoices;
mod jobs;
mod people;
mod plans;
mod privacy;
mod tasks;
mod time;
mod twins;
mod waste;
mod waste_days;
mod worker;

/// Declares one test body that runs on both backends: `both!(name, |store| async move { … })`.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::fixtures::TestDb::sqlite().await;
                ($body)(db.store.clone()).await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(db) = $crate::fixtures::TestDb::postgres().await else {
                    return;
                };
                ($body)(db.store.clone()).await;
                db.drop_database().await;
            }
        }
    };
}
