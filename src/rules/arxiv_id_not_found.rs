//! An arXiv id that arXiv does not know.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::net::{Outcome, Target};

pub(crate) static RULE: Rule = Rule {
    name: "arxiv-id-not-found",
    severity: Severity::Error,
    fix: FixKind::None,
    online: true,
    doc: include_str!("../../rules/arxiv-id-not-found.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(net) = ctx.net else { return };
    for entry in &ctx.doc.entries {
        for (link, id) in entry.arxiv_ids() {
            let Some(checked) = net.get(&Target::Arxiv(id.id.clone())) else {
                continue;
            };
            if matches!(checked.outcome, Outcome::Broken { .. }) {
                out.push(
                    RULE.finding(
                        link.url_span,
                        format!("arXiv has no paper with the id `{}`", id.id),
                    )
                    .label("this id")
                    .help("Look the paper up on arXiv and copy its id"),
                );
            }
        }
    }
}
