//! Choosing one's own password, before anything else, when an administrator set it (a reset,
//! or an account enabled again): the session refuses every other use case until then. The new
//! password is typed twice, masked; the session's strength check decides, and its words are
//! shown on a refusal. Afterwards the person goes on to their usual first screen.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::sign_in::new_password;
use super::{Screen, edit};
use crate::session::MAX_PASSWORD_CHARS;
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, credentials_box, field, spinner};

pub struct NewPassword {
    /// The new password, then the same again.
    pub fields: [Zeroizing<String>; 2],
    pub focus: usize,
    /// Why the last one was not taken (the session's words, or that the two differ).
    pub error: Option<String>,
    /// The change is with the worker.
    pub pending: bool,
}

impl Default for NewPassword {
    fn default() -> Self {
        NewPassword {
            fields: [new_password(), new_password()],
            focus: 0,
            error: None,
            pending: false,
        }
    }
}

impl NewPassword {
    /// The session said no: its words, and both fields to type again.
    pub fn refused(&mut self, e: String) {
        self.pending = false;
        self.error = Some(e);
        self.focus = 0;
    }

    fn submit(&mut self, cx: &mut Cx<'_>) {
        let [first, again] = &mut self.fields;
        let problem = if first.is_empty() {
            Some("type a new password")
        } else if first.as_str() != again.as_str() {
            Some("the two passwords differ: type them again")
        } else {
            None
        };
        if let Some(p) = problem {
            first.zeroize();
            again.zeroize();
            self.error = Some(p.into());
            self.focus = 0;
            return;
        }
        let Some(session) = cx.session() else { return };
        let password = SecretString::from(first.as_str().to_string());
        first.zeroize();
        again.zeroize();
        self.focus = 0;
        self.error = None;
        self.pending = true;
        cx.busy("Setting your password…");
        cx.job(Task::Admin(AdminTask::ChoosePassword { session, password }));
    }
}

impl Screen for NewPassword {
    fn mode(&self) -> Mode {
        Mode::NewPassword
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            _ if self.pending && matches!(action, Action::NextField | Action::Open) => {}
            Action::NextField => self.focus = 1 - self.focus,
            Action::Open if self.focus == 0 && !self.fields[0].is_empty() => self.focus = 1,
            Action::Open => self.submit(cx),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if self.pending {
            return EventResult::Consumed;
        }
        let f = &mut self.fields[self.focus];
        if f.chars().count() < MAX_PASSWORD_CHARS
            || key.code == ratatui::crossterm::event::KeyCode::Backspace
        {
            edit(f, &key);
        }
        EventResult::Consumed
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        vec![
            "An administrator set your password, so they know it: choose one of your own before \
             anything else. It is checked for length and strength (a few unrelated words make a \
             good one). Changing it is logged; an adviser or supervisor then waits for a \
             supervisor to confirm the account."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let min =
            v.ui.session
                .as_ref()
                .map_or(0, |s| s.policy().password_min_length);
        let lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Choose a new password", v.style(R::Warning))),
            Line::from(Span::styled(
                format!("An administrator set yours. At least {min} characters."),
                v.style(R::Dim),
            )),
            Line::default(),
            field(
                v,
                "New",
                "•".repeat(self.fields[0].chars().count()),
                self.focus == 0,
            ),
            field(
                v,
                "Again",
                "•".repeat(self.fields[1].chars().count()),
                self.focus == 1,
            ),
        ];
        let message = match (&v.ui.busy, &self.error) {
            (Some(b), _) if self.pending => {
                Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim)))
            }
            (_, Some(e)) => Some((e.clone(), v.style(R::Error))),
            _ => None,
        };
        credentials_box(f, area, v, lines, message);
    }
}
