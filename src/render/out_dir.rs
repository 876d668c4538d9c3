//! The `out/` folder: its manifest (which files are ours), its journal and lock, atomic writes,
//! where it may be, and what it holds under each name, looked at once per render.
//!
//! `out/.respond-manifest` lists every file `respond` wrote, with a hash of its contents.
//! A file is ours if the manifest lists it with its current contents, or if it already holds
//! exactly what we would write. Anything else is the user's: `render` never overwrites or
//! removes it (unless told to with `--force`), and never touches files it does not list.
//! `out/.respond-journal`, written while a render puts files in place, makes a file that holds
//! what it says ours too. `out/.respond-lock` is held by one render at a time; temporary files
//! (`.respond-tmp-XXXXXX`) a killed render left are removed under it.
//!
//! respond's own files here are regular files, opened without following a link, and read only
//! up to a bound: anything else under their names (a link, a named pipe, a device) is refused
//! with a message, since reading it could wait for ever, never end, or reach a file outside
//! `out/`; under a page's name it is a file in the way, never read.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use tempfile::TempPath;

use crate::render::plan::{Change, DiskState};

/// The manifest's file name in `out/`.
pub(crate) const MANIFEST: &str = ".respond-manifest";

/// The journal's file name in `out/`: the hashes of the files a render is about to put in
/// place, written before the first of them is renamed and removed once the manifest holds
/// them, so that a render killed in between still knows its own files.
pub(crate) const JOURNAL: &str = ".respond-journal";

/// The lock's file name in `out/`: held by one render at a time.
pub(crate) const LOCK: &str = ".respond-lock";

/// How the names of respond's temporary files in `out/` begin.
const TEMP_PREFIX: &str = ".respond-tmp-";

/// The most respond reads of the manifest, the journal or the cache: far more than it writes
/// for thousands of records, so that a file that never ends put in their place cannot fill
/// the memory.
const OWN_LIMIT: u64 = 256 << 20;

/// What is under one of respond's names, opened without following a link.
enum Opened {
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
fn open_regular(path: &Path, options: &fs::OpenOptions) -> std::io::Result<Opened> {
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
fn not_regular(path: &Path, what: &str) -> anyhow::Error {
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
fn read_own_text(path: &Path) -> Result<Option<String>> {
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
fn page_hash(path: &Path) -> std::io::Result<Option<u64>> {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    Ok(read_page(path, |piece| hasher.update(piece))?.map(|()| hasher.digest()))
}

/// Whether the page at `path` is a regular file holding exactly `bytes`: never read past
/// their length.
fn page_holds(path: &Path, bytes: &[u8]) -> bool {
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

/// Refuses an `out` that is a symbolic link or a file: respond writes only into a real folder.
/// `option` is `out` or `drafts`, the option that names the folder.
pub(crate) fn refuse_links(out: &Path, option: &str) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            bail!(
                "`{}` is a symbolic link; respond writes only into a real folder (give the folder itself with `--{option}`)",
                out.display()
            );
        }
        if !meta.is_dir() {
            bail!("`{}` is a file, not a folder", out.display());
        }
    }
    Ok(())
}

/// Refuses an `out` (shown as `shown`) that is the project folder `root`, is or sits inside
/// its records or templates (`templates` is the folder in use), or holds either: pages
/// written there would be read as records or templates by the next command, or written over
/// them. Compared by where the folders really are (links resolved, `..` followed); a folder
/// that does not exist yet is placed by its nearest existing parent.
/// `folder` is `out` or `drafts`, the option that names the folder and the folder it names by
/// default.
pub(crate) fn refuse_project_folders(
    out: &Path,
    shown: &str,
    root: &Path,
    templates: &Path,
    folder: &str,
) -> Result<()> {
    let out_real = real(out);
    let root_real = real(root);
    let help = format!("give `--{folder}` a folder of its own, such as `{folder}`");
    if out_real == root_real {
        bail!("`{shown}` is the project folder itself; {help}");
    }
    let folders = [
        (
            real(&root.join("data")),
            "the project's `data` folder, which holds the records",
        ),
        (
            real(&root.join("templates")),
            "the project's `templates` folder",
        ),
        (real(templates), "the templates folder in use"),
    ];
    for (folder, what) in &folders {
        if out_real.starts_with(folder) {
            let place = if out_real == *folder {
                "is"
            } else {
                "is inside"
            };
            bail!("`{shown}` {place} {what}; {help}");
        }
        if folder.starts_with(&out_real) {
            bail!("`{shown}` holds {what}; {help}");
        }
    }
    Ok(())
}

/// Refuses a drafts folder that is, or is inside, the public `out/` folder (or holds it): drafts
/// there would be put on the website with it.
pub(crate) fn refuse_overlap(
    (out, out_shown): (&Path, &str),
    (drafts, drafts_shown): (&Path, &str),
) -> Result<()> {
    let (out_real, drafts_real) = (real(out), real(drafts));
    let help = "the drafts must be kept apart from what is published: give `--drafts` a folder beside `out`, such as `drafts`";
    if drafts_real.starts_with(&out_real) {
        bail!(
            "the drafts folder `{drafts_shown}` is or is inside `{out_shown}`, whose files are published; {help}"
        );
    }
    if out_real.starts_with(&drafts_real) {
        bail!("`{out_shown}` is inside the drafts folder `{drafts_shown}`; {help}");
    }
    Ok(())
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

/// Whether `name` is a temporary file that tempfile named with `prefix`: the prefix and six
/// letters or digits.
pub(crate) fn is_temporary_of(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the temporary files a render that was killed left in `out` (only files named as
/// respond names them, only directly in `out`). Called with the lock held, so that no other
/// render's files are taken.
/// Only tidies: a file that cannot be removed stays, and is never taken for a page.
pub(crate) fn remove_temporaries(out: &Path) {
    remove_files(out, is_temporary);
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
    for name in [LOCK, JOURNAL, MANIFEST, crate::render::cache::CACHE] {
        let _ = fs::remove_file(out.join(name));
    }
    remove_temporaries(out);
    for dir in created {
        if fs::remove_dir(dir).is_err() {
            return;
        }
    }
}

/// Whether one render holds `out/`'s lock, or none.
pub(crate) enum Lock {
    /// Held until the file is dropped (closed).
    Held { _file: fs::File },
    /// No lock file could be made: the folder cannot be written, which the render reports.
    Unwritable,
}

/// The error when another render holds the lock of `out`; `again` is the command to run once
/// it has finished.
fn another_render(out: &Path, again: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "another render is running in `{}`; wait for it to finish, then {again} again",
        out.display()
    )
}

/// Takes `out`'s lock for a render that writes, or fails at once if another render holds it.
pub(crate) fn lock(out: &Path) -> Result<Lock> {
    lock_to(out, "render")
}

/// [`lock`], for the command `again` (`render`, `publish`) that the error says to run again.
pub(crate) fn lock_to(out: &Path, again: &str) -> Result<Lock> {
    let path = out.join(LOCK);
    // Made new when there is none: never through a link left in its place, which would make
    // a file wherever it points.
    let opened = match open_regular(&path, fs::OpenOptions::new().write(true)) {
        Ok(Opened::Missing) => fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map(|file| Opened::File(file, 0)),
        other => other,
    };
    let file = match opened {
        Ok(Opened::File(file, _)) => file,
        Ok(Opened::Special(what)) => return Err(not_regular(&path, what)),
        Ok(Opened::Missing) | Err(_) => return Ok(Lock::Unwritable),
    };
    match file.try_lock() {
        Ok(()) => Ok(Lock::Held { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(another_render(out, again)),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("failed to lock `{}`", path.display()))
        }
    }
}

/// Shares `out`'s lock for `--check`, which writes nothing (not even the lock file), or fails
/// at once if a render holds it: what it would report changes under it.
pub(crate) fn lock_shared(out: &Path, again: &str) -> Result<Option<fs::File>> {
    let path = out.join(LOCK);
    let file = match open_regular(&path, fs::OpenOptions::new().read(true)) {
        Ok(Opened::File(file, _)) => file,
        Ok(Opened::Special(what)) => return Err(not_regular(&path, what)),
        // None, or one that cannot be read: nothing to share.
        Ok(Opened::Missing) | Err(_) => return Ok(None),
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Err(another_render(out, again)),
        // A file system without locks: nothing to share.
        Err(fs::TryLockError::Error(_)) => Ok(None),
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
    fn respond_s_own_files_are_read_only_as_regular_files_and_only_so_far() {
        let out = tempfile::tempdir().expect("a folder");
        let path = out.path().join(MANIFEST);
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

    #[test]
    fn only_respond_s_own_temporary_names_are_temporary() {
        for name in [".respond-tmp-a1B2c3", ".respond-x9Y8z7"] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            MANIFEST,
            JOURNAL,
            LOCK,
            crate::render::cache::CACHE,
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
