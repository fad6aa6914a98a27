use std::io::{self, Write};

use serde::Serialize;

use crate::engine::FileReport;
use crate::finding::{Applicability, Finding, Severity};
use crate::source::Source;

/// One finding as scripts read it. These keys are a public interface.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

/// Replace what stands from `line`:`column` to `end_line`:`end_column`.
#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let all: Vec<JsonFinding<'_>> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| convert(&r.source, f)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

fn convert<'a>(source: &'a Source, finding: &'a Finding) -> JsonFinding<'a> {
    let start = source.position(finding.span.start);
    let end = source.position(finding.span.end);
    JsonFinding {
        rule: finding.rule,
        severity: finding.severity,
        path: source.name(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        message: &finding.message,
        help: finding.help.as_deref(),
        related: finding
            .related
            .iter()
            .map(|r| {
                let at = source.position(r.span.start);
                JsonRelated {
                    path: source.name(),
                    line: at.line,
                    column: at.column,
                    message: &r.message,
                }
            })
            .collect(),
        fix: finding.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let (start, end) = (source.position(e.span.start), source.position(e.span.end));
                    JsonEdit {
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                        replacement: &e.replacement,
                    }
                })
                .collect(),
        }),
    }
}
