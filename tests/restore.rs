//! Restoring a backup: checked first, the replaced file kept, the swap atomic; refused in one
//! line for a damaged backup with the store untouched; the restore in the audit trail and
//! accepted by this machine's witness.

mod common;

use std::path::Path;

use casenotes::domain::{ClientRef, Sensitivity};
use casenotes::session::{self, BackupTarget};
use common::backups::*;
use common::tamper::Tamper;
use common::*;

/// A store with two clients and their notes, a consent and a revealed section.
fn populated() -> (Fixture, Vec<ClientRef>) {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r1 = client(&a1, "Round Trip One");
    note(
        &a1,
        r1,
        vec![
            section("Query", Sensitivity::Ordinary, "rent arrears"),
            section("Health", health(), "long covid"),
        ],
    );
    note(
        &a1,
        r1,
        vec![section(
            "Actions agreed",
            Sensitivity::Ordinary,
            "Client to bring payslips by 12 Dec",
        )],
    );
    drop(a1);
    let a2 = f.sign_in("adviser2");
    let r2 = client(&a2, "Round Trip Two");
    note(
        &a2,
        r2,
        vec![section(
            "Finances",
            Sensitivity::Confidential,
            "debt relief order",
        )],
    );
    drop(a2);
    (f, vec![r1, r2])
}

fn restore_run(f: &Fixture, from: &Path) -> Run {
    f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "restore",
            "--from",
            from.to_str().unwrap(),
            "--confirm",
            "store.redb",
        ],
        &format!("{ADMIN_PW}\n"),
    )
}

fn kept_files(f: &Fixture) -> Vec<String> {
    files_in(f.dir.path())
        .into_iter()
        .filter(|n| n.starts_with("store.redb.before-restore-"))
        .collect()
}

#[test]
fn a_restore_brings_back_every_note_user_and_event_and_keeps_the_file_it_replaced() {
    let (f, clients) = populated();
    let sup = f.sign_in("supervisor");
    let notes_before = notes_of(&sup, &clients);
    let admin = f.sign_in("admin");
    let users_before = format!("{:?}", admin.users().unwrap());
    drop(admin);
    let trail_before = trail(&sup);
    let b = f.dir.path().join("nightly.redb");
    let taken = sup.backup(BackupTarget::File(&b), |_| {}).unwrap();
    assert_eq!(taken.clients, 2);
    assert_eq!(taken.notes, 3);
    drop(sup);

    // Work after the backup, which the restore takes away (and the kept file holds).
    let a1 = f.sign_in("adviser1");
    note(
        &a1,
        clients[0],
        vec![section("Query", Sensitivity::Ordinary, "after the backup")],
    );
    drop(a1);
    f.sign_in("admin")
        .add_user(
            "adviser3",
            casenotes::domain::Role::Adviser,
            &pw(ADVISER_PW),
        )
        .unwrap();

    // The confirmation must name the store file.
    let wrong = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "restore",
            "--from",
            b.to_str().unwrap(),
            "--confirm",
            "office.redb",
        ],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(wrong.code, 1);
    assert_eq!(
        wrong.stderr,
        "error: to replace the store with the backup, type the store file's name store.redb to confirm (--confirm store.redb)\n"
    );
    // Supervisors may not.
    let by_sup = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "restore",
            "--from",
            b.to_str().unwrap(),
            "--confirm",
            "store.redb",
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(by_sup.code, 1);
    assert_eq!(
        by_sup.stderr,
        "error: restoring the store from a backup is not allowed for the supervisor role\n"
    );
    assert!(kept_files(&f).is_empty());

    let backup_bytes = std::fs::read(&b).unwrap();
    let run = restore_run(&f, &b);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let kept = kept_files(&f);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        run.stdout.starts_with(&format!(
            "restored {} from the backup taken {} (2 clients, 3 notes, ",
            f.path.display(),
            casenotes::domain::format_time(taken.taken_at)
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(&format!(
            "; the replaced store is kept as {}\n",
            f.dir.path().join(&kept[0]).display()
        )),
        "{}",
        run.stdout
    );
    // The backup itself is left as it was, and nothing is left beside the store.
    assert_eq!(std::fs::read(&b).unwrap(), backup_bytes);
    assert!(
        !files_in(f.dir.path()).iter().any(|n| n.starts_with('.')),
        "{:?}",
        files_in(f.dir.path())
    );
    assert_eq!(mode(&f.path), 0o600);

    // Signing in on this machine gives no rollback warning.
    let sup = f.sign_in("supervisor");
    assert_eq!(sup.rollback_warning(), None);
    let trail_after = trail(&sup);
    assert_eq!(trail_after[..trail_before.len()], trail_before[..]);
    let events = sup.audit(None).unwrap();
    let restored = &events[trail_before.len()];
    assert_eq!(restored.action, "store-restored");
    assert_eq!(restored.actor, "admin");
    assert_eq!(
        restored.detail,
        format!(
            "from a backup taken {}",
            casenotes::domain::format_time(taken.taken_at)
        )
    );
    // After it, only the sign-ins since.
    assert!(
        events[trail_before.len() + 1..]
            .iter()
            .all(|e| e.action == "sign-in"),
        "{:?}",
        &trail_after[trail_before.len()..]
    );
    assert_eq!(notes_of(&sup, &clients), notes_before);
    let admin = f.sign_in("admin");
    assert_eq!(format!("{:?}", admin.users().unwrap()), users_before);
    drop((sup, admin));

    for (user, password) in [("admin", ADMIN_PW), ("supervisor", SUPERVISOR_PW)] {
        for args in [&["check"][..], &["audit", "verify"][..]] {
            let run = f.run(
                &[&["--user", user, "--password-stdin"][..], args].concat(),
                &format!("{password}\n"),
            );
            assert_eq!(run.code, 0, "{user} {args:?}: {}{}", run.stdout, run.stderr);
        }
    }

    // The replaced file is kept whole: the note written after the backup is in it.
    let old = f.dir.path().join(&kept[0]);
    let a1 = sign_in_at(
        &old,
        &f.dir.path().join("elsewhere"),
        "adviser1",
        ADVISER_PW,
    );
    assert!(ordinary_texts(&a1, &clients[..1]).contains(&"after the backup".to_string()));
}

#[test]
fn a_damaged_or_truncated_backup_is_refused_and_the_store_is_untouched() {
    let (f, _) = populated();
    let sup = f.sign_in("supervisor");
    let b = f.dir.path().join("good.redb");
    sup.backup(BackupTarget::File(&b), |_| {}).unwrap();
    drop(sup);
    let good = std::fs::read(&b).unwrap();

    // A flipped byte in the middle of a sealed note in use.
    let probe = f.dir.path().join("probe.redb");
    std::fs::write(&probe, &good).unwrap();
    let sealed = Tamper::open(&probe).note(1, 1).expect("note 1");
    std::fs::remove_file(&probe).unwrap();
    let at = good
        .windows(sealed.len())
        .position(|w| w == sealed.as_slice())
        .expect("the sealed note is in the file");
    let mut damaged = good.clone();
    damaged[at + sealed.len() / 2] ^= 0x10;
    let flipped = f.dir.path().join("flipped.redb");
    std::fs::write(&flipped, &damaged).unwrap();
    let truncated = f.dir.path().join("truncated.redb");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    let garbage = f.dir.path().join("notes.txt");
    std::fs::write(&garbage, "not a store at all").unwrap();

    let store = std::fs::read(&f.path).unwrap();
    for bad in [&flipped, &truncated, &garbage] {
        let run = restore_run(&f, bad);
        assert_eq!(run.code, 1, "{}", bad.display());
        assert_eq!(run.stdout, "");
        let prefix = format!("error: the backup {} cannot be restored: ", bad.display());
        assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
        assert!(
            run.stderr.ends_with("; the store was not changed\n"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert_eq!(
            std::fs::read(&f.path).unwrap(),
            store,
            "{}: the store changed",
            bad.display()
        );
        assert!(kept_files(&f).is_empty());
        assert!(
            !files_in(f.dir.path()).iter().any(|n| n.starts_with('.')),
            "a scratch file was left: {:?}",
            files_in(f.dir.path())
        );
    }
    let missing = restore_run(&f, &f.dir.path().join("absent.redb"));
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        format!(
            "error: no backup file at {}\n",
            f.dir.path().join("absent.redb").display()
        )
    );
    // A backup of another store is refused before the store is touched too.
    let other = Fixture::new();
    let ob = other.dir.path().join("other.redb");
    other
        .sign_in("admin")
        .backup(BackupTarget::File(&ob), |_| {})
        .unwrap();
    let run = restore_run(&f, &ob);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cannot be restored: it is a backup of another store"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&f.path).unwrap(), store);

    // The good backup still restores.
    let run = restore_run(&f, &b);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_restore_waits_for_no_one_else_to_hold_the_store_and_restores_a_damaged_store() {
    let (f, clients) = populated();
    let b = f.dir.path().join("good.redb");
    f.sign_in("admin")
        .backup(BackupTarget::File(&b), |_| {})
        .unwrap();

    // Another program (this test) has the store open: refused, nothing changed.
    let held = session::open_store(&f.path).unwrap();
    let run = restore_run(&f, &b);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: the store is open in another casenotes window or command; close them all and try again\n"
    );
    assert!(kept_files(&f).is_empty());
    assert!(!files_in(f.dir.path()).iter().any(|n| n.starts_with('.')));
    drop(held);

    // A store too damaged to open: the administrator signs in to the backup instead.
    let bytes = std::fs::read(&f.path).unwrap();
    std::fs::write(&f.path, &bytes[..bytes.len() / 3]).unwrap();
    let broken = f.run(
        &["--user", "admin", "--password-stdin", "user", "list"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(broken.code, 1);
    let wrong = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "restore",
            "--from",
            b.to_str().unwrap(),
            "--confirm",
            "store.redb",
        ],
        "not the password at all\n",
    );
    assert_eq!(wrong.code, 1);
    assert_eq!(wrong.stderr, "error: wrong username or password\n");
    let run = restore_run(&f, &b);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(kept_files(&f).len(), 1);
    let sup = f.sign_in("supervisor");
    assert_eq!(sup.rollback_warning(), None);
    assert_eq!(notes_of(&sup, &clients).len(), 3);
    assert!(sup.check().unwrap().is_ok());

    // A store that is gone altogether comes back the same way.
    std::fs::remove_file(&f.path).unwrap();
    let run = restore_run(&f, &b);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("; there was no store file to keep\n"),
        "{}",
        run.stdout
    );
    let sup = f.sign_in("supervisor");
    assert_eq!(sup.rollback_warning(), None);
}

#[test]
fn the_witness_accepts_a_restore_but_not_an_older_copy_put_back_by_hand() {
    let (f, _) = populated();
    let b = f.dir.path().join("good.redb");
    f.sign_in("supervisor")
        .backup(BackupTarget::File(&b), |_| {})
        .unwrap();
    let older_by_hand = f.dir.path().join("by-hand.redb");
    std::fs::copy(&f.path, &older_by_hand).unwrap();
    // The store moves on, and this machine sees it.
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "After The Copy");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "later")],
    );
    drop(a1);
    // Another machine sharing the store saw it too.
    let other_machine = f.dir.path().join("other-machine");
    drop(sign_in_at(&f.path, &other_machine, "adviser2", OTHER_PW));

    let run = restore_run(&f, &b);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sup = f.sign_in("supervisor");
    assert_eq!(sup.rollback_warning(), None);
    sup.verify_audit().unwrap();
    // The other machine's witness names an event of the replaced history, which the restored
    // store remembers: no warning there either, then or later.
    for _ in 0..2 {
        let a2 = sign_in_at(&f.path, &other_machine, "adviser2", OTHER_PW);
        assert_eq!(a2.rollback_warning(), None);
    }
    // A machine that saw an event the restored store cannot vouch for still warns.
    let forged = f.dir.path().join("forged-machine");
    drop(sign_in_at(&f.path, &forged, "adviser2", OTHER_PW));
    let witness_dir = forged.join("witness");
    let entry = std::fs::read_dir(&witness_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&entry).unwrap();
    let bumped: String = text
        .lines()
        .map(|l| match l.strip_prefix("seq ") {
            Some(n) => format!("seq {}\n", n.parse::<u64>().unwrap() + 100),
            None => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&entry, bumped).unwrap();
    let a2 = sign_in_at(&f.path, &forged, "adviser2", OTHER_PW);
    assert!(a2.rollback_warning().is_some());
    drop(a2);
    // Work goes on after the restore.
    let a1 = f.sign_in("adviser1");
    assert_eq!(a1.rollback_warning(), None);
    let r = client(&a1, "After The Restore");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "later")],
    );
    drop((a1, sup));

    // An older copy put in place by hand is still reported.
    std::fs::copy(&older_by_hand, &f.path).unwrap();
    let sup = f.sign_in("supervisor");
    let warning = sup.rollback_warning().expect("a rollback warning");
    assert!(
        warning.contains("restored from an older copy or rolled back"),
        "{warning}"
    );
    assert!(sup.verify_audit().is_err());
    // The backup itself, put in place by hand, too.
    drop(sup);
    std::fs::copy(&b, &f.path).unwrap();
    let sup = f.sign_in("supervisor");
    assert!(sup.rollback_warning().is_some());
}

#[test]
fn an_administrator_with_a_key_file_backs_up_and_restores_with_it() {
    let f = Fixture::new();
    let key = f.dir.path().join("admin.key");
    let k = key.to_str().unwrap();
    let pw = format!("{ADMIN_PW}\n");
    fn as_admin<'a>(k: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["--key-file", k, "--user", "admin", "--password-stdin"];
        args.extend_from_slice(extra);
        args
    }
    let bind = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "user",
            "keyfile",
            "--out",
            k,
        ],
        &pw,
    );
    assert_eq!(bind.code, 0, "{}", bind.stderr);
    let b = f.dir.path().join("with-key.redb");
    let backup = f.run(&as_admin(k, &["backup", "--out", b.to_str().unwrap()]), &pw);
    assert_eq!(backup.code, 0, "{}", backup.stderr);
    // Without the file the restore is refused like a wrong password (and counted as one).
    let refused = restore_run(&f, &b);
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stderr
            .contains("wrong username, password or key file"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.stderr.lines().count(), 1);
    let restored = f.run(
        &as_admin(
            k,
            &[
                "restore",
                "--from",
                b.to_str().unwrap(),
                "--confirm",
                "store.redb",
            ],
        ),
        &pw,
    );
    assert_eq!(restored.code, 0, "{}", restored.stderr);
}
