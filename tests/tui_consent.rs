//! Consent in the app: shown at a glance on the client, recorded and withdrawn from its list,
//! and asked about before a referral is saved without it.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::tui::popups::confirm::{Confirm, ConfirmPopup};
use casenotes::tui::popups::consent::ConsentPopup;
use common::tui::{open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![section(
        "Query",
        Sensitivity::Ordinary,
        "Rent arrears",
    )])
}

#[test]
fn consent_is_recorded_and_withdrawn_from_the_client_screen() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    assert!(screen(&d, 100, 24).contains("consent: none recorded"));
    d.key(KeyCode::Char('K'));
    assert!(d.app.popup::<ConsentPopup>().is_some());
    d.key(KeyCode::Char('n'));
    d.type_str("sharing");
    d.key(KeyCode::Enter);
    let p = d.app.popup::<ConsentPopup>().expect("still open");
    assert!(
        p.new
            .as_ref()
            .and_then(|n| n.error.as_deref())
            .is_some_and(|e| e.contains("organisation")),
        "a scope without an organisation is refused"
    );
    d.type_str(":Shelter");
    d.key(KeyCode::Tab); // written
    d.key(KeyCode::Enter);
    assert!(d.app.popup::<ConsentPopup>().is_none());
    let text = screen(&d, 100, 24);
    assert!(text.contains("consent: sharing:Shelter"), "{text}");
    let s = f.sign_in("adviser1");
    let list = s.consents(common::tui::ALICE, None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].method.as_str(), "written");
    drop(s);

    d.key(KeyCode::Char('K'));
    d.key(KeyCode::Char('w'));
    assert!(screen(&d, 100, 24).contains("Press w again"));
    d.key(KeyCode::Char('w'));
    assert!(
        screen(&d, 100, 24).contains("consent: none current"),
        "{}",
        screen(&d, 100, 24)
    );
}

#[test]
fn a_referral_without_consent_to_share_asks_before_saving() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('n'));
    // To the "Referrals and signposting" section.
    for _ in 0..5 {
        d.key(KeyCode::Tab);
    }
    assert_eq!(
        d.editor().unwrap().sections[5].heading,
        "Referrals and signposting"
    );
    d.type_str("referred to Shelter");
    d.ctrl('s');
    assert_eq!(
        d.app.popup::<ConfirmPopup>().map(|c| c.kind),
        Some(Confirm::NoConsent)
    );
    d.key(KeyCode::Char('2')); // back to the note
    assert!(d.editor().is_some(), "nothing lost");
    d.ctrl('s');
    d.key(KeyCode::Char('1')); // save anyway
    assert!(d.editor().is_none());
    assert!(screen(&d, 100, 30).contains("referred to Shelter"));
}
