//! Finding the project: the folder given with `--root`, or the nearest folder at or above the
//! current one that holds `data/office.yaml` (as git finds its repository); and every path
//! shown relative to the current folder, as git shows its paths.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::load::links::leads_outside;

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
}
