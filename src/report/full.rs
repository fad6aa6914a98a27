//! miette reports, one per finding, with the row cut to a window around the
//! labelled cells: badge-heavy rows run to a thousand columns.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::{Source, Span};

/// How the full format looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Terminal columns the report may fill.
    pub width: usize,
    /// End text reports with a line of counts (off with `-q`).
    pub summary: bool,
}

/// Characters of a row kept on each side of a label.
const MARGIN: usize = 40;

/// Characters of one label shown at most before the window is cut.
const WIDEST: usize = 120;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport], style: &Style) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(0)
        .tab_width(4)
        .with_links(false);
    for report in reports {
        for finding in &report.findings {
            let shown = Shown::new(&report.source, finding);
            let mut text = String::new();
            handler
                .render_report(&mut text, &shown)
                .map_err(|_| io::Error::other("cannot render a finding"))?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(())
}

/// A finding with the excerpt of its file that it labels.
struct Shown<'a> {
    finding: &'a Finding,
    excerpt: Excerpt,
    labels: Vec<LabeledSpan>,
}

impl<'a> Shown<'a> {
    fn new(source: &Source, finding: &'a Finding) -> Self {
        let spans: Vec<Span> = std::iter::once(finding.span)
            .chain(finding.related.iter().map(|r| r.span))
            .collect();
        let excerpt = Excerpt::new(source, &spans);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            finding.label.clone(),
            excerpt.map(finding.span),
        )];
        // A related cell too far along the primary's row to share its
        // window is left out rather than drawn at the window's edge.
        labels.extend(
            finding
                .related
                .iter()
                .filter(|r| excerpt.shows(r.span))
                .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), excerpt.map(r.span))),
        );
        Self {
            finding,
            excerpt,
            labels,
        }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shown")
            .field("finding", self.finding)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// One labelled line as shown: a window of the real line.
struct ShownLine {
    /// 0-based line number in the file.
    number: usize,
    /// Where the real line starts and where the window starts and ends in it.
    line_start: usize,
    window: Span,
    /// Where this line starts in `Excerpt::text`.
    at: usize,
    /// Bytes of the `…` put before the window.
    lead: usize,
    /// Characters of the real line before the window.
    column: usize,
}

/// The labelled lines of a file, each cut to a window, one after another.
/// It answers miette with the real line numbers, so the report reads as if
/// it quoted the file.
struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ShownLine>,
}

const CUT: &str = "…";

impl Excerpt {
    fn new(source: &Source, spans: &[Span]) -> Self {
        let mut numbers: Vec<usize> = spans
            .iter()
            .flat_map(|s| {
                let first = source.position(s.start).line;
                let last = source.position(s.end.max(s.start)).line;
                first..=last
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();

        let mut excerpt = Excerpt {
            name: source.name().to_owned(),
            text: String::new(),
            lines: Vec::new(),
        };
        for number in numbers {
            excerpt.push_line(source, number, spans);
        }
        excerpt
    }

    fn push_line(&mut self, source: &Source, number: usize, spans: &[Span]) {
        let start = source.line_offset(number);
        let line = source.line_span(start);
        let mut on_line: Vec<Span> = spans
            .iter()
            .filter(|s| s.start <= line.end && s.end >= line.start)
            .copied()
            .collect();
        // The primary span comes first: when the labels on its row are too
        // far apart for one window, the window follows the primary.
        let text = source.text();
        let (first, last) = (
            on_line.iter().map(|s| s.start).min(),
            on_line.iter().map(|s| s.end).max(),
        );
        if let (Some(first), Some(last)) = (first, last)
            && spans.first().is_some_and(|p| on_line.contains(p))
            && text[first..last].chars().count() > WIDEST
        {
            on_line.truncate(1);
        }
        let window = window(text, line, &on_line);
        let lead = if window.start > line.start {
            CUT.len()
        } else {
            0
        };
        let at = self.text.len();
        if lead > 0 {
            self.text.push_str(CUT);
        }
        self.text.push_str(source.slice(window));
        if window.end < line.end {
            self.text.push_str(CUT);
        }
        self.text.push('\n');
        self.lines.push(ShownLine {
            number: number - 1,
            line_start: line.start,
            window,
            at,
            lead,
            column: source.text()[line.start..window.start].chars().count(),
        });
    }

    /// Whether the span stands inside a shown window.
    fn shows(&self, span: Span) -> bool {
        self.lines
            .iter()
            .any(|l| l.window.start <= span.start && span.end <= l.window.end)
    }

    /// Where a byte of the file stands in the excerpt.
    fn map_offset(&self, offset: usize) -> usize {
        let index = self
            .lines
            .partition_point(|l| l.line_start <= offset)
            .saturating_sub(1);
        let line = &self.lines[index];
        let clamped = offset.clamp(line.window.start, line.window.end);
        line.at + line.lead + (clamped - line.window.start)
    }

    fn map(&self, span: Span) -> SourceSpan {
        let start = self.map_offset(span.start);
        let end = self.map_offset(span.end).max(start);
        (start, end - start).into()
    }
}

/// The part of a line worth showing: all of it when short, else from a
/// margin before the first label on it to a margin after the last, less
/// the alignment padding at either end, and never much wider than a screen.
fn window(text: &str, line: Span, spans: &[Span]) -> Span {
    let shown = &text[line.start..line.end];
    if shown.chars().count() <= 2 * MARGIN + 80 || spans.is_empty() {
        return line;
    }
    let first = spans
        .iter()
        .map(|s| s.start.max(line.start))
        .min()
        .unwrap_or(line.start);
    let last = spans
        .iter()
        .map(|s| s.end.min(line.end))
        .max()
        .unwrap_or(line.end);
    let last = last.min(forward(text, first, WIDEST, line.end));
    let start = back(text, first, MARGIN, line.start);
    let end = forward(text, last, MARGIN, line.end);
    let start = start + (text[start..first].len() - text[start..first].trim_start().len());
    let end = last + text[last..end].trim_end().len();
    Span::new(start, end)
}

fn back(text: &str, from: usize, chars: usize, limit: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(limit, |(i, _)| limit + i)
}

fn forward(text: &str, from: usize, chars: usize, limit: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(chars)
        .map_or(limit, |(i, _)| from + i)
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let find = |offset: usize| {
            self.lines
                .partition_point(|l| l.at <= offset)
                .saturating_sub(1)
        };
        if self.lines.is_empty() {
            return Err(MietteError::OutOfBounds);
        }
        let first = find(span.offset());
        let last = find(span.offset() + span.len().saturating_sub(1)).max(first);
        let start = self.lines[first].at;
        let end = self
            .lines
            .get(last + 1)
            .map_or(self.text.len(), |l| l.at)
            .saturating_sub(1);
        let data = &self.text.as_bytes()[start..end];
        // The real column of the span, which miette prints in the header.
        let line = &self.lines[first];
        let from = (line.at + line.lead).min(span.offset());
        let column = line.column + self.text[from..span.offset()].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (start, end - start).into(),
            line.number,
            column,
            last - first + 1,
        )))
    }
}
