//! Turns a file's text into the `Article` model, once. Rules and alignment never parse.

pub mod front_matter;
pub mod markdown;

use std::path::Path;
use std::sync::Arc;

use crate::locale;
use crate::model::{Article, Keys, LocaleOrigin, Role};

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
    }
}
