//! Refusing private targets. A pull request can put any URL in a list; a
//! runner that checks it must not probe its own network (the cloud metadata
//! address, a router, a service on loopback). The check runs before every
//! hop and again on every address a name resolves to, so nothing private is
//! connected to unless the user named it: an API endpoint, a remap target,
//! or `--allow-private`.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Which private places the user allowed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Guard {
    pub allow_all: bool,
    /// `scheme://host:port` origins named by the user.
    pub origins: HashSet<String>,
    /// Host names named by the user, allowed to resolve to private addresses.
    pub hosts: HashSet<String>,
}

impl Guard {
    /// Why `url` may not be requested, if it may not.
    pub(crate) fn refusal(&self, url: &Url) -> Option<String> {
        if self.allow_all || self.origins.contains(&url.origin().ascii_serialization()) {
            return None;
        }
        let private = match url.host()? {
            Host::Ipv4(ip) => is_private(IpAddr::V4(ip)),
            Host::Ipv6(ip) => is_private(IpAddr::V6(ip)),
            Host::Domain(name) => is_local_name(name),
        };
        private.then(|| {
            format!(
                "refused: `{}` is a private, loopback or link-local address",
                url.host_str().unwrap_or_default()
            )
        })
    }

    /// A resolver that drops private answers for names the user did not name.
    pub(crate) fn resolver(self: &Arc<Self>) -> Arc<GuardedResolver> {
        Arc::new(GuardedResolver {
            guard: Arc::clone(self),
        })
    }
}

fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// Loopback, private (RFC 1918, unique-local), link-local (the metadata
/// address 169.254.169.254 among them), carrier-grade NAT, unspecified,
/// broadcast and multicast addresses.
pub(crate) fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6 == Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, 0, 0)
        }
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
}

/// Resolves with the system resolver, then refuses a name whose addresses
/// include a private one, before any connection is made.
#[derive(Debug)]
pub(crate) struct GuardedResolver {
    guard: Arc<Guard>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = Arc::clone(&self.guard);
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed = guard.allow_all || guard.hosts.contains(&host.to_ascii_lowercase());
            if !allowed && addrs.iter().any(|a| is_private(a.ip())) {
                return Err(format!("refused: `{host}` resolves to a private address").into());
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn private_ranges_are_private() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:169.254.169.254",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "140.82.112.3", "2606:4700::1111"] {
            assert!(!is_private(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn named_origins_and_allow_all_are_the_exceptions() {
        let mut guard = Guard::default();
        assert!(
            guard
                .refusal(&url("http://169.254.169.254/latest"))
                .is_some()
        );
        assert!(guard.refusal(&url("http://localhost:9/")).is_some());
        assert!(guard.refusal(&url("https://example.org/")).is_none());
        guard.origins.insert("http://127.0.0.1:8089".to_owned());
        assert!(guard.refusal(&url("http://127.0.0.1:8089/a")).is_none());
        assert!(guard.refusal(&url("http://127.0.0.1:8090/a")).is_some());
        guard.allow_all = true;
        assert!(guard.refusal(&url("http://10.0.0.1/")).is_none());
    }

    #[tokio::test]
    async fn resolver_refuses_names_of_private_addresses() {
        // `localhost` resolves from the hosts file, without a DNS query.
        let guard = Arc::new(Guard::default());
        let refused = guard.resolver().resolve("localhost".parse().unwrap()).await;
        assert!(refused.is_err());
        let mut allowed = Guard::default();
        allowed.hosts.insert("localhost".to_owned());
        let resolved = Arc::new(allowed)
            .resolver()
            .resolve("localhost".parse().unwrap())
            .await;
        assert!(resolved.is_ok());
    }
}
