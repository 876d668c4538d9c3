//! The office: `data/office.yaml` as validated, and the formats it may ask `render` for.

use chrono::NaiveDate;

use super::InspectionType;
use crate::words::words;

/// The office: `data/office.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// The office's name, e.g. "Cumbria Office of the Police, Fire and Crime Commissioner".
    pub name: String,
    /// The police area, e.g. "Cumbria".
    pub area: String,
    /// The force, e.g. "Cumbria Constabulary".
    pub force: String,
    /// The chief officer's title, e.g. "Chief Constable".
    pub chief_officer: String,
    /// The commissioner's titles over time, oldest first.
    pub commissioner: Vec<CommissionerTitle>,
    /// The fire and rescue service the commissioner answers for, where the commissioner is
    /// also its fire and rescue authority.
    pub fire_and_rescue: Option<FireAndRescue>,
    /// Replaces the default s.55 sentence.
    pub statutory_statement: Option<String>,
    /// The sentence printed where a police document cites s.55, for fire documents (none by
    /// default: the statute does not cover fire and rescue reports).
    pub fire_statement: Option<String>,
    /// The office's own target, in days, for reports without a statutory duty (e.g. fire).
    pub local_target_days: Option<u32>,
    /// The day the office began keeping its responses in respond: `undated` is refused for a
    /// report published on or after it.
    pub tracking_from: Option<NaiveDate>,
    /// The formats `render` writes when `--format` is not given (`None`: Markdown and HTML).
    pub formats: Option<Vec<Format>>,
    /// The web address `out/` is published at, without a trailing `/`: the feed's and the
    /// open data's links are absolute when it is given, relative otherwise.
    pub site_url: Option<String>,
}

words! {
    /// A format a user can ask for (`--format`, the office's `formats`): each turns on the
    /// outputs that belong to it. In the order their outputs are rendered.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        /// Markdown: the `.md` pages and `index.md`.
        Md = "md",
        /// HTML: the `.html` pages and `index.html`.
        Html = "html",
        /// PDF: the `.pdf` pages (tagged PDF/UA-1), the copies a response is sent as.
        Pdf = "pdf",
    }
}

/// The fire and rescue service: `fire_and_rescue` in the office file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FireAndRescue {
    /// The service, e.g. "Cumbria Fire and Rescue Service".
    pub service: String,
    /// Its chief officer's title, e.g. "Chief Fire Officer".
    pub chief_officer: String,
    /// The day the commissioner became its fire and rescue authority, if the office gives it.
    pub from: Option<NaiveDate>,
}

/// The commissioner's title from a date on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionerTitle {
    /// The first day this title applies.
    pub from: NaiveDate,
    /// The full title, e.g. "Police, Fire and Crime Commissioner".
    pub title: String,
    /// The short title, e.g. "PFCC".
    pub short: String,
    /// The office's name as printed in this period, if it differs from [`Office::name`].
    pub office: Option<String>,
}

impl Office {
    /// Whom a record of `kind` is about: the force, or for a fire record the fire and rescue
    /// service (validation refuses a fire record without `fire_and_rescue`); and its chief
    /// officer's title.
    pub fn subject(&self, kind: InspectionType) -> (&str, &str) {
        match (&self.fire_and_rescue, kind) {
            (Some(fire), InspectionType::Fire) => (&fire.service, &fire.chief_officer),
            _ => (&self.force, &self.chief_officer),
        }
    }

    /// The commissioner's title in force on `date` (the latest that began on or before it;
    /// the earliest if `date` comes before all of them).
    pub fn commissioner_on(&self, date: NaiveDate) -> &CommissionerTitle {
        self.commissioner
            .iter()
            .rev()
            .find(|t| t.from <= date)
            .or_else(|| self.commissioner.first())
            // `validate` refuses an office without at least one title.
            .expect("an office has at least one commissioner title")
    }
}
