#[test]
fn a_clock_time_the_spring_change_skips_is_none_or_an_hour_later() {
    let local = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    let at = |text: &str| parse_instant(text).unwrap();
    let skipped = local("2027-03-28 02:30");
    assert_eq!(local_instant(skipped), None);
    assert_eq!(
        local_instant_or_later(skipped),
        at("2027-03-28T03:30:00+02:00")
    );
    // Shown twice in the autumn: the first.
    let twice = local("2026-10-25 02:30");
    assert_eq!(local_instant(twice), Some(at("2026-10-25T02:30:00+02:00")));
    let winter = local("2026-12-01 09:00");
    assert_eq!(
        local_instant_or_later(winter),
        at("2026-12-01T09:00:00+01:00")
    );
}

#[test]
fn a_started_minute_counts_whole() {
    let at = |text: &str| parse_instant(text).unwrap();
    let from = at("2026-12-01T09:00:00+01:00");
    assert_eq!(started_minutes(from, at("2026-12-01T09:30:00+01:00")), 30);
    assert_eq!(started_minutes(from, at("2026-12-01T09:30:01+01:00")), 31);
    assert_eq!(started_minutes(from, from), 0);
    assert_eq!(started_minutes(at("2026-12-01T10:00:00+01:00"), from), 0);
}

use super::*;
use proptest::prelude::*;

#[test]
fn availability_reads_and_writes_the_compact_form() {
    let a = WeeklyAvailability::parse("wed 10:00-12:00, Mon 09:00-13:00").unwrap();
    assert_eq!(a.to_string(), "Mon 09:00-13:00, Wed 10:00-12:00");
    assert_eq!(a.weekly_minutes(), 360);
    assert!(WeeklyAvailability::parse("Mon 09:00-13:00, man 12:00-14:00").is_err());
    assert!(WeeklyAvailability::parse("Mon 13:00-09:00").is_err());
    assert!(WeeklyAvailability::parse("").unwrap().slots().is_empty());
}

#[test]
fn weekdays_in_danish_and_english() {
    for (text, day) in [
        ("lør", Weekday::Sat),
        ("Søndag", Weekday::Sun),
        ("tirsdag", Weekday::Tue),
        ("Fri", Weekday::Fri),
    ] {
        assert_eq!(parse_weekday(text).unwrap(), day, "{text}");
    }
    for bad in ["monkey", "mo", "lø", ""] {
        assert!(parse_weekday(bad).is_err(), "{bad}");
    }
    assert_eq!(
        WeeklyAvailability::parse("lør 10:00-12:00")
            .unwrap()
            .to_string(),
        "Sat 10:00-12:00"
    );
}

#[test]
fn instants_show_in_copenhagen() {
    let winter = parse_instant("2026-12-01T08:00:00Z").unwrap();
    assert_eq!(format_instant(winter), "2026-12-01T09:00:00+01:00");
    let summer = parse_instant("2026-07-01T08:00:00Z").unwrap();
    assert_eq!(format_instant(summer), "2026-07-01T10:00:00+02:00");
}

#[test]
fn absences() {
    let a = Absences::parse("2026-12-02 syg, 2026-12-24..2026-12-31 holiday").unwrap();
    assert_eq!(
        a.to_string(),
        "2026-12-02 sick, 2026-12-24..2026-12-31 holiday"
    );
    assert!(a.on(parse_date("2026-12-25").unwrap()).is_some());
    assert!(a.on(parse_date("2026-12-03").unwrap()).is_none());
    assert!(Absences::parse("2026-12-31..2026-12-24 holiday").is_err());
}

fn window() -> impl Strategy<Value = TimeWindow> {
    (0u16..1439)
        .prop_flat_map(|s| (Just(s), s + 1..=1440))
        .prop_map(|(s, e)| TimeWindow::new(s, e).unwrap())
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|d| Weekday::try_from(d).unwrap())
}

proptest! {
    #[test]
    fn windows_print_and_parse_back(w in window()) {
        prop_assert_eq!(TimeWindow::parse(&w.to_string()).unwrap(), w);
    }

    #[test]
    fn windows_need_a_positive_length(s in 0u16..1440, e in 0u16..1440) {
        prop_assert_eq!(TimeWindow::new(s, e).is_ok(), e > s);
    }

    #[test]
    fn overlap_is_symmetric_and_means_a_shared_minute(a in window(), b in window()) {
        prop_assert_eq!(a.overlaps(b), b.overlaps(a));
        let shared = (0..1440u16).any(|m| a.contains(m, 1) && b.contains(m, 1));
        prop_assert_eq!(a.overlaps(b), shared);
    }

    #[test]
    fn availability_round_trips(slots in prop::collection::vec((weekday(), window()), 0..6)) {
        if let Ok(a) = WeeklyAvailability::from_slots(slots) {
            prop_assert_eq!(WeeklyAvailability::parse(&a.to_string()).unwrap(), a);
        }
    }

    #[test]
    fn recurrence_expands_to_exactly_its_weekdays(
        days in prop::collection::btree_set(weekday().prop_map(|d| d.num_days_from_monday()), 1..7),
        first_offset in 0i64..700,
        span in 0i64..366,
    ) {
        let weekdays: Vec<Weekday> = days.iter().map(|d| Weekday::try_from(*d as u8).unwrap()).collect();
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(first_offset);
        let until = start + Duration::days(span);
        let rule = Recurrence::new(weekdays.clone(), until).unwrap();
        let dates = rule.dates_from(start);
        prop_assert!(dates.windows(2).all(|p| p[0] < p[1]));
        prop_assert!(dates.iter().all(|d| *d >= start && *d <= until && weekdays.contains(&d.weekday())));
        let expected = (0..=span).filter(|i| weekdays.contains(&(start + Duration::days(*i)).weekday())).count();
        prop_assert_eq!(dates.len(), expected);
        prop_assert_eq!(Recurrence::parse(&rule.to_string()).unwrap(), rule);
    }

    #[test]
    fn weekly_hours_are_quarter_hours(quarters in 0u32..=148) {
        let h = WeeklyHours::from_hours(quarters as f64 / 4.0).unwrap();
        prop_assert_eq!(h.minutes(), quarters * 15);
        prop_assert!(WeeklyHours::from_hours(quarters as f64 / 4.0 + 0.1).is_err());
    }

    #[test]
    fn any_number_of_hours_is_answered(hours in proptest::num::f64::ANY) {
        let _ = WeeklyHours::from_hours(hours);
    }
}

#[test]
fn dates_times_weeks_and_months_stay_within_the_years_kept() {
    for bad in ["0000-01-01", "9999-12-31", "1999-12-31"] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
    assert!(parse_date("2000-01-01").is_ok() && parse_date("2100-12-31").is_ok());
    assert!(parse_instant("9999-01-01T09:00:00+01:00").is_err());
    for bad in ["0000-W01", "+10000-W01", "2101-W01", "-2026-W01"] {
        assert!(crate::week::Week::parse(bad).is_err(), "{bad}");
    }
    assert!(crate::invoice::Period::parse("0000-01").is_err());
    assert!(crate::invoice::Period::parse("2026-10").is_ok());
}

#[test]
fn instants_show_in_copenhagen_time_with_the_offset_of_their_season() {
    for (utc, shown) in [
        ("2026-12-01T08:00:00Z", "2026-12-01T09:00:00+01:00"),
        ("2026-07-01T22:30:05Z", "2026-07-02T00:30:05+02:00"),
        // The autumn change's repeated hour: one clock time, two offsets.
        ("2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00"),
        ("2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00"),
    ] {
        assert_eq!(format_instant(parse_instant(utc).unwrap()), shown);
    }
}

#[test]
fn clock_times_are_read_as_chrono_reads_them() {
    for text in [
        "09:30",
        "9:30",
        "9:5",
        "00:00",
        "23:59",
        " 07:15 ",
        "24:00",
        "12:60",
        "1230",
        "12:3x",
        "+9:30",
        "09: 30",
        "09 :30",
        "123:00",
        ":30",
        "09:",
        "",
        "٠٩:٣٠",
        "9:30:00",
    ] {
        let ours = ClockTime::parse(text).ok().map(ClockTime::minutes);
        let chrono = chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .ok()
            .map(|t| (t.hour() * 60 + t.minute()) as u16);
        assert_eq!(ours, chrono, "{text:?}");
    }
}
