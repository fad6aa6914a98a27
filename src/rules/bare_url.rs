//! A URL written as plain text in a table cell.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::model::LinkForm;

pub(crate) static RULE: Rule = Rule {
    name: "bare-url",
    severity: Severity::Info,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/bare-url.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let bare = ctx.doc.entries.iter().flat_map(|e| &e.links);
    for link in bare.filter(|l| l.form == LinkForm::Bare) {
        // A `www.` URL needs its scheme inside angle brackets.
        let target = if link.url.contains("://") {
            link.url.clone()
        } else {
            format!("https://{}", link.url)
        };
        out.push(
            RULE.finding(link.url_span, format!("bare URL `{}`", link.url))
                .label("plain text")
                .fix(Fix::safe(
                    format!("Write it as `<{target}>`"),
                    Fix::replace(link.url_span, format!("<{target}>")),
                )),
        );
    }
}
