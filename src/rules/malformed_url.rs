//! URLs that cannot work as written.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::links::url_problems;

pub(crate) static RULE: Rule = Rule {
    name: "malformed-url",
    severity: Severity::Error,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/malformed-url.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        let Some(problem) = url_problems(&link.url).into_iter().next() else {
            continue;
        };
        // An empty target has no bytes to underline: point at the link.
        let span = if link.url_span.is_empty() {
            link.span
        } else {
            link.url_span
        };
        let mut finding = RULE.finding(span, problem.message).label("this URL");
        // The edit replaces the URL's bytes, so they must be the URL exactly
        // as parsed (not, say, a destination written with escapes).
        let exact = ctx.source.slice(link.url_span) == link.url;
        finding = match problem.fixed {
            Some(fixed) if exact => finding.fix(Fix::safe(
                format!("Use `{fixed}`"),
                Fix::replace(link.url_span, fixed),
            )),
            _ => match problem.suggestion {
                Some(hint) => finding.help(capitalise(&hint)),
                None => finding,
            },
        };
        out.push(finding);
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
