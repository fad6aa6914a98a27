//! The same paper listed twice in one table.

use super::shared::titles_differ;
use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "duplicate-arxiv-id",
    severity: Severity::Warning,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/duplicate-arxiv-id.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for shared in ctx.shared_papers() {
        let (first_index, first_link) = shared.members[0];
        let first = &ctx.doc.entries[first_index];
        for &(index, link) in &shared.members[1..] {
            let entry = &ctx.doc.entries[index];
            // Two titles for one link is a wrong link, which
            // `paper-link-mismatch` reports.
            if titles_differ(first, entry) || entry.results {
                continue;
            }
            out.push(
                RULE.finding(
                    link.url_span,
                    format!(
                        "`{}` is listed again: `{}` has the same paper",
                        shared.shown,
                        first.label()
                    ),
                )
                .label("duplicate")
                .related(first_link.url_span, "first listed here")
                .help("Merge the rows, or suppress this finding if both are meant"),
            );
        }
    }
}
