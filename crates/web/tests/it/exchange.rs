//! The rest of the exchange: news linked to cases, images checked by their content and
//! served only for published cases, the anonymous front page and the sitemap, the
//! editors' own pages (the workflow and a multipart upload), and the newsletter through
//! the real SMTP server — double opt-in, a monthly digest at most once, and one-click
//! unsubscribing (RFC 8058).

use crate::helpers::*;
use crate::mail::{background, run_jobs};
use crate::smtp::SmtpServer;
use reqwest::StatusCode;
use serde_json::{Value, json};
use store::accounts::Role;

/// The smallest PNG: one transparent pixel.
pub const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn case(slug: &str, title: &str) -> Value {
    json!({"slug": slug, "lang": "da", "title": title, "summary": "Pap hentes med el-køretøjer",
        "themes": ["green"], "sdgs": ["12"], "municipality": "Aalborg Kommune"})
}

/// Keeps `body` as a case and publishes it.
async fn published(editor: &TestApp, body: &Value) {
    let kept = editor.post("/api/cases", body).await;
    assert_eq!(kept.status, StatusCode::NO_CONTENT, "{kept:?}");
    let slug = body["slug"].as_str().unwrap();
    let moved = editor
        .post(
            &format!("/api/cases/{slug}/status"),
            &json!({"status": "published"}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::NO_CONTENT, "{moved:?}");
}

async fn upload(editor: &TestApp, slug: &str, query: &str, body: Vec<u8>) -> Answer {
    editor
        .send(
            editor
                .client
                .post(format!("{}/api/cases/{slug}/images?{query}", editor.base))
                .header("content-type", "application/octet-stream")
                .body(body),
        )
        .await
}

#[tokio::test]
async fn news_images_the_front_page_and_the_sitemap() {
    let app = spawn_app().await;
    let editor = app.as_client(
        app.client_for(account("redaktoer@test.dk", Role::Editor))
            .await,
    );
    published(&editor, &case("flex-waste", "Flex Waste")).await;
    // Images: known by their content, within 5 MB, the route's body within 6 MB.
    let refused = upload(&editor, "flex-waste", "alt_da=Pap", b"<svg/>".to_vec()).await;
    assert_eq!(refused.invalid_fields(), ["image"]);
    let mut large = PIXEL_PNG.to_vec();
    large.resize(5 * 1024 * 1024 + 1, 0);
    let refused = upload(&editor, "flex-waste", "alt_da=Pap", large).await;
    assert_eq!(refused.invalid_fields(), ["image"]);
    let refused = upload(
        &editor,
        "flex-waste",
        "alt_da=Pap",
        vec![0; 7 * 1024 * 1024],
    )
    .await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{refused:?}");
    let refused = upload(&editor, "flex-waste", "", PIXEL_PNG.to_vec()).await;
    assert_eq!(refused.invalid_fields(), ["alt_da"]);
    assert!(app.store.images("flex-waste").await.unwrap().is_empty());
    let added = upload(
        &editor,
        "flex-waste",
        "alt_da=El-k%C3%B8ret%C3%B8j",
        PIXEL_PNG.to_vec(),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{added:?}");
    let id = added.id();
    let image = app.file(&anonymous(), &format!("/images/{id}")).await;
    assert_eq!(
        (image.status, image.content_type.as_str()),
        (StatusCode::OK, "image/png")
    );
    assert_eq!(image.bytes, PIXEL_PNG);
    let page = app.page(&anonymous(), "/cases/flex-waste").await;
    assert!(
        page.html
            .contains(&format!("<img src=\"/images/{id}\" alt=\"El-køretøj\">")),
        "{}",
        page.html
    );
    // An image of a draft is nobody's to see.
    let draft = case("draft-case", "Kladde");
    assert_eq!(
        editor.post("/api/cases", &draft).await.status,
        StatusCode::NO_CONTENT
    );
    let hidden = upload(&editor, "draft-case", "alt_da=x", PIXEL_PNG.to_vec())
        .await
        .id();
    assert_eq!(
        app.file(&anonymous(), &format!("/images/{hidden}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // News linked to cases that exist.
    let mut news = json!({"slug": "nye-ruter", "lang": "da", "kind": "news", "title": "Nye ruter i midtbyen",
        "summary": "Flex Waste kører nu også om lørdagen.", "themes": ["green"], "municipality": "Aalborg Kommune",
        "links": ["no-such-case"]});
    assert_eq!(
        editor.post("/api/cases", &news).await.invalid_fields(),
        ["links[0]"]
    );
    news["links"] = json!(["flex-waste"]);
    published(&editor, &news).await;
    let item = app.page(&anonymous(), "/news/nye-ruter").await;
    assert_eq!(item.status, StatusCode::OK);
    assert!(
        item.html.contains("Nye ruter i midtbyen")
            && item.html.contains("href=\"/cases/flex-waste\"")
    );
    assert_eq!(
        app.page(&anonymous(), "/cases/nye-ruter").await.status,
        StatusCode::NOT_FOUND,
        "news is at /news"
    );
    let listed = app.page(&anonymous(), "/cases").await;
    assert!(listed.html.contains("Flex Waste") && !listed.html.contains("Nye ruter"));
    let news_list = app.page(&anonymous(), "/news").await;
    assert!(news_list.html.contains("Nye ruter i midtbyen"));
    let only_news = anonymous_api(&app).get("/api/cases?kind=news").await;
    assert_eq!(only_news.body["total"], 1);
    // The front page for a visitor; a signed-in person still lands on their own page.
    let front = app.page(&anonymous(), "/").await;
    assert_eq!(front.status, StatusCode::OK);
    assert!(
        front.html.contains("Flex Waste")
            && front.html.contains("Nye ruter i midtbyen")
            && front.html.contains("href=\"/sign-in\"")
            && front.html.contains("href=\"/goals"),
        "{}",
        front.html
    );
    let (coordinator, _) = app.signed_in(account("k@test.dk", Role::Coordinator)).await;
    let home = app.page(&coordinator, "/").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    // The sitemap: well-formed, every public page of this municipality.
    let sitemap = app.file(&anonymous(), "/sitemap.xml").await;
    assert_eq!(sitemap.content_type, "application/xml; charset=utf-8");
    let xml = String::from_utf8(sitemap.bytes).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut locations = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => in_loc = e.name().as_ref() == b"loc",
            quick_xml::events::Event::Text(t) if in_loc => {
                locations.push(String::from_utf8_lossy(t.as_ref()).into_owned())
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    for path in [
        "/",
        "/cases",
        "/cases/flex-waste",
        "/news/nye-ruter",
        "/goals",
    ] {
        let url = format!("{}{path}", app.base);
        assert!(locations.contains(&url), "{url} in {locations:?}");
    }
    assert!(!locations.iter().any(|l| l.contains("draft-case")));
}

fn anonymous_api(app: &TestApp) -> TestApp {
    app.as_client(reqwest::Client::new())
}

#[tokio::test]
async fn an_editor_writes_publishes_and_illustrates_a_case_on_its_pages() {
    let app = spawn_app().await;
    let (editor, csrf) = app
        .signed_in(account("redaktoer@test.dk", Role::Editor))
        .await;
    let form = app.page(&editor, "/manage/cases/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("slug", "Bad Slug"),
        ("lang", "da"),
        ("kind", "case"),
        ("title", ""),
        ("summary", "Cykler til alle"),
        ("municipality", "Aalborg Kommune"),
        ("themes", "green"),
    ];
    let refused = app.submit(&editor, "/manage/cases", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#slug\"") && refused.html.contains("href=\"#title\""),
        "{}",
        refused.html
    );
    assert!(app.store.cases("draft").await.unwrap().is_empty());
    fields[1] = ("slug", "cykler");
    fields[4] = ("title", "Elcykler i boligområderne");
    let kept = app.submit(&editor, "/manage/cases", &fields).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.html);
    let edit = app.page(&editor, "/manage/cases/cykler/da").await;
    assert!(
        edit.html.contains("Kladde") && edit.html.contains("Offentliggør"),
        "{}",
        edit.html
    );
    // A multipart upload carries its form token in the address.
    let part = || {
        reqwest::multipart::Form::new()
            .text("alt_da", "En elcykel")
            .part(
                "image",
                reqwest::multipart::Part::bytes(PIXEL_PNG.to_vec()).file_name("cykel.png"),
            )
    };
    let forged = editor
        .post(format!("{}/manage/cases/cykler/images?lang=da", app.base))
        .multipart(part())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let uploaded = editor
        .post(format!(
            "{}/manage/cases/cykler/images?csrf={csrf}&lang=da",
            app.base
        ))
        .multipart(part())
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.store.images("cykler").await.unwrap().len(), 1);
    let step = app
        .submit(
            &editor,
            "/manage/cases/cykler/status",
            &[
                ("csrf", csrf.as_str()),
                ("status", "published"),
                ("lang", "da"),
            ],
        )
        .await;
    assert_eq!(step.status, StatusCode::SEE_OTHER);
    let public = app.page(&anonymous(), "/cases/cykler").await;
    assert!(
        public.html.contains("Elcykler i boligområderne")
            && public.html.contains("alt=\"En elcykel\"")
    );
    let listed = app.page(&editor, "/manage/cases").await;
    assert!(listed.html.contains("Offentliggjort"), "{}", listed.html);
}

#[tokio::test]
async fn the_newsletter_is_confirmed_sent_once_a_month_and_left_with_one_click() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let jobs = background(&smtp);
    let app = spawn_app_at("2026-11-20T10:00:00+01:00").await;
    let browser = cookie_browser();
    let form = app.page(&browser, "/newsletter").await;
    assert_eq!(form.status, StatusCode::OK);
    let token = form_token(&form.html);
    let bad = app
        .submit(
            &browser,
            "/newsletter",
            &[
                ("csrf", token.as_str()),
                ("email", "not-an-address"),
                ("lang", "da"),
                ("themes", "blue"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("href=\"#email\"") && bad.html.contains("href=\"#themes\""),
        "{}",
        bad.html
    );
    let subscribe = [
        ("csrf", token.as_str()),
        ("email", "Borger@Example.dk"),
        ("lang", "da"),
        ("themes", "green"),
    ];
    let sent = app.submit(&browser, "/newsletter", &subscribe).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    run_jobs(&app, &jobs).await;
    let confirm = smtp.to("borger@example.dk");
    assert_eq!(confirm.len(), 1, "{:?}", smtp.received());
    assert!(
        confirm[0].list_unsubscribe.is_empty(),
        "nobody is subscribed yet"
    );
    let link = confirm[0]
        .body
        .lines()
        .find(|l| l.contains("/newsletter/confirm/"))
        .unwrap()
        .trim()
        .to_string();
    let path = link.trim_start_matches(&app.base).to_string();
    assert_eq!(app.page(&anonymous(), &path).await.status, StatusCode::OK);
    assert_eq!(
        app.page(&anonymous(), &path).await.status,
        StatusCode::NOT_FOUND,
        "a confirmation link works once"
    );
    // Subscribing again only tells the subscriber.
    let again = app.submit(&browser, "/newsletter", &subscribe).await;
    assert_eq!(again.status, StatusCode::OK);
    run_jobs(&app, &jobs).await;
    assert_eq!(smtp.to("borger@example.dk").len(), 2);
    // A green case and a social one published in November.
    let editor = app.as_client(app.client_for(account("r@test.dk", Role::Editor)).await);
    published(&editor, &case("flex-waste", "Flex Waste")).await;
    let mut social = case("sociale-job", "Små job med mening");
    social["themes"] = json!(["social"]);
    published(&editor, &social).await;
    run_jobs(&app, &jobs).await;
    assert_eq!(
        smtp.to("borger@example.dk").len(),
        2,
        "no digest before the month ends"
    );
    // December: November's digest, once.
    app.clock
        .set(domain::calendar::parse_instant("2026-12-01T08:00:00+01:00").unwrap());
    run_jobs(&app, &jobs).await;
    run_jobs(&app, &jobs).await;
    app.clock
        .set(domain::calendar::parse_instant("2026-12-01T10:00:00+01:00").unwrap());
    run_jobs(&app, &jobs).await;
    run_jobs(&app, &jobs).await;
    let mails = smtp.to("borger@example.dk");
    assert_eq!(mails.len(), 3, "{mails:?}");
    let digest = &mails[2];
    assert!(digest.subject.contains("2026-11"), "{}", digest.subject);
    assert!(
        digest.body.contains("Flex Waste") && !digest.body.contains("Små job"),
        "{}",
        digest.body
    );
    assert_eq!(digest.list_unsubscribe_post, "List-Unsubscribe=One-Click");
    let unsubscribe = digest
        .list_unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    assert!(unsubscribe.starts_with(&format!("{}/newsletter/unsubscribe/", app.base)));
    // A mail program's one-click POST: no form token, no cookie.
    let left = reqwest::Client::new()
        .post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(left.status(), StatusCode::OK);
    assert!(app.store.confirmed_subscribers().await.unwrap().is_empty());
    let path = unsubscribe.trim_start_matches(&app.base).to_string();
    assert_eq!(
        app.page(&anonymous(), &path).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Another site's feeds, served on this machine: a malformed one and one whose titles
/// carry markup and script.
async fn feed_server() -> String {
    use axum::routing::get;
    let hostile = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da"><id>urn:x</id><title>X</title><updated>2026-11-01T00:00:00Z</updated>
<entry><id>urn:x:1</id><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Cykelpuljen&lt;/b&gt;</title>
<link href="https://x.example.dk/cykler"/><updated>2026-11-01T00:00:00Z</updated><summary>Delte elcykler</summary></entry></feed>"#;
    let router = axum::Router::new()
        .route(
            "/broken.xml",
            get(|| async { r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</feed>"# }),
        )
        .route("/hostile.xml", get(move || async move { hostile }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn one_kommune_follows_anothers_feed_and_refuses_bad_ones() {
    let aalborg = spawn_app().await;
    let editor = aalborg.as_client(
        aalborg
            .client_for(account("r@aalborg.dk", Role::Editor))
            .await,
    );
    published(&editor, &case("flex-waste", "Flex Waste")).await;
    let odense = spawn_app().await;
    let (browser, csrf) = odense.signed_in(account("r@odense.dk", Role::Editor)).await;
    let follow = |url: String, name: &'static str| {
        let (odense, browser, csrf) = (&odense, &browser, csrf.clone());
        async move {
            odense
                .submit_form(
                    browser,
                    "/manage/feeds",
                    &[("csrf", csrf), ("url", url), ("name", name.to_string())],
                )
                .await
        }
    };
    // Not http, and a private network: refused, naming the field, nothing kept.
    let refused = follow("ftp://aalborg.dk/feed".into(), "Aalborg").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#url\"") && refused.html.contains("http://"),
        "{}",
        refused.html
    );
    let private = follow("http://10.1.2.3/feed.atom".into(), "Aalborg").await;
    assert!(
        private.html.contains("lokalt eller privat net"),
        "{}",
        private.html
    );
    // Loopback, too, unless the setting allows it (the tests' app allows it).
    let strict = service::cases::subscriptions::Policy::default();
    let by = domain::actor::Actor::agency("r@odense.dk");
    let no = service::cases::subscriptions::subscribe(
        &odense.store,
        &by,
        &format!("{}/feed.atom", aalborg.base),
        "Aalborg",
        &strict,
        odense.clock.now(),
    )
    .await;
    assert!(
        matches!(no, Err(service::ServiceError::Invalid(ref e)) if e[0].field == "url" && e[0].reason == "refused_address"),
        "{no:?}"
    );
    assert!(odense.store.feed_sources().await.unwrap().is_empty());
    // Aalborg's Atom feed, followed and fetched by the job.
    let followed = follow(format!("{}/feed.atom", aalborg.base), "Aalborg Kommune").await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER, "{}", followed.html);
    let again = follow(format!("{}/feed.atom", aalborg.base), "Aalborg Kommune").await;
    assert!(again.html.contains("følger allerede"), "{}", again.html);
    let jobs = crate::mail::without_relay();
    crate::mail::run_jobs(&odense, &jobs).await;
    let listed = odense.page(&anonymous(), "/cases").await;
    assert!(
        listed.html.contains("Flex Waste") && listed.html.contains("fra en anden kommune"),
        "{}",
        listed.html
    );
    let found = odense.page(&anonymous(), "/cases?q=pap").await;
    assert!(
        found.html.contains("<mark>"),
        "found by its words: {}",
        found.html
    );
    let arrived = odense.store.cases("published").await.unwrap();
    assert_eq!(arrived.len(), 1);
    let page = odense
        .page(&anonymous(), &format!("/cases/{}", arrived[0].slug))
        .await;
    assert!(
        page.html.contains("Fra Aalborg Kommune")
            && page
                .html
                .contains(&format!("href=\"{}/cases/flex-waste\"", aalborg.base)),
        "{}",
        page.html
    );
    // Changed there, updated here in place; fetched again, never twice.
    let mut changed = case("flex-waste", "Flex Waste i hele midtbyen");
    changed["lang"] = json!("da");
    assert_eq!(
        editor.post("/api/cases", &changed).await.status,
        StatusCode::NO_CONTENT
    );
    let source = odense.store.feed_sources().await.unwrap()[0].clone();
    let fetched = service::cases::subscriptions::fetch_one(
        &odense.store,
        &source,
        &odense_policy(),
        odense.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!((fetched.new, fetched.changed), (0, 1));
    let fetched = service::cases::subscriptions::fetch_one(
        &odense.store,
        &source,
        &odense_policy(),
        odense.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!((fetched.new, fetched.changed, fetched.same), (0, 0, 1));
    let now_there = odense.store.cases("published").await.unwrap();
    assert_eq!(now_there.len(), 1);
    assert_eq!(
        (now_there[0].slug.as_str(), now_there[0].title.as_str()),
        (arrived[0].slug.as_str(), "Flex Waste i hele midtbyen")
    );
    // A broken feed and a hostile one: the status says why, no script reaches a page.
    let elsewhere = feed_server().await;
    follow(format!("{elsewhere}/broken.xml"), "Ødelagt").await;
    follow(format!("{elsewhere}/hostile.xml"), "Fjendtlig").await;
    crate::mail::run_jobs(&odense, &jobs).await;
    odense
        .clock
        .set(odense.clock.now() + chrono::Duration::minutes(61));
    crate::mail::run_jobs(&odense, &jobs).await;
    let status = odense.page(&browser, "/manage/feeds").await;
    assert!(status.html.contains("ikke gyldigt XML"), "{}", status.html);
    let listed = odense.page(&anonymous(), "/cases").await;
    assert!(
        listed.html.contains("Cykelpuljen") && !listed.html.contains("<script>alert"),
        "{}",
        listed.html
    );
    // Unfollowed, its entries leave the lists.
    let aalborg_feed = odense.store.feed_sources().await.unwrap()[0].id;
    let removed = odense
        .submit(
            &browser,
            &format!("/manage/feeds/{aalborg_feed}/remove"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(
        !odense
            .page(&anonymous(), "/cases")
            .await
            .html
            .contains("Flex Waste")
    );
}

fn odense_policy() -> service::cases::subscriptions::Policy {
    service::cases::subscriptions::Policy {
        allow_loopback: true,
        ..Default::default()
    }
}
