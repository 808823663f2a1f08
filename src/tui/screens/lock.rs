//! The lock screen: nothing about anyone, a password to unlock, or a switch of user. What is
//! wiped on the way here is the router's business (`App::lock`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use zeroize::Zeroizing;

use super::sign_in::{new_password, sign_in_task};
use super::{Screen, edit};
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, spinner};

pub struct Locked {
    pub password: Zeroizing<String>,
    pub error: Option<String>,
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
        let mut lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Screen locked", v.style(R::Warning))),
            Line::default(),
            field(
                v,
                "Password",
                "•".repeat(self.password.chars().count()),
                true,
            ),
            Line::default(),
        ];
        if let Some(b) = &v.ui.busy {
            lines.push(Line::from(format!("{} {b}", spinner(v.now))));
        } else if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(e.clone(), v.style(R::Error))));
        }
        let boxed = centered(area, 50, 9);
        f.render_widget(Paragraph::new(lines).block(block(v, "", true)), boxed);
    }
}
