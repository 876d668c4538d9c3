//! Carrying out a render's plan, the only writes a render makes: every changed file written to
//! a temporary file beside its place, every one renamed into place, the stale files removed,
//! and the manifest written with the hash of every file this render produced.
//!
//! In this order, so that a render stopped at any point (killed, or a disk that fills) leaves
//! each folder in a state the next render reads truthfully: every file of `out/` is written
//! (to its temporary file) before anything changes in either folder; `drafts/` is put in place
//! first, so that a render failing on `out/` leaves `out/` as it was; in a folder, a manifest
//! that a journal of an earlier, stopped render amended is written first; then the journal of
//! the files about to be renamed; the renames (each file wholly old or wholly new); the stale
//! files' removal; the manifest; the journal's removal. A file that holds what the manifest or
//! the journal says is ours. `out/`'s cache is removed before `out/` changes and written last.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;
use tempfile::TempPath;

use crate::files;
use crate::render::cache::Cache;
use crate::render::drafts::Staging;
use crate::render::folder::{OutPlan, Planned};
use crate::render::out_dir::{self, Manifest};
use crate::render::plan::Plan;
use crate::render::stage::Staged;

/// A file of the plan, and its temporary file when it changes the folder.
pub(crate) struct Written {
    name: String,
    hash: u64,
    temp: Option<TempPath>,
}

/// Carries out the plans of `out/` (at `out_path`) and of `drafts/`; returns them.
pub(crate) fn render(
    out_path: &Path,
    out: OutPlan,
    drafts: Option<Staging>,
) -> Result<(Plan, Option<Plan>)> {
    let OutPlan {
        folder: Planned {
            manifest,
            staged,
            plan,
        },
        cache: (read, next),
    } = out;
    let written = match write_temporaries(out_path, staged) {
        Ok(written) => written,
        Err(e) => {
            if let Some(drafts) = drafts {
                drafts.abandon();
            }
            return Err(e);
        }
    };
    let drafts = drafts.map(put_drafts).transpose()?;
    let touches =
        written.iter().any(|w| w.temp.is_some()) || !plan.stale.is_empty() || plan.manifest;
    if touches {
        // A cache left beside files it does not describe would be trusted.
        Cache::remove(out_path)?;
    }
    let (_, manifest_hash) = files(out_path, &plan, written, manifest)?;
    next.write(out_path, manifest_hash, touches, &read);
    Ok((plan, drafts))
}

/// Writes the drafts' changed files, puts them in place and removes the stale ones; returns
/// the plan carried out. A folder this render made is removed again if that fails (a full
/// disk).
fn put_drafts(drafts: Staging) -> Result<Plan> {
    let Staging {
        path,
        created,
        lock,
        folder: Planned {
            manifest,
            staged,
            plan,
        },
    } = drafts;
    let done =
        write_temporaries(&path, staged).and_then(|written| files(&path, &plan, written, manifest));
    drop(lock);
    match done {
        Ok(_) => Ok(plan),
        Err(e) => {
            out_dir::remove_created(&path, &created);
            Err(e)
        }
    }
}

/// Writes each of `staged` that changes the folder `dir` to a temporary file beside its place.
pub(crate) fn write_temporaries(dir: &Path, staged: Vec<Staged>) -> Result<Vec<Written>> {
    staged
        .into_par_iter()
        .map(|file| {
            let temp = match &file.bytes {
                Some(bytes) => Some(files::write_temporary(dir, &file.planned.name, bytes)?),
                None => None,
            };
            Ok(Written {
                name: file.planned.name,
                hash: file.planned.hash,
                temp,
            })
        })
        .collect()
}

/// Puts `written` in place in `out`, removes `plan`'s stale files and writes the manifest;
/// returns the manifest as written, and the hash of its text.
pub(crate) fn files(
    out: &Path,
    plan: &Plan,
    written: Vec<Written>,
    manifest: Manifest,
) -> Result<(BTreeMap<String, u64>, u64)> {
    let mut manifest_entries = manifest.entries;
    if manifest.journaled {
        // The journal about to be written replaces the old one: what it said goes first.
        out_dir::write_manifest(out, &manifest_entries)?;
    }
    let moving: Vec<(&str, u64)> = written
        .iter()
        .filter(|file| file.temp.is_some())
        .map(|file| (file.name.as_str(), file.hash))
        .collect();
    if !moving.is_empty() {
        out_dir::write_journal(out, moving)?;
    }
    let produced: Vec<(String, u64)> = written
        .into_par_iter()
        .map(|file| {
            if let Some(temp) = file.temp {
                files::persist(temp, out, &file.name)?;
            }
            Ok((file.name, file.hash))
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
