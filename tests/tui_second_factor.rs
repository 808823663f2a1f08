//! Second factors in the terminal app: the sign-in and lock screens ask for the key file and a
//! one-time code when the account has them (path completion on Tab), a wrong one of either is
//! the one message a wrong password gives, and the enrolment screen the policy sends a role to
//! (its QR code pinned in snapshots with a fixed secret).

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use casenotes::session::{Session, TotpEnrolment};
use casenotes::tui::app::Options;
use casenotes::tui::keymap::Mode;
use casenotes::tui::popups::help::HelpPopup;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::dashboard::DashboardScreen;
use casenotes::tui::screens::enrol::Enrol;
use casenotes::tui::screens::lock::Locked;
use casenotes::tui::screens::sign_in::{Field, SignIn};
use common::driver::Driver;
use common::tui::screen;
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// Enrols an authenticator for `s`'s account: its enrolment and recovery codes.
fn enrol(s: &Session) -> (TotpEnrolment, Vec<String>) {
    let e = s.start_totp_enrolment().expect("start");
    let codes = s
        .confirm_totp(&pw(&e.code_at(now()).unwrap()))
        .expect("confirm");
    let codes = codes.codes().map(String::from).collect();
    (e, codes)
}

/// A fixed secret, so the QR code is the same in every run.
const FIXED: [u8; 20] = *b"casenotes-snapshot!!";

#[test]
fn the_sign_in_screen_asks_for_a_code_when_the_account_has_codes() {
    let f = Fixture::new();
    let (e, recovery) = enrol(&f.sign_in("supervisor"));
    let mut d = Driver::new(&f, Options::default());
    d.type_str("supervisor");
    d.key(KeyCode::Tab);
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Tab);
    let form = d.app.front::<SignIn>().unwrap();
    assert_eq!(form.focus, Field::Code);
    assert!(form.second.factors.code && !form.second.factors.key_file);
    insta::assert_snapshot!("sign_in_code", screen(&d, 80, 24));
    // Back up to the password with Shift-Tab (or ↑), and down again.
    d.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(d.app.front::<SignIn>().unwrap().focus, Field::Password);
    // Enter on the password goes on to the empty code; on the empty code it says what it
    // wants.
    d.key(KeyCode::Enter);
    assert_eq!(d.app.front::<SignIn>().unwrap().focus, Field::Code);
    d.key(KeyCode::Enter);
    assert!(screen(&d, 80, 24).contains("type the code your authenticator app shows"));
    // A wrong code: one message, as for a wrong password.
    d.type_str("000000");
    if e.code_at(now()).unwrap() != "000000" && e.code_at(now() + 30).unwrap() != "000000" {
        d.key(KeyCode::Enter);
        assert!(d.showing::<SignIn>());
        assert!(
            screen(&d, 80, 24).contains("wrong username, password or one-time code"),
            "{}",
            screen(&d, 80, 24)
        );
    }
    // The right one signs in (the password typed again after the failure).
    let mut d = Driver::new(&f, Options::default());
    d.type_str("supervisor");
    d.key(KeyCode::Tab);
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Tab);
    d.type_str(&e.code_at(now() + 30).unwrap());
    d.key(KeyCode::Enter);
    assert!(d.app.ui.session.is_some(), "{}", screen(&d, 80, 24));
    assert!(d.showing::<DashboardScreen>());

    // Locking asks for a new code too: unlocking is a new sign-in.
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("Code"), "{shown}");
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Enter);
    assert_eq!(d.app.front::<Locked>().unwrap().focus, Field::Code);
    d.type_str(&recovery[0]);
    d.key(KeyCode::Enter);
    assert!(d.app.ui.session.is_some(), "{}", screen(&d, 80, 24));
}

#[test]
fn the_sign_in_screen_asks_for_the_key_file_and_completes_its_path() {
    let f = Fixture::new();
    let usb = f.dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let key = usb.join("adviser1.key");
    f.sign_in("adviser1")
        .bind_key_file(&pw(ADVISER_PW), &key)
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.type_str("adviser1");
    d.key(KeyCode::Tab);
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Tab);
    assert_eq!(d.app.front::<SignIn>().unwrap().focus, Field::KeyFile);
    assert_eq!(d.app.mode(), Mode::KeyFilePath);
    // Tab completes the path, folder by folder.
    let base = f.dir.path().display().to_string();
    d.type_str(&format!("{base}/us"));
    d.key(KeyCode::Tab);
    assert_eq!(
        d.app.front::<SignIn>().unwrap().second.key_file,
        format!("{base}/usb/")
    );
    d.key(KeyCode::Tab);
    assert_eq!(
        d.app.front::<SignIn>().unwrap().second.key_file,
        format!("{base}/usb/adviser1.key")
    );
    // F1 explains the field.
    d.key(KeyCode::F(1));
    assert!(d.app.popup::<HelpPopup>().is_some());
    assert!(screen(&d, 100, 40).contains("key file"));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Enter);
    assert!(d.showing::<Caseload>(), "{}", screen(&d, 80, 24));

    // A wrong file: the one message.
    let other = f.dir.path().join("other.key");
    std::fs::write(&other, [7u8; 32]).unwrap();
    let mut d = Driver::new(
        &f,
        Options {
            key_file: Some(other.clone()),
            user: Some("adviser1".into()),
            ..Options::default()
        },
    );
    // --key-file is offered as the path.
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<SignIn>());
    assert!(
        screen(&d, 80, 24).contains("wrong username, password or key file"),
        "{}",
        screen(&d, 80, 24)
    );
}

#[test]
fn the_policy_sends_a_supervisor_to_the_enrolment_screen_first() {
    let f = Fixture::new();
    f.sign_in("admin")
        .set_policy("second-factor-required", "supervisor,admin")
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    assert!(d.showing::<Enrol>(), "{}", screen(&d, 80, 24));
    assert_eq!(d.app.mode(), Mode::Enrol);
    // Help says why, and what a code does not do.
    d.key(KeyCode::Char('?'));
    let help = screen(&d, 100, 40);
    assert!(help.contains("guards the app"), "{help}");
    d.key(KeyCode::Esc);
    // Enter with no code says what it wants.
    d.key(KeyCode::Enter);
    assert!(screen(&d, 120, 40).contains("type the code your app shows"));
    let code = d
        .app
        .front::<Enrol>()
        .unwrap()
        .enrolment
        .as_ref()
        .expect("a secret")
        .code_at(now())
        .unwrap();
    d.type_str(&code);
    d.key(KeyCode::Enter);
    let shown = screen(&d, 120, 40);
    assert!(shown.contains("Recovery codes"), "{shown}");
    let codes = d.app.front::<Enrol>().unwrap().recovery.as_ref().unwrap();
    let codes: Vec<String> = codes.codes().map(String::from).collect();
    assert_eq!(codes.len(), 10);
    for c in &codes {
        assert!(shown.contains(c.as_str()));
    }
    d.key(KeyCode::Enter);
    assert!(d.showing::<DashboardScreen>(), "{}", screen(&d, 80, 24));
    let said = d.app.ui.message.as_ref().map(|m| m.text.clone());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("one-time codes are on")),
        "{said:?}"
    );
    // An adviser is not sent there.
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    assert!(d.showing::<Caseload>());
}

#[test]
fn the_enrolment_screen_shows_the_qr_code() {
    let f = Fixture::new();
    f.sign_in("admin")
        .set_policy("second-factor-required", "supervisor,admin")
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.app
        .front_mut::<Enrol>()
        .expect("the enrolment screen")
        .show(TotpEnrolment::with_secret("supervisor", FIXED));
    let small = screen(&d, 80, 24);
    assert!(small.contains('█') && small.contains('▀'), "{small}");
    insta::assert_snapshot!("enrol_80x24", small);
    insta::assert_snapshot!("enrol_160x45", screen(&d, 160, 45));
    d.type_str("12345");
    let typed = screen(&d, 80, 24);
    assert!(typed.contains("Code      12345"), "{typed}");
}
