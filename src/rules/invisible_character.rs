//! `invisible-character`: characters a reader cannot see that change the text: a byte order mark
//! after the start of the file, zero-width spaces and joiners, and direction controls, where the
//! reference has none at that place; and no-break spaces inside a name (`Microsoft 365`) that the
//! reference writes with a plain space.

use std::fmt::Write as _;

use super::{Check, Edit, Finding, Place, Rule, Settings, Severity, Span, place_of, range_at};
use crate::align::Pair;
use crate::locale;

pub(super) const RULE: Rule = Rule {
    id: "invisible-character",
    summary: "a zero-width character, direction control, mid-text byte order mark or no-break space in a name that the reference does not have",
    severity: Severity::Error,
    fixable: true,
    docs: include_str!("../../rules/invisible-character.md"),
    check: Check::Pair(check),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ByteOrderMark,
    ZeroWidth,
    Direction,
}

/// The characters this rule knows: their kind and how a message names them.
fn classify(c: char) -> Option<(Kind, &'static str)> {
    Some(match c {
        '\u{FEFF}' => (Kind::ByteOrderMark, "byte order mark (U+FEFF)"),
        '\u{200B}' => (Kind::ZeroWidth, "zero-width space (U+200B)"),
        '\u{200C}' => (Kind::ZeroWidth, "zero-width non-joiner (U+200C)"),
        '\u{200D}' => (Kind::ZeroWidth, "zero-width joiner (U+200D)"),
        '\u{2060}' => (Kind::ZeroWidth, "word joiner (U+2060)"),
        '\u{200E}' => (Kind::Direction, "left-to-right mark (U+200E)"),
        '\u{200F}' => (Kind::Direction, "right-to-left mark (U+200F)"),
        '\u{061C}' => (Kind::Direction, "Arabic letter mark (U+061C)"),
        '\u{202A}' => (Kind::Direction, "left-to-right embedding (U+202A)"),
        '\u{202B}' => (Kind::Direction, "right-to-left embedding (U+202B)"),
        '\u{202C}' => (Kind::Direction, "pop directional formatting (U+202C)"),
        '\u{202D}' => (Kind::Direction, "left-to-right override (U+202D)"),
        '\u{202E}' => (Kind::Direction, "right-to-left override (U+202E)"),
        '\u{2066}' => (Kind::Direction, "left-to-right isolate (U+2066)"),
        '\u{2067}' => (Kind::Direction, "right-to-left isolate (U+2067)"),
        '\u{2068}' => (Kind::Direction, "first strong isolate (U+2068)"),
        '\u{2069}' => (Kind::Direction, "pop directional isolate (U+2069)"),
        _ => return None,
    })
}

/// Languages written right to left: direction marks are how they place Latin names and
/// punctuation, so they are theirs to use.
const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];

/// Languages whose writing uses zero-width characters: word boundaries in Thai, Lao, Khmer and
/// Burmese (U+200B); joining control in Arabic-script and Indic languages (U+200C, U+200D).
fn writes_zero_width(language: &str, c: char) -> bool {
    match c {
        '\u{200B}' => matches!(language, "th" | "lo" | "km" | "my"),
        '\u{200C}' | '\u{200D}' => matches!(
            language,
            "fa" | "ur"
                | "ps"
                | "ckb"
                | "sd"
                | "hi"
                | "mr"
                | "ne"
                | "bn"
                | "as"
                | "gu"
                | "pa"
                | "or"
                | "ta"
                | "te"
                | "kn"
                | "ml"
                | "si"
        ),
        _ => false,
    }
}

/// An emoji sequence joins its parts with U+200D (`👩‍💻`).
fn joins_emoji(text: &str, at: usize, len: usize) -> bool {
    let pictographic = |c: char| matches!(u32::from(c), 0x2600..=0x27BF | 0x1F000..=0x1FAFF);
    let before = text[..at].chars().next_back().is_some_and(pictographic);
    let after = text[at + len..].chars().next().is_some_and(pictographic);
    before && after
}

/// Whether the text may hold any of these characters: a byte scan for their UTF-8 lead bytes
/// (U+061C is D8 9C, U+2000–U+2FFF start with E2, U+FEFF with EF) spares decoding every
/// character of the many files that have none.
fn may_hold_any(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.ends_with('\u{061C}')
        || memchr::memchr3_iter(0xD8, 0xE2, 0xEF, bytes).any(|at| {
            matches!(
                bytes.get(at..at + 3),
                Some(
                    [0xD8, 0x9C, _]
                    | [0xE2, 0x80, 0x8B..=0x8F | 0xAA..=0xAE]
                    | [0xE2, 0x81, 0xA0 | 0xA6..=0xA9]
                    | [0xEF, 0xBB, 0xBF],
                )
            )
        })
}

fn check(pair: &Pair<'_>, _: &Settings, out: &mut Vec<Finding>) {
    let text = &pair.article.text;
    no_break_spaces(pair, out);
    if !may_hold_any(text) {
        return;
    }
    let language = pair.article.locale.as_deref().map_or("", locale::language);
    // The line, character and finding of the last report, its message's length without a count,
    // and how many runs it stands for.
    let mut last: Option<(usize, char, usize, usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let Some((kind, name)) = classify(c) else {
            continue;
        };
        // A run of the same character is one finding.
        let mut end = at + c.len_utf8();
        while let Some(&(next, d)) = chars.peek() {
            if d != c {
                break;
            }
            end = next + d.len_utf8();
            chars.next();
        }
        let mut finding = match kind {
            // The very first character may be a byte order mark; anywhere else it is debris.
            Kind::ByteOrderMark if at == 0 => continue,
            Kind::ByteOrderMark => Finding::new(
                pair.index,
                at..end,
                format!("{name} inside the text: it may only start a file"),
            ),
            Kind::ZeroWidth
                if writes_zero_width(language, c)
                    || c == '\u{200D}' && joins_emoji(text, at, end - at) =>
            {
                continue;
            }
            Kind::Direction if RIGHT_TO_LEFT.contains(&language) => continue,
            Kind::ZeroWidth | Kind::Direction => {
                let Some(reference) = pair.reference else {
                    continue;
                };
                let place = place_of(pair, at);
                let vote = reference.vote(|j| {
                    range_at(pair, j, place).is_some_and(|r| pair.file(j).text[r].contains(c))
                });
                if vote.verdict != Some(false) {
                    continue;
                }
                let here = match place {
                    Place::FrontMatter => "in the front matter",
                    Place::Slot(_) => "in this section",
                    Place::Unaligned => "anywhere",
                };
                Finding::new(
                    pair.index,
                    at..end,
                    format!(
                        "invisible {name}: {} none {here}",
                        pair.describe_verb(
                            crate::align::Vote {
                                count: vote.of - vote.count.min(vote.of),
                                ..vote
                            },
                            "have",
                            "has"
                        )
                    ),
                )
            }
        };
        // Several on one line are one finding at the first, with their count.
        let line = text[..at].rfind('\n').map_or(0, |n| n + 1);
        if let Some((l, d, index, base, runs)) = &mut last
            && *l == line
            && *d == c
        {
            *runs += 1;
            if let Some(fix) = &mut out[*index].fix {
                fix.edits.push(Edit {
                    file: pair.index,
                    range: at..end,
                    replacement: String::new(),
                });
            }
            let message = &mut out[*index].message;
            message.truncate(*base);
            let _ = write!(message, " ({runs} on this line)");
            continue;
        }
        let base = finding.message.len();
        let count = text[at..end].chars().count();
        if count > 1 {
            let _ = write!(finding.message, " ({count} in a row)");
        }
        last = Some((line, c, out.len(), base, 1));
        out.push(
            finding
                .help(
                    "delete it: it cannot be seen, and it breaks search, copying and spell checking",
                )
                .fixed_by([(at..end, String::new())]),
        );
    }
}

/// The ASCII letters and digits of a name's word around a no-break space at `at..end`: the word
/// before, if it starts with a capital, and the word after, if it starts with a capital or a
/// digit (`Microsoft 365`, `Microsoft Teams`; not `Pour cela :`).
fn name_around(text: &str, at: usize, end: usize) -> Option<(&str, &str)> {
    let word = |b: &u8| b.is_ascii_alphanumeric();
    let before = &text[..at];
    let start = before.len() - before.bytes().rev().take_while(word).count();
    let after = &text[end..];
    let stop = end + after.bytes().take_while(word).count();
    let (first, second) = (&text[start..at], &text[end..stop]);
    let letter_before = text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let letter_after = text[stop..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    (first.len() >= 2
        && first.as_bytes()[0].is_ascii_uppercase()
        && !second.is_empty()
        && (second.as_bytes()[0].is_ascii_uppercase() || second.as_bytes()[0].is_ascii_digit())
        && !letter_before
        && !letter_after)
        .then_some((first, second))
}

/// The searchers for the two no-break spaces, built once rather than for every file.
static NO_BREAK_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{A0}"));
static NARROW_NO_BREAK_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{202F}"));

/// No-break spaces (U+00A0, U+202F) inside a name that the reference writes with a plain space
/// at the same place: search, copying and exact term matching miss `Microsoft 365` written so.
/// One finding per file, at the first, with their number; the fix writes plain spaces.
fn no_break_spaces(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let text: &str = &pair.article.text;
    let Some(reference) = pair.reference else {
        return;
    };
    let bytes = text.as_bytes();
    if NO_BREAK_SPACE.find(bytes).is_none() && NARROW_NO_BREAK_SPACE.find(bytes).is_none() {
        return;
    }
    let code = &pair.article.body.code;
    let mut first: Option<(Span, String, crate::align::Vote)> = None;
    let mut edits = Vec::new();
    for (at, space) in text.match_indices(['\u{A0}', '\u{202F}']) {
        let end = at + space.len();
        if code.iter().any(|c| c.span.contains(&at)) {
            continue;
        }
        let Some((name, then)) = name_around(text, at, end) else {
            continue;
        };
        let plain = format!("{name} {then}");
        let place = place_of(pair, at);
        let vote = reference.vote(|j| {
            range_at(pair, j, place).is_some_and(|r| pair.file(j).text[r].contains(&plain))
        });
        if vote.verdict != Some(true) {
            continue;
        }
        edits.push((at..end, " ".to_owned()));
        if first.is_none() {
            first = Some((at..end, plain, vote));
        }
    }
    let Some((span, plain, vote)) = first else {
        return;
    };
    let name = if text[span.clone()].starts_with('\u{A0}') {
        "no-break space (U+00A0)"
    } else {
        "narrow no-break space (U+202F)"
    };
    let mut message = format!(
        "{name} inside `{plain}`: {} a plain space there",
        pair.describe_verb(vote, "write", "writes")
    );
    if edits.len() > 1 {
        let _ = write!(
            message,
            " ({} such no-break spaces in this file)",
            edits.len()
        );
    }
    out.push(
        Finding::new(pair.index, span, message)
            .help("write a plain space: search, copying and exact term checks miss the name written with a no-break space")
            .fixed_by(edits),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify('\u{200B}').map(|c| c.0), Some(Kind::ZeroWidth));
        assert_eq!(classify('\u{200F}').map(|c| c.0), Some(Kind::Direction));
        assert_eq!(classify('\u{00A0}'), None);
        assert!(writes_zero_width("th", '\u{200B}'));
        assert!(!writes_zero_width("ja", '\u{200B}'));
        assert!(writes_zero_width("fa", '\u{200C}'));
        let family = "👩\u{200D}💻";
        assert!(joins_emoji(family, 4, 3));
        assert!(!joins_emoji("Office\u{200D} 365", 6, 3));
    }

    #[test]
    fn names_around_a_no_break_space() {
        let text =
            "Microsoft\u{A0}365 et Pour\u{A0}: Teams\u{A0}Rooms x\u{A0}Y ÉMicrosoft\u{A0}365";
        let at = |n: usize| text.match_indices('\u{A0}').nth(n).map_or(0, |(a, _)| a);
        let around = |n: usize| name_around(text, at(n), at(n) + 2);
        assert_eq!(around(0), Some(("Microsoft", "365")));
        assert_eq!(around(1), None);
        assert_eq!(around(2), Some(("Teams", "Rooms")));
        assert_eq!(around(3), None);
        assert_eq!(around(4), None);
    }
}
