//! Reading YAML into a tree of nodes that remember where they came from.
//!
//! serde-saphyr parses the text (YAML 1.2, duplicate keys refused, budgets against alias
//! bombs) and `Spanned<T>` gives every node its byte range. We keep the tree generic rather
//! than deserializing straight into record structs so that validation can report *every*
//! problem in a file, each at its own line and column, instead of stopping at serde's first.
//! All use of the YAML crate is in this module, so that a swap stays local.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

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
    /// What YAML would take it for.
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

/// A YAML syntax error (or a structural one the parser refuses: duplicate keys, budgets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the error, when known.
    pub offset: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to put it right, when there is something to say.
    pub help: Option<String>,
}

/// Parses one YAML document into a tree of located nodes.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(spanned) => Ok(spanned.into_node(text)),
        Err(error) => Err(syntax_error(&error, text)),
    }
}

fn syntax_error(error: &serde_saphyr::Error, text: &str) -> SyntaxError {
    let error = error.without_snippet();
    let location = error.location();
    let offset = location.and_then(|l| {
        l.span()
            .byte_offset()
            .and_then(|o| usize::try_from(o).ok())
            .filter(|&o| o <= text.len())
            .or_else(|| offset_of(text, l.line(), l.column()))
    });
    let (message, help) = match error {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("duplicate key `{key}`"),
                None => "duplicate key".to_owned(),
            },
            Some("each field may appear once; merge the two or delete one".to_owned()),
        ),
        serde_saphyr::Error::Budget { .. } => (
            "the file expands to too many values".to_owned(),
            Some(
                "a record is a small document; anchors and aliases (`&a`, `*a`) that repeat \
                  content many times over are refused"
                    .to_owned(),
            ),
        ),
        serde_saphyr::Error::MultipleDocuments { .. } => (
            "a second YAML document starts here".to_owned(),
            Some(
                "a record file holds one document; remove the `---` line or move the \
                  second record to its own file"
                    .to_owned(),
            ),
        ),
        other => {
            let message = plain_message(&other.to_string());
            if message.contains("budget breached") {
                (
                    "the file expands to too many values".to_owned(),
                    Some(BUDGET_HELP.to_owned()),
                )
            } else {
                (message, None)
            }
        }
    };
    SyntaxError {
        offset,
        message,
        help,
    }
}

const BUDGET_HELP: &str = "a record is a small document; anchors and aliases (`&a`, `*a`) \
                           that repeat content many times over are refused";

/// Removes the `error: line 2 column 6: ` prefix and ` at line 2, column 6` suffixes of
/// serde-saphyr's messages: the place is shown separately.
fn plain_message(message: &str) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let rest = message
        .strip_prefix("line ")
        .and_then(|m| m.split_once(": "))
        .filter(|(position, _)| position.contains(" column "))
        .map_or(message, |(_, rest)| rest);
    let rest = rest.lines().next().unwrap_or(rest);
    let rest = rest.find(" at line ").map_or(rest, |at| &rest[..at]);
    format!("invalid YAML: {rest}")
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u64, column: u64) -> Option<usize> {
    let line = usize::try_from(line).ok()?.checked_sub(1)?;
    let column = usize::try_from(column).ok()?.saturating_sub(1);
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

/// The shape serde-saphyr fills in; converted to [`Node`] with the source text at hand.
enum Raw {
    Null,
    Bool,
    Number,
    String(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

trait IntoNode {
    fn into_node(self, text: &str) -> Node;
}

impl IntoNode for Spanned<Raw> {
    fn into_node(self, text: &str) -> Node {
        let span = self.referenced.span();
        let offset = span
            .byte_offset()
            .and_then(|o| usize::try_from(o).ok())
            .unwrap_or(0)
            .min(text.len());
        let len = span
            .byte_len()
            .and_then(|l| usize::try_from(l).ok())
            .unwrap_or(0)
            .min(text.len() - offset);
        let written = || {
            text.get(offset..offset + len)
                .unwrap_or_default()
                .to_owned()
        };
        let value = match self.value {
            Raw::Null => Value::Null,
            Raw::Bool => Value::Scalar(Scalar {
                text: written(),
                kind: ScalarKind::Bool,
            }),
            Raw::Number => Value::Scalar(Scalar {
                text: written(),
                kind: ScalarKind::Number,
            }),
            Raw::String(s) => Value::Scalar(Scalar {
                text: s,
                kind: ScalarKind::String,
            }),
            Raw::Seq(items) => Value::Seq(items.into_iter().map(|i| i.into_node(text)).collect()),
            Raw::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_node(text), v.into_node(text)))
                    .collect(),
            ),
        };
        Node { value, offset, len }
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Bool)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::String(s))
    }

    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        Err(E::custom("binary values are not supported"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> (&str, ScalarKind) {
        match &node.value {
            Value::Scalar(s) => (s.text.as_str(), s.kind),
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn keeps_numbers_as_written() {
        let node = parse("number: 09\nn: 1.10\nok: true\nno: no\nd: 2023-08-25\n").expect("valid");
        let Value::Map(entries) = &node.value else {
            panic!("not a map")
        };
        let values: Vec<_> = entries.iter().map(|(_, v)| scalar(v)).collect();
        assert_eq!(
            values,
            [
                ("09", ScalarKind::String),
                ("1.10", ScalarKind::Number),
                ("true", ScalarKind::Bool),
                ("no", ScalarKind::String),
                ("2023-08-25", ScalarKind::String),
            ]
        );
        assert_eq!((entries[1].1.offset, entries[1].1.len), (14, 4));
    }

    #[test]
    fn refuses_duplicate_keys_and_bombs() {
        let dup = parse("title: a\ntitle: b\n").expect_err("duplicate");
        assert_eq!(
            (dup.offset, dup.message.as_str()),
            (Some(9), "duplicate key `title`")
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 9].join(", ")
            ));
        }
        let error = parse(&bomb).expect_err("bomb");
        assert_eq!(error.message, "the file expands to too many values");
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
}
