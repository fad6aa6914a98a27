//! GitHub workflow commands: one `::error`, `::warning` or `::notice` line
//! per finding, which an Actions runner turns into an annotation on the
//! file and line.

use std::io::{self, Write};

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;

use super::paths::repo_path;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for finding in &report.findings {
            writeln!(out, "{}", command(&report.source, finding))?;
        }
    }
    Ok(())
}

/// `::warning file=a.md,line=3,col=5,endLine=3,endColumn=9,title=…::message`
fn command(source: &Source, finding: &Finding) -> String {
    let start = source.position(finding.span.start);
    let end = source.position(finding.span.end);
    let mut properties = Vec::new();
    // Standard input has no file to annotate; the line still reaches the log.
    if source.name() != "-" {
        properties.push(("file", repo_path(source.name()).to_owned()));
    }
    properties.extend([
        ("line", start.line.to_string()),
        ("col", start.column.to_string()),
        ("endLine", end.line.to_string()),
        // The column after the span, as in the JSON format's `end_column`.
        ("endColumn", end.column.to_string()),
        ("title", format!("paperlint {}", finding.rule)),
    ]);
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{} {}::{}",
        command_name(finding.severity),
        properties.join(","),
        escape_data(&super::message_with_details(source, finding))
    )
}

fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The escapes the runner undoes in a command's message.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value also ends at `,` (the next property) or `:` (the
/// message), so those are escaped too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::source::Span;

    fn unescape(text: &str) -> String {
        text.replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }

    #[test]
    fn info_findings_become_notices() {
        let source = Source::new("./lists/a.md", "| a |\n| b |\n");
        let finding = Finding::new("empty-row", Span::new(6, 11), "row `2` is empty")
            .severity(Severity::Info);
        assert_eq!(
            command(&source, &finding),
            "::notice file=lists/a.md,line=2,col=1,endLine=2,endColumn=6,\
             title=paperlint empty-row::row `2` is empty"
        );
    }

    #[test]
    fn help_and_related_rows_follow_on_escaped_lines() {
        let source = Source::new("a.md", "x\ny 100%\n");
        let finding = Finding::new("duplicate-arxiv-id", Span::new(2, 3), "50% off, a: b")
            .help("Drop one")
            .related(Span::new(0, 1), "first here");
        let line = command(&source, &finding);
        assert!(
            line.ends_with("::50%25 off, a: b%0Ahelp: Drop one%0Aline 1: first here"),
            "{line}"
        );
        assert_eq!(line.lines().count(), 1);
    }

    #[test]
    fn standard_input_has_no_file_property() {
        let source = Source::new("-", "x\n");
        let finding = Finding::new("empty-row", Span::new(0, 1), "m");
        assert!(command(&source, &finding).starts_with("::warning line=1,col=1,"));
    }

    proptest! {
        #[test]
        fn escaped_properties_keep_every_character_and_no_delimiter(text in "\\PC*[%:,\r\n]*\\PC*") {
            let escaped = escape_property(&text);
            prop_assert!(!escaped.contains([',', ':', '\r', '\n']));
            prop_assert_eq!(unescape(&escaped), text);
        }

        #[test]
        fn escaped_data_stays_on_one_line(text in "[a-z%:,\r\n ]*") {
            let escaped = escape_data(&text);
            prop_assert!(!escaped.contains(['\r', '\n']));
            prop_assert_eq!(unescape(&escaped), text);
        }
    }
}
