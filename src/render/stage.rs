//! Comparing a rendered file with its folder (by hash when it is ours, by its bytes when not):
//! its bytes are kept only when it would change the folder, for `apply` to write. Nothing is
//! written here.

use anyhow::Result;

use crate::files::hash;
use crate::render::out_dir::OutDir;
use crate::render::plan::{Change, Planned};

/// A rendered file, compared with its folder, and its bytes if it is to be written.
pub(crate) struct Staged {
    pub(crate) planned: Planned,
    pub(crate) bytes: Option<Vec<u8>>,
}

/// Compares files with one folder.
pub(crate) struct Stager<'a> {
    pub(crate) out: &'a OutDir<'a>,
}

impl Stager<'_> {
    /// Compares `bytes`, to be `<folder>/<name>`, with the folder.
    pub(crate) fn stage(&self, name: String, bytes: Vec<u8>) -> Result<Staged> {
        let content_hash = hash(&bytes);
        let state = self.out.state(&name)?;
        let change = self.out.change(&name, &bytes, content_hash, state);
        Ok(Staged {
            planned: Planned::new(name, content_hash, change, state),
            bytes: (change != Change::Same).then_some(bytes),
        })
    }
}
