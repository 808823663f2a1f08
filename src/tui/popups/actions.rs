//! A client's agreed actions: open ones first (overdue marked), then those done. Enter on an
//! open action asks once more, then marks it done (logged with the client and the number, never
//! the text). An action agreed in a masked section shows no text here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{EventResult, Popup};
use crate::domain::{self, ClientRef, Date};
use crate::session::{ActionStatus, ActionView, SectionBody};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, position, row_at, scroll_marks,
};

const SIZE: (u16, u16) = (90, 16);

pub struct ActionsPopup {
    pub client: ClientRef,
    pub actions: Vec<ActionView>,
    pub today: Date,
    pub choice: usize,
    /// Enter was pressed once on this action: a second press marks it done.
    pub armed: Option<u32>,
    /// The reason the client was opened with, if outside the caseload.
    pub access: Option<String>,
}

impl ActionsPopup {
    pub fn new(
        client: ClientRef,
        mut actions: Vec<ActionView>,
        today: Date,
        access: Option<String>,
    ) -> ActionsPopup {
        // Open first (soonest due first, undated last), then done (newest first).
        actions.sort_by_key(|a| {
            (
                !a.is_open(),
                a.due.is_none(),
                a.due,
                std::cmp::Reverse(a.done.as_ref().map(|d| d.at)),
                a.number,
            )
        });
        ActionsPopup {
            client,
            actions,
            today,
            choice: 0,
            armed: None,
            access,
        }
    }

    fn list(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        let list = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let first = first_shown(self.choice, self.actions.len(), usize::from(list.height));
        (list, first)
    }
}

impl Popup for ActionsPopup {
    fn mode(&self) -> Mode {
        Mode::Actions
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.actions.len(), &mut self.choice, action);
                self.armed = None;
            }
            Action::Back if self.armed.is_some() => self.armed = None,
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                let Some(a) = self.actions.get(self.choice) else {
                    return EventResult::Consumed;
                };
                if !a.is_open() {
                    cx.say(format!("action {} is already done", a.number));
                    return EventResult::Consumed;
                }
                if self.armed != Some(a.number) {
                    self.armed = Some(a.number);
                    return EventResult::Consumed;
                }
                if let Some(session) = cx.session() {
                    cx.busy("Marking it done…");
                    cx.job(Task::CompleteAction {
                        session,
                        client: self.client,
                        number: a.number,
                        access: self.access.clone(),
                    });
                }
                return EventResult::Close(None);
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, first) = self.list(area);
        if let Some(at) = row_at(list, first, row, col, self.actions.len()) {
            self.choice = at;
            self.armed = None;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.actions.len(), &mut self.choice, down);
        self.armed = None;
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Each line of a note's \"Actions agreed\" section is an action of the client, open \
             until marked done; a later note never closes one. Overdue: its due date has passed. \
             Marking one done is logged with the client and the number, never the text. An \
             action agreed in a confidential or special-category section shows its text only \
             once that section is revealed."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (list, first) = self.list(area);
        let shown = usize::from(list.height);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.actions.is_empty() {
            lines.push(Line::from(Span::styled(
                " No actions agreed with this client yet.",
                v.style(R::Base),
            )));
        }
        for (i, a) in self.actions.iter().enumerate().skip(first).take(shown) {
            let status = a.status(self.today);
            let base = if i == self.choice {
                v.style(R::Selection)
            } else {
                match status {
                    ActionStatus::Overdue => v.style(R::Warning),
                    ActionStatus::Done => v.style(R::Dim),
                    ActionStatus::Open => v.style(R::Base),
                }
            };
            let due = a
                .due
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into());
            let what = match &a.text {
                SectionBody::Shown(t) | SectionBody::Revealed(t) => {
                    domain::visible_line(t).into_owned()
                }
                SectionBody::Masked => format!("(in a masked [{}] section)", a.sensitivity),
            };
            let head = format!(
                " {:>3}  {:<8} {:<10} {:<8} ",
                a.number,
                a.owner.as_str(),
                due,
                status.as_str()
            );
            let room = width.saturating_sub(head.chars().count());
            let what: String = what.chars().take(room).collect();
            let pad = room.saturating_sub(what.chars().count());
            lines.push(Line::from(Span::styled(
                format!("{head}{what}{}", " ".repeat(pad)),
                base,
            )));
        }
        lines.resize(shown, Line::default());
        lines.push(match self.armed {
            Some(n) => Line::from(Span::styled(
                format!(" Press Enter again to mark action {n} done (logged); Esc keeps it open."),
                v.style(R::Warning),
            )),
            None => Line::from(Span::styled(
                " Enter marks the selected action done · Esc closes",
                v.style(R::Dim),
            )),
        });
        let below = self.actions.len().saturating_sub(first + shown);
        let mut b = block(v, format!(" Actions agreed with {} ", self.client), true);
        if !self.actions.is_empty() {
            b = b.title_bottom(position(v, "", self.choice, self.actions.len()));
        }
        popup_block(f, area, scroll_marks(v, b, first, below), v, lines, SIZE);
    }
}
