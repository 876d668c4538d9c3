//! Carrying out a plan: every staged file renamed into place, the stale files removed, and the
//! manifest written with the hash of every file this render produced.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use crate::render::out_dir;
use crate::render::plan::Plan;
use crate::render::stage::Staged;

/// Puts `staged` in place in `out`, removes `plan`'s stale files and writes the manifest;
/// returns the manifest as written.
pub(crate) fn files(
    out: &Path,
    plan: &Plan,
    staged: Vec<Staged>,
    mut manifest: BTreeMap<String, u64>,
) -> Result<BTreeMap<String, u64>> {
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
    manifest.extend(produced);
    for name in &plan.stale {
        manifest.remove(name);
    }
    out_dir::write_manifest(out, &manifest)?;
    Ok(manifest)
}
