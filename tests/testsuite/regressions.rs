//! Inputs the fuzzers found (`tests/testsuite/regressions/<target>-<name>.bin`), kept so that
//! what they showed stays fixed. See `fuzz/README.md`.

use std::fs;

use crate::support::fixtures;

#[test]
fn markdown_inputs_found_by_the_fuzzer_stay_harmless() {
    let mut seen = 0;
    for entry in fs::read_dir(fixtures().join("regressions")).expect("the regressions folder") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if !name.starts_with("markdown-") {
            continue;
        }
        seen += 1;
        let text = String::from_utf8_lossy(&fs::read(&path).expect("an input")).into_owned();
        for shift in [0, 2] {
            // The Markdown page's copy of the field, which closes what it leaves open.
            respond::markdown::to_markdown(&text, shift);
            let html = respond::markdown::to_html(&text, shift, "fn-x").to_lowercase();
            for banned in [
                "<script",
                "expression(",
                "href=\"\"",
                "vbscript:\"",
                "javascript:\"",
            ] {
                assert!(!html.contains(banned), "{name}: `{banned}` in\n{html}");
            }
            for style in html.match_indices("style=\"").map(|(at, _)| &html[at..]) {
                let value = &style[7..style[7..].find('"').map_or(style.len(), |e| e + 7)];
                assert!(
                    ["text-align:left", "text-align:center", "text-align:right"].contains(&value),
                    "{name}: style `{value}`"
                );
            }
        }
    }
    assert_eq!(seen, 4, "every saved markdown input was checked");
}
