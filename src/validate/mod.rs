//! Validation: from located YAML trees to the model, collecting every problem on the way. It is
//! pure — it reads no file and no clock — so that it can be driven from bytes alone (the fuzz
//! targets, the benchmarks, [`from_bytes`]) and gives the same answer wherever it runs.
//!
//! A [`Session`] validates the office file when it starts, then each record on its own
//! ([`Session::record`], run in parallel by the one pipeline every command takes its records
//! from, `pipeline`), and finishes with the checks across records ([`Session::finish`]). Its
//! parts, by responsibility:
//!
//! - `fields`: the value checks everything is built from (a mapping's fields, text, dates,
//!   `true`/`false`, lists);
//! - `definitions`: every mapping's fields, their kinds and what they mean, which the field
//!   checks and the JSON Schema both come from;
//! - `office`: the office file;
//! - `record`: one record's id, fields and list items, read into the model;
//! - `rules`: the rules between fields — **the home of a new rule**;
//! - `html`: raw HTML in Markdown fields nests no deeper than the sanitiser cleans quickly;
//! - `images`: no image in a Markdown field, which no output can show;
//! - `length`: a record holds no more text than its PDF can be typeset from;
//! - `related`: the rules across records (`related` ids resolve, no cycles, no deep nesting).
//!
//! Validation never stops at the first problem, and a record with an error is left out of the
//! result.

pub(crate) mod definitions;
mod fields;
mod html;
mod images;
mod items;
mod length;
mod office;
mod record;
mod related;
mod rules;
mod statutory;
mod values;

use std::collections::BTreeSet;

use chrono::NaiveDate;

pub(crate) use record::link_problem;
pub use record::slug;
pub use related::Graph;
pub(crate) use related::Related;
pub(crate) use related::held;

use crate::load::{self, File};
use crate::model::{Inspection, Office};
use crate::problem::Problem;
use fields::Checker;

/// One validation of a project: the office, then each record, then the checks across records.
#[derive(Debug)]
pub(crate) struct Session {
    office: Option<Office>,
    problems: Vec<Problem>,
    today: NaiveDate,
}

/// What validating one record on its own gives, before the records are checked against each
/// other.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The record's id, its file stem.
    pub(crate) id: String,
    /// The record's file, as shown to the user.
    pub(crate) file: String,
    /// Whether the user asked about it (only those are reported).
    pub(crate) selected: bool,
    /// The record, when it has no error of its own.
    pub(crate) inspection: Option<Inspection>,
    /// Its own problems.
    pub(crate) problems: Vec<Problem>,
    /// What it names in `related`.
    pub(crate) related: Related,
    /// The hash of its text, which the render's cache remembers pages by.
    pub(crate) text_hash: u64,
}

/// A record the user asked about: its id and its file as shown.
#[derive(Debug)]
pub struct Asked {
    /// The id.
    pub id: String,
    /// The file.
    pub file: String,
}

/// The result of validation: the valid records and every problem found.
#[derive(Debug)]
pub struct Validated {
    /// The office, when `data/office.yaml` is valid.
    pub office: Option<Office>,
    /// The valid records whose models were kept, in file-name order.
    pub inspections: Vec<Inspection>,
    /// The ids of the records the user asked about, valid or not.
    pub selected: BTreeSet<String>,
    /// Which records each record holds, for every record read.
    pub graph: Graph,
    /// Every problem in the office file and the selected records, by file and place.
    pub problems: Vec<Problem>,
    /// The records the user asked about, by file (two files with one id are two records).
    pub asked: Vec<Asked>,
    /// The hash of each record's text, by id.
    pub text_hashes: std::collections::HashMap<String, u64>,
}

impl Validated {
    /// The selected valid records whose models were kept.
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

impl Session {
    /// Starts a session as of `today` by validating the office file (`None`: it is missing,
    /// which `load` has reported). `found` holds the problems found while looking for files.
    pub(crate) fn new(office: Option<&File>, found: Vec<Problem>, today: NaiveDate) -> Self {
        let mut problems = found;
        let office = office.and_then(|file| {
            let (office, found) = office_file(file);
            problems.extend(found);
            office
        });
        Self {
            office,
            problems,
            today,
        }
    }

    /// Validates one record on its own: `file` is its text and tree, `id` its file stem.
    pub(crate) fn record(&self, id: String, file: File, selected: bool) -> Checked {
        let mut checker = Checker::new(&file.source, file.problems);
        let inspection = record::record(
            &mut checker,
            &id,
            file.node.as_ref(),
            self.office.as_ref(),
            self.today,
        );
        if let Some(node) = &file.node {
            checker.problems.extend(html::check(&file.source, node));
            checker.problems.extend(images::check(&file.source, node));
        }
        let mut related = Related::default();
        if let Some(node) = &file.node {
            let (text, too_long) = length::check(&file.source, node);
            checker.problems.extend(too_long);
            related = Related::of(&file.source, node);
            related.text = text;
        }
        let valid = !checker.has_errors();
        let problems = checker.finish();
        Checked {
            id,
            text_hash: xxhash_rust::xxh3::xxh3_64(file.source.text.as_bytes()),
            file: file.source.file,
            selected,
            inspection: inspection.filter(|_| valid),
            problems,
            related,
        }
    }

    /// Checks the records against each other and gathers the result, with the problems sorted
    /// by file and place. `records` holds every record read, selected or not.
    pub(crate) fn finish(&self, mut records: Vec<Checked>) -> Validated {
        let (cycles, in_cycle) = related::check(&mut records);
        let graph = related::graph(&records);
        let pages = length::pages(&records, &graph);
        let own: usize = records
            .iter()
            .filter(|r| r.selected)
            .map(|r| r.problems.len())
            .sum();
        let mut problems = Vec::with_capacity(self.problems.len() + cycles.len() + own);
        problems.extend_from_slice(&self.problems);
        problems.extend(cycles);
        problems.extend(pages);
        let mut selected = BTreeSet::new();
        let mut asked = Vec::new();
        let mut text_hashes = std::collections::HashMap::with_capacity(records.len());
        let mut inspections = Vec::with_capacity(records.len());
        for record in records {
            text_hashes.insert(record.id.clone(), record.text_hash);
            if record.selected {
                selected.insert(record.id.clone());
                problems.extend(record.problems);
                asked.push(Asked {
                    id: record.id,
                    file: record.file,
                });
            }
            // A record with an error of its own has no model already.
            if let Some(inspection) = record.inspection
                && !in_cycle.contains(&inspection.id)
            {
                inspections.push(inspection);
            }
        }
        crate::problem::sort(&mut problems);
        Validated {
            office: self.office.clone(),
            inspections,
            selected,
            graph,
            problems,
            asked,
            text_hashes,
        }
    }
}

/// Validates the office file: the office, when it is valid, and the file's problems.
fn office_file(file: &File) -> (Option<Office>, Vec<Problem>) {
    let mut checker = Checker::new(&file.source, file.problems.clone());
    let office = file
        .node
        .as_ref()
        .and_then(|node| office::office(&mut checker, node));
    (office, checker.finish())
}

/// One record (`file`, its id `id`) validated on its own against the office file, as of
/// `today`, before any check across records: its model, when it has no error of its own.
pub(crate) fn alone(
    office: Option<&File>,
    id: String,
    file: File,
    today: NaiveDate,
) -> Option<Inspection> {
    Session::new(office, Vec::new(), today)
        .record(id, file, true)
        .inspection
}

/// The office in `file`, when it is valid (what `respond new` needs of it).
pub(crate) fn office(file: &File) -> Option<Office> {
    office_file(file).0
}

/// Validates a project given as bytes: the office file (if any) and `(id, bytes)` for each
/// record. The fuzz targets and benchmarks use it, and it shows that validation needs no disk.
pub fn from_bytes(
    office: Option<Vec<u8>>,
    records: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Validated {
    let office = office.map(|bytes| load::parse_bytes(load::OFFICE.to_owned(), bytes));
    let session = Session::new(office.as_ref(), Vec::new(), today);
    let checked = records
        .into_iter()
        .map(|(id, bytes)| {
            let file = load::parse_bytes(format!("{}/{id}.yaml", load::RECORDS_DIR), bytes);
            session.record(id, file, true)
        })
        .collect();
    session.finish(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: &[u8] = b"name: Test Office\narea: Testshire\nforce: Testshire Constabulary\nchief_officer: Chief Constable\ncommissioner:\n  - from: 2012-11-22\n    title: Police and Crime Commissioner\n    short: PCC\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
    }

    #[test]
    fn validation_runs_from_bytes_alone() {
        let validated = from_bytes(
            Some(OFFICE.to_vec()),
            vec![
                (
                    "2023-08-25-a".to_owned(),
                    b"title: A\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\nrelated: [2023-08-26-b]\n".to_vec(),
                ),
                (
                    "2023-08-26-b".to_owned(),
                    b"title: B\npublished: 26/08/2023\ntype: pele\nkey_findings: Found.\n"
                        .to_vec(),
                ),
            ],
            today(),
        );
        assert!(validated.office.is_some());
        assert_eq!(
            validated
                .inspections
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>(),
            ["2023-08-25-a"]
        );
        assert_eq!(validated.graph["2023-08-25-a"], ["2023-08-26-b"]);
        let problems: Vec<String> = validated
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect();
        assert_eq!(
            problems,
            ["data/inspections/2023-08-26-b.yaml:3:7: unknown type `pele`"]
        );
    }

    /// A record of `n` recommendations numbered `R1` to `Rn`, one of them twice, and a cause of
    /// concern naming each.
    fn many_recommendations(n: usize) -> Vec<u8> {
        let mut text = String::from(
            "title: A\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\nrecommendations:\n",
        );
        for i in (1..=n).chain([n]) {
            text.push_str(&format!("  - number: R{i:03}\n    text: Do it.\n"));
        }
        text.push_str("causes_of_concern:\n  - text: A cause.\n    recommendations:\n");
        for i in 1..=n {
            text.push_str(&format!("      - R{i}\n"));
        }
        text.into_bytes()
    }

    /// How many number keys validating a record of `n` recommendations makes, and its
    /// problems.
    fn keys_made(n: usize) -> (usize, Vec<String>) {
        rules::KEYS_MADE.with(|k| k.set(0));
        let validated = from_bytes(
            Some(OFFICE.to_vec()),
            vec![("2023-08-25-a".to_owned(), many_recommendations(n))],
            today(),
        );
        let problems = validated
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        (rules::KEYS_MADE.with(std::cell::Cell::get), problems)
    }

    #[test]
    fn recommendation_numbers_are_compared_in_work_that_grows_with_them() {
        let (once, problems) = keys_made(400);
        assert_eq!(problems, ["recommendation number `R400` is used twice"]);
        let (twice, _) = keys_made(800);
        // Each number's key is made once where it is listed, once for the causes of concern,
        // and once where a cause names it.
        assert!(once <= 3 * 401 + 8, "{once} keys for 400 recommendations");
        assert!(
            twice <= 2 * once + 8,
            "{once} keys for 400, {twice} for 800"
        );
    }

    /// The bytes the problems of a record of `n` unknown fields hold, and the record's size.
    fn unknown_fields_held(n: usize) -> (usize, usize) {
        let mut text =
            String::from("title: A\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n");
        for i in 0..n {
            text.push_str(&format!("x{i}: 1\n"));
        }
        let size = text.len();
        let validated = from_bytes(
            Some(OFFICE.to_vec()),
            vec![("2023-08-25-a".to_owned(), text.into_bytes())],
            today(),
        );
        let held = validated
            .problems
            .iter()
            .map(|p| {
                std::mem::size_of::<Problem>()
                    + p.file.capacity()
                    + p.message.capacity()
                    + p.source_line.as_ref().map_or(0, String::capacity)
                    + p.help.as_ref().map_or(0, String::capacity)
            })
            .sum();
        (held, size)
    }

    #[test]
    fn the_problems_of_many_unknown_fields_hold_less_than_the_record() {
        let (once, size) = unknown_fields_held(5_000);
        let (twice, _) = unknown_fields_held(10_000);
        assert!(
            twice <= 2 * once,
            "{once} bytes for 5,000 fields, {twice} for 10,000"
        );
        assert!(
            once < size,
            "{once} bytes of problems for a record of {size}"
        );
    }

    #[test]
    fn unknown_fields_past_the_first_are_counted_in_one_problem() {
        let mut text =
            String::from("title: A\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n");
        for i in 0..25 {
            text.push_str(&format!("x{i}: 1\n"));
        }
        let validated = from_bytes(
            Some(OFFICE.to_vec()),
            vec![("2023-08-25-a".to_owned(), text.into_bytes())],
            today(),
        );
        let problems: Vec<String> = validated
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect();
        assert_eq!(problems.len(), fields::UNKNOWN_FIELDS_LISTED + 1);
        assert_eq!(
            problems[0],
            "data/inspections/2023-08-25-a.yaml:5:1: unknown field `x0` in a record"
        );
        assert_eq!(
            problems[fields::UNKNOWN_FIELDS_LISTED],
            "data/inspections/2023-08-25-a.yaml:25:1: 5 more unknown fields from here on, not listed one by one"
        );
    }

    #[test]
    fn ids_and_slugs() {
        assert!(record::valid_id("2023-08-25-race-and-policing"));
        assert!(!record::valid_id("2023-08-25-Race"));
        assert!(!record::valid_id("race_and_policing"));
        assert!(!record::valid_id("-race"));
        assert_eq!(
            slug("Race and Policing: A review of the Police service’s leadership"),
            "race-and-policing-a-review-of-the-police-services-leadership"
        );
    }

    #[test]
    fn every_site_file_name_is_a_reserved_id() {
        for output in crate::outputs::SITE {
            for name in output.names() {
                let stem = name.split('.').next().unwrap_or_default();
                assert!(
                    record::RESERVED_IDS.contains(&stem),
                    "`{name}` is written by an output but `{stem}` is not reserved"
                );
            }
        }
    }

    #[test]
    fn suggestions() {
        let record_fields = definitions::RECORD.names();
        assert_eq!(
            crate::problem::suggest("titel", record_fields.clone()),
            Some("title")
        );
        assert_eq!(
            crate::problem::suggest("keyfindings", record_fields.clone()),
            Some("key_findings")
        );
        assert_eq!(
            crate::problem::suggest("colour", record_fields.clone()),
            None
        );
    }
}
