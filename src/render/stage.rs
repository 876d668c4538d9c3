//! Staging a produced file: compare it with `out/` (by hash when it is ours, by its bytes when
//! not) and, when it would change `out/` and the render writes, write it to a temporary file
//! beside its place. Nothing is put in place here: `apply` renames every staged file once the
//! whole render is known to be valid and nothing is in the way, and a staged file dropped
//! instead is removed.

use anyhow::Result;
use tempfile::TempPath;

use crate::render::out_dir::{self, OutDir, hash};
use crate::render::plan::{Change, Planned};

/// A produced file, compared with `out/`, and its temporary file if it is to be written.
pub(crate) struct Staged {
    pub(crate) planned: Planned,
    pub(crate) temp: Option<TempPath>,
}

/// Stages files into one `out/`.
pub(crate) struct Stager<'a> {
    pub(crate) out: &'a OutDir<'a>,
    /// Whether files that change `out/` are written (not with `--check`).
    pub(crate) write: bool,
}

impl Stager<'_> {
    /// Compares `bytes`, to be `out/<name>`, with `out/`, and writes them to a temporary file
    /// if they change it.
    pub(crate) fn stage(&self, name: String, bytes: &[u8]) -> Result<Staged> {
        let content_hash = hash(bytes);
        let state = self.out.state(&name)?;
        let change = self.out.change(&name, bytes, content_hash, state);
        let temp = if self.write && change != Change::Same {
            Some(out_dir::write_temporary(self.out.dir, &name, bytes)?)
        } else {
            None
        };
        Ok(Staged {
            planned: Planned::new(name, content_hash, change, state),
            temp,
        })
    }
}
