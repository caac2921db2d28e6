//! Signing in and out through the pages, the language of a page, and pages refused to
//! the wrong people.

use crate::helpers::{account, spawn_app};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION, SET_COOKIE};
use store::accounts::Role;

/// The value of `name="csrf"` in a page.
fn form_token(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string()
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_signs_in_and_out_with_the_form() {
    let app = spawn_app().await;
    app.store
        .create_account(&account("k@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let browser = no_redirects();
    let form = browser
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"da\">") && html.contains("Log ind"),
        "{html}"
    );
    assert!(html.contains("<label for=\"email\">") && html.contains("<label for=\"password\">"));
    let csrf = form_token(&html);

    // A wrong password: the form again, its error summarised and linked to the field.
    let wrong = browser
        .post(format!("{}/sign-in", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "k@example.dk"),
            ("password", "not it at all"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = wrong.text().await.unwrap();
    assert!(
        html.contains("href=\"#email\">E-mailadressen eller adgangskoden er forkert"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    // A form token from elsewhere is refused.
    let forged = browser
        .post(format!("{}/sign-in", app.base))
        .form(&[
            ("csrf", "forged"),
            ("email", "k@example.dk"),
            ("password", "test password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // A token that failed the check is replaced by a new one.
    let csrf = form_token(&forged.text().await.unwrap());

    let signed_in = browser
        .post(format!("{}/sign-in", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "K@example.dk"),
            ("password", "test password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let cookie = signed_in
        .headers()
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
    let home = browser.get(format!("{}/", app.base)).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    let landing = home.headers()[LOCATION].to_str().unwrap().to_string();
    let page = browser
        .get(format!("{}{landing}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Logget ind som k@example.dk"), "{page}");

    // Signing out needs the session's form token; then the pages send you to sign in.
    let without = browser
        .post(format!("{}/sign-out", app.base))
        .form(&[("csrf", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    let out = browser
        .post(format!("{}/sign-out", app.base))
        .form(&[("csrf", form_token(&page).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER, "{:?} {}", form_token(&page), out.text().await.unwrap());
    let after = browser
        .get(format!("{}{landing}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(after.headers()[LOCATION], "/sign-in");
}

#[tokio::test]
async fn pages_speak_the_browsers_language_and_refuse_other_roles() {
    let app = spawn_app().await;
    let english = no_redirects()
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

    let person = app
        .post("/api/people", &crate::helpers::person("w@example.dk"))
        .await
        .id();
    let mut worker = account("w@example.dk", Role::Worker);
    worker.person_id = Some(person);
    worker.language = "en".into();
    let (as_worker, _) = app.signed_in(worker).await;
    let mine = as_worker
        .get(format!("{}/my/tasks", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    assert!(
        mine.text().await.unwrap().contains("<html lang=\"en\">"),
        "the profile's language wins"
    );
    for other in ["/week", "/company", "/route"] {
        let refused = as_worker
            .get(format!("{}{other}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{other}");
    }
    let missing = as_worker
        .get(format!("{}/no/such/page", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn sign_in_attempts_are_limited() {
    let app = spawn_app().await;
    app.store
        .create_account(&account("k@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let browser = no_redirects();
    let mut last = StatusCode::OK;
    for _ in 0..=store::accounts::MAX_FAILED {
        let html = browser
            .get(format!("{}/sign-in", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        last = browser
            .post(format!("{}/sign-in", app.base))
            .form(&[
                ("csrf", form_token(&html).as_str()),
                ("email", "k@example.dk"),
                ("password", "wrong"),
            ])
            .send()
            .await
            .unwrap()
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
