//! `respond serve`: listens on 127.0.0.1, makes the first preview, watches the project, and
//! answers until stopped; at each change it prints the problems, as `validate` does, and a
//! line saying what the preview now shows.

use std::io::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::ServeArgs;
use crate::serve::snapshot::{self, Built};
use crate::serve::{self, Preview, watch};
use crate::{cmd, load, problem};

/// Runs `respond serve`; returns only if it cannot start.
pub(crate) fn run(args: &ServeArgs, today: NaiveDate) -> Result<ExitCode> {
    let today = args.common.today.unwrap_or(today);
    let project = load::Project::find(args.common.root.as_deref())?;
    // Read by the path as shown, so that a broken template is named as `render` names it;
    // watched by its absolute path, which the watcher's events give.
    let templates = cmd::templates_folder(&project, args.templates.as_deref())?;
    // The default in the form of the project folder's path, which its watch reports.
    let watched_folder = match &args.templates {
        None => project.root.join("templates"),
        Some(dir) => std::path::absolute(dir)
            .with_context(|| format!("failed to find `{}`", dir.display()))?,
    };
    let listener = listen(args.port)?;
    let port = listener.local_addr()?.port();
    let built = snapshot::build(&project, &templates, today);
    report(&built)?;
    let preview = Arc::new(Preview::new(built.snapshot, port));
    let watched = Arc::clone(&preview);
    let (watched_project, watched_templates) = (project.clone(), templates.clone());
    watch::watch(
        &project.root,
        project.root.join("data"),
        watched_folder,
        move || {
            let built = snapshot::build(&watched_project, &watched_templates, today);
            // The terminal may be gone; the preview goes on.
            let _ = report(&built);
            watched.replace(built.snapshot);
        },
    )?;
    let address = format!("http://127.0.0.1:{port}/");
    writeln!(
        io::stderr().lock(),
        "previewing at {address} (drafts at {address}drafts/); press Ctrl+C to stop"
    )?;
    if args.open && opener::open_browser(&address).is_err() {
        writeln!(
            io::stderr().lock(),
            "could not open a browser: open {address} in yours"
        )?;
    }
    serve::answer(&listener, &preview);
    Ok(ExitCode::from(crate::CLEAN))
}

/// Listens on `port` of 127.0.0.1, and nowhere else.
fn listen(port: u16) -> Result<TcpListener> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    match TcpListener::bind(address) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => bail!(
            "port {port} on 127.0.0.1 is in use by another program (perhaps another `respond serve`)\n  = help: stop that program, or give another port, such as `respond serve --port 5657`; `--port 0` takes any free one"
        ),
        Err(e) => Err(e).with_context(|| format!("failed to listen on 127.0.0.1:{port}")),
    }
}

/// Prints a preview's problems, as `validate` does, and what the preview shows.
fn report(built: &Built) -> io::Result<()> {
    cmd::print_problems(&built.problems)?;
    let records = problem::count(built.records, "record");
    let mut err = anstream::stderr().lock();
    match &built.snapshot.problems {
        None if built.problems.is_empty() => {
            writeln!(err, "preview of {records}: no problems")
        }
        None => writeln!(
            err,
            "preview of {records}: {}",
            problem::summary(&built.problems)
        ),
        Some(_) if built.problems.is_empty() => {
            // An error of respond's own (a broken template): the page says it.
            let shown = built
                .snapshot
                .problems
                .as_ref()
                .map_or("", |stopped| stopped.text.as_str());
            write!(
                err,
                "{}",
                problem::styled_error(shown.trim_start_matches("error: "))
            )?;
            writeln!(err, "\nthe preview shows this error until it is fixed")
        }
        Some(_) => writeln!(
            err,
            "the preview shows the problems until they are fixed: {}",
            problem::summary(&built.problems)
        ),
    }
}
