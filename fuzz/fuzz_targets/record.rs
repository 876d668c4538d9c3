//! Loading one record from bytes: `data/inspections/2023-08-25-fuzz.yaml` is the fuzz input,
//! next to a valid office. Validation must not panic, every problem's location must be
//! 1-based, and a valid record must render (HTML and Markdown page, index) without error and
//! with no executable markup in the HTML.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let validated = respond::validate::from_bytes(
        Some(common::OFFICE_BYTES.to_vec()),
        vec![(common::RECORD_ID.to_owned(), data.to_vec())],
        common::today(),
    );
    assert!(validated.office.is_some(), "the fixed office is valid");
    common::check_validated(&validated);
});
