//! The rules between fields: what one field requires of another (`type: other` needs a
//! `type_label`), what dates require of each other and of today, and the rules of each item of
//! a list; what the statutory clock requires of a complete record is in `statutory`.
//!
//! **A new rule goes here** (or in `statutory`), as a function called from the one entry point
//! that has what it needs: [`between_fields`] (the record's fields as read, whether or not the
//! record is complete), `statutory::deadline` (a complete record and the office), or one of the
//! item rules that `items` calls for each recommendation or cause of concern. A rule reports through the
//! [`Checker`], at the place of the field it is about, with a [`Code`] of its own.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::date;
use crate::deadline::Publication;
use crate::model::{CopiesSent, InspectionType, ItemStatus, Recommendation};
use crate::problem::Code;
use crate::problem::did_you_mean;
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields};
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

#[cfg(test)]
mod tests {
    use super::number_key;

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
}
