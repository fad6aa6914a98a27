//! A reference-style link whose label is defined nowhere.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "undefined-reference",
    severity: Severity::Error,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/undefined-reference.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for reference in &ctx.doc.undefined_references {
        out.push(
            RULE.finding(
                reference.span,
                format!("link reference `[{}]` is not defined", reference.label),
            )
            .label("rendered as plain text")
            .help(format!(
                "Add a definition `[{}]: URL` below the table",
                reference.label
            )),
        );
    }
}
