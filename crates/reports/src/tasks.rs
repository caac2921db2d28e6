//! Task requests, one row per request, naming company and site by CVR and P-number
//! because database ids differ between installations.

use crate::table::{list, optional, read_table, write_table, yes_no};
use crate::{CsvError, RowError};
use domain::identifiers::{Cvr, PNumber};
use domain::task::{TaskDraft, TaskRequest, TaskStatus};
use std::io::{Read, Write};

/// The columns of a tasks file, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "company_cvr",
    "site_p_number",
    "status",
    "task_type",
    "title",
    "description",
    "lift_kg",
    "standing",
    "outdoors",
    "required_skills",
    "people_needed",
    "duration_minutes",
    "fixed_start",
    "window_start",
    "window_end",
    "recurrence",
];

/// A task request with its status, tied to its company and site by natural keys.
#[derive(Debug, Clone, Eq)]
pub struct TaskRow {
    /// The ordering company.
    pub company_cvr: Cvr,
    /// The site of that company where the task happens.
    pub site_p_number: PNumber,
    /// Where the request is in its lifecycle.
    pub status: TaskStatus,
    /// `company_id` and `site_id` are 0 here: the caller resolves the CVR and P-number.
    pub request: TaskRequest,
    /// The line the row started on in the file it was read from (0 when not read from one),
    /// so an unknown CVR or P-number found later can be reported like any other bad value.
    pub line: usize,
}

/// Two rows are the same task whichever line of a file they came from.
impl PartialEq for TaskRow {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.company_cvr,
            &self.site_p_number,
            self.status,
            &self.request,
        ) == (
            &other.company_cvr,
            &other.site_p_number,
            other.status,
            &other.request,
        )
    }
}

/// `TaskDraft::parse` demands ids; any positive one will do until the caller resolves the keys.
const UNRESOLVED_ID: i64 = 1;

/// Writes task requests as a tasks file.
pub fn write_tasks<W: Write>(out: W, tasks: &[TaskRow]) -> Result<(), CsvError> {
    write_table(out, COLUMNS, tasks.iter().map(cells))
}

/// Reads a tasks file: every task, or an error for every bad value.
pub fn read_tasks<R: Read>(input: R) -> Result<Vec<TaskRow>, Vec<RowError>> {
    read_table(input, COLUMNS, |row| {
        let company_cvr = row.check("company_cvr", Cvr::parse(row.cell("company_cvr")));
        let site_p_number = row.check("site_p_number", PNumber::parse(row.cell("site_p_number")));
        let status = row.check("status", TaskStatus::parse(row.cell("status")));
        let draft = TaskDraft {
            company_id: Some(UNRESOLVED_ID),
            site_id: Some(UNRESOLVED_ID),
            task_type: row.text("task_type"),
            title: row.text("title"),
            description: row.text("description"),
            lift_kg: row.integer("lift_kg"),
            standing: row.flag("standing"),
            outdoors: row.flag("outdoors"),
            required_skills: row.list("required_skills"),
            people_needed: row.integer("people_needed"),
            duration_minutes: row.integer("duration_minutes"),
            fixed_start: row.optional("fixed_start"),
            window_start: row.optional("window_start"),
            window_end: row.optional("window_end"),
            recurrence: row.optional("recurrence"),
        };
        let request = row.domain(draft.parse())?;
        Some(TaskRow {
            line: row.line(),
            company_cvr: company_cvr?,
            site_p_number: site_p_number?,
            status: status?,
            request: TaskRequest {
                company_id: 0,
                site_id: 0,
                ..request
            },
        })
    })
}

fn cells(task: &TaskRow) -> Vec<String> {
    let t = TaskDraft::from(&task.request);
    vec![
        task.company_cvr.to_string(),
        task.site_p_number.to_string(),
        task.status.code().to_string(),
        t.task_type,
        t.title,
        t.description,
        optional(t.lift_kg),
        yes_no(t.standing),
        yes_no(t.outdoors),
        list(&t.required_skills),
        optional(t.people_needed),
        optional(t.duration_minutes),
        optional(t.fixed_start),
        optional(t.window_start),
        optional(t.window_end),
        optional(t.recurrence),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::tests::noise;
    use chrono::{Datelike, Duration, NaiveDate, Weekday};
    use proptest::prelude::*;

    fn draft() -> TaskDraft {
        TaskDraft {
            company_id: Some(UNRESOLVED_ID),
            site_id: Some(UNRESOLVED_ID),
            task_type: "cleaning".into(),
            title: "Frokoststue".into(),
            duration_minutes: Some(90),
            fixed_start: Some("2026-12-01T09:00:00+01:00".into()),
            ..Default::default()
        }
    }

    fn row(status: TaskStatus, draft: TaskDraft) -> TaskRow {
        TaskRow {
            line: 0,
            company_cvr: Cvr::parse("29189420").unwrap(),
            site_p_number: PNumber::parse("1003456789").unwrap(),
            status,
            request: TaskRequest {
                company_id: 0,
                site_id: 0,
                ..draft.parse().unwrap()
            },
        }
    }

    fn varied() -> Vec<TaskRow> {
        let weekly = TaskDraft {
            task_type: "gardening".into(),
            title: "Hæk; \"klipning\"".into(),
            description: "Første linje\r\nanden linje, med komma | og streg".into(),
            lift_kg: Some(15),
            standing: true,
            outdoors: true,
            required_skills: vec!["power_tools".into(), "gardening".into()],
            people_needed: Some(2),
            duration_minutes: Some(240),
            fixed_start: None,
            window_start: Some("2026-10-20T08:00:00+02:00".into()),
            window_end: Some("2026-10-20T10:30:00+02:00".into()),
            recurrence: Some("weekly Thu,Tue until 2026-11-05".into()),
            ..draft()
        };
        vec![
            row(TaskStatus::Requested, draft()),
            row(TaskStatus::NoShow, weekly),
        ]
    }

    fn export(tasks: &[TaskRow]) -> Vec<u8> {
        let mut out = Vec::new();
        write_tasks(&mut out, tasks).unwrap();
        out
    }

    fn shown(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(RowError::to_string).collect()
    }

    #[test]
    fn export_writes_the_documented_form() {
        let text = String::from_utf8(export(&varied())).unwrap();
        let expected = "\u{FEFF}company_cvr;site_p_number;status;task_type;title;description;lift_kg;standing;outdoors;\
            required_skills;people_needed;duration_minutes;fixed_start;window_start;window_end;recurrence\r\n\
            29189420;1003456789;requested;cleaning;Frokoststue;;0;no;no;;1;90;2026-12-01T09:00:00+01:00;;;\r\n\
            29189420;1003456789;no_show;gardening;\"Hæk; \"\"klipning\"\"\";\"Første linje\r\nanden linje, med komma | og streg\";\
            15;yes;yes;gardening, power_tools;2;240;;2026-10-20T08:00:00+02:00;2026-10-20T10:30:00+02:00;\
            weekly Tue,Thu until 2026-11-05\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn export_import_export_is_identical() {
        let tasks = varied();
        let first = export(&tasks);
        let read = read_tasks(&first[..]).unwrap();
        assert_eq!(read, tasks);
        assert_eq!(export(&read), first);
        assert_eq!(read_tasks(&first[3..]).unwrap(), tasks, "without the BOM");
    }

    #[test]
    fn imports_fill_defaults_and_take_utc_times() {
        let text = "company_cvr;site_p_number;status;task_type;title;description;lift_kg;standing;outdoors;\
            required_skills;people_needed;duration_minutes;fixed_start;window_start;window_end;recurrence\n\
            2918 9420;1003456789;planned;Cleaning;  Vask ;;;ja;;;;60;2026-07-01T08:00:00Z;;;\n";
        let read = read_tasks(text.as_bytes()).unwrap();
        let out = String::from_utf8(export(&read)).unwrap();
        assert!(
            out.ends_with("29189420;1003456789;planned;cleaning;Vask;;0;yes;no;;1;60;2026-07-01T10:00:00+02:00;;;\r\n"),
            "{out}"
        );
    }

    #[test]
    fn one_bad_row_among_good_ones_fails_the_whole_import() {
        let mut text = String::from_utf8(export(&varied())).unwrap();
        text.push_str("29189421;1003456789;started;cleaning;;;;no;no;juggling;1;90;2026-12-01T09:00:00+01:00;;;\r\n");
        text.push_str("29189420;1003456789;requested;cleaning;Ok;;;no;no;;1;90;;2026-12-01T09:00:00+01:00;;\r\n");
        let errors = read_tasks(text.as_bytes()).unwrap_err();
        let known = TaskStatus::ALL
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(
            shown(errors),
            [
                "line 5, column company_cvr: '29189421' fails the CVR modulus-11 check".to_string(),
                format!("line 5, column status: 'started' is not a task status; known: {known}"),
                "line 5, column title: must not be empty".to_string(),
                format!(
                    "line 5, column required_skills: 'juggling' is not a known skill; known: {}",
                    skill_codes()
                ),
                "line 6, column window_end: is required with window_start".to_string(),
            ]
        );
    }

    fn skill_codes() -> String {
        domain::catalogue::Skill::ALL
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn task() -> impl Strategy<Value = TaskRow> {
        let statuses = prop::sample::select(TaskStatus::ALL.to_vec());
        let skills =
            prop::sample::subsequence(vec!["cleaning", "sorting", "forklift", "first_aid"], 0..3);
        (
            statuses,
            prop::sample::select(vec!["cleaning", "delivery", "maintenance"]),
            "[A-ZÆØÅ][a-zæøå;\"|, ]{0,12}[a-z]",
            "[a-zæøå;\"|,\r\n ]{0,20}",
            (
                prop::option::of(0i64..=100),
                any::<bool>(),
                any::<bool>(),
                skills,
                prop::option::of(1i64..=20),
                15i64..=600,
            ),
            (0i64..400, 6u32..20, prop::option::of(0u32..4 * 60)),
            prop::option::of((prop::collection::btree_set(0u8..7, 0..3), 0i64..=366)),
        )
            .prop_filter_map(
                "a valid task",
                |(status, task_type, title, description, body, when, repeat)| {
                    let (lift, standing, outdoors, skills, people, duration) = body;
                    let (day, hour, window) = when;
                    let date = NaiveDate::from_ymd_opt(2026, 1, 5)? + Duration::days(day);
                    let at = |minutes: u32| {
                        format!(
                            "{date}T{:02}:{:02}:00+01:00",
                            hour + minutes / 60,
                            minutes % 60
                        )
                    };
                    let (fixed, from, to) = match window {
                        None => (Some(at(0)), None, None),
                        Some(minutes) => (None, Some(at(0)), Some(at(minutes))),
                    };
                    let recurrence = repeat.map(|(days, span)| {
                        let mut days: Vec<Weekday> = days
                            .into_iter()
                            .filter_map(|d| Weekday::try_from(d).ok())
                            .collect();
                        days.push(date.weekday());
                        let names: Vec<String> = days.iter().map(|d| d.to_string()).collect();
                        format!(
                            "weekly {} until {}",
                            names.join(","),
                            date + Duration::days(span)
                        )
                    });
                    let request = TaskDraft {
                        task_type: task_type.into(),
                        title,
                        description,
                        lift_kg: lift,
                        standing,
                        outdoors,
                        required_skills: skills.into_iter().map(Into::into).collect(),
                        people_needed: people,
                        duration_minutes: Some(duration),
                        fixed_start: fixed,
                        window_start: from,
                        window_end: to,
                        recurrence,
                        ..draft()
                    }
                    .parse()
                    .ok()?;
                    Some(TaskRow {
                        request: TaskRequest {
                            company_id: 0,
                            site_id: 0,
                            ..request
                        },
                        ..row(status, draft())
                    })
                },
            )
    }

    proptest! {
        #[test]
        fn any_tasks_export_import_export_identically(tasks in prop::collection::vec(task(), 0..5)) {
            let first = export(&tasks);
            let read = read_tasks(&first[..]).unwrap();
            prop_assert_eq!(&read, &tasks);
            prop_assert_eq!(export(&read), first);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_tasks(&bytes[..]);
        }

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = read_tasks(text.as_bytes());
        }

        #[test]
        fn any_cell_value_never_panics(column in 0..COLUMNS.len(), value in noise()) {
            let mut row = cells(&varied()[1]);
            row[column] = value;
            let mut out = Vec::new();
            write_table(&mut out, COLUMNS, [row]).unwrap();
            let _ = read_tasks(&out[..]);
        }
    }
}
