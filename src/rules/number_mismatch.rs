//! `number-mismatch`: a number of the reference's aligned section that this locale's section
//! does not have, after the locale's ways of writing numbers are undone: digits of other scripts,
//! thousands separators (`1,000`, `1.000`, `1 000`), decimal commas. Code, link targets, HTML
//! and list numbering are not read.

use rustc_hash::FxHashSet;

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::{Pair, SectionMatch};
use crate::locale;
use crate::model::Article;
use crate::numbers::Number;

pub(super) const RULE: Rule = Rule {
    id: "number-mismatch",
    summary: "a number of the reference's section (an amount, a version, a year) is missing or changed here",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/number-mismatch.md"),
    check: Check::Pair(check),
};

/// File `j`'s numbers in section `section` and the sections after it up to the next of
/// `anchors` (its sections that start a stretch compared as one, sorted).
fn numbers_from<'a>(article: &'a Article, section: usize, anchors: &[usize]) -> &'a [Number] {
    let all = &article.numbers;
    if all.is_empty() {
        return all;
    }
    let next = anchors
        .get(anchors.partition_point(|&a| a <= section))
        .copied()
        .unwrap_or(usize::MAX);
    let start = all.partition_point(|n| n.section < section);
    let end = all.partition_point(|n| n.section < next);
    &all[start..end.max(start)]
}

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else {
        return;
    };
    // Per file, the sections that start a stretch compared as one: for this file, those the
    // comparison matches with the reference (a section only it has, such as a bold line it made
    // of a sentence, belongs to the one before); for a reference file, every aligned section
    // (what this file lacks is another rule's finding, not numbers missing here).
    let mut mine_anchors: Vec<usize> = pair.sections.iter().map(|m| m.section).collect();
    mine_anchors.sort_unstable();
    mine_anchors.dedup();
    let aligned = &pair.alignment.aligned_sections;
    let anchors_of = |j: usize| -> &[usize] {
        if j == pair.index {
            &mine_anchors
        } else {
            &aligned[j]
        }
    };
    let per_section: Vec<&[Number]> = pair
        .sections
        .iter()
        .map(|m| numbers_from(pair.article, m.section, &mine_anchors))
        .collect();
    // Per file of the group: its numbers at the slot being compared (empty for the others).
    let mut theirs: Vec<&[Number]> = vec![&[]; aligned.len()];
    for (k, matched) in pair.sections.iter().enumerate() {
        // In reverse: a file listed twice is read at its first place.
        for &(j, section) in matched.instances.iter().rev() {
            theirs[j] = numbers_from(pair.file(j), section, anchors_of(j));
        }
        // Most places have no number a reference file requires: nothing to compare.
        let required =
            (matched.instances.iter()).any(|&(j, _)| theirs[j].iter().any(|n| !n.optional));
        if required {
            let mine = per_section[k];
            // The sections before and after count too: sections are aligned by their headings,
            // and a translation may move a sentence across a bold line that only it has.
            let have: FxHashSet<&str> = per_section
                [k.saturating_sub(1)..(k + 2).min(per_section.len())]
                .iter()
                .flat_map(|numbers| numbers.iter())
                .map(|n| n.value.as_str())
                .collect();
            compare(pair, reference, matched, mine, &have, &theirs, out);
        }
        for &(j, _) in &matched.instances {
            theirs[j] = &[];
        }
    }
}

/// Whether `value` is among `have`, also scaled by a power of ten that languages count in:
/// thousands (`250K` is `250 000`), ten thousands, millions (`30 million` is `3,000 万`, read as
/// 30000000), hundred millions; or as a year of the Buddhist era.
fn has_value(have: &FxHashSet<&str>, value: &str) -> bool {
    if have.contains(value) {
        return true;
    }
    // A year of the Buddhist era (th-TH writes 2019 as 2562).
    if let Ok(year) = value.parse::<u32>()
        && (1900..=2100).contains(&year)
        && have.contains((year + 543).to_string().as_str())
    {
        return true;
    }
    let digits = value.trim_end_matches('0');
    let zeros = value.len() - digits.len();
    [3, 4, 6, 8].iter().any(|&k| {
        let more = format!("{value}{}", "0".repeat(k));
        let less = (zeros >= k).then(|| &value[..value.len() - k]);
        have.contains(more.as_str()) || less.is_some_and(|l| have.contains(l))
    })
}

/// Languages with one word for 24 hours (`ett dygn`, `et døgn`, `vuorokausi`): `24 hours`
/// may be translated by it.
fn says_a_day_of_hours(pair: &Pair<'_>, matched: &SectionMatch) -> bool {
    const WORDS: &[&str] = &[
        "dygn",
        "døgn",
        "vuorokau",
        "ööpäev",
        "diennakt",
        "doba",
        "dobę",
        "doby",
        "сутки",
        "суток",
        "доба",
        "доби",
    ];
    let article = pair.article;
    let section = &article.body.sections[matched.section];
    let text = article.text[section.span.start..section.end].to_lowercase();
    WORDS.iter().any(|w| text.contains(w))
}

/// Reports the numbers the reference's section has and this one lacks.
fn compare(
    pair: &Pair<'_>,
    reference: &crate::align::Reference,
    matched: &SectionMatch,
    mine: &[Number],
    have: &FxHashSet<&str>,
    numbers: &[&[Number]],
    out: &mut Vec<Finding>,
) {
    let theirs = |j: usize| -> &[Number] { numbers[j] };
    let language = pair.article.locale.as_deref().map_or("", locale::language);
    // Arabic writes numbers below a hundred, and ordinals such as a date's day, as words
    // (`العشرة الأولى`, the first ten; `الخامس والعشرين`, the twenty-fifth).
    let in_words = |value: &str| language == "ar" && value.len() <= 2;
    // The required numbers of the reference files, each once, in the order they first appear.
    // Whether a value is excused here does not depend on the file: each is judged once.
    let mut wanted: Vec<&str> = Vec::new();
    let mut judged: FxHashSet<&str> = FxHashSet::default();
    for &(j, _) in &matched.instances {
        for n in theirs(j).iter().filter(|n| !n.optional) {
            let value = n.value.as_str();
            // Most are here as written: excused without being judged.
            if have.contains(value) || !judged.insert(value) {
                continue;
            }
            let excused = in_words(value)
                || has_value(have, value)
                || value == "24" && says_a_day_of_hours(pair, matched);
            if !excused {
                wanted.push(value);
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    let mut missing = Vec::new();
    for value in wanted {
        let vote = reference.vote(|j| theirs(j).iter().any(|n| n.value == value && !n.optional));
        if vote.verdict == Some(true) && !vote.disputed {
            missing.push((value, vote));
        }
    }
    if missing.is_empty() {
        return;
    }
    // Numbers here that no reference file has at this place: what was written instead.
    let all_theirs: FxHashSet<&str> = matched
        .instances
        .iter()
        .flat_map(|&(j, _)| theirs(j).iter().map(|n| n.value.as_str()))
        .collect();
    let extra: Vec<&Number> = mine
        .iter()
        .filter(|n| !n.optional && !all_theirs.contains(n.value.as_str()))
        .collect();
    let article = pair.article;
    let section = &article.body.sections[matched.section];
    let heading = super::line_at(&article.text, section.span.start.min(article.text.len()));
    for (value, vote) in &missing {
        // Where the reference shows it, and how it writes it there (`50,000` for 50000).
        let witness = matched.instances.iter().find_map(|&(j, _)| {
            theirs(j)
                .iter()
                .find(|n| n.value == *value && !n.optional)
                .map(|n| (j, n))
        });
        let shown = witness
            .map(|(j, n)| &pair.file(j).text[n.span.clone()])
            .filter(|written| {
                let digits: String = written
                    .chars()
                    .filter_map(crate::numbers::digit)
                    .map(|d| char::from(b'0' + d))
                    .collect();
                digits.trim_start_matches('0') == *value
            })
            .unwrap_or(value);
        let instead = (missing.len() == 1 && extra.len() == 1).then(|| extra[0]);
        let who = pair.describe_verb(*vote, "have", "has");
        let (span, message) = match instead {
            Some(n) => (
                n.span.clone(),
                format!(
                    "`{shown}` is written `{}` here; {who} `{shown}` in this section",
                    &article.text[n.span.clone()]
                ),
            ),
            None => (
                heading.clone(),
                format!("`{shown}` is missing in this section; {who} it"),
            ),
        };
        let mut finding = Finding::new(pair.index, span, message).help(
            "numbers are not translated: write the reference's (in this locale's digits and separators if it uses others)",
        );
        if let Some((j, n)) = witness {
            finding = finding.related(
                j,
                n.span.clone(),
                format!(
                    "`{}` in {}",
                    &pair.file(j).text[n.span.clone()],
                    pair.file(j).locale_name()
                ),
            );
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_counted_in_thousands_or_ten_thousands_are_the_same() {
        let have: FxHashSet<&str> = ["250000", "10", "3000"].into_iter().collect();
        assert!(has_value(&have, "250"));
        assert!(has_value(&have, "100000"));
        assert!(!has_value(&have, "26"));
        assert!(!has_value(&have, "2500"));
        assert!(!has_value(&have, "30"));
        // The Buddhist era.
        let thai: FxHashSet<&str> = ["2562"].into_iter().collect();
        assert!(has_value(&thai, "2019"));
        assert!(!has_value(&thai, "2020"));
    }
}
