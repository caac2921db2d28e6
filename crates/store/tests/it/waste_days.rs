//! Flex Waste run day to day: orders withdrawn, a site visited once a day, drivers'
//! corrections, subscriptions changed from a day, vehicles changed and taken out, and
//! days closed.

use crate::both;
use crate::fixtures::company_with_agreement;
use crate::waste::{fleet, subscription, subscription_of, tuesday};
use chrono::{Duration, TimeZone, Utc};
use domain::waste::Fraction;
use store::invoices::Period;
use store::waste::{Outcome, PickupReport, Route, Source};
use store::{Actor, Refusal, Store, StoreError};

both!(
    a_site_is_ordered_once_a_day_and_a_withdrawn_order_is_kept_but_not_due,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let by = Actor("test".into());
        let wednesday = tuesday() + Duration::days(1);
        let order = store
            .add_order(site, wednesday, &subscription("Wed"), 9_000, &by)
            .await
            .unwrap();
        // Another fraction at another time is still the same site the same day.
        let mut afternoon = subscription_of("paper", "Wed");
        afternoon.window = domain::calendar::TimeWindow::parse("13:00-15:00").unwrap();
        let second = store
            .add_order(site, wednesday, &afternoon, 9_000, &by)
            .await;
        assert!(
            matches!(second, Err(StoreError::Refused(Refusal::AlreadyOrdered { order: o })) if o == order),
            "{second:?}"
        );
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
        let cancelled = store.cancel_order(order, at, &by).await.unwrap();
        assert_eq!(cancelled.cancelled_at, Some(at));
        assert!(store.pickups_due(wednesday).await.unwrap().is_empty());
        let listed = store.orders(tuesday(), wednesday).await.unwrap();
        assert_eq!(listed.len(), 1, "a withdrawn order stays on the list");
        assert!(matches!(
            store.cancel_order(order, at, &by).await,
            Err(StoreError::Refused(Refusal::AlreadyCancelled))
        ));
        // Withdrawn, it no longer takes the day.
        let again = store
            .add_order(site, wednesday, &afternoon, 9_000, &by)
            .await
            .unwrap();
        let due = store.pickups_due(wednesday).await.unwrap();
        assert_eq!(
            due.iter().map(|d| d.source).collect::<Vec<_>>(),
            [Source::Order(again)]
        );
        assert!(matches!(
            store.cancel_order(9_999, at, &by).await,
            Err(StoreError::NotFound { .. })
        ));
        // Changed to the next day: withdrawn, and a new order in its place.
        let thursday = wednesday + Duration::days(1);
        let changed = store
            .change_order(again, thursday, &afternoon, 7_500, at, &by)
            .await
            .unwrap();
        assert_ne!(changed, again);
        assert!(store.order(again).await.unwrap().cancelled_at.is_some());
        let moved = store.order(changed).await.unwrap();
        assert_eq!(
            (moved.day, moved.price_ore, moved.cancelled_at),
            (thursday, 7_500, None)
        );
        assert!(store.pickups_due(wednesday).await.unwrap().is_empty());
        // A change onto a day the site is ordered already is refused, and changes nothing.
        let friday = thursday + Duration::days(1);
        let other = store
            .add_order(site, friday, &afternoon, 9_000, &by)
            .await
            .unwrap();
        assert!(matches!(
            store.change_order(changed, friday, &afternoon, 7_500, at, &by).await,
            Err(StoreError::Refused(Refusal::AlreadyOrdered { order })) if order == other
        ));
        assert!(store.order(changed).await.unwrap().cancelled_at.is_none());
    }
);

both!(
    a_correction_replaces_a_report_keeps_the_first_and_the_hub_and_bills_once,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let (_, hub, vehicle) = fleet(&store).await;
        let by = Actor("test".into());
        store
            .add_subscription(site, &subscription("Tue"), 4_500, 0, tuesday(), &by)
            .await
            .unwrap();
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
        let first = PickupReport {
            submission: "phone-first".into(),
            site_id: site,
            day: tuesday(),
            outcome: Outcome::Collected,
            weighed: vec![(Fraction::Cardboard, 180_000)],
            note: None,
            at: at(9),
            vehicle_id: vehicle,
            driver_id: None,
        };
        store.record_pickup(&first).await.unwrap();
        store
            .record_unload("phone-unload", route_id, hub, 18_000, at(10))
            .await
            .unwrap();
        let unloads = store.unloads_on(tuesday()).await.unwrap();
        assert_eq!(
            (unloads.len(), unloads[0].grams, unloads[0].place_id),
            (1, 18_000, hub)
        );
        // 180 kg was a slip for 18 kg.
        let fixed = PickupReport {
            submission: "phone-fix".into(),
            weighed: vec![(Fraction::Cardboard, 18_000)],
            at: at(11),
            ..first.clone()
        };
        let (_, new) = store.correct_pickup("phone-first", &fixed).await.unwrap();
        assert!(new);
        let (_, again) = store.correct_pickup("phone-first", &fixed).await.unwrap();
        assert!(!again, "a resent correction counts once");
        let standing = store.pickups(tuesday(), tuesday()).await.unwrap();
        assert_eq!(standing.len(), 1);
        assert_eq!(
            (standing[0].grams, standing[0].received_by),
            (18_000, Some(hub))
        );
        assert_eq!(
            store
                .standing_submission(site, tuesday())
                .await
                .unwrap()
                .as_deref(),
            Some("phone-fix")
        );
        let log = store.pickup_corrections(tuesday()).await.unwrap();
        assert_eq!(log, [(site, at(11))]);
        // Only the latest report is corrected.
        let stale = PickupReport {
            submission: "phone-fix-2".into(),
            ..fixed.clone()
        };
        assert!(matches!(
            store.correct_pickup("phone-first", &stale).await,
            Err(StoreError::Conflict(_))
        ));
        let elsewhere = PickupReport {
            submission: "phone-fix-3".into(),
            day: tuesday() + Duration::days(1),
            ..fixed.clone()
        };
        assert!(matches!(
            store.correct_pickup("phone-fix", &elsewhere).await,
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            store.correct_pickup("no-such", &stale).await,
            Err(StoreError::NoSuch { .. })
        ));
        // The visit is billed once, at the subscription's price.
        let visits = store.billed_visits(tuesday(), tuesday()).await.unwrap();
        assert_eq!(
            visits.iter().map(|v| v.price_ore).collect::<Vec<_>>(),
            [4_500]
        );
        let preview = store.preview_invoices(Period::of(tuesday())).await.unwrap();
        assert_eq!(preview.len(), 1);
    }
);

both!(
    a_subscription_changed_from_a_day_keeps_what_ran_at_its_price,
    |store: Store| async move {
        let (_, site) = company_with_agreement(&store, "29189420").await;
        let by = Actor("test".into());
        let old = store
            .add_subscription(site, &subscription("Tue"), 4_500, 0, tuesday(), &by)
            .await
            .unwrap();
        let from = tuesday() + Duration::days(7);
        let new = store
            .change_subscription(old, &subscription("Tue, Fri"), 5_000, 29_900, from, &by)
            .await
            .unwrap();
        let all = store.subscriptions().await.unwrap();
        let old_one = all.iter().find(|s| s.id == old).unwrap();
        let new_one = all.iter().find(|s| s.id == new).unwrap();
        assert_eq!(old_one.ends_on, Some(from - Duration::days(1)));
        assert_eq!((new_one.starts_on, new_one.ends_on), (from, None));
        assert_eq!(
            (new_one.price_per_pickup_ore, new_one.monthly_fee_ore),
            (5_000, 29_900)
        );
        let running = |day| store.running_subscription(site, day);
        assert_eq!(running(tuesday()).await.unwrap().unwrap().id, old);
        assert_eq!(running(from).await.unwrap().unwrap().id, new);
        // Before it started, or after it ended, it cannot be changed.
        assert!(matches!(
            store
                .change_subscription(new, &subscription("Tue"), 5_000, 0, tuesday(), &by)
                .await,
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            store
                .change_subscription(
                    old,
                    &subscription("Tue"),
                    5_000,
                    0,
                    from + Duration::days(7),
                    &by
                )
                .await,
            Err(StoreError::Refused(Refusal::AlreadyEnded { .. }))
        ));
        assert!(matches!(
            store
                .change_subscription(new, &subscription("Tue"), -1, 0, from, &by)
                .await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(
            store.subscriptions().await.unwrap().len(),
            2,
            "nothing half-written"
        );
    }
);

both!(
    a_vehicle_changed_or_taken_out_keeps_its_routes,
    |store: Store| async move {
        let (_, _, vehicle) = fleet(&store).await;
        let mut changed = store.vehicles().await.unwrap()[0].clone();
        changed.capacity_kg = 180;
        changed.name = "Cykel A".into();
        store.change_vehicle(&changed).await.unwrap();
        assert_eq!(store.vehicles().await.unwrap()[0], changed);
        let mut zero = changed.clone();
        zero.capacity_kg = 0;
        assert!(matches!(
            store.change_vehicle(&zero).await,
            Err(StoreError::Invalid(_))
        ));
        let mut missing = changed.clone();
        missing.id = 9_999;
        assert!(matches!(
            store.change_vehicle(&missing).await,
            Err(StoreError::NotFound { .. })
        ));
        let out = tuesday() + Duration::days(1);
        store.retire_vehicle(vehicle, out).await.unwrap();
        assert_eq!(store.vehicles_on(tuesday()).await.unwrap().len(), 1);
        assert!(store.vehicles_on(out).await.unwrap().is_empty());
        assert_eq!(store.retired_vehicles().await.unwrap()[&vehicle], out);
        assert!(matches!(
            store.retire_vehicle(vehicle, tuesday()).await,
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(
            store.vehicles().await.unwrap().len(),
            1,
            "kept for its routes"
        );
    }
);

both!(
    a_day_closed_by_hand_keeps_its_first_closing,
    |store: Store| async move {
        assert!(store.waste_day_closure(tuesday()).await.unwrap().is_none());
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap();
        let first = store
            .close_waste_day(tuesday(), at, &Actor("coordinator".into()))
            .await
            .unwrap();
        let again = store
            .close_waste_day(tuesday(), at + Duration::hours(1), &Actor("other".into()))
            .await
            .unwrap();
        assert_eq!(first, again);
        assert_eq!((first.at, first.by.as_str()), (at, "coordinator"));
        assert!(
            store
                .waste_day_closure(tuesday() + Duration::days(1))
                .await
                .unwrap()
                .is_none()
        );
    }
);
