//! Two or more processes using one store at once (two terminals on one machine): every write
//! lands, every process sees the others' writes, and the audit chain stays whole.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use casenotes::domain::Sensitivity;
use casenotes::session::Reveal;
use common::*;

#[test]
fn several_processes_write_one_store_at_once() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r1 = client(&a1, "Held Open");
    drop(a1);
    let a2 = f.sign_in("adviser2");
    let r2 = client(&a2, "Other Terminal");
    drop(a2);

    // This process keeps the store open and signed in throughout.
    let held = f.sign_in("adviser1");

    const PER_USER: usize = 6;
    let mut children = Vec::new();
    for i in 0..PER_USER {
        for (user, password, r) in [("adviser1", ADVISER_PW, r1), ("adviser2", OTHER_PW, r2)] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_casenotes"))
                .env("CASENOTES_STATE_DIR", f.state_dir())
                .args(["--store"])
                .arg(&f.path)
                .args([
                    "--user",
                    user,
                    "--password-stdin",
                    "note",
                    "add",
                    "--client",
                ])
                .arg(r.to_string())
                .arg("--section")
                .arg(format!("Query=note {i} from {user}"))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(format!("{password}\n").as_bytes())
                .expect("write");
            children.push(child);
        }
        // Meanwhile the held session writes too.
        note(
            &held,
            r1,
            vec![section(
                "Query",
                Sensitivity::Ordinary,
                &format!("held note {i}"),
            )],
        );
    }
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "a concurrent writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The process that held the store open sees every other process's notes.
    let v1 = held.open_client(r1, None, Reveal::Nothing).unwrap();
    assert_eq!(v1.notes.len(), 2 * PER_USER);
    assert_eq!(
        v1.summary.note_count as usize,
        2 * PER_USER,
        "note count kept under contention"
    );
    let a2 = f.sign_in("adviser2");
    assert_eq!(
        a2.open_client(r2, None, Reveal::Nothing)
            .unwrap()
            .notes
            .len(),
        PER_USER
    );
    drop(a2);
    drop(held);

    // Note ids are unique across processes, and the audit chain is intact.
    let sup = f.sign_in("supervisor");
    let mut ids: Vec<_> = sup
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "note-added")
        .map(|e| e.detail)
        .collect();
    assert_eq!(ids.len(), 3 * PER_USER);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3 * PER_USER, "note ids must be unique");
    sup.verify_audit()
        .expect("audit chain intact after concurrent writers");
}

#[test]
fn a_store_held_exclusively_by_another_program_is_reported_busy() {
    let f = Fixture::new();
    // Another program holding the file with an exclusive lock.
    let db = redb::Database::create(&f.path).expect("exclusive open");
    let started = std::time::Instant::now();
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: the store is busy: another program holds it exclusively; try again in a moment\n"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    drop(db);
    // Once released, everything is there.
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_session_sees_that_another_process_changed_the_store() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Seen Elsewhere");
    let before = a1.store_version().unwrap();
    assert_eq!(
        a1.store_version().unwrap(),
        before,
        "reading changes nothing"
    );
    // A note added from the command line, as another terminal would.
    let out = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            &r.to_string(),
            "--section",
            "Query=Phoned from the other office",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(a1.store_version().unwrap() > before);
    let list = a1.caseload().unwrap();
    assert_eq!(list[0].note_count, 1);
}
