//! Plain text and Markdown: a field's short text for a table's row, plain text escaped so that
//! Markdown shows it as written, and a link's address made safe between `<` and `>`.

use pulldown_cmark::{Event, Parser, TagEnd};

use super::options;

/// The first paragraph of `markdown` as plain text on one line, cut at a word to at most
/// `max` characters (an ellipsis marks the cut): the short text of a table's row.
pub fn short(markdown: &str, max: usize) -> String {
    // pulldown-cmark finds every block of a text before its first event, so the first words
    // of a long answer would cost the whole answer. The text up to its first blank line gives
    // the same words when its first paragraph ends within it (a table or a code block would
    // run on past it) and nothing after it defines a link or a footnote (`[label]:`) that the
    // paragraph may use.
    let head = first_blank_line(markdown)
        .map(|at| &markdown[..at])
        .filter(|head| !markdown[head.len()..].contains("]:"))
        .map(first_paragraph)
        .filter(|(_, ended)| *ended);
    let (text, _) = head.unwrap_or_else(|| first_paragraph(markdown));
    cut(&text, max)
}

/// The byte offset of the first blank line of `text` after its first line, if any.
fn first_blank_line(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > 0 && line.trim().is_empty() {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The words of the first paragraph (or heading, or list item) of `markdown` with text, and
/// whether it ended before the text did (if not, the words are all of the text's).
pub(super) fn first_paragraph(markdown: &str) -> (String, bool) {
    let mut text = String::new();
    let mut started = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                started = true;
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) if started => {
                return (text, true);
            }
            _ => {}
        }
    }
    (text, false)
}

/// `text` on one line, cut at a word to at most `max` characters.
pub(super) fn cut(text: &str, max: usize) -> String {
    // The words on one line, joined only until they pass `max` characters: a long answer's
    // first `max` are those of its first words.
    let mut line = String::with_capacity(max + 16);
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += word.chars().count();
        if chars > max {
            break;
        }
    }
    if chars <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Plain text (a title, a number, a name) made safe for Markdown, wherever a template puts it:
/// one line, with every character that could start Markdown syntax backslash-escaped, so that
/// it reads as written when rendered (CommonMark and GitHub) and still reads as plain text.
///
/// Escaped: `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `#`, `|`, `~`, `!`, `{`, `}` anywhere; `&`
/// where it could start an entity (`&lt;`, `&#60;`); and at the start, what would begin a list,
/// a thematic break or a heading underline (`-`, `+`, `=`, `1.`, `1)`). GitHub makes links of
/// web and mail addresses in text (`https://…`, `www.…`, `name@example.org`, `@name`): the `:`
/// before `//` and the `.` after `www` are escaped, and an invisible word joiner (U+2060)
/// follows each `@`, which no backslash can keep from a link.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // While only digits have been written: a `.` or `)` now would start an ordered list.
    let mut leading_digits = true;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
            leading_digits = false;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '{' | '}' => {
                true
            }
            '&' => chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphanumeric() || *next == '#'),
            '-' | '+' | '=' => out.is_empty(),
            '.' | ')' => {
                (leading_digits && !out.is_empty())
                    || (c == '.'
                        && out
                            .get(out.len().saturating_sub(3)..)
                            .is_some_and(|end| end.eq_ignore_ascii_case("www")))
            }
            ':' => {
                let mut after = chars.clone();
                after.next() == Some('/') && after.next() == Some('/')
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push('\u{2060}');
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
    out
}

/// A link's address made safe to write between `<` and `>` in Markdown, as an autolink
/// (`<https://…>`) or a link's destination (`[text](<…>)`): every byte that could end it or
/// change its meaning there (spaces, controls, quotes, `<`, `>`, `\`, `|` in a table, and
/// anything not ASCII) is percent-encoded. An address already percent-encoded is kept as it is.
pub fn link_destination(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for byte in address.trim().bytes() {
        match byte {
            b'!' | b'#'..=b';' | b'=' | b'?'..=b'[' | b']' | b'_' | b'a'..=b'z' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
