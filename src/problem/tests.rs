//! The problem module's tests: locating, printing, escaping and summaries.

use super::locate::floor_char_boundary;
use super::print::SHOWN_LINE;
use super::*;

/// An error of the program quotes what it was given as escaped text, as a problem does.
#[test]
fn an_error_is_escaped_as_problems_are() {
    let text =
        super::styled_error("`a\u{1b}[2Jb.yaml` is not a record\n  = help: give `c\u{202e}d.yaml`");
    assert!(
        !text.contains("\u{1b}[2J") && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(
        text.contains("a\\u{1b}[2Jb.yaml") && text.contains("c\\u{202e}d.yaml"),
        "{text}"
    );
}

#[test]
fn the_line_at_an_offset_is_the_line_of_its_location() {
    let source = super::Source {
        file: "r.yaml".to_owned(),
        text: "title: x\r\nsee: “é”\n\n  - a\nlast".to_owned(),
    };
    for offset in 0..=source.text.len() + 2 {
        let line = source.locate(offset, 1).line;
        assert_eq!(
            Some(source.line_at(offset)),
            source.line(line),
            "offset {offset}"
        );
    }
}

#[test]
fn lines_are_found_by_counting_as_by_splitting() {
    let long: String = (0..700)
        .map(|i| {
            if i % 255 == 0 || i % 256 == 255 {
                '\n'
            } else {
                'x'
            }
        })
        .collect();
    for text in ["", "\n", "a", "a\n", "a\r\nb", "\n\n“é”\n", long.as_str()] {
        let source = Source {
            file: "r.yaml".to_owned(),
            text: text.to_owned(),
        };
        let lines = text.matches('\n').count() + 1;
        for line in 0..=lines + 2 {
            let split = line
                .checked_sub(1)
                .and_then(|n| text.split('\n').nth(n))
                .map(|l| l.strip_suffix('\r').unwrap_or(l));
            assert_eq!(source.line(line), split, "{text:?} line {line}");
        }
        for offset in 0..=text.len() {
            let before = &text[..floor_char_boundary(text, offset)];
            let line = source.locate(offset, 0).line;
            assert_eq!(
                line,
                before.matches('\n').count() + 1,
                "{text:?} at {offset}"
            );
        }
    }
}

fn source(text: &str) -> Source {
    Source {
        file: "data/x.yaml".to_owned(),
        text: text.to_owned(),
    }
}

#[test]
fn locates_by_character() {
    let s = source("a: 1\r\ntitle: “Hi” there\n");
    let at = s.locate(13, "“Hi”".len());
    assert_eq!(
        at,
        Location {
            line: 2,
            column: 8,
            width: 4
        }
    );
    assert_eq!(s.line(2), Some("title: “Hi” there"));
    // A width never runs past the end of its line.
    assert_eq!(s.locate(0, 100).width, 4);
}

#[test]
fn prints_in_compiler_form() {
    let s = source("title: x\ntitel: Race\n");
    let problem = s
        .problem(
            Severity::Error,
            Code::UnknownField,
            s.locate(9, 5),
            "unknown field `titel`",
        )
        .with_help("did you mean `title`?");
    assert_eq!(
        problem.to_string(),
        "error[unknown-field]: unknown field `titel`\n --> data/x.yaml:2:1\n  |\n2 | titel: Race\n  | ^^^^^\n  = help: did you mean `title`?"
    );
    assert_eq!(
        problem.github(),
        "::error file=data/x.yaml,line=2,col=1,title=unknown-field::unknown field `titel`%0Adid you mean `title`?"
    );
}

#[test]
fn a_help_of_several_lines_keeps_them_lined_up() {
    // A help may give lines to copy into a file: each stands under the first, keeping its
    // own indentation, and each is escaped.
    let s = source("type: fire\n");
    let problem = s
        .problem(
            Severity::Error,
            Code::FireAndRescueMissing,
            s.locate(6, 4),
            "m",
        )
        .with_help("add:\nfire_and_rescue:\n  service: X\u{1b}");
    assert_eq!(
        problem.to_string(),
        "error[fire-and-rescue-missing]: m\n --> data/x.yaml:1:7\n  |\n1 | type: fire\n  |       ^^^^\n  = help: add:\n          fire_and_rescue:\n            service: X\\u{1b}"
    );
    assert_eq!(
        problem.json()["help"],
        "add:\nfire_and_rescue:\n  service: X\\u{1b}"
    );
    assert!(
        problem
            .github()
            .ends_with("::m%0Aadd:%0Afire_and_rescue:%0A  service: X\\u{1b}")
    );
    let whole = Problem::file(Severity::Error, Code::OfficeMissing, "f", "m").with_help("a\nb");
    assert_eq!(
        whole.to_string(),
        "error[office-missing]: m\n --> f\n  = help: a\n          b"
    );
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let s = source("title:\ta\u{1b}[2Jb\u{202e}c\n");
    let problem = s.problem(
        Severity::Error,
        Code::ControlCharacter,
        s.locate(8, 1),
        "`title` holds \u{1b}[2J",
    );
    let shown = problem.to_string();
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(!problem.github().contains('\u{1b}'));
    // JSON would escape ESC itself, but not C1 controls or bidirectional overrides.
    let c1 = s.problem(
        Severity::Error,
        Code::UnknownField,
        s.locate(0, 1),
        "a\u{85}\u{202e}b",
    );
    assert_eq!(c1.json()["message"], "a\\u{85}\\u{202e}b");
    // The tab shows as an arrow, and the `^` stays under the escaped character.
    assert_eq!(
        shown,
        "error[control-character]: `title` holds \\u{1b}[2J\n --> data/x.yaml:1:9\n  |\n1 | title:→a\\u{1b}[2Jb\\u{202e}c\n  |         ^^^^^^"
    );
    assert_eq!(escape("a\u{85}b\u{2066}"), "a\\u{85}b\\u{2066}");
    assert_eq!(escape("a\tb\u{202e}c"), "a\\u{9}b\\u{202e}c");
}

#[test]
fn codes_are_documented() {
    let readme = include_str!("../../README.md");
    for code in Code::ALL {
        assert!(
            readme.contains(&format!("| `{}` |", code.word())),
            "the README does not list `{}`",
            code.word()
        );
    }
}

#[test]
fn a_long_line_is_shown_around_its_mark() {
    let line = format!("key: {}x{}", "a".repeat(300), "b".repeat(300));
    let s = source(&line);
    let at = s.locate(305, 1);
    let p = s.problem(Severity::Error, Code::YamlSyntax, at, "e");
    let text = p.to_string();
    let quoted = text.lines().nth(3).expect("the quoted line");
    let caret = text.lines().nth(4).expect("the caret line");
    assert!(
        quoted.starts_with("1 | …aaa") && quoted.ends_with("bbb…"),
        "{text}"
    );
    assert_eq!(quoted.chars().count(), "1 | ".len() + 1 + SHOWN_LINE + 1);
    let mark = caret.find('^').expect("a caret");
    assert_eq!(
        quoted.chars().nth(caret[..mark].chars().count()),
        Some('x'),
        "{text}"
    );
    // A short line is shown whole.
    let s = source("key: value");
    let p = s.problem(Severity::Error, Code::YamlSyntax, s.locate(5, 5), "e");
    assert!(p.to_string().contains("1 | key: value\n  |      ^^^^^"));
}

#[test]
fn summaries() {
    let s = source("a\n");
    let e = s.problem(Severity::Error, Code::YamlSyntax, s.locate(0, 1), "e");
    let w = Problem::file(Severity::Warning, Code::PlaceholderText, "data/y.yaml", "w");
    assert_eq!(summary(std::slice::from_ref(&e)), "1 error in 1 file");
    assert_eq!(
        summary(&[e.clone(), e, w]),
        "2 errors and 1 warning in 2 files"
    );
}
