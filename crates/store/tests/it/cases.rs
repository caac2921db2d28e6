//! The exchange's cases on both databases: kept and changed by slug and language, moved
//! through the workflow with a history, and found by their words — published ones only,
//! with the words that matched (the two databases rank differently).

use crate::both;
use chrono::{DateTime, Utc};
use domain::calendar::parse_instant;
use store::cases::Case;
use store::{Actor, Store, StoreError};

fn now() -> DateTime<Utc> {
    parse_instant("2026-12-04T10:00:00+01:00").unwrap()
}

fn case(slug: &str, lang: &str, title: &str, done: &str) -> Case {
    Case {
        slug: slug.into(),
        lang: lang.into(),
        title: title.into(),
        summary: "Resumé".into(),
        done: done.into(),
        themes: vec!["green".into()],
        sdgs: vec!["12".into()],
        municipality: "Aalborg Kommune".into(),
        ..Case::default()
    }
}

both!(
    cases_are_kept_published_and_found_by_their_words,
    |store: Store| async move {
        let by = Actor("redaktoer".into());
        store
            .put_case(
                &case(
                    "flex-waste",
                    "da",
                    "Flex Waste",
                    "Elektriske køretøjer henter pap hos butikkerne",
                ),
                &by,
                now(),
            )
            .await
            .unwrap();
        store
            .put_case(
                &case(
                    "flex-waste",
                    "en",
                    "Flex Waste",
                    "Electric vehicles collect cardboard from shops",
                ),
                &by,
                now(),
            )
            .await
            .unwrap();
        store
            .put_case(
                &case(
                    "small-jobs",
                    "da",
                    "Små job med mening",
                    "Borgere får timer i virksomheder",
                ),
                &by,
                now(),
            )
            .await
            .unwrap();
        // Changed, not doubled.
        let id = store
            .put_case(
                &case(
                    "small-jobs",
                    "da",
                    "Små job med mening",
                    "Borgere får lønnede timer i virksomheder",
                ),
                &by,
                now(),
            )
            .await
            .unwrap();
        assert_eq!(store.case("small-jobs").await.unwrap()[0].id, id);
        assert!(
            store.search_cases("pap", 10).await.unwrap().is_empty(),
            "drafts are not found"
        );
        assert_eq!(
            store
                .set_case_status("flex-waste", &["draft"], "published", &by, now())
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            store
                .set_case_status("flex-waste", &["draft"], "published", &by, now())
                .await
                .unwrap(),
            0,
            "once"
        );
        let found = store.search_cases("pap", 10).await.unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].case.slug.as_str(), found[0].case.lang.as_str()),
            ("flex-waste", "da")
        );
        assert!(found[0].snippet.contains("[pap]"), "{}", found[0].snippet);
        let english = store.search_cases("cardboard shops", 10).await.unwrap();
        assert_eq!(english.len(), 1);
        assert!(
            store
                .search_cases("\"); DROP TABLE cases; --", 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.cases("published").await.unwrap().len(), 2);
        assert!(
            store.case("flex-waste").await.unwrap()[0]
                .published_at
                .is_some()
        );
        assert!(matches!(
            store
                .set_case_status("nothing", &["draft"], "published", &by, now())
                .await,
            Err(StoreError::NoSuch { .. })
        ));
    }
);

both!(
    external_entries_images_and_subscribers_are_kept_once,
    |store: Store| async move {
        use store::feeds::{ExternalEntry, Kept};
        use store::newsletter::Subscribed;
        let by = Actor("redaktoer".into());
        // A followed feed's entry: new, the same again, then changed in place.
        let id = store
            .add_feed_source(
                "https://odense.example.dk/feed.atom",
                "Odense Kommune",
                &by,
                now(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .add_feed_source("https://odense.example.dk/feed.atom", "Odense", &by, now())
                .await
                .unwrap(),
            None,
            "followed already"
        );
        let source = store.feed_source(id).await.unwrap().unwrap();
        let mut entry = ExternalEntry {
            entry: "urn:odense:1".into(),
            title: "Cykelpuljen".into(),
            summary: "Delte elcykler i boligområderne".into(),
            link: "https://odense.example.dk/cykler".into(),
            lang: "da".into(),
            updated: "2026-11-01T00:00:00Z".into(),
        };
        assert_eq!(
            store.keep_external(&source, &entry, now()).await.unwrap(),
            Kept::New
        );
        assert_eq!(
            store.keep_external(&source, &entry, now()).await.unwrap(),
            Kept::Same
        );
        entry.title = "Cykelpuljen vokser".into();
        entry.updated = "2026-11-02T00:00:00Z".into();
        assert_eq!(
            store.keep_external(&source, &entry, now()).await.unwrap(),
            Kept::Changed
        );
        let published = store.cases("published").await.unwrap();
        assert_eq!(published.len(), 1);
        let kept = &published[0];
        assert_eq!(
            (
                kept.title.as_str(),
                kept.municipality.as_str(),
                kept.source_id
            ),
            ("Cykelpuljen vokser", "Odense Kommune", Some(id))
        );
        assert_eq!(kept.slug, format!("elsewhere-{}", kept.id));
        let found = store.search_cases("cykelpuljen", 10).await.unwrap();
        assert_eq!(found.len(), 1, "found by its new words");
        assert!(store.remove_feed_source(id, now()).await.unwrap());
        assert!(store.cases("published").await.unwrap().is_empty());
        // An image's bytes come back as they went in.
        store
            .put_case(&case("flex-waste", "da", "Flex Waste", "Pap"), &by, now())
            .await
            .unwrap();
        let bytes: Vec<u8> = (0..=255).cycle().take(70_000).collect();
        let image = store::images::Image {
            slug: "flex-waste".into(),
            alt_da: "Et el-køretøj".into(),
            media_type: "image/png".into(),
            width: 1,
            height: 1,
            ..Default::default()
        };
        let image_id = store.add_image(&image, &bytes, &by, now()).await.unwrap();
        let (read, back) = store.image(image_id).await.unwrap().unwrap();
        assert_eq!((read.alt_da.as_str(), back), ("Et el-køretøj", bytes));
        assert!(!store.remove_image("other", image_id).await.unwrap());
        assert!(store.remove_image("flex-waste", image_id).await.unwrap());
        // A subscriber confirms once and gets a month's digest once.
        let Subscribed::New {
            id: subscriber,
            confirm_token,
        } = store
            .subscribe("borger@example.dk", "da", &["green".into()], now())
            .await
            .unwrap()
        else {
            panic!("a new subscriber")
        };
        assert!(
            store
                .confirm_subscriber(&confirm_token, now())
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .confirm_subscriber(&confirm_token, now())
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            store
                .subscribe("borger@example.dk", "da", &[], now())
                .await
                .unwrap(),
            Subscribed::Known(_)
        ));
        let mail = store::outbox::Mail {
            to: "borger@example.dk".into(),
            language: "da".into(),
            message: "{}".into(),
        };
        assert!(
            store
                .queue_digest(subscriber, "2026-11", &mail, now())
                .await
                .unwrap()
        );
        assert!(
            !store
                .queue_digest(subscriber, "2026-11", &mail, now())
                .await
                .unwrap()
        );
        assert_eq!(store.mail_to("borger@example.dk").await.unwrap().len(), 1);
        assert_eq!(store.digests_sent(subscriber).await.unwrap(), ["2026-11"]);
        assert!(store.erase_subscriber(subscriber).await.unwrap());
        assert!(store.confirmed_subscribers().await.unwrap().is_empty());
    }
);
