//! Invariant 1: nothing that identifies a client, no note text, no reason and no audit detail is
//! written to disk in plaintext. Distinctive strings go in through every path; the raw files are
//! then scanned for them. On PostgreSQL, everything the server keeps is scanned too: its whole
//! data directory (tables, indexes, write-ahead log) and a `pg_dump` of the database.

mod common;

use casenotes::domain::{Role, Sensitivity};
use casenotes::session::{NewClient, Reveal};
use common::*;

const CANARIES: &[&str] = &[
    "Quillonia Marchbanks",     // client name
    "07700 900417",             // contact details
    "1983-07-19",               // date of birth
    "CANARY-ORDINARY-rent",     // ordinary section
    "CANARY-CONFIDENTIAL-debt", // confidential section
    "CANARY-SPECIAL-diagnosis", // special-category section
    "CANARY-HEADING-custom",    // a section heading
    "CANARY-REASON-reveal",     // reveal reason
    "CANARY-REASON-glass",      // break-glass reason
    "CANARY-CLI-note",          // a note written by the binary
    "CANARY-ACTION-agreed",     // an action agreed in a note
    "CANARY-CLI-action",        // an action agreed in a note written by the binary
    "janecanarysmith",          // a username that identifies a person
];

fn scan_dir(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue;
        }
        for c in CANARIES {
            if file_contains(&path, c.as_bytes()) {
                found.push(format!("{c} in {}", path.display()));
            }
        }
    }
    found
}

/// Every canary the database server keeps: in its data directory on disk (after a checkpoint,
/// so that the tables' own files are written, not only the write-ahead log) or in a dump.
fn scan_server(f: &Fixture) -> Vec<String> {
    let Some(cluster) = &f.cluster else {
        return Vec::new();
    };
    cluster.psql(PG_DB, "CHECKPOINT");
    let dump = cluster.pg_dump(PG_DB);
    let mut found = Vec::new();
    for c in CANARIES {
        if !f.holds(c.as_bytes()) {
            continue;
        }
        if dump.windows(c.len()).any(|w| w == c.as_bytes()) {
            found.push(format!("{c} in pg_dump output"));
        }
        if dir_contains(cluster.data_dir(), c.as_bytes()) {
            found.push(format!("{c} in {}", cluster.data_dir().display()));
        }
    }
    found
}

fn no_canary_reaches_the_disk_in_plaintext(b: Backend) {
    let f = Fixture::on(b);
    let admin = f.sign_in("admin");
    admin
        .add_user("janecanarysmith", Role::Adviser, &pw(ADVISER_PW))
        .expect("add user");
    drop(admin);
    f.confirm("janecanarysmith");

    let jane = casenotes::session::sign_in(f.open(), "janecanarysmith", &pw(ADVISER_PW)).unwrap();
    let r = jane
        .add_client(NewClient {
            name: "Quillonia Marchbanks".into(),
            date_of_birth: Some("1983-07-19".into()),
            contact: Some("07700 900417".into()),
            adviser: None,
        })
        .unwrap();
    note(
        &jane,
        r,
        vec![
            section("Query", Sensitivity::Ordinary, "CANARY-ORDINARY-rent"),
            section(
                "Finances",
                Sensitivity::Confidential,
                "CANARY-CONFIDENTIAL-debt",
            ),
            section("Health", health(), "CANARY-SPECIAL-diagnosis"),
            section("CANARY-HEADING-custom", Sensitivity::Ordinary, "text"),
            section(
                "Actions agreed",
                Sensitivity::Ordinary,
                "Client to bring CANARY-ACTION-agreed by 12 Dec\nAdviser: ring back tomorrow",
            ),
        ],
    );
    // Marking one done writes the action and the client's record again.
    jane.complete_action(r, 2, None).unwrap();
    let view = jane
        .open_client(
            r,
            None,
            Reveal::All {
                reason: "CANARY-REASON-reveal",
            },
        )
        .unwrap();
    assert!(visible_text(&view).contains("CANARY-SPECIAL-diagnosis"));
    drop(jane);

    // Another adviser breaks the glass with a reason.
    let other = f.sign_in("adviser2");
    other
        .open_client(r, Some("CANARY-REASON-glass"), Reveal::Nothing)
        .unwrap();
    drop(other);

    // A note written through the real binary.
    let run = f.run(
        &[
            "--user",
            "janecanarysmith",
            "--password-stdin",
            "note",
            "add",
            "--client",
            &r.to_string(),
            "--section",
            "Outcome:confidential=CANARY-CLI-note",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = f.run(
        &[
            "--user",
            "janecanarysmith",
            "--password-stdin",
            "note",
            "add",
            "--client",
            &r.to_string(),
            "--section",
            "Actions agreed=Adviser to send CANARY-CLI-action in 3 days",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for args in [
        &["action", "list", "--client", &r.to_string()][..],
        &[
            "action",
            "done",
            "--client",
            &r.to_string(),
            "--action",
            "3",
        ][..],
        &["action", "list"][..],
    ] {
        let run = f.run(
            &[&["--user", "janecanarysmith", "--password-stdin"][..], args].concat(),
            &format!("{ADVISER_PW}\n"),
        );
        assert_eq!(run.code, 0, "{args:?} {}", run.stderr);
    }

    // Failed sign-ins are recorded without the name typed.
    let bad = f.run(
        &[
            "--user",
            "janecanarysmith",
            "--password-stdin",
            "client",
            "list",
        ],
        "not the password at all\n",
    );
    assert_eq!(bad.code, 1);

    let found = scan_dir(f.dir.path());
    assert!(found.is_empty(), "plaintext on disk: {found:?}");
    let found = scan_server(&f);
    assert!(
        found.is_empty(),
        "plaintext on the database server: {found:?}"
    );

    // The scan itself works: a canary written in plaintext next to the store is found.
    std::fs::write(f.dir.path().join("control.txt"), "Quillonia Marchbanks").unwrap();
    assert_eq!(scan_dir(f.dir.path()).len(), 1);
    // And so does the server's: a canary put in a table of the database in plaintext is found
    // both in the data directory and in the dump.
    if let Some(cluster) = &f.cluster {
        cluster.psql(
            PG_DB,
            "CREATE TABLE public.control (t text); \
             INSERT INTO public.control VALUES ('CANARY-HEADING-custom');",
        );
        let found = scan_server(&f);
        assert_eq!(found.len(), 2, "{found:?}");
    }
}

on_both_backends!(no_canary_reaches_the_disk_in_plaintext);
