//! `link-text-empty`: `[](url)`, a link a reader cannot see or click.

use std::fmt::Write as _;

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::model::LinkKind;

pub(super) const RULE: Rule = Rule {
    id: "link-text-empty",
    summary: "a link has no text, so readers cannot see or click it",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/link-text-empty.md"),
    check: Check::Pair(check),
};

/// Every empty inline link is reported: no writer means an invisible link, so the locales that
/// give it text show the intent even when most locales lost it. One that every file of the
/// article shares is reported once, as inherited.
fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let empty = |link: &crate::model::Link| {
        link.text.trim().is_empty() && matches!(link.kind, LinkKind::Inline | LinkKind::Reference)
    };
    if !pair.article.body.links.iter().any(empty) {
        return;
    }
    let ids = &pair.alignment.url_ids;
    let others: Vec<usize> = (0..pair.group().articles.len())
        .filter(|&j| j != pair.index)
        .collect();
    // Per URL, the first link with text in each other file, built once.
    let mut with_text_by_url: rustc_hash::FxHashMap<u32, Vec<(usize, usize)>> =
        rustc_hash::FxHashMap::default();
    for &j in &others {
        let mut seen = rustc_hash::FxHashSet::default();
        for (k, other) in pair.file(j).body.links.iter().enumerate() {
            if !other.text.trim().is_empty() && seen.insert(ids[j][k]) {
                with_text_by_url.entry(ids[j][k]).or_default().push((j, k));
            }
        }
    }
    for (l, link) in pair.article.body.links.iter().enumerate() {
        if !link.text.trim().is_empty()
            || !matches!(link.kind, LinkKind::Inline | LinkKind::Reference)
        {
            continue;
        }
        let url = &pair.alignment.urls[pair.index][l];
        let with_text = with_text_by_url
            .get(&ids[pair.index][l])
            .map_or(&[][..], Vec::as_slice);
        let mut finding = Finding::new(
            pair.index,
            link.span.clone(),
            format!("link to `{}` has no text", clip(&link.url, 100)),
        );
        finding = match with_text.first() {
            Some(&(j, k)) => {
                let example = &pair.file(j).body.links[k];
                let _ = write!(
                    finding.message,
                    ": {} of {} other locales give it text",
                    with_text.len(),
                    others.len()
                );
                finding
                    .help(format!(
                        "write the link text between the brackets ({} has `{}`)",
                        pair.file(j).locale_name(),
                        clip(&example.text, 60)
                    ))
                    .related(
                        j,
                        example.text_span.clone(),
                        format!("the link text in {}", pair.file(j).locale_name()),
                    )
            }
            None => finding.help("write the link text between the brackets"),
        };
        out.push(finding.inherited_as(format!("empty {url}")));
    }
}
