//! A link that the network phase found dead, walled off or failing.

use std::collections::HashSet;

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Severity};
use crate::model::Link;
use crate::net::{Checked, Outcome, Results, Target};

pub(crate) static RULE: Rule = Rule {
    name: "broken-link",
    severity: Severity::Error,
    fix: FixKind::None,
    online: true,
    doc: include_str!("../../rules/broken-link.md"),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(net) = ctx.net else { return };
    for entry in &ctx.doc.entries {
        // A code link and its stars badge name one repository: one finding.
        let mut seen = HashSet::new();
        let links = entry
            .links
            .iter()
            .filter(|l| !l.image)
            .chain(entry.links.iter().filter(|l| l.image));
        for link in links {
            let Some((target, checked)) = net.of_link(link) else {
                continue;
            };
            if !seen.insert(target.clone()) {
                continue;
            }
            if let Some(finding) = judge(net, link, &target, checked) {
                out.push(finding);
            }
        }
    }
}

fn judge(net: &Results, link: &Link, target: &Target, checked: &Checked) -> Option<Finding> {
    let what = match target {
        Target::GitHub(_) => format!("repository `{}`", repo_name(link)),
        Target::Arxiv(id) => format!("arXiv id `{id}`"),
        Target::Url(url) => format!("`{url}`"),
    };
    // arXiv saying "no such paper" is `arxiv-id-not-found`'s.
    if matches!(target, Target::Arxiv(_)) && matches!(checked.outcome, Outcome::Broken { .. }) {
        return None;
    }
    let (severity, message) = match &checked.outcome {
        Outcome::Broken { reason, .. } if checked.failed_runs >= net.fail_after => {
            (Severity::Error, format!("{what} is broken: {reason}"))
        }
        Outcome::Broken { reason, .. } => (
            Severity::Warning,
            format!(
                "{what} failed ({reason}) on {} of the {} runs in a row that make it broken",
                checked.failed_runs, net.fail_after
            ),
        ),
        Outcome::Blocked { status } => (
            Severity::Warning,
            format!("{what} refused automated access (`{status}`); it may still work in a browser"),
        ),
        Outcome::RateLimited { wait: Some(wait) } => (
            Severity::Warning,
            format!("{what} is rate-limited and asked to wait {wait} s; not checked"),
        ),
        Outcome::RateLimited { wait: None } => (
            Severity::Warning,
            format!("{what} is still rate-limited after the retries; not checked"),
        ),
        Outcome::TimedOut => (
            Severity::Warning,
            format!("{what} did not answer in time, retries included"),
        ),
        Outcome::ServerError { status } => (
            Severity::Warning,
            format!("{what} answered `{status}` on every try"),
        ),
        Outcome::RedirectLoop { at } => (
            Severity::Warning,
            format!("{what} redirects in a loop (back to `{at}`)"),
        ),
        Outcome::TooManyRedirects { last } => (
            Severity::Warning,
            format!("{what} redirects too many times (last to `{last}`)"),
        ),
        // A spent rate limit or the deadline are said once for the run,
        // in the log; a refused private address is this link's own fault.
        Outcome::Unchecked { why } if why.starts_with("refused") => {
            (Severity::Warning, format!("{what} was not checked: {why}"))
        }
        Outcome::Unchecked { .. } | Outcome::Ok | Outcome::Redirected { .. } => return None,
    };
    let label = if severity == Severity::Error {
        "this link"
    } else {
        "this link could not be verified"
    };
    Some(
        RULE.finding(link.url_span, message)
            .severity(severity)
            .label(label)
            .help(help(&checked.outcome)),
    )
}

fn repo_name(link: &Link) -> String {
    link.repo()
        .or(link.stars_repo())
        .map_or_else(|| link.url.clone(), crate::links::RepoRef::full_name)
}

fn help(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Broken { .. } => "Find where it moved, or remove the link",
        Outcome::Blocked { .. } => {
            "Open it in a browser; if it works, suppress this finding on the row"
        }
        Outcome::Unchecked { .. } => "Use `--allow-private` if the address is meant",
        _ => "Check it again later",
    }
}
