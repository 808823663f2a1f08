//! The command-line contract: standard input, standard output, standard error and exit status
//! pinned for success and for bad input. Each test is a table of runs of the real binary, in
//! order, checked by one loop ([`check`]); besides what a row expects, every run must exit 0 with
//! nothing on standard error, or exit non-zero with nothing on standard output and exactly one
//! line `error: …` on standard error — never a panic or a backtrace.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// What one stream must hold. Timestamps `YYYY-MM-DD HH:MM` are compared as `<time>`.
enum Out {
    /// Exactly this.
    Is(String),
    /// A line equal to this, among others.
    HasLine(String),
    /// A JSON document that passes this check (which asserts).
    Json(fn(&serde_json::Value)),
}

use Out::*;

fn is(s: impl Into<String>) -> Out {
    Is(s.into())
}

/// Nothing at all.
fn none() -> Out {
    is("")
}

/// Exactly the line `error: MSG`.
fn error(msg: impl std::fmt::Display) -> Out {
    Is(format!("error: {msg}\n"))
}

/// One run of the binary and what it must give.
struct Case {
    args: Vec<String>,
    /// Lines of standard input.
    stdin: Vec<String>,
    code: i32,
    stdout: Out,
    stderr: Out,
    /// Text that must appear on neither stream.
    never: Vec<&'static str>,
}

fn row(args: Vec<String>, stdin: &[&str], code: i32, stdout: Out, stderr: Out) -> Case {
    Case {
        args,
        stdin: stdin.iter().map(|l| l.to_string()).collect(),
        code,
        stdout,
        stderr,
        never: Vec::new(),
    }
}

impl Case {
    fn never(mut self, texts: &[&'static str]) -> Case {
        self.never.extend_from_slice(texts);
        self
    }
}

/// Arguments as given.
fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

/// `--user USER --password-stdin REST…`.
fn as_user(user: &str, rest: &[&str]) -> Vec<String> {
    args(&[&["--user", user, "--password-stdin"], rest].concat())
}

/// `--store PATH REST…`, for rows that each name their own store.
fn on_store(path: &Path, rest: Vec<String>) -> Vec<String> {
    let mut a = vec!["--store".to_string(), path.display().to_string()];
    a.extend(rest);
    a
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
            // Seconds, where the audit list gives them.
            if i + 3 <= b.len() && b[i] == b':' && b[i + 1..i + 3].iter().all(u8::is_ascii_digit) {
                i += 3;
            }
        } else {
            // Whole characters, so that text beyond ASCII (a dash) is compared as written.
            let c = s[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

impl Out {
    fn check(&self, label: &str, stream: &str, text: &str) {
        let text = no_times(text);
        match self {
            Is(want) => assert_eq!(&text, want, "{label}: {stream}"),
            HasLine(line) => assert!(
                text.lines().any(|l| l == line),
                "{label}: {stream} lacks the line '{line}':\n{text}"
            ),
            Json(accept) => {
                let v: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{label}: {stream} is not JSON ({e}): {text}"));
                accept(&v);
            }
        }
    }
}

/// Runs every case in order against `store` and checks everything it gave.
fn check(store: Option<&Path>, cases: Vec<Case>) {
    for (i, case) in cases.iter().enumerate() {
        let label = format!("case {i}: casenotes {}", case.args.join(" "));
        let argv: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let stdin: String = case.stdin.iter().map(|l| format!("{l}\n")).collect();
        let r = run_bin(store, &argv, &stdin);
        assert_eq!(
            r.code, case.code,
            "{label}: exit status\nstdout: {}\nstderr: {}",
            r.stdout, r.stderr
        );
        if r.code == 0 {
            assert_eq!(r.stderr, "", "{label}: a success says nothing on stderr");
        } else {
            assert_eq!(r.stdout, "", "{label}: a failure prints nothing on stdout");
            assert_eq!(r.stderr.lines().count(), 1, "{label}: {}", r.stderr);
            assert!(r.stderr.starts_with("error: "), "{label}: {}", r.stderr);
        }
        for bad in ["panicked", "backtrace", "RUST_BACKTRACE"] {
            assert!(!r.stderr.contains(bad), "{label}: {}", r.stderr);
        }
        case.stdout.check(&label, "stdout", &r.stdout);
        case.stderr.check(&label, "stderr", &r.stderr);
        for text in &case.never {
            assert!(
                !r.stdout.contains(text) && !r.stderr.contains(text),
                "{label}: '{text}' shown\nstdout: {}\nstderr: {}",
                r.stdout,
                r.stderr
            );
        }
    }
}

#[test]
fn a_new_user_follows_the_readme() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("office.redb");
    let path = store.display();
    let sam = |rest: &[&str]| as_user("sam", rest);
    let admin = |rest: &[&str]| as_user("office-admin", rest);
    #[rustfmt::skip]
    let cases = vec![
        row(args(&["--password-stdin", "init", "--admin", "office-admin"]), &[ADMIN_PW], 0,
            is(format!("created store {path} with administrator office-admin\n")), none()),
        row(admin(&["user", "add", "lee", "--role", "supervisor"]), &[ADMIN_PW, SUPERVISOR_PW], 0,
            is("added lee as supervisor\n"), none()),
        row(admin(&["user", "add", "sam", "--role", "adviser"]), &[ADMIN_PW, ADVISER_PW], 0,
            is("added sam as adviser\n"), none()),
        // A new adviser can sign in but reads and writes no case record until confirmed.
        row(sam(&["client", "add", "--name", "Robin Example", "--contact", "07700 900123"]),
            &[ADVISER_PW], 1, none(),
            error("your account is waiting for a supervisor to confirm it: \
                   `casenotes user confirm sam`"))
            .never(&["Robin"]),
        row(admin(&["user", "list"]), &[ADMIN_PW], 0,
            is("USER                 ROLE       STATUS\nlee                  supervisor awaiting confirmation\n\
                office-admin         admin      active\n\
                sam                  adviser    awaiting confirmation\n"),
            none()),
        // The administrator cannot confirm anyone; the first supervisor's sign-in makes the case
        // keys, and the supervisor confirms the adviser.
        row(admin(&["user", "confirm", "sam"]), &[ADMIN_PW], 1, none(),
            error("confirming accounts is not allowed for the admin role")),
        row(as_user("lee", &["user", "confirm", "sam"]), &[SUPERVISOR_PW], 0,
            is("confirmed sam\n"), none()),
        row(sam(&["client", "add", "--name", "Robin Example", "--contact", "07700 900123"]),
            &[ADVISER_PW], 0, is("C-000001\n"), none()),
        row(sam(&["note", "add", "--client", "C-000001", "--kind", "phone",
                  "--section", "Query=Asked about Universal Credit",
                  "--section", "Health:special:health=Recently diagnosed with diabetes"]),
            &[ADVISER_PW], 0, is("N-000001\n"), none()),
        row(sam(&["note", "show", "--client", "C-000001"]), &[ADVISER_PW], 0,
            is("C-000001  Robin Example  adviser: sam  status: open\n  \
                consent: none recorded\n\
                \n\
                N-000001  <time>  phone  final  by sam\n  \
                [ordinary] Query\n    \
                Asked about Universal Credit\n  \
                [special:health] Health\n    \
                (masked: reveal with --reveal --reason TEXT)\n"),
            none())
            .never(&["diabetes", "07700"]),
        // --reveal needs a reason.
        row(sam(&["note", "show", "--client", "C-000001", "--reveal"]), &[ADVISER_PW], 2,
            none(), error("the following required arguments were not provided: --reason <TEXT>"))
            .never(&["diabetes", "07700"]),
        row(sam(&["note", "show", "--client", "C-000001", "--reveal",
                  "--reason", "direct support to the client"]),
            &[ADVISER_PW], 0,
            is("C-000001  Robin Example  adviser: sam  status: open\n  \
                date of birth: -  contact: 07700 900123\n  \
                consent: none recorded\n\
                \n\
                N-000001  <time>  phone  final  by sam\n  \
                [ordinary] Query\n    \
                Asked about Universal Credit\n  \
                [special:health] Health\n    \
                (revealed; logged)\n    \
                Recently diagnosed with diabetes\n"),
            none()),
        // The reveal is in the audit trail; administrators do not see reasons.
        row(admin(&["audit", "list"]), &[ADMIN_PW], 0,
            is(" EVENT  TIME (UTC)           WHO          WHAT                 CLIENT   DETAIL\n     1  <time>  office-admin store-created        -        \n     \
                     2  <time>  office-admin sign-in              -        \n     \
                     3  <time>  office-admin user-added           -        lee as supervisor\n     \
                     4  <time>  office-admin sign-in              -        \n     \
                     5  <time>  office-admin user-added           -        sam as adviser\n     \
                     6  <time>  sam          sign-in              -        \n     \
                     7  <time>  office-admin sign-in              -        \n     \
                     8  <time>  office-admin sign-in              -        \n     \
                     9  <time>  lee          case-keys-created    -        \n    \
                    10  <time>  lee          sign-in              -        \n    \
                    11  <time>  lee          user-confirmed       -        sam\n    \
                    12  <time>  sam          sign-in              -        \n    \
                    13  <time>  sam          client-created       C-000001 \n    \
                    14  <time>  sam          sign-in              -        \n    \
                    15  <time>  sam          note-added           C-000001 N-000001\n    \
                    16  <time>  sam          sign-in              -        \n    \
                    17  <time>  sam          notes-viewed         C-000001 1 notes\n    \
                    18  <time>  sam          sign-in              -        \n    \
                    19  <time>  sam          notes-viewed         C-000001 1 notes\n    \
                    20  <time>  sam          section-revealed     \
                                C-000001 N-000001 section 2 [special:health]\n    \
                    21  <time>  sam          details-revealed     C-000001 \n    \
                    22  <time>  office-admin sign-in              -        \n"),
            none())
            .never(&["direct support", "diabetes", "Robin"]),
        row(admin(&["audit", "list", "--json"]), &[ADMIN_PW], 0,
            Json(|v| {
                let reveal = v.as_array().expect("an array").iter()
                    .find(|e| e["action"] == "section-revealed")
                    .expect("the reveal in the audit list");
                assert_eq!(reveal["actor"], "sam");
                assert_eq!(reveal["client"], "C-000001");
                assert_eq!(reveal["detail"], "N-000001 section 2 [special:health]");
                assert_eq!(reveal["reason"], serde_json::Value::Null);
            }),
            none())
            .never(&["direct support", "diabetes", "Robin"]),
        // A supervisor, who holds the case keys, reads the stated reason.
        row(as_user("lee", &["audit", "list", "--client", "C-000001"]), &[SUPERVISOR_PW], 0,
            HasLine("    20  <time>  sam          section-revealed     C-000001 N-000001 \
                     section 2 \"Health\" [special:health] reason: direct support to the client".into()),
            none()),
        row(sam(&["client", "list", "--json"]), &[ADVISER_PW], 0,
            is("[{\"reference\":\"C-000001\",\"name\":\"Robin Example\",\"adviser\":\"sam\",\
                \"status\":\"open\",\"opened\":\"<time>\",\"last_contact\":\"<time>\",\
                \"notes\":1}]\n"),
            none()),
    ];
    check(Some(&store), cases);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&store).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "store file must be owner-only");
    }
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
    let missing = format!(
        "no store at {}; create one with `casenotes init --admin NAME`",
        store.display()
    );
    #[rustfmt::skip]
    let cases = vec![
        row(as_user("sam", &["client", "list"]), &[ADVISER_PW], 1, none(), error(&missing)),
        row(as_user("sam", &["note", "show", "--client", "C-000001"]), &[ADVISER_PW], 1,
            none(), error(&missing)),
    ];
    check(Some(&store), cases);
    assert!(
        !store.exists(),
        "a command on a missing store must not create one"
    );
}

#[test]
fn a_bad_sensitivity_label_is_bad_usage_and_does_not_echo_the_text() {
    let f = Fixture::new();
    let add = |section: &str| {
        as_user(
            "adviser1",
            &["note", "add", "--client", "C-000001", "--section", section],
        )
    };
    #[rustfmt::skip]
    let cases = vec![
        row(add("Health:secret=PRIVATE-DETAIL"), &[ADVISER_PW], 2, none(),
            error("--section: unknown sensitivity 'secret': expected ordinary, confidential or \
                   special:<category>"))
            .never(&["PRIVATE-DETAIL"]),
        row(add("Health:special:money=PRIVATE-DETAIL"), &[ADVISER_PW], 2, none(),
            error("--section: unknown special category 'money': expected one of ethnicity, \
                   politics, religion, union, genetic, biometric, health, sexuality, criminal"))
            .never(&["PRIVATE-DETAIL"]),
        // Prose that happens to have a colon before its '=' is not echoed either.
        row(add("Health: she said her partner: rent = 500"), &[ADVISER_PW], 2, none(),
            error("--section: unknown sensitivity label: expected ordinary, confidential or \
                   special:<category>"))
            .never(&["partner", "rent", "500"]),
        row(add("no equals sign PRIVATE-DETAIL"), &[ADVISER_PW], 2, none(),
            error("--section: a section has no '=': expected HEADING[:SENSITIVITY]=TEXT"))
            .never(&["PRIVATE-DETAIL"]),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn an_unknown_client_reference_is_one_clear_line() {
    let f = Fixture::new();
    #[rustfmt::skip]
    let cases = vec![
        row(as_user("adviser1", &["note", "show", "--client", "C-000099"]), &[ADVISER_PW], 1,
            none(), error("no client C-000099")),
        row(as_user("adviser1", &["note", "show", "--client", "Bob"]), &[ADVISER_PW], 2,
            none(),
            error("invalid value 'Bob' for '--client <REF>': 'Bob' is not a client reference \
                   (expected the form C-000123)")),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn a_wrong_password_is_one_clear_line() {
    let f = Fixture::new();
    #[rustfmt::skip]
    let cases = vec![
        row(as_user("adviser1", &["client", "list"]), &["not my password at all"], 1, none(),
            error("wrong username or password")),
        row(as_user("nobody", &["client", "list"]), &[ADVISER_PW], 1, none(),
            error("wrong username or password")),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let f = Fixture::new();
    #[rustfmt::skip]
    let cases = vec![
        row(args(&["frobnicate"]), &[], 2, none(),
            error("unrecognized subcommand 'frobnicate'")),
        row(args(&["client", "add", "--name"]), &[], 2, none(),
            error("a value is required for '--name <TEXT>' but none was supplied")),
        row(args(&["--password-stdin", "client", "list"]), &[], 2, none(),
            error("say who you are with --user NAME (or CASENOTES_USER)")),
        row(args(&["user", "add", "x", "--role", "overlord"]), &[], 2, none(),
            error("invalid value 'overlord' for '--role <ROLE>'")),
        row(args(&["note", "add", "--client", "C-000001", "--kind", "carrier-pigeon",
                   "--section", "a=b"]), &[], 2, none(),
            error("invalid value 'carrier-pigeon' for '--kind <KIND>': unknown kind \
                   'carrier-pigeon': expected session, phone, email, video or other")),
        // Standard input without the line a command needs.
        row(as_user("adviser1", &["client", "list"]), &[], 2, none(),
            error("--password-stdin: standard input has no line for the password")),
        // A seed too large to mean is refused before anything is made.
        row(args(&["seed", "--clients", "2000000", "--notes", "1"]), &[], 2, none(),
            error("invalid value '2000000' for '--clients <N>': 2000000 is not in 0..=1000000")),
        row(args(&["seed", "--clients", "10", "--notes", "5000"]), &[], 2, none(),
            error("invalid value '5000' for '--notes <M>': 5000 is not in 0..=1000")),
        // Without --password-stdin and no terminal, say what to do.
        row(args(&["--user", "adviser1", "client", "list"]), &[], 2, none(),
            error("no terminal to ask for a password: pass it on standard input with \
                   --password-stdin")),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn forbidden_operations_exit_1_with_one_line() {
    let f = Fixture::new();
    #[rustfmt::skip]
    let cases = vec![
        row(as_user("adviser1", &["audit", "list"]), &[ADVISER_PW], 1, none(),
            error("reading the audit trail is not allowed for the adviser role")),
        row(as_user("admin", &["client", "list"]), &[ADMIN_PW], 1, none(),
            error("reading client names is not allowed for the admin role")),
        row(as_user("adviser1", &["user", "add", "eve", "--role", "admin"]),
            &[ADVISER_PW, ADMIN_PW], 1, none(),
            error("adding users is not allowed for the adviser role")),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn users_and_policy_from_the_command_line() {
    let f = Fixture::new();
    let admin = |rest: &[&str]| as_user("admin", rest);
    const NEW_PW: &str = "pumice rhubarb sorrel tundra";
    const OWN_PW: &str = "thimble orchard cobalt lantern";
    #[rustfmt::skip]
    let cases = vec![
        row(admin(&["user", "list"]), &[ADMIN_PW], 0,
            is("USER                 ROLE       STATUS\n\
                admin                admin      active\n\
                adviser1             adviser    active\n\
                adviser2             adviser    active\n\
                supervisor           supervisor active\n"),
            none()),
        row(admin(&["user", "disable", "adviser2"]), &[ADMIN_PW], 0,
            is("disabled adviser2\n"), none()),
        row(as_user("adviser2", &["client", "list"]), &[OTHER_PW], 1, none(),
            error("the account 'adviser2' is disabled; ask an administrator")),
        row(admin(&["policy", "set", "lock-after", "120"]), &[ADMIN_PW], 0,
            is("lock-after = 120\n"), none()),
        row(admin(&["policy", "show"]), &[ADMIN_PW], 0,
            is("KEY                     VALUE  RANGE     MEANING\n\
                password-min-length        15  8-128     minimum password length in characters\n\
                lock-after                120  30-1800   idle seconds before the screen locks\n\
                reveal-seconds            120  10-900    seconds a revealed section stays revealed\n\
                no-contact-days            14  1-365     days without contact before an open client \
                counts as out of touch\n\
                consent-months             12  1-60      months a client's consent holds before it \
                must be renewed\n\
                retention-years             6  1-100     years a closed client's records are kept\n\
                kdf-memory-mib              1  19-1024   Argon2id memory for new passwords, MiB\n\
                kdf-passes                  1  2-10      Argon2id passes for new passwords\n\
                client-names             full  full|initials|code how a new client's name is \
                kept: full, initials, or code (the reference only)\n\
                second-factor-required   none  none|adviser,supervisor,admin roles that must sign \
                in with a second factor (a key file or one-time codes)\n"),
            none()),
        // The idle lock is between 30 seconds and 30 minutes.
        row(admin(&["policy", "set", "lock-after", "0"]), &[ADMIN_PW], 1, none(),
            error("lock-after must be between 30 and 1800 (idle seconds before the screen \
                   locks)")),
        row(admin(&["policy", "set", "lock-after", "86400"]), &[ADMIN_PW], 1, none(),
            error("lock-after must be between 30 and 1800 (idle seconds before the screen \
                   locks)")),
        row(admin(&["policy", "set", "lock-after", "1800"]), &[ADMIN_PW], 0,
            is("lock-after = 1800\n"), none()),
        row(admin(&["policy", "set", "no-contact-days", "30"]), &[ADMIN_PW], 0,
            is("no-contact-days = 30\n"), none()),
        row(admin(&["policy", "set", "retention-years", "0"]), &[ADMIN_PW], 1, none(),
            error("retention-years must be between 1 and 100 (years a closed client's records \
                   are kept)")),
        row(admin(&["policy", "set", "retention-years", "7"]), &[ADMIN_PW], 0,
            is("retention-years = 7\n"), none()),
        row(as_user("adviser1", &["policy", "set", "lock-after", "60"]), &[ADVISER_PW], 1, none(),
            error("changing the policy is not allowed for the adviser role")),
        row(admin(&["user", "passwd", "adviser1"]), &[ADMIN_PW, "short"], 1, none(),
            error("password refused: use at least 15 characters (a few unrelated words work \
                   well)")),
        // The refused password does not open the account.
        row(as_user("adviser1", &["client", "list"]), &["short"], 1, none(),
            error("wrong username or password")),
        row(admin(&["user", "passwd", "adviser1"]), &[ADMIN_PW, NEW_PW], 0,
            is("password reset for adviser1: adviser1 must choose a new one at the next \
                sign-in\n"), none()),
        // The administrator knows the new password: the account may do nothing until it chooses
        // its own.
        row(as_user("adviser1", &["client", "list"]), &[NEW_PW], 1, none(),
            error("your password was reset by an administrator: choose a new one first — \
                   `casenotes user passwd adviser1`")),
        row(as_user("adviser1", &["policy", "show"]), &[NEW_PW], 1, none(),
            error("your password was reset by an administrator: choose a new one first — \
                   `casenotes user passwd adviser1`")),
        row(as_user("adviser1", &["client", "list"]), &[ADVISER_PW], 1, none(),
            error("wrong username or password")),
        row(admin(&["user", "list"]), &[ADMIN_PW], 0,
            is("USER                 ROLE       STATUS\nadmin                admin      active\n\
                adviser1             adviser    must change password\n\
                adviser2             adviser    disabled\n\
                supervisor           supervisor active\n"),
            none()),
        row(as_user("supervisor", &["user", "confirm", "adviser1"]), &[SUPERVISOR_PW], 1, none(),
            error("'adviser1' must first choose a new password (an administrator set the \
                   current one)")),
        row(as_user("adviser1", &["user", "passwd", "adviser1"]), &[NEW_PW, NEW_PW], 1, none(),
            error("password refused: choose one of your own, not the one the administrator \
                   set")),
        row(as_user("adviser1", &["user", "passwd", "adviser1"]), &[NEW_PW, OWN_PW], 0,
            is("password changed for adviser1\n"), none()),
        // It lost the case keys with the reset: it waits for a supervisor to confirm it again.
        row(as_user("adviser1", &["client", "list"]), &[OWN_PW], 1, none(),
            error("your account is waiting for a supervisor to confirm it: \
                   `casenotes user confirm adviser1`")),
        row(admin(&["user", "list"]), &[ADMIN_PW], 0,
            is("USER                 ROLE       STATUS\nadmin                admin      active\n\
                adviser1             adviser    awaiting confirmation\n\
                adviser2             adviser    disabled\n\
                supervisor           supervisor active\n"),
            none()),
        row(as_user("supervisor", &["user", "confirm", "adviser1"]), &[SUPERVISOR_PW], 0,
            is("confirmed adviser1\n"), none()),
        row(as_user("supervisor", &["user", "confirm", "adviser2"]), &[SUPERVISOR_PW], 1, none(),
            error("the account 'adviser2' is disabled; ask an administrator")),
        row(as_user("adviser1", &["client", "list"]), &[OWN_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n"), none()),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn accounts_enabled_roles_changed_and_clients_reassigned_from_the_command_line() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    for (name, adviser) in [("Alpha Person", "adviser2"), ("Beta Person", "adviser2")] {
        sup.add_client(casenotes::session::NewClient {
            name: name.into(),
            date_of_birth: None,
            contact: None,
            adviser: Some(adviser.into()),
        })
        .unwrap();
    }
    drop(sup);
    let admin = |rest: &[&str]| as_user("admin", rest);
    let supervisor = |rest: &[&str]| as_user("supervisor", rest);
    const TEMP_PW: &str = "pumice rhubarb sorrel tundra";
    const OWN_PW: &str = "thimble orchard cobalt lantern";
    let must_change = "your password was reset by an administrator: choose a new one first — \
                       `casenotes user passwd adviser2`";
    #[rustfmt::skip]
    let cases = vec![
        row(admin(&["user", "disable", "adviser2"]), &[ADMIN_PW], 0,
            is("disabled adviser2\n\
                these 2 clients need a new adviser: C-000001, C-000002 — a supervisor runs \
                `casenotes client reassign`\n"),
            none()).never(&["Alpha", "Beta"]),
        row(supervisor(&["client", "list", "--needs-adviser"]), &[SUPERVISOR_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n\
                C-000001  Alpha Person                 adviser2     open   -\n\
                C-000002  Beta Person                  adviser2     open   -\n"),
            none()),
        row(admin(&["client", "list", "--needs-adviser"]), &[ADMIN_PW], 1, none(),
            error("reassigning clients is not allowed for the admin role")),
        row(as_user("adviser1", &["client", "reassign", "--client", "C-000001", "--to",
                                  "adviser1", "--reason", "taking it on"]), &[ADVISER_PW], 1,
            none(), error("reassigning clients is not allowed for the adviser role")),
        row(supervisor(&["client", "reassign", "--client", "C-000001", "--to", "adviser2",
                         "--reason", "back again"]), &[SUPERVISOR_PW], 1, none(),
            error("'adviser2' is not an active adviser or supervisor")),
        row(supervisor(&["client", "reassign", "--client", "C-000001", "--to", "adviser1"]),
            &[SUPERVISOR_PW], 2, none(),
            error("the following required arguments were not provided: --reason <TEXT>")),
        row(supervisor(&["client", "reassign", "--client", "C-000001", "--to", "adviser1",
                         "--reason", "adviser2 has left the service"]), &[SUPERVISOR_PW], 0,
            is("reassigned C-000001 to adviser1\n"), none()),
        row(as_user("adviser1", &["client", "list"]), &[ADVISER_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n\
                C-000001  Alpha Person                 adviser1     open   -\n"),
            none()),
        row(supervisor(&["client", "list", "--needs-adviser"]), &[SUPERVISOR_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n\
                C-000002  Beta Person                  adviser2     open   -\n"),
            none()),
        // Enabled again with a temporary password, read after the administrator's own.
        row(admin(&["user", "enable", "adviser1"]), &[ADMIN_PW, TEMP_PW], 1, none(),
            error("'adviser1' is not disabled")),
        row(as_user("supervisor", &["user", "enable", "adviser2"]), &[SUPERVISOR_PW, TEMP_PW], 1,
            none(), error("enabling users is not allowed for the supervisor role")),
        row(admin(&["user", "enable", "adviser2"]), &[ADMIN_PW, TEMP_PW], 0,
            is("enabled adviser2 with a temporary password: adviser2 chooses a new one at the \
                next sign-in (`casenotes user passwd adviser2`); an adviser or supervisor then \
                waits for a supervisor to confirm it\n"),
            none()),
        row(as_user("adviser2", &["client", "list"]), &[OTHER_PW], 1, none(),
            error("wrong username or password")),
        row(as_user("adviser2", &["client", "list"]), &[TEMP_PW], 1, none(),
            error(must_change)),
        row(as_user("adviser2", &["user", "passwd", "adviser2"]), &[TEMP_PW, OWN_PW], 0,
            is("password changed for adviser2\n"), none()),
        row(as_user("adviser2", &["client", "list"]), &[OWN_PW], 1, none(),
            error("your account is waiting for a supervisor to confirm it: \
                   `casenotes user confirm adviser2`")),
        row(supervisor(&["user", "confirm", "adviser2"]), &[SUPERVISOR_PW], 0,
            is("confirmed adviser2\n"), none()),
        row(as_user("adviser2", &["client", "list"]), &[OWN_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n\
                C-000002  Beta Person                  adviser2     open   -\n"),
            none()),
        // Roles.
        row(admin(&["user", "role", "admin", "--role", "adviser"]), &[ADMIN_PW], 1, none(),
            error("you cannot change your own role; another administrator can")),
        row(admin(&["user", "role", "supervisor", "--role", "adviser"]), &[ADMIN_PW], 1, none(),
            error("'supervisor' is the only supervisor holding the case keys; add another \
                   supervisor and have 'supervisor' confirm them first")),
        row(admin(&["user", "role", "adviser1", "--role", "adviser"]), &[ADMIN_PW], 1, none(),
            error("'adviser1' is already an adviser")),
        row(admin(&["user", "role", "adviser1", "--role", "boss"]), &[ADMIN_PW], 2, none(),
            error("invalid value 'boss' for '--role <ROLE>'")),
        row(admin(&["user", "role", "adviser1", "--role", "supervisor"]), &[ADMIN_PW], 0,
            is("adviser1's role is now supervisor\n"), none()),
        row(admin(&["user", "role", "adviser2", "--role", "admin"]), &[ADMIN_PW], 0,
            is("adviser2's role is now admin\n\
                this client needs a new adviser: C-000002 — a supervisor runs \
                `casenotes client reassign`\n"),
            none()),
        row(as_user("adviser2", &["client", "list"]), &[OWN_PW], 1, none(),
            error("reading client names is not allowed for the admin role")),
        row(admin(&["user", "list"]), &[ADMIN_PW], 0,
            is("USER                 ROLE       STATUS\n\
                admin                admin      active\n\
                adviser1             supervisor active\n\
                adviser2             admin      active\n\
                supervisor           supervisor active\n"),
            none()),
        row(admin(&["audit", "list", "--json"]), &[ADMIN_PW], 0,
            Json(|v| {
                let events = v.as_array().expect("a list");
                let has = |action: &str, detail: &str| {
                    events.iter().any(|e| e["action"] == action && e["detail"] == detail)
                };
                assert!(has("user-disabled", "adviser2"));
                assert!(has("client-reassigned", "adviser2 -> adviser1"));
                assert!(has("user-enabled", "adviser2"));
                assert!(has("password-changed", "adviser2"));
                assert!(has("role-changed", "adviser1 adviser -> supervisor"));
                assert!(has("role-changed", "adviser2 adviser -> admin"));
                // An administrator reads references, never reasons.
                assert!(events.iter().all(|e| e["reason"].is_null()));
            }),
            none()).never(&["Alpha", "Beta", "has left the service"]),
        row(admin(&["audit", "verify"]), &[ADMIN_PW], 0,
            is("audit trail intact: 45 events\n"), none()),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn a_damaged_store_is_one_clear_line_without_a_backtrace() {
    let f = Fixture::new();
    let bytes = std::fs::read(&f.path).unwrap();
    let file = |label: &str, content: &[u8]| -> PathBuf {
        let path = f.dir.path().join(format!("{label}.redb"));
        std::fs::write(&path, content).unwrap();
        path
    };
    let truncated = file("truncated", &bytes[..bytes.len() / 3]);
    let text = file("text", &b"not a store at all\n".repeat(500));
    let list = || as_user("adviser1", &["client", "list"]);
    #[rustfmt::skip]
    let cases = vec![
        row(on_store(&truncated, list()), &[ADVISER_PW], 1, none(),
            error("the store is damaged or was altered; restore it from a backup")),
        row(on_store(&text, list()), &[ADVISER_PW], 1, none(),
            error(format!("{} is not a casenotes store", text.display()))),
    ];
    check(None, cases);
    // The damaged files are left as they were.
    assert_eq!(
        std::fs::read(&truncated).unwrap(),
        &bytes[..bytes.len() / 3]
    );
    assert_eq!(
        std::fs::read(&text).unwrap(),
        b"not a store at all\n".repeat(500)
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let f = Fixture::new();
    let s = f.sign_in("adviser1");
    // Enough output to fill a pipe several times over.
    for i in 0..1500 {
        client(
            &s,
            &format!("Client Number {i} with a long name to fill the pipe"),
        );
    }
    drop(s);
    let mut child = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .env("CASENOTES_STATE_DIR", f.state_dir())
        .args(["--user", "adviser1", "--password-stdin", "client", "list"])
        .arg("--store")
        .arg(&f.path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{ADVISER_PW}\n").as_bytes())
        .expect("password");
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    reader.read_line(&mut first).expect("header");
    assert!(first.starts_with("REF"), "{first}");
    first.clear();
    reader.read_line(&mut first).expect("first line");
    drop(reader);
    // `head -1`: the reader has gone.
    assert!(first.starts_with("C-"), "{first}");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn hostile_text_is_refused_in_one_line_fields_and_shown_escaped_in_notes() {
    let f = Fixture::new();
    let adviser = |rest: &[&str]| as_user("adviser1", rest);
    let today = jiff::Zoned::now().date();
    let later = today
        .checked_add(jiff::Span::new().days(2))
        .expect("a date");
    let hidden = |found: &str| {
        format!("may not contain control or invisible formatting characters (found {found})")
    };
    // What a terminal would act on: carriage return, escape, bell, a bidirectional override, a
    // zero-width space.
    let raw: &[&'static str] = &["\r", "\x1b", "\x07", "\u{202e}", "\u{200b}"];
    #[rustfmt::skip]
    let cases = vec![
        row(adviser(&["client", "add", "--name", "Robin\u{202e}elpmaxE"]), &[ADVISER_PW], 1,
            none(), error(format!("a client name {}", hidden("\\u{202e}"))))
            .never(raw),
        row(adviser(&["client", "add", "--name", "Robin Example",
                      "--contact", "07700 900123\r\x1b[2K"]), &[ADVISER_PW], 1,
            none(), error(format!("contact details {}", hidden("\\u{d}"))))
            .never(raw).never(&["07700"]),
        // A date of birth in the future, or no date at all, is refused before the password is
        // read, and the date is not repeated.
        row(adviser(&["client", "add", "--name", "Robin Example", "--dob", &later.to_string()]),
            &[], 2, none(), error("--dob: a date of birth cannot be in the future")),
        row(adviser(&["client", "add", "--name", "Robin Example", "--dob", "1983-13-19"]),
            &[], 2, none(), error("--dob: a date of birth must be a date in the form YYYY-MM-DD"))
            .never(&["1983"]),
        row(adviser(&["client", "add", "--name", "Robin Example", "--dob", &today.to_string(),
                      "--contact", "07700 900123"]),
            &[ADVISER_PW], 0, is("C-000001\n"), none()),
        row(adviser(&["note", "add", "--client", "C-000001",
                      "--section", "Query\x1b[2K=asked about rent"]), &[ADVISER_PW], 1,
            none(), error(format!("a section heading {}", hidden("\\u{1b}"))))
            .never(raw).never(&["rent"]),
        // Section text is kept as typed, and shown escaped.
        row(adviser(&["note", "add", "--client", "C-000001",
                      "--section", "Query=asked about rent\r\x1b[2Kforged line\n\
                                    \x1b]0;pwned\x07\u{202e}txt.exe\tend",
                      "--section", "Health:special:health=asthma\x1b[8m hidden"]),
            &[ADVISER_PW], 0, is("N-000001\n"), none()),
        row(adviser(&["note", "show", "--client", "C-000001"]), &[ADVISER_PW], 0,
            is("C-000001  Robin Example  adviser: adviser1  status: open\n  \
                consent: none recorded\n\
                \n\
                N-000001  <time>  in-person  final  by adviser1\n  \
                [ordinary] Query\n    \
                asked about rent\\u{d}\\u{1b}[2Kforged line\n    \
                \\u{1b}]0;pwned\\u{7}\\u{202e}txt.exe    end\n  \
                [special:health] Health\n    \
                (masked: reveal with --reveal --reason TEXT)\n"),
            none())
            .never(raw).never(&["asthma"]),
        // A reason needs visible letters or digits, and is one line of visible text.
        row(adviser(&["note", "show", "--client", "C-000001", "--reveal",
                      "--reason", "\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}"]), &[ADVISER_PW], 1,
            none(), error("a reason is required: at least 3 letters or digits saying why"))
            .never(raw).never(&["asthma"]),
        row(adviser(&["note", "show", "--client", "C-000001", "--reveal", "--reason", "ok!"]),
            &[ADVISER_PW], 1,
            none(), error("a reason is required: at least 3 letters or digits saying why"))
            .never(&["asthma"]),
        row(adviser(&["note", "show", "--client", "C-000001", "--reveal",
                      "--reason", "supervision\r\x1b[2K\x1b]0;pwned\x07\u{202e}"]), &[ADVISER_PW], 1,
            none(), error(format!("a reason {}", hidden("\\u{d}"))))
            .never(raw).never(&["asthma", "pwned"]),
        row(adviser(&["note", "show", "--client", "C-000001", "--reveal",
                      "--reason", "supervision"]), &[ADVISER_PW], 0,
            is(format!("C-000001  Robin Example  adviser: adviser1  status: open\n  \
                date of birth: {today}  contact: 07700 900123\n  \
                consent: none recorded\n\
                \n\
                N-000001  <time>  in-person  final  by adviser1\n  \
                [ordinary] Query\n    \
                asked about rent\\u{{d}}\\u{{1b}}[2Kforged line\n    \
                \\u{{1b}}]0;pwned\\u{{7}}\\u{{202e}}txt.exe    end\n  \
                [special:health] Health\n    \
                (revealed; logged)\n    \
                asthma\\u{{1b}}[8m hidden\n")),
            none())
            .never(raw),
        // Refused reasons were not logged; the one given is.
        row(as_user("supervisor", &["audit", "list", "--client", "C-000001"]),
            &[SUPERVISOR_PW], 0,
            is(" EVENT  TIME (UTC)           WHO          WHAT                 CLIENT   DETAIL\n    12  <time>  adviser1     client-created       C-000001 \n    \
                   15  <time>  adviser1     note-added           C-000001 N-000001\n    \
                   17  <time>  adviser1     notes-viewed         C-000001 1 notes\n    \
                   22  <time>  adviser1     notes-viewed         C-000001 1 notes\n    \
                   23  <time>  adviser1     section-revealed     C-000001 N-000001 section 2 \
                                                                 \"Health\" [special:health] reason: \
                                                                 supervision\n    \
                   24  <time>  adviser1     details-revealed     C-000001  reason: \
                                                                 supervision\n"),
            none())
            .never(raw).never(&["pwned"]),
        row(as_user("admin", &["user", "add", "eve\u{202e}", "--role", "adviser"]),
            &[ADMIN_PW, OTHER_PW], 1, none(),
            error("'eve\\u{202e}' is not a valid username: use 1-64 letters, digits, '.', '-', \
                   '_' or '@'"))
            .never(raw),
        // Errors quoting what was typed show it escaped, clap's included.
        row(adviser(&["note", "show", "--client", "C-\u{202e}1\rX"]), &[], 2, none(),
            error("invalid value 'C-\\u{202e}1\\u{d}X' for '--client <REF>': \
                   'C-\\u{202e}1\\u{d}X' is not a client reference (expected the form C-000123)"))
            .never(raw),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn weak_passwords_are_refused_with_one_sentence_of_advice() {
    let f = Fixture::new();
    let passwd = |new: &str| {
        row(
            as_user("admin", &["user", "passwd", "adviser1"]),
            &[ADMIN_PW, new],
            1,
            none(),
            none(),
        )
    };
    let refused = |new: &str, why: &str| {
        let mut r = passwd(new);
        r.stderr = error(format!("password refused: {why}"));
        r
    };
    let famous = "it is a famous example passphrase, among the first an attacker tries; choose \
                  words of your own";
    let guessable = "it is built on words an attacker tries first (this service's name, your \
                     username, seasons, months or days); add more unrelated words";
    #[rustfmt::skip]
    let cases = vec![
        refused("correcthorsebatterystaple", famous),
        refused("Correct Horse Battery Staple", famous),
        refused("CorrectHorse1234", famous),
        refused("casenotes2026!!!", guessable),
        refused("Casenotes-Casenotes", guessable),
        refused("Summer2026Summer", guessable),
        refused("adviser1-adviser1-2026", guessable),
        refused("qwertyuiopasdfgh",
                "this is similar to a commonly used password; add more unrelated words"),
        // The account still opens with its old password.
        row(as_user("adviser1", &["client", "list"]), &[ADVISER_PW], 0,
            is("REF       NAME                         ADVISER      STATUS LAST CONTACT\n"), none()),
        row(as_user("admin", &["user", "passwd", "adviser1"]),
            &[ADMIN_PW, "saffron kiln puffin mosaic"], 0,
            is("password reset for adviser1: adviser1 must choose a new one at the next \
                sign-in\n"), none()),
    ];
    check(Some(&f.path), cases);
}

#[test]
fn a_directory_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().display().to_string();
    #[rustfmt::skip]
    let cases = vec![
        row(args(&["--password-stdin", "--store", &path, "init", "--admin", "office-admin"]),
            &[ADMIN_PW], 1, none(),
            error(format!("{path} is a directory; give the path of a store file inside it"))),
        row(args(&["--password-stdin", "--store", &path, "--user", "sam", "client", "list"]),
            &[ADVISER_PW], 1, none(),
            error(format!("{path} is a directory; give the path of a store file inside it"))),
    ];
    check(None, cases);
}

#[test]
fn actions_from_the_command_line() {
    let f = Fixture::new();
    let a1 = |rest: &[&str]| as_user("adviser1", rest);
    let a2 = |rest: &[&str]| as_user("adviser2", rest);
    let header = "CLIENT      N  WHO      DUE         STATUS   WHAT\n";
    let one = "C-000001    1  client   2020-01-31  overdue  bring three payslips\n";
    let two = |status: &str| {
        format!("C-000001    2  adviser  2999-12-31  {status:<7}  renew the claim\n")
    };
    // Stored text that would drive a terminal is shown escaped.
    let three = "C-000001    3  adviser  -           open     \
                 Ring \\u{1b}]0;pwned\\u{7}\\u{202e}back\n";
    #[rustfmt::skip]
    let cases = vec![
        row(a1(&["client", "add", "--name", "Robin Example"]), &[ADVISER_PW], 0,
            is("C-000001\n"), none()),
        row(a1(&["note", "add", "--client", "C-000001", "--section",
                 "Actions agreed=Client to bring three payslips by 2020-01-31\n\
                  Adviser to renew the claim by 2999-12-31.\n\
                  Ring \u{1b}]0;pwned\u{7}\u{202e}back"]),
            &[ADVISER_PW], 0, is("N-000001\n"), none()),
        row(a1(&["action", "list"]), &[ADVISER_PW], 0,
            is(format!("{header}{one}{}{three}", two("open"))), none()),
        row(a1(&["action", "list", "--overdue"]), &[ADVISER_PW], 0,
            is(format!("{header}{one}")), none()),
        row(a1(&["action", "list", "--client", "C-000001", "--json"]), &[ADVISER_PW], 0,
            Json(|v| {
                let list = v.as_array().expect("an array");
                assert_eq!(list.len(), 3);
                assert_eq!(list[0]["status"], "overdue");
                assert_eq!(list[0]["who"], "client");
                assert_eq!(list[0]["due"], "2020-01-31");
                assert_eq!(list[0]["what"], "bring three payslips");
                assert_eq!(list[0]["note"], "N-000001");
                assert_eq!(list[2]["due"], serde_json::Value::Null);
                // JSON carries the exact text.
                assert_eq!(list[2]["what"], "Ring \u{1b}]0;pwned\u{7}\u{202e}back");
            }),
            none()),
        row(a1(&["action", "done", "--client", "C-000001", "--action", "2"]), &[ADVISER_PW], 0,
            is("action 2 of C-000001 marked done\n"), none()),
        row(a1(&["action", "done", "--client", "C-000001", "--action", "2"]), &[ADVISER_PW], 1,
            none(), error("action 2 of C-000001 is already done")),
        row(a1(&["action", "done", "--client", "C-000001", "--action", "7"]), &[ADVISER_PW], 1,
            none(), error("no action 7 for client C-000001")),
        row(a1(&["action", "done", "--client", "C-000009", "--action", "1"]), &[ADVISER_PW], 1,
            none(), error("no client C-000009")),
        row(a1(&["action", "list", "--client", "C-000009"]), &[ADVISER_PW], 1,
            none(), error("no client C-000009")),
        row(a1(&["action", "list", "--client", "C-000001"]), &[ADVISER_PW], 0,
            is(format!("{header}{one}{}{three}", two("done"))), none()),
        // Marked done, it leaves the caseload's list of open actions.
        row(a1(&["action", "list"]), &[ADVISER_PW], 0,
            is(format!("{header}{one}{three}")), none()),
        // Another adviser's client: the same rule as opening it.
        row(a2(&["action", "list", "--client", "C-000001"]), &[OTHER_PW], 1, none(),
            error("C-000001 is not on your caseload; opening it needs a stated reason \
                   (--reason), which is logged and flagged for review"))
            .never(&["payslips"]),
        row(a2(&["action", "done", "--client", "C-000001", "--action", "3"]), &[OTHER_PW], 1,
            none(),
            error("C-000001 is not on your caseload; opening it needs a stated reason \
                   (--reason), which is logged and flagged for review")),
        row(a2(&["action", "list"]), &[OTHER_PW], 0, is(header), none()),
        row(a2(&["action", "done", "--client", "C-000001", "--action", "3", "--reason",
                 "covering today"]), &[OTHER_PW], 0,
            is("action 3 of C-000001 marked done\n"), none()),
        row(as_user("admin", &["action", "list"]), &[ADMIN_PW], 1, none(),
            error("reading case notes is not allowed for the admin role")),
        // The trail names the action's number, never its text.
        row(as_user("supervisor", &["audit", "list", "--client", "C-000001", "--json"]),
            &[SUPERVISOR_PW], 0,
            Json(|v| {
                let events = v.as_array().expect("an array");
                let done: Vec<(&str, &str, bool)> = events
                    .iter()
                    .filter(|e| e["action"] == "action-done")
                    .map(|e| {
                        (
                            e["actor"].as_str().unwrap(),
                            e["detail"].as_str().unwrap(),
                            e["flagged"].as_bool().unwrap(),
                        )
                    })
                    .collect();
                assert_eq!(done, [("adviser1", "action 2", false), ("adviser2", "action 3", false)]);
                assert!(events.iter().any(|e| e["action"] == "break-glass" && e["flagged"] == true));
            }),
            none())
            .never(&["payslips", "renew", "pwned"]),
        row(as_user("supervisor", &["audit", "verify"]), &[SUPERVISOR_PW], 0,
            is("audit trail intact: 34 events\n"), none()),
        // Bad usage is refused before a password is asked for.
        row(args(&["action", "done", "--client", "C-000001", "--action", "0"]), &[], 2, none(),
            error("invalid value '0' for '--action <N>': 0 is not in 1..=4294967295")),
        row(args(&["action", "done", "--client", "C-000001"]), &[], 2, none(),
            error("the following required arguments were not provided: --action <N>")),
        row(args(&["action", "list", "--reason", "why not"]), &[], 2, none(),
            error("the following required arguments were not provided: --client <REF>")),
    ];
    check(Some(&f.path), cases);
}
