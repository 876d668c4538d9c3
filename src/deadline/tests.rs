//! The clock at its boundaries (the law's 56 days): day 55/56/57, month and year ends, 29 February,
//! commencement, the change of monarch, weekends, bank holidays and UK time.

use chrono::{NaiveDate, TimeZone, Utc, Weekday};

use super::*;
use crate::holidays;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test dates exist")
}

fn iso(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test dates are ISO")
}

#[test]
fn unit_constants_exist() {
    assert_eq!(commencement(), ymd(2017, 5, 2));
    assert_eq!(his_majesty_from(), ymd(2022, 9, 8));
}

#[test]
fn last_day_is_publication_plus_55() {
    for (published, last) in [
        // The example the law is usually explained with: 20 October would be one day late.
        ("2023-08-25", "2023-10-19"),
        // Month ends.
        ("2023-01-31", "2023-03-27"),
        ("2023-04-30", "2023-06-24"),
        ("2023-11-06", "2023-12-31"),
        // Year end.
        ("2023-11-07", "2024-01-01"),
        ("2023-12-14", "2024-02-07"),
        ("2023-12-31", "2024-02-24"),
        // 29 February: published on it, and a period crossing it (leap and common years).
        ("2024-02-29", "2024-04-24"),
        ("2024-01-05", "2024-02-29"),
        ("2024-01-06", "2024-03-01"),
        ("2023-01-06", "2023-03-02"),
        // Bank holidays in research/legal.md's table.
        ("2022-11-02", "2022-12-27"),
        ("2024-10-31", "2024-12-25"),
    ] {
        assert_eq!(statutory_last_day(iso(published)), iso(last), "{published}");
        // The period is 56 days counted inclusively.
        assert_eq!(
            (iso(last) - iso(published)).num_days() + 1,
            56,
            "{published}"
        );
    }
}

#[test]
fn days_55_56_57() {
    let published = ymd(2023, 8, 25);
    let last = statutory_last_day(published);
    let on_day = |n: u64| published + chrono::Days::new(n - 1);
    let status_on = |n| status(Some(last), Publication::NotYet, on_day(n), 14);
    // Day 55 and day 56 (the last day itself) are within the period; day 57 is not.
    assert_eq!(on_day(56), last);
    assert_eq!(days_left(last, on_day(55)), 1);
    assert_eq!(status_on(55), Status::DueSoon);
    assert_eq!(days_left(last, on_day(56)), 0);
    assert_eq!(status_on(56), Status::DueSoon);
    assert_eq!(days_left(last, on_day(57)), -1);
    assert_eq!(status_on(57), Status::Overdue);
    // Publishing on day 56 is in time; on day 57 it is late.
    let published_on = |n| status(Some(last), Publication::On(on_day(n)), on_day(60), 14);
    assert_eq!(published_on(56), Status::Published);
    assert_eq!(published_on(57), Status::PublishedLate);
}

#[test]
fn due_soon_window() {
    let last = ymd(2023, 10, 19);
    let on = |today| status(Some(last), Publication::NotYet, today, 14);
    assert_eq!(on(ymd(2023, 10, 4)), Status::Outstanding);
    assert_eq!(on(ymd(2023, 10, 5)), Status::DueSoon);
    assert_eq!(
        status(Some(last), Publication::NotYet, ymd(2023, 10, 18), 0),
        Status::Outstanding
    );
    assert_eq!(
        status(Some(last), Publication::NotYet, ymd(2023, 10, 19), 0),
        Status::DueSoon
    );
}

#[test]
fn publication_statuses() {
    let last = Some(ymd(2023, 10, 19));
    let today = ymd(2026, 11, 22);
    assert_eq!(
        status(last, Publication::Undated, today, 14),
        Status::PublishedUndated
    );
    assert_eq!(
        status(None, Publication::Undated, today, 14),
        Status::PublishedUndated
    );
    assert_eq!(
        status(None, Publication::On(ymd(2016, 1, 1)), today, 14),
        Status::Published
    );
    assert_eq!(
        status(None, Publication::NotYet, today, 14),
        Status::NoDeadline
    );
}

#[test]
fn commencement_boundary() {
    assert_eq!(
        duty(ymd(2017, 5, 1), false, None, None),
        Duty::NoDeadline(NotStatutory::BeforeCommencement)
    );
    assert_eq!(duty(ymd(2017, 5, 2), false, None, None), Duty::Statutory);
    assert_eq!(
        last_day(ymd(2017, 5, 2), Duty::Statutory),
        Some(ymd(2017, 6, 26))
    );
    assert_eq!(
        last_day(ymd(2017, 5, 1), duty(ymd(2017, 5, 1), false, None, None)),
        None
    );
    // An override can still make an older report statutory.
    assert_eq!(
        duty(ymd(2017, 5, 1), false, Some(true), None),
        Duty::Statutory
    );
}

#[test]
fn fire_and_overrides() {
    let published = ymd(2023, 8, 25);
    assert_eq!(
        duty(published, true, None, None),
        Duty::NoDeadline(NotStatutory::Fire)
    );
    assert_eq!(
        duty(published, true, None, Some(90)),
        Duty::LocalTarget {
            days: 90,
            reason: NotStatutory::Fire
        }
    );
    assert_eq!(
        last_day(
            published,
            Duty::LocalTarget {
                days: 90,
                reason: NotStatutory::Fire
            }
        ),
        Some(ymd(2023, 11, 22))
    );
    assert_eq!(duty(published, true, Some(true), None), Duty::Statutory);
    assert_eq!(
        duty(published, false, Some(false), None),
        Duty::NoDeadline(NotStatutory::RecordSays)
    );
    assert_eq!(
        duty(published, false, Some(false), Some(90)),
        Duty::LocalTarget {
            days: 90,
            reason: NotStatutory::RecordSays
        }
    );
    // A local target does not reach back before commencement.
    assert_eq!(
        duty(ymd(2016, 1, 1), false, None, Some(90)),
        Duty::NoDeadline(NotStatutory::BeforeCommencement)
    );
}

#[test]
fn inspectorate_by_date() {
    assert_eq!(
        inspectorate(ymd(2022, 9, 7)),
        "Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"
    );
    assert_eq!(
        inspectorate(ymd(2022, 9, 8)),
        "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"
    );
}

fn advice_for(published: &str) -> Advice {
    advice(statutory_last_day(iso(published)), holidays::bundled())
}

#[test]
fn weekend_and_bank_holiday_advice() {
    // A working day: nothing to say.
    assert_eq!(advice_for("2023-08-25"), Advice::WorkingDay);
    // Saturday 21 October 2023 → Friday 20 October.
    assert_eq!(
        advice_for("2023-08-27"),
        Advice::NotWorkingDay {
            reason: NonWorkingDay::Weekend(Weekday::Sat),
            last_working_day: ymd(2023, 10, 20)
        }
    );
    // Sunday 22 October 2023 → Friday 20 October.
    assert_eq!(
        advice_for("2023-08-28"),
        Advice::NotWorkingDay {
            reason: NonWorkingDay::Weekend(Weekday::Sun),
            last_working_day: ymd(2023, 10, 20)
        }
    );
    // Christmas Day 2024 (a Wednesday) → Tuesday 24 December.
    assert_eq!(
        advice_for("2024-10-31"),
        Advice::NotWorkingDay {
            reason: NonWorkingDay::BankHoliday("Christmas Day".to_owned()),
            last_working_day: ymd(2024, 12, 24)
        }
    );
    // Tuesday 27 December 2022, the substitute for Christmas Day → Friday 23 December.
    assert_eq!(
        advice_for("2022-11-02"),
        Advice::NotWorkingDay {
            reason: NonWorkingDay::BankHoliday("Christmas Day".to_owned()),
            last_working_day: ymd(2022, 12, 23)
        }
    );
    // The statute never moves the day itself.
    assert_eq!(statutory_last_day(iso("2022-11-02")), ymd(2022, 12, 27));
}

#[test]
fn advice_outside_the_known_years() {
    assert_eq!(
        advice(ymd(2040, 1, 2), holidays::bundled()),
        Advice::Unknown
    );
    // A weekend needs no bank holiday data to be named, but the working day before it does.
    assert_eq!(
        advice(ymd(2040, 1, 7), holidays::bundled()),
        Advice::Unknown
    );
}

#[test]
fn today_is_the_london_date() {
    // 23:30 UTC on 24 August 2023 is 00:30 BST on 25 August.
    let bst = Utc
        .with_ymd_and_hms(2023, 8, 24, 23, 30, 0)
        .single()
        .expect("valid");
    assert_eq!(today_in_london(bst), ymd(2023, 8, 25));
    // In winter London is on UTC.
    let gmt = Utc
        .with_ymd_and_hms(2023, 12, 24, 23, 30, 0)
        .single()
        .expect("valid");
    assert_eq!(today_in_london(gmt), ymd(2023, 12, 24));
    // The hour either side of the spring change (01:00 UTC on 26 March 2023).
    let before = Utc
        .with_ymd_and_hms(2023, 3, 25, 23, 59, 0)
        .single()
        .expect("valid");
    assert_eq!(today_in_london(before), ymd(2023, 3, 25));
    let after = Utc
        .with_ymd_and_hms(2023, 3, 26, 23, 30, 0)
        .single()
        .expect("valid");
    assert_eq!(today_in_london(after), ymd(2023, 3, 27));
}

proptest::proptest! {
    /// For any publication date, the last day is 55 days later and the period, counted
    /// inclusively, is 56 days; the day after it is overdue and the last day itself is not.
    #[test]
    fn the_period_is_always_56_days_inclusive(days in 0i64..2_900_000) {
        let published = ymd(1900, 1, 1) + chrono::Duration::days(days);
        let last = statutory_last_day(published);
        proptest::prop_assert_eq!(last, published + chrono::Days::new(55));
        proptest::prop_assert_eq!((last - published).num_days() + 1, 56);
        let status_on = |today| status(Some(last), Publication::NotYet, today, 0);
        proptest::prop_assert_eq!(status_on(last), Status::DueSoon);
        proptest::prop_assert_eq!(status_on(last + chrono::Days::new(1)), Status::Overdue);
    }

    /// Any date written in the accepted forms reads back as itself.
    #[test]
    fn every_accepted_form_round_trips(days in 0i64..2_900_000) {
        let day = ymd(1900, 1, 1) + chrono::Duration::days(days);
        for text in [
            day.format("%Y-%m-%d").to_string(),
            day.format("%d/%m/%Y").to_string(),
            crate::date::long(day),
            day.format("%-dth %B %Y").to_string(),
        ] {
            proptest::prop_assert_eq!(crate::date::parse(&text), Ok(day), "{}", text);
        }
    }
}

#[test]
fn a_report_published_after_today_is_embargoed() {
    let published = ymd(2023, 8, 25);
    let last = statutory_last_day(published);
    let before = ymd(2023, 8, 24);
    assert_eq!(
        status_of(published, Some(last), Publication::NotYet, before, 14),
        Status::Embargoed
    );
    assert_eq!(
        status_of(published, Some(last), Publication::NotYet, published, 14),
        Status::Outstanding
    );
    assert_eq!(
        status_of(published, Some(last), Publication::Undated, before, 14),
        Status::PublishedUndated
    );
}

#[test]
fn the_report_s_day_is_day_one_of_the_period_and_the_last_day_day_56() {
    let published = iso("2023-08-25");
    assert_eq!(day_of_period(published, published), 1);
    assert_eq!(day_of_period(published, iso("2023-10-19")), 56);
    assert_eq!(day_of_period(published, iso("2023-10-20")), 57);
    // Across a leap day and a year's end, the inverse of the last day's rule.
    for (first, days) in [("2024-01-05", 56), ("2023-12-20", 56), ("2024-02-29", 90)] {
        let first = iso(first);
        let last = last_day_of_period(first, days);
        assert_eq!(day_of_period(first, last), i64::from(days));
    }
}
