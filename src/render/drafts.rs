//! `drafts/`: the pages of the records whose responses are not yet published, and an index of
//! them, beside `out/` and never inside it, so that nothing unpublished is ever put on the
//! website with `out/`. git ignores the folder.
//!
//! It is written as `out/` is, with the same parts (a manifest of our files, a lock, a journal,
//! files staged and renamed into place, never a file that is not ours), just before `out/` is,
//! and only by a render that writes (`--check` covers `out/` alone). It keeps no render cache:
//! every draft's page and the index of drafts are rendered every time and compared with the
//! folder, which costs little since drafts are few (the responses in hand, not the archive),
//! and keeps the folder true even after a render killed between it and `out/`. A record published since the last render loses its draft's files
//! here as it gains its public ones in `out/`.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::outputs::{Folder, Site};
use crate::render::out_dir::{self, Lock, Manifest, OutDir};
use crate::render::plan::Plan;
use crate::render::stage::{Staged, Stager};
use crate::render::{Gathered, Models, Request, in_the_way, pages_to_render, render_pages};
use crate::validate::Graph;

/// What the drafts step needs of the render that ran before it.
pub(crate) struct Done<'a> {
    pub(crate) site: Site<'a>,
    pub(crate) graph: &'a Graph,
    pub(crate) gathered: &'a Gathered,
    /// The ids of the drafts.
    pub(crate) drafts: &'a HashSet<String>,
}

/// The drafts' files, staged in their folder (locked) and planned, to be put in place once
/// `out/` is.
pub(crate) struct Staging {
    path: PathBuf,
    created: Vec<PathBuf>,
    _lock: std::fs::File,
    manifest: Manifest,
    staged: Vec<Staged>,
    plan: Plan,
}

/// Renders and stages the drafts into `path`, with `models` (completed as pages need); `None`
/// when there is nothing to do: no drafts, and no folder of them from before. A folder this
/// made is removed again if this fails.
pub(crate) fn stage(
    path: &Path,
    done: &Done<'_>,
    request: &Request,
    models: &mut Models<'_>,
) -> Result<Option<Staging>> {
    if done.drafts.is_empty() && std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    out_dir::refuse_links(path, "drafts")?;
    let created = out_dir::create(path)?;
    let request = Request {
        outputs: request.outputs.for_drafts(),
        ..request.clone()
    };
    let result = locked(path, done, &request, models);
    match result {
        Ok((lock, manifest, staged, plan)) => Ok(Some(Staging {
            path: path.to_path_buf(),
            created,
            _lock: lock,
            manifest,
            staged,
            plan,
        })),
        Err(e) => {
            out_dir::remove_created(path, &created);
            Err(e)
        }
    }
}

impl Staging {
    /// Puts the staged files in place and removes the stale ones; returns the plan carried out.
    /// A folder this render made is removed again if that fails (a full disk).
    pub(crate) fn apply(self) -> Result<Plan> {
        let Self {
            path,
            created,
            _lock,
            manifest,
            staged,
            plan,
        } = self;
        match crate::render::apply::files(&path, &plan, staged, manifest) {
            Ok(_) => Ok(plan),
            Err(e) => {
                out_dir::remove_created(&path, &created);
                Err(e)
            }
        }
    }
}

/// [`stage`], once the folder exists: under its lock, which is returned with the rest.
fn locked(
    path: &Path,
    done: &Done<'_>,
    request: &Request,
    models: &mut Models<'_>,
) -> Result<(std::fs::File, Manifest, Vec<Staged>, Plan)> {
    let Lock::Held { _file: lock } = out_dir::lock(path)? else {
        // Says why the folder cannot be written.
        out_dir::prepare(path)?;
        anyhow::bail!("failed to write in `{}`", path.display());
    };
    out_dir::remove_temporaries(path);
    out_dir::prepare(path)?;
    let manifest = out_dir::read_manifest(path)?;
    let out = OutDir::look(path, &manifest.entries);
    let stager = Stager {
        out: &out,
        write: true,
    };
    let drafts = done.drafts;
    let is_draft = move |id: &str| drafts.contains(id);
    // Every draft's page, whatever the cache of `out/` says of its record: a render killed
    // after `out/` was done but before this folder was would otherwise leave it stale for good.
    let pages = pages_to_render(done.graph, done.gathered, request, &out, &is_draft, true)?;
    models.complete(&pages)?;
    let mut staged = render_pages(&pages, models.all(), &done.site, request, &stager)?;
    for output in &request.outputs.site {
        for file in output.render(&done.site, &done.gathered.summaries, Folder::Drafts)? {
            staged.push(stager.stage(file.name, &file.bytes)?);
        }
    }
    let chosen = |id: &str| request.chosen.as_ref().is_none_or(|c| c.contains(id));
    let files = drafts.iter().filter(|id| chosen(id)).count() * request.outputs.pages.len()
        + request.outputs.site_names().len();
    let stale = match &request.chosen {
        None => stale(&manifest.entries, request, &is_draft, &out)?,
        Some(_) => Vec::new(),
    };
    let mut plan = Plan::new(files, staged.iter().map(|s| &s.planned), stale);
    plan.manifest = manifest.journaled;
    if !plan.conflicts.is_empty() && !request.force {
        return Err(in_the_way(path, &plan.conflicts));
    }
    drop(out);
    Ok((lock, manifest, staged, plan))
}
/// Our pages in `drafts/` whose records are no longer drafts (published, or gone).
fn stale(
    manifest: &std::collections::BTreeMap<String, u64>,
    request: &Request,
    is_draft: &dyn Fn(&str) -> bool,
    out: &OutDir<'_>,
) -> Result<Vec<(String, crate::render::plan::DiskState)>> {
    let site_names: BTreeSet<String> = request.outputs.site_names().into_iter().collect();
    let mut stale = Vec::new();
    for name in manifest.keys() {
        if site_names.contains(name) {
            continue;
        }
        if request
            .outputs
            .page_id(name)
            .is_some_and(|id| !is_draft(id))
        {
            stale.push((name.clone(), out.state(name)?));
        }
    }
    Ok(stale)
}
