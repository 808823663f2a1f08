//! The supervisor's caseload dashboard in the app: the first screen a supervisor sees, drawn and
//! pinned at 80×24 on a fixed clock; moving between advisers; drilling into an adviser's
//! caseload, a client and a note with the usual masking; reading again when the store changes;
//! and nobody else's first screen.

mod common;

use casenotes::domain::{self, ClientRef, Sensitivity};
use casenotes::session::Reveal;
use casenotes::tui::app::Options;
use casenotes::tui::popups::confirm::ConfirmPopup;
use casenotes::tui::popups::help::HelpPopup;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::client::ClientScreen;
use casenotes::tui::screens::dashboard::DashboardScreen;
use common::driver::Driver;
use common::tui::screen;
use common::*;
use ratatui::crossterm::event::KeyCode;

const DAY: i64 = 86_400;
/// The driver's clock (2026-09-21 14:13 UTC): the dashboard counts against its day on this
/// machine's clock, which is that date from UTC−14 to UTC+9 (the snapshot pins it).
const NOW: i64 = 1_790_000_000;

fn ago(days: i64) -> i64 {
    NOW - days * DAY
}

/// The day `days` from the driver's day, as `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let d = domain::day_of(NOW)
        .checked_add(jiff::Span::new().days(days))
        .expect("date");
    domain::format_date(d)
}

fn query(text: &str) -> casenotes::domain::Section {
    section("Query", Sensitivity::Ordinary, text)
}

/// adviser1 holds Ann (a note 5 days back with two actions overdue and a masked health
/// section), Ben (no contact for 20 days) and Cat (notes 40 and 2 days back); adviser2 holds
/// Dan (a note yesterday, signed off) and broke the glass on Ann.
fn fixture() -> Fixture {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let ann = client(&a1, "Ann Overdue");
    note_at(
        &a1,
        ann,
        ago(5),
        vec![
            query("Benefit sanction appeal"),
            section("Health", health(), "HEALTH-SECRET asthma"),
            section(
                "Actions agreed",
                Sensitivity::Ordinary,
                &format!(
                    "Client to bring three payslips by {}\nAdviser: call the council by {}",
                    day(-3),
                    day(-1)
                ),
            ),
        ],
    );
    let ben = client(&a1, "Ben Quiet");
    note_at(&a1, ben, ago(20), vec![query("Debt")]);
    let cat = client(&a1, "Cat Steady");
    note_at(&a1, cat, ago(40), vec![query("Housing")]);
    note_at(&a1, cat, ago(2), vec![query("Housing again")]);
    drop(a1);
    let a2 = f.sign_in("adviser2");
    let dan = client(&a2, "Dan Fresh");
    let dans = note_at(&a2, dan, ago(1), vec![query("Work capability")]);
    a2.open_client(ann, Some("covering for adviser1"), Reveal::Nothing)
        .expect("break the glass");
    drop(a2);
    f.sign_in("supervisor")
        .sign_off(dan, dans)
        .expect("sign off");
    f
}

fn supervisor(f: &Fixture) -> Driver {
    let mut d = Driver::new(f, Options::default());
    assert_eq!(
        d.now,
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(NOW as u64)
    );
    d.sign_in("supervisor", SUPERVISOR_PW);
    d
}

fn dashboard(d: &Driver) -> &DashboardScreen {
    d.app.find::<DashboardScreen>().expect("a dashboard screen")
}

#[test]
fn a_supervisor_lands_on_the_dashboard_and_it_is_drawn() {
    let f = fixture();
    let mut d = supervisor(&f);
    assert!(d.showing::<DashboardScreen>(), "the first screen");
    // Over every client: Esc shows them.
    assert!(d.app.find::<Caseload>().is_some());
    let dash = dashboard(&d)
        .dashboard
        .as_ref()
        .expect("read by the worker");
    assert_eq!(dash.today, domain::day_of(NOW));
    let names: Vec<&str> = dash.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["adviser1", "adviser2"]);
    assert_eq!(dash.rows[0].figures.overdue_actions, 2);
    assert_eq!(dash.rows[0].figures.no_contact, 1);
    assert_eq!(dash.rows[1].figures.glass_pending, 1);

    let shown = screen(&d, 80, 24);
    for name in ["Ann", "Ben", "Overdue Ann", "C-0000", "HEALTH-SECRET"] {
        assert!(!shown.contains(name), "{name} on the dashboard:\n{shown}");
    }
    assert!(shown.contains("? help"), "the help hint:\n{shown}");
    insta::assert_snapshot!("dashboard_80x24", shown);

    // Every size draws.
    for (w, h) in [(160, 45), (60, 16), (100, 30), (40, 10)] {
        let s = screen(&d, w, h);
        assert!(
            s.contains("Caseload dashboard") || s.contains("too small"),
            "{w}×{h}:\n{s}"
        );
    }
    let wide = screen(&d, 160, 45);
    assert!(wide.contains("Awaiting sign-off") && wide.contains("Break-glass to review"));

    // The chart follows the selection; the last row is the totals.
    d.key(KeyCode::Char('j'));
    assert!(screen(&d, 80, 24).contains("Notes per week — adviser2"));
    d.key(KeyCode::Char('j'));
    assert!(screen(&d, 80, 24).contains("Notes per week — all advisers"));
    assert_eq!(dashboard(&d).selected, 2);
    d.key(KeyCode::Char('j'));
    assert_eq!(dashboard(&d).selected, 2, "stops at the totals");
    d.key(KeyCode::Char('g'));
    assert_eq!(dashboard(&d).selected, 0);

    // Help explains the columns.
    d.key(KeyCode::Char('?'));
    assert!(d.app.popup::<HelpPopup>().is_some());
    let mut help = String::new();
    for _ in 0..30 {
        help.push_str(&screen(&d, 100, 30));
        d.key(KeyCode::Char('j'));
    }
    let help = help.replace('│', " ");
    let text = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for legend in [
        "Unsign (Awaiting sign-off)",
        "NoContact (No recent contact)",
        "Glass (Break-glass to review)",
        "NoConsent (No consent)",
    ] {
        assert!(text.contains(legend), "{legend}: {text}");
    }
}

#[test]
fn drilling_down_from_an_adviser_to_a_note_masks_as_anywhere() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.key(KeyCode::Enter);
    let c = d.app.front::<Caseload>().expect("adviser1's caseload");
    assert_eq!(c.adviser(), Some("adviser1"));
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("adviser1's caseload (3)"), "{shown}");
    assert!(shown.contains("Ann Overdue") && shown.contains("Cat Steady"));
    assert!(!shown.contains("Dan Fresh"), "adviser2's client:\n{shown}");
    insta::assert_snapshot!("dashboard_drilled_80x24", shown);

    // A client, and a note: masked until revealed, as from any caseload.
    d.key(KeyCode::Char('/'));
    d.type_str("ann");
    d.key(KeyCode::Enter);
    let cs = d.app.front::<ClientScreen>().expect("the client");
    assert_eq!(cs.view.summary.reference, ClientRef(1));
    let note = screen(&d, 100, 30);
    assert!(note.contains("Benefit sanction appeal"), "{note}");
    assert!(!note.contains("HEALTH-SECRET"), "masked:\n{note}");
    assert!(note.contains("masked"));

    // Esc: the adviser's caseload (the filter cleared first), then the dashboard.
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>());
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>(), "the filter is cleared first");
    assert_eq!(d.app.front::<Caseload>().unwrap().filter(), "");
    d.key(KeyCode::Esc);
    assert!(d.showing::<DashboardScreen>());

    // The totals row lists every client; o goes back too.
    d.key(KeyCode::Char('G'));
    d.key(KeyCode::Enter);
    assert!(screen(&d, 80, 24).contains("All clients (4) — Esc: back to the dashboard"));
    d.key(KeyCode::Char('o'));
    assert!(d.showing::<DashboardScreen>());

    // Esc leaves the dashboard for every client; o brings it back.
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>());
    assert!(screen(&d, 80, 24).contains("All clients (4)"));
    d.key(KeyCode::Char('o'));
    assert!(d.showing::<DashboardScreen>());
    assert!(dashboard(&d).dashboard.is_some());
}

#[test]
fn the_figures_are_read_again_when_the_store_changes() {
    let f = fixture();
    let mut d = supervisor(&f);
    let unsigned = |d: &Driver| {
        dashboard(d).dashboard.as_ref().expect("read").rows[0]
            .figures
            .awaiting_sign_off
    };
    assert_eq!(unsigned(&d), 4);
    // The supervisor signs Ann's note off from the drilled caseload.
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('/'));
    d.type_str("ann");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('S'));
    assert!(d.app.popup::<ConfirmPopup>().is_some());
    d.key(KeyCode::Char('1'));
    // Once the app sees the store moved, the dashboard reads again (on the worker).
    d.tick(3);
    d.tick(1);
    assert_eq!(unsigned(&d), 3);
    // And from another terminal: a note for Ben.
    note_at(
        &f.sign_in("adviser1"),
        ClientRef(2),
        ago(1),
        vec![query("Ben phoned")],
    );
    d.tick(3);
    d.tick(1);
    let rows = &dashboard(&d).dashboard.as_ref().unwrap().rows;
    assert_eq!(rows[0].figures.no_contact, 0, "Ben was contacted yesterday");
    assert_eq!(rows[0].figures.awaiting_sign_off, 4);
    // r reads them at once.
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    assert!(d.showing::<DashboardScreen>());
    d.key(KeyCode::Char('r'));
    assert!(dashboard(&d).dashboard.is_some());
}

#[test]
fn advisers_start_on_their_caseload_and_have_no_dashboard() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    assert!(d.showing::<Caseload>());
    assert!(d.app.find::<DashboardScreen>().is_none());
    d.key(KeyCode::Char('o'));
    assert!(d.app.find::<DashboardScreen>().is_none());
    let m = d.app.ui.message.as_ref().expect("said why");
    assert!(m.text.contains("no dashboard"), "{}", m.text);
}

#[test]
fn after_a_lock_the_supervisor_is_back_on_the_dashboard() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.ctrl('l');
    let locked = screen(&d, 80, 24);
    assert!(!locked.contains("adviser1"), "{locked}");
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<DashboardScreen>(), "{}", screen(&d, 80, 24));
    assert!(dashboard(&d).dashboard.is_some());
}
