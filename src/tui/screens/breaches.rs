//! The breach log, for supervisors (a screen of its own, `b` from the caseload or the
//! dashboard) and administrators (a tab of theirs): each breach with when it happened and was
//! found, the clients by reference, whether it was reported to the data protection officer, and
//! the regulator decision — or, while that is undecided, the 72-hour deadline from discovery and
//! the time left (or how overdue), in the theme's warning style. The selected breach's details
//! below. `a` records a breach, `u` completes the selected one (the report to the data
//! protection officer, the regulator decision); both are logged by the session. Reading the log
//! is a job for the worker, and is not logged (it names clients by reference only).

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Screen, move_in, wheel};
use crate::domain::{self, Regulator, Timestamp};
use crate::session::{BreachView, Operation};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::jobs::protection::ProtectionTask;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::popups::breach_form::BreachForm;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, first_shown, position, row_at, scroll_marks, spinner, wrap,
};

/// The fewest rows the list and the details below it take.
const MIN_ROWS: u16 = 3;

/// The log as last read, and the breach under the cursor.
#[derive(Default)]
pub struct BreachLog {
    pub breaches: Vec<BreachView>,
    pub selected: usize,
    /// A read is with the worker.
    pub reading: bool,
    /// Read at least once.
    pub read: bool,
}

pub fn help_notes() -> Vec<String> {
    vec![
        "Record every breach of personal data, whether or not it must be reported: what \
         information and how, when it happened and when it was found, which clients (by \
         reference), who reported it to the data protection officer and when, and what was \
         done."
            .into(),
        "A notifiable breach is reported to the regulator (the ICO) within 72 hours of being \
         found. Until the decision is recorded the list shows that deadline and the time left, \
         or how overdue it is. u records the decision: notified (when), or not notified (why: \
         the breach is unlikely to put anyone at risk)."
            .into(),
        "Times are typed YYYY-MM-DD HH:MM in UTC, as the app shows them (or YYYY-MM-DD for the \
         start of a day). Recording and completing a breach are logged; reading the log is not."
            .into(),
    ]
}

/// Seconds since the epoch at `now`.
fn secs(now: SystemTime) -> Timestamp {
    now.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl BreachLog {
    /// Asks the worker for the log (unless a read is under way).
    pub fn read(&mut self, cx: &mut Cx<'_>) {
        if self.reading {
            return;
        }
        if let Some(session) = cx.session() {
            self.reading = true;
            cx.job(Task::Protection(ProtectionTask::Breaches { session }));
        }
    }

    /// The log as read: the cursor stays on the breach it was on, or goes to a new one.
    pub fn loaded(&mut self, list: Vec<BreachView>) {
        let was = self.breaches.get(self.selected).map(|b| b.number);
        let grew = list.len() > self.breaches.len() && self.read;
        self.breaches = list;
        self.selected = match (grew, was) {
            (true, _) => self.breaches.len().saturating_sub(1),
            (false, Some(n)) => self
                .breaches
                .iter()
                .position(|b| b.number == n)
                .unwrap_or(0),
            (false, None) => 0,
        };
        self.reading = false;
        self.read = true;
    }

    /// The heading, the list (as tall as its rows, up to half the box) and the selected
    /// breach's details below it.
    fn areas(&self, area: Rect) -> (Rect, Rect, Rect) {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let rows = u16::try_from(self.breaches.len()).unwrap_or(u16::MAX);
        let list_h = rows.min(inner.height.saturating_sub(1) / 2).max(MIN_ROWS);
        let [head, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(list_h),
            Constraint::Min(MIN_ROWS),
        ])
        .areas(inner);
        (head, list, detail)
    }

    pub fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => move_in(self.breaches.len(), &mut self.selected, action),
            Action::Refresh => self.read(cx),
            Action::Record => cx.popup(BreachForm::new(cx.now)),
            Action::Complete => match self.breaches.get(self.selected) {
                Some(b) if b.dpo.is_some() && b.regulator.is_decided() => cx.say(format!(
                    "breach {} is complete: its report to the data protection officer and the \
                     regulator decision are recorded",
                    b.number
                )),
                Some(b) => cx.popup(BreachForm::complete(b, cx.now)),
                None => cx.say("no breach to complete: a records one"),
            },
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    pub fn on_click(&mut self, col: u16, row: u16, area: Rect) {
        let (_, list, _) = self.areas(area);
        let first = first_shown(self.selected, self.breaches.len(), usize::from(list.height));
        if let Some(at) = row_at(list, first, row, col, self.breaches.len()) {
            self.selected = at;
        }
    }

    pub fn on_scroll(&mut self, down: bool) {
        wheel(self.breaches.len(), &mut self.selected, down);
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>, title: &str) {
        let (head, list, detail) = self.areas(area);
        let now = secs(v.now);
        let h = usize::from(list.height);
        let first = first_shown(self.selected, self.breaches.len(), h);
        let open = self
            .breaches
            .iter()
            .filter(|b| b.deadline().is_some())
            .count();
        let mut title = format!(" {title} ({}) ", self.breaches.len());
        if open > 0 {
            title.push_str(&format!("· {open} awaiting the regulator decision "));
        }
        let mut b = block(v, title, true);
        if !self.breaches.is_empty() {
            b = b.title_bottom(position(v, "", self.selected, self.breaches.len()));
        }
        let below = self.breaches.len().saturating_sub(first + h);
        f.render_widget(scroll_marks(v, b, first, below), area);
        let width = usize::from(list.width);
        f.render_widget(
            Paragraph::new(Line::from(Span::styled(
                clip(
                    "  No  Happened          Found             Clients        DPO  Regulator           What",
                    width,
                ),
                v.style(R::Label),
            ))),
            head,
        );
        let mut lines: Vec<Line> = Vec::new();
        if self.breaches.is_empty() {
            let text = if self.reading || !self.read {
                format!("{} Reading the breach log…", spinner(v.now))
            } else {
                "No breach recorded. a records one.".into()
            };
            lines.push(Line::from(Span::styled(text, v.style(R::Dim))));
        }
        for (i, b) in self.breaches.iter().enumerate().skip(first).take(h) {
            lines.push(row(v, b, i == self.selected, width, now));
        }
        f.render_widget(Paragraph::new(lines), list);
        let about = self
            .breaches
            .get(self.selected)
            .map(|b| details(v, b, width, now))
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(about).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(v.style(R::Dim)),
            ),
            detail,
        );
    }
}

/// `text` cut to `width` characters.
fn clip(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}

/// The clients column: the first reference, and how many more.
fn clients(b: &BreachView) -> String {
    match b.clients.as_slice() {
        [] => "-".into(),
        [one] => one.to_string(),
        [one, rest @ ..] => format!("{one} +{}", rest.len()),
    }
}

/// One row of the list: the regulator column in the warning style while undecided.
fn row<'a>(v: &View<'_>, b: &BreachView, selected: bool, width: usize, now: Timestamp) -> Line<'a> {
    let base = if selected {
        v.style(R::Selection)
    } else {
        v.style(R::Base)
    };
    let (regulator, warn) = match (b.deadline(), &b.regulator) {
        (Some(due), _) => (domain::time_left(due, now).0, true),
        (None, Regulator::Notified { .. }) => ("notified".into(), false),
        (None, _) => ("not notified".into(), false),
    };
    let left = format!(
        "{}{:>3}  {:<16}  {:<16}  {:<13}  {:<3}  ",
        if selected { "›" } else { " " },
        b.number,
        b.happened_at
            .map(domain::format_time)
            .unwrap_or_else(|| "unknown".into()),
        domain::format_time(b.discovered_at),
        clients(b),
        if b.dpo.is_some() { "yes" } else { "no" },
    );
    let left = clip(&left, width);
    let room = width.saturating_sub(left.chars().count());
    let regulator = clip(&format!("{regulator:<18}"), room);
    let rest = width.saturating_sub(left.chars().count() + regulator.chars().count());
    let what = clip(&format!("  {}", domain::visible_line(&b.what)), rest);
    let pad = rest.saturating_sub(what.chars().count());
    let reg_style = if warn && !selected {
        v.style(R::Warning)
    } else {
        base
    };
    Line::from(vec![
        Span::styled(left, base),
        Span::styled(regulator, reg_style),
        Span::styled(format!("{what}{}", " ".repeat(pad)), base),
    ])
}

/// The selected breach, field by field, wrapped to `width`.
fn details<'a>(v: &View<'_>, b: &BreachView, width: usize, now: Timestamp) -> Vec<Line<'a>> {
    let mut out: Vec<Line> = Vec::new();
    let mut put = |text: String, style| {
        for l in wrap(&text, width) {
            out.push(Line::from(Span::styled(l, style)));
        }
    };
    let or_dash = |t: &Option<String>| {
        t.as_deref()
            .map_or_else(|| "-".to_string(), |t| domain::visible_line(t).into_owned())
    };
    put(
        format!("What: {}", domain::visible_line(&b.what)),
        v.style(R::Base),
    );
    put(format!("How: {}", or_dash(&b.how)), v.style(R::Base));
    let all: Vec<String> = b.clients.iter().map(|c| c.to_string()).collect();
    put(
        format!(
            "Clients: {}",
            if all.is_empty() {
                "none named".into()
            } else {
                all.join(", ")
            }
        ),
        v.style(R::Base),
    );
    match &b.dpo {
        Some(d) => put(
            format!(
                "Reported to the DPO: {} by {}",
                domain::format_time(d.at),
                domain::visible_line(&d.by)
            ),
            v.style(R::Base),
        ),
        None => put(
            "Reported to the DPO: not yet (u records it)".into(),
            v.style(R::Warning),
        ),
    }
    match (&b.regulator, b.deadline()) {
        (_, Some(due)) => put(
            format!(
                "Regulator: undecided — due {} UTC, 72 hours from discovery: {} (u records the \
                 decision)",
                domain::format_time(due),
                domain::time_left(due, now).0
            ),
            v.style(R::Warning),
        ),
        (Regulator::Notified { at }, None) => {
            let due = domain::regulator_deadline(b.discovered_at);
            let late = if *at > due {
                format!(
                    ", {} after the 72 hours",
                    domain::time_left(due, *at).0.trim_end_matches(" overdue")
                )
            } else {
                String::new()
            };
            put(
                format!("Regulator: notified {}{late}", domain::format_time(*at)),
                v.style(R::Base),
            );
        }
        (Regulator::NotNotified { why }, None) => put(
            format!("Regulator: not notified — {}", domain::visible_line(why)),
            v.style(R::Base),
        ),
        (Regulator::Undecided, None) => {}
    }
    put(
        format!("Also reported to: {}", or_dash(&b.reported_to)),
        v.style(R::Base),
    );
    put(
        format!("Actions: {}", or_dash(&b.actions)),
        v.style(R::Base),
    );
    put(
        format!(
            "Recorded {} by {}",
            domain::format_time(b.at),
            domain::visible_line(&b.by)
        ),
        v.style(R::Dim),
    );
    out
}

/// The supervisor's screen over the log.
#[derive(Default)]
pub struct BreachScreen {
    pub log: BreachLog,
}

/// Opens the log in front (supervisors) and asks the worker for it; says why not to anyone
/// else.
pub fn open(cx: &mut Cx<'_>) {
    let Some(session) = cx.session() else { return };
    if session.may(Operation::RecordBreaches).is_err() {
        cx.say("supervisors keep the breach log");
        return;
    }
    let mut screen = BreachScreen::default();
    screen.log.read(cx);
    cx.open(screen);
}

impl Screen for BreachScreen {
    fn mode(&self) -> Mode {
        Mode::Breaches
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Back => EventResult::Close(None),
            _ => self.log.on_action(action, cx),
        }
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        self.log.on_click(col, row, area);
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        self.log.on_scroll(down);
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        help_notes()
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        self.log.draw(f, area, v, "Breach log");
    }
}
