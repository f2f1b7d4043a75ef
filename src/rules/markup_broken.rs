//! `markup-broken`: emphasis markers that no longer pair (`**为基于****SAML**`, `** text**`), and
//! square brackets left unbalanced where the reference's are balanced.

use std::fmt::Write as _;

use super::{Check, Finding, Place, Rule, Settings, Severity, place_of, range_at};
use crate::align::{Pair, Reference, Vote};
use crate::model::{BrokenKind, Span};

pub(super) const RULE: Rule = Rule {
    id: "markup-broken",
    summary: "bold or italic markers that no longer pair (`****`), or square brackets left unbalanced",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/markup-broken.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    markers(pair, out);
    brackets(pair, out);
}

/// The runs of two or more `*` that the parser left as text in `range` of file `j`.
fn stray_markers(pair: &Pair<'_>, j: usize, range: &Span) -> usize {
    pair.file(j)
        .body
        .unpaired_markers
        .iter()
        .filter(|m| m.len() >= 2 && range.contains(&m.start))
        .count()
}

/// Bold markers left as text are always broken: a reader sees the asterisks. Where the reference
/// has none at that place, the damage is this file's and reported here. Where it has them too, the
/// defect came from the source: reported on the source file when there is one, else once for the
/// article, on the first file that has it, with the count.
fn markers(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let text = &pair.article.text;
    // A reference that escapes its asterisks (`\*\*`) shows them as well: the same text.
    let has = |j: usize, place: Place| {
        range_at(pair, j, place).is_some_and(|r| {
            stray_markers(pair, j, &r) > 0 || pair.file(j).text[r].contains("\\*\\*")
        })
    };
    let mut votes: std::collections::HashMap<Place, Vote> = std::collections::HashMap::new();
    for marker in &pair.article.body.unpaired_markers {
        if marker.len() < 2 {
            continue;
        }
        let place = place_of(pair, marker.start);
        let written = &text[marker.clone()];
        let mut message =
            format!("`{written}` is shown as asterisks: bold markers that do not pair");
        if let Some(reference) = pair.reference {
            // One vote per place, however many markers it holds.
            let vote = *votes
                .entry(place)
                .or_insert_with(|| reference.vote(|j| has(j, place)));
            if vote.verdict == Some(false) {
                let lacking = Vote {
                    count: vote.of - vote.count.min(vote.of),
                    ..vote
                };
                let _ = write!(
                    message,
                    " ({} none here)",
                    pair.describe_verb(lacking, "have", "has")
                );
            } else {
                if matches!(reference, Reference::Source(_)) {
                    continue;
                }
                let sharing: Vec<usize> = (0..pair.group().articles.len())
                    .filter(|&j| has(j, place))
                    .collect();
                if sharing.first() != Some(&pair.index) {
                    continue;
                }
                let _ = write!(
                    message,
                    " (the same in {} of {} files of this article: reported once, here)",
                    sharing.len(),
                    pair.group().articles.len()
                );
            }
        }
        let help = if written.len() >= 4 {
            "two bold runs ran together: end one run and start the next with text or a space between (`**a** **b**`), or join them into one"
        } else {
            "pair each `**` with another in the same paragraph, with no space inside the markers (`**bold**`, not `** bold**`)"
        };
        out.push(Finding::new(pair.index, marker.clone(), message).help(help));
    }
}

/// Unbalanced `[` or `]` (not the start of a link whose target was dropped: `link-syntax-broken`
/// reports those), where the reference's text at that place is balanced.
fn brackets(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let body = &pair.article.body;
    let unbalanced = |j: usize, range: &Span| {
        let body = &pair.file(j).body;
        body.broken_links
            .iter()
            .filter(|b| b.kind == BrokenKind::UnclosedBracket && range.contains(&b.span.start))
            .filter(|b| !body.code.iter().any(|c| c.span.contains(&b.span.start)))
            .count()
    };
    let mut decisions: std::collections::HashMap<Place, Option<Option<Vote>>> =
        std::collections::HashMap::new();
    for (b, broken) in body.broken_links.iter().enumerate() {
        if broken.kind != BrokenKind::UnclosedBracket
            || pair.dropped_links.iter().any(|(d, _)| *d == b)
            || body
                .code
                .iter()
                .any(|c| c.span.contains(&broken.span.start))
        {
            continue;
        }
        let place = place_of(pair, broken.span.start);
        // Counted and voted once per place, however many brackets it holds.
        let decided = *decisions.entry(place).or_insert_with(|| {
            let mine = range_at(pair, pair.index, place).map_or(1, |r| unbalanced(pair.index, &r));
            pair.reference
                .is_some()
                .then(|| lacking_vote(pair, place, |j, range| unbalanced(j, range) >= mine))
        });
        let vote = match decided {
            Some(Some(vote)) => Some(vote),
            // The reference has as many here: its own text, not this translation's damage.
            Some(None) => continue,
            None => None,
        };
        let written = pair.article.text[broken.span.clone()].trim_end();
        let (what, help) = if written.starts_with(']') {
            (
                "`]` closes no `[`".to_owned(),
                "remove the stray `]`, or restore the `[` that opened it",
            )
        } else {
            (
                format!("`[` is never closed: `{}`", super::clip(written, 60)),
                "close the bracket with `]`, or remove the stray `[`",
            )
        };
        let message = match vote {
            Some(vote) => format!(
                "{what} ({} balanced brackets here)",
                pair.describe_verb(vote, "have", "has")
            ),
            None => what,
        };
        let start = broken.span.start;
        out.push(Finding::new(pair.index, start..start + 1, message).help(help));
    }
}

/// When the reference lacks what `has` looks for at `place` (the vote decides "no"), the vote
/// with its count turned to the files that lack it; `None` when the reference has it or cannot
/// say, or when there is no reference.
fn lacking_vote(pair: &Pair<'_>, place: Place, has: impl Fn(usize, &Span) -> bool) -> Option<Vote> {
    let reference = pair.reference?;
    let vote = reference.vote(|j| range_at(pair, j, place).is_some_and(|r| has(j, &r)));
    (vote.verdict == Some(false)).then_some(Vote {
        count: vote.of - vote.count.min(vote.of),
        ..vote
    })
}
