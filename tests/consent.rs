//! Consent: given with a scope, a method and a renewal date from the policy; withdrawn and kept;
//! expired consent counts as missing; a referral without current consent to share is refused
//! on the command line unless confirmed; every change logged; nothing readable in the file.

mod common;

use casenotes::domain::{ConsentMethod, ConsentScope, Date};
use casenotes::session::SessionError;
use common::*;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn consent_is_given_renewed_by_policy_withdrawn_and_never_erased() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let today = casenotes::domain::today();
    let n = a1
        .give_consent(
            r,
            ConsentScope::Recording,
            ConsentMethod::Written,
            None,
            None,
        )
        .expect("given");
    assert_eq!(n, 1);
    let old = a1
        .give_consent(
            r,
            ConsentScope::Sharing {
                with: "Shelter ORGNAME-CANARY".into(),
            },
            ConsentMethod::Verbal,
            Some(today.checked_sub(jiff::Span::new().months(13)).unwrap()),
            None,
        )
        .unwrap();
    let list = a1.consents(r, None).unwrap();
    assert_eq!(list.len(), 2);
    assert!(list[0].current);
    assert_eq!(
        list[0].renew_by,
        Some(today.checked_add(jiff::Span::new().months(12)).unwrap())
    );
    assert!(
        !list[1].current,
        "given 13 months ago: expired, counts as missing"
    );
    assert!(!a1.may_share(r, None).unwrap());

    a1.withdraw_consent(r, n, Some(today), None)
        .expect("withdrawn");
    let list = a1.consents(r, None).unwrap();
    assert_eq!(list.len(), 2, "kept, not erased");
    assert_eq!(list[0].withdrawn_on, Some(today));
    assert_eq!(list[0].withdrawn_by.as_deref(), Some("adviser1"));
    assert!(!list[0].current);
    let again = a1.withdraw_consent(r, n, None, None).unwrap_err();
    assert!(again.to_string().contains("withdrawn on"), "{again}");
    let future = a1
        .give_consent(
            r,
            ConsentScope::Feedback,
            ConsentMethod::Verbal,
            Some(day("2999-01-01")),
            None,
        )
        .unwrap_err();
    assert!(matches!(future, SessionError::Invalid(_)), "{future}");
    let _ = old;

    let sup = f.sign_in("supervisor");
    let trail: Vec<(&str, String)> = sup
        .audit(Some(r))
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect();
    assert!(trail.contains(&("consent-given", "consent 1".into())));
    assert!(trail.contains(&("consent-given", "consent 2".into())));
    assert!(trail.contains(&("consent-withdrawn", "consent 1".into())));
    assert!(
        !trail.iter().any(|(_, d)| d.contains("Shelter")),
        "scope stays sealed"
    );
    sup.verify_audit().expect("intact");
    assert!(sup.check().unwrap().problems.is_empty());
    drop((a1, sup));
    assert!(!file_contains(&f.path, b"ORGNAME-CANARY"));
}

#[test]
fn consent_follows_the_caseload_rule() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Alice Ashworth");
    let a2 = f.sign_in("adviser2");
    assert!(matches!(
        a2.give_consent(
            r,
            ConsentScope::Recording,
            ConsentMethod::Verbal,
            None,
            None
        ),
        Err(SessionError::NotOnCaseload(_))
    ));
    assert!(matches!(
        a2.consents(r, None),
        Err(SessionError::NotOnCaseload(_))
    ));
    a2.consents(r, Some("covering the duty desk"))
        .expect("with a reason");
    let admin = f.sign_in("admin");
    assert!(admin.consents(r, None).is_err());
    assert!(
        admin
            .give_consent(
                r,
                ConsentScope::Recording,
                ConsentMethod::Verbal,
                None,
                None
            )
            .is_err()
    );
}

#[test]
fn the_command_line_records_consent_and_a_referral_needs_it() {
    let f = Fixture::new();
    client(&f.sign_in("adviser1"), "Alice Ashworth");
    let run = |args: &[&str]| {
        let mut all = vec!["--user", "adviser1", "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{ADVISER_PW}\n"))
    };
    let referral = [
        "note",
        "add",
        "--client",
        "C-000001",
        "--section",
        "Referrals and signposting=referred to Shelter for housing advice",
    ];
    let refused = run(&referral);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("no current consent to share"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.stderr.lines().count(), 1);
    let mut confirmed = referral.to_vec();
    confirmed.push("--without-consent");
    assert_eq!(run(&confirmed).code, 0);

    let given = run(&[
        "consent",
        "give",
        "--client",
        "C-000001",
        "--scope",
        "sharing:Shelter",
        "--method",
        "written",
    ]);
    assert_eq!(given.code, 0, "{}", given.stderr);
    assert_eq!(given.stdout, "consent 1 of C-000001 recorded\n");
    assert_eq!(run(&referral).code, 0, "now with consent");
    let list = run(&["consent", "list", "--client", "C-000001"]);
    assert!(list.stdout.starts_with("  N  HOW"), "{}", list.stdout);
    assert!(list.stdout.contains("written") && list.stdout.contains("current"));
    assert!(list.stdout.contains("sharing:Shelter"));
    let gone = run(&[
        "consent",
        "withdraw",
        "--client",
        "C-000001",
        "--consent",
        "1",
    ]);
    assert_eq!(gone.code, 0, "{}", gone.stderr);
    assert!(
        run(&["consent", "list", "--client", "C-000001"])
            .stdout
            .contains("withdrawn")
    );
    let show = run(&["note", "show", "--client", "C-000001"]);
    assert!(
        show.stdout
            .contains("consent: none current (expired or withdrawn)"),
        "{}",
        show.stdout
    );
    let bad = run(&[
        "consent",
        "give",
        "--client",
        "C-000001",
        "--scope",
        "everything",
    ]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown consent scope"),
        "{}",
        bad.stderr
    );
    let bad_day = run(&[
        "consent",
        "give",
        "--client",
        "C-000001",
        "--scope",
        "recording",
        "--given",
        "01/02/2026",
    ]);
    assert_eq!(bad_day.code, 2);
}

#[test]
fn disclosures_are_logged_with_their_basis_and_need_a_justification_without_consent() {
    use casenotes::domain::Basis;
    use casenotes::session::NewDisclosure;
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let legal = |j: Option<&str>| NewDisclosure {
        to: "Council tax office DISCLOSED-TO-CANARY".into(),
        what: "address and arrears DISCLOSED-WHAT-CANARY".into(),
        basis: Basis::Legal,
        justification: j.map(String::from),
    };
    let e = a1.disclose(r, legal(None), None).unwrap_err();
    assert!(e.to_string().contains("needs a justification"), "{e}");
    let n = a1
        .disclose(
            r,
            legal(Some("court order 123 served on the service")),
            None,
        )
        .expect("recorded");
    assert_eq!(n, 1);
    let list = a1.disclosures(r, None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].basis, Basis::Legal);
    assert_eq!(
        list[0].justification.as_deref(),
        Some("court order 123 served on the service")
    );
    let sup = f.sign_in("supervisor");
    let e = sup.audit(Some(r)).unwrap().pop().unwrap();
    assert_eq!(
        (e.action, e.detail.as_str()),
        ("disclosed", "disclosure 1, basis: legal")
    );
    assert!(matches!(
        f.sign_in("adviser2").disclosures(r, None),
        Err(SessionError::NotOnCaseload(_))
    ));
    sup.verify_audit().unwrap();
    drop((a1, sup));
    assert!(!file_contains(&f.path, b"DISCLOSED-TO-CANARY"));
    assert!(!file_contains(&f.path, b"DISCLOSED-WHAT-CANARY"));

    let run = |args: &[&str]| {
        let mut all = vec!["--user", "adviser1", "--password-stdin"];
        all.extend_from_slice(args);
        f.run(&all, &format!("{ADVISER_PW}\n"))
    };
    let on_consent = [
        "disclose",
        "--client",
        "C-000001",
        "--to",
        "Shelter",
        "--basis",
        "consent",
        "--what",
        "housing history",
    ];
    let refused = run(&on_consent);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("no current consent to share"),
        "{}",
        refused.stderr
    );
    let mut anyway = on_consent.to_vec();
    anyway.push("--without-consent");
    let ok = run(&anyway);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(ok.stdout, "disclosure 2 of C-000001 recorded\n");
    let list = run(&["disclose", "list", "--client", "C-000001"]);
    assert!(
        list.stdout.contains("to Shelter  basis: consent"),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout.contains("why: court order 123"),
        "{}",
        list.stdout
    );
    let missing = run(&["disclose", "--client", "C-000001"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
}

#[test]
fn the_dashboard_counts_open_clients_without_current_consent_to_keep_notes() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let with = client(&a1, "Alice Ashworth");
    let expired = client(&a1, "Bob Barraclough");
    let _none = client(&a1, "Carol Cartwright");
    let today = casenotes::domain::today();
    a1.give_consent(
        with,
        ConsentScope::Recording,
        ConsentMethod::Written,
        None,
        None,
    )
    .unwrap();
    a1.give_consent(
        expired,
        ConsentScope::Recording,
        ConsentMethod::Verbal,
        Some(today.checked_sub(jiff::Span::new().months(13)).unwrap()),
        None,
    )
    .unwrap();
    // Sharing is not consent to keeping notes.
    a1.give_consent(
        expired,
        ConsentScope::Sharing {
            with: "Shelter".into(),
        },
        ConsentMethod::Verbal,
        None,
        None,
    )
    .unwrap();
    let sup = f.sign_in("supervisor");
    let row = |d: &casenotes::session::Dashboard| {
        d.rows
            .iter()
            .find(|r| r.name == "adviser1")
            .unwrap()
            .figures
            .no_consent
    };
    let d = sup.dashboard(today).unwrap();
    assert_eq!(row(&d), 2, "the expired one and the one with none");
    assert_eq!(row(&sup.dashboard_recount(today).unwrap()), 2);
    a1.withdraw_consent(with, 1, None, None).unwrap();
    assert_eq!(row(&sup.dashboard(today).unwrap()), 3);
    assert_eq!(row(&sup.dashboard_recount(today).unwrap()), 3);
    assert!(sup.check().unwrap().problems.is_empty());
    sup.verify_audit().unwrap();
}
