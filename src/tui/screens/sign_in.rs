//! The sign-in screen: username and password; the key derivation runs on the worker.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::{Screen, edit};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, spinner};

/// The sign-in form.
pub struct SignIn {
    pub username: String,
    pub password: Zeroizing<String>,
    pub on_password: bool,
    pub error: Option<String>,
}

impl SignIn {
    /// The form, with the username filled in if one was given (`--user`).
    pub fn new(user: Option<&str>) -> SignIn {
        SignIn {
            username: user.unwrap_or_default().to_string(),
            password: new_password(),
            on_password: user.is_some(),
            error: None,
        }
    }

    /// The worker said no.
    pub fn failed(&mut self, error: String) {
        self.error = Some(error);
        self.on_password = true;
    }
}

/// Room for a password, so typing one never leaves a copy behind in a freed buffer.
pub fn new_password() -> Zeroizing<String> {
    Zeroizing::new(String::with_capacity(256))
}

/// A sign-in job for `user` with the typed password, which is wiped here.
pub fn sign_in_task(
    cx: &mut Cx<'_>,
    user: String,
    password: &mut Zeroizing<String>,
    unlock: bool,
) -> Task {
    cx.busy("Checking the password…");
    let secret = SecretString::from(password.as_str().to_string());
    password.zeroize();
    Task::SignIn {
        store: cx.ui.store.clone(),
        user,
        password: secret,
        unlock,
    }
}

impl Screen for SignIn {
    fn mode(&self) -> Mode {
        Mode::SignIn
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::NextField => self.on_password = !self.on_password,
            Action::Open if cx.ui.busy.is_none() => {
                if self.username.trim().is_empty() {
                    self.error = Some("type your username".into());
                    self.on_password = false;
                } else if !self.on_password && self.password.is_empty() {
                    self.on_password = true;
                } else {
                    self.error = None;
                    let user = self.username.trim().to_string();
                    let task = sign_in_task(cx, user, &mut self.password, false);
                    cx.job(task);
                }
            }
            Action::Open => {}
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if self.on_password {
            edit(&mut self.password, &key);
        } else {
            edit(&mut self.username, &key);
        }
        EventResult::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let mut lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Sign in", v.style(R::Dim))),
            Line::default(),
            field(v, "Username", self.username.clone(), !self.on_password),
            field(
                v,
                "Password",
                "•".repeat(self.password.chars().count()),
                self.on_password,
            ),
            Line::default(),
        ];
        if let Some(b) = &v.ui.busy {
            lines.push(Line::from(Span::styled(
                format!("{} {b}", spinner(v.now)),
                v.style(R::Dim),
            )));
        } else if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(e.clone(), v.style(R::Error))));
        }
        let boxed = centered(area, 56, 11);
        f.render_widget(Clear, boxed);
        f.render_widget(Paragraph::new(lines).block(block(v, "", true)), boxed);
        if let Some((accounts, password)) = &v.ui.options.demo {
            let below = Rect {
                y: boxed.y + boxed.height,
                height: area
                    .height
                    .saturating_sub(boxed.y + boxed.height - area.y)
                    .min(4),
                ..boxed
            };
            f.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        "Demo store (synthetic data only)",
                        v.style(R::Warning),
                    )),
                    Line::from(format!("Accounts: {}", accounts.join(", "))),
                    Line::from(format!("Password: {password}")),
                ])
                .wrap(Wrap { trim: true }),
                below,
            );
        }
    }
}
