//! `respond templates`: the default templates written out for editing, keeping any file that
//! already exists, and the schemas editors check records against (`schemas/`).

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::TemplatesArgs;
use crate::templates::DEFAULT_TEMPLATES;
use crate::{CLEAN, load};

/// Runs `respond templates`.
pub(crate) fn run(args: &TemplatesArgs) -> Result<ExitCode> {
    let project = load::Project::find(args.root.as_deref())?;
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| project.local("templates"));
    // The templates' own folder is this command's to write in; the rest of the sources not.
    if args.out.is_some()
        && !crate::files::real(&dir).starts_with(crate::files::real(&project.local("templates")))
    {
        let shown = dir.display().to_string();
        crate::cmd::refuse_sources(&project, &dir, &shown, ("out", "default-templates"))?;
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut err = io::stderr().lock();
    for (name, text) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        let shown = project.show(&path);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match file {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .with_context(|| format!("failed to write `{shown}`"))?;
                writeln!(err, "wrote {shown}")?;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                writeln!(err, "kept {shown} (it exists)")?;
            }
            Err(e) => return Err(e).with_context(|| format!("failed to write `{shown}`")),
        }
    }
    drop(err);
    super::schema::write_into_project(&project, false)?;
    Ok(ExitCode::from(CLEAN))
}
