//! Files are the agency's: a worker or a company contact asking for one is answered as
//! if it did not exist, whether or not the records hold anything.

use super::{exports, records};
use crate::ServiceError;
use domain::actor::{Actor, Role};
use store::Store;
use store::invoices::Period;

fn not_agency() -> [Actor; 3] {
    let actor = |role, person_id, company_id| Actor {
        name: "someone@example.dk".into(),
        role,
        person_id,
        company_id,
    };
    [
        actor(Role::Worker, Some(1), None),
        actor(Role::Driver, Some(1), None),
        actor(Role::Company, None, Some(1)),
    ]
}

fn refused<T: std::fmt::Debug>(what: &str, result: crate::Result<T>) {
    assert!(
        matches!(result, Err(ServiceError::NotFound(_))),
        "{what}: {result:?}"
    );
}

#[tokio::test]
async fn every_file_is_the_agencys() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("files.db").display());
    let store = Store::connect(&url).await.unwrap();
    let period = Period::parse("2026-11").unwrap();
    let csv = b"";
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    for by in &not_agency() {
        let s = &store;
        refused("payroll", exports::payroll(s, by, period).await);
        refused(
            "job-centre",
            exports::jobcentre_under(s, by, period, None).await,
        );
        refused("waste report", exports::waste_report(s, by, 2026).await);
        refused(
            "recycling",
            exports::recycling_statement(s, by, "12345674", 2026).await,
        );
        refused(
            "waste month",
            exports::waste_month(s, by, period, "[]").await,
        );
        refused("people out", records::export_people(s, by).await);
        refused("companies out", records::export_companies(s, by).await);
        refused("agreements out", records::export_agreements(s, by).await);
        refused("tasks out", records::export_tasks(s, by).await);
        refused("people in", records::import_people(s, csv, by).await);
        refused("companies in", records::import_companies(s, csv, by).await);
        refused(
            "agreements in",
            records::import_agreements(s, csv, by).await,
        );
        refused("tasks in", records::import_tasks(s, csv, by, today).await);
    }
    // The agency itself gets the file (an empty payroll: nobody worked).
    let agency = Actor::command_line();
    assert!(exports::payroll(&store, &agency, period).await.is_ok());
    store.close().await;
}
