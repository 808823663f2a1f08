//! Helpers the PostgreSQL suites share: the binary run as a fixture's users, one clear error
//! line, waiting on and ending a server's sessions.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use casenotes::session::{SectionBody, SectionView};

use super::pg::Cluster;
use super::*;

pub fn password(user: &str) -> &'static str {
    match user {
        "admin" => ADMIN_PW,
        "supervisor" => SUPERVISOR_PW,
        "adviser1" => ADVISER_PW,
        "adviser2" => OTHER_PW,
        other => panic!("no fixture password for {other}"),
    }
}

/// `casenotes --user USER --password-stdin ARGS…` against the fixture's store.
pub fn as_user(f: &Fixture, user: &str, args: &[&str]) -> Run {
    let mut all = vec!["--user", user, "--password-stdin"];
    all.extend_from_slice(args);
    f.run(&all, &format!("{}\n", password(user)))
}

/// What a run that must succeed printed.
pub fn ok(r: Run, what: &str) -> String {
    assert_eq!(
        r.code, 0,
        "{what}: exit {}\nstdout: {}\nstderr: {}",
        r.code, r.stdout, r.stderr
    );
    r.stdout
}

/// The one line a failed run printed: exit status 1, one line `error: …` on standard error and
/// nothing else — no panic, no backtrace.
pub fn one_error_line(r: &Run, what: &str) -> String {
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

pub fn cluster(f: &Fixture) -> &Cluster {
    f.cluster.as_ref().expect("a PostgreSQL fixture")
}

/// Runs `psql` until `sql` prints something other than nothing (or `timeout` passes); returns
/// what it printed.
pub fn wait_for(c: &Cluster, sql: &str, timeout: Duration, what: &str) -> String {
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
pub fn terminate(c: &Cluster, pid: &str) {
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

pub fn shown(s: &SectionView) -> String {
    match &s.body {
        SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
        SectionBody::Masked => "(masked)".into(),
    }
}

// --- 2. The server crashes under the writers -------------------------------------------------

/// Starts the binary as `user` with `args`, password on standard input, not waiting for it.
pub fn spawn_as(f: &Fixture, user: &str, args: &[&str]) -> Child {
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

pub fn finished(child: Child) -> Run {
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn bin_at(store: &str, state: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["--store", store];
    all.extend_from_slice(args);
    run_bin_in(None, Some(state), &all, stdin)
}
