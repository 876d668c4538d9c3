//! The outputs: what `render` makes of the records, each a module that returns named files of
//! bytes. The render plans over those names and bytes only, so it knows nothing of any output's
//! markup.
//!
//! There are two kinds, as in mdBook's renderers and zola's list of `render_*` steps:
//!
//! - a **page output** ([`PageOutput`]) renders one record to `<id>.<extension>` (the HTML and
//!   Markdown pages, one module registered once per markup; the PDF);
//! - a **site output** ([`SiteOutput`]) renders the whole set of records to files of its own
//!   names (the index; the feed and the open data, `out/` only), from what the render cache
//!   keeps of each record ([`Summary`]).
//!
//! The feed and the open data belong to the public website, whose pages are the HTML ones:
//! the HTML format turns them on, and their links are to the HTML pages.
//!
//! **Adding an output** is a module here and one line in [`PAGES`] or [`SITE`], with the
//! [`Format`] that `--format` (and the office's default formats) turn it on by.

mod blocks;
mod document;
mod feed;
mod index;
mod page;
mod pdf;
mod recommendations;
mod responses;
mod timeliness;
mod tracker;

use std::sync::Arc;

use anyhow::Result;

use crate::deadline::Publication;
use crate::model::{Inspection, Office, Summary};
use crate::templates::Templates;
use document::Markup;

/// One output file: its name in `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The file name, e.g. `2023-08-25-race-and-policing.html`.
    pub name: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// What every output renders with: the templates and the office.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    /// The loaded templates.
    pub templates: &'a Templates,
    /// The office.
    pub office: &'a Office,
}

/// Finds a record that a page nests (`related`) by its id.
pub type Lookup<'a, 'b> = &'b (dyn Fn(&str) -> Option<&'a Inspection> + Sync);

/// The formats a user can ask for, which turn outputs on: the office's words, so the model's.
pub use crate::model::Format;

impl Format {
    /// The format of a markup's outputs.
    fn of(markup: Markup) -> Self {
        match markup {
            Markup::Markdown => Self::Md,
            Markup::Html => Self::Html,
            Markup::Pdf => Self::Pdf,
        }
    }
}

/// An output that renders one file for each record.
pub trait PageOutput: Sync {
    /// The format that turns it on.
    fn format(&self) -> Format;
    /// The extension of its files, `<id>.<extension>`.
    fn extension(&self) -> &'static str;
    /// The record's file, nesting the records `lookup` finds for its `related`.
    fn render(
        &self,
        site: &Site<'_>,
        inspection: &Inspection,
        lookup: Lookup<'_, '_>,
    ) -> Result<Vec<u8>>;
}

/// The folder a file is rendered into: `out/`, the public one, holds published responses only;
/// `drafts/`, beside it, holds the rest, for the office's eyes only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// `out/`: published responses, and the index of them.
    Out,
    /// `drafts/`: responses not yet published, and the index of them.
    Drafts,
}

impl Folder {
    /// The folder of a record whose response stands at `response`.
    pub fn of(response: Publication) -> Self {
        match response {
            Publication::NotYet => Self::Drafts,
            Publication::On(_) | Publication::Undated => Self::Out,
        }
    }
}

/// An output that renders files for the whole set of records.
pub trait SiteOutput: Sync {
    /// The format that turns it on.
    fn format(&self) -> Format;
    /// Whether it renders into `drafts/` too (the index), or, as most do, into `out/` only (the
    /// feed and the open data, which are the public website's): then `render` is asked for
    /// `out/` only.
    fn drafts(&self) -> bool {
        false
    }
    /// The names of the files it renders.
    fn names(&self) -> Vec<String>;
    /// Its files for `folder`, from what the render keeps of every record (those of other
    /// folders included: it leaves them out).
    fn render(
        &self,
        site: &Site<'_>,
        records: &[Arc<Summary>],
        folder: Folder,
    ) -> Result<Vec<File>>;
}

/// The page outputs, in the order they are rendered.
pub const PAGES: &[&dyn PageOutput] = &[
    &page::Page(Markup::Markdown),
    &page::Page(Markup::Html),
    &pdf::Pdf,
];

/// The site outputs, in the order they are rendered.
pub const SITE: &[&dyn SiteOutput] = &[
    &index::Index(Markup::Markdown),
    &index::Index(Markup::Html),
    &feed::Feed,
    &responses::Responses,
    &recommendations::Recommendations,
    &tracker::Tracker,
];

/// The outputs one render makes: those of the formats asked for.
#[derive(Clone)]
pub struct Outputs {
    /// The page outputs.
    pub pages: Vec<&'static dyn PageOutput>,
    /// The site outputs.
    pub site: Vec<&'static dyn SiteOutput>,
    formats: Vec<Format>,
}

impl Outputs {
    /// The outputs of `formats`, in the order of [`PAGES`] and [`SITE`].
    pub fn of(formats: &[Format]) -> Self {
        Self {
            pages: PAGES
                .iter()
                .copied()
                .filter(|o| formats.contains(&o.format()))
                .collect(),
            site: SITE
                .iter()
                .copied()
                .filter(|o| formats.contains(&o.format()))
                .collect(),
            formats: formats.to_vec(),
        }
    }

    /// The outputs of a draft: these but the PDF, which is the copy sent once the response is
    /// published, never of a draft, and but the site outputs of `out/` only (the feed, the
    /// open data).
    pub fn for_drafts(&self) -> Self {
        let formats: Vec<Format> = self
            .formats
            .iter()
            .copied()
            .filter(|f| *f != Format::Pdf)
            .collect();
        let mut outputs = Self::of(&formats);
        outputs.site.retain(|o| o.drafts());
        outputs
    }

    /// The formats' words, for the render cache's key: `md+html`.
    pub fn key(&self) -> String {
        let words: Vec<&str> = self.formats.iter().map(|f| f.word()).collect();
        words.join("+")
    }

    /// The names of a record's files.
    pub fn page_names(&self, id: &str) -> impl Iterator<Item = String> + '_ {
        let id = id.to_owned();
        self.pages
            .iter()
            .map(move |o| format!("{id}.{}", o.extension()))
    }

    /// The names of the site outputs' files.
    pub fn site_names(&self) -> Vec<String> {
        self.site.iter().flat_map(|o| o.names()).collect()
    }

    /// If `name` is the name of a page of these outputs, the record's id.
    pub fn page_id<'n>(&self, name: &'n str) -> Option<&'n str> {
        self.pages.iter().find_map(|o| {
            name.strip_suffix(o.extension())
                .and_then(|rest| rest.strip_suffix('.'))
        })
    }
}

/// The address of a file of `out/` (`<id>.html`, `feed.xml`): `<site_url>/<name>` when the
/// office gives its `site_url`, else `name`, relative to `out/`.
pub(crate) fn address(office: &Office, name: &str) -> String {
    match &office.site_url {
        Some(url) => format!("{url}/{name}"),
        None => name.to_owned(),
    }
}

/// Renders one record's text pages (Markdown and HTML), for benchmarks and fuzzing: `all` holds
/// the records it may nest.
pub fn pages(site: &Site<'_>, inspection: &Inspection, all: &[Inspection]) -> Result<Vec<File>> {
    let lookup = |id: &str| all.iter().find(|i| i.id == id);
    PAGES
        .iter()
        .filter(|output| output.format() != Format::Pdf)
        .map(|output| {
            Ok(File {
                name: format!("{}.{}", inspection.id, output.extension()),
                bytes: output.render(site, inspection, &lookup)?,
            })
        })
        .collect()
}

/// Renders one record's PDF, for benchmarks and tests: `all` holds the records it may nest.
pub fn pdf(site: &Site<'_>, inspection: &Inspection, all: &[Inspection]) -> Result<File> {
    let lookup = |id: &str| all.iter().find(|i| i.id == id);
    Ok(File {
        name: format!("{}.pdf", inspection.id),
        bytes: pdf::Pdf.render(site, inspection, &lookup)?,
    })
}

/// Renders every site output for `out/`, for benchmarks.
pub fn site_files(site: &Site<'_>, records: &[Summary]) -> Result<Vec<File>> {
    let records: Vec<Arc<Summary>> = records.iter().cloned().map(Arc::new).collect();
    let mut files = Vec::new();
    for output in SITE {
        files.extend(output.render(site, &records, Folder::Out)?);
    }
    Ok(files)
}
