//! The keys of the mode the help was opened from, and the global ones: read from the keymap
//! table, so help cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{EventResult, Popup};
use crate::tui::app::Cx;
use crate::tui::keymap::{self, Action, Mode};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, popup_box};

pub struct HelpPopup {
    /// The mode whose keys are shown.
    pub about: Mode,
}

impl HelpPopup {
    pub fn new(about: Mode) -> HelpPopup {
        HelpPopup { about }
    }
}

impl Popup for HelpPopup {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn on_action(&mut self, action: Action, _cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::Back => EventResult::Close(None),
            _ => EventResult::Ignored,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let mut lines = Vec::new();
        for m in [self.about, Mode::Global] {
            for b in keymap::help(m) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<12}", b.label), v.style(R::Hint)),
                    Span::raw(format!(" {}", b.help)),
                ]));
            }
        }
        let h = lines.len() as u16 + 2;
        popup_box(f, area, v, " Keys ".into(), lines, (64, h));
    }
}
