//! The fast YAML reader against the parser: on any text it reads, its tree (values, styles,
//! byte ranges) must be the one granit-parser's events give, and it must never read a text
//! the parser refuses.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = respond::yaml::parse_fast(text) {
        assert_eq!(Ok(fast), respond::yaml::parse_events(text), "{text:?}");
    }
});
