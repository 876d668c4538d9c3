//! The index of responses, `index.html` and `index.md`: in `out/`, every published response,
//! newest first, with the timeliness of the statutory ones per year ([`timeliness`]); in
//! `drafts/`, every draft, the soonest last day first, marked as drafts.

use std::sync::Arc;

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use crate::date;
use crate::deadline::Publication;
use crate::model::Summary;
use crate::outputs::document::{self, Markup};
use crate::outputs::timeliness;
use crate::outputs::{File, Folder, Format, Site, SiteOutput};

/// What the timeliness table counts, and what "on time" means.
const TIMELINESS: &str = "A statutory response is on time when it is published before the end of 56 days beginning with the day the report was published: the report’s day is day 1 and the last day is day 56. Days taken is the day of that period the response was published on. The table counts the statutory responses published here, by the year their reports were published.";

/// The timeliness table's caption.
const TIMELINESS_CAPTION: &str =
    "Statutory responses by the year the report was published, newest first";

/// The index in one markup.
pub(crate) struct Index(pub(crate) Markup);

#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    html: String,
    md: String,
    published: String,
    last_day: String,
    response: String,
}

impl Index {
    fn name(&self) -> String {
        format!("index.{}", self.0.extension())
    }
}

impl SiteOutput for Index {
    fn format(&self) -> Format {
        Format::of(self.0)
    }

    fn drafts(&self) -> bool {
        true
    }

    fn names(&self) -> Vec<String> {
        vec![self.name()]
    }

    fn render(
        &self,
        site: &Site<'_>,
        records: &[Arc<Summary>],
        folder: Folder,
    ) -> Result<Vec<File>> {
        let markup = self.0;
        let mut records: Vec<&Summary> = records
            .iter()
            .map(|r| &**r)
            .filter(|r| Folder::of(r.response) == folder)
            .collect();
        match folder {
            Folder::Out => {
                records.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)))
            }
            // What is due soonest first; a draft without a last day after those with one.
            Folder::Drafts => records.sort_by(|a, b| {
                (a.last_day.is_none(), a.last_day, a.published, &a.id).cmp(&(
                    b.last_day.is_none(),
                    b.last_day,
                    b.published,
                    &b.id,
                ))
            }),
        }
        let entries: Vec<Entry> = records
            .iter()
            .map(|i| Entry {
                id: i.id.clone(),
                title: i.title.clone(),
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
        let office = site.office;
        // The index is of today's office: it goes by the latest title, as a page goes by the
        // title on its response date (the two name the office alike).
        let latest = office.commissioner.last();
        let current = latest.map_or("", |t| t.short.as_str());
        let name = latest.map_or(office.name.as_str(), |t| document::office_name(office, t));
        let mut context = Context::new();
        context.insert("office", name);
        let (heading, summary) = match folder {
            Folder::Out => (
                format!("{} {current} responses to HMICFRS inspections", office.area),
                format!(
                    "{}, newest first. Police Act 1996 s.55(5A) requires each response to be published within 56 days of the report, counting the day of publication.",
                    crate::problem::count(records.len(), "response")
                ),
            ),
            Folder::Drafts => (
                format!("{} {current} draft responses", office.area),
                if records.is_empty() {
                    "No drafts: every response is published.".to_owned()
                } else {
                    format!(
                        "{}, the soonest last day first. They are for the office only until they are published.",
                        crate::problem::count(records.len(), "draft")
                    )
                },
            ),
        };
        context.insert("heading", &heading);
        context.insert("summary", &summary);
        context.insert("draft", &(folder == Folder::Drafts));
        context.insert(
            "caption",
            match folder {
                Folder::Out => "Responses, newest first",
                Folder::Drafts => "Drafts, the soonest last day first",
            },
        );
        context.insert("records", &entries);
        // Only `out/`'s index shows timeliness: the drafts are not published yet.
        let timeliness = match folder {
            Folder::Out => timeliness::by_year(records.iter().copied()),
            Folder::Drafts => Vec::new(),
        };
        context.insert("timeliness", &timeliness);
        context.insert("timeliness_summary", TIMELINESS);
        context.insert("timeliness_caption", TIMELINESS_CAPTION);
        let text = site
            .templates
            .render(&format!("index.{}", markup.extension()), &context)?;
        Ok(vec![File {
            name: self.name(),
            bytes: document::end_with_newline(&text).into_bytes(),
        }])
    }
}
