//! A link that reaches its target only through a permanent redirect: a
//! renamed GitHub repository, an `http` link moved to `https`, a page that
//! moved.

use std::collections::HashSet;

use super::shared::repo_path_span;
use super::{Context, FixKind, Rule};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::links::LinkKind;
use crate::model::{Entry, Link};
use crate::net::{Outcome, Results, Target};
use crate::source::Source;

pub(crate) static RULE: Rule = Rule {
    name: "redirected-link",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    online: true,
    doc: include_str!("../../rules/redirected-link.md"),
    check,
};

/// Hosts whose whole purpose is to redirect: their links are the stable
/// ones, the place they lead to is not.
const RESOLVERS: &[&str] = &[
    "doi.org",
    "dx.doi.org",
    "hdl.handle.net",
    "handle.net",
    "purl.org",
    "w3id.org",
    "bit.ly",
    "arxiv.org",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(net) = ctx.net else { return };
    for entry in &ctx.doc.entries {
        renamed_repos(ctx.source, net, entry, out);
        for link in entry.links.iter().filter(|l| !l.image) {
            if let Some(finding) = moved_page(ctx.source, net, link) {
                out.push(finding);
            }
        }
    }
}

/// One finding per renamed repository of a row, on its code link (or on
/// the badge when only the badge has the old name), fixing every link and
/// badge of the row that carries the old name.
fn renamed_repos(source: &Source, net: &Results, entry: &Entry, out: &mut Vec<Finding>) {
    let mut done = HashSet::new();
    let named = entry.links.iter().filter_map(|l| {
        let repo = l.repo().or(l.stars_repo())?;
        Some((l, repo))
    });
    let mut ordered: Vec<_> = named.collect();
    ordered.sort_by_key(|(l, _)| l.image);
    for (link, repo) in ordered {
        let key = repo.key();
        if !done.insert(key.clone()) {
            continue;
        }
        let Some(info) = net
            .get(&Target::GitHub(key.clone()))
            .filter(|c| matches!(c.outcome, Outcome::Redirected { .. }))
            .and_then(|c| c.repo.as_ref())
        else {
            continue;
        };
        let edits: Vec<Edit> = entry
            .links
            .iter()
            .filter_map(|l| {
                let r = l.repo().or(l.stars_repo())?;
                if r.key() != key {
                    return None;
                }
                let span = repo_path_span(source, l, &r.owner, &r.repo)?;
                Some(Edit {
                    span,
                    replacement: info.full_name.clone(),
                })
            })
            .collect();
        let what = if link.image {
            "stars badge"
        } else {
            "code link"
        };
        let mut finding = RULE
            .finding(
                link.url_span,
                format!(
                    "repository `{}` was renamed to `{}`",
                    repo.full_name(),
                    info.full_name
                ),
            )
            .label(format!("this {what} reaches it through a redirect"));
        finding = if edits.is_empty() {
            finding.help(format!("Point the row at `{}`", info.full_name))
        } else {
            let title = format!("Point the row's links and badges at `{}`", info.full_name);
            finding.fix(Fix::safe(title, edits))
        };
        out.push(finding);
    }
}

fn moved_page(source: &Source, net: &Results, link: &Link) -> Option<Finding> {
    let (target, checked) = net.of_link(link)?;
    let Outcome::Redirected {
        to,
        permanent: true,
    } = &checked.outcome
    else {
        return None;
    };
    if !matches!(target, Target::Url(_)) || is_resolver(link) {
        return None;
    }
    let mut finding = RULE
        .finding(
            link.url_span,
            format!("`{}` moved permanently to `{to}`", link.url.trim()),
        )
        .label("reached through a permanent redirect");
    finding = if link.written_as_parsed(source) {
        let fragment = link.url.find('#').map_or("", |at| &link.url[at..]);
        let replacement = if to.contains('#') {
            to.clone()
        } else {
            format!("{to}{fragment}")
        };
        finding.fix(Fix::safe(
            format!("Link `{replacement}` directly"),
            Fix::replace(link.url_span, replacement),
        ))
    } else {
        finding.help(format!("Link `{to}` directly"))
    };
    Some(finding)
}

/// DOI and handle links are meant to redirect: never "fixed" to the
/// publisher's URL.
fn is_resolver(link: &Link) -> bool {
    if matches!(link.kind, LinkKind::Doi(_)) {
        return true;
    }
    url::Url::parse(link.url.trim())
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
        })
        .is_some_and(|host| RESOLVERS.contains(&host.as_str()))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::config::Settings;
    use crate::engine::{check_with, parse};
    use crate::net::{Checked, Outcome, Repo, Results, Target};
    use crate::source::Source;

    fn apply(text: &str, results: &Results) -> String {
        let parsed = parse(Source::new("t.md", text), &Settings::default());
        let findings = check_with(
            &parsed,
            &Settings::default(),
            &[&super::RULE],
            Some(results),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        let mut edits = findings[0].fix.clone().expect("a fix").edits;
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_owned();
        for edit in edits {
            out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        }
        out
    }

    #[test]
    fn a_rename_fixes_the_code_link_and_its_badge_together() {
        let mut renamed = Checked::new(Outcome::Redirected {
            to: "https://github.com/facebookresearch/fairseq".to_owned(),
            permanent: true,
        });
        renamed.repo = Some(Repo {
            full_name: "facebookresearch/fairseq".to_owned(),
            archived: false,
        });
        let results = Results::from_map(HashMap::from([(
            Target::GitHub("pytorch/fairseq".to_owned()),
            renamed,
        )]));
        let text = "| Model | Code |\n|---|---|\n| BART | [code](https://github.com/pytorch/fairseq/tree/main/examples/bart)![s](https://img.shields.io/github/stars/pytorch/fairseq.svg?style=social) |\n";
        assert_eq!(
            apply(text, &results),
            "| Model | Code |\n|---|---|\n| BART | [code](https://github.com/facebookresearch/fairseq/tree/main/examples/bart)![s](https://img.shields.io/github/stars/facebookresearch/fairseq.svg?style=social) |\n"
        );
    }

    #[test]
    fn a_moved_page_is_fixed_to_its_final_url() {
        let results = Results::from_map(HashMap::from([(
            Target::Url("http://example.org/paper".to_owned()),
            Checked::new(Outcome::Redirected {
                to: "https://example.org/paper".to_owned(),
                permanent: true,
            }),
        )]));
        let text = "| Model | Paper |\n|---|---|\n| A | [p](http://example.org/paper) |\n";
        assert_eq!(
            apply(text, &results),
            "| Model | Paper |\n|---|---|\n| A | [p](https://example.org/paper) |\n"
        );
    }
}
