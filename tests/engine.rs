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
