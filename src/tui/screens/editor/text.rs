//! A section's text as the editor draws it: wrapped by terminal columns at spaces, so that a
//! wrapped line never starts with a space (the space it broke at is not drawn); the cursor and
//! any selection; the prompt while the section is empty. And the reverse: where a click lands.
//!
//! The text area (`ratatui-textarea`) keeps the text, the cursor and the editing keys; only
//! the drawing is done here, from what it holds.

use std::cell::Cell;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthChar;

use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, wrap_ranges};

/// The text laid out for a width: each row on screen is a byte range of one line.
pub struct Rows {
    pub rows: Vec<(usize, Range<usize>)>,
    /// The cursor's row and column (in terminal columns).
    pub cursor: (usize, usize),
}

fn columns(c: char) -> usize {
    c.width().unwrap_or(0).max(1)
}

/// Lays out `area`'s text for a box `width` columns wide.
pub fn rows(area: &TextArea<'_>, width: usize) -> Rows {
    let lines = area.lines();
    let cursor = area.cursor();
    let mut rows = Vec::new();
    let mut at = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        let first = rows.len();
        rows.extend(wrap_ranges(line, width).into_iter().map(|r| (i, r)));
        if i == cursor.0 {
            let byte = line
                .char_indices()
                .nth(cursor.1)
                .map_or(line.len(), |(b, _)| b);
            // The last row that starts at or before the cursor (in the space a line broke at,
            // the cursor shows at the end of the row before).
            let row = (first..rows.len())
                .rev()
                .find(|r| rows.get(*r).is_some_and(|(_, range)| range.start <= byte))
                .unwrap_or(first);
            let col = rows.get(row).map_or(0, |(_, range)| {
                line.get(range.start..byte.min(range.end))
                    .unwrap_or("")
                    .chars()
                    .map(columns)
                    .sum()
            });
            at = (row, col.min(width.saturating_sub(1)));
        }
    }
    Rows { rows, cursor: at }
}

/// The first row to show in `height` rows: the one shown last time, moved just enough to keep
/// the cursor in sight.
fn first_row(top: &Cell<usize>, cursor: usize, rows: usize, height: usize) -> usize {
    let mut first = top.get().min(rows.saturating_sub(height));
    if cursor < first {
        first = cursor;
    } else if height > 0 && cursor >= first + height {
        first = cursor + 1 - height;
    }
    top.set(first);
    first
}

/// Draws a section's text in `inner`. `top` is the first row shown, kept between frames so the
/// view does not jump. Returns how many rows the text has (for the "more" marks).
pub fn draw(
    f: &mut Frame,
    inner: Rect,
    v: &View<'_>,
    area: &TextArea<'_>,
    top: &Cell<usize>,
    focus: bool,
) -> usize {
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let base = v.style(R::Base);
    let cursor_style = v.style(R::Input).add_modifier(Modifier::REVERSED);
    let empty = area.lines().iter().all(String::is_empty);
    if empty {
        let mut spans = Vec::new();
        if focus {
            spans.push(Span::styled(" ", cursor_style));
        }
        spans.push(Span::styled(
            area.placeholder_text().to_string(),
            v.style(R::Dim),
        ));
        f.render_widget(Paragraph::new(Line::from(spans)).style(base), inner);
        top.set(0);
        return 1;
    }
    let laid = rows(area, width);
    let first = first_row(top, laid.cursor.0, laid.rows.len(), height);
    let selection = area.selection_range();
    let lines = area.lines();
    let mut out = Vec::with_capacity(height);
    for (r, (i, range)) in laid.rows.iter().enumerate().skip(first).take(height) {
        let Some(line) = lines.get(*i) else { continue };
        let text = line.get(range.clone()).unwrap_or("");
        // The character index of the row's start, for the selection (kept in characters).
        let start_char = line.get(..range.start).map_or(0, |s| s.chars().count());
        let selected = |c: usize| match selection {
            Some(((r1, c1), (r2, c2))) => {
                let after_start = *i > r1 || (*i == r1 && c >= c1);
                let before_end = *i < r2 || (*i == r2 && c < c2);
                after_start && before_end
            }
            None => false,
        };
        let mut spans: Vec<Span> = Vec::new();
        let mut run = String::new();
        let mut run_style = base;
        let mut col = 0;
        let push = |spans: &mut Vec<Span>, run: &mut String, style: Style| {
            if !run.is_empty() {
                spans.push(Span::styled(std::mem::take(run), style));
            }
        };
        let mut cursor_drawn = false;
        for (k, c) in text.chars().enumerate() {
            let style = if focus && r == laid.cursor.0 && col == laid.cursor.1 && !cursor_drawn {
                cursor_drawn = true;
                cursor_style
            } else if selected(start_char + k) {
                v.style(R::Selection)
            } else {
                base
            };
            if style != run_style {
                push(&mut spans, &mut run, run_style);
                run_style = style;
            }
            run.push(c);
            col += columns(c);
        }
        push(&mut spans, &mut run, run_style);
        if focus && r == laid.cursor.0 && !cursor_drawn {
            spans.push(Span::styled(" ", cursor_style));
        }
        out.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(out).style(base), inner);
    laid.rows.len()
}

/// Moves `area`'s cursor to what is drawn at `row`, `col` of the box (counted from its top
/// left), `width` columns wide, whose first row shown is `top`.
pub fn click(area: &mut TextArea<'_>, width: usize, top: usize, row: usize, col: usize) {
    let laid = rows(area, width);
    let Some((i, range)) = laid
        .rows
        .get(top + row)
        .or_else(|| laid.rows.last())
        .cloned()
    else {
        return;
    };
    let line = area.lines().get(i).cloned().unwrap_or_default();
    let before = line.get(..range.start).map_or(0, |s| s.chars().count());
    let mut used = 0;
    let mut k = 0;
    for c in line.get(range).unwrap_or("").chars() {
        if used + columns(c) > col {
            break;
        }
        used += columns(c);
        k += 1;
    }
    let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    area.move_cursor(CursorMove::Jump(to(i), to(before + k)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(text: &str) -> TextArea<'static> {
        TextArea::new(text.lines().map(str::to_string).collect())
    }

    #[test]
    fn rows_break_at_spaces_and_the_cursor_follows() {
        let mut a = area("Client phoned about the council tax");
        a.move_cursor(CursorMove::End);
        let laid = rows(&a, 12);
        let texts: Vec<&str> = laid
            .rows
            .iter()
            .map(|(_, r)| &a.lines()[0][r.clone()])
            .collect();
        assert_eq!(texts, ["Client", "phoned about", "the council", "tax"]);
        assert_eq!(laid.cursor, (3, 3));
        // A click on "council" puts the cursor there.
        click(&mut a, 12, 0, 2, 5);
        assert_eq!(a.cursor(), (0, 25));
    }
}
