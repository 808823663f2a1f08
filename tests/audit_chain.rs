//! The audit chain: editing, deleting or reordering an event, or cutting events off the end, is
//! caught by `audit verify`, which names where; and nothing is revealed on top of a broken
//! chain. Every test runs on both backends: the file altered through redb, the database through
//! SQL (`common::tamper`).

mod common;

use casenotes::domain::Sensitivity;
use casenotes::session::{Reveal, SessionError};
use common::tamper::Tamper;
use common::*;

fn with_events(b: Backend) -> (Fixture, casenotes::domain::ClientRef, u64) {
    let f = Fixture::on(b);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Chain Person");
    note(&a1, r, vec![section("Health", health(), "CHAIN-SECRET")]);
    note(&a1, r, vec![section("Query", Sensitivity::Ordinary, "q")]);
    drop(a1);
    let n = f.sign_in("admin").verify_audit().unwrap();
    assert!(n >= 8, "{n}");
    (f, r, n)
}

fn verify(f: &Fixture) -> Result<u64, String> {
    f.sign_in("supervisor")
        .verify_audit()
        .map_err(|e| e.to_string())
}

fn an_intact_chain_verifies(b: Backend) {
    let (f, _, _) = with_events(b);
    assert!(verify(&f).is_ok());
    let run = f.run(
        &["--user", "admin", "--password-stdin", "audit", "verify"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("audit trail intact: "),
        "{}",
        run.stdout
    );
}

fn an_edited_event_is_detected_and_named(b: Backend) {
    let (f, _, _) = with_events(b);
    let st = Tamper::at(&f);
    let mut v = st.audit(5).unwrap();
    let last = v.len() - 1;
    v[last] ^= 0x01;
    st.set_audit(5, &v);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 5 was edited"), "{e}");
    let run = f.run(
        &["--user", "admin", "--password-stdin", "audit", "verify"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: audit trail broken: event 5"),
        "{}",
        run.stderr
    );
}

fn a_deleted_event_is_detected_and_named(b: Backend) {
    let (f, _, _) = with_events(b);
    let st = Tamper::at(&f);
    st.remove_audit(4);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 4 is missing"), "{e}");
    let run = f.run(
        &["--user", "admin", "--password-stdin", "audit", "verify"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .starts_with("error: audit trail broken: event 4 is missing"),
        "{}",
        run.stderr
    );
}

fn reordered_events_are_detected(b: Backend) {
    let (f, _, _) = with_events(b);
    let st = Tamper::at(&f);
    let a = st.audit(3).unwrap();
    let b = st.audit(4).unwrap();
    st.set_audit(3, &b);
    st.set_audit(4, &a);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 3 was edited, moved or replaced"), "{e}");
}

fn events_cut_off_the_end_are_detected_and_block_reveals(b: Backend) {
    let (f, r, n) = with_events(b);
    // Sign in first (sign-in appends events), then cut the newest event off the trail.
    let a1 = f.sign_in("adviser1");
    let st = Tamper::at(&f);
    let last = st.audit(n + 1);
    assert!(last.is_some());
    st.remove_audit(n + 1);
    let reveal = a1.open_client(
        r,
        None,
        Reveal::All {
            reason: "direct support",
        },
    );
    match reveal {
        Err(SessionError::AuditBroken(_)) => {}
        other => panic!("a reveal on a cut trail must fail, got {other:?}"),
    }
    drop(a1);
    drop(st);
    let e = f.sign_in_err("supervisor");
    assert!(e.contains("audit trail broken"), "{e}");
}

/// Longer than one fetch of a PostgreSQL scan (500 rows): the whole chain is read, in order,
/// and an event past the first fetch is named when it goes.
fn a_chain_longer_than_one_fetch_verifies_and_names_a_deleted_event(b: Backend) {
    let (f, r, n) = with_events(b);
    let a1 = f.sign_in("adviser1");
    // Each opening is logged.
    for _ in 0..1100 {
        a1.open_client(r, None, Reveal::Nothing).unwrap();
    }
    drop(a1);
    let total = verify(&f).unwrap();
    assert!(total > n + 1100, "{total}");
    let st = Tamper::at(&f);
    assert_eq!(st.audit_rows().len() as u64, total);
    st.remove_audit(777);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 777 is missing"), "{e}");
}

trait SignInErr {
    fn sign_in_err(&self, user: &str) -> String;
}

impl SignInErr for Fixture {
    /// Signing in logs an event, so on a cut trail the sign-in itself is refused.
    fn sign_in_err(&self, user: &str) -> String {
        casenotes::session::sign_in(self.open(), user, &pw(SUPERVISOR_PW))
            .unwrap_err()
            .to_string()
    }
}

on_both_backends!(
    an_intact_chain_verifies,
    an_edited_event_is_detected_and_named,
    a_deleted_event_is_detected_and_named,
    reordered_events_are_detected,
    events_cut_off_the_end_are_detected_and_block_reveals,
    a_chain_longer_than_one_fetch_verifies_and_names_a_deleted_event,
);
