//! Classifying text: URL-like literals, the script a locale writes in, and English prose left in a
//! translation. Pure functions over strings; alignment and rules call them.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::locale;

/// `char::is_alphabetic` and `char::is_alphanumeric` of the first 4,096 characters (Latin,
/// Greek, Cyrillic, Hebrew, Arabic, Thai and the other alphabets), two bits each, read once:
/// translations are mostly written in letters outside ASCII, and the standard library looks
/// each of those up in its tables every time.
static CLASSES: LazyLock<Box<[u64]>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x1000 * 2 / 64].into_boxed_slice();
    for c in (0..0x1000u32).filter_map(char::from_u32) {
        let at = c as usize * 2;
        let class = u64::from(c.is_alphabetic()) | u64::from(c.is_alphanumeric()) << 1;
        bits[at / 64] |= class << (at % 64);
    }
    bits
});

fn class(c: char) -> Option<u64> {
    let at = c as usize * 2;
    CLASSES.get(at / 64).map(|word| word >> (at % 64) & 0b11)
}

/// `c.is_alphabetic()`, the same answer for every character, faster outside ASCII.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c).map_or_else(|| c.is_alphabetic(), |class| class & 1 != 0)
}

/// `c.is_alphanumeric()`, the same answer for every character, faster outside ASCII.
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class(c).map_or_else(|| c.is_alphanumeric(), |class| class & 2 != 0)
}

static URL_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?i)^(https?://)?([a-z0-9][a-z0-9-]*\.)+[a-z]{2,}(:\d+)?(/\S*)?$").unwrap()
});

static URL_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?i)(https?://)?([a-z0-9][a-z0-9-]*\.)+[a-z]{2,}(/[^\s)]*)?").unwrap()
});

/// Trailing punctuation that a sentence may leave after a link.
fn trim_punctuation(text: &str) -> &str {
    let text = text.trim();
    // Most texts end in a letter or a digit: nothing to look for.
    if text
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return text;
    }
    text.trim_end_matches(['.', ',', ';', ':', '!', '?', '。', '、', '，'])
}

/// Generic top-level domains common in documentation; every two-letter one is a country's.
const TOP_LEVEL_DOMAINS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "io",
    "app",
    "dev",
    "cloud",
    "ai",
    "online",
    "site",
    "live",
    "microsoft",
    "office",
    "azure",
    "windows",
    "xbox",
    "skype",
    "bing",
];

/// The host of a URL-like text, without scheme, port or path.
fn host_of(text: &str) -> &str {
    let rest = text.find("://").map_or(text, |i| &text[i + 3..]);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.split(':').next().unwrap_or(host)
}

/// Whether the whole text is a URL or host name (`aka.ms/ssprsetup`, `https://x.com/a`,
/// `Office.com`), judged by its form and a known top-level domain (`Web.Page` is a function name).
pub fn is_url_like(text: &str) -> bool {
    let text = trim_punctuation(text);
    if !text.contains('.') || !URL_LIKE.is_match(text) {
        return false;
    }
    let tld = host_of(text)
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    text.contains("://") || tld.len() == 2 || TOP_LEVEL_DOMAINS.contains(&tld.as_str())
}

/// Whether two spellings of one URL-like text differ in the case of the top-level domain or of
/// the path: what a writer never changes (`aka.MS/x`), unlike a brand's capitals (`SecureScore.com`).
pub fn literal_case_damaged(text: &str, canonical: &str) -> bool {
    let text = trim_punctuation(text);
    let split = |t: &str| -> (String, String) {
        let host = host_of(t);
        let tld = host.rsplit('.').next().unwrap_or("").to_owned();
        let at = t.find(host).map_or(t.len(), |i| i + host.len());
        (tld, t[at..].to_owned())
    };
    let (tld_a, path_a) = split(text);
    let (tld_b, path_b) = split(canonical);
    tld_a != tld_b || path_a != path_b
}

/// The URL-like part inside a longer text, if any.
pub fn url_inside(text: &str) -> Option<&str> {
    URL_INSIDE
        .find_iter(text)
        .map(|m| m.as_str())
        .find(|m| m.contains('.') && m.len() > 4)
}

/// The canonical spelling of a URL-like text: scheme and host lowercase, path as written.
pub fn canonical_literal(text: &str) -> String {
    let text = trim_punctuation(text);
    let (scheme, rest) = match text.find("://") {
        Some(i) => (text[..i + 3].to_ascii_lowercase(), &text[i + 3..]),
        None => (String::new(), text),
    };
    let (host, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    format!("{scheme}{}{path}", host.to_ascii_lowercase())
}

/// Whether `text` writes a URL-like literal acceptably against its canonical form: exactly, or with
/// only the first letter capitalized (`Office.com`, a brand or a sentence start).
pub fn literal_matches(text: &str, canonical: &str) -> bool {
    let text = trim_punctuation(text);
    if text == canonical {
        return true;
    }
    let mut a = text.chars();
    let mut b = canonical.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && a.as_str() == b.as_str(),
        _ => false,
    }
}

/// Unicode blocks of the scripts that locales write in; Latin-script languages are absent.
fn script_ranges(language: &str) -> Option<&'static [(u32, u32)]> {
    Some(match language {
        "ar" | "fa" | "ur" | "ps" => &[
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF),
        ],
        "he" | "yi" => &[(0x0590, 0x05FF), (0xFB1D, 0xFB4F)],
        "th" => &[(0x0E00, 0x0E7F)],
        "zh" | "ja" | "ko" => &[
            (0x1100, 0x11FF),
            (0x3040, 0x30FF),
            (0x3130, 0x318F),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xAC00, 0xD7AF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFFEF),
        ],
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" | "ky" | "mn" | "tg" => &[(0x0400, 0x04FF)],
        "el" => &[(0x0370, 0x03FF), (0x1F00, 0x1FFF)],
        "hi" | "mr" | "ne" => &[(0x0900, 0x097F)],
        "ka" => &[(0x10A0, 0x10FF)],
        "hy" => &[(0x0530, 0x058F)],
        "bn" | "as" => &[(0x0980, 0x09FF)],
        "ta" => &[(0x0B80, 0x0BFF)],
        "te" => &[(0x0C00, 0x0C7F)],
        "km" => &[(0x1780, 0x17FF)],
        "lo" => &[(0x0E80, 0x0EFF)],
        "my" => &[(0x1000, 0x109F)],
        _ => return None,
    })
}

/// Words that mark English prose and are rare in the other languages' text.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "your", "you", "with", "how", "this", "that", "from", "what",
    "which", "will", "can", "not", "about", "when", "where", "using", "into", "their", "have",
    "has", "these", "those", "should", "would", "if", "or", "it", "for", "an", "is", "are", "be",
    "does", "do", "my", "our", "we", "by", "in", "on", "at", "as", "was", "were", "more", "see",
    "why", "who", "all", "learn", "set", "get", "use", "manage", "create", "add", "remove",
    "change", "assign", "select",
];

/// Of `ENGLISH`, the words that are also common words of some other Latin-script language.
const SHARED: &[&str] = &[
    "in", "on", "an", "is", "are", "do", "my", "by", "at", "as", "to", "be", "set", "was", "all",
    "see",
];

/// Words that start product names: what follows them is often a name kept in English.
const BRANDS: &[&str] = &[
    "Microsoft",
    "Office",
    "Azure",
    "Windows",
    "Teams",
    "SharePoint",
    "OneDrive",
    "Outlook",
    "Exchange",
    "Intune",
    "Power",
    "Dynamics",
    "Skype",
    "Yammer",
    "Defender",
    "Surface",
    "Xbox",
    "Edge",
];

/// Words that join the parts of product names (`Microsoft Defender for Office 365`).
const GLUE: &[&str] = &["for", "and", "of", "the", "in", "on", "with", "to", "by"];

/// Words of text: letter runs with apostrophes, lowercase.
fn words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Most words are ASCII and already lowercase: no copy.
            if !w.is_ascii() {
                Cow::Owned(w.to_lowercase())
            } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect()
}

/// Whether `text`, from a file in `locale`, is English prose that a reader of that locale would see
/// as untranslated: the locale's own script is absent, and the words are recognisably English.
/// URLs and product-name-like runs of capitalized words do not count.
pub fn is_foreign_english(text: &str, locale_tag: &str) -> bool {
    let language = locale::language(locale_tag);
    if language == "en" {
        return false;
    }
    let ranges = own_script(locale_tag);
    // Cheap tests first: any letter of the locale's own script (or, for a Latin-script locale,
    // any letter outside ASCII) means the text is not English.
    if text.chars().any(|c| is_native(c, ranges)) {
        return false;
    }
    let without_urls = if text.contains('.') {
        URL_INSIDE.replace_all(text, " ")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let letters = without_urls.chars().filter(|&c| is_letter(c)).count();
    if letters < 8 {
        return false;
    }
    english_score(&without_urls, ranges.is_none())
}

/// The letters of the locale's own script (`None`: a Latin-script locale). A script subtag
/// names the script outright: `sr-Latn-RS` writes Latin letters.
pub fn own_script(locale_tag: &str) -> Option<&'static [(u32, u32)]> {
    let latin = (locale_tag.as_bytes().split(|&b| b == b'-'))
        .any(|part| part.eq_ignore_ascii_case(b"latn"));
    script_ranges(locale::language(locale_tag)).filter(|_| !latin)
}

/// Whether `c` is a letter that no English text has, in a locale with these letters of its
/// own (`own_script`): one of them, or for a Latin-script locale any letter outside ASCII. A
/// text with one is not English (`is_foreign_english`).
pub fn is_native(c: char, own: Option<&[(u32, u32)]>) -> bool {
    match own {
        Some(ranges) => ranges
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c))),
        None => !c.is_ascii() && is_letter(c),
    }
}

fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// `ENGLISH` as a set: every word of a candidate text is looked up in it.
static ENGLISH_WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| ENGLISH.iter().copied().collect());

fn is_english_word(word: &str) -> bool {
    ENGLISH_WORDS.contains(word)
}

/// Whether the words read as English. `strict` asks for words that other Latin-script
/// languages do not share.
fn english_score(text: &str, strict: bool) -> bool {
    let words = words(text);
    if words.len() < 3 {
        return false;
    }
    let english: Vec<&Cow<'_, str>> = words.iter().filter(|w| is_english_word(w)).collect();
    let distinctive = english.iter().filter(|w| !listed(SHARED, w)).count();
    let lowercase_words = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let content = content_words(text);
    if strict {
        distinctive >= 2
            || (distinctive >= 1 && english.len() >= 3 && 2 * english.len() >= words.len())
    } else {
        // In another script, Latin prose is foreign even without function words, unless it is a
        // product's name with a descriptive tail (`Microsoft 365 admin center`).
        let named = text
            .split_whitespace()
            .next()
            .is_some_and(|w| BRANDS.contains(&w));
        // Glue words alone (`for`, `and`) do not make a product's name a sentence.
        let telling = english.iter().any(|w| !listed(GLUE, w));
        let sentence =
            !english.is_empty() && content >= 1 && (lowercase_words >= 2 || english.len() >= 2);
        (sentence && (telling || !named)) || (content >= 2 && !named)
    }
}

/// Lowercase words of three letters or more that carry meaning: product names are capitalized
/// and joined by `for`, `and`.
fn content_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        })
        .filter(|w| !GLUE.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
        .count()
}

/// Whether a locale writes in a script of its own (not Latin letters).
pub fn has_own_script(locale_tag: &str) -> bool {
    own_script(locale_tag).is_some()
}

/// How many different words of `text` mark English and are not common words of other
/// Latin-script languages: `Not … not` in Turkish is one, `or … not` is two.
pub fn distinct_english_words(text: &str) -> usize {
    let mut seen: Vec<Cow<'_, str>> = words(text)
        .into_iter()
        .filter(|w| is_english_word(w) && !listed(SHARED, w))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Whether text reads as English by its function words, whatever the locale.
pub fn reads_as_english(text: &str) -> bool {
    let telling = words(text)
        .iter()
        .any(|w| is_english_word(w) && !listed(GLUE, w));
    telling || english_score(text, true)
}

/// Whether text is prose rather than a name or an identifier: several words, two of them
/// lowercase words that carry meaning (a run of capitalized words is a product or UI name).
pub fn is_prose(text: &str) -> bool {
    !is_url_like(text) && text.trim().contains(char::is_whitespace) && content_words(text) >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_are_the_standard_library_s_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn url_like() {
        assert!(is_url_like("aka.ms/ssprsetup"));
        assert!(is_url_like("aka.MS/sspruservoice."));
        assert!(is_url_like("https://portal.office.com"));
        assert!(is_url_like("Office.com"));
        assert!(!is_url_like("av lösenord aka.ms/ssprsetup"));
        assert!(!is_url_like("Microsoft 365"));
        assert!(!is_url_like("Web.Page"));
        assert!(is_url_like("SecureScore.com."));
        assert_eq!(
            url_inside("av lösenord aka.ms/ssprsetup"),
            Some("aka.ms/ssprsetup")
        );
    }

    #[test]
    fn literals() {
        assert_eq!(canonical_literal("aka.MS/ssprsetup"), "aka.ms/ssprsetup");
        assert_eq!(canonical_literal("HTTPS://AKA.MS/X."), "https://aka.ms/X");
        assert!(literal_matches("Office.com", "office.com"));
        assert!(!literal_matches("aka.MS/ssprsetup", "aka.ms/ssprsetup"));
        assert!(literal_matches("aka.ms/ssprsetup.", "aka.ms/ssprsetup"));
        assert!(literal_case_damaged("aka.MS/ssprsetup", "aka.ms/ssprsetup"));
        assert!(literal_case_damaged("aka.ms/SSPRsetup", "aka.ms/ssprsetup"));
        assert!(!literal_case_damaged("SecureScore.com.", "securescore.com"));
    }

    #[test]
    fn english_in_translations() {
        assert!(is_foreign_english(
            "Assign or remove licenses in the Azure Active Directory portal",
            "es-ES"
        ));
        assert!(is_foreign_english(
            "Select the Power BI plan you want to buy",
            "ko-KR"
        ));
        assert!(is_foreign_english(
            "Learn how to set up your domain",
            "th-TH"
        ));
        assert!(!is_foreign_english("Microsoft 365 admin center", "th-TH"));
        assert!(!is_foreign_english(
            "Microsoft Defender for Office 365 for SharePoint, OneDrive Teams",
            "ko-KR"
        ));
        assert!(!is_foreign_english("add-in Activer", "fr-FR"));
        assert!(!is_foreign_english(
            "Microsoft 365 Apps for enterprise",
            "th-TH"
        ));
        assert!(is_foreign_english("Use a custom logo", "th-TH"));
        assert!(is_foreign_english("Password reset registration", "he-IL"));
        assert!(!is_foreign_english(
            "Registracija za resetovanje lozinke",
            "sr-Latn-RS"
        ));
        assert!(!is_foreign_english(
            "Asignar o quitar licencias en el portal de Azure",
            "es-ES"
        ));
        assert!(!is_foreign_english(
            "Przypisz licencje do użytkowników",
            "pl-PL"
        ));
        assert!(!is_foreign_english(
            "ตั้งค่า Microsoft 365 for business",
            "th-TH"
        ));
        assert!(!is_foreign_english("Assign licenses", "en-GB"));
        assert!(!is_foreign_english("Wie man das Passwort ändert", "de-DE"));
    }

    #[test]
    fn own_script_and_english_words() {
        assert!(has_own_script("th-TH"));
        assert!(!has_own_script("tr-TR"));
        assert!(!has_own_script("sr-Latn-RS"));
        assert_eq!(
            distinct_english_words("Not OneNote not defterlerini Teams"),
            1
        );
        assert_eq!(
            distinct_english_words(
                "Archive page blank or not loading under Information Governance"
            ),
            2
        );
    }

    #[test]
    fn prose_or_name() {
        assert!(is_prose("Assign or remove licenses"));
        assert!(!is_prose("Microsoft Teams"));
        assert!(!is_prose("Microsoft 365 Business Premium"));
        assert!(!is_prose("aka.ms/ssprsetup"));
        assert!(!is_prose("Microsoft Intune for Windows"));
        assert!(!is_prose("976-how-to-enable-litigation-hold"));
    }
}
