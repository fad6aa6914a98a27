//! `--remap 'REGEX REPLACEMENT'`: send a URL somewhere else, as tests do to
//! put every host on a local mock.

use regex::Regex;

use super::config::ConfigError;

/// One rewrite rule.
#[derive(Debug, Clone)]
pub struct Remap {
    pattern: Regex,
    replacement: String,
    /// `scheme://host[:port]` of the replacement when it names one without
    /// a capture group: a host the user sent traffic to on purpose, so it
    /// may be private.
    origin: Option<String>,
}

impl Remap {
    /// Parses `REGEX REPLACEMENT`, split at the first whitespace.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let (pattern, replacement) = text
            .trim()
            .split_once(char::is_whitespace)
            .ok_or_else(|| ConfigError::RemapShape(text.to_owned()))?;
        let pattern = Regex::new(pattern).map_err(|source| ConfigError::RemapRegex {
            pattern: pattern.to_owned(),
            source,
        })?;
        let replacement = replacement.trim().to_owned();
        Ok(Self {
            origin: literal_origin(&replacement),
            pattern,
            replacement,
        })
    }

    pub(crate) fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }
}

/// The URL to request for `url`: the first remap that matches, else `url`.
pub(crate) fn apply(remaps: &[Remap], url: &str) -> String {
    remaps.iter().find(|r| r.pattern.is_match(url)).map_or_else(
        || url.to_owned(),
        |r| r.pattern.replace(url, r.replacement.as_str()).into_owned(),
    )
}

/// `http://127.0.0.1:8089` from `http://127.0.0.1:8089/$1`.
fn literal_origin(replacement: &str) -> Option<String> {
    let (scheme, rest) = replacement.split_once("://")?;
    let authority = rest.split('/').next()?;
    if authority.is_empty() || authority.contains('$') || scheme.contains('$') {
        return None;
    }
    let url = url::Url::parse(&format!("{scheme}://{authority}/")).ok()?;
    Some(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_matching_remap_rewrites() {
        let remaps = [
            Remap::parse(r"^https://github\.com/(.*) http://127.0.0.1:9/gh/$1").unwrap(),
            Remap::parse(r"^https?://([^/]+)/(.*) http://127.0.0.1:8/$1/$2").unwrap(),
        ];
        assert_eq!(
            apply(&remaps, "https://github.com/a/b"),
            "http://127.0.0.1:9/gh/a/b"
        );
        assert_eq!(
            apply(&remaps, "https://example.org/x"),
            "http://127.0.0.1:8/example.org/x"
        );
        assert_eq!(apply(&remaps, "ftp://x"), "ftp://x");
        assert_eq!(remaps[0].origin(), Some("http://127.0.0.1:9"));
    }

    #[test]
    fn remaps_must_have_two_parts_and_a_valid_regex() {
        assert!(Remap::parse("onlyone").is_err());
        assert!(Remap::parse("(unclosed x").is_err());
        assert_eq!(Remap::parse("a https://$1/x").unwrap().origin(), None);
    }
}
