//! The one report format: a problem in rustc's form on the terminal (plain or coloured), as
//! JSON and as a GitHub Actions annotation; and the escaping of every text printed, so that a
//! control character or a bidirectional override in a file never reaches the terminal raw.

use std::fmt::{self, Write as _};

use anstyle::{AnsiColor, Style};

use super::{Problem, Severity};

impl Problem {
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
pub(super) const SHOWN_LINE: usize = 120;

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
