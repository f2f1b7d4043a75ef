//! `link-extra`: this locale has a link the reference does not.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "link-extra",
    summary: "this locale has a link that the reference's aligned section does not",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/link-extra.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for extra in &pair.extra_links {
        let link = &pair.article.body.links[extra.link];
        let without = pair.describe_lacking(extra.vote);
        out.push(
            Finding::new(
                pair.index,
                link.span.clone(),
                format!("link to `{}` is not in {without}", clip(&link.url, 100)),
            )
            .help("remove the link, or add it to the source so every locale has it"),
        );
    }
}
