//! A question with two answers and a way back: `1`, `2` or `Esc`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Choice, EventResult, Popup};
use crate::domain::{ClientRef, NoteId, visible_line};
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, popup_box, wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Quitting with a note in progress: keep it as a draft and quit, or discard it and quit.
    QuitWithDraft,
    /// `Esc` in the editor: keep as draft, or discard.
    LeaveEditor,
    /// A kept draft found at sign-in: resume, or discard (`Esc`: later).
    ResumeDraft,
    /// Sign a note off (it is then locked against corrections).
    SignOff,
    /// A finding on a break-glass access: justified, or a concern.
    ReviewAccess,
    /// Saving a note with a referral when the client has no current consent to share.
    NoConsent,
    /// Closing a client's case (its retention period starts).
    CloseCase,
    /// Recording a disclosure on the basis of consent when the client has no current consent
    /// to share.
    DiscloseWithoutConsent,
}

/// Which answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    First,
    Second,
}

pub struct ConfirmPopup {
    pub kind: Confirm,
    /// Who the question is about ("C-000012 Ann Example"), where it names someone.
    pub about: Option<String>,
}

impl ConfirmPopup {
    pub fn new(kind: Confirm) -> ConfirmPopup {
        ConfirmPopup { kind, about: None }
    }

    /// A finding on break-glass access `event`.
    pub fn review(event: u64) -> ConfirmPopup {
        ConfirmPopup {
            kind: Confirm::ReviewAccess,
            about: Some(format!("access {event}")),
        }
    }

    /// Signing note `note` off.
    pub fn sign_off(note: NoteId) -> ConfirmPopup {
        ConfirmPopup {
            kind: Confirm::SignOff,
            about: Some(note.to_string()),
        }
    }

    /// Closing `client`'s case, kept for `years` from today.
    pub fn close_case(client: ClientRef, years: u32) -> ConfirmPopup {
        ConfirmPopup {
            kind: Confirm::CloseCase,
            about: Some(format!("{client}|{years}")),
        }
    }

    /// A kept draft found at sign-in, naming the client it is about.
    pub fn resume(client: ClientRef, name: Option<&str>) -> ConfirmPopup {
        let about = match name {
            Some(n) => format!("{client} {}", visible_line(n)),
            None => client.to_string(),
        };
        ConfirmPopup {
            kind: Confirm::ResumeDraft,
            about: Some(about),
        }
    }

    /// The question, the two answers and what `Esc` does.
    fn words(&self) -> [String; 4] {
        if let (Confirm::ReviewAccess, Some(about)) = (self.kind, &self.about) {
            return [
                format!("Review {about}: what do you find? (you add a comment next; logged)"),
                "justified: the access was needed".into(),
                "a concern: to follow up".into(),
                "not now".into(),
            ];
        }
        if let (Confirm::SignOff, Some(about)) = (self.kind, &self.about) {
            return [
                format!(
                    "Sign {about} off? It is marked reviewed by you, now, and locked: its \
                     author can no longer correct it (addenda may still be added). Logged."
                ),
                "sign it off".into(),
                "not now".into(),
                "not now".into(),
            ];
        }
        if let (Confirm::CloseCase, Some(about)) = (self.kind, &self.about) {
            let (client, years) = about.split_once('|').unwrap_or((about, "6"));
            return [
                format!(
                    "Close {client}'s case? Its records are then kept for {years} years from \
                     today (the office's policy) and can be erased after that. Notes can still \
                     be read. Logged."
                ),
                "close the case".into(),
                "not now".into(),
                "not now".into(),
            ];
        }
        if let (Confirm::ResumeDraft, Some(about)) = (self.kind, &self.about) {
            return [
                format!("You have an unsaved note about {about}."),
                "resume it now".into(),
                "discard it".into(),
                "later (it stays kept; D lists your drafts)".into(),
            ];
        }
        let w: [&str; 4] = match self.kind {
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
            Confirm::NoConsent => [
                "This note records a referral, but the client has no current consent to share \
                 (none recorded, expired or withdrawn). Record consent first (K on the client), \
                 or save if another lawful basis applies.",
                "save the note anyway",
                "go back to the note",
                "go back to the note",
            ],
            Confirm::DiscloseWithoutConsent => [
                "The basis is the client's consent, but the client has no current consent to \
                 share (none recorded, expired or withdrawn). Record consent first (K on the \
                 client), choose another lawful basis, or record it anyway.",
                "record the disclosure anyway (logged)",
                "go back to the form",
                "go back to the form",
            ],
            Confirm::ReviewAccess => [
                "What do you find?",
                "justified: the access was needed",
                "a concern: to follow up",
                "not now",
            ],
            Confirm::CloseCase => [
                "Close this client's case? Its records are then kept for the office's \
                 retention period and can be erased after that. Logged.",
                "close the case",
                "not now",
                "not now",
            ],
            Confirm::SignOff => [
                "Sign this note off? It is marked reviewed by you, now, and locked: its author \
                 can no longer correct it (addenda may still be added). Logged.",
                "sign it off",
                "not now",
                "not now",
            ],
        };
        w.map(String::from)
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
        let width = 60.min(area.width);
        let mut lines: Vec<Line> = wrap(&q, usize::from(width.saturating_sub(2)))
            .into_iter()
            .map(|l| Line::from(Span::styled(l, v.style(R::Warning))))
            .collect();
        lines.extend([Line::default(), k("1", &one), k("2", &two), k("Esc", &esc)]);
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        popup_box(f, area, v, " Confirm ", lines, (width, height));
    }
}
