//! What the terminal app's tests share: a store with three clients, a signed-in driver, and the
//! screen as text.

use casenotes::domain::{ClientRef, Section};
use casenotes::session::ClientSummary;
use casenotes::tui::app::Options;
use casenotes::tui::render;
use casenotes::tui::screens::caseload::Caseload;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use super::driver::Driver;
use super::{ADVISER_PW, Fixture, client, note_at};

/// A store where adviser1 holds "Alice Ashworth" (C-000001, with one note made of
/// `alice_note`) and "Bob Barraclough" (C-000002), and adviser2 holds "Carol Cartwright"
/// (C-000003).
pub fn three_clients(alice_note: Vec<Section>) -> Fixture {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let alice = client(&a1, "Alice Ashworth");
    client(&a1, "Bob Barraclough");
    note_at(&a1, alice, 1_780_000_000, alice_note);
    drop(a1);
    client(&f.sign_in("adviser2"), "Carol Cartwright");
    f
}

pub const ALICE: ClientRef = ClientRef(1);

/// The app signed in as adviser1, on the caseload.
pub fn signed_in(f: &Fixture) -> Driver {
    let mut d = Driver::new(f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    assert!(d.showing::<Caseload>(), "not signed in");
    d
}

/// Filters the caseload to Alice and opens her.
pub fn open_alice(d: &mut Driver) {
    d.key(KeyCode::Char('/'));
    d.type_str("alice");
    d.key(KeyCode::Enter);
}

/// The client under the caseload's cursor.
pub fn selected(d: &Driver) -> Option<&ClientSummary> {
    d.caseload().selected_client(&d.app.ui)
}

/// The app drawn on a `w` × `h` test terminal, row by row (trailing spaces kept, so the layout
/// is pinned exactly).
pub fn screen(d: &Driver, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| render::draw(&d.app, f, d.now)).expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `text` is first drawn on a `w` × `h` screen: its column and row.
pub fn find(d: &Driver, w: u16, h: u16, text: &str) -> Option<(u16, u16)> {
    screen(d, w, h).lines().enumerate().find_map(|(row, line)| {
        let at = line.find(text)?;
        let col = line[..at].chars().count();
        Some((u16::try_from(col).ok()?, u16::try_from(row).ok()?))
    })
}

/// The app drawn on a `w` × `h` test terminal, as the buffer (styles included).
pub fn buffer(d: &Driver, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| render::draw(&d.app, f, d.now)).expect("draw");
    t.backend().buffer().clone()
}
