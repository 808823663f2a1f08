//! The caseload: the caller's clients (or, widened, every client), filtered by reference or name
//! as you type. Opening a client outside the caller's caseload asks why first (the session says
//! which those are). Opened from the supervisor's dashboard, it lists one adviser's clients (or
//! every client, from the totals row), and Esc goes back to the dashboard.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use zeroize::Zeroize;

use super::{Screen, edit, editor, glass, move_in, wheel};
use crate::domain::{self, ClientRef};
use crate::session::{ClientSummary, Operation};
use crate::tui::app::{Cx, Shared};
use crate::tui::filter::Finder;
use crate::tui::jobs::{Task, Then};
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::client_form::ClientForm;
use crate::tui::popups::confirm::{Confirm, Pick};
use crate::tui::popups::drafts::DraftsPopup;
use crate::tui::popups::picker::Picker;
use crate::tui::popups::reason::{ReasonFor, ReasonPopup};
use crate::tui::popups::waiting::WaitingPopup;
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{
    View, block, date, first_shown, highlighted, position, row_at, scroll_marks,
};

pub struct Caseload {
    /// Showing every client rather than the caller's own list.
    pub widened: bool,
    /// The filter has the keyboard.
    pub filtering: bool,
    filter: String,
    finder: Finder,
    /// A row of [`Caseload::matches`].
    pub selected: usize,
    /// The client under the cursor, so it stays there when the list is read again.
    at: Option<ClientRef>,
    /// Opened from the dashboard: Esc (with no filter) goes back to it, and `adviser` (if
    /// any) is whose clients are listed.
    drill: Option<Drill>,
}

/// A caseload opened from the dashboard.
struct Drill {
    /// The adviser whose clients are listed (by name, as the list shows it); `None`: every
    /// client.
    adviser: Option<String>,
    /// The rows of [`Caseload::list`] that are the adviser's, in order: the finder indexes
    /// these.
    rows: Vec<u32>,
}

/// A finder over "REF NAME" of each client in `list`.
pub fn finder_for(list: &[ClientSummary]) -> Finder {
    finder_over(list.iter())
}

/// A finder over "REF NAME" of each client `clients` gives, in order.
fn finder_over<'a>(clients: impl Iterator<Item = &'a ClientSummary> + Clone) -> Finder {
    let (count, bytes) = clients
        .clone()
        .fold((0, 0), |(n, b), c| (n + 1, b + c.name.len() + 16));
    let mut f = Finder::with_capacity(count, bytes);
    for c in clients {
        f.push(format_args!("{} {}", c.reference, c.name));
    }
    f
}

impl Caseload {
    pub fn new(ui: &Shared) -> Caseload {
        Caseload {
            widened: false,
            filtering: false,
            filter: String::new(),
            finder: finder_for(ui.clients.shown(false)),
            selected: 0,
            at: None,
            drill: None,
        }
    }

    /// The caseload as the dashboard opens it: `adviser`'s clients (by name), or every client;
    /// Esc goes back to the dashboard.
    pub fn from_dashboard(adviser: Option<String>, ui: &Shared) -> Caseload {
        let mut c = Caseload::new(ui);
        c.drill = Some(Drill {
            adviser,
            rows: Vec::new(),
        });
        c.reindex(ui);
        c
    }

    /// Whose clients this screen lists, when opened from the dashboard for one adviser.
    pub fn adviser(&self) -> Option<&str> {
        self.drill.as_ref().and_then(|d| d.adviser.as_deref())
    }

    /// The clients this screen lists from (for one adviser, only theirs are shown).
    pub fn list<'a>(&self, ui: &'a Shared) -> &'a [ClientSummary] {
        ui.clients.shown(self.widened)
    }

    /// The row of [`Caseload::list`] that the finder's item `i` is.
    fn row(&self, i: u32) -> Option<usize> {
        match self.drill.as_ref().filter(|d| d.adviser.is_some()) {
            Some(d) => d.rows.get(i as usize).map(|r| *r as usize),
            None => Some(i as usize),
        }
    }

    /// How many clients this screen shows (before the filter).
    fn shown(&self, ui: &Shared) -> usize {
        match self.drill.as_ref().filter(|d| d.adviser.is_some()) {
            Some(d) => d.rows.len(),
            None => self.list(ui).len(),
        }
    }

    /// Rows of [`Caseload::list`] matching the filter, best first.
    pub fn matches(&self) -> &[u32] {
        self.finder.matches()
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The client under the cursor.
    pub fn selected_client<'a>(&self, ui: &'a Shared) -> Option<&'a ClientSummary> {
        let row = self.finder.matches().get(self.selected)?;
        self.list(ui).get(self.row(*row)?)
    }

    /// Prepares the filter again over the list now shown; the selected client stays selected
    /// if it is still listed.
    fn reindex(&mut self, ui: &Shared) {
        let list = self.list(ui);
        self.finder = match self.drill.as_mut() {
            Some(Drill {
                adviser: Some(name),
                rows,
            }) => {
                *rows = (0..list.len())
                    .filter(|i| list[*i].adviser == *name)
                    .filter_map(|i| u32::try_from(i).ok())
                    .collect();
                finder_over(rows.iter().map(|i| &list[*i as usize]))
            }
            _ => finder_for(list),
        };
        self.finder.set_query(&self.filter);
        self.selected = 0;
        if let Some(r) = self.at {
            self.select(r, ui);
        }
    }

    /// Notes which client is under the cursor (after anything that moves it).
    fn remember(&mut self, ui: &Shared) {
        self.at = self.selected_client(ui).map(|c| c.reference);
    }

    /// Puts the cursor on client `r`, if it is listed (or once it is).
    pub fn select(&mut self, r: ClientRef, ui: &Shared) {
        let list = self.list(ui);
        if let Some(at) = self.finder.matches().iter().position(|i| {
            self.row(*i)
                .and_then(|row| list.get(row))
                .is_some_and(|c| c.reference == r)
        }) {
            self.selected = at;
        }
        // Kept even if not listed yet (every client may be on the way).
        self.at = Some(r);
    }

    fn open(&mut self, write: bool, cx: &mut Cx<'_>) {
        let Some(c) = self.selected_client(cx.ui) else {
            return;
        };
        // The filter stays (Esc clears it) but no longer takes the keys.
        self.filtering = false;
        let (client, outside) = (c.reference, c.outside_caseload);
        open_or_ask(cx, client, outside, write);
    }
}

/// Opens `client` (and, with `write`, the editor for a note about it), asking first why if it is
/// outside the caller's caseload.
pub fn open_or_ask(cx: &mut Cx<'_>, client: ClientRef, outside: bool, write: bool) {
    let then = if write { Then::Write } else { Then::Show };
    if outside {
        cx.popup(ReasonPopup::new(ReasonFor::BreakGlass { client, then }));
    } else {
        open_client(cx, client, None, then);
    }
}

/// Asks the worker to open a client (its audit events commit there).
pub fn open_client(cx: &mut Cx<'_>, client: ClientRef, reason: Option<String>, then: Then) {
    let Some(session) = cx.session() else { return };
    cx.busy("Opening…");
    cx.job(Task::Open {
        session,
        client,
        reason,
        then,
    });
}

impl Screen for Caseload {
    fn mode(&self) -> Mode {
        if self.filtering {
            Mode::Filter
        } else {
            Mode::Caseload
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                move_in(self.finder.matches().len(), &mut self.selected, action);
            }
            Action::Filter => self.filtering = true,
            // From the dashboard, Esc with nothing to clear goes back to it.
            Action::Back if self.drill.is_some() && !self.filtering && self.filter.is_empty() => {
                return EventResult::Close(None);
            }
            Action::Back => {
                self.filtering = false;
                self.filter.zeroize();
                self.finder.set_query("");
                // The client under the cursor stays under it.
                self.selected = 0;
                if let Some(r) = self.at {
                    self.select(r, cx.ui);
                }
            }
            Action::ToggleAll => {
                if self.widened {
                    self.widened = false;
                    self.reindex(cx.ui);
                } else if cx.ui.clients.everyone.is_some() {
                    self.widened = true;
                    self.reindex(cx.ui);
                } else if let Some(session) = cx.session() {
                    cx.busy("Listing every client…");
                    cx.job(Task::List { session, all: true });
                }
            }
            Action::Waiting => match cx.session() {
                Some(session) if session.may(Operation::ConfirmUsers).is_ok() => {
                    match session.awaiting_confirmation() {
                        Ok(users) => cx.popup(WaitingPopup::new(
                            users
                                .into_iter()
                                .map(|u| (u.name.clone(), u.role.to_string()))
                                .collect(),
                        )),
                        Err(e) => cx.warn(e.to_string()),
                    }
                }
                Some(_) => cx.say("only a supervisor holding the case keys confirms accounts"),
                None => {}
            },
            Action::Refresh => {
                if let Some(session) = cx.session() {
                    cx.job(Task::Refresh { session });
                    cx.say("list read again");
                }
            }
            Action::Open => self.open(false, cx),
            Action::NewNote => self.open(true, cx),
            Action::QuickCapture => cx.popup(Picker::new(cx.ui)),
            Action::AddClient => match cx.session() {
                Some(s) if s.may(Operation::AddClients).is_err() => {
                    cx.say("only advisers and supervisors add clients");
                }
                Some(_) => cx.popup(ClientForm::add()),
                None => {}
            },
            Action::GlassQueue => match cx.session() {
                Some(s) if s.may(Operation::ReviewAccess).is_ok() => glass::open(cx),
                Some(_) => cx.say("supervisors review break-glass accesses"),
                None => {}
            },
            Action::Retention => super::retention::open(cx),
            Action::BreachLog => super::breaches::open(cx),
            Action::Dashboard if self.drill.is_some() => return EventResult::Close(None),
            Action::Dashboard => super::dashboard::open(cx),
            Action::Drafts => {
                if let Some(session) = cx.session() {
                    match session.drafts() {
                        Ok(drafts) => cx.popup(DraftsPopup::new(&drafts, cx.ui)),
                        Err(e) => cx.warn(format!("your drafts could not be read: {e}")),
                    }
                }
            }
            _ => return EventResult::Ignored,
        }
        self.remember(cx.ui);
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx<'_>) -> EventResult {
        if !self.filtering {
            return EventResult::Ignored;
        }
        if edit(&mut self.filter, &key) {
            self.finder.set_query(&self.filter);
            self.selected = 0;
            self.remember(cx.ui);
        }
        EventResult::Consumed
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, cx: &mut Cx<'_>) -> EventResult {
        let rows = self.layout(area).rows;
        let len = self.finder.matches().len();
        let first = first_shown(self.selected, len, usize::from(rows.height));
        if let Some(at) = row_at(rows, first, row, col, len) {
            self.selected = at;
            self.remember(cx.ui);
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, cx: &mut Cx<'_>) {
        wheel(self.finder.matches().len(), &mut self.selected, down);
        self.remember(cx.ui);
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        let from_dashboard = self.drill.as_ref().map(|_| {
            "Opened from the dashboard: Esc (with no filter to clear) goes back to it, as does o."
                .to_string()
        });
        from_dashboard
            .into_iter()
            .chain([
                "Open actions: the actions agreed with the client (one per line of a note's \
                 \"Actions agreed\") not yet marked done, with how many are past their due \
                 date. A later note never closes them; mark one done on the client screen (a)."
                    .into(),
                "Last contact: the date of the newest note. Clients outside your caseload ask \
                 for a reason before they open; that reason is logged and flagged for review."
                    .into(),
                "Mouse: click a client to select it; the wheel scrolls.".into(),
            ])
            .collect()
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        match choice {
            Choice::Client { client, name } => editor::write(cx, client, &name, None),
            Choice::ResumeDraft(client) => {
                // Opened as from the list: a client outside the caseload asks why first.
                let outside = cx
                    .ui
                    .clients
                    .mine
                    .iter()
                    .chain(cx.ui.clients.everyone.iter().flatten())
                    .find(|c| c.reference == client)
                    .is_none_or(|c| c.outside_caseload);
                open_or_ask(cx, client, outside, true);
            }
            Choice::Confirmed(Confirm::ResumeDraft, Pick::First) => editor::resume(cx),
            Choice::Confirmed(Confirm::ResumeDraft, Pick::Second) => {
                if let Some(client) = cx.ui.pending_draft.as_ref().map(|d| d.client) {
                    editor::discard_draft(cx, client);
                }
            }
            _ => {}
        }
    }

    fn refresh(&mut self, ui: &Shared) {
        self.reindex(ui);
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let list = self.list(v.ui);
        let every_client_first = v.ui.who.as_ref().is_some_and(|w| w.every_client_first);
        let title = if let Some(d) = &self.drill {
            let whose = match &d.adviser {
                Some(name) => format!("{}'s caseload", domain::visible_line(name)),
                None => "All clients".into(),
            };
            format!(
                " {whose} ({}) — Esc: back to the dashboard ",
                self.shown(v.ui)
            )
        } else if self.widened {
            format!(
                " All clients ({}) — others' clients ask for a reason ",
                list.len()
            )
        } else if every_client_first {
            format!(" All clients ({}) ", list.len())
        } else {
            format!(" My caseload ({}) ", list.len())
        };
        let matches = self.finder.matches();
        let Areas {
            filter: filter_area,
            header: header_area,
            rows: rows_area,
        } = self.layout(area);
        let h = usize::from(rows_area.height);
        let start = first_shown(self.selected, matches.len(), h);
        let mut outer = block(v, title, true);
        if !matches.is_empty() {
            outer = outer.title_bottom(position(v, "", self.selected, matches.len()));
        }
        let below = matches.len().saturating_sub(start + h);
        let outer = scroll_marks(v, outer, start, below);
        f.render_widget(outer, area);
        if self.filtering || !self.filter.is_empty() {
            let mut line = vec![
                Span::styled("/ ", v.style(R::Label)),
                Span::styled(
                    format!("{}{}", self.filter, if self.filtering { "▏" } else { "" }),
                    v.style(R::Input),
                ),
                Span::styled(
                    format!("   {} of {} match", matches.len(), self.shown(v.ui)),
                    v.style(R::Dim),
                ),
            ];
            if !self.filtering {
                line.push(Span::styled("   (Esc clears)", v.style(R::Dim)));
            }
            f.render_widget(Paragraph::new(Line::from(line)), filter_area);
        }
        let cols = Columns::new(header_area.width, self.widened || every_client_first);
        f.render_widget(
            Paragraph::new(cols.header()).style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            header_area,
        );
        if matches.is_empty() {
            let text = if let Some(name) = self.adviser().filter(|_| self.shown(v.ui) == 0) {
                format!("{} holds no clients.", domain::visible_line(name))
            } else if list.is_empty() {
                "No clients yet. Press A to add your first client (name, and optionally date of \
                 birth and contact details)."
                    .to_string()
            } else {
                "No client matches the filter.".to_string()
            };
            f.render_widget(
                Paragraph::new(text)
                    .style(v.style(R::Dim))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                rows_area,
            );
            return;
        }
        let mut lines = Vec::with_capacity(h);
        for (row, i) in matches.iter().enumerate().skip(start).take(h) {
            let Some(c) = self.row(*i).and_then(|r| list.get(r)) else {
                continue;
            };
            let selected = row == self.selected;
            let base = if selected {
                v.style(R::Selection)
            } else {
                v.style(R::Base)
            };
            let reference = c.reference.to_string();
            // Match positions index "REF NAME"; split them between the two columns.
            let marks = self.finder.positions(*i);
            let ref_marks: Vec<usize> = marks
                .iter()
                .copied()
                .filter(|m| *m < reference.len())
                .collect();
            let name_marks: Vec<usize> = marks
                .iter()
                .filter(|m| **m > reference.len())
                .map(|m| m - reference.len() - 1)
                .collect();
            let name_w = cols.name;
            // Stored text is shown, never obeyed: control and direction characters as escapes.
            let name: String = domain::visible_line(&c.name).chars().take(name_w).collect();
            let pad = name_w.saturating_sub(name.chars().count());
            let mut spans = highlighted(v, &format!("{reference:<10}"), &ref_marks, base);
            spans.push(Span::styled(" ", base));
            spans.extend(highlighted(v, &name, &name_marks, base));
            spans.push(Span::styled(" ".repeat(pad + 1), base));
            if cols.adviser {
                let a: String = domain::visible_line(&c.adviser).chars().take(13).collect();
                spans.push(Span::styled(format!("{a:<13} "), base));
            }
            spans.push(Span::styled(format!("{:<12} ", date(c.last_contact)), base));
            if cols.actions {
                let actions = match (c.open_actions, c.overdue_actions) {
                    (0, _) => "-".to_string(),
                    (n, 0) => n.to_string(),
                    (n, late) => format!("{n} ({late} overdue)"),
                };
                spans.push(Span::styled(format!("{actions:>ACTIONS_W$} "), base));
            }
            spans.push(Span::styled(format!("{:>5}", c.note_count), base));
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), rows_area);
    }
}

/// Where the caseload draws its parts.
struct Areas {
    filter: Rect,
    header: Rect,
    rows: Rect,
}

impl Caseload {
    /// The filter line (when shown), the column headings and the rows, inside the border.
    fn layout(&self, area: Rect) -> Areas {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let show_filter = self.filtering || !self.filter.is_empty();
        let [filter, header, rows] = Layout::vertical([
            Constraint::Length(u16::from(show_filter)),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(inner);
        Areas {
            filter,
            header,
            rows,
        }
    }
}

/// The "Open actions" column's width.
const ACTIONS_W: usize = 20;

/// Which columns fit, and how wide the name is.
struct Columns {
    name: usize,
    adviser: bool,
    actions: bool,
}

impl Columns {
    fn new(width: u16, adviser: bool) -> Columns {
        // Ref, the spaces between columns, last contact, notes; the adviser if shown.
        let fixed = 10 + 1 + 1 + 12 + 1 + 5 + if adviser { 14 } else { 0 };
        let width = usize::from(width);
        let with_actions = width.saturating_sub(fixed + ACTIONS_W + 1);
        // The name comes first: the actions column goes when it would squeeze the name.
        if with_actions >= 16 {
            Columns {
                name: with_actions,
                adviser,
                actions: true,
            }
        } else {
            Columns {
                name: width.saturating_sub(fixed),
                adviser,
                actions: false,
            }
        }
    }

    fn header(&self) -> String {
        let mut h = format!("{:<10} {:<w$} ", "Ref", "Name", w = self.name);
        if self.adviser {
            h.push_str(&format!("{:<13} ", "Adviser"));
        }
        h.push_str(&format!("{:<12} ", "Last contact"));
        if self.actions {
            h.push_str(&format!("{:>ACTIONS_W$} ", "Open actions"));
        }
        h.push_str(&format!("{:>5}", "Notes"));
        h
    }
}

impl Drop for Caseload {
    fn drop(&mut self) {
        self.filter.zeroize();
    }
}
