//! Why a use-case failed, in terms every edge can answer: the page, the API and the
//! command line each turn a [`ServiceError`] into their own kind of answer.

use domain::FieldError;
use reports::RowError;
use store::StoreError;

/// Why a check-in is refused, for each edge to say in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInRefusal {
    /// A worker or driver checks in on the day of the work only.
    NotOnTheDay,
    /// The task was cancelled, or recorded as a no-show.
    CalledOff,
    /// Hours (or an absence) are recorded for it already.
    AlreadyRecorded,
}

impl CheckInRefusal {
    /// The reason in English, for the API and the command line.
    pub fn reason(self) -> &'static str {
        match self {
            Self::NotOnTheDay => "a check-in is only possible on the day of the work",
            Self::CalledOff => "the task is called off: there is nothing to check in to",
            Self::AlreadyRecorded => "hours are already recorded for this work",
        }
    }
}

/// A use-case's failure.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input that is not valid; every bad field is named and nothing was stored.
    #[error("invalid input: {}", fields(.0))]
    Invalid(Vec<FieldError>),
    /// A record that does not exist, or is not the acting person's to see.
    #[error("{0}")]
    NotFound(String),
    /// The records do not allow it now: nothing to re-plan, no depot, a forbidden move.
    #[error("{0}")]
    Conflict(String),
    /// A check-in the work does not allow now.
    #[error("{}", .0.reason())]
    CheckIn(CheckInRefusal),
    /// A re-plan asked for a week that has no plan yet.
    #[error("there is no plan for {week} to re-plan; plan it first")]
    NothingToReplan { week: String },
    /// Amounts (a month's pay, a file's sums) too large to reckon exactly in øre: the
    /// records hold values beyond their ranges. Refused, never wrapped.
    #[error("the {what} cannot be reckoned exactly: its amounts are too large")]
    TooLarge { what: &'static str },
    /// Every core is running an engine: try again after the given seconds.
    #[error("every engine is busy; try again in {retry_after_seconds} seconds")]
    Busy { retry_after_seconds: u64 },
    /// The store failed or refused; its own error says how.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file's rows that cannot be read or do not fit the records, each named by line
    /// and column; nothing was stored.
    #[error("nothing was imported; {} bad value(s):\n{}", .0.len(), rows(.0))]
    Rows(Vec<RowError>),
    /// A file or document could not be written.
    #[error("writing the {what} file: {reason}")]
    Write { what: &'static str, reason: String },
    /// An engine or a document writer failed where it should not.
    #[error("{0}")]
    Internal(String),
}

impl ServiceError {
    /// One invalid field.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason)])
    }

    /// A record that is not the acting person's, answered as if it did not exist.
    pub fn not_found(what: &str) -> Self {
        Self::NotFound(format!("no such {what}"))
    }
}

impl From<staffing::ProblemError> for ServiceError {
    fn from(error: staffing::ProblemError) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<routing::SolveError> for ServiceError {
    fn from(error: routing::SolveError) -> Self {
        Self::Internal(error.to_string())
    }
}

fn rows(errors: &[RowError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn fields(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A service result.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
