//! What every CSV file shares: the byte layout (`;`, CRLF, UTF-8 with a BOM), the
//! header check, the cell formats (yes/no, decimals, comma lists, `|` items) and the
//! mapping of the domain's field errors onto a line and a column.

use domain::{FieldError, Invalid};
use std::fmt;
use std::io::{Read, Write};

/// Danish Excel reads a file without this mark as Windows-1252 and garbles æ, ø and å.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Danish Excel splits on `;` because `,` is the decimal comma.
const DELIMITER: u8 = b';';

/// Names the column of an error that belongs to no one column, such as an unreadable file.
const WHOLE_FILE: &str = "(file)";

/// One bad value in an imported file: `line 3, column email: 'nope' is not an e-mail address`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line the row starts on; the header is line 1.
    pub line: usize,
    /// The column as the header names it, or `field N` for a field beyond the header.
    pub column: String,
    /// What is wrong, in a sentence a coordinator can act on.
    pub reason: String,
}

impl RowError {
    pub fn new(line: usize, column: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            line,
            column: column.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

impl std::error::Error for RowError {}

/// An export that could not be written; only the destination can cause it.
#[derive(Debug, thiserror::Error)]
#[error("could not write the CSV file: {0}")]
pub struct CsvError(#[from] std::io::Error);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        Self(e.into())
    }
}

/// Writes the BOM, the header and one record per row.
pub(crate) fn write_table<W: Write>(
    mut out: W,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<(), CsvError> {
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(DELIMITER)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(columns)?;
    for row in rows {
        debug_assert_eq!(
            row.len(),
            columns.len(),
            "a row must have a value per column"
        );
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// `yes` or `no`.
pub(crate) fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// The value's text, or an empty cell for none.
pub(crate) fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `cleaning, sorting`.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name | p_number || name | p_number`, with `\` escaping any `|` or `\` inside a part,
/// so no name or address can break the item structure.
pub(crate) fn items(items: &[Vec<String>]) -> String {
    let escape = |part: &String| part.replace('\\', "\\\\").replace('|', "\\|");
    items
        .iter()
        .map(|parts| parts.iter().map(escape).collect::<Vec<_>>().join(" | "))
        .collect::<Vec<_>>()
        .join(" || ")
}

/// Reads `yes`/`no` and their usual spellings; an empty cell is `no`, as the API's default is.
pub(crate) fn parse_flag(text: &str) -> Result<bool, Invalid> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "ja" | "true" | "1" => Ok(true),
        "no" | "nej" | "false" | "0" | "" => Ok(false),
        _ => Err(Invalid::new(format!("'{}' is not yes or no", text.trim()))),
    }
}

/// Reads a decimal like `7.5`; a decimal comma (`7,5`) is taken too, as Danish Excel saves one.
pub(crate) fn parse_decimal(text: &str) -> Result<Option<f64>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let dotted = if text.contains('.') {
        text.to_string()
    } else {
        text.replacen(',', ".", 1)
    };
    dotted
        .parse::<f64>()
        .map(Some)
        .map_err(|_| Invalid::new(format!("'{text}' is not a number like 7.5")))
}

/// Reads a whole number; an empty cell is none.
pub(crate) fn parse_integer(text: &str) -> Result<Option<i64>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| Invalid::new(format!("'{text}' is not a whole number")))
}

/// Splits `cleaning, sorting` into its trimmed, non-empty entries.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits `a | b || c | d` into items of trimmed parts, undoing `\` escapes.
/// Items that are wholly empty are dropped, so a trailing `||` is harmless.
pub(crate) fn split_items(text: &str) -> Result<Vec<Vec<String>>, Invalid> {
    let mut items = Vec::new();
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => part.push(chars.next().unwrap_or('\\')),
            '|' => {
                let mut run = 1;
                while chars.next_if_eq(&'|').is_some() {
                    run += 1;
                }
                parts.push(part.trim().to_string());
                part.clear();
                match run {
                    1 => {}
                    2 => items.push(std::mem::take(&mut parts)),
                    _ => {
                        return Err(Invalid::new(format!(
                            "'{}' is neither | (between parts) nor || (between items)",
                            "|".repeat(run)
                        )));
                    }
                }
            }
            c => part.push(c),
        }
    }
    parts.push(part.trim().to_string());
    items.push(parts);
    items.retain(|parts: &Vec<String>| parts.iter().any(|p| !p.is_empty()));
    Ok(items)
}

/// Remembers the key of each row read, so a file that names one record twice is refused:
/// importing it would silently merge the two rows into one.
pub(crate) struct UniqueKeys {
    column: &'static str,
    seen: std::collections::BTreeMap<String, usize>,
}

impl UniqueKeys {
    pub(crate) fn new(column: &'static str) -> Self {
        Self {
            column,
            seen: Default::default(),
        }
    }

    /// Notes `key` for `row`; a key seen on an earlier line is reported on this one.
    pub(crate) fn check(&mut self, row: &mut Row<'_>, key: &str) {
        match self.seen.get(key) {
            Some(first) => row.report(
                self.column,
                format!("'{key}' is also on line {first}; a file names each record once"),
            ),
            None => {
                self.seen.insert(key.to_string(), row.line());
            }
        }
    }
}

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
                Ok(text) => row.cells.push(text),
                Err(_) => {
                    row.cells.push("");
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

/// One data row being read: its cells in the file kind's column order, and what is wrong with it.
pub(crate) struct Row<'a> {
    line: usize,
    columns: &'static [&'static str],
    cells: Vec<&'a str>,
    /// Problems this crate found itself (a number that is not one), named by the draft's field path.
    reported: Vec<FieldError>,
    /// Problems the domain's `parse` found.
    found: Vec<FieldError>,
}

impl<'a> Row<'a> {
    /// The line the row starts on, for errors found after reading (e.g. an unknown CVR).
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    fn new(line: usize, columns: &'static [&'static str]) -> Self {
        Self {
            line,
            columns,
            cells: Vec::with_capacity(columns.len()),
            reported: Vec::new(),
            found: Vec::new(),
        }
    }

    /// The raw text of a cell.
    pub(crate) fn cell(&self, column: &str) -> &'a str {
        let index = self.columns.iter().position(|c| *c == column);
        debug_assert!(index.is_some(), "'{column}' is not a column of this file");
        index.and_then(|i| self.cells.get(i)).copied().unwrap_or("")
    }

    pub(crate) fn text(&self, column: &str) -> String {
        self.cell(column).to_string()
    }

    /// The cell's text, or none when it is blank.
    pub(crate) fn optional(&self, column: &str) -> Option<String> {
        Some(self.cell(column).trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    pub(crate) fn list(&self, column: &str) -> Vec<String> {
        split_list(self.cell(column))
    }

    pub(crate) fn flag(&mut self, column: &str) -> bool {
        let text = self.cell(column);
        self.check(column, parse_flag(text)).unwrap_or(false)
    }

    pub(crate) fn decimal(&mut self, column: &str) -> Option<f64> {
        let text = self.cell(column);
        self.check(column, parse_decimal(text)).flatten()
    }

    pub(crate) fn integer(&mut self, column: &str) -> Option<i64> {
        let text = self.cell(column);
        self.check(column, parse_integer(text)).flatten()
    }

    /// Keeps the value, or records the failure under `field` (a draft field path).
    pub(crate) fn check<T>(&mut self, field: &str, result: Result<T, Invalid>) -> Option<T> {
        result
            .map_err(|Invalid(reason)| self.report(field, reason))
            .ok()
    }

    /// Records a problem with `field`; the domain's later complaints about it are dropped,
    /// so each bad value is reported once.
    pub(crate) fn report(&mut self, field: &str, reason: impl Into<String>) {
        self.reported.push(FieldError::new(field, reason));
    }

    /// Keeps the parsed value, or records the domain's field errors.
    pub(crate) fn domain<T>(&mut self, result: Result<T, Vec<FieldError>>) -> Option<T> {
        result.map_err(|errors| self.found.extend(errors)).ok()
    }

    /// Reads a column of `|` items, one draft per item, from `build`. A malformed item
    /// becomes a default draft whose errors are hidden behind the one saying what is wrong,
    /// so the domain's item numbers stay those of the file.
    pub(crate) fn items<D: Default>(
        &mut self,
        column: &str,
        parts: &[&str],
        mut build: impl FnMut(&mut Item<'_, 'a>) -> D,
    ) -> Vec<D> {
        let items = match split_items(self.cell(column)) {
            Ok(items) => items,
            Err(Invalid(reason)) => {
                self.report(column, reason);
                return Vec::new();
            }
        };
        let mut drafts = Vec::with_capacity(items.len());
        for (index, values) in items.into_iter().enumerate() {
            let path = format!("{column}[{index}]");
            if values.len() != parts.len() {
                self.report(
                    &path,
                    format!(
                        "has {} parts, not {}: write {}",
                        values.len(),
                        parts.len(),
                        parts.join(" | ")
                    ),
                );
                drafts.push(D::default());
                continue;
            }
            drafts.push(build(&mut Item {
                row: self,
                path,
                parts,
                values,
            }));
        }
        drafts
    }

    /// Every error of the row, one per bad value, in column order.
    fn into_errors(self) -> Vec<RowError> {
        let Row {
            line,
            columns,
            reported,
            found,
            ..
        } = self;
        let covered = |field: &str| reported.iter().any(|r| covers(&r.field, field));
        let fresh: Vec<FieldError> = found.into_iter().filter(|f| !covered(&f.field)).collect();
        let mut errors: Vec<FieldError> = reported.into_iter().chain(fresh).collect();
        errors.sort_by_key(|e| {
            let (column, index) = split_path(&e.field)
                .map_or((e.field.as_str(), 0), |(c, i, _)| (c, i.saturating_add(1)));
            (
                columns
                    .iter()
                    .position(|c| *c == column)
                    .unwrap_or(columns.len()),
                index,
            )
        });
        errors.into_iter().map(|e| to_row_error(line, e)).collect()
    }
}

/// One item of a `|` column, as handed to the builder of its draft.
pub(crate) struct Item<'r, 'a> {
    row: &'r mut Row<'a>,
    path: String,
    parts: &'r [&'r str],
    values: Vec<String>,
}

impl Item<'_, '_> {
    pub(crate) fn text(&self, part: &str) -> String {
        let index = self.parts.iter().position(|p| *p == part);
        debug_assert!(index.is_some(), "'{part}' is not a part of this item");
        index
            .and_then(|i| self.values.get(i))
            .cloned()
            .unwrap_or_default()
    }

    pub(crate) fn decimal(&mut self, part: &str) -> Option<f64> {
        let field = format!("{}.{part}", self.path);
        let parsed = parse_decimal(&self.text(part));
        self.row.check(&field, parsed).flatten()
    }
}

/// Whether a problem already reported for `reported` also accounts for `field`, as
/// `sites[1]` accounts for `sites[1].p_number`.
fn covers(reported: &str, field: &str) -> bool {
    field
        .strip_prefix(reported)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// Splits `sites[1].p_number` into `sites`, 1 and `p_number`; a plain column gives none.
fn split_path(field: &str) -> Option<(&str, usize, Option<&str>)> {
    let (column, rest) = field.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((column, index.parse().ok()?, rest.strip_prefix('.')))
}

/// Maps a draft field path onto its column; `sites[1].p_number` becomes column `sites`
/// with the reason opening `site 2, p_number:`, counting items from 1 as people do.
fn to_row_error(line: usize, e: FieldError) -> RowError {
    match split_path(&e.field) {
        Some((column, index, part)) => {
            let item = format!(
                "{} {}",
                column.strip_suffix('s').unwrap_or(column),
                index.saturating_add(1)
            );
            let reason = match part {
                Some(part) => format!("{item}, {part}: {}", e.reason),
                None => format!("{item}: {}", e.reason),
            };
            RowError::new(line, column, reason)
        }
        None => RowError::new(line, e.field, e.reason),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    const COLUMNS: &[&str] = &["name", "count", "ok"];

    type Small = (String, Option<i64>, bool);

    fn read(text: &str) -> Result<Vec<Small>, Vec<RowError>> {
        read_table(text.as_bytes(), COLUMNS, |row| {
            let count = row.integer("count");
            let ok = row.flag("ok");
            Some((row.text("name"), count, ok))
        })
    }

    fn shown(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(RowError::to_string).collect()
    }

    #[test]
    fn row_errors_show_line_and_column() {
        let e = RowError::new(3, "email", "'nope' is not an e-mail address");
        assert_eq!(
            e.to_string(),
            "line 3, column email: 'nope' is not an e-mail address"
        );
    }

    #[test]
    fn header_problems_are_on_line_one() {
        let errors = read("name;colour;name\nx;y;z\n").unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 1, column colour: is not a column of this file; the columns are name;count;ok",
                "line 1, column name: appears twice in the header",
                "line 1, column count: is missing from the header",
                "line 1, column ok: is missing from the header",
            ]
        );
    }

    #[test]
    fn columns_may_come_in_any_order_and_any_case() {
        let rows = read("OK; Name ;count\r\nyes;Anna;3\r\n").unwrap();
        assert_eq!(rows, [("Anna".to_string(), Some(3), true)]);
    }

    #[test]
    fn empty_files_and_blank_rows_hold_no_rows() {
        assert_eq!(read("").unwrap(), []);
        assert_eq!(read("\u{FEFF}").unwrap(), []);
        assert_eq!(read("name;count;ok\r\n").unwrap(), []);
        assert_eq!(
            read("name;count;ok\r\n\r\n;;\r\nAnna;;no\r\n;;\r\n")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn rows_of_the_wrong_length_name_the_first_missing_or_extra_field() {
        let errors = read("name;count;ok\nAnna;1\nBo;2;yes;extra\n").unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 2, column ok: is missing: the row has 2 fields, the header 3",
                "line 3, column field 4: is one too many: the row has 4 fields, the header 3",
            ]
        );
    }

    #[test]
    fn lines_count_physical_lines_and_every_bad_value_is_named() {
        let errors =
            read("name;count;ok\n\"two\nlines\";x;maybe\n\nBo;1;yes\nCy;2.5;no\n").unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 2, column count: 'x' is not a whole number",
                "line 2, column ok: 'maybe' is not yes or no",
                "line 6, column count: '2.5' is not a whole number",
            ]
        );
    }

    #[test]
    fn lines_are_counted_in_crlf_files_and_across_blank_lines() {
        let errors = read("\r\nname;count;ok\r\nAnna;x;no\r\n\r\n\r\nBo;y;no\r\n;;\r\n\"C\r\ny\";z;no\rDan;w;no\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 6, 8, 10]);
        let header = read("\n\nname;count\n").unwrap_err();
        assert_eq!(
            header[0].to_string(),
            "line 3, column ok: is missing from the header"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named() {
        let errors = read_table(&b"name;count;ok\n\xe6ble;1;yes\n"[..], COLUMNS, |row| {
            Some(row.text("name"))
        })
        .unwrap_err();
        assert_eq!(
            shown(errors),
            ["line 2, column name: is not UTF-8 text; save the file as 'CSV UTF-8'"]
        );
    }

    #[test]
    fn flags_take_the_usual_spellings() {
        for yes in ["yes", "Ja", "TRUE", "1"] {
            assert_eq!(parse_flag(yes), Ok(true), "{yes}");
        }
        for no in ["no", "nej", "false", "0", "", " "] {
            assert_eq!(parse_flag(no), Ok(false), "{no}");
        }
        assert!(parse_flag("y").is_err());
    }

    #[test]
    fn decimals_take_a_dot_or_a_decimal_comma() {
        assert_eq!(parse_decimal("7.5"), Ok(Some(7.5)));
        assert_eq!(parse_decimal(" 7,5 "), Ok(Some(7.5)));
        assert_eq!(parse_decimal(""), Ok(None));
        assert!(parse_decimal("1,234.5").is_err());
        assert!(parse_decimal("7,5,1").is_err());
    }

    #[test]
    fn items_escape_their_separators() {
        let parts = vec![
            vec!["A | B".to_string(), "C:\\dir".to_string(), String::new()],
            vec![
                "Vesterbro 14, 9000 Aalborg".to_string(),
                "x".to_string(),
                "y".to_string(),
            ],
        ];
        let text = items(&parts);
        assert_eq!(
            text,
            "A \\| B | C:\\\\dir |  || Vesterbro 14, 9000 Aalborg | x | y"
        );
        assert_eq!(split_items(&text).unwrap(), parts);
        assert_eq!(split_items(" || ").unwrap(), Vec::<Vec<String>>::new());
        assert!(split_items("a ||| b").is_err());
    }

    #[test]
    fn nested_fields_map_to_their_column_and_item() {
        let e = to_row_error(4, FieldError::new("sites[1].p_number", "must be 10 digits"));
        assert_eq!(
            e.to_string(),
            "line 4, column sites: site 2, p_number: must be 10 digits"
        );
        let e = to_row_error(4, FieldError::new("contacts[0]", "has 3 parts"));
        assert_eq!(
            e.to_string(),
            "line 4, column contacts: contact 1: has 3 parts"
        );
        assert!(covers("sites", "sites[0].name"));
        assert!(covers("sites[1]", "sites[1].name"));
        assert!(!covers("sites[1]", "sites[10].name"));
        assert!(!covers("name", "names"));
    }

    /// Cell text that pokes at the parsers: numbers at and beyond every bound, separators, quotes.
    pub(crate) fn noise() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[0-9.,eE+-]{0,24}",
            "[a-z |\\\\;\"\r\n]{0,16}",
            Just("1e300".to_string()),
            Just("-1e300".to_string()),
            Just("9223372036854775808".to_string()),
            Just("NaN".to_string()),
            Just("inf".to_string()),
            Just("a | b || c".to_string()),
            Just("x | 1003456789 | Nytorv 8, 9000 Aalborg | 1e300 | -inf".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn joined_items_split_back(parts in prop::collection::vec(prop::collection::vec("[^\\s]([a-z|\\\\ ,]{0,6}[^\\s])?", 1..4), 0..4)) {
            let joined = items(&parts);
            let parts: Vec<Vec<String>> = parts.into_iter().filter(|p| p.iter().any(|s| !s.is_empty())).collect();
            prop_assert_eq!(split_items(&joined).unwrap(), parts);
        }
    }
}
