//! The breach log: recorded by supervisors and administrators with what and how, when it
//! happened and was found, which clients (by reference), the report to the data protection
//! officer, the regulator decision (the 72-hour deadline runs from discovery until it is made),
//! to whom else reported and what was done; completed later; logged; sealed; checked against the
//! trail.

mod common;

use casenotes::domain::{self, ClientRef, DpoReport, Regulator};
use casenotes::session::{BreachUpdate, NewBreach, SessionError};
use common::tamper::Tamper;
use common::*;

fn breach(what: &str, clients: Vec<ClientRef>) -> NewBreach {
    NewBreach {
        what: what.into(),
        how: None,
        happened_at: None,
        discovered_at: None,
        dpo: None,
        regulator: Regulator::Undecided,
        reported_to: Some("ICO, reference 123".into()),
        actions: Some("laptop wiped remotely; clients told".into()),
        clients,
    }
}

#[test]
fn breaches_are_recorded_listed_logged_and_sealed() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Alice Ashworth");
    let sup = f.sign_in("supervisor");
    let n = sup
        .record_breach(breach("BREACH-CANARY laptop left on a train", vec![r]))
        .expect("recorded");
    assert_eq!(n, 1);
    let admin = f.sign_in("admin");
    assert_eq!(
        admin
            .record_breach(breach("email sent to the wrong client", vec![]))
            .unwrap(),
        2
    );
    let list = admin.breaches().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].clients, vec![r]);
    assert_eq!(list[0].by, "supervisor");
    assert_eq!(list[0].reported_to.as_deref(), Some("ICO, reference 123"));
    assert!(matches!(
        f.sign_in("adviser1").breaches(),
        Err(SessionError::Forbidden(_))
    ));
    let e = sup
        .record_breach(breach("nobody", vec![ClientRef(99)]))
        .unwrap_err();
    assert!(matches!(e, SessionError::UnknownClient(_)), "{e}");
    let trail = sup.audit(None).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.action == "breach-recorded" && e.detail == "breach 2")
    );
    sup.verify_audit().unwrap();
    assert!(sup.check().unwrap().problems.is_empty());
    drop((sup, admin));
    assert!(!file_contains(&f.path, b"BREACH-CANARY"));
}

#[test]
fn a_breach_log_put_back_from_an_older_copy_is_found() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    sup.record_breach(breach("first", vec![])).unwrap();
    let old = Tamper::open(&f.path).meta("breaches").unwrap();
    sup.record_breach(breach("second, to be hidden", vec![]))
        .unwrap();
    drop(sup);
    Tamper::open(&f.path).set_meta("breaches", &old);
    let report = f.sign_in("supervisor").check().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("breach log holds 1 breaches but the trail records 2")),
        "{:?}",
        report.problems
    );
}

#[test]
fn the_command_line_records_and_lists_breaches() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Alice Ashworth");
    let run = |args: &[&str]| {
        let mut all = vec!["--user", "supervisor", "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{SUPERVISOR_PW}\n"))
    };
    let added = run(&[
        "breach",
        "add",
        "--what",
        "a letter sent to the wrong address",
        "--clients",
        "C-000001",
        "--reported-to",
        "the client",
        "--actions",
        "letter recovered",
    ]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert_eq!(added.stdout, "breach 1 recorded\n");
    let list = run(&["breach", "list"]);
    assert!(
        list.stdout
            .contains("what: a letter sent to the wrong address")
    );
    assert!(list.stdout.contains("clients: C-000001"));
    assert!(list.stdout.contains("reported to: the client"));
    let bad = run(&["breach", "add", "--what", "x", "--discovered", "tomorrow"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn every_field_round_trips_and_the_deadline_runs_from_discovery() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Alice Ashworth");
    let sup = f.sign_in("supervisor");
    let now = domain::now();
    let found = now - 10 * 3600;
    let new = NewBreach {
        what: "names and addresses of two clients".into(),
        how: Some("a spreadsheet emailed to the wrong list".into()),
        happened_at: Some(found - 3600),
        discovered_at: Some(found),
        dpo: Some(DpoReport {
            by: "the office manager".into(),
            at: found + 600,
        }),
        regulator: Regulator::Undecided,
        reported_to: Some("the two clients".into()),
        actions: Some("recall requested".into()),
        clients: vec![r],
    };
    assert_eq!(sup.record_breach(new.clone()).unwrap(), 1);
    let b = &sup.breaches().unwrap()[0];
    assert_eq!(b.what, new.what);
    assert_eq!(b.how, new.how);
    assert_eq!(b.happened_at, new.happened_at);
    assert_eq!(b.discovered_at, found);
    assert_eq!(b.dpo, new.dpo);
    assert_eq!(b.regulator, Regulator::Undecided);
    assert_eq!(b.reported_to, new.reported_to);
    assert_eq!(b.actions, new.actions);
    assert_eq!(b.clients, vec![r]);
    // 72 hours from discovery, whatever the time of recording.
    assert_eq!(b.deadline(), Some(found + 72 * 3600));
    let (left, overdue) = domain::time_left(b.deadline().unwrap(), now);
    assert_eq!((left.as_str(), overdue), ("62h 00m left", false));

    // Decided: the deadline is no longer shown; a decision stands once made.
    sup.update_breach(
        1,
        BreachUpdate {
            dpo: None,
            regulator: Some(Regulator::Notified { at: now - 60 }),
        },
    )
    .unwrap();
    let b = &sup.breaches().unwrap()[0];
    assert_eq!(b.regulator, Regulator::Notified { at: now - 60 });
    assert_eq!(b.deadline(), None);
    let again = sup
        .update_breach(
            1,
            BreachUpdate {
                dpo: None,
                regulator: Some(Regulator::NotNotified {
                    why: "changed my mind".into(),
                }),
            },
        )
        .unwrap_err();
    assert!(again.to_string().contains("recorded already"), "{again}");
    let trail = sup.audit(None).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.action == "breach-updated" && e.detail == "breach 1")
    );
    assert!(sup.check().unwrap().problems.is_empty());
}

#[test]
fn times_and_decisions_that_cannot_be_are_refused() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    let now = domain::now();
    let refused = |n: NewBreach, says: &str| {
        let e = sup.record_breach(n).unwrap_err();
        assert!(matches!(e, SessionError::Invalid(_)), "{e}");
        assert!(e.to_string().contains(says), "{e}");
    };
    refused(
        NewBreach {
            discovered_at: Some(now + 3600),
            ..breach("x happened", vec![])
        },
        "future",
    );
    refused(
        NewBreach {
            happened_at: Some(now - 60),
            discovered_at: Some(now - 3600),
            ..breach("x happened", vec![])
        },
        "before it is found",
    );
    refused(
        NewBreach {
            regulator: Regulator::NotNotified { why: " ".into() },
            ..breach("x happened", vec![])
        },
        "needs a reason",
    );
    refused(
        NewBreach {
            dpo: Some(DpoReport {
                by: "someone".into(),
                at: now - 7200,
            }),
            discovered_at: Some(now - 3600),
            ..breach("x happened", vec![])
        },
        "after the breach was found",
    );
    assert!(sup.breaches().unwrap().is_empty());
    let e = sup.update_breach(9, BreachUpdate::default()).unwrap_err();
    assert!(e.to_string().contains("nothing to add"), "{e}");
}

#[test]
fn a_completion_taken_back_by_an_older_copy_is_found() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    sup.record_breach(breach("first", vec![])).unwrap();
    let old = Tamper::open(&f.path).meta("breaches").unwrap();
    sup.update_breach(
        1,
        BreachUpdate {
            dpo: Some(DpoReport {
                by: "me".into(),
                at: domain::now(),
            }),
            regulator: None,
        },
    )
    .unwrap();
    drop(sup);
    Tamper::open(&f.path).set_meta("breaches", &old);
    let report = f.sign_in("supervisor").check().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("0 later entries but the trail records 1")),
        "{:?}",
        report.problems
    );
}

#[test]
fn the_command_line_completes_a_breach_and_lists_the_deadline() {
    let f = Fixture::new();
    let run = |args: &[&str]| {
        let mut all = vec!["--user", "supervisor", "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{SUPERVISOR_PW}\n"))
    };
    let found = domain::format_time(domain::now() - 3600);
    let added = run(&[
        "breach",
        "add",
        "--what",
        "a case file",
        "--how",
        "left on a bus",
        "--discovered",
        &found,
        "--dpo-reported-by",
        "Sam",
    ]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    let list = run(&["breach", "list"]);
    assert!(
        list.stdout.contains(&format!("found {found}")),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("how: left on a bus"));
    assert!(list.stdout.contains("reported to the DPO: "));
    assert!(list.stdout.contains("by Sam"));
    assert!(
        list.stdout.contains("regulator: undecided: due "),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("m left)"), "{}", list.stdout);
    let no_why = run(&[
        "breach",
        "update",
        "--breach",
        "1",
        "--regulator",
        "not-notified",
    ]);
    assert_eq!(no_why.code, 2, "{}", no_why.stderr);
    assert!(no_why.stderr.contains("needs --why"), "{}", no_why.stderr);
    let decided = run(&[
        "breach",
        "update",
        "--breach",
        "1",
        "--regulator",
        "not-notified",
        "--why",
        "the file was recovered sealed within the hour",
    ]);
    assert_eq!(decided.code, 0, "{}", decided.stderr);
    assert_eq!(decided.stdout, "breach 1 updated\n");
    let list = run(&["breach", "list"]);
    assert!(
        list.stdout
            .contains("regulator: not notified: the file was recovered sealed within the hour"),
        "{}",
        list.stdout
    );
    let bad = run(&["breach", "add", "--what", "x", "--happened", "last week"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("YYYY-MM-DD HH:MM"), "{}", bad.stderr);
}
