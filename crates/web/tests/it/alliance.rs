//! The Aalborg Alliance through the API and the public pages: needs checked whole,
//! matching with reasons (a candidate missing a must-have never above one who has them
//! all, evidence from confirmed hours, limits checked and never shown), consent before a
//! company sees anyone, students' own links, the per-address limit, and the figures.

use crate::fixtures::{at, tuesday};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use store::accounts::Role;

/// A need for `company` (with its first site) asking `must` and `nice`.
fn need(company: i64, must: &[&str], nice: &[&str]) -> Value {
    json!({
        "company_id": company,
        "title": "Lagermedarbejder",
        "hours_per_week": 15,
        "start_on": "2026-12-14",
        "kind": "ordinary",
        "positions": 2,
        "must": must,
        "nice": nice,
    })
}

/// A student's registration as the public form sends it.
fn registration(email: &str, skills: &[&str]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("name".to_string(), "Freja Holm".to_string()),
        ("email".into(), email.into()),
        ("education".into(), "Logistikøkonom, UCN".into()),
        ("hours_free".into(), "12".into()),
        ("languages".into(), "da, en".into()),
        ("postcode".into(), "9000".into()),
        ("consent".into(), "1".into()),
        ("language".into(), "da".into()),
    ];
    fields.extend(
        skills
            .iter()
            .map(|s| ("skills".to_string(), (*s).to_string())),
    );
    fields
}

/// Registers a student through the public page and opens the link e-mailed to them;
/// answers the student's id and the link's path.
async fn registered_student(app: &TestApp, email: &str, skills: &[&str]) -> (i64, String) {
    let browser = cookie_browser();
    let form = app.page(&browser, "/students/register").await;
    assert_eq!(form.status, StatusCode::OK);
    let mut fields = registration(email, skills);
    fields.push(("csrf".into(), form_token(&form.html)));
    let done = app
        .submit_form(&browser, "/students/register", &fields)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    let mail = app.store.mail_to(email).await.unwrap();
    let message: Value = serde_json::from_str(&mail[0].mail.message).unwrap();
    let link = message["link"].as_str().unwrap().to_string();
    let path = link.trim_start_matches(&app.base).to_string();
    let me = app.page(&browser, &path).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.html);
    let id = app
        .store
        .students()
        .await
        .unwrap()
        .iter()
        .find(|s| s.email == email)
        .unwrap()
        .id;
    (id, path)
}

#[tokio::test]
async fn a_need_is_checked_whole_and_names_every_bad_field() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let (other, other_site) = app.company_with_agreement("12345674").await;
    let _ = other;
    let mut bad = need(company, &["no_such_skill"], &[]);
    bad["hours_per_week"] = json!(40);
    bad["site_id"] = json!(other_site);
    bad["kind"] = json!("permanent");
    let answer = app.post("/api/alliance/needs", &bad).await;
    assert_eq!(
        answer.invalid_fields(),
        ["site_id", "hours_per_week", "kind", "must[0]"]
    );
    assert_eq!(
        app.total("/api/alliance/needs").await,
        0,
        "nothing is stored"
    );
    let made = app
        .post(
            "/api/alliance/needs",
            &need(company, &["forklift"], &["first_aid"]),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{made:?}");
    assert_eq!(made.body["skills"][0]["label"], "Truckcertifikat");
    assert_eq!(made.body["skills"][0]["must"], true);
    assert_eq!(app.total("/api/alliance/needs").await, 1);
}

#[tokio::test]
async fn a_company_contact_enters_and_sees_only_its_own_needs() {
    let app = spawn_app().await;
    let (ours, _) = app.company_with_agreement("29189420").await;
    let (theirs, _) = app.company_with_agreement("12345674").await;
    app.post("/api/alliance/needs", &need(theirs, &["cleaning"], &[]))
        .await;
    let contact = app.as_client(
        app.client_for(contact_account("kontakt@firma.dk", ours))
            .await,
    );
    // The company is the contact's own, whatever the body says.
    let made = contact
        .post("/api/alliance/needs", &need(theirs, &["cleaning"], &[]))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{made:?}");
    assert_eq!(made.body["company_id"], ours);
    let listed = contact.get("/api/alliance/needs").await;
    assert_eq!(listed.body["total"], 1);
    assert_eq!(listed.body["items"][0]["company_id"], ours);
    let matches = contact
        .get(&format!("/api/alliance/needs/{}/matches", made.id()))
        .await;
    assert_eq!(
        matches.status,
        StatusCode::FORBIDDEN,
        "matching is the agency's"
    );
}

#[tokio::test]
async fn matches_put_everyone_with_every_must_have_first_and_say_why() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    // Has both must-haves; has one of them and lives next door.
    let both = app
        .post(
            "/api/people",
            &with(
                person("both@example.dk"),
                "skills",
                json!(["forklift", "warehouse_picking"]),
            ),
        )
        .await
        .id();
    let one = app
        .post(
            "/api/people",
            &with(
                person("one@example.dk"),
                "skills",
                json!(["forklift", "first_aid"]),
            ),
        )
        .await
        .id();
    let id = app
        .post(
            "/api/alliance/needs",
            &need(company, &["forklift", "warehouse_picking"], &["first_aid"]),
        )
        .await
        .id();
    let answer = app
        .get(&format!("/api/alliance/needs/{id}/matches?lang=en"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    let candidates = answer.body["candidates"].as_array().unwrap();
    assert_eq!(
        candidates[0]["candidate"],
        json!({"kind": "person", "id": both})
    );
    assert_eq!(
        candidates[1]["candidate"],
        json!({"kind": "person", "id": one})
    );
    assert_eq!(candidates[1]["missing"][0]["skill"], "warehouse_picking");
    assert_eq!(candidates[1]["missing"][0]["must"], true);
    let reasons: Vec<&str> = candidates[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"must_have"), "{reasons:?}");
    let text = candidates[0]["reasons"][0]["text"].as_str().unwrap();
    assert!(text.starts_with("Has 2 of 2"), "{text}");
    // One logged read of everyone's limits per run, not one per person.
    assert_eq!(app.store.limit_runs().await.unwrap().len(), 1);
    assert!(app.store.limit_reads(both).await.unwrap().is_empty());
}

#[tokio::test]
async fn limits_that_do_not_allow_the_work_keep_a_person_out() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let strong = app
        .post(
            "/api/people",
            &with(person("a@example.dk"), "skills", json!(["forklift"])),
        )
        .await
        .id();
    let careful = app
        .post(
            "/api/people",
            &with(person("b@example.dk"), "skills", json!(["forklift"])),
        )
        .await
        .id();
    let limits =
        json!({"version": 0, "max_lift_kg": 5, "indoor_only": false, "needs_colleague": false});
    let set = app
        .put(&format!("/api/people/{careful}/limits"), &limits)
        .await;
    assert_eq!(set.status, StatusCode::OK, "{set:?}");
    let mut heavy = need(company, &["forklift"], &[]);
    heavy["lift_kg"] = json!(20);
    let id = app.post("/api/alliance/needs", &heavy).await.id();
    let answer = app.get(&format!("/api/alliance/needs/{id}/matches")).await;
    let ids: Vec<i64> = answer.body["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["candidate"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [strong]);
}

#[tokio::test]
async fn confirmed_hours_are_evidence_of_a_skill() {
    let w = tuesday().await.planned().await;
    let app = &w.app;
    let entry = w.record_hours(&at(w.day, 9, 0), &at(w.day, 11, 0)).await;
    let confirmed = app
        .post(&format!("/api/time/{entry}/confirm"), &json!({}))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{confirmed:?}");
    let id = app
        .post("/api/alliance/needs", &need(w.company, &["cleaning"], &[]))
        .await
        .id();
    let answer = app.get(&format!("/api/alliance/needs/{id}/matches")).await;
    let first = &answer.body["candidates"][0];
    assert_eq!(first["candidate"]["id"], w.worker);
    assert_eq!(first["met"][0]["how"], "evidenced");
    let evidence = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "evidence")
        .unwrap();
    assert_eq!(evidence["text"], "2 bekræftede timer hos 1 virksomheder");
}

#[tokio::test]
async fn a_company_sees_a_candidate_only_after_a_yes_and_never_the_limits() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let person_id = app
        .post(
            "/api/people",
            &with(person("p@example.dk"), "skills", json!(["cleaning"])),
        )
        .await
        .id();
    let id = app
        .post("/api/alliance/needs", &need(company, &["cleaning"], &[]))
        .await
        .id();
    let proposed = app
        .post(
            &format!("/api/alliance/needs/{id}/introductions"),
            &json!({"candidate_kind": "person", "candidate_id": person_id}),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{proposed:?}");
    let contact = app.as_client(app.client_for(contact_account("k@firma.dk", company)).await);
    let seen = contact
        .get(&format!("/api/alliance/needs/{id}/introductions"))
        .await;
    assert_eq!(seen.body, json!([]), "nobody before a yes");
    // The candidate's e-mail holds the link that answers.
    let mail = app.store.mail_to("p@example.dk").await.unwrap();
    let message: Value = serde_json::from_str(&mail[0].mail.message).unwrap();
    assert_eq!(message["kind"], "introduced");
    let path = message["link"]
        .as_str()
        .unwrap()
        .trim_start_matches(&app.base)
        .to_string();
    let browser = cookie_browser();
    let page = app.page(&browser, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let yes = app
        .submit(
            &browser,
            &path,
            &[("csrf", &form_token(&page.html)), ("answer", "yes")],
        )
        .await;
    assert_eq!(yes.status, StatusCode::OK, "{}", yes.html);
    let seen = contact
        .get(&format!("/api/alliance/needs/{id}/introductions"))
        .await;
    assert_eq!(seen.body[0]["name"], "Mette Larsen");
    let text = seen.body.to_string();
    assert!(!text.contains("lift") && !text.contains("limit"), "{text}");
    let reads = app
        .store
        .candidate_reads(&store::alliance::dialogue::CandidateRef {
            kind: "person".into(),
            id: person_id,
        })
        .await
        .unwrap();
    assert_eq!(reads.len(), 1, "the company's read is logged");
    // Hired into ordinary work: a figure.
    let intro = seen.body[0]["id"].as_i64().unwrap();
    let hired = contact
        .post(
            &format!("/api/alliance/introductions/{intro}/outcome"),
            &json!({"outcome": "hired", "hours": 15, "kind": "ordinary"}),
        )
        .await;
    assert_eq!(hired.status, StatusCode::NO_CONTENT, "{hired:?}");
    let from = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let figures = service::alliance::gaps::figures(&app.store, from, to)
        .await
        .unwrap();
    assert_eq!(figures.needs_registered, 1);
    assert_eq!(figures.positions_registered, 2);
    assert_eq!(figures.positions_filled, 1);
    assert_eq!(figures.people_into_work, 1);
    assert_eq!(figures.students_placed, 0);
}

#[tokio::test]
async fn a_student_registers_confirms_changes_exports_and_deletes() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    // A bad address and a bad postcode are named; nothing is kept.
    let browser = cookie_browser();
    let form = app.page(&browser, "/students/register").await;
    let mut bad = registration("not-an-address", &["cargo_bike"]);
    bad.retain(|(k, _)| k != "postcode");
    bad.push(("postcode".into(), "90".into()));
    bad.push(("csrf".into(), form_token(&form.html)));
    let refused = app.submit_form(&browser, "/students/register", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#email\"") && refused.html.contains("href=\"#postcode\""),
        "{}",
        refused.html
    );
    assert!(app.store.students().await.unwrap().is_empty());
    let (id, path) = registered_student(&app, "freja@stud.example.dk", &["cargo_bike"]).await;
    // The student is a candidate.
    let need_id = app
        .post("/api/alliance/needs", &need(company, &["cargo_bike"], &[]))
        .await
        .id();
    let answer = app
        .get(&format!("/api/alliance/needs/{need_id}/matches"))
        .await;
    assert_eq!(
        answer.body["candidates"][0]["candidate"],
        json!({"kind": "student", "id": id})
    );
    let travel = answer.body["candidates"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "travel_unknown");
    assert!(travel, "a student's travel is left out and said so");
    // Proposed, they say yes and are hired: a student placed.
    let proposed = app
        .post(
            &format!("/api/alliance/needs/{need_id}/introductions"),
            &json!({"candidate_kind": "student", "candidate_id": id}),
        )
        .await
        .id();
    app.store
        .answer_introduction(proposed, true, app.clock.now())
        .await
        .unwrap();
    let hired = app
        .post(
            &format!("/api/alliance/introductions/{proposed}/outcome"),
            &json!({"outcome": "hired", "hours": 10, "kind": "student"}),
        )
        .await;
    assert_eq!(hired.status, StatusCode::NO_CONTENT, "{hired:?}");
    let december = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let figures = service::alliance::gaps::figures(&app.store, december(1), december(31))
        .await
        .unwrap();
    assert_eq!(
        (
            figures.students_placed,
            figures.people_into_work,
            figures.positions_filled
        ),
        (1, 0, 1)
    );
    // Their own page exports everything; without consent they are matched to nothing.
    let browser = cookie_browser();
    let me = app.page(&browser, &path).await;
    let export = app.file(&browser, &format!("{path}/export")).await;
    assert_eq!(export.status, StatusCode::OK);
    let held: Value = serde_json::from_slice(&export.bytes).unwrap();
    assert_eq!(held["profile"]["email"], "freja@stud.example.dk");
    let mut changed = registration("", &["cargo_bike"]);
    changed.retain(|(k, _)| k != "consent" && k != "email");
    changed.push(("csrf".into(), form_token(&me.html)));
    let saved = app.submit_form(&browser, &path, &changed).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.html);
    let answer = app
        .get(&format!("/api/alliance/needs/{need_id}/matches"))
        .await;
    assert_eq!(answer.body["candidates"], json!([]), "withdrawn consent");
    assert_eq!(
        app.get("/api/alliance/students").await.body,
        json!([]),
        "in no list"
    );
    // Deleted through the link, the student is gone everywhere.
    let me = app.page(&browser, &path).await;
    let gone = app
        .submit(
            &browser,
            &format!("{path}/delete"),
            &[("csrf", &form_token(&me.html))],
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK);
    assert!(app.store.students().await.unwrap().is_empty());
    assert_eq!(
        app.page(&browser, &path).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn public_posts_from_one_address_stop_at_the_limit() {
    let app = spawn_app().await;
    let browser = cookie_browser();
    let form = app.page(&browser, "/students/register").await;
    let token = form_token(&form.html);
    let mut last = StatusCode::OK;
    for i in 0..=web::pages::public::DEFAULT_LIMIT {
        let mut fields = registration(&format!("s{i}@stud.example.dk"), &[]);
        fields.push(("csrf".into(), token.clone()));
        last = app
            .submit_form(&browser, "/students/register", &fields)
            .await
            .status;
        if i < web::pages::public::DEFAULT_LIMIT {
            assert_eq!(last, StatusCode::OK, "request {i}");
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.store.students().await.unwrap().len(),
        0,
        "none confirmed"
    );
}

#[tokio::test]
async fn the_gap_report_counts_positions_against_candidates() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    app.post(
        "/api/people",
        &with(person("a@example.dk"), "skills", json!(["forklift"])),
    )
    .await;
    app.post(
        "/api/alliance/needs",
        &need(company, &["forklift", "first_aid"], &[]),
    )
    .await;
    let report = app.get("/api/alliance/gaps").await;
    assert_eq!(report.status, StatusCode::OK, "{report:?}");
    let skills = report.body["skills"].as_array().unwrap();
    assert_eq!(
        skills[0]["skill"], "esco:1d21f6ad-340f-45da-a0a3-4e83867f47a6",
        "first aid: 2 positions, nobody"
    );
    assert_eq!(skills[0]["gap"], 2);
    let forklift = skills
        .iter()
        .find(|s| s["label"] == "Truckcertifikat")
        .unwrap();
    assert_eq!(forklift["candidates"], 1);
    assert_eq!(forklift["gap"], 1);
    assert_eq!(report.body["months"].as_array().unwrap().len(), 6);
    assert_eq!(skills[0]["trend"][5], 2, "asked this month");
}

#[tokio::test]
async fn the_coordinators_pages_show_needs_matches_and_gaps() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    app.post(
        "/api/people",
        &with(person("a@example.dk"), "skills", json!(["forklift"])),
    )
    .await;
    let (browser, csrf) = app
        .signed_in(account("k2@test.dk", Role::Coordinator))
        .await;
    let form = app.page(&browser, "/alliance/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let company_text = company.to_string();
    let made = app
        .submit(
            &browser,
            "/alliance/new",
            &[
                ("csrf", &csrf),
                ("company_id", &company_text),
                ("title", "Truckfører"),
                ("hours_per_week", "20"),
                ("start_on", "2026-12-20"),
                ("kind", "ordinary"),
                ("positions", "1"),
                ("must", "forklift"),
                ("lift_kg", "0"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    let need = app
        .page(&browser, made.header(reqwest::header::LOCATION))
        .await;
    assert!(
        need.html.contains("Mette Larsen") && need.html.contains("Har 1 af 1 krævede kompetencer"),
        "{}",
        need.html
    );
    let refused = app
        .submit(
            &browser,
            "/alliance/new",
            &[
                ("csrf", &csrf),
                ("company_id", &company_text),
                ("hours_per_week", "99"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("Skriv timer om ugen som et helt tal fra 1 til 37."),
        "{}",
        refused.html
    );
    let gaps = app.page(&browser, "/alliance/gaps").await;
    assert_eq!(gaps.status, StatusCode::OK);
    assert!(gaps.html.contains("Truckcertifikat"));
}

#[tokio::test]
async fn a_coordinator_adds_a_catalogue_skill_to_a_person_and_it_matches() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let person_id = app.post("/api/people", &person("p@example.dk")).await.id();
    let danish = "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1";
    let need_id = app
        .post("/api/alliance/needs", &need(company, &[danish], &[]))
        .await
        .id();
    let (browser, csrf) = app
        .signed_in(account("k2@test.dk", Role::Coordinator))
        .await;
    let path = format!("/alliance/candidates/person:{person_id}/skills");
    let refused = app
        .submit(&browser, &path, &[("csrf", &csrf), ("skill", "klingon")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("Den kompetence findes ikke i kataloget."),
        "{}",
        refused.html
    );
    let uri = "http://data.europa.eu/esco/skill/273a28d6-1bd3-4d13-a906-3d75c1cfdfc1";
    let added = app
        .submit(&browser, &path, &[("csrf", &csrf), ("skill", uri)])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let answer = app
        .get(&format!("/api/alliance/needs/{need_id}/matches"))
        .await;
    let first = &answer.body["candidates"][0];
    assert_eq!(first["candidate"]["id"], person_id);
    assert_eq!(first["missing"], json!([]));
    let page = app
        .page(
            &browser,
            &format!("/alliance/candidates/person:{person_id}"),
        )
        .await;
    assert!(
        page.html.contains("Lagermedarbejder"),
        "the need fits: {}",
        page.html
    );
    let removed = app
        .submit(
            &browser,
            &format!("{path}/remove"),
            &[("csrf", &csrf), ("skill", danish)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let answer = app
        .get(&format!("/api/alliance/needs/{need_id}/matches"))
        .await;
    assert_eq!(answer.body["candidates"][0]["missing"][0]["skill"], danish);
}
