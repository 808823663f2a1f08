//! A store on PostgreSQL as an office sets it up and uses it: `init` on every kind of
//! database, no server at all, and the "done means": two advisers saving at once, a
//! supervisor seeing both, and nothing readable on the server.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::pg::Cluster;
use common::pgrun::*;
use common::*;

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

/// `backup` on a PostgreSQL store writes a store file: the same records, which opens with the
/// same passwords and passes `check`; erasure then names it; `restore` refuses the database in
/// one line and leaves it as it was.
#[test]
fn a_backup_of_a_database_is_a_store_file_and_restore_refuses_the_database() {
    let f = Fixture::on(Backend::Postgres);
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Backup Person");
    note(
        &a1,
        r,
        vec![section("Query", health(), "BACKUP-CANARY on the server")],
    );
    drop(a1);
    // In a folder of its own: this "machine" keeps its record of the backup apart from its
    // record of the live store, which has moved on since (the backup's own event).
    let folder = f.dir.path().join("offsite");
    std::fs::create_dir(&folder).expect("folder");
    let out = folder.join("office-backup.redb");
    let done = ok(
        as_user(
            &f,
            "supervisor",
            &["backup", "--out", out.to_str().expect("path")],
        ),
        "backup",
    );
    assert!(done.starts_with("backed up to "), "{done}");
    assert!(!file_contains(&out, b"BACKUP-CANARY"));
    assert!(!file_contains(&out, b"Backup Person"));

    // The backup is a store file like any other, checked with the same passwords.
    let check = run_bin(
        Some(&out),
        &["--user", "supervisor", "--password-stdin", "check"],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(check.code, 0, "{}", check.stderr);
    let shown = run_bin(
        Some(&out),
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            &r.to_string(),
            "--reveal",
            "--reason",
            "checking the backup",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("BACKUP-CANARY"), "{}", shown.stdout);

    // The store keeps the backup in its list.
    let sup = f.sign_in("supervisor");
    assert_eq!(sup.backups().expect("backups").len(), 1);
    drop(sup);

    // What the database holds, as digests of its rows (a dump carries a fresh token each time).
    let rows = || {
        let c = f.cluster.as_ref().expect("cluster");
        ["meta", "audit", "clients", "notes", "slots"]
            .map(|t| {
                c.psql(
                    PG_DB,
                    &format!(
                        "SELECT md5(string_agg(encode(k, 'hex') || ':' || encode(v, 'hex'), ',' ORDER BY k)) FROM casenotes.\"{t}\""
                    ),
                )
            })
            .join(" ")
    };
    let before = rows();
    let refused = as_user(
        &f,
        "admin",
        &[
            "restore",
            "--from",
            out.to_str().expect("path"),
            "--confirm",
            "casenotes",
        ],
    );
    let line = one_error_line(&refused, "restore onto a database");
    assert!(line.contains("restore replaces a store file"), "{line}");
    assert!(rows() == before, "a refused restore changed the database");
}
