//! The one edit `respond publish` makes to a record: the line `response_published: DATE`,
//! put where `respond new`'s skeleton keeps it commented out (or where an empty
//! `response_published:` stands), or else added at the end. Nothing else in the file changes:
//! its comments, order, layout, line endings and byte-order mark stay as they are. Pure: the
//! command validates the edited text before it writes it.

use chrono::NaiveDate;

/// The record's text `bytes` with `response_published: on` in it, and the number of the line
/// it is on (from 1). Every other line keeps its number.
pub fn with_response_published(bytes: &[u8], on: NaiveDate) -> (Vec<u8>, usize) {
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    let ending: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let line = format!("response_published: {}", on.format("%Y-%m-%d"));
    let mut out = Vec::with_capacity(bytes.len() + line.len() + 2);
    let line_number = |before: &[u8]| before.iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some((start, end)) = place(bytes) {
        out.extend_from_slice(&bytes[..start]);
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(&bytes[end..]);
        return (out, line_number(&bytes[..start]));
    }
    out.extend_from_slice(bytes);
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        out.extend_from_slice(ending);
    }
    let number = line_number(&out);
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(ending);
    (out, number)
}

/// Where the line goes, as the byte range of the line it replaces (its end of line excluded):
/// the skeleton's `# response_published: YYYY-MM-DD`, or a top-level `response_published:`
/// with no value. The last such line, should there be more than one.
fn place(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut found = None;
    let mut start = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let end = start + line.len();
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        // A byte-order mark before the first line stays where it is.
        let (offset, text) = match text.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) => (3, rest),
            None => (0, text),
        };
        if is_placeholder(text) {
            found = Some((start + offset, start + offset + text.len()));
        }
        start = end;
    }
    found
}

/// `# response_published: …` (the skeleton's comment), or `response_published:` with nothing
/// but spaces or a comment after it.
fn is_placeholder(line: &[u8]) -> bool {
    const FIELD: &[u8] = b"response_published:";
    if let Some(rest) = line.strip_prefix(b"#") {
        let rest = rest.trim_ascii_start();
        return rest.starts_with(FIELD);
    }
    line.strip_prefix(FIELD).is_some_and(|rest| {
        let rest = rest.trim_ascii_start();
        rest.is_empty() || rest.starts_with(b"#")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
    }

    fn edit(text: &str) -> String {
        let (bytes, line) = with_response_published(text.as_bytes(), day());
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            text.lines()
                .nth(line - 1)
                .map(|l| l.trim_start_matches('\u{feff}')),
            Some("response_published: 2026-12-02"),
            "line {line} of {text:?}"
        );
        text
    }

    #[test]
    fn the_skeleton_s_commented_line_is_the_one_replaced() {
        assert_eq!(
            edit(
                "title: X\n# When the response is published, record the day:\n# response_published: YYYY-MM-DD\n"
            ),
            "title: X\n# When the response is published, record the day:\nresponse_published: 2026-12-02\n"
        );
    }

    #[test]
    fn an_empty_field_is_filled() {
        assert_eq!(
            edit("title: X\nresponse_published:   # to do\nrelated: [a]\n"),
            "title: X\nresponse_published: 2026-12-02\nrelated: [a]\n"
        );
    }

    #[test]
    fn otherwise_the_line_is_added_at_the_end() {
        assert_eq!(
            edit("title: X\n# a comment\nkey_findings: |\n  Found.\n"),
            "title: X\n# a comment\nkey_findings: |\n  Found.\nresponse_published: 2026-12-02\n"
        );
        // A last line without its end of line gets one first.
        assert_eq!(
            edit("title: X"),
            "title: X\nresponse_published: 2026-12-02\n"
        );
    }

    #[test]
    fn line_endings_and_a_byte_order_mark_are_kept() {
        assert_eq!(
            edit("\u{feff}title: X\r\nkey_findings: Found.\r\n"),
            "\u{feff}title: X\r\nkey_findings: Found.\r\nresponse_published: 2026-12-02\r\n"
        );
        assert_eq!(
            edit("\u{feff}# response_published: YYYY-MM-DD\r\ntitle: X\r\n"),
            "\u{feff}response_published: 2026-12-02\r\ntitle: X\r\n"
        );
    }

    #[test]
    fn a_field_with_a_value_or_indented_is_not_a_place() {
        // Indented: inside some other field's text; with a value: not a draft's (validation
        // refuses to publish such a record before this runs).
        assert_eq!(
            edit("key_findings: |\n  response_published:\n"),
            "key_findings: |\n  response_published:\nresponse_published: 2026-12-02\n"
        );
        assert!(!is_placeholder(b"response_published: 2026-01-01"));
    }
}
