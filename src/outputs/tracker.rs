//! The public recommendations tracker, `recommendations.html` in `out/`: where each
//! recommendation, area for improvement and cause of concern of the published responses stands,
//! from the same template as `respond recommendations --format html`. The response pages link to
//! it and show nothing that changes once they are published (what s.55 requires is fixed then,
//! and the copy sent to HMICFRS and the Home Secretary must stay the page online), so progress
//! is shown here, and in the open data.
//!
//! It is as at the latest day the published records give (a response published, an update
//! recorded), never today: the page changes only when a record does, so `render --check` holds
//! from one day to the next.

use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;

use crate::deadline::Publication;
use crate::model::Summary;
use crate::outputs::responses::published;
use crate::outputs::{File, Folder, Format, Site, SiteOutput};
use crate::tracker;

/// `recommendations.html`.
pub(crate) struct Tracker;

/// The file's name.
pub(crate) const NAME: &str = "recommendations.html";

impl SiteOutput for Tracker {
    fn format(&self) -> Format {
        Format::Html
    }

    fn names(&self) -> Vec<String> {
        vec![NAME.to_owned()]
    }

    fn render(&self, site: &Site<'_>, records: &[Arc<Summary>], _: Folder) -> Result<Vec<File>> {
        let records = published(records);
        let Some(as_at) = as_at(&records) else {
            return Ok(Vec::new());
        };
        let rows = tracker::rows(
            records.iter().map(|r| tracker::Report::from(*r)),
            &[],
            as_at,
        );
        let summary = tracker::summary(&rows);
        let text = tracker::Document {
            templates: site.templates,
            office: site.office,
            rows: &rows,
            summary: &summary,
            statuses: &[],
            today: as_at,
            latest: true,
        }
        .render("html")?;
        Ok(vec![File {
            name: NAME.to_owned(),
            bytes: text.into_bytes(),
        }])
    }
}

/// The latest day the published `records` give: a report's publication, its response's, an
/// update of one of its items. `None` without a published record.
fn as_at(records: &[&Summary]) -> Option<NaiveDate> {
    records
        .iter()
        .flat_map(|r| {
            let response = match r.response {
                Publication::On(day) => Some(day),
                Publication::NotYet | Publication::Undated => None,
            };
            [Some(r.published), response]
                .into_iter()
                .chain(r.items.iter().map(|item| item.updated))
        })
        .flatten()
        .max()
}
