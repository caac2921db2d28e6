use super::pickup::*;
use super::task_request::*;
use super::*;
use crate::pages::hours_minutes;
use crate::pages::i18n::{Lang, assert_both_languages_have, keys_asked_in};

/// The catalogue test in `i18n` checks the Danish catalogue; this one checks both
/// languages for the company's templates and the keys that sit in tables here.
#[test]
fn every_key_the_company_pages_ask_for_exists_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut keys: Vec<String> = WEEKDAYS
        .iter()
        .chain(MONTHS.iter())
        .chain(NOTICES.iter().map(|(_, k)| k))
        .chain(MENU.iter().map(|(_, k)| k))
        .chain(PICKUP_FRACTIONS.iter().map(|(_, k)| k))
        .chain(PICKUP_WINDOWS.iter().map(|(_, k)| k))
        .chain(PICKUP_FIELDS.iter().map(|(_, k)| k))
        .chain([&PICKUP_PRICE])
        .map(|k| k.to_string())
        .collect();
    keys.extend(TaskStatus::ALL.iter().map(|s| status_key(*s).to_string()));
    for entry in std::fs::read_dir(root.join("templates/company")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        keys.extend(keys_asked_in(&text).into_iter().map(str::to_string));
    }
    assert_both_languages_have(&keys);
}

#[test]
fn the_form_becomes_the_apis_draft() {
    let form = TaskForm {
        version: String::new(),
        task_type: "cleaning".into(),
        site: "7".into(),
        title: "Frokoststue".into(),
        date: "2026-12-01".into(),
        start: "09:00".into(),
        end: "11:30".into(),
        people: "2".into(),
        repeat_weeks: "3".into(),
        notes: "Spørg efter Jens".into(),
    };
    let (draft, bad) = draft(
        &form,
        4,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    );
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(draft.company_id, Some(4));
    assert_eq!(
        draft.fixed_start.as_deref(),
        Some("2026-12-01T09:00:00+01:00")
    );
    assert_eq!(draft.duration_minutes, Some(150));
    assert_eq!(
        draft.recurrence.as_deref(),
        Some("weekly Tue until 2026-12-15")
    );
    let task = draft.parse().unwrap();
    assert_eq!(task.occurrences().len(), 3);
    assert_eq!(task.description, "Spørg efter Jens");

    let bad_form = TaskForm {
        date: "1. december".into(),
        end: "08:00".into(),
        ..form.clone()
    };
    let named = |form: &TaskForm| {
        let (draft, bad) = super::task_request::draft(
            form,
            4,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        );
        let fields = with_domain_errors(bad, &draft.parse().unwrap_err());
        let errors = form_errors(Tr::new(Lang::En), fields);
        errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
    };
    assert_eq!(named(&bad_form), ["date", "end"]);
    // A start that cannot be read leaves the end alone: the length is unknown.
    let no_start = TaskForm {
        start: "ni".into(),
        ..form.clone()
    };
    assert_eq!(named(&no_start), ["start"]);
    let too_long = TaskForm {
        end: "20:00".into(),
        title: " ".into(),
        ..form.clone()
    };
    assert_eq!(named(&too_long), ["title", "end"]);
}

#[test]
fn minutes_read_as_hours_and_minutes() {
    assert_eq!(hours_minutes(125), "2:05");
    assert_eq!(hours_minutes(45), "0:45");
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(
        day_text(Tr::new(Lang::Da), date),
        "tirsdag 1. december 2026"
    );
    assert_eq!(day_text(Tr::new(Lang::En), date), "Tuesday 1 December 2026");
}

/// The form offers what the domain lets a company order, and nothing else.
#[test]
fn the_pickup_form_offers_what_a_company_may_order() {
    let fractions: Vec<_> = PICKUP_FRACTIONS.iter().map(|(f, _)| *f).collect();
    assert_eq!(fractions, domain::waste::ORDER_FRACTIONS);
    let windows: Vec<_> = PICKUP_WINDOWS.iter().map(|(w, _)| *w).collect();
    assert_eq!(windows, domain::waste::ORDER_WINDOWS);
}
