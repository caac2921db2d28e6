//! The crate's tests from outside: parsing fixtures, and fetching them from a local server.

mod fetch;
mod parse;
mod server;

use chrono::{DateTime, Utc};
use feeds::{Feed, FeedError, Policy};

/// Feeds the tests use, also served by the test server.
pub const ATOM: &str = include_str!("../data/atom.xml");
pub const JSON: &str = include_str!("../data/feed.json");
pub const RSS: &str = include_str!("../data/rss.xml");
pub const SCRIPT: &str = include_str!("../data/script.xml");
pub const LAUGHS: &str = include_str!("../data/laughs.xml");
pub const MALFORMED: &str = include_str!("../data/malformed.xml");

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

pub fn parse(body: &str) -> Result<Feed, FeedError> {
    feeds::parse(body.as_bytes(), &Policy::default())
}

/// The error's code, failing the test with the feed if there was none.
pub fn code(result: Result<Feed, FeedError>) -> &'static str {
    match result {
        Ok(feed) => panic!("expected an error, got {feed:?}"),
        Err(error) => error.code(),
    }
}
