//! `link-text-literal-altered`: URL-like link text (`aka.ms/ssprsetup`) changed in translation:
//! its case, or words pulled into it.

use std::collections::BTreeMap;

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::{Pair, Reference};
use crate::model::LinkKind;
use crate::text::{
    canonical_literal, is_url_like, literal_case_damaged, literal_matches, url_inside,
};

/// More words than this around a literal means the link text is a title that mentions it.
const MAX_PULLED_WORDS: usize = 3;

pub(super) const RULE: Rule = Rule {
    id: "link-text-literal-altered",
    summary: "link text that is a URL or host such as `aka.ms/x` was altered: its case, or words pulled into it",
    severity: Severity::Error,
    fixable: true,
    docs: include_str!("../../rules/link-text-literal-altered.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else {
        return;
    };
    for (mine, matched) in &pair.links {
        let link = &pair.article.body.links[*mine];
        // Both findings are of a text that writes a host (`aka.ms/x`), so with a dot: the
        // others are passed over before the reference's texts are read.
        if !link.text.contains('.') {
            continue;
        }
        let texts: Vec<&str> = matched
            .instances
            .iter()
            .map(|&(f, l)| pair.file(f).body.links[l].text.as_str())
            .collect();
        let Some((canonical, who)) = canonical(reference, &texts, pair) else {
            continue;
        };
        if literal_matches(&link.text, &canonical) {
            continue;
        }
        let most_write = most_common(&texts);
        let how = if canonical_literal(&link.text).eq_ignore_ascii_case(&canonical) {
            // Capitals in a host label (`SecureScore.com`) are a brand's spelling: reported only
            // when this locale departs from what most locales write. A changed top-level domain
            // or path (`aka.MS/x`) is reported whatever the head count.
            let deviates =
                most_write.is_some_and(|m| canonical_literal(m) != canonical_literal(&link.text));
            if !literal_case_damaged(&link.text, &canonical) && !deviates {
                continue;
            }
            "changed in letter case"
        } else if url_inside(&link.text)
            .is_some_and(|u| canonical_literal(u).eq_ignore_ascii_case(&canonical))
            && pulled_words_are_few(&link.text)
        {
            "has words pulled into it"
        } else {
            continue;
        };
        let (file, l) = matched
            .instances
            .iter()
            .copied()
            .find(|&(f, l)| literal_matches(&pair.file(f).body.links[l].text, &canonical))
            .unwrap_or((matched.article, matched.link));
        // Only a change of letter case is repaired: where pulled-in words belong is a guess.
        // An autolink's text is its target.
        let fix = (how == "changed in letter case" && link.kind != LinkKind::Autolink)
            .then(|| case_fix(&pair.article.text, &link.text_span, &canonical))
            .flatten();
        out.push(
            Finding::new(pair.index, link.text_span.clone(), format!("link text `{}` {how}: expected `{canonical}` ({who})", link.text))
                .help(format!("write the link text exactly `{canonical}`; keep translated words outside the brackets"))
                .related(file, pair.file(file).body.links[l].text_span.clone(), format!("the link text in {}", pair.file(file).locale_name()))
                .fixed_by(fix),
        );
    }
}

/// The edit that writes `canonical` over the one place in `span` of `text` that spells it in
/// other letter case (markup and punctuation around it are kept); `None` when that place is not
/// unique.
fn case_fix(
    text: &str,
    span: &std::ops::Range<usize>,
    canonical: &str,
) -> Option<(std::ops::Range<usize>, String)> {
    let written = text.get(span.clone())?.to_ascii_lowercase();
    let wanted = canonical.to_ascii_lowercase();
    let mut found = written.match_indices(&wanted);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let range = span.start + at..span.start + at + wanted.len();
    (text.get(range.clone())? != canonical).then(|| (range, canonical.to_owned()))
}

/// Whether the words around the literal are few enough to have been pulled in from the sentence,
/// rather than the link text being a title that mentions the literal.
fn pulled_words_are_few(text: &str) -> bool {
    let literal = url_inside(text).unwrap_or_default();
    let rest = text.replacen(literal, " ", 1);
    rest.split_whitespace().count() <= MAX_PULLED_WORDS && rest.trim().chars().count() <= 24
}

/// The exact text most reference files write, if a strict majority agrees.
fn most_common<'t>(texts: &[&'t str]) -> Option<&'t str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for text in texts {
        *counts.entry(text.trim()).or_default() += 1;
    }
    counts
        .into_iter()
        .find(|(_, n)| 2 * n > texts.len())
        .map(|(t, _)| t)
}

/// The canonical URL-like text of a reference link and how to name its origin: the source's text;
/// else the form the locales share ignoring case, with the host lowercase.
fn canonical(reference: &Reference, texts: &[&str], pair: &Pair<'_>) -> Option<(String, String)> {
    if let Reference::Source(_) = reference {
        let text = texts.first()?;
        return is_url_like(text).then(|| (canonical_literal(text), pair.reference_name()));
    }
    // Each spelling once, with how many write it: most locales write the same.
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    for &text in texts {
        match spellings.iter_mut().find(|(t, _)| *t == text) {
            Some((_, n)) => *n += 1,
            None => spellings.push((text, 1)),
        }
    }
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    for &(text, n) in spellings.iter().filter(|(t, _)| is_url_like(t)) {
        *forms
            .entry(canonical_literal(text).to_ascii_lowercase())
            .or_default() += n;
    }
    let (form, count) = forms.into_iter().max_by_key(|(_, count)| *count)?;
    if 2 * count <= texts.len() {
        return None;
    }
    // Keep the path's case as most locales write it.
    let mut written: BTreeMap<String, usize> = BTreeMap::new();
    for &(text, n) in &spellings {
        let canonical = canonical_literal(text);
        if canonical.eq_ignore_ascii_case(&form) {
            *written.entry(canonical).or_default() += n;
        }
    }
    let best = written
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .map_or(form, |(w, _)| w);
    Some((
        best,
        format!(
            "{count} of {} locales write it ignoring case; hosts are lowercase",
            texts.len()
        ),
    ))
}
