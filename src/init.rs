//! `loclint init`: recognises the layout of a documentation repository (Docusaurus, Hugo and
//! `MkDocs` in folder or suffix mode, MDN translated-content, Microsoft Docs) from its folders,
//! file names and toolchain configuration, and renders a commented `loclint.toml` for it.
//! Reads names and small configuration files only; writing is the command line's.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::locale;

/// A recognised layout and what `loclint.toml` should say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The toolchain, as a reader knows it: `Docusaurus`, `Hugo (folders)`, …
    pub name: &'static str,
    /// The source pattern; `None` for the Microsoft Docs conventions, which need no `[layout]`.
    pub source: Option<String>,
    pub translations: Vec<String>,
    pub source_locale: String,
    /// The translated locales found, as written in the repository.
    pub locales: Vec<String>,
    invariant_keys: &'static [&'static str],
    required_keys: &'static [&'static str],
    /// Pages need no front matter in this toolchain.
    front_matter_optional: bool,
    /// The front-matter key of the source version, where the toolchain has one.
    version_key: &'static str,
    /// What the configuration's reader should know about this layout.
    notes: Vec<String>,
}

impl Detected {
    fn new(name: &'static str, source: &str, translations: &str, source_locale: String) -> Self {
        Detected {
            name,
            source: Some(source.to_owned()),
            translations: vec![translations.to_owned()],
            source_locale,
            locales: Vec::new(),
            invariant_keys: &[],
            required_keys: &["title"],
            front_matter_optional: false,
            version_key: "ms.openlocfilehash",
            notes: Vec::new(),
        }
    }
}

/// The layout of the repository at `root`, or `None` when none is recognised.
pub fn detect(root: &Path) -> Option<Detected> {
    docusaurus(root)
        .or_else(|| mdn(root))
        .or_else(|| hugo(root))
        .or_else(|| mkdocs(root))
        .or_else(|| microsoft(root))
}

/// `docs/…` and `i18n/<locale>/docusaurus-plugin-content-docs/current/…`.
fn docusaurus(root: &Path) -> Option<Detected> {
    let config = ["js", "ts", "mjs", "cjs"]
        .iter()
        .map(|ext| root.join(format!("docusaurus.config.{ext}")))
        .find(|p| p.is_file());
    let locales: Vec<String> = locale_folders(&root.join("i18n"))
        .into_iter()
        .filter(|l| {
            root.join("i18n")
                .join(l)
                .join("docusaurus-plugin-content-docs")
                .is_dir()
        })
        .collect();
    if config.is_none() && locales.is_empty() {
        return None;
    }
    let default = config
        .and_then(|p| fs::read_to_string(p).ok())
        .and_then(|text| setting(&text, "defaultLocale"))
        .unwrap_or_else(|| "en".to_owned());
    let mut detected = Detected::new(
        "Docusaurus",
        "docs/{path}",
        "i18n/{locale}/docusaurus-plugin-content-docs/current/{path}",
        default,
    );
    detected.locales = locales;
    detected.invariant_keys = &["id", "slug", "sidebar_position"];
    detected.required_keys = &[];
    detected.front_matter_optional = true;
    detected.notes.push(
        "Versioned docs (versioned_docs/, i18n/<locale>/…/version-*/) and the blog are not\n\
         # covered by these patterns."
            .to_owned(),
    );
    Some(detected)
}

/// MDN translated-content: `files/<locale>/…/index.md`, `en-us` the source.
fn mdn(root: &Path) -> Option<Detected> {
    let mut locales = locale_folders(&root.join("files"));
    if locales.is_empty() {
        return None;
    }
    locales.retain(|l| !l.eq_ignore_ascii_case("en-us"));
    let mut detected = Detected::new(
        "MDN translated-content",
        "files/en-us/{path}",
        "files/{locale}/{path}",
        "en-US".to_owned(),
    );
    detected.locales = locales;
    detected.invariant_keys = &["slug", "page-type"];
    detected.required_keys = &["title", "slug"];
    detected.notes.push(
        "The en-US sources live in mdn/content: put its files/en-us beside the translations\n\
         # (without them, the translations are compared with each other)."
            .to_owned(),
    );
    detected.version_key = "l10n.sourceCommit";
    Some(detected)
}

/// Hugo: `content/<lang>/…` (folders) or `content/….<lang>.md` (suffixes).
fn hugo(root: &Path) -> Option<Detected> {
    let config = [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
    ]
    .iter()
    .map(|name| root.join(name))
    .find(|p| p.is_file())?;
    let content = root.join("content");
    if !content.is_dir() {
        return None;
    }
    let default = fs::read_to_string(config)
        .ok()
        .and_then(|text| setting(&text, "defaultContentLanguage"))
        .unwrap_or_else(|| "en".to_owned());
    let mut detected = by_folder_or_suffix(
        &content,
        "content",
        &default,
        ["Hugo (folders)", "Hugo (suffixes)"],
    );
    detected.invariant_keys = &["date", "weight", "draft"];
    if toml_front_matter(&content) {
        detected.front_matter_optional = true;
        detected.required_keys = &[];
        detected.notes.push(
            "Some pages have TOML front matter (+++); loclint reads YAML front matter (---)\n\
             # only."
                .to_owned(),
        );
    }
    Some(detected)
}

/// `MkDocs` with the i18n plugin: `docs/….<lang>.md` (suffixes) or `docs/<lang>/…` (folders).
fn mkdocs(root: &Path) -> Option<Detected> {
    let config = ["mkdocs.yml", "mkdocs.yaml"]
        .iter()
        .map(|name| root.join(name))
        .find(|p| p.is_file())?;
    let docs = root.join("docs");
    if !docs.is_dir() {
        return None;
    }
    let default = fs::read_to_string(config)
        .ok()
        .and_then(|text| mkdocs_default(&text))
        .unwrap_or_else(|| "en".to_owned());
    let mut detected = by_folder_or_suffix(
        &docs,
        "docs",
        &default,
        ["MkDocs (folders)", "MkDocs (suffixes)"],
    );
    detected.required_keys = &[];
    detected.front_matter_optional = true;
    Some(detected)
}

/// Folder mode when `dir` holds locale folders, else suffix mode.
fn by_folder_or_suffix(
    dir: &Path,
    name: &str,
    default: &str,
    names: [&'static str; 2],
) -> Detected {
    let folders = locale_folders(dir);
    if !folders.is_empty() {
        let source = folders
            .iter()
            .find(|l| locale::same(l, default))
            .cloned()
            .unwrap_or_else(|| default.to_owned());
        let mut detected = Detected::new(
            names[0],
            &format!("{name}/{source}/{{path}}"),
            &format!("{name}/{{locale}}/{{path}}"),
            default.to_owned(),
        );
        detected.locales = folders
            .into_iter()
            .filter(|l| !locale::same(l, default))
            .collect();
        return detected;
    }
    let mut detected = Detected::new(
        names[1],
        &format!("{name}/{{path}}.md"),
        &format!("{name}/{{path}}.{{locale}}.md"),
        default.to_owned(),
    );
    detected.locales = suffix_locales(dir)
        .into_iter()
        .filter(|l| !locale::same(l, default))
        .collect();
    detected
}

/// The Microsoft Docs conventions: locale folders such as `de-de/`, or a `DocFX` repository.
fn microsoft(root: &Path) -> Option<Detected> {
    let docfx = [".openpublishing.publish.config.json", "docfx.json"]
        .iter()
        .any(|name| root.join(name).is_file());
    let mut locales = regional_folders(root);
    if !docfx && locales.is_empty() {
        for entry in fs::read_dir(root).ok()?.filter_map(Result::ok) {
            if entry.path().is_dir() && !hidden(&entry.file_name()) {
                locales.extend(regional_folders(&entry.path()));
            }
        }
    }
    if !docfx && locales.is_empty() {
        return None;
    }
    locales.sort();
    locales.dedup();
    Some(Detected {
        name: "Microsoft Docs",
        source: None,
        translations: Vec::new(),
        source_locale: "en-US".to_owned(),
        locales,
        invariant_keys: &[],
        required_keys: &["title"],
        front_matter_optional: false,
        version_key: "ms.openlocfilehash",
        notes: Vec::new(),
    })
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_none_or(|n| n.starts_with('.'))
}

/// The subfolders of `dir` named like locales (`fr`, `pt-br`, `zh-Hans`), as written, sorted.
fn locale_folders(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| locale::from_segment(name, true).is_some())
        .collect();
    out.sort();
    out
}

/// The subfolders of `dir` named like regional locales (`de-de`, `lv-LV`).
fn regional_folders(dir: &Path) -> Vec<String> {
    locale_folders(dir)
        .into_iter()
        .filter(|name| locale::from_segment(name, false).is_some())
        .collect()
}

/// The locales of `name.<locale>.md` files under `dir`, as written, sorted.
fn suffix_locales(dir: &Path) -> Vec<String> {
    let mut out = BTreeSet::new();
    for entry in ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        if let Some((_, part)) = stem.rsplit_once('.')
            && locale::from_segment(part, true).is_some()
        {
            out.insert(part.to_owned());
        }
    }
    out.into_iter().collect()
}

/// Whether a Markdown file under `dir` opens with TOML front matter (`+++`).
fn toml_front_matter(dir: &Path) -> bool {
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .take(50)
        .any(|e| {
            fs::read_to_string(e.path()).is_ok_and(|text| text.trim_start().starts_with("+++"))
        })
}

/// The value of `key` in a JavaScript, TOML, YAML or JSON configuration: `key: 'fr'`,
/// `key = "fr"`, `"key": "fr"`.
fn setting(text: &str, key: &str) -> Option<String> {
    let at = text.find(key)? + key.len();
    let rest = text[at..].trim_start_matches(['"', '\'']).trim_start();
    let rest = rest.strip_prefix([':', '='])?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let value: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    locale::canonical(&value).map(|_| value)
}

/// The language marked `default: true` in the i18n plugin's `languages` list of `mkdocs.yml`.
fn mkdocs_default(text: &str) -> Option<String> {
    let mut last = None;
    for line in text.lines() {
        let line = line.trim().trim_start_matches("- ");
        if let Some(value) = line.strip_prefix("locale:") {
            last = Some(value.trim().trim_matches(['"', '\'']).to_owned());
        } else if line.replace(' ', "") == "default:true" {
            return last.filter(|l| locale::canonical(l).is_some());
        }
    }
    None
}

/// A one-line description of what was found.
pub fn describe(detected: &Detected) -> String {
    let locales = if detected.locales.is_empty() {
        "no translation found yet".to_owned()
    } else {
        format!(
            "{} translated {}: {}",
            detected.locales.len(),
            if detected.locales.len() == 1 {
                "locale"
            } else {
                "locales"
            },
            detected.locales.join(", ")
        )
    };
    format!(
        "{} (source locale `{}`; {locales})",
        detected.name, detected.source_locale
    )
}

/// The commented `loclint.toml` for `detected` (or, with nothing recognised, the defaults with
/// a layout to fill in).
pub fn render(detected: Option<&Detected>) -> String {
    let mut out = String::new();
    let name = detected.map_or("documentation", |d| d.name);
    let _ = writeln!(
        out,
        "# loclint configuration, written by `loclint init` for a {name} repository.\n\
         # Every key is described in loclint's README (Configuration); `loclint rules` lists the\n\
         # rules and `loclint explain <rule>` documents one.\n"
    );
    let source_locale = detected.map_or("en-US", |d| d.source_locale.as_str());
    let _ = writeln!(
        out,
        "# The locale the articles are written in before translation.\nsource-locale = \"{source_locale}\"\n"
    );
    if detected.is_some_and(|d| d.name == "Docusaurus") {
        out.push_str(
            "# Markdown files to check. MDX pages are read as Markdown (their JSX as HTML):\n\
             # include = [\"*.md\", \"*.mdx\"]\n\n",
        );
    }
    match detected {
        Some(d) if d.source.is_some() => {
            let source = d.source.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "# Where sources and translations are, relative to this file: `{{path}}` is the\n\
                 # article's path (the same in every locale), `{{locale}}` a locale tag such as `fr`,\n\
                 # `pt-br` or `zh-hans`. Files no pattern names are not checked.\n\
                 [layout]\nsource = \"{source}\""
            );
            let translations: Vec<String> =
                d.translations.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(out, "translations = [{}]", translations.join(", "));
            if !d.locales.is_empty() {
                let _ = writeln!(out, "# Translated locales found: {}.", d.locales.join(", "));
            }
            for note in &d.notes {
                let _ = writeln!(out, "# {note}");
            }
            out.push('\n');
        }
        Some(d) => {
            let _ = writeln!(
                out,
                "# The Microsoft Docs conventions (locale folders such as `de-de/`, `ms.contentlocale`,\n\
                 # `ms.openlocfilehash`) need no [layout].{}\n",
                if d.locales.is_empty() {
                    String::new()
                } else {
                    format!(" Locale folders found: {}.", d.locales.join(", "))
                }
            );
        }
        None => {
            let _ = writeln!(
                out,
                "# No known layout was recognised: the Microsoft Docs conventions apply (locale\n\
                 # folders such as `de-de/`, `ms.contentlocale`, `ms.openlocfilehash`). To name\n\
                 # sources and translations by path instead, uncomment and adapt:\n\
                 # [layout]\n\
                 # source = \"docs/{{path}}\"\n\
                 # translations = [\"i18n/{{locale}}/{{path}}\"]\n"
            );
        }
    }
    let microsoft = detected.is_none_or(|d| d.source.is_none());
    out.push_str("[front-matter]\n");
    let quoted = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let required = detected.map_or(&["title"][..], |d| d.required_keys);
    let _ = writeln!(
        out,
        "# Keys every article must have.\nrequired-keys = [{}]",
        quoted(required)
    );
    if microsoft {
        out.push_str(
            "# Keys that must be equal in every locale of an article (default: ms.author, ms.date,\n\
             # ms.topic, … see the README).\n# invariant-keys = [\"ms.author\", \"ms.date\", \"ms.topic\"]\n",
        );
    } else {
        let invariant = detected.map_or(&[][..], |d| d.invariant_keys);
        let _ = writeln!(
            out,
            "# Keys that must be equal in every locale of an article.\ninvariant-keys = [{}]",
            quoted(invariant)
        );
    }
    let version_key = detected.map_or("ms.openlocfilehash", |d| d.version_key);
    let _ = writeln!(
        out,
        "# The key naming the source version a translation was made from (a file on another\n\
         # version than most locales is out of sync, and is compared with the locales on its\n\
         # version), and the key declaring a file's locale.\n\
         # version-key = \"{version_key}\"\n# locale-key = \"ms.contentlocale\"\n"
    );
    out.push_str("# Rule levels: off, warning or error.\n[rules]\n");
    if detected.is_some_and(|d| d.front_matter_optional) {
        out.push_str(
            "# Pages of this layout need no front matter.\nfront-matter-missing = \"off\"\n",
        );
    } else {
        out.push_str("# link-text-untranslated = \"off\"\n");
    }
    out.push_str(
        "\n# Settings for some paths (globs relative to this file, matching a file or its\n\
         # article's source) or locales; the later entry wins.\n\
         # [[overrides]]\n# paths = [\"legacy/**\"]\n# source-locale = \"de\"     # articles written in German on purpose\n\
         # [[overrides]]\n# locales = [\"ja\"]\n# [overrides.rules]\n# text-untranslated = \"off\"\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_from_toolchain_configuration() {
        assert_eq!(
            setting("i18n: {\n    defaultLocale: 'fr',\n", "defaultLocale").as_deref(),
            Some("fr")
        );
        assert_eq!(
            setting(
                "defaultContentLanguage = \"pt-br\"\n",
                "defaultContentLanguage"
            )
            .as_deref(),
            Some("pt-br")
        );
        assert_eq!(setting("defaultLocale: locale,", "defaultLocale"), None);
        let mkdocs = "plugins:\n  - i18n:\n      languages:\n        - locale: en\n          name: English\n        - locale: de\n          default: true\n";
        assert_eq!(mkdocs_default(mkdocs).as_deref(), Some("de"));
        assert_eq!(mkdocs_default("site_name: x\n"), None);
    }

    #[test]
    fn hugo_with_toml_front_matter_needs_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("hugo.toml"),
            "defaultContentLanguage = 'fr'\n",
        )
        .unwrap();
        for (lang, text) in [("fr", "+++\ntitle = 'Guide'\n+++\n"), ("en", "+++\n+++\n")] {
            fs::create_dir_all(dir.path().join("content").join(lang)).unwrap();
            fs::write(dir.path().join("content").join(lang).join("a.md"), text).unwrap();
        }
        let detected = detect(dir.path()).unwrap();
        assert_eq!(detected.name, "Hugo (folders)");
        assert_eq!(detected.source.as_deref(), Some("content/fr/{path}"));
        assert_eq!(detected.locales, ["en"]);
        assert!(detected.front_matter_optional && detected.required_keys.is_empty());
        fs::write(
            dir.path().join("content/fr/a.md"),
            "---\ntitle: Guide\n---\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("content/en/a.md"),
            "---\ntitle: Guide\n---\n",
        )
        .unwrap();
        assert!(!detect(dir.path()).unwrap().front_matter_optional);
    }

    #[test]
    fn every_rendered_configuration_is_valid() {
        let root = Path::new("/nonexistent");
        let mut cases = vec![None, Some(microsoft_default())];
        for (name, source, translation) in [
            ("Docusaurus", "docs/{path}", "i18n/{locale}/x/{path}"),
            (
                "MkDocs (suffixes)",
                "docs/{path}.md",
                "docs/{path}.{locale}.md",
            ),
        ] {
            let mut d = Detected::new(name, source, translation, "en".to_owned());
            d.locales = vec!["fr".to_owned()];
            d.front_matter_optional = true;
            d.notes.push("a note".to_owned());
            cases.push(Some(d));
        }
        assert!(detect(root).is_none());
        for detected in cases {
            let text = render(detected.as_ref());
            let config = crate::config::parse(&text, "loclint.toml")
                .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
            assert_eq!(
                config.layout.as_ref().map(|l| l.source.as_str().to_owned()),
                detected.as_ref().and_then(|d| d.source.clone())
            );
            if detected.as_ref().is_some_and(|d| d.front_matter_optional) {
                assert_eq!(
                    config.rules.get("front-matter-missing"),
                    Some(&crate::config::Level::Off)
                );
            }
        }
    }

    fn microsoft_default() -> Detected {
        Detected {
            name: "Microsoft Docs",
            source: None,
            translations: Vec::new(),
            source_locale: "en-US".to_owned(),
            locales: vec!["de-de".to_owned()],
            invariant_keys: &[],
            required_keys: &["title"],
            front_matter_optional: false,
            version_key: "ms.openlocfilehash",
            notes: Vec::new(),
        }
    }
}
