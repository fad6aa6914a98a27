//! A table row with nothing in it.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "empty-row",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/empty-row.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for row in ctx
        .doc
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.empty)
    {
        out.push(
            RULE.finding(
                row.cells.first().copied().unwrap_or(row.span),
                "empty table row",
            )
            .label("this row")
            .fix(Fix::safe(
                "Remove the row",
                Fix::replace(whole_line(ctx, row.span), ""),
            )),
        );
    }
}

/// The row's line with its container prefix (`> `, indentation) and its
/// line ending, so that removing it leaves no blank line in the table.
fn whole_line(ctx: &Context<'_>, row: Span) -> Span {
    let line = ctx.source.line_span(row.start);
    let text = ctx.source.text();
    let end = if text[line.end..].starts_with("\r\n") {
        line.end + 2
    } else if text[line.end..].starts_with('\n') {
        line.end + 1
    } else {
        line.end
    };
    Span::new(line.start, end)
}
