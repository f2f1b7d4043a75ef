//! `link-syntax-broken`: link syntax that no longer makes a link: `[text] (url)`, `[text](url`
//! without its `)`, or a `[text` whose `](url)` was dropped.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::model::BrokenKind;

pub(super) const RULE: Rule = Rule {
    id: "link-syntax-broken",
    summary: "link syntax is broken: `] (` spacing, a missing `)`, or `[text` whose `](url)` was dropped",
    severity: Severity::Error,
    fixable: true,
    docs: include_str!("../../rules/link-syntax-broken.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    for (b, broken) in pair.article.body.broken_links.iter().enumerate() {
        let dropped = pair
            .dropped_links
            .iter()
            .find(|(d, _)| *d == b)
            .map(|(_, r)| r);
        let url = broken
            .url
            .as_deref()
            .map(|u| clip(u, 100))
            .unwrap_or_default();
        let mut finding = match (broken.kind, dropped) {
            (BrokenKind::SpacedParen, _) => Finding::new(
                pair.index,
                broken.span.clone(),
                format!("`] (` is not a link: the space after `]` leaves `{url}` as plain text"),
            )
            .help("remove the space between `]` and `(`")
            .inherited_as(format!("spaced {url}"))
            .fixed_by(broken.spaces.clone().map(|spaces| (spaces, String::new()))),
            (BrokenKind::UnclosedParen, _) => Finding::new(
                pair.index,
                broken.span.clone(),
                format!("link to `{url}` has no closing `)`, so it is shown as plain text"),
            )
            .help("close the link target with `)`")
            .inherited_as(format!("unclosed {url}")),
            (BrokenKind::UnclosedBracket, Some(reference)) => {
                let link = pair.link(reference);
                Finding::new(
                    pair.index,
                    broken.span.clone(),
                    format!(
                        "`[` starts a link whose `](url)` was dropped: {} to `{}` here",
                        pair.describe_verb(reference.vote, "link", "links"),
                        clip(&link.url, 100)
                    ),
                )
                .help(format!(
                    "close the link text with `]({})`",
                    clip(&link.url, 100)
                ))
            }
            (BrokenKind::UnclosedBracket, None) => continue,
        };
        if let Some(reference) = dropped {
            let link = pair.link(reference);
            finding = finding.related(
                reference.article,
                link.span.clone(),
                format!("the link in {}", pair.file(reference.article).locale_name()),
            );
        }
        out.push(finding);
    }
}
