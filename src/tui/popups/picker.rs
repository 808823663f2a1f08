//! Quick capture: type a few letters of one of your clients, Enter, and write. Filters the
//! caller's own list ([`crate::session::Session::caseload`]) with the same finder as the
//! caseload screen.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use zeroize::Zeroize;

use super::{Choice, EventResult, Popup};
use crate::tui::app::{Cx, Shared};
use crate::tui::filter::Finder;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::caseload::finder_for;
use crate::tui::screens::{edit, move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, field, first_shown, popup_block, popup_rect, position, row_at, scroll_marks,
};

/// How many clients the picker shows.
const ROWS: usize = 10;

pub struct Picker {
    pub query: String,
    pub selected: usize,
    finder: Finder,
}

impl Picker {
    pub fn new(ui: &Shared) -> Picker {
        Picker {
            query: String::new(),
            selected: 0,
            finder: finder_for(&ui.clients.mine),
        }
    }

    /// Rows of the caller's list matching the query, best first.
    pub fn found(&self) -> &[u32] {
        self.finder.matches()
    }
}

impl Picker {
    /// Where the client rows are drawn over `area`, and the first shown.
    fn rows(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        // Below the query and a blank line.
        let rows = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(2).min(ROWS as u16),
            ..inner
        };
        let first = first_shown(self.selected, self.found().len(), usize::from(rows.height));
        (rows, first)
    }
}

/// The box's size.
const SIZE: (u16, u16) = (60, 15);

impl Popup for Picker {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                move_in(self.found().len(), &mut self.selected, action);
            }
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                let picked = self
                    .found()
                    .get(self.selected)
                    .and_then(|i| cx.ui.clients.mine.get(*i as usize));
                if let Some(c) = picked {
                    return EventResult::Close(Some(Choice::Client {
                        client: c.reference,
                        name: c.name.to_string(),
                    }));
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if edit(&mut self.query, &key) {
            self.finder.set_query(&self.query);
            self.selected = 0;
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (rows, first) = self.rows(area);
        if let Some(at) = row_at(rows, first, row, col, self.found().len()) {
            self.selected = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.found().len(), &mut self.selected, down);
    }

    fn refresh(&mut self, ui: &Shared) {
        self.finder = finder_for(&ui.clients.mine);
        self.finder.set_query(&self.query);
        self.selected = 0;
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let mut lines = vec![
            field(v, "Client", self.query.clone(), true),
            Line::default(),
        ];
        let (rows, first) = self.rows(area);
        let shown = usize::from(rows.height);
        for (row, i) in self.found().iter().enumerate().skip(first).take(shown) {
            if let Some(c) = v.ui.clients.mine.get(*i as usize) {
                let st = if row == self.selected {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                lines.push(Line::from(Span::styled(
                    format!(
                        " {}  {} ",
                        c.reference,
                        crate::domain::visible_line(&c.name)
                    ),
                    st,
                )));
            }
        }
        let found = self.found().len();
        let mut b = block(v, " Quick capture: which client? ", true);
        if found > 0 {
            b = b.title_bottom(position(v, "", self.selected, found));
        }
        let b = scroll_marks(v, b, first, found.saturating_sub(first + shown));
        popup_block(f, area, b, v, lines, SIZE);
    }
}

impl Drop for Picker {
    fn drop(&mut self) {
        self.query.zeroize();
    }
}
