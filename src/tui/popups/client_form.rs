//! A client's name, date of birth and contact details: adding a client, or correcting one.
//!
//! Correcting, the name comes filled in; the date of birth and contact are confidential, so they
//! come filled in only if they were revealed (with a logged reason) on the client screen. A
//! masked field left empty stays as it is; one that was revealed and is emptied is cleared. The
//! session checks every field again and logs the change (the fields' names, never their values).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use zeroize::Zeroize;

use super::{EventResult, Popup};
use crate::domain::{self, ClientRef};
use crate::session::{ClientEdit, NewClient};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::edit;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, centered, field, wrap};

/// Adding a client, or correcting one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    Add,
    Edit {
        client: ClientRef,
        /// The reason the client was opened with, if outside the caseload.
        access: Option<String>,
        /// Whether the date of birth and contact were revealed (and so filled in).
        revealed: bool,
    },
}

/// The longest a field may be typed (the session's own limits are checked on saving).
const MAX_FIELD: usize = 200;

const LABELS: [&str; 3] = ["Name", "Born", "Contact"];

pub struct ClientForm {
    pub purpose: FormFor,
    /// Name, date of birth (`YYYY-MM-DD`), contact.
    pub fields: [String; 3],
    pub focus: usize,
    /// Why the form was not accepted (the validator's words).
    pub error: Option<String>,
}

impl ClientForm {
    /// An empty form for a new client.
    pub fn add() -> ClientForm {
        ClientForm {
            purpose: FormFor::Add,
            fields: Default::default(),
            focus: 0,
            error: None,
        }
    }

    /// A form correcting `client`: its name, and its details if they were revealed.
    pub fn edit(
        client: ClientRef,
        name: &str,
        details: Option<(Option<String>, Option<String>)>,
        access: Option<String>,
    ) -> ClientForm {
        let revealed = details.is_some();
        let (dob, contact) = details.unwrap_or_default();
        ClientForm {
            purpose: FormFor::Edit {
                client,
                access,
                revealed,
            },
            fields: [
                name.to_string(),
                dob.unwrap_or_default(),
                contact.unwrap_or_default(),
            ],
            focus: 0,
            error: None,
        }
    }

    /// Checks what can be checked here, then hands the change to the worker.
    fn submit(&mut self, cx: &mut Cx<'_>) -> EventResult {
        let [name, dob, contact] = &self.fields;
        // An office that records clients by reference only keeps no name: none is needed.
        let by_code = cx
            .session()
            .is_some_and(|s| s.policy().client_names() == domain::ClientNames::Code);
        let named = if by_code {
            Ok(String::new())
        } else {
            domain::validate_client_name(name)
        };
        let check = named.and_then(|_| {
            if dob.trim().is_empty() {
                Ok(())
            } else {
                domain::validate_date_of_birth(dob).map(|_| ())
            }
        });
        let check = check.and_then(|_| {
            let c = contact.trim();
            domain::validate_contact((!c.is_empty()).then_some(c)).map(|_| ())
        });
        if let Err(e) = check {
            self.error = Some(e);
            return EventResult::Consumed;
        }
        let Some(session) = cx.session() else {
            return EventResult::Close(None);
        };
        let given = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        match &self.purpose {
            FormFor::Add => {
                cx.busy("Adding the client…");
                cx.job(Task::AddClient {
                    session,
                    new: NewClient {
                        name: name.trim().to_string(),
                        date_of_birth: given(dob),
                        contact: given(contact),
                        adviser: None,
                    },
                });
            }
            FormFor::Edit {
                client,
                access,
                revealed,
            } => {
                // Masked fields left empty stay as they are; revealed ones are set (or cleared).
                let detail = |s: &str| match (given(s), revealed) {
                    (Some(v), _) => Some(Some(v)),
                    (None, true) => Some(None),
                    (None, false) => None,
                };
                cx.busy("Saving the client's details…");
                cx.job(Task::EditClient {
                    session,
                    client: *client,
                    edit: ClientEdit {
                        name: Some(name.trim().to_string()),
                        date_of_birth: detail(dob),
                        contact: detail(contact),
                    },
                    access: access.clone(),
                });
            }
        }
        EventResult::Close(None)
    }

    fn lines<'a>(&self, v: &View<'_>, width: usize) -> Vec<Line<'a>> {
        let mut lines = Vec::new();
        for (i, label) in LABELS.iter().enumerate() {
            let value = domain::visible_line(&self.fields[i]).into_owned();
            // The end of a long value, so the cursor stays in sight.
            let room = width.saturating_sub(12);
            let skip = value.chars().count().saturating_sub(room);
            let shown: String = value.chars().skip(skip).collect();
            lines.push(field(v, label, shown, i == self.focus));
        }
        lines.push(Line::default());
        let masked = matches!(
            self.purpose,
            FormFor::Edit {
                revealed: false,
                ..
            }
        );
        let hint = match self.error.as_ref() {
            Some(e) => (format!("Not accepted: {e}"), v.style(R::Error)),
            None if masked => (
                "Born and Contact are masked: left empty they stay as they are; typing replaces \
                 them. Reveal them first (d) to see or clear them."
                    .to_string(),
                v.style(R::Dim),
            ),
            None => (
                "Born as YYYY-MM-DD; born and contact are optional and confidential (masked, \
                 revealed only with a logged reason)."
                    .to_string(),
                v.style(R::Dim),
            ),
        };
        for l in wrap(&hint.0, width) {
            lines.push(Line::from(Span::styled(l, hint.1)));
        }
        lines
    }
}

impl Popup for ClientForm {
    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::NextField => self.focus = (self.focus + 1) % LABELS.len(),
            Action::PrevField => self.focus = (self.focus + LABELS.len() - 1) % LABELS.len(),
            Action::Save => return self.submit(cx),
            Action::Open if self.focus + 1 < LABELS.len() => self.focus += 1,
            Action::Open => return self.submit(cx),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        let f = &mut self.fields[self.focus];
        if (f.chars().count() < MAX_FIELD
            || key.code == ratatui::crossterm::event::KeyCode::Backspace)
            && edit(f, &key)
        {
            self.error = None;
        }
        EventResult::Consumed
    }

    fn unsaved_form(&self) -> Option<&'static str> {
        let typed = self.fields.iter().any(|f| !f.trim().is_empty());
        (typed && self.purpose == FormFor::Add).then_some("your new-client form")
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Enter moves to the next field and, on the last, saves; Ctrl-S saves from any field."
                .into(),
            "Adding or correcting a client is logged with your name and the time (the fields \
             changed, never their values). The date of birth and contact are confidential: \
             masked on the client screen, revealed only with a reason (d)."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let title = match &self.purpose {
            FormFor::Add => " New client ".to_string(),
            FormFor::Edit { client, .. } => format!(" Correct {client}'s details (logged) "),
        };
        let width = 64.min(area.width);
        let lines = self.lines(v, usize::from(width.saturating_sub(2)));
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

impl Drop for ClientForm {
    fn drop(&mut self) {
        for f in &mut self.fields {
            f.zeroize();
        }
        if let FormFor::Edit {
            access: Some(a), ..
        } = &mut self.purpose
        {
            a.zeroize();
        }
    }
}
