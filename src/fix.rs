//! `--fix` and `--diff`: applies the edits that findings carry to the files they point at. The
//! only module that writes a checked file, and only through `write_atomic`: a file is either
//! replaced whole by its fixed text or left exactly as it was. It decides nothing about what a
//! fix is; the rules do.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::report::Diagnostic;
use crate::rules::Severity;

/// The rule id of a fix that could not be applied.
pub const FAILED: &str = "fix-failed";

/// One edit of a diagnostic's fix: the bytes `range` of `path`, which held `original` when the
/// file was checked, become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub range: Range<usize>,
    pub original: String,
    pub replacement: String,
}

/// The edits that repair one diagnostic: all of them are applied, or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFix {
    pub edits: Vec<FileEdit>,
}

/// What `--fix` does with a file's new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace the file (`--fix`).
    Write,
    /// Only describe the change as a unified diff (`--diff`).
    Diff,
}

/// What applying the fixes did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Diagnostics whose every edit was applied (with `Mode::Diff`: would be).
    pub fixed: usize,
    /// The files changed (or that would change), in path order.
    pub files: Vec<PathBuf>,
    /// With `Mode::Diff`: the unified diff of every changed file.
    pub diff: String,
    /// Files left as they were because their fix failed, with the reason; as diagnostics.
    pub failures: Vec<Diagnostic>,
}

/// Applies the fixes of `diagnostics` (in their order; an edit overlapping one already taken
/// is skipped with its whole fix, so the outcome does not depend on anything but that order).
/// Files in `skip` are left alone. Writes go through `write_atomic`.
pub fn apply(diagnostics: &[Diagnostic], mode: Mode, skip: &BTreeSet<PathBuf>) -> Applied {
    apply_with(diagnostics, mode, skip, &|path, bytes| {
        write_atomic(path, |file| file.write_all(bytes))
    })
}

/// `apply`, with the function that replaces a file's bytes given: tests make it fail.
pub fn apply_with(
    diagnostics: &[Diagnostic],
    mode: Mode,
    skip: &BTreeSet<PathBuf>,
    write: &dyn Fn(&Path, &[u8]) -> io::Result<()>,
) -> Applied {
    let chosen = choose(diagnostics, skip);
    let mut applied = Applied::default();
    let mut failed: HashSet<&Path> = HashSet::new();
    for (file, (path, edits)) in &chosen.per_file {
        let result = fixed_text(path, edits).and_then(|(old, new)| {
            if old == new {
                return Ok(false);
            }
            match mode {
                Mode::Diff => applied.diff.push_str(&unified_diff(path, &old, &new)),
                Mode::Write => write(path, &new).map_err(|e| e.to_string())?,
            }
            Ok(true)
        });
        match result {
            Ok(true) => applied.files.push(path.to_path_buf()),
            Ok(false) => {}
            Err(reason) => {
                failed.insert(file);
                let about = diagnostics.iter().find(|d| d.path == *path);
                applied.failures.push(failure(path, &reason, about));
            }
        }
    }
    applied.fixed = chosen
        .taken
        .iter()
        .filter(|&&k| {
            diagnostics[k].fix.as_ref().is_some_and(|fix| {
                fix.edits
                    .iter()
                    .all(|e| !failed.contains(chosen.file_of[e.path.as_path()].as_path()))
            })
        })
        .count();
    applied
}

/// The edits to apply, per file.
struct Chosen<'d> {
    /// Per file (its real path: a symbolic link and its target are one file): the path it was
    /// checked under first, and its edits in order.
    per_file: BTreeMap<PathBuf, (&'d Path, Vec<&'d FileEdit>)>,
    /// The real path of each path the edits name.
    file_of: HashMap<&'d Path, PathBuf>,
    /// The diagnostics whose fixes are taken.
    taken: Vec<usize>,
}

/// Takes whole fixes in the diagnostics' order, skipping one that overlaps an edit already
/// taken in the same file.
fn choose<'d>(diagnostics: &'d [Diagnostic], skip: &BTreeSet<PathBuf>) -> Chosen<'d> {
    let mut chosen = Chosen {
        per_file: BTreeMap::new(),
        file_of: HashMap::new(),
        taken: Vec::new(),
    };
    for (k, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.is_empty() || fix.edits.iter().any(|e| skip.contains(&e.path)) {
            continue;
        }
        for edit in &fix.edits {
            chosen
                .file_of
                .entry(edit.path.as_path())
                .or_insert_with(|| fs::canonicalize(&edit.path).unwrap_or(edit.path.clone()));
        }
        let file = |e: &FileEdit| chosen.file_of[e.path.as_path()].clone();
        let conflicts = fix.edits.iter().any(|e| {
            chosen.per_file.get(&file(e)).is_some_and(|(_, taken)| {
                taken
                    .iter()
                    .any(|c| !same_edit(c, e) && overlaps(&c.range, &e.range))
            })
        });
        if conflicts {
            continue;
        }
        for edit in &fix.edits {
            let (_, taken) = chosen
                .per_file
                .entry(file(edit))
                .or_insert_with(|| (edit.path.as_path(), Vec::new()));
            if !taken.iter().any(|c| same_edit(c, edit)) {
                taken.push(edit);
            }
        }
        chosen.taken.push(k);
    }
    for (_, edits) in chosen.per_file.values_mut() {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
    }
    chosen
}

fn same_edit(a: &FileEdit, b: &FileEdit) -> bool {
    a.range == b.range && a.replacement == b.replacement
}

/// Whether two edits touch the same bytes, or insert at the same place (their order would be a
/// guess).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end)
        || a.start == b.start
        || ((a.is_empty() || b.is_empty()) && (a.start == b.end || b.start == a.end))
}

/// The file's bytes now and with `edits` (sorted, not overlapping) applied. Every edit's bytes
/// must still be what the check saw; otherwise the file changed since and nothing is applied.
fn fixed_text(path: &Path, edits: &[&FileEdit]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let old = fs::read(path).map_err(|e| format!("cannot read it again: {e}"))?;
    let mut new = Vec::with_capacity(old.len());
    let mut at = 0;
    for edit in edits {
        let range = edit.range.clone();
        if range.start < at || old.get(range.clone()) != Some(edit.original.as_bytes()) {
            return Err("the file changed since it was checked".to_owned());
        }
        new.extend_from_slice(&old[at..range.start]);
        new.extend_from_slice(edit.replacement.as_bytes());
        at = range.end;
    }
    new.extend_from_slice(&old[at..]);
    Ok((old, new))
}

/// A unified diff of one file, with three lines of context, as `diff -u` and `git diff` print.
fn unified_diff(path: &Path, old: &[u8], new: &[u8]) -> String {
    let name = path.display().to_string();
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}

/// The `fix-failed` diagnostic of a file left as it was.
fn failure(path: &Path, reason: &str, about: Option<&Diagnostic>) -> Diagnostic {
    Diagnostic {
        rule: FAILED,
        severity: Severity::Error,
        path: path.to_path_buf(),
        locale: about.and_then(|d| d.locale.clone()),
        article: about.map(|d| d.article.clone()).unwrap_or_default(),
        span: 0..0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        message: format!("not fixed, the file is left as it was: {reason}"),
        help: Some("apply the fixes of the other findings of this file by hand".to_owned()),
        related: Vec::new(),
        fix: None,
    }
}

/// Temporary files made in one process are told apart by this counter.
static TEMPORARY: AtomicUsize = AtomicUsize::new(0);

/// Replaces the file at `path` with what `write` writes, so that a crash, a full disk or any
/// error leaves either the old file or the new one, never a mix: `write` fills a new file in the
/// same folder, which gets the original's permissions and owner, is synced to disk and renamed
/// over the original. A symbolic link is followed: its target is replaced and the link stays. A
/// file with other hard links is refused, because the rename would leave them on the old text.
/// On error the temporary file is removed and the original is untouched.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let metadata = fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if metadata.nlink() > 1 {
            return Err(io::Error::other(format!(
                "it has {} hard links, and replacing it would leave the others unfixed",
                metadata.nlink()
            )));
        }
    }
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no folder"))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temporary, mut file) = create_temporary(dir, &name)?;
    let result = fill(&mut file, &metadata, write)
        .and_then(|()| {
            drop(file);
            fs::rename(&temporary, &target)
        })
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        });
    if result.is_ok() {
        // The rename itself is durable once the folder is synced; where a folder cannot be
        // opened for that, the rename has still happened.
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    result
}

/// Writes the new text, gives the file the original's owner and mode, and syncs it.
fn fill(
    file: &mut fs::File,
    original: &fs::Metadata,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    write(file)?;
    file.flush()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // Before the mode: changing the owner may clear set-id bits.
        std::os::unix::fs::fchown(&*file, Some(original.uid()), Some(original.gid()))
            .map_err(|e| io::Error::new(e.kind(), format!("cannot keep the file's owner: {e}")))?;
    }
    file.set_permissions(original.permissions())?;
    file.sync_all()
}

/// A new file beside the original: `.name.loclint-PID-N.tmp`, created only if it did not exist.
fn create_temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for _ in 0..100 {
        let n = TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.loclint-{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name was free")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn edit(path: &Path, range: Range<usize>, original: &str, replacement: &str) -> FileEdit {
        FileEdit {
            path: path.to_path_buf(),
            range,
            original: original.to_owned(),
            replacement: replacement.to_owned(),
        }
    }

    fn fixable(path: &Path, edits: Vec<FileEdit>) -> Diagnostic {
        let mut d = failure(path, "", None);
        d.rule = "link-syntax-broken";
        d.fix = Some(FileFix { edits });
        d
    }

    /// Every file in `dir` and its bytes.
    fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect()
    }

    #[test]
    fn a_write_failing_midway_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old text\n").unwrap();
        let before = files(dir.path());
        let error = write_atomic(&path, |file| {
            file.write_all(b"new t")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(files(dir.path()), before);
    }

    #[test]
    fn a_failed_write_is_reported_and_the_other_files_are_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        fs::write(&a, "[x] (y)\n").unwrap();
        fs::write(&b, "[x] (y)\n").unwrap();
        let diagnostics = [
            fixable(&a, vec![edit(&a, 3..4, " ", "")]),
            fixable(&b, vec![edit(&b, 3..4, " ", "")]),
        ];
        let applied = apply_with(
            &diagnostics,
            Mode::Write,
            &BTreeSet::new(),
            &|path, bytes| {
                if path == a {
                    write_atomic(path, |file| {
                        file.write_all(&bytes[..2])?;
                        Err(io::Error::other("injected failure"))
                    })
                } else {
                    write_atomic(path, |file| file.write_all(bytes))
                }
            },
        );
        assert_eq!(fs::read_to_string(&a).unwrap(), "[x] (y)\n");
        assert_eq!(fs::read_to_string(&b).unwrap(), "[x](y)\n");
        assert_eq!(applied.fixed, 1);
        assert_eq!(applied.files, std::slice::from_ref(&b));
        assert_eq!(applied.failures.len(), 1);
        assert_eq!(applied.failures[0].path, a);
        assert_eq!(applied.failures[0].rule, FAILED);
        assert!(
            applied.failures[0].message.contains("injected failure"),
            "{}",
            applied.failures[0].message
        );
        assert_eq!(files(dir.path()).len(), 2, "a temporary file was left");
    }

    #[test]
    fn overlapping_fixes_are_skipped_whole_and_identical_edits_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        fs::write(&a, "abcdef").unwrap();
        let diagnostics = [
            fixable(&a, vec![edit(&a, 1..3, "bc", "X")]),
            // Overlaps the first: skipped with its other edit.
            fixable(
                &a,
                vec![edit(&a, 2..4, "cd", "Y"), edit(&a, 5..6, "f", "Z")],
            ),
            // The same edit as the first: nothing more to do, and fixed too.
            fixable(&a, vec![edit(&a, 1..3, "bc", "X")]),
            // Inserting where another edit starts: the order would be a guess.
            fixable(&a, vec![edit(&a, 1..1, "", "+")]),
            fixable(&a, vec![edit(&a, 4..5, "e", "")]),
        ];
        let applied = apply(&diagnostics, Mode::Write, &BTreeSet::new());
        assert_eq!(fs::read_to_string(&a).unwrap(), "aXdf");
        assert_eq!(applied.fixed, 3);
    }

    #[test]
    fn a_file_changed_since_it_was_checked_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        fs::write(&a, "[x]  (y)\n").unwrap();
        let diagnostics = [fixable(&a, vec![edit(&a, 3..4, " ", "")])];
        fs::write(&a, "[x](y) \n").unwrap();
        let applied = apply(&diagnostics, Mode::Write, &BTreeSet::new());
        assert_eq!(fs::read_to_string(&a).unwrap(), "[x](y) \n");
        assert_eq!(applied.fixed, 0);
        assert!(applied.failures[0].message.contains("changed since"));
    }

    #[test]
    fn diff_mode_writes_nothing_and_describes_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        fs::write(&a, "one\n[x] (y)\nthree\n").unwrap();
        let diagnostics = [fixable(&a, vec![edit(&a, 7..8, " ", "")])];
        let applied = apply(&diagnostics, Mode::Diff, &BTreeSet::new());
        assert_eq!(fs::read_to_string(&a).unwrap(), "one\n[x] (y)\nthree\n");
        let name = a.display();
        assert_eq!(
            applied.diff,
            format!("--- {name}\n+++ {name}\n@@ -1,3 +1,3 @@\n one\n-[x] (y)\n+[x](y)\n three\n")
        );
        assert_eq!(applied.fixed, 1);
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_kept_and_hard_links_are_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        fs::write(&a, "old").unwrap();
        fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&a, |file| file.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "new");
        assert_eq!(
            fs::metadata(&a).unwrap().permissions().mode() & 0o7777,
            0o640
        );
        let b = dir.path().join("b.md");
        fs::hard_link(&a, &b).unwrap();
        let error = write_atomic(&a, |file| file.write_all(b"newer")).unwrap_err();
        assert!(error.to_string().contains("2 hard links"), "{error}");
        assert_eq!(fs::read_to_string(&b).unwrap(), "new");
    }
}
