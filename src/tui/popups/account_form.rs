//! An account's details for an administrator's change: a new account's name, role and
//! temporary password, or a temporary password alone (resetting one, enabling a disabled
//! account), or the administrator's own new password. Passwords are typed twice and masked.
//!
//! The form stays open while the worker derives the key and the session decides: a refusal
//! (a weak password, a name taken) is shown in it, in the session's words, with the passwords
//! to type again; a change made closes it (see `App`'s admin replies).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::{EventResult, Popup};
use crate::domain::{Role, visible_line};
use crate::session::MAX_PASSWORD_CHARS;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::{AdminTask, Change};
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::edit;
use crate::tui::screens::sign_in::new_password;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, spinner, wrap};

/// What the form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    Add,
    /// A temporary password for this account.
    Reset(String),
    /// This disabled account enabled again, with a temporary password.
    Enable(String),
    /// The administrator's own new password.
    Own(String),
}

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Role,
    Password,
    Again,
}

/// The roles offered, in order.
pub const ROLES: [Role; 3] = [Role::Adviser, Role::Supervisor, Role::Admin];

/// The longest name typed (the session checks names itself).
const MAX_NAME: usize = 64;

pub struct AccountForm {
    pub purpose: FormFor,
    pub name: String,
    pub role: Role,
    /// The password, then the same again.
    pub passwords: [Zeroizing<String>; 2],
    /// An index into [`AccountForm::fields`].
    pub focus: usize,
    /// Why the form was not taken (the session's words, or that the passwords differ).
    pub error: Option<String>,
    /// The change is with the worker.
    pub pending: bool,
}

impl AccountForm {
    fn new(purpose: FormFor) -> AccountForm {
        AccountForm {
            purpose,
            name: String::new(),
            role: Role::Adviser,
            passwords: [new_password(), new_password()],
            focus: 0,
            error: None,
            pending: false,
        }
    }

    pub fn add() -> AccountForm {
        Self::new(FormFor::Add)
    }

    pub fn reset(name: String) -> AccountForm {
        Self::new(FormFor::Reset(name))
    }

    pub fn enable(name: String) -> AccountForm {
        Self::new(FormFor::Enable(name))
    }

    pub fn own(name: String) -> AccountForm {
        Self::new(FormFor::Own(name))
    }

    /// The fields, in order.
    pub fn fields(&self) -> &'static [Field] {
        match self.purpose {
            FormFor::Add => &[Field::Name, Field::Role, Field::Password, Field::Again],
            _ => &[Field::Password, Field::Again],
        }
    }

    pub fn focused(&self) -> Field {
        self.fields()
            .get(self.focus)
            .copied()
            .unwrap_or(Field::Password)
    }

    /// The account the change is about (typed, for a new one).
    pub fn account(&self) -> &str {
        match &self.purpose {
            FormFor::Add => self.name.trim(),
            FormFor::Reset(n) | FormFor::Enable(n) | FormFor::Own(n) => n,
        }
    }

    /// The session refused: its words, and the passwords to type again.
    pub fn refused(&mut self, e: String) {
        self.pending = false;
        self.error = Some(e);
        for p in &mut self.passwords {
            p.zeroize();
        }
        self.focus = self
            .fields()
            .iter()
            .position(|f| *f == Field::Password)
            .unwrap_or(0);
    }

    fn cycle_role(&mut self, forward: bool) {
        let at = ROLES.iter().position(|r| *r == self.role).unwrap_or(0);
        let n = ROLES.len();
        self.role = ROLES[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    fn submit(&mut self, cx: &mut Cx<'_>) -> EventResult {
        let problem = if self.account().is_empty() {
            Some("type the account's name")
        } else if self.passwords[0].is_empty() {
            Some("type a password")
        } else if self.passwords[0].as_str() != self.passwords[1].as_str() {
            Some("the two passwords differ: type them again")
        } else {
            None
        };
        if let Some(p) = problem {
            self.refused(p.into());
            if self.account().is_empty() {
                self.focus = 0;
            }
            return EventResult::Consumed;
        }
        let Some(session) = cx.session() else {
            return EventResult::Close(None);
        };
        let password = SecretString::from(self.passwords[0].as_str().to_string());
        for p in &mut self.passwords {
            p.zeroize();
        }
        let change = match self.purpose {
            FormFor::Add => Change::Add {
                role: self.role,
                password,
            },
            FormFor::Reset(_) => Change::Reset { password },
            FormFor::Enable(_) => Change::Enable { password },
            FormFor::Own(_) => Change::Own { password },
        };
        self.error = None;
        self.pending = true;
        cx.busy("Setting the password…");
        cx.job(Task::Admin(AdminTask::Change {
            session,
            name: self.account().to_lowercase(),
            change,
        }));
        EventResult::Consumed
    }

    fn title(&self) -> String {
        match &self.purpose {
            FormFor::Add => " New account ".into(),
            FormFor::Reset(n) => format!(" Temporary password for {} ", visible_line(n)),
            FormFor::Enable(n) => format!(" Enable {}: temporary password ", visible_line(n)),
            FormFor::Own(_) => " Your new password ".into(),
        }
    }

    fn lines<'a>(&self, v: &View<'_>, width: usize) -> Vec<Line<'a>> {
        let mut lines = Vec::new();
        for (i, f) in self.fields().iter().enumerate() {
            let focus = i == self.focus;
            lines.push(match f {
                Field::Name => field(v, "Name", visible_line(&self.name).into_owned(), focus),
                Field::Role => {
                    let mut spans =
                        vec![Span::styled(format!("{:<10}", "Role"), v.style(R::Label))];
                    for r in ROLES {
                        let st = if r == self.role {
                            if focus {
                                v.style(R::Selection)
                            } else {
                                v.style(R::Input)
                            }
                        } else {
                            v.style(R::Dim)
                        };
                        spans.push(Span::styled(format!(" {r} "), st));
                    }
                    if focus {
                        spans.push(Span::styled("  ←/→", v.style(R::Hint)));
                    }
                    Line::from(spans)
                }
                Field::Password => field(
                    v,
                    "Password",
                    "•".repeat(self.passwords[0].chars().count()),
                    focus,
                ),
                Field::Again => field(
                    v,
                    "Again",
                    "•".repeat(self.passwords[1].chars().count()),
                    focus,
                ),
            });
        }
        lines.push(Line::default());
        let (text, style) = match (&self.error, self.pending, &v.ui.busy) {
            (_, true, Some(b)) => (format!("{} {b}", spinner(v.now)), v.style(R::Dim)),
            (Some(e), _, _) => (format!("Not accepted: {e}"), v.style(R::Error)),
            _ => (
                match self.purpose {
                    FormFor::Own(_) => {
                        "Your own password: a few unrelated words make a good one.".to_string()
                    }
                    FormFor::Add => "The account's first password: tell it to its holder in \
                                     person. An adviser or supervisor then waits for a \
                                     supervisor to confirm it."
                        .to_string(),
                    _ => "A temporary password: the account must choose its own at its next \
                          sign-in. Tell it to them in person."
                        .to_string(),
                },
                v.style(R::Dim),
            ),
        };
        for l in wrap(&text, width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
        lines
    }
}

impl Popup for AccountForm {
    fn mode(&self) -> Mode {
        Mode::AccountForm
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        let n = self.fields().len();
        if self.pending && action != Action::Back {
            return EventResult::Consumed;
        }
        match action {
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::NextChoice if self.focused() == Field::Role => self.cycle_role(true),
            Action::PrevChoice if self.focused() == Field::Role => self.cycle_role(false),
            Action::NextChoice | Action::PrevChoice => {}
            Action::Save => return self.submit(cx),
            Action::Open if self.focus + 1 < n => self.focus += 1,
            Action::Open => return self.submit(cx),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if self.pending {
            return EventResult::Consumed;
        }
        let backspace = key.code == KeyCode::Backspace;
        let changed = match self.focused() {
            Field::Name => {
                (self.name.chars().count() < MAX_NAME || backspace) && edit(&mut self.name, &key)
            }
            Field::Role => {
                if key.code == KeyCode::Char(' ') {
                    self.cycle_role(true);
                }
                false
            }
            Field::Password | Field::Again => {
                let i = usize::from(self.focused() == Field::Again);
                let p = &mut self.passwords[i];
                (p.chars().count() < MAX_PASSWORD_CHARS || backspace) && edit(p, &key)
            }
        };
        if changed {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Enter moves to the next field and, on the last, saves; Ctrl-S saves from any field. \
             On Role, ← and → (or Space) choose."
                .into(),
            "A password reset here, or set on enabling an account, is temporary: the account \
             chooses its own at its next sign-in before anything else. An adviser or supervisor \
             (new, reset or enabled again) waits for a supervisor to confirm it. Every change \
             is logged."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = 64.min(area.width);
        let lines = self.lines(v, usize::from(width.saturating_sub(2)));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let r = centered(area, width, height);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines)
                .block(block(v, self.title(), true))
                .style(v.style(R::Base)),
            r,
        );
    }
}

impl Drop for AccountForm {
    fn drop(&mut self) {
        self.name.zeroize();
    }
}
