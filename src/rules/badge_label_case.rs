//! A badge label that is a known word in an odd case: `BLog`, `Github`.

use super::{Context, FixKind, Rule};
use crate::finding::{Finding, Fix, Severity};
use crate::links::LinkKind;
use crate::model::Link;
use crate::source::Span;

pub(crate) static RULE: Rule = Rule {
    name: "badge-label-case",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    online: false,
    doc: include_str!("../../rules/badge-label-case.md"),
    check,
};

/// Words badges say, as their owners write them.
const WORDS: &[&str] = &[
    "arXiv",
    "Blog",
    "Code",
    "Colab",
    "Dataset",
    "Demo",
    "Docs",
    "GitHub",
    "Model",
    "OpenReview",
    "Paper",
    "PDF",
    "Poster",
    "Project",
    "Slides",
    "Video",
    "Website",
    "YouTube",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let badges = ctx.doc.entries.iter().flat_map(|e| &e.links);
    for badge in badges.filter(|l| l.image) {
        let LinkKind::StaticBadge { label, message } = &badge.kind else {
            continue;
        };
        for text in [label, message] {
            let Some(word) = odd_case(text) else { continue };
            let finding = RULE
                .finding(
                    badge.url_span,
                    format!("badge says `{text}`, an odd spelling of `{word}`"),
                )
                .label("this badge");
            out.push(match word_span(ctx, badge, text) {
                Some(span) => finding.fix(Fix::safe(
                    format!("Write `{word}`"),
                    Fix::replace(span, *word),
                )),
                None => finding.help(format!("Write `{word}`")),
            });
        }
    }
}

/// The known word `text` spells in an odd case. All lowercase and all
/// uppercase are a list's deliberate style, not a slip.
fn odd_case(text: &str) -> Option<&'static &'static str> {
    let word = WORDS.iter().find(|w| w.eq_ignore_ascii_case(text))?;
    let deliberate = text == *word || text == text.to_lowercase() || text == text.to_uppercase();
    (!deliberate).then_some(word)
}

/// Where `text` is written in the badge's URL: a whole part of the path
/// after `/badge/`, between `-` (shields.io) or `/` (badgen) separators. A
/// doubled `--` is an escaped dash inside a part, not a separator.
fn word_span(ctx: &Context<'_>, badge: &Link, text: &str) -> Option<Span> {
    if !badge.written_as_parsed(ctx.source) {
        return None;
    }
    let start = badge.url.find("/badge/")? + "/badge/".len();
    let rest = &badge.url[start..];
    let content = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let bytes = content.as_bytes();
    let separator = |i: usize, step: isize| {
        let at = i.checked_add_signed(step);
        let next = at.and_then(|j| j.checked_add_signed(step));
        match at.and_then(|j| bytes.get(j)) {
            None | Some(b'/' | b'.') => true,
            Some(b'-') => next.and_then(|j| bytes.get(j)) != Some(&b'-'),
            Some(_) => false,
        }
    };
    let (at, _) = content
        .match_indices(text)
        .find(|&(i, _)| (i == 0 || separator(i, -1)) && separator(i + text.len() - 1, 1))?;
    Some(badge.url_span.sub(start + at, start + at + text.len()))
}

#[cfg(test)]
mod tests {
    use super::odd_case;

    #[test]
    fn only_odd_cases_of_known_words_are_flagged() {
        assert_eq!(odd_case("BLog"), Some(&"Blog"));
        assert_eq!(odd_case("Github"), Some(&"GitHub"));
        assert_eq!(odd_case("Arxiv"), Some(&"arXiv"));
        assert_eq!(odd_case("Pdf"), Some(&"PDF"));
        for fine in [
            "Blog",
            "blog",
            "BLOG",
            "arXiv",
            "ARXIV",
            "Weblog",
            "",
            "Project Page",
        ] {
            assert_eq!(odd_case(fine), None, "{fine}");
        }
    }
}
