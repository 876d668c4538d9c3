//! The `out/` folder (and `drafts/`, which is kept the same way): its manifest (which files are
//! ours), its journal, and what it holds under each name, looked at once per render.
//!
//! `out/.respond-manifest` lists every file `respond` wrote, with a hash of its contents.
//! A file is ours if the manifest lists it with its current contents, or if it already holds
//! exactly what we would write. Anything else is the user's: `render` never overwrites or
//! removes it (unless told to with `--force`), and never touches files it does not list.
//! `out/.respond-journal`, written while a render puts files in place, makes a file that holds
//! what it says ours too. Temporary files (`.respond-tmp-XXXXXX`) a killed render left are
//! removed under the lock (`lock`). respond's own files here are read as `files` reads them;
//! under a page's name anything but a regular file is a file in the way, never read.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::files::{
    TEMP_PREFIX, hash, is_temporary_of, page_hash, page_holds, read_own, read_own_text,
    remove_files, write_atomically,
};
use crate::render::plan::{Change, DiskState};

/// The manifest's file name in `out/`.
pub(crate) const MANIFEST: &str = ".respond-manifest";

/// The journal's file name in `out/`: the hashes of the files a render is about to put in
/// place, written before the first of them is renamed and removed once the manifest holds
/// them, so that a render killed in between still knows its own files.
pub(crate) const JOURNAL: &str = ".respond-journal";

/// The lock's file name in `out/`: held by one render at a time.
pub(crate) const LOCK: &str = ".respond-lock";

/// The render cache's file name in `out/` (`cache`).
pub(crate) const CACHE: &str = ".respond-cache";

/// The manifest's line naming its hash, [`hash`]'s.
const HASH_LINE: &str = "# hash: xxh3-64";

/// The manifest as read: file name → content hash.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    /// File name → the hash of its contents as respond wrote them.
    pub(crate) entries: BTreeMap<String, u64>,
    /// The hash of the manifest file's bytes (`None` when there is none), which the cache is
    /// tied to: a cache written beside another manifest describes another `out/`.
    pub(crate) text_hash: Option<u64>,
    /// Whether a journal left by an unfinished render changed some entry: the manifest on
    /// disk is then out of date, even if every page is.
    pub(crate) journaled: bool,
}

/// The manifest: file name → content hash. A journal left by a render that was stopped while
/// putting its files in place is folded in: a file that holds what that render wrote is ours
/// too.
pub(crate) fn read_manifest(out: &Path) -> Result<Manifest> {
    let text = read_own_text(&out.join(MANIFEST))?;
    let mut manifest = Manifest {
        text_hash: text.as_deref().map(|t| hash(t.as_bytes())),
        entries: text
            .as_deref()
            .map(|t| entries(t).collect())
            .unwrap_or_default(),
        journaled: false,
    };
    // A journal that is not text was not written by respond: nothing in it is trusted.
    let journal = read_own(&out.join(JOURNAL))?.and_then(|bytes| String::from_utf8(bytes).ok());
    if let Some(text) = journal {
        for (name, written) in entries(&text) {
            let holds = page_hash(&out.join(&name)).is_ok_and(|h| h == Some(written));
            if holds && manifest.entries.get(&name) != Some(&written) {
                manifest.entries.insert(name, written);
                manifest.journaled = true;
            }
        }
    }
    Ok(manifest)
}

/// The entries of a manifest or journal: `hash  name` lines, `#` lines left out.
fn entries(text: &str) -> impl Iterator<Item = (String, u64)> + '_ {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (hash, name) = l.split_once("  ")?;
            Some((name.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
}

/// Writes the journal: the hashes of the files about to be put in place.
pub(crate) fn write_journal<'a>(
    out: &Path,
    files: impl IntoIterator<Item = (&'a str, u64)>,
) -> Result<()> {
    let mut text = String::from(
        "# Files a render of respond is putting in place. Removed once the manifest lists them.\n",
    );
    for (name, hash) in files {
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{hash:016x}  {name}");
    }
    write_atomically(out, JOURNAL, text.as_bytes())
}

/// Removes the journal, once the manifest holds what it said.
pub(crate) fn remove_journal(out: &Path) -> Result<()> {
    match fs::remove_file(out.join(JOURNAL)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("failed to remove `{}`", out.join(JOURNAL).display()))
        }
        _ => Ok(()),
    }
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

/// Creates `out` if need be, and fails before anything is written if it cannot be written.
pub(crate) fn prepare(out: &Path) -> Result<()> {
    fs::create_dir_all(out).with_context(|| format!("failed to create `{}`", out.display()))?;
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(out)
        .with_context(|| format!("failed to write in `{}`", out.display()))?;
    Ok(())
}

/// Writes the manifest, if it changed; returns the hash of its text.
pub(crate) fn write_manifest(out: &Path, entries: &BTreeMap<String, u64>) -> Result<u64> {
    let text = manifest_text(entries);
    // Read again as it is before it is replaced (a rename, which never follows a link).
    if read_own_text(&out.join(MANIFEST)).ok().flatten().as_deref() != Some(text.as_str()) {
        write_atomically(out, MANIFEST, text.as_bytes())?;
    }
    Ok(hash(text.as_bytes()))
}

/// Whether `name` is one of respond's temporary files: `.respond-tmp-` and six letters or
/// digits, or, from versions before that prefix, `.respond-` and six letters or digits (no
/// name of respond's own files in `out/` has six).
pub(crate) fn is_temporary(name: &str) -> bool {
    is_temporary_of(name, TEMP_PREFIX) || is_temporary_of(name, ".respond-")
}

/// Removes the temporary files a render that was killed left in `out` (only files named as
/// respond names them, only directly in `out`). Called with the lock held, so that no other
/// render's files are taken.
/// Only tidies: a file that cannot be removed stays, and is never taken for a page.
pub(crate) fn remove_temporaries(out: &Path) {
    remove_files(out, is_temporary);
}

/// Creates `out` and any missing folder above it; returns the folders it created, deepest
/// first.
pub(crate) fn create(out: &Path) -> Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = out
        .ancestors()
        .take_while(|dir| !dir.as_os_str().is_empty() && fs::symlink_metadata(dir).is_err())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(out).with_context(|| format!("failed to create `{}`", out.display()))?;
    Ok(missing)
}

/// Removes the folders `created` by [`create`] (deepest first) after a render that failed in
/// them: the files it put in place (those the journal or the manifest names, holding what they
/// say), the lock, the journal, the manifest, the cache and temporary files go first, and a
/// folder that holds anything else stays (a folder is removed only when empty). A render that
/// failed once it had begun putting its files in place (a full disk at the manifest) would
/// otherwise leave pages that no manifest vouches for, which the next render refuses.
pub(crate) fn remove_created(out: &Path, created: &[PathBuf]) {
    if created.is_empty() {
        // Not this render's folder: another render's lock and files stay.
        return;
    }
    for list in [JOURNAL, MANIFEST] {
        let Ok(Some(text)) = read_own_text(&out.join(list)) else {
            continue;
        };
        for (name, written) in entries(&text) {
            let path = out.join(&name);
            let own_name = !name.contains(['/', '\\']) && name != "..";
            if own_name && page_hash(&path).is_ok_and(|h| h == Some(written)) {
                let _ = fs::remove_file(&path);
            }
        }
    }
    for name in [LOCK, JOURNAL, MANIFEST, CACHE] {
        let _ = fs::remove_file(out.join(name));
    }
    remove_temporaries(out);
    for dir in created {
        if fs::remove_dir(dir).is_err() {
            return;
        }
    }
}

/// `out/` as one render sees it, looked at once: the manifest and the names in the folder.
/// A file's state is always read from the file itself, never taken on trust from its size and
/// time: an editor that keeps them, or a copy from a backup, would hide a page changed by hand.
pub(crate) struct OutDir<'a> {
    pub(crate) dir: &'a Path,
    manifest: HashMap<&'a str, u64>,
    listed: HashMap<String, fs::DirEntry>,
}

impl<'a> OutDir<'a> {
    /// Lists `dir` (a folder that does not exist lists nothing).
    pub(crate) fn look(dir: &'a Path, manifest: &'a BTreeMap<String, u64>) -> Self {
        Self {
            dir,
            manifest: manifest.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
            listed: fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| (e.file_name().to_string_lossy().into_owned(), e))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// What the folder holds under `name`: read, and its hash compared with the manifest's.
    pub(crate) fn state(&self, name: &str) -> Result<DiskState> {
        let Some(entry) = self.listed.get(name) else {
            return Ok(DiskState::Missing);
        };
        let Some(recorded) = self.manifest.get(name) else {
            return Ok(DiskState::Foreign);
        };
        let path = entry.path();
        // Not a regular file (a link, a named pipe, a device): in the way, and never read.
        let held = match page_hash(&path) {
            Ok(held) => held,
            // Gone since the folder was listed.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DiskState::Missing),
            Err(e) => return Err(anyhow::anyhow!("failed to read `{}`: {e}", path.display())),
        };
        Ok(if held == Some(*recorded) {
            DiskState::Ours
        } else {
            DiskState::Foreign
        })
    }

    /// How `bytes`, which hash to `content_hash`, compare with what the folder holds under
    /// `name`, whose state is `state` (from [`OutDir::state`]).
    pub(crate) fn change(
        &self,
        name: &str,
        bytes: &[u8],
        content_hash: u64,
        state: DiskState,
    ) -> Change {
        crate::render::plan::change(
            state,
            self.manifest.get(name).copied(),
            content_hash,
            || page_holds(&self.dir.join(name), bytes),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_makes_the_files_it_lists_ours_when_they_hold_what_it_says() {
        let out = tempfile::tempdir().expect("a folder");
        let old = BTreeMap::from([
            ("new.md".to_owned(), hash(b"old\n")),
            ("old.md".to_owned(), hash(b"old\n")),
            ("edited.md".to_owned(), hash(b"old\n")),
        ]);
        let text_hash = write_manifest(out.path(), &old).expect("written");
        // A render was killed after putting `new.md` in place but before `old.md`.
        fs::write(out.path().join("new.md"), "new\n").expect("written");
        fs::write(out.path().join("old.md"), "old\n").expect("written");
        fs::write(out.path().join("edited.md"), "by hand\n").expect("written");
        let journal = [
            ("new.md", hash(b"new\n")),
            ("old.md", hash(b"new\n")),
            ("edited.md", hash(b"new\n")),
        ];
        write_journal(out.path(), journal).expect("written");
        let manifest = read_manifest(out.path()).expect("read");
        assert_eq!(manifest.entries["new.md"], hash(b"new\n"));
        assert_eq!(manifest.entries["old.md"], hash(b"old\n"));
        assert_eq!(manifest.entries["edited.md"], hash(b"old\n"));
        assert!(manifest.journaled);
        assert_eq!(manifest.text_hash, Some(text_hash));
        remove_journal(out.path()).expect("removed");
        assert!(!read_manifest(out.path()).expect("read").journaled);
        remove_journal(out.path()).expect("a missing journal is no error");
    }

    #[test]
    fn only_respond_s_own_temporary_names_are_temporary() {
        for name in [".respond-tmp-a1B2c3", ".respond-x9Y8z7"] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            MANIFEST,
            JOURNAL,
            LOCK,
            CACHE,
            ".respond-tmp-abc",
            ".respond-abcdefg",
            ".respond-ab.def",
            "respond-abcdef",
            "index.html",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }
}
