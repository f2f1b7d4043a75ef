//! loclint: a localization consistency linter for Markdown documentation.
//!
//! The pipeline is a straight line of plain functions:
//! `discover -> parse -> group -> align -> rules -> sort -> report`.
//! This file owns the order of the stages and the attaching of rule id, severity and path to each
//! finding; it decides nothing about Markdown or about what counts as a defect.

pub mod align;
pub mod anchors;
pub mod baseline;
pub mod changed;
pub mod cli;
pub mod config;
pub mod discover;
pub mod fix;
pub mod init;
pub mod layout;
pub mod locale;
pub mod model;
pub mod numbers;
pub mod overrides;
pub mod parse;
pub mod progress;
pub mod report;
pub mod rules;
pub mod store;
pub mod suppression;
pub mod terms;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use align::{Alignment, Group, Pair};
use baseline::Baseline;
use changed::{Matcher, Selection};
use config::Config;
use discover::Found;
use model::Role;
use report::{Diagnostic, Summary};
use rules::{Check, Finding, Severity};

/// What to lint and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Config,
    /// Worker threads; `None`: one per core.
    pub threads: Option<usize>,
    /// `(k, n)`: check only the articles of shard `k` of `n` (1-based).
    pub shard: Option<(usize, usize)>,
    /// Check only the articles holding these files (all their locales) and report on these
    /// files; `paths` is then not walked, `selection.root` is.
    pub selection: Option<Selection>,
    pub baseline: Option<BaselineUse>,
    /// Report each suppression comment that suppressed nothing.
    pub report_unused_suppressions: bool,
    /// Counts the articles planned and checked, for a progress bar.
    pub progress: Option<Arc<progress::Counter>>,
    /// The caller counts the findings as it reads them (`Report::render_in_order`), so the
    /// first reading that counts them is left out: `Report::summary` then counts files and
    /// articles only. Not with a baseline filter, whose counts come from that reading.
    pub counted_by_reader: bool,
}

/// What a run does with a baseline.
#[derive(Debug, Clone)]
pub enum BaselineUse {
    /// Drop the findings it records (`--baseline`).
    Filter(Baseline),
    /// Record this run's findings into it (`--write-baseline`; it holds the file's former
    /// entries, kept for the articles this run does not check).
    Record(Baseline),
}

impl Options {
    pub fn new(paths: Vec<PathBuf>, config: Config) -> Self {
        Options {
            paths,
            config,
            threads: None,
            shard: None,
            selection: None,
            baseline: None,
            report_unused_suppressions: false,
            progress: None,
            counted_by_reader: false,
        }
    }
}

/// Why a run could not be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] config::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Git(#[from] changed::Error),
    #[error("cannot hold the findings: {0}")]
    #[diagnostic(code(loclint::findings))]
    Findings(#[from] std::io::Error),
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// With `BaselineUse::Filter`: what the baseline matched.
    pub baseline: Option<BaselineCounts>,
    /// With `BaselineUse::Record`: the baseline to write.
    pub recorded: Option<Baseline>,
}

/// What a baseline did in a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct BaselineCounts {
    /// Findings dropped because the baseline records them.
    pub matched: usize,
    /// Recorded findings of the checked articles that no longer occur.
    pub stale: usize,
}

/// The result of checking one article.
struct Checked {
    name: String,
    diagnostics: Vec<Diagnostic>,
    /// Findings about the change itself (a changed source puts its translations out of sync):
    /// reported although they are not in a changed file.
    notices: Vec<Diagnostic>,
}

/// What every article of a run is checked with besides the configuration.
#[derive(Default)]
struct Run<'a> {
    unreadable: Option<Severity>,
    matcher: Option<&'a Matcher>,
    since: Option<&'a str>,
    report_unused_suppressions: bool,
}

/// The files of one article, not read yet (at least one).
#[derive(Debug)]
pub struct Plan<'a> {
    pub files: &'a [Found],
    /// The place of `files[0]` in the walk's list.
    pub first: usize,
}

impl Plan<'_> {
    /// The article key its files share.
    pub fn key(&self) -> &str {
        self.files.first().map_or("", |f| f.key().as_str())
    }
}

/// Lints every Markdown file under `options.paths`. Articles are read, checked and dropped one
/// at a time per thread, so memory holds the articles in flight and the diagnostics, not the
/// repository; the output does not depend on the number of threads.
pub fn lint(options: &Options) -> Result<Outcome, Error> {
    lint_report(options)?.into_outcome()
}

/// Lints as `lint` does and keeps the findings for reading in output order (`Report::iter`),
/// compactly and, beyond a memory budget, in a temporary file.
pub fn lint_report(options: &Options) -> Result<Report, Error> {
    let mut filter = discover::Filter::new(&options.config.include, &options.config.exclude)
        .map_err(|e| config::Error::Glob(e.to_string()))?;
    if let Some(layout) = &options.config.layout {
        filter = filter.with_layout(
            layout.clone(),
            options.config.root.clone(),
            &options.config.source_locale,
        );
    }
    let pool = thread_pool(options.threads)?;
    let (found, matcher) = match &options.selection {
        Some(selection) if selection.since.is_some() && selection.named.is_empty() => {
            // Only changes: their articles' other locales are in the locale folders beside
            // them, so a large tree need not be walked (unless a layout names locales otherwise).
            let matcher = selection.start()?.finish(&filter)?;
            let beside = (!matcher.has_flat_layout())
                .then(|| discover::siblings(&matcher.changed_files(), &filter))
                .flatten();
            let found = beside.unwrap_or_else(|| discover_selection(selection, &filter));
            (found, Some(matcher))
        }
        Some(selection) => {
            // git lists the changes while the root is walked.
            let listing = selection.start()?;
            let found = discover_selection(selection, &filter);
            (found, Some(listing.finish(&filter)?))
        }
        None => (
            on(pool.as_ref(), || {
                discover::discover(&options.paths, &filter)
            }),
            None,
        ),
    };
    lint_files(found, matcher, options, pool.as_ref())
}

/// The pool `--threads` asks for; `None` for one thread, which checks on the calling thread.
pub(crate) fn thread_pool(threads: Option<usize>) -> Result<Option<rayon::ThreadPool>, Error> {
    match threads {
        Some(1) => Ok(None),
        threads => Ok(Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads.unwrap_or(0))
                .build()
                .map_err(|e| config::Error::Glob(format!("cannot start threads: {e}")))?,
        )),
    }
}

/// Runs `work` on `pool` (where a sort may use its threads), or here without one.
fn on<T: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// `slice::sort_by` (stable) on the current thread pool's threads when called from one.
pub(crate) fn sort_by<T: Send>(
    items: &mut [T],
    compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    use rayon::slice::ParallelSliceMut;
    if rayon::current_thread_index().is_some() {
        items.par_sort_by(compare);
    } else {
        items.sort_by(compare);
    }
}

/// Sorts `items` on the current thread pool's threads when called from one, else here: the
/// walk's and the plan's sorts are the longest steps before checking can start.
pub(crate) fn sort_unstable_by<T: Send>(
    items: &mut [T],
    compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    use rayon::slice::ParallelSliceMut;
    if rayon::current_thread_index().is_some() {
        items.par_sort_unstable_by(compare);
    } else {
        items.sort_unstable_by(compare);
    }
}

/// Lints files a walk found (`discover::discover`): every stage of `lint` after discovery.
/// A file that cannot be read by the time its article is checked (deleted, replaced by a
/// folder) is a `file-unreadable` finding.
pub fn lint_found(found: Vec<Found>, options: &Options) -> Result<Outcome, Error> {
    let pool = thread_pool(options.threads)?;
    lint_files(found, None, options, pool.as_ref())?.into_outcome()
}

/// Articles checked or held at a time: the findings of the slowest of them bound what waits to
/// be stored.
const IN_FLIGHT: usize = 256;

/// Runs `work` on `pool` for each of `0..count` and hands each outcome to `keep` in that order,
/// as soon as it and those before it are done: the articles checked, the files of a report
/// rendered. The workers never wait for each other: a new item starts as each one ends, and at
/// most `IN_FLIGHT` outcomes are in flight or held. The outcomes are taken in on one of the
/// pool's threads, between the items it runs itself: no thread sleeps and wakes for each item.
fn in_order<T: Send, E: Send>(
    pool: &rayon::ThreadPool,
    count: usize,
    work: impl Fn(usize) -> T + Sync,
    mut keep: impl FnMut(T) -> Result<(), E> + Send,
) -> Result<(), E> {
    let work = &work;
    pool.install(|| {
        let (sender, outcomes) = std::sync::mpsc::channel::<(usize, std::thread::Result<T>)>();
        // Started first, first taken from the queue: the plan order.
        rayon::in_place_scope_fifo(|scope| {
            // `held[k]` is the outcome of item `kept + k`, once it is done.
            let mut held: std::collections::VecDeque<Option<T>> = std::collections::VecDeque::new();
            let (mut started, mut kept) = (0, 0);
            while kept < count {
                while started < count && started < kept + IN_FLIGHT {
                    let (sender, i) = (sender.clone(), started);
                    scope.spawn_fifo(move |_| {
                        let outcome =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i)));
                        // The receiver outlives the scope; a send fails only after an error
                        // ended the run.
                        let _ = sender.send((i, outcome));
                    });
                    started += 1;
                }
                // What is done, else a check of this thread's own, else a wait for the other
                // threads' (every started check sends, and this function holds a sender).
                let received = if let Ok(received) = outcomes.try_recv() {
                    received
                } else {
                    if let Some(rayon::Yield::Executed) = rayon::yield_now() {
                        continue;
                    }
                    let Ok(received) = outcomes.recv() else {
                        break;
                    };
                    received
                };
                let (i, outcome) = received;
                let outcome = outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                let k = i - kept;
                if held.len() <= k {
                    held.resize_with(k + 1, || None);
                }
                held[k] = Some(outcome);
                while held.front().is_some_and(Option::is_some) {
                    if let Some(Some(outcome)) = held.pop_front() {
                        keep(outcome)?;
                    }
                    kept += 1;
                }
            }
            Ok(())
        })
    })
}

fn lint_files(
    found: Vec<Found>,
    matcher: Option<Matcher>,
    options: &Options,
    pool: Option<&rayon::ThreadPool>,
) -> Result<Report, Error> {
    let mut summary = Summary {
        files: found.len(),
        ..Summary::default()
    };
    let mut found = found;
    if let Some(matcher) = &matcher {
        found.retain(|f| matcher.may_select(f));
    }
    let Planned {
        files,
        articles,
        mut unreadable,
    } = on(pool, || plan(found, &options.config.settings.keys.version));
    let mut plans: Vec<Plan<'_>> = (articles.into_iter())
        .map(|range| Plan {
            first: range.start,
            files: &files[range],
        })
        .collect();
    if let Some(matcher) = &matcher {
        // Before any file is read: this is what makes checking one change in a large
        // repository cheap.
        plans.retain(|plan| matcher.selects_plan(plan));
        unreadable.retain(|found| matcher.selects(&found.path()));
        summary.files = plans.iter().map(|p| p.files.len()).sum::<usize>() + unreadable.len();
    }
    if let Some((k, n)) = options.shard {
        plans.retain(|plan| shard_of(plan.key(), n) == k - 1);
    }
    summary.articles = plans.len();
    let mut store = store::Store::default();
    // The articles a baseline compares with: every one checked, and those of unreadable files.
    let mut linted: HashSet<String> = HashSet::new();
    let unreadable_severity = options.config.severity(rules::find("file-unreadable"));
    if let Some(severity) = unreadable_severity {
        let diagnostics: Vec<Diagnostic> = unreadable
            .iter()
            .map(|found| {
                let reason = found.problem.clone().unwrap_or_default();
                report::unreadable(found, found.key(), &reason, severity)
            })
            .collect();
        linted.extend(diagnostics.iter().map(|d| d.article.clone()));
        store.add(store::encode(&diagnostics), false)?;
    }
    drop(unreadable);
    let run = Run {
        unreadable: unreadable_severity,
        matcher: matcher.as_ref(),
        since: options
            .selection
            .as_ref()
            .and_then(|s| s.since.as_ref())
            .map(|s| s.reference.as_str()),
        report_unused_suppressions: options.report_unused_suppressions,
    };
    if let Some(progress) = &options.progress {
        progress.plan(plans.len());
    }
    let with_baseline = options.baseline.is_some();
    // Encoded on the worker threads: what the main thread keeps is compact already.
    let check = |plan: &Plan| {
        let checked = check_guarded(plan, &options.config, &run);
        if let Some(progress) = &options.progress {
            progress.advance();
        }
        let mut names = Vec::new();
        if with_baseline {
            names.push(checked.name);
            names.extend(checked.diagnostics.iter().map(|d| d.article.clone()));
        }
        (
            names,
            walked(store::encode(&checked.diagnostics), plan),
            walked(store::encode(&checked.notices), plan),
        )
    };
    let mut keep = |(names, diagnostics, notices): (Vec<String>, _, _)| -> Result<(), Error> {
        linted.extend(names);
        store.add(diagnostics, false)?;
        store.add(notices, true)?;
        Ok(())
    };
    match pool {
        None => {
            for plan in &plans {
                keep(check(plan))?;
            }
        }
        Some(pool) => in_order(pool, plans.len(), |i| check(&plans[i]), keep)?,
    }
    drop(plans);
    store.set_walk(files);
    let files = on(pool, || store.files());
    let report_all = options.selection.as_ref().is_none_or(|s| s.report_all);
    let mut report = Report {
        store,
        files,
        matcher: matcher.filter(|_| !report_all),
        filter: None,
        summary,
        baseline: None,
        recorded: None,
    };
    match &options.baseline {
        Some(BaselineUse::Filter(baseline)) => {
            report.filter = Some(baseline.clone());
        }
        Some(BaselineUse::Record(baseline)) => {
            let mut baseline = baseline.clone();
            baseline.forget(&linted);
            let mut regular = Vec::new();
            for i in 0..report.files.len() {
                report.regular(i, &mut regular)?;
                for d in &regular {
                    baseline.count(d);
                }
            }
            report.recorded = Some(baseline);
        }
        None => {}
    }
    // A first reading counts what the report will hold: file by file on the pool, unless a
    // baseline filters the findings (it takes them in order).
    let mut counted = report.summary.clone();
    counted.clear();
    let (taken, left) = match pool {
        _ if report.filter.is_none() && options.counted_by_reader => (0, None),
        Some(pool) if report.filter.is_none() && store::Store::READ_IN_PARALLEL => {
            counted.merge(&report.count_on(pool)?);
            (0, None)
        }
        _ => {
            let mut iter = report.iter();
            for d in iter.by_ref() {
                counted.add(&d);
            }
            if let Some(error) = iter.error {
                return Err(error.into());
            }
            (iter.matched, iter.left)
        }
    };
    let counts = report
        .filter
        .as_ref()
        .zip(left.as_ref())
        .map(|(baseline, left)| BaselineCounts {
            matched: taken,
            stale: baseline.stale(left, &linted),
        });
    drop(left);
    report.baseline = counts;
    report.summary = counted;
    Ok(report)
}

/// The findings of a run, read in output order; counted in `summary`.
pub struct Report {
    store: store::Store,
    /// The files with findings, sorted by path: their blocks in the store.
    files: Vec<Vec<usize>>,
    /// Findings are reported in the files it selects only.
    matcher: Option<Matcher>,
    /// A baseline whose recorded findings are not reported.
    filter: Option<Baseline>,
    pub summary: Summary,
    /// With `BaselineUse::Filter`: what the baseline matched.
    pub baseline: Option<BaselineCounts>,
    /// With `BaselineUse::Record`: the baseline to write.
    pub recorded: Option<Baseline>,
}

impl<'a> IntoIterator for &'a Report {
    type Item = Diagnostic;
    type IntoIter = Diagnostics<'a>;

    fn into_iter(self) -> Diagnostics<'a> {
        self.iter()
    }
}

impl Report {
    /// Every finding, in output order.
    pub fn iter(&self) -> Diagnostics<'_> {
        Diagnostics {
            report: self,
            next: 0,
            pending: Vec::new().into_iter(),
            left: self.filter.as_ref().map(Baseline::start),
            matched: 0,
            error: None,
        }
    }

    /// The counts of the findings reported, read file by file on `pool`. Not with a baseline
    /// filter, which takes findings in output order.
    fn count_on(&self, pool: &rayon::ThreadPool) -> Result<Summary, Error> {
        use rayon::prelude::*;
        let counted = pool.install(|| {
            (0..self.files.len())
                .into_par_iter()
                .map(|i| {
                    let mut counted = Summary::default();
                    for d in self.file(i, None, &mut 0)? {
                        counted.add(&d);
                    }
                    Ok(counted)
                })
                .try_reduce(Summary::default, |mut a, b| {
                    a.merge(&b);
                    Ok(a)
                })
        });
        counted.map_err(|e: std::io::Error| e.into())
    }

    /// `f` given every finding in output order, read back from the store on a second thread
    /// while `f` takes them: reading and writing a long report overlap. Returns what `f`
    /// returned, and the error that ended the reading early, if one did.
    pub fn read_ahead<R>(
        &self,
        f: impl FnOnce(&mut dyn Iterator<Item = Diagnostic>) -> R,
    ) -> (R, Option<std::io::Error>) {
        /// Findings sent at a time, and batches on their way at most.
        const BATCH: usize = 256;
        const BATCHES: usize = 4;
        std::thread::scope(|scope| {
            let (sender, batches) = std::sync::mpsc::sync_channel::<Vec<Diagnostic>>(BATCHES);
            let reader = scope.spawn(move || {
                let mut iter = self.iter();
                let mut batch = Vec::with_capacity(BATCH);
                for d in iter.by_ref() {
                    batch.push(d);
                    if batch.len() == BATCH {
                        // `f` stopped taking findings (a closed pipe): no more are read.
                        if sender.send(std::mem::take(&mut batch)).is_err() {
                            return iter.error;
                        }
                        batch.reserve(BATCH);
                    }
                }
                if !batch.is_empty() {
                    let _ = sender.send(batch);
                }
                iter.error
            });
            // The receiver is dropped with the iterator when `f` returns, so a reader still
            // sending stops.
            let result = f(&mut batches.into_iter().flatten());
            let error = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (result, error)
        })
    }

    /// Every finding in output order, each turned by `render` into what `write` takes in turn.
    /// Files are read and their findings rendered on `pool` (`in_order`), and written in turn
    /// on one of its threads; a finding is dropped on the thread that read it. With a baseline
    /// to filter by (it takes findings in output order), or without a pool, as `read_ahead`
    /// does. Returns what `write` returned, and the error that ended the reading early, if one
    /// did.
    pub fn render_in_order<R: Send>(
        &self,
        pool: Option<&rayon::ThreadPool>,
        render: impl Fn(Diagnostic) -> R + Sync,
        mut write: impl FnMut(R) -> std::io::Result<()> + Send,
    ) -> (std::io::Result<()>, Option<std::io::Error>) {
        /// Why the writing stopped: a file's findings could not be read, or `write` failed.
        enum Stop {
            Read(std::io::Error),
            Write(std::io::Error),
        }
        let Some(pool) = pool.filter(|_| self.filter.is_none()) else {
            return self.read_ahead(|all| all.map(&render).try_for_each(&mut write));
        };
        let rendered = |i| -> std::io::Result<Vec<R>> {
            Ok(self
                .file(i, None, &mut 0)?
                .into_iter()
                .map(&render)
                .collect())
        };
        let written = in_order(pool, self.files.len(), rendered, |file| {
            let file = file.map_err(Stop::Read)?;
            file.into_iter()
                .try_for_each(&mut write)
                .map_err(Stop::Write)
        });
        match written {
            Ok(()) => (Ok(()), None),
            Err(Stop::Read(error)) => (Ok(()), Some(error)),
            Err(Stop::Write(error)) => (Err(error), None),
        }
    }

    /// All the findings at once, as `lint` returns them.
    pub fn into_outcome(self) -> Result<Outcome, Error> {
        let mut iter = self.iter();
        let diagnostics: Vec<Diagnostic> = iter.by_ref().collect();
        if let Some(error) = iter.error {
            return Err(error.into());
        }
        Ok(Outcome {
            diagnostics,
            summary: self.summary.clone(),
            baseline: self.baseline,
            recorded: self.recorded.clone(),
        })
    }

    /// The findings of file `i` that the checks produced, sorted, without the notices.
    fn regular(&self, i: usize, out: &mut Vec<Diagnostic>) -> std::io::Result<()> {
        out.clear();
        for &block in &self.files[i] {
            if !self.store.is_notice(block) {
                self.store.read(block, out)?;
            }
        }
        sort(out);
        Ok(())
    }

    /// The findings reported in file `i`: those the baseline does not record (`left` is what
    /// it has left to match), in a selected file, and the notices.
    fn file(
        &self,
        i: usize,
        left: Option<&mut baseline::Left<'_>>,
        matched: &mut usize,
    ) -> std::io::Result<Vec<Diagnostic>> {
        let mut out = Vec::new();
        self.regular(i, &mut out)?;
        if let (Some(baseline), Some(left)) = (&self.filter, left) {
            let before = out.len();
            out.retain(|d| !baseline.take(left, d));
            *matched += before - out.len();
        }
        if let Some(matcher) = &self.matcher {
            if !matcher.selects(&self.store.path(self.files[i][0])) {
                out.clear();
            }
            // A fix never touches a file the run was not asked about (an inherited finding's
            // fix spans the article's other files).
            for d in &mut out {
                if let Some(fix) = &mut d.fix {
                    fix.edits.retain(|e| matcher.selects(&e.path));
                    if fix.edits.is_empty() {
                        d.fix = None;
                    }
                }
            }
        }
        let before = out.len();
        for &block in &self.files[i] {
            if self.store.is_notice(block) {
                self.store.read(block, &mut out)?;
            }
        }
        if out.len() > before {
            sort(&mut out);
        }
        Ok(out)
    }
}

/// The findings of a `Report` in output order. A temporary file that cannot be read back ends
/// the iteration early with `error` set.
pub struct Diagnostics<'a> {
    report: &'a Report,
    next: usize,
    pending: std::vec::IntoIter<Diagnostic>,
    left: Option<baseline::Left<'a>>,
    /// Findings the baseline dropped so far.
    matched: usize,
    pub error: Option<std::io::Error>,
}

impl Iterator for Diagnostics<'_> {
    type Item = Diagnostic;

    fn next(&mut self) -> Option<Diagnostic> {
        loop {
            if let Some(d) = self.pending.next() {
                return Some(d);
            }
            if self.next >= self.report.files.len() {
                return None;
            }
            match self
                .report
                .file(self.next, self.left.as_mut(), &mut self.matched)
            {
                Ok(file) => self.pending = file.into_iter(),
                Err(error) => {
                    self.error = Some(error);
                    self.next = self.report.files.len();
                    return None;
                }
            }
            self.next += 1;
        }
    }
}

/// Output order: by path, position, rule and message; exact repeats removed.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.span.start, a.rule, &a.message).cmp(&(
            &b.path,
            b.span.start,
            b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup_by(|a, b| {
        a.path == b.path && a.span == b.span && a.rule == b.rule && a.message == b.message
    });
}

/// The files of a selection's run: the walk of its root, and the named files the walk did not
/// reach (outside the root, or ignored there).
fn discover_selection(selection: &Selection, filter: &discover::Filter) -> Vec<Found> {
    let mut found = discover::discover(std::slice::from_ref(&selection.root), filter);
    if selection.named.is_empty() {
        return found;
    }
    // The selection writes a file under the root as the walk does; the walk is in path order.
    let missing: Vec<PathBuf> = selection
        .named
        .iter()
        .filter(|p| found.binary_search_by(|f| f.cmp_to(p)).is_err())
        .cloned()
        .collect();
    if !missing.is_empty() {
        found.extend(discover::discover(&missing, filter));
        found.sort_by(Found::cmp_path);
    }
    found
}

/// The shard (0-based) an article belongs to: a stable hash of its key (FNV-1a).
fn shard_of(key: &str, shards: usize) -> usize {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    usize::try_from(hash % shards.max(1) as u64).unwrap_or(0)
}

/// Gathers the files into articles without keeping their text. Under locale folders the key is
/// the path with the locale removed (a file with no locale at that very path is the source); in a
/// flat layout, files sharing `ms.openlocfilehash` in one folder are one article, which needs a
/// look at their front matter. Files the walk could not reach come back apart. An article's
/// files are in path order, as `discover` gives them.
pub fn plan(found: Vec<Found>, version_key: &str) -> Planned {
    let mut files = found;
    let unreadable: Vec<Found> = files.extract_if(.., |f| f.problem.is_some()).collect();
    // A file with no locale at the very path that is the key of files under locale folders is
    // their source; the others are grouped by their front matter, or alone.
    let localized: HashSet<&str> = (files.iter())
        .filter(|f| f.path_locale().is_some())
        .map(|f| f.key().as_str())
        .collect();
    let flat: Vec<(usize, String)> = (files.iter().enumerate())
        .filter(|(_, f)| f.path_locale().is_none() && !localized.contains(f.key().as_str()))
        .filter_map(|(i, f)| Some((i, flat_key(f, version_key)?)))
        .collect();
    drop(localized);
    for (i, key) in flat {
        files[i].set_key(key);
    }
    // Key order, each article's files in path order (the walk's), sorted in place: a list of
    // keys or an order beside the files would hold several bytes a file more.
    sort_unstable_by(&mut files, |a, b| {
        let keys = if Arc::ptr_eq(a.key(), b.key()) {
            std::cmp::Ordering::Equal
        } else {
            a.key().cmp(b.key())
        };
        keys.then_with(|| a.cmp_path(b))
    });
    let mut articles: Vec<Range<usize>> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match articles.last_mut() {
            Some(range) if files[range.start].key() == f.key() => range.end = i + 1,
            _ => articles.push(i..i + 1),
        }
    }
    Planned {
        files,
        articles,
        unreadable,
    }
}

/// The files of a walk gathered into articles (`plan`).
pub struct Planned {
    /// Every readable file, article by article.
    pub files: Vec<Found>,
    /// Each article's files in `files`, in key order.
    pub articles: Vec<Range<usize>>,
    /// The files the walk could not reach.
    pub unreadable: Vec<Found>,
}

impl Planned {
    /// Each article's files, for checking.
    pub fn plans(&self) -> Vec<Plan<'_>> {
        (self.articles.iter())
            .map(|range| Plan {
                first: range.start,
                files: &self.files[range.clone()],
            })
            .collect()
    }
}

/// Points each block at its file's place in the walk's list, so that the store need not keep
/// another copy of the path.
fn walked(mut blocks: Vec<store::Block>, plan: &Plan<'_>) -> Vec<store::Block> {
    for block in &mut blocks {
        block.walked = (plan.files.iter())
            .position(|f| f.is_at(&block.path))
            .map(|k| plan.first + k);
    }
    blocks
}

/// The flat-layout key of a file with no locale in its path: its folder and version, when its
/// front matter names both a version and a locale (or marks it a source).
fn flat_key(found: &Found, version_key: &str) -> Option<String> {
    let path = found.path();
    let text = discover::read_text(&path).ok()?;
    let front_matter = parse::front_matter::parse(&text).front_matter;
    let hash = front_matter.scalar(version_key).filter(|h| !h.is_empty())?;
    let dir = path
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(format!("{dir}\u{0}{hash}"))
}

/// Checks one article as `check_plan` does, and turns a failure inside loclint into an
/// `internal-error` finding on its first file: the other articles are checked all the same.
fn check_guarded(plan: &Plan, config: &Config, run: &Run<'_>) -> Checked {
    guarded(plan, || check_plan(plan, config, run))
}

/// Runs `check` for `plan`'s article; a panic becomes the article's `internal-error` finding.
fn guarded(plan: &Plan, check: impl FnOnce() -> Checked) -> Checked {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check))
        .unwrap_or_else(|panic| crashed(plan, &panic_message(panic.as_ref())))
}

/// What a panic said, when it said it with a string.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_owned())
}

/// The outcome of an article whose check failed inside loclint.
fn crashed(plan: &Plan, reason: &str) -> Checked {
    Checked {
        name: plan.key().to_owned(),
        diagnostics: plan
            .files
            .first()
            .map(|found| report::internal_error(found, plan.key(), reason))
            .into_iter()
            .collect(),
        notices: Vec::new(),
    }
}

/// Reads, parses and checks one article; its files' text is dropped on return.
fn check_plan(plan: &Plan, config: &Config, run: &Run<'_>) -> Checked {
    let mut diagnostics = Vec::new();
    let mut articles = Vec::with_capacity(plan.files.len());
    for found in plan.files {
        let path = found.path();
        match discover::read_found(found, &path) {
            Ok(text) => {
                let source_locale = config.source_locale_at(&path, plan.key());
                // A layout's source is in the source locale of its place.
                let path_locale = if found.is_source() {
                    Some(source_locale.to_owned())
                } else {
                    found.path_locale().map(str::to_owned)
                };
                articles.push(parse::article_with(
                    Arc::from(path),
                    text,
                    path_locale,
                    source_locale,
                    &config.settings.keys,
                ));
            }
            Err(reason) => {
                if let Some(severity) = run.unreadable {
                    diagnostics.push(report::unreadable(found, "", &reason, severity));
                }
            }
        }
    }
    if articles.is_empty() {
        return Checked {
            name: plan.key().to_owned(),
            diagnostics,
            notices: Vec::new(),
        };
    }
    let linked = anchors::Linked::read(&articles, &config.source_locale, |path| {
        discover::read_text(path).ok()
    });
    let group = Group {
        name: article_name(plan.key(), &articles),
        articles,
        linked,
    };
    let mut checked = check_article(&group, config, run);
    diagnostics.append(&mut checked.diagnostics);
    checked.diagnostics = diagnostics;
    checked
}

/// Reads and parses every file and gathers them into articles, all in memory: for tools and
/// tests that want the model; `lint` streams instead.
pub fn group(found: Vec<Found>, source_locale: &str) -> (Vec<Group>, Vec<Found>) {
    let planned = plan(found, &model::Keys::default().version);
    let mut unreadable = planned.unreadable.clone();
    let mut groups = Vec::new();
    for plan in planned.plans() {
        let mut articles = Vec::new();
        for found in plan.files {
            let path = found.path();
            match discover::read_text(&path) {
                Ok(text) => articles.push(parse::article(
                    Arc::from(path),
                    text,
                    found.path_locale().map(str::to_owned),
                    source_locale,
                )),
                Err(reason) => {
                    let mut found = found.clone();
                    found.problem = Some(Box::new(reason));
                    unreadable.push(found);
                }
            }
        }
        if !articles.is_empty() {
            let linked = anchors::Linked::read(&articles, source_locale, |path| {
                discover::read_text(path).ok()
            });
            groups.push(Group {
                name: article_name(plan.key(), &articles),
                articles,
                linked,
            });
        }
    }
    (groups, unreadable)
}

/// The article's name in output: its path without the locale part, or for a flat layout the
/// folder and the first heading's anchor (else the version hash).
fn article_name(key: &str, articles: &[model::Article]) -> String {
    let Some((dir, hash)) = key.split_once('\u{0}') else {
        return key.to_owned();
    };
    let anchor = articles
        .iter()
        .flat_map(|a| a.body.sections.iter().filter_map(|s| s.anchors.first()))
        .map(|a| a.name.clone())
        .next();
    let name = anchor.unwrap_or_else(|| hash.chars().take(12).collect());
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// Aligns one article and runs every enabled rule on it.
pub fn check_group(group: &Group, config: &Config) -> Vec<Diagnostic> {
    check_article(group, config, &Run::default()).diagnostics
}

/// Aligns one article, runs every enabled rule on it and drops what its suppression comments
/// suppress; in a run over changes, a changed source puts its unchanged translations out of sync.
fn check_article(group: &Group, config: &Config, run: &Run<'_>) -> Checked {
    let alignment = align::align(group);
    let mut ledger = suppression::Ledger::new(group);
    let pairs: Vec<Pair<'_>> = (0..group.articles.len())
        .map(|i| Pair::new(&alignment, i))
        .collect();
    let mut diagnostics = Vec::new();
    // The overrides that apply to each file (none when the configuration has none).
    let places: Vec<Vec<usize>> = group
        .articles
        .iter()
        .map(|a| config.overrides_at(&a.path, &group.name, a.locale.as_deref()))
        .collect();
    // Terms of the overrides that apply to any of its files hold for the whole article: they are
    // compared across its locales.
    let with_terms: Vec<&rules::Terms> = {
        let mut applying: Vec<usize> = places.iter().flatten().copied().collect();
        applying.sort_unstable();
        applying.dedup();
        applying
            .into_iter()
            .filter_map(|k| config.overrides[k].terms.as_ref())
            .collect()
    };
    let widened;
    let settings = if with_terms.is_empty() {
        &config.settings
    } else {
        let mut settings = config.settings.clone();
        for terms in with_terms {
            settings.terms.keep.extend(terms.keep.iter().cloned());
            settings.terms.allow.extend(terms.allow.iter().cloned());
        }
        widened = settings;
        &widened
    };
    // Each rule's findings, as kept, with the severity of each file.
    let mut kept: Vec<Kept> = Vec::new();
    for rule in rules::ALL {
        // Most files have no override: their severity is found once.
        let plain = config.severity_with(rule, &[]);
        let severities: Vec<Option<Severity>> = places
            .iter()
            .map(|place| {
                if place.is_empty() {
                    plain
                } else {
                    config.severity_with(rule, place)
                }
            })
            .collect();
        if severities.iter().all(Option::is_none) {
            continue;
        }
        let mut findings = Vec::new();
        match rule.check {
            Check::Engine => {}
            Check::Pair(check) => {
                for pair in &pairs {
                    check(pair, settings, &mut findings);
                }
            }
            Check::Group(check) => check(&alignment, settings, &mut findings),
        }
        let skip_front_matter =
            rule.id.starts_with("front-matter-") && rule.id != "front-matter-invalid";
        findings
            .retain(|f| !(skip_front_matter && has_invalid_front_matter(&group.articles[f.file])));
        let mut findings = inherit(findings, &alignment);
        findings.retain(|f| severities[f.file].is_some());
        findings.retain(|f| !ledger.suppresses(group, rule.id, f));
        if !findings.is_empty() {
            kept.push((rule.id, severities, findings));
        }
    }
    // The positions of every rule's findings, found in one sweep of each file.
    let locator = report::Locator::new(group, kept.iter().flat_map(|(_, _, f)| f));
    for (rule, severities, findings) in &kept {
        for finding in findings {
            let Some(severity) = severities[finding.file] else {
                continue;
            };
            diagnostics.push(report::diagnostic(rule, severity, finding, group, &locator));
        }
    }
    let mut notices = Vec::new();
    let out_of_sync = rules::find("translation-out-of-sync");
    if let (Some(matcher), Some(since), Some(severity)) =
        (run.matcher, run.since, config.severity(out_of_sync))
    {
        let mut findings = source_changed(group, matcher, since);
        findings.retain(|f| !ledger.suppresses(group, "translation-out-of-sync", f));
        let locator = report::Locator::new(group, &findings);
        for finding in &findings {
            notices.push(report::diagnostic(
                "translation-out-of-sync",
                severity,
                finding,
                group,
                &locator,
            ));
        }
    }
    // Reported on request: the flag (which `--select` does not undo), or the rule named in the
    // configuration; `--ignore` or `off` still silence it.
    let unused_severity = if run.report_unused_suppressions {
        let ignored = config.ignore.iter().any(|id| id == suppression::UNUSED);
        match config.rules.get(suppression::UNUSED) {
            _ if ignored => None,
            Some(config::Level::Off) => None,
            Some(config::Level::Error) => Some(Severity::Error),
            _ => Some(Severity::Warning),
        }
    } else if config.rules.contains_key(suppression::UNUSED) {
        config.severity(rules::find(suppression::UNUSED))
    } else {
        None
    };
    if let Some(unused_severity) = unused_severity {
        let ran = |id: &str| config.severity(rules::find(id)).is_some();
        let findings = ledger.unused(group, ran);
        let locator = report::Locator::new(group, &findings);
        for finding in &findings {
            diagnostics.push(report::diagnostic(
                suppression::UNUSED,
                unused_severity,
                finding,
                group,
                &locator,
            ));
        }
    }
    Checked {
        name: group.name.clone(),
        diagnostics,
        notices,
    }
}

/// A rule's findings in an article, with each file's severity for the rule.
type Kept = (&'static str, Vec<Option<Severity>>, Vec<Finding>);

/// When the source of an article changed since `since`, each translation that did not change
/// with it was made from the older source: a `translation-out-of-sync` finding on each.
fn source_changed(group: &Group, matcher: &Matcher, since: &str) -> Vec<Finding> {
    let articles = &group.articles;
    let Some(source) = articles
        .iter()
        .position(|a| a.role == Role::Source && matcher.changed(&a.path))
    else {
        return Vec::new();
    };
    let source_locale = articles[source].locale_name();
    let mut out = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        if article.role != Role::Translation || matcher.changed(&article.path) {
            continue;
        }
        let span = article.version_entry().map_or_else(
            || rules::line_at(&article.text, 0),
            |e| e.value_span.clone(),
        );
        out.push(
            Finding::new(
                i,
                span,
                format!(
                    "the {source_locale} source changed since `{since}` and this translation did not: it was made from the older source"
                ),
            )
            .help("update this translation from the changed source")
            .related(
                source,
                rules::line_at(&articles[source].text, 0),
                format!("the changed {source_locale} source"),
            ),
        );
    }
    out
}

/// A file with broken front matter is reported for that alone: its other front-matter findings
/// would only repeat the cause.
fn has_invalid_front_matter(article: &model::Article) -> bool {
    article.front_matter.is_present() && !article.front_matter.is_valid()
}

/// Reports an inherited defect once for the article: on the source when the source has it, or on
/// the first file when every file of the article has it.
fn inherit(findings: Vec<Finding>, alignment: &Alignment<'_>) -> Vec<Finding> {
    let articles = &alignment.group.articles;
    let mut by_print: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, finding) in findings.iter().enumerate() {
        if let Some(print) = &finding.fingerprint {
            by_print.entry(print.as_str()).or_default().push(k);
        }
    }
    let mut drop = vec![false; findings.len()];
    // The fix of a finding reported once for the article repairs every file that has it.
    let mut merge_into: Vec<Option<usize>> = vec![None; findings.len()];
    let mut note: HashMap<usize, String> = HashMap::new();
    for ks in by_print.values() {
        let mut files: Vec<usize> = ks.iter().map(|&k| findings[k].file).collect();
        files.sort_unstable();
        files.dedup();
        let source = ks
            .iter()
            .copied()
            .find(|&k| articles[findings[k].file].role == Role::Source);
        let everywhere = articles.len() >= 2 && files.len() == articles.len();
        let keep = match source {
            Some(k) => k,
            None if everywhere => ks[0],
            None => continue,
        };
        for &k in ks {
            drop[k] = k != keep && findings[k].file != findings[keep].file;
            if drop[k] && findings[keep].fix.is_some() {
                merge_into[k] = Some(keep);
            }
        }
        let others = files.len() - 1;
        if others > 0 {
            let whom = if everywhere {
                "every file of this article".to_owned()
            } else {
                format!("{others} translations")
            };
            note.insert(
                keep,
                format!("inherited: {whom} has the same defect, reported once here"),
            );
        }
    }
    let mut findings = findings;
    for (k, keep) in merge_into.iter().enumerate() {
        if let Some(keep) = *keep
            && let Some(fix) = findings[k].fix.take()
            && let Some(kept) = &mut findings[keep].fix
        {
            kept.edits.extend(fix.edits);
        }
    }
    findings
        .into_iter()
        .enumerate()
        .filter(|(k, _)| !drop[*k])
        .map(|(k, mut f)| {
            if let Some(note) = note.remove(&k) {
                f.help = Some(match f.help {
                    Some(help) => format!("{help}; {note}"),
                    None => note,
                });
            }
            f
        })
        .collect()
}

/// Which severity a rule has in this run, or `None` when it is off.
impl Config {
    pub fn severity(&self, rule: Option<&rules::Rule>) -> Option<Severity> {
        self.severity_with(rule?, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(files: &[Found]) -> Plan<'_> {
        Plan { files, first: 0 }
    }

    #[test]
    fn a_panic_while_checking_an_article_is_its_internal_error_finding() {
        let files = [discover::found_at(std::path::Path::new("docs/de-DE/a.md"))];
        let plan = plan(&files);
        for checked in [
            guarded(&plan, || panic!("end byte index 12 is not a char boundary")),
            guarded(&plan, || panic!("{} went wrong", "something")),
        ] {
            assert_eq!(checked.diagnostics.len(), 1);
            let finding = &checked.diagnostics[0];
            assert_eq!(finding.rule, "internal-error");
            assert_eq!(finding.severity, Severity::Error);
            assert_eq!(finding.path, std::path::Path::new("docs/de-DE/a.md"));
            assert!(
                finding.message.contains("char boundary")
                    || finding.message.contains("something went wrong"),
                "{}",
                finding.message
            );
        }
        // A check that returns is left alone.
        let fine = guarded(&plan, || crashed(&plan, "not a panic"));
        assert!(fine.diagnostics[0].message.contains("not a panic"));
    }
}
