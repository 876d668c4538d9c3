//! Carrying out a plan: every staged file renamed into place, the stale files removed, and the
//! manifest written with the hash of every file this render produced.
//!
//! In this order, so that a render stopped at any point (killed, or a disk that fills) leaves
//! `out/` in a state the next render reads truthfully: every file is already written (staged)
//! when this starts; a manifest that a journal of an earlier, stopped render amended is written
//! first; then the journal of the files about to be renamed; the renames (each file wholly old
//! or wholly new); the stale files' removal; the manifest; the journal's removal. A file that
//! holds what the manifest or the journal says is ours.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use crate::render::out_dir::{self, Manifest};
use crate::render::plan::Plan;
use crate::render::stage::Staged;

/// Puts `staged` in place in `out`, removes `plan`'s stale files and writes the manifest;
/// returns the manifest as written, and the hash of its text.
pub(crate) fn files(
    out: &Path,
    plan: &Plan,
    staged: Vec<Staged>,
    manifest: Manifest,
) -> Result<(BTreeMap<String, u64>, u64)> {
    let mut manifest_entries = manifest.entries;
    if manifest.journaled {
        // The journal about to be written replaces the old one: what it said goes first.
        out_dir::write_manifest(out, &manifest_entries)?;
    }
    let moving: Vec<(&str, u64)> = staged
        .iter()
        .filter(|file| file.temp.is_some())
        .map(|file| (file.planned.name.as_str(), file.planned.hash))
        .collect();
    if !moving.is_empty() {
        out_dir::write_journal(out, moving)?;
    }
    let produced: Vec<(String, u64)> = staged
        .into_par_iter()
        .map(|file| {
            if let Some(temp) = file.temp {
                out_dir::persist(temp, out, &file.planned.name)?;
            }
            Ok((file.planned.name, file.planned.hash))
        })
        .collect::<Result<_>>()?;
    for name in &plan.stale {
        let path = out.join(name);
        fs::remove_file(&path)
            .map_err(|e| anyhow::anyhow!("failed to remove `{}`: {e}", path.display()))?;
    }
    manifest_entries.extend(produced);
    for name in &plan.stale {
        manifest_entries.remove(name);
    }
    let text_hash = out_dir::write_manifest(out, &manifest_entries)?;
    out_dir::remove_journal(out)?;
    Ok((manifest_entries, text_hash))
}
