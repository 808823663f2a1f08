//! Disabling an account, asked first: `1` disables it, `2` or `Esc` keeps it. The session
//! refuses one's own account and the last supervisor holding the case keys; what it answers,
//! including the clients the account held (by reference), shows on the accounts tab.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{EventResult, Popup};
use crate::domain::visible_line;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::{AdminTask, Change};
use crate::tui::keymap::{Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, popup_box, wrap};

pub struct DisableUser {
    pub name: String,
}

impl DisableUser {
    pub fn new(name: String) -> DisableUser {
        DisableUser { name }
    }
}

impl Popup for DisableUser {
    fn mode(&self) -> Mode {
        Mode::Confirm
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Choose('1') => {
                if let Some(session) = cx.session() {
                    cx.busy("Disabling…");
                    cx.job(Task::Admin(AdminTask::Change {
                        session,
                        name: self.name.clone(),
                        change: Change::Disable,
                    }));
                }
                EventResult::Close(None)
            }
            Action::Choose('2') | Action::Back => EventResult::Close(None),
            _ => EventResult::Ignored,
        }
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "A disabled account's password opens nothing any more, and it loses the case keys \
             (they are rotated). The open clients it held are named by reference for a \
             supervisor to give them a new adviser. e enables it again with a temporary \
             password. Logged."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let name = visible_line(&self.name);
        let width = 60.min(area.width);
        let k = |key: &str, what: String| {
            Line::from(vec![
                Span::styled(format!(" {key:<4}"), v.style(R::Hint)),
                Span::raw(what),
            ])
        };
        let mut lines: Vec<Line> = wrap(
            &format!("Disable {name}? Its password will open nothing any more."),
            usize::from(width.saturating_sub(2)),
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, v.style(R::Warning))))
        .collect();
        lines.extend([
            Line::default(),
            k("1", format!("disable {name} (logged)")),
            k("2", "keep it".into()),
            k("Esc", "keep it".into()),
        ]);
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        popup_box(f, area, v, " Disable an account ", lines, (width, height));
    }
}
