//! The agency's records, as every edge reads and changes them: the same access rule and
//! the same checks whether a page, the API or the command line asks.
//!
//! - [`people`]: workers, and their functional limits (health-related: every read is
//!   logged with who read them and why).
//! - [`companies`]: companies and their agreements.
//! - [`tasks`]: task requests, their lifecycle moves and the history of those moves.
//!
//! The records are the agency's: only a coordinator (or the command line, which acts as
//! one) reads or changes them here; anyone else is answered as if they did not exist.

pub mod companies;
pub mod people;
pub mod tasks;

use crate::{Result, ServiceError};
use domain::actor::{Actor, Role};

/// Refuses anyone but the agency's coordinators, answering as if `what` did not exist.
pub(crate) fn agency_only(by: &Actor, what: &str) -> Result<()> {
    if by.role == Role::Coordinator {
        Ok(())
    } else {
        Err(ServiceError::not_found(what))
    }
}
