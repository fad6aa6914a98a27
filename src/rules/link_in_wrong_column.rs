//! A repository in the paper column, or a paper in the code column.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::model::{Link, Role};

pub(crate) static RULE: Rule = Rule {
    name: "link-in-wrong-column",
    severity: Severity::Warning,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/link-in-wrong-column.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        if let Some(message) = misplaced(link) {
            out.push(
                RULE.finding(link.url_span, message)
                    .label("this link")
                    .help("Move the link to its column"),
            );
        }
    }
}

fn misplaced(link: &Link) -> Option<String> {
    if link.image {
        return None;
    }
    match link.role {
        // A PDF kept in a repository (`.../blob/main/paper.pdf`) is a paper.
        Role::Paper
            if link
                .repo()
                .is_some_and(|r| !r.rest.to_lowercase().ends_with(".pdf")) =>
        {
            Some(format!(
                "code repository `{}` in the paper column",
                link.url
            ))
        }
        Role::Code if link.is_paper_kind() => {
            Some(format!("paper link `{}` in the code column", link.url))
        }
        _ => None,
    }
}
