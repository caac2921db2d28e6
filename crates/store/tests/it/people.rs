use crate::both;
use crate::fixtures::person;
use domain::person::FunctionalLimitsDraft;
use store::people::PeopleFilter;
use store::{Actor, PageRequest, Store, StoreError};

both!(a_person_reads_back_as_stored, |store: Store| async move {
    let draft = person("mette@example.dk");
    let created = store.create_person(&draft.parse().unwrap()).await.unwrap();
    assert_eq!(created.meta.version, 1);
    let read = store.person(created.meta.id).await.unwrap();
    assert_eq!(read.value, draft.parse().unwrap());
});

both!(
    updates_need_the_current_version,
    |store: Store| async move {
        let p = store
            .create_person(&person("a@example.dk").parse().unwrap())
            .await
            .unwrap();
        let mut changed = person("a@example.dk");
        changed.weekly_cap_hours = Some(9.0);
        let updated = store
            .update_person(p.meta.id, 1, &changed.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(updated.meta.version, 2);
        assert_eq!(updated.value.weekly_cap.minutes(), 540);
        let stale = store
            .update_person(p.meta.id, 1, &changed.parse().unwrap())
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
        assert!(matches!(
            store.update_person(999, 1, &changed.parse().unwrap()).await,
            Err(StoreError::NotFound { .. })
        ));
    }
);

both!(an_email_belongs_to_one_person, |store: Store| async move {
    store
        .create_person(&person("same@example.dk").parse().unwrap())
        .await
        .unwrap();
    let again = store
        .create_person(&person("same@example.dk").parse().unwrap())
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict(ref m)) if m.contains("same@example.dk")),
        "{again:?}"
    );
});

both!(
    lists_page_and_filter_and_hide_the_deleted,
    |store: Store| async move {
        for i in 0..5 {
            let mut d = person(&format!("p{i}@example.dk"));
            if i % 2 == 0 {
                d.status = "paused".into();
            }
            store.create_person(&d.parse().unwrap()).await.unwrap();
        }
        let page = store
            .people(&PeopleFilter::default(), PageRequest::new(2, 2).unwrap())
            .await
            .unwrap();
        assert_eq!((page.total, page.items.len()), (5, 2));
        assert_eq!(page.items[0].value.email.as_str(), "p2@example.dk");
        let paused = store
            .people(
                &PeopleFilter {
                    status: Some("paused".into()),
                },
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(paused.total, 3);
        let first = paused.items[0].meta.id;
        store.delete_person(first).await.unwrap();
        assert!(matches!(
            store.person(first).await,
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(
            store
                .people(&PeopleFilter::default(), PageRequest::default())
                .await
                .unwrap()
                .total,
            4
        );
    }
);

both!(every_read_of_limits_is_logged, |store: Store| async move {
    let p = store
        .create_person(&person("l@example.dk").parse().unwrap())
        .await
        .unwrap();
    let coordinator = Actor("coordinator@example.dk".into());
    let none = store
        .read_limits(p.meta.id, &coordinator, "planning")
        .await
        .unwrap();
    assert_eq!(none, Default::default());
    let limits = FunctionalLimitsDraft {
        max_lift_kg: Some(10),
        not_before: Some("09:30".into()),
        indoor_only: true,
        ..Default::default()
    }
    .parse()
    .unwrap();
    assert_eq!(store.limits_version(p.meta.id).await.unwrap(), 0);
    assert_eq!(
        store
            .set_limits(p.meta.id, 0, &limits, &coordinator)
            .await
            .unwrap(),
        1
    );
    // A change made on an old read is refused, and the limits stay as they were.
    let stale = store
        .set_limits(p.meta.id, 0, &Default::default(), &coordinator)
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(store.limits_version(p.meta.id).await.unwrap(), 1);
    assert_eq!(
        store
            .read_limits(p.meta.id, &coordinator, "profile")
            .await
            .unwrap(),
        limits
    );
    let reads = store.limit_reads(p.meta.id).await.unwrap();
    assert_eq!(reads.len(), 2);
    assert_eq!(
        (reads[0].purpose.as_str(), reads[0].read_by.as_str()),
        ("profile", "coordinator@example.dk")
    );
    let all = store
        .people_with_limits(&coordinator, "export")
        .await
        .unwrap();
    assert_eq!(all[0].1, limits);
    assert_eq!(store.limit_reads(p.meta.id).await.unwrap().len(), 3);
});

both!(
    import_updates_known_people_and_adds_new_ones,
    |store: Store| async move {
        store
            .create_person(&person("known@example.dk").parse().unwrap())
            .await
            .unwrap();
        let mut known = person("known@example.dk");
        known.name = "Mette Holm".into();
        let batch = vec![
            (known.parse().unwrap(), Default::default()),
            (
                person("new@example.dk").parse().unwrap(),
                Default::default(),
            ),
        ];
        let count = store
            .import_people(&batch, &Actor("cli".into()))
            .await
            .unwrap();
        assert_eq!((count.created, count.updated), (1, 1));
        let all = store
            .people(&PeopleFilter::default(), PageRequest::default())
            .await
            .unwrap();
        assert_eq!(all.total, 2);
        assert_eq!(all.items[0].value.name, "Mette Holm");
    }
);
