//! CSV files as Excel opens them, safely: every CSV `respond` writes (the open data and the
//! recommendations tracker) is written here, with a byte order mark, CRLF line ends and no
//! cell that a spreadsheet would run as a formula.

use std::borrow::Cow;

use anyhow::Result;
use serde::Serialize;

/// `rows` as CSV that Excel on Windows opens as UTF-8 and other readers read too: a byte order
/// mark (without it Excel reads the bytes as the system's code page), the header `columns`,
/// CRLF line ends and RFC 4180 quoting (the `csv` crate's, fields quoted only when they must
/// be), and every cell through [`cell`], so that no text is run as a formula. The header is
/// written even when there are no rows. Every CSV that `respond` writes is written here.
pub(crate) fn excel_csv<T: Serialize>(columns: &[&str], rows: &[T]) -> Result<Vec<u8>> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer.write_record(columns)?;
        // Each row is serialised on its own and read back as cells, so that every cell of
        // every field passes through `cell`, whatever the row's type.
        for row in rows {
            let mut one = Vec::new();
            // The writer is dropped at the end of the statement, which flushes it into `one`.
            csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(&mut one)
                .serialize(row)?;
            let mut record = csv::StringRecord::new();
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(one.as_slice())
                .read_record(&mut record)?;
            for text in &record {
                writer.write_field(cell(text).as_bytes())?;
            }
            writer.write_record(None::<&[u8]>)?;
        }
        writer.flush()?;
    }
    Ok(bytes)
}

/// A cell that no spreadsheet runs as a formula: a text beginning with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a `'` in front, as OWASP advises for CSV files (Excel and
/// LibreOffice would otherwise run `=HYPERLINK(…)` from a record's title). A negative number
/// (`-3` days past a target) is left as it is: it is a number, not a formula.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    let negative_number = text.strip_prefix('-').is_some_and(|digits| {
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        [whole, fraction]
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    });
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !negative_number {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}
