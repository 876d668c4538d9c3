//! Reading YAML into a tree of nodes that remember where they came from.
//!
//! The text is parsed by granit-parser, the YAML 1.2 parser that serde-saphyr is built on
//! (pure safe Rust, fuzzed), and the tree is built here from its events. We keep the tree
//! generic rather than deserializing straight into record structs, so that validation can
//! report *every* problem in a file at its own line and column instead of stopping at serde's
//! first; and we build it from the events ourselves, rather than through serde-saphyr's
//! `Spanned<T>`, because that is half again as fast (measured on 10,000 records) and puts the
//! limits in our hands: duplicate keys are refused, anchors and aliases are refused (records
//! never need them, and with them go alias bombs), tags (`!!binary`, `!include`) are refused
//! rather than dropped, and nesting is bounded. All use of the YAML crate is in this module, so
//! that a swap stays local.
//!
//! The parser's own messages are written for programmers; [`parse`] keeps their place and adds
//! a `help:` for the mistakes staff make (a tab, a colon in a value, an unclosed quote, Word's
//! curly quotes, a list item without its `- `).

use granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::problem::{Code, forbidden};

/// A YAML node and the byte range of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Byte offset of the node's text.
    pub offset: usize,
    /// Byte length of the node's text (0 when unknown).
    pub len: usize,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value (`key:` with nothing after it, or `~`, or `null`).
    Null,
    /// A scalar: its text as written for numbers and booleans, its value for strings.
    Scalar(Scalar),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in the order written; keys are nodes too, so they have places.
    Map(Vec<(Node, Node)>),
}

/// A scalar value.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The text: for a number or boolean exactly as written (`09`, `1.10`, `true`).
    pub text: String,
    /// What YAML 1.2's core schema takes it for.
    pub kind: ScalarKind,
    /// How it is written: plain, in quotes, or as a block (`|`, `>`).
    pub style: Written,
}

/// How a scalar is written, which decides what can go wrong with it: a plain value ends at
/// ` #`, a block's text ends where its indentation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Without quotes, on the field's line.
    Plain,
    /// In single or double quotes.
    Quoted,
    /// A block of lines after `|` or `>`.
    Block,
}

/// What YAML takes a scalar for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    /// A string.
    String,
    /// An integer or a float.
    Number,
    /// `true` or `false`.
    Bool,
}

impl Value {
    /// What kind of value this is, for messages: "a list", "a mapping", "text", "nothing".
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Scalar(Scalar {
                kind: ScalarKind::Bool,
                ..
            }) => "true/false",
            Value::Scalar(Scalar {
                kind: ScalarKind::Number,
                ..
            }) => "a number",
            Value::Scalar(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax error, or a structure the reader refuses (duplicate keys, aliases, depth).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What kind of error it is.
    pub code: Code,
    /// Byte offset of the error, when known.
    pub offset: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to put it right, when there is something to say.
    pub help: Option<String>,
}

/// How deep lists and mappings may nest. A record needs four levels.
pub const MAX_DEPTH: usize = 64;

/// A list or mapping being built.
enum Open {
    Seq(Node),
    /// A mapping, its key waiting for a value, and its keys' names once it has many.
    Map(Node, Option<Node>, Keys),
}

impl Open {
    /// A list (`seq`) or mapping that starts at `offset`.
    fn new(seq: bool, offset: usize) -> Self {
        let node = |value| Node {
            value,
            offset,
            len: 0,
        };
        if seq {
            Self::Seq(node(Value::Seq(Vec::new())))
        } else {
            Self::Map(node(Value::Map(Vec::new())), None, Keys::default())
        }
    }

    /// Adds a finished node: an item of a list, or a key or value of a mapping. A key the
    /// mapping already has is refused.
    fn add(&mut self, node: Node) -> Result<(), SyntaxError> {
        match self {
            Self::Seq(seq) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Self::Map(map, key, keys) => match key.take() {
                None => {
                    if let (Value::Map(entries), Value::Scalar(name)) = (&map.value, &node.value)
                        && !keys.insert(entries, &name.text)
                    {
                        return Err(SyntaxError {
                            code: Code::DuplicateKey,
                            offset: Some(node.offset),
                            message: format!("duplicate key `{}`", name.text),
                            help: Some(
                                "each field may appear once; merge the two or delete one"
                                    .to_owned(),
                            ),
                        });
                    }
                    *key = Some(node);
                }
                Some(name) => {
                    if let Value::Map(entries) = &mut map.value {
                        entries.push((name, node));
                    }
                }
            },
        }
        Ok(())
    }
}

/// The names of a mapping's keys, looked up among its entries while it has few and in a set
/// once it has many: a hostile file of a million keys would otherwise compare each with all
/// those before it.
#[derive(Default)]
pub(crate) struct Keys(Option<std::collections::HashSet<String>>);

impl Keys {
    /// How many keys are looked up among the entries themselves.
    const FEW: usize = 32;

    /// Records `name`, the key of the next entry after `entries`; `false` if a scalar key of
    /// `entries` already has it.
    pub(crate) fn insert(&mut self, entries: &[(Node, Node)], name: &str) -> bool {
        if self.0.is_none() && entries.len() < Self::FEW {
            return !entries
                .iter()
                .any(|(k, _)| matches!(&k.value, Value::Scalar(s) if s.text == name));
        }
        let set = self.0.get_or_insert_with(|| {
            entries
                .iter()
                .filter_map(|(k, _)| match &k.value {
                    Value::Scalar(s) => Some(s.text.clone()),
                    _ => None,
                })
                .collect()
        });
        set.insert(name.to_owned())
    }
}

/// Parses one YAML document into a tree of located nodes.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let offset = e
                .marker()
                .byte_offset()
                .or_else(|| offset_of(text, e.marker().line(), e.marker().col()));
            explain(text, offset, &e.info())
        })?;
        let (offset, len) = range(text, &span);
        if let Some(tag) = event.tag() {
            refuse_tag(text, tag, matches!(event, Event::Scalar(..)), offset)?;
        }
        let node = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(SyntaxError {
                        code: Code::TwoDocuments,
                        offset: Some(offset),
                        message: "a second YAML document starts here".to_owned(),
                        help: Some("a record file holds one document; remove the `---` line or move the second record to its own file".to_owned()),
                    });
                }
                continue;
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                return Err(SyntaxError {
                    code: Code::YamlAlias,
                    offset: Some(offset),
                    message: "anchors and aliases are not supported".to_owned(),
                    help: Some(
                        "write the value out in full instead of repeating it with `*name`"
                            .to_owned(),
                    ),
                });
            }
            Event::Scalar(value, style, _, tag) => Node {
                value: scalar(value.into_owned(), style, tag.as_deref()),
                offset,
                len,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(SyntaxError {
                        code: Code::TooDeep,
                        offset: Some(offset),
                        message: format!("lists and mappings nest more than {MAX_DEPTH} deep"),
                        help: Some("a record needs only a few levels".to_owned()),
                    });
                }
                stack.push(Open::new(matches!(event, Event::SequenceStart(..)), offset));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(mut node) | Open::Map(mut node, _, _)) => {
                    node.len = (offset + len).saturating_sub(node.offset);
                    node
                }
                None => continue,
            },
            _ => continue,
        };
        // A mapping that is an item of a list, for the help on a duplicate key.
        let in_list = stack.len() >= 2 && matches!(stack[stack.len() - 2], Open::Seq(_));
        match stack.last_mut() {
            None => root = Some(node),
            Some(open) => open
                .add(node)
                .map_err(|error| in_list_item(text, error, in_list))?,
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        offset: 0,
        len: 0,
    }))
}

/// Refuses a tag (`!!binary`, `!include`, `!anything`): records are plain text, and a tag
/// the reader dropped would change what a value means without a word. Only `!!str` on a
/// scalar is kept, because it says no more than quotes do.
fn refuse_tag(
    text: &str,
    tag: &granit_parser::Tag,
    scalar: bool,
    offset: usize,
) -> Result<(), SyntaxError> {
    if scalar && tag.is_yaml_core_schema_tag("str") {
        return Ok(());
    }
    let written = tag.original();
    // The node starts after its tag: point at the tag, where it is written before it.
    let at = text
        .get(..offset)
        .and_then(|before| before.rfind(&written))
        .unwrap_or(offset);
    Err(SyntaxError {
        code: Code::YamlTag,
        offset: Some(at),
        message: format!("the YAML tag `{written}` is not supported"),
        help: Some(
            "records hold plain text: delete the word starting with `!`; if the text itself starts with `!`, put it in quotes"
                .to_owned(),
        ),
    })
}

/// A duplicate key in an item of a list is, nearly always, a second item whose `- ` is
/// missing: deleting one of the keys, as the usual help says, would delete a recommendation.
fn in_list_item(text: &str, mut error: SyntaxError, in_list: bool) -> SyntaxError {
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
fn explain(text: &str, mut offset: Option<usize>, info: &str) -> SyntaxError {
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

/// Whether bytes are UTF-16 text (Windows' "Unicode"): a UTF-16 byte-order mark, or a NUL in
/// every other byte of the first line, which UTF-8 text never has.
pub fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let start = &bytes[..bytes.len().min(64)];
    let nuls = start.iter().filter(|b| **b == 0).count();
    start.len() >= 4 && nuls * 3 >= start.len()
}

/// The byte range of an event's span.
fn range(text: &str, span: &Span) -> (usize, usize) {
    let at = |m: &granit_parser::Marker| {
        m.byte_offset()
            .or_else(|| offset_of(text, m.line(), m.col()))
            .unwrap_or(0)
            .min(text.len())
    };
    let (start, end) = (at(&span.start), at(&span.end));
    (start, end.saturating_sub(start))
}

/// The byte offset of a 1-based line and 0-based character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line = line.checked_sub(1)?;
    let start = if line == 0 {
        0
    } else {
        text.match_indices('\n').nth(line - 1)?.0 + 1
    };
    let rest = &text[start..];
    Some(
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// Resolves a scalar as YAML 1.2's core schema does; an explicit `!!str` keeps it text.
fn scalar(text: String, style: ScalarStyle, tag: Option<&granit_parser::Tag>) -> Value {
    let written = match style {
        ScalarStyle::Plain => Written::Plain,
        ScalarStyle::Literal | ScalarStyle::Folded => Written::Block,
        _ => Written::Quoted,
    };
    if tag.is_some_and(|t| t.is_yaml_core_schema_tag("str")) {
        return Value::Scalar(Scalar {
            text,
            kind: ScalarKind::String,
            style: written,
        });
    }
    resolve(text, written)
}

/// A scalar written as `style`, resolved as YAML 1.2's core schema does: only a plain scalar
/// can be anything but text (nothing, a number, true or false).
fn resolve(text: String, style: Written) -> Value {
    if style != Written::Plain {
        return Value::Scalar(Scalar {
            text,
            kind: ScalarKind::String,
            style,
        });
    }
    let kind = match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarKind::Bool,
        t if is_number(t) => ScalarKind::Number,
        _ => ScalarKind::String,
    };
    Value::Scalar(Scalar { text, kind, style })
}

/// YAML 1.2 core schema integers and floats: `12`, `-3`, `0x1F`, `0o17`, `1.5`, `2e3`, `.inf`.
fn is_number(text: &str) -> bool {
    // Every form starts so; most values are words, and are told at their first byte.
    if !matches!(
        text.as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.')
    ) {
        return false;
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = text.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return digits(octal, 8);
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() || digits(whole, 10))
                && (fraction.is_empty() || digits(fraction, 10))
                && !(whole.is_empty() && fraction.is_empty())
        }
        None => digits(mantissa, 10),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_of(node: &Node) -> (&str, ScalarKind) {
        match &node.value {
            Value::Scalar(s) => (s.text.as_str(), s.kind),
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn keeps_numbers_as_written() {
        let node = parse("number: 09\nn: 1.10\nok: true\nno: no\nd: 2023-08-25\nq: \"12\"\ne:\n")
            .expect("valid");
        let Value::Map(entries) = &node.value else {
            panic!("not a map")
        };
        let values: Vec<_> = entries[..6].iter().map(|(_, v)| scalar_of(v)).collect();
        assert_eq!(
            values,
            [
                ("09", ScalarKind::Number),
                ("1.10", ScalarKind::Number),
                ("true", ScalarKind::Bool),
                ("no", ScalarKind::String),
                ("2023-08-25", ScalarKind::String),
                ("12", ScalarKind::String),
            ]
        );
        assert_eq!(entries[6].1.value, Value::Null);
        assert_eq!((entries[1].1.offset, entries[1].1.len), (14, 4));
    }

    #[test]
    fn numbers() {
        for yes in [
            "0", "-3", "+4", "1.5", ".5", "5.", "2e3", "1.5E-3", "0x1F", "0o17", ".inf", "-.inf",
            ".nan",
        ] {
            assert!(is_number(yes), "{yes}");
        }
        for no in [
            "",
            ".",
            "1.2.3",
            "1e",
            "0x",
            "12a",
            "2023-08-25",
            "25/08/2023",
            "e3",
        ] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn refuses_duplicate_keys_aliases_and_depth() {
        let dup = parse("title: a\ntitle: b\n").expect_err("duplicate");
        assert_eq!(
            (dup.offset, dup.message.as_str()),
            (Some(9), "duplicate key `title`")
        );
        let alias = parse("a: &x [1, 2]\nb: *x\n").expect_err("alias");
        assert_eq!(
            (alias.offset, alias.message.as_str()),
            (Some(16), "anchors and aliases are not supported")
        );
        let deep = parse(&format!("{}{}", "[".repeat(100), "]".repeat(100))).expect_err("deep");
        assert_eq!(deep.message, "lists and mappings nest more than 64 deep");
    }

    /// A hostile file of many keys is read in time linear in its keys (each compared with all
    /// those before it, 100,000 keys would be five billion comparisons), and a duplicate among
    /// them is still found.
    #[test]
    fn many_keys_are_told_apart_and_a_duplicate_among_them_is_found() {
        let mut text: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
        assert!(parse(&text).is_ok());
        text.push_str("k77: again\n");
        let dup = parse(&text).expect_err("duplicate");
        assert_eq!(
            (dup.message.as_str(), dup.offset),
            ("duplicate key `k77`", Some(text.len() - 11))
        );
    }

    #[test]
    fn syntax_errors_have_places() {
        let error = parse("title: a\n  bad: indent\n").expect_err("syntax");
        assert_eq!(error.offset, Some(14));
        assert_eq!(
            error.message,
            "invalid YAML: mapping values are not allowed in this context"
        );
    }

    #[test]
    fn tags_are_refused_but_str() {
        for (text, tag, offset) in [
            ("a: !!binary aGk=\n", "!!binary", 3),
            ("a: !include x.yaml\n", "!include", 3),
            ("a: !x\n  - 1\n", "!x", 3),
            ("a: !!map {}\n", "!!map", 3),
        ] {
            let error = parse(text).expect_err(text);
            assert_eq!(error.code, Code::YamlTag, "{text}");
            assert_eq!(error.offset, Some(offset), "{text}");
            assert!(error.message.contains(tag), "{text}: {}", error.message);
        }
        assert!(parse("a: !!str 09\n").is_ok());
    }

    #[test]
    fn utf16_is_recognised() {
        let text = "title: a\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(is_utf16(&le));
        assert!(is_utf16(&be));
        assert!(is_utf16(&[0xff, 0xfe]));
        assert!(!is_utf16(text.as_bytes()));
        assert!(!is_utf16("title: “Ünïcödé”\n".as_bytes()));
        assert!(!is_utf16(b""));
    }

    #[test]
    fn syntax_errors_say_what_to_do() {
        let help = |text: &str| parse(text).expect_err(text).help.unwrap_or_default();
        assert!(help("a: b\n\tc: d\n").contains("tab"));
        assert!(help("title: A: b\n").contains("`title: \"A: b\"`"));
        assert!(help("title: \"open\nb: c\n").contains("opened on line 1"));
        assert!(help("title: 'it''s open\nb: c\n").contains("opened on line 1"));
        assert!(help("title: “A: b”\n").contains("curly quote"));
        assert!(
            help("title: \"open\n").contains("opened on line 1"),
            "{}",
            help("title: \"open\n")
        );
        assert!(help("title: \"A\" and b\n").contains("nothing may follow it"));
        // A quoted text over two lines is not taken for an unclosed quote later on.
        assert!(!help("title: \"a\n  b\"\nx: y: z\n").contains("opened on line"));
        assert!(help("l:\n  - n: 1\n    n: 2\n").contains("`- ` is probably missing"));
        // A duplicate key outside a list keeps its usual help.
        assert!(help("n: 1\nn: 2\n").contains("merge the two"));
        let control = parse("title: a\u{1b}b\n").expect_err("control");
        assert_eq!(control.offset, Some(8));
        assert!(control.message.contains("\\u{1b}"), "{}", control.message);
    }

    #[test]
    fn empty_documents_are_null() {
        assert_eq!(parse("").expect("valid").value, Value::Null);
        assert_eq!(
            parse("# only a comment\n").expect("valid").value,
            Value::Null
        );
    }
}
