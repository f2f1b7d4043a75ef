//! `locale-path-mismatch`: `ms.contentlocale` names another locale than the file's path.

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::Pair;
use crate::locale;

pub(super) const RULE: Rule = Rule {
    id: "locale-path-mismatch",
    summary: "`ms.contentlocale` disagrees with the locale in the file's path",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/locale-path-mismatch.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let article = pair.article;
    let (Some(in_path), Some(entry)) = (&article.path_locale, article.locale_entry()) else {
        return;
    };
    let key = &article.keys.locale;
    let Some(declared) = article.scalar(key).and_then(locale::canonical) else {
        return;
    };
    if locale::same(in_path, &declared) {
        return;
    }
    out.push(
        Finding::new(
            pair.index,
            entry.value_span.clone(),
            format!("`{key}` is `{declared}` but the path says `{in_path}`"),
        )
        .help(format!(
            "if this is the {in_path} translation, set `{key}: {in_path}`; otherwise move the file"
        )),
    );
}
