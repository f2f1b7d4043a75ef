//! `front-matter-key-unknown`: a front-matter key that looks like a misspelling of a known key.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::{Check, Finding, LOCALIZATION_KEYS, Rule, Settings, Severity};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "front-matter-key-unknown",
    summary: "a front-matter key looks like a misspelling of a known key",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/front-matter-key-unknown.md"),
    check: Check::Pair(check),
};

/// Keys of Microsoft Docs (and `DocFX`) front matter; the configuration can add more.
const KNOWN: &[&str] = &[
    "title",
    "titleSuffix",
    "description",
    "keywords",
    "author",
    "manager",
    "ms.author",
    "ms.date",
    "ms.topic",
    "ms.service",
    "ms.subservice",
    "ms.prod",
    "ms.technology",
    "ms.custom",
    "ms.collection",
    "ms.audience",
    "audience",
    "ms.reviewer",
    "ms.assetid",
    "ms.devlang",
    "ms.workload",
    "ms.localizationpriority",
    "localization_priority",
    "ROBOTS",
    "robots",
    "search.appverid",
    "ms.search.appverid",
    "appliesto",
    "f1.keywords",
    "f1_keywords",
    "uid",
    "ms.metadata",
    "ms.suite",
    "ms.tgt_pltfrm",
    "ms.mktglfcycl",
    "ms.sitesec",
    "ms.pagetype",
    "ms.search.form",
    "ms.search.keywords",
    "ms.search.region",
    "ms.search.scope",
    "ms.search.industry",
    "ms.search.validFrom",
    "ms.dyn365.ops.version",
    "hideEdit",
    "feedback_system",
    "recommendations",
    "zone_pivot_groups",
    "monikerRange",
    "no-loc",
    "ms.update-cycle",
    "layout",
    "slug",
    "sidebar_position",
    "id",
    "sidebar_label",
    "tags",
    "draft",
    "weight",
    "date",
    "lastmod",
    "aliases",
    "categories",
];

/// `KNOWN` and the localization keys, for looking a key up without a scan.
static BUILT_IN: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| KNOWN.iter().chain(LOCALIZATION_KEYS).copied().collect());

fn check(pair: &Pair<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    // Every key loclint knows of: Docs keys, the localization keys, and the configuration's.
    let configured = || {
        settings
            .known_keys
            .iter()
            .chain(&settings.required_keys)
            .chain(&settings.invariant_keys)
            .chain([&settings.keys.version, &settings.keys.locale])
            .map(String::as_str)
    };
    for entry in &pair.article.front_matter.entries {
        let key = entry.key.as_str();
        if BUILT_IN.contains(key) || configured().any(|k| k == key) {
            continue;
        }
        let known = KNOWN
            .iter()
            .chain(LOCALIZATION_KEYS)
            .copied()
            .chain(configured());
        let Some(message) = diagnose(key, known) else {
            continue;
        };
        out.push(
            Finding::new(pair.index, entry.key_span.clone(), message.0)
                .help(message.1)
                .inherited_as(entry.key.clone()),
        );
    }
}

/// The message and help for an unknown key, or `None` when it does not look like a known one.
fn diagnose<'k>(key: &str, known: impl Iterator<Item = &'k str>) -> Option<(String, String)> {
    let known: Vec<&str> = known.collect();
    let nearest = |word: &str| -> Option<&str> {
        known
            .iter()
            .copied()
            .map(|k| {
                (
                    k,
                    distance(&word.to_ascii_lowercase(), &k.to_ascii_lowercase()),
                )
            })
            .filter(|&(k, d)| d > 0 && d <= 2 && d * 4 <= k.len())
            .min_by_key(|&(_, d)| d)
            .map(|(k, _)| k)
            .or_else(|| {
                known
                    .iter()
                    .copied()
                    .find(|k| *k != word && k.eq_ignore_ascii_case(word))
            })
    };
    let malformed = key.contains(|c: char| c.is_whitespace() || c == ',');
    let last_word = key.rsplit(char::is_whitespace).next().unwrap_or(key);
    let suggestion = nearest(key).or_else(|| malformed.then(|| nearest(last_word)).flatten());
    match suggestion {
        Some(known) => Some((
            format!("unknown front-matter key `{key}`: did you mean `{known}`?"),
            format!("rename it to `{known}`; the value is ignored under this name"),
        )),
        None if malformed || key.starts_with("ms.") => Some((
            format!("unknown front-matter key `{key}`"),
            "check the key's spelling; add it to `known-keys` in loclint.toml if it is meant"
                .to_owned(),
        )),
        None => None,
    }
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(key: &str) -> Option<String> {
        diagnose(key, KNOWN.iter().chain(LOCALIZATION_KEYS).copied()).map(|m| m.0)
    }

    #[test]
    fn suggests_the_known_key() {
        assert!(hint("ms.reviwer").unwrap().contains("`ms.reviewer`"));
        assert!(hint("ms-custom").unwrap().contains("`ms.custom`"));
        assert!(hint("ms,.custom").unwrap().contains("`ms.custom`"));
        assert!(
            hint("munlocking-an-account s.custom")
                .unwrap()
                .contains("`ms.custom`")
        );
        assert_eq!(
            hint("ms.common").unwrap(),
            "unknown front-matter key `ms.common`"
        );
    }

    #[test]
    fn leaves_unrelated_keys_alone() {
        assert_eq!(hint("product"), None);
        assert_eq!(hint("nav"), None);
    }
}
