//! Signing in and out through the pages, the language of a page, and pages refused to
//! the wrong people.

use crate::helpers::{account, cookie_browser, form_token, person, spawn_app, worker_account};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION, SET_COOKIE};
use store::accounts::Role;

#[tokio::test]
async fn a_coordinator_signs_in_and_out_with_the_form() {
    let app = spawn_app().await;
    app.store
        .create_account(&account("k@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let browser = cookie_browser();
    let form = app.page(&browser, "/sign-in").await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.html;
    assert!(
        html.contains("<html lang=\"da\">") && html.contains("Log ind"),
        "{html}"
    );
    assert!(html.contains("<label for=\"email\">") && html.contains("<label for=\"password\">"));
    let csrf = form_token(&html);

    // A wrong password: the form again, its error summarised and linked to the field.
    let wrong = app
        .submit(
            &browser,
            "/sign-in",
            &[
                ("csrf", csrf.as_str()),
                ("email", "k@example.dk"),
                ("password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = wrong.html;
    assert!(
        html.contains("href=\"#email\">E-mailadressen eller adgangskoden er forkert"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    // A form token from elsewhere is refused.
    let forged = app
        .submit(
            &browser,
            "/sign-in",
            &[
                ("csrf", "forged"),
                ("email", "k@example.dk"),
                ("password", "test password"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // A token that failed the check is replaced by a new one.
    let csrf = form_token(&forged.html);

    let signed_in = app
        .submit(
            &browser,
            "/sign-in",
            &[
                ("csrf", csrf.as_str()),
                ("email", "K@example.dk"),
                ("password", "test password"),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let cookie = signed_in
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(
        cookie
            .iter()
            .any(|c| c.starts_with("kommune_session=") && c.contains("HttpOnly")),
        "{cookie:?}"
    );
    let home = app.page(&browser, "/").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    let landing = home.header(LOCATION);
    let page = app.page(&browser, landing).await.html;
    assert!(page.contains("Logget ind som k@example.dk"), "{page}");

    // Signing out needs the session's form token; then the pages send you to sign in.
    let without = app.submit(&browser, "/sign-out", &[("csrf", "nope")]).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let out = app
        .submit(
            &browser,
            "/sign-out",
            &[("csrf", form_token(&page).as_str())],
        )
        .await;
    assert_eq!(
        out.status,
        StatusCode::SEE_OTHER,
        "{:?} {}",
        form_token(&page),
        out.html
    );
    let after = app.page(&browser, landing).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.header(LOCATION), "/sign-in");
}

#[tokio::test]
async fn pages_speak_the_browsers_language_and_refuse_other_roles() {
    let app = spawn_app().await;
    let english = cookie_browser()
        .get(format!("{}/sign-in", app.base))
        .header(ACCEPT_LANGUAGE, "en-GB,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        english.contains("<html lang=\"en\">") && english.contains("Sign in"),
        "{english}"
    );

    let person = app.post("/api/people", &person("w@example.dk")).await.id();
    let mut worker = worker_account("w@example.dk", person);
    worker.language = "en".into();
    let (as_worker, _) = app.signed_in(worker).await;
    let mine = app.page(&as_worker, "/my/tasks").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(
        mine.html.contains("<html lang=\"en\">"),
        "the profile's language wins"
    );
    for other in ["/week", "/company", "/route"] {
        let refused = app.page(&as_worker, other).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{other}");
    }
    let missing = app.page(&as_worker, "/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.html.contains("Page not found"));
}

#[tokio::test]
async fn sign_in_attempts_are_limited() {
    let app = spawn_app().await;
    app.store
        .create_account(&account("k@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let browser = cookie_browser();
    let mut last = StatusCode::OK;
    for _ in 0..=store::accounts::MAX_FAILED {
        let html = app.page(&browser, "/sign-in").await.html;
        last = app
            .submit(
                &browser,
                "/sign-in",
                &[
                    ("csrf", form_token(&html).as_str()),
                    ("email", "k@example.dk"),
                    ("password", "wrong"),
                ],
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

/// One try at the coordinator's password through the form, sent through a proxy that
/// says it forwards for `client`.
async fn try_password(
    app: &crate::helpers::TestApp,
    browser: &reqwest::Client,
    client: &str,
    password: &str,
) -> StatusCode {
    let html = app.page(browser, "/sign-in").await.html;
    browser
        .post(format!("{}/sign-in", app.base))
        .header("x-forwarded-for", client)
        .form(&[
            ("csrf", form_token(&html).as_str()),
            ("email", "k@example.dk"),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

/// Behind a trusted proxy, failures count per client: someone elsewhere guessing cannot
/// lock the coordinator out. Without trust, the header is anyone's to write and is not
/// believed, so it cannot buy more guesses.
#[tokio::test]
async fn sign_in_limits_count_per_client_and_believe_only_a_trusted_proxy() {
    for (app, trusted) in [
        (crate::helpers::spawn_app_behind_proxy().await, true),
        (spawn_app().await, false),
    ] {
        app.store
            .create_account(&account("k@example.dk", Role::Coordinator))
            .await
            .unwrap();
        let browser = cookie_browser();
        for _ in 0..store::accounts::MAX_FAILED {
            let status = try_password(&app, &browser, "198.51.100.1", "wrong").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        assert_eq!(
            try_password(&app, &browser, "198.51.100.1", "test password").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        let elsewhere = try_password(&app, &browser, "203.0.113.9", "test password").await;
        let expected = if trusted {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(elsewhere, expected, "trusted proxy: {trusted}");
    }
}
