//! Walking the records' folders: every record file under `data/inspections`, at any depth up
//! to a bound, each folder read once; files that editors and the system leave beside records
//! skipped, and anything else (a `.docx`, a hidden folder, a link up, a record outside
//! `data/inspections`) reported as a problem naming it, so that nothing is skipped silently.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::load::links::{canonical, leads_outside, leads_up, outside};
use crate::load::project::{OFFICE, Project, RECORDS_DIR};
use crate::problem::{Code, Problem, Severity};

/// How deep folders may nest under `data/inspections` (`2026/` is one level). Offices file by
/// year, perhaps by year and quarter; the bound keeps a walk short whatever is on the disk.
pub(crate) const MAX_FOLDER_DEPTH: usize = 8;

/// A file name without its extension: a record's id.
pub(crate) fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Whether a file name is a record's: `.yaml` or `.yml`, in any case.
pub(crate) fn is_record_name(name: &str) -> bool {
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
pub(crate) fn stray_records(project: &Project, problems: &mut Vec<Problem>) -> Result<()> {
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
pub(crate) struct Found {
    /// Its path: the project's folder joined with the folders walked.
    pub(crate) path: PathBuf,
    /// Its id, the file stem.
    pub(crate) id: String,
    /// Whether it is a symbolic link (the folder listing says so without another call).
    pub(crate) link: bool,
}

/// The record files under `top`, at any depth up to [`MAX_FOLDER_DEPTH`], sorted by path.
/// With `strict` (the records folder), any other file is a problem naming it; elsewhere
/// (a folder the user chose outside it) other files are left alone. A link to a folder is
/// followed only when it stays inside the project, and each folder is read once, so that a
/// link back up cannot make a loop.
pub(crate) fn walk(
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
                match folder_problem(project, &path, link, depth) {
                    Some(problem) => problems.push(problem),
                    None if link => linked.push((path, depth + 1)),
                    None => folders.push((path, depth + 1)),
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

/// Why the folder at `path` (a link if `link`, `depth` below the top) is not walked, if it is
/// not: a link out of the project or up to a folder that holds it, or folders nested too deep.
fn folder_problem(project: &Project, path: &Path, link: bool, depth: usize) -> Option<Problem> {
    if link && let Some(target) = leads_outside(path, &project.root) {
        return Some(outside(&project.show(path), &target, "folder"));
    }
    if link && let Some(target) = leads_up(path) {
        return Some(
            Problem::file(
                Severity::Error,
                Code::LinkUp,
                project.show(path),
                format!(
                    "this is a link to `{}`, a folder that holds it, so it is not read",
                    project.show(&target)
                ),
            )
            .with_help(
                "remove the link: records are files in `data/inspections` or in folders below it",
            ),
        );
    }
    (depth >= MAX_FOLDER_DEPTH).then(|| {
        Problem::file(
            Severity::Error,
            Code::FoldersTooDeep,
            project.show(path),
            format!("folders nest more than {MAX_FOLDER_DEPTH} deep here, so this one is not read"),
        )
        .with_help(
            "keep records in `data/inspections` or in a folder or two below it (e.g. one per year)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
