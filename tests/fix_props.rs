//! Properties of the fixer over generated tables: it never panics, a
//! second run changes nothing, and only the faulty bytes change.

use paperlint::config::Settings;
use paperlint::finding::Applicability;
use paperlint::fix::fix_source;
use paperlint::rules;
use paperlint::source::Source;
use proptest::prelude::*;

/// A fault planted in a row, with the repair the fixer must make.
#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    /// `github.com//owner/repo`
    DoubleSlash,
    /// `arxiv.org/abs/ID.pdf`
    AbsPdf,
    /// A row of blank cells, removed whole.
    Empty,
}

#[derive(Debug, Clone)]
struct Row {
    name: &'static str,
    pad: usize,
    fault: Fault,
}

/// Where the table is written: its lines' prefix, and a line before it.
#[derive(Debug, Clone, Copy)]
enum Container {
    Top,
    Quote,
    ListItem,
}

#[derive(Debug, Clone)]
struct Doc {
    rows: Vec<Row>,
    container: Container,
    crlf: bool,
    bom: bool,
}

const NAMES: &[&str] = &[
    "Alpha",
    "多模态🚀检索",
    "甲",
    r"RL \| LLM",
    "`a \\| b`",
    "Ünïcödé",
    "Beta",
];

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        3 => Just(Fault::None),
        1 => Just(Fault::DoubleSlash),
        1 => Just(Fault::AbsPdf),
        1 => Just(Fault::Empty),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (prop::sample::select(NAMES), 0..4usize, fault()).prop_map(|(name, pad, fault)| Row {
        name,
        pad,
        fault,
    })
}

fn doc() -> impl Strategy<Value = Doc> {
    let container = prop_oneof![
        Just(Container::Top),
        Just(Container::Quote),
        Just(Container::ListItem)
    ];
    (
        prop::collection::vec(row(), 1..8),
        container,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rows, container, crlf, bom)| Doc {
            rows,
            container,
            crlf,
            bom,
        })
}

impl Doc {
    /// The document as written, and as it must read once fixed.
    fn render(&self) -> (String, String) {
        let (before, after) = (self.lines(false), self.lines(true));
        (self.join(&before), self.join(&after))
    }

    fn join(&self, lines: &[String]) -> String {
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let bom = if self.bom { "\u{feff}" } else { "" };
        let prefix = match self.container {
            Container::Top => "",
            Container::Quote => "> ",
            Container::ListItem => "  ",
        };
        let intro = match self.container {
            Container::ListItem => format!("- Papers:{eol}"),
            _ => String::new(),
        };
        let mut out = format!("{bom}# List{eol}{eol}{intro}");
        for line in lines {
            out.extend([prefix, line.as_str(), eol]);
        }
        out
    }

    fn lines(&self, fixed: bool) -> Vec<String> {
        let mut lines = vec![
            "| Model | Paper | Code |".to_owned(),
            "|---|---|---|".to_owned(),
        ];
        for (index, row) in self.rows.iter().enumerate() {
            if let Some(line) = row.render(index, fixed) {
                lines.push(line);
            }
        }
        lines
    }
}

impl Row {
    fn render(&self, index: usize, fixed: bool) -> Option<String> {
        let pad = " ".repeat(self.pad);
        let id = format!("23{:02}.{:05}", index % 12 + 1, index);
        let (paper, code) = match (self.fault, fixed) {
            (Fault::Empty, true) => return None,
            (Fault::Empty, false) => return Some(format!("|{pad} |  |  |")),
            (Fault::AbsPdf, false) => (format!("https://arxiv.org/abs/{id}.pdf"), String::new()),
            (Fault::DoubleSlash, false) => (String::new(), "github.com//".to_owned()),
            _ => (String::new(), String::new()),
        };
        let paper = if paper.is_empty() {
            format!("https://arxiv.org/abs/{id}")
        } else {
            paper
        };
        let host = if code.is_empty() {
            "github.com/"
        } else {
            &code
        };
        Some(format!(
            "| {}{pad} | [paper]({paper}){pad} | [code](https://{host}example-org/repo-{index}) |",
            self.name
        ))
    }
}

fn fix(text: &str) -> String {
    let source = Source::new("p.md", text);
    let settings = Settings::default();
    let (fixed, _, _) = fix_source(&source, &settings, rules::ALL, Applicability::Safe);
    fixed.contents()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn only_the_planted_faults_change(doc in doc()) {
        let (before, after) = doc.render();
        prop_assert_eq!(fix(&before), after);
    }

    #[test]
    fn fixing_twice_is_fixing_once(doc in doc()) {
        let (before, _) = doc.render();
        let once = fix(&before);
        prop_assert_eq!(fix(&once), once);
    }

    /// Rows of arbitrary cell text: pipes, backslashes, brackets, wide
    /// characters, stray URLs. No expected output, but no panic, a stable
    /// result, and the mark and line endings kept.
    #[test]
    fn arbitrary_cells_never_break_the_fixer(
        cells in prop::collection::vec("[a-z|\\\\\\[\\]()<>!`/ .:甲🚀\\-]{0,24}", 1..12),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = if bom { "\u{feff}".to_owned() } else { String::new() };
        text.extend(["| Model | Paper |", eol, "|---|---|", eol]);
        for cell in &cells {
            text.extend(["| ", cell, " | [p](https://arxiv.org//abs/2301.01234", cell, ") |", eol]);
        }
        let once = fix(&text);
        prop_assert_eq!(fix(&once), once.clone());
        prop_assert_eq!(once.starts_with('\u{feff}'), bom);
        if !crlf {
            prop_assert!(!once.contains('\r'));
        }
    }
}
