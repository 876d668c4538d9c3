//! The calendar of dates to come, for `respond calendar`: pure, from validated records to the
//! bytes of an iCalendar (RFC 5545) file, through the `icalendar` crate.
//!
//! Three kinds of event, each on one whole day: an unpublished response's last day (the
//! statutory one, or the office's own target), the day set for the chief officer's comments on
//! an unpublished report, and the target of a recommendation still open or in progress. Only
//! days from today on are in it: what has passed is for `check` and the tracker. Each event's
//! UID names the record and the event, never a date, so that a calendar imported again
//! replaces its events instead of adding copies; DTSTAMP is today at midnight UTC, so that
//! the file changes only when today or the records do.

use chrono::{Days, NaiveDate, NaiveTime};
use icalendar::{Calendar, Component as _, EventLike as _};

use crate::date;
use crate::deadline::{self, Advice, Duty, Publication, STATUTORY_DAYS};
use crate::holidays;
use crate::model::{Inspection, Item, Office};
use crate::validate::slug;

/// The product that wrote the file (RFC 5545 3.7.3), without a version number so that an
/// upgrade of respond does not change every calendar.
const PRODID: &str = "-//respond//Responses to HMICFRS inspection reports//EN";

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Its day.
    pub day: NaiveDate,
    /// Its UID: the same for the same event whatever the day it is written on.
    pub uid: String,
    /// Its title in the calendar.
    pub summary: String,
    /// Its text.
    pub description: String,
    /// The report's web address, if the record gives one.
    pub url: Option<String>,
    /// The order of events on one day: the record, then its last day, the comments and its
    /// items in their order.
    order: (String, usize),
}

/// Every event of `inspections` on or after `today`, in order: by day, then by record, then
/// last day, comments and items in the record's order.
pub fn events(inspections: &[Inspection], office: &Office, today: NaiveDate) -> Vec<Event> {
    let domain = format!("{}.respond", slug(&office.area));
    let mut events: Vec<Event> = inspections
        .iter()
        .flat_map(|inspection| record_events(inspection, office, (&domain, today)))
        .filter(|event| event.day >= today)
        .collect();
    events.sort_by(|a, b| (a.day, &a.order).cmp(&(b.day, &b.order)));
    events
}

/// The events of one record, whatever their day.
fn record_events(
    inspection: &Inspection,
    office: &Office,
    (domain, today): (&str, NaiveDate),
) -> Vec<Event> {
    let mut events = Vec::new();
    let id = &inspection.id;
    let event = |what: &str, order: usize, day, summary, description| Event {
        day,
        uid: format!("{id}/{what}@{domain}"),
        summary,
        description,
        url: inspection.link.clone(),
        order: (id.clone(), order),
    };
    if inspection.response_published == Publication::NotYet {
        if let Some((day, summary, description)) = last_day(inspection, office, today) {
            events.push(event("last-day", 0, day, summary, description));
        }
        if let Some(day) = inspection.chief_officer_comments_due {
            let (summary, description) = comments(inspection, office);
            events.push(event(
                "chief-officer-comments",
                1,
                day,
                summary,
                description,
            ));
        }
    }
    for (index, item) in inspection.items.iter().enumerate() {
        let Some(target) = item.target else { continue };
        if !item.applies || item.status.is_closed() {
            continue;
        }
        // Only recommendations have targets, and validation refuses two recommendations of
        // one record with the same number: the UID is unique.
        let what = format!("{}-{}/target", item.kind.word(), item.number());
        let (summary, description) = item_target(inspection, item, target);
        events.push(event(&what, 2 + index, target.due(), summary, description));
    }
    events
}

/// The last day of an unpublished response, if it has one: its day, summary and description.
fn last_day(
    inspection: &Inspection,
    office: &Office,
    today: NaiveDate,
) -> Option<(NaiveDate, String, String)> {
    let published = date::long_with_weekday(inspection.published);
    let title = &inspection.title;
    let (day, summary, mut lines) = match inspection.duty(office) {
        Duty::Statutory => {
            let day = deadline::statutory_last_day(inspection.published);
            (
                day,
                format!("Last day: response to {title}"),
                vec![format!(
                    "The last day to publish the response to {title}: {STATUTORY_DAYS} days beginning with {published}, the day the report was published (Police Act 1996 s.55(5A))."
                )],
            )
        }
        Duty::LocalTarget { days, reason } => {
            let day = deadline::last_day_of_period(inspection.published, days);
            (
                day,
                format!("Office's target: response to {title}"),
                vec![format!(
                    "The office's own target for publishing the response to {title}: {days} days beginning with {published}, the day the report was published. No statutory deadline: {}.",
                    reason.describe()
                )],
            )
        }
        Duty::NoDeadline(_) => return None,
    };
    match deadline::advice(day, holidays::bundled()) {
        Advice::WorkingDay => {}
        Advice::NotWorkingDay {
            reason,
            last_working_day,
        } => lines.push(format!(
            "That day is {}: the statute does not move the last day; publish by {}, the last working day before it.",
            reason.describe(),
            date::long_with_weekday(last_working_day)
        )),
        Advice::Unknown => lines.push(
            "This version of respond does not know that year's bank holidays: check GOV.UK's list to see whether that day is a working day.".to_owned(),
        ),
    }
    if inspection.published > today {
        lines.push(format!(
            "The report is under embargo until {published}: keep this calendar within the office."
        ));
    }
    lines.push(record_line(inspection));
    Some((day, summary, lines.join("\n")))
}

/// The summary and description of the day set for the chief officer's comments.
fn comments(inspection: &Inspection, office: &Office) -> (String, String) {
    // The chief officer's title: the fire and rescue service's for a fire record.
    let chief = office.subject(inspection.kind).1;
    let title = &inspection.title;
    (
        format!("{chief}'s comments due: {title}"),
        [
            format!(
                "The day the office set for the {chief}'s comments on {title} (Police Act 1996 s.55(4))."
            ),
            record_line(inspection),
        ]
        .join("\n"),
    )
}

/// The summary and description of an open item's target.
fn item_target(
    inspection: &Inspection,
    item: &Item,
    target: crate::date::Target,
) -> (String, String) {
    let title = &inspection.title;
    let name = crate::tracker::name(item);
    let mut lines = vec![format!(
        "The target of {name} of {title}: {}.",
        target.long()
    )];
    if let date::Target::Month(_) = target {
        lines.push("A target of a month is shown on its last day.".to_owned());
    }
    let short = item.short();
    // A title has no full stop of its own.
    let end = if short.ends_with(['.', '!', '?', '…']) {
        ""
    } else {
        "."
    };
    lines.push(format!("{short}{end}"));
    if let Some(to) = &item.addressed_to {
        lines.push(format!("Addressed to: {to}."));
    }
    if let Some(owner) = &item.owner {
        lines.push(format!("Owner: {owner}."));
    }
    lines.push(match item.updated {
        Some(on) => format!(
            "Status: {}, last updated {}.",
            item.status.label(),
            date::long(on)
        ),
        None => format!("Status: {}, no update yet.", item.status.label()),
    });
    lines.push(record_line(inspection));
    (format!("Target: {name}, {title}"), lines.join("\n"))
}

/// The line that names the record an event comes from.
fn record_line(inspection: &Inspection) -> String {
    format!("Record: {}", inspection.id)
}

/// `text` with each CRLF line end as LF, the one `icalendar` escapes (as `\n`): it writes a
/// carriage return as it is, which would end the line early. Validation refuses a lone one.
fn one_line_end(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The calendar file of `events`, written on `today`, in the lines RFC 5545 asks for (CRLF
/// line ends, lines folded at 75 octets).
pub fn ics(events: &[Event], office: &Office, today: NaiveDate) -> String {
    let stamp = today.and_time(NaiveTime::MIN).and_utc();
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(icalendar::Property::new(key, value));
    }
    // The name calendar programs show; `icalendar` escapes X- properties as text (it would
    // not escape RFC 7986's NAME, so that is left out).
    calendar.append_property(icalendar::Property::new(
        "X-WR-CALNAME",
        format!("{}: dates to come", office.name),
    ));
    for event in events {
        let mut built = icalendar::Event::new();
        built
            .uid(&event.uid)
            .timestamp(stamp)
            .summary(&one_line_end(&event.summary))
            .description(&one_line_end(&event.description))
            .starts(event.day)
            .ends(
                event
                    .day
                    .checked_add_days(Days::new(1))
                    .unwrap_or(event.day),
            )
            // A day to remember, not time taken: shown as free in Outlook.
            .add_property("TRANSP", "TRANSPARENT");
        if let Some(url) = &event.url {
            built.url(url);
        }
        calendar.push(built.done());
    }
    calendar.to_string()
}
