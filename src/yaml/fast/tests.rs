//! The fast reader against the parser: wherever it reads a text, its tree (values, styles,
//! byte ranges) is the parser's, and it declines what it does not know.

use proptest::prelude::*;

use super::parse;
use crate::yaml::parse_events;

/// Whether the fast reader reads `text`; it fails the test if its tree is not the parser's.
fn reads(text: &str) -> bool {
    match parse(text) {
        Some(fast) => {
            assert_eq!(Ok(fast), parse_events(text), "the trees of {text:?} differ");
            true
        }
        None => false,
    }
}

#[test]
fn reads_the_shape_of_a_record_as_the_parser_does() {
    for text in [
        "title: \"PEEL: a\"\npublished: 2017-06-02\nkey_findings: |\n  Para one.\n\n  - item\n# comment\nrecs:\n  - number: \"1\"\n    text: |\n      By 20.\n    progress:\n      - on: 2017-07-03\n        status: open   # c\n  - n: x\n\nq: 'it''s'\ne:\nlast: v\n",
        "# lead\n\nk: v  # c\nb: |\n  one\n  two  \n\n\n  three\n\n  \n# end\n\n",
        "a:\n  b: |-\n    x\n\n  c: y\n",
        "a:   # c\n  - x\n  -  y\nz:\n",
        "a: \"q\"  # c\nb: x\n\n\n",
        "r:\n  - t: |\n      x\n    o: y\n  - t: |\n      z",
        "a: x\n   \nb: 'it''s'\nc: \"\"\nd:  e  f  \n",
        "k:\n  x: 1\n # c\n  y: 2\n",
        "n: 09\nf: 1.10\nb: true\nz: null\nt: ~\nd: 2023-08-25\nu: http://x.org/a#b\nw: a#b\n",
        "a: |\n  x\n    more\n  y\n\n\nb: 1",
        "a:\n  - 1\n  - 'two'\n  - \"three\"\nb:\n    c: d\n",
        "title: Race’s é ünïcode “quoted”\n",
        "a: 1\n# trailing comment",
        "a:\n",
        "a: x\n\n\n\n",
        "a: [\"1\", \"2\" , x y ]  # c\nb: []\nc: [ ]\nd: [a,b]\ne: [a, ]\nf: ['a''b', 2023-01-01]\n",
        "g: [a#b, c]\nh: [1, 2]\n",
        "a:\n  b: |\n    x\n  # c\n  d: 1\n",
        "a:\n  b: |\n    x\n   \n # c\n  d: 1\n",
        "a: |-\n  x\n\n\n",
        "a: |\n  x\n  \n",
        "a:\n  - b: |\n      x\n    c: [d]\n  - e\n",
    ] {
        assert!(reads(text), "declined {text:?}");
    }
}

#[test]
fn leaves_everything_else_to_the_parser() {
    for text in [
        "",
        "# only a comment\n",
        "a: b\n\tc: d\n",
        "a: b\r\nc: d\r\n",
        "\u{feff}a: b\n",
        "a: b\u{2028}c\n",
        "a: b\u{85}c\n",
        "---\na: b\n",
        "a: b\n---\nc: d\n",
        "%YAML 1.2\n---\na: b\n",
        "a: [a: b]\n",
        "a: [[1]]\n",
        "a: [,]\n",
        "a: [1, 2\n",
        "a: [1] x\n",
        "a: [-1]\n",
        "a: [a #b]\n",
        "a: [\"\\n\"]\n",
        "a: {b: c}\n",
        "a: &x b\n",
        "a: *x\n",
        "a: !!str b\n",
        "a: \"esc\\n\"\n",
        "a: \"open\n  close\"\n",
        "a: 'open\n  close'\n",
        "a: plain\n  continued\n",
        "a: >\n  folded\n",
        "a: |+\n  kept\n",
        "a: |2\n  x\n",
        "a: |\n\n  leading blank\n",
        "a: |\n  x\n      \n",
        "a: b: c\n",
        "a: b:\n",
        "a: b\na: c\n",
        "a:\n- compact\n",
        "- top\n",
        "a:\n  -\n",
        "a:\n  - - x\n",
        "a:\n  - # c\n",
        "\"quoted key\": v\n",
        "key with space: v\n",
        "a: \"q\" tail\n",
        "a: -3\n",
        "a: 'x'#c\n",
        "  a: indented\n",
        "a: b\n  c: d\n",
    ] {
        assert!(!reads(text), "read {text:?}");
    }
}

#[test]
fn nesting_deeper_than_allowed_is_left_to_the_parser() {
    let deep: String = (0..70).map(|d| format!("{}k:\n", " ".repeat(d))).collect();
    assert!(!reads(&deep));
    let shallow: String = (0..10).map(|d| format!("{}k:\n", " ".repeat(d))).collect();
    assert!(reads(&shallow));
    // 64 mappings are allowed, a list in brackets in the last of them is one too many.
    let nested = |value: &str| -> String {
        let mut text: String = (0..63).map(|d| format!("{}k:\n", " ".repeat(d))).collect();
        text.push_str(&format!("{}k: {value}\n", " ".repeat(63)));
        text
    };
    assert!(reads(&nested("a")));
    assert!(parse_events(&nested("[a]")).is_err());
    assert!(!reads(&nested("[a]")));
}

/// A tree to write as YAML, in the shapes records have and some they do not.
#[derive(Debug, Clone)]
enum Tree {
    Scalar(String, Quote),
    Block(Vec<String>, bool),
    Map(Vec<(String, Tree)>),
    Seq(Vec<Tree>),
}

#[derive(Debug, Clone, Copy)]
enum Quote {
    Plain,
    Double,
    Single,
}

fn scalar() -> impl Strategy<Value = Tree> {
    let usual = prop::sample::select(vec![
        "a",
        "b c",
        "09",
        "1.10",
        "true",
        "null",
        "~",
        "a #b",
        "a#b",
        "it's",
        "é’“”",
        "a [b]",
        "http://x/#y",
        "trail  ",
        "",
        "2023-08-25",
        "25 August 2023",
    ]);
    let odd = prop::sample::select(vec![
        "-3",
        "x: y",
        "\"q\"",
        "'q'",
        "- x",
        "[a]",
        "{b}",
        "a:",
        "  lead",
        "#",
        "& a",
        "*a",
        "!x",
        "|",
        ">",
        "%",
        "@",
        "`",
        "a\\b",
        "a\u{2028}b",
        "?",
        ":",
        "The force should: act",
    ]);
    let text = prop_oneof![12 => usual, 1 => odd];
    let quote = prop::sample::select(vec![
        Quote::Plain,
        Quote::Plain,
        Quote::Double,
        Quote::Single,
    ]);
    (text, quote).prop_map(|(t, q)| Tree::Scalar(t.to_owned(), q))
}

fn block() -> impl Strategy<Value = Tree> {
    let first = prop::sample::select(vec!["x", "two words", "- item", "a: b", "’", "", "  x"]);
    let line = prop::sample::select(vec![
        "x",
        "two words",
        "  indented",
        "",
        "",
        "   ",
        "# not a comment",
        "- item",
        "a: b",
        "’",
    ]);
    (first, prop::collection::vec(line, 0..5), any::<bool>()).prop_map(|(first, lines, strip)| {
        let lines = std::iter::once(first)
            .chain(lines)
            .map(str::to_owned)
            .collect();
        Tree::Block(lines, strip)
    })
}

fn tree() -> impl Strategy<Value = Tree> {
    let key = prop_oneof![
        8 => prop::sample::select(vec!["title", "number", "text", "a", "a-b", "_x", "1", "on"]),
        1 => prop::sample::select(vec!["true", "null", "k k", "-k", "text"]),
    ];
    let leaf = prop_oneof![4 => scalar(), 1 => block()];
    leaf.prop_recursive(4, 24, 5, move |inner| {
        prop_oneof![
            prop::collection::vec((key.clone().prop_map(str::to_owned), inner.clone()), 1..5)
                .prop_map(|mut entries| {
                    // Duplicate keys are refused by both; the tests above show it.
                    let mut seen = std::collections::HashSet::new();
                    entries.retain(|(key, _)| seen.insert(key.clone()));
                    Tree::Map(entries)
                }),
            prop::collection::vec(inner, 1..4).prop_map(Tree::Seq),
        ]
    })
}

/// Writes `tree`, the value of a key or an item, as the lines after `head` (`key:` or `-`),
/// `step` spaces deeper than `indent`.
fn write(out: &mut Vec<String>, head: String, tree: &Tree, indent: usize, step: usize) {
    let pad = " ".repeat(indent + step);
    match tree {
        Tree::Scalar(text, quote) => {
            let text = match quote {
                Quote::Plain => text.clone(),
                Quote::Double => format!("\"{text}\""),
                Quote::Single => format!("'{}'", text.replace('\'', "''")),
            };
            out.push(format!("{head} {text}"));
        }
        Tree::Block(lines, strip) => {
            out.push(format!("{head} |{}", if *strip { "-" } else { "" }));
            out.extend(lines.iter().map(|l| format!("{pad}{l}")));
        }
        Tree::Map(entries) => {
            out.push(head);
            for (key, value) in entries {
                write(out, format!("{pad}{key}:"), value, indent + step, step);
            }
        }
        Tree::Seq(items) => {
            out.push(head);
            for item in items {
                let Tree::Map(entries) = item else {
                    write(out, format!("{pad}-"), item, indent + step, step);
                    continue;
                };
                // A mapping in a list starts on the line of its `- `, its keys lined up.
                let column = indent + step + 2;
                let first = out.len();
                for (key, value) in entries {
                    write(
                        out,
                        format!("{}{key}:", " ".repeat(column)),
                        value,
                        column,
                        step,
                    );
                }
                out[first] = format!("{pad}- {}", &out[first][column..]);
            }
        }
    }
}

/// A document: a mapping of `entries` with `step`-space indentation, then `edits` (a comment,
/// a blank line, spaces, a character) made at places in its text.
fn document() -> impl Strategy<Value = String> {
    let edit = prop::sample::select(vec![
        "\n",
        "\n# c\n",
        "\n   # c\n",
        " # c",
        "  ",
        " ",
        "#",
        ":",
        "-",
        "'",
        "\"",
        "|",
        "\t",
        "é",
        "\u{2028}",
        "\r",
        "\n\n",
        "- ",
        ": ",
    ]);
    (
        prop::collection::vec(("[a-z]{1,3}", tree()), 1..4),
        1..4usize,
        prop::collection::vec((any::<prop::sample::Index>(), edit), 0..2),
    )
        .prop_map(|(entries, step, edits)| {
            let mut lines = Vec::new();
            for (key, value) in &entries {
                write(&mut lines, format!("{key}:"), value, 0, step);
            }
            let mut text = lines.join("\n") + "\n";
            for (at, edit) in edits {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, edit);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_fast_reader_agrees_with_the_parser(text in document()) {
        reads(&text);
    }
}

/// The documents above exercise both sides: many are read, many are left to the parser.
#[test]
fn the_documents_are_read_and_declined_alike() {
    use proptest::strategy::ValueTree as _;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let (mut read, mut declined) = (0, 0);
    for _ in 0..2000 {
        let text = strategy
            .new_tree(&mut runner)
            .expect("a document")
            .current();
        if reads(&text) {
            read += 1;
        } else {
            declined += 1;
        }
    }
    assert!(
        read > 300 && declined > 300,
        "read {read}, declined {declined}"
    );
}
