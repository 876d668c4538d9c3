//! `respond render`: the validated project planned, then applied, in this order:
//!
//! 1. **hold** `out/`'s lock ([`Hold`]), so that one render at a time reads and writes it;
//! 2. **read and validate** every record, once (`pipeline`); an invalid project ends here,
//!    with nothing written;
//! 3. **plan `out/`** (`folder`): each page and site file that needs it (one whose records
//!    changed since the cache says it was rendered, or whose file in `out/` is not as written)
//!    rendered to bytes and compared with `out/` (`stage`), and what is added, changed, stale
//!    or in the way (`plan`, pure). `--check` stops here and reports it;
//! 4. **plan `drafts/`** (`drafts`), under its own lock: every draft's page and the drafts'
//!    index, compared with the folder;
//! 5. **apply** (`apply`, the only writes): the changed files of `out/` written to temporary
//!    files beside their places; `drafts/` put in place; then `out/`'s files renamed into
//!    place, stale ones removed, the manifest and the cache written.
//!
//! `out/.respond-manifest` (committed) says which files are ours; `out/.respond-cache` (never
//! committed) says from which records each file was rendered, so that a warm render renders
//! again only the files whose records changed (`cache`). Under faults: one render at a
//! time holds `out/.respond-lock`; nothing is renamed into place before every file is written;
//! the cache is removed before `out/` changes and written last; `out/.respond-journal` holds
//! the hashes of the files being put in place, so that a render killed meanwhile leaves files
//! the next one knows as its own (`apply`).

mod apply;
mod cache;
mod drafts;
mod folder;
mod lock;
mod out_dir;
pub(crate) mod plan;
mod stage;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::load::Loaded;
use crate::outputs::Site;
use crate::pipeline;
use crate::problem::Problem;
use crate::templates::Templates;
use folder::Work;
use plan::{Plan, in_the_way};

pub(crate) use plan::Request;

/// How a render ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Some record is invalid: nothing was written.
    Invalid,
    /// `--check`: what a render would do (nothing, if the plan is clean).
    Checked(Plan),
    /// The plan was carried out, in `out/` and, if there was anything to do, `drafts/`.
    Written(Plan, Option<Plan>),
}

/// The problems found (warnings, or the errors that stopped it) and how it ended.
#[derive(Debug)]
pub(crate) struct Report {
    /// Every problem in the office file and the records.
    pub(crate) problems: Vec<Problem>,
    /// How it ended.
    pub(crate) outcome: Outcome,
}

/// Renders the project into `out_path`, one render at a time: a render that writes holds
/// `out/`'s lock throughout, and `--check` shares it. A folder this render created is removed
/// again if the render fails or finds an invalid record.
pub(crate) fn run(
    project: Loaded,
    templates: &Templates,
    out_path: &Path,
    request: &Request,
) -> Result<Report> {
    let hold = Hold::take(out_path, request.check, "render")?;
    let report = run_held(project, templates, out_path, request, &hold);
    hold.release(
        out_path,
        matches!(&report, Ok(r) if !matches!(r.outcome, Outcome::Invalid)),
    );
    report
}

/// `out/`'s lock, held by a render (or by `publish`, from before it changes a record until
/// its render ends, so that no other render reads the record meanwhile), and the folders
/// taking it created.
pub(crate) struct Hold {
    lock: Option<lock::Lock>,
    created: Vec<PathBuf>,
}

impl Hold {
    /// Takes the lock of `out_path` for a render that writes, creating the folder if need be,
    /// or shares it for `--check`; fails at once if another render holds it, saying to run
    /// `again` (`render`, `publish`) once that one has finished.
    pub(crate) fn take(out_path: &Path, check: bool, again: &str) -> Result<Self> {
        lock::refuse_links(out_path, "out")?;
        if check {
            let lock =
                lock::lock_shared(out_path, again)?.map(|file| lock::Lock::Held { _file: file });
            return Ok(Self {
                lock,
                created: Vec::new(),
            });
        }
        match out_dir::create(out_path) {
            // Refused while another render holds the lock: the folder is in its use then, even
            // one this render made, so nothing is removed.
            Ok(created) => Ok(Self {
                lock: Some(lock::lock_to(out_path, again)?),
                created,
            }),
            Err(_) => Ok(Self {
                lock: None,
                created: Vec::new(),
            }),
        }
    }

    /// Lets the lock go (first: a locked file cannot be removed everywhere); the folders it
    /// created go too, unless the render `kept` them, if empty once respond's lock, journal,
    /// cache and temporary files are gone.
    pub(crate) fn release(self, out_path: &Path, kept: bool) {
        drop(self.lock);
        if !kept {
            out_dir::remove_created(out_path, &self.created);
        }
    }
}

/// [`run`] under a lock already held: the stages of the module's comment.
pub(crate) fn run_held(
    project: Loaded,
    templates: &Templates,
    out_path: &Path,
    request: &Request,
    hold: &Hold,
) -> Result<Report> {
    let locked = matches!(hold.lock, Some(lock::Lock::Held { .. }));
    if locked && !request.check {
        // Left by a render that was killed: no render is running now, so none is another's.
        out_dir::remove_temporaries(out_path);
    }
    let office_text = project
        .office
        .as_ref()
        .map_or("", |f| f.source.text.as_str());
    let key = cache::key(office_text, templates, &request.outputs);
    let mut validated = pipeline::validated(project, request.today)?;
    let problems = std::mem::take(&mut validated.problems);
    let (Some(office), false) = (
        validated.office.as_ref(),
        problems.iter().any(Problem::is_error),
    ) else {
        return Ok(Report::new(problems, Outcome::Invalid));
    };
    if !request.check {
        // Fails, saying why out/ cannot be written.
        out_dir::prepare(out_path)?;
    }
    let work = Work::new(&validated, Site { templates, office }, request);
    let out = folder::plan_out(out_path, &work, &key)?;
    if request.check {
        return Ok(Report::new(problems, Outcome::Checked(out.folder.plan)));
    }
    if !out.folder.plan.conflicts.is_empty() && !request.force {
        return Err(in_the_way(out_path, &out.folder.plan.conflicts));
    }
    let drafts = drafts::plan(&request.drafts, &work)?;
    let (plan, drafts) = apply::render(out_path, out, drafts)?;
    Ok(Report::new(problems, Outcome::Written(plan, drafts)))
}

impl Report {
    fn new(problems: Vec<Problem>, outcome: Outcome) -> Self {
        Self { problems, outcome }
    }
}
