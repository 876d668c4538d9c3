//! The live reload: every HTML page the preview serves loads one small script of respond's,
//! from the preview itself (so that a template's Content-Security-Policy allowing `'self'`
//! scripts still lets it run), which listens for a server-sent event and reloads the page when
//! the preview changes. The page carries the generation it shows, and the run of respond that
//! served it, so that a page left open across a restart reloads too.

use std::io::{self, Write};
use std::time::Duration;

use crate::serve::Preview;

/// The path of the script.
pub(crate) const SCRIPT_PATH: &str = "/_respond/live.js";
/// The path of the events.
pub(crate) const EVENTS_PATH: &str = "/_respond/events";

/// The script: listens, and reloads at the first event. The browser reconnects by itself when
/// the connection drops (respond stopped and started again).
pub(crate) const SCRIPT: &str = r#"// respond serve: reloads this page when a record or a template is saved.
(() => {
  const asked = new URL(document.currentScript.src).searchParams;
  const events = new EventSource("/_respond/events?" + asked.toString());
  events.addEventListener("reload", () => {
    events.close();
    location.reload();
  });
})();
"#;

/// How often a waiting connection is sent a comment, to find a closed page and let it go.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `html` with the script loaded at the end of its body (or at its end, if it has none), for
/// the page of `generation` in this `run`.
pub(crate) fn with_script(html: &[u8], generation: u64, run: u32) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}?since={generation}&amp;run={run}\"></script>\n");
    let at = html
        .windows(b"</body>".len())
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The generation and run a page asked about, from the query of its events' address; a page
/// that gives none is treated as of generation 0 of no run, and so reloads at once.
pub(crate) fn asked(query: &str) -> (u64, Option<u32>) {
    let mut since = 0;
    let mut run = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("since", value)) => since = value.parse().unwrap_or(0),
            Some(("run", value)) => run = value.parse().ok(),
            _ => {}
        }
    }
    (since, run)
}

/// Streams the events to one page: headers at once, then an event when the preview passes
/// generation `since` (at once, if the page is of another run), then the connection ends; a
/// comment every so often meanwhile, so that a page closed is noticed and its thread ends.
pub(crate) fn stream(
    mut writer: Box<dyn Write + Send>,
    preview: &Preview,
    (since, run): (u64, Option<u32>),
) -> io::Result<()> {
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 500\n\n",
    )?;
    writer.flush()?;
    let since = if run == Some(preview.run) { since } else { 0 };
    loop {
        match preview.wait_past(since, KEEP_ALIVE) {
            Some(generation) => {
                write!(writer, "event: reload\ndata: {generation}\n\n")?;
                return writer.flush();
            }
            None => {
                writer.write_all(b": waiting\n\n")?;
                writer.flush()?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_end_of_body() {
        let page = with_script(b"<body><p>a</p></BODY>\n</html>", 3, 7);
        assert_eq!(
            String::from_utf8_lossy(&page),
            "<body><p>a</p><script src=\"/_respond/live.js?since=3&amp;run=7\"></script>\n</BODY>\n</html>"
        );
        let bare = with_script(b"<p>a</p>", 0, 1);
        assert!(bare.ends_with(b"</script>\n"));
    }

    #[test]
    fn the_question_of_a_page_is_read_from_its_query() {
        assert_eq!(asked("since=12&run=7"), (12, Some(7)));
        assert_eq!(asked("run=7&since=x"), (0, Some(7)));
        assert_eq!(asked(""), (0, None));
    }
}
