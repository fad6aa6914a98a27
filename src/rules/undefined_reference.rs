//! A reference-style link whose label is defined nowhere.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "undefined-reference",
    severity: Severity::Error,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/undefined-reference.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // Only in tables: in prose, `[2025-03][OOPSLA 2025]` is a date and a
    // venue in brackets far more often than a broken link.
    let in_table = |span: Span| {
        ctx.doc
            .tables
            .iter()
            .any(|t| t.span.start <= span.start && span.end <= t.span.end)
    };
    let undefined = ctx.doc.undefined_references.iter();
    for reference in undefined.filter(|r| in_table(r.span)) {
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
