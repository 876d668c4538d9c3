//! Planning one folder, `out/` or `drafts/`: the pages of the records that belong there and
//! its site files rendered to bytes, each compared with what the folder holds, and the plan of
//! what would change. Nothing is written here; `out/`'s files whose records are unchanged
//! since the cache's entry, and which are as written, are not rendered at all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::model::{Inspection, Summary};
use crate::outputs::{Folder, Outputs, Site};
use crate::render::cache::{self, Cache};
use crate::render::out_dir::{self, Manifest, OutDir};
use crate::render::plan::{DiskState, Plan, Request};
use crate::render::stage::{Staged, Stager};
use crate::validate::{self, Validated};

/// What a render works from: the validated project and what every folder needs of it.
pub(crate) struct Work<'a> {
    pub(crate) site: Site<'a>,
    pub(crate) validated: &'a Validated,
    pub(crate) request: &'a Request,
    /// The models, by id.
    models: HashMap<&'a str, &'a Inspection>,
    /// What the site outputs need of each record.
    summaries: Vec<Arc<Summary>>,
    /// The ids of the records whose responses are not published: their pages go to `drafts/`.
    drafts: HashSet<&'a str>,
}

impl<'a> Work<'a> {
    /// The work of rendering `validated` (every record valid) for `request`.
    pub(crate) fn new(validated: &'a Validated, site: Site<'a>, request: &'a Request) -> Self {
        let summaries: Vec<Arc<Summary>> = validated
            .inspections
            .par_iter()
            .map(|i| Arc::new(i.summary(site.office)))
            .collect();
        let drafts = validated
            .inspections
            .iter()
            .filter(|i| Folder::of(i.response_published) == Folder::Drafts)
            .map(|i| i.id.as_str())
            .collect();
        Self {
            models: validated
                .inspections
                .iter()
                .map(|i| (i.id.as_str(), i))
                .collect(),
            site,
            validated,
            request,
            summaries,
            drafts,
        }
    }

    /// Whether the pages of `id` belong in `folder`.
    fn belongs(&self, id: &str, folder: Folder) -> bool {
        self.drafts.contains(id) == (folder == Folder::Drafts)
    }

    /// Whether the pages of `id` are to be rendered now.
    fn chosen(&self, id: &str) -> bool {
        self.request.chosen.as_ref().is_none_or(|c| c.contains(id))
    }
}

/// A folder's plan: the manifest as read, the files rendered (compared with the folder, with
/// their bytes when they change it) and what would change.
pub(crate) struct Planned {
    pub(crate) manifest: Manifest,
    pub(crate) staged: Vec<Staged>,
    pub(crate) plan: Plan,
}

/// `out/`'s plan, and the cache to write once it is carried out.
pub(crate) struct OutPlan {
    pub(crate) folder: Planned,
    /// The cache as read, and as the next render should find it.
    pub(crate) cache: (Cache, Cache),
}

/// Plans `out/` at `dir`, with the cache of the render `key`.
pub(crate) fn plan_out(dir: &Path, work: &Work<'_>, key: &str) -> Result<OutPlan> {
    let manifest = out_dir::read_manifest(dir)?;
    let cache = Cache::read(dir, key, manifest.text_hash)?;
    let (folder, pages) = plan(dir, work, manifest, Folder::Out, Some(&cache))?;
    let mut next = Cache::next(key.to_owned());
    if work.request.chosen.is_some() {
        next.pages.clone_from(&cache.pages);
    }
    for name in &folder.plan.stale {
        next.pages.remove(name);
    }
    next.pages.extend(pages);
    Ok(OutPlan {
        folder,
        cache: (cache, next),
    })
}

/// Plans `folder` at `dir`, whose manifest is `manifest`: a file is rendered unless `cache`
/// says its records are unchanged and it is as written. Returns the plan and every file's
/// fingerprint.
pub(crate) fn plan(
    dir: &Path,
    work: &Work<'_>,
    manifest: Manifest,
    folder: Folder,
    cache: Option<&Cache>,
) -> Result<(Planned, BTreeMap<String, u64>)> {
    let outputs = match folder {
        Folder::Out => work.request.outputs.clone(),
        Folder::Drafts => work.request.outputs.for_drafts(),
    };
    let out = OutDir::look(dir, &manifest.entries);
    let stager = Stager { out: &out };
    let graph = &work.validated.graph;
    let ids: Vec<&String> = graph
        .keys()
        .filter(|id| work.belongs(id, folder) && work.chosen(id))
        .collect();
    let jobs: Vec<(&String, usize)> = ids
        .iter()
        .flat_map(|id| (0..outputs.pages.len()).map(move |i| (*id, i)))
        .collect();
    let lookup = |id: &str| work.models.get(id).copied();
    let pages: Vec<(String, u64, Option<Staged>)> = jobs
        .into_par_iter()
        .map(|(id, i)| {
            let output = outputs.pages[i];
            let name = format!("{id}.{}", output.extension());
            let held = validate::held(graph, id);
            let fingerprint = cache::fingerprint(&held, &work.validated.text_hashes);
            let unchanged = cache.is_some_and(|c| c.pages.get(&name) == Some(&fingerprint));
            if unchanged && out.state(&name)? == DiskState::Ours {
                return Ok((name, fingerprint, None));
            }
            let Some(inspection) = lookup(id) else {
                anyhow::bail!("record `{id}` has no model");
            };
            let bytes = output.render(&work.site, inspection, &lookup)?;
            let staged = stager.stage(name.clone(), bytes)?;
            Ok((name, fingerprint, Some(staged)))
        })
        .collect::<Result<_>>()?;
    let mut fingerprints = BTreeMap::new();
    let mut staged = Vec::with_capacity(pages.len() + outputs.site.len());
    for (name, fingerprint, page) in pages {
        fingerprints.insert(name, fingerprint);
        staged.extend(page);
    }
    // The site files are made from every record's summary, so their fingerprint is of those.
    let site_fingerprint = cache::summaries_fingerprint(&work.summaries);
    let site: Vec<Vec<Staged>> = outputs
        .site
        .par_iter()
        .map(|output| {
            let names = output.names();
            let mut unchanged = cache.is_some_and(|c| {
                names
                    .iter()
                    .all(|name| c.pages.get(name) == Some(&site_fingerprint))
            });
            for name in &names {
                unchanged = unchanged && out.state(name)? == DiskState::Ours;
            }
            if unchanged {
                return Ok(Vec::new());
            }
            output
                .render(&work.site, &work.summaries, folder)?
                .into_iter()
                .map(|file| stager.stage(file.name, file.bytes))
                .collect()
        })
        .collect::<Result<_>>()?;
    for name in outputs.site_names() {
        fingerprints.insert(name, site_fingerprint);
    }
    staged.extend(site.into_iter().flatten());
    let files = ids.len() * outputs.pages.len() + outputs.site_names().len();
    let stale = match &work.request.chosen {
        None => stale(
            &manifest.entries,
            &outputs,
            &|id| work.belongs(id, folder) && graph.contains_key(id),
            &out,
        )?,
        Some(_) => Vec::new(),
    };
    let mut plan = Plan::new(files, staged.iter().map(|s| &s.planned), stale);
    plan.manifest = manifest.journaled;
    drop(out);
    Ok((
        Planned {
            manifest,
            staged,
            plan,
        },
        fingerprints,
    ))
}

/// Our files in the folder that these outputs could have produced but no record `kept`
/// produces any more (a record removed, published, or a draft again), with what the folder
/// holds under each name.
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
