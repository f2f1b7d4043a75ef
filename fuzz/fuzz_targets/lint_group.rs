//! Lints an article of two to five locale files cut from the fuzz input (split on NUL bytes),
//! through the whole engine: grouping, alignment, every rule, positions, every output format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loclint::config::Config;
use loclint::report::{concise, json};

const LOCALES: &[&str] = &["de-DE", "fr-FR", "he-IL", "ja-JP", "en-US"];

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.split(|&b| b == 0).take(LOCALES.len()).collect();
    if parts.len() < 2 {
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    for (part, locale) in parts.iter().zip(LOCALES) {
        let folder = dir.path().join(locale);
        if std::fs::create_dir_all(&folder).is_err() || std::fs::write(folder.join("a.md"), part).is_err() {
            return;
        }
    }
    let mut options = loclint::Options::new(vec![dir.path().to_path_buf()], Config::default());
    options.threads = Some(1);
    let Ok(outcome) = loclint::lint(&options) else {
        return;
    };
    for diagnostic in &outcome.diagnostics {
        // The engine turns a panic into this finding; for the fuzzer it is a crash.
        assert_ne!(diagnostic.rule, "internal-error", "{}", diagnostic.message);
        assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
        assert!((diagnostic.end_line, diagnostic.end_column) >= (diagnostic.line, diagnostic.column));
    }
    let _ = concise::render(&outcome.diagnostics);
    let _ = json::render(&outcome.diagnostics, &outcome.summary);
});
