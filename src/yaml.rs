//! Reading YAML into a tree of nodes that remember where they came from.
//!
//! The text is parsed by granit-parser, the YAML 1.2 parser that serde-saphyr is built on
//! (pure safe Rust, fuzzed), and the tree is built here from its events. We keep the tree
//! generic rather than deserializing straight into record structs, so that validation can
//! report *every* problem in a file at its own line and column instead of stopping at serde's
//! first; and we build it from the events ourselves, rather than through serde-saphyr's
//! `Spanned<T>`, because that is half again as fast (measured on 10,000 records) and puts the
//! limits in our hands: duplicate keys are refused, anchors and aliases are refused (records
//! never need them, and with them go alias bombs), and nesting is bounded. All use of the YAML
//! crate is in this module, so that a swap stays local.

use granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::problem::Code;

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
    /// A mapping, and its key waiting for a value.
    Map(Node, Option<Node>),
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
            Self::Map(node(Value::Map(Vec::new())), None)
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
            Self::Map(map, key) => match key.take() {
                None => {
                    if let (Value::Map(entries), Value::Scalar(name)) = (&map.value, &node.value)
                        && entries.iter().any(
                            |(k, _)| matches!(&k.value, Value::Scalar(s) if s.text == name.text),
                        )
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

/// Parses one YAML document into a tree of located nodes.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| SyntaxError {
            code: Code::YamlSyntax,
            offset: e
                .marker()
                .byte_offset()
                .or_else(|| offset_of(text, e.marker().line(), e.marker().col())),
            message: format!("invalid YAML: {}", e.info()),
            help: None,
        })?;
        let (offset, len) = range(text, &span);
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
                Some(Open::Seq(mut node) | Open::Map(mut node, _)) => {
                    node.len = (offset + len).saturating_sub(node.offset);
                    node
                }
                None => continue,
            },
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(open) => open.add(node)?,
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        offset: 0,
        len: 0,
    }))
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

/// Resolves a scalar as YAML 1.2's core schema does; only plain scalars can be anything but
/// text, and an explicit `!!str` keeps them text.
fn scalar(text: String, style: ScalarStyle, tag: Option<&granit_parser::Tag>) -> Value {
    let is_str_tag = tag.is_some_and(|t| t.is_yaml_core_schema_tag("str"));
    if style != ScalarStyle::Plain || is_str_tag {
        return Value::Scalar(Scalar {
            text,
            kind: ScalarKind::String,
        });
    }
    let kind = match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarKind::Bool,
        t if is_number(t) => ScalarKind::Number,
        _ => ScalarKind::String,
    };
    Value::Scalar(Scalar { text, kind })
}

/// YAML 1.2 core schema integers and floats: `12`, `-3`, `0x1F`, `0o17`, `1.5`, `2e3`, `.inf`.
fn is_number(text: &str) -> bool {
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
    fn empty_documents_are_null() {
        assert_eq!(parse("").expect("valid").value, Value::Null);
        assert_eq!(
            parse("# only a comment\n").expect("valid").value,
            Value::Null
        );
    }
}
