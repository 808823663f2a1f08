//! Disclosures in the app: `D` on a client lists them; `a` records one through a form that
//! refuses a legal or harm basis without a justification (keeping what was typed), records one
//! with it (listed, and logged as `disclosed`), and asks first on the basis of consent when the
//! client has no current consent to share. A lock in the middle of the form says what it drops.

mod common;

use casenotes::domain::{Basis, ConsentMethod, ConsentScope, Sensitivity};
use casenotes::tui::popups::confirm::{Confirm, ConfirmPopup};
use casenotes::tui::popups::disclosure_form::DisclosureForm;
use casenotes::tui::popups::disclosures::DisclosuresPopup;
use casenotes::tui::screens::lock::Locked;
use common::tui::{ALICE, open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn fixture() -> Fixture {
    three_clients(vec![section(
        "Query",
        Sensitivity::Ordinary,
        "Rent arrears",
    )])
}

fn shift(d: &mut common::driver::Driver, c: char) {
    d.key_mod(KeyCode::Char(c), KeyModifiers::SHIFT);
}

fn form(d: &common::driver::Driver) -> &DisclosureForm {
    d.app.popup::<DisclosureForm>().expect("the form is open")
}

#[test]
fn a_disclosure_is_refused_without_a_justification_then_recorded_and_logged() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    shift(&mut d, 'D');
    let list = d.app.popup::<DisclosuresPopup>().expect("the list opens");
    assert!(list.disclosures.is_empty());
    assert!(screen(&d, 100, 30).contains("No disclosure recorded for this client"));

    d.key(KeyCode::Char('a'));
    d.type_str("Citizens Advice debt team");
    d.key(KeyCode::Tab);
    d.type_str("arrears figures and the landlord's letter");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Right); // legal obligation
    assert_eq!(form(&d).basis(), Basis::Legal);
    d.ctrl('s');
    let refused = form(&d);
    assert!(
        refused
            .error
            .as_deref()
            .is_some_and(|e| e.contains("needs a justification")),
        "{:?}",
        refused.error
    );
    assert_eq!(refused.fields.text(0), "Citizens Advice debt team");
    assert_eq!(
        refused.fields.text(1),
        "arrears figures and the landlord's letter"
    );
    assert_eq!(
        refused.fields.focus, 3,
        "the focus goes to the justification"
    );
    let text = screen(&d, 100, 30);
    assert!(text.contains("Not accepted: the basis 'legal obligation' needs a justification"));
    assert!(
        f.sign_in("adviser1")
            .disclosures(ALICE, None)
            .unwrap()
            .is_empty(),
        "nothing recorded"
    );

    d.type_str("court order 123 requires it");
    d.key(KeyCode::Enter); // on the last field: records it
    assert!(d.app.popup::<DisclosureForm>().is_none(), "the form closes");
    let list = d.app.popup::<DisclosuresPopup>().expect("back to the list");
    assert_eq!(list.disclosures.len(), 1);
    let text = screen(&d, 100, 30);
    assert!(text.contains("legal obligation"), "{text}");
    assert!(text.contains("to Citizens Advice debt team"), "{text}");
    assert!(text.contains("What was shared: arrears figures"), "{text}");
    assert!(text.contains("Justification: court order 123"), "{text}");
    assert!(
        text.contains("disclosure 1 of C-000001 recorded (logged)"),
        "{text}"
    );

    let s = f.sign_in("supervisor");
    let recorded = s.disclosures(ALICE, None).unwrap();
    assert_eq!(recorded[0].basis, Basis::Legal);
    assert_eq!(recorded[0].by, "adviser1");
    assert!(
        s.audit(None)
            .unwrap()
            .iter()
            .any(|e| e.action == "disclosed" && e.detail == "disclosure 1, basis: legal")
    );
}

#[test]
fn on_the_basis_of_consent_without_it_the_app_asks_first() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    shift(&mut d, 'D');
    d.key(KeyCode::Char('a'));
    d.type_str("Shelter");
    d.key(KeyCode::Tab);
    d.type_str("housing history");
    assert_eq!(form(&d).basis(), Basis::Consent);
    d.ctrl('s');
    assert_eq!(
        d.app.popup::<ConfirmPopup>().map(|c| c.kind),
        Some(Confirm::DiscloseWithoutConsent)
    );
    assert!(
        screen(&d, 100, 30).contains("the client has no"),
        "{}",
        screen(&d, 100, 30)
    );
    d.key(KeyCode::Char('2')); // back to the form
    assert_eq!(form(&d).fields.text(0), "Shelter", "nothing lost");
    assert!(
        f.sign_in("adviser1")
            .disclosures(ALICE, None)
            .unwrap()
            .is_empty()
    );
    d.ctrl('s');
    d.key(KeyCode::Char('1')); // record it anyway
    assert!(d.app.popup::<DisclosureForm>().is_none());
    assert_eq!(
        d.app
            .popup::<DisclosuresPopup>()
            .map(|p| p.disclosures.len()),
        Some(1)
    );

    // With a current consent to share, nothing is asked.
    f.sign_in("adviser1")
        .give_consent(
            ALICE,
            ConsentScope::parse("sharing:Shelter").unwrap(),
            ConsentMethod::Written,
            None,
            None,
        )
        .unwrap();
    d.key(KeyCode::Char('a'));
    d.type_str("Shelter");
    d.key(KeyCode::Tab);
    d.type_str("the tenancy agreement");
    d.ctrl('s');
    assert!(d.app.popup::<ConfirmPopup>().is_none());
    assert_eq!(
        d.app
            .popup::<DisclosuresPopup>()
            .map(|p| p.disclosures.len()),
        Some(2)
    );
}

#[test]
fn a_refusal_by_the_session_keeps_the_form_and_says_one_line() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    shift(&mut d, 'D');
    d.key(KeyCode::Char('a'));
    // A character that hides itself: the session refuses it.
    d.type_str("Shel\u{200b}ter");
    d.key(KeyCode::Tab);
    d.type_str("housing history");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Right);
    d.key(KeyCode::Right); // serious harm
    d.key(KeyCode::Tab);
    d.type_str("risk to a child");
    d.ctrl('s');
    let m = d.app.ui.message.clone().expect("told");
    assert!(m.error);
    assert!(m.text.starts_with("not recorded: "), "{}", m.text);
    assert!(!m.text.contains('\n'));
    let kept = form(&d);
    assert!(!kept.saving);
    assert!(
        kept.error
            .as_deref()
            .is_some_and(|e| e.contains("visible characters")),
        "the form says why too: {:?}",
        kept.error
    );
    assert_eq!(kept.fields.text(0), "Shel\u{200b}ter");
    assert_eq!(kept.fields.text(1), "housing history");
    assert_eq!(kept.basis(), Basis::Harm);
    assert_eq!(kept.fields.text(3), "risk to a child");
}

#[test]
fn a_lock_in_the_middle_of_the_form_says_what_it_dropped() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    shift(&mut d, 'D');
    d.key(KeyCode::Char('a'));
    d.type_str("Shelter");
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    let locked = screen(&d, 100, 30);
    assert!(!locked.contains("Shelter"), "nothing typed stays on screen");
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.client().is_some(), "back on the client");
    let m = d.app.ui.message.clone().expect("told");
    assert!(
        m.text.contains(
            "the lock dropped your disclosure form (half-typed forms are never kept): type it again"
        ),
        "{}",
        m.text
    );
}

#[test]
fn help_and_a_wrong_key_on_the_list_and_the_form() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    shift(&mut d, 'D');
    d.key(KeyCode::Char('?'));
    let help = screen(&d, 100, 40);
    assert!(help.contains("a client's disclosures"), "{help}");
    assert!(help.contains("record a disclosure"), "{help}");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('z'));
    assert!(
        screen(&d, 100, 30).contains("z does nothing here"),
        "{}",
        screen(&d, 100, 30)
    );
    d.key(KeyCode::Char('a'));
    d.type_str("?");
    assert_eq!(form(&d).fields.text(0), "?", "? is text in the form");
    d.key(KeyCode::F(1));
    let help = screen(&d, 100, 40);
    assert!(help.contains("recording a disclosure"), "{help}");
    assert!(help.contains("needs a justification"), "{help}");
}
