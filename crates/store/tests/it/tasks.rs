use crate::both;
use crate::fixtures::{company_with_agreement, task};
use domain::calendar::parse_instant;
use domain::task::TaskStatus;
use store::tasks::TaskFilter;
use store::{Actor, PageRequest, Store, StoreError};

both!(
    a_task_needs_an_agreement_and_its_own_companys_site,
    |store: Store| async move {
        let (a, a_site) = company_with_agreement(&store, "29189420").await;
        let (_, b_site) = company_with_agreement(&store, "12345674").await;
        let by = Actor("test".into());
        let wrong_site = store
            .create_task(
                &task(a, b_site, "2026-12-01T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &by,
            )
            .await;
        assert!(
            matches!(wrong_site, Err(StoreError::Invalid(ref e)) if e[0].field == "site_id"),
            "{wrong_site:?}"
        );
        let mut gardening = task(a, a_site, "2026-12-01T09:00:00+01:00");
        gardening.task_type = "gardening".into();
        let unagreed = store.create_task(&gardening.parse().unwrap(), &by).await;
        assert!(
            matches!(unagreed, Err(StoreError::Invalid(ref e)) if e[0].field == "task_type"),
            "{unagreed:?}"
        );
        let draft = task(a, a_site, "2026-12-01T09:00:00+01:00");
        let ok = store
            .create_task(&draft.parse().unwrap(), &by)
            .await
            .unwrap();
        assert_eq!(ok.value.request, draft.parse().unwrap());
        assert_eq!(ok.value.status, TaskStatus::Requested);
    }
);

both!(
    the_lifecycle_records_who_and_when,
    |store: Store| async move {
        let (a, site) = company_with_agreement(&store, "29189420").await;
        let t = store
            .create_task(
                &task(a, site, "2026-12-01T09:00:00+01:00").parse().unwrap(),
                &Actor("company".into()),
            )
            .await
            .unwrap();
        let id = t.meta.id;
        let planner = Actor("planner".into());
        store
            .change_task_status(id, Some(1), TaskStatus::Planned, &planner, "week 49")
            .await
            .unwrap();
        let stale = store
            .change_task_status(id, Some(1), TaskStatus::Confirmed, &planner, "")
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
        store
            .change_task_status(id, None, TaskStatus::Confirmed, &Actor("worker".into()), "")
            .await
            .unwrap();
        let wrong = store
            .change_task_status(id, None, TaskStatus::Invoiced, &planner, "")
            .await;
        assert!(
            matches!(wrong, Err(StoreError::Conflict(ref m)) if m.contains("cannot become invoiced")),
            "{wrong:?}"
        );
        let history = store.task_history(id).await.unwrap();
        let moves: Vec<(Option<TaskStatus>, TaskStatus, &str)> = history
            .iter()
            .map(|c| (c.from, c.to, c.changed_by.as_str()))
            .collect();
        assert_eq!(
            moves,
            [
                (None, TaskStatus::Requested, "company"),
                (Some(TaskStatus::Requested), TaskStatus::Planned, "planner"),
                (Some(TaskStatus::Planned), TaskStatus::Confirmed, "worker"),
            ]
        );
        assert!(history.iter().all(|c| c.changed_at.ends_with('Z')));
        store
            .change_task_status(id, None, TaskStatus::Done, &planner, "")
            .await
            .unwrap();
        let edit = store
            .update_task(
                id,
                5,
                &task(a, site, "2026-12-01T10:00:00+01:00").parse().unwrap(),
            )
            .await;
        assert!(
            matches!(edit, Err(StoreError::Conflict(_))),
            "done work is history: {edit:?}"
        );
        assert!(matches!(
            store.delete_task(id).await,
            Err(StoreError::Conflict(_))
        ));
    }
);

both!(
    tasks_filter_by_dates_status_and_company,
    |store: Store| async move {
        let (a, site) = company_with_agreement(&store, "29189420").await;
        let (b, b_site) = company_with_agreement(&store, "12345674").await;
        let by = Actor("test".into());
        let mut weekly = task(a, site, "2026-12-01T09:00:00+01:00");
        weekly.recurrence = Some("weekly Tue until 2026-12-22".into());
        store
            .create_task(&weekly.parse().unwrap(), &by)
            .await
            .unwrap();
        store
            .create_task(
                &task(a, site, "2027-01-05T09:00:00+01:00").parse().unwrap(),
                &by,
            )
            .await
            .unwrap();
        let b_task = store
            .create_task(
                &task(b, b_site, "2026-12-15T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &by,
            )
            .await
            .unwrap();
        store
            .change_task_status(
                b_task.meta.id,
                None,
                TaskStatus::Cancelled,
                &by,
                "not needed",
            )
            .await
            .unwrap();

        let range = |from: &str, to: &str| TaskFilter {
            from: Some(parse_instant(from).unwrap()),
            to: Some(parse_instant(to).unwrap()),
            ..Default::default()
        };
        let count = |filter: TaskFilter| {
            let store = store.clone();
            async move {
                store
                    .tasks(&filter, PageRequest::default())
                    .await
                    .unwrap()
                    .total
            }
        };
        assert_eq!(
            count(range(
                "2026-12-14T00:00:00+01:00",
                "2026-12-21T00:00:00+01:00"
            ))
            .await,
            2,
            "the series and b's task"
        );
        assert_eq!(
            count(range(
                "2026-12-23T00:00:00+01:00",
                "2027-01-01T00:00:00+01:00"
            ))
            .await,
            0
        );
        assert_eq!(
            count(range(
                "2027-01-01T00:00:00+01:00",
                "2027-02-01T00:00:00+01:00"
            ))
            .await,
            1
        );
        assert_eq!(
            count(TaskFilter {
                company_id: Some(a),
                ..Default::default()
            })
            .await,
            2
        );
        assert_eq!(
            count(TaskFilter {
                status: Some(TaskStatus::Cancelled),
                ..Default::default()
            })
            .await,
            1
        );
    }
);

both!(
    a_task_import_with_one_bad_reference_stores_nothing,
    |store: Store| async move {
        let (a, site) = company_with_agreement(&store, "29189420").await;
        let good = task(a, site, "2026-12-01T09:00:00+01:00").parse().unwrap();
        let bad = task(a, site + 100, "2026-12-02T09:00:00+01:00")
            .parse()
            .unwrap();
        let result = store
            .import_tasks(
                &[
                    (good.clone(), TaskStatus::Requested),
                    (bad, TaskStatus::Done),
                ],
                &Actor("cli".into()),
            )
            .await;
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
        assert_eq!(
            store
                .tasks(&TaskFilter::default(), PageRequest::default())
                .await
                .unwrap()
                .total,
            0
        );
        assert_eq!(
            store
                .import_tasks(&[(good, TaskStatus::Done)], &Actor("cli".into()))
                .await
                .unwrap(),
            1
        );
        let stored = store
            .tasks(&TaskFilter::default(), PageRequest::default())
            .await
            .unwrap();
        assert_eq!(stored.items[0].value.status, TaskStatus::Done);
    }
);
