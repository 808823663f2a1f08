//! Recording a disclosure: to whom (an organisation), what was shared, the lawful basis (chosen
//! with the arrow keys: consent, legal obligation, serious harm) and a justification, which the
//! last two require. Saving is a job for the worker; the form stays, with everything typed,
//! until the session has recorded it, so a refusal loses nothing. On the basis of consent, the
//! worker first asks the session whether the client has a current consent to share; if not,
//! the person is asked (the same question as for a note with a referral) before anything is
//! recorded.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use zeroize::Zeroize;

use super::confirm::{Confirm, ConfirmPopup, Pick};
use super::fields::{Field, Fields};
use super::{Choice, EventResult, Popup};
use crate::domain::{self, Basis, ClientRef};
use crate::session::NewDisclosure;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::protection::ProtectionTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, wrap};

const TO: usize = 0;
const WHAT: usize = 1;
const BASIS: usize = 2;
const WHY: usize = 3;

/// The bases in the order the form offers them.
const BASES: [Basis; 3] = [Basis::Consent, Basis::Legal, Basis::Harm];

pub struct DisclosureForm {
    pub client: ClientRef,
    pub fields: Fields,
    /// Why the form was not accepted (checked here, before anything is sent).
    pub error: Option<String>,
    /// A save is with the worker: keys wait for its answer.
    pub saving: bool,
    access: Option<String>,
}

impl DisclosureForm {
    pub fn new(client: ClientRef, access: Option<String>) -> DisclosureForm {
        DisclosureForm {
            client,
            fields: Fields::new(vec![
                Field::text("To", 200, "the organisation or person"),
                Field::text("What", 2000, "what was shared"),
                Field::choice(
                    "Basis",
                    &["consent", "legal obligation", "serious harm"],
                    "←/→",
                ),
                Field::text(
                    "Why",
                    2000,
                    "required for legal obligation and serious harm",
                ),
            ]),
            error: None,
            saving: false,
            access,
        }
    }

    pub fn basis(&self) -> Basis {
        BASES
            .get(self.fields.choice(BASIS))
            .copied()
            .unwrap_or(Basis::Consent)
    }

    /// Checks what can be checked here, then hands the disclosure to the worker; `check_consent`
    /// asks first whether the client may share on the basis of consent.
    fn submit(&mut self, check_consent: bool, cx: &mut Cx<'_>) {
        let basis = self.basis();
        let refuse = |at: usize, e: String, me: &mut DisclosureForm| {
            me.error = Some(e);
            me.fields.focus_on(at);
        };
        if self.fields.given(TO).is_none() {
            return refuse(TO, "say to whom it was disclosed".into(), self);
        }
        if self.fields.given(WHAT).is_none() {
            return refuse(WHAT, "say what was shared".into(), self);
        }
        let justification = self.fields.given(WHY);
        if basis.needs_justification()
            && let Err(e) = domain::validate_reason(justification.as_deref().unwrap_or(""))
        {
            return refuse(
                WHY,
                format!(
                    "the basis '{}' needs a justification: {}",
                    super::disclosures::basis_name(basis),
                    e.trim_start_matches("a reason is required: ")
                ),
                self,
            );
        }
        let Some(session) = cx.session() else { return };
        self.error = None;
        self.saving = true;
        cx.busy("Recording the disclosure…");
        cx.job(Task::Protection(ProtectionTask::Disclose {
            session,
            client: self.client,
            new: NewDisclosure {
                to: self.fields.text(TO).trim().to_string(),
                what: self.fields.text(WHAT).trim().to_string(),
                basis,
                justification,
            },
            check_consent: check_consent && basis == Basis::Consent,
            access: self.access.clone(),
        }));
    }

    /// The worker found no current consent to share: asks before recording.
    pub fn ask_about_consent(&mut self, cx: &mut Cx<'_>) {
        self.saving = false;
        cx.popup(ConfirmPopup::new(Confirm::DiscloseWithoutConsent));
    }

    /// The session refused it (`why`): the form stays as typed, and says why.
    pub fn failed(&mut self, why: String) {
        self.saving = false;
        self.error = Some(why);
    }
}

impl Popup for DisclosureForm {
    fn mode(&self) -> Mode {
        Mode::DisclosureForm
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        if self.saving {
            return match action {
                Action::Lock | Action::SwitchUser | Action::Help | Action::Quit => {
                    EventResult::Ignored
                }
                _ => {
                    cx.say("recording the disclosure…");
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
                }
            }
            Action::Open if !self.fields.on_last() => self.fields.next(),
            Action::Open | Action::Save => self.submit(true, cx),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if !self.saving && self.fields.type_key(&key) {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) -> Option<Choice> {
        match choice {
            Choice::Confirmed(Confirm::DiscloseWithoutConsent, Pick::First) => {
                self.submit(false, cx);
                None
            }
            Choice::Confirmed(Confirm::DiscloseWithoutConsent, Pick::Second) => None,
            other => Some(other),
        }
    }

    fn unsaved_form(&self) -> Option<&'static str> {
        let typed = [TO, WHAT, WHY]
            .iter()
            .any(|&i| self.fields.given(i).is_some());
        typed.then_some("your disclosure form")
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Tab and Shift-Tab (or ↓ and ↑) move between fields; ←/→ or Space choose the lawful \
             basis; Enter moves on and, on the last field, records it; Ctrl-S records it from \
             any field."
                .into(),
            "A legal obligation or serious harm needs a justification saying why. On the basis \
             of consent, the app checks that the client has a current consent to share and asks \
             you if not. Recording is logged (the basis and the disclosure's number; to whom and \
             what stay sealed with the client's records)."
                .into(),
            "A lock does not keep a half-typed form: type it again after unlocking.".into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let width = 84.min(area.width);
        let inner = usize::from(width.saturating_sub(2));
        let mut lines = self.fields.lines(v, inner, 7);
        lines.push(Line::default());
        let (text, style) = match (&self.error, self.saving) {
            (_, true) => ("Recording…".to_string(), v.style(R::Dim)),
            (Some(e), _) => (format!("Not accepted: {e}"), v.style(R::Error)),
            (None, _) if self.basis().needs_justification() => (
                "This basis needs a justification (Why). Enter moves on; on the last field, or \
                 Ctrl-S, records it (logged)."
                    .into(),
                v.style(R::Dim),
            ),
            (None, _) => (
                "Why is optional on the basis of consent. Enter moves on; on the last field, or \
                 Ctrl-S, records it (logged). Esc cancels."
                    .into(),
                v.style(R::Dim),
            ),
        };
        for l in wrap(&text, inner) {
            lines.push(Line::from(Span::styled(l, style)));
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let r = centered(area, width, height);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines)
                .block(block(
                    v,
                    format!(" Record a disclosure about {} ", self.client),
                    true,
                ))
                .style(v.style(R::Base)),
            r,
        );
    }
}

impl Drop for DisclosureForm {
    fn drop(&mut self) {
        if let Some(a) = &mut self.access {
            a.zeroize();
        }
    }
}
