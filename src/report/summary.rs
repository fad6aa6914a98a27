//! A Markdown summary of a run, written for GitHub's job summary page:
//! counts per rule, then the first findings, each linked to its line.

use std::fmt::Write as _;

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;

use super::paths::{encode, repo_path};
use super::statistics;

/// Findings listed one by one; a summary page is no place for thousands.
const LISTED: usize = 30;

/// The summary as Markdown. With `link_base` (such as
/// `https://github.com/o/r/blob/<sha>`), each finding links to its line.
pub(super) fn render(reports: &[FileReport], link_base: Option<&str>) -> String {
    let mut md = String::from("## paperlint\n\n");
    let mut counts = Vec::new();
    super::summary(&mut counts, reports).expect("writing to a Vec cannot fail");
    md.push_str(&String::from_utf8_lossy(&counts));

    let rules = statistics::count(reports);
    if rules.is_empty() {
        return md;
    }
    md.push_str("\n| Rule | Severity | Findings | Safely fixable |\n|---|---|--:|--:|\n");
    for rule in &rules {
        writeln!(
            md,
            "| `{}` | {} | {} | {} |",
            rule.rule, rule.severity, rule.count, rule.fixable
        )
        .expect("writing to a String cannot fail");
    }

    let mut findings: Vec<(&Source, &Finding)> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (&r.source, f)))
        .collect();
    // Most severe first; the sort is stable, so file order holds within.
    findings.sort_by_key(|(_, f)| std::cmp::Reverse(f.severity));
    let total = findings.len();
    md.push_str("\n### Findings\n\n");
    for (source, finding) in findings.into_iter().take(LISTED) {
        md.push_str(&item(source, finding, link_base));
    }
    if total > LISTED {
        writeln!(md, "\n…and {} more.", total - LISTED).expect("writing to a String cannot fail");
    }
    md
}

/// `- **error** [a.md:3](…#L3) `rule`: message`
fn item(source: &Source, finding: &Finding, link_base: Option<&str>) -> String {
    let path = repo_path(source.name());
    let line = source.position(finding.span.start).line;
    let place = match link_base {
        Some(base) => format!(
            "[{path}:{line}]({}/{}#L{line})",
            base.trim_end_matches('/'),
            encode(path)
        ),
        None => format!("`{path}:{line}`"),
    };
    let severity = match finding.severity {
        Severity::Error => "**error**",
        Severity::Warning => "**warning**",
        Severity::Info => "info",
    };
    format!(
        "- {severity} {place} `{}`: {}\n",
        finding.rule,
        inline(&finding.message)
    )
}

/// A message as one line of Markdown: line breaks become spaces, and `<`
/// outside code spans is escaped so a value cannot open an HTML tag.
fn inline(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_code = false;
    for c in message.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line_and_open_no_tags() {
        assert_eq!(
            inline("bad <b>row</b>\nsee `a<b>`"),
            "bad &lt;b>row&lt;/b> see `a<b>`"
        );
    }
}
