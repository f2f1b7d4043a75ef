//! `link-missing`: the reference has a link here that this locale lacks.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "link-missing",
    summary: "a link of the reference is missing in this locale's aligned section",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/link-missing.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for missing in &pair.missing_links {
        let link = pair.link(&missing.reference);
        out.push(
            Finding::new(
                pair.index,
                missing.place.clone(),
                format!(
                    "link to `{}` is missing here: {} to it",
                    clip(&link.url, 100),
                    pair.describe_verb(missing.reference.vote, "link", "links")
                ),
            )
            .help(format!(
                "restore the link `[{}]({})`, with its text translated",
                clip(&link.text, 60),
                clip(&link.url, 100)
            ))
            .related(
                missing.reference.article,
                link.span.clone(),
                format!(
                    "the link in {}",
                    pair.file(missing.reference.article).locale_name()
                ),
            ),
        );
    }
}
