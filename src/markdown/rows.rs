//! Counting a row's cells from its source, since the parser silently drops
//! cells past the header's count.

use smallvec::SmallVec;

use crate::source::Span;

/// The cells of one table row written at `at`, split on unescaped pipes as
/// GFM does (a pipe inside a code span splits too unless escaped). Spans
/// cover each cell between its pipes.
pub(crate) fn split_cells(row: &str, at: usize) -> Vec<Span> {
    // `|` and `\` are ASCII, which no byte of another character can be.
    let bytes = row.as_bytes();
    let mut bounds: SmallVec<[usize; 16]> = SmallVec::new();
    // A pipe is escaped by an odd run of backslashes right before it.
    let mut backslashes = 0;
    let mut last = None;
    for i in memchr::memchr2_iter(b'|', b'\\', bytes) {
        let after_last = last.is_some_and(|l| l + 1 == i);
        if bytes[i] == b'\\' {
            backslashes = if after_last { backslashes + 1 } else { 1 };
        } else {
            let escaped = after_last && backslashes % 2 == 1;
            if !escaped {
                bounds.push(i);
            }
            backslashes = 0;
        }
        last = Some(i);
    }
    let trimmed_start = row.len() - row.trim_start().len();
    let trimmed_end = row.trim_end().len();
    let leading = bounds.first() == Some(&trimmed_start);
    let trailing =
        bounds.last().is_some_and(|&b| b + 1 == trimmed_end) && !(leading && bounds.len() == 1);

    let mut cells = Vec::with_capacity(bounds.len() + 1);
    let mut start = if leading { trimmed_start + 1 } else { 0 };
    for &b in &bounds {
        if leading && b == trimmed_start {
            continue;
        }
        if trailing && b + 1 == trimmed_end {
            break;
        }
        cells.push(Span::new(at + start, at + b));
        start = b + 1;
    }
    let end = if trailing { trimmed_end - 1 } else { row.len() };
    cells.push(Span::new(at + start, at + end));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &str) -> Vec<&str> {
        split_cells(row, 0)
            .into_iter()
            .map(|s| row[s.start..s.end].trim())
            .collect()
    }

    #[test]
    fn outer_pipes_are_optional() {
        assert_eq!(cells("| a | b |"), ["a", "b"]);
        assert_eq!(cells("a | b"), ["a", "b"]);
        assert_eq!(cells("| a | b"), ["a", "b"]);
        assert_eq!(cells("a | b |"), ["a", "b"]);
    }

    #[test]
    fn escaped_pipes_stay_in_the_cell() {
        assert_eq!(
            cells(r"| RL \| LLM | `a \| b` | c |"),
            [r"RL \| LLM", r"`a \| b`", "c"]
        );
    }

    /// The split as first written, char by char with separate start and
    /// end lists: the oracle for the byte-wise one.
    fn split_by_chars(row: &str) -> Vec<Span> {
        let mut bounds = Vec::new();
        let mut escaped = false;
        for (i, c) in row.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => bounds.push(i),
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        let trimmed_start = row.len() - row.trim_start().len();
        let trimmed_end = row.trim_end().len();
        let leading = bounds.first() == Some(&trimmed_start);
        let trailing =
            bounds.last().is_some_and(|&b| b + 1 == trimmed_end) && !(leading && bounds.len() == 1);
        let mut starts = vec![if leading { trimmed_start + 1 } else { 0 }];
        let mut ends = Vec::new();
        for &b in &bounds {
            if leading && b == trimmed_start {
                continue;
            }
            if trailing && b + 1 == trimmed_end {
                break;
            }
            ends.push(b);
            starts.push(b + 1);
        }
        ends.push(if trailing { trimmed_end - 1 } else { row.len() });
        starts
            .into_iter()
            .zip(ends)
            .map(|(s, e)| Span::new(s, e))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn byte_split_agrees_with_the_char_split(row in "[a| \\\\`é\u{3000}]{0,20}") {
            proptest::prop_assert_eq!(split_cells(&row, 0), split_by_chars(&row));
        }
    }

    #[test]
    fn extra_and_empty_cells_are_counted() {
        assert_eq!(cells("| a | b | c | d |").len(), 4);
        assert_eq!(cells("| | |"), ["", ""]);
        assert_eq!(cells(r"| a \\| b |"), [r"a \\", "b"]);
    }
}
