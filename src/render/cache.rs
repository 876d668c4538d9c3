//! The incremental cache, `out/.respond-cache`: for each record file, a hash of its text and
//! what validating it gave (its problems, its `related` ids, its [`Summary`]). Nothing of the
//! output files: each is read and hashed by every render, since a size and time can be put back
//! over a page changed by hand. It is keyed by the binary itself, the
//! office file, the templates and the formats: change any of them and the cache is set aside.
//! It is safe to delete (the next render is a cold one), never committed, and never trusted
//! blindly: a cache that does not decode is set aside too.
//!
//! A cache describes one state of `out/`, so it is tied to the manifest it was written beside
//! (by the hash of the manifest's bytes) and to nothing else: a render removes it before it
//! changes anything in `out/` and writes it again last, once the manifest is written. A render
//! that fails or is killed in between leaves no cache, and the next render is a cold one,
//! which compares every file with what it renders.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::Summary;
use crate::outputs::Outputs;
use crate::problem::Problem;
use crate::render::out_dir::{self, hash};
use crate::templates::Templates;
use crate::validate::Related;

/// The cache's file name in `out/`.
pub(crate) const CACHE: &str = ".respond-cache";

/// Bumped when the cache's shape or meaning changes.
const FORMAT: u32 = 5;

/// What the cache remembers of a valid record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) file: String,
    /// The hash of the record's text ([`text_hash`]).
    pub(crate) hash: u64,
    pub(crate) problems: Vec<Problem>,
    pub(crate) related: Related,
    pub(crate) summary: Arc<Summary>,
}

/// The cache as read at the start of a render.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    format: u32,
    pub(crate) key: String,
    /// The hash of the manifest's bytes as this cache was written beside it.
    manifest: Option<u64>,
    pub(crate) records: HashMap<String, Entry>,
}

impl Cache {
    /// The cache in `out`, if it exists, decodes, was made under the same `key` and beside the
    /// manifest whose bytes hash to `manifest`; otherwise an empty one. Something other than a
    /// regular file in its place is refused, as `out_dir` refuses it in any of its own names.
    pub(crate) fn read(out: &Path, key: &str, manifest: Option<u64>) -> anyhow::Result<Self> {
        Ok(out_dir::read_own(&out.join(CACHE))?
            .and_then(|bytes| postcard::from_bytes::<Cache>(&bytes).ok())
            .filter(|c| c.format == FORMAT && c.key == key && c.manifest == manifest)
            .unwrap_or_default())
    }

    /// Removes the cache from `out`, before `out/` changes: a cache left beside files it does
    /// not describe would be trusted.
    pub(crate) fn remove(out: &Path) -> anyhow::Result<()> {
        match fs::remove_file(out.join(CACHE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(anyhow::anyhow!(
                "failed to remove `{}`: {e}",
                out.join(CACHE).display()
            )),
            _ => Ok(()),
        }
    }

    /// The cache for the next render: `records`.
    pub(crate) fn next(key: String, records: HashMap<String, Entry>) -> Self {
        Self {
            format: FORMAT,
            key,
            manifest: None,
            records,
        }
    }

    /// Whether a site output's entry changed since the cache was written under `key`, when it
    /// held `cached` records: the set of records, or the summary of one of those read again
    /// (`fresh`), whose entries are now `entries`.
    pub(crate) fn summaries_changed(
        &self,
        key: &str,
        cached: usize,
        fresh: &HashSet<String>,
        entries: &HashMap<String, Entry>,
    ) -> bool {
        self.key != key
            || cached != entries.len()
            || fresh
                .iter()
                .any(|id| match (self.records.get(id), entries.get(id)) {
                    (Some(old), Some(new)) => old.summary != new.summary,
                    _ => true,
                })
    }

    /// Writes the cache into `out`, beside the manifest whose bytes hash to `manifest_hash`.
    pub(crate) fn write(mut self, out: &Path, manifest_hash: u64) {
        self.manifest = Some(manifest_hash);
        if let Ok(bytes) = postcard::to_stdvec(&self) {
            // The cache only saves time: failing to write it is not an error.
            let _ = out_dir::write_atomically(out, CACHE, &bytes);
        }
    }
}

/// The identity of everything a page depends on besides its records: this binary (so that a
/// new build never trusts an old cache), the office file, the templates and the outputs.
pub(crate) fn key(office_text: &str, templates: &Templates, outputs: &Outputs) -> String {
    // The binary's size and modification time change with every build: cheaper than hashing it.
    let binary = std::env::current_exe()
        .and_then(fs::metadata)
        .and_then(|meta| Ok((meta.len(), meta.modified()?)))
        .map_or(0, |stamp| hash(format!("{stamp:?}").as_bytes()));
    format!(
        "{}-{binary:016x}-{:016x}-{:016x}-{}",
        env!("CARGO_PKG_VERSION"),
        hash(office_text.as_bytes()),
        templates.fingerprint(),
        outputs.key()
    )
}

/// The hash a record's text is remembered by: of its bytes, without a UTF-8 byte-order mark
/// (as validation reads them).
pub(crate) fn text_hash(bytes: &[u8]) -> u64 {
    hash(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
}
