//! Signing in with the keyboard alone, and every role's first page, in a real browser.

use super::{Browser, DESKTOP, PHONE, Viewport};
use crate::helpers::{
    COORDINATOR, PASSWORD, TestApp, account, contact_account, person, spawn_app, worker_account,
};
use store::accounts::Role;

/// One account of each role besides the app's coordinator: (e-mail, where they land),
/// with the worker's person and the contact's company.
async fn accounts(app: &TestApp) -> (Vec<(String, &'static str)>, i64, i64) {
    let worker_person = app
        .post("/api/people", &person("arbejder@test.dk"))
        .await
        .id();
    let worker = worker_account("arbejder@test.dk", worker_person);
    app.store.create_account(&worker).await.unwrap();
    let (company, _) = app.company_with_agreement("29189420").await;
    let contact = contact_account("kontakt@test.dk", company);
    app.store.create_account(&contact).await.unwrap();
    let driver_person = app
        .post("/api/people", &person("chauffoer@test.dk"))
        .await
        .id();
    let mut driver = account("chauffoer@test.dk", Role::Driver);
    driver.person_id = Some(driver_person);
    app.store.create_account(&driver).await.unwrap();
    let editor = account("redaktoer@test.dk", Role::Editor);
    app.store.create_account(&editor).await.unwrap();
    let agent = account("agent@test.dk", Role::GreenAgent);
    app.store.create_account(&agent).await.unwrap();
    let people = vec![
        (COORDINATOR.to_string(), "/week"),
        ("arbejder@test.dk".to_string(), "/my/tasks"),
        ("kontakt@test.dk".to_string(), "/company"),
        ("chauffoer@test.dk".to_string(), "/route"),
        ("redaktoer@test.dk".to_string(), "/manage/indicators"),
        ("agent@test.dk".to_string(), "/festival/manage"),
    ];
    (people, worker_person, company)
}

/// With the keyboard alone: Tab from the top of the sign-in page to the e-mail field (every
/// stop's focus visible, the skip link on screen when focused), type, Tab, type, Enter.
async fn keyboard(viewport: Viewport) {
    let app = spawn_app().await;
    let Some(mut browser) = Browser::open(&app.base, viewport, "keyboard").await else {
        return;
    };
    browser.goto("/sign-in").await;
    browser.check("sign-in").await;
    let mut stops = Vec::new();
    loop {
        browser.tab().await;
        let focus = browser.focused().await;
        if !focus.visible {
            browser
                .fail(
                    "tab to the e-mail field",
                    format!("the focus on {focus:?} cannot be seen ({})", focus.style),
                )
                .await;
        }
        if !focus.on_screen {
            browser
                .fail(
                    "tab to the e-mail field",
                    format!("the focused {focus:?} is off screen"),
                )
                .await;
        }
        let first = stops.is_empty();
        stops.push(format!("{} {} {}", focus.tag, focus.id, focus.label));
        if first {
            assert!(
                focus.tag == "a" && focus.href.ends_with("#main"),
                "the first Tab reaches the skip link, not {focus:?}"
            );
            browser.check("skip-link-focused").await;
        }
        if focus.id == "email" {
            break;
        }
        if stops.len() > 6 {
            browser
                .fail(
                    "tab to the e-mail field",
                    format!("six Tabs went through {stops:?}"),
                )
                .await;
        }
    }
    browser.press(COORDINATOR).await;
    browser.tab().await;
    let focus = browser.focused().await;
    assert_eq!(focus.id, "password", "Tab after the e-mail: {focus:?}");
    assert!(focus.visible, "{focus:?}");
    browser.press(PASSWORD).await;
    browser.tab().await;
    let focus = browser.focused().await;
    assert!(
        focus.tag == "button" && focus.visible,
        "Tab after the password reaches the button, focus visible: {focus:?}"
    );
    browser.check("button-focused").await;
    // Enter on the focused button submits the form.
    browser.enter().await;
    let landed = browser.path().await;
    if landed != "/week" {
        browser
            .fail(
                "submit with Enter",
                format!("signed in the coordinator landed on {landed}, not /week"),
            )
            .await;
    }
    browser.check("signed-in").await;
    browser.finish().await;
}

#[tokio::test]
async fn a_coordinator_signs_in_with_the_keyboard_alone_on_a_desktop() {
    keyboard(DESKTOP).await;
}

#[tokio::test]
async fn a_coordinator_signs_in_with_the_keyboard_alone_on_a_phone() {
    keyboard(PHONE).await;
}

/// The sign-in page, its error, each role's landing page and the not-found page.
async fn landing(viewport: Viewport) {
    let app = spawn_app().await;
    let (people, person, company) = accounts(&app).await;
    let need = app
        .post(
            "/api/alliance/needs",
            &serde_json::json!({"company_id": company, "title": "Lagermedarbejder", "hours_per_week": 15,
                "start_on": "2026-12-14", "kind": "ordinary", "must": ["cleaning"], "nice": ["first_aid"]}),
        )
        .await
        .id();
    let Some(mut browser) = Browser::open(&app.base, viewport, "pages").await else {
        return;
    };
    browser.goto("/sign-in").await;
    browser.check("sign-in").await;
    browser.goto("/password/forgot").await;
    browser.check("password-forgot").await;
    // The Alliance's public form, and sent empty: every wrong field summarised.
    browser.goto("/students/register").await;
    browser.check("students-register").await;
    browser
        .click("form.record-form button[type='submit']")
        .await;
    assert!(
        browser.error_summary().await.is_some(),
        "the registration's errors are summarised"
    );
    browser.check("students-register-refused").await;
    // A student's own page, and a candidate's answer to an introduction, by their links.
    let student = store::alliance::students::Student {
        id: 0,
        name: "Freja Holm".into(),
        email: "freja@stud.example.dk".into(),
        education: "Logistikøkonom, UCN".into(),
        skills: vec!["cleaning".into()],
        hours_free: 12,
        languages: vec!["da".into()],
        postcode: "9000".into(),
        consent: true,
        created_at: String::new(),
        confirmed_at: None,
        updated_at: String::new(),
    };
    let registered = app
        .store
        .register_student(&student, app.clock.now())
        .await
        .unwrap();
    browser
        .goto(&format!("/students/me/{}", registered.token))
        .await;
    browser.check("students-me").await;
    let who = store::alliance::dialogue::CandidateRef {
        kind: "student".into(),
        id: registered.id,
    };
    let by = store::Actor("test".into());
    let (_, answer) = app
        .store
        .propose(need, &who, &by, app.clock.now())
        .await
        .unwrap();
    browser.goto(&format!("/introductions/{answer}")).await;
    browser.check("introduction-answer").await;
    // The public pages of goals, an indicator (with its chart) and an initiative.
    let indicator = serde_json::json!({"id": "co2", "title": "CO2-udledning", "unit": "tons CO2e",
        "direction": "down", "target_rate": -2.0, "sdgs": ["13", "13.2"], "initiative": "climate"});
    app.post("/api/indicators", &indicator).await;
    let csv = "Year,Sector,Value\n2018,,1000\n2020,,970\n2022,,956\n2018,Vejtransport,300\n";
    app.post(
        "/api/indicators/co2/import",
        &serde_json::json!({"csv": csv, "source": "Demo"}),
    )
    .await;
    let case = serde_json::json!({"slug": "klima", "lang": "da", "title": "Klimaplanen",
        "summary": "Sådan går CO2 ned", "done": "Fjernvarme og cykelstier", "themes": ["green"],
        "sdgs": ["13"], "municipality": "Aalborg Kommune", "indicators": ["co2"]});
    app.post("/api/cases", &case).await;
    app.post(
        "/api/cases/klima/status",
        &serde_json::json!({"status": "published"}),
    )
    .await;
    let news = serde_json::json!({"slug": "ny-klimaplan", "lang": "da", "kind": "news",
        "title": "Ny klimaplan vedtaget", "summary": "Byrådet har vedtaget planen.", "themes": ["green"],
        "municipality": "Aalborg Kommune", "links": ["klima"]});
    app.post("/api/cases", &news).await;
    app.post(
        "/api/cases/ny-klimaplan/status",
        &serde_json::json!({"status": "published"}),
    )
    .await;
    let subscriber = app
        .store
        .subscribe("borger@example.dk", "da", &[], app.clock.now())
        .await
        .unwrap();
    let store::newsletter::Subscribed::New { id, .. } = subscriber else {
        panic!("a new subscriber")
    };
    let leave = app
        .store
        .subscriber(id)
        .await
        .unwrap()
        .unwrap()
        .unsubscribe_token;
    let festival_event = crate::festival::event(&app, 30).await;
    let event_page = format!("/festival/events/{festival_event}");
    let door_page = format!("/festival/door/{festival_event}");
    let (community, activity, follow_up) = crate::green::community_with_work(&app).await;
    for (path, step) in [
        ("/festival", "festival"),
        (event_page.as_str(), "festival-event"),
        ("/greener", "greener"),
        ("/", "front"),
        ("/news", "news"),
        ("/news/ny-klimaplan", "news-item"),
        ("/newsletter", "newsletter"),
        (
            &format!("/newsletter/unsubscribe/{leave}") as &str,
            "newsletter-leave",
        ),
        ("/goals", "goals"),
        ("/indicators/co2", "indicator"),
        ("/initiatives/climate", "initiative"),
        ("/cases?q=fjernvarme", "cases"),
        ("/cases/klima", "case"),
    ] {
        browser.goto(path).await;
        browser.check(step).await;
    }
    browser.goto("/sign-in").await;
    browser.type_into("#email", COORDINATOR).await;
    browser.type_into("#password", "not the password").await;
    browser
        .click("form[action='/sign-in'] button[type='submit']")
        .await;
    let summary = browser.error_summary().await;
    assert!(
        summary
            .as_deref()
            .is_some_and(|s| s.contains("adgangskoden er forkert")),
        "the error summary: {summary:?}"
    );
    browser.check("sign-in-wrong-password").await;

    for (email, landing) in &people {
        browser.sign_in(email, PASSWORD).await;
        let path = browser.path().await;
        if path != *landing {
            browser
                .fail(
                    "land after signing in",
                    format!("{email} landed on {path}, not {landing}"),
                )
                .await;
        }
        browser.expect_ok("land after signing in", landing).await;
        browser.check(landing.trim_start_matches('/')).await;
        browser.tour("").await;
        // Everyone's own page for a new password, linked beside the sign-out button.
        browser.click("header a[href='/account/password']").await;
        browser
            .expect_ok("change password", "/account/password")
            .await;
        browser
            .check(&format!("{}-password", landing.trim_start_matches('/')))
            .await;
        if email == COORDINATOR {
            browser.goto("/no/such/page").await;
            assert_eq!(browser.status().await, 404);
            browser.check("not-found").await;
            // The pages off the menu: the other view of the week, and the record forms.
            for (path, step) in [
                ("/week?view=tasks".to_string(), "week-by-task"),
                ("/people/new".to_string(), "person-new"),
                (format!("/people/{person}/edit"), "person-edit"),
                ("/companies/new".to_string(), "company-new"),
                (format!("/companies/{company}/edit"), "company-edit"),
                (
                    format!("/companies/{company}/agreements/new"),
                    "agreement-new",
                ),
                ("/alliance/new".to_string(), "alliance-need-new"),
                ("/manage/cases/new".to_string(), "case-new"),
                ("/manage/cases/klima/da".to_string(), "case-edit"),
                ("/manage/feeds".to_string(), "feeds"),
                ("/festival/manage/event".to_string(), "festival-event-new"),
                (door_page.clone(), "festival-door"),
                (format!("/green/communities/{community}"), "green-community"),
                (
                    format!("/green/activities/{activity}/edit"),
                    "green-activity",
                ),
                (format!("/green/follow-ups/{follow_up}"), "green-follow-up"),
                ("/alliance/students".to_string(), "alliance-students"),
                ("/alliance/gaps".to_string(), "alliance-gaps"),
                (format!("/alliance/companies/{company}"), "alliance-company"),
                (format!("/alliance/needs/{need}"), "alliance-need"),
                (
                    format!("/alliance/candidates/person:{person}"),
                    "alliance-candidate",
                ),
            ] {
                browser.goto(&path).await;
                browser.expect_ok(step, &path).await;
                browser.check(step).await;
            }
            // A form sent empty: every wrong field marked, the summary linked to them.
            browser.goto("/people/new").await;
            browser
                .click("form.record-form button[type='submit']")
                .await;
            assert!(
                browser.error_summary().await.is_some(),
                "the form's errors are summarised"
            );
            browser.check("person-new-refused").await;
        }
        browser.sign_out().await;
    }
    browser.finish().await;
}

#[tokio::test]
async fn every_roles_first_page_passes_axe_on_a_phone() {
    landing(PHONE).await;
}

#[tokio::test]
async fn every_roles_first_page_passes_axe_on_a_desktop() {
    landing(DESKTOP).await;
}

/// The check itself works: a picture without a text alternative is a critical finding.
#[tokio::test]
async fn the_axe_check_finds_a_picture_without_a_text_alternative() {
    let app = spawn_app().await;
    let Some(mut browser) = Browser::open(&app.base, DESKTOP, "axe").await else {
        return;
    };
    browser.goto("/sign-in").await;
    browser
        .js(
            "document.querySelector('main')
               .insertAdjacentHTML('beforeend', '<img src=\"data:,\" width=\"20\" height=\"20\">');",
            vec![],
        )
        .await;
    browser.check("picture-without-alt").await;
    let findings = browser.take_findings();
    assert!(
        findings.len() == 1 && findings[0].contains("critical image-alt"),
        "{findings:?}"
    );
    browser.finish().await;
}

/// Flex Waste's day with its map, on a phone and a desktop, under axe.
async fn waste_day_page(viewport: Viewport) {
    let app = spawn_app().await;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    crate::pages_driver::waste_day(&app, day).await;
    let Some(mut browser) = Browser::open(&app.base, viewport, "waste").await else {
        return;
    };
    browser.sign_in(COORDINATOR, PASSWORD).await;
    let path = format!("/waste/day?date={day}");
    browser.goto(&path).await;
    browser.expect_ok("coordinator opens the day", &path).await;
    browser.check("waste-day").await;
    browser.finish().await;
}

#[tokio::test]
async fn the_waste_day_with_its_map_passes_axe_on_a_phone() {
    waste_day_page(PHONE).await;
}

#[tokio::test]
async fn the_waste_day_with_its_map_passes_axe_on_a_desktop() {
    waste_day_page(DESKTOP).await;
}

/// The ESCO search page with its results and the footer's attribution, under axe.
async fn skills_page(viewport: Viewport) {
    let app = spawn_app().await;
    let Some(mut browser) = Browser::open(&app.base, viewport, "skills").await else {
        return;
    };
    browser.sign_in(COORDINATOR, PASSWORD).await;
    browser
        .open_page("skills", "/skills?q=clean&kind=both")
        .await;
    browser.check("skills").await;
    browser.finish().await;
}

#[tokio::test]
async fn the_skill_search_passes_axe_on_a_phone() {
    skills_page(PHONE).await;
}

#[tokio::test]
async fn the_skill_search_passes_axe_on_a_desktop() {
    skills_page(DESKTOP).await;
}
