//! `locale-unknown`: a file whose locale cannot be told from its front matter or its path.

use super::{Check, Finding, Rule, Settings, Severity, line_at};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "locale-unknown",
    summary: "the locale of a file cannot be determined, so it is checked on its own",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/locale-unknown.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    if pair.article.locale.is_some()
        || pair.article.is_include_or_readme() && !pair.article.front_matter.is_present()
    {
        return;
    }
    let start = pair
        .article
        .front_matter
        .span
        .as_ref()
        .map_or(0, |s| s.start);
    out.push(
        Finding::new(pair.index, line_at(&pair.article.text, start), "cannot tell the locale of this file: no `ms.contentlocale` and no locale in its path")
            .help("add `ms.contentlocale` to the front matter, or keep the file under a locale folder such as `de-de/`"),
    );
}
