//! Problems found in the records, and the one format they are reported in.
//!
//! A problem is a finding, not a failure of the program: a record that breaks a rule of the
//! record format (an error) or deserves a second look (a warning). Each has a stable [`Code`],
//! names its file, line and column and carries the offending line, so it prints in compiler
//! form:
//!
//! ```text
//! error[unknown-field]: unknown field `titel`
//!  --> data/inspections/2023-08-25-race-and-policing.yaml:2:1
//!   |
//! 2 | titel: Race and policing
//!   | ^^^^^
//!   = help: did you mean `title`?
//! ```
//!
//! The module keeps the three jobs apart: [`Code`] and [`Severity`], the names every problem
//! carries (`code.rs`); a [`Source`] and the [`Location`] of a place in it, found through the
//! one line counter (`locate.rs`); and the one report format, on the terminal, in JSON and as
//! GitHub annotations, with the escaping that keeps a file's control characters off the
//! terminal (`print.rs`).

mod code;
mod locate;
mod print;

/// Sorts problems by file, then place.
pub(crate) fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (&a.file, a.location.map(|l| (l.line, l.column)))
            .cmp(&(&b.file, b.location.map(|l| (l.line, l.column))))
    });
}

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use code::{Code, Severity};
pub(crate) use locate::LineIndex;
pub use locate::{Location, Source};
pub use print::{Styled, escape, github_message, github_property, styled_error};
pub(crate) use print::{first_forbidden, forbidden, is_bidi_control};

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// The file, as shown to the user.
    pub file: String,
    /// Where in the file, when the problem is about a place and not the whole file.
    pub location: Option<Location>,
    /// The offending line, quoted under the message.
    pub source_line: Option<String>,
    /// What is wrong: lower case, no full stop, identifiers in backticks.
    pub message: String,
    /// How to put it right, when there is something useful to say.
    pub help: Option<String>,
}

impl Problem {
    /// A problem about a whole file.
    pub fn file(
        severity: Severity,
        code: Code,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
            file: file.into(),
            location: None,
            source_line: None,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or just the file.
    pub fn position(&self) -> String {
        match self.location {
            Some(at) => format!("{}:{}:{}", self.file, at.line, at.column),
            None => self.file.clone(),
        }
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a typo.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, c), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// The help for a word that is not one of `words`: the closest, or the whole list.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    words: impl IntoIterator<Item = &'a str> + Clone,
    otherwise: impl FnOnce() -> String,
) -> String {
    match suggest(word, words) {
        Some(close) => format!("did you mean `{close}`?"),
        None => otherwise(),
    }
}

/// The closing line of a report: `2 errors and 1 warning in 2 files`.
pub fn summary(problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let notes = problems
        .iter()
        .filter(|p| p.severity == Severity::Note)
        .count();
    let warnings = problems.len() - errors - notes;
    let mut files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(count(errors, "error"));
    }
    if warnings > 0 {
        parts.push(count(warnings, "warning"));
    }
    if notes > 0 {
        parts.push(count(notes, "note"));
    }
    let parts = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    };
    format!("{parts} in {}", count(files.len(), "file"))
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
