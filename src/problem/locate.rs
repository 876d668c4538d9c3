//! Where a problem is: a file's text kept as a [`Source`], and the [`Location`] (line, column,
//! width) of a byte range in it, found through one line counter, [`LineIndex`].

use serde::{Deserialize, Serialize};

use super::{Code, Problem, Severity};

/// A place in a file: 1-based line and column (in characters), and the length to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, in characters from 1.
    pub column: usize,
    /// How many characters to underline, at least 1.
    pub width: usize,
}

/// A file's text, kept so that problems can quote the offending line.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to the user (relative to the project when it is inside it).
    pub file: String,
    /// The file's text, without a byte-order mark.
    pub text: String,
}

/// Where a text's line feeds are: the one way lines are counted. Found once for a file, so
/// that its many places (every problem, every item followed up) are located without counting
/// the lines before each again.
#[derive(Debug)]
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    /// The index of `source`'s text.
    pub(crate) fn new(source: &Source) -> Self {
        Self(source.text.match_indices('\n').map(|(at, _)| at).collect())
    }

    /// [`Source::locate`], with the lines counted from the index.
    pub(crate) fn locate(&self, source: &Source, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(&source.text, offset.min(source.text.len()));
        let before = self.0.partition_point(|&feed| feed < offset);
        let line_start = match before {
            0 => 0,
            n => self.0[n - 1] + 1,
        };
        source.locate_from(offset, len, before + 1, line_start)
    }

    /// [`Source::line`], with the line found from the index.
    pub(crate) fn line<'a>(&self, source: &'a Source, line: usize) -> Option<&'a str> {
        let start = match line.checked_sub(1)? {
            0 => 0,
            n => self.0.get(n - 1)? + 1,
        };
        Some(source.line_from(start))
    }
}

impl Source {
    /// The location of a byte range of the text.
    pub fn locate(&self, offset: usize, len: usize) -> Location {
        LineIndex::new(self).locate(self, offset, len)
    }

    /// The location of `len` bytes at `offset` (a character boundary), which is on line `line`,
    /// starting at byte `line_start`.
    fn locate_from(&self, offset: usize, len: usize, line: usize, line_start: usize) -> Location {
        let column = self.text[line_start..offset].chars().count() + 1;
        let line_end = self.text[offset..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| offset + i);
        let end = floor_char_boundary(&self.text, (offset + len).min(line_end));
        let width = self.text[offset..end].chars().count().max(1);
        Location {
            line,
            column,
            width,
        }
    }

    /// The text of the line that holds byte `offset`, without its line ending: what
    /// [`Source::line`] gives for the line of [`Source::locate`], without counting the lines
    /// before it.
    pub fn line_at(&self, offset: usize) -> &str {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        let line = &self.text[start..end];
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The text of line `line` (from 1), without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        LineIndex::new(self).line(self, line)
    }

    /// The line that starts at byte `start`, without its line end.
    fn line_from(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// A problem at `location` in this file.
    pub fn problem(
        &self,
        severity: Severity,
        code: Code,
        location: Location,
        message: impl Into<String>,
    ) -> Problem {
        self.problem_on(severity, code, location, self.line(location.line), message)
    }

    /// A problem at `location` in this file, whose line (found by the caller) is `line`.
    pub(crate) fn problem_on(
        &self,
        severity: Severity,
        code: Code,
        location: Location,
        line: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            severity,
            code,
            file: self.file.clone(),
            location: Some(location),
            source_line: line.map(str::to_owned),
            message: message.into(),
            help: None,
        }
    }
}

pub(super) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
