//! The real lists in `../shared/corpus`: every file lints without a panic,
//! and the sample table's known faults are reported on the right cells.
//! Skipped when the corpus is not beside the checkout.

mod common;

use std::collections::BTreeMap;

use paperlint::finding::{Finding, Severity};
use paperlint::rules::ALL;
use paperlint::source::Source;

fn offline() -> Vec<&'static paperlint::rules::Rule> {
    ALL.iter().copied().filter(|r| !r.online).collect()
}

fn sample() -> Option<(Source, Vec<Finding>)> {
    let path = common::corpus()?.join("00-language-models.md");
    let report = common::lint_file(&path, "00-language-models.md", &offline());
    Some((report.source, report.findings))
}

/// The text a finding underlines.
fn underlined<'a>(source: &'a Source, finding: &Finding) -> &'a str {
    &source.text()[finding.span.start..finding.span.end]
}

/// The findings on the row whose first cell is `name`.
fn on_row<'a>(source: &Source, findings: &'a [Finding], name: &str) -> Vec<&'a Finding> {
    let line = source
        .text()
        .lines()
        .position(|l| l.starts_with(&format!("| {name} ")))
        .unwrap_or_else(|| panic!("no row `{name}`"))
        + 1;
    findings
        .iter()
        .filter(|f| source.position(f.span.start).line == line)
        .collect()
}

fn one<'a>(findings: &[&'a Finding], rule: &str) -> &'a Finding {
    let found: Vec<_> = findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(found.len(), 1, "expected one `{rule}` in {findings:#?}");
    found[0]
}

#[test]
fn every_corpus_file_is_linted_and_spans_stay_inside_it() {
    let Some(dir) = common::corpus() else { return };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable")
        .filter_map(Result::ok)
        .collect();
    files.sort_by_key(std::fs::DirEntry::file_name);
    let mut counts = BTreeMap::new();
    for file in files
        .iter()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
    {
        let name = file.file_name().to_string_lossy().into_owned();
        let report = common::lint_file(&file.path(), &name, &offline());
        let text = report.source.text();
        for finding in &report.findings {
            let spans = std::iter::once(finding.span).chain(finding.related.iter().map(|r| r.span));
            for span in spans {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{name}: {finding:?}"
                );
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
        counts.insert(name, report.findings.len());
    }
    assert!(counts.len() >= 16, "{counts:?}");
}

#[test]
fn sample_badges_that_name_another_repository() {
    let Some((source, findings)) = sample() else {
        return;
    };
    for (row, badge) in [
        ("Cohere", "facebookresearch/llama"),
        ("ConvBERT", "yitu-opensource/ConvBert"),
    ] {
        let row = on_row(&source, &findings, row);
        let finding = one(&row, "badge-repo-mismatch");
        assert_eq!(finding.severity, Severity::Error);
        assert!(underlined(&source, finding).contains(badge), "{finding:?}");
    }
    let convbert = on_row(&source, &findings, "ConvBERT");
    let fix = one(&convbert, "badge-repo-mismatch")
        .fix
        .as_ref()
        .expect("the badge names the row");
    assert_eq!(
        fix.edits[0].replacement,
        "https://github.com/yitu-opensource/ConvBert"
    );
}

#[test]
fn sample_flan_ul2_shares_flan_t5s_paper_under_another_title() {
    let Some((source, findings)) = sample() else {
        return;
    };
    let ul2 = on_row(&source, &findings, "FLAN-UL2");
    let finding = one(&ul2, "paper-link-mismatch");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(
        underlined(&source, finding),
        "https://arxiv.org/pdf/2210.11416.pdf"
    );
    let first = source.position(finding.related[0].span.start).line;
    assert_eq!(first, on_row_line(&source, "FLAN-T5"));
    assert!(
        ul2.iter()
            .all(|f| f.rule != "duplicate-arxiv-id" && f.rule != "year-mismatch")
    );
}

fn on_row_line(source: &Source, name: &str) -> usize {
    source
        .text()
        .lines()
        .position(|l| l.starts_with(&format!("| {name} ")))
        .expect("a row")
        + 1
}

#[test]
fn sample_led_and_longformer_are_one_paper_through_two_spellings() {
    let Some((source, findings)) = sample() else {
        return;
    };
    let longformer = on_row(&source, &findings, "Longformer");
    let finding = one(&longformer, "duplicate-arxiv-id");
    assert_eq!(
        underlined(&source, finding),
        "https://arxiv.org/pdf/2004.05150.pdf"
    );
    let related = &finding.related[0];
    assert_eq!(
        &source.text()[related.span.start..related.span.end],
        "https://arxiv.org/abs/2004.05150"
    );
}

#[test]
fn sample_years_against_the_preprint_and_the_venue() {
    let Some((source, findings)) = sample() else {
        return;
    };
    let t5 = one(&on_row(&source, &findings, "T5"), "year-mismatch");
    assert_eq!(underlined(&source, t5), "2023");
    assert!(t5.message.contains("1910.10683"), "{}", t5.message);
    let phobert = one(&on_row(&source, &findings, "PhoBERT"), "year-mismatch");
    assert_eq!(underlined(&source, phobert), "2022");
    assert_eq!(phobert.severity, Severity::Error);
    let venue = &phobert.related[0];
    assert!(source.text()[venue.span.start..venue.span.end].contains("2020.findings-emnlp.92"));
}

#[test]
fn sample_malformed_urls_are_fixed_exactly() {
    let Some((source, findings)) = sample() else {
        return;
    };
    let funnel = one(
        &on_row(&source, &findings, "Funnel Transformer"),
        "malformed-url",
    );
    assert_eq!(
        underlined(&source, funnel),
        "https://github.com//laiguokun/Funnel-Transformer"
    );
    let fix = funnel.fix.as_ref().expect("a safe fix");
    assert_eq!(
        fix.edits[0].replacement,
        "https://github.com/laiguokun/Funnel-Transformer"
    );
    let reformer = one(&on_row(&source, &findings, "Reformer"), "malformed-url");
    let fix = reformer.fix.as_ref().expect("a safe fix");
    assert_eq!(fix.edits[0].replacement, "https://arxiv.org/abs/2001.04451");
}

#[test]
fn sample_empty_last_row_and_badges_without_links() {
    let Some((source, findings)) = sample() else {
        return;
    };
    let empty: Vec<_> = findings.iter().filter(|f| f.rule == "empty-row").collect();
    assert_eq!(empty.len(), 1);
    assert_eq!(source.position(empty[0].span.start).line, 138);
    let bare = one(
        &on_row(&source, &findings, "BertGeneration"),
        "badge-without-link",
    );
    assert!(underlined(&source, bare).starts_with("![Code]("));
    let count = findings
        .iter()
        .filter(|f| f.rule == "badge-without-link")
        .count();
    assert!(count >= 10, "{count}");
}

#[test]
fn sample_clean_rows_get_nothing_at_warning_or_above() {
    let Some((source, findings)) = sample() else {
        return;
    };
    for name in ["ALBERT", "BERT", "LLaMA"] {
        let row = on_row(&source, &findings, name);
        assert!(
            row.iter().all(|f| f.severity < Severity::Warning),
            "{name}: {row:#?}"
        );
    }
}
