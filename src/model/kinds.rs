//! The closed lists of words a record uses (its `type`, an update's `status`, a response's
//! `by`) and the kinds of item followed up, each declared once through `words!`, with
//! what to say about a word that is not one of them.

use chrono::NaiveDate;

use crate::deadline::{self, Duty};
use crate::problem::Code;
use crate::words::words;

words! {
    /// The kinds of inspection: a record's `type`. It is also the value of `respond new
    /// --type`, so the doc comments here are that option's help (`cli.rs` gives them to clap).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum InspectionType {
        /// PEEL (police effectiveness, efficiency and legitimacy).
        Peel = "peel",
        /// An inspection of this force.
        ForceInspection = "force-inspection",
        /// A national thematic inspection.
        NationalThematic = "national-thematic",
        /// A national inspection.
        NationalInspection = "national-inspection",
        /// A spotlight report.
        Spotlight = "spotlight",
        /// A joint inspection with other inspectorates.
        JointInspection = "joint-inspection",
        /// A custody inspection.
        Custody = "custody",
        /// A revisit.
        Revisit = "revisit",
        /// The annual State of Policing.
        StateOfPolicing = "state-of-policing",
        /// Commissioned by the commissioner or the Home Secretary.
        Commissioned = "commissioned",
        /// A fire and rescue inspection (no statutory 56-day duty).
        Fire = "fire",
        /// Anything else, described by `type_label`.
        Other = "other",
    }
}

impl InspectionType {
    /// The type for a record's word, or what to say about a word that is not one.
    pub fn parse(word: &str) -> Result<Self, UnknownWord> {
        Self::from_word(word).ok_or_else(|| {
            UnknownWord::new(
                Code::UnknownType,
                format!("unknown type `{word}`"),
                word,
                Self::WORDS,
                || format!("the types are: {}", Self::WORDS.join(", ")),
            )
        })
    }

    /// Whether the 56-day duty (or the office's local target) applies to a report of this type
    /// published on `published`; `statutory` is the record's override.
    pub fn duty(
        self,
        published: NaiveDate,
        statutory: Option<bool>,
        local_target_days: Option<u32>,
    ) -> Duty {
        deadline::duty(published, self == Self::Fire, statutory, local_target_days)
    }

    /// The name displayed in documents, e.g. "National Thematic".
    pub fn label(self) -> &'static str {
        match self {
            Self::Peel => "PEEL",
            Self::ForceInspection => "Force Inspection",
            Self::NationalThematic => "National Thematic",
            Self::NationalInspection => "National Inspection",
            Self::Spotlight => "Spotlight",
            Self::JointInspection => "Joint Inspection",
            Self::Custody => "Custody",
            Self::Revisit => "Revisit",
            Self::StateOfPolicing => "State of Policing",
            Self::Commissioned => "Commissioned",
            Self::Fire => "Fire and Rescue",
            Self::Other => "Other",
        }
    }
}

/// A word that is not one of a field's words (`type`, `by`), and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    /// The problem's code.
    pub code: Code,
    /// What is wrong: "unknown type `peeel`".
    pub message: String,
    /// The closest word ("did you mean `peel`?"), or the list of words.
    pub help: String,
}

impl UnknownWord {
    fn new<'a>(
        code: Code,
        message: String,
        word: &str,
        words: impl IntoIterator<Item = &'a str> + Clone,
        otherwise: impl FnOnce() -> String,
    ) -> Self {
        let help = crate::problem::did_you_mean(word, words, otherwise);
        Self {
            code,
            message,
            help,
        }
    }
}

words! {
    /// Where an item followed up stands: a progress update's `status`. The order is that of a
    /// tracker's summary.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum ItemStatus {
        /// Nothing done yet (also the status of an item without updates).
        Open = "open",
        /// Work under way.
        InProgress = "in-progress",
        /// Done.
        Complete = "complete",
        /// Replaced by a later recommendation or plan (the note says by what).
        Superseded = "superseded",
        /// Not accepted by the office or the force (the note says why).
        NotAccepted = "not-accepted",
    }
}

impl ItemStatus {
    /// The status for a record's word, or what to say about a word that is not one.
    pub fn parse(word: &str) -> Result<Self, UnknownWord> {
        Self::from_word(word).ok_or_else(|| {
            UnknownWord::new(
                Code::UnknownStatus,
                format!("unknown status `{word}`"),
                word,
                Self::WORDS,
                || {
                    "the statuses are `open`, `in-progress`, `complete`, `superseded` and `not-accepted`"
                        .to_owned()
                },
            )
        })
    }

    /// The status as documents show it: "In progress".
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InProgress => "In progress",
            Self::Complete => "Complete",
            Self::Superseded => "Superseded",
            Self::NotAccepted => "Not accepted",
        }
    }

    /// Whether the item is closed: complete, superseded or not accepted. A closed item is not
    /// past its target, whatever the date.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Complete | Self::Superseded | Self::NotAccepted)
    }

    /// Whether an update with this status must say why (`note`).
    pub fn needs_note(self) -> bool {
        matches!(self, Self::Superseded | Self::NotAccepted)
    }
}

words! {
    /// The kinds of item followed up to closure, by the words of the JSON and the CSV.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum ItemKind {
        /// A recommendation.
        Recommendation = "recommendation",
        /// An area for improvement.
        AreaForImprovement = "area-for-improvement",
        /// A cause of concern.
        CauseOfConcern = "cause-of-concern",
    }
}

impl ItemKind {
    /// The kind as documents show it: "Area for improvement".
    pub fn label(self) -> &'static str {
        match self {
            Self::Recommendation => "Recommendation",
            Self::AreaForImprovement => "Area for improvement",
            Self::CauseOfConcern => "Cause of concern",
        }
    }
}

words! {
    /// Who gives a response: a response's `by`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Respondent {
        /// The commissioner (the local policing body).
        Commissioner = "commissioner",
        /// The chief officer (s.55(4) comments).
        ChiefOfficer = "chief-officer",
        /// Both together.
        Joint = "joint",
    }
}

impl Respondent {
    /// The respondent for a record's word, or what to say about a word that is not one.
    pub fn parse(word: &str) -> Result<Self, UnknownWord> {
        Self::from_word(word).ok_or_else(|| {
            UnknownWord::new(
                Code::UnknownRespondent,
                format!("unknown respondent `{word}`"),
                word,
                Self::WORDS,
                || "`by` is `commissioner`, `chief-officer` or `joint`".to_owned(),
            )
        })
    }
}
