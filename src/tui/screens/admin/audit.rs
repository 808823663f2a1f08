//! The audit trail: whether the chain verifies, then its events, oldest first and newest last,
//! with a scroll position. Filters: flagged events only (`f`), without the routine sign-ins
//! (`s`), one user's events (`/`, typed). Checking and reading are jobs for the worker (every
//! event is opened).
//!
//! Clients appear by reference only, never by name. The session withholds stated reasons from
//! administrators; a supervisor, who opens this from the caseload ([`AuditScreen`]), sees them.
//! Reading the trail is not logged (it is the trail itself).

use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use zeroize::Zeroize;

use super::super::{Screen, edit, move_in, wheel};
use crate::domain::{self, visible_line};
use crate::session::{AuditEntry, AuditFilter, Session, SessionError};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, clip, first_shown, position, row_at, scroll_marks, spinner, wrap,
};

/// The longest user name typed into the filter.
const MAX_USER: usize = 160;

/// The trail as last read, its check, and the filters it was read with.
#[derive(Default)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    /// The event under the cursor (an index into `entries`).
    pub selected: usize,
    /// The filters; the title says which are on.
    pub filter: AuditFilter,
    /// The user name being typed after `/`.
    pub typing: Option<String>,
    /// The chain's check: the number of events, or where it breaks; none while it runs.
    pub verified: Option<Result<u64, String>>,
    /// A read is under way.
    pub reading: bool,
}

pub fn help_notes() -> Vec<String> {
    vec![
        "The top line says whether the chain verifies: every event opens, none is missing, \
         edited or moved, and the records agree with it. v checks again."
            .into(),
        "Clients appear by reference only. Administrators do not see the reasons people gave; \
         supervisors do. Flagged events are break-glass accesses, for a supervisor's review."
            .into(),
    ]
}

impl AuditView {
    /// The jobs that check the chain and read the events with the current filters.
    pub fn load(&mut self, session: &Arc<Session>) -> Vec<Task> {
        self.verified = None;
        vec![
            Task::Admin(AdminTask::Verify {
                session: session.clone(),
            }),
            self.read(session),
        ]
    }

    /// The job that reads the events with the current filters.
    fn read(&mut self, session: &Arc<Session>) -> Task {
        self.reading = true;
        Task::Admin(AdminTask::Audit {
            session: session.clone(),
            filter: self.filter.clone(),
        })
    }

    fn reread(&mut self, cx: &mut Cx<'_>) {
        if let Some(s) = cx.session() {
            let t = self.read(&s);
            cx.job(t);
        }
    }

    /// The events read with `filter`: the cursor goes to the newest. A user name that names no
    /// account is refused by the session: the filter goes back to everyone's events.
    pub fn listed(
        &mut self,
        filter: AuditFilter,
        result: Result<Vec<AuditEntry>, SessionError>,
        cx: &mut Cx<'_>,
    ) {
        self.reading = false;
        match result {
            Ok(entries) => {
                self.entries = entries;
                self.selected = self.entries.len().saturating_sub(1);
            }
            Err(e) => {
                cx.warn(e.to_string());
                if filter.user.is_some() {
                    self.filter.user = None;
                    self.reread(cx);
                }
            }
        }
    }

    pub fn checked(&mut self, result: Result<u64, SessionError>) {
        self.verified = Some(result.map_err(|e| e.to_string()));
    }

    /// The keys of the trail; `own_screen` is the supervisor's (where `Esc` goes back).
    pub fn on_action(&mut self, action: Action, own_screen: bool, cx: &mut Cx<'_>) -> EventResult {
        if let Some(t) = &mut self.typing {
            match action {
                Action::Open => match typed_filter(t) {
                    Ok(typed) => {
                        t.zeroize();
                        self.typing = None;
                        self.filter = AuditFilter {
                            flagged: self.filter.flagged,
                            hide_sign_ins: self.filter.hide_sign_ins,
                            ..typed
                        };
                        self.reread(cx);
                    }
                    Err(e) => cx.warn(e),
                },
                Action::Back => {
                    t.zeroize();
                    self.typing = None;
                }
                _ => return EventResult::Ignored,
            }
            return EventResult::Consumed;
        }
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => move_in(self.entries.len(), &mut self.selected, action),
            Action::Filter => self.typing = Some(filter_text(&self.filter)),
            Action::FlaggedOnly => {
                self.filter.flagged = !self.filter.flagged;
                self.reread(cx);
            }
            Action::HideSignIns => {
                self.filter.hide_sign_ins = !self.filter.hide_sign_ins;
                self.reread(cx);
            }
            Action::Verify => {
                if let Some(session) = cx.session() {
                    self.verified = None;
                    cx.job(Task::Admin(AdminTask::Verify { session }));
                }
            }
            Action::Back if own_screen => return EventResult::Close(None),
            Action::Back => {
                let f = &self.filter;
                if f.flagged
                    || f.hide_sign_ins
                    || f.user.is_some()
                    || f.client.is_some()
                    || f.action.is_some()
                    || f.since.is_some()
                    || f.until.is_some()
                {
                    self.filter = AuditFilter::default();
                    self.reread(cx);
                    cx.say("filters cleared: every event");
                }
            }
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    /// Typing the filter.
    pub fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        let Some(t) = &mut self.typing else {
            return EventResult::Ignored;
        };
        if t.chars().count() < MAX_USER || key.code == ratatui::crossterm::event::KeyCode::Backspace
        {
            edit(t, &key);
        }
        EventResult::Consumed
    }

    /// The check, the filter being typed (if it is), the column headings, the events, and the
    /// selected event in full.
    fn areas(&self, area: Rect) -> [Rect; 5] {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(self.typing.is_some())),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(3.min(inner.height / 4)),
        ])
        .areas(inner)
    }

    pub fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) {
        let [_, _, _, rows, _] = self.areas(area);
        let first = first_shown(self.selected, self.entries.len(), usize::from(rows.height));
        if let Some(at) = row_at(rows, first, row, col, self.entries.len()) {
            self.selected = at;
        }
    }

    pub fn on_scroll(&mut self, down: bool) {
        wheel(self.entries.len(), &mut self.selected, down);
    }

    /// The title: how many events, and the filters that are on.
    pub fn title(&self) -> String {
        let mut parts = vec![format!("{} events", self.entries.len())];
        if self.filter.flagged {
            parts.push("flagged only".into());
        }
        if self.filter.hide_sign_ins {
            parts.push("no sign-ins".into());
        }
        let typed = filter_text(&self.filter);
        if !typed.is_empty() {
            parts.push(visible_line(&typed).into_owned());
        }
        format!(" Audit trail ({}) ", parts.join(" · "))
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [check, typing, header, rows, below] = self.areas(area);
        let h = usize::from(rows.height);
        let first = first_shown(self.selected, self.entries.len(), h);
        let mut outer = block(v, self.title(), true);
        if !self.entries.is_empty() {
            outer = outer.title_bottom(position(v, "event ", self.selected, self.entries.len()));
        }
        let more = self.entries.len().saturating_sub(first + h);
        f.render_widget(scroll_marks(v, outer, first, more), area);

        let (text, style) = match &self.verified {
            None => (
                format!("{} checking the chain…", spinner(v.now)),
                v.style(R::Dim),
            ),
            Some(Ok(n)) => (
                format!("✓ The chain verifies: {n} events, none edited, moved or removed."),
                v.style(R::Title),
            ),
            Some(Err(e)) => (format!("✗ {e}"), v.style(R::Error)),
        };
        f.render_widget(
            Paragraph::new(clip(&text, usize::from(check.width))).style(style),
            check,
        );
        if let Some(t) = &self.typing {
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("/ filter: ", v.style(R::Label)),
                    Span::styled(format!("{}▏", visible_line(t)), v.style(R::Input)),
                    Span::styled(
                        "   user C-000012 what:EVENT since:DATE until:DATE",
                        v.style(R::Dim),
                    ),
                ])),
                typing,
            );
        }
        let cols = Columns::new(header.width);
        f.render_widget(
            Paragraph::new(cols.header()).style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            header,
        );
        if self.entries.is_empty() {
            let text = if self.reading {
                "Reading the trail…"
            } else {
                "No events match the filters."
            };
            f.render_widget(Paragraph::new(text).style(v.style(R::Dim)), rows);
            return;
        }
        let lines: Vec<Line> = self
            .entries
            .iter()
            .enumerate()
            .skip(first)
            .take(h)
            .map(|(i, e)| {
                let st = if i == self.selected {
                    v.style(R::Selection)
                } else if e.flagged {
                    v.style(R::Warning)
                } else {
                    v.style(R::Base)
                };
                Line::from(Span::styled(cols.row(e), st))
            })
            .collect();
        f.render_widget(Paragraph::new(lines), rows);
        if let Some(e) = self.entries.get(self.selected) {
            let mut text = format!(
                "Event {} · {} · {} · {}",
                e.seq,
                domain::format_time_seconds(e.at),
                visible_line(&e.actor),
                e.action
            );
            if let Some(c) = e.client {
                text.push_str(&format!(" · {c}"));
            }
            if !e.detail.is_empty() {
                text.push_str(&format!(" · {}", visible_line(&e.detail)));
            }
            if let Some(r) = &e.reason {
                text.push_str(&format!(" · reason: {}", visible_line(r)));
            }
            if e.flagged {
                text.push_str(" · flagged for review");
            }
            let mut lines = vec![Line::default()];
            lines.extend(
                wrap(&text, usize::from(below.width))
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, v.style(R::Dim)))),
            );
            f.render_widget(Paragraph::new(lines), below);
        }
    }
}

/// The columns of an event's row: flag, number, time, who, what, client, and what is left for
/// the detail.
struct Columns {
    detail: usize,
}

impl Columns {
    const FIXED: usize = 1 + 6 + 1 + 16 + 1 + 12 + 1 + 20 + 1 + 8 + 1;

    fn new(width: u16) -> Columns {
        Columns {
            detail: usize::from(width).saturating_sub(Self::FIXED),
        }
    }

    fn header(&self) -> String {
        format!(
            " {:>6} {:<16} {:<12} {:<20} {:<8} {}",
            "Event", "Time (UTC)", "Who", "What", "Client", "Detail"
        )
    }

    fn row(&self, e: &AuditEntry) -> String {
        let who: String = visible_line(&e.actor).chars().take(12).collect();
        let mut detail = visible_line(&e.detail).into_owned();
        if let Some(r) = &e.reason {
            detail.push_str(&format!(" reason: {}", visible_line(r)));
        }
        let detail: String = detail.chars().take(self.detail).collect();
        format!(
            "{}{:>6} {:<16} {:<12} {:<20} {:<8} {detail}",
            if e.flagged { "!" } else { " " },
            e.seq,
            domain::format_time(e.at),
            who,
            e.action,
            e.client
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
        )
    }
}

/// The audit trail as a screen of its own, which a supervisor opens from the caseload (`L`):
/// the same view, `Esc` back.
#[derive(Default)]
pub struct AuditScreen {
    pub view: AuditView,
}

impl AuditScreen {
    /// The screen, and the jobs that check the chain and read the events.
    pub fn start(session: &Arc<Session>) -> (AuditScreen, Vec<Task>) {
        let mut s = AuditScreen::default();
        let tasks = s.view.load(session);
        (s, tasks)
    }
}

impl Screen for AuditScreen {
    fn mode(&self) -> Mode {
        if self.view.typing.is_some() {
            Mode::AuditUser
        } else {
            Mode::Audit
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        self.view.on_action(action, true, cx)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx<'_>) -> EventResult {
        self.view.on_key(key, cx)
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, cx: &mut Cx<'_>) -> EventResult {
        self.view.on_click(col, row, area, cx);
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        self.view.on_scroll(down);
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        help_notes()
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        self.view.draw(f, area, v);
    }
}

impl Drop for AuditView {
    fn drop(&mut self) {
        if let Some(t) = &mut self.typing {
            t.zeroize();
        }
    }
}

/// Reads a typed filter: `C-000012` (a client), `what:break-glass` (an event's name),
/// `since:2026-11-01` and `until:2026-11-30` (days, UTC, both included), and a username.
pub fn typed_filter(text: &str) -> Result<AuditFilter, String> {
    let mut f = AuditFilter::default();
    for word in text.split_whitespace() {
        let lower = word.to_lowercase();
        if let Some(day) = lower.strip_prefix("since:") {
            f.since = Some(crate::domain::day_start(day)?);
        } else if let Some(day) = lower.strip_prefix("until:") {
            f.until = Some(crate::domain::day_start(day)? + 86_400);
        } else if let Some(what) = lower.strip_prefix("what:") {
            f.action = Some(what.to_string());
        } else if let Ok(r) = word.parse::<crate::domain::ClientRef>() {
            f.client = Some(r);
        } else if f.user.is_none() {
            f.user = Some(lower);
        } else {
            return Err(format!(
                "one username at most: '{}' and '{}' (a client is C-000012, a kind of event \
                 what:NAME, days since:DATE until:DATE)",
                visible_line(f.user.as_deref().unwrap_or_default()),
                visible_line(word)
            ));
        }
    }
    Ok(f)
}

/// The typed form of a filter's user, client, kind of event and days.
fn filter_text(f: &AuditFilter) -> String {
    let mut words = Vec::new();
    if let Some(u) = &f.user {
        words.push(u.clone());
    }
    if let Some(c) = f.client {
        words.push(c.to_string());
    }
    if let Some(a) = &f.action {
        words.push(format!("what:{a}"));
    }
    if let Some(t) = f.since {
        words.push(format!("since:{}", &crate::domain::format_time(t)[..10]));
    }
    if let Some(t) = f.until {
        words.push(format!(
            "until:{}",
            &crate::domain::format_time(t - 86_400)[..10]
        ));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_filter_reads_each_kind_of_word_and_round_trips() {
        let f =
            typed_filter("Adviser2 C-000012 what:break-glass since:2026-11-01 until:2026-11-30")
                .unwrap();
        assert_eq!(f.user.as_deref(), Some("adviser2"));
        assert_eq!(f.client, Some(crate::domain::ClientRef(12)));
        assert_eq!(f.action.as_deref(), Some("break-glass"));
        assert_eq!(
            f.since,
            Some(crate::domain::day_start("2026-11-01").unwrap())
        );
        assert_eq!(
            f.until,
            Some(crate::domain::day_start("2026-12-01").unwrap())
        );
        assert_eq!(
            filter_text(&f),
            "adviser2 C-000012 what:break-glass since:2026-11-01 until:2026-11-30"
        );
        assert!(typed_filter("since:yesterday").is_err());
        assert!(typed_filter("sam robin").is_err());
        assert_eq!(typed_filter("").unwrap().user, None);
    }
}
