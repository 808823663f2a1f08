//! Enrolling an authenticator app, before anything else, when the office's policy requires a
//! second factor for the person's role and their account has none: the session refuses every
//! other use case until then. The screen shows the app's QR code (and the secret, to type into
//! an app that cannot scan) and asks for a first code; once the session has taken it, the ten
//! recovery codes are shown, once, and `Enter` goes on to the person's usual first screen.
//! `Esc` signs out (enrolment waits for the next sign-in).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::{Screen, edit};
use crate::session::{RecoveryCodes, TotpEnrolment};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, field, spinner, wrap};

/// The longest code typed.
const MAX_CODE: usize = 12;
/// Columns of the text beside the QR code.
const TEXT_WIDTH: u16 = 38;

#[derive(Default)]
pub struct Enrol {
    /// The secret to add, once the session made it.
    pub enrolment: Option<TotpEnrolment>,
    pub code: Zeroizing<String>,
    /// Why the last code was not taken, or why the enrolment could not start.
    pub error: Option<String>,
    /// A job is with the worker.
    pub pending: bool,
    /// The recovery codes, once the code was taken: shown this once.
    pub recovery: Option<RecoveryCodes>,
}

impl Enrol {
    /// The screen waiting for the session to make a secret.
    pub fn starting() -> Enrol {
        Enrol {
            pending: true,
            ..Enrol::default()
        }
    }

    /// The session made the secret to add.
    pub fn show(&mut self, enrolment: TotpEnrolment) {
        self.pending = false;
        self.enrolment = Some(enrolment);
        self.error = None;
    }

    /// The session refused (a wrong code, or the secret could not be made).
    pub fn refused(&mut self, e: String) {
        self.pending = false;
        self.error = Some(e);
    }

    /// The code was taken: the recovery codes to show.
    pub fn enrolled(&mut self, codes: RecoveryCodes) {
        self.pending = false;
        self.error = None;
        self.recovery = Some(codes);
    }

    fn text_lines<'a>(&self, v: &View<'_>, width: usize) -> Vec<Line<'a>> {
        let dim = |t: &str| -> Vec<Line<'a>> {
            wrap(t, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, v.style(R::Dim))))
                .collect()
        };
        let mut lines = vec![Line::from(Span::styled("Sign-in codes", v.style(R::Title)))];
        if let Some(codes) = &self.recovery {
            lines.push(Line::from(Span::styled(
                "One-time codes are on (logged).",
                v.style(R::Warning),
            )));
            lines.push(Line::default());
            lines.extend(dim(
                "Recovery codes: each works once instead of a code. Write them down now, and keep \
                 them away from the phone; they are not shown again.",
            ));
            lines.push(Line::default());
            for c in codes.codes() {
                lines.push(Line::from(Span::styled(
                    format!("  {c}"),
                    v.style(R::Input),
                )));
            }
            lines.push(Line::default());
            lines.extend(dim("Enter goes on."));
            return lines;
        }
        let role =
            v.ui.who
                .as_ref()
                .map_or("your".to_string(), |w| format!("the {} role", w.role));
        lines.extend(dim(&format!(
            "The office's policy asks {role} to sign in with a one-time code as well as the \
             password."
        )));
        lines.push(Line::default());
        if let Some(e) = &self.enrolment {
            lines.extend(dim(
                "Scan the code with an authenticator app, or type this secret into it:",
            ));
            let secret = e.secret_text();
            let groups: Vec<&str> = secret.split(' ').collect();
            for row in groups.chunks(4) {
                lines.push(Line::from(Span::styled(
                    format!("  {}", row.join(" ")),
                    v.style(R::Input),
                )));
            }
            lines.push(Line::default());
            lines.extend(dim("Then type the code it shows:"));
            lines.push(field(v, "Code", self.code.to_string(), !self.pending));
        }
        let note = match (&self.error, self.pending, &v.ui.busy) {
            (_, true, Some(b)) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (Some(e), _, _) => Some((e.clone(), v.style(R::Error))),
            _ => None,
        };
        if let Some((text, style)) = note {
            lines.push(Line::default());
            lines.extend(
                wrap(&text, width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, style))),
            );
        }
        lines
    }
}

impl Screen for Enrol {
    fn mode(&self) -> Mode {
        Mode::Enrol
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Open if self.pending => {}
            Action::Open if self.recovery.is_some() => {
                if let Some(session) = cx.session() {
                    self.pending = true;
                    cx.busy("Reading your list…");
                    cx.job(Task::Admin(AdminTask::AfterEnrolment { session }));
                }
            }
            Action::Open if self.enrolment.is_none() => {
                // The secret could not be made: try again.
                if let Some(session) = cx.session() {
                    self.pending = true;
                    self.error = None;
                    cx.busy("Making a secret…");
                    cx.job(Task::Admin(AdminTask::StartTotp { session }));
                }
            }
            Action::Open if self.code.trim().is_empty() => {
                self.error = Some("type the code your app shows".into());
            }
            Action::Open => {
                if let Some(session) = cx.session() {
                    let code = SecretString::from(self.code.trim().to_string());
                    self.code.zeroize();
                    self.pending = true;
                    self.error = None;
                    cx.busy("Checking the code…");
                    cx.job(Task::Admin(AdminTask::ConfirmTotp { session, code }));
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if !self.pending
            && self.recovery.is_none()
            && (self.code.chars().count() < MAX_CODE || key.code == KeyCode::Backspace)
        {
            edit(&mut self.code, &key);
        }
        EventResult::Consumed
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        vec![
            "The office's policy requires a second factor for your role, so nothing else opens \
             until one is set up. Any authenticator app will do (it makes a new six-digit code \
             every 30 seconds); each sign-in then asks for the code after the password, and a \
             code is accepted once. The ten recovery codes stand in for a lost phone; if you \
             lose both, an administrator resets your password."
                .into(),
            "A one-time code guards the app, not the file: someone holding a copy of the store \
             and your password can read it without the code. A key file protects the file \
             itself: `casenotes user keyfile --out PATH` binds one instead (or as well)."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        f.render_widget(Clear, area);
        let qr = self
            .recovery
            .is_none()
            .then(|| self.enrolment.as_ref().and_then(TotpEnrolment::qr))
            .flatten();
        let qr_size = qr.as_ref().map_or((0, 0), |q| {
            (
                u16::try_from(q.width()).unwrap_or(u16::MAX),
                u16::try_from(q.height_in_lines()).unwrap_or(u16::MAX),
            )
        });
        let beside =
            qr.is_some() && area.width >= qr_size.0 + 1 + TEXT_WIDTH && area.height >= qr_size.1;
        let text_area = if beside {
            let width = (area.width - qr_size.0 - 1).min(TEXT_WIDTH + 20);
            Rect {
                x: area.x + qr_size.0 + 1,
                width,
                ..area
            }
        } else {
            area
        };
        let text = self.text_lines(v, usize::from(text_area.width.saturating_sub(1)));
        let text_height = u16::try_from(text.len()).unwrap_or(u16::MAX);
        f.render_widget(
            Paragraph::new(text).style(v.style(R::Base)),
            Rect {
                y: text_area.y + u16::from(beside && text_area.height > text_height + 1),
                ..text_area
            },
        );
        let Some(qr) = qr else { return };
        let at = if beside {
            Some(Rect {
                width: qr_size.0,
                height: qr_size.1,
                ..area
            })
        } else if area.height >= text_height + qr_size.1 && area.width >= qr_size.0 {
            Some(Rect {
                y: area.y + text_height,
                width: qr_size.0,
                height: qr_size.1,
                ..area
            })
        } else {
            None
        };
        match at {
            // A camera reads it dark on light, whatever the theme's colours.
            Some(r) => f.render_widget(
                Paragraph::new(
                    qr.half_block_lines()
                        .into_iter()
                        .map(Line::from)
                        .collect::<Vec<_>>(),
                )
                .style(Style::default().fg(Color::Black).bg(Color::White)),
                r,
            ),
            None => {
                let y = area.y + text_height.min(area.height.saturating_sub(1));
                f.render_widget(
                    Paragraph::new(Span::styled(
                        "(a larger window shows the QR code; or type the secret)",
                        v.style(R::Dim),
                    )),
                    Rect {
                        y,
                        height: 1,
                        ..area
                    },
                );
            }
        }
    }
}
