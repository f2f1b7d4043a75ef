//! `--format sarif`: one SARIF 2.1.0 log with one run, for code scanning and SARIF viewers.
//! It owns the mapping of diagnostics to SARIF objects, file URIs and each result's fingerprint;
//! it decides nothing about findings and prints nothing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Component, Path};

use serde_json::{Value, json};

use super::{Diagnostic, RelatedDiagnostic};
use crate::rules::{self, Rule};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `uriBaseId` of relative artifact URIs: the directory loclint ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of the `partialFingerprints` entry; a new way of computing it gets a new version.
pub const FINGERPRINT_KEY: &str = "loclintFingerprint/v1";

/// Renders `diagnostics` as a SARIF log. Paths under `base` (the working directory) and relative
/// paths become URIs relative to `%SRCROOT%`; other absolute paths become `file://` URIs.
pub fn render(diagnostics: &[Diagnostic], base: Option<&Path>) -> String {
    let mut run = json!({
        "tool": { "driver": driver() },
        "columnKind": "unicodeCodePoints",
    });
    if let Some(uri) = base.and_then(|b| url::Url::from_directory_path(b).ok()) {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": uri.as_str() } });
    }
    let fingerprints = fingerprints(diagnostics);
    run["results"] = diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| result(d, fingerprint, base))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn driver() -> Value {
    json!({
        "name": "loclint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules::ALL.iter().map(descriptor).collect::<Vec<_>>(),
    })
}

fn descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": first_paragraph(rule.docs) },
        "help": { "text": rule.docs, "markdown": rule.docs },
        "defaultConfiguration": { "level": rule.severity.as_str() },
    })
}

fn result(d: &Diagnostic, fingerprint: String, base: Option<&Path>) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(text, "\nhelp: {help}");
    }
    let mut result = json!({
        "ruleId": d.rule,
        "level": d.severity.as_str(),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": physical(&d.path, region(d.line, d.column, d.end_line, d.end_column), base),
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if let Some(index) = rules::ALL.iter().position(|r| r.id == d.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .zip(1..)
            .map(|(r, id)| related(r, id, base))
            .collect();
    }
    let mut properties = json!({ "article": d.article });
    if let Some(locale) = &d.locale {
        properties["locale"] = json!(locale);
    }
    result["properties"] = properties;
    result
}

fn related(r: &RelatedDiagnostic, id: usize, base: Option<&Path>) -> Value {
    json!({
        "id": id,
        "message": { "text": r.message },
        "physicalLocation": physical(&r.path, region(r.line, r.column, r.end_line, r.end_column), base),
    })
}

fn region(line: usize, column: usize, end_line: usize, end_column: usize) -> Value {
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn physical(path: &Path, region: Value, base: Option<&Path>) -> Value {
    let (uri, relative) = uri(path, base);
    let mut artifact = json!({ "uri": uri });
    if relative && base.is_some() {
        artifact["uriBaseId"] = json!(SRCROOT);
    }
    json!({ "artifactLocation": artifact, "region": region })
}

/// The URI of `path` and whether it is relative: relative paths, and absolute paths under
/// `base`, become relative references with `/` separators and percent-encoded segments.
pub fn uri(path: &Path, base: Option<&Path>) -> (String, bool) {
    let inner = match base {
        Some(base) if path.is_absolute() => path.strip_prefix(base).ok(),
        _ => None,
    };
    if let Some(inner) = inner.or((!path.is_absolute()).then_some(path)) {
        let segments: Vec<String> = inner
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(encode(name.as_encoded_bytes())),
                Component::ParentDir => Some("..".to_owned()),
                _ => None,
            })
            .collect();
        return (segments.join("/"), true);
    }
    match url::Url::from_file_path(path) {
        Ok(url) => (url.to_string(), false),
        Err(()) => (encode(path.as_os_str().as_encoded_bytes()), true),
    }
}

/// Percent-encodes a path segment: everything but unreserved characters and the sub-delimiters
/// that paths may hold, so spaces, `%`, `:`, `#`, `?` and non-ASCII characters are encoded.
fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `link-url-mismatch` → `LinkUrlMismatch`: the rule's `name`, as SARIF viewers show it.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// The first paragraph of a rule doc, after its `# id` heading, on one line.
fn first_paragraph(docs: &str) -> String {
    docs.lines()
        .skip_while(|line| line.trim().is_empty() || line.starts_with('#'))
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One fingerprint per diagnostic: a hash of rule, article, locale and the message without
/// counts, then `:n` for the n-th diagnostic with that hash. Positions never enter it, so it
/// survives lines added or removed around the finding.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let article = d.article.replace('\\', "/");
            let message = without_counts(&d.message);
            let locale = d.locale.as_deref().unwrap_or("");
            let hash = fnv1a(&[d.rule, &article, locale, &message]);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            format!("{hash:016x}:{occurrence}")
        })
        .collect()
}

/// `message` with counts such as `14 of 18` removed: they change when other locales change.
pub fn without_counts(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let first = digits(from);
        let count = from[first..]
            .strip_prefix(" of ")
            .map(digits)
            .filter(|&n| n > 0)
            .map(|n| first + " of ".len() + n);
        // A count starts and ends at a word boundary: `v1 of 2` or `1 of 2x` are kept.
        let bounded = |end: usize| {
            !before.ends_with(|c: char| c.is_alphanumeric())
                && !from[end..].starts_with(|c: char| c.is_alphanumeric())
        };
        match count {
            Some(end) if bounded(end) => {
                out.push('#');
                rest = &from[end..];
            }
            _ => {
                out.push_str(&from[..first]);
                rest = &from[first..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// 64-bit FNV-1a over the parts, each followed by a NUL: stable across builds and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{encode, first_paragraph, pascal_case, uri, without_counts};

    #[test]
    fn counts_are_removed_and_other_numbers_kept() {
        assert_eq!(
            without_counts("is missing here: 14 of 18 locales link to it"),
            "is missing here: # locales link to it"
        );
        assert_eq!(
            without_counts("`a1 of 2` (handed off 2021-08-05); 9 of 18 are on `35de4`"),
            "`a1 of 2` (handed off 2021-08-05); # are on `35de4`"
        );
        assert_eq!(without_counts("1 of 2x and 3 of"), "1 of 2x and 3 of");
        assert_eq!(without_counts(""), "");
    }

    #[cfg(unix)]
    #[test]
    fn uris_are_relative_with_encoded_segments() {
        let base = Path::new("/repo");
        assert_eq!(
            uri(Path::new("/repo/de-DE/a b/ü:x.md"), Some(base)),
            ("de-DE/a%20b/%C3%BC%3Ax.md".to_owned(), true)
        );
        assert_eq!(
            uri(Path::new("./docs/100%.md"), None),
            ("docs/100%25.md".to_owned(), true)
        );
        assert_eq!(
            uri(Path::new("/elsewhere/x y.md"), Some(base)),
            ("file:///elsewhere/x%20y.md".to_owned(), false)
        );
        assert_eq!(encode("a#b?c".as_bytes()), "a%23b%3Fc");
    }

    #[test]
    fn rule_names_and_descriptions_come_from_the_registry() {
        assert_eq!(pascal_case("link-url-mismatch"), "LinkUrlMismatch");
        assert_eq!(
            first_paragraph("# x\n\nFlags a thing\nover two lines.\n\nMore.\n"),
            "Flags a thing over two lines."
        );
    }
}
