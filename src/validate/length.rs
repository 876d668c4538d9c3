//! How much text a record may hold: its PDF is typeset with every line of it in memory, at
//! about 300 bytes for each byte of text (a record of 1 MB of text took 310 MB and half a
//! minute), so a record past [`MAX_TEXT`] is refused, at the start of its longest text, before
//! anything is typeset, and so is a record whose page passes it with the records it relates.
//! A response is rarely a hundredth of that.

use crate::problem::{Code, Problem, Severity, Source};
use crate::validate::{Checked, Graph, held};
use crate::yaml::{Node, Value};

/// The most text, in bytes of UTF-8, that a record may hold: every value in it added up.
pub(crate) const MAX_TEXT: usize = 1_000_000;

/// How many bytes of text a record's tree (`node`) holds, and the problem of its holding more
/// than [`MAX_TEXT`], at the field that holds its longest text.
pub(crate) fn check(source: &Source, node: &Node) -> (usize, Option<Problem>) {
    let mut total = 0;
    // The longest text: the key of the field that holds it, its name, its length.
    let mut longest: Option<(&Node, &str, usize)> = None;
    let mut pending: Vec<(&Node, &Node, &str)> = vec![(node, node, "")];
    while let Some((node, key, name)) = pending.pop() {
        match &node.value {
            Value::Null => {}
            Value::Scalar(scalar) => {
                let len = scalar.text.len();
                total += len;
                if longest.is_none_or(|(_, _, most)| len > most) {
                    longest = Some((key, name, len));
                }
            }
            Value::Seq(items) => pending.extend(items.iter().map(|item| (item, key, name))),
            Value::Map(fields) => {
                for (field, value) in fields {
                    match &field.value {
                        Value::Scalar(scalar) => pending.push((value, field, &scalar.text)),
                        _ => pending.push((value, key, name)),
                    }
                }
            }
        }
    }
    if total <= MAX_TEXT {
        return (total, None);
    }
    let Some((at, name, _)) = longest else {
        return (total, None);
    };
    let location = source.locate(at.offset, at.len.max(1));
    let problem = Problem {
        severity: Severity::Error,
        code: Code::TextTooLong,
        file: source.file.clone(),
        location: Some(location),
        source_line: source.line(location.line).map(str::to_owned),
        message: format!(
            "this record holds {} KB of text, more than the {} KB its PDF can be made from (its longest text is this `{name}`)",
            total.div_ceil(1000),
            MAX_TEXT / 1000
        ),
        help: Some(
            "a response is rarely more than 100 KB: link to long documents (the report, an action plan) rather than pasting them into the record".to_owned(),
        ),
    };
    (total, Some(problem))
}

/// The problems of pages whose records, each within [`MAX_TEXT`], hold more than it together
/// through `related` (one PDF holds them all): one for each such record that the user asked
/// about, at its `related` field.
pub(crate) fn pages(records: &[Checked], graph: &Graph) -> Vec<Problem> {
    let text: std::collections::HashMap<&str, usize> = records
        .iter()
        .map(|r| (r.id.as_str(), r.related.text))
        .collect();
    records
        .iter()
        .filter(|r| r.selected && !r.related.refs.is_empty() && r.related.text <= MAX_TEXT)
        .filter_map(|record| {
            let total: usize = held(graph, &record.id)
                .iter()
                .map(|id| text.get(id.as_str()).copied().unwrap_or(0))
                .sum();
            if total <= MAX_TEXT {
                return None;
            }
            let (location, line) = record.related.at.clone()?;
            Some(Problem {
                severity: Severity::Error,
                code: Code::TextTooLong,
                file: record.file.clone(),
                location: Some(location),
                source_line: line,
                message: format!(
                    "this record's page holds {} KB of text with its `related` records, more than the {} KB its PDF can be made from",
                    total.div_ceil(1000),
                    MAX_TEXT / 1000
                ),
                help: Some(
                    "a page's PDF holds the text of every record it relates: relate fewer records here (each keeps its own page), or shorten them".to_owned(),
                ),
            })
        })
        .collect()
}
