//! URLs that cannot work as written.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::links::UrlProblem;
use crate::model::Link;

pub(crate) static RULE: Rule = Rule {
    name: "malformed-url",
    severity: Severity::Error,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/malformed-url.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for entry in &ctx.doc.entries {
        for (index, link) in entry.links.iter().enumerate() {
            // `[![ICLR'22](badge)]()`: a badge used as a label, linking
            // nowhere on purpose.
            let labels_a_badge = entry.links.iter().any(|l| l.parent == Some(index));
            if link.url.is_empty() && labels_a_badge {
                continue;
            }
            if let Some(problem) = &link.problem {
                out.push(finding(ctx, link, (**problem).clone()));
            }
        }
    }
}

fn finding(ctx: &Context<'_>, link: &Link, problem: UrlProblem) -> Finding {
    // An empty target has no bytes to underline: point at the link.
    let span = if link.url_span.is_empty() {
        link.span
    } else {
        link.url_span
    };
    let mut finding = RULE.finding(span, problem.message).label("this URL");
    // The edit replaces the URL's bytes, so they must be the URL exactly
    // as parsed (not, say, a destination written with escapes).
    let exact = link.written_as_parsed(ctx.source);
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
    finding
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
