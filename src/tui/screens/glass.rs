//! The supervisor's queue of break-glass accesses: each opening of a client outside the
//! opener's caseload, with who, when, which client (by reference) and the reason given. Enter
//! records a finding — justified, or a concern — with a comment; the access leaves the queue.
//! `A` shows every access, reviewed or not, with its review.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Screen, move_in, wheel};
use crate::domain::{self, ReviewOutcome};
use crate::session::GlassAccess;
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::confirm::{Confirm, ConfirmPopup, Pick};
use crate::tui::popups::prompt::PromptPopup;
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, first_shown, position, row_at, scroll_marks, wrap};

pub struct GlassScreen {
    pub accesses: Vec<GlassAccess>,
    /// Every access, not only those awaiting review.
    pub all: bool,
    pub selected: usize,
    /// The finding chosen for the selected access, while its comment is asked for.
    pub outcome: Option<ReviewOutcome>,
}

impl GlassScreen {
    pub fn new(accesses: Vec<GlassAccess>, all: bool) -> GlassScreen {
        GlassScreen {
            accesses,
            all,
            selected: 0,
            outcome: None,
        }
    }

    fn areas(area: Rect) -> (Rect, Rect) {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let [list, detail] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(inner);
        (list, detail)
    }

    fn read(cx: &mut Cx<'_>, all: bool) {
        if let Some(session) = cx.session() {
            cx.busy("Reading the break-glass accesses…");
            cx.job(Task::Glass { session, all });
        }
    }
}

/// Opens the queue (supervisors): read on the worker, shown when it answers.
pub fn open(cx: &mut Cx<'_>) {
    GlassScreen::read(cx, false);
}

impl Screen for GlassScreen {
    fn mode(&self) -> Mode {
        Mode::Glass
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => move_in(self.accesses.len(), &mut self.selected, action),
            Action::ToggleAll => GlassScreen::read(cx, !self.all),
            Action::Refresh => GlassScreen::read(cx, self.all),
            Action::Open => match self.accesses.get(self.selected) {
                Some(a) if a.review.is_some() => cx.say(format!(
                    "access {} was reviewed already; it stays in the trail",
                    a.event
                )),
                Some(a) => cx.popup(ConfirmPopup::review(a.event)),
                None => {}
            },
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        match choice {
            Choice::Confirmed(Confirm::ReviewAccess, pick) => {
                let outcome = match pick {
                    Pick::First => ReviewOutcome::Justified,
                    Pick::Second => ReviewOutcome::Concern,
                };
                self.outcome = Some(outcome);
                cx.popup(PromptPopup::new(
                    format!(" Comment: {outcome} (logged) "),
                    "What you found, for the record: who you asked, what the access was for, \
                     what happens next.",
                ));
            }
            Choice::Text(comment) => {
                let (Some(outcome), Some(a), Some(session)) = (
                    self.outcome.take(),
                    self.accesses.get(self.selected),
                    cx.session(),
                ) else {
                    return;
                };
                cx.busy("Recording the review…");
                cx.job(Task::ReviewGlass {
                    session,
                    event: a.event,
                    outcome,
                    comment,
                    all: self.all,
                });
            }
            _ => {}
        }
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, _) = GlassScreen::areas(area);
        let first = first_shown(self.selected, self.accesses.len(), usize::from(list.height));
        if let Some(at) = row_at(list, first, row, col, self.accesses.len()) {
            self.selected = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.accesses.len(), &mut self.selected, down);
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        vec![
            "Each access here opened a client outside the opener's caseload with a stated \
             reason. Review it: justified, or a concern, with a comment. Both are logged; the \
             access leaves the queue but stays in the trail (A shows every access). Clients are \
             named by reference: open one from the caseload to read it (logged)."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let title = if self.all {
            format!(" Break-glass accesses: all {} ", self.accesses.len())
        } else {
            format!(
                " Break-glass accesses awaiting review: {} ",
                self.accesses.len()
            )
        };
        let (list, detail) = GlassScreen::areas(area);
        let h = usize::from(list.height);
        let first = first_shown(self.selected, self.accesses.len(), h);
        let mut b = block(v, title, true);
        if !self.accesses.is_empty() {
            b = b.title_bottom(position(v, "", self.selected, self.accesses.len()));
        }
        let below = self.accesses.len().saturating_sub(first + h);
        f.render_widget(scroll_marks(v, b, first, below), area);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.accesses.is_empty() {
            lines.push(Line::from(Span::styled(
                if self.all {
                    "No client has been opened outside its adviser's caseload."
                } else {
                    "Nothing awaits review. A shows every access, reviewed or not."
                },
                v.style(R::Dim),
            )));
        }
        for (i, a) in self.accesses.iter().enumerate().skip(first).take(h) {
            let style = if i == self.selected {
                v.style(R::Selection)
            } else if a.review.is_none() {
                v.style(R::Base)
            } else {
                v.style(R::Dim)
            };
            let state = match &a.review {
                None => "awaiting review".to_string(),
                Some(r) => format!("{} by {}", r.outcome, domain::visible_line(&r.by)),
            };
            let row = format!(
                "{}{:>5}  {}  {:<12} {:<9} {state}",
                if i == self.selected { "›" } else { " " },
                a.event,
                domain::format_time(a.at),
                domain::visible_line(&a.who),
                a.client.to_string(),
            );
            let row: String = row.chars().take(width).collect();
            let pad = width.saturating_sub(row.chars().count());
            lines.push(Line::from(Span::styled(
                format!("{row}{}", " ".repeat(pad)),
                style,
            )));
        }
        f.render_widget(Paragraph::new(lines), list);
        // The selected access's reason, and its review's comment.
        let mut about: Vec<Line> = Vec::new();
        if let Some(a) = self.accesses.get(self.selected) {
            let reason = a
                .reason
                .as_ref()
                .map(|r| domain::visible(r).into_owned())
                .unwrap_or_else(|| "-".into());
            for l in wrap(&format!("Reason given: {reason}"), width) {
                about.push(Line::from(Span::styled(l, v.style(R::Base))));
            }
            if let Some(r) = &a.review {
                let c = r
                    .comment
                    .as_ref()
                    .map(|c| domain::visible(c).into_owned())
                    .unwrap_or_default();
                for l in wrap(
                    &format!(
                        "Reviewed {} by {}: {} — {c}",
                        domain::format_time(r.at),
                        domain::visible_line(&r.by),
                        r.outcome
                    ),
                    width,
                ) {
                    about.push(Line::from(Span::styled(l, v.style(R::Dim))));
                }
            }
        }
        f.render_widget(
            Paragraph::new(about).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(v.style(R::Dim)),
            ),
            detail,
        );
    }
}
