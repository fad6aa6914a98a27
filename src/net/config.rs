//! The online flags and the settings they become.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::remap::Remap;

/// The flags of the network phase, flattened into `paperlint lint`.
#[derive(Debug, Clone, Args)]
pub struct OnlineArgs {
    /// Check links, arXiv ids and GitHub repositories over the network.
    #[arg(long)]
    pub online: bool,
    /// The arXiv API base URL.
    #[arg(long, value_name = "URL", default_value = "https://export.arxiv.org")]
    pub arxiv_api: String,
    /// The GitHub API base URL; the only host a token is sent to.
    #[arg(long, value_name = "URL", default_value = "https://api.github.com")]
    pub github_api: String,
    /// Rewrite checked URLs: 'REGEX REPLACEMENT' (repeatable). Hosts a
    /// replacement names may be private.
    #[arg(long, value_name = "'REGEX REPLACEMENT'")]
    pub remap: Vec<String>,
    /// Allow targets in private, loopback and link-local ranges.
    #[arg(long)]
    pub allow_private: bool,
    /// Requests in flight at once, overall.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub max_concurrency: usize,
    /// Requests in flight at once to one host.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_per_host: usize,
    /// Seconds one request may take.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Seconds the whole network phase may take; what is left is unchecked.
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    pub deadline: f64,
    /// Retries after 429, 5xx and timeouts.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,
    /// The longest `Retry-After` honoured, in seconds; longer is reported
    /// as rate-limited.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub max_retry_wait: f64,
    /// Seconds between two arXiv API requests (arXiv asks for 3).
    #[arg(long, value_name = "SECS", default_value_t = 3.0)]
    pub arxiv_interval: f64,
    /// arXiv ids per API request.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub arxiv_batch: usize,
    /// The cache file.
    #[arg(
        long,
        value_name = "PATH",
        default_value = ".paperlint-cache/online.json"
    )]
    pub cache: PathBuf,
    /// Neither read nor write the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// How long a good result is trusted, e.g. `3600`, `90m`, `12h`, `7d`.
    #[arg(long, value_name = "AGE", default_value = "1d", value_parser = parse_age)]
    pub cache_age: Duration,
    /// Report a link broken only after it failed on this many runs in a row
    /// (counted in the cache).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub fail_after: u32,
}

/// Everything the network phase needs, whichever way it was configured.
#[derive(Debug, Clone)]
pub struct NetConfig {
    pub arxiv_api: String,
    pub github_api: String,
    pub remaps: Vec<Remap>,
    pub allow_private: bool,
    pub max_concurrency: usize,
    pub max_per_host: usize,
    pub timeout: Duration,
    pub deadline: Duration,
    pub retries: u32,
    pub max_retry_wait: Duration,
    /// The first wait before a retry without `Retry-After`; doubled each time.
    pub backoff: Duration,
    pub max_redirects: usize,
    pub arxiv_interval: Duration,
    pub arxiv_batch: usize,
    pub cache: Option<PathBuf>,
    pub cache_age: Duration,
    pub fail_after: u32,
    /// Sent to the GitHub API host only.
    pub github_token: Option<String>,
    pub progress: bool,
}

/// A setting that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    #[error("`--remap {0}` is not `REGEX REPLACEMENT`")]
    #[diagnostic(
        code(paperlint::usage),
        help("Write the pattern and its replacement separated by a space")
    )]
    RemapShape(String),
    #[error("`--remap` pattern `{pattern}` is not a valid regex")]
    #[diagnostic(code(paperlint::usage))]
    RemapRegex {
        pattern: String,
        #[source]
        source: regex::Error,
    },
    #[error("`{0}` is not an http or https URL")]
    #[diagnostic(code(paperlint::usage))]
    Endpoint(String),
}

impl NetConfig {
    /// The settings from the flags; the token comes from `GITHUB_TOKEN` or
    /// `GH_TOKEN`.
    pub fn from_args(args: &OnlineArgs, quiet: bool) -> Result<Self, ConfigError> {
        let remaps = args
            .remap
            .iter()
            .map(|r| Remap::parse(r))
            .collect::<Result<Vec<_>, _>>()?;
        for endpoint in [&args.arxiv_api, &args.github_api] {
            if !endpoint.starts_with("http://") && !endpoint.starts_with("https://") {
                return Err(ConfigError::Endpoint(endpoint.clone()));
            }
        }
        let token = ["GITHUB_TOKEN", "GH_TOKEN"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|t| !t.trim().is_empty());
        Ok(Self {
            arxiv_api: args.arxiv_api.trim_end_matches('/').to_owned(),
            github_api: args.github_api.trim_end_matches('/').to_owned(),
            remaps,
            allow_private: args.allow_private,
            max_concurrency: args.max_concurrency.max(1),
            max_per_host: args.max_per_host.max(1),
            timeout: seconds(args.timeout),
            deadline: seconds(args.deadline),
            retries: args.retries,
            max_retry_wait: seconds(args.max_retry_wait),
            backoff: Duration::from_millis(500),
            max_redirects: 10,
            arxiv_interval: seconds(args.arxiv_interval),
            arxiv_batch: args.arxiv_batch.clamp(1, 2000),
            cache: (!args.no_cache).then(|| args.cache.clone()),
            cache_age: args.cache_age,
            fail_after: args.fail_after.max(1),
            github_token: token,
            progress: !quiet && progress_wanted(),
        })
    }
}

/// A progress bar only for a person watching: stderr is a terminal and
/// this is not CI.
fn progress_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

fn seconds(value: f64) -> Duration {
    Duration::try_from_secs_f64(value.max(0.0)).unwrap_or(Duration::MAX)
}

/// `3600`, `90s`, `90m`, `12h`, `7d`.
pub(crate) fn parse_age(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not an age such as `3600`, `90m`, `12h` or `7d`"))?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{text}`; use s, m, h or d"
            ));
        }
    };
    Ok(Duration::from_secs(n.saturating_mul(factor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_take_units() {
        assert_eq!(parse_age("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_age("90m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_age("2d").unwrap(), Duration::from_secs(172_800));
        assert!(parse_age("2w").is_err());
        assert!(parse_age("soon").is_err());
    }
}
