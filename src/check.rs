//! The CI gate: every record's last day and status on `today`, the findings that fail a build,
//! and the table `respond check` prints. Every record asked about has a row, an invalid one
//! too (status `invalid`, with its problems), so that nothing fails the gate unseen. Pure:
//! `cmd::check` prints.

use chrono::NaiveDate;
use serde::Serialize;

use crate::date;
use crate::deadline::{self, Duty, Publication, Status};
use crate::model::{Inspection, Office};
use crate::problem::{Code, Problem, Severity};
use crate::validate::Validated;

/// One record's line in the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Row {
    /// The record's id.
    pub(crate) id: String,
    /// The record's file.
    pub(crate) file: String,
    /// The report's title (`None` for an invalid record).
    pub(crate) title: Option<String>,
    /// When HMICFRS published the report (`None` for an invalid record).
    pub(crate) published: Option<NaiveDate>,
    /// The last day to publish the response, if there is one.
    pub(crate) last_day: Option<NaiveDate>,
    /// Days from today to the last day (negative once past), while unpublished.
    pub(crate) days_left: Option<i64>,
    /// Where the record stands; `None` when it is invalid, so that nothing can be said.
    #[serde(serialize_with = "status_word")]
    pub(crate) status: Option<Status>,
    /// Whether the 56-day duty applies (false for a local target or no deadline; `None` for
    /// an invalid record).
    pub(crate) statutory: Option<bool>,
    /// Why the 56-day duty does not apply, when the record says so (`statutory: false`).
    pub(crate) statutory_note: Option<String>,
    /// The problems of the record's file, as in `validate --format json`.
    pub(crate) problems: Vec<serde_json::Value>,
    /// The status the office's own target gives a `not-statutory` record, for its warnings.
    #[serde(skip)]
    target: Option<Status>,
    #[serde(skip)]
    line: usize,
    #[serde(skip)]
    column: usize,
    #[serde(skip)]
    width: usize,
    #[serde(skip)]
    source_line: Option<String>,
}

/// The word of a status in the table and the JSON.
fn word(status: Option<Status>) -> &'static str {
    status.map_or(INVALID, Status::as_str)
}

/// The status word of an invalid record.
const INVALID: &str = "invalid";

fn status_word<S: serde::Serializer>(
    status: &Option<Status>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(word(*status))
}

/// A row for each record asked about, in its order, as of `today`: the valid ones with their
/// status, the others `invalid`.
pub(crate) fn rows(
    validated: &Validated,
    office: &Office,
    today: NaiveDate,
    warn_within: u32,
) -> Vec<Row> {
    let valid: std::collections::HashMap<&str, &Inspection> = validated
        .selected()
        .map(|inspection| (inspection.file.as_str(), inspection))
        .collect();
    validated
        .asked
        .iter()
        .map(|record| match valid.get(record.file.as_str()) {
            Some(inspection) => row(inspection, office, today, warn_within),
            None => Row {
                id: record.id.clone(),
                file: record.file.clone(),
                title: None,
                published: None,
                last_day: None,
                days_left: None,
                status: None,
                statutory: None,
                statutory_note: None,
                problems: Vec::new(),
                target: None,
                line: 0,
                column: 0,
                width: 0,
                source_line: None,
            },
        })
        .collect()
}

/// Gives each row the problems of its file.
pub(crate) fn attach(rows: &mut [Row], problems: &[Problem]) {
    // Grouped by file first: a row each for thousands of records, each looking through
    // every problem, would take their product.
    let mut by_file: std::collections::HashMap<&str, Vec<serde_json::Value>> =
        std::collections::HashMap::new();
    for problem in problems {
        by_file
            .entry(problem.file.as_str())
            .or_default()
            .push(problem.json());
    }
    for row in rows {
        row.problems = by_file.remove(row.file.as_str()).unwrap_or_default();
    }
}

fn row(inspection: &Inspection, office: &Office, today: NaiveDate, warn_within: u32) -> Row {
    let duty = inspection.duty(office);
    let last_day = deadline::last_day(inspection.published, duty);
    let status = deadline::status_of(
        inspection.published,
        last_day,
        inspection.response_published,
        today,
        warn_within,
    );
    let unpublished = matches!(
        status,
        Status::Overdue | Status::DueSoon | Status::Outstanding | Status::Embargoed
    );
    // `statutory: false` is legitimate (a national report about another force), but it takes
    // a record out of the gate, so such a record has a status of its own until its response
    // is published, whatever the office's own target says of it.
    let record_says = duty.reason() == Some(deadline::NotStatutory::RecordSays)
        && (unpublished || status == Status::NoDeadline);
    let (status, target) = if record_says {
        (Status::NotStatutory, Some(status))
    } else {
        (status, None)
    };
    Row {
        id: inspection.id.clone(),
        file: inspection.file.clone(),
        title: Some(inspection.title.clone()),
        published: Some(inspection.published),
        last_day,
        days_left: last_day
            .filter(|_| unpublished)
            .map(|last| deadline::days_left(last, today)),
        status: Some(status),
        statutory: Some(duty == Duty::Statutory),
        statutory_note: inspection
            .statutory_note
            .clone()
            .filter(|_| inspection.statutory == Some(false)),
        problems: Vec::new(),
        target,
        line: inspection.published_at.line,
        column: inspection.published_at.column,
        width: inspection.published_at.width,
        source_line: inspection.published_line.clone(),
    }
}

/// The findings of the table: an overdue statutory response is an error; an overdue local
/// target and a response due soon are warnings; a record outside the duty by its own word is
/// a note, with the record's reason, every day until its response is published.
pub(crate) fn problems(rows: &[Row]) -> Vec<Problem> {
    rows.iter()
        .flat_map(|row| not_statutory(row).into_iter().chain(deadline_problem(row)))
        .collect()
}

/// The row's location, for its problems.
fn located(row: &Row, severity: Severity, code: Code, message: String) -> Problem {
    if row.line > 0 {
        Problem {
            severity,
            code,
            file: row.file.clone(),
            location: Some(crate::problem::Location {
                line: row.line,
                column: row.column,
                width: row.width,
            }),
            source_line: row.source_line.clone(),
            message,
            help: None,
        }
    } else {
        Problem::file(severity, code, &row.file, message)
    }
}

/// The note on a `not-statutory` row.
fn not_statutory(row: &Row) -> Option<Problem> {
    if row.status != Some(Status::NotStatutory) {
        return None;
    }
    let note = row.statutory_note.as_deref().unwrap_or_default();
    let mut problem = located(
        row,
        Severity::Note,
        Code::NotStatutory,
        format!(
            "the record says the 56-day duty does not apply (`statutory: false`): {}",
            note.trim()
        ),
    );
    problem.help = Some(
        "if the report is about this force after all, remove `statutory: false` and `statutory_note` so that the statutory last day is watched".to_owned(),
    );
    Some(problem)
}

/// The deadline finding of a row, if any.
fn deadline_problem(row: &Row) -> Option<Problem> {
    let last = row.last_day?;
    let left = row.days_left?;
    let statutory = row.statutory == Some(true);
    let target = if statutory {
        "statutory last day"
    } else {
        "office's target"
    };
    let (severity, code, message) = match row.target.or(row.status)? {
        Status::Overdue => (
            if statutory {
                Severity::Error
            } else {
                Severity::Warning
            },
            Code::Overdue,
            format!(
                "the response is overdue: the {target} was {} ({} ago)",
                date::long_with_weekday(last),
                crate::problem::count(usize::try_from(-left).unwrap_or(0), "day")
            ),
        ),
        Status::DueSoon => (
            Severity::Warning,
            Code::DueSoon,
            format!(
                "the response is due by {} ({})",
                date::long_with_weekday(last),
                match left {
                    0 => "today".to_owned(),
                    n => format!(
                        "in {}",
                        crate::problem::count(usize::try_from(n).unwrap_or(0), "day")
                    ),
                }
            ),
        ),
        _ => return None,
    };
    let mut problem = located(row, severity, code, message);
    if code == Code::Overdue {
        problem.help = Some(format!(
            "publish the response, then run `respond publish {}`, which records the day it was published",
            row.id
        ));
    }
    Some(problem)
}

/// s.55(6): a published statutory response goes, as published, to HMICFRS and to the Home
/// Secretary. A reminder (a warning, never an error: the statute sets no time) for each
/// selected record whose copies are not both in `copies_sent`, giving the lines to add. A
/// response published on a day nobody recorded (`undated`, a record transcribed from an old
/// document) is not reminded about: whether its copies went can no longer be found out.
pub(crate) fn copies(validated: &Validated, office: &Office, today: NaiveDate) -> Vec<Problem> {
    validated
        .selected()
        .filter(|i| {
            matches!(i.response_published, Publication::On(_)) && i.duty(office) == Duty::Statutory
        })
        .filter_map(|inspection| copies_reminder(inspection, today))
        .collect()
}

fn copies_reminder(inspection: &Inspection, today: NaiveDate) -> Option<Problem> {
    let sent = inspection.copies_sent;
    let missing: Vec<(&str, &str)> = [
        ("hmicfrs", "HMICFRS", sent.hmicfrs),
        ("home_secretary", "the Home Secretary", sent.home_secretary),
    ]
    .into_iter()
    .filter(|(_, _, day)| day.is_none())
    .map(|(name, whom, _)| (name, whom))
    .collect();
    let (message, lines) = match missing.as_slice() {
        [] => return None,
        [(name, whom)] => (
            format!("the copy of the published response to {whom} (s.55(6)) is not recorded"),
            format!("add this line under `copies_sent:`:\n  {name}: {}", iso(Some(today))),
        ),
        _ => (
            "the copies of the published response to HMICFRS and to the Home Secretary (s.55(6)) are not recorded".to_owned(),
            format!(
                "add these lines to the record:\ncopies_sent:\n  hmicfrs: {day}\n  home_secretary: {day}",
                day = iso(Some(today))
            ),
        ),
    };
    let whom: Vec<&str> = missing.iter().map(|(_, whom)| *whom).collect();
    Some(Problem {
        severity: Severity::Warning,
        code: Code::CopiesNotRecorded,
        file: inspection.file.clone(),
        location: Some(inspection.copies_at),
        source_line: inspection.copies_line.clone(),
        message,
        help: Some(format!(
            "send {whom} a copy of the response as published, then record the day {it} went (if that is today, {lines}",
            whom = whom.join(" and "),
            it = if whom.len() > 1 { "each" } else { "it" },
            lines = lines.replacen(":\n", "):\n", 1)
        )),
    })
}

fn iso(day: Option<NaiveDate>) -> String {
    day.map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

/// The table printed by `check --format text`.
pub(crate) fn table(rows: &[Row]) -> String {
    let header = ["STATUS", "PUBLISHED", "LAST DAY", "DAYS LEFT", "RECORD"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                word(r.status).to_owned(),
                iso(r.published),
                iso(r.last_day),
                r.days_left
                    .map_or_else(|| "-".to_owned(), |d| d.to_string()),
                // Every cell is shown through the one escaping function, as problems are.
                crate::problem::escape(&r.id),
            ]
        })
        .collect();
    let width = |i: usize| {
        cells
            .iter()
            .map(|c| c[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..5).map(width).collect();
    let line = |c: [&str; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {:>w3$}  {}",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
        )
    };
    let mut out = line(header);
    out.push('\n');
    for c in &cells {
        out.push_str(&line([&c[0], &c[1], &c[2], &c[3], &c[4]]));
        out.push('\n');
    }
    out
}

/// `5 records: 1 invalid, 1 overdue, 3 published`: the statuses counted, in the order the
/// README lists them.
pub(crate) fn counts(rows: &[Row]) -> String {
    let invalid = rows.iter().filter(|r| r.status.is_none()).count();
    let order = [
        Status::Overdue,
        Status::DueSoon,
        Status::Outstanding,
        Status::Published,
        Status::PublishedLate,
        Status::PublishedUndated,
        Status::NoDeadline,
        Status::Embargoed,
        Status::NotStatutory,
    ];
    let counts: Vec<String> = (invalid > 0)
        .then(|| format!("{invalid} {INVALID}"))
        .into_iter()
        .chain(order.iter().filter_map(|status| {
            let n = rows.iter().filter(|r| r.status == Some(*status)).count();
            (n > 0).then(|| format!("{n} {}", status.as_str()))
        }))
        .collect();
    let records = crate::problem::count(rows.len(), "record");
    if counts.is_empty() {
        records
    } else {
        format!("{records}: {}", counts.join(", "))
    }
}
