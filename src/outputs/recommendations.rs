//! Open data of the items followed up: `recommendations.csv`, one row per recommendation, area
//! for improvement and cause of concern of every record in `out/`, with its current status and
//! the day of its last update. The records come in the order of `responses.csv`, each one's
//! items in the order of the record. The README documents each column ([`COLUMNS`]).

use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::date::Target;
use crate::excel::excel_csv;
use crate::model::{Item, Summary};
use crate::outputs::responses::published;
use crate::outputs::{File, Folder, Format, Site, SiteOutput};

/// `recommendations.csv`.
pub(crate) struct Recommendations;

/// The file's name.
const NAME: &str = "recommendations.csv";

/// The columns, in order: the fields of [`Row`], as its test checks.
const COLUMNS: [&str; 11] = [
    "record",
    "kind",
    "number",
    "title",
    "text",
    "addressed_to",
    "applies",
    "owner",
    "target",
    "status",
    "last_update",
];

/// One item.
#[derive(Serialize)]
struct Row<'a> {
    record: &'a str,
    kind: &'a str,
    number: String,
    title: Option<&'a str>,
    /// As written (Markdown), without its final line break.
    text: &'a str,
    addressed_to: Option<&'a str>,
    applies: bool,
    owner: Option<&'a str>,
    /// `2024-03-31`, or a month as `2024-06`.
    target: Option<String>,
    status: &'a str,
    last_update: Option<NaiveDate>,
}

impl<'a> Row<'a> {
    fn of(record: &'a str, item: &'a Item) -> Self {
        Self {
            record,
            kind: item.kind.word(),
            number: item.number(),
            title: item.title.as_deref(),
            text: item.text.trim_end(),
            addressed_to: item.addressed_to.as_deref(),
            applies: item.applies,
            owner: item.owner.as_deref(),
            target: item.target.map(Target::iso),
            status: item.status.word(),
            last_update: item.updated,
        }
    }
}

impl SiteOutput for Recommendations {
    fn format(&self) -> Format {
        Format::Html
    }

    fn names(&self) -> Vec<String> {
        vec![NAME.to_owned()]
    }

    fn render(&self, _: &Site<'_>, records: &[Arc<Summary>], _: Folder) -> Result<Vec<File>> {
        let rows: Vec<Row<'_>> = published(records)
            .into_iter()
            .flat_map(|r| r.items.iter().map(|item| Row::of(&r.id, item)))
            .collect();
        Ok(vec![File {
            name: NAME.to_owned(),
            bytes: excel_csv(&COLUMNS, &rows)?,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemKind, ItemStatus};

    #[test]
    fn the_columns_are_the_fields() {
        let item = Item {
            kind: ItemKind::Recommendation,
            position: 1,
            number: None,
            title: None,
            text: "Do it.".to_owned(),
            addressed_to: None,
            applies: true,
            owner: None,
            target: None,
            status: ItemStatus::Open,
            updated: None,
            at: crate::problem::Location::default(),
            line: None,
        };
        let header = crate::outputs::responses::tests::header_of(&Row::of("x", &item));
        assert_eq!(header, COLUMNS.join(","));
    }
}
