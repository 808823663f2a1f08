//! Arbitrary text as a user's theme file: a theme or a one-line error, never a panic.

#![no_main]

use casenotes::tui::theme::Theme;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).expect("valid prefix"),
    };
    if let Err(e) = Theme::from_toml("fuzzed", text) {
        let message = e.to_string();
        assert!(!message.is_empty());
        assert!(!message.contains('\n'), "{message:?}");
    }
});
