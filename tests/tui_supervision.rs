//! A note after it is saved, in the app: an addendum, a correction (with why), a supervisor's
//! sign-off and the revisions; and a lock in the middle of an addendum loses nothing.

mod common;

use casenotes::domain::{DraftPurpose, NoteStatus, Sensitivity};
use casenotes::session::SectionBody;
use casenotes::tui::app::Options;
use casenotes::tui::popups::confirm::ConfirmPopup;
use casenotes::tui::popups::prompt::PromptPopup;
use casenotes::tui::popups::reason::ReasonPopup;
use casenotes::tui::screens::editor::Editor;
use casenotes::tui::screens::history::HistoryScreen;
use casenotes::tui::screens::lock::Locked;
use common::driver::Driver;
use common::tui::{ALICE, open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![
        section("Query", Sensitivity::Ordinary, "Rent arrears"),
        section("Health", health(), "HEALTH-SECRET asthma"),
    ])
}

fn editor(d: &Driver) -> &Editor {
    d.editor().expect("the editor")
}

fn note_status(d: &Driver) -> NoteStatus {
    d.client().expect("client").view.notes[0].status
}

#[test]
fn an_addendum_is_written_saved_and_shown_with_its_author() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('+'));
    assert_eq!(
        editor(&d).purpose,
        DraftPurpose::Addendum(d.client().unwrap().view.notes[0].id)
    );
    d.type_str("client called back with the payslips");
    d.ctrl('s');
    assert!(d.editor().is_none(), "back on the client");
    let text = screen(&d, 100, 30);
    assert!(text.contains("client called back"), "{text}");
    assert!(text.contains("(addendum by adviser1"), "{text}");
}

#[test]
fn a_correction_needs_the_masked_text_revealed_and_a_reason() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('C'));
    assert!(d.editor().is_none(), "refused while a section is masked");
    assert!(
        d.app
            .ui
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("reveal this note's masked sections first")),
        "{:?}",
        d.app.ui.message
    );
    // Reveal the health section, then correct.
    d.key(KeyCode::Down);
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('C'));
    let e = editor(&d);
    assert_eq!(e.sections.len(), 2);
    assert_eq!(e.sections[1].text(), "HEALTH-SECRET asthma");
    d.type_str(", mild");
    d.ctrl('s');
    assert!(d.app.popup::<PromptPopup>().is_some(), "asks why");
    d.key(KeyCode::Enter);
    assert!(
        d.app.popup::<PromptPopup>().unwrap().error.is_some(),
        "an empty reason is refused"
    );
    d.type_str("the client said it is mild");
    d.key(KeyCode::Enter);
    assert!(d.editor().is_none());
    let n = &d.client().unwrap().view.notes[0];
    assert_eq!(n.marks.revision, 2);
    let text = screen(&d, 120, 30);
    assert!(text.contains("corrected by adviser1"), "{text}");
}

#[test]
fn a_supervisor_signs_off_and_reads_the_revisions_and_the_author_can_no_longer_correct() {
    let f = fixture();
    // adviser1 corrects first (from the library), so there are two revisions.
    let a1 = f.sign_in("adviser1");
    let id = a1
        .open_client(ALICE, None, casenotes::session::Reveal::Nothing)
        .unwrap()
        .notes[0]
        .id;
    a1.correct_note(
        ALICE,
        id,
        vec![
            section("Query", Sensitivity::Ordinary, "Council tax arrears"),
            section("Health", health(), "HEALTH-SECRET asthma"),
        ],
        "it was council tax",
    )
    .unwrap();
    drop(a1);

    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    // From the dashboard to every client.
    d.key(KeyCode::Esc);
    open_alice(&mut d);
    d.key(KeyCode::Char('S'));
    assert!(d.app.popup::<ConfirmPopup>().is_some(), "asks first");
    d.key(KeyCode::Char('1'));
    assert_eq!(note_status(&d), NoteStatus::Reviewed);
    assert!(screen(&d, 120, 30).contains("signed off by supervisor"));

    d.key(KeyCode::Char('h'));
    let h = d.app.front::<HistoryScreen>().expect("the revisions");
    assert_eq!(h.revisions.len(), 2);
    let text = screen(&d, 100, 30);
    assert!(text.contains("Rent arrears") && text.contains("Council tax arrears"));
    assert!(!text.contains("HEALTH-SECRET"), "masked until revealed");
    d.key(KeyCode::Char('r'));
    assert!(d.app.popup::<ReasonPopup>().is_some());
    d.key(KeyCode::Enter);
    assert!(screen(&d, 100, 30).contains("HEALTH-SECRET"));
    let secs = u64::from(d.app.ui.reveal_secs);
    d.tick(secs + 1);
    assert!(
        !screen(&d, 100, 30).contains("HEALTH-SECRET"),
        "masked again"
    );
    let h = d.app.front::<HistoryScreen>().unwrap();
    assert!(
        h.revisions
            .iter()
            .flat_map(|r| &r.sections)
            .all(|s| !matches!(s.body, SectionBody::Revealed(_)))
    );

    // The author can no longer correct it.
    let mut a = signed_in(&f);
    open_alice(&mut a);
    a.key(KeyCode::Char('C'));
    assert!(a.editor().is_none());
    assert!(
        a.app
            .ui
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("signed off and locked")),
        "{:?}",
        a.app.ui.message
    );
    // Advisers neither sign off nor read revisions.
    a.key(KeyCode::Char('S'));
    assert!(a.app.popup::<ConfirmPopup>().is_none());
    a.key(KeyCode::Char('h'));
    assert!(a.app.front::<HistoryScreen>().is_none());
}

#[test]
fn a_lock_in_the_middle_of_an_addendum_keeps_it() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('+'));
    d.type_str("ADDENDUM-IN-PROGRESS");
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    let e = editor(&d);
    assert!(matches!(e.purpose, DraftPurpose::Addendum(_)));
    assert_eq!(e.sections[0].text(), "ADDENDUM-IN-PROGRESS");
    d.ctrl('s');
    assert!(screen(&d, 100, 30).contains("ADDENDUM-IN-PROGRESS"));
    assert!(f.sign_in("adviser1").drafts().unwrap().is_empty());
}
