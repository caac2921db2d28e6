//! Sign-in: accounts by role, Argon2id hashes, sessions and tokens, the rate limit.

use crate::both;
use crate::fixtures::{company_with_agreement, person};
use chrono::{Duration, Utc};
use store::accounts::{
    MAX_FAILED, MAX_FAILED_PER_CLIENT, NewAccount, Role, SessionKind, SignInError,
};
use store::{Store, StoreError};

fn new(email: &str, role: Role) -> NewAccount {
    NewAccount {
        email: email.into(),
        password: "correct horse battery".into(),
        role,
        person_id: None,
        company_id: None,
        language: "da".into(),
    }
}

async fn coordinator(store: &Store) -> store::accounts::Account {
    store
        .create_account(&new("Koordinator@Example.dk ", Role::Coordinator))
        .await
        .unwrap()
}

both!(
    accounts_need_the_links_their_role_names,
    |store: Store| async move {
        let account = coordinator(&store).await;
        assert_eq!(account.email, "koordinator@example.dk");
        assert_eq!(account.role, Role::Coordinator);

        let again = store
            .create_account(&new("koordinator@example.dk", Role::Coordinator))
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

        let mut bad = new("not-an-address", Role::Worker);
        bad.password = "short".into();
        bad.language = "de".into();
        let Err(StoreError::Invalid(errors)) = store.create_account(&bad).await else {
            panic!("a bad account is refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "password", "person_id", "language"]);

        let worker_id = store
            .create_person(&person("w@example.dk").parse().unwrap())
            .await
            .unwrap()
            .meta
            .id;
        let mut worker = new("w@example.dk", Role::Worker);
        worker.person_id = Some(worker_id);
        assert_eq!(
            store.create_account(&worker).await.unwrap().person_id,
            Some(worker_id)
        );
        let (company, _) = company_with_agreement(&store, "29189420").await;
        let mut contact = new("k@bageriet.dk", Role::Company);
        contact.company_id = Some(company);
        assert_eq!(
            store.create_account(&contact).await.unwrap().company_id,
            Some(company)
        );
        assert_eq!(store.accounts().await.unwrap().len(), 3);
    }
);

/// The client address the tests sign in from.
const HOME: &str = "198.51.100.1";

both!(
    a_session_opens_with_the_password_and_ends_with_sign_out,
    |store: Store| async move {
        let account = coordinator(&store).await;
        let now = Utc::now();
        let session = store
            .sign_in(
                "KOORDINATOR@example.dk",
                "correct horse battery",
                HOME,
                SessionKind::Browser,
                now,
            )
            .await
            .unwrap();
        assert_eq!(session.account, account);
        assert_eq!(session.token.len(), 64);
        assert_ne!(session.token, session.csrf);
        let found = store.session(&session.token, now).await.unwrap().unwrap();
        assert_eq!(
            (found.account.id, found.csrf.as_str()),
            (account.id, session.csrf.as_str())
        );
        // Not after it expires, not with a made-up token, and not after signing out.
        assert!(
            store
                .session(&session.token, now + Duration::days(8))
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.session(&"0".repeat(64), now).await.unwrap().is_none());
        store.sign_out(&session.token).await.unwrap();
        assert!(store.session(&session.token, now).await.unwrap().is_none());
        // The database keeps no token in the clear.
        let api = store
            .open_session(account, SessionKind::Api, now)
            .await
            .unwrap();
        assert!(
            store
                .session(&api.token, now + Duration::days(300))
                .await
                .unwrap()
                .is_some()
        );
    }
);

both!(
    failed_sign_ins_are_limited_per_address,
    |store: Store| async move {
        coordinator(&store).await;
        let now = Utc::now();
        let wrong = store
            .sign_in(
                "nobody@example.dk",
                "whatever it is",
                HOME,
                SessionKind::Browser,
                now,
            )
            .await;
        assert!(
            matches!(wrong, Err(SignInError::Wrong)),
            "an unknown address is just wrong"
        );
        for _ in 0..MAX_FAILED {
            let r = store
                .sign_in(
                    "koordinator@example.dk",
                    "wrong password",
                    HOME,
                    SessionKind::Browser,
                    now,
                )
                .await;
            assert!(matches!(r, Err(SignInError::Wrong)));
        }
        // Now even the right password waits...
        let blocked = store
            .sign_in(
                "koordinator@example.dk",
                "correct horse battery",
                HOME,
                SessionKind::Browser,
                now,
            )
            .await;
        assert!(
            matches!(blocked, Err(SignInError::TooMany { .. })),
            "{blocked:?}"
        );
        // The coordinator elsewhere is not locked out by failures from here.
        store
            .sign_in(
                "koordinator@example.dk",
                "correct horse battery",
                "203.0.113.9",
                SessionKind::Browser,
                now,
            )
            .await
            .unwrap();
        // ...until the window has passed.
        let later = now + Duration::minutes(16);
        store
            .sign_in(
                "koordinator@example.dk",
                "correct horse battery",
                HOME,
                SessionKind::Browser,
                later,
            )
            .await
            .unwrap();
    }
);

both!(
    one_client_trying_many_addresses_is_stopped_after_fifty,
    |store: Store| async move {
        coordinator(&store).await;
        let now = Utc::now();
        for i in 0..MAX_FAILED_PER_CLIENT {
            let r = store
                .sign_in(
                    &format!("someone{i}@example.dk"),
                    "Sommer2026!",
                    HOME,
                    SessionKind::Browser,
                    now,
                )
                .await;
            assert!(matches!(r, Err(SignInError::Wrong)), "{i}: {r:?}");
        }
        let sprayed = store
            .sign_in(
                "koordinator@example.dk",
                "correct horse battery",
                HOME,
                SessionKind::Browser,
                now,
            )
            .await;
        assert!(matches!(sprayed, Err(SignInError::TooMany { .. })));
        store
            .sign_in(
                "koordinator@example.dk",
                "correct horse battery",
                "203.0.113.9",
                SessionKind::Browser,
                now,
            )
            .await
            .unwrap();
    }
);

both!(
    tries_at_the_same_time_check_no_more_passwords_than_the_limit,
    |store: Store| async move {
        coordinator(&store).await;
        let now = Utc::now();
        let tries = (0..12).map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .sign_in(
                        "koordinator@example.dk",
                        "wrong password",
                        HOME,
                        SessionKind::Browser,
                        now,
                    )
                    .await
            })
        });
        let mut checked = 0;
        for attempt in tries.collect::<Vec<_>>() {
            match attempt.await.unwrap() {
                Err(SignInError::Wrong) => checked += 1,
                Err(SignInError::TooMany { .. }) => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            checked, MAX_FAILED,
            "each try was counted before its password was checked"
        );
        // An address longer than any is refused without being stored.
        let long = format!("{}@example.dk", "a".repeat(2 << 20));
        assert!(matches!(
            store
                .sign_in(&long, "x", HOME, SessionKind::Browser, now)
                .await,
            Err(SignInError::Wrong)
        ));
    }
);

both!(
    an_editor_account_is_kept_after_the_accounts_were_rebuilt,
    |store: Store| async move {
        let editor = store
            .create_account(&new("redaktoer@example.dk", Role::Editor))
            .await
            .unwrap();
        assert_eq!(store.account(editor.id).await.unwrap().role, Role::Editor);
        // The rebuilt table keeps its unique address.
        assert!(
            store
                .create_account(&new("redaktoer@example.dk", Role::Editor))
                .await
                .is_err()
        );
    }
);
