//! Building one table, cell by cell, from the parser's events.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Definitions;
use super::inline::{bare_urls, html_attrs, inline_destination, tag_name};
use super::rows::split_cells;
use crate::links::{self, LinkKind};
use crate::model::{Entry, Field, Link, LinkForm, Role, RowShape, Table, Year};
use crate::source::Span;
use crate::years::years_in;

/// Column roles set by header text, over the inferred ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleOverrides(pub HashMap<String, Role>);

impl RoleOverrides {
    pub(crate) fn role(&self, header: &str) -> Role {
        self.0
            .get(&header.trim().to_lowercase())
            .copied()
            .unwrap_or_else(|| Role::from_header(header))
    }
}

/// Reads what a link's URL is and whether it can work as written.
fn read_url(link: &mut Link, badges: &mut Badges) {
    let facts = if link.image {
        badges.facts(&link.url)
    } else {
        links::facts(&link.url)
    };
    link.kind = facts.kind;
    link.venue_year = facts.venue_year;
    link.problem = facts.problem.map(Box::new);
    link.secret = facts.secret.map(String::into_boxed_str);
}

/// What static badge URLs say, kept for the next row: lists repeat the
/// same `Paper` and `Code` badges on every row.
#[derive(Default)]
pub(super) struct Badges(FxHashMap<Box<str>, links::Facts>);

impl Badges {
    /// Enough for every badge a list uses, few enough that a list of
    /// badges each made for its row does not grow it without end.
    const MAX: usize = 256;

    fn facts(&mut self, url: &str) -> links::Facts {
        if let Some(facts) = self.0.get(url) {
            return facts.clone();
        }
        let facts = links::facts(url);
        if matches!(facts.kind, LinkKind::StaticBadge { .. }) && self.0.len() < Self::MAX {
            self.0.insert(url.into(), facts.clone());
        }
        facts
    }
}

/// A cell being read.
#[derive(Debug, Default)]
struct CellBuf {
    span: Span,
    text: String,
    links: Vec<Link>,
    /// Indices of the links and images opened and not yet closed.
    open: Vec<usize>,
    /// The `<a href>` we are inside, if any.
    anchor: Option<usize>,
    /// Text written outside links, where bare URLs may be.
    plain: Vec<Span>,
}

/// A row being read.
#[derive(Debug, Default)]
pub(super) struct RowBuf {
    pub(super) span: Span,
    cells: Vec<CellBuf>,
}

/// A body row as a table holds it while the document is read.
pub(super) enum Row {
    /// Read from the parser's events, not built yet.
    Read(RowBuf),
    /// A run of rows masked for the whole-document parse, to be read apart
    /// (see `long`); where it is written.
    Masked(Span),
    /// A masked run, read apart and built.
    Restored(Vec<Built>),
}

/// A body row built: its shape as written and, unless it is blank, its
/// entry, which the table keeps if it turns out to be a paper table.
pub(super) struct Built {
    shape: RowShape,
    entry: Option<Entry>,
    /// The row's line, line ending included, as the parser spans it.
    line: Span,
}

/// A table finished.
pub(crate) struct Finished {
    pub table: Table,
    pub entries: Vec<Entry>,
    /// Cells the parser adds to rows shorter than the header.
    pub padded: usize,
}

/// What a table's rows say about the whole table (see `finish`), counted
/// where the rows are built and summed over the slices of a long table.
#[derive(Debug, Default)]
pub(super) struct Tally {
    rows: usize,
    /// Rows with a paper link.
    with_paper: usize,
    /// Per column: cells with something in them, and how many of those
    /// hold a number.
    filled: Vec<(usize, usize)>,
    /// Cells missing from rows shorter than the header.
    padded: usize,
}

impl Tally {
    pub(super) fn add(&mut self, other: Tally) {
        self.rows += other.rows;
        self.with_paper += other.with_paper;
        self.padded += other.padded;
        if self.filled.len() < other.filled.len() {
            self.filled.resize(other.filled.len(), (0, 0));
        }
        for (sum, (filled, numeric)) in self.filled.iter_mut().zip(other.filled) {
            sum.0 += filled;
            sum.1 += numeric;
        }
    }

    /// Whether most rows link a paper: a table whose header names no paper
    /// column (`名字`, `Method`) may hold papers all the same.
    fn mostly_papers(&self) -> bool {
        self.rows > 0 && self.with_paper * 2 >= self.rows
    }

    /// Whether a column other than the known ones holds numbers in most
    /// rows: a leaderboard, where one paper fills a row per reported setting.
    fn has_numeric_column(&self) -> bool {
        self.filled
            .iter()
            .any(|&(filled, numeric)| filled > 0 && numeric * 10 >= filled * 8)
    }

    fn count(&mut self, row: &RowBuf, roles: &[Role]) {
        self.rows += 1;
        let mut links = row.cells.iter().flat_map(|c| &c.links);
        self.with_paper += usize::from(links.any(Link::is_paper_kind));
        self.filled.resize(roles.len(), (0, 0));
        for ((cell, role), sum) in row.cells.iter().zip(roles).zip(&mut self.filled) {
            let text = cell.text.trim();
            if *role == Role::Other && !text.is_empty() && text != "-" {
                sum.0 += 1;
                sum.1 += usize::from(is_number(text));
            }
        }
    }
}

/// Builds the rows read from the parser's events, in order; rows built
/// already pass through. The tally counts the rows built here.
pub(super) fn build_rows(
    text: &str,
    rows: impl IntoIterator<Item = Row>,
    roles: &[Role],
) -> (Vec<Built>, Tally) {
    let mut tally = Tally::default();
    let mut badges = Badges::default();
    let mut built = Vec::new();
    for row in rows {
        match row {
            Row::Read(row) => built.push(build_row(text, row, roles, &mut tally, &mut badges)),
            Row::Restored(run) => built.extend(run),
            Row::Masked(_) => unreachable!("masked rows are read apart, or the document whole"),
        }
    }
    (built, tally)
}

/// Reads the row's URLs and builds its shape and entry.
fn build_row(
    text: &str,
    mut row: RowBuf,
    roles: &[Role],
    tally: &mut Tally,
    badges: &mut Badges,
) -> Built {
    for link in row.cells.iter_mut().flat_map(|c| &mut c.links) {
        read_url(link, badges);
    }
    tally.count(&row, roles);
    let shape = row_shape(text, &row, roles.len());
    tally.padded += roles.len().saturating_sub(shape.cells.len());
    let line = row.span;
    let entry = (!shape.empty).then(|| entry(text, row, roles));
    Built { shape, entry, line }
}

/// Rows built together on one thread: enough to make handing them over
/// cheap, few enough to spread a table over every core.
const CHUNK_ROWS: usize = 256;

pub(crate) struct Builder<'a> {
    /// The text the events come from, which spans index.
    text: &'a str,
    span: Span,
    definitions: &'a Definitions,
    overrides: &'a RoleOverrides,
    header: Option<RowBuf>,
    rows: Vec<Row>,
    /// With roles given (see `build_as_read`), rows built as they are read.
    eager: Option<(Vec<Role>, Vec<Built>)>,
    badges: Badges,
    /// Counts over the rows built apart.
    tally: Tally,
    row: Option<RowBuf>,
    cell: Option<CellBuf>,
    /// A closed cell's `open` and `plain`, emptied, for the next cell.
    spare: (Vec<usize>, Vec<Span>),
}

impl<'a> Builder<'a> {
    pub(crate) fn new(
        text: &'a str,
        span: Span,
        definitions: &'a Definitions,
        overrides: &'a RoleOverrides,
    ) -> Self {
        Self {
            text,
            span,
            definitions,
            overrides,
            header: None,
            rows: Vec::new(),
            eager: None,
            badges: Badges::default(),
            tally: Tally::default(),
            row: None,
            cell: None,
            spare: (Vec::new(), Vec::new()),
        }
    }

    pub(crate) fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.row = Some(RowBuf {
                    span,
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead) => self.header = self.row.take(),
            Event::End(TagEnd::TableRow) => {
                if let Some(row) = self.row.take() {
                    match &mut self.eager {
                        Some((roles, built)) => {
                            let row =
                                build_row(self.text, row, roles, &mut self.tally, &mut self.badges);
                            built.push(row);
                        }
                        None => self.rows.push(Row::Read(row)),
                    }
                }
            }
            Event::Start(Tag::TableCell) => {
                let (open, plain) = std::mem::take(&mut self.spare);
                self.cell = Some(CellBuf {
                    span,
                    open,
                    plain,
                    ..CellBuf::default()
                });
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(mut cell)) = (&mut self.row, self.cell.take()) {
                    close_cell(self.text, &mut cell);
                    self.spare = (
                        std::mem::take(&mut cell.open),
                        std::mem::take(&mut cell.plain),
                    );
                    row.cells.push(cell);
                }
            }
            event => {
                if let Some(cell) = &mut self.cell {
                    inline_event(cell, event, span, self.text, self.definitions);
                }
            }
        }
    }

    /// A body row that is read apart (see `long`), standing in its place.
    pub(super) fn placeholder(&mut self, span: Span) {
        self.rows.push(Row::Masked(span));
    }

    pub(super) fn header_span(&self) -> Option<Span> {
        self.header.as_ref().map(|h| h.span)
    }

    pub(super) fn rows_mut(&mut self) -> &mut Vec<Row> {
        &mut self.rows
    }

    pub(super) fn tally_mut(&mut self) -> &mut Tally {
        &mut self.tally
    }

    /// Builds each body row as soon as it is read, while its cells are
    /// still in the cache, rather than when the table is finished.
    pub(super) fn build_as_read(&mut self, roles: Vec<Role>) {
        self.eager = Some((roles, Vec::new()));
    }

    /// The rows built as read so far (see `build_as_read`).
    fn built(&self) -> &[Built] {
        self.eager.as_ref().map_or(&[], |(_, built)| built)
    }

    pub(super) fn built_count(&self) -> usize {
        self.built().len()
    }

    /// The lines of the rows built as read, from the `from`th on.
    pub(super) fn built_lines(&self, from: usize) -> Vec<Span> {
        self.built()[from..].iter().map(|b| b.line).collect()
    }

    /// The rows built as they were read, and their tally.
    pub(super) fn into_built(self) -> (Vec<Built>, Tally) {
        (
            self.eager.map(|(_, built)| built).unwrap_or_default(),
            self.tally,
        )
    }

    /// The role of each column, from the header.
    pub(super) fn roles(&self) -> Vec<Role> {
        self.header.as_ref().map_or_else(Vec::new, |header| {
            header
                .cells
                .iter()
                .map(|c| self.overrides.role(&c.text))
                .collect()
        })
    }

    /// The table and, when it holds papers, one entry per body row.
    /// `text` is the document as written, which the parsed text may only
    /// mask (see `long`); `group` is the table's index in the document.
    pub(crate) fn finish(self, text: &str, group: usize) -> Finished {
        let roles = self.roles();
        let header: Vec<Field> = self.header.map_or_else(Vec::new, |header| {
            header
                .cells
                .into_iter()
                .map(|c| Field {
                    text: c.text,
                    span: c.span,
                })
                .collect()
        });
        let parts: Vec<(Vec<Built>, Tally)> = self
            .rows
            .into_par_iter()
            .chunks(CHUNK_ROWS)
            .map(|rows| build_rows(text, rows, &roles))
            .collect();
        let mut tally = self.tally;
        let count = parts.iter().map(|(built, _)| built.len()).sum();
        let mut rows = Vec::with_capacity(count);
        let mut entries = Vec::with_capacity(count);
        for (part, counts) in parts {
            tally.add(counts);
            for Built { shape, entry, .. } in part {
                rows.push(shape);
                entries.extend(entry);
            }
        }
        let is_paper = roles
            .iter()
            .any(|r| matches!(r, Role::Paper | Role::Code | Role::Links))
            || tally.mostly_papers();
        let results = tally.has_numeric_column();
        if !is_paper {
            entries = Vec::new();
        }
        for entry in &mut entries {
            entry.group = group;
            entry.results = results;
        }
        let table = Table {
            span: self.span,
            header,
            roles,
            rows,
            is_paper,
        };
        Finished {
            table,
            entries,
            padded: tally.padded,
        }
    }
}

/// Finds the bare URLs in the cell's plain text and tidies its text; the
/// cell's `open` and `plain` are left empty for the next cell to use.
fn close_cell(text: &str, cell: &mut CellBuf) {
    // Text events next to each other are one piece of text.
    cell.plain.dedup_by(|next, last| {
        let adjacent = last.end == next.start;
        if adjacent {
            last.end = next.end;
        }
        adjacent
    });
    for piece in &cell.plain {
        for (url, span) in bare_urls(&text[piece.start..piece.end], piece.start) {
            cell.links
                .push(new_link(url, span, span, LinkForm::Bare, false, None));
        }
    }
    cell.text = normalise_space(std::mem::take(&mut cell.text));
    cell.plain.clear();
    cell.open.clear();
}

fn inline_event(
    cell: &mut CellBuf,
    event: Event<'_>,
    span: Span,
    text: &str,
    definitions: &Definitions,
) {
    match event {
        Event::Text(t) => {
            push_text(cell, &t);
            if cell.open.is_empty() && cell.anchor.is_none() {
                cell.plain.push(span);
            }
        }
        Event::Code(t) => push_text(cell, &t),
        Event::SoftBreak | Event::HardBreak => cell.text.push(' '),
        Event::InlineHtml(html) | Event::Html(html) => inline_html(cell, &html, span),
        Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            let (image, parts) = match tag {
                Tag::Image {
                    link_type,
                    dest_url,
                    id,
                    ..
                } => (true, (link_type, dest_url, id)),
                Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                } => (false, (link_type, dest_url, id)),
                _ => unreachable!("the arm matches links and images only"),
            };
            open_link(cell, text, definitions, span, parts, image);
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            cell.open.pop();
        }
        _ => {}
    }
}

/// Link text goes to the cell's text; image alt text (`Paper`, `Code`,
/// `Star`) labels a badge and is not part of what the cell says.
fn push_text(cell: &mut CellBuf, t: &str) {
    let in_image = cell.open.iter().any(|&i| cell.links[i].image);
    if let Some(&top) = cell.open.last() {
        cell.links[top].text.push_str(t);
    }
    if !in_image {
        cell.text.push_str(t);
    }
}

fn open_link(
    cell: &mut CellBuf,
    text: &str,
    definitions: &Definitions,
    whole: Span,
    (link_type, dest, id): (LinkType, CowStr<'_>, CowStr<'_>),
    image: bool,
) {
    let (form, url_span) = match link_type {
        LinkType::Inline => (LinkForm::Inline, inline_destination(text, whole, &dest)),
        LinkType::Autolink | LinkType::Email => (
            LinkForm::Autolink,
            Span::new(
                whole.start + 1,
                whole.end.saturating_sub(1).max(whole.start + 1),
            ),
        ),
        _ => {
            let label = if id.is_empty() { &dest } else { &id };
            let span = definitions.destination_span(label).unwrap_or(whole);
            (LinkForm::Reference, span)
        }
    };
    let parent = cell.open.last().copied();
    cell.links.push(new_link(
        dest.into_string(),
        url_span,
        whole,
        form,
        image,
        parent,
    ));
    cell.open.push(cell.links.len() - 1);
}

fn inline_html(cell: &mut CellBuf, html: &str, span: Span) {
    match tag_name(html).as_str() {
        "br" => cell.text.push(' '),
        "a" => {
            let href = html_attrs(html, span.start)
                .into_iter()
                .find(|a| a.name == "href");
            if let Some(attr) = href {
                cell.links.push(new_link(
                    attr.value,
                    attr.span,
                    span,
                    LinkForm::Html,
                    false,
                    None,
                ));
                cell.anchor = Some(cell.links.len() - 1);
            }
        }
        "/a" => cell.anchor = None,
        "img" => {
            let src = html_attrs(html, span.start)
                .into_iter()
                .find(|a| a.name == "src");
            if let Some(attr) = src {
                let parent = cell.anchor;
                cell.links.push(new_link(
                    attr.value,
                    attr.span,
                    span,
                    LinkForm::Html,
                    true,
                    parent,
                ));
            }
        }
        _ => {}
    }
}

fn new_link(
    url: String,
    url_span: Span,
    span: Span,
    form: LinkForm,
    image: bool,
    parent: Option<usize>,
) -> Link {
    Link {
        // Classified when the table is finished, once per distinct URL.
        kind: LinkKind::Other,
        venue_year: None,
        problem: None,
        secret: None,
        url,
        url_span,
        span,
        form,
        image,
        text: String::new(),
        parent,
        role: Role::Other,
    }
}

/// Words separated by single spaces. Most cells are written so already,
/// and keep their string.
fn normalise_space(text: String) -> String {
    let bytes = text.as_bytes();
    let tidy = text.is_ascii()
        && bytes.first().is_none_or(|&b| b != b' ')
        && bytes.last().is_none_or(|&b| b != b' ')
        && !bytes
            .iter()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        && !text.contains("  ");
    if tidy {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn row_shape(text: &str, row: &RowBuf, header_cells: usize) -> RowShape {
    let line = trim_line_end(text, row.span);
    let written = split_cells(&text[line.start..line.end], line.start);
    let blank = |s: &Span| text[s.start..s.end].trim().is_empty();
    RowShape {
        span: line,
        extra: written.iter().skip(header_cells).copied().collect(),
        empty: written.iter().all(blank),
        cells: written,
    }
}

fn trim_line_end(text: &str, span: Span) -> Span {
    let end = span.start
        + text[span.start..span.end]
            .trim_end_matches(['\n', '\r'])
            .len();
    Span::new(span.start, end)
}

/// `42.9`, `24M`, `1.5B`, `85.3%`, `~7`, `47.69*`
fn is_number(text: &str) -> bool {
    let core = text
        .trim_start_matches(['~', '≈', '<', '>'])
        .trim_end_matches(['*', '%', 'M', 'B', 'K', 'k', 'm', 'b', '†'])
        .trim();
    !core.is_empty()
        && core.chars().any(|c| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '±' | '-'))
}

/// Paper cells often hold the title too: `[Title](https://arxiv.org/...)`
/// or a badge followed by `<br>Title`. A few words make a title; a bare
/// `paper` or `arXiv` label does not.
fn looks_like_title(text: &str) -> bool {
    text.split_whitespace().count() >= 3
}

/// The title in a paper cell that also describes the paper:
/// `8) Scaling Widgets - a study of ...` gives `Scaling Widgets`.
fn title_part(text: &str) -> String {
    let text = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let text = text
        .strip_prefix(')')
        .or_else(|| text.strip_prefix('.'))
        .unwrap_or(text);
    let title = [" - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.split_once(sep).map(|(head, _)| head))
        .min_by_key(|head| head.len())
        .unwrap_or(text);
    title.trim().trim_matches('"').trim().to_owned()
}

fn entry(text: &str, row: RowBuf, roles: &[Role]) -> Entry {
    let mut paper_text = None;
    let mut entry = Entry {
        // Both set when the table is finished.
        group: 0,
        results: false,
        span: trim_line_end(text, row.span),
        name: None,
        title: None,
        year: None,
        venue: None,
        venue_years: Vec::new(),
        links: Vec::with_capacity(row.cells.iter().map(|c| c.links.len()).sum()),
    };
    // Only the cells that say what the row is are kept as text.
    let field = |cell: &CellBuf| {
        (!cell.text.is_empty()).then(|| Field {
            text: cell.text.clone(),
            span: content_span(text, cell.span),
        })
    };
    for (cell, &role) in row.cells.into_iter().zip(roles) {
        let offset = entry.links.len();
        match role {
            Role::Name if entry.name.is_none() => entry.name = field(&cell),
            Role::Title if entry.title.is_none() => entry.title = field(&cell),
            Role::Paper | Role::Links if paper_text.is_none() && looks_like_title(&cell.text) => {
                paper_text = field(&cell).map(|f| Field {
                    text: title_part(&f.text),
                    span: f.span,
                });
            }
            Role::Year if entry.year.is_none() => entry.year = year_in_cell(text, cell.span),
            Role::Venue if entry.venue.is_none() => {
                entry.venue_years.extend(years_in_cell(text, cell.span));
                entry.venue = field(&cell);
            }
            _ => {}
        }
        entry.links.extend(cell.links.into_iter().map(|mut link| {
            link.role = role;
            link.parent = link.parent.map(|p| p + offset);
            link
        }));
    }
    let url_years: Vec<Year> = entry
        .links
        .iter()
        .filter(|l| !l.image)
        .filter_map(|l| {
            Some(Year {
                value: l.venue_year?,
                span: l.url_span,
            })
        })
        .collect();
    // A proceedings URL speaks for the venue only when the row names none:
    // a row may link its conference version beside the journal it names.
    if entry.venue.is_none() {
        entry.venue_years.extend(url_years);
    }
    if entry.title.is_none() {
        entry.title = paper_text;
    }
    entry
}

/// A cell's span without the padding around its content.
fn content_span(text: &str, span: Span) -> Span {
    let raw = &text[span.start..span.end];
    let lead = raw.len() - raw.trim_start().len();
    Span::new(
        span.start + lead,
        span.start + raw.trim_end().len().max(lead),
    )
}

/// The year a cell states. Read from the source, so that a year written
/// inside a link's URL (`[2023](...)` is fine, `.../2021/...` is not) is not
/// taken for the cell's own.
fn year_in_cell(text: &str, span: Span) -> Option<Year> {
    years_in_cell(text, span).into_iter().next()
}

fn years_in_cell(text: &str, span: Span) -> Vec<Year> {
    let raw = &text[span.start..span.end];
    if !raw.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let without_urls = blank_link_destinations(raw);
    years_in(&without_urls)
        .into_iter()
        .map(|(value, r)| Year {
            value,
            span: span.sub(r.start, r.end),
        })
        .collect()
}

/// The text with every `](...)` destination and bare URL replaced by
/// spaces of the same length, so that offsets stay put.
fn blank_link_destinations(raw: &str) -> Cow<'_, str> {
    let spans: Vec<Span> = bare_urls(raw, 0)
        .into_iter()
        .map(|(_, span)| span)
        .chain(html_attrs(raw, 0).into_iter().map(|a| a.span))
        .collect();
    if spans.is_empty() && !raw.contains("](") {
        return Cow::Borrowed(raw);
    }
    let mut out = raw.to_owned();
    let mut search = 0;
    while let Some(open) = out[search..].find("](").map(|i| search + i + 2) {
        let close = out[open..].find(')').map_or(out.len(), |i| open + i);
        out.replace_range(open..close, &" ".repeat(close - open));
        search = close;
    }
    for span in spans {
        out.replace_range(span.start..span.end, &" ".repeat(span.len()));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{Badges, normalise_space};
    use crate::links;

    #[test]
    fn badges_read_before_read_as_new_ones() {
        let mut badges = Badges::default();
        let urls = [
            "https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge",
            "https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge",
            "https://img.shields.io/github/stars/o/r.svg?style=social",
            "https://img.shields.io/badge/Code-add7e6?token=abc",
            "https://img.shields.io/badge/Code-add7e6?token=abc",
        ];
        for url in urls {
            assert_eq!(badges.facts(url), links::facts(url), "{url}");
        }
        assert_eq!(
            badges.0.len(),
            2,
            "static badges are kept, stars badges are not"
        );
    }

    proptest::proptest! {
        #[test]
        fn spaces_are_normalised_as_split_whitespace_splits(
            text in "[a \t\r\u{b}\u{a0}]{0,8}"
        ) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalise_space(text), expected);
        }
    }
}
