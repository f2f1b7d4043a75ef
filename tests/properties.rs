//! Properties over generated articles (an en-US source and two to four translations, with front
//! matter, headings and links): linting is deterministic, does not depend on the order the files
//! are named in or on the number of threads, and one defect injected into one translation (a
//! link dropped, a URL changed, a section removed, a front-matter key removed) is reported on
//! that file at that line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use loclint::config::Config;
use loclint::report::{Diagnostic, concise};
use loclint::{Options, lint};
use proptest::prelude::*;
use proptest::sample::Index;

const TRANSLATIONS: &[&str] = &["de-DE", "fr-FR", "es-ES", "it-IT"];
const HASH: &str = "0a771c43b308794af1efd55b9c185b2dcff71700";

/// One section of the article: how many links its paragraph has, and a seed for its words.
#[derive(Debug, Clone)]
struct Section {
    links: usize,
    seed: u32,
}

#[derive(Debug, Clone, Copy)]
enum Mutation {
    DropLink,
    ChangeUrl,
    RemoveSection,
    RemoveKey,
}

#[derive(Debug, Clone)]
struct Case {
    translations: usize,
    sections: Vec<Section>,
    mutation: Mutation,
    /// Which translation, which section, which link.
    target: (Index, Index, Index),
    /// The order the files are named in.
    order: Vec<usize>,
}

/// A word of `locale` for `n`: made-up words, distinct per locale, that read as no language.
fn word(locale: &str, n: u32) -> String {
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ve", "tu", "ra", "no", "si", "de", "pu"];
    let prefix = &locale[..2];
    let mut w = String::from(prefix);
    let mut n = n;
    for _ in 0..3 {
        w.push_str(SYLLABLES[(n % 10) as usize]);
        n /= 10;
    }
    w
}

fn words(locale: &str, seed: u32, count: u32) -> String {
    (0..count)
        .map(|i| {
            if locale == "en-US" {
                ["the", "setup", "of", "your", "account", "and", "mail"][((seed + i) % 7) as usize]
                    .to_owned()
            } else {
                word(locale, seed.wrapping_mul(7).wrapping_add(i))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lines of one locale's file, with the line (1-based) of each section's heading and
/// paragraph.
struct File {
    lines: Vec<String>,
    headings: Vec<usize>,
    paragraphs: Vec<usize>,
}

fn url(section: usize, link: usize) -> String {
    format!("https://example.com/docs/topic-{section}/page-{link}")
}

fn render(locale: &str, sections: &[Section]) -> File {
    let mut lines = vec!["---".to_owned()];
    let title = words(locale, 1, 3);
    lines.push(format!("title: {title}"));
    lines.push("ms.author: jdoe".to_owned());
    lines.push("ms.date: 01/02/2024".to_owned());
    lines.push("ms.topic: article".to_owned());
    lines.push(format!("ms.openlocfilehash: {HASH}"));
    if locale != "en-US" {
        lines.push("ms.translationtype: MT".to_owned());
        lines.push(format!("ms.contentlocale: {locale}"));
    }
    lines.push("---".to_owned());
    let (mut headings, mut paragraphs) = (Vec::new(), Vec::new());
    for (s, section) in sections.iter().enumerate() {
        lines.push(String::new());
        let hashes = if s == 0 { "#" } else { "##" };
        lines.push(format!("{hashes} {} {s}", words(locale, section.seed, 2)));
        headings.push(lines.len());
        lines.push(String::new());
        let mut paragraph = words(locale, section.seed + 3, 4);
        for l in 0..section.links {
            let _ = write!(
                paragraph,
                " [{} {l}]({}) {}",
                words(locale, section.seed + 11 + u32::try_from(l).unwrap(), 2),
                url(s, l),
                words(locale, section.seed + 5, 2)
            );
        }
        paragraph.push('.');
        lines.push(paragraph);
        paragraphs.push(lines.len());
    }
    File {
        lines,
        headings,
        paragraphs,
    }
}

fn case() -> impl Strategy<Value = Case> {
    let section = (1usize..=3, 0u32..1000).prop_map(|(links, seed)| Section { links, seed });
    (
        2usize..=4,
        prop::collection::vec(section, 3..=5),
        prop_oneof![
            Just(Mutation::DropLink),
            Just(Mutation::ChangeUrl),
            Just(Mutation::RemoveSection),
            Just(Mutation::RemoveKey),
        ],
        (any::<Index>(), any::<Index>(), any::<Index>()),
    )
        .prop_flat_map(|(translations, sections, mutation, target)| {
            let order = Just((0..=translations).collect::<Vec<_>>()).prop_shuffle();
            (
                Just(translations),
                Just(sections),
                Just(mutation),
                Just(target),
                order,
            )
        })
        .prop_map(|(translations, sections, mutation, target, order)| Case {
            translations,
            sections,
            mutation,
            target,
            order,
        })
}

/// Writes the article's files under `dir`; returns their paths (the source first) and the
/// files' lines.
fn write(dir: &Path, case: &Case, files: &[File]) -> Vec<PathBuf> {
    let locales = std::iter::once("en-US").chain(TRANSLATIONS[..case.translations].iter().copied());
    locales
        .zip(files)
        .map(|(locale, file)| {
            let folder = dir.join(locale);
            fs::create_dir_all(&folder).unwrap();
            let path = folder.join("article.md");
            fs::write(&path, file.lines.join("\n") + "\n").unwrap();
            path
        })
        .collect()
}

fn run(paths: Vec<PathBuf>, threads: usize) -> Vec<Diagnostic> {
    let mut options = Options::new(paths, Config::default());
    options.threads = Some(threads);
    lint(&options).unwrap().diagnostics
}

/// What a run reports, in full: the concise lines, the help and the related locations.
fn shown(diagnostics: &[Diagnostic]) -> String {
    let mut out = concise::render(diagnostics);
    for d in diagnostics {
        let _ = writeln!(out, "{:?} {:?} {:?}", d.span, d.help, d.related.len());
    }
    out
}

/// Applies the mutation to translation `t`'s lines; returns the lines (1-based, in the mutated
/// file) where the finding may be, and the rules that may report it.
fn mutate(case: &Case, file: &mut File) -> (Vec<usize>, &'static [&'static str]) {
    let sections = &case.sections;
    match case.mutation {
        Mutation::DropLink | Mutation::ChangeUrl => {
            let s = case.target.1.index(sections.len());
            let l = case.target.2.index(sections[s].links);
            let line = &mut file.lines[file.paragraphs[s] - 1];
            let target = format!("]({})", url(s, l));
            let start = line[..line.find(&target).unwrap()].rfind(" [").unwrap();
            if matches!(case.mutation, Mutation::DropLink) {
                let end = line.find(&target).unwrap() + target.len();
                line.replace_range(start..end, "");
                (
                    vec![file.headings[s], file.paragraphs[s]],
                    &["link-missing"],
                )
            } else {
                *line = line.replace(&url(s, l), &format!("{}-old", url(s, l)));
                (
                    vec![file.paragraphs[s]],
                    &["link-url-mismatch", "link-missing", "link-extra"],
                )
            }
        }
        Mutation::RemoveSection => {
            // Not the title section: one of the `##` sections, heading to paragraph.
            let s = 1 + case.target.1.index(sections.len() - 1);
            let first = file.headings[s] - 2; // the blank line before the heading (0-based)
            let last = file.paragraphs[s]; // exclusive, 0-based
            file.lines.drain(first..last);
            let removed = last - first;
            // Between the previous section's heading and the next section's (or the end).
            let next = file
                .headings
                .get(s + 1)
                .map_or(file.lines.len() + 1, |h| h - removed);
            (
                (file.headings[s - 1]..=next).collect(),
                &["section-missing"],
            )
        }
        Mutation::RemoveKey => {
            file.lines.retain(|l| !l.starts_with("ms.author:"));
            (vec![1], &["front-matter-invariant-mismatch"])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn lint_is_deterministic_order_and_thread_independent_and_finds_the_injected_defect(case in case()) {
        let dir = tempfile::tempdir().unwrap();
        let locales: Vec<&str> = std::iter::once("en-US")
            .chain(TRANSLATIONS[..case.translations].iter().copied())
            .collect();
        let mut files: Vec<File> = locales.iter().map(|l| render(l, &case.sections)).collect();

        // The generated article is clean of the defects injected below.
        let paths = write(dir.path(), &case, &files);
        let clean = run(paths.clone(), 1);
        let injected = ["link-missing", "link-url-mismatch", "link-extra", "section-missing",
            "front-matter-invariant-mismatch"];
        prop_assert!(
            !clean.iter().any(|d| injected.contains(&d.rule)),
            "the generated article has a defect already:\n{}", concise::render(&clean)
        );

        let t = 1 + case.target.0.index(case.translations);
        let (lines, rules) = mutate(&case, &mut files[t]);
        let paths = write(dir.path(), &case, &files);

        let named: Vec<PathBuf> = case.order.iter().map(|&i| paths[i].clone()).collect();
        let by_folder = run(vec![dir.path().to_path_buf()], 1);
        let again = run(vec![dir.path().to_path_buf()], 1);
        let two_threads = run(vec![dir.path().to_path_buf()], 2);
        let in_order = run(named, 2);
        prop_assert_eq!(shown(&by_folder), shown(&again), "not deterministic");
        prop_assert_eq!(shown(&by_folder), shown(&two_threads), "depends on the threads");
        prop_assert_eq!(shown(&by_folder), shown(&in_order), "depends on the file order");

        let found = by_folder.iter().any(|d| {
            d.path == paths[t] && rules.contains(&d.rule) && lines.contains(&d.line)
        });
        prop_assert!(
            found,
            "{:?} in {} expected as {:?} at lines {:?}; loclint printed:\n{}",
            case.mutation, locales[t], rules, lines, concise::render(&by_folder)
        );
    }
}
