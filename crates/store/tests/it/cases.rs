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
