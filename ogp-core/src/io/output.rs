//! Writing files so that nothing is destroyed: never over what exists unless asked, never
//! through a symbolic link, never half-written.
//!
//! Every file `ogp` writes goes through [`write_file`], every folder (a CSV bundle, a
//! template, the schemas) through [`write_dir`]:
//!
//! - **Nothing overwritten.** A target that exists and is not empty (a file with bytes in
//!   it, a folder with entries) is refused with [`Error::Exists`] unless the caller passes
//!   [`Overwrite::Replace`] (`--force` in the CLI, `force=True` in Python). An empty file or an
//!   empty folder is written into.
//! - **Never half-written.** A file is written to a temporary file in the target's folder,
//!   flushed to disk, then renamed over the target: a full disk or a crash leaves the old
//!   file whole. A folder is written as a temporary sibling folder and swapped in: an old
//!   bundle is never left as a mix of old and new tables. Files of the old folder that the
//!   new one does not write (a README of one's own, notes) are carried over.
//! - **No symbolic links.** A target that is a symbolic link is refused: writing through a
//!   link would change the file it points to. A link inside a folder being replaced is
//!   replaced itself (or carried over), never written through.
//!
//! ```
//! use ogp_core::io::output::{write_file, Overwrite};
//! use ogp_core::Error;
//!
//! let dir = std::env::temp_dir().join(format!("ogp-output-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("a.json");
//! write_file(&path, b"{}\n", Overwrite::Refuse)?;
//! let again = write_file(&path, b"[]\n", Overwrite::Refuse);
//! assert!(matches!(again, Err(Error::Exists { .. })));
//! assert_eq!(std::fs::read(&path).unwrap(), b"{}\n");
//! write_file(&path, b"[]\n", Overwrite::Replace)?;
//! assert_eq!(std::fs::read(&path).unwrap(), b"[]\n");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), ogp_core::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// What a write may do to a target that already holds something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overwrite {
    /// Refuse a target that exists and is not empty (the default).
    #[default]
    Refuse,
    /// Replace it (`--force`).
    Replace,
}

impl Overwrite {
    /// `Replace` when `force` is true, else `Refuse`.
    pub fn from_force(force: bool) -> Overwrite {
        if force {
            Overwrite::Replace
        } else {
            Overwrite::Refuse
        }
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `bytes` to the file at `path` atomically (a temporary file in the same folder,
/// renamed over the target). Refuses a symbolic link, a folder, and — unless `overwrite` is
/// [`Overwrite::Replace`] — a file that is not empty.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), Error> {
    check_file_target(path, overwrite)?;
    let parent = parent_of(path);
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let tmp = temp_sibling(path, "tmp");
    let written = write_new(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::Io {
            path: path.to_owned(),
            source,
        });
    }
    Ok(())
}

/// Writes the files (name → bytes) as the folder `dir`: into a temporary sibling folder,
/// then swapped in. Refuses a symbolic link, a file, and — unless `overwrite` is
/// [`Overwrite::Replace`] — a folder that is not empty. When replacing, the old folder's
/// entries that `files` does not name are carried over.
pub fn write_dir(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    overwrite: Overwrite,
) -> Result<(), Error> {
    let existing = check_dir_target(dir, overwrite)?;
    let parent = parent_of(dir);
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let tmp = temp_sibling(dir, "tmp");
    let _ = fs::remove_dir_all(&tmp);
    let filled = fill_dir(&tmp, files);
    if let Err(e) = filled {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if !existing {
        return fs::rename(&tmp, dir).map_err(io_error(dir));
    }
    swap_in(dir, &tmp, files)
}

/// Writes every file into the new folder `tmp`.
fn fill_dir(tmp: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), Error> {
    fs::create_dir_all(tmp).map_err(io_error(tmp))?;
    for (name, bytes) in files {
        let path = tmp.join(name);
        write_new(&path, bytes).map_err(io_error(&path))?;
    }
    Ok(())
}

/// Replaces the folder `dir` by `tmp`, carrying over `dir`'s entries that `files` does not
/// name. The old folder is moved aside first and removed only once the new one is in place;
/// if the swap fails, the old folder is put back.
fn swap_in(dir: &Path, tmp: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), Error> {
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let name = entry.file_name();
        let keep = name.to_str().is_none_or(|n| !files.contains_key(n));
        if keep {
            let to = tmp.join(&name);
            fs::rename(entry.path(), &to).map_err(io_error(&to))?;
        }
    }
    let old = temp_sibling(dir, "old");
    let _ = fs::remove_dir_all(&old);
    fs::rename(dir, &old).map_err(io_error(dir))?;
    if let Err(source) = fs::rename(tmp, dir) {
        let _ = fs::rename(&old, dir);
        return Err(Error::Io {
            path: dir.to_owned(),
            source,
        });
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Creates `path` (which must not exist), writes `bytes` and flushes them to disk.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Checks a file target: not a link, not a folder, empty or absent unless replacing.
fn check_file_target(path: &Path, overwrite: Overwrite) -> Result<(), Error> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err(refused(
            path,
            "it is a symbolic link; ogp never writes through one",
        ));
    }
    if meta.is_dir() {
        return Err(refused(path, "it is a folder"));
    }
    if meta.len() > 0 && overwrite == Overwrite::Refuse {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Checks a folder target; true when it exists (empty, or allowed to be replaced).
fn check_dir_target(dir: &Path, overwrite: Overwrite) -> Result<bool, Error> {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return Ok(false);
    };
    if meta.file_type().is_symlink() {
        return Err(refused(
            dir,
            "it is a symbolic link; ogp never writes through one",
        ));
    }
    if !meta.is_dir() {
        return Err(refused(dir, "it is a file, not a folder"));
    }
    let mut entries = fs::read_dir(dir).map_err(io_error(dir))?.peekable();
    if entries.peek().is_some() && overwrite == Overwrite::Refuse {
        return Err(Error::Exists {
            path: dir.to_owned(),
        });
    }
    Ok(true)
}

fn refused(path: &Path, why: &str) -> Error {
    Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not written: {why}"),
        ),
    }
}

/// The folder a path is in (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A hidden name beside `path` for a temporary file or folder: `.NAME.ogp-KIND-PID`.
fn temp_sibling(path: &Path, kind: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    parent_of(path).join(format!(".{name}.ogp-{kind}-{}", std::process::id()))
}

/// True when `inner` is `outer` or lies inside it (both resolved when they exist), so that a
/// command can refuse to write its output over its own input.
pub fn is_within(inner: &Path, outer: &Path) -> bool {
    let resolve = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
    let (inner, outer) = (resolve(inner), resolve(outer));
    inner.starts_with(&outer)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("ogp-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_filled_folder_is_refused_and_left_whole() {
        let d = scratch("refuse");
        let bundle = d.join("b");
        fs::create_dir_all(&bundle).unwrap();
        fs::write(bundle.join("plans.csv"), "id\np1\n").unwrap();
        let r = write_dir(&bundle, &files(&[("plans.csv", "id\n")]), Overwrite::Refuse);
        assert!(matches!(r, Err(Error::Exists { .. })), "{r:?}");
        assert_eq!(
            fs::read_to_string(bundle.join("plans.csv")).unwrap(),
            "id\np1\n"
        );
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn replacing_a_folder_swaps_tables_and_keeps_other_files() {
        let d = scratch("replace");
        let bundle = d.join("b");
        fs::create_dir_all(&bundle).unwrap();
        fs::write(bundle.join("plans.csv"), "id\nold\n").unwrap();
        fs::write(bundle.join("NOTES.txt"), "mine").unwrap();
        write_dir(
            &bundle,
            &files(&[("plans.csv", "id\nnew\n")]),
            Overwrite::Replace,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(bundle.join("plans.csv")).unwrap(),
            "id\nnew\n"
        );
        assert_eq!(
            fs::read_to_string(bundle.join("NOTES.txt")).unwrap(),
            "mine"
        );
        let left: Vec<_> = fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary folder is left behind");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_empty_folder_or_file_is_written_into() {
        let d = scratch("empty");
        write_dir(&d, &files(&[("a.csv", "x\n")]), Overwrite::Refuse).unwrap();
        assert_eq!(fs::read_to_string(d.join("a.csv")).unwrap(), "x\n");
        let f = d.join("empty.json");
        fs::write(&f, "").unwrap();
        write_file(&f, b"{}", Overwrite::Refuse).unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"{}");
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_never_written_through() {
        let d = scratch("link");
        let victim = d.join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let link = d.join("out.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let r = write_file(&link, b"{}", Overwrite::Replace);
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        let dir_link = d.join("bundle");
        std::os::unix::fs::symlink(&d, &dir_link).unwrap();
        assert!(write_dir(&dir_link, &files(&[("a.csv", "x")]), Overwrite::Replace).is_err());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn within() {
        let d = scratch("within");
        assert!(is_within(
            &d.join("b").join("commitments.csv"),
            &d.join("b")
        ));
        assert!(is_within(&d, &d));
        assert!(!is_within(&d.join("a.json"), &d.join("b")));
        fs::remove_dir_all(&d).unwrap();
    }
}
