//! Terms that must stay as written: product names, acronyms and UI strings. How they are found in
//! text (Latin-script tokens), how a name is told from a word, and where a locale wrote something
//! else in a term's place. Owns no comparison between files: `rules/term_altered.rs` does that.

use crate::text::{is_letter, is_letter_or_digit};
use std::ops::Range;
use std::sync::LazyLock;

/// How strongly a token's shape says "name": `Strong` shapes (`CamelCase`, `Outlook.com`, `M365`,
/// known brands) are names on their own; an `Acronym` nearly so; a `Weak` one (a capitalized word)
/// only when every locale keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    None,
    Weak,
    /// All capitals (`MFA`, `URL`): some languages have their own acronym for some of them.
    Acronym,
    Strong,
}

/// Words that start product names.
pub const BRANDS: &[&str] = &[
    "Azure",
    "Bing",
    "Cortana",
    "Defender",
    "Dynamics",
    "Edge",
    "Excel",
    "Exchange",
    "Intune",
    "Microsoft",
    "OneDrive",
    "OneNote",
    "Outlook",
    "PowerPoint",
    "Publisher",
    "SharePoint",
    "Skype",
    "Surface",
    "Teams",
    "Visio",
    "Windows",
    "Xbox",
    "Yammer",
];

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..'\u{250}').contains(&c) && is_letter(c))
}

/// Bytes that may open a token (ASCII letters and digits, the lead bytes of U+00C0..U+027F) or
/// an HTML tag.
const OPENS: [bool; 256] = {
    let mut opens = [false; 256];
    let mut b: u8 = 0;
    loop {
        opens[b as usize] = b.is_ascii_alphanumeric() || b == b'<' || matches!(b, 0xC3..=0xC9);
        if b == u8::MAX {
            break opens;
        }
        b += 1;
    }
};

/// The ranges of `skip` (sorted by start) that end after `start`, in order.
fn skipped_from(
    skip: &[Range<usize>],
    start: usize,
) -> std::iter::Peekable<std::slice::Iter<'_, Range<usize>>> {
    skip[skip.partition_point(|s| s.end <= start)..]
        .iter()
        .peekable()
}

/// Where reading goes on after the skipped range `s` met at `i`: its end (at least one byte on,
/// at most `end`), at a character boundary.
fn past(text: &str, s: &Range<usize>, i: usize, end: usize) -> usize {
    let mut i = s.end.min(end).max(i + 1);
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The Latin-script tokens of `text[range]`, as byte ranges of `text`: letter and digit runs, with
/// a dot kept between letters (`Outlook.com`). `skip` (sorted by start) are ranges to leave out
/// (URLs, code); HTML tags are left out too. Hyphens and apostrophes split (`MFA-Azure`,
/// `Azure'da`).
pub fn tokens(
    text: &str,
    range: Range<usize>,
    skip: &[Range<usize>],
    mut each: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    let mut skip = skipped_from(skip, range.start);
    let mut i = range.start;
    let mut start: Option<usize> = None;
    while i < range.end {
        while skip.peek().is_some_and(|s| s.end <= i) {
            skip.next();
        }
        if let Some(s) = skip.peek()
            && s.start <= i
        {
            if let Some(st) = start.take() {
                each(st..i);
            }
            i = past(text, s, i, range.end);
            continue;
        }
        // Up to the next skipped range, the bytes need no look at `skip`.
        let limit = skip.peek().map_or(range.end, |s| s.start.min(range.end));
        while i < limit {
            // Runs first: outside a token, only a byte that opens one or a tag matters; inside,
            // ASCII letters and digits just go on.
            let run = if start.is_none() {
                bytes[i..limit].iter().position(|&b| OPENS[usize::from(b)])
            } else {
                bytes[i..limit]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
            };
            let Some(n) = run else {
                i = limit;
                break;
            };
            i += n;
            // Bytes next: most text is ASCII, or letters of other scripts that are never tokens.
            let b = bytes[i];
            let len = match b {
                0..0x80 => 1,
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let token = if b < 0x80 {
                b.is_ascii_alphanumeric()
            } else {
                (0xC3..=0xC9).contains(&b) && text[i..].chars().next().is_some_and(is_token_char)
            };
            if token {
                start.get_or_insert(i);
            } else if b == b'.'
                && start.is_some()
                && i + 1 < range.end
                && bytes[i + 1].is_ascii_alphabetic()
            {
                // `Outlook.com`: part of the token.
            } else {
                if let Some(st) = start.take() {
                    each(st..i);
                }
                if b == b'<'
                    && bytes
                        .get(i + 1)
                        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
                {
                    // An HTML tag or comment: its attributes are not text.
                    if let Some(end) = text[i..range.end].find('>') {
                        i += end + 1;
                        continue;
                    }
                }
            }
            i += len;
        }
    }
    if let Some(st) = start {
        each(st..range.end);
    }
}

/// The tokens of `tokens` that hold an ASCII capital or a digit, as every name-shaped one does,
/// found without going through the others: from each capital or digit outside a tag, out to
/// both ends of its token.
pub fn name_tokens(
    text: &str,
    range: Range<usize>,
    skip: &[Range<usize>],
    mut each: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    let mut skip = skipped_from(skip, range.start);
    let mut i = range.start;
    while i < range.end {
        while skip.peek().is_some_and(|s| s.end <= i) {
            skip.next();
        }
        if let Some(s) = skip.peek()
            && s.start <= i
        {
            i = past(text, s, i, range.end);
            continue;
        }
        // A token neither starts before `floor` (the start of text, the end of a tag or of a
        // token) nor runs past `limit` (the next skipped range).
        let limit = skip.peek().map_or(range.end, |s| s.start.min(range.end));
        while i < limit {
            let Some(n) = first_namely(&bytes[i..limit]) else {
                i = limit;
                break;
            };
            let (floor, at) = (i, i + n);
            if bytes[at] == b'<' {
                i = at + 1;
                if bytes
                    .get(at + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
                    && let Some(end) = text[at..range.end].find('>')
                {
                    // An HTML tag or comment: its attributes are not text.
                    i = at + end + 1;
                }
                continue;
            }
            let start = token_start(text, floor, at);
            let end = token_end(text, at, limit, range.end);
            each(start..end);
            i = end;
        }
    }
}

/// The first byte of `bytes` that may be in a name-shaped token (an ASCII capital or digit) or
/// open an HTML tag: found a chunk at a time, the test of a whole chunk
/// without a branch per byte (vectorized), and then in the chunk that has one.
fn first_namely(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let namely = |b: u8| matches!(b, b'A'..=b'Z' | b'0'..=b'9' | b'<');
    bytes.chunks(CHUNK).enumerate().find_map(|(k, chunk)| {
        let any = chunk.iter().fold(false, |found, &b| found | namely(b));
        any.then(|| k * CHUNK + chunk.iter().position(|&b| namely(b)).unwrap_or(0))
    })
}

/// Where the token that holds the byte at `at` starts, at `floor` at the earliest (`tokens`'
/// rules read backwards: token characters, and a dot between a token character and a letter).
fn token_start(text: &str, floor: usize, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > floor {
        let Some(c) = text[floor..start].chars().next_back() else {
            break;
        };
        let before_dot = || text[floor..start - 1].chars().next_back();
        if is_token_char(c)
            || (c == '.'
                && bytes[start].is_ascii_alphabetic()
                && before_dot().is_some_and(is_token_char))
        {
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    start
}

/// Where the token that holds the byte at `at` ends: before `limit`, a dot kept when a letter
/// follows it (before `end`).
fn token_end(text: &str, at: usize, limit: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < limit {
        let b = bytes[i];
        if b.is_ascii_alphanumeric()
            || (b == b'.' && i + 1 < end && bytes[i + 1].is_ascii_alphabetic())
        {
            i += 1;
        } else if (0xC3..=0xC9).contains(&b)
            && let Some(c) = text[i..].chars().next().filter(|&c| is_token_char(c))
        {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// What a token's shape says about it being a name.
pub fn shape(token: &str) -> Shape {
    let letters = token.chars().filter(char::is_ascii_alphabetic).count();
    if letters < 2 || token.chars().any(|c| !c.is_ascii() && is_letter(c)) {
        return Shape::None;
    }
    let upper = token.chars().filter(char::is_ascii_uppercase).count();
    let first = token.chars().next().unwrap_or(' ');
    if first.is_ascii_lowercase() {
        // `iPhone`, `eDiscovery`: a capital inside a lowercase start.
        return if upper > 0 {
            Shape::Strong
        } else {
            Shape::None
        };
    }
    if upper >= 2 && upper == letters && !token.contains('.') {
        Shape::Acronym
    } else if upper >= 2
        || token.contains('.')
        || token.chars().any(|c| c.is_ascii_digit())
        || BRANDS.contains(&token)
    {
        Shape::Strong
    } else if first.is_ascii_uppercase() {
        Shape::Weak
    } else {
        Shape::None
    }
}

/// Whether `token`, written in a locale, is the term `term`: the same, or for a Latin-script
/// language the term with an inflection or compound tail of lowercase letters (`Outlooku`,
/// `Azure-Abonnement` is split before this).
pub fn is_form_of(token: &str, term: &str, latin_language: bool) -> bool {
    token == term
        || (latin_language
            && token.len() > term.len()
            && token.starts_with(term)
            && token[term.len()..].chars().all(char::is_lowercase))
}

/// `term` written with spaces inside (`Outlook .com`, `Share Point`) in `text[range]`.
pub fn spaced(text: &str, range: Range<usize>, term: &str) -> Option<Range<usize>> {
    let hay = &text[range.clone()];
    let first = term.chars().next()?;
    for (at, _) in hay.match_indices(first) {
        let mut chars = hay[at..].char_indices();
        let mut spaces = 0;
        let mut end = None;
        let mut want = term.chars().peekable();
        for (off, c) in chars.by_ref() {
            match want.peek() {
                Some(&w) if w == c => {
                    want.next();
                    if want.peek().is_none() {
                        end = Some(off + c.len_utf8());
                        break;
                    }
                }
                Some(_) if (c == ' ' || c == '\u{A0}') && off > 0 && spaces < 2 => spaces += 1,
                _ => break,
            }
        }
        if let Some(end) = end
            && spaces > 0
        {
            return Some(range.start + at..range.start + at + end);
        }
    }
    None
}

/// Edit distance, for short strings.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Whether `distance(a, b) <= 1`, without the table: after the common start, the rest of the
/// two must be the same but for one letter changed, added or dropped.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return distance(a, b) <= 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let common = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    let rest = |x: &[u8], y: &[u8]| x.eq_ignore_ascii_case(y);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => common == a.len() || rest(&a[common + 1..], &b[common + 1..]),
        std::cmp::Ordering::Greater => rest(&a[common + 1..], &b[common..]),
        std::cmp::Ordering::Less => rest(&a[common..], &b[common + 1..]),
    }
}

/// A mangled spelling of `term` (`Intuned` for `Intune`): close, but not the term.
pub fn is_misspelling(token: &str, term: &str) -> bool {
    let len = term.chars().count();
    let allowed = match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    token != term && allowed > 0 && distance(token, term) <= allowed
}

/// What separates words: spaces and Markdown's brackets, emphasis and quotes.
fn is_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '[' | ']' | '(' | ')' | '*' | '"' | '“' | '”' | '「' | '」'
        )
}

/// The word around `at` in `text[range]`, trimmed of punctuation.
pub fn word_at(text: &str, range: &Range<usize>, at: usize) -> Range<usize> {
    let hay = &text[range.clone()];
    let rel = at - range.start;
    let start = hay[..rel]
        .rfind(is_break)
        .map_or(0, |i| i + hay[i..].chars().next().map_or(1, char::len_utf8));
    let end = hay[rel..].find(is_break).map_or(hay.len(), |i| rel + i);
    trim_word(text, range.start + start..range.start + end)
}

fn trim_word(text: &str, mut word: Range<usize>) -> Range<usize> {
    let punct = |c: char| !is_letter_or_digit(c);
    while let Some(c) = text[word.clone()].chars().next().filter(|&c| punct(c)) {
        word.start += c.len_utf8();
    }
    while let Some(c) = text[word.clone()].chars().next_back().filter(|&c| punct(c)) {
        word.end -= c.len_utf8();
    }
    word
}

/// The words of `text[range]`, trimmed of punctuation, empty ones left out.
pub fn words(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if is_break(c) {
            if let Some(s) = start.take() {
                out.push(trim_word(text, s..at));
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        out.push(trim_word(text, s..range.end));
    }
    out.retain(|w| !w.is_empty());
    out
}

/// The hyphen-separated parts of a word (`MFA-Azure`), as ranges.
pub fn parts(text: &str, word: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = word.start;
    for (i, c) in text[word.clone()].char_indices() {
        if c == '-' || c == '–' {
            out.push(start..word.start + i);
            start = word.start + i + c.len_utf8();
        }
    }
    out.push(start..word.end);
    out.retain(|p| !p.is_empty());
    out
}

/// A name's consonants, the part that survives transliteration: lowercase Latin letters with the
/// vowels (and letters that often stand for them) dropped, and sounds that scripts merge made one
/// (`c`/`k`/`g`, the labials, `r`/`l`, `s`/`z`, `d`/`t`). `Microsoft`, `Майкрософт`, `מיקרוסופט`,
/// `مايكروسوفت`, `マイクロソフト` and `마이크로소프트` all give `mklspt`.
pub fn skeleton(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if is_own_lower_case(c) {
            push_sound(&mut out, c);
        } else if c.is_ascii() {
            push_sound(&mut out, c.to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                push_sound(&mut out, lower);
            }
        }
    }
    out
}

/// Whether `c` is its own lower case, among the letters `skeleton` reads most: ASCII lower case,
/// lower-case Greek and Cyrillic, and the scripts without case (Hebrew, Arabic, katakana,
/// Hangul). Told by range, without the look-up of `char::to_lowercase`.
fn is_own_lower_case(c: char) -> bool {
    matches!(
        c,
        'a'..='z'
            | '\u{3AC}'..='\u{3CE}'
            | '\u{430}'..='\u{45F}'
            | '\u{590}'..='\u{6FF}'
            | '\u{30A0}'..='\u{30FF}'
            | '\u{AC00}'..='\u{D7A3}'
    )
}

/// Appends the consonants a lower-case character sounds (`skeleton`).
fn push_sound(out: &mut String, c: char) {
    let mut ascii = [0u8; 4];
    let latin: &str = match c {
        'a'..='z' => c.encode_utf8(&mut ascii),
        '\u{30A0}'..='\u{30FF}' => katakana(c),
        '\u{AC00}'..='\u{D7A3}' => {
            hangul(c, out);
            return;
        }
        // Every letter of `LETTERS` is Greek, Cyrillic, Hebrew or Arabic.
        SOUNDS_FROM..=SOUNDS_TO => letter_sound(c),
        _ => "",
    };
    push_consonants(out, latin);
}

/// Consonants of the Cyrillic, Greek, Hebrew and Arabic alphabets, by their Latin sound. Hebrew
/// א ה ו י ע and Arabic ا و ي ى stand for vowels as often as not and are left out.
const LETTERS: &[(&str, &str)] = &[
    ("бבب", "b"),
    ("вβ", "v"),
    ("гґγגغ", "g"),
    ("дδדدض", "d"),
    ("ж", "zh"),
    ("зζזذزظ", "z"),
    ("кκכךקقك", "k"),
    ("лλלل", "l"),
    ("мμמםم", "m"),
    ("нνנןن", "n"),
    ("пπפף", "p"),
    ("рρרر", "r"),
    ("сσςסسص", "s"),
    ("тτטתتط", "t"),
    ("фφف", "f"),
    ("хχחحهخ", "h"),
    ("цצץ", "ts"),
    ("ч", "ch"),
    ("шщשش", "sh"),
    ("θث", "th"),
    ("ξ", "ks"),
    ("ψ", "ps"),
    ("ج", "j"),
];

/// The first and last letter `LETTER_SOUNDS` has a place for: Greek to Arabic.
const SOUNDS_FROM: char = '\u{370}';
const SOUNDS_TO: char = '\u{6FF}';

/// `LETTERS` by letter, indexed from `SOUNDS_FROM` (the first entry that has a letter gives
/// its sound; "" for none).
static LETTER_SOUNDS: LazyLock<Box<[&'static str]>> = LazyLock::new(|| {
    let mut sounds = vec![""; (u32::from(SOUNDS_TO) - u32::from(SOUNDS_FROM) + 1) as usize];
    for (letters, latin) in LETTERS {
        for c in letters.chars() {
            let slot = (u32::from(c).checked_sub(u32::from(SOUNDS_FROM)))
                .and_then(|i| sounds.get_mut(i as usize));
            if let Some(slot) = slot.filter(|s| s.is_empty()) {
                *slot = latin;
            }
        }
    }
    sounds.into_boxed_slice()
});

/// The Latin sound of a Greek, Cyrillic, Hebrew or Arabic letter; "" for any other character.
fn letter_sound(c: char) -> &'static str {
    (u32::from(c).checked_sub(u32::from(SOUNDS_FROM)))
        .and_then(|i| LETTER_SOUNDS.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// Appends the consonants of a Latin spelling, merged as `skeleton` describes.
fn push_consonants(out: &mut String, latin: &str) {
    for l in latin.chars() {
        let l = match l {
            'c' | 'q' | 'g' => 'k',
            'f' | 'v' | 'w' | 'b' => 'p',
            'r' => 'l',
            'z' => 's',
            'd' => 't',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'j' => continue,
            l => l,
        };
        if !out.ends_with(l) {
            out.push(l);
        }
    }
}

/// A katakana letter's consonant (the script Japanese writes loanwords in).
fn katakana(c: char) -> &'static str {
    match c {
        'カ'..='ゴ' => "k",
        'サ'..='ゾ' => "s",
        'タ'..='ド' => "t",
        'ナ'..='ノ' | 'ン' => "n",
        'ハ'..='ポ' => {
            // ハ, バ, パ come in threes: h, b, p.
            match (u32::from(c) - u32::from('ハ')) % 3 {
                0 => "h",
                1 => "b",
                _ => "p",
            }
        }
        'マ'..='モ' => "m",
        'ラ'..='ロ' => "r",
        'ヴ' => "v",
        _ => "",
    }
}

/// A Hangul syllable's consonants: its initial and its final, as loanwords use them.
fn hangul(c: char, out: &mut String) {
    const INITIAL: [&str; 19] = [
        "k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "", "j", "j", "ch", "k", "t", "p",
        "h",
    ];
    const FINAL: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "s", "t", "p", "l", "m", "p",
        "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
    ];
    let index = u32::from(c) - 0xAC00;
    let initial = (index / 588) as usize;
    let last = (index % 28) as usize;
    push_consonants(out, INITIAL[initial]);
    push_consonants(out, FINAL[last]);
}

/// Whether `word`, in a script other than Latin, is `term` transliterated (`Майкрософт` for
/// `Microsoft`): a locale's own spelling of a name keeps the name.
pub fn transliterates(word: &str, term: &str) -> bool {
    if word.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let theirs = skeleton(term);
    if theirs.len() < 3 {
        return false;
    }
    same_skeleton(&skeleton(word), &theirs)
}

/// Whether `text` has a letter `skeleton` reads (Greek to Arabic, katakana, Hangul, and the
/// two letters outside ASCII whose lower case is ASCII, `İ` and the Kelvin sign): judged on the
/// UTF-8 lead bytes of wider blocks, so that a text without one (Thai, Chinese) is passed over
/// without decoding it.
pub fn may_transliterate(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, 0xC4 | 0xCD..=0xDB | 0xEA..=0xED)
            || (b == 0xE3 && matches!(bytes.get(i + 1), Some(0x81..=0x83)))
            || (b == 0xE2 && bytes.get(i + 1) == Some(&0x84))
    })
}

/// Whether a word's skeleton spells a term's (`skeleton` of both): the same, one consonant off
/// for a long name, or the name with a particle or a compound (`아웃룩에서`).
pub fn same_skeleton(mine: &str, theirs: &str) -> bool {
    theirs.len() >= 3
        && (mine == theirs
            || (theirs.len() >= 5 && within_one_edit(mine, theirs))
            || (mine.len() <= 2 * theirs.len() + 2 && mine.contains(theirs)))
}

/// The runs of one script in a word written without spaces (`Outlookのアーカイブ`): Latin,
/// katakana, Hangul, and other alphabets, each apart; ideographs and kana particles left out.
pub fn script_runs(word: &str) -> Vec<&str> {
    let class = |c: char| -> u8 {
        match c {
            _ if c.is_ascii_alphanumeric() => 1,
            '\u{30A0}'..='\u{30FF}' => 2,
            '\u{AC00}'..='\u{D7A3}' => 3,
            '\u{3040}'..='\u{309F}' | '\u{4E00}'..='\u{9FFF}' => 0,
            _ if is_letter(c) => 4,
            _ => 0,
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (i, c) in word.char_indices() {
        let k = class(c);
        if Some(k) != current {
            if let Some(prev) = current
                && prev != 0
            {
                out.push(&word[start..i]);
            }
            start = i;
            current = Some(k);
        }
    }
    if let Some(prev) = current
        && prev != 0
    {
        out.push(&word[start..]);
    }
    out
}

/// The skeletons (`skeleton`) that the words of `text` in other scripts than Latin may spell a
/// name with: of each run of one script (`script_runs`) without a Latin letter, those that are
/// not empty (an empty one spells no name). A text without a letter `skeleton` reads has none.
pub fn skeletons(text: &str) -> Vec<String> {
    if !may_transliterate(text) {
        return Vec::new();
    }
    // The breaks between words are no script's letters: the runs of the whole text are the
    // runs of its words.
    script_runs(text)
        .into_iter()
        .filter(|run| !run.bytes().any(|b| b.is_ascii_alphabetic()))
        .map(skeleton)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether every space in `text` stands between a letter and a digit (`Windows 10`).
pub fn spaced_only_at_digits(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().all(|(i, &c)| {
        if c != ' ' && c != '\u{A0}' {
            return true;
        }
        let (Some(&a), Some(&b)) = (chars.get(i.wrapping_sub(1)), chars.get(i + 1)) else {
            return false;
        };
        (a.is_alphabetic() && b.is_ascii_digit()) || (a.is_ascii_digit() && b.is_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letters_told_as_their_own_lower_case_are() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if is_own_lower_case(c) {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
            }
        }
    }

    fn all(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokens(text, 0..text.len(), &[], |r| out.push(&text[r]));
        out
    }

    proptest::proptest! {
        #[test]
        fn name_tokens_are_the_tokens_with_a_capital_or_a_digit(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "b", "Z", "Q", "7", ".", " ", "-", "'", "<", ">", "<b>", "</i>", "<!--",
                    "é", "É", "ß", "ɐ", "ж", "漢", "\n", "<a href=\"X\">",
                ]),
                0..40,
            ),
            cuts in proptest::collection::vec((0usize..40, 0usize..4), 0..4),
            from in 0usize..6,
        ) {
            let text: String = pieces.concat();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let at = |k: usize| bounds[k.min(bounds.len() - 1)];
            // Skipped ranges on character boundaries, sorted, apart.
            let mut skip: Vec<Range<usize>> = Vec::new();
            for (start, len) in cuts {
                let (start, end) = (at(start), at(start + len));
                if skip.last().is_none_or(|last| last.end < start) && start < end {
                    skip.push(start..end);
                }
            }
            skip.sort_by_key(|r| r.start);
            let range = at(from)..text.len();
            let mut expected = Vec::new();
            tokens(&text, range.clone(), &skip, |r| {
                if text[r.clone()].bytes().any(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                    expected.push(r);
                }
            });
            let mut found = Vec::new();
            name_tokens(&text, range, &skip, |r| found.push(r));
            proptest::prop_assert_eq!(found, expected, "{:?} skip {:?}", text, skip);
        }

        #[test]
        fn skeletons_of_a_text_are_those_of_its_words(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Майкрософт", "аутлук", " ", "-", "・", "アウトルック", "の", "漢字", "아웃룩",
                    "에서", "İ", "\u{212A}", "x", "7", "מיקרוסופט", "ً", "(", "「", "」", "\n",
                    "ไฟล์", "é", "Ωμέγα", ",", "*",
                ]),
                0..16,
            ),
        ) {
            let text: String = pieces.concat();
            let by_words: Vec<String> = words(&text, 0..text.len())
                .iter()
                .filter(|w| may_transliterate(&text[(*w).clone()]))
                .flat_map(|w| script_runs(&text[w.clone()]))
                .filter(|run| !run.bytes().any(|b| b.is_ascii_alphabetic()))
                .map(skeleton)
                .filter(|s| !s.is_empty())
                .collect();
            proptest::prop_assert_eq!(skeletons(&text), by_words, "{:?}", text);
        }

        #[test]
        fn within_one_edit_answers_as_the_distance_does(
            a in "[abcK]{0,6}",
            b in "[abck]{0,6}",
            wide in proptest::bool::ANY,
        ) {
            // Besides ASCII, a word of another script goes through the table.
            let b = if wide { format!("{b}ж") } else { b };
            proptest::prop_assert_eq!(within_one_edit(&a, &b), distance(&a, &b) <= 1);
        }
    }

    #[test]
    fn every_letter_with_a_skeleton_is_seen_by_may_transliterate() {
        for c in (0x80..=0x0010_FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            if !skeleton(&text).is_empty() {
                assert!(may_transliterate(&text), "{c:?} U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn every_transliterated_letter_is_in_the_range_skeleton_looks_up() {
        for (letters, _) in LETTERS {
            for c in letters.chars() {
                assert!((SOUNDS_FROM..=SOUNDS_TO).contains(&c), "{c}");
            }
        }
        assert_eq!(skeleton("Майкрософт"), skeleton("Microsoft"));
    }

    #[test]
    fn tokens_split_names_from_text() {
        assert_eq!(all("SSPR ומע-תכלת Active"), ["SSPR", "Active"]);
        assert_eq!(
            all("Mae-Azure, Outlook.com."),
            ["Mae", "Azure", "Outlook.com"]
        );
        assert_eq!(all("อยู่Microsoft Edgeไฟล์"), ["Microsoft", "Edge"]);
        assert_eq!(
            all("Azure'da <a href=\"Teams\">x</a>"),
            ["Azure", "da", "x"]
        );
        assert_eq!(all("Größe Überblick"), ["Größe", "Überblick"]);
    }

    #[test]
    fn skipped_ranges_are_left_out() {
        let text = "see [Azure](https://Example.com/Teams) now";
        let url = text.find("https").unwrap()..text.find(") now").unwrap();
        let mut out = Vec::new();
        tokens(text, 0..text.len(), &[url], |r| out.push(&text[r]));
        assert_eq!(out, ["see", "Azure", "now"]);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("MFA"), Shape::Acronym);
        assert_eq!(shape("SharePoint"), Shape::Strong);
        assert_eq!(shape("Outlook.com"), Shape::Strong);
        assert_eq!(shape("iOS"), Shape::Strong);
        assert_eq!(shape("Azure"), Shape::Strong);
        assert_eq!(shape("Business"), Shape::Weak);
        assert_eq!(shape("select"), Shape::None);
        assert_eq!(shape("Überblick"), Shape::None);
        assert_eq!(shape("A"), Shape::None);
    }

    #[test]
    fn forms_and_misspellings() {
        assert!(is_form_of("Outlooku", "Outlook", true));
        assert!(!is_form_of("Outlooku", "Outlook", false));
        assert!(!is_form_of("OutlookX", "Outlook", true));
        assert!(is_misspelling("Intuned", "Intune"));
        assert!(!is_misspelling("Mae", "MFA"));
        assert!(!is_misspelling("Teams", "Teams"));
    }

    #[test]
    fn transliterations_keep_the_name() {
        assert!(transliterates("Майкрософт", "Microsoft"));
        assert!(transliterates("מיקרוסופט", "Microsoft"));
        assert!(transliterates("مايكروسوفت", "Microsoft"));
        assert!(!transliterates("תכלת", "Azure"));
        assert!(!transliterates("корпорация", "Microsoft"));
        assert!(!transliterates("Intuned", "Intune"));
        assert!(transliterates("マイクロソフト", "Microsoft"));
        assert!(transliterates("마이크로소프트", "Microsoft"));
        assert!(transliterates("아웃룩에서", "Outlook"));
    }

    #[test]
    fn runs_of_one_script() {
        assert_eq!(
            script_runs("Outlookのアーカイブ"),
            ["Outlook", "アーカイブ"]
        );
        assert_eq!(script_runs("아웃룩에서"), ["아웃룩에서"]);
        assert!(spaced_only_at_digits("Windows 10"));
        assert!(!spaced_only_at_digits("Outlook .com"));
    }

    #[test]
    fn spaced_terms() {
        let text = "在 Outlook .com 中";
        let found = spaced(text, 0..text.len(), "Outlook.com").unwrap();
        assert_eq!(&text[found], "Outlook .com");
        assert_eq!(spaced("Outlook.com", 0..11, "Outlook.com"), None);
    }

    #[test]
    fn words_and_parts() {
        let text = "[SSPR ומע-תכלת Active Directory](x).";
        let words: Vec<&str> = words(text, 0..text.len())
            .into_iter()
            .map(|w| &text[w])
            .collect();
        assert_eq!(words, ["SSPR", "ומע-תכלת", "Active", "Directory", "x"]);
        let word = text.find("ומע").unwrap()..text.find(" Active").unwrap();
        let parts: Vec<&str> = parts(text, word).into_iter().map(|p| &text[p]).collect();
        assert_eq!(parts, ["ומע", "תכלת"]);
    }
}
