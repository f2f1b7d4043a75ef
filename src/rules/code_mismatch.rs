//! `code-mismatch`: inline code and code blocks that differ from the reference's in the aligned
//! section. Code is not translated; comments inside code blocks and `<placeholder>` names may be.

use std::sync::LazyLock;

use regex::Regex;

use super::{Check, Finding, Rule, Settings, Severity, clip};
use crate::align::{Pair, Reference, Vote};
use crate::model::{Code, CodeKind};

pub(super) const RULE: Rule = Rule {
    id: "code-mismatch",
    summary: "inline code or a code block differs from the reference's: code is not translated",
    severity: Severity::Error,
    fixable: false,
    docs: include_str!("../../rules/code-mismatch.md"),
    check: Check::Pair(check),
};

/// `<user name>`, `{tenant id}`: a name the reader replaces, which translations may translate.
/// Tags (`<Add SourcePath="…">`, `</Add>`) and JSON objects are code.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r#"<[^<>="'/\n]+>|\{[^{}="':\n]+\}"#).unwrap()
});

/// Block comments: `/* … */`, `<# … #>`, `<!-- … -->`.
static BLOCK_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?s)/\*.*?\*/|<#.*?#>|<!--.*?-->").unwrap()
});

/// Line comment starts: a line beginning with one of these is a comment.
const LINE_COMMENTS: &[&str] = &["#", "//", "--", ";", "::", "rem "];

/// A block's line without its comment: a whole-line comment is dropped, and ` # …` or ` // …`
/// after code (outside quotes) is cut off.
fn without_comment(line: &str) -> &str {
    let trimmed = line.trim();
    let lower = trimmed.to_ascii_lowercase();
    if LINE_COMMENTS.iter().any(|c| lower.starts_with(c)) {
        return "";
    }
    for marker in [" #", " //"] {
        if let Some(at) = trimmed.find(marker)
            && trimmed[..at].matches('"').count().is_multiple_of(2)
            && trimmed[..at].matches('\'').count().is_multiple_of(2)
        {
            return trimmed[..at].trim_end();
        }
    }
    trimmed
}

/// The form code is compared in: placeholders reduced to their brackets, white space collapsed;
/// for a block, comments and blank lines removed, one line per code line.
fn normalize(code: &Code) -> String {
    let text = PLACEHOLDER.replace_all(
        &code.text,
        |c: &regex::Captures<'_>| {
            if c[0].starts_with('<') { "<>" } else { "{}" }
        },
    );
    if code.kind == CodeKind::Inline {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let text = BLOCK_COMMENT.replace_all(&text, "");
    code_lines(&text).join("\n")
}

/// A block's code lines, comments and blank lines removed, white space collapsed.
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(without_comment)
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn is_block(code: &Code) -> bool {
    code.kind != CodeKind::Inline
}

/// What one file has in one region: (normalized code, index into the file's `code`), in order.
type Codes = Vec<(String, usize)>;

/// The code of file `file` by region: the slot of its section, moved back to the nearest slot this
/// file (`mine`) has, so that code of a section this file lacks is compared where it merged.
fn codes_by_region(pair: &Pair<'_>, file: usize, mine: &[usize]) -> Vec<(usize, Codes)> {
    let al = pair.alignment;
    let mut regions: Vec<(usize, Codes)> = Vec::new();
    for (k, code) in pair.file(file).body.code.iter().enumerate() {
        let Some(raw) = al.link_regions[file].get(code.section).copied().flatten() else {
            continue;
        };
        let Some(&region) = mine[..mine.partition_point(|&s| s <= raw)].last() else {
            continue;
        };
        let entry = (normalize(code), k);
        match regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, codes)) => codes.push(entry),
            None => regions.push((region, vec![entry])),
        }
    }
    regions
}

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let Some(reference) = pair.reference else {
        return;
    };
    // The newest version compared with older ones: its code may be the source's change.
    if pair.ahead_of_reference() || pair.article.body.code.is_empty() && !has_code(pair, reference)
    {
        return;
    }
    let al = pair.alignment;
    let mut files: Vec<usize> = reference.members().to_vec();
    if let Reference::Consensus { fallback, .. } = reference {
        files.extend(fallback);
    }
    files.sort_unstable();
    files.dedup();
    let mut my_slots: Vec<usize> = al.slots[pair.index].iter().flatten().copied().collect();
    my_slots.sort_unstable();
    let mine_by_region = codes_by_region(pair, pair.index, &my_slots);
    let theirs_by_region: Vec<(usize, Vec<(usize, Codes)>)> = files
        .iter()
        .map(|&j| (j, codes_by_region(pair, j, &my_slots)))
        .collect();
    let mut regions: Vec<usize> = mine_by_region
        .iter()
        .map(|(r, _)| *r)
        .chain(
            theirs_by_region
                .iter()
                .flat_map(|(_, by)| by.iter().map(|(r, _)| *r)),
        )
        .collect();
    regions.sort_unstable();
    regions.dedup();
    let in_extra_section = |k: usize| {
        let section = pair.article.body.code[k].section;
        al.slots[pair.index]
            .get(section)
            .copied()
            .flatten()
            .is_none()
            || pair.extra_sections.iter().any(|e| e.section == section)
    };
    for region in regions {
        let empty = Vec::new();
        let at = |by: &'_ [(usize, Codes)]| -> Codes {
            by.iter()
                .find(|(r, _)| *r == region)
                .map_or_else(|| empty.clone(), |(_, c)| c.clone())
        };
        let mine = at(&mine_by_region);
        let theirs: Vec<(usize, Codes)> = theirs_by_region
            .iter()
            .map(|(j, by)| (*j, at(by)))
            .collect();
        let count = |j: usize, key: &str| -> usize {
            let codes = if j == pair.index {
                Some(&mine)
            } else {
                theirs.iter().find(|(f, _)| *f == j).map(|(_, c)| c)
            };
            codes.map_or(0, |c| c.iter().filter(|(k, _)| k == key).count())
        };
        let mut keys: Vec<&str> = mine
            .iter()
            .chain(theirs.iter().flat_map(|(_, c)| c))
            .map(|(k, _)| k.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        // (reference file, code index, vote) the reference has and this file lacks; this file's
        // code the reference does not have.
        let mut missing: Vec<(usize, usize, Vote)> = Vec::new();
        let mut extra: Vec<(usize, Vote)> = Vec::new();
        for key in keys {
            let have: Vec<usize> = mine
                .iter()
                .filter(|(k, _)| k == key)
                .map(|&(_, i)| i)
                .collect();
            let most = theirs
                .iter()
                .map(|(j, _)| count(*j, key))
                .max()
                .unwrap_or(0);
            for nth in have.len() + 1..=most {
                let vote = reference.vote(|j| count(j, key) >= nth);
                // Code that other source versions have is their source's code, not this one's.
                if vote.verdict != Some(true) || vote.other_versions {
                    break;
                }
                // The representative: the nth occurrence in the first reference file with it.
                if let Some((j, k)) = theirs.iter().find_map(|(j, c)| {
                    c.iter()
                        .filter(|(k, _)| k == key)
                        .nth(nth - 1)
                        .map(|&(_, i)| (*j, i))
                }) {
                    missing.push((j, k, vote));
                }
            }
            for (nth, &i) in have.iter().enumerate() {
                let vote = reference.vote(|j| count(j, key) > nth);
                if vote.verdict == Some(false) && !vote.other_versions && !in_extra_section(i) {
                    extra.push((i, vote));
                }
            }
        }
        report(pair, &missing, &extra, out);
    }
}

/// Whether any reference file has code: else a file without code has nothing to compare.
fn has_code(pair: &Pair<'_>, reference: &Reference) -> bool {
    reference
        .members()
        .iter()
        .any(|&j| !pair.file(j).body.code.is_empty())
}

/// Pairs what is missing with what is extra, block with block and span with span, in order;
/// reports each pair as one changed code, and the rest as missing or extra.
fn report(
    pair: &Pair<'_>,
    missing: &[(usize, usize, Vote)],
    extra: &[(usize, Vote)],
    out: &mut Vec<Finding>,
) {
    let code = |file: usize, k: usize| &pair.file(file).body.code[k];
    let mut extra: Vec<(usize, Vote)> = extra.to_vec();
    extra.sort_by_key(|(i, _)| *i);
    let mut missing: Vec<(usize, usize, Vote)> = missing.to_vec();
    missing.sort_by_key(|&(j, k, _)| (j, code(j, k).span.start));
    let mut used = vec![false; extra.len()];
    for &(j, k, vote) in &missing {
        let theirs = code(j, k);
        let partner = (0..extra.len())
            .find(|&e| !used[e] && is_block(code(pair.index, extra[e].0)) == is_block(theirs));
        let who = pair.describe_verb(vote, "have", "has");
        let related = format!("the code in {}", pair.file(j).locale_name());
        let Some(e) = partner else {
            if let Some(finding) = missing_code(pair, theirs, &who) {
                out.push(finding.related(j, theirs.span.clone(), related));
            }
            continue;
        };
        used[e] = true;
        let mine = code(pair.index, extra[e].0);
        let finding = if is_block(mine) {
            changed_block(pair, mine, theirs, &who)
        } else {
            Finding::new(
                pair.index,
                mine.span.clone(),
                format!(
                    "code `{}` differs: {who} `{}` here",
                    clip(&mine.text, 80),
                    clip(&theirs.text, 80)
                ),
            )
            .help(format!(
                "write the code exactly as `{}`; translate only the text around it",
                clip(&theirs.text, 80)
            ))
        };
        out.push(finding.related(j, theirs.span.clone(), related));
    }
    for (e, &(i, vote)) in extra.iter().enumerate() {
        if used[e] {
            continue;
        }
        let mine = code(pair.index, i);
        let lacking = pair.describe_verb(
            Vote {
                count: vote.of - vote.count.min(vote.of),
                ..vote
            },
            "have",
            "has",
        );
        let (message, help) = match mine.kind {
            // Text indented four spaces or more, usually a list item's continuation.
            CodeKind::Indented => (
                format!("text indented into a code block: {lacking} no code here"),
                "indent the text less than four spaces past its list marker, or not at all",
            ),
            CodeKind::Fenced => (
                format!("code block is not in the reference: {lacking} no code here"),
                "remove it, or write the same code as the reference",
            ),
            CodeKind::Inline => (
                format!(
                    "code `{}` is not in the reference: {lacking} no such code here",
                    clip(&mine.text, 80)
                ),
                "remove the backticks, or write the same code as the reference",
            ),
        };
        out.push(Finding::new(pair.index, first_line(pair, mine), message).help(help));
    }
}

/// A missing code span whose text is still in the section, without its backticks; a missing
/// block is not reported here (its section, or its text, differs: other rules tell).
fn missing_code(pair: &Pair<'_>, theirs: &Code, who: &str) -> Option<Finding> {
    if is_block(theirs) || theirs.text.trim().chars().count() < 3 {
        return None;
    }
    let text = &pair.article.text;
    let needle = theirs.text.trim();
    let sections = &pair.article.body.sections;
    // Where the text stands in this file, outside any code.
    let at = text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        !pair.article.body.code.iter().any(|c| c.span.contains(&i))
            && sections.iter().any(|s| s.span.start <= i && i < s.end)
    })?;
    Some(
        Finding::new(
            pair.index,
            at..at + needle.len(),
            format!(
                "`{}` is no longer marked as code: {who} it as code here",
                clip(needle, 80)
            ),
        )
        .help(format!(
            "put it between backticks: `` `{}` ``",
            clip(needle, 80)
        )),
    )
}

/// A block whose code differs: points at the first code line that differs.
fn changed_block(pair: &Pair<'_>, mine: &Code, theirs: &Code, who: &str) -> Finding {
    let strip = |c: &Code| {
        let text =
            PLACEHOLDER.replace_all(
                &c.text,
                |m: &regex::Captures<'_>| {
                    if m[0].starts_with('<') { "<>" } else { "{}" }
                },
            );
        code_lines(&BLOCK_COMMENT.replace_all(&text, ""))
    };
    let (a, b) = (strip(mine), strip(theirs));
    let n = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shown = |lines: &[String]| {
        lines
            .get(n)
            .map_or_else(|| "(none)".to_owned(), |l| format!("`{}`", clip(l, 80)))
    };
    // The span of that line in this file, found from the block's start.
    let block = &pair.article.text[mine.span.clone()];
    let span = a
        .get(n)
        .and_then(|line| {
            let first = line.split_whitespace().next()?;
            block
                .lines()
                .scan(0usize, |at, l| {
                    let start = *at;
                    *at += l.len() + 1;
                    Some((start, l))
                })
                .find(|(_, l)| {
                    let code = without_comment(l);
                    !code.is_empty()
                        && code.split_whitespace().collect::<Vec<_>>().join(" ") == *line
                        && l.contains(first)
                })
        })
        .map_or_else(
            || first_line(pair, mine),
            |(start, l)| {
                let lead = l.len() - l.trim_start().len();
                let start = mine.span.start + start + lead;
                start..start + l.trim().len()
            },
        );
    Finding::new(
        pair.index,
        span,
        format!(
            "code block line {} differs: {who} {} here",
            shown(&a),
            shown(&b)
        ),
    )
    .help("copy the code from the reference; translate only comments and the text around it")
}

/// The first line of a code span or block.
fn first_line(pair: &Pair<'_>, code: &Code) -> crate::model::Span {
    let text = &pair.article.text[code.span.clone()];
    let end = text.find('\n').map_or(text.len(), |n| n);
    code.span.start..code.span.start + text[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Code {
        Code {
            kind: CodeKind::Fenced,
            section: 0,
            language: String::new(),
            text: text.to_owned(),
            span: 0..0,
        }
    }

    #[test]
    fn comments_and_placeholders_may_be_translated() {
        let en = block(
            "# Connect first\nConnect-ExchangeOnline -UserPrincipalName <your admin account>\nGet-Mailbox # all of them\n",
        );
        let de = block(
            "# Zuerst verbinden\nConnect-ExchangeOnline -UserPrincipalName <Ihr Administratorkonto>\n\nGet-Mailbox # alle\n",
        );
        assert_eq!(normalize(&en), normalize(&de));
        let changed = block("Connect-ExchangeOnline -UserPrincipalName <x>\nGet-Postfach\n");
        assert_ne!(normalize(&en), normalize(&changed));
        let xml = block("<Add SourcePath=\"\\\\Server\\share\">\n</Add>\n");
        let xml2 = block("<Add SourcePath=\"\\\\Serveur\\partage\">\n</Add>\n");
        assert_ne!(normalize(&xml), normalize(&xml2));
    }

    #[test]
    fn trailing_comments_outside_quotes() {
        assert_eq!(without_comment("Get-User # all"), "Get-User");
        assert_eq!(without_comment("echo \"a # b\""), "echo \"a # b\"");
        assert_eq!(without_comment("https://a.b/#x"), "https://a.b/#x");
        assert_eq!(without_comment("// note"), "");
    }
}
