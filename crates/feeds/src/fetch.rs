//! Fetches a feed over HTTP(S) within the policy's limits: every address checked before
//! connecting and then pinned, redirects followed by hand, one deadline, a size cap.

use std::error::Error as _;
use std::net::SocketAddr;
use std::time::Duration;

use reqwest::header::{ACCEPT, LOCATION};
use reqwest::{Client, Response, redirect};
use url::{Host, Url};

use crate::text::truncate;
use crate::{Feed, FeedError, Policy, address, check_url, parse};

/// Redirects followed before giving up; feeds that moved need one or two.
pub const MAX_REDIRECTS: usize = 3;

const USER_AGENT: &str = concat!("kommune-feeds/", env!("CARGO_PKG_VERSION"));
const ACCEPT_FEEDS: &str = "application/atom+xml, application/feed+json, application/rss+xml;q=0.9, \
     application/xml;q=0.8, application/json;q=0.8, */*;q=0.1";

/// Fetches `url` and parses it as a feed, refusing non-public addresses and stopping at
/// `policy.timeout` or `policy.max_bytes`; needs a Tokio runtime with IO and time enabled.
pub async fn fetch(url: &str, policy: &Policy) -> Result<Feed, FeedError> {
    let url = check_url(url)?;
    // One deadline over everything (lookups, redirects, a trickling body), not one per step.
    let body = tokio::time::timeout(policy.timeout, fetch_body(url, policy))
        .await
        .map_err(|_| FeedError::Timeout)??;
    parse(&body, policy)
}

async fn fetch_body(mut url: Url, policy: &Policy) -> Result<Vec<u8>, FeedError> {
    for _ in 0..=MAX_REDIRECTS {
        let response = get(&url, policy).await?;
        let status = response.status();
        if status.is_redirection() {
            url = redirect_target(&url, &response)?;
            continue;
        }
        if !status.is_success() {
            return Err(FeedError::Status(status.as_u16()));
        }
        return read_capped(response, policy.max_bytes).await;
    }
    Err(FeedError::TooManyRedirects(MAX_REDIRECTS))
}

/// One GET to `url`, connecting only to addresses that passed the check.
async fn get(url: &Url, policy: &Policy) -> Result<Response, FeedError> {
    let addrs = address::checked_addrs(url, policy.allow_loopback).await?;
    send_pinned(url, &addrs, policy.timeout).await
}

/// Sends the GET to `addrs` only: the client must not look the name up again and get
/// another answer (DNS rebinding).
async fn send_pinned(
    url: &Url,
    addrs: &[SocketAddr],
    timeout: Duration,
) -> Result<Response, FeedError> {
    let mut builder = Client::builder()
        .redirect(redirect::Policy::none())
        // A proxy would resolve the name itself, around the address check.
        .no_proxy()
        .connect_timeout(timeout)
        .timeout(timeout)
        .user_agent(USER_AGENT);
    if let Some(Host::Domain(name)) = url.host() {
        builder = builder.resolve_to_addrs(name, addrs);
    }
    let client = builder.build().map_err(unreachable)?;
    client
        .get(url.clone())
        .header(ACCEPT, ACCEPT_FEEDS)
        .send()
        .await
        .map_err(unreachable)
}

/// Where a redirect leads, checked like the first URL; the address is checked on the next `get`.
fn redirect_target(from: &Url, response: &Response) -> Result<Url, FeedError> {
    let status = FeedError::Status(response.status().as_u16());
    let location = response.headers().get(LOCATION).ok_or(status.clone())?;
    let location = location.to_str().map_err(|_| status.clone())?;
    let target = from.join(location).map_err(|_| status)?;
    check_url(target.as_str())
}

/// Reads the body chunk by chunk, stopping as soon as it passes `max` bytes.
async fn read_capped(mut response: Response, max: usize) -> Result<Vec<u8>, FeedError> {
    let too_large = FeedError::TooLarge { limit: max };
    if response
        .content_length()
        .is_some_and(|len| len > max as u64)
    {
        return Err(too_large);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
        if body.len() + chunk.len() > max {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// reqwest's own message names only the URL; the reason (refused, reset, TLS) is in its sources.
fn unreachable(error: reqwest::Error) -> FeedError {
    if error.is_timeout() {
        return FeedError::Timeout;
    }
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    FeedError::Unreachable(truncate(&message, 300))
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;

    #[tokio::test]
    async fn connects_to_the_checked_address_without_a_new_lookup() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request).await;
            let answer = b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(answer).await;
        });
        // `.invalid` never resolves (RFC 6761): only the pinned address can answer.
        let url = Url::parse(&format!("http://feeds.invalid:{}/", addr.port())).unwrap();
        let response = send_pinned(&url, &[addr], Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
}
