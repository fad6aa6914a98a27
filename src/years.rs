//! Years as paper lists write them: `2023`, `2023.05`, `2023-05-18`,
//! `Jun., 2024`, `NeurIPS 2022`, `**CVPR 2023**`, `EMNLP-2020`.

use std::ops::Range;

const FIRST: u16 = 1950;
const LAST: u16 = 2049;

/// Every plausible year in `text`, with its byte range. A run of four
/// digits counts only alone: not inside a longer number, and not as the
/// first half of an arXiv-like id (`2004.05150`).
pub(crate) fn years_in(text: &str) -> Vec<(u16, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && !starts_an_id(&bytes[i..]) {
            let value: u16 = text[start..i].parse().expect("four ASCII digits parse");
            if (FIRST..=LAST).contains(&value) {
                found.push((value, start..i));
            }
        }
    }
    found
}

fn starts_an_id(rest: &[u8]) -> bool {
    rest.first() == Some(&b'.') && rest[1..].iter().take_while(|b| b.is_ascii_digit()).count() >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> Option<u16> {
        years_in(text).first().map(|(y, _)| *y)
    }

    #[test]
    fn real_spellings_yield_a_year() {
        for (text, want) in [
            ("2023", 2023),
            ("2023.05", 2023),
            ("2023-05-18", 2023),
            ("Jun., 2024", 2024),
            ("NeurIPS 2022", 2022),
            ("**CVPR 2023**", 2023),
            ("EMNLP-2020", 2020),
            ("ICLR2021", 2021),
        ] {
            assert_eq!(year(text), Some(want), "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_years_are_skipped() {
        assert_eq!(year("2004.05150"), None);
        assert_eq!(year("1.5B"), None);
        assert_eq!(year("20230"), None);
        assert_eq!(year("1850"), None);
        assert_eq!(year(""), None);
    }
}
