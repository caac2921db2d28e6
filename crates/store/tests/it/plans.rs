use crate::both;
use crate::fixtures::{company_with_agreement, person, task};
use chrono::NaiveDate;
use domain::calendar::parse_instant;
use domain::task::TaskStatus;
use store::plans::{LeftOver, NewPlan, PlanObjective, PlannedWork};
use store::{Actor, Store, StoreError};

both!(
    a_plan_is_stored_whole_and_moves_its_tasks,
    |store: Store| async move {
        let (company, site) = company_with_agreement(&store, "29189420").await;
        let by = Actor("planner".into());
        let done = store
            .create_task(
                &task(company, site, "2026-12-01T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &by,
            )
            .await
            .unwrap();
        let open = store
            .create_task(
                &task(company, site, "2026-12-02T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &by,
            )
            .await
            .unwrap();
        let worker = store
            .create_person(&person("w@example.dk").parse().unwrap())
            .await
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let plan = NewPlan {
            week: "2026-W49".into(),
            replan_of: None,
            // Larger than 64 bits: the total is kept as text.
            objective: PlanObjective {
                total: "123456789012345678901234".into(),
                work_minutes: 120,
                fairness: 34,
                continuity: 0,
                travel_minutes: 12,
            },
            iterations: 10,
            assignments: vec![PlannedWork {
                task_id: done.meta.id,
                occurrence: date,
                start: parse_instant("2026-12-01T09:00:00+01:00").unwrap(),
                end: parse_instant("2026-12-01T11:00:00+01:00").unwrap(),
                person_id: worker.meta.id,
            }],
            unassigned: vec![LeftOver {
                task_id: open.meta.id,
                occurrence: date.succ_opt().unwrap(),
                reason: "no one".into(),
            }],
            moves: vec![],
            planned_tasks: vec![done.meta.id],
            unplanned_tasks: vec![open.meta.id],
            notices: vec![],
        };
        let id = store.save_plan(&plan, &by).await.unwrap();
        let stored = store.plan(id).await.unwrap();
        assert_eq!(
            stored.plan,
            NewPlan {
                planned_tasks: vec![],
                unplanned_tasks: vec![],
                ..plan.clone()
            }
        );
        assert_eq!(store.latest_plan("2026-W49").await.unwrap().unwrap().id, id);
        assert!(store.latest_plan("2026-W50").await.unwrap().is_none());
        assert_eq!(
            store.task(done.meta.id).await.unwrap().value.status,
            TaskStatus::Planned
        );
        assert_eq!(
            store.task(open.meta.id).await.unwrap().value.status,
            TaskStatus::Requested
        );
        let history = store.task_history(done.meta.id).await.unwrap();
        assert_eq!(
            history.last().unwrap().note,
            format!("plan {id} for 2026-W49")
        );
        let after_the_week = "2026-12-07T00:00:00Z".parse().unwrap();
        assert_eq!(
            store.companies_worked_for(after_the_week).await.unwrap(),
            [(worker.meta.id, company)]
        );
        let week_start = "2026-11-29T23:00:00Z".parse().unwrap();
        assert_eq!(store.companies_worked_for(week_start).await.unwrap(), []);
        assert!(matches!(
            store.plan(id + 1).await,
            Err(StoreError::NotFound { .. })
        ));
    }
);
