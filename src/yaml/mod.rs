//! Reading YAML into a tree of nodes that remember where they came from.
//!
//! The text is parsed by granit-parser, the YAML 1.2 parser that serde-saphyr is built on
//! (pure safe Rust, fuzzed), and the tree is built here from its events. We keep the tree
//! generic rather than deserializing straight into record structs, so that validation can
//! report *every* problem in a file at its own line and column instead of stopping at serde's
//! first; and we build it from the events ourselves, rather than through serde-saphyr's
//! `Spanned<T>`, because that was half again as fast when we measured it (December 2026) and puts the
//! limits in our hands: duplicate keys are refused, anchors and aliases are refused (records
//! never need them, and with them go alias bombs), tags (`!!binary`, `!include`) are refused
//! rather than dropped, and nesting is bounded. All use of the YAML crate is in this module, so
//! that a swap stays local.
//!
//! The parser's own messages are written for programmers; [`parse`] keeps their place and adds
//! a `help:` for the mistakes staff make (a tab, a colon in a value, an unclosed quote, Word's
//! curly quotes, a list item without its `- `): that help is `help.rs`, the tree this file.

use granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::problem::Code;

mod help;
#[cfg(test)]
mod tests;

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
            help::explain(text, offset, &e.info())
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
                .map_err(|error| help::in_list_item(text, error, in_list))?,
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
