//! Backups and restores: a consistent snapshot taken while other processes write, what a
//! backup file holds (nothing in plaintext, owner-only, never overwriting), the round trip
//! through a restore, damaged backups refused with the store untouched, rotation, the rollback
//! witness, and erasure naming the backups that still hold a client.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casenotes::domain::{ClientRef, Sensitivity};
use casenotes::session::{self, BackupStage, BackupTarget, Reveal, SectionBody, Session};
use common::tamper::Tamper;
use common::*;

fn later() -> casenotes::domain::Date {
    casenotes::domain::today()
        .checked_add(jiff::Span::new().years(6).days(1))
        .unwrap()
}

/// Signs in to the store at `path`, keeping this machine's witness in `state`.
fn sign_in_at(path: &Path, state: &Path, user: &str, password: &str) -> Session {
    session::sign_in(
        session::open_store(path).unwrap().with_state_dir(state),
        user,
        &pw(password),
    )
    .unwrap()
}

/// Every note of `clients` as text: id, author, label and text of each section (revealed).
fn notes_of(s: &Session, clients: &[ClientRef]) -> Vec<String> {
    let mut out = Vec::new();
    for c in clients {
        let v = s
            .open_client(
                *c,
                None,
                Reveal::All {
                    reason: "checking the backup",
                },
            )
            .unwrap();
        for n in &v.notes {
            let mut line = format!("{c} {} by {} at {}:", n.id, n.author, n.contact_at);
            for sec in &n.sections {
                let body = match &sec.body {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
                    SectionBody::Masked => "(masked)".into(),
                };
                line.push_str(&format!(" [{} {:?}: {body}]", sec.heading, sec.sensitivity));
            }
            out.push(line);
        }
    }
    out
}

/// The audit trail as text, one event a line (everything a supervisor reads of it).
fn trail(s: &Session) -> Vec<String> {
    s.audit(None)
        .unwrap()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect()
}

fn ordinary_texts(s: &Session, clients: &[ClientRef]) -> Vec<String> {
    let mut out = Vec::new();
    for c in clients {
        for n in s.open_client(*c, None, Reveal::Nothing).unwrap().notes {
            for sec in n.sections {
                if let SectionBody::Shown(t) = sec.body {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_taken_while_four_processes_write_holds_every_note_acknowledged_before_it() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r1 = client(&a1, "Writer Client One");
    drop(a1);
    let a2 = f.sign_in("adviser2");
    let r2 = client(&a2, "Writer Client Two");
    drop(a2);

    let stop = Arc::new(AtomicBool::new(false));
    // (text, when the process that saved it exited 0)
    let acked: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut writers = Vec::new();
    for w in 0..4 {
        let (user, password, r) = if w % 2 == 0 {
            ("adviser1", ADVISER_PW, r1)
        } else {
            ("adviser2", OTHER_PW, r2)
        };
        let (stop, acked, failures) = (stop.clone(), acked.clone(), failures.clone());
        let path = f.path.clone();
        let state = f.state_dir();
        writers.push(std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let text = format!("writer {w} note {i}");
                let mut child = Command::new(env!("CARGO_BIN_EXE_casenotes"))
                    .env("CASENOTES_STATE_DIR", &state)
                    .arg("--store")
                    .arg(&path)
                    .args(["--user", user, "--password-stdin", "note", "add"])
                    .args(["--client", &r.to_string(), "--section"])
                    .arg(format!("Query={text}"))
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn");
                {
                    use std::io::Write;
                    let mut stdin = child.stdin.take().expect("stdin");
                    writeln!(stdin, "{password}").expect("password");
                }
                let out = child.wait_with_output().expect("wait");
                if out.status.success() {
                    acked.lock().unwrap().push((text, Instant::now()));
                } else {
                    failures
                        .lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
                i += 1;
            }
        }));
    }

    std::thread::sleep(Duration::from_millis(1500));
    let sup = f.sign_in("supervisor");
    let out = f.dir.path().join("during.redb");
    let began = Instant::now();
    let done = sup
        .backup(BackupTarget::File(&out), |_| {})
        .expect("backup while others write");
    let ended = Instant::now();
    std::thread::sleep(Duration::from_millis(1000));
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.join().unwrap();
    }
    let failures = failures.lock().unwrap();
    assert!(failures.is_empty(), "a writer failed: {failures:?}");
    let acked = acked.lock().unwrap();
    let before: Vec<&String> = acked
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(t, _)| t)
        .collect();
    let during = acked
        .iter()
        .filter(|(_, at)| *at >= began && *at <= ended)
        .count();
    assert!(
        before.len() >= 4,
        "the writers saved {} notes before the backup",
        before.len()
    );
    eprintln!(
        "{} notes acknowledged before the backup, {during} while it ran, {} in all",
        before.len(),
        acked.len()
    );

    // The backup opens, passes the whole check, and holds every note acknowledged before it
    // began (and nothing that was never acknowledged).
    let b = sign_in_at(
        &out,
        &f.dir.path().join("elsewhere"),
        "supervisor",
        SUPERVISOR_PW,
    );
    let report = b.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    b.verify_audit().unwrap();
    let held = ordinary_texts(&b, &[r1, r2]);
    for t in &before {
        assert!(
            held.contains(t),
            "{t} was acknowledged before the backup but is not in it"
        );
    }
    let all: Vec<&String> = acked.iter().map(|(t, _)| t).collect();
    for t in &held {
        assert!(
            all.contains(&t),
            "{t} is in the backup but was never acknowledged"
        );
    }
    assert_eq!(done.notes, held.len() as u64);
    assert!(b.rollback_warning().is_none());

    // The live store carries on, with the backup in its trail.
    let events = sup.audit(None).unwrap();
    assert!(events.iter().any(|e| e.action == "backup-taken"));
    sup.verify_audit().unwrap();
}

const CANARIES: &[&str] = &[
    "Philippa Quarrendon",
    "CANARY-BACKUP-ordinary",
    "CANARY-BACKUP-special",
    "CANARY-BACKUP-reason",
    "07700 900555",
];

#[test]
fn a_backup_file_holds_no_plaintext_is_owner_only_and_never_replaces_a_file() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = a1
        .add_client(session::NewClient {
            name: "Philippa Quarrendon".into(),
            date_of_birth: None,
            contact: Some("07700 900555".into()),
            adviser: None,
        })
        .unwrap();
    note(
        &a1,
        r,
        vec![
            section("Query", Sensitivity::Ordinary, "CANARY-BACKUP-ordinary"),
            section("Health", health(), "CANARY-BACKUP-special"),
        ],
    );
    a1.open_client(
        r,
        None,
        Reveal::All {
            reason: "CANARY-BACKUP-reason",
        },
    )
    .unwrap();
    drop(a1);

    let out = f.dir.path().join("backups").join("office.redb");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    let run = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "backup",
            "--out",
            out.to_str().unwrap(),
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "backed up to {}: 1 clients, 1 notes, ",
            out.display()
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("checked storage, "), "{}", run.stdout);
    assert_eq!(
        run.stderr, "",
        "no progress when standard error is not a terminal"
    );
    for c in CANARIES {
        assert!(!file_contains(&out, c.as_bytes()), "{c} in the backup");
    }
    assert_eq!(mode(&out), 0o600);
    // Nothing left beside it: the scratch file was renamed into place.
    assert_eq!(files_in(out.parent().unwrap()), vec!["office.redb"]);

    // Never over an existing file, or a link.
    let before = std::fs::read(&out).unwrap();
    let again = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "backup",
            "--out",
            out.to_str().unwrap(),
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        format!(
            "error: {} already exists; a backup never replaces a file\n",
            out.display()
        )
    );
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let link = f.dir.path().join("link.redb");
    std::os::unix::fs::symlink(f.dir.path().join("nowhere"), &link).unwrap();
    let sup = f.sign_in("supervisor");
    assert!(sup.backup(BackupTarget::File(&link), |_| {}).is_err());
    assert!(!f.dir.path().join("nowhere").exists());

    // Advisers may not; administrators may, with the office key alone, and see progress.
    let a1 = f.sign_in("adviser1");
    let e = a1
        .backup(BackupTarget::File(&f.dir.path().join("a.redb")), |_| {})
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "taking backups is not allowed for the adviser role"
    );
    let admin = f.sign_in("admin");
    let mut stages = Vec::new();
    let by_admin = f.dir.path().join("admin.redb");
    let done = admin
        .backup(BackupTarget::File(&by_admin), |s| stages.push(s))
        .unwrap();
    assert!(
        done.checked.iter().any(|c| c.contains("present")),
        "{:?}",
        done.checked
    );
    let copied: Vec<(u64, u64)> = stages
        .iter()
        .filter_map(|s| match s {
            BackupStage::Copying { rows, total, .. } => Some((*rows, *total)),
            _ => None,
        })
        .collect();
    assert!(copied.windows(2).all(|w| w[0].0 <= w[1].0));
    let (rows, total) = *copied.last().unwrap();
    assert_eq!(rows, total);
    assert!(stages.contains(&BackupStage::CheckingStorage));
    assert!(stages.contains(&BackupStage::CheckingRecords));
    for c in CANARIES {
        assert!(!file_contains(&by_admin, c.as_bytes()), "{c} in the backup");
    }
    // Both are listed, and recorded in the trail.
    let listed: Vec<PathBuf> = admin
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(listed, vec![out.clone(), by_admin.clone()]);
    let taken = sup
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "backup-taken")
        .count();
    assert_eq!(taken, 2);
}

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
fn rotation_keeps_exactly_the_newest_n_and_leaves_other_files_alone() {
    let f = Fixture::new();
    let dir = f.dir.path().join("nightly");
    std::fs::create_dir(&dir).unwrap();
    let others = [
        "notes.txt",
        "casenotes-notes.redb",
        "casenotes-20200101-000000.redb.partial",
        "casenotes-2020010-000000.redb",
        "office.redb",
    ];
    for o in others {
        std::fs::write(dir.join(o), o).unwrap();
    }
    // An old dated backup, by its name one of ours: it is the first to go.
    std::fs::write(dir.join("casenotes-20200101-000000.redb"), "old").unwrap();

    let mut made = Vec::new();
    for i in 0..4 {
        let run = f.run(
            &[
                "--user",
                "admin",
                "--password-stdin",
                "backup",
                "--dir",
                dir.to_str().unwrap(),
                "--keep",
                "2",
            ],
            &format!("{ADMIN_PW}\n"),
        );
        assert_eq!(run.code, 0, "run {i}: {}", run.stderr);
        let first = run.stdout.lines().next().unwrap().to_string();
        let path = first
            .strip_prefix("backed up to ")
            .and_then(|l| l.split(": ").next())
            .unwrap()
            .to_string();
        made.push(path);
        let removed: Vec<&str> = run
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix("removed the older backup "))
            .collect();
        match i {
            0 => assert!(removed.is_empty(), "{}", run.stdout),
            1 => assert_eq!(
                removed,
                vec![dir.join("casenotes-20200101-000000.redb").to_str().unwrap()]
            ),
            _ => assert_eq!(removed, vec![made[i - 2].as_str()], "{made:?}"),
        }
    }
    let dated: Vec<String> = files_in(&dir)
        .into_iter()
        .filter(|n| n.starts_with("casenotes-2") && n.ends_with(".redb") && n.len() >= 30)
        .collect();
    assert_eq!(dated.len(), 2, "{dated:?}");
    for m in &made[2..] {
        assert!(Path::new(m).is_file(), "{m} was removed");
        assert_eq!(mode(Path::new(m)), 0o600);
    }
    for o in others {
        assert_eq!(std::fs::read_to_string(dir.join(o)).unwrap(), o, "{o}");
    }
    assert_eq!(files_in(&dir).len(), others.len() + 2);

    // The store lists the two left.
    let listed: Vec<String> = f
        .sign_in("admin")
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.path.display().to_string())
        .collect();
    assert_eq!(listed, made[2..].to_vec());

    // --keep needs --dir, and --out excludes both.
    let run = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "backup",
            "--keep",
            "2",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    let run = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "backup",
            "--dir",
            dir.to_str().unwrap(),
            "--keep",
            "0",
        ],
        "",
    );
    assert_eq!(run.code, 2);
}

#[test]
fn erasure_and_retention_name_the_backups_that_still_hold_a_client() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let gone = client(&a1, "Erased Later");
    note(
        &a1,
        gone,
        vec![section("Query", Sensitivity::Ordinary, "old matter")],
    );
    a1.close_client(gone).unwrap();
    let due = client(&a1, "Due Next");
    a1.close_client(due).unwrap();
    drop(a1);

    let sup = f.sign_in("supervisor");
    let b1 = f.dir.path().join("before.redb");
    sup.backup(BackupTarget::File(&b1), |_| {}).unwrap();
    let erasure = sup
        .erase_client(gone, &gone.to_string(), later(), |_| {})
        .unwrap();
    let held: Vec<PathBuf> = erasure.in_backups.iter().map(|b| b.path.clone()).collect();
    assert_eq!(held, vec![b1.clone()]);
    let b2 = f.dir.path().join("after.redb");
    sup.backup(BackupTarget::File(&b2), |_| {}).unwrap();

    let erased = sup.erased_in_backups().unwrap();
    assert_eq!(erased.len(), 1);
    assert_eq!(erased[0].0, gone);
    let paths: Vec<PathBuf> = erased[0].1.iter().map(|b| b.path.clone()).collect();
    assert_eq!(
        paths,
        vec![b1.clone()],
        "the backup after the erasure does not hold it"
    );

    let list = sup.retention_due(later()).unwrap();
    let d = list.iter().find(|d| d.reference == due).unwrap();
    let paths: Vec<PathBuf> = d.in_backups.iter().map(|b| b.path.clone()).collect();
    assert_eq!(paths, vec![b1.clone(), b2.clone()]);

    // The command line says the same.
    let run = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "retention",
            "due",
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("erased clients still held in backups taken before their erasure:"),
        "{}",
        run.stdout
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with(&format!("  {gone}: ")))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(line.contains(&b1.display().to_string()), "{line}");
    assert!(!line.contains(&b2.display().to_string()), "{line}");

    // Restoring the older backup brings the erased client back, and says so.
    drop(sup);
    let admin = f.sign_in("admin");
    let restored = admin.restore(&b1, "store.redb", |_| {}).unwrap();
    assert_eq!(restored.erased_since, vec![gone]);
    // The restored store still knows both backups.
    let admin = f.sign_in("admin");
    assert_eq!(admin.backups().unwrap().len(), 2);

    // Once the backup is deleted, nothing holds the client any more.
    let sup = f.sign_in("supervisor");
    sup.erase_client(gone, &gone.to_string(), later(), |_| {})
        .unwrap();
    std::fs::remove_file(&b1).unwrap();
    assert!(sup.erased_in_backups().unwrap().is_empty());
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
