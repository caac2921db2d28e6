//! A worker's answers to planned work, and their private calendar feed token.

use crate::both;
use crate::time::planned_for;
use chrono::{Duration, NaiveDate, Utc};
use store::time::Occasion;
use store::worker::Reply;
use store::{Store, StoreError};

both!(
    a_new_answer_replaces_the_old_and_only_planned_work_is_answered,
    |store: Store| async move {
        let occasion = planned_for(&store, "29189420", "w@example.dk").await;
        assert_eq!(store.reply(&occasion).await.unwrap(), None);
        let at = Utc::now();
        let yes = store.set_reply(&occasion, Reply::Yes, at).await.unwrap();
        assert_eq!((yes.occasion, yes.reply), (occasion, Reply::Yes));
        assert_eq!(yes.at.timestamp(), at.timestamp());
        let later = at + Duration::minutes(5);
        store.set_reply(&occasion, Reply::No, later).await.unwrap();
        let current = store.reply(&occasion).await.unwrap().unwrap();
        assert_eq!(current.reply, Reply::No);
        assert_eq!(current.at.timestamp(), later.timestamp());

        let day = occasion.occurrence;
        let mine = store
            .replies(occasion.person_id, day, day + Duration::days(1))
            .await
            .unwrap();
        assert_eq!(mine, [current], "one current answer per occasion");
        assert!(
            store
                .replies(
                    occasion.person_id,
                    day + Duration::days(1),
                    day + Duration::days(8)
                )
                .await
                .unwrap()
                .is_empty()
        );

        // Another day, or someone the plan does not name, cannot answer.
        let other_day = Occasion {
            occurrence: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            ..occasion
        };
        let refused = store.set_reply(&other_day, Reply::Yes, at).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(_))),
            "{refused:?}"
        );
        let stranger = planned_for(&store, "12345674", "o@example.dk").await;
        let swapped = Occasion {
            person_id: stranger.person_id,
            ..occasion
        };
        let refused = store.set_reply(&swapped, Reply::Yes, at).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(_))),
            "{refused:?}"
        );
        assert_eq!(Reply::parse("yes"), Some(Reply::Yes));
        assert_eq!(Reply::parse("maybe"), None);
    }
);

both!(
    a_new_feed_token_retires_the_old_one,
    |store: Store| async move {
        let occasion = planned_for(&store, "29189420", "w@example.dk").await;
        let person = occasion.person_id;
        assert_eq!(store.calendar_feed(person).await.unwrap(), None);
        let first = store.new_calendar_token(person, Utc::now()).await.unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(store.calendar_person(&first).await.unwrap(), Some(person));
        assert_eq!(
            store
                .calendar_feed(person)
                .await
                .unwrap()
                .map(|f| f.person_id),
            Some(person)
        );

        let second = store.new_calendar_token(person, Utc::now()).await.unwrap();
        assert_ne!(first, second);
        assert_eq!(store.calendar_person(&first).await.unwrap(), None);
        assert_eq!(store.calendar_person(&second).await.unwrap(), Some(person));
        assert_eq!(store.calendar_person("not a token").await.unwrap(), None);

        let missing = store.new_calendar_token(person + 1000, Utc::now()).await;
        assert!(
            matches!(missing, Err(StoreError::NotFound { what: "person", .. })),
            "{missing:?}"
        );
    }
);
