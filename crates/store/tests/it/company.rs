//! What a company contact's pages read from the store: the time entries on the
//! company's own tasks, and no other company's.

use crate::both;
use crate::time::planned_for;
use chrono::{Duration, Utc};
use domain::calendar::parse_instant;
use store::time::EntryStatus;
use store::{Actor, Store};

both!(
    a_company_sees_its_own_unconfirmed_and_lately_confirmed_entries,
    |store: Store| async move {
        let coordinator = Actor("coordinator".into());
        let t = |s: &str| parse_instant(s).unwrap();
        // Each call stores a newer plan of the week, so hours are recorded while their
        // occasion is still in the latest one.
        let ours = planned_for(&store, "29189420", "w@example.dk").await;
        let confirmed = store
            .record_time(
                &ours,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                &coordinator,
            )
            .await
            .unwrap();
        let theirs = planned_for(&store, "12345674", "o@example.dk").await;
        store
            .record_time(
                &theirs,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T10:00:00+01:00"),
                &coordinator,
            )
            .await
            .unwrap();
        let company = store
            .task(ours.task_id)
            .await
            .unwrap()
            .value
            .request
            .company_id;
        let other = store
            .task(theirs.task_id)
            .await
            .unwrap()
            .value
            .request
            .company_id;

        let since = Utc::now() - Duration::days(30);
        let listed = store.company_time_entries(company, since).await.unwrap();
        assert_eq!(
            listed.iter().map(|e| e.id).collect::<Vec<_>>(),
            [confirmed.id]
        );
        assert_eq!(listed[0].status, EntryStatus::Registered);

        store
            .confirm_time(confirmed.id, &Actor("k@example.dk".into()))
            .await
            .unwrap();
        let listed = store.company_time_entries(company, since).await.unwrap();
        assert_eq!(listed[0].status, EntryStatus::Confirmed, "lately confirmed");
        let later = Utc::now() + Duration::days(1);
        assert!(
            store
                .company_time_entries(company, later)
                .await
                .unwrap()
                .is_empty(),
            "confirmed before the cut-off"
        );

        // A corrected entry stops counting; its correction waits for confirmation.
        let fixed = store
            .correct_time(
                confirmed.id,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T10:30:00+01:00"),
                "left early",
                &coordinator,
            )
            .await
            .unwrap();
        let listed = store.company_time_entries(company, since).await.unwrap();
        assert_eq!(
            listed.iter().map(|e| (e.id, e.status)).collect::<Vec<_>>(),
            [(fixed.id, EntryStatus::Registered)]
        );
        let theirs_listed = store.company_time_entries(other, since).await.unwrap();
        assert_eq!(theirs_listed.len(), 1);
        assert_eq!(theirs_listed[0].person_id, theirs.person_id);
        assert!(
            store
                .company_time_entries(company + other + 1, since)
                .await
                .unwrap()
                .is_empty()
        );
    }
);
