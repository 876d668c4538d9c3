//! The recommendations tracker: every recommendation, area for improvement and cause of concern
//! of the selected records as a row, in the order that puts what needs attention first, with a
//! summary by status; and the `past-target` warning, which `check` and `recommendations` both
//! give. Pure: `today` is passed in, and `cmd::recommendations` prints.
//!
//! The order: items past their target, the most days past first; then open and in-progress
//! items with a target, the soonest first; then open and in-progress items without one; then
//! closed items (complete, superseded, not accepted). Ties go by the report's publication day,
//! oldest first, then by record id, then by the item's place in its record (recommendations,
//! areas for improvement, causes of concern, each in the record's order).

use chrono::NaiveDate;
use serde::Serialize;

mod report;

use crate::date::Target;
use crate::model::{Inspection, Item, ItemStatus, Summary as Record};

use crate::problem::{self, Code, Problem, Severity};
pub(crate) use report::{Document, csv, json, table};

/// One item's row, borrowed from its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    /// The record's id.
    pub(crate) record: &'a str,
    /// The record's file, as shown to the user.
    pub(crate) file: &'a str,
    /// The report's title.
    pub(crate) report_title: &'a str,
    /// When HMICFRS published the report.
    pub(crate) report_published: NaiveDate,
    /// The item.
    pub(crate) item: &'a Item,
    /// Its place among its record's items, from 0: the last tie-break of the order.
    place: usize,
    /// The days since its target, when it is open or in progress and past it.
    pub(crate) days_past_target: Option<i64>,
}

impl Row<'_> {
    /// The item's name in a sentence: `recommendation 2`, `area for improvement AFI1`.
    pub(crate) fn name(&self) -> String {
        name(self.item)
    }

    /// The item's name at the start of a cell: `Recommendation 2`.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.item.kind.label(), self.item.number())
    }
}

/// The item's name in a sentence: `recommendation 2`.
pub(crate) fn name(item: &Item) -> String {
    format!("{} {}", item.kind.label().to_lowercase(), item.number())
}

/// What the tracker needs of a record: a validated record, or the summary of one that the
/// public tracker page in `out/` is made from.
#[derive(Clone, Copy)]
pub(crate) struct Report<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
    published: NaiveDate,
    items: &'a [Item],
}

impl<'a> From<&'a Inspection> for Report<'a> {
    fn from(inspection: &'a Inspection) -> Self {
        Self {
            id: &inspection.id,
            file: &inspection.file,
            title: &inspection.title,
            published: inspection.published,
            items: &inspection.items,
        }
    }
}

impl<'a> From<&'a Record> for Report<'a> {
    fn from(summary: &'a Record) -> Self {
        Self {
            id: &summary.id,
            // A summary is of a record in `out/`; its id names it there.
            file: &summary.id,
            title: &summary.title,
            published: summary.published,
            items: &summary.items,
        }
    }
}

/// The rows of the items of `reports` (those that apply; a report under embargo, published
/// after `today`, is left out until its day), keeping those whose status is in `statuses`
/// (all when it is empty), in the tracker's order.
pub(crate) fn rows<'a>(
    reports: impl Iterator<Item = Report<'a>>,
    statuses: &[ItemStatus],
    today: NaiveDate,
) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = reports
        .filter(|inspection| inspection.published <= today)
        .flat_map(|inspection| {
            inspection
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.applies)
                .filter(|(_, item)| statuses.is_empty() || statuses.contains(&item.status))
                .map(move |(place, item)| Row {
                    record: inspection.id,
                    file: inspection.file,
                    report_title: inspection.title,
                    report_published: inspection.published,
                    item,
                    place,
                    days_past_target: item.days_past_target(today),
                })
        })
        .collect();
    rows.sort_by(|a, b| order(a).cmp(&order(b)));
    rows
}

/// The sort key of the tracker's order (see the module's documentation).
fn order<'a>(row: &Row<'a>) -> (u8, i64, Option<NaiveDate>, NaiveDate, &'a str, usize) {
    let due = row.item.target.map(Target::due);
    let (group, past, due) = match (row.days_past_target, row.item.status.is_closed(), due) {
        (Some(days), _, _) => (0, -days, None),
        (None, false, Some(due)) => (1, 0, Some(due)),
        (None, false, None) => (2, 0, None),
        (None, true, _) => (3, 0, None),
    };
    (
        group,
        past,
        due,
        row.report_published,
        row.record,
        row.place,
    )
}

/// The items counted by status, and how many are past their target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    /// Every item shown.
    pub(crate) items: usize,
    /// The count of each status, every status named (0 when none has it).
    pub(crate) by_status: ByStatus,
    /// The items past their target.
    pub(crate) past_target: usize,
    #[serde(skip)]
    counts: Vec<(ItemStatus, usize)>,
}

/// The summary of `rows`.
pub(crate) fn summary(rows: &[Row<'_>]) -> Summary {
    let count = |status: ItemStatus| rows.iter().filter(|r| r.item.status == status).count();
    let counts: Vec<(ItemStatus, usize)> = ItemStatus::ALL
        .iter()
        .map(|status| (*status, count(*status)))
        .collect();
    Summary {
        items: rows.len(),
        by_status: ByStatus {
            open: count(ItemStatus::Open),
            in_progress: count(ItemStatus::InProgress),
            complete: count(ItemStatus::Complete),
            superseded: count(ItemStatus::Superseded),
            not_accepted: count(ItemStatus::NotAccepted),
        },
        past_target: rows.iter().filter(|r| r.days_past_target.is_some()).count(),
        counts,
    }
}

/// The items of each status, named by the records' words, in the order of
/// [`ItemStatus::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ByStatus {
    open: usize,
    in_progress: usize,
    complete: usize,
    superseded: usize,
    not_accepted: usize,
}

impl Summary {
    /// Each status with its count, every status in order.
    pub(crate) fn counts(&self) -> &[(ItemStatus, usize)] {
        &self.counts
    }

    /// `10 items: 4 open, 2 in-progress, 2 complete, 1 superseded, 1 not-accepted; 2 past
    /// target`: the statuses that some item has, with the record's words.
    pub(crate) fn line(&self) -> String {
        let items = problem::count(self.items, "item");
        let counts: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(status, n)| format!("{n} {}", status.word()))
            .collect();
        if counts.is_empty() {
            return items;
        }
        format!(
            "{items}: {}; {} past target",
            counts.join(", "),
            self.past_target
        )
    }
}

/// What the tracker says when it has no rows: nothing to follow up, or nothing with the
/// statuses asked for.
pub(crate) fn nothing(statuses: &[ItemStatus]) -> String {
    if statuses.is_empty() {
        "No recommendations, areas for improvement or causes of concern to follow up.".to_owned()
    } else {
        format!("No items are {}.", statuses_sentence(statuses))
    }
}

/// `open or in progress`: the statuses asked for, as a sentence says them.
pub(crate) fn statuses_sentence(statuses: &[ItemStatus]) -> String {
    let labels: Vec<String> = statuses.iter().map(|s| s.label().to_lowercase()).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The `past-target` warnings of the items of `inspections` on `today`, in their records' order.
pub(crate) fn past_target_problems<'a>(
    inspections: impl Iterator<Item = &'a Inspection>,
    today: NaiveDate,
) -> Vec<Problem> {
    inspections
        .flat_map(|inspection| {
            inspection
                .items
                .iter()
                .filter_map(move |item| past_target(item, &inspection.file, today))
        })
        .collect()
}

/// The `past-target` warnings of the items of `rows`, by file and place.
pub(crate) fn warnings(rows: &[Row<'_>], today: NaiveDate) -> Vec<Problem> {
    let mut problems: Vec<Problem> = rows
        .iter()
        .filter_map(|row| past_target(row.item, row.file, today))
        .collect();
    crate::problem::sort(&mut problems);
    problems
}

/// The `past-target` warning of `item` (in `file`), when it is open or in progress and past
/// its target on `today`: located at its `target`, with the lines that record its progress.
pub(crate) fn past_target(item: &Item, file: &str, today: NaiveDate) -> Option<Problem> {
    let days = item.days_past_target(today)?;
    let target = item.target?;
    let ago = problem::count(usize::try_from(days).unwrap_or(0), "day");
    let when = match target {
        Target::Day(_) => format!("{}, {ago} ago", target.long()),
        Target::Month(_) => format!("{}, which ended {ago} ago", target.long()),
    };
    let message = format!(
        "{} is past its target ({when}) and is {}",
        name(item),
        item.status.label().to_lowercase()
    );
    // The lines to add, indented as the item's own fields are (its `target` starts them).
    let indent = " ".repeat(item.at.column.saturating_sub(1));
    let update = format!(
        "{indent}  - on: {}\n{indent}    status: in-progress",
        today.format("%Y-%m-%d")
    );
    let (where_, lines) = if item.updated.is_some() {
        ("at the end of its `progress:` list", update)
    } else {
        (
            "under its `target:` line",
            format!("{indent}progress:\n{update}"),
        )
    };
    let help = format!(
        "the warning stays until it is complete, superseded or not accepted; record where it stands by adding these lines {where_}, with `complete` for `in-progress` if it is done (a `note:` line may say what was done):\n{lines}"
    );
    Some(Problem {
        severity: Severity::Warning,
        code: Code::PastTarget,
        file: file.to_owned(),
        location: Some(item.at),
        source_line: item.line.clone(),
        message,
        help: Some(help),
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::ItemKind;
    use crate::problem::Location;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn item(target: Option<Target>, status: ItemStatus) -> Item {
        Item {
            kind: ItemKind::Recommendation,
            position: 2,
            number: Some("2".to_owned()),
            title: None,
            text: "Do it.".to_owned(),
            addressed_to: None,
            applies: true,
            owner: None,
            target,
            status,
            updated: None,
            at: Location::default(),
            line: None,
        }
    }

    #[test]
    fn the_target_day_itself_is_not_past_the_day_after_is() {
        let open = item(Some(Target::Day(day(2024, 6, 30))), ItemStatus::Open);
        assert_eq!(past_target(&open, "f", day(2024, 6, 30)), None);
        let warning = past_target(&open, "f", day(2024, 7, 1)).expect("past");
        assert_eq!(
            warning.message,
            "recommendation 2 is past its target (30 June 2024, 1 day ago) and is open"
        );
        assert_eq!(warning.severity, Severity::Warning);
    }

    #[test]
    fn a_month_target_passes_when_the_month_ends() {
        let month = item(Some(Target::Month(day(2024, 6, 1))), ItemStatus::InProgress);
        assert_eq!(past_target(&month, "f", day(2024, 6, 30)), None);
        assert_eq!(
            past_target(&month, "f", day(2024, 7, 1))
                .expect("past")
                .message,
            "recommendation 2 is past its target (June 2024, which ended 1 day ago) and is in progress"
        );
    }

    #[test]
    fn a_closed_item_or_one_that_does_not_apply_is_never_past() {
        let target = Some(Target::Day(day(2024, 1, 1)));
        for status in [
            ItemStatus::Complete,
            ItemStatus::Superseded,
            ItemStatus::NotAccepted,
        ] {
            assert_eq!(
                past_target(&item(target, status), "f", day(2025, 1, 1)),
                None
            );
        }
        let mut other = item(target, ItemStatus::Open);
        other.applies = false;
        assert_eq!(past_target(&other, "f", day(2025, 1, 1)), None);
    }

    #[test]
    fn statuses_read_as_a_sentence() {
        assert_eq!(
            statuses_sentence(&[
                ItemStatus::Open,
                ItemStatus::InProgress,
                ItemStatus::NotAccepted
            ]),
            "open, in progress or not accepted"
        );
        assert_eq!(nothing(&[ItemStatus::Complete]), "No items are complete.");
        assert_eq!(Target::Month(day(2024, 6, 1)).iso(), "2024-06");
    }

    /// Two records published the same day, each with an item in every group: the groups in
    /// order, and within a group the record id, then the place in the record.
    #[test]
    fn rows_put_what_needs_attention_first() {
        const OFFICE: &[u8] = b"name: O\narea: A\nforce: F\nchief_officer: Chief Constable\ncommissioner:\n  - from: 2012-11-22\n    title: Police and Crime Commissioner\n    short: PCC\n";
        let record = |late: &str| {
            format!(
                "title: T\npublished: 2024-01-10\ntype: peel\nkey_findings: F.\nrecommendations:\n  - number: \"1\"\n    text: Closed.\n    target: 2024-02-01\n    progress:\n      - on: 2024-01-20\n        status: complete\n  - number: \"2\"\n    text: No target.\n  - number: \"3\"\n    text: Soon.\n    target: 2025-03-01\n  - number: \"4\"\n    text: Late.\n    target: {late}\n  - number: \"5\"\n    text: Elsewhere.\n    applies: false\n    reason: Not ours.\n"
            )
            .into_bytes()
        };
        let validated = crate::validate::from_bytes(
            Some(OFFICE.to_vec()),
            vec![
                ("2024-01-10-b".to_owned(), record("2024-12-01")),
                ("2024-01-10-a".to_owned(), record("2024-11-01")),
            ],
            day(2025, 1, 15),
        );
        assert!(!validated.has_errors(), "{:?}", validated.problems);
        let rows = rows(
            validated.selected().map(Report::from),
            &[],
            day(2025, 1, 15),
        );
        let order: Vec<String> = rows
            .iter()
            .map(|r| format!("{} {}", &r.record[11..], r.item.number()))
            .collect();
        assert_eq!(
            order,
            ["a 4", "b 4", "a 3", "b 3", "a 2", "b 2", "a 1", "b 1"]
        );
        assert_eq!(rows[0].days_past_target, Some(75));
        let summary = summary(&rows);
        assert_eq!(summary.line(), "8 items: 6 open, 2 complete; 2 past target");
        let open = super::rows(
            validated.selected().map(super::Report::from),
            &[ItemStatus::Complete],
            day(2025, 1, 15),
        );
        assert_eq!(open.len(), 2);
    }
}
