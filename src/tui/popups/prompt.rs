//! One line of text with a stated purpose — why a note is corrected, a comment on a review —
//! checked by the same rule as a stated reason (`domain::validate_reason`) before it is handed
//! back to the screen that asked.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use zeroize::Zeroize;

use super::{Choice, EventResult, Popup};
use crate::domain;
use crate::tui::app::Cx;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::reason::rule;
use crate::tui::screens::edit;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, wrap};

pub struct PromptPopup {
    pub title: String,
    /// What the text is for, shown above it.
    pub about: String,
    pub text: String,
    /// Why the last text given would not do.
    pub error: Option<String>,
    /// The field's label and the rule shown under it, when the text is not a stated reason
    /// (a reference typed to confirm).
    pub confirming: Option<(&'static str, String)>,
}

impl PromptPopup {
    pub fn new(title: impl Into<String>, about: impl Into<String>) -> PromptPopup {
        PromptPopup {
            title: title.into(),
            about: about.into(),
            text: String::new(),
            error: None,
            confirming: None,
        }
    }

    /// Asks for a line (a file's path) with `label` and `rule` instead of a reason's, starting
    /// from `text`.
    pub fn line(
        title: impl Into<String>,
        about: impl Into<String>,
        label: &'static str,
        rule: impl Into<String>,
        text: String,
    ) -> PromptPopup {
        let mut p = PromptPopup::new(title, about);
        p.confirming = Some((label, rule.into()));
        p.text = text;
        p
    }

    /// Asks for `expected` to be typed again to confirm something that cannot be undone.
    pub fn confirm_typed(
        title: impl Into<String>,
        about: impl Into<String>,
        expected: &str,
    ) -> PromptPopup {
        let mut p = PromptPopup::new(title, about);
        p.confirming = Some(("Type", format!("type {expected} to confirm; Esc leaves it")));
        p
    }
}

impl Popup for PromptPopup {
    fn mode(&self) -> Mode {
        Mode::ReasonText
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Open => match domain::validate_reason(&self.text) {
                Ok(t) => EventResult::Close(Some(Choice::Text(t))),
                Err(e) => {
                    self.error = Some(e);
                    EventResult::Consumed
                }
            },
            Action::Back => EventResult::Close(None),
            _ => EventResult::Ignored,
        }
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if self.text.chars().count() < domain::MAX_REASON_CHARS && edit(&mut self.text, &key) {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn help_notes(&self) -> Vec<String> {
        vec![format!(
            "What you type is logged with your name and the time. {}.",
            rule()
        )]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = 72.min(area.width);
        let inner = usize::from(width.saturating_sub(2));
        let mut lines: Vec<Line> = wrap(&self.about, inner)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, v.style(R::Base))))
            .collect();
        let shown: String = {
            let t = domain::visible_line(&self.text).into_owned();
            let skip = t.chars().count().saturating_sub(inner.saturating_sub(12));
            t.chars().skip(skip).collect()
        };
        let label = self.confirming.as_ref().map_or("Why", |(l, _)| l);
        lines.push(field(v, label, shown, true));
        let (note, style) = match (&self.error, &self.confirming) {
            (Some(e), _) => (format!("Not accepted: {e}"), v.style(R::Error)),
            (None, Some((_, rule))) => (rule.clone(), v.style(R::Dim)),
            (None, None) => (rule(), v.style(R::Dim)),
        };
        for l in wrap(&note, inner) {
            lines.push(Line::from(Span::styled(l, style)));
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let r = centered(area, width, height);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines)
                .block(block(v, self.title.clone(), true))
                .style(v.style(R::Base)),
            r,
        );
    }
}

impl Drop for PromptPopup {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}
