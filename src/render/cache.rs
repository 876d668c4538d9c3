//! The incremental cache, `out/.respond-cache`: for each record file, its size and
//! modification time and what validating it gave (its problems, its `related` ids, its
//! [`Summary`]); for each output file, its size and modification time as written. It is keyed
//! by the binary itself, the office file, the templates and the formats: change any of them
//! and the cache is set aside. It is safe to delete (the next render is a cold one), never
//! committed, and never trusted blindly: a cache that does not decode is set aside too.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Summary;
use crate::outputs::Outputs;
use crate::problem::Problem;
use crate::render::out_dir::{self, Stamp, hash};
use crate::templates::Templates;
use crate::validate::Related;

/// The cache's file name in `out/`.
pub(crate) const CACHE: &str = ".respond-cache";

/// Bumped when the cache's shape or meaning changes.
const FORMAT: u32 = 3;

/// What the cache remembers of a valid record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) file: String,
    pub(crate) stamp: Stamp,
    pub(crate) problems: Vec<Problem>,
    pub(crate) related: Related,
    pub(crate) summary: Summary,
}

/// The cache as read at the start of a render.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    format: u32,
    pub(crate) key: String,
    pub(crate) records: HashMap<String, Entry>,
    pub(crate) outputs: HashMap<String, Stamp>,
}

impl Cache {
    /// The cache in `out`, if it exists, decodes and was made under the same `key`; otherwise
    /// an empty one.
    pub(crate) fn read(out: &Path, key: &str) -> Self {
        fs::read(out.join(CACHE))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Cache>(&bytes).ok())
            .filter(|c| c.format == FORMAT && c.key == key)
            .unwrap_or_default()
    }

    /// The cache for the next render: `records`, and the stamps of the output files as this
    /// render found them.
    pub(crate) fn next(
        key: String,
        records: HashMap<String, Entry>,
        outputs: HashMap<String, Stamp>,
    ) -> Self {
        Self {
            format: FORMAT,
            key,
            records,
            outputs,
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

    /// Writes the cache into `out` with a stamp for each file in the manifest: the one it
    /// holds, unless the file was `changed` (written, or found to be ours by reading it), and
    /// taken again otherwise.
    pub(crate) fn write(
        mut self,
        out: &Path,
        manifest: &BTreeMap<String, u64>,
        changed: &HashSet<&String>,
    ) {
        self.outputs
            .retain(|name, _| manifest.contains_key(name) && !changed.contains(name));
        for name in manifest.keys() {
            if !self.outputs.contains_key(name)
                && let Some(stamp) = Stamp::at(&out.join(name))
            {
                self.outputs.insert(name.clone(), stamp);
            }
        }
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
        .ok()
        .and_then(|path| Stamp::at(&path))
        .map_or(0, |s| hash(s.key().as_bytes()));
    format!(
        "{}-{binary:016x}-{:016x}-{:016x}-{}",
        env!("CARGO_PKG_VERSION"),
        hash(office_text.as_bytes()),
        templates.fingerprint(),
        outputs.key()
    )
}
