//! Recording a breach, or completing one already recorded. A new breach takes what
//! information was affected and how, when it happened and was found, the clients by reference,
//! who reported it to the data protection officer and when, the regulator decision (chosen with
//! the arrow keys: undecided, notified, not notified — with when, or why not), to whom else it
//! was reported, and what was done. Completing one offers only what is still missing: the
//! report to the data protection officer, the regulator decision.
//!
//! Times are read with [`domain::parse_time`], as the command line reads them. What can be
//! checked here is checked before anything is sent; the session checks everything again. The
//! form stays, with everything typed, until the session has recorded it.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::fields::{Field, Fields};
use super::{EventResult, Popup};
use crate::domain::{self, ClientRef, DpoReport, Regulator, Timestamp};
use crate::session::{BreachUpdate, BreachView, NewBreach};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::protection::ProtectionTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, wrap};

const WHAT: usize = 0;
const HOW: usize = 1;
const HAPPENED: usize = 2;
const FOUND: usize = 3;
const CLIENTS: usize = 4;
const DPO_BY: usize = 5;
const DPO_AT: usize = 6;
const REGULATOR: usize = 7;
const REG_AT: usize = 8;
const REG_WHY: usize = 9;
const OTHERS: usize = 10;
const ACTIONS: usize = 11;

const NOTIFIED: usize = 1;
const NOT_NOTIFIED: usize = 2;

/// The longest a typed time may be.
const TIME: usize = 25;

/// A new breach, or completing breach `number` (found at `found`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreachFor {
    New,
    Complete { number: u32, found: Timestamp },
}

pub struct BreachForm {
    pub purpose: BreachFor,
    pub fields: Fields,
    /// Why the form was not accepted (checked here, before anything is sent).
    pub error: Option<String>,
    /// A save is with the worker: keys wait for its answer.
    pub saving: bool,
    /// When the form was opened: the time empty time fields stand for.
    now: Timestamp,
}

fn secs(now: SystemTime) -> Timestamp {
    now.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn fields() -> Fields {
    Fields::new(vec![
        Field::text("What", 2000, "what information was affected (required)"),
        Field::text("How", 2000, "how it happened"),
        Field::text(
            "Happened",
            TIME,
            "YYYY-MM-DD HH:MM, UTC; empty if not known",
        ),
        Field::text(
            "Found",
            TIME,
            "YYYY-MM-DD HH:MM, UTC (72 hours run from here)",
        ),
        Field::text("Clients", 500, "references: C-000001, C-000002"),
        Field::text(
            "DPO told by",
            200,
            "who reported it to the data protection officer",
        ),
        Field::text("DPO told at", TIME, "empty: now"),
        Field::choice(
            "Regulator",
            &["undecided", "notified", "not notified"],
            "←/→",
        ),
        Field::text("Notified at", TIME, "empty: now"),
        Field::text("Why not", 2000, "required: why nobody is put at risk"),
        Field::text("Also told", 300, "the clients, the police…"),
        Field::text("Actions", 2000, "what was done about it"),
    ])
}

impl BreachForm {
    /// A new breach, found (by default) now.
    pub fn new(now: SystemTime) -> BreachForm {
        let now = secs(now);
        let mut f = BreachForm {
            purpose: BreachFor::New,
            fields: fields(),
            error: None,
            saving: false,
            now,
        };
        f.fields.set_text(FOUND, &domain::format_time(now));
        f.show_regulator_fields();
        f
    }

    /// Completing `b`: what it still lacks.
    pub fn complete(b: &BreachView, now: SystemTime) -> BreachForm {
        let mut f = BreachForm {
            purpose: BreachFor::Complete {
                number: b.number,
                found: b.discovered_at,
            },
            fields: fields(),
            error: None,
            saving: false,
            now: secs(now),
        };
        for i in [WHAT, HOW, HAPPENED, FOUND, CLIENTS, OTHERS, ACTIONS] {
            f.fields.show(i, false);
        }
        if b.dpo.is_some() {
            f.fields.show(DPO_BY, false);
            f.fields.show(DPO_AT, false);
        }
        // Undecided until the person chooses: nothing is recorded as notified by default.
        if b.regulator.is_decided() {
            f.fields.show(REGULATOR, false);
        }
        f.show_regulator_fields();
        f.fields.focus = 0;
        f.fields.next();
        f
    }

    /// "When notified" only with notified, "why not" only with not notified.
    fn show_regulator_fields(&mut self) {
        let offered = self.fields.fields.get(REGULATOR).is_some_and(|f| f.shown);
        let c = self.fields.choice(REGULATOR);
        self.fields.show(REG_AT, offered && c == NOTIFIED);
        self.fields.show(REG_WHY, offered && c == NOT_NOTIFIED);
    }

    /// A typed time, if any; an error names the field.
    fn time(&self, i: usize) -> Result<Option<Timestamp>, (usize, String)> {
        match self.fields.given(i) {
            None => Ok(None),
            Some(t) => domain::parse_time(&t).map(Some).map_err(|e| {
                let label = self.fields.fields.get(i).map_or("", |f| f.label);
                (i, format!("{label}: {e}"))
            }),
        }
    }

    /// The report to the data protection officer and the regulator decision, as typed.
    fn completion(&self) -> Result<BreachUpdate, (usize, String)> {
        let dpo_at = self.time(DPO_AT)?;
        let dpo = match (self.fields.given(DPO_BY), dpo_at) {
            (Some(by), at) => Some(DpoReport {
                by,
                at: at.unwrap_or(self.now),
            }),
            (None, Some(_)) => {
                return Err((
                    DPO_BY,
                    "say who reported it to the data protection officer".into(),
                ));
            }
            (None, None) => None,
        };
        let regulator = if !self.fields.fields[REGULATOR].shown {
            None
        } else {
            match self.fields.choice(REGULATOR) {
                NOTIFIED => Some(Regulator::Notified {
                    at: self.time(REG_AT)?.unwrap_or(self.now),
                }),
                NOT_NOTIFIED => {
                    let why = self.fields.given(REG_WHY).unwrap_or_default();
                    domain::validate_reason(&why).map_err(|_| {
                        (
                            REG_WHY,
                            "not notifying the regulator needs a reason: at least 3 letters or \
                             digits saying why"
                                .to_string(),
                        )
                    })?;
                    Some(Regulator::NotNotified { why })
                }
                _ => None,
            }
        };
        Ok(BreachUpdate { dpo, regulator })
    }

    /// The new breach as typed.
    fn new_breach(&self) -> Result<NewBreach, (usize, String)> {
        let what = self
            .fields
            .given(WHAT)
            .ok_or((WHAT, "say what information was affected".to_string()))?;
        let happened_at = self.time(HAPPENED)?;
        let discovered_at = self.time(FOUND)?;
        let clients = self
            .fields
            .text(CLIENTS)
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.parse::<ClientRef>().map_err(|e| (CLIENTS, e)))
            .collect::<Result<Vec<_>, _>>()?;
        let update = self.completion()?;
        Ok(NewBreach {
            what,
            how: self.fields.given(HOW),
            happened_at,
            discovered_at,
            dpo: update.dpo,
            regulator: update.regulator.unwrap_or(Regulator::Undecided),
            reported_to: self.fields.given(OTHERS),
            actions: self.fields.given(ACTIONS),
            clients,
        })
    }

    /// The session refused it (`why`): the form stays as typed, and says why.
    pub fn failed(&mut self, why: String) {
        self.saving = false;
        self.error = Some(why);
    }

    fn submit(&mut self, cx: &mut Cx<'_>) {
        let Some(session) = cx.session() else { return };
        let task = match self.purpose {
            BreachFor::New => self
                .new_breach()
                .map(|new| ProtectionTask::RecordBreach { session, new }),
            BreachFor::Complete { number, .. } => self.completion().and_then(|update| {
                if update.dpo.is_none() && update.regulator.is_none() {
                    Err((
                        self.fields.focus,
                        "nothing to add: say who reported it to the data protection \
                             officer, or choose the regulator decision"
                            .to_string(),
                    ))
                } else {
                    Ok(ProtectionTask::UpdateBreach {
                        session,
                        number,
                        update,
                    })
                }
            }),
        };
        match task {
            Ok(task) => {
                self.error = None;
                self.saving = true;
                cx.busy("Recording…");
                cx.job(Task::Protection(task));
            }
            Err((at, e)) => {
                self.error = Some(e);
                self.fields.focus_on(at);
            }
        }
    }
}

impl Popup for BreachForm {
    fn mode(&self) -> Mode {
        Mode::BreachForm
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        if self.saving {
            return match action {
                Action::Lock | Action::SwitchUser | Action::Help => EventResult::Ignored,
                _ => {
                    cx.say("recording…");
                    EventResult::Consumed
                }
            };
        }
        match action {
            Action::NextField => self.fields.next(),
            Action::PrevField => self.fields.prev(),
            Action::NextChoice | Action::PrevChoice => {
                if self.fields.cycle(action == Action::NextChoice) {
                    self.error = None;
                    self.show_regulator_fields();
                }
            }
            Action::Open if !self.fields.on_last() => self.fields.next(),
            Action::Open | Action::Save => self.submit(cx),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if !self.saving && self.fields.type_key(&key) {
            self.error = None;
            self.show_regulator_fields();
        }
        EventResult::Consumed
    }

    fn unsaved_form(&self) -> Option<&'static str> {
        let typed = [WHAT, HOW, CLIENTS, DPO_BY, REG_WHY, OTHERS, ACTIONS]
            .iter()
            .any(|&i| self.fields.given(i).is_some());
        typed.then_some(match self.purpose {
            BreachFor::New => "your breach form",
            BreachFor::Complete { .. } => "your breach update form",
        })
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Tab and Shift-Tab (or ↓ and ↑) move between fields; ←/→ or Space choose the \
             regulator decision; Enter moves on and, on the last field, records it; Ctrl-S \
             records it from any field."
                .into(),
            "Times are YYYY-MM-DD HH:MM in UTC, as the app shows them, or YYYY-MM-DD for the \
             start of a day. The regulator must be told within 72 hours of the breach being \
             found; not notifying needs a reason. Recording is logged."
                .into(),
            "A lock does not keep a half-typed form: type it again after unlocking.".into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = 96.min(area.width);
        let inner = usize::from(width.saturating_sub(2));
        let mut lines = self.fields.lines(v, inner, 12);
        lines.push(Line::default());
        let (text, style) = match (&self.error, self.saving) {
            (_, true) => ("Recording…".to_string(), v.style(R::Dim)),
            (Some(e), _) => (format!("Not accepted: {e}"), v.style(R::Error)),
            (None, _) => (
                "Enter moves on; on the last field, or Ctrl-S, records it (logged). Esc cancels."
                    .to_string(),
                v.style(R::Dim),
            ),
        };
        for l in wrap(&text, inner) {
            lines.push(Line::from(Span::styled(l, style)));
        }
        let title = match self.purpose {
            BreachFor::New => " Record a breach ".to_string(),
            BreachFor::Complete { number, found } => format!(
                " Complete breach {number} (found {} UTC) ",
                domain::format_time(found)
            ),
        };
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let r = centered(area, width, height);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines)
                .block(block(v, title, true))
                .style(v.style(R::Base)),
            r,
        );
    }
}
