//! England and Wales bank holidays, bundled with the program.
//!
//! The data lives in `src/bank-holidays.json`, in the format of GOV.UK's
//! `bank-holidays.json` (only the `england-and-wales` division is kept), and
//! is compiled into the binary. The 2015–2021 entries are GOV.UK's published
//! data as copied from the alphagov/calendars repository data file of May
//! 2020. The 2022–2027 entries were compiled on 2026-11-22 from the statutory
//! rules (New Year's Day, Good Friday, Easter Monday, the first and last
//! Mondays of May, the last Monday of August, Christmas Day and Boxing Day,
//! with a substitute weekday for a day that falls on a weekend) plus the
//! announced one-off changes: the 2022 Spring bank holiday moved to 2 June, the
//! Platinum Jubilee bank holiday (2022-06-03), the bank holiday for the State
//! Funeral of Queen Elizabeth II (2022-09-19) and the bank holiday for the
//! coronation of King Charles III (2023-05-08). Titles, notes and bunting
//! follow GOV.UK's own entries; for 2022–2025 they match copies of GOV.UK's
//! live file, where the one-off days have empty notes and the funeral is
//! titled "Bank Holiday for the State Funeral of Queen Elizabeth II". New
//! one-off changes must be added to the file when they are announced.
//!
//! Dates outside the covered years are not known: [`BankHolidays::get`]
//! returns `None` for them, and callers should check
//! [`BankHolidays::covers`] before treating `None` as "not a bank holiday".

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

/// The bundled data file, in GOV.UK's `bank-holidays.json` format.
const BUNDLED_JSON: &str = include_str!("bank-holidays.json");

/// The GOV.UK division this module reads.
const DIVISION: &str = "england-and-wales";

/// England and Wales bank holidays for a range of years: each holiday's date
/// and its GOV.UK title, and the years the data covers (from the year of the
/// first event to the year of the last one, inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHolidays {
    /// Date → title, e.g. 2022-12-27 → "Christmas Day".
    days: BTreeMap<NaiveDate, String>,
    /// The year of the earliest event.
    first_year: i32,
    /// The year of the latest event.
    last_year: i32,
}

/// The top level of a GOV.UK `bank-holidays.json` file. Other divisions
/// (`scotland`, `northern-ireland`) are ignored.
#[derive(Deserialize)]
struct GovUkFile {
    #[serde(rename = "england-and-wales")]
    england_and_wales: Option<GovUkDivision>,
}

/// One division of a GOV.UK `bank-holidays.json` file.
#[derive(Deserialize)]
struct GovUkDivision {
    events: Vec<GovUkEvent>,
}

/// One event of a division; `notes` and `bunting` are ignored.
#[derive(Deserialize)]
struct GovUkEvent {
    title: String,
    date: String,
}

/// The bank holidays bundled with the program (England and Wales, 2015–2027),
/// parsed on first use.
pub fn bundled() -> &'static BankHolidays {
    static BUNDLED: OnceLock<BankHolidays> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        // Cannot fail at run time: the text is fixed at compile time, and the
        // unit test `bundled_file_parses_and_covers_2015_to_2027` parses this
        // same `BUNDLED_JSON`, so a broken bundle fails `cargo test`.
        from_json(BUNDLED_JSON).expect("the bundled bank-holidays.json is valid (checked by tests)")
    })
}

/// Parses a file in GOV.UK's `bank-holidays.json` format and keeps its
/// `england-and-wales` division (other divisions are ignored).
///
/// Errors if the text is not such a file, if it has no `england-and-wales`
/// division or no events in it, if a date is not an ISO date (`YYYY-MM-DD`),
/// or if two events share a date.
pub fn from_json(text: &str) -> Result<BankHolidays, String> {
    let file: GovUkFile = serde_json::from_str(text)
        .map_err(|e| format!("not a GOV.UK bank-holidays.json file: {e}"))?;
    let division = file
        .england_and_wales
        .ok_or_else(|| format!("no \"{DIVISION}\" division in the bank holidays file"))?;
    let mut days = BTreeMap::new();
    for event in division.events {
        let date = parse_iso_date(&event.date).ok_or_else(|| {
            format!(
                "bank holiday \"{}\" has a date that is not YYYY-MM-DD: \"{}\"",
                event.title, event.date
            )
        })?;
        if let Some(previous) = days.get(&date) {
            return Err(format!(
                "two bank holidays on {date}: \"{previous}\" and \"{}\"",
                event.title
            ));
        }
        days.insert(date, event.title);
    }
    let (first_year, last_year) = match (days.first_key_value(), days.last_key_value()) {
        (Some((first, _)), Some((last, _))) => (first.year(), last.year()),
        _ => return Err(format!("the \"{DIVISION}\" division has no events")),
    };
    Ok(BankHolidays {
        days,
        first_year,
        last_year,
    })
}

/// Parses a strict ISO calendar date, `YYYY-MM-DD` with exactly those digits.
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl BankHolidays {
    /// The title of the bank holiday on `date` (e.g. "Christmas Day"), or
    /// `None` if there is none. `None` only means "not a bank holiday" when
    /// [`covers`](Self::covers) is true for that date.
    pub fn get(&self, date: NaiveDate) -> Option<&str> {
        self.days.get(&date).map(String::as_str)
    }

    /// Whether the data covers `date`'s year, i.e. the year lies between
    /// [`first_year`](Self::first_year) and [`last_year`](Self::last_year)
    /// inclusive.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    /// The first year covered (the year of the earliest event).
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// The last year covered (the year of the latest event).
    pub fn last_year(&self) -> i32 {
        self.last_year
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Weekday};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Easter Sunday, by the anonymous Gregorian algorithm.
    fn easter(year: i32) -> NaiveDate {
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        ymd(year, month as u32, day as u32)
    }

    fn is_weekend(date: NaiveDate) -> bool {
        matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    fn first_monday(year: i32, month: u32) -> NaiveDate {
        NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).unwrap()
    }

    fn last_monday(year: i32, month: u32) -> NaiveDate {
        let fifth = NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5);
        fifth.unwrap_or_else(|| {
            NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4).unwrap()
        })
    }

    /// Adds fixed-date holidays; one on a weekend moves to the next weekday
    /// that is not already a holiday (weekday holidays keep their own date, so
    /// Christmas on a Sunday gives Boxing Day on Monday the 26th and Christmas
    /// on Tuesday the 27th, as GOV.UK lists it).
    fn add_fixed(out: &mut BTreeMap<NaiveDate, String>, days: &[(NaiveDate, &str)]) {
        for (date, title) in days {
            if !is_weekend(*date) {
                out.insert(*date, (*title).to_string());
            }
        }
        for (date, title) in days {
            if is_weekend(*date) {
                let mut sub = *date;
                while is_weekend(sub) || out.contains_key(&sub) {
                    sub += Duration::days(1);
                }
                out.insert(sub, (*title).to_string());
            }
        }
    }

    /// The rule engine: England and Wales bank holidays for `year`, from the
    /// fixed rules, substitute days and the list of announced one-off changes.
    fn calculated(year: i32) -> BTreeMap<NaiveDate, String> {
        let mut out = BTreeMap::new();
        add_fixed(&mut out, &[(ymd(year, 1, 1), "New Year’s Day")]);
        let easter = easter(year);
        out.insert(easter - Duration::days(2), "Good Friday".to_string());
        out.insert(easter + Duration::days(1), "Easter Monday".to_string());
        out.insert(first_monday(year, 5), "Early May bank holiday".to_string());
        out.insert(last_monday(year, 5), "Spring bank holiday".to_string());
        out.insert(last_monday(year, 8), "Summer bank holiday".to_string());
        add_fixed(
            &mut out,
            &[
                (ymd(year, 12, 25), "Christmas Day"),
                (ymd(year, 12, 26), "Boxing Day"),
            ],
        );

        // One-off changes: (year, date removed, date added, title added).
        type OneOff = (
            i32,
            Option<(i32, u32, u32)>,
            Option<((i32, u32, u32), &'static str)>,
        );
        const ONE_OFFS: &[OneOff] = &[
            // VE Day 75: the Early May bank holiday moved to Friday 8 May.
            (
                2020,
                Some((2020, 5, 4)),
                Some(((2020, 5, 8), "Early May bank holiday (VE day)")),
            ),
            // Platinum Jubilee: the Spring bank holiday moved to Thursday 2 June...
            (
                2022,
                Some((2022, 5, 30)),
                Some(((2022, 6, 2), "Spring bank holiday")),
            ),
            // ...plus an extra day on Friday 3 June.
            (
                2022,
                None,
                Some(((2022, 6, 3), "Platinum Jubilee bank holiday")),
            ),
            (
                2022,
                None,
                Some((
                    (2022, 9, 19),
                    "Bank Holiday for the State Funeral of Queen Elizabeth II",
                )),
            ),
            (
                2023,
                None,
                Some((
                    (2023, 5, 8),
                    "Bank holiday for the coronation of King Charles III",
                )),
            ),
        ];
        for (one_off_year, removed, added) in ONE_OFFS {
            if *one_off_year != year {
                continue;
            }
            if let Some((y, m, d)) = removed {
                assert!(
                    out.remove(&ymd(*y, *m, *d)).is_some(),
                    "{y}-{m}-{d} not a rule day"
                );
            }
            if let Some(((y, m, d), title)) = added {
                out.insert(ymd(*y, *m, *d), (*title).to_string());
            }
        }
        out
    }

    #[test]
    fn easter_algorithm_matches_known_dates() {
        for (year, m, d) in [
            (2015, 4, 5),
            (2016, 3, 27),
            (2019, 4, 21),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
        ] {
            assert_eq!(easter(year), ymd(year, m, d));
        }
    }

    #[test]
    fn bundled_file_parses_and_covers_2015_to_2027() {
        // Parses the same text that `bundled()` parses (and so proves its `expect`).
        let parsed = from_json(BUNDLED_JSON).unwrap();
        assert_eq!(parsed.first_year(), 2015);
        assert_eq!(parsed.last_year(), 2027);
        for year in 2015..=2027 {
            assert!(parsed.covers(ymd(year, 1, 1)));
            assert!(parsed.covers(ymd(year, 12, 31)));
        }
        assert_eq!(bundled(), &parsed);
    }

    #[test]
    fn bundle_matches_rule_engine_every_year() {
        let bundle = bundled();
        for year in 2015..=2027 {
            let in_bundle: BTreeMap<NaiveDate, String> = bundle
                .days
                .range(ymd(year, 1, 1)..=ymd(year, 12, 31))
                .map(|(date, title)| (*date, title.clone()))
                .collect();
            assert_eq!(in_bundle, calculated(year), "bank holidays of {year}");
        }
        // Nothing outside the covered years.
        assert_eq!(
            bundle.days.len(),
            (2015..=2027).map(|y| calculated(y).len()).sum::<usize>()
        );
    }

    #[test]
    fn spot_checks() {
        let b = bundled();
        let title = |y, m, d| b.get(ymd(y, m, d));
        assert_eq!(title(2022, 12, 26), Some("Boxing Day"));
        assert_eq!(title(2022, 12, 27), Some("Christmas Day"));
        assert_eq!(
            title(2022, 9, 19),
            Some("Bank Holiday for the State Funeral of Queen Elizabeth II")
        );
        assert_eq!(
            title(2023, 5, 8),
            Some("Bank holiday for the coronation of King Charles III")
        );
        assert_eq!(title(2020, 5, 8), Some("Early May bank holiday (VE day)"));
        assert_eq!(title(2020, 5, 4), None);
        assert_eq!(title(2022, 5, 30), None);
        assert_eq!(title(2022, 6, 3), Some("Platinum Jubilee bank holiday"));
        assert_eq!(title(2024, 12, 25), Some("Christmas Day"));
        assert_eq!(title(2026, 8, 31), Some("Summer bank holiday"));
        assert_eq!(title(2026, 12, 28), Some("Boxing Day"));
        assert_eq!(title(2027, 3, 26), Some("Good Friday"));
        assert_eq!(title(2027, 12, 27), Some("Christmas Day"));
        assert_eq!(title(2027, 12, 28), Some("Boxing Day"));
        assert_eq!(title(2015, 1, 1), Some("New Year’s Day"));
        assert_eq!(title(2023, 10, 19), None);
        assert!(b.covers(ymd(2023, 10, 19)));
        assert!(!b.covers(ymd(2014, 6, 1)));
        assert!(!b.covers(ymd(2028, 1, 1)));
        assert_eq!(b.get(ymd(2028, 1, 3)), None);
    }

    const EVENT: &str =
        r#"{"title": "Christmas Day", "date": "2030-12-25", "notes": "", "bunting": true}"#;

    #[test]
    fn from_json_needs_england_and_wales() {
        let text = format!(r#"{{"scotland": {{"division": "scotland", "events": [{EVENT}]}}}}"#);
        let err = from_json(&text).unwrap_err();
        assert!(err.contains("england-and-wales"), "{err}");
        assert!(from_json("{}").is_err());
        assert!(from_json("not json").is_err());
        assert!(
            from_json(r#"{"england-and-wales": {"division": "england-and-wales", "events": []}}"#)
                .is_err()
        );
    }

    #[test]
    fn from_json_accepts_full_govuk_file() {
        let text = format!(
            r#"{{
                "england-and-wales": {{"division": "england-and-wales", "events": [
                    {{"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}},
                    {EVENT}
                ]}},
                "scotland": {{"division": "scotland", "events": [
                    {{"title": "2nd January", "date": "2029-01-02", "notes": "", "bunting": true}}
                ]}},
                "northern-ireland": {{"division": "northern-ireland", "events": [
                    {{"title": "St Patrick’s Day", "date": "2029-03-17", "notes": "", "bunting": true}}
                ]}}
            }}"#
        );
        let parsed = from_json(&text).unwrap();
        assert_eq!(parsed.get(ymd(2030, 12, 25)), Some("Christmas Day"));
        assert_eq!(parsed.get(ymd(2029, 1, 2)), None);
        assert_eq!(parsed.get(ymd(2029, 3, 17)), None);
        assert_eq!((parsed.first_year(), parsed.last_year()), (2029, 2030));
        assert!(parsed.covers(ymd(2029, 6, 1)));
        assert!(!parsed.covers(ymd(2031, 1, 1)));
    }

    #[test]
    fn from_json_rejects_bad_dates() {
        for date in [
            "25/12/2030",
            "2030-12-32",
            "2030-2-01",
            "2030-02-30",
            " 2030-12-25",
            "",
        ] {
            let text = format!(
                r#"{{"england-and-wales": {{"division": "england-and-wales", "events": [
                    {{"title": "Christmas Day", "date": "{date}", "notes": "", "bunting": true}}]}}}}"#
            );
            assert!(from_json(&text).is_err(), "accepted {date:?}");
        }
        let text = format!(
            r#"{{"england-and-wales": {{"division": "england-and-wales", "events": [{EVENT}, {EVENT}]}}}}"#
        );
        assert!(from_json(&text).is_err(), "accepted a duplicate date");
    }
}
