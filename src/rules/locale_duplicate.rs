//! `locale-duplicate`: two files of one article claim the same locale.

use super::{Check, Finding, Rule, Settings, Severity, line_at};
use crate::align::Alignment;

pub(super) const RULE: Rule = Rule {
    id: "locale-duplicate",
    summary: "two files of one article claim the same locale",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/locale-duplicate.md"),
    check: Check::Group(check),
};

fn check(alignment: &Alignment<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let articles = &alignment.group.articles;
    for (i, article) in articles.iter().enumerate() {
        let Some(locale) = &article.locale else {
            continue;
        };
        let Some(first) = articles[..i]
            .iter()
            .position(|a| a.locale.as_ref() == Some(locale))
        else {
            continue;
        };
        let span = article
            .locale_entry()
            .map_or_else(|| line_at(&article.text, 0), |e| e.value_span.clone());
        out.push(
            Finding::new(
                i,
                span,
                format!(
                    "another file of this article also claims `{locale}`: `{}`",
                    articles[first].path.display()
                ),
            )
            .help("keep one file per locale: remove the stale copy or fix its locale")
            .related(
                first,
                line_at(&articles[first].text, 0),
                format!("the other `{locale}` file"),
            ),
        );
    }
}
