//! Invariant 4: a save the app reported as done survives `kill -9` at any moment. A writer
//! process saves notes (and autosaves a draft between them) and prints each note's id once the
//! save has returned; it is killed at random moments, again and again, and each time the store
//! must reopen, pass redb's integrity check, hold every acknowledged note, verify its audit
//! chain, and hold either an old or a new draft — never garbage.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use casenotes::domain::{ClientRef, NoteId};
use casenotes::session::{Reveal, SectionBody};
use casenotes::store::Store;
use common::*;
use rand::Rng;

const ROUNDS: usize = 60;

/// The writer, `examples/crash_writer.rs`. `cargo test` builds examples (to check that they
/// compile) into `examples/` beside the `deps/` folder that holds this test binary; a test run
/// limited to `--test crash` does not, so a writer that is missing, or older than its source or
/// the library's sources, fails the test rather than testing old code.
fn writer() -> PathBuf {
    let rebuild = "run the tests with `cargo test` (which builds the examples) or build the \
                   writer with `cargo build --example crash_writer`";
    let exe = std::env::current_exe().expect("path of the test binary");
    let deps = exe.parent().expect("the test binary's folder");
    let profile_dir = deps
        .parent()
        .expect("the test binary lives in <target>/<profile>/deps");
    let writer = profile_dir
        .join("examples")
        .join(format!("crash_writer{}", std::env::consts::EXE_SUFFIX));
    let built = match std::fs::metadata(&writer).and_then(|m| m.modified()) {
        Ok(t) => t,
        Err(_) => panic!(
            "the crash writer {} is missing: {rebuild}",
            writer.display()
        ),
    };
    // Its inputs: its own source and the library's sources (an `rlib` in `deps/` may be newer
    // than the writer without being the one it links, e.g. after a plain `cargo build`).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = vec![root.join("examples/crash_writer.rs")];
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a source folder") {
            let path = entry.expect("source entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                inputs.push(path);
            }
        }
    }
    for input in inputs {
        let changed = std::fs::metadata(&input)
            .and_then(|m| m.modified())
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        assert!(
            changed <= built,
            "the crash writer {} is older than {}: {rebuild}",
            writer.display(),
            input.display()
        );
    }
    writer
}

#[test]
fn acknowledged_saves_survive_kill_9() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Crash Test");
    assert_eq!(r, ClientRef(1));
    let writer = writer();
    let mut rng = rand::rng();
    let mut acked: Vec<(u64, u64)> = Vec::new();
    let mut kills = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(&writer)
            .env("CASENOTES_STATE_DIR", f.state_dir())
            .arg(&f.path)
            .args(["adviser1", &r.0.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn writer");
        {
            let mut stdin = child.stdin.take().expect("stdin");
            writeln!(stdin, "{ADVISER_PW}").expect("password to the writer");
        }
        let mut stderr = child.stderr.take().expect("stderr");
        let errors = thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let stdout = child.stdout.take().expect("stdout");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let seen2 = Arc::clone(&seen);
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut parts = line.split_whitespace();
                if parts.next() == Some("ACK")
                    && let (Some(id), Some(i)) = (parts.next(), parts.next())
                    && let (Ok(id), Ok(i)) = (id.parse::<u64>(), i.parse::<u64>())
                {
                    seen2.lock().expect("lock").push((id, i));
                }
            }
        });
        thread::sleep(Duration::from_millis(rng.random_range(30..250)));
        // The writer never stops by itself: if it has, a save failed.
        if let Some(status) = child.try_wait().expect("writer status") {
            let errors = errors.join().expect("stderr reader");
            panic!("round {round}: the writer stopped by itself ({status}): {errors}");
        }
        child.kill().expect("kill -9");
        let status = child.wait().expect("wait for the writer");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "round {round}: {status}");
        }
        #[cfg(not(unix))]
        assert!(!status.success(), "round {round}: {status}");
        kills += 1;
        reader.join().expect("reader");
        errors.join().expect("stderr reader");
        let this_round = seen.lock().expect("lock").clone();
        let last_i = this_round.last().map(|(_, i)| *i);
        acked.extend(this_round);

        // The file passes redb's own check.
        let store = Store::open(&f.path).expect("reopen after kill");
        assert!(
            store.check_integrity().expect("integrity check"),
            "round {round}: integrity"
        );

        // Every acknowledged note is there, opens, and holds what was saved under its id.
        let a = f.sign_in("adviser1");
        let view = a
            .open_client(r, None, Reveal::Nothing)
            .expect("open client");
        let mut texts: HashMap<NoteId, &str> = HashMap::new();
        for n in &view.notes {
            match &n.sections[..] {
                [s] => match &s.body {
                    SectionBody::Shown(t) => {
                        assert!(t.starts_with("note "), "round {round}: garbled note: {t}");
                        texts.insert(n.id, t);
                    }
                    other => panic!("round {round}: unexpected section {other:?}"),
                },
                other => panic!("round {round}: a note with {} sections", other.len()),
            }
        }
        for (id, i) in &acked {
            match texts.get(&NoteId(*id)) {
                None => panic!("round {round}: acknowledged note {id} (#{i}) lost"),
                Some(t) => assert_eq!(*t, format!("note {i}"), "round {round}: note {id}"),
            }
        }
        // The draft is the one from the last round's writes, or the one after: never garbage.
        match a.draft().expect("draft opens") {
            None => assert!(
                last_i.is_none() && acked.is_empty(),
                "round {round}: draft lost"
            ),
            Some(d) => {
                let text = &d.sections[0].text;
                let n: u64 = text
                    .split_whitespace()
                    .nth(1)
                    .and_then(|x| x.parse().ok())
                    .unwrap_or_else(|| panic!("garbled draft: {text}"));
                if let Some(last) = last_i {
                    assert!(
                        n == last || n == last + 1,
                        "round {round}: draft {n} after ack {last}"
                    );
                }
            }
        }
        drop(view);
        drop(a);
        // The audit chain is whole.
        f.sign_in("supervisor")
            .verify_audit()
            .expect("audit chain after kill");
    }
    assert_eq!(kills, ROUNDS);
    assert!(
        acked.len() > ROUNDS,
        "the writer should have saved notes: {}",
        acked.len()
    );
}
