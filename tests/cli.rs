//! The command-line contract: standard input, standard output, standard error and exit status
//! pinned for success and for bad input.

mod common;

use common::*;

fn stdin(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Replaces `YYYY-MM-DD HH:MM` timestamps so outputs can be pinned.
fn no_times(s: &str) -> String {
    let mut out = String::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let is_time = i + 16 <= b.len()
            && b[i..i + 16].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == b'-',
                10 => *c == b' ',
                13 => *c == b':',
                _ => c.is_ascii_digit(),
            });
        if is_time {
            out.push_str("<time>");
            i += 16;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

#[test]
fn a_new_user_follows_the_readme() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("office.redb");
    let s = Some(store.as_path());
    let path = store.display().to_string();

    let r = run_bin(
        s,
        &["--password-stdin", "init", "--admin", "office-admin"],
        &stdin(&[ADMIN_PW]),
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout,
        format!("created store {path} with administrator office-admin\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&store).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "store file must be owner-only");
    }

    let r = run_bin(
        s,
        &[
            "--user",
            "office-admin",
            "--password-stdin",
            "user",
            "add",
            "sam",
            "--role",
            "adviser",
        ],
        &stdin(&[ADMIN_PW, ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "added sam as adviser\n", "")
    );

    let sam = ["--user", "sam", "--password-stdin"];
    fn with<'a>(pre: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
        [pre, rest].concat()
    }
    let with = |rest: &[&'static str]| with(&sam, rest);
    let r = run_bin(
        s,
        &with(&[
            "client",
            "add",
            "--name",
            "Robin Example",
            "--contact",
            "07700 900123",
        ]),
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "C-000001\n", "")
    );

    let r = run_bin(
        s,
        &with(&[
            "note",
            "add",
            "--client",
            "C-000001",
            "--kind",
            "phone",
            "--section",
            "Query=Asked about Universal Credit",
            "--section",
            "Health:special:health=Recently diagnosed with diabetes",
        ]),
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "N-000001\n", "")
    );

    let r = run_bin(
        s,
        &with(&["note", "show", "--client", "C-000001"]),
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        no_times(&r.stdout),
        "C-000001  Robin Example  adviser: sam  status: open\n\
         \n\
         N-000001  <time>  phone  final  by sam\n  \
         [ordinary] Query\n    \
         Asked about Universal Credit\n  \
         [special:health] Health\n    \
         (masked: reveal with --reveal --reason TEXT)\n"
    );
    assert!(!r.stdout.contains("diabetes") && !r.stdout.contains("07700"));

    // --reveal needs a reason.
    let r = run_bin(
        s,
        &with(&["note", "show", "--client", "C-000001", "--reveal"]),
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    let r = run_bin(
        s,
        &with(&[
            "note",
            "show",
            "--client",
            "C-000001",
            "--reveal",
            "--reason",
            "direct support to the client",
        ]),
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("(revealed; logged)\n    Recently diagnosed with diabetes\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("contact: 07700 900123"), "{}", r.stdout);

    let r = run_bin(
        s,
        &[
            "--user",
            "office-admin",
            "--password-stdin",
            "audit",
            "list",
        ],
        &stdin(&[ADMIN_PW]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reveal = r
        .stdout
        .lines()
        .find(|l| l.contains("section-revealed"))
        .expect("reveal in the audit list");
    assert!(
        reveal.contains("sam")
            && reveal.contains("C-000001")
            && reveal.contains("[special:health]"),
        "{reveal}"
    );
    assert!(
        !r.stdout.contains("direct support"),
        "administrators do not see reasons"
    );

    let r = run_bin(
        s,
        &[
            "--user",
            "office-admin",
            "--password-stdin",
            "audit",
            "list",
            "--json",
        ],
        &stdin(&[ADMIN_PW]),
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "section-revealed")
    );

    let r = run_bin(
        s,
        &with(&["client", "list", "--json"]),
        &stdin(&[ADVISER_PW]),
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v[0]["reference"], "C-000001");
    assert_eq!(v[0]["notes"], 1);

    for canary in [
        "Robin Example",
        "diabetes",
        "Universal Credit",
        "07700 900123",
        "direct support",
    ] {
        assert!(
            !file_contains(&store, canary.as_bytes()),
            "{canary} on disk"
        );
    }
}

#[test]
fn a_missing_store_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nowhere.redb");
    let r = run_bin(
        Some(&store),
        &["--user", "sam", "--password-stdin", "client", "list"],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "error: no store at {}; create one with `casenotes init --admin NAME`\n",
            store.display()
        )
    );
    assert!(!store.exists());
}

#[test]
fn a_bad_sensitivity_label_is_bad_usage_and_does_not_echo_the_text() {
    let f = Fixture::new();
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            "C-000001",
            "--section",
            "Health:secret=PRIVATE-DETAIL",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: --section: unknown sensitivity 'secret': expected ordinary, confidential or special:<category>\n"
    );
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            "C-000001",
            "--section",
            "Health:special:money=PRIVATE-DETAIL",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: --section: unknown special category 'money': expected one of ethnicity, politics"), "{}", r.stderr);
    assert!(!r.stderr.contains("PRIVATE-DETAIL"));
    // Prose that happens to have a colon before its '=' is not echoed either.
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            "C-000001",
            "--section",
            "Health: she said her partner: rent = 500",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains("partner"), "{}", r.stderr);
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "add",
            "--client",
            "C-000001",
            "--section",
            "no equals sign PRIVATE-DETAIL",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains("PRIVATE-DETAIL"), "{}", r.stderr);
}

#[test]
fn an_unknown_client_reference_is_one_clear_line() {
    let f = Fixture::new();
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            "C-000099",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, "", "error: no client C-000099\n")
    );
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            "Bob",
        ],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: invalid value 'Bob' for '--client <REF>': 'Bob' is not a client reference (expected the form C-000123)\n"
    );
}

#[test]
fn a_wrong_password_is_one_clear_line() {
    let f = Fixture::new();
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        &stdin(&["not my password at all"]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, "", "error: wrong username or password\n")
    );
    let r = f.run(
        &["--user", "nobody", "--password-stdin", "client", "list"],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, "", "error: wrong username or password\n")
    );
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let f = Fixture::new();
    for args in [
        vec!["frobnicate"],
        vec!["client", "add"],
        vec!["--password-stdin", "client", "list"],
        vec!["user", "add", "x", "--role", "overlord"],
        vec![
            "note",
            "add",
            "--client",
            "C-000001",
            "--kind",
            "carrier-pigeon",
            "--section",
            "a=b",
        ],
    ] {
        let r = f.run(&args, "");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    // Standard input without the line a command needs.
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        "",
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("standard input has no line"),
        "{}",
        r.stderr
    );
    // Without --password-stdin and no terminal, say what to do.
    let r = f.run(&["--user", "adviser1", "client", "list"], "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--password-stdin"), "{}", r.stderr);
}

#[test]
fn forbidden_operations_exit_1_with_one_line() {
    let f = Fixture::new();
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "audit", "list"],
        &stdin(&[ADVISER_PW]),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "error: reading the audit trail is not allowed for the adviser role\n"
        )
    );
    let r = f.run(
        &["--user", "admin", "--password-stdin", "client", "list"],
        &stdin(&[ADMIN_PW]),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "error: reading client names is not allowed for the admin role\n"
        )
    );
    let r = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "user",
            "add",
            "eve",
            "--role",
            "admin",
        ],
        &stdin(&[ADVISER_PW, ADMIN_PW]),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "error: adding users is not allowed for the adviser role\n"
        )
    );
}

#[test]
fn users_and_policy_from_the_command_line() {
    let f = Fixture::new();
    let admin = ["--user", "admin", "--password-stdin"];
    let with = |rest: &[&'static str]| [&admin[..], rest].concat();
    let r = f.run(&with(&["user", "list"]), &stdin(&[ADMIN_PW]));
    assert_eq!(
        r.stdout,
        "admin                admin      active\n\
         adviser1             adviser    active\n\
         adviser2             adviser    active\n\
         supervisor           supervisor active\n"
    );
    let r = f.run(&with(&["user", "disable", "adviser2"]), &stdin(&[ADMIN_PW]));
    assert_eq!((r.code, r.stdout.as_str()), (0, "disabled adviser2\n"));
    let r = f.run(
        &["--user", "adviser2", "--password-stdin", "client", "list"],
        &stdin(&[OTHER_PW]),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "error: the account 'adviser2' is disabled; ask an administrator\n"
        )
    );

    let r = f.run(
        &with(&["policy", "set", "lock-after", "120"]),
        &stdin(&[ADMIN_PW]),
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "lock-after = 120\n"));
    let r = f.run(&with(&["policy", "show"]), &stdin(&[ADMIN_PW]));
    assert!(
        r.stdout.contains("lock-after              120"),
        "{}",
        r.stdout
    );
    let r = f.run(
        &with(&["policy", "set", "lock-after", "1"]),
        &stdin(&[ADMIN_PW]),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (1, "error: lock-after must be between 30 and 3600\n")
    );

    let r = f.run(
        &with(&["user", "passwd", "adviser1"]),
        &stdin(&[ADMIN_PW, "short"]),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error: password refused: use at least 15 characters"),
        "{}",
        r.stderr
    );
    let r = f.run(
        &with(&["user", "passwd", "adviser1"]),
        &stdin(&[ADMIN_PW, "pumice rhubarb sorrel tundra"]),
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "password changed for adviser1\n")
    );
    let r = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "list"],
        &stdin(&["pumice rhubarb sorrel tundra"]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_damaged_store_is_one_clear_line_without_a_backtrace() {
    let f = Fixture::new();
    let bytes = std::fs::read(&f.path).unwrap();
    for (label, damaged) in [
        ("truncated", bytes[..bytes.len() / 3].to_vec()),
        ("text", b"not a store at all\n".repeat(500)),
    ] {
        let path = f.dir.path().join(format!("{label}.redb"));
        std::fs::write(&path, damaged).unwrap();
        let r = run_bin(
            Some(&path),
            &["--user", "adviser1", "--password-stdin", "client", "list"],
            &stdin(&[ADVISER_PW]),
        );
        assert_eq!(r.code, 1, "{label}: {}", r.stderr);
        assert_eq!(r.stdout, "");
        assert_eq!(r.stderr.lines().count(), 1, "{label}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{label}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked") && !r.stderr.contains("backtrace"));
    }
}
