//! The supervisor's caseload dashboard: its figures on a store whose answers are known, the
//! per-client summaries it reads equal to a recount from every note, change and action (on a
//! seeded store, and after sign-offs and the other changes), a summary put back from an older
//! copy caught by `check`, who may read it, and `casenotes caseload`.

mod common;

use casenotes::domain::{self, ClientRef, Role, Sensitivity};
use casenotes::seed::{self, SeedOptions};
use casenotes::session::{CaseloadFigures, Dashboard, Reveal, SessionError};
use common::tamper::Tamper;
use common::*;

const DAY: i64 = 86_400;

/// `days` days before now, as a contact time.
fn ago(days: i64) -> i64 {
    domain::now() - days * DAY
}

/// A date `days` from today (negative: before), as `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let d = domain::today()
        .checked_add(jiff::Span::new().days(days))
        .expect("date");
    domain::format_date(d)
}

fn actions(text: &str) -> casenotes::domain::Section {
    section("Actions agreed", Sensitivity::Ordinary, text)
}

fn query(text: &str) -> casenotes::domain::Section {
    section("Query", Sensitivity::Ordinary, text)
}

/// The store whose answers are known (counted today):
///
/// - adviser1 holds Ann (a note 5 days ago agreeing two actions now overdue and one not yet
///   due), Ben (one note 20 days ago: no contact for 20 days) and Cat (notes 40 and 2 days
///   ago). None of their notes is signed off.
/// - adviser2 holds Dan (a note yesterday, signed off by the supervisor), and broke the glass
///   on Ann (awaiting review).
/// - the supervisor holds Eve (no note yet, opened today).
/// - adviser3 holds nobody; adviser4 is disabled and holds nobody.
struct Known {
    f: Fixture,
    ann: ClientRef,
}

fn known() -> Known {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    admin
        .add_user("adviser3", Role::Adviser, &pw(OTHER_PW))
        .expect("adviser3");
    admin
        .add_user("adviser4", Role::Adviser, &pw(OTHER_PW))
        .expect("adviser4");
    admin.disable_user("adviser4").expect("disable adviser4");
    drop(admin);

    let a1 = f.sign_in("adviser1");
    let ann = client(&a1, "Ann Overdue");
    note_at(
        &a1,
        ann,
        ago(5),
        vec![
            query("benefit sanction"),
            actions(&format!(
                "Client to bring three payslips by {}\nAdviser: call the council by {}\n\
                 Adviser: review the claim by {}",
                day(-3),
                day(-1),
                day(9)
            )),
        ],
    );
    let ben = client(&a1, "Ben Quiet");
    note_at(&a1, ben, ago(20), vec![query("debt")]);
    let cat = client(&a1, "Cat Steady");
    note_at(&a1, cat, ago(40), vec![query("housing")]);
    note_at(&a1, cat, ago(2), vec![query("housing again")]);
    drop(a1);

    let a2 = f.sign_in("adviser2");
    let dan = client(&a2, "Dan Fresh");
    let dans = note_at(&a2, dan, ago(1), vec![query("work capability")]);
    a2.open_client(ann, Some("covering for adviser1"), Reveal::Nothing)
        .expect("break the glass");
    drop(a2);

    let sup = f.sign_in("supervisor");
    client(&sup, "Eve Supervised");
    sup.sign_off(dan, dans).expect("sign off");
    Known { f, ann }
}

fn figures(
    open_clients: u32,
    notes_30_days: u32,
    awaiting_sign_off: u32,
    overdue_actions: u32,
    no_contact: u32,
    glass_pending: u32,
    weeks: &[(usize, u32)],
) -> CaseloadFigures {
    let mut notes_per_week = [0; 12];
    for (i, n) in weeks {
        notes_per_week[*i] = *n;
    }
    CaseloadFigures {
        open_clients,
        notes_30_days,
        awaiting_sign_off,
        overdue_actions,
        no_contact,
        no_consent: open_clients,
        past_retention: 0,
        glass_pending,
        notes_per_week,
    }
}

fn row<'a>(d: &'a Dashboard, name: &str) -> &'a CaseloadFigures {
    &d.rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
        .figures
}

#[test]
fn the_figures_on_a_store_whose_answers_are_known() {
    let k = known();
    let sup = k.f.sign_in("supervisor");
    let today = domain::today();
    let d = sup.dashboard(today).expect("dashboard");
    assert_eq!(d.today, today);
    assert_eq!((d.no_contact_days, d.retention_years), (14, 6));
    // Weeks are the seven days ending today, and the eleven weeks before.
    assert_eq!(
        domain::format_date(d.weeks[11]),
        day(-6),
        "the last week ends today"
    );
    assert_eq!(domain::format_date(d.weeks[0]), day(-83));

    let names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["adviser1", "adviser2", "adviser3", "supervisor"],
        "every enabled adviser, and the supervisor who holds a client; not the disabled \
         adviser who holds nobody, nor the administrator"
    );
    // Ann 5 days back (week 11), Ben 20 (week 9), Cat 40 (week 6) and 2 (week 11).
    assert_eq!(
        *row(&d, "adviser1"),
        figures(3, 3, 4, 2, 1, 0, &[(6, 1), (9, 1), (11, 2)])
    );
    assert_eq!(*row(&d, "adviser2"), figures(1, 1, 0, 0, 0, 1, &[(11, 1)]));
    assert_eq!(*row(&d, "adviser3"), CaseloadFigures::default());
    assert_eq!(*row(&d, "supervisor"), figures(1, 0, 0, 0, 0, 0, &[]));
    assert_eq!(
        d.totals,
        figures(5, 4, 4, 2, 1, 1, &[(6, 1), (9, 1), (11, 3)])
    );
    let role = |name: &str| d.rows.iter().find(|r| r.name == name).and_then(|r| r.role);
    assert_eq!(role("supervisor"), Some(Role::Supervisor));
    assert_eq!(role("adviser3"), Some(Role::Adviser));

    // A later day: Ann's third action is overdue too, Cat and Ann are out of touch.
    let later = today.checked_add(jiff::Span::new().days(12)).expect("date");
    let d = sup.dashboard(later).expect("dashboard");
    let a1 = row(&d, "adviser1");
    assert_eq!(a1.overdue_actions, 3);
    assert_eq!(a1.no_contact, 3);
    // Eve, opened today with no note, is out of touch after the policy's 14 days.
    assert_eq!(row(&d, "supervisor").no_contact, 0);
    let much_later = today.checked_add(jiff::Span::new().days(14)).expect("date");
    assert_eq!(
        row(&sup.dashboard(much_later).unwrap(), "supervisor").no_contact,
        1
    );

    // Reviewing the access leaves nothing awaiting review.
    let pending = sup.break_glass(false).expect("queue");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].client, k.ann);
    sup.review_break_glass(
        pending[0].event,
        casenotes::domain::ReviewOutcome::Justified,
        "cover agreed with the team",
    )
    .expect("review");
    assert_eq!(sup.dashboard(today).unwrap().totals.glass_pending, 0);
}

#[test]
fn the_policy_sets_the_days_without_contact() {
    let k = known();
    k.f.sign_in("admin")
        .set_policy("no-contact-days", "30")
        .expect("policy");
    let sup = k.f.sign_in("supervisor");
    let d = sup.dashboard(domain::today()).unwrap();
    assert_eq!(d.no_contact_days, 30);
    assert_eq!(row(&d, "adviser1").no_contact, 0, "20 days is within 30");
}

#[test]
fn the_summaries_equal_a_recount_from_every_note_change_and_action() {
    let k = known();
    let sup = k.f.sign_in("supervisor");
    let today = domain::today();
    assert_eq!(
        sup.dashboard(today).unwrap(),
        sup.dashboard_recount(today).unwrap()
    );
    // Sign-offs, a correction, an addendum, an action done, another note: still equal.
    let a1 = k.f.sign_in("adviser1");
    let view = a1.open_client(k.ann, None, Reveal::Nothing).unwrap();
    let ann_note = view.notes[0].id;
    a1.correct_note(
        k.ann,
        ann_note,
        vec![query("benefit sanction, corrected")],
        "the first version named the wrong benefit",
    )
    .unwrap();
    a1.add_addendum(k.ann, ann_note, query("called back"), None)
        .unwrap();
    a1.complete_action(k.ann, 1, None).unwrap();
    note_at(&a1, ClientRef(2), ago(3), vec![query("Ben again")]);
    drop(a1);
    sup.sign_off(k.ann, ann_note).unwrap();
    sup.sign_off(
        ClientRef(3),
        sup.open_client(ClientRef(3), None, Reveal::Nothing)
            .unwrap()
            .notes[1]
            .id,
    )
    .unwrap();
    let d = sup.dashboard(today).unwrap();
    assert_eq!(d, sup.dashboard_recount(today).unwrap());
    let a1 = row(&d, "adviser1");
    assert_eq!(a1.awaiting_sign_off, 3, "two of five signed off");
    assert_eq!(a1.overdue_actions, 1, "one of the two done");
    assert_eq!(a1.no_contact, 0, "Ben was contacted 3 days ago");
    let report = sup.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn the_summaries_of_a_seeded_store_equal_a_recount() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seeded.redb");
    let report = seed::seed(
        &path,
        SeedOptions {
            clients: 60,
            notes_per_client: 8,
            password: Some(pw(SUPERVISOR_PW)),
            kdf: FAST,
            demo: false,
        },
    )
    .unwrap();
    assert_eq!(report.notes, 480);
    let sup = seed::sign_in(&path, "supervisor", &pw(SUPERVISOR_PW)).unwrap();
    let today = domain::today();
    let d = sup.dashboard(today).unwrap();
    assert_eq!(d, sup.dashboard_recount(today).unwrap());
    // Every twentieth seeded client was closed seven years ago.
    assert_eq!(d.totals.open_clients, 57);
    assert_eq!(d.totals.past_retention, 3);
    assert_eq!(
        d.totals.awaiting_sign_off, 480,
        "a seeded store has no sign-off"
    );
    assert_eq!(
        d.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["adviser1", "adviser2"]
    );
    // Signing notes off across the caseload keeps them equal.
    for r in [1, 2, 3, 17, 40] {
        let c = ClientRef(r);
        let notes = sup.open_client(c, None, Reveal::Nothing).unwrap().notes;
        for n in notes.iter().take(3) {
            sup.sign_off(c, n.id).unwrap();
        }
    }
    let d = sup.dashboard(today).unwrap();
    assert_eq!(d.totals.awaiting_sign_off, 480 - 15);
    assert_eq!(d, sup.dashboard_recount(today).unwrap());
    let report = sup.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn a_client_record_put_back_from_before_a_sign_off_is_caught_by_the_check() {
    let k = known();
    let sup = k.f.sign_in("supervisor");
    let note = sup.open_client(k.ann, None, Reveal::Nothing).unwrap().notes[0].id;
    let before = Tamper::open(&k.f.path).client(k.ann.0).expect("record");
    sup.sign_off(k.ann, note).unwrap();
    drop(sup);
    // The older record still opens, and its event still concerns the client: only the
    // recount shows that its summary misses the sign-off.
    Tamper::open(&k.f.path).set_client(k.ann.0, &before);
    let sup = k.f.sign_in("supervisor");
    let report = sup.check().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("C-000001") && p.contains("summary")),
        "{:?}",
        report.problems
    );
    let run = k.f.run(
        &["--user", "supervisor", "--password-stdin", "check"],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("summary of note"), "{}", run.stdout);
}

#[test]
fn only_supervisors_read_the_dashboard() {
    let k = known();
    let today = domain::today();
    for user in ["adviser1", "admin"] {
        match k.f.sign_in(user).dashboard(today) {
            Err(SessionError::Forbidden(m)) => {
                assert!(m.contains("caseload dashboard"), "{m}")
            }
            other => panic!("{user}: {other:?}"),
        }
        assert!(k.f.sign_in(user).dashboard_recount(today).is_err());
    }
    // Reading it is not logged: it shows counts, no client.
    let sup = k.f.sign_in("supervisor");
    let before = sup.store_version().unwrap();
    sup.dashboard(today).unwrap();
    assert_eq!(sup.store_version().unwrap(), before);
}

#[test]
fn caseload_prints_the_figures_and_json_carries_the_same() {
    let k = known();
    let run = k.f.run(
        &["--user", "supervisor", "--password-stdin", "caseload"],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("ADVISER") && lines[0].contains("OVERDUE"),
        "{}",
        run.stdout
    );
    let cells = |name: &str| -> Vec<String> {
        lines
            .iter()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}:\n{}", run.stdout))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(
        cells("adviser1")[1..10],
        ["adviser", "3", "3", "4", "2", "1", "3", "0", "0"]
    );
    assert_eq!(
        cells("TOTAL")[1..9],
        ["5", "4", "4", "2", "1", "5", "0", "1"]
    );
    assert!(
        run.stdout
            .contains("no consent: open clients without a current consent")
    );
    for name in ["Ann", "Overdue", "C-0000"] {
        assert!(!run.stdout.contains(name), "{name} in the dashboard");
    }

    let run = k.f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "caseload",
            "--json",
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(v["no_contact_days"], 14);
    assert_eq!(v["weeks"].as_array().map(Vec::len), Some(12));
    let a1 = &v["advisers"][0];
    assert_eq!(a1["name"], "adviser1");
    assert_eq!(a1["overdue_actions"], 2);
    assert_eq!(a1["no_contact"], 1);
    assert_eq!(a1["awaiting_sign_off"], 4);
    assert_eq!(v["totals"]["glass_pending"], 1);
    assert_eq!(v["totals"]["notes_per_week"][11], 3);

    let run = k.f.run(
        &["--user", "adviser1", "--password-stdin", "caseload"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.contains("dashboard"),
        "{}",
        run.stderr
    );
}
