//! The caller's kept drafts, one per client, newest first: which client, when kept, how much.
//! Enter resumes one (the client opens, with the draft in the editor); `x` asks once more, then
//! discards it. Nothing of a draft's text is shown here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{Choice, EventResult, Popup};
use crate::domain::{self, ClientRef, Draft, Timestamp};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, position, row_at, scroll_marks,
};

const SIZE: (u16, u16) = (72, 14);

/// One kept draft, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub client: ClientRef,
    /// The client's name, if the lists hold it.
    pub name: Option<String>,
    pub saved_at: Timestamp,
    /// Sections with something written in them.
    pub written: usize,
    pub words: usize,
}

pub struct DraftsPopup {
    pub rows: Vec<DraftRow>,
    pub choice: usize,
    /// `x` was pressed once on this draft: a second press discards it.
    pub armed: Option<ClientRef>,
}

impl DraftsPopup {
    pub fn new(drafts: &[Draft], ui: &Shared) -> DraftsPopup {
        let rows = drafts
            .iter()
            .map(|d| DraftRow {
                client: d.client,
                name: ui.clients.name_of(d.client),
                saved_at: d.saved_at,
                written: d
                    .sections
                    .iter()
                    .filter(|s| !s.text.trim().is_empty())
                    .count(),
                words: d
                    .sections
                    .iter()
                    .map(|s| s.text.split_whitespace().count())
                    .sum(),
            })
            .collect();
        DraftsPopup {
            rows,
            choice: 0,
            armed: None,
        }
    }

    fn inner(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        // The last row says what the keys do.
        let list = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let first = first_shown(self.choice, self.rows.len(), usize::from(list.height));
        (list, first)
    }
}

impl Popup for DraftsPopup {
    fn mode(&self) -> Mode {
        Mode::Drafts
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.rows.len(), &mut self.choice, action);
                self.armed = None;
            }
            Action::Back if self.armed.is_some() => self.armed = None,
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                return match self.rows.get(self.choice) {
                    Some(r) => EventResult::Close(Some(Choice::ResumeDraft(r.client))),
                    None => EventResult::Close(None),
                };
            }
            Action::Discard => {
                let Some(row) = self.rows.get(self.choice) else {
                    return EventResult::Consumed;
                };
                let client = row.client;
                if self.armed != Some(client) {
                    self.armed = Some(client);
                    return EventResult::Consumed;
                }
                self.armed = None;
                if let Some(session) = cx.session() {
                    cx.job(Task::DiscardDraft { session, client });
                }
                if cx
                    .ui
                    .pending_draft
                    .as_ref()
                    .is_some_and(|d| d.client == client)
                {
                    cx.ui.pending_draft = None;
                }
                cx.say(format!("discarded your draft for {client}"));
                self.rows.retain(|r| r.client != client);
                self.choice = self.choice.min(self.rows.len().saturating_sub(1));
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, first) = self.inner(area);
        if let Some(at) = row_at(list, first, row, col, self.rows.len()) {
            self.choice = at;
            self.armed = None;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.rows.len(), &mut self.choice, down);
        self.armed = None;
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "A draft is a note you started and did not save: kept sealed, one per client, \
             readable by you alone. It stays until you save that client's note or discard it; \
             saving a note for another client never touches it. Pressing n on a client with a \
             draft resumes it too."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (list, first) = self.inner(area);
        let shown = usize::from(list.height);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.rows.is_empty() {
            lines.push(Line::from(Span::styled(
                " You have no kept drafts.",
                v.style(R::Base),
            )));
        }
        for (i, r) in self.rows.iter().enumerate().skip(first).take(shown) {
            let st = if i == self.choice {
                v.style(R::Selection)
            } else {
                v.style(R::Base)
            };
            let name = r
                .name
                .as_deref()
                .map(|n| domain::visible_line(n).into_owned())
                .unwrap_or_else(|| "(not on your list)".into());
            let tail = format!(
                "kept {}  {} words",
                domain::format_time(r.saved_at),
                r.words
            );
            let room = width.saturating_sub(tail.chars().count() + 13);
            let name: String = name.chars().take(room).collect();
            let pad = room.saturating_sub(name.chars().count());
            lines.push(Line::from(Span::styled(
                format!(" {:<10} {name}{} {tail} ", r.client, " ".repeat(pad)),
                st,
            )));
        }
        lines.resize(shown, Line::default());
        let foot = match self.armed {
            Some(c) => Line::from(Span::styled(
                format!(" Press x again to discard the draft for {c}; Esc keeps it."),
                v.style(R::Warning),
            )),
            None => Line::from(Span::styled(
                " Enter resumes · x discards · Esc closes",
                v.style(R::Dim),
            )),
        };
        lines.push(foot);
        let below = self.rows.len().saturating_sub(first + shown);
        let mut b = block(v, " Your kept drafts ", true);
        if !self.rows.is_empty() {
            b = b.title_bottom(position(v, "", self.choice, self.rows.len()));
        }
        let b = scroll_marks(v, b, first, below);
        popup_block(f, area, b, v, lines, SIZE);
    }
}
