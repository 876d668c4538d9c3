//! The validated records: the office and its inspections, as the rest of the program sees them.
//!
//! These types are built only by `validate` from the YAML tree, so every value here has passed
//! validation's rules. The field documentation is the record format's documentation.
//!
//! The inspections and what is followed up in them are here; the office, and the formats it may
//! ask for, in `office.rs`; the closed lists of words a record uses (types, statuses,
//! respondents, kinds of item) in `kinds.rs`. All are re-exported here.

mod kinds;
mod office;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::{self, Duty, Publication};
use crate::problem::Location;

/// How deep `related` records may nest below a page: a record's related records are one level
/// down, theirs two, theirs three (Cumbria's records need one). Validation refuses deeper
/// nesting (`validate::related`), and the document stops there.
pub const MAX_RELATED_DEPTH: usize = 3;
pub use kinds::{InspectionType, ItemKind, ItemStatus, Respondent, UnknownWord};
pub use office::{CommissionerTitle, FireAndRescue, Format, Office};

/// One HMICFRS inspection report and the office's response: `data/inspections/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The record's id: its file stem, e.g. `2023-08-25-race-and-policing`.
    pub id: String,
    /// The record's file, as shown to the user.
    pub file: String,
    /// Where `published` is written, for annotations.
    pub published_at: Location,
    /// The line where `published` is written, quoted by `check`'s diagnostics.
    pub published_line: Option<String>,
    /// The report's title as HMICFRS gives it.
    pub title: String,
    /// An HMICFRS or office reference, e.g. "28992".
    pub reference: Option<String>,
    /// The day HMICFRS published the report.
    pub published: NaiveDate,
    /// The kind of inspection.
    pub kind: InspectionType,
    /// The displayed type when `kind` is `other`.
    pub type_label: Option<String>,
    /// The report's URL (http or https).
    pub link: Option<String>,
    /// Overrides the inspectorate's name.
    pub inspectorate: Option<String>,
    /// Overrides whether the 56-day duty applies.
    pub statutory: Option<bool>,
    /// Why the duty does not apply, when `statutory` is false.
    pub statutory_note: Option<String>,
    /// The report's key findings (Markdown).
    pub key_findings: String,
    /// Text printed before the recommendations (Markdown).
    pub recommendations_intro: Option<String>,
    /// The report's recommendations.
    pub recommendations: Vec<Recommendation>,
    /// Text printed before the areas for improvement (Markdown).
    pub areas_for_improvement_intro: Option<String>,
    /// The report's areas for improvement.
    pub areas_for_improvement: Vec<AreaForImprovement>,
    /// The report's causes of concern.
    pub causes_of_concern: Vec<CauseOfConcern>,
    /// The responses: the commissioner's, the chief officer's, or joint.
    pub responses: Vec<Response>,
    /// The date the office set for the chief officer's comments (s.55(4)).
    pub chief_officer_comments_due: Option<NaiveDate>,
    /// Whether and when the response was published.
    pub response_published: Publication,
    /// The days the copies of the published response were sent (s.55(6)).
    pub copies_sent: CopiesSent,
    /// Where `check`'s reminder about the copies points: `copies_sent`, or else
    /// `response_published`.
    pub copies_at: Location,
    /// The line at `copies_at`, quoted by that reminder.
    pub copies_line: Option<String>,
    /// Ids of other records rendered inside this one.
    pub related: Vec<String>,
    /// The fields that are only shown (Markdown), by name: each is a row of the field table,
    /// read with no code of its own and printed by the document templates as `doc.<name>`.
    pub shown: std::collections::BTreeMap<&'static str, String>,
    /// Its recommendations, areas for improvement and causes of concern, in that order, as
    /// they are followed up.
    pub items: Vec<Item>,
}

/// The days the office sent a copy of the published response to HMICFRS and to the Home
/// Secretary (s.55(6)): `copies_sent`. The statute sets no time for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct CopiesSent {
    /// The day the copy went to HMICFRS.
    pub hmicfrs: Option<NaiveDate>,
    /// The day the copy went to the Home Secretary.
    pub home_secretary: Option<NaiveDate>,
}

/// A recommendation, as printed in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// The number as printed: "1", "09", "R3".
    pub number: String,
    /// A title, where the report gives one.
    pub title: Option<String>,
    /// The recommendation (Markdown).
    pub text: String,
    /// Whom it is addressed to, e.g. "Chief constables".
    pub addressed_to: Option<String>,
    /// Whether it applies to this force (default true).
    pub applies: bool,
    /// Why it does not apply, when `applies` is false.
    pub reason: Option<String>,
    /// The date the report sets for it: a day, or a month ("July 2021").
    pub target: Option<crate::date::Target>,
    /// The action taken or proposed, or why none (s.55(5B)) (Markdown).
    pub response: Option<String>,
    /// Who in the office or the force answers for it.
    pub owner: Option<String>,
    /// Its progress updates, oldest first.
    pub progress: Vec<Update>,
}

/// An area for improvement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaForImprovement {
    /// The number as printed, if any.
    pub number: Option<String>,
    /// The area for improvement (Markdown).
    pub text: String,
    /// The office's response to it (Markdown).
    pub response: Option<String>,
    /// Who in the office or the force answers for it.
    pub owner: Option<String>,
    /// Its progress updates, oldest first.
    pub progress: Vec<Update>,
}

/// A cause of concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseOfConcern {
    /// The cause of concern (Markdown).
    pub text: String,
    /// The numbers of the recommendations it leads to.
    pub recommendations: Vec<String>,
    /// Who in the office or the force answers for it.
    pub owner: Option<String>,
    /// Its progress updates, oldest first.
    pub progress: Vec<Update>,
}

/// One dated progress update on a recommendation, area for improvement or cause of concern:
/// an entry of its `progress`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The day of the update.
    pub on: NaiveDate,
    /// Where the item stood that day.
    pub status: ItemStatus,
    /// What was done, or why the item is closed without being completed (Markdown).
    pub note: Option<String>,
}

/// The current status of an item from its updates (oldest first): the latest update's, or
/// `open` when there is none; with the day of the latest update.
pub fn current(progress: &[Update]) -> (ItemStatus, Option<NaiveDate>) {
    progress
        .last()
        .map_or((ItemStatus::Open, None), |u| (u.status, Some(u.on)))
}

/// An item followed up to closure (a recommendation, an area for improvement or a cause of
/// concern), as the tracker, `check`, the calendar and the open data see it: what the record
/// says of it, without its response or its history. Kept by [`Inspection::outline`] and in the
/// render cache's [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Its place in its list, from 1: what names it when the report gives it no number.
    pub position: usize,
    /// The number as printed, if any.
    pub number: Option<String>,
    /// A recommendation's title, where the report gives one.
    pub title: Option<String>,
    /// The item's text as written (Markdown).
    pub text: String,
    /// Whom a recommendation is addressed to.
    pub addressed_to: Option<String>,
    /// Whether it applies to this force (false only for a recommendation that does not): an
    /// item that does not apply is not followed up.
    pub applies: bool,
    /// Who answers for it.
    pub owner: Option<String>,
    /// A recommendation's target.
    pub target: Option<crate::date::Target>,
    /// The current status.
    pub status: ItemStatus,
    /// The day of the latest update, if any.
    pub updated: Option<NaiveDate>,
    /// Where `check`'s warning about it points: its `target` (an item without one is not
    /// located).
    #[serde(skip)]
    pub at: Location,
    /// The line at `at`.
    #[serde(skip)]
    pub line: Option<String>,
}

impl Item {
    /// The number as the tracker shows it: the report's, or else its place in its list.
    pub fn number(&self) -> String {
        self.number
            .clone()
            .unwrap_or_else(|| self.position.to_string())
    }

    /// Whether it is open (not closed) and its target has passed on `today`: the days since.
    pub fn days_past_target(&self, today: NaiveDate) -> Option<i64> {
        let due = self.target?.due();
        (!self.status.is_closed() && self.applies && today > due).then(|| (today - due).num_days())
    }

    /// A short text for a table's row: the title, or else the text's first sentence as plain
    /// text, cut at a word to about 100 characters.
    pub fn short(&self) -> String {
        crate::markdown::short(self.title.as_deref().unwrap_or(&self.text), 100)
    }
}

/// A response to the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Who gives it.
    pub by: Respondent,
    /// The response (Markdown).
    pub text: String,
    /// Replaces the default heading.
    pub heading: Option<String>,
    /// When the office received it.
    pub received: Option<NaiveDate>,
}

/// What the site outputs (the index, the feed, the open data) need of a record, kept in the
/// render cache so that a record whose file did not change is not read again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// The record's id.
    pub id: String,
    /// The report's title.
    pub title: String,
    /// An HMICFRS or office reference.
    pub reference: Option<String>,
    /// The record's type word, e.g. `national-thematic`.
    pub kind: String,
    /// The type as displayed, e.g. "National Thematic".
    pub type_label: String,
    /// The report's web address.
    pub link: Option<String>,
    /// When HMICFRS published the report.
    pub published: NaiveDate,
    /// Whether the 56-day duty applies (not a local target, nor none).
    pub statutory: bool,
    /// The last day, if there is one.
    pub last_day: Option<NaiveDate>,
    /// Whether and when the response was published.
    pub response: Publication,
    /// The commissioner's short title on the response date, e.g. "PFCC".
    pub commissioner: String,
    /// The days the copies were sent (s.55(6)).
    pub copies_sent: CopiesSent,
    /// The items followed up.
    pub items: Vec<Item>,
}

impl Inspection {
    /// What the site outputs need of this record.
    pub fn summary(&self, office: &Office) -> Summary {
        Summary {
            id: self.id.clone(),
            title: self.title.clone(),
            reference: self.reference.clone(),
            kind: self.kind.word().to_owned(),
            type_label: self.type_label().to_owned(),
            link: self.link.clone(),
            published: self.published,
            statutory: self.duty(office) == Duty::Statutory,
            last_day: self.last_day(office),
            response: self.response_published,
            commissioner: office
                .commissioner_on(self.response_date(office))
                .short
                .clone(),
            copies_sent: self.copies_sent,
            items: self.items.clone(),
        }
    }

    /// Whether the 56-day duty (or a local target) applies.
    pub fn duty(&self, office: &Office) -> Duty {
        self.kind
            .duty(self.published, self.statutory, office.local_target_days)
    }

    /// The last day to publish the response, if there is one.
    pub fn last_day(&self, office: &Office) -> Option<NaiveDate> {
        deadline::last_day(self.published, self.duty(office))
    }

    /// The inspectorate's name: the record's override, or the name in use on `published`.
    pub fn inspectorate(&self) -> &str {
        self.inspectorate
            .as_deref()
            .unwrap_or_else(|| deadline::inspectorate(self.published))
    }

    /// The type as displayed: "National Thematic", or the record's `type_label`.
    pub fn type_label(&self) -> &str {
        match (&self.type_label, self.kind) {
            (Some(label), _) => label,
            (None, kind) => kind.label(),
        }
    }

    /// The date that decides the commissioner's title: the response's publication, or for a
    /// draft (or an undated response) the last day, or the report's publication.
    pub fn response_date(&self, office: &Office) -> NaiveDate {
        match self.response_published {
            Publication::On(day) => day,
            Publication::NotYet | Publication::Undated => {
                self.last_day(office).unwrap_or(self.published)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InspectionType;

    #[test]
    fn the_words_of_types_are_read_back() {
        for kind in InspectionType::ALL {
            assert_eq!(InspectionType::parse(kind.word()), Ok(kind));
        }
        let unknown = InspectionType::parse("pele").expect_err("not a type");
        assert_eq!(
            (unknown.message.as_str(), unknown.help.as_str()),
            ("unknown type `pele`", "did you mean `peel`?")
        );
    }

    fn item(target: &str, status: super::ItemStatus, applies: bool) -> super::Item {
        super::Item {
            kind: super::ItemKind::Recommendation,
            position: 1,
            number: Some("1".to_owned()),
            title: None,
            text: "Publish the strategy.".to_owned(),
            addressed_to: None,
            applies,
            owner: None,
            target: crate::date::parse_target(target).ok(),
            status,
            updated: None,
            at: crate::problem::Location::default(),
            line: None,
        }
    }

    fn day(text: &str) -> chrono::NaiveDate {
        crate::date::parse(text).expect("a date")
    }

    #[test]
    fn an_item_is_past_its_target_from_the_day_after_while_it_is_not_closed() {
        use super::ItemStatus::{Complete, InProgress, NotAccepted, Open, Superseded};
        let on_day = item("2024-06-30", Open, true);
        assert_eq!(on_day.days_past_target(day("2024-06-30")), None);
        assert_eq!(on_day.days_past_target(day("2024-07-01")), Some(1));
        // A month is due at its end: 29 February in a leap year.
        let month = item("February 2024", InProgress, true);
        assert_eq!(month.days_past_target(day("2024-02-29")), None);
        assert_eq!(month.days_past_target(day("2024-03-01")), Some(1));
        assert_eq!(month.days_past_target(day("2025-03-01")), Some(366));
        for closed in [Complete, Superseded, NotAccepted] {
            assert_eq!(
                item("2024-06-30", closed, true).days_past_target(day("2025-01-01")),
                None
            );
        }
        assert_eq!(
            item("2024-06-30", Open, false).days_past_target(day("2025-01-01")),
            None
        );
        assert_eq!(
            item("", Open, true).days_past_target(day("2025-01-01")),
            None
        );
    }

    #[test]
    fn the_words_of_statuses_are_read_back_and_two_need_a_note() {
        for status in super::ItemStatus::ALL {
            let word = status.word();
            assert_eq!(
                status.needs_note(),
                matches!(word, "superseded" | "not-accepted")
            );
            assert_eq!(
                status.is_closed(),
                matches!(word, "complete" | "superseded" | "not-accepted")
            );
        }
        assert_eq!(super::current(&[]), (super::ItemStatus::Open, None));
        let unknown = super::ItemStatus::parse("done").expect_err("not a status");
        assert_eq!(unknown.code, crate::problem::Code::UnknownStatus);
    }
}
