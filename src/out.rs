//! The `out/` folder: writing rendered files atomically, knowing which files are ours, and
//! telling whether the folder is up to date (`render --check`).
//!
//! `out/.respond-manifest` lists every file `respond` wrote, with a hash of its contents.
//! A file is ours if the manifest lists it with its current contents, or if it already holds
//! exactly what we would write. Anything else is the user's: `render` never overwrites or
//! removes it (unless told to with `--force`), and never touches files it does not list.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use tempfile::TempPath;

/// The manifest's file name in `out/`.
pub const MANIFEST: &str = ".respond-manifest";

/// The content hash of the manifest and the render cache: XXH3, 64 bits (xxhash-rust). It
/// only detects changes, so it needs speed rather than cryptographic strength: it hashes a
/// large project's pages in about a tenth of the time SHA-256 takes (BENCHMARKS.md).
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The line that marks a manifest whose hashes are [`hash`]'s. A manifest without it was
/// written by an earlier version, with [`legacy_hash`].
const HASH_LINE: &str = "# hash: xxh3-64";

/// The hash of manifests written before [`HASH_LINE`]: eight bytes at a time, multiply and
/// rotate, then a final mix. Kept only to read such a manifest once and migrate it.
fn legacy_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (bytes.len() as u64) ^ 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    let mut tail = [0; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
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

/// The manifest: file name → content hash. A manifest of an earlier version (hashed with
/// [`legacy_hash`]) is migrated as it is read: each file it lists that still holds what was
/// written gets its [`hash`]; one changed since keeps a value it does not hash to, so that it
/// is still seen as changed by hand.
pub fn read_manifest(out: &Path) -> Result<BTreeMap<String, u64>> {
    let path = out.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    let entries = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (hash, name) = l.split_once("  ")?;
            Some((name.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        });
    if text.lines().any(|l| l == HASH_LINE) {
        return Ok(entries.collect());
    }
    Ok(entries
        .map(|(name, recorded)| {
            let migrated = match fs::read(out.join(&name)) {
                Ok(bytes) if legacy_hash(&bytes) == recorded => hash(&bytes),
                Ok(bytes) => hash(&bytes).wrapping_add(1),
                // Missing: the value does not matter, the file is written again.
                Err(_) => recorded,
            };
            (name, migrated)
        })
        .collect())
}

fn manifest_text(entries: &BTreeMap<String, u64>) -> String {
    let mut text = String::from(
        "# Files written by `respond render`, with a hash of their contents. respond overwrites\n\
         # and removes only the files listed here, and only while they are unchanged.\n",
    );
    text.push_str(HASH_LINE);
    text.push('\n');
    text.reserve(entries.keys().map(|name| name.len() + 19).sum());
    for (name, hash) in entries {
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{hash:016x}  {name}");
    }
    text
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
pub fn write_atomically(out: &Path, name: &str, contents: &[u8]) -> Result<()> {
    persist(write_temporary(out, name, contents)?, out, name)
}

/// Writes what will be `out/<name>` to a new temporary file in `out`, to be put in place with
/// [`persist`]. Dropping it instead removes it.
pub fn write_temporary(out: &Path, name: &str, contents: &[u8]) -> Result<TempPath> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".respond-");
    // Readable by everyone, like any published file (temporary files start private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut file = builder
        .tempfile_in(out)
        .with_context(|| format!("failed to write in `{}`", out.display()))?;
    file.write_all(contents)
        .with_context(|| format!("failed to write `{}`", out.join(name).display()))?;
    Ok(file.into_temp_path())
}

/// Puts a file written by [`write_temporary`] in place as `out/<name>`, in one rename.
pub fn persist(temp: TempPath, out: &Path, name: &str) -> Result<()> {
    let target = out.join(name);
    temp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("failed to write `{}`", target.display()))
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

/// Creates `out` if need be, and fails before anything is written if it cannot be written.
pub fn prepare(out: &Path) -> Result<()> {
    fs::create_dir_all(out).with_context(|| format!("failed to create `{}`", out.display()))?;
    tempfile::Builder::new()
        .prefix(".respond-")
        .tempfile_in(out)
        .with_context(|| format!("failed to write in `{}`", out.display()))?;
    Ok(())
}

/// Writes the manifest, if it changed.
pub fn write_manifest(out: &Path, entries: &BTreeMap<String, u64>) -> Result<()> {
    let text = manifest_text(entries);
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
    fn hash_is_xxh3_64() {
        // The manifest is committed: these values must never change.
        assert_eq!(
            (hash(b""), hash(b"respond")),
            (0x2d06_8005_38d3_94c2, 0xe9b3_c87e_fa99_77d7)
        );
        assert_ne!(hash(b"respond"), hash(b"respone"));
        assert_ne!(hash(b"a"), hash(b"a\0"));
    }

    #[test]
    fn legacy_hash_is_unchanged() {
        // Manifests written before the switch to XXH3 hold these values.
        assert_eq!(
            (legacy_hash(b""), legacy_hash(b"respond")),
            (2_967_654_521_833_311_460, 1_602_544_155_179_049_153)
        );
    }

    #[test]
    fn a_legacy_manifest_is_migrated_as_it_is_read() {
        let out = tempfile::tempdir().expect("a folder");
        fs::write(out.path().join("kept.md"), "as written\n").expect("written");
        fs::write(out.path().join("edited.md"), "edited by hand\n").expect("written");
        let legacy = format!(
            "# an old manifest\n{:016x}  kept.md\n{:016x}  edited.md\n{:016x}  gone.md\n",
            legacy_hash(b"as written\n"),
            legacy_hash(b"as written\n"),
            7
        );
        fs::write(out.path().join(MANIFEST), legacy).expect("written");
        let manifest = read_manifest(out.path()).expect("read");
        assert_eq!(manifest["kept.md"], hash(b"as written\n"));
        assert_ne!(manifest["edited.md"], hash(b"edited by hand\n"));
        assert_eq!(manifest["gone.md"], 7);
        // Written again, it is read as it is.
        write_manifest(out.path(), &manifest).expect("written");
        assert_eq!(read_manifest(out.path()).expect("read"), manifest);
    }
}
