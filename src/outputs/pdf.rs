//! One record's PDF, `<id>.pdf`: the template `document.typ` typeset by typst (see
//! [`crate::typeset`]), with the same values the HTML page's templates see, prepared for the PDF
//! ([`Markup::Pdf`]): the same words from the same place, so a change to the document's wording
//! reaches the PDF too. The values are handed over as typst data (`sys.inputs`): plain fields
//! as strings, Markdown fields and related records as JSON text that the template decodes.

use anyhow::{Context as _, Result};
use serde::Deserialize as _;
use typst::foundations::{Dict, Value};

use crate::model::Inspection;
use crate::outputs::document::{self, Markup, PAGE_VALUES};
use crate::outputs::{Format, Lookup, PageOutput, Site};
use crate::typeset;

/// The PDF's template.
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
        let inputs = inputs(site, inspection, lookup)?;
        let template = site.templates.typst(TEMPLATE)?;
        typeset::pdf(TEMPLATE, template, inputs, &inspection.id)
    }
}

/// The values the template sees as `sys.inputs`: those of the page's templates.
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
