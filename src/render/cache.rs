//! The render cache, `out/.respond-cache`: for each page in `out/`, the fingerprint of the
//! records' texts it was rendered from (itself and the records it nests); for each site file,
//! the fingerprint of every record's summary. A file whose fingerprint is unchanged, and
//! which still holds what the manifest says, is not rendered again; every other file is
//! rendered and compared with `out/`. Typesetting a PDF takes tens of milliseconds, so without it a warm render of an
//! office's archive in PDF would typeset every response again.
//!
//! It is keyed by the binary itself, the office file, the templates and the formats: change
//! any of them and the cache is set aside. It is safe to delete (the next render renders every
//! page and compares it), never committed, and never trusted blindly: a cache that does not
//! decode is set aside too. A cache describes one state of `out/`, so it is tied to the
//! manifest it was written beside (by the hash of the manifest's bytes): a render removes it
//! before it changes anything in `out/` and writes it again last, once the manifest is
//! written. A render that fails or is killed in between leaves no cache.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::files::{hash, read_own, write_atomically};
use crate::model::Summary;
use crate::outputs::Outputs;
use crate::render::out_dir::CACHE;
use crate::templates::Templates;

/// Bumped when the cache's shape or meaning changes.
const FORMAT: u32 = 6;

/// The cache as read at the start of a render, or as written at its end.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cache {
    format: u32,
    key: String,
    /// The hash of the manifest's bytes as this cache was written beside it.
    manifest: Option<u64>,
    /// Each file's name, and the fingerprint of what it was rendered from ([`fingerprint`],
    /// [`summaries_fingerprint`]).
    pub(crate) pages: BTreeMap<String, u64>,
}

impl Cache {
    /// The cache in `out`, if it exists, decodes, was made under the same `key` and beside the
    /// manifest whose bytes hash to `manifest`; otherwise an empty one. Something other than a
    /// regular file in its place is refused, as `out_dir` refuses it in any of its own names.
    pub(crate) fn read(out: &Path, key: &str, manifest: Option<u64>) -> anyhow::Result<Self> {
        Ok(read_own(&out.join(CACHE))?
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
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

    /// An empty cache for the next render, under `key`.
    pub(crate) fn next(key: String) -> Self {
        Self {
            format: FORMAT,
            key,
            ..Self::default()
        }
    }

    /// Writes the cache into `out`, beside the manifest whose bytes hash to `manifest_hash`,
    /// unless it is the cache `read` there and the render did not `touch` `out/` (which
    /// removed it).
    pub(crate) fn write(mut self, out: &Path, manifest_hash: u64, touched: bool, read: &Self) {
        self.manifest = Some(manifest_hash);
        if !touched && self == *read {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&self) {
            // The cache only saves time: failing to write it is not an error.
            let _ = write_atomically(out, CACHE, &bytes);
        }
    }
}

/// The fingerprint of a page that holds the records `held`, whose texts hash to `hashes`.
pub(crate) fn fingerprint(held: &BTreeSet<String>, hashes: &HashMap<String, u64>) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for id in held {
        hasher.update(id.as_bytes());
        hasher.update(&[0]);
        hasher.update(&hashes.get(id).copied().unwrap_or_default().to_le_bytes());
    }
    hasher.digest()
}

/// The fingerprint of the site files (the index, the feed, the open data), which are made
/// from `summaries`, every record's: a change to a record that its summary does not show (its
/// key findings) renders none of them again.
pub(crate) fn summaries_fingerprint(summaries: &[Arc<Summary>]) -> u64 {
    // Serialising a summary cannot fail: it holds no map with keys that are not text.
    serde_json::to_vec(summaries).map_or(0, |bytes| hash(&bytes))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_fingerprint_follows_the_texts_of_the_records_it_holds() {
        let held = BTreeSet::from(["a".to_owned(), "b".to_owned()]);
        let hashes = HashMap::from([
            ("a".to_owned(), 1),
            ("b".to_owned(), 2),
            ("c".to_owned(), 3),
        ]);
        let before = fingerprint(&held, &hashes);
        let mut changed = hashes.clone();
        changed.insert("c".to_owned(), 4);
        assert_eq!(
            fingerprint(&held, &changed),
            before,
            "a record it does not hold"
        );
        changed.insert("b".to_owned(), 5);
        assert_ne!(fingerprint(&held, &changed), before);
        let fewer = BTreeSet::from(["a".to_owned()]);
        assert_ne!(fingerprint(&fewer, &hashes), before);
    }

    #[test]
    fn a_cache_is_read_back_only_under_its_key_and_beside_its_manifest() {
        let out = tempfile::tempdir().expect("a folder");
        let mut cache = Cache::next("key".to_owned());
        cache.pages.insert("a.html".to_owned(), 7);
        cache.write(out.path(), 42, true, &Cache::default());
        let read = Cache::read(out.path(), "key", Some(42)).expect("read");
        assert_eq!(read.pages, BTreeMap::from([("a.html".to_owned(), 7)]));
        for (key, manifest) in [("other", Some(42)), ("key", Some(43)), ("key", None)] {
            let read = Cache::read(out.path(), key, manifest).expect("read");
            assert!(read.pages.is_empty(), "{key} {manifest:?}");
        }
        fs::write(out.path().join(CACHE), b"{\"format\":").expect("written");
        assert_eq!(
            Cache::read(out.path(), "key", Some(42)).expect("read"),
            Cache::default()
        );
    }
}
