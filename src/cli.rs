//! The command line: clap definitions and what each command prints. Returns an exit code; the
//! linting itself is `crate::lint`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::changed::{self, Request};
use crate::config::{self, Config};
use crate::report::{concise, github, html, human, json, junit, sarif, statistics};
use crate::rules::{self, Severity};
use crate::{BaselineUse, Options, fix, lint, lint_report};

#[derive(Parser)]
#[command(
    name = "loclint",
    version,
    about = "Checks every locale of each Markdown article against its source or the other locales"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process: the size of the `check` arguments does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Lint the Markdown files under PATHS (default: the current directory).
    Check(CheckArgs),
    /// List every rule with its default severity and summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. `link-url-mismatch`.
        rule: String,
    },
    /// Print a shell completion script (e.g. `loclint completions bash > /etc/bash_completion.d/loclint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `loclint man > loclint.1`.
    Man,
    /// Recognise the repository's docs layout and write a commented `loclint.toml` for it.
    Init {
        /// The repository's top folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Replace an existing `loclint.toml`.
        #[arg(long)]
        force: bool,
    },
}

// Command-line flags are bools by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Only run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// The configuration file (default: `loclint.toml` found from the first path upward).
    #[arg(long)]
    config: Option<PathBuf>,
    /// The locale the articles are written in before translation.
    #[arg(long)]
    source_locale: Option<String>,
    /// Worker threads (default: one per core). The output is the same for any number.
    #[arg(long)]
    threads: Option<usize>,
    /// Check only shard K of N (e.g. `2/4`): articles are split by a stable hash of their path,
    /// so N runners together check every article once.
    #[arg(long, value_parser = parse_shard)]
    shard: Option<(usize, usize)>,
    /// Write the report to this file; the summary line still goes to the terminal.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Color in human output: auto, always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Check only the articles with a file changed since this git ref (all their locales), and
    /// report findings in the changed files. `A..B` or `A...B` compares commits only, without
    /// looking at the work tree.
    #[arg(long, value_name = "GIT_REF")]
    changed_since: Option<String>,
    /// Where the other locales of named or changed files are looked for (default: the git
    /// repository's top folder, else the current folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// With named or changed files: report findings in those files only, or in every file of
    /// their articles.
    #[arg(long, value_enum, default_value_t = Report::Changed)]
    report: Report,
    /// Report only findings this baseline file does not record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and report nothing; over an existing
    /// file, entries that no longer occur are dropped.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing (as `suppression-unused` warnings).
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Report errors only: no warnings, no notes.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Add a table of findings per rule and per locale (to the human report, else to stderr).
    #[arg(long)]
    statistics: bool,
    /// Apply the fixes the reference leaves no doubt about (marked `[*]`) to the reported files,
    /// then report what remains.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    fix: bool,
    /// Print the fixes as a unified diff and change no file; exit with 1 when there is one.
    #[arg(long, conflicts_with = "write_baseline")]
    diff: bool,
}

/// Rounds of fixing and checking again: a fix can uncover another (a joined `] (` makes a link
/// whose text may then be repaired); a round that changes nothing ends it.
const FIX_ROUNDS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Report {
    /// The named or changed files.
    Changed,
    /// Every file of their articles.
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the process exit code: 0 clean or warnings only, 1 errors
/// found, 2 usage, configuration or internal errors.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "loclint", &mut out);
            print(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Man => {
            let mut out = Vec::new();
            let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            if let Err(error) = page.render(&mut out) {
                eprintln!("error: cannot render the manual page: {error}");
                return ExitCode::from(2);
            }
            print(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Rules => {
            let mut out = String::new();
            for rule in rules::ALL {
                let _ = writeln!(
                    out,
                    "{:<34} {:<8} {:<3} {}",
                    rule.id,
                    rule.severity.as_str(),
                    if rule.fixable { "[*]" } else { "" },
                    rule.summary
                );
            }
            print(&out);
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(rule) => {
                print(rule.docs);
                ExitCode::SUCCESS
            }
            None => fail(&config::Error::UnknownRule(rule)),
        },
        Command::Check(args) => check(&args),
        Command::Init { path, force } => init(&path, force),
    }
}

/// Writes `loclint.toml` for the layout recognised under `dir` and says what it found.
fn init(dir: &std::path::Path, force: bool) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("error: `{}` is not a folder", dir.display());
        return ExitCode::from(2);
    }
    let target = dir.join(config::FILE_NAME);
    if target.exists() && !force {
        eprintln!(
            "error: `{}` already exists; `loclint init --force` replaces it",
            target.display()
        );
        return ExitCode::from(2);
    }
    let detected = crate::init::detect(dir);
    if let Err(error) = std::fs::write(&target, crate::init::render(detected.as_ref())) {
        eprintln!("error: cannot write `{}`: {error}", target.display());
        return ExitCode::from(2);
    }
    let mut out = String::new();
    match &detected {
        Some(found) => {
            let _ = writeln!(out, "detected: {}", crate::init::describe(found));
            if let Some(source) = &found.source {
                let _ = writeln!(out, "  source:       {source}");
                let _ = writeln!(out, "  translations: {}", found.translations.join(", "));
            }
        }
        None => {
            let _ = writeln!(
                out,
                "no known layout detected: the Microsoft Docs conventions apply; edit [layout] to name sources and translations by path"
            );
        }
    }
    let _ = writeln!(out, "wrote {}", target.display());
    print(&out);
    ExitCode::SUCCESS
}

fn check(args: &CheckArgs) -> ExitCode {
    let config = match load_config(args) {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    let selection = match changed::select(&Request {
        paths: &args.paths,
        root: args.root.as_deref(),
        since: args.changed_since.as_deref(),
        report_all: args.report == Report::All,
    }) {
        Ok(selection) => selection,
        Err(error) => return fail(&error),
    };
    let baseline = match (&args.baseline, &args.write_baseline) {
        (Some(path), _) => match Baseline::load(path) {
            Ok(baseline) => Some(BaselineUse::Filter(baseline)),
            Err(error) => return fail(&error),
        },
        (None, Some(path)) if path.exists() => match Baseline::load(path) {
            Ok(baseline) => Some(BaselineUse::Record(baseline)),
            Err(error) => return fail(&error),
        },
        (None, Some(path)) => Some(BaselineUse::Record(Baseline::empty(path))),
        (None, None) => None,
    };
    let since = selection
        .as_ref()
        .and_then(|s| s.since.as_ref())
        .map(|s| s.reference.clone());
    let mut options = Options {
        paths: args.paths.clone(),
        config,
        threads: args.threads,
        shard: args.shard,
        selection,
        baseline,
        report_unused_suppressions: args.report_unused_suppressions,
        progress: None,
        // The JSON report counts what it writes; its summary comes last.
        counted_by_reader: counted_by_writer(args),
    };
    // A bar on stderr for long runs at a terminal, never in CI logs or pipes; cleared before
    // anything else is printed.
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let bar = crate::progress::wanted(stderr_is_terminal, std::env::var_os("CI").as_deref())
        .then(|| crate::progress::Bar::start(std::sync::Arc::default()));
    options.progress = bar.as_ref().map(|bar| std::sync::Arc::clone(bar.counter()));
    let mut fixed = None;
    let findings = if args.diff || args.fix {
        let outcome = match lint(&options) {
            Ok(outcome) => outcome,
            Err(error) => return fail(&error),
        };
        if args.diff {
            return diff(&outcome);
        }
        match fix_rounds(&options, outcome) {
            Ok((fixed_outcome, count)) => {
                fixed = Some(count);
                Findings::Held(fixed_outcome)
            }
            Err(error) => return fail(&error),
        }
    } else {
        match lint_report(&options) {
            Ok(report) => Findings::Streamed(Box::new(report)),
            Err(error) => return fail(&error),
        }
    };
    if let Some(bar) = bar {
        bar.finish();
    }
    if let (Some(path), Some(recorded)) = (&args.write_baseline, findings.recorded()) {
        if let Err(error) = recorded.save(path) {
            return fail(&error);
        }
        eprintln!(
            "wrote {} ({}) to `{}`",
            plural(recorded.findings(), "finding", "findings"),
            plural(recorded.entries(), "entry", "entries"),
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    let mut summary = findings.summary().clone();
    if summary.files == 0 {
        match &since {
            Some(since) => eprintln!("note: no Markdown file changed since `{since}`"),
            None => eprintln!("warning: no Markdown file found under the given paths"),
        }
        return ExitCode::SUCCESS;
    }
    if let (Some(path), Some(counts)) = (&args.baseline, findings.baseline())
        && !args.quiet
    {
        eprint!(
            "baseline `{}`: {} not reported",
            path.display(),
            plural(counts.matched, "known finding", "known findings"),
        );
        if counts.stale > 0 {
            let verb = if counts.stale == 1 { "occurs" } else { "occur" };
            eprint!(
                "; {} no longer {verb} (`--write-baseline {}` drops them)",
                plural(counts.stale, "recorded finding", "recorded findings"),
                path.display()
            );
        }
        eprintln!();
    }
    let mut warnings = summary.warnings;
    // Whether the report counted every finding as it wrote them (`counted_by_reader`).
    let mut counted_all = false;
    let quiet = args.quiet;
    let shown = |d: &crate::report::Diagnostic| !quiet || d.severity == Severity::Error;
    // Counted before the report is written: the counts of `--quiet` and the tables of
    // `--statistics`.
    let mut table = None;
    if quiet || args.statistics {
        let mut counts = statistics::Statistics::default();
        summary.clear();
        let read = findings.each(|d| {
            if shown(&d) {
                summary.add(&d);
                counts.add(&d);
            }
        });
        if let Err(error) = read {
            return fail(&crate::Error::from(error));
        }
        table = args.statistics.then(|| counts.render());
    }
    let written = match args.format {
        Format::Json => write_report(args.output.as_deref(), |out| {
            let pool = rendering_pool(args.threads);
            let mut json = json::Writer::start(out).map_err(Failure::Output)?;
            let mut counted = summary.clone();
            counted.clear();
            findings.render_in_order(
                pool.as_ref(),
                |d| {
                    (
                        shown(&d).then(|| json::render(&d)),
                        d.severity,
                        d.fix.is_some(),
                    )
                },
                |(rendered, severity, fixable)| {
                    counted.add_one(severity, fixable);
                    rendered.map_or(Ok(()), |r| json.item(&r))
                },
            )?;
            if options.counted_by_reader {
                summary = counted;
                warnings = summary.warnings;
                counted_all = true;
            }
            json.finish(&summary).map_err(Failure::Output)
        }),
        Format::Concise => write_report(args.output.as_deref(), |out| {
            findings.try_each(|d| {
                if shown(&d) {
                    out.write_all(concise::line(&d).as_bytes())?;
                }
                Ok(())
            })
        }),
        Format::Github => write_report(args.output.as_deref(), |out| {
            findings.try_each(|d| {
                if shown(&d) {
                    out.write_all(github::command(&d).as_bytes())?;
                }
                Ok(())
            })
        }),
        Format::Sarif => write_report(args.output.as_deref(), |out| {
            let base = std::env::current_dir().ok();
            findings.with_iter(|all| {
                sarif::write_each(out, all.filter(|d| shown(d)), base.as_deref())
                    .map_err(Failure::Output)
            })
        }),
        Format::Junit => write_report(args.output.as_deref(), |out| {
            // The header counts the test cases (files) before any is written: a first reading.
            let mut cases = junit::Cases::default();
            findings.try_each(|d| {
                if shown(&d) {
                    cases.add(&d);
                }
                Ok(())
            })?;
            findings.with_iter(|all| {
                junit::write_each(out, all.filter(|d| shown(d)), &summary, cases.count)
                    .map_err(Failure::Output)
            })
        }),
        Format::Human => write_report(args.output.as_deref(), |out| {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    // no-color.org: set and not empty.
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let pool = rendering_pool(args.threads);
            findings.with_iter(|all| {
                // The table goes before the summary line, which stays last.
                let all = all.filter(|d| shown(d));
                human::write_each(out, all, &summary, color, table.as_deref(), pool.as_ref())
                    .map_err(Failure::Output)
            })
        }),
        Format::Html => {
            // The page lays out the whole report at once.
            let mut diagnostics = Vec::new();
            if let Err(error) = findings.each(|d| {
                if shown(&d) {
                    diagnostics.push(d);
                }
            }) {
                return fail(&crate::Error::from(error));
            }
            let rendered = html::render(&diagnostics, &summary, &options.config.source_locale);
            write_report(args.output.as_deref(), |out| {
                out.write_all(rendered.as_bytes()).map_err(Failure::Output)
            })
        }
    };
    if options.counted_by_reader && !counted_all {
        // The report ended early (a closed pipe): the exit code still counts every finding.
        summary.clear();
        if let Err(error) = findings.each(|d| summary.add(&d)) {
            return fail(&crate::Error::from(error));
        }
        warnings = summary.warnings;
    }
    match (written, &args.output) {
        (Err(Failure::Findings(error)), _) => return fail(&crate::Error::from(error)),
        (Err(Failure::Output(error)), _) if matches!(args.format, Format::Json) => {
            eprintln!("error: cannot write the report: {error}");
            return ExitCode::from(2);
        }
        (Err(Failure::Output(error)), Some(path)) => {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            return ExitCode::from(2);
        }
        // Like any text on stdout: a report that cannot be written there ends quietly.
        _ => {}
    }
    if let Some(table) = table
        .as_ref()
        .filter(|_| !matches!(args.format, Format::Human))
    {
        eprint!("{table}");
    }
    if args.output.is_some() || !matches!(args.format, Format::Human | Format::Json) {
        eprint!("{}", human::summary_line(&summary));
    }
    if let Some(fixed) = fixed {
        eprintln!("{fixed} fixed, {} remaining", summary.diagnostics);
    }
    exit_code(summary.errors > 0, warnings, args.max_warnings, quiet)
}

/// A run's findings: held (after `--fix`), or read back from the report as they are written.
enum Findings {
    Held(crate::Outcome),
    Streamed(Box<crate::Report>),
}

impl Findings {
    fn summary(&self) -> &crate::report::Summary {
        match self {
            Findings::Held(outcome) => &outcome.summary,
            Findings::Streamed(report) => &report.summary,
        }
    }

    fn recorded(&self) -> Option<&Baseline> {
        match self {
            Findings::Held(outcome) => outcome.recorded.as_ref(),
            Findings::Streamed(report) => report.recorded.as_ref(),
        }
    }

    fn baseline(&self) -> Option<crate::BaselineCounts> {
        match self {
            Findings::Held(outcome) => outcome.baseline,
            Findings::Streamed(report) => report.baseline,
        }
    }

    /// Every finding in output order, one at a time.
    fn each(&self, mut f: impl FnMut(crate::report::Diagnostic)) -> std::io::Result<()> {
        match self.try_each(|d| {
            f(d);
            Ok(())
        }) {
            Ok(()) => Ok(()),
            Err(Failure::Findings(error) | Failure::Output(error)) => Err(error),
        }
    }

    /// Every finding in output order until `f` fails.
    fn try_each(
        &self,
        mut f: impl FnMut(crate::report::Diagnostic) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        self.with_iter(|all| {
            for d in all {
                f(d).map_err(Failure::Output)?;
            }
            Ok(())
        })
    }

    /// Every finding in output order, turned by `render` into what `write` takes, on `pool`'s
    /// threads where it can be (`Report::render_in_order`).
    fn render_in_order<R: Send>(
        &self,
        pool: Option<&rayon::ThreadPool>,
        render: impl Fn(crate::report::Diagnostic) -> R + Sync,
        mut write: impl FnMut(R) -> std::io::Result<()> + Send,
    ) -> Result<(), Failure> {
        match self {
            Findings::Held(outcome) => (outcome.diagnostics.iter().cloned())
                .try_for_each(|d| write(render(d)))
                .map_err(Failure::Output),
            Findings::Streamed(report) => {
                let (written, error) = report.render_in_order(pool, render, write);
                written.map_err(Failure::Output)?;
                error.map_or(Ok(()), |error| Err(Failure::Findings(error)))
            }
        }
    }

    /// `f` given every finding in output order, as an iterator.
    fn with_iter(
        &self,
        f: impl FnOnce(&mut dyn Iterator<Item = crate::report::Diagnostic>) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        match self {
            Findings::Held(outcome) => f(&mut outcome.diagnostics.iter().cloned()),
            Findings::Streamed(report) => {
                let (written, error) = report.read_ahead(f);
                written?;
                match error {
                    Some(error) => Err(Failure::Findings(error)),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Whether the report counts the findings as it writes them, in place of a first reading that
/// counts them: JSON, whose summary comes last, when nothing else needs the counts before.
fn counted_by_writer(args: &CheckArgs) -> bool {
    matches!(args.format, Format::Json)
        && !(args.quiet || args.statistics || args.fix || args.diff)
        && args.baseline.is_none()
}

/// The threads a report is rendered on: as many as the findings were checked on (the run's
/// `thread_pool`); none (on the calling thread) with `--threads 1`, or when none could start.
fn rendering_pool(threads: Option<usize>) -> Option<rayon::ThreadPool> {
    crate::thread_pool(threads).ok().flatten()
}

/// Why a report was not written: its findings could not be read back, or the output failed.
enum Failure {
    Findings(std::io::Error),
    Output(std::io::Error),
}

/// Writes a report to the `--output` file or to stdout, where a closed pipe (`| head`) ends it
/// quietly.
fn write_report(
    output: Option<&std::path::Path>,
    render: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if let Some(path) = output {
        let file = std::fs::File::create(path).map_err(Failure::Output)?;
        let mut out = std::io::BufWriter::new(file);
        render(&mut out)?;
        return out.flush().map_err(Failure::Output);
    }
    // Not locked for the whole report: a JSON report is written on a thread of the pool.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    match render(&mut out).and_then(|()| out.flush().map_err(Failure::Output)) {
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `--diff`: the fixes as a unified diff on stdout, nothing written; 1 when there is a change.
fn diff(outcome: &crate::Outcome) -> ExitCode {
    let applied = fix::apply(&outcome.diagnostics, fix::Mode::Diff, &BTreeSet::new());
    print(&applied.diff);
    for failure in &applied.failures {
        eprintln!(
            "error: `{}`: {} [{}]",
            failure.path.display(),
            failure.message,
            failure.rule
        );
    }
    if applied.files.is_empty() {
        eprintln!("no fixes to apply");
    } else {
        eprintln!(
            "would fix {} in {}",
            plural(applied.fixed, "finding", "findings"),
            plural(applied.files.len(), "file", "files")
        );
    }
    if applied.files.is_empty() && applied.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `--fix`: applies the fixes, checks again, and repeats while a round changes a file. Returns
/// the last check, with a `fix-failed` finding for each file left as it was, and how many
/// findings the fixes repaired.
fn fix_rounds(
    options: &Options,
    mut outcome: crate::Outcome,
) -> Result<(crate::Outcome, usize), crate::Error> {
    let mut fixed = 0;
    let mut failures = Vec::new();
    let mut failed: BTreeSet<PathBuf> = BTreeSet::new();
    for round in 1..=FIX_ROUNDS {
        let applied = fix::apply(&outcome.diagnostics, fix::Mode::Write, &failed);
        fixed += applied.fixed;
        failed.extend(applied.failures.iter().map(|d| d.path.clone()));
        failures.extend(applied.failures);
        if applied.files.is_empty() {
            break;
        }
        // The files changed: what is reported must be what they hold now.
        outcome = lint(options)?;
        if round == FIX_ROUNDS && outcome.diagnostics.iter().any(|d| d.fix.is_some()) {
            eprintln!("warning: fixes still apply after {FIX_ROUNDS} rounds; run `--fix` again");
        }
    }
    if !failures.is_empty() {
        outcome.diagnostics.extend(failures);
        crate::sort(&mut outcome.diagnostics);
        outcome.summary.count(&outcome.diagnostics);
    }
    Ok((outcome, fixed))
}

/// 1 when any finding has error severity, or when the warnings found (`--quiet` hides them,
/// they still count) are more than `max_warnings`; else 0.
fn exit_code(errors: bool, warnings: usize, max_warnings: Option<usize>, quiet: bool) -> ExitCode {
    let too_many = max_warnings.filter(|&max| warnings > max);
    if let Some(max) = too_many {
        let hidden = if quiet { " (hidden by --quiet)" } else { "" };
        eprintln!("error: {warnings} warnings{hidden}, more than --max-warnings {max}");
    }
    if errors || too_many.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn load_config(args: &CheckArgs) -> Result<Config, config::Error> {
    let mut config = match config::find(args.config.as_deref(), &args.paths) {
        Some(path) => config::load(&path)?,
        None => Config::default(),
    };
    for id in args.select.iter().chain(&args.ignore) {
        if rules::find(id).is_none() {
            return Err(config::Error::UnknownRule(id.clone()));
        }
    }
    config.select.clone_from(&args.select);
    config.ignore.clone_from(&args.ignore);
    if let Some(locale) = &args.source_locale {
        config.source_locale = crate::locale::canonical(locale).unwrap_or_else(|| locale.clone());
    }
    Ok(config)
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
    let k: usize = k.trim().parse().map_err(|_| "K must be a number")?;
    let n: usize = n.trim().parse().map_err(|_| "N must be a number")?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k, n))
}

/// `1 entry`, `2 entries`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

fn fail(error: &(dyn miette::Diagnostic + Send + Sync + 'static)) -> ExitCode {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    let _ = handler.render_report(&mut out, error);
    eprint!("{out}");
    ExitCode::from(2)
}
