//! The record `respond new` writes: its id, a commented skeleton for a newly published report,
//! and what to tell the user about its last day. Pure: `cmd::new` asks and writes.
//!
//! The skeleton is written from a template rather than serialised, so that its guidance
//! comments (the field table's, [`crate::validate::definitions`]) survive; the placeholders are
//! `TODO`, which `validate` warns about until they are replaced.

use chrono::NaiveDate;

use crate::date;
use crate::deadline::{self, Advice, Duty, STATUTORY_DAYS};
use crate::holidays;
use crate::model::InspectionType;
use crate::validate;
use crate::validate::definitions::{self as d, Mapping};

/// What `respond new` is told about the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewRecord {
    /// The report's title.
    pub(crate) title: String,
    /// The day HMICFRS published it.
    pub(crate) published: NaiveDate,
    /// The type of inspection.
    pub(crate) kind: InspectionType,
    /// A reference, if any.
    pub(crate) reference: Option<String>,
    /// The report's web address, if known.
    pub(crate) link: Option<String>,
}

/// The record's id: `<published>-<slug of the title>`, the slug cut at a word to stay short.
/// The title is transliterated to ASCII first (deunicode), so that "Ünïcödé Çafé" gives
/// `unicode-cafe` rather than losing its letters.
pub(crate) fn id(record: &NewRecord) -> String {
    let mut slug = String::new();
    for word in validate::slug(&deunicode::deunicode(&record.title)).split('-') {
        if !slug.is_empty() && slug.len() + word.len() + 1 > 50 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    let date = record.published.format("%Y-%m-%d");
    if slug.is_empty() {
        format!("{date}-inspection")
    } else {
        format!("{date}-{slug}")
    }
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of the new record.
pub(crate) fn skeleton(record: &NewRecord) -> String {
    let mut out = crate::schema::modeline(&crate::schema::from_records(crate::schema::RECORD_FILE));
    out.push('\n');
    out.push_str("# One HMICFRS inspection report and the office's response to it.\n");
    out.push_str("# The README's \"Record format\" explains every field. Replace each TODO.\n");
    out.push_str(&format!("title: {}\n", quoted(&record.title)));
    if let Some(reference) = &record.reference {
        out.push_str(&format!("reference: {}\n", quoted(reference)));
    }
    out.push_str(&format!(
        "published: {}\n",
        record.published.format("%Y-%m-%d")
    ));
    out.push_str(&format!("type: {}\n", record.kind.word()));
    if record.kind == InspectionType::Other {
        out.push_str("type_label: TODO the type as it should be displayed\n");
    }
    if let Some(link) = &record.link {
        out.push_str(&format!("link: {}\n", quoted(link)));
    }
    out.push('\n');
    guide(&mut out, "", &d::RECORD, d::record::KEY_FINDINGS);
    out.push_str(
        "key_findings: |
  TODO summarise the report's key findings.

",
    );
    guide(&mut out, "", &d::RECORD, d::record::RECOMMENDATIONS);
    out.push_str(
        "recommendations:
  - number: \"1\"
    text: |
      TODO the recommendation as printed.
    response: |
      TODO the action taken or proposed, or why none.
",
    );
    guide(
        &mut out,
        "    ",
        &d::RECOMMENDATION,
        d::recommendation::PROGRESS,
    );
    out.push_str(
        "    # owner: Head of Corporate Support
    # target: YYYY-MM-DD
    # progress:
    #   - on: YYYY-MM-DD
    #     status: in-progress
    #     note: What was done.

# areas_for_improvement:
#   - text: |
#       The area for improvement as printed.
#     response: |
#       The office's response.

",
    );
    guide(&mut out, "", &d::RECORD, d::record::RESPONSES);
    out.push_str(
        "responses:
  - by: commissioner
    text: |
      TODO the commissioner's comments on the report.
  - by: chief-officer
    text: |
      TODO the chief officer's comments (delete this item if none were submitted).

",
    );
    guide(&mut out, "", &d::RECORD, d::record::RESPONSE_PUBLISHED);
    out.push_str("# response_published: YYYY-MM-DD\n");
    out
}

/// The comment the field table gives a field for a new record, each line indented by `indent`.
fn guide(out: &mut String, indent: &str, mapping: &Mapping, name: &str) {
    for line in mapping.field(name).guide.lines() {
        out.push_str(&format!("{indent}# {line}\n"));
    }
}

/// What to tell the user about the deadline of a new record.
pub(crate) fn deadline_lines(record: &NewRecord, duty: Duty, today: NaiveDate) -> Vec<String> {
    let published = date::long(record.published);
    let mut lines = Vec::new();
    let last = match duty {
        Duty::Statutory => {
            let last = deadline::statutory_last_day(record.published);
            lines.push(format!(
                "Respond by {} — {STATUTORY_DAYS} days beginning with {published} (Police Act 1996 s.55(5A))",
                date::long_with_weekday(last)
            ));
            last
        }
        Duty::LocalTarget { days, reason } => {
            let last = deadline::last_day_of_period(record.published, days);
            lines.push(format!(
                "No statutory deadline ({}); the office's target: respond by {} — {days} days beginning with {published}",
                reason.describe(),
                date::long_with_weekday(last)
            ));
            last
        }
        Duty::NoDeadline(reason) => {
            lines.push(format!("No statutory deadline: {}", reason.describe()));
            return lines;
        }
    };
    match deadline::advice(last, holidays::bundled()) {
        Advice::WorkingDay => {}
        Advice::NotWorkingDay {
            reason,
            last_working_day,
        } => lines.push(format!(
            "That day is {}; the statute does not move it, so publish by {}, the last working day before it",
            reason.describe(),
            date::long_with_weekday(last_working_day)
        )),
        Advice::Unknown => lines.push(
            "This version of respond does not know that year's bank holidays: check GOV.UK's list".to_owned(),
        ),
    }
    let left = deadline::days_left(last, today);
    lines.push(match left {
        n if n < 0 => format!(
            "warning: that day has passed: the response is {} overdue",
            crate::problem::count(usize::try_from(-n).unwrap_or(0), "day")
        ),
        0 => "That is today.".to_owned(),
        n => format!(
            "That is {} from today.",
            crate::problem::count(usize::try_from(n).unwrap_or(0), "day")
        ),
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(title: &str) -> NewRecord {
        NewRecord {
            title: title.to_owned(),
            published: NaiveDate::from_ymd_opt(2023, 8, 25).expect("valid"),
            kind: InspectionType::NationalThematic,
            reference: None,
            link: None,
        }
    }

    #[test]
    fn ids_are_short_slugs() {
        assert_eq!(
            id(&record(
                "Race and Policing: A review of the Police service’s leadership and governance arrangements"
            )),
            "2023-08-25-race-and-policing-a-review-of-the-police-services"
        );
        assert_eq!(id(&record("!!!")), "2023-08-25-inspection");
        assert_eq!(id(&record("Ünïcödé Çafé")), "2023-08-25-unicode-cafe");
        assert_eq!(
            id(&record("Straße – Ærø: “quoted” Œuvre")),
            "2023-08-25-strasse-aero-quoted-oeuvre"
        );
    }

    #[test]
    fn titles_are_quoted() {
        assert_eq!(quoted(r#"A "b" \ c"#), r#""A \"b\" \\ c""#);
    }
}
