//! Counts per rule, most frequent first: a quick picture of a large list.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::engine::FileReport;
use crate::finding::{Applicability, Severity};

/// How often one rule fired in a run.
#[derive(Debug, Serialize)]
pub(super) struct RuleCount<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub count: usize,
    /// Findings that carry a safe fix.
    pub fixable: usize,
}

/// Every rule that fired, by count (highest first), then name.
pub(super) fn count(reports: &[FileReport]) -> Vec<RuleCount<'_>> {
    let mut by_rule: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
    for finding in reports.iter().flat_map(|r| &r.findings) {
        let entry = by_rule.entry(finding.rule).or_insert(RuleCount {
            rule: finding.rule,
            severity: finding.severity,
            count: 0,
            fixable: 0,
        });
        entry.count += 1;
        entry.severity = entry.severity.max(finding.severity);
        let safe = finding
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe);
        entry.fixable += usize::from(safe);
    }
    let mut counts: Vec<RuleCount<'_>> = by_rule.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    counts
}

/// `count  rule  [*]`, the marker on rules with safely fixable findings.
pub(super) fn write_text(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let counts = count(reports);
    let count_width = counts.first().map_or(1, |c| c.count.to_string().len());
    let rule_width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    for c in &counts {
        let marker = if c.fixable > 0 { "[*]" } else { "" };
        let line = format!(
            "{:>count_width$}  {:<rule_width$}  {marker}",
            c.count, c.rule
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if counts.iter().any(|c| c.fixable > 0) {
        writeln!(out, "[*] some findings have a safe fix")?;
    }
    super::summary(out, reports)
}

pub(super) fn write_json(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &count(reports))?;
    writeln!(out)
}
