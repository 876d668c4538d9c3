//! Open data of the published responses: `responses.csv` and `responses.json`, one row per
//! record in `out/` (published, dated or not), the newest report first, as on the index. Both
//! files hold the same columns ([`COLUMNS`]); the README documents each. The CSV is written for
//! Excel on Windows as well as for other readers, and never as formulas (see [`crate::excel`]).

use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::Publication;
use crate::excel::excel_csv;
use crate::model::{ItemKind, Office, Summary};
use crate::outputs::{File, Folder, Format, Site, SiteOutput, timeliness};

/// `responses.csv` and `responses.json`.
pub(crate) struct Responses;

/// The columns, in order: the fields of [`Row`], as its test checks.
const COLUMNS: [&str; 18] = [
    "id",
    "title",
    "reference",
    "type",
    "type_label",
    "published",
    "statutory",
    "last_day",
    "response_published",
    "days_taken",
    "on_time",
    "copies_sent_hmicfrs",
    "copies_sent_home_secretary",
    "recommendations",
    "areas_for_improvement",
    "causes_of_concern",
    "report_link",
    "response_page",
];

/// One published record.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    reference: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'a str,
    type_label: &'a str,
    published: NaiveDate,
    statutory: bool,
    last_day: Option<NaiveDate>,
    /// The day, or `undated`.
    response_published: String,
    days_taken: Option<i64>,
    on_time: Option<bool>,
    copies_sent_hmicfrs: Option<NaiveDate>,
    copies_sent_home_secretary: Option<NaiveDate>,
    recommendations: usize,
    areas_for_improvement: usize,
    causes_of_concern: usize,
    report_link: Option<&'a str>,
    response_page: String,
}

impl<'a> Row<'a> {
    fn of(record: &'a Summary, office: &Office) -> Self {
        let count = |kind| record.items.iter().filter(|i| i.kind == kind).count();
        Self {
            id: &record.id,
            title: &record.title,
            reference: record.reference.as_deref(),
            kind: &record.kind,
            type_label: &record.type_label,
            published: record.published,
            statutory: record.statutory,
            last_day: record.last_day,
            response_published: match record.response {
                Publication::On(day) => day.to_string(),
                Publication::Undated | Publication::NotYet => "undated".to_owned(),
            },
            days_taken: timeliness::days(record),
            on_time: timeliness::on_time(record),
            copies_sent_hmicfrs: record.copies_sent.hmicfrs,
            copies_sent_home_secretary: record.copies_sent.home_secretary,
            recommendations: count(ItemKind::Recommendation),
            areas_for_improvement: count(ItemKind::AreaForImprovement),
            causes_of_concern: count(ItemKind::CauseOfConcern),
            report_link: record.link.as_deref(),
            response_page: super::address(office, &format!("{}.html", record.id)),
        }
    }
}

/// The records in `out/`, the newest report first (then by id), as the index lists them.
pub(crate) fn published(records: &[Arc<Summary>]) -> Vec<&Summary> {
    let mut records: Vec<&Summary> = records
        .iter()
        .map(|r| &**r)
        .filter(|r| Folder::of(r.response) == Folder::Out)
        .collect();
    records.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    records
}

impl SiteOutput for Responses {
    fn format(&self) -> Format {
        Format::Html
    }

    fn names(&self) -> Vec<String> {
        vec!["responses.csv".to_owned(), "responses.json".to_owned()]
    }

    fn render(&self, site: &Site<'_>, records: &[Arc<Summary>], _: Folder) -> Result<Vec<File>> {
        let rows: Vec<Row<'_>> = published(records)
            .into_iter()
            .map(|r| Row::of(r, site.office))
            .collect();
        let mut json = serde_json::to_vec_pretty(&rows)?;
        json.push(b'\n');
        Ok(vec![
            File {
                name: "responses.csv".to_owned(),
                bytes: excel_csv(&COLUMNS, &rows)?,
            },
            File {
                name: "responses.json".to_owned(),
                bytes: json,
            },
        ])
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The header the `csv` crate makes of a row's fields.
    pub(crate) fn header_of<T: Serialize>(row: &T) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.serialize(row).expect("a row");
        let bytes = writer.into_inner().expect("written");
        let text = String::from_utf8(bytes).expect("UTF-8");
        text.lines().next().unwrap_or_default().to_owned()
    }

    /// An office without a `site_url`.
    pub(crate) fn office() -> Office {
        Office {
            name: "Test Office".to_owned(),
            area: "Testshire".to_owned(),
            force: "Testshire Constabulary".to_owned(),
            chief_officer: "Chief Constable".to_owned(),
            commissioner: Vec::new(),
            fire_and_rescue: None,
            statutory_statement: None,
            fire_statement: None,
            local_target_days: None,
            tracking_from: None,
            formats: None,
            site_url: None,
        }
    }

    /// A row of every kind of cell.
    #[derive(Serialize)]
    struct Hostile<'a> {
        text: &'a str,
        days: i64,
        missing: Option<&'a str>,
    }

    #[test]
    fn no_cell_is_a_formula() {
        let rows = [
            ("=HYPERLINK(\"https://example.org\",\"Click\")", -3),
            ("+1", 0),
            ("-2+3", -12),
            ("@SUM(A1)", 4),
            ("\tTab", 0),
            ("\rReturn", 0),
            ("-", 0),
            ("-1.5", 0),
            ("-1.", 0),
            ("A = B", 0),
            ("'quoted", 0),
        ]
        .map(|(text, days)| Hostile {
            text,
            days,
            missing: None,
        });
        let bytes = excel_csv(&["text", "days", "missing"], &rows).expect("a CSV");
        assert_eq!(
            String::from_utf8(bytes).expect("UTF-8"),
            "\u{feff}text,days,missing\r\n\
             \"'=HYPERLINK(\"\"https://example.org\"\",\"\"Click\"\")\",-3,\r\n\
             '+1,0,\r\n\
             '-2+3,-12,\r\n\
             '@SUM(A1),4,\r\n\
             '\tTab,0,\r\n\
             \"'\rReturn\",0,\r\n\
             '-,0,\r\n\
             -1.5,0,\r\n\
             '-1.,0,\r\n\
             A = B,0,\r\n\
             'quoted,0,\r\n"
        );
    }

    #[test]
    fn the_columns_are_the_fields() {
        let record = Summary {
            id: "x".to_owned(),
            title: "X".to_owned(),
            reference: None,
            kind: "peel".to_owned(),
            type_label: "PEEL".to_owned(),
            link: None,
            published: NaiveDate::from_ymd_opt(2024, 1, 2).expect("a date"),
            statutory: true,
            last_day: None,
            response: Publication::Undated,
            commissioner: "PCC".to_owned(),
            copies_sent: crate::model::CopiesSent::default(),
            items: Vec::new(),
        };
        assert_eq!(header_of(&Row::of(&record, &office())), COLUMNS.join(","));
    }
}
