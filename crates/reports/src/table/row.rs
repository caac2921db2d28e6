//! One data row of an import being read: its cells by column, its `|` items, and what is
//! wrong with it, reported once per bad value in column order.

use super::RowError;
use super::cells::{parse_decimal, parse_flag, parse_integer, split_items, split_list};
use super::fields::{covers, split_path, to_row_error};
use domain::{FieldError, Invalid};

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

    /// A row starting on `line` of a file with these `columns`, its cells yet to be read.
    pub(super) fn new(line: usize, columns: &'static [&'static str]) -> Self {
        Self {
            line,
            columns,
            cells: Vec::with_capacity(columns.len()),
            reported: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Takes the next cell's text, in the file kind's column order.
    pub(super) fn push_cell(&mut self, text: &'a str) {
        self.cells.push(text);
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
    pub(super) fn into_errors(self) -> Vec<RowError> {
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
