//! The events of a plain table row, without the parser.
//!
//! Most rows of a long list are words and inline links: `| Name | Title |
//! [![Paper](badge)](https://arxiv.org/...) |`. For such a row the events
//! pulldown-cmark would give are plain to see, and producing them directly
//! costs a fraction of a parse. Any row with something that needs the
//! parser's judgement (emphasis, code, HTML, escapes, entities, references,
//! brackets that do not make a link, a short row) is declined, and the
//! caller parses it as before. Tests compare the two on generated rows and
//! on every row of the corpus.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::source::Span;

/// Writes the events of the table body row at `row` (its line, line ending
/// included) into `out`, cells past `columns` dropped as the parser drops
/// them. False, with `out` in no useful state, when the row needs the parser.
pub(super) fn row_events<'t>(
    text: &'t str,
    row: Span,
    columns: usize,
    out: &mut Vec<(Event<'t>, Span)>,
) -> bool {
    out.clear();
    let line = &text[row.start..row.end];
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let bytes = line.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'|' || bytes[bytes.len() - 1] != b'|' {
        return false;
    }
    out.push((Event::Start(Tag::TableRow), row));
    let mut cells = 0;
    let mut cell_start = 1;
    for (i, &byte) in bytes.iter().enumerate().skip(1) {
        if byte != b'|' {
            continue;
        }
        let cell = Span::new(row.start + cell_start, row.start + i);
        // Cells past the header are dropped, but must read plainly too.
        let mut scratch = Vec::new();
        let sink = if cells < columns {
            &mut *out
        } else {
            &mut scratch
        };
        if !cell_events(text, cell, sink) {
            return false;
        }
        cells += 1;
        cell_start = i + 1;
    }
    if cells < columns {
        return false;
    }
    out.push((Event::End(TagEnd::TableRow), row));
    true
}

/// One cell's events; false when its content needs the parser.
fn cell_events<'t>(text: &'t str, cell: Span, out: &mut Vec<(Event<'t>, Span)>) -> bool {
    let raw = &text[cell.start..cell.end];
    let content = raw.trim_matches(' ');
    let start = cell.start + (raw.len() - raw.trim_start_matches(' ').len());
    let content = Span::new(start, start + content.len());
    out.push((Event::Start(Tag::TableCell), cell));
    let bytes = text.as_bytes();
    let mut at = content.start;
    let mut text_start = at;
    while at < content.end {
        let link_start = match bytes[at] {
            b'[' => at,
            b'!' if bytes.get(at + 1) == Some(&b'[') => at,
            b']' | b'\\' | b'`' | b'*' | b'_' | b'~' | b'<' | b'&' => return false,
            b if b < 0x20 => return false,
            _ => {
                at += 1;
                continue;
            }
        };
        push_text(text, Span::new(text_start, link_start), out);
        let Some(end) = link(text, link_start, content.end, out) else {
            return false;
        };
        at = end;
        text_start = end;
    }
    push_text(text, Span::new(text_start, content.end), out);
    out.push((Event::End(TagEnd::TableCell), cell));
    true
}

fn push_text<'t>(text: &'t str, span: Span, out: &mut Vec<(Event<'t>, Span)>) {
    if !span.is_empty() {
        let words = CowStr::Borrowed(&text[span.start..span.end]);
        out.push((Event::Text(words), span));
    }
}

/// `[words](dest)`, `![words](dest)` or `[![words](src)](dest)` starting at
/// `at` and ending by `end`: its events, and where it ends. None for
/// anything else.
fn link<'t>(
    text: &'t str,
    at: usize,
    end: usize,
    out: &mut Vec<(Event<'t>, Span)>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let image = bytes[at] == b'!';
    let open = if image { at + 1 } else { at };
    let label_start = open + 1;
    // Where the events of the link's insides go, to come after its start.
    let mut inside = Vec::new();
    let label_end = if !image && text[label_start..end].starts_with("![") {
        let inner_end = link(text, label_start, end, &mut inside)?;
        (bytes.get(inner_end) == Some(&b']')).then_some(inner_end)?
    } else {
        let len = bytes[label_start..end]
            .iter()
            .position(|&b| !plain_label_byte(b))?;
        let label_end = label_start + len;
        if bytes[label_end] != b']' {
            return None;
        }
        push_text(text, Span::new(label_start, label_end), &mut inside);
        label_end
    };
    if bytes.get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let dest_start = label_end + 2;
    let dest_len = bytes[dest_start..end]
        .iter()
        .position(|&b| !plain_destination_byte(b))?;
    let dest_end = dest_start + dest_len;
    if dest_len == 0 || bytes[dest_end] != b')' {
        return None;
    }
    let dest = &text[dest_start..dest_end];
    if holds_entity(dest) {
        return None;
    }
    let span = Span::new(at, dest_end + 1);
    let dest_url = CowStr::Borrowed(dest);
    let (title, id) = (CowStr::Borrowed(""), CowStr::Borrowed(""));
    let link_type = LinkType::Inline;
    let (start, close) = if image {
        let tag = Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        };
        (tag, TagEnd::Image)
    } else {
        let tag = Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        };
        (tag, TagEnd::Link)
    };
    out.push((Event::Start(start), span));
    out.append(&mut inside);
    out.push((Event::End(close), span));
    Some(span.end)
}

/// Bytes of link text that the parser reads as text and nothing else.
fn plain_label_byte(b: u8) -> bool {
    b >= 0x20
        && !matches!(
            b,
            b'[' | b']' | b'!' | b'\\' | b'`' | b'*' | b'_' | b'~' | b'<' | b'&' | b'|'
        )
}

/// Bytes of a destination written plainly: no space, no parenthesis or
/// angle bracket, no escape.
fn plain_destination_byte(b: u8) -> bool {
    b > 0x20 && !matches!(b, b'(' | b')' | b'<' | b'>' | b'\\' | b'`' | b'|')
}

/// Whether `&` starts something that could be a character reference
/// (`&amp;`, `&#38;`), which the parser would decode.
fn holds_entity(dest: &str) -> bool {
    if !dest.contains('&') {
        return false;
    }
    let bytes = dest.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'&' && {
            let name = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
                .count();
            bytes.get(i + 1 + name) == Some(&b';')
        }
    })
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Parser, TagEnd};

    use super::row_events;
    use crate::markdown::OPTIONS;
    use crate::source::Span;

    type Events = Vec<(Event<'static>, Span)>;

    /// Text events next to each other as one: the parser may split text
    /// where it looked for something, and readers join it again.
    fn joined(events: impl IntoIterator<Item = (Event<'static>, Span)>) -> Events {
        let mut out: Events = Vec::new();
        for (event, span) in events {
            if let (Some((Event::Text(last), last_span)), Event::Text(next)) =
                (out.last_mut(), &event)
                && last_span.end == span.start
            {
                *last = format!("{last}{next}").into();
                last_span.end = span.end;
                continue;
            }
            out.push((event, span));
        }
        out
    }

    /// The parser's events for the body row of a two-line-header document.
    fn parsed(doc: &str) -> Events {
        let mut body = false;
        let events = Parser::new_ext(doc, OPTIONS)
            .into_offset_iter()
            .filter(|(event, _)| {
                let keep = body && !matches!(event, Event::End(TagEnd::Table));
                if matches!(event, Event::End(TagEnd::TableHead)) {
                    body = true;
                }
                keep
            })
            .map(|(event, range)| (event.into_static(), Span::from(range)));
        joined(events)
    }

    /// The fast events of the row at `row`, or None when it is declined.
    fn fast(doc: &str, row: Span, columns: usize) -> Option<Events> {
        let mut out = Vec::new();
        row_events(doc, row, columns, &mut out)
            .then(|| joined(out.into_iter().map(|(e, s)| (e.into_static(), s))))
    }

    /// Checks one row under a header of `columns` columns; whether the
    /// fast reading took it.
    fn check_row(header: &str, delimiter: &str, row: &str, end: &str) -> bool {
        let columns = header.matches('|').count().saturating_sub(1);
        let doc = format!("{header}\n{delimiter}\n{row}{end}");
        let at = header.len() + delimiter.len() + 2;
        let Some(fast) = fast(&doc, Span::new(at, doc.len()), columns) else {
            return false;
        };
        let parsed = parsed(&doc);
        assert_eq!(fast, parsed, "{doc:?}");
        true
    }

    #[test]
    fn plain_rows_read_as_the_parser_reads_them() {
        let header = "| Model | Title | Paper | Code | Year |";
        let delimiter = "|---|---|---|---|---|";
        let rows = [
            "| Model-1 | A Study of Widget 1 at Scale | [![Paper](https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge)](https://arxiv.org/abs/2301.00001) | [![Code](https://img.shields.io/badge/Code-add7e6?style=for-the-badge)](https://github.com/o/model_1)![Star](https://img.shields.io/github/stars/o/model_1.svg?style=social&label=Star) | 2023 |",
            "|x|y (v2)|[paper](https://arxiv.org/pdf/2301.00001v2.pdf)|[](https://github.com/o/r)|2023.05|",
            "| 日本語 | ok! see https://x.org/a, fine | [a b](u) tail | ![alt](v) | ICLR 2023 |",
            "|  |  |  |  |  |",
            "| a | b | c | d | e | extra [x](y) |",
        ];
        for row in rows {
            for end in ["\n", "\r\n", ""] {
                assert!(
                    check_row(header, delimiter, row, end),
                    "{row:?} was declined"
                );
            }
        }
    }

    #[test]
    fn rows_that_need_the_parser_are_declined() {
        let header = "| Model | Paper |";
        let delimiter = "|---|---|";
        let rows = [
            "| **A** | [p](u) |",
            "| A | [p](u \"title\") |",
            "| A | [p][ref] |",
            "| A | [NeurIPS 2022] |",
            "| A | <a href=\"u\">p</a> |",
            "| A | `code` |",
            "| A \\| B | x |",
            "| A | [p](u&amp;v) |",
            "| A | AT&amp;T |",
            "| A |",
            "A | B",
            "| A | [p](<u>) |",
            "| A | [p](u(v)) |",
        ];
        for row in rows {
            assert!(
                !check_row(header, delimiter, row, "\n"),
                "{row:?} was taken"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Rows built of plain words, links, badges and every kind of thing
        /// that needs the parser: whatever the fast reading takes, it must
        /// read as the parser does.
        #[test]
        fn taken_rows_read_as_the_parser_reads_them(
            cells in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "Model", " ", "  ", "x-1", "ok!", "(v2)", "a)b", "2023.05", "é", "日本",
                        "x>y", "a=b", "http://x.org/a_b", "www.x.org", "[t](u)", "[](u)", "[ t ](u)",
                        "![a](u)", "[![a](u)](v)", "[![a](u)](v)![s](w)", "[t](u_v*w~x)",
                        "[t](u?a=1&b=2)", "[t](u&amp;)", "[t](u&#38;)", "[t] (u)", "[t](u v)",
                        "[t](<u>)", "[t](u(v))", "[t][r]", "[t]", "]", "[", "!", "![", "*a*", "_b_",
                        "`c`", "<br>", "&amp;", "&", "\\", "~~s~~", "\t", "[t](u)x", "[t](u)(v)",
                        "[a!b](u)", "[a](u!)", "[[a](u)](v)", "[a](u)]", "\u{a0}", "\u{3000}",
                        "[\u{a0}t](u)",
                    ]),
                    0..5,
                ),
                1..6,
            ),
            leading in proptest::bool::ANY,
            trailing in proptest::bool::ANY,
        ) {
            let cells: Vec<String> = cells.iter().map(|c| c.concat()).collect();
            let mut row = cells.join("|");
            if leading {
                row.insert(0, '|');
            }
            if trailing {
                row.push('|');
            }
            for end in ["\n", "\r\n", ""] {
                check_row("| A | B | C |", "|---|:-:|--|", &row, end);
            }
        }
    }

    /// Every body row of every table in the corpus that the fast reading
    /// takes reads as the parser reads it.
    #[test]
    fn corpus_rows_read_as_the_parser_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let Ok(files) = std::fs::read_dir(&dir) else {
            return;
        };
        let (mut taken, mut rows) = (0, 0);
        for file in files {
            let path = file.expect("a directory entry").path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("corpus files are UTF-8");
            let lines: Vec<&str> = text.lines().collect();
            for (i, pair) in lines.windows(2).enumerate() {
                let delimiter_like = pair[1].starts_with('|')
                    && pair[1].contains('-')
                    && pair[1].bytes().all(|b| b"|-: ".contains(&b));
                if !pair[0].starts_with('|') || !delimiter_like {
                    continue;
                }
                for row in lines[i + 2..].iter().take_while(|l| l.starts_with('|')) {
                    rows += 1;
                    taken += usize::from(check_row(pair[0], pair[1], row, "\n"));
                }
            }
        }
        assert!(rows == 0 || taken > 0, "no corpus row was read fast");
        eprintln!("{taken} of {rows} corpus rows read without the parser");
    }
}
