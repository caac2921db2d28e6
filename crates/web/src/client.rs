//! Who is asking, by network address: the peer of the connection, or — when that peer is
//! a reverse proxy the operator trusts (`KOMMUNE_TRUSTED_PROXIES`) — the address the
//! proxy says it forwarded for. Sign-in counts failures per address, so an address
//! anyone can write in a header must never be believed from anyone else.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Addresses and networks, e.g. `127.0.0.1, 10.0.0.0/8`: the proxies believed, and who
/// may read the metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Networks(std::sync::Arc<[IpNet]>);

impl Networks {
    /// A comma-separated list of addresses (`10.0.0.5`) and networks (`10.0.0.0/8`).
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "'{part}' is not an address like 10.0.0.5 or a network like 10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|networks| Self(networks.into()))
    }

    /// Whether `address` is one of them. An IPv4 address a dual-stack socket reports as
    /// IPv6 (`::ffff:10.0.0.5`) is the IPv4 address it carries.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// Written back as a list, `127.0.0.0/8, ::1/128`.
    pub fn said(&self) -> String {
        self.0
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The proxies whose `X-Forwarded-For` is believed. None by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Networks);

impl TrustedProxies {
    /// A comma-separated list of addresses (`10.0.0.5`) and networks (`10.0.0.0/8`).
    pub fn parse(text: &str) -> Result<Self, String> {
        Networks::parse(text).map(Self)
    }

    /// The list as given.
    pub fn networks(&self) -> &Networks {
        &self.0
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.contains(address)
    }

    /// The client behind `peer`: the peer itself unless it is trusted; then, walking the
    /// forwarded chain from the nearest hop, the first address not trusted (each trusted
    /// proxy vouches only for the hop before it). An unreadable chain leaves the peer.
    pub fn client(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let Some(chain) = forwarded_for else {
            return peer;
        };
        let mut client = peer;
        for hop in chain.rsplit(',').map(str::trim) {
            let Ok(address) = hop.parse::<IpAddr>() else {
                return client;
            };
            client = address.to_canonical();
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// The client's address as [`TrustedProxies::client`] decides it; `0.0.0.0` for a
/// request that came through no socket (a test calling the router directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress
where
    AppState: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        let trusted = AppState::from_ref(state).trusted_proxies;
        let forwarded = forwarded_for(&parts.headers);
        Ok(Self(trusted.client(peer, forwarded.as_deref())))
    }
}

/// Every `X-Forwarded-For` line joined in order, as one list: a proxy may add its own line
/// rather than extend the last. A line that is not text makes the whole chain unreadable.
fn forwarded_for(headers: &axum::http::HeaderMap) -> Option<String> {
    let lines = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().ok())
        .collect::<Option<Vec<_>>>()?;
    (!lines.is_empty()).then(|| lines.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_is_believed_about_who_it_forwards_for() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.7"), Some("198.51.100.1")),
            ip("203.0.113.7")
        );
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        // A client writing the header itself, past the proxy, is not believed past it.
        assert_eq!(
            proxies.client(ip("127.0.0.1"), Some("1.2.3.4, 198.51.100.1")),
            ip("198.51.100.1")
        );
        assert_eq!(
            proxies.client(ip("127.0.0.1"), Some("198.51.100.1, 10.1.2.3")),
            ip("198.51.100.1")
        );
        assert_eq!(
            proxies.client(ip("127.0.0.1"), Some("nonsense")),
            ip("127.0.0.1")
        );
        assert_eq!(proxies.client(ip("127.0.0.1"), None), ip("127.0.0.1"));
        assert_eq!(
            proxies.client(ip("192.0.2.9"), Some("198.51.100.1")),
            ip("192.0.2.9")
        );
        // A dual-stack listener reports an IPv4 proxy as ::ffff:127.0.0.1.
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), Some("::ffff:198.51.100.1")),
            ip("198.51.100.1")
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
    }

    #[test]
    fn every_forwarded_line_counts_in_order() {
        use axum::http::{HeaderMap, HeaderValue};
        let mut headers = HeaderMap::new();
        assert_eq!(forwarded_for(&headers), None);
        headers.append("x-forwarded-for", HeaderValue::from_static("1.2.3.4"));
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.1"));
        let chain = forwarded_for(&headers).unwrap();
        assert_eq!(chain, "1.2.3.4,198.51.100.1");
        // The nearest hop is on the last line: the spoofed first line is not believed.
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        assert_eq!(
            proxies.client(ip("127.0.0.1"), Some(&chain)),
            ip("198.51.100.1")
        );
        headers.append("x-forwarded-for", HeaderValue::from_bytes(b"\xff").unwrap());
        assert_eq!(forwarded_for(&headers), None);
    }
}
