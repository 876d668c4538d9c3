//! Raw HTML in a record's Markdown fields: it must not nest deeper than the sanitiser can clean
//! in linear time ([`markdown::MAX_HTML_DEPTH`]), nor leave more formatting elements open than
//! it can open again in each paragraph ([`markdown::MAX_FORMATTING`]). Pasted web text never
//! comes near either; a field that does almost always holds tags opened and never closed, and is
//! refused with the line of the tag where it passes the bound.

use crate::markdown::{self, HtmlBound};
use crate::problem::{Code, Location, Problem, Severity, Source};
use crate::validate::fields::field;
use crate::yaml::{Node, Value};

/// The record's Markdown fields: at the top, and in each item of its lists.
pub(super) const TOP: [&str; 3] = [
    "key_findings",
    "recommendations_intro",
    "areas_for_improvement_intro",
];
pub(super) const IN_LISTS: [(&str, &[&str]); 4] = [
    ("recommendations", &["text", "reason", "response"]),
    ("areas_for_improvement", &["text", "response"]),
    ("causes_of_concern", &["text"]),
    ("responses", &["text"]),
];

/// The problems of a record's tree (`node`): one for each Markdown field nested too deep.
pub(crate) fn check(source: &Source, node: &Node) -> Vec<Problem> {
    let fields = markdown_fields(node);
    fields
        .into_iter()
        .filter_map(|(name, node)| {
            let Value::Scalar(scalar) = &node.value else {
                return None;
            };
            let (at, bound) = markdown::html_bound(&scalar.text)?;
            let location = locate(source, node, &scalar.text, at);
            Some(Problem {
                severity: Severity::Error,
                code: Code::HtmlTooDeep,
                file: source.file.clone(),
                location: Some(location),
                source_line: source.line(location.line).map(str::to_owned),
                message: match bound {
                    HtmlBound::Depth => format!(
                        "the HTML in `{name}` nests more than {} elements deep",
                        markdown::MAX_HTML_DEPTH
                    ),
                    HtmlBound::Formatting => format!(
                        "the HTML in `{name}` leaves more than {} formatting elements open (`<b>`, `<i>`, `<font>` and the like)",
                        markdown::MAX_FORMATTING
                    ),
                },
                help: Some(match bound {
                    HtmlBound::Depth => "respond cleans HTML pasted from web pages, and cannot clean it this deep. It usually means tags opened and never closed (`<div>` without `</div>`): close them, or paste the text without its HTML".to_owned(),
                    HtmlBound::Formatting => "respond cleans HTML pasted from web pages, and an HTML parser opens each formatting element left open again in every paragraph after it: close them (`<b>` with `</b>`), or paste the text without its HTML".to_owned(),
                }),
            })
        })
        .collect()
}

/// The record's Markdown fields (`node` is its tree): each one's name and node.
pub(super) fn markdown_fields(node: &Node) -> Vec<(&'static str, &Node)> {
    let mut fields: Vec<(&str, &Node)> = TOP
        .iter()
        .filter_map(|name| Some((*name, field(node, name)?)))
        .collect();
    for (list, names) in IN_LISTS {
        if let Some(Node {
            value: Value::Seq(items),
            ..
        }) = field(node, list)
        {
            for item in items {
                fields.extend(
                    names
                        .iter()
                        .filter_map(|name| Some((*name, field(item, name)?))),
                );
            }
        }
    }
    fields
}

/// Where byte `at` of a scalar's text is in the file: exactly in a literal block (`|`), whose
/// lines are the file's lines; else the scalar itself.
pub(super) fn locate(source: &Source, node: &Node, text: &str, at: usize) -> Location {
    let whole = source.locate(node.offset, node.len);
    // A literal block's text starts on the line after its `|` (with any `-`, `+` or digit).
    let header = source.text.get(..node.offset).unwrap_or("").trim_end();
    if !header
        .trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
        .ends_with('|')
    {
        return whole;
    }
    let before = text.get(..at).unwrap_or(text);
    let line = whole.line + before.matches('\n').count();
    let column_in_value = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count();
    let tag = text.get(at..).unwrap_or("");
    let width = tag
        .find(['>', '\n'])
        .map_or(tag.chars().count(), |end| tag[..=end].chars().count());
    match source.line(line) {
        Some(text_of_line) => {
            let indent = text_of_line.len() - text_of_line.trim_start_matches(' ').len();
            Location {
                line,
                column: indent + column_in_value + 1,
                width: width.max(1),
            }
        }
        None => whole,
    }
}
