//! `respond serve`: a preview of the website on this computer only, as staff edit. The parts:
//!
//! - `snapshot`: the project read, validated and rendered in memory (or its problems);
//! - `watch`: `data/` and `templates/` watched, and a new snapshot made after each save;
//! - `live`: the script every page loads, which reloads it when the snapshot changes;
//! - `http`: the server, bounded in what one client can take of it;
//! - here: the snapshot held for the requests, and each request answered.
//!
//! The preview listens on 127.0.0.1 only, and answers only requests addressed to it by that
//! name or `localhost`, so that neither another computer nor a web page from elsewhere that
//! renames itself (DNS rebinding) can read the drafts. It writes no file.

mod http;
mod live;
pub(crate) mod snapshot;
pub(crate) mod watch;

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use snapshot::Snapshot;

/// The snapshot the preview shows, and its generation, which grows at every change.
pub(crate) struct Preview {
    current: Mutex<(u64, Arc<Snapshot>)>,
    changed: Condvar,
    /// This run of respond: a page from another run reloads at once.
    pub(crate) run: u32,
    /// The port it listens on, for the names it answers to.
    port: u16,
}

impl Preview {
    /// A preview of `snapshot`, on `port`.
    pub(crate) fn new(snapshot: Snapshot, port: u16) -> Self {
        Self {
            current: Mutex::new((1, Arc::new(snapshot))),
            changed: Condvar::new(),
            run: std::process::id(),
            port,
        }
    }

    /// The generation shown and its snapshot.
    pub(crate) fn current(&self) -> (u64, Arc<Snapshot>) {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        (current.0, Arc::clone(&current.1))
    }

    /// Shows `snapshot` from now on, if it differs from the one shown, and wakes the pages
    /// waiting; returns whether it did.
    pub(crate) fn replace(&self, snapshot: Snapshot) -> bool {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if *current.1 == snapshot {
            return false;
        }
        *current = (current.0 + 1, Arc::new(snapshot));
        self.changed.notify_all();
        true
    }

    /// Waits up to `timeout` for a generation past `since`, and returns it.
    pub(crate) fn wait_past(&self, since: u64, timeout: Duration) -> Option<u64> {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let (current, _) = self
            .changed
            .wait_timeout_while(current, timeout, |c| c.0 <= since)
            .unwrap_or_else(PoisonError::into_inner);
        (current.0 > since).then_some(current.0)
    }
}

/// Answers requests on `listener` until the process is stopped, each connection on its own
/// thread (a page waiting for the next change holds one), as many at once as `http` allows.
pub(crate) fn answer(listener: &std::net::TcpListener, preview: &Arc<Preview>) {
    let preview = Arc::clone(preview);
    http::serve(listener, move |request, stream| {
        // A page closed while it was answered: nothing to do.
        let _ = respond(&request, stream, &preview);
    });
}

/// What a request is answered with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A file, or a page of respond's own: status, content type, bytes.
    File(u16, &'static str, Vec<u8>),
    /// Moved: the address to go to instead.
    Redirect(String),
    /// The events of the live reload, for a page of this generation and run.
    Events(u64, Option<u32>),
}

fn respond(
    request: &http::Request,
    mut stream: std::net::TcpStream,
    preview: &Preview,
) -> std::io::Result<()> {
    let reply = route(
        &request.method,
        &request.target,
        request.host.as_deref(),
        preview,
    );
    let head_only = request.method == "HEAD";
    match reply {
        Reply::Events(since, run) => live::stream(Box::new(stream), preview, (since, run)),
        Reply::Redirect(to) => http::reply(
            &mut stream,
            308,
            &[("Location", &to), ("Cache-Control", "no-store")],
            b"",
            head_only,
        ),
        Reply::File(status, kind, bytes) => http::reply(
            &mut stream,
            status,
            &[
                ("Content-Type", kind),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
            &bytes,
            head_only,
        ),
    }
}

/// The reply to a `method` request for `url`, addressed to `host`.
pub(crate) fn route(method: &str, url: &str, host: Option<&str>, preview: &Preview) -> Reply {
    let ours = [
        format!("127.0.0.1:{}", preview.port),
        format!("localhost:{}", preview.port),
    ];
    if !host.is_some_and(|h| ours.iter().any(|o| o.eq_ignore_ascii_case(h))) {
        return own_reply(
            403,
            "Not this address",
            "The preview answers only at http://127.0.0.1 and http://localhost, on this computer.",
            None,
        );
    }
    if !matches!(method, "GET" | "HEAD") {
        return own_reply(405, "Not allowed", "The preview can only be read.", None);
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        live::SCRIPT_PATH => {
            return Reply::File(
                200,
                "text/javascript; charset=utf-8",
                live::SCRIPT.as_bytes().to_vec(),
            );
        }
        live::EVENTS_PATH => {
            let (since, run) = live::asked(query);
            return Reply::Events(since, run);
        }
        "/drafts" => return Reply::Redirect("/drafts/".to_owned()),
        _ => {}
    }
    let (generation, snapshot) = preview.current();
    // respond's own pages that change with the project reload with it too.
    let page = |status, title, why, text| {
        let html = own_page(title, why, text);
        Reply::File(
            status,
            HTML,
            live::with_script(&html, generation, preview.run),
        )
    };
    if let Some(stopped) = &snapshot.problems {
        return page(200, stopped.title, &stopped.why, Some(&stopped.text));
    }
    let name = path.trim_start_matches('/');
    let name = if name.is_empty() || name.ends_with('/') {
        format!("{name}index.html")
    } else {
        name.to_owned()
    };
    match snapshot.files.get(&name) {
        Some(bytes) => {
            let kind = content_type(&name);
            let bytes = if kind == HTML {
                live::with_script(bytes, generation, preview.run)
            } else {
                bytes.clone()
            };
            Reply::File(200, kind, bytes)
        }
        None => page(
            404,
            "No such page",
            "There is no page at this address.",
            None,
        ),
    }
}

/// The content type of a file of the preview, by its extension.
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => HTML,
        Some("xml") => "application/atom+xml; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The content type of HTML.
const HTML: &str = "text/html; charset=utf-8";

/// The reply of a page of respond's own with `status` (see [`own_page`]).
fn own_reply(status: u16, title: &str, why: &str, text: Option<&str>) -> Reply {
    Reply::File(status, HTML, own_page(title, why, text))
}

/// A page of respond's own (problems, an address with no page): `why` in a sentence, and
/// `text` kept as printed.
fn own_page(title: &str, why: &str, text: Option<&str>) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} — respond preview</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<main id=\"main\">\n<h1>{title}</h1>\n<p>{why}</p>\n{text}\
<nav aria-label=\"The preview\"><p><a href=\"/\">Responses published</a> · \
<a href=\"/drafts/\">Drafts</a></p></nav>\n</main>\n</body>\n</html>\n",
        title = escape(title),
        why = escape(why),
        text = text.map_or(String::new(), |t| format!("<pre>{}</pre>\n", escape(t))),
    );
    html.into_bytes()
}

/// The style of respond's own pages: readable, with text that wraps.
const STYLE: &str = "body { font-family: system-ui, sans-serif; margin: 2rem; color: #0b0c0c; \
background: #fff; line-height: 1.5; }\n\
pre { white-space: pre-wrap; font-size: 1rem; background: #f3f2f1; padding: 1rem; }\n\
a { color: #1d70b8; }\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(files: &[(&str, &str)], problems: Option<&str>) -> Preview {
        let problems = problems.map(|text| snapshot::Stopped {
            title: "Problems in the records",
            why: "Fix it.".to_owned(),
            text: text.to_owned(),
        });
        let snapshot = Snapshot {
            files: files
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.as_bytes().to_vec()))
                .collect(),
            problems,
        };
        Preview::new(snapshot, 5656)
    }

    fn body(reply: Reply) -> (u16, String) {
        match reply {
            Reply::File(status, _, bytes) => (status, String::from_utf8_lossy(&bytes).into()),
            other => panic!("not a file: {other:?}"),
        }
    }

    #[test]
    fn only_requests_addressed_to_this_computer_are_answered() {
        let p = preview(&[("index.html", "<body>index</body>")], None);
        for host in ["127.0.0.1:5656", "localhost:5656", "LOCALHOST:5656"] {
            assert_eq!(body(route("GET", "/", Some(host), &p)).0, 200, "{host}");
        }
        for host in [None, Some("evil.example:5656"), Some("127.0.0.1:80")] {
            assert_eq!(body(route("GET", "/", host, &p)).0, 403, "{host:?}");
        }
        assert_eq!(body(route("POST", "/", Some("127.0.0.1:5656"), &p)).0, 405);
    }

    #[test]
    fn folders_are_their_index_and_pages_carry_the_script() {
        let p = preview(
            &[
                ("index.html", "<body>index</body>"),
                ("drafts/index.html", "<body>drafts</body>"),
                ("feed.xml", "<feed/>"),
            ],
            None,
        );
        let host = Some("127.0.0.1:5656");
        let (_, index) = body(route("GET", "/", host, &p));
        assert!(index.starts_with("<body>index<script src=\"/_respond/live.js?since=1"));
        assert!(
            body(route("GET", "/drafts/", host, &p))
                .1
                .contains("drafts")
        );
        assert_eq!(
            route("GET", "/drafts", host, &p),
            Reply::Redirect("/drafts/".into())
        );
        assert_eq!(body(route("GET", "/feed.xml", host, &p)).1, "<feed/>");
        let (status, missing) = body(route("GET", "/nothing.html", host, &p));
        assert_eq!(status, 404);
        assert!(missing.contains("<h1>No such page</h1>"));
        assert_eq!(
            route("GET", "/_respond/events?since=4&run=9", host, &p),
            Reply::Events(4, Some(9))
        );
    }

    #[test]
    fn problems_are_shown_at_every_address_escaped() {
        let p = preview(&[], Some("error: <title> is missing\n"));
        let (status, page) = body(route("GET", "/anything.html", Some("localhost:5656"), &p));
        assert_eq!(status, 200);
        assert!(page.contains("<pre>error: &lt;title&gt; is missing\n</pre>"));
        assert!(page.contains("/_respond/live.js?since=1"));
    }

    #[test]
    fn a_change_wakes_the_pages_waiting_and_the_same_snapshot_does_not() {
        let p = preview(&[("index.html", "a")], None);
        assert_eq!(p.wait_past(1, Duration::ZERO), None);
        assert!(!p.replace(Snapshot {
            files: [("index.html".to_owned(), b"a".to_vec())].into(),
            problems: None,
        }));
        assert_eq!(p.current().0, 1);
        assert!(p.replace(Snapshot::default()));
        assert_eq!(p.wait_past(1, Duration::ZERO), Some(2));
        assert_eq!(p.wait_past(0, Duration::ZERO), Some(2));
    }
}
