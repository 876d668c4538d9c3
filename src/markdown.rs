//! Markdown fields of a record, prepared for the two outputs.
//!
//! For HTML, pulldown-cmark renders the Markdown (tables, footnotes, strikethrough, smart
//! punctuation). The event stream is filtered on the way: headings move down to fit under the
//! document's own, images become links (pages make no external requests), and links whose
//! scheme is not http, https or mailto lose their target. pulldown-cmark escapes all text, so
//! the result is safe by construction unless the Markdown holds raw HTML (pasted web text);
//! only then is the fragment passed through ammonia, with its default allow-list minus images.
//!
//! For Markdown output, fields are passed through with their ATX headings moved down, and plain
//! text (titles, numbers) is escaped so that it cannot turn into Markdown syntax.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Whether a link target may be kept: web and mail addresses, and fragments of the page.
pub(crate) fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
}

/// The levels of one field's headings in the document: the field sits under a heading of level
/// `under`, and its outermost heading, whatever its number of `#` (a report's "### Findings"
/// pasted in), is one level below that; each heading nested in it one level further, never
/// skipping a level (screen readers and PDF/UA-1 need consecutive levels), and none deeper
/// than 6. The same for the HTML page, the `.md` page and the PDF.
pub(crate) struct Outline {
    under: usize,
    /// The written levels of the headings the next one may nest in, outermost first.
    open: Vec<usize>,
}

impl Outline {
    pub(crate) fn new(under: usize) -> Self {
        Self {
            under,
            open: Vec::new(),
        }
    }

    /// The document's level of the field's next heading, written with `written` `#`.
    pub(crate) fn level(&mut self, written: usize) -> usize {
        while self.open.last().is_some_and(|open| *open >= written) {
            self.open.pop();
        }
        self.open.push(written);
        (self.under + self.open.len()).min(6)
    }
}

fn heading_level(level: usize) -> HeadingLevel {
    match level {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The filter every Markdown field's events go through on the way to HTML.
struct Filter<'p> {
    outline: Outline,
    /// The level of the heading open, if one is.
    heading: HeadingLevel,
    footnote_prefix: &'p str,
    /// Footnote labels, numbered in order of first use (looked up, not searched: a field of
    /// many footnotes searched the list once for each).
    footnotes: HashMap<String, usize>,
    /// How many footnote labels were looked at: the work of numbering them.
    #[cfg(test)]
    looked_at: usize,
    /// For each open link or image, whether it was dropped (its address is not safe).
    dropped_links: Vec<bool>,
    /// Whether the field holds raw HTML, which then goes through the sanitiser.
    has_raw_html: bool,
}

impl<'p> Filter<'p> {
    /// A filter for one field, with no footnote, link or raw HTML seen yet.
    fn new(heading_shift: usize, footnote_prefix: &'p str) -> Self {
        Self {
            outline: Outline::new(heading_shift),
            heading: HeadingLevel::H1,
            footnote_prefix,
            footnotes: HashMap::new(),
            #[cfg(test)]
            looked_at: 0,
            dropped_links: Vec::new(),
            has_raw_html: false,
        }
    }

    fn number_of(&mut self, label: &str) -> usize {
        #[cfg(test)]
        {
            self.looked_at += 1;
        }
        if let Some(&n) = self.footnotes.get(label) {
            return n;
        }
        let n = self.footnotes.len() + 1;
        self.footnotes.insert(label.to_owned(), n);
        n
    }

    /// The event as it goes out, or `None` to drop it.
    fn event<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        Some(match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_raw_html = true;
                event
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = heading_level(self.outline.level(level as usize));
                Event::Start(Tag::Heading {
                    level: self.heading,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(self.heading)),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // An image becomes a link to it (pages make no outside requests), or just
                // its text when its address is not safe.
                let safe = safe_url(&dest_url);
                self.dropped_links.push(!safe);
                if !safe {
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                })
            }
            Event::End(TagEnd::Image) => {
                if self.dropped_links.pop() == Some(true) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = safe_url(&dest_url);
                self.dropped_links.push(!safe);
                if !safe {
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                if self.dropped_links.pop() == Some(true) {
                    return None;
                }
                event
            }
            Event::FootnoteReference(label) => {
                let n = self.number_of(&label);
                let prefix = self.footnote_prefix;
                Event::Html(CowStr::from(format!(
                    "<sup><a href=\"#{prefix}-{n}\" id=\"{prefix}-ref-{n}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.number_of(&label);
                let prefix = self.footnote_prefix;
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"{prefix}-{n}\"><p class=\"footnote-number\">{n}.</p>"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::Borrowed("</div>")),
            other => other,
        })
    }
}

/// Renders a Markdown field to safe HTML. Its headings go under a heading of level
/// `heading_shift`, as [`Outline`] places them;
/// `footnote_prefix` keeps footnote anchors unique on the page.
pub fn to_html(markdown: &str, heading_shift: usize, footnote_prefix: &str) -> String {
    // Validation refuses a field that nests too deep for the sanitiser; without it, the
    // field's raw HTML is shown as text, which needs no sanitiser.
    let too_deep = html_too_deep(markdown).is_some();
    let mut filter = Filter::new(heading_shift, footnote_prefix);
    let events = Parser::new_ext(markdown, options())
        .map(|event| match event {
            Event::Html(text) | Event::InlineHtml(text) if too_deep => Event::Text(text),
            other => other,
        })
        .filter_map(|event| filter.event(event));
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    if filter.has_raw_html {
        let mut clean = sanitizer().clean(&html).to_string();
        if !clean.ends_with('\n') {
            clean.push('\n');
        }
        clean
    } else {
        html
    }
}

/// How deep the elements of a Markdown field may nest when it holds raw HTML. The sanitiser's
/// HTML parser searches its stack of open elements for each tag, so its work grows with the
/// depth times the number of tags: 240,000 nested `<div>` took minutes.
pub const MAX_HTML_DEPTH: usize = 100;

/// Where a Markdown field nests its elements deeper than [`MAX_HTML_DEPTH`], as a byte offset in
/// `markdown`, if it holds raw HTML (the only case in which the sanitiser runs) and does.
///
/// The count is a bound, not a copy of an HTML parser: the Markdown's own open elements (lists,
/// quotes) plus the raw HTML's tags as written. A start tag opens an element unless it is void
/// (`<br>`) or one HTML closes by itself (`<p>`, `<li>`, `<td>`); an end tag closes the
/// innermost element only when it names it, and a formatting element (`<b>`, `<i>`) only at
/// its own end tag, wherever that comes. So the count errs high on tags misnested, and an
/// HTML parser holds at most a few elements more than it (a table's implied rows and cells).
pub fn html_too_deep(markdown: &str) -> Option<usize> {
    if !markdown.contains('<') {
        return None;
    }
    let mut structure = 0usize;
    let mut html = HtmlDepth::default();
    let mut has_html = false;
    let mut too_deep = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let start = range.start;
        match event {
            // An HTML block is no element of its own: its HTML is counted below.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(_) => structure += 1,
            Event::End(_) => structure = structure.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => {
                has_html = true;
                let limit = MAX_HTML_DEPTH.saturating_sub(structure);
                if let Some(i) = html.feed(&text, limit) {
                    // The offset inside the event's text is the offset in the field when the
                    // text is a plain slice of it (not so inside a quote or a list).
                    let plain = markdown.get(start..start + text.len()) == Some(&text[..]);
                    too_deep = too_deep.or(Some(if plain { start + i } else { start }));
                }
            }
            _ => {}
        }
        if structure + html.depth() > MAX_HTML_DEPTH {
            too_deep = too_deep.or(Some(start));
        }
        if has_html && too_deep.is_some() {
            return too_deep;
        }
    }
    None
}

/// The elements raw HTML holds open, as [`html_too_deep`] counts them.
#[derive(Default)]
struct HtmlDepth {
    /// Open elements other than formatting ones, innermost last.
    open: Vec<String>,
    /// Open formatting elements (`b`, `i`, …), in the order opened.
    formatting: Vec<String>,
    /// Inside `<script>`, `<style>`, … (whose text holds no tags): the end tag that closes it.
    raw_text: Option<String>,
    /// Inside a comment.
    comment: bool,
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose end tag may be left out, closed by the next of their kind or by their parent.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

impl HtmlDepth {
    fn depth(&self) -> usize {
        self.open.len() + self.formatting.len()
    }

    /// Reads the next piece of raw HTML; returns where in it the depth first passes `limit`.
    /// Only a tag's name matters, and it never spans pieces, so a tag cut across the lines of
    /// an HTML block needs no state.
    fn feed(&mut self, text: &str, limit: usize) -> Option<usize> {
        let mut i = 0;
        while i < text.len() {
            if self.comment {
                let end = text[i..].find("-->")?;
                self.comment = false;
                i += end + 3;
                continue;
            }
            let start = i + text[i..].find('<')?;
            i = start + 1;
            let rest = &text[i..];
            if rest.starts_with("!--") {
                self.comment = true;
                i += 3;
                continue;
            }
            let (closing, name) = match rest.strip_prefix('/') {
                Some(after) => (true, after),
                None => (false, rest),
            };
            let len = name
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
                .count();
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue; // `<` in text, `<!doctype>`, `<?…>`
            }
            let name = name[..len].to_ascii_lowercase();
            if let Some(raw) = &self.raw_text {
                // Only the element's own end tag ends its text.
                if !(closing && *raw == name) {
                    continue;
                }
                self.raw_text = None;
            }
            if closing {
                self.close(&name);
            } else {
                self.open(name);
            }
            if self.depth() > limit {
                return Some(start);
            }
        }
        None
    }

    fn open(&mut self, name: String) {
        let n = name.as_str();
        if VOID.contains(&n) || SELF_CLOSING.contains(&n) {
            return;
        }
        if RAW_TEXT.contains(&n) {
            self.raw_text = Some(name.clone());
        }
        if FORMATTING.contains(&n) {
            self.formatting.push(name);
        } else {
            self.open.push(name);
        }
    }

    fn close(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            if let Some(i) = self.formatting.iter().rposition(|e| e == name) {
                self.formatting.remove(i);
            }
        } else if self.open.last().is_some_and(|e| e == name) {
            self.open.pop();
        }
    }
}

/// The only `style` values kept: the column alignments pulldown-cmark writes.
const ALIGNMENTS: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// The ammonia configuration: its defaults (no script, style, iframe, svg, event handlers or
/// `javascript:` URLs), without images, keeping only our own footnote ids and table alignment.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .rm_tags(["img"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("a", ["id"])
            .add_tag_attributes("div", ["id"])
            .filter_style_properties(HashSet::from(["text-align"]))
            .attribute_filter(|_element, attribute, value| match attribute {
                "id" if !value.starts_with("fn-") => None,
                // Only the alignment pulldown-cmark writes for table columns; any other style
                // (found by the fuzzer: `text-align:c…expression(…)`) is dropped whole.
                "style" if !ALIGNMENTS.contains(&value.trim()) => None,
                _ => Some(Cow::Borrowed(value)),
            });
        builder
    })
}

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

/// The first paragraph of `markdown` as plain text on one line, cut at a word to at most
/// `max` characters (an ellipsis marks the cut): the short text of a table's row.
pub fn short(markdown: &str, max: usize) -> String {
    // pulldown-cmark finds every block of a text before its first event, so the first words
    // of a long answer would cost the whole answer. The text up to its first blank line gives
    // the same words when its first paragraph ends within it (a table or a code block would
    // run on past it) and nothing after it defines a link or a footnote (`[label]:`) that the
    // paragraph may use.
    let head = first_blank_line(markdown)
        .map(|at| &markdown[..at])
        .filter(|head| !markdown[head.len()..].contains("]:"))
        .map(first_paragraph)
        .filter(|(_, ended)| *ended);
    let (text, _) = head.unwrap_or_else(|| first_paragraph(markdown));
    cut(&text, max)
}

/// The byte offset of the first blank line of `text` after its first line, if any.
fn first_blank_line(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > 0 && line.trim().is_empty() {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The words of the first paragraph (or heading, or list item) of `markdown` with text, and
/// whether it ended before the text did (if not, the words are all of the text's).
fn first_paragraph(markdown: &str) -> (String, bool) {
    let mut text = String::new();
    let mut started = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                started = true;
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) if started => {
                return (text, true);
            }
            _ => {}
        }
    }
    (text, false)
}

/// `text` on one line, cut at a word to at most `max` characters.
fn cut(text: &str, max: usize) -> String {
    // The words on one line, joined only until they pass `max` characters: a long answer's
    // first `max` are those of its first words.
    let mut line = String::with_capacity(max + 16);
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += word.chars().count();
        if chars > max {
            break;
        }
    }
    if chars <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Plain text (a title, a number, a name) made safe for Markdown, wherever a template puts it:
/// one line, with every character that could start Markdown syntax backslash-escaped, so that
/// it reads as written when rendered (CommonMark and GitHub) and still reads as plain text.
///
/// Escaped: `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `#`, `|`, `~`, `!`, `{`, `}` anywhere; `&`
/// where it could start an entity (`&lt;`, `&#60;`); and at the start, what would begin a list,
/// a thematic break or a heading underline (`-`, `+`, `=`, `1.`, `1)`). GitHub makes links of
/// web and mail addresses in text (`https://…`, `www.…`, `name@example.org`, `@name`): the `:`
/// before `//` and the `.` after `www` are escaped, and an invisible word joiner (U+2060)
/// follows each `@`, which no backslash can keep from a link.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // While only digits have been written: a `.` or `)` now would start an ordered list.
    let mut leading_digits = true;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
            leading_digits = false;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '{' | '}' => {
                true
            }
            '&' => chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphanumeric() || *next == '#'),
            '-' | '+' | '=' => out.is_empty(),
            '.' | ')' => {
                (leading_digits && !out.is_empty())
                    || (c == '.'
                        && out
                            .get(out.len().saturating_sub(3)..)
                            .is_some_and(|end| end.eq_ignore_ascii_case("www")))
            }
            ':' => {
                let mut after = chars.clone();
                after.next() == Some('/') && after.next() == Some('/')
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push('\u{2060}');
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
    out
}

/// A link's address made safe to write between `<` and `>` in Markdown, as an autolink
/// (`<https://…>`) or a link's destination (`[text](<…>)`): every byte that could end it or
/// change its meaning there (spaces, controls, quotes, `<`, `>`, `\`, `|` in a table, and
/// anything not ASCII) is percent-encoded. An address already percent-encoded is kept as it is.
pub fn link_destination(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for byte in address.trim().bytes() {
        match byte {
            b'!' | b'#'..=b';' | b'=' | b'?'..=b'[' | b']' | b'_' | b'a'..=b'z' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn plain_markdown_needs_no_sanitiser() {
        assert_eq!(
            to_html("A *list*:\n\n- one\n- two\n", 0, "fn-x"),
            "<p>A <em>list</em>:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
    }

    #[test]
    fn pasted_html_keeps_its_paragraphs() {
        assert_eq!(
            to_html(
                "<p>One.</p> <p>Two <a href=\"https://example.org\" onclick=\"x()\">link</a>.</p>",
                0,
                "fn-x"
            ),
            "<p>One.</p> <p>Two <a href=\"https://example.org\" rel=\"noopener noreferrer\">link</a>.</p>\n"
        );
    }

    #[test]
    fn dangerous_links_lose_their_target() {
        assert_eq!(
            to_html(
                "[x](javascript:alert(1)) [y](data:text/html,hi) [z](https://ok.example)",
                0,
                "fn-x"
            ),
            "<p>x y <a href=\"https://ok.example\">z</a></p>\n"
        );
        assert_eq!(
            to_html(
                "![alt](javascript:x) ![alt2](https://tracker.example/p.png)",
                0,
                "fn-x"
            ),
            "<p>alt <a href=\"https://tracker.example/p.png\">alt2</a></p>\n"
        );
    }

    #[test]
    fn fuzz_regression_image_with_an_unsafe_address() {
        // Found by `cargo fuzz run markdown`: a relative image address (not http or https) used
        // to become `<a href="">` with the image's title; it is now just the image's text.
        let input = "<flt;d[x](on=\"https://etil.etil.example\"<>input x>![alt](taleaxm/p.png \"\0\0vbscript:\0~~\0t\\\"onerror\")";
        let html = to_html(input, 0, "fn-x");
        assert!(!html.contains("href=\"\""), "{html}");
        assert!(!html.contains("<a"), "{html}");
        assert!(html.ends_with("input x&gt;alt</p>\n"), "{html}");
    }

    #[test]
    fn fuzz_regression_style_that_is_not_an_alignment() {
        // Found by `cargo fuzz run markdown`: ammonia keeps the `text-align` property whatever
        // its value; only the alignments pulldown-cmark writes are kept now.
        let input = "<table><td style=\"text-align:c\0\0expression(\0\0rpt:alert(1)\">x</aable>";
        let html = to_html(input, 0, "fn-x");
        assert!(!html.contains("style"), "{html}");
        assert!(!html.contains("expression"), "{html}");
        let aligned = to_html("| a |\n|:-:|\n| <b>b</b> |\n", 0, "fn-x");
        assert!(
            aligned.contains("<td style=\"text-align:center\"><b>b</b></td>"),
            "{aligned}"
        );
    }

    #[test]
    fn html_nesting_is_counted_in_one_pass() {
        let deep = |n: usize, unit: &str| unit.repeat(n);
        // 240,000 `<div>` left open: too deep at the 101st, found at once.
        let divs = format!("Pasted:\n\n{}x", deep(240_000, "<div>"));
        assert_eq!(html_too_deep(&divs), Some(9 + 100 * 5));
        // As deep as allowed, and closed again, as often as you like.
        let tree = format!("{}x{}", deep(100, "<div>"), deep(100, "</div>"));
        assert_eq!(html_too_deep(&tree.repeat(1000)), None);
        assert!(html_too_deep(&format!("{}x", deep(101, "<span>"))).is_some());
        // Tags that close themselves or have no end do not nest.
        for unit in [
            "<p>x",
            "<li>x",
            "<br>",
            "<img src=x>",
            "<td>x",
            "<div/>x</div>",
        ] {
            assert_eq!(html_too_deep(&deep(10_000, unit)), None, "{unit}");
        }
        // Formatting closed in the wrong order is closed all the same.
        assert_eq!(html_too_deep(&deep(10_000, "<b><i>x</b></i>")), None);
        // What an HTML parser keeps open although the end tag comes: a block inside a
        // formatting element, an element past a table, a block past an ordinary end tag.
        for unit in [
            "<b><div></b>",
            "<div><table></div>",
            "<span><div></span>",
            "<b class=x>",
        ] {
            assert!(html_too_deep(&deep(200, unit)).is_some(), "{unit}");
        }
        // Text that only looks like tags: code, comments, scripts, a `<` in text.
        let code = format!("```\n{}\n```\n", deep(1000, "<div>"));
        assert_eq!(html_too_deep(&code), None);
        assert_eq!(
            html_too_deep(&format!("<!-- {} -->", deep(1000, "<div>"))),
            None
        );
        let script = format!("<script>{}</script><b>x</b>", deep(1000, "<div>"));
        assert_eq!(html_too_deep(&script), None);
        assert_eq!(html_too_deep(&deep(1000, "a < b ")), None);
        // The Markdown's own nesting counts once the field holds HTML, and only then.
        let quotes = format!("{} x", deep(200, "> "));
        assert_eq!(html_too_deep(&quotes), None);
        assert!(html_too_deep(&format!("{quotes} <b>y</b>")).is_some());
        // A tag cut across lines of an HTML block.
        let cut = format!("{}\n", deep(101, "<div\nclass=\"a\">\n"));
        assert!(html_too_deep(&cut).is_some());
        let quoted = format!("{}\n", deep(101, "<div title=\"a\n>b\">\n"));
        assert!(html_too_deep(&quoted).is_some());
        assert_eq!(html_too_deep(&deep(200, "<br\n/>\n")), None);
        // A tag left unended over many lines is read once, not once per line.
        let unended = format!("<div class=\"x\n{}", deep(200_000, "line\n"));
        assert_eq!(html_too_deep(&unended), None);
    }

    #[test]
    fn html_too_deep_for_the_sanitiser_is_shown_as_text() {
        // Validation refuses it; without validation it renders in linear time, as text.
        let divs = format!("{}x", "<div>".repeat(240_000));
        let html = to_html(&divs, 0, "fn-x");
        assert!(
            html.starts_with("&lt;div&gt;&lt;div&gt;"),
            "{}",
            &html[..40]
        );
        assert!(!html.contains("<div"));
        let fine = to_html("<div><b>bold</b></div>", 0, "fn-x");
        assert_eq!(fine, "<div><b>bold</b></div>\n");
    }

    #[test]
    fn headings_nest_under_the_document_without_skipping_a_level() {
        // The field's outermost heading is one level below the one holding it, whatever its
        // `#`; a deeper one a level further; nothing past 6.
        assert_eq!(
            to_html("# Top\n\n###### Deep\n", 2, "fn-x"),
            "<h3>Top</h3>\n<h4>Deep</h4>\n"
        );
        assert_eq!(
            to_html("### Findings\n\n#### More\n\n## Other\n", 2, "fn-x"),
            "<h3>Findings</h3>\n<h4>More</h4>\n<h3>Other</h3>\n"
        );
        assert_eq!(
            to_html("# a\n## b\n### c\n#### d\n", 4, "fn-x"),
            "<h5>a</h5>\n<h6>b</h6>\n<h6>c</h6>\n<h6>d</h6>\n"
        );
        assert_eq!(
            to_markdown("# Top\n\ntext # not a heading\n", 2),
            "### Top\n\ntext # not a heading"
        );
        assert_eq!(
            to_markdown("### Findings\n\n  ###### Deep ##\n", 2),
            "### Findings\n\n  #### Deep ##"
        );
        // Underlined headings get `#`, their lines joined, in a quote too.
        assert_eq!(
            to_markdown(
                "Title\n===\n\nSub\r\nline\r\n---\r\n\n> Quoted\n> ---\n> text\n",
                1
            ),
            "## Title\n\n### Sub line\r\n\n> ### Quoted\n> text"
        );
        assert_eq!(to_markdown("- a\n- b --- c\n", 2), "- a\n- b --- c");
    }

    /// A field of `n` footnotes, each used and defined: the input of the tests that count the
    /// work of numbering footnotes, here and in the PDF's blocks.
    pub(crate) fn footnotes(n: usize) -> String {
        let mut text = String::new();
        for i in 1..=n {
            text.push_str(&format!("See[^n{i}]. "));
        }
        for i in 1..=n {
            text.push_str(&format!("\n\n[^n{i}]: Note {i}."));
        }
        text
    }

    /// How many footnote labels numbering `n` footnotes, each used and defined, looks at.
    fn footnote_work(n: usize) -> usize {
        let text = footnotes(n);
        let mut filter = Filter::new(0, "fn");
        for event in Parser::new_ext(&text, options()) {
            filter.event(event);
        }
        assert_eq!(filter.footnotes.len(), n, "every footnote numbered");
        filter.looked_at
    }

    #[test]
    fn footnotes_are_numbered_in_work_that_grows_with_them() {
        let (once, twice) = (footnote_work(500), footnote_work(1000));
        assert!(
            twice <= 2 * once + 8,
            "{once} labels looked at for 500, {twice} for 1000"
        );
    }

    #[test]
    fn footnotes_link_both_ways() {
        let html = to_html("Claim.[^a]\n\n[^a]: Source.\n", 0, "fn-k");
        assert!(
            html.contains("<sup><a href=\"#fn-k-1\" id=\"fn-k-ref-1\">1</a></sup>"),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"footnote\" id=\"fn-k-1\">"),
            "{html}"
        );
        // With raw HTML in the field the sanitiser runs and keeps our ids.
        let html = to_html("<b>Claim</b>.[^a]\n\n[^a]: Source.\n", 0, "fn-k");
        assert!(html.contains("id=\"fn-k-1\""), "{html}");
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(
            escape_markdown("A *b* [c](d) <e>\n f"),
            "A \\*b\\* \\[c\\](d) \\<e\\> f"
        );
        // What would start a block, at the start only.
        assert_eq!(escape_markdown("- a - b"), "\\- a - b");
        assert_eq!(escape_markdown("+ a"), "\\+ a");
        assert_eq!(escape_markdown("==="), "\\===");
        assert_eq!(escape_markdown("2023. A year"), "2023\\. A year");
        assert_eq!(escape_markdown("12) b 3. c"), "12\\) b 3. c");
        assert_eq!(escape_markdown("1.5 million"), "1\\.5 million");
        assert_eq!(escape_markdown("A. B"), "A. B");
        // An entity, but not a lone ampersand.
        assert_eq!(
            escape_markdown("PFCC & Police &lt;b&gt; &#60;"),
            "PFCC & Police \\&lt;b\\&gt; \\&\\#60;"
        );
        // A line break cannot start a heading or end a table row.
        assert_eq!(escape_markdown("a\n# b | c"), "a \\# b \\| c");
        assert_eq!(escape_markdown("`code`"), "\\`code\\`");
    }

    #[test]
    fn addresses_in_plain_text_make_no_links() {
        assert_eq!(
            escape_markdown("see https://example.org/x or ftp://x"),
            "see https\\://example.org/x or ftp\\://x"
        );
        assert_eq!(
            escape_markdown("www.example.org WWW.x.org"),
            "www\\.example.org WWW\\.x.org"
        );
        assert_eq!(
            escape_markdown("name@example.org @someone"),
            "name@\u{2060}example.org @\u{2060}someone"
        );
        assert_eq!(escape_markdown("Note: a.b"), "Note: a.b");
        assert_eq!(escape_markdown("éw. x"), "éw. x");
    }

    #[test]
    fn a_block_left_open_is_closed() {
        for (field, closed) in [
            ("A\n\n```rust\ncode\n", "A\n\n```rust\ncode\n```"),
            ("````\ncode\n```", "````\ncode\n```\n````"),
            ("  ~~~\ncode", "  ~~~\ncode\n~~~"),
            ("<!-- a note", "<!-- a note\n-->"),
            ("<PRE class=x>\ntext", "<PRE class=x>\ntext\n</pre>"),
            ("<script>\nx", "<script>\nx\n</script>"),
            ("<?php x", "<?php x\n?>"),
            ("<!DOCTYPE x", "<!DOCTYPE x\n>"),
            ("<![CDATA[ x", "<![CDATA[ x\n]]>"),
            // A fence after a comment's end is a fence.
            ("<!--\n```\n-->x\n```", "<!--\n```\n-->x\n```\n```"),
            ("<!--\n```", "<!--\n```\n-->"),
            // Closed already, or ended by the blank line or the heading after the field (a
            // `<div>` left open is then closed as an element).
            ("```\ncode\n```", "```\ncode\n```"),
            ("> ```\n> code", "> ```\n> code"),
            ("- ```\n  code", "- ```\n  code"),
            ("<div>\ntext", "<div>\ntext\n\n</div>"),
            (
                "[ref]: https://example.org \"a title",
                "[ref]: https://example.org \"a title",
            ),
        ] {
            assert_eq!(to_markdown(field, 0), closed, "{field:?}");
        }
        // An element left open is closed after the field, in its own block.
        assert_eq!(
            to_markdown("<details><summary>More</summary>\n\n<div>\ntext <b>bold", 0),
            "<details><summary>More</summary>\n\n<div>\ntext <b>bold\n\n</b></div></details>"
        );
        assert_eq!(
            to_markdown("<div><!-- <p> -->x<br><img src=a /></div>", 0),
            "<div><!-- <p> -->x<br><img src=a /></div>"
        );
        assert_eq!(to_markdown("<p>a<li>b", 0), "<p>a<li>b");
        // Headings move down first, then the block is closed.
        assert_eq!(to_markdown("# A\n\n```", 2), "### A\n\n```\n```");
    }

    #[test]
    fn escaped_plain_text_renders_as_written() {
        // Rendered by a CommonMark renderer, escaped text is the text itself, and no markup.
        let hostile = [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "![x](https://tracker.example/p.png)",
            "*bold* _em_ **strong** ~~gone~~",
            "# heading",
            "- item",
            "1. item",
            "---",
            "> quote",
            "a | b | c",
            "`code` ``more``",
            "&lt;script&gt; &#x3C;b&#x3E;",
            "<https://example.org>",
            "x[^1]",
            "\\*not\\* escaped",
            "{{ 7 * 7 }}",
            "    indented code",
        ];
        for text in hostile {
            let mut html = String::new();
            let options =
                Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
            let escaped = escape_markdown(text);
            pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&escaped, options));
            let expected = format!("<p>{}</p>\n", pulldown_cmark_escape_html(text.trim()));
            assert_eq!(html, expected, "{text}");
        }
    }

    /// Text as pulldown-cmark escapes it in HTML.
    fn pulldown_cmark_escape_html(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    #[test]
    fn link_destinations_cannot_be_ended() {
        assert_eq!(
            link_destination("https://example.org/a_b*c*?x=1&y=(2)#top"),
            "https://example.org/a_b*c*?x=1&y=(2)#top"
        );
        assert_eq!(
            link_destination(
                "https://example.org/\"><img src=x onerror=alert(1)><script>alert(2)</script>"
            ),
            "https://example.org/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E%3Cscript%3Ealert(2)%3C/script%3E"
        );
        assert_eq!(
            link_destination("https://example.org/a|b\\c `d` é\n"),
            "https://example.org/a%7Cb%5Cc%20%60d%60%20%C3%A9"
        );
        assert_eq!(
            link_destination("https://example.org/%41"),
            "https://example.org/%41"
        );
        // As an autolink it stays one link with the whole address, and nothing else.
        let html = to_html(
            &format!(
                "<{}>",
                link_destination("https://example.org/\"><script>alert(2)</script>")
            ),
            0,
            "fn-x",
        );
        assert_eq!(
            html,
            "<p><a href=\"https://example.org/%22%3E%3Cscript%3Ealert(2)%3C/script%3E\">https://example.org/%22%3E%3Cscript%3Ealert(2)%3C/script%3E</a></p>\n"
        );
    }

    /// The short text as it was first written: the whole text read, to the first paragraph's
    /// end.
    fn short_of_whole_text(markdown: &str, max: usize) -> String {
        super::cut(&super::first_paragraph(markdown).0, max)
    }

    /// The levels of the headings `markdown` shows, in order.
    fn heading_levels(markdown: &str) -> Vec<usize> {
        Parser::new_ext(markdown, options())
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
                _ => None,
            })
            .collect()
    }

    // The `.md` page's headings are at the HTML page's levels. One case is known to differ, so
    // the pieces hold no link definition: a definition, then an underlined heading indented
    // four spaces or a tab, which keeps its indentation and reads as code in the `.md` page.
    proptest::proptest! {
        #[test]
        fn the_markdown_page_has_the_html_pages_heading_levels(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "# ", "## ", "### ", "###### ", "Title", "more words", "\n", "\n\n", "===", "---", "-",
                "> ", "- ", "1. ", "  ", "```\n", "#", "\r\n", "    ", "| a |\n|---|\n", "[^1]: ", "\t",
                "<!-- ", "-->", "\\#", "*", "[x]", "<div>\n", "é",
            ]), 0..40),
            under in 0usize..6,
        ) {
            let markdown: String = parts.concat();
            let mut outline = Outline::new(under);
            let expected: Vec<usize> = heading_levels(&markdown)
                .into_iter()
                .map(|level| outline.level(level))
                .collect();
            let written = to_markdown(&markdown, under);
            proptest::prop_assert_eq!(heading_levels(&written), expected, "{:?} → {:?}", markdown, written);
        }

        #[test]
        fn the_short_text_of_the_head_is_that_of_the_whole_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "word ", "two words", "\n", "\n\n", "  \n", "# ", "- ", "1. ", "> ", "| a | b |\n|---|---|\n| c | d |",
                "```\ncode\n\nmore\n```", "    indented", "[link][ref]", "[ref]: https://example.org/",
                "[^1]", "[^1]: a note", "*em*", "**strong**", "`code`", "<b>", "<div>\n", "\"quoted\"",
                "===", "---", "~~gone~~", "\r\n", "&amp;", "\\",
            ]), 0..24),
            max in 5usize..60,
        ) {
            let markdown: String = parts.concat();
            proptest::prop_assert_eq!(super::short(&markdown, max), short_of_whole_text(&markdown, max));
        }
    }

    #[test]
    fn a_short_text_is_the_first_paragraph_cut_at_a_word() {
        assert_eq!(
            super::short(
                "By **March 2024**, chief constables\nshould act.\n\nMore.",
                100
            ),
            "By March 2024, chief constables should act."
        );
        assert_eq!(super::short("one two three four five", 12), "one two…");
        assert_eq!(super::short("- a list item\n- another", 100), "a list item");
        assert_eq!(super::short("", 10), "");
    }
}
