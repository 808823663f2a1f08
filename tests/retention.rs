//! Closing a client records the date; the records are kept for the policy's retention-years;
//! supervisors list the clients past that date, and the dashboard counts them.

mod common;

use casenotes::domain::ClientStatus;
use casenotes::session::{Reveal, SessionError};
use common::*;

#[test]
fn a_closed_client_is_due_for_review_once_its_retention_period_ends() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let other = client(&f.sign_in("adviser2"), "Bob Barraclough");
    assert!(matches!(
        a1.close_client(other),
        Err(SessionError::NotOnCaseload(_))
    ));
    assert!(f.sign_in("admin").close_client(r).is_err());
    a1.close_client(r).expect("closed");
    let again = a1.close_client(r).unwrap_err();
    assert!(again.to_string().contains("closed already"), "{again}");
    let view = a1.open_client(r, None, Reveal::Nothing).unwrap();
    assert_eq!(view.summary.status, ClientStatus::Closed);

    let sup = f.sign_in("supervisor");
    let today = casenotes::domain::today();
    assert!(
        sup.retention_due(today).unwrap().is_empty(),
        "kept for 6 years"
    );
    let later = today
        .checked_add(jiff::Span::new().years(6).days(1))
        .unwrap();
    let due = sup.retention_due(later).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reference, r);
    assert_eq!(due[0].name.as_str(), "Alice Ashworth");
    assert_eq!(
        due[0].retain_until,
        today.checked_add(jiff::Span::new().years(6)).unwrap()
    );
    let d = sup.dashboard(later).unwrap();
    assert_eq!(d.totals.past_retention, 1);
    assert_eq!(
        sup.dashboard_recount(later).unwrap().totals.past_retention,
        1
    );
    assert!(matches!(
        a1.retention_due(today),
        Err(SessionError::Forbidden(_))
    ));
    let trail = sup.audit(Some(r)).unwrap();
    assert!(trail.iter().any(|e| e.action == "client-closed"));
    sup.verify_audit().unwrap();
    assert!(sup.check().unwrap().problems.is_empty());
}

#[test]
fn the_command_line_closes_a_client_and_lists_retention_due() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Alice Ashworth");
    let closed = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "client",
            "close",
            "--client",
            "C-000001",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(closed.code, 0, "{}", closed.stderr);
    assert_eq!(
        closed.stdout,
        "closed C-000001: its records are kept for 6 years from today\n"
    );
    let due = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "retention",
            "due",
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(due.code, 0, "{}", due.stderr);
    assert_eq!(due.stdout, "no closed client is past its retention date\n");
    let refused = f.run(
        &["--user", "adviser1", "--password-stdin", "retention", "due"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(refused.code, 1);
}
