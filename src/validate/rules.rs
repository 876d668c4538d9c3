//! The rules between fields: what one field requires of another (`type: other` needs a
//! `type_label`), what dates require of each other and of today, and what the statutory clock
//! requires of a record (warnings about its last day, s.55(5B)'s answer to every
//! recommendation).
//!
//! **A new rule goes here**, as a function called from the one entry point that has what it
//! needs: [`between_fields`] (the record's fields as read, whether or not the record is
//! complete), [`deadline`] (a complete record and the office), or one of the item rules that
//! `record` calls for each recommendation or cause of concern. A rule reports through the
//! [`Checker`], at the place of the field it is about, with a [`Code`] of its own.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::date;
use crate::deadline::{self, Advice, Duty, Publication};
use crate::holidays;
use crate::model::{
    CopiesSent, Inspection, InspectionType, ItemStatus, Office, Recommendation, Respondent,
};
use crate::problem::Code;
use crate::problem::did_you_mean;
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields, field};
use crate::yaml::{Node, Value, Written};

/// What the rules between fields need of a record as read: each value present only if it was
/// valid.
pub(crate) struct Read {
    pub(crate) kind: Option<InspectionType>,
    pub(crate) type_label: bool,
    pub(crate) statutory: Option<bool>,
    pub(crate) statutory_note: bool,
    pub(crate) published: Option<NaiveDate>,
    pub(crate) response_published: Option<Publication>,
    pub(crate) responses: bool,
}

/// The rules between a record's fields.
pub(crate) fn between_fields(
    checker: &mut Checker<'_>,
    fields: &Fields<'_>,
    read: &Read,
    today: NaiveDate,
) {
    let node = fields.node;
    if read.kind == Some(InspectionType::Other) && !read.type_label {
        let at = fields.get(d::record::TYPE).unwrap_or(node);
        checker
            .error(
                at,
                Code::MissingTypeLabel,
                "`type: other` needs a `type_label`".to_owned(),
            )
            .help = Some("add `type_label:` with the type as it should be displayed".to_owned());
    }
    if read.statutory == Some(false) && !read.statutory_note {
        let at = fields.get(d::record::STATUTORY).unwrap_or(node);
        checker
            .error(
                at,
                Code::MissingStatutoryNote,
                "`statutory: false` needs a `statutory_note`".to_owned(),
            )
            .help = Some(
            "say in `statutory_note` why the 56-day duty of s.55(5A) does not apply".to_owned(),
        );
    }
    if let (Some(published), Some(at)) = (read.published, fields.get(d::record::PUBLISHED))
        && today
            .checked_add_months(chrono::Months::new(12))
            .is_some_and(|year_ahead| published > year_ahead)
    {
        checker
            .error(
                at,
                Code::PublishedFarAhead,
                format!(
                    "`published` is {}, more than a year after today ({})",
                    date::long(published),
                    date::long(today)
                ),
            )
            .help = Some(
            "a report can be recorded before it is published (it is then embargoed), but not more than a year ahead: check the year; the report's page on the HMICFRS website gives the day".to_owned(),
        );
    }
    if read
        .response_published
        .is_some_and(|p| p != Publication::NotYet)
    {
        placeholders_when_published(checker);
    }
    let response_node = fields.get(d::record::RESPONSE_PUBLISHED);
    if let (Some(published), Some(at), Some(Publication::On(day))) =
        (read.published, response_node, read.response_published)
    {
        if day < published {
            checker.error(
                at,
                Code::ResponseBeforeReport,
                format!(
                    "the response is dated {}, before the report was published on {}",
                    date::long(day),
                    date::long(published)
                ),
            );
        }
        if day > today {
            checker
                .error(
                    at,
                    Code::ResponseInFuture,
                    format!("`response_published` is after today ({})", date::long(today)),
                )
                .help = Some(
                "record the day the response was published once it has been; leave the field out until then".to_owned(),
            );
        }
    }
    if read
        .response_published
        .is_some_and(|p| p != Publication::NotYet)
        && !read.responses
        && fields.get(d::record::RESPONSES).is_none()
    {
        let at = response_node.unwrap_or(node);
        checker
            .error(
                at,
                Code::PublishedWithoutResponses,
                "the response is published but the record has no `responses`".to_owned(),
            )
            .help = Some("add the published response under `responses:`".to_owned());
    }
}

/// s.55(6): the copies of the response go to HMICFRS and the Home Secretary once it is
/// published, so each day in `copies_sent` is on or after `response_published`, and a record
/// whose response is not published has no copies to record. (`undated` has no day to compare.)
pub(crate) fn copies_after_response(
    checker: &mut Checker<'_>,
    fields: &Fields<'_>,
    copies: &Fields<'_>,
    response_published: Option<Publication>,
    sent: &CopiesSent,
) {
    match response_published {
        Some(Publication::NotYet) => {
            let at = fields.key(d::record::COPIES_SENT).unwrap_or(copies.node);
            checker
                .error(
                    at,
                    Code::CopiesWithoutPublication,
                    "`copies_sent` is recorded, but the record has no `response_published`"
                        .to_owned(),
                )
                .help = Some(
                "the copies go once the response is published: add the day it was published as `response_published`, or take out `copies_sent` until then".to_owned(),
            );
        }
        Some(Publication::On(published)) => {
            let days = [
                (d::copies::HMICFRS, "HMICFRS", sent.hmicfrs),
                (
                    d::copies::HOME_SECRETARY,
                    "the Home Secretary",
                    sent.home_secretary,
                ),
            ];
            for (name, whom, day) in days {
                let (Some(day), Some(node)) = (day, copies.get(name)) else {
                    continue;
                };
                if day < published {
                    checker
                        .error(
                            node,
                            Code::CopiesBeforeResponse,
                            format!(
                                "the copy to {whom} is dated {}, before the response was published on {}",
                                date::long(day),
                                date::long(published)
                            ),
                        )
                        .help = Some(
                        "a copy goes once the response is published: check this day and `response_published`".to_owned(),
                    );
                }
            }
        }
        Some(Publication::Undated) | None => {}
    }
}

/// A record whose response is published cannot keep `respond new`'s placeholders: they
/// would be published. The warnings already found become errors.
fn placeholders_when_published(checker: &mut Checker<'_>) {
    for problem in &mut checker.problems {
        if problem.code == Code::PlaceholderText {
            problem.severity = crate::problem::Severity::Error;
            problem.code = Code::PublishedWithPlaceholder;
            problem.message = format!(
                "{}, and the response is recorded as published",
                problem.message
            );
            problem.help = Some(
                "replace it with the real text; if the response is not published yet, leave out `response_published` until it is".to_owned(),
            );
        }
    }
}

/// A recommendation number as a number: each run of digits without its leading zeros, so
/// that `09` and `9`, or `R03a` and `R3a`, are the same number (but `1.10` and `1.1` are not).
pub(crate) fn number_key(number: &str) -> String {
    #[cfg(test)]
    KEYS_MADE.with(|n| n.set(n.get() + 1));
    let mut key = String::with_capacity(number.len());
    let mut in_digits = false;
    let mut chars = number.trim().chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        if c == '0' && !in_digits && next_is_digit {
            continue;
        }
        in_digits = c.is_ascii_digit() && (in_digits || c != '0' || !next_is_digit);
        key.push(c);
    }
    key
}

#[cfg(test)]
thread_local! {
    /// How many number keys this thread made: the work of comparing recommendation numbers.
    pub(crate) static KEYS_MADE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The numbers of a record's recommendations seen so far, by [`number_key`], each with its
/// number as written and where: a number is compared with those before it in one look-up, not
/// one comparison each (a hostile record of many recommendations made that quadratic).
pub(crate) type Numbers<'n> = HashMap<String, (String, &'n Node)>;

/// A recommendation's number is used once in its record, counting numbers equal as numbers
/// (`09` and `9`) as the same; the number joins `earlier`.
pub(crate) fn unique_number<'n>(
    checker: &mut Checker<'_>,
    earlier: &mut Numbers<'n>,
    number: &str,
    at: &'n Node,
) {
    let key = number_key(number);
    let Some((first_number, first)) = earlier.get(&key) else {
        earlier.insert(key, (number.to_owned(), at));
        return;
    };
    let line = checker.locate(first.offset, first.len).line;
    let (message, help) = if first_number == number {
        (
            format!("recommendation number `{number}` is used twice"),
            format!("it is first used on line {line}; numbers must be unique"),
        )
    } else {
        (
                format!(
                    "recommendation numbers `{first_number}` (line {line}) and `{number}` are the same number"
                ),
                "leading zeros do not make a different number; numbers must be unique, so renumber one of them"
                    .to_owned(),
            )
    };
    checker
        .error(at, Code::DuplicateRecommendationNumber, message)
        .help = Some(help);
}

/// `applies: false` needs a `reason` (s.55(5B): why no action is taken).
pub(crate) fn reason_when_not_applying(
    checker: &mut Checker<'_>,
    fields: &Fields<'_>,
    applies: bool,
    reason: bool,
) {
    if !applies && !reason {
        let at = fields
            .get(d::recommendation::APPLIES)
            .unwrap_or(fields.node);
        checker
            .error(
                at,
                Code::MissingReason,
                "`applies: false` needs a `reason`".to_owned(),
            )
            .help = Some("s.55(5B): say why no action is taken on this recommendation".to_owned());
    }
}

/// A cause of concern names recommendations the record has (`keys`: their [`number_key`]s).
pub(crate) fn known_recommendation(
    checker: &mut Checker<'_>,
    recommendations: &[Recommendation],
    keys: &HashSet<String>,
    number: &str,
    at: &Node,
) {
    if keys.contains(&number_key(number)) {
        return;
    }
    let known = recommendations.iter().map(|r| r.number.as_str());
    checker
        .error(
            at,
            Code::UnknownRecommendation,
            format!(
                "the cause of concern refers to recommendation `{number}`, which the record does not have"
            ),
        )
        .help = Some(did_you_mean(number, known, || {
        "list the `number`s of this record's recommendations".to_owned()
    }));
}

/// A progress update is dated on or before today, and not before the update above it (they are
/// listed oldest first, so that the last is the current status).
pub(crate) fn update_in_order(
    checker: &mut Checker<'_>,
    at: &Node,
    on: NaiveDate,
    latest: Option<NaiveDate>,
    today: NaiveDate,
) {
    if on > today {
        checker
            .error(
                at,
                Code::ProgressInFuture,
                format!(
                    "the progress update is dated {}, after today ({})",
                    date::long(on),
                    date::long(today)
                ),
            )
            .help = Some(
            "record an update on the day it is made, or after; correct the date if it is a typing mistake"
                .to_owned(),
        );
    } else if let Some(latest) = latest.filter(|latest| on < *latest) {
        checker
            .error(
                at,
                Code::ProgressOutOfOrder,
                format!(
                    "the progress update of {} comes after one of {}: updates are listed oldest first",
                    date::long(on),
                    date::long(latest)
                ),
            )
            .help = Some(
            "move this update above the later one (the last update is the current status), or correct its date"
                .to_owned(),
        );
    }
}

/// A `superseded` or `not-accepted` update says why, in its `note`.
pub(crate) fn note_missing(checker: &mut Checker<'_>, at: &Node, status: ItemStatus) {
    let why = match status {
        ItemStatus::Superseded => "what replaced it",
        _ => "why it was not accepted",
    };
    checker
        .error(
            at,
            Code::ProgressNoteMissing,
            format!("a `{}` update needs a `note` saying {why}", status.word()),
        )
        .help = Some(format!(
        "add a line below `status: {}` in this update, lined up with it: `note: ` and {why}",
        status.word()
    ));
}

/// A `number` or `reference` in Word's curly quotes (`“1”`): YAML takes only straight quotes
/// for quotes, so the curly ones become part of the value and are printed with it. The help
/// gives the line as it should be written.
pub(crate) fn straight_quotes(checker: &mut Checker<'_>, node: &Node, name: &str) {
    let Value::Scalar(scalar) = &node.value else {
        return;
    };
    let inner = [('“', '”'), ('‘', '’'), ('”', '”')]
        .iter()
        .find_map(|&(open, close)| scalar.text.strip_prefix(open)?.strip_suffix(close));
    let Some(inner) = inner.filter(|_| scalar.style == Written::Plain) else {
        return;
    };
    let text = checker.source.text.as_str();
    let end = (node.offset + node.len).min(text.len());
    let start = text[..node.offset.min(end)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let stop = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = text[start..node.offset.min(end)].trim_start();
    let after = text[end..stop].trim_end();
    let quoted = if inner.contains(['"', '\\']) {
        format!("'{}'", inner.replace('\'', "''"))
    } else {
        format!("\"{inner}\"")
    };
    checker
        .warning(
            node,
            Code::CurlyQuotes,
            format!(
                "`{name}` is in curly quotes, which YAML keeps as part of it: `{}`",
                scalar.text
            ),
        )
        .help = Some(format!(
        "write it with straight quotes (Word's curly ones are not quotes to YAML): `{before}{quoted}{after}`"
    ));
}

/// The warnings that depend on the deadline and on what was published.
pub(crate) fn deadline(
    checker: &mut Checker<'_>,
    inspection: &Inspection,
    fields: &Fields<'_>,
    office: &Office,
    today: NaiveDate,
) {
    let duty = inspection.duty(office);
    let last_day = deadline::last_day(inspection.published, duty);
    let published_node = fields.get(d::record::PUBLISHED).unwrap_or(fields.node);
    match (inspection.response_published, last_day) {
        (Publication::NotYet, Some(last)) => last_day_advice(checker, published_node, last),
        (Publication::On(day), Some(last)) if day > last && day <= today => {
            let late = deadline::days_left(day, last);
            let at = fields
                .get(d::record::RESPONSE_PUBLISHED)
                .unwrap_or(fields.node);
            let statutory = if duty == Duty::Statutory {
                "statutory "
            } else {
                ""
            };
            checker
                .warning(
                    at,
                    Code::PublishedLate,
                    format!(
                        "the response was published {} after the {statutory}last day ({})",
                        crate::problem::count(usize::try_from(late).unwrap_or(0), "day"),
                        date::long_with_weekday(last)
                    ),
                )
                .help = Some(
                "this is history and cannot be undone; it is reported so that it is known"
                    .to_owned(),
            );
        }
        _ => {}
    }
    if duty == Duty::Statutory && inspection.response_published != Publication::NotYet {
        unanswered_recommendations(checker, inspection, fields);
    }
    if inspection.response_published == Publication::Undated {
        undated(checker, inspection, last_day, fields, office, today);
    }
}

/// `response_published: undated` is for the archive: responses published before anyone
/// recorded the day. On a recent report it would pass the gate without a day anyone could
/// check, so it is refused on a report published on or after the office's `tracking_from`, or,
/// without that, on a report whose last day is not yet more than a year past.
fn undated(
    checker: &mut Checker<'_>,
    inspection: &Inspection,
    last_day: Option<NaiveDate>,
    fields: &Fields<'_>,
    office: &Office,
    today: NaiveDate,
) {
    let why = match office.tracking_from {
        Some(from) if inspection.published >= from => format!(
            "the report was published on {}, once the office kept its responses in respond (`tracking_from` in `data/office.yaml`: {})",
            date::long(inspection.published),
            date::long(from)
        ),
        Some(_) => return,
        None => {
            let last = last_day.unwrap_or(inspection.published);
            let year_before = today.checked_sub_months(chrono::Months::new(12));
            if year_before.is_some_and(|year_before| last < year_before) {
                return;
            }
            format!(
                "its last day, {}, is less than a year before today",
                date::long(last)
            )
        }
    };
    let at = fields
        .get(d::record::RESPONSE_PUBLISHED)
        .unwrap_or(fields.node);
    checker
        .error(
            at,
            Code::UndatedTooRecent,
            format!(
                "`response_published: undated` is for old responses from the archive, but {why}"
            ),
        )
        .help = Some(format!(
        "write the day the response was published, e.g. `response_published: {}`; when it is published today, run `respond publish {}` instead",
        today.format("%Y-%m-%d"),
        inspection.id
    ));
}

/// A fire record needs the office's fire and rescue service, and is about a report published
/// once the commissioner answered for the service. A report from before then is a warning, not
/// an error: an office may keep one for its history, but the date or the type is more likely
/// wrong, since the commissioner had nothing to respond to.
pub(crate) fn fire(
    checker: &mut Checker<'_>,
    inspection: &Inspection,
    fields: &Fields<'_>,
    office: &Office,
) {
    if inspection.kind != InspectionType::Fire {
        return;
    }
    let at = fields.get(d::record::TYPE).unwrap_or(fields.node);
    let Some(fire) = &office.fire_and_rescue else {
        checker
            .error(
                at,
                Code::FireAndRescueMissing,
                "`type: fire` needs the fire and rescue service, and the office file does not name one".to_owned(),
            )
            .help = Some(format!(
            "add these lines to `data/office.yaml`, with the service's name and its chief officer's title as the office writes them:\nfire_and_rescue:\n  service: {} Fire and Rescue Service\n  chief_officer: Chief Fire Officer",
            office.area
        ));
        return;
    };
    if let Some(from) = fire.from
        && inspection.published < from
    {
        let at = fields.get(d::record::PUBLISHED).unwrap_or(fields.node);
        checker
            .warning(
                at,
                Code::FireBeforeAuthority,
                format!(
                    "the report was published on {}, before the commissioner became the fire and rescue authority for {} on {}",
                    date::long(inspection.published),
                    fire.service,
                    date::long(from)
                ),
            )
            .help = Some(
            "check `published` and `type`: a report from before then was answered by the fire and rescue authority of the time, not the commissioner (a record kept for the office's history can stay as it is)".to_owned(),
        );
    }
}

/// A last day on a weekend or bank holiday, or in a year whose bank holidays are not known.
fn last_day_advice(checker: &mut Checker<'_>, at: &Node, last: NaiveDate) {
    let holidays = holidays::bundled();
    match deadline::advice(last, holidays) {
        Advice::WorkingDay => {}
        Advice::NotWorkingDay {
            reason,
            last_working_day,
        } => {
            checker
                .warning(
                    at,
                    Code::LastDayNotWorkingDay,
                    format!(
                        "the last day, {}, is {}",
                        date::long_with_weekday(last),
                        reason.describe()
                    ),
                )
                .help = Some(format!(
                "the statute does not move the last day; publish by {}, the last working day before it",
                date::long_with_weekday(last_working_day)
            ));
        }
        Advice::Unknown => {
            checker
                .warning(
                    at,
                    Code::BankHolidaysUnknown,
                    format!(
                        "cannot tell whether the last day, {}, is a bank holiday",
                        date::long_with_weekday(last)
                    ),
                )
                .help = Some(format!(
                "this version of respond knows England and Wales bank holidays for {} to {}; check GOV.UK's list",
                holidays.first_year(),
                holidays.last_year()
            ));
        }
    }
}

/// s.55(5B): every recommendation that applies is answered, by its own `response` or by the
/// body's own words: a response of the commissioner's or a joint one that names it by its
/// number. The chief officer's comments alone do not answer for the body.
fn unanswered_recommendations(
    checker: &mut Checker<'_>,
    inspection: &Inspection,
    fields: &Fields<'_>,
) {
    let Some(Value::Seq(items)) = fields.get(d::record::RECOMMENDATIONS).map(|n| &n.value) else {
        return;
    };
    // The numbers the body's responses name, found once, and only if some recommendation has
    // no `response` of its own.
    let mut named: Option<HashSet<String>> = None;
    for (recommendation, item) in inspection.recommendations.iter().zip(items) {
        if !recommendation.applies || recommendation.response.is_some() {
            continue;
        }
        let named = named.get_or_insert_with(|| {
            inspection
                .responses
                .iter()
                .filter(|r| r.by != Respondent::ChiefOfficer)
                .flat_map(|r| named_numbers(&r.text))
                .collect()
        });
        if named.contains(&number_key(&recommendation.number.to_lowercase())) {
            continue;
        }
        let at = field(item, d::recommendation::NUMBER).unwrap_or(item);
        checker
            .warning(
                at,
                Code::UnansweredRecommendation,
                format!("recommendation `{}` is not answered", recommendation.number),
            )
            .help = Some(
            "s.55(5B): the comments must explain the action taken or proposed on each recommendation, or why none; add a `response` to it".to_owned(),
        );
    }
}

/// The recommendation numbers a response text names, as [`number_key`]s of their lower case:
/// each whole token after "recommendation", "recommendations", "rec" or "rec." and the list
/// it begins ("recommendations 1, 2 and 4"). A token ends at a space or at punctuation that
/// ends a sentence or a list, so "recommendation 3.1" names 3.1, never 3; the words "the
/// recommendations" alone name none.
fn named_numbers(text: &str) -> Vec<String> {
    let text = text.to_lowercase();
    let mut named = Vec::new();
    let mut tokens = text.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        let word = token.trim_start_matches(['(', '[', '"', '\'', '“', '‘', '*', '_']);
        if !matches!(
            word,
            "recommendation" | "recommendations" | "rec" | "rec." | "recs" | "recs."
        ) {
            continue;
        }
        // The list: numbers, joined by commas, "and", "or", "&" or "to".
        let mut first = true;
        while let Some(&next) = tokens.peek() {
            if matches!(next, "and" | "or" | "&" | "to") {
                tokens.next();
                continue;
            }
            let number = next
                .trim_start_matches(['(', '[', '#', '"', '\'', '“', '‘', '*', '_'])
                .trim_end_matches([
                    '.', ',', ';', ':', ')', ']', '"', '\'', '”', '’', '*', '_', '!', '?',
                ]);
            // After the first, only what looks like a number goes on the list.
            if number.is_empty() || !(first || number.bytes().any(|b| b.is_ascii_digit())) {
                break;
            }
            named.push(number_key(number));
            first = false;
            tokens.next();
            // A list ends with its sentence or clause.
            if next.ends_with(['.', ';', ':', ')', '!', '?']) && next != number {
                break;
            }
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::{named_numbers, number_key};

    #[test]
    fn numbers_equal_as_numbers() {
        for (a, b) in [
            ("09", "9"),
            ("03a", "3a"),
            ("R09", "R9"),
            ("00", "0"),
            ("007", "7"),
        ] {
            assert_eq!(number_key(a), number_key(b), "{a} {b}");
        }
        for (a, b) in [
            ("1.10", "1.1"),
            ("10", "1"),
            ("9.0", "9"),
            ("R9", "r9"),
            ("0", ""),
        ] {
            assert_ne!(number_key(a), number_key(b), "{a} {b}");
        }
        assert_eq!(number_key("100"), "100");
        assert_eq!(number_key("1.05"), "1.5");
    }

    #[test]
    fn the_numbers_a_response_names() {
        let names = named_numbers;
        assert_eq!(
            names("We support the recommendations."),
            Vec::<String>::new()
        );
        assert_eq!(names("On recommendation 3 we will act."), ["3"]);
        assert_eq!(names("Rec 09: done"), ["9"]);
        assert_eq!(names("On recommendation 10 we will act"), ["10"]);
        assert_eq!(names("On recommendation 3.1 we will act"), ["3.1"]);
        assert_eq!(names("Recommendation 3. We will act."), ["3"]);
        assert_eq!(names("On recommendation R2, we will act"), ["r2"]);
        assert_eq!(
            names("Recommendations 1, 2 and 4: we accept them. Rec. 5 is done."),
            ["1", "2", "4", "5"]
        );
        assert_eq!(names("recommendations 1 to 3 are done"), ["1", "3"]);
        assert_eq!(names("(recommendation 7) is done"), ["7"]);
        assert_eq!(names("recommendation 2a and the others"), ["2a"]);
        assert_eq!(names("our recommendation3 and rec3"), Vec::<String>::new());
        assert_eq!(names("recommendation"), Vec::<String>::new());
    }
}
