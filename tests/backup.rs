//! Backups: a consistent snapshot taken while other processes write, what a backup file holds
//! (nothing in plaintext, owner-only, never overwriting), rotation, and erasure naming the
//! backups that still hold a client. Restores are in `restore.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casenotes::domain::Sensitivity;
use casenotes::session::{self, BackupStage, BackupTarget, Reveal};
use common::backups::*;
use common::*;

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
