//! People and their functional limits, one row per person.
//!
//! The limits are health-related (GDPR art. 9) and travel in the same row only because
//! coordinators move whole records between installations; callers decide who may export.

use crate::table::{UniqueKeys, list, optional, read_table, write_table, yes_no};
use crate::{CsvError, RowError};
use domain::person::{FunctionalLimits, FunctionalLimitsDraft, Person, PersonDraft};
use std::io::{Read, Write};

/// The columns of a people file, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "name",
    "phone",
    "email",
    "preferred_language",
    "address",
    "latitude",
    "longitude",
    "status",
    "leave_outcome",
    "employment_form",
    "flex_approved_hours",
    "weekly_target_hours",
    "weekly_cap_hours",
    "availability",
    "absences",
    "skills",
    "languages",
    "max_lift_kg",
    "max_stretch_minutes",
    "indoor_only",
    "not_before",
    "needs_colleague",
    "max_travel_minutes",
];

/// Writes people and their limits as a people file.
pub fn write_people<W: Write>(
    out: W,
    people: &[(Person, FunctionalLimits)],
) -> Result<(), CsvError> {
    write_table(
        out,
        COLUMNS,
        people.iter().map(|(person, limits)| cells(person, limits)),
    )
}

/// Reads a people file: every row, or an error for every bad value.
pub fn read_people<R: Read>(input: R) -> Result<Vec<(Person, FunctionalLimits)>, Vec<RowError>> {
    let mut emails = UniqueKeys::new("email");
    read_table(input, COLUMNS, |row| {
        let person = PersonDraft {
            name: row.text("name"),
            phone: row.text("phone"),
            email: row.text("email"),
            preferred_language: row.text("preferred_language"),
            address: row.text("address"),
            latitude: row.decimal("latitude"),
            longitude: row.decimal("longitude"),
            status: row.text("status"),
            leave_outcome: row.optional("leave_outcome"),
            employment_form: row.text("employment_form"),
            flex_approved_hours: row.decimal("flex_approved_hours"),
            weekly_target_hours: row.decimal("weekly_target_hours"),
            weekly_cap_hours: row.decimal("weekly_cap_hours"),
            availability: row.text("availability"),
            absences: row.text("absences"),
            skills: row.list("skills"),
            languages: row.list("languages"),
        };
        let limits = FunctionalLimitsDraft {
            max_lift_kg: row.integer("max_lift_kg"),
            max_stretch_minutes: row.integer("max_stretch_minutes"),
            indoor_only: row.flag("indoor_only"),
            not_before: row.optional("not_before"),
            needs_colleague: row.flag("needs_colleague"),
            max_travel_minutes: row.integer("max_travel_minutes"),
        };
        let person = row.domain(person.parse());
        let limits = row.domain(limits.parse());
        if let Some(p) = &person {
            emails.check(row, p.email.as_str());
        }
        Some((person?, limits?))
    })
}

fn cells(person: &Person, limits: &FunctionalLimits) -> Vec<String> {
    let p = PersonDraft::from(person);
    let l = FunctionalLimitsDraft::from(limits);
    vec![
        p.name,
        p.phone,
        p.email,
        p.preferred_language,
        p.address,
        optional(p.latitude),
        optional(p.longitude),
        p.status,
        optional(p.leave_outcome),
        p.employment_form,
        optional(p.flex_approved_hours),
        optional(p.weekly_target_hours),
        optional(p.weekly_cap_hours),
        p.availability,
        p.absences,
        list(&p.skills),
        list(&p.languages),
        optional(l.max_lift_kg),
        optional(l.max_stretch_minutes),
        yes_no(l.indoor_only),
        optional(l.not_before),
        yes_no(l.needs_colleague),
        optional(l.max_travel_minutes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::tests::noise;
    use proptest::prelude::*;

    fn draft() -> PersonDraft {
        PersonDraft {
            name: "Mette Larsen".into(),
            phone: "20 30 40 50".into(),
            email: "mette@example.dk".into(),
            preferred_language: "da".into(),
            address: "Vesterbro 14, 9000 Aalborg".into(),
            latitude: Some(57.0479),
            longitude: Some(9.9187),
            status: "active".into(),
            employment_form: "small_job".into(),
            weekly_target_hours: Some(6.0),
            weekly_cap_hours: Some(8.0),
            availability: "Mon 09:00-13:00".into(),
            skills: vec!["sorting".into(), "cleaning".into()],
            languages: vec!["da".into()],
            ..Default::default()
        }
    }

    fn varied() -> Vec<(Person, FunctionalLimits)> {
        let flex = PersonDraft {
            name: "Ahmad \"Ali\" Hassan; jr.".into(),
            phone: "+46 70 123 45 67".into(),
            email: "ahmad@example.dk".into(),
            preferred_language: "en".into(),
            address: "Søndergade 3, st. tv., 9220 Aalborg Øst".into(),
            latitude: Some(57.03),
            longitude: Some(-0.5),
            employment_form: "flex_job".into(),
            flex_approved_hours: Some(12.25),
            weekly_target_hours: Some(7.5),
            weekly_cap_hours: Some(10.75),
            availability: "wed 10:00-12:00, Mon 09:00-13:00, Mon 14:00-24:00".into(),
            absences: "2026-12-24..2026-12-31 holiday, 2026-12-02 syg".into(),
            skills: vec!["forklift".into(), "cleaning".into(), "first_aid".into()],
            languages: vec!["ar".into(), "da".into(), "en".into()],
            ..draft()
        };
        let left = PersonDraft {
            name: "Ole Sørensen".into(),
            email: "ole@example.dk".into(),
            status: "left".into(),
            leave_outcome: Some("ordinary_job".into()),
            employment_form: "other".into(),
            weekly_target_hours: Some(0.0),
            weekly_cap_hours: Some(37.0),
            availability: String::new(),
            skills: Vec::new(),
            languages: Vec::new(),
            ..draft()
        };
        let limits = FunctionalLimitsDraft {
            max_lift_kg: Some(10),
            max_stretch_minutes: Some(120),
            indoor_only: true,
            not_before: Some("09:30".into()),
            needs_colleague: true,
            max_travel_minutes: Some(30),
        };
        vec![
            (draft().parse().unwrap(), FunctionalLimits::default()),
            (flex.parse().unwrap(), limits.parse().unwrap()),
            (
                left.parse().unwrap(),
                FunctionalLimitsDraft {
                    max_lift_kg: Some(0),
                    ..Default::default()
                }
                .parse()
                .unwrap(),
            ),
        ]
    }

    fn export(people: &[(Person, FunctionalLimits)]) -> Vec<u8> {
        let mut out = Vec::new();
        write_people(&mut out, people).unwrap();
        out
    }

    fn shown(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(RowError::to_string).collect()
    }

    #[test]
    fn export_writes_the_documented_form() {
        let text = String::from_utf8(export(&varied()[..2])).unwrap();
        let expected = "\u{FEFF}name;phone;email;preferred_language;address;latitude;longitude;status;leave_outcome;\
            employment_form;flex_approved_hours;weekly_target_hours;weekly_cap_hours;availability;absences;skills;\
            languages;max_lift_kg;max_stretch_minutes;indoor_only;not_before;needs_colleague;max_travel_minutes\r\n\
            Mette Larsen;+4520304050;mette@example.dk;da;Vesterbro 14, 9000 Aalborg;57.0479;9.9187;active;;small_job;;6;8;\
            Mon 09:00-13:00;;cleaning, sorting;da;;;no;;no;\r\n\
            \"Ahmad \"\"Ali\"\" Hassan; jr.\";+46701234567;ahmad@example.dk;en;Søndergade 3, st. tv., 9220 Aalborg Øst;57.03;-0.5;\
            active;;flex_job;12.25;7.5;10.75;Mon 09:00-13:00, Mon 14:00-24:00, Wed 10:00-12:00;\
            2026-12-02 sick, 2026-12-24..2026-12-31 holiday;cleaning, forklift, first_aid;ar, da, en;10;120;yes;09:30;yes;30\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn export_import_export_is_identical() {
        let people = varied();
        let first = export(&people);
        let read = read_people(&first[..]).unwrap();
        assert_eq!(read, people);
        assert_eq!(export(&read), first);
    }

    #[test]
    fn import_takes_files_with_and_without_a_bom() {
        let with = export(&varied());
        let without = &with[3..];
        assert!(!without.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(
            read_people(&with[..]).unwrap(),
            read_people(without).unwrap()
        );
    }

    #[test]
    fn one_bad_row_among_good_ones_fails_the_whole_import() {
        let text = String::from_utf8(export(&varied())).unwrap();
        let bad = text
            .replacen(
                "Ole Sørensen;+4520304050;ole@example.dk",
                "Ole Sørensen;+4520304050;nope",
                1,
            )
            .replacen(
                ";left;ordinary_job;other;;0;37;",
                ";left;;other;;abc;99;",
                1,
            );
        let errors = read_people(bad.as_bytes()).unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 4, column email: 'nope' is not an e-mail address like navn@firma.dk",
                "line 4, column leave_outcome: is required when the status is left",
                "line 4, column weekly_target_hours: 'abc' is not a number like 7.5",
                "line 4, column weekly_cap_hours: 99 hours is more than a full-time week (37 hours)",
            ]
        );
    }

    #[test]
    fn a_file_names_each_person_once() {
        let text = String::from_utf8(export(&varied()))
            .unwrap()
            .replacen(";ahmad@example.dk;", ";Mette@Example.dk;", 1)
            .replacen(";ole@example.dk;", ";mette@example.dk;", 1);
        let errors = read_people(text.as_bytes()).unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 3, column email: 'mette@example.dk' is also on line 2; a file names each record once",
                "line 4, column email: 'mette@example.dk' is also on line 2; a file names each record once",
            ]
        );
    }

    #[test]
    fn a_missing_column_is_reported_on_line_one() {
        let text =
            String::from_utf8(export(&varied()))
                .unwrap()
                .replacen(";max_travel_minutes", "", 1);
        let errors = read_people(text.as_bytes()).unwrap_err();
        assert_eq!(
            shown(errors),
            ["line 1, column max_travel_minutes: is missing from the header"]
        );
    }

    #[test]
    fn absurd_hours_are_refused_not_overflowed() {
        let text =
            String::from_utf8(export(&varied()[..1]))
                .unwrap()
                .replacen(";6;8;", ";1e300;8;", 1);
        let errors = read_people(text.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].column, "weekly_target_hours");
    }

    /// Up to four people, each with an e-mail of their own, as a file names each person once.
    fn people() -> impl Strategy<Value = Vec<(Person, FunctionalLimits)>> {
        (0usize..5).prop_flat_map(|n| (0..n).map(person).collect::<Vec<_>>())
    }

    /// A valid person whose e-mail address is made from `index`.
    fn person(index: usize) -> impl Strategy<Value = (Person, FunctionalLimits)> {
        let skills = prop::sample::subsequence(
            vec!["cleaning", "sorting", "gardening", "forklift", "office_it"],
            0..4,
        );
        let hours = (0u32..=148, 0u32..=148)
            .prop_map(|(a, b)| (a.min(b) as f64 / 4.0, a.max(b) as f64 / 4.0));
        let status = prop::sample::select(vec![
            ("active", None),
            ("referred", None),
            ("paused", None),
            ("left", Some("education")),
            ("left", Some("other")),
        ]);
        let slots = prop::collection::vec((0usize..7, 0u16..24, 1u16..4), 0..4);
        let limits = (
            prop::option::of(0i64..=100),
            prop::option::of(15i64..=720),
            any::<bool>(),
            prop::option::of((5u16..12, 0u16..60)),
            any::<bool>(),
            prop::option::of(0i64..=240),
        );
        (
            "[A-ZÆØÅ][a-zæøå;\" ]{0,12}[a-z]",
            -90.0f64..90.0,
            -180.0f64..180.0,
            hours,
            any::<bool>(),
            status,
            slots,
            skills,
            limits,
        )
            .prop_filter_map(
                "a valid person",
                move |(
                    name,
                    lat,
                    lon,
                    (target, cap),
                    flex,
                    (status, outcome),
                    slots,
                    skills,
                    l,
                )| {
                    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                    let availability: Vec<String> = slots
                        .iter()
                        .map(|(d, h, len)| format!("{} {h:02}:00-{:02}:00", DAYS[*d], h + len))
                        .collect();
                    let person = PersonDraft {
                        name,
                        email: format!("person{index}@example.dk"),
                        latitude: Some(lat),
                        longitude: Some(lon),
                        status: status.into(),
                        leave_outcome: outcome.map(Into::into),
                        employment_form: if flex { "flex_job" } else { "small_job" }.into(),
                        flex_approved_hours: flex.then_some(cap),
                        weekly_target_hours: Some(target),
                        weekly_cap_hours: Some(cap),
                        availability: availability.join(", "),
                        skills: skills.into_iter().map(Into::into).collect(),
                        ..draft()
                    };
                    let limits = FunctionalLimitsDraft {
                        max_lift_kg: l.0,
                        max_stretch_minutes: l.1,
                        indoor_only: l.2,
                        not_before: l.3.map(|(h, m)| format!("{h:02}:{m:02}")),
                        needs_colleague: l.4,
                        max_travel_minutes: l.5,
                    };
                    Some((person.parse().ok()?, limits.parse().ok()?))
                },
            )
    }

    proptest! {
        #[test]
        fn any_people_export_import_export_identically(people in people()) {
            let first = export(&people);
            let read = read_people(&first[..]).unwrap();
            prop_assert_eq!(&read, &people);
            prop_assert_eq!(export(&read), first);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_people(&bytes[..]);
        }

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = read_people(text.as_bytes());
        }

        #[test]
        fn any_cell_value_never_panics(column in 0..COLUMNS.len(), value in noise()) {
            let mut row = cells(&varied()[1].0, &varied()[1].1);
            row[column] = value;
            let mut out = Vec::new();
            write_table(&mut out, COLUMNS, [row]).unwrap();
            let _ = read_people(&out[..]);
        }
    }
}
