//! One record's page in Markdown, `<id>.md` (`response.md`, which includes `document.md`):
//! readable as plain text and as rendered GitHub Markdown.

use anyhow::Result;

use crate::model::Inspection;
use crate::outputs::document::{self, Markup};
use crate::outputs::{Format, Lookup, PageOutput, Site};

/// The Markdown page.
pub(crate) struct Markdown;

impl PageOutput for Markdown {
    fn format(&self) -> Format {
        Format::Md
    }

    fn extension(&self) -> &'static str {
        Markup::Markdown.extension()
    }

    fn render(
        &self,
        site: &Site<'_>,
        inspection: &Inspection,
        lookup: Lookup<'_, '_>,
    ) -> Result<Vec<u8>> {
        document::page(site, Markup::Markdown, inspection, lookup).map(String::into_bytes)
    }
}
