//! The caseload: the caller's clients (or, widened, every client), filtered by reference or name
//! as you type. Opening a client outside the caller's caseload asks why first (the session says
//! which those are).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use zeroize::Zeroize;

use super::{Screen, edit, editor, move_in};
use crate::domain::ClientRef;
use crate::session::ClientSummary;
use crate::tui::app::{Cx, Shared};
use crate::tui::filter::Finder;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::confirm::{Confirm, Pick};
use crate::tui::popups::picker::Picker;
use crate::tui::popups::reason::{ReasonFor, ReasonPopup};
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, date, highlighted};

pub struct Caseload {
    /// Showing every client rather than the caller's own list.
    pub widened: bool,
    /// The filter has the keyboard.
    pub filtering: bool,
    filter: String,
    finder: Finder,
    /// A row of [`Caseload::matches`].
    pub selected: usize,
}

/// A finder over "REF NAME" of each client in `list`.
pub fn finder_for(list: &[ClientSummary]) -> Finder {
    let bytes = list.iter().map(|c| c.name.len() + 16).sum();
    let mut f = Finder::with_capacity(list.len(), bytes);
    for c in list {
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
        }
    }

    /// The clients this screen lists.
    pub fn list<'a>(&self, ui: &'a Shared) -> &'a [ClientSummary] {
        ui.clients.shown(self.widened)
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
        self.list(ui).get(*row as usize)
    }

    /// Prepares the filter again over the list now shown.
    fn reindex(&mut self, ui: &Shared) {
        self.finder = finder_for(self.list(ui));
        self.finder.set_query(&self.filter);
        self.selected = 0;
    }

    fn open(&mut self, write: bool, cx: &mut Cx<'_>) {
        let Some(c) = self.selected_client(cx.ui) else {
            return;
        };
        let (client, outside) = (c.reference, c.outside_caseload);
        if outside {
            cx.popup(ReasonPopup::new(ReasonFor::BreakGlass {
                client,
                then_write: write,
            }));
        } else {
            open_client(cx, client, None, write);
        }
    }
}

/// Asks the worker to open a client (its audit events commit there).
pub fn open_client(cx: &mut Cx<'_>, client: ClientRef, reason: Option<String>, then_write: bool) {
    let Some(session) = cx.session() else { return };
    cx.busy("Opening…");
    cx.job(Task::Open {
        session,
        client,
        reason,
        then_write,
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
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                move_in(self.finder.matches().len(), &mut self.selected, action);
            }
            Action::Filter => self.filtering = true,
            Action::Back => {
                self.filtering = false;
                self.filter.zeroize();
                self.finder.set_query("");
                self.selected = 0;
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
            Action::Open => self.open(false, cx),
            Action::NewNote => self.open(true, cx),
            Action::QuickCapture => cx.popup(Picker::new(cx.ui)),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        if self.filtering && edit(&mut self.filter, &key) {
            self.finder.set_query(&self.filter);
            self.selected = 0;
        }
        EventResult::Consumed
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        match choice {
            Choice::Client { client, name } => editor::write(cx, client, &name, None),
            Choice::Confirmed(Confirm::ResumeDraft, Pick::First) => editor::resume(cx),
            Choice::Confirmed(Confirm::ResumeDraft, Pick::Second) => editor::discard_draft(cx),
            _ => {}
        }
    }

    fn refresh(&mut self, ui: &Shared) {
        self.reindex(ui);
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let list = self.list(v.ui);
        let every_client_first = v.ui.who.as_ref().is_some_and(|w| w.every_client_first);
        let title = if self.widened {
            format!(
                " All clients ({}) — others' clients ask for a reason ",
                list.len()
            )
        } else if every_client_first {
            format!(" All clients ({}) ", list.len())
        } else {
            format!(" My caseload ({}) ", list.len())
        };
        let outer = block(v, title, true);
        let inner = outer.inner(area);
        f.render_widget(outer, area);
        let show_filter = self.filtering || !self.filter.is_empty();
        let [filter_area, header_area, rows_area] = Layout::vertical([
            Constraint::Length(u16::from(show_filter)),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(inner);
        let matches = self.finder.matches();
        if show_filter {
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("/ ", v.style(R::Label)),
                    Span::styled(
                        format!("{}{}", self.filter, if self.filtering { "▏" } else { "" }),
                        v.style(R::Input),
                    ),
                    Span::styled(
                        format!("   {} of {}", matches.len(), list.len()),
                        v.style(R::Dim),
                    ),
                ])),
                filter_area,
            );
        }
        let adviser_col = self.widened || every_client_first;
        let name_w = inner
            .width
            .saturating_sub(if adviser_col { 52 } else { 38 }) as usize;
        let header = format!(
            "{:<10} {:<name_w$} {}{:<12} {:>7} {:>5}",
            "Ref",
            "Name",
            if adviser_col {
                format!("{:<13} ", "Adviser")
            } else {
                String::new()
            },
            "Last contact",
            "Actions",
            "Notes",
        );
        f.render_widget(
            Paragraph::new(header).style(v.style(R::Dim).add_modifier(Modifier::BOLD)),
            header_area,
        );
        if matches.is_empty() {
            let text = if list.is_empty() {
                "No clients yet."
            } else {
                "No client matches the filter."
            };
            f.render_widget(Paragraph::new(text).style(v.style(R::Dim)), rows_area);
            return;
        }
        let h = rows_area.height as usize;
        let start = self.selected.saturating_sub(h.saturating_sub(1));
        let mut lines = Vec::with_capacity(h);
        for (row, i) in matches.iter().enumerate().skip(start).take(h) {
            let Some(c) = list.get(*i as usize) else {
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
            let name: String = c.name.chars().take(name_w).collect();
            let pad = name_w.saturating_sub(name.chars().count());
            let mut spans = highlighted(v, &format!("{reference:<10}"), &ref_marks, base);
            spans.push(Span::styled(" ", base));
            spans.extend(highlighted(v, &name, &name_marks, base));
            spans.push(Span::styled(" ".repeat(pad + 1), base));
            if adviser_col {
                let a: String = c.adviser.chars().take(13).collect();
                spans.push(Span::styled(format!("{a:<13} "), base));
            }
            spans.push(Span::styled(
                format!(
                    "{:<12} {:>7} {:>5}",
                    date(c.last_contact),
                    if c.open_actions > 0 {
                        c.open_actions.to_string()
                    } else {
                        "-".into()
                    },
                    c.note_count
                ),
                base,
            ));
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), rows_area);
    }
}

impl Drop for Caseload {
    fn drop(&mut self) {
        self.filter.zeroize();
    }
}
