//! Turns a file's text into the `Article` model, once. Rules and alignment never parse.

pub mod front_matter;
pub mod markdown;

use std::path::Path;
use std::sync::Arc;

use crate::locale;
use crate::model::{Article, FrontMatter, Keys, LocaleOrigin, Role, Value};

/// Parses one file. `path_locale` is the locale its path names, if any.
pub fn article(
    path: Arc<Path>,
    text: Arc<str>,
    path_locale: Option<String>,
    source_locale: &str,
) -> Article {
    article_with(
        path,
        text,
        path_locale,
        source_locale,
        &Arc::new(Keys::default()),
    )
}

/// Parses one file whose version and locale are under the front-matter keys `keys`.
pub fn article_with(
    path: Arc<Path>,
    text: Arc<str>,
    path_locale: Option<String>,
    source_locale: &str,
    keys: &Arc<Keys>,
) -> Article {
    let split = front_matter::parse(&text);
    let body = markdown::parse(&text, split.body_start);
    let front_matter = split.front_matter;
    let declared = front_matter
        .scalar(&keys.locale)
        .and_then(locale::canonical);
    // Translations carry these; a source may carry `ms.openlocfilehash` alone (pinned to a version).
    let localized = front_matter.get("ms.translationtype").is_some()
        || front_matter.get(&keys.locale).is_some();
    let (mut locale, mut locale_origin) = match (&declared, &path_locale) {
        (Some(tag), _) => (Some(tag.clone()), LocaleOrigin::FrontMatter),
        (None, Some(tag)) => (Some(tag.clone()), LocaleOrigin::Path),
        (None, None) => (None, LocaleOrigin::Unknown),
    };
    let in_source_locale = locale
        .as_deref()
        .is_some_and(|l| locale::same(l, source_locale));
    let unlocalized_source = front_matter.is_present() && !localized && locale.is_none();
    let role = if in_source_locale || unlocalized_source {
        Role::Source
    } else {
        Role::Translation
    };
    if unlocalized_source {
        locale = Some(source_locale.to_owned());
        locale_origin = LocaleOrigin::SourceDefault;
    }
    let version = scalar_at(&front_matter, &text, &keys.version).filter(|v| !v.is_empty());
    let numbers = crate::numbers::read(&text, &body, locale.as_deref());
    Article {
        path,
        text,
        locale,
        locale_origin,
        path_locale,
        role,
        front_matter,
        body,
        keys: Arc::clone(keys),
        version,
        numbers,
    }
}

/// The scalar value of `key`: a top-level key, else a dotted path into nested mappings
/// (`l10n.sourceCommit`) read from the mapping's own lines in `text`.
fn scalar_at(front_matter: &FrontMatter, text: &str, key: &str) -> Option<String> {
    if let Some(value) = front_matter.scalar(key) {
        return Some(value.to_owned());
    }
    if front_matter.get(key).is_some() {
        return None;
    }
    let (head, rest) = key.split_once('.')?;
    let entry = front_matter.get(head)?;
    let Value::Mapping(_) = entry.value else {
        return None;
    };
    let span = entry.value_span.clone();
    let line_start = text.get(..span.start)?.rfind('\n').map_or(0, |n| n + 1);
    let indent = span.start - line_start;
    // The mapping's lines, moved left so that its first key starts the line.
    let lines: Vec<&str> = text
        .get(line_start..span.end)?
        .lines()
        .map(|line| line.get(indent..).unwrap_or(""))
        .collect();
    let nested = format!("---\n{}\n---\n", lines.join("\n"));
    let split = front_matter::parse(&nested);
    scalar_at(&split.front_matter, &nested, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str, key: &str) -> (Option<String>, Option<String>) {
        let keys = Arc::new(Keys {
            version: key.to_owned(),
            ..Keys::default()
        });
        let article = article_with(
            Arc::from(Path::new("fr/index.md")),
            Arc::from(text),
            Some("fr".to_owned()),
            "en-US",
            &keys,
        );
        let entry = article.version_entry().map(|e| e.key.clone());
        (article.version, entry)
    }

    #[test]
    fn a_dotted_version_key_reads_nested_mappings() {
        let mdn = "---\ntitle: Titre\nl10n:\n  sourceCommit: 5b20f5f4\n  other: x\nslug: A/B\n---\n# Titre\n";
        assert_eq!(
            version(mdn, "l10n.sourceCommit"),
            (Some("5b20f5f4".to_owned()), Some("l10n".to_owned()))
        );
        let flow = "---\ntitle: Titre\nl10n: {sourceCommit: abc, other: x}\n---\n";
        assert_eq!(version(flow, "l10n.sourceCommit").0.as_deref(), Some("abc"));
        let deep = "---\na:\n  b:\n    c: deep\n---\n";
        assert_eq!(version(deep, "a.b.c").0.as_deref(), Some("deep"));
        assert_eq!(
            version(mdn, "l10n.missing"),
            (None, Some("l10n".to_owned()))
        );
        // A top-level key with dots in its name is read as it is.
        let docs = "---\nms.openlocfilehash: 0a77\n---\n";
        assert_eq!(
            version(docs, "ms.openlocfilehash"),
            (
                Some("0a77".to_owned()),
                Some("ms.openlocfilehash".to_owned())
            )
        );
        assert_eq!(version(docs, "l10n.sourceCommit"), (None, None));
    }
}
