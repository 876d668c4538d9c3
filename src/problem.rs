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

use std::fmt::{self, Write as _};

use anstyle::{AnsiColor, Style};
use serde::{Deserialize, Serialize};

use crate::words::words;

words! {
    /// How serious a problem is; its word is printed before the message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Severity {
        /// The record is invalid: nothing is rendered and `validate` and `check` exit 1.
        Error = "error",
        /// Worth a look, but the record is valid.
        Warning = "warning",
        /// Said so that it is seen, not because anything is wrong (a record outside the
        /// statutory duty, in `check`).
        Note = "note",
    }
}

words! {
    /// What kind of problem it is: a stable name, printed with every problem
    /// (`error[unknown-field]`) and in JSON, as clippy names its lints, so that staff can look it
    /// up and scripts can match on it. The names never change once released; the README lists
    /// them, in this order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Code {
        // Reading a file.
        /// The office file is missing.
        OfficeMissing = "office-missing",
        /// A folder, a FIFO or a device where a record file belongs.
        NotAFile = "not-a-file",
        /// A symbolic link that leads outside the project.
        LinkOutsideProject = "link-outside-project",
        /// A link to a folder that holds it (`data/inspections/up -> ..`).
        LinkUp = "link-up",
        /// A project without its records folder, `data/inspections`.
        NoRecordsFolder = "no-records-folder",
        /// A file larger than a record can be.
        FileTooLarge = "file-too-large",
        /// A file among the records that is not one (`.txt`, `.docx`), or a YAML file in `data/`
        /// outside `data/inspections`.
        NotARecord = "not-a-record",
        /// Two record files with the same id (in different folders, or `.yaml` and `.yml`).
        DuplicateId = "duplicate-id",
        /// Folders under `data/inspections` nested deeper than respond reads.
        FoldersTooDeep = "folders-too-deep",
        /// A file that is not UTF-8 text.
        NotUtf8 = "not-utf8",
        /// YAML the parser cannot read.
        YamlSyntax = "yaml-syntax",
        /// A second YAML document in one file.
        TwoDocuments = "two-documents",
        /// A YAML anchor or alias.
        YamlAlias = "yaml-alias",
        /// Lists and mappings nested too deep.
        TooDeep = "too-deep",
        /// A key written twice in one mapping.
        DuplicateKey = "duplicate-key",
        /// A YAML tag (`!!binary`, `!include`), which records do not use.
        YamlTag = "yaml-tag",
        /// A control character or a bidirectional override in the text.
        ControlCharacter = "control-character",
        /// A ` #` after a value without quotes, which YAML reads as the start of a comment.
        CutByComment = "cut-by-comment",
        /// A `number` or `reference` in curly quotes (`“1”`), which YAML keeps as part of it.
        CurlyQuotes = "curly-quotes",
        /// A line in a text that looks like a field: probably a field indented too far.
        FieldInText = "field-in-text",
        // The fields of a record or of the office file.
        /// A record with nothing in it.
        EmptyRecord = "empty-record",
        /// A file name that breaks the naming rule for ids.
        InvalidId = "invalid-id",
        /// An id that is the name of one of the site's own files or folders (`index`, `feed`).
        ReservedId = "reserved-id",
        /// A value where a mapping of fields belongs.
        NotAMapping = "not-a-mapping",
        /// A field name that is not a word.
        InvalidFieldName = "invalid-field-name",
        /// A field the format does not have.
        UnknownField = "unknown-field",
        /// A required field that is missing.
        MissingField = "missing-field",
        /// A field with nothing in it.
        EmptyField = "empty-field",
        /// A value of the wrong kind: a list for text, text for `true`/`false`, …
        WrongType = "wrong-type",
        /// A date that does not exist or cannot be read.
        InvalidDate = "invalid-date",
        /// Text left from `respond new` for the user to replace.
        PlaceholderText = "placeholder-text",
        /// Text left from `respond new` in a record whose response is published.
        PublishedWithPlaceholder = "published-with-placeholder",
        /// A `type` the format does not have.
        UnknownType = "unknown-type",
        /// A `by` the format does not have.
        UnknownRespondent = "unknown-respondent",
        /// A `link` that is not a web address.
        InvalidLink = "invalid-link",
        /// Commissioner titles that are missing or out of order.
        CommissionerTitles = "commissioner-titles",
        /// A `local_target_days` that is not a whole number of days.
        InvalidLocalTarget = "invalid-local-target",
        /// A `formats` entry that is not a format, or an empty list.
        UnknownFormat = "unknown-format",
        // Rules between fields.
        /// `type: other` without `type_label`.
        MissingTypeLabel = "missing-type-label",
        /// `applies: false` without `reason`.
        MissingReason = "missing-reason",
        /// `statutory: false` without `statutory_note`.
        MissingStatutoryNote = "missing-statutory-note",
        /// Two recommendations with the same number.
        DuplicateRecommendationNumber = "duplicate-recommendation-number",
        /// A cause of concern naming a recommendation the record does not have.
        UnknownRecommendation = "unknown-recommendation",
        /// A progress update's `status` that is not one of the statuses.
        UnknownStatus = "unknown-status",
        /// A progress update dated before the one above it.
        ProgressOutOfOrder = "progress-out-of-order",
        /// A progress update dated after today.
        ProgressInFuture = "progress-in-future",
        /// A `superseded` or `not-accepted` update without a `note` saying why.
        ProgressNoteMissing = "progress-note-missing",
        /// A response dated before the report.
        ResponseBeforeReport = "response-before-report",
        /// A response dated after today.
        ResponseInFuture = "response-in-future",
        /// `response_published: undated` on a report too recent for it.
        UndatedTooRecent = "undated-too-recent",
        /// A report published more than a year after today: a typo in the year.
        PublishedFarAhead = "published-far-ahead",
        /// A published response with no `responses`.
        PublishedWithoutResponses = "published-without-responses",
        /// A recommendation that a published statutory response does not answer (s.55(5B)).
        UnansweredRecommendation = "unanswered-recommendation",
        /// A last day on a weekend or bank holiday.
        LastDayNotWorkingDay = "last-day-not-working-day",
        /// A last day in a year whose bank holidays are not known.
        BankHolidaysUnknown = "bank-holidays-unknown",
        /// A response published after its last day.
        PublishedLate = "published-late",
        /// `type: fire` in a project whose office file names no fire and rescue service.
        FireAndRescueMissing = "fire-and-rescue-missing",
        /// A fire record of a report published before the commissioner became the fire and
        /// rescue authority.
        FireBeforeAuthority = "fire-before-authority",
        /// A day in `copies_sent` before the response was published.
        CopiesBeforeResponse = "copies-before-response",
        /// `copies_sent` in a record whose response has no `response_published` day.
        CopiesWithoutPublication = "copies-without-publication",
        // Related records.
        /// A `related` id that names no record.
        RelatedUnknown = "related-unknown",
        /// `related` records that hold each other.
        RelatedCycle = "related-cycle",
        /// `related` records nested deeper than a page holds them.
        RelatedTooDeep = "related-too-deep",
        /// A published record whose `related` names a draft.
        RelatedDraft = "related-draft",
        /// Raw HTML in a Markdown field nested deeper than it can be cleaned.
        HtmlTooDeep = "html-too-deep",
        /// An image in a Markdown field, which no output can show.
        ImageInText = "image-in-text",
        /// A record with more text than its PDF can be typeset from in bounded memory.
        TextTooLong = "text-too-long",
        // The deadline on today.
        /// A response past its last day and not published.
        Overdue = "overdue",
        /// A response due within the warning window.
        DueSoon = "due-soon",
        /// A record without a response that says the 56-day duty does not apply: a note, shown
        /// every day.
        NotStatutory = "not-statutory",
        /// A published statutory response whose copies to HMICFRS and the Home Secretary
        /// (s.55(6)) are not both recorded.
        CopiesNotRecorded = "copies-not-recorded",
        /// A recommendation past its target and not complete, superseded or not accepted.
        PastTarget = "past-target",
        // Publishing.
        /// `respond publish` of a record whose response is already published.
        AlreadyPublished = "already-published",
    }
}

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

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

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

    /// The problem as one GitHub Actions workflow command (an annotation on the file).
    pub fn github(&self) -> String {
        let mut properties = format!("file={}", github_property(&escape(&self.file)));
        if let Some(at) = self.location {
            let _ = write!(properties, ",line={},col={}", at.line, at.column);
        }
        let _ = write!(properties, ",title={}", self.code.word());
        let mut message = escape(&self.message);
        if let Some(help) = &self.help {
            let _ = write!(message, "\n{}", help_lines(help, 0));
        }
        // GitHub's word for a note is `notice`.
        let command = match self.severity {
            Severity::Note => "notice",
            severity => severity.word(),
        };
        format!("::{command} {properties}::{}", github_message(&message))
    }

    /// The problem as a JSON object.
    pub fn json(&self) -> serde_json::Value {
        // Escaped as on the terminal: JSON escapes C0 controls but not C1 controls or
        // bidirectional overrides, and the JSON is printed too.
        serde_json::json!({
            "severity": self.severity,
            "code": self.code,
            "file": escape(&self.file),
            "line": self.location.map(|l| l.line),
            "column": self.location.map(|l| l.column),
            "message": escape(&self.message),
            "help": self.help.as_deref().map(|help| help_lines(help, 0)),
        })
    }
}

/// Escapes the message of a workflow command.
pub fn github_message(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn github_property(text: &str) -> String {
    github_message(text).replace(':', "%3A").replace(',', "%2C")
}

/// How a character that must not reach the terminal raw is shown: a control character
/// (which could move the cursor, change colours or clear the screen) or a bidirectional
/// override (which could make the line read differently) as Rust writes it, `\u{1b}`; in a
/// quoted line of a file, a tab as `→`, so that a tab used for indentation can be seen.
fn shown(c: char, in_line: bool) -> Option<String> {
    if in_line && c == '\t' {
        Some("→".to_owned())
    } else if c.is_control() || is_bidi_control(c) {
        Some(format!("\\u{{{:x}}}", u32::from(c)))
    } else {
        None
    }
}

/// Whether a character may not stand in a record's text: a control character other than
/// tab, newline and carriage return, or a bidirectional override or isolate (which can make
/// text read differently from how it is stored).
pub(crate) fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c)
}

/// The first character of `text` that a field may not hold: a [`forbidden`] one, except a
/// bidirectional control in a `markdown` field.
pub(crate) fn first_forbidden(text: &str, markdown: bool) -> Option<char> {
    text.chars()
        .find(|&c| forbidden(c) && !(markdown && is_bidi_control(c)))
}

/// U+202A–U+202E and U+2066–U+2069: the bidirectional embeddings, overrides and isolates.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with its control characters and bidirectional overrides escaped (`\u{1b}`), safe to
/// print to a terminal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match shown(c, false) {
            Some(s) => out.push_str(&s),
            None => out.push(c),
        }
    }
    out
}

/// A help as printed: each of its lines escaped, and those after the first indented by
/// `indent` spaces, so that lines to copy into a file (a help may give them) stand under the
/// first line and keep their own indentation.
fn help_lines(help: &str, indent: usize) -> String {
    let mut out = String::with_capacity(help.len());
    for (i, line) in help.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
        }
        out.push_str(&escape(line));
    }
    out
}

/// A quoted line of a file as printed, and the column (from 0, in characters as printed) of
/// each of its characters, so that the `^` line stays under the right text.
fn shown_line(line: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(line.len());
    let mut columns = Vec::with_capacity(line.len() + 1);
    let mut column = 0;
    for c in line.chars() {
        columns.push(column);
        match shown(c, true) {
            Some(s) => {
                column += s.chars().count();
                out.push_str(&s);
            }
            None => {
                column += 1;
                out.push(c);
            }
        }
    }
    columns.push(column);
    (out, columns)
}

/// The longest source line a problem shows whole, in characters.
const SHOWN_LINE: usize = 120;

/// The part of a shown line around the marked columns `from..to`, with `…` where it was cut,
/// and the marked columns within it: a line of a megabyte (pasted HTML, say) is not printed
/// whole to the terminal.
fn window(shown: &str, from: usize, to: usize) -> (String, usize, usize) {
    let chars: Vec<char> = shown.chars().collect();
    if chars.len() <= SHOWN_LINE {
        return (shown.to_owned(), from, to);
    }
    let start = from.saturating_sub(SHOWN_LINE / 3).min(chars.len());
    let end = (start + SHOWN_LINE).min(chars.len());
    let mut out = String::new();
    let lead = usize::from(start > 0);
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let from = from.saturating_sub(start).min(end - start) + lead;
    let to = (to.min(end).saturating_sub(start) + lead).max(from + 1);
    (out, from, to)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &Palette::plain())
    }
}

impl Problem {
    /// The problem as [`Display`](fmt::Display) prints it, coloured like rustc's: the
    /// severity, the message, the gutter and the caret, and the help. Print it through
    /// `anstream`, which takes the colours out when they are not wanted.
    pub fn styled(&self) -> Styled<'_> {
        Styled(self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, paint: &Palette) -> fmt::Result {
        let Palette {
            severity,
            message,
            gutter: g,
            help: h,
        } = paint;
        let severity = severity(self.severity);
        writeln!(
            f,
            "{severity}{}[{}]{severity:#}{message}: {}{message:#}",
            self.severity.word(),
            self.code.word(),
            escape(&self.message)
        )?;
        let (Some(at), Some(line)) = (self.location, &self.source_line) else {
            write!(f, " {g}-->{g:#} {}", escape(&self.position()))?;
            if let Some(help) = &self.help {
                write!(f, "\n  {g}={g:#} {h}help{h:#}: {}", help_lines(help, 10))?;
            }
            return Ok(());
        };
        let number = at.line.to_string();
        let gutter = " ".repeat(number.len());
        let help = self
            .help
            .as_deref()
            .map(|help| help_lines(help, number.len() + 9));
        writeln!(f, "{gutter}{g}-->{g:#} {}", escape(&self.position()))?;
        writeln!(f, "{gutter} {g}|{g:#}")?;
        let (shown, columns) = shown_line(line);
        // Past the end of the line, columns count on from it one a character.
        let column_of = |i: usize| {
            let last = columns.len() - 1;
            columns
                .get(i)
                .copied()
                .unwrap_or_else(|| columns[last] + (i - last))
        };
        let start = at.column.saturating_sub(1);
        let (from, to) = (column_of(start), column_of(start + at.width.max(1)));
        let (shown, from, to) = window(&shown, from, to);
        let shown = format!(" {shown}");
        writeln!(f, "{g}{number} |{g:#}{}", shown.trim_end())?;
        let pad = " ".repeat(from);
        write!(
            f,
            "{gutter} {g}|{g:#} {pad}{severity}{}{severity:#}",
            "^".repeat((to - from).max(1))
        )?;
        if let Some(help) = &help {
            write!(f, "\n{gutter} {g}={g:#} {h}help{h:#}: {help}")?;
        }
        Ok(())
    }
}

/// A [`Problem`] to print in colour: see [`Problem::styled`].
pub struct Styled<'a>(&'a Problem);

impl fmt::Display for Styled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, &Palette::colour())
    }
}

/// The styles of a problem's parts. Plain, every style is empty and prints nothing, so that
/// one function writes both forms and they cannot differ but in colour.
struct Palette {
    severity: fn(Severity) -> Style,
    message: Style,
    gutter: Style,
    help: Style,
}

impl Palette {
    fn plain() -> Self {
        Palette {
            severity: |_| Style::new(),
            message: Style::new(),
            gutter: Style::new(),
            help: Style::new(),
        }
    }

    /// rustc's and cargo's: an error bold red, a warning bold yellow, the message bold, the
    /// gutter bold blue, `help` bold cyan.
    fn colour() -> Self {
        Palette {
            severity: |severity| match severity {
                Severity::Error => AnsiColor::BrightRed.on_default().bold(),
                Severity::Warning => AnsiColor::BrightYellow.on_default().bold(),
                Severity::Note => AnsiColor::BrightGreen.on_default().bold(),
            },
            message: Style::new().bold(),
            gutter: AnsiColor::BrightBlue.on_default().bold(),
            help: AnsiColor::BrightCyan.on_default().bold(),
        }
    }
}

/// An error of the program itself (`error: …`, then any `  = help: …` lines), as `main`
/// prints it: coloured like a problem, for `anstream` to keep or take out.
pub fn styled_error(text: &str) -> String {
    let error = Palette::colour();
    let red = (error.severity)(Severity::Error);
    let (g, h) = (error.gutter, error.help);
    let mut out = format!("{red}error{red:#}: ");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Escaped as problems are: an error may quote what the user typed (a path holding an
        // escape sequence), which must not reach the terminal raw.
        match line.split_once("= help:") {
            Some((indent, help)) if indent.trim().is_empty() => {
                out.push_str(&format!("{indent}{g}={g:#} {h}help{h:#}:{}", escape(help)));
            }
            _ => out.push_str(&escape(line)),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    /// An error of the program quotes what it was given as escaped text, as a problem does.
    #[test]
    fn an_error_is_escaped_as_problems_are() {
        let text = super::styled_error(
            "`a\u{1b}[2Jb.yaml` is not a record\n  = help: give `c\u{202e}d.yaml`",
        );
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(
            text.contains("a\\u{1b}[2Jb.yaml") && text.contains("c\\u{202e}d.yaml"),
            "{text}"
        );
    }

    #[test]
    fn the_line_at_an_offset_is_the_line_of_its_location() {
        let source = super::Source {
            file: "r.yaml".to_owned(),
            text: "title: x\r\nsee: “é”\n\n  - a\nlast".to_owned(),
        };
        for offset in 0..=source.text.len() + 2 {
            let line = source.locate(offset, 1).line;
            assert_eq!(
                Some(source.line_at(offset)),
                source.line(line),
                "offset {offset}"
            );
        }
    }
    use super::*;

    #[test]
    fn lines_are_found_by_counting_as_by_splitting() {
        let long: String = (0..700)
            .map(|i| {
                if i % 255 == 0 || i % 256 == 255 {
                    '\n'
                } else {
                    'x'
                }
            })
            .collect();
        for text in ["", "\n", "a", "a\n", "a\r\nb", "\n\n“é”\n", long.as_str()] {
            let source = Source {
                file: "r.yaml".to_owned(),
                text: text.to_owned(),
            };
            let lines = text.matches('\n').count() + 1;
            for line in 0..=lines + 2 {
                let split = line
                    .checked_sub(1)
                    .and_then(|n| text.split('\n').nth(n))
                    .map(|l| l.strip_suffix('\r').unwrap_or(l));
                assert_eq!(source.line(line), split, "{text:?} line {line}");
            }
            for offset in 0..=text.len() {
                let before = &text[..floor_char_boundary(text, offset)];
                let line = source.locate(offset, 0).line;
                assert_eq!(
                    line,
                    before.matches('\n').count() + 1,
                    "{text:?} at {offset}"
                );
            }
        }
    }

    fn source(text: &str) -> Source {
        Source {
            file: "data/x.yaml".to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn locates_by_character() {
        let s = source("a: 1\r\ntitle: “Hi” there\n");
        let at = s.locate(13, "“Hi”".len());
        assert_eq!(
            at,
            Location {
                line: 2,
                column: 8,
                width: 4
            }
        );
        assert_eq!(s.line(2), Some("title: “Hi” there"));
        // A width never runs past the end of its line.
        assert_eq!(s.locate(0, 100).width, 4);
    }

    #[test]
    fn prints_in_compiler_form() {
        let s = source("title: x\ntitel: Race\n");
        let problem = s
            .problem(
                Severity::Error,
                Code::UnknownField,
                s.locate(9, 5),
                "unknown field `titel`",
            )
            .with_help("did you mean `title`?");
        assert_eq!(
            problem.to_string(),
            "error[unknown-field]: unknown field `titel`\n --> data/x.yaml:2:1\n  |\n2 | titel: Race\n  | ^^^^^\n  = help: did you mean `title`?"
        );
        assert_eq!(
            problem.github(),
            "::error file=data/x.yaml,line=2,col=1,title=unknown-field::unknown field `titel`%0Adid you mean `title`?"
        );
    }

    #[test]
    fn a_help_of_several_lines_keeps_them_lined_up() {
        // A help may give lines to copy into a file: each stands under the first, keeping its
        // own indentation, and each is escaped.
        let s = source("type: fire\n");
        let problem = s
            .problem(
                Severity::Error,
                Code::FireAndRescueMissing,
                s.locate(6, 4),
                "m",
            )
            .with_help("add:\nfire_and_rescue:\n  service: X\u{1b}");
        assert_eq!(
            problem.to_string(),
            "error[fire-and-rescue-missing]: m\n --> data/x.yaml:1:7\n  |\n1 | type: fire\n  |       ^^^^\n  = help: add:\n          fire_and_rescue:\n            service: X\\u{1b}"
        );
        assert_eq!(
            problem.json()["help"],
            "add:\nfire_and_rescue:\n  service: X\\u{1b}"
        );
        assert!(
            problem
                .github()
                .ends_with("::m%0Aadd:%0Afire_and_rescue:%0A  service: X\\u{1b}")
        );
        let whole = Problem::file(Severity::Error, Code::OfficeMissing, "f", "m").with_help("a\nb");
        assert_eq!(
            whole.to_string(),
            "error[office-missing]: m\n --> f\n  = help: a\n          b"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal_raw() {
        let s = source("title:\ta\u{1b}[2Jb\u{202e}c\n");
        let problem = s.problem(
            Severity::Error,
            Code::ControlCharacter,
            s.locate(8, 1),
            "`title` holds \u{1b}[2J",
        );
        let shown = problem.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
        assert!(!problem.github().contains('\u{1b}'));
        // JSON would escape ESC itself, but not C1 controls or bidirectional overrides.
        let c1 = s.problem(
            Severity::Error,
            Code::UnknownField,
            s.locate(0, 1),
            "a\u{85}\u{202e}b",
        );
        assert_eq!(c1.json()["message"], "a\\u{85}\\u{202e}b");
        // The tab shows as an arrow, and the `^` stays under the escaped character.
        assert_eq!(
            shown,
            "error[control-character]: `title` holds \\u{1b}[2J\n --> data/x.yaml:1:9\n  |\n1 | title:→a\\u{1b}[2Jb\\u{202e}c\n  |         ^^^^^^"
        );
        assert_eq!(escape("a\u{85}b\u{2066}"), "a\\u{85}b\\u{2066}");
        assert_eq!(escape("a\tb\u{202e}c"), "a\\u{9}b\\u{202e}c");
    }

    #[test]
    fn codes_are_documented() {
        let readme = include_str!("../README.md");
        for code in Code::ALL {
            assert!(
                readme.contains(&format!("| `{}` |", code.word())),
                "the README does not list `{}`",
                code.word()
            );
        }
    }

    #[test]
    fn a_long_line_is_shown_around_its_mark() {
        let line = format!("key: {}x{}", "a".repeat(300), "b".repeat(300));
        let s = source(&line);
        let at = s.locate(305, 1);
        let p = s.problem(Severity::Error, Code::YamlSyntax, at, "e");
        let text = p.to_string();
        let quoted = text.lines().nth(3).expect("the quoted line");
        let caret = text.lines().nth(4).expect("the caret line");
        assert!(
            quoted.starts_with("1 | …aaa") && quoted.ends_with("bbb…"),
            "{text}"
        );
        assert_eq!(quoted.chars().count(), "1 | ".len() + 1 + SHOWN_LINE + 1);
        let mark = caret.find('^').expect("a caret");
        assert_eq!(
            quoted.chars().nth(caret[..mark].chars().count()),
            Some('x'),
            "{text}"
        );
        // A short line is shown whole.
        let s = source("key: value");
        let p = s.problem(Severity::Error, Code::YamlSyntax, s.locate(5, 5), "e");
        assert!(p.to_string().contains("1 | key: value\n  |      ^^^^^"));
    }

    #[test]
    fn summaries() {
        let s = source("a\n");
        let e = s.problem(Severity::Error, Code::YamlSyntax, s.locate(0, 1), "e");
        let w = Problem::file(Severity::Warning, Code::PlaceholderText, "data/y.yaml", "w");
        assert_eq!(summary(std::slice::from_ref(&e)), "1 error in 1 file");
        assert_eq!(
            summary(&[e.clone(), e, w]),
            "2 errors and 1 warning in 2 files"
        );
    }
}
