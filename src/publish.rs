//! The one edit `respond publish` makes to a record: the line `response_published: DATE`,
//! put where `respond new`'s skeleton keeps it commented out (or where an empty
//! `response_published:` stands), or else added at the end, at the indentation of the
//! record's own fields. Nothing else in the file changes: its comments, order, layout, line
//! endings and byte-order mark stay as they are. Pure: the command validates the edited text
//! before it writes it.

use chrono::NaiveDate;

/// The record's text `bytes` with `response_published: on` in it, and the number of the line
/// it is on (from 1). Every other line keeps its number.
pub fn with_response_published(bytes: &[u8], on: NaiveDate) -> (Vec<u8>, usize) {
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    let ending: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let indent = indentation(bytes);
    let line = format!(
        "{:indent$}response_published: {}",
        "",
        on.format("%Y-%m-%d")
    );
    let mut out = Vec::with_capacity(bytes.len() + line.len() + 2);
    let line_number = |before: &[u8]| before.iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some((start, end)) = place(bytes, indent) {
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

/// The lines of `bytes`, each as the byte range of its text (its end of line excluded, and
/// the byte-order mark before the first left out).
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    bytes.split_inclusive(|&b| b == b'\n').map(move |line| {
        let at = start;
        start += line.len();
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        match text.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) if at == 0 => (3, rest),
            _ => (at, text),
        }
    })
}

/// How far the record's top-level fields are indented: as far as its first line that is not
/// blank, a comment or a document marker (YAML allows a whole record indented, and a line
/// added at another indentation would break it).
fn indentation(bytes: &[u8]) -> usize {
    lines(bytes)
        .map(|(_, text)| text)
        .find(|text| {
            let content = text.trim_ascii();
            !(content.is_empty()
                || content.starts_with(b"#")
                || content.starts_with(b"%")
                || content == b"---"
                || content.starts_with(b"--- ")
                || content == b"...")
        })
        .map_or(0, |text| text.iter().take_while(|&&b| b == b' ').count())
}

/// Where the line goes, as the byte range of the line it replaces (its end of line excluded):
/// the skeleton's `# response_published: YYYY-MM-DD`, or a top-level `response_published:`
/// with no value, indented as the record's fields are (`indent`). The last such line, should
/// there be more than one.
fn place(bytes: &[u8], indent: usize) -> Option<(usize, usize)> {
    lines(bytes)
        .filter(|(_, text)| is_placeholder(text, indent))
        .last()
        .map(|(start, text)| (start, start + text.len()))
}

/// `# response_published: …` (the skeleton's comment), or `response_published:` with nothing
/// but spaces or a comment after it, indented by `indent` spaces.
fn is_placeholder(line: &[u8], indent: usize) -> bool {
    const FIELD: &[u8] = b"response_published:";
    let Some((spaces, line)) = line.split_at_checked(indent) else {
        return false;
    };
    if spaces.iter().any(|&b| b != b' ') {
        return false;
    }
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
                .map(|l| l.trim_start_matches('\u{feff}').trim_start()),
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
        assert!(!is_placeholder(b"response_published: 2026-01-01", 0));
    }

    #[test]
    fn an_indented_record_gets_the_line_at_its_own_indentation() {
        assert_eq!(
            edit("# A record.\n  title: X\n  key_findings: |\n    Found.\n"),
            "# A record.\n  title: X\n  key_findings: |\n    Found.\n  response_published: 2026-12-02\n"
        );
        assert_eq!(
            edit("---\n  title: X\n  # response_published: YYYY-MM-DD\n"),
            "---\n  title: X\n  response_published: 2026-12-02\n"
        );
        // A comment at another indentation than the fields' is left alone.
        assert_eq!(
            edit("  title: X\n# response_published: YYYY-MM-DD\n"),
            "  title: X\n# response_published: YYYY-MM-DD\n  response_published: 2026-12-02\n"
        );
        assert_eq!(
            edit("\u{feff}    title: X\r\n"),
            "\u{feff}    title: X\r\n    response_published: 2026-12-02\r\n"
        );
    }
}
