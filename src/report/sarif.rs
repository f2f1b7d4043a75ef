//! `--format sarif`: one SARIF 2.1.0 log with one run, for code scanning and SARIF viewers.
//! It owns the mapping of diagnostics to SARIF objects, file URIs and each result's fingerprint;
//! it decides nothing about findings and prints nothing.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Component, Path};

use serde::Serialize;
use serde::ser::SerializeSeq;

use super::{Diagnostic, RelatedDiagnostic};
use crate::rules::{self, Rule};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `uriBaseId` of relative artifact URIs: the directory loclint ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of the `partialFingerprints` entry; a new way of computing it gets a new version.
pub const FINGERPRINT_KEY: &str = "loclintFingerprint/v1";

/// Writes `diagnostics` as a SARIF log, each result as it comes: the log of a large repository
/// is never held whole. Paths under `base` (the working directory) and relative paths become URIs
/// relative to `%SRCROOT%`; other absolute paths become `file://` URIs.
pub fn write_each(
    out: &mut (impl std::io::Write + ?Sized),
    diagnostics: impl Iterator<Item = Diagnostic>,
    base: Option<&Path>,
) -> std::io::Result<()> {
    let original_uri_base_ids = base
        .and_then(|b| url::Url::from_directory_path(b).ok())
        .map(|uri| BTreeMap::from([(SRCROOT, Artifact::absolute(uri.to_string()))]));
    let results = Results {
        diagnostics: RefCell::new(Some(diagnostics)),
        base,
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "loclint",
                    information_uri: information_uri(),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules::ALL.iter().map(descriptor).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            original_uri_base_ids,
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
#[serde(bound = "")]
struct Log<'a, I: Iterator<Item = Diagnostic>> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, I>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound = "")]
struct Run<'a, I: Iterator<Item = Diagnostic>> {
    tool: Tool,
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, Artifact>>,
    results: Results<'a, I>,
}

/// The results, serialized from the diagnostics once, one at a time.
struct Results<'a, I> {
    diagnostics: RefCell<Option<I>>,
    base: Option<&'a Path>,
}

impl<I: Iterator<Item = Diagnostic>> Serialize for Results<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut fingerprints = Fingerprints::default();
        for d in self.diagnostics.borrow_mut().take().into_iter().flatten() {
            let fingerprint = fingerprints.next(&d, self.base);
            seq.serialize_element(&result(&d, fingerprint, self.base))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Message<'static>,
    full_description: Message<'static>,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

impl Artifact {
    fn absolute(uri: String) -> Self {
        Artifact {
            uri,
            uri_base_id: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Properties<'a> {
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<&'a str>,
}

/// The package's homepage or repository, when `Cargo.toml` names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn descriptor(rule: &Rule) -> Descriptor {
    Descriptor {
        id: rule.id,
        name: pascal_case(rule.id),
        short_description: Message::new(rule.summary),
        full_description: Message::new(first_paragraph(rule.docs)),
        help: Help {
            text: rule.docs,
            markdown: rule.docs,
        },
        default_configuration: Configuration {
            level: rule.severity.as_str(),
        },
    }
}

fn result<'a>(d: &'a Diagnostic, fingerprint: String, base: Option<&Path>) -> SarifResult<'a> {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(text, "\nhelp: {help}");
    }
    let region = Region {
        start_line: d.line,
        start_column: d.column,
        end_line: d.end_line,
        end_column: d.end_column,
    };
    SarifResult {
        rule_id: d.rule,
        rule_index: rules::ALL.iter().position(|r| r.id == d.rule),
        level: d.severity.as_str(),
        message: Message::new(text),
        locations: [Location {
            id: None,
            message: None,
            physical_location: physical(&d.path, region, base),
        }],
        related_locations: d
            .related
            .iter()
            .zip(1..)
            .map(|(r, id)| related(r, id, base))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        properties: Properties {
            article: &d.article,
            locale: d.locale.as_deref(),
        },
    }
}

fn related<'a>(r: &'a RelatedDiagnostic, id: usize, base: Option<&Path>) -> Location<'a> {
    let region = Region {
        start_line: r.line,
        start_column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
    };
    Location {
        id: Some(id),
        message: Some(Message::new(r.message.as_str())),
        physical_location: physical(&r.path, region, base),
    }
}

fn physical(path: &Path, region: Region, base: Option<&Path>) -> PhysicalLocation {
    let (uri, relative) = uri(path, base);
    PhysicalLocation {
        artifact_location: Artifact {
            uri,
            uri_base_id: (relative && base.is_some()).then_some(SRCROOT),
        },
        region,
    }
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

/// Each diagnostic's fingerprint, given in output order: a hash of rule, article, locale and the
/// message without counts and line references (`report::stable_message`), then `:n` for the n-th
/// diagnostic with that hash. Positions never enter it, so it survives lines added or removed
/// around the finding; the article is taken relative to `base` as URIs are, so `check .` and
/// `check "$PWD"` agree.
#[derive(Default)]
struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    fn next(&mut self, d: &Diagnostic, base: Option<&Path>) -> String {
        let (article, _) = uri(Path::new(&d.article), base);
        let message = super::stable_message(&d.message);
        let locale = d.locale.as_deref().unwrap_or("");
        let hash = super::fnv1a(&[d.rule, &article, locale, &message]);
        let occurrence = self.seen.entry(hash).or_insert(0);
        *occurrence += 1;
        format!("{hash:016x}:{occurrence}")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{encode, first_paragraph, pascal_case, uri};

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
