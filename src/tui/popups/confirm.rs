//! A question with two answers and a way back: `1`, `2` or `Esc`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Choice, EventResult, Popup};
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, popup_box};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Quitting with a note in progress: keep it as a draft and quit, or discard it and quit.
    QuitWithDraft,
    /// `Esc` in the editor: keep as draft, or discard.
    LeaveEditor,
    /// A kept draft found at sign-in: resume, or discard (`Esc`: later).
    ResumeDraft,
}

/// Which answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    First,
    Second,
}

pub struct ConfirmPopup {
    pub kind: Confirm,
}

impl ConfirmPopup {
    pub fn new(kind: Confirm) -> ConfirmPopup {
        ConfirmPopup { kind }
    }

    /// The question, the two answers and what `Esc` does.
    fn words(&self) -> [&'static str; 4] {
        match self.kind {
            Confirm::QuitWithDraft => [
                "This note is not saved.",
                "keep it as a draft and quit",
                "discard it and quit",
                "go back to the note",
            ],
            Confirm::LeaveEditor => [
                "Leave this note?",
                "keep it as a draft",
                "discard it",
                "go back to the note",
            ],
            Confirm::ResumeDraft => [
                "You have an unsaved note from before.",
                "resume it now",
                "discard it",
                "later (it stays kept)",
            ],
        }
    }
}

impl Popup for ConfirmPopup {
    fn mode(&self) -> Mode {
        Mode::Confirm
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        let pick = match action {
            Action::Choose('1') => Pick::First,
            Action::Choose('2') => Pick::Second,
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        };
        EventResult::Close(Some(Choice::Confirmed(self.kind, pick)))
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [q, one, two, esc] = self.words();
        let k = |key: &str, what: &str| {
            Line::from(vec![
                Span::styled(format!(" {key:<4}"), v.style(R::Hint)),
                Span::raw(what.to_string()),
            ])
        };
        let lines = vec![
            Line::from(Span::styled(q, v.style(R::Warning))),
            Line::default(),
            k("1", one),
            k("2", two),
            k("Esc", esc),
        ];
        popup_box(f, area, v, " Confirm ", lines, (50, 7));
    }
}
