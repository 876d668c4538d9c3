//! Rendering a Markdown field: to sanitised HTML (headings shifted by 0 and 2) and to
//! Markdown (headings shifted by 2). Nothing may panic, and the HTML must hold no banned tag,
//! no event-handler attribute and no `javascript:`/`data:` URL.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for shift in [0, 2] {
        let html = respond::markdown::to_html(&text, shift, "fn-x");
        common::check_html(&html);
    }
    let _ = respond::markdown::to_markdown(&text, 2);
});
