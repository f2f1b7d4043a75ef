//! `translation-out-of-sync`: a translation made from another source version than the current one.

use super::{Check, Finding, Rule, Settings, Severity, line_at};
use crate::align::Alignment;

pub(super) const RULE: Rule = Rule {
    id: "translation-out-of-sync",
    summary: "a translation is on an older source version than the article's current one",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/translation-out-of-sync.md"),
    check: Check::Group(check),
};

fn check(alignment: &Alignment<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(current) = alignment.current else {
        return;
    };
    let newest = &alignment.versions[current];
    let Some(newest_hash) = &newest.hash else {
        return;
    };
    let date = |d: Option<(u32, u32, u32)>| {
        d.map_or_else(
            || "an unknown date".to_owned(),
            |(y, m, d)| format!("{y}-{m:02}-{d:02}"),
        )
    };
    let example = newest.members[0];
    let articles = &alignment.group.articles;
    for (v, version) in alignment.versions.iter().enumerate() {
        if v == current || version.hash.is_none() {
            continue;
        }
        for &i in &version.members {
            let article = &articles[i];
            let span = article
                .version_entry()
                .map_or_else(|| line_at(&article.text, 0), |e| e.value_span.clone());
            let hash = version.hash.as_deref().unwrap_or_default();
            out.push(
                Finding::new(
                    i,
                    span,
                    format!(
                        "translated from source version `{}` (handed off {}); {} of {} locales are on `{}` (handed off {})",
                        short(hash),
                        date(version.handoff),
                        newest.members.len(),
                        alignment.versions.iter().map(|v| v.members.len()).sum::<usize>(),
                        short(newest_hash),
                        date(newest.handoff),
                    ),
                )
                .help("update this translation from the current source version")
                .related(
                    example,
                    articles[example].version_entry().map_or(0..0, |e| e.value_span.clone()),
                    format!("the current version in {}", articles[example].locale_name()),
                ),
            );
        }
    }
}

/// The first 12 characters of a version hash, as git shortens commits; a hash that is not hex
/// (hand-edited, machine-translated) is cut between characters, never inside one.
fn short(hash: &str) -> &str {
    hash.char_indices()
        .nth(12)
        .map_or(hash, |(at, _)| &hash[..at])
}
