use super::*;
use crate::links::LinkKind;
use crate::model::LinkForm;

fn doc(text: &str) -> Document {
    parse(&Source::new("t.md", text), &RoleOverrides::default())
}

#[test]
fn tables_in_lists_and_blockquotes_are_read() {
    let text = "- Vision papers:\n  | Model | Paper |\n  |---|---|\n  | A | [p](https://arxiv.org/pdf/2301.01234) |\n\n> Model | Paper\n> --- | ---\n> B | [p](https://arxiv.org/pdf/2301.05678)\n";
    let doc = doc(text);
    assert_eq!(doc.tables.len(), 2);
    let names: Vec<String> = doc.entries.iter().map(crate::model::Entry::label).collect();
    assert_eq!(names, ["A", "B"]);
    let link = &doc.entries[1].links[0];
    assert_eq!(
        &text[link.url_span.start..link.url_span.end],
        "https://arxiv.org/pdf/2301.05678"
    );
}

#[test]
fn escaped_pipes_and_code_spans_stay_in_their_cell() {
    let text = "| Model | Keywords | Paper |\n|---|---|---|\n| A | RL \\| LLM | [p](https://arxiv.org/pdf/2301.01234v2) |\n| B | `a \\| b` | [p](https://arxiv.org/abs/2301.05678) |\n| C | vision | language | [p](https://arxiv.org/abs/2301.09999) |\n";
    let doc = doc(text);
    let cells: Vec<usize> = doc.tables[0].rows.iter().map(|r| r.cells.len()).collect();
    assert_eq!(cells, [3, 3, 4]);
}

#[test]
fn extra_and_missing_cells_are_counted_from_the_source() {
    let text = "| Model | Paper | Year |\n|---|---|---|\n| A | [p](https://arxiv.org/abs/2301.01234) | 2023 | [c](https://github.com/o/a) |\n| B | [p](https://arxiv.org/abs/2301.05678) |\n";
    let doc = doc(text);
    let rows = &doc.tables[0].rows;
    assert_eq!(rows[0].cells.len(), 4);
    assert_eq!(
        &text[rows[0].extra[0].start..rows[0].extra[0].end],
        " [c](https://github.com/o/a) "
    );
    assert_eq!(rows[1].cells.len(), 2);
}

#[test]
fn every_link_form_is_found() {
    let text = "| Model | Code |\n|---|---|\n| A | [![s][s3]][c3] |\n| B | <a href=\"https://github.com/o/d\"><img src=\"https://img.shields.io/github/stars/o/x\"></a> |\n| C | see https://github.com/o/c, fork |\n| D | <https://github.com/o/e> |\n\n[s3]: https://img.shields.io/github/stars/o/c3\n";
    let doc = doc(text);
    assert_eq!(doc.undefined_references.len(), 1);
    assert_eq!(doc.undefined_references[0].label, "c3");
    let forms: Vec<(LinkForm, bool)> = doc
        .entries
        .iter()
        .flat_map(|e| &e.links)
        .map(|l| (l.form, l.image))
        .collect();
    assert_eq!(
        forms,
        [
            (LinkForm::Reference, true),
            (LinkForm::Html, false),
            (LinkForm::Html, true),
            (LinkForm::Bare, false),
            (LinkForm::Autolink, false),
        ]
    );
    let b = &doc.entries[1];
    assert_eq!(b.links[1].parent, Some(0));
    assert!(matches!(b.links[1].kind, LinkKind::StarsBadge(_)));
    let bare = &doc.entries[2].links[0];
    assert_eq!(bare.url, "https://github.com/o/c");
    let reference = &doc.entries[0].links[0];
    assert_eq!(
        &text[reference.url_span.start..reference.url_span.end],
        "https://img.shields.io/github/stars/o/c3"
    );
}

#[test]
fn html_breaks_become_spaces_in_titles() {
    let text = "| Model | Title | Code |\n|---|---|---|\n| A | Sparse Widgets<br>for Everyone | [c](https://github.com/o/a) |\n";
    let doc = doc(text);
    assert_eq!(
        doc.entries[0].title.as_ref().map(|t| t.text.as_str()),
        Some("Sparse Widgets for Everyone")
    );
}

#[test]
fn years_come_from_year_and_venue_cells_and_urls() {
    let text = "| Model | Paper | Venue | Year |\n|---|---|---|---|\n| A | [p](https://www.aclweb.org/anthology/2020.findings-emnlp.92.pdf) | **EMNLP 2020** | Jun., 2022 |\n";
    let doc = doc(text);
    let entry = &doc.entries[0];
    let year = entry.year.expect("the year cell has a year");
    assert_eq!(year.value, 2022);
    assert_eq!(&text[year.span.start..year.span.end], "2022");
    let venue: Vec<u16> = entry.venue_years.iter().map(|y| y.value).collect();
    assert_eq!(venue, [2020]);
}

#[test]
fn proceedings_urls_speak_for_the_venue_only_when_the_row_names_none() {
    let text = "| Model | Paper | Venue | Year |\n|---|---|---|---|\n| A | [p](https://www.aclweb.org/anthology/2020.findings-emnlp.92.pdf) | | 2022 |\n| B | [p](https://openaccess.thecvf.com/content_ECCV_2018/papers/x.pdf) | IJCV | 2020 |\n";
    let doc = doc(text);
    let years: Vec<Vec<u16>> = doc
        .entries
        .iter()
        .map(|e| e.venue_years.iter().map(|y| y.value).collect())
        .collect();
    assert_eq!(years, [vec![2020], vec![]]);
}

#[test]
fn tables_without_paper_or_code_columns_are_not_papers() {
    let text = "| Name | Score |\n|---|---|\n| A | 1 |\n";
    let doc = doc(text);
    assert_eq!(doc.tables.len(), 1);
    assert!(doc.entries.is_empty());
}

// Long tables read apart (see `long`) must give what the whole parse gives.

/// Rows that exercise what a slice could read differently from the whole:
/// references defined elsewhere, undefined ones, inline HTML and comments,
/// escaped pipes, code spans, short and long rows, non-ASCII text.
fn tricky_row(i: usize) -> String {
    match i % 12 {
        0 => format!("| M{i} | [paper][ref] | [code](https://github.com/o/m{i}) | 2021 |"),
        1 => format!(
            "| M{i} | [paper][nowhere] | <a href=\"https://github.com/o/m{i}\"><img src=\"https://img.shields.io/github/stars/o/x{i}\"></a> | 2020 |"
        ),
        2 => format!(
            "| M{i} <!-- paperlint-disable-line --> | [p](https://arxiv.org/abs/2101.{i:05}) | | 2021 |"
        ),
        3 => format!("| RL \\| LLM {i} | `a | b` | https://github.com/o/m{i} | 2022 |"),
        4 => format!("| M{i} | [p](https://arxiv.org/abs/2001.04451.pdf) |"),
        5 => {
            format!("| M{i} | [p](https://arxiv.org/abs/2001.{i:05}) | c | 2020 | extra | cells |")
        }
        6 => format!(
            "| 模型{i} 🚀 | [论文](https://arxiv.org/pdf/2305.{i:05}v2) | [code](https://github.com//o/m{i}) | 2023 |"
        ),
        7 => format!(
            "| [M{i}][Ref] | [p](<https://arxiv.org/abs/2303.{i:05}>) | [c][ref] | **CVPR 2023** |"
        ),
        8 => format!("| M{i} | ![Paper](https://img.shields.io/badge/Paper-red) | [x] | 2019 |"),
        9 => format!(
            "|M{i}|[p](https://arxiv.org/abs/1911.{i:05})|[c](https://github.com/o/m{i})|2019|"
        ),
        10 => format!("| M{i} \\\\| [p](https://arxiv.org/abs/2207.{i:05}) | \\* | 2022 |"),
        _ => format!(
            "| M{i} | ttps://arxiv.org/abs/2208.{i:05} | [c](github.com/o/m{i}) | Jun., 2022 |"
        ),
    }
}

fn long_document(rows: usize, line_end: &str) -> String {
    let mut text = String::from(
        "# List\n\nSome text with | a pipe.\n\n| Model | Paper | Code | Year |\n|---|---|---|---|\n",
    );
    for i in 0..rows {
        text.push_str(&tricky_row(i));
        text.push('\n');
    }
    text.push_str("\n| Name | Paper |\n|---|---|\n| short | [p][ref] |\n\n[ref]: https://arxiv.org/abs/2004.05150\n[Ref]: https://example.org/other\n");
    text.replace('\n', line_end)
}

fn read_apart_and_whole(text: &str) -> (Option<Document>, Document) {
    let overrides = RoleOverrides::default();
    let plan = long::Plan::new(text);
    let apart = plan.and_then(|p| parse_with(text, Some(&p), &overrides));
    let whole = parse_with(text, None, &overrides).expect("a whole parse completes");
    (apart, whole)
}

#[test]
fn long_tables_read_apart_match_the_whole_parse() {
    for line_end in ["\n", "\r\n"] {
        let text = long_document(5000, line_end);
        let (apart, whole) = read_apart_and_whole(&text);
        let apart = apart.expect("the long table is read apart");
        assert_eq!(
            format!("{apart:?}"),
            format!("{whole:?}"),
            "line end {line_end:?}"
        );
        assert_eq!(whole.entries.len(), 5001);
        assert!(!whole.comments.is_empty() && !whole.undefined_references.is_empty());
    }
}

/// The parser pads a row with fewer cells than the header, and after a
/// quarter of a million padded cells it stops reading rows as rows; the
/// row a masked run becomes keeps the header's count, and no table is too
/// long to read apart.
#[test]
fn masked_rows_are_never_padded_out() {
    let mut text = String::from("| A | B | C | D | E | F |\n|---|---|---|---|---|---|\n");
    for _ in 0..53_000 {
        text.push_str("|a|b|c|d|e|f|\n");
    }
    let plan = long::Plan::new(&text).expect("a long table");
    let apart = parse_with(&text, Some(&plan), &RoleOverrides::default());
    assert_eq!(
        apart.expect("the table is read apart").tables[0].rows.len(),
        53_000
    );
}

/// A run of rows shorter than the row it would be masked to.
#[test]
fn runs_shorter_than_their_mask_read_as_the_whole_parse() {
    let mut text = format!("{}|\n{}|\n", "| a ".repeat(300), "|---".repeat(300));
    text.push_str(&"|\n".repeat(20));
    text.push_str("\ntext after\n");
    let (read, whole) = read_and_whole(&text);
    assert_eq!(read, whole);
}

#[test]
fn many_short_tables_read_apart_match_the_whole_parse() {
    let mut text = String::new();
    for t in 0..60 {
        text.push_str("## Section ");
        text.push_str(&t.to_string());
        text.push_str("\n\n");
        text.push_str("<!-- paperlint-disable-next-line year-mismatch -->\n");
        text.push_str("| Model | Paper | Code | Year |\n|---|---|---|---|\n");
        for i in 0..(10 + t % 15) {
            text.push_str(&tricky_row(t * 31 + i));
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str("[ref]: https://arxiv.org/abs/2004.05150\n");
    let (apart, whole) = read_apart_and_whole(&text);
    let apart = apart.expect("the tables are read apart");
    assert_eq!(format!("{apart:?}"), format!("{whole:?}"));
    assert_eq!(whole.tables.len(), 60);
}

#[test]
fn pipe_lines_that_are_not_table_rows_fall_back_to_the_whole_parse() {
    let rows: String = (0..1500).map(|i| tricky_row(i) + "\n").collect();
    let fenced = format!(
        "```\n{rows}```\n\n| Model | Paper |\n|---|---|\n| A | [p](https://arxiv.org/abs/2101.00001) |\n"
    );
    let commented =
        format!("<!--\n| Model | Paper | Code | Year |\n|---|---|---|---|\n{rows}-->\n");
    let no_header = format!("Text\n\n{rows}");
    for text in [fenced, commented, no_header] {
        let (apart, whole) = read_apart_and_whole(&text);
        assert!(
            apart.is_none(),
            "masked lines that are not rows are noticed"
        );
        let parsed = parse(&Source::new("t.md", &text), &RoleOverrides::default());
        assert_eq!(format!("{parsed:?}"), format!("{whole:?}"));
    }
}

#[test]
fn a_line_with_no_cell_ends_a_long_table() {
    let mut text = long_document(3000, "\n");
    let cut = text.match_indices("\n| M1500 ").next().expect("row 1500").0;
    text.insert_str(cut + 1, "|   \n");
    let (apart, whole) = read_apart_and_whole(&text);
    // The masked lines after it are a paragraph, not rows: read whole.
    assert!(apart.is_none());
    let parsed = parse(&Source::new("t.md", &text), &RoleOverrides::default());
    assert_eq!(format!("{parsed:?}"), format!("{whole:?}"));
    assert_eq!(
        whole.tables.len(),
        2,
        "the blank-celled line ends the first table"
    );
    assert_eq!(whole.entries.len(), 1501);
}

#[test]
fn documents_with_footnotes_are_parsed_whole() {
    let text = format!("{}\n[^1]: a note\n", long_document(2000, "\n"));
    assert!(long::Plan::new(&text).is_none());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    #[test]
    fn generated_long_tables_read_apart_match_the_whole_parse(
        picks in proptest::collection::vec(0usize..12, 1100..1400),
        crlf in proptest::bool::ANY,
    ) {
        let mut text = String::from("| Model | Paper | Code | Year |\n|---|---|---|---|\n");
        for (i, pick) in picks.iter().enumerate() {
            text.push_str(&tricky_row(i / 12 * 12 + pick));
            text.push('\n');
        }
        text.push_str("\n[ref]: https://arxiv.org/abs/2004.05150\n");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let (apart, whole) = read_apart_and_whole(&text);
        let apart = apart.expect("the long table is read apart");
        proptest::prop_assert_eq!(format!("{apart:?}"), format!("{whole:?}"));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Documents whose `|` lines are not all rows of one table: lines that
    /// end a table or never start one, between, before and inside long runs.
    /// Read apart or not, the model is the whole parse's.
    #[test]
    fn documents_with_odd_pipe_lines_read_as_the_whole_parse(
        blocks in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "", "text", "# Heading", "| A | B | C |", "|---|---|---|", "|", "|   ",
                    "a | b | c", "---", "<!--", "-->", "```", "> | q |", "- item",
                    "| x | [p](https://arxiv.org/abs/2101.00001) |", "[ref]: https://x.org",
                ]),
                proptest::bool::weighted(0.7),
                0usize..40,
            ),
            1..8,
        ),
        crlf in proptest::bool::ANY,
    ) {
        let mut text = String::new();
        for (i, (line, header, rows)) in blocks.iter().enumerate() {
            text.push_str(line);
            text.push('\n');
            if *header {
                text.push_str("| Model | Paper | Code | Year |\n|---|---|---|---|\n");
            }
            for r in 0..*rows {
                text.push_str(&tricky_row(i * 31 + r));
                text.push('\n');
            }
        }
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let (apart, whole) = read_apart_and_whole(&text);
        if let Some(apart) = apart {
            proptest::prop_assert_eq!(format!("{apart:?}"), format!("{whole:?}"));
        }
    }
}

/// A long table of plain rows, then `rows`, then `definitions` below it,
/// read apart and whole alike (asserted): the text and the whole parse.
fn references_read_alike(rows: &str, definitions: &str) -> (String, Document) {
    let mut text = String::from("| Model | Paper |\n|---|---|\n");
    for i in 0..20 {
        text.push_str(&tricky_row(i * 12 + 9));
        text.push('\n');
    }
    text.push_str(rows);
    text.push('\n');
    text.push_str(definitions);
    let (apart, whole) = read_apart_and_whole(&text);
    let apart = apart.expect("read apart");
    assert_eq!(format!("{apart:?}"), format!("{whole:?}"));
    (text, whole)
}

/// pulldown-cmark collapses ASCII whitespace in labels and nothing else:
/// `[x y]` with a no-break space is not `[x y]`, in any reading, and two
/// definitions that differ only so are two definitions.
#[test]
fn labels_differ_by_spaces_that_are_not_ascii_in_every_reading() {
    let (_, whole) = references_read_alike(
        "| c | [t][x\u{a0}y] |\n| d | [t][p\u{3000}q] |\n| e | [t][x  y] |\n",
        "[x y]: https://arxiv.org/abs/2301.00001\n[p\u{3000}q]: https://arxiv.org/abs/2301.00002\n\
         [x\u{a0}y]: https://arxiv.org/abs/2301.0000\n",
    );
    let urls: Vec<&str> = whole
        .entries
        .iter()
        .skip(20)
        .flat_map(|e| e.links.iter().map(|l| l.url.as_str()))
        .collect();
    assert_eq!(
        urls,
        [
            "https://arxiv.org/abs/2301.0000",
            "https://arxiv.org/abs/2301.00002",
            "https://arxiv.org/abs/2301.00001"
        ]
    );
}

/// What paperlint reads, long tables apart or not, and what the whole
/// parse reads.
fn read_and_whole(text: &str) -> (String, String) {
    let whole = parse_with(text, None, &RoleOverrides::default()).expect("a whole parse");
    (format!("{:?}", doc(text)), format!("{whole:?}"))
}

/// pulldown-cmark stops padding short rows out after 2^18 cells in a table
/// and ends the table there; a table near that is read whole.
#[test]
fn tables_padded_past_the_parsers_cap_read_as_the_whole_parse() {
    let mut text = format!("|Paper{}\n{}|\n", "|".repeat(101), "|-".repeat(101));
    text.push_str(&"|x|\n".repeat(2700));
    let (read, whole) = read_and_whole(&text);
    assert_eq!(read, whole);
    assert!(
        doc(&text).tables[0].rows.len() < 2700,
        "the parser's cap applies"
    );
}

/// pulldown-cmark stops expanding references once their URLs add up to the
/// document's length (or 100 KB); slices and the masked document have
/// budgets of their own, so a document near that is read whole.
#[test]
fn reference_expansion_past_the_parsers_budget_reads_as_the_whole_parse() {
    let long_url = format!("[b]: https://example.org/{}\n", "a".repeat(50_000));
    let row = "| a | b |\n";
    let mut in_slice = String::from("| A | B |\n|---|---|\n");
    in_slice.push_str(&row.repeat(14));
    in_slice
        .push_str("| c | [t][b] |\n| a | b |\n| c | [t][b] |\n| a | b |\n| z | [x][nope] |\n\n");
    in_slice.push_str(&long_url);
    let mut after_long = String::from("| A | B |\n|---|---|\n");
    after_long.push_str(&"|a|b|\n".repeat(3000));
    after_long
        .push_str("\n| A | B |\n|---|---|\n| c | [t][b] |\n| c | [t][b] |\n| z | [x][nope] |\n\n");
    after_long.push_str(&long_url);
    for text in [in_slice, after_long] {
        let (read, whole) = read_and_whole(&text);
        assert_eq!(read, whole);
    }
}

#[test]
fn reference_labels_match_by_unicode_case_folding_in_every_reading() {
    let (text, whole) = references_read_alike(
        "| B | [paper][STRASSE] |\n| C | [paper][ασ] |\n",
        "[straße]: https://arxiv.org/abs/2301.05678\n[ΑΣ]: https://arxiv.org/abs/2301.05679\n",
    );
    assert!(whole.undefined_references.is_empty());
    let b = &whole.entries[20].links[0];
    assert_eq!(
        &text[b.url_span.start..b.url_span.end],
        "https://arxiv.org/abs/2301.05678",
        "the URL is located in its definition"
    );
    // A short table reads the same labels through the whole parse.
    let short = doc(
        "| Model | Paper |\n|---|---|\n| B | [paper][STRASSE] |\n\n[straße]: https://arxiv.org/abs/2301.05678\n",
    );
    let link = &short.entries[0].links[0];
    assert_eq!(link.url, "https://arxiv.org/abs/2301.05678");
    assert!(link.url_span.start > 40, "the span is in the definition");
}
