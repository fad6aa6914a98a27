//! Requests: bounded concurrency, the private-address guard, retries with
//! backoff and `Retry-After`, and the HEAD-then-GET check of a plain URL
//! with redirects followed one hop at a time.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, Response, StatusCode};
use tokio::sync::Semaphore;
use url::Url;

use super::config::NetConfig;
use super::guard::Guard;
use super::outcome::{Checked, Outcome};
use super::remap;

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    TimedOut,
    /// The guard said no; nothing was sent.
    Refused(String),
    /// DNS, TLS, connection refused: the target cannot be reached.
    Unreachable(String),
    /// The caller's stop flag was raised while the request waited its turn.
    Stopped,
}

impl Failure {
    pub(crate) fn into_outcome(self) -> Outcome {
        match self {
            Failure::TimedOut => Outcome::TimedOut,
            Failure::Refused(why) => Outcome::Unchecked { why },
            Failure::Stopped => Outcome::Unchecked {
                why: super::github::SPENT.to_owned(),
            },
            Failure::Unreachable(reason) => Outcome::Broken {
                status: None,
                reason,
            },
        }
    }
}

/// A response, or the wait a server asked for when it was over the cap.
pub(crate) enum Answer {
    Response(Response),
    TooLong { status: u16, wait: u64 },
}

/// The shared state of the network phase.
pub(crate) struct Http {
    client: reqwest::Client,
    pub config: NetConfig,
    guard: Arc<Guard>,
    overall: Semaphore,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    sent: AtomicUsize,
}

impl Http {
    pub(crate) fn new(config: NetConfig, guard: Guard) -> Result<Self, reqwest::Error> {
        let guard = Arc::new(guard);
        let client = reqwest::Client::builder()
            .user_agent(concat!(
                "paperlint/",
                env!("CARGO_PKG_VERSION"),
                " (+https://crates.io/crates/paperlint)"
            ))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .no_proxy()
            .dns_resolver(guard.resolver())
            .build()?;
        Ok(Self {
            client,
            overall: Semaphore::new(config.max_concurrency),
            hosts: Mutex::new(HashMap::new()),
            sent: AtomicUsize::new(0),
            config,
            guard,
        })
    }

    /// Requests sent so far, retries and redirect hops included.
    pub(crate) fn sent(&self) -> usize {
        self.sent.load(Ordering::Relaxed)
    }

    fn host_slots(&self, url: &Url) -> Arc<Semaphore> {
        let key = url.origin().ascii_serialization();
        let mut hosts = self.hosts.lock().expect("no panic while holding the lock");
        Arc::clone(
            hosts
                .entry(key)
                .or_insert_with(|| Arc::new(Semaphore::new(self.config.max_per_host))),
        )
    }

    /// One request, no retry: guarded, within both concurrency bounds, and
    /// not sent if `stop` was raised while it waited for its turn.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: &Url,
        headers: HeaderMap,
        stop: Option<&AtomicBool>,
    ) -> Result<Response, Failure> {
        if let Some(why) = self.guard.refusal(url) {
            return Err(Failure::Refused(why));
        }
        let host = self.host_slots(url);
        let _overall = self.overall.acquire().await.expect("never closed");
        let _host = host.acquire().await.expect("never closed");
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(Failure::Stopped);
        }
        log::trace!("{method} {url}");
        self.sent.fetch_add(1, Ordering::Relaxed);
        self.client
            .request(method, url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(|e| classify_error(&e))
    }

    /// A request retried after 429, 5xx and timeouts, waiting as the server
    /// asks (`Retry-After`, up to the cap) or with doubling backoff.
    pub(crate) async fn send_with_retries(
        &self,
        method: Method,
        url: &Url,
        headers: HeaderMap,
        stop: Option<&AtomicBool>,
    ) -> Result<Answer, Failure> {
        let mut attempt = 0;
        loop {
            let result = self.send(method.clone(), url, headers.clone(), stop).await;
            let backoff = self.config.backoff * 2u32.saturating_pow(attempt);
            let wait = match &result {
                Ok(resp) if retryable(resp.status()) => {
                    match retry_after(resp.headers(), SystemTime::now()) {
                        Some(asked) if asked > self.config.max_retry_wait => {
                            return Ok(Answer::TooLong {
                                status: resp.status().as_u16(),
                                wait: asked.as_secs(),
                            });
                        }
                        // A date already past asks for nothing: back off as
                        // if it were absent, or the retries are spent at once.
                        Some(asked) => asked.max(backoff),
                        // A 429 without a hint is a window that lasts
                        // seconds, not the half second a 5xx blip does.
                        None if resp.status() == StatusCode::TOO_MANY_REQUESTS => {
                            backoff.max(Duration::from_secs(1) * 2u32.saturating_pow(attempt))
                        }
                        None => backoff,
                    }
                }
                Err(Failure::TimedOut) => backoff,
                _ => return result.map(Answer::Response),
            };
            if attempt >= self.config.retries {
                return result.map(Answer::Response);
            }
            attempt += 1;
            log::debug!("retrying {url} in {wait:?}");
            tokio::time::sleep(wait).await;
        }
    }

    /// Checks a plain URL: HEAD, then GET when HEAD is refused, redirects
    /// followed hop by hop. The body is never read: the response is dropped
    /// once its status and headers are in.
    pub(crate) async fn check_url(&self, written: &str) -> Checked {
        let Ok(mut logical) = Url::parse(written) else {
            return Checked::unchecked("not a URL");
        };
        let mut seen = HashSet::new();
        let mut permanent = true;
        let mut hops = 0;
        loop {
            if !seen.insert(logical.to_string()) {
                return Checked::new(Outcome::RedirectLoop {
                    at: logical.to_string(),
                });
            }
            let Ok(actual) = Url::parse(&remap::apply(&self.config.remaps, logical.as_str()))
            else {
                return Checked::unchecked("the remapped URL is not a URL");
            };
            let answer = match self.head_then_get(&actual).await {
                Ok(answer) => answer,
                Err(failure) => return Checked::new(failure.into_outcome()),
            };
            let resp = match answer {
                Answer::Response(resp) => resp,
                Answer::TooLong { status, wait } => return Checked::new(too_long(status, wait)),
            };
            let status = resp.status();
            if let Some(next) = redirect_target(&resp, &logical) {
                hops += 1;
                if hops > self.config.max_redirects {
                    return Checked::new(Outcome::TooManyRedirects {
                        last: next.to_string(),
                    });
                }
                permanent &= matches!(status.as_u16(), 301 | 308);
                logical = next;
                continue;
            }
            drop(resp);
            return Checked::new(final_outcome(status, hops, &logical, permanent));
        }
    }

    async fn head_then_get(&self, url: &Url) -> Result<Answer, Failure> {
        match self.send(Method::HEAD, url, HeaderMap::new(), None).await {
            Ok(resp) if resp.status().is_success() || resp.status().is_redirection() => {
                Ok(Answer::Response(resp))
            }
            // HEAD refused (405, 403, 501 and the like), failed or slow:
            // many servers answer HEAD wrongly and GET rightly, so only
            // GET's answer counts. After a 429, wait as asked first.
            Ok(resp) => {
                if resp.status() == StatusCode::TOO_MANY_REQUESTS
                    && let Some(wait) = retry_after(resp.headers(), SystemTime::now())
                {
                    if wait > self.config.max_retry_wait {
                        return Ok(Answer::TooLong {
                            status: 429,
                            wait: wait.as_secs(),
                        });
                    }
                    tokio::time::sleep(wait).await;
                }
                drop(resp);
                self.send_with_retries(Method::GET, url, HeaderMap::new(), None)
                    .await
            }
            Err(Failure::TimedOut) => {
                self.send_with_retries(Method::GET, url, HeaderMap::new(), None)
                    .await
            }
            Err(failure) => Err(failure),
        }
    }
}

fn retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

pub(crate) fn too_long(status: u16, wait: u64) -> Outcome {
    if status == 429 {
        Outcome::RateLimited { wait: Some(wait) }
    } else {
        Outcome::ServerError { status }
    }
}

/// `Retry-After` in either form: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The next place of a 3xx with a `Location`, resolved against the URL as
/// written (a relative `Location` stays on the written host, not the mock's).
pub(crate) fn redirect_target(resp: &Response, base: &Url) -> Option<Url> {
    if !resp.status().is_redirection() {
        return None;
    }
    let location = resp.headers().get(LOCATION)?.to_str().ok()?;
    base.join(location.trim()).ok()
}

/// The outcome of the last hop's status.
pub(crate) fn final_outcome(status: StatusCode, hops: usize, at: &Url, permanent: bool) -> Outcome {
    let code = status.as_u16();
    let outcome = match code {
        200..=299 => Outcome::Ok,
        401 | 403 | 407 | 451 | 999 => Outcome::Blocked { status: code },
        429 => Outcome::RateLimited { wait: None },
        500..=599 => Outcome::ServerError { status: code },
        300..=399 => Outcome::Broken {
            status: Some(code),
            reason: format!("redirect `{code}` without a usable `Location`"),
        },
        _ => Outcome::Broken {
            status: Some(code),
            reason: format!("`{code}`"),
        },
    };
    match outcome {
        Outcome::Ok if hops > 0 => Outcome::Redirected {
            to: at.to_string(),
            permanent,
        },
        Outcome::Broken { status, reason } if hops > 0 => Outcome::Broken {
            status,
            reason: format!("{reason} after redirects to `{at}`"),
        },
        other => other,
    }
}

/// A failed request, by what failed: the chain of sources names it.
fn classify_error(error: &reqwest::Error) -> Failure {
    if error.is_timeout() {
        return Failure::TimedOut;
    }
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push_str(": ");
        chain.push_str(&inner.to_string());
        source = inner.source();
    }
    let lower = chain.to_lowercase();
    if let Some(at) = lower.find("refused: ") {
        return Failure::Refused(chain[at..].to_owned());
    }
    if lower.contains("timed out") || lower.contains("deadline has elapsed") {
        return Failure::TimedOut;
    }
    let what = if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("corrupt message")
        || lower.contains("invalid content type")
    {
        "TLS failure"
    } else if lower.contains("dns") || lower.contains("lookup") || lower.contains("resolve") {
        "DNS failure"
    } else if lower.contains("connection refused") {
        "connection refused"
    } else {
        "connection failed"
    };
    let cause = last_cause(&chain);
    let cause = if what == "TLS failure" {
        tls_cause(cause)
    } else {
        cause.to_owned()
    };
    Failure::Unreachable(format!("{what}: {cause}"))
}

/// The TLS library's reason in words: `UnknownIssuer` means a certificate
/// no trusted authority signed, self-signed ones among them.
fn tls_cause(cause: &str) -> String {
    let known = [
        (
            "UnknownIssuer",
            "certificate not trusted (unknown issuer; self-signed?)",
        ),
        (
            "CaUsedAsEndEntity",
            "certificate not trusted (a CA certificate used by a server)",
        ),
        ("Expired", "certificate expired"),
        ("NotValidYet", "certificate not valid yet"),
        (
            "NotValidForName",
            "certificate not valid for this host name",
        ),
        ("Revoked", "certificate revoked"),
        ("BadSignature", "certificate signature does not verify"),
    ];
    known
        .iter()
        .find(|(name, _)| cause.contains(name))
        .map_or_else(|| cause.to_owned(), |(_, words)| (*words).to_owned())
}

fn last_cause(chain: &str) -> &str {
    chain.rsplit(": ").next().unwrap_or(chain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_000);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        // 2015-10-21T07:28:00Z is 480 s after `now`.
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(480)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn statuses_are_classified_not_just_failed() {
        let at = Url::parse("https://example.org/x").unwrap();
        let out =
            |code: u16, hops| final_outcome(StatusCode::from_u16(code).unwrap(), hops, &at, true);
        assert_eq!(out(200, 0), Outcome::Ok);
        assert!(matches!(
            out(200, 1),
            Outcome::Redirected {
                permanent: true,
                ..
            }
        ));
        assert!(matches!(
            out(404, 0),
            Outcome::Broken {
                status: Some(404),
                ..
            }
        ));
        assert!(matches!(
            out(410, 2),
            Outcome::Broken {
                status: Some(410),
                ..
            }
        ));
        assert_eq!(out(403, 0), Outcome::Blocked { status: 403 });
        assert_eq!(out(999, 0), Outcome::Blocked { status: 999 });
        assert_eq!(out(429, 0), Outcome::RateLimited { wait: None });
        assert_eq!(out(503, 0), Outcome::ServerError { status: 503 });
    }
}
