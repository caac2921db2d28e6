//! The job table and the outbox: one recurring job of a kind however often it is kept,
//! a job taken by one server only, even when servers ask at once, a job lost with its
//! server taken again, and a message handed over once.

use crate::both;
use chrono::{Duration, Utc};
use store::Store;
use store::outbox::Mail;

both!(
    a_job_is_taken_once_and_a_recurring_one_follows_itself,
    |store: Store| async move {
        let now = Utc::now();
        let every = Duration::seconds(60);
        for _ in 0..3 {
            store.keep_recurring("tick", every, now).await.unwrap();
        }
        assert_eq!(
            store.jobs_of("tick", 10).await.unwrap().len(),
            1,
            "kept once"
        );

        // Two servers ask at once: one gets it.
        let (a, b) = tokio::join!(store.take_job("a", now), store.take_job("b", now));
        let taken: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
        assert_eq!(taken.len(), 1, "{taken:?}");
        let job = &taken[0];
        assert_eq!((job.kind.as_str(), job.every_seconds), ("tick", Some(60)));
        assert!(store.take_job("c", now).await.unwrap().is_none());
        store.keep_recurring("tick", every, now).await.unwrap();
        assert_eq!(
            store.jobs_of("tick", 10).await.unwrap().len(),
            1,
            "running counts"
        );

        store
            .finish_job(job, now, Err("went wrong".into()))
            .await
            .unwrap();
        let runs = store.jobs_of("tick", 10).await.unwrap();
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            (runs[1].status.as_str(), runs[1].error.as_deref()),
            ("failed", Some("went wrong"))
        );
        assert_eq!(runs[0].status, "due");
        assert!(
            store.take_job("a", now).await.unwrap().is_none(),
            "not due yet"
        );
        let next = store.take_job("a", now + every).await.unwrap().unwrap();
        assert_eq!(next.kind, "tick");

        // A job whose server was lost is taken again once it has run too long.
        let stale = now + every + Duration::minutes(store::jobs::STALE_MINUTES + 1);
        let again = store.take_job("b", stale).await.unwrap().unwrap();
        assert_eq!(again.id, next.id);
        store.finish_job(&again, stale, Ok(())).await.unwrap();
        assert_eq!(store.jobs_of("tick", 1).await.unwrap()[0].status, "due");

        let once = store.schedule_job("once", "{\"n\":1}", now).await.unwrap();
        let job = store.take_job("a", now).await.unwrap().unwrap();
        assert_eq!(
            (job.id, job.payload.as_str(), job.every_seconds),
            (once, "{\"n\":1}", None)
        );
        store.finish_job(&job, now, Ok(())).await.unwrap();
        assert_eq!(
            store.jobs_of("once", 10).await.unwrap().len(),
            1,
            "no next run"
        );
    }
);

both!(
    a_message_is_marked_sent_once_before_it_is_handed_over,
    |store: Store| async move {
        let now = Utc::now();
        let mail = Mail {
            to: "mette@example.dk".into(),
            language: "da".into(),
            message: "{}".into(),
        };
        let id = store.queue_mail(&mail, now).await.unwrap();
        assert_eq!(store.unsent_mail().await.unwrap().len(), 1);
        let (a, b) = tokio::join!(store.mark_sending(id, now), store.mark_sending(id, now));
        assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
        assert!(store.unsent_mail().await.unwrap().is_empty());
        store.mark_failed(id, &"x".repeat(10_000)).await.unwrap();
        let kept = store.mail_to("mette@example.dk").await.unwrap();
        assert_eq!(kept[0].failed.as_ref().map(String::len), Some(500));
    }
);
