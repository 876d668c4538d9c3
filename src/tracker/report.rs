//! The tracker in its formats: the text table, the JSON, the CSV (for Excel) and the
//! documents (Markdown and HTML, through the templates `recommendations.md` and
//! `recommendations.html`, which an office may replace).

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use serde::Serialize;

use super::{Row, Summary, statuses_sentence};
use crate::date;
use crate::date::Target;
use crate::model::{ItemStatus, Office};
use crate::templates::Templates;

/// A row as the JSON and the CSV give it. The field names are part of the format: the README
/// lists them, and they never change once released.
#[derive(Serialize)]
struct Line<'a> {
    record: &'a str,
    report_title: &'a str,
    report_published: String,
    kind: &'static str,
    number: String,
    text: String,
    addressed_to: Option<&'a str>,
    owner: Option<&'a str>,
    target: Option<String>,
    target_due: Option<String>,
    status: &'static str,
    updated: Option<String>,
    days_past_target: Option<i64>,
}

/// The CSV's header row: [`Line`]'s fields, in order.
const COLUMNS: [&str; 13] = [
    "record",
    "report_title",
    "report_published",
    "kind",
    "number",
    "text",
    "addressed_to",
    "owner",
    "target",
    "target_due",
    "status",
    "updated",
    "days_past_target",
];

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn line<'a>(row: &Row<'a>) -> Line<'a> {
    let item = row.item;
    Line {
        record: row.record,
        report_title: row.report_title,
        report_published: iso(row.report_published),
        kind: item.kind.word(),
        number: item.number(),
        text: item.short(),
        addressed_to: item.addressed_to.as_deref(),
        owner: item.owner.as_deref(),
        target: item.target.map(Target::iso),
        target_due: item.target.map(|t| iso(t.due())),
        status: item.status.word(),
        updated: item.updated.map(iso),
        days_past_target: row.days_past_target,
    }
}

/// The JSON's object, its fields in this order.
#[derive(Serialize)]
struct Json<'a> {
    as_at: String,
    summary: &'a Summary,
    rows: Vec<Line<'a>>,
}

/// The JSON: `as_at`, `summary` and `rows`, pretty-printed.
pub(crate) fn json(rows: &[Row<'_>], summary: &Summary, today: NaiveDate) -> Result<String> {
    let json = Json {
        as_at: iso(today),
        summary,
        rows: rows.iter().map(line).collect(),
    };
    Ok(serde_json::to_string_pretty(&json)?)
}

/// The CSV as Excel on Windows reads it, through the one writer of every CSV
/// ([`excel_csv`](crate::excel::excel_csv)): UTF-8 with a byte-order mark, CRLF
/// line ends, RFC 4180 quoting, one header row (also when there is no row), and no cell a
/// formula.
pub(crate) fn csv(rows: &[Row<'_>]) -> Result<Vec<u8>> {
    let lines: Vec<Line<'_>> = rows.iter().map(line).collect();
    crate::excel::excel_csv(&COLUMNS, &lines).context("failed to write the CSV")
}

/// The table printed by `recommendations --format text`: each item's status, days past its
/// target, target, last update, record, name, owner and the start of its text.
pub(crate) fn table(rows: &[Row<'_>]) -> String {
    let dash = || "-".to_owned();
    let header = [
        "STATUS",
        "DAYS PAST",
        "TARGET",
        "UPDATED",
        "RECORD",
        "ITEM",
        "OWNER",
        "TEXT",
    ]
    .map(str::to_owned);
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.item.status.word().to_owned(),
                r.days_past_target.map_or_else(dash, |d| d.to_string()),
                r.item.target.map_or_else(dash, Target::iso),
                r.item.updated.map_or_else(dash, iso),
                r.record.to_owned(),
                crate::problem::escape(&r.name()),
                r.item
                    .owner
                    .as_deref()
                    .map_or_else(dash, crate::problem::escape),
                // Short enough to keep a row on a wide terminal's line.
                crate::problem::escape(&crate::markdown::short(
                    r.item.title.as_deref().unwrap_or(&r.item.text),
                    50,
                )),
            ]
        })
        .collect();
    let mut widths = header.each_ref().map(String::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for cells in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            // The days are a number: right-aligned, as `check` aligns its days left.
            let _ = if i == 1 {
                write!(line, "{cell:>width$}  ")
            } else {
                write!(line, "{cell:<width$}  ")
            };
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A row as the documents show it: every value as the reader sees it.
#[derive(Serialize)]
struct Entry {
    record: String,
    report: String,
    item: String,
    text: String,
    addressed_to: String,
    owner: String,
    target: String,
    status: String,
    updated: String,
    days_past_target: String,
    past_target: bool,
}

/// A status's line of the documents' summary.
#[derive(Serialize)]
struct Count {
    status: &'static str,
    items: usize,
}

/// What the documents are rendered from.
pub(crate) struct Document<'a> {
    /// The templates.
    pub(crate) templates: &'a Templates,
    /// The office.
    pub(crate) office: &'a Office,
    /// The rows.
    pub(crate) rows: &'a [Row<'a>],
    /// Their summary.
    pub(crate) summary: &'a Summary,
    /// The statuses asked for (empty: all).
    pub(crate) statuses: &'a [ItemStatus],
    /// The day it is as at.
    pub(crate) today: NaiveDate,
    /// Whether that day is the latest the records give, not today (the page in `out/`).
    pub(crate) latest: bool,
}

impl Document<'_> {
    /// The document in the markup `extension` (`md` or `html`), through the template
    /// `recommendations.<extension>`.
    pub(crate) fn render(&self, extension: &str) -> Result<String> {
        let office = self.office;
        // Named as the index names the office: by its latest title.
        let latest = office.commissioner.last();
        let short = latest.map_or("", |t| t.short.as_str());
        let name = latest
            .and_then(|t| t.office.as_deref())
            .unwrap_or(&office.name);
        let heading = format!("{} {short} recommendations tracker", office.area);
        let mut context = tera::Context::new();
        context.insert("office", name);
        // The tracker is for the panel's papers, never a draft page.
        context.insert("draft", &false);
        context.insert("heading", &heading);
        context.insert("as_at", &date::long(self.today));
        context.insert("as_at_iso", &iso(self.today));
        context.insert(
            "as_at_note",
            if self.latest {
                "the latest day recorded: a response published, or an item updated"
            } else {
                ""
            },
        );
        context.insert("intro", &self.intro());
        context.insert("nothing", &super::nothing(self.statuses));
        context.insert("summary", &self.summary_sentence());
        let counts: Vec<Count> = self
            .summary
            .counts()
            .iter()
            // Only the statuses asked for: the others are none, as the filter says.
            .filter(|(status, _)| self.statuses.is_empty() || self.statuses.contains(status))
            .map(|(status, items)| Count {
                status: status.label(),
                items: *items,
            })
            .collect();
        context.insert("counts", &counts);
        context.insert("items", &self.summary.items);
        context.insert("past_target", &self.summary.past_target);
        context.insert("rows", &self.rows.iter().map(entry).collect::<Vec<_>>());
        let text = self
            .templates
            .render(&format!("recommendations.{extension}"), &context)?;
        let mut text = text.trim_end().to_owned();
        text.push('\n');
        Ok(text)
    }

    fn intro(&self) -> String {
        let mut intro = "The recommendations, areas for improvement and causes of concern of HMICFRS inspection reports, and where each stands. Those past their target come first, the most overdue first; then those open or in progress, the soonest target first; then those closed.".to_owned();
        if !self.statuses.is_empty() {
            intro.push_str(&format!(
                " Only those that are {} are shown.",
                statuses_sentence(self.statuses)
            ));
        }
        intro
    }

    fn summary_sentence(&self) -> String {
        match self.summary.past_target {
            0 => "None is past its target.".to_owned(),
            1 => "1 is past its target.".to_owned(),
            n => format!("{n} are past their target."),
        }
    }
}

fn entry(row: &Row<'_>) -> Entry {
    let item = row.item;
    Entry {
        record: row.record.to_owned(),
        report: row.report_title.to_owned(),
        item: row.label(),
        text: item.short(),
        addressed_to: item.addressed_to.clone().unwrap_or_default(),
        owner: item.owner.clone().unwrap_or_default(),
        target: item
            .target
            .map_or_else(|| "None".to_owned(), crate::date::Target::long),
        status: item.status.label().to_owned(),
        updated: item.updated.map_or_else(|| "None".to_owned(), date::long),
        days_past_target: row
            .days_past_target
            .map(|d| d.to_string())
            .unwrap_or_default(),
        past_target: row.days_past_target.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_header_names_the_fields_in_order() {
        // The header is written by hand (so that it is there with no row): it must be what
        // serde names the fields.
        let mut bytes = Vec::new();
        let mut writer = ::csv::Writer::from_writer(&mut bytes);
        writer
            .serialize(Line {
                record: "",
                report_title: "",
                report_published: String::new(),
                kind: "",
                number: String::new(),
                text: String::new(),
                addressed_to: None,
                owner: None,
                target: None,
                target_due: None,
                status: "",
                updated: None,
                days_past_target: None,
            })
            .expect("a row");
        drop(writer);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(text.lines().next(), Some(COLUMNS.join(",").as_str()));
    }
}
