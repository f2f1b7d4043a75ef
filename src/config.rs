//! `loclint.toml`: found from the checked path upward, or named with `--config`. Unknown keys and
//! unknown rule ids are errors that point at their place in the file. Owns no linting logic.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::layout::{Layout, LayoutFile, Root};
use crate::overrides::{Override, OverrideFile};
use crate::rules::{self, Settings};

pub const FILE_NAME: &str = "loclint.toml";

/// A rule's level as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    Warning,
    Error,
}

/// The effective configuration of a run.
#[derive(Debug, Clone)]
pub struct Config {
    pub source_locale: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub rules: BTreeMap<String, Level>,
    pub settings: Settings,
    /// Only these rules (command line), when not empty.
    pub select: Vec<String>,
    /// Never these rules (command line).
    pub ignore: Vec<String>,
    /// The file the configuration came from.
    pub path: Option<PathBuf>,
    /// Where sources and translations are, when not the Microsoft Docs conventions.
    pub layout: Option<Layout>,
    /// Settings for some paths or locales (`[[overrides]]`), in the order written.
    pub overrides: Vec<Override>,
    /// The folder layout patterns and override globs are relative to.
    pub root: Root,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source_locale: "en-US".to_owned(),
            include: vec!["*.md".to_owned(), "*.markdown".to_owned()],
            exclude: Vec::new(),
            rules: BTreeMap::new(),
            settings: Settings::default(),
            select: Vec::new(),
            ignore: Vec::new(),
            path: None,
            layout: None,
            overrides: Vec::new(),
            root: Root::default(),
        }
    }
}

#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Error {
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(loclint::config))]
    Read { path: String, reason: String },

    #[error("{message}")]
    #[diagnostic(code(loclint::config))]
    Invalid {
        message: String,
        #[source_code]
        source_code: NamedSource<String>,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    #[error("unknown rule `{0}`")]
    #[diagnostic(code(loclint::usage), help("`loclint rules` lists every rule id"))]
    UnknownRule(String),

    #[error("invalid glob: {0}")]
    #[diagnostic(code(loclint::config))]
    Glob(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    source_locale: Option<String>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    front_matter: Option<FrontMatterFile>,
    layout: Option<LayoutFile>,
    #[serde(default)]
    overrides: Vec<Spanned<OverrideFile>>,
    terms: Option<TermsFile>,
}

/// `[terms]` as written (at the top level or in an override).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsFile {
    keep: Option<Vec<String>>,
    /// Locale -> term -> the forms that locale may write instead.
    allow: Option<BTreeMap<String, BTreeMap<String, Vec<String>>>>,
}

impl TermsFile {
    /// Adds these terms and allowed forms to `terms`.
    pub fn add_to(self, terms: &mut crate::rules::Terms) {
        terms.keep.extend(self.keep.unwrap_or_default());
        for (locale, allowed) in self.allow.unwrap_or_default() {
            for (term, forms) in allowed {
                terms.allow.push((locale.clone(), term, forms));
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FrontMatterFile {
    required_keys: Option<Vec<String>>,
    invariant_keys: Option<Vec<String>>,
    known_keys: Option<Vec<String>>,
    version_key: Option<String>,
    locale_key: Option<String>,
}

/// A mistake in the configuration found past its syntax: what, where, and what to do.
#[derive(Debug)]
pub struct Mistake {
    pub message: String,
    pub span: Range<usize>,
    pub label: String,
    pub help: Option<String>,
}

/// The configuration file for a run: `explicit` if given, else `loclint.toml` in the first checked
/// path or one of its parents, else in the working directory.
pub fn find(explicit: Option<&Path>, paths: &[PathBuf]) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    let start = paths
        .first()
        .map_or_else(|| PathBuf::from("."), Clone::clone);
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    let here = PathBuf::from(FILE_NAME);
    here.is_file().then_some(here)
}

/// Reads a configuration file.
pub fn load(path: &Path) -> Result<Config, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut config = parse(&text, &path.display().to_string())?;
    config.path = Some(path.to_path_buf());
    config.root = Root::new(path.parent().unwrap_or(Path::new(".")));
    Ok(config)
}

/// Parses configuration text; `name` labels errors.
pub fn parse(text: &str, name: &str) -> Result<Config, Error> {
    let invalid =
        |message: String, span: Range<usize>, label: &str, help: Option<String>| Error::Invalid {
            message,
            source_code: NamedSource::new(name, text.to_owned()),
            span: span.into(),
            label: label.to_owned(),
            help,
        };
    let file: File = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        invalid(
            format!("invalid configuration: {}", e.message()),
            span,
            "here",
            Some("see the README's configuration section for every key".to_owned()),
        )
    })?;
    let mut config = Config::default();
    if let Some(locale) = file.source_locale {
        config.source_locale = crate::locale::canonical(&locale).unwrap_or(locale);
    }
    if let Some(include) = file.include {
        config.include = include;
    }
    if let Some(exclude) = file.exclude {
        config.exclude = exclude;
    }
    for (id, level) in file.rules {
        if rules::find(id.get_ref()).is_none() {
            return Err(invalid(
                format!("unknown rule `{}`", id.get_ref()),
                id.span(),
                "not a rule id",
                Some("`loclint rules` lists every rule id".to_owned()),
            ));
        }
        let level = match level.get_ref().as_str() {
            "off" => Level::Off,
            "warning" | "warn" => Level::Warning,
            "error" => Level::Error,
            other => {
                return Err(invalid(
                    format!("unknown level `{other}` for rule `{}`", id.get_ref()),
                    level.span(),
                    "expected `off`, `warning` or `error`",
                    None,
                ));
            }
        };
        config.rules.insert(id.into_inner(), level);
    }
    if let Some(front_matter) = file.front_matter {
        if let Some(keys) = front_matter.required_keys {
            config.settings.required_keys = keys;
        }
        if let Some(keys) = front_matter.invariant_keys {
            config.settings.invariant_keys = keys;
        }
        if let Some(keys) = front_matter.known_keys {
            config.settings.known_keys = keys;
        }
        if let Some(key) = front_matter.version_key {
            std::sync::Arc::make_mut(&mut config.settings.keys).version = key;
        }
        if let Some(key) = front_matter.locale_key {
            std::sync::Arc::make_mut(&mut config.settings.keys).locale = key;
        }
    }
    let mistake = |m: Mistake| invalid(m.message, m.span, &m.label, m.help);
    if let Some(layout) = file.layout {
        config.layout = Some(layout.build().map_err(mistake)?);
    }
    for entry in file.overrides {
        config
            .overrides
            .push(Override::build(entry).map_err(mistake)?);
    }
    if let Some(terms) = file.terms {
        terms.add_to(&mut config.settings.terms);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_file() {
        let config = parse(
            "source-locale = \"en-us\"\nexclude = [\"**/includes/**\"]\n[rules]\nlink-extra = \"warning\"\nlocale-unknown = \"off\"\n[front-matter]\nrequired-keys = [\"title\", \"ms.date\"]\n",
            "loclint.toml",
        )
        .unwrap();
        assert_eq!(config.source_locale, "en-US");
        assert_eq!(config.rules["link-extra"], Level::Warning);
        assert_eq!(config.rules["locale-unknown"], Level::Off);
        assert_eq!(config.settings.required_keys, ["title", "ms.date"]);
    }

    #[test]
    fn reads_terms_and_allowed_translations() {
        let text = "[terms]\nkeep = [\"Planner\", \"Microsoft Teams\"]\n[terms.allow.fr-FR]\nPlanner = [\"Planificateur\"]\n";
        let config = parse(text, "loclint.toml").unwrap();
        let terms = &config.settings.terms;
        assert_eq!(terms.keep, ["Planner", "Microsoft Teams"]);
        assert_eq!(
            terms.allowed("fr-FR", "Planner").collect::<Vec<_>>(),
            ["Planificateur"]
        );
        assert_eq!(terms.allowed("de-DE", "Planner").count(), 0);
    }

    #[test]
    fn unknown_key_points_at_it() {
        let text = "source-locale = \"en-US\"\nsorce = 1\n";
        let Err(Error::Invalid { span, message, .. }) = parse(text, "x") else {
            panic!("expected an error")
        };
        assert!(message.contains("sorce"), "{message}");
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "sorce");
    }

    #[test]
    fn unknown_rule_points_at_it() {
        let text = "[rules]\nlink-missin = \"off\"\n";
        let Err(Error::Invalid { span, message, .. }) = parse(text, "x") else {
            panic!("expected an error")
        };
        assert_eq!(message, "unknown rule `link-missin`");
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "link-missin"
        );
    }
}
