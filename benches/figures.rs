//! `cargo bench`: the figures that matter to an adviser, on stores made by `seed`, printed as a
//! table with a column per store size: the median of each and its worst case. Extend by adding a
//! row in `figures_for`.
//!
//! Stores are kept in `target/bench-stores/` between runs (seeding 200,000 notes takes a while);
//! delete that folder to start afresh (a kept store that this build cannot read is made again).
//! `CASENOTES_BENCH_SIZES` sets the client counts (20 notes each; default `1000,10000`):
//! `CASENOTES_BENCH_SIZES=1000,10000,50000` adds a 50,000-client column (seeding it takes
//! minutes, once). `CASENOTES_BENCH_ONLY=TEXT` runs only the rows whose name contains TEXT
//! (`CASENOTES_BENCH_ONLY=dashboard`; several as `save|writers`).
//!
//! Each size also gets a PostgreSQL column: a throwaway local server (started as the tests start
//! theirs, over a Unix socket) into which the kept store is migrated. `CASENOTES_BENCH_PG=0`
//! leaves it out.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use casenotes::domain::{Channel, ClientRef, Draft, Section, Sensitivity, SpecialCategory};
use casenotes::seed::{self, SeedOptions};
use casenotes::session::StoreHandle as Store;
use casenotes::session::{self, Location, NewNote, Operation, Reveal, Session};
use casenotes::tui::app::{App, Options};
use casenotes::tui::jobs::{Answer, Job, Reply, SignedIn, Task};
use casenotes::tui::render;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::dashboard::DashboardScreen;
use casenotes::tui::theme::Theme;
use casenotes::vault::KdfCost;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use secrecy::SecretString;

const PASSWORD: &str = "bench-harbour-lantern-quartz";
const NOTES_PER_CLIENT: u32 = 20;
const PROBE_ENV: &str = "CASENOTES_BENCH_PROBE";

/// A throwaway PostgreSQL cluster for the PostgreSQL column (the tests' own).
#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

/// Rows of the table: (figure, column, value).
type Rows = Vec<(String, String, String)>;

struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats { samples }
    }
    fn median(&self) -> Duration {
        self.samples[self.samples.len() / 2]
    }
    fn worst(&self) -> Duration {
        self.samples[self.samples.len() - 1]
    }
    fn cell(&self) -> String {
        format!(
            "{}, worst {} (n={})",
            ms(self.median()),
            ms(self.worst()),
            self.samples.len()
        )
    }
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 1.0 {
        format!("{v:.3} ms")
    } else if v < 100.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn time(n: usize, mut f: impl FnMut()) -> Stats {
    Stats::of(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn pw() -> SecretString {
    SecretString::from(PASSWORD.to_string())
}

/// A seeded store of `clients` clients, made once and kept; returns its path and the bytes of
/// note text it holds.
fn store(clients: u64) -> (PathBuf, u64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-stores");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!("c{clients}.redb"));
    let sidecar = dir.join(format!("c{clients}.plaintext"));
    if let (true, Ok(text)) = (path.exists(), std::fs::read_to_string(&sidecar))
        && let Ok(bytes) = text.trim().parse()
        && readable(&path)
    {
        return (path, bytes);
    }
    let _ = std::fs::remove_file(&path);
    let t = Instant::now();
    let report = seed::seed(
        &path,
        SeedOptions {
            clients,
            notes_per_client: NOTES_PER_CLIENT,
            password: Some(pw()),
            kdf: KdfCost::DEFAULT,
            demo: false,
        },
    )
    .expect("seed");
    eprintln!(
        "seeded {clients} clients in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    std::fs::write(&sidecar, report.plaintext_bytes.to_string()).expect("sidecar");
    (path, report.plaintext_bytes)
}

/// Whether a kept store is one this build reads (a store made by an earlier layout is not).
fn readable(path: &Path) -> bool {
    let Ok(store) = Store::open(path) else {
        return false;
    };
    // Stores seeded before closed clients were part of a synthetic caseload have none to erase.
    session::sign_in(store, "supervisor", &pw())
        .and_then(|s| {
            s.dashboard(casenotes::domain::today())?;
            s.retention_due(casenotes::domain::today())
        })
        .is_ok_and(|due| !due.is_empty())
}

/// Whether a row is wanted (`CASENOTES_BENCH_ONLY`): `names` holds the names of the rows a
/// piece of the bench makes.
fn wanted(names: &str) -> bool {
    std::env::var("CASENOTES_BENCH_ONLY")
        .map_or(true, |only| only.split('|').any(|o| names.contains(o)))
}

fn sign_in(at: impl Into<Location>, user: &str) -> Session {
    session::sign_in(Store::open(at).expect("open"), user, &pw()).expect("sign in")
}

fn note() -> NewNote {
    NewNote {
        channel: Channel::Phone,
        contact_at: None,
        sections: vec![
            Section {
                heading: "Query / presenting issue".into(),
                sensitivity: Sensitivity::Ordinary,
                text: "Client phoned about a council tax reduction and a discretionary housing payment after hours were cut.".into(),
            },
            Section {
                heading: "Health".into(),
                sensitivity: Sensitivity::Special(SpecialCategory::Health),
                text: "Anxiety has worsened since the hours were cut; seeing GP next week.".into(),
            },
        ],
    }
}

/// The app signed in as `user`, as the UI thread would have it.
fn app(at: impl Into<Location>, user: &str) -> App {
    let now = SystemTime::now();
    let mut app = App::new(
        Store::open(at).expect("open"),
        Theme::default_theme(),
        Options::default(),
        now,
    );
    let reply = Job {
        generation: app.generation(),
        task: Task::SignIn {
            store: app.ui.store.clone(),
            user: user.into(),
            password: pw(),
            key_file: None,
            code: None,
            unlock: false,
        },
    }
    .run();
    drive(&mut app, reply);
    app
}

fn drive(app: &mut App, reply: Reply) {
    let mut jobs: std::collections::VecDeque<Job> = app.on_reply(reply, SystemTime::now()).into();
    while let Some(j) = jobs.pop_front() {
        let r = j.run();
        jobs.extend(app.on_reply(r, SystemTime::now()));
    }
}

fn key(app: &mut App, code: KeyCode) {
    let jobs = app.on_key(KeyEvent::new(code, KeyModifiers::NONE), SystemTime::now());
    for j in jobs {
        let r = j.run();
        drive(app, r);
    }
}

/// Typing into the caseload filter, a character at a time, then deleting it again; each
/// keystroke timed (as handled, and with the frame it leads to).
fn filter_keystrokes(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    word: &str,
) -> (Stats, Stats) {
    let mut keys = Vec::new();
    let mut framed = Vec::new();
    for _ in 0..5 {
        let codes = word
            .chars()
            .map(KeyCode::Char)
            .chain(word.chars().map(|_| KeyCode::Backspace));
        for code in codes {
            let t = Instant::now();
            key(app, code);
            keys.push(t.elapsed());
            draw(app, term);
            framed.push(t.elapsed());
        }
    }
    (Stats::of(keys), Stats::of(framed))
}

fn draw(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| render::draw(app, f, SystemTime::now()))
        .expect("draw");
}

fn figures_for(clients: u64, rows: &mut Rows) {
    let (path, plaintext) = store(clients);
    let at = Location::File(path.clone());
    let column = format!("{} clients × {NOTES_PER_CLIENT}", thousands(clients));
    session_figures(&at, clients, &column, rows);
    let mut row = |name: &str, value: String| rows.push((name.to_string(), column.clone(), value));
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");

    // A supervisor's first screen: every client listed, then the dashboard read by the worker
    // from each client's record (no note opened), and drawn.
    if wanted("signed in → dashboard drawn (supervisor, after key derivation)") {
        let s = first_screen(&at, "supervisor", &mut term);
        row(
            "signed in → dashboard drawn (supervisor, after key derivation)",
            s.cell(),
        );
    }
    if wanted("dashboard figures alone (every client's record read)") {
        let sup = sign_in(&path, "supervisor");
        let today = casenotes::domain::today();
        let s = time(9, || {
            let d = sup.dashboard(today).expect("dashboard");
            assert_eq!(u64::from(d.totals.open_clients), clients);
        });
        row(
            "dashboard figures alone (every client's record read)",
            s.cell(),
        );
    }

    // Filtering every client (an adviser's widened search).
    if wanted(
        "filter per keystroke: k, e, l, l, and back; the same, with the frame drawn; \
         filter per keystroke: a, n, n, e (common letters), and back",
    ) {
        let mut a = app(&path, "adviser1");
        key(&mut a, KeyCode::Char('a'));
        let listed = a
            .find::<Caseload>()
            .map_or(0, |c| c.list(&a.ui).len() as u64);
        assert_eq!(listed, clients);
        key(&mut a, KeyCode::Char('/'));
        let (keys, framed) = filter_keystrokes(&mut a, &mut term, "kell");
        row("filter per keystroke: k, e, l, l, and back", keys.cell());
        row("the same, with the frame drawn", framed.cell());
        let (keys, _) = filter_keystrokes(&mut a, &mut term, "anne");
        row(
            "filter per keystroke: a, n, n, e (common letters), and back",
            keys.cell(),
        );
    }

    let session = sign_in(&path, "adviser1");
    let own = session.clients(false).expect("clients");
    let refs: Vec<ClientRef> = own.iter().map(|c| c.reference).collect();

    // A subject access export: every record of one client read from one snapshot (its notes,
    // their changes, consents, disclosures, actions, and the audit trail for its events), the
    // export's event committed, the file written and flushed to disk.
    let json =
        "export of one client with 20 notes to a new file, JSON (audit write and fsync included)";
    let md = "export of one client with 20 notes to a new file, Markdown (audit write and fsync included)";
    if wanted(&format!("{json}; {md}")) {
        let sup = sign_in(&path, "supervisor");
        let dir = tempfile::tempdir().expect("export dir");
        for (name, format) in [
            (json, casenotes::domain::ExportFormat::Json),
            (md, casenotes::domain::ExportFormat::Markdown),
        ] {
            let mut i = 0;
            let s = time(20, || {
                let out = dir.path().join(format!("{i}.{format}"));
                let done = sup
                    .export_client_to_file(
                        refs[i % refs.len()],
                        &out,
                        session::ExportOptions {
                            format,
                            pseudonymise: false,
                        },
                    )
                    .expect("export");
                assert!(done.notes >= NOTES_PER_CLIENT as usize);
                i += 1;
            });
            row(name, s.cell());
        }
    }

    // Frames at 200×50.
    if wanted("draw caseload frame 200×50; draw client frame 200×50; draw editor frame 200×50") {
        let mut a = app(&path, "adviser1");
        let s = time(30, || draw(&a, &mut term));
        row("draw caseload frame 200×50", s.cell());
        key(&mut a, KeyCode::Enter);
        let s = time(30, || draw(&a, &mut term));
        row("draw client frame 200×50", s.cell());
        key(&mut a, KeyCode::Char('n'));
        for c in "Client asked about a budgeting loan".chars() {
            key(&mut a, KeyCode::Char(c));
        }
        let s = time(30, || draw(&a, &mut term));
        row("draw editor frame 200×50", s.cell());
    }
    drop(session);

    // Rotating the case keys after a member lost them (an administrator reset a password): the
    // next write by a member pays for it. Measured on a copy, as a draft save that rotates first.
    let rotate = format!("rotate the case keys over {clients} clients (with a draft save)");
    if wanted(&rotate) {
        let copy = path.with_extension("rotation.redb");
        std::fs::copy(&path, &copy).expect("copy the store");
        let sup = sign_in(&copy, "supervisor");
        let admin = sign_in(&copy, "admin");
        let draft = Draft {
            client: refs[0],
            channel: Channel::Phone,
            sections: note().sections,
            saved_at: 0,
            purpose: Default::default(),
        };
        let mut samples = Vec::new();
        for i in 3..=7 {
            admin
                .change_password(
                    &format!("adviser{i}"),
                    &SecretString::from("pumice rhubarb sorrel tundra".to_string()),
                )
                .expect("reset");
            let t = Instant::now();
            sup.save_draft(&draft).expect("save");
            samples.push(t.elapsed());
        }
        row(&rotate, Stats::of(samples).cell());
        drop((sup, admin));
        let _ = std::fs::remove_file(&copy);
    }

    // A whole `note add` from the command line: process start, sign-in, save, exit.
    if wanted("whole-process `note add`, sign-in included") {
        let bin = env!("CARGO_BIN_EXE_casenotes");
        let client = refs[0].to_string();
        let s = time(5, || {
            let mut child = std::process::Command::new(bin)
                .args(["--store"])
                .arg(&path)
                .args([
                    "--user",
                    "adviser1",
                    "--password-stdin",
                    "note",
                    "add",
                    "--client",
                    &client,
                ])
                .args(["--section", "Query=Phoned about a crisis payment"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn");
            {
                use std::io::Write;
                let mut stdin = child.stdin.take().expect("stdin");
                writeln!(stdin, "{PASSWORD}").expect("password");
            }
            assert!(child.wait().expect("wait").success());
        });
        row("whole-process `note add`, sign-in included", s.cell());
    }

    // Peak memory of a fresh process that signs in and browses.
    if wanted("peak memory after sign-in and browsing") {
        let exe = std::env::current_exe().expect("exe");
        let out = std::process::Command::new(exe)
            .env(PROBE_ENV, &path)
            .output()
            .expect("probe");
        let peak = String::from_utf8_lossy(&out.stdout).trim().to_string();
        row("peak memory after sign-in and browsing", peak);
    }

    // Erasure of a client past retention, compaction included, on a copy of the store: three
    // clients, one after another (the seeded caseload closes every twentieth client).
    if wanted("erase one client (keys, records, file rewritten)") {
        let copy = path.with_extension("erase.redb");
        std::fs::copy(&path, &copy).expect("copy store");
        let sup = sign_in(&copy, "supervisor");
        let today = casenotes::domain::today();
        let mut samples = Vec::new();
        let mut sizes = (0, 0);
        for r in [20u64, 40, 60] {
            let client = casenotes::domain::ClientRef(r);
            let t = Instant::now();
            let e = sup
                .erase_client(client, &client.to_string(), today, |_| {})
                .expect("erase");
            samples.push(t.elapsed());
            if sizes.0 == 0 {
                sizes = (e.size_before, e.size_after);
            }
        }
        drop(sup);
        let _ = std::fs::remove_file(&copy);
        row(
            "erase one client (keys, records, file rewritten)",
            format!(
                "{} (file {:.0} → {:.0} MB)",
                Stats::of(samples).cell(),
                sizes.0 as f64 / 1e6,
                sizes.1 as f64 / 1e6
            ),
        );
    }

    // A backup while the store stays open: one read transaction copied, table by table, into
    // a new file beside the store, then the copy checked as `casenotes check` checks the store
    // with a supervisor's keys (redb's check of every page, every record opened, the audit
    // chain), and recorded in the store's trail.
    if wanted("backup (snapshot + verify)") {
        let sup = sign_in(&path, "supervisor");
        let dir = path.with_extension("backups");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("backup dir");
        let mut bytes = 0;
        let mut i = 0;
        let s = time(3, || {
            let out = dir.join(format!("b{i}.redb"));
            let done = sup
                .backup(session::BackupTarget::File(&out), |_| {})
                .expect("backup");
            assert_eq!(done.clients, clients);
            bytes = done.bytes;
            let _ = std::fs::remove_file(&out);
            i += 1;
        });
        drop(sup);
        let _ = std::fs::remove_dir_all(&dir);
        row(
            "backup (snapshot + verify)",
            format!("{} ({:.0} MB written)", s.cell(), bytes as f64 / 1e6),
        );
    }

    if wanted("store file size ÷ note plaintext") {
        let file = std::fs::metadata(&path).expect("size").len();
        row(
            "store file size ÷ note plaintext",
            format!(
                "{:.2} ({:.0} MB ÷ {:.0} MB)",
                file as f64 / plaintext as f64,
                file as f64 / 1e6,
                plaintext as f64 / 1e6
            ),
        );
    }
}

/// The figures measured on both backends, into `column`: sign-in, the first screen, opening a
/// client, a durable save, and sixteen writers at once.
fn session_figures(at: &Location, clients: u64, column: &str, rows: &mut Rows) {
    let mut row = |name: &str, value: String| rows.push((name.to_string(), column.into(), value));
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");

    // Sign-in: key derivation plus the sign-in's audit write.
    if wanted("sign-in (Argon2id 64 MiB × 3 + audit write)") {
        let s = time(5, || drop(sign_in(at, "adviser1")));
        row("sign-in (Argon2id 64 MiB × 3 + audit write)", s.cell());
    }

    // From the derived key to the caseload drawn: list, draft, state, one frame.
    if wanted("signed in → caseload drawn (after key derivation)") {
        let s = first_screen(at, "adviser1", &mut term);
        row(
            "signed in → caseload drawn (after key derivation)",
            s.cell(),
        );
    }

    // The same from the password typed: the store opened, the key derived, the sign-in logged.
    if wanted("sign-in → caseload drawn, key derivation included") {
        let s = first_screens(at, "adviser1", &mut term, true);
        row(
            "sign-in → caseload drawn, key derivation included",
            s.cell(),
        );
    }

    let session = sign_in(at, "adviser1");
    let own = session.clients(false).expect("clients");
    let refs: Vec<ClientRef> = own.iter().map(|c| c.reference).collect();

    // Open a client with 20 notes (decrypt, build the view, commit the viewing's audit event).
    if wanted("open a client with 20 notes") {
        let mut i = 0;
        let s = time(20, || {
            let v = session
                .open_client(refs[i % refs.len()], None, Reveal::Nothing)
                .expect("open");
            assert!(v.notes.len() >= NOTES_PER_CLIENT as usize);
            i += 1;
        });
        row("open a client with 20 notes", s.cell());
    }

    // A durable save.
    if wanted("durable save of one note") {
        let mut i = 0;
        let s = time(50, || {
            session
                .add_note(refs[i % refs.len()], note(), None)
                .expect("save");
            i += 1;
        });
        row("durable save of one note", s.cell());
    }
    drop(session);

    // Sixteen writers at once, each with its own session (a supervisor's: any client), each
    // saving 25 notes as fast as it can; every save durable.
    let writers = "16 writers at once: durable note saves per second, all writers together";
    if wanted(writers) {
        let store = Store::open(at).expect("open");
        let sessions: Vec<Session> = (0..16)
            .map(|_| session::sign_in(store.clone(), "supervisor", &pw()).expect("sign in"))
            .collect();
        let per = 25u64;
        let t = Instant::now();
        std::thread::scope(|scope| {
            for (w, s) in sessions.iter().enumerate() {
                scope.spawn(move || {
                    for i in 0..per {
                        let client = ClientRef(1 + (w as u64 * per + i) % clients);
                        s.add_note(client, note(), None).expect("save");
                    }
                });
            }
        });
        let secs = t.elapsed().as_secs_f64();
        row(
            writers,
            format!(
                "{:.0} notes/s ({} notes in {:.2} s)",
                (16 * per) as f64 / secs,
                16 * per,
                secs
            ),
        );
    }
}

/// The PostgreSQL column for a store of `clients` clients: the kept redb store migrated into a
/// new database of `cluster` (a local server over a Unix socket), then the figures both backends
/// share, and the database's size.
fn postgres_figures_for(clients: u64, cluster: &pg::Cluster, rows: &mut Rows) {
    let (path, plaintext) = store(clients);
    let column = format!(
        "{} clients × {NOTES_PER_CLIENT}, PostgreSQL",
        thousands(clients)
    );
    let url = cluster.create_db(&format!("c{clients}"));
    let at = Location::parse(std::ffi::OsStr::new(&url)).expect("address");
    let admin = sign_in(&path, "admin");
    let t = Instant::now();
    let m = admin.migrate(&at, |_| {}).expect("migrate");
    let took = t.elapsed();
    drop(admin);
    if wanted("migrate the redb store into PostgreSQL (copy, compare, check)") {
        rows.push((
            "migrate the redb store into PostgreSQL (copy, compare, check)".into(),
            column.clone(),
            format!("{:.1} s ({} rows)", took.as_secs_f64(), m.rows),
        ));
    }
    session_figures(&at, clients, &column, rows);
    if wanted("store file size ÷ note plaintext") {
        let bytes = Store::open(&at)
            .and_then(|s| s.size())
            .expect("database size");
        rows.push((
            "store file size ÷ note plaintext".into(),
            column,
            format!(
                "{:.2} ({:.0} MB ÷ {:.0} MB; tables and indexes)",
                bytes as f64 / plaintext as f64,
                bytes as f64 / 1e6,
                plaintext as f64 / 1e6
            ),
        ));
    }
}

/// From a derived key to `user`'s first screen drawn, as the sign-in job and the UI thread
/// would do it: the list, the draft and the version read, the reply handled (for a supervisor,
/// the dashboard read by the worker's next job), one frame. Nine times.
fn first_screen(at: &Location, user: &str, term: &mut Terminal<TestBackend>) -> Stats {
    first_screens(at, user, term, false)
}

/// [`first_screen`], from the store opened and the password given (`with_key_derivation`), or
/// from the derived key.
fn first_screens(
    at: &Location,
    user: &str,
    term: &mut Terminal<TestBackend>,
    with_key_derivation: bool,
) -> Stats {
    let mut samples = Vec::new();
    for _ in 0..9 {
        let mut a = App::new(
            Store::open(at).expect("open"),
            Theme::default_theme(),
            Options::default(),
            SystemTime::now(),
        );
        let started = Instant::now();
        let derived = sign_in(at, user);
        let t = Instant::now();
        let version = derived.store_version().expect("version");
        let clients = derived.caseload().expect("clients");
        let draft = derived.draft().expect("draft");
        if derived.may(Operation::ConfirmUsers).is_ok() {
            derived.awaiting_confirmation().expect("waiting");
        }
        let reply = Reply {
            generation: a.generation(),
            answer: Answer::SignedIn(Ok(Box::new(SignedIn {
                session: derived,
                clients,
                draft,
                unlock: false,
                version,
                notices: Vec::new(),
            }))),
        };
        drive(&mut a, reply);
        if user == "supervisor" {
            assert!(
                a.front::<DashboardScreen>()
                    .is_some_and(|d| d.dashboard.is_some()),
                "the dashboard is read and in front"
            );
        }
        draw(&a, term);
        samples.push(if with_key_derivation {
            started.elapsed()
        } else {
            t.elapsed()
        });
    }
    Stats::of(samples)
}

/// Run in a child process: sign in, browse twenty clients, draw each screen; print peak RSS.
fn probe(path: &Path) {
    let mut a = app(path, "adviser1");
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    draw(&a, &mut term);
    for _ in 0..20 {
        key(&mut a, KeyCode::Enter);
        draw(&a, &mut term);
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::Char('j'));
    }
    key(&mut a, KeyCode::Char('a'));
    draw(&a, &mut term);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| format!("{:.0} MB", kb / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    println!("{hwm}");
}

fn main() {
    if let Some(path) = std::env::var_os(PROBE_ENV) {
        probe(Path::new(&path));
        return;
    }
    let sizes: Vec<u64> = std::env::var("CASENOTES_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // The PostgreSQL column: a local server over a Unix socket, started for this run.
    let cluster = (std::env::var("CASENOTES_BENCH_PG").as_deref() != Ok("0")).then(|| {
        let c = pg::Cluster::start();
        // A server given memory for its cache, as one holding a team's store would be.
        c.psql(
            "postgres",
            "ALTER SYSTEM SET shared_buffers = '512MB'; ALTER SYSTEM SET max_wal_size = '4GB';",
        );
        c.stop_immediate();
        c.start_again();
        c
    });
    let mut rows = Rows::new();
    for n in &sizes {
        figures_for(*n, &mut rows);
        if let Some(c) = &cluster {
            postgres_figures_for(*n, c, &mut rows);
        }
    }
    // One row per figure, one column per store size and backend.
    let mut names: Vec<&str> = Vec::new();
    let mut columns: Vec<&str> = Vec::new();
    for (name, column, _) in &rows {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
        if !columns.contains(&column.as_str()) {
            columns.push(column);
        }
    }
    println!("\n| figure | {} |", columns.join(" | "));
    println!("| --- |{}", " --- |".repeat(columns.len()));
    for name in names {
        let cells: Vec<&str> = columns
            .iter()
            .map(|c| {
                rows.iter()
                    .find(|(f, col, _)| f == name && col == c)
                    .map_or("", |(_, _, v)| v.as_str())
            })
            .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}

/// 50000 as "50,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
