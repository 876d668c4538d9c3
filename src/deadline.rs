//! The statutory clock: pure date arithmetic, with no I/O and no clock of its own.
//!
//! Police Act 1996 s.55(5A), inserted by the Policing and Crime Act 2017 s.37 and in force from
//! 2 May 2017, requires the response to be published "before the end of the period of 56 days
//! beginning with the day on which the report is published". "Beginning with" makes the
//! publication day day 1, so the last day is the publication date plus 55 days. The statute
//! does not move that day off weekends or bank holidays; this module never shifts it, and only
//! names the last working day before it as advice.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};

use crate::holidays::BankHolidays;

/// The length of the statutory period, in days, counting the publication day as day 1.
pub const STATUTORY_DAYS: u32 = 56;

/// The day s.55(5A) and (5B) came into force (SI 2017/399, reg. 4(a)).
pub fn commencement() -> NaiveDate {
    date(2017, 5, 2)
}

/// The first day on which the inspectorate was "His Majesty's" (the accession of Charles III).
pub fn his_majesty_from() -> NaiveDate {
    date(2022, 9, 8)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    // The callers pass constant, existing dates; `unit_constants_exist` below proves them.
    NaiveDate::from_ymd_opt(year, month, day).expect("constant dates exist")
}

/// Whether, and how, a report's response is due. A report outside the statutory duty carries
/// the reason, so that what says "no statutory deadline" can also say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// The 56-day duty of s.55(5A) applies.
    Statutory,
    /// No statutory duty, for `reason`, but the office has set itself a target of `days` days.
    LocalTarget {
        /// The office's target, in days beginning with the publication day.
        days: u32,
        /// Why the statutory duty does not apply.
        reason: NotStatutory,
    },
    /// No deadline at all, for the reason given.
    NoDeadline(NotStatutory),
}

impl Duty {
    /// Why the statutory duty does not apply, unless it does.
    pub fn reason(self) -> Option<NotStatutory> {
        match self {
            Self::Statutory => None,
            Self::LocalTarget { reason, .. } | Self::NoDeadline(reason) => Some(reason),
        }
    }
}

/// Why a report has no statutory deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotStatutory {
    /// Published before s.55(5A) came into force on 2 May 2017.
    BeforeCommencement,
    /// A fire and rescue inspection: s.55 concerns police forces only.
    Fire,
    /// The record says `statutory: false`, with its reason in `statutory_note`.
    RecordSays,
}

impl NotStatutory {
    /// A short explanation for reports and tables.
    pub fn describe(self) -> &'static str {
        match self {
            Self::BeforeCommencement => "published before s.55(5A) came into force on 2 May 2017",
            Self::Fire => "fire and rescue inspections carry no statutory 56-day duty",
            Self::RecordSays => "the record says the 56-day duty does not apply",
        }
    }
}

/// Decides whether the 56-day duty applies to a report.
///
/// `statutory` is the record's override; `local_target_days` the office's own target for
/// reports without a statutory duty.
pub fn duty(
    published: NaiveDate,
    fire: bool,
    statutory: Option<bool>,
    local_target_days: Option<u32>,
) -> Duty {
    let reason = match statutory {
        Some(true) => return Duty::Statutory,
        Some(false) => NotStatutory::RecordSays,
        None if fire => NotStatutory::Fire,
        None if published < commencement() => NotStatutory::BeforeCommencement,
        None => return Duty::Statutory,
    };
    match local_target_days {
        Some(days) if days > 0 && reason != NotStatutory::BeforeCommencement => {
            Duty::LocalTarget { days, reason }
        }
        _ => Duty::NoDeadline(reason),
    }
}

/// The last day of a period of `days` days beginning with `first` (which is day 1).
pub fn last_day_of_period(first: NaiveDate, days: u32) -> NaiveDate {
    first
        .checked_add_days(Days::new(u64::from(days.saturating_sub(1))))
        .unwrap_or(NaiveDate::MAX)
}

/// Which day of a period beginning with `first` (day 1) `day` is: the days a response took,
/// so that one published on its last day took 56. The inverse of [`last_day_of_period`].
pub fn day_of_period(first: NaiveDate, day: NaiveDate) -> i64 {
    (day - first).num_days() + 1
}

/// The statutory last day: the publication date plus 55 days.
pub fn statutory_last_day(published: NaiveDate) -> NaiveDate {
    last_day_of_period(published, STATUTORY_DAYS)
}

/// The last day under `duty`, if there is one.
pub fn last_day(published: NaiveDate, duty: Duty) -> Option<NaiveDate> {
    match duty {
        Duty::Statutory => Some(statutory_last_day(published)),
        Duty::LocalTarget { days, .. } => Some(last_day_of_period(published, days)),
        Duty::NoDeadline(_) => None,
    }
}

/// Days from `today` to `last_day`: 0 on the last day itself, negative once it has passed.
pub fn days_left(last_day: NaiveDate, today: NaiveDate) -> i64 {
    (last_day - today).num_days()
}

/// When a response was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Publication {
    /// Not yet published.
    NotYet,
    /// Published on this day.
    On(NaiveDate),
    /// Published, on a day nobody recorded (archive records).
    Undated,
}

/// Where a record stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A deadline, no response, and the last day has passed.
    Overdue,
    /// A deadline, no response, and the last day is within the warning window.
    DueSoon,
    /// A deadline, no response, and time left.
    Outstanding,
    /// The response was published on or before its last day (or there was no last day).
    Published,
    /// The response was published after its last day.
    PublishedLate,
    /// The response was published on a day nobody recorded.
    PublishedUndated,
    /// No deadline applies and no response is recorded.
    NoDeadline,
    /// The report is published after today: under embargo, with its last day already known.
    Embargoed,
    /// No response yet, and the record says the 56-day duty does not apply (`statutory:
    /// false`): shown every day with its note, so that no field turns the gate off unseen.
    NotStatutory,
}

impl Status {
    /// The status as `check` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::DueSoon => "due-soon",
            Self::Outstanding => "outstanding",
            Self::Published => "published",
            Self::PublishedLate => "published-late",
            Self::PublishedUndated => "published-undated",
            Self::NoDeadline => "no-deadline",
            Self::Embargoed => "embargoed",
            Self::NotStatutory => "not-statutory",
        }
    }
}

/// The status of a report published on `published`: [`Status::Embargoed`] while that day is
/// still to come and no response is recorded, else as [`status`] says.
pub fn status_of(
    published: NaiveDate,
    last_day: Option<NaiveDate>,
    publication: Publication,
    today: NaiveDate,
    warn_within: u32,
) -> Status {
    if published > today && publication == Publication::NotYet {
        Status::Embargoed
    } else {
        status(last_day, publication, today, warn_within)
    }
}

/// The status of a record with `last_day` (if any) and its response's publication.
pub fn status(
    last_day: Option<NaiveDate>,
    publication: Publication,
    today: NaiveDate,
    warn_within: u32,
) -> Status {
    match (publication, last_day) {
        (Publication::Undated, _) => Status::PublishedUndated,
        (Publication::On(day), Some(last)) if day > last => Status::PublishedLate,
        (Publication::On(_), _) => Status::Published,
        (Publication::NotYet, None) => Status::NoDeadline,
        (Publication::NotYet, Some(last)) => match days_left(last, today) {
            left if left < 0 => Status::Overdue,
            left if left <= i64::from(warn_within) => Status::DueSoon,
            _ => Status::Outstanding,
        },
    }
}

/// Why a last day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonWorkingDay {
    /// A Saturday or a Sunday.
    Weekend(Weekday),
    /// An England and Wales bank holiday, with its title.
    BankHoliday(String),
}

impl NonWorkingDay {
    /// What the day is, as a sentence puts it: "a Saturday", "a bank holiday (Christmas Day)".
    pub fn describe(&self) -> String {
        match self {
            Self::Weekend(Weekday::Sat) => "a Saturday".to_owned(),
            Self::Weekend(_) => "a Sunday".to_owned(),
            Self::BankHoliday(title) => format!("a bank holiday ({title})"),
        }
    }
}

/// Advice about a last day that falls on a weekend or bank holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// The last day is a working day: nothing to say.
    WorkingDay,
    /// The last day is not a working day; `last_working_day` is the working day before it.
    NotWorkingDay {
        /// What the last day is.
        reason: NonWorkingDay,
        /// The last working day before it.
        last_working_day: NaiveDate,
    },
    /// The bank holidays of the last day's year are not known to this version.
    Unknown,
}

/// Whether `day` is a working day in England and Wales, if that can be known.
fn non_working(day: NaiveDate, holidays: &BankHolidays) -> Option<Option<NonWorkingDay>> {
    match day.weekday() {
        weekday @ (Weekday::Sat | Weekday::Sun) => Some(Some(NonWorkingDay::Weekend(weekday))),
        _ if !holidays.covers(day) => None,
        _ => Some(
            holidays
                .get(day)
                .map(|t| NonWorkingDay::BankHoliday(t.to_owned())),
        ),
    }
}

/// Advice for a last day: the statute does not move it, but staff want to know when it falls
/// on a weekend or bank holiday, and which working day comes before it.
pub fn advice(last_day: NaiveDate, holidays: &BankHolidays) -> Advice {
    let Some(reason) = non_working(last_day, holidays) else {
        return Advice::Unknown;
    };
    let Some(reason) = reason else {
        return Advice::WorkingDay;
    };
    let mut day = last_day;
    loop {
        let Some(previous) = day.pred_opt() else {
            return Advice::Unknown;
        };
        day = previous;
        match non_working(day, holidays) {
            None => return Advice::Unknown,
            Some(None) => {
                return Advice::NotWorkingDay {
                    reason,
                    last_working_day: day,
                };
            }
            Some(Some(_)) => {}
        }
    }
}

/// The inspectorate's name on `published`: "Her Majesty's …" before 8 September 2022,
/// "His Majesty's …" from then on.
pub fn inspectorate(published: NaiveDate) -> &'static str {
    if published < his_majesty_from() {
        "Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"
    } else {
        "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"
    }
}

/// The calendar date in Europe/London at the instant `now`: a CI run at 00:30 BST is
/// already the next day, whatever UTC says.
pub fn today_in_london(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Europe::London).date_naive()
}

#[cfg(test)]
mod tests;
