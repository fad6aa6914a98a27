//! DOI links through the old `dx.doi.org` resolver or plain `http`.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "doi-url-style",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/doi-url-style.md"),
    check,
};

/// A resolver address and the path after it, kept as written.
static RESOLVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(https?)://((?:dx\.|www\.)?doi\.org)(/.*)$")
        .expect("the resolver pattern is valid")
});

/// Whether `doi.org` is where [`RESOLVER`] could find it, within the
/// first bytes (`https://www.doi.org`): a test that spares the regex on
/// every other link.
fn may_be_resolver(url: &str) -> bool {
    let head = &url.as_bytes()[..url.len().min(20)];
    head.windows(7).any(|w| w.eq_ignore_ascii_case(b"doi.org"))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let links = ctx.doc.entries.iter().flat_map(|e| &e.links);
    for link in links.filter(|l| !l.image && may_be_resolver(&l.url)) {
        let Some(caps) = RESOLVER.captures(&link.url) else {
            continue;
        };
        let (scheme, host, path) = (&caps[1], &caps[2], &caps[3]);
        if scheme == "https" && host == "doi.org" {
            continue;
        }
        let wanted = format!("https://doi.org{path}");
        let finding = RULE
            .finding(
                link.url_span,
                format!("DOI link goes through `{scheme}://{host}`"),
            )
            .label("this link");
        let exact = link.written_as_parsed(ctx.source);
        out.push(if exact {
            finding.fix(Fix::safe(
                format!("Use `{wanted}`"),
                Fix::replace(link.url_span, wanted),
            ))
        } else {
            finding.help(format!("Use `{wanted}`"))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{RESOLVER, may_be_resolver};

    proptest::proptest! {
        /// The shortcut never skips a link the regex would match.
        #[test]
        fn every_resolver_link_passes_the_shortcut(
            url in "(?i)https?://(dx\\.|www\\.)?doi\\.org/[a-z0-9./]{0,10}"
        ) {
            proptest::prop_assert!(RESOLVER.is_match(&url));
            proptest::prop_assert!(may_be_resolver(&url));
        }
    }

    #[test]
    fn other_links_are_skipped() {
        assert!(!may_be_resolver("https://arxiv.org/abs/2004.05150"));
        assert!(!may_be_resolver("https://example.org/doi.org/x"));
    }
}
