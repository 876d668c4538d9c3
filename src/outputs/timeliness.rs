//! How long the published responses took: the days taken by each, whether it was on time, and
//! the index's table of statutory responses per calendar year of the report's publication.
//!
//! A response is on time when it is published on or before the last day of its period
//! (Police Act 1996 s.55(5A): before the end of 56 days beginning with the day the report was
//! published). The report's day is day 1, so the days taken are the days between the two dates
//! plus one. Only the records given count (the index gives those in `out/`): nothing here
//! depends on today.

use std::collections::BTreeMap;

use chrono::Datelike as _;
use serde::Serialize;

use crate::deadline::{self, Publication};
use crate::model::Summary;

/// The days a record's response took, when it is dated.
pub(crate) fn days(record: &Summary) -> Option<i64> {
    match record.response {
        Publication::On(day) => Some(deadline::day_of_period(record.published, day)),
        Publication::Undated | Publication::NotYet => None,
    }
}

/// Whether a dated response came on or before its last day (the statutory one, or the office's
/// own target); `None` when either is missing.
pub(crate) fn on_time(record: &Summary) -> Option<bool> {
    match (record.response, record.last_day) {
        (Publication::On(day), Some(last)) => Some(day <= last),
        _ => None,
    }
}

/// One row of the index's table: the statutory responses to the reports of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Year {
    /// The calendar year the reports were published in.
    pub(crate) year: i32,
    /// The statutory responses due (all those counted).
    pub(crate) due: usize,
    /// Published on or before the last day.
    pub(crate) on_time: usize,
    /// Published after it.
    pub(crate) late: usize,
    /// Published on a day not recorded.
    pub(crate) undated: usize,
    /// The median days taken by the dated responses, halves as `.5`; "—" when none is dated.
    pub(crate) median: String,
}

/// The table's rows, newest year first, for the statutory records among `records` whose
/// responses are published (dated or not).
pub(crate) fn by_year<'a>(records: impl IntoIterator<Item = &'a Summary>) -> Vec<Year> {
    let mut years: BTreeMap<i32, (Year, Vec<i64>)> = BTreeMap::new();
    for record in records {
        if !record.statutory || record.response == Publication::NotYet {
            continue;
        }
        let year = record.published.year();
        let (row, days) = years.entry(year).or_insert_with(|| {
            (
                Year {
                    year,
                    due: 0,
                    on_time: 0,
                    late: 0,
                    undated: 0,
                    median: String::new(),
                },
                Vec::new(),
            )
        });
        row.due += 1;
        match (on_time(record), self::days(record)) {
            (Some(true), Some(d)) => {
                row.on_time += 1;
                days.push(d);
            }
            (_, Some(d)) => {
                row.late += 1;
                days.push(d);
            }
            (_, None) => row.undated += 1,
        }
    }
    years
        .into_values()
        .rev()
        .map(|(mut row, mut days)| {
            row.median = median(&mut days).unwrap_or_else(|| "—".to_owned());
            row
        })
        .collect()
}

/// The median of `days`, as shown: a whole number, or one ending in `.5`.
fn median(days: &mut [i64]) -> Option<String> {
    days.sort_unstable();
    let n = days.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        return Some(days[n / 2].to_string());
    }
    let sum = days[n / 2 - 1] + days[n / 2];
    Some(if sum % 2 == 0 {
        (sum / 2).to_string()
    } else {
        format!("{}.5", sum.div_euclid(2))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_show_halves() {
        for (days, shown) in [
            (vec![], None),
            (vec![40], Some("40")),
            (vec![40, 57], Some("48.5")),
            (vec![57, 40, 41], Some("41")),
            (vec![40, 42], Some("41")),
        ] {
            let mut days = days;
            assert_eq!(median(&mut days).as_deref(), shown, "{days:?}");
        }
    }
}
