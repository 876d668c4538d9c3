//! One record's page in HTML, `<id>.html`: a self-contained HTML5 page (`response.html`, which
//! includes `base.html`, `style.css` and `document.html`).

use anyhow::Result;

use crate::model::Inspection;
use crate::outputs::document::{self, Markup};
use crate::outputs::{Format, Lookup, PageOutput, Site};

/// The HTML page.
pub(crate) struct Html;

impl PageOutput for Html {
    fn format(&self) -> Format {
        Format::Html
    }

    fn extension(&self) -> &'static str {
        Markup::Html.extension()
    }

    fn render(
        &self,
        site: &Site<'_>,
        inspection: &Inspection,
        lookup: Lookup<'_, '_>,
    ) -> Result<Vec<u8>> {
        document::page(site, Markup::Html, inspection, lookup).map(String::into_bytes)
    }
}
