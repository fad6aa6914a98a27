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

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let links = ctx.doc.entries.iter().flat_map(|e| &e.links);
    for link in links.filter(|l| !l.image) {
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
