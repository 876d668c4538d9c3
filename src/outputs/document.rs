//! The standard "PFCC response" document as a template sees it: one record's values, prepared
//! for HTML or for Markdown. Dates are in the UK long form; Markdown fields are rendered to safe
//! HTML (for HTML) or passed through with their headings moved down (for Markdown), and marked
//! `| safe` by the templates; plain text (titles, numbers, names) is left as it is written, for
//! the templates to escape for their markup (see [`crate::templates`]). Record content is only
//! ever data, never template text. For the PDF, Markdown fields become a tree of blocks and
//! related records their values, as JSON text for `document.typ` (see [`super::pdf`]).
//!
//! The document is what s.55 requires, and nothing that changes once it is published: the page
//! online stays the copy sent to HMICFRS and the Home Secretary. An item's progress and owner
//! are on the public tracker (`recommendations.html`, which the HTML page links to) and in the
//! open data, not here. Nothing here depends on today's date.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use crate::date;
use crate::deadline::{self, Duty, Publication};
use crate::markdown;
use crate::model::{CommissionerTitle, Inspection, InspectionType, Office, Respondent};
use crate::outputs::{Lookup, Site, blocks};

/// The markup a document is prepared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// A self-contained HTML5 page.
    Html,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// The PDF: Markdown fields and related records as JSON text for `document.typ` (see
    /// [`super::pdf`]).
    Pdf,
}

impl Markup {
    /// The file extension, which is also the templates' suffix.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
        }
    }
}

/// The default s.55 sentence (Cumbria's template cites "Section 33"; the duty is s.55).
pub(crate) const STATUTORY_STATEMENT: &str = "Section 55 of the Police Act 1996 (as amended by section 37 of the Policing and Crime Act 2017) requires local policing bodies to respond to recommendations in inspectors’ reports within 56 days.";

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
    /// Empty when there is none (a fire document without the office's `fire_statement`).
    statement: String,
    /// The force, or for a fire record the fire and rescue service (the name stays `force` so
    /// that an office's own templates keep working).
    force: String,
    title: String,
    /// The fields that are only shown, as `doc.<name>` (see `Inspection::shown`).
    #[serde(flatten)]
    shown: BTreeMap<&'static str, String>,
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
    shown_earlier: Vec<ShownEarlier>,
}

/// A related record already shown higher on the page, named again instead of shown twice.
#[derive(Serialize)]
struct ShownEarlier {
    id: String,
    title: String,
    /// Where it is: its place on the page (HTML), or its own page (Markdown, whose renderers
    /// make their own heading anchors).
    href: String,
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

/// Prepares values for one markup.
struct Prepare<'a> {
    markup: Markup,
    id: &'a str,
    fields: usize,
}

impl Prepare<'_> {
    /// A Markdown field, under a heading of level `level`.
    fn content(&mut self, markdown: &str, level: usize) -> String {
        self.fields += 1;
        match self.markup {
            Markup::Html => {
                markdown::to_html(markdown, level, &format!("fn-{}-{}", self.id, self.fields))
            }
            Markup::Markdown => markdown::to_markdown(markdown, level),
            Markup::Pdf => blocks::to_blocks(markdown, level),
        }
    }

    /// A Markdown field inside a Markdown list item (continuation lines indented).
    fn list_content(&mut self, markdown: &str, level: usize) -> String {
        let text = self.content(markdown, level);
        match self.markup {
            Markup::Html | Markup::Pdf => text,
            Markup::Markdown => text.replace('\n', "\n  ").replace("\n  \n", "\n\n"),
        }
    }
}

/// Whom a document is about: the force and its chief officer, or for a fire record the fire
/// and rescue service and its chief officer.
struct Subject<'a> {
    /// "Cumbria Constabulary", "Cumbria Fire and Rescue Service".
    name: &'a str,
    /// "Chief Constable", "Chief Fire Officer".
    chief_officer: &'a str,
    /// Whether it is the fire and rescue service.
    fire: bool,
}

impl<'a> Subject<'a> {
    fn of(inspection: &Inspection, office: &'a Office) -> Self {
        let (name, chief_officer) = office.subject(inspection.kind);
        Self {
            name,
            chief_officer,
            fire: inspection.kind == InspectionType::Fire && office.fire_and_rescue.is_some(),
        }
    }
}

/// The line under the office's name: "<Area> <title> (<short>) response to inspections of
/// <force or service> published by <inspectorate> (HMICFRS)".
fn heading_line(inspection: &Inspection, office: &Office) -> String {
    let title = office.commissioner_on(inspection.response_date(office));
    format!(
        "{} {} ({}) response to inspections of {} published by {} (HMICFRS)",
        office.area,
        title.title,
        title.short,
        Subject::of(inspection, office).name,
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
        (Publication::NotYet, Duty::LocalTarget { days, .. }) => format!(
            "Response due by {} (the office’s target)",
            date::long_with_weekday(deadline::last_day_of_period(inspection.published, days))
        ),
        (Publication::NotYet, Duty::NoDeadline(_)) => "Response not yet published".to_owned(),
    }
}

/// The sentence under the heading: the s.55 duty, or why there is no statutory deadline. A
/// fire document cites no s.55 (it covers police forces only): it has the office's
/// `fire_statement`, or none (an empty text, which the templates leave out).
fn statement(inspection: &Inspection, office: &Office) -> String {
    if Subject::of(inspection, office).fire {
        return office.fire_statement.clone().unwrap_or_default();
    }
    match inspection.duty(office).reason() {
        None => office
            .statutory_statement
            .clone()
            .unwrap_or_else(|| STATUTORY_STATEMENT.to_owned()),
        Some(reason) => {
            let mut text = format!(
                "There is no statutory deadline for this response: {}.",
                reason.describe()
            );
            if let Some(note) = &inspection.statutory_note {
                text.push(' ');
                text.push_str(note.trim());
            }
            text
        }
    }
}

/// A response's heading, as the office's documents word it: "PFCC Response …", "Chief
/// Constable Response …" ("Chief Fire Officer Response …" in a fire document), "PFCC &
/// Constabulary Response …".
fn response_heading(by: Respondent, subject: &Subject<'_>, short: &str) -> String {
    match by {
        Respondent::Commissioner => format!("{short} Response to Report and Recommendations"),
        Respondent::ChiefOfficer => format!(
            "{} Response to Report and Recommendations",
            subject.chief_officer
        ),
        Respondent::Joint => {
            let with = if subject.fire {
                "Fire and Rescue Service"
            } else {
                "Constabulary"
            };
            format!("{short} & {with} Response to Report and Recommendation")
        }
    }
}

/// Renders one record's document (with its related records inside) at heading `level`;
/// `shown` holds the records already on the page.
fn document(
    site: &Site<'_>,
    markup: Markup,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
    level: usize,
    shown: &mut HashSet<String>,
) -> Result<String> {
    let doc = context(site, markup, inspection, lookup, level, shown)?;
    if markup == Markup::Pdf {
        // The PDF's template lays out a related record itself, from its values.
        return Ok(serde_json::to_string(&doc)?);
    }
    let mut context = Context::new();
    context.insert("doc", &doc);
    let text = site
        .templates
        .render(&format!("document.{}", markup.extension()), &context)?;
    Ok(text.trim_end().to_owned())
}

/// The documents of `inspection`'s related records, rendered one level down, and those
/// already on the page, which are named rather than shown again (a record related twice on a
/// page would otherwise repeat, and a lattice of them grow exponentially).
fn related(
    site: &Site<'_>,
    markup: Markup,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
    level: usize,
    shown: &mut HashSet<String>,
) -> Result<(Vec<String>, Vec<ShownEarlier>)> {
    let mut related = Vec::new();
    let mut shown_earlier = Vec::new();
    for id in &inspection.related {
        let Some(other) = lookup(id) else {
            continue;
        };
        if !shown.insert(other.id.clone()) {
            shown_earlier.push(ShownEarlier {
                id: other.id.clone(),
                title: other.title.clone(),
                href: match markup {
                    Markup::Html | Markup::Pdf => format!("#record-{}", other.id),
                    Markup::Markdown => format!("{}.md", other.id),
                },
            });
            continue;
        }
        // Validation refuses deeper nesting; this keeps rendering shallow without it.
        if level > crate::model::MAX_RELATED_DEPTH {
            anyhow::bail!(
                "the record `{}` holds `related` records nested more than {} deep",
                inspection.id,
                crate::model::MAX_RELATED_DEPTH
            );
        }
        related.push(document(site, markup, other, lookup, level + 1, shown)?);
    }
    Ok((related, shown_earlier))
}

/// The values `document.html` and `document.md` see as `doc`; related records are rendered
/// (one heading level down) into `doc.related`.
///
/// A record is shown once per page, where it first comes in the page's order: one related by
/// two records on the page (a diamond: a holds b and c, both hold d) is shown in full under the
/// first, and named with a link under the second (`doc.shown_earlier`). Showing it again would
/// repeat the same text, and in a lattice of records would repeat it exponentially often.
fn context(
    site: &Site<'_>,
    markup: Markup,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
    level: usize,
    shown: &mut HashSet<String>,
) -> Result<Document> {
    let office = site.office;
    let (related, shown_earlier) = related(site, markup, inspection, lookup, level, shown)?;
    let (section, item) = ((level + 1).min(6), (level + 2).min(6));
    let mut p = Prepare {
        markup,
        id: &inspection.id,
        fields: 0,
    };
    let title = office.commissioner_on(inspection.response_date(office));
    let subject = Subject::of(inspection, office);
    Ok(Document {
        id: inspection.id.clone(),
        level: level.min(6),
        section_level: section,
        item_level: item,
        h_doc: "#".repeat(level.min(6)),
        h_section: "#".repeat(section),
        h_item: "#".repeat(item),
        office: office_name(office, title).to_owned(),
        heading: heading_line(inspection, office),
        statement: statement(inspection, office),
        force: subject.name.to_owned(),
        title: inspection.title.clone(),
        shown: (inspection.shown.iter())
            .map(|(n, t)| (*n, p.content(t, section)))
            .collect(),
        reference: inspection.reference.clone(),
        // Validation refuses any other `link`; this holds without it (the fuzz targets).
        link: inspection
            .link
            .clone()
            .filter(|link| markdown::is_web_address(link)),
        published: date::long(inspection.published),
        type_label: inspection.type_label().to_owned(),
        key_findings: p.content(&inspection.key_findings, section),
        recommendations_intro: inspection
            .recommendations_intro
            .as_deref()
            .map(|t| p.content(t, section)),
        recommendations: inspection
            .recommendations
            .iter()
            .map(|r| RecommendationContext {
                number: r.number.clone(),
                title: r.title.clone(),
                text: p.content(&r.text, item),
                addressed_to: r.addressed_to.clone(),
                applies: r.applies,
                reason: r.reason.as_deref().map(|t| p.content(t, item)),
                target: r.target.map(date::Target::long),
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
                number: a.number.clone(),
                // Areas and causes have no heading of their own: their content's headings go
                // under the section's.
                text: p.list_content(&a.text, section),
                response: a.response.as_deref().map(|t| p.list_content(t, section)),
            })
            .collect(),
        causes_of_concern: inspection
            .causes_of_concern
            .iter()
            .map(|c| CauseContext {
                text: p.content(&c.text, section),
                recommendations: c.recommendations.join(", "),
            })
            .collect(),
        responses: inspection
            .responses
            .iter()
            .map(|r| ResponseContext {
                heading: r
                    .heading
                    .clone()
                    .unwrap_or_else(|| response_heading(r.by, &subject, &title.short)),
                text: p.content(&r.text, section),
            })
            .collect(),
        status: status_line(inspection, office),
        related,
        shown_earlier,
    })
}

/// Renders one record's page (`response.html` or `response.md`, which includes the document);
/// `lookup` finds the records it nests (`related`).
pub(crate) fn page(
    site: &Site<'_>,
    markup: Markup,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
) -> Result<String> {
    let context = page_context(site, markup, inspection, lookup)?;
    let text = site
        .templates
        .render(&format!("response.{}", markup.extension()), &context)?;
    Ok(end_with_newline(&text))
}

/// The names of the values a page's template sees, which the PDF's template sees too.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) const PAGE_VALUES: [&str; 3] = ["doc", "page_title", "id"];

/// The values a page's template sees ([`PAGE_VALUES`]), prepared for `markup`.
pub(crate) fn page_context(
    site: &Site<'_>,
    markup: Markup,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
) -> Result<Context> {
    // The page includes `document.<ext>` itself, so the document is rendered once, in place.
    let mut shown = HashSet::from([inspection.id.clone()]);
    let doc = context(site, markup, inspection, lookup, 1, &mut shown)?;
    let title = site
        .office
        .commissioner_on(inspection.response_date(site.office));
    let mut context = Context::new();
    context.insert("doc", &doc);
    context.insert(
        "page_title",
        &format!("{} — {} response", inspection.title, title.short),
    );
    context.insert("id", &inspection.id);
    // A published page links to the tracker, which shows where its items stand now.
    context.insert("tracker", &inspection.items.iter().any(|i| i.applies));
    // A draft's page is marked as one, and kept out of search engines, wherever it ends up.
    context.insert(
        "draft",
        &(inspection.response_published == Publication::NotYet),
    );
    Ok(context)
}

/// The office's name under a commissioner's title: the name of that period where the office
/// file gives one, else the office's `name`. Pages and the index both name the office this way,
/// so that the two never differ.
pub(crate) fn office_name<'a>(office: &'a Office, title: &'a CommissionerTitle) -> &'a str {
    title.office.as_deref().unwrap_or(&office.name)
}

/// Normalises the end of a file: no trailing blank lines, one final newline.
pub(crate) fn end_with_newline(text: &str) -> String {
    let mut text = text.trim_end().to_owned();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use crate::outputs::{Site, pages};
    use crate::templates::Templates;

    const OFFICE: &str = "name: Test Office\narea: Testshire\nforce: Testshire Constabulary\nchief_officer: Chief Constable\ncommissioner:\n  - from: 2012-11-22\n    title: Police and Crime Commissioner\n    short: PCC\n";

    /// The Markdown page of a valid record whose `link` is then set to `link`, as if validation
    /// had let it through.
    fn markdown_page_with_link(link: &str) -> String {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
        let validated = crate::validate::from_bytes(
            Some(OFFICE.as_bytes().to_vec()),
            vec![(
                "2023-08-25-x".to_owned(),
                b"title: X\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n".to_vec(),
            )],
            today,
        );
        let office = validated.office.expect("a valid office");
        let mut inspection = validated.inspections[0].clone();
        inspection.link = Some(link.to_owned());
        let templates = Templates::load(None).expect("the default templates");
        let site = Site {
            templates: &templates,
            office: &office,
        };
        let files = pages(&site, &inspection, &[]).expect("rendered");
        let md = files
            .iter()
            .find(|f| f.name.ends_with(".md"))
            .expect("a Markdown page");
        String::from_utf8(md.bytes.clone()).expect("UTF-8")
    }

    #[test]
    fn a_hostile_link_stays_one_link_in_markdown() {
        // The escaping holds whatever validation lets through.
        let page = markdown_page_with_link(
            "https://example.org/\"><img src=x onerror=alert(1)><script>alert(2)</script>",
        );
        assert!(
            page.contains("- **Report:** <https://example.org/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E%3Cscript%3Ealert(2)%3C/script%3E>\n"),
            "{page}"
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&page));
        assert!(
            !html.contains("<img") && !html.contains("<script"),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        // A link that is not a web address is no link at all.
        let page = markdown_page_with_link("javascript:alert(1)");
        assert!(!page.contains("Report"), "{page}");
    }
}
