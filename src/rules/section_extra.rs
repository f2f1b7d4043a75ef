//! `section-extra`: this locale has a section the reference does not.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "section-extra",
    summary: "this locale has a section (heading or bold question line) that the reference does not",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/section-extra.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for extra in &pair.extra_sections {
        let section = &pair.article.body.sections[extra.section];
        let others = pair.describe_lacking(extra.vote);
        out.push(
            Finding::new(
                pair.index,
                section.span.clone(),
                format!("section `{}` is not in {others}", clip(&section.title, 80)),
            )
            .help("remove the section, or add it to the source so every locale gets it"),
        );
    }
}
