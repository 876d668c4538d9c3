//! The syntax help: granit-parser's messages are written for programmers, so a syntax error
//! keeps the parser's place and gains a `help:` for the mistakes staff make (a tab, a colon in
//! a value, an unclosed quote, Word's curly quotes, a list item without its `- `), found from
//! the text around the error.

use super::SyntaxError;
use crate::problem::{Code, forbidden};

/// A duplicate key in an item of a list is, nearly always, a second item whose `- ` is
/// missing: deleting one of the keys, as the usual help says, would delete a recommendation.
pub(super) fn in_list_item(text: &str, mut error: SyntaxError, in_list: bool) -> SyntaxError {
    if error.code != Code::DuplicateKey || !in_list {
        return error;
    }
    let line = error.offset.map_or(1, |o| {
        text.get(..o).unwrap_or(text).matches('\n').count() + 1
    });
    error.message = format!("{}, in one item of a list", error.message);
    error.help = Some(format!(
        "a `- ` is probably missing: each item of a list starts with `- `, so write `- ` before the first field of the next item (line {line} or above it) and line its other fields up under it; do not delete either field"
    ));
    error
}

/// A syntax error in plain words: the parser's message, and a help for the mistakes staff
/// make, found from the text around the error.
pub(super) fn explain(text: &str, mut offset: Option<usize>, info: &str) -> SyntaxError {
    let mut at = offset.unwrap_or(0).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let line_number = text[..line_start].matches('\n').count() + 1;
    let mut message = format!("invalid YAML: {info}");
    // The parser stops at a control character, or at the start of the value holding it.
    let control = text[line_start..line_end]
        .char_indices()
        .find(|(i, c)| line_start + i >= at && forbidden(*c))
        .or_else(|| line.char_indices().find(|(_, c)| forbidden(*c)));
    // A tab used for indentation, on this line or the next few: where the parser gave up.
    let tab = text[line_start..]
        .split_inclusive('\n')
        .take(3)
        .scan(line_start, |start, l| {
            let here = *start;
            *start += l.len();
            Some((here, l))
        })
        .find_map(|(start, l)| {
            let indent = &l[..l.len() - l.trim_start().len()];
            indent.find('\t').map(|i| start + i)
        });
    let help = if let Some((i, c)) = control {
        offset = Some(line_start + i);
        message = format!(
            "the file holds an invisible control character ({})",
            crate::problem::escape(&c.to_string())
        );
        Some("delete it: it usually comes from copying text out of another program; retype the characters around it if you cannot see it".to_owned())
    } else if let Some(tab) = tab.filter(|_| info.contains("tab")) {
        offset = Some(tab);
        Some("the line is indented with a tab (shown as →), and YAML needs spaces: replace the tab with spaces, lined up with the fields above".to_owned())
    } else if let Some(curly) = value_of(line)
        .and_then(|v| v.chars().next())
        .filter(|c| "“”‘’".contains(*c))
    {
        let straight = if "“”".contains(curly) { '"' } else { '\'' };
        Some(format!(
            "the text starts with a curly quote `{curly}` (as Word writes them), which YAML does not take for a quote: use straight quotes `{straight}` at both ends, or leave the quotes out"
        ))
    } else if let Some((line_number, quote)) = unclosed_quote(text, line_start, line_number)
        .filter(|_| info.contains("quoted scalar") && !info.contains("trailing content"))
    {
        Some(format!(
            "the quote `{quote}` opened on line {line_number} is not closed: add the closing `{quote}` at the end of its text"
        ))
    } else if info.contains("trailing content after") {
        Some("a text in quotes ends at its closing quote, and nothing may follow it: put the whole text in quotes, writing a `\"` inside it as `\\\"` (or use single quotes around a text holding `\"`)".to_owned())
    } else if info.contains("mapping values are not allowed") {
        colon_in_value(line)
    } else {
        None
    };
    SyntaxError {
        code: Code::YamlSyntax,
        offset,
        message,
        help,
    }
}

/// The value on a line `key: value` or `- value`, if it has one.
fn value_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    match rest.split_once(": ") {
        Some((_, value)) => Some(value.trim_start()),
        None => trimmed.strip_prefix("- ").map(str::trim_start),
    }
}

/// The line (from 1) and quote of a quoted value that opens on or before `line_number` and is
/// not closed on its line: the place to look when YAML stops in the middle of a quoted text.
fn unclosed_quote(text: &str, before: usize, line_number: usize) -> Option<(usize, char)> {
    let lines = text[..before].lines().chain(text[before..].lines().take(1));
    let mut found = None;
    for (n, line) in lines.enumerate() {
        let Some(value) = value_of(line) else {
            continue;
        };
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = &value[1..];
        let closed = if quote == '"' {
            let mut escaped = false;
            body.chars().any(|c| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
        } else {
            body.replace("''", "").contains('\'')
        };
        found = if closed { None } else { Some((n + 1, quote)) };
    }
    found.filter(|(n, _)| *n <= line_number)
}

/// The help for `title: Race: and policing`: a colon followed by a space inside a value.
fn colon_in_value(line: &str) -> Option<String> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let trimmed = line.trim_start();
    let (dash, rest) = match trimmed.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", trimmed),
    };
    let (key, value) = rest.split_once(": ")?;
    let value = value.trim();
    if !value.contains(": ") || value.starts_with(['"', '\'', '|', '>']) {
        return (!indent.is_empty()).then(|| {
            "this field is indented further than the one above it: line it up with the fields it belongs with (in a text, a colon followed by a space needs the text in quotes)".to_owned()
        });
    }
    let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!(
        "the text holds a colon followed by a space, which YAML reads as the start of a field: put the text in quotes, `{indent}{dash}{key}: \"{quoted}\"`"
    ))
}
