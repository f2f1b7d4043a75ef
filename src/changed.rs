//! Which files a run is about when it is not about everything: the files changed since a git ref
//! (`git diff` and untracked files) or the files named on the command line, and the folder walked
//! to find the other locales of their articles. The only module that runs `git` (the one on
//! PATH); it decides nothing about findings.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::Plan;
use crate::discover::{self, Found};

/// The files a run is about.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The folder walked for the other locales, written as the walk's paths will start.
    pub root: PathBuf,
    /// Files named on the command line, written as the walk reaches them when it does: checked
    /// even where the walk does not reach them.
    pub named: Vec<PathBuf>,
    /// The changes to select, when the run is about the changes since a git ref.
    pub since: Option<Since>,
    /// Report on every file of the selected articles, not only on the selected files.
    pub report_all: bool,
}

/// Changes since a git ref: listed while the walk runs (`Selection::start`).
#[derive(Debug, Clone)]
pub struct Since {
    /// The ref as given.
    pub reference: String,
    /// A commit range (`A..B`, `A...B`): the commits are compared, not the work tree, and
    /// untracked files are not changes.
    range: bool,
    /// The top folder of the git work tree.
    pub top: PathBuf,
    /// `Selection::root` made absolute: changes outside it are not checked.
    root: PathBuf,
    /// Changes are kept under these folders only (none: everywhere under the root).
    folders: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("`--changed-since` needs a git repository, and `{0}` is not in one")]
    #[diagnostic(code(loclint::git), help("run loclint inside the repository"))]
    NotARepository(String),

    #[error("`{command}` failed: {reason}")]
    #[diagnostic(code(loclint::git))]
    Git { command: String, reason: String },
}

/// What the command line asks for: the paths given, `--root`, `--changed-since`, `--report all`.
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub root: Option<&'a Path>,
    pub since: Option<&'a str>,
    pub report_all: bool,
}

/// Resolves the request into a selection, or `None` for a plain run over folders. A ref git
/// does not know is an error here, before anything is walked.
pub fn select(request: &Request<'_>) -> Result<Option<Selection>, Error> {
    let is_file = |p: &Path| {
        std::fs::symlink_metadata(p).is_ok() && !std::fs::metadata(p).is_ok_and(|m| m.is_dir())
    };
    let (named, folders): (Vec<PathBuf>, Vec<PathBuf>) =
        request.paths.iter().cloned().partition(|p| is_file(p));
    if request.since.is_none() && named.is_empty() {
        return Ok(None);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    // The repository is the one the checked paths are in, wherever loclint is run from.
    let probe = request.paths.first().map_or_else(
        || cwd.clone(),
        |p| {
            let p = lexical_absolute(&cwd, p);
            if p.is_dir() {
                p
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            }
        },
    );
    let top = git_root(&probe).or_else(|| git_root(&cwd));
    let (root, root_abs) = match (request.root, &top) {
        (Some(root), _) => (root.to_path_buf(), lexical_absolute(&cwd, root)),
        (None, Some(top)) => (relative_to(&cwd, top), top.clone()),
        (None, None) => (PathBuf::from("."), cwd.clone()),
    };
    let named = named
        .into_iter()
        .map(|p| walk_form(&root, &root_abs, &lexical_absolute(&cwd, &p)).unwrap_or(p))
        .collect();
    let since = match request.since {
        Some(reference) => {
            let top = top.ok_or_else(|| Error::NotARepository(cwd.display().to_string()))?;
            let ends = range_ends(reference);
            let (from, to) = ends.unwrap_or((reference, reference));
            for end in [from, to] {
                // An empty end of a range is HEAD, as git reads it.
                let end = if end.is_empty() { "HEAD" } else { end };
                let commit = format!("{end}^{{commit}}");
                finish(spawn(&top, &["rev-parse", "--verify", "--quiet", &commit])?).map_err(
                    |_| Error::Git {
                        command: format!("git rev-parse --verify {end}"),
                        reason: format!("`{end}` names no commit of this repository"),
                    },
                )?;
            }
            Some(Since {
                reference: reference.to_owned(),
                range: ends.is_some(),
                top,
                root: root_abs,
                folders: folders.iter().map(|f| lexical_absolute(&cwd, f)).collect(),
            })
        }
        None => None,
    };
    Ok(Some(Selection {
        root,
        named,
        since,
        report_all: request.report_all,
    }))
}

/// The two ends of a commit range, `A..B` or `A...B` (either may be empty), or `None` for one ref.
fn range_ends(reference: &str) -> Option<(&str, &str)> {
    reference
        .split_once("...")
        .or_else(|| reference.split_once(".."))
}

/// A file under the root written as the walk of `root` reaches it, so that paths compare byte
/// for byte and a deleted file's article key is the one its remaining locales have.
fn walk_form(root: &Path, root_abs: &Path, absolute: &Path) -> Option<PathBuf> {
    absolute
        .strip_prefix(root_abs)
        .ok()
        .map(|inner| root.join(inner))
}

impl Selection {
    /// Starts listing the changes, if the selection is about changes: git runs while the
    /// caller walks the root; `Listing::finish` waits for it.
    pub fn start(&self) -> Result<Listing<'_>, Error> {
        let Some(since) = &self.since else {
            return Ok(Listing {
                selection: self,
                running: None,
            });
        };
        // Both look at the whole work tree: they run side by side. A commit range looks at
        // commits only, which takes git no look at the work tree.
        let untracked = if since.range {
            None
        } else {
            Some(spawn(
                &since.top,
                &["ls-files", "--others", "--exclude-standard", "-z"],
            )?)
        };
        let diff = spawn(
            &since.top,
            &[
                "diff",
                "--name-status",
                "-z",
                "-M",
                "--no-color",
                "--no-ext-diff",
                &since.reference,
                "--",
            ],
        )?;
        Ok(Listing {
            selection: self,
            running: Some((diff, untracked)),
        })
    }
}

/// The changes being listed by git.
pub struct Listing<'a> {
    selection: &'a Selection,
    running: Option<(Running, Option<Running>)>,
}

impl Listing<'_> {
    /// Waits for git and returns the matcher of the selection.
    pub fn finish(self, filter: &discover::Filter) -> Result<Matcher, Error> {
        let mut changed = Vec::new();
        if let (Some((diff, untracked)), Some(since)) = (self.running, &self.selection.since) {
            let diff = finish(diff)?;
            let untracked = match untracked {
                Some(untracked) => finish(untracked)?,
                None => Vec::new(),
            };
            for file in changed_files(&since.top, &diff, &untracked) {
                let wanted =
                    since.folders.is_empty() || since.folders.iter().any(|f| file.starts_with(f));
                if let Some(path) =
                    walk_form(&self.selection.root, &since.root, &file).filter(|_| wanted)
                {
                    changed.push(path);
                }
            }
        }
        Ok(Matcher::new(self.selection, &changed, filter))
    }
}

/// The top folder of the git work tree holding `dir`, if any.
pub fn git_root(dir: &Path) -> Option<PathBuf> {
    let output = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let top = text.trim_end_matches(['\n', '\r']);
    (!top.is_empty()).then(|| PathBuf::from(top))
}

/// Every file that differs between the ref and the working tree (staged or not; both sides of
/// a rename; deleted files too) from `git diff --name-status -z`, and every untracked file that
/// is not ignored from `git ls-files --others -z`: absolute paths.
fn changed_files(top: &Path, diff: &[u8], untracked: &[u8]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut fields = diff.split(|&b| b == 0).filter(|f| !f.is_empty());
    while let Some(status) = fields.next() {
        // Renames and copies name two paths; every other status one.
        let paths = if matches!(status.first(), Some(b'R' | b'C')) {
            2
        } else {
            1
        };
        for _ in 0..paths {
            if let Some(path) = fields.next() {
                files.push(top.join(os_str(path)));
            }
        }
    }
    files.extend(
        untracked
            .split(|&b| b == 0)
            .filter(|f| !f.is_empty())
            .map(|path| top.join(os_str(path))),
    );
    files.sort();
    files.dedup();
    files
}

/// A running git command and how to name it in an error.
struct Running {
    command: String,
    child: Child,
}

fn spawn(dir: &Path, args: &[&str]) -> Result<Running, Error> {
    let command = format!("git {}", args.join(" "));
    let child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Git {
            command: command.clone(),
            reason: format!("cannot run git: {e}"),
        })?;
    Ok(Running { command, child })
}

fn finish(running: Running) -> Result<Vec<u8>, Error> {
    let Running { command, child } = running;
    let output = child.wait_with_output().map_err(|e| Error::Git {
        command: command.clone(),
        reason: e.to_string(),
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or("no message").to_owned();
        return Err(Error::Git { command, reason });
    }
    Ok(output.stdout)
}

#[cfg(unix)]
fn os_str(bytes: &[u8]) -> &OsStr {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(bytes)
}

#[cfg(not(unix))]
fn os_str(bytes: &[u8]) -> &OsStr {
    OsStr::new(std::str::from_utf8(bytes).unwrap_or_default())
}

/// Tells whether a walked file, or a planned article, is selected. Paths are compared as the
/// walk writes them (the selection is in that form), byte for byte: normalizing every path of a
/// large repository would cost more than checking the one article.
pub struct Matcher {
    files: HashSet<OsString>,
    changed: HashSet<OsString>,
    /// The article key each selected file's path gives (deleted files included).
    keys: HashSet<String>,
    /// The folders of selected files with no locale in their path: a flat layout groups the
    /// files of one folder by their front matter.
    flat_folders: HashSet<PathBuf>,
}

impl Matcher {
    /// The matcher of the named files and of `changed` (files in the walk's form), whose
    /// articles `filter` tells.
    pub fn new(selection: &Selection, changed: &[PathBuf], filter: &discover::Filter) -> Self {
        let bytes = |p: &PathBuf| p.as_os_str().to_owned();
        let changed_set: HashSet<OsString> = changed.iter().map(bytes).collect();
        let files = selection
            .named
            .iter()
            .map(bytes)
            .chain(changed_set.iter().cloned())
            .collect();
        let mut keys = HashSet::new();
        let mut flat_folders = HashSet::new();
        for path in selection.named.iter().chain(changed) {
            let (locale, key) = filter
                .identity(path)
                .map_or_else(|| discover::identity(path), |(l, k, _)| (l, k));
            if locale.is_none() {
                flat_folders.insert(path.parent().unwrap_or(Path::new("")).to_path_buf());
            }
            keys.insert(key);
        }
        Matcher {
            files,
            changed: changed_set,
            keys,
            flat_folders,
        }
    }

    /// Whether `path` (as walked, or as named outside the walk) is a selected file.
    pub fn selects(&self, path: &Path) -> bool {
        self.files.contains(path.as_os_str())
    }

    /// Whether `path` changed since the ref.
    pub fn changed(&self, path: &Path) -> bool {
        self.changed.contains(path.as_os_str())
    }

    /// Whether a walked file may belong to a selected article: its path gives the key of one,
    /// or it has no locale in its path and lies beside a selected file that has none either.
    /// Cheap, and run before the files are planned into articles.
    pub fn may_select(&self, found: &Found) -> bool {
        if found.problem.is_some() {
            return self.selects(&found.path());
        }
        self.keys.contains(found.key().as_str())
            || (found.path_locale().is_none()
                && self
                    .flat_folders
                    .contains(found.path().parent().unwrap_or(Path::new(""))))
    }

    /// Whether the article holds a selected file, or held one that was deleted.
    /// The changed files (in the walk's form), deleted ones included.
    pub fn changed_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.changed.iter().map(PathBuf::from).collect();
        files.sort();
        files
    }

    /// Whether a selected file has no locale in its path (a flat layout needs the walk).
    pub fn has_flat_layout(&self) -> bool {
        !self.flat_folders.is_empty()
    }

    pub fn selects_plan(&self, plan: &Plan) -> bool {
        self.keys.contains(plan.key()) || plan.files.iter().any(|f| self.selects(&f.path()))
    }
}

/// `path` made absolute from `cwd`, with `.` and `..` resolved without touching the filesystem.
pub fn lexical_absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// How `to` is reached from `from`: `.`, `..`, `../..`; or `to` itself when it is not an
/// ancestor of `from`.
fn relative_to(from: &Path, to: &Path) -> PathBuf {
    let Ok(inner) = from.strip_prefix(to) else {
        return to.to_path_buf();
    };
    let depth = inner.components().count();
    if depth == 0 {
        return PathBuf::from(".");
    }
    std::iter::repeat_n("..", depth).collect()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{lexical_absolute, relative_to};

    #[cfg(unix)]
    #[test]
    fn paths_are_resolved_lexically() {
        let cwd = Path::new("/repo/docs");
        assert_eq!(
            lexical_absolute(cwd, Path::new("./de-DE/../x.md")),
            PathBuf::from("/repo/docs/x.md")
        );
        assert_eq!(
            lexical_absolute(cwd, Path::new("/abs/./y.md")),
            PathBuf::from("/abs/y.md")
        );
        assert_eq!(relative_to(cwd, Path::new("/repo")), PathBuf::from(".."));
        assert_eq!(relative_to(cwd, cwd), PathBuf::from("."));
        assert_eq!(
            relative_to(cwd, Path::new("/other")),
            PathBuf::from("/other")
        );
    }
}
