//! The audit chain: editing, deleting or reordering an event, or cutting events off the end, is
//! caught by `audit verify`, which names where; and nothing is revealed on top of a broken
//! chain.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::session::{Reveal, SessionError};
use common::tamper::Tamper;
use common::*;

fn with_events() -> (Fixture, casenotes::domain::ClientRef, u64) {
    let f = Fixture::new();
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

#[test]
fn an_intact_chain_verifies() {
    let (f, _, _) = with_events();
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

#[test]
fn an_edited_event_is_detected_and_named() {
    let (f, _, _) = with_events();
    let st = Tamper::open(&f.path);
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

#[test]
fn a_deleted_event_is_detected_and_named() {
    let (f, _, _) = with_events();
    let st = Tamper::open(&f.path);
    st.remove_audit(4);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 4 is missing"), "{e}");
}

#[test]
fn reordered_events_are_detected() {
    let (f, _, _) = with_events();
    let st = Tamper::open(&f.path);
    let a = st.audit(3).unwrap();
    let b = st.audit(4).unwrap();
    st.set_audit(3, &b);
    st.set_audit(4, &a);
    drop(st);
    let e = verify(&f).unwrap_err();
    assert!(e.contains("event 3 was edited, moved or replaced"), "{e}");
}

#[test]
fn events_cut_off_the_end_are_detected_and_block_reveals() {
    let (f, r, n) = with_events();
    // Sign in first (sign-in appends events), then cut the newest event off the trail.
    let a1 = f.sign_in("adviser1");
    let st = Tamper::open(&f.path);
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

trait SignInErr {
    fn sign_in_err(&self, user: &str) -> String;
}

impl SignInErr for Fixture {
    /// Signing in logs an event, so on a cut trail the sign-in itself is refused.
    fn sign_in_err(&self, user: &str) -> String {
        casenotes::session::sign_in(
            casenotes::session::open_store(&self.path)
                .unwrap()
                .with_state_dir(self.state_dir()),
            user,
            &pw(SUPERVISOR_PW),
        )
        .unwrap_err()
        .to_string()
    }
}
