//! Every screen drawn on ratatui's TestBackend and pinned with snapshots. A masked section's
//! screen holds none of its text.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::tui::app::Options;
use common::driver::Driver;
use common::tui::{open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![
        section(
            "Query / presenting issue",
            Sensitivity::Ordinary,
            "Rent arrears after a benefit sanction; landlord has served a section 21 notice.",
        ),
        section(
            "Actions agreed",
            Sensitivity::Ordinary,
            "Client: bring the tenancy agreement by 12 Dec\nAdviser: call the council housing options team",
        ),
        section(
            "Health",
            health(),
            "HEALTH-SECRET depression, on sertraline",
        ),
        section(
            "Finances",
            Sensitivity::Confidential,
            "MONEY-SECRET owes 2,300 to a payday lender",
        ),
    ])
}

#[test]
fn sign_in_screens() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    insta::assert_snapshot!("sign_in", screen(&d, 80, 24));
    d.type_str("adviser1");
    d.key(KeyCode::Tab);
    d.type_str("wrong password!");
    insta::assert_snapshot!("sign_in_typed", screen(&d, 80, 24));
    d.key(KeyCode::Enter);
    insta::assert_snapshot!("sign_in_error", screen(&d, 80, 24));
    let demo = Driver::new(
        &f,
        Options {
            lock_after: None,
            user: None,
            demo: Some((
                vec!["adviser1".into(), "supervisor".into()],
                "demo-password".into(),
            )),
        },
    );
    insta::assert_snapshot!("sign_in_demo", screen(&demo, 80, 24));
}

#[test]
fn caseload_screens() {
    let f = fixture();
    let mut d = signed_in(&f);
    insta::assert_snapshot!("caseload", screen(&d, 100, 20));
    d.key(KeyCode::Char('/'));
    d.type_str("bob");
    insta::assert_snapshot!("caseload_filtered", screen(&d, 100, 20));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('a'));
    insta::assert_snapshot!("caseload_all_clients", screen(&d, 100, 20));
    d.key(KeyCode::Char('?'));
    insta::assert_snapshot!("help", screen(&d, 100, 30));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('c'));
    insta::assert_snapshot!("quick_capture", screen(&d, 100, 20));
}

#[test]
fn client_screens_mask_until_revealed() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    let masked = screen(&d, 100, 30);
    for secret in ["HEALTH-SECRET", "sertraline", "MONEY-SECRET", "payday"] {
        assert!(!masked.contains(secret), "{secret} on a masked screen");
    }
    insta::assert_snapshot!("client_masked", masked);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    insta::assert_snapshot!("reveal_reason", screen(&d, 100, 30));
    d.key(KeyCode::Enter);
    let revealed = screen(&d, 100, 30);
    assert!(revealed.contains("HEALTH-SECRET"));
    assert!(
        !revealed.contains("MONEY-SECRET"),
        "only the chosen section is revealed"
    );
    insta::assert_snapshot!("client_revealed", revealed);
}

#[test]
fn editor_screens() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("Wants to appeal a PIP decision");
    insta::assert_snapshot!("editor", screen(&d, 100, 40));
    d.ctrl('t');
    insta::assert_snapshot!("editor_label", screen(&d, 100, 40));
    d.key(KeyCode::Esc);
    d.ctrl('n');
    insta::assert_snapshot!("editor_add_section", screen(&d, 100, 40));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    insta::assert_snapshot!("editor_leave", screen(&d, 100, 40));
}

#[test]
fn the_lock_screen_shows_nobody() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.ctrl('l');
    let locked = screen(&d, 100, 24);
    for name in ["Alice", "Bob", "Ashworth", "adviser1", "C-0000"] {
        assert!(!locked.contains(name), "{name} on the lock screen");
    }
    insta::assert_snapshot!("locked", locked);
}

#[test]
fn a_tiny_terminal_says_so() {
    let f = fixture();
    let d = signed_in(&f);
    let s = screen(&d, 40, 10);
    assert!(s.contains("too small"));
    insta::assert_snapshot!("too_small", s);
    // Resizing back draws normally.
    assert!(screen(&d, 100, 20).contains("My caseload"));
}

#[test]
fn every_shipped_theme_draws_every_screen() {
    let f = fixture();
    for name in casenotes::tui::theme::Theme::BUILTIN {
        let (theme, warning) = casenotes::tui::theme::Theme::load(Some(name), None, false);
        assert!(warning.is_none());
        let mut d = signed_in(&f);
        d.app.ui.theme = theme;
        assert!(screen(&d, 100, 20).contains("My caseload"));
        open_alice(&mut d);
        assert!(screen(&d, 100, 20).contains("Alice Ashworth"));
    }
}
