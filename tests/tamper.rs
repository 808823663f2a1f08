//! Invariant 5 for altered stores: flipped bytes in sealed values, sealed values swapped between
//! records, removed rows, truncation, an unknown schema and files that are not stores each give
//! one clear error — never a panic, never the wrong plaintext.
//!
//! What goes through the session runs on both backends: the redb file altered through redb, the
//! PostgreSQL database altered through SQL (`common::tamper`). Truncation and files that are not
//! stores are about the file itself and stay on redb.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::session::{self, Reveal, SessionError};
use casenotes::store::{self, StoreError};
use common::tamper::Tamper;
use common::*;

fn corrupt<T: std::fmt::Debug>(r: Result<T, SessionError>) {
    match r {
        Err(SessionError::Store(StoreError::Corrupt)) => {}
        // A note that does not open is named.
        Err(SessionError::Store(StoreError::Inconsistent(e)))
            if e.ends_with("is missing or damaged; run `casenotes check`") => {}
        other => panic!("expected a clear 'damaged or altered' error, got {other:?}"),
    }
}

fn two_clients(f: &Fixture) -> (casenotes::domain::ClientRef, casenotes::domain::ClientRef) {
    let a1 = f.sign_in("adviser1");
    let r1 = client(&a1, "First Person");
    let r2 = client(&a1, "Second Person");
    note(&a1, r1, vec![section("Health", health(), "TEXT-OF-FIRST")]);
    note(
        &a1,
        r1,
        vec![section(
            "Query",
            Sensitivity::Ordinary,
            "second note of first",
        )],
    );
    note(&a1, r2, vec![section("Health", health(), "TEXT-OF-SECOND")]);
    (r1, r2)
}

fn flipped_bytes_in_a_sealed_value_are_detected(b: Backend) {
    let f = Fixture::on(b);
    let (r1, _) = two_clients(&f);
    let st = Tamper::at(&f);
    let original = st.note(r1.0, 1).unwrap();
    for pos in [0, 10, 30, original.len() / 2, original.len() - 1] {
        let mut bad = original.clone();
        bad[pos] ^= 0x01;
        st.set_note(r1.0, 1, &bad);
        let a1 = f.sign_in("adviser1");
        corrupt(a1.open_client(
            r1,
            None,
            Reveal::All {
                reason: "direct support",
            },
        ));
    }
    st.set_note(r1.0, 1, &original);
    let client_value = st.client(r1.0).unwrap();
    let mut bad = client_value.clone();
    bad[40] ^= 0x80;
    st.set_client(r1.0, &bad);
    let a1 = f.sign_in("adviser1");
    corrupt(a1.clients(false));
    corrupt(a1.open_client(r1, None, Reveal::Nothing));
    // Put it back: everything opens again, nothing was lost.
    st.set_client(r1.0, &client_value);
    assert_eq!(
        a1.open_client(r1, None, Reveal::Nothing)
            .unwrap()
            .notes
            .len(),
        2
    );
}

fn sealed_values_swapped_between_records_are_detected(b: Backend) {
    let f = Fixture::on(b);
    let (r1, r2) = two_clients(&f);
    let st = Tamper::at(&f);
    // Two clients' records swapped.
    let c1 = st.client(r1.0).unwrap();
    let c2 = st.client(r2.0).unwrap();
    st.set_client(r1.0, &c2);
    st.set_client(r2.0, &c1);
    let a1 = f.sign_in("adviser1");
    corrupt(a1.open_client(r1, None, Reveal::Nothing));
    corrupt(a1.open_client(r2, None, Reveal::Nothing));
    st.set_client(r1.0, &c1);
    st.set_client(r2.0, &c2);

    // A note moved to another note's place within one client.
    let n1 = st.note(r1.0, 1).unwrap();
    let n2 = st.note(r1.0, 2).unwrap();
    st.set_note(r1.0, 2, &n1);
    corrupt(a1.open_client(
        r1,
        None,
        Reveal::All {
            reason: "direct support",
        },
    ));
    st.set_note(r1.0, 2, &n2);

    // A note copied into another client's notes never shows as theirs.
    st.set_note(r2.0, 3, &n1);
    let result = a1.open_client(
        r2,
        None,
        Reveal::All {
            reason: "direct support",
        },
    );
    corrupt(result);
}

/// `casenotes check` run by the supervisor through the binary: its exit status and output.
fn check(f: &Fixture) -> Run {
    f.run(
        &["--user", "supervisor", "--password-stdin", "check"],
        &format!("{SUPERVISOR_PW}\n"),
    )
}

/// No text of either client's notes, and no client name, in what a face was given.
fn no_plaintext(text: &str) {
    for secret in [
        "TEXT-OF-FIRST",
        "TEXT-OF-SECOND",
        "second note of first",
        "First Person",
        "Second Person",
    ] {
        assert!(!text.contains(secret), "{secret} shown: {text}");
    }
}

fn reveal_all() -> Reveal<'static> {
    Reveal::All {
        reason: "direct support",
    }
}

fn changed_values_are_named(b: Backend) {
    let f = Fixture::on(b);
    let (r1, r2) = two_clients(&f);
    let st = Tamper::at(&f);

    // A note's sealed value changed: opening its client names the note; check names it too.
    let original = st.note(r1.0, 1).unwrap();
    let mut bad = original.clone();
    bad[original.len() / 2] ^= 0x04;
    st.set_note(r1.0, 1, &bad);
    let a1 = f.sign_in("adviser1");
    let e = a1
        .open_client(r1, None, reveal_all())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "note N-000001 of C-000001 is missing or damaged; run `casenotes check`"
    );
    let run = check(&f);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000001 of C-000001 does not open (damaged or altered)"),
        "{}",
        run.stdout
    );
    no_plaintext(&run.stdout);
    no_plaintext(&run.stderr);
    st.set_note(r1.0, 1, &original);

    // A client's sealed value changed: opening it is refused; check names the client.
    let original = st.client(r2.0).unwrap();
    let mut bad = original.clone();
    bad[original.len() - 1] ^= 0x10;
    st.set_client(r2.0, &bad);
    let e = a1.open_client(r2, None, reveal_all()).unwrap_err();
    assert!(
        matches!(e, SessionError::Store(StoreError::Corrupt)),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "the store is damaged or was altered; restore it from a backup"
    );
    let run = check(&f);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("client C-000002 does not open (damaged or altered)"),
        "{}",
        run.stdout
    );
    no_plaintext(&run.stdout);
    no_plaintext(&run.stderr);
    st.set_client(r2.0, &original);

    // Both put back: everything opens as before.
    let view = a1.open_client(r1, None, reveal_all()).unwrap();
    assert!(visible_text(&view).contains("TEXT-OF-FIRST"));
    let run = check(&f);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

fn two_notes_swapped_are_named_and_neither_shows(b: Backend) {
    let f = Fixture::on(b);
    let (r1, r2) = two_clients(&f);
    let st = Tamper::at(&f);
    let n1 = st.note(r1.0, 1).unwrap();
    let n2 = st.note(r1.0, 2).unwrap();
    st.set_note(r1.0, 1, &n2);
    st.set_note(r1.0, 2, &n1);
    let a1 = f.sign_in("adviser1");
    for reveal in [Reveal::Nothing, reveal_all()] {
        let e = a1.open_client(r1, None, reveal).unwrap_err().to_string();
        assert_eq!(
            e,
            "note N-000001 of C-000001 is missing or damaged; run `casenotes check`"
        );
    }
    // The other client is untouched.
    let view = a1.open_client(r2, None, reveal_all()).unwrap();
    assert!(visible_text(&view).contains("TEXT-OF-SECOND"));
    let run = check(&f);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    for named in [
        "note N-000001 of C-000001 does not open (damaged or altered)",
        "note N-000002 of C-000001 does not open (damaged or altered)",
    ] {
        assert!(run.stdout.contains(named), "{named}: {}", run.stdout);
    }
    no_plaintext(&run.stdout);
    no_plaintext(&run.stderr);
    // Swapped back, both open again.
    st.set_note(r1.0, 1, &n1);
    st.set_note(r1.0, 2, &n2);
    let view = a1.open_client(r1, None, reveal_all()).unwrap();
    assert_eq!(view.notes.len(), 2);
}

fn a_deleted_note_row_is_named(b: Backend) {
    let f = Fixture::on(b);
    let (r1, r2) = two_clients(&f);
    let a1 = f.sign_in("adviser1");
    let st = Tamper::at(&f);
    st.remove_note(r1.0, 2);
    drop(st);
    // A session opened before the removal names the note; the other client still opens.
    let e = a1
        .open_client(r1, None, reveal_all())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "note N-000002 of C-000001 is missing or damaged; run `casenotes check`"
    );
    assert_eq!(
        a1.open_client(r2, None, Reveal::Nothing)
            .unwrap()
            .notes
            .len(),
        1
    );
    drop(a1);
    // Through the binary: the note is named, nothing of the client's is shown.
    let run = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            "C-1",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: note N-000002 of C-000001 is missing or damaged (the store holds 2 notes but recorded 3); run `casenotes check`\n"
    );
    let run = check(&f);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000002 of C-000001 is missing (its client's record lists it)\n"),
        "{}",
        run.stdout
    );
    no_plaintext(&run.stdout);
    no_plaintext(&run.stderr);
}

/// About the redb file's own bytes (cut short): a PostgreSQL store has no file to cut.
#[test]
fn truncated_files_give_a_clear_error_and_no_panic() {
    let f = Fixture::new();
    two_clients(&f);
    let original = std::fs::read(&f.path).unwrap();
    for keep in [
        0usize,
        1,
        100,
        4096,
        original.len() / 3,
        original.len() / 2,
        original.len() - 4096,
        original.len() - 1,
    ] {
        let path = f.dir.path().join(format!("cut-{keep}.redb"));
        std::fs::write(&path, &original[..keep]).unwrap();
        let outcome = std::panic::catch_unwind(|| match session::open_store(&path) {
            Err(e) => Err(e.to_string()),
            Ok(store) => match session::sign_in(store, "adviser1", &pw(ADVISER_PW)) {
                Err(e) => Err(e.to_string()),
                Ok(s) => s.clients(false).map(|c| c.len()).map_err(|e| e.to_string()),
            },
        });
        let outcome = outcome.unwrap_or_else(|_| panic!("panic on a file cut to {keep} bytes"));
        match outcome {
            Err(msg) => {
                assert!(!msg.contains('\n'), "one line: {msg}");
                assert!(
                    msg.contains("not a casenotes store")
                        || msg.contains("damaged")
                        || msg.contains("wrong username"),
                    "cut to {keep}: unclear error '{msg}'"
                );
            }
            // A cut that only removed free space at the end may still open completely.
            Ok(n) => assert_eq!(n, 2, "cut to {keep}: silently lost clients"),
        }
    }
    // The original, untouched, still opens.
    assert_eq!(f.sign_in("adviser1").clients(false).unwrap().len(), 2);
}

fn a_newer_schema_is_refused_with_a_clear_message(b: Backend) {
    let f = Fixture::on(b);
    let st = Tamper::at(&f);
    st.set_meta(store::meta::SCHEMA, &99u32.to_le_bytes());
    drop(st);
    let e = session::open_store(f.location()).unwrap_err();
    assert!(e.to_string().contains("newer casenotes (schema 99"), "{e}");
}

/// About files (text, a missing path, another program's redb database): no store is made, so
/// there is no backend to choose.
#[test]
fn files_that_are_not_stores_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some text, not a database at all\n".repeat(200)).unwrap();
    let e = session::open_store(&text).unwrap_err();
    assert!(e.to_string().contains("not a casenotes store"), "{e}");
    let missing = dir.path().join("missing.redb");
    let e = session::open_store(&missing).unwrap_err();
    assert!(e.to_string().starts_with("no store at"), "{e}");
    assert!(!missing.exists(), "opening must not create a store");
    // An empty redb database made by something else is not a casenotes store either.
    let other = dir.path().join("other.redb");
    drop(::redb::Database::create(&other).unwrap());
    let e = session::open_store(&other).unwrap_err();
    assert!(e.to_string().contains("not a casenotes store"), "{e}");
}

on_both_backends!(
    flipped_bytes_in_a_sealed_value_are_detected,
    sealed_values_swapped_between_records_are_detected,
    changed_values_are_named,
    two_notes_swapped_are_named_and_neither_shows,
    a_deleted_note_row_is_named,
    a_newer_schema_is_refused_with_a_clear_message,
);
