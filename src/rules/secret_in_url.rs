//! A URL that carries an access token or key.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "secret-in-url",
    severity: Severity::Error,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/secret-in-url.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        if let Some(what) = &link.secret {
            out.push(
                RULE.finding(
                    link.url_span,
                    format!("URL carries a credential in `{what}`"),
                )
                .label("this URL")
                .help("Remove the credential from the link and revoke it"),
            );
        }
    }
}
