//! Drawing pieces shared by screens and popups: bordered blocks, input fields, centred boxes,
//! highlighted matches, the status line, and text wrapped to the terminal's width.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthChar;

use crate::domain::{self, Sensitivity};

use super::app::Shared;
use super::keymap::{self, Mode};
use super::theme::Role as R;

/// What drawing reads: the shared state (theme included) and the time.
pub struct View<'a> {
    pub ui: &'a Shared,
    pub now: SystemTime,
}

impl View<'_> {
    pub fn style(&self, role: R) -> Style {
        self.ui.theme.style(role)
    }
}

/// A spinner's frame for the time.
pub fn spinner(now: SystemTime) -> char {
    let ms = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    ['|', '/', '-', '\\'][(ms / 120 % 4) as usize]
}

/// A box of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered block with a title; the border is brighter when it has the focus.
pub fn block<'a>(v: &View<'_>, title: impl Into<Line<'a>>, focus: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(v.style(if focus { R::BorderFocus } else { R::Border }))
        .title(title.into().style(v.style(R::Title)))
}

/// A labelled single-line input, with a cursor when focused.
pub fn field<'a>(v: &View<'_>, label: &'a str, value: String, focus: bool) -> Line<'a> {
    let cursor = if focus { "▏" } else { " " };
    Line::from(vec![
        Span::styled(format!("{label:<10}"), v.style(R::Label)),
        Span::styled(format!("{value}{cursor}"), v.style(R::Input)),
    ])
}

/// `text` with the characters at `marks` (character positions) highlighted.
pub fn highlighted<'a>(v: &View<'_>, text: &str, marks: &[usize], base: Style) -> Vec<Span<'a>> {
    if marks.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let hit = base.patch(v.style(R::Match));
    text.chars()
        .enumerate()
        .map(|(i, c)| Span::styled(c.to_string(), if marks.contains(&i) { hit } else { base }))
        .collect()
}

/// The style a sensitivity label is drawn in.
pub fn label_style(v: &View<'_>, s: Sensitivity) -> Style {
    v.style(match s {
        Sensitivity::Ordinary => R::Label,
        Sensitivity::Confidential => R::Confidential,
        Sensitivity::Special(_) => R::Special,
    })
}

/// A day, or `-` for none.
pub fn date(t: Option<domain::Timestamp>) -> String {
    t.map(|t| domain::format_time(t).chars().take(10).collect())
        .unwrap_or_else(|| "-".into())
}

/// A popup: a cleared, bordered box in the middle of `area`, its lines wrapped.
pub fn popup_box(
    f: &mut Frame,
    area: Rect,
    v: &View<'_>,
    title: String,
    lines: Vec<Line<'_>>,
    (width, height): (u16, u16),
) {
    let r = centered(area, width, height.max(3));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block(v, title, true))
            .style(v.style(R::Base))
            .wrap(Wrap { trim: false }),
        r,
    );
}

/// Who is signed in, for the status line.
pub enum Signed {
    In,
    Locked,
    Out,
}

/// The bottom line: who is signed in and the time until lock, then a message or the current
/// mode's key hints (from the keymap), then a spinner while the worker is busy.
pub fn status_line(f: &mut Frame, area: Rect, v: &View<'_>, mode: Mode, signed: Signed) {
    let bar = v.style(R::StatusBar);
    let mut spans = Vec::new();
    match (&v.ui.who, &signed) {
        (Some(who), Signed::In) => {
            let left = v.ui.secs_to_lock(v.now);
            spans.push(Span::styled(
                format!(" {} ({}) ", who.name, who.role),
                bar.add_modifier(Modifier::BOLD),
            ));
            let lock_style = if left <= 30 { v.style(R::Warning) } else { bar };
            spans.push(Span::styled(
                format!(" locks in {}:{:02} ", left / 60, left % 60),
                lock_style,
            ));
        }
        (_, Signed::Locked) => spans.push(Span::styled(" locked ", bar)),
        _ => spans.push(Span::styled(" not signed in ", bar)),
    }
    spans.push(Span::styled("│", bar));
    match &v.ui.message {
        Some(m) => spans.push(Span::styled(
            format!(" {}", m.text),
            if m.error { v.style(R::Error) } else { bar },
        )),
        None => {
            for (key, what) in keymap::hints(mode) {
                spans.push(Span::styled(format!(" {key}"), v.style(R::Hint)));
                spans.push(Span::styled(format!(" {what} "), bar));
            }
        }
    }
    // Signed out, the sign-in and lock boxes show the spinner themselves.
    if let (Some(b), Signed::In) = (&v.ui.busy, signed) {
        spans.push(Span::styled(format!("  {} {b}", spinner(v.now)), bar));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(bar), area);
}

// ----- wrapping -----

/// A word and the spaces after it, measured in terminal columns.
#[derive(Debug)]
struct Piece<'a> {
    word: &'a str,
    space: &'a str,
    columns: usize,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.columns as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space.len() as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Columns a character takes. Controls and combining marks, which terminals draw in different
/// ways (or not at all), count as one, so a line never runs past the width whatever the
/// terminal does with them.
fn columns(c: char) -> usize {
    c.width().unwrap_or(0).max(1)
}

/// Splits text into lines no wider than `width` terminal columns (at least 8), at spaces where
/// possible: wide characters (CJK, most emoji) count as two. A word wider than a line is cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut pieces = Vec::new();
        for w in WordSeparator::AsciiSpace.find_words(para) {
            let (word, space) = (w.word, w.whitespace);
            let mut rest = word;
            loop {
                // Cut the word where it would pass the width.
                let mut used = 0;
                let mut cut = rest.len();
                for (i, c) in rest.char_indices() {
                    if used + columns(c) > width {
                        cut = i;
                        break;
                    }
                    used += columns(c);
                }
                if cut == 0 {
                    // Only if one character were wider than a line: it goes on a line of its own.
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                    used = rest.chars().next().map_or(0, columns);
                }
                if cut == rest.len() {
                    pieces.push(Piece {
                        word: rest,
                        space,
                        columns: used,
                    });
                    break;
                }
                pieces.push(Piece {
                    word: &rest[..cut],
                    space: "",
                    columns: used,
                });
                rest = &rest[cut..];
            }
        }
        let lines = wrap_first_fit(&pieces, &[width as f64]);
        if lines.is_empty() {
            out.push(String::new());
        }
        for line in lines {
            let mut s = String::new();
            for (i, p) in line.iter().enumerate() {
                s.push_str(p.word);
                if i + 1 < line.len() {
                    s.push_str(p.space);
                }
            }
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_long_words() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghijkl", 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("a\nb", 8), vec!["a", "b"]);
        assert_eq!(wrap("", 8), vec![""]);
        assert_eq!(wrap("a\n", 8), vec!["a", ""]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // Ten ideographs are twenty columns: no more than four fit in eight.
        let lines = wrap("日本語のテキストです", 8);
        assert_eq!(lines, vec!["日本語の", "テキスト", "です"]);
        assert_eq!(wrap("über alles", 8), vec!["über", "alles"]);
    }
}
