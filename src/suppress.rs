//! Inline suppressions: HTML comments, invisible on GitHub, that silence
//! rules on a line, in a region or in the whole file.
//!
//! ```markdown
//! <!-- paperlint-disable-file badge-label-case -->
//! <!-- paperlint-disable-next-line duplicate-arxiv-id -->
//! | A | [p](https://arxiv.org/abs/2301.01234) <!-- paperlint-disable-line year-mismatch --> | 2022 |
//! <!-- paperlint-disable year-mismatch, empty-row --> ... <!-- paperlint-enable -->
//! ```
//!
//! A comment on a line of its own ends a table, so a whole table is
//! silenced from the line above it (`disable-next-line` before the header
//! covers the table), and one row from a comment inside one of its cells.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Finding;
use crate::model::{Comment, Document};
use crate::rules::{self, Rule, unused_suppression};
use crate::source::{Source, Span};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--\s*paperlint-(disable-next-line|disable-line|disable-file|disable|enable)((?:\s[^>]*?)?)\s*-->",
    )
    .expect("the directive pattern is valid")
});

static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^,\s]+").expect("the rule name pattern is valid"));

/// One rule (or every rule) silenced over one region.
#[derive(Debug)]
struct Suppression {
    /// The whole `<!-- ... -->`.
    directive: Span,
    /// `None` silences every rule.
    rule: Option<&'static str>,
    region: Span,
    used: bool,
}

impl Suppression {
    fn covers(&self, finding: &Finding) -> bool {
        self.rule.is_none_or(|r| r == finding.rule)
            && self.region.start <= finding.span.start
            && finding.span.start <= self.region.end
    }
}

/// A directive as written.
struct Directive {
    kind: String,
    span: Span,
    /// Rule names and where each is written; empty means every rule.
    names: Vec<(String, Span)>,
}

/// Drops the findings that a directive silences and, when
/// `unused-suppression` is among the rules that ran, reports directives
/// that silenced nothing and names that are no rule.
pub(crate) fn apply(
    source: &Source,
    doc: &Document,
    findings: Vec<Finding>,
    ran: &[&Rule],
) -> Vec<Finding> {
    if doc.comments.is_empty() {
        return findings;
    }
    let directives: Vec<Directive> = doc
        .comments
        .iter()
        .flat_map(|c| directives(source, c))
        .collect();
    let (mut suppressions, unknown) = suppressions(source, doc, &directives);
    let mut kept = unsilenced(&mut suppressions, findings);

    if ran.iter().any(|r| r.name == unused_suppression::RULE.name) {
        let mut reports: Vec<Finding> = unknown
            .into_iter()
            .map(|(name, span)| unused_suppression::unknown_rule(span, &name))
            .collect();
        reports.extend(
            suppressions
                .iter()
                .filter(|s| !s.used && judged(s.rule, ran))
                .map(|s| unused_suppression::unused(s.directive, s.rule)),
        );
        // A directive may silence `unused-suppression` itself.
        kept.extend(unsilenced(&mut suppressions, reports));
    }
    kept
}

/// The findings no suppression covers, in their order; every suppression
/// that covers one is marked used. One sweep through the file: a list
/// may carry a suppression on every row.
fn unsilenced(suppressions: &mut [Suppression], findings: Vec<Finding>) -> Vec<Finding> {
    let mut by_start: Vec<usize> = (0..suppressions.len()).collect();
    by_start.sort_by_key(|&i| suppressions[i].region.start);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span.start);

    let mut silenced = vec![false; findings.len()];
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    for index in order {
        let finding = &findings[index];
        let at = finding.span.start;
        while let Some(&s) = by_start.get(next)
            && suppressions[s].region.start <= at
        {
            active.push(s);
            next += 1;
        }
        active.retain(|&s| suppressions[s].region.end >= at);
        for &s in &active {
            if suppressions[s].covers(finding) {
                suppressions[s].used = true;
                silenced[index] = true;
            }
        }
    }
    findings
        .into_iter()
        .zip(silenced)
        .filter_map(|(f, silenced)| (!silenced).then_some(f))
        .collect()
}

/// Whether a suppression that silenced nothing is worth reporting: only
/// when the rules it names ran, since otherwise it had nothing to silence.
fn judged(rule: Option<&str>, ran: &[&Rule]) -> bool {
    match rule {
        Some(r) if r == unused_suppression::RULE.name => false,
        Some(r) => ran.iter().any(|x| x.name == r),
        None => rules::ALL
            .iter()
            .all(|a| ran.iter().any(|x| x.name == a.name)),
    }
}

fn directives(source: &Source, comment: &Comment) -> Vec<Directive> {
    // The event's text is the comment as written; if not (an entity or
    // a continuation line), spans fall back to the whole comment.
    let exact = source.slice(comment.span) == comment.text;
    let at = |start: usize, end: usize| {
        if exact {
            comment.span.sub(start, end)
        } else {
            comment.span
        }
    };
    DIRECTIVE
        .captures_iter(&comment.text)
        .map(|caps| {
            let whole = caps.get(0).expect("group 0 is the match");
            let list = caps.get(2).expect("the names group always matches");
            let names = NAME
                .find_iter(list.as_str())
                .map(|m| {
                    let start = list.start() + m.start();
                    (m.as_str().to_owned(), at(start, start + m.len()))
                })
                .collect();
            Directive {
                kind: caps[1].to_owned(),
                span: at(whole.start(), whole.end()),
                names,
            }
        })
        .collect()
}

type Unknown = Vec<(String, Span)>;

/// The suppressions the directives make, in file order, and the names in
/// them that are no rule.
fn suppressions(
    source: &Source,
    doc: &Document,
    directives: &[Directive],
) -> (Vec<Suppression>, Unknown) {
    let mut made: Vec<Suppression> = Vec::new();
    let mut unknown = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for directive in directives {
        let (rules, bad) = rule_names(directive);
        unknown.extend(bad);
        if directive.kind == "enable" {
            // A bare `enable` (`[None]`) ends every open `disable`.
            let every = rules.contains(&None);
            open.retain(|&i| {
                let ends = every || rules.contains(&made[i].rule);
                if ends {
                    made[i].region.end = directive.span.start;
                }
                !ends
            });
            continue;
        }
        let Some(region) = region(source, doc, directive) else {
            continue;
        };
        for rule in rules {
            if directive.kind == "disable" {
                open.push(made.len());
            }
            made.push(Suppression {
                directive: directive.span,
                rule,
                region,
                used: false,
            });
        }
    }
    (made, unknown)
}

/// The rules a directive names (`[None]` for all), and unknown names.
fn rule_names(directive: &Directive) -> (Vec<Option<&'static str>>, Unknown) {
    if directive.names.is_empty() {
        return (vec![None], Vec::new());
    }
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for (name, span) in &directive.names {
        match rules::find(name) {
            Some(rule) => rules.push(Some(rule.name)),
            None => unknown.push((name.clone(), *span)),
        }
    }
    (rules, unknown)
}

/// Where a directive applies; a `disable` runs to the end of the file
/// until an `enable` closes it.
fn region(source: &Source, doc: &Document, directive: &Directive) -> Option<Span> {
    let text = source.text();
    match directive.kind.as_str() {
        "disable-file" => Some(Span::new(0, text.len())),
        "disable" => Some(Span::new(directive.span.end, text.len())),
        "disable-line" => Some(source.line_span(directive.span.start)),
        "disable-next-line" => next_line(source, doc, directive.span.end),
        _ => None,
    }
}

/// The first line after `offset`'s line with something on it besides
/// container marks; when it is a table's header, the whole table.
fn next_line(source: &Source, doc: &Document, offset: usize) -> Option<Span> {
    let text = source.text();
    let mut line = source.line_span(offset.saturating_sub(1));
    loop {
        let next = line.end + text[line.end..].find('\n')? + 1;
        if next >= text.len() {
            return None;
        }
        line = source.line_span(next);
        let content = &text[line.start..line.end];
        if !content
            .trim_matches(|c: char| c.is_whitespace() || c == '>')
            .is_empty()
        {
            break;
        }
    }
    let table = doc
        .tables
        .iter()
        .find(|t| line.start <= t.span.start && t.span.start <= line.end);
    Some(table.map_or(line, |t| Span::new(line.start, t.span.end.max(line.end))))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The sweep silences what checking every suppression against
        /// every finding silences, and marks the same ones used.
        #[test]
        fn the_sweep_silences_what_every_pair_would(
            regions in proptest::collection::vec((0usize..200, 0usize..80, 0usize..3), 0..30),
            at in proptest::collection::vec((0usize..300, 0usize..2), 0..60),
        ) {
            let names = [Some("empty-row"), Some("cell-count"), None];
            let make = || -> Vec<Suppression> {
                regions
                    .iter()
                    .map(|&(start, len, rule)| Suppression {
                        directive: Span::new(start, start),
                        rule: names[rule],
                        region: Span::new(start, start + len),
                        used: false,
                    })
                    .collect()
            };
            let findings: Vec<Finding> = at
                .iter()
                .map(|&(offset, rule)| {
                    let rule = rules::find(names[rule].expect("a named rule")).expect("a rule");
                    rule.finding(Span::new(offset, offset + 1), "m")
                })
                .collect();
            let mut every = make();
            let expected: Vec<Span> = findings
                .iter()
                .filter(|f| {
                    let mut silenced = false;
                    for s in every.iter_mut().filter(|s| s.covers(f)) {
                        s.used = true;
                        silenced = true;
                    }
                    !silenced
                })
                .map(|f| f.span)
                .collect();
            let mut swept = make();
            let kept: Vec<Span> = unsilenced(&mut swept, findings).iter().map(|f| f.span).collect();
            proptest::prop_assert_eq!(kept, expected);
            let used = |list: &[Suppression]| list.iter().map(|s| s.used).collect::<Vec<_>>();
            proptest::prop_assert_eq!(used(&swept), used(&every));
        }
    }
}
