//! Who is asking, and over what, behind a reverse proxy.
//!
//! Behind a TLS proxy (Caddy, `docs/deploy.md`) every request comes from the proxy's address,
//! so keying the rate limiter or the failed-attempt guard on the socket's address would put
//! every phone in one bucket. The proxy says who the client was in `X-Forwarded-For` and whether
//! it spoke HTTPS in `X-Forwarded-Proto` — but any client can send those headers too, so they
//! are believed only when the connection comes from an address the city configured as its proxy
//! (`--trusted-proxy`). Otherwise the client is the socket's peer and the request is plain HTTP.

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
    str::FromStr,
};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, request::Parts},
    middleware::Next,
    response::Response,
};

use crate::AppState;

/// An address or a network (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`) a proxy may speak from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProxyRange {
    network: IpAddr,
    prefix: u8,
}

impl ProxyRange {
    /// Whether `address` is in the range (an IPv4 address written as IPv6 counts as IPv4).
    pub fn contains(&self, address: IpAddr) -> bool {
        let bits = |a: IpAddr| -> (u128, u8) {
            match a.to_canonical() {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
                IpAddr::V6(v6) => (u128::from(v6), 128),
            }
        };
        let ((net, width), (addr, addr_width)) = (bits(self.network), bits(address));
        if width != addr_width {
            return false;
        }
        let host_bits = u32::from(width - self.prefix);
        net.checked_shr(host_bits).unwrap_or(0) == addr.checked_shr(host_bits).unwrap_or(0)
    }
}

impl FromStr for ProxyRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not an IP address or a network like 10.0.0.0/8");
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let network = IpAddr::from_str(address).map_err(|_| bad())?.to_canonical();
        let width = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= width)
                .ok_or_else(bad)?,
            None => width,
        };
        Ok(ProxyRange { network, prefix })
    }
}

impl fmt::Display for ProxyRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The client of a request, as far as the endpoint can tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Client {
    /// The client's address: from a trusted proxy's `X-Forwarded-For`, else the socket's peer
    /// (`None` only when there is no socket, as in tests that call the router directly).
    pub address: Option<IpAddr>,
    /// Whether the client spoke HTTPS: only a trusted proxy can say so (the endpoint itself
    /// speaks plain HTTP).
    pub https: bool,
}

impl Client {
    /// Tells the client of a request that came from `peer` with `headers`.
    pub fn of(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[ProxyRange]) -> Client {
        let is_trusted = |a: IpAddr| trusted.iter().any(|range| range.contains(a));
        let Some(peer) = peer.map(|p| p.to_canonical()) else {
            return Client::default();
        };
        if !is_trusted(peer) {
            return Client {
                address: Some(peer),
                https: false,
            };
        }
        // Each proxy appends the address it heard from: read from the right, past the proxies
        // the city trusts; the first other address is the client. A value that does not read as
        // an address ends the walk (whatever is left of it could be forged).
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut address = peer;
        for hop in hops.iter().rev() {
            let Ok(hop) = IpAddr::from_str(hop).map(|a| a.to_canonical()) else {
                break;
            };
            address = hop;
            if !is_trusted(hop) {
                break;
            }
        }
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next_back())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
        Client {
            address: Some(address),
            https,
        }
    }

    /// The address as text for the failed-attempt guard and the audit trail: `unknown` when
    /// there is none (no socket).
    pub fn address_text(&self) -> String {
        self.address
            .map_or_else(|| "unknown".to_owned(), |a| a.to_string())
    }
}

/// Middleware (outermost): works out the [`Client`] once and leaves it in the request's
/// extensions for the rate limiter, the guards, the security headers and the audit trail.
pub async fn identify(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let client = Client::of(peer, request.headers(), &state.config.trusted_proxies);
    request.extensions_mut().insert(client);
    next.run(request).await
}

/// The [`Client`] left by [`identify`] (a default one, with no address, if it did not run).
impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Client>()
            .copied()
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(list: &[&str]) -> Vec<ProxyRange> {
        list.iter().map(|r| r.parse().unwrap()).collect()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn a_range_holds_the_addresses_of_its_network_and_no_others() {
        let lan: ProxyRange = "10.1.0.0/16".parse().unwrap();
        assert!(lan.contains("10.1.200.3".parse().unwrap()));
        assert!(!lan.contains("10.2.0.1".parse().unwrap()));
        assert!(!lan.contains("::1".parse().unwrap()));
        let one: ProxyRange = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(one.contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let everything: ProxyRange = "0.0.0.0/0".parse().unwrap();
        assert!(everything.contains("203.0.113.9".parse().unwrap()));
        let v6: ProxyRange = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        for bad in ["caddy", "10.0.0.0/33", "10.0.0/8", "::1/129", ""] {
            assert!(bad.parse::<ProxyRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
        let client = Client::of(
            ip("203.0.113.7"),
            &headers(&[
                ("x-forwarded-for", "198.51.100.1"),
                ("x-forwarded-proto", "https"),
            ]),
            &ranges(&["127.0.0.1"]),
        );
        assert_eq!(client.address, ip("203.0.113.7"));
        assert!(!client.https);
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_the_scheme() {
        let trusted = ranges(&["127.0.0.1"]);
        let client = Client::of(
            ip("127.0.0.1"),
            &headers(&[
                ("x-forwarded-for", "198.51.100.1"),
                ("x-forwarded-proto", "https"),
            ]),
            &trusted,
        );
        assert_eq!(client.address, ip("198.51.100.1"));
        assert!(client.https);
        // Without the headers, the proxy itself is the client, over plain HTTP.
        let client = Client::of(ip("127.0.0.1"), &HeaderMap::new(), &trusted);
        assert_eq!((client.address, client.https), (ip("127.0.0.1"), false));
    }

    #[test]
    fn an_address_a_client_forged_before_the_proxy_is_not_believed() {
        // The phone sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw.
        let client = Client::of(
            ip("127.0.0.1"),
            &headers(&[("x-forwarded-for", "10.9.9.9, 198.51.100.1")]),
            &ranges(&["127.0.0.1"]),
        );
        assert_eq!(client.address, ip("198.51.100.1"));
        // Two proxies the city runs: both skipped.
        let client = Client::of(
            ip("10.0.0.2"),
            &headers(&[
                ("x-forwarded-for", "198.51.100.1, 10.0.0.5"),
                ("x-forwarded-for", "10.0.0.3"),
            ]),
            &ranges(&["10.0.0.0/24"]),
        );
        assert_eq!(client.address, ip("198.51.100.1"));
        // Garbage ends the walk at the last address that read.
        let client = Client::of(
            ip("127.0.0.1"),
            &headers(&[("x-forwarded-for", "198.51.100.1, not-an-address")]),
            &ranges(&["127.0.0.1"]),
        );
        assert_eq!(client.address, ip("127.0.0.1"));
    }

    #[test]
    fn without_a_socket_there_is_no_address() {
        let client = Client::of(None, &headers(&[("x-forwarded-for", "198.51.100.1")]), &[]);
        assert_eq!(client, Client::default());
        assert_eq!(client.address_text(), "unknown");
    }
}
