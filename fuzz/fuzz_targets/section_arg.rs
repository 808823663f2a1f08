//! Arbitrary text as a `--section` argument, a sensitivity label, a client reference and a
//! note id.
//!
//! `parse_section` never panics, and whether and how it fails depends only on what comes before
//! the first `=`: an error can never repeat the section's text. The label and reference parsers
//! never panic, and what they accept prints back to something they parse to the same value.

#![no_main]

use casenotes::cli::parse_section;
use casenotes::domain::{ClientRef, NoteId, Sensitivity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).expect("valid prefix"),
    };

    let parsed = parse_section(s);
    if let Some((head, text)) = s.split_once('=') {
        let without_text = parse_section(&format!("{head}="));
        match (&parsed, &without_text) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.heading, b.heading);
                assert_eq!(a.sensitivity, b.sensitivity);
                assert_eq!(a.text, text);
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "the error depends on the text"),
            _ => panic!("success depends on the text: {s:?}"),
        }
    } else {
        assert!(parsed.is_err());
    }

    if let Ok(x) = s.parse::<Sensitivity>() {
        assert_eq!(x.to_string().parse::<Sensitivity>(), Ok(x));
    }
    if let Ok(r) = s.parse::<ClientRef>() {
        assert!(r.0 > 0);
        assert_eq!(r.to_string().parse::<ClientRef>(), Ok(r));
    }
    if let Ok(n) = s.parse::<NoteId>() {
        assert!(n.0 > 0);
        assert_eq!(n.to_string().parse::<NoteId>(), Ok(n));
    }
});
