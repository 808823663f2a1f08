//! Access rules: caseloads, break-the-glass, what administrators and advisers may not read, and
//! invariant 2 (no masked text reaches a face without a committed audit event). Every test runs
//! on both backends.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::session::{Reveal, SectionBody, SessionError};
use common::*;

fn another_advisers_client_needs_a_reason_which_is_logged_and_flagged(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "benefits question")],
    );
    drop(a1);

    let a2 = f.sign_in("adviser2");
    assert!(
        a2.clients(false).unwrap().is_empty(),
        "not on adviser2's caseload"
    );
    let e = a2.open_client(r, None, Reveal::Nothing).unwrap_err();
    assert!(matches!(e, SessionError::NotOnCaseload(_)), "{e}");
    let e = a2.open_client(r, Some(" "), Reveal::Nothing).unwrap_err();
    assert!(
        matches!(e, SessionError::Invalid(_)),
        "an empty reason is no reason: {e}"
    );
    let view = a2
        .open_client(r, Some("covering for adviser1 today"), Reveal::Nothing)
        .unwrap();
    assert!(view.break_glass);
    drop(a2);

    let sup = f.sign_in("supervisor");
    let events = sup.audit(Some(r)).unwrap();
    let glass = events
        .iter()
        .find(|e| e.action == "break-glass")
        .expect("break-glass logged");
    assert!(glass.flagged);
    assert_eq!(glass.actor, "adviser2");
    assert_eq!(
        glass.reason.as_deref().map(String::as_str),
        Some("covering for adviser1 today")
    );
    // Supervisors see every client without breaking the glass.
    assert!(
        !sup.open_client(r, None, Reveal::Nothing)
            .unwrap()
            .break_glass
    );
    assert_eq!(sup.clients(true).unwrap().len(), 1);
}

fn administrators_cannot_read_client_names_or_notes(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "benefits question")],
    );
    drop(a1);
    let admin = f.sign_in("admin");
    assert!(matches!(
        admin.clients(false),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.clients(true),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.open_client(r, Some("just looking"), Reveal::Nothing),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.add_client(casenotes::session::NewClient {
            name: "x".into(),
            date_of_birth: None,
            contact: None,
            adviser: None
        }),
        Err(SessionError::Forbidden(_))
    ));
    // The audit trail, which they may read, carries no client names and no reasons.
    let events = admin.audit(None).unwrap();
    assert!(events.iter().all(|e| e.reason.is_none()));
    let text = format!("{events:?}");
    assert!(!text.contains("Pat Example"));
}

fn advisers_cannot_read_the_audit_trail_or_manage_users(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    assert!(matches!(a1.audit(None), Err(SessionError::Forbidden(_))));
    assert!(matches!(a1.verify_audit(), Err(SessionError::Forbidden(_))));
    assert!(matches!(a1.users(), Err(SessionError::Forbidden(_))));
    assert!(matches!(
        a1.add_user("x", casenotes::domain::Role::Admin, &pw(ADMIN_PW)),
        Err(SessionError::Forbidden(_))
    ));
    // A widened search lists every client's name and reference, and is logged.
    client(&f.sign_in("adviser2"), "Someone Else");
    assert_eq!(a1.clients(false).unwrap().len(), 0);
    assert_eq!(a1.clients(true).unwrap().len(), 1);
    drop(a1);
    let events = f.sign_in("supervisor").audit(None).unwrap();
    let listed = events
        .iter()
        .find(|e| e.action == "clients-listed")
        .expect("logged");
    assert_eq!(listed.actor, "adviser1");
}

fn masked_text_is_absent_until_revealed_and_every_reveal_is_logged_first(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    let n = note(
        &a1,
        r,
        vec![
            section("Query", Sensitivity::Ordinary, "housing question"),
            section("Health", health(), "MASKED-HEALTH-TEXT"),
            section("Finances", Sensitivity::Confidential, "MASKED-MONEY-TEXT"),
        ],
    );
    let view = a1.open_client(r, None, Reveal::Nothing).unwrap();
    let dump = visible_text(&view);
    assert!(!dump.contains("MASKED-HEALTH-TEXT") && !dump.contains("MASKED-MONEY-TEXT"));
    assert!(view.details.is_none(), "contact details are masked too");
    let bodies: Vec<_> = view.notes[0]
        .sections
        .iter()
        .map(|s| s.body.clone())
        .collect();
    assert_eq!(
        bodies,
        vec![
            SectionBody::Shown("housing question".into()),
            SectionBody::Masked,
            SectionBody::Masked
        ]
    );

    // A reveal needs a reason.
    assert!(a1.open_client(r, None, Reveal::All { reason: "" }).is_err());

    // Reveal one section: only that one comes back, and its event is already committed.
    let view = a1
        .open_client(
            r,
            None,
            Reveal::Section {
                note: n,
                index: 1,
                reason: "direct support",
            },
        )
        .unwrap();
    assert_eq!(
        view.notes[0].sections[1].body,
        SectionBody::Revealed("MASKED-HEALTH-TEXT".into())
    );
    assert_eq!(view.notes[0].sections[2].body, SectionBody::Masked);
    drop(a1);
    let sup = f.sign_in("supervisor");
    let reveals: Vec<_> = sup
        .audit(Some(r))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "section-revealed")
        .collect();
    assert_eq!(reveals.len(), 1);
    assert_eq!(
        reveals[0].reason.as_deref().map(String::as_str),
        Some("direct support")
    );
    assert!(reveals[0].detail.contains("[special:health]"));
}

fn advisers_add_clients_to_their_own_caseload_and_supervisors_assign(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let e = a1
        .add_client(casenotes::session::NewClient {
            name: "Lee".into(),
            date_of_birth: None,
            contact: None,
            adviser: Some("adviser2".into()),
        })
        .unwrap_err();
    assert!(matches!(e, SessionError::Forbidden(_)));
    drop(a1);
    let sup = f.sign_in("supervisor");
    let r = sup
        .add_client(casenotes::session::NewClient {
            name: "Lee".into(),
            date_of_birth: None,
            contact: None,
            adviser: Some("adviser2".into()),
        })
        .unwrap();
    drop(sup);
    let a2 = f.sign_in("adviser2");
    assert_eq!(a2.clients(false).unwrap()[0].reference, r);
}

fn debug_output_of_views_never_shows_case_content(b: Backend) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Debugname");
    note(
        &a1,
        r,
        vec![section("Health", health(), "DEBUG-SECRET text")],
    );
    let view = a1
        .open_client(
            r,
            None,
            Reveal::All {
                reason: "direct support",
            },
        )
        .unwrap();
    assert!(visible_text(&view).contains("DEBUG-SECRET"));
    let dump = format!("{view:?}");
    assert!(
        !dump.contains("DEBUG-SECRET") && !dump.contains("Debugname"),
        "{dump}"
    );
    drop(a1);
    let events = f.sign_in("supervisor").audit(Some(r)).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.reason.as_deref().map(String::as_str) == Some("direct support"))
    );
    assert!(!format!("{events:?}").contains("direct support"));
}

fn confidential_details_are_revealed_only_after_their_event_is_logged(b: Backend) {
    use casenotes::session::NewClient;
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = a1
        .add_client(NewClient {
            name: "Dee Tails".into(),
            date_of_birth: Some("1980-02-29".into()),
            contact: Some("07700 900777".into()),
            adviser: None,
        })
        .unwrap();
    let view = a1.open_client(r, None, Reveal::Nothing).unwrap();
    assert!(view.details.is_none(), "details stay masked when opening");
    let d = a1
        .reveal_details(r, "checking the phone number", None)
        .unwrap();
    assert_eq!(d.contact.as_deref(), Some("07700 900777"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1980-02-29"));
    drop(a1);
    // Another adviser needs a reason to open the client at all.
    let a2 = f.sign_in("adviser2");
    let e = a2.reveal_details(r, "checking", None).unwrap_err();
    assert!(matches!(e, SessionError::NotOnCaseload(_)), "{e}");
    drop(a2);
    let events = f.sign_in("supervisor").audit(Some(r)).unwrap();
    let reveal = events
        .iter()
        .find(|e| e.action == "details-revealed")
        .expect("logged");
    assert_eq!(
        reveal.reason.as_deref().map(String::as_str),
        Some("checking the phone number")
    );
}

fn corrections_to_a_client_are_logged_by_field_never_by_value(b: Backend) {
    use casenotes::session::ClientEdit;
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Wrong Spelling");
    a1.edit_client(
        r,
        ClientEdit {
            name: Some("Right Spelling".into()),
            contact: Some(Some("07700 900555".into())),
            ..ClientEdit::default()
        },
        None,
    )
    .unwrap();
    let e = a1
        .edit_client(
            r,
            ClientEdit {
                date_of_birth: Some(Some("2999-01-01".into())),
                ..ClientEdit::default()
            },
            None,
        )
        .unwrap_err();
    assert!(e.to_string().contains("future"), "{e}");
    assert!(!e.to_string().contains("2999"), "not echoed: {e}");
    assert_eq!(a1.caseload().unwrap()[0].name, "Right Spelling");
    drop(a1);
    let events = f.sign_in("supervisor").audit(Some(r)).unwrap();
    let edit = events
        .iter()
        .find(|e| e.action == "client-edited")
        .expect("logged");
    assert_eq!(edit.detail, "name, contact");
    assert!(!format!("{events:?}").contains("Right Spelling"));
    // An unchanged correction writes nothing.
    let before = events.len();
    let a1 = f.sign_in("adviser1");
    a1.edit_client(
        r,
        ClientEdit {
            name: Some("Right Spelling".into()),
            ..ClientEdit::default()
        },
        None,
    )
    .unwrap();
    drop(a1);
    let after = f.sign_in("supervisor").audit(Some(r)).unwrap().len();
    assert_eq!(after, before, "an unchanged correction logs nothing");
}

fn a_kept_draft_survives_a_note_saved_for_another_client(b: Backend) {
    use casenotes::domain::{Channel, Draft};
    use casenotes::session::NewNote;
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let alice = client(&a1, "Alice Draft");
    let bob = client(&a1, "Bob Other");
    a1.save_draft(&Draft {
        client: alice,
        channel: Channel::Phone,
        sections: vec![section(
            "Query",
            Sensitivity::Ordinary,
            "ALICE-DRAFT half typed",
        )],
        saved_at: 1,
        purpose: Default::default(),
    })
    .unwrap();
    a1.save_draft(&Draft {
        client: bob,
        channel: Channel::Phone,
        sections: vec![section("Query", Sensitivity::Ordinary, "bob's note")],
        saved_at: 2,
        purpose: Default::default(),
    })
    .unwrap();
    assert_eq!(a1.drafts().unwrap().len(), 2, "one draft per client");
    // Bob's note is saved from its draft: only Bob's draft goes.
    a1.add_note_from_draft(
        bob,
        NewNote {
            channel: Channel::Phone,
            contact_at: None,
            sections: vec![section("Query", Sensitivity::Ordinary, "bob's note")],
        },
        None,
    )
    .unwrap();
    let kept = a1.draft_for(alice).unwrap().expect("Alice's draft is kept");
    assert_eq!(kept.sections[0].text, "ALICE-DRAFT half typed");
    assert!(a1.draft_for(bob).unwrap().is_none());
    // Discarding Bob's (already gone) draft leaves Alice's alone too.
    a1.discard_draft(bob).unwrap();
    assert!(a1.draft_for(alice).unwrap().is_some());
    drop(a1);
    // Nobody else reads it.
    assert!(f.sign_in("adviser2").drafts().unwrap().is_empty());
}

fn caseload_actions_list_only_the_callers_clients(b: Backend) {
    let agreed = |text: &str| section("Actions agreed", Sensitivity::Ordinary, text);
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let mine = client(&a1, "Pat Example");
    let also_mine = client(&a1, "Sam Sample");
    note(
        &a1,
        mine,
        vec![agreed("Send the form by 2999-01-02\nRing back")],
    );
    note(
        &a1,
        also_mine,
        vec![agreed("Chase the reply by 2999-01-01")],
    );
    drop(a1);
    let a2 = f.sign_in("adviser2");
    let theirs = client(&a2, "Someone Else");
    note(&a2, theirs, vec![agreed("Book the visit")]);
    let listed = |s: &casenotes::session::Session| -> Vec<(casenotes::domain::ClientRef, u32)> {
        s.caseload_actions()
            .unwrap()
            .iter()
            .map(|a| (a.client, a.number))
            .collect()
    };
    // Each client's actions are opened while the caseload is walked, in one snapshot.
    assert_eq!(listed(&a2), [(theirs, 1)]);
    drop(a2);
    assert_eq!(
        listed(&f.sign_in("adviser1")),
        [(also_mine, 1), (mine, 1), (mine, 2)]
    );
    assert_eq!(
        listed(&f.sign_in("supervisor")),
        [(also_mine, 1), (mine, 1), (mine, 2), (theirs, 1)]
    );
    assert!(matches!(
        f.sign_in("admin").caseload_actions(),
        Err(SessionError::Forbidden(_))
    ));
}

on_both_backends!(
    another_advisers_client_needs_a_reason_which_is_logged_and_flagged,
    administrators_cannot_read_client_names_or_notes,
    advisers_cannot_read_the_audit_trail_or_manage_users,
    masked_text_is_absent_until_revealed_and_every_reveal_is_logged_first,
    advisers_add_clients_to_their_own_caseload_and_supervisors_assign,
    debug_output_of_views_never_shows_case_content,
    confidential_details_are_revealed_only_after_their_event_is_logged,
    corrections_to_a_client_are_logged_by_field_never_by_value,
    a_kept_draft_survives_a_note_saved_for_another_client,
    caseload_actions_list_only_the_callers_clients,
);
