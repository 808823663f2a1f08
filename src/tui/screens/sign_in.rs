//! The sign-in screen: username and password; the key derivation runs on the worker.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::{Screen, edit};
use crate::session::SessionError;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, credentials_box, field, spinner};

/// The sign-in form.
pub struct SignIn {
    pub username: String,
    pub password: Zeroizing<String>,
    pub on_password: bool,
    pub error: Option<Failure>,
}

/// Why the last sign-in (or unlock) failed, as the session said; a wait it asked for counts
/// down on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub text: String,
    /// For too many failed attempts: when the answer came, and the seconds it asked to wait.
    pub wait: Option<(SystemTime, u64)>,
}

impl Failure {
    /// A message of the app's own (a theme that could not be loaded, a missing username).
    pub fn plain(text: impl Into<String>) -> Failure {
        Failure {
            text: text.into(),
            wait: None,
        }
    }

    /// The session's answer, arrived at `now`. On the lock screen, which asks for no
    /// username, a wrong password is called just that.
    pub fn of(e: &SessionError, now: SystemTime, unlocking: bool) -> Failure {
        let text = match e {
            SessionError::BadCredentials if unlocking => "wrong password".to_string(),
            other => other.to_string(),
        };
        let wait = match e {
            SessionError::RateLimited(secs) => Some((now, u64::try_from(*secs).unwrap_or(0))),
            _ => None,
        };
        Failure { text, wait }
    }

    /// The message at `now`: a wait shows the seconds left, then that it is over.
    pub fn shown(&self, now: SystemTime) -> String {
        let Some((at, secs)) = self.wait else {
            return self.text.clone();
        };
        let gone = now.duration_since(at).unwrap_or_default().as_secs();
        let left = secs.saturating_sub(gone);
        if left == 0 {
            return "you can try again now".into();
        }
        let asked = format!("wait {secs} s");
        if self.text.contains(&asked) {
            self.text.replace(&asked, &format!("wait {left} s"))
        } else {
            format!("{} ({left} s left)", self.text)
        }
    }
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
    pub fn failed(&mut self, error: Failure) {
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
                    self.error = Some(Failure::plain("type your username"));
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
        let lines = vec![
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
        ];
        let message = match (&v.ui.busy, &self.error) {
            (Some(b), _) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (None, Some(e)) => Some((e.shown(v.now), v.style(R::Error))),
            (None, None) => None,
        };
        let boxed = credentials_box(f, area, v, lines, message);
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
                .style(v.style(R::Base))
                .wrap(Wrap { trim: true }),
                below,
            );
        }
    }
}
