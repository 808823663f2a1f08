//! Actions agreed in notes: one record per line of a note's "Actions agreed" section, left open
//! by later notes, marked done with an audit event that names the number and never the text,
//! counted as overdue against a given day, read and changed under the caseload rule, masked
//! with the section they came from, and covered by the integrity check.

mod common;

use casenotes::domain::{ClientRef, Date, Owner, Section, Sensitivity};
use casenotes::session::{ActionStatus, ActionView, Reveal, SectionBody, SessionError};
use common::tamper::Tamper;
use common::*;

fn day(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).expect("a date")
}

/// Noon UTC on a day: the same calendar date in any time zone the tests run in.
fn noon(y: i16, m: i8, d: i8) -> i64 {
    day(y, m, d)
        .at(12, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("a time")
        .timestamp()
        .as_second()
}

fn actions(text: &str) -> Section {
    section("Actions agreed", Sensitivity::Ordinary, text)
}

fn shown(a: &ActionView) -> String {
    match &a.text {
        SectionBody::Shown(t) => t.to_string(),
        other => panic!("action {} is not shown: {other:?}", a.number),
    }
}

fn supervisor_check(f: &Fixture) -> Run {
    f.run(
        &["--user", "supervisor", "--password-stdin", "check"],
        &format!("{SUPERVISOR_PW}\n"),
    )
}

/// adviser1's client C-000001 with a note of 14 March 2026 agreeing three actions.
fn three_actions(f: &Fixture) -> ClientRef {
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note_at(
        &a1,
        r,
        noon(2026, 3, 14),
        vec![
            section("Query", Sensitivity::Ordinary, "rent arrears"),
            actions(
                "Client to bring three payslips by 20 Mar\n\n  \
                 Adviser: call the council in 2 weeks.\n\
                 - check the award letter\n",
            ),
        ],
    );
    r
}

#[test]
fn a_note_with_three_action_lines_files_three_records() {
    let f = Fixture::new();
    let r = three_actions(&f);
    let a1 = f.sign_in("adviser1");
    let list = a1.actions(r, None).expect("actions");
    assert_eq!(list.len(), 3);
    let numbers: Vec<u32> = list.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let owners: Vec<Owner> = list.iter().map(|a| a.owner).collect();
    assert_eq!(owners, [Owner::Client, Owner::Adviser, Owner::Adviser]);
    let texts: Vec<String> = list.iter().map(shown).collect();
    assert_eq!(
        texts,
        [
            "bring three payslips",
            "call the council",
            "check the award letter"
        ]
    );
    let dues: Vec<Option<Date>> = list.iter().map(|a| a.due).collect();
    assert_eq!(dues, [Some(day(2026, 3, 20)), Some(day(2026, 3, 28)), None]);
    assert!(list.iter().all(|a| a.is_open() && a.client == r));
    assert!(list.iter().all(|a| a.note == list[0].note));
    let summary = &a1.caseload().expect("caseload")[0];
    assert_eq!(summary.open_actions, 3);
    // The client's view carries them too.
    let view = a1.open_client(r, None, Reveal::Nothing).expect("open");
    assert_eq!(view.actions.len(), 3);
    assert_eq!(shown(&view.actions[0]), "bring three payslips");
}

#[test]
fn a_later_note_without_actions_leaves_them_open() {
    let f = Fixture::new();
    let r = three_actions(&f);
    let a1 = f.sign_in("adviser1");
    note_at(
        &a1,
        r,
        noon(2026, 3, 21),
        vec![section("Query", Sensitivity::Ordinary, "follow-up call")],
    );
    assert_eq!(a1.caseload().unwrap()[0].open_actions, 3);
    assert!(a1.actions(r, None).unwrap().iter().all(|a| a.is_open()));
    // A later note with an action adds to them, numbered after the last.
    note_at(
        &a1,
        r,
        noon(2026, 3, 28),
        vec![actions("Adviser to write to the landlord by 2026-04-30")],
    );
    let list = a1.actions(r, None).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[3].number, 4);
    assert_eq!(list[3].due, Some(day(2026, 4, 30)));
    assert_eq!(a1.caseload().unwrap()[0].open_actions, 4);
    // An older note written later (a contact recorded late) adds its actions as well.
    note_at(
        &a1,
        r,
        noon(2026, 3, 1),
        vec![actions("Client to find the tenancy agreement")],
    );
    assert_eq!(a1.caseload().unwrap()[0].open_actions, 5);
}

#[test]
fn marking_an_action_done_is_logged_by_number_and_the_chain_verifies() {
    let f = Fixture::new();
    let r = three_actions(&f);
    let a1 = f.sign_in("adviser1");
    a1.complete_action(r, 2, None).expect("done");
    let list = a1.actions(r, None).unwrap();
    let done = list[1].done.as_ref().expect("action 2 is done");
    assert_eq!(done.by, "adviser1");
    assert_eq!(list[1].status(day(2026, 3, 14)), ActionStatus::Done);
    assert!(list[0].is_open() && list[2].is_open());
    assert_eq!(a1.caseload().unwrap()[0].open_actions, 2);

    let e = a1.complete_action(r, 2, None).unwrap_err();
    assert!(
        matches!(e, SessionError::ActionAlreadyDone(c, 2) if c == r),
        "{e}"
    );
    assert_eq!(e.to_string(), "action 2 of C-000001 is already done");
    for n in [0, 4, 99] {
        let e = a1.complete_action(r, n, None).unwrap_err();
        assert_eq!(e.to_string(), format!("no action {n} for client C-000001"));
    }
    let e = a1.complete_action(ClientRef(99), 1, None).unwrap_err();
    assert_eq!(e.to_string(), "no client C-000099");
    drop(a1);

    let sup = f.sign_in("supervisor");
    let events = sup.audit(Some(r)).unwrap();
    let done: Vec<_> = events
        .iter()
        .filter(|e| e.action == "action-done")
        .collect();
    assert_eq!(done.len(), 1, "one event; refusals write none");
    assert_eq!(done[0].detail, "action 2");
    assert_eq!(done[0].actor, "adviser1");
    assert_eq!(done[0].client, Some(r));
    assert!(done[0].reason.is_none() && !done[0].flagged);
    assert!(
        events.iter().all(|e| !e.detail.contains("council")),
        "no event carries an action's text"
    );
    sup.verify_audit().expect("the chain verifies");
    let report = sup.check().expect("check");
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(report.checked.contains(&"3 actions".to_string()));
}

#[test]
fn overdue_means_open_and_due_before_the_day_given() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note_at(
        &a1,
        r,
        noon(2026, 3, 10),
        vec![actions(
            "Send the form by 2026-03-13\nRing back by 2026-03-14\nNo date at all",
        )],
    );
    let list = a1.actions(r, None).unwrap();
    let on = |today: Date| -> Vec<ActionStatus> { list.iter().map(|a| a.status(today)).collect() };
    use ActionStatus::*;
    assert_eq!(on(day(2026, 3, 13)), [Open, Open, Open]);
    // Due yesterday is overdue; due today is not.
    assert_eq!(on(day(2026, 3, 14)), [Overdue, Open, Open]);
    assert_eq!(on(day(2026, 3, 15)), [Overdue, Overdue, Open]);
    assert!(list[0].overdue(day(2026, 3, 14)) && !list[1].overdue(day(2026, 3, 14)));
    // Done is never overdue.
    a1.complete_action(r, 1, None).unwrap();
    let list = a1.actions(r, None).unwrap();
    assert!(!list[0].overdue(day(2030, 1, 1)));

    // The caseload counts against the real today: long past is overdue, far future is not.
    let r2 = client(&a1, "Sam Sample");
    note(
        &a1,
        r2,
        vec![actions(
            "Chase the reply by 2000-01-01\nRenew in good time by 2999-12-31",
        )],
    );
    let list = a1.caseload().unwrap();
    let s = list.iter().find(|c| c.reference == r2).unwrap();
    assert_eq!((s.open_actions, s.overdue_actions), (2, 1));
    assert_eq!(s.next_due, Some(day(2000, 1, 1)));
    // The first client's: one done, one long overdue, one without a date.
    let s = list.iter().find(|c| c.reference == r).unwrap();
    assert_eq!((s.open_actions, s.overdue_actions), (2, 1));
    assert_eq!(s.next_due, Some(day(2026, 3, 14)));

    // The caseload's open actions, soonest due first, undated last; done ones left out.
    let open: Vec<(ClientRef, u32)> = a1
        .caseload_actions()
        .unwrap()
        .iter()
        .map(|a| (a.client, a.number))
        .collect();
    assert_eq!(open, [(r2, 1), (r, 2), (r2, 2), (r, 3)]);
}

#[test]
fn another_advisers_actions_need_a_reason_and_administrators_see_none() {
    let f = Fixture::new();
    let r = three_actions(&f);
    let a2 = f.sign_in("adviser2");
    assert!(matches!(
        a2.actions(r, None),
        Err(SessionError::NotOnCaseload(_))
    ));
    assert!(matches!(
        a2.complete_action(r, 1, None),
        Err(SessionError::NotOnCaseload(_))
    ));
    assert!(matches!(
        a2.complete_action(r, 1, Some(" ")),
        Err(SessionError::Invalid(_))
    ));
    assert!(a2.caseload_actions().unwrap().is_empty());
    assert_eq!(a2.actions(r, Some("covering today")).unwrap().len(), 3);
    a2.complete_action(r, 1, Some("covering today")).unwrap();
    drop(a2);

    let admin = f.sign_in("admin");
    assert!(matches!(
        admin.actions(r, None),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.caseload_actions(),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.complete_action(r, 2, None),
        Err(SessionError::Forbidden(_))
    ));
    drop(admin);

    let sup = f.sign_in("supervisor");
    // Supervisors read every client's actions without breaking the glass.
    assert_eq!(sup.caseload_actions().unwrap().len(), 2);
    assert_eq!(sup.actions(r, None).unwrap().len(), 3);
    let events = sup.audit(Some(r)).unwrap();
    let glass: Vec<_> = events
        .iter()
        .filter(|e| e.action == "break-glass")
        .collect();
    assert_eq!(
        glass.len(),
        2,
        "listing and marking done each broke the glass"
    );
    assert!(glass.iter().all(|e| e.flagged && e.actor == "adviser2"));
    let done = events.iter().find(|e| e.action == "action-done").unwrap();
    assert_eq!(
        (done.actor.as_str(), done.detail.as_str()),
        ("adviser2", "action 1")
    );
}

#[test]
fn actions_agreed_in_a_masked_section_are_masked_until_revealed() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note_at(
        &a1,
        r,
        noon(2026, 3, 14),
        vec![section(
            "Actions agreed",
            health(),
            "Client to see the GP about the panic attacks by 2026-04-01",
        )],
    );
    let list = a1.actions(r, None).unwrap();
    assert_eq!(list[0].text, SectionBody::Masked);
    assert_eq!(list[0].sensitivity, health());
    assert_eq!(list[0].due, Some(day(2026, 4, 1)));
    assert_eq!(list[0].owner, Owner::Client);
    assert_eq!(a1.caseload_actions().unwrap()[0].text, SectionBody::Masked);
    let view = a1.open_client(r, None, Reveal::Nothing).unwrap();
    assert_eq!(view.actions[0].text, SectionBody::Masked);
    let view = a1
        .open_client(
            r,
            None,
            Reveal::All {
                reason: "direct support",
            },
        )
        .unwrap();
    assert_eq!(
        view.actions[0].text,
        SectionBody::Revealed("see the GP about the panic attacks".to_string().into())
    );
}

#[test]
fn a_removed_or_swapped_action_is_named_not_passed_over() {
    let f = Fixture::new();
    let r = three_actions(&f);
    assert_eq!(supervisor_check(&f).code, 0);

    // Records swapped between numbers do not open: each is bound to its place.
    let t = Tamper::open(&f.path);
    let one = t.action(r.0, 1).expect("action 1");
    let three = t.action(r.0, 3).expect("action 3");
    t.set_action(r.0, 1, Some(&three));
    t.set_action(r.0, 3, Some(&one));
    drop(t);
    let a1 = f.sign_in("adviser1");
    let e = a1.actions(r, None).unwrap_err().to_string();
    assert_eq!(
        e,
        "action 1 of C-000001 is missing or damaged; run `casenotes check`"
    );
    assert!(a1.open_client(r, None, Reveal::Nothing).is_err());
    assert!(a1.complete_action(r, 3, None).is_err());
    drop(a1);
    let run = supervisor_check(&f);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("action 1 of C-000001 does not open (damaged or altered)\n"),
        "{}",
        run.stdout
    );

    // A removed action: the counts disagree at sign-in, and the check names it.
    let t = Tamper::open(&f.path);
    t.set_action(r.0, 1, Some(&one));
    t.set_action(r.0, 3, Some(&three));
    t.set_action(r.0, 2, None);
    drop(t);
    let e = casenotes::session::sign_in(
        casenotes::session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        "adviser1",
        &pw(ADVISER_PW),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the store holds 2 actions but recorded 3; run `casenotes check`"
    );
    let run = supervisor_check(&f);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "action 2 of C-000001 is missing (its client's record counts it)"),
        "{}",
        run.stdout
    );

    // One filed under a client that does not exist.
    Tamper::open(&f.path).set_action(99, 1, Some(&one));
    let run = supervisor_check(&f);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "action 1 is filed under C-000099, which does not exist"),
        "{}",
        run.stdout
    );
}
