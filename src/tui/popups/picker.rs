//! Quick capture: type a few letters of one of your clients, Enter, and write. Filters the
//! caller's own list ([`crate::session::Session::caseload`]) with the same finder as the
//! caseload screen.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use zeroize::Zeroize;

use super::{Choice, EventResult, Popup};
use crate::tui::app::{Cx, Shared};
use crate::tui::filter::Finder;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::caseload::finder_for;
use crate::tui::screens::{edit, move_in};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, field, popup_box};

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

impl Popup for Picker {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down => {
                let shown = self.found().len().min(ROWS);
                move_in(shown, &mut self.selected, action);
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
        for (row, i) in self.found().iter().take(ROWS).enumerate() {
            if let Some(c) = v.ui.clients.mine.get(*i as usize) {
                let st = if row == self.selected {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                lines.push(Line::from(Span::styled(
                    format!(" {}  {} ", c.reference, c.name),
                    st,
                )));
            }
        }
        popup_box(
            f,
            area,
            v,
            " Quick capture: which client? ".into(),
            lines,
            (60, 15),
        );
    }
}

impl Drop for Picker {
    fn drop(&mut self) {
        self.query.zeroize();
    }
}
