//! An account's new role: adviser, supervisor or administrator. The session decides whether
//! the change may be made (never one's own, never the last supervisor holding the case keys)
//! and logs it; the keys follow the role (see `Session::change_role`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::account_form::ROLES;
use super::{EventResult, Popup};
use crate::domain::{Role, visible_line};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::{AdminTask, Change};
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, popup_box, wrap};

pub struct RoleChoice {
    pub name: String,
    /// The account's role now.
    pub now: Role,
    /// An index into [`ROLES`].
    pub choice: usize,
}

impl RoleChoice {
    pub fn new(name: String, now: Role) -> RoleChoice {
        RoleChoice {
            name,
            now,
            choice: ROLES.iter().position(|r| *r == now).unwrap_or(0),
        }
    }
}

impl Popup for RoleChoice {
    fn mode(&self) -> Mode {
        Mode::RoleChoice
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(ROLES.len(), &mut self.choice, action);
            }
            Action::Open => {
                if let (Some(role), Some(session)) = (ROLES.get(self.choice), cx.session()) {
                    cx.busy("Changing the role…");
                    cx.job(Task::Admin(AdminTask::Change {
                        session,
                        name: self.name.clone(),
                        change: Change::Role(*role),
                    }));
                }
                return EventResult::Close(None);
            }
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(ROLES.len(), &mut self.choice, down);
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Made an administrator, an account loses the case keys (they are rotated) and the \
             open clients it held are named by reference for a supervisor to reassign. Made an \
             adviser or supervisor from an administrator, it waits for a supervisor to confirm \
             it. Logged."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = 60.min(area.width);
        let mut lines: Vec<Line> = ROLES
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let st = if i == self.choice {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                let now = if *r == self.now { "  (now)" } else { "" };
                Line::from(Span::styled(format!(" {r}{now} "), st))
            })
            .collect();
        lines.push(Line::default());
        let note = "The case keys follow the role: an administrator holds none; an adviser or \
                    supervisor made from one waits for confirmation.";
        for l in wrap(note, usize::from(width.saturating_sub(2))) {
            lines.push(Line::from(Span::styled(l, v.style(R::Dim))));
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        popup_box(
            f,
            area,
            v,
            format!(" Role for {} ", visible_line(&self.name)),
            lines,
            (width, height),
        );
    }
}
