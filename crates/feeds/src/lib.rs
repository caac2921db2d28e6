//! Reads other municipalities' feeds: fetched safely, parsed into plain entries.
//!
//! kommune's background job calls [`fetch`] for each subscribed feed and stores the
//! [`Entry`]s it gets; this crate does the fetching and parsing only, no database.
//!
//! - [`error`]: [`FeedError`], whose stable [`FeedError::code`] kommune's pages translate.
//! - `address`: which IP addresses a fetch may connect to (the SSRF guard).
//! - `fetch`: the HTTP side: pinned addresses, own redirects, timeout, size cap.
//! - `parse`: decides Atom, RSS or JSON Feed by content and turns entries into [`Entry`]s.
//! - `xml`: a guarded layer over quick-xml (no DTDs, no unknown entities).
//! - `atom`: the Atom and RSS 2.0 readers on top of it; `json`: the JSON Feed reader.
//! - `text`: HTML to plain text, and the length caps.

mod address;
mod atom;
pub mod error;
mod fetch;
mod json;
mod parse;
mod text;
mod xml;

use std::time::Duration;

use chrono::{DateTime, Utc};

pub use error::FeedError;
pub use fetch::{MAX_REDIRECTS, fetch};
pub use parse::parse;

/// The longest URL [`check_url`] accepts, in bytes; longer ones are not feed addresses.
pub const MAX_URL_LEN: usize = 2_000;
/// The longest entry id kept, in chars; an entry with a longer id is skipped.
pub const MAX_ID_CHARS: usize = 500;
/// The longest title kept, in chars; longer titles are cut.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest summary kept, in chars; longer summaries are cut.
pub const MAX_SUMMARY_CHARS: usize = 2_000;

/// Limits for one fetch and parse, so a hostile or broken feed costs a bounded amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Lets a fetch reach 127.0.0.0/8 and ::1, for tests; private networks stay refused.
    pub allow_loopback: bool,
    /// The whole fetch (name lookup, redirects, body) must finish within this.
    pub timeout: Duration,
    /// A body longer than this is refused as `too_large`.
    pub max_bytes: usize,
    /// Entries past this many are dropped, keeping the first ones.
    pub max_entries: usize,
}

impl Default for Policy {
    /// The limits kommune's background job uses: no loopback, 10 s, 5 MiB, 500 entries.
    fn default() -> Self {
        Self {
            allow_loopback: false,
            timeout: Duration::from_secs(10),
            max_bytes: 5 * 1024 * 1024,
            max_entries: 500,
        }
    }
}

/// A parsed feed: its title and the entries that had everything kommune needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The feed's own title as plain text, at most [`MAX_TITLE_CHARS`]; may be empty.
    pub title: String,
    /// The usable entries, in document order.
    pub entries: Vec<Entry>,
}

/// One entry of a feed, as plain text ready for kommune to store and escape when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's stable id (Atom `id`, JSON Feed `id`, RSS `guid`), at most [`MAX_ID_CHARS`].
    pub id: String,
    /// Plain text (tags stripped, entities decoded, whitespace collapsed), at most [`MAX_TITLE_CHARS`].
    pub title: String,
    /// Plain text the same way, at most [`MAX_SUMMARY_CHARS`].
    pub summary: String,
    /// The absolute http(s) URL of the entry's page.
    pub link: String,
    /// When the entry was last updated, else when it was published.
    pub updated: DateTime<Utc>,
    /// The lowercased primary language subtag ("da", "en") the entry or its feed declares.
    pub language: Option<String>,
}

/// Checks a feed URL's syntax only (http or https, a host, no credentials, not too long);
/// whether its address may be reached is checked when fetching.
pub fn check_url(url: &str) -> Result<url::Url, FeedError> {
    if url.len() > MAX_URL_LEN {
        return Err(FeedError::InvalidUrl("longer than 2000 characters"));
    }
    let parsed = url::Url::parse(url.trim()).map_err(|_| FeedError::InvalidUrl("not a URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FeedError::NotHttp(parsed.scheme().to_owned()));
    }
    if parsed.host().is_none() {
        return Err(FeedError::InvalidUrl("no host"));
    }
    // Credentials in a feed URL would end up in logs, and are no way to subscribe.
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(FeedError::InvalidUrl("contains a user name or password"));
    }
    Ok(parsed)
}

/// Checks a feed URL as [`check_url`] does and that every address its host has now may be
/// fetched under `policy`: what a subscription is refused for before its first fetch.
pub async fn check_address(url: &str, policy: &Policy) -> Result<url::Url, FeedError> {
    let parsed = check_url(url)?;
    tokio::time::timeout(
        policy.timeout,
        address::checked_addrs(&parsed, policy.allow_loopback),
    )
    .await
    .map_err(|_| FeedError::Timeout)??;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_url_accepts_http_and_https() {
        assert_eq!(
            check_url("https://kommune.dk/feed.xml").unwrap().as_str(),
            "https://kommune.dk/feed.xml"
        );
        assert!(check_url("http://127.0.0.1:8080/").is_ok());
    }

    #[test]
    fn check_url_refuses_other_schemes_and_shapes() {
        let code = |u: &str| check_url(u).unwrap_err().code();
        assert_eq!(code("ftp://x/"), "not_http");
        assert_eq!(code("javascript:alert(1)"), "not_http");
        assert_eq!(code("file:///etc/passwd"), "not_http");
        assert_eq!(code("http://user:pw@host/"), "invalid_url");
        assert_eq!(code("http://user@host/"), "invalid_url");
        assert_eq!(code("not a url"), "invalid_url");
        assert_eq!(code("/relative/path"), "invalid_url");
        let long = format!("https://kommune.dk/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(code(&long), "invalid_url");
    }
}
