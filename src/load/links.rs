//! Links in the project: a link that leads out of the project is not followed (its file is
//! refused, with a problem where it stands), and one that leads up to a folder holding it is
//! not walked.

use std::fs;
use std::path::{Path, PathBuf};

use crate::load::read::{Input, Refusal};
use crate::problem::{Code, Problem, Severity};

/// Where a symbolic link leads, when that is outside the project (`None` for an ordinary
/// file or a link that stays inside).
pub(crate) fn leads_outside(path: &Path, canonical_root: &Path) -> Option<PathBuf> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(canonical_root) => None,
        Ok(target) => Some(target),
        // A dangling link: reading it will fail with a clear message.
        Err(_) => None,
    }
}

/// Where a link to a folder leads, when that folder holds the link itself (`data/inspections/up
/// -> ..`): walking it would read `data/office.yaml` and the records again as records.
pub(crate) fn leads_up(path: &Path) -> Option<PathBuf> {
    let target = fs::canonicalize(path).ok()?;
    let parent = canonical(path.parent()?);
    parent.starts_with(&target).then_some(target)
}

/// A record file that is a link: read when it stays inside the project.
pub(crate) fn record_link(path: &Path, canonical_root: &Path) -> Input {
    match leads_outside(path, canonical_root) {
        Some(target) => Input::Refused(outside_refusal(&target, "file")),
        None => Input::Path(path.to_path_buf()),
    }
}

/// Why a link out of the project is not followed; `what` is `file` or `folder`.
pub(crate) fn outside_refusal(target: &Path, what: &str) -> Refusal {
    Refusal {
        code: Code::LinkOutsideProject,
        message: format!(
            "this is a link to `{}`, outside the project",
            target.display()
        ),
        help: format!(
            "respond reads only files inside the project; copy the {what} in instead of linking to it"
        ),
    }
}

/// The problem of a link out of the project, reported where it stands.
pub(crate) fn outside(shown: &str, target: &Path, what: &str) -> Problem {
    let refusal = outside_refusal(target, what);
    Problem::file(Severity::Error, refusal.code, shown, refusal.message).with_help(refusal.help)
}

/// A path with its links resolved, or as it is when that fails (a dangling link).
pub(crate) fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
