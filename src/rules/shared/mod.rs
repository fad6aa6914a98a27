//! Groupings that several rules read: rows sharing a paper, and whether a
//! repository's name is a row's name. Built with hash maps, never by
//! comparing every pair of rows.

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use crate::links::{ArxivId, LinkKind, normalise_url};
use crate::model::{self, Document, Link};
use crate::net::{Paper, Results, Target};
use crate::source::{Source, Span};

/// Cell text quoted in a message, cut to `max` characters.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// Rows indexed by their squashed name, per table.
pub(crate) type RowsByName = FxHashMap<(usize, String), Vec<usize>>;

/// Groupings that more than one rule reads, each built at most once per
/// file (rules run in parallel, so the first to ask builds it).
#[derive(Default)]
pub(crate) struct Groupings<'a> {
    pub papers: OnceLock<Vec<SharedPaper<'a>>>,
    pub names: OnceLock<RowsByName>,
}

/// Rows of one table that share a paper link.
pub(crate) struct SharedPaper<'a> {
    /// `arXiv` id or normalised URL, as shown to users.
    pub shown: String,
    /// (entry index, the link in that entry), in file order.
    pub members: Vec<(usize, &'a Link)>,
}

/// Every paper link used by two or more rows of one table.
pub(crate) fn shared_papers(doc: &Document) -> Vec<SharedPaper<'_>> {
    // Most papers have one row: their first row is kept in the map, and a
    // list of members is made only for a paper seen twice.
    enum Seen<'a> {
        Once(usize, &'a Link),
        /// Index into `shared`.
        Shared(usize),
    }
    let mut by_key: FxHashMap<(usize, PaperKey<'_>), (usize, Seen<'_>)> = FxHashMap::default();
    // (order the paper was first seen in, its members)
    let mut shared: Vec<(usize, Vec<(usize, &Link)>)> = Vec::new();
    let mut order = 0;
    for (index, entry) in doc.entries.iter().enumerate() {
        for (key, link) in paper_keys(entry) {
            match by_key.entry((entry.group, key)) {
                Entry::Vacant(vacant) => {
                    vacant.insert((order, Seen::Once(index, link)));
                    order += 1;
                }
                Entry::Occupied(mut occupied) => {
                    let (first_seen, seen) = occupied.get_mut();
                    match *seen {
                        Seen::Once(first, first_link) => {
                            shared.push((*first_seen, vec![(first, first_link), (index, link)]));
                            *seen = Seen::Shared(shared.len() - 1);
                        }
                        Seen::Shared(at) => shared[at].1.push((index, link)),
                    }
                }
            }
        }
    }
    // In the order the papers first appear.
    shared.sort_unstable_by_key(|(first_seen, _)| *first_seen);
    shared
        .into_iter()
        .map(|(_, members)| SharedPaper {
            shown: match &members[0].1.kind {
                LinkKind::Arxiv(id) => id.id.clone(),
                _ => normalise_url(&members[0].1.url),
            },
            members,
        })
        .collect()
}

/// What makes two paper links one paper.
#[derive(PartialEq, Eq, Hash)]
enum PaperKey<'a> {
    Arxiv(&'a str),
    Url(String),
}

/// The paper identities of one row, each once: the same id twice in one
/// row (an abs link and a pdf link) is one paper.
fn paper_keys(entry: &model::Entry) -> SmallVec<[(PaperKey<'_>, &Link); 2]> {
    let mut keys: SmallVec<[(PaperKey<'_>, &Link); 2]> = SmallVec::new();
    for link in entry.paper_links() {
        let key = match &link.kind {
            LinkKind::Arxiv(id) => PaperKey::Arxiv(&id.id),
            LinkKind::GitHubRepo(_) => continue,
            _ if link.url.trim().is_empty() => continue,
            _ => PaperKey::Url(normalise_url(&link.url)),
        };
        if !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, link));
        }
    }
    keys
}

/// Whether two titles name different papers. Missing titles cannot say so.
pub(crate) fn titles_differ(a: &model::Entry, b: &model::Entry) -> bool {
    match (&a.title, &b.title) {
        (Some(x), Some(y)) => !same_title(&x.text, &y.text),
        _ => false,
    }
}

/// Titles compared by their words, so that case, punctuation, full-width
/// colons and small edits do not count as a different paper.
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (title_words(a), title_words(b));
    if a == b {
        return true;
    }
    let set_a: HashSet<&str> = a.iter().map(String::as_str).collect();
    let set_b: HashSet<&str> = b.iter().map(String::as_str).collect();
    let common = set_a.intersection(&set_b).count();
    let total = set_a.len() + set_b.len();
    total > 0 && 2 * common * 100 / total >= 85
}

pub(crate) fn title_words(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Entries whose paper link is shared with a row of another title: their
/// link is probably wrong, so findings that only follow from it (a year
/// that disagrees with the wrong preprint) are left unsaid.
pub(crate) fn entries_with_foreign_paper(
    doc: &Document,
    shared_papers: &[SharedPaper<'_>],
) -> HashSet<usize> {
    let mut flagged = HashSet::new();
    for shared in shared_papers {
        let (first, _) = shared.members[0];
        for &(index, _) in &shared.members[1..] {
            if titles_differ(&doc.entries[first], &doc.entries[index]) {
                flagged.insert(index);
            }
        }
    }
    flagged
}

/// A name reduced to its letters and digits, lowercased.
pub(crate) fn squash(name: &str) -> String {
    String::from_utf8(squashed(name).into_vec()).expect("ASCII letters and digits")
}

/// [`squash`] on the stack, for comparing.
fn squashed(name: &str) -> SmallVec<[u8; 32]> {
    name.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Whether a repository's name is plainly a row's model name:
/// `ConvBert` for `ConvBERT`, `gpt-neo` for `GPT Neo`, `CPM-Generate` for `CPM`.
pub(crate) fn repo_is_named(repo: &str, name: &str) -> bool {
    let (repo, name) = (squashed(repo), squashed(name));
    if repo.is_empty() || name.len() < 3 {
        return false;
    }
    repo == name || repo.starts_with(&name) || (repo.len() >= 4 && name.starts_with(&repo))
}

/// Rows indexed by their squashed name, for finding the row a repository
/// belongs to.
pub(crate) fn rows_by_name(doc: &Document) -> RowsByName {
    let mut map: RowsByName = FxHashMap::default();
    for (index, entry) in doc.entries.iter().enumerate() {
        if let Some(name) = &entry.name {
            let key = squash(&name.text);
            if key.len() >= 3 {
                map.entry((entry.group, key)).or_default().push(index);
            }
        }
    }
    map
}

/// The one other row whose name the repository carries, when this row's
/// name does not. Tried on the repository's whole name and on its leading
/// part before a `-` (`CPM-Generate` belongs to `CPM`).
pub(crate) fn owner_row(
    doc: &Document,
    names: &RowsByName,
    index: usize,
    repo: &str,
) -> Option<usize> {
    let entry = &doc.entries[index];
    let own = entry.name.as_ref().map_or("", |n| n.text.as_str());
    if repo_is_named(repo, own) {
        return None;
    }
    let candidates = [
        squash(repo),
        squash(repo.split(['-', '_', '.']).next().unwrap_or(repo)),
    ];
    // `mLUKE` in `luke`, `RWKV-4.0` in `RWKV-LM`: a variant of the named
    // model, whose code often lives in that model's repository.
    let own = squash(own);
    let related = |key: &String| {
        !own.is_empty() && !key.is_empty() && (own.contains(key.as_str()) || key.contains(&own))
    };
    if candidates.iter().any(related) {
        return None;
    }
    candidates.iter().find_map(|key| {
        let rows = names.get(&(entry.group, key.clone()))?;
        match rows.as_slice() {
            [only] if *only != index => Some(*only),
            _ => None,
        }
    })
}

/// The bytes of `owner/repo` inside a link's URL, for an edit that points
/// the link at another repository and keeps the rest (`.svg?style=social`).
pub(crate) fn repo_path_span(
    source: &Source,
    link: &Link,
    owner: &str,
    repo: &str,
) -> Option<Span> {
    if !link.written_as_parsed(source) {
        return None;
    }
    let needle = format!("{owner}/{repo}").to_lowercase();
    let at = link.url.to_lowercase().find(&needle)?;
    Some(link.url_span.sub(at, at + needle.len()))
}

/// Whether a row's title and arXiv's title name one paper: equal by
/// [`same_title`], or at least 85% alike character by character after
/// normalising (a typo, a dropped article), or the row's title is the whole
/// leading part of arXiv's (a title without its subtitle, `CTRL` for
/// `CTRL: A Conditional Transformer ...`).
pub(crate) fn same_paper_title(row: &str, real: &str) -> bool {
    if same_title(row, real) {
        return true;
    }
    let (row, real) = (title_words(row).join(" "), title_words(real).join(" "));
    if row.is_empty() || real.is_empty() {
        return true;
    }
    let longest = row.chars().count().max(real.chars().count());
    let alike = 100 - edit_distance(&row, &real) * 100 / longest;
    alike >= 85 || real.starts_with(&format!("{row} ")) || row.starts_with(&format!("{real} "))
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// arXiv's record of the row's paper, when online and found.
pub(crate) fn arxiv_paper<'a>(net: Option<&'a Results>, id: &str) -> Option<&'a Paper> {
    net?.get(&Target::Arxiv(id.to_owned()))?.paper.as_ref()
}

/// The arXiv ids of a row whose title is not arXiv's title for them.
pub(crate) fn foreign_arxiv_ids<'e>(
    net: Option<&Results>,
    entry: &'e model::Entry,
) -> Vec<(&'e Link, &'e ArxivId, String)> {
    let Some(title) = entry.title.as_ref().filter(|t| !t.text.trim().is_empty()) else {
        return Vec::new();
    };
    entry
        .arxiv_ids()
        .into_iter()
        .filter_map(|(link, id)| {
            let paper = arxiv_paper(net, &id.id)?;
            (!same_paper_title(&title.text, &paper.title)).then(|| (link, id, paper.title.clone()))
        })
        .collect()
}

/// A repository's name after any rename GitHub reports, lowercased.
pub(crate) fn canonical_repo(net: Option<&Results>, key: &str) -> String {
    net.and_then(|n| n.get(&Target::GitHub(key.to_owned())))
        .and_then(|c| c.repo.as_ref())
        .map_or_else(|| key.to_owned(), |r| r.full_name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_tolerate_case_and_punctuation() {
        assert!(same_title(
            "Funnel-Transformer：Filtering out Sequential Redundancy",
            "Funnel-Transformer: Filtering Out Sequential Redundancy"
        ));
        assert!(!same_title(
            "UL2: Unifying Language Learning Paradigms",
            "Scaling Instruction-Finetuned Language Models"
        ));
    }

    #[test]
    fn real_titles_tolerate_typos_and_dropped_subtitles() {
        let real = "CTRL: A Conditional Transformer Language Model for Controllable Generation";
        assert!(same_paper_title("CTRL", real));
        assert!(same_paper_title(
            "A Conditonal Transformer Language Model for Controllable Generation",
            "A Conditional Transformer Language Model for Controllable Generation"
        ));
        assert!(!same_paper_title(
            "Dense Gadgets Revisited",
            "Sparse Widgets for Everyone"
        ));
        assert!(!same_paper_title(
            "Sparse Widgets for Everyone",
            "Sparse Widgets for Nobody at All"
        ));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn repository_names_match_model_names() {
        assert!(repo_is_named("ConvBert", "ConvBERT"));
        assert!(repo_is_named("gpt-neo", "GPT Neo"));
        assert!(!repo_is_named("CPM-Generate", "ConvBERT"));
        assert!(!repo_is_named("t5x", "T5"));
    }
}
