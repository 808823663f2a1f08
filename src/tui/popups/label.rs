//! Choosing from a short list for the editor: a section's sensitivity label, or a section to
//! add (Health, Finances, …) with the label it starts with.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{Choice, EventResult, Popup};
use crate::domain::Sensitivity;
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::editor::{EXTRA, all_labels};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, label_style, popup_block, popup_rect, row_at, scroll_marks,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Every label a section may carry.
    Label,
    /// The sections that can be added.
    AddSection,
}

pub struct ListPopup {
    pub kind: ListKind,
    pub choice: usize,
}

impl ListPopup {
    /// The labels, with the cursor on `current`.
    pub fn labels(current: Option<Sensitivity>) -> ListPopup {
        ListPopup {
            kind: ListKind::Label,
            choice: all_labels()
                .iter()
                .position(|l| Some(*l) == current)
                .unwrap_or(0),
        }
    }

    pub fn sections() -> ListPopup {
        ListPopup {
            kind: ListKind::AddSection,
            choice: 0,
        }
    }

    fn len(&self) -> usize {
        match self.kind {
            ListKind::Label => all_labels().len(),
            ListKind::AddSection => EXTRA.len(),
        }
    }
}

impl ListPopup {
    /// The box's title and size.
    fn frame(&self) -> (&'static str, (u16, u16)) {
        match self.kind {
            ListKind::Label => (" Label for this section ", (40, 13)),
            ListKind::AddSection => (" Add a section ", (50, 7)),
        }
    }

    /// Where the rows are drawn over `area`, and the first row shown.
    fn rows(&self, area: Rect) -> (Rect, usize) {
        let (_, size) = self.frame();
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, size));
        let first = first_shown(self.choice, self.len(), usize::from(inner.height));
        (inner, first)
    }
}

impl Popup for ListPopup {
    fn mode(&self) -> Mode {
        match self.kind {
            ListKind::Label => Mode::Label,
            ListKind::AddSection => Mode::AddSection,
        }
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.len(), &mut self.choice, action);
            }
            Action::Back => return EventResult::Close(None),
            Action::Open => {
                let choice = match self.kind {
                    ListKind::Label => all_labels().get(self.choice).map(|l| Choice::Label(*l)),
                    ListKind::AddSection => Some(Choice::AddSection(self.choice)),
                };
                return EventResult::Close(choice);
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (inner, first) = self.rows(area);
        if let Some(at) = row_at(inner, first, row, col, self.len()) {
            self.choice = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.len(), &mut self.choice, down);
    }

    fn help_notes(&self) -> Vec<String> {
        match self.kind {
            ListKind::Label => vec![
                "ordinary: shown to anyone who opens the client. confidential, and the special \
                 categories of UK GDPR (health, religion, …): masked when read back; revealing \
                 them asks why and is logged."
                    .into(),
            ],
            ListKind::AddSection => Vec::new(),
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let selected = |i: usize| i == self.choice;
        let (title, size) = self.frame();
        let (inner, first) = self.rows(area);
        let shown = usize::from(inner.height);
        let lines: Vec<Line> = match self.kind {
            ListKind::Label => all_labels()
                .into_iter()
                .enumerate()
                .skip(first)
                .take(shown)
                .map(|(i, l)| {
                    let st = if selected(i) {
                        v.style(R::Selection)
                    } else {
                        label_style(v, l)
                    };
                    Line::from(Span::styled(format!(" {l} "), st))
                })
                .collect(),
            ListKind::AddSection => EXTRA
                .iter()
                .enumerate()
                .skip(first)
                .take(shown)
                .map(|(i, (h, l))| {
                    let st = if selected(i) {
                        v.style(R::Selection)
                    } else {
                        v.style(R::Base)
                    };
                    Line::from(Span::styled(format!(" {h}  [{l}] "), st))
                })
                .collect(),
        };
        let below = self.len().saturating_sub(first + shown);
        let b = scroll_marks(v, block(v, title, true), first, below);
        popup_block(f, area, b, v, lines, size);
    }
}
