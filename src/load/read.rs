//! Reading one file: its bytes, read only when it is a regular file of bounded size, decoded
//! and parsed into a located YAML tree. What is wrong inside a file (not UTF-8, bad YAML) or
//! about it (a folder, a file too large) is a [`Problem`] in the [`File`]; failing to read it
//! is an error.

use std::fs;
use std::io::Read as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::problem::{Code, Location, Problem, Severity, Source};
use crate::yaml::{self, Node};

/// A file that was read, and its tree when it parsed.
#[derive(Debug)]
pub(crate) struct File {
    /// The text, for quoting lines in problems.
    pub(crate) source: Source,
    /// The YAML tree, or `None` when a problem stopped it from parsing.
    pub(crate) node: Option<Node>,
    /// Problems found while reading it (not UTF-8, bad YAML).
    pub(crate) problems: Vec<Problem>,
}

/// Where a record's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// A file, read when the record is validated.
    Path(PathBuf),
    /// A file that will not be read, and why (a link out of the project, an id taken).
    Refused(Refusal),
}

/// Why a record file is not read: the problem reported in its place.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub(crate) code: Code,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// The largest record file read, in bytes. Real records are a few kilobytes; this stops a
/// mistaken or hostile file (a disk image, `/dev/zero` behind a link) from exhausting memory.
pub(crate) const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses one file, shown to the user as `shown`. Problems inside it are in the
/// [`File`]; failing to read it is an error.
pub(crate) fn read(shown: &str, input: Input) -> Result<File> {
    Ok(match read_bytes(shown, input)? {
        Ok(bytes) => parse_bytes(shown.to_owned(), bytes),
        Err(refused) => refused,
    })
}

/// The bytes of the record file `input`, or, for one that is refused unread (a folder, a
/// FIFO, a link out of the project, a file too large), its problem as a file of no text.
fn read_bytes(shown: &str, input: Input) -> Result<Result<Vec<u8>, File>> {
    let refuse = |code: Code, message: String, help: &str| File {
        problems: vec![Problem::file(Severity::Error, code, shown, message).with_help(help)],
        source: Source {
            file: shown.to_owned(),
            text: String::new(),
        },
        node: None,
    };
    let path = match input {
        Input::Refused(refusal) => {
            return Ok(Err(refuse(refusal.code, refusal.message, &refusal.help)));
        }
        Input::Path(path) => path,
    };
    let meta = fs::metadata(&path).with_context(|| format!("failed to read `{shown}`"))?;
    if meta.is_dir() {
        return Ok(Err(refuse(
            Code::NotAFile,
            "this is a folder, not a record file".to_owned(),
            "records are files in `data/inspections`; move or rename the folder",
        )));
    }
    if !meta.is_file() {
        return Ok(Err(refuse(
            Code::NotAFile,
            "this is not a regular file".to_owned(),
            "records are ordinary text files; remove this one from `data/inspections`",
        )));
    }
    if meta.len() > MAX_RECORD_BYTES {
        return Ok(Err(refuse(
            Code::FileTooLarge,
            format!("the file is too large ({} MiB)", meta.len() / (1024 * 1024)),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        )));
    }
    // Sized from the start, so that the file is read in one call (and one more to see its end).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    fs::File::open(&path)
        .and_then(|file| file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("failed to read `{shown}`"))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Ok(Err(refuse(
            Code::FileTooLarge,
            "the file is too large (it grew while being read)".to_owned(),
            &format!(
                "a record may be at most {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        )));
    }
    Ok(Ok(bytes))
}

/// Decodes and parses a file's bytes, shown to the user as `file`; what is wrong becomes a
/// problem in the [`File`]. Pure: [`read`] and validation from bytes share it.
pub(crate) fn parse_bytes(file: String, bytes: Vec<u8>) -> File {
    if yaml::is_utf16(&bytes) {
        // Windows' "Unicode" is UTF-16; read as UTF-8 it is all NULs and stray bytes.
        let problem = Problem::file(
            Severity::Error,
            Code::NotUtf8,
            &file,
            "the file is not UTF-8 text: it is saved as UTF-16 (\"Unicode\")",
        )
        .with_help(
            "save it as UTF-8: in Notepad, File → Save as, then choose Encoding: UTF-8 and Save",
        );
        return File {
            source: Source {
                file,
                text: String::new(),
            },
            node: None,
            problems: vec![problem],
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let source = Source {
                file,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            };
            // The lossy text matches the original up to the first bad byte.
            let at = source.locate(valid, 1);
            let problem = source
                .problem(
                    Severity::Error,
                    Code::NotUtf8,
                    at,
                    "the file is not UTF-8 text",
                )
                .with_help("save it as UTF-8 (in most editors: Save As… → Encoding → UTF-8)");
            return File {
                source,
                node: None,
                problems: vec![problem],
            };
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let source = Source { file, text };
    match yaml::parse(&source.text) {
        Ok(node) => File {
            source,
            node: Some(node),
            problems: Vec::new(),
        },
        Err(error) => {
            let at = error.offset.map_or(
                Location {
                    line: 1,
                    column: 1,
                    width: 1,
                },
                |o| source.locate(o, 1),
            );
            let mut problem = source.problem(Severity::Error, error.code, at, error.message);
            problem.help = error.help;
            File {
                source,
                node: None,
                problems: vec![problem],
            }
        }
    }
}
