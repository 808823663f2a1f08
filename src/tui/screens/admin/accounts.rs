//! The accounts tab: every account with its role and standing, and the changes an administrator
//! makes to them. Each change asks for what it needs in a popup and goes to the worker; the
//! session checks it, logs it, and answers. Disabling an account (or making it an
//! administrator) names the open clients it held, by reference, for a supervisor to reassign.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::visible_line;
use crate::session::{NeedsAdviser, Session, SessionError, UserSummary};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::keymap::Action;
use crate::tui::popups::EventResult;
use crate::tui::popups::account_form::AccountForm;
use crate::tui::popups::disable_user::DisableUser;
use crate::tui::popups::role_choice::RoleChoice;
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, date, first_shown, position, row_at, scroll_marks, wrap};

/// The accounts as the session listed them, and what the last change did.
#[derive(Default)]
pub struct Accounts {
    pub users: Vec<UserSummary>,
    pub selected: usize,
    /// The accounts have been read at least once.
    pub loaded: bool,
    /// What the last change did (or why it was refused), and the clients it left without an
    /// adviser.
    pub outcome: Option<Outcome>,
    /// The store's version the list was read at: a change made elsewhere reads it again.
    seen_version: u64,
}

/// What the last change did, shown below the accounts until the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    pub error: bool,
    pub needs: NeedsAdviser,
}

impl Outcome {
    /// Every line of it: what was done, then the clients that need a new adviser.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![self.text.clone()];
        let refs: Vec<String> = self.needs.clients.iter().map(ToString::to_string).collect();
        match refs.len() {
            0 => {}
            1 => out.push(format!(
                "This client needs a new adviser: {}. A supervisor reassigns it \
                 (`casenotes client reassign`).",
                refs[0]
            )),
            n => out.push(format!(
                "These {n} clients need a new adviser: {}. A supervisor reassigns them \
                 (`casenotes client reassign`).",
                refs.join(", ")
            )),
        }
        if self.needs.unrecorded > 0 {
            out.push(format!(
                "{} clients' advisers are not yet recorded for administrators; a supervisor \
                 lists every client without an active adviser.",
                self.needs.unrecorded
            ));
        }
        out
    }
}

/// An account's standing, as `casenotes user list` words it.
pub fn status(u: &UserSummary) -> &'static str {
    if u.disabled {
        "disabled"
    } else if u.must_change_password {
        "must change password"
    } else if u.awaiting_confirmation {
        "awaiting confirmation"
    } else {
        "active"
    }
}

pub fn help_notes() -> Vec<String> {
    vec![
        "An account enabled again or given a temporary password chooses its own password at \
         its next sign-in, before anything else. A new adviser or supervisor, and one reset or \
         enabled again, waits for a supervisor to confirm it (give it the case keys)."
            .into(),
        "Disabling an account: its password opens nothing any more. The open clients it held \
         are named by reference, for a supervisor to give them a new adviser."
            .into(),
    ]
}

impl Accounts {
    /// The job that reads the accounts.
    pub fn load(&mut self, session: &Arc<Session>) -> Task {
        self.seen_version = 0;
        Task::Admin(AdminTask::Users {
            session: session.clone(),
        })
    }

    /// The accounts as read (or why not).
    pub fn listed(&mut self, result: Result<Vec<UserSummary>, SessionError>, cx: &mut Cx<'_>) {
        match result {
            Ok(users) => {
                let at = self.selected_user().map(|u| u.name.clone());
                self.users = users;
                self.loaded = true;
                self.seen_version = cx.ui.store_version;
                if let Some(name) = at {
                    self.select(&name);
                }
                self.selected = self.selected.min(self.users.len().saturating_sub(1));
            }
            Err(e) => cx.warn(format!("the accounts could not be read: {e}")),
        }
    }

    /// Puts the cursor on the account called `name`, if listed.
    pub fn select(&mut self, name: &str) {
        if let Some(i) = self.users.iter().position(|u| u.name == name) {
            self.selected = i;
        }
    }

    pub fn selected_user(&self) -> Option<&UserSummary> {
        self.users.get(self.selected)
    }

    pub fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.users.len(), &mut self.selected, action);
            }
            Action::AddUser => cx.popup(AccountForm::add()),
            Action::Refresh => {
                if let Some(s) = cx.session() {
                    let t = self.load(&s);
                    cx.job(t);
                    cx.say("accounts read again");
                }
            }
            Action::DisableUser
            | Action::EnableUser
            | Action::ResetPassword
            | Action::ChangeRole => {
                let Some(u) = self.selected_user() else {
                    cx.say("no account selected");
                    return EventResult::Consumed;
                };
                let name = u.name.clone();
                let own = cx.ui.who.as_ref().is_some_and(|w| w.name == name);
                let shown = visible_line(&name).into_owned();
                match action {
                    Action::DisableUser => cx.popup(DisableUser::new(name)),
                    Action::EnableUser if !u.disabled => {
                        cx.say(format!(
                            "{shown} is not disabled: e enables a disabled account"
                        ));
                    }
                    Action::EnableUser => cx.popup(AccountForm::enable(name)),
                    Action::ResetPassword if u.disabled => cx.say(format!(
                        "{shown} is disabled: e enables it with a temporary password"
                    )),
                    Action::ResetPassword if own => cx.popup(AccountForm::own(name)),
                    Action::ResetPassword => cx.popup(AccountForm::reset(name)),
                    _ => cx.popup(RoleChoice::new(name, u.role)),
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    /// Reads the accounts again when the store changed elsewhere (another administrator, the
    /// command line, a supervisor confirming an account).
    pub fn on_tick(&mut self, cx: &mut Cx<'_>) {
        let v = cx.ui.store_version;
        if !self.loaded || self.seen_version == 0 || v == self.seen_version {
            return;
        }
        if let Some(s) = cx.session() {
            let t = self.load(&s);
            cx.job(t);
        }
    }

    fn areas(&self, area: Rect) -> [Rect; 3] {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let below = self
            .outcome
            .as_ref()
            .map_or(0, |o| {
                o.lines()
                    .iter()
                    .map(|l| wrap(l, usize::from(inner.width)).len())
                    .sum::<usize>()
                    + 1
            })
            .min(usize::from(inner.height / 2));
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(u16::try_from(below).unwrap_or(0)),
        ])
        .areas(inner)
    }

    pub fn on_click(&mut self, col: u16, row: u16, area: Rect) {
        let [_, rows, _] = self.areas(area);
        let first = first_shown(self.selected, self.users.len(), usize::from(rows.height));
        if let Some(at) = row_at(rows, first, row, col, self.users.len()) {
            self.selected = at;
        }
    }

    pub fn on_scroll(&mut self, down: bool) {
        wheel(self.users.len(), &mut self.selected, down);
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [header, rows, below] = self.areas(area);
        let h = usize::from(rows.height);
        let first = first_shown(self.selected, self.users.len(), h);
        let mut outer = block(v, format!(" Accounts ({}) ", self.users.len()), true);
        if !self.users.is_empty() {
            outer = outer.title_bottom(position(v, "", self.selected, self.users.len()));
        }
        let more = self.users.len().saturating_sub(first + h);
        f.render_widget(scroll_marks(v, outer, first, more), area);
        let name_w = usize::from(header.width)
            .saturating_sub(12 + 1 + 22 + 1 + 10 + 1)
            .clamp(8, 32);
        f.render_widget(
            Paragraph::new(format!(
                "{:<name_w$} {:<12} {:<22} {}",
                "Name", "Role", "Status", "Since"
            ))
            .style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            header,
        );
        if !self.loaded {
            f.render_widget(
                Paragraph::new("Reading the accounts…").style(v.style(R::Dim)),
                rows,
            );
        }
        let lines: Vec<Line> = self
            .users
            .iter()
            .enumerate()
            .skip(first)
            .take(h)
            .map(|(i, u)| {
                let base = if i == self.selected {
                    v.style(R::Selection)
                } else if u.disabled {
                    v.style(R::Dim)
                } else {
                    v.style(R::Base)
                };
                let name: String = visible_line(&u.name).chars().take(name_w).collect();
                let st = status(u);
                let st_style = match st {
                    "active" | "disabled" => base,
                    _ if i == self.selected => base,
                    _ => v.style(R::Warning),
                };
                Line::from(vec![
                    Span::styled(format!("{name:<name_w$} {:<12} ", u.role.to_string()), base),
                    Span::styled(format!("{st:<22}"), st_style),
                    Span::styled(format!(" {:<10}", date(Some(u.created_at))), base),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines), rows);
        if let Some(o) = &self.outcome {
            let style = if o.error {
                v.style(R::Error)
            } else {
                v.style(R::Base)
            };
            let mut lines = vec![Line::default()];
            for (i, l) in o.lines().iter().enumerate() {
                let st = if i == 0 { style } else { v.style(R::Warning) };
                for w in wrap(l, usize::from(below.width)) {
                    lines.push(Line::from(Span::styled(w, st)));
                }
            }
            f.render_widget(Paragraph::new(lines), below);
        }
    }
}
