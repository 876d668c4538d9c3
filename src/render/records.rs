//! The first stage of a render: every record, remembered from the cache when its file is
//! unchanged, or else read and validated; and the pages of a record that holds no other
//! rendered as soon as it is read, so that a large project never holds every record's text at
//! once. Those pages are compared with `out/` there and then and, when they change it, written
//! to temporary files that the render puts in place only once everything is valid.

use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::deadline::Publication;
use crate::load::{self, Input, RecordInput};
use crate::model::Summary;
use crate::outputs::{Folder, Site};
use crate::render::Request;
use crate::render::cache::{Cache, Entry, text_hash};
use crate::render::stage::{Staged, Stager};
use crate::validate::{Checked, Session};

/// A record, read again or remembered.
pub(crate) enum Record {
    /// Read from its file and validated.
    Read {
        checked: Box<Checked>,
        /// The hash of its text ([`text_hash`]).
        hash: u64,
        /// Its summary, when its model was dropped after its pages were rendered.
        summary: Option<Box<Summary>>,
        /// Its pages, when they were rendered as soon as it was read.
        pages: Vec<Staged>,
        /// Whether its text changed since the cache's entry: a record read again only because
        /// it is shown by another path (the render run from another folder) changed no page.
        changed: bool,
    },
    /// Unchanged since the last render: the cache's entry for it holds.
    Remembered(String),
}

/// What renders, as each record is read, the pages of those that hold no other. A render
/// goes without when pages cannot be staged yet (`out/` cannot be written, or the office is
/// invalid): they are then rendered once everything is valid.
pub(crate) struct Early<'a> {
    site: Site<'a>,
    request: &'a Request,
    stager: &'a Stager<'a>,
}

/// Every record of `inputs`, in order, in parallel.
pub(crate) fn read(
    inputs: Vec<RecordInput>,
    session: &Session,
    cache: &Cache,
    early: Option<&Early<'_>>,
    (today, progress): (chrono::NaiveDate, &indicatif::ProgressBar),
) -> Result<Vec<Record>> {
    inputs
        .into_par_iter()
        .map(|input| {
            progress.inc(1);
            // Only a record in a file can be read again, should a page that holds it need it.
            let from_file = matches!(input.input, Input::Path(_));
            // Read once: the bytes are compared with the cache and, if they changed, parsed.
            let (file, hash, same_text) = match load::read_bytes(&input.file, input.input)? {
                Ok(bytes) => {
                    // On its contents, not its size and time: a record copied back from a
                    // backup keeps its old time.
                    let hash = text_hash(&bytes);
                    let same_text = cache.records.get(&input.id).is_some_and(|entry| {
                        entry.hash == hash
                            && session.office().is_some()
                            && match entry.summary.response {
                                // A response dated after today becomes an error: read it again.
                                Publication::On(day) => day <= today,
                                _ => true,
                            }
                    });
                    let same_path = cache
                        .records
                        .get(&input.id)
                        .is_some_and(|entry| entry.file == input.file);
                    if same_text && same_path {
                        return Ok(Record::Remembered(input.id));
                    }
                    // Shown by another path, its problems are found again under that path.
                    (
                        load::parse_bytes(input.file.clone(), bytes),
                        hash,
                        same_text,
                    )
                }
                Err(refused) => (refused, text_hash(b""), false),
            };
            let mut checked = session.record(input.id, file, true);
            let (summary, pages) = match (early, session.office()) {
                (Some(early), _) if from_file && !same_text => early.pages(&mut checked)?,
                // Its pages stand: only its summary is kept, and its model is read again
                // should a page that holds it need rendering.
                (_, Some(office)) if from_file && same_text => (
                    checked
                        .inspection
                        .take()
                        .map(|i| Box::new(i.summary(office))),
                    Vec::new(),
                ),
                _ => (None, Vec::new()),
            };
            Ok(Record::Read {
                checked: Box::new(checked),
                hash,
                summary,
                pages,
                changed: !same_text,
            })
        })
        .collect()
}

impl<'a> Early<'a> {
    /// Renders into `stager` for `request`.
    pub(crate) fn new(site: Site<'a>, request: &'a Request, stager: &'a Stager<'a>) -> Self {
        Self {
            site,
            request,
            stager,
        }
    }

    /// The pages of a chosen record that holds no other, rendered and staged; takes the
    /// record's model and returns its summary with the pages. Leaves any other record alone.
    fn pages(&self, checked: &mut Checked) -> Result<(Option<Box<Summary>>, Vec<Staged>)> {
        let chosen = self
            .request
            .chosen
            .as_ref()
            .is_none_or(|c| c.contains(&checked.id));
        // A draft's pages go to `drafts/`, once `out/` is written: its model is kept for them.
        let draft = checked
            .inspection
            .as_ref()
            .is_none_or(|i| Folder::of(i.response_published) == Folder::Drafts);
        if !chosen || draft || !checked.related.refs.is_empty() {
            return Ok((None, Vec::new()));
        }
        let Some(inspection) = checked.inspection.take() else {
            return Ok((None, Vec::new()));
        };
        let lookup = |_: &str| None;
        let mut pages = Vec::with_capacity(self.request.outputs.pages.len());
        for output in &self.request.outputs.pages {
            let name = format!("{}.{}", inspection.id, output.extension());
            let bytes = output.render(&self.site, &inspection, &lookup)?;
            pages.push(self.stager.stage(name, &bytes)?);
        }
        Ok((Some(Box::new(inspection.summary(self.site.office))), pages))
    }
}

/// The cache entry of a record just read, when it is valid.
pub(crate) fn entry(checked: &Checked, hash: u64, summary: Arc<Summary>) -> Entry {
    Entry {
        file: checked.file.clone(),
        hash,
        problems: checked.problems.clone(),
        related: checked.related.clone(),
        summary,
    }
}

/// Reads again the records of `inputs`: valid ones, held by a page to render, whose models
/// were dropped once their own pages were rendered early. This is the one case where a render
/// validates a record twice; holding every such model instead would keep every record's text
/// in memory, since which records are held is known only once all are read.
pub(crate) fn read_again(
    inputs: Vec<RecordInput>,
    session: &Session,
) -> Result<Vec<crate::model::Inspection>> {
    Ok(inputs
        .into_par_iter()
        .map(|input| {
            let file = load::read(&input.file, input.input)?;
            Ok(session.record(input.id, file, true).inspection)
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}
