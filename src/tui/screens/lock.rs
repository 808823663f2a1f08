//! The lock screen: nothing about anyone, a password to unlock, or a switch of user. What is
//! wiped on the way here is the router's business (`App::lock`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use zeroize::Zeroizing;

use super::sign_in::{Failure, new_password, sign_in_task};
use super::{Screen, edit};
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, credentials_box, field, spinner};

pub struct Locked {
    pub password: Zeroizing<String>,
    pub error: Option<Failure>,
}

impl Default for Locked {
    fn default() -> Self {
        Locked {
            password: new_password(),
            error: None,
        }
    }
}

impl Screen for Locked {
    fn mode(&self) -> Mode {
        Mode::Locked
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Open if cx.ui.busy.is_none() => {
                if let Some(user) = cx.ui.who.as_ref().map(|w| w.name.clone()) {
                    self.error = None;
                    let task = sign_in_task(cx, user, &mut self.password, true);
                    cx.job(task);
                }
            }
            Action::SwitchUser => cx.switch_user(),
            Action::Open => {}
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        edit(&mut self.password, &key);
        EventResult::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Screen locked", v.style(R::Warning))),
            Line::default(),
            field(
                v,
                "Password",
                "•".repeat(self.password.chars().count()),
                true,
            ),
        ];
        let message = match (&v.ui.busy, &self.error) {
            (Some(b), _) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (None, Some(e)) => Some((e.shown(v.now), v.style(R::Error))),
            (None, None) => None,
        };
        credentials_box(f, area, v, lines, message);
    }
}
