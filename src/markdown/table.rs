//! Building one table, cell by cell, from the parser's events.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use rayon::prelude::*;

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
fn read_url(link: &mut Link) {
    let facts = links::facts(&link.url);
    link.kind = facts.kind;
    link.venue_year = facts.venue_year;
    link.problem = facts.problem.map(Box::new);
    link.secret = facts.secret.map(String::into_boxed_str);
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

pub(crate) struct Builder<'a> {
    /// The text the events come from, which spans index.
    text: &'a str,
    span: Span,
    definitions: &'a Definitions,
    overrides: &'a RoleOverrides,
    header: Option<RowBuf>,
    rows: Vec<RowBuf>,
    row: Option<RowBuf>,
    cell: Option<CellBuf>,
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
            row: None,
            cell: None,
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
            Event::End(TagEnd::TableRow) => self.rows.extend(self.row.take()),
            Event::Start(Tag::TableCell) => {
                self.cell = Some(CellBuf {
                    span,
                    ..CellBuf::default()
                });
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(cell)) = (&mut self.row, self.cell.take()) {
                    row.cells.push(close_cell(self.text, cell));
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
        self.rows.push(RowBuf {
            span,
            cells: Vec::new(),
        });
    }

    pub(super) fn header_span(&self) -> Option<Span> {
        self.header.as_ref().map(|h| h.span)
    }

    pub(super) fn rows_mut(&mut self) -> &mut [RowBuf] {
        &mut self.rows
    }

    pub(super) fn into_rows(self) -> Vec<RowBuf> {
        self.rows
    }

    /// The table and, when it holds papers, one entry per body row.
    /// `text` is the document as written, which the parsed text may only
    /// mask (see `long`); `group` is the table's index in the document.
    pub(crate) fn finish(mut self, text: &str, group: usize) -> (Table, Vec<Entry>) {
        self.rows.par_iter_mut().for_each(|row| {
            row.cells
                .iter_mut()
                .flat_map(|c| &mut c.links)
                .for_each(read_url);
        });
        let header = self.header.unwrap_or_default();
        let header_fields: Vec<Field> = header
            .cells
            .iter()
            .map(|c| Field {
                text: c.text.clone(),
                span: c.span,
            })
            .collect();
        let roles: Vec<Role> = header_fields
            .iter()
            .map(|f| self.overrides.role(&f.text))
            .collect();
        let is_paper = roles
            .iter()
            .any(|r| matches!(r, Role::Paper | Role::Code | Role::Links))
            || mostly_papers(&self.rows);
        let results = has_numeric_column(&self.rows, &roles);

        let built: Vec<(RowShape, Option<Entry>)> = self
            .rows
            .into_par_iter()
            .map(|row| {
                let shape = row_shape(text, &row, roles.len());
                let entry = (is_paper && !shape.empty).then(|| Entry {
                    results,
                    ..entry(text, group, row, &roles)
                });
                (shape, entry)
            })
            .collect();
        let mut shapes = Vec::with_capacity(built.len());
        let mut entries = Vec::with_capacity(built.len());
        for (shape, entry) in built {
            shapes.push(shape);
            entries.extend(entry);
        }
        let table = Table {
            span: self.span,
            header: header_fields,
            roles,
            rows: shapes,
            is_paper,
        };
        (table, entries)
    }
}

fn close_cell(text: &str, mut cell: CellBuf) -> CellBuf {
    for piece in merge_adjacent(&cell.plain) {
        for (url, span) in bare_urls(&text[piece.start..piece.end], piece.start) {
            cell.links
                .push(new_link(url, span, span, LinkForm::Bare, false, None));
        }
    }
    cell.text = normalise_space(&cell.text);
    // Only needed while the cell was read; a long table keeps every cell.
    cell.plain = Vec::new();
    cell.open = Vec::new();
    cell.links.shrink_to_fit();
    cell
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
        dest.to_string(),
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

fn merge_adjacent(spans: &[Span]) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::new();
    for &span in spans {
        match merged.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => merged.push(span),
        }
    }
    merged
}

fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Tables whose headers name no paper column (`名字`, `Method`) but whose
/// rows link papers anyway.
fn mostly_papers(rows: &[RowBuf]) -> bool {
    let with_paper = rows
        .iter()
        .filter(|r| {
            r.cells
                .iter()
                .flat_map(|c| &c.links)
                .any(Link::is_paper_kind)
        })
        .count();
    !rows.is_empty() && with_paper * 2 >= rows.len()
}

/// Whether a column other than the known ones holds numbers in most rows:
/// a leaderboard, where one paper fills a row per reported setting.
fn has_numeric_column(rows: &[RowBuf], roles: &[Role]) -> bool {
    (0..roles.len())
        .filter(|&i| roles[i] == Role::Other)
        .any(|i| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| c.text.trim())
                .filter(|t| !t.is_empty() && *t != "-")
                .collect();
            let numeric = cells.iter().filter(|t| is_number(t)).count();
            !cells.is_empty() && numeric * 10 >= cells.len() * 8
        })
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

fn entry(text: &str, group: usize, row: RowBuf, roles: &[Role]) -> Entry {
    let mut paper_text = None;
    let mut entry = Entry {
        group,
        results: false,
        span: trim_line_end(text, row.span),
        name: None,
        title: None,
        year: None,
        venue: None,
        venue_years: Vec::new(),
        links: Vec::new(),
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
fn blank_link_destinations(raw: &str) -> String {
    let mut out = raw.to_owned();
    let mut search = 0;
    while let Some(open) = out[search..].find("](").map(|i| search + i + 2) {
        let close = out[open..].find(')').map_or(out.len(), |i| open + i);
        out.replace_range(open..close, &" ".repeat(close - open));
        search = close;
    }
    let spans = bare_urls(raw, 0)
        .into_iter()
        .map(|(_, span)| span)
        .chain(html_attrs(raw, 0).into_iter().map(|a| a.span));
    for span in spans {
        out.replace_range(span.start..span.end, &" ".repeat(span.len()));
    }
    out
}
