//! arXiv links that break the list's chosen page (abs or pdf) or pin a
//! version when the list does not want that.

use super::{Context, FixKind, Rule};
use crate::config::ArxivUrlStyle;
use crate::finding::{Finding, Fix, Severity};
use crate::links::{ArxivForm, ArxivId};
use crate::model::Link;

pub(crate) static RULE: Rule = Rule {
    name: "arxiv-url-style",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/arxiv-url-style.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let style = ctx.settings.arxiv_url_style;
    let allow_version = ctx.settings.allow_version;
    if style.is_none() && allow_version {
        return;
    }
    for link in ctx.doc.entries.iter().flat_map(|e| &e.links) {
        let Some(id) = link.arxiv().filter(|_| !link.image) else {
            continue;
        };
        // HTML pages, DOIs and mirrors are other sites, not a page choice.
        let page = match id.form {
            ArxivForm::Abs => ArxivUrlStyle::Abs,
            ArxivForm::Pdf => ArxivUrlStyle::Pdf,
            _ => continue,
        };
        let wrong_page = style.filter(|&s| s != page);
        let pinned = id.version.filter(|_| !allow_version);
        let problem = match (wrong_page, pinned) {
            (None, None) => continue,
            (Some(want), None) => format!(
                "arXiv link opens the `{}` page, not `{}`",
                name(page),
                name(want)
            ),
            (None, Some(v)) => format!("arXiv link pins version `v{v}`"),
            (Some(want), Some(v)) => format!(
                "arXiv link opens the `{}` page, not `{}`, and pins version `v{v}`",
                name(page),
                name(want)
            ),
        };
        let wanted = canonical(id, style.unwrap_or(page), allow_version);
        out.push(with_fix(
            ctx,
            RULE.finding(link.url_span, problem),
            link,
            wanted,
        ));
    }
}

/// The link's URL rewritten whole: the exact bytes are known, and a query
/// or fragment would be lost, so those links get no fix.
fn with_fix(ctx: &Context<'_>, finding: Finding, link: &Link, wanted: String) -> Finding {
    let finding = finding.label("this link");
    let exact = link.written_as_parsed(ctx.source);
    if exact && !link.url.contains(['?', '#']) {
        finding.fix(Fix::safe(
            format!("Use `{wanted}`"),
            Fix::replace(link.url_span, wanted),
        ))
    } else {
        finding.help(format!("Use `{wanted}`"))
    }
}

/// `https://arxiv.org/<page>/<id>`; a `pdf` link without `.pdf`, which
/// arXiv serves the same.
fn canonical(id: &ArxivId, page: ArxivUrlStyle, allow_version: bool) -> String {
    let version = match id.version {
        Some(v) if allow_version => format!("v{v}"),
        _ => String::new(),
    };
    format!("https://arxiv.org/{}/{}{version}", name(page), id.id)
}

fn name(style: ArxivUrlStyle) -> &'static str {
    match style {
        ArxivUrlStyle::Abs => "abs",
        ArxivUrlStyle::Pdf => "pdf",
    }
}
