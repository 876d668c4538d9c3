//! Rendering the standard "PFCC response" document (SPEC §6) to Markdown and HTML through tera.
//!
//! The default templates in `templates/` are compiled into the binary; a file of the same name
//! in the project's `templates/` folder (or `--templates DIR`) replaces one. Every value a
//! template sees is prepared here: dates in the UK long form, Markdown fields rendered to safe
//! HTML (for `.html`) or passed through (for `.md`), and plain text escaped for Markdown. Record
//! content is only ever data, never template text, so template syntax in it is not evaluated.
//! Nothing here depends on today's date, so the committed `out/` stays up to date.

use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;
use tera::{Context, Tera};

use crate::date;
use crate::deadline::{self, Duty, Publication};
use crate::markdown;
use crate::model::{Inspection, Office, Respondent, Summary};

/// The default templates, compiled in: (name, text).
pub const DEFAULT_TEMPLATES: [(&str, &str); 8] = [
    ("base.html", include_str!("../templates/base.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("document.html", include_str!("../templates/document.html")),
    ("response.html", include_str!("../templates/response.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("document.md", include_str!("../templates/document.md")),
    ("response.md", include_str!("../templates/response.md")),
    ("index.md", include_str!("../templates/index.md")),
];

/// The two output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// A self-contained HTML5 page.
    Html,
}

impl Format {
    /// The file extension, which is also the template suffix.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
        }
    }
}

/// The default s.55 sentence (Cumbria's template cites "Section 33"; the duty is s.55).
pub const STATUTORY_STATEMENT: &str = "Section 55 of the Police Act 1996 (as amended by section 37 of the Policing and Crime Act 2017) requires local policing bodies to respond to recommendations in inspectors’ reports within 56 days.";

/// The loaded templates.
pub struct Templates {
    tera: Tera,
    fingerprint: u64,
}

impl Templates {
    /// The defaults, replaced by name by any file in `dir` (when it exists).
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        let mut templates: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            let entries = std::fs::read_dir(dir).with_context(|| {
                format!("failed to read the templates folder `{}`", dir.display())
            })?;
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect();
            names.sort();
            for name in names {
                let path = dir.join(&name);
                if !path.is_file() {
                    continue;
                }
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("failed to read the template `{}`", path.display()))?;
                match templates.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => templates.push((name, text)),
                }
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error(e, dir))?;
        let mut all = Vec::new();
        for (name, text) in &templates {
            all.extend_from_slice(name.as_bytes());
            all.push(0);
            all.extend_from_slice(text.as_bytes());
            all.push(0);
        }
        Ok(Self {
            tera,
            fingerprint: crate::out::hash(&all),
        })
    }

    /// A hash of every template's text, for the render cache's key.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(e, None))
    }
}

/// A tera error with its whole chain (tera puts the snippet with `name:line:column` in it).
fn template_error(error: tera::Error, dir: Option<&Path>) -> anyhow::Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(&format!("\n{cause}"));
        source = cause.source();
    }
    let message = message.trim_start_matches("error: ").to_owned();
    match dir {
        Some(dir) => anyhow::anyhow!("a template in `{}` is broken: {message}", dir.display()),
        None => anyhow::anyhow!("a template failed to render: {message}"),
    }
}

/// One rendered file: its name in `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file name, e.g. `2023-08-25-race-and-policing.html`.
    pub name: String,
    /// The file's contents.
    pub contents: String,
}

#[derive(Serialize)]
struct Document {
    id: String,
    level: usize,
    section_level: usize,
    item_level: usize,
    h_doc: String,
    h_section: String,
    h_item: String,
    office: String,
    heading: String,
    statement: String,
    force: String,
    title: String,
    reference: Option<String>,
    link: Option<String>,
    published: String,
    type_label: String,
    key_findings: String,
    recommendations_intro: Option<String>,
    recommendations: Vec<RecommendationContext>,
    areas_for_improvement_intro: Option<String>,
    areas_for_improvement: Vec<AreaContext>,
    causes_of_concern: Vec<CauseContext>,
    responses: Vec<ResponseContext>,
    status: String,
    related: Vec<String>,
}

#[derive(Serialize)]
struct RecommendationContext {
    number: String,
    title: Option<String>,
    text: String,
    addressed_to: Option<String>,
    applies: bool,
    reason: Option<String>,
    target: Option<String>,
    response: Option<String>,
}

#[derive(Serialize)]
struct AreaContext {
    number: Option<String>,
    text: String,
    response: Option<String>,
}

#[derive(Serialize)]
struct CauseContext {
    text: String,
    recommendations: String,
}

#[derive(Serialize)]
struct ResponseContext {
    heading: String,
    text: String,
}

/// Prepares values for one format.
struct Prepare<'a> {
    format: Format,
    id: &'a str,
    fields: usize,
}

impl Prepare<'_> {
    /// A Markdown field, under a heading of level `level`.
    fn content(&mut self, markdown: &str, level: usize) -> String {
        self.fields += 1;
        match self.format {
            Format::Html => {
                markdown::to_html(markdown, level, &format!("fn-{}-{}", self.id, self.fields))
            }
            Format::Markdown => markdown::to_markdown(markdown, level),
        }
    }

    /// A Markdown field inside a Markdown list item (continuation lines indented).
    fn list_content(&mut self, markdown: &str, level: usize) -> String {
        let text = self.content(markdown, level);
        match self.format {
            Format::Html => text,
            Format::Markdown => text.replace('\n', "\n  ").replace("\n  \n", "\n\n"),
        }
    }

    /// Plain text: escaped by the template engine for HTML, here for Markdown.
    fn plain(&self, text: &str) -> String {
        match self.format {
            Format::Html => text.to_owned(),
            Format::Markdown => markdown::escape_markdown(text),
        }
    }
}

/// The line under the office's name: "<Area> <title> (<short>) response to inspections of
/// <force> published by <inspectorate> (HMICFRS)".
fn heading_line(inspection: &Inspection, office: &Office) -> String {
    let title = office.commissioner_on(inspection.response_date(office));
    format!(
        "{} {} ({}) response to inspections of {} published by {} (HMICFRS)",
        office.area,
        title.title,
        title.short,
        office.force,
        inspection.inspectorate()
    )
}

/// "Published 12 October 2023", "Response due by Thursday 19 October 2023", …
fn status_line(inspection: &Inspection, office: &Office) -> String {
    match (inspection.response_published, inspection.duty(office)) {
        (Publication::On(day), _) => format!("Published {}", date::long(day)),
        (Publication::Undated, _) => "Published (date not recorded)".to_owned(),
        (Publication::NotYet, Duty::Statutory) => format!(
            "Response due by {}",
            date::long_with_weekday(deadline::statutory_last_day(inspection.published))
        ),
        (Publication::NotYet, Duty::LocalTarget(days)) => format!(
            "Response due by {} (the office’s target)",
            date::long_with_weekday(deadline::last_day_of_period(inspection.published, days))
        ),
        (Publication::NotYet, Duty::None(_)) => "Response not yet published".to_owned(),
    }
}

fn statement(inspection: &Inspection, office: &Office) -> String {
    match inspection.duty(office) {
        Duty::Statutory => office
            .statutory_statement
            .clone()
            .unwrap_or_else(|| STATUTORY_STATEMENT.to_owned()),
        Duty::LocalTarget(_) | Duty::None(_) => {
            let reason = match deadline::duty(
                inspection.published,
                inspection.kind == crate::model::InspectionType::Fire,
                inspection.statutory,
                None,
            ) {
                Duty::None(reason) => reason.describe(),
                _ => "the 56-day duty does not apply",
            };
            let mut text = format!("There is no statutory deadline for this response: {reason}.");
            if let Some(note) = &inspection.statutory_note {
                text.push(' ');
                text.push_str(note.trim());
            }
            text
        }
    }
}

fn response_heading(by: Respondent, office: &Office, short: &str) -> String {
    match by {
        Respondent::Commissioner => format!("{short} Response to Report and Recommendations"),
        Respondent::ChiefOfficer => format!(
            "{} Response to Report and Recommendations",
            office.chief_officer
        ),
        Respondent::Joint => {
            format!("{short} & Constabulary Response to Report and Recommendation")
        }
    }
}

/// Renders one record's document (with its related records inside) at heading `level`.
fn document<'a>(
    templates: &Templates,
    format: Format,
    inspection: &Inspection,
    lookup: &dyn Fn(&str) -> Option<&'a Inspection>,
    office: &Office,
    level: usize,
) -> Result<String> {
    let doc = document_context(templates, format, inspection, lookup, office, level)?;
    let mut context = Context::new();
    context.insert("doc", &doc);
    let text = templates.render(&format!("document.{}", format.extension()), &context)?;
    Ok(text.trim_end().to_owned())
}

/// The values `document.html` and `document.md` see as `doc`; related records are rendered
/// (one heading level down) into `doc.related`.
fn document_context<'a>(
    templates: &Templates,
    format: Format,
    inspection: &Inspection,
    lookup: &dyn Fn(&str) -> Option<&'a Inspection>,
    office: &Office,
    level: usize,
) -> Result<Document> {
    let mut related = Vec::new();
    for id in &inspection.related {
        if let Some(other) = lookup(id) {
            related.push(document(
                templates,
                format,
                other,
                lookup,
                office,
                level + 1,
            )?);
        }
    }
    let (section, item) = ((level + 1).min(6), (level + 2).min(6));
    let mut p = Prepare {
        format,
        id: &inspection.id,
        fields: 0,
    };
    let title = office.commissioner_on(inspection.response_date(office));
    let doc = Document {
        id: inspection.id.clone(),
        level: level.min(6),
        section_level: section,
        item_level: item,
        h_doc: "#".repeat(level.min(6)),
        h_section: "#".repeat(section),
        h_item: "#".repeat(item),
        office: p.plain(title.office.as_deref().unwrap_or(&office.name)),
        heading: p.plain(&heading_line(inspection, office)),
        statement: p.plain(&statement(inspection, office)),
        force: p.plain(&office.force),
        title: p.plain(&inspection.title),
        reference: inspection.reference.as_deref().map(|r| p.plain(r)),
        link: inspection.link.clone(),
        published: date::long(inspection.published),
        type_label: p.plain(inspection.type_label()),
        key_findings: p.content(&inspection.key_findings, section),
        recommendations_intro: inspection
            .recommendations_intro
            .as_deref()
            .map(|t| p.content(t, section)),
        recommendations: inspection
            .recommendations
            .iter()
            .map(|r| RecommendationContext {
                number: p.plain(&r.number),
                title: r.title.as_deref().map(|t| p.plain(t)),
                text: p.content(&r.text, item),
                addressed_to: r.addressed_to.as_deref().map(|t| p.plain(t)),
                applies: r.applies,
                reason: r.reason.as_deref().map(|t| p.content(t, item)),
                target: r.target.map(date::long),
                response: r.response.as_deref().map(|t| p.content(t, item)),
            })
            .collect(),
        areas_for_improvement_intro: inspection
            .areas_for_improvement_intro
            .as_deref()
            .map(|t| p.content(t, section)),
        areas_for_improvement: inspection
            .areas_for_improvement
            .iter()
            .map(|a| AreaContext {
                number: a.number.as_deref().map(|n| p.plain(n)),
                text: p.list_content(&a.text, item),
                response: a.response.as_deref().map(|t| p.list_content(t, item)),
            })
            .collect(),
        causes_of_concern: inspection
            .causes_of_concern
            .iter()
            .map(|c| CauseContext {
                text: p.content(&c.text, item),
                recommendations: p.plain(&c.recommendations.join(", ")),
            })
            .collect(),
        responses: inspection
            .responses
            .iter()
            .map(|r| ResponseContext {
                heading: p.plain(
                    r.heading
                        .as_deref()
                        .map_or_else(
                            || response_heading(r.by, office, &title.short),
                            str::to_owned,
                        )
                        .as_str(),
                ),
                text: p.content(&r.text, section),
            })
            .collect(),
        status: status_line(inspection, office),
        related,
    };
    Ok(doc)
}

/// Renders one record's page; `all` holds the records it may nest (`related`).
pub fn page(
    templates: &Templates,
    format: Format,
    inspection: &Inspection,
    all: &[Inspection],
    office: &Office,
) -> Result<Rendered> {
    page_with(
        templates,
        format,
        inspection,
        &|id| all.iter().find(|i| i.id == id),
        office,
    )
}

/// Renders one record's page; `lookup` finds the records it nests (`related`).
pub fn page_with<'a>(
    templates: &Templates,
    format: Format,
    inspection: &Inspection,
    lookup: &dyn Fn(&str) -> Option<&'a Inspection>,
    office: &Office,
) -> Result<Rendered> {
    // The page includes `document.<ext>` itself, so the document is rendered once, in place.
    let doc = document_context(templates, format, inspection, lookup, office, 1)?;
    let title = office.commissioner_on(inspection.response_date(office));
    let mut context = Context::new();
    context.insert("doc", &doc);
    context.insert(
        "page_title",
        &format!("{} — {} response", inspection.title, title.short),
    );
    context.insert("id", &inspection.id);
    let contents = templates.render(&format!("response.{}", format.extension()), &context)?;
    Ok(Rendered {
        name: format!("{}.{}", inspection.id, format.extension()),
        contents: finish(&contents),
    })
}

#[derive(Serialize)]
struct IndexEntry {
    id: String,
    title: String,
    html: String,
    md: String,
    published: String,
    last_day: String,
    response: String,
}

/// Renders the index: every record, newest first.
pub fn index(
    templates: &Templates,
    format: Format,
    all: &[Summary],
    office: &Office,
) -> Result<Rendered> {
    let mut records: Vec<&Summary> = all.iter().collect();
    records.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    let p = Prepare {
        format,
        id: "index",
        fields: 0,
    };
    let entries: Vec<IndexEntry> = records
        .iter()
        .map(|i| IndexEntry {
            id: i.id.clone(),
            title: p.plain(&i.title),
            html: format!("{}.html", i.id),
            md: format!("{}.md", i.id),
            published: date::long(i.published),
            last_day: i.last_day.map_or_else(
                || "No statutory deadline".to_owned(),
                date::long_with_weekday,
            ),
            response: match i.response {
                Publication::On(day) => format!("Published {}", date::long(day)),
                Publication::Undated => "Published (date not recorded)".to_owned(),
                Publication::NotYet => "Not yet published".to_owned(),
            },
        })
        .collect();
    let current = office.commissioner.last().map_or("", |t| t.short.as_str());
    let mut context = Context::new();
    context.insert("office", &p.plain(&office.name));
    context.insert(
        "heading",
        &p.plain(&format!(
            "{} {current} responses to HMICFRS inspections",
            office.area
        )),
    );
    context.insert(
        "summary",
        &p.plain(&format!(
            "{}, newest first. Police Act 1996 s.55(5A) requires each response to be published within 56 days of the report, counting the day of publication.",
            crate::problem::count(entries.len(), "response")
        )),
    );
    context.insert("records", &entries);
    let contents = templates.render(&format!("index.{}", format.extension()), &context)?;
    Ok(Rendered {
        name: format!("index.{}", format.extension()),
        contents: finish(&contents),
    })
}

/// Normalises the end of a file: no trailing blank lines, one final newline.
fn finish(text: &str) -> String {
    let mut text = text.trim_end().to_owned();
    text.push('\n');
    text
}
