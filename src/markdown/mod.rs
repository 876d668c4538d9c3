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

mod depth;
mod page;
#[cfg(test)]
pub(crate) mod tests;
mod text;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub use depth::{HtmlBound, MAX_FORMATTING, MAX_HTML_DEPTH, html_bound, html_too_deep};
pub use page::to_markdown;
#[cfg(test)]
use text::{cut, first_paragraph};
pub use text::{escape_markdown, link_destination, short};

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

/// Whether `link` is a web address: http or https (a record's `link`, which a page shows).
pub(crate) fn is_web_address(link: &str) -> bool {
    let lower = link.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
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

/// Footnote labels, numbered in order of first use, as GitHub numbers them: the HTML page's
/// and the PDF's numbering (looked up, not searched: a field of many footnotes searched the
/// list once for each).
#[derive(Default)]
pub(crate) struct Footnotes {
    numbers: HashMap<String, usize>,
    /// How many labels were looked at: the work of numbering them.
    #[cfg(test)]
    pub(crate) looked_at: usize,
}

impl Footnotes {
    /// The number of `label`, given at its first use.
    pub(crate) fn number(&mut self, label: &str) -> usize {
        #[cfg(test)]
        {
            self.looked_at += 1;
        }
        if let Some(&n) = self.numbers.get(label) {
            return n;
        }
        let n = self.numbers.len() + 1;
        self.numbers.insert(label.to_owned(), n);
        n
    }

    /// How many labels are numbered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.numbers.len()
    }
}

/// The filter every Markdown field's events go through on the way to HTML.
struct Filter<'p> {
    outline: Outline,
    /// The level of the heading open, if one is.
    heading: HeadingLevel,
    footnote_prefix: &'p str,
    footnotes: Footnotes,
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
            footnotes: Footnotes::default(),
            dropped_links: Vec::new(),
            has_raw_html: false,
        }
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
                let n = self.footnotes.number(&label);
                let prefix = self.footnote_prefix;
                Event::Html(CowStr::from(format!(
                    "<sup><a href=\"#{prefix}-{n}\" id=\"{prefix}-ref-{n}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.footnotes.number(&label);
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
