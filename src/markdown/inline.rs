//! Finding links in the pieces of a cell that the Markdown parser leaves as
//! text or raw HTML, and locating a destination's exact bytes.

use std::sync::LazyLock;

use regex::Regex;

use crate::source::Span;

/// The byte span of an inline link's destination inside the construct
/// `[text](dest "title")` that starts at `whole.start`.
pub(crate) fn inline_destination(text: &str, whole: Span, dest: &str) -> Span {
    let raw = &text[whole.start..whole.end];
    let Some(open) = last_destination_open(raw) else {
        return whole;
    };
    let after = open + 2;
    // Almost always the destination follows `](` directly.
    if !dest.is_empty() && raw[after..].starts_with(dest) {
        return whole.sub(after, after + dest.len());
    }
    if let Some(found) = raw[after..].find(dest).filter(|_| !dest.is_empty()) {
        return whole.sub(after + found, after + found + dest.len());
    }
    // The destination was written with escapes or entities, so the parsed
    // value is not in the source: take what stands between `](` and the
    // closing `>` of `<...>`, or the first space or `)`.
    let inner = &raw[after..];
    let lead = inner.len() - inner.trim_start().len();
    let rest = &inner[lead..];
    let (start, len) = if let Some(bracketed) = rest.strip_prefix('<') {
        (lead + 1, bracketed.find('>').unwrap_or(bracketed.len()))
    } else {
        (
            lead,
            rest.find(|c: char| c.is_whitespace() || c == ')')
                .unwrap_or(rest.len()),
        )
    };
    whole.sub(after + start, after + start + len)
}

/// The destination of a reference definition `[label]: dest "title"`.
/// Where the last `](` in `raw` is; a byte scan from the end, since the
/// destination is near it.
fn last_destination_open(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    (1..bytes.len())
        .rev()
        .find(|&i| bytes[i] == b'(' && bytes[i - 1] == b']')
        .map(|i| i - 1)
}

pub(crate) fn definition_destination(text: &str, def: Span, dest: &str) -> Span {
    let raw = &text[def.start..def.end];
    let after = raw.find("]:").map_or(0, |i| i + 2);
    match raw[after..].find(dest).filter(|_| !dest.is_empty()) {
        Some(found) => def.sub(after + found, after + found + dest.len()),
        None => def,
    }
}

/// An `href` or `src` attribute found in a piece of inline HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlAttr {
    pub name: String,
    pub value: String,
    pub span: Span,
}

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("the attribute pattern is valid")
});

/// The `href`/`src` attributes of one HTML tag written at `at`.
pub(crate) fn html_attrs(tag: &str, at: usize) -> Vec<HtmlAttr> {
    // Most text has no `=`, and the regex is shared by every thread.
    if !tag.contains('=') {
        return Vec::new();
    }
    ATTR.captures_iter(tag)
        .filter_map(|caps| {
            let value = caps.get(2).or(caps.get(3)).or(caps.get(4))?;
            Some(HtmlAttr {
                name: caps[1].to_ascii_lowercase(),
                value: value.as_str().to_owned(),
                span: Span::new(at + value.start(), at + value.end()),
            })
        })
        .collect()
}

/// The name of an HTML tag (`a`, `/a`, `img`, `br`), lowercased.
pub(crate) fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect::<String>()
        .to_ascii_lowercase()
}

static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>|`]+").expect("the bare URL pattern is valid")
});

/// URLs written as plain text, which GitHub turns into links. Trailing
/// sentence punctuation and an unbalanced closing parenthesis are not part
/// of the URL, as in GFM's autolink extension.
pub(crate) fn bare_urls(text: &str, at: usize) -> Vec<(String, Span)> {
    // What every match starts with; most cell text has neither.
    let www = || {
        text.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
    };
    if !text.contains("://") && !www() {
        return Vec::new();
    }
    BARE_URL
        .find_iter(text)
        .filter_map(|m| {
            let url = trim_url_end(m.as_str());
            (!url.is_empty() && url.contains('.')).then(|| {
                (
                    url.to_owned(),
                    Span::new(at + m.start(), at + m.start() + url.len()),
                )
            })
        })
        .collect()
}

fn trim_url_end(url: &str) -> &str {
    let mut url = url;
    loop {
        let trimmed =
            url.trim_end_matches(['.', ',', ':', ';', '!', '?', '"', '\'', '*', '_', '~']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches(')').count() > trimmed.matches('(').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_destination_is_exact() {
        let text = "x [![a](https://img/b)](https://github.com/o/r) y";
        let whole = Span::new(2, text.len() - 2);
        let span = inline_destination(text, whole, "https://github.com/o/r");
        assert_eq!(&text[span.start..span.end], "https://github.com/o/r");
    }

    #[test]
    fn inline_destination_with_angle_brackets_and_title() {
        let text = r#"[a](<https://x.org/a b> "t")"#;
        let whole = Span::new(0, text.len());
        let span = inline_destination(text, whole, "https://x.org/a%20b");
        assert_eq!(&text[span.start..span.end], "https://x.org/a b");
    }

    #[test]
    fn html_attributes_have_exact_spans() {
        let tag = r#"<a class=x href="https://github.com/o/r">"#;
        let attrs = html_attrs(tag, 10);
        assert_eq!(attrs.len(), 1);
        assert_eq!(attrs[0].value, "https://github.com/o/r");
        assert_eq!(attrs[0].span, Span::new(27, 49));
    }

    #[test]
    fn bare_urls_drop_trailing_punctuation() {
        let text = "see https://arxiv.org/abs/2301.00001. and (https://x.org/a_(b)), fork";
        let urls: Vec<String> = bare_urls(text, 0).into_iter().map(|(u, _)| u).collect();
        assert_eq!(
            urls,
            ["https://arxiv.org/abs/2301.00001", "https://x.org/a_(b)"]
        );
    }
}
