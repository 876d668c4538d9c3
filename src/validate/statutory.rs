//! The rules of the statutory clock and of s.55, on a complete record and the office: the
//! warnings about a record's last day and what was published by it, `undated` responses, fire
//! and rescue records, and s.55(5B)'s answer to every recommendation. Called from `record` once
//! the record is read; the rules between its fields as read are in `rules`.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::date;
use crate::deadline::{self, Advice, Duty, Publication};
use crate::holidays;
use crate::model::{Inspection, InspectionType, Office, Respondent};
use crate::problem::Code;
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields, field};
use crate::validate::rules::number_key;
use crate::yaml::{Node, Value};

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
    use super::named_numbers;

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
