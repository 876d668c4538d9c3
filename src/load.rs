//! Finding and reading the project's files: `data/office.yaml` and the records in
//! `data/inspections/`, each parsed into a located YAML tree. All reading on the way in is
//! here; what comes after (validation) is pure.
//!
//! What stops the program (no `data/` folder, a file that cannot be read) is an `Err` and
//! exits 2; what is wrong inside a file (not UTF-8, bad YAML) is a [`Problem`] about that file,
//! so that one run reports every file.

use std::collections::HashSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::problem::{Code, Location, Problem, Severity, Source};
use crate::yaml::{self, Node};

/// A file that was read, and its tree when it parsed.
#[derive(Debug)]
pub(crate) struct File {
    /// The text, for quoting lines in problems.
    pub(crate) source: Source,
    /// The YAML tree, or `None` when a problem stopped it from parsing.
    pub(crate) node: Option<Node>,
    /// Problems found while reading it (not UTF-8, bad YAML).
    pub(crate) problems: Vec<Problem>,
}

/// Where a record's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// A file, read when the record is validated.
    Path(PathBuf),
    /// A file that will not be read: a symbolic link that leads out of the project.
    Outside(PathBuf),
}

/// The largest record file read, in bytes. Real records are a few kilobytes; this stops a
/// mistaken or hostile file (a disk image, `/dev/zero` behind a link) from exhausting memory.
pub(crate) const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// A record to read.
#[derive(Debug, Clone)]
pub(crate) struct RecordInput {
    /// The record's id, its file stem.
    pub(crate) id: String,
    /// The record's file, as shown to the user.
    pub(crate) file: String,
    /// Where its bytes come from.
    pub(crate) input: Input,
    /// Whether the user asked about this record (all records are read, so that `related`
    /// can be resolved, but only those asked about are reported).
    pub(crate) selected: bool,
}

/// A project's files, found but (apart from the small office file) not yet read: records are
/// read, parsed and validated one by one, in parallel, so that their text is never all held
/// in memory at once.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// `data/office.yaml`, read, if it exists.
    pub(crate) office: Option<File>,
    /// The records, in file-name order.
    pub(crate) records: Vec<RecordInput>,
    /// Problems found while looking for files.
    pub(crate) problems: Vec<Problem>,
}

/// The office file, relative to the project.
pub(crate) const OFFICE: &str = "data/office.yaml";
/// The records folder, relative to the project.
pub(crate) const RECORDS_DIR: &str = "data/inspections";

/// Finds the project's files at `root`. `paths` (files or folders, relative to the working
/// directory) select the records to report on; empty means all of them.
pub(crate) fn load(root: &Path, paths: &[PathBuf]) -> Result<Loaded> {
    let data = root.join("data");
    if !data.is_dir() {
        bail!(
            "no `data` folder in `{}`: run respond in a project folder, or give its place with `--root`",
            root.display()
        );
    }
    let mut problems = Vec::new();
    let office_path = root.join(OFFICE);
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let office = office(root)?;
    if office.is_none() {
        problems.push(
            Problem::file(Severity::Error, Code::OfficeMissing, OFFICE, "the office file is missing")
                .with_help("create it with the office's `name`, `area`, `force`, `chief_officer` (such as `Chief Constable`) and `commissioner`: a list of the commissioner's titles, each with `from` (the date), `title` and `short` (such as `PFCC`)"),
        );
    }

    let record_input = |path: PathBuf, selected: bool| RecordInput {
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file: display(root, &path),
        input: leads_outside(&path, &canonical_root).map_or(Input::Path(path), Input::Outside),
        selected,
    };
    let files = record_files(&root.join(RECORDS_DIR))?;
    let mut records: Vec<RecordInput>;
    if paths.is_empty() {
        records = files
            .into_iter()
            .map(|found| RecordInput {
                id: found.name.trim_end_matches(".yaml").to_owned(),
                file: found.file,
                input: if found.link {
                    leads_outside(&found.path, &canonical_root)
                        .map_or(Input::Path(found.path), Input::Outside)
                } else {
                    Input::Path(found.path)
                },
                selected: true,
            })
            .collect();
    } else {
        let files: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
        let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let mut chosen = Vec::new();
        for path in paths {
            if path.is_dir() {
                chosen.extend(walk(path)?);
            } else if path.exists() {
                chosen.push(path.clone());
            } else {
                bail!("`{}` does not exist", path.display());
            }
        }
        let office_key = canonical(&office_path);
        let chosen_keys: HashSet<PathBuf> = chosen.iter().map(|p| canonical(p)).collect();
        let mut seen = HashSet::new();
        records = Vec::new();
        for path in files.into_iter().chain(chosen) {
            let key = canonical(&path);
            if key != office_key && seen.insert(key.clone()) {
                records.push(record_input(path, chosen_keys.contains(&key)));
            }
        }
        records.sort_by(|a, b| a.file.cmp(&b.file));
    }
    Ok(Loaded {
        office,
        records,
        problems,
    })
}

/// Reads the office file alone (for `new`, which needs only the office's local target).
pub(crate) fn office(root: &Path) -> Result<Option<File>> {
    let path = root.join(OFFICE);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let input = leads_outside(&path, &canonical_root)
        .map_or_else(|| Input::Path(path.clone()), Input::Outside);
    read(OFFICE, input).map(Some)
}

/// Reads and parses one file, shown to the user as `shown`. Problems inside it are in the
/// [`File`]; failing to read it is an error.
pub(crate) fn read(shown: &str, input: Input) -> Result<File> {
    let refuse = |code: Code, message: String, help: &str| File {
        problems: vec![Problem::file(Severity::Error, code, shown, message).with_help(help)],
        source: Source {
            file: shown.to_owned(),
            text: String::new(),
        },
        node: None,
    };
    let path = match input {
        Input::Outside(target) => {
            return Ok(refuse(
                Code::LinkOutsideProject,
                format!(
                    "this is a link to `{}`, outside the project",
                    target.display()
                ),
                "respond reads only files inside the project; copy the record in instead of linking to it",
            ));
        }
        Input::Path(path) => path,
    };
    let meta = fs::metadata(&path).with_context(|| format!("failed to read `{shown}`"))?;
    if meta.is_dir() {
        return Ok(refuse(
            Code::NotAFile,
            "this is a folder, not a record file".to_owned(),
            "records are files in `data/inspections`; move or rename the folder",
        ));
    }
    if !meta.is_file() {
        return Ok(refuse(
            Code::NotAFile,
            "this is not a regular file".to_owned(),
            "records are ordinary text files; remove this one from `data/inspections`",
        ));
    }
    if meta.len() > MAX_RECORD_BYTES {
        return Ok(refuse(
            Code::FileTooLarge,
            format!("the file is too large ({} MiB)", meta.len() / (1024 * 1024)),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(&path)
        .and_then(|file| file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("failed to read `{shown}`"))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Ok(refuse(
            Code::FileTooLarge,
            "the file is too large (it grew while being read)".to_owned(),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(parse_bytes(shown.to_owned(), bytes))
}

/// Where a symbolic link leads, when that is outside the project (`None` for an ordinary
/// file or a link that stays inside).
fn leads_outside(path: &Path, canonical_root: &Path) -> Option<PathBuf> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(canonical_root) => None,
        Ok(target) => Some(target),
        // A dangling link: reading it will fail with a clear message.
        Err(_) => None,
    }
}

/// The `.yaml` files directly in the records folder, sorted; none if it does not exist.
fn record_files(dir: &Path) -> Result<Vec<Found>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("failed to read `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name.ends_with(".yaml") {
            files.push(Found {
                path: entry.path(),
                // The folder listing says whether it is a link, without another system call.
                link: entry.file_type().map_or(true, |t| t.is_symlink()),
                file: format!("{RECORDS_DIR}/{name}"),
                name,
            });
        }
    }
    // All in one folder: sorting by name is enough, and much cheaper than comparing paths.
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// A record file found in the records folder.
struct Found {
    path: PathBuf,
    name: String,
    file: String,
    link: bool,
}

/// The `.yaml` record files under `dir`, at any depth, leaving out the office file.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("failed to read `{}`", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("failed to read `{}`", dir.display()))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else if name.ends_with(".yaml") && name != "office.yaml" {
            files.push(path);
        }
    }
    Ok(files)
}

/// How a path is shown: relative to the project when inside it.
pub(crate) fn display(root: &Path, path: &Path) -> String {
    let relative = path
        .strip_prefix(root)
        .ok()
        .map(Path::to_path_buf)
        .or_else(|| {
            let root = fs::canonicalize(root).ok()?;
            let path = fs::canonicalize(path).ok()?;
            Some(path.strip_prefix(&root).ok()?.to_path_buf())
        });
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

/// Decodes and parses a file's bytes, shown to the user as `file`; what is wrong becomes a
/// problem in the [`File`]. Pure: [`read`] and validation from bytes share it.
pub(crate) fn parse_bytes(file: String, bytes: Vec<u8>) -> File {
    if yaml::is_utf16(&bytes) {
        // Windows' "Unicode" is UTF-16; read as UTF-8 it is all NULs and stray bytes.
        let problem = Problem::file(
            Severity::Error,
            Code::NotUtf8,
            &file,
            "the file is not UTF-8 text: it is saved as UTF-16 (\"Unicode\")",
        )
        .with_help(
            "save it as UTF-8: in Notepad, File → Save as, then choose Encoding: UTF-8 and Save",
        );
        return File {
            source: Source {
                file,
                text: String::new(),
            },
            node: None,
            problems: vec![problem],
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let source = Source {
                file,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            };
            // The lossy text matches the original up to the first bad byte.
            let at = source.locate(valid, 1);
            let problem = source
                .problem(
                    Severity::Error,
                    Code::NotUtf8,
                    at,
                    "the file is not UTF-8 text",
                )
                .with_help("save it as UTF-8 (in most editors: Save As… → Encoding → UTF-8)");
            return File {
                source,
                node: None,
                problems: vec![problem],
            };
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let source = Source { file, text };
    match yaml::parse(&source.text) {
        Ok(node) => File {
            source,
            node: Some(node),
            problems: Vec::new(),
        },
        Err(error) => {
            let at = error.offset.map_or(
                Location {
                    line: 1,
                    column: 1,
                    width: 1,
                },
                |o| source.locate(o, 1),
            );
            let mut problem = source.problem(Severity::Error, error.code, at, error.message);
            problem.help = error.help;
            File {
                source,
                node: None,
                problems: vec![problem],
            }
        }
    }
}
/// A folder of the project (`out`, `templates`): as given, or `name` in the project folder
/// (written without `./` when the project is the working directory).
pub(crate) fn resolve(root: &Path, given: Option<&Path>, name: &str) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None if root == Path::new(".") => PathBuf::from(name),
        None => root.join(name),
    }
}
