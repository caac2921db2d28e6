//! The Alliance's skills-gap report as a file: one row per skill, with the open positions
//! asking for it, the candidates who have it, the gap, and the positions asked per month.

use crate::CsvError;
use crate::table::write_table;
use std::io::Write;

/// One skill's row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    pub skill: String,
    pub label: String,
    pub positions_must: i64,
    pub positions: i64,
    pub candidates: i64,
    pub gap: i64,
    /// Positions asked per month, as many as `months`.
    pub trend: Vec<i64>,
}

/// Writes the report: `skill;label;positions_must;positions;candidates;gap` and one column
/// per month (`YYYY-MM`).
pub fn write_gaps<W: Write>(out: W, months: &[String], rows: &[GapRow]) -> Result<(), CsvError> {
    let mut columns: Vec<&str> = vec![
        "skill",
        "label",
        "positions_must",
        "positions",
        "candidates",
        "gap",
    ];
    columns.extend(months.iter().map(String::as_str));
    write_table(
        out,
        &columns,
        rows.iter().map(|r| {
            let mut cells = vec![
                r.skill.clone(),
                r.label.clone(),
                r.positions_must.to_string(),
                r.positions.to_string(),
                r.candidates.to_string(),
                r.gap.to_string(),
            ];
            cells.extend(
                months
                    .iter()
                    .enumerate()
                    .map(|(i, _)| r.trend.get(i).copied().unwrap_or(0).to_string()),
            );
            cells
        }),
    )
}
