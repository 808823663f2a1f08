//! Drawing the whole frame: a pure function of the app's state and the time. No I/O, no session
//! calls. The front screen draws its body, popups draw over it, then the status line; each of
//! those draws itself (see `screens/` and `popups/`), from pieces in [`super::widgets`].

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::App;
use super::screens::lock::Locked;
use super::theme::Role as R;
use super::widgets::{Signed, View, status_line};

/// Text wrapped to a width in terminal columns (kept here for its users outside the app).
pub use super::widgets::wrap;

/// The smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Where screens and popups are drawn on a terminal of `area`: all but the status line, or
/// nothing if the terminal is too small.
pub fn body(area: Rect) -> Option<Rect> {
    (area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT).then(|| Rect {
        height: area.height - 1,
        ..area
    })
}

/// Draws the whole screen.
pub fn draw(app: &App, f: &mut Frame, now: SystemTime) {
    let v = View { ui: &app.ui, now };
    let area = f.area();
    f.render_widget(Block::default().style(v.style(R::Base)), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "The terminal is too small ({}×{}). casenotes needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(text)
                .style(v.style(R::Warning))
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    debug_assert_eq!(Some(body), self::body(area));
    if let Some(screen) = app.front_screen() {
        screen.draw(f, body, &v);
    }
    for p in app.popups() {
        p.draw(f, body, &v);
    }
    let signed = if app.ui.session.is_some() {
        Signed::In
    } else if app.front::<Locked>().is_some() {
        Signed::Locked
    } else {
        Signed::Out
    };
    status_line(f, status, &v, app.mode(), signed);
}
