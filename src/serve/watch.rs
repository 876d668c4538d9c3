//! Watching the project: `data/` and `templates/` (and the project folder itself, to see
//! `templates/` made after the preview started), with notify, the crate cargo-watch, mdBook
//! and zola watch with. An editor's save is several events (a temporary file, a rename): the
//! preview is made again once they have been quiet for a moment, so once per save.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long the events of one save must be quiet before the preview is made again.
const QUIET: Duration = Duration::from_millis(60);
/// How long events are gathered at most: a program that keeps touching the files (a sync
/// client) must not hold the preview back for ever.
const AT_MOST: Duration = Duration::from_millis(300);

/// Calls `changed` after each save in `data` or `templates` (which need not exist yet), until
/// the process ends. Returns once the watch is set up, or why it could not be.
pub(crate) fn watch(
    root: &Path,
    data: PathBuf,
    templates: PathBuf,
    changed: impl Fn() + Send + 'static,
) -> Result<()> {
    let (events, received) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(events)
        .context("failed to watch the project's files for changes")?;
    watcher
        .watch(&data, RecursiveMode::Recursive)
        .with_context(|| format!("failed to watch `{}` for changes", data.display()))?;
    // The project folder alone, not what is in its folders (out/, .git/): it tells when
    // templates/ appears.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("failed to watch `{}` for changes", root.display()))?;
    let mut templates_watched = watcher.watch(&templates, RecursiveMode::Recursive).is_ok();
    std::thread::spawn(move || {
        while let Ok(first) = received.recv() {
            let mut relevant = matters(&first, &data, &templates);
            // The rest of this save.
            let until = std::time::Instant::now() + AT_MOST;
            while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
                match received.recv_timeout(QUIET.min(left)) {
                    Ok(next) => relevant |= matters(&next, &data, &templates),
                    Err(_) => break,
                }
            }
            if !relevant {
                continue;
            }
            if !templates_watched {
                templates_watched = watcher.watch(&templates, RecursiveMode::Recursive).is_ok();
            }
            changed();
        }
    });
    Ok(())
}

/// Whether an event can change the preview: a file made, changed or removed in `data` or
/// `templates`, not one only read.
fn matters(event: &notify::Result<notify::Event>, data: &Path, templates: &Path) -> bool {
    let Ok(event) = event else {
        // Events were lost (the watch overflowed): make the preview again to be sure.
        return true;
    };
    let kind = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    ) || matches!(
        event.kind,
        EventKind::Access(notify::event::AccessKind::Close(
            notify::event::AccessMode::Write
        ))
    );
    kind && event
        .paths
        .iter()
        .any(|p| p.starts_with(data) || p.starts_with(templates))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn only_changes_in_data_and_templates_make_the_preview_again() {
        let (data, templates) = (Path::new("/p/data"), Path::new("/p/templates"));
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(matters(
            &event(modify, "/p/data/inspections/a.yaml"),
            data,
            templates
        ));
        assert!(matters(
            &event(EventKind::Create(CreateKind::Folder), "/p/templates"),
            data,
            templates
        ));
        assert!(!matters(
            &event(modify, "/p/out/index.html"),
            data,
            templates
        ));
        assert!(!matters(&event(modify, "/p/README.md"), data, templates));
        assert!(!matters(
            &event(EventKind::Access(AccessKind::Read), "/p/data/office.yaml"),
            data,
            templates
        ));
        assert!(matters(
            &event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "/p/data/office.yaml"
            ),
            data,
            templates
        ));
        assert!(matters(
            &Err(notify::Error::generic("lost")),
            data,
            templates
        ));
    }
}
