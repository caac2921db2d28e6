//! A person's data read out whole, and erased down to what bookkeeping keeps.

use crate::both;
use crate::fixtures::person;
use chrono::Utc;
use domain::person::FunctionalLimitsDraft;
use store::accounts::{NewAccount, Role, SessionKind};
use store::privacy::erased_name;
use store::{Actor, Store, StoreError};

both!(
    a_person_is_read_out_whole_and_erased_to_what_bookkeeping_keeps,
    |store: Store| async move {
        let p = store
            .create_person(&person("mette@example.dk").parse().unwrap())
            .await
            .unwrap();
        let id = p.meta.id;
        let coordinator = Actor("koordinator@example.dk".into());
        let limits = FunctionalLimitsDraft {
            max_lift_kg: Some(10),
            ..Default::default()
        }
        .parse()
        .unwrap();
        store
            .set_limits(id, 0, &limits, &coordinator)
            .await
            .unwrap();
        let account = store
            .create_account(&NewAccount {
                email: "mette@example.dk".into(),
                password: "correct horse battery".into(),
                role: Role::Worker,
                person_id: Some(id),
                company_id: None,
                language: "da".into(),
            })
            .await
            .unwrap();
        let session = store
            .open_session(account, SessionKind::Browser, Utc::now())
            .await
            .unwrap();

        let held = store.holdings(id, &coordinator).await.unwrap();
        assert_eq!(held.profile.name, "Mette Larsen");
        assert_eq!(held.limits.max_lift_kg, Some(10));
        assert_eq!(held.accounts.len(), 1);
        assert_eq!(held.accounts[0].sessions, 1);
        assert!(
            held.limit_reads
                .iter()
                .any(|r| r.purpose.contains("GDPR Art. 15")),
            "the export's own read of the limits is logged: {:?}",
            held.limit_reads
        );

        let erased = store.erase_person(id).await.unwrap();
        assert!(erased.removed.contains(&("accounts", 1)), "{erased:?}");
        assert!(erased.removed.contains(&("functional limits", 1)));
        assert!(
            erased
                .kept
                .iter()
                .any(|(what, _, why)| *what == "time entries" && why.contains("bookkeeping"))
        );
        let after = store.holdings(id, &coordinator).await.unwrap();
        assert_eq!(after.profile.name, erased_name(id));
        assert!(!after.profile.email.contains("mette"));
        assert!(after.deleted_at.is_some());
        assert!(after.accounts.is_empty());
        assert_eq!(after.limits, FunctionalLimitsDraft::default());
        assert!(
            store
                .session(&session.token, Utc::now())
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            store.erase_person(9999).await,
            Err(StoreError::NotFound { .. })
        ));
    }
);
