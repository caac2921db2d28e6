//! The demo's accounts: one per role, each with the password the demo prints.

use crate::{Result, ServiceError};
use domain::waste::DRIVING_SKILLS;
use store::accounts::{NewAccount, Role};
use store::{PageRequest, Store};

/// The demo's accounts, one per role, with the passwords the demo prints.
pub const DEMO_PASSWORD: &str = "kommune-demo";

/// Creates the demo's four accounts: a coordinator, the first worker, the first company's
/// contact and a driver; returns a line per account to print.
pub async fn install(store: &Store) -> Result<Vec<String>> {
    let people = store
        .people(&Default::default(), PageRequest::all())
        .await?
        .items;
    let first = PageRequest {
        page: 1,
        per_page: 1,
    };
    let companies = store.companies(&Default::default(), first).await?.items;
    // The driver's account goes to someone who may drive a Flex Waste vehicle, so the
    // route sheet has routes to show.
    let drives = |p: &&store::Stored<domain::person::Person>| {
        p.value.skills.iter().any(|s| DRIVING_SKILLS.contains(s))
    };
    let driver = people.iter().find(drives).or(people.get(1));
    let worker = people
        .iter()
        .find(|p| driver.is_none_or(|d| d.meta.id != p.meta.id));
    let (Some(worker), Some(driver), Some(company)) = (worker, driver, companies.first()) else {
        return Err(ServiceError::Internal(
            "the demo has no people or companies to give accounts to".into(),
        ));
    };
    let accounts = [
        ("koordinator@demo.kommune.dk", Role::Coordinator, None, None),
        (
            "medarbejder@demo.kommune.dk",
            Role::Worker,
            Some(worker.meta.id),
            None,
        ),
        (
            "virksomhed@demo.kommune.dk",
            Role::Company,
            None,
            Some(company.meta.id),
        ),
        (
            "chauffoer@demo.kommune.dk",
            Role::Driver,
            Some(driver.meta.id),
            None,
        ),
    ];
    let mut lines = Vec::new();
    for (email, role, person_id, company_id) in accounts {
        store
            .create_account(&NewAccount {
                email: email.into(),
                password: DEMO_PASSWORD.into(),
                role,
                person_id,
                company_id,
                language: "da".into(),
            })
            .await?;
        lines.push(format!(
            "  {:<12} {email}  password: {DEMO_PASSWORD}",
            role.code()
        ));
    }
    Ok(lines)
}
