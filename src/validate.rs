//! From YAML trees to validated records (SPEC §4.3), collecting every problem on the way.
//!
//! Validation never stops at the first problem: each file is checked field by field, then the
//! records are checked against each other (`related`), and every error and warning is returned
//! with its file, line and column. A record with an error is left out of the result.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::date;
use crate::deadline::{self, Advice, Duty, NonWorkingDay, Publication};
use crate::holidays;
use rayon::prelude::*;

use crate::load::{self, Loaded};
use crate::model::{
    AreaForImprovement, CauseOfConcern, CommissionerTitle, Inspection, InspectionType, Office,
    Recommendation, Respondent, Response,
};
use crate::problem::{Location, Problem, Severity, Source};
use crate::yaml::{Node, ScalarKind, Value};

/// The result of validation: the valid records and every problem found.
#[derive(Debug)]
pub struct Validated {
    /// The office, when `data/office.yaml` is valid.
    pub office: Option<Office>,
    /// The valid records, in file-name order (all of them, selected or not).
    pub inspections: Vec<Inspection>,
    /// The ids of the records the user asked about.
    pub selected: BTreeSet<String>,
    /// Every problem in the office file and the selected records.
    pub problems: Vec<Problem>,
}

impl Validated {
    /// The selected valid records.
    pub fn selected(&self) -> impl Iterator<Item = &Inspection> {
        self.inspections
            .iter()
            .filter(|i| self.selected.contains(&i.id))
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// The fields of a record, in the order the README documents them.
pub const RECORD_FIELDS: [&str; 19] = [
    "title",
    "reference",
    "published",
    "type",
    "type_label",
    "link",
    "inspectorate",
    "statutory",
    "statutory_note",
    "key_findings",
    "recommendations_intro",
    "recommendations",
    "areas_for_improvement_intro",
    "areas_for_improvement",
    "causes_of_concern",
    "responses",
    "chief_officer_comments_due",
    "response_published",
    "related",
];

const OFFICE_FIELDS: [&str; 7] = [
    "name",
    "area",
    "force",
    "chief_officer",
    "commissioner",
    "statutory_statement",
    "local_target_days",
];

/// What a required field holds, for the help under "missing field".
fn meaning(name: &str) -> Option<&'static str> {
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
        _ => return None,
    })
}

/// The text `respond new` leaves for the user to replace.
pub const PLACEHOLDER: &str = "TODO";

/// One id a record names in `related`, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelatedRef {
    /// The id named.
    pub id: String,
    /// Where it is written.
    pub at: Location,
    /// The line it is on.
    pub line: Option<String>,
}

/// What validating one record on its own gives, before the records are checked against each
/// other.
#[derive(Debug)]
pub struct Outcome {
    /// The record's id.
    pub id: String,
    /// The record's file, as shown.
    pub shown: String,
    /// Whether the user asked about it.
    pub selected: bool,
    /// The record, when it has no error of its own.
    pub inspection: Option<Inspection>,
    /// Its own problems.
    pub problems: Vec<Problem>,
    /// What it names in `related`.
    pub related: Vec<RelatedRef>,
    /// Where the `related` field is (for a cycle).
    pub related_at: Option<(Location, Option<String>)>,
}

/// Validates `data/office.yaml`.
pub fn office(file: Option<&load::File>) -> (Option<Office>, Vec<Problem>) {
    let Some(file) = file else {
        return (None, Vec::new());
    };
    let mut checker = Checker::new(&file.source);
    checker.problems = file.problems.clone();
    let office = file.node.as_ref().and_then(|node| checker.office(node));
    (office, checker.problems)
}

/// Reads, parses and validates one record on its own.
pub fn record(
    record: load::RecordInput,
    office: Option<&Office>,
    today: NaiveDate,
) -> anyhow::Result<Outcome> {
    let file = load::read(&record.shown, record.input)?;
    let mut checker = Checker::new(&file.source);
    checker.problems = file.problems;
    let inspection = checker.record(&record.id, file.node.as_ref(), office, today);
    let (related, related_at) = match &file.node {
        Some(node) => {
            let at = field(node, "related").map(|n| {
                let at = file.source.locate(n.offset, n.len);
                (at, file.source.line(at.line).map(str::to_owned))
            });
            (checker.related_refs(node), at)
        }
        None => (Vec::new(), None),
    };
    let valid = !checker.problems.iter().any(Problem::is_error);
    Ok(Outcome {
        id: record.id,
        shown: record.shown,
        selected: record.selected,
        inspection: inspection.filter(|_| valid),
        problems: checker.problems,
        related,
        related_at,
    })
}

/// Reads, parses and validates every record (in parallel, each record's text dropped as soon
/// as it is validated), then checks them against each other, as of `today`. Failing to read a
/// file is an error; everything wrong inside the files is in [`Validated::problems`].
pub fn validate(loaded: Loaded, today: NaiveDate) -> anyhow::Result<Validated> {
    validate_keeping(loaded, today, |inspection| inspection)
}

/// As [`validate`], keeping only each record's [`Inspection::outline`]: for the commands that
/// report on records (`validate`, `check`) rather than render them.
pub fn validate_outlines(loaded: Loaded, today: NaiveDate) -> anyhow::Result<Validated> {
    validate_keeping(loaded, today, Inspection::outline)
}

fn validate_keeping(
    loaded: Loaded,
    today: NaiveDate,
    keep: fn(Inspection) -> Inspection,
) -> anyhow::Result<Validated> {
    let (office, mut problems) = office(loaded.office.as_ref());
    problems.extend(loaded.problems);
    let outcomes: Vec<Outcome> = loaded
        .records
        .into_par_iter()
        .map(|r| {
            let mut outcome = record(r, office.as_ref(), today)?;
            outcome.inspection = outcome.inspection.map(keep);
            Ok(outcome)
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(finish(office, problems, outcomes))
}

/// Checks the records against each other (`related` names a record; no cycles) and gathers
/// the result. The problems are sorted by file and place.
pub fn finish(
    office: Option<Office>,
    mut problems: Vec<Problem>,
    mut outcomes: Vec<Outcome>,
) -> Validated {
    let ids: std::collections::HashSet<&str> = outcomes.iter().map(|o| o.id.as_str()).collect();
    // The `related` ids that name no record: (which outcome, which of its ids).
    let unknown: Vec<(usize, usize)> = outcomes
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.related.iter().enumerate().map(move |(j, r)| (i, j, r)))
        .filter(|(_, _, r)| !ids.contains(r.id.as_str()))
        .map(|(i, j, _)| (i, j))
        .collect();
    let mut sorted_ids: Vec<String> = Vec::new();
    if !unknown.is_empty() {
        sorted_ids = ids.iter().map(|id| (*id).to_owned()).collect();
        sorted_ids.sort();
    }
    for (i, j) in unknown {
        let outcome = &mut outcomes[i];
        let related = &outcome.related[j];
        let help = match suggest(&related.id, sorted_ids.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "`related` lists the ids (file names without `.yaml`) of records in `data/inspections`".to_owned(),
        };
        outcome.problems.push(Problem {
            severity: Severity::Error,
            file: outcome.shown.clone(),
            location: Some(related.at),
            source_line: related.line.clone(),
            message: format!(
                "`related` names `{}`, but there is no record with that id",
                related.id
            ),
            help: Some(help),
        });
        outcome.inspection = None;
    }
    let graph: BTreeMap<&str, Vec<String>> = outcomes
        .iter()
        .map(|o| {
            (
                o.id.as_str(),
                o.related.iter().map(|r| r.id.clone()).collect(),
            )
        })
        .collect();
    let mut in_cycle = BTreeSet::new();
    for outcome in outcomes.iter().filter(|o| o.selected) {
        if let (Some(cycle), Some((at, line))) =
            (cycle_from(&outcome.id, &graph), &outcome.related_at)
        {
            problems.push(Problem {
                severity: Severity::Error,
                file: outcome.shown.clone(),
                location: Some(*at),
                source_line: line.clone(),
                message: format!("`related` makes a cycle: {}", cycle.join(" → ")),
                help: Some("a record can hold another inside it, but not itself".to_owned()),
            });
            in_cycle.insert(outcome.id.clone());
        }
    }
    let mut selected = BTreeSet::new();
    let mut inspections = Vec::new();
    for outcome in outcomes {
        if outcome.selected {
            selected.insert(outcome.id.clone());
            problems.extend(outcome.problems);
        }
        if let Some(inspection) = outcome.inspection
            && !in_cycle.contains(&inspection.id)
        {
            inspections.push(inspection);
        }
    }
    sort(&mut problems);
    Validated {
        office,
        inspections,
        selected,
        problems,
    }
}

/// Sorts problems by file, then place.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (&a.file, a.location.map(|l| (l.line, l.column)))
            .cmp(&(&b.file, b.location.map(|l| (l.line, l.column))))
    });
}

/// The value of a mapping's field, if the node is a mapping that has it.
fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Scalar(s) if s.text == name))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// A path of `related` links from `start` back to itself, if there is one.
fn cycle_from(start: &str, related: &BTreeMap<&str, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        id: &str,
        start: &str,
        related: &BTreeMap<&str, Vec<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in related.get(id).into_iter().flatten() {
            path.push(next.clone());
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) && visit(next, start, related, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_owned()];
    visit(start, start, related, &mut path, &mut BTreeSet::new()).then_some(path)
}

/// The closest of `candidates` to `word`, if one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, c), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Whether `id` follows the naming rule: lower-case letters, digits and hyphens.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `Race and Policing: A review` → `race-and-policing-a-review`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '’' || c == '\'' {
            // "service’s" → "services"
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Checks one file, collecting its problems.
struct Checker<'a> {
    source: &'a Source,
    problems: Vec<Problem>,
}

/// A mapping's known fields, after unknown ones have been reported.
struct Fields<'a> {
    node: &'a Node,
    entries: Vec<(&'static str, &'a Node, &'a Node)>,
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, _, v)| *v)
            .filter(|v| v.value != Value::Null || name == "response_published")
    }

    fn present(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, _, v)| *v)
    }
}

impl<'a> Checker<'a> {
    fn new(source: &'a Source) -> Self {
        Self {
            source,
            problems: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, node: &Node, message: String) -> &mut Problem {
        let at = self.source.locate(node.offset, node.len);
        self.problems
            .push(self.source.problem(severity, at, message));
        self.problems.last_mut().expect("just pushed")
    }

    fn error(&mut self, node: &Node, message: String) -> &mut Problem {
        self.push(Severity::Error, node, message)
    }

    fn warning(&mut self, node: &Node, message: String) -> &mut Problem {
        self.push(Severity::Warning, node, message)
    }

    /// The known fields of a mapping; unknown fields and missing required ones are reported.
    fn mapping(
        &mut self,
        node: &'a Node,
        what: &str,
        allowed: &[&'static str],
        required: &[&str],
    ) -> Option<Fields<'a>> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            other => {
                let found = other.describe();
                self.error(
                    node,
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
                self.error(key, format!("a field name in {what} should be a word"));
                continue;
            };
            if let Some(known) = allowed.iter().find(|f| **f == name.text) {
                fields.entries.push((known, key, value));
            } else {
                let close = suggest(&name.text, allowed.iter().copied());
                suggested.extend(close);
                let problem = self.error(key, format!("unknown field `{}` in {what}", name.text));
                problem.help = Some(match close {
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
                let at = fields.present(name).unwrap_or(&start);
                let message = if fields.present(name).is_some() {
                    format!("`{name}` is empty")
                } else {
                    format!("missing field `{name}` in {what}")
                };
                let help = meaning(name).map(|m| format!("`{name}` is {m}"));
                self.error(at, message).help = help;
            }
        }
        Some(fields)
    }

    /// Text: any scalar, as written. Empty text is an error; placeholder text a warning.
    fn text(&mut self, node: &Node, name: &str) -> Option<String> {
        match &node.value {
            Value::Scalar(scalar) if scalar.text.trim().is_empty() => {
                self.error(node, format!("`{name}` is empty"));
                None
            }
            Value::Scalar(scalar) => {
                if scalar.text.contains(PLACEHOLDER) {
                    self.warning(
                        node,
                        format!("`{name}` still has placeholder text ({PLACEHOLDER})"),
                    )
                    .help = Some("replace it with the real text before publishing".to_owned());
                }
                Some(scalar.text.clone())
            }
            other => {
                let found = other.describe();
                self.error(node, format!("`{name}` should be text, not {found}"));
                None
            }
        }
    }

    fn optional_text(&mut self, fields: &Fields<'a>, name: &str) -> Option<String> {
        fields.get(name).and_then(|node| self.text(node, name))
    }

    fn date(&mut self, node: &Node, name: &str) -> Option<NaiveDate> {
        let text = self.text(node, name)?;
        match date::parse(&text) {
            Ok(day) => Some(day),
            Err(error) => {
                self.error(
                    node,
                    format!("`{name}` is not a valid date: {}", error.reason),
                )
                .help = Some(error.help);
                None
            }
        }
    }

    fn optional_date(&mut self, fields: &Fields<'a>, name: &str) -> Option<NaiveDate> {
        fields.get(name).and_then(|node| self.date(node, name))
    }

    fn boolean(&mut self, node: &Node, name: &str) -> Option<bool> {
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
                    format!("`{name}` should be `true` or `false`, not {found}"),
                );
                None
            }
        }
    }

    fn list(&mut self, node: &'a Node, name: &str) -> &'a [Node] {
        match &node.value {
            Value::Seq(items) => items,
            other => {
                let found = other.describe();
                self.error(node, format!("`{name}` should be a list, not {found}"))
                    .help = Some("start each item on its own line with `- `".to_owned());
                &[]
            }
        }
    }

    fn office(&mut self, node: &'a Node) -> Option<Office> {
        let fields = self.mapping(
            node,
            "the office file",
            &OFFICE_FIELDS,
            &["name", "area", "force", "chief_officer", "commissioner"],
        )?;
        let text = |this: &mut Self, name| fields.get(name).and_then(|n| this.text(n, name));
        let name = text(self, "name");
        let area = text(self, "area");
        let force = text(self, "force");
        let chief_officer = text(self, "chief_officer");
        let mut commissioner = Vec::new();
        if let Some(list) = fields.get("commissioner") {
            let items = self.list(list, "commissioner");
            if items.is_empty() && matches!(list.value, Value::Seq(_)) {
                self.error(list, "`commissioner` needs at least one title".to_owned());
            }
            for item in items {
                let Some(title) = self.mapping(
                    item,
                    "a commissioner title",
                    &["from", "title", "short", "office"],
                    &["from", "title", "short"],
                ) else {
                    continue;
                };
                let from = title.get("from").and_then(|n| self.date(n, "from"));
                let full = title.get("title").and_then(|n| self.text(n, "title"));
                let short = title.get("short").and_then(|n| self.text(n, "short"));
                let office = self.optional_text(&title, "office");
                if let (Some(from), Some(title_text), Some(short)) = (from, full, short) {
                    if commissioner
                        .last()
                        .is_some_and(|last: &CommissionerTitle| last.from >= from)
                    {
                        self.error(
                            item,
                            "commissioner titles must be in date order, oldest first".to_owned(),
                        );
                    }
                    commissioner.push(CommissionerTitle {
                        from,
                        title: title_text,
                        short,
                        office,
                    });
                }
            }
        }
        let statutory_statement = self.optional_text(&fields, "statutory_statement");
        let local_target_days = fields.get("local_target_days").and_then(|node| {
            let days = match &node.value {
                Value::Scalar(s) if s.kind == ScalarKind::Number => s.text.parse::<u32>().ok(),
                _ => None,
            };
            if days.is_none_or(|d| d == 0) {
                self.error(
                    node,
                    "`local_target_days` should be a whole number of days, at least 1".to_owned(),
                );
            }
            days.filter(|d| *d > 0)
        });
        if self.problems.iter().any(Problem::is_error) || commissioner.is_empty() {
            return None;
        }
        Some(Office {
            name: name?,
            area: area?,
            force: force?,
            chief_officer: chief_officer?,
            commissioner,
            statutory_statement,
            local_target_days,
        })
    }

    /// The ids named in `related`, with their places.
    fn related_refs(&self, node: &Node) -> Vec<RelatedRef> {
        let Some(Value::Seq(items)) = field(node, "related").map(|n| &n.value) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match &item.value {
                Value::Scalar(s) => {
                    let at = self.source.locate(item.offset, item.len);
                    Some(RelatedRef {
                        id: s.text.clone(),
                        at,
                        line: self.source.line(at.line).map(str::to_owned),
                    })
                }
                _ => None,
            })
            .collect()
    }

    #[allow(clippy::too_many_lines)]
    fn record(
        &mut self,
        id: &str,
        node: Option<&'a Node>,
        office: Option<&Office>,
        today: NaiveDate,
    ) -> Option<Inspection> {
        if !valid_id(id) {
            let suggestion = slug(id);
            let mut problem = Problem::file(
                Severity::Error,
                &self.source.path,
                format!("the record's id `{id}` breaks the naming rule"),
            );
            problem.help = Some(if suggestion.is_empty() {
                "a record's file name uses lower-case letters, digits and hyphens only".to_owned()
            } else {
                format!(
                    "a record's file name uses lower-case letters, digits and hyphens only: rename it to `{suggestion}.yaml`"
                )
            });
            self.problems.push(problem);
        }
        let node = node?;
        if node.value == Value::Null {
            let at = self.source.locate(0, 0);
            let problem = self
                .source
                .problem(Severity::Error, at, "the record is empty")
                .with_help("a record is a mapping of fields, starting with `title:`; `respond new` writes one for you");
            self.problems.push(problem);
            return None;
        }
        let fields = self.mapping(
            node,
            "a record",
            &RECORD_FIELDS,
            &["title", "published", "type", "key_findings"],
        )?;
        let title = fields.get("title").and_then(|n| self.text(n, "title"));
        let reference = self.optional_text(&fields, "reference");
        let published_node = fields.get("published");
        let published = published_node.and_then(|n| self.date(n, "published"));
        let kind = fields.get("type").and_then(|node| {
            let word = self.text(node, "type")?;
            let kind = InspectionType::from_word(&word);
            if kind.is_none() {
                let words = InspectionType::ALL.iter().map(|(_, w)| *w);
                self.error(node, format!("unknown type `{word}`")).help =
                    Some(match suggest(&word, words.clone()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("the types are: {}", words.collect::<Vec<_>>().join(", ")),
                    });
            }
            kind
        });
        let type_label = self.optional_text(&fields, "type_label");
        if kind == Some(InspectionType::Other) && type_label.is_none() {
            let at = fields.get("type").unwrap_or(node);
            self.error(at, "`type: other` needs a `type_label`".to_owned())
                .help =
                Some("add `type_label:` with the type as it should be displayed".to_owned());
        }
        let link = fields.get("link").and_then(|node| {
            let link = self.text(node, "link")?;
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("https://") || lower.starts_with("http://") {
                Some(link)
            } else {
                self.error(
                    node,
                    "`link` must be a web address starting with `https://` or `http://`".to_owned(),
                );
                None
            }
        });
        let inspectorate = self.optional_text(&fields, "inspectorate");
        let statutory = fields
            .get("statutory")
            .and_then(|n| self.boolean(n, "statutory"));
        let statutory_note = self.optional_text(&fields, "statutory_note");
        if statutory == Some(false) && statutory_note.is_none() {
            let at = fields.get("statutory").unwrap_or(node);
            self.error(at, "`statutory: false` needs a `statutory_note`".to_owned())
                .help = Some(
                "say in `statutory_note` why the 56-day duty of s.55(5A) does not apply".to_owned(),
            );
        }
        let key_findings = fields
            .get("key_findings")
            .and_then(|n| self.text(n, "key_findings"));
        let recommendations_intro = self.optional_text(&fields, "recommendations_intro");
        let recommendations = fields
            .get("recommendations")
            .map(|n| self.recommendations(n))
            .unwrap_or_default();
        let areas_for_improvement_intro =
            self.optional_text(&fields, "areas_for_improvement_intro");
        let areas_for_improvement = fields
            .get("areas_for_improvement")
            .map(|n| self.areas_for_improvement(n))
            .unwrap_or_default();
        let causes_of_concern = fields
            .get("causes_of_concern")
            .map(|n| self.causes_of_concern(n, &recommendations))
            .unwrap_or_default();
        let responses = fields
            .get("responses")
            .map(|n| self.responses(n))
            .unwrap_or_default();
        let chief_officer_comments_due = self.optional_date(&fields, "chief_officer_comments_due");
        let response_published_node = fields.get("response_published");
        let response_published = match response_published_node {
            None => Some(Publication::NotYet),
            Some(node) if matches!(&node.value, Value::Scalar(s) if s.text == "undated") => {
                Some(Publication::Undated)
            }
            Some(node) if node.value == Value::Null => {
                self.error(node, "`response_published` is empty".to_owned()).help = Some(
                    "give the day the response was published, or `undated` if nobody recorded it; leave the field out until it is published".to_owned(),
                );
                None
            }
            Some(node) => self.date(node, "response_published").map(Publication::On),
        };
        let related = fields
            .get("related")
            .map(|node| {
                let items = self.list(node, "related");
                let mut ids = Vec::new();
                for item in items {
                    if let Some(id) = self.text(item, "related") {
                        ids.push(id);
                    }
                }
                ids
            })
            .unwrap_or_default();

        // Rules between fields.
        if let (Some(published), Some(node), Some(Publication::On(day))) =
            (published, response_published_node, response_published)
        {
            if day < published {
                self.error(
                    node,
                    format!(
                        "the response is dated {}, before the report was published on {}",
                        date::long(day),
                        date::long(published)
                    ),
                );
            }
            if day > today {
                self.error(
                    node,
                    format!("`response_published` is after today ({})", date::long(today)),
                )
                .help = Some(
                    "record the day the response was published once it has been; leave the field out until then".to_owned(),
                );
            }
        }
        if response_published.is_some_and(|p| p != Publication::NotYet)
            && responses.is_empty()
            && fields.get("responses").is_none()
        {
            let at = response_published_node.unwrap_or(node);
            self.error(
                at,
                "the response is published but the record has no `responses`".to_owned(),
            )
            .help = Some("add the published response under `responses:`".to_owned());
        }

        let published_at = published_node.map(|n| self.source.locate(n.offset, n.len));
        let inspection = Inspection {
            id: id.to_owned(),
            file: self.source.path.clone(),
            published_at: published_at.unwrap_or_default(),
            published_line: published_at
                .and_then(|at| self.source.line(at.line))
                .map(str::to_owned),
            title: title?,
            reference,
            published: published?,
            kind: kind?,
            type_label,
            link,
            inspectorate,
            statutory,
            statutory_note,
            key_findings: key_findings?,
            recommendations_intro,
            recommendations,
            areas_for_improvement_intro,
            areas_for_improvement,
            causes_of_concern,
            responses,
            chief_officer_comments_due,
            response_published: response_published?,
            related,
        };
        if let Some(office) = office {
            self.deadline_warnings(&inspection, office, &fields, today);
        }
        Some(inspection)
    }

    fn recommendations(&mut self, node: &'a Node) -> Vec<Recommendation> {
        let mut numbers: Vec<(String, &Node)> = Vec::new();
        let mut recommendations = Vec::new();
        for item in self.list(node, "recommendations") {
            let Some(fields) = self.mapping(
                item,
                "a recommendation",
                &[
                    "number",
                    "title",
                    "text",
                    "addressed_to",
                    "applies",
                    "reason",
                    "target",
                    "response",
                ],
                &["number", "text"],
            ) else {
                continue;
            };
            let number = fields.get("number").and_then(|n| self.text(n, "number"));
            if let (Some(number), Some(at)) = (&number, fields.get("number")) {
                if let Some((_, first)) = numbers.iter().find(|(n, _)| n == number) {
                    let line = self.source.locate(first.offset, first.len).line;
                    self.error(
                        at,
                        format!("recommendation number `{number}` is used twice"),
                    )
                    .help = Some(format!(
                        "it is first used on line {line}; numbers must be unique"
                    ));
                }
                numbers.push((number.clone(), at));
            }
            let title = self.optional_text(&fields, "title");
            let text = fields.get("text").and_then(|n| self.text(n, "text"));
            let addressed_to = self.optional_text(&fields, "addressed_to");
            let applies = fields
                .get("applies")
                .and_then(|n| self.boolean(n, "applies"))
                .unwrap_or(true);
            let reason = self.optional_text(&fields, "reason");
            if !applies && reason.is_none() {
                let at = fields.get("applies").unwrap_or(item);
                self.error(at, "`applies: false` needs a `reason`".to_owned())
                    .help =
                    Some("s.55(5B): say why no action is taken on this recommendation".to_owned());
            }
            let target = self.optional_date(&fields, "target");
            let response = self.optional_text(&fields, "response");
            if let (Some(number), Some(text)) = (number, text) {
                recommendations.push(Recommendation {
                    number,
                    title,
                    text,
                    addressed_to,
                    applies,
                    reason,
                    target,
                    response,
                });
            }
        }
        recommendations
    }

    fn areas_for_improvement(&mut self, node: &'a Node) -> Vec<AreaForImprovement> {
        let mut areas = Vec::new();
        for item in self.list(node, "areas_for_improvement") {
            let Some(fields) = self.mapping(
                item,
                "an area for improvement",
                &["number", "text", "response"],
                &["text"],
            ) else {
                continue;
            };
            let number = self.optional_text(&fields, "number");
            let text = fields.get("text").and_then(|n| self.text(n, "text"));
            let response = self.optional_text(&fields, "response");
            if let Some(text) = text {
                areas.push(AreaForImprovement {
                    number,
                    text,
                    response,
                });
            }
        }
        areas
    }

    fn causes_of_concern(
        &mut self,
        node: &'a Node,
        recommendations: &[Recommendation],
    ) -> Vec<CauseOfConcern> {
        let mut causes = Vec::new();
        for item in self.list(node, "causes_of_concern") {
            let Some(fields) = self.mapping(
                item,
                "a cause of concern",
                &["text", "recommendations"],
                &["text"],
            ) else {
                continue;
            };
            let text = fields.get("text").and_then(|n| self.text(n, "text"));
            let mut numbers = Vec::new();
            if let Some(list) = fields.get("recommendations") {
                for number_node in self.list(list, "recommendations") {
                    let Some(number) = self.text(number_node, "recommendations") else {
                        continue;
                    };
                    if !recommendations.iter().any(|r| r.number == number) {
                        let known = recommendations.iter().map(|r| r.number.as_str());
                        self.error(
                            number_node,
                            format!("the cause of concern refers to recommendation `{number}`, which the record does not have"),
                        )
                        .help = Some(match suggest(&number, known) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => "list the `number`s of this record's recommendations".to_owned(),
                        });
                    }
                    numbers.push(number);
                }
            }
            if let Some(text) = text {
                causes.push(CauseOfConcern {
                    text,
                    recommendations: numbers,
                });
            }
        }
        causes
    }

    fn responses(&mut self, node: &'a Node) -> Vec<Response> {
        let mut responses = Vec::new();
        for item in self.list(node, "responses") {
            let Some(fields) = self.mapping(
                item,
                "a response",
                &["by", "text", "heading", "received"],
                &["by", "text"],
            ) else {
                continue;
            };
            let by = fields.get("by").and_then(|node| {
                let word = self.text(node, "by")?;
                let by = Respondent::from_word(&word);
                if by.is_none() {
                    let words = Respondent::ALL.iter().map(|(_, w)| *w);
                    self.error(node, format!("unknown respondent `{word}`"))
                        .help = Some(match suggest(&word, words) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "`by` is `commissioner`, `chief-officer` or `joint`".to_owned(),
                    });
                }
                by
            });
            let text = fields.get("text").and_then(|n| self.text(n, "text"));
            let heading = self.optional_text(&fields, "heading");
            let received = self.optional_date(&fields, "received");
            if let (Some(by), Some(text)) = (by, text) {
                responses.push(Response {
                    by,
                    text,
                    heading,
                    received,
                });
            }
        }
        responses
    }

    /// The warnings of SPEC §4.3 that depend on the deadline and on what was published.
    fn deadline_warnings(
        &mut self,
        inspection: &Inspection,
        office: &Office,
        fields: &Fields<'a>,
        today: NaiveDate,
    ) {
        let duty = inspection.duty(office);
        let last_day = deadline::last_day(inspection.published, duty);
        let published_node = fields.get("published").unwrap_or(fields.node);
        match (inspection.response_published, last_day) {
            (Publication::NotYet, Some(last)) => {
                match deadline::advice(last, holidays::bundled()) {
                    Advice::WorkingDay => {}
                    Advice::NotWorkingDay {
                        reason,
                        last_working_day,
                    } => {
                        let what = match reason {
                            NonWorkingDay::Weekend(day) => format!("a {}", date::weekday_name(day)),
                            NonWorkingDay::BankHoliday(title) => {
                                format!("a bank holiday ({title})")
                            }
                        };
                        self.warning(
                            published_node,
                            format!("the last day, {}, is {what}", date::long_with_weekday(last)),
                        )
                        .help = Some(format!(
                            "the statute does not move the last day; publish by {}, the last working day before it",
                            date::long_with_weekday(last_working_day)
                        ));
                    }
                    Advice::Unknown => {
                        let holidays = holidays::bundled();
                        self.warning(
                            published_node,
                            format!(
                                "cannot tell whether the last day, {}, is a bank holiday",
                                date::long_with_weekday(last)
                            ),
                        )
                        .help = Some(format!(
                            "this version of respond knows England and Wales bank holidays for {} to {}; check GOV.UK's list",
                            holidays.first_year(),
                            holidays.last_year()
                        ));
                    }
                }
            }
            (Publication::On(day), Some(last)) if day > last && day <= today => {
                let late = deadline::days_left(day, last);
                let at = fields.get("response_published").unwrap_or(fields.node);
                let statutory = if duty == Duty::Statutory {
                    "statutory "
                } else {
                    ""
                };
                self.warning(
                    at,
                    format!(
                        "the response was published {} after the {statutory}last day ({})",
                        crate::problem::count(usize::try_from(late).unwrap_or(0), "day"),
                        date::long_with_weekday(last)
                    ),
                )
                .help = Some(
                    "this is history and cannot be undone; it is reported so that it is known"
                        .to_owned(),
                );
            }
            _ => {}
        }
        if duty == Duty::Statutory && inspection.response_published != Publication::NotYet {
            self.unanswered_recommendations(inspection, fields);
        }
    }

    /// s.55(5B): every recommendation that applies is answered, by its own `response` or in a
    /// response's text (by its number, or for all of them by "recommendations").
    fn unanswered_recommendations(&mut self, inspection: &Inspection, fields: &Fields<'a>) {
        let Some(Value::Seq(items)) = fields.get("recommendations").map(|n| &n.value) else {
            return;
        };
        // Lower-cased once, and only if some recommendation has no `response` of its own. ASCII
        // case is enough: what is looked for ("recommendation 3", "rec 3") is ASCII.
        let mut texts: Option<Vec<String>> = None;
        for (recommendation, item) in inspection.recommendations.iter().zip(items) {
            if !recommendation.applies || recommendation.response.is_some() {
                continue;
            }
            let texts = texts.get_or_insert_with(|| {
                inspection
                    .responses
                    .iter()
                    .map(|r| r.text.to_ascii_lowercase())
                    .collect()
            });
            if texts.iter().any(|t| answers(t, &recommendation.number)) {
                continue;
            }
            let at = field(item, "number").unwrap_or(item);
            self.warning(
                at,
                format!("recommendation `{}` is not answered", recommendation.number),
            )
            .help = Some(
                "s.55(5B): the comments must explain the action taken or proposed on each recommendation, or why none; add a `response` to it".to_owned(),
            );
        }
    }
}

/// Whether a (lower-case) response text answers recommendation `number`: it names it
/// ("recommendation 3", "rec 3") or speaks of the recommendations as a whole.
fn answers(text: &str, number: &str) -> bool {
    if text.contains("recommendations") {
        return true;
    }
    let number = number.to_ascii_lowercase();
    ["recommendation ", "rec ", "rec. "].iter().any(|prefix| {
        let needle = format!("{prefix}{number}");
        text.match_indices(&needle).any(|(at, _)| {
            !text[at + needle.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs() {
        assert!(valid_id("2023-08-25-race-and-policing"));
        assert!(!valid_id("2023-08-25-Race"));
        assert!(!valid_id("race_and_policing"));
        assert!(!valid_id("-race"));
        assert_eq!(
            slug("Race and Policing: A review of the Police service’s leadership"),
            "race-and-policing-a-review-of-the-police-services-leadership"
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("titel", RECORD_FIELDS), Some("title"));
        assert_eq!(suggest("keyfindings", RECORD_FIELDS), Some("key_findings"));
        assert_eq!(suggest("colour", RECORD_FIELDS), None);
    }

    #[test]
    fn answering_recommendations() {
        assert!(answers("we support the recommendations", "1"));
        assert!(answers("on recommendation 3 we will act", "3"));
        assert!(answers("rec 09: done", "09"));
        assert!(!answers("on recommendation 10 we will act", "1"));
        assert!(!answers("we welcome the report", "1"));
        // The caller lower-cases the text; the number is lower-cased here.
        assert!(answers("on recommendation r2 we will act", "R2"));
        assert!(!answers("on recommendation r20 we will act", "R2"));
    }

    #[test]
    fn cycles() {
        let mut related = BTreeMap::new();
        related.insert("a", vec!["b".to_owned()]);
        related.insert("b", vec!["c".to_owned()]);
        related.insert("c", vec!["a".to_owned()]);
        related.insert("d", vec!["d".to_owned()]);
        related.insert("e", vec!["a".to_owned()]);
        assert_eq!(
            cycle_from("a", &related),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        assert_eq!(
            cycle_from("d", &related),
            Some(vec!["d".into(), "d".into()])
        );
        assert_eq!(cycle_from("e", &related), None);
    }
}
