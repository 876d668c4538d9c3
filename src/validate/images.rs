//! Images in a record's Markdown fields (`![what](address)`): no output can show one. The web
//! pages make no outside requests and the PDF embeds no file, so the reader of the response
//! would get a link where the writer meant a picture. Each image is refused at its line, with
//! the words to use instead.

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown;
use crate::problem::{Code, Problem, Severity, Source};
use crate::validate::html::{locate, markdown_fields};
use crate::yaml::{Node, Value};

/// The problems of a record's tree (`node`): one for each image in its Markdown fields.
pub(crate) fn check(source: &Source, node: &Node) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, node) in markdown_fields(node) {
        let Value::Scalar(scalar) = &node.value else {
            continue;
        };
        let text = &scalar.text;
        // Every image starts with `![`: without one, no parse.
        if !text.contains("![") {
            continue;
        }
        for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
            let Event::Start(Tag::Image { .. }) = event else {
                continue;
            };
            let location = locate(source, node, text, range.start);
            problems.push(Problem {
                severity: Severity::Error,
                code: Code::ImageInText,
                file: source.file.clone(),
                location: Some(location),
                source_line: source.line(location.line).map(str::to_owned),
                message: format!("`{name}` holds an image, which a response cannot show"),
                help: Some(
                    "the pages make no outside requests and the PDF holds no pictures: say in words what it shows, and link to it if it is online: `[what it shows](address)`, without the `!`".to_owned(),
                ),
            });
        }
    }
    problems
}
