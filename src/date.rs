//! Dates as the office writes them: parsing the accepted forms of a record's dates
//! and writing them back in the UK long form ("25 August 2023").
//!
//! The accepted forms are ISO `2023-08-25`, `25/08/2023` (always day first, as in the UK),
//! `25 August 2023` and `25th August 2023` (full or three-letter month). A month without a day
//! ("July 2020") is refused with an explanation, because the 56-day clock starts on a day;
//! only a recommendation's `target` may be a month ([`parse_target`]), which reports set as
//! often as a day.

use chrono::NaiveDate;

/// Why a piece of text is not an accepted date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, in a few words (lower case, no full stop), e.g. "February 2023 has
    /// no day 31".
    pub reason: String,
    /// How to put it right.
    pub help: String,
}

const FORMS: &str = "write it as `2023-08-25`, `25/08/2023` or `25 August 2023`";

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A recommendation's target: a day, or a month, which is due by its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// A day: `2021-07-15`.
    Day(NaiveDate),
    /// A month: `July 2021`, held as its first day.
    Month(NaiveDate),
}

impl Target {
    /// The last day the target allows: the day, or the last day of the month.
    pub fn due(self) -> NaiveDate {
        match self {
            Self::Day(day) => day,
            Self::Month(first) => first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|next| next.pred_opt())
                .unwrap_or(first),
        }
    }

    /// As the JSON and the CSV give it: `2021-07-15`, or `2021-07` for a month (ISO 8601's
    /// year and month).
    pub fn iso(self) -> String {
        match self {
            Self::Day(day) => day.format("%Y-%m-%d").to_string(),
            Self::Month(first) => first.format("%Y-%m").to_string(),
        }
    }

    /// As documents show it: `15 July 2021`, or `July 2021` for a month.
    pub fn long(self) -> String {
        match self {
            Self::Day(day) => long(day),
            Self::Month(first) => first.format("%B %Y").to_string(),
        }
    }
}

/// Parses a recommendation's target: a date in one of the accepted forms, or a month and year
/// (`July 2021`, `Jul 2021`).
pub fn parse_target(text: &str) -> Result<Target, DateError> {
    if let [month, year] = text.split_whitespace().collect::<Vec<_>>().as_slice()
        && let Some(month) = month_number(month)
    {
        let invalid = |reason: String| DateError {
            reason,
            help: "write it as `2023-08-25`, `25 August 2023`, or a month as `August 2023`"
                .to_owned(),
        };
        let year = year_number(year).map_err(invalid)?;
        let first = i32::try_from(year)
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .zip(u32::try_from(month).ok())
            .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
            .ok_or_else(|| invalid("the year is out of range".to_owned()))?;
        return Ok(Target::Month(first));
    }
    parse(text).map(Target::Day)
}

/// Parses a date in one of the accepted forms.
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    let invalid = |what: &str| DateError {
        reason: what.to_owned(),
        help: FORMS.to_owned(),
    };
    if text.is_empty() {
        return Err(DateError {
            reason: "it is empty".to_owned(),
            help: FORMS.to_owned(),
        });
    }
    let (day, month, year) = if let Some(parts) = split_numeric(text, '-') {
        let [year, month, day] = parts;
        if text.split('-').next().is_some_and(|y| y.len() != 4) {
            return Err(invalid("an ISO date starts with a four-digit year"));
        }
        (day, month, year)
    } else if let Some(parts) = split_numeric(text, '/') {
        let [day, month, year] = parts;
        if text.rsplit('/').next().is_some_and(|y| y.len() != 4) {
            return Err(invalid("the year needs four digits"));
        }
        (day, month, year)
    } else {
        words(text).map_err(|e| DateError {
            reason: e.clone(),
            help: if e.contains("no day") {
                "the 56-day clock starts on the day HMICFRS published the report, so the day matters: \
                 give it, e.g. `6 February 2020` (the report's page on the HMICFRS website shows it)"
                    .to_owned()
            } else {
                FORMS.to_owned()
            },
        })?
    };
    let Ok(month_number) = u32::try_from(month) else {
        return Err(invalid("there is no such month"));
    };
    if !(1..=12).contains(&month_number) {
        return Err(invalid(&format!("there is no month {month}")));
    }
    let (Ok(year), Ok(day)) = (i32::try_from(year), u32::try_from(day)) else {
        return Err(invalid("out of range"));
    };
    if !(1900..=9999).contains(&year) {
        return Err(invalid("the year is out of range"));
    }
    NaiveDate::from_ymd_opt(year, month_number, day).ok_or_else(|| {
        invalid(&format!(
            "{} {year} has no day {day}",
            MONTHS[month_number as usize - 1]
        ))
    })
}

/// Splits `a<sep>b<sep>c` made only of digits into three numbers.
fn split_numeric(text: &str, sep: char) -> Option<[u64; 3]> {
    let mut parts = text.split(sep);
    let mut numbers = [0; 3];
    for number in &mut numbers {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *number = part.parse().ok()?;
    }
    parts.next().is_none().then_some(numbers)
}

/// Parses `25 August 2023`, `25th Aug 2023`, and explains `July 2020`.
fn words(text: &str) -> Result<(u64, u64, u64), String> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    match parts.as_slice() {
        [day, month, year] => {
            let digits = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &day[digits.len()..];
            let day_number: u64 = digits.parse().map_err(|_| "unknown form".to_owned())?;
            if !suffix.is_empty()
                && !["st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str())
            {
                return Err(format!("`{day}` is not a day of the month"));
            }
            let month = month_number(month).ok_or_else(|| format!("`{month}` is not a month"))?;
            let year = year_number(year)?;
            Ok((day_number, month, year))
        }
        [month, year] if month_number(month).is_some() => {
            let _ = year_number(year)?;
            Err("it has a month but no day".to_owned())
        }
        _ => Err("unknown form".to_owned()),
    }
}

fn year_number(text: &str) -> Result<u64, String> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().map_err(|_| format!("`{text}` is not a year"))
    } else {
        Err(format!("`{text}` is not a four-digit year"))
    }
}

fn month_number(text: &str) -> Option<u64> {
    let lower = text.trim_end_matches(['.', ',']).to_lowercase();
    MONTHS.iter().zip(1..).find_map(|(name, number)| {
        let name = name.to_lowercase();
        (lower == name || (lower.len() >= 3 && name.starts_with(&lower) && lower.len() <= 4))
            .then_some(number)
    })
}

/// The UK long form: `25 August 2023`.
pub fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The UK long form with the weekday: `Thursday 19 October 2023`.
pub fn long_with_weekday(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates exist")
    }

    #[test]
    fn accepted_forms() {
        for (text, expected) in [
            ("2023-08-25", ymd(2023, 8, 25)),
            ("25/08/2023", ymd(2023, 8, 25)),
            ("5/3/2021", ymd(2021, 3, 5)),
            ("25 August 2023", ymd(2023, 8, 25)),
            ("25th August 2023", ymd(2023, 8, 25)),
            ("26th February 2021", ymd(2021, 2, 26)),
            ("02nd May 2019", ymd(2019, 5, 2)),
            ("1st Sept 2020", ymd(2020, 9, 1)),
            ("3rd aug 2020", ymd(2020, 8, 3)),
            ("22nd June 2022", ymd(2022, 6, 22)),
            ("29/02/2024", ymd(2024, 2, 29)),
            ("  2023-08-25 ", ymd(2023, 8, 25)),
        ] {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refused_forms() {
        for (text, message) in [
            ("31/02/2023", "February 2023 has no day 31"),
            ("29/02/2023", "February 2023 has no day 29"),
            ("2023-13-01", "there is no month 13"),
            ("25/08/23", "the year needs four digits"),
            ("July 2020", "it has a month but no day"),
            ("25 Agust 2023", "`Agust` is not a month"),
            ("25xx August 2023", "`25xx` is not a day of the month"),
            ("08/25/2023", "there is no month 25"),
            ("soon", "unknown form"),
            ("", "it is empty"),
        ] {
            assert_eq!(
                parse(text).map_err(|e| e.reason),
                Err(message.to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn month_without_day_explains_the_clock() {
        let error = parse("July 2020").expect_err("no day");
        assert!(error.help.starts_with("the 56-day clock starts on the day"));
    }

    #[test]
    fn targets_may_be_months() {
        assert_eq!(
            parse_target("July 2021").map(Target::due),
            Ok(ymd(2021, 7, 31))
        );
        assert_eq!(
            parse_target("Feb 2024").map(Target::due),
            Ok(ymd(2024, 2, 29))
        );
        assert_eq!(
            parse_target("december 2023").map(Target::due),
            Ok(ymd(2023, 12, 31))
        );
        assert_eq!(
            parse_target("Jul 2021").map(Target::long),
            Ok("July 2021".to_owned())
        );
        assert_eq!(
            parse_target("2021-07-15").map(Target::long),
            Ok("15 July 2021".to_owned())
        );
        assert_eq!(
            parse_target("July 21").map_err(|e| e.reason),
            Err("`21` is not a four-digit year".to_owned())
        );
        // `published` still needs its day.
        assert!(parse("July 2021").is_err());
    }

    #[test]
    fn long_forms() {
        assert_eq!(long(ymd(2023, 8, 25)), "25 August 2023");
        assert_eq!(long(ymd(2019, 5, 2)), "2 May 2019");
        assert_eq!(
            long_with_weekday(ymd(2023, 10, 19)),
            "Thursday 19 October 2023"
        );
    }
}
