//! Why reveal a section, or open a client outside one's caseload? A reason from the list or
//! typed; the session's rule (`domain::validate_reason`) decides whether it will do. The job it
//! starts commits the audit event before anything is shown.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use zeroize::Zeroize;

use super::{EventResult, Popup};
use crate::domain::{self, ClientRef, NoteId};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::caseload::open_client;
use crate::tui::screens::{edit, move_in};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, field, popup_box};

/// The reasons offered when revealing a section or opening someone else's client.
pub const REASONS: [&str; 5] = [
    "direct support to the client",
    "safeguarding",
    "supervision",
    "client's own request",
    "other (type a reason)",
];

/// Why a reason is being asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonFor {
    Reveal {
        client: ClientRef,
        note: NoteId,
        index: usize,
        /// The reason this client was opened with, if outside the caseload.
        access: Option<String>,
    },
    BreakGlass {
        client: ClientRef,
        then_write: bool,
    },
}

pub struct ReasonPopup {
    pub purpose: ReasonFor,
    pub choice: usize,
    /// The reason being typed, once "other" is chosen.
    pub typing: Option<String>,
}

impl ReasonPopup {
    pub fn new(purpose: ReasonFor) -> ReasonPopup {
        ReasonPopup {
            purpose,
            choice: 0,
            typing: None,
        }
    }

    fn give(&mut self, cx: &mut Cx<'_>) -> EventResult {
        let reason = match &self.typing {
            Some(t) => t.trim().to_string(),
            None => REASONS.get(self.choice).copied().unwrap_or("").to_string(),
        };
        let reason = match domain::validate_reason(&reason) {
            Ok(r) => r,
            Err(e) => {
                cx.warn(e);
                return EventResult::Consumed;
            }
        };
        match &self.purpose {
            ReasonFor::BreakGlass { client, then_write } => {
                open_client(cx, *client, Some(reason), *then_write);
            }
            ReasonFor::Reveal {
                client,
                note,
                index,
                access,
            } => {
                if let Some(session) = cx.session() {
                    cx.busy("Logging the reveal…");
                    cx.job(Task::Reveal {
                        session,
                        client: *client,
                        note: *note,
                        index: *index,
                        reason,
                        access: access.clone(),
                    });
                }
            }
        }
        EventResult::Close(None)
    }
}

impl Popup for ReasonPopup {
    fn mode(&self) -> Mode {
        if self.typing.is_some() {
            Mode::ReasonText
        } else {
            Mode::Reason
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match (action, self.typing.is_some()) {
            (Action::Up | Action::Down, false) => move_in(REASONS.len(), &mut self.choice, action),
            (Action::Back, true) => {
                if let Some(t) = &mut self.typing {
                    t.zeroize();
                }
                self.typing = None;
            }
            (Action::Back, false) => return EventResult::Close(None),
            (Action::Open, false) if self.choice == REASONS.len() - 1 => {
                self.typing = Some(String::new());
            }
            (Action::Open, _) => return self.give(cx),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if let Some(t) = &mut self.typing
            && t.chars().count() < domain::MAX_REASON_CHARS
        {
            edit(t, &key);
        }
        EventResult::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let title = match self.purpose {
            ReasonFor::Reveal { .. } => " Why do you need to see this section? (logged) ",
            ReasonFor::BreakGlass { .. } => {
                " Not on your caseload: why open it? (logged, flagged) "
            }
        };
        let mut lines: Vec<Line> = REASONS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let st = if i == self.choice {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                Line::from(Span::styled(format!(" {r} "), st))
            })
            .collect();
        if let Some(t) = &self.typing {
            lines.push(Line::default());
            lines.push(field(v, "Reason", t.clone(), true));
        }
        popup_box(f, area, v, title.into(), lines, (64, 10));
    }
}

impl Drop for ReasonPopup {
    fn drop(&mut self) {
        if let Some(t) = &mut self.typing {
            t.zeroize();
        }
        if let ReasonFor::Reveal {
            access: Some(a), ..
        } = &mut self.purpose
        {
            a.zeroize();
        }
    }
}
