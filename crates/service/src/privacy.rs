//! A person's rights over their data (GDPR): everything kommune holds on them as one
//! document (Art. 15), and erasure (Art. 17) that keeps only what bookkeeping law
//! requires. People are addressed as `KIND:ID`: the agency's `person` (a bare `ID` is
//! one), or a `student` of the Aalborg Alliance ([`crate::alliance::students`] keeps
//! what is held on them and erases it); the kinds later initiatives add join here.

use crate::records::agency_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::calendar::format_instant;
use domain::payroll::Pay;
use serde::Serialize;
use std::collections::BTreeSet;
use store::Store;
use store::invoices::Period;
use store::privacy::{Erasure, Holdings};

/// Whom a request is about: a kind of person and their id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// One of the agency's people (workers, drivers).
    Person(i64),
    /// A student or graduate registered with the Aalborg Alliance.
    Student(i64),
    /// A subscriber to the exchange's newsletter.
    Subscriber(i64),
}

impl Subject {
    /// `ID`, `person:ID`, `student:ID` or `subscriber:ID`. Kinds that kommune does not keep are named as such.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let (kind, id) = text.split_once(':').unwrap_or(("person", text));
        let id = id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| {
                ServiceError::invalid("id", format!("'{text}' is not like 17 or person:17"))
            })?;
        match kind.trim() {
            "person" => Ok(Self::Person(id)),
            "student" => Ok(Self::Student(id)),
            "subscriber" => Ok(Self::Subscriber(id)),
            other => Err(ServiceError::invalid(
                "kind",
                format!(
                    "kommune keeps no people of the kind '{other}'; the kinds are person, student and subscriber"
                ),
            )),
        }
    }
}

/// One month's pay, as the payroll file pays it.
#[derive(Debug, Clone, Serialize)]
pub struct MonthPay {
    pub month: String,
    #[serde(flatten)]
    pub pay: Pay,
}

/// The document a person receives: what is held, when, and by whose request.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub kind: &'static str,
    pub produced_at: String,
    pub produced_by: String,
    #[serde(flatten)]
    pub holdings: Holdings,
    pub pay: Vec<MonthPay>,
}

/// Everything held on the subject, with their pay by month; the read of their limits is
/// logged as the requester's.
pub async fn export(
    store: &Store,
    by: &Actor,
    subject: Subject,
    now: DateTime<Utc>,
) -> Result<Export> {
    agency_only(by, "person")?;
    let Subject::Person(id) = subject else {
        return Err(ServiceError::invalid(
            "kind",
            "a student's or subscriber's data is exported by export_student or export_subscriber",
        ));
    };
    let holdings = store.holdings(id, &crate::recorded(by)).await?;
    let months: BTreeSet<Period> = holdings
        .time_entries
        .iter()
        .map(|e| Period::of(e.occurrence))
        .collect();
    let mut pay = Vec::new();
    for period in months {
        let worked = store.worked_month(period).await?;
        if let Some(month) = worked.iter().find(|m| m.person_id == id) {
            pay.push(MonthPay {
                month: period.label(),
                pay: domain::payroll::pay(&month.work)
                    .map_err(|_| ServiceError::TooLarge { what: "pay" })?,
            });
        }
    }
    Ok(Export {
        kind: "person",
        produced_at: format_instant(now),
        produced_by: by.name.clone(),
        holdings,
        pay,
    })
}

/// Erases the subject: see [`store::Store::erase_person`] for what goes and what stays.
pub async fn erase(store: &Store, by: &Actor, subject: Subject) -> Result<Erasure> {
    agency_only(by, "person")?;
    let Subject::Person(id) = subject else {
        return Err(ServiceError::invalid(
            "kind",
            "a student or subscriber is erased by erase_student or erase_subscriber",
        ));
    };
    Ok(store.erase_person(id).await?)
}

/// Everything the Alliance holds on a student, for the agency (Art. 15).
pub async fn export_student(
    store: &Store,
    by: &Actor,
    id: i64,
) -> Result<crate::alliance::students::StudentExport> {
    agency_only(by, "student")?;
    crate::alliance::students::export(store, id, domain::contact::Locale::Da).await
}

/// Erases a student and everything the Alliance holds on them (Art. 17); nothing of
/// theirs falls under bookkeeping law.
pub async fn erase_student(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "student")?;
    crate::alliance::students::erase(store, id).await
}

/// Everything the newsletter holds on a subscriber (Art. 15).
pub async fn export_subscriber(
    store: &Store,
    by: &Actor,
    id: i64,
) -> Result<crate::cases::newsletter::SubscriberExport> {
    agency_only(by, "subscriber")?;
    crate::cases::newsletter::export(store, id).await
}

/// Erases a subscriber and the record of what was sent to them (Art. 17).
pub async fn erase_subscriber(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "subscriber")?;
    crate::cases::newsletter::erase(store, id).await
}

/// Everything the festival holds on whoever registered with `email` (Art. 15).
pub async fn export_registrant(
    store: &Store,
    by: &Actor,
    email: &str,
) -> Result<Vec<crate::festival::registration::RegistrationExport>> {
    agency_only(by, "registrant")?;
    crate::festival::registration::export(store, email).await
}

/// Erases a festival registrant (Art. 17); their live places go to the waiting list.
/// `site` is the public address the offers' links are built on.
pub async fn erase_registrant(
    store: &Store,
    by: &Actor,
    email: &str,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    agency_only(by, "registrant")?;
    let links = crate::festival::manage::registration_links(site);
    crate::festival::registration::erase(store, email, &links, now).await
}

/// Everything "Making us greener" holds on whoever pledged from `email` (Art. 15).
pub async fn export_pledger(
    store: &Store,
    by: &Actor,
    email: &str,
) -> Result<Vec<crate::green::pledges::PledgeExport>> {
    agency_only(by, "pledger")?;
    crate::green::pledges::export(store, email).await
}

/// Erases a pledger's name and address (Art. 17); the pledges stay, unnamed, in the
/// campaign's counts.
pub async fn erase_pledger(store: &Store, by: &Actor, email: &str) -> Result<usize> {
    agency_only(by, "pledger")?;
    crate::green::pledges::erase(store, email).await
}

/// The subscriber with this address, for a request that names them by it.
pub async fn subscriber_by_email(store: &Store, by: &Actor, email: &str) -> Result<i64> {
    agency_only(by, "subscriber")?;
    store
        .subscriber_by_email(&email.trim().to_lowercase())
        .await?
        .map(|s| s.id)
        .ok_or_else(|| ServiceError::NotFound(format!("no subscriber {email}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_an_id_or_a_kind_and_an_id() {
        assert_eq!(Subject::parse("17").unwrap(), Subject::Person(17));
        assert_eq!(Subject::parse("person:17").unwrap(), Subject::Person(17));
        for bad in ["", "0", "-3", "person:", "x"] {
            assert!(
                matches!(Subject::parse(bad), Err(ServiceError::Invalid(_))),
                "{bad}"
            );
        }
        assert_eq!(Subject::parse("student:3").unwrap(), Subject::Student(3));
        let unknown = Subject::parse("visitor:3");
        assert!(
            matches!(&unknown, Err(ServiceError::Invalid(e)) if e[0].field == "kind"),
            "{unknown:?}"
        );
    }
}
