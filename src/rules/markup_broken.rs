//! `markup-broken`: emphasis markers that no longer pair (`**为基于****SAML**`, `** text**`),
//! square brackets left unbalanced where the reference's are balanced, and lists, tables and block
//! quotes shaped differently from the reference's.

use std::fmt::Write as _;

use super::{Check, Finding, Place, Rule, Settings, Severity, place_of, range_at};
use crate::align::{Pair, Reference, Vote};
use crate::model::{Article, BrokenKind, SectionKind, Span, Structure, StructureKind};

pub(super) const RULE: Rule = Rule {
    id: "markup-broken",
    summary: "bold or italic markers that no longer pair (`****`), unbalanced brackets, or a list or table shaped differently",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/markup-broken.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    markers(pair, out);
    brackets(pair, out);
    structures(pair, out);
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

/// A section's lists, tables and block quotes: kind, nesting, items or rows, columns. A section
/// opened by a bold lead-in (`**In the admin center**, do this:`) is part of the one before it:
/// translations move the bold, and with it that weak boundary. `None` for such a section itself.
fn shape(article: &Article, section: usize) -> Option<&[Structure]> {
    let sections = &article.body.sections;
    if sections.get(section)?.kind == SectionKind::BoldLead {
        return None;
    }
    let end = sections[section + 1..]
        .iter()
        .position(|s| s.kind != SectionKind::BoldLead)
        .map_or(sections.len(), |n| section + 1 + n);
    // In document order, so by section.
    let all = &article.body.structures;
    let start = all.partition_point(|s| s.section < section);
    let stop = all.partition_point(|s| s.section < end);
    Some(&all[start..stop.max(start)])
}

fn sig(s: &Structure) -> Sig {
    (s.kind, s.depth, s.items, s.columns)
}

type Sig = (StructureKind, u32, u32, u32);

/// A list, table or block quote whose shape differs from the reference's at the same place: items
/// or rows added or lost, nesting changed, a list turned into a table. Judged per aligned
/// section, against the shape most reference files share there.
fn structures(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else {
        return;
    };
    if pair.ahead_of_reference() {
        return;
    }
    let al = pair.alignment;
    for matched in &pair.sections {
        let Some(mine) = shape(pair.article, matched.section) else {
            continue;
        };
        let shape_at = |j: usize| shape(pair.file(j), al.section_at(j, matched.slot)?);
        let same = |a: &[Structure], b: &[Structure]| a.iter().map(sig).eq(b.iter().map(sig));
        let vote = reference.vote(|j| shape_at(j).is_some_and(|s| same(s, mine)));
        if vote.verdict != Some(false) || vote.disputed {
            continue;
        }
        // The shape most reference files share here, and how many share it.
        let mut shapes: Vec<(&[Structure], usize)> = Vec::new();
        for &j in reference.members() {
            let Some(theirs) = shape_at(j) else {
                continue;
            };
            match shapes.iter_mut().find(|(s, _)| same(s, theirs)) {
                Some((_, n)) => *n += 1,
                None => shapes.push((theirs, 1)),
            }
        }
        let Some((theirs, agree)) = shapes.into_iter().max_by_key(|(_, n)| *n) else {
            continue;
        };
        if 2 * agree <= vote.of {
            continue;
        }
        let who = pair.describe_verb(
            Vote {
                count: agree,
                ..vote
            },
            "have",
            "has",
        );
        if let Some(finding) = difference(pair, matched.section, mine, theirs, &who) {
            out.push(finding);
        }
    }
}

/// The first difference between this file's shape and the reference's, as a finding.
fn difference(
    pair: &Pair<'_>,
    section: usize,
    mine: &[Structure],
    theirs: &[Structure],
    who: &str,
) -> Option<Finding> {
    let text = &pair.article.text;
    let count = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let size = |(kind, _, items, columns): Sig| match kind {
        StructureKind::Table => format!(
            "{} and {}",
            count(items, "row", "rows"),
            count(columns, "column", "columns")
        ),
        StructureKind::Quote => String::new(),
        _ => count(items, "item", "items"),
    };
    let level = |depth: u32| {
        if depth == 0 {
            "at the top level".to_owned()
        } else {
            format!("nested {depth} deep")
        }
    };
    for (k, structure) in mine.iter().enumerate() {
        let (span, a) = (structure.span.clone(), sig(structure));
        let Some(b) = theirs.get(k).map(sig) else {
            let message = if theirs.is_empty() {
                format!(
                    "a {} here; {who} no list, table or block quote in this section",
                    a.0.name()
                )
            } else {
                format!(
                    "an extra {} here: {} in this section, where {who} {}",
                    a.0.name(),
                    count(
                        u32::try_from(mine.len()).unwrap_or(u32::MAX),
                        "list, table or block quote",
                        "lists, tables or block quotes"
                    ),
                    theirs.len()
                )
            };
            return Some(Finding::new(pair.index, span, message).help(help_for(text, structure)));
        };
        if a == b {
            continue;
        }
        let message = if a.0 != b.0 {
            format!("a {} here; {who} a {}", a.0.name(), b.0.name())
        } else if a.1 != b.1 {
            format!(
                "this {} is {}; {who} it {}",
                a.0.name(),
                level(a.1),
                level(b.1)
            )
        } else {
            format!("a {} of {} here; {who} {}", a.0.name(), size(a), size(b))
        };
        return Some(Finding::new(pair.index, span, message).help(help_for(text, structure)));
    }
    let missing = sig(theirs.get(mine.len())?);
    let at = pair.article.body.sections[section].span.start;
    let span = match mine.last() {
        Some(s) => s.span.clone(),
        None => super::line_at(text, at),
    };
    let message = format!(
        "{who} a {} in this section that this file lacks",
        missing.0.name()
    );
    Some(Finding::new(pair.index, span, message).help(HELP))
}

const HELP: &str = "keep the reference's lists, tables and block quotes: one item per item, one row per row, the same nesting";

/// The help for a structure: a numbered list that starts a line with a number and a full stop
/// (`15. septembra 2018`, a date) was most likely meant as text.
fn help_for(text: &str, structure: &Structure) -> &'static str {
    let marker = &text[structure.span.clone()];
    let numbered = marker
        .strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()));
    if structure.kind == StructureKind::OrderedList && numbered {
        "a line that starts with a number and a full stop is a numbered list: if the number is part of the text (a date, a year), escape the full stop (`15\\. septembra`)"
    } else {
        HELP
    }
}
