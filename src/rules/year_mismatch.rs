//! A year cell that the row's own evidence contradicts.

use super::shared::{arxiv_paper, entries_with_foreign_paper, foreign_arxiv_ids};
use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::links::ArxivId;
use crate::model::{Entry, Year};

pub(crate) static RULE: Rule = Rule {
    name: "year-mismatch",
    severity: Severity::Error,
    fix: FixKind::Unsafe,
    online: false,
    doc: include_str!("../../rules/year-mismatch.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let foreign = entries_with_foreign_paper(ctx.doc, ctx.shared_papers());
    let tolerance = ctx.settings.year_tolerance;
    for (index, entry) in ctx.doc.entries.iter().enumerate() {
        let Some(year) = entry.year else { continue };
        // A wrong paper link is reported once, by `paper-link-mismatch`.
        let preprint = if foreign.contains(&index) || !foreign_arxiv_ids(ctx.net, entry).is_empty()
        {
            None
        } else {
            earliest_preprint(entry).map(|id| submitted(ctx, id))
        };
        let dated = is_full_date(ctx.source.text(), year);
        if let Some(finding) = judge(entry, (year, dated), preprint.as_ref(), tolerance) {
            out.push(finding);
        }
    }
}

/// The preprint with arXiv's own submission date when online: it is the
/// first version's, where the id's month can be a late-December
/// submission's January.
fn submitted(ctx: &Context<'_>, id: &ArxivId) -> ArxivId {
    let mut id = id.clone();
    if let Some(paper) = arxiv_paper(ctx.net, &id.id) {
        id.year = paper.year;
        // Known date: no January leniency is needed.
        id.month = paper.month.max(2);
    }
    id
}

fn earliest_preprint(entry: &Entry) -> Option<&ArxivId> {
    entry
        .arxiv_ids()
        .into_iter()
        .map(|(_, id)| id)
        .min_by_key(|id| (id.year, id.month))
}

/// The year is checked against a window: not before the preprint (a
/// January id may carry the previous year, from a late-December
/// submission), not after the venue, and not far after the preprint when no
/// venue explains the gap.
fn judge(
    entry: &Entry,
    (year, dated): (Year, bool),
    preprint: Option<&ArxivId>,
    tolerance: u16,
) -> Option<Finding> {
    let y = year.value;
    let venues: Vec<&Year> = entry
        .venue_years
        .iter()
        .filter(|v| preprint.is_none_or(|p| v.value >= p.year))
        .collect();
    if let Some(p) = preprint {
        let earliest = if p.month == 1 { p.year - 1 } else { p.year };
        if y < earliest {
            return Some(before_preprint(year, p));
        }
    }
    if venues.iter().any(|v| v.value == y) {
        return None;
    }
    if let Some(latest) = venues.iter().max_by_key(|v| v.value)
        && y > latest.value
    {
        // Proceedings of a December conference often appear the next year,
        // so a full date one year after the venue is what the list means.
        return match y - latest.value {
            1 if dated => None,
            1 => Some(after_venue(year, latest).severity(Severity::Warning)),
            _ => Some(after_venue(year, latest)),
        };
    }
    match preprint {
        Some(p) if venues.is_empty() && y > p.year + tolerance => Some(
            RULE.finding(
                year.span,
                format!(
                    "year `{y}` is {} years after the preprint `{}` ({}) and no venue explains it",
                    y - p.year,
                    p.id,
                    p.year
                ),
            )
            .severity(Severity::Warning)
            .label("this year")
            .help(format!(
                "Use the preprint's year `{}`, or add the venue",
                p.year
            )),
        ),
        _ => None,
    }
}

/// Whether the year cell holds a date with a month (`2020-02`, `2020.02`).
fn is_full_date(text: &str, year: Year) -> bool {
    let mut rest = text[year.span.end..].chars();
    matches!(rest.next(), Some('-' | '.' | '/')) && rest.next().is_some_and(|c| c.is_ascii_digit())
}

fn before_preprint(year: Year, p: &ArxivId) -> Finding {
    RULE.finding(
        year.span,
        format!(
            "year `{}` is before the preprint `{}` was submitted ({})",
            year.value, p.id, p.year
        ),
    )
    .label("this year")
    .fix(Fix::unsafe_(
        format!("Set the year to `{}`", p.year),
        Fix::replace(year.span, p.year.to_string()),
    ))
}

fn after_venue(year: Year, venue: &Year) -> Finding {
    RULE.finding(
        year.span,
        format!(
            "year `{}` is after the venue's year `{}`",
            year.value, venue.value
        ),
    )
    .label("this year")
    .related(venue.span, "the venue's year")
    .fix(Fix::unsafe_(
        format!("Set the year to `{}`", venue.value),
        Fix::replace(year.span, venue.value.to_string()),
    ))
}
