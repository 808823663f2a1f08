//! A store on PostgreSQL under many writers: sixteen writer processes at once, the server
//! crashing under them, and a connection dropped in the middle of a save.
//!
//! Writers are the real binary: each "writer" runs `casenotes note add` again and again (one
//! process per note, as a script would), so several writers mean as many processes writing at
//! once, each with its own connection. A writer keeps the ids the binary printed: the notes it
//! was told were saved.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use casenotes::domain::{ClientRef, NoteId, Sensitivity};
use casenotes::session::Reveal;
use casenotes::store::{Store, StoreError};
use common::pgrun::*;
use common::*;

const WRITERS: usize = 16;

const NOTES_EACH: usize = 50;

/// What one writer was told.
struct Written {
    writer: usize,
    client: String,
    /// Note id printed, and the note's number within the writer.
    acked: Vec<(String, usize)>,
    failure: Option<String>,
}

fn writer_text(writer: usize, j: usize) -> String {
    format!("writer {writer} note {j}")
}

/// One writer: a client of its own, then [`NOTES_EACH`] notes to it, one `note add` process
/// each, stopping at the first failure.
fn write_notes(f: &Fixture, writer: usize) -> Written {
    let user = if writer.is_multiple_of(2) {
        "adviser1"
    } else {
        "adviser2"
    };
    let name = format!("Writer {}", char::from(b'A' + writer as u8));
    let r = as_user(f, user, &["client", "add", "--name", &name]);
    let mut out = Written {
        writer,
        client: r.stdout.trim().to_string(),
        acked: Vec::new(),
        failure: None,
    };
    if r.code != 0 {
        out.failure = Some(format!("client add: {}", r.stderr));
        return out;
    }
    for j in 0..NOTES_EACH {
        let section = format!("Query={}", writer_text(writer, j));
        let r = as_user(
            f,
            user,
            &[
                "note",
                "add",
                "--client",
                &out.client,
                "--section",
                &section,
            ],
        );
        if r.code != 0 {
            out.failure = Some(format!("note {j}: {}", r.stderr));
            return out;
        }
        out.acked.push((r.stdout.trim().to_string(), j));
    }
    out
}

/// The first requirement: 16 writer processes adding 50 notes each at once, against
/// one database. Every note a writer was told was saved is there, with its text, under an id
/// no other note has; client references never collide; the audit chain verifies, and `check`
/// finds nothing wrong. Prints the rate (notes a second, end to end through the binary).
#[test]
fn sixteen_writer_processes_at_once_lose_nothing() {
    let f = Fixture::on(Backend::Postgres);
    let started = Instant::now();
    let written: Vec<Written> = std::thread::scope(|s| {
        let f = &f;
        let writers: Vec<_> = (0..WRITERS)
            .map(|i| s.spawn(move || write_notes(f, i)))
            .collect();
        writers
            .into_iter()
            .map(|w| w.join().expect("writer thread"))
            .collect()
    });
    let elapsed = started.elapsed();
    let total: usize = written.iter().map(|w| w.acked.len()).sum();
    eprintln!(
        "postgres: {WRITERS} writers x {NOTES_EACH} notes (one `note add` process each): {total} notes in {:.1} s = {:.1} notes/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    for w in &written {
        assert!(w.failure.is_none(), "writer {}: {:?}", w.writer, w.failure);
        assert_eq!(w.acked.len(), NOTES_EACH, "writer {}", w.writer);
    }

    // Client references and note ids never collided.
    let clients: BTreeSet<&str> = written.iter().map(|w| w.client.as_str()).collect();
    assert_eq!(clients.len(), WRITERS, "client references collided");
    let ids: BTreeSet<&str> = written
        .iter()
        .flat_map(|w| w.acked.iter().map(|(id, _)| id.as_str()))
        .collect();
    assert_eq!(ids.len(), WRITERS * NOTES_EACH, "note ids collided");

    // Every acknowledged note is there, as saved; nothing else is.
    let sup = f.sign_in("supervisor");
    let caseload = sup.caseload().expect("caseload");
    assert_eq!(caseload.len(), WRITERS);
    for w in &written {
        let summary = caseload
            .iter()
            .find(|c| c.reference.to_string() == w.client)
            .unwrap_or_else(|| panic!("client {} of writer {} missing", w.client, w.writer));
        assert_eq!(summary.note_count as usize, NOTES_EACH, "{}", w.client);
        let view = sup
            .open_client(summary.reference, None, Reveal::Nothing)
            .expect("open client");
        let texts: HashMap<String, String> = view
            .notes
            .iter()
            .map(|n| (n.id.to_string(), shown(&n.sections[0])))
            .collect();
        assert_eq!(texts.len(), NOTES_EACH, "{}", w.client);
        for (id, j) in &w.acked {
            match texts.get(id) {
                None => panic!("writer {} was told {id} was saved; it is missing", w.writer),
                Some(t) => assert_eq!(*t, writer_text(w.writer, *j), "{id}"),
            }
        }
    }
    assert_eq!(
        cluster(&f).psql(PG_DB, "SELECT count(*) FROM casenotes.notes"),
        (WRITERS * NOTES_EACH).to_string()
    );
    let trail = sup.audit(None).expect("audit");
    let added: BTreeSet<&str> = trail
        .iter()
        .filter(|e| e.action == "note-added")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(added.len(), WRITERS * NOTES_EACH, "one event per note");
    drop(sup);

    let verified = ok(
        as_user(&f, "supervisor", &["audit", "verify"]),
        "audit verify",
    );
    assert!(verified.starts_with("audit trail intact: "), "{verified}");
    let checked = ok(as_user(&f, "supervisor", &["check"]), "check");
    assert!(checked.ends_with("no problems found\n"), "{checked}");
}

/// Writers saving notes when the server stops at once (`pg_ctl stop -m immediate`, as a power
/// cut), three times over: each writer fails with one clear line, no panic; once the server is
/// back every note a writer was told was saved is there with its text, and the chain verifies.
#[test]
fn a_server_crash_loses_no_acknowledged_note() {
    const ROUNDS: usize = 3;
    let f = Fixture::on(Backend::Postgres);
    let mut clients = Vec::new();
    for (user, name) in [
        ("adviser1", "Crash Able"),
        ("adviser2", "Crash Baker"),
        ("adviser1", "Crash Charlie"),
        ("adviser2", "Crash Delta"),
    ] {
        clients.push((user, client(&f.sign_in(user), name)));
    }
    let mut acked: Vec<(ClientRef, String, String)> = Vec::new();
    let mut lines = BTreeSet::new();
    for round in 0..ROUNDS {
        let (round_acked, failures, stopped_at) = crash_round(&f, &clients, round);
        for (k, (run, at)) in failures.iter().enumerate() {
            let what = format!("round {round}, crash writer {k}");
            let line = one_error_line(run, &what);
            assert!(
                *at >= stopped_at,
                "{what} failed before the server stopped: {line}"
            );
            assert!(line.contains("database server"), "{what}: {line}");
            assert!(!line.contains(password(clients[k].0)), "{line}");
            lines.insert(line);
        }
        acked.extend(round_acked);
        cluster(&f).start_again();

        let sup = f.sign_in("supervisor");
        let mut texts: HashMap<(ClientRef, String), String> = HashMap::new();
        for &(_, r) in &clients {
            for n in sup
                .open_client(r, None, Reveal::Nothing)
                .expect("open client")
                .notes
            {
                texts.insert((r, n.id.to_string()), shown(&n.sections[0]));
            }
        }
        for (r, id, text) in &acked {
            match texts.get(&(*r, id.clone())) {
                None => panic!("round {round}: {id} of {r} was acknowledged and is lost"),
                Some(t) => assert_eq!(t, text, "round {round}: {id}"),
            }
        }
        // At most one note per writer and round saved without the writer being told (its
        // commit reached the server; the answer did not reach the writer).
        assert!(
            texts.len() <= acked.len() + (round + 1) * clients.len(),
            "round {round}: {} notes, {} acknowledged",
            texts.len(),
            acked.len()
        );
        sup.verify_audit().expect("audit chain after the crash");
        let report = sup.check().expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        eprintln!(
            "postgres crash round {round}: {} notes acknowledged in all, {} present",
            acked.len(),
            texts.len()
        );
    }
    eprintln!("postgres crash: the writers stopped with: {lines:#?}");
    ok(
        as_user(&f, "supervisor", &["check"]),
        "check after the crashes",
    );
}

/// One round: a writer per client saving notes until a save fails; the server stopped at once
/// after at least 16 saves. Returns the notes acknowledged (client, id, text), each writer's
/// failed run and when it ended, and when the server was stopped.
#[allow(clippy::type_complexity)]
fn crash_round(
    f: &Fixture,
    clients: &[(&'static str, ClientRef)],
    round: usize,
) -> (
    Vec<(ClientRef, String, String)>,
    Vec<(Run, Instant)>,
    Instant,
) {
    let acked: Mutex<Vec<(ClientRef, String, String)>> = Mutex::new(Vec::new());
    let saved = AtomicUsize::new(0);
    let (failures, stopped_at) = std::thread::scope(|s| {
        let writers: Vec<_> = clients
            .iter()
            .enumerate()
            .map(|(k, &(user, r))| {
                let (acked, saved) = (&acked, &saved);
                s.spawn(move || {
                    let client = r.to_string();
                    for j in 0.. {
                        let text = format!("round {round} writer {k} note {j}");
                        let run = as_user(
                            f,
                            user,
                            &[
                                "note",
                                "add",
                                "--client",
                                &client,
                                "--section",
                                &format!("Query={text}"),
                            ],
                        );
                        if run.code != 0 {
                            return (run, Instant::now());
                        }
                        acked
                            .lock()
                            .expect("lock")
                            .push((r, run.stdout.trim().to_string(), text));
                        saved.fetch_add(1, Ordering::SeqCst);
                    }
                    unreachable!()
                })
            })
            .collect();
        // Let them save some, then pull the plug.
        let waiting = Instant::now();
        while saved.load(Ordering::SeqCst) < 16 + 5 * round {
            assert!(
                waiting.elapsed() < Duration::from_secs(90),
                "the writers saved too little"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let stopped_at = Instant::now();
        cluster(f).stop_immediate();
        let failures: Vec<(Run, Instant)> = writers
            .into_iter()
            .map(|w| w.join().expect("writer thread"))
            .collect();
        (failures, stopped_at)
    });
    (acked.into_inner().expect("lock"), failures, stopped_at)
}

// --- 3. A connection dropped in the middle of a save -----------------------------------------

/// The binary saving a note loses its connection after the save has begun writing: a trigger
/// holds the note's row until the test terminates the connection's server process. The
/// command fails with one clear line that says nothing was saved, and nothing of the save is
/// in the store: no note, no event, no number taken (the next note gets the next id).
#[test]
fn a_connection_dropped_mid_save_saves_nothing_and_says_so() {
    let f = Fixture::on(Backend::Postgres);
    let c = cluster(&f);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Dropped Line");
    let first = note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "before the drop")],
    );
    drop(a1);

    // A note's row waits for advisory lock 4242, which this test holds.
    c.psql(
        PG_DB,
        "CREATE FUNCTION public.hold_note() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END $$; \
         CREATE TRIGGER hold_note BEFORE INSERT ON casenotes.notes \
         FOR EACH ROW EXECUTE FUNCTION public.hold_note();",
    );
    let mut holder = casenotes::store::PgTarget::parse(&f.store)
        .expect("address")
        .connect()
        .expect("connect");
    holder
        .batch_execute("SELECT pg_advisory_lock(4242)")
        .expect("advisory lock");

    let secret = "DROPPED-SAVE-CANARY text";
    let child = spawn_as(
        &f,
        "adviser1",
        &[
            "note",
            "add",
            "--client",
            &r.to_string(),
            "--section",
            &format!("Query={secret}"),
        ],
    );
    let pid = wait_for(
        c,
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted",
        Duration::from_secs(30),
        "the save to reach the note's row",
    );
    // Mid-save: the audit table is locked by that transaction, which has written already (it
    // has a transaction id: the note's number taken).
    assert_eq!(
        c.psql(
            PG_DB,
            &format!(
                "SELECT count(*) FROM pg_locks WHERE pid = {pid} AND relation = 'casenotes.audit'::regclass AND mode = 'ExclusiveLock' AND granted"
            )
        ),
        "1"
    );
    assert_eq!(
        c.psql(
            PG_DB,
            &format!("SELECT backend_xid IS NOT NULL FROM pg_stat_activity WHERE pid = {pid}")
        ),
        "t"
    );
    terminate(c, &pid);
    let run = finished(child);
    let line = one_error_line(&run, "note add with its connection dropped");
    assert_eq!(
        line,
        "error: the connection to the database server was lost; nothing was saved: try again once the server is back"
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    for leak in [secret, ADVISER_PW] {
        assert!(!run.stderr.contains(leak), "{}", run.stderr);
    }

    holder
        .batch_execute("SELECT pg_advisory_unlock(4242)")
        .expect("unlock");
    drop(holder);
    c.psql(
        PG_DB,
        "DROP TRIGGER hold_note ON casenotes.notes; DROP FUNCTION public.hold_note();",
    );

    // Nothing of the save: one note, one note-added event, and the next note takes the next
    // number.
    let a1 = f.sign_in("adviser1");
    let view = a1.open_client(r, None, Reveal::Nothing).expect("open");
    assert_eq!(view.notes.len(), 1);
    assert_eq!(view.summary.note_count, 1);
    assert_eq!(view.notes[0].id, first);
    let next = note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "after the drop")],
    );
    assert_eq!(next, NoteId(first.0 + 1), "the dropped save took no number");
    drop(a1);
    let sup = f.sign_in("supervisor");
    let added = sup
        .audit(None)
        .expect("audit")
        .iter()
        .filter(|e| e.action == "note-added")
        .count();
    assert_eq!(added, 2);
    sup.verify_audit().expect("chain");
    assert!(!f.holds(b"DROPPED-SAVE-CANARY"));
}

/// The same at the storage interface, where the moment is exact: a write transaction that has
/// written a row loses its connection; the next write, or the commit, fails with
/// [`StoreError::ConnectionLost`] (one line, no row value), nothing of it is visible, and the
/// store goes on working on a new connection.
#[test]
fn a_write_transaction_whose_connection_drops_leaves_nothing() {
    let f = Fixture::on(Backend::Postgres);
    let c = cluster(&f);
    let store = Store::open_at(&f.location()).expect("open");
    let holder = || {
        wait_for(
            c,
            "SELECT pid FROM pg_locks WHERE relation = 'casenotes.audit'::regclass AND mode = 'ExclusiveLock' AND granted",
            Duration::from_secs(10),
            "the writer's lock",
        )
    };
    let value = b"ROW-VALUE-CANARY";

    // Dropped before the next write: that write says nothing was saved.
    let mut w = store.write().expect("write");
    w.meta_put("probe-one", value).expect("put");
    terminate(c, &holder());
    let e = w.meta_put("probe-two", value).expect_err("connection gone");
    assert!(matches!(e, StoreError::ConnectionLost(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "the connection to the database server was lost; nothing was saved: try again once the server is back"
    );
    drop(w);

    // Dropped before the commit: the commit fails (its outcome unknown to the writer); the
    // server rolled it back.
    let mut w = store.write().expect("write on a new connection");
    w.meta_put("probe-three", value).expect("put");
    terminate(c, &holder());
    let e = w.commit().expect_err("connection gone");
    assert!(matches!(e, StoreError::ConnectionLost(_)), "{e:?}");
    let text = e.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(
        text.starts_with("the connection to the database server was lost; "),
        "{text}"
    );
    assert!(!text.contains("ROW-VALUE"), "{text}");

    let r = store.read().expect("read on a new connection");
    for key in ["probe-one", "probe-two", "probe-three"] {
        assert_eq!(r.meta_get(key).expect("get"), None, "{key}");
    }
    drop(r);
    assert_eq!(
        c.psql(
            PG_DB,
            "SELECT count(*) FROM casenotes.meta WHERE k::text LIKE '%70726f6265%'"
        ),
        "0"
    );
    // The store goes on: a session writes and the chain verifies.
    let sup = f.sign_in("supervisor");
    sup.verify_audit().expect("chain");
}

// --- 4. From a file to PostgreSQL and back ---------------------------------------------------
