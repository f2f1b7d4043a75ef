//! Numbers in the text of an article, as a reader reads them: digits of any script, thousands
//! separators of any locale (`1,000`, `1.000`, `1 000`), CJK counting characters (`3,000 万`),
//! each with whether a translation may write it otherwise (a one-digit number as a word, a
//! date's month as a name). Read once per file when it is parsed; `number-mismatch` compares
//! them across locales.

use std::ops::Range;

use crate::locale;
use crate::model::{Body, StructureKind};

/// A number as written in a file, and the value it is compared by.
#[derive(Debug, Clone)]
pub struct Number {
    /// The section of the body it is in.
    pub section: usize,
    /// ASCII digits, no leading zeros, thousands groups joined: `1,000`, `1.000`, `1 000`,
    /// `١٬٠٠٠` and `１０００` are all `1000`.
    pub value: String,
    pub span: Range<usize>,
    /// Not required of a translation, though it counts where a translation has it: one digit
    /// (translations write small numbers as words: `deux`, Arabic's dual), a date's day or
    /// month (`5/14/2019`: the month may become a word), digits glued to Latin letters (`x64`,
    /// `CAPI2`, `30GB`, the `999e` of a GUID).
    pub optional: bool,
}

/// The value of a decimal digit of any script Unicode gives a run of ten to (ASCII,
/// Arabic-Indic, Persian, Devanagari, Bengali, Thai, Myanmar, Khmer, full width).
pub fn digit(c: char) -> Option<u8> {
    const ZEROS: [u32; 9] = [
        0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1040, 0x17E0, 0xFF10,
    ];
    let c = u32::from(c);
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&c))
        .and_then(|&zero| u8::try_from(c - zero).ok())
}

/// Languages that group thousands with a plain space (`2 500`); the others may write a plain
/// space between two numbers (`Windows 10 365`), which must stay two numbers.
fn groups_with_space(language: &str) -> bool {
    matches!(
        language,
        "fr" | "ru"
            | "uk"
            | "pl"
            | "sv"
            | "sl"
            | "lv"
            | "lt"
            | "et"
            | "fi"
            | "cs"
            | "sk"
            | "hu"
            | "bg"
            | "nb"
            | "no"
            | "nn"
            | "kk"
            | "be"
    )
}

/// A character that groups thousands, in any locale, when three digits follow it.
fn is_group_separator(c: char, space_groups: bool) -> bool {
    matches!(
        c,
        ',' | '.' | '\'' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\u{66C}'
    ) || (c == ' ' && space_groups)
}

/// The bytes that can start what `numbers` reads: a digit (ASCII, or the lead byte of another
/// script's), a tag, a URL (`http`, `www.`).
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let mut b: u8 = 0;
    loop {
        table[b as usize] = b.is_ascii_digit()
            || matches!(b, b'<' | b'h' | b'w' | 0xD9 | 0xDB | 0xE0 | 0xE1 | 0xEF);
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

/// Whether `bytes` start with the UTF-8 of a digit outside ASCII (`digit`).
fn starts_a_digit(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xD9, 0xA0..=0xA9, ..]
            | [0xDB, 0xB0..=0xB9, ..]
            | [0xE0, 0xA5 | 0xA7, 0xA6..=0xAF, ..]
            | [0xE0, 0xB9, 0x90..=0x99, ..]
            | [0xE1, 0x81, 0x80..=0x89, ..]
            | [0xE1, 0x9F, 0xA0..=0xA9, ..]
            | [0xEF, 0xBC, 0x90..=0x99, ..]
    )
}

/// The numbers of `text[range]`, an inline run of text (the parser leaves list numbering out of
/// it), skipping `skip` (sorted, disjoint), HTML tags and URLs written as text.
fn numbers(
    text: &str,
    range: Range<usize>,
    skip: &[Range<usize>],
    space_groups: bool,
) -> Vec<Number> {
    let mut found = Vec::new();
    let hay = &text[range.clone()];
    let base = range.start;
    let bytes = hay.as_bytes();
    let mut skip_at = skip.partition_point(|s| s.end <= base);
    let mut offset = 0;
    while offset < bytes.len() {
        // Only a few bytes can start what is read; the rest is passed over without decoding.
        let Some(next) = bytes[offset..]
            .iter()
            .position(|&b| INTERESTING[usize::from(b)])
        else {
            break;
        };
        offset += next;
        // `h` and `w` matter only where a URL starts.
        let url = match bytes[offset] {
            b'h' => bytes[offset..].starts_with(b"http"),
            b'w' => bytes[offset..].starts_with(b"www."),
            _ => true,
        };
        // A lead byte begins another script's digit only in a few sequences: the letters of
        // Thai, Arabic and the other scripts are passed over without decoding them.
        if !url || (bytes[offset] >= 0x80 && !starts_a_digit(&bytes[offset..])) {
            offset += 1;
            continue;
        }
        let at = base + offset;
        while skip_at < skip.len() && skip[skip_at].end <= at {
            skip_at += 1;
        }
        if let Some(skipped) = skip.get(skip_at).filter(|s| s.contains(&at)) {
            offset = (skipped.end - base).min(bytes.len());
            continue;
        }
        let Some(c) = hay[offset..].chars().next() else {
            break;
        };
        let tag = if c == '<' { tag_len(&hay[offset..]) } else { 0 };
        if tag > 0 {
            offset += tag;
            continue;
        }
        if hay[offset..].starts_with("http") || hay[offset..].starts_with("www.") {
            // A URL written as text: up to the next white space.
            offset += hay[offset..]
                .find(|ch: char| ch.is_whitespace() || matches!(ch, ')' | ']' | '>' | '"'))
                .unwrap_or(hay.len() - offset);
            continue;
        }
        if digit(c).is_none() {
            offset += c.len_utf8();
            continue;
        }
        let start = offset;
        let previous = hay[..offset].chars().next_back();
        let glued = previous.is_some_and(|p| p.is_ascii_alphabetic() || p == '_');
        // The token: digits and the separators between them.
        let mut end = offset + c.len_utf8();
        let mut parts: Vec<(String, char)> = vec![(String::new(), '\0')];
        parts[0].0.push(char::from(b'0' + digit(c).unwrap_or(0)));
        loop {
            let rest = &hay[end..];
            let mut it = rest.chars();
            match it.next() {
                Some(d) if digit(d).is_some() => {
                    if let Some(last) = parts.last_mut() {
                        last.0.push(char::from(b'0' + digit(d).unwrap_or(0)));
                    }
                    end += d.len_utf8();
                }
                Some(sep)
                    if matches!(sep, ',' | '.' | '/' | '-' | ':' | '\u{66B}')
                        || is_group_separator(sep, space_groups) =>
                {
                    if it.next().is_none_or(|d| digit(d).is_none()) {
                        break;
                    }
                    parts.push((String::new(), sep));
                    end += sep.len_utf8();
                }
                _ => break,
            }
        }
        offset = end;
        let glued = glued
            || hay[end..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '_');
        // `100 %` is often translated as "all" or "fully".
        let whole = hay[end..]
            .trim_start_matches([' ', '\u{A0}', '\u{202F}'])
            .starts_with('%')
            && parts.len() == 1
            && parts[0].0 == "100";
        let after = hay[end..].trim_start_matches([' ', '\u{A0}']);
        // `11月`, `11월`: a month, which other languages write as a word.
        let month = after.starts_with(['月', '월']);
        let mut values = values(&parts, space_groups);
        // `3천만`, `3,000 万`: counted in thousands and ten thousands.
        let (scale, scale_len) = cjk_scale(after);
        if scale > 0 && values.len() == 1 {
            values[0].0.push_str(&"0".repeat(scale));
            offset = end + (hay.len() - end - after.len()) + scale_len;
        }
        found.extend(values.into_iter().map(|(value, optional)| Number {
            optional: optional || glued || whole || month || value.len() == 1,
            value,
            span: base + start..base + end,
            section: 0,
        }));
    }
    found
}

/// The powers of ten that CJK number characters after a number multiply it by (`千` 3, `万` 4,
/// `千万` 7), and their length in bytes.
fn cjk_scale(after: &str) -> (usize, usize) {
    let mut scale = 0;
    let mut len = 0;
    for c in after.chars() {
        scale += match c {
            '百' | '백' => 2,
            '千' | '천' | '仟' => 3,
            '万' | '萬' | '만' => 4,
            '亿' | '億' | '억' => 8,
            _ => break,
        };
        len += c.len_utf8();
    }
    (scale, len)
}

/// An HTML tag or comment at the start of `s`: its length, or 0.
fn tag_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |n| n + 3);
    }
    if bytes.len() < 2 || !(bytes[1].is_ascii_alphabetic() || bytes[1] == b'/') {
        return 0;
    }
    match s.find(['>', '\n']) {
        Some(n) if bytes[n] == b'>' => n + 1,
        _ => 0,
    }
}

/// The values a token stands for: one number when its separators group thousands, else each
/// part (`2.5` is 2 and 5, so that `2,5` matches it; `16.0.4266.1001` is four numbers; a date's
/// day and month are optional).
fn values(parts: &[(String, char)], space_groups: bool) -> Vec<(String, bool)> {
    let trim = |s: &str| {
        let t = s.trim_start_matches('0');
        if t.is_empty() {
            "0".to_owned()
        } else {
            t.to_owned()
        }
    };
    // Thousands: every part after the first has exactly three digits, the first one to three,
    // and the separators are one grouping character.
    let sep = parts.get(1).map(|p| p.1);
    let grouped = parts.len() > 1
        && sep.is_some_and(|s| is_group_separator(s, space_groups))
        && parts
            .iter()
            .skip(1)
            .all(|p| Some(p.1) == sep && p.0.len() == 3)
        && (1..=3).contains(&parts[0].0.len());
    if grouped {
        let joined: String = parts.iter().map(|p| p.0.as_str()).collect();
        return vec![(trim(&joined), false)];
    }
    // A date: a four-digit year among two other parts, joined by `/`, `-` or `.`.
    let joined_as_date = parts.iter().skip(1).all(|p| matches!(p.1, '/' | '-' | '.'));
    let date = parts.len() == 3
        && joined_as_date
        && parts.iter().any(|p| p.0.len() == 4)
        && parts.iter().filter(|p| p.0.len() <= 2).count() == 2;
    // `10/3`: a month and a day, which other languages write with the month's name.
    let month_day = parts.len() == 2 && parts[1].1 == '/' && parts.iter().all(|p| p.0.len() <= 2);
    // `02.02.09`: a date with a two-digit year, which stands for the four-digit one too.
    if parts.len() == 3 && joined_as_date && parts.iter().all(|p| p.0.len() <= 2) {
        let mut all: Vec<(String, bool)> = parts.iter().map(|p| (trim(&p.0), true)).collect();
        let year = &parts[2].0;
        if year.len() == 2 {
            let century = if year.as_str() < "50" { "20" } else { "19" };
            all.push((format!("{century}{year}"), true));
        }
        return all;
    }
    // A time (`18:00`, `6:00 PM`): locales write the hour in 12 or 24 hours.
    let time = parts.iter().skip(1).any(|p| p.1 == ':');
    parts
        .iter()
        .map(|p| (trim(&p.0), time || month_day || date && p.0.len() <= 2))
        .collect()
}

/// What is not text in a body: link targets and code, sorted by start.
fn skipped(body: &Body) -> Vec<Range<usize>> {
    let mut skip: Vec<Range<usize>> = body
        .links
        .iter()
        .map(|l| l.url_span.clone())
        .chain(body.code.iter().map(|c| c.span.clone()))
        .collect();
    skip.sort_unstable_by_key(|r| r.start);
    skip
}

/// Whether `bytes` may hold a digit: an ASCII one, or the lead byte of the other scripts' digits
/// (`digit`: U+0660…, U+06F0…, U+0966…, U+09E6…, U+0E50…, U+1040…, U+17E0…, U+FF10…). Most
/// blocks have none, and are not decoded.
fn may_hold_digits(bytes: &[u8]) -> bool {
    // A chunk at a time, without a branch per byte: the test of a whole chunk is vectorized.
    bytes.chunks(32).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | b.is_ascii_digit() | matches!(b, 0xD9 | 0xDB | 0xE0 | 0xE1 | 0xEF)
        })
    })
}

/// The numbers of a body's text, in order, each with its section: read once when the file is
/// parsed. `locale` decides whether a plain space groups thousands.
pub fn read(text: &str, body: &Body, locale: Option<&str>) -> Vec<Number> {
    let space_groups = groups_with_space(locale.map_or("", locale::language));
    let skip = skipped(body);
    let mut found = Vec::new();
    for block in body
        .blocks
        .iter()
        .filter(|b| may_hold_digits(&text.as_bytes()[b.span.clone()]))
    {
        found.extend(
            numbers(text, block.span.clone(), &skip, space_groups)
                .into_iter()
                .map(|n| Number {
                    section: block.section,
                    ..n
                }),
        );
    }
    // A numbered list that starts at another number than 1 shows it: a line that begins with
    // a date (`2021. gada`, `21. aprīlī`) is one.
    for list in body
        .structures
        .iter()
        .filter(|s| s.kind == StructureKind::OrderedList)
    {
        found.extend(
            numbers(text, list.span.clone(), &[], space_groups)
                .into_iter()
                .filter(|n| n.value != "1")
                .map(|n| Number {
                    section: list.section,
                    optional: true,
                    ..n
                }),
        );
    }
    found.sort_by_key(|n| n.span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_bytes_of_a_digit_are_told_as_decoding_tells_them() {
        let mut buffer = [0u8; 4];
        for c in (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
        {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert_eq!(starts_a_digit(bytes), digit(c).is_some(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_chunked_look_for_digits_answers_as_a_byte_by_byte_one(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    60 => proptest::sample::select(b"abc .,<>/:\xC3\xA9".to_vec()),
                    1 => proptest::sample::select(b"09\xD9\xDB\xE0\xE1\xEF\xDA\xEE\xDC".to_vec()),
                    1 => proptest::num::u8::ANY,
                ],
                0..200,
            )
        ) {
            let byte_by_byte = bytes
                .iter()
                .any(|&b| b.is_ascii_digit() || matches!(b, 0xD9 | 0xDB | 0xE0 | 0xE1 | 0xEF));
            proptest::prop_assert_eq!(may_hold_digits(&bytes), byte_by_byte);
        }
    }

    fn values_of(text: &str, language: &str) -> Vec<String> {
        numbers(text, 0..text.len(), &[], groups_with_space(language))
            .into_iter()
            .filter(|n| !n.optional)
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn thousands_are_one_number_in_every_locale() {
        for (text, language) in [
            ("up to 1,000 users", "en"),
            ("bis zu 1.000 Benutzer", "de"),
            ("jusqu'à 1 000 utilisateurs", "fr"),
            ("jusqu'à 1\u{A0}000 utilisateurs", "fr"),
            ("jusqu'à 1\u{202F}000 utilisateurs", "fr"),
            ("حتى ١٬٠٠٠ مستخدم", "ar"),
            ("最大 １０００ ユーザー", "ja"),
            ("up to 1000 users", "en"),
        ] {
            assert_eq!(values_of(text, language), ["1000"], "{text}");
        }
        assert_eq!(values_of("1,000,000", "en"), ["1000000"]);
    }

    #[test]
    fn decimals_versions_and_lists_of_numbers_stay_apart() {
        assert_eq!(values_of("12.5 GB", "en"), values_of("12,5 GB", "de"));
        assert_ne!(values_of("1,5", "de"), values_of("15", "de"));
        assert_eq!(values_of("16.0.4266.1001", "en"), ["16", "4266", "1001"]);
        assert_eq!(values_of("Windows 10 365", "en"), ["10", "365"]);
        // One digit is not required: translations write it as a word.
        assert!(values_of("1, 2, 3", "en").is_empty());
        assert_eq!(values_of("50 %", "fr"), values_of("50%", "en"));
        assert_eq!(values_of("٣٠ يومًا", "ar"), ["30"]);
        assert_eq!(values_of("๓๐ วัน", "th"), ["30"]);
    }

    #[test]
    fn cjk_counts_and_months() {
        assert_eq!(values_of("最大 3,000 万のファイル", "ja"), ["30000000"]);
        assert_eq!(values_of("최대 3천만 개의 항목", "ko"), ["30000000"]);
        assert!(values_of("2019 年 11 月", "ja").contains(&"2019".to_owned()));
        assert!(!values_of("2020년 11월 1일", "ko").contains(&"11".to_owned()));
    }

    #[test]
    fn dates_without_a_year_or_with_two_digits_of_it() {
        assert!(values_of("on 10/3 and 10/9", "en").is_empty());
        let all: Vec<String> = numbers("02.02.09", 0..8, &[], false)
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert!(all.contains(&"2009".to_owned()), "{all:?}");
    }

    #[test]
    fn a_dates_day_and_month_are_optional_and_its_year_is_not() {
        let all = numbers("5/14/2019", 0..9, &[], false);
        let required: Vec<&str> = all
            .iter()
            .filter(|n| !n.optional)
            .map(|n| n.value.as_str())
            .collect();
        assert_eq!(required, ["2019"]);
        assert_eq!(values_of("am 14. Mai 2019", "de"), ["14", "2019"]);
    }

    #[test]
    fn what_is_not_a_number_of_the_text() {
        assert!(values_of("x64 Office365 KB4549949 H264 30GB 999e", "en").is_empty());
        assert!(values_of("see https://aka.ms/x123 and www.example.com/2", "en").is_empty());
        assert!(values_of("<a name=\"step-2\"></a><!-- 3 -->", "en").is_empty());
    }

    #[test]
    fn each_number_spans_what_is_written() {
        let text = "Office 2013 und <b>1.000</b> Benutzer, `42` 3천만";
        let found = numbers(text, 0..text.len(), &[], false);
        let written: Vec<&str> = found.iter().map(|n| &text[n.span.clone()]).collect();
        assert_eq!(written, ["2013", "1.000", "42", "3"]);
        let code = text.find('`').unwrap_or(0)..text.rfind('`').unwrap_or(0) + 1;
        let found = numbers(text, 0..text.len(), std::slice::from_ref(&code), false);
        assert!(found.iter().all(|n| n.value != "42"));
    }
}
