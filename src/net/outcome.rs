//! What a check found, as values the rules and the cache share.

use serde::{Deserialize, Serialize};

/// One thing to check, de-duplicated across every file of a run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// A web URL, normalised (see [`crate::net::target_of`]).
    Url(String),
    /// An arXiv id without version, as [`crate::links::ArxivId`] holds it.
    Arxiv(String),
    /// A GitHub repository, `owner/repo` lowercased.
    GitHub(String),
}

impl Target {
    /// The key under which the cache stores the target's result.
    pub fn key(&self) -> String {
        match self {
            Target::Url(url) => format!("url:{url}"),
            Target::Arxiv(id) => format!("arxiv:{id}"),
            Target::GitHub(repo) => format!("github:{repo}"),
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Target> {
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "url" => Some(Target::Url(rest.to_owned())),
            "arxiv" => Some(Target::Arxiv(rest.to_owned())),
            "github" => Some(Target::GitHub(rest.to_owned())),
            _ => None,
        }
    }
}

/// How a target answered. Never an error: every answer is a finding's
/// material, or nothing to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// It answered with success where it was asked.
    Ok,
    /// It answered with success after redirects; `to` is the final place.
    Redirected { to: String, permanent: bool },
    /// It does not exist: 404, 410, an unknown id, a host that does not
    /// resolve, a certificate that does not verify.
    Broken { status: Option<u16>, reason: String },
    /// It refused automated access (401, 403, 999, ...).
    Blocked { status: u16 },
    /// Still 429 after the retries, or asked to wait longer than the cap.
    RateLimited { wait: Option<u64> },
    /// No answer within the timeout, retries included.
    TimedOut,
    /// Still 5xx after the retries.
    ServerError { status: u16 },
    /// Redirects that come back to a place already visited.
    RedirectLoop { at: String },
    /// More redirects than the limit.
    TooManyRedirects { last: String },
    /// Not checked: a private address, a spent rate limit, the deadline.
    Unchecked { why: String },
}

impl Outcome {
    /// Whether the result stays true for a while and may be served from the
    /// cache. Failures are asked again on every run, so that one run's
    /// failure can be counted against the next.
    pub(crate) fn is_lasting(&self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Redirected { .. })
    }
}

/// What arXiv says about a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub title: String,
    /// The first version's submission date, `YYYY-MM-DD`.
    pub published: String,
    pub year: u16,
    pub month: u8,
}

/// What GitHub says about a repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repo {
    /// `owner/repo` in GitHub's own spelling, after any rename.
    pub full_name: String,
    pub archived: bool,
}

/// The result of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<Repo>,
    /// Runs in a row on which the target was broken, this one included.
    #[serde(default)]
    pub failed_runs: u32,
}

impl Checked {
    pub(crate) fn new(outcome: Outcome) -> Self {
        Self {
            outcome,
            paper: None,
            repo: None,
            failed_runs: 0,
        }
    }

    pub(crate) fn unchecked(why: impl Into<String>) -> Self {
        Self::new(Outcome::Unchecked { why: why.into() })
    }
}
