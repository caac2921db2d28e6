//! Fetching from a local server: good feeds, hostile servers, refused addresses.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use feeds::{FeedError, Policy, fetch};
use tokio::net::TcpListener;

use crate::server::{BIG, start};

fn loopback() -> Policy {
    Policy {
        allow_loopback: true,
        ..Policy::default()
    }
}

async fn fetch_code(url: &str, policy: &Policy) -> &'static str {
    match fetch(url, policy).await {
        Ok(feed) => panic!("expected an error from {url}, got {feed:?}"),
        Err(error) => error.code(),
    }
}

#[tokio::test]
async fn good_feeds_are_fetched_and_parsed() {
    let server = start().await;
    let atom = fetch(&server.url("/atom"), &loopback()).await.unwrap();
    assert_eq!(atom, crate::parse(crate::ATOM).unwrap());
    let json = fetch(&server.url("/json"), &loopback()).await.unwrap();
    assert_eq!(json.entries.len(), 2);
    assert_eq!(json.entries[0].link, "https://nabo.dk/nyt/1");
    // By name too: `localhost` is resolved, checked and then pinned.
    let by_name = format!("http://localhost:{}/atom", server.addr.port());
    assert_eq!(fetch(&by_name, &loopback()).await.unwrap(), atom);
}

#[tokio::test]
async fn hostile_content_is_cleaned_or_refused() {
    let server = start().await;
    let feed = fetch(&server.url("/script"), &loopback()).await.unwrap();
    assert_eq!(
        feed.entries.len(),
        1,
        "the javascript: and data: entries are skipped"
    );
    assert_eq!(feed.entries[0].title, "Free prizes");
    assert_eq!(
        fetch_code(&server.url("/laughs"), &loopback()).await,
        "malformed"
    );
    assert_eq!(
        fetch_code(&server.url("/malformed"), &loopback()).await,
        "malformed"
    );
    assert_eq!(
        fetch_code(&server.url("/page"), &loopback()).await,
        "not_a_feed"
    );
}

#[tokio::test]
async fn error_statuses_give_status_with_the_code() {
    let server = start().await;
    let error = fetch(&server.url("/error"), &loopback()).await.unwrap_err();
    assert_eq!(error, FeedError::Status(500));
    assert_eq!(error.code(), "status");
    let missing = fetch(&server.url("/nowhere"), &loopback())
        .await
        .unwrap_err();
    assert_eq!(missing, FeedError::Status(404));
}

#[tokio::test]
async fn redirects_are_followed_at_most_three_times() {
    let server = start().await;
    let moved = fetch(&server.url("/moved"), &loopback()).await.unwrap();
    assert_eq!(moved.title, "Nabo Kommune – nyheder");
    // /chain/2 → 3 → 4 → 5: three redirects, allowed.
    assert!(fetch(&server.url("/chain/2"), &loopback()).await.is_ok());
    // /chain/0 needs five.
    let error = fetch(&server.url("/chain/0"), &loopback())
        .await
        .unwrap_err();
    assert_eq!(error, FeedError::TooManyRedirects(3));
}

#[tokio::test]
async fn redirect_targets_are_checked_like_the_first_url() {
    let server = start().await;
    let to_private = fetch(&server.url("/to-private"), &loopback())
        .await
        .unwrap_err();
    assert_eq!(
        to_private,
        FeedError::RefusedAddress {
            host: "10.0.0.1".into(),
            addr: "10.0.0.1".parse().unwrap()
        }
    );
    assert_eq!(
        fetch_code(&server.url("/to-metadata"), &loopback()).await,
        "refused_address"
    );
    assert_eq!(
        fetch_code(&server.url("/to-ftp"), &loopback()).await,
        "not_http"
    );
}

#[tokio::test]
async fn a_streamed_50_mb_body_is_cut_at_max_bytes() {
    let server = start().await;
    let started = Instant::now();
    let error = fetch(&server.url("/big"), &loopback()).await.unwrap_err();
    assert_eq!(
        error,
        FeedError::TooLarge {
            limit: 5 * 1024 * 1024
        }
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = server.big_sent.load(Ordering::SeqCst);
    assert!(sent < BIG / 2, "the client kept reading: {sent} bytes sent");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_up_front() {
    let server = start().await;
    let started = Instant::now();
    assert_eq!(
        fetch_code(&server.url("/big-declared"), &loopback()).await,
        "too_large"
    );
    // The server never sends the body, so only the header can have decided.
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn slow_servers_are_stopped_by_the_timeout() {
    let server = start().await;
    let policy = Policy {
        timeout: Duration::from_millis(500),
        ..loopback()
    };
    for path in ["/trickle", "/silent"] {
        let started = Instant::now();
        assert_eq!(
            fetch_code(&server.url(path), &policy).await,
            "timeout",
            "{path}"
        );
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(450) && took < Duration::from_secs(2),
            "{path}: {took:?}"
        );
    }
}

#[tokio::test]
async fn loopback_is_refused_without_connecting_unless_allowed() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/atom", listener.local_addr().unwrap());
    let error = fetch(&url, &Policy::default()).await.unwrap_err();
    assert_eq!(error.code(), "refused_address");
    let accepted = tokio::time::timeout(Duration::from_millis(200), listener.accept()).await;
    assert!(
        accepted.is_err(),
        "a connection was made to a refused address"
    );
    let by_name = format!(
        "http://localhost:{}/atom",
        listener.local_addr().unwrap().port()
    );
    assert_eq!(
        fetch_code(&by_name, &Policy::default()).await,
        "refused_address"
    );
}

#[tokio::test]
async fn private_and_odd_urls_are_refused_even_with_loopback_allowed() {
    let cases = [
        ("http://10.0.0.1/", "refused_address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused_address",
        ),
        ("http://192.168.1.1/feed", "refused_address"),
        ("http://[fd00::1]/feed", "refused_address"),
        ("http://[::ffff:10.0.0.1]/feed", "refused_address"),
        ("ftp://x/", "not_http"),
        ("http://user:pw@host/", "invalid_url"),
    ];
    for (url, expected) in cases {
        assert_eq!(fetch_code(url, &loopback()).await, expected, "{url}");
    }
    assert_eq!(
        fetch_code("http://[::1]/", &Policy::default()).await,
        "refused_address"
    );
}
