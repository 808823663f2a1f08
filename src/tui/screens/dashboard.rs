//! The supervisor's caseload dashboard, their first screen after signing in: a row per adviser
//! with the figures a supervisor reviews (counts only: no client's name or reference), a totals
//! row, and below it the selected row's notes per week over twelve weeks as a bar chart. Enter
//! drills into that adviser's caseload (the totals row: every client), from which clients and
//! notes open as from any caseload, with the same masking and reveal rules. The figures are read
//! by the worker, again on `r` and whenever the store changes.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph, Wrap};

use super::caseload::Caseload;
use super::{Screen, move_in, wheel};
use crate::domain::{self, Date};
use crate::session::dashboard::WEEKS;
use crate::session::{AdviserFigures, CaseloadFigures, Dashboard, Operation, SessionError};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, first_shown, position, row_at, scroll_marks};

pub struct DashboardScreen {
    /// The figures last read, if any yet.
    pub dashboard: Option<Dashboard>,
    /// The row under the cursor: one of the advisers' rows, or (the last) the totals row.
    pub selected: usize,
    /// The store's version when the figures were read: a later change reads them again.
    version: u64,
    /// A reading is with the worker.
    reading: bool,
    /// Why the figures could not be read.
    error: Option<String>,
}

/// The day `now` falls on, on this machine's clock: the day the figures are counted against.
pub fn day_of(now: SystemTime) -> Date {
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    domain::day_of(secs)
}

/// Opens the dashboard in front and asks the worker for its figures; for anyone but a
/// supervisor holding the case keys, says why not instead.
pub fn open(cx: &mut Cx<'_>) {
    let Some(session) = cx.session() else { return };
    match session.may(Operation::ViewDashboard) {
        Ok(()) => {
            let mut d = DashboardScreen::new();
            d.read(cx);
            cx.open(d);
        }
        Err(e) => cx.say(format!("no dashboard: {e}")),
    }
}

/// The dashboard as a supervisor's first screen: the screen and the job that reads its figures
/// (counted against the day of `now`), or nothing for other roles.
pub fn first_screen(ui: &Shared, now: SystemTime) -> Option<(DashboardScreen, Task)> {
    let session = ui.session.clone()?;
    session.may(Operation::ViewDashboard).ok()?;
    let mut d = DashboardScreen::new();
    d.reading = true;
    Some((
        d,
        Task::Dashboard {
            session,
            today: day_of(now),
        },
    ))
}

impl Default for DashboardScreen {
    fn default() -> Self {
        DashboardScreen::new()
    }
}

impl DashboardScreen {
    pub fn new() -> DashboardScreen {
        DashboardScreen {
            dashboard: None,
            selected: 0,
            version: 0,
            reading: false,
            error: None,
        }
    }

    /// Asks the worker to read the figures again (unless a reading is under way).
    fn read(&mut self, cx: &mut Cx<'_>) {
        if self.reading {
            return;
        }
        let Some(session) = cx.session() else { return };
        self.reading = true;
        cx.job(Task::Dashboard {
            session,
            today: day_of(cx.now),
        });
    }

    /// The worker's answer: the figures (read at store version `version`), or why not. The
    /// cursor stays on the adviser it was on.
    pub fn loaded(&mut self, version: u64, result: Result<Dashboard, SessionError>) {
        self.reading = false;
        self.version = version;
        match result {
            Ok(d) => {
                let was = self.selected_row().map(|r| r.name.clone());
                let totals = self
                    .dashboard
                    .as_ref()
                    .is_some_and(|old| self.selected >= old.rows.len());
                self.selected = match (was, totals) {
                    (_, true) => d.rows.len(),
                    (Some(name), _) => d.rows.iter().position(|r| r.name == name).unwrap_or(0),
                    (None, _) => self.selected.min(d.rows.len()),
                };
                self.dashboard = Some(d);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// How many rows the cursor moves over: the advisers and the totals.
    fn len(&self) -> usize {
        self.dashboard.as_ref().map_or(0, |d| d.rows.len() + 1)
    }

    /// The adviser's row under the cursor (none on the totals row).
    pub fn selected_row(&self) -> Option<&AdviserFigures> {
        self.dashboard.as_ref()?.rows.get(self.selected)
    }

    /// The figures under the cursor, the totals' on the totals row, and what they are called.
    fn selected_figures(&self) -> Option<(String, &CaseloadFigures)> {
        let d = self.dashboard.as_ref()?;
        Some(match d.rows.get(self.selected) {
            Some(r) => (domain::visible_line(&r.name).into_owned(), &r.figures),
            None => ("all advisers".into(), &d.totals),
        })
    }

    /// The table's parts: the heading line, the advisers' rows and the totals line (inside the
    /// border); and the chart below.
    fn layout(&self, area: Rect) -> (Rect, Rect, Rect, Rect, Rect) {
        let rows = self.dashboard.as_ref().map_or(1, |d| d.rows.len().max(1));
        // The table takes what its rows need, leaving the chart at least ten lines.
        let want = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4);
        let table_h = want.min(area.height.saturating_sub(10)).max(6);
        // A trend reads at a glance: the chart grows no taller than this.
        let [table, chart, _] = Layout::vertical([
            Constraint::Length(table_h),
            Constraint::Max(CHART_MAX_HEIGHT),
            Constraint::Min(0),
        ])
        .areas(area);
        let inner = Block::default().borders(Borders::ALL).inner(table);
        let [head, body, totals] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(inner);
        (table, head, body, totals, chart)
    }
}

/// The chart's tallest, border included.
const CHART_MAX_HEIGHT: u16 = 18;

/// A column of the table: its heading, short (up to 80 columns) and full, and what it counts.
struct Column {
    short: &'static str,
    full: &'static str,
    value: fn(&CaseloadFigures) -> u32,
}

const COLUMNS: [Column; 8] = [
    Column {
        short: "Open",
        full: "Open clients",
        value: |f| f.open_clients,
    },
    Column {
        short: "30d",
        full: "Notes 30 days",
        value: |f| f.notes_30_days,
    },
    Column {
        short: "Unsign",
        full: "Awaiting sign-off",
        value: |f| f.awaiting_sign_off,
    },
    Column {
        short: "Overdue",
        full: "Overdue actions",
        value: |f| f.overdue_actions,
    },
    Column {
        short: "NoContact",
        full: "No recent contact",
        value: |f| f.no_contact,
    },
    Column {
        short: "NoConsent",
        full: "No consent",
        value: |f| f.no_consent,
    },
    Column {
        short: "Retain",
        full: "Past retention",
        value: |f| f.past_retention,
    },
    Column {
        short: "Glass",
        full: "Break-glass to review",
        value: |f| f.glass_pending,
    },
];

/// The widths of the name column and of each figure's, for a table `width` columns wide: the
/// full headings where they fit beside a name of 16, else the short ones.
fn widths(width: usize) -> (usize, bool) {
    let need = |full: bool| -> usize {
        COLUMNS
            .iter()
            .map(|c| 1 + if full { c.full.len() } else { c.short.len() })
            .sum()
    };
    let full = width >= 16 + need(true);
    let name = width.saturating_sub(need(full)).max(4);
    (name, full)
}

/// A line of the table: the name, then each figure right-aligned under its heading.
fn table_line(name: &str, cells: &[String], width: usize, full: bool) -> String {
    let (name_w, _) = widths(width);
    let shown: String = name.chars().take(name_w).collect();
    let mut line = format!("{shown:<name_w$}");
    for (c, cell) in COLUMNS.iter().zip(cells) {
        let w = if full { c.full.len() } else { c.short.len() };
        line.push_str(&format!(" {cell:>w$}"));
    }
    line
}

fn cells(f: &CaseloadFigures) -> Vec<String> {
    COLUMNS.iter().map(|c| (c.value)(f).to_string()).collect()
}

impl Screen for DashboardScreen {
    fn mode(&self) -> Mode {
        Mode::Dashboard
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => move_in(self.len(), &mut self.selected, action),
            Action::Open => match &self.dashboard {
                Some(_) => {
                    let adviser = self.selected_row().map(|r| r.name.clone());
                    cx.open(Caseload::from_dashboard(adviser, cx.ui));
                }
                None => cx.say("the figures are still being read"),
            },
            Action::Refresh => {
                self.read(cx);
                cx.say("reading the figures again");
            }
            Action::Retention => super::retention::open(cx),
            Action::BreachLog => super::breaches::open(cx),
            Action::Back => return EventResult::Close(None),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let (_, _, body, totals, _) = self.layout(area);
        let rows = self.len().saturating_sub(1);
        let first = first_shown(self.selected.min(rows), rows, usize::from(body.height));
        if let Some(at) = row_at(body, first, row, col, rows) {
            self.selected = at;
        } else if row_at(totals, 0, row, col, 1).is_some() {
            self.selected = rows;
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        wheel(self.len(), &mut self.selected, down);
    }

    /// Reads the figures again once the store has changed since they were read (a note saved
    /// or signed off here, or from another terminal).
    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        if self.version != 0 && cx.ui.store_version > self.version {
            self.read(cx);
        }
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        let (days, years) = self
            .dashboard
            .as_ref()
            .map_or((14, 6), |d| (d.no_contact_days, d.retention_years));
        vec![
            "One row per adviser (and per other account holding clients), then the totals. \
             Counts only: no client is named here. Enter lists the selected adviser's clients."
                .into(),
            "Open (Open clients): clients whose case is open.".into(),
            "30d (Notes 30 days): notes with a contact in the last 30 days, today included.".into(),
            "Unsign (Awaiting sign-off): notes no supervisor has signed off.".into(),
            "Overdue (Overdue actions): open actions agreed in notes, due before today.".into(),
            format!(
                "NoContact (No recent contact): open clients with no contact for {days} days or \
                 more (the policy's no-contact-days); a client with no note counts from when it \
                 was opened."
            ),
            format!(
                "Retain (Past retention): closed clients closed more than {years} years ago (the \
                 policy's retention-years)."
            ),
            "Glass (Break-glass to review): clients this account opened outside its caseload, \
             awaiting a supervisor's review."
                .into(),
            "NoConsent (No consent): open clients with no consent to keeping notes that holds \
             today (none recorded, expired after the policy's consent-months, or withdrawn)."
                .into(),
            "The chart: the selected row's notes per week, the last bar the seven days ending \
             today, each labelled with its first day. A name marked * is a disabled account."
                .into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let (table, head, body, totals_area, chart) = self.layout(area);
        let title = match &self.dashboard {
            Some(d) => format!(
                " Caseload dashboard — {}{} ",
                domain::format_date(d.today),
                if self.reading { " · reading…" } else { "" }
            ),
            None => " Caseload dashboard ".into(),
        };
        let Some(d) = &self.dashboard else {
            f.render_widget(block(v, title, true), table);
            let text = match &self.error {
                Some(e) => format!("The figures could not be read: {e}"),
                None => "Reading the figures…".into(),
            };
            let style = if self.error.is_some() {
                v.style(R::Error)
            } else {
                v.style(R::Dim)
            };
            let inner = Block::default().borders(Borders::ALL).inner(table);
            f.render_widget(
                Paragraph::new(text).style(style).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        };
        let width = usize::from(head.width);
        let (_, full) = widths(width);
        let rows = d.rows.len();
        let h = usize::from(body.height);
        let start = first_shown(self.selected.min(rows.saturating_sub(1)), rows, h);
        let below = rows.saturating_sub(start + h);
        let mut outer =
            block(v, title, true).title_bottom(position(v, "", self.selected, rows + 1));
        if let Some(e) = &self.error {
            outer = outer.title_bottom(Line::from(Span::styled(
                format!(" not read again: {e} "),
                v.style(R::Error),
            )));
        }
        f.render_widget(scroll_marks(v, outer, start, below), table);

        let headings: Vec<String> = COLUMNS
            .iter()
            .map(|c| if full { c.full } else { c.short }.to_string())
            .collect();
        f.render_widget(
            Paragraph::new(table_line("Adviser", &headings, width, full))
                .style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            head,
        );
        let lines: Vec<Line> = d
            .rows
            .iter()
            .enumerate()
            .skip(start)
            .take(h)
            .map(|(i, r)| {
                let style = if i == self.selected {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base)
                };
                let mut name = domain::visible_line(&r.name).into_owned();
                if r.disabled {
                    name.push('*');
                }
                Line::from(Span::styled(
                    format!(
                        "{:<width$}",
                        table_line(&name, &cells(&r.figures), width, full)
                    ),
                    style,
                ))
            })
            .collect();
        if lines.is_empty() {
            f.render_widget(
                Paragraph::new("No advisers yet.").style(v.style(R::Dim)),
                body,
            );
        } else {
            f.render_widget(Paragraph::new(lines), body);
        }
        let totals_style = if self.selected >= rows {
            v.style(R::Selection)
        } else {
            v.style(R::Base)
        }
        .add_modifier(Modifier::BOLD);
        f.render_widget(
            Paragraph::new(format!(
                "{:<width$}",
                table_line("Total", &cells(&d.totals), width, full)
            ))
            .style(totals_style),
            totals_area,
        );
        self.draw_chart(f, chart, v, d);
    }
}

impl DashboardScreen {
    /// The selected row's notes per week, one bar a week, oldest first.
    fn draw_chart(&self, f: &mut Frame, area: Rect, v: &View<'_>, d: &Dashboard) {
        if area.height < 3 {
            return;
        }
        let Some((whose, figures)) = self.selected_figures() else {
            return;
        };
        let b = block(
            v,
            format!(
                " Notes per week — {whose} — 12 weeks to {} ",
                d.today.strftime("%-d %b")
            ),
            false,
        );
        let inner = b.inner(area);
        f.render_widget(b, area);
        let weeks = WEEKS as u16;
        let gap = 1u16;
        let bar = (inner.width.saturating_sub(gap * (weeks - 1)) / weeks).clamp(1, 9);
        // Centred in the block.
        let used = (bar * weeks + gap * (weeks - 1)).min(inner.width);
        let inner = Rect {
            x: inner.x + (inner.width - used) / 2,
            width: used,
            ..inner
        };
        // A label under each bar where there is room: the week's first day.
        let labelled = bar >= 5;
        let bars: Vec<Bar> = figures
            .notes_per_week
            .iter()
            .zip(d.weeks)
            .map(|(n, first)| {
                let b = Bar::default().value(u64::from(*n));
                if labelled {
                    b.label(Line::from(first.strftime("%d/%m").to_string()))
                } else {
                    b
                }
            })
            .collect();
        let chart = BarChart::new(bars)
            .bar_width(bar)
            .bar_gap(gap)
            .bar_style(v.style(R::Title))
            .value_style(v.style(R::Selection))
            .label_style(v.style(R::Dim));
        f.render_widget(chart, inner);
    }
}
