//! Finding and reading the project's files: the project folder itself (found like git finds
//! its repository), `data/office.yaml` and the records under `data/inspections/`, each parsed
//! into a located YAML tree. All reading on the way in is here; what comes after (validation)
//! is pure.
//!
//! What stops the program (no project, a file that cannot be read) is an `Err` and exits 2;
//! what is wrong inside a file or beside it (not UTF-8, bad YAML, a `.docx` among the records)
//! is a [`Problem`] about that file, so that one run reports every file and nothing is skipped
//! silently.
//!
//! Its parts: `project` finds the project folder, `walk` the record files, `links` judges
//! links, and `read` reads one file into a located tree.

mod links;
mod project;
mod read;
mod walk;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

pub(crate) use project::{OFFICE, Project, RECORDS_DIR, linked_out};
pub(crate) use read::{File, Input, Refusal, parse_bytes, read};

use crate::problem::{Code, Problem, Severity};
use links::{canonical, file_name, leads_outside, outside, outside_refusal, record_link};
use walk::{is_record_name, stem, stray_records, walk};

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

/// A project's files, found but (apart from the small office file) not yet read: `pipeline`
/// reads and validates the records, in parallel.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// `data/office.yaml`, read, if it exists.
    pub(crate) office: Option<File>,
    /// The records, in the order of their files as shown.
    pub(crate) records: Vec<RecordInput>,
    /// Problems found while looking for files.
    pub(crate) problems: Vec<Problem>,
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
    misplaced(project, office.is_none(), &mut problems)?;
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
        let selected = match &selection {
            None => true,
            Some(selection) => {
                let key = canonical(&found.path);
                let holds = selection.holds(&found.path, &key);
                seen.insert(key);
                holds
            }
        };
        records.push(record_input(project, found, selected, &mut first));
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

/// The problems of what is missing or misplaced in `data/`: the office file (when
/// `no_office`), records outside `data/inspections`, and that folder itself.
fn misplaced(project: &Project, no_office: bool, problems: &mut Vec<Problem>) -> Result<()> {
    let root = &project.root;
    if no_office {
        problems.push(
            Problem::file(Severity::Error, Code::OfficeMissing, project.show(&root.join(OFFICE)), "the office file is missing")
                .with_help("create it with the office's `name`, `area`, `force`, `chief_officer` (such as `Chief Constable`) and `commissioner`: a list of the commissioner's titles, each with `from` (the date), `title` and `short` (such as `PFCC`)"),
        );
    }
    stray_records(project, problems)?;
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
    Ok(())
}

/// The record file `found`: refused unread when its name could forge what a terminal shows or
/// its id is taken already (`first` holds the file that took each id).
fn record_input(
    project: &Project,
    found: walk::Found,
    selected: bool,
    first: &mut HashMap<String, String>,
) -> RecordInput {
    let file = project.show(&found.path);
    // A name that could forge what a terminal or GitHub shows (a line feed, an escape
    // sequence, a workflow command's `::`) is refused unread, and only ever shown escaped.
    if forged(&found.id) {
        return RecordInput {
            id: crate::problem::escape(&found.id),
            file: crate::problem::escape(&file),
            input: Input::Refused(Refusal {
                code: Code::InvalidId,
                message: "the file's name holds a control character or `::`, which could change what a terminal or GitHub shows, so it is not read".to_owned(),
                help: "rename the file with lower-case letters, digits and hyphens only, e.g. `2023-08-25-race-and-policing.yaml`".to_owned(),
            }),
            selected,
        };
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
                record_link(&found.path, &project.root)
            } else {
                Input::Path(found.path)
            }
        }
    };
    RecordInput {
        id: found.id,
        file,
        input,
        selected,
    }
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

/// Whether a record's name would print as something else: a control character (a line feed,
/// an escape sequence), a bidirectional override, or `::`, which starts a GitHub workflow
/// command.
fn forged(id: &str) -> bool {
    id.contains("::") || crate::problem::escape(id) != id
}
