//! Text as a terminal should show it: characters that would not show as themselves are written
//! out as visible escapes, so that stored text cannot move the cursor, erase what was printed,
//! retitle the window, reorder a line or hide part of itself.
//!
//! - [`is_hidden`]: which characters (with the full list).
//! - [`visible`]: multi-line text (a note's sections).
//! - [`visible_line`]: single-line fields (names, headings, contact details, reasons, audit
//!   details, usernames, error messages).
//!
//! The escape form is `\u{HEX}`, the code point in lowercase hexadecimal without leading zeros,
//! as Rust writes it: ESC is `\u{1b}`, a carriage return `\u{d}`, a right-to-left override
//! `\u{202e}`. A backslash is shown as it is, so the form is for reading, not for decoding
//! (machine-readable output such as `--json` carries the exact text). Escaping twice gives the
//! same as escaping once.

use std::borrow::Cow;
use std::fmt::Write;

/// How [`visible`] shows a tab.
const TAB: &str = "    ";

/// Whether `c` does not show as itself on a terminal. Single-line fields refuse these at input;
/// the faces show them escaped through [`visible`] and [`visible_line`]. They are:
///
/// - every control character: C0 (`U+0000`–`U+001F`), DEL (`U+007F`), C1 (`U+0080`–`U+009F`);
/// - every bidirectional control: the embeddings and overrides (`U+202A`–`U+202E`), the isolates
///   (`U+2066`–`U+2069`), the marks (`U+200E`, `U+200F`, `U+061C`);
/// - the invisible formatting characters that can hide or disguise text: zero-width space,
///   non-joiner and joiner (`U+200B`–`U+200D`), word joiner and invisible operators
///   (`U+2060`–`U+2064`), the deprecated format characters (`U+206A`–`U+206F`), the byte-order
///   mark (`U+FEFF`), the soft hyphen (`U+00AD`), the combining grapheme joiner (`U+034F`), the
///   Mongolian vowel separator (`U+180E`), the Hangul fillers (`U+115F`, `U+1160`, `U+3164`,
///   `U+FFA0`), the line and paragraph separators (`U+2028`, `U+2029`), the interlinear
///   annotation characters (`U+FFF9`–`U+FFFB`) and the tag characters (`U+E0000`–`U+E007F`).
///
/// Emoji built with a zero-width joiner or tag characters (some family and flag emoji) are
/// therefore shown with escapes; ordinary letters of every script, spaces (no-break ones
/// included) and variation selectors are not hidden.
///
/// ```
/// use casenotes::domain::is_hidden;
///
/// assert!(is_hidden('\u{1b}'));
/// assert!(is_hidden('\u{202e}'));
/// assert!(is_hidden('\u{200b}'));
/// assert!(is_hidden('\n'));
/// assert!(!is_hidden('é'));
/// assert!(!is_hidden(' '));
/// ```
#[rustfmt::skip]
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'                      // soft hyphen
            | '\u{034f}'                    // combining grapheme joiner
            | '\u{061c}'                    // Arabic letter mark
            | '\u{115f}' | '\u{1160}'       // Hangul choseong and jungseong fillers
            | '\u{180e}'                    // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}'       // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2028}' | '\u{2029}'       // line and paragraph separators
            | '\u{202a}'..='\u{202e}'       // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}'       // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}'       // bidirectional isolates
            | '\u{206a}'..='\u{206f}'       // deprecated format characters
            | '\u{3164}'                    // Hangul filler
            | '\u{feff}'                    // zero-width no-break space, byte-order mark
            | '\u{ffa0}'                    // halfwidth Hangul filler
            | '\u{fff9}'..='\u{fffb}'       // interlinear annotation
            | '\u{e0000}'..='\u{e007f}'     // tag characters
        )
}

/// Multi-line text as a terminal should show it: line feeds kept, a carriage return before a
/// line feed dropped (Windows line endings), tabs as four spaces, and every other
/// [hidden](is_hidden) character escaped as `\u{HEX}` (lowercase hexadecimal, as Rust writes
/// it; a backslash is left as it is). Borrows when there is nothing to change; a changed copy
/// is an ordinary `String`, which a face keeping revealed text for a while should wrap in
/// `zeroize::Zeroizing`.
///
/// ```
/// use casenotes::domain::visible;
///
/// assert_eq!(visible("first line\nsecond"), "first line\nsecond");
/// assert_eq!(visible("a\r\nb\tc"), "a\nb    c");
/// assert_eq!(visible("ok\r\u{1b}[2Kforged"), "ok\\u{d}\\u{1b}[2Kforged");
/// assert_eq!(visible("\u{202e}txt.exe"), "\\u{202e}txt.exe");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_in_text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str(TAB),
            c if is_hidden(c) => escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Single-line text as a terminal should show it: every [hidden](is_hidden) character, line
/// feeds, carriage returns and tabs included, escaped as `\u{HEX}` (lowercase hexadecimal, as
/// Rust writes it; a backslash is left as it is), so the text stays on its own line. Borrows
/// when there is nothing to change.
///
/// ```
/// use casenotes::domain::visible_line;
///
/// assert_eq!(visible_line("direct support"), "direct support");
/// assert_eq!(
///     visible_line("why\r\u{1b}[2K\u{1b}]0;pwned\u{7}"),
///     "why\\u{d}\\u{1b}[2K\\u{1b}]0;pwned\\u{7}"
/// );
/// assert_eq!(visible_line("two\nlines"), "two\\u{a}lines");
/// ```
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether [`visible`] changes `c` (a tab, a lone carriage return or any other hidden character;
/// a line feed stays).
fn is_hidden_in_text(c: char) -> bool {
    c != '\n' && is_hidden(c)
}

fn escape(out: &mut String, c: char) {
    // Writing to a String cannot fail.
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for t in [
            "",
            "Robin Example",
            "Zoë Ørsted-Łukasz",
            "مرحبا",
            "日本語",
            "a\\u{1b}b",
        ] {
            assert!(matches!(visible(t), Cow::Borrowed(_)), "{t}");
            assert!(matches!(visible_line(t), Cow::Borrowed(_)), "{t}");
        }
        assert!(matches!(visible("two\nlines"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_control_character_is_escaped_in_a_line() {
        for u in (0u32..0x20).chain(0x7f..0xa0) {
            let c = char::from_u32(u).unwrap();
            let shown = visible_line(&format!("a{c}b")).into_owned();
            assert_eq!(shown, format!("a\\u{{{u:x}}}b"));
            assert!(!shown.chars().any(char::is_control), "{u:x}");
        }
    }

    #[test]
    fn multi_line_text_keeps_line_feeds_only() {
        assert_eq!(visible("a\nb\r\nc"), "a\nb\nc");
        assert_eq!(visible("a\rb"), "a\\u{d}b");
        assert_eq!(visible("end\r"), "end\\u{d}");
        assert_eq!(visible("\r\r\n"), "\\u{d}\n");
        assert_eq!(visible("\tx"), "    x");
        assert_eq!(visible("bell\u{7}"), "bell\\u{7}");
        assert_eq!(visible("c1\u{9b}2K"), "c1\\u{9b}2K");
        assert_eq!(visible("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn bidirectional_and_invisible_characters_are_escaped() {
        let cases = [
            ('\u{202a}', "202a"),
            ('\u{202b}', "202b"),
            ('\u{202c}', "202c"),
            ('\u{202d}', "202d"),
            ('\u{202e}', "202e"),
            ('\u{2066}', "2066"),
            ('\u{2067}', "2067"),
            ('\u{2068}', "2068"),
            ('\u{2069}', "2069"),
            ('\u{200e}', "200e"),
            ('\u{200f}', "200f"),
            ('\u{061c}', "61c"),
            ('\u{200b}', "200b"),
            ('\u{200c}', "200c"),
            ('\u{200d}', "200d"),
            ('\u{2060}', "2060"),
            ('\u{feff}', "feff"),
            ('\u{00ad}', "ad"),
            ('\u{3164}', "3164"),
            ('\u{e0041}', "e0041"),
            ('\u{2028}', "2028"),
        ];
        for (c, hex) in cases {
            assert!(is_hidden(c), "{hex}");
            let want = format!("x\\u{{{hex}}}y");
            assert_eq!(visible(&format!("x{c}y")), want);
            assert_eq!(visible_line(&format!("x{c}y")), want);
        }
    }

    #[test]
    fn a_line_never_breaks_or_tabs() {
        assert_eq!(visible_line("a\nb"), "a\\u{a}b");
        assert_eq!(visible_line("a\r\nb"), "a\\u{d}\\u{a}b");
        assert_eq!(visible_line("a\tb"), "a\\u{9}b");
    }

    #[test]
    fn terminal_attacks_are_defused() {
        let hostile = "reason\r\u{1b}[2K\u{1b}]0;pwned\u{7}\u{202e}gnp.exe\u{9b}31m";
        for shown in [visible(hostile), visible_line(hostile)] {
            assert!(!shown.chars().any(is_hidden), "{shown}");
            assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
            assert!(shown.contains("\\u{202e}gnp.exe"), "{shown}");
        }
    }

    #[test]
    fn escaping_twice_changes_nothing_more() {
        let hostile = "a\u{0}b\r\nc\t\u{202e}d\u{200b}\n";
        let once = visible(hostile).into_owned();
        assert_eq!(visible(&once), once);
        let once = visible_line(hostile).into_owned();
        assert_eq!(visible_line(&once), once);
        assert!(!once.chars().any(is_hidden));
    }

    #[test]
    fn ordinary_characters_are_not_hidden() {
        for c in [
            ' ', 'a', 'Z', '0', '-', '\'', 'é', 'ß', 'ł', 'ø', 'ع', '中', '😀', '\u{a0}',
        ] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }
}
