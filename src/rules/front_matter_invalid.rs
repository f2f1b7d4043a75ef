//! `front-matter-invalid`: the front matter cannot be read as YAML `key: value` pairs.

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "front-matter-invalid",
    summary: "the front matter is not valid YAML, not closed, not a mapping, or repeats a key",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/front-matter-invalid.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for problem in &pair.article.front_matter.problems {
        out.push(
            Finding::new(pair.index, problem.span.clone(), problem.message.clone())
                .help("fix the YAML here; loclint skips the other front-matter checks of this file until it parses")
                .inherited_as(problem.message.clone()),
        );
    }
}
