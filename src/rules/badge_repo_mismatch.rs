//! A stars badge that counts another repository's stars than the code link.

use super::shared::{canonical_repo, owner_row, repo_is_named, repo_path_span};
use super::{Context, FixKind, Rule};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::links::RepoRef;
use crate::model::{Entry, Link};
use crate::source::Source;

pub(crate) static RULE: Rule = Rule {
    name: "badge-repo-mismatch",
    severity: Severity::Error,
    fix: FixKind::Mixed,
    online: false,
    doc: include_str!("../../rules/badge-repo-mismatch.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let names = ctx.rows_by_name();
    for (index, entry) in ctx.doc.entries.iter().enumerate() {
        let Some((code, code_repo)) = entry.code_repos().next() else {
            continue;
        };
        for (badge, badge_repo) in entry.stars_badges() {
            // Online, two names of one renamed repository are
            // `redirected-link`'s: the fix is the rename, not a repoint.
            if entry.code_repos().any(|(_, r)| r.same_as(badge_repo)) {
                continue;
            }
            if ctx.net.is_some() {
                let badge_is = canonical_repo(ctx.net, &badge_repo.key());
                if entry
                    .code_repos()
                    .any(|(_, r)| canonical_repo(ctx.net, &r.key()) == badge_is)
                {
                    continue;
                }
            }
            let mut finding = RULE
                .finding(
                    badge.url_span,
                    format!(
                        "stars badge names `{}` but the code link is `{}`",
                        badge_repo.full_name(),
                        code_repo.full_name()
                    ),
                )
                .label("this badge")
                .related(code.url_span, "the code link");
            if let Some(other) = owner_row(ctx.doc, names, index, &code_repo.repo) {
                let owner = &ctx.doc.entries[other];
                finding = finding.related(
                    owner.name.as_ref().map_or(owner.span, |n| n.span),
                    format!(
                        "`{}` is the repository of `{}`",
                        code_repo.full_name(),
                        owner.label()
                    ),
                );
            }
            out.push(with_fix(
                ctx.source,
                finding,
                entry,
                (code, code_repo),
                (badge, badge_repo),
            ));
        }
    }
}

/// The side that carries the row's name is right; with no such side the
/// row alone cannot say which one to keep.
fn with_fix(
    source: &Source,
    finding: Finding,
    entry: &Entry,
    (code, code_repo): (&Link, &RepoRef),
    (badge, badge_repo): (&Link, &RepoRef),
) -> Finding {
    let name = entry.name.as_ref().map_or("", |n| n.text.as_str());
    let code_named = repo_is_named(&code_repo.repo, name);
    let badge_named = repo_is_named(&badge_repo.repo, name);
    let fix = if code_named && !badge_named {
        repoint(source, badge, badge_repo, code_repo).map(|edit| {
            let title = format!("Point the badge at `{}`", code_repo.full_name());
            Fix::safe(title, vec![edit])
        })
    } else if badge_named && !code_named {
        repoint_code(source, code, badge_repo).map(|edit| {
            let title = format!("Point the code link at `{}`", badge_repo.full_name());
            Fix::safe(title, vec![edit])
        })
    } else {
        // Neither side carries the row's name: the link is what readers
        // follow, so pointing the badge at it is the likelier repair, but
        // only a human can tell.
        repoint(source, badge, badge_repo, code_repo).map(|edit| {
            let title = format!("Point the badge at `{}`", code_repo.full_name());
            Fix::unsafe_(title, vec![edit])
        })
    };
    match fix {
        Some(fix) => finding.fix(fix),
        None => finding.help("Check which repository is the row's and point both at it"),
    }
}

fn repoint(source: &Source, badge: &Link, from: &RepoRef, to: &RepoRef) -> Option<Edit> {
    let span = repo_path_span(source, badge, &from.owner, &from.repo)?;
    Some(Edit {
        span,
        replacement: to.full_name(),
    })
}

/// A code link pointing into the wrong repository is replaced whole: its
/// path (`/tree/main/...`) belonged to that repository.
fn repoint_code(source: &Source, code: &Link, to: &RepoRef) -> Option<Edit> {
    code.written_as_parsed(source).then(|| Edit {
        span: code.url_span,
        replacement: format!("https://github.com/{}", to.full_name()),
    })
}
