//! The green agents' records on both databases: communities with contacts and places
//! (coordinates kept exactly), activities changed in place, a follow-up done with the
//! pledges it confirms all or nothing, and a pledger erased while their pledges stay
//! counted.

use crate::both;
use chrono::{DateTime, Utc};
use domain::calendar::parse_instant;
use store::green::activities::{Activity, FollowUp};
use store::green::pledges::Pledge;
use store::green::{Community, Contact, Place};
use store::{Store, StoreError};

fn now() -> DateTime<Utc> {
    parse_instant("2026-11-20T10:00:00+01:00").unwrap()
}

both!(
    community_work_is_kept_and_a_follow_up_confirms_pledges_all_or_nothing,
    |store: Store| async move {
        let community = store
            .add_community(
                &Community {
                    name: "Nørresundby Lokalråd".into(),
                    kind: "local_council".into(),
                    description: String::new(),
                    ..Community::default()
                },
                now(),
            )
            .await
            .unwrap();
        let twin = Community {
            name: "Nørresundby Lokalråd".into(),
            kind: "association".into(),
            ..Community::default()
        };
        assert!(matches!(
            store.add_community(&twin, now()).await,
            Err(StoreError::Conflict(_))
        ));
        store
            .add_community_contact(&Contact {
                community_id: community,
                name: "Birgitte Holm".into(),
                role: "Sekretær".into(),
                email: "birgitte@example.dk".into(),
                phone: "+45 99 31 22 00".into(),
                ..Contact::default()
            })
            .await
            .unwrap();
        let place = store
            .add_community_place(&Place {
                community_id: community,
                name: "Medborgerhuset".into(),
                address: "Torvet 3".into(),
                latitude: 57.059_012,
                longitude: 9.923_456,
                ..Place::default()
            })
            .await
            .unwrap();
        let places = store.community_places(None).await.unwrap();
        assert_eq!(
            (places[0].id, places[0].latitude, places[0].longitude),
            (place, 57.059_012, 9.923_456)
        );
        assert_eq!(
            store.community_contacts(community).await.unwrap()[0].name,
            "Birgitte Holm"
        );

        let mut project = Activity {
            community_id: community,
            place_id: Some(place),
            kind: "project".into(),
            project: Some("climate_plan".into()),
            title: "Klimaplan".into(),
            held_on: "2026-06-01".into(),
            topic: "climate".into(),
            sdgs: vec!["13".into(), "11".into()],
            people_reached: 12,
            ..Activity::default()
        };
        let id = store.add_activity(&project, now()).await.unwrap();
        project.id = id;
        project.ends_on = Some("2026-11-01".into());
        project.results = "Planen er vedtaget".into();
        store.change_activity(&project, now()).await.unwrap();
        assert_eq!(store.activity(id).await.unwrap(), project);
        assert_eq!(
            store.activities(Some(community)).await.unwrap(),
            vec![project.clone()]
        );

        let follow_up = store
            .add_follow_up(&FollowUp {
                activity_id: id,
                owner: "Sara".into(),
                due_on: "2026-11-15".into(),
                note: "Hør om planen følges".into(),
                ..FollowUp::default()
            })
            .await
            .unwrap();
        let pledge = |email: &str| Pledge {
            action: "bike_commute".into(),
            name: "Ole".into(),
            email: email.into(),
            household: 2,
            community_id: Some(community),
            lang: "da".into(),
            ..Pledge::default()
        };
        let kept = store
            .add_pledge(&pledge("ole@example.dk"), now())
            .await
            .unwrap();
        // One pledge that does not exist: nothing is done, nothing confirmed.
        let refused = store
            .finish_follow_up(follow_up, "2026-11-16", "Planen følges", &[kept, 999_999])
            .await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(_))),
            "{refused:?}"
        );
        assert_eq!(store.follow_up(follow_up).await.unwrap().done_on, None);
        assert_eq!(store.pledges().await.unwrap()[0].confirmed_on, None);
        store
            .finish_follow_up(follow_up, "2026-11-16", "Planen følges", &[kept])
            .await
            .unwrap();
        let done = store.follow_up(follow_up).await.unwrap();
        assert_eq!(
            (done.done_on.as_deref(), done.outcome.as_str()),
            (Some("2026-11-16"), "Planen følges")
        );
        let confirmed = &store.pledges().await.unwrap()[0];
        assert_eq!(
            (confirmed.confirmed_on.as_deref(), confirmed.follow_up_id),
            (Some("2026-11-16"), Some(follow_up))
        );
        assert!(
            store.follow_ups(None).await.unwrap().is_empty(),
            "none open"
        );
        assert!(matches!(
            store
                .finish_follow_up(follow_up, "2026-11-17", "igen", &[])
                .await,
            Err(StoreError::Conflict(_))
        ));

        // Erased: no name or address, the pledge still counted.
        store
            .add_pledge(&pledge("ole@example.dk"), now())
            .await
            .unwrap();
        assert_eq!(store.erase_pledger("ole@example.dk").await.unwrap(), 2);
        assert!(store.pledges_of("ole@example.dk").await.unwrap().is_empty());
        let all = store.pledges().await.unwrap();
        assert_eq!(all.len(), 2);
        assert!(
            all.iter()
                .all(|p| p.name.is_empty() && p.email.starts_with("erased-"))
        );
    }
);
