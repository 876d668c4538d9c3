//! General file helpers, for every command that writes or reads its own files: a file opened
//! only if it is a regular file (never a link, a named pipe or a device), read only up to a
//! bound, hashed or compared in pieces; written atomically (a temporary file beside its place,
//! renamed over it) and readable by everyone; and where a path really is.
//!
//! respond's own files are regular files, opened without following a link, and read only up
//! to a bound: anything else under their names is refused with a message, since reading it
//! could wait for ever, never end, or reach a file elsewhere.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use tempfile::TempPath;

/// How the names of respond's temporary files in `out/` begin.
pub(crate) const TEMP_PREFIX: &str = ".respond-tmp-";

/// The most respond reads of one of its own files (the manifest, the journal, the cache): far more than it writes
/// for thousands of records, so that a file that never ends put in their place cannot fill
/// the memory.
const OWN_LIMIT: u64 = 256 << 20;

/// What is under one of respond's names, opened without following a link.
pub(crate) enum Opened {
    /// Nothing.
    Missing,
    /// Something other than a regular file: what it is, in words.
    Special(&'static str),
    /// A regular file, and its size when opened.
    File(fs::File, u64),
}

/// What a file of type `kind` is, in words, unless it is a regular file.
fn special(kind: fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    if kind.is_symlink() {
        Some("a symbolic link")
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_file() {
        None
    } else {
        Some("not a regular file")
    }
}

/// Whether two metadata are of one file (on Unix; elsewhere, taken as so).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Opens `path` with `options` (which do not create it) only if it is a regular file: looked
/// at without following a link first, so that a named pipe is never opened (which would wait
/// for a writer) and a link is never followed, then checked again once open, in case it was
/// replaced in between.
pub(crate) fn open_regular(path: &Path, options: &fs::OpenOptions) -> std::io::Result<Opened> {
    let before = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Opened::Missing),
        Err(e) => return Err(e),
    };
    if let Some(what) = special(before.file_type()) {
        return Ok(Opened::Special(what));
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Opened::Missing),
        Err(e) => return Err(e),
    };
    let opened = file.metadata()?;
    if let Some(what) = special(opened.file_type()) {
        return Ok(Opened::Special(what));
    }
    if !same_file(&before, &opened) {
        return Ok(Opened::Special("a file that was replaced as it was opened"));
    }
    Ok(Opened::File(file, opened.len()))
}

/// The error for `path`, one of respond's own files, when it is `what` instead.
pub(crate) fn not_regular(path: &Path, what: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "`{}` is {what}, not a regular file; respond reads and writes only its own regular files there\n  = help: remove `{}` (respond makes it again), then run again",
        path.display(),
        path.display()
    )
}

/// Opens respond's own file `path` (the manifest, the journal, the cache) to read
/// it: `None` when there is none; refused when it is not a regular file.
fn open_own(path: &Path) -> Result<Option<fs::File>> {
    match open_regular(path, fs::OpenOptions::new().read(true))
        .with_context(|| format!("failed to read `{}`", path.display()))?
    {
        Opened::Missing => Ok(None),
        Opened::Special(what) => Err(not_regular(path, what)),
        Opened::File(file, _) => Ok(Some(file)),
    }
}

/// The bytes of respond's own file `path`, read up to [`OWN_LIMIT`] (see [`open_own`]).
pub(crate) fn read_own(path: &Path) -> Result<Option<Vec<u8>>> {
    read_own_up_to(path, OWN_LIMIT)
}

/// [`read_own`], up to `limit` bytes.
fn read_own_up_to(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let Some(file) = open_own(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    if bytes.len() as u64 > limit {
        bail!(
            "`{}` is larger than respond ever writes it (over {} bytes), so it is not respond's\n  = help: remove `{}` (respond makes it again), then run again",
            path.display(),
            limit,
            path.display()
        );
    }
    Ok(Some(bytes))
}

/// [`read_own`], as text.
pub(crate) fn read_own_text(path: &Path) -> Result<Option<String>> {
    read_own(path)?
        .map(|bytes| {
            String::from_utf8(bytes)
                .with_context(|| format!("failed to read `{}`: it is not text", path.display()))
        })
        .transpose()
}

/// Reads the page at `path` in pieces, giving each to `each`, up to the size it had when
/// opened: `None` when it is missing or not a regular file (never opened), or grew as it was
/// read. A page is never read whole into memory here.
fn read_page(path: &Path, mut each: impl FnMut(&[u8])) -> std::io::Result<Option<()>> {
    use std::io::Read as _;
    let Opened::File(file, size) = open_regular(path, fs::OpenOptions::new().read(true))? else {
        return Ok(None);
    };
    let mut file = file.take(size + 1);
    let mut buffer = vec![0; 64 << 10];
    let mut read = 0;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        read += n as u64;
        each(&buffer[..n]);
    }
    Ok((read == size).then_some(()))
}

/// The [`hash`] of the page at `path`, if it is a regular file (see [`read_page`]).
pub(crate) fn page_hash(path: &Path) -> std::io::Result<Option<u64>> {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    Ok(read_page(path, |piece| hasher.update(piece))?.map(|()| hasher.digest()))
}

/// Whether the page at `path` is a regular file holding exactly `bytes`: never read past
/// their length.
pub(crate) fn page_holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(Opened::File(file, size)) = open_regular(path, fs::OpenOptions::new().read(true)) else {
        return false;
    };
    if size != bytes.len() as u64 {
        return false;
    }
    let mut held = Vec::with_capacity(bytes.len());
    file.take(size + 1).read_to_end(&mut held).is_ok() && held == bytes
}

/// The content hash of the manifest and the render cache: XXH3, 64 bits (xxhash-rust). It
/// only detects changes, so it needs speed rather than cryptographic strength: it hashes a
/// large project's pages in about a tenth of the time SHA-256 takes (BENCHMARKS.md).
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
pub(crate) fn write_atomically(out: &Path, name: &str, contents: &[u8]) -> Result<()> {
    persist(write_temporary(out, name, contents)?, out, name)
}

/// Writes what will be `out/<name>` to a new temporary file in `out`, to be put in place with
/// [`persist`]. Dropping it instead removes it.
pub(crate) fn write_temporary(out: &Path, name: &str, contents: &[u8]) -> Result<TempPath> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // Readable by everyone, like the published file it becomes, and no more (temporary files
    // start private): it is renamed into place with these permissions.
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
pub(crate) fn persist(temp: TempPath, out: &Path, name: &str) -> Result<()> {
    let target = out.join(name);
    temp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("failed to write `{}`", target.display()))
}

/// Makes a new file readable by everyone, like any other published file (temporary files
/// start private).
pub(crate) fn readable(file: &fs::File) -> std::io::Result<()> {
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

/// Where `path` really is: absolute, its nearest existing folder canonicalised (links
/// resolved), and the rest, which does not exist and so holds no link, added with `.` and
/// `..` taken as written.
pub(crate) fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    let mut canonical = loop {
        if let Ok(found) = fs::canonicalize(base) {
            break found;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                base = parent;
            }
            // `..` as the last part of a path that does not exist, or the top: as written.
            _ => break base.to_path_buf(),
        }
    };
    for part in rest.iter().rev() {
        canonical.push(part);
    }
    let mut normal = PathBuf::new();
    for component in canonical.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Whether `name` is a temporary file that tempfile named with `prefix`: the prefix and six
/// letters or digits.
pub(crate) fn is_temporary_of(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the files directly in `dir` whose names `ours` takes (only tidies: a file that
/// cannot be removed stays).
pub(crate) fn remove_files(dir: &Path, ours: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.to_str().is_some_and(&ours) {
            let _ = fs::remove_file(entry.path());
        }
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
    fn respond_s_own_files_are_read_only_as_regular_files_and_only_so_far() {
        let out = tempfile::tempdir().expect("a folder");
        let path = out.path().join(".respond-manifest");
        assert_eq!(read_own_up_to(&path, 8).expect("none"), None);
        fs::write(&path, "12345678").expect("written");
        assert_eq!(
            read_own_up_to(&path, 8).expect("read"),
            Some(b"12345678".to_vec())
        );
        let error = read_own_up_to(&path, 7).expect_err("too large").to_string();
        assert!(
            error.contains("is larger than respond ever writes it (over 7 bytes)"),
            "{error}"
        );
        #[cfg(unix)]
        {
            fs::remove_file(&path).expect("removed");
            std::os::unix::fs::symlink("/dev/zero", &path).expect("a link");
            let error = read_own(&path).expect_err("a link").to_string();
            assert!(
                error.contains("is a symbolic link, not a regular file"),
                "{error}"
            );
            // A page behind a link is never read, nor taken for what it holds.
            assert_eq!(page_hash(&path).expect("not read"), None);
            assert!(!page_holds(&path, b""));
        }
        let page = out.path().join("page.html");
        fs::write(&page, "page").expect("written");
        assert_eq!(page_hash(&page).expect("read"), Some(hash(b"page")));
        assert!(page_holds(&page, b"page") && !page_holds(&page, b"pag"));
    }
}
