//! One golden test per validation rule: a small bad record, the exact text
//! `respond validate` prints, and its exit status.
//!
//! Each case is a folder in `validate/`: a `record.yaml` (copied to
//! `data/inspections/<case>.yaml`) or a whole `data/` folder, and `expected.txt`; a file
//! `remove-office` removes the shared `data/office.yaml`.

use std::fs;

use crate::support::{Project, assert_snapshot, fixtures};

/// Runs one case folder and compares its transcript.
#[track_caller]
fn case(name: &str) {
    let dir = fixtures().join("validate").join(name);
    let project = Project::new();
    let record = dir.join("record.yaml");
    if record.exists() {
        project.write(
            &format!("data/inspections/{name}.yaml"),
            fs::read(&record).expect("a record"),
        );
    }
    if dir.join("data").exists() {
        crate::support::copy_dir(&dir.join("data"), &project.path("data"));
    }
    if dir.join("remove-office").exists() {
        fs::remove_file(project.path("data/office.yaml")).expect("an office file");
    }
    let output = project.run(&["validate", "--today", "2026-11-22"]);
    assert_snapshot(&dir.join("expected.txt"), &output.transcript());
}

macro_rules! cases {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                case($dir);
            }
        )*

        /// Every case folder has a test, so none is silently skipped.
        #[test]
        fn every_case_folder_has_a_test() {
            let tested = [$($dir),*];
            for entry in fs::read_dir(fixtures().join("validate")).expect("cases") {
                let entry = entry.expect("an entry");
                if !entry.path().is_dir() {
                    continue;
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                assert!(tested.contains(&name.as_str()), "validate/{name} has no test");
            }
        }
    };
}

cases! {
    progress_out_of_order => "progress-out-of-order",
    progress_in_future => "progress-in-future",
    progress_note_missing => "progress-note-missing",
    progress_unknown_status => "progress-unknown-status",
    progress_wrong_shapes => "progress-wrong-shapes",
    office_site_url_invalid => "office-site-url-invalid",
    yaml_syntax => "yaml-syntax",
    duplicate_key => "duplicate-key",
    alias_bomb => "alias-bomb",
    empty_file => "empty-file",
    comments_only => "comments-only",
    not_utf8 => "not-utf8",
    list_instead_of_mapping => "list-instead-of-mapping",
    two_documents => "two-documents",
    unknown_field => "unknown-field",
    unknown_field_far => "unknown-field-far",
    unknown_type => "unknown-type",
    unknown_respondent => "unknown-respondent",
    missing_fields => "missing-fields",
    wrong_shapes => "wrong-shapes",
    strict_booleans => "strict-booleans",
    date_that_does_not_exist => "date-that-does-not-exist",
    date_without_day => "date-without-day",
    date_forms => "date-forms",
    duplicate_recommendation_number => "duplicate-recommendation-number",
    id_naming_rule => "id-naming-rule",
    related_missing => "related-missing",
    related_cycle => "related-cycle",
    related_draft => "related-draft",
    response_before_published => "response-before-published",
    response_after_today => "response-after-today",
    published_without_responses => "published-without-responses",
    other_without_type_label => "other-without-type-label",
    applies_false_without_reason => "applies-false-without-reason",
    statutory_false_without_note => "statutory-false-without-note",
    cause_of_concern_unknown_recommendation => "cause-of-concern-unknown-recommendation",
    link_not_http => "link-not-http",
    placeholder_text => "placeholder-text",
    unanswered_recommendations => "unanswered-recommendations",
    answered_by_the_body => "answered-by-the-body",
    last_day_on_saturday => "last-day-on-saturday",
    last_day_on_substitute_bank_holiday => "last-day-on-substitute-bank-holiday",
    last_day_outside_known_years => "last-day-outside-known-years",
    published_late => "published-late",
    office_invalid => "office-invalid",
    office_missing => "office-missing",
    office_fire_invalid => "office-fire-invalid",
    office_formats_invalid => "office-formats-invalid",
    fire_without_service => "fire-without-service",
    fire_before_authority => "fire-before-authority",
    copies_before_response => "copies-before-response",
    copies_without_publication => "copies-without-publication",
    crlf_and_bom => "crlf-and-bom",
    all_problems_in_one_run => "all-problems-in-one-run",
    published_with_placeholder => "published-with-placeholder",
    target_month => "target-month",
    published_far_ahead => "published-far-ahead",
    response_published_undated_capital => "response-published-undated-capital",
    recommendation_numbers_equal_as_numbers => "recommendation-numbers-equal-as-numbers",
    cut_by_comment => "cut-by-comment",
    field_in_text => "field-in-text",
    yaml_tab => "yaml-tab",
    yaml_colon_in_value => "yaml-colon-in-value",
    yaml_unclosed_quote => "yaml-unclosed-quote",
    yaml_curly_quotes => "yaml-curly-quotes",
    curly_quotes => "curly-quotes",
    yaml_missing_dash => "yaml-missing-dash",
    yaml_tag => "yaml-tag",
    yaml_include => "yaml-include",
    control_character_escaped => "control-character-escaped",
    control_character_raw => "control-character-raw",
    noncharacter => "noncharacter",
    carriage_return_in_plain_field => "carriage-return-in-plain-field",
    link_not_a_url => "link-not-a-url",
    link_with_space => "link-with-space",
    link_without_site => "link-without-site",
    not_utf16 => "not-utf16",
    not_utf16_without_bom => "not-utf16-without-bom",
}

#[test]
fn deny_warnings_turns_warnings_into_findings() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-08-25-draft.yaml",
        "title: Draft\npublished: 2023-08-25\ntype: peel\nkey_findings: TODO\n",
    );
    let plain = project.run(&["validate", "--today", "2023-09-01"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let denied = project.run(&["validate", "--deny-warnings", "--today", "2023-09-01"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
}

#[test]
fn json_format() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-08-25-x.yaml",
        "title: X\npublished: 31/02/2023\ntype: peel\nkey_findings: Found.\n",
    );
    let output = project.run(&["validate", "--format", "json", "--today", "2023-09-01"]);
    assert_snapshot(&fixtures().join("validate-json.txt"), &output.transcript());
}

#[test]
fn paths_select_records() {
    let project = Project::new();
    project.write(
        "data/inspections/2023-08-25-good.yaml",
        "title: Good\npublished: 2023-08-25\ntype: peel\nkey_findings: Found.\n",
    );
    project.write(
        "data/inspections/2023-08-25-bad.yaml",
        "title: Bad\npublished: 2023-08-25\ntype: peal\nkey_findings: Found.\n",
    );
    let good = project.run(&[
        "validate",
        "data/inspections/2023-08-25-good.yaml",
        "--today",
        "2023-09-01",
    ]);
    assert_eq!(
        (good.code, good.stderr.as_str()),
        (0, "checked 1 record: no problems\n")
    );
    let all = project.run(&["validate", "--today", "2023-09-01"]);
    assert_eq!(all.code, 1, "{}", all.stderr);
}

#[test]
fn a_root_that_is_not_a_project_cannot_run() {
    let dir = tempfile::tempdir().expect("a folder");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_respond"))
        .args(["validate", "--root"])
        .arg(dir.path())
        .output()
        .expect("respond runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        format!(
            "error: `{}` is not a respond project: it has no `data/office.yaml`\n  = help: run respond inside the project folder (the one that holds `data/office.yaml`) or any folder below it, or give that folder with `--root DIR`\n",
            dir.path().display()
        )
    );
}

#[test]
fn bundled_data_is_valid() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_respond"))
        .args([
            "validate",
            "--today",
            "2026-11-22",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .output()
        .expect("respond runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}
