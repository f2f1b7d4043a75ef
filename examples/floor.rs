//! The floor loclint is measured against: walk the same tree, read every Markdown file and run
//! pulldown-cmark over it with loclint's parser options, on the same thread pool. Nothing else.
//!
//! `cargo run --release --example floor -- <dir> [threads]`: prints `files=… events=… seconds=…`.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".to_owned()));
    let threads: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    let started = Instant::now();
    let paths: Vec<PathBuf> = ignore::WalkBuilder::new(&root)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "markdown"))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("thread pool: {e}"));
    let events: usize = pool.install(|| {
        paths
            .par_iter()
            .map(|path| {
                let Ok(text) = std::fs::read_to_string(path) else {
                    return 0;
                };
                pulldown_cmark::Parser::new_ext(&text, loclint::parse::markdown::options())
                    .into_offset_iter()
                    .count()
            })
            .sum()
    });
    println!(
        "files={} events={events} seconds={:.3}",
        paths.len(),
        started.elapsed().as_secs_f64()
    );
}
