//! Markdown to the model: pulldown-cmark events with their offsets, turned
//! into tables and paper entries.

mod inline;
mod rows;
mod table;

use std::cell::RefCell;

use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;

use crate::model::{Comment, Document, UndefinedReference};
use crate::source::{Source, Span};

pub(crate) use table::RoleOverrides;

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_GFM);

/// Where each reference definition's destination is written, by label
/// (lowercased, as references match).
pub(crate) type Definitions = FxHashMap<String, Span>;

/// Parses a file into tables and entries.
pub(crate) fn parse(source: &Source, overrides: &RoleOverrides) -> Document {
    let text = source.text();
    let broken = RefCell::new(Vec::new());
    let callback = |link: BrokenLink<'_>| {
        // `[NeurIPS 2022]` alone is text in brackets as often as a link;
        // only `[text][label]` and `[label][]` surely meant a reference.
        if !matches!(
            link.link_type,
            LinkType::Reference
                | LinkType::ReferenceUnknown
                | LinkType::Collapsed
                | LinkType::CollapsedUnknown
        ) {
            return None;
        }
        broken.borrow_mut().push(UndefinedReference {
            label: link.reference.to_string(),
            span: link.span.into(),
        });
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, OPTIONS, Some(callback));
    let definitions = definitions(text, &parser);

    let mut doc = Document::default();
    let mut builder: Option<table::Builder> = None;
    for (event, range) in parser.into_offset_iter() {
        let span = Span::from(range);
        // Comments in code blocks arrive as text, so only real ones count.
        if let Event::Html(html) | Event::InlineHtml(html) = &event
            && html.contains("paperlint-")
        {
            doc.comments.push(Comment {
                text: html.to_string(),
                span,
            });
        }
        match (&mut builder, event) {
            (None, Event::Start(Tag::Table(_))) => {
                builder = Some(table::Builder::new(text, span, &definitions, overrides));
            }
            (Some(_), Event::End(TagEnd::Table)) => {
                let finished = builder.take().expect("a table is being built");
                finished.finish(doc.tables.len(), &mut doc);
            }
            (Some(b), event) => b.event(event, span),
            (None, _) => {}
        }
    }
    doc.undefined_references = broken.into_inner();
    doc
}

fn definitions<'a, F>(text: &str, parser: &Parser<'a, F>) -> Definitions
where
    F: pulldown_cmark::BrokenLinkCallback<'a>,
{
    parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            let span = inline::definition_destination(text, def.span.clone().into(), &def.dest);
            (label.to_lowercase(), span)
        })
        .collect()
}

#[cfg(test)]
mod tests;
