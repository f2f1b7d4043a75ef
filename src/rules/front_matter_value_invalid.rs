//! `front-matter-value-invalid`: a front-matter value of the wrong form, or empty where required.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, parse_date};
use crate::locale;
use crate::model::Value;

pub(super) const RULE: Rule = Rule {
    id: "front-matter-value-invalid",
    summary: "a front-matter value is malformed (locale, hash, date, id) or empty where required",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/front-matter-value-invalid.md"),
    check: Check::Pair(check),
};

/// What a locale value looks like.
const LOCALE_FORM: &str = "a locale tag such as `de-DE`";

/// Keys whose value has a fixed form, and a description of it.
const FORMS: &[(&str, &str)] = &[
    ("ms.contentlocale", LOCALE_FORM),
    ("ms.openlocfilehash", "40 or 64 hexadecimal digits"),
    (
        "ms.date",
        "a date: `M/D/YYYY`, `MM/DD/YYYY` or `YYYY-MM-DD`",
    ),
    (
        "ms.lasthandoff",
        "a date: `M/D/YYYY`, `MM/DD/YYYY` or `YYYY-MM-DD`",
    ),
    ("ms.locfileid", "a number"),
];

fn check(pair: &Pair<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    for entry in &pair.article.front_matter.entries {
        // The configured locale key (`ms.contentlocale` unless configured) holds a locale tag.
        let is_locale = entry.key == settings.keys.locale;
        let form = if is_locale {
            Some(LOCALE_FORM)
        } else {
            FORMS.iter().find(|(k, _)| *k == entry.key).map(|(_, f)| *f)
        };
        let required = settings.required_keys.contains(&entry.key);
        if form.is_none() && !required {
            continue;
        }
        let kind = if is_locale {
            "ms.contentlocale"
        } else {
            entry.key.as_str()
        };
        let problem = match &entry.value {
            value if value.is_empty() => Some(format!("`{}` is empty", entry.key)),
            Value::Scalar(text) if form.is_some() && !valid(kind, text) => Some(format!(
                "`{}` is `{}`, not {}",
                entry.key,
                clip(text, 60),
                form.unwrap_or_default()
            )),
            Value::Sequence(_) | Value::Mapping(_) if form.is_some() => {
                Some(format!("`{}` must be a single value", entry.key))
            }
            _ => None,
        };
        let Some(message) = problem else { continue };
        let help = match form {
            Some(form) => format!("write {form}"),
            None => format!("`{}` is required: give it a value", entry.key),
        };
        let span = if entry.value_span.is_empty() {
            entry.key_span.start..entry.value_span.end.max(entry.key_span.end)
        } else {
            entry.value_span.clone()
        };
        out.push(
            Finding::new(pair.index, span, message)
                .help(help)
                .inherited_as(format!("{}={:?}", entry.key, entry.value)),
        );
    }
}

fn valid(key: &str, value: &str) -> bool {
    let value = value.trim();
    match key {
        "ms.contentlocale" => locale::canonical(value).is_some(),
        "ms.openlocfilehash" => {
            matches!(value.len(), 40 | 64) && value.bytes().all(|b| b.is_ascii_hexdigit())
        }
        "ms.date" | "ms.lasthandoff" => parse_date(value).is_some(),
        "ms.locfileid" => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn forms() {
        assert!(valid(
            "ms.openlocfilehash",
            "0a771c43b308794af1efd55b9c185b2dcff71700"
        ));
        assert!(!valid("ms.openlocfilehash", "0a771c43"));
        assert!(valid("ms.date", "03/08/2021"));
        assert!(!valid("ms.date", "08.04.2021"));
        assert!(valid("ms.locfileid", "50693439"));
        assert!(!valid("ms.locfileid", "5069a"));
        assert!(!valid("ms.contentlocale", "Latvian"));
    }
}
