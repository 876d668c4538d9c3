//! `respond render`, in stages, incrementally:
//!
//! 1. **read the cache** (`cache`) and look at `out/` once (`out_dir`);
//! 2. **read and validate** every record (`records`): a record whose file is unchanged is
//!    remembered from the cache, the rest go through the one validation [`Session`]; the pages
//!    of a record that holds no other are rendered and staged as soon as it is read;
//! 3. **finish validation**, which gives the `related` graph; an invalid project ends here,
//!    with nothing written;
//! 4. **render** the other pages that need it (those a changed record appears in, and those
//!    whose files in `out/` are missing or not as written) and the site files, staging each
//!    (`stage`: compared with `out/`, written to a temporary file if it changes it);
//! 5. **plan** (`plan`, pure): what is added, changed, stale or in the way;
//! 6. **apply** (`apply`): put the staged files in place, remove stale ones, write the
//!    manifest and the cache. `--check` stops at the plan and reports it.
//!
//! `out/.respond-manifest` (committed) says which files are ours; `out/.respond-cache` (never
//! committed) is what makes a warm render fast. Under faults: one render at a time holds
//! `out/.respond-lock`; nothing is renamed into place before every file is written; the cache
//! is removed before `out/` changes and written last; `out/.respond-journal` holds the hashes
//! of the files being put in place, so that a render killed meanwhile leaves files the next
//! one knows as its own (`apply`).

mod apply;
pub(crate) mod cache;
mod drafts;
mod out_dir;
pub(crate) mod plan;
mod records;
mod stage;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

pub(crate) use out_dir::{
    is_temporary_of, readable, real, refuse_overlap, refuse_project_folders, remove_files,
    write_atomically,
};

use crate::load::{Input, Loaded, RecordInput};
use crate::model::{Inspection, Summary};
use crate::outputs::{Folder, Outputs, Site};
use crate::problem::Problem;
use crate::templates::Templates;
use crate::validate::{self, Checked, Graph, Session};
use cache::{Cache, Entry};
use out_dir::OutDir;
use plan::{DiskState, Plan};
use records::{Early, Record};
use stage::{Staged, Stager};

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
    /// Counts the records read and the pages rendered; the command decides whether it is
    /// shown (hidden unless it is given one that draws).
    pub(crate) progress: indicatif::ProgressBar,
}

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

/// What the first stage gave, gathered for the rest.
#[derive(Default)]
pub(crate) struct Gathered {
    /// Every record, for the checks across records.
    checked: Vec<Checked>,
    /// The cache's entries for the next render.
    entries: HashMap<String, Entry>,
    /// What the site outputs need of each valid record.
    pub(crate) summaries: Vec<Arc<Summary>>,
    /// The records read from their files whose text changed since the cache's entry.
    fresh: HashSet<String>,
    /// Whether a record was read again only because its path as shown changed: the cache is
    /// written again, with the new paths.
    moved: bool,
    /// The pages rendered as their records were read.
    early: Vec<Staged>,
    /// The records whose pages those are.
    done: HashSet<String>,
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
    lock: Option<out_dir::Lock>,
    created: Vec<PathBuf>,
}

impl Hold {
    /// Takes the lock of `out_path` for a render that writes, creating the folder if need be,
    /// or shares it for `--check`; fails at once if another render holds it, saying to run
    /// `again` (`render`, `publish`) once that one has finished.
    pub(crate) fn take(out_path: &Path, check: bool, again: &str) -> Result<Self> {
        out_dir::refuse_links(out_path, "out")?;
        if check {
            let lock = out_dir::lock_shared(out_path, again)?
                .map(|file| out_dir::Lock::Held { _file: file });
            return Ok(Self {
                lock,
                created: Vec::new(),
            });
        }
        match out_dir::create(out_path) {
            // Refused while another render holds the lock: the folder is in its use then, even
            // one this render made, so nothing is removed.
            Ok(created) => Ok(Self {
                lock: Some(out_dir::lock_to(out_path, again)?),
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

/// [`run`] under a lock already held.
pub(crate) fn run_held(
    project: Loaded,
    templates: &Templates,
    out_path: &Path,
    request: &Request,
    hold: &Hold,
) -> Result<Report> {
    let locked = matches!(hold.lock, Some(out_dir::Lock::Held { .. }));
    if locked && !request.check {
        // Left by a render that was killed: no render is running now, so none is another's.
        out_dir::remove_temporaries(out_path);
    }
    // Pages are staged early only into a folder that can be written (or, with --check, not
    // written at all); otherwise they wait until everything is valid, so that an invalid
    // record is reported before a folder that cannot be written.
    let writable = !request.check && locked && out_dir::prepare(out_path).is_ok();
    render(project, templates, out_path, request, writable)
}

/// The stages of a render (the module's comment), into `out_path`, locked, which can be
/// written if `writable`.
/// The records in files, by id: those a page can read again once its early model is dropped.
fn readable_inputs(records: &[RecordInput]) -> HashMap<String, RecordInput> {
    records
        .iter()
        .filter(|r| matches!(r.input, Input::Path(_)))
        .map(|r| (r.id.clone(), r.clone()))
        .collect()
}

/// The cache's entries after rendering only some records' pages: the entries from before for
/// the records read now. A record read now may appear in a page not rendered now, and
/// remembering it would hide that page's change from the next render.
fn kept_entries(
    cache: &mut Cache,
    read_now: HashMap<String, Entry>,
    fresh: &HashSet<String>,
) -> HashMap<String, Entry> {
    let mut entries = std::mem::take(&mut cache.records);
    for (id, entry) in read_now {
        if !fresh.contains(&id) {
            entries.insert(id, entry);
        }
    }
    entries
}

fn render(
    project: Loaded,
    templates: &Templates,
    out_path: &Path,
    request: &Request,
    writable: bool,
) -> Result<Report> {
    let office_text = project
        .office
        .as_ref()
        .map_or("", |f| f.source.text.as_str());
    let key = cache::key(office_text, templates, &request.outputs);
    // A record whose model is dropped after its early render may have to be read again.
    let inputs = readable_inputs(&project.records);
    let session = Session::new(project.office.as_ref(), project.problems, request.today);
    let manifest = out_dir::read_manifest(out_path)?;
    let mut cache = Cache::read(out_path, &key, manifest.text_hash)?;
    let out = OutDir::look(out_path, &manifest.entries);
    let stager = Stager {
        out: &out,
        write: !request.check,
    };
    let early = session
        .office()
        .filter(|_| request.check || writable)
        .map(|office| Early::new(Site { templates, office }, request, &stager));

    request.progress.inc_length(project.records.len() as u64);
    let records = records::read(
        project.records,
        &session,
        &cache,
        early.as_ref(),
        (request.today, &request.progress),
    )?;
    let cached_records = cache.records.len();
    let mut gathered = gather(records, &mut cache, session.office())?;
    let validated = session.finish(std::mem::take(&mut gathered.checked));
    let problems = validated.problems;
    let (Some(office), false) = (
        validated.office.as_ref(),
        problems.iter().any(Problem::is_error),
    ) else {
        // Nothing is written: the staged pages go.
        drop(gathered.early);
        return Ok(Report::new(problems, Outcome::Invalid));
    };
    if !request.check && !writable {
        // Fails, saying why out/ cannot be written.
        out_dir::prepare(out_path)?;
    }
    let site = Site { templates, office };
    let graph = &validated.graph;

    let drafts: HashSet<String> = gathered
        .summaries
        .iter()
        .filter(|s| Folder::of(s.response) == Folder::Drafts)
        .map(|s| s.id.clone())
        .collect();
    let public = |id: &str| !drafts.contains(id);

    // The other pages, rendered once the records they hold are known, and the site files.
    let pages = pages_to_render(graph, &gathered, request, &out, &public, false)?;
    let mut models = Models {
        map: validated
            .inspections
            .into_iter()
            .map(|i| (i.id.clone(), i))
            .collect(),
        inputs: &inputs,
        session: &session,
    };
    models.complete(&pages)?;
    let mut staged = std::mem::take(&mut gathered.early);
    let changed = cache.summaries_changed(&key, cached_records, &gathered.fresh, &gathered.entries);
    let summaries = &gathered.summaries;
    // The site files (the index, the feed, the open data) and the pages at once: each site
    // file is one task of one record's length or more, which would keep a core alone
    // otherwise.
    let (pages, site_files) = rayon::join(
        || render_pages(&pages, models.all(), &site, request, &stager),
        || render_site(changed, summaries, &site, request, &stager),
    );
    staged.extend(pages?);
    staged.extend(site_files?);

    let mut plan = plan(&staged, graph, &manifest.entries, request, &out, &public)?;
    plan.manifest = manifest.journaled;
    if request.check {
        return Ok(Report::new(problems, Outcome::Checked(plan)));
    }
    if !plan.conflicts.is_empty() && !request.force {
        return Err(in_the_way(out_path, &plan.conflicts));
    }
    // The drafts are rendered and staged before anything changes in out/, so that a render
    // that fails on a draft changes neither folder.
    let done = drafts::Done {
        site,
        graph,
        gathered: &gathered,
        drafts: &drafts,
    };
    let drafts = drafts::stage(&request.drafts, &done, request, &mut models)?;
    // The drafts go in place before anything in out/ changes: a render that then fails on
    // out/ (a full disk) leaves out/ as it was, and the drafts, which are never published, up
    // to date; one that fails on the drafts has not touched out/.
    let drafts = match drafts {
        Some(staging) => Some(staging.apply()?),
        None => None,
    };
    // Every file is written by now (staged): nothing has changed in out/ yet. The cache goes
    // first, so that a render stopped from here on leaves none to trust.
    let touches =
        staged.iter().any(|s| s.temp.is_some()) || !plan.stale.is_empty() || plan.manifest;
    let text_hash = manifest.text_hash;
    let applied = if touches {
        Cache::remove(out_path)
    } else {
        Ok(())
    }
    .and_then(|()| apply::files(out_path, &plan, staged, manifest));
    let (_, manifest_hash) = applied?;
    let changed = touches
        || cache.key != key
        || Some(manifest_hash) != text_hash
        || !gathered.fresh.is_empty()
        || gathered.moved
        || cached_records != gathered.entries.len();
    if changed {
        let entries = match request.chosen {
            None => std::mem::take(&mut gathered.entries),
            Some(_) => kept_entries(
                &mut cache,
                std::mem::take(&mut gathered.entries),
                &gathered.fresh,
            ),
        };
        Cache::next(key, entries).write(out_path, manifest_hash);
    }
    Ok(Report::new(problems, Outcome::Written(plan, drafts)))
}

impl Report {
    fn new(problems: Vec<Problem>, outcome: Outcome) -> Self {
        Self { problems, outcome }
    }
}

/// The plan of a render whose files are `staged`, the pages of the `public` records: a render
/// of every record also finds the stale files of the manifest.
fn plan(
    staged: &[Staged],
    graph: &Graph,
    manifest: &BTreeMap<String, u64>,
    request: &Request,
    out: &OutDir<'_>,
    public: &dyn Fn(&str) -> bool,
) -> Result<Plan> {
    let chosen = |id: &str| request.chosen.as_ref().is_none_or(|c| c.contains(id));
    let files = graph.keys().filter(|id| chosen(id) && public(id)).count()
        * request.outputs.pages.len()
        + request.outputs.site_names().len();
    let stale = match &request.chosen {
        None => stale(
            manifest,
            &request.outputs,
            &|id| graph.contains_key(id) && public(id),
            out,
        )?,
        Some(_) => Vec::new(),
    };
    Ok(Plan::new(files, staged.iter().map(|s| &s.planned), stale))
}

/// The models pages are rendered from, by id: those validation kept, and the rest (pages
/// rendered early, models dropped) read again from their files as pages need them.
pub(crate) struct Models<'a> {
    map: HashMap<String, Inspection>,
    inputs: &'a HashMap<String, RecordInput>,
    session: &'a Session,
}

impl Models<'_> {
    /// Reads again the records `pages` hold that are not here yet.
    pub(crate) fn complete(&mut self, pages: &[(String, BTreeSet<String>)]) -> Result<()> {
        let missing: BTreeSet<&String> = pages
            .iter()
            .flat_map(|(_, held)| held)
            .filter(|id| !self.map.contains_key(*id))
            .collect();
        let again: Vec<RecordInput> = missing
            .into_iter()
            .filter_map(|id| self.inputs.get(id).cloned())
            .collect();
        for inspection in records::read_again(again, self.session)? {
            self.map.insert(inspection.id.clone(), inspection);
        }
        Ok(())
    }

    /// Every model here.
    pub(crate) fn all(&self) -> &HashMap<String, Inspection> {
        &self.map
    }
}

/// The site files, rendered and staged when an entry of theirs `changed` or their files are
/// not as written.
fn render_site(
    changed: bool,
    summaries: &[Arc<Summary>],
    site: &Site<'_>,
    request: &Request,
    stager: &Stager<'_>,
) -> Result<Vec<Staged>> {
    let mut on_disk = true;
    for name in request.outputs.site_names() {
        on_disk &= stager.out.state(&name)? == DiskState::Ours;
    }
    if !changed && on_disk {
        return Ok(Vec::new());
    }
    let staged: Vec<Vec<Staged>> = request
        .outputs
        .site
        .par_iter()
        .map(|output| {
            output
                .render(site, summaries, Folder::Out)?
                .into_iter()
                .map(|file| stager.stage(file.name, &file.bytes))
                .collect::<Result<Vec<Staged>>>()
        })
        .collect::<Result<_>>()?;
    Ok(staged.into_iter().flatten().collect())
}

/// Gathers the first stage's records: the remembered ones from the cache (which they leave),
/// the read ones with their early pages.
fn gather(
    records: Vec<Record>,
    cache: &mut Cache,
    office: Option<&crate::model::Office>,
) -> Result<Gathered> {
    let mut gathered = Gathered {
        checked: Vec::with_capacity(records.len()),
        entries: HashMap::with_capacity(records.len()),
        summaries: Vec::with_capacity(records.len()),
        ..Gathered::default()
    };
    for record in records {
        match record {
            Record::Remembered(id) => {
                let Some(entry) = cache.records.remove(&id) else {
                    anyhow::bail!("the render cache lost record `{id}`");
                };
                gathered.summaries.push(Arc::clone(&entry.summary));
                gathered.checked.push(Checked {
                    id: id.clone(),
                    file: entry.file.clone(),
                    selected: true,
                    inspection: None,
                    problems: entry.problems.clone(),
                    related: entry.related.clone(),
                });
                gathered.entries.insert(id, entry);
            }
            Record::Read {
                checked,
                hash,
                summary,
                pages,
                changed,
            } => {
                if changed {
                    gathered.fresh.insert(checked.id.clone());
                } else {
                    gathered.moved = true;
                }
                if !pages.is_empty() {
                    gathered.done.insert(checked.id.clone());
                    gathered.early.extend(pages);
                }
                let summary = summary
                    .map(Arc::from)
                    .or_else(|| Some(Arc::new(checked.inspection.as_ref()?.summary(office?))));
                if let Some(summary) = summary {
                    gathered.summaries.push(Arc::clone(&summary));
                    gathered
                        .entries
                        .insert(checked.id.clone(), records::entry(&checked, hash, summary));
                }
                gathered.checked.push(*checked);
            }
        }
    }
    Ok(gathered)
}

/// The pages of the records `wanted` for `out`, not rendered early, that need rendering, each
/// with the records it holds: those a changed record appears in, and those whose files in
/// `out` are missing or not as written.
pub(crate) fn pages_to_render(
    graph: &Graph,
    gathered: &Gathered,
    request: &Request,
    out: &OutDir<'_>,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    every: bool,
) -> Result<Vec<(String, BTreeSet<String>)>> {
    let ids: Vec<&String> = graph
        .keys()
        .filter(|id| wanted(id) && !gathered.done.contains(*id))
        .filter(|id| request.chosen.as_ref().is_none_or(|c| c.contains(*id)))
        .collect();
    Ok(ids
        .into_par_iter()
        .map(|id| {
            let held = validate::held(graph, id);
            let mut needed = every || held.iter().any(|d| gathered.fresh.contains(d));
            for name in request.outputs.page_names(id) {
                if !needed {
                    needed = out.state(&name)? != DiskState::Ours;
                }
            }
            Ok(needed.then(|| (id.clone(), held)))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// Renders and stages `pages` in every page output, finding the records they hold in `models`.
pub(crate) fn render_pages(
    pages: &[(String, BTreeSet<String>)],
    models: &HashMap<String, Inspection>,
    site: &Site<'_>,
    request: &Request,
    stager: &Stager<'_>,
) -> Result<Vec<Staged>> {
    let lookup = |id: &str| models.get(id);
    let jobs: Vec<(&String, usize)> = pages
        .iter()
        .flat_map(|(id, _)| (0..request.outputs.pages.len()).map(move |i| (id, i)))
        .collect();
    request.progress.inc_length(jobs.len() as u64);
    jobs.into_par_iter()
        .map(|(id, i)| {
            request.progress.inc(1);
            let output = request.outputs.pages[i];
            let inspection = models
                .get(id)
                .ok_or_else(|| anyhow::anyhow!("record `{id}` could not be read again"))?;
            let bytes = output.render(site, inspection, &lookup)?;
            stager.stage(format!("{id}.{}", output.extension()), &bytes)
        })
        .collect()
}

/// Our files in `out/` that these outputs could have produced but no record `kept` produces any
/// more (a record removed, or a draft again), with what `out/` holds under each name.
fn stale(
    manifest: &BTreeMap<String, u64>,
    outputs: &Outputs,
    kept: &dyn Fn(&str) -> bool,
    out: &OutDir<'_>,
) -> Result<Vec<(String, DiskState)>> {
    let site_names = outputs.site_names();
    let mut stale = Vec::new();
    for name in manifest.keys() {
        if site_names.contains(name) {
            continue;
        }
        match outputs.page_id(name) {
            Some(id) if !kept(id) => stale.push((name.clone(), out.state(name)?)),
            _ => {}
        }
    }
    Ok(stale)
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
