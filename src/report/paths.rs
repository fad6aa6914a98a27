//! How reports name files: as a repository checkout sees them.

use std::fmt::Write;

/// The path as given, less any leading `./`. GitHub and SARIF readers
/// resolve paths against the repository root, which is where CI runs us.
pub(super) fn repo_path(name: &str) -> &str {
    let mut path = name;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path
}

/// A file name as a URI reference: relative paths stay relative, absolute
/// ones become `file://` URLs, and bytes outside the unreserved set are
/// percent-encoded so that `#`, `?`, spaces and `:` cannot change its
/// meaning.
pub(super) fn uri(name: &str) -> String {
    let path = std::path::Path::new(name);
    if path.is_absolute()
        && let Ok(url) = url::Url::from_file_path(path)
    {
        return url.to_string();
    }
    let path = repo_path(name);
    if cfg!(windows) {
        return encode(&path.replace('\\', "/"));
    }
    encode(path)
}

/// Percent-encodes everything but unreserved characters, `/` and the
/// sub-delimiters that are harmless inside a path segment.
pub(super) fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+;=@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            write!(out, "%{byte:02X}").expect("writing to a String cannot fail");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dot_slashes_are_dropped() {
        assert_eq!(repo_path("./././docs/a.md"), "docs/a.md");
        assert_eq!(repo_path("docs/./a.md"), "docs/./a.md");
        assert_eq!(repo_path("-"), "-");
    }

    #[test]
    fn uri_encodes_what_would_change_its_meaning() {
        assert_eq!(uri("./my list/a#b?.md"), "my%20list/a%23b%3F.md");
        assert_eq!(uri("c:d.md"), "c%3Ad.md");
        assert_eq!(uri("papers/ü.md"), "papers/%C3%BC.md");
        assert_eq!(uri("a,b(1).md"), "a%2Cb(1).md");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_urls() {
        assert_eq!(uri("/tmp/my list.md"), "file:///tmp/my%20list.md");
    }
}
