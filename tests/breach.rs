//! The breach log: recorded by supervisors and administrators with what, when found, which
//! clients (by reference), to whom reported and what was done; logged; sealed; checked
//! against the trail.

mod common;

use casenotes::domain::ClientRef;
use casenotes::session::{NewBreach, SessionError};
use common::tamper::Tamper;
use common::*;

fn breach(what: &str, clients: Vec<ClientRef>) -> NewBreach {
    NewBreach {
        what: what.into(),
        discovered_on: None,
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
