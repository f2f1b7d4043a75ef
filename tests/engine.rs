//! Properties of the engine as a whole: output independent of the thread count, and shards that
//! together cover every article exactly once.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

use loclint::config::Config;
use loclint::report::concise;
use loclint::{Options, lint};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn run(threads: Option<usize>, shard: Option<(usize, usize)>) -> (String, usize) {
    let mut options = Options::new(vec![fixtures()], Config::default());
    options.threads = threads;
    options.shard = shard;
    let outcome = lint(&options).expect("the fixtures lint");
    (
        concise::render(&outcome.diagnostics),
        outcome.summary.articles,
    )
}

#[test]
fn output_is_the_same_on_one_or_two_threads() {
    let (one, articles) = run(Some(1), None);
    let (two, _) = run(Some(2), None);
    assert!(
        articles > 20,
        "the fixtures hold many articles ({articles})"
    );
    assert!(one.lines().count() > 20, "and many findings");
    assert_eq!(one, two);
}

#[test]
fn shards_cover_every_article_once() {
    let (whole, articles) = run(Some(2), None);
    let mut lines: Vec<String> = Vec::new();
    let mut counted = 0;
    for k in 1..=3 {
        let (part, part_articles) = run(Some(2), Some((k, 3)));
        assert!(
            part_articles < articles,
            "shard {k}/3 holds only some articles"
        );
        counted += part_articles;
        lines.extend(part.lines().map(str::to_owned));
    }
    assert_eq!(counted, articles);
    let mut whole: Vec<String> = whole.lines().map(str::to_owned).collect();
    whole.sort();
    lines.sort();
    assert_eq!(lines, whole);
}

#[test]
fn findings_rendered_on_a_pool_come_in_output_order() {
    // Enough files with findings for several stretches of `render_in_order`.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for k in 0..700 {
        for (locale, link) in [
            ("en-US", "[the docs](https://example.com/a)"),
            ("de-DE", ""),
        ] {
            let folder = dir.path().join(locale);
            std::fs::create_dir_all(&folder).expect("a locale folder");
            let text = format!("---\ntitle: A {k}\n---\n\n# A {k}\n\nSee {link} now.\n");
            std::fs::write(folder.join(format!("a{k}.md")), text).expect("an article");
        }
    }
    let mut options = Options::new(vec![dir.path().to_owned()], Config::default());
    options.threads = Some(2);
    let report = loclint::lint_report(&options).expect("the articles lint");
    let in_order: Vec<String> = report.iter().map(|d| concise::line(&d)).collect();
    assert!(
        in_order.len() >= 700,
        "a finding per translation ({})",
        in_order.len()
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool");
    for pool in [None, Some(&pool)] {
        let mut rendered = Vec::new();
        let (written, error) = report.render_in_order(
            pool,
            |d| concise::line(&d),
            |line| {
                rendered.push(line);
                Ok(())
            },
        );
        assert!(written.is_ok() && error.is_none());
        assert_eq!(rendered, in_order, "pool {}", pool.is_some());
    }
}
