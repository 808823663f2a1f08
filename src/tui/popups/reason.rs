//! Why reveal a section, or open a client outside one's caseload? A reason from the list or
//! typed; the session's rule (`domain::validate_reason`) decides whether it will do, and the
//! prompt states that rule in the validator's own words. The job it starts commits the audit
//! event before anything is shown.
//!
//! Revealing, the prompt names the section (heading and label) and sits at the bottom of the
//! screen, below the section it is about, so the person can still see what they are revealing.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use zeroize::Zeroize;

use super::{EventResult, Popup};
use crate::domain::{self, ClientRef, NoteId, Sensitivity};
use crate::tui::app::Cx;
use crate::tui::jobs::{Task, Then};
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::caseload::open_client;
use crate::tui::screens::client::selected_rows;
use crate::tui::screens::{edit, move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, first_shown, label_style, row_at, wrap};

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
        /// The section's heading and label, to say which section this is.
        heading: String,
        label: Sensitivity,
        /// The reason this client was opened with, if outside the caseload.
        access: Option<String>,
    },
    BreakGlass {
        client: ClientRef,
        then: Then,
    },
    /// A client's date of birth and contact.
    Details {
        client: ClientRef,
        access: Option<String>,
    },
    /// The masked sections of every revision of a note (supervisors).
    History {
        client: ClientRef,
        note: NoteId,
    },
}

pub struct ReasonPopup {
    pub purpose: ReasonFor,
    pub choice: usize,
    /// The reason being typed, once "other" is chosen.
    pub typing: Option<String>,
    /// Why the last reason given would not do (the validator's words).
    pub error: Option<String>,
}

/// What the rule asks of a reason, in the validator's own words (what it says of no reason).
pub fn rule() -> String {
    domain::validate_reason("").err().unwrap_or_default()
}

/// Where the popup is drawn and where its list of reasons is, inside `area`.
struct Layout {
    popup: Rect,
    list: Rect,
}

impl ReasonPopup {
    pub fn new(purpose: ReasonFor) -> ReasonPopup {
        ReasonPopup {
            purpose,
            choice: 0,
            typing: None,
            error: None,
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
                self.error = Some(e);
                return EventResult::Consumed;
            }
        };
        match &self.purpose {
            ReasonFor::BreakGlass { client, then } => {
                open_client(cx, *client, Some(reason), *then);
            }
            ReasonFor::History { client, note } => {
                if let Some(session) = cx.session() {
                    cx.busy("Logging the reveal…");
                    cx.job(Task::History {
                        session,
                        client: *client,
                        note: *note,
                        reason: Some(reason),
                    });
                }
            }
            ReasonFor::Details { client, access } => {
                if let Some(session) = cx.session() {
                    cx.busy("Logging the reveal…");
                    cx.job(Task::RevealDetails {
                        session,
                        client: *client,
                        reason,
                        access: access.clone(),
                    });
                }
            }
            ReasonFor::Reveal {
                client,
                note,
                index,
                access,
                ..
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

    /// The lines above the list (what this is about) and below it (the typed reason, the rule,
    /// or why the reason would not do), for a box `width` columns wide inside.
    fn lines<'a>(&self, v: &View<'_>, width: u16) -> (Vec<Line<'a>>, Vec<Line<'a>>) {
        let mut above = Vec::new();
        if let ReasonFor::Details { client, .. } = &self.purpose {
            above.push(Line::from(vec![
                Span::styled("Reveal ", v.style(R::Base)),
                Span::styled("[confidential]", label_style(v, Sensitivity::Confidential)),
                Span::styled(
                    format!(" {client}'s date of birth and contact"),
                    v.style(R::Title),
                ),
            ]));
        }
        if let ReasonFor::Reveal { heading, label, .. } = &self.purpose {
            above.push(Line::from(vec![
                Span::styled("Reveal ", v.style(R::Base)),
                Span::styled(format!("[{label}]"), label_style(v, *label)),
                Span::styled(
                    format!(" {}", crate::domain::visible_line(heading)),
                    v.style(R::Title),
                ),
            ]));
        }
        let mut below = Vec::new();
        if let Some(t) = &self.typing {
            below.push(field(v, "Reason", t.clone(), true));
        }
        // Typing a reason, the rule it must meet; after one that does not, why.
        let note = match (&self.error, &self.typing) {
            (Some(e), _) => Some((format!("Not accepted: {e}"), v.style(R::Error))),
            (None, Some(_)) => Some((rule(), v.style(R::Dim))),
            (None, None) => None,
        };
        if let Some((text, style)) = note {
            for l in wrap(&text, usize::from(width.max(8))) {
                below.push(Line::from(Span::styled(l, style)));
            }
        }
        (above, below)
    }

    fn layout(&self, area: Rect, v: &View<'_>) -> Layout {
        let width = 72.min(area.width);
        let (above, below) = self.lines(v, width.saturating_sub(2));
        let want = u16::try_from(above.len() + REASONS.len() + below.len() + 2).unwrap_or(u16::MAX);
        let popup = match self.purpose {
            ReasonFor::Reveal { .. } | ReasonFor::Details { .. } => {
                // At the bottom, clear of the section (and shorter, if it must be).
                let clear = selected_rows(area).min(area.height);
                let height = want.min(area.height - clear).max(3.min(area.height));
                Rect {
                    x: area.x + (area.width - width) / 2,
                    y: area.y + area.height - height,
                    width,
                    height,
                }
            }
            ReasonFor::BreakGlass { .. } | ReasonFor::History { .. } => centered(area, width, want),
        };
        let inside = popup.height.saturating_sub(2);
        let fixed = u16::try_from(above.len() + below.len()).unwrap_or(u16::MAX);
        let list_rows = inside
            .saturating_sub(fixed)
            .clamp(1.min(inside), REASONS.len() as u16);
        let list = Rect {
            x: popup.x + 1,
            y: popup.y + 1 + u16::try_from(above.len()).unwrap_or(0).min(inside),
            width: popup.width.saturating_sub(2),
            height: list_rows,
        };
        Layout { popup, list }
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
            (Action::Up | Action::Down | Action::Top | Action::Bottom, false) => {
                move_in(REASONS.len(), &mut self.choice, action);
            }
            (Action::Back, true) => {
                if let Some(t) = &mut self.typing {
                    t.zeroize();
                }
                self.typing = None;
                self.error = None;
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
        let Some(t) = &mut self.typing else {
            return EventResult::Ignored;
        };
        if t.chars().count() < domain::MAX_REASON_CHARS && edit(t, &key) {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, cx: &mut Cx<'_>) -> EventResult {
        if self.typing.is_some() {
            return EventResult::Consumed;
        }
        let v = View {
            ui: cx.ui,
            now: cx.now,
        };
        let list = self.layout(area, &v).list;
        let first = first_shown(self.choice, REASONS.len(), usize::from(list.height));
        if let Some(at) = row_at(list, first, row, col, REASONS.len()) {
            self.choice = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        if self.typing.is_none() {
            wheel(REASONS.len(), &mut self.choice, down);
        }
    }

    fn help_notes(&self) -> Vec<String> {
        vec![format!(
            "Your reason is logged with your name and the time, and supervisors review it. \
             Typing your own: {}.",
            rule()
        )]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let title = match &self.purpose {
            ReasonFor::Reveal { .. } => " Why do you need to see this section? (logged) ".into(),
            ReasonFor::Details { .. } => " Why do you need to see these details? (logged) ".into(),
            ReasonFor::History { note, .. } => {
                format!(" Why reveal the masked sections of every revision of {note}? (logged) ")
            }
            ReasonFor::BreakGlass { client, .. } => {
                format!(" {client} is not on your caseload: why open it? (logged, flagged) ")
            }
        };
        let Layout { popup, list } = self.layout(area, v);
        let (above, below) = self.lines(v, popup.width.saturating_sub(2));
        let first = first_shown(self.choice, REASONS.len(), usize::from(list.height));
        let mut lines = above;
        for (i, r) in REASONS
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(list.height))
        {
            let st = if i == self.choice {
                v.style(R::Selection)
            } else {
                v.style(R::Base)
            };
            lines.push(Line::from(Span::styled(format!(" {r} "), st)));
        }
        lines.extend(below);
        f.render_widget(Clear, popup);
        f.render_widget(
            Paragraph::new(lines)
                .block(block(v, title, true))
                .style(v.style(R::Base))
                .wrap(Wrap { trim: false }),
            popup,
        );
    }
}

impl Drop for ReasonPopup {
    fn drop(&mut self) {
        if let Some(t) = &mut self.typing {
            t.zeroize();
        }
        match &mut self.purpose {
            ReasonFor::Reveal {
                access, heading, ..
            } => {
                heading.zeroize();
                if let Some(a) = access {
                    a.zeroize();
                }
            }
            ReasonFor::Details {
                access: Some(a), ..
            } => a.zeroize(),
            ReasonFor::BreakGlass { .. }
            | ReasonFor::Details { .. }
            | ReasonFor::History { .. } => {}
        }
    }
}
