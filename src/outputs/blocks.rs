//! A Markdown field as a tree of blocks, for the PDF's template: the same pulldown-cmark events
//! the HTML is made from (same options, same heading shift, same footnote numbers, the same
//! links kept and dropped), written as plain data that the template lays out with functions of
//! its own. Nothing in it is ever read as typst markup, so text prints exactly as written.
//!
//! The tree is JSON (the template decodes it with `json(bytes(…))`): a block is an object with a
//! kind `k` (`p`, `h`, `ul`, `ol`, `quote`, `code`, `table`, `hr`, `footnote`) and an inline one
//! (`t`, `em`, `strong`, `del`, `sup`, `sub`, `link`, `code`, `br`, `fn`). Raw HTML is reduced to
//! its text, as the HTML's sanitiser leaves it. Containers nested deeper than [`MAX_DEPTH`] are
//! flattened into their parent (their text kept), so the template never recurses deeply.

use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};
use serde_json::{Map, Value, json};

use crate::markdown;

/// How deep containers (lists, quotes, emphasis, links, …) nest before they are flattened: far
/// deeper than any letter, well inside typst's limit on nested function calls.
pub(crate) const MAX_DEPTH: usize = 12;

/// What an open container is.
enum Kind {
    Root,
    Paragraph,
    Heading(usize),
    Quote,
    Code(String),
    Html(String),
    List(Option<u64>),
    Item,
    Footnote(usize),
    Table(Vec<&'static str>),
    Head,
    Row,
    Cell,
    Inline(&'static str),
    Link(String),
    /// A container past [`MAX_DEPTH`], or a link whose address is not kept: its children go to
    /// its parent.
    Transparent,
}

impl Kind {
    /// Whether its children are inline (text) rather than blocks.
    fn holds_inline(&self) -> bool {
        matches!(
            self,
            Self::Paragraph
                | Self::Heading(_)
                | Self::Cell
                | Self::Inline(_)
                | Self::Link(_)
                | Self::Transparent
        )
    }
}

struct Open {
    kind: Kind,
    children: Vec<Value>,
    /// Inline children of a block container not yet in a paragraph (a tight list's items).
    loose: Vec<Value>,
}

struct Builder {
    stack: Vec<Open>,
    footnotes: markdown::Footnotes,
    outline: markdown::Outline,
}

/// A Markdown field's blocks, as JSON text; its headings go under a heading of level
/// `heading_shift`, as [`markdown::Outline`] places them (and the HTML page has them).
pub(crate) fn to_blocks(markdown: &str, heading_shift: usize) -> String {
    let mut builder = Builder {
        stack: vec![open(Kind::Root)],
        footnotes: markdown::Footnotes::default(),
        outline: markdown::Outline::new(heading_shift),
    };
    for event in Parser::new_ext(markdown, markdown::options()) {
        builder.event(event);
    }
    while builder.stack.len() > 1 {
        builder.close();
    }
    let root = builder.stack.pop().map(finish_children).unwrap_or_default();
    Value::Array(root).to_string()
}

fn open(kind: Kind) -> Open {
    Open {
        kind,
        children: Vec::new(),
        loose: Vec::new(),
    }
}

/// A block container's children, with any loose inline text closed into a paragraph.
fn finish_children(mut open: Open) -> Vec<Value> {
    flush(&mut open);
    open.children
}

fn flush(open: &mut Open) {
    if !open.loose.is_empty() {
        let inlines = std::mem::take(&mut open.loose);
        open.children.push(json!({"k": "p", "c": inlines}));
    }
}

fn text(s: &str) -> Value {
    json!({"k": "t", "s": s})
}

impl Builder {
    fn push(&mut self, kind: Kind) {
        let kind = if self.stack.len() > MAX_DEPTH && !matches!(kind, Kind::Code(_)) {
            Kind::Transparent
        } else {
            kind
        };
        self.stack.push(open(kind));
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell)
            | Event::End(_) => self.close(),
            Event::Text(s) => match self.stack.last_mut().map(|o| &mut o.kind) {
                Some(Kind::Code(code)) => code.push_str(&s),
                _ => self.inline(text(&s)),
            },
            Event::Code(s) => self.inline(json!({"k": "code", "s": &*s})),
            Event::Html(s) => match self.stack.last_mut().map(|o| &mut o.kind) {
                Some(Kind::Html(html)) => html.push_str(&s),
                _ => self.raw_html(&s),
            },
            Event::InlineHtml(s) => self.raw_html(&s),
            Event::FootnoteReference(label) => {
                let n = self.footnotes.number(&label);
                self.inline(json!({"k": "fn", "n": n}));
            }
            Event::SoftBreak => self.inline(text(" ")),
            Event::HardBreak => self.inline(json!({"k": "br"})),
            Event::Rule => self.block(json!({"k": "hr"})),
            // Not enabled in the options (math, task lists): their text, if any.
            Event::InlineMath(s) | Event::DisplayMath(s) => self.inline(text(&s)),
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let kind = match tag {
            Tag::Paragraph => Kind::Paragraph,
            Tag::Heading { level, .. } => Kind::Heading(self.outline.level(level as usize)),
            Tag::BlockQuote(_) => Kind::Quote,
            Tag::CodeBlock(_) => Kind::Code(String::new()),
            Tag::HtmlBlock => Kind::Html(String::new()),
            Tag::List(start) => Kind::List(start),
            Tag::Item => Kind::Item,
            Tag::FootnoteDefinition(label) => Kind::Footnote(self.footnotes.number(&label)),
            Tag::Table(alignments) => Kind::Table(
                alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::None | Alignment::Left => "left",
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                    })
                    .collect(),
            ),
            Tag::TableHead => Kind::Head,
            Tag::TableRow => Kind::Row,
            Tag::TableCell => Kind::Cell,
            Tag::Emphasis => Kind::Inline("em"),
            Tag::Strong => Kind::Inline("strong"),
            Tag::Strikethrough => Kind::Inline("del"),
            Tag::Superscript => Kind::Inline("sup"),
            Tag::Subscript => Kind::Inline("sub"),
            // An image is a link to it, as in the HTML; an address not kept keeps only its text.
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }
                if markdown::safe_url(&dest_url) =>
            {
                Kind::Link(dest_url.into_string())
            }
            _ => Kind::Transparent,
        };
        self.push(kind);
    }

    /// Closes the innermost container and gives what it made to its parent.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if self.stack.is_empty() {
            self.stack.push(open);
            return;
        }
        let value = match open.kind {
            Kind::Transparent => {
                let inline = open.kind.holds_inline();
                for child in finish_children(open) {
                    if inline && child.get("k").is_some_and(|k| !is_block(k)) {
                        self.inline(child);
                    } else {
                        self.block(child);
                    }
                }
                return;
            }
            Kind::Paragraph => json!({"k": "p", "c": open.children}),
            Kind::Heading(level) => json!({"k": "h", "level": level, "c": open.children}),
            Kind::Code(ref code) => json!({"k": "code", "s": code.trim_end_matches('\n')}),
            Kind::Html(ref html) => {
                let text = html_text(html);
                if text.trim().is_empty() {
                    return;
                }
                json!({"k": "p", "c": [self::text(text.trim())]})
            }
            Kind::Inline(k) => json!({"k": k, "c": open.children}),
            Kind::Link(ref url) => json!({"k": "link", "url": url, "c": open.children}),
            Kind::Cell => Value::Array(open.children),
            Kind::Row | Kind::Head => Value::Array(finish_children(open)),
            _ => self.container(open),
        };
        let inline = value.get("k").is_some_and(|k| !is_block(k));
        if inline {
            self.inline(value);
        } else {
            self.block(value);
        }
    }

    /// The value of a closed block container (quote, list, item, footnote, table).
    fn container(&mut self, open: Open) -> Value {
        match open.kind {
            Kind::List(start) => {
                let items = finish_children(open);
                match start {
                    Some(start) => json!({"k": "ol", "start": start, "items": items}),
                    None => json!({"k": "ul", "items": items}),
                }
            }
            Kind::Footnote(n) => json!({"k": "footnote", "n": n, "c": finish_children(open)}),
            Kind::Table(ref align) => {
                let align = align.clone();
                let mut rows = finish_children(open).into_iter();
                let head = rows.next().unwrap_or(Value::Array(Vec::new()));
                let mut table = Map::new();
                table.insert("k".into(), "table".into());
                table.insert("align".into(), align.into());
                table.insert("head".into(), head);
                table.insert("rows".into(), Value::Array(rows.collect()));
                Value::Object(table)
            }
            // An item's blocks are a plain array; a quote's are under `c`.
            Kind::Item => Value::Array(finish_children(open)),
            _ => json!({"k": "quote", "c": finish_children(open)}),
        }
    }

    fn inline(&mut self, value: Value) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if top.kind.holds_inline() {
            top.children.push(value);
        } else {
            top.loose.push(value);
        }
    }

    fn block(&mut self, value: Value) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if matches!(top.kind, Kind::Transparent) || !top.kind.holds_inline() {
            flush(top);
            top.children.push(value);
        } else {
            // A block inside inline text (only when flattened): its text, inline.
            top.children.push(value);
        }
    }

    fn raw_html(&mut self, html: &str) {
        let text = html_text(html);
        if !text.is_empty() {
            self.inline(self::text(&text));
        }
    }
}

fn is_block(kind: &Value) -> bool {
    matches!(
        kind.as_str(),
        Some("p" | "h" | "ul" | "ol" | "quote" | "code" | "table" | "hr" | "footnote") | None
    )
}

/// Raw HTML reduced to its text, as the sanitiser leaves it: tags and comments dropped, the
/// content of `script` and `style` dropped, the common entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(at) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&decode_entities(&rest[..at]));
        }
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = rest[1..end].trim_end_matches('>').to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match skipping {
            Some(open) if tag.starts_with('/') && name == open => skipping = None,
            None if !tag.starts_with('/') && (name == "script" || name == "style") => {
                skipping = Some(if name == "script" { "script" } else { "style" });
            }
            _ => {}
        }
        rest = &rest[end..];
    }
    if skipping.is_none() {
        out.push_str(&decode_entities(rest));
    }
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many footnote labels numbering `n` footnotes, each used and defined, looks at.
    fn footnote_work(n: usize) -> usize {
        let text = markdown::tests::footnotes(n);
        let mut builder = Builder {
            stack: vec![open(Kind::Root)],
            footnotes: markdown::Footnotes::default(),
            outline: markdown::Outline::new(0),
        };
        for event in Parser::new_ext(&text, markdown::options()) {
            builder.event(event);
        }
        assert_eq!(builder.footnotes.len(), n, "every footnote numbered");
        builder.footnotes.looked_at
    }

    /// The PDF's footnotes are numbered in work that grows with them, as the HTML page's are:
    /// a search of the labels before each was quadratic in a field of many footnotes.
    #[test]
    fn footnotes_are_numbered_in_work_that_grows_with_them() {
        let (once, twice) = (footnote_work(500), footnote_work(1000));
        assert!(
            twice <= 2 * once + 8,
            "{once} labels looked at for 500, {twice} for 1000"
        );
    }

    fn blocks(markdown: &str) -> Value {
        serde_json::from_str(&to_blocks(markdown, 2)).expect("JSON")
    }

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let tree = blocks("A *b* **c** [d](https://e.org/).\n\n- one\n- two\n\n# H\n");
        assert_eq!(
            tree,
            json!([
                {"k": "p", "c": [
                    {"k": "t", "s": "A "},
                    {"k": "em", "c": [{"k": "t", "s": "b"}]},
                    {"k": "t", "s": " "},
                    {"k": "strong", "c": [{"k": "t", "s": "c"}]},
                    {"k": "t", "s": " "},
                    {"k": "link", "url": "https://e.org/", "c": [{"k": "t", "s": "d"}]},
                    {"k": "t", "s": "."}
                ]},
                {"k": "ul", "items": [
                    [{"k": "p", "c": [{"k": "t", "s": "one"}]}],
                    [{"k": "p", "c": [{"k": "t", "s": "two"}]}]
                ]},
                {"k": "h", "level": 3, "c": [{"k": "t", "s": "H"}]}
            ])
        );
    }

    #[test]
    fn unsafe_links_keep_only_their_text_and_raw_html_its_text() {
        let tree =
            blocks("[x](javascript:alert(1)) <b>y</b>\n\n<div>z &amp; <script>w</script></div>\n");
        assert_eq!(
            tree,
            json!([
                {"k": "p", "c": [
                    {"k": "t", "s": "x"}, {"k": "t", "s": " "},
                    {"k": "t", "s": "y"}
                ]},
                {"k": "p", "c": [{"k": "t", "s": "z &"}]}
            ])
        );
    }

    #[test]
    fn deep_nesting_is_flattened_with_its_text_kept() {
        let deep = format!("{}deep", "> ".repeat(200));
        let json = to_blocks(&deep, 0);
        assert!(json.contains("deep"), "{json}");
        let depth = json.matches('[').count();
        assert!(depth <= 2 * MAX_DEPTH + 4, "{depth}: {json}");
    }
}
