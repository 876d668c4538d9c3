//! Finding and reading the project's files: `data/office.yaml` and the records in
//! `data/inspections/`, each parsed into a located YAML tree.
//!
//! What stops the program (no `data/` folder, a file that cannot be read) is an `Err` and
//! exits 2; what is wrong inside a file (not UTF-8, bad YAML) is a [`Problem`] about that file,
//! so that one run reports every file.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::problem::{Location, Problem, Severity, Source};
use crate::yaml::{self, Node};

/// A file that was read, and its tree when it parsed.
#[derive(Debug)]
pub struct File {
    /// The text, for quoting lines in problems.
    pub source: Source,
    /// The YAML tree, or `None` when a problem stopped it from parsing.
    pub node: Option<Node>,
}

/// A record's file.
#[derive(Debug)]
pub struct RecordFile {
    /// The record's id, its file stem.
    pub id: String,
    /// The file.
    pub file: File,
    /// Whether the user asked about this record (all records are read, so that `related`
    /// can be resolved, but only those asked about are reported).
    pub selected: bool,
}

/// Everything read from a project.
#[derive(Debug)]
pub struct Loaded {
    /// `data/office.yaml`, if it exists.
    pub office: Option<File>,
    /// The records, in file-name order.
    pub records: Vec<RecordFile>,
    /// Problems found while reading.
    pub problems: Vec<Problem>,
}

/// The office file, relative to the project.
pub const OFFICE: &str = "data/office.yaml";
/// The records folder, relative to the project.
pub const INSPECTIONS: &str = "data/inspections";

/// Reads the project at `root`. `paths` (files or folders, relative to the working
/// directory) select the records to report on; empty means all of them.
pub fn load(root: &Path, paths: &[PathBuf]) -> Result<Loaded> {
    let data = root.join("data");
    if !data.is_dir() {
        bail!(
            "no `data` folder in `{}`: run respond in a project folder, or give its place with `--root`",
            root.display()
        );
    }
    let mut problems = Vec::new();
    let office_path = root.join(OFFICE);
    let office = if office_path.is_file() {
        Some(read(root, &office_path, &mut problems)?)
    } else {
        problems.push(
            Problem::file(Severity::Error, OFFICE, "the office file is missing")
                .with_help("create it with the office's `name`, `area`, `force`, `chief_officer` and `commissioner` titles (see the README)"),
        );
        None
    };

    let mut files = record_files(&root.join(INSPECTIONS))?;
    let mut selected = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = walk(path)?;
            selected.extend(found.iter().cloned());
            files.extend(found);
        } else if path.exists() {
            selected.push(path.clone());
            files.push(path.clone());
        } else {
            bail!("`{}` does not exist", path.display());
        }
    }
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let selected: Vec<PathBuf> = selected.iter().map(|p| canonical(p)).collect();
    let mut seen = Vec::new();
    let mut records = Vec::new();
    for path in files {
        let key = canonical(&path);
        if seen.contains(&key) || key == canonical(&office_path) {
            continue;
        }
        let is_selected = paths.is_empty() || selected.contains(&key);
        seen.push(key);
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = read(root, &path, &mut problems)?;
        records.push(RecordFile {
            id,
            file,
            selected: is_selected,
        });
    }
    records.sort_by(|a, b| a.file.source.path.cmp(&b.file.source.path));
    Ok(Loaded {
        office,
        records,
        problems,
    })
}

/// Builds what [`load`] would read from files, from bytes in memory: the office file (if any)
/// and `(id, bytes)` for each record. Used by the fuzz targets and benchmarks.
pub fn from_bytes(office: Option<Vec<u8>>, records: Vec<(String, Vec<u8>)>) -> Loaded {
    let mut problems = Vec::new();
    let office = office.map(|bytes| {
        let (source, node) = parse_bytes(OFFICE.to_owned(), bytes, &mut problems);
        File { source, node }
    });
    let records = records
        .into_iter()
        .map(|(id, bytes)| {
            let (source, node) = parse_bytes(format!("{INSPECTIONS}/{id}.yaml"), bytes, &mut problems);
            RecordFile {
                id,
                file: File { source, node },
                selected: true,
            }
        })
        .collect();
    Loaded {
        office,
        records,
        problems,
    }
}

/// The `.yaml` files directly in the records folder, sorted; none if it does not exist.
fn record_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("failed to read `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with('.') && name.ends_with(".yaml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
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
pub fn display(root: &Path, path: &Path) -> String {
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

/// Reads and parses one file. Problems inside it are pushed; failing to read it is an error.
fn read(root: &Path, path: &Path, problems: &mut Vec<Problem>) -> Result<File> {
    let shown = display(root, path);
    if path.is_dir() {
        problems.push(Problem::file(
            Severity::Error,
            &shown,
            "this is a folder, not a record file",
        ));
        return Ok(File {
            source: Source {
                path: shown,
                text: String::new(),
            },
            node: None,
        });
    }
    let bytes = fs::read(path).with_context(|| format!("failed to read `{shown}`"))?;
    let (source, node) = parse_bytes(shown, bytes, problems);
    Ok(File { source, node })
}

/// Decodes and parses a file's bytes; what is wrong becomes a problem.
pub fn parse_bytes(
    path: String,
    bytes: Vec<u8>,
    problems: &mut Vec<Problem>,
) -> (Source, Option<Node>) {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let source = Source {
                path,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            };
            // The lossy text matches the original up to the first bad byte.
            let at = source.locate(valid, 1);
            problems.push(
                source
                    .problem(Severity::Error, at, "the file is not UTF-8 text")
                    .with_help("save it as UTF-8 (in most editors: Save As… → Encoding → UTF-8)"),
            );
            return (source, None);
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let source = Source { path, text };
    match yaml::parse(&source.text) {
        Ok(node) => (source, Some(node)),
        Err(error) => {
            let at = error.offset.map_or(
                Location {
                    line: 1,
                    column: 1,
                    width: 1,
                },
                |o| source.locate(o, 1),
            );
            let mut problem = source.problem(Severity::Error, at, error.message);
            problem.help = error.help;
            problems.push(problem);
            (source, None)
        }
    }
}
