//! A client's consents: what each covers, how and when it was given, until when it holds,
//! and whether it was withdrawn. `n` records a new one (scope typed, method chosen); `w` twice
//! records the selected one as withdrawn (kept, never erased). Both are logged.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{EventResult, Popup};
use crate::domain::{self, ClientRef, ConsentMethod, ConsentScope};
use crate::session::ConsentView;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{edit, move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, position, row_at, scroll_marks,
};

const SIZE: (u16, u16) = (84, 16);

/// A new consent being typed.
pub struct NewConsent {
    pub scope: String,
    pub method: ConsentMethod,
    pub error: Option<String>,
}

pub struct ConsentPopup {
    pub client: ClientRef,
    pub consents: Vec<ConsentView>,
    pub choice: usize,
    /// `w` was pressed once on this consent: a second press records it withdrawn.
    pub armed: Option<u32>,
    /// A new consent being typed, if `g` was pressed.
    pub new: Option<NewConsent>,
    pub access: Option<String>,
}

impl ConsentPopup {
    pub fn new(client: ClientRef, consents: Vec<ConsentView>, access: Option<String>) -> Self {
        ConsentPopup {
            client,
            consents,
            choice: 0,
            armed: None,
            new: None,
            access,
        }
    }

    fn list(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        let list = Rect {
            height: inner.height.saturating_sub(3),
            ..inner
        };
        let first = first_shown(self.choice, self.consents.len(), usize::from(list.height));
        (list, first)
    }

    fn give(&mut self, cx: &mut Cx<'_>) -> EventResult {
        let Some(n) = &mut self.new else {
            return EventResult::Consumed;
        };
        match ConsentScope::parse(&n.scope) {
            Ok(scope) => {
                if let Some(session) = cx.session() {
                    cx.busy("Recording the consent…");
                    cx.job(Task::GiveConsent {
                        session,
                        client: self.client,
                        scope,
                        method: n.method,
                        access: self.access.clone(),
                    });
                }
                EventResult::Close(None)
            }
            Err(e) => {
                n.error = Some(e);
                EventResult::Consumed
            }
        }
    }
}

impl Popup for ConsentPopup {
    fn mode(&self) -> Mode {
        if self.new.is_some() {
            Mode::ConsentForm
        } else {
            Mode::Consent
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        if self.new.is_some() {
            match action {
                Action::Open | Action::Save => return self.give(cx),
                Action::NextField | Action::PrevField => {
                    if let Some(n) = &mut self.new {
                        n.method = match n.method {
                            ConsentMethod::Verbal => ConsentMethod::Written,
                            ConsentMethod::Written => ConsentMethod::Verbal,
                        };
                    }
                }
                Action::Back => self.new = None,
                _ => return EventResult::Ignored,
            }
            return EventResult::Consumed;
        }
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.consents.len(), &mut self.choice, action);
                self.armed = None;
            }
            Action::AddClient => {
                self.new = Some(NewConsent {
                    scope: String::new(),
                    method: ConsentMethod::Verbal,
                    error: None,
                });
            }
            Action::Discard => {
                let Some(c) = self.consents.get(self.choice) else {
                    return EventResult::Consumed;
                };
                if c.withdrawn_on.is_some() {
                    cx.say(format!("consent {} was withdrawn already", c.number));
                    return EventResult::Consumed;
                }
                if self.armed != Some(c.number) {
                    self.armed = Some(c.number);
                    return EventResult::Consumed;
                }
                if let Some(session) = cx.session() {
                    cx.busy("Recording the withdrawal…");
                    cx.job(Task::WithdrawConsent {
                        session,
                        client: self.client,
                        number: c.number,
                        access: self.access.clone(),
                    });
                }
                return EventResult::Close(None);
            }
            Action::Back if self.armed.is_some() => self.armed = None,
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        let Some(n) = &mut self.new else {
            return EventResult::Ignored;
        };
        if (n.scope.chars().count() < 140 || key.code == KeyCode::Backspace)
            && edit(&mut n.scope, &key)
        {
            n.error = None;
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, first) = self.list(area);
        if let Some(at) = row_at(list, first, row, col, self.consents.len()) {
            self.choice = at;
            self.armed = None;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.consents.len(), &mut self.choice, down);
        self.armed = None;
    }

    fn unsaved_form(&self) -> Option<&'static str> {
        self.new
            .as_ref()
            .filter(|n| !n.scope.trim().is_empty())
            .map(|_| "your consent form")
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "A consent covers recording notes, sharing with a named organisation (a referral), \
             contact by email, phone or text, or feedback. It holds for the policy's number of \
             months, then must be renewed: expired consent counts as missing. A withdrawal is \
             recorded with its date and the consent is kept. Both are logged."
                .into(),
            "Scopes are typed as: recording, sharing:ORGANISATION, contact:email (or phone, \
             text), feedback."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (list, first) = self.list(area);
        let shown = usize::from(list.height);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.consents.is_empty() {
            lines.push(Line::from(Span::styled(
                " No consent recorded for this client.",
                v.style(R::Base),
            )));
        }
        let day = |d: Option<domain::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        for (i, c) in self.consents.iter().enumerate().skip(first).take(shown) {
            let status = match (c.withdrawn_on, c.current) {
                (Some(d), _) => format!("withdrawn {d}"),
                (None, true) => "current".into(),
                (None, false) => "expired".into(),
            };
            let style = if i == self.choice {
                v.style(R::Selection)
            } else if c.current {
                v.style(R::Base)
            } else {
                v.style(R::Dim)
            };
            let row = format!(
                " {:>2}  {:<8} given {}  renew by {}  {:<20} {}",
                c.number,
                c.method.as_str(),
                day(c.given_on),
                day(c.renew_by),
                status,
                domain::visible_line(&c.scope.to_string())
            );
            let row: String = row.chars().take(width).collect();
            let pad = width.saturating_sub(row.chars().count());
            lines.push(Line::from(Span::styled(
                format!("{row}{}", " ".repeat(pad)),
                style,
            )));
        }
        lines.resize(shown, Line::default());
        match (&self.new, self.armed) {
            (Some(n), _) => {
                lines.push(Line::from(vec![
                    Span::styled(" New: scope ", v.style(R::Label)),
                    Span::styled(
                        format!("{}▏", domain::visible_line(&n.scope)),
                        v.style(R::Input),
                    ),
                    Span::styled(
                        format!("   given {} (Tab changes)", n.method.as_str()),
                        v.style(R::Label),
                    ),
                ]));
                let (text, style) = match &n.error {
                    Some(e) => (format!(" Not accepted: {e}"), v.style(R::Error)),
                    None => (
                        " recording | sharing:ORGANISATION | contact:email|phone|text | feedback"
                            .to_string(),
                        v.style(R::Dim),
                    ),
                };
                lines.push(Line::from(Span::styled(text, style)));
                lines.push(Line::from(Span::styled(
                    " Enter records it (logged) · Esc cancels",
                    v.style(R::Dim),
                )));
            }
            (None, Some(n)) => {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    format!(" Press w again to record consent {n} as withdrawn today (logged)."),
                    v.style(R::Warning),
                )));
                lines.push(Line::from(Span::styled(" Esc keeps it.", v.style(R::Dim))));
            }
            (None, None) => {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    " g records a new consent · w records the selected one withdrawn · Esc closes",
                    v.style(R::Dim),
                )));
                lines.push(Line::default());
            }
        }
        let below = self.consents.len().saturating_sub(first + shown);
        let mut b = block(v, format!(" Consent of {} ", self.client), true);
        if !self.consents.is_empty() {
            b = b.title_bottom(position(v, "", self.choice, self.consents.len()));
        }
        popup_block(f, area, scroll_marks(v, b, first, below), v, lines, SIZE);
    }
}
