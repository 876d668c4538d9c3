//! The values of each kind a field holds (text, Markdown, date, `true`/`false`, list, word), read
//! through the file's [`Checker`]: each is checked for what no value may hold (control
//! characters, noncharacters, placeholder text, a value cut by a comment) and reported where it
//! is written.

use chrono::NaiveDate;

use crate::date;
use crate::problem::Code;
use crate::problem::{first_forbidden, is_bidi_control};
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields};
use crate::yaml::{Node, Scalar, ScalarKind, Value, Written};

/// The text `respond new` leaves for the user to replace.
pub(crate) const PLACEHOLDER: &str = "TODO";

/// Whether a line of a text looks like a field of the record: `- number: "2"`, or `response: |`
/// (a name and nothing after it but the start of a block). Ordinary prose such as
/// "Note: …" is not, since only the record's own field names count.
fn looks_like_field(line: &str) -> bool {
    let trimmed = line.trim();
    let (item, rest) = match trimmed.strip_prefix("- ") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let Some((name, value)) = rest.split_once(':') else {
        return false;
    };
    let value = value.trim();
    [d::RECORD, d::RECOMMENDATION, d::AREA, d::CAUSE, d::RESPONSE]
        .iter()
        .any(|mapping| mapping.names().any(|n| n == name))
        && (item || value.is_empty() || matches!(value, "|" | ">" | "|-" | ">-" | "|+" | ">+"))
}

impl Checker<'_> {
    /// Text: any scalar, as written. Empty text and control characters are errors;
    /// placeholder text, a value cut by ` #` and a line that looks like a field are warnings.
    pub(crate) fn text(&mut self, node: &Node, name: &str) -> Option<String> {
        self.text_of(node, name, false)
    }

    /// [`Self::text`], for a Markdown text when `markdown` is true.
    fn text_of(&mut self, node: &Node, name: &str, markdown: bool) -> Option<String> {
        let scalar = self.scalar(node, name, markdown)?;
        if scalar.text.contains(PLACEHOLDER) {
            self.warning(
                node,
                Code::PlaceholderText,
                format!("`{name}` still has placeholder text ({PLACEHOLDER})"),
            )
            .help = Some("replace it with the real text before publishing".to_owned());
        }
        self.cut_by_comment(node, scalar);
        // Most texts have no colon at all, and need not be read line by line.
        if scalar.style == Written::Block
            && scalar.text.contains(':')
            && let Some(line) = scalar.text.lines().find(|l| looks_like_field(l))
        {
            let line = line.trim().to_owned();
            // Point at the line itself, found in the block's text as written.
            let end = (node.offset + node.len).min(self.source.text.len());
            let at = self
                .source
                .text
                .get(node.offset..end)
                .and_then(|block| block.find(&line))
                .map_or_else(
                    || node.clone(),
                    |i| Node {
                        value: Value::Null,
                        offset: node.offset + i,
                        len: line.len(),
                    },
                );
            self.warning(
                &at,
                Code::FieldInText,
                format!("the text of `{name}` holds the line `{line}`, which looks like a field"),
            )
            .help = Some(format!(
                "YAML took it for text because it is indented as far as the text of `{name}`; if it is a field, indent it as far as `{name}` itself (or its item's other fields)"
            ));
        }
        Some(scalar.text.clone())
    }

    /// A value without quotes ends at ` #`: YAML reads the rest of the line as a comment, so
    /// `title: PEEL 2025–27 #1 inspection` is cut to "PEEL 2025–27".
    fn cut_by_comment(&mut self, node: &Node, scalar: &Scalar) {
        if scalar.style != Written::Plain {
            return;
        }
        let text = &self.source.text;
        let end = (node.offset + node.len).min(text.len());
        let Some(rest) = text.get(end..) else { return };
        let line = rest.split('\n').next().unwrap_or("");
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            return;
        };
        let comment = comment.trim_end_matches('\r').trim_end();
        let at = Node {
            value: Value::Null,
            offset: end + (line.len() - line.trim_start().len()),
            len: comment.len() + 1,
        };
        self.warning(
            &at,
            Code::CutByComment,
            format!(
                "YAML read `#{comment}` as a comment, so the value ends at `{}`",
                scalar.text
            ),
        )
        .help = Some(
            "if it is part of the text, put the whole text in quotes: `\"…\"`; a comment after a value is best put on its own line"
                .to_owned(),
        );
    }

    /// A scalar, not empty and free of control characters, for text, dates and words alike.
    fn scalar<'n>(&mut self, node: &'n Node, name: &str, markdown: bool) -> Option<&'n Scalar> {
        match &node.value {
            Value::Scalar(scalar) if scalar.text.trim().is_empty() => {
                self.error(node, Code::EmptyField, format!("`{name}` is empty"));
                None
            }
            Value::Scalar(scalar) => {
                if let Some(bad) = first_forbidden(&scalar.text, markdown) {
                    let what = if is_bidi_control(bad) {
                        "a bidirectional override"
                    } else {
                        "an invisible control character"
                    };
                    self.error(
                        node,
                        Code::ControlCharacter,
                        format!(
                            "`{name}` holds {what} ({})",
                            crate::problem::escape(&bad.to_string())
                        ),
                    )
                    .help = Some(
                        "delete it: it usually comes from copying text out of another program (in quotes it may be written as an escape such as `\\e`); retype the text if you cannot see it".to_owned(),
                    );
                    return None;
                }
                if let Some(bad) = first_noncharacter(&scalar.text) {
                    self.error(
                        node,
                        Code::ControlCharacter,
                        format!(
                            "`{name}` holds a Unicode noncharacter (U+{:04X}), which is not text",
                            u32::from(bad)
                        ),
                    )
                    .help = Some(
                        "delete it: it is usually written as an escape such as `\\uFFFE` in quotes, or comes from a damaged file; web pages and the feed cannot hold it".to_owned(),
                    );
                    return None;
                }
                if !markdown && lone_carriage_return(&scalar.text) {
                    self.error(
                        node,
                        Code::ControlCharacter,
                        format!("`{name}` holds a carriage return (\\r) without a line feed"),
                    )
                    .help = Some(
                        "delete it, or write the text on one line: a carriage return alone is not a line break in web pages or calendars (in quotes it is written as the escape `\\r`)".to_owned(),
                    );
                    return None;
                }
                Some(scalar)
            }
            other => {
                let found = other.describe();
                self.error(
                    node,
                    Code::WrongType,
                    format!("`{name}` should be text, not {found}"),
                );
                None
            }
        }
    }

    /// Text in an optional field, read as Markdown or plain as the table says.
    pub(crate) fn optional_text(&mut self, fields: &Fields<'_>, name: &str) -> Option<String> {
        let markdown = fields.definition(name).is_markdown();
        fields
            .get(name)
            .and_then(|node| self.text_of(node, name, markdown))
    }

    /// A date, in any of the forms offices write.
    pub(crate) fn date(&mut self, node: &Node, name: &str) -> Option<NaiveDate> {
        let text = self.scalar(node, name, false)?.text.clone();
        match date::parse(&text) {
            Ok(day) => Some(day),
            Err(error) => {
                self.error(
                    node,
                    Code::InvalidDate,
                    format!("`{name}` is not a valid date: {}", error.reason),
                )
                .help = Some(error.help);
                None
            }
        }
    }

    /// A date in an optional field.
    pub(crate) fn optional_date(&mut self, fields: &Fields<'_>, name: &str) -> Option<NaiveDate> {
        fields.get(name).and_then(|node| self.date(node, name))
    }

    /// `true` or `false`, and nothing YAML 1.1 would have read as one (`yes`, `on`).
    pub(crate) fn boolean(&mut self, node: &Node, name: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar(s) if s.kind == ScalarKind::Bool => {
                Some(s.text.eq_ignore_ascii_case("true"))
            }
            other => {
                let found = match other {
                    Value::Scalar(s) => format!("`{}`", s.text),
                    other => other.describe().to_owned(),
                };
                self.error(
                    node,
                    Code::WrongType,
                    format!("`{name}` should be `true` or `false`, not {found}"),
                );
                None
            }
        }
    }

    /// A list's items; anything else is reported and reads as no items.
    pub(crate) fn list<'n>(&mut self, node: &'n Node, name: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            other => {
                let found = other.describe();
                self.error(
                    node,
                    Code::WrongType,
                    format!("`{name}` should be a list, not {found}"),
                )
                .help = Some("start each item on its own line with `- `".to_owned());
                &[]
            }
        }
    }

    /// One of a fixed set of words (`type`, `by`), through `parse`; an unknown word is reported
    /// with the closest known one.
    pub(crate) fn word<T>(
        &mut self,
        node: &Node,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, crate::model::UnknownWord>,
    ) -> Option<T> {
        let word = self.scalar(node, name, false)?.text.clone();
        match parse(&word) {
            Ok(value) => Some(value),
            Err(unknown) => {
                self.error(node, unknown.code, unknown.message).help = Some(unknown.help);
                None
            }
        }
    }
}

/// The first Unicode noncharacter of `text`: U+FDD0–U+FDEF, and the last two code points of
/// every plane (U+FFFE, U+FFFF, U+1FFFE, …). They are never text, and XML does not allow
/// U+FFFE and U+FFFF: one in a record would make `feed.xml` unreadable.
fn first_noncharacter(text: &str) -> Option<char> {
    // Each one is written in UTF-8 with a first byte of EF or more: most texts have none.
    if !text.bytes().any(|b| b >= 0xef) {
        return None;
    }
    text.chars().find(|&c| {
        let c = u32::from(c);
        (0xfdd0..=0xfdef).contains(&c) || c & 0xfffe == 0xfffe
    })
}

/// Whether `text` holds a carriage return that is not the start of a CRLF line end.
fn lone_carriage_return(text: &str) -> bool {
    text.match_indices('\r')
        .any(|(at, _)| !text[at + 1..].starts_with('\n'))
}

#[cfg(test)]
mod tests {
    use super::{first_noncharacter, lone_carriage_return, looks_like_field};
    use crate::problem::first_forbidden as forbidden_in;
    use crate::problem::{forbidden, is_bidi_control};

    #[test]
    fn forbidden_characters_agree_with_the_character_rule() {
        // Every character near the ranges looked for, in a plain field and a Markdown one.
        let near = (0..0x300).chain(0x2000..0x2100).filter_map(char::from_u32);
        for c in near {
            let text = format!("a{c}b");
            let plain = forbidden(c);
            let markdown = plain && !is_bidi_control(c);
            assert_eq!(forbidden_in(&text, false), plain.then_some(c), "{c:?}");
            assert_eq!(forbidden_in(&text, true), markdown.then_some(c), "{c:?}");
        }
        assert_eq!(forbidden_in("“quoted” – fine…", false), None);
    }

    #[test]
    fn noncharacters_and_lone_carriage_returns() {
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert_eq!(first_noncharacter(&format!("a{c}b")), Some(c), "{c:?}");
        }
        for c in [
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{1fffd}',
            '\u{10000}',
            'é',
            '“',
        ] {
            assert_eq!(first_noncharacter(&format!("a{c}b")), None, "{c:?}");
        }
        assert!(lone_carriage_return("a\rb"));
        assert!(lone_carriage_return("a\r"));
        assert!(lone_carriage_return("a\r\r\nb"));
        assert!(!lone_carriage_return("a\r\nb"));
        assert!(!lone_carriage_return("a\nb"));
    }

    #[test]
    fn lines_that_look_like_fields() {
        for yes in [
            "response: |",
            "  - number: \"2\"",
            "- text: Second.",
            "text:",
            "response: >-",
        ] {
            assert!(looks_like_field(yes), "{yes}");
        }
        for no in [
            "Note: this is fine.",
            "response: we agree",
            "- a list item",
            "titles: |",
        ] {
            assert!(!looks_like_field(no), "{no}");
        }
    }
}
