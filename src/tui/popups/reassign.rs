//! Giving a client another adviser (supervisors): pick an active adviser or supervisor; the
//! reason is asked for next, and the session logs both names and the reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{Choice, EventResult, Popup};
use crate::domain::{ClientRef, visible_line};
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, row_at, scroll_marks,
};

const SIZE: (u16, u16) = (60, 12);

pub struct ReassignPopup {
    pub client: ClientRef,
    /// Usernames that may hold the client, with their roles.
    pub to: Vec<(String, String)>,
    pub choice: usize,
}

impl ReassignPopup {
    pub fn new(client: ClientRef, to: Vec<(String, String)>) -> ReassignPopup {
        ReassignPopup {
            client,
            to,
            choice: 0,
        }
    }

    fn rows(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        let first = first_shown(self.choice, self.to.len(), usize::from(inner.height));
        (inner, first)
    }
}

impl Popup for ReassignPopup {
    fn mode(&self) -> Mode {
        Mode::Reassign
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.to.len(), &mut self.choice, action);
            }
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                return EventResult::Close(
                    self.to
                        .get(self.choice)
                        .map(|(name, _)| Choice::User(name.clone())),
                );
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (inner, first) = self.rows(area);
        if let Some(at) = row_at(inner, first, row, col, self.to.len()) {
            self.choice = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.to.len(), &mut self.choice, down);
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "The client moves to the chosen adviser's caseload. You are asked why next; the \
             reassignment is logged with both advisers' names and your reason."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (inner, first) = self.rows(area);
        let shown = usize::from(inner.height);
        let lines: Vec<Line> = if self.to.is_empty() {
            vec![Line::from(Span::styled(
                " nobody else can hold a caseload ",
                v.style(R::Base),
            ))]
        } else {
            self.to
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
        let below = self.to.len().saturating_sub(first + shown);
        let b = scroll_marks(
            v,
            block(v, format!(" Give {} to… ", self.client), true),
            first,
            below,
        );
        popup_block(f, area, b, v, lines, SIZE);
    }
}
