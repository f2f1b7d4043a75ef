//! `link-text-untranslated`: prose link text left as the source wrote it, or in English in a
//! locale that is not English. Names, URL-like text and code are meant to stay and are skipped.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, Reference};
use crate::model::{LinkKind, Role};
use crate::text::{is_foreign_english, is_prose, is_url_like, reads_as_english};

pub(super) const RULE: Rule = Rule {
    id: "link-text-untranslated",
    summary: "prose link text is identical to the source's or written in English in a translated locale",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/link-text-untranslated.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let (Some(reference), Some(locale)) = (pair.reference, &pair.article.locale) else {
        return;
    };
    for (mine, matched) in &pair.links {
        let link = &pair.article.body.links[*mine];
        let text = link.text.trim();
        if text.is_empty()
            || is_url_like(text)
            || link.kind != LinkKind::Inline && link.kind != LinkKind::Reference
        {
            continue;
        }
        if pair.article.text[link.text_span.clone()]
            .trim_start()
            .starts_with('`')
        {
            continue;
        }
        let source_text = match reference {
            Reference::Source(s) => matched
                .instances
                .iter()
                .find(|(f, _)| f == s)
                .map(|&(f, l)| pair.file(f).body.links[l].text.trim()),
            Reference::Consensus { .. } => None,
        };
        // en-GB may keep en-US wording: identity with the source only matters across languages.
        let same_language = matches!(reference, Reference::Source(s)
            if pair.file(*s).locale.as_deref().is_some_and(|l| crate::locale::language(l) == crate::locale::language(locale)));
        let same_as_source =
            !same_language && source_text.is_some_and(|s| s == text && is_prose(text));
        if !same_as_source && !is_foreign_english(text, locale) {
            continue;
        }
        if kept_by_most_locales(pair, *mine, text) {
            continue;
        }
        let message = if same_as_source {
            format!(
                "link text `{}` is identical to {}",
                clip(text, 80),
                pair.reference_name()
            )
        } else if reads_as_english(text) {
            format!(
                "link text `{}` is in English, not in {locale}",
                clip(text, 80)
            )
        } else {
            format!(
                "link text `{}` is in Latin letters, not in the script of {locale}",
                clip(text, 80)
            )
        };
        out.push(
            Finding::new(pair.index, link.text_span.clone(), message)
                .help("translate the link text; keep only product names in English"),
        );
    }
}

/// Whether most other translations keep the same text for this link: then it is a name meant to stay.
fn kept_by_most_locales(pair: &Pair<'_>, mine: usize, text: &str) -> bool {
    let url = pair.alignment.url_ids[pair.index][mine];
    let others: Vec<usize> = (0..pair.group().articles.len())
        .filter(|&j| {
            j != pair.index
                && pair.file(j).role == Role::Translation
                && pair.file(j).locale != pair.article.locale
        })
        .collect();
    let same = others
        .iter()
        .filter(|&&j| {
            pair.file(j)
                .body
                .links
                .iter()
                .zip(&pair.alignment.url_ids[j])
                .any(|(l, &u)| u == url && l.text.trim() == text)
        })
        .count();
    others.len() >= 2 && 2 * same > others.len()
}
