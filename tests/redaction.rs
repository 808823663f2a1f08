//! Redaction: a supervisor destroys a section's text in every revision and leaves a marker
//! saying who, when and why. The old sealed bytes are gone from the file (the client's data key
//! still exists, so a copy left in free space would still open); the marker and the
//! `section-redacted` event remain, and the store still checks out.

mod common;

use casenotes::domain::{ClientRef, NoteId, Sensitivity};
use casenotes::session::{
    Compaction, REDACTED_ACTION_TEXT, Reveal, SectionBody, SectionView, Session, SessionError,
};
use common::tamper::Tamper;
use common::*;

/// adviser1 holds Alice, with one note corrected once (a health section in both revisions), and
/// Bob, with a note of his own.
struct Case {
    f: Fixture,
    alice: ClientRef,
    n: NoteId,
    bob: ClientRef,
}

fn case() -> Case {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let alice = client(&a1, "Alice Ashworth");
    let n = note(
        &a1,
        alice,
        vec![
            section("Query", Sensitivity::Ordinary, "CANARY-KEEP-query rent"),
            section("Health", health(), "CANARY-GONE-first asthma"),
            section("Finances", Sensitivity::Confidential, "CANARY-KEEP-debt"),
        ],
    );
    a1.correct_note(
        alice,
        n,
        vec![
            section("Query", Sensitivity::Ordinary, "CANARY-KEEP-query rent"),
            section("Health", health(), "CANARY-GONE-second asthma, mild"),
            section("Finances", Sensitivity::Confidential, "CANARY-KEEP-debt"),
        ],
        "the health section was wrong",
    )
    .expect("correct");
    let bob = client(&a1, "Bob Bramley");
    note(
        &a1,
        bob,
        vec![section("Health", health(), "CANARY-KEEP-bob")],
    );
    Case { f, alice, n, bob }
}

fn text(b: &SectionBody) -> Option<&str> {
    match b {
        SectionBody::Shown(t) | SectionBody::Revealed(t) => Some(t.as_str()),
        SectionBody::Masked => None,
    }
}

/// Everything the caller can see of a client with every masked section revealed, and of each
/// note's history (supervisors), as one string.
fn everything(s: &Session, r: ClientRef) -> String {
    let view = s
        .open_client(
            r,
            None,
            Reveal::All {
                reason: "reading everything",
            },
        )
        .expect("open");
    let mut out = visible_text(&view);
    for a in &view.actions {
        if let Some(t) = text(&a.text) {
            out.push_str(t);
        }
    }
    for n in &view.notes {
        for rev in s
            .note_history(r, n.id, Some("reading every revision"))
            .expect("history")
        {
            for sec in &rev.sections {
                out.push_str(text(&sec.body).unwrap_or(""));
            }
        }
    }
    out
}

/// Windows of a sealed value: its start (the random nonce), middle and end (the tag).
fn windows(sealed: &[u8]) -> Vec<Vec<u8>> {
    let w = 32.min(sealed.len());
    let mid = sealed.len() / 2;
    vec![
        sealed[..w].to_vec(),
        sealed[mid.saturating_sub(w / 2)..(mid.saturating_sub(w / 2) + w).min(sealed.len())]
            .to_vec(),
        sealed[sealed.len() - w..].to_vec(),
    ]
}

fn assert_gone(path: &std::path::Path, what: &str, sealed: &[u8]) {
    for (i, w) in windows(sealed).iter().enumerate() {
        assert!(
            !file_contains(path, w),
            "part {i} of the old sealed {what} is still in the file"
        );
    }
}

fn marker(s: &SectionView) -> &casenotes::session::RedactionMark {
    s.redacted.as_ref().expect("redacted")
}

#[test]
fn the_redacted_text_is_gone_from_the_file_in_every_revision() {
    let Case { f, alice, n, bob } = case();
    // The sealed note (the first revision) and its correction as they stand before.
    let t = Tamper::open(&f.path);
    let old_note = t.note(alice.0, n.0).expect("note");
    let old_change = t.change(alice.0, n.0, 1).expect("correction");
    drop(t);

    let sup = f.sign_in("supervisor");
    let before = everything(&sup, alice);
    assert!(before.contains("CANARY-GONE-first") && before.contains("CANARY-GONE-second"));
    // Another handle on the store stays open, idle, through the compaction.
    let a1 = f.sign_in("adviser1");
    assert!(everything_as_adviser(&a1, alice).contains("CANARY-GONE-second"));

    let done = sup
        .redact_section(alice, n, 1, "CANARY-REASON wrong client's health details")
        .expect("redact");
    assert_eq!(done.versions, 2, "both revisions held the section");
    assert_eq!(done.actions, 0);
    assert_eq!(done.compaction, Compaction::Done);

    // No old copy of either record is left anywhere in the file, free space included.
    assert_gone(&f.path, "note", &old_note);
    assert_gone(&f.path, "correction", &old_change);
    for canary in ["CANARY-GONE", "CANARY-REASON", "asthma"] {
        assert!(!file_contains(&f.path, canary.as_bytes()), "{canary}");
    }

    // Through the session: the text is nowhere; the rest reads as before.
    let after = everything(&sup, alice);
    assert!(!after.contains("CANARY-GONE"), "{after}");
    assert!(after.contains("CANARY-KEEP-query") && after.contains("CANARY-KEEP-debt"));
    assert!(everything(&sup, bob).contains("CANARY-KEEP-bob"));
    assert!(!everything_as_adviser(&a1, alice).contains("CANARY-GONE"));
    assert!(everything_as_adviser(&a1, bob).contains("CANARY-KEEP-bob"));

    // Both sessions and the store carry on after the compaction.
    note(
        &a1,
        alice,
        vec![section("Query", Sensitivity::Ordinary, "a later note")],
    );
    assert_eq!(
        a1.open_client(alice, None, Reveal::Nothing)
            .expect("open")
            .notes
            .len(),
        2
    );
    sup.verify_audit().expect("audit intact");
    let report = sup.check().expect("check");
    assert!(report.is_ok(), "{:?}", report.problems);
}

fn everything_as_adviser(s: &Session, r: ClientRef) -> String {
    let view = s
        .open_client(
            r,
            None,
            Reveal::All {
                reason: "reading everything",
            },
        )
        .expect("open");
    visible_text(&view)
}

#[test]
fn the_marker_shows_who_when_and_why_in_the_note_and_its_history() {
    let Case { f, alice, n, .. } = case();
    let sup = f.sign_in("supervisor");
    sup.redact_section(alice, n, 1, "recorded against the wrong client")
        .expect("redact");

    let a1 = f.sign_in("adviser1");
    let v = a1
        .open_client(alice, None, Reveal::Nothing)
        .expect("open")
        .notes
        .remove(0);
    let s = &v.sections[1];
    assert_eq!(s.heading, "Health");
    assert_eq!(s.sensitivity, health(), "the label stays");
    let m = marker(s);
    assert_eq!(m.by, "supervisor");
    assert_eq!(m.reason.as_str(), "recorded against the wrong client");
    let line = m.describe();
    assert!(
        line.starts_with("Redacted by supervisor on ")
            && line.ends_with(": recorded against the wrong client"),
        "{line}"
    );
    assert_eq!(text(&s.body), Some(line.as_str()), "the body is the marker");
    assert!(!v.sections[0].is_redacted() && !v.sections[2].is_redacted());

    // Both revisions show it, in place of the text.
    let history = sup
        .note_history(alice, n, Some("checking the redaction"))
        .unwrap();
    assert_eq!(history.len(), 2);
    for rev in &history {
        assert_eq!(marker(&rev.sections[1]).describe(), line);
        assert_eq!(text(&rev.sections[0].body), Some("CANARY-KEEP-query rent"));
        assert_eq!(
            rev.sections[2].body,
            SectionBody::Revealed("CANARY-KEEP-debt".into())
        );
    }

    // The event, its reason readable by a supervisor, and the section's heading beside it.
    let trail = sup.audit(Some(alice)).expect("audit");
    let e = trail
        .iter()
        .find(|e| e.action == "section-redacted")
        .expect("logged");
    assert_eq!(e.actor, "supervisor");
    assert_eq!(
        e.reason.as_deref().map(String::as_str),
        Some("recorded against the wrong client")
    );
    assert!(
        e.detail.starts_with(&format!("{n} section 2")),
        "{}",
        e.detail
    );
    assert!(e.detail.contains("\"Health\""), "{}", e.detail);
    // Administrators see the event but not its reason.
    let admin = f.sign_in("admin");
    let e = admin
        .audit(Some(alice))
        .expect("audit")
        .into_iter()
        .find(|e| e.action == "section-redacted")
        .expect("logged");
    assert!(e.reason.is_none());
    admin.verify_audit().expect("audit intact");
    assert!(admin.check().expect("check").is_ok());
}

#[test]
fn only_supervisors_redact_and_only_once() {
    let Case { f, alice, n, .. } = case();
    let a1 = f.sign_in("adviser1");
    assert!(matches!(
        a1.redact_section(alice, n, 1, "my own mistake"),
        Err(SessionError::Forbidden(_))
    ));
    let admin = f.sign_in("admin");
    assert!(matches!(
        admin.redact_section(alice, n, 1, "office cleanup"),
        Err(SessionError::Forbidden(_))
    ));
    let sup = f.sign_in("supervisor");
    let e = sup.redact_section(alice, n, 1, "ok").unwrap_err();
    assert!(e.to_string().contains("reason"), "{e}");
    let e = sup
        .redact_section(alice, n, 3, "no such section")
        .unwrap_err();
    assert_eq!(e.to_string(), format!("{n} has no section 4 (it has 3)"));
    let e = sup
        .redact_section(alice, NoteId(999), 0, "no such note")
        .unwrap_err();
    assert!(matches!(e, SessionError::UnknownNote(..)), "{e}");
    sup.redact_section(alice, n, 1, "wrong client")
        .expect("redact");
    let e = sup.redact_section(alice, n, 1, "again").unwrap_err();
    assert!(
        e.to_string().starts_with(&format!(
            "section 2 of {n} is already redacted by supervisor on "
        )),
        "{e}"
    );
    let redactions = sup
        .audit(Some(alice))
        .unwrap()
        .iter()
        .filter(|e| e.action == "section-redacted")
        .count();
    assert_eq!(redactions, 1, "refusals write nothing");
}

#[test]
fn a_correction_after_a_redaction_keeps_the_marker() {
    let Case { f, alice, n, .. } = case();
    let sup = f.sign_in("supervisor");
    sup.redact_section(alice, n, 1, "wrong client")
        .expect("redact");

    // The author corrects the note, typing text into the redacted section again (as an editor
    // that copied the marker would): the section stays redacted, the text is not kept.
    let a1 = f.sign_in("adviser1");
    let rev = a1
        .correct_note(
            alice,
            n,
            vec![
                section(
                    "Query",
                    Sensitivity::Ordinary,
                    "CANARY-KEEP-query council tax",
                ),
                section(
                    "Health",
                    Sensitivity::Ordinary,
                    "CANARY-AGAIN typed back in",
                ),
                section("Finances", Sensitivity::Confidential, "CANARY-KEEP-debt"),
            ],
            "council tax, not rent",
        )
        .expect("correct");
    assert_eq!(rev, 3);
    let v = a1
        .open_client(alice, None, Reveal::Nothing)
        .unwrap()
        .notes
        .remove(0);
    assert_eq!(v.marks.revision, 3);
    assert_eq!(
        text(&v.sections[0].body),
        Some("CANARY-KEEP-query council tax")
    );
    assert_eq!(marker(&v.sections[1]).reason.as_str(), "wrong client");
    assert_eq!(
        v.sections[1].sensitivity,
        health(),
        "the redacted label stays"
    );
    assert!(!everything(&sup, alice).contains("CANARY-AGAIN"));

    // A correction that leaves the section out has it put back, at the end.
    a1.correct_note(
        alice,
        n,
        vec![section("Query", Sensitivity::Ordinary, "just the query")],
        "shorter",
    )
    .expect("correct");
    let v = a1
        .open_client(alice, None, Reveal::Nothing)
        .unwrap()
        .notes
        .remove(0);
    assert_eq!(v.sections.len(), 2);
    assert_eq!(v.sections[1].heading, "Health");
    assert!(v.sections[1].is_redacted());
    // Every revision shows the marker where the section was.
    for rev in sup.note_history(alice, n, None).unwrap() {
        assert!(
            rev.sections.iter().any(SectionView::is_redacted),
            "revision {}",
            rev.revision
        );
    }
    assert!(sup.check().expect("check").is_ok());
}

#[test]
fn a_redacted_masked_section_reveals_nothing() {
    let Case { f, alice, n, .. } = case();
    let sup = f.sign_in("supervisor");
    sup.redact_section(alice, n, 1, "wrong client")
        .expect("redact");
    let a1 = f.sign_in("adviser1");

    let e = a1
        .reveal_section(alice, n, 1, "direct support", None)
        .unwrap_err();
    assert!(e.to_string().contains("nothing to reveal"), "{e}");
    let e = a1
        .open_client(
            alice,
            None,
            Reveal::Section {
                note: n,
                index: 1,
                reason: "direct support",
            },
        )
        .unwrap_err();
    assert!(e.to_string().contains("nothing to reveal"), "{e}");

    // Revealing everything reveals the other masked section and logs only that one.
    let v = a1
        .open_client(
            alice,
            None,
            Reveal::All {
                reason: "direct support",
            },
        )
        .unwrap();
    let s = &v.notes[0].sections;
    assert!(s[1].is_redacted());
    assert!(!matches!(
        s[1].body,
        SectionBody::Revealed(_) | SectionBody::Masked
    ));
    assert_eq!(s[2].body, SectionBody::Revealed("CANARY-KEEP-debt".into()));
    let revealed: Vec<String> = sup
        .audit(Some(alice))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "section-revealed")
        .map(|e| e.detail)
        .collect();
    assert!(
        revealed.iter().all(|d| !d.contains("section 2")),
        "{revealed:?}"
    );
}

#[test]
fn signed_off_notes_addenda_and_actions_can_be_redacted() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let carol = client(&a1, "Carol Cartwright");
    let n = note(
        &a1,
        carol,
        vec![
            section("Query", Sensitivity::Ordinary, "benefits check"),
            section(
                "Actions agreed",
                Sensitivity::Ordinary,
                "Client to bring CANARY-ACTION-payslips by 2099-01-31\nAdviser to call the council",
            ),
        ],
    );
    a1.add_addendum(
        carol,
        n,
        section(
            "Addendum",
            Sensitivity::Ordinary,
            "CANARY-ADDENDUM called back",
        ),
        None,
    )
    .unwrap();
    let sup = f.sign_in("supervisor");
    sup.sign_off(carol, n).expect("sign off");
    let t = Tamper::open(&f.path);
    let old_action = t.action(carol.0, 1).expect("action");
    let old_addendum = t.change(carol.0, n.0, 1).expect("addendum");
    drop(t);

    // The actions section of a signed-off note: its actions lose their text too.
    let done = sup
        .redact_section(carol, n, 1, "third party's details")
        .expect("redact");
    assert_eq!((done.versions, done.actions), (1, 2));
    let actions = a1.actions(carol, None).unwrap();
    assert_eq!(actions.len(), 2);
    for a in &actions {
        assert_eq!(text(&a.text), Some(REDACTED_ACTION_TEXT));
    }
    assert!(actions[0].due.is_some(), "who and when stay");
    assert_gone(&f.path, "action", &old_action);

    // The addendum (section 3 as the note stands): its own record only.
    let done = sup
        .redact_section(carol, n, 2, "said in confidence")
        .expect("redact addendum");
    assert_eq!(done.versions, 1);
    assert_gone(&f.path, "addendum", &old_addendum);
    let v = a1
        .open_client(carol, None, Reveal::Nothing)
        .unwrap()
        .notes
        .remove(0);
    assert!(v.marks.reviewed.is_some(), "the sign-off stands");
    assert!(v.sections[1].is_redacted() && v.sections[2].is_redacted());
    assert_eq!(text(&v.sections[0].body), Some("benefits check"));
    let all = everything(&sup, carol);
    assert!(!all.contains("CANARY"), "{all}");
    sup.verify_audit().expect("audit intact");
    let report = sup.check().expect("check");
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn a_removed_redaction_record_is_reported_by_check() {
    let Case { f, alice, n, .. } = case();
    let sup = f.sign_in("supervisor");
    sup.redact_section(alice, n, 1, "wrong client")
        .expect("redact");
    drop(sup);
    // The correction is change 1; the redaction change 2.
    Tamper::open(&f.path).set_change(alice.0, n.0, 2, None);
    let report = f.sign_in("supervisor").check().expect("check");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("sign-offs and redactions but the trail records 2")),
        "{:?}",
        report.problems
    );
}

#[test]
fn the_command_line_redacts_with_one_line() {
    let Case { f, alice, n, .. } = case();
    let (a, nn) = (alice.to_string(), n.to_string());
    let args = |section: &str, reason: &str| -> Vec<String> {
        [
            "--user",
            "supervisor",
            "--password-stdin",
            "redact",
            "--client",
            &a,
            "--note",
            &nn,
            "--section",
            section,
            "--reason",
            reason,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let run = |v: Vec<String>, pw: &str| {
        let v: Vec<&str> = v.iter().map(String::as_str).collect();
        f.run(&v, &format!("{pw}\n"))
    };
    let out = run(args("2", "wrong client"), SUPERVISOR_PW);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "redacted section 2 of {n}: its text is destroyed in 2 stored versions, and the store file compacted\n"
        )
    );
    // Shown as the marker by `note show`.
    let show = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            &a,
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout.contains("    Redacted by supervisor on ")
            && show.stdout.contains(": wrong client\n"),
        "{}",
        show.stdout
    );

    // Twice, or a section the note lacks: one line, exit 1.
    for (section, expect) in [
        ("2", "is already redacted by supervisor"),
        ("9", "has no section 9 (it has 3)"),
    ] {
        let out = run(args(section, "wrong client"), SUPERVISOR_PW);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains(expect),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
    // Advisers are refused.
    let mut v = args("1", "my mistake");
    v[1] = "adviser1".into();
    let out = run(v, ADVISER_PW);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("not allowed for the adviser role"),
        "{}",
        out.stderr
    );
    // Bad usage: section 0, not a number, no reason.
    for bad in [args("0", "x y z"), args("two", "x y z")] {
        let out = run(bad, SUPERVISOR_PW);
        assert_eq!(out.code, 2, "{}", out.stderr);
    }
    let mut v = args("1", "x");
    v.truncate(v.len() - 2);
    assert_eq!(run(v, SUPERVISOR_PW).code, 2);

    // The trail and the store still check out.
    for cmd in [&["audit", "verify"][..], &["check"][..]] {
        let mut v = vec!["--user", "supervisor", "--password-stdin"];
        v.extend_from_slice(cmd);
        let out = f.run(&v, &format!("{SUPERVISOR_PW}\n"));
        assert_eq!(out.code, 0, "{cmd:?}: {}{}", out.stdout, out.stderr);
    }
}

#[test]
fn a_reader_that_stays_leaves_the_compaction_pending_and_the_redaction_saved() {
    let Case { f, alice, n, .. } = case();
    let old_note = Tamper::open(&f.path).note(alice.0, n.0).expect("note");
    // Another program reading the store all the while the redaction runs.
    let db = redb::Database::builder()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .open(&f.path)
        .expect("open");
    let reading = redb::ReadableDatabase::begin_read(&db).expect("read");
    let (a, nn) = (alice.to_string(), n.to_string());
    let out = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "redact",
            "--client",
            &a,
            "--note",
            &nn,
            "--section",
            "2",
            "--reason",
            "wrong client",
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "error: section 2 of {n} was redacted (its text destroyed in 2 stored versions), but the store file could not be compacted: other programs kept reading it"
        )),
        "{}",
        out.stderr
    );
    drop(reading);
    drop(db);

    // The redaction stands; compacting later leaves nothing of the old text.
    let sup = f.sign_in("supervisor");
    let e = sup.redact_section(alice, n, 1, "wrong client").unwrap_err();
    assert!(e.to_string().contains("already redacted"), "{e}");
    assert!(matches!(
        f.sign_in("adviser1").compact_store(|_| {}),
        Err(SessionError::Forbidden(_))
    ));
    let mut steps = Vec::new();
    sup.compact_store(|p| steps.push(p)).expect("compact");
    assert!(matches!(
        steps.last(),
        Some(casenotes::session::CompactProgress::Done { .. })
    ));
    assert_gone(&f.path, "note", &old_note);
    assert!(sup.check().expect("check").is_ok());
}
