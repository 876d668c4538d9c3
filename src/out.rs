//! The `out/` folder: writing rendered files atomically, knowing which files are ours, and
//! telling whether the folder is up to date (`render --check`).
//!
//! `out/.respond-manifest` lists every file `respond` wrote, with a hash of its contents.
//! A file is ours if the manifest lists it with its current contents, or if it already holds
//! exactly what we would write. Anything else is the user's: `render` never overwrites or
//! removes it (unless told to with `--force`), and never touches files it does not list.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::render::Rendered;

/// The manifest's file name in `out/`.
pub const MANIFEST: &str = ".respond-manifest";

/// FNV-1a, 64 bits: a stable content hash for change detection (not for security).
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a render would do to `out/`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files that do not exist yet.
    pub added: Vec<String>,
    /// Our files whose contents would change.
    pub changed: Vec<String>,
    /// Our files that no record produces any more.
    pub stale: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files in the way: not ours, or changed by hand since we wrote them.
    pub conflicts: Vec<String>,
}

impl Plan {
    /// Whether `out/` is up to date.
    pub fn is_clean(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.stale.is_empty()
    }
}

/// The manifest: file name → content hash.
fn read_manifest(out: &Path) -> Result<BTreeMap<String, u64>> {
    let path = out.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (hash, name) = l.split_once("  ")?;
            Some((name.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect())
}

fn manifest_text(entries: &BTreeMap<String, u64>) -> String {
    let mut text = String::from(
        "# Files written by `respond render`, with a hash of their contents. respond overwrites\n\
         # and removes only the files listed here, and only while they are unchanged.\n",
    );
    for (name, hash) in entries {
        text.push_str(&format!("{hash:016x}  {name}\n"));
    }
    text
}

/// Works out what writing `files` into `out` would do. With `complete`, files of the
/// `extensions` rendered that the manifest lists but no record produces are stale.
pub fn plan(out: &Path, files: &[Rendered], complete: bool, extensions: &[&str]) -> Result<Plan> {
    let manifest = read_manifest(out)?;
    let mut plan = Plan::default();
    for file in files {
        let path = out.join(&file.name);
        match fs::read(&path) {
            Ok(current) if current == file.contents.as_bytes() => plan.unchanged += 1,
            Ok(current) => {
                if manifest.get(&file.name) == Some(&hash(&current)) {
                    plan.changed.push(file.name.clone());
                } else {
                    plan.conflicts.push(file.name.clone());
                    plan.changed.push(file.name.clone());
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                plan.added.push(file.name.clone())
            }
            Err(e) => {
                return Err(e).with_context(|| format!("failed to read `{}`", path.display()));
            }
        }
    }
    plan.added.sort();
    plan.changed.sort();
    if complete {
        for (name, recorded) in &manifest {
            let produced = files.iter().any(|f| &f.name == name);
            let ours = extensions.iter().any(|e| name.ends_with(&format!(".{e}")));
            if produced || !ours {
                continue;
            }
            match fs::read(out.join(name)) {
                Ok(current) if hash(&current) == *recorded => plan.stale.push(name.clone()),
                Ok(_) => plan.conflicts.push(name.clone()),
                Err(_) => {}
            }
        }
    }
    plan.stale.sort();
    plan.conflicts.sort();
    Ok(plan)
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
fn write_atomically(out: &Path, name: &str, contents: &[u8]) -> Result<()> {
    let target = out.join(name);
    let mut file = tempfile::Builder::new()
        .prefix(".respond-")
        .tempfile_in(out)
        .with_context(|| format!("failed to write in `{}`", out.display()))?;
    file.write_all(contents)
        .and_then(|()| readable(file.as_file()))
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("failed to write `{}`", target.display()))?;
    file.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("failed to write `{}`", target.display()))?;
    Ok(())
}

/// Makes a new file readable by everyone, like any other published file (temporary files
/// start private).
pub fn readable(file: &fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Carries out `plan`: writes added and changed files, removes stale ones, updates the manifest.
/// Conflicts stop it before anything is written, unless `force`.
pub fn write(out: &Path, files: &[Rendered], plan: &Plan, force: bool) -> Result<()> {
    if !plan.conflicts.is_empty() && !force {
        bail!(
            "{} in `{}` {} not written by respond, or changed by hand since: {}; move {} away, or render with `--force` to overwrite",
            crate::problem::count(plan.conflicts.len(), "file"),
            out.display(),
            if plan.conflicts.len() == 1 {
                "was"
            } else {
                "were"
            },
            plan.conflicts.join(", "),
            if plan.conflicts.len() == 1 {
                "it"
            } else {
                "them"
            },
        );
    }
    fs::create_dir_all(out).with_context(|| format!("failed to create `{}`", out.display()))?;
    // Fail before writing anything if the folder cannot be written.
    tempfile::Builder::new()
        .prefix(".respond-")
        .tempfile_in(out)
        .with_context(|| format!("failed to write in `{}`", out.display()))?;
    let mut manifest = read_manifest(out)?;
    for file in files {
        if plan.added.contains(&file.name) || plan.changed.contains(&file.name) {
            write_atomically(out, &file.name, file.contents.as_bytes())?;
        }
        manifest.insert(file.name.clone(), hash(file.contents.as_bytes()));
    }
    for name in &plan.stale {
        let path = out.join(name);
        fs::remove_file(&path).with_context(|| format!("failed to remove `{}`", path.display()))?;
        manifest.remove(name);
    }
    let text = manifest_text(&manifest);
    if fs::read_to_string(out.join(MANIFEST)).ok().as_deref() != Some(text.as_str()) {
        write_atomically(out, MANIFEST, text.as_bytes())?;
    }
    Ok(())
}

/// A folder of the project (`out`, `templates`): as given, or `name` in the project folder
/// (written without `./` when the project is the working directory).
pub fn resolve(root: &Path, given: Option<&Path>, name: &str) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None if root == Path::new(".") => PathBuf::from(name),
        None => root.join(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
