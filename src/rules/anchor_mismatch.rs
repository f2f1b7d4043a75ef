//! `anchor-mismatch`: a heading anchor changed, was translated, dropped or defined twice.

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::Pair;

pub(super) const RULE: Rule = Rule {
    id: "anchor-mismatch",
    summary: "a heading anchor differs from the reference's: changed, translated, dropped or duplicated",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/anchor-mismatch.md"),
    check: Check::Pair(check),
};

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    duplicates(pair, out);
    let Some(reference) = pair.reference.filter(|_| !pair.ahead_of_reference()) else {
        return;
    };
    let anchors_at = |file: usize, section: usize| &pair.file(file).body.sections[section].anchors;
    // Per file of the group: its section at the slot being compared, if it is a reference file.
    let mut section_of: Vec<Option<usize>> = vec![None; pair.alignment.group.articles.len()];
    for matched in &pair.sections {
        let mine = &pair.article.body.sections[matched.section];
        // No file has an anchor at this heading: nothing to compare.
        if mine.anchors.is_empty()
            && (matched.instances.iter()).all(|&(f, s)| anchors_at(f, s).is_empty())
        {
            continue;
        }
        for &(f, s) in matched.instances.iter().rev() {
            section_of[f] = Some(s);
        }
        let mut candidates: Vec<&str> = matched
            .instances
            .iter()
            .flat_map(|&(f, s)| anchors_at(f, s).iter().map(|a| a.name.as_str()))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let expected: Vec<(&str, _)> = candidates
            .into_iter()
            .filter_map(|name| {
                let vote = reference.vote(|j| {
                    section_of[j].is_some_and(|s| anchors_at(j, s).iter().any(|a| a.name == name))
                });
                (vote.verdict == Some(true)).then_some((name, vote))
            })
            .collect();
        for &(f, _) in &matched.instances {
            section_of[f] = None;
        }
        let mut unexpected: Vec<&crate::model::Anchor> = mine
            .anchors
            .iter()
            .filter(|a| !expected.iter().any(|(n, _)| *n == a.name))
            .collect();
        for (name, vote) in &expected {
            if mine.anchors.iter().any(|a| a.name == *name) {
                continue;
            }
            let (file, section) = matched.reference;
            let related = pair.file(file).body.sections[section]
                .anchors
                .iter()
                .find(|a| a.name == *name)
                .map_or_else(
                    || pair.file(file).body.sections[section].span.clone(),
                    |a| a.span.clone(),
                );
            let finding = if unexpected.is_empty() {
                Finding::new(
                    pair.index,
                    mine.span.clone(),
                    format!(
                        "anchor `{name}` is missing from this heading: {} it",
                        pair.describe_verb(*vote, "have", "has")
                    ),
                )
            } else {
                let changed = unexpected.remove(0);
                Finding::new(
                    pair.index,
                    changed.span.clone(),
                    format!(
                        "anchor `{}` should be `{name}`: {} `{name}`",
                        changed.name,
                        pair.describe_verb(*vote, "use", "uses")
                    ),
                )
            };
            out.push(
                finding
                    .help(format!("anchors are link targets and are never translated: write `<a name=\"{name}\"></a>`"))
                    .related(file, related, format!("the anchor in {}", pair.file(file).locale_name())),
            );
        }
        // An id added where the reference relies on the heading's own id breaks no link (it is
        // what `link-fragment-missing` suggests); only an id that replaces the reference's is.
        let reference_has_ids = matched
            .instances
            .iter()
            .any(|&(f, s)| !anchors_at(f, s).is_empty());
        for anchor in unexpected.into_iter().filter(|_| reference_has_ids) {
            let vote = reference.vote(|j| {
                pair.file(j)
                    .body
                    .sections
                    .iter()
                    .any(|s| s.anchors.iter().any(|a| a.name == anchor.name))
            });
            if vote.verdict == Some(false) {
                out.push(
                    Finding::new(
                        pair.index,
                        anchor.span.clone(),
                        format!(
                            "anchor `{}` is not in {}",
                            anchor.name,
                            pair.reference_name()
                        ),
                    )
                    .help("remove the anchor or use the reference's anchor name"),
                );
            }
        }
    }
}

/// The same anchor name defined twice in one file.
fn duplicates(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let anchors: Vec<&crate::model::Anchor> = pair
        .article
        .body
        .sections
        .iter()
        .flat_map(|s| &s.anchors)
        .collect();
    let mut first_of: rustc_hash::FxHashMap<&str, &crate::model::Anchor> =
        rustc_hash::FxHashMap::default();
    for anchor in anchors {
        let first = *first_of.entry(anchor.name.as_str()).or_insert(anchor);
        if !std::ptr::eq(first, anchor) {
            out.push(
                Finding::new(
                    pair.index,
                    anchor.span.clone(),
                    format!("anchor `{}` is defined twice in this file", anchor.name),
                )
                .help("give each anchor a unique name; links can only reach the first one")
                .related(pair.index, first.span.clone(), "the first definition")
                .inherited_as(anchor.name.clone()),
            );
        }
    }
}
