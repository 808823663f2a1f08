//! A policy setting's new value, typed. The session checks it against the setting's range and
//! logs the change; the popup stays open until it answers, and shows a refusal in the
//! session's words.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{EventResult, Popup};
use crate::domain::PolicySetting;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::edit;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, field, popup_box, spinner, wrap};

/// The longest value typed.
const MAX_VALUE: usize = 12;

pub struct PolicyEdit {
    pub setting: PolicySetting,
    pub value: String,
    /// The session's refusal.
    pub error: Option<String>,
    /// The change is with the worker.
    pub pending: bool,
}

impl PolicyEdit {
    pub fn new(setting: PolicySetting) -> PolicyEdit {
        PolicyEdit {
            setting,
            value: String::new(),
            error: None,
            pending: false,
        }
    }

    /// The session refused the value.
    pub fn refused(&mut self, e: String) {
        self.pending = false;
        self.error = Some(e);
    }
}

impl Popup for PolicyEdit {
    fn mode(&self) -> Mode {
        Mode::PolicyValue
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Back => return EventResult::Close(None),
            _ if self.pending => {}
            Action::Open if self.value.trim().is_empty() => {
                self.error = Some("type the new value".into());
            }
            Action::Open => {
                if let Some(session) = cx.session() {
                    self.pending = true;
                    self.error = None;
                    cx.busy("Changing the policy…");
                    cx.job(Task::Admin(AdminTask::SetPolicy {
                        session,
                        key: self.setting.key.name.to_string(),
                        value: self.value.trim().to_string(),
                    }));
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if !self.pending
            && (self.value.chars().count() < MAX_VALUE || key.code == KeyCode::Backspace)
            && edit(&mut self.value, &key)
        {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "The session refuses a value outside the setting's range. A change is logged with \
             the old and new values."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let k = &self.setting.key;
        let width = 60.min(area.width);
        let inner = usize::from(width.saturating_sub(2));
        let mut lines: Vec<Line> = wrap(
            &if k.words.is_empty() {
                format!(
                    "{}: now {}, from {} to {}.",
                    k.meaning, self.setting.value, k.min, k.max
                )
            } else {
                format!(
                    "{}: now {}; {}.",
                    k.meaning,
                    self.setting.value_text(),
                    k.choice_text()
                )
            },
            inner,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, v.style(R::Dim))))
        .collect();
        lines.push(Line::default());
        lines.push(field(v, "New value", self.value.clone(), !self.pending));
        let note = match (&self.error, self.pending, &v.ui.busy) {
            (_, true, Some(b)) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (Some(e), _, _) => Some((format!("Not accepted: {e}"), v.style(R::Error))),
            _ => None,
        };
        if let Some((text, style)) = note {
            lines.push(Line::default());
            for l in wrap(&text, inner) {
                lines.push(Line::from(Span::styled(l, style)));
            }
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        popup_box(
            f,
            area,
            v,
            format!(" Change {} ", k.name),
            lines,
            (width, height),
        );
    }
}
