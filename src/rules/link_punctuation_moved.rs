//! `link-punctuation-moved`: the sentence's punctuation pulled into the link text
//! (`[SSPR och MFA.](…)` where the reference writes `[…](…).`), or a space left before the
//! punctuation that follows a link (`[paroli](…) .`).

use super::{Check, Finding, Rule, Settings, Severity};
use crate::align::{Pair, Vote};
use crate::model::LinkKind;

pub(super) const RULE: Rule = Rule {
    id: "link-punctuation-moved",
    summary: "punctuation pulled into the link text, or a space left before the punctuation after a link",
    severity: Severity::Warning,
    fixable: false,
    docs: include_str!("../../rules/link-punctuation-moved.md"),
    check: Check::Pair(check),
};

/// Punctuation that ends or splits a sentence, in Latin and full-width forms.
fn is_sentence_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '。' | '、' | '，' | '；' | '：' | '！' | '？' | '．'
    )
}

/// Punctuation that closes or splits a sentence and never ends a title.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | '。' | '、' | '，' | '；' | '．')
}

/// The punctuation that ends a link text, unless it is an ellipsis (`More...`, `Plus…`).
fn trailing_punctuation(text: &str) -> Option<char> {
    let text = text.trim_end();
    let last = text.chars().next_back()?;
    if !is_sentence_punctuation(last) || text.ends_with("..") || text.chars().count() < 2 {
        return None;
    }
    Some(last)
}

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    pulled_in(pair, out);
    spaced(pair, out);
}

/// This locale's link text ends with punctuation; the reference's does not.
fn pulled_in(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.reference.is_none() {
        return;
    }
    let language = pair
        .article
        .locale
        .as_deref()
        .map_or("", crate::locale::language);
    for (mine, matched) in &pair.links {
        let link = &pair.article.body.links[*mine];
        if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
            continue;
        }
        let Some(mark) = trailing_punctuation(&link.text) else {
            continue;
        };
        let texts: Vec<&str> = matched
            .instances
            .iter()
            .map(|&(f, l)| pair.file(f).body.links[l].text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let without = texts
            .iter()
            .filter(|t| trailing_punctuation(t).is_none())
            .count();
        // A title's own `?`, `!` or `:` is what most locales keep. A full stop or comma ending
        // link text is the sentence's: machine translation pulls it in for whole languages at
        // once, so half the locales may carry it; a quarter without it is telling.
        // Greek writes its question mark as `;`.
        let stop = is_stop(mark) && !(mark == ';' && language == "el");
        let enough = if stop {
            4 * without >= texts.len()
        } else {
            2 * without > texts.len()
        };
        if without == 0 || !enough {
            continue;
        }
        let written = &pair.article.text[link.text_span.clone()];
        let Some(at) = written.rfind(mark) else {
            continue;
        };
        let at = link.text_span.start + at;
        let vote = Vote {
            verdict: Some(false),
            count: without,
            of: texts.len(),
            disputed: false,
            other_versions: matched.vote.other_versions,
        };
        let (file, l) = matched
            .instances
            .iter()
            .copied()
            .find(|&(f, l)| trailing_punctuation(&pair.file(f).body.links[l].text).is_none())
            .unwrap_or((matched.article, matched.link));
        out.push(
            Finding::new(
                pair.index,
                at..at + mark.len_utf8(),
                format!(
                    "`{mark}` moved into the link text: {} the link text without it",
                    pair.describe_verb(vote, "end", "ends")
                ),
            )
            .help(format!("move `{mark}` after the link's closing `)`"))
            .related(
                file,
                pair.file(file).body.links[l].text_span.clone(),
                format!("the link text in {}", pair.file(file).locale_name()),
            ),
        );
    }
}

/// White space between a link and the punctuation after it: `[x](…) .`.
fn spaced(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let text = &pair.article.text;
    let language = pair
        .article
        .locale
        .as_deref()
        .map_or("", crate::locale::language);
    for (l, link) in pair.article.body.links.iter().enumerate() {
        if link.kind == LinkKind::Image {
            continue;
        }
        let rest = &text[link.span.end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{00A0}']).len();
        if gap == 0 {
            continue;
        }
        let mut after = rest[gap..].chars();
        let Some(mark) = after.next() else {
            continue;
        };
        if !matches!(mark, '.' | ',' | ';' | ':' | '!' | '?') {
            continue;
        }
        // `.NET`, `...`, `.5`: not a sentence's punctuation.
        if after
            .next()
            .is_some_and(|c| c.is_alphanumeric() || is_sentence_punctuation(c))
        {
            continue;
        }
        // French typography puts a (no-break) space before `:`, `;`, `!` and `?`.
        if language == "fr" && matches!(mark, ':' | ';' | '!' | '?') {
            continue;
        }
        let start = link.span.end;
        out.push(
            Finding::new(
                pair.index,
                start..start + gap + 1,
                format!("space before `{mark}` after the link"),
            )
            .help(format!("remove the space: `…){mark}`"))
            .inherited_as(format!(
                "spaced {} {mark}",
                pair.alignment.urls[pair.index][l]
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing() {
        assert_eq!(trailing_punctuation("Azure Active Directory."), Some('.'));
        assert_eq!(trailing_punctuation("設定を確認する。"), Some('。'));
        assert_eq!(trailing_punctuation("More..."), None);
        assert_eq!(trailing_punctuation("Plus…"), None);
        assert_eq!(trailing_punctuation("Azure"), None);
        assert_eq!(trailing_punctuation("."), None);
    }
}
