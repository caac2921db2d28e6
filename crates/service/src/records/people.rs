//! Workers and their functional limits.

use super::agency_only;
use crate::{Result, recorded};
use domain::actor::Actor;
use domain::person::{FunctionalLimits, Person, ReadPurpose};
use store::people::{LimitRead, PeopleFilter};
use store::{Page, PageRequest, Store, Stored};

/// One page of people.
pub async fn list(
    store: &Store,
    by: &Actor,
    filter: &PeopleFilter,
    page: PageRequest,
) -> Result<Page<Stored<Person>>> {
    agency_only(by, "person")?;
    Ok(store.people(filter, page).await?)
}

/// One person.
pub async fn get(store: &Store, by: &Actor, id: i64) -> Result<Stored<Person>> {
    agency_only(by, "person")?;
    Ok(store.person(id).await?)
}

pub async fn create(store: &Store, by: &Actor, person: &Person) -> Result<Stored<Person>> {
    agency_only(by, "person")?;
    Ok(store.create_person(person).await?)
}

/// Changes a person; `version` must be the one read.
pub async fn update(
    store: &Store,
    by: &Actor,
    id: i64,
    version: i64,
    person: &Person,
) -> Result<Stored<Person>> {
    agency_only(by, "person")?;
    Ok(store.update_person(id, version, person).await?)
}

pub async fn delete(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "person")?;
    Ok(store.delete_person(id).await?)
}

/// A person's functional limits, the read logged with who read them and why.
pub async fn limits(
    store: &Store,
    by: &Actor,
    id: i64,
    purpose: &ReadPurpose,
) -> Result<FunctionalLimits> {
    agency_only(by, "person")?;
    Ok(store
        .read_limits(id, &recorded(by), purpose.as_str())
        .await?)
}

/// The version of a person's limits (0 before any are set), for the next change to name.
pub async fn limits_version(store: &Store, by: &Actor, id: i64) -> Result<i64> {
    agency_only(by, "person")?;
    Ok(store.limits_version(id).await?)
}

/// Sets a person's limits if they are still at `version`; returns the new version.
pub async fn set_limits(
    store: &Store,
    by: &Actor,
    id: i64,
    version: i64,
    limits: &FunctionalLimits,
) -> Result<i64> {
    agency_only(by, "person")?;
    Ok(store.set_limits(id, version, limits, &recorded(by)).await?)
}

/// Every logged read of a person's limits, newest first.
pub async fn limit_reads(store: &Store, by: &Actor, id: i64) -> Result<Vec<LimitRead>> {
    agency_only(by, "person")?;
    store.person(id).await?;
    Ok(store.limit_reads(id).await?)
}
