//! The JSON Schemas (draft 2020-12) of a record and of the office file, written from the same
//! field definitions validation reads ([`crate::validate::definitions`]), so that an editor
//! (VS Code's YAML extension, through yaml-language-server) offers the fields validation
//! knows, describes each one and marks what validation refuses. Where a rule needs more than
//! one field or the clock (a `note` for `superseded`, no update after today), only
//! `respond validate` checks it: the schema is never stricter than validation, so that no
//! valid record is marked as wrong.
//!
//! The output is deterministic: fields in the order of their table, pretty-printed. The same
//! table writes the README's field reference (in this module's tests, which hold `README.md`
//! to it).

use serde::ser::{Serialize, SerializeMap as _, SerializeSeq as _, Serializer};

use crate::validate::definitions::{self, Field, Kind, Mapping};

/// The folder of a project the schemas are written to, beside `data/`.
pub const FOLDER: &str = "schemas";
/// The record's schema file.
pub const RECORD_FILE: &str = "record.schema.json";
/// The office file's schema file.
pub const OFFICE_FILE: &str = "office.schema.json";

/// The note every schema carries, by which respond knows a file as its own (and so refreshes
/// it) rather than someone else's (which it leaves alone).
pub const MARK: &str = "Written by respond";

const COMMENT: &str = "Written by respond from the field definitions validation uses: `respond schema`, `respond new` and `respond templates` rewrite this file, so a change made here is lost.";

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// JSON whose objects keep their keys in the order written (serde_json's own map sorts them).
enum Json {
    Text(String),
    Number(u64),
    Bool(bool),
    List(Vec<Json>),
    Object(Vec<(&'static str, Json)>),
    Parsed(serde_json::Value),
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Number(n) => serializer.serialize_u64(*n),
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Self::Parsed(value) => value.serialize(serializer),
        }
    }
}

fn text(s: &str) -> Json {
    Json::Text(s.to_owned())
}

fn texts<'a>(items: impl IntoIterator<Item = &'a str>) -> Json {
    Json::List(items.into_iter().map(text).collect())
}

/// `"type"`: the JSON types of `kinds`, and `null` for an optional field, which validation
/// reads as left out when it is written with nothing after it (`reference:`).
fn types(kinds: &[&str], nullable: bool) -> (&'static str, Json) {
    let mut all: Vec<&str> = kinds.to_vec();
    if nullable {
        all.push("null");
    }
    match all.as_slice() {
        [one] => ("type", text(one)),
        _ => ("type", texts(all)),
    }
}

/// A reference to one of the schema's definitions.
fn reference(mapping: &Mapping) -> Json {
    Json::Object(vec![(
        "$ref",
        Json::Text(format!("#/$defs/{}", mapping.id)),
    )])
}

/// What validation accepts for `kind`, as schema keywords.
fn kind_schema(kind: &Kind, nullable: bool) -> Vec<(&'static str, Json)> {
    // A day is written in several forms; each has a digit, a word such as "yesterday" none.
    let day = ("pattern", text("[0-9]"));
    match kind {
        // Validation reads any single value as text: `number: 1` is the text "1".
        Kind::Text | Kind::Markdown => vec![
            types(&["string", "number", "boolean"], nullable),
            ("pattern", text("\\S")),
        ],
        Kind::Date | Kind::DayOrMonth => vec![types(&["string"], nullable), day],
        Kind::DateOrUndated => vec![(
            "anyOf",
            Json::List(vec![
                Json::Object(vec![types(&["string"], nullable), day]),
                Json::Object(vec![("const", text("undated"))]),
            ]),
        )],
        Kind::TrueFalse => vec![types(&["boolean"], nullable)],
        Kind::Days => vec![types(&["integer"], nullable), ("minimum", Json::Number(1))],
        Kind::WebAddress => vec![
            types(&["string"], nullable),
            ("pattern", text("^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")),
        ],
        Kind::OneOf(words) => vec![("enum", texts(words.iter().copied()))],
        Kind::ListOf(item) | Kind::NonEmptyListOf(item) => {
            let mut schema = vec![types(&["array"], nullable)];
            if matches!(kind, Kind::NonEmptyListOf(_)) {
                schema.push(("minItems", Json::Number(1)));
            }
            schema.push(("items", Json::Object(kind_schema(item, false))));
            schema
        }
        Kind::Mapping(mapping) if nullable => vec![(
            "anyOf",
            Json::List(vec![
                reference(mapping),
                Json::Object(vec![("type", text("null"))]),
            ]),
        )],
        Kind::Mapping(mapping) => vec![("$ref", Json::Text(format!("#/$defs/{}", mapping.id)))],
    }
}

/// How to write a value of `kind`, for the end of a field's description.
fn kind_note(kind: &Kind) -> Option<String> {
    Some(match kind {
        Kind::Text | Kind::Mapping(_) => return None,
        Kind::Markdown => {
            "Written in Markdown: a blank line between paragraphs, `- ` before each item of a list."
                .to_owned()
        }
        Kind::Date => {
            "A date: 2023-08-25, 25/08/2023 or 25 August 2023 (always day first).".to_owned()
        }
        Kind::DayOrMonth => {
            "A date (2024-03-31, 31/03/2024 or 31 March 2024) or a month (March 2024).".to_owned()
        }
        Kind::DateOrUndated => {
            "A date (2023-10-12, 12/10/2023 or 12 October 2023), or `undated`.".to_owned()
        }
        Kind::TrueFalse => "`true` or `false`.".to_owned(),
        Kind::Days => "A whole number, at least 1.".to_owned(),
        Kind::WebAddress => "A web address starting with `https://` or `http://`.".to_owned(),
        Kind::OneOf(words) => {
            let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
            format!("One of {}.", words.join(", "))
        }
        Kind::ListOf(_) | Kind::NonEmptyListOf(_) => {
            "A list: start each item on its own line with `- `.".to_owned()
        }
    })
}

/// A field's schema: what it holds, what it means and an example.
fn field_schema(field: &Field) -> Json {
    let mut description = String::new();
    if field.required {
        description.push_str("Required. ");
    }
    description.push_str(field.description);
    // The words of `status` and `by` are already in their descriptions.
    let listed = matches!(field.kind, Kind::OneOf(words) if words.iter().all(|w| field.description.contains(&format!("`{w}`"))));
    if let Some(note) = kind_note(&field.kind).filter(|_| !listed) {
        description.push(' ');
        description.push_str(&note);
    }
    let mut schema = vec![("description", Json::Text(description))];
    schema.extend(kind_schema(&field.kind, !field.required));
    // The examples are JSON text in the table; a test proves each one parses.
    if let Ok(example) = serde_json::from_str(field.example) {
        schema.push(("examples", Json::List(vec![Json::Parsed(example)])));
    }
    Json::Object(schema)
}

/// "a commissioner title" → "A commissioner title"; "`copies_sent`" → "copies_sent".
pub(crate) fn title(what: &str) -> String {
    let what = what.trim_matches('`');
    let mut chars = what.chars();
    match chars.next() {
        Some(first) if what.contains(' ') => first.to_uppercase().chain(chars).collect(),
        _ => what.to_owned(),
    }
}

/// A mapping's schema: its fields, those it needs, and no others.
fn mapping_schema(mapping: &Mapping) -> Vec<(&'static str, Json)> {
    let properties = mapping
        .fields
        .iter()
        .map(|field| (field.name, field_schema(field)))
        .collect();
    let mut schema = vec![
        ("title", Json::Text(title(mapping.what))),
        ("description", text(mapping.description)),
        ("type", text("object")),
        ("properties", Json::Object(properties)),
    ];
    let required: Vec<&str> = mapping
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    if !required.is_empty() {
        schema.push(("required", texts(required)));
    }
    schema.push(("additionalProperties", Json::Bool(false)));
    schema
}

/// The schema of the first of `mappings` (the file's own), the others as its definitions.
fn document(mappings: &[&Mapping]) -> String {
    let Some((root, defs)) = mappings.split_first() else {
        return String::new();
    };
    let mut schema = vec![("$schema", text(DIALECT)), ("$comment", text(COMMENT))];
    schema.extend(mapping_schema(root));
    let defs = defs
        .iter()
        .map(|m| (m.id, Json::Object(mapping_schema(m))))
        .collect();
    schema.push(("$defs", Json::Object(defs)));
    // Serialising values built here cannot fail: every key is text and no number is a float.
    let mut out = serde_json::to_string_pretty(&Json::Object(schema)).unwrap_or_default();
    out.push('\n');
    out
}

/// The schema of a record, `record.schema.json`.
pub fn record() -> String {
    document(&definitions::RECORD_MAPPINGS)
}

/// The schema of the office file, `office.schema.json`.
pub fn office() -> String {
    document(&definitions::OFFICE_MAPPINGS)
}

/// Both schemas, with their file names.
pub fn files() -> [(&'static str, String); 2] {
    [(RECORD_FILE, record()), (OFFICE_FILE, office())]
}

/// The path to the schema file `name` from the records' folder, `data/inspections`, where
/// `new` writes a record: `../../schemas/record.schema.json`.
pub fn from_records(name: &str) -> String {
    let up = "../".repeat(crate::load::RECORDS_DIR.split('/').count());
    format!("{up}{FOLDER}/{name}")
}

/// The line that points yaml-language-server at a schema, for the first line of a file.
pub fn modeline(relative: &str) -> String {
    format!("# yaml-language-server: $schema={relative}")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::validate::definitions::{OFFICE_MAPPINGS, RECORD_MAPPINGS};

    #[test]
    fn every_example_is_json_and_every_field_described() {
        for mapping in RECORD_MAPPINGS.iter().chain(OFFICE_MAPPINGS.iter()) {
            for field in mapping.fields {
                assert!(
                    serde_json::from_str::<Value>(field.example).is_ok(),
                    "the example of `{}` in {}",
                    field.name,
                    mapping.what
                );
                assert!(field.description.ends_with('.'), "{}", field.name);
            }
        }
    }

    #[test]
    fn the_words_are_the_models() {
        let formats: Vec<&str> = crate::outputs::Format::ALL
            .iter()
            .map(|f| f.word())
            .collect();
        assert_eq!(formats, definitions::FORMATS);
        let value: Value = serde_json::from_str(&record()).expect("JSON");
        let types = &value["properties"]["type"]["enum"];
        assert_eq!(
            types,
            &serde_json::json!(crate::model::InspectionType::WORDS)
        );
    }

    #[test]
    fn output_is_deterministic_and_draft_2020_12() {
        assert_eq!(record(), record());
        let value: Value = serde_json::from_str(&office()).expect("JSON");
        assert_eq!(value["$schema"], DIALECT);
        assert!(office().contains(MARK) && record().contains(MARK));
    }
}

/// The README's field reference, written from the field table like the schemas, and the test
/// that holds `README.md` to it (which also rewrites it when asked).
#[cfg(test)]
mod readme {
    use super::title;
    use crate::validate::definitions::{self, Kind};

    /// The README's field reference: each mapping's fields, from the same table, between
    /// [`README_START`] and [`README_END`] in `README.md` (a test holds them equal).
    fn readme_reference() -> String {
        let mut out = String::new();
        let mappings = definitions::OFFICE_MAPPINGS
            .iter()
            .chain(definitions::RECORD_MAPPINGS.iter());
        for mapping in mappings {
            out.push_str(&format!(
                "\n#### {}\n\n{}\n\n| Field | Required | Holds | What it means |\n|---|---|---|---|\n",
                // `fire_and_rescue` stays in backticks, a field's name.
                if mapping.what.starts_with('`') {
                    mapping.what.to_owned()
                } else {
                    title(mapping.what)
                },
                mapping.description
            ));
            for field in mapping.fields {
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} |\n",
                    field.name,
                    if field.required { "yes" } else { "no" },
                    holds(&field.kind),
                    field.description.replace('|', "\\|")
                ));
            }
        }
        out.push('\n');
        out
    }

    /// The line before the field reference in `README.md`.
    const README_START: &str = "<!-- The field reference below is written from src/validate/definitions.rs: do not edit it here (see its test, the_readme_holds_the_field_reference). -->";
    /// The line after it.
    const README_END: &str = "<!-- End of the field reference. -->";

    /// What a value of `kind` is, in a few words, for the README.
    fn holds(kind: &Kind) -> String {
        match kind {
            Kind::Text => "text".to_owned(),
            Kind::Markdown => "Markdown".to_owned(),
            Kind::Date => "a date".to_owned(),
            Kind::DateOrUndated => "a date, or `undated`".to_owned(),
            Kind::DayOrMonth => "a date, or a month".to_owned(),
            Kind::TrueFalse => "`true` or `false`".to_owned(),
            Kind::Days => "a number of days".to_owned(),
            Kind::WebAddress => "a web address".to_owned(),
            Kind::OneOf(words) => {
                let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!("one of {}", words.join(", "))
            }
            Kind::ListOf(item) => format!("a list, each item {}", holds(item)),
            Kind::NonEmptyListOf(item) => {
                format!("a list of at least one, each item {}", holds(item))
            }
            Kind::Mapping(mapping) => mapping.what.to_owned(),
        }
    }

    /// The README holds the field reference the table writes. To refresh it after a change to
    /// the table: `REFRESH_README=1 cargo test --lib the_readme_holds_the_field_reference`.
    #[test]
    fn the_readme_holds_the_field_reference() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let (before, rest) = readme.split_once(README_START).expect("the start line");
        let (_, after) = rest.split_once(README_END).expect("the end line");
        let written = format!(
            "{before}{README_START}\n{}{README_END}{after}",
            readme_reference()
        );
        if std::env::var_os("REFRESH_README").is_some() {
            std::fs::write(path, &written).expect("README.md written");
        }
        assert!(
            readme == written,
            "README.md's field reference is not the field table's: run `REFRESH_README=1 cargo test --lib the_readme_holds_the_field_reference` to rewrite it"
        );
    }
}
