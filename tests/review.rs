//! A supervisor's review of the audit trail: the queue of break-glass accesses, the review of
//! each (logged), the queue's sealed record checked against the trail, and the audit viewer's
//! filters on the command line.

mod common;

use casenotes::domain::{ClientRef, ReviewOutcome};
use casenotes::session::{AuditFilter, Reveal, SessionError};
use common::tamper::Tamper;
use common::*;

/// adviser1 holds Alice; adviser2 opens her twice with a reason (two break-glass accesses).
fn fixture() -> (Fixture, ClientRef) {
    let f = Fixture::new();
    let alice = client(&f.sign_in("adviser1"), "Alice Ashworth");
    let a2 = f.sign_in("adviser2");
    for why in [
        "covering a colleague's duty day",
        "client phoned the front desk",
    ] {
        a2.open_client(alice, Some(why), Reveal::Nothing)
            .expect("break the glass");
    }
    (f, alice)
}

#[test]
fn break_glass_accesses_wait_for_review_and_leave_the_queue_when_reviewed() {
    let (f, alice) = fixture();
    let sup = f.sign_in("supervisor");
    let queue = sup.break_glass(false).expect("queue");
    assert_eq!(queue.len(), 2);
    assert!(
        queue
            .iter()
            .all(|a| a.client == alice && a.who == "adviser2")
    );
    assert_eq!(
        queue[0].reason.as_deref().map(String::as_str),
        Some("covering a colleague's duty day")
    );
    let counts = sup.glass_pending_counts().expect("counts");
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].1, 2, "two awaiting review for adviser2");

    sup.review_break_glass(
        queue[0].event,
        ReviewOutcome::Justified,
        "duty rota confirms the cover",
    )
    .expect("review");
    let left = sup.break_glass(false).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].event, queue[1].event);
    assert_eq!(sup.glass_pending_counts().unwrap()[0].1, 1);

    // Every access, with its review.
    let all = sup.break_glass(true).unwrap();
    assert_eq!(all.len(), 2);
    let review = all[0].review.as_ref().expect("reviewed");
    assert_eq!(review.outcome, ReviewOutcome::Justified);
    assert_eq!(review.by, "supervisor");
    assert_eq!(
        review.comment.as_deref().map(String::as_str),
        Some("duty rota confirms the cover")
    );
    assert!(all[1].review.is_none());

    // The review is in the trail, which still verifies.
    let trail = sup.audit(Some(alice)).unwrap();
    let last = trail.last().expect("events");
    assert_eq!(last.action, "break-glass-reviewed");
    assert_eq!(last.detail, format!("event {}: justified", queue[0].event));
    sup.verify_audit().expect("intact");
}

#[test]
fn a_review_needs_an_access_awaiting_review_a_comment_and_a_supervisor() {
    let (f, _) = fixture();
    let sup = f.sign_in("supervisor");
    let queue = sup.break_glass(false).unwrap();
    let e = sup
        .review_break_glass(1, ReviewOutcome::Concern, "not a break-glass event")
        .unwrap_err();
    assert!(e.to_string().contains("not a break-glass access"), "{e}");
    let e = sup
        .review_break_glass(queue[0].event, ReviewOutcome::Concern, "")
        .unwrap_err();
    assert!(matches!(e, SessionError::Invalid(_)), "{e}");
    sup.review_break_glass(
        queue[0].event,
        ReviewOutcome::Concern,
        "no cover was arranged",
    )
    .unwrap();
    let twice = sup
        .review_break_glass(queue[0].event, ReviewOutcome::Justified, "changed my mind")
        .unwrap_err();
    assert!(twice.to_string().contains("awaiting review"), "{twice}");
    for who in ["adviser1", "adviser2", "admin"] {
        let s = f.sign_in(who);
        assert!(
            matches!(s.break_glass(false), Err(SessionError::Forbidden(_))),
            "{who}"
        );
        assert!(matches!(
            s.review_break_glass(queue[1].event, ReviewOutcome::Justified, "my own access"),
            Err(SessionError::Forbidden(_))
        ));
    }
}

#[test]
fn a_queue_put_back_from_an_older_copy_is_reported_by_audit_verify() {
    let (f, _) = fixture();
    let old = Tamper::open(&f.path).meta("glass_pending").expect("kept");
    let sup = f.sign_in("supervisor");
    let queue = sup.break_glass(false).unwrap();
    sup.review_break_glass(
        queue[0].event,
        ReviewOutcome::Concern,
        "no cover was arranged",
    )
    .unwrap();
    drop(sup);
    // Someone holding the file puts the older queue back: the concern would vanish from view.
    Tamper::open(&f.path).set_meta("glass_pending", &old);
    let e = f.sign_in("supervisor").verify_audit().unwrap_err();
    assert!(
        e.to_string()
            .contains("awaiting review is not the one the trail makes"),
        "{e}"
    );
}

#[test]
fn the_audit_viewer_filters_by_who_what_when_and_flag() {
    let (f, alice) = fixture();
    let sup = f.sign_in("supervisor");
    let all = sup.audit_where(&AuditFilter::default()).unwrap();
    let by_a2 = sup
        .audit_where(&AuditFilter {
            user: Some("adviser2".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert!(!by_a2.is_empty() && by_a2.iter().all(|e| e.actor == "adviser2"));
    let flagged = sup
        .audit_where(&AuditFilter {
            flagged: true,
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(flagged.len(), 2);
    assert!(flagged.iter().all(|e| e.action == "break-glass"));
    let no_sign_ins = sup
        .audit_where(&AuditFilter {
            hide_sign_ins: true,
            ..AuditFilter::default()
        })
        .unwrap();
    assert!(no_sign_ins.iter().all(|e| e.action != "sign-in"));
    assert!(no_sign_ins.len() < all.len());
    let revealed = sup
        .audit_where(&AuditFilter {
            action: Some("break-glass".into()),
            client: Some(alice),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(revealed.len(), 2);
    // A window in time: nothing before the epoch's second day, nothing after 2100.
    let none = sup
        .audit_where(&AuditFilter {
            until: Some(86_400),
            ..AuditFilter::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let now = sup
        .audit_where(&AuditFilter {
            since: Some(casenotes::domain::day_start("2000-01-01").unwrap()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(now.len(), all.len());
    let e = sup
        .audit_where(&AuditFilter {
            user: Some("nobody".into()),
            ..AuditFilter::default()
        })
        .unwrap_err();
    assert!(
        e.to_string().contains("no account is called 'nobody'"),
        "{e}"
    );
}

#[test]
fn the_command_line_lists_and_reviews_accesses_and_filters_the_trail() {
    let (f, _) = fixture();
    let sup = |args: &[&str]| {
        let mut all = vec!["--user", "supervisor", "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{SUPERVISOR_PW}\n"))
    };
    let list = sup(&["break-glass", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let mut lines = list.stdout.lines();
    assert!(
        lines.next().unwrap().starts_with(" EVENT"),
        "{}",
        list.stdout
    );
    let first = lines.next().expect("an access");
    assert!(
        first.contains("adviser2") && first.contains("C-000001"),
        "{first}"
    );
    assert!(first.contains("covering a colleague's duty day"));
    assert!(first.contains("[awaiting review]"));
    let event = first.split_whitespace().next().unwrap().to_string();

    let review = sup(&[
        "break-glass",
        "review",
        "--event",
        &event,
        "--outcome",
        "justified",
        "--comment",
        "duty rota confirms the cover",
    ]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(
        review
            .stdout
            .contains(&format!("reviewed break-glass access {event}: justified"))
    );
    let again = sup(&[
        "break-glass",
        "review",
        "--event",
        &event,
        "--outcome",
        "concern",
        "--comment",
        "second thoughts",
    ]);
    assert_eq!(again.code, 1);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    let all = sup(&["break-glass", "list", "--all"]);
    assert!(
        all.stdout.contains("[justified by supervisor"),
        "{}",
        all.stdout
    );

    let flagged = sup(&["audit", "list", "--flagged", "--no-sign-ins", "--json"]);
    assert_eq!(flagged.code, 0, "{}", flagged.stderr);
    let v: serde_json::Value = serde_json::from_str(&flagged.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let by = sup(&["audit", "list", "--by", "adviser2", "--since", "2000-01-01"]);
    assert_eq!(by.code, 0, "{}", by.stderr);
    assert!(
        by.stdout
            .lines()
            .skip(1)
            .all(|l| l.split_whitespace().nth(3) == Some("adviser2")),
        "{}",
        by.stdout
    );
    let bad = sup(&["audit", "list", "--since", "yesterday"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("YYYY-MM-DD"), "{}", bad.stderr);
    let admin = f.run(
        &["--user", "admin", "--password-stdin", "break-glass", "list"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(admin.code, 1);
    assert!(admin.stderr.starts_with("error: "), "{}", admin.stderr);
}
