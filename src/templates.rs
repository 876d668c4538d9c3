//! The templates: the defaults in `templates/`, compiled into the binary, each replaced by a
//! file of the same name in the project's `templates/` folder (or `--templates DIR`).
//!
//! Every value a template prints is escaped for its markup unless the template marks it
//! `| safe`: HTML-escaped in templates whose names end in `.html`, Markdown-escaped (by
//! [`markdown::escape_markdown`]) in those ending in `.md`. tera has one escape function per
//! engine, so the templates are loaded into two engines, one per markup; a plain field (a title,
//! a number, a name) is escaped in this one place, whichever template prints it. The `url`
//! filter writes a link's address for a Markdown link (`<…>`), with every character that could
//! end it percent-encoded. Templates whose names end in `.typ` (the PDF's) are not tera's: typst
//! reads them (see [`crate::typeset`]), and the record's values reach them only as data.

use std::path::Path;

use anyhow::{Context as _, Result};
use tera::{Context, Kwargs, State, Tera, Value};

use crate::markdown;

/// The default templates, compiled in: (name, text).
pub(crate) const DEFAULT_TEMPLATES: [(&str, &str); 11] = [
    ("base.html", include_str!("../templates/base.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("document.html", include_str!("../templates/document.html")),
    ("response.html", include_str!("../templates/response.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("document.md", include_str!("../templates/document.md")),
    ("response.md", include_str!("../templates/response.md")),
    ("index.md", include_str!("../templates/index.md")),
    (
        "recommendations.html",
        include_str!("../templates/recommendations.html"),
    ),
    (
        "recommendations.md",
        include_str!("../templates/recommendations.md"),
    ),
    ("document.typ", include_str!("../templates/document.typ")),
];

/// The suffix of typst templates (the PDF's), which tera never sees: typst reads them itself.
const TYPST: &str = ".typ";

/// The loaded templates.
pub struct Templates {
    /// Escapes for HTML in `.html` templates.
    html: Tera,
    /// Escapes for Markdown in `.md` templates.
    md: Tera,
    /// The typst templates, by name.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    typst: Vec<(String, String)>,
    fingerprint: u64,
}

/// An engine holding every template, escaping with `escape` in templates whose names end in
/// `suffix`.
fn engine(
    templates: &[(String, String)],
    suffix: &'static str,
    escape: tera::EscapeFn,
    dir: Option<&Path>,
) -> Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![suffix]);
    tera.set_escape_fn(escape);
    tera.register_filter(
        "url",
        |address: std::borrow::Cow<'_, str>, _: Kwargs, _: &State| {
            Value::safe_string(&markdown::link_destination(&address))
        },
    );
    tera.add_raw_templates(
        templates
            .iter()
            .filter(|(n, _)| !n.ends_with(TYPST))
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|e| template_error(e, dir))?;
    Ok(tera)
}

/// tera's escape function for Markdown.
fn escape_markdown(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape_markdown(text).as_bytes())
}

impl Templates {
    /// The defaults, replaced by name by any file in `dir` (when it exists).
    pub fn load(dir: Option<&Path>) -> Result<Self> {
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
        let html = engine(&templates, ".html", tera::escape_html, dir)?;
        let md = engine(&templates, ".md", escape_markdown, dir)?;
        let mut all = Vec::new();
        for (name, text) in &templates {
            all.extend_from_slice(name.as_bytes());
            all.push(0);
            all.extend_from_slice(text.as_bytes());
            all.push(0);
        }
        let typst = templates
            .iter()
            .filter(|(n, _)| n.ends_with(TYPST))
            .cloned()
            .collect();
        Ok(Self {
            html,
            md,
            typst,
            fingerprint: xxhash_rust::xxh3::xxh3_64(&all),
        })
    }

    /// A hash of every template's text, for the render cache's key.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The text of the typst template `name`.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn typst(&self, name: &str) -> Result<&str> {
        self.typst
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.as_str())
            .ok_or_else(|| anyhow::anyhow!("there is no template `{name}`"))
    }

    /// Renders the template `name` with `context`, escaping what it prints for its markup.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String> {
        let tera = if name.ends_with(".md") {
            &self.md
        } else {
            &self.html
        };
        tera.render(name, context)
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
