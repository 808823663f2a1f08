//! The keys of the mode the help was opened from, the global ones, and a few words about the
//! screen (what its columns mean, what is logged): the keys read from the keymap table, so help
//! cannot drift from what the keys do. Scrolls when it is taller than the terminal.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{EventResult, Popup};
use crate::tui::app::Cx;
use crate::tui::keymap::{self, Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, scroll_marks, wrap};

/// How wide the help box is at most.
const WIDTH: u16 = 78;

pub struct HelpPopup {
    /// The mode whose keys are shown.
    pub about: Mode,
    /// Paragraphs about the screen, below the keys.
    pub notes: Vec<String>,
    /// The first line shown.
    pub top: usize,
    /// The largest useful `top` at the last draw (the box's height is known only then).
    max_top: Cell<usize>,
}

impl HelpPopup {
    pub fn new(about: Mode, notes: Vec<String>) -> HelpPopup {
        HelpPopup {
            about,
            notes,
            top: 0,
            max_top: Cell::new(usize::MAX),
        }
    }

    /// Every line of the help, for a box `width` columns wide inside.
    pub fn lines(&self, v: &View<'_>, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (i, (mode, rows)) in keymap::help(self.about).into_iter().enumerate() {
            if i > 0 {
                lines.push(Line::default());
                let heading = match mode {
                    Mode::Always => "Everywhere".to_string(),
                    other => format!("On {}", other.title()),
                };
                lines.push(Line::from(Span::styled(heading, v.style(R::Title))));
            }
            for b in rows {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {:<11}", b.label), v.style(R::Hint)),
                    Span::styled(format!(" {}", b.help), v.style(R::Base)),
                ]));
            }
        }
        for note in &self.notes {
            lines.push(Line::default());
            for l in wrap(note, width.saturating_sub(1)) {
                lines.push(Line::from(Span::styled(format!(" {l}"), v.style(R::Base))));
            }
        }
        lines
    }

    fn scroll(&mut self, action: Action) {
        let max = self.max_top.get();
        self.top = match action {
            Action::Up => self.top.saturating_sub(1),
            Action::Down => self.top.saturating_add(1),
            Action::PageUp => self.top.saturating_sub(10),
            Action::PageDown => self.top.saturating_add(10),
            Action::Top => 0,
            Action::Bottom => max,
            _ => self.top,
        }
        .min(max);
    }
}

impl Popup for HelpPopup {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Back => EventResult::Close(None),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                self.scroll(action);
                EventResult::Consumed
            }
            _ => EventResult::Ignored,
        }
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        self.scroll(if down { Action::Down } else { Action::Up });
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = WIDTH.min(area.width);
        let lines = self.lines(v, usize::from(width.saturating_sub(2)));
        let height = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let r = centered(area, width, height);
        let shown = usize::from(r.height.saturating_sub(2));
        let max_top = lines.len().saturating_sub(shown);
        self.max_top.set(max_top);
        let top = self.top.min(max_top);
        let title = format!(" Help: {} ", self.about.title());
        let mut b = block(v, title, true);
        let below = lines.len().saturating_sub(top + shown);
        b = scroll_marks(v, b, top, below);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines.into_iter().skip(top).take(shown).collect::<Vec<_>>())
                .block(b)
                .style(v.style(R::Base)),
            r,
        );
    }
}
