//! Table rows, read on every core.
//!
//! pulldown-cmark reads a document on one thread, and a list of 100,000
//! papers is one file: one long table, or hundreds of short ones. So the
//! body rows of tables are read apart:
//!
//! 1. Long runs of lines that start with `|` are masked for the
//!    whole-document parse: all but the first two lines of a run (which may
//!    be a header and its delimiter) become one row of empty cells, as many
//!    as the line heading the run, with the line ending of the run's last
//!    line. A line that starts with `|` starts no block of its own, so the
//!    rest of the document reads the same, and a run of any length costs
//!    the parser one short row. The parser's offsets map back to the text
//!    (`Plan::offset`).
//! 2. When a table ends, its masked rows are read in slices, in parallel:
//!    plain rows directly (see `fast`), the others parsed under a copy of
//!    the table's header and delimiter lines, with references resolved
//!    against the whole document's definitions.
//! 3. Every masked run must come back as a body row, every line of it must
//!    read as one row under the table's header, and the document must have
//!    no footnotes (whose definitions a slice would not see). Otherwise the
//!    caller parses the document whole, as if none of this existed.

use std::cell::RefCell;

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::fast;
use super::rows::split_cells;
use super::table::{Builder, Built, Row, Tally};
use super::{Definitions, OPTIONS, RoleOverrides, suppression_comment, surely_a_reference};
use crate::model::{Comment, Role, UndefinedReference};
use crate::source::Span;

/// Runs of `|` lines shorter than this are left to the whole parse: a
/// table of a few rows is not worth reading twice.
const MIN_RUN: usize = 16;

/// Rows per slice: enough that a slice's copy of the header costs nothing,
/// few enough that every core gets several slices.
const SLICE_ROWS: usize = 2048;

/// The masked text and where its masked runs are, in it and in the text.
pub(super) struct Plan {
    /// The text with every run of masked lines cut to one row of empty
    /// cells and the line ending of its last line.
    pub masked: String,
    /// Starts of the masked lines in the text, ascending.
    lines: Vec<usize>,
    /// Per run: where it starts and ends (line ending included) in
    /// `masked`.
    in_masked: Vec<(usize, usize)>,
    /// Per run: where it starts in the text.
    in_text: Vec<usize>,
    /// How much shorter `masked` is than the text by the end of each run.
    shrunk: Vec<usize>,
}

impl Plan {
    /// A plan for `text`, or None when it has no long run of `|` lines, or
    /// has something that rows read apart would not see the same.
    pub(super) fn new(text: &str) -> Option<Plan> {
        if text.contains("[^") {
            return None;
        }
        let Masked { lines, runs } = masked_lines(text);
        if lines.is_empty() {
            return None;
        }
        let mut masked = String::with_capacity(text.len() / 8);
        let mut in_masked = Vec::with_capacity(runs.len());
        let mut in_text = Vec::with_capacity(runs.len());
        let mut shrunk = Vec::with_capacity(runs.len());
        let mut copied = 0;
        for (i, (first, mask)) in runs.iter().enumerate() {
            let last = runs.get(i + 1).map_or(lines.len(), |(next, _)| *next) - 1;
            let start = lines[*first];
            let end = (memchr_newline(text, lines[last]) + 1).min(text.len());
            let run = &text[start..end];
            // A lone CR would end a line early for the parser.
            let lone_cr = memchr::memchr_iter(b'\r', run.as_bytes())
                .any(|at| run.as_bytes().get(at + 1) != Some(&b'\n'));
            if lone_cr {
                return None;
            }
            let ending = if run.ends_with("\r\n") {
                "\r\n"
            } else if run.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            // Offsets map back by how much shorter the masked text is.
            if mask.len() + ending.len() > run.len() {
                return None;
            }
            masked.push_str(&text[copied..start]);
            let masked_start = masked.len();
            masked.push_str(mask);
            masked.push_str(ending);
            in_masked.push((masked_start, masked.len()));
            in_text.push(start);
            shrunk.push(end - masked.len());
            copied = end;
        }
        masked.push_str(&text[copied..]);
        Some(Plan {
            masked,
            lines,
            in_masked,
            in_text,
            shrunk,
        })
    }

    /// The offset in the text of an offset in `masked`. Inside a masked
    /// run only its start maps exactly, which is all that is asked of it.
    pub(super) fn offset(&self, at: usize) -> usize {
        match self.in_masked.partition_point(|&(start, _)| start <= at) {
            0 => at,
            after => {
                let run = after - 1;
                let (start, end) = self.in_masked[run];
                if at < end {
                    self.in_text[run] + (at - start)
                } else {
                    at + self.shrunk[run]
                }
            }
        }
    }

    /// The masked lines written within `span`.
    fn lines_in(&self, span: Span) -> &[usize] {
        let from = self.lines.partition_point(|&l| l < span.start);
        let to = self.lines.partition_point(|&l| l < span.end);
        &self.lines[from..to]
    }

    /// [`Plan::offset`] of both ends of a range in `masked`.
    pub(super) fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.offset(range.start), self.offset(range.end))
    }

    pub(super) fn is_masked(&self, line_start: usize) -> bool {
        self.lines.binary_search(&line_start).is_ok()
    }

    pub(super) fn line_count(&self) -> usize {
        self.lines.len()
    }
}

/// What reading a table's masked rows added to the document.
#[derive(Default)]
pub(super) struct Restored {
    pub lines: usize,
    pub comments: Vec<Comment>,
    pub undefined: Vec<UndefinedReference>,
    /// Bytes of reference expansions (see `expansion_budget`).
    pub spent: usize,
}

/// What slices need of the whole document.
pub(super) struct Context<'a> {
    pub text: &'a str,
    pub definitions: &'a Definitions,
    pub overrides: &'a RoleOverrides,
}

/// Replaces the masked runs of a finished table with the rows as written.
/// None when they cannot be read apart (see the module docs).
pub(super) fn restore(
    plan: &Plan,
    cx: &Context<'_>,
    builder: &mut Builder<'_>,
) -> Option<Restored> {
    let header = builder.header_span()?;
    let roles = builder.roles();
    let rows = builder.rows_mut();
    if !rows.iter().any(|row| matches!(row, Row::Masked(_))) {
        return Some(Restored::default());
    }
    if plan.is_masked(line_start(cx.text, header.start)) {
        return None;
    }
    let prefix = header_lines(cx.text, header)?;
    // (index of the masked run among the rows, the slice, its lines)
    let mut slices: Vec<(usize, Span, usize)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let Row::Masked(run) = row else { continue };
        let lines = plan.lines_in(*run);
        for (n, chunk) in lines.chunks(SLICE_ROWS).enumerate() {
            let end = lines.get((n + 1) * SLICE_ROWS).copied().unwrap_or(run.end);
            slices.push((index, Span::new(chunk[0], end), chunk.len()));
        }
    }
    let read: Vec<Option<Slice>> = slices
        .par_iter()
        .map(|&(_, span, count)| read_slice(cx, prefix, span, count, &roles))
        .collect();
    let mut restored = Restored::default();
    let mut tally = Tally::default();
    for (&(index, _, _), slice) in slices.iter().zip(read) {
        let slice = slice?;
        restored.lines += slice.rows.len();
        // A run's first slice takes its place; the others follow it.
        match &mut rows[index] {
            Row::Restored(run) => run.extend(slice.rows),
            row => *row = Row::Restored(slice.rows),
        }
        tally.add(slice.tally);
        restored.comments.extend(slice.comments);
        restored.undefined.extend(slice.undefined);
        restored.spent += slice.spent;
    }
    builder.tally_mut().add(tally);
    Some(restored)
}

/// The header line and the delimiter line under it, as written.
fn header_lines(text: &str, header: Span) -> Option<&str> {
    let start = line_start(text, header.start);
    let delimiter = header.end;
    if delimiter >= text.len() || text.as_bytes()[delimiter - 1] != b'\n' {
        return None;
    }
    let end = memchr_newline(text, delimiter);
    let end = (end < text.len()).then_some(end + 1)?;
    Some(&text[start..end])
}

struct Slice {
    rows: Vec<Built>,
    tally: Tally,
    spent: usize,
    comments: Vec<Comment>,
    undefined: Vec<UndefinedReference>,
}

/// Reads and builds the rows written at `span`, one per line: plain rows
/// directly (see `fast`), the others parsed under `prefix` (the header and
/// delimiter lines), with spans in the whole document.
fn read_slice(
    cx: &Context<'_>,
    prefix: &str,
    span: Span,
    expected: usize,
    roles: &[Role],
) -> Option<Slice> {
    let mut builder = Builder::new(cx.text, span, cx.definitions, cx.overrides);
    builder.build_as_read(roles.to_vec());
    let mut read = Read::default();
    let mut events = Vec::new();
    // Rows that need the parser, read together when a plain row follows.
    let mut pending: Option<(Span, usize)> = None;
    let mut start = span.start;
    while start < span.end {
        let end = (memchr_newline(cx.text, start) + 1).min(span.end);
        let row = Span::new(start, end);
        if fast::row_events(cx.text, row, roles.len(), &mut events) {
            if let Some((rows, count)) = pending.take() {
                parse_rows(cx, prefix, rows, count, &mut builder, &mut read)?;
            }
            for (event, span) in events.drain(..) {
                builder.event(event, span);
            }
        } else {
            pending = Some(match pending {
                Some((rows, count)) => (Span::new(rows.start, end), count + 1),
                None => (row, 1),
            });
        }
        start = end;
    }
    if let Some((rows, count)) = pending {
        parse_rows(cx, prefix, rows, count, &mut builder, &mut read)?;
    }
    let (rows, tally) = builder.into_built();
    if rows.len() != expected {
        return None;
    }
    Some(Slice {
        rows,
        tally,
        comments: read.comments,
        undefined: read.undefined,
        spent: read.spent,
    })
}

/// What parsing rows found besides the rows.
#[derive(Default)]
struct Read {
    comments: Vec<Comment>,
    undefined: Vec<UndefinedReference>,
    spent: usize,
}

/// Parses the `count` rows written at `span` under `prefix` into `builder`;
/// None unless they read as one table with one row per line.
fn parse_rows(
    cx: &Context<'_>,
    prefix: &str,
    span: Span,
    count: usize,
    builder: &mut Builder<'_>,
    read: &mut Read,
) -> Option<()> {
    let mut doc = String::with_capacity(prefix.len() + span.len());
    doc.push_str(prefix);
    doc.push_str(&cx.text[span.start..span.end]);
    // Offsets past the prefix map back into the document.
    let shift = |at: usize| at - prefix.len() + span.start;

    let undefined = RefCell::new(Vec::new());
    let spent = std::cell::Cell::new(0);
    let callback = |link: BrokenLink<'_>| {
        if let Some((dest, title)) = cx.definitions.resolve(&link.reference) {
            spent.set(spent.get() + dest.len() + title.len());
            return Some((CowStr::from(dest), CowStr::from(title)));
        }
        if surely_a_reference(link.link_type) && link.span.start >= prefix.len() {
            undefined.borrow_mut().push(UndefinedReference {
                label: link.reference.to_string(),
                span: Span::new(shift(link.span.start), shift(link.span.end)),
            });
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(&doc, OPTIONS, Some(callback));
    let before = builder.built_count();
    let mut in_body = false;
    let mut tables = 0;
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::End(TagEnd::TableHead) => {
                in_body = true;
                continue;
            }
            Event::End(TagEnd::Table) => {
                in_body = false;
                continue;
            }
            _ => {}
        }
        if !in_body {
            continue;
        }
        let span = Span::new(shift(range.start), shift(range.end));
        read.comments.extend(suppression_comment(&event, span));
        builder.event(event, span);
    }
    let added = builder.built_lines(before);
    let one_row_a_line = added.len() == count
        && added.first().is_some_and(|r| r.start == span.start)
        && added.last().is_some_and(|r| r.end == span.end);
    read.undefined.extend(undefined.into_inner());
    // This parser ran short of expansions where the whole parse might not.
    let within_budget = spent.get() < expansion_budget(doc.len());
    read.spent += spent.get();
    (tables == 1 && one_row_a_line && within_budget).then_some(())
}

/// Starts of the lines to mask: in each run of at least [`MIN_RUN`]
/// consecutive lines starting with `|`, all but the first two, which may be
/// the header and its delimiter.
fn masked_lines(text: &str) -> Masked {
    let mut masked = Masked::default();
    let mut run: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = memchr_newline(text, start);
        if text.as_bytes()[start] == b'|' {
            run.push(start);
        } else {
            masked.take(text, &mut run);
        }
        start = end + 1;
    }
    masked.take(text, &mut run);
    masked
}

/// The lines to mask, and what each run of them becomes.
#[derive(Default)]
struct Masked {
    lines: Vec<usize>,
    /// Per run: the index in `lines` of its first masked line, and the row
    /// its lines become: an empty cell for each cell of the line heading
    /// the run, so that the parser pads no row out (it stops padding rows
    /// after a quarter of a million cells).
    runs: Vec<(usize, String)>,
}

impl Masked {
    fn take(&mut self, text: &str, run: &mut Vec<usize>) {
        if run.len() >= MIN_RUN {
            let head = &text[run[0]..memchr_newline(text, run[0])];
            let cells = split_cells(head, 0).len().max(1);
            self.runs.push((self.lines.len(), "|".repeat(cells + 1)));
            self.lines.extend_from_slice(&run[2..]);
        }
        run.clear();
    }
}

/// The offset of the `\n` ending the line at `start`, or the text's length.
fn memchr_newline(text: &str, start: usize) -> usize {
    text[start..].find('\n').map_or(text.len(), |i| start + i)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// How many bytes of URLs and titles pulldown-cmark copies out of reference
/// definitions in a text of `len` bytes before it stops expanding
/// references (and stops calling the broken-link callback), as cmark-gfm
/// does against documents built to blow up.
pub(super) fn expansion_budget(len: usize) -> usize {
    len.max(100_000)
}
