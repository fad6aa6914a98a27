//! A Paper or Code badge that links nowhere.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::links::LinkKind;
use crate::model::Link;

pub(crate) static RULE: Rule = Rule {
    name: "badge-without-link",
    severity: Severity::Warning,
    fix: FixKind::None,
    online: false,
    doc: include_str!("../../rules/badge-without-link.md"),
    check,
};

/// Badge labels that promise a destination. A stars badge beside its code
/// link is normal and is not one of them.
const PROMISING: &[&str] = &[
    "paper",
    "code",
    "pdf",
    "arxiv",
    "project",
    "blog",
    "github",
    "demo",
    "website",
    "page",
    "model",
    "dataset",
    "video",
    "slides",
    "poster",
    "huggingface",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        if link.image
            && link.parent.is_none()
            && let Some(label) = promised_label(link)
        {
            out.push(
                RULE.finding(link.span, format!("`{label}` badge links nowhere"))
                    .label("this badge")
                    .help(format!(
                        "Wrap the badge in a link to the {}, or remove it",
                        label.to_lowercase()
                    )),
            );
        }
    }
}

fn promised_label(link: &Link) -> Option<String> {
    let label: &str = match &link.kind {
        // `badge/Code-add7e6` has no label part: its message is the label.
        LinkKind::StaticBadge { label, message } if label.is_empty() => message,
        LinkKind::StaticBadge { label, .. } => label,
        LinkKind::StarsBadge(_) => return None,
        _ if link.url.contains("shields.io") || link.url.contains("badgen.net") => &link.text,
        _ => return None,
    };
    let lower = label.to_lowercase();
    PROMISING
        .iter()
        .any(|p| lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == *p))
        .then_some(if label.is_empty() {
            link.text.clone()
        } else {
            label.to_owned()
        })
}
