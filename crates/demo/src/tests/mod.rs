//! Checks that the demo is deterministic, sized as promised, and internally consistent.

mod flexwaste;
mod load;

use crate::{DAYS, DemoSet, generate};
use chrono::{Datelike, Duration, NaiveDate};
use domain::calendar::local_date;
use domain::identifiers::EInvoiceAddress;
use domain::person::{EmploymentForm, PersonStatus};
use std::collections::BTreeSet;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("a real date")
}

fn demo(seed: u64) -> DemoSet {
    generate(seed, monday()).expect("the demo generates")
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
    let a = demo(1);
    assert_eq!(a, demo(1));
    assert_eq!(format!("{a:?}"), format!("{:?}", demo(1)));
    let b = demo(2);
    assert_ne!(a, b);
    let names = |d: &DemoSet| {
        d.people
            .iter()
            .map(|p| p.person.name.clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(names(&a), names(&b));
    assert_ne!(a.tasks[0].request, b.tasks[0].request);
}

#[test]
fn counts_are_in_range_for_many_seeds() {
    for seed in 0..20 {
        let d = demo(seed);
        assert!(
            (55..=65).contains(&d.people.len()),
            "seed {seed}: {} people",
            d.people.len()
        );
        assert!(
            (22..=28).contains(&d.companies.len()),
            "seed {seed}: {} companies",
            d.companies.len()
        );
        assert!(
            (270..=330).contains(&d.tasks.len()),
            "seed {seed}: {} tasks",
            d.tasks.len()
        );
        for (i, company) in d.companies.iter().enumerate() {
            let agreed = d.agreements.iter().filter(|a| a.company == i).count();
            assert!(
                (1..=3).contains(&agreed),
                "{} has {agreed} agreements",
                company.name
            );
            assert!(
                (1..=3).contains(&company.sites.len()) && (1..=2).contains(&company.contacts.len())
            );
        }
    }
}

#[test]
fn a_start_that_is_not_a_monday_is_refused() {
    let tuesday = monday() + Duration::days(1);
    let err = generate(1, tuesday).unwrap_err();
    assert!(err.0.contains("2026-12-01"), "{err}");
    assert!(generate(1, monday() + Duration::days(7)).is_ok());
}

#[test]
fn every_task_is_covered_by_an_agreement_at_a_real_site() {
    let d = demo(1);
    for task in &d.tasks {
        let company = &d.companies[task.company];
        assert!(
            task.site < company.sites.len(),
            "site {} of {}",
            task.site,
            company.name
        );
        assert!(
            d.agreements
                .iter()
                .any(|a| a.company == task.company
                    && a.agreement.task_type == task.request.task_type),
            "{} has no agreement for {}",
            company.name,
            task.request.task_type
        );
        assert_eq!((task.request.company_id, task.request.site_id), (0, 0));
    }
    assert!(
        d.agreements.iter().all(|a| a.agreement.company_id == 0
            && a.agreement.price_per_hour >= a.agreement.wage_per_hour)
    );
}

#[test]
fn every_occurrence_lies_on_a_weekday_in_working_hours_within_the_four_weeks() {
    // The second start spans Easter 2027 and the change to summer time on 28 March.
    let starts = [
        monday(),
        NaiveDate::from_ymd_opt(2027, 3, 15).expect("a real date"),
    ];
    for (start, seed) in starts
        .into_iter()
        .flat_map(|s| (0..4).map(move |seed| (s, seed)))
    {
        let end = start + Duration::days(DAYS);
        let d = generate(seed, start).expect("the demo generates");
        for task in &d.tasks {
            let occurrences = task.request.occurrences();
            assert!(!occurrences.is_empty());
            for occurrence in occurrences {
                let day = local_date(occurrence.earliest());
                assert!(
                    start <= day && day < end,
                    "{day} is outside the demo: {:?}",
                    task.request
                );
                assert!(
                    day.weekday().num_days_from_monday() < 5,
                    "{day} is a weekend"
                );
                let from = domain::calendar::ClockTime::of(occurrence.earliest()).minutes();
                let to = domain::calendar::ClockTime::of(occurrence.latest()).minutes()
                    + task.request.duration_minutes;
                assert!(
                    from >= 7 * 60 && to <= 16 * 60,
                    "{from}..{to} is outside 07:00-16:00"
                );
            }
            // Weekly series may still meet a holiday; only their first date is chosen freely.
            let first = local_date(task.request.start.earliest());
            assert!(
                !crate::holidays::is_closed(first),
                "a task starts on the closing day {first}"
            );
        }
        let recurring = d
            .tasks
            .iter()
            .filter(|t| t.request.recurrence.is_some())
            .count();
        assert!(
            recurring > 0 && recurring < d.tasks.len() / 4,
            "seed {seed}: {recurring} weekly requests"
        );
    }
}

#[test]
fn emails_cvr_and_p_numbers_are_unique() {
    let d = demo(3);
    let emails: BTreeSet<&str> = d.people.iter().map(|p| p.person.email.as_str()).collect();
    assert_eq!(emails.len(), d.people.len());
    assert!(
        emails
            .iter()
            .all(|e| e.ends_with("@example.dk") || e.ends_with("@example.com"))
    );
    let cvrs: BTreeSet<&str> = d.companies.iter().map(|c| c.cvr.as_str()).collect();
    assert_eq!(cvrs.len(), d.companies.len());
    let sites: Vec<&str> = d
        .companies
        .iter()
        .flat_map(|c| c.sites.iter().map(|s| s.p_number.as_str()))
        .collect();
    assert_eq!(sites.iter().collect::<BTreeSet<_>>().len(), sites.len());
}

#[test]
fn people_are_varied_and_consistent() {
    let d = demo(1);
    let statuses: BTreeSet<&str> = d.people.iter().map(|p| p.person.status.code()).collect();
    assert_eq!(statuses.len(), PersonStatus::CODES.len(), "{statuses:?}");
    let active = d
        .people
        .iter()
        .filter(|p| p.person.status == PersonStatus::Active)
        .count();
    assert!(active * 2 > d.people.len());
    assert!(
        d.people
            .iter()
            .any(|p| matches!(p.person.employment, EmploymentForm::FlexJob { .. }))
    );
    for p in &d.people {
        let person = &p.person;
        let (cap, target) = (person.weekly_cap.minutes(), person.weekly_target.minutes());
        assert!(
            (300..=600).contains(&cap) && target <= cap,
            "{}: cap {cap}, target {target}",
            person.name
        );
        assert!(person.availability.weekly_minutes() >= target);
        assert!((2..=4).contains(&person.availability.slots().len()));
        assert!((1..=4).contains(&person.skills.len()));
        let preferred = person.preferred_language.code();
        assert!(
            person.languages.iter().any(|l| l.as_str() == preferred),
            "{} does not speak {preferred}",
            person.name
        );
        if let EmploymentForm::FlexJob { approved } = person.employment {
            assert!(approved >= person.weekly_cap);
        }
        let c = person.home.coordinates;
        assert!(
            (57.02..=57.07).contains(&c.latitude) && (9.85..=9.98).contains(&c.longitude),
            "{c:?}"
        );
        for absence in person.absences.list() {
            assert!(absence.from >= monday() && absence.to < monday() + Duration::days(DAYS));
        }
        if let Some(not_before) = p.limits.not_before {
            assert!(
                person
                    .availability
                    .slots()
                    .iter()
                    .all(|(_, w)| w.start_minutes() >= not_before.minutes())
            );
        }
    }
}

#[test]
fn public_customers_receive_e_invoices_at_a_danish_gln() {
    let d = demo(1);
    let with_address = d
        .companies
        .iter()
        .filter(|c| c.einvoice_address.is_some())
        .count();
    assert!(with_address > 0 && with_address < d.companies.len());
    for company in d
        .companies
        .iter()
        .filter(|c| c.name.starts_with("Aalborg Kommune"))
    {
        assert!(
            matches!(&company.einvoice_address, Some(EInvoiceAddress::Gln(gln)) if gln.starts_with("5798")),
            "{}",
            company.name
        );
    }
    assert_eq!(crate::companies::gs1_check_digit("579800041660"), 4);
}

#[test]
fn demands_match_the_kind_of_work() {
    use domain::catalogue::{Skill, TaskType};
    let d = demo(4);
    for task in &d.tasks {
        let (r, demand) = (&task.request, task.request.demand);
        match r.task_type {
            TaskType::Gardening | TaskType::Delivery => assert!(demand.outdoors, "{}", r.title),
            TaskType::OfficeHelp => {
                assert!(!demand.standing && !demand.outdoors && demand.lift_kg <= 5)
            }
            TaskType::Warehouse => assert!(demand.lift_kg >= 10 && !demand.outdoors),
            TaskType::Driving => assert!(r.required_skills.contains(&Skill::DrivingLicenceB)),
            _ => {}
        }
        assert!((60..=240).contains(&r.duration_minutes) && r.duration_minutes % 15 == 0);
        assert!((1..=3).contains(&r.people_needed));
        assert!(
            r.title.len() > 3
                && r.description
                    .contains(&d.companies[task.company].sites[task.site].name)
        );
    }
}
