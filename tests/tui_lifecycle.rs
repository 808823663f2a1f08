//! A client's lifecycle in the app: `x` on the client closes its case; `!` redacts a section
//! (supervisors); the supervisor's retention list (`T`) erases a client after its reference is
//! typed again.

mod common;

use std::time::Duration;

use casenotes::domain::{ClientStatus, Sensitivity};
use casenotes::tui::app::Options;
use casenotes::tui::popups::confirm::ConfirmPopup;
use casenotes::tui::popups::prompt::PromptPopup;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::dashboard::DashboardScreen;
use casenotes::tui::screens::retention::RetentionScreen;
use common::driver::Driver;
use common::tui::{ALICE, open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

const SEVEN_YEARS: Duration = Duration::from_secs(7 * 365 * 86_400);

fn fixture() -> common::Fixture {
    three_clients(vec![section(
        "Query",
        Sensitivity::Ordinary,
        "Rent arrears for Alice",
    )])
}

#[test]
fn an_adviser_closes_a_case_from_the_client_screen() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('x'));
    assert!(d.app.popup::<ConfirmPopup>().is_some());
    d.key(KeyCode::Esc);
    assert_eq!(
        f.sign_in("adviser1")
            .open_client(ALICE, None, casenotes::session::Reveal::Nothing)
            .unwrap()
            .summary
            .status,
        ClientStatus::Open,
        "Esc leaves it open"
    );
    d.key(KeyCode::Char('x'));
    d.key(KeyCode::Char('1'));
    let text = screen(&d, 100, 24);
    assert!(text.contains("status: closed"), "{text}");
    assert!(text.contains("closed C-000001"), "{text}");
    d.key(KeyCode::Char('x'));
    assert!(
        screen(&d, 100, 24).contains("closed already"),
        "asked only once"
    );
    let trail = f.sign_in("supervisor").audit(Some(ALICE)).unwrap();
    assert!(trail.iter().any(|e| e.action == "client-closed"));
}

#[test]
fn a_supervisor_erases_a_client_past_retention_after_typing_its_reference() {
    let f = fixture();
    f.sign_in("adviser1").close_client(ALICE).unwrap();
    let mut d = Driver::new(&f, Options::default());
    // Seven years on.
    d.now += SEVEN_YEARS;
    d.sign_in("supervisor", SUPERVISOR_PW);
    assert!(d.showing::<DashboardScreen>());
    d.key(KeyCode::Char('T'));
    let list = d
        .app
        .front::<RetentionScreen>()
        .expect("the retention list");
    assert_eq!(list.due.len(), 1);
    let text = screen(&d, 80, 24);
    assert!(text.contains("Clients past retention: 1"), "{text}");
    assert!(text.contains("C-000001  Alice Ashworth"), "{text}");

    // Typed wrong: nothing is erased.
    d.key(KeyCode::Char('E'));
    assert!(d.app.popup::<PromptPopup>().is_some());
    assert!(screen(&d, 80, 24).contains("type C-000001 to confirm"));
    d.type_str("C-000002");
    d.key(KeyCode::Enter);
    assert!(screen(&d, 80, 24).contains("not erased"));
    assert_eq!(d.app.front::<RetentionScreen>().unwrap().due.len(), 1);

    d.key(KeyCode::Char('E'));
    d.type_str("C-000001");
    d.key(KeyCode::Enter);
    let text = screen(&d, 80, 24);
    assert!(text.contains("erased C-000001"), "{text}");
    assert!(text.contains("No closed client is past"), "{text}");
    assert!(d.app.front::<RetentionScreen>().unwrap().due.is_empty());

    let sup = f.sign_in("supervisor");
    let trail = sup.audit(Some(ALICE)).unwrap();
    assert!(trail.iter().any(|e| e.action == "client-erased"));
    sup.verify_audit().unwrap();
    assert!(!file_contains(&f.path, b"Alice"));

    // Esc goes back to where it was opened from.
    d.key(KeyCode::Esc);
    assert!(d.showing::<DashboardScreen>());
}

#[test]
fn an_adviser_has_no_retention_list() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('T'));
    assert!(d.showing::<Caseload>());
    assert!(
        screen(&d, 100, 24).contains("no retention list"),
        "{}",
        screen(&d, 100, 24)
    );
}

#[test]
fn a_supervisor_redacts_a_section_and_the_marker_shows() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('!'));
    assert!(d.app.popup::<PromptPopup>().is_none());
    assert!(screen(&d, 100, 24).contains("supervisors redact"));

    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc); // from the dashboard to every client
    open_alice(&mut d);
    assert!(screen(&d, 100, 24).contains("Rent arrears for Alice"));
    d.key(KeyCode::Char('!'));
    assert!(d.app.popup::<PromptPopup>().is_some());
    d.type_str("client asked for it to be removed");
    d.key(KeyCode::Enter);
    let text = screen(&d, 100, 24);
    assert!(!text.contains("Rent arrears for Alice"), "{text}");
    assert!(
        text.contains("Redacted by supervisor") && text.contains("client asked for it"),
        "{text}"
    );
    d.key(KeyCode::Char('!'));
    assert!(screen(&d, 100, 24).contains("redacted already"));
    d.key(KeyCode::Char('r'));
    assert!(screen(&d, 100, 24).contains("nothing to reveal"));
    assert!(!file_contains(&f.path, b"Rent arrears"));
}

#[test]
fn a_supervisor_exports_a_client_to_a_file_from_the_client_screen() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('X'));
    assert!(d.app.popup::<PromptPopup>().is_none());
    assert!(screen(&d, 100, 24).contains("no export"));

    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc);
    open_alice(&mut d);
    d.key(KeyCode::Char('X'));
    let offered = d
        .app
        .popup::<PromptPopup>()
        .expect("asks for the file")
        .text
        .clone();
    assert!(offered.ends_with(".md"), "{offered}");
    assert!(offered.contains("casenotes-export-C-000001-"), "{offered}");
    for _ in 0..offered.chars().count() {
        d.key(KeyCode::Backspace);
    }
    let out = f.dir.path().join("alice.md");
    d.type_str(&out.display().to_string());
    d.key(KeyCode::Enter);
    let text = screen(&d, 160, 24);
    assert!(text.contains("exported C-000001"), "{text}");
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(md.contains("# Your records: C-000001") && md.contains("Rent arrears for Alice"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Again to the same file: refused, the file as it was.
    d.key(KeyCode::Char('X'));
    let offered = d.app.popup::<PromptPopup>().unwrap().text.clone();
    for _ in 0..offered.chars().count() {
        d.key(KeyCode::Backspace);
    }
    d.type_str(&out.display().to_string());
    d.key(KeyCode::Enter);
    assert!(screen(&d, 160, 24).contains("exists already"));
    let trail = f.sign_in("supervisor").audit(Some(ALICE)).unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "client-exported")
            .count(),
        1
    );
}
