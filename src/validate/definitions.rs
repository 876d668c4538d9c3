//! The field definitions: for each mapping of a record and of the office file, one table of its
//! fields, each with its name, its kind of value, whether it is required, what it means (written
//! for the staff who fill it in) and an example. Validation takes its field names and required
//! fields from these tables (at compile time, so nothing is allocated per record) and
//! [`crate::schema`] writes the JSON Schema editors read from them, so that the two cannot
//! drift apart.

use crate::model::{InspectionType, ItemStatus, Respondent};

/// The kind of value a field holds, as validation reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// Plain text: any single value (`"1"`, `1` and `true` are all read as text).
    Text,
    /// Text in Markdown.
    Markdown,
    /// A day, in any of the forms validation accepts.
    Date,
    /// A day, or the word `undated`.
    DateOrUndated,
    /// A day, or a month (`March 2024`).
    DayOrMonth,
    /// `true` or `false`.
    TrueFalse,
    /// A whole number of days, at least 1.
    Days,
    /// An `http://` or `https://` web address.
    WebAddress,
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// A list of values of one kind.
    ListOf(&'static Kind),
    /// A list of values of one kind, with at least one.
    NonEmptyListOf(&'static Kind),
    /// A mapping of fields of its own.
    Mapping(&'static Mapping),
}

/// One field of a mapping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// The field's name, as written in the file.
    pub(crate) name: &'static str,
    /// What it holds.
    pub(crate) kind: Kind,
    /// Whether the mapping must have it.
    pub(crate) required: bool,
    /// What it means, in plain English, for the person filling it in.
    pub(crate) description: &'static str,
    /// An example of its value, as JSON.
    pub(crate) example: &'static str,
}

/// A mapping: what messages call it, and its fields in the order the README documents them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mapping {
    /// Its name among the schema's definitions.
    pub(crate) id: &'static str,
    /// How a message names it: "a recommendation".
    pub(crate) what: &'static str,
    /// What it is, for staff.
    pub(crate) description: &'static str,
    /// Its fields.
    pub(crate) fields: &'static [Field],
}

/// The names of `fields`, in order.
pub(crate) const fn names<const N: usize>(fields: &[Field; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].name;
        i += 1;
    }
    out
}

/// The names of the required fields of `fields`, in order; `M` must be their number, which
/// the compiler checks (a wrong `M` stops the build).
pub(crate) const fn required<const N: usize, const M: usize>(
    fields: &[Field; N],
) -> [&'static str; M] {
    let mut out = [""; M];
    let (mut i, mut found) = (0, 0);
    while i < N {
        if fields[i].required {
            assert!(found < M, "more required fields than the count given");
            out[found] = fields[i].name;
            found += 1;
        }
        i += 1;
    }
    assert!(found == M, "fewer required fields than the count given");
    out
}

const TYPES: [&str; 12] = InspectionType::WORDS;
const STATUSES: [&str; 5] = ItemStatus::WORDS;
const RESPONDENTS: [&str; 3] = Respondent::WORDS;
/// The formats `render` writes.
pub(crate) const FORMATS: [&str; 3] = crate::model::Format::WORDS;

const fn field(
    name: &'static str,
    kind: Kind,
    required: bool,
    description: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        kind,
        required,
        description,
        example,
    }
}

const REQUIRED: bool = true;
const OPTIONAL: bool = false;

/// A record: one HMICFRS inspection report and the office's response to it.
pub(crate) const RECORD: Mapping = Mapping {
    id: "record",
    what: "a record",
    description: "One HMICFRS inspection report and the office's response to it, in `data/inspections/`.",
    fields: &RECORD_TABLE,
};

pub(crate) const RECORD_TABLE: [Field; 20] = [
    field(
        "title",
        Kind::Text,
        REQUIRED,
        "The report's title as HMICFRS gives it.",
        r#""PEEL 2023–25: An inspection of Cumbria Constabulary""#,
    ),
    field(
        "reference",
        Kind::Text,
        OPTIONAL,
        "An HMICFRS or office reference for the report. Put numbers in quotes so that they stay as written.",
        r#""28992""#,
    ),
    field(
        "published",
        Kind::Date,
        REQUIRED,
        "The day HMICFRS published the report: the 56-day period for the response begins on it. A day still to come is a report under embargo.",
        r#""2023-08-25""#,
    ),
    field(
        "type",
        Kind::OneOf(&TYPES),
        REQUIRED,
        "The type of inspection. It decides whether the statutory 56-day duty applies: a `fire` inspection has none, and `other` needs a `type_label`.",
        r#""national-thematic""#,
    ),
    field(
        "type_label",
        Kind::Text,
        OPTIONAL,
        "How the type is shown in the documents. Needed when `type` is `other`.",
        r#""Joint targeted area inspection""#,
    ),
    field(
        "link",
        Kind::WebAddress,
        OPTIONAL,
        "The report's web address, copied from the browser's address bar on the report's page.",
        r#""https://hmicfrs.justiceinspectorates.gov.uk/publications/race-and-policing/""#,
    ),
    field(
        "inspectorate",
        Kind::Text,
        OPTIONAL,
        "The inspectorate's name, when it is not the usual one for the type of inspection.",
        r#""HM Inspectorate of Constabulary and Fire & Rescue Services""#,
    ),
    field(
        "statutory",
        Kind::TrueFalse,
        OPTIONAL,
        "Whether the statutory 56-day duty applies, when it is not what the type of inspection says. `false` needs a `statutory_note` saying why.",
        "false",
    ),
    field(
        "statutory_note",
        Kind::Text,
        OPTIONAL,
        "Why the statutory duty does or does not apply to this report. Needed when `statutory` is `false`.",
        r#""HMICFRS confirmed that no response is required.""#,
    ),
    field(
        "key_findings",
        Kind::Markdown,
        REQUIRED,
        "What the report found, in your own summary.",
        r#""The force has improved how it records crime.\n\nIt needs to do more to protect vulnerable people.\n""#,
    ),
    field(
        "recommendations_intro",
        Kind::Markdown,
        OPTIONAL,
        "A paragraph printed before the recommendations.",
        r#""The report makes four recommendations to all forces.\n""#,
    ),
    field(
        "recommendations",
        Kind::ListOf(&Kind::Mapping(&RECOMMENDATION)),
        OPTIONAL,
        "Each recommendation as printed in the report. The response must explain, for each one, the action taken or proposed, or why none is taken (s.55(5B)).",
        r#"[{"number": "1", "text": "Forces should publish their plans.\n", "response": "The plan was published in March.\n"}]"#,
    ),
    field(
        "areas_for_improvement_intro",
        Kind::Markdown,
        OPTIONAL,
        "A paragraph printed before the areas for improvement.",
        r#""The report identifies two areas for improvement.\n""#,
    ),
    field(
        "areas_for_improvement",
        Kind::ListOf(&Kind::Mapping(&AREA)),
        OPTIONAL,
        "Each area for improvement as printed in the report.",
        r#"[{"number": "AFI1", "text": "Effective external scrutiny of its use of force.\n"}]"#,
    ),
    field(
        "causes_of_concern",
        Kind::ListOf(&Kind::Mapping(&CAUSE)),
        OPTIONAL,
        "Each cause of concern as printed in the report.",
        r#"[{"text": "The force does not always safeguard vulnerable people.\n", "recommendations": ["1"]}]"#,
    ),
    field(
        "responses",
        Kind::ListOf(&Kind::Mapping(&RESPONSE)),
        OPTIONAL,
        "The responses to the report: the commissioner's, the chief officer's, or a joint one. Needed once the response is published.",
        r#"[{"by": "commissioner", "text": "I welcome this report.\n"}]"#,
    ),
    field(
        "chief_officer_comments_due",
        Kind::Date,
        OPTIONAL,
        "The day set for the chief officer's comments on the report (s.55(4)).",
        r#""2023-09-30""#,
    ),
    field(
        "response_published",
        Kind::DateOrUndated,
        OPTIONAL,
        "The day the response was published, or `undated` if nobody recorded the day. Leave it out until the response is published: `respond publish` writes it.",
        r#""2023-10-12""#,
    ),
    field(
        "copies_sent",
        Kind::Mapping(&COPIES),
        OPTIONAL,
        "The day each copy of the published response was sent (s.55(6)).",
        r#"{"hmicfrs": "2023-10-12", "home_secretary": "2023-10-13"}"#,
    ),
    field(
        "related",
        Kind::ListOf(&Kind::Text),
        OPTIONAL,
        "The ids (file names without `.yaml`) of other records to print inside this one.",
        r#"["2019-05-02-integrated-peel-assessments-2018-19"]"#,
    ),
];

/// A recommendation of a report.
pub(crate) const RECOMMENDATION: Mapping = Mapping {
    id: "recommendation",
    what: "a recommendation",
    description: "A recommendation as printed in the report, the office's response to it, and how it is followed up.",
    fields: &RECOMMENDATION_TABLE,
};

pub(crate) const RECOMMENDATION_TABLE: [Field; 10] = [
    field(
        "number",
        Kind::Text,
        REQUIRED,
        "The recommendation's number as printed, in quotes so that it stays as written: \"1\", \"09\", \"R3\". Each number appears once in a record.",
        r#""1""#,
    ),
    field(
        "title",
        Kind::Text,
        OPTIONAL,
        "A short title for the recommendation.",
        r#""Publish the strategy""#,
    ),
    field(
        "text",
        Kind::Markdown,
        REQUIRED,
        "The recommendation as printed in the report.",
        r#""By 31 March 2024, forces should publish their strategy.\n""#,
    ),
    field(
        "addressed_to",
        Kind::Text,
        OPTIONAL,
        "Whom the report addresses the recommendation to, when it is not this force.",
        r#""College of Policing""#,
    ),
    field(
        "applies",
        Kind::TrueFalse,
        OPTIONAL,
        "Whether the recommendation applies to this force (if left out: `true`). `false` needs a `reason`, and the recommendation is not followed up.",
        "false",
    ),
    field(
        "reason",
        Kind::Text,
        OPTIONAL,
        "Why the recommendation does not apply. Needed when `applies` is `false`.",
        r#""Addressed to the College of Policing only.""#,
    ),
    field(
        "target",
        Kind::DayOrMonth,
        OPTIONAL,
        "The date the report sets for the recommendation, a day or a month (`March 2024`, due by its last day).",
        r#""31/03/2024""#,
    ),
    field(
        "response",
        Kind::Markdown,
        OPTIONAL,
        "The action taken or proposed, or why none is taken (s.55(5B)).",
        r#""The office will publish its strategy by March.\n""#,
    ),
    field(
        "owner",
        Kind::Text,
        OPTIONAL,
        "Who answers for the recommendation until it is closed.",
        r#""Head of Equality, Diversity and Inclusion""#,
    ),
    field(
        "progress",
        Kind::ListOf(&Kind::Mapping(&PROGRESS)),
        OPTIONAL,
        "Dated updates, oldest first, each time the recommendation's status changes. The latest is where it stands now.",
        r#"[{"on": "2023-11-20", "status": "in-progress", "note": "Draft strategy with the Chief Officer Group."}]"#,
    ),
];

/// An area for improvement of a report.
pub(crate) const AREA: Mapping = Mapping {
    id: "area_for_improvement",
    what: "an area for improvement",
    description: "An area for improvement as printed in the report, the office's response to it, and how it is followed up.",
    fields: &AREA_TABLE,
};

pub(crate) const AREA_TABLE: [Field; 5] = [
    field(
        "number",
        Kind::Text,
        OPTIONAL,
        "The area for improvement's number as printed, if it has one.",
        r#""AFI1""#,
    ),
    field(
        "text",
        Kind::Markdown,
        REQUIRED,
        "The area for improvement as printed in the report.",
        r#""Effective external scrutiny of its use of force.\n""#,
    ),
    field(
        "response",
        Kind::Markdown,
        OPTIONAL,
        "The office's response to it.",
        r#""A scrutiny panel now meets every quarter.\n""#,
    ),
    field(
        "owner",
        Kind::Text,
        OPTIONAL,
        "Who answers for it until it is closed.",
        r#""Head of Professional Standards""#,
    ),
    field(
        "progress",
        Kind::ListOf(&Kind::Mapping(&PROGRESS)),
        OPTIONAL,
        "Dated updates, oldest first, each time its status changes.",
        r#"[{"on": "2024-02-01", "status": "complete"}]"#,
    ),
];

/// A cause of concern of a report.
pub(crate) const CAUSE: Mapping = Mapping {
    id: "cause_of_concern",
    what: "a cause of concern",
    description: "A cause of concern as printed in the report, the recommendations it leads to, and how it is followed up.",
    fields: &CAUSE_TABLE,
};

pub(crate) const CAUSE_TABLE: [Field; 4] = [
    field(
        "text",
        Kind::Markdown,
        REQUIRED,
        "The cause of concern as printed in the report.",
        r#""The force does not always safeguard vulnerable people.\n""#,
    ),
    field(
        "recommendations",
        Kind::ListOf(&Kind::Text),
        OPTIONAL,
        "The numbers of the recommendations it leads to, each one a recommendation of this record.",
        r#"["1", "2"]"#,
    ),
    field(
        "owner",
        Kind::Text,
        OPTIONAL,
        "Who answers for it until it is closed.",
        r#""Detective Chief Superintendent, Public Protection""#,
    ),
    field(
        "progress",
        Kind::ListOf(&Kind::Mapping(&PROGRESS)),
        OPTIONAL,
        "Dated updates, oldest first, each time its status changes.",
        r#"[{"on": "2024-02-01", "status": "in-progress"}]"#,
    ),
];

/// A progress update of an item followed up.
pub(crate) const PROGRESS: Mapping = Mapping {
    id: "progress_update",
    what: "a progress update",
    description: "One dated update of where an item stands.",
    fields: &PROGRESS_TABLE,
};

pub(crate) const PROGRESS_TABLE: [Field; 3] = [
    field(
        "on",
        Kind::Date,
        REQUIRED,
        "The day of the update, not after today. The field is called `on`, not `date`.",
        r#""2024-01-10""#,
    ),
    field(
        "status",
        Kind::OneOf(&STATUSES),
        REQUIRED,
        "Where the item stands: `open` (nothing done yet), `in-progress`, `complete`, `superseded` (needs a `note` saying by what) or `not-accepted` (needs a `note` saying why).",
        r#""in-progress""#,
    ),
    field(
        "note",
        Kind::Markdown,
        OPTIONAL,
        "What was done, or why. Needed when the status is `superseded` or `not-accepted`.",
        r#""Draft strategy with the Chief Officer Group.""#,
    ),
];

/// A response to a report.
pub(crate) const RESPONSE: Mapping = Mapping {
    id: "response",
    what: "a response",
    description: "A response to the report, by the commissioner, the chief officer, or both.",
    fields: &RESPONSE_TABLE,
};

pub(crate) const RESPONSE_TABLE: [Field; 4] = [
    field(
        "by",
        Kind::OneOf(&RESPONDENTS),
        REQUIRED,
        "Who gives the response: `commissioner`, `chief-officer` or `joint`.",
        r#""commissioner""#,
    ),
    field(
        "text",
        Kind::Markdown,
        REQUIRED,
        "The response itself.",
        r#""I welcome this report and its recommendations.\n""#,
    ),
    field(
        "heading",
        Kind::Text,
        OPTIONAL,
        "A heading to print instead of the usual one.",
        r#""PFCC & Constabulary Response to Report and Recommendation""#,
    ),
    field(
        "received",
        Kind::Date,
        OPTIONAL,
        "The day the office received the response.",
        r#""2023-10-01""#,
    ),
];

/// Where the copies of a published response went.
pub(crate) const COPIES: Mapping = Mapping {
    id: "copies_sent",
    what: "`copies_sent`",
    description: "The day each copy of the published response was sent (s.55(6)), each on or after the day it was published.",
    fields: &COPIES_TABLE,
};

pub(crate) const COPIES_TABLE: [Field; 2] = [
    field(
        "hmicfrs",
        Kind::Date,
        OPTIONAL,
        "The day the copy went to HMICFRS.",
        r#""2023-10-12""#,
    ),
    field(
        "home_secretary",
        Kind::Date,
        OPTIONAL,
        "The day the copy went to the Home Secretary.",
        r#""2023-10-13""#,
    ),
];

/// The office file.
pub(crate) const OFFICE: Mapping = Mapping {
    id: "office",
    what: "the office file",
    description: "The office's own details, in `data/office.yaml`: its name, its area, its force and the commissioner's titles over time.",
    fields: &OFFICE_TABLE,
};

pub(crate) const OFFICE_TABLE: [Field; 12] = [
    field(
        "name",
        Kind::Text,
        REQUIRED,
        "The office's name.",
        r#""Cumbria Office of the Police, Fire and Crime Commissioner""#,
    ),
    field(
        "area",
        Kind::Text,
        REQUIRED,
        "The police area.",
        r#""Cumbria""#,
    ),
    field(
        "force",
        Kind::Text,
        REQUIRED,
        "The police force.",
        r#""Cumbria Constabulary""#,
    ),
    field(
        "chief_officer",
        Kind::Text,
        REQUIRED,
        "The title of the force's chief officer.",
        r#""Chief Constable""#,
    ),
    field(
        "commissioner",
        Kind::NonEmptyListOf(&Kind::Mapping(&COMMISSIONER)),
        REQUIRED,
        "The commissioner's titles over time, oldest first. A record uses the title in force on its response date.",
        r#"[{"from": "2012-11-22", "title": "Police and Crime Commissioner", "short": "PCC"}]"#,
    ),
    field(
        "fire_and_rescue",
        Kind::Mapping(&FIRE),
        OPTIONAL,
        "The fire and rescue service, when the commissioner is its fire and rescue authority. Needed once a record has `type: fire`.",
        r#"{"service": "Cumbria Fire and Rescue Service", "chief_officer": "Chief Fire Officer", "from": "2023-04-01"}"#,
    ),
    field(
        "statutory_statement",
        Kind::Text,
        OPTIONAL,
        "A sentence to print instead of the usual one about the duty to respond (s.55).",
        r#""This response is published under section 55 of the Police Act 1996.""#,
    ),
    field(
        "fire_statement",
        Kind::Text,
        OPTIONAL,
        "A sentence to print in the responses to fire and rescue inspections, which have no statutory duty.",
        r#""The commissioner responds as the fire and rescue authority.""#,
    ),
    field(
        "local_target_days",
        Kind::Days,
        OPTIONAL,
        "The office's own target, in days, for responding to reports that have no statutory deadline.",
        "90",
    ),
    field(
        "tracking_from",
        Kind::Date,
        OPTIONAL,
        "The day the office began keeping its responses in respond. A response to a report published on or after it must give the day it was published: `undated` is for the archive.",
        r#""2026-11-22""#,
    ),
    field(
        "formats",
        Kind::NonEmptyListOf(&Kind::OneOf(&FORMATS)),
        OPTIONAL,
        "What `respond render` writes when it is not told: `md`, `html` and `pdf` (if left out: md and html).",
        r#"["md", "html", "pdf"]"#,
    ),
    field(
        "site_url",
        Kind::WebAddress,
        OPTIONAL,
        "The web address the published responses (the `out` folder) are put at, for the links in the feed and the open data.",
        r#""https://www.example.gov.uk/responses""#,
    ),
];

/// A commissioner's title in a period.
pub(crate) const COMMISSIONER: Mapping = Mapping {
    id: "commissioner_title",
    what: "a commissioner title",
    description: "The commissioner's title from a given day.",
    fields: &COMMISSIONER_TABLE,
};

pub(crate) const COMMISSIONER_TABLE: [Field; 4] = [
    field(
        "from",
        Kind::Date,
        REQUIRED,
        "The first day the title applies.",
        r#""2023-04-01""#,
    ),
    field(
        "title",
        Kind::Text,
        REQUIRED,
        "The commissioner's full title.",
        r#""Police, Fire and Crime Commissioner""#,
    ),
    field(
        "short",
        Kind::Text,
        REQUIRED,
        "The short title.",
        r#""PFCC""#,
    ),
    field(
        "office",
        Kind::Text,
        OPTIONAL,
        "The office's name in that period, when it was different.",
        r#""Cumbria Office of Police and Crime Commissioner""#,
    ),
];

/// The fire and rescue service.
pub(crate) const FIRE: Mapping = Mapping {
    id: "fire_and_rescue",
    what: "`fire_and_rescue`",
    description: "The fire and rescue service whose authority the commissioner is.",
    fields: &FIRE_TABLE,
};

pub(crate) const FIRE_TABLE: [Field; 3] = [
    field(
        "service",
        Kind::Text,
        REQUIRED,
        "The fire and rescue service.",
        r#""Cumbria Fire and Rescue Service""#,
    ),
    field(
        "chief_officer",
        Kind::Text,
        REQUIRED,
        "The title of the service's chief officer.",
        r#""Chief Fire Officer""#,
    ),
    field(
        "from",
        Kind::Date,
        OPTIONAL,
        "The day the commissioner became the fire and rescue authority.",
        r#""2023-04-01""#,
    ),
];

/// Every mapping of a record, the record first.
pub(crate) const RECORD_MAPPINGS: [&Mapping; 7] = [
    &RECORD,
    &RECOMMENDATION,
    &AREA,
    &CAUSE,
    &PROGRESS,
    &RESPONSE,
    &COPIES,
];

/// Every mapping of the office file, the office first.
pub(crate) const OFFICE_MAPPINGS: [&Mapping; 3] = [&OFFICE, &COMMISSIONER, &FIRE];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use crate::schema::{office, record};

    /// The properties and required fields of each mapping in a schema, by its title.
    fn shape(schema: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let value: Value = serde_json::from_str(schema).expect("the schema is JSON");
        let mut mappings = vec![value.clone()];
        if let Some(defs) = value["$defs"].as_object() {
            mappings.extend(defs.values().cloned());
        }
        mappings
            .iter()
            .map(|m| {
                assert_eq!(m["additionalProperties"], Value::Bool(false));
                let names = m["properties"]
                    .as_object()
                    .expect("properties")
                    .keys()
                    .cloned()
                    .collect::<BTreeSet<_>>();
                let required = m["required"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                (
                    m["title"].as_str().expect("a title").to_owned(),
                    names.into_iter().collect(),
                    required,
                )
            })
            .collect()
    }

    /// What validation knows of each mapping: its name in messages, its fields and the
    /// required ones, from the arrays the field checks are given.
    fn validation() -> Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)> {
        use crate::validate::office::{COMMISSIONER_FIELDS, FIRE_FIELDS, OFFICE_FIELDS};
        use crate::validate::record::{
            AREA_FIELDS, CAUSE_FIELDS, COPIES_FIELDS, PROGRESS_FIELDS, RECOMMENDATION_FIELDS,
            RECORD_FIELDS, RESPONSE_FIELDS,
        };
        vec![
            (
                "a record",
                RECORD_FIELDS.to_vec(),
                vec!["title", "published", "type", "key_findings"],
            ),
            (
                "a recommendation",
                RECOMMENDATION_FIELDS.to_vec(),
                vec!["number", "text"],
            ),
            (
                "an area for improvement",
                AREA_FIELDS.to_vec(),
                vec!["text"],
            ),
            ("a cause of concern", CAUSE_FIELDS.to_vec(), vec!["text"]),
            (
                "a progress update",
                PROGRESS_FIELDS.to_vec(),
                vec!["on", "status"],
            ),
            ("a response", RESPONSE_FIELDS.to_vec(), vec!["by", "text"]),
            ("`copies_sent`", COPIES_FIELDS.to_vec(), vec![]),
            (
                "the office file",
                OFFICE_FIELDS.to_vec(),
                vec!["name", "area", "force", "chief_officer", "commissioner"],
            ),
            (
                "a commissioner title",
                COMMISSIONER_FIELDS.to_vec(),
                vec!["from", "title", "short"],
            ),
            (
                "`fire_and_rescue`",
                FIRE_FIELDS.to_vec(),
                vec!["service", "chief_officer"],
            ),
        ]
    }

    #[test]
    fn schema_and_validation_know_the_same_fields() {
        let mut schema = shape(&record());
        schema.extend(shape(&office()));
        let known = validation();
        assert_eq!(
            schema.len(),
            known.len(),
            "a mapping is missing from one side"
        );
        for (what, fields, required) in known {
            let (_, names, needed) = schema
                .iter()
                .find(|(t, _, _)| *t == crate::schema::title(what))
                .unwrap_or_else(|| panic!("the schema has no mapping for {what}"));
            let mut fields: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
            fields.sort();
            assert_eq!(names, &fields, "the fields of {what}");
            assert_eq!(needed, &required, "the required fields of {what}");
        }
    }
}
