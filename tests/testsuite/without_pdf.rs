//! A respond built without the `pdf` feature (`cargo test --no-default-features`): it writes
//! Markdown and HTML as ever, and a PDF asked for, by `--format` or by the office's `formats`,
//! is an error that names the feature, before anything is written.

use crate::support::{OFFICE, PUBLISHED, Project};

fn project(formats: &str) -> Project {
    let project = Project::new();
    project.write(
        "data/office.yaml",
        format!("{OFFICE}formats: [{formats}]\n"),
    );
    project.write(
        "data/inspections/2023-08-25-published.yaml",
        format!(
            "title: Published\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n{PUBLISHED}"
        ),
    );
    project
}

#[test]
fn a_pdf_asked_for_names_the_feature() {
    let error = "error: cannot write `2023-08-25-published.pdf`: this respond was built without the `pdf` feature (build it with `cargo build --features pdf`), or leave `pdf` out of `--format` and of the office's `formats`\n";
    for (formats, args) in [
        ("md, html, pdf", &[][..]),
        ("md, html", &["--format", "md,pdf"][..]),
    ] {
        let project = project(formats);
        let mut command = vec!["render", "--today", "2026-11-22"];
        command.extend_from_slice(args);
        let output = project.run(&command);
        assert_eq!(output.code, 2, "{}", output.stderr);
        assert!(output.stderr.ends_with(error), "{}", output.stderr);
        assert!(!project.path("out").exists());
    }
}

#[test]
fn markdown_and_html_render_without_it() {
    let project = project("md, html");
    let output = project.run(&["render", "--today", "2026-11-22"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(project.path("out/2023-08-25-published.html").exists());
    assert!(project.path("out/2023-08-25-published.md").exists());
}
