//! GitHub metadata through the REST API, one request per distinct
//! repository (a repository linted from 40 rows costs one). The API
//! answers a renamed repository with a redirect to `/repositories/ID`, a
//! missing one with 404, and tells its rate limit in headers.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::{Method, Response};
use url::Url;

use super::http::{Answer, Http, final_outcome, redirect_target, too_long};
use super::outcome::{Checked, Outcome, Repo};

/// The API's rate limit as this run has seen it.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// Spent until after the cap: the rest of the run asks nothing more.
    spent: AtomicBool,
    /// Spent until this time, which is soon enough to wait for.
    until: Mutex<Option<SystemTime>>,
}

impl Budget {
    pub(crate) fn is_spent(&self) -> bool {
        self.spent.load(Ordering::Relaxed)
    }

    /// Reads `x-ratelimit-remaining` and `x-ratelimit-reset`; true when the
    /// budget is now empty.
    fn observe(&self, headers: &HeaderMap, cap: Duration) -> bool {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        if number("x-ratelimit-remaining") != Some(0) {
            return false;
        }
        let reset = number("x-ratelimit-reset").map(|s| UNIX_EPOCH + Duration::from_secs(s));
        let wait = reset.and_then(|r| r.duration_since(SystemTime::now()).ok());
        match (reset, wait) {
            (Some(reset), Some(wait)) if wait <= cap => {
                *self.until.lock().expect("no panic while holding the lock") = Some(reset);
            }
            (Some(_), None) => {}
            _ => self.spent.store(true, Ordering::Relaxed),
        }
        true
    }

    async fn wait_for_reset(&self) {
        let until = self
            .until
            .lock()
            .expect("no panic while holding the lock")
            .take();
        if let Some(wait) = until.and_then(|u| u.duration_since(SystemTime::now()).ok()) {
            log::debug!("GitHub rate limit: waiting {wait:?} for the reset");
            tokio::time::sleep(wait).await;
        }
    }
}

pub(crate) const SPENT: &str = "the GitHub API rate limit is spent";

/// Checks one repository, `owner/repo` lowercased.
pub(crate) async fn check_repo(http: &Http, budget: &Budget, key: &str) -> Checked {
    let api = &http.config.github_api;
    let Ok(mut url) = Url::parse(&format!("{api}/repos/{key}")) else {
        return Checked::unchecked("the GitHub API URL is not a URL");
    };
    let api_origin = Url::parse(api).map(|u| u.origin());
    let mut limited_once = false;
    for _ in 0..=http.config.max_redirects {
        if budget.is_spent() {
            return Checked::unchecked(SPENT);
        }
        budget.wait_for_reset().await;
        let same_host = api_origin.as_ref().is_ok_and(|o| *o == url.origin());
        let resp = match http
            .send_with_retries(
                Method::GET,
                &url,
                headers(http, same_host),
                Some(&budget.spent),
            )
            .await
        {
            Ok(Answer::Response(resp)) => resp,
            Ok(Answer::TooLong { status, wait }) => return Checked::new(too_long(status, wait)),
            Err(failure) => return Checked::new(failure.into_outcome()),
        };
        let empty = budget.observe(resp.headers(), http.config.max_retry_wait);
        let status = resp.status().as_u16();
        if empty && matches!(status, 403 | 429) {
            if !limited_once && !budget.is_spent() {
                limited_once = true;
                continue;
            }
            return Checked::unchecked(SPENT);
        }
        if let Some(next) = redirect_target(&resp, &url) {
            url = next;
            continue;
        }
        return match status {
            200 => found(resp, key).await,
            404 | 410 => Checked::new(Outcome::Broken {
                status: Some(status),
                reason: "GitHub has no repository by this name".to_owned(),
            }),
            _ => Checked::new(final_outcome(resp.status(), 0, &url, false)),
        };
    }
    Checked::new(Outcome::TooManyRedirects {
        last: url.to_string(),
    })
}

/// The token goes to the API host only: never to a host a redirect points
/// at, never to a plain link.
fn headers(http: &Http, same_host: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        ACCEPT,
        HeaderValue::from_static("application/vnd.github+json"),
    );
    if same_host
        && let Some(token) = &http.config.github_token
        && let Ok(mut value) = HeaderValue::from_str(&format!("Bearer {token}"))
    {
        value.set_sensitive(true);
        headers.insert(AUTHORIZATION, value);
    }
    headers
}

async fn found(resp: Response, key: &str) -> Checked {
    #[derive(serde::Deserialize)]
    struct Body {
        full_name: String,
        #[serde(default)]
        archived: bool,
    }
    let body: Body = match resp.text().await.map(|t| serde_json::from_str(&t)) {
        Ok(Ok(body)) => body,
        _ => return Checked::unchecked("the GitHub API's answer is not a repository"),
    };
    let outcome = if body.full_name.to_lowercase() == key {
        Outcome::Ok
    } else {
        Outcome::Redirected {
            to: format!("https://github.com/{}", body.full_name),
            permanent: true,
        }
    };
    Checked {
        repo: Some(Repo {
            full_name: body.full_name,
            archived: body.archived,
        }),
        ..Checked::new(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_budget_with_a_far_reset_is_spent() {
        let budget = Budget::default();
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("5"));
        assert!(!budget.observe(&headers, Duration::from_secs(60)));
        let far = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 3600;
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        headers.insert("x-ratelimit-reset", HeaderValue::from(far));
        assert!(budget.observe(&headers, Duration::from_secs(60)));
        assert!(budget.is_spent());
    }

    #[test]
    fn an_empty_budget_with_a_near_reset_is_waited_for() {
        let budget = Budget::default();
        let near = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 2;
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        headers.insert("x-ratelimit-reset", HeaderValue::from(near));
        assert!(budget.observe(&headers, Duration::from_secs(60)));
        assert!(!budget.is_spent());
        assert!(budget.until.lock().unwrap().is_some());
    }
}
