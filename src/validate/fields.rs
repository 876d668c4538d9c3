//! The field-level checks every part of validation is built from: a mapping's known, unknown
//! and missing fields, and values of each kind (text, date, `true`/`false`, list). Each check
//! records its problem at the value's own line and column and gives back what it could read,
//! so that one pass over a file reports every problem in it.

use chrono::NaiveDate;

use crate::date;
use std::cell::OnceCell;

use crate::problem::{Code, LineIndex, Location, Problem, Severity, Source, suggest};
use crate::validate::record::{
    AREA_FIELDS, CAUSE_FIELDS, RECOMMENDATION_FIELDS, RECORD_FIELDS, RESPONSE_FIELDS,
};
use crate::yaml::{Node, Scalar, ScalarKind, Value, Written};

/// The text `respond new` leaves for the user to replace.
pub(crate) const PLACEHOLDER: &str = "TODO";

/// The fields written in Markdown. Only they may hold bidirectional controls (a paragraph
/// in Arabic or Hebrew may need them); in a plain field, such as a title, they could make it
/// read differently from what it is.
const MARKDOWN_FIELDS: [&str; 5] = [
    "key_findings",
    "recommendations_intro",
    "areas_for_improvement_intro",
    "text",
    "response",
];

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
    let fields: [&[&str]; 5] = [
        &RECORD_FIELDS,
        &RECOMMENDATION_FIELDS,
        &AREA_FIELDS,
        &CAUSE_FIELDS,
        &RESPONSE_FIELDS,
    ];
    fields.iter().any(|names| names.contains(&name))
        && (item || value.is_empty() || matches!(value, "|" | ">" | "|-" | ">-" | "|+" | ">+"))
}

/// What a required field of `what` holds, for the help under "missing field".
fn meaning(what: &str, name: &str) -> Option<&'static str> {
    if what == crate::validate::office::FIRE_WHAT {
        return Some(match name {
            "service" => "the fire and rescue service, e.g. `Cumbria Fire and Rescue Service`",
            "chief_officer" => {
                "the title of the service's chief officer, e.g. `Chief Fire Officer`"
            }
            _ => return None,
        });
    }
    Some(match name {
        "title" => "the report's title as HMICFRS gives it",
        "published" => "the day HMICFRS published the report, e.g. `2023-08-25`",
        "type" => "the type of inspection, e.g. `national-thematic`",
        "key_findings" => "the report's key findings, in Markdown",
        "number" => "the recommendation's number as printed, e.g. `\"1\"`",
        "text" => "the text, in Markdown",
        "by" => "who responds: `commissioner`, `chief-officer` or `joint`",
        "from" => "the first day the title applies",
        "short" => "the short title, e.g. `PFCC`",
        "name" => "the office's name",
        "area" => "the police area, e.g. `Cumbria`",
        "force" => "the force, e.g. `Cumbria Constabulary`",
        "chief_officer" => "the chief officer's title, e.g. `Chief Constable`",
        "commissioner" => "the list of the commissioner's titles over time",
        "on" => "the day of the update, e.g. `2024-01-10`",
        "status" => {
            "where the item stands: `open`, `in-progress`, `complete`, `superseded` or `not-accepted`"
        }
        _ => return None,
    })
}

/// The value of a mapping's field, if the node is a mapping that has it.
pub(crate) fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Scalar(s) if s.text == name))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// How many unknown fields of one file are reported one by one; the rest are counted in one
/// problem. Each problem holds some hundreds of bytes, so a file of a million unknown fields
/// needed some 150 times its size in memory, and its million errors helped no one.
pub(crate) const UNKNOWN_FIELDS_LISTED: usize = 20;

/// Checks one file, collecting its problems.
pub(crate) struct Checker<'a> {
    pub(crate) source: &'a Source,
    pub(crate) problems: Vec<Problem>,
    /// Built at the first place located: most records have none but their items' targets.
    lines: OnceCell<LineIndex>,
    /// How many unknown fields were reported one by one.
    unknown_listed: usize,
    /// The unknown fields past [`UNKNOWN_FIELDS_LISTED`]: how many, and where the first is.
    unknown_unlisted: Option<(usize, Node)>,
}

/// A mapping's known fields, after unknown ones have been reported.
pub(crate) struct Fields<'a> {
    pub(crate) node: &'a Node,
    entries: Vec<(&'static str, &'a Node, &'a Node)>,
}

impl<'a> Fields<'a> {
    /// The field's name as written (its key), if the field is there.
    pub(crate) fn key(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, key, _)| *key)
    }

    /// The field's value, unless it is empty (`key:` with nothing after it).
    pub(crate) fn get(&self, name: &str) -> Option<&'a Node> {
        self.present(name)
            .filter(|v| v.value != Value::Null || name == "response_published")
    }

    /// The field's value, empty or not.
    pub(crate) fn present(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, _, v)| *v)
    }
}

impl<'a> Checker<'a> {
    pub(crate) fn new(source: &'a Source, problems: Vec<Problem>) -> Self {
        Self {
            source,
            problems,
            lines: OnceCell::new(),
            unknown_listed: 0,
            unknown_unlisted: None,
        }
    }

    /// The problems of the file, once every check is done: the unknown fields not reported one
    /// by one are counted in one more.
    pub(crate) fn finish(mut self) -> Vec<Problem> {
        if let Some((count, first)) = self.unknown_unlisted.take() {
            self.error(
                &first,
                Code::UnknownField,
                format!(
                    "{count} more unknown {} from here on, not listed one by one",
                    if count == 1 { "field" } else { "fields" }
                ),
            )
            .help = Some(format!(
                "the first {UNKNOWN_FIELDS_LISTED} are listed; remove or rename these too, then validate again to see any left"
            ));
        }
        self.problems
    }

    /// [`Source::locate`] in this file, through its line index.
    pub(crate) fn locate(&self, offset: usize, len: usize) -> Location {
        self.lines().locate(self.source, offset, len)
    }

    /// [`Source::line`] in this file, through its line index.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        self.lines().line(self.source, line)
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.source))
    }

    /// Whether any problem so far is an error.
    pub(crate) fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        node: &Node,
        message: String,
    ) -> &mut Problem {
        let at = self.locate(node.offset, node.len);
        let problem = self
            .source
            .problem_on(severity, code, at, self.line(at.line), message);
        self.problems.push(problem);
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    /// An error at `node`; set `.help` on the result to add a help line.
    pub(crate) fn error(&mut self, node: &Node, code: Code, message: String) -> &mut Problem {
        self.push(Severity::Error, code, node, message)
    }

    /// A warning at `node`.
    pub(crate) fn warning(&mut self, node: &Node, code: Code, message: String) -> &mut Problem {
        self.push(Severity::Warning, code, node, message)
    }

    /// The known fields of a mapping; unknown fields and missing required ones are reported.
    /// An unknown field is matched to the known one it most likely means: by a word people
    /// write for it (`date` for a progress update's `on`), or else by spelling.
    pub(crate) fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&'static str],
        required: &[&str],
    ) -> Option<Fields<'n>> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            other => {
                let found = other.describe();
                self.error(
                    node,
                    Code::NotAMapping,
                    format!("{what} should be a mapping of fields, not {found}"),
                )
                .help = Some(format!(
                    "write it as `{}: …` and so on, one field a line",
                    allowed[0]
                ));
                return None;
            }
        };
        let mut fields = Fields {
            node,
            entries: Vec::new(),
        };
        // A missing field that an unknown one was probably meant to be is not reported twice.
        let mut suggested = Vec::new();
        for (key, value) in entries {
            let Value::Scalar(name) = &key.value else {
                self.error(
                    key,
                    Code::InvalidFieldName,
                    format!("a field name in {what} should be a word"),
                );
                continue;
            };
            if let Some(known) = allowed.iter().find(|f| **f == name.text) {
                fields.entries.push((known, key, value));
            } else {
                let close = synonym(&name.text, allowed)
                    .or_else(|| suggest(&name.text, allowed.iter().copied()));
                suggested.extend(close);
                if self.unknown_listed == UNKNOWN_FIELDS_LISTED {
                    let (count, _) = self
                        .unknown_unlisted
                        .get_or_insert_with(|| (0, key.clone()));
                    *count += 1;
                    continue;
                }
                self.unknown_listed += 1;
                self.error(
                    key,
                    Code::UnknownField,
                    format!("unknown field `{}` in {what}", name.text),
                )
                .help = Some(match close {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("the fields are: {}", allowed.join(", ")),
                });
            }
        }
        for name in required {
            if fields.get(name).is_none() && !suggested.contains(name) {
                // A missing field is pointed at the start of its mapping, not all of it.
                let start = Node {
                    value: Value::Null,
                    offset: node.offset,
                    len: 0,
                };
                let (at, code, message) = match fields.present(name) {
                    Some(empty) => (empty, Code::EmptyField, format!("`{name}` is empty")),
                    None => (
                        &start,
                        Code::MissingField,
                        format!("missing field `{name}` in {what}"),
                    ),
                };
                let help = meaning(what, name).map(|m| format!("`{name}` is {m}"));
                self.error(at, code, message).help = help;
            }
        }
        Some(fields)
    }

    /// Text: any scalar, as written. Empty text and control characters are errors;
    /// placeholder text, a value cut by ` #` and a line that looks like a field are warnings.
    pub(crate) fn text(&mut self, node: &Node, name: &str) -> Option<String> {
        let scalar = self.scalar(node, name)?;
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
    fn scalar<'n>(&mut self, node: &'n Node, name: &str) -> Option<&'n Scalar> {
        match &node.value {
            Value::Scalar(scalar) if scalar.text.trim().is_empty() => {
                self.error(node, Code::EmptyField, format!("`{name}` is empty"));
                None
            }
            Value::Scalar(scalar) => {
                let markdown = MARKDOWN_FIELDS.contains(&name);
                if let Some(bad) = crate::problem::first_forbidden(&scalar.text, markdown) {
                    let what = if crate::problem::is_bidi_control(bad) {
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

    /// Text in an optional field.
    pub(crate) fn optional_text(&mut self, fields: &Fields<'_>, name: &str) -> Option<String> {
        fields.get(name).and_then(|node| self.text(node, name))
    }

    /// A date, in any of the forms offices write.
    pub(crate) fn date(&mut self, node: &Node, name: &str) -> Option<NaiveDate> {
        let text = self.scalar(node, name)?.text.clone();
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
        let word = self.scalar(node, name)?.text.clone();
        match parse(&word) {
            Ok(value) => Some(value),
            Err(unknown) => {
                self.error(node, unknown.code, unknown.message).help = Some(unknown.help);
                None
            }
        }
    }
}

/// The field a word people often write for it means, when the mapping has that field: a
/// progress update's day is `on`, which no spelling brings `date` close to.
fn synonym(name: &str, allowed: &[&'static str]) -> Option<&'static str> {
    const SYNONYMS: [(&str, &str); 5] = [
        ("date", "on"),
        ("day", "on"),
        ("when", "on"),
        ("notes", "note"),
        ("comment", "note"),
    ];
    SYNONYMS
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(name))
        .and_then(|(_, field)| allowed.iter().copied().find(|f| f == field))
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
    fn markdown_fields_are_markdown_in_the_definitions() {
        use crate::validate::definitions::{Kind, RECORD_MAPPINGS};
        for name in super::MARKDOWN_FIELDS {
            let kinds: Vec<Kind> = RECORD_MAPPINGS
                .iter()
                .flat_map(|m| m.fields.iter())
                .filter(|f| f.name == name)
                .map(|f| f.kind)
                .collect();
            assert!(!kinds.is_empty(), "`{name}` is in no mapping");
            assert!(
                kinds.iter().all(|k| matches!(k, Kind::Markdown)),
                "`{name}` is not Markdown in every mapping"
            );
        }
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
