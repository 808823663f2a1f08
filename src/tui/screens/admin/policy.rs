//! The policy tab: every setting with its value, range and meaning, as the session holds the
//! policy. `Enter` asks for a new value; the session refuses one out of range (naming the
//! range) and logs a change with the old and new values.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::PolicySetting;
use crate::session::Session;
use crate::tui::app::Cx;
use crate::tui::keymap::Action;
use crate::tui::popups::EventResult;
use crate::tui::popups::policy_edit::PolicyEdit;
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, first_shown, row_at, wrap};

#[derive(Default)]
pub struct PolicyTab {
    pub settings: Vec<PolicySetting>,
    pub selected: usize,
    /// Why the policy could not be read, if it could not.
    pub error: Option<String>,
}

pub fn help_notes() -> Vec<String> {
    vec![
        "A value outside a setting's range is refused. Each change is logged with the old and \
         new values; accounts signed in now work to the new policy from their next sign-in."
            .into(),
    ]
}

/// "30–1800".
pub fn range(s: &PolicySetting) -> String {
    if s.key.words.is_empty() {
        format!("{}–{}", s.key.min, s.key.max)
    } else if s.key.set {
        // The words are listed below, for the selected setting.
        "a list".to_string()
    } else {
        // The words are listed below, for the selected setting.
        "a word".to_string()
    }
}

impl PolicyTab {
    /// Reads the settings as the session holds them (no store access; not logged).
    pub fn read(&mut self, session: &Arc<Session>) {
        match session.policy_settings() {
            Ok(s) => {
                self.settings = s;
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
        self.selected = self.selected.min(self.settings.len().saturating_sub(1));
    }

    pub fn selected_setting(&self) -> Option<&PolicySetting> {
        self.settings.get(self.selected)
    }

    pub fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.settings.len(), &mut self.selected, action);
            }
            Action::Open => {
                if let Some(s) = self.selected_setting() {
                    cx.popup(PolicyEdit::new(*s));
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn areas(area: Rect) -> [Rect; 3] {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(4.min(inner.height / 3)),
        ])
        .areas(inner)
    }

    pub fn on_click(&mut self, col: u16, row: u16, area: Rect) {
        let [_, rows, _] = Self::areas(area);
        let first = first_shown(self.selected, self.settings.len(), usize::from(rows.height));
        if let Some(at) = row_at(rows, first, row, col, self.settings.len()) {
            self.selected = at;
        }
    }

    pub fn on_scroll(&mut self, down: bool) {
        wheel(self.settings.len(), &mut self.selected, down);
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [header, rows, below] = Self::areas(area);
        f.render_widget(block(v, " The office's policy ", true), area);
        let meaning_w = usize::from(header.width).saturating_sub(20 + 1 + 7 + 2 + 10 + 1);
        f.render_widget(
            Paragraph::new(format!(
                "{:<20} {:>7}  {:<10} {}",
                "Setting", "Value", "Range", "Meaning"
            ))
            .style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            header,
        );
        if let Some(e) = &self.error {
            f.render_widget(
                Paragraph::new(e.as_str())
                    .style(v.style(R::Error))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                rows,
            );
            return;
        }
        let h = usize::from(rows.height);
        let first = first_shown(self.selected, self.settings.len(), h);
        let lines: Vec<Line> = self
            .settings
            .iter()
            .enumerate()
            .skip(first)
            .take(h)
            .map(|(i, s)| {
                let st = if i == self.selected {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                let meaning: String = s.key.meaning.chars().take(meaning_w).collect();
                Line::from(Span::styled(
                    format!(
                        "{:<20} {:>7}  {:<10} {meaning}",
                        s.key.name,
                        s.value_text(),
                        range(s)
                    ),
                    st,
                ))
            })
            .collect();
        f.render_widget(Paragraph::new(lines), rows);
        if let Some(s) = self.selected_setting() {
            let text = if s.key.words.is_empty() {
                format!(
                    "{}: {} (from {} to {}). Enter changes it.",
                    s.key.name, s.key.meaning, s.key.min, s.key.max
                )
            } else {
                format!(
                    "{}: {} ({}). Enter changes it.",
                    s.key.name,
                    s.key.meaning,
                    s.key.choice_text()
                )
            };
            let mut lines = vec![Line::default()];
            lines.extend(
                wrap(&text, usize::from(below.width))
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, v.style(R::Dim)))),
            );
            f.render_widget(Paragraph::new(lines), below);
        }
    }
}
