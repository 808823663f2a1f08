//! The lock screen: nothing about anyone, a password to unlock (with the key file and a fresh
//! one-time code, for an account that has them: unlocking is a new sign-in), or a switch of
//! user. What is wiped on the way here is the router's business (`App::lock`).

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use zeroize::Zeroizing;

use super::sign_in::{Failure, Field, SecondFields, new_password, sign_in_task};
use super::{Screen, edit};
use crate::session::Factors;
use crate::tui::app::{Cx, Shared};
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, credentials_box, field, spinner};

pub struct Locked {
    pub password: Zeroizing<String>,
    /// The key file (its path offered again) and a code, for an account that has them.
    pub second: SecondFields,
    pub focus: Field,
    pub error: Option<Failure>,
}

impl Default for Locked {
    fn default() -> Self {
        Locked::asking(Factors::default(), None)
    }
}

impl Locked {
    /// The lock screen of an account with `factors`, offering the key file at `path`.
    pub fn asking(factors: Factors, path: Option<&Path>) -> Locked {
        Locked {
            password: new_password(),
            second: SecondFields::new(factors, path),
            focus: Field::Password,
            error: None,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let mut fields = vec![Field::Password];
        fields.extend(self.second.shown());
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        self.focus = fields[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }
}

impl Screen for Locked {
    fn mode(&self) -> Mode {
        if self.focus == Field::KeyFile {
            Mode::KeyFilePath
        } else {
            Mode::Locked
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Complete => self.second.complete(),
            Action::Open if cx.ui.busy.is_none() => {
                if let Some((field, what)) = self.second.missing() {
                    if self.focus == field {
                        self.error = Some(Failure::plain(what));
                    }
                    self.focus = field;
                } else if let Some(user) = cx.ui.who.as_ref().map(|w| w.name.clone()) {
                    self.error = None;
                    let second = self.second.take();
                    if second.0.is_some() {
                        cx.ui.options.key_file = second.0.clone();
                    }
                    let task = sign_in_task(cx, user, &mut self.password, second, true);
                    cx.job(task);
                    self.focus = Field::Password;
                }
            }
            Action::SwitchUser => cx.switch_user(),
            Action::Open => {}
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        match self.focus {
            Field::Password => {
                edit(&mut self.password, &key);
            }
            f => self.second.edit(f, &key),
        }
        EventResult::Consumed
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        if self.second.factors.any() {
            vec![
                "Unlocking is a new sign-in: the password, and the key file and a new one-time \
                 code for an account that has them."
                    .into(),
            ]
        } else {
            Vec::new()
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let mut lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Screen locked", v.style(R::Warning))),
            Line::default(),
            field(
                v,
                "Password",
                "•".repeat(self.password.chars().count()),
                self.focus == Field::Password,
            ),
        ];
        lines.extend(self.second.lines(v, self.focus));
        let message = match (&v.ui.busy, &self.error) {
            (Some(b), _) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (None, Some(e)) => Some((e.shown(v.now), v.style(R::Error))),
            (None, None) => None,
        };
        credentials_box(f, area, v, lines, message);
    }
}
