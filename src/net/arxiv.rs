//! arXiv metadata through the arXiv API: many ids per request
//! (`id_list`), one request at a time, at the pace arXiv asks for.

use std::collections::HashMap;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use url::Url;

use super::http::{Answer, Http, final_outcome, too_long};
use super::outcome::{Checked, Outcome, Paper};

/// Looks up every id, in batches, and returns a result for each.
pub(crate) async fn check_ids(
    http: &Http,
    ids: &[String],
    mut done: impl FnMut(usize),
) -> HashMap<String, Checked> {
    let mut results = HashMap::new();
    for (n, batch) in ids.chunks(http.config.arxiv_batch).enumerate() {
        if n > 0 {
            tokio::time::sleep(http.config.arxiv_interval).await;
        }
        results.extend(check_batch(http, batch).await);
        done(batch.len());
    }
    results
}

async fn check_batch(http: &Http, ids: &[String]) -> HashMap<String, Checked> {
    let all = |checked: &Checked| {
        ids.iter()
            .map(|id| (id.clone(), checked.clone()))
            .collect::<HashMap<_, _>>()
    };
    let query = format!(
        "{}/api/query?id_list={}&max_results={}",
        http.config.arxiv_api,
        ids.join(","),
        ids.len()
    );
    let Ok(url) = Url::parse(&query) else {
        return all(&Checked::unchecked("the arXiv API URL is not a URL"));
    };
    let resp = match http
        .send_with_retries(Method::GET, &url, HeaderMap::new(), None)
        .await
    {
        Ok(Answer::Response(resp)) => resp,
        Ok(Answer::TooLong { status, wait }) => return all(&Checked::new(too_long(status, wait))),
        Err(failure) => return all(&Checked::new(failure.into_outcome())),
    };
    let status = resp.status();
    if status != StatusCode::OK {
        let outcome = match final_outcome(status, 0, &url, false) {
            // The API itself failing says nothing about the ids.
            Outcome::Broken { .. } => Outcome::Unchecked {
                why: format!("the arXiv API answered `{}`", status.as_u16()),
            },
            other => other,
        };
        return all(&Checked::new(outcome));
    }
    let body = match resp.text().await {
        Ok(body) => body,
        Err(e) => {
            return all(&Checked::unchecked(format!(
                "the arXiv API's answer broke off: {e}"
            )));
        }
    };
    let Some(papers) = parse_feed_for(&body, ids) else {
        return all(&Checked::unchecked(
            "the arXiv API's answer is not an Atom feed",
        ));
    };
    ids.iter()
        .map(|id| {
            let checked = match papers.get(id) {
                Some(paper) => Checked {
                    paper: Some(paper.clone()),
                    ..Checked::new(Outcome::Ok)
                },
                None => Checked::new(Outcome::Broken {
                    status: None,
                    reason: "arXiv has no paper with this id".to_owned(),
                }),
            };
            (id.clone(), checked)
        })
        .collect()
}

/// The papers of an answer to `id_list=ids`. The API answers in the order
/// of `id_list`, so an entry without an `<id>` is the paper asked for at
/// its place.
fn parse_feed_for(xml: &str, ids: &[String]) -> Option<HashMap<String, Paper>> {
    let mut papers = parse_feed(xml)?;
    for (index, paper) in anonymous_entries(xml)? {
        if let Some(id) = ids.get(index) {
            papers.entry(id.clone()).or_insert(paper);
        }
    }
    Some(papers)
}

/// Entries with a title and a date but no `<id>`, by their place in the feed.
fn anonymous_entries(xml: &str) -> Option<Vec<(usize, Paper)>> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let entries = doc
        .root_element()
        .children()
        .filter(|n| n.tag_name().name() == "entry")
        .enumerate()
        .filter(|(_, e)| !e.children().any(|n| n.tag_name().name() == "id"))
        .filter_map(|(index, entry)| {
            let text = |name: &str| element_text(entry, name);
            let title = text("title").filter(|t| t != "Error")?;
            let published = text("published")?;
            let (year, month) = year_month(&published)?;
            let published = published.get(..10).unwrap_or(&published).to_owned();
            Some((
                index,
                Paper {
                    title,
                    published,
                    year,
                    month,
                },
            ))
        })
        .collect();
    Some(entries)
}

fn element_text(entry: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    entry
        .children()
        .find(|n| n.tag_name().name() == name)
        .and_then(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The papers of an Atom feed by unversioned id. An entry titled "Error"
/// is how the API reports a malformed id: it names no paper.
pub(crate) fn parse_feed(xml: &str) -> Option<HashMap<String, Paper>> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    if doc.root_element().tag_name().name() != "feed" {
        return None;
    }
    let mut papers = HashMap::new();
    for entry in doc
        .root_element()
        .children()
        .filter(|n| n.tag_name().name() == "entry")
    {
        let text = |name: &str| element_text(entry, name);
        let (Some(id), Some(title)) = (text("id"), text("title")) else {
            continue;
        };
        if title == "Error" {
            continue;
        }
        let published = text("published").unwrap_or_default();
        let (Some(id), Some((year, month))) = (unversioned_id(&id), year_month(&published)) else {
            continue;
        };
        papers.insert(
            id,
            Paper {
                title,
                published: published.get(..10).unwrap_or(&published).to_owned(),
                year,
                month,
            },
        );
    }
    Some(papers)
}

/// `2301.01234` from `http://arxiv.org/abs/2301.01234v2`; `math/0309136`
/// from `.../abs/math.GT/0309136v1` (the subject class is not identity).
fn unversioned_id(entry_id: &str) -> Option<String> {
    let id = entry_id.split("/abs/").nth(1)?;
    let id = match id.rfind('v') {
        Some(at)
            if at > 0 && id[at + 1..].chars().all(|c| c.is_ascii_digit()) && at + 1 < id.len() =>
        {
            &id[..at]
        }
        _ => id,
    };
    Some(match id.split_once('/') {
        Some((archive, number)) => {
            let archive = archive.split('.').next().unwrap_or(archive);
            format!("{archive}/{number}")
        }
        None => id.to_owned(),
    })
}

fn year_month(date: &str) -> Option<(u16, u8)> {
    let year = date.get(..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    Some((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2301.01234v2</id>
    <published>2023-01-04T18:00:00Z</published>
    <title>Sparse Widgets
      for Everyone</title>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/math.GT/0309136v1</id>
    <published>2003-09-08T00:00:00Z</published>
    <title>Knots</title>
  </entry>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
  </entry>
</feed>"#;

    #[test]
    fn feed_entries_become_papers_by_unversioned_id() {
        let papers = parse_feed(FEED).unwrap();
        assert_eq!(papers.len(), 2);
        let paper = &papers["2301.01234"];
        assert_eq!(paper.title, "Sparse Widgets for Everyone");
        assert_eq!((paper.year, paper.month), (2023, 1));
        assert_eq!(paper.published, "2023-01-04");
        assert_eq!(papers["math/0309136"].title, "Knots");
    }

    #[test]
    fn a_feed_without_entries_names_no_paper_and_junk_is_no_feed() {
        let empty = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>"#;
        assert!(parse_feed(empty).unwrap().is_empty());
        // The API answers in `id_list` order: an entry without `<id>` is
        // the paper asked for at its place.
        let anonymous = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Sparse Widgets for Everyone</title><published>2023-01-04T00:00:00Z</published></entry></feed>"#;
        let papers = parse_feed_for(anonymous, &["2301.01234".to_owned()]).unwrap();
        assert_eq!(papers["2301.01234"].title, "Sparse Widgets for Everyone");
        assert!(parse_feed("<html><body>busy</body></html>").is_none());
        assert!(parse_feed("not xml").is_none());
    }
}
