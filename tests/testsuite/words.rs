//! The words staff read: nothing a user sees (the README and the other documents, `--help`,
//! messages, comments in `data/`, the record `new` writes, the rendered pages) cites a document
//! they do not have, and the daily check the README promises is in the repository.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::Project;

/// What a user-facing text may not say: the names of the project's internal documents.
fn citations(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "SPEC" anywhere, in capitals: an identifier such as `SPECIAL` reads as a citation too.
        let cites = line.contains('§')
            || line.contains("SPEC")
            || line.contains("../shared")
            || line.to_lowercase().contains("see the readme")
            || words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "seed" | "seeds" | "card" | "cards"
                )
            });
        if cites {
            found.push(format!("{}: {}", n + 1, line.trim()));
        }
    }
    found
}

/// Every file under `dir` (no hidden folders).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[track_caller]
fn assert_no_citations(name: &str, text: &str) {
    let found = citations(text);
    assert!(
        found.is_empty(),
        "{name} cites internal documents:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_citations() {
    assert_eq!(citations("as SPEC §5 says").len(), 1);
    assert_eq!(citations("seed 003, line 2").len(), 1);
    assert_eq!(citations("the issue card\n../shared/x").len(), 2);
    assert_eq!(citations("(see the README)").len(), 1);
    assert_eq!(citations("const SPECIAL: &[&str] = &[];").len(), 1);
    assert!(citations("the inspections, specified; inspector's specimen").is_empty());
}

#[test]
fn documents_sources_data_templates_and_pages_cite_nothing_internal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = ["README.md", "DESIGN.md", "CHANGELOG.md"]
        .iter()
        .map(|name| root.join(name))
        .collect();
    for dir in ["src", "data", "templates", "out", ".github"] {
        paths.extend(files(&root.join(dir)));
    }
    for path in paths {
        let Ok(text) = fs::read_to_string(&path) else {
            continue; // not text (the render cache)
        };
        assert_no_citations(&path.display().to_string(), &text);
    }
}

#[test]
fn help_and_the_new_record_cite_nothing_internal() {
    let project = Project::new();
    let mut commands: Vec<Vec<&str>> = vec![vec!["--help"]];
    for command in ["new", "validate", "render", "templates", "check", "help"] {
        commands.push(vec![command, "--help"]);
    }
    for args in commands {
        let output = project.run(&args);
        assert_eq!(
            output.code,
            0,
            "respond {}: {}",
            args.join(" "),
            output.stderr
        );
        assert_no_citations(&format!("respond {}", args.join(" ")), &output.stdout);
    }
    let output = project.run(&[
        "new",
        "--title",
        "PEEL 2025",
        "--published",
        "2026-11-20",
        "--type",
        "other",
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_no_citations("respond new", &output.stdout);
    let record = project.read("data/inspections/2026-11-20-peel-2025.yaml");
    assert_no_citations("the record `respond new` writes", &record);
}

#[test]
fn the_daily_check_the_readme_promises_is_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflow =
        fs::read_to_string(root.join(".github/workflows/respond.yml")).expect("the workflow file");
    assert!(workflow.contains("schedule:") && workflow.contains("cron:"));
    assert!(workflow.contains("run: respond check --format github"));
    let readme = fs::read_to_string(root.join("README.md")).expect("the README");
    assert!(readme.contains("`.github/workflows/respond.yml`"));
}
