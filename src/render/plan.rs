//! What a render is asked to do, and its plan: for every file it produces, whether `out/` gains it, changes or keeps
//! it; which of our files no record produces any more (stale); and which files are in the way
//! (not ours, or changed by hand). Pure: what `out/` holds comes in as [`DiskState`]s, looked
//! at by `out_dir`, so the plan is tested without a disk. `render --check` prints it; a real
//! render applies it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::outputs::Outputs;

/// What `render` was asked to do.
#[derive(Clone)]
pub(crate) struct Request {
    /// The outputs to render.
    pub(crate) outputs: Outputs,
    /// The ids of the records whose pages to render; `None` for all (and stale files go).
    pub(crate) chosen: Option<BTreeSet<String>>,
    /// Write nothing; report what would change.
    pub(crate) check: bool,
    /// Overwrite files in `out/` that are not ours.
    pub(crate) force: bool,
    /// Today, for validation.
    pub(crate) today: NaiveDate,
    /// Where the drafts' pages go (not with `check`).
    pub(crate) drafts: PathBuf,
}

/// What `out/` holds under a file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DiskState {
    /// Nothing.
    Missing,
    /// The file as respond wrote it (per the manifest).
    Ours,
    /// Something else: not in the manifest, or changed since.
    Foreign,
}

/// How a produced file compares with `out/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// `out/` has no such file.
    Added,
    /// `out/` has other contents under its name.
    Changed,
    /// `out/` already holds exactly this.
    Same,
}

/// How a file that hashes to `hash` compares with `out/`, which holds `state` under its name;
/// `recorded` is the manifest's hash for the name, and `same_bytes` reads the file in `out/`
/// to compare it byte for byte (asked only of a file that is not ours).
pub(crate) fn change(
    state: DiskState,
    recorded: Option<u64>,
    hash: u64,
    same_bytes: impl FnOnce() -> bool,
) -> Change {
    match state {
        DiskState::Missing => Change::Added,
        DiskState::Ours if recorded == Some(hash) => Change::Same,
        DiskState::Ours => Change::Changed,
        DiskState::Foreign if same_bytes() => Change::Same,
        DiskState::Foreign => Change::Changed,
    }
}

/// A file this render produces, compared with `out/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Planned {
    /// Its name in `out/`.
    pub(crate) name: String,
    /// The hash of its contents, for the manifest.
    pub(crate) hash: u64,
    /// How it compares with `out/`.
    pub(crate) change: Change,
    /// `out/` holds a file under its name that is not ours and differs: it is in the way.
    pub(crate) conflict: bool,
}

impl Planned {
    /// `name`, hashing to `hash`, which compares with `out/` as `change`, where `out/` holds
    /// `state`.
    pub(crate) fn new(name: String, hash: u64, change: Change, state: DiskState) -> Self {
        Self {
            name,
            hash,
            change,
            conflict: state == DiskState::Foreign && change != Change::Same,
        }
    }
}

/// What a render would do to `out/`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Files that do not exist yet.
    pub(crate) added: Vec<String>,
    /// Our files whose contents would change.
    pub(crate) changed: Vec<String>,
    /// Our files that no record produces any more.
    pub(crate) stale: Vec<String>,
    /// Files already up to date.
    pub(crate) unchanged: usize,
    /// Files in the way: not ours, or changed by hand since we wrote them.
    pub(crate) conflicts: Vec<String>,
    /// How many files the render produces.
    pub(crate) files: usize,
    /// The manifest is out of date: a render was stopped while putting files in place.
    pub(crate) manifest: bool,
}

impl Plan {
    /// The plan of a render that produces `files` files, of which `planned` were rendered (the
    /// rest are known to be up to date), where `out/` holds our files `candidates` that no
    /// record produces any more, in the states given.
    pub(crate) fn new<'a>(
        files: usize,
        planned: impl IntoIterator<Item = &'a Planned>,
        candidates: impl IntoIterator<Item = (String, DiskState)>,
    ) -> Self {
        let mut plan = Self {
            files,
            ..Self::default()
        };
        for file in planned {
            match file.change {
                Change::Added => plan.added.push(file.name.clone()),
                Change::Changed => plan.changed.push(file.name.clone()),
                Change::Same => {}
            }
            if file.conflict {
                plan.conflicts.push(file.name.clone());
            }
        }
        for (name, state) in candidates {
            match state {
                DiskState::Ours => plan.stale.push(name),
                DiskState::Foreign => plan.conflicts.push(name),
                DiskState::Missing => {}
            }
        }
        plan.unchanged = files.saturating_sub(plan.added.len() + plan.changed.len());
        plan.added.sort();
        plan.changed.sort();
        plan.stale.sort();
        plan.conflicts.sort();
        plan
    }

    /// Whether `out/` is up to date.
    pub(crate) fn is_clean(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.stale.is_empty() && !self.manifest
    }

    /// How many files a render writes.
    pub(crate) fn written(&self) -> usize {
        self.added.len() + self.changed.len()
    }
}

/// The error for files in `out_dir` that are in the way of a render.
pub(crate) fn in_the_way(out_dir: &Path, conflicts: &[String]) -> anyhow::Error {
    let one = conflicts.len() == 1;
    anyhow::anyhow!(
        "{} in `{}` {} not written by respond, or changed by hand since: {}; move {} away, or render with `--force` to overwrite",
        crate::problem::count(conflicts.len(), "file"),
        out_dir.display(),
        if one { "was" } else { "were" },
        conflicts.join(", "),
        if one { "it" } else { "them" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(name: &str, change: Change, state: DiskState) -> Planned {
        Planned::new(name.to_owned(), 1, change, state)
    }

    #[test]
    fn a_file_is_compared_by_hash_when_ours_and_by_bytes_otherwise() {
        let unread = || panic!("an own file is not read");
        assert_eq!(change(DiskState::Missing, None, 1, unread), Change::Added);
        assert_eq!(change(DiskState::Ours, Some(1), 1, unread), Change::Same);
        assert_eq!(change(DiskState::Ours, Some(2), 1, unread), Change::Changed);
        assert_eq!(
            change(DiskState::Foreign, Some(2), 1, || true),
            Change::Same
        );
        assert_eq!(
            change(DiskState::Foreign, None, 1, || false),
            Change::Changed
        );
    }

    #[test]
    fn the_plan_counts_and_sorts_what_a_render_does() {
        let files = [
            planned("b.html", Change::Changed, DiskState::Ours),
            planned("a.html", Change::Added, DiskState::Missing),
            planned("c.html", Change::Same, DiskState::Foreign),
            planned("d.md", Change::Changed, DiskState::Foreign),
        ];
        let plan = Plan::new(
            10,
            &files,
            [
                ("old.md".to_owned(), DiskState::Ours),
                ("edited.md".to_owned(), DiskState::Foreign),
                ("gone.md".to_owned(), DiskState::Missing),
            ],
        );
        assert_eq!(
            plan,
            Plan {
                added: vec!["a.html".into()],
                changed: vec!["b.html".into(), "d.md".into()],
                stale: vec!["old.md".into()],
                unchanged: 7,
                conflicts: vec!["d.md".into(), "edited.md".into()],
                files: 10,
                manifest: false,
            }
        );
        assert!(!plan.is_clean());
        assert_eq!(plan.written(), 3);
    }

    #[test]
    fn a_render_with_nothing_to_do_is_clean() {
        let files = [planned("a.html", Change::Same, DiskState::Ours)];
        let plan = Plan::new(3, &files, []);
        assert!(plan.is_clean());
        assert_eq!((plan.unchanged, plan.written()), (3, 0));
    }
}
