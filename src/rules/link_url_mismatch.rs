//! `link-url-mismatch`: an aligned link points somewhere other than the reference's link.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, RefLink, names_a_locale, normalize_url};
use crate::model::LinkKind;

pub(super) const RULE: Rule = Rule {
    id: "link-url-mismatch",
    summary: "a translated link points somewhere other than the reference link",
    severity: Severity::Error,
    fixable: true,
    docs: include_str!("../../rules/link-url-mismatch.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for (mine, reference) in &pair.url_mismatches {
        let link = &pair.article.body.links[*mine];
        let expected = pair.link(reference);
        let case_only =
            normalize_url(&link.url).eq_ignore_ascii_case(&normalize_url(&expected.url));
        let how = if case_only {
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
            )
            .fixed_by(restore(pair, *mine, reference, case_only)),
        );
    }
}

/// The edit that writes the reference's target over this link's, when nothing is left to
/// judgement: the reference decides by itself (the source, or a strict majority of the locales),
/// the link stands at the reference link's position (a case change is the same link anyway),
/// the reference's target names no locale that would be wrong here, and the link is an inline
/// one (a reference definition may serve other links too).
fn restore(
    pair: &Pair<'_>,
    mine: usize,
    reference: &RefLink,
    case_only: bool,
) -> Option<(std::ops::Range<usize>, String)> {
    let vote = reference.vote;
    let decided = vote.verdict == Some(true) && !vote.disputed && 2 * vote.count > vote.of;
    if !decided || !(case_only || pair.same_position(mine, reference)) {
        return None;
    }
    let link = &pair.article.body.links[mine];
    // A reference definition may serve several links, and an autolink shows its target as text.
    if link.kind != LinkKind::Inline {
        return None;
    }
    let expected = pair.link(reference);
    let target = pair
        .file(reference.article)
        .text
        .get(expected.url_span.clone())?;
    let written = pair.article.text.get(link.url_span.clone())?;
    if target.is_empty() || names_a_locale(target) || written == target || written != link.url {
        return None;
    }
    Some((link.url_span.clone(), target.to_owned()))
}
