//! An arXiv link whose id cannot exist.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::links::LinkKind;

pub(crate) static RULE: Rule = Rule {
    name: "arxiv-id-invalid",
    severity: Severity::Error,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/arxiv-id-invalid.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        if let LinkKind::ArxivInvalid { raw } = &link.kind {
            out.push(
                RULE.finding(link.url_span, format!("`{raw}` is not an arXiv identifier"))
                    .label("this id")
                    .help("arXiv ids are `YYMM.NNNNN` or, before April 2007, `archive/YYMMNNN`"),
            );
        }
    }
}
