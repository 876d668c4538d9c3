//! One record's page, `<id>.html` or `<id>.md`: `response.html` (a self-contained HTML5 page
//! that includes `base.html`, `style.css` and `document.html`) or `response.md` (which includes
//! `document.md`, readable as plain text and as rendered GitHub Markdown).

use anyhow::Result;

use crate::model::Inspection;
use crate::outputs::document::{self, Markup};
use crate::outputs::{Format, Lookup, PageOutput, Site};

/// The page in one markup.
pub(crate) struct Page(pub(crate) Markup);

impl PageOutput for Page {
    fn format(&self) -> Format {
        Format::of(self.0)
    }

    fn extension(&self) -> &'static str {
        self.0.extension()
    }

    fn render(
        &self,
        site: &Site<'_>,
        inspection: &Inspection,
        lookup: Lookup<'_, '_>,
    ) -> Result<Vec<u8>> {
        document::page(site, self.0, inspection, lookup).map(String::into_bytes)
    }
}
