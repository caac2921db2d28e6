//! The demo's accounts: one per role, each with the password the demo prints.

use crate::{Result, ServiceError};
use domain::waste::DRIVING_SKILLS;
use store::accounts::{NewAccount, Role};
use store::{PageRequest, Store};

/// The demo's accounts, one per role, with the passwords the demo prints.
pub const DEMO_PASSWORD: &str = "kommune-demo";

/// Whom the worker's and the company's accounts should go to, best first; the first
/// person and company stand in when none is named.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub workers: Vec<i64>,
    pub companies: Vec<i64>,
    /// Drivers with a route today, best first.
    pub drivers: Vec<i64>,
}

/// Creates the demo's four accounts: a coordinator, a worker, a company's contact and a
/// driver, as `choice` prefers; returns a line per account to print.
pub async fn install(store: &Store, choice: &Choice) -> Result<Vec<String>> {
    let people = store
        .people(&Default::default(), PageRequest::all())
        .await?
        .items;
    let first = PageRequest {
        page: 1,
        per_page: 1,
    };
    let first_company = store.companies(&Default::default(), first).await?.items;
    let company = match choice.companies.first() {
        Some(id) => Some(store.company(*id).await?),
        None => first_company.into_iter().next(),
    };
    // The driver's account goes to someone with a route today; else to an active person
    // who may drive a Flex Waste vehicle, so the route sheet has routes to show.
    let drives = |p: &&store::Stored<domain::person::Person>| {
        p.value.status == domain::person::PersonStatus::Active
            && p.value.skills.iter().any(|s| DRIVING_SKILLS.contains(s))
    };
    let driver = choice
        .drivers
        .iter()
        .find_map(|id| people.iter().find(|p| p.meta.id == *id))
        .or_else(|| people.iter().find(drives))
        .or(people.get(1));
    let not_driver = |id: &i64| driver.is_none_or(|d| d.meta.id != *id);
    let worker = choice
        .workers
        .iter()
        .copied()
        .find(not_driver)
        .or_else(|| people.iter().map(|p| p.meta.id).find(not_driver));
    let (Some(worker), Some(driver), Some(company)) = (worker, driver, company) else {
        return Err(ServiceError::Internal(
            "the demo has no people or companies to give accounts to".into(),
        ));
    };
    let accounts = [
        ("koordinator@demo.kommune.dk", Role::Coordinator, None, None),
        (
            "medarbejder@demo.kommune.dk",
            Role::Worker,
            Some(worker),
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
        ("agent@demo.kommune.dk", Role::GreenAgent, None, None),
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
