//! A row with more or fewer cells than the header.

use super::shared::shorten;
use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::model::RowShape;
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "cell-count",
    severity: Severity::Error,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/cell-count.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for table in ctx.doc.tables.iter().filter(|t| t.is_paper) {
        let expected = table.header.len();
        for row in table
            .rows
            .iter()
            .filter(|r| !r.empty && r.cells.len() != expected)
        {
            if !only_comments(ctx, &row.extra) || row.cells.len() < expected {
                out.push(finding(ctx, row, expected));
            }
        }
    }
}

fn finding(ctx: &Context<'_>, row: &RowShape, expected: usize) -> Finding {
    if row.cells.len() > expected {
        let extra = trim(
            ctx,
            Span::new(row.extra[0].start, row.extra[row.extra.len() - 1].end),
        );
        let shown = ctx.source.slice(extra);
        return RULE
            .finding(
                extra,
                format!(
                    "{} cells, header has {expected}; `{}` is not rendered",
                    row.cells.len(),
                    shorten(shown, 40)
                ),
            )
            .label("not shown by GitHub")
            .help("Escape a `|` that belongs in a cell's text as `\\|`, or add a header cell");
    }
    let end = row.span.end;
    let at = ctx
        .source
        .slice(row.span)
        .char_indices()
        .last()
        .map_or(end, |(i, _)| row.span.start + i);
    RULE.finding(
        Span::new(at, end),
        format!("{} cells, expected {expected}", row.cells.len()),
    )
    .severity(Severity::Warning)
    .label("row ends here")
    .help("Add the missing cells, empty if unknown")
}

/// Cells past the header that hold only a note meant to stay hidden:
/// `[//]: # (...)` or `<!-- ... -->`, which is what a reader sees too.
fn only_comments(ctx: &Context<'_>, extra: &[Span]) -> bool {
    !extra.is_empty()
        && extra.iter().all(|&span| {
            let text = ctx.source.slice(span).trim();
            text.is_empty()
                || text.starts_with("[//]:")
                || (text.starts_with("<!--") && text.ends_with("-->"))
        })
}

fn trim(ctx: &Context<'_>, span: Span) -> Span {
    let raw = ctx.source.slice(span);
    let lead = raw.len() - raw.trim_start().len();
    Span::new(
        span.start + lead,
        span.start + raw.trim_end().len().max(lead),
    )
}
