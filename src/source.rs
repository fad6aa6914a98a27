//! A file's text and the mapping from byte offsets to lines and columns.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A byte range in a [`Source`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub(crate) const fn len(self) -> usize {
        self.end - self.start
    }

    pub(crate) const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span shifted by `offset` bytes, for a piece found inside this one.
    pub(crate) const fn sub(self, start: usize, end: usize) -> Span {
        Span::new(self.start + start, self.start + end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A Markdown file as read: its display name and its text.
///
/// A UTF-8 byte order mark is kept aside rather than in `text`, so that every
/// span is an offset into what the Markdown parser saw, and a fix can write
/// the mark back unchanged.
#[derive(Debug, Clone)]
pub struct Source {
    name: Arc<str>,
    text: Arc<str>,
    bom: bool,
    line_starts: Vec<usize>,
}

const BOM: &str = "\u{feff}";

impl Source {
    /// Builds a source from the file's decoded contents.
    pub fn new(name: impl Into<String>, contents: &str) -> Self {
        let (bom, text) = match contents.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, contents),
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: Arc::from(name.into()),
            text: Arc::from(text),
            bom,
            line_starts,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    #[allow(dead_code, reason = "read by the fixer, which writes the mark back")]
    pub(crate) fn has_bom(&self) -> bool {
        self.bom
    }

    /// The contents to write back: the text with its byte order mark, if
    /// the file had one.
    pub fn contents(&self) -> String {
        self.contents_with(&self.text)
    }

    /// The file's contents as they were on disk, mark included.
    pub(crate) fn contents_with(&self, text: &str) -> String {
        if self.bom {
            format!("{BOM}{text}")
        } else {
            text.to_owned()
        }
    }

    pub(crate) fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The position of a byte offset; an offset inside a character counts
    /// as that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[index];
        let column = self.text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
        Position {
            line: index + 1,
            column: column + 1,
        }
    }

    /// Where 1-based line `number` starts; the text's end past the last line.
    pub(crate) fn line_offset(&self, number: usize) -> usize {
        self.line_starts
            .get(number.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The byte range of the line holding `offset`, without its line ending.
    pub(crate) fn line_span(&self, offset: usize) -> Span {
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Span::new(start, end)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = Source::new("t.md", "| 甲 | 🚀x |\n| b |");
        let x = source.text().find('x').expect("x is in the text");
        assert_eq!(source.position(x), Position { line: 1, column: 8 });
        let b = source.text().find('b').expect("b is in the text");
        assert_eq!(source.position(b), Position { line: 2, column: 3 });
    }

    #[test]
    fn bom_is_kept_aside() {
        let source = Source::new("t.md", "\u{feff}# a\r\nb");
        assert!(source.has_bom());
        assert_eq!(source.text(), "# a\r\nb");
        assert_eq!(source.position(5), Position { line: 2, column: 1 });
        assert_eq!(source.contents_with(source.text()), "\u{feff}# a\r\nb");
    }

    #[test]
    fn line_offsets_index_lines_from_one() {
        let source = Source::new("t.md", "ab\r\ncd\n\nef");
        let starts: Vec<usize> = (1..=5).map(|n| source.line_offset(n)).collect();
        assert_eq!(starts, [0, 4, 7, 8, 10]);
    }

    #[test]
    fn line_span_drops_crlf() {
        let source = Source::new("t.md", "ab\r\ncd\n");
        assert_eq!(source.line_span(1), Span::new(0, 2));
        assert_eq!(source.line_span(4), Span::new(4, 6));
    }
}
