//! Which addresses a fetch may connect to: public unicast only, so a subscribed URL
//! cannot make kommune's server reach its own network (SSRF).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::{Host, Url};

use crate::FeedError;

/// IPv4 networks no feed comes from, as (network, prefix length); loopback is decided
/// apart because tests may allow it.
const REFUSED_V4: &[([u8; 4], u8)] = &[
    ([0, 0, 0, 0], 8),       // "this network", with the unspecified address
    ([10, 0, 0, 0], 8),      // private
    ([100, 64, 0, 0], 10),   // carrier-grade NAT, private in practice
    ([127, 0, 0, 0], 8),     // loopback
    ([169, 254, 0, 0], 16),  // link-local, where cloud metadata services answer
    ([172, 16, 0, 0], 12),   // private
    ([192, 0, 0, 0], 24),    // IETF protocol assignments
    ([192, 0, 2, 0], 24),    // documentation
    ([192, 88, 99, 0], 24),  // deprecated 6to4 relays
    ([192, 168, 0, 0], 16),  // private
    ([198, 18, 0, 0], 15),   // benchmarking
    ([198, 51, 100, 0], 24), // documentation
    ([203, 0, 113, 0], 24),  // documentation
    ([224, 0, 0, 0], 4),     // multicast
    ([240, 0, 0, 0], 4),     // reserved, with the broadcast address
];

/// Ranges inside global unicast (2000::/3) that are still not public, as (network, prefix).
const REFUSED_V6: &[(u128, u8)] = &[
    (0x2001_0000 << 96, 23), // IETF protocol assignments, with Teredo's 2001::/32
    (0x2001_0db8 << 96, 32), // documentation
    (0x3fff_0000 << 96, 20), // documentation (RFC 9637)
];

/// Whether a fetch may connect to `ip`; loopback only when the policy allows it.
pub(crate) fn is_allowed(ip: IpAddr, allow_loopback: bool) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_allowed(v4, allow_loopback),
        IpAddr::V6(v6) => v6_allowed(v6, allow_loopback),
    }
}

fn v4_allowed(ip: Ipv4Addr, allow_loopback: bool) -> bool {
    if ip.is_loopback() {
        return allow_loopback;
    }
    !REFUSED_V4.iter().any(|&(net, len)| {
        in_network(
            u32::from(ip).into(),
            u32::from_be_bytes(net).into(),
            32,
            len,
        )
    })
}

fn v6_allowed(ip: Ipv6Addr, allow_loopback: bool) -> bool {
    if ip == Ipv6Addr::LOCALHOST {
        return allow_loopback;
    }
    // A packet to these reaches the IPv4 address inside, so that address decides.
    if let Some(v4) = embedded_v4(ip) {
        return v4_allowed(v4, allow_loopback);
    }
    // Allow-list rather than deny-list: outside 2000::/3 is unique-local, link-local,
    // multicast, unspecified, IPv4-compatible and other special ranges.
    let bits = u128::from(ip);
    bits >> 125 == 0b001
        && !REFUSED_V6
            .iter()
            .any(|&(net, len)| in_network(bits, net, 128, len))
}

/// The IPv4 address an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address leads to.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let bits = u128::from(ip);
    if bits >> 32 == 0x0064_ff9b << 64 {
        return Some(Ipv4Addr::from(bits as u32));
    }
    if bits >> 112 == 0x2002 {
        return Some(Ipv4Addr::from((bits >> 80) as u32));
    }
    None
}

/// Whether `addr` lies in `net`/`len`, both numbers of `width` bits.
fn in_network(addr: u128, net: u128, width: u32, len: u8) -> bool {
    let host_bits = width - u32::from(len);
    addr.checked_shr(host_bits).unwrap_or(0) == net.checked_shr(host_bits).unwrap_or(0)
}

/// Resolves `url`'s host and returns every address it may be reached at, refusing the
/// whole URL if any address is not allowed (a name that also points inward is not trusted).
pub(crate) async fn checked_addrs(
    url: &Url,
    allow_loopback: bool,
) -> Result<Vec<SocketAddr>, FeedError> {
    let port = url
        .port_or_known_default()
        .ok_or(FeedError::InvalidUrl("no port"))?;
    let addrs: Vec<SocketAddr> = match url.host() {
        Some(Host::Ipv4(ip)) => vec![SocketAddr::new(ip.into(), port)],
        Some(Host::Ipv6(ip)) => vec![SocketAddr::new(ip.into(), port)],
        Some(Host::Domain(name)) => tokio::net::lookup_host((name, port))
            .await
            .map_err(|e| FeedError::Unreachable(format!("could not resolve {name}: {e}")))?
            .collect(),
        None => return Err(FeedError::InvalidUrl("no host")),
    };
    if addrs.is_empty() {
        return Err(FeedError::Unreachable("the host has no addresses".into()));
    }
    if let Some(bad) = addrs.iter().find(|a| !is_allowed(a.ip(), allow_loopback)) {
        return Err(FeedError::RefusedAddress {
            host: url.host_str().unwrap_or_default().to_owned(),
            addr: bad.ip(),
        });
    }
    Ok(addrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(ip: &str, allow_loopback: bool) -> bool {
        is_allowed(ip.parse().unwrap(), allow_loopback)
    }

    #[test]
    fn public_addresses_are_allowed() {
        for ip in [
            "1.1.1.1",
            "8.8.8.8",
            "193.163.102.58",
            "2a00:1450:400f:80d::200e",
        ] {
            assert!(allowed(ip, false), "{ip}");
        }
        assert!(allowed("2606:4700::1111", false));
        assert!(allowed("::ffff:8.8.8.8", false));
        assert!(allowed("64:ff9b::808:808", false));
        assert!(allowed("2002:808:808::1", false));
    }

    #[test]
    fn inward_addresses_are_refused_even_with_loopback_allowed() {
        let refused = [
            "0.0.0.0",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.254",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "192.0.2.1",
            "198.18.0.1",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:0.0.0.0",
            "64:ff9b::a00:1",
            "2002:a00:1::",
            "::10.0.0.1",
            "100::1",
            "3fff::1",
        ];
        for ip in refused {
            assert!(!allowed(ip, false), "{ip} should be refused");
            assert!(
                !allowed(ip, true),
                "{ip} should be refused with loopback allowed"
            );
        }
    }

    #[test]
    fn loopback_only_when_allowed() {
        for ip in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            assert!(!allowed(ip, false), "{ip}");
            assert!(allowed(ip, true), "{ip}");
        }
    }

    #[test]
    fn neighbours_of_refused_ranges_are_allowed() {
        for ip in [
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "11.0.0.0",
        ] {
            assert!(allowed(ip, false), "{ip}");
        }
    }

    #[tokio::test]
    async fn literal_and_named_hosts_are_checked() {
        let refused = |u: &str| {
            let url = Url::parse(u).unwrap();
            async move { checked_addrs(&url, false).await.unwrap_err() }
        };
        for u in [
            "http://10.0.0.1/",
            "http://169.254.169.254/latest",
            "http://[::1]/",
            "http://2130706433/",
        ] {
            assert_eq!(refused(u).await.code(), "refused_address", "{u}");
        }
        // `localhost` resolves through /etc/hosts, so this needs no network.
        match refused("http://localhost:9/").await {
            FeedError::RefusedAddress { host, addr } => {
                assert_eq!(host, "localhost");
                assert!(addr.is_loopback());
            }
            other => panic!("expected refused_address, got {other:?}"),
        }
        let url = Url::parse("http://127.0.0.1:8080/").unwrap();
        let ok = checked_addrs(&url, true).await.unwrap();
        assert_eq!(ok, vec!["127.0.0.1:8080".parse().unwrap()]);
    }
}
