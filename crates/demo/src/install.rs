//! Putting a demo set into a store, all or nothing.

use crate::DemoSet;
use domain::task::TaskStatus;
use store::seed::{Seed, SeedCount, SeedTask};
use store::{Actor, Store, StoreError};

impl DemoSet {
    /// The set as a store seed: indices stay indices, every task starts as requested.
    pub fn to_seed(&self) -> Seed {
        Seed {
            people: self
                .people
                .iter()
                .map(|p| (p.person.clone(), p.limits))
                .collect(),
            companies: self.companies.clone(),
            agreements: self
                .agreements
                .iter()
                .map(|a| (a.company, a.agreement.clone()))
                .collect(),
            tasks: self
                .tasks
                .iter()
                .chain(&self.past_tasks)
                .map(|t| SeedTask {
                    company: t.company,
                    site: t.site,
                    request: t.request.clone(),
                    status: TaskStatus::Requested,
                })
                .collect(),
        }
    }
}

/// Stores the demo set in an empty database in one transaction.
pub async fn install(store: &Store, set: &DemoSet) -> Result<SeedCount, StoreError> {
    store.seed(&set.to_seed(), &Actor("demo".into())).await
}
