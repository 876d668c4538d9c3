//! What the preview shows at one moment: the project read, validated and rendered in memory,
//! as `render` would write it (the HTML pages and the site files of the HTML format, `out/`'s
//! at the top and the drafts' under `drafts/`), or, when that cannot be done, the problems as
//! `validate` prints them. Nothing is written anywhere.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::load::{self, Project};
use crate::model::{Inspection, Summary};
use crate::outputs::{self, Folder, Format, Site};
use crate::pipeline;
use crate::problem::{self, Problem};
use crate::templates::Templates;

/// The preview at one moment.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// The files, by their path in the preview: `index.html`, `<id>.html`, `feed.xml`,
    /// `drafts/index.html`, `drafts/<id>.html`.
    pub(crate) files: HashMap<String, Vec<u8>>,
    /// When the site cannot be rendered: why.
    pub(crate) problems: Option<Stopped>,
}

/// Why the pages cannot be shown.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Stopped {
    /// The page's heading.
    pub(crate) title: &'static str,
    /// What stops them and what to do, in a sentence.
    pub(crate) why: String,
    /// The problems as `validate` prints them, or respond's error as it prints it.
    pub(crate) text: String,
}

/// A snapshot and what to tell the terminal about it.
pub(crate) struct Built {
    /// What the preview shows.
    pub(crate) snapshot: Snapshot,
    /// Every problem found (warnings only, when the site was rendered).
    pub(crate) problems: Vec<Problem>,
    /// How many records were read.
    pub(crate) records: usize,
}

/// Reads, validates and renders `project` as of `today`, with the templates in
/// `templates_dir` (the defaults where it has none).
pub(crate) fn build(project: &Project, templates_dir: &Path, today: NaiveDate) -> Built {
    match try_build(project, templates_dir, today) {
        Ok(built) => built,
        // A broken template, an unreadable folder: shown as respond would print it.
        Err(error) => Built {
            snapshot: Snapshot {
                files: HashMap::new(),
                problems: Some(Stopped {
                    title: "An error stops the preview",
                    why: "The pages cannot be shown until this error is fixed. Fix it and save: \
this page changes by itself."
                        .to_owned(),
                    text: format!("error: {error:#}\n"),
                }),
            },
            problems: Vec::new(),
            records: 0,
        },
    }
}

fn try_build(project: &Project, templates_dir: &Path, today: NaiveDate) -> Result<Built> {
    let loaded = load::load(project, &[])?;
    let records = loaded.records.len();
    let validated = pipeline::validated(loaded, today)?;
    let problems = validated.problems;
    let office = match validated.office {
        Some(office) if !problems.iter().any(Problem::is_error) => office,
        _ => {
            return Ok(Built {
                snapshot: Snapshot {
                    files: HashMap::new(),
                    problems: Some(Stopped {
                        title: "Problems in the records",
                        why: why(&problems),
                        text: as_validate_prints(&problems, records),
                    }),
                },
                problems,
                records,
            });
        }
    };
    let templates = Templates::load(Some(templates_dir))?;
    let site = Site {
        templates: &templates,
        office: &office,
    };
    let files = render(&site, &validated.inspections)?;
    Ok(Built {
        snapshot: Snapshot {
            files,
            problems: None,
        },
        problems,
        records,
    })
}

/// What stops the pages, in a sentence: the errors and the files they are in.
fn why(problems: &[Problem]) -> String {
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
    let mut files: Vec<String> = errors.iter().map(|p| p.file.clone()).collect();
    files.dedup();
    let one = errors.len() == 1;
    format!(
        "The pages cannot be shown until {} in {} {} fixed. Fix {} and save: this page changes \
by itself.",
        if one {
            "the error".to_owned()
        } else {
            format!("the {} errors", errors.len())
        },
        files.join(", "),
        if one { "is" } else { "are" },
        if one { "it" } else { "them" },
    )
}

/// The problems, then the closing line, as `respond validate` prints them.
pub(crate) fn as_validate_prints(problems: &[Problem], records: usize) -> String {
    let mut text = String::new();
    for problem in problems {
        text.push_str(&format!("{problem}\n\n"));
    }
    let records = problem::count(records, "record");
    if problems.is_empty() {
        text.push_str(&format!("checked {records}: no problems\n"));
    } else {
        text.push_str(&format!(
            "checked {records}: {}\n",
            problem::summary(problems)
        ));
    }
    text
}

/// The HTML pages of `inspections` and the HTML format's site files, each in its folder.
fn render(site: &Site<'_>, inspections: &[Inspection]) -> Result<HashMap<String, Vec<u8>>> {
    let by_id: HashMap<&str, &Inspection> =
        inspections.iter().map(|i| (i.id.as_str(), i)).collect();
    let lookup = |id: &str| by_id.get(id).copied();
    let Some(page) = outputs::PAGES
        .iter()
        .find(|o| o.format() == Format::Html && o.extension() == "html")
    else {
        bail!("respond has no HTML page output");
    };
    let summaries: Vec<Arc<Summary>> = inspections
        .iter()
        .map(|i| Arc::new(i.summary(site.office)))
        .collect();
    let mut files: HashMap<String, Vec<u8>> = inspections
        .par_iter()
        .zip(&summaries)
        .map(|(inspection, summary)| {
            let name = in_folder(
                Folder::of(summary.response),
                &format!("{}.html", inspection.id),
            );
            Ok((name, page.render(site, inspection, &lookup)?))
        })
        .collect::<Result<_>>()?;
    for output in outputs::SITE.iter().filter(|o| o.format() == Format::Html) {
        for folder in [Folder::Out, Folder::Drafts] {
            if folder == Folder::Drafts && !output.drafts() {
                continue;
            }
            for file in output.render(site, &summaries, folder)? {
                files.insert(in_folder(folder, &file.name), file.bytes);
            }
        }
    }
    Ok(files)
}

/// A file's path in the preview: `out/`'s at the top, the drafts' under `drafts/`.
fn in_folder(folder: Folder, name: &str) -> String {
    match folder {
        Folder::Out => name.to_owned(),
        Folder::Drafts => format!("drafts/{name}"),
    }
}
