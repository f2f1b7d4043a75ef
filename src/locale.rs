//! Locale tags: validation, canonical casing, and finding the locale written in a path or a URL.
//! Knows nothing of files; `discover` and `align` call it.

/// ISO 639-1 language codes: a bare two-letter path segment or file-name part counts as a locale
/// only when it is one of these.
const LANGUAGES: &[&str] = &[
    "aa", "ab", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm",
    "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv",
    "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga",
    "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id",
    "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl",
    "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt",
    "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne",
    "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps",
    "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm",
    "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl",
    "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo",
    "xh", "yi", "yo", "za", "zh", "zu",
];

/// The canonical form of a locale tag (`de-de` -> `de-DE`, `zh-hant-tw` -> `zh-Hant-TW`),
/// or `None` when `tag` is not a well-formed language[-script][-region] tag.
pub fn canonical(tag: &str) -> Option<String> {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next()?;
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // One allocation: every part is ASCII, cased as it is copied.
    let mut out = String::with_capacity(tag.len());
    out.extend(language.chars().map(|c| c.to_ascii_lowercase()));
    let mut seen_script = false;
    let mut seen_region = false;
    for part in parts {
        let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        if part.len() == 4 && alpha && !seen_script && !seen_region {
            seen_script = true;
            out.push('-');
            out.extend(part.chars().enumerate().map(|(k, c)| {
                if k == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            }));
        } else if ((part.len() == 2 && alpha) || (part.len() == 3 && digits)) && !seen_region {
            seen_region = true;
            out.push('-');
            out.extend(part.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            return None;
        }
    }
    Some(out)
}

/// Whether `segment` names a locale when it stands alone as a path segment or URL segment:
/// a language with a region (`de-de`, `zh-Hant-TW`), or a bare known ISO 639-1 code when `bare` is allowed.
pub fn from_segment(segment: &str, bare: bool) -> Option<String> {
    // Most path segments are plainly not tags: no allocation for them.
    let shaped = (2..=16).contains(&segment.len())
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !shaped {
        return None;
    }
    if segment.contains(['-', '_']) {
        let tag = canonical(segment)?;
        // A region or script is required, so `my-file` style names are rejected by canonical()
        // only when they are not letter-shaped: also require a known language.
        let language = tag.split('-').next()?;
        return known_language(language).then_some(tag);
    }
    (bare && segment.len() == 2 && known_language(&segment.to_ascii_lowercase()))
        .then(|| segment.to_ascii_lowercase())
}

/// Whether `language` (lowercase) is an ISO 639-1 code; `LANGUAGES` is sorted.
fn known_language(language: &str) -> bool {
    LANGUAGES.binary_search(&language).is_ok()
}

/// The language part of a tag (`de-DE` -> `de`).
pub fn language(tag: &str) -> &str {
    // Tags are a few bytes: a plain loop, not a searcher set up for each call.
    let end = tag.bytes().position(|b| b == b'-').unwrap_or(tag.len());
    &tag[..end]
}

/// Whether two tags name the same locale, or one is the bare language of the other.
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!a.contains('-') || !b.contains('-')) && language(a).eq_ignore_ascii_case(language(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("de-de").as_deref(), Some("de-DE"));
        assert_eq!(canonical("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(canonical("es-419").as_deref(), Some("es-419"));
        assert_eq!(canonical("fr").as_deref(), Some("fr"));
        assert_eq!(canonical("english"), None);
        assert_eq!(canonical("de-DE-x"), None);
        assert_eq!(canonical(""), None);
    }

    #[test]
    fn segments() {
        assert_eq!(from_segment("lv-LV", false).as_deref(), Some("lv-LV"));
        assert_eq!(from_segment("fr", true).as_deref(), Some("fr"));
        assert_eq!(from_segment("fr", false), None);
        assert_eq!(from_segment("my-app", false), None);
        assert_eq!(from_segment("go-to", false), None);
        assert_eq!(from_segment("docs", true), None);
    }

    #[test]
    fn languages_are_sorted_for_binary_search() {
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sameness() {
        assert!(same("de-DE", "de-de"));
        assert!(same("fr", "fr-FR"));
        assert!(!same("pt-BR", "pt-PT"));
    }
}
