//! The job-centre file: per person for one month, the ordinary (unsubsidised) hours
//! worked with dates, starts and stops, a total, and every status change. Which
//! employment forms count as ordinary is not code but dated configuration
//! (`config/jobcentre-rules.json`): benefit rules change by law, and a month is always
//! reported under the rules valid on its first day.

use crate::CsvError;
use crate::table::write_table;
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::clock_time as clock;
use domain::money::decimal_hours as hours;
use serde::Deserialize;
use std::io::Write;

/// The rules shipped with kommune; a file given on the command line replaces them.
pub const DEFAULT_RULES: &str = include_str!("../../../config/jobcentre-rules.json");

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "period",
    "person_id",
    "name",
    "employment_form",
    "record",
    "date",
    "start",
    "stop",
    "hours",
    "status",
];

/// One dated set of rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rule {
    pub valid_from: NaiveDate,
    /// Employment forms whose hours are ordinary (unsubsidised) hours.
    pub ordinary_employment_forms: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// Reads a rules file: a JSON list of dated rules.
pub fn parse_rules(text: &str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> =
        serde_json::from_str(text).map_err(|e| format!("the job-centre rules: {e}"))?;
    if rules.is_empty() {
        return Err("the job-centre rules: the list is empty".into());
    }
    rules.sort_by_key(|r| r.valid_from);
    Ok(rules)
}

/// The rule valid on `day`, if any is.
pub fn rule_on(rules: &[Rule], day: NaiveDate) -> Option<&Rule> {
    rules.iter().rev().find(|r| r.valid_from <= day)
}

/// One person's month, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMonth {
    pub person_id: i64,
    pub name: String,
    pub employment_form: String,
    /// (date, start, end, minutes) of each stretch worked.
    pub worked: Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>, i64)>,
    /// (status, when as stored) of each change.
    pub status_changes: Vec<(String, String)>,
}

/// Writes the file for `period` (`2026-10`, starting on `first_day`) under `rule`.
pub fn write_jobcentre<W: Write>(
    out: W,
    period: &str,
    rule: &Rule,
    months: &[PersonMonth],
) -> Result<(), CsvError> {
    let mut rows = Vec::new();
    for m in months {
        let head = |record: &str| {
            vec![
                period.to_string(),
                m.person_id.to_string(),
                m.name.clone(),
                m.employment_form.clone(),
                record.to_string(),
            ]
        };
        if rule.ordinary_employment_forms.contains(&m.employment_form) {
            for (date, start, end, minutes) in &m.worked {
                let mut row = head("worked");
                row.extend([
                    date.to_string(),
                    clock(*start),
                    clock(*end),
                    hours(*minutes),
                ]);
                row.push(String::new());
                rows.push(row);
            }
            let total: i64 = m.worked.iter().map(|w| w.3).sum();
            let mut row = head("total");
            row.extend([
                String::new(),
                String::new(),
                String::new(),
                hours(total),
                String::new(),
            ]);
            rows.push(row);
        }
        for (status, when) in &m.status_changes {
            let mut row = head("status");
            row.extend([
                when.get(..10).unwrap_or(when).to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            row.push(status.clone());
            rows.push(row);
        }
    }
    write_table(out, COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_of_the_month_decides_which_hours_are_ordinary() {
        let rules = parse_rules(
            r#"[{"valid_from": "2026-07-01", "ordinary_employment_forms": ["small_job"]},
                {"valid_from": "2024-01-01", "ordinary_employment_forms": ["small_job", "other"]}]"#,
        )
        .unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            rule_on(&rules, day("2026-06-01"))
                .unwrap()
                .ordinary_employment_forms
                .len(),
            2
        );
        assert_eq!(
            rule_on(&rules, day("2026-10-01"))
                .unwrap()
                .ordinary_employment_forms,
            ["small_job"]
        );
        assert!(rule_on(&rules, day("2023-12-01")).is_none());
        assert!(parse_rules("[]").is_err() && parse_rules("{").is_err());
        assert_eq!(parse_rules(DEFAULT_RULES).unwrap().len(), 1);

        let t = |s: &str| domain::calendar::parse_instant(s).unwrap();
        let months = [
            PersonMonth {
                person_id: 3,
                name: "Mette Larsen".into(),
                employment_form: "small_job".into(),
                worked: vec![(
                    day("2026-10-05"),
                    t("2026-10-05T09:00:00+02:00"),
                    t("2026-10-05T11:15:00+02:00"),
                    135,
                )],
                status_changes: vec![("active".into(), "2026-10-02T08:00:00Z".into())],
            },
            PersonMonth {
                person_id: 4,
                name: "Ole Jensen".into(),
                employment_form: "other".into(),
                worked: vec![(
                    day("2026-10-06"),
                    t("2026-10-06T09:00:00+02:00"),
                    t("2026-10-06T10:00:00+02:00"),
                    60,
                )],
                status_changes: vec![],
            },
        ];
        let mut out = Vec::new();
        write_jobcentre(
            &mut out,
            "2026-10",
            rule_on(&rules, day("2026-10-01")).unwrap(),
            &months,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines,
            [
                COLUMNS.join(";").as_str(),
                "2026-10;3;Mette Larsen;small_job;worked;2026-10-05;09:00;11:15;2.25;",
                "2026-10;3;Mette Larsen;small_job;total;;;;2.25;",
                "2026-10;3;Mette Larsen;small_job;status;2026-10-02;;;;active",
            ],
            "Ole's hours are not ordinary under the rule of October 2026"
        );
    }
}
