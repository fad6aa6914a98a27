//! One paper link used by rows whose titles name different papers.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::shared::{foreign_arxiv_ids, shorten, title_words, titles_differ};
use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::model::{Document, Link};
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "paper-link-mismatch",
    severity: Severity::Error,
    fix: FixKind::Unsafe,
    online: false,
    doc: include_str!("../../rules/paper-link-mismatch.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let before = out.len();
    shared_links(ctx, out);
    let reported: HashSet<Span> = out[before..].iter().map(|f| f.span).collect();
    for entry in &ctx.doc.entries {
        for (link, id, real) in foreign_arxiv_ids(ctx.net, entry) {
            if reported.contains(&link.url_span) {
                continue;
            }
            out.push(
                RULE.finding(
                    link.url_span,
                    format!("arXiv titles `{}` as `{real}`", id.id),
                )
                .label("this row's title names another paper")
                .help("Check which is wrong: the arXiv id or the title"),
            );
        }
    }
}

/// Offline: one link shared by rows of different titles.
fn shared_links(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // Built only when a finding needs it: most lists share no links.
    let by_title = std::cell::OnceCell::new();
    for shared in ctx.shared_papers() {
        let (first_index, first_link) = shared.members[0];
        let first = &ctx.doc.entries[first_index];
        for &(index, link) in &shared.members[1..] {
            let entry = &ctx.doc.entries[index];
            if !titles_differ(first, entry) {
                continue;
            }
            let first_title = first.title.as_ref().map_or("", |t| t.text.as_str());
            let message = if first.name.is_none() {
                format!(
                    "`{}` is also the link of `{}`",
                    shared.shown,
                    shorten(first_title, 80)
                )
            } else {
                format!(
                    "`{}` is also the paper of `{}`, titled `{}`",
                    shared.shown,
                    first.label(),
                    shorten(first_title, 80)
                )
            };
            let mut finding = RULE
                .finding(link.url_span, message)
                .label("this row's title names another paper")
                .related(first_link.url_span, "the same link here");
            let title = entry
                .title
                .as_ref()
                .map(|t| t.text.as_str())
                .unwrap_or_default();
            let elsewhere = by_title
                .get_or_init(|| paper_links_by_title(ctx.doc))
                .get(&title_words(title).join(" "))
                .and_then(|links| links.iter().find(|l| names_another_paper(l, link)));
            finding = match elsewhere {
                Some(other) => finding.fix(Fix::unsafe_(
                    format!(
                        "Use `{}`, the link of another row with this title",
                        other.url
                    ),
                    Fix::replace(link.url_span, other.url.clone()),
                )),
                _ => finding.help("Check which row's paper link is wrong"),
            };
            out.push(finding);
        }
    }
}

fn names_another_paper(candidate: &Link, link: &Link) -> bool {
    candidate.url != link.url
        && (candidate.arxiv().map(|a| &a.id) != link.arxiv().map(|a| &a.id)
            || link.arxiv().is_none())
}

/// Paper links by the normalised title of their row, for a row whose link
/// is wrong but whose paper another row links correctly.
fn paper_links_by_title(doc: &Document) -> FxHashMap<String, Vec<&Link>> {
    let mut map: FxHashMap<String, Vec<&Link>> = FxHashMap::default();
    for entry in &doc.entries {
        if let Some(title) = &entry.title {
            let key = title_words(&title.text).join(" ");
            map.entry(key).or_default().extend(entry.paper_links());
        }
    }
    map
}
