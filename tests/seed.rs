//! `seed` and `demo`: synthetic stores made through the session layer, with realistic notes.

mod common;

use casenotes::seed::{self, SeedOptions};
use casenotes::session::{Reveal, SectionBody};
use common::*;

#[test]
fn seed_makes_users_clients_and_realistic_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seeded.redb");
    let report = seed::seed(
        &path,
        SeedOptions {
            clients: 250,
            notes_per_client: 4,
            password: None,
            kdf: FAST,
            demo: false,
        },
    )
    .unwrap();
    assert_eq!((report.clients, report.notes), (250, 1000));
    let names: Vec<_> = report.users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        ["admin", "supervisor", "adviser1", "adviser2", "adviser3"]
    );

    // Generated passwords are reported, and work.
    let adv = &report.users[2];
    let password = adv.password.as_ref().expect("generated password");
    let s = seed::sign_in(&path, &adv.name, password).unwrap();
    let caseload = s.clients(false).unwrap();
    assert!((80..=90).contains(&caseload.len()), "{}", caseload.len());
    assert!(
        caseload
            .iter()
            .all(|c| c.note_count == 4 && c.last_contact.is_some())
    );

    // Notes read like IAG notes, with masked sections among them.
    let mut headings = std::collections::BTreeSet::new();
    let mut masked = 0;
    for c in caseload.iter().take(30) {
        let v = s.open_client(c.reference, None, Reveal::Nothing).unwrap();
        for n in &v.notes {
            for sec in &n.sections {
                headings.insert(sec.heading.clone());
                if sec.body == SectionBody::Masked {
                    masked += 1;
                }
            }
        }
    }
    for h in [
        "Query / presenting issue",
        "Information and advice given",
        "Actions agreed",
        "Finances",
        "Health",
    ] {
        assert!(headings.contains(h), "no '{h}' among {headings:?}");
    }
    assert!(masked > 10, "{masked}");

    // Each note's actions are records; only the newest note's are open, as in a real caseload.
    let mut agreed = 0;
    for c in caseload.iter().take(30) {
        let v = s.open_client(c.reference, None, Reveal::Nothing).unwrap();
        let newest = v.notes[0].id;
        agreed += v.actions.len();
        for a in &v.actions {
            assert_eq!(a.is_open(), a.note == newest, "{a:?}");
            assert!(a.due.is_some(), "{a:?}");
            if let Some(done) = &a.done {
                assert_eq!(done.by, adv.name);
            }
        }
        let open = v.actions.iter().filter(|a| a.is_open()).count();
        assert_eq!(c.open_actions as usize, open);
        assert!(open <= 3, "{open}");
    }
    assert!(agreed > 60, "{agreed}");
    let open: usize = caseload.iter().map(|c| c.open_actions as usize).sum();
    assert!(open > 30, "{open}");
    assert_eq!(s.caseload_actions().unwrap().len(), open);
    drop(s);

    let sup = seed::sign_in(
        &path,
        "supervisor",
        report.users[1].password.as_ref().unwrap(),
    )
    .unwrap();
    assert_eq!(sup.clients(true).unwrap().len(), 250);
    let events = sup.audit(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "seeded" && e.detail == "250 clients, 1000 notes")
    );
    sup.verify_audit().unwrap();
    let report = sup.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    drop(sup);

    // Seeding never overwrites a store.
    let again = seed::seed(
        &path,
        SeedOptions {
            clients: 1,
            notes_per_client: 1,
            password: None,
            kdf: FAST,
            demo: false,
        },
    );
    assert!(again.is_err());
}

#[test]
fn seed_from_the_command_line_with_one_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.redb");
    let r = run_bin(
        Some(&path),
        &[
            "--password-stdin",
            "seed",
            "--clients",
            "20",
            "--notes",
            "2",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "created store {} with 20 clients and 40 notes\n\
             admin        admin\n\
             supervisor   supervisor\n\
             adviser1     adviser\n\
             adviser2     adviser\n",
            path.display()
        )
    );
    let r = run_bin(
        Some(&path),
        &["--user", "adviser2", "--password-stdin", "client", "list"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1 + 10, "a header and ten clients");
}

#[test]
fn demo_makes_a_store_once_and_says_how_to_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.redb");
    let r = run_bin(Some(&path), &["demo"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Accounts: admin, supervisor, adviser1, adviser2"),
        "{}",
        r.stdout
    );
    let size = std::fs::metadata(&path).unwrap().len();
    // A second run reuses the store.
    let r = run_bin(Some(&path), &["demo"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
    let r = run_bin(
        Some(&path),
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "note",
            "show",
            "--client",
            "C-000001",
        ],
        &format!("{}\n", casenotes::cli::DEMO_PASSWORD),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("(masked: reveal with --reveal --reason TEXT)"),
        "{}",
        r.stdout
    );
}
