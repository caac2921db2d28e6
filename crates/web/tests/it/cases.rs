//! The best-practice exchange's public side: cases written by editors, moved through the
//! workflow, found by their words with the matching words shown, a case page with its live
//! results, and feeds that validate — Atom's required elements (RFC 4287) and JSON Feed
//! 1.1's required fields.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use store::accounts::Role;

fn flex_waste(lang: &str, title: &str, done: &str) -> Value {
    json!({"slug": "flex-waste", "lang": lang, "title": title, "summary": "Affald hentet med el",
        "done": done, "themes": ["green"], "sdgs": ["12"], "municipality": "Aalborg Kommune",
        "initiative": "flex-waste", "indicators": ["flex-waste-kg"]})
}

#[tokio::test]
async fn a_case_is_written_published_found_and_fed() {
    let app = spawn_app().await;
    let editor = app.as_client(
        app.client_for(account("redaktoer@test.dk", Role::Editor))
            .await,
    );
    let mut bad = flex_waste("de", "", "x");
    bad["themes"] = json!(["blue"]);
    bad["indicators"] = json!([]);
    assert_eq!(
        editor.post("/api/cases", &bad).await.invalid_fields(),
        ["lang", "title", "themes[0]"]
    );
    let da = flex_waste(
        "da",
        "Flex Waste",
        "Elektriske køretøjer henter pap hos butikkerne i midtbyen",
    );
    assert_eq!(
        editor.post("/api/cases", &da).await.status,
        StatusCode::NO_CONTENT
    );
    let en = flex_waste(
        "en",
        "Flex Waste",
        "Electric vehicles collect cardboard from the city centre's shops",
    );
    assert_eq!(
        editor.post("/api/cases", &en).await.status,
        StatusCode::NO_CONTENT
    );
    let anyone = app.as_client(anonymous());
    assert_eq!(
        anyone.get("/api/cases/flex-waste").await.status,
        StatusCode::NOT_FOUND,
        "a draft is nobody's to read"
    );
    assert_eq!(anyone.get("/api/cases").await.body["total"], 0);
    let withdraw = editor
        .post(
            "/api/cases/flex-waste/status",
            &json!({"status": "withdrawn"}),
        )
        .await;
    assert_eq!(
        withdraw.status,
        StatusCode::CONFLICT,
        "a draft is not withdrawn"
    );
    for step in ["in_review", "published"] {
        let moved = editor
            .post("/api/cases/flex-waste/status", &json!({"status": step}))
            .await;
        assert_eq!(moved.status, StatusCode::NO_CONTENT, "{step}: {moved:?}");
    }
    let case = anyone.get("/api/cases/flex-waste?lang=en").await;
    assert_eq!(case.body["title"], "Flex Waste");
    assert_eq!(case.body["lang"], "en");
    assert_eq!(case.body["indicators"], json!(["flex-waste-kg"]));
    assert_eq!(anyone.get("/api/cases").await.body["total"], 2);
    // Found by its words, the matching word marked.
    let found = app.page(&anonymous(), "/cases?q=pap").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.html.contains("<mark>pap</mark>"), "{}", found.html);
    let none = app.page(&anonymous(), "/cases?q=pap&theme=social").await;
    assert!(
        none.html.contains("Ingen eksempler passer."),
        "{}",
        none.html
    );
    let page = app.page(&anonymous(), "/cases/flex-waste").await;
    assert!(
        page.html.contains("Indsamlet affald i Flex Waste") && page.html.contains("<svg"),
        "its live result: {}",
        page.html
    );
    assert!(page.html.contains("og:title"));
    // The feeds.
    let atom = app.file(&anonymous(), "/feed.atom?lang=da").await;
    assert_eq!(atom.content_type, "application/atom+xml; charset=utf-8");
    let xml = String::from_utf8(atom.bytes).unwrap();
    assert_atom(&xml, 1);
    let feed: Value =
        serde_json::from_slice(&app.file(&anonymous(), "/feed.json").await.bytes).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].is_string());
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        assert!(
            item["id"].is_string()
                && (item["content_text"].is_string() || item["content_html"].is_string()),
            "{item}"
        );
    }
    assert_ne!(items[0]["id"], items[1]["id"], "each entry's id is its own");
    // Withdrawn, it leaves every list and feed.
    assert_eq!(
        editor
            .post(
                "/api/cases/flex-waste/status",
                &json!({"status": "withdrawn"})
            )
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(anyone.get("/api/cases").await.body["total"], 0);
    assert_eq!(
        app.page(&anonymous(), "/cases/flex-waste").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anyone.post("/api/cases", &da).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Checks a feed against the elements RFC 4287 requires: a well-formed document whose
/// feed has an id, a title, an updated time and an author, and whose `entries` entries each
/// have an id, a title, an updated time and a link.
fn assert_atom(xml: &str, entries: usize) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                path.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                seen.push(path.join("/"));
            }
            Event::Empty(e) => seen.push(format!(
                "{}/{}",
                path.join("/"),
                String::from_utf8_lossy(e.name().as_ref())
            )),
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for required in ["feed/id", "feed/title", "feed/updated", "feed/author/name"] {
        assert!(seen.iter().any(|s| s == required), "{required} in {seen:?}");
    }
    assert_eq!(seen.iter().filter(|s| *s == "feed/entry").count(), entries);
    for required in [
        "feed/entry/id",
        "feed/entry/title",
        "feed/entry/updated",
        "feed/entry/link",
    ] {
        assert_eq!(
            seen.iter().filter(|s| *s == required).count(),
            entries,
            "{required}"
        );
    }
}
