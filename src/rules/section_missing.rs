//! `section-missing`: a section of the reference has no counterpart in this locale.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "section-missing",
    summary: "a section of the reference (heading or bold question line) is missing in this locale",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/section-missing.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for missing in &pair.missing_sections {
        let (file, section) = missing.reference;
        let reference = &pair.file(file).body.sections[section];
        out.push(
            Finding::new(
                pair.index,
                missing.place.clone(),
                format!(
                    "section `{}` ({}) is missing before this line: {} it",
                    clip(&reference.title, 80),
                    pair.file(file).locale_name(),
                    pair.describe_verb(missing.vote, "have", "has")
                ),
            )
            .help("translate the missing section and insert it here")
            .related(
                file,
                reference.span.clone(),
                format!("the section in {}", pair.file(file).locale_name()),
            ),
        );
    }
}
