//! Clients and drafts in the app, driven without a terminal: adding a client, correcting their
//! details, revealing the confidential ones (logged before shown), the list of kept drafts, and
//! the list catching up with a change made elsewhere just after signing in.

mod common;

use casenotes::domain::{ClientRef, Sensitivity};
use casenotes::session::NewNote;
use casenotes::tui::app::Options;
use casenotes::tui::popups::client_form::ClientForm;
use casenotes::tui::popups::confirm::ConfirmPopup;
use casenotes::tui::popups::drafts::DraftsPopup;
use casenotes::tui::popups::reason::ReasonPopup;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::editor::Editor;
use common::driver::Driver;
use common::tui::{ALICE, open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![section(
        "Query / presenting issue",
        Sensitivity::Ordinary,
        "Rent arrears",
    )])
}

fn listed(d: &Driver, name: &str) -> Option<ClientRef> {
    d.app
        .ui
        .clients
        .mine
        .iter()
        .find(|c| c.name.as_str() == name)
        .map(|c| c.reference)
}

fn actions(f: &Fixture, client: ClientRef) -> Vec<(&'static str, String)> {
    f.sign_in("supervisor")
        .audit(Some(client))
        .expect("audit")
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect()
}

#[test]
fn a_client_added_in_the_app_is_listed_selected_and_logged() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('A'));
    assert!(d.app.popup::<ClientForm>().is_some(), "the form opens");
    d.type_str("Dora Dinsdale");
    d.key(KeyCode::Tab);
    d.type_str("1975-06-30");
    d.key(KeyCode::Tab);
    d.type_str("dora@example.org");
    d.ctrl('s');
    assert!(d.app.popup::<ClientForm>().is_none());
    let r = listed(&d, "Dora Dinsdale").expect("on the caseload");
    assert_eq!(
        d.caseload().selected_client(&d.app.ui).map(|c| c.reference),
        Some(r),
        "the new client is under the cursor"
    );
    assert!(
        actions(&f, r).iter().any(|(a, _)| *a == "client-created"),
        "logged"
    );
    // What was typed is what was kept.
    let details = f
        .sign_in("adviser1")
        .reveal_details(r, "checking the test's input", None)
        .expect("reveal");
    assert_eq!(details.date_of_birth.as_deref(), Some("1975-06-30"));
    assert_eq!(details.contact.as_deref(), Some("dora@example.org"));
}

#[test]
fn a_bad_date_of_birth_is_explained_and_nothing_is_added() {
    let f = fixture();
    let mut d = signed_in(&f);
    let before = d.app.ui.clients.mine.len();
    d.key(KeyCode::Char('A'));
    d.type_str("Eve Entwistle");
    d.key(KeyCode::Tab);
    d.type_str("31/12/1990");
    d.key(KeyCode::Enter); // to the contact field
    d.key(KeyCode::Enter); // save
    let form = d.app.popup::<ClientForm>().expect("the form stays open");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("YYYY-MM-DD")),
        "{:?}",
        form.error
    );
    assert_eq!(form.fields[0], "Eve Entwistle", "nothing typed is lost");
    assert_eq!(d.app.ui.clients.mine.len(), before);
    // An empty name is refused too.
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('A'));
    d.ctrl('s');
    assert!(d.app.popup::<ClientForm>().unwrap().error.is_some());
    d.key(KeyCode::Esc);
    assert!(d.app.popup::<ClientForm>().is_none(), "Esc cancels");
}

#[test]
fn details_are_masked_then_revealed_with_a_logged_reason_and_mask_again() {
    let f = fixture();
    let s = f.sign_in("adviser1");
    s.edit_client(
        ALICE,
        casenotes::session::ClientEdit {
            name: None,
            date_of_birth: Some(Some("1960-01-02".into())),
            contact: Some(Some("07700 900111".into())),
        },
        None,
    )
    .expect("details");
    drop(s);
    let mut d = signed_in(&f);
    open_alice(&mut d);
    let masked = screen(&d, 100, 30);
    assert!(!masked.contains("1960-01-02") && !masked.contains("07700"));
    assert!(masked.contains("d reveals"), "{masked}");
    d.key(KeyCode::Char('d'));
    assert!(d.app.popup::<ReasonPopup>().is_some(), "asks why first");
    let before = actions(&f, ALICE).len();
    d.key(KeyCode::Enter);
    // The event was committed before the details reached the screen.
    let after = actions(&f, ALICE);
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().map(|(a, _)| *a), Some("details-revealed"));
    let shown = screen(&d, 100, 30);
    assert!(
        shown.contains("1960-01-02") && shown.contains("07700 900111"),
        "{shown}"
    );
    // They mask themselves again after the policy's time.
    let secs = u64::from(d.app.ui.reveal_secs);
    d.tick(secs + 1);
    let again = screen(&d, 100, 30);
    assert!(!again.contains("1960-01-02"), "{again}");
}

#[test]
fn correcting_a_client_keeps_masked_details_that_were_not_retyped() {
    let f = fixture();
    let s = f.sign_in("adviser1");
    s.edit_client(
        ALICE,
        casenotes::session::ClientEdit {
            name: None,
            date_of_birth: Some(Some("1960-01-02".into())),
            contact: None,
        },
        None,
    )
    .expect("details");
    drop(s);
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('e'));
    let form = d.app.popup::<ClientForm>().expect("the form");
    assert_eq!(form.fields[0], "Alice Ashworth");
    assert_eq!(form.fields[1], "", "a masked detail is not filled in");
    for _ in 0.."Ashworth".len() {
        d.key(KeyCode::Backspace);
    }
    d.type_str("Ashcroft");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    d.type_str("01632 960000");
    d.ctrl('s');
    assert_eq!(listed(&d, "Alice Ashcroft"), Some(ALICE), "renamed");
    let details = f
        .sign_in("adviser1")
        .reveal_details(ALICE, "checking the test's input", None)
        .expect("reveal");
    assert_eq!(
        details.date_of_birth.as_deref(),
        Some("1960-01-02"),
        "kept, not cleared"
    );
    assert_eq!(details.contact.as_deref(), Some("01632 960000"));
    let log = actions(&f, ALICE);
    let edit = log
        .iter()
        .rev()
        .find(|(a, _)| *a == "client-edited")
        .expect("logged");
    assert_eq!(
        edit.1, "name, contact",
        "names the fields, never the values"
    );
    assert!(!log.iter().any(|(_, d)| d.contains("Ashcroft")));
}

#[test]
fn an_empty_caseload_says_how_to_add_the_first_client() {
    let f = Fixture::new();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    let text = screen(&d, 80, 24);
    assert!(text.contains("Press A to add your first client"), "{text}");
}

/// Writes `text` in a new note for the client under the filter `who`, and leaves it as a kept
/// draft.
fn keep_draft(d: &mut Driver, who: &str, text: &str) {
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('/'));
    d.type_str(who);
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('n'));
    d.type_str(text);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('1')); // keep it as a draft
    d.key(KeyCode::Esc); // back to the caseload
    assert!(d.showing::<Caseload>());
}

#[test]
fn kept_drafts_are_listed_resumed_and_discarded_one_client_at_a_time() {
    let f = fixture();
    let mut d = signed_in(&f);
    keep_draft(&mut d, "alice", "ALICE-DRAFT");
    keep_draft(&mut d, "bob", "BOB-DRAFT");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('D'));
    let list = d.app.popup::<DraftsPopup>().expect("the drafts");
    assert_eq!(list.rows.len(), 2, "one per client");
    let drawn = screen(&d, 80, 24);
    assert!(drawn.contains("Alice Ashworth") && drawn.contains("Bob Barraclough"));
    assert!(!drawn.contains("ALICE-DRAFT"), "no draft text in the list");
    // Put the cursor on Bob's. One x only asks; the second discards.
    let bob = list.rows.iter().position(|r| r.client != ALICE).unwrap();
    for _ in 0..bob {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Char('x'));
    assert_eq!(d.app.popup::<DraftsPopup>().unwrap().rows.len(), 2);
    assert!(screen(&d, 80, 24).contains("Press x again"));
    d.key(KeyCode::Char('x'));
    assert_eq!(d.app.popup::<DraftsPopup>().unwrap().rows.len(), 1);
    let s = f.sign_in("adviser1");
    let left: Vec<_> = s.drafts().unwrap().iter().map(|d| d.client).collect();
    assert_eq!(left, vec![ALICE], "only Bob's went");
    drop(s);
    // Enter resumes Alice's: her client screen, with the draft in the editor.
    d.key(KeyCode::Home);
    d.key(KeyCode::Enter);
    let e = d.editor().expect("the editor");
    assert_eq!(e.sections[0].text(), "ALICE-DRAFT");
    assert!(
        d.client()
            .is_some_and(|c| c.view.summary.reference == ALICE)
    );
    d.ctrl('s');
    assert!(!d.showing::<Editor>());
    assert!(f.sign_in("adviser1").drafts().unwrap().is_empty());
}

#[test]
fn the_draft_offered_at_sign_in_names_its_client() {
    let f = fixture();
    let mut d = signed_in(&f);
    keep_draft(&mut d, "bob", "BOB-DRAFT");
    d.ctrl('u'); // switch user: locks first
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    assert!(d.app.popup::<ConfirmPopup>().is_some());
    let text = screen(&d, 80, 24);
    assert!(
        text.contains("unsaved note about C-000002 Bob Barraclough"),
        "{text}"
    );
}

#[test]
fn a_note_written_elsewhere_just_after_sign_in_still_shows() {
    let f = fixture();
    let mut d = signed_in(&f);
    // Before the app has looked at the store's version even once.
    let other = f.sign_in("adviser1");
    let bob = listed(&d, "Bob Barraclough").expect("Bob");
    other
        .add_note(
            bob,
            NewNote {
                channel: casenotes::domain::Channel::Phone,
                contact_at: None,
                sections: vec![section("Query", Sensitivity::Ordinary, "from elsewhere")],
            },
            None,
        )
        .expect("note");
    drop(other);
    d.tick(3);
    let count = d
        .app
        .ui
        .clients
        .mine
        .iter()
        .find(|c| c.reference == bob)
        .map(|c| c.note_count);
    assert_eq!(count, Some(1), "the list was read again");
}
