//! Markdown to the model: pulldown-cmark events with their offsets, turned
//! into tables and paper entries.

mod fast;
mod inline;
mod long;
mod rows;
mod table;

use std::cell::RefCell;

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use unicase::UniCase;

use crate::model::{Comment, Document, UndefinedReference};
use crate::source::{Source, Span};

pub(crate) use table::RoleOverrides;

pub(super) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_GFM);

/// Parses a file into tables and entries.
pub(crate) fn parse(source: &Source, overrides: &RoleOverrides) -> Document {
    let text = source.text();
    let started = std::time::Instant::now();
    let plan = long::Plan::new(text);
    if let Some(plan) = &plan {
        log::debug!(
            "{}: {} table rows masked in {:.2?}",
            source.name(),
            plan.line_count(),
            started.elapsed()
        );
    }
    if let Some(plan) = plan {
        if let Some(doc) = parse_with(text, Some(&plan), overrides) {
            return doc;
        }
        log::debug!(
            "{}: table rows could not be read apart; parsing whole",
            source.name()
        );
    }
    parse_with(text, None, overrides).expect("a parse without a plan always completes")
}

/// Parses `text`, or its masked copy when there is a plan for its table
/// rows; None when a plan fails (see `long`).
fn parse_with(
    text: &str,
    plan: Option<&long::Plan>,
    overrides: &RoleOverrides,
) -> Option<Document> {
    let started = std::time::Instant::now();
    let parsed = plan.map_or(text, |p| p.masked.as_str());
    // Offsets in what is parsed, as offsets in the text.
    let to_text = |range: std::ops::Range<usize>| match plan {
        Some(plan) => plan.span(range),
        None => Span::from(range),
    };
    let broken = RefCell::new(Vec::new());
    let callback = |link: BrokenLink<'_>| {
        if !surely_a_reference(link.link_type) {
            return None;
        }
        broken.borrow_mut().push(UndefinedReference {
            label: link.reference.to_string(),
            span: to_text(link.span),
        });
        None
    };
    let parser = Parser::new_with_broken_link_callback(parsed, OPTIONS, Some(callback));
    let definitions = Definitions::new(text, &parser, to_text);
    let context = long::Context {
        text,
        definitions: &definitions,
        overrides,
    };

    let mut doc = Document::default();
    let mut restored_references = Vec::new();
    let mut builder: Option<table::Builder> = None;
    let mut tables = Vec::new();
    let mut placeholder = false;
    // Bytes of reference expansions, which pulldown-cmark caps.
    let mut spent = 0;
    for (event, range) in parser.into_offset_iter() {
        // A masked row's insides are not read.
        if placeholder {
            placeholder = !matches!(event, Event::End(TagEnd::TableRow));
            continue;
        }
        let span = to_text(range);
        if let (Some(plan), Some(b)) = (plan, &mut builder)
            && matches!(event, Event::Start(Tag::TableRow))
            && plan.is_masked(span.start)
        {
            b.placeholder(span);
            placeholder = true;
            continue;
        }
        doc.comments.extend(suppression_comment(&event, span));
        spent += expansion(&event);
        match (&mut builder, event) {
            (None, Event::Start(Tag::Table(_))) => {
                builder = Some(table::Builder::new(text, span, &definitions, overrides));
            }
            (Some(_), Event::End(TagEnd::Table)) => {
                tables.push(builder.take().expect("a table is being built"));
            }
            (Some(b), event) => b.event(event, span),
            (None, _) => {}
        }
    }
    log::trace!("document parsed in {:.2?}", started.elapsed());
    // Tables are finished once the parser and its tree are gone: their
    // rows take the memory it frees.
    if let Some(plan) = plan {
        let restored = restore_tables(plan, &context, &mut tables)?;
        // Each reading must stay within its own budget and the whole
        // parse's, or they may stop expanding references at different
        // places: such a document is read whole.
        let whole = spent + restored.spent;
        if spent >= long::expansion_budget(parsed.len())
            || whole >= long::expansion_budget(text.len())
        {
            return None;
        }
        doc.comments.extend(restored.comments);
        restored_references = restored.undefined;
    }
    log::trace!("masked rows read in {:.2?}", started.elapsed());
    let finished: Vec<_> = tables
        .into_par_iter()
        .enumerate()
        .map(|(group, table)| table.finish(text, group))
        .collect();
    // pulldown-cmark stops padding short rows out (and ends the table) after
    // 2^18 padded cells in a table; slices would not. Such a table, or one
    // near it, is read whole.
    if plan.is_some() && finished.iter().any(|f| f.padded >= 1 << 17) {
        return None;
    }
    for table::Finished { table, entries, .. } in finished {
        doc.tables.push(table);
        doc.entries.extend(entries);
    }
    log::trace!("tables finished in {:.2?}", started.elapsed());
    doc.undefined_references = broken.into_inner();
    doc.undefined_references.extend(restored_references);
    doc.undefined_references.sort_by_key(|r| r.span);
    doc.comments.sort_by_key(|c| c.span);
    Some(doc)
}

/// The bytes pulldown-cmark counts against its expansion budget for this
/// event: a link or image whose destination came from a definition.
fn expansion(event: &Event<'_>) -> usize {
    match event {
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            },
        ) if !matches!(
            link_type,
            LinkType::Inline | LinkType::Autolink | LinkType::Email | LinkType::WikiLink { .. }
        ) =>
        {
            dest_url.len() + title.len()
        }
        _ => 0,
    }
}

/// `[NeurIPS 2022]` alone is text in brackets as often as a link; only
/// `[text][label]` and `[label][]` surely meant a reference.
fn surely_a_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
    )
}

/// An HTML comment that may hold a suppression. Comments in code blocks
/// arrive as text, so only real ones count.
fn suppression_comment(event: &Event<'_>, span: Span) -> Option<Comment> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) if html.contains("paperlint-") => {
            Some(Comment {
                text: html.to_string(),
                span,
            })
        }
        _ => None,
    }
}

/// Reads the masked rows of every table, table by table in parallel (and
/// slice by slice within a long one). None when a masked line did not come
/// back as a body row.
fn restore_tables(
    plan: &long::Plan,
    context: &long::Context<'_>,
    tables: &mut [table::Builder<'_>],
) -> Option<long::Restored> {
    let restored: Vec<Option<long::Restored>> = tables
        .par_iter_mut()
        .map(|table| long::restore(plan, context, table))
        .collect();
    let mut all = long::Restored::default();
    for restored in restored {
        let restored = restored?;
        all.lines += restored.lines;
        all.comments.extend(restored.comments);
        all.undefined.extend(restored.undefined);
        all.spent += restored.spent;
    }
    (all.lines == plan.line_count()).then_some(all)
}

/// The document's reference definitions, matched as pulldown-cmark
/// matches them: Unicode case folding, spaces collapsed.
#[derive(Default)]
pub(crate) struct Definitions(HashMap<UniCase<String>, Definition>);

/// Where a definition's destination is written, and what it says.
struct Definition {
    span: Span,
    dest: String,
    title: String,
}

impl Definitions {
    /// `to_text` maps the parser's offsets to the text's (see `long`).
    fn new<'a, F>(
        text: &str,
        parser: &Parser<'a, F>,
        to_text: impl Fn(std::ops::Range<usize>) -> Span,
    ) -> Self
    where
        F: pulldown_cmark::BrokenLinkCallback<'a>,
    {
        let defs = parser.reference_definitions().iter().map(|(label, def)| {
            let definition = Definition {
                span: inline::definition_destination(text, to_text(def.span.clone()), &def.dest),
                dest: def.dest.to_string(),
                title: def.title.as_deref().unwrap_or_default().to_owned(),
            };
            (UniCase::new(collapse(label)), definition)
        });
        Definitions(defs.collect())
    }

    fn get(&self, label: &str) -> Option<&Definition> {
        self.0.get(&UniCase::new(collapse(label)))
    }

    /// Where the destination of the definition of `label` is written.
    pub(crate) fn destination_span(&self, label: &str) -> Option<Span> {
        self.get(label).map(|d| d.span)
    }

    /// The destination and title that `label` stands for.
    pub(crate) fn resolve(&self, label: &str) -> Option<(String, String)> {
        self.get(label).map(|d| (d.dest.clone(), d.title.clone()))
    }
}

/// A label as pulldown-cmark normalises it: runs of ASCII whitespace
/// (vertical tab and form feed included) as one space, none at the ends.
/// Other spaces (no-break, ideographic) are part of the label.
fn collapse(label: &str) -> String {
    label
        .split([' ', '\t', '\n', '\u{b}', '\u{c}', '\r'])
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
