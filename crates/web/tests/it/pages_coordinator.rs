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
        page.html.contains("<td lang=\"en\">operate forklift"),
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
