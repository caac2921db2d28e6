//! What can go wrong when storing, in terms the HTTP and CLI layers can map to a status.

use crate::time::{EntryStatus, status_word};
use domain::FieldError;

/// A step the records refuse for a reason each edge says in its own words: the pages
/// through their catalogues, the API and the command line in English ([`Self::reason`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The agency's own details (seller) are not set, so no document can be issued.
    SellerMissing,
    /// Hours to bill for a company's task type that no agreement prices.
    NoAgreement { company: i64, task_type: String },
    /// A company's invoice whose sums cannot be reckoned exactly in øre (amounts beyond
    /// their ranges): refused before it takes a number.
    TooLarge { company: i64 },
    /// An issue date before the latest document of its year's number series: numbers and
    /// dates run forward together.
    DateBackwards { latest: chrono::NaiveDate },
    /// A credit note is never credited itself.
    IsCreditNote,
    /// The invoice has its credit note already.
    AlreadyCredited,
    /// The shift (a person on a task's occurrence) has its hours or absence recorded
    /// already; a change is a correction.
    AlreadyRecorded,
    /// The hours overlap another entry of the same person.
    Overlaps { entry: i64 },
    /// Hours that do not wait for confirmation: still open, confirmed or corrected.
    NotWaiting(EntryStatus),
    /// Hours registered outside the planned time: a coordinator confirms them.
    ForCoordinator,
    /// The site has a subscription running then with one of the same fractions.
    AlreadySubscribed { subscription: i64 },
    /// The subscription has ended already, on that day.
    AlreadyEnded { on: chrono::NaiveDate },
    /// The site has an order that day already: a site is visited once a day.
    AlreadyOrdered { order: i64 },
    /// The order is withdrawn already.
    AlreadyCancelled,
    /// The site has a pickup recorded that day; the order is done.
    AlreadyCollected,
    /// The Flex Waste day is closed: its stops are no longer changed.
    DayClosed { day: chrono::NaiveDate },
}

impl Refusal {
    /// The reason in English.
    pub fn reason(&self) -> String {
        match self {
            Self::SellerMissing => {
                "the agency's own details (seller) are not set; set them first".into()
            }
            Self::NoAgreement { company, task_type } => {
                format!("company {company} has no agreement for {task_type}")
            }
            Self::TooLarge { company } => format!(
                "the invoice to company {company} cannot be reckoned exactly: its amounts are too large"
            ),
            Self::DateBackwards { latest } => format!(
                "the issue date is before {latest}, the date of the year's latest invoice or credit note"
            ),
            Self::IsCreditNote => "it is a credit note; only invoices are credited".into(),
            Self::AlreadyCredited => "the invoice is already credited".into(),
            Self::AlreadyRecorded => {
                "hours or an absence are recorded for this shift already; correct them instead"
                    .into()
            }
            Self::Overlaps { entry } => {
                format!("the hours overlap time entry {entry} of the same person")
            }
            Self::AlreadySubscribed { subscription } => format!(
                "the site's subscription {subscription} runs then with one of the same fractions; end it first"
            ),
            Self::AlreadyEnded { on } => format!("the subscription has ended already, on {on}"),
            Self::AlreadyOrdered { order } => {
                format!("the site has order {order} that day already; a site is visited once a day")
            }
            Self::AlreadyCancelled => "the order is withdrawn already".into(),
            Self::AlreadyCollected => {
                "the site has a pickup recorded that day; the order is done".into()
            }
            Self::DayClosed { day } => {
                format!("the Flex Waste day {day} is closed; its stops are no longer changed")
            }
            Self::ForCoordinator => {
                "the hours lie outside the planned time; the agency's coordinator confirms them"
                    .into()
            }
            Self::NotWaiting(status) => format!(
                "the hours are {}; only registered hours can be confirmed",
                status_word(*status)
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No live record with that id.
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: i64 },
    /// No record with that key (an invoice number).
    #[error("there is no {what} {key}")]
    NoSuch { what: &'static str, key: String },
    /// The change clashes with what is stored: a stale version, a duplicate key,
    /// a status move the lifecycle forbids, or a record others still refer to.
    #[error("{0}")]
    Conflict(String),
    /// A step the records refuse for a reason the edges say in their own words.
    #[error("{}", .0.reason())]
    Refused(Refusal),
    /// The value refers to something that does not fit, e.g. a site of another company.
    #[error("invalid input: {}", describe(.0))]
    Invalid(Vec<FieldError>),
    /// A stored row no longer parses: the database was changed behind kommune's back.
    #[error("stored {what} {id} is corrupt: {reason}")]
    Corrupt {
        what: &'static str,
        id: i64,
        reason: String,
    },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A read on the calling thread failed ([`crate::read`]).
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A column held what its reader cannot take.
    #[error("database: column {column}: {reason}")]
    Column { column: String, reason: String },
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database URL: {0}")]
    Url(String),
}

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

impl StoreError {
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason)])
    }

    pub(crate) fn corrupt(what: &'static str, id: i64, errors: Vec<FieldError>) -> Self {
        Self::Corrupt {
            what,
            id,
            reason: describe(&errors),
        }
    }
}

/// Turns a unique-index violation into a conflict with a message for people; passes other errors on.
pub(crate) fn unique_violation(error: sqlx::Error, message: impl FnOnce() -> String) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(message()),
        _ => StoreError::Database(error),
    }
}

/// A record, or `None` when it does not exist (or is deleted); any other failure stays one.
pub fn live<T>(found: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match found {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound { .. } | StoreError::NoSuch { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}
