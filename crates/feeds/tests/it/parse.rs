//! Parsing: the three formats, and what hostile or broken documents get.

use std::time::{Duration, Instant};

use feeds::{Entry, FeedError, Policy};

use crate::{ATOM, JSON, LAUGHS, MALFORMED, RSS, SCRIPT, code, parse, utc};

#[test]
fn atom_entries_become_plain_entries() {
    let feed = parse(ATOM).unwrap();
    assert_eq!(feed.title, "Nabo Kommune – nyheder");
    assert_eq!(
        feed.entries,
        vec![
            Entry {
                id: "https://nabo.dk/nyt/1".into(),
                title: "Ny børnehave & skole".into(),
                summary: "Byrådet har vedtaget en ny børnehave.".into(),
                link: "https://nabo.dk/nyt/1".into(),
                updated: utc("2025-03-01T09:30:00Z"),
                language: Some("da".into()),
            },
            Entry {
                id: "https://nabo.dk/news/2".into(),
                title: "Road works".into(),
                summary: "Closed all week.".into(),
                link: "https://nabo.dk/news/2".into(),
                updated: utc("2025-02-28T12:00:00Z"),
                language: Some("en".into()),
            },
        ]
    );
}

#[test]
fn json_feed_items_become_plain_entries() {
    let feed = parse(JSON).unwrap();
    assert_eq!(feed.title, "Nabo Kommune");
    let untitled = "A post without a title, in English.";
    assert_eq!(
        feed.entries,
        vec![
            Entry {
                id: "1".into(),
                title: "Åbent hus på rådhuset".into(),
                summary: "Kom og se det nye rådhus.".into(),
                link: "https://nabo.dk/nyt/1".into(),
                updated: utc("2025-03-02T09:00:00Z"),
                language: Some("da".into()),
            },
            Entry {
                id: "2".into(),
                title: untitled.into(),
                summary: untitled.into(),
                link: "https://nabo.dk/nyt/2".into(),
                updated: utc("2025-03-03T08:00:00Z"),
                language: Some("en".into()),
            },
        ]
    );
}

#[test]
fn rss_items_become_plain_entries() {
    let feed = parse(RSS).unwrap();
    assert_eq!(feed.title, "Nabo & Co");
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(
        feed.entries[0],
        Entry {
            id: "vej-2025".into(),
            title: "Vejarbejde på Hovedgaden".into(),
            summary: "Fra mandag.".into(),
            link: "https://nabo.dk/nyt/vej".into(),
            updated: utc("2025-03-03T07:00:00Z"),
            language: Some("da".into()),
        }
    );
    assert_eq!(feed.entries[1].id, "https://nabo.dk/nyt/2");
    assert_eq!(feed.entries[1].updated, utc("2025-03-04T08:00:00Z"));
}

#[test]
fn html_and_scripts_become_plain_text_and_unsafe_links_are_skipped() {
    let feed = parse(SCRIPT).unwrap();
    assert_eq!(feed.title, "Hostile feed");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    // Entries 2 (javascript:) and 3 (data:) have no http(s) link.
    assert_eq!(ids, ["tag:evil.example,2025:1"]);
    assert_eq!(feed.entries[0].title, "Free prizes");
    assert_eq!(feed.entries[0].summary, "Click here now & win");
}

#[test]
fn billion_laughs_is_refused_fast() {
    let started = Instant::now();
    let error = parse(LAUGHS).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        error,
        FeedError::Malformed("documents with a DTD are not accepted".into())
    );
}

#[test]
fn external_entities_and_undefined_entities_are_refused() {
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title></feed>"#;
    assert_eq!(code(parse(xxe)), "malformed");
    let undefined = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>&nbsp;</title></feed>"#;
    assert_eq!(
        parse(undefined).unwrap_err(),
        FeedError::Malformed("undefined entity &nbsp;".into())
    );
}

#[test]
fn malformed_documents_give_malformed() {
    assert_eq!(code(parse(MALFORMED)), "malformed");
    assert_eq!(
        code(parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry>"#
        )),
        "malformed"
    );
    assert_eq!(
        code(parse(
            r#"{"version": "https://jsonfeed.org/version/1.1", "items": ["#
        )),
        "malformed"
    );
    assert_eq!(
        code(parse(
            r#"{"version": "https://jsonfeed.org/version/1.1", "items": 5}"#
        )),
        "malformed"
    );
    let deep = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [{}]}}"#,
        "[".repeat(100_000)
    );
    assert_eq!(code(parse(&deep)), "malformed");
    let deep_unknown = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "x": {}, "items": []}}"#,
        "[".repeat(100_000)
    );
    assert_eq!(code(parse(&deep_unknown)), "malformed");
    let latin1 = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\xe6</title></feed>";
    assert_eq!(
        feeds::parse(latin1, &Policy::default()).unwrap_err().code(),
        "malformed"
    );
}

#[test]
fn other_documents_are_not_feeds() {
    assert_eq!(
        code(parse("<!DOCTYPE html><html><body>hi</body></html>")),
        "not_a_feed"
    );
    assert_eq!(code(parse("<html><body>hi</body></html>")), "not_a_feed");
    assert_eq!(
        code(parse("<entry xmlns=\"http://www.w3.org/2005/Atom\"/>")),
        "not_a_feed"
    );
    assert_eq!(
        code(parse("<feed><title>no namespace</title></feed>")),
        "not_a_feed"
    );
    assert_eq!(
        code(parse(r#"{"title": "no version", "items": []}"#)),
        "not_a_feed"
    );
    assert_eq!(code(parse("just text")), "not_a_feed");
    assert_eq!(code(parse("")), "not_a_feed");
}

/// An Atom feed whose entries are numbered e0, e1, ….
fn numbered_atom(count: usize) -> String {
    let entries: String = (0..count)
        .map(|i| {
            format!(
                "<entry><id>e{i}</id><title>t</title><link href=\"https://x.dk/{i}\"/>\
                 <updated>2025-01-01T00:00:00Z</updated></entry>"
            )
        })
        .collect();
    format!("<feed xmlns=\"http://www.w3.org/2005/Atom\">{entries}</feed>")
}

#[test]
fn only_the_first_max_entries_are_kept() {
    let feed = parse(&numbered_atom(600)).unwrap();
    assert_eq!(feed.entries.len(), 500);
    assert_eq!(feed.entries[0].id, "e0");
    assert_eq!(feed.entries[499].id, "e499");
    let policy = Policy {
        max_entries: 1,
        ..Policy::default()
    };
    let json = feeds::parse(JSON.as_bytes(), &policy).unwrap();
    let ids: Vec<&str> = json.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["1"]);
}

#[test]
fn long_texts_are_cut_and_long_ids_skipped() {
    let entry = |id: &str, title: &str, summary: &str| {
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>{id}</id><title>{title}</title>\
             <summary>{summary}</summary><link href=\"https://x.dk/1\"/>\
             <updated>2025-01-01T00:00:00Z</updated></entry></feed>"
        )
    };
    let feed = parse(&entry(
        &"i".repeat(500),
        &"æ".repeat(300),
        &"ø".repeat(5000),
    ))
    .unwrap();
    let kept = &feed.entries[0];
    assert_eq!(kept.id.chars().count(), 500);
    assert_eq!(kept.title.chars().count(), 200);
    assert!(kept.title.ends_with("æ…"));
    assert_eq!(kept.summary.chars().count(), 2000);
    let feed = parse(&entry(&"i".repeat(501), "t", "s")).unwrap();
    assert_eq!(feed.entries, []);
}

#[test]
fn namespace_floods_and_deep_nesting_cost_little() {
    let declarations: String = (0..1000)
        .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
        .collect();
    let flood = format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"{declarations}></feed>");
    assert_eq!(code(parse(&flood)), "malformed");

    // quick-xml's namespace resolver panics past 65,535 levels; the reader stops far earlier.
    let deep = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    let nested = numbered_atom(1).replace("<title>", &format!("<junk>{deep}</junk><title>"));
    let started = Instant::now();
    assert_eq!(
        parse(&nested).unwrap_err(),
        FeedError::Malformed("elements nested too deeply".into())
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    let shallow = format!("{}{}", "<x>".repeat(200), "</x>".repeat(200));
    let nested = numbered_atom(1).replace("<title>", &format!("<junk>{shallow}</junk><title>"));
    assert_eq!(parse(&nested).unwrap().entries.len(), 1);
}
