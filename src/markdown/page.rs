//! A Markdown field on the `.md` page: its headings moved under the document's, and a block it
//! leaves open closed, so that the page goes on after it.

use pulldown_cmark::{Event, Parser, Tag};

use super::depth::{SELF_CLOSING, VOID};
use super::text::escape_markdown;
use super::{Outline, options};

/// A Markdown field for Markdown output: its headings placed under a heading of level
/// `heading_shift` ([`outlined`]), and a block left open at its end closed ([`closed`]), so
/// that the page goes on after it.
pub fn to_markdown(markdown: &str, heading_shift: usize) -> String {
    closed(outlined(markdown.trim_end(), heading_shift))
}

/// `text` with its headings where [`Outline`] places them: each heading's `#` are rewritten,
/// and an underlined heading (`Title` over `===` or `---`) becomes one with `#` on a line of
/// its own.
fn outlined(text: &str, heading_shift: usize) -> String {
    // A heading starts with `#` or is underlined with `=` or `-`: without any, there is
    // nothing to move (and no parse).
    if !text.contains(['#', '=', '-']) {
        return text.to_owned();
    }
    let mut outline = Outline::new(heading_shift);
    // Each heading: where its marks start and end, and what replaces them.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        let marks = "#".repeat(outline.level(level as usize));
        let heading = &text[range.clone()];
        let indent = heading.len() - heading.trim_start_matches(' ').len();
        let start = range.start + indent;
        let body = heading.trim_end_matches(['\n', '\r']);
        // A heading written with `#` is one line; an underlined one is two or more.
        let Some(underline) = body.rfind('\n') else {
            let written = heading[indent..].bytes().take_while(|b| *b == b'#').count();
            edits.push((start, start + written, marks));
            continue;
        };
        // Underlined: its lines joined on one line after the marks, the underline dropped, and
        // the heading's own indentation (a line after a link's definition may have four spaces).
        let lines: Vec<&str> = body[..underline]
            .split('\n')
            .enumerate()
            .map(|(i, line)| {
                // Lines after the first carry their container's marks (`>`, spaces) again.
                let line = line.trim_end_matches('\r');
                if i == 0 {
                    line.trim_start_matches([' ', '\t'])
                } else {
                    line.trim_start_matches([' ', '\t', '>'])
                }
            })
            .collect();
        edits.push((
            range.start,
            range.start + body.len(),
            format!("{marks} {}", lines.join(" ")),
        ));
    }
    let mut out = String::with_capacity(text.len() + edits.len() * 6);
    let mut last = 0;
    for (start, end, marks) in edits {
        out.push_str(&text[last..start]);
        out.push_str(&marks);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// A Markdown field whose last block is one that runs on past the field (a code fence never
/// closed, an HTML comment, `<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`, `<!` or
/// `<![CDATA[` block never ended) would swallow the rest of the page, the document's own
/// headings with it: such a block gets its closing line. A field that still runs on after
/// that is written as escaped plain text, one paragraph a line.
fn closed(mut text: String) -> String {
    // Only a fence (three backticks or tildes) or an HTML block (`<`) runs on past a blank
    // line and a heading: without one there is nothing to close (and no parse).
    if !(text.contains("```") || text.contains("~~~") || text.contains('<')) {
        return text;
    }
    // A block closed may show one inside it that was hidden; a few rounds close them all.
    for _ in 0..4 {
        match open_block(&text) {
            Open::No => {
                let open = unclosed_elements(&text);
                if !open.is_empty() {
                    text.push_str("\n\n");
                    for name in open.iter().rev() {
                        text.push_str(&format!("</{name}>"));
                    }
                }
                return text;
            }
            Open::Ends(end) => {
                text.push('\n');
                text.push_str(&end);
            }
            Open::Other => break,
        }
    }
    text.lines()
        .map(escape_markdown)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The HTML elements that a field's raw HTML opens and never closes, outermost first: a
/// `<details>` or a `<div>` left open would take in the rest of the page where it is shown.
/// Void elements and those the HTML standard closes by themselves (`<p>`, `<li>`) are left
/// out; what is left is what validation bounds ([`html_too_deep`]), so a closing tag's search
/// of the stack stays short.
fn unclosed_elements(text: &str) -> Vec<String> {
    let mut html = String::new();
    for event in Parser::new_ext(text, options()) {
        if let Event::Html(raw) | Event::InlineHtml(raw) = event {
            html.push_str(&raw);
        }
    }
    let mut open: Vec<String> = Vec::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let tag = rest.trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else if !VOID.contains(&name.as_str())
            && !SELF_CLOSING.contains(&name.as_str())
            && !tag.find('>').is_some_and(|end| tag[..end].ends_with('/'))
        {
            open.push(name);
        }
    }
    open
}

/// Whether a field leaves a block open, and what line ends it.
enum Open {
    /// Nothing is open: a heading after the field (and a blank line) is a heading.
    No,
    /// The line that ends the open block.
    Ends(String),
    /// A block is open that no line is known to end.
    Other,
}

/// Whether `text`, followed on the page by a blank line and a heading, leaves that heading a
/// heading; if not, what ends the block that takes it in.
fn open_block(text: &str) -> Open {
    let probe = format!("{text}\n\n# end\n");
    let heading_at = text.len() + 2;
    let mut depth = 0usize;
    let mut last = None;
    for (event, range) in Parser::new_ext(&probe, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    if range.start == heading_at {
                        return Open::No;
                    }
                    last = Some((tag, range.start));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let Some((tag, start)) = last else {
        return Open::Other;
    };
    // The block from where it starts (after any `>` or list marker that holds it), not its
    // line, which may start with a container's marks or any other character.
    let line = text
        .get(start..)
        .unwrap_or_default()
        .trim_start_matches(' ');
    match tag {
        Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)) => {
            let fence = line.chars().next().unwrap_or('`');
            let length = line.chars().take_while(|&c| c == fence).count();
            Open::Ends(fence.to_string().repeat(length.max(3)))
        }
        Tag::HtmlBlock => {
            let line = line.to_ascii_lowercase();
            let end = if line.starts_with("<!--") {
                "-->".to_owned()
            } else if line.starts_with("<?") {
                "?>".to_owned()
            } else if line.starts_with("<![cdata[") {
                "]]>".to_owned()
            } else if line.starts_with("<!") {
                ">".to_owned()
            } else if let Some(name) =
                ["script", "pre", "style", "textarea"]
                    .into_iter()
                    .find(|name| {
                        line.strip_prefix('<')
                            .is_some_and(|tag| tag.starts_with(name))
                    })
            {
                format!("</{name}>")
            } else {
                return Open::Other;
            };
            Open::Ends(end)
        }
        _ => Open::Other,
    }
}
