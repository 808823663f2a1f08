//! The supervisor's list of closed clients past their retention date, and erasure: `E` asks for
//! the client's reference to be typed again, then the worker erases the client and rewrites the
//! file while the status line shows each step. The list is read again afterwards.

use std::sync::{Arc, Mutex};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::dashboard::day_of;
use super::{Screen, move_in, wheel};
use crate::domain::{self, ClientRef};
use crate::session::{ErasureStage, Operation, RetentionDue};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::prompt::PromptPopup;
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, first_shown, position, row_at, scroll_marks, wrap};

/// Where a running erasure has got to, written by the worker and shown by the screen.
pub type Progress = Arc<Mutex<Option<ErasureStage>>>;

pub struct RetentionScreen {
    pub due: Vec<RetentionDue>,
    pub selected: usize,
    /// The client whose reference is being typed to confirm its erasure.
    pub confirming: Option<ClientRef>,
    /// The erasure under way, if any.
    pub erasing: Option<(ClientRef, Progress)>,
}

impl RetentionScreen {
    pub fn new(due: Vec<RetentionDue>) -> RetentionScreen {
        RetentionScreen {
            due,
            selected: 0,
            confirming: None,
            erasing: None,
        }
    }

    fn areas(area: Rect) -> (Rect, Rect) {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let [list, detail] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(inner);
        (list, detail)
    }
}

/// Reads the list on the worker; the screen opens when it answers.
pub fn open(cx: &mut Cx<'_>) {
    let Some(session) = cx.session() else { return };
    match session.may(Operation::EraseClients) {
        Ok(()) => {
            cx.busy("Reading the clients past retention…");
            cx.job(Task::Retention {
                session,
                today: day_of(cx.now),
                done: None,
            });
        }
        Err(e) => cx.say(format!("no retention list: {e}")),
    }
}

impl Screen for RetentionScreen {
    fn mode(&self) -> Mode {
        Mode::Retention
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => move_in(self.due.len(), &mut self.selected, action),
            Action::Refresh => open(cx),
            Action::Erase => match (self.due.get(self.selected), &self.erasing) {
                (_, Some((r, _))) => cx.say(format!("{r} is being erased; wait for it to finish")),
                (Some(d), None) => {
                    self.confirming = Some(d.reference);
                    cx.popup(PromptPopup::confirm_typed(
                        format!(" Erase {} for good ", d.reference),
                        "Its data keys and every record (details, notes, revisions, consents, \
                             disclosures, actions, drafts) are destroyed and the file is \
                             rewritten. This cannot be undone. The audit trail keeps only the \
                             reference. Backups taken before today still hold the client until \
                             they are rotated out.",
                        &d.reference.to_string(),
                    ));
                }
                (None, None) => cx.say("no client is past its retention date"),
            },
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        let Choice::Text(typed) = choice else {
            self.confirming = None;
            return;
        };
        let (Some(r), Some(session)) = (self.confirming.take(), cx.session()) else {
            return;
        };
        if typed.trim() != r.to_string() {
            cx.warn(format!("not erased: type {r} exactly to erase it"));
            return;
        }
        let progress: Progress = Arc::new(Mutex::new(None));
        self.erasing = Some((r, Arc::clone(&progress)));
        cx.busy(&format!("Erasing {r}…"));
        cx.job(Task::Erase {
            session,
            client: r,
            confirm: typed,
            today: day_of(cx.now),
            progress,
        });
    }

    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        if let Some((r, progress)) = &self.erasing {
            let stage = *progress.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(stage) = stage
                && cx.ui.busy.is_some()
            {
                cx.busy(&format!("Erasing {r}: {}…", stage.describe()));
            }
        }
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (list, _) = RetentionScreen::areas(area);
        // The first row is the column headings.
        let rows = Rect {
            y: list.y.saturating_add(1),
            height: list.height.saturating_sub(1),
            ..list
        };
        let first = first_shown(self.selected, self.due.len(), usize::from(rows.height));
        if let Some(at) = row_at(rows, first, row, col, self.due.len()) {
            self.selected = at;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.due.len(), &mut self.selected, down);
    }

    fn help_notes(&self, ui: &Shared) -> Vec<String> {
        let years = ui
            .session
            .as_ref()
            .map_or(6, |s| s.policy().retention_years);
        vec![format!(
            "Closed clients are kept for {years} years from closing (the office's policy). Those \
             listed here are past that date. E erases one: you type its reference to confirm; \
             its keys and every record are destroyed, the file is rewritten so nothing of it \
             is left, and the trail records only the reference. Others using the store are \
             told it is busy for those seconds. Backups taken earlier still hold the client \
             until they rotate out."
        )]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let title = format!(" Clients past retention: {} ", self.due.len());
        let (list, detail) = RetentionScreen::areas(area);
        let h = usize::from(list.height);
        let first = first_shown(self.selected, self.due.len(), h.saturating_sub(1));
        let mut b = block(v, title, true);
        if !self.due.is_empty() {
            b = b.title_bottom(position(v, "", self.selected, self.due.len()));
        }
        let below = self.due.len().saturating_sub(first + h.saturating_sub(1));
        f.render_widget(scroll_marks(v, b, first, below), area);
        let width = usize::from(list.width);
        let mut lines: Vec<Line> = Vec::new();
        if self.due.is_empty() {
            lines.push(Line::from(Span::styled(
                "No closed client is past its retention date.",
                v.style(R::Dim),
            )));
        }
        // Reference, name, adviser, closed, kept until: the name takes what the rest leave.
        let name_w = width
            .saturating_sub(1 + 9 + 1 + 12 + 1 + 10 + 1 + 10 + 1)
            .max(8);
        let cut = |s: &str, n: usize| -> String {
            let s = domain::visible_line(s);
            format!("{:<n$}", s.chars().take(n).collect::<String>())
        };
        if !self.due.is_empty() {
            let head = format!(
                " {:<9} {} {:<12} {:<10} {:<10}",
                "Ref",
                cut("Name", name_w),
                "Adviser",
                "Closed",
                "Kept until"
            );
            lines.push(Line::from(Span::styled(
                head.chars().take(width).collect::<String>(),
                v.style(R::Dim),
            )));
        }
        for (i, d) in self
            .due
            .iter()
            .enumerate()
            .skip(first)
            .take(h.saturating_sub(1))
        {
            let style = if i == self.selected {
                v.style(R::Selection)
            } else {
                v.style(R::Base)
            };
            let erasing = matches!(&self.erasing, Some((r, _)) if *r == d.reference);
            let row = format!(
                "{}{:<9} {} {} {:<10} {:<10}{}",
                if i == self.selected { "›" } else { " " },
                d.reference.to_string(),
                cut(&d.name, name_w),
                cut(&d.adviser, 12),
                &domain::format_time(d.closed_at)[..10],
                d.retain_until.to_string(),
                if erasing { " erasing…" } else { "" },
            );
            let row: String = row.chars().take(width).collect();
            let pad = width.saturating_sub(row.chars().count());
            lines.push(Line::from(Span::styled(
                format!("{row}{}", " ".repeat(pad)),
                style,
            )));
        }
        f.render_widget(Paragraph::new(lines), list);
        let held =
            self.due
                .get(self.selected)
                .map_or(String::new(), |d| match d.in_backups.len() {
                    0 => String::new(),
                    n => format!(
                        " {n} backup{} still hold{} it until deleted: {}.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" },
                        d.in_backups
                            .iter()
                            .map(|b| domain::visible_line(&b.path.display().to_string())
                                .into_owned())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
        let about = wrap(
            &format!(
                "E erases the selected client for good (you type its reference to confirm). \
                 r reads the list again.{held}"
            ),
            width,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, v.style(R::Dim))))
        .collect::<Vec<_>>();
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
