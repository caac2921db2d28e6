//! Series in Open SDG's own data format, so a municipality's existing Open SDG data moves
//! into kommune unchanged and kommune's moves out to an Open SDG site: `,`-separated, `.`
//! decimals, a `Year` column, a `Value` column, and any other columns as breakdowns; a row
//! whose breakdowns are all empty belongs to the headline series. Not the house `;` CSV.
//! Reading is all or nothing: every bad value is named `line N, column NAME: reason`.

use crate::RowError;

/// The years a value may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// One row: its year, its breakdown (column and value, only the non-empty ones, in the
/// file's column order) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub year: i32,
    pub breakdown: Vec<(String, String)>,
    pub value: f64,
}

/// Reads a file; any bad value fails the whole file, each named by line and column.
pub fn read(text: &str) -> Result<Vec<Row>, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b',')
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => return Err(vec![RowError::new(1, "", e.to_string())]),
    };
    let at = |name: &str| header.iter().position(|c| c == name);
    let (Some(year_at), Some(value_at)) = (at("Year"), at("Value")) else {
        return Err(vec![RowError::new(
            1,
            "",
            "the header needs the columns Year and Value",
        )]);
    };
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError::new(line, "", e.to_string()));
                continue;
            }
        };
        let cell = |k: usize| record.get(k).unwrap_or_default().trim();
        let year = match cell(year_at).parse::<i32>() {
            Ok(y) if YEARS.contains(&y) => Some(y),
            _ => {
                errors.push(RowError::new(
                    line,
                    "Year",
                    format!(
                        "'{}' is not a year from {} to {}",
                        cell(year_at),
                        YEARS.start(),
                        YEARS.end()
                    ),
                ));
                None
            }
        };
        let value = match cell(value_at).parse::<f64>() {
            Ok(v) if v.is_finite() && !cell(value_at).contains(',') => Some(v),
            _ => {
                errors.push(RowError::new(
                    line,
                    "Value",
                    format!("'{}' is not a number like 1234.5", cell(value_at)),
                ));
                None
            }
        };
        let breakdown: Vec<(String, String)> = header
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != year_at && *k != value_at)
            .filter(|(k, _)| !cell(*k).is_empty())
            .map(|(k, name)| (name.clone(), cell(k).to_string()))
            .collect();
        if let (Some(year), Some(value)) = (year, value) {
            if !seen.insert((year, breakdown.clone())) {
                errors.push(RowError::new(
                    line,
                    "Year",
                    format!("{year} is in the file twice for the same breakdown"),
                ));
            }
            rows.push(Row {
                year,
                breakdown,
                value,
            });
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Writes rows with their breakdown columns (in the order given) between `Year` and
/// `Value`, as Open SDG reads them.
pub fn write(columns: &[String], rows: &[Row]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b',')
        .from_writer(Vec::new());
    let mut header = vec!["Year".to_string()];
    header.extend(columns.iter().cloned());
    header.push("Value".into());
    // Writing to memory does not fail.
    let _ = writer.write_record(&header);
    for row in rows {
        let mut cells = vec![row.year.to_string()];
        for c in columns {
            cells.push(
                row.breakdown
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            );
        }
        cells.push(number(row.value));
        let _ = writer.write_record(&cells);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A value as Open SDG writes it: `.` decimals, no exponent, no trailing zeros.
pub fn number(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_back_as_it_was_written() {
        let text = "Year,Sector,Value\n2018,,1000.5\n2018,Road transport,300\n2019,,980\n";
        let rows = read(text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            Row {
                year: 2018,
                breakdown: vec![],
                value: 1000.5
            }
        );
        assert_eq!(
            rows[1].breakdown,
            [("Sector".to_string(), "Road transport".to_string())]
        );
        assert_eq!(write(&["Sector".into()], &rows), text);
    }

    #[test]
    fn every_bad_value_is_named_and_nothing_is_read() {
        let text =
            "Year,Value\n2018,1000\nnext year,5\n2019,1.000,5\n2020,12,5\n2021,1e400\n2018,3\n";
        let errors = read(text).unwrap_err();
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            said.iter().any(|e| e.starts_with("line 3, column Year")),
            "{said:?}"
        );
        assert!(said.iter().any(|e| e.starts_with("line 4")), "{said:?}");
        assert!(
            said.iter().any(|e| e.starts_with("line 6, column Value")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|e| e.starts_with("line 7, column Year") && e.contains("twice")),
            "{said:?}"
        );
        assert!(read("Year,Amount\n2018,5\n").is_err());
    }
}
