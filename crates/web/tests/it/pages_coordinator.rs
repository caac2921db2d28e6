//! (filled in by its owner)

/// The ESCO catalogue found by a few letters without JavaScript: the best 20, in a table,
/// with the attribution ESCO asks for in every page's footer.
#[tokio::test]
async fn skills_and_occupations_are_found_by_a_few_letters() {
    let app = crate::helpers::spawn_app().await;
    let (browser, _) = app
        .signed_in(crate::helpers::account(
            "k@example.dk",
            store::accounts::Role::Coordinator,
        ))
        .await;
    let page = app.page(&browser, "/skills?q=forkl").await;
    assert_eq!(page.status, reqwest::StatusCode::OK, "{}", page.html);
    assert!(
        page.html.contains("lang=\"en\">operate forklift"),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("Tjenesten bruger Europa-Kommissionens ESCO-klassifikation."),
        "{}",
        page.html
    );
    let many = app.page(&browser, "/skills?q=a&kind=both").await;
    assert_eq!(many.html.matches("<tr>").count(), 21, "a head and 20 rows");
    let jobs = app
        .page(&browser, "/skills?q=forklift&kind=occupation")
        .await;
    assert!(jobs.html.contains("Stillinger"), "{}", jobs.html);
    let nothing = app.page(&browser, "/skills?q=qqxqq").await;
    assert!(
        nothing.html.contains("Intet fundet for »qqxqq«."),
        "{}",
        nothing.html
    );
    let empty = app.page(&browser, "/skills").await;
    assert!(!empty.html.contains("<table>"));
}

/// A Danish name given in a row is found by its letters; a local skill is added mapped to
/// an ESCO skill, a second with the same name and a skill ESCO lacks are refused by field;
/// the agency's own skills are found as local skills.
#[tokio::test]
async fn skills_get_danish_names_and_local_skills_are_added() {
    let app = crate::helpers::spawn_app().await;
    let (browser, csrf) = app
        .signed_in(crate::helpers::account(
            "k@example.dk",
            store::accounts::Role::Coordinator,
        ))
        .await;
    // The agency's forklift licence is a local skill mapped to ESCO's "operate forklift".
    let page = app.page(&browser, "/skills?q=truck").await;
    assert!(page.html.contains("Truckcertifikat"), "{}", page.html);
    assert!(
        page.html.contains("ESCO: operate forklift"),
        "{}",
        page.html
    );

    let forklift = "28cb374e-6261-4133-8371-f9a5470145da";
    let named = app
        .submit(
            &browser,
            "/skills/name",
            &[
                ("csrf", csrf.as_str()),
                ("q", "forkl"),
                ("kind", "skill"),
                ("id", forklift),
                ("name_da", "Gaffeltruckkørsel"),
            ],
        )
        .await;
    assert_eq!(
        named.status,
        reqwest::StatusCode::SEE_OTHER,
        "{}",
        named.html
    );
    assert_eq!(
        named.header(reqwest::header::LOCATION),
        "/skills?q=forkl&kind=skill&saved=1"
    );
    let found = app.page(&browser, "/skills?q=gaffel").await;
    assert!(
        found.html.contains("value=\"Gaffeltruckkørsel\""),
        "{}",
        found.html
    );
    let unknown = app
        .submit(
            &browser,
            "/skills/name",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "skill"),
                ("id", "nope"),
                ("name_da", "x"),
            ],
        )
        .await;
    assert_eq!(unknown.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);

    let add = |name_da: &str, esco: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("q", "truck".to_string()),
            ("kind", "skill".to_string()),
            ("name_da", name_da.to_string()),
            ("name_en", "Forklift certificate B".to_string()),
            ("esco", esco.to_string()),
        ]
    };
    let uri = format!("http://data.europa.eu/esco/skill/{forklift}");
    let uri: &'static str = Box::leak(uri.into_boxed_str());
    let added = app
        .submit_form(&browser, "/skills/local", &add("Truckcertifikat B", uri))
        .await;
    assert_eq!(
        added.status,
        reqwest::StatusCode::SEE_OTHER,
        "{}",
        added.html
    );
    let local = app.store.local_skills().await.unwrap();
    let b = local
        .iter()
        .find(|s| s.code == "truckcertifikat_b")
        .expect("added");
    assert_eq!(b.esco_id.as_deref(), Some(forklift));
    let again = app
        .submit_form(&browser, "/skills/local", &add("Truckcertifikat B", ""))
        .await;
    assert_eq!(again.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.html.contains("allerede en lokal færdighed"),
        "{}",
        again.html
    );
    let bad = app
        .submit_form(&browser, "/skills/local", &add("Stabler", "no-such-skill"))
        .await;
    assert_eq!(bad.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("href=\"#esco\""), "{}", bad.html);
    assert_eq!(
        app.store.local_skills().await.unwrap().len(),
        13,
        "nothing half-written"
    );
}
