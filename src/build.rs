//! `respond render` from start to finish, incrementally: which records to read again, which
//! pages to render again, and what to write, remove or report in `out/`.
//!
//! A cache in `out/.respond-cache` remembers, for each record file, its size and modification
//! time and what validating it gave (its problems, its `related` ids and its index entry), and
//! for each output file its size and modification time as written. It is keyed by the
//! binary itself, the office file, the templates and the formats: change any of them and the
//! cache is set aside. A record whose file is unchanged is not read again; a page none of
//! whose records changed is not rendered again, unless its file in `out/` is missing or no
//! longer what was written. The cache is safe to delete (the next render is a cold one) and
//! is never committed; `out/.respond-manifest` (committed) says which files are ours.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::deadline::Publication;
use crate::load::{Input, Loaded, RecordInput};
use crate::model::{Inspection, Office, Summary};
use crate::out::{self, Plan, hash};
use crate::problem::{Location, Problem};
use crate::render::{self, Format, Rendered, Templates};
use crate::validate::{self, Outcome, RelatedRef};

/// The cache's file name in `out/`.
pub const CACHE: &str = ".respond-cache";

/// Bumped when the cache's shape or meaning changes.
const CACHE_FORMAT: u32 = 2;

/// A file's size and modification time, to tell cheaply whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    secs: u64,
    nanos: u32,
}

fn stamp(path: &Path) -> Option<Stamp> {
    stamp_of(&fs::metadata(path).ok()?)
}

fn stamp_of(meta: &fs::Metadata) -> Option<Stamp> {
    let time = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Stamp {
        size: meta.len(),
        secs: time.as_secs(),
        nanos: time.subsec_nanos(),
    })
}

/// What the cache remembers of a valid record.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    shown: String,
    stamp: Stamp,
    problems: Vec<Problem>,
    related: Vec<RelatedRef>,
    related_at: Option<(Location, Option<String>)>,
    summary: Summary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    format: u32,
    key: String,
    records: HashMap<String, Entry>,
    outputs: HashMap<String, Stamp>,
}

impl Cache {
    /// The cache in `out`, if it exists, is readable and was made under the same `key`.
    fn read(out: &Path, key: &str) -> Self {
        fs::read(out.join(CACHE))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Cache>(&bytes).ok())
            .filter(|c| c.format == CACHE_FORMAT && c.key == key)
            .unwrap_or_default()
    }
}

impl Cache {
    /// Writes the cache for the next render: `records`, and a stamp for each file in the
    /// manifest, kept from `outputs` unless the file was `changed` (written, or found to be
    /// ours by reading it), and taken again otherwise.
    fn write(
        out: &Path,
        key: String,
        records: HashMap<String, Entry>,
        mut outputs: HashMap<String, Stamp>,
        manifest: &BTreeMap<String, u64>,
        changed: &std::collections::HashSet<&String>,
    ) {
        outputs.retain(|name, _| manifest.contains_key(name) && !changed.contains(name));
        for name in manifest.keys() {
            if !outputs.contains_key(name)
                && let Some(file_stamp) = stamp(&out.join(name))
            {
                outputs.insert(name.clone(), file_stamp);
            }
        }
        let next = Cache {
            format: CACHE_FORMAT,
            key,
            records,
            outputs,
        };
        if let Ok(bytes) = postcard::to_stdvec(&next) {
            // The cache only saves time: failing to write it is not an error.
            let _ = out::write_atomically(out, CACHE, &bytes);
        }
    }
}

/// The identity of everything a page depends on besides its records: this binary (so that a
/// new build never trusts an old cache), the office file, the templates and the formats.
fn cache_key(office_text: &str, templates: &Templates, formats: &[Format]) -> String {
    // The binary's size and modification time change with every build: cheaper than hashing it.
    let binary = std::env::current_exe()
        .ok()
        .and_then(|path| stamp(&path))
        .map_or(0, |s| {
            hash(format!("{}-{}-{}", s.size, s.secs, s.nanos).as_bytes())
        });
    let formats: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    format!(
        "{}-{binary:016x}-{:016x}-{:016x}-{}",
        env!("CARGO_PKG_VERSION"),
        hash(office_text.as_bytes()),
        templates.fingerprint(),
        formats.join("+")
    )
}

/// What `render` was asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The formats to write.
    pub formats: &'a [Format],
    /// The ids of the records whose pages to render; `None` for all (and stale files go).
    pub chosen: Option<Vec<String>>,
    /// Write nothing; report what would change.
    pub check: bool,
    /// Overwrite files in `out/` that are not ours.
    pub force: bool,
    /// Today, for validation.
    pub today: NaiveDate,
}

/// How a render ended.
#[derive(Debug)]
pub enum Ended {
    /// Some record is invalid: nothing was written.
    Invalid,
    /// `--check`: what would change (nothing, if the plan is clean).
    Checked(Plan, usize),
    /// Files were written.
    Written {
        /// The plan that was carried out.
        plan: Plan,
        /// How many files the render produces.
        files: usize,
    },
}

/// The problems found (warnings, or the errors that stopped it) and how it ended.
#[derive(Debug)]
pub struct Report {
    /// Every problem in the office file and the records.
    pub problems: Vec<Problem>,
    /// How it ended.
    pub outcome: Ended,
}

/// A record, read again or remembered.
enum Known {
    Read {
        outcome: Box<Outcome>,
        stamp: Stamp,
        /// Its index entry, when its model was dropped after its pages were rendered.
        summary: Option<Summary>,
        early: Vec<Early>,
    },
    /// Its id: the cache's entry for it holds.
    Remembered(String),
}

/// A page rendered as soon as its record was read: a record that holds no other, so that its
/// pages depend on it alone. It is compared with `out/` there and then and, if it changes
/// anything, written to a temporary file that is put in place only once every record is
/// known to be valid and nothing is in the way. So a render holds the models of only the
/// records that hold others, rather than every record's text.
struct Early {
    name: String,
    hash: u64,
    change: Change,
    /// The file in `out/` is not ours and differs.
    conflict: bool,
    temp: Option<tempfile::TempPath>,
}

/// Renders the pages of a record as soon as it is read, when they depend on it alone.
struct EarlyRender<'a, 'r> {
    templates: &'a Templates,
    office: &'a Office,
    request: &'a Request<'r>,
    out: &'a OutDir<'a>,
}

impl EarlyRender<'_, '_> {
    /// Renders the pages of a chosen record that holds no other, compares them with `out/` and
    /// writes those that change it to temporary files (unless checking). Takes the record's
    /// model, and returns its index entry with the pages; leaves any other record alone and
    /// returns nothing.
    fn pages(&self, outcome: &mut Outcome) -> Result<(Option<Summary>, Vec<Early>)> {
        let request = self.request;
        let chosen = request
            .chosen
            .as_ref()
            .is_none_or(|c| c.contains(&outcome.id));
        if !chosen || !outcome.related.is_empty() {
            return Ok((None, Vec::new()));
        }
        let Some(inspection) = outcome.inspection.take() else {
            return Ok((None, Vec::new()));
        };
        let mut early = Vec::with_capacity(request.formats.len());
        for format in request.formats {
            let page =
                render::page_with(self.templates, *format, &inspection, &|_| None, self.office)?;
            let content_hash = hash(page.contents.as_bytes());
            let state = self.out.state(&page.name)?;
            let change = self.out.change(&page, content_hash, state);
            let temp = if request.check || change == Change::Same {
                None
            } else {
                Some(out::write_temporary(
                    self.out.dir,
                    &page.name,
                    page.contents.as_bytes(),
                )?)
            };
            early.push(Early {
                conflict: state == DiskState::Foreign && change != Change::Same,
                name: page.name,
                hash: content_hash,
                change,
                temp,
            });
        }
        Ok((Some(inspection.summary(self.office)), early))
    }
}

/// Renders the project into `out_dir`.
#[allow(clippy::too_many_lines)]
pub fn render(
    loaded: Loaded,
    templates: &Templates,
    out_dir: &Path,
    request: &Request<'_>,
) -> Result<Report> {
    if let Ok(meta) = fs::symlink_metadata(out_dir) {
        if meta.file_type().is_symlink() {
            bail!(
                "`{}` is a symbolic link; respond writes only into a real folder (give the folder itself with `--out`)",
                out_dir.display()
            );
        }
        if !meta.is_dir() {
            bail!("`{}` is a file, not a folder", out_dir.display());
        }
    }
    let office_text = loaded
        .office
        .as_ref()
        .map_or("", |f| f.source.text.as_str())
        .to_owned();
    let (office, mut problems) = validate::office(loaded.office.as_ref());
    problems.extend(loaded.problems);
    let key = cache_key(&office_text, templates, request.formats);
    let paths: HashMap<String, PathBuf> = loaded
        .records
        .iter()
        .filter_map(|r| match &r.input {
            Input::Path(path) => Some((r.id.clone(), path.clone())),
            Input::Bytes(_) | Input::Outside(_) => None,
        })
        .collect();
    let mut cache = Cache::read(out_dir, &key);
    let cached_records = cache.records.len();
    let today = request.today;

    // What out/ holds, listed once: a file not among its names needs no look.
    let manifest = out::read_manifest(out_dir)?;
    let outputs = std::mem::take(&mut cache.outputs);
    let out_state = OutDir::look(out_dir, &manifest, &outputs);
    // Pages are rendered early only into a folder that can be written (or, with --check,
    // not at all); otherwise the error comes where it always has, once everything is valid.
    let existed = out_dir.exists();
    let prepared = !request.check && out::prepare(out_dir).is_ok();
    let early_office = office.as_ref().filter(|_| request.check || prepared);
    let created = !existed && out_dir.exists();
    let early_render = early_office.map(|office| EarlyRender {
        templates,
        office,
        request,
        out: &out_state,
    });

    // Read again only the records whose files changed (or that the cache cannot vouch for).
    let known: Vec<Known> = loaded
        .records
        .into_par_iter()
        .map(|record| {
            let file_stamp = match &record.input {
                Input::Path(path) => stamp(path),
                Input::Bytes(_) | Input::Outside(_) => None,
            };
            let remembered = cache.records.get(&record.id).is_some_and(|entry| {
                Some(entry.stamp) == file_stamp
                    && entry.shown == record.shown
                    && office.is_some()
                    && match entry.summary.response {
                        Publication::On(day) => day <= today,
                        _ => true,
                    }
            });
            if remembered {
                return Ok(Known::Remembered(record.id));
            }
            // Only a record in a file can be read again, should a page that holds it need it.
            let from_file = matches!(record.input, Input::Path(_));
            let mut outcome = validate::record(record, office.as_ref(), today)?;
            let (summary, early) = match &early_render {
                Some(early_render) if from_file => early_render.pages(&mut outcome)?,
                _ => (None, Vec::new()),
            };
            Ok(Known::Read {
                outcome: Box::new(outcome),
                stamp: file_stamp.unwrap_or(Stamp {
                    size: 0,
                    secs: 0,
                    nanos: 0,
                }),
                summary,
                early,
            })
        })
        .collect::<Result<_>>()?;

    let mut summaries: Vec<Summary> = Vec::with_capacity(known.len());
    let mut fresh: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut entries: HashMap<String, Entry> = HashMap::with_capacity(known.len());
    let mut outcomes = Vec::with_capacity(known.len());
    let mut early: Vec<Early> = Vec::new();
    let mut done: std::collections::HashSet<String> = std::collections::HashSet::new();
    for item in known {
        match item {
            Known::Remembered(id) => {
                let Some(entry) = cache.records.remove(&id) else {
                    bail!("the render cache lost record `{id}`");
                };
                summaries.push(entry.summary.clone());
                outcomes.push(Outcome {
                    id: id.clone(),
                    shown: entry.shown.clone(),
                    selected: true,
                    inspection: None,
                    problems: entry.problems.clone(),
                    related: entry.related.clone(),
                    related_at: entry.related_at.clone(),
                });
                entries.insert(id, entry);
            }
            Known::Read {
                outcome,
                stamp: file_stamp,
                summary,
                early: pages,
            } => {
                fresh.insert(outcome.id.clone());
                if !pages.is_empty() {
                    done.insert(outcome.id.clone());
                    early.extend(pages);
                }
                let summary = match (summary, &outcome.inspection, &office) {
                    (Some(summary), _, _) => Some(summary),
                    (None, Some(inspection), Some(office)) => Some(inspection.summary(office)),
                    _ => None,
                };
                if let Some(summary) = summary {
                    summaries.push(summary.clone());
                    entries.insert(
                        outcome.id.clone(),
                        Entry {
                            shown: outcome.shown.clone(),
                            stamp: file_stamp,
                            problems: outcome.problems.clone(),
                            related: outcome.related.clone(),
                            related_at: outcome.related_at.clone(),
                            summary,
                        },
                    );
                }
                outcomes.push(*outcome);
            }
        }
    }
    let graph: BTreeMap<String, Vec<String>> = outcomes
        .iter()
        .map(|o| {
            (
                o.id.clone(),
                o.related.iter().map(|r| r.id.clone()).collect(),
            )
        })
        .collect();
    let validated = validate::finish(office, problems, outcomes);
    problems = validated.problems.clone();
    let Some(office) = validated
        .office
        .as_ref()
        .filter(|_| !validated.has_errors())
    else {
        // Nothing is written: the pages rendered early go, and so does out/ if this made it.
        drop(early);
        if created {
            let _ = fs::remove_dir(out_dir);
        }
        return Ok(Report {
            problems,
            outcome: Ended::Invalid,
        });
    };
    let mut inspections: HashMap<String, Inspection> = validated
        .inspections
        .into_iter()
        .map(|i| (i.id.clone(), i))
        .collect();

    // Which other pages to render: those a changed record appears in, and those whose files
    // in out/ are missing or not as written.
    let mut ids: Vec<&String> = graph.keys().filter(|id| !done.contains(*id)).collect();
    if let Some(chosen) = &request.chosen {
        ids.retain(|id| chosen.contains(id));
    }
    let pages: Vec<(String, BTreeSet<String>)> = ids
        .into_par_iter()
        .map(|id| {
            let deps = held(&graph, id);
            let mut needed = deps.iter().any(|d| fresh.contains(d));
            for format in request.formats {
                if !needed {
                    needed = out_state.state(&format!("{id}.{}", format.extension()))?
                        != DiskState::Ours;
                }
            }
            Ok(needed.then(|| (id.clone(), deps)))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    // Read again the unchanged records that a page to render holds.
    let missing: BTreeSet<String> = pages
        .iter()
        .flat_map(|(_, deps)| deps.iter())
        .filter(|d| !inspections.contains_key(*d))
        .cloned()
        .collect();
    let reread: Vec<Inspection> = missing
        .into_par_iter()
        .filter_map(|id| {
            let input = RecordInput {
                // Every valid record has an entry, and only valid records are read again.
                shown: entries.get(&id)?.shown.clone(),
                input: Input::Path(paths.get(&id)?.clone()),
                id,
                selected: true,
            };
            Some(validate::record(input, Some(office), today).map(|o| o.inspection))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    for inspection in reread {
        inspections.insert(inspection.id.clone(), inspection);
    }

    // Render: pages whose file in out/ is not ours first (a conflict stops everything before
    // anything is written), then the rest, written as they are rendered.
    let render_page = |id: &str, format: Format| -> Result<Rendered> {
        let inspection = inspections
            .get(id)
            .ok_or_else(|| anyhow::anyhow!("record `{id}` could not be read again"))?;
        render::page_with(
            templates,
            format,
            inspection,
            &|other| inspections.get(other),
            office,
        )
    };
    // The index changes only when a record's entry in it does, or the set of records does.
    let index_names: Vec<String> = request
        .formats
        .iter()
        .map(|f| format!("index.{}", f.extension()))
        .collect();
    let summaries_changed = cache.key != key
        || cached_records != entries.len()
        || fresh
            .iter()
            .any(|id| match (cache.records.get(id), entries.get(id)) {
                (Some(old), Some(new)) => old.summary != new.summary,
                _ => true,
            });
    let mut index_files = Vec::new();
    let mut index_on_disk = true;
    for name in &index_names {
        index_on_disk &= out_state.state(name)? == DiskState::Ours;
    }
    if summaries_changed || !index_on_disk {
        for format in request.formats {
            index_files.push(render::index(templates, *format, &summaries, office)?);
        }
    }
    let jobs: Vec<(String, Format)> = pages
        .iter()
        .flat_map(|(id, _)| request.formats.iter().map(move |f| (id.clone(), *f)))
        .collect();

    let mut plan = Plan::default();
    // The files this render produces: each chosen record's pages, and the index.
    let expected = graph
        .keys()
        .filter(|id| request.chosen.as_ref().is_none_or(|c| c.contains(id)))
        .count()
        * request.formats.len()
        + index_names.len();
    let suffixes: Vec<String> = request
        .formats
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect();
    let produced = |name: &str| {
        index_names.iter().any(|n| n == name)
            || suffixes.iter().any(|suffix| {
                name.strip_suffix(suffix.as_str()).is_some_and(|id| {
                    graph.contains_key(id)
                        && request
                            .chosen
                            .as_ref()
                            .is_none_or(|c| c.iter().any(|chosen| chosen == id))
                })
            })
    };
    plan.unchanged = expected;

    // Conflicts among pages to render and the index.
    let mut conflicts: Vec<String> = early
        .iter()
        .filter(|page| page.conflict)
        .map(|page| page.name.clone())
        .collect();
    for (id, format) in &jobs {
        let name = format!("{id}.{}", format.extension());
        if out_state.state(&name)? == DiskState::Foreign {
            let page = render_page(id, *format)?;
            if fs::read(out_dir.join(&name)).ok().as_deref() != Some(page.contents.as_bytes()) {
                conflicts.push(name);
            }
        }
    }
    for file in &index_files {
        if out_state.state(&file.name)? == DiskState::Foreign
            && fs::read(out_dir.join(&file.name)).ok().as_deref() != Some(file.contents.as_bytes())
        {
            conflicts.push(file.name.clone());
        }
    }
    // Stale files: ours, but no record produces them any more.
    if request.chosen.is_none() {
        for name in manifest.keys() {
            let ours = suffixes
                .iter()
                .any(|suffix| name.ends_with(suffix.as_str()));
            if !ours || produced(name) {
                continue;
            }
            match out_state.state(name)? {
                DiskState::Ours => plan.stale.push(name.clone()),
                DiskState::Foreign => conflicts.push(name.clone()),
                DiskState::Missing => {}
            }
        }
    }
    conflicts.sort();
    plan.conflicts = conflicts;

    if request.check {
        // Compare without writing.
        let results: Vec<(String, Change)> = jobs
            .par_iter()
            .map(|(id, format)| {
                let page = render_page(id, *format)?;
                let content_hash = hash(page.contents.as_bytes());
                Ok((page.name.clone(), out_state.compare(&page, content_hash)?))
            })
            .collect::<Result<_>>()?;
        for file in &index_files {
            let result = out_state.compare(file, hash(file.contents.as_bytes()))?;
            tally(&mut plan, file.name.clone(), result);
        }
        for (name, result) in results {
            tally(&mut plan, name, result);
        }
        for page in early {
            tally(&mut plan, page.name, page.change);
        }
        plan.added.sort();
        plan.changed.sort();
        plan.stale.sort();
        let files = expected;
        return Ok(Report {
            problems,
            outcome: Ended::Checked(plan, files),
        });
    }

    if !plan.conflicts.is_empty() && !request.force {
        return Err(in_the_way(out_dir, &plan.conflicts));
    }
    if !prepared {
        // Reports why out/ cannot be written.
        out::prepare(out_dir)?;
    }
    let written: Vec<(String, u64, Change)> = jobs
        .par_iter()
        .map(|(id, format)| {
            let page = render_page(id, *format)?;
            let content_hash = hash(page.contents.as_bytes());
            let result = out_state.compare(&page, content_hash)?;
            if result != Change::Same {
                out::write_atomically(out_dir, &page.name, page.contents.as_bytes())?;
            }
            Ok((page.name, content_hash, result))
        })
        .collect::<Result<_>>()?;
    // The pages rendered early, put in place.
    let early: Vec<(String, u64, Change)> = early
        .into_par_iter()
        .map(|page| {
            if let Some(temp) = page.temp {
                out::persist(temp, out_dir, &page.name)?;
            }
            Ok((page.name, page.hash, page.change))
        })
        .collect::<Result<_>>()?;
    let mut updates: Vec<(String, u64)> = Vec::with_capacity(index_files.len() + jobs.len());
    for file in &index_files {
        let content_hash = hash(file.contents.as_bytes());
        let result = out_state.compare(file, content_hash)?;
        if result != Change::Same {
            out::write_atomically(out_dir, &file.name, file.contents.as_bytes())?;
        }
        updates.push((file.name.clone(), content_hash));
        tally(&mut plan, file.name.clone(), result);
    }
    for (name, content_hash, result) in written.into_iter().chain(early) {
        updates.push((name.clone(), content_hash));
        tally(&mut plan, name, result);
    }
    for name in &plan.stale {
        let path = out_dir.join(name);
        fs::remove_file(&path)
            .map_err(|e| anyhow::anyhow!("failed to remove `{}`: {e}", path.display()))?;
    }
    let restamp = out_state.restamped();
    let mut manifest = manifest;
    manifest.extend(updates);
    for name in &plan.stale {
        manifest.remove(name);
    }
    out::write_manifest(out_dir, &manifest)?;

    // Remember what was read and written, for the next render; stat again only the files
    // written or checked by reading. Not after rendering only some records' pages: a record
    // read now may appear in a page not rendered now, and remembering it would hide that
    // page's change from the next render. The cache from before stays, and still holds.
    let dirty = request.chosen.is_none()
        && (cache.key != key
            || !fresh.is_empty()
            || !restamp.is_empty()
            || !plan.added.is_empty()
            || !plan.changed.is_empty()
            || !plan.stale.is_empty()
            || cached_records != entries.len());
    if dirty {
        let changed: std::collections::HashSet<&String> = plan
            .added
            .iter()
            .chain(&plan.changed)
            .chain(&restamp)
            .collect();
        Cache::write(out_dir, key, entries, outputs, &manifest, &changed);
    }
    plan.added.sort();
    plan.changed.sort();
    plan.stale.sort();
    Ok(Report {
        problems,
        outcome: Ended::Written {
            plan,
            files: expected,
        },
    })
}

/// The error for files in `out_dir` that are in the way of a render.
fn in_the_way(out_dir: &Path, conflicts: &[String]) -> anyhow::Error {
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

/// The records the page of `id` holds: itself, and every record it nests through `related`,
/// at any depth (`graph` maps each record to the ids its `related` names).
fn held(graph: &BTreeMap<String, Vec<String>>, id: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([id.to_owned()]);
    if graph.get(id).is_none_or(Vec::is_empty) {
        return seen;
    }
    let mut queue = vec![id.to_owned()];
    while let Some(next) = queue.pop() {
        for related in graph.get(&next).into_iter().flatten() {
            if seen.insert(related.clone()) {
                queue.push(related.clone());
            }
        }
    }
    seen
}

/// What `out/` holds under a file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DiskState {
    /// Nothing.
    Missing,
    /// The file as respond wrote it (per the manifest).
    Ours,
    /// Something else: not in the manifest, or changed since.
    Foreign,
}

/// How a rendered file compares with `out/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Added,
    Changed,
    Same,
}

/// `out/` as one render sees it, looked at once: the manifest, the names in the folder, and the
/// stamps the cache remembers of the files as they were written.
struct OutDir<'a> {
    dir: &'a Path,
    manifest: HashMap<&'a str, u64>,
    listed: HashMap<String, fs::DirEntry>,
    written: &'a HashMap<String, Stamp>,
    /// Files whose stamps no longer match the cache but whose contents were found to be ours,
    /// so that their stamps are remembered again.
    restamp: Mutex<Vec<String>>,
}

impl<'a> OutDir<'a> {
    /// Lists `dir` (a folder that does not exist lists nothing).
    fn look(
        dir: &'a Path,
        manifest: &'a BTreeMap<String, u64>,
        written: &'a HashMap<String, Stamp>,
    ) -> Self {
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
            written,
            restamp: Mutex::new(Vec::new()),
        }
    }

    /// What the folder holds under `name`: by its stamp when the cache vouches for it, else by
    /// reading it and comparing with the manifest's hash.
    fn state(&self, name: &str) -> Result<DiskState> {
        let Some(entry) = self.listed.get(name) else {
            return Ok(DiskState::Missing);
        };
        // From the folder's listing: no walk along the path (a link is not followed, so a link
        // put in place of a page never matches, and is read below).
        let Some(now) = entry.metadata().ok().as_ref().and_then(stamp_of) else {
            return Ok(DiskState::Missing);
        };
        let Some(recorded) = self.manifest.get(name) else {
            return Ok(DiskState::Foreign);
        };
        if self.written.get(name) == Some(&now) {
            return Ok(DiskState::Ours);
        }
        let path = entry.path();
        let bytes = fs::read(&path)
            .map_err(|e| anyhow::anyhow!("failed to read `{}`: {e}", path.display()))?;
        if hash(&bytes) != *recorded {
            return Ok(DiskState::Foreign);
        }
        self.restamp
            .lock()
            .map_err(|_| anyhow::anyhow!("a render thread failed"))?
            .push(name.to_owned());
        Ok(DiskState::Ours)
    }

    /// How `file`, whose contents hash to `content_hash`, compares with what the folder holds
    /// under its name (`state`, from [`OutDir::state`]).
    fn change(&self, file: &Rendered, content_hash: u64, state: DiskState) -> Change {
        match state {
            DiskState::Missing => Change::Added,
            DiskState::Ours if self.manifest.get(file.name.as_str()) == Some(&content_hash) => {
                Change::Same
            }
            DiskState::Ours => Change::Changed,
            DiskState::Foreign => {
                if fs::read(self.dir.join(&file.name)).ok().as_deref()
                    == Some(file.contents.as_bytes())
                {
                    Change::Same
                } else {
                    Change::Changed
                }
            }
        }
    }

    /// [`OutDir::change`], looking at the folder first.
    fn compare(&self, file: &Rendered, content_hash: u64) -> Result<Change> {
        Ok(self.change(file, content_hash, self.state(&file.name)?))
    }

    /// The files found to be ours by reading them.
    fn restamped(self) -> Vec<String> {
        self.restamp.into_inner().unwrap_or_default()
    }
}

fn tally(plan: &mut Plan, name: String, change: Change) {
    match change {
        Change::Added => {
            plan.unchanged -= 1;
            plan.added.push(name);
        }
        Change::Changed => {
            plan.unchanged -= 1;
            plan.changed.push(name);
        }
        Change::Same => {}
    }
}
