//! What someone holding the store file can do with the public redb crate, and what casenotes
//! says about it: an older audit trail copied into the current file, the whole file replaced
//! by an older copy, a note record removed or damaged; and `casenotes check` on a healthy
//! store.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use casenotes::domain::{ClientRef, Sensitivity};
use casenotes::session::{self, Reveal};
use casenotes::store::meta;
use common::tamper::Tamper;
use common::*;

fn as_user(user: &str, args: &[&str]) -> Vec<String> {
    ["--user", user, "--password-stdin"]
        .iter()
        .chain(args)
        .map(|s| s.to_string())
        .collect()
}

fn password(user: &str) -> &'static str {
    match user {
        "admin" => ADMIN_PW,
        "supervisor" => SUPERVISOR_PW,
        "adviser1" => ADVISER_PW,
        "adviser2" => OTHER_PW,
        other => panic!("no password for {other}"),
    }
}

/// Runs the binary as `user` with its witnesses kept in `state` (another machine, when that is
/// not the fixture's own state directory).
fn run_in(f: &Fixture, state: &Path, user: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .env_remove("CASENOTES_STORE")
        .env_remove("CASENOTES_USER")
        .env("NO_COLOR", "1")
        .env("CASENOTES_STATE_DIR", state)
        .arg("--store")
        .arg(&f.path)
        .args(as_user(user, args))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(mut input) = child.stdin.take() {
                let _ = writeln!(input, "{}", password(user));
            }
            child.wait_with_output()
        })
        .expect("run casenotes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs the binary as `user` on the fixture's own machine.
fn run_as(f: &Fixture, user: &str, args: &[&str]) -> Run {
    let pw = format!("{}\n", password(user));
    let args = as_user(user, args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    f.run(&args, &pw)
}

fn reveal_all() -> Reveal<'static> {
    Reveal::All {
        reason: "direct support",
    }
}

/// A client of adviser1 with one masked note, the file as it was then, and the same client
/// after a reveal, a break-the-glass opening by adviser2 and a second note.
fn history(f: &Fixture) -> (ClientRef, PathBuf) {
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Rollback Person");
    note(&a1, r, vec![section("Health", health(), "EARLY-SECRET")]);
    drop(a1);
    let older = f.dir.path().join("older.redb");
    std::fs::copy(&f.path, &older).expect("copy the store");

    let a1 = f.sign_in("adviser1");
    a1.open_client(r, None, reveal_all()).expect("reveal");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "later note")],
    );
    drop(a1);
    let a2 = f.sign_in("adviser2");
    a2.open_client(r, Some("covering for a colleague"), Reveal::Nothing)
        .expect("break the glass");
    drop(a2);
    (r, older)
}

#[test]
fn an_older_audit_trail_copied_into_the_file_is_caught_by_the_records() {
    let f = Fixture::new();
    let (_, older) = history(&f);
    let before = run_as(&f, "supervisor", &["audit", "list"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(before.stdout.contains("break-glass"), "{}", before.stdout);

    // The attacker puts back the trail (and its sealed head) as it was before the reveal, the
    // break-the-glass opening and the second note.
    let old = Tamper::open(&older);
    let rows = old.audit_rows();
    let head = old.meta(meta::AUDIT_HEAD).expect("head");
    drop(old);
    let t = Tamper::open(&f.path);
    t.replace_audit(&rows);
    t.set_meta(meta::AUDIT_HEAD, &head);
    drop(t);

    // The chain on its own is intact; the records written since name events it lacks. Checked
    // on a machine that never saw the store, so that only the records speak.
    let elsewhere = tempfile::tempdir().expect("state dir");
    let run = run_in(&f, elsewhere.path(), "supervisor", &["audit", "verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: audit trail broken: client C-000001 was written at event")
            || run.stderr.starts_with(
                "error: audit trail broken: note N-000002 of C-000001 was written at event"
            ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    let run = run_in(&f, elsewhere.path(), "supervisor", &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000002 of C-000001 was written at event"),
        "{}",
        run.stdout
    );
    // Administrators hold no client keys, but the trail accounts for fewer notes than the
    // store holds.
    let run = run_in(&f, elsewhere.path(), "admin", &["audit", "verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "error: audit trail broken: the audit trail accounts for 1 of the 2 notes the store holds: events were removed or the trail was rolled back\n"
    );
    // On the machine that saw the newer trail, verification fails as well.
    let run = run_as(&f, "supervisor", &["audit", "verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.starts_with("error: audit trail broken: "),
        "{}",
        run.stderr
    );
}

#[test]
fn an_older_copy_of_the_whole_file_is_reported_on_the_machine_that_saw_the_newer() {
    let f = Fixture::new();
    let (r, older) = history(&f);
    let seen = Tamper::open(&f.path).audit_rows().len();
    std::fs::copy(&older, &f.path).expect("roll the file back");

    // The older file is consistent in itself.
    let elsewhere = tempfile::tempdir().expect("state dir");
    let run = run_in(&f, elsewhere.path(), "supervisor", &["audit", "verify"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // This machine saw more.
    let run = run_as(&f, "supervisor", &["audit", "verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: audit trail broken: this store is older than the one seen on this machine on "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("(event {seen} then, ")),
        "{seen}: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("it may have been restored from an older copy or rolled back"),
        "{}",
        run.stderr
    );
    let run = run_as(&f, "supervisor", &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("this store is older than the one seen"),
        "{}",
        run.stdout
    );

    // Signing in works, with the warning for the face to show; and it stays while the rolled
    // back file catches up with and passes the number of events seen, since its events differ.
    for _ in 0..seen + 2 {
        let s = f.sign_in("adviser1");
        let w = s.rollback_warning().expect("a rollback warning at sign-in");
        assert!(
            w.starts_with("this store is older than the one seen on this machine on ")
                || w.starts_with(
                    "this store's history differs from the one seen on this machine on "
                ),
            "{w}"
        );
        assert_eq!(
            s.open_client(r, None, Reveal::Nothing).unwrap().notes.len(),
            1
        );
    }
    assert!(Tamper::open(&f.path).audit_rows().len() > seen);
    assert!(f.sign_in("supervisor").verify_audit().is_err());

    // The witness names neither the store nor anyone in it.
    let dir = f.state_dir().join("witness");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("witness dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.len() == 32 && name.chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let fields: Vec<&str> = text
        .lines()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(fields, ["casenotes", "seq", "head", "seen"], "{text}");
    for secret in ["adviser", "supervisor", "admin", "Rollback", "store.redb"] {
        assert!(!text.contains(secret), "{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_removed_or_damaged_note_is_named_never_silently_dropped() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Missing Note Person");
    for text in ["first", "second", "third"] {
        note(&a1, r, vec![section("Query", Sensitivity::Ordinary, text)]);
    }
    let other = client(&a1, "Untouched Person");
    note(
        &a1,
        other,
        vec![section("Query", Sensitivity::Ordinary, "kept")],
    );

    // Damaged: the note is there but does not open.
    let t = Tamper::open(&f.path);
    let original = t.note(r.0, 2).expect("note 2");
    let mut bad = original.clone();
    bad[original.len() / 2] ^= 0x20;
    t.set_note(r.0, 2, &bad);
    let e = a1
        .open_client(r, None, Reveal::Nothing)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "note N-000002 of C-000001 is missing or damaged; run `casenotes check`"
    );
    let run = run_as(&f, "adviser1", &["note", "show", "--client", "C-1"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: note N-000002 of C-000001 is missing or damaged; run `casenotes check`\n"
    );
    let run = run_as(&f, "supervisor", &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000002 of C-000001 does not open (damaged or altered)\n"),
        "{}",
        run.stdout
    );

    // Removed: a session opened before the removal names it; sign-in refuses, naming it.
    t.remove_note(r.0, 2);
    drop(t);
    let e = a1
        .open_client(r, None, Reveal::Nothing)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "note N-000002 of C-000001 is missing or damaged; run `casenotes check`"
    );
    assert_eq!(
        a1.open_client(other, None, Reveal::Nothing)
            .unwrap()
            .notes
            .len(),
        1
    );
    drop(a1);
    let run = run_as(&f, "adviser1", &["note", "show", "--client", "C-1"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: note N-000002 of C-000001 is missing or damaged (the store holds 3 notes but recorded 4); run `casenotes check`\n"
    );

    let run = run_as(&f, "supervisor", &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000002 of C-000001 is missing (its client's record lists it)\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("the store holds 3 notes but recorded 4"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("problems found\n"), "{}", run.stdout);
    assert_eq!(run.stderr, "error: the check found 2 problems\n");
    // Administrators hold no client keys; the audit trail still names the note.
    let run = run_as(&f, "admin", &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note N-000002 of C-000001 is missing: event "),
        "{}",
        run.stdout
    );
}

#[test]
fn check_passes_on_a_healthy_store() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Healthy Person");
    note(&a1, r, vec![section("Health", health(), "fine")]);
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "also fine")],
    );
    a1.open_client(r, None, reveal_all()).expect("reveal");
    drop(a1);

    let run = run_as(&f, "supervisor", &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .starts_with("checked storage, 4 users, 1 clients, 2 notes, "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(" audit events: no problems found\n"),
        "{}",
        run.stdout
    );
    let run = run_as(&f, "admin", &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("no problems found\n"),
        "{}",
        run.stdout
    );
    let run = run_as(&f, "adviser1", &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: checking the store is not allowed for the adviser role\n"
    );
    // And in the session, the same.
    let report = f.sign_in("supervisor").check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn a_store_of_an_earlier_development_version_is_refused_clearly() {
    let f = Fixture::new();
    Tamper::open(&f.path).set_meta(meta::SCHEMA, &1u32.to_le_bytes());
    let e = session::open_store(&f.path).unwrap_err().to_string();
    assert_eq!(
        e,
        "the store was made by an earlier development version of casenotes (schema 1); this version reads schema 3 only: make a new store"
    );
}
