//! The terminal app's state transitions, driven without a terminal: keys in, jobs run inline,
//! replies back — filtering, opening, break-the-glass, the reveal flow (reason required, audit
//! committed before text), lock (keys and revealed text dropped, draft sealed) and unlock.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::session::{SectionBody, SessionError};
use casenotes::tui::app::Options;
use casenotes::tui::jobs::{Answer, Reply};
use casenotes::tui::keymap::Mode;
use casenotes::tui::popups::confirm::{Confirm, ConfirmPopup};
use casenotes::tui::popups::help::HelpPopup;
use casenotes::tui::popups::reason::{ReasonFor, ReasonPopup};
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::client::ClientScreen;
use casenotes::tui::screens::editor::Editor;
use casenotes::tui::screens::lock::Locked;
use casenotes::tui::screens::sign_in::{Field, SignIn};
use common::driver::Driver;
use common::tui::{ALICE, find, open_alice, screen, selected, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseEvent, MouseEventKind};

/// adviser1 holds "Alice Ashworth" (C-000001) and "Bob Barraclough" (C-000002); adviser2 holds
/// "Carol Cartwright" (C-000003). Alice has a note with a masked health section.
fn fixture() -> Fixture {
    three_clients(vec![
        section(
            "Query / presenting issue",
            Sensitivity::Ordinary,
            "Rent arrears after a benefit sanction",
        ),
        section(
            "Health",
            health(),
            "HEALTH-SECRET depression, on sertraline",
        ),
    ])
}

fn sign_in_error(d: &Driver) -> Option<&str> {
    d.app
        .front::<SignIn>()
        .and_then(|s| s.error.as_ref())
        .map(|e| e.text.as_str())
}

fn client(d: &Driver) -> &ClientScreen {
    d.client().expect("a client on screen")
}

fn editor(d: &Driver) -> &Editor {
    d.editor().expect("a note being written")
}

#[test]
fn a_wrong_password_is_shown_plainly_and_nothing_opens() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", "not the right password");
    assert!(d.showing::<SignIn>());
    assert_eq!(sign_in_error(&d), Some("wrong username or password"));
    assert!(d.app.ui.session.is_none());
    assert!(
        d.app.front::<SignIn>().unwrap().password.is_empty(),
        "the typed password is wiped"
    );
}

#[test]
fn filtering_narrows_the_caseload_as_you_type() {
    let f = fixture();
    let mut d = signed_in(&f);
    assert_eq!(d.caseload().list(&d.app.ui).len(), 2, "own caseload only");
    d.key(KeyCode::Char('/'));
    d.type_str("bob");
    assert_eq!(d.caseload().matches().len(), 1);
    assert_eq!(selected(&d).unwrap().name, "Bob Barraclough");
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    assert_eq!(d.caseload().matches().len(), 2);
    d.type_str("C-000001");
    assert_eq!(selected(&d).unwrap().name, "Alice Ashworth");
    d.key(KeyCode::Esc);
    assert!(d.caseload().filter().is_empty() && !d.caseload().filtering);
}

#[test]
fn opening_a_client_shows_masked_sections_without_their_text() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    assert!(d.showing::<ClientScreen>());
    let cs = client(&d);
    assert_eq!(cs.view.summary.name, "Alice Ashworth");
    assert_eq!(cs.view.notes[0].sections[1].body, SectionBody::Masked);
    assert!(!visible_text(&cs.view).contains("HEALTH-SECRET"));
}

#[test]
fn reveal_needs_a_reason_and_is_logged_before_the_text_appears() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    // On an ordinary section, r reveals nothing.
    d.key(KeyCode::Char('r'));
    assert!(!d.app.has_popup());
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    assert!(d.app.popup::<ReasonPopup>().is_some());
    // Cancelling reveals nothing.
    d.key(KeyCode::Esc);
    assert!(!d.app.has_popup());
    d.key(KeyCode::Char('r'));
    // "Other": a typed reason too short is refused.
    for _ in 0..4 {
        d.key(KeyCode::Char('j'));
    }
    d.key(KeyCode::Enter);
    d.type_str("x");
    let jobs = d.jobs_for(KeyCode::Enter, KeyModifiers::NONE);
    assert!(jobs.is_empty(), "no reveal without a real reason");
    d.key(KeyCode::Backspace);
    d.type_str("supervision follow-up");
    // The reveal job is issued; until it has run, the text is absent.
    let jobs = d.jobs_for(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(jobs.len(), 1);
    assert!(!visible_text(&client(&d).view).contains("HEALTH-SECRET"));
    let reply = jobs.into_iter().next().unwrap().run();
    // The audit event is committed before the reply carrying the text is even handled.
    let events = f.sign_in("supervisor").audit(None).unwrap();
    let ev = events
        .iter()
        .find(|e| e.action == "section-revealed")
        .expect("logged");
    assert_eq!(
        ev.reason.as_deref().map(String::as_str),
        Some("supervision follow-up")
    );
    d.app.on_reply(reply, d.now);
    let body = &client(&d).view.notes[0].sections[1].body;
    assert_eq!(
        body,
        &SectionBody::Revealed("HEALTH-SECRET depression, on sertraline".into())
    );

    // It masks itself again after the policy's reveal time …
    d.tick(119);
    assert!(matches!(
        client(&d).view.notes[0].sections[1].body,
        SectionBody::Revealed(_)
    ));
    d.tick(2);
    assert_eq!(
        client(&d).view.notes[0].sections[1].body,
        SectionBody::Masked
    );
}

#[test]
fn leaving_the_note_masks_it_again() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Enter);
    assert!(visible_text(&client(&d).view).contains("HEALTH-SECRET"));
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>());
    assert!(d.client().is_none());
    d.key(KeyCode::Enter);
    assert_eq!(
        client(&d).view.notes[0].sections[1].body,
        SectionBody::Masked
    );
}

#[test]
fn another_advisers_client_needs_a_reason_and_is_flagged() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('a'));
    assert!(d.caseload().widened);
    assert_eq!(d.caseload().list(&d.app.ui).len(), 3);
    d.key(KeyCode::Char('/'));
    d.type_str("carol");
    d.key(KeyCode::Enter);
    assert!(d.app.popup::<ReasonPopup>().is_some(), "asks why first");
    assert!(d.showing::<Caseload>());
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Enter);
    assert!(d.showing::<ClientScreen>());
    assert!(client(&d).view.break_glass);
    let events = f.sign_in("supervisor").audit(None).unwrap();
    let glass = events.iter().find(|e| e.action == "break-glass").unwrap();
    assert!(glass.flagged);
    assert_eq!(
        glass.reason.as_deref().map(String::as_str),
        Some("safeguarding")
    );
}

#[test]
fn capture_saves_a_note_with_a_special_section_and_drops_empty_ones() {
    let f = fixture();
    let mut d = signed_in(&f);
    // Quick capture from the caseload.
    d.key(KeyCode::Char('c'));
    d.type_str("bob");
    d.key(KeyCode::Enter);
    assert!(d.showing::<Editor>());
    d.type_str("Wants help with a PIP form");
    d.ctrl('n');
    d.key(KeyCode::Enter); // Health, special:health
    d.type_str("Chronic back pain");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    d.ctrl('t');
    d.key(KeyCode::Char('j')); // confidential
    d.key(KeyCode::Enter);
    d.type_str("Owes 900 pounds to the council");
    d.ctrl('s');
    // Begun from quick capture on the caseload: back on the caseload.
    assert!(d.showing::<Caseload>());
    assert!(d.editor().is_none() && d.client().is_none());
    let a1 = f.sign_in("adviser1");
    let view = a1
        .open_client(
            casenotes::domain::ClientRef(2),
            None,
            casenotes::session::Reveal::All { reason: "check" },
        )
        .unwrap();
    let n = &view.notes[0];
    let labels: Vec<String> = n
        .sections
        .iter()
        .map(|s| format!("{} [{}]", s.heading, s.sensitivity))
        .collect();
    assert_eq!(
        labels,
        [
            "Query / presenting issue [ordinary]",
            "Situation and needs [confidential]",
            "Health [special:health]"
        ]
    );
    assert!(
        a1.draft().unwrap().is_none(),
        "the draft is gone once saved"
    );
}

#[test]
fn lock_clears_everything_and_keeps_the_draft_sealed() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('n'));
    d.type_str("DRAFT-TEXT half-written");
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    assert!(d.app.ui.session.is_none(), "keys dropped");
    assert!(d.client().is_none() && d.editor().is_none());
    assert!(d.app.find::<Caseload>().is_none() && d.app.ui.clients.mine.is_empty());
    assert!(d.app.clear_screen, "the terminal is wiped");
    // The draft is in the store, sealed: not in the file in plaintext.
    assert!(!file_contains(&f.path, b"DRAFT-TEXT"));
    assert!(f.sign_in("adviser1").draft().unwrap().is_some());
    // Unlock with the wrong password, then the right one: the draft is back in the editor.
    d.type_str("wrong password here");
    d.key(KeyCode::Enter);
    assert!(d.showing::<Locked>());
    assert!(d.app.front::<Locked>().unwrap().error.is_some());
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<Editor>());
    assert_eq!(editor(&d).sections[0].text(), "DRAFT-TEXT half-written");
}

#[test]
fn idle_time_locks_on_the_wall_clock_and_lock_after_only_shortens() {
    let f = fixture();
    let mut d = Driver::new(
        &f,
        Options {
            lock_after: Some(2),
            user: None,
            demo: None,
            key_file: None,
        },
    );
    d.sign_in("adviser1", ADVISER_PW);
    assert_eq!(d.app.ui.lock_after, 2);
    d.tick(1);
    assert!(d.showing::<Caseload>());
    d.tick(1);
    assert!(d.showing::<Locked>());

    let mut d = Driver::new(
        &f,
        Options {
            lock_after: Some(100_000),
            user: None,
            demo: None,
            key_file: None,
        },
    );
    d.sign_in("adviser1", ADVISER_PW);
    assert_eq!(d.app.ui.lock_after, 300, "cannot lengthen the policy");
    d.tick(299);
    assert!(d.showing::<Caseload>());
    // A key resets the idle time.
    d.key(KeyCode::Char('j'));
    d.tick(299);
    assert!(d.showing::<Caseload>());
    d.tick(1);
    assert!(d.showing::<Locked>());
}

#[test]
fn switch_user_keeps_the_first_advisers_draft_for_them_only() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("first adviser's note");
    d.ctrl('l');
    d.ctrl('u');
    assert!(d.showing::<SignIn>());
    d.sign_in("adviser2", OTHER_PW);
    assert!(d.showing::<Caseload>());
    assert!(!d.app.has_popup(), "no draft offered to the colleague");
    assert!(d.app.ui.pending_draft.is_none());
    d.ctrl('l');
    d.ctrl('u');
    d.sign_in("adviser1", ADVISER_PW);
    assert_eq!(
        d.app.popup::<ConfirmPopup>().map(|c| c.kind),
        Some(Confirm::ResumeDraft)
    );
    d.key(KeyCode::Char('1'));
    assert!(d.showing::<Editor>());
    assert_eq!(editor(&d).sections[0].text(), "first adviser's note");
}

#[test]
fn quitting_with_an_unsaved_note_asks_first() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("unsaved");
    d.ctrl('c');
    assert_eq!(
        d.app.popup::<ConfirmPopup>().map(|c| c.kind),
        Some(Confirm::QuitWithDraft)
    );
    assert!(!d.app.quit);
    d.key(KeyCode::Esc);
    assert!(!d.app.quit);
    d.ctrl('c');
    d.key(KeyCode::Char('1'));
    assert!(d.app.quit);
    assert!(
        f.sign_in("adviser1").draft().unwrap().is_some(),
        "kept as a draft"
    );
}

#[test]
fn drafts_are_kept_every_few_seconds() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("autosaved text");
    assert!(f.sign_in("adviser1").draft().unwrap().is_none());
    d.tick(6);
    let draft = f.sign_in("adviser1").draft().unwrap().expect("kept");
    assert_eq!(draft.sections[0].text, "autosaved text");
}

#[test]
fn a_huge_paste_is_refused_with_a_message() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("kept");
    let huge = "y".repeat(200 * 1024);
    d.paste(&huge);
    assert!(d.app.ui.message.as_ref().unwrap().error);
    assert_eq!(editor(&d).sections[0].text(), "kept");
}

#[test]
fn the_user_given_on_the_command_line_is_filled_in() {
    let f = fixture();
    let mut d = Driver::new(
        &f,
        Options {
            lock_after: None,
            user: Some("adviser1".into()),
            demo: None,
            key_file: None,
        },
    );
    let form = d.app.front::<SignIn>().unwrap();
    assert_eq!(form.username, "adviser1");
    assert_eq!(form.focus, Field::Password);
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<Caseload>());
}

#[test]
fn moving_to_another_note_masks_the_one_left() {
    let f = fixture();
    let a1 = f.sign_in("adviser1");
    note_at(
        &a1,
        ALICE,
        1_770_000_000,
        vec![section(
            "Query / presenting issue",
            Sensitivity::Ordinary,
            "an older visit",
        )],
    );
    drop(a1);
    let mut d = signed_in(&f);
    open_alice(&mut d);
    // The newest note first: its second section is the masked one.
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Enter);
    let body = |d: &Driver| client(d).view.notes[0].sections[1].body.clone();
    assert!(matches!(body(&d), SectionBody::Revealed(_)));
    // Moving within the note keeps it; moving to the older note masks it again.
    d.key(KeyCode::Char('k'));
    assert!(matches!(body(&d), SectionBody::Revealed(_)));
    d.key(KeyCode::PageDown);
    assert_eq!(body(&d), SectionBody::Masked);
}

#[test]
fn a_lock_while_a_save_is_in_flight_leaves_no_duplicate_draft() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("saved just before the lock");
    let client = editor(&d).client;
    // Ctrl-S hands the save to the worker, which finishes it; the screen locks before the
    // reply reaches the UI.
    let jobs = d.jobs_for(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(jobs.len(), 1);
    let replies: Vec<_> = jobs.into_iter().map(|j| j.run()).collect();
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    for reply in replies {
        d.app.on_reply(reply, d.now);
    }
    let a1 = f.sign_in("adviser1");
    assert!(
        a1.draft().unwrap().is_none(),
        "the saved note must not come back as a draft"
    );
    let view = a1
        .open_client(client, None, casenotes::session::Reveal::Nothing)
        .unwrap();
    assert!(visible_text(&view).contains("saved just before the lock"));
}

/// The lock screen is in front and nothing read about a client is left in the app's state.
fn assert_locked_with_nothing_left(d: &Driver, case: &str) {
    assert!(d.showing::<Locked>(), "{case}: the lock screen stays");
    assert!(d.app.ui.session.is_none(), "{case}: no session");
    assert!(
        d.client().is_none() && d.editor().is_none() && d.app.find::<Caseload>().is_none(),
        "{case}: no client, note or list screen"
    );
    assert!(!d.app.has_popup(), "{case}: no popup");
    let clients = &d.app.ui.clients;
    assert!(
        clients.mine.is_empty() && clients.everyone.is_none(),
        "{case}: no client list"
    );
    assert!(d.app.ui.pending_draft.is_none(), "{case}: no draft");
    assert!(d.app.ui.busy.is_none(), "{case}: nothing under way");
    let shown = screen(d, 100, 24);
    for text in ["Alice", "Bob", "Carol", "C-0000", "HEALTH-SECRET", "LATE-"] {
        assert!(!shown.contains(text), "{case}: {text} on the lock screen");
    }
}

#[test]
fn a_reply_that_arrives_after_the_lock_is_dropped() {
    type Start = fn(&mut Driver) -> Vec<casenotes::tui::jobs::Job>;
    let none = KeyModifiers::NONE;
    // Each case starts a job of one kind and hands it back unrun; the screen then locks before
    // the job's reply is delivered.
    let cases: [(&str, Start); 7] = [
        ("opened", |d| {
            d.key(KeyCode::Char('/'));
            d.type_str("alice");
            d.jobs_for(KeyCode::Enter, KeyModifiers::NONE)
        }),
        ("revealed", |d| {
            open_alice(d);
            d.key(KeyCode::Char('j'));
            d.key(KeyCode::Char('r'));
            d.jobs_for(KeyCode::Enter, KeyModifiers::NONE)
        }),
        ("saved", |d| {
            d.key(KeyCode::Char('n'));
            d.type_str("LATE-SAVE the client phoned back");
            d.jobs_for(KeyCode::Char('s'), KeyModifiers::CONTROL)
        }),
        ("listed", |d| {
            d.jobs_for(KeyCode::Char('a'), KeyModifiers::NONE)
        }),
        ("draft saved", |d| {
            d.key(KeyCode::Char('n'));
            d.type_str("LATE-DRAFT half a thought");
            d.tick_jobs(6)
        }),
        ("draft discarded", |d| {
            d.key(KeyCode::Char('n'));
            d.jobs_for(KeyCode::Esc, KeyModifiers::NONE)
        }),
        ("signed in", |d| {
            // adviser1 starts unlocking, then walks away: a colleague switches user, signs in
            // and locks again before adviser1's unlock answers.
            d.ctrl('l');
            d.type_str(ADVISER_PW);
            let jobs = d.jobs_for(KeyCode::Enter, KeyModifiers::NONE);
            d.ctrl('u');
            d.sign_in("adviser2", OTHER_PW);
            assert!(d.showing::<Caseload>());
            jobs
        }),
    ];
    for (case, start) in cases {
        let f = fixture();
        let mut d = signed_in(&f);
        let jobs = start(&mut d);
        assert!(!jobs.is_empty(), "{case}: a job is under way");
        let replies: Vec<_> = jobs.into_iter().map(|j| j.run()).collect();
        d.ctrl('l');
        for reply in replies {
            let more = d.app.on_reply(reply, d.now);
            assert!(
                more.is_empty(),
                "{case}: nothing follows from a dropped reply"
            );
        }
        assert_locked_with_nothing_left(&d, case);

        let a1 = f.sign_in("adviser1");
        match case {
            // A save that completes after the lock is a completed save: the note is kept and
            // its draft is gone, only the screens it would have led to are not shown.
            "saved" => {
                let saved = [ALICE, casenotes::domain::ClientRef(2)].iter().any(|r| {
                    let view = a1
                        .open_client(*r, None, casenotes::session::Reveal::Nothing)
                        .unwrap();
                    visible_text(&view).contains("LATE-SAVE")
                });
                assert!(saved, "the note is saved");
                assert!(a1.draft().unwrap().is_none(), "and its draft is gone");
            }
            "draft saved" => {
                let draft = a1.draft().unwrap().expect("the draft is kept");
                assert_eq!(draft.sections[0].text, "LATE-DRAFT half a thought");
            }
            _ => {}
        }

        // The app carries on: unlocking works (as whoever is shown on the lock screen).
        let user = d.app.ui.who.as_ref().unwrap().name.clone();
        d.type_str(if user == "adviser1" {
            ADVISER_PW
        } else {
            OTHER_PW
        });
        d.key_mod(KeyCode::Enter, none);
        assert!(
            d.showing::<Caseload>() || d.showing::<Editor>() || d.showing::<ClientScreen>(),
            "{case}: unlocked"
        );
        if let Some(cs) = d.client() {
            assert!(
                !visible_text(&cs.view).contains("HEALTH-SECRET"),
                "{case}: masked again"
            );
        }
    }
}

#[test]
fn a_reply_in_time_still_counts() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('/'));
    d.type_str("alice");
    let jobs = d.jobs_for(KeyCode::Enter, KeyModifiers::NONE);
    // Time passes without a lock: the reply is for this session.
    d.tick(10);
    d.run(jobs);
    assert!(d.showing::<ClientScreen>());
}

#[test]
fn a_supervisors_list_is_every_client_because_the_session_says_so() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    assert!(d.app.ui.who.as_ref().unwrap().every_client_first);
    // A supervisor lands on the dashboard, over every client.
    assert!(d.showing::<casenotes::tui::screens::dashboard::DashboardScreen>());
    d.key(KeyCode::Esc);
    assert_eq!(d.caseload().list(&d.app.ui).len(), 3);
    assert!(screen(&d, 100, 20).contains("All clients (3)"));
    // Opening any of them asks no reason: none is outside a supervisor's list.
    d.key(KeyCode::Enter);
    assert!(d.showing::<ClientScreen>());
}

#[test]
fn a_reference_typed_finds_that_client_first_and_short_queries_match_as_typed() {
    let f = fixture();
    let a1 = f.sign_in("adviser1");
    // C-000004 … C-000040: C-000031 is listed (newest first) before C-000003.
    for i in 4..=40 {
        common::client(&a1, &format!("Client Number{i}"));
    }
    drop(a1);
    let mut d = signed_in(&f);
    // C-000003 is adviser2's: every client is listed.
    d.key(KeyCode::Char('a'));
    d.key(KeyCode::Char('/'));
    for query in ["0003", "c-0003", "C-000003"] {
        d.type_str(query);
        let refs: Vec<String> = d
            .caseload()
            .matches()
            .iter()
            .map(|i| {
                d.caseload().list(&d.app.ui)[*i as usize]
                    .reference
                    .to_string()
            })
            .collect();
        assert_eq!(refs[0], "C-000003", "{query}: {refs:?}");
        assert!(refs.contains(&"C-000031".to_string()), "{query}: {refs:?}");
        for _ in query.chars() {
            d.key(KeyCode::Backspace);
        }
    }
    // Two letters match only where they stand together: "bh" is in no name (though b … h is in
    // "Bob Barraclough").
    d.type_str("bh");
    assert!(d.caseload().matches().is_empty());
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.type_str("ba");
    assert_eq!(selected(&d).unwrap().name, "Bob Barraclough");
}

// ----- help, keys and the mouse -----

/// The help overlay on top, about `mode`; closed again with Esc.
fn help_about(d: &mut Driver, key: KeyCode, mode: Mode) {
    d.key(key);
    let shown = d.app.popup::<HelpPopup>().map(|h| h.about);
    assert_eq!(shown, Some(mode), "help for {mode:?} after {key:?}");
    d.key(KeyCode::Esc);
    assert!(d.app.popup::<HelpPopup>().is_none(), "Esc closes help");
    assert_eq!(d.app.mode(), mode, "back where help was asked for");
}

#[test]
fn help_opens_on_every_screen_and_popup() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    help_about(&mut d, KeyCode::F(1), Mode::SignIn);
    d.sign_in("adviser1", ADVISER_PW);
    help_about(&mut d, KeyCode::Char('?'), Mode::Caseload);
    help_about(&mut d, KeyCode::F(1), Mode::Caseload);
    d.key(KeyCode::Char('/'));
    help_about(&mut d, KeyCode::F(1), Mode::Filter);
    // `?` is typed into the filter.
    d.key(KeyCode::Char('?'));
    assert_eq!(d.caseload().filter(), "?");
    d.key(KeyCode::Esc);
    open_alice(&mut d);
    help_about(&mut d, KeyCode::Char('?'), Mode::Client);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    help_about(&mut d, KeyCode::Char('?'), Mode::Reason);
    d.key(KeyCode::Char('G'));
    d.key(KeyCode::Enter);
    help_about(&mut d, KeyCode::F(1), Mode::ReasonText);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('c'));
    help_about(&mut d, KeyCode::F(1), Mode::Picker);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('n'));
    help_about(&mut d, KeyCode::F(1), Mode::Editor);
    d.key(KeyCode::Char('?'));
    assert_eq!(
        editor(&d).sections[0].text(),
        "?",
        "? is text in the editor"
    );
    d.ctrl('t');
    help_about(&mut d, KeyCode::Char('?'), Mode::Label);
    d.key(KeyCode::Esc);
    d.ctrl('n');
    help_about(&mut d, KeyCode::Char('?'), Mode::AddSection);
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    help_about(&mut d, KeyCode::Char('?'), Mode::Confirm);
    d.key(KeyCode::Esc);
    d.ctrl('l');
    help_about(&mut d, KeyCode::F(1), Mode::Locked);
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('x'));
    let m = d.app.ui.message.clone().expect("a message");
    assert!(m.text.contains("x does nothing here"), "{m:?}");
    // The help hint stays on the status line beside it, even at 80 columns.
    let shown = screen(&d, 80, 24);
    let status = shown.lines().last().unwrap();
    assert!(
        status.contains("x does nothing") && status.contains("? help"),
        "{status}"
    );
}

#[test]
fn switch_user_locks_first_from_any_signed_in_screen() {
    let f = fixture();
    type Go = fn(&mut Driver);
    let places: [(&str, Go); 5] = [
        ("caseload", |_| {}),
        ("filter", |d| {
            d.key(KeyCode::Char('/'));
            d.type_str("ali");
        }),
        ("client", open_alice),
        ("reason", |d| {
            open_alice(d);
            d.key(KeyCode::Char('j'));
            d.key(KeyCode::Char('r'));
        }),
        ("editor", |d| {
            d.key(KeyCode::Char('n'));
            d.type_str("SWITCH-DRAFT kept for later");
        }),
    ];
    for (place, go) in places {
        let mut d = signed_in(&f);
        go(&mut d);
        d.ctrl('u');
        assert!(d.showing::<SignIn>(), "{place}: the sign-in screen");
        assert!(d.app.ui.session.is_none(), "{place}: keys dropped");
        assert!(d.app.ui.who.is_none() && !d.app.has_popup(), "{place}");
        assert!(
            d.client().is_none() && d.editor().is_none(),
            "{place}: nothing left"
        );
        assert!(d.app.clear_screen, "{place}: the terminal is wiped");
        let sign_in = d.app.front::<SignIn>().unwrap();
        assert!(sign_in.username.is_empty(), "{place}: nobody filled in");
        if place == "editor" {
            let draft = f.sign_in("adviser1").draft().unwrap().expect("kept");
            assert_eq!(draft.sections[0].text, "SWITCH-DRAFT kept for later");
            f.sign_in("adviser1").discard_draft(draft.client).unwrap();
        }
    }
}

#[test]
fn the_filter_lets_go_of_the_keys_once_a_client_opens_and_rows_jump_to_the_ends() {
    let f = fixture();
    let a1 = f.sign_in("adviser1");
    for i in 4..=30 {
        common::client(&a1, &format!("Person Number{i}"));
    }
    drop(a1);
    let mut d = signed_in(&f);
    let len = d.caseload().matches().len();
    assert_eq!(len, 29);
    d.key(KeyCode::Char('G'));
    assert_eq!(d.caseload().selected, len - 1);
    d.key(KeyCode::Char('g'));
    assert_eq!(d.caseload().selected, 0);
    d.key(KeyCode::End);
    assert_eq!(d.caseload().selected, len - 1);
    d.key(KeyCode::Home);
    assert_eq!(d.caseload().selected, 0);
    // Typing a filter, g and G are text; End and Home still move.
    d.key(KeyCode::Char('/'));
    d.type_str("per");
    assert_eq!(d.caseload().filter(), "per");
    d.key(KeyCode::End);
    assert_eq!(d.caseload().selected, d.caseload().matches().len() - 1);
    d.key(KeyCode::Home);
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.type_str("alice");
    d.key(KeyCode::Enter);
    assert!(d.showing::<ClientScreen>());
    // Back on the caseload, keys are keys again: j moves, and is not typed.
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>());
    assert!(!d.caseload().filtering, "typing mode left on opening");
    assert_eq!(
        d.caseload().filter(),
        "alice",
        "the filter stays until cleared"
    );
    d.key(KeyCode::Char('j'));
    assert_eq!(d.caseload().filter(), "alice");
    // Esc clears it; the client stays under the cursor.
    d.key(KeyCode::Esc);
    assert!(d.caseload().filter().is_empty());
    assert_eq!(selected(&d).unwrap().name, "Alice Ashworth");
}

#[test]
fn the_reveal_prompt_refuses_an_empty_or_short_reason_with_a_message_in_it() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    let rule = casenotes::domain::validate_reason("").unwrap_err();
    let popup = d.app.popup::<ReasonPopup>().expect("asked why");
    match &popup.purpose {
        ReasonFor::Reveal { heading, label, .. } => {
            assert_eq!(heading, "Health");
            assert_eq!(*label, health());
        }
        other => panic!("{other:?}"),
    }
    // "other", then Enter with nothing typed, then with too little.
    d.key(KeyCode::Char('G'));
    d.key(KeyCode::Enter);
    // Typing, the prompt states the validator's rule in its own words.
    assert!(screen(&d, 100, 30).contains(&rule), "the rule is stated");
    for typed in ["", "x"] {
        d.type_str(typed);
        let jobs = d.jobs_for(KeyCode::Enter, KeyModifiers::NONE);
        assert!(jobs.is_empty(), "{typed:?}: nothing revealed");
        let popup = d.app.popup::<ReasonPopup>().expect("still asking");
        let error = popup.error.clone().expect("a message");
        assert_eq!(
            Some(error.clone()),
            casenotes::domain::validate_reason(typed).err(),
            "{typed:?}: the validator's own message"
        );
        assert!(
            screen(&d, 100, 30).contains("Not accepted"),
            "{typed:?}: shown"
        );
    }
    d.type_str("yz follow-up call");
    d.key(KeyCode::Enter);
    assert!(!d.app.has_popup());
    assert!(visible_text(&client(&d).view).contains("HEALTH-SECRET"));
}

#[test]
fn the_lock_screen_says_wrong_password_and_a_wait_counts_down() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.ctrl('l');
    d.type_str("not my password at all");
    d.key(KeyCode::Enter);
    let lock = d.app.front::<Locked>().unwrap();
    let text = lock.error.as_ref().unwrap().shown(d.now);
    assert_eq!(text, "wrong password", "no username is asked for here");

    // The session asks for a wait: it counts down on screen, a second at a time.
    let reply = Reply {
        generation: d.app.generation(),
        answer: Answer::SignedIn(Err(SessionError::RateLimited(30))),
    };
    d.app.on_reply(reply, d.now);
    let wait = |d: &Driver| {
        let shown = screen(d, 80, 24).replace('│', " ");
        let words: Vec<&str> = shown.split_whitespace().collect();
        words
            .windows(3)
            .find(|w| w[0] == "wait" && w[2] == "s")
            .map(|w| w[1].to_string())
    };
    assert_eq!(wait(&d).as_deref(), Some("30"));
    d.now += std::time::Duration::from_secs(1);
    assert_eq!(wait(&d).as_deref(), Some("29"));
    d.now += std::time::Duration::from_secs(12);
    assert_eq!(wait(&d).as_deref(), Some("17"));
    // The whole message is on screen, wrapped, not cut off.
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("before trying again"), "{shown}");
    d.now += std::time::Duration::from_secs(20);
    assert!(screen(&d, 80, 24).contains("you can try again now"));
}

#[test]
fn the_mouse_selects_rows_and_the_wheel_scrolls() {
    let f = fixture();
    let size = (100, 30);
    let mut d = signed_in(&f);
    // The caseload: click a client's row.
    let (col, row) = find(&d, 100, 30, "Alice Ashworth").expect("listed");
    assert_ne!(selected(&d).unwrap().name, "Alice Ashworth");
    d.click(col, row, size);
    assert_eq!(selected(&d).unwrap().name, "Alice Ashworth");
    d.wheel(false, size);
    assert_eq!(d.caseload().selected, 0);
    d.wheel(true, size);
    assert_eq!(d.caseload().selected, 1);
    // A click outside the rows changes nothing.
    d.click(0, 0, size);
    assert_eq!(d.caseload().selected, 1);
    // The client: click a section.
    d.key(KeyCode::Enter);
    assert!(d.showing::<ClientScreen>());
    let (col, row) = find(&d, 100, 30, "Health").expect("drawn");
    d.click(col, row, size);
    assert_eq!(client(&d).selected, 1);
    d.wheel(false, size);
    assert_eq!(client(&d).selected, 0);
    // A popup's list: click a reason.
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    let (col, row) = find(&d, 100, 30, "supervision").expect("offered");
    d.click(col, row, size);
    assert_eq!(d.app.popup::<ReasonPopup>().unwrap().choice, 2);
    d.wheel(true, size);
    assert_eq!(d.app.popup::<ReasonPopup>().unwrap().choice, 4);
    d.key(KeyCode::Esc);
    // The label list in the editor.
    d.key(KeyCode::Char('n'));
    d.ctrl('t');
    let (col, row) = find(&d, 100, 30, "special:health").expect("offered");
    d.click(col, row, size);
    d.key(KeyCode::Enter);
    assert_eq!(editor(&d).sections[0].sensitivity, health());
    // The editor: click another section to write in it.
    let (col, row) = find(&d, 100, 30, "Outcome").expect("drawn");
    d.click(col, row + 1, size);
    assert_eq!(editor(&d).focus, 6);
    // Moving the mouse is not activity, and does nothing.
    let before = d.app.ui.last_activity;
    d.now += std::time::Duration::from_secs(5);
    let jobs = d.app.on_mouse(
        MouseEvent {
            kind: MouseEventKind::Moved,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        },
        ratatui::layout::Rect::new(0, 0, 100, 30),
        d.now,
    );
    assert!(jobs.is_empty());
    assert_eq!(d.app.ui.last_activity, before);
}

// ----- where you land -----

#[test]
fn after_saving_you_are_back_where_the_note_was_begun() {
    let f = fixture();
    let mut d = signed_in(&f);
    // Begun on the client's screen: back there, with the new note shown.
    open_alice(&mut d);
    d.key(KeyCode::Char('n'));
    d.type_str("LANDING-ONE the client phoned");
    d.ctrl('s');
    assert!(d.showing::<ClientScreen>());
    assert!(visible_text(&client(&d).view).contains("LANDING-ONE"));
    // Quick capture from the client's screen: the caseload, where quick capture leaves to.
    d.key(KeyCode::Char('c'));
    d.type_str("bob");
    d.key(KeyCode::Enter);
    d.type_str("LANDING-TWO");
    d.ctrl('s');
    assert!(d.showing::<Caseload>());
    assert!(d.client().is_none());
}

#[test]
fn a_reopening_that_answers_after_the_person_has_moved_on_does_not_pull_them_back() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('n'));
    d.type_str("RACE saved, then straight back to the list");
    let save = d.jobs_for(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let reply = save.into_iter().next().unwrap().run();
    // The save's answer asks for the list and the client again; they are slow to answer.
    let follow = d.app.on_reply(reply, d.now);
    assert!(!follow.is_empty());
    assert!(d.showing::<ClientScreen>());
    d.key(KeyCode::Esc);
    assert!(d.showing::<Caseload>());
    d.run(follow);
    assert!(d.showing::<Caseload>(), "not pulled back into the client");
    assert!(d.client().is_none());
}

#[test]
fn unlocking_goes_back_to_the_client_with_its_sections_masked_and_the_opening_logged() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Enter);
    assert!(visible_text(&client(&d).view).contains("HEALTH-SECRET"));
    let viewed = |f: &Fixture| {
        f.sign_in("supervisor")
            .audit(None)
            .unwrap()
            .iter()
            .filter(|e| e.action == "notes-viewed")
            .count()
    };
    let before = viewed(&f);
    d.tick(30);
    assert!(d.showing::<ClientScreen>());
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<ClientScreen>(), "back on the client");
    let cs = client(&d);
    assert_eq!(cs.view.summary.name, "Alice Ashworth");
    assert_eq!(cs.selected, 1, "the same section selected");
    assert_eq!(cs.view.notes[0].sections[1].body, SectionBody::Masked);
    assert!(!screen(&d, 100, 30).contains("HEALTH-SECRET"));
    assert_eq!(
        viewed(&f),
        before + 1,
        "reopened through the session, logged"
    );
    // Esc goes back to the caseload, with the client still under the cursor.
    d.key(KeyCode::Esc);
    assert_eq!(selected(&d).unwrap().name, "Alice Ashworth");
}

#[test]
fn unlocking_in_the_middle_of_a_note_brings_back_the_note_over_its_client() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.key(KeyCode::Char('n'));
    d.type_str("HALF-WRITTEN when the screen locked");
    d.tick(u64::from(d.app.ui.lock_after));
    assert!(d.showing::<Locked>());
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<Editor>());
    assert_eq!(
        editor(&d).sections[0].text(),
        "HALF-WRITTEN when the screen locked"
    );
    // Under it, the client; saving lands there.
    assert!(d.client().is_some());
    d.ctrl('s');
    assert!(d.showing::<ClientScreen>());
    assert!(visible_text(&client(&d).view).contains("HALF-WRITTEN"));
}

#[test]
fn unlocking_on_a_client_outside_the_caseload_asks_the_reason_again() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('a'));
    d.key(KeyCode::Char('/'));
    d.type_str("carol");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    assert!(client(&d).view.break_glass);
    d.ctrl('l');
    d.type_str(ADVISER_PW);
    d.key(KeyCode::Enter);
    // The reason given before is gone with the lock: asked again (and logged again).
    let popup = d.app.popup::<ReasonPopup>().expect("asked why again");
    assert!(matches!(
        popup.purpose,
        ReasonFor::BreakGlass { client, .. } if client == casenotes::domain::ClientRef(3)
    ));
    d.key(KeyCode::Enter);
    assert_eq!(client(&d).view.summary.name, "Carol Cartwright");
    assert!(
        d.caseload().widened,
        "every client listed again, as before the lock"
    );
}

#[test]
fn an_account_waiting_for_confirmation_signs_in_to_an_empty_caseload_that_says_why() {
    let f = fixture();
    f.sign_in("admin")
        .add_user("newbie", casenotes::domain::Role::Adviser, &pw(ADVISER_PW))
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("newbie", ADVISER_PW);
    assert!(d.showing::<Caseload>(), "signed in");
    assert!(d.app.ui.clients.mine.is_empty());
    let m = d.app.ui.message.as_ref().expect("a notice");
    assert!(
        m.text.contains("waiting for a supervisor to confirm"),
        "{}",
        m.text
    );
    // The supervisor is told at sign-in who waits.
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    let m = d.app.ui.message.as_ref().expect("a notice");
    assert!(m.text.contains("newbie"), "{}", m.text);
}

#[test]
fn stored_text_is_shown_never_obeyed() {
    use casenotes::domain::{Channel, Section};
    use casenotes::session::NewNote;
    let f = fixture();
    let a1 = f.sign_in("adviser1");
    let r = common::client(&a1, "Plain Name");
    // Note text is taken as typed (it is multi-line): it may hold anything.
    a1.add_note(
        r,
        NewNote {
            channel: Channel::Phone,
            contact_at: None,
            sections: vec![Section {
                heading: "Query".into(),
                sensitivity: Sensitivity::Ordinary,
                text: "asked\r\u{1b}[2K about \u{202e}rent\u{1b}]0;pwned\u{7}".into(),
            }],
        },
        None,
    )
    .unwrap();
    drop(a1);
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    d.type_str("/Plain");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    let shown = screen(&d, 100, 30);
    assert!(shown.contains("\\u{202e}rent"), "{shown}");
    assert!(shown.contains("\\u{1b}]0;pwned"), "{shown}");
    assert!(!shown.contains('\u{202e}') && !shown.contains('\u{1b}'));
}

#[test]
fn a_note_added_elsewhere_shows_in_the_open_app() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    let before = d
        .app
        .ui
        .clients
        .mine
        .iter()
        .find(|c| c.name == "Bob Barraclough")
        .expect("Bob")
        .note_count;
    d.tick(3); // the app learns the store's version
    // Another terminal (here: another session on the same file) adds a note for Bob.
    let other = f.sign_in("adviser1");
    let bob = other
        .caseload()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Bob Barraclough")
        .unwrap()
        .reference;
    note(
        &other,
        bob,
        vec![section(
            "Query",
            Sensitivity::Ordinary,
            "phoned from the other office",
        )],
    );
    drop(other);
    d.tick(3);
    let after = d
        .app
        .ui
        .clients
        .mine
        .iter()
        .find(|c| c.name == "Bob Barraclough")
        .unwrap()
        .note_count;
    assert_eq!(after, before + 1, "the list was read again by itself");
    // And Ctrl-R reads it again on demand.
    d.ctrl('r');
    assert!(d.showing::<Caseload>());
}

#[test]
fn a_supervisor_confirms_a_waiting_account_from_the_app() {
    use casenotes::tui::popups::waiting::WaitingPopup;
    let f = fixture();
    f.sign_in("admin")
        .add_user("newbie", casenotes::domain::Role::Adviser, &pw(ADVISER_PW))
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    // From the dashboard to every client, where the queue is.
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('U'));
    let queue = d.app.popup::<WaitingPopup>().expect("the queue");
    assert_eq!(queue.waiting.len(), 1);
    assert_eq!(queue.waiting[0].0, "newbie");
    d.key(KeyCode::Enter);
    assert!(d.app.popup::<WaitingPopup>().is_none());
    let m = d.app.ui.message.as_ref().expect("said");
    assert!(m.text.starts_with("confirmed newbie"), "{}", m.text);
    // Nobody waits any more: the account holds the case keys.
    assert!(
        f.sign_in("supervisor")
            .awaiting_confirmation()
            .unwrap()
            .is_empty()
    );
    // An adviser has no queue.
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser1", ADVISER_PW);
    d.key(KeyCode::Char('U'));
    assert!(d.app.popup::<WaitingPopup>().is_none());
}

#[test]
fn a_lock_time_longer_than_the_policy_is_capped_and_said() {
    let f = fixture();
    let mut d = Driver::new(
        &f,
        Options {
            lock_after: Some(100_000),
            ..Options::default()
        },
    );
    d.sign_in("adviser1", ADVISER_PW);
    let m = d.app.ui.message.as_ref().expect("said");
    assert!(
        m.text.contains("--lock-after 100000 is longer"),
        "{}",
        m.text
    );
    assert!(d.app.ui.lock_after < 100_000);
}
