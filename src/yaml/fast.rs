//! A fast reader for the shape nearly every record is written in: block mappings with plain
//! keys, lists of `- ` items, one-line values (plain or in quotes without escapes), `|` blocks
//! and one-line lists in brackets, with comments and blank lines between. It builds the same
//! tree, with the same byte ranges, as the events of granit-parser, six times as fast; reading
//! 10,000 records was most of what `check` did.
//!
//! It is the common case only, as a regex engine reads a literal before its full machinery:
//! at anything else (a tab, a carriage return, a mapping in braces, an anchor, a tag, an
//! escape, a text over several lines, a folded block, a duplicate key, a mistake) it declines,
//! and the parser reads the file from the start, so every error and every unusual file still
//! goes through the parser and its messages. The tests and a fuzz target compare the two trees
//! on every file this reader accepts.

use super::{Keys, MAX_DEPTH, Node, Scalar, ScalarKind, Value, Written, resolve};

/// The tree of `text`, or `None` when `text` is not in the shape this reader knows.
pub(super) fn parse(text: &str) -> Option<Node> {
    if !plain_bytes(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader { text, at: 0 };
    let first = reader.significant()?;
    if first.indent != 0 {
        return None;
    }
    // The top mapping ends only at the end of the text: a line less indented than 0 does
    // not exist, and any other line is an entry of it or declined.
    reader.mapping(first, 0, 0)
}

/// Whether `bytes` hold none of what this reader leaves to the parser: control characters
/// (a tab and a carriage return among them), C1 controls and NEL, the line and paragraph
/// separators, a byte-order mark and the non-characters U+FFFE and U+FFFF.
fn plain_bytes(bytes: &[u8]) -> bool {
    const CHUNK: usize = 64;
    let suspect = |b: u8| (b < 0x20 && b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b == 0xef);
    let exact = |i: usize, b: u8| match b {
        b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xef => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        _ => false,
    };
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; E2 starts every curly quote and dash, so
    // they are looked for only in a chunk that holds an A8 or A9.
    let separator = |i: usize| {
        bytes
            .get(i..i + 3)
            .is_some_and(|s| matches!(s, [0xe2, 0x80, 0xa8 | 0xa9]))
    };
    !bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        let start = n * CHUNK;
        let odd = chunk.iter().fold(false, |any, &b| {
            any | suspect(b) | (b == 0xa8) | (b == 0xa9)
        });
        odd && (start..start + chunk.len()).any(|i| exact(i, bytes[i]) || separator(i))
    })
}

/// A line of the text.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// The offset of its first byte.
    start: usize,
    /// How many spaces it starts with.
    indent: usize,
    /// The offset of its line feed, or the text's length on the last line.
    end: usize,
}

impl Line {
    /// The offset of its first byte after the indentation.
    fn token(self) -> usize {
        self.start + self.indent
    }
}

/// Where the reader is: `at` is the start of the first line not yet read.
struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl Reader<'_> {
    /// The line starting at `start`, which is before the end of the text.
    fn line(&self, start: usize) -> Line {
        let rest = &self.text.as_bytes()[start..];
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| start + i);
        let indent = count_spaces(&rest[..end - start]);
        Line { start, indent, end }
    }

    /// Moves past `line`.
    fn consume(&mut self, line: Line) {
        self.at = (line.end + 1).min(self.text.len());
    }

    /// The next line that holds a token, moving past the blank and comment lines before it;
    /// `None` at the end of the text.
    fn significant(&mut self) -> Option<Line> {
        while self.at < self.text.len() {
            let line = self.line(self.at);
            let first = self.text.as_bytes().get(line.token()).copied();
            if line.token() < line.end && first != Some(b'#') {
                return Some(line);
            }
            self.consume(line);
        }
        None
    }

    /// Where the next token starts, or the end of the text: where a list or mapping ends.
    fn token_position(&mut self) -> usize {
        self.significant().map_or(self.text.len(), Line::token)
    }

    /// The node of a list or mapping that starts at `offset` and ends where the next token
    /// starts, as the parser places its end.
    fn close(&mut self, value: Value, offset: usize) -> Node {
        let end = self.token_position();
        Node {
            value,
            offset,
            len: end - offset,
        }
    }

    /// A block mapping whose keys stand at column `column`, the first of them on `line`.
    fn mapping(&mut self, mut line: Line, column: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let offset = line.start + column;
        let mut at = offset;
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut keys = Keys::default();
        loop {
            let len = self.key(at, line.end)?;
            let key = Node {
                value: resolve(self.text[at..at + len].to_owned(), Written::Plain),
                offset: at,
                len,
            };
            let colon = at + len;
            if let Value::Scalar(name) = &key.value
                && !keys.insert(&entries, &name.text)
            {
                return None;
            }
            let value = self.value(line, colon, column, depth)?;
            entries.push((key, value));
            match self.significant() {
                None => break,
                Some(next) if next.indent == column => {
                    line = next;
                    at = next.token();
                }
                Some(next) if next.indent < column => break,
                Some(_) => return None,
            }
        }
        Some(self.close(Value::Map(entries), offset))
    }

    /// A block list whose `- ` stand at column `line.indent`, the first on `line`.
    fn sequence(&mut self, mut line: Line, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let column = line.indent;
        let offset = line.token();
        let bytes = self.text.as_bytes();
        let mut items = Vec::new();
        loop {
            let dash = line.token();
            if bytes.get(dash + 1) != Some(&b' ') {
                return None;
            }
            let at = dash + 1 + count_spaces(&bytes[dash + 1..line.end]);
            let item = match bytes.get(at) {
                None | Some(b'\n' | b'#') => return None,
                Some(_) if self.key(at, line.end).is_some() => {
                    self.mapping(line, at - line.start, depth + 1)?
                }
                Some(_) => {
                    let item = self.scalar(at, line.end)?;
                    self.consume(line);
                    item
                }
            };
            items.push(item);
            match self.significant() {
                None => break,
                Some(next) if next.indent == column && bytes[next.token()] == b'-' => line = next,
                Some(next) if next.indent < column => break,
                Some(_) => return None,
            }
        }
        Some(self.close(Value::Seq(items), offset))
    }

    /// The length of a key, `name:` followed by a space or the end of its line, at `at`.
    /// Keys are words of letters, digits, `_` and `-`, as records' fields are; anything else
    /// is left to the parser.
    fn key(&self, at: usize, line_end: usize) -> Option<usize> {
        let bytes = &self.text.as_bytes()[at..line_end];
        if !bytes.first()?.is_ascii_alphanumeric() && bytes[0] != b'_' {
            return None;
        }
        let len = bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
            .count();
        if bytes.get(len) != Some(&b':') || !matches!(bytes.get(len + 1), None | Some(b' ')) {
            return None;
        }
        Some(len)
    }

    /// The value after the colon at `colon` of a key at `column` on `line`: on the line
    /// itself, or on the lines below it, or nothing.
    fn value(&mut self, line: Line, colon: usize, column: usize, depth: usize) -> Option<Node> {
        let bytes = self.text.as_bytes();
        let spaces = count_spaces(&bytes[colon + 1..line.end]);
        let at = colon + 1 + spaces;
        if at == line.end || (spaces > 0 && bytes[at] == b'#') {
            self.consume(line);
            return match self.significant() {
                Some(next) if next.indent > column => match bytes[next.token()] {
                    b'-' => self.sequence(next, depth + 1),
                    _ => self.mapping(next, next.indent, depth + 1),
                },
                // A list at the key's own column belongs to it too; it is left to the parser.
                Some(next) if next.indent == column && bytes[next.token()] == b'-' => None,
                _ => Some(Node {
                    value: Value::Null,
                    offset: colon,
                    len: 0,
                }),
            };
        }
        if bytes[at] == b'|' {
            return self.block(line, at, column);
        }
        let node = match bytes[at] {
            b'[' if depth + 1 >= MAX_DEPTH => return None,
            b'[' => self.flow(at, line.end)?,
            _ => self.scalar(at, line.end)?,
        };
        self.consume(line);
        Some(node)
    }

    /// A list on one line at `at`, `[a, "b"]`, of plain or quoted scalars, with nothing after
    /// it but a comment: how records write `related` and the recommendations an item covers.
    fn flow(&self, at: usize, line_end: usize) -> Option<Node> {
        let bytes = self.text.as_bytes();
        let mut items = Vec::new();
        let mut i = at + 1;
        loop {
            i += count_spaces(&bytes[i..line_end]);
            match bytes.get(i) {
                Some(b']') => break,
                Some(b'"' | b'\'') => {
                    let (item, len) = self.quoted(i, line_end)?;
                    items.push(item);
                    i += len;
                }
                _ => {
                    let rest = &self.text[i..line_end];
                    let value = rest[..rest.find([',', ']'])?].trim_end_matches(' ');
                    // In a list in brackets a colon may start a mapping and `{` one too.
                    if value.is_empty()
                        || INDICATORS.contains(&value.as_bytes()[0])
                        || value.contains([':', '[', '{', '}'])
                        || value.contains(" #")
                    {
                        return None;
                    }
                    items.push(Node {
                        value: resolve(value.to_owned(), Written::Plain),
                        offset: i,
                        len: value.len(),
                    });
                    i += value.len();
                }
            }
            i += count_spaces(&bytes[i..line_end]);
            match bytes.get(i) {
                Some(b']') => break,
                Some(b',') => i += 1,
                _ => return None,
            }
        }
        if !only_comment(&self.text[i + 1..line_end]) {
            return None;
        }
        Some(Node {
            value: Value::Seq(items),
            offset: at,
            len: i + 1 - at,
        })
    }

    /// A scalar in quotes at `at`, on one line and without escapes, and its length.
    fn quoted(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let rest = &self.text[at..line_end];
        let (text, close) = match rest.as_bytes()[0] {
            b'"' => {
                let close = rest[1..].find(['"', '\\'])? + 1;
                if rest.as_bytes()[close] == b'\\' {
                    return None;
                }
                (rest[1..close].to_owned(), close)
            }
            _ => single_quoted(rest)?,
        };
        let node = Node {
            value: Value::Scalar(Scalar {
                text,
                kind: ScalarKind::String,
                style: Written::Quoted,
            }),
            offset: at,
            len: close + 1,
        };
        Some((node, close + 1))
    }

    /// A scalar on one line at `at`, plain or in quotes, with nothing after it but a comment.
    fn scalar(&self, at: usize, line_end: usize) -> Option<Node> {
        let rest = &self.text[at..line_end];
        match rest.as_bytes()[0] {
            b'"' | b'\'' => {
                let (node, len) = self.quoted(at, line_end)?;
                only_comment(&rest[len..]).then_some(node)
            }
            first if INDICATORS.contains(&first) => None,
            _ => {
                // The value ends at ` #`, a comment; a colon before a space or the end of the
                // line would make it a key, which YAML refuses here. Neither is its first
                // byte (an indicator), so `i - 1` is in it.
                let bytes = rest.as_bytes();
                let mut end = bytes.len();
                for i in memchr::memchr2_iter(b':', b'#', bytes) {
                    match bytes[i] {
                        b'#' if bytes[i - 1] == b' ' => {
                            end = i - 1;
                            break;
                        }
                        b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return None,
                        _ => {}
                    }
                }
                let value = rest[..end].trim_end_matches(' ');
                Some(Node {
                    value: resolve(value.to_owned(), Written::Plain),
                    offset: at,
                    len: value.len(),
                })
            }
        }
    }

    /// A literal block (`|`, or `|-` without its last line feed) at `at` on `line`, the value
    /// of a key at `column`. Its text starts at its first line's indentation, which it keeps
    /// to its end; it ends after the indentation of the first line indented less.
    fn block(&mut self, line: Line, at: usize, column: usize) -> Option<Node> {
        let strip = match &self.text[at..line.end] {
            "|" => false,
            "|-" => true,
            _ => return None,
        };
        if line.end == self.text.len() {
            return None;
        }
        self.consume(line);
        let first = self.line(self.at);
        let indent = first.indent;
        // A block that starts with a blank line, or no deeper than its key, is left to the
        // parser: where such a block starts and how deep it is are subtle.
        if first.token() == first.end || indent <= column {
            return None;
        }
        let offset = first.token();
        let mut text = String::with_capacity(256);
        // Line feeds waiting for the next line of text: they are dropped at the end.
        let mut breaks = 0;
        let mut end = self.text.len();
        while self.at < self.text.len() {
            let line = self.line(self.at);
            if line.token() == line.end {
                if line.indent > indent {
                    return None;
                }
                breaks += 1;
            } else if line.indent < indent {
                end = line.token();
                break;
            } else {
                if line.start != first.start {
                    // The line feed that ended the line of text before this one.
                    breaks += 1;
                }
                text.extend(std::iter::repeat_n('\n', breaks));
                breaks = 0;
                text.push_str(&self.text[line.start + indent..line.end]);
            }
            self.consume(line);
        }
        if !strip {
            text.push('\n');
        }
        Some(Node {
            value: Value::Scalar(Scalar {
                text,
                kind: ScalarKind::String,
                style: Written::Block,
            }),
            offset,
            len: end - offset,
        })
    }
}

/// What may not start a plain value, or starts something else: a list item, a list or mapping
/// in brackets, a comment, an anchor, an alias, a tag, a block, a reserved character. A plain
/// value may start with `-`, `?` or `:` when no space follows, but records' values do not.
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@`";

/// Whether `rest`, what follows a value on its line, is nothing or a comment (spaces, then
/// `#`).
fn only_comment(rest: &str) -> bool {
    let spaces = count_spaces(rest.as_bytes());
    spaces == rest.len() || (spaces > 0 && rest.as_bytes()[spaces] == b'#')
}

/// The text of a single-quoted scalar at the start of `rest` (where `''` stands for `'`) and
/// the offset of its closing quote, when it closes on its line.
fn single_quoted(rest: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut from = 1;
    loop {
        let quote = from + rest[from..].find('\'')?;
        text.push_str(&rest[from..quote]);
        if rest.as_bytes().get(quote + 1) == Some(&b'\'') {
            text.push('\'');
            from = quote + 2;
        } else {
            return Some((text, quote));
        }
    }
}

/// How many spaces `bytes` start with.
fn count_spaces(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| b == b' ').count()
}

#[cfg(test)]
mod tests;
