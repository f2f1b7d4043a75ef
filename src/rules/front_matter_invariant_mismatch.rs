//! `front-matter-invariant-mismatch`: a key that must be the same in every locale of one source
//! version differs here from the source or from the other locales.

use std::collections::BTreeMap;

use super::{Check, Finding, LOCALIZATION_KEYS, Rule, Settings, Severity, clip, line_at};
use crate::align::Alignment;
use crate::model::{Entry, Role, Span, Value};

pub(super) const RULE: Rule = Rule {
    id: "front-matter-invariant-mismatch",
    summary: "a front-matter key that must not be translated differs between locales of one version",
    severity: Severity::Error,
    fixable: true,
    docs: include_str!("../../rules/front-matter-invariant-mismatch.md"),
    check: Check::Group(check),
};

fn check(alignment: &Alignment<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let articles = &alignment.group.articles;
    for version in &alignment.versions {
        let source = articles.iter().position(|a| {
            a.role == Role::Source
                && version.hash.is_some()
                && a.version() == version.hash.as_deref()
        });
        let members: Vec<usize> = version
            .members
            .iter()
            .copied()
            .chain(source)
            .filter(|&i| articles[i].front_matter.is_valid())
            .collect();
        if members.len() < 2 {
            continue;
        }
        for key in &settings.invariant_keys {
            let localization_key = LOCALIZATION_KEYS.contains(&key.as_str());
            let voters: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| !(localization_key && articles[i].role == Role::Source))
                .collect();
            // Each file's value, read once.
            let values: Vec<(usize, Option<std::borrow::Cow<'_, str>>)> = members
                .iter()
                .map(|&i| {
                    (
                        i,
                        articles[i]
                            .front_matter
                            .get(key)
                            .map(|e| e.value.canonical()),
                    )
                })
                .collect();
            let value = |i: usize| {
                values
                    .iter()
                    .find(|(j, _)| *j == i)
                    .and_then(|(_, v)| v.as_deref().map(str::to_owned))
            };
            // Nothing to compare when every file has the same value (the common case).
            if values.windows(2).all(|w| w[0].1 == w[1].1) {
                continue;
            }
            // The source decides when it has the key; else a strict majority of the locales does.
            let reference =
                if let Some(s) = source.filter(|&s| !localization_key && value(s).is_some()) {
                    Some((
                        value(s),
                        format!("the {} source has", articles[s].locale_name()),
                        s,
                    ))
                } else {
                    let mut counts: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
                    for &i in &voters {
                        counts.entry(value(i)).or_default().push(i);
                    }
                    counts
                        .into_iter()
                        .find(|(_, files)| 2 * files.len() > voters.len())
                        .map(|(v, files)| {
                            (
                                v,
                                format!("{} of {} locales have", files.len(), voters.len()),
                                files[0],
                            )
                        })
                };
            let Some((expected, who, example)) = reference else {
                continue;
            };
            for &i in &voters {
                let actual = value(i);
                if actual == expected || i == example {
                    continue;
                }
                let article = &articles[i];
                let show = |v: &Option<String>| {
                    v.as_ref()
                        .map_or_else(|| "absent".to_owned(), |v| format!("`{}`", clip(v, 60)))
                };
                let (span, message) = match article.front_matter.get(key) {
                    Some(entry) => (
                        entry.key_span.start..entry.value_span.end.max(entry.key_span.end),
                        format!(
                            "`{key}` is {} here; {who} {}",
                            show(&actual),
                            show(&expected)
                        ),
                    ),
                    None => (
                        line_at(
                            &article.text,
                            article.front_matter.span.as_ref().map_or(0, |s| s.start),
                        ),
                        format!("`{key}` is missing here; {who} {}", show(&expected)),
                    ),
                };
                let related = articles[example].front_matter.get(key).map_or(0..0, |e| {
                    e.key_span.start..e.value_span.end.max(e.key_span.end)
                });
                let fix = article
                    .front_matter
                    .get(key)
                    .zip(articles[example].front_matter.get(key))
                    .and_then(|(mine, theirs)| {
                        restore(&article.text, mine, &articles[example].text, theirs)
                    });
                out.push(
                    Finding::new(i, span, message)
                        .help(format!(
                            "`{key}` is not translated: copy the value from the source"
                        ))
                        .related(
                            example,
                            related,
                            format!("`{key}` in {}", articles[example].locale_name()),
                        )
                        .fixed_by(fix),
                );
            }
        }
    }
}

/// The edit that writes the deciding file's value over this file's, as it is written there
/// (quotes included): only a one-line scalar replacing a one-line scalar, neither with a
/// comment, so that nothing about indentation, comments or the lines around has to be guessed.
/// A missing key is not added.
fn restore(text: &str, mine: &Entry, theirs_text: &str, theirs: &Entry) -> Option<(Span, String)> {
    if !matches!(mine.value, Value::Scalar(_)) || !matches!(theirs.value, Value::Scalar(_)) {
        return None;
    }
    let written = text.get(mine.value_span.clone())?;
    let wanted = theirs_text.get(theirs.value_span.clone())?;
    // A comment after the value may be inside its span: it is neither lost nor copied.
    let one_line = |s: &str| {
        !s.is_empty() && !s.contains(['\n', '\r']) && !s.contains(" #") && !s.contains("\t#")
    };
    (one_line(written) && one_line(wanted) && written != wanted)
        .then(|| (mine.value_span.clone(), wanted.to_owned()))
}
