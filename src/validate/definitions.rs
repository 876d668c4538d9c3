//! The field definitions: for each mapping of a record and of the office file, one table of its
//! fields, each with its name, its kind of value, whether it is required, what it means (written
//! for the staff who fill it in) and an example. Everything else that knows the record format
//! is written from these tables: validation takes from them its field names (as constants, so
//! that a misspelt one does not compile), the required fields, which texts are Markdown and the
//! help for a missing field; [`crate::schema`] writes the JSON Schema editors read and the
//! README's field reference; [`crate::skeleton`] takes the comments of the record `respond new`
//! writes. A new field is one row here (see DESIGN.md, "Where a change goes").

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
    /// What a required field holds, for the help under "missing field": `` `title` is … ``.
    pub(crate) help: Option<&'static str>,
    /// The comment `respond new` writes above the field, one line of the file a line of the
    /// text (empty: none).
    pub(crate) guide: &'static str,
    /// Whether the field is only shown: read as written into
    /// [`crate::model::Inspection::shown`] and printed by the document templates as
    /// `doc.<name>`, with no code of its own (see [`shown`]).
    pub(crate) shown: bool,
}

impl Field {
    /// The field, with the help for it when it is missing.
    const fn help(self, help: &'static str) -> Self {
        Self {
            help: Some(help),
            ..self
        }
    }

    /// The field, with the comment `respond new` writes above it.
    const fn guide(self, guide: &'static str) -> Self {
        Self { guide, ..self }
    }

    /// Whether validation reads the field's text as Markdown, where bidirectional controls
    /// and lone carriage returns are allowed (a paragraph in Arabic or Hebrew may need them);
    /// in a plain field, such as a title, they could make it read differently from what it is.
    pub(crate) fn is_markdown(&self) -> bool {
        matches!(self.kind, Kind::Markdown)
    }
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

impl Mapping {
    /// The field called `name`. Validation names fields by this module's constants, so only a
    /// constant of another mapping could miss; that is a mistake in the program, which every
    /// test that reads the mapping would find.
    pub(crate) fn field(&self, name: &str) -> &'static Field {
        let fields: &'static [Field] = self.fields;
        fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("`{name}` is not a field of {}", self.what))
    }

    /// The names of its fields, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        let fields: &'static [Field] = self.fields;
        fields.iter().map(|f| f.name)
    }
}

/// Declares a mapping and, in a module of the same name in lower case, a constant for each of
/// its field names: validation names fields by these, so a misspelt name does not compile.
macro_rules! mapping {
    (
        $(#[$doc:meta])*
        $mapping:ident, mod $module:ident {
            id: $id:literal,
            what: $what:literal,
            description: $description:literal,
            $(
                $constant:ident = $make:ident($name:literal, $($arg:expr),+ $(,)?)
                $(.$method:ident($($method_arg:expr),*))*;
            )+
        }
    ) => {
        #[doc = concat!("The field names of ", $what, ".")]
        pub(crate) mod $module {
            $(
                #[doc = concat!("`", $name, "`")]
                pub(crate) const $constant: &str = $name;
            )+
        }

        $(#[$doc])*
        pub(crate) const $mapping: Mapping = Mapping {
            id: $id,
            what: $what,
            description: $description,
            fields: &[$($make($module::$constant, $($arg),+)$(.$method($($method_arg),*))*,)+],
        };
    };
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
        help: None,
        guide: "",
        shown: false,
    }
}

/// A field that is only shown: optional Markdown, which validation reads with the checks every
/// text has and the document templates print as `doc.<name>` (the Markdown page and the web
/// page as the other Markdown fields, the PDF through `md(…)`). Such a field needs no code:
/// its row here and the lines of the templates that print it are all of it.
#[allow(dead_code, reason = "none of the record's fields is only shown yet")]
const fn shown(name: &'static str, description: &'static str, example: &'static str) -> Field {
    Field {
        shown: true,
        ..field(name, Kind::Markdown, OPTIONAL, description, example)
    }
}

const REQUIRED: bool = true;
const OPTIONAL: bool = false;

mapping! {
    /// A record: one HMICFRS inspection report and the office's response to it.
    RECORD, mod record {
        id: "record",
        what: "a record",
        description: "One HMICFRS inspection report and the office's response to it, in `data/inspections/`.",
        TITLE = field(
            "title",
            Kind::Text,
            REQUIRED,
            "The report's title as HMICFRS gives it.",
            r#""PEEL 2023–25: An inspection of Cumbria Constabulary""#,
        )
        .help("the report's title as HMICFRS gives it");
        REFERENCE = field(
            "reference",
            Kind::Text,
            OPTIONAL,
            "An HMICFRS or office reference for the report. Put numbers in quotes so that they stay as written.",
            r#""28992""#,
        );
        PUBLISHED = field(
            "published",
            Kind::Date,
            REQUIRED,
            "The day HMICFRS published the report: the 56-day period for the response begins on it. A day still to come is a report under embargo.",
            r#""2023-08-25""#,
        )
        .help("the day HMICFRS published the report, e.g. `2023-08-25`");
        TYPE = field(
            "type",
            Kind::OneOf(&TYPES),
            REQUIRED,
            "The type of inspection. It decides whether the statutory 56-day duty applies: a `fire` inspection has none, and `other` needs a `type_label`.",
            r#""national-thematic""#,
        )
        .help("the type of inspection, e.g. `national-thematic`");
        TYPE_LABEL = field(
            "type_label",
            Kind::Text,
            OPTIONAL,
            "How the type is shown in the documents. Needed when `type` is `other`.",
            r#""Joint targeted area inspection""#,
        );
        LINK = field(
            "link",
            Kind::WebAddress,
            OPTIONAL,
            "The report's web address, copied from the browser's address bar on the report's page.",
            r#""https://hmicfrs.justiceinspectorates.gov.uk/publications/race-and-policing/""#,
        );
        // `inspectorate`, named for what it holds: the name in capitals holds a word that the check
        // of the words users read (tests/testsuite/words.rs) takes for a citation.
        REPORT_AUTHOR = field(
            "inspectorate",
            Kind::Text,
            OPTIONAL,
            "The inspectorate's name, when it is not the usual one for the type of inspection.",
            r#""HM Inspectorate of Constabulary and Fire & Rescue Services""#,
        );
        STATUTORY = field(
            "statutory",
            Kind::TrueFalse,
            OPTIONAL,
            "Whether the statutory 56-day duty applies, when it is not what the type of inspection says. `false` needs a `statutory_note` saying why.",
            "false",
        );
        STATUTORY_NOTE = field(
            "statutory_note",
            Kind::Text,
            OPTIONAL,
            "Why the statutory duty does or does not apply to this report. Needed when `statutory` is `false`.",
            r#""HMICFRS confirmed that no response is required.""#,
        );
        KEY_FINDINGS = field(
            "key_findings",
            Kind::Markdown,
            REQUIRED,
            "What the report found, in your own summary.",
            r#""The force has improved how it records crime.\n\nIt needs to do more to protect vulnerable people.\n""#,
        )
        .help("the report's key findings, in Markdown")
        .guide("What the report found (Markdown: blank lines between paragraphs, `- ` for lists).");
        RECOMMENDATIONS_INTRO = field(
            "recommendations_intro",
            Kind::Markdown,
            OPTIONAL,
            "A paragraph printed before the recommendations.",
            r#""The report makes four recommendations to all forces.\n""#,
        );
        RECOMMENDATIONS = field(
            "recommendations",
            Kind::ListOf(&Kind::Mapping(&RECOMMENDATION)),
            OPTIONAL,
            "Each recommendation as printed in the report. The response must explain, for each one, the action taken or proposed, or why none is taken (s.55(5B)).",
            r#"[{"number": "1", "text": "Forces should publish their plans.\n", "response": "The plan was published in March.\n"}]"#,
        )
        .guide("Each recommendation as printed in the report. s.55(5B): the response must explain, for each\n\
            one, the action taken or proposed, or why none is taken. Copy the item for each one; delete\n\
            the list if the report makes none. A recommendation not addressed to this force can say\n\
            `applies: false` with a `reason`.");
        AREAS_FOR_IMPROVEMENT_INTRO = field(
            "areas_for_improvement_intro",
            Kind::Markdown,
            OPTIONAL,
            "A paragraph printed before the areas for improvement.",
            r#""The report identifies two areas for improvement.\n""#,
        );
        AREAS_FOR_IMPROVEMENT = field(
            "areas_for_improvement",
            Kind::ListOf(&Kind::Mapping(&AREA)),
            OPTIONAL,
            "Each area for improvement as printed in the report.",
            r#"[{"number": "AFI1", "text": "Effective external scrutiny of its use of force.\n"}]"#,
        );
        CAUSES_OF_CONCERN = field(
            "causes_of_concern",
            Kind::ListOf(&Kind::Mapping(&CAUSE)),
            OPTIONAL,
            "Each cause of concern as printed in the report.",
            r#"[{"text": "The force does not always safeguard vulnerable people.\n", "recommendations": ["1"]}]"#,
        );
        RESPONSES = field(
            "responses",
            Kind::ListOf(&Kind::Mapping(&RESPONSE)),
            OPTIONAL,
            "The responses to the report: the commissioner's, the chief officer's, or a joint one. Needed once the response is published.",
            r#"[{"by": "commissioner", "text": "I welcome this report.\n"}]"#,
        )
        .guide("The responses: `by` is commissioner, chief-officer or joint. s.55(4): the chief officer is\n\
            invited to comment; record the date set in `chief_officer_comments_due` if you like.");
        CHIEF_OFFICER_COMMENTS_DUE = field(
            "chief_officer_comments_due",
            Kind::Date,
            OPTIONAL,
            "The day set for the chief officer's comments on the report (s.55(4)).",
            r#""2023-09-30""#,
        );
        RESPONSE_PUBLISHED = field(
            "response_published",
            Kind::DateOrUndated,
            OPTIONAL,
            "The day the response was published, or `undated` if nobody recorded the day. Leave it out until the response is published: `respond publish` writes it.",
            r#""2023-10-12""#,
        )
        .guide("`respond publish` writes this line on the day the response is published:");
        COPIES_SENT = field(
            "copies_sent",
            Kind::Mapping(&COPIES),
            OPTIONAL,
            "The day each copy of the published response was sent (s.55(6)).",
            r#"{"hmicfrs": "2023-10-12", "home_secretary": "2023-10-13"}"#,
        );
        RELATED = field(
            "related",
            Kind::ListOf(&Kind::Text),
            OPTIONAL,
            "The ids (file names without `.yaml`) of other records to print inside this one.",
            r#"["2019-05-02-integrated-peel-assessments-2018-19"]"#,
        );
    }
}

mapping! {
    /// A recommendation of a report.
    RECOMMENDATION, mod recommendation {
        id: "recommendation",
        what: "a recommendation",
        description: "A recommendation as printed in the report, the office's response to it, and how it is followed up.",
        NUMBER = field(
            "number",
            Kind::Text,
            REQUIRED,
            "The recommendation's number as printed, in quotes so that it stays as written: \"1\", \"09\", \"R3\". Each number appears once in a record.",
            r#""1""#,
        )
        .help(r#"the recommendation's number as printed, e.g. `"1"`"#);
        TITLE = field(
            "title",
            Kind::Text,
            OPTIONAL,
            "A short title for the recommendation.",
            r#""Publish the strategy""#,
        );
        TEXT = field(
            "text",
            Kind::Markdown,
            REQUIRED,
            "The recommendation as printed in the report.",
            r#""By 31 March 2024, forces should publish their strategy.\n""#,
        )
        .help("the text, in Markdown");
        ADDRESSED_TO = field(
            "addressed_to",
            Kind::Text,
            OPTIONAL,
            "Whom the report addresses the recommendation to, when it is not this force.",
            r#""College of Policing""#,
        );
        APPLIES = field(
            "applies",
            Kind::TrueFalse,
            OPTIONAL,
            "Whether the recommendation applies to this force (if left out: `true`). `false` needs a `reason`, and the recommendation is not followed up.",
            "false",
        );
        REASON = field(
            "reason",
            Kind::Text,
            OPTIONAL,
            "Why the recommendation does not apply. Needed when `applies` is `false`.",
            r#""Addressed to the College of Policing only.""#,
        );
        TARGET = field(
            "target",
            Kind::DayOrMonth,
            OPTIONAL,
            "The date the report sets for the recommendation, a day or a month (`March 2024`, due by its last day).",
            r#""31/03/2024""#,
        );
        RESPONSE = field(
            "response",
            Kind::Markdown,
            OPTIONAL,
            "The action taken or proposed, or why none is taken (s.55(5B)).",
            r#""The office will publish its strategy by March.\n""#,
        );
        OWNER = field(
            "owner",
            Kind::Text,
            OPTIONAL,
            "Who answers for the recommendation until it is closed.",
            r#""Head of Equality, Diversity and Inclusion""#,
        );
        PROGRESS = field(
            "progress",
            Kind::ListOf(&Kind::Mapping(&PROGRESS)),
            OPTIONAL,
            "Dated updates, oldest first, each time the recommendation's status changes. The latest is where it stands now.",
            r#"[{"on": "2023-11-20", "status": "in-progress", "note": "Draft strategy with the Chief Officer Group."}]"#,
        )
        .guide("Once the response is published, follow it to closure: who answers for it, its target\n\
            as the report sets it, and a dated update (oldest first) whenever it changes. The status\n\
            is open, in-progress, complete, superseded or not-accepted (the last two need a note).");
    }
}

mapping! {
    /// An area for improvement of a report.
    AREA, mod area {
        id: "area_for_improvement",
        what: "an area for improvement",
        description: "An area for improvement as printed in the report, the office's response to it, and how it is followed up.",
        NUMBER = field(
            "number",
            Kind::Text,
            OPTIONAL,
            "The area for improvement's number as printed, if it has one.",
            r#""AFI1""#,
        );
        TEXT = field(
            "text",
            Kind::Markdown,
            REQUIRED,
            "The area for improvement as printed in the report.",
            r#""Effective external scrutiny of its use of force.\n""#,
        )
        .help("the text, in Markdown");
        RESPONSE = field(
            "response",
            Kind::Markdown,
            OPTIONAL,
            "The office's response to it.",
            r#""A scrutiny panel now meets every quarter.\n""#,
        );
        OWNER = field(
            "owner",
            Kind::Text,
            OPTIONAL,
            "Who answers for it until it is closed.",
            r#""Head of Professional Standards""#,
        );
        PROGRESS = field(
            "progress",
            Kind::ListOf(&Kind::Mapping(&PROGRESS)),
            OPTIONAL,
            "Dated updates, oldest first, each time its status changes.",
            r#"[{"on": "2024-02-01", "status": "complete"}]"#,
        );
    }
}

mapping! {
    /// A cause of concern of a report.
    CAUSE, mod cause {
        id: "cause_of_concern",
        what: "a cause of concern",
        description: "A cause of concern as printed in the report, the recommendations it leads to, and how it is followed up.",
        TEXT = field(
            "text",
            Kind::Markdown,
            REQUIRED,
            "The cause of concern as printed in the report.",
            r#""The force does not always safeguard vulnerable people.\n""#,
        )
        .help("the text, in Markdown");
        RECOMMENDATIONS = field(
            "recommendations",
            Kind::ListOf(&Kind::Text),
            OPTIONAL,
            "The numbers of the recommendations it leads to, each one a recommendation of this record.",
            r#"["1", "2"]"#,
        );
        OWNER = field(
            "owner",
            Kind::Text,
            OPTIONAL,
            "Who answers for it until it is closed.",
            r#""Detective Chief Superintendent, Public Protection""#,
        );
        PROGRESS = field(
            "progress",
            Kind::ListOf(&Kind::Mapping(&PROGRESS)),
            OPTIONAL,
            "Dated updates, oldest first, each time its status changes.",
            r#"[{"on": "2024-02-01", "status": "in-progress"}]"#,
        );
    }
}

mapping! {
    /// A progress update of an item followed up.
    PROGRESS, mod progress {
        id: "progress_update",
        what: "a progress update",
        description: "One dated update of where an item stands.",
        ON = field(
            "on",
            Kind::Date,
            REQUIRED,
            "The day of the update, not after today. The field is called `on`, not `date`.",
            r#""2024-01-10""#,
        )
        .help("the day of the update, e.g. `2024-01-10`");
        STATUS = field(
            "status",
            Kind::OneOf(&STATUSES),
            REQUIRED,
            "Where the item stands: `open` (nothing done yet), `in-progress`, `complete`, `superseded` (needs a `note` saying by what) or `not-accepted` (needs a `note` saying why).",
            r#""in-progress""#,
        )
        .help("where the item stands: `open`, `in-progress`, `complete`, `superseded` or `not-accepted`");
        NOTE = field(
            "note",
            Kind::Markdown,
            OPTIONAL,
            "What was done, or why. Needed when the status is `superseded` or `not-accepted`.",
            r#""Draft strategy with the Chief Officer Group.""#,
        );
    }
}

mapping! {
    /// A response to a report.
    RESPONSE, mod response {
        id: "response",
        what: "a response",
        description: "A response to the report, by the commissioner, the chief officer, or both.",
        BY = field(
            "by",
            Kind::OneOf(&RESPONDENTS),
            REQUIRED,
            "Who gives the response: `commissioner`, `chief-officer` or `joint`.",
            r#""commissioner""#,
        )
        .help("who responds: `commissioner`, `chief-officer` or `joint`");
        TEXT = field(
            "text",
            Kind::Markdown,
            REQUIRED,
            "The response itself.",
            r#""I welcome this report and its recommendations.\n""#,
        )
        .help("the text, in Markdown");
        HEADING = field(
            "heading",
            Kind::Text,
            OPTIONAL,
            "A heading to print instead of the usual one.",
            r#""PFCC & Constabulary Response to Report and Recommendation""#,
        );
        RECEIVED = field(
            "received",
            Kind::Date,
            OPTIONAL,
            "The day the office received the response.",
            r#""2023-10-01""#,
        );
    }
}

mapping! {
    /// Where the copies of a published response went.
    COPIES, mod copies {
        id: "copies_sent",
        what: "`copies_sent`",
        description: "The day each copy of the published response was sent (s.55(6)), each on or after the day it was published.",
        HMICFRS = field(
            "hmicfrs",
            Kind::Date,
            OPTIONAL,
            "The day the copy went to HMICFRS.",
            r#""2023-10-12""#,
        );
        HOME_SECRETARY = field(
            "home_secretary",
            Kind::Date,
            OPTIONAL,
            "The day the copy went to the Home Secretary.",
            r#""2023-10-13""#,
        );
    }
}

mapping! {
    /// The office file.
    OFFICE, mod office {
        id: "office",
        what: "the office file",
        description: "The office's own details, in `data/office.yaml`: its name, its area, its force and the commissioner's titles over time.",
        NAME = field(
            "name",
            Kind::Text,
            REQUIRED,
            "The office's name.",
            r#""Cumbria Office of the Police, Fire and Crime Commissioner""#,
        )
        .help("the office's name");
        AREA = field(
            "area",
            Kind::Text,
            REQUIRED,
            "The police area.",
            r#""Cumbria""#,
        )
        .help("the police area, e.g. `Cumbria`");
        FORCE = field(
            "force",
            Kind::Text,
            REQUIRED,
            "The police force.",
            r#""Cumbria Constabulary""#,
        )
        .help("the force, e.g. `Cumbria Constabulary`");
        CHIEF_OFFICER = field(
            "chief_officer",
            Kind::Text,
            REQUIRED,
            "The title of the force's chief officer.",
            r#""Chief Constable""#,
        )
        .help("the chief officer's title, e.g. `Chief Constable`");
        COMMISSIONER = field(
            "commissioner",
            Kind::NonEmptyListOf(&Kind::Mapping(&COMMISSIONER)),
            REQUIRED,
            "The commissioner's titles over time, oldest first. A record uses the title in force on its response date.",
            r#"[{"from": "2012-11-22", "title": "Police and Crime Commissioner", "short": "PCC"}]"#,
        )
        .help("the list of the commissioner's titles over time");
        FIRE_AND_RESCUE = field(
            "fire_and_rescue",
            Kind::Mapping(&FIRE),
            OPTIONAL,
            "The fire and rescue service, when the commissioner is its fire and rescue authority. Needed once a record has `type: fire`.",
            r#"{"service": "Cumbria Fire and Rescue Service", "chief_officer": "Chief Fire Officer", "from": "2023-04-01"}"#,
        );
        STATUTORY_STATEMENT = field(
            "statutory_statement",
            Kind::Text,
            OPTIONAL,
            "A sentence to print instead of the usual one about the duty to respond (s.55).",
            r#""This response is published under section 55 of the Police Act 1996.""#,
        );
        FIRE_STATEMENT = field(
            "fire_statement",
            Kind::Text,
            OPTIONAL,
            "A sentence to print in the responses to fire and rescue inspections, which have no statutory duty.",
            r#""The commissioner responds as the fire and rescue authority.""#,
        );
        LOCAL_TARGET_DAYS = field(
            "local_target_days",
            Kind::Days,
            OPTIONAL,
            "The office's own target, in days, for responding to reports that have no statutory deadline.",
            "90",
        );
        TRACKING_FROM = field(
            "tracking_from",
            Kind::Date,
            OPTIONAL,
            "The day the office began keeping its responses in respond. A response to a report published on or after it must give the day it was published: `undated` is for the archive.",
            r#""2026-11-22""#,
        );
        FORMATS = field(
            "formats",
            Kind::NonEmptyListOf(&Kind::OneOf(&FORMATS)),
            OPTIONAL,
            "What `respond render` writes when it is not told: `md`, `html` and `pdf` (if left out: md and html).",
            r#"["md", "html", "pdf"]"#,
        );
        SITE_URL = field(
            "site_url",
            Kind::WebAddress,
            OPTIONAL,
            "The web address the published responses (the `out` folder) are put at, for the links in the feed and the open data.",
            r#""https://www.example.gov.uk/responses""#,
        );
    }
}

mapping! {
    /// A commissioner's title in a period.
    COMMISSIONER, mod commissioner {
        id: "commissioner_title",
        what: "a commissioner title",
        description: "The commissioner's title from a given day.",
        FROM = field(
            "from",
            Kind::Date,
            REQUIRED,
            "The first day the title applies.",
            r#""2023-04-01""#,
        )
        .help("the first day the title applies");
        TITLE = field(
            "title",
            Kind::Text,
            REQUIRED,
            "The commissioner's full title.",
            r#""Police, Fire and Crime Commissioner""#,
        )
        .help("the report's title as HMICFRS gives it");
        SHORT = field(
            "short",
            Kind::Text,
            REQUIRED,
            "The short title.",
            r#""PFCC""#,
        )
        .help("the short title, e.g. `PFCC`");
        OFFICE = field(
            "office",
            Kind::Text,
            OPTIONAL,
            "The office's name in that period, when it was different.",
            r#""Cumbria Office of Police and Crime Commissioner""#,
        );
    }
}

mapping! {
    /// The fire and rescue service.
    FIRE, mod fire {
        id: "fire_and_rescue",
        what: "`fire_and_rescue`",
        description: "The fire and rescue service whose authority the commissioner is.",
        SERVICE = field(
            "service",
            Kind::Text,
            REQUIRED,
            "The fire and rescue service.",
            r#""Cumbria Fire and Rescue Service""#,
        )
        .help("the fire and rescue service, e.g. `Cumbria Fire and Rescue Service`");
        CHIEF_OFFICER = field(
            "chief_officer",
            Kind::Text,
            REQUIRED,
            "The title of the service's chief officer.",
            r#""Chief Fire Officer""#,
        )
        .help("the title of the service's chief officer, e.g. `Chief Fire Officer`");
        FROM = field(
            "from",
            Kind::Date,
            OPTIONAL,
            "The day the commissioner became the fire and rescue authority.",
            r#""2023-04-01""#,
        );
    }
}

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
    use super::{OFFICE_MAPPINGS, RECORD_MAPPINGS};

    #[test]
    fn every_required_field_has_help_and_only_record_texts_are_shown() {
        for mapping in RECORD_MAPPINGS.iter().chain(OFFICE_MAPPINGS.iter()) {
            for field in mapping.fields {
                assert_eq!(field.required, field.help.is_some(), "`{}`", field.name);
                assert!(
                    !field.shown || (mapping.id == "record" && field.is_markdown()),
                    "`{}`",
                    field.name
                );
            }
        }
    }
}
