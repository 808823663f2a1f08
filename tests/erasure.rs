//! Erasure of a client past retention: its keys and records are destroyed, the file is
//! rewritten so that none of their bytes is left in it, other clients are intact, and the
//! audit trail still verifies with an event naming only the reference.

mod common;

use casenotes::domain::{
    Basis, Channel, ConsentMethod, ConsentScope, DraftPurpose, NoteId, Sensitivity,
};
use casenotes::session::{ErasureStage, NewDisclosure, Reveal, SessionError};
use common::tamper::Tamper;
use common::*;

fn later() -> casenotes::domain::Date {
    casenotes::domain::today()
        .checked_add(jiff::Span::new().years(6).days(1))
        .unwrap()
}

/// A 32-byte window from the middle of a sealed value: random bytes, found in the file only
/// where the value itself still is.
fn sample(sealed: &[u8]) -> Vec<u8> {
    assert!(sealed.len() >= 48, "sealed value too short to sample");
    let mid = sealed.len() / 2;
    sealed[mid - 16..mid + 16].to_vec()
}

#[test]
fn erasure_destroys_every_byte_of_the_client_and_keeps_the_others() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let gone = client(&a1, "Zebedee Quillfeather");
    let kept = client(&a1, "Keziah Ormerod");
    let mut notes: Vec<NoteId> = Vec::new();
    for i in 0..5 {
        notes.push(note(
            &a1,
            gone,
            vec![
                section(
                    "Summary",
                    Sensitivity::Ordinary,
                    &format!("erase-me note {i}"),
                ),
                section("Health", health(), "erase-me diagnosis"),
            ],
        ));
    }
    let kept_note = note(
        &a1,
        kept,
        vec![section("Summary", Sensitivity::Ordinary, "keep-me text")],
    );
    a1.give_consent(
        gone,
        ConsentScope::Recording,
        ConsentMethod::Verbal,
        None,
        None,
    )
    .unwrap();
    a1.disclose(
        gone,
        NewDisclosure {
            to: "Quillfeather Housing Trust".into(),
            what: "erase-me address".into(),
            basis: Basis::Legal,
            justification: Some("court order erase-me".into()),
        },
        None,
    )
    .unwrap();
    a1.save_draft(&casenotes::domain::Draft {
        client: gone,
        channel: Channel::InPerson,
        sections: vec![section("Summary", Sensitivity::Ordinary, "erase-me draft")],
        saved_at: casenotes::domain::now(),
        purpose: DraftPurpose::Note,
    })
    .unwrap();
    // A break-glass opening by another adviser: its reason is sealed under the client's keys.
    let a2 = f.sign_in("adviser2");
    a2.open_client(gone, Some("covering erase-me leave"), Reveal::Nothing)
        .unwrap();
    a1.close_client(gone).unwrap();

    // What the file holds of the client before: its keys, record and notes, sealed.
    let t = Tamper::open(&f.path);
    let mut samples = vec![
        sample(&t.client_keys(gone.0).unwrap()),
        sample(&t.client(gone.0).unwrap()),
    ];
    for n in &notes {
        samples.push(sample(&t.note(gone.0, n.0).unwrap()));
    }
    drop(t);
    for s in &samples {
        assert!(file_contains(&f.path, s), "sampled before erasure");
    }

    let sup = f.sign_in("supervisor");
    // Typed wrong, not yet due, or by an adviser: refused, nothing changes.
    let wrong = sup
        .erase_client(gone, "C-999999", later(), |_| {})
        .unwrap_err();
    assert!(wrong.to_string().contains("type its reference"), "{wrong}");
    let early = sup
        .erase_client(gone, &gone.to_string(), casenotes::domain::today(), |_| {})
        .unwrap_err();
    assert!(early.to_string().contains("kept until"), "{early}");
    let open = sup
        .erase_client(kept, &kept.to_string(), later(), |_| {})
        .unwrap_err();
    assert!(open.to_string().contains("is open"), "{open}");
    assert!(matches!(
        a1.erase_client(gone, &gone.to_string(), later(), |_| {}),
        Err(SessionError::Forbidden(_))
    ));
    assert!(a1.draft_for(gone).unwrap().is_some());

    let mut stages = Vec::new();
    let done = sup
        .erase_client(gone, &gone.to_string(), later(), |s| stages.push(s))
        .expect("erased");
    assert!(done.erased_now);
    assert_eq!(done.notes, 5);
    assert_eq!(stages.first(), Some(&ErasureStage::Deleting));
    assert!(stages.contains(&ErasureStage::Compacting));
    assert_eq!(stages.last(), Some(&ErasureStage::Done));

    // Nothing of the client is left in any byte of the file.
    for (i, s) in samples.iter().enumerate() {
        assert!(
            !file_contains(&f.path, s),
            "sealed bytes {i} of the erased client are still in the file"
        );
    }
    for canary in [
        "Zebedee",
        "Quillfeather",
        "erase-me",
        "covering",
        "Keziah",
        "keep-me",
    ] {
        assert!(!file_contains(&f.path, canary.as_bytes()), "{canary}");
    }

    // Gone for everyone: the client, its draft, its consents.
    assert!(matches!(
        a1.open_client(gone, None, Reveal::Nothing),
        Err(SessionError::UnknownClient(_))
    ));
    assert!(a1.draft_for(gone).unwrap().is_none());
    assert!(
        !a1.clients(true)
            .unwrap()
            .iter()
            .any(|c| c.reference == gone)
    );
    // The other client is intact.
    let view = a1.open_client(kept, None, Reveal::Nothing).unwrap();
    assert_eq!(view.summary.name.as_str(), "Keziah Ormerod");
    assert!(visible_text(&view).contains("keep-me text"));
    assert_eq!(view.notes.len(), 1);
    assert_eq!(view.notes[0].id, kept_note);

    // The trail verifies; the erasure names only the reference; the reason about the client
    // is unreadable, the event is still there.
    sup.verify_audit().expect("audit verifies after erasure");
    let report = sup.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let trail = sup.audit(Some(gone)).unwrap();
    let erased = trail
        .iter()
        .find(|e| e.action == "client-erased")
        .expect("erasure event");
    assert_eq!(erased.detail, "");
    assert!(erased.reason.is_none());
    assert_eq!(erased.actor, "supervisor");
    let glass = trail
        .iter()
        .find(|e| e.action == "break-glass")
        .expect("break-glass event kept");
    assert_eq!(
        glass.reason.as_ref().map(|r| r.as_str()),
        Some(casenotes::session::ERASED_REASON)
    );
    // Everyone can still sign in (the counts agree), and the dashboard adds up.
    drop((a1, a2, sup));
    let sup = f.sign_in("supervisor");
    let d = sup.dashboard(later()).unwrap();
    assert_eq!(d.totals.past_retention, 0);
    assert!(sup.retention_due(later()).unwrap().is_empty());

    // Running it again only rewrites the file.
    let again = sup
        .erase_client(gone, &gone.to_string(), later(), |_| {})
        .unwrap();
    assert!(!again.erased_now);
    sup.verify_audit().unwrap();
}

#[test]
fn an_erased_client_put_back_from_a_copy_is_named() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let gone = client(&a1, "Zebedee Quillfeather");
    a1.close_client(gone).unwrap();
    let t = Tamper::open(&f.path);
    let keys = t.client_keys(gone.0).unwrap();
    let record = t.client(gone.0).unwrap();
    drop(t);
    let sup = f.sign_in("supervisor");
    sup.erase_client(gone, &gone.to_string(), later(), |_| {})
        .unwrap();
    let t = Tamper::open(&f.path);
    t.set_client_keys(gone.0, &keys);
    t.set_client(gone.0, &record);
    drop(t);
    let problems = sup.check().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("was erased but its records are back")),
        "{problems:?}"
    );
}

#[test]
fn others_are_told_the_store_is_busy_while_the_file_is_rewritten() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let lock = casenotes::store::MaintenanceLock::take(&f.path).unwrap();
    let e = a1.clients(false).unwrap_err();
    assert!(
        e.to_string().contains("being erased") && e.to_string().contains("try again"),
        "{e}"
    );
    let run = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("try again"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    drop(lock);
    assert!(a1.open_client(r, None, Reveal::Nothing).is_ok());
}

#[test]
fn the_command_line_erases_with_progress_and_refuses_a_wrong_confirmation() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let gone = client(&a1, "Zebedee Quillfeather");
    a1.close_client(gone).unwrap();
    drop(a1);
    let pw = format!("{SUPERVISOR_PW}\n");
    let args = |confirm: &'static str| {
        [
            "--user",
            "supervisor",
            "--password-stdin",
            "erase",
            "--client",
            "C-000001",
            "--confirm",
            confirm,
        ]
    };
    let wrong = f.run(&args("C-000002"), &pw);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.contains("type its reference"),
        "{}",
        wrong.stderr
    );
    let early = f.run(&args("C-000001"), &pw);
    assert_eq!(early.code, 1);
    assert!(early.stderr.contains("kept until"), "{}", early.stderr);
    // Erased through the session (six years on), then the command line finishes it again.
    f.sign_in("supervisor")
        .erase_client(gone, "C-000001", later(), |_| {})
        .unwrap();
    let again = f.run(&args("C-000001"), &pw);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout,
        "C-000001 was erased already; the store was rewritten again\n"
    );
    assert!(
        again.stderr.contains("rewriting the store"),
        "{}",
        again.stderr
    );
    let trail = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "audit",
            "verify",
        ],
        &pw,
    );
    assert_eq!(trail.code, 0, "{}", trail.stderr);
}

#[test]
fn in_a_larger_store_nothing_of_a_client_in_the_middle_is_left() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let mut refs = Vec::new();
    for c in 0..120 {
        let r = client(&a1, &format!("Client Number{c}"));
        for n in 0..4 {
            note(
                &a1,
                r,
                vec![section(
                    "Summary",
                    Sensitivity::Ordinary,
                    &format!("client {c} note {n} {}", "words of a long note ".repeat(40)),
                )],
            );
        }
        refs.push(r);
    }
    let gone = refs[60];
    a1.close_client(gone).unwrap();
    let t = Tamper::open(&f.path);
    let mut samples = vec![
        sample(&t.client_keys(gone.0).unwrap()),
        sample(&t.client(gone.0).unwrap()),
    ];
    let first_note = (60 * 4 + 1) as u64;
    for n in first_note..first_note + 4 {
        samples.push(sample(&t.note(gone.0, n).expect("note of the client")));
    }
    drop(t);
    let sup = f.sign_in("supervisor");
    sup.erase_client(gone, &gone.to_string(), later(), |_| {})
        .unwrap();
    for (i, s) in samples.iter().enumerate() {
        assert!(
            !file_contains(&f.path, s),
            "sealed bytes {i} of the erased client are still in the file"
        );
    }
    sup.verify_audit().unwrap();
    assert_eq!(a1.clients(true).unwrap().len(), 119);
}

#[test]
fn a_draft_kept_during_the_rewrite_waits_for_it_instead_of_being_lost() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let lock = casenotes::store::MaintenanceLock::take(&f.path).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        drop(lock);
    });
    a1.save_draft(&casenotes::domain::Draft {
        client: r,
        channel: Channel::InPerson,
        sections: vec![section("Summary", Sensitivity::Ordinary, "typed just now")],
        saved_at: casenotes::domain::now(),
        purpose: DraftPurpose::Note,
    })
    .expect("kept once the rewrite ended");
    release.join().unwrap();
    let kept = a1.draft_for(r).unwrap().expect("the draft");
    assert_eq!(kept.sections[0].text, "typed just now");
}
