//! A note's revisions, first to last, for a supervisor: who wrote each and when, why it was
//! corrected, and its sections. Masked sections stay masked; `r` asks why and reveals them in
//! every revision at once (logged before shown). They mask again after the policy's time and
//! when the screen is left.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Screen, move_in};
use crate::domain::{self, ClientRef, NoteId};
use crate::session::{RevisionView, SectionBody};
use crate::tui::app::{Cx, Shared};
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::popups::reason::{ReasonFor, ReasonPopup};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, label_style, scroll_marks, wrap};

pub struct HistoryScreen {
    pub client: ClientRef,
    pub note: NoteId,
    pub revisions: Vec<RevisionView>,
    /// The first line shown.
    pub top: usize,
    /// When masked sections were revealed, if they were.
    pub revealed_at: Option<SystemTime>,
}

impl HistoryScreen {
    pub fn new(client: ClientRef, note: NoteId, revisions: Vec<RevisionView>) -> HistoryScreen {
        HistoryScreen {
            client,
            note,
            revisions,
            top: 0,
            revealed_at: None,
        }
    }

    fn lines<'a>(&self, v: &View<'_>, width: usize) -> Vec<Line<'a>> {
        let mut lines = Vec::new();
        for r in &self.revisions {
            lines.push(Line::from(Span::styled(
                format!(
                    "Revision {}  {}  by {}",
                    r.revision,
                    domain::format_time(r.at),
                    domain::visible_line(&r.by)
                ),
                v.style(R::Title),
            )));
            if let Some(why) = &r.why {
                for l in wrap(&format!("why: {}", domain::visible(why)), width) {
                    lines.push(Line::from(Span::styled(format!("  {l}"), v.style(R::Dim))));
                }
            }
            for s in &r.sections {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  [{}]", s.sensitivity),
                        label_style(v, s.sensitivity),
                    ),
                    Span::styled(
                        format!(" {}", domain::visible_line(&s.heading)),
                        v.style(R::Base),
                    ),
                ]));
                match &s.body {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => {
                        let style = if matches!(s.body, SectionBody::Revealed(_)) {
                            v.style(R::Revealed)
                        } else {
                            v.style(R::Base)
                        };
                        for l in wrap(&domain::visible(t), width.saturating_sub(4)) {
                            lines.push(Line::from(Span::styled(format!("    {l}"), style)));
                        }
                    }
                    SectionBody::Masked => lines.push(Line::from(Span::styled(
                        "    ░░░ masked — press r to reveal every revision's (asks why; logged)",
                        v.style(R::Masked),
                    ))),
                }
            }
            lines.push(Line::default());
        }
        lines
    }

    fn mask(&mut self) {
        for r in &mut self.revisions {
            for s in &mut r.sections {
                if matches!(s.body, SectionBody::Revealed(_)) {
                    s.body = SectionBody::Masked;
                }
            }
        }
        self.revealed_at = None;
    }
}

impl Screen for HistoryScreen {
    fn mode(&self) -> Mode {
        Mode::History
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                // Scrolls by lines; the length is known only when drawn, so allow plenty.
                move_in(usize::MAX / 2, &mut self.top, action);
                if action == Action::Bottom {
                    self.top = usize::MAX / 4;
                }
            }
            Action::Reveal => cx.popup(ReasonPopup::new(ReasonFor::History {
                client: self.client,
                note: self.note,
            })),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, cx: &mut Cx<'_>) {
        for _ in 0..3 {
            self.on_action(if down { Action::Down } else { Action::Up }, cx);
        }
    }

    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        let limit = std::time::Duration::from_secs(u64::from(cx.ui.reveal_secs));
        if self
            .revealed_at
            .is_some_and(|at| cx.now.duration_since(at).unwrap_or_default() >= limit)
        {
            self.mask();
        }
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        vec![
            "Every revision of the note, as first saved and after each correction by its \
             author, with the reason given. Reading them was logged."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let b = block(
            v,
            format!(
                " {} of {}: {} revision{} (supervisors; logged) ",
                self.note,
                self.client,
                self.revisions.len(),
                if self.revisions.len() == 1 { "" } else { "s" }
            ),
            true,
        );
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let lines = self.lines(v, usize::from(inner.width));
        let h = usize::from(inner.height);
        let top = self.top.min(lines.len().saturating_sub(h));
        let below = lines.len().saturating_sub(top + h);
        f.render_widget(scroll_marks(v, b, top, below), area);
        let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
        f.render_widget(Paragraph::new(shown), inner);
    }
}
