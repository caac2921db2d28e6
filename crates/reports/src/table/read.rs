//! Reading an import: the header checked and its columns found in any order, then each
//! row handed to the file kind's parser, with every error on the line it starts on.

use super::row::Row;
use super::{BOM, DELIMITER, RowError, WHOLE_FILE};
use std::io::Read;

/// Reads a whole file: checks the header, hands each row to `parse`, and returns
/// every row, or every error if there is any.
pub(crate) fn read_table<R: Read, T>(
    mut input: R,
    columns: &'static [&'static str],
    mut parse: impl FnMut(&mut Row<'_>) -> Option<T>,
) -> Result<Vec<T>, Vec<RowError>> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return Err(vec![RowError::new(
            1,
            WHOLE_FILE,
            format!("could not be read: {e}"),
        )]);
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(DELIMITER)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut lines = Lines {
        body,
        at: 0,
        line: 1,
    };
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Ok(Vec::new()),
        Some(Err(e)) => return Err(vec![unreadable(1, e)]),
        Some(Ok(header)) => header,
    };
    let order = check_header(&header, lines.of(&header), columns)?;

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(unreadable(lines.line + 1, e));
                break;
            }
        };
        let line = lines.of(&record);
        // Excel leaves rows of bare separators below the data; they hold nothing to import.
        if record.iter().all(|field| field.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            errors.push(count_error(line, &record, &header, columns, &order));
            continue;
        }
        let mut row = Row::new(line, columns);
        for (column, &index) in columns.iter().zip(&order) {
            match std::str::from_utf8(&record[index]) {
                Ok(text) => {
                    row.push_cell(super::write::restored(text));
                    if let Err(problem) = domain::problem::plain_text(text) {
                        row.report(column, problem.0);
                    }
                }
                Err(_) => {
                    row.push_cell("");
                    row.report(column, "is not UTF-8 text; save the file as 'CSV UTF-8'");
                }
            }
        }
        let value = parse(&mut row);
        let line_errors = row.into_errors();
        match value {
            Some(value) if line_errors.is_empty() => rows.push(value),
            None if line_errors.is_empty() => {
                errors.push(RowError::new(line, WHOLE_FILE, "could not be read"))
            }
            _ => errors.extend(line_errors),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Finds the line each record starts on. The csv crate's own count is off by one per
/// CRLF, and its byte position may point at the line breaks before a record.
struct Lines<'b> {
    body: &'b [u8],
    /// Where the last record started, and on which line.
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn of(&mut self, record: &csv::ByteRecord) -> usize {
        let Some(mut start) = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
        else {
            return self.line;
        };
        while matches!(self.body.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let passed = self.body.get(self.at..start).unwrap_or_default();
        // A line ends in LF, CRLF or (old Macs) a lone CR.
        let breaks = passed
            .iter()
            .enumerate()
            .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && passed.get(i + 1) != Some(&b'\n')))
            .count();
        self.line += breaks;
        self.at = self.at.max(start);
        self.line
    }
}

fn unreadable(line: usize, e: csv::Error) -> RowError {
    RowError::new(line, WHOLE_FILE, format!("could not be read: {e}"))
}

/// Finds where each expected column is, so columns may come in any order.
fn check_header(
    header: &csv::ByteRecord,
    line: usize,
    columns: &[&str],
) -> Result<Vec<usize>, Vec<RowError>> {
    let mut found: Vec<Option<usize>> = vec![None; columns.len()];
    let mut errors = Vec::new();
    for (index, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_lowercase();
        match columns.iter().position(|c| *c == name) {
            Some(k) if found[k].is_some() => {
                errors.push(RowError::new(line, name, "appears twice in the header"))
            }
            Some(k) => found[k] = Some(index),
            None if name.is_empty() => {
                errors.push(RowError::new(
                    line,
                    format!("field {}", index + 1),
                    "has no name in the header",
                ));
            }
            None => errors.push(RowError::new(
                line,
                name,
                format!(
                    "is not a column of this file; the columns are {}",
                    columns.join(";")
                ),
            )),
        }
    }
    for (column, place) in columns.iter().zip(&found) {
        if place.is_none() {
            errors.push(RowError::new(line, *column, "is missing from the header"));
        }
    }
    if errors.is_empty() {
        Ok(found.into_iter().flatten().collect())
    } else {
        Err(errors)
    }
}

/// Names the first column a short row lacks, or the first field a long row has too many.
fn count_error(
    line: usize,
    record: &csv::ByteRecord,
    header: &csv::ByteRecord,
    columns: &[&str],
    order: &[usize],
) -> RowError {
    let (have, want) = (record.len(), header.len());
    if have > want {
        return RowError::new(
            line,
            format!("field {}", want + 1),
            format!("is one too many: the row has {have} fields, the header {want}"),
        );
    }
    let first_missing = columns
        .iter()
        .zip(order)
        .filter(|(_, index)| **index >= have)
        .min_by_key(|(_, index)| **index)
        .map_or_else(
            || format!("field {}", have + 1),
            |(column, _)| column.to_string(),
        );
    RowError::new(
        line,
        first_missing,
        format!("is missing: the row has {have} fields, the header {want}"),
    )
}
