//! A festival event's attendee list as a file, for its organiser: one row per confirmed
//! registration, as Danish Excel opens it.

use crate::CsvError;
use crate::table::write_table;
use std::io::Write;

/// One registration's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeRow {
    pub name: String,
    pub email: String,
    pub people: i64,
    /// When they were checked in at the door; empty before.
    pub checked_in_at: String,
}

/// Writes `name;email;people;checked_in_at`.
pub fn write_attendees<W: Write>(out: W, rows: &[AttendeeRow]) -> Result<(), CsvError> {
    write_table(
        out,
        &["name", "email", "people", "checked_in_at"],
        rows.iter().map(|r| {
            vec![
                r.name.clone(),
                r.email.clone(),
                r.people.to_string(),
                r.checked_in_at.clone(),
            ]
        }),
    )
}
