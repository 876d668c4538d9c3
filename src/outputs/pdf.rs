//! One record's PDF, `<id>.pdf`: the template `document.typ` typeset by typst (see
//! [`crate::typeset`]), with the same values the HTML page's templates see, prepared for the PDF
//! ([`Markup::Pdf`]): the same words from the same place, so a change to the document's wording
//! reaches the PDF too. The values are handed over as typst data (`sys.inputs`): plain fields
//! as strings, Markdown fields and related records as JSON text that the template decodes.
//!
//! typst is behind the `pdf` feature (on by default): a respond built without it has this
//! output all the same, and asking it for a PDF is an error that names the feature.

use anyhow::Result;
#[cfg(feature = "pdf")]
use {
    crate::outputs::document::{self, PAGE_VALUES},
    crate::typeset,
    anyhow::Context as _,
    serde::Deserialize as _,
    typst::foundations::{Dict, Value},
};

use crate::model::Inspection;
use crate::outputs::document::Markup;
use crate::outputs::{Format, Lookup, PageOutput, Site};

/// The PDF's template.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) const TEMPLATE: &str = "document.typ";

/// The PDF of a record.
pub(crate) struct Pdf;

impl PageOutput for Pdf {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn extension(&self) -> &'static str {
        Markup::Pdf.extension()
    }

    fn render(
        &self,
        site: &Site<'_>,
        inspection: &Inspection,
        lookup: Lookup<'_, '_>,
    ) -> Result<Vec<u8>> {
        #[cfg(feature = "pdf")]
        {
            let inputs = inputs(site, inspection, lookup)?;
            let template = site.templates.typst(TEMPLATE)?;
            typeset::pdf(TEMPLATE, template, inputs, &inspection.id)
        }
        #[cfg(not(feature = "pdf"))]
        {
            let _ = (site, lookup);
            anyhow::bail!(
                "cannot write `{}.pdf`: this respond was built without the `pdf` feature (build it with `cargo build --features pdf`), or leave `pdf` out of `--format` and of the office's `formats`",
                inspection.id
            )
        }
    }
}

/// The values the template sees as `sys.inputs`: those of the page's templates.
#[cfg(feature = "pdf")]
pub(crate) fn inputs(
    site: &Site<'_>,
    inspection: &Inspection,
    lookup: Lookup<'_, '_>,
) -> Result<Dict> {
    let context = document::page_context(site, Markup::Pdf, inspection, lookup)?;
    let mut inputs = Dict::new();
    for key in PAGE_VALUES {
        if let Some(value) = context.get(key) {
            let mut json = serde_json::to_value(value)?;
            displayable(&mut json);
            let value = Value::deserialize(json)
                .with_context(|| format!("the value `{key}` cannot be handed to typst"))?;
            inputs.insert(key.into(), value);
        }
    }
    Ok(inputs)
}

/// Every string in `value` made displayable by the bundled fonts ([`typeset::displayable`]).
#[cfg(feature = "pdf")]
fn displayable(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(shown) = typeset::displayable(text) {
                *text = shown;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(displayable),
        serde_json::Value::Object(map) => map.values_mut().for_each(displayable),
        _ => {}
    }
}
