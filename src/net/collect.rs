//! The targets of a run: every link of every parsed file, each once.

use std::collections::BTreeSet;

use url::Url;

use super::outcome::Target;
use crate::links::LinkKind;
use crate::model::{Document, Link};

/// What checking `link` means, if anything: arXiv ids and repositories go
/// to their APIs, badge images are not checked, other web URLs are
/// requested.
pub(crate) fn target_of(link: &Link) -> Option<Target> {
    match &link.kind {
        LinkKind::Arxiv(id) => Some(Target::Arxiv(id.id.clone())),
        LinkKind::GitHubRepo(repo) | LinkKind::StarsBadge(repo) => Some(Target::GitHub(repo.key())),
        LinkKind::StaticBadge { .. } => None,
        _ => url_key(&link.url).map(Target::Url),
    }
}

/// A URL normalised for de-duplication: parsed (so the scheme and host are
/// lowercase and the port is dropped when it is the default) and without
/// its fragment, which never reaches the server. The scheme is kept: an
/// `http` link that redirects to `https` is worth reporting.
pub(crate) fn url_key(url: &str) -> Option<String> {
    let mut parsed = Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return None;
    }
    parsed.set_fragment(None);
    Some(parsed.to_string())
}

/// Every target of the documents, each once, in a stable order.
pub(crate) fn targets<'a>(docs: impl IntoIterator<Item = &'a Document>) -> BTreeSet<Target> {
    docs.into_iter()
        .flat_map(|doc| &doc.entries)
        .flat_map(|entry| &entry.links)
        .filter_map(target_of)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_keys_drop_fragments_and_case_but_keep_the_scheme() {
        assert_eq!(
            url_key("HTTPS://Example.ORG:443/Paper#sec").as_deref(),
            Some("https://example.org/Paper")
        );
        assert_eq!(
            url_key("http://example.org/").as_deref(),
            Some("http://example.org/")
        );
        assert_eq!(url_key("mailto:a@b.c"), None);
        assert_eq!(url_key("paper.pdf"), None);
    }
}
