//! Flex Waste's records: what is due on a day, day plans, pickups counted once.

use crate::both;
use crate::fixtures::company_with_agreement;
use chrono::{NaiveDate, TimeZone, Utc};
use domain::calendar::TimeWindow;
use domain::waste::{Fraction, SubscriptionDraft};
use store::waste::{Outcome, PickupReport, PlaceKind, Route, Source, Vehicle, Visit, WastePlace};
use store::{Actor, Refusal, Store, StoreError};

pub(crate) fn subscription(weekdays: &str) -> domain::waste::Subscription {
    subscription_of("cardboard, soft_plastic", weekdays)
}

/// A subscription to other fractions than [`subscription`]'s.
pub(crate) fn subscription_of(fractions: &str, weekdays: &str) -> domain::waste::Subscription {
    SubscriptionDraft {
        fractions: fractions.into(),
        weekdays: weekdays.into(),
        window: "09:00-11:00".into(),
        expected_kg: 25,
        expected_litres: 200,
    }
    .parse()
    .unwrap()
}

/// Tuesday 1 December 2026.
pub(crate) fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

pub(crate) async fn fleet(store: &Store) -> (i64, i64, i64) {
    let place = |kind, name: &str| WastePlace {
        id: 0,
        kind,
        name: name.into(),
        address: "Havnegade 1, 9000 Aalborg".into(),
        latitude: 57.05,
        longitude: 9.92,
        opening: TimeWindow::parse("07:00-16:00").unwrap(),
        fractions: if kind == PlaceKind::Hub {
            vec![Fraction::Cardboard, Fraction::SoftPlastic]
        } else {
            vec![]
        },
    };
    let depot = store
        .add_waste_place(&place(PlaceKind::Depot, "Depot"))
        .await
        .unwrap();
    let hub = store
        .add_waste_place(&place(PlaceKind::Hub, "Salling"))
        .await
        .unwrap();
    let vehicle = store
        .add_vehicle(&Vehicle {
            id: 0,
            name: "Cykel 1".into(),
            kind: "cargo_bike".into(),
            capacity_kg: 150,
            capacity_litres: 1000,
            range_km: 40,
            speed_kmh: 15,
            shift: TimeWindow::parse("07:00-15:00").unwrap(),
            wh_per_km: 25,
        })
        .await
        .unwrap();
    (depot, hub, vehicle)
}

both!(
    subscriptions_and_orders_are_due_on_their_days,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let by = Actor("test".into());
        let sub = store
            .add_subscription(site, &subscription("Tue, Fri"), 4_500, 0, tuesday(), &by)
            .await
            .unwrap();
        assert_eq!(
            store.pickups_due(tuesday()).await.unwrap()[0].source,
            Source::Subscription(sub)
        );
        let wednesday = tuesday().succ_opt().unwrap();
        assert!(store.pickups_due(wednesday).await.unwrap().is_empty());
        let order = store
            .add_order(site, wednesday, &subscription("Wed"), 9_000, &by)
            .await
            .unwrap();
        let due = store.pickups_due(wednesday).await.unwrap();
        assert_eq!((due.len(), due[0].source), (1, Source::Order(order)));
        assert_eq!(due[0].site.cvr, "29189420");
        // Not before it starts.
        assert!(
            store
                .pickups_due(tuesday() - chrono::Duration::days(7))
                .await
                .unwrap()
                .is_empty()
        );
        let missing = store
            .add_subscription(9999, &subscription("Mon"), 1, 0, tuesday(), &by)
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound { .. })));
    }
);

both!(
    subscriptions_list_with_their_site_and_price,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let (_, other) = company_with_agreement(&store, "12345674").await;
        let by = Actor("test".into());
        assert!(store.subscriptions().await.unwrap().is_empty());
        let first = store
            .add_subscription(site, &subscription("Tue, Fri"), 4_500, 0, tuesday(), &by)
            .await
            .unwrap();
        let later = tuesday() + chrono::Duration::days(14);
        // The same fractions twice at once are refused; a new price follows the old's end.
        let twice = store
            .add_subscription(site, &subscription("Mon"), 5_000, 0, later, &by)
            .await;
        assert!(
            matches!(
                twice,
                Err(StoreError::Refused(Refusal::AlreadySubscribed { subscription })) if subscription == first
            ),
            "{twice:?}"
        );
        let ended = store
            .end_subscription(first, later - chrono::Duration::days(1))
            .await
            .unwrap();
        assert_eq!(ended.ends_on, Some(later - chrono::Duration::days(1)));
        assert!(matches!(
            store.end_subscription(first, later).await,
            Err(StoreError::Refused(Refusal::AlreadyEnded { .. }))
        ));
        let second = store
            .add_subscription(site, &subscription("Mon"), 5_000, 0, later, &by)
            .await
            .unwrap();
        assert!(matches!(
            store
                .end_subscription(second, later - chrono::Duration::days(2))
                .await,
            Err(StoreError::Invalid(_))
        ));
        store
            .add_subscription(other, &subscription("Wed"), 3_000, 0, tuesday(), &by)
            .await
            .unwrap();
        let all = store.subscriptions().await.unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(
            (all[0].id, all[0].site.site_id, all[0].site.cvr.as_str()),
            (first, site, "29189420")
        );
        assert_eq!(all[0].subscription, subscription("Tue, Fri"));
        assert_eq!(
            (
                all[0].price_per_pickup_ore,
                all[0].starts_on,
                all[0].ends_on
            ),
            (4_500, tuesday(), Some(later - chrono::Duration::days(1)))
        );
        assert_eq!(all[2].site.site_id, other);
        // The running one on a day is the one started last.
        let running = |day| store.running_subscription(site, day);
        assert_eq!(running(tuesday()).await.unwrap().unwrap().id, first);
        assert_eq!(running(later).await.unwrap().unwrap().id, second);
        assert!(
            running(tuesday() - chrono::Duration::days(1))
                .await
                .unwrap()
                .is_none()
        );
        let negative = store
            .add_order(site, tuesday(), &subscription("Tue"), -1, &by)
            .await;
        assert!(matches!(negative, Err(StoreError::Invalid(_))));
        // One order of a fraction per site, day and time.
        let order = store
            .add_order(site, tuesday(), &subscription("Tue"), 9_000, &by)
            .await
            .unwrap();
        let again = store
            .add_order(site, tuesday(), &subscription("Tue"), 9_000, &by)
            .await;
        assert!(
            matches!(again, Err(StoreError::Refused(Refusal::AlreadyOrdered { order: o })) if o == order),
            "{again:?}"
        );
    }
);

both!(
    a_day_plan_is_stored_whole_and_the_latest_counts,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let (_, hub, vehicle) = fleet(&store).await;
        let by = Actor("test".into());
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap();
        let route = Route {
            id: 0,
            vehicle_id: vehicle,
            driver_id: None,
            distance_m: 12_000,
            starts_at: at(7),
            ends_at: at(12),
            visits: vec![
                Visit {
                    site_id: Some(site),
                    place_id: None,
                    arrives_at: at(9),
                    window: Some((at(8), at(10))),
                    expected_kg: 25,
                },
                Visit {
                    site_id: None,
                    place_id: Some(hub),
                    arrives_at: at(10),
                    window: None,
                    expected_kg: 0,
                },
            ],
        };
        assert!(store.day_plan(tuesday()).await.unwrap().is_none());
        store
            .save_day_plan(tuesday(), std::slice::from_ref(&route), &[], &by)
            .await
            .unwrap();
        let second = store
            .save_day_plan(
                tuesday(),
                std::slice::from_ref(&route),
                &[(site, "no time".into())],
                &by,
            )
            .await
            .unwrap();
        let plan = store.day_plan(tuesday()).await.unwrap().unwrap();
        assert_eq!(plan.id, second);
        assert_eq!(plan.routes[0].visits, route.visits);
        assert_eq!(plan.unserved, [(site, "no time".to_string())]);
    }
);

both!(
    a_resent_pickup_counts_once_and_unloading_names_the_hub,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let (_, hub, vehicle) = fleet(&store).await;
        let by = Actor("test".into());
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap();
        let route = Route {
            id: 0,
            vehicle_id: vehicle,
            driver_id: None,
            distance_m: 1,
            starts_at: at(7),
            ends_at: at(12),
            visits: vec![],
        };
        store
            .save_day_plan(tuesday(), &[route], &[], &by)
            .await
            .unwrap();
        let route_id = store.day_plan(tuesday()).await.unwrap().unwrap().routes[0].id;
        let report = PickupReport {
            submission: "phone-1-0001".into(),
            site_id: site,
            day: tuesday(),
            outcome: Outcome::Collected,
            weighed: vec![
                (Fraction::Cardboard, 18_500),
                (Fraction::SoftPlastic, 2_250),
            ],
            note: None,
            at: at(9),
            vehicle_id: vehicle,
            driver_id: None,
        };
        let (rows, new) = store.record_pickup(&report).await.unwrap();
        assert!(new);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].ewc.as_deref(), rows[0].p_number.len()),
            (Some("15 01 01"), 10)
        );
        let (again, new) = store.record_pickup(&report).await.unwrap();
        assert!(!new, "a resent submission is recognised");
        assert_eq!(again, rows);
        let all = store.pickups(tuesday(), tuesday()).await.unwrap();
        assert_eq!(all.iter().map(|p| p.grams).sum::<i64>(), 20_750);

        let dirty = PickupReport {
            submission: "phone-1-0002".into(),
            outcome: Outcome::Contaminated,
            weighed: vec![],
            ..report.clone()
        };
        assert!(matches!(
            store.record_pickup(&dirty).await,
            Err(StoreError::Invalid(_))
        ));
        let empty = PickupReport {
            submission: "phone-1-0003".into(),
            weighed: vec![],
            ..report.clone()
        };
        assert!(matches!(
            store.record_pickup(&empty).await,
            Err(StoreError::Invalid(_))
        ));

        assert!(
            store
                .record_unload("phone-1-u1", route_id, hub, 20_750, at(10))
                .await
                .unwrap()
        );
        assert!(
            !store
                .record_unload("phone-1-u1", route_id, hub, 20_750, at(10))
                .await
                .unwrap()
        );
        let received = store.pickups(tuesday(), tuesday()).await.unwrap();
        assert!(
            received.iter().all(|p| p.received_by == Some(hub)),
            "{received:?}"
        );
    }
);

both!(
    visits_are_billed_at_the_order_or_subscription_price,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let (_, _, vehicle) = fleet(&store).await;
        let by = Actor("test".into());
        store
            .add_subscription(
                site,
                &subscription("Tue, Wed, Thu"),
                4_500,
                0,
                tuesday(),
                &by,
            )
            .await
            .unwrap();
        let wednesday = tuesday().succ_opt().unwrap();
        let thursday = wednesday.succ_opt().unwrap();
        store
            .add_order(site, wednesday, &subscription("Wed"), 9_000, &by)
            .await
            .unwrap();
        let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(9, 0, 0).unwrap());
        let report = |n: &str, day: NaiveDate, outcome: Outcome| PickupReport {
            submission: n.into(),
            site_id: site,
            day,
            outcome,
            weighed: if outcome == Outcome::Collected {
                vec![(Fraction::Cardboard, 1_000)]
            } else {
                vec![]
            },
            note: None,
            at: at(day),
            vehicle_id: vehicle,
            driver_id: None,
        };
        store
            .record_pickup(&report("a", tuesday(), Outcome::Collected))
            .await
            .unwrap();
        store
            .record_pickup(&report("b", wednesday, Outcome::Nothing))
            .await
            .unwrap();
        store
            .record_pickup(&report("c", thursday, Outcome::Closed))
            .await
            .unwrap();
        let billed = store.billed_visits(tuesday(), thursday).await.unwrap();
        let prices: Vec<(NaiveDate, i64)> = billed.iter().map(|b| (b.day, b.price_ore)).collect();
        assert_eq!(
            prices,
            [(tuesday(), 4_500), (wednesday, 9_000)],
            "a closed shop is not billed"
        );
    }
);
