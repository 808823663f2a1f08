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
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::{self, Sensitivity};

use super::app::Shared;
use super::keymap::{self, Binding, Mode};
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

/// Marks on a block's border where its content goes on out of sight: "▲ 3 more" at the top
/// right, "▼ 12 more" at the bottom right.
pub fn scroll_marks<'a>(v: &View<'_>, b: Block<'a>, above: usize, below: usize) -> Block<'a> {
    let mut b = b;
    if above > 0 {
        b = b.title_top(
            Line::from(Span::styled(format!(" ▲ {above} more "), v.style(R::Hint))).right_aligned(),
        );
    }
    if below > 0 {
        b = b.title_bottom(
            Line::from(Span::styled(format!(" ▼ {below} more "), v.style(R::Hint))).right_aligned(),
        );
    }
    b
}

/// Where the cursor is in a list, for a block's bottom border: " 12 of 40 ".
pub fn position<'a>(v: &View<'_>, what: &str, at: usize, of: usize) -> Line<'a> {
    Line::from(Span::styled(
        format!(" {what}{} of {of} ", at + 1),
        v.style(R::Dim),
    ))
}

/// The first row to show of a list of `len` rows in `height` rows, so that `selected` is in
/// sight: the list scrolls only once the selection reaches its last row.
pub fn first_shown(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height - 1).min(len - height)
}

/// The row of a list drawn at terminal row `row`, if any: `rows` is where the list is drawn and
/// `first` the list row drawn at its top.
pub fn row_at(rows: Rect, first: usize, row: u16, col: u16, len: usize) -> Option<usize> {
    let inside =
        row >= rows.y && row < rows.y + rows.height && col >= rows.x && col < rows.x + rows.width;
    let at = first + usize::from(row.checked_sub(rows.y)?);
    (inside && at < len).then_some(at)
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

/// Where [`popup_box`] draws a box of `width` × `height` over `area`.
pub fn popup_rect(area: Rect, (width, height): (u16, u16)) -> Rect {
    centered(area, width, height.max(3))
}

/// A popup: a cleared, bordered box in the middle of `area`, its lines wrapped.
pub fn popup_box<'a>(
    f: &mut Frame,
    area: Rect,
    v: &View<'_>,
    title: impl Into<Line<'a>>,
    lines: Vec<Line<'_>>,
    size: (u16, u16),
) {
    popup_block(f, area, block(v, title, true), v, lines, size);
}

/// [`popup_box`] with a block of the caller's (for marks on its border).
pub fn popup_block(
    f: &mut Frame,
    area: Rect,
    b: Block<'_>,
    v: &View<'_>,
    lines: Vec<Line<'_>>,
    size: (u16, u16),
) {
    let r = popup_rect(area, size);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(b)
            .style(v.style(R::Base))
            .wrap(Wrap { trim: false }),
        r,
    );
}

/// The sign-in and lock boxes' width: one box, one style, wherever a password is asked for.
pub const CREDENTIALS_WIDTH: u16 = 56;

/// The box a password is typed in (sign-in and lock screens): `lines` (title, fields), a blank
/// line, then `message` wrapped to the box, never cut off. Returns where the box is.
pub fn credentials_box(
    f: &mut Frame,
    area: Rect,
    v: &View<'_>,
    mut lines: Vec<Line<'_>>,
    message: Option<(String, Style)>,
) -> Rect {
    let width = CREDENTIALS_WIDTH.min(area.width);
    lines.push(Line::default());
    if let Some((text, style)) = message {
        for l in wrap(&text, usize::from(width.saturating_sub(2))) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    // Room for a two-line message without the box changing size.
    let height = u16::try_from(lines.len().max(8) + 2).unwrap_or(u16::MAX);
    let r = centered(area, width, height);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block(v, "", true))
            .style(v.style(R::Base)),
        r,
    );
    r
}

/// The most columns the status line gives the store's name.
const STORE_LABEL_WIDTH: usize = 24;

/// Who is signed in, for the status line.
pub enum Signed {
    In,
    Locked,
    Out,
}

/// The bottom line: who is signed in and the time until lock, which store is open, then a message or the current
/// mode's key hints (from the keymap), then a spinner while the worker is busy. When the line is
/// short of room, hints go in the order of their rank (the help hint never goes), and a message
/// is cut short before the help hint is.
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
    // Which store is open (the file's name, or the server and database): given way to a
    // message that needs its room.
    let label = [
        Span::styled(
            format!(" {} ", clip(&v.ui.store_label, STORE_LABEL_WIDTH)),
            bar,
        ),
        Span::styled("│", bar),
    ];
    let label_width: usize = label.iter().map(|s| s.width()).sum();
    // Signed out, the sign-in and lock boxes show the spinner themselves.
    let busy = match (&v.ui.busy, signed) {
        (Some(b), Signed::In) => Some(Span::styled(format!("  {} {b}", spinner(v.now)), bar)),
        _ => None,
    };
    let used: usize =
        spans.iter().map(|s| s.width()).sum::<usize>() + busy.as_ref().map_or(0, |b| b.width());
    let mut room = usize::from(area.width).saturating_sub(used);
    let message_needs = v.ui.message.as_ref().map_or(0, |m| m.text.width() + 2);
    if message_needs + label_width + 12 <= room || v.ui.message.is_none() {
        spans.extend(label);
        room = room.saturating_sub(label_width);
    }
    let hint = |b: &Binding| {
        [
            Span::styled(format!(" {}", b.label), v.style(R::Hint)),
            Span::styled(format!(" {} ", b.hint), bar),
        ]
    };
    let width = |b: &Binding| b.label.width() + b.hint.width() + 3;
    let mut hints = keymap::hints(mode);
    match &v.ui.message {
        Some(m) => {
            hints.retain(|b| b.rank <= 1);
            let keep: usize = hints.iter().map(|b| width(b)).sum();
            let text = format!(" {} ", m.text);
            spans.push(Span::styled(
                clip(&text, room.saturating_sub(keep)),
                if m.error { v.style(R::Error) } else { bar },
            ));
        }
        None => {
            while hints.iter().map(|b| width(b)).sum::<usize>() > room {
                let Some(drop) = hints
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.rank > 1)
                    .max_by_key(|(i, b)| (b.rank, *i))
                    .map(|(i, _)| i)
                else {
                    break;
                };
                hints.remove(drop);
            }
        }
    }
    for b in hints {
        spans.extend(hint(b));
    }
    spans.extend(busy);
    f.render_widget(Paragraph::new(Line::from(spans)).style(bar), area);
}

/// `text` cut to `width` columns, with an ellipsis if it was cut.
pub fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = columns(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
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
    text.split('\n')
        .flat_map(|para| {
            wrap_ranges(para, width)
                .into_iter()
                .map(move |r| para.get(r).unwrap_or("").to_string())
        })
        .collect()
}

/// [`wrap`] for one line of text (no line breaks), as byte ranges of it. The spaces a line is
/// broken at belong to no range, so a wrapped line never starts with a space (only the first
/// keeps the line's indentation). An empty line is one empty range.
pub fn wrap_ranges(para: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let width = width.max(8);
    let at = |s: &str| s.as_ptr() as usize - para.as_ptr() as usize;
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
    let mut out: Vec<std::ops::Range<usize>> = lines
        .iter()
        .filter_map(|line| {
            let (first, last) = (line.first()?, line.last()?);
            Some(at(first.word)..at(last.word) + last.word.len())
        })
        .collect();
    if out.is_empty() {
        out.push(0..0);
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
    fn a_wrapped_line_never_starts_with_a_space() {
        use super::wrap_ranges;
        let text = "Client phoned about  the council tax   reduction and a discretionary payment";
        for width in 8..40 {
            let ranges = wrap_ranges(text, width);
            for (i, r) in ranges.iter().enumerate() {
                let line = &text[r.clone()];
                assert!(line.chars().count() <= width, "{width}: {line:?}");
                if i > 0 {
                    assert!(!line.starts_with(' '), "{width}: {line:?}");
                }
            }
            // Nothing but the spaces at the breaks is left out.
            let kept: usize = ranges.iter().map(|r| r.len()).sum();
            let spaces = text.matches(' ').count();
            assert!(kept + spaces >= text.len(), "{width}");
        }
        assert_eq!(wrap_ranges("  in dent", 8), vec![0..4, 5..9]);
        assert_eq!(wrap_ranges("", 8), vec![0..0]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // Ten ideographs are twenty columns: no more than four fit in eight.
        let lines = wrap("日本語のテキストです", 8);
        assert_eq!(lines, vec!["日本語の", "テキスト", "です"]);
        assert_eq!(wrap("über alles", 8), vec!["über", "alles"]);
    }
}
