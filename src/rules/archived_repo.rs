//! A code link to a repository its owners archived.

use std::collections::HashSet;

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::net::Target;

pub(crate) static RULE: Rule = Rule {
    name: "archived-repo",
    severity: Severity::Info,
    fix: FixKind::None,
    online: true,
    doc: include_str!("../../rules/archived-repo.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(net) = ctx.net else { return };
    for entry in &ctx.doc.entries {
        let mut seen = HashSet::new();
        for (link, repo) in entry.code_repos() {
            let target = Target::GitHub(repo.key());
            let Some(info) = net.get(&target).and_then(|c| c.repo.as_ref()) else {
                continue;
            };
            if info.archived && seen.insert(target) {
                out.push(
                    RULE.finding(
                        link.url_span,
                        format!("repository `{}` is archived", info.full_name),
                    )
                    .label("read-only repository")
                    .help("Keep the link if the code is still the paper's; mention a maintained fork if there is one"),
                );
            }
        }
    }
}
