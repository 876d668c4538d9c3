//! The field-level checks every part of validation is built from: the [`Checker`] of one file,
//! and a mapping's known, unknown and missing fields, as its definition in the field table
//! says (the values of each kind are read in `values`). Each check records its problem at the
//! value's own line and column and gives back what it could read, so that one pass over a file
//! reports every problem in it.

use std::cell::OnceCell;

use crate::problem::{Code, LineIndex, Location, Problem, Severity, Source, suggest};
use crate::validate::definitions::{self as d, Field, Mapping};
use crate::yaml::{Node, Value};

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
    /// The mapping's definition.
    mapping: &'static Mapping,
    entries: Vec<(&'static str, &'a Node, &'a Node)>,
}

impl<'a> Fields<'a> {
    /// Checks, in a build with debug assertions (the tests'), that `name` is a field of this
    /// mapping: a constant of another mapping's table would find nothing here.
    fn known(&self, name: &str) {
        debug_assert!(
            self.mapping.names().any(|n| n == name),
            "`{name}` is not a field of {}",
            self.mapping.what
        );
    }

    /// The definition of the field `name` of this mapping.
    pub(crate) fn definition(&self, name: &str) -> &'static Field {
        self.mapping.field(name)
    }

    /// The field's name as written (its key), if the field is there.
    pub(crate) fn key(&self, name: &str) -> Option<&'a Node> {
        self.known(name);
        self.entries
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, key, _)| *key)
    }

    /// The field's value, unless it is empty (`key:` with nothing after it).
    pub(crate) fn get(&self, name: &str) -> Option<&'a Node> {
        self.present(name)
            .filter(|v| v.value != Value::Null || name == d::record::RESPONSE_PUBLISHED)
    }

    /// The field's value, empty or not.
    pub(crate) fn present(&self, name: &str) -> Option<&'a Node> {
        self.known(name);
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
        mapping: &'static Mapping,
    ) -> Option<Fields<'n>> {
        let what = mapping.what;
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
                    mapping.fields[0].name
                ));
                return None;
            }
        };
        let mut fields = Fields {
            node,
            mapping,
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
            if let Some(known) = mapping.names().find(|f| *f == name.text) {
                fields.entries.push((known, key, value));
            } else {
                let close =
                    synonym(&name.text, mapping).or_else(|| suggest(&name.text, mapping.names()));
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
                    None => format!(
                        "the fields are: {}",
                        mapping.names().collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
        for field in mapping.fields.iter().filter(|f| f.required) {
            let name = field.name;
            if fields.get(name).is_none() && !suggested.contains(&name) {
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
                let help = field.help.map(|m| format!("`{name}` is {m}"));
                self.error(at, code, message).help = help;
            }
        }
        Some(fields)
    }
}

/// The field a word people often write for it means, when the mapping has that field: a
/// progress update's day is `on`, which no spelling brings `date` close to.
fn synonym(name: &str, mapping: &Mapping) -> Option<&'static str> {
    const SYNONYMS: [(&str, &str); 5] = [
        ("date", d::progress::ON),
        ("day", d::progress::ON),
        ("when", d::progress::ON),
        ("notes", d::progress::NOTE),
        ("comment", d::progress::NOTE),
    ];
    SYNONYMS
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(name))
        .and_then(|(_, field)| mapping.names().find(|f| f == field))
}
