//! Invariant 4: a save the app reported as done survives `kill -9` at any moment. A writer
//! process saves notes (and autosaves a draft between them) and prints each note's id once the
//! save has returned; it is killed at random moments, again and again, and each time the store
//! must reopen, pass redb's integrity check, hold every acknowledged note, verify its audit
//! chain, and hold either an old or a new draft — never garbage.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use casenotes::domain::{Channel, ClientRef, Draft, NoteId, Section, Sensitivity};
use casenotes::session::{self, NewNote, Reveal, SectionBody};
use casenotes::store::Store;
use common::*;
use rand::Rng;

const WRITER_ENV: &str = "CASENOTES_CRASH_WRITER";
const ROUNDS: usize = 60;

/// The writer, run as a child of the test below (it does nothing in a normal test run).
#[test]
fn crash_writer() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let s = session::sign_in(
        session::open_store(std::path::Path::new(&path)).expect("open"),
        "adviser1",
        &pw(ADVISER_PW),
    )
    .expect("sign in");
    let out = std::io::stdout();
    for i in 0u64.. {
        let draft = Draft {
            client: ClientRef(1),
            channel: Channel::Phone,
            sections: vec![section(
                "Query",
                Sensitivity::Ordinary,
                &format!("draft {i} {}", "d".repeat(300)),
            )],
            saved_at: 0,
        };
        s.save_draft(&draft).expect("draft");
        let id = s
            .add_note(
                ClientRef(1),
                NewNote {
                    channel: Channel::Phone,
                    contact_at: None,
                    sections: vec![section(
                        "Query",
                        Sensitivity::Ordinary,
                        &format!("note {i}"),
                    )],
                },
                None,
            )
            .expect("save");
        let mut o = out.lock();
        writeln!(o, "ACK {} {i}", id.0).expect("stdout");
        o.flush().expect("flush");
    }
}

fn section(heading: &str, label: Sensitivity, text: &str) -> Section {
    Section {
        heading: heading.into(),
        sensitivity: label,
        text: text.into(),
    }
}

#[test]
fn acknowledged_saves_survive_kill_9() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Crash Test");
    assert_eq!(r, ClientRef(1));
    let mut rng = rand::rng();
    let mut acked: Vec<(u64, u64)> = Vec::new();
    let mut kills = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("exe"))
            .args(["crash_writer", "--exact", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &f.path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
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
        child.kill().expect("kill -9");
        let _ = child.wait();
        kills += 1;
        reader.join().expect("reader");
        let this_round = seen.lock().expect("lock").clone();
        let last_i = this_round.last().map(|(_, i)| *i);
        acked.extend(this_round);

        // The file passes redb's own check.
        let store = Store::open(&f.path).expect("reopen after kill");
        assert!(
            store.check_integrity().expect("integrity check"),
            "round {round}: integrity"
        );

        // Every acknowledged note is there and opens.
        let a = f.sign_in("adviser1");
        let view = a
            .open_client(r, None, Reveal::Nothing)
            .expect("open client");
        let present: std::collections::HashSet<NoteId> = view.notes.iter().map(|n| n.id).collect();
        for (id, i) in &acked {
            assert!(
                present.contains(&NoteId(*id)),
                "round {round}: acknowledged note {id} (#{i}) lost"
            );
        }
        for n in &view.notes {
            match &n.sections[0].body {
                SectionBody::Shown(t) => assert!(t.starts_with("note "), "garbled note: {t}"),
                _ => panic!("unexpected section"),
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
