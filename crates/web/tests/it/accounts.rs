//! Who may sign in, changed by the coordinator's accounts page and by the person
//! themselves: disabled accounts, new roles, revoked tokens, a new password, and a
//! deleted person whose account no longer opens anything.

use crate::helpers::{PASSWORD, TestApp, account, person, spawn_app, worker_account};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use store::accounts::{Role, SessionKind, SignInError};

/// Whether `email` signs in with `password` (from no network address).
async fn signs_in(app: &TestApp, email: &str, password: &str) -> Result<(), SignInError> {
    app.store
        .sign_in(email, password, "", SessionKind::Browser, app.clock.now())
        .await
        .map(|_| ())
}

/// Whether a browser's session still opens the worker's pages.
async fn still_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    app.page(browser, "/my/tasks").await.status == StatusCode::OK
}

#[tokio::test]
async fn the_coordinator_disables_enables_and_reroles_accounts_and_revokes_tokens() {
    let app = spawn_app().await;
    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let (worker_browser, _) = app.signed_in(worker_account("w@example.dk", worker)).await;
    let worker_id = app.store.account_by_email("w@example.dk").await.unwrap().id;
    let (browser, csrf) = app
        .signed_in(account("k2@example.dk", Role::Coordinator))
        .await;
    let list = app.page(&browser, "/accounts").await;
    assert_eq!(list.status, StatusCode::OK);
    list.assert_well_formed(&csrf);
    assert!(list.html.contains("w@example.dk") && list.html.contains("Medarbejder"));
    assert!(list.html.contains("Din egen konto"), "{}", list.html);

    let disable = format!("/accounts/{worker_id}/disable");
    let done = app.submit(&browser, &disable, &[("csrf", &csrf)]).await;
    assert_eq!(done.header(LOCATION), "/accounts?done=disabled");
    assert!(!still_in(&app, &worker_browser).await, "its session ended");
    assert!(matches!(
        signs_in(&app, "w@example.dk", PASSWORD).await,
        Err(SignInError::Wrong)
    ));
    let shown = app.page(&browser, "/accounts?done=disabled").await.html;
    assert!(shown.contains("Kontoen er spærret") && shown.contains("Genåbn"));
    let enable = format!("/accounts/{worker_id}/enable");
    app.submit(&browser, &enable, &[("csrf", &csrf)]).await;
    assert!(signs_in(&app, "w@example.dk", PASSWORD).await.is_ok());

    // API tokens end when revoked; the browser stays signed in.
    let token_client = app
        .client_for(account("api@example.dk", Role::Coordinator))
        .await;
    let api_id = app
        .store
        .account_by_email("api@example.dk")
        .await
        .unwrap()
        .id;
    let api = app.as_client(token_client);
    assert_eq!(api.get("/api/people").await.status, StatusCode::OK);
    let revoke = format!("/accounts/{api_id}/revoke");
    app.submit(&browser, &revoke, &[("csrf", &csrf)]).await;
    assert_eq!(
        api.get("/api/people").await.status,
        StatusCode::UNAUTHORIZED
    );

    // A new role names what it needs; a wrong pairing is said, not stored.
    let role = format!("/accounts/{worker_id}/role");
    let wrong = app
        .submit(
            &browser,
            &role,
            &[("csrf", &csrf), ("role", "company"), ("stands_for", "")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .html
            .contains("virksomhedskontakt et virksomhedsnummer")
    );
    let worker_text = worker.to_string();
    let driver = app
        .submit(
            &browser,
            &role,
            &[
                ("csrf", &csrf),
                ("role", "driver"),
                ("stands_for", &worker_text),
            ],
        )
        .await;
    assert_eq!(driver.header(LOCATION), "/accounts?done=role");
    let now = app.store.account_by_email("w@example.dk").await.unwrap();
    assert_eq!((now.role, now.person_id), (Role::Driver, Some(worker)));

    // One's own account is another coordinator's to change.
    let own = app
        .store
        .account_by_email("k2@example.dk")
        .await
        .unwrap()
        .id;
    let mine = app
        .submit(
            &browser,
            &format!("/accounts/{own}/disable"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(mine.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !app.store
            .account_by_email("k2@example.dk")
            .await
            .unwrap()
            .disabled
    );
}

#[tokio::test]
async fn a_person_changes_their_own_password_and_their_other_sessions_end() {
    let app = spawn_app().await;
    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let (browser, csrf) = app.signed_in(worker_account("w@example.dk", worker)).await;
    let other = app
        .store
        .sign_in(
            "w@example.dk",
            PASSWORD,
            "",
            SessionKind::Browser,
            app.clock.now(),
        )
        .await
        .unwrap();
    let form = app.page(&browser, "/account/password").await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_well_formed(&csrf);
    assert!(
        form.html
            .contains("<label for=\"current\">Nuværende adgangskode</label>")
    );
    let new = "a much better one";
    for (current, new_one, repeat, field) in [
        ("not it at all", new, new, "current"),
        (PASSWORD, "short", "short", "new"),
        (PASSWORD, new, "something else", "repeat"),
    ] {
        let refused = app
            .submit(
                &browser,
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", current),
                    ("new", new_one),
                    ("repeat", repeat),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            refused.html.contains(&format!("href=\"#{field}\"")),
            "{field}"
        );
    }
    assert!(signs_in(&app, "w@example.dk", PASSWORD).await.is_ok());
    let changed = app
        .submit(
            &browser,
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", new),
                ("repeat", new),
            ],
        )
        .await;
    assert_eq!(changed.header(LOCATION), "/account/password?changed=1");
    assert!(matches!(
        signs_in(&app, "w@example.dk", PASSWORD).await,
        Err(SignInError::Wrong)
    ));
    assert!(signs_in(&app, "w@example.dk", new).await.is_ok());
    assert!(still_in(&app, &browser).await, "this session goes on");
    assert!(
        app.store
            .session(&other.token, app.clock.now())
            .await
            .unwrap()
            .is_none(),
        "the other session ended"
    );
}

#[tokio::test]
async fn a_deleted_person_can_no_longer_sign_in() {
    let app = spawn_app().await;
    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let (browser, _) = app.signed_in(worker_account("w@example.dk", worker)).await;
    assert!(still_in(&app, &browser).await);
    let deleted = app.delete(&format!("/api/people/{worker}")).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(!still_in(&app, &browser).await);
    assert!(matches!(
        signs_in(&app, "w@example.dk", PASSWORD).await,
        Err(SignInError::Wrong)
    ));
}
