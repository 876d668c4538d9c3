//! `drafts/`: the pages of the records whose responses are not yet published, and an index of
//! them, beside `out/` and never inside it, so that nothing unpublished is ever put on the
//! website with `out/`. git ignores the folder.
//!
//! It is planned as `out/` is, with the same parts (a manifest of our files, a lock, a journal,
//! files written beside their places and renamed, never a file that is not ours), once `out/`
//! is planned, and only by a render that writes (`--check` covers `out/` alone). It keeps no
//! render cache: every draft's page and the index of drafts are rendered every time and
//! compared with the folder, which costs little since drafts are few (the responses in hand,
//! not the archive), and keeps the folder true even after a render killed between it and
//! `out/`. A record published since the last render loses its draft's files here as it gains
//! its public ones in `out/`.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::outputs::Folder;
use crate::render::folder::{self, Planned, Work};
use crate::render::lock::{self, Lock};
use crate::render::out_dir;
use crate::render::plan::in_the_way;

/// The drafts' plan, made under their folder's lock, to be carried out once `out/`'s files
/// are written.
pub(crate) struct Staging {
    pub(crate) path: PathBuf,
    /// The folders making it created, removed again if the render fails.
    pub(crate) created: Vec<PathBuf>,
    /// Held until the drafts are in place.
    pub(crate) lock: std::fs::File,
    pub(crate) folder: Planned,
}

/// Plans the drafts in `path`; `None` when there is nothing to do: no drafts, and no folder of
/// them from before. A folder this made is removed again if this fails.
pub(crate) fn plan(path: &Path, work: &Work<'_>) -> Result<Option<Staging>> {
    let any = work
        .validated
        .inspections
        .iter()
        .any(|i| Folder::of(i.response_published) == Folder::Drafts);
    if !any && std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    lock::refuse_links(path, "drafts")?;
    let created = out_dir::create(path)?;
    match locked(path, work) {
        Ok((lock, folder)) => Ok(Some(Staging {
            path: path.to_path_buf(),
            created,
            lock,
            folder,
        })),
        Err(e) => {
            out_dir::remove_created(path, &created);
            Err(e)
        }
    }
}

impl Staging {
    /// Gives the plan up, removing the folder if this render made it.
    pub(crate) fn abandon(self) {
        drop(self.lock);
        out_dir::remove_created(&self.path, &self.created);
    }
}

/// [`plan`], once the folder exists: under its lock, which is returned with the plan.
fn locked(path: &Path, work: &Work<'_>) -> Result<(std::fs::File, Planned)> {
    let Lock::Held { _file: lock } = lock::lock(path)? else {
        // Says why the folder cannot be written.
        out_dir::prepare(path)?;
        anyhow::bail!("failed to write in `{}`", path.display());
    };
    out_dir::remove_temporaries(path);
    out_dir::prepare(path)?;
    let manifest = out_dir::read_manifest(path)?;
    let (planned, _) = folder::plan(path, work, manifest, Folder::Drafts, None)?;
    if !planned.plan.conflicts.is_empty() && !work.request.force {
        return Err(in_the_way(path, &planned.plan.conflicts));
    }
    Ok((lock, planned))
}
