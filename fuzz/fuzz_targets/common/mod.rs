//! What the fuzz targets share: a fixed "today", the fixed office and record, the checks run
//! on every validation result, and the HTML invariants.

#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use respond::outputs::{self, Site};
use respond::templates::Templates;
use respond::validate::Validated;

/// A valid `data/office.yaml`.
pub const OFFICE_BYTES: &[u8] = b"name: Test Office\narea: Testshire\nforce: Testshire Constabulary\nchief_officer: Chief Constable\ncommissioner:\n  - from: 2012-11-22\n    title: Police and Crime Commissioner\n    short: PCC\n";

/// A valid record, for the `office` target.
pub const RECORD_BYTES: &[u8] =
    b"title: T\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n";

/// The record's id (its file stem): a valid id whose date is the record's.
pub const RECORD_ID: &str = "2023-08-25-fuzz";

/// The fixed "today", so that runs are reproducible.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

/// The default templates, loaded once.
pub fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::load(None).expect("the default templates load"))
}

/// Checks a validation result and, when it holds a valid office and records, renders them.
pub fn check_validated(validated: &Validated) {
    for problem in &validated.problems {
        if let Some(at) = problem.location {
            assert!(
                at.line >= 1 && at.column >= 1 && at.width >= 1,
                "a problem's location is not 1-based: {at:?} in {problem:?}"
            );
        }
        // Printing a problem must not panic either (it quotes and underlines the line).
        let _ = problem.to_string();
        let _ = problem.github();
    }
    let Some(office) = &validated.office else {
        return;
    };
    if validated.inspections.is_empty() {
        return;
    }
    let site = Site {
        templates: templates(),
        office,
    };
    let all = &validated.inspections;
    for inspection in all {
        let pages = outputs::pages(&site, inspection, all)
            .unwrap_or_else(|e| panic!("rendering a page failed: {e:#}"));
        for page in pages.iter().filter(|p| p.name.ends_with(".html")) {
            check_page(std::str::from_utf8(&page.bytes).expect("pages are UTF-8"));
        }
    }
    let summaries: Vec<_> = all.iter().map(|i| i.summary(office)).collect();
    let files = outputs::site_files(&site, &summaries)
        .unwrap_or_else(|e| panic!("rendering the index failed: {e:#}"));
    for file in files.iter().filter(|f| f.name.ends_with(".html")) {
        check_page(std::str::from_utf8(&file.bytes).expect("pages are UTF-8"));
    }
}

/// A whole HTML page from the default templates: the head is the templates' own (a title
/// holding only text, then the style sheets: the tracker adds its own); everything after
/// `</head>` (the body) obeys [`check_html`].
pub fn check_page(html: &str) {
    let title_start = html.find("<title>").expect("the page has a title") + "<title>".len();
    let title_end = html[title_start..]
        .find("</title>")
        .expect("the title is closed")
        + title_start;
    assert!(
        !html[title_start..title_end].contains('<'),
        "markup in the page's <title>: {}",
        &html[title_start..title_end]
    );
    let head_end = html.find("</head>").expect("the page has its head") + "</head>".len();
    check_html(&html[head_end..]);
}

/// Tags that must never appear in sanitised output.
const BANNED: [&str; 12] = [
    "script", "style", "iframe", "svg", "img", "object", "embed", "math", "link", "meta", "base",
    "form",
];

/// URL schemes that run code or load arbitrary content.
const BANNED_SCHEMES: [&str; 3] = ["javascript:", "data:", "vbscript:"];

/// Attributes whose value a browser follows or loads as a URL (a `title` or `alt` that reads
/// `javascript:` is only text).
const URL_ATTRIBUTES: [&str; 20] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "cite",
    "background",
    "poster",
    "data",
    "codebase",
    "classid",
    "archive",
    "xlink:href",
    "ping",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "usemap",
    "icon",
];

/// One start or end tag, as an HTML tokenizer reads it.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub end: bool,
    pub attributes: Vec<(String, String)>,
}

/// Checks the invariants of sanitised HTML. Text is escaped, so every `<` opens a tag, a
/// comment or a doctype; every start tag is checked for a banned name, an event-handler
/// attribute (`on…`), a URL attribute (`href`, `src`, …) with a `javascript:`/`data:`/
/// `vbscript:` scheme, and a `style` with any property but `text-align`.
///
/// Attribute values are read as a browser reads them (quotes respected, character references
/// decoded, ASCII whitespace and controls ignored before the scheme, tabs and newlines removed
/// inside it), so that `href="https://example.org/data:x"` is not mistaken for a `data:` URL
/// while `href="&#106;avascript:x"` is caught.
pub fn check_html(html: &str) {
    for tag in tags(html) {
        assert!(
            !BANNED.contains(&tag.name.as_str()),
            "banned tag <{}{}> in:\n{html}",
            if tag.end { "/" } else { "" },
            tag.name
        );
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "event-handler attribute `{name}` on <{}> in:\n{html}",
                tag.name
            );
            if name == "style" {
                // The sanitiser keeps only `text-align` declarations. It keeps their values as
                // they are, but a value there cannot load or run anything (`text-align` takes
                // no `url()`, and CSS `expression()` ran only in old Internet Explorer).
                for declaration in decode(value).split(';') {
                    let property = declaration.split(':').next().unwrap_or("").trim();
                    assert!(
                        property.is_empty() || property.eq_ignore_ascii_case("text-align"),
                        "a style property other than `text-align` on <{}> in:\n{html}",
                        tag.name
                    );
                }
            }
            if !URL_ATTRIBUTES.contains(&name.as_str()) {
                continue;
            }
            let url: String = decode(value)
                .trim_start_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in BANNED_SCHEMES {
                assert!(
                    !url.starts_with(scheme),
                    "`{scheme}` URL in `{name}` of <{}> in:\n{html}",
                    tag.name
                );
            }
        }
    }
}

/// The tags of an HTML fragment, tokenized roughly as the HTML standard says (enough for
/// serialised output: quoted and unquoted attribute values, comments, doctypes).
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        i += found + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if html[i..].starts_with('!') || html[i..].starts_with('?') {
            i = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            continue;
        }
        let end = html[i..].starts_with('/');
        if end {
            i += 1;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            // A browser reads this `<` as text; escaped output has none.
            panic!("unescaped `<` that does not open a tag at byte {i} in:\n{html}");
        }
        let name_end = html[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .map_or(html.len(), |e| i + e);
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let attr_end = html[i + 1..]
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=')
                .map_or(html.len(), |e| i + 1 + e);
            let attr = html[i..attr_end].to_ascii_lowercase();
            i = attr_end;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let close = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        value = html[i + 1..close].to_owned();
                        i = (close + 1).min(html.len());
                    }
                    _ => {
                        let close = html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(html.len(), |e| i + e);
                        value = html[i..close].to_owned();
                        i = close;
                    }
                }
            }
            attributes.push((attr, value));
        }
        tags.push(Tag {
            name,
            end,
            attributes,
        });
    }
    tags
}

/// Decodes the character references a serialiser writes (named ones for the few characters
/// that need it, numeric ones for anything).
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
