//! JUnit XML, which CI services show as test results: a test suite per
//! file, a failing test case per finding, one passing case for a clean file.

use std::io::{self, Write};

use crate::engine::FileReport;
use crate::finding::Finding;
use crate::source::Source;

use super::paths::repo_path;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let failures: usize = reports.iter().map(|r| r.findings.len()).sum();
    let tests: usize = reports.iter().map(|r| r.findings.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="paperlint" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for report in reports {
        suite(out, report)?;
    }
    writeln!(out, "</testsuites>")
}

fn suite(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let path = attribute(repo_path(report.source.name()));
    let failures = report.findings.len();
    writeln!(
        out,
        r#"  <testsuite name="{path}" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        failures.max(1)
    )?;
    if report.findings.is_empty() {
        writeln!(
            out,
            r#"    <testcase name="no findings" classname="{path}" file="{path}"/>"#
        )?;
    }
    for finding in &report.findings {
        case(out, &report.source, finding, &path)?;
    }
    writeln!(out, "  </testsuite>")
}

fn case(out: &mut dyn Write, source: &Source, finding: &Finding, path: &str) -> io::Result<()> {
    let at = source.position(finding.span.start);
    let rule = attribute(finding.rule);
    writeln!(
        out,
        r#"    <testcase name="{rule} at {}:{}" classname="{path}" file="{path}" line="{}">"#,
        at.line, at.column, at.line
    )?;
    writeln!(
        out,
        r#"      <failure message="{}" type="{}">{}</failure>"#,
        attribute(&finding.message),
        finding.severity,
        text(&details(source, finding)),
    )?;
    writeln!(out, "    </testcase>")
}

/// What a reader of the failure wants: where, what, and how to repair it.
fn details(source: &Source, finding: &Finding) -> String {
    let at = source.position(finding.span.start);
    format!(
        "{}:{}:{}: {}[{}] {}",
        repo_path(source.name()),
        at.line,
        at.column,
        finding.severity,
        finding.rule,
        super::message_with_details(source, finding)
    )
}

/// Text for an attribute value in double quotes. Line breaks and tabs are
/// written as references, or a parser would normalise them to spaces.
fn attribute(value: &str) -> String {
    escape(value, true)
}

/// Text for element content.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            // A raw CR would be read back as a line feed.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            // XML 1.0 cannot carry these at all, not even as references.
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What XML 1.0 can carry of a string: the rest becomes U+FFFD.
    fn representable(value: &str) -> String {
        value
            .chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => c,
                '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
                c => c,
            })
            .collect()
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            attribute("a<b>&\"c\"\n'd'"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#10;'d'"
        );
        assert_eq!(text("]]> & <x/>\r\n"), "]]&gt; &amp; &lt;x/&gt;&#13;\n");
        assert_eq!(text("bell\u{7}"), "bell\u{fffd}");
    }

    proptest! {
        #[test]
        fn a_parser_reads_back_what_was_escaped(value in "\\PC*[\r\n\t<>&\"'\u{0}\u{1b}]*\\PC*") {
            let xml = format!(r#"<a b="{}">{}</a>"#, attribute(&value), text(&value));
            let doc = roxmltree::Document::parse(&xml).expect("escaped XML parses");
            let root = doc.root_element();
            let expected = representable(&value);
            prop_assert_eq!(root.attribute("b"), Some(expected.as_str()));
            prop_assert_eq!(root.text().unwrap_or(""), expected.as_str());
        }
    }
}
