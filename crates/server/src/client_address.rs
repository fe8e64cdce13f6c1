//! The address a request came from, for the per-address limits (logins,
//! public routes) and the audit log: the TCP peer, or behind a reverse
//! proxy that the server is told about (`--behind-proxy`), the address the
//! proxy appended last to `X-Forwarded-For` (earlier entries are the
//! client's own word; what does not parse as an address is ignored).
//! IPv6 addresses count by their /64.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::AppState;

/// The client's address as its limits key it (see [`limit_key`]).
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if state.behind_proxy {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty());
            if let Some(address) = forwarded.and_then(|a| a.parse::<IpAddr>().ok()) {
                return Ok(Self(limit_key(address)));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| limit_key(addr.ip()))
            .unwrap_or_else(|| "unknown".into());
        Ok(Self(peer))
    }
}

/// The key an address is limited under: an IPv4 address itself (also when
/// written as IPv6, `::ffff:a.b.c.d`), an IPv6 address by its /64, the
/// smallest network one subscriber is given, so one host cannot dodge the
/// per-address limits by walking its 2^64 addresses.
pub fn limit_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_hosts_are_limited_by_their_64_and_mapped_ipv4_as_ipv4() {
        let key = |text: &str| limit_key(text.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:10.0.0.7"), "10.0.0.7");
        assert_eq!(key("10.0.0.7"), "10.0.0.7");
    }
}
