//! `link-url-mismatch`: an aligned link points somewhere other than the reference's link.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, normalize_url};

pub(super) const RULE: Rule = Rule {
    id: "link-url-mismatch",
    summary: "a translated link points somewhere other than the reference link",
    severity: Severity::Error,
    docs: include_str!("../../rules/link-url-mismatch.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for (mine, reference) in &pair.url_mismatches {
        let link = &pair.article.body.links[*mine];
        let expected = pair.link(reference);
        let how = if normalize_url(&link.url).eq_ignore_ascii_case(&normalize_url(&expected.url)) {
            "differs in letter case from"
        } else {
            "differs from"
        };
        out.push(
            Finding::new(
                pair.index,
                link.url_span.clone(),
                format!(
                    "link target `{}` {how} the one {}: `{}`",
                    clip(&link.url, 100),
                    pair.describe_verb(reference.vote, "use", "uses"),
                    clip(&expected.url, 100)
                ),
            )
            .help(format!("point the link at `{}`", clip(&expected.url, 100)))
            .related(
                reference.article,
                expected.url_span.clone(),
                format!("the link in {}", pair.file(reference.article).locale_name()),
            ),
        );
    }
}
