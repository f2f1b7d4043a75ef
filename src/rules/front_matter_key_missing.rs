//! `front-matter-key-missing`: a required front-matter key is absent.

use super::{Check, Finding, Rule, Settings, Severity, line_at};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "front-matter-key-missing",
    summary: "a required front-matter key is absent",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/front-matter-key-missing.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let front_matter = &pair.article.front_matter;
    let Some(span) = &front_matter.span else {
        return;
    };
    if !front_matter.is_valid() {
        return;
    }
    for key in &settings.required_keys {
        if front_matter.get(key).is_some() {
            continue;
        }
        let mut finding = Finding::new(
            pair.index,
            line_at(&pair.article.text, span.start),
            format!("front matter has no `{key}`"),
        )
        .help(format!("add `{key}: …` to the front matter"))
        .inherited_as(key.clone());
        if let Some((other, entry)) = pair
            .group()
            .articles
            .iter()
            .enumerate()
            .find_map(|(i, a)| a.front_matter.get(key).map(|e| (i, e)))
        {
            finding = finding.related(
                other,
                entry.key_span.start..entry.value_span.end.max(entry.key_span.end),
                format!("`{key}` in this locale"),
            );
        }
        out.push(finding);
    }
}
