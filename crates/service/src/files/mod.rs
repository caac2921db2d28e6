//! Files in and out of the records.
//!
//! - [`records`]: people, companies, agreements and tasks as `;`-separated CSV, both ways.
//! - [`exports`]: payroll, the job-centre report, Flex Waste's annual report, its month
//!   and a customer's recycling statement.

pub mod exports;
pub mod records;

use crate::{Result, ServiceError};

/// A file's bytes as `write` makes them; a failure names the file.
fn written<E: std::fmt::Display>(
    what: &'static str,
    write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|e| ServiceError::Write {
        what,
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests;
