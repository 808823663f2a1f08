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

#[test]
fn open_actions_are_listed_on_the_client_and_one_is_marked_done() {
    let f = three_clients(vec![section(
        "Actions agreed",
        Sensitivity::Ordinary,
        "Client: send payslips by 2020-01-10\nAdviser: call the landlord",
    )]);
    let mut d = signed_in(&f);
    open_alice(&mut d);
    let text = screen(&d, 100, 30);
    assert!(text.contains("2 open actions, 1 overdue"), "{text}");
    d.key(KeyCode::Char('a'));
    let popup = d
        .app
        .popup::<casenotes::tui::popups::actions::ActionsPopup>()
        .expect("the actions");
    assert_eq!(popup.actions.len(), 2);
    let drawn = screen(&d, 100, 30);
    assert!(
        drawn.contains("send payslips") && drawn.contains("overdue"),
        "{drawn}"
    );
    // The first listed is the overdue one; one Enter only asks.
    d.key(KeyCode::Enter);
    assert!(screen(&d, 100, 30).contains("Press Enter again"));
    d.key(KeyCode::Enter);
    let text = screen(&d, 100, 30);
    assert!(text.contains("1 open action "), "{text}");
    let trail = f.sign_in("supervisor").audit(Some(ALICE)).unwrap();
    assert!(trail.iter().any(|e| e.action == "action-done"));
}

#[test]
fn a_supervisor_reviews_a_break_glass_access_from_the_queue() {
    let f = fixture();
    f.sign_in("adviser2")
        .open_client(
            ALICE,
            Some("covering the duty desk"),
            casenotes::session::Reveal::Nothing,
        )
        .expect("break the glass");
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc); // from the dashboard to every client
    d.key(KeyCode::Char('B'));
    let g = d
        .app
        .front::<casenotes::tui::screens::glass::GlassScreen>()
        .expect("the queue");
    assert_eq!(g.accesses.len(), 1);
    let text = screen(&d, 100, 24);
    assert!(
        text.contains("adviser2") && text.contains("C-000001"),
        "{text}"
    );
    assert!(text.contains("covering the duty desk"), "{text}");
    assert!(!text.contains("Alice"), "references only: {text}");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('2')); // a concern
    d.type_str("no duty rota entry for that day");
    d.key(KeyCode::Enter);
    let g = d
        .app
        .front::<casenotes::tui::screens::glass::GlassScreen>()
        .unwrap();
    assert!(g.accesses.is_empty(), "it left the queue");
    d.key(KeyCode::Char('A'));
    let text = screen(&d, 100, 24);
    assert!(text.contains("concern by supervisor"), "{text}");
    assert!(text.contains("no duty rota entry"), "{text}");
    // Advisers have no queue.
    let mut a = signed_in(&f);
    a.key(KeyCode::Char('B'));
    assert!(
        a.app
            .front::<casenotes::tui::screens::glass::GlassScreen>()
            .is_none()
    );
}

#[test]
fn a_supervisor_gives_a_client_to_another_adviser_with_a_reason() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc); // from the dashboard to every client
    open_alice(&mut d);
    d.key(KeyCode::Char('R'));
    let p = d
        .app
        .popup::<casenotes::tui::popups::reassign::ReassignPopup>()
        .expect("whom to");
    let at =
        p.to.iter()
            .position(|(n, _)| n == "adviser2")
            .expect("adviser2 listed");
    assert!(
        !p.to.iter().any(|(n, _)| n == "adviser1"),
        "not the one holding it"
    );
    for _ in 0..at {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Enter);
    assert!(d.app.popup::<PromptPopup>().is_some(), "asks why");
    d.type_str("adviser1 on long-term leave");
    d.key(KeyCode::Enter);
    assert!(screen(&d, 100, 24).contains("adviser: adviser2"));
    let trail = f.sign_in("supervisor").audit(Some(ALICE)).unwrap();
    let e = trail
        .iter()
        .rev()
        .find(|e| e.action == "client-reassigned")
        .expect("logged");
    assert_eq!(
        e.reason.as_deref().map(String::as_str),
        Some("adviser1 on long-term leave")
    );
    // Advisers do not reassign.
    let mut a = signed_in(&f);
    a.key(KeyCode::Char('/'));
    a.type_str("bob");
    a.key(KeyCode::Enter);
    a.key(KeyCode::Char('R'));
    assert!(
        a.app
            .popup::<casenotes::tui::popups::reassign::ReassignPopup>()
            .is_none()
    );
}

#[test]
fn a_supervisor_is_told_at_sign_in_which_clients_need_a_new_adviser() {
    let f = fixture();
    f.sign_in("admin")
        .disable_user("adviser1")
        .expect("disable");
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    let m = d.app.ui.message.as_ref().expect("told");
    assert!(
        m.text
            .contains("2 open clients need a new adviser: C-000001, C-000002"),
        "{}",
        m.text
    );
}

/// The screen with every `YYYY-MM-DD HH:MM` written as `<time>` (events carry the real clock).
fn timeless(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let is_time = i + 16 <= chars.len()
            && chars[i..i + 16].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == '-',
                10 => *c == ' ',
                13 => *c == ':',
                _ => c.is_ascii_digit(),
            });
        if is_time {
            out.push_str("<time>          ");
            i += 16;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn the_break_glass_queue_as_drawn() {
    let f = fixture();
    let a2 = f.sign_in("adviser2");
    a2.open_client(
        ALICE,
        Some("covering the duty desk"),
        casenotes::session::Reveal::Nothing,
    )
    .unwrap();
    a2.open_client(
        casenotes::domain::ClientRef(2),
        Some("client phoned the front desk"),
        casenotes::session::Reveal::Nothing,
    )
    .unwrap();
    drop(a2);
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc); // from the dashboard to every client
    d.key(KeyCode::Char('B'));
    insta::assert_snapshot!("glass_queue_80x24", timeless(&screen(&d, 80, 24)));
}
