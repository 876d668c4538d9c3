//! The fast YAML reader against the parser on real files: every YAML file of the project and
//! the generator's records. Wherever the fast reader reads a file, its tree must be the
//! parser's; and it must read the records offices write, or it saves nothing.

#[path = "../../examples/generate/records.rs"]
#[allow(dead_code, unreachable_pub)]
mod records;

use std::path::{Path, PathBuf};

use respond::yaml::{parse_events, parse_fast};

/// Whether the fast reader reads `text`, failing if its tree is not the parser's.
fn reads(shown: &str, text: &str) -> bool {
    match parse_fast(text) {
        Some(fast) => {
            assert_eq!(Ok(fast), parse_events(text), "the trees of {shown} differ");
            true
        }
        None => false,
    }
}

fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder of the project") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            yaml_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            found.push(path);
        }
    }
}

#[test]
fn every_yaml_file_of_the_project_reads_alike() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["data", "tests", "examples", "fuzz/seeds"] {
        if root.join(dir).is_dir() {
            yaml_files(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 100, "only {} YAML files found", files.len());
    let mut read = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        let fast = reads(&shown, &text);
        read += usize::from(fast);
        if shown.starts_with("data/inspections/") {
            assert!(fast, "the bundled record {shown} is left to the parser");
        }
    }
    assert!(read > 50, "only {read} of {} files read fast", files.len());
}

#[test]
fn the_generated_records_read_alike_and_fast() {
    for seed in [1, 2, 3] {
        for record in records::records(300, seed) {
            let text = record.to_yaml();
            if !reads(&record.id, &text) {
                std::fs::write("/tmp/declined.yaml", &text).unwrap();
                panic!("{} is left to the parser", record.id);
            }
        }
    }
}
