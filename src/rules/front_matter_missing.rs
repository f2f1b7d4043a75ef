//! `front-matter-missing`: an article file without a front-matter block.

use super::{Check, Finding, Rule, Settings, Severity, line_at};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "front-matter-missing",
    summary: "an article file has no YAML front matter at its start",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/front-matter-missing.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let article = pair.article;
    if article.front_matter.is_present() || article.is_include_or_readme() {
        return;
    }
    let mut finding = Finding::new(
        pair.index,
        line_at(&article.text, 0),
        "no front matter: the file does not start with a `---` block",
    )
    .help("start the file with a `---` line, the article's metadata, and a closing `---` line")
    .inherited_as("missing");
    if let Some(other) = pair
        .group()
        .articles
        .iter()
        .position(|a| a.front_matter.is_present())
    {
        let span = pair.file(other).front_matter.span.clone().unwrap_or(0..0);
        let span = line_at(&pair.file(other).text, span.start);
        finding = finding.related(other, span, "this locale has front matter");
    }
    out.push(finding);
}
