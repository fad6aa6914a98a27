//! The parsed model that rules read: tables as written, and paper entries.
//!
//! A table keeps only what structural rules need (its header, roles and the
//! shape of each row); everything about a paper lives in an [`Entry`], which
//! does not care whether it came from a table row or, later, a list item.

use smallvec::SmallVec;

use crate::links::{ArxivId, LinkKind, RepoRef, UrlProblem};
use crate::source::{Source, Span};

/// What a table column holds, inferred from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Name,
    Title,
    Paper,
    Code,
    /// A column of mixed links (`Links`, `Resources`): paper and code.
    Links,
    Stars,
    Year,
    Venue,
    Other,
}

impl Role {
    /// Infers a column's role from its header text, as lists write them:
    /// `Model / Methods`, `Paper Link`, `Code`, `Published`, `Pub.`, ...
    pub(crate) fn from_header(header: &str) -> Role {
        let lower = header.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
        let has_prefix = |p: &str| words.iter().any(|w| w.starts_with(p));
        // CJK headers are not split into words: `论文标题` is one token.
        let cjk = |list: &[&str]| list.iter().any(|t| lower.contains(t));

        if has(DESCRIBES) {
            // `Model Type`, `Model Size`: about the model, not its name.
            Role::Other
        } else if has_prefix("star") || cjk(&["星标"]) {
            Role::Stars
        } else if has(&["title"]) || cjk(&["标题", "题目"]) {
            Role::Title
        } else if has(CODE) || has_prefix("repo") || cjk(&["代码", "仓库"]) {
            Role::Code
        } else if has(&["published", "pub"]) && has(&["in"]) || has(VENUE) || cjk(&["会议", "期刊"])
        {
            Role::Venue
        } else if has(YEAR) || cjk(&["年", "日期", "时间"]) {
            Role::Year
        } else if has(&["pub", "publication"]) || cjk(&["发表"]) {
            Role::Venue
        } else if has_prefix("paper") || has(PAPER) || cjk(&["论文"]) {
            Role::Paper
        } else if has(LINKS) || cjk(&["链接"]) {
            Role::Links
        } else if has(NAME) || cjk(&["名字", "名称", "模型", "方法"]) {
            Role::Name
        } else {
            Role::Other
        }
    }
}

const DESCRIBES: &[&str] = &[
    "type",
    "types",
    "size",
    "sizes",
    "params",
    "parameters",
    "license",
    "modality",
    "task",
    "tasks",
];
const CODE: &[&str] = &["code", "github", "implementation", "implementations"];
const VENUE: &[&str] = &[
    "venue",
    "venues",
    "conference",
    "conf",
    "journal",
    "booktitle",
];
const YEAR: &[&str] = &["year", "date", "published", "time", "release", "released"];
const PAPER: &[&str] = &["arxiv", "pdf"];
const LINKS: &[&str] = &[
    "link",
    "links",
    "url",
    "urls",
    "source",
    "resources",
    "materials",
];
const NAME: &[&str] = &[
    "model",
    "models",
    "method",
    "methods",
    "name",
    "approach",
    "algorithm",
    "system",
    "abbr",
    "dataset",
    "datasets",
    "benchmark",
    "acronym",
    "alias",
];

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkForm {
    /// `[text](url)` or `![alt](url)`
    Inline,
    /// `[text][label]` with `[label]: url` elsewhere
    Reference,
    /// `<https://...>`
    Autolink,
    /// A bare URL in text, which GitHub renders as a link.
    Bare,
    /// `<a href>` or `<img src>`
    Html,
}

/// A link or image in a cell.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub url: String,
    /// The bytes of the URL as written; replacing them changes the target.
    /// For a reference-style link these are in the definition.
    pub url_span: Span,
    /// The whole construct, where a finding's label goes.
    pub span: Span,
    pub kind: LinkKind,
    /// The year a proceedings URL states (`aclanthology.org/2020.acl-main.1`).
    pub venue_year: Option<u16>,
    /// Why the URL cannot work as written, rarely anything.
    pub problem: Option<Box<UrlProblem>>,
    /// What carries a credential in the URL, if it holds one.
    pub secret: Option<Box<str>>,
    pub form: LinkForm,
    pub image: bool,
    /// Link text or alt text.
    pub text: String,
    /// For an image: the index (in the entry's links) of the link around it.
    pub parent: Option<usize>,
    pub role: Role,
}

impl Link {
    pub(crate) fn arxiv(&self) -> Option<&ArxivId> {
        match &self.kind {
            LinkKind::Arxiv(id) => Some(id),
            _ => None,
        }
    }

    pub(crate) fn repo(&self) -> Option<&RepoRef> {
        match &self.kind {
            LinkKind::GitHubRepo(repo) => Some(repo),
            _ => None,
        }
    }

    pub(crate) fn stars_repo(&self) -> Option<&RepoRef> {
        match &self.kind {
            LinkKind::StarsBadge(repo) => Some(repo),
            _ => None,
        }
    }

    /// Whether the link's text calls it the paper: `[paper](...)`, `[PDF](...)`.
    pub(crate) fn says_paper(&self) -> bool {
        let text = self.text.trim().to_lowercase();
        matches!(text.as_str(), "paper" | "pdf" | "arxiv" | "[paper]") && self.repo().is_none()
    }

    /// Whether `url_span` holds the URL exactly as parsed, so that an edit
    /// there changes the link and nothing else. A destination written with
    /// escapes or entities does not, and gets no fix.
    pub(crate) fn written_as_parsed(&self, source: &Source) -> bool {
        source.slice(self.url_span) == self.url
    }

    /// Whether the link names a paper rather than code or a page.
    pub(crate) fn is_paper_kind(&self) -> bool {
        matches!(
            self.kind,
            LinkKind::Arxiv(_)
                | LinkKind::AclAnthology { .. }
                | LinkKind::Doi(_)
                | LinkKind::OpenReview(_)
        )
    }
}

impl RepoRef {
    /// `owner/repo` as written, for messages and edits.
    pub(crate) fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.repo)
    }
}

/// A piece of cell text and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub text: String,
    #[allow(dead_code, reason = "part of the model; title checks label it")]
    pub span: Span,
}

/// A year and the bytes that state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Year {
    pub value: u16,
    pub span: Span,
}

/// One paper, whatever it was written as.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The table (or list) it belongs to; duplicates are looked for inside a group.
    pub group: usize,
    /// The row reports results (a leaderboard), where one paper may fill
    /// several rows.
    pub results: bool,
    pub span: Span,
    pub name: Option<Field>,
    pub title: Option<Field>,
    pub year: Option<Year>,
    pub venue: Option<Field>,
    /// Years stated by the venue cell and by proceedings URLs in the row.
    pub venue_years: Vec<Year>,
    pub links: Vec<Link>,
}

impl Entry {
    /// Links that name the paper: links in a paper column, and paper-like
    /// links in the title or name column (`[Title](https://arxiv.org/...)`).
    pub(crate) fn paper_links(&self) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(|l| {
            !l.image
                && match l.role {
                    Role::Paper => true,
                    Role::Code | Role::Stars => false,
                    _ => l.is_paper_kind() || l.says_paper(),
                }
        })
    }

    /// Links in the code column, and repository links in columns that do
    /// not say what they hold (a title cell that starts with the code link
    /// and its stars badge), badges aside.
    pub(crate) fn code_links(&self) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(|l| {
            !l.image
                && match l.role {
                    Role::Code | Role::Stars => true,
                    Role::Paper => false,
                    _ => l.repo().is_some(),
                }
        })
    }

    /// The repositories the row's code links point at.
    pub(crate) fn code_repos(&self) -> impl Iterator<Item = (&Link, &RepoRef)> {
        self.code_links().filter_map(|l| Some((l, l.repo()?)))
    }

    pub(crate) fn stars_badges(&self) -> impl Iterator<Item = (&Link, &RepoRef)> {
        self.links.iter().filter_map(|l| Some((l, l.stars_repo()?)))
    }

    /// The arXiv ids of the row's paper links, each once.
    pub(crate) fn arxiv_ids(&self) -> SmallVec<[(&Link, &ArxivId); 2]> {
        let mut seen: SmallVec<[(&Link, &ArxivId); 2]> = SmallVec::new();
        for link in self.paper_links() {
            if let Some(id) = link.arxiv()
                && !seen.iter().any(|(_, s)| s.id == id.id)
            {
                seen.push((link, id));
            }
        }
        seen
    }

    /// What to call the row in a message: its name, else its title.
    /// Cut to a few words: a title cell may run on into its authors.
    pub(crate) fn label(&self) -> String {
        const MAX: usize = 60;
        let text = self
            .name
            .as_ref()
            .or(self.title.as_ref())
            .map_or("this row", |f| f.text.as_str());
        if text.chars().count() <= MAX {
            return text.to_owned();
        }
        let cut: String = text.chars().take(MAX).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end())
    }
}

/// The shape of one body row as written, counted from the source because
/// the parser drops extra cells without a trace.
#[derive(Debug, Clone)]
pub(crate) struct RowShape {
    /// The row's bytes, line ending excluded.
    pub span: Span,
    /// The cells written in the source, between their pipes.
    pub cells: Vec<Span>,
    /// Cells past the header's count, which GitHub does not render.
    pub extra: Vec<Span>,
    /// Every cell blank.
    pub empty: bool,
}

/// A pipe table as written.
#[derive(Debug, Clone)]
#[allow(
    dead_code,
    reason = "part of the model; configuration and fixes read it"
)]
pub(crate) struct Table {
    pub span: Span,
    pub header: Vec<Field>,
    pub roles: Vec<Role>,
    pub rows: Vec<RowShape>,
    /// Has a paper or code column: its rows are entries.
    pub is_paper: bool,
}

/// A reference-style link whose label has no definition.
#[derive(Debug, Clone)]
pub(crate) struct UndefinedReference {
    pub label: String,
    pub span: Span,
}

/// An HTML comment that mentions paperlint, where suppressions are read.
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub text: String,
    pub span: Span,
}

/// Everything parsed from one file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    pub tables: Vec<Table>,
    pub entries: Vec<Entry>,
    pub undefined_references: Vec<UndefinedReference>,
    pub comments: Vec<Comment>,
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn header_roles_follow_real_lists() {
        let cases = [
            ("Model / Methods", Role::Name),
            ("Title", Role::Title),
            ("Paper Title", Role::Title),
            ("Paper Link", Role::Paper),
            ("Paper / Source", Role::Paper),
            ("Links", Role::Links),
            ("Source", Role::Links),
            ("名字", Role::Name),
            ("年份", Role::Year),
            ("论文标题", Role::Title),
            ("arXiv", Role::Paper),
            ("Code Link", Role::Code),
            ("GitHub", Role::Code),
            ("Repository", Role::Code),
            ("Stars", Role::Stars),
            ("Published", Role::Year),
            ("Year", Role::Year),
            ("Date", Role::Year),
            ("Pub.", Role::Venue),
            ("Published in", Role::Venue),
            ("Venue", Role::Venue),
            ("Conference", Role::Venue),
            ("Keywords", Role::Other),
            ("Model Type", Role::Other),
            ("Acronym", Role::Name),
        ];
        for (header, role) in cases {
            assert_eq!(Role::from_header(header), role, "{header}");
        }
    }
}
