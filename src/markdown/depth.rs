//! How deep a Markdown field's raw HTML nests, bounded before the sanitiser sees it: a count
//! that errs high, in one pass, so that the sanitiser's work stays linear in the field.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::options;

/// How deep the elements of a Markdown field may nest when it holds raw HTML. The sanitiser's
/// HTML parser searches its stack of open elements for each tag, so its work grows with the
/// depth times the number of tags: 240,000 nested `<div>` took minutes.
pub const MAX_HTML_DEPTH: usize = 100;

/// How many formatting elements (`<b>`, `<i>`, `<font>`, …) raw HTML may leave open at once.
/// An HTML parser opens each one again in every block that follows, so each paragraph after
/// them costs that many elements: 99 left open and a 1 MB field of `<p>x` took 460 s and 6 GB
/// (a debug build), 10 left open 55 s and 780 MB.
pub const MAX_FORMATTING: usize = 4;

/// Which bound a field's raw HTML passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlBound {
    /// Elements nested more than [`MAX_HTML_DEPTH`] deep.
    Depth,
    /// More than [`MAX_FORMATTING`] formatting elements left open.
    Formatting,
}

/// Where a Markdown field nests its elements deeper than [`MAX_HTML_DEPTH`] or leaves more than
/// [`MAX_FORMATTING`] formatting elements open, as a byte offset in `markdown`, if it holds raw
/// HTML (the only case in which the sanitiser runs) and does.
///
/// The count is a bound, not a copy of an HTML parser: the Markdown's own open elements (lists,
/// quotes) plus the raw HTML's tags as written. A start tag opens an element unless it is void
/// (`<br>`) or one HTML closes by itself (`<p>`, `<li>`, `<td>`); an end tag closes the
/// innermost element only when it names it, and a formatting element only at its own end tag,
/// wherever that comes. So the count errs high on tags misnested, and an HTML parser holds at
/// most a few elements more than it (a table's implied rows and cells).
pub fn html_too_deep(markdown: &str) -> Option<usize> {
    html_bound(markdown).map(|(at, _)| at)
}

/// [`html_too_deep`], with the bound passed.
pub fn html_bound(markdown: &str) -> Option<(usize, HtmlBound)> {
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
                    let bound = if html.formatting.len() > MAX_FORMATTING {
                        HtmlBound::Formatting
                    } else {
                        HtmlBound::Depth
                    };
                    too_deep = too_deep.or(Some((if plain { start + i } else { start }, bound)));
                }
            }
            _ => {}
        }
        if structure + html.depth() > MAX_HTML_DEPTH {
            too_deep = too_deep.or(Some((start, HtmlBound::Depth)));
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

pub(super) const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose end tag may be left out, closed by the next of their kind or by their parent.
pub(super) const SELF_CLOSING: &[&str] = &[
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
            if self.depth() > limit || self.formatting.len() > MAX_FORMATTING {
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
