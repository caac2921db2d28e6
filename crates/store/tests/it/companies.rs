use crate::both;
use crate::fixtures::{agreement, company, company_with_agreement, site, task};
use store::agreements::AgreementFilter;
use store::companies::CompanyFilter;
use store::{Actor, PageRequest, Store, StoreError};

both!(
    a_company_keeps_its_sites_and_contacts,
    |store: Store| async move {
        let draft = company("29189420");
        let created = store.create_company(&draft.parse().unwrap()).await.unwrap();
        assert_eq!(created.value.company, draft.parse().unwrap());
        assert_eq!(created.value.site_ids.len(), 2);
        let by_cvr = store.company_by_cvr("29189420").await.unwrap().unwrap();
        assert_eq!(by_cvr.meta.id, created.meta.id);
        assert!(store.company_by_cvr("12345674").await.unwrap().is_none());
    }
);

both!(a_cvr_belongs_to_one_company, |store: Store| async move {
    store
        .create_company(&company("29189420").parse().unwrap())
        .await
        .unwrap();
    let again = store
        .create_company(&company("29189420").parse().unwrap())
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
});

both!(
    sites_keep_their_ids_and_used_sites_stay,
    |store: Store| async move {
        let (company_id, first_site) = company_with_agreement(&store, "29189420").await;
        let mut draft = company("29189420");
        draft.sites.reverse();
        draft.sites.push(site("Lager", "1003388396"));
        let updated = store
            .update_company(company_id, 1, &draft.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            updated.value.site_ids[1], first_site,
            "the same P-number keeps its site id"
        );
        store
            .create_task(
                &task(company_id, first_site, "2026-12-01T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &Actor("t".into()),
            )
            .await
            .unwrap();
        draft.sites.remove(1);
        let refused = store
            .update_company(company_id, 2, &draft.parse().unwrap())
            .await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(ref m)) if m.contains("1003388394")),
            "{refused:?}"
        );
        assert_eq!(
            store
                .company(company_id)
                .await
                .unwrap()
                .value
                .site_ids
                .len(),
            3,
            "nothing changed"
        );
        let delete = store.delete_company(company_id).await;
        assert!(
            matches!(delete, Err(StoreError::Conflict(_))),
            "open tasks keep the company: {delete:?}"
        );
    }
);

both!(task_force_filter, |store: Store| async move {
    store
        .create_company(&company("29189420").parse().unwrap())
        .await
        .unwrap();
    let mut other = company("12345674");
    other.task_force = false;
    store.create_company(&other.parse().unwrap()).await.unwrap();
    let members = store
        .companies(
            &CompanyFilter {
                task_force: Some(true),
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(members.total, 1);
    assert_eq!(members.items[0].value.company.cvr.as_str(), "29189420");
});

both!(
    one_agreement_per_company_and_task_type,
    |store: Store| async move {
        let (company_id, _) = company_with_agreement(&store, "29189420").await;
        let again = store
            .create_agreement(&agreement(company_id, "cleaning").parse().unwrap())
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let garden = store
            .create_agreement(&agreement(company_id, "gardening").parse().unwrap())
            .await
            .unwrap();
        let listed = store
            .agreements(
                &AgreementFilter {
                    company_id: Some(company_id),
                },
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(listed.total, 2);
        let nowhere = store
            .create_agreement(&agreement(999, "cleaning").parse().unwrap())
            .await;
        assert!(
            matches!(nowhere, Err(StoreError::Invalid(ref e)) if e[0].field == "company_id"),
            "{nowhere:?}"
        );
        let mut dearer = agreement(company_id, "gardening");
        dearer.price_per_hour_ore = Some(30000);
        let updated = store
            .update_agreement(garden.meta.id, 1, &dearer.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(updated.value.price_per_hour.ore(), 30000);
    }
);

both!(
    a_deleted_company_takes_its_agreements_along,
    |store: Store| async move {
        let (company_id, _) = company_with_agreement(&store, "29189420").await;
        store.delete_company(company_id).await.unwrap();
        let left = store
            .agreements(
                &AgreementFilter {
                    company_id: Some(company_id),
                },
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(left.total, 0);
        assert!(matches!(
            store.delete_company(company_id).await,
            Err(StoreError::NotFound { .. })
        ));
    }
);

both!(
    an_agreement_that_prices_open_tasks_stays,
    |store: Store| async move {
        let (company_id, site) = company_with_agreement(&store, "29189420").await;
        let cleaning = store
            .agreements(
                &AgreementFilter {
                    company_id: Some(company_id),
                },
                PageRequest::default(),
            )
            .await
            .unwrap()
            .items[0]
            .clone();
        let t = store
            .create_task(
                &task(company_id, site, "2026-12-01T09:00:00+01:00")
                    .parse()
                    .unwrap(),
                &Actor("t".into()),
            )
            .await
            .unwrap();
        assert!(matches!(
            store.delete_agreement(cleaning.meta.id).await,
            Err(StoreError::Conflict(_))
        ));
        let as_gardening = agreement(company_id, "gardening").parse().unwrap();
        let moved = store
            .update_agreement(cleaning.meta.id, 1, &as_gardening)
            .await;
        assert!(matches!(moved, Err(StoreError::Conflict(_))), "{moved:?}");
        assert_eq!(
            store
                .agreement(cleaning.meta.id)
                .await
                .unwrap()
                .meta
                .version,
            1,
            "unchanged"
        );
        store
            .change_task_status(
                t.meta.id,
                None,
                domain::task::TaskStatus::Cancelled,
                &Actor("t".into()),
                "",
            )
            .await
            .unwrap();
        store.delete_agreement(cleaning.meta.id).await.unwrap();
    }
);
