//! The supervisor's queue: accounts waiting for confirmation (new advisers and supervisors, and
//! accounts whose password an administrator reset). Confirming one hands it the case keys; the
//! session logs it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{EventResult, Popup};
use crate::domain::visible_line;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, row_at, scroll_marks,
};

const SIZE: (u16, u16) = (56, 12);

pub struct WaitingPopup {
    /// Usernames, with their roles, waiting for confirmation.
    pub waiting: Vec<(String, String)>,
    pub choice: usize,
}

impl WaitingPopup {
    pub fn new(waiting: Vec<(String, String)>) -> WaitingPopup {
        WaitingPopup { waiting, choice: 0 }
    }

    fn rows(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        let first = first_shown(self.choice, self.waiting.len(), usize::from(inner.height));
        (inner, first)
    }
}

impl Popup for WaitingPopup {
    fn mode(&self) -> Mode {
        Mode::Waiting
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.waiting.len(), &mut self.choice, action);
            }
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                if let (Some((name, _)), Some(session)) =
                    (self.waiting.get(self.choice), cx.session())
                {
                    cx.busy("Confirming…");
                    cx.job(Task::Confirm {
                        session,
                        name: name.clone(),
                    });
                }
                return EventResult::Close(None);
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (inner, first) = self.rows(area);
        if let Some(at) = row_at(inner, first, row, col, self.waiting.len()) {
            self.choice = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.waiting.len(), &mut self.choice, down);
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Confirming an account gives it the case keys: it can then read and write client \
             records. Confirm an account once its holder has chosen their own password (an \
             administrator knows any password they set). Logged."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (inner, first) = self.rows(area);
        let shown = usize::from(inner.height);
        let lines: Vec<Line> = if self.waiting.is_empty() {
            vec![Line::from(Span::styled(
                " nobody is waiting for confirmation ",
                v.style(R::Base),
            ))]
        } else {
            self.waiting
                .iter()
                .enumerate()
                .skip(first)
                .take(shown)
                .map(|(i, (name, role))| {
                    let st = if i == self.choice {
                        v.style(R::Selection)
                    } else {
                        v.style(R::Base)
                    };
                    Line::from(Span::styled(
                        format!(" {:<24} {role} ", visible_line(name)),
                        st,
                    ))
                })
                .collect()
        };
        let below = self.waiting.len().saturating_sub(first + shown);
        let b = scroll_marks(
            v,
            block(v, " Waiting for confirmation — Enter confirms ", true),
            first,
            below,
        );
        popup_block(f, area, b, v, lines, SIZE);
    }
}
