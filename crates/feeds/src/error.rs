//! Why a feed could not be fetched or read.

use std::net::IpAddr;

/// Why a fetch or parse failed; [`FeedError::code`] is stable for kommune's pages to
/// translate, the `Display` text is English for logs.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The URL's scheme is not http or https.
    #[error("not an http(s) URL (scheme {0:?})")]
    NotHttp(String),
    /// The URL is unparsable, has no host, carries credentials or is too long.
    #[error("invalid feed URL: {0}")]
    InvalidUrl(&'static str),
    /// The host is, or resolves to, an address a feed must not come from (loopback, private…).
    #[error("refused to connect to {host}: address {addr} is not public")]
    RefusedAddress {
        /// The host as written in the URL.
        host: String,
        /// The first refused address it resolved to.
        addr: IpAddr,
    },
    /// The host could not be resolved or connected to, or the connection broke.
    #[error("could not reach the feed: {0}")]
    Unreachable(String),
    /// The whole fetch took longer than the policy's timeout.
    #[error("the feed did not answer in time")]
    Timeout,
    /// The server answered with a status other than 2xx (or a redirect without a target).
    #[error("the server answered with status {0}")]
    Status(u16),
    /// More redirects than a fetch follows.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// The body is longer than the policy allows.
    #[error("the feed is larger than {limit} bytes")]
    TooLarge {
        /// The policy's `max_bytes`.
        limit: usize,
    },
    /// The body looks like XML or JSON but is broken, or uses a DTD.
    #[error("the feed is malformed: {0}")]
    Malformed(String),
    /// The body is well-formed but neither Atom, RSS 2.0 nor JSON Feed.
    #[error("not a feed: {0}")]
    NotAFeed(&'static str),
}

impl FeedError {
    /// A stable, short code for this kind of failure, for kommune to translate and store.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotHttp(_) => "not_http",
            Self::InvalidUrl(_) => "invalid_url",
            Self::RefusedAddress { .. } => "refused_address",
            Self::Unreachable(_) => "unreachable",
            Self::Timeout => "timeout",
            Self::Status(_) => "status",
            Self::TooManyRedirects(_) => "too_many_redirects",
            Self::TooLarge { .. } => "too_large",
            Self::Malformed(_) => "malformed",
            Self::NotAFeed(_) => "not_a_feed",
        }
    }
}
