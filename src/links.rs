//! What a URL points at: arXiv papers, GitHub repositories, stars badges, venue pages.
//!
//! This is the only module that understands URL shapes. It never touches the network:
//! everything here is a pure function of the string as written in Markdown.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;
use smallvec::SmallVec;
use url::Url;

/// What a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkKind {
    /// An arXiv paper, whichever host or page form the link uses.
    Arxiv(ArxivId),
    /// arXiv host, but the id part cannot be an arXiv id (e.g. `abs/0704.1`, `abs/0112017`
    /// with no archive).
    ArxivInvalid { raw: String },
    /// A repository on github.com.
    GitHubRepo(Box<RepoRef>),
    /// A shields.io or badgen.net GitHub stars badge.
    StarsBadge(Box<RepoRef>),
    /// A paper in the ACL Anthology, with the year its id carries.
    AclAnthology { id: String, year: u16 },
    /// A DOI behind a resolver, lowercase, e.g. `10.1093/bib/bbac409`. arXiv DOIs
    /// (`10.48550/arXiv.X`) are classified as [`LinkKind::Arxiv`] instead.
    Doi(String),
    /// An `OpenReview` forum or PDF, by its id.
    OpenReview(String),
    /// A Hugging Face repository: `owner/name`, `datasets/owner/name` or `spaces/owner/name`.
    HuggingFace(String),
    /// A shields.io static badge `img.shields.io/badge/LABEL-MESSAGE-COLOR` (or badgen.net's
    /// `badge/LABEL/MESSAGE/COLOR`), decoded. A two-part badge has an empty label.
    StaticBadge { label: Box<str>, message: Box<str> },
    /// Anything else, including strings that are not web URLs.
    Other,
}

/// A parsed arXiv identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ArxivId {
    /// Normalised identity without version: "2004.05150", "hep-th/9901001", "math/0309136"
    /// (subject class like `.GT` dropped).
    pub id: String,
    /// The `vN` suffix, if the link pins a version.
    pub version: Option<u32>,
    /// Which page of the paper the link opens.
    pub form: ArxivForm,
    /// Year of first submission, from the id.
    pub year: u16,
    /// Month of first submission, from the id.
    pub month: u8,
}

/// Which page of an arXiv paper a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ArxivForm {
    /// `arxiv.org/abs/ID`
    Abs,
    /// `arxiv.org/pdf/ID`, with or without `.pdf`
    Pdf,
    /// `arxiv.org/html/ID`
    Html,
    /// `doi.org/10.48550/arXiv.ID`
    Doi,
    /// `huggingface.co/papers/ID`
    HuggingFacePapers,
    /// Other arXiv pages (`format/`, `ps/`, `src/`) and mirrors (ar5iv, alphaXiv).
    Other,
}

/// A GitHub repository named by a link or a badge.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct RepoRef {
    /// The owner as written.
    pub owner: String,
    /// The repository as written (a `.git` suffix is kept here, dropped by [`RepoRef::key`]).
    pub repo: String,
    /// Path after owner/repo, e.g. "/tree/main/examples", "" if none. Query and fragment
    /// are not part of it.
    pub rest: String,
}

impl RepoRef {
    /// Whether both name one repository: [`RepoRef::key`] without building it.
    pub(crate) fn same_as(&self, other: &RepoRef) -> bool {
        self.owner.eq_ignore_ascii_case(&other.owner)
            && strip_suffix_ci(&self.repo, ".git")
                .eq_ignore_ascii_case(strip_suffix_ci(&other.repo, ".git"))
    }

    /// Case-insensitive identity: lowercase "owner/repo" (".git" suffix stripped).
    pub(crate) fn key(&self) -> String {
        let repo = strip_suffix_ci(&self.repo, ".git");
        format!("{}/{repo}", self.owner).to_lowercase()
    }
}

/// One way a URL cannot work as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlProblem {
    /// Lowercase start, no trailing period, values in backticks.
    pub message: String,
    /// The whole corrected URL when the repair is certain.
    pub fixed: Option<String>,
    /// A hint for a person when no repair is certain, e.g. "did you mean `arxiv.org`?".
    pub suggestion: Option<String>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("hard-coded regex is valid")
}

// ---------------------------------------------------------------------------------------
// Classification

/// Classify a URL as written in Markdown (may lack a scheme, may have surrounding
/// whitespace, may be malformed; never panics).
#[cfg(test)]
pub(crate) fn classify(url: &str) -> LinkKind {
    with_web(url, |web| Some(classify_web(web, &web.segments()))).unwrap_or(LinkKind::Other)
}

/// Everything this module tells of one URL as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    pub kind: LinkKind,
    /// See [`venue_year`].
    pub venue_year: Option<u16>,
    /// The first of [`url_problems`], whose fix holds every certain repair.
    pub problem: Option<UrlProblem>,
    /// See [`secret_in_url`].
    pub secret: Option<String>,
}

/// [`classify`], [`venue_year`], [`url_problems`] and [`secret_in_url`]
/// together, reading the URL once.
pub(crate) fn facts(url: &str) -> Facts {
    let read = |web: &Web<'_>| {
        let segs = web.segments();
        (
            classify_web(web, &segs),
            venue_year_web(web, &segs),
            secret_in_parts(web),
        )
    };
    let plain = plain(url);
    let (kind, venue_year, secret) = match &plain {
        Some(web) => read(web),
        None => parse_lenient(url)
            .and_then(|parsed| Web::from_url(&parsed).as_ref().map(read))
            .unwrap_or((LinkKind::Other, None, None)),
    };
    Facts {
        kind,
        venue_year,
        problem: problems(url, plain.as_ref()).into_iter().next(),
        secret: secret.or_else(|| token_in(url)),
    }
}

fn classify_web(url: &Web<'_>, segs: &[&str]) -> LinkKind {
    let host = url.host.as_ref();
    match host {
        "arxiv.org" | "export.arxiv.org" | "browse.arxiv.org" => classify_arxiv(url, segs),
        "ar5iv.org" | "ar5iv.labs.arxiv.org" | "alphaxiv.org" => classify_arxiv_mirror(url, segs),
        "doi.org" | "dx.doi.org" => classify_doi(url),
        "huggingface.co" | "hf.co" => classify_hugging_face(segs),
        "github.com" => {
            github_repo(segs).map_or(LinkKind::Other, |repo| LinkKind::GitHubRepo(Box::new(repo)))
        }
        "img.shields.io" => classify_shields(segs),
        "badgen.net" | "flat.badgen.net" => classify_badgen(segs),
        "openreview.net" => classify_openreview(url, segs),
        _ => acl_anthology_id(host, segs).map_or(LinkKind::Other, |(id, year)| {
            LinkKind::AclAnthology { id, year }
        }),
    }
}

fn classify_arxiv(url: &Web<'_>, segs: &[&str]) -> LinkKind {
    let Some(page) = segs.first() else {
        return LinkKind::Other;
    };
    let form = match *page {
        "abs" => ArxivForm::Abs,
        "pdf" => ArxivForm::Pdf,
        "html" => ArxivForm::Html,
        "format" | "ps" | "src" | "e-print" => ArxivForm::Other,
        _ => return LinkKind::Other,
    };
    let raw = path_after_first(url.path);
    // `html/2411.04965v1/x1.png`: a figure of the paper's HTML page, which
    // belongs to that paper.
    let raw = match form {
        ArxivForm::Html => raw.split_once('/').map_or(raw, |(id, _)| id),
        _ => raw,
    };
    arxiv_kind(raw, form)
}

fn classify_arxiv_mirror(url: &Web<'_>, segs: &[&str]) -> LinkKind {
    match segs {
        ["abs" | "html" | "pdf" | "overview", ..] => {
            arxiv_kind(path_after_first(url.path), ArxivForm::Other)
        }
        _ => LinkKind::Other,
    }
}

/// The path after its first segment, without outer slashes: `//abs/x/y/` gives `x/y`.
/// Unlike joined segments it keeps an embedded `https://` whole for error messages.
fn path_after_first(path: &str) -> &str {
    let path = path.trim_matches('/');
    path.split_once('/')
        .map_or("", |(_, rest)| rest.trim_start_matches('/'))
}

fn arxiv_kind(raw: &str, form: ArxivForm) -> LinkKind {
    parse_arxiv_id(raw, form).map_or_else(
        || LinkKind::ArxivInvalid {
            raw: raw.to_owned(),
        },
        LinkKind::Arxiv,
    )
}

fn classify_doi(url: &Web<'_>) -> LinkKind {
    let path = percent_decode(url.path.trim_matches('/'));
    if let Some(arxiv) = strip_prefix_ci(&path, "10.48550/arxiv.") {
        return arxiv_kind(arxiv, ArxivForm::Doi);
    }
    if DOI.is_match(&path) {
        LinkKind::Doi(path.to_lowercase())
    } else {
        LinkKind::Other
    }
}

static DOI: LazyLock<Regex> = LazyLock::new(|| regex(r"^10\.\d{4,9}/\S+$"));

fn classify_hugging_face(segs: &[&str]) -> LinkKind {
    match segs {
        ["papers", id] => arxiv_kind(id, ArxivForm::HuggingFacePapers),
        [kind @ ("datasets" | "spaces"), owner, name, ..] => {
            LinkKind::HuggingFace(format!("{kind}/{owner}/{name}"))
        }
        [owner, name, ..] if !HF_RESERVED.contains(owner) => {
            LinkKind::HuggingFace(format!("{owner}/{name}"))
        }
        _ => LinkKind::Other,
    }
}

/// First path segments on huggingface.co that are site pages, not model owners.
const HF_RESERVED: &[&str] = &[
    "api",
    "blog",
    "chat",
    "collections",
    "datasets",
    "docs",
    "join",
    "learn",
    "login",
    "models",
    "new",
    "organizations",
    "papers",
    "posts",
    "pricing",
    "settings",
    "spaces",
    "tasks",
];

fn classify_openreview(url: &Web<'_>, segs: &[&str]) -> LinkKind {
    if !matches!(segs, ["forum" | "pdf" | "attachment"]) {
        return LinkKind::Other;
    }
    url.query_pairs()
        .find(|(key, value)| key == "id" && !value.is_empty())
        .map_or(LinkKind::Other, |(_, id)| {
            LinkKind::OpenReview(id.into_owned())
        })
}

// ---------------------------------------------------------------------------------------
// arXiv identifiers

/// `archive(.SC)/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`, optional `vN`.
static ARXIV_OLD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z-]+)?/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$")
});

fn parse_arxiv_id(raw: &str, form: ArxivForm) -> Option<ArxivId> {
    // Seen in lists: `abs/arXiv:2310.05678` and `abs/2001.04451.pdf`. Both name the paper
    // clearly; `url_problems` reports them as broken links.
    let id = strip_suffix_ci(raw, ".pdf");
    let id = strip_prefix_ci(id, "arxiv:").unwrap_or(id);
    parse_new_arxiv_id(id, form).or_else(|| parse_old_arxiv_id(id, form))
}

/// `YYMM.NNNN` (2007-04 to 2014-12) or `YYMM.NNNNN` (from 2015-01),
/// optional `vN`. Read by hand: every paper link passes here.
fn parse_new_arxiv_id(id: &str, form: ArxivForm) -> Option<ArxivId> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (number, version) = match id.split_once('v') {
        Some((number, version)) if digits(version) => (number, Some(version)),
        Some(_) => return None,
        None => (id, None),
    };
    let (yymm, serial) = number.split_once('.')?;
    if yymm.len() != 4 || !digits(yymm) || !digits(serial) {
        return None;
    }
    let value: u16 = yymm.parse().ok()?;
    let digits_fit = if value <= 1412 {
        serial.len() == 4
    } else {
        serial.len() == 5
    };
    if value < 704 || !digits_fit {
        return None;
    }
    arxiv_id(
        number.to_owned(),
        version,
        2000 + value / 100,
        &yymm[2..],
        form,
    )
}

fn parse_old_arxiv_id(id: &str, form: ArxivForm) -> Option<ArxivId> {
    let caps = ARXIV_OLD.captures(id)?;
    let yy: u16 = caps[2].parse().ok()?;
    let year = match yy {
        91..=99 => 1900 + yy,
        0..=7 => 2000 + yy,
        _ => return None,
    };
    let number = format!("{}/{}{}{}", &caps[1], &caps[2], &caps[3], &caps[4]);
    let parsed = arxiv_id(
        number,
        caps.get(5).map(|v| v.as_str()),
        year,
        &caps[3],
        form,
    )?;
    // The old scheme ended with 2007-03; later papers only have new-style ids.
    ((parsed.year, parsed.month) <= (2007, 3)).then_some(parsed)
}

fn arxiv_id(
    id: String,
    version: Option<&str>,
    year: u16,
    month: &str,
    form: ArxivForm,
) -> Option<ArxivId> {
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    let version = match version {
        Some(v) => Some(v.parse::<u32>().ok().filter(|&v| v > 0)?),
        None => None,
    };
    Some(ArxivId {
        id,
        version,
        form,
        year,
        month,
    })
}

// ---------------------------------------------------------------------------------------
// GitHub repositories and badges

/// First path segments on github.com that are site pages, never user or org names.
const GITHUB_RESERVED: &[&str] = &[
    "about",
    "account",
    "advisories",
    "apps",
    "codespaces",
    "collections",
    "contact",
    "customer-stories",
    "dashboard",
    "enterprise",
    "events",
    "explore",
    "features",
    "issues",
    "login",
    "marketplace",
    "new",
    "notifications",
    "organizations",
    "orgs",
    "pricing",
    "pulls",
    "readme",
    "resources",
    "search",
    "security",
    "settings",
    "site",
    "solutions",
    "sponsors",
    "stars",
    "team",
    "topics",
    "trending",
    "users",
    "watching",
];

/// `[A-Za-z0-9][A-Za-z0-9_-]*`
fn github_owner(name: &str) -> bool {
    name.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `[A-Za-z0-9._-]+`, but not `.` or `..`
fn github_repo_name(name: &str) -> bool {
    !name.is_empty()
        && !matches!(name, "." | "..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn github_repo(segs: &[&str]) -> Option<RepoRef> {
    let [owner, repo, rest @ ..] = segs else {
        return None;
    };
    let reserved = GITHUB_RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(owner));
    let valid = github_owner(owner) && github_repo_name(repo);
    (!reserved && valid).then(|| RepoRef {
        owner: (*owner).to_owned(),
        repo: (*repo).to_owned(),
        rest: join_rest(rest),
    })
}

/// `github/stars/OWNER/REPO` on a badge host, with the image extension dropped.
fn stars_badge(segs: &[&str]) -> Option<RepoRef> {
    let ["github", "stars", owner, repo, rest @ ..] = segs else {
        return None;
    };
    let repo = strip_suffix_ci(strip_suffix_ci(repo, ".svg"), ".png");
    github_repo(&[owner, repo]).map(|found| RepoRef {
        rest: join_rest(rest),
        ..found
    })
}

fn classify_shields(segs: &[&str]) -> LinkKind {
    if let Some(repo) = stars_badge(segs) {
        return LinkKind::StarsBadge(Box::new(repo));
    }
    match segs {
        ["badge", content @ ..] if !content.is_empty() => shields_static(&content.join("/")),
        _ => LinkKind::Other,
    }
}

fn classify_badgen(segs: &[&str]) -> LinkKind {
    if let Some(repo) = stars_badge(segs) {
        return LinkKind::StarsBadge(Box::new(repo));
    }
    match segs {
        ["badge", label, message, ..] => LinkKind::StaticBadge {
            label: percent_decode(label).into(),
            message: percent_decode(message).into(),
        },
        _ => LinkKind::Other,
    }
}

/// `LABEL-MESSAGE-COLOR` or `MESSAGE-COLOR`; more single dashes than that are taken to
/// belong to the message, since the label and the colour rarely contain one.
fn shields_static(content: &str) -> LinkKind {
    if content.contains('_') || content.contains("--") {
        return shields_static_escaped(content);
    }
    // Nothing escaped: the parts are the pieces between dashes.
    let Some((head, _color)) = content.rsplit_once('-') else {
        return LinkKind::Other;
    };
    let (label, message) = head.split_once('-').unwrap_or(("", head));
    LinkKind::StaticBadge {
        label: percent_decode(label).into(),
        message: percent_decode(message).into(),
    }
}

fn shields_static_escaped(content: &str) -> LinkKind {
    let parts = split_shields_parts(content);
    let (label, message) = match parts.as_slice() {
        [message, _color] => (String::new(), message.clone()),
        [label, middle @ .., _color] if !middle.is_empty() => (label.clone(), middle.join("-")),
        _ => return LinkKind::Other,
    };
    LinkKind::StaticBadge {
        label: percent_decode(&label).into(),
        message: percent_decode(&message).into(),
    }
}

/// Splits on single dashes; `--` is a literal dash, `__` a literal underscore and `_` a
/// space. Percent-decoding comes after, so `%5F` stays an underscore.
fn split_shields_parts(content: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        let doubled = matches!(c, '-' | '_') && chars.next_if_eq(&c).is_some();
        match (c, doubled) {
            ('-', false) => parts.push(String::new()),
            ('_', false) => push_last(&mut parts, ' '),
            (other, _) => push_last(&mut parts, other),
        }
    }
    parts
}

/// Path segments after owner/repo as `/a/b`, or "" when there are none.
fn join_rest(rest: &[&str]) -> String {
    rest.iter().flat_map(|seg| ["/", seg]).collect()
}

fn push_last(parts: &mut [String], c: char) {
    if let Some(last) = parts.last_mut() {
        last.push(c);
    }
}

// ---------------------------------------------------------------------------------------
// ACL Anthology and venue years

/// New ids: `2020.acl-main.111`, `2020.findings-emnlp.92`, optional `vN`.
static ACL_NEW: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(\d{4})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(\d+)(?:v\d+)?$"));

/// Old ids: `P19-1001`, `W18-5446`, `J79-1001`, optional `vN`.
static ACL_OLD: LazyLock<Regex> = LazyLock::new(|| regex(r"^([A-Za-z])(\d{2})-(\d{4})(?:v\d+)?$"));

fn acl_anthology_id(host: &str, segs: &[&str]) -> Option<(String, u16)> {
    let on_anthology = match host {
        "aclanthology.org" | "anthology.aclweb.org" => true,
        "aclweb.org" => segs.first() == Some(&"anthology"),
        _ => false,
    };
    if !on_anthology {
        return None;
    }
    let last = segs.last()?;
    let last = strip_suffix_ci(strip_suffix_ci(last, ".pdf"), ".bib");
    parse_acl_id(last)
}

fn parse_acl_id(id: &str) -> Option<(String, u16)> {
    if let Some(caps) = ACL_NEW.captures(id) {
        let year = caps[1].parse().ok().filter(|&y| plausible_year(y))?;
        return Some((format!("{}.{}.{}", &caps[1], &caps[2], &caps[3]), year));
    }
    let caps = ACL_OLD.captures(id)?;
    let yy: u16 = caps[2].parse().ok()?;
    let year = if yy >= 60 { 1900 + yy } else { 2000 + yy };
    let letter = caps[1].to_ascii_uppercase();
    Some((format!("{letter}{}-{}", &caps[2], &caps[3]), year))
}

/// Year evidence carried by a venue/proceedings URL, for URLs that are not arXiv: ACL
/// Anthology ids (old `P19-1001` style: two-digit years from 60 are 19yy), `NeurIPS`
/// (`papers.nips.cc`, `proceedings.neurips.cc`), CVF open access, ECVA, LREC and IJCAI
/// proceedings. None when the URL carries no year (AAAI, PMLR) or the host is unknown.
#[cfg(test)]
pub(crate) fn venue_year(url: &str) -> Option<u16> {
    with_web(url, |web| venue_year_web(web, &web.segments()))
}

fn venue_year_web(url: &Web<'_>, segs: &[&str]) -> Option<u16> {
    let host = url.host.as_ref();
    let year = match host {
        "papers.nips.cc" | "proceedings.neurips.cc" => year_after(segs, "paper"),
        // `content_CVPR_2019/...`, `content_cvpr_2018/...`, `content/ICCV2023/...`
        "openaccess.thecvf.com" => match segs {
            ["content", venue, ..] | [venue, ..] => venue_segment_year(venue),
            [] => None,
        },
        // `papers/eccv_2022/...`, `proceedings/lrec2022/...`
        "ecva.net" | "lrec-conf.org" => segs.get(1).and_then(|s| venue_segment_year(s)),
        "ijcai.org" => year_after(segs, "proceedings"),
        _ => acl_anthology_id(host, segs).map(|(_, year)| year),
    };
    year.filter(|&y| plausible_year(y))
}

static VENUE_SEGMENT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:content_)?[a-z]+_?(\d{4})w?$"));

fn venue_segment_year(seg: &str) -> Option<u16> {
    VENUE_SEGMENT.captures(seg)?[1].parse().ok()
}

/// The four-digit segment right after `marker`, e.g. `paper/2020/hash/...`.
fn year_after(segs: &[&str], marker: &str) -> Option<u16> {
    let at = segs.iter().position(|s| s.eq_ignore_ascii_case(marker))?;
    let seg = segs.get(at + 1)?;
    let four_digits = seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit());
    four_digits.then(|| seg.parse().ok()).flatten()
}

fn plausible_year(year: u16) -> bool {
    (1950..=2100).contains(&year)
}

// ---------------------------------------------------------------------------------------
// Scheme handling, shared by classification and the shape checks

/// How the start of a link target relates to `http(s)://`.
enum Scheme {
    /// `http://` or `https://`, well formed.
    Web,
    /// No scheme, but it starts with something shaped like a host: `github.com/a/b`.
    Missing,
    /// A broken web scheme. `fixed` is the repaired URL (with a guessed `https://` when
    /// `certain` is false).
    Broken {
        message: String,
        fixed: String,
        certain: bool,
    },
    /// Relative links, fragments, `mailto:` and other schemes: not ours to check.
    NotWeb,
}

/// A letter run, an optional colon and slashes: `https://`, `htps:/`, `https//`, `https:\\`.
static SCHEME_ATTEMPT: LazyLock<Regex> = LazyLock::new(|| regex(r"^([A-Za-z]+)(:?)([/\\]*)"));

/// `https://https://x`, `http://https://x`: group 2 is the scheme to keep.
static REPEATED_SCHEME: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^((?:https?:/{1,3})+)(https?):/{1,3}"));

/// Real schemes that must not be mistaken for a misspelled `http`.
const OTHER_SCHEMES: &[&str] = &[
    "data", "file", "ftp", "ftps", "git", "irc", "mailto", "news", "sftp", "ssh", "tel", "ws",
    "wss",
];

fn scheme(s: &str) -> Scheme {
    if plainly_web(s) {
        return Scheme::Web;
    }
    if let Some(caps) = REPEATED_SCHEME.captures(s) {
        let keep = caps[2].to_ascii_lowercase();
        return Scheme::Broken {
            message: format!("repeated scheme in `{s}`"),
            fixed: format!("{keep}://{}", &s[caps[0].len()..]),
            certain: true,
        };
    }
    let Some(caps) = SCHEME_ATTEMPT.captures(s) else {
        return missing_or_not_web(s);
    };
    let word = caps[1].to_ascii_lowercase();
    let colon = !caps[2].is_empty();
    let slashes = &caps[3];
    // Without a colon only `https//` counts: `http/notes.md` is a relative path.
    if !colon && slashes.len() < 2 {
        return missing_or_not_web(s);
    }
    if OTHER_SCHEMES.contains(&word.as_str()) {
        return Scheme::NotWeb;
    }
    let Some((target, certain)) = closest_web_scheme(&word) else {
        return Scheme::NotWeb;
    };
    if word == target && colon && slashes == "//" {
        return Scheme::Web;
    }
    let written = &caps[0];
    Scheme::Broken {
        message: format!("misspelled scheme `{written}` in `{s}`"),
        fixed: format!("{target}://{}", &s[written.len()..]),
        certain,
    }
}

/// `http` or `https` when `word` is one of them or a likely typo of one; `certain` is
/// false when both are equally close (`htts`).
fn closest_web_scheme(word: &str) -> Option<(&'static str, bool)> {
    if word == "http" || word == "https" {
        let target = if word == "http" { "http" } else { "https" };
        return Some((target, true));
    }
    if word.len() > 8 {
        return None;
    }
    let to_https = edit_distance(word, "https");
    let to_http = edit_distance(word, "http");
    if word.len() < 3 || to_https.min(to_http) > 2 {
        return None;
    }
    let target = if to_http < to_https { "http" } else { "https" };
    Some((target, to_http != to_https))
}

/// A host-shaped first segment (`github.com`, `www.example.org:8080`) whose last label is
/// not a file extension, so `README.md` and `paper.pdf` stay relative links.
static HOST_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,63})(?::\d{1,5})?$")
});

const FILE_EXTENSIONS: &[&str] = &[
    "bib", "csv", "gif", "htm", "html", "ipynb", "jpeg", "jpg", "json", "md", "mp4", "pdf", "png",
    "py", "svg", "tex", "toml", "txt", "webp", "xml", "yaml", "yml", "zip",
];

fn missing_or_not_web(s: &str) -> Scheme {
    let first = s.split(['/', '?', '#']).next().unwrap_or_default();
    let Some(caps) = HOST_LIKE.captures(first) else {
        return Scheme::NotWeb;
    };
    let tld = caps[1].to_ascii_lowercase();
    if FILE_EXTENSIONS.contains(&tld.as_str()) {
        Scheme::NotWeb
    } else {
        Scheme::Missing
    }
}

/// The URL with its scheme repaired as well as can be, trimmed; None for non-web targets.
/// `https://host...` as almost every link is written: no regex needed to
/// know its scheme is right. Anything else takes the careful path.
fn plainly_web(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let head = rest.get(..4).unwrap_or(rest);
        !rest.starts_with(['/', '\\']) && !rest.is_empty() && !head.eq_ignore_ascii_case("http")
    })
}

fn with_web_scheme(s: &str) -> Option<String> {
    let trimmed = s.trim();
    match scheme(trimmed) {
        Scheme::Web => Some(trimmed.to_owned()),
        Scheme::Missing => Some(format!("https://{trimmed}")),
        Scheme::Broken { fixed, .. } => Some(fixed),
        Scheme::NotWeb => None,
    }
}

fn parse_lenient(s: &str) -> Option<Url> {
    let with_scheme = with_web_scheme(s)?;
    let unglued = match glued(&with_scheme) {
        Some(Glued {
            inner,
            same_site: true,
            ..
        }) => inner.to_owned(),
        _ => with_scheme,
    };
    Url::parse(&unglued).ok()
}

// ---------------------------------------------------------------------------------------
// The parts of a web URL that classification reads

/// A web URL's parts as `url::Url` gives them, with the host lowercase and
/// without `www.` or a trailing dot.
struct Web<'a> {
    host: Cow<'a, str>,
    /// Always starts with `/`.
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
    port: Option<u16>,
    password: bool,
}

impl<'a> Web<'a> {
    fn from_url(url: &'a Url) -> Option<Self> {
        Some(Self {
            host: Cow::Owned(bare_host(url)?),
            path: url.path(),
            query: url.query(),
            fragment: url.fragment(),
            port: url.port(),
            password: url.password().is_some_and(|p| !p.is_empty()),
        })
    }

    /// Non-empty path segments: `github.com//a/b/` gives `["a", "b"]`.
    fn segments(&self) -> SmallVec<[&'a str; 8]> {
        self.path.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// Whether any shape check that a plain URL can fail might fail: an
    /// empty path segment, an arXiv path with `arXiv:` or `.pdf`, a host
    /// near a known one.
    fn may_fail_shape_checks(&self) -> bool {
        let host = self.host.as_ref();
        self.path.contains("//")
            || (is_arxiv_host(host) && (self.path.contains(':') || ends_in_pdf(self.path)))
            || (!KNOWN_HOSTS.contains(&host) && KNOWN_HOSTS.iter().any(|k| is_near_miss(host, k)))
    }

    fn query_pairs(&self) -> url::form_urlencoded::Parse<'a> {
        url::form_urlencoded::parse(self.query.unwrap_or_default().as_bytes())
    }
}

/// Reads a URL as written, repairs included (see [`parse_lenient`]). Almost
/// every link in a list is [`plain`], and reading those needs no parser.
fn with_web<R>(s: &str, read: impl FnOnce(&Web<'_>) -> Option<R>) -> Option<R> {
    if let Some(web) = plain(s) {
        return read(&web);
    }
    let url = parse_lenient(s)?;
    read(&Web::from_url(&url)?)
}

/// `https://host.tld/path?query#fragment` written so plainly that
/// `url::Url::parse` would accept it and hand back its parts unchanged: a
/// lowercase web scheme, a host of letters, digits, dots and dashes ending in
/// a letter-only label (no IP address, port, user or punycode), and path,
/// query and fragment of characters that are never escaped, with no dot
/// segments and no second scheme (`:/`). Anything else is parsed.
fn plain(s: &str) -> Option<Web<'_>> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let bytes = rest.as_bytes();
    let host_end = bytes
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(bytes.len());
    let (host, rest) = rest.split_at(host_end);
    if !plain_host(host) {
        return None;
    }
    // One pass over path, query and fragment: where each ends, and
    // whether every byte is one the url crate keeps there as written.
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut segment_start = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'?' | b'#' => break,
            b'/' => {
                if dot_segment(&bytes[segment_start..i]) || (i > 0 && bytes[i - 1] == b':') {
                    return None;
                }
                segment_start = i + 1;
            }
            b'%' => plain_escape(bytes, i)?,
            _ if KEPT[usize::from(b)] => {}
            _ => return None,
        }
        i += 1;
    }
    let path_end = i;
    if dot_segment(&bytes[segment_start..path_end]) {
        return None;
    }
    let mut query_at = None;
    if bytes.get(i) == Some(&b'?') {
        query_at = Some(i);
        i += 1;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'#' => break,
                b'?' => {}
                b'\'' => return None,
                b'%' => plain_escape(bytes, i)?,
                _ if KEPT[usize::from(b)] => {}
                _ => return None,
            }
            i += 1;
        }
    }
    let mut fragment_at = None;
    if bytes.get(i) == Some(&b'#') {
        fragment_at = Some(i);
        for j in i + 1..bytes.len() {
            match bytes[j] {
                b'?' => {}
                b'%' => plain_escape(bytes, j)?,
                b if KEPT[usize::from(b)] => {}
                _ => return None,
            }
        }
    }
    let path = &rest[..path_end];
    let query = query_at.map(|q| &rest[q + 1..fragment_at.unwrap_or(rest.len())]);
    let fragment = fragment_at.map(|f| &rest[f + 1..]);
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(strip_www(&host.to_ascii_lowercase()).to_owned())
    } else {
        Cow::Borrowed(strip_www(host))
    };
    Some(Web {
        host,
        path: if path.is_empty() { "/" } else { path },
        query,
        fragment,
        port: None,
        password: false,
    })
}

/// `.` and `..`, which the url crate resolves away.
fn dot_segment(segment: &[u8]) -> bool {
    matches!(segment, b"." | b"..")
}

/// A `%` escape the url crate keeps as written: two hex digits, and not
/// an escaped `.`, which it may resolve as a dot segment.
fn plain_escape(bytes: &[u8], at: usize) -> Option<()> {
    let escape = bytes.get(at + 1..at + 3)?;
    (escape.iter().all(u8::is_ascii_hexdigit) && !escape.eq_ignore_ascii_case(b"2e")).then_some(())
}

/// Bytes the url crate keeps as written in a path, query and fragment
/// (`%`, `?`, `#` and `'` are judged apart).
const KEPT: [bool; 256] = {
    let mut kept = [false; 256];
    let mut b: u8 = 0;
    loop {
        kept[b as usize] = b.is_ascii_alphanumeric();
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    let mut i = 0;
    let others = b"-._~!$&'()*+,;=:@/";
    while i < others.len() {
        kept[others[i] as usize] = true;
        i += 1;
    }
    kept
};

fn plain_host(host: &str) -> bool {
    let bytes = host.as_bytes();
    let mut label_start = 0;
    for i in 0..=bytes.len() {
        if i < bytes.len() && bytes[i] != b'.' {
            if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                return false;
            }
            continue;
        }
        let label = &bytes[label_start..i];
        let punycode = label.len() >= 4 && label[..4].eq_ignore_ascii_case(b"xn--");
        if label.is_empty() || punycode {
            return false;
        }
        if i == bytes.len() && !label.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        label_start = i + 1;
    }
    true
}

// ---------------------------------------------------------------------------------------
// Raw URL pieces, for repairs that must keep everything else as written

/// `scheme://authority`, path, and `?query#fragment` of a raw string with `://`.
struct RawParts<'a> {
    prefix: &'a str,
    path: &'a str,
    tail: &'a str,
}

fn raw_parts(s: &str) -> Option<RawParts<'_>> {
    let start = s.find("://")? + 3;
    let path_start = s[start..]
        .find(['/', '?', '#'])
        .map_or(s.len(), |i| start + i);
    let path_end = s[path_start..]
        .find(['?', '#'])
        .map_or(s.len(), |i| path_start + i);
    Some(RawParts {
        prefix: &s[..path_start],
        path: &s[path_start..path_end],
        tail: &s[path_end..],
    })
}

/// The lowercase host of a raw `scheme://host...` string, without `www.` or a port.
fn raw_host(s: &str) -> Option<String> {
    let parts = raw_parts(s)?;
    let authority = &parts.prefix[parts.prefix.find("://")? + 3..];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    Some(strip_www(&host).to_owned())
}

fn strip_www(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

/// Hosts of one site: `dx.doi.org` is `doi.org`, `export.arxiv.org` is `arxiv.org`.
fn site(host: &str) -> &str {
    ["dx.", "export.", "browse."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(host)
}

fn is_arxiv_host(host: &str) -> bool {
    site(host) == "arxiv.org"
}

/// Hosts whose paths legitimately hold a whole URL.
const URL_EMBEDDING_HOSTS: &[&str] = &[
    "archive.is",
    "archive.org",
    "archive.ph",
    "archive.today",
    "r.jina.ai",
    "web.archive.org",
];

static EMBEDDED_SCHEME: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)https?:/"));

struct Glued<'a> {
    outer: &'a str,
    inner: &'a str,
    same_site: bool,
}

/// A second `http(s):/` inside the host or path: `https://a.org/xhttps://b.org/y`.
fn glued(s: &str) -> Option<Glued<'_>> {
    let parts = raw_parts(s)?;
    let host = raw_host(s)?;
    if URL_EMBEDDING_HOSTS.contains(&host.as_str()) {
        return None;
    }
    let after_scheme = s.find("://")? + 3;
    let searched = &s[after_scheme..parts.prefix.len() + parts.path.len()];
    let at = after_scheme + EMBEDDED_SCHEME.find(searched)?.start();
    let inner = &s[at..];
    let same_site = raw_host(inner).is_some_and(|h| site(&h) == site(&host));
    Some(Glued {
        outer: &s[..at],
        inner,
        same_site,
    })
}

// ---------------------------------------------------------------------------------------
// Shape checks

/// Shape checks for URLs that cannot work as written. Returns the problems found, usually
/// zero or one. Each check runs on the output of the previous repairs and the checks stop
/// at the first problem that has no certain repair; the first problem's `fixed` holds
/// every certain repair together. Relative links, fragments and non-web schemes such as
/// `mailto:` are not checked.
#[cfg(test)]
pub(crate) fn url_problems(url: &str) -> Vec<UrlProblem> {
    problems(url, plain(url).as_ref())
}

fn problems(url: &str, plain: Option<&Web<'_>>) -> Vec<UrlProblem> {
    if plain.is_some_and(|web| !web.may_fail_shape_checks()) {
        return Vec::new();
    }
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return vec![problem("empty link target".to_owned(), None, None)];
    }
    if matches!(scheme(trimmed), Scheme::NotWeb) {
        return Vec::new();
    }
    // A plain URL has no whitespace, a right scheme, parses and holds no
    // second URL: only the checks from `check_empty_segments` on can fire.
    let first = if plain.is_some() { PLAIN_CHECKS } else { 0 };
    let mut problems = Vec::new();
    let mut current = Cow::Borrowed(url);
    for check in &CHECKS[first..] {
        let Some(found) = check(&current) else {
            continue;
        };
        let certain = found.fixed.is_some();
        if let Some(fixed) = &found.fixed {
            current = Cow::Owned(fixed.clone());
        }
        problems.push(found);
        if !certain {
            break;
        }
    }
    if let Some(first) = problems.first_mut()
        && first.fixed.is_some()
    {
        first.fixed = Some(current.into_owned());
    }
    problems
}

type Check = fn(&str) -> Option<UrlProblem>;

/// Where in [`CHECKS`] the checks that a [`plain`] URL can fail begin.
const PLAIN_CHECKS: usize = 5;

const CHECKS: &[Check] = &[
    check_edge_whitespace,
    check_inner_whitespace,
    check_scheme,
    check_parses,
    check_glued,
    check_empty_segments,
    check_arxiv_prefix,
    check_abs_pdf,
    check_host_typo,
];

fn problem(message: String, fixed: Option<String>, suggestion: Option<String>) -> UrlProblem {
    UrlProblem {
        message,
        fixed,
        suggestion,
    }
}

fn check_edge_whitespace(s: &str) -> Option<UrlProblem> {
    let trimmed = s.trim();
    (trimmed != s).then(|| {
        let message = format!("leading or trailing whitespace around `{trimmed}`");
        problem(message, Some(trimmed.to_owned()), None)
    })
}

fn check_inner_whitespace(s: &str) -> Option<UrlProblem> {
    s.contains(char::is_whitespace).then(|| {
        let hint = "encode spaces as `%20` or remove them".to_owned();
        problem(format!("whitespace inside `{s}`"), None, Some(hint))
    })
}

fn check_scheme(s: &str) -> Option<UrlProblem> {
    match scheme(s) {
        Scheme::Web | Scheme::NotWeb => None,
        Scheme::Missing => {
            let message = format!("missing scheme in `{s}`");
            Some(problem(message, Some(format!("https://{s}")), None))
        }
        Scheme::Broken {
            message,
            fixed,
            certain: true,
        } => Some(problem(message, Some(fixed), None)),
        Scheme::Broken { message, .. } => {
            let hint = "did you mean `https://`?".to_owned();
            Some(problem(message, None, Some(hint)))
        }
    }
}

fn check_parses(s: &str) -> Option<UrlProblem> {
    let error = Url::parse(s).err()?;
    Some(problem(format!("invalid URL `{s}`: {error}"), None, None))
}

fn check_glued(s: &str) -> Option<UrlProblem> {
    let found = glued(s)?;
    if found.same_site {
        let repeated = &found.outer;
        let message = format!("repeated `{repeated}` prefix in `{s}`");
        return Some(problem(message, Some(found.inner.to_owned()), None));
    }
    let hint = format!("split it into `{}` and `{}`", found.outer, found.inner);
    let message = format!("two URLs glued together in `{s}`");
    Some(problem(message, None, Some(hint)))
}

static SLASH_RUN: LazyLock<Regex> = LazyLock::new(|| regex(r"/{2,}"));

fn check_empty_segments(s: &str) -> Option<UrlProblem> {
    let parts = raw_parts(s)?;
    let at = parts.path.find("//")?;
    let host = raw_host(s)?;
    if URL_EMBEDDING_HOSTS.contains(&host.as_str()) {
        return None;
    }
    // Show the host and the path up to the segment after the empty one:
    // `github.com//laiguokun`.
    let after = parts.path[at..].trim_start_matches('/');
    let next = after.split('/').next().unwrap_or_default();
    let shown_end = parts.path.len() - after.len() + next.len();
    let authority = &parts.prefix[parts.prefix.find("://")? + 3..];
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let message = format!(
        "empty path segment in `{authority}{}`",
        &parts.path[..shown_end]
    );
    let path = SLASH_RUN.replace_all(parts.path, "/");
    let fixed = format!("{}{path}{}", parts.prefix, parts.tail);
    Some(problem(message, Some(fixed), None))
}

/// `/abs/arXiv:2310.05678`: the `arXiv:` prefix belongs in citations, not in URLs.
static ARXIV_PREFIXED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(/+(?:abs|pdf|html)/)(?i:arxiv:)(.*)$"));

fn check_arxiv_prefix(s: &str) -> Option<UrlProblem> {
    let parts = raw_parts(s).filter(|p| p.path.contains(':') && on_arxiv(s))?;
    let caps = ARXIV_PREFIXED.captures(parts.path)?;
    let message = format!(
        "stray `arXiv:` prefix in `{}`",
        parts.path.trim_start_matches('/')
    );
    let fixed = format!("{}{}{}{}", parts.prefix, &caps[1], &caps[2], parts.tail);
    Some(problem(message, Some(fixed), None))
}

/// `/abs/2001.04451.pdf`: the abstract page has no `.pdf` form.
static ABS_PDF: LazyLock<Regex> = LazyLock::new(|| regex(r"^(/+abs/.+)(?i:\.pdf)(/?)$"));

fn check_abs_pdf(s: &str) -> Option<UrlProblem> {
    let parts = raw_parts(s).filter(|p| ends_in_pdf(p.path) && on_arxiv(s))?;
    let caps = ABS_PDF.captures(parts.path)?;
    let message = format!(
        "abstract page link ends in `.pdf`: `{}`",
        parts.path.trim_start_matches('/')
    );
    let fixed = format!("{}{}{}{}", parts.prefix, &caps[1], &caps[2], parts.tail);
    Some(problem(message, Some(fixed), None))
}

fn on_arxiv(s: &str) -> bool {
    raw_host(s).is_some_and(|h| is_arxiv_host(&h))
}

fn ends_in_pdf(path: &str) -> bool {
    let path = path.strip_suffix('/').unwrap_or(path);
    path.len() >= 4 && strip_suffix_ci(path, ".pdf").len() < path.len()
}

/// Hosts common in paper lists, checked for near-misses such as `arvix.org`.
const KNOWN_HOSTS: &[&str] = &[
    "aclanthology.org",
    "aclweb.org",
    "arxiv.org",
    "colab.research.google.com",
    "doi.org",
    "github.com",
    "huggingface.co",
    "img.shields.io",
    "openreview.net",
    "paperswithcode.com",
    "proceedings.neurips.cc",
];

fn check_host_typo(s: &str) -> Option<UrlProblem> {
    let host = match plain(s) {
        Some(web) => web.host.into_owned(),
        None => bare_host(&Url::parse(s).ok()?)?,
    };
    if KNOWN_HOSTS.contains(&host.as_str()) {
        return None;
    }
    let near = KNOWN_HOSTS
        .iter()
        .find(|known| is_near_miss(&host, known))?;
    let message = format!("host `{host}` looks misspelled");
    Some(problem(
        message,
        None,
        Some(format!("did you mean `{near}`?")),
    ))
}

/// One edit away, or two when the letters are only reordered (`arvix` for `arxiv`). Plain
/// distance two is too loose: `gitlab.com` is two edits from `github.com`.
fn is_near_miss(host: &str, known: &str) -> bool {
    if host.len().abs_diff(known.len()) > 2 {
        return false;
    }
    match edit_distance(host, known) {
        1 => true,
        2 => sorted_chars(host) == sorted_chars(known),
        _ => false,
    }
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut chars: Vec<char> = s.chars().collect();
    chars.sort_unstable();
    chars
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two adjacent characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

// ---------------------------------------------------------------------------------------
// Credentials

/// Query keys that carry a secret whatever their prefix: `access_token`,
/// `X-Amz-Signature`, `guestAccessKey`, `client_secret`.
const SECRET_KEY_SUFFIXES: &[&str] = &[
    "accesskey",
    "access_key",
    "api-key",
    "api_key",
    "apikey",
    "credential",
    "password",
    "secret",
    "secret_key",
    "secretkey",
    "signature",
    "token",
];

/// Short keys that are secrets only when they are the whole key.
const SECRET_KEYS: &[&str] = &["auth", "jwt", "key", "passwd", "pwd", "sig"];

/// GitHub (`ghp_`, `gho_`, ..., `github_pat_`) and Hugging Face (`hf_`) token shapes.
static TOKEN_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|hf_[A-Za-z0-9]{30,})",
    )
});

/// The name of what carries a credential, if the URL seems to hold one: the query (or
/// fragment) parameter name, `userinfo password` for `https://user:pass@host`, or
/// `GitHub token` / `Hugging Face token` for a token shape elsewhere in the URL.
#[cfg(test)]
pub(crate) fn secret_in_url(url: &str) -> Option<String> {
    with_web(url, secret_in_parts).or_else(|| token_in(url))
}

fn secret_in_parts(web: &Web<'_>) -> Option<String> {
    secret_parameter(web).or_else(|| web.password.then(|| "userinfo password".to_owned()))
}

fn token_in(url: &str) -> Option<String> {
    if !might_hold_token(url) {
        return None;
    }
    let token = &TOKEN_SHAPE.captures(url)?[1];
    let name = if token.starts_with("hf_") {
        "Hugging Face token"
    } else {
        "GitHub token"
    };
    Some(name.to_owned())
}

/// Every token shape has `gh?_`, `hf_` or `github_pat_` in it: looking for
/// those first spares the regex on almost every URL.
fn might_hold_token(url: &str) -> bool {
    url.contains('_')
        && (url.contains("hf_")
            || url.contains("github_pat_")
            || url
                .as_bytes()
                .windows(4)
                .any(|w| w[0] == b'g' && w[1] == b'h' && w[3] == b'_'))
}

/// OAuth's implicit flow puts tokens in the fragment, so both parts are read.
fn secret_parameter(url: &Web<'_>) -> Option<String> {
    let query = url.query.unwrap_or_default();
    let fragment = url.fragment.unwrap_or_default();
    [query, fragment]
        .into_iter()
        .flat_map(query_pairs)
        .find(|(key, value)| {
            !value.is_empty()
                && (is_secret_key(key) || might_hold_token(value) && TOKEN_SHAPE.is_match(value))
        })
        .map(|(key, _)| key.into_owned())
}

/// The `key=value` pairs of a query, decoded as `url::form_urlencoded`
/// decodes them, in one pass that allocates only for escapes.
fn query_pairs(query: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decoded(key), form_decoded(value))
        })
}

/// A query key or value as `application/x-www-form-urlencoded` reads it;
/// borrowed when it holds nothing to decode, as nearly all do.
fn form_decoded(raw: &str) -> Cow<'_, str> {
    if raw.contains(['%', '+']) {
        Cow::Owned(percent_decode(&raw.replace('+', " ")))
    } else {
        Cow::Borrowed(raw)
    }
}

fn is_secret_key(key: &str) -> bool {
    let key = key.as_bytes();
    let ends_with = |suffix: &str| {
        key.len() >= suffix.len()
            && key[key.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    SECRET_KEYS
        .iter()
        .any(|k| key.eq_ignore_ascii_case(k.as_bytes()))
        || SECRET_KEY_SUFFIXES.iter().any(|s| ends_with(s))
}

// ---------------------------------------------------------------------------------------
// Normalisation

/// Canonical https form used for de-duplication of non-arXiv paper URLs: `https://`,
/// lowercase host without `www.`, no user info, no trailing `/`, no fragment, no `utm_*`
/// query parameters; the rest of the path and query is kept as written (`.pdf` included).
/// A string that does not parse as a web URL comes back trimmed.
pub(crate) fn normalise_url(url: &str) -> String {
    with_web(url, |web| Some(normalise_web(web))).unwrap_or_else(|| url.trim().to_owned())
}

fn normalise_web(web: &Web<'_>) -> String {
    let mut out = format!("https://{}", web.host);
    if let Some(port) = web.port {
        let _ = write!(out, ":{port}");
    }
    out.push_str(web.path.trim_end_matches('/'));
    let query = kept_query(web.query.unwrap_or_default());
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query);
    }
    out
}

fn kept_query(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.to_ascii_lowercase().starts_with("utm_"))
        .collect::<Vec<_>>()
        .join("&")
}

// ---------------------------------------------------------------------------------------
// Small helpers

/// Lowercase host without `www.` or a trailing dot.
fn bare_host(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    Some(strip_www(&host).to_owned())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> &'a str {
    let Some(cut) = s.len().checked_sub(suffix.len()) else {
        return s;
    };
    match s.get(cut..) {
        Some(tail) if tail.eq_ignore_ascii_case(suffix) => &s[..cut],
        _ => s,
    }
}

/// Decodes `%XX` escapes; invalid escapes stay as written, invalid UTF-8 is replaced.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).expect("two hex digits fit a byte"));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arxiv(url: &str) -> ArxivId {
        match classify(url) {
            LinkKind::Arxiv(id) => id,
            other => panic!("{url} classified as {other:?}"),
        }
    }

    fn repo(url: &str) -> RepoRef {
        match classify(url) {
            LinkKind::GitHubRepo(found) => *found,
            other => panic!("{url} classified as {other:?}"),
        }
    }

    fn badge(url: &str) -> RepoRef {
        match classify(url) {
            LinkKind::StarsBadge(found) => *found,
            other => panic!("{url} classified as {other:?}"),
        }
    }

    fn only_problem(url: &str) -> UrlProblem {
        let mut found = url_problems(url);
        assert_eq!(found.len(), 1, "{url}: {found:?}");
        found.remove(0)
    }

    fn fix(url: &str) -> String {
        let found = only_problem(url);
        let message = found.message;
        found
            .fixed
            .unwrap_or_else(|| panic!("{url}: no fix for {message}"))
    }

    // --- arXiv

    #[test]
    fn html_figures_belong_to_their_paper() {
        let id = arxiv("https://arxiv.org/html/2411.04965v1/extracted/5504178/x1.png");
        assert_eq!(id.id, "2411.04965");
        assert_eq!(id.form, ArxivForm::Html);
    }

    #[test]
    fn arxiv_page_forms_share_one_identity() {
        let cases = [
            ("https://arxiv.org/abs/2004.05150", ArxivForm::Abs, None),
            ("https://arxiv.org/pdf/2004.05150", ArxivForm::Pdf, None),
            ("https://arxiv.org/pdf/2004.05150.pdf", ArxivForm::Pdf, None),
            (
                "https://arxiv.org/pdf/2004.05150v2",
                ArxivForm::Pdf,
                Some(2),
            ),
            (
                "https://arxiv.org/pdf/2004.05150v2.pdf",
                ArxivForm::Pdf,
                Some(2),
            ),
            (
                "https://arxiv.org/abs/2004.05150v3",
                ArxivForm::Abs,
                Some(3),
            ),
            (
                "https://arxiv.org/html/2004.05150v1",
                ArxivForm::Html,
                Some(1),
            ),
            (
                "https://doi.org/10.48550/arXiv.2004.05150",
                ArxivForm::Doi,
                None,
            ),
            (
                "https://dx.doi.org/10.48550/arXiv.2004.05150",
                ArxivForm::Doi,
                None,
            ),
            (
                "https://doi.org/10.48550/ARXIV.2004.05150",
                ArxivForm::Doi,
                None,
            ),
            (
                "https://doi.org/10.48550/arxiv.2004.05150",
                ArxivForm::Doi,
                None,
            ),
        ];
        for (url, form, version) in cases {
            let id = arxiv(url);
            assert_eq!(id.id, "2004.05150", "{url}");
            assert_eq!((id.form, id.version), (form, version), "{url}");
            assert_eq!((id.year, id.month), (2020, 4), "{url}");
        }
    }

    #[test]
    fn arxiv_host_and_decoration_spellings() {
        for url in [
            "http://arxiv.org/abs/2004.05150",
            "https://www.arxiv.org/abs/2004.05150",
            "https://export.arxiv.org/abs/2004.05150",
            "https://browse.arxiv.org/abs/2004.05150",
            "https://arxiv.org/abs/2004.05150/",
            "https://arxiv.org/abs/2004.05150?context=cs",
            "https://arxiv.org/abs/2004.05150#fragment",
            "arxiv.org/abs/2004.05150",
            "  https://arxiv.org/abs/2004.05150  ",
        ] {
            assert_eq!(arxiv(url).id, "2004.05150", "{url}");
        }
    }

    #[test]
    fn hugging_face_papers_page_is_an_arxiv_link() {
        let id = arxiv("https://huggingface.co/papers/2301.00001");
        assert_eq!(id.id, "2301.00001");
        assert_eq!(id.form, ArxivForm::HuggingFacePapers);
        assert_eq!((id.year, id.month), (2023, 1));
    }

    #[test]
    fn arxiv_mirrors_have_the_other_form() {
        let id = arxiv("https://ar5iv.labs.arxiv.org/html/2004.05150");
        assert_eq!((id.id.as_str(), id.form), ("2004.05150", ArxivForm::Other));
        assert_eq!(
            arxiv("https://arxiv.org/format/2004.05150").form,
            ArxivForm::Other
        );
    }

    #[test]
    fn old_style_arxiv_ids() {
        let id = arxiv("https://arxiv.org/abs/hep-th/9901001");
        assert_eq!(
            (id.id.as_str(), id.year, id.month),
            ("hep-th/9901001", 1999, 1)
        );
        let id = arxiv("https://arxiv.org/pdf/hep-th/9901001v2");
        assert_eq!((id.id.as_str(), id.version), ("hep-th/9901001", Some(2)));
        let id = arxiv("https://arxiv.org/abs/math.GT/0309136");
        assert_eq!(
            (id.id.as_str(), id.year, id.month),
            ("math/0309136", 2003, 9)
        );
        let id = arxiv("https://arxiv.org/abs/cs/0112017");
        assert_eq!(
            (id.id.as_str(), id.year, id.month),
            ("cs/0112017", 2001, 12)
        );
    }

    #[test]
    fn four_and_five_digit_new_ids() {
        let id = arxiv("https://arxiv.org/abs/2301.01234");
        assert_eq!((id.id.as_str(), id.year, id.month), ("2301.01234", 2023, 1));
        let id = arxiv("https://arxiv.org/abs/0704.0001");
        assert_eq!((id.id.as_str(), id.year, id.month), ("0704.0001", 2007, 4));
    }

    #[test]
    fn impossible_arxiv_ids_are_invalid() {
        for (url, raw) in [
            ("https://arxiv.org/abs/0704.1", "0704.1"),
            ("https://arxiv.org/abs/0112017", "0112017"),
            ("https://arxiv.org/abs/2013.01234", "2013.01234"),
            ("https://arxiv.org/abs/2000.01234", "2000.01234"),
            ("https://arxiv.org/abs/0612.0001", "0612.0001"),
            ("https://arxiv.org/abs/2301.0123", "2301.0123"),
            ("https://arxiv.org/abs/1201.01234", "1201.01234"),
            ("https://arxiv.org/abs/hep-th/9013001", "hep-th/9013001"),
            ("https://arxiv.org/abs/hep-th/8901001", "hep-th/8901001"),
            ("https://arxiv.org/abs/cs/0801001", "cs/0801001"),
            ("https://arxiv.org/abs/", ""),
            (
                "https://arxiv.org/abs/https://example.org/paper.pdf",
                "https://example.org/paper.pdf",
            ),
        ] {
            let expected = LinkKind::ArxivInvalid {
                raw: raw.to_owned(),
            };
            assert_eq!(classify(url), expected, "{url}");
        }
    }

    #[test]
    fn malformed_arxiv_links_keep_their_identity() {
        assert_eq!(arxiv("arxiv.org/abs/2001.04451.pdf").id, "2001.04451");
        assert_eq!(
            arxiv("https://arxiv.org/abs/arXiv:2310.05678").id,
            "2310.05678"
        );
        assert_eq!(arxiv("arxiv.org//abs/2310.01234").id, "2310.01234");
        assert_eq!(arxiv("htps://arxiv.org/abs/2310.01234").id, "2310.01234");
    }

    #[test]
    fn other_arxiv_pages_are_not_papers() {
        assert_eq!(
            classify("https://arxiv.org/list/cs.CL/recent"),
            LinkKind::Other
        );
        assert_eq!(classify("https://arxiv.org/"), LinkKind::Other);
        assert_eq!(classify("https://info.arxiv.org/help"), LinkKind::Other);
    }

    // --- GitHub

    #[test]
    fn github_repository_spellings() {
        for (url, rest) in [
            ("https://github.com/Owner/Repo", ""),
            ("https://github.com/Owner/Repo/", ""),
            ("https://www.github.com/Owner/Repo", ""),
            ("http://github.com/Owner/Repo", ""),
            ("github.com/Owner/Repo", ""),
            ("https://github.com/Owner/Repo?tab=readme", ""),
            ("https://github.com/Owner/Repo#readme", ""),
            (
                "https://github.com/Owner/Repo/tree/main/examples/bart",
                "/tree/main/examples/bart",
            ),
            (
                "https://github.com/Owner/Repo/blob/main/docs/models.md#flan-t5-checkpoints",
                "/blob/main/docs/models.md",
            ),
        ] {
            let found = repo(url);
            assert_eq!(
                (found.owner.as_str(), found.repo.as_str()),
                ("Owner", "Repo"),
                "{url}"
            );
            assert_eq!(found.rest, rest, "{url}");
            assert_eq!(found.key(), "owner/repo", "{url}");
        }
    }

    #[test]
    fn github_dot_git_suffix_is_dropped_from_the_key() {
        let found = repo("https://github.com/Owner/Repo.git");
        assert_eq!(found.repo, "Repo.git");
        assert_eq!(found.key(), "owner/repo");
    }

    #[test]
    fn github_empty_segment_still_names_the_repo() {
        let found = repo("https://github.com//laiguokun/Funnel-Transformer");
        assert_eq!(found.key(), "laiguokun/funnel-transformer");
    }

    #[test]
    fn github_pages_that_are_not_repositories() {
        for url in [
            "https://github.com/owner",
            "https://github.com/orgs/x",
            "https://github.com/orgs/x/repositories",
            "https://github.com/features",
            "https://github.com/features/actions",
            "https://gist.github.com/owner/abc123",
            "https://github.com/topics/x",
            "https://github.com/sponsors/x",
            "https://owner.github.io/project/",
            "https://github.com",
        ] {
            assert_eq!(classify(url), LinkKind::Other, "{url}");
        }
    }

    #[test]
    fn stars_badge_spellings() {
        let found = badge(
            "https://img.shields.io/github/stars/google-research/ALBERT.svg?style=social&label=Star",
        );
        assert_eq!(
            (found.owner.as_str(), found.repo.as_str()),
            ("google-research", "ALBERT")
        );
        for url in [
            "img.shields.io/github/stars/O/R?style=social",
            "https://badgen.net/github/stars/O/R",
            "https://img.shields.io/github/stars/O/R.svg",
            "https://img.shields.io/github/stars/O/R",
        ] {
            let found = badge(url);
            assert_eq!(
                (
                    found.owner.as_str(),
                    found.repo.as_str(),
                    found.rest.as_str()
                ),
                ("O", "R", ""),
                "{url}"
            );
        }
    }

    #[test]
    fn other_shields_badges_are_not_stars_badges() {
        let url = "https://img.shields.io/github/forks/O/R";
        assert_eq!(classify(url), LinkKind::Other);
    }

    // --- static badges

    fn static_badge(url: &str) -> (String, String) {
        match classify(url) {
            LinkKind::StaticBadge { label, message } => (label.into(), message.into()),
            other => panic!("{url} classified as {other:?}"),
        }
    }

    #[test]
    fn static_badge_label_and_message() {
        let cases = [
            (
                "https://img.shields.io/badge/arXiv-2301.01234-b31b1b",
                "arXiv",
                "2301.01234",
            ),
            (
                "https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge",
                "",
                "Paper",
            ),
            (
                "https://img.shields.io/badge/arXiv-hep--th/9901001-red",
                "arXiv",
                "hep-th/9901001",
            ),
            (
                "https://img.shields.io/badge/any_text-you_like-blue",
                "any text",
                "you like",
            ),
            (
                "https://img.shields.io/badge/snake__case-a__b-blue",
                "snake_case",
                "a_b",
            ),
            (
                "https://img.shields.io/badge/just%20the%20message-8A2BE2",
                "",
                "just the message",
            ),
            (
                "https://img.shields.io/badge/%F0%9F%A4%97-Models-yellow",
                "🤗",
                "Models",
            ),
            ("https://img.shields.io/badge/a-b-c-d", "a", "b-c"),
            (
                "https://badgen.net/badge/arXiv/2301.01234/red",
                "arXiv",
                "2301.01234",
            ),
        ];
        for (url, label, message) in cases {
            assert_eq!(
                static_badge(url),
                (label.to_owned(), message.to_owned()),
                "{url}"
            );
        }
    }

    #[test]
    fn static_badge_without_colour_is_not_recognised() {
        assert_eq!(
            classify("https://img.shields.io/badge/lonely"),
            LinkKind::Other
        );
    }

    // --- other hosts

    #[test]
    fn doi_is_lowercased() {
        let expected = LinkKind::Doi("10.1093/bib/bbac409".to_owned());
        assert_eq!(classify("https://doi.org/10.1093/bib/bbac409"), expected);
        assert_eq!(classify("http://dx.doi.org/10.1093/BIB/BBAC409"), expected);
        assert_eq!(
            classify("https://doi.org/https://doi.org/10.1093/bib/bbac409"),
            expected
        );
        assert_eq!(classify("https://doi.org/"), LinkKind::Other);
    }

    #[test]
    fn openreview_forum_and_pdf() {
        let expected = LinkKind::OpenReview("rkgNKkHtvB".to_owned());
        assert_eq!(
            classify("https://openreview.net/forum?id=rkgNKkHtvB"),
            expected
        );
        assert_eq!(
            classify("https://openreview.net/pdf?id=rkgNKkHtvB"),
            expected
        );
        assert_eq!(
            classify("https://openreview.net/forum?id=rkgNKkHtvB&noteId=x"),
            expected
        );
        assert_eq!(
            classify("https://openreview.net/group?id=ICLR.cc"),
            LinkKind::Other
        );
        assert_eq!(classify("https://openreview.net/forum"), LinkKind::Other);
    }

    #[test]
    fn hugging_face_repositories() {
        let hf = |s: &str| LinkKind::HuggingFace(s.to_owned());
        assert_eq!(
            classify("https://huggingface.co/bigscience/bloom"),
            hf("bigscience/bloom")
        );
        assert_eq!(
            classify("https://huggingface.co/bigscience/bloom/tree/main"),
            hf("bigscience/bloom")
        );
        assert_eq!(
            classify("https://huggingface.co/datasets/openai/gsm8k"),
            hf("datasets/openai/gsm8k")
        );
        assert_eq!(
            classify("https://huggingface.co/spaces/owner/demo"),
            hf("spaces/owner/demo")
        );
        assert_eq!(
            classify("https://huggingface.co/bigscience"),
            LinkKind::Other
        );
        assert_eq!(
            classify("https://huggingface.co/docs/transformers"),
            LinkKind::Other
        );
    }

    #[test]
    fn acl_anthology_ids() {
        let acl = |id: &str, year| LinkKind::AclAnthology {
            id: id.to_owned(),
            year,
        };
        let cases = [
            (
                "https://aclanthology.org/2020.acl-main.111",
                acl("2020.acl-main.111", 2020),
            ),
            (
                "https://aclanthology.org/2020.acl-main.111/",
                acl("2020.acl-main.111", 2020),
            ),
            (
                "https://www.aclweb.org/anthology/2020.emnlp-demos.2.pdf",
                acl("2020.emnlp-demos.2", 2020),
            ),
            (
                "https://aclanthology.org/2020.findings-emnlp.92.pdf",
                acl("2020.findings-emnlp.92", 2020),
            ),
            (
                "https://www.aclweb.org/anthology/P19-1001",
                acl("P19-1001", 2019),
            ),
            (
                "https://aclanthology.org/W18-5446.pdf",
                acl("W18-5446", 2018),
            ),
            ("https://aclanthology.org/J79-1001", acl("J79-1001", 1979)),
            (
                "https://www.aclweb.org/anthology/P/P16/P16-1001.pdf",
                acl("P16-1001", 2016),
            ),
            (
                "https://aclanthology.org/volumes/2020.acl-main/",
                LinkKind::Other,
            ),
            ("https://www.aclweb.org/portal/", LinkKind::Other),
        ];
        for (url, expected) in cases {
            assert_eq!(classify(url), expected, "{url}");
        }
    }

    #[test]
    fn non_web_targets_are_other() {
        for url in [
            "#section",
            "./docs/x.md",
            "/path",
            "mailto:a@b.org",
            "README.md",
            "",
        ] {
            assert_eq!(classify(url), LinkKind::Other, "{url}");
        }
    }

    // --- venue years

    #[test]
    fn venue_years_from_proceedings_urls() {
        let cases = [
            ("https://aclanthology.org/2020.acl-main.111", Some(2020)),
            (
                "https://www.aclweb.org/anthology/2020.emnlp-demos.2.pdf",
                Some(2020),
            ),
            (
                "https://aclanthology.org/2020.findings-emnlp.92",
                Some(2020),
            ),
            ("https://www.aclweb.org/anthology/P19-1001", Some(2019)),
            ("https://aclanthology.org/W18-5446", Some(2018)),
            ("https://aclanthology.org/J79-1001", Some(1979)),
            (
                "https://papers.nips.cc/paper/2020/hash/c8512d142a2d849725f31a9a7a361ab9-Abstract.html",
                Some(2020),
            ),
            (
                "https://proceedings.neurips.cc/paper/2021/file/x-Paper.pdf",
                Some(2021),
            ),
            (
                "https://proceedings.neurips.cc/paper_files/paper/2023/hash/x.html",
                Some(2023),
            ),
            (
                "https://papers.nips.cc/paper/7181-attention-is-all-you-need",
                None,
            ),
            (
                "https://openaccess.thecvf.com/content_CVPR_2019/html/X_CVPR_2019_paper.html",
                Some(2019),
            ),
            (
                "https://openaccess.thecvf.com/content/ICCV2023/papers/X.pdf",
                Some(2023),
            ),
            (
                "https://openaccess.thecvf.com/content/CVPR2023W/html/X.html",
                Some(2023),
            ),
            (
                "https://www.ecva.net/papers/eccv_2022/papers_ECCV/html/123_ECCV_2022_paper.php",
                Some(2022),
            ),
            (
                "http://www.lrec-conf.org/proceedings/lrec2022/pdf/2022.lrec-1.1.pdf",
                Some(2022),
            ),
            (
                "https://www.ijcai.org/proceedings/2019/0001.pdf",
                Some(2019),
            ),
            (
                "https://ojs.aaai.org/index.php/AAAI/article/view/16000",
                None,
            ),
            ("https://proceedings.mlr.press/v139/radford21a.html", None),
            ("https://arxiv.org/abs/2004.05150", None),
            ("https://example.org/2020/paper", None),
            ("not a url", None),
        ];
        for (url, year) in cases {
            assert_eq!(venue_year(url), year, "{url}");
        }
    }

    // --- url problems

    #[test]
    fn good_urls_have_no_problems() {
        for url in [
            "https://www.aclweb.org/anthology/2020.emnlp-demos.2.pdf",
            "https://colab.research.google.com/drive/12INTTR6n64TzS4RrXZxMSXfrOd9Xzamo?usp=sharing",
            "https://papers.nips.cc/paper/2020/hash/c8512d142a2d849725f31a9a7a361ab9-Abstract.html",
            "https://openreview.net/forum?id=rkgNKkHtvB",
            "https://huggingface.co/bigscience/bloom",
            "https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge",
            "https://arxiv.org/abs/2004.05150",
            "https://arxiv.org/pdf/2004.05150v2.pdf",
            "http://dx.doi.org/10.1093/bib/bbac409",
            "https://github.com/google-research/ALBERT",
            "https://gitlab.com/owner/repo",
            "https://web.archive.org/web/2020/https://example.org/paper.pdf",
            "HTTPS://GITHUB.COM/Owner/Repo",
        ] {
            assert_eq!(url_problems(url), Vec::new(), "{url}");
        }
    }

    #[test]
    fn relative_and_mail_links_are_not_checked() {
        for url in [
            "#section",
            "./docs/x.md",
            "/path",
            "mailto:a@b.org",
            "README.md",
            "docs/x.md",
        ] {
            assert_eq!(url_problems(url), Vec::new(), "{url}");
        }
    }

    #[test]
    fn empty_target() {
        let found = only_problem("");
        assert_eq!(found.message, "empty link target");
        assert_eq!(found.fixed, None);
        assert_eq!(only_problem("   ").message, "empty link target");
    }

    #[test]
    fn whitespace_inside_has_no_fix() {
        let found = only_problem("https://github.com/a/b c");
        assert_eq!(
            found.message,
            "whitespace inside `https://github.com/a/b c`"
        );
        assert_eq!(found.fixed, None);
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(fix(" https://github.com/a/b\t"), "https://github.com/a/b");
    }

    #[test]
    fn missing_scheme_is_prepended_for_hosts_only() {
        let found = only_problem("github.com/a/b");
        assert_eq!(found.message, "missing scheme in `github.com/a/b`");
        assert_eq!(found.fixed.as_deref(), Some("https://github.com/a/b"));
        assert_eq!(url_problems("paper.pdf"), Vec::new());
    }

    #[test]
    fn misspelled_schemes() {
        let cases = [
            ("htps://github.com/a/b", "https://github.com/a/b"),
            ("https//github.com/a/b", "https://github.com/a/b"),
            ("http:/github.com/a/b", "http://github.com/a/b"),
            ("hhttps://github.com/a/b", "https://github.com/a/b"),
            ("htp://github.com/a/b", "http://github.com/a/b"),
            ("https:///github.com/a/b", "https://github.com/a/b"),
            ("https:\\\\github.com/a/b", "https://github.com/a/b"),
            ("https:github.com/a/b", "https://github.com/a/b"),
            ("https://https://github.com/a/b", "https://github.com/a/b"),
        ];
        for (url, fixed) in cases {
            assert_eq!(fix(url), fixed, "{url}");
        }
        let found = only_problem("htps://github.com/a/b");
        assert_eq!(
            found.message,
            "misspelled scheme `htps://` in `htps://github.com/a/b`"
        );
    }

    #[test]
    fn ambiguous_scheme_gets_a_suggestion() {
        let found = only_problem("htts://github.com/a/b");
        assert_eq!(found.fixed, None);
        assert_eq!(
            found.suggestion.as_deref(),
            Some("did you mean `https://`?")
        );
    }

    #[test]
    fn glued_urls_have_no_fix() {
        for url in [
            "https://a.org/xhttps://b.org/y",
            "https://a.org/paper.pdfhttp://b.org/y",
            "https://arxiv.org/abs/https://example.org/paper.pdf",
        ] {
            let found = only_problem(url);
            assert_eq!(found.message, format!("two URLs glued together in `{url}`"));
            assert_eq!(found.fixed, None, "{url}");
        }
        let found = only_problem("https://a.org/xhttps://b.org/y");
        assert_eq!(
            found.suggestion.as_deref(),
            Some("split it into `https://a.org/x` and `https://b.org/y`")
        );
    }

    #[test]
    fn repeated_resolver_prefix_is_dropped() {
        let found = only_problem("https://doi.org/https://doi.org/10.1000/xyz123");
        assert_eq!(
            found.fixed.as_deref(),
            Some("https://doi.org/10.1000/xyz123")
        );
        assert_eq!(
            found.message,
            "repeated `https://doi.org/` prefix in `https://doi.org/https://doi.org/10.1000/xyz123`"
        );
    }

    #[test]
    fn empty_path_segment_is_collapsed() {
        let found = only_problem("https://github.com//laiguokun/Funnel-Transformer");
        assert_eq!(
            found.message,
            "empty path segment in `github.com//laiguokun`"
        );
        assert_eq!(
            found.fixed.as_deref(),
            Some("https://github.com/laiguokun/Funnel-Transformer")
        );
        assert_eq!(
            fix("https://arxiv.org//abs/2310.01234"),
            "https://arxiv.org/abs/2310.01234"
        );
        assert_eq!(
            fix("http://github.com/a//b?x=//y"),
            "http://github.com/a/b?x=//y"
        );
    }

    #[test]
    fn arxiv_prefix_is_stripped() {
        let found = only_problem("https://arxiv.org/abs/arXiv:2310.05678");
        assert_eq!(
            found.message,
            "stray `arXiv:` prefix in `abs/arXiv:2310.05678`"
        );
        assert_eq!(
            found.fixed.as_deref(),
            Some("https://arxiv.org/abs/2310.05678")
        );
    }

    #[test]
    fn abstract_link_loses_pdf_suffix() {
        assert_eq!(
            fix("https://arxiv.org/abs/2001.04451.pdf"),
            "https://arxiv.org/abs/2001.04451"
        );
        assert_eq!(
            fix("http://export.arxiv.org/abs/2001.04451v2.pdf"),
            "http://export.arxiv.org/abs/2001.04451v2"
        );
    }

    #[test]
    fn missing_scheme_and_pdf_suffix_are_fixed_together() {
        let found = url_problems("arxiv.org/abs/2001.04451.pdf");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].fixed.as_deref(),
            Some("https://arxiv.org/abs/2001.04451")
        );
    }

    #[test]
    fn several_certain_repairs_compose_in_the_first_fix() {
        let found = url_problems(" arxiv.org//abs/arXiv:2310.05678 ");
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(
            found[0].fixed.as_deref(),
            Some("https://arxiv.org/abs/2310.05678")
        );
    }

    #[test]
    fn misspelled_hosts_get_a_suggestion() {
        let cases = [
            ("https://arvix.org/abs/2310.09999", "arxiv.org"),
            ("https://arxive.org/abs/2310.09999", "arxiv.org"),
            ("https://axriv.org/abs/2310.09999", "arxiv.org"),
            ("https://githb.com/a/b", "github.com"),
            ("https://guthub.com/a/b", "github.com"),
            ("https://github.co/a/b", "github.com"),
            ("https://www.arvix.org/abs/2310.09999", "arxiv.org"),
        ];
        for (url, host) in cases {
            let found = only_problem(url);
            assert_eq!(found.fixed, None, "{url}");
            let hint = format!("did you mean `{host}`?");
            assert_eq!(found.suggestion.as_deref(), Some(hint.as_str()), "{url}");
        }
        assert_eq!(
            only_problem("https://arvix.org/abs/2310.09999").message,
            "host `arvix.org` looks misspelled"
        );
    }

    #[test]
    fn unparseable_url_is_reported() {
        let found = only_problem("http://");
        assert_eq!(found.message, "invalid URL `http://`: empty host");
        assert_eq!(found.fixed, None);
    }

    // --- secrets

    #[test]
    fn credentials_in_query_keys() {
        let cases = [
            ("https://example.org/f?token=abc", "token"),
            ("https://example.org/f?access_token=abc", "access_token"),
            ("https://example.org/f?api_key=abc", "api_key"),
            ("https://example.org/f?apikey=abc", "apikey"),
            ("https://example.org/f?key=abc", "key"),
            ("https://example.org/f?secret=abc", "secret"),
            ("https://example.org/f?client_secret=abc", "client_secret"),
            ("https://example.org/f?password=abc", "password"),
            ("https://example.org/f?sig=abc", "sig"),
            ("https://example.org/f?signature=abc", "signature"),
            (
                "https://b.s3.amazonaws.com/f?X-Amz-Credential=a&X-Amz-Signature=b",
                "X-Amz-Credential",
            ),
            (
                "https://b.s3.amazonaws.com/f?X-Amz-Signature=b",
                "X-Amz-Signature",
            ),
            (
                "https://gitlab.com/api/v4/x?private_token=abc",
                "private_token",
            ),
            (
                "https://app.example.org/s?guestAccessKey=abc",
                "guestAccessKey",
            ),
            ("https://docs.google.com/spreadsheets/d/x?key=abc", "key"),
            ("https://example.org/cb#access_token=abc", "access_token"),
        ];
        for (url, key) in cases {
            assert_eq!(secret_in_url(url).as_deref(), Some(key), "{url}");
        }
    }

    #[test]
    fn credential_shapes_anywhere() {
        let ghp = format!("ghp_{}", "a1B2".repeat(9));
        let url = format!("https://{ghp}@github.com/owner/repo");
        assert_eq!(secret_in_url(&url).as_deref(), Some("GitHub token"));
        let url = format!("https://example.org/raw?ref={ghp}");
        assert_eq!(secret_in_url(&url).as_deref(), Some("ref"));
        let pat = format!("github_pat_{}", "x".repeat(40));
        let url = format!("https://example.org/{pat}/file");
        assert_eq!(secret_in_url(&url).as_deref(), Some("GitHub token"));
        let url = format!("https://example.org/gho_{}", "Z".repeat(36));
        assert_eq!(secret_in_url(&url).as_deref(), Some("GitHub token"));
        let url = format!("https://huggingface.co/x/y?download=hf_{}", "q".repeat(34));
        assert_eq!(secret_in_url(&url).as_deref(), Some("download"));
        let url = format!("https://example.org/hf_{}", "q".repeat(34));
        assert_eq!(secret_in_url(&url).as_deref(), Some("Hugging Face token"));
        assert_eq!(
            secret_in_url("https://user:pass@example.org/x").as_deref(),
            Some("userinfo password")
        );
    }

    #[test]
    fn ordinary_query_parameters_are_not_credentials() {
        for url in [
            "https://img.shields.io/github/stars/O/R?style=social&label=Star",
            "https://img.shields.io/badge/x-y-blue?logo=github",
            "https://colab.research.google.com/drive/12INTTR6n64TzS4RrXZxMSXfrOd9Xzamo?usp=sharing",
            "https://openreview.net/forum?id=rkgNKkHtvB",
            "https://github.com/huggingface/hf_transfer",
            "https://example.org/x?max_tokens=10&keywords=a&token=",
            "https://user@example.org/x",
            "not a url at all",
        ] {
            assert_eq!(secret_in_url(url), None, "{url}");
        }
    }

    // --- normalisation

    #[test]
    fn normalised_urls() {
        let cases = [
            ("http://WWW.Example.ORG/Paper/", "https://example.org/Paper"),
            (
                "https://example.org/a.pdf#page=3",
                "https://example.org/a.pdf",
            ),
            (
                "example.org/a?utm_source=x&id=3&UTM_medium=y",
                "https://example.org/a?id=3",
            ),
            ("https://example.org/?utm_source=x", "https://example.org"),
            ("https://example.org:8443/a", "https://example.org:8443/a"),
            ("  https://user:pw@example.org/a  ", "https://example.org/a"),
            ("./docs/x.md", "./docs/x.md"),
        ];
        for (url, normal) in cases {
            assert_eq!(normalise_url(url), normal, "{url}");
        }
    }

    // --- robustness

    #[test]
    fn odd_inputs_never_panic() {
        let long = format!("https://arxiv.org/abs/{}", "9".repeat(100_000));
        let long_host = format!("https://{}.org/x", "a".repeat(10_000));
        let odd = [
            "",
            " ",
            "://",
            "http://",
            "https://",
            "https:",
            "https://arxiv.org/abs/",
            "https://arxiv.org/abs/2004.05150v99999999999999",
            "https://github.com/%E0%A4%A/x",
            "https://img.shields.io/badge/%",
            "https://img.shields.io/badge/%E2%82-x-y",
            "https://img.shields.io/badge/--__-_",
            "https://ü.example/ä?ö=1#ß",
            "https://例え.テスト/パス",
            "αβγ://δ",
            "h",
            "http//",
            "https://a.org/xhttps://",
            "https://[::1]/x",
            "https://user:pass@/x",
            "https://doi.org/10.48550/arXiv.",
            "arxiv.org/abs/arXiv:",
            long.as_str(),
            long_host.as_str(),
        ];
        for input in odd {
            let _ = classify(input);
            let _ = venue_year(input);
            let _ = url_problems(input);
            let _ = secret_in_url(input);
            let _ = normalise_url(input);
        }
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("axriv", "arxiv"), 1);
        assert_eq!(edit_distance("arvix", "arxiv"), 2);
        assert_eq!(edit_distance("gitlab.com", "github.com"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    /// The plain reading must be what the url crate reads, or say nothing.
    fn assert_plain_agrees(s: &str) {
        let Some(fast) = plain(s) else {
            return;
        };
        let url = Url::parse(s).unwrap_or_else(|e| panic!("plain but unparsable: {s}: {e}"));
        let slow = Web::from_url(&url).expect("a web URL has a host");
        let lenient = parse_lenient(s).expect("a plain URL reads leniently");
        assert_eq!(lenient.as_str(), url.as_str(), "{s}");
        assert_eq!(
            (fast.host, fast.path, fast.query, fast.fragment),
            (slow.host, slow.path, slow.query, slow.fragment),
            "{s}"
        );
        assert_eq!(
            (fast.port, fast.password),
            (slow.port, slow.password),
            "{s}"
        );
    }

    #[test]
    fn plain_reading_agrees_with_the_url_crate() {
        let plain_ones = [
            "https://arxiv.org/abs/2004.05150",
            "http://WWW.GitHub.com/Owner/Repo.git",
            "https://img.shields.io/github/stars/a/b.svg?style=social&label=Star",
            "https://openreview.net/forum?id=abc-XYZ_1",
            "https://github.com//laiguokun/Funnel",
            "https://example.org",
            "https://example.org?x=1",
            "https://example.org#top",
            "https://a.b/c%20d/(e)!$*+,;=:@~",
            "https://example.org/p?q=a?b/c:d",
        ];
        for url in plain_ones {
            assert!(plain(url).is_some(), "{url} should read plainly");
            assert_plain_agrees(url);
        }
        let parsed_ones = [
            "HTTPS://arxiv.org/abs/1",
            "https://127.0.0.1/x",
            "https://example.org:8080/x",
            "https://user:pw@example.org/",
            "https://xn--bcher-kva.example/",
            "https://example.org/a/../b",
            "https://example.org/a/%2e%2E/b",
            "https://example.org/a b",
            "https://example.org/x?q='1'",
            "https://example.org/ühnlich",
            "https://example.org/a\\b",
            "https://a.org/xhttps://b.org/y",
            "https://example.org./x",
            "https://example.123/x",
            "https://example.org/%zz",
            "https://example.org/a|b",
        ];
        for url in parsed_ones {
            assert!(plain(url).is_none(), "{url} should be parsed");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_reading_agrees_on_generated_urls(
            s in "https?://[a-zA-Z0-9.-]{1,10}(/[a-zA-Z0-9._~%:@!$&'()*+,;=/-]{0,10}){0,3}\\??[a-zA-Z0-9=&%'?/:._-]{0,8}#?[a-zA-Z0-9?%'/._-]{0,6}"
        ) {
            assert_plain_agrees(&s);
        }
    }

    proptest::proptest! {
        /// Query pairs are split by hand; they must read as the form
        /// encoding reads them.
        #[test]
        fn query_pairs_read_as_form_encoding_reads_them(
            query in "[a-zA-Z_=&+%0-9fF ]{0,16}"
        ) {
            let by_hand: Vec<(String, String)> = query_pairs(&query)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let by_crate: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            proptest::prop_assert_eq!(by_hand, by_crate);
        }
    }

    proptest::proptest! {
        /// Badge content with no escapes is split by hand; it must read as
        /// the escape-aware split reads it.
        #[test]
        fn static_badges_without_escapes_read_alike(content in "[a-zA-Z0-9 %.-]{0,12}") {
            proptest::prop_assert_eq!(shields_static(&content), shields_static_escaped(&content));
        }
    }

    #[test]
    fn facts_read_once_agree_with_each_reading() {
        let urls = [
            "https://arxiv.org/abs/2004.05150",
            "https://arxiv.org/abs/2001.04451.pdf",
            "https://github.com//laiguokun/Funnel-Transformer",
            "ttps://github.com/a/b",
            "github.com/a/b",
            "https://aclanthology.org/2020.acl-main.111.pdf",
            "https://example.org/x?access_token=abc",
            "https://user:pw@example.org/",
            "https://arvix.org/abs/2004.05150",
            "https://a.org/xhttps://b.org/y",
            "https://img.shields.io/github/stars/A/B.svg?style=social",
            " https://doi.org/10.48550/arXiv.2004.05150 ",
            "",
            "#anchor",
        ];
        for url in urls {
            let expected = Facts {
                kind: classify(url),
                venue_year: venue_year(url),
                problem: url_problems(url).into_iter().next(),
                secret: secret_in_url(url),
            };
            assert_eq!(facts(url), expected, "{url}");
        }
    }
}
