//! Loading `data/office.yaml` from bytes: the fuzz input is the office, next to one fixed
//! valid record. Validation must not panic, every problem's location must be 1-based, and a
//! valid office must render (HTML and Markdown page, index) without error and with no
//! executable markup in the HTML.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let validated = respond::validate::from_bytes(
        Some(data.to_vec()),
        vec![(common::RECORD_ID.to_owned(), common::RECORD_BYTES.to_vec())],
        common::today(),
    );
    common::check_validated(&validated);
});
