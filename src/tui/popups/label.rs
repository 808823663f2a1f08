//! Choosing from a short list for the editor: a section's sensitivity label, or a section to
//! add (Health, Finances, …) with the label it starts with.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Choice, EventResult, Popup};
use crate::domain::Sensitivity;
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::editor::{EXTRA, all_labels};
use crate::tui::screens::move_in;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, label_style, popup_box};

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

impl Popup for ListPopup {
    fn mode(&self) -> Mode {
        match self.kind {
            ListKind::Label => Mode::Label,
            ListKind::AddSection => Mode::AddSection,
        }
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down => move_in(self.len(), &mut self.choice, action),
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

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let selected = |i: usize| i == self.choice;
        match self.kind {
            ListKind::Label => {
                let lines = all_labels()
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let st = if selected(i) {
                            v.style(R::Selection)
                        } else {
                            label_style(v, l)
                        };
                        Line::from(Span::styled(format!(" {l} "), st))
                    })
                    .collect();
                popup_box(
                    f,
                    area,
                    v,
                    " Label for this section ".into(),
                    lines,
                    (40, 13),
                );
            }
            ListKind::AddSection => {
                let lines = EXTRA
                    .iter()
                    .enumerate()
                    .map(|(i, (h, l))| {
                        let st = if selected(i) {
                            v.style(R::Selection)
                        } else {
                            v.style(R::Base)
                        };
                        Line::from(Span::styled(format!(" {h}  [{l}] "), st))
                    })
                    .collect();
                popup_box(f, area, v, " Add a section ".into(), lines, (50, 7));
            }
        }
    }
}
