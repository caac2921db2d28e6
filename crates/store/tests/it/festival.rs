//! The festival's registrations on both databases: no event is ever overbooked under
//! many registrations at once, waiting positions are commit order, holds run out, and
//! freed places go to the waiting list by the rule for groups.

use crate::both;
use chrono::{DateTime, Duration, Utc};
use domain::calendar::parse_instant;
use store::Store;
use store::festival::registrations::{MAX_PASSES, NewRegistration};
use store::festival::{Edition, Event, Venue};

fn now() -> DateTime<Utc> {
    parse_instant("2027-05-01T10:00:00+02:00").unwrap()
}

/// An approved event of `capacity` places.
pub async fn event(store: &Store, capacity: i64) -> i64 {
    let edition = store
        .add_edition(
            &Edition {
                year: 2027,
                title: "Bæredygtighedsfestival 2027".into(),
                starts_on: "2027-05-20".into(),
                days: 4,
                group_limit: 10,
                ..Edition::default()
            },
            now(),
        )
        .await
        .unwrap();
    let venue = store
        .add_venue(&Venue {
            edition_id: edition,
            name: "Nordkraft".into(),
            address: "Teglgårds Plads 1".into(),
            capacity: 500,
            accessibility: "Elevator".into(),
            ..Venue::default()
        })
        .await
        .unwrap();
    store
        .add_event(
            &Event {
                edition_id: edition,
                venue_id: venue,
                title: "Reparationscafé".into(),
                kind: "workshop".into(),
                organiser: "Aalborg Kommune".into(),
                organiser_type: "municipality".into(),
                organiser_email: "festival@aalborg.example.dk".into(),
                starts_at: "2027-05-20T08:00:00Z".into(),
                ends_at: "2027-05-20T10:00:00Z".into(),
                capacity,
                lang: "da".into(),
                status: "approved".into(),
                ..Event::default()
            },
            "organiser-token",
            None,
            now(),
        )
        .await
        .unwrap()
}

fn person(event_id: i64, n: usize, people: i64) -> NewRegistration {
    NewRegistration {
        event_id,
        name: format!("Deltager {n}"),
        email: format!("d{n}@example.dk"),
        lang: "da".into(),
        people,
    }
}

both!(
    many_at_once_never_overbook_and_wait_in_commit_order,
    |store: Store| async move {
        let id = event(&store, 30).await;
        let edition = store.editions().await.unwrap()[0].id;
        assert_eq!(store.events(edition, None).await.unwrap().len(), 1);
        assert_eq!(
            store.events(edition, Some("approved")).await.unwrap().len(),
            1
        );
        assert!(
            store
                .events(edition, Some("proposed"))
                .await
                .unwrap()
                .is_empty()
        );
        let mut running = Vec::new();
        for n in 0..200 {
            let store = store.clone();
            running.push(tokio::spawn(async move {
                store
                    .register(
                        &person(id, n, 1),
                        Duration::hours(24),
                        Duration::hours(24),
                        now(),
                    )
                    .await
                    .unwrap()
            }));
        }
        let mut done = Vec::new();
        for r in running {
            done.push(r.await.unwrap());
        }
        let held = done
            .iter()
            .filter(|r| r.registration.status == "held")
            .count();
        assert_eq!(held, 30);
        let mut waiting: Vec<(i64, i64)> = done
            .iter()
            .filter_map(|r| r.position.map(|p| (r.registration.seq, p)))
            .collect();
        waiting.sort();
        assert_eq!(waiting.len(), 170);
        // Positions 1–170, each once, in the order the registrations committed.
        let positions: Vec<i64> = waiting.iter().map(|(_, p)| *p).collect();
        assert_eq!(positions, (1..=170).collect::<Vec<_>>());
        let places = store.places(id).await.unwrap();
        assert_eq!((places.taken, places.waiting), (30, 170));
    }
);

both!(
    freed_places_go_to_the_waiting_list_fairly,
    |store: Store| async move {
        let id = event(&store, 4).await;
        let hold = Duration::hours(24);
        let a = store
            .register(&person(id, 1, 3), hold, hold, now())
            .await
            .unwrap();
        let b = store
            .register(&person(id, 2, 1), hold, hold, now())
            .await
            .unwrap();
        assert_eq!(
            (
                a.registration.status.as_str(),
                b.registration.status.as_str()
            ),
            ("held", "held")
        );
        store.confirm_registration(&a.token, now()).await.unwrap();
        // Full: a group of 3 waits first, then two of 1.
        let big = store
            .register(&person(id, 3, 3), hold, hold, now())
            .await
            .unwrap();
        let small1 = store
            .register(&person(id, 4, 1), hold, hold, now())
            .await
            .unwrap();
        let small2 = store
            .register(&person(id, 5, 1), hold, hold, now())
            .await
            .unwrap();
        assert_eq!(
            (big.position, small1.position, small2.position),
            (Some(1), Some(2), Some(3))
        );
        // One place frees: the big group does not fit and is passed over once.
        let (_, offers) = store
            .cancel_registration(&b.token, hold, now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            offers.iter().map(|o| o.id).collect::<Vec<_>>(),
            [small1.registration.id]
        );
        // The offer runs out unanswered: its place goes on, past the big group again.
        let later = now() + Duration::hours(25);
        let offers = store.expire_holds(hold, later).await.unwrap();
        assert_eq!(
            offers.iter().map(|o| o.id).collect::<Vec<_>>(),
            [small2.registration.id]
        );
        let passes = |regs: &[store::festival::registrations::Registration]| {
            regs.iter()
                .find(|r| r.id == big.registration.id)
                .unwrap()
                .passes
        };
        assert_eq!(passes(&store.registrations(id).await.unwrap()), MAX_PASSES);
        // A newcomer of 1 waits behind them all, and once the big group has been passed
        // over enough, a freed place is kept for it rather than offered to the newcomer.
        let newcomer = store
            .register(&person(id, 6, 1), hold, hold, later)
            .await
            .unwrap();
        assert_eq!(newcomer.position, Some(2));
        let offers = store
            .expire_holds(hold, later + Duration::hours(25))
            .await
            .unwrap();
        assert!(
            offers.is_empty(),
            "the place waits for the big group: {offers:?}"
        );
        // The first group cancels: 3 + 1 free, the big group is offered its places.
        let (_, offers) = store
            .cancel_registration(&a.token, hold, later)
            .await
            .unwrap()
            .unwrap();
        let offered: Vec<i64> = offers.iter().map(|o| o.id).collect();
        assert_eq!(offered, [big.registration.id, newcomer.registration.id]);
        let places = store.places(id).await.unwrap();
        assert!(places.taken <= places.capacity);
        // An offer followed in time is confirmed; a cancelled link does nothing more.
        let confirmed = store
            .confirm_registration(&newcomer.token, later)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(confirmed.status, "confirmed");
        assert!(
            store
                .cancel_registration(&a.token, hold, later)
                .await
                .unwrap()
                .is_none()
        );
        // At the door, by the code.
        let at_door = store
            .check_in_registration(id, &confirmed.code.to_lowercase(), later)
            .await
            .unwrap();
        assert!(at_door.is_some_and(|r| r.checked_in_at.is_some()));
        assert!(
            store
                .check_in_registration(id, "NOCODE", later)
                .await
                .unwrap()
                .is_none()
        );
    }
);

both!(
    events_change_end_remind_and_forget_their_registrants,
    |store: Store| async move {
        let id = event(&store, 4).await;
        let hold = Duration::hours(24);
        let one = store
            .register(&person(id, 1, 3), hold, hold, now())
            .await
            .unwrap();
        store.confirm_registration(&one.token, now()).await.unwrap();
        store
            .register(&person(id, 2, 2), hold, hold, now())
            .await
            .unwrap();
        // Fewer places than are taken is refused; more are offered to the one waiting.
        let mut changed = store.event(id).await.unwrap().unwrap();
        changed.capacity = 2;
        assert!(matches!(
            store.change_event(id, &changed, now()).await,
            Err(store::StoreError::Invalid(ref e)) if e[0].field == "capacity"
        ));
        changed.capacity = 5;
        store.change_event(id, &changed, now()).await.unwrap();
        let offers = store.fill_event(id, hold, now()).await.unwrap();
        assert_eq!(offers.len(), 1);
        // The day before, the confirmed one is reminded once.
        let window = (now(), now() + Duration::days(30));
        let mail = |r: &store::festival::registrations::Registration| {
            Some(store::outbox::Mail {
                to: r.email.clone(),
                language: "da".into(),
                message: "{}".into(),
            })
        };
        assert_eq!(store.remind(window, mail, now()).await.unwrap(), 1);
        assert_eq!(store.remind(window, mail, now()).await.unwrap(), 0);
        assert!(store.reminded(one.registration.id).await.unwrap());
        // Forgotten: no name or address is left, and the places go on.
        let (erased, _) = store
            .erase_registrant("d1@example.dk", hold, now())
            .await
            .unwrap();
        assert_eq!(erased, 1);
        assert!(
            store
                .registrations_of("d1@example.dk")
                .await
                .unwrap()
                .is_empty()
        );
        let left = store.registrations(id).await.unwrap();
        assert!(left.iter().all(|r| r.name != "Deltager 1"));
        // Cancelled: every live registration ends.
        assert!(
            store
                .set_event_status(id, &["approved"], "cancelled", now())
                .await
                .unwrap()
        );
        let ended = store.end_registrations(id, now()).await.unwrap();
        assert_eq!(ended.len(), 1);
        assert_eq!(store.places(id).await.unwrap().taken, 0);
        // An organiser's links.
        assert!(
            store
                .event_by_organiser("organiser-token")
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .confirm_event("organiser-token", now())
                .await
                .unwrap()
                .is_none()
        );
    }
);

both!(
    free_places_go_to_a_newcomer_nobody_ahead_can_use_and_oversized_groups_never_block,
    |store: Store| async move {
        let id = event(&store, 6).await;
        let hold = Duration::hours(24);
        store
            .register(&person(id, 1, 2), hold, hold, now())
            .await
            .unwrap();
        let big = store
            .register(&person(id, 2, 5), hold, hold, now())
            .await
            .unwrap();
        assert_eq!(big.position, Some(1));
        // Four places are free that the group of five cannot use: the newcomer of one
        // is offered them at once, and the big group counts one pass.
        let small = store
            .register(&person(id, 3, 1), hold, hold, now())
            .await
            .unwrap();
        assert_eq!(
            (small.position, small.registration.status.as_str()),
            (None, "offered")
        );
        assert!(small.offers.is_empty(), "no one else was offered");
        let regs = store.registrations(id).await.unwrap();
        let find = |regs: &[store::festival::registrations::Registration], rid: i64| {
            regs.iter().find(|r| r.id == rid).unwrap().clone()
        };
        assert_eq!(find(&regs, big.registration.id).passes, 1);
        // The door lets in confirmed registrations only.
        let code = small.registration.code.clone();
        assert!(
            store
                .check_in_registration(id, &code, now())
                .await
                .unwrap()
                .is_none()
        );
        store
            .confirm_registration(&small.token, now())
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .check_in_registration(id, &code, now())
                .await
                .unwrap()
                .is_some()
        );
        // The places are lowered below the big group's size: it is skipped, not waited
        // for, and the next newcomer is offered the free places.
        let mut changed = store.event(id).await.unwrap().unwrap();
        changed.capacity = 4;
        store.change_event(id, &changed, now()).await.unwrap();
        let next = store
            .register(&person(id, 4, 1), hold, hold, now())
            .await
            .unwrap();
        assert_eq!(next.registration.status, "offered");
        let regs = store.registrations(id).await.unwrap();
        let big_now = find(&regs, big.registration.id);
        assert_eq!((big_now.status.as_str(), big_now.passes), ("waiting", 1));
        let places = store.places(id).await.unwrap();
        assert!(places.taken <= places.capacity, "{places:?}");
        // Door codes stay unique within the event.
        let mut codes: Vec<String> = regs.iter().map(|r| r.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), regs.len());
    }
);
