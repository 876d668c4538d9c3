//! The YAML reader's tests: scalars, limits, places and the syntax help.

use super::*;

fn scalar_of(node: &Node) -> (&str, ScalarKind) {
    match &node.value {
        Value::Scalar(s) => (s.text.as_str(), s.kind),
        other => panic!("not a scalar: {other:?}"),
    }
}

#[test]
fn keeps_numbers_as_written() {
    let node = parse("number: 09\nn: 1.10\nok: true\nno: no\nd: 2023-08-25\nq: \"12\"\ne:\n")
        .expect("valid");
    let Value::Map(entries) = &node.value else {
        panic!("not a map")
    };
    let values: Vec<_> = entries[..6].iter().map(|(_, v)| scalar_of(v)).collect();
    assert_eq!(
        values,
        [
            ("09", ScalarKind::Number),
            ("1.10", ScalarKind::Number),
            ("true", ScalarKind::Bool),
            ("no", ScalarKind::String),
            ("2023-08-25", ScalarKind::String),
            ("12", ScalarKind::String),
        ]
    );
    assert_eq!(entries[6].1.value, Value::Null);
    assert_eq!((entries[1].1.offset, entries[1].1.len), (14, 4));
}

#[test]
fn numbers() {
    for yes in [
        "0", "-3", "+4", "1.5", ".5", "5.", "2e3", "1.5E-3", "0x1F", "0o17", ".inf", "-.inf",
        ".nan",
    ] {
        assert!(is_number(yes), "{yes}");
    }
    for no in [
        "",
        ".",
        "1.2.3",
        "1e",
        "0x",
        "12a",
        "2023-08-25",
        "25/08/2023",
        "e3",
    ] {
        assert!(!is_number(no), "{no}");
    }
}

#[test]
fn refuses_duplicate_keys_aliases_and_depth() {
    let dup = parse("title: a\ntitle: b\n").expect_err("duplicate");
    assert_eq!(
        (dup.offset, dup.message.as_str()),
        (Some(9), "duplicate key `title`")
    );
    let alias = parse("a: &x [1, 2]\nb: *x\n").expect_err("alias");
    assert_eq!(
        (alias.offset, alias.message.as_str()),
        (Some(16), "anchors and aliases are not supported")
    );
    let deep = parse(&format!("{}{}", "[".repeat(100), "]".repeat(100))).expect_err("deep");
    assert_eq!(deep.message, "lists and mappings nest more than 64 deep");
}

/// A hostile file of many keys is read in time linear in its keys (each compared with all
/// those before it, 100,000 keys would be five billion comparisons), and a duplicate among
/// them is still found.
#[test]
fn many_keys_are_told_apart_and_a_duplicate_among_them_is_found() {
    let mut text: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
    assert!(parse(&text).is_ok());
    text.push_str("k77: again\n");
    let dup = parse(&text).expect_err("duplicate");
    assert_eq!(
        (dup.message.as_str(), dup.offset),
        ("duplicate key `k77`", Some(text.len() - 11))
    );
}

#[test]
fn syntax_errors_have_places() {
    let error = parse("title: a\n  bad: indent\n").expect_err("syntax");
    assert_eq!(error.offset, Some(14));
    assert_eq!(
        error.message,
        "invalid YAML: mapping values are not allowed in this context"
    );
}

#[test]
fn tags_are_refused_but_str() {
    for (text, tag, offset) in [
        ("a: !!binary aGk=\n", "!!binary", 3),
        ("a: !include x.yaml\n", "!include", 3),
        ("a: !x\n  - 1\n", "!x", 3),
        ("a: !!map {}\n", "!!map", 3),
    ] {
        let error = parse(text).expect_err(text);
        assert_eq!(error.code, Code::YamlTag, "{text}");
        assert_eq!(error.offset, Some(offset), "{text}");
        assert!(error.message.contains(tag), "{text}: {}", error.message);
    }
    assert!(parse("a: !!str 09\n").is_ok());
}

#[test]
fn utf16_is_recognised() {
    let text = "title: a\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert!(is_utf16(&le));
    assert!(is_utf16(&be));
    assert!(is_utf16(&[0xff, 0xfe]));
    assert!(!is_utf16(text.as_bytes()));
    assert!(!is_utf16("title: “Ünïcödé”\n".as_bytes()));
    assert!(!is_utf16(b""));
}

#[test]
fn syntax_errors_say_what_to_do() {
    let help = |text: &str| parse(text).expect_err(text).help.unwrap_or_default();
    assert!(help("a: b\n\tc: d\n").contains("tab"));
    assert!(help("title: A: b\n").contains("`title: \"A: b\"`"));
    assert!(help("title: \"open\nb: c\n").contains("opened on line 1"));
    assert!(help("title: 'it''s open\nb: c\n").contains("opened on line 1"));
    assert!(help("title: “A: b”\n").contains("curly quote"));
    assert!(
        help("title: \"open\n").contains("opened on line 1"),
        "{}",
        help("title: \"open\n")
    );
    assert!(help("title: \"A\" and b\n").contains("nothing may follow it"));
    // A quoted text over two lines is not taken for an unclosed quote later on.
    assert!(!help("title: \"a\n  b\"\nx: y: z\n").contains("opened on line"));
    assert!(help("l:\n  - n: 1\n    n: 2\n").contains("`- ` is probably missing"));
    // A duplicate key outside a list keeps its usual help.
    assert!(help("n: 1\nn: 2\n").contains("merge the two"));
    let control = parse("title: a\u{1b}b\n").expect_err("control");
    assert_eq!(control.offset, Some(8));
    assert!(control.message.contains("\\u{1b}"), "{}", control.message);
}

#[test]
fn empty_documents_are_null() {
    assert_eq!(parse("").expect("valid").value, Value::Null);
    assert_eq!(
        parse("# only a comment\n").expect("valid").value,
        Value::Null
    );
}
