//! `link-text-empty`: `[](url)` where the reference's link has text.

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::Pair;
use crate::model::LinkKind;

pub(super) const RULE: Rule = Rule {
    id: "link-text-empty",
    summary: "a link has no text where the reference's link has text",
    severity: Severity::Error,
    docs: include_str!("../../rules/link-text-empty.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else { return };
    for (mine, matched) in &pair.links {
        let link = &pair.article.body.links[*mine];
        if !link.text.trim().is_empty() || !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
            continue;
        }
        let text_of = |j: usize| {
            matched
                .instances
                .iter()
                .find(|(f, _)| *f == j)
                .map(|&(f, l)| pair.file(f).body.links[l].text.trim())
                .filter(|t| !t.is_empty())
        };
        let vote = reference.vote(|j| text_of(j).is_some());
        if vote.verdict != Some(true) {
            continue;
        }
        let Some(&(file, l)) = matched.instances.iter().find(|(f, _)| text_of(*f).is_some()) else { continue };
        let example = &pair.file(file).body.links[l];
        out.push(
            Finding::new(pair.index, link.span.clone(), format!("link to `{}` has no text: {} give it text", clip(&link.url, 100), pair.describe(vote)))
                .help(format!("write the link text between the brackets ({} has `{}`)", pair.file(file).locale_name(), clip(&example.text, 60)))
                .related(file, example.text_span.clone(), format!("the link text in {}", pair.file(file).locale_name())),
        );
    }
}
