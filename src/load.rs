//! Finding and reading the project's files: the project folder itself (found like git finds
//! its repository), `data/office.yaml` and the records under `data/inspections/`, each parsed
//! into a located YAML tree. All reading on the way in is here; what comes after (validation)
//! is pure.
//!
//! What stops the program (no project, a file that cannot be read) is an `Err` and exits 2;
//! what is wrong inside a file or beside it (not UTF-8, bad YAML, a `.docx` among the records)
//! is a [`Problem`] about that file, so that one run reports every file and nothing is skipped
//! silently.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

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
    /// A file that will not be read, and why (a link out of the project, an id taken).
    Refused(Refusal),
}

/// Why a record file is not read: the problem reported in its place.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    code: Code,
    message: String,
    help: String,
}

/// The largest record file read, in bytes. Real records are a few kilobytes; this stops a
/// mistaken or hostile file (a disk image, `/dev/zero` behind a link) from exhausting memory.
pub(crate) const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// How deep folders may nest under `data/inspections` (`2026/` is one level). Offices file by
/// year, perhaps by year and quarter; the bound keeps a walk short whatever is on the disk.
pub(crate) const MAX_FOLDER_DEPTH: usize = 8;

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
    /// The records, in the order of their files as shown.
    pub(crate) records: Vec<RecordInput>,
    /// Problems found while looking for files.
    pub(crate) problems: Vec<Problem>,
}

/// The office file, relative to the project.
pub(crate) const OFFICE: &str = "data/office.yaml";
/// The records folder, relative to the project.
pub(crate) const RECORDS_DIR: &str = "data/inspections";

/// What to do when no project is found: said with every such error.
const NO_PROJECT_HELP: &str = "run respond inside the project folder (the one that holds `data/office.yaml`) or any folder below it, or give that folder with `--root DIR`";

/// The project a command works on, and where the user is: every path is shown relative to the
/// current folder, as git shows its paths.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    /// The project folder, canonical (absolute, links resolved).
    pub(crate) root: PathBuf,
    /// The current folder, canonical.
    cwd: PathBuf,
}

impl Project {
    /// Finds the project: `given` (`--root`), or else the nearest folder at or above the
    /// current folder that holds `data/office.yaml`. Outside a project this is an error, so
    /// that no command writes anything there.
    pub(crate) fn find(given: Option<&Path>) -> Result<Self> {
        let cwd = std::env::current_dir().context("failed to read the current folder")?;
        let cwd = fs::canonicalize(&cwd).unwrap_or(cwd);
        Self::find_from(given, cwd)
    }

    fn find_from(given: Option<&Path>, cwd: PathBuf) -> Result<Self> {
        if let Some(dir) = given {
            let Ok(root) = fs::canonicalize(cwd.join(dir)) else {
                bail!(
                    "the project folder `{}` given with `--root` does not exist\n  = help: {NO_PROJECT_HELP}",
                    dir.display()
                );
            };
            if !holds_office(&root) {
                bail!(
                    "`{}` is not a respond project: it has no `{OFFICE}`\n  = help: {NO_PROJECT_HELP}",
                    dir.display()
                );
            }
            return Ok(Self { root, cwd });
        }
        match cwd.ancestors().find(|dir| holds_office(dir)) {
            Some(root) => Ok(Self {
                root: root.to_path_buf(),
                cwd,
            }),
            None => bail!(
                "not in a respond project: neither this folder nor any folder above it holds `{OFFICE}`\n  = help: {NO_PROJECT_HELP}"
            ),
        }
    }

    /// A path (absolute, or relative to the current folder) as shown to the user: relative to
    /// the current folder, with `/` between folders.
    pub(crate) fn show(&self, path: &Path) -> String {
        relative(&self.cwd, &self.cwd.join(path))
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// A place in the project (`out`, `data/inspections`) as a path from the current folder,
    /// so that messages that name it read as the user would type it.
    pub(crate) fn local(&self, in_project: &str) -> PathBuf {
        relative(&self.cwd, &self.root.join(in_project))
    }
}

/// Whether `dir` is a project folder: it holds `data/office.yaml` (in any form; reading it
/// later says what is wrong with it).
fn holds_office(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(OFFICE)).is_ok()
}

/// The path to `to` from `from`, both absolute: `..` up to what they share, then down. When
/// they share only the root of the disk, `to` itself says more than a long climb to it.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let anchors = to_parts
        .iter()
        .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        .count();
    if common <= anchors {
        return to.to_path_buf();
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to_parts[common..] {
        path.push(part);
    }
    if path.as_os_str().is_empty() {
        path.push(".");
    }
    path
}

/// `data` or `data/inspections` as a link out of the project, which would pull in files from
/// elsewhere as a record link would: the folder as shown, and where it leads. Nothing in it
/// is read, and `new` writes nothing into it.
pub(crate) fn linked_out(project: &Project) -> Option<(String, PathBuf)> {
    ["data", RECORDS_DIR].into_iter().find_map(|folder| {
        let path = project.root.join(folder);
        leads_outside(&path, &project.root).map(|target| (project.show(&path), target))
    })
}

/// Finds the project's files. `paths` (files or folders, relative to the current folder)
/// select the records to report on; empty means all of them.
pub(crate) fn load(project: &Project, paths: &[PathBuf]) -> Result<Loaded> {
    let root = &project.root;
    let mut problems = Vec::new();
    if let Some((folder, target)) = linked_out(project) {
        problems.push(outside(&folder, &target, "folder"));
        return Ok(Loaded {
            office: None,
            records: Vec::new(),
            problems,
        });
    }
    let office = office(project)?;
    if office.is_none() {
        problems.push(
            Problem::file(Severity::Error, Code::OfficeMissing, project.show(&root.join(OFFICE)), "the office file is missing")
                .with_help("create it with the office's `name`, `area`, `force`, `chief_officer` (such as `Chief Constable`) and `commissioner`: a list of the commissioner's titles, each with `from` (the date), `title` and `short` (such as `PFCC`)"),
        );
    }
    stray_records(project, &mut problems)?;
    if fs::symlink_metadata(root.join(RECORDS_DIR)).is_err() {
        // An empty success would let the gate pass on records it never saw.
        problems.push(
            Problem::file(
                Severity::Error,
                Code::NoRecordsFolder,
                project.show(&root.join(RECORDS_DIR)),
                "the records folder is missing, so no record can be read",
            )
            .with_help(
                "make the folder `data/inspections` and keep the records in it; while it has no record, put an empty file named `.gitkeep` in it so that git keeps the folder",
            ),
        );
    }

    let found = walk(project, &root.join(RECORDS_DIR), true, &mut problems)?;
    // The ids, for suggesting one when a PATH is not a record.
    let ids: Vec<String> = if paths.is_empty() {
        Vec::new()
    } else {
        found.iter().map(|f| f.id.clone()).collect()
    };
    let mut records = Vec::with_capacity(found.len());
    let mut first: HashMap<String, String> = HashMap::new();
    let selection = Selection::of(project, paths, &ids)?;
    let mut seen = HashSet::new();
    for found in found {
        let file = project.show(&found.path);
        let selected = match &selection {
            None => true,
            Some(selection) => {
                let key = canonical(&found.path);
                let holds = selection.holds(&found.path, &key);
                seen.insert(key);
                holds
            }
        };
        // A name that could forge what a terminal or GitHub shows (a line feed, an escape
        // sequence, a workflow command's `::`) is refused unread, and only ever shown escaped.
        if forged(&found.id) {
            records.push(RecordInput {
                id: crate::problem::escape(&found.id),
                file: crate::problem::escape(&file),
                input: Input::Refused(Refusal {
                    code: Code::InvalidId,
                    message: "the file's name holds a control character or `::`, which could change what a terminal or GitHub shows, so it is not read".to_owned(),
                    help: "rename the file with lower-case letters, digits and hyphens only, e.g. `2023-08-25-race-and-policing.yaml`".to_owned(),
                }),
                selected,
            });
            continue;
        }
        let input = match first.get(&found.id) {
            Some(other) => Input::Refused(Refusal {
                code: Code::DuplicateId,
                message: format!("the id `{}` is taken already, by `{other}`", found.id),
                help: "rename one of the two files: an id (a file's name without `.yaml`) names one record across all the folders of `data/inspections`".to_owned(),
            }),
            None => {
                first.insert(found.id.clone(), file.clone());
                if found.link {
                    record_link(&found.path, root)
                } else {
                    Input::Path(found.path)
                }
            }
        };
        records.push(RecordInput {
            id: found.id,
            file,
            input,
            selected,
        });
    }
    if let Some(selection) = selection {
        // Chosen files outside `data/inspections` are read as records too.
        let office_key = canonical(&root.join(OFFICE));
        for path in selection.outside(project, &mut problems)? {
            let key = canonical(&path);
            if key == office_key || !seen.insert(key) {
                continue;
            }
            records.push(RecordInput {
                id: stem(&file_name(&path)).to_owned(),
                file: project.show(&path),
                input: record_link(&path, root),
                selected: true,
            });
        }
    }
    records.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Loaded {
        office,
        records,
        problems,
    })
}

/// The records the user chose by PATH: files and folders, canonical.
struct Selection {
    files: HashSet<PathBuf>,
    folders: Vec<PathBuf>,
    /// The chosen files, as given, and the chosen folders outside `data/inspections`.
    given_files: Vec<PathBuf>,
    other_folders: Vec<PathBuf>,
}

impl Selection {
    /// The selection `paths` make (`None`: all records). A path that is not a record file is
    /// an error that says what a record is, and which record may have been meant.
    fn of(project: &Project, paths: &[PathBuf], ids: &[String]) -> Result<Option<Self>> {
        if paths.is_empty() {
            return Ok(None);
        }
        let records_dir = canonical(&project.root.join(RECORDS_DIR));
        let mut selection = Self {
            files: HashSet::new(),
            folders: Vec::new(),
            given_files: Vec::new(),
            other_folders: Vec::new(),
        };
        for path in paths {
            let meta = fs::metadata(path).ok();
            let key = canonical(path);
            if meta.as_ref().is_some_and(fs::Metadata::is_dir) {
                // A folder that neither holds the records folder nor sits in it is walked on
                // its own (records kept elsewhere, e.g. drafts).
                if !key.starts_with(&records_dir) && !records_dir.starts_with(&key) {
                    selection.other_folders.push(path.clone());
                }
                selection.folders.push(key);
            } else if !is_record_name(&file_name(path)) {
                bail!("{}", not_a_record_path(project, path, ids));
            } else if meta.is_none() {
                bail!("`{}` does not exist", path.display());
            } else {
                selection.files.insert(key);
                selection.given_files.push(path.clone());
            }
        }
        Ok(Some(selection))
    }

    /// Whether a record found at `path` (canonical: `key`) was chosen.
    fn holds(&self, path: &Path, key: &Path) -> bool {
        self.files.contains(key)
            || self
                .folders
                .iter()
                .any(|folder| path.starts_with(folder) || key.starts_with(folder))
    }

    /// The chosen record files that may lie outside `data/inspections`.
    fn outside(&self, project: &Project, problems: &mut Vec<Problem>) -> Result<Vec<PathBuf>> {
        let mut files = self.given_files.clone();
        for folder in &self.other_folders {
            files.extend(
                walk(project, folder, false, problems)?
                    .into_iter()
                    .map(|found| found.path),
            );
        }
        Ok(files)
    }
}

/// The error for a PATH that is not a record file (`respond validate README.md`).
fn not_a_record_path(project: &Project, path: &Path, ids: &[String]) -> String {
    let name = file_name(path);
    let stem = stem(&name).to_lowercase();
    // `race` is close to `2023-08-25-race`: ids are compared without their date too.
    let undated = |id: &str| match (id.get(..10), id.get(11..)) {
        (Some(date), Some(rest))
            if !rest.is_empty() && date.bytes().all(|b| b.is_ascii_digit() || b == b'-') =>
        {
            rest.to_owned()
        }
        _ => id.to_owned(),
    };
    let short: Vec<String> = ids.iter().map(|id| undated(id)).collect();
    let closest = crate::problem::suggest(&stem, ids.iter().map(String::as_str)).or_else(|| {
        crate::problem::suggest(&stem, short.iter().map(String::as_str))
            .and_then(|hit| short.iter().position(|s| s == hit))
            .map(|i| ids[i].as_str())
    });
    let help = match closest {
        Some(id) => format!(
            "did you mean `{}`?",
            project.show(&project.root.join(RECORDS_DIR).join(format!("{id}.yaml")))
        ),
        None => format!(
            "give a record's file (e.g. `{}`), or a folder of records, or nothing to take every record",
            project.show(&project.root.join(RECORDS_DIR).join(format!(
                "{}.yaml",
                ids.first().map_or("2023-08-25-race-and-policing", String::as_str)
            )))
        ),
    };
    format!(
        "`{}` is not a record: records are `.yaml` files in `{RECORDS_DIR}`\n  = help: {help}",
        path.display()
    )
}

/// Reads the office file alone (for `new`, which needs only the office's local target).
pub(crate) fn office(project: &Project) -> Result<Option<File>> {
    let path = project.root.join(OFFICE);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let shown = project.show(&path);
    let input = match leads_outside(&path, &project.root) {
        Some(target) => Input::Refused(outside_refusal(&target, "file")),
        None => Input::Path(path),
    };
    read(&shown, input).map(Some)
}

/// Reads and parses one file, shown to the user as `shown`. Problems inside it are in the
/// [`File`]; failing to read it is an error.
pub(crate) fn read(shown: &str, input: Input) -> Result<File> {
    Ok(match read_bytes(shown, input)? {
        Ok(bytes) => parse_bytes(shown.to_owned(), bytes),
        Err(refused) => refused,
    })
}

/// The bytes of the record file `input`, or, for one that is refused unread (a folder, a
/// FIFO, a link out of the project, a file too large), its problem as a file of no text. The
/// render reads a record's bytes once, to compare them with its cache and, if they changed,
/// to parse them.
pub(crate) fn read_bytes(shown: &str, input: Input) -> Result<Result<Vec<u8>, File>> {
    let refuse = |code: Code, message: String, help: &str| File {
        problems: vec![Problem::file(Severity::Error, code, shown, message).with_help(help)],
        source: Source {
            file: shown.to_owned(),
            text: String::new(),
        },
        node: None,
    };
    let path = match input {
        Input::Refused(refusal) => {
            return Ok(Err(refuse(refusal.code, refusal.message, &refusal.help)));
        }
        Input::Path(path) => path,
    };
    let meta = fs::metadata(&path).with_context(|| format!("failed to read `{shown}`"))?;
    if meta.is_dir() {
        return Ok(Err(refuse(
            Code::NotAFile,
            "this is a folder, not a record file".to_owned(),
            "records are files in `data/inspections`; move or rename the folder",
        )));
    }
    if !meta.is_file() {
        return Ok(Err(refuse(
            Code::NotAFile,
            "this is not a regular file".to_owned(),
            "records are ordinary text files; remove this one from `data/inspections`",
        )));
    }
    if meta.len() > MAX_RECORD_BYTES {
        return Ok(Err(refuse(
            Code::FileTooLarge,
            format!("the file is too large ({} MiB)", meta.len() / (1024 * 1024)),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        )));
    }
    // Sized from the start, so that the file is read in one call (and one more to see its end).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    fs::File::open(&path)
        .and_then(|file| file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("failed to read `{shown}`"))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Ok(Err(refuse(
            Code::FileTooLarge,
            "the file is too large (it grew while being read)".to_owned(),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        )));
    }
    Ok(Ok(bytes))
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

/// Where a link to a folder leads, when that folder holds the link itself (`data/inspections/up
/// -> ..`): walking it would read `data/office.yaml` and the records again as records.
fn leads_up(path: &Path) -> Option<PathBuf> {
    let target = fs::canonicalize(path).ok()?;
    let parent = canonical(path.parent()?);
    parent.starts_with(&target).then_some(target)
}

/// A record file that is a link: read when it stays inside the project.
fn record_link(path: &Path, canonical_root: &Path) -> Input {
    match leads_outside(path, canonical_root) {
        Some(target) => Input::Refused(outside_refusal(&target, "file")),
        None => Input::Path(path.to_path_buf()),
    }
}

/// Why a link out of the project is not followed; `what` is `file` or `folder`.
fn outside_refusal(target: &Path, what: &str) -> Refusal {
    Refusal {
        code: Code::LinkOutsideProject,
        message: format!(
            "this is a link to `{}`, outside the project",
            target.display()
        ),
        help: format!(
            "respond reads only files inside the project; copy the {what} in instead of linking to it"
        ),
    }
}

/// The problem of a link out of the project, reported where it stands.
fn outside(shown: &str, target: &Path, what: &str) -> Problem {
    let refusal = outside_refusal(target, what);
    Problem::file(Severity::Error, refusal.code, shown, refusal.message).with_help(refusal.help)
}

/// A path with its links resolved, or as it is when that fails (a dangling link).
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether a record's name would print as something else: a control character (a line feed,
/// an escape sequence), a bidirectional override, or `::`, which starts a GitHub workflow
/// command.
fn forged(id: &str) -> bool {
    id.contains("::") || crate::problem::escape(id) != id
}

/// A file name without its extension: a record's id.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Whether a file name is a record's: `.yaml` or `.yml`, in any case.
fn is_record_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty()
            && (extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml"))
    })
}

/// Files that editors, Office and the system leave beside the records, never records
/// themselves: dot-files (`.DS_Store`, `.gitkeep`, vim's `.x.yaml.swp`, emacs's `.#x.yaml`),
/// backups (`x.yaml~`, `x.bak`, `x.orig`), swap and temporary files (`.swp`, `.swo`, `.tmp`),
/// Office's lock files (`~$report.docx`), emacs's auto-saves (`#x.yaml#`), and Windows'
/// `Thumbs.db` and `desktop.ini`. Every other file in the records' folders is reported.
pub(crate) fn ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || [".bak", ".orig", ".swp", ".swo", ".tmp"]
            .iter()
            .any(|extension| lower.ends_with(extension))
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// YAML files anywhere in `data/` other than the office file and the records folder
/// (`data/2026/`, `data/Inspections/` on a disk that tells case apart): records put in the
/// wrong folder, which would otherwise be skipped without a word.
fn stray_records(project: &Project, problems: &mut Vec<Problem>) -> Result<()> {
    let data = project.root.join("data");
    let office = canonical(&project.root.join(OFFICE));
    // The records folder is walked on its own; each folder is read once, so a link back up
    // cannot make a loop.
    let mut visited = HashSet::from([canonical(&data), canonical(&project.root.join(RECORDS_DIR))]);
    let mut folders = vec![(data, 0)];
    let mut stray = Vec::new();
    while let Some((dir, depth)) = folders.pop() {
        let failed = || format!("failed to read `{}`", project.show(&dir));
        for entry in fs::read_dir(&dir).with_context(failed)? {
            let entry = entry.with_context(failed)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                let key = canonical(&path);
                let inside = key.starts_with(&project.root);
                if inside && depth < MAX_FOLDER_DEPTH && visited.insert(key) {
                    folders.push((path, depth + 1));
                }
            } else if !ignored(&name) && is_record_name(&name) && canonical(&path) != office {
                stray.push(path);
            }
        }
    }
    stray.sort();
    for path in stray {
        problems.push(
            Problem::file(
                Severity::Error,
                Code::NotARecord,
                project.show(&path),
                "records belong in `data/inspections`, so this file is not read",
            )
            .with_help(
                "move it into the folder `data/inspections` (so named, in lower case) if it is a record, or out of `data` if it is not: `data` holds only `office.yaml` and the records' folder `inspections`",
            ),
        );
    }
    Ok(())
}

/// A record file found under the records folder.
struct Found {
    /// Its path: the project's folder joined with the folders walked.
    path: PathBuf,
    /// Its id, the file stem.
    id: String,
    /// Whether it is a symbolic link (the folder listing says so without another call).
    link: bool,
}

/// The record files under `top`, at any depth up to [`MAX_FOLDER_DEPTH`], sorted by path.
/// With `strict` (the records folder), any other file is a problem naming it; elsewhere
/// (a folder the user chose outside it) other files are left alone. A link to a folder is
/// followed only when it stays inside the project, and each folder is read once, so that a
/// link back up cannot make a loop.
fn walk(
    project: &Project,
    top: &Path,
    strict: bool,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Found>> {
    let meta = match fs::metadata(top) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(e).with_context(|| format!("failed to read `{}`", project.show(top)));
        }
    };
    if !meta.is_dir() {
        problems.push(
            Problem::file(
                Severity::Error,
                Code::NotAFile,
                project.show(top),
                "this is not a folder",
            )
            .with_help("records are files in the folder `data/inspections`; move this file aside and make the folder"),
        );
        return Ok(Vec::new());
    }
    let mut visited = HashSet::new();
    let mut folders = vec![(top.to_path_buf(), 0)];
    // Links to folders are read after every real folder, so that a record reached both ways
    // is always shown by its real path, whatever order the disk lists a folder in.
    let mut linked = Vec::new();
    let mut found = Vec::new();
    while let Some((dir, depth)) = folders.pop().or_else(|| linked.pop()) {
        if !visited.insert(canonical(&dir)) {
            // Read already: a link to a folder beside it, or a second link to one.
            continue;
        }
        let failed = || format!("failed to read `{}`", project.show(&dir));
        for entry in fs::read_dir(&dir).with_context(failed)? {
            let entry = entry.with_context(failed)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let link = entry.file_type().map_or(true, |t| t.is_symlink());
            let is_dir = if link {
                fs::metadata(&path).is_ok_and(|m| m.is_dir())
            } else {
                entry.file_type().is_ok_and(|t| t.is_dir())
            };
            // The skip list is for files: a folder is walked whatever its name (`old.bak/`
            // may hold an overdue record), and a hidden one is named rather than skipped.
            if is_dir && name.starts_with('.') {
                problems.push(
                    Problem::file(
                        Severity::Error,
                        Code::NotARecord,
                        project.show(&path),
                        "this is a hidden folder, so the records in it are not read",
                    )
                    .with_help("move the records out of it into `data/inspections`, or rename the folder without the leading `.`; keep anything that is not a record outside `data`"),
                );
                continue;
            }
            if !is_dir && ignored(&name) {
                continue;
            }
            // A folder named like a record stands where a record belongs: reading it says so.
            if is_record_name(&name) {
                found.push(Found {
                    id: stem(&name).to_owned(),
                    path,
                    link,
                });
            } else if is_dir {
                if link && let Some(target) = leads_outside(&path, &project.root) {
                    problems.push(outside(&project.show(&path), &target, "folder"));
                } else if link && let Some(target) = leads_up(&path) {
                    problems.push(
                        Problem::file(
                            Severity::Error,
                            Code::LinkUp,
                            project.show(&path),
                            format!(
                                "this is a link to `{}`, a folder that holds it, so it is not read",
                                project.show(&target)
                            ),
                        )
                        .with_help("remove the link: records are files in `data/inspections` or in folders below it"),
                    );
                } else if depth >= MAX_FOLDER_DEPTH {
                    problems.push(
                        Problem::file(
                            Severity::Error,
                            Code::FoldersTooDeep,
                            project.show(&path),
                            format!("folders nest more than {MAX_FOLDER_DEPTH} deep here, so this one is not read"),
                        )
                        .with_help("keep records in `data/inspections` or in a folder or two below it (e.g. one per year)"),
                    );
                } else if link {
                    linked.push((path, depth + 1));
                } else {
                    folders.push((path, depth + 1));
                }
            } else if strict {
                problems.push(
                    Problem::file(
                        Severity::Error,
                        Code::NotARecord,
                        project.show(&path),
                        "this file is not a record, so it is not read",
                    )
                    .with_help("records are `.yaml` files (`.yml` will do); move other files, such as the report itself or notes, out of `data/inspections`"),
                );
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_from_the_current_folder() {
        let shown = |from: &str, to: &str| {
            relative(Path::new(from), Path::new(to))
                .to_string_lossy()
                .into_owned()
        };
        assert_eq!(
            shown("/p", "/p/data/inspections/a.yaml"),
            "data/inspections/a.yaml"
        );
        assert_eq!(
            shown("/p/data/inspections", "/p/data/inspections/a.yaml"),
            "a.yaml"
        );
        assert_eq!(
            shown("/p/data/inspections/2026", "/p/data/office.yaml"),
            "../../office.yaml"
        );
        assert_eq!(shown("/p/data", "/p/out"), "../out");
        assert_eq!(shown("/p", "/p"), ".");
        // Sharing only the root of the disk: the absolute path.
        assert_eq!(shown("/home/me", "/tmp/p/out"), "/tmp/p/out");
    }

    #[test]
    fn records_and_the_files_beside_them() {
        for name in ["a.yaml", "a.yml", "a.YAML", "A.Yml", "2023-08-25-x.yaml"] {
            assert!(is_record_name(name), "{name}");
        }
        for name in ["a.txt", "a.docx", "yaml", "a.yaml.txt", ".yaml", "a.json"] {
            assert!(!is_record_name(name), "{name}");
        }
        for name in [
            ".DS_Store",
            ".a.yaml.swp",
            "a.yaml~",
            "a.bak",
            "a.BAK",
            "a.orig",
            "a.swp",
            "a.swo",
            "~WRL0001.tmp",
            "~$report.docx",
            "#a.yaml#",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(ignored(name), "{name}");
        }
        for name in ["a.yaml", "notes.txt", "#", "report.docx", "a.yaml#"] {
            assert!(!ignored(name), "{name}");
        }
        assert_eq!(stem("a.b.yaml"), "a.b");
    }
}
