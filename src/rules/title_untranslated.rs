//! `title-untranslated`: a translation's front-matter `title` left as the source wrote it, or in
//! English when there is no source to compare with.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, Reference};
use crate::locale;
use crate::model::Role;
use crate::text::{
    distinct_english_words, has_own_script, is_foreign_english, is_prose, reads_as_english,
};

pub(super) const RULE: Rule = Rule {
    id: "title-untranslated",
    summary: "a translation's front-matter `title` is identical to the source's, or in English",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/title-untranslated.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let (Some(reference), Some(locale)) = (pair.reference, pair.article.locale.as_deref()) else {
        return;
    };
    if locale::language(locale) == "en" || !pair.article.front_matter.is_valid() {
        return;
    }
    let Some(entry) = pair.article.front_matter.get("title") else {
        return;
    };
    let Some(title) = pair.article.scalar("title").map(str::trim) else {
        return;
    };
    if title.is_empty() {
        return;
    }
    let source = match reference {
        Reference::Source(s) => Some(*s),
        Reference::Consensus { .. } => None,
    };
    let message = match source {
        Some(s) => {
            if pair.file(s).scalar("title").map(str::trim) != Some(title) || !is_prose(title) {
                return;
            }
            format!(
                "title `{}` is identical to the {} source's",
                clip(title, 80),
                pair.file(s).locale_name()
            )
        }
        // In a Latin-script locale, one English-looking word (`not`) can be the locale's own.
        None if is_foreign_english(title, locale)
            && reads_as_english(title)
            && (has_own_script(locale) || distinct_english_words(title) >= 2) =>
        {
            format!("title `{}` is in English, not in {locale}", clip(title, 80))
        }
        None => return,
    };
    // Last, as it reads every other locale's title.
    if kept_by_most_locales(pair, title) {
        return;
    }
    let mut finding = Finding::new(pair.index, entry.value_span.clone(), message)
        .help("translate the title; keep only product names as they are");
    if let Some(s) = source
        && let Some(theirs) = pair.file(s).front_matter.get("title")
    {
        finding = finding.related(s, theirs.value_span.clone(), "the source's title");
    }
    out.push(finding);
}

/// Whether most other translations keep this very title: then it is a name meant to stay.
fn kept_by_most_locales(pair: &Pair<'_>, title: &str) -> bool {
    let others: Vec<&str> = pair
        .group()
        .articles
        .iter()
        .enumerate()
        .filter(|&(j, a)| {
            j != pair.index && a.role == Role::Translation && a.locale != pair.article.locale
        })
        .filter_map(|(_, a)| a.scalar("title").map(str::trim))
        .collect();
    let same = others.iter().filter(|t| **t == title).count();
    others.len() >= 2 && 2 * same > others.len()
}
