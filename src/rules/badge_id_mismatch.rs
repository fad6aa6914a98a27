//! An arXiv badge whose label names another id than its link.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::links::LinkKind;
use crate::model::{Entry, Link};

pub(crate) static RULE: Rule = Rule {
    name: "badge-id-mismatch",
    severity: Severity::Error,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/badge-id-mismatch.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for entry in &ctx.doc.entries {
        for badge in entry.links.iter().filter(|l| l.image) {
            if let Some(finding) = mismatch(ctx, entry, badge) {
                out.push(finding);
            }
        }
    }
}

fn mismatch(ctx: &Context<'_>, entry: &Entry, badge: &Link) -> Option<Finding> {
    let LinkKind::StaticBadge { label, message } = &badge.kind else {
        return None;
    };
    if !label.eq_ignore_ascii_case("arxiv") {
        return None;
    }
    let shown = message.split_whitespace().next()?;
    let target = entry.links.get(badge.parent?)?.arxiv()?;
    if !looks_like_id(shown) || shown == target.id {
        return None;
    }
    let mut finding = RULE
        .finding(
            badge.url_span,
            format!("badge says arXiv `{shown}` but links to `{}`", target.id),
        )
        .label("this badge")
        .related(entry.links[badge.parent?].url_span, "the link");
    if let Some(at) = badge
        .url
        .find(shown)
        .filter(|_| badge.written_as_parsed(ctx.source))
    {
        let span = badge.url_span.sub(at, at + shown.len());
        finding = finding.fix(Fix::safe(
            format!("Label the badge `{}`", target.id),
            Fix::replace(span, target.id.clone()),
        ));
    }
    Some(finding)
}

fn looks_like_id(text: &str) -> bool {
    let (yymm, number) = text.split_once('.').unwrap_or(("", ""));
    yymm.len() == 4
        && yymm.bytes().all(|b| b.is_ascii_digit())
        && (4..=5).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
}
