//! The breach log in the app: a supervisor opens it with `b` from the dashboard or the
//! caseload, records a breach through the form (times typed as the command line takes them),
//! sees it listed with the regulator's 72-hour deadline and the time left, and records the
//! decision with `u`; an administrator has it as a fourth tab; an adviser is told it is not
//! theirs.

mod common;

use casenotes::domain::{Regulator, Sensitivity};
use casenotes::tui::app::Options;
use casenotes::tui::keymap::Mode;
use casenotes::tui::popups::breach_form::BreachForm;
use casenotes::tui::screens::admin::AdminScreen;
use casenotes::tui::screens::breaches::BreachScreen;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::dashboard::DashboardScreen;
use casenotes::tui::screens::lock::Locked;
use common::driver::Driver;
use common::tui::{screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![section(
        "Query",
        Sensitivity::Ordinary,
        "Rent arrears",
    )])
}

/// The supervisor signed in, on the dashboard.
fn supervisor(f: &Fixture) -> Driver {
    let mut d = Driver::new(f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    assert!(d.showing::<DashboardScreen>());
    d
}

fn log(d: &Driver) -> &casenotes::tui::screens::breaches::BreachLog {
    &d.app.find::<BreachScreen>().expect("the breach log").log
}

/// Fills in and records a breach found three hours before the driver's clock
/// (2026-09-21 14:13 UTC), about C-000001 and C-000002, the regulator undecided.
fn record_one(d: &mut Driver) {
    d.key(KeyCode::Char('a'));
    assert!(d.app.popup::<BreachForm>().is_some());
    d.type_str("names and arrears of two clients");
    d.key(KeyCode::Tab);
    d.type_str("a spreadsheet emailed to the wrong list");
    d.key(KeyCode::Tab);
    d.type_str("2026-09-21 10:45");
    d.key(KeyCode::Tab);
    for _ in 0..16 {
        d.key(KeyCode::Backspace);
    }
    d.type_str("2026-09-21 11:13");
    d.key(KeyCode::Tab);
    d.type_str("C-000001, C-000002");
    d.key(KeyCode::Tab);
    d.type_str("Sam Okafor");
    d.key(KeyCode::Tab);
    d.type_str("2026-09-21 12:00");
    d.ctrl('s');
}

#[test]
fn a_supervisor_records_a_breach_and_sees_the_deadline() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.key(KeyCode::Char('b'));
    assert!(d.showing::<BreachScreen>());
    assert_eq!(d.app.mode(), Mode::Breaches);
    assert!(screen(&d, 80, 24).contains("No breach recorded. a records one."));

    // A time the command line would not take is refused here too, and nothing is lost.
    d.key(KeyCode::Char('a'));
    d.type_str("a case file");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    d.type_str("last tuesday");
    d.ctrl('s');
    let form = d.app.popup::<BreachForm>().expect("still open");
    let e = form.error.clone().unwrap_or_default();
    assert!(
        e.starts_with("Happened: 'last tuesday' is not a time in the form YYYY-MM-DD HH:MM"),
        "{e}"
    );
    assert_eq!(form.fields.text(0), "a case file");
    d.key(KeyCode::Esc);

    record_one(&mut d);
    assert!(
        d.app.popup::<BreachForm>().is_none(),
        "recorded: the form closes"
    );
    let b = &log(&d).breaches[0];
    assert_eq!(b.clients.len(), 2);
    assert_eq!(b.regulator, Regulator::Undecided);
    assert_eq!(b.dpo.as_ref().map(|d| d.by.as_str()), Some("Sam Okafor"));
    let text = screen(&d, 80, 24);
    assert!(text.contains("breach 1 recorded (logged)"), "{text}");
    // Found 11:13 on the 21st: due 11:13 on the 24th; the clock says 14:13 on the 21st.
    assert!(text.contains("68h 59m left"), "{text}");
    assert!(text.contains("due 2026-09-24 11:13 UTC"), "{text}");
    // The time left is in the theme's warning style.
    let buf = common::tui::buffer(&d, 80, 24);
    let theme = &d.app.ui.theme;
    let (x, y) = common::tui::find(&d, 80, 24, "Regulator: undecided").expect("drawn");
    assert_eq!(
        buf[(x, y)].style().fg,
        theme.style(casenotes::tui::theme::Role::Warning).fg,
    );
    assert!(
        f.sign_in("supervisor")
            .audit(None)
            .unwrap()
            .iter()
            .any(|e| e.action == "breach-recorded")
    );
}

#[test]
fn the_breach_log_as_drawn() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.key(KeyCode::Char('b'));
    record_one(&mut d);
    d.app.ui.message = None;
    insta::assert_snapshot!("breach_log_80x24", timeless_recorded(&screen(&d, 80, 24)));
    let wide = screen(&d, 160, 45);
    assert!(wide.contains("names and arrears of two clients"), "{wide}");
}

/// The screen with the time the breach was recorded (the real clock) written as `<time>`.
fn timeless_recorded(s: &str) -> String {
    let Some(at) = s.find("Recorded ") else {
        return s.to_string();
    };
    let start = at + "Recorded ".len();
    let mut out = s.to_string();
    out.replace_range(start..start + 16, "<time>          ");
    out
}

#[test]
fn the_regulator_decision_is_recorded_with_u_and_the_deadline_goes() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.key(KeyCode::Esc); // every client
    assert!(d.showing::<Caseload>());
    d.key(KeyCode::Char('b'));
    assert!(d.showing::<BreachScreen>());
    record_one(&mut d);
    d.key(KeyCode::Char('u'));
    let form = d.app.popup::<BreachForm>().expect("the completion form");
    // The DPO report is recorded already: only the regulator is offered, still undecided.
    assert!(!form.fields.fields[5].shown);
    assert!(form.fields.fields[7].shown);
    assert_eq!(form.fields.choice(7), 0);
    d.ctrl('s');
    let e = d
        .app
        .popup::<BreachForm>()
        .and_then(|f| f.error.clone())
        .unwrap_or_default();
    assert!(e.starts_with("nothing to add"), "{e}");
    d.key(KeyCode::Right);
    d.key(KeyCode::Right); // not notified
    d.key(KeyCode::Tab);
    d.key(KeyCode::Enter);
    let e = d
        .app
        .popup::<BreachForm>()
        .and_then(|f| f.error.clone())
        .unwrap_or_default();
    assert!(e.contains("needs a reason"), "{e}");
    d.type_str("the list was one colleague's; the email was deleted unread");
    d.key(KeyCode::Enter);
    assert!(d.app.popup::<BreachForm>().is_none());
    let b = &log(&d).breaches[0];
    assert!(matches!(b.regulator, Regulator::NotNotified { .. }));
    let text = screen(&d, 80, 24);
    assert!(!text.contains("left"), "{text}");
    assert!(text.contains("not notified"), "{text}");
    d.key(KeyCode::Char('u'));
    let m = d.app.ui.message.clone().unwrap();
    assert!(m.text.contains("breach 1 is complete"), "{}", m.text);
}

#[test]
fn an_adviser_cannot_open_the_breach_log() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('b'));
    assert!(d.showing::<Caseload>());
    let m = d.app.ui.message.clone().expect("told");
    assert_eq!(m.text, "supervisors keep the breach log");
}

#[test]
fn an_administrator_has_the_breach_log_as_a_fourth_tab() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("admin", ADMIN_PW);
    assert!(d.showing::<AdminScreen>());
    d.key(KeyCode::Char('4'));
    assert_eq!(d.app.mode(), Mode::AdminBreaches);
    d.key(KeyCode::Char('a'));
    d.type_str("a laptop left on a train");
    d.ctrl('s');
    let a = d.app.front::<AdminScreen>().unwrap();
    assert_eq!(a.breaches.breaches.len(), 1);
    assert!(screen(&d, 80, 24).contains("a laptop left on a train"));
    d.key(KeyCode::Char('?'));
    let help = screen(&d, 160, 45);
    assert!(help.contains("the breach log"), "{help}");
    assert!(help.contains("72 hours"), "{help}");
}

#[test]
fn help_a_wrong_key_and_a_lock_in_the_middle_of_the_form() {
    let f = fixture();
    let mut d = supervisor(&f);
    d.key(KeyCode::Char('b'));
    d.key(KeyCode::Char('?'));
    let help = screen(&d, 100, 40);
    assert!(help.contains("DPO report, regulator decision"), "{help}");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('z'));
    assert!(screen(&d, 80, 24).contains("z does nothing here"));
    d.key(KeyCode::Char('a'));
    d.type_str("q?");
    assert_eq!(
        d.app.popup::<BreachForm>().unwrap().fields.text(0),
        "q?",
        "q and ? are text in the form"
    );
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<BreachScreen>(), "back on the breach log");
    let m = d.app.ui.message.clone().expect("told");
    assert!(
        m.text
            .contains("the lock dropped your breach form (half-typed forms are never kept)"),
        "{}",
        m.text
    );
}
