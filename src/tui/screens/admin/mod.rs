//! The administrator's screen: four tabs over the office's accounts, its policy, its audit
//! trail and its breach log. An administrator holds no case keys and reaches no caseload: nothing here names a
//! client (the audit trail shows references only, and the session withholds stated reasons from
//! administrators). Every change is a job for the worker, and the session logs it.
//!
//! - `mod.rs`: the tabs, the tab bar, and which tab takes the keys.
//! - [`accounts`]: the accounts and their standing; adding, disabling, enabling, resetting a
//!   password, changing a role.
//! - [`policy`]: each setting with its value, range and meaning; changing one.
//! - [`audit`]: the audit trail with its check and filters, also a screen of its own for
//!   supervisors ([`audit::AuditScreen`]).
//! - the breach log's tab is [`crate::tui::screens::breaches::BreachLog`], also a screen of its
//!   own for supervisors.

pub mod accounts;
pub mod audit;
pub mod policy;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Screen;
use super::breaches::{self, BreachLog};
use crate::tui::app::{Cx, Shared};
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::View;
use accounts::Accounts;
use audit::AuditView;
use policy::PolicyTab;

/// The tabs, in order (`1` to `4`).
pub const TABS: [&str; 4] = ["Accounts", "Policy", "Audit trail", "Breaches"];
pub const ACCOUNTS: usize = 0;
pub const POLICY: usize = 1;
pub const AUDIT: usize = 2;
pub const BREACHES: usize = 3;

pub struct AdminScreen {
    /// The tab in front (an index into [`TABS`]).
    pub tab: usize,
    pub accounts: Accounts,
    pub policy: PolicyTab,
    pub audit: AuditView,
    pub breaches: BreachLog,
}

impl AdminScreen {
    /// The screen on `tab`, and the jobs that fill it: the accounts, and the audit trail's
    /// check and events if it opens on that tab.
    pub fn start(ui: &Shared, tab: usize) -> (AdminScreen, Vec<Task>) {
        let mut screen = AdminScreen {
            tab: tab.min(TABS.len() - 1),
            accounts: Accounts::default(),
            policy: PolicyTab::default(),
            audit: AuditView::default(),
            breaches: BreachLog::default(),
        };
        let mut tasks = Vec::new();
        if let Some(session) = ui.session.clone() {
            screen.policy.read(&session);
            tasks.push(screen.accounts.load(&session));
            if screen.tab == AUDIT {
                tasks.extend(screen.audit.load(&session));
            }
            if screen.tab == BREACHES {
                screen.breaches.reading = true;
                tasks.push(Task::Protection(
                    crate::tui::jobs::protection::ProtectionTask::Breaches { session },
                ));
            }
        }
        (screen, tasks)
    }

    /// Puts `tab` in front. The policy is read again from the session; the audit trail is
    /// checked and read again, and the breach log read again, each time its tab opens.
    fn show(&mut self, tab: usize, cx: &mut Cx<'_>) {
        let tab = tab.min(TABS.len() - 1);
        let changed = tab != self.tab;
        self.tab = tab;
        let Some(session) = cx.session() else { return };
        match tab {
            POLICY => self.policy.read(&session),
            AUDIT if changed => {
                for t in self.audit.load(&session) {
                    cx.job(t);
                }
            }
            BREACHES if changed => self.breaches.read(cx),
            _ => {}
        }
    }

    /// The tab bar's row and the tab's body.
    fn areas(area: Rect) -> [Rect; 2] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
    }

    /// The tab whose title is drawn at column `col` of the tab bar.
    fn tab_at(area: Rect, col: u16) -> Option<usize> {
        let mut x = area.x;
        for (i, t) in TABS.iter().enumerate() {
            let w = tab_title(i, t).chars().count() as u16;
            if col >= x && col < x + w {
                return Some(i);
            }
            x += w + 1;
        }
        None
    }
}

fn tab_title(i: usize, t: &str) -> String {
    format!(" {} {t} ", i + 1)
}

impl Screen for AdminScreen {
    fn mode(&self) -> Mode {
        match self.tab {
            ACCOUNTS => Mode::Accounts,
            POLICY => Mode::Policy,
            BREACHES => Mode::AdminBreaches,
            _ if self.audit.typing.is_some() => Mode::AuditUser,
            _ => Mode::AdminAudit,
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::NextTab => {
                self.show((self.tab + 1) % TABS.len(), cx);
                EventResult::Consumed
            }
            Action::ShowTab(t) => {
                self.show(usize::from(t), cx);
                EventResult::Consumed
            }
            _ => match self.tab {
                ACCOUNTS => self.accounts.on_action(action, cx),
                POLICY => self.policy.on_action(action, cx),
                BREACHES => self.breaches.on_action(action, cx),
                _ => self.audit.on_action(action, false, cx),
            },
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx<'_>) -> EventResult {
        if self.tab == AUDIT {
            self.audit.on_key(key, cx)
        } else {
            EventResult::Ignored
        }
    }

    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        self.accounts.on_tick(cx);
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, cx: &mut Cx<'_>) -> EventResult {
        let [bar, body] = Self::areas(area);
        if row == bar.y {
            if let Some(t) = Self::tab_at(bar, col) {
                self.show(t, cx);
            }
            return EventResult::Consumed;
        }
        match self.tab {
            ACCOUNTS => self.accounts.on_click(col, row, body),
            POLICY => self.policy.on_click(col, row, body),
            BREACHES => self.breaches.on_click(col, row, body),
            _ => self.audit.on_click(col, row, body, cx),
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        match self.tab {
            ACCOUNTS => self.accounts.on_scroll(down),
            POLICY => self.policy.on_scroll(down),
            BREACHES => self.breaches.on_scroll(down),
            _ => self.audit.on_scroll(down),
        }
    }

    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        let mut notes = vec![
            "An administrator manages accounts, the office's policy and the audit trail, and \
             never holds the case keys: no client's name, note or stated reason reaches these \
             screens; clients appear by reference only. Every change is logged."
                .to_string(),
        ];
        notes.extend(match self.tab {
            ACCOUNTS => accounts::help_notes(),
            POLICY => policy::help_notes(),
            BREACHES => breaches::help_notes(),
            _ => audit::help_notes(),
        });
        notes
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [bar, body] = Self::areas(area);
        let mut spans = Vec::new();
        for (i, t) in TABS.iter().enumerate() {
            let style = if i == self.tab {
                v.style(R::Selection)
            } else {
                v.style(R::Dim)
            };
            spans.push(Span::styled(tab_title(i, t), style));
            spans.push(Span::styled(" ", v.style(R::Base)));
        }
        spans.push(Span::styled(" clients by reference only", v.style(R::Dim)));
        f.render_widget(
            Paragraph::new(Line::from(spans)).style(v.style(R::Base)),
            bar,
        );
        match self.tab {
            ACCOUNTS => self.accounts.draw(f, body, v),
            POLICY => self.policy.draw(f, body, v),
            BREACHES => self.breaches.draw(f, body, v, "Breach log"),
            _ => self.audit.draw(f, body, v),
        }
    }
}
