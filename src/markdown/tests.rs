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
fn formatting_left_open_is_bounded_apart_from_depth() {
    // An HTML parser opens a formatting element left open again in each paragraph after it.
    let open = |n: usize| {
        let tags: String = (0..n).map(|i| format!("<b class=\"c{i}\">")).collect();
        format!("<p>{tags}{}", "<p>x".repeat(1000))
    };
    assert_eq!(html_bound(&open(MAX_FORMATTING)), None);
    let at = 3 + MAX_FORMATTING * "<b class=\"cN\">".len();
    assert_eq!(
        html_bound(&open(MAX_FORMATTING + 1)),
        Some((at, HtmlBound::Formatting))
    );
    // Closed again, in any order, as often as you like.
    assert_eq!(html_bound(&"<b><i><u>x</b></u></i>".repeat(1000)), None);
    assert_eq!(
        html_bound(&"<div>".repeat(101)),
        Some((500, HtmlBound::Depth))
    );
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
    filter.footnotes.looked_at
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
