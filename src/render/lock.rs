//! A folder's lock, `.respond-lock`: held by one render at a time, shared by `--check`, and
//! made only as a regular file in a real folder (never through a link).

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::files::{Opened, not_regular, open_regular};
use crate::render::out_dir::LOCK;

/// Refuses an `out` that is a symbolic link or a file: respond writes only into a real folder.
/// `option` is `out` or `drafts`, the option that names the folder.
pub(crate) fn refuse_links(out: &Path, option: &str) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            bail!(
                "`{}` is a symbolic link; respond writes only into a real folder (give the folder itself with `--{option}`)",
                out.display()
            );
        }
        if !meta.is_dir() {
            bail!("`{}` is a file, not a folder", out.display());
        }
    }
    Ok(())
}

/// Whether one render holds `out/`'s lock, or none.
pub(crate) enum Lock {
    /// Held until the file is dropped (closed).
    Held { _file: fs::File },
    /// No lock file could be made: the folder cannot be written, which the render reports.
    Unwritable,
}

/// The error when another render holds the lock of `out`; `again` is the command to run once
/// it has finished.
fn another_render(out: &Path, again: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "another render is running in `{}`; wait for it to finish, then {again} again",
        out.display()
    )
}

/// Takes `out`'s lock for a render that writes, or fails at once if another render holds it.
pub(crate) fn lock(out: &Path) -> Result<Lock> {
    lock_to(out, "render")
}

/// [`lock`], for the command `again` (`render`, `publish`) that the error says to run again.
pub(crate) fn lock_to(out: &Path, again: &str) -> Result<Lock> {
    let path = out.join(LOCK);
    // Made new when there is none: never through a link left in its place, which would make
    // a file wherever it points.
    let opened = match open_regular(&path, fs::OpenOptions::new().write(true)) {
        Ok(Opened::Missing) => fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map(|file| Opened::File(file, 0)),
        other => other,
    };
    let file = match opened {
        Ok(Opened::File(file, _)) => file,
        Ok(Opened::Special(what)) => return Err(not_regular(&path, what)),
        Ok(Opened::Missing) | Err(_) => return Ok(Lock::Unwritable),
    };
    match file.try_lock() {
        Ok(()) => Ok(Lock::Held { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(another_render(out, again)),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("failed to lock `{}`", path.display()))
        }
    }
}

/// Shares `out`'s lock for `--check`, which writes nothing (not even the lock file), or fails
/// at once if a render holds it: what it would report changes under it.
pub(crate) fn lock_shared(out: &Path, again: &str) -> Result<Option<fs::File>> {
    let path = out.join(LOCK);
    let file = match open_regular(&path, fs::OpenOptions::new().read(true)) {
        Ok(Opened::File(file, _)) => file,
        Ok(Opened::Special(what)) => return Err(not_regular(&path, what)),
        // None, or one that cannot be read: nothing to share.
        Ok(Opened::Missing) | Err(_) => return Ok(None),
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Err(another_render(out, again)),
        // A file system without locks: nothing to share.
        Err(fs::TryLockError::Error(_)) => Ok(None),
    }
}
