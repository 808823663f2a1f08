//! The real binary in a pseudo-terminal, typed at as a person would: sign in, filter to a client,
//! capture a note with a special-category section and save it, reveal it with a reason, and let
//! the idle timer lock the screen; then unlock and find the draft.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;

struct Pty {
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    fn spawn(f: &Fixture, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_casenotes"));
        cmd.arg("--store");
        cmd.arg(&f.path);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("CASENOTES_STORE");
        cmd.env_remove("CASENOTES_USER");
        // This test's "machine" keeps its witness of the store beside it, never in $HOME.
        cmd.env("CASENOTES_STATE_DIR", state_dir_for(&f.path));
        cmd.cwd(f.dir.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).expect("rows"),
            std::num::NonZeroU16::new(COLS).expect("cols"),
            1000,
        )));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let p = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = p.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Pty {
            writer,
            parser,
            child,
            _master: pair.master,
        }
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        thread::sleep(Duration::from_millis(60));
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Everything the terminal would let a person scroll back to, plus the screen.
    fn scrollback(&self) -> String {
        let mut p = self.parser.lock().expect("parser");
        p.screen_mut().set_scrollback(usize::MAX);
        let back = p.screen().contents();
        p.screen_mut().set_scrollback(0);
        back + &p.screen().contents()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("'{text}' never appeared; the screen was:\n{s}");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status:?}");
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the app did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const ENTER: &str = "\r";
const TAB: &str = "\t";
const CTRL_N: &str = "\x0e";
const CTRL_S: &str = "\x13";

#[test]
fn capture_reveal_and_idle_lock_as_a_person_would() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Dorothy Dunmore");
    client(&f.sign_in("adviser1"), "Edwin Eastwood");

    let mut app = Pty::spawn(&f, &[]);
    app.wait_for("Sign in");
    // The running app has core dumps off.
    #[cfg(target_os = "linux")]
    {
        let limits =
            std::fs::read_to_string(format!("/proc/{}/limits", app.pid())).expect("limits");
        let core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .expect("core limit");
        let fields: Vec<&str> = core.split_whitespace().collect();
        assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    }
    app.send("adviser1");
    app.send(TAB);
    app.send(ADVISER_PW);
    app.send(ENTER);
    app.wait_for("My caseload (2)");
    app.send("/");
    app.send("doro");
    app.wait_for("1 of 2");
    app.send(ENTER);
    app.wait_for("No notes yet");
    app.send("n");
    app.wait_for("New note");
    app.send("Asked about a debt relief order");
    app.send(CTRL_N);
    app.wait_for("Add a section");
    app.send(ENTER);
    app.send("PTY-HEALTH asthma, frequent admissions");
    app.send(CTRL_S);
    app.wait_for("saved N-000001");
    let screen = app.wait_for("[special:health] Health");
    assert!(
        !screen.contains("PTY-HEALTH"),
        "masked once saved:\n{screen}"
    );

    // The command line finds the note, masked.
    let shown = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            "C-000001",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("Asked about a debt relief order"));
    assert!(
        shown
            .stdout
            .contains("[special:health] Health\n    (masked")
    );
    assert!(!shown.stdout.contains("PTY-HEALTH"));

    // Reveal the health section with a reason.
    app.send("j");
    app.send("r");
    app.wait_for("Why do you need to see this section?");
    app.send("j");
    app.send(ENTER);
    app.wait_for("PTY-HEALTH asthma");
    let audit = f.run(
        &["--user", "supervisor", "--password-stdin", "audit", "list"],
        &format!("{SUPERVISOR_PW}\n"),
    );
    let line = audit
        .stdout
        .lines()
        .find(|l| l.contains("section-revealed"))
        .unwrap_or_else(|| panic!("no reveal in the audit list:\n{}", audit.stdout));
    assert!(
        line.contains("adviser1") && line.contains("reason: safeguarding"),
        "{line}"
    );

    // Quit: nothing of the note stays on the terminal.
    app.send("q");
    app.wait_exit();
    let after = app.scrollback();
    for gone in ["Dorothy", "PTY-HEALTH", "debt relief"] {
        assert!(
            !after.contains(gone),
            "'{gone}' left on the terminal or in its scrollback after exit:\n{after}"
        );
    }

    // Idle lock after 2 seconds: the screen shows the lock and nobody's name.
    let mut app = Pty::spawn(&f, &["--lock-after", "2"]);
    app.wait_for("Sign in");
    app.send("adviser1");
    app.send(TAB);
    app.send(ADVISER_PW);
    app.send(ENTER);
    app.wait_for("My caseload (2)");
    app.send("c");
    app.wait_for("Quick capture");
    app.send("edwin");
    app.send(ENTER);
    app.wait_for("New note");
    app.send("PTY-DRAFT half written");
    let locked = app.wait_for("Screen locked");
    for gone in ["Edwin", "Dorothy", "PTY-DRAFT", "adviser1", "C-00000"] {
        assert!(
            !locked.contains(gone),
            "'{gone}' visible on the lock screen:\n{locked}"
        );
    }
    app.send(ADVISER_PW);
    app.send(ENTER);
    let back = app.wait_for("PTY-DRAFT half written");
    assert!(back.contains("Edwin Eastwood"));
}

#[test]
fn a_new_adviser_adds_a_client_keeps_a_draft_and_sees_a_note_from_elsewhere() {
    let f = Fixture::new();
    let s = f.sign_in("adviser1");
    client(&s, "Bella Bramley");
    drop(s);
    let mut app = Pty::spawn(&f, &[]);
    sign_in(&mut app, "adviser1", ADVISER_PW);
    app.wait_for("My caseload (1)");

    // A client added from the app.
    app.send("A");
    app.wait_for("New client");
    app.send("Arthur Appleby");
    app.send(TAB);
    app.send("1980-02-03");
    app.send(TAB);
    app.send("07700 900456");
    app.send(CTRL_S);
    app.wait_for("added C-000002");
    app.wait_for("My caseload (2)");

    // A note for Arthur, left half written and kept as a draft.
    app.send("/Arthur");
    app.send(ENTER);
    app.wait_for("No notes yet");
    app.send("n");
    app.send("ARTHUR-DRAFT half written");
    app.send("\x1b");
    app.wait_for("Leave this note?");
    app.send("1");
    app.wait_for("kept as a draft");
    app.send("\x1b");
    app.wait_for("My caseload (2)");

    // A note for another client is written and saved: Arthur's draft stays.
    app.send("\x1b");
    app.send("/Bella");
    app.send(ENTER);
    app.wait_for("No notes yet");
    app.send("n");
    app.send("BELLA-NOTE saved");
    app.send(CTRL_S);
    app.wait_for("saved N-000001");
    app.send("\x1b");
    app.send("\x1b");
    app.send("D");
    let drafts = app.wait_for("Your kept drafts");
    assert!(drafts.contains("Arthur Appleby"), "{drafts}");

    // A note written from the command line shows up in the open app by itself.
    let run = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            "C-000001",
            "--section",
            "Query=FROM-ELSEWHERE",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    app.send("\x1b");
    app.wait_for("My caseload (2)");
    let start = Instant::now();
    loop {
        let screen = app.screen();
        let bella = screen
            .lines()
            .find(|l| l.contains("Bella Bramley"))
            .unwrap_or_default()
            .to_string();
        // The last column is the number of notes.
        if bella
            .trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with(" 2")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the second note never showed:\n{screen}"
        );
        thread::sleep(Duration::from_millis(100));
    }

    // The draft comes back with its text, named for its client.
    app.send("D");
    app.wait_for("Your kept drafts");
    app.send(ENTER);
    let back = app.wait_for("ARTHUR-DRAFT half written");
    assert!(back.contains("Arthur Appleby"), "{back}");
}

fn sign_in(app: &mut Pty, user: &str, password: &str) {
    app.wait_for("Sign in");
    app.send(user);
    app.send(TAB);
    app.send(password);
    app.send(ENTER);
}

#[test]
fn two_instances_on_one_store_both_keep_working() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Shared Client");
    let mut one = Pty::spawn(&f, &[]);
    let mut two = Pty::spawn(&f, &[]);
    sign_in(&mut one, "adviser1", ADVISER_PW);
    sign_in(&mut two, "supervisor", SUPERVISOR_PW);
    one.wait_for("My caseload (1)");
    // The supervisor lands on the dashboard; Esc shows every client.
    two.wait_for("Caseload dashboard");
    two.send("\x1b");
    two.wait_for("All clients (1)");

    // The first terminal writes a note while the second is open on the same store.
    one.send(ENTER);
    one.wait_for("No notes yet");
    one.send("n");
    one.send("FIRST-TERMINAL note");
    one.send(CTRL_S);
    one.wait_for("saved N-000001");

    // The second sees it, and writes one of its own.
    two.send(ENTER);
    two.wait_for("FIRST-TERMINAL note");
    two.send("n");
    two.send("SECOND-TERMINAL note");
    two.send(CTRL_S);
    two.wait_for("saved N-000002");

    // The first, still open all along, sees the second's note on reopening the client.
    one.send("\x1b");
    one.wait_for("My caseload (1)");
    one.send(ENTER);
    let screen = one.wait_for("SECOND-TERMINAL note");
    assert!(screen.contains("FIRST-TERMINAL note"));
    f.sign_in("supervisor")
        .verify_audit()
        .expect("audit chain intact");
}

#[test]
fn the_mouse_is_reported_while_the_app_runs_and_released_on_every_way_out() {
    use vt100::MouseProtocolMode;
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Mouse Client");
    let mode = |app: &Pty| {
        app.parser
            .lock()
            .expect("parser")
            .screen()
            .mouse_protocol_mode()
    };

    // Quitting.
    let mut app = Pty::spawn(&f, &[]);
    app.wait_for("Sign in");
    assert_ne!(mode(&app), MouseProtocolMode::None, "clicks are reported");
    sign_in(&mut app, "adviser1", ADVISER_PW);
    app.wait_for("My caseload (1)");
    app.send("q");
    app.wait_exit();
    assert_eq!(mode(&app), MouseProtocolMode::None, "released on quit");

    // An idle lock, then quitting from the sign-in screen after switching user.
    let mut app = Pty::spawn(&f, &["--lock-after", "1"]);
    sign_in(&mut app, "adviser1", ADVISER_PW);
    app.wait_for("Screen locked");
    assert_ne!(
        mode(&app),
        MouseProtocolMode::None,
        "still reported on the lock screen"
    );
    app.send("\x15");
    app.wait_for("Sign in");
    app.send("\x1b");
    app.wait_exit();
    assert_eq!(mode(&app), MouseProtocolMode::None, "released on leaving");
}

#[test]
fn help_opens_on_every_screen_a_person_reaches() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Help Client");
    let mut app = Pty::spawn(&f, &[]);
    app.wait_for("Sign in");
    app.send("\x1bOP");
    app.wait_for("Help: signing in");
    app.send("\x1b");
    sign_in(&mut app, "adviser1", ADVISER_PW);
    app.wait_for("My caseload (1)");
    app.send("?");
    app.wait_for("Help: the caseload");
    app.send("\x1b");
    app.send(ENTER);
    app.wait_for("No notes yet");
    app.send("?");
    app.wait_for("Help: a client's notes");
    app.send("\x1b");
    app.send("n");
    app.wait_for("New note");
    app.send("\x1bOP");
    app.wait_for("Help: writing a note");
}

#[test]
fn an_administrator_adds_an_account_disables_another_and_shortens_the_idle_lock() {
    let f = Fixture::new();
    client(&f.sign_in("adviser2"), "Zebedee Zanzibar");
    let mut app = Pty::spawn(&f, &[]);
    sign_in(&mut app, "admin", ADMIN_PW);
    let first = app.wait_for("Accounts (4)");
    assert!(!first.contains("caseload"), "{first}");

    // A new adviser: name, role (adviser is first), the password twice.
    app.send("a");
    app.wait_for("New account");
    app.send("newbie");
    app.send(ENTER);
    app.send(ENTER);
    app.send(OTHER_PW);
    app.send(ENTER);
    app.send(OTHER_PW);
    app.send(ENTER);
    app.wait_for("added newbie as adviser");
    app.wait_for("Accounts (5)");

    // adviser2 disabled: its client named by reference only.
    app.send("g");
    app.send("j");
    app.send("j");
    app.send("x");
    app.wait_for("Disable adviser2?");
    app.send("1");
    let shown = app.wait_for("This client needs a new adviser: C-000001");
    assert!(shown.contains("disabled adviser2"), "{shown}");

    // The idle lock shortened on the policy tab.
    app.send("2");
    app.wait_for("The office's policy");
    app.send("j");
    app.send(ENTER);
    app.wait_for("Change lock-after");
    app.send("45");
    app.send(ENTER);
    app.wait_for("lock-after: 300 → 45 (logged)");
    app.send("3");
    app.wait_for("The chain verifies");
    app.send("q");
    app.wait_exit();
    let after = app.scrollback();
    assert!(
        !after.contains("Zebedee"),
        "a client's name reached the admin's terminal"
    );

    let users = f.run(
        &["--user", "admin", "--password-stdin", "user", "list"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(users.code, 0, "{}", users.stderr);
    assert!(users.stdout.contains("newbie"), "{}", users.stdout);
    let adviser2 = users
        .stdout
        .lines()
        .find(|l| l.starts_with("adviser2"))
        .unwrap_or_default();
    assert!(adviser2.contains("disabled"), "{}", users.stdout);
    let policy = f.run(
        &["--user", "admin", "--password-stdin", "policy", "show"],
        &format!("{ADMIN_PW}\n"),
    );
    let lock = policy
        .stdout
        .lines()
        .find(|l| l.starts_with("lock-after"))
        .unwrap_or_default();
    assert!(lock.contains(" 45 "), "{}", policy.stdout);
}

#[test]
fn a_supervisor_lands_on_the_dashboard_and_drills_down_to_a_note() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Priya Drilldown");
    note(
        &a1,
        r,
        vec![
            section(
                "Query",
                casenotes::domain::Sensitivity::Ordinary,
                "PTY-NOTE rent arrears",
            ),
            section("Health", health(), "PTY-SECRET diagnosis"),
        ],
    );
    drop(a1);
    client(&f.sign_in("adviser2"), "Quentin Elsewhere");
    let mut app = Pty::spawn(&f, &[]);
    sign_in(&mut app, "supervisor", SUPERVISOR_PW);
    // Read by the worker, then drawn.
    let dash = app.wait_for("Notes per week — adviser1");
    assert!(dash.contains("Caseload dashboard"), "{dash}");
    assert!(dash.contains("adviser2"), "{dash}");
    assert!(
        !dash.contains("Priya"),
        "the dashboard names no client:\n{dash}"
    );
    // adviser1's caseload: Priya, not adviser2's client.
    app.send(ENTER);
    let caseload = app.wait_for("adviser1's caseload (1)");
    assert!(!caseload.contains("Quentin"), "{caseload}");
    // The client, and the note, masked where labelled.
    app.send(ENTER);
    let note = app.wait_for("PTY-NOTE rent arrears");
    assert!(!note.contains("PTY-SECRET"), "masked:\n{note}");
    // Back to the caseload, then the dashboard.
    app.send("\x1b");
    app.wait_for("adviser1's caseload (1)");
    app.send("\x1b");
    app.wait_for("Notes per week");
    app.send("q");
    app.wait_exit();
}
