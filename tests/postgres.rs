//! A store on PostgreSQL as an office uses it, against real throwaway clusters: many writer
//! processes at once, the server crashing under them, a connection dropped in the middle of a
//! save, a store moved from a file to the database and back, `init` on every kind of database,
//! no server at all, and the "done means": two advisers saving at once, a supervisor
//! seeing both, and nothing readable on the server.
//!
//! Writers are the real binary: each "writer" runs `casenotes note add` again and again (one
//! process per note, as a script would), so several writers mean as many processes writing at
//! once, each with its own connection. A writer keeps the ids the binary printed: the notes it
//! was told were saved.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use casenotes::domain::{
    Channel, ClientRef, ConsentMethod, ConsentScope, Draft, NoteId, Sensitivity,
};
use casenotes::session::{
    self, Credentials, Location, NewClient, Reveal, SectionBody, SectionView, Session,
};
use casenotes::store::{Store, StoreError};
use common::pg::Cluster;
use common::*;

fn password(user: &str) -> &'static str {
    match user {
        "admin" => ADMIN_PW,
        "supervisor" => SUPERVISOR_PW,
        "adviser1" => ADVISER_PW,
        "adviser2" => OTHER_PW,
        other => panic!("no fixture password for {other}"),
    }
}

/// `casenotes --user USER --password-stdin ARGS…` against the fixture's store.
fn as_user(f: &Fixture, user: &str, args: &[&str]) -> Run {
    let mut all = vec!["--user", user, "--password-stdin"];
    all.extend_from_slice(args);
    f.run(&all, &format!("{}\n", password(user)))
}

/// What a run that must succeed printed.
fn ok(r: Run, what: &str) -> String {
    assert_eq!(
        r.code, 0,
        "{what}: exit {}\nstdout: {}\nstderr: {}",
        r.code, r.stdout, r.stderr
    );
    r.stdout
}

/// The one line a failed run printed: exit status 1, one line `error: …` on standard error and
/// nothing else — no panic, no backtrace.
fn one_error_line(r: &Run, what: &str) -> String {
    assert_eq!(
        r.code, 1,
        "{what}: exit {}\nstdout: {}\nstderr: {}",
        r.code, r.stdout, r.stderr
    );
    assert!(
        r.stderr.starts_with("error: ")
            && r.stderr.ends_with('\n')
            && r.stderr.lines().count() == 1,
        "{what}: not one error line: {:?}",
        r.stderr
    );
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "internal error"] {
        assert!(!r.stderr.contains(bad), "{what}: {:?}", r.stderr);
    }
    r.stderr.trim_end().to_string()
}

fn cluster(f: &Fixture) -> &Cluster {
    f.cluster.as_ref().expect("a PostgreSQL fixture")
}

/// Runs `psql` until `sql` prints something other than nothing (or `timeout` passes); returns
/// what it printed.
fn wait_for(c: &Cluster, sql: &str, timeout: Duration, what: &str) -> String {
    let started = Instant::now();
    loop {
        let out = c.psql(PG_DB, sql);
        if !out.is_empty() {
            return out;
        }
        assert!(started.elapsed() < timeout, "waited {timeout:?} for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Terminates server process `pid` and waits until it is gone.
fn terminate(c: &Cluster, pid: &str) {
    assert_eq!(
        c.psql(PG_DB, &format!("SELECT pg_terminate_backend({pid})")),
        "t"
    );
    wait_for(
        c,
        &format!(
            "SELECT 'gone' WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {pid})"
        ),
        Duration::from_secs(10),
        "the terminated backend to exit",
    );
}

// --- 1. Many writers at once -----------------------------------------------------------------

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

fn shown(s: &SectionView) -> String {
    match &s.body {
        SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
        SectionBody::Masked => "(masked)".into(),
    }
}

// --- 2. The server crashes under the writers -------------------------------------------------

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

/// Starts the binary as `user` with `args`, password on standard input, not waiting for it.
fn spawn_as(f: &Fixture, user: &str, args: &[&str]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .env_remove("CASENOTES_STORE")
        .env_remove("CASENOTES_USER")
        .env("NO_COLOR", "1")
        .env("CASENOTES_STATE_DIR", f.state_dir())
        .args(["--store", &f.store, "--user", user, "--password-stdin"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn casenotes");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", password(user)).expect("password to casenotes");
    child
}

fn finished(child: Child) -> Run {
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

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

/// What `populate` made.
struct Populated {
    key_file: PathBuf,
}

/// Every kind of record: clients with confidential details, notes with ordinary, confidential
/// and special-category sections, agreed actions (one done), a correction, an addendum, a
/// sign-off, consents, drafts, and an account with a key file.
fn populate(f: &Fixture) -> Populated {
    use Sensitivity::{Confidential, Ordinary};
    let a1 = f.sign_in("adviser1");
    let alma = a1
        .add_client(NewClient {
            name: "Alma MIGRANT-NAME".into(),
            date_of_birth: Some("1980-02-03".into()),
            contact: Some("alma@example.org".into()),
            adviser: None,
        })
        .expect("add client");
    let n1 = note(
        &a1,
        alma,
        vec![
            section("Query", Ordinary, "rent arrears MIGRATE-ORDINARY"),
            section("Health", health(), "MIGRATE-SPECIAL asthma"),
            section("Background", Confidential, "MIGRATE-CONFIDENTIAL"),
            section(
                "Actions agreed",
                Ordinary,
                "Call the landlord in 2 weeks\nClient to bring three payslips",
            ),
        ],
    );
    let n2 = note(
        &a1,
        alma,
        vec![section("Query", Ordinary, "second visit, with a typo")],
    );
    a1.correct_note(
        alma,
        n2,
        vec![section("Query", Ordinary, "second visit, corrected")],
        "typo",
    )
    .expect("correct");
    a1.add_addendum(
        alma,
        n1,
        section("Addendum", Ordinary, "the landlord rang back"),
        None,
    )
    .expect("addendum");
    a1.complete_action(alma, 1, None).expect("action done");
    a1.give_consent(
        alma,
        ConsentScope::Recording,
        ConsentMethod::Written,
        None,
        None,
    )
    .expect("consent");
    a1.give_consent(
        alma,
        ConsentScope::Sharing {
            with: "Shelter".into(),
        },
        ConsentMethod::Verbal,
        None,
        None,
    )
    .expect("consent");
    a1.save_draft(&Draft {
        client: alma,
        channel: Channel::Phone,
        sections: vec![section("Query", Ordinary, "MIGRATE-DRAFT unfinished")],
        saved_at: 0,
        purpose: Default::default(),
    })
    .expect("draft");
    let other = client(&a1, "Second Client");
    note(
        &a1,
        other,
        vec![section("Query", Confidential, "only for those who ask")],
    );
    drop(a1);

    let a2 = f.sign_in("adviser2");
    let bert = client(&a2, "Bertie Moved");
    note(
        &a2,
        bert,
        vec![section("Query", Ordinary, "debt advice MIGRATE-BERT")],
    );
    let key_file = f.dir.path().join("adviser2.key");
    a2.bind_key_file(&pw(OTHER_PW), &key_file)
        .expect("key file");
    drop(a2);

    f.sign_in("supervisor")
        .sign_off(alma, n1)
        .expect("sign off");
    Populated { key_file }
}

/// Signs in to the store at `at` as `user`, keeping this machine's witness in `state`.
fn sign_in_at(at: &Location, state: &Path, user: &str, key_file: &Path) -> Session {
    let store = session::open_store(at.clone())
        .expect("open")
        .with_state_dir(state);
    let password = pw(password(user));
    let credentials = Credentials {
        password: &password,
        key_file: (user == "adviser2").then_some(key_file),
        code: None,
    };
    session::sign_in_with(store, user, &credentials)
        .unwrap_or_else(|e| panic!("{user} signs in to {}: {e}", at.describe()))
}

fn section_text(s: &SectionView) -> String {
    format!(
        "[{} {:?} {} {:?}]",
        s.heading,
        s.sensitivity,
        shown(s),
        s.redacted
    )
}

/// Everything the store's people see of it: the supervisor's view of every client (revealed),
/// with notes, their histories, actions and consents; each adviser's caseload and drafts; the
/// administrator's list of users. Taking it writes audit events (sign-ins, reveals), which
/// [`trail`] leaves out by being read first.
fn picture(at: &Location, state: &Path, key_file: &Path) -> (Vec<String>, Vec<String>) {
    let why = "checking a migrated store";
    let mut out = Vec::new();
    let sup = sign_in_at(at, state, "supervisor", key_file);
    let trail = backups_trail(&sup);
    for c in sup.caseload().expect("caseload") {
        out.push(format!(
            "client {} {} by {} {:?} opened {} last {:?} notes {} actions {}/{} next {:?}",
            c.reference,
            c.name.as_str(),
            c.adviser,
            c.status,
            c.opened_at,
            c.last_contact,
            c.note_count,
            c.open_actions,
            c.overdue_actions,
            c.next_due
        ));
        let v = sup
            .open_client(c.reference, None, Reveal::All { reason: why })
            .expect("open client");
        if let Some(d) = &v.details {
            out.push(format!(
                "  details {:?} {:?}",
                d.date_of_birth.as_deref(),
                d.contact.as_deref()
            ));
        }
        for n in &v.notes {
            let sections: Vec<String> = n.sections.iter().map(section_text).collect();
            out.push(format!(
                "  note {} by {} at {} {:?} {:?} {:?}: {}",
                n.id,
                n.author,
                n.contact_at,
                n.channel,
                n.status,
                n.marks,
                sections.join(" ")
            ));
            for rev in sup
                .note_history(c.reference, n.id, Some(why))
                .expect("history")
            {
                let sections: Vec<String> = rev.sections.iter().map(section_text).collect();
                out.push(format!(
                    "    revision {} by {} at {} why {:?}: {}",
                    rev.revision,
                    rev.by,
                    rev.at,
                    rev.why.as_deref(),
                    sections.join(" ")
                ));
            }
        }
        for a in &v.actions {
            out.push(format!(
                "  action {} {:?} {} {:?} due {:?} from {} at {} done {:?}",
                a.number,
                a.owner,
                match &a.text {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
                    SectionBody::Masked => "(masked)".into(),
                },
                a.sensitivity,
                a.due,
                a.note,
                a.created_at,
                a.done
            ));
        }
        for k in &v.consents {
            out.push(format!(
                "  consent {} {} {} given {:?} renew {:?} withdrawn {:?} {:?} by {} current {}",
                k.number,
                k.scope,
                k.method.as_str(),
                k.given_on,
                k.renew_by,
                k.withdrawn_on,
                k.withdrawn_by,
                k.recorded_by,
                k.current
            ));
        }
    }
    drop(sup);
    for user in ["adviser1", "adviser2"] {
        let s = sign_in_at(at, state, user, key_file);
        for c in s.caseload().expect("caseload") {
            out.push(format!("{user} has {}", c.reference));
        }
        for d in s.drafts().expect("drafts") {
            let sections: Vec<String> = d
                .sections
                .iter()
                .map(|s| format!("[{} {:?} {}]", s.heading, s.sensitivity, s.text))
                .collect();
            out.push(format!(
                "{user} draft for {} {:?} at {}: {}",
                d.client,
                d.channel,
                d.saved_at,
                sections.join(" ")
            ));
        }
    }
    let admin = sign_in_at(at, state, "admin", key_file);
    for u in admin.users().expect("users") {
        out.push(format!("user {u:?}"));
    }
    (out, trail)
}

/// The audit trail as a supervisor reads it, one event a line.
fn backups_trail(s: &Session) -> Vec<String> {
    s.audit(None)
        .expect("audit")
        .iter()
        .map(|e| serde_json::to_string(e).expect("json"))
        .collect()
}

/// The events of `trail` up to and including event `last`.
fn up_to(trail: &[String], last: usize) -> &[String] {
    &trail[..last.min(trail.len())]
}

/// The number of the newest `store-migrated` event in `trail` (events are numbered from 1).
fn last_migration(trail: &[String]) -> usize {
    trail
        .iter()
        .rposition(|e| e.contains("\"store-migrated\""))
        .expect("a store-migrated event")
        + 1
}

/// `casenotes --user USER --password-stdin migrate --from FROM --to TO`, the witness kept in
/// `state`.
fn migrate(user: &str, from: &str, to: &str, state: &Path) -> Run {
    run_bin_in(
        None,
        Some(state),
        &[
            "--user",
            user,
            "--password-stdin",
            "migrate",
            "--from",
            from,
            "--to",
            to,
        ],
        &format!("{}\n", password(user)),
    )
}

/// A plain dump of database `db`, without the random key each dump makes for its own
/// `\restrict` lines.
fn dump(c: &Cluster, db: &str) -> Vec<String> {
    String::from_utf8_lossy(&c.pg_dump(db))
        .lines()
        .filter(|l| !l.starts_with("\\restrict ") && !l.starts_with("\\unrestrict "))
        .map(str::to_string)
        .collect()
}

fn first_difference(a: &Location, b: &Location) -> Option<&'static str> {
    let a = Store::open_at(a).expect("open");
    let b = Store::open_at(b).expect("open");
    let ra = a.read().expect("read");
    let rb = b.read().expect("read");
    ra.first_difference(&rb).expect("compare")
}

/// A store moved from a file into PostgreSQL and from there into a new file holds every row of
/// the original, byte for byte, at each step; every note, user, draft, consent, action and
/// audit event reads the same on all three; each chain verifies and each passes `check`; every
/// password (and the key file) still opens each copy. A copy into a database that holds
/// anything, or onto an existing file, is refused and changes nothing there; only an
/// administrator may copy a store.
#[test]
fn a_store_moves_to_postgres_and_back_unchanged() {
    let f = Fixture::new();
    let made = populate(&f);
    let c = Cluster::start();
    let pg_url = c.create_db("moved");
    let file = f.path.to_string_lossy().into_owned();
    let back = f.dir.path().join("back").join("store.redb");
    let back_s = back.to_string_lossy().into_owned();
    let original = Location::File(f.path.clone());
    let pg = Location::parse(std::ffi::OsStr::new(&pg_url)).expect("address");
    let returned = Location::File(back.clone());
    let pg_state = f.dir.path().join("state-pg");
    let back_state = f.dir.path().join("state-back");

    let out = ok(
        migrate("admin", &file, &pg_url, &f.state_dir()),
        "migrate to PostgreSQL",
    );
    assert!(out.contains("moved on "), "{out}");
    assert_eq!(
        first_difference(&original, &pg),
        None,
        "the database differs from the file"
    );
    let out = ok(
        migrate("admin", &pg_url, &back_s, &pg_state),
        "migrate back to a file",
    );
    assert!(out.contains(&back_s), "{out}");
    assert_eq!(
        first_difference(&pg, &returned),
        None,
        "the file differs from the database"
    );

    let (seen_original, trail_original) = picture(&original, &f.state_dir(), &made.key_file);
    let (seen_pg, trail_pg) = picture(&pg, &pg_state, &made.key_file);
    let (seen_back, trail_back) = picture(&returned, &back_state, &made.key_file);
    for needle in [
        "MIGRATE-SPECIAL",
        "MIGRATE-CONFIDENTIAL",
        "second visit, corrected",
        "the landlord rang back",
        "MIGRATE-DRAFT",
        "alma@example.org",
        "Shelter",
        "payslips",
        "MIGRATE-BERT",
    ] {
        assert!(
            seen_original.iter().any(|l| l.contains(needle)),
            "{needle} not seen"
        );
    }
    assert_eq!(seen_pg, seen_original, "PostgreSQL copy");
    assert_eq!(seen_back, seen_original, "copy back to a file");
    // The trail: the original's up to its migration; the two copies up to the second.
    let first = last_migration(&trail_original);
    assert_eq!(up_to(&trail_pg, first), up_to(&trail_original, first));
    let second = last_migration(&trail_back);
    assert!(second > first);
    assert_eq!(up_to(&trail_back, second), up_to(&trail_pg, second));

    for (at, state) in [
        (&original, f.state_dir()),
        (&pg, pg_state.clone()),
        (&returned, back_state.clone()),
    ] {
        let sup = sign_in_at(at, &state, "supervisor", &made.key_file);
        sup.verify_audit()
            .unwrap_or_else(|e| panic!("{}: {e}", at.describe()));
        let report = sup.check().expect("check");
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            at.describe(),
            report.problems
        );
        assert!(sup.rollback_warning().is_none());
        drop(sup);
        // The key file is still needed.
        let store = session::open_store(at.clone())
            .expect("open")
            .with_state_dir(&state);
        assert!(session::sign_in(store, "adviser2", &pw(OTHER_PW)).is_err());
    }

    // Refused: a database that holds a store, or anything else; an existing file; anyone
    // but an administrator. Each leaves the target as it was.
    let before = dump(&c, "moved");
    let line = one_error_line(
        &migrate("admin", &file, &pg_url, &f.state_dir()),
        "migrate into a store",
    );
    assert!(line.ends_with("already holds a casenotes store"), "{line}");
    assert!(dump(&c, "moved") == before, "the database changed");

    let other_url = c.create_db("other");
    c.psql(
        "other",
        "CREATE TABLE payroll (id int PRIMARY KEY, who text); INSERT INTO payroll VALUES (1, 'someone');",
    );
    let before = dump(&c, "other");
    let line = one_error_line(
        &migrate("admin", &file, &other_url, &f.state_dir()),
        "migrate into a database in use",
    );
    assert!(line.contains("is not empty"), "{line}");
    assert!(dump(&c, "other") == before, "the database changed");

    let bytes = std::fs::read(&back).expect("read");
    let line = one_error_line(
        &migrate("admin", &pg_url, &back_s, &pg_state),
        "migrate onto a file",
    );
    assert!(
        line.ends_with("already exists; a copy never replaces a file"),
        "{line}"
    );
    assert!(
        std::fs::read(&back).expect("read") == bytes,
        "the file changed"
    );

    let fresh = c.create_db("fresh");
    let third = f.dir.path().join("third.redb");
    for (to, what) in [
        (third.to_string_lossy().into_owned(), "file"),
        (fresh, "db"),
    ] {
        let line = one_error_line(
            &migrate("supervisor", &file, &to, &f.state_dir()),
            &format!("a supervisor migrates to a {what}"),
        );
        assert_eq!(
            line,
            "error: copying the store to another is not allowed for the supervisor role"
        );
    }
    assert!(!third.exists());
    // Nothing was copied, and the source's trail does not say otherwise.
    let sup = sign_in_at(&original, &f.state_dir(), "supervisor", &made.key_file);
    let migrations = backups_trail(&sup)
        .iter()
        .filter(|e| e.contains("\"store-migrated\""))
        .count();
    assert_eq!(migrations, 1, "a refused copy was logged as made");
    assert_eq!(
        c.psql(
            "fresh",
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'casenotes'"
        ),
        "0"
    );
}

// --- 5. `init` on every kind of database -----------------------------------------------------

fn bin_at(store: &str, state: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["--store", store];
    all.extend_from_slice(args);
    run_bin_in(None, Some(state), &all, stdin)
}

/// `init --store postgres://…` makes the store's tables in an empty database, and refuses a
/// database that holds a store or anything else; opening refuses a database without a store
/// and a store of a newer layout — each with one line.
#[test]
fn init_makes_a_store_in_an_empty_database_only() {
    let c = Cluster::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let at = c.socket_dir().display().to_string();
    let init = |url: &str| {
        bin_at(
            url,
            &state,
            &["--password-stdin", "init", "--admin", "boss"],
            &format!("{ADMIN_PW}\n"),
        )
    };
    let verify = |url: &str| {
        bin_at(
            url,
            &state,
            &["--user", "boss", "--password-stdin", "audit", "verify"],
            &format!("{ADMIN_PW}\n"),
        )
    };

    let url = c.create_db("office");
    let out = ok(init(&url), "init");
    assert_eq!(
        out,
        format!("created store office on {at} with administrator boss\n")
    );
    assert_eq!(
        c.psql("office", "SELECT version FROM casenotes.layout"),
        "1"
    );
    let tables = c.psql(
        "office",
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'casenotes'",
    );
    for t in [
        "audit", "clients", "layout", "meta", "notes", "slots", "users",
    ] {
        assert!(tables.split(',').any(|n| n == t), "{t} in {tables}");
    }
    let out = ok(verify(&url), "audit verify");
    assert!(out.starts_with("audit trail intact: "), "{out}");

    let again = one_error_line(&init(&url), "a second init");
    assert_eq!(
        again,
        format!("error: the database office on {at} already holds a casenotes store")
    );

    let busy = c.create_db("busy");
    c.psql("busy", "CREATE TABLE things (x int)");
    let line = one_error_line(&init(&busy), "init on a database in use");
    assert!(
        line.starts_with(&format!("error: the database busy on {at} is not empty")),
        "{line}"
    );
    assert_eq!(
        c.psql(
            "busy",
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'casenotes'"
        ),
        "0"
    );

    for (url, name) in [(&busy, "busy"), (&c.create_db("blank"), "blank")] {
        let line = one_error_line(&verify(url), "a database without a store");
        assert_eq!(
            line,
            format!(
                "error: the database {name} on {at} holds no casenotes store; create one with `casenotes init --store …`"
            )
        );
    }

    c.psql("office", "UPDATE casenotes.layout SET version = 99");
    let line = one_error_line(&verify(&url), "a newer layout");
    assert!(line.contains("newer casenotes"), "{line}");
    assert!(line.contains("99"), "{line}");
}

// --- 6. No server ----------------------------------------------------------------------------

/// A `--store` address whose server is not running: one line saying it cannot be reached,
/// exit status 1, at once.
#[test]
fn no_server_gives_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let url = format!(
        "postgresql:///office?host={}&user=postgres",
        dir.path().display()
    );
    let started = Instant::now();
    for args in [
        &["--user", "adviser1", "--password-stdin", "client", "list"][..],
        &["--password-stdin", "init", "--admin", "boss"][..],
    ] {
        let line = one_error_line(
            &bin_at(&url, &state, args, &format!("{ADVISER_PW}\n")),
            "no server",
        );
        assert_eq!(
            line,
            format!(
                "error: cannot reach the database server at {}: no server is listening there (its socket file does not exist)",
                dir.path().display()
            )
        );
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

// --- 7. The "done means" -------------------------------------------------------------

/// Two advisers add notes through the binary at the same time against one database; a
/// supervisor sees both clients and every note; and neither the database's dump nor its files
/// on disk hold a note's text, a client's name or a username.
#[test]
fn two_advisers_at_once_a_supervisor_sees_both_and_the_server_reads_nothing() {
    const EACH: usize = 8;
    let f = Fixture::on(Backend::Postgres);
    let people = [
        ("adviser1", "Harriet Quillfeather", "DONE-CANARY-HQ"),
        ("adviser2", "Osric Pennywhistle", "DONE-CANARY-OP"),
    ];
    let saved: Vec<(String, Vec<String>)> = std::thread::scope(|s| {
        let f = &f;
        let advisers: Vec<_> = people
            .iter()
            .map(|&(user, name, canary)| {
                s.spawn(move || {
                    let r = ok(
                        as_user(f, user, &["client", "add", "--name", name]),
                        "client add",
                    )
                    .trim()
                    .to_string();
                    let ids: Vec<String> = (0..EACH)
                        .map(|j| {
                            ok(
                                as_user(
                                    f,
                                    user,
                                    &[
                                        "note",
                                        "add",
                                        "--client",
                                        &r,
                                        "--section",
                                        &format!("Query={canary} {j}"),
                                        "--section",
                                        &format!("Health:special:health={canary} private {j}"),
                                    ],
                                ),
                                "note add",
                            )
                            .trim()
                            .to_string()
                        })
                        .collect();
                    (r, ids)
                })
            })
            .collect();
        advisers
            .into_iter()
            .map(|a| a.join().expect("adviser"))
            .collect()
    });
    assert_ne!(saved[0].0, saved[1].0, "client references collided");
    let ids: BTreeSet<&String> = saved.iter().flat_map(|(_, ids)| ids).collect();
    assert_eq!(ids.len(), 2 * EACH, "note ids collided");

    let list = ok(
        as_user(&f, "supervisor", &["client", "list"]),
        "client list",
    );
    for ((r, _), (_, name, _)) in saved.iter().zip(people) {
        assert!(list.contains(r.as_str()), "{r} in {list}");
        assert!(list.contains(name), "{name} in {list}");
    }
    for ((r, ids), (_, _, canary)) in saved.iter().zip(people) {
        let shown = ok(
            as_user(
                &f,
                "supervisor",
                &[
                    "note",
                    "show",
                    "--client",
                    r,
                    "--reveal",
                    "--reason",
                    "supervision",
                ],
            ),
            "note show",
        );
        for (j, id) in ids.iter().enumerate() {
            assert!(shown.contains(id.as_str()), "{id} in {shown}");
            assert!(shown.contains(&format!("{canary} {j}")), "{shown}");
            assert!(shown.contains(&format!("{canary} private {j}")), "{shown}");
        }
    }
    ok(
        as_user(&f, "supervisor", &["audit", "verify"]),
        "audit verify",
    );

    for (user, name, canary) in people {
        for needle in [user, name, canary] {
            assert!(!f.holds(needle.as_bytes()), "the server holds {needle}");
        }
    }
    assert!(!f.holds(b"supervisor"), "the server holds a username");
    assert!(!f.holds(b"Quillfeather"), "the server holds a name");
}
