//! The templates: the defaults in `templates/`, compiled into the binary, each replaced by a
//! file of the same name in the project's `templates/` folder (or `--templates DIR`). tera
//! escapes every value in templates whose names end in `.html`.

use std::path::Path;

use anyhow::{Context as _, Result};
use tera::{Context, Tera};

/// The default templates, compiled in: (name, text).
pub(crate) const DEFAULT_TEMPLATES: [(&str, &str); 8] = [
    ("base.html", include_str!("../templates/base.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("document.html", include_str!("../templates/document.html")),
    ("response.html", include_str!("../templates/response.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("document.md", include_str!("../templates/document.md")),
    ("response.md", include_str!("../templates/response.md")),
    ("index.md", include_str!("../templates/index.md")),
];

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
            fingerprint: xxhash_rust::xxh3::xxh3_64(&all),
        })
    }

    /// A hash of every template's text, for the render cache's key.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders the template `name` with `context`.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String> {
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
