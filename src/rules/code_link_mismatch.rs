//! A code link that plainly belongs to another row.

use super::shared::owner_row;
use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "code-link-mismatch",
    severity: Severity::Warning,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/code-link-mismatch.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let names = ctx.rows_by_name();
    for (index, entry) in ctx.doc.entries.iter().enumerate() {
        // A stars badge that disagrees with the link is reported by
        // `badge-repo-mismatch`, which names the owning row too.
        let badge_disagrees = entry
            .stars_badges()
            .any(|(_, b)| entry.code_repos().all(|(_, r)| !r.same_as(b)));
        if badge_disagrees {
            continue;
        }
        for (link, repo) in entry.code_repos() {
            let Some(other) = owner_row(ctx.doc, names, index, &repo.repo) else {
                continue;
            };
            let owner = &ctx.doc.entries[other];
            out.push(
                RULE.finding(
                    link.url_span,
                    format!(
                        "code link `{}` is the repository of `{}`, not of `{}`",
                        repo.full_name(),
                        owner.label(),
                        entry.label()
                    ),
                )
                .label("this link")
                .related(
                    owner.name.as_ref().map_or(owner.span, |n| n.span),
                    format!("`{}` is here", owner.label()),
                )
                .help("Link this row's own code, or remove the link"),
            );
        }
    }
}
