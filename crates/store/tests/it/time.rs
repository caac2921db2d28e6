use crate::both;
use crate::fixtures::{company_with_agreement, person, task};
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::parse_instant;
use store::plans::{NewPlan, PlanObjective, PlannedWork};
use store::time::{EntryKind, EntryStatus, Occasion, TimeEntry, TimeFilter};
use store::{Actor, Refusal, Store, StoreError};

/// A worker planned for one task on 1 December 2026.
async fn planned(store: &Store) -> Occasion {
    planned_for(store, "29189420", "w@example.dk").await
}

/// A worker (by e-mail) planned for one task of a new company (by CVR) on 1 December
/// 2026, in a new plan of that week.
pub async fn planned_for(store: &Store, cvr: &str, email: &str) -> Occasion {
    let (company, site) = company_with_agreement(store, cvr).await;
    let by = Actor("planner".into());
    let job = store
        .create_task(
            &task(company, site, "2026-12-01T09:00:00+01:00")
                .parse()
                .unwrap(),
            &by,
        )
        .await
        .unwrap();
    let worker = store
        .create_person(&person(email).parse().unwrap())
        .await
        .unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let plan = NewPlan {
        week: "2026-W49".into(),
        replan_of: None,
        objective: PlanObjective {
            total: "1".into(),
            ..Default::default()
        },
        iterations: 1,
        assignments: vec![PlannedWork {
            task_id: job.meta.id,
            occurrence: date,
            start: parse_instant("2026-12-01T09:00:00+01:00").unwrap(),
            end: parse_instant("2026-12-01T11:00:00+01:00").unwrap(),
            person_id: worker.meta.id,
        }],
        unassigned: vec![],
        moves: vec![],
        planned_tasks: vec![job.meta.id],
        unplanned_tasks: vec![],
        notices: vec![],
    };
    store.save_plan(&plan, &by).await.unwrap();
    Occasion {
        task_id: job.meta.id,
        occurrence: date,
        person_id: worker.meta.id,
    }
}

both!(
    entries_confirm_automatically_after_the_set_days_and_corrections_chain,
    |store: Store| async move {
        let at = planned(&store).await;
        let coordinator = Actor("coordinator".into());
        let t = |s: &str| parse_instant(s).unwrap();
        let worked = store
            .record_time(
                &at,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:30:00+01:00"),
                &coordinator,
            )
            .await
            .unwrap();
        assert_eq!(
            (worked.status, worked.minutes),
            (EntryStatus::Registered, Some(150))
        );
        // One shift is recorded once, whichever way: a change is a correction.
        let again = store.record_time(
            &at,
            t("2026-12-01T09:00:00+01:00"),
            t("2026-12-01T11:30:00+01:00"),
            &coordinator,
        );
        let absent = store.record_absence(&at, EntryKind::NoShow, "ill", "the shop", &coordinator);
        let arrive = store.check_in(&at, t("2026-12-01T09:00:00+01:00"), &coordinator);
        for refused in [again.await, absent.await, arrive.await] {
            assert!(
                matches!(refused, Err(StoreError::Refused(Refusal::AlreadyRecorded))),
                "{refused:?}"
            );
        }

        // Other people's shifts: one called off, one started.
        // (Each fixture plans the week anew, so each shift is recorded while its plan is
        // the latest.)
        let elsewhere = planned_for(&store, "12345674", "o@example.dk").await;
        let called_off = store
            .record_absence(
                &elsewhere,
                EntryKind::Cancelled,
                "shop closed for stocktaking",
                "worker, by text",
                &coordinator,
            )
            .await
            .unwrap();
        let later = planned_for(&store, "30000005", "l@example.dk").await;
        let open = store
            .check_in(
                &later,
                t("2026-12-01T12:00:00+01:00"),
                &Actor("worker".into()),
            )
            .await
            .unwrap();
        assert_eq!(open.status, EntryStatus::Open);
        // Two days after the work, with a three-day wait, the hours are not confirmed yet
        // (the cancellation may be: it counts from when it was recorded, which is now).
        // Three days of 24 hours since the work ended, or since a no-show was recorded.
        let by = Actor("auto (automatically after 3 days)".into());
        let due = |now: DateTime<Utc>| {
            move |e: &TimeEntry| {
                let since = e.ended_at.unwrap_or_else(|| t(&e.created_at));
                now - since >= chrono::Duration::days(3)
            }
        };
        let early_at = t("2026-12-03T12:00:00+01:00");
        let early = store
            .confirm_due(early_at, &by, due(early_at))
            .await
            .unwrap();
        assert!(
            !early.contains(&worked.id) && !early.contains(&open.id),
            "{early:?}"
        );
        // A month on, every complete entry is confirmed; the open one never is.
        let month_on =
            (chrono::Utc::now() + chrono::Duration::days(30)).max(t("2027-01-06T12:00:00+01:00"));
        let later = store
            .confirm_due(month_on, &by, due(month_on))
            .await
            .unwrap();
        let mut both_runs = [early, later.clone()].concat();
        both_runs.sort_unstable();
        assert_eq!(both_runs, vec![worked.id, called_off.id]);
        assert_eq!(
            store
                .confirm_due(month_on, &by, due(month_on))
                .await
                .unwrap(),
            Vec::<i64>::new()
        );
        let confirmed = store.time_entry(worked.id).await.unwrap();
        assert_eq!(confirmed.status, EntryStatus::Confirmed);
        assert!(matches!(
            store.confirm_time(worked.id, &by).await,
            Err(StoreError::Refused(Refusal::NotWaiting(
                EntryStatus::Confirmed
            )))
        ));
        assert_eq!(
            confirmed.confirmed_by.as_deref(),
            Some("auto (automatically after 3 days)")
        );

        // Corrections chain: the first replaces the confirmed entry, the second the first.
        let first = store
            .correct_time(
                worked.id,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                "shop's count",
                &coordinator,
            )
            .await
            .unwrap();
        assert!(matches!(
            store
                .correct_time(
                    worked.id,
                    t("2026-12-01T09:00:00+01:00"),
                    t("2026-12-01T10:00:00+01:00"),
                    "again",
                    &coordinator
                )
                .await,
            Err(StoreError::Conflict(_))
        ));
        let second = store
            .correct_time(
                first.id,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T10:45:00+01:00"),
                "worker's note",
                &coordinator,
            )
            .await
            .unwrap();
        assert_eq!(second.corrects, Some(first.id));
        let all = store
            .time_entries(&TimeFilter {
                task_id: Some(at.task_id),
                ..Default::default()
            })
            .await
            .unwrap();
        let counted: Vec<(i64, Option<i64>)> = all
            .iter()
            .filter(|e| e.status != EntryStatus::Corrected)
            .map(|e| (e.id, e.minutes))
            .collect();
        assert_eq!(counted, vec![(second.id, Some(105))]);
        // The confirmed original is kept exactly as confirmed.
        let original = store.time_entry(worked.id).await.unwrap();
        assert_eq!(
            (original.minutes, original.confirmed_at),
            (Some(150), confirmed.confirmed_at)
        );
        assert_eq!(original.corrected_by, Some(first.id));

        assert!(matches!(
            store.record_absence(&at, EntryKind::NoShow, " ", "", &coordinator).await,
            Err(StoreError::Invalid(errors)) if errors.len() == 2
        ));
        let unplanned = Occasion {
            occurrence: at.occurrence.succ_opt().unwrap(),
            ..at
        };
        assert!(matches!(
            store
                .check_in(&unplanned, t("2026-12-02T09:00:00+01:00"), &coordinator)
                .await,
            Err(StoreError::Conflict(_))
        ));
    }
);

both!(
    the_job_centre_month_has_hours_and_status_changes,
    |store: Store| async move {
        let at = planned(&store).await;
        let coordinator = Actor("coordinator".into());
        let t = |s: &str| parse_instant(s).unwrap();
        store
            .record_time(
                &at,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                &coordinator,
            )
            .await
            .unwrap();
        let december = store::invoices::Period::parse("2026-12").unwrap();
        let months = store.jobcentre_month(december).await.unwrap();
        assert_eq!(months.len(), 1);
        assert_eq!(months[0].worked.len(), 1);
        assert_eq!(months[0].worked[0].minutes, 120);
        assert_eq!(
            months[0].employment_form, "flex_job",
            "as the fixture person"
        );

        // A status change lands in the history of the month it happened in (now).
        let person = store.person(at.person_id).await.unwrap();
        let mut paused = person.value.clone();
        paused.status = domain::person::PersonStatus::Paused;
        store
            .update_person(at.person_id, person.meta.version, &paused)
            .await
            .unwrap();
        let now = chrono::Utc::now();
        let this_month = store::invoices::Period::parse(&now.format("%Y-%m").to_string()).unwrap();
        let changes = &store.jobcentre_month(this_month).await.unwrap()[0].status_changes;
        let statuses: Vec<&str> = changes.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            statuses,
            ["active", "paused"],
            "created active, then paused"
        );
    }
);

both!(
    a_person_works_one_shift_at_a_time,
    |store: Store| async move {
        let (company, site) = company_with_agreement(&store, "29189420").await;
        let by = Actor("planner".into());
        let t = |s: &str| parse_instant(s).unwrap();
        let mut tasks = Vec::new();
        for start in ["2026-12-01T09:00:00+01:00", "2026-12-01T10:00:00+01:00"] {
            let request = task(company, site, start).parse().unwrap();
            tasks.push(store.create_task(&request, &by).await.unwrap().meta.id);
        }
        let worker = store
            .create_person(&person("w@example.dk").parse().unwrap())
            .await
            .unwrap()
            .meta
            .id;
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let work = |task_id, from: &str, to: &str| PlannedWork {
            task_id,
            occurrence: date,
            start: t(from),
            end: t(to),
            person_id: worker,
        };
        let plan = NewPlan {
            week: "2026-W49".into(),
            replan_of: None,
            objective: PlanObjective::default(),
            iterations: 1,
            assignments: vec![
                work(
                    tasks[0],
                    "2026-12-01T09:00:00+01:00",
                    "2026-12-01T11:00:00+01:00",
                ),
                work(
                    tasks[1],
                    "2026-12-01T10:00:00+01:00",
                    "2026-12-01T12:00:00+01:00",
                ),
            ],
            unassigned: vec![],
            moves: vec![],
            planned_tasks: tasks.clone(),
            unplanned_tasks: vec![],
            notices: vec![],
        };
        store.save_plan(&plan, &by).await.unwrap();
        let shift = |task_id| Occasion {
            task_id,
            occurrence: date,
            person_id: worker,
        };
        let first = store
            .record_time(
                &shift(tasks[0]),
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                &by,
            )
            .await
            .unwrap();
        // The second task's hours may start when the first ended, not before.
        let overlapping = store
            .record_time(
                &shift(tasks[1]),
                t("2026-12-01T10:30:00+01:00"),
                t("2026-12-01T12:00:00+01:00"),
                &by,
            )
            .await;
        assert!(
            matches!(overlapping, Err(StoreError::Refused(Refusal::Overlaps { entry })) if entry == first.id),
            "{overlapping:?}"
        );
        let arriving = store
            .check_in(&shift(tasks[1]), t("2026-12-01T10:59:00+01:00"), &by)
            .await;
        assert!(
            matches!(arriving, Err(StoreError::Refused(Refusal::Overlaps { .. }))),
            "{arriving:?}"
        );
        let open = store
            .check_in(&shift(tasks[1]), t("2026-12-01T11:00:00+01:00"), &by)
            .await
            .unwrap();
        // A correction of the first into the second's time is refused too; within its
        // own time it replaces the first.
        let into = store
            .correct_time(
                first.id,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:30:00+01:00"),
                "longer",
                &by,
            )
            .await;
        assert!(
            matches!(into, Err(StoreError::Refused(Refusal::Overlaps { entry })) if entry == open.id),
            "{into:?}"
        );
        store
            .correct_time(
                first.id,
                t("2026-12-01T09:15:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                "came late",
                &by,
            )
            .await
            .unwrap();
        store
            .check_out(open.id, t("2026-12-01T12:00:00+01:00"), false)
            .await
            .unwrap();
    }
);
