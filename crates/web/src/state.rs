//! What every handler may reach: the store, the clock and the public address. Handlers
//! take each by its own type (`State<Store>`, `State<Clock>`, `State<PublicUrl>`), so a
//! test can hand in a clock set to any day.

use axum::extract::FromRef;
use service::Clock;
use store::Store;

/// The application's state, shared by every route.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Clock,
    pub public_url: PublicUrl,
    /// Whose `X-Forwarded-For` is believed; see [`crate::client`].
    pub trusted_proxies: crate::TrustedProxies,
    /// Public forms and POSTs one client address may send an hour
    /// (`KOMMUNE_PUBLIC_LIMIT`); see [`crate::pages::public`].
    pub public_limit: i64,
    /// How other municipalities' feeds are fetched: limits, and whether loopback may be
    /// reached (`--feeds-allow-loopback`, for tests and two instances on one machine).
    pub feeds: service::cases::subscriptions::Policy,
    /// Who may read `/metrics` (`KOMMUNE_METRICS_TOKEN`, `KOMMUNE_METRICS_ALLOW`).
    pub metrics: crate::observe::MetricsAccess,
}

impl AppState {
    /// The store on the system clock, reached at `public_url`: how kommune serves.
    pub fn new(store: Store, public_url: PublicUrl) -> Self {
        Self {
            store,
            clock: Clock::system(),
            public_url,
            trusted_proxies: crate::TrustedProxies::default(),
            public_limit: crate::pages::public::DEFAULT_LIMIT,
            feeds: service::cases::subscriptions::Policy::default(),
            metrics: crate::observe::MetricsAccess::default(),
        }
    }
}

/// The address people reach kommune at (`--public-url`, e.g. `https://kommune.aalborg.dk`):
/// addresses that leave the site (a calendar feed's) are built from it, never from a
/// request's Host header, and cookies are `Secure` when it is https.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(std::sync::Arc<str>);

impl PublicUrl {
    /// An `http://` or `https://` address with a host, an optional port and path, and no
    /// query, fragment, space or control character; a trailing `/` is dropped.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not an address like https://kommune.example.dk");
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or_else(bad)?;
        let host = rest.split('/').next().unwrap_or_default();
        let clean = !rest.contains(['?', '#', '@', ' ', '"', '<', '>', '\\'])
            && domain::problem::plain_text(rest).is_ok();
        if host.is_empty() || host.starts_with(':') || !clean {
            return Err(bad());
        }
        Ok(Self(text.trim_end_matches('/').into()))
    }

    /// The address the server listens on, for a server no one names otherwise.
    pub fn listening(addr: std::net::SocketAddr) -> Self {
        Self(format!("http://{addr}").into())
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The public address of `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The same address for calendar apps: `webcal://…`.
    pub fn webcal(&self, path: &str) -> String {
        let host_and_path = self.0.split_once("://").map_or(&*self.0, |(_, r)| r);
        format!("webcal://{host_and_path}{path}")
    }
}

impl FromRef<AppState> for PublicUrl {
    fn from_ref(state: &AppState) -> Self {
        state.public_url.clone()
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

impl FromRef<AppState> for Clock {
    fn from_ref(state: &AppState) -> Self {
        state.clock.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::PublicUrl;

    #[test]
    fn a_public_address_is_http_or_https_with_a_host() {
        let url = PublicUrl::parse("https://kommune.example.dk/").unwrap();
        assert!(url.is_https());
        assert_eq!(
            url.join("/calendar/x.ics"),
            "https://kommune.example.dk/calendar/x.ics"
        );
        assert_eq!(url.webcal("/c.ics"), "webcal://kommune.example.dk/c.ics");
        assert!(!PublicUrl::parse("http://10.0.0.1:8080").unwrap().is_https());
        for bad in [
            "kommune.dk",
            "ftp://x",
            "https://",
            "https://x?y",
            "https://a b",
            "https://u@evil",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
