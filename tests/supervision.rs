//! A note after it is saved: a supervisor's sign-off locks it; its author's corrections are new
//! revisions and the earlier ones stay readable to supervisors; addenda go on any note. Each is
//! logged, sealed, and missed by `audit verify` if someone holding the file removes it.

mod common;

use casenotes::domain::{ClientRef, NoteId, NoteStatus, Sensitivity};
use casenotes::session::{Reveal, SectionBody, SessionError};
use common::tamper::Tamper;
use common::*;

/// adviser1 holds Alice, with one note: an ordinary query and a masked health section.
fn fixture() -> (Fixture, ClientRef, NoteId) {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let alice = client(&a1, "Alice Ashworth");
    let n = note(
        &a1,
        alice,
        vec![
            section(
                "Query",
                Sensitivity::Ordinary,
                "ORIGINAL-QUERY rent arrears",
            ),
            section("Health", health(), "ORIGINAL-HEALTH asthma"),
        ],
    );
    (f, alice, n)
}

fn shown(s: &casenotes::session::Session, r: ClientRef) -> casenotes::session::NoteView {
    s.open_client(r, None, Reveal::Nothing)
        .expect("open")
        .notes
        .remove(0)
}

fn text(b: &SectionBody) -> Option<&str> {
    match b {
        SectionBody::Shown(t) | SectionBody::Revealed(t) => Some(t.as_str()),
        SectionBody::Masked => None,
    }
}

#[test]
fn a_correction_is_a_new_revision_and_the_first_stays_readable_to_supervisors() {
    let (f, alice, n) = fixture();
    let a1 = f.sign_in("adviser1");
    let rev = a1
        .correct_note(
            alice,
            n,
            vec![
                section(
                    "Query",
                    Sensitivity::Ordinary,
                    "CORRECTED-QUERY council tax arrears",
                ),
                section("Health", health(), "CORRECTED-HEALTH asthma, mild"),
            ],
            "wrote rent where the client said council tax",
        )
        .expect("correct");
    assert_eq!(rev, 2);
    let v = shown(&a1, alice);
    assert_eq!(
        text(&v.sections[0].body),
        Some("CORRECTED-QUERY council tax arrears")
    );
    assert_eq!(v.marks.revision, 2);
    let marks = v.marks.describe().expect("marked");
    assert!(marks.starts_with("corrected by adviser1"), "{marks}");

    // Only the author corrects.
    let e = f
        .sign_in("supervisor")
        .correct_note(
            alice,
            n,
            vec![section("Query", Sensitivity::Ordinary, "x")],
            "supervisor edit",
        )
        .unwrap_err();
    assert!(matches!(e, SessionError::Forbidden(_)), "{e}");

    // A supervisor reads both revisions; masked sections stay masked without a reason.
    let sup = f.sign_in("supervisor");
    let history = sup.note_history(alice, n, None).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(
        text(&history[0].sections[0].body),
        Some("ORIGINAL-QUERY rent arrears")
    );
    assert_eq!(history[0].sections[1].body, SectionBody::Masked);
    assert_eq!(
        history[1].why.as_deref().map(String::as_str),
        Some("wrote rent where the client said council tax")
    );
    let revealed = sup
        .note_history(alice, n, Some("supervision of the correction"))
        .unwrap();
    assert_eq!(
        text(&revealed[0].sections[1].body),
        Some("ORIGINAL-HEALTH asthma")
    );
    let trail = sup.audit(Some(alice)).unwrap();
    let kinds: Vec<&str> = trail.iter().map(|e| e.action).collect();
    assert!(kinds.contains(&"note-corrected") && kinds.contains(&"history-viewed"));
    let viewed = trail
        .iter()
        .rev()
        .find(|e| e.action == "history-viewed")
        .unwrap();
    assert_eq!(
        viewed.reason.as_deref().map(String::as_str),
        Some("supervision of the correction")
    );
    // Advisers do not read history.
    assert!(matches!(
        a1.note_history(alice, n, None),
        Err(SessionError::Forbidden(_))
    ));
    sup.verify_audit().expect("intact");
    // Neither revision is in the file in plaintext.
    drop((a1, sup));
    for canary in [
        "ORIGINAL-QUERY",
        "CORRECTED-QUERY",
        "CORRECTED-HEALTH",
        "council tax",
    ] {
        assert!(!file_contains(&f.path, canary.as_bytes()), "{canary}");
    }
}

#[test]
fn sign_off_locks_a_note_against_corrections_but_not_addenda() {
    let (f, alice, n) = fixture();
    let a1 = f.sign_in("adviser1");
    assert!(matches!(
        a1.sign_off(alice, n),
        Err(SessionError::Forbidden(_))
    ));
    let sup = f.sign_in("supervisor");
    sup.sign_off(alice, n).expect("sign off");
    let v = shown(&a1, alice);
    assert_eq!(v.status, NoteStatus::Reviewed);
    assert!(
        v.marks
            .describe()
            .unwrap()
            .contains("signed off by supervisor")
    );
    let twice = sup.sign_off(alice, n).unwrap_err();
    assert!(
        twice
            .to_string()
            .contains("already signed off by supervisor"),
        "{twice}"
    );

    let e = a1
        .correct_note(
            alice,
            n,
            vec![section("Query", Sensitivity::Ordinary, "too late")],
            "a late correction",
        )
        .unwrap_err();
    assert!(e.to_string().contains("signed off and locked"), "{e}");

    // Addenda still go on, from the adviser and the supervisor; a masked one reveals with a
    // reason, like any section.
    a1.add_addendum(
        alice,
        n,
        section(
            "Addendum",
            Sensitivity::Ordinary,
            "ADDENDUM-ONE client called back",
        ),
        None,
    )
    .expect("addendum");
    sup.add_addendum(
        alice,
        n,
        section("Supervisor's note", health(), "ADDENDUM-TWO refer to GP"),
        None,
    )
    .expect("addendum");
    let v = shown(&a1, alice);
    assert_eq!(v.sections.len(), 4);
    assert_eq!(v.marks.addenda_from, 2);
    assert_eq!(
        text(&v.sections[2].body),
        Some("ADDENDUM-ONE client called back")
    );
    assert!(
        v.marks
            .addendum(2)
            .unwrap()
            .starts_with("addendum by adviser1")
    );
    assert!(v.marks.addendum(1).is_none());
    assert_eq!(v.sections[3].body, SectionBody::Masked);
    let t = a1
        .reveal_section(alice, n, 3, "direct support to the client", None)
        .expect("reveal the addendum");
    assert_eq!(t.as_str(), "ADDENDUM-TWO refer to GP");
    // The trail names the addendum's heading.
    let trail = sup.audit(Some(alice)).unwrap();
    let last = trail.last().unwrap();
    assert!(
        last.detail.contains("\"Supervisor's note\""),
        "{}",
        last.detail
    );
    sup.verify_audit().expect("intact");
    // Someone else's client needs a reason (and is flagged).
    let a2 = f.sign_in("adviser2");
    assert!(matches!(
        a2.add_addendum(
            alice,
            n,
            section("Addendum", Sensitivity::Ordinary, "x y z"),
            None
        ),
        Err(SessionError::NotOnCaseload(_))
    ));
}

#[test]
fn a_removed_sign_off_or_correction_is_found_by_audit_verify_and_check() {
    let (f, alice, n) = fixture();
    f.sign_in("supervisor").sign_off(alice, n).unwrap();
    // The sign-off is change 1 of note n of Alice; someone holding the file deletes it, so the
    // note looks unreviewed (and correctable) again.
    let t = Tamper::open(&f.path);
    let signed = t.change(alice.0, n.0, 1).expect("the sign-off is held");
    t.set_change(alice.0, n.0, 1, None);
    drop(t);
    let sup = f.sign_in("supervisor");
    let e = sup.verify_audit().unwrap_err().to_string();
    assert!(e.contains("the trail records 1"), "{e}");
    let report = sup.check().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("one was removed")),
        "{:?}",
        report.problems
    );
    drop(sup);
    // Filed under another note, it does not open.
    let other = note(
        &f.sign_in("adviser1"),
        alice,
        vec![section("Query", Sensitivity::Ordinary, "second note")],
    );
    Tamper::open(&f.path).set_change(alice.0, other.0, 1, Some(&signed));
    let report = f.sign_in("supervisor").check().unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("does not open")),
        "{:?}",
        report.problems
    );
}

#[test]
fn the_command_line_signs_off_corrects_adds_and_shows_history() {
    let (f, _, n) = fixture();
    let run = |user: &str, pw: &str, args: &[&str]| {
        let mut all = vec!["--user", user, "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{pw}\n"))
    };
    let id = n.to_string();
    let fixed = run(
        "adviser1",
        ADVISER_PW,
        &[
            "note",
            "correct",
            "--client",
            "C-000001",
            "--note",
            &id,
            "--why",
            "wrong kind of arrears",
            "--section",
            "Query=council tax arrears",
        ],
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(fixed.stdout.contains("revision 2"), "{}", fixed.stdout);
    let signed = run(
        "supervisor",
        SUPERVISOR_PW,
        &["note", "review", "--client", "C-000001", "--note", &id],
    );
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    let late = run(
        "adviser1",
        ADVISER_PW,
        &[
            "note",
            "correct",
            "--client",
            "C-000001",
            "--note",
            &id,
            "--why",
            "again please",
            "--section",
            "Query=x",
        ],
    );
    assert_eq!(late.code, 1);
    assert!(
        late.stderr.contains("signed off and locked"),
        "{}",
        late.stderr
    );
    let added = run(
        "adviser1",
        ADVISER_PW,
        &[
            "note",
            "addendum",
            "--client",
            "C-000001",
            "--note",
            &id,
            "--section",
            "Addendum=client called back",
        ],
    );
    assert_eq!(added.code, 0, "{}", added.stderr);
    let show = run(
        "adviser1",
        ADVISER_PW,
        &["note", "show", "--client", "C-000001"],
    );
    assert!(
        show.stdout.contains("signed off by supervisor"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("(addendum by adviser1"),
        "{}",
        show.stdout
    );
    assert!(show.stdout.contains("reviewed"), "{}", show.stdout);
    let history = run(
        "supervisor",
        SUPERVISOR_PW,
        &["note", "history", "--client", "C-000001", "--note", &id],
    );
    assert_eq!(history.code, 0, "{}", history.stderr);
    assert!(history.stdout.contains("revision 1"), "{}", history.stdout);
    assert!(history.stdout.contains("ORIGINAL-QUERY rent arrears"));
    assert!(history.stdout.contains("why: wrong kind of arrears"));
    let bad = run(
        "supervisor",
        SUPERVISOR_PW,
        &[
            "note", "review", "--client", "C-000001", "--note", "N-999999",
        ],
    );
    assert_eq!(bad.code, 1);
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.stderr);
}
