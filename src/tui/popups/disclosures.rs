//! A client's disclosures, oldest first: number, day, to whom, the lawful basis, who recorded
//! it; the selected one's "what was shared" and justification below. This is case content, read
//! through the session with the same access rules as the client (not masked, like consents).
//! `a` records a new one (the form: [`super::disclosure_form`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use zeroize::Zeroize;

use super::disclosure_form::DisclosureForm;
use super::{EventResult, Popup};
use crate::domain::{self, Basis, ClientRef};
use crate::session::DisclosureView;
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::jobs::protection::ProtectionTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::screens::{move_in, wheel};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, popup_block, popup_rect, position, row_at, scroll_marks, wrap,
};

const SIZE: (u16, u16) = (100, 20);
/// Rows under the list: a rule, then the selected disclosure's text.
const DETAIL: u16 = 7;

/// A lawful basis as the app names it.
pub fn basis_name(b: Basis) -> &'static str {
    match b {
        Basis::Consent => "consent",
        Basis::Legal => "legal obligation",
        Basis::Harm => "serious harm",
    }
}

pub struct DisclosuresPopup {
    pub client: ClientRef,
    pub disclosures: Vec<DisclosureView>,
    pub choice: usize,
    /// The reason the client was opened with, if outside the caseload.
    pub access: Option<String>,
}

/// Asks the worker for `client`'s disclosures; the popup opens when they arrive.
pub fn open(cx: &mut Cx<'_>, client: ClientRef, access: Option<String>) {
    if let Some(session) = cx.session() {
        cx.busy("Reading the disclosures…");
        cx.job(Task::Protection(ProtectionTask::Disclosures {
            session,
            client,
            access,
        }));
    }
}

impl DisclosuresPopup {
    pub fn new(
        client: ClientRef,
        disclosures: Vec<DisclosureView>,
        access: Option<String>,
    ) -> DisclosuresPopup {
        DisclosuresPopup {
            client,
            disclosures,
            choice: 0,
            access,
        }
    }

    /// The list read again (after a recording): the cursor on disclosure `number`, if given.
    pub fn reload(&mut self, list: Vec<DisclosureView>, number: Option<u32>) {
        self.disclosures = list;
        self.choice = number
            .and_then(|n| self.disclosures.iter().position(|d| d.number == n))
            .unwrap_or(self.choice)
            .min(self.disclosures.len().saturating_sub(1));
    }

    /// Where the list is drawn in `area`, and its first row shown.
    fn list(&self, area: Rect) -> (Rect, usize) {
        let inner = Block::default()
            .borders(Borders::ALL)
            .inner(popup_rect(area, SIZE));
        let list = Rect {
            height: inner.height.saturating_sub(DETAIL),
            ..inner
        };
        let first = first_shown(
            self.choice,
            self.disclosures.len(),
            usize::from(list.height),
        );
        (list, first)
    }
}

impl Popup for DisclosuresPopup {
    fn mode(&self) -> Mode {
        Mode::Disclosures
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(self.disclosures.len(), &mut self.choice, action);
            }
            Action::Record => cx.popup(DisclosureForm::new(self.client, self.access.clone())),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, first) = self.list(area);
        if let Some(at) = row_at(list, first, row, col, self.disclosures.len()) {
            self.choice = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.disclosures.len(), &mut self.choice, down);
    }

    fn help_notes(&self) -> Vec<String> {
        vec![
            "Every sharing of this client's information with a third party is recorded here: to \
             whom, what, when, by whom, and on which lawful basis — the client's consent, a \
             legal obligation, or to protect someone from serious harm (those two with a \
             justification). Recording one is logged; the list is read with the same access \
             rules as the client's notes."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (list, first) = self.list(area);
        let shown = usize::from(list.height);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.disclosures.is_empty() {
            lines.push(Line::from(Span::styled(
                " No disclosure recorded for this client. a records one.",
                v.style(R::Dim),
            )));
        }
        for (i, d) in self.disclosures.iter().enumerate().skip(first).take(shown) {
            let style = if i == self.choice {
                v.style(R::Selection)
            } else {
                v.style(R::Base)
            };
            let day: String = domain::format_time(d.at).chars().take(10).collect();
            let row = format!(
                " {:>2}  {day}  {:<16}  by {:<12}  to {}",
                d.number,
                basis_name(d.basis),
                domain::visible_line(&d.by),
                domain::visible_line(&d.to),
            );
            let row: String = row.chars().take(width).collect();
            let pad = width.saturating_sub(row.chars().count());
            lines.push(Line::from(Span::styled(
                format!("{row}{}", " ".repeat(pad)),
                style,
            )));
        }
        lines.resize(shown, Line::default());
        lines.push(Line::from(Span::styled(
            "─".repeat(width),
            v.style(R::Border),
        )));
        let mut detail: Vec<Line> = Vec::new();
        if let Some(d) = self.disclosures.get(self.choice) {
            let text_width = width.saturating_sub(1);
            for l in wrap(
                &format!("What was shared: {}", domain::visible_line(&d.what)),
                text_width,
            ) {
                detail.push(Line::from(Span::styled(format!(" {l}"), v.style(R::Base))));
            }
            let why = match &d.justification {
                Some(j) => format!("Justification: {}", domain::visible_line(j)),
                None => "Justification: none (the basis is the client's consent)".into(),
            };
            for l in wrap(&why, text_width) {
                detail.push(Line::from(Span::styled(format!(" {l}"), v.style(R::Base))));
            }
            detail.push(Line::from(Span::styled(
                format!(
                    " Recorded {} by {}",
                    domain::format_time(d.at),
                    domain::visible_line(&d.by)
                ),
                v.style(R::Dim),
            )));
        }
        let room = usize::from(DETAIL - 2);
        if detail.len() > room {
            detail.truncate(room);
            if let Some(last) = detail.last_mut() {
                *last = Line::from(Span::styled(" …", v.style(R::Dim)));
            }
        }
        detail.resize(room, Line::default());
        lines.extend(detail);
        lines.push(Line::from(Span::styled(
            " a records a disclosure · Esc closes",
            v.style(R::Dim),
        )));
        let below = self.disclosures.len().saturating_sub(first + shown);
        let mut b = block(v, format!(" Disclosures of {} ", self.client), true);
        if !self.disclosures.is_empty() {
            b = b.title_bottom(position(v, "", self.choice, self.disclosures.len()));
        }
        popup_block(f, area, scroll_marks(v, b, first, below), v, lines, SIZE);
    }
}

impl Drop for DisclosuresPopup {
    fn drop(&mut self) {
        if let Some(a) = &mut self.access {
            a.zeroize();
        }
        for d in &mut self.disclosures {
            d.what.zeroize();
            d.to.zeroize();
            if let Some(j) = &mut d.justification {
                j.zeroize();
            }
        }
    }
}
