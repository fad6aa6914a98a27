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
