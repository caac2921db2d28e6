//! Editing records in the pages: a person added and changed through the form, refused
//! field by field in Danish with nothing stored, a stale form and a taken address said
//! beside their fields, and the form closed to other roles.

use crate::helpers::{Shown, account, spawn_app, worker_account};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use store::accounts::Role;

/// A whole, valid person form.
fn person_form<'a>(csrf: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("name", "Ida Holm"),
        ("phone", "20 30 40 50"),
        ("email", email),
        ("language", "da"),
        ("address", "Boulevarden 1, 9000 Aalborg"),
        ("latitude", "57,0466"),
        ("longitude", "9,9199"),
        ("status", "active"),
        ("leave_outcome", ""),
        ("employment", "small_job"),
        ("flex_hours", ""),
        ("target", "6"),
        ("cap", "7,5"),
        ("day_Mon", "09:00-13:00"),
        ("day_Wed", "10:00-12:00, 13:00-14:00"),
        ("absences", "2026-12-24..2026-12-31 ferie\n2026-12-02 syg"),
        ("skills", "cleaning"),
        ("skills", "gardening"),
        ("languages", "da, en"),
    ]
}

fn with<'a>(
    mut form: Vec<(&'a str, &'a str)>,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    for (name, value) in changes {
        form.retain(|(n, _)| n != name);
        form.push((name, value));
    }
    form
}

#[tokio::test]
async fn a_person_is_added_and_changed_in_the_pages_by_the_apis_rules() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    let Shown { status, html, .. } = app.page(&browser, "/people/new").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>Ny person</h1>") && html.contains("name=\"day_Sun\""));
    let list = app.page(&browser, "/people").await.html;
    assert!(list.contains("href=\"/people/new\""));

    // Wrong fields are named in Danish, each linked, and nothing is stored.
    let wrong = with(
        person_form(&csrf, "ida"),
        &[
            ("cap", "mange"),
            ("day_Mon", "9 til 13"),
            ("absences", "jul"),
        ],
    );
    let Shown { status, html, .. } = app.submit(&browser, "/people/new", &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    for (field, said) in [
        ("email", "Skriv en e-mailadresse"),
        ("cap", "Skriv loftet i timer"),
        ("day_Mon", "Skriv tidsrum som 09:00-13:00"),
        ("absences", "Skriv fravær som"),
    ] {
        assert!(
            html.contains(&format!("href=\"#{field}\">{said}")),
            "{field}: {html}"
        );
    }
    assert!(
        html.contains("value=\"9 til 13\""),
        "what was typed stays: {html}"
    );
    assert_eq!(app.get("/api/people").await.body["total"], 0);

    let sent = app
        .submit(
            &browser,
            "/people/new",
            &person_form(&csrf, "ida@example.dk"),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let location = sent.header(LOCATION).to_string();
    let id: i64 = location
        .trim_start_matches("/people/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap();
    let stored = app.get(&format!("/api/people/{id}")).await.body;
    assert_eq!(
        stored["availability"],
        "Mon 09:00-13:00, Wed 10:00-12:00, Wed 13:00-14:00"
    );
    assert_eq!(
        stored["absences"],
        "2026-12-02 sick, 2026-12-24..2026-12-31 holiday"
    );
    assert_eq!(
        stored["skills"],
        serde_json::json!(["cleaning", "gardening"])
    );
    assert_eq!(
        (
            stored["weekly_cap_hours"].as_f64(),
            stored["latitude"].as_f64()
        ),
        (Some(7.5), Some(57.0466))
    );
    let profile = app.page(&browser, &location).await.html;
    assert!(profile.contains("Gemt.") && profile.contains(&format!("href=\"/people/{id}/edit\"")));

    // The edit form holds what is stored; a change saves as a new version.
    let edit = format!("/people/{id}/edit");
    let Shown { html, .. } = app.page(&browser, &edit).await;
    assert!(
        html.contains("name=\"version\" value=\"1\"") && html.contains("value=\"7,5\""),
        "{html}"
    );
    assert!(
        html.contains("id=\"skill-gardening\" name=\"skills\" value=\"gardening\" checked"),
        "{html}"
    );
    let changed = with(
        person_form(&csrf, "ida@example.dk"),
        &[("version", "1"), ("cap", "8,5")],
    );
    let sent = app.submit(&browser, &edit, &changed).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let stored = app.get(&format!("/api/people/{id}")).await.body;
    assert_eq!(
        (
            stored["weekly_cap_hours"].as_f64(),
            stored["version"].as_i64()
        ),
        (Some(8.5), Some(2))
    );

    // The same form again is stale: said, and nothing changes.
    let stale = with(changed.clone(), &[("cap", "9")]);
    let Shown { status, html, .. } = app.submit(&browser, &edit, &stale).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("ændret af en anden"), "{html}");
    assert_eq!(
        app.get(&format!("/api/people/{id}")).await.body["weekly_cap_hours"].as_f64(),
        Some(8.5)
    );

    // Another person's address is taken.
    let other = app
        .submit(
            &browser,
            "/people/new",
            &person_form(&csrf, "ida@example.dk"),
        )
        .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        other
            .html
            .contains("href=\"#email\">En anden person har allerede"),
        "{}",
        other.html
    );

    // Nobody but a coordinator opens or sends the form.
    let (as_worker, worker_csrf) = app.signed_in(worker_account("w@example.dk", id)).await;
    assert_eq!(
        app.page(&as_worker, &edit).await.status,
        StatusCode::FORBIDDEN
    );
    let tried = with(changed, &[("csrf", worker_csrf.as_str()), ("version", "2")]);
    assert_eq!(
        app.submit(&as_worker, &edit, &tried).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page(&browser, "/people/99999/edit").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A whole, valid company form with one site and one contact.
fn company_form(csrf: &str) -> Vec<(&str, &str)> {
    vec![
        ("csrf", csrf),
        ("name", "Café Nytorv"),
        ("cvr", "29189420"),
        ("billing_email", "faktura@cafe.example.dk"),
        ("einvoice_address", ""),
        ("site_0_name", "Caféen"),
        ("site_0_p_number", "1003456789"),
        ("site_0_address", "Nytorv 8, 9000 Aalborg"),
        ("site_0_latitude", "57,0481"),
        ("site_0_longitude", "9,9205"),
        ("contact_0_name", "Jens Holm"),
        ("contact_0_role", "ejer"),
        ("contact_0_email", "jens@cafe.example.dk"),
        ("contact_0_phone", ""),
    ]
}

#[tokio::test]
async fn a_company_its_sites_contacts_and_agreements_are_edited_in_the_pages() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    assert!(
        app.page(&browser, "/companies")
            .await
            .html
            .contains("href=\"/companies/new\"")
    );
    let Shown { status, html, .. } = app.page(&browser, "/companies/new").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("name=\"site_0_p_number\"") && html.contains("name=\"contact_0_email\""));

    let wrong = with(
        company_form(&csrf),
        &[
            ("cvr", "123"),
            ("site_0_p_number", "12"),
            ("contact_0_email", "jens"),
        ],
    );
    let Shown { status, html, .. } = app.submit(&browser, "/companies/new", &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    for (field, said) in [
        ("cvr", "Skriv et CVR-nummer"),
        ("site_0_p_number", "Arbejdssted 1: skriv et P-nummer"),
        ("contact_0_email", "Kontaktperson 1: skriv en e-mailadresse"),
    ] {
        assert!(
            html.contains(&format!("href=\"#{field}\">{said}")),
            "{field}: {html}"
        );
    }
    assert_eq!(app.get("/api/companies").await.body["total"], 0);

    let sent = app
        .submit(&browser, "/companies/new", &company_form(&csrf))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let location = sent.header(LOCATION).to_string();
    let id: i64 = location
        .trim_start_matches("/companies/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap();
    let page = app.page(&browser, &location).await.html;
    assert!(page.contains("Gemt.") && page.contains(&format!("href=\"/companies/{id}/edit\"")));

    // A second site added in the empty row, the contact replaced by another.
    let edit = format!("/companies/{id}/edit");
    let form = app.page(&browser, &edit).await.html;
    assert!(
        form.contains("name=\"version\" value=\"1\"") && form.contains("name=\"site_1_name\""),
        "{form}"
    );
    let changed = with(
        company_form(&csrf),
        &[
            ("version", "1"),
            ("site_1_name", "Lageret"),
            ("site_1_p_number", "1003456790"),
            ("site_1_address", "Hobrovej 20, 9000 Aalborg"),
            ("site_1_latitude", "57,03"),
            ("site_1_longitude", "9,91"),
            ("contact_0_remove", "1"),
            ("contact_1_name", "Ane Berg"),
            ("contact_1_email", "ane@cafe.example.dk"),
        ],
    );
    let sent = app.submit(&browser, &edit, &changed).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let stored = app.get(&format!("/api/companies/{id}")).await.body;
    assert_eq!(stored["sites"].as_array().unwrap().len(), 2, "{stored}");
    assert_eq!(
        stored["contacts"][0]["email"], "ane@cafe.example.dk",
        "{stored}"
    );
    assert_eq!(stored["contacts"].as_array().unwrap().len(), 1);

    // Agreements: a price below the wage is refused; one per task type; a change saves.
    let new = format!("/companies/{id}/agreements/new");
    assert!(
        app.page(&browser, &format!("/companies/{id}"))
            .await
            .html
            .contains(&format!("href=\"{new}\""))
    );
    let terms = |price: &'static str| {
        let csrf = csrf.clone();
        move || {
            vec![
                ("csrf", csrf.clone()),
                ("task_type", "cleaning".into()),
                ("price", price.to_string()),
                ("wage", "155,00".into()),
                ("minimum", "60".into()),
            ]
        }
    };
    let as_pairs = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let below = as_pairs(&terms("100,00")());
    let below: Vec<(&str, &str)> = below.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let Shown { status, html, .. } = app.submit(&browser, &new, &below).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("href=\"#price\">Skriv prisen i kroner"),
        "{html}"
    );
    let good = terms("245,00")();
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.submit(&browser, &new, &good).await.status,
        StatusCode::SEE_OTHER
    );
    let again = app.submit(&browser, &new, &good).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.html.contains("har allerede en aftale"),
        "{}",
        again.html
    );
    let agreements = app
        .get(&format!("/api/agreements?company_id={id}"))
        .await
        .body;
    let agreement = &agreements["items"][0];
    assert_eq!(agreement["price_per_hour_ore"], 24500, "{agreements}");
    let edit_agreement = format!("/agreements/{}/edit", agreement["id"]);
    let form = app.page(&browser, &edit_agreement).await.html;
    assert!(form.contains("value=\"245,00\""), "{form}");
    let raised = [
        ("csrf", csrf.as_str()),
        ("version", "1"),
        ("task_type", "cleaning"),
        ("price", "250,50"),
        ("wage", "155"),
        ("minimum", "30"),
    ];
    assert_eq!(
        app.submit(&browser, &edit_agreement, &raised).await.status,
        StatusCode::SEE_OTHER
    );
    let agreement = app
        .get(&format!("/api/agreements/{}", agreement["id"]))
        .await
        .body;
    assert_eq!(
        (
            agreement["price_per_hour_ore"].as_i64(),
            agreement["min_billable_minutes"].as_i64()
        ),
        (Some(25050), Some(30))
    );

    // A site with a task request cannot go.
    let site = stored["sites"][0]["id"].as_i64().unwrap();
    let task = crate::helpers::task(
        id,
        site,
        &crate::fixtures::at(crate::fixtures::december_first(), 9, 0),
    );
    assert_eq!(
        app.post("/api/tasks", &task).await.status,
        StatusCode::CREATED
    );
    let version = app.get(&format!("/api/companies/{id}")).await.body["version"].to_string();
    let gone = with(
        changed.clone(),
        &[("version", version.as_str()), ("site_0_remove", "1")],
    );
    let Shown { status, html, .. } = app.submit(&browser, &edit, &gone).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(
        html.contains("Et arbejdssted med opgaver kan ikke fjernes"),
        "{html}"
    );
    let sites = app.get(&format!("/api/companies/{id}")).await.body["sites"].clone();
    assert_eq!(sites.as_array().unwrap().len(), 2);
}
