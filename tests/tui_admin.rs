//! The administrator's app and the forced password change, driven without a terminal: an
//! administrator signs in to accounts, policy and audit tabs (never a caseload, never a
//! client's name); account changes, policy changes and the audit trail's check and filters go
//! through the worker; an account whose password an administrator set chooses its own first.
//! The three tabs are pinned with snapshots at 80×24.

mod common;

use casenotes::domain::{ClientRef, Role};
use casenotes::session::Reveal;
use casenotes::tui::app::Options;
use casenotes::tui::keymap::Mode;
use casenotes::tui::popups::account_form::AccountForm;
use casenotes::tui::popups::help::HelpPopup;
use casenotes::tui::popups::policy_edit::PolicyEdit;
use casenotes::tui::screens::admin::audit::AuditScreen;
use casenotes::tui::screens::admin::{AUDIT, AdminScreen, POLICY};
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::lock::Locked;
use casenotes::tui::screens::new_password::NewPassword;
use casenotes::tui::screens::sign_in::SignIn;
use common::driver::Driver;
use common::tui::{screen, three_clients};
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// adviser1 holds "Alice Ashworth" (C-000001) and "Bob Barraclough" (C-000002); adviser2 holds
/// "Carol Cartwright" (C-000003). adviser1 opened Carol with a reason (a flagged break-glass).
fn fixture() -> Fixture {
    let f = three_clients(vec![section("Health", health(), "HEALTH-SECRET asthma")]);
    f.sign_in("adviser1")
        .open_client(
            ClientRef(3),
            Some("REASON-CANARY covering a colleague"),
            Reveal::Nothing,
        )
        .expect("break the glass");
    f
}

/// The client names and the reason in the fixture: none may reach an administrator's screen.
const SECRETS: [&str; 8] = [
    "Alice",
    "Ashworth",
    "Bob",
    "Barraclough",
    "Carol",
    "Cartwright",
    "REASON-CANARY",
    "HEALTH-SECRET",
];

fn admin(f: &Fixture) -> Driver {
    let mut d = Driver::new(f, Options::default());
    d.sign_in("admin", ADMIN_PW);
    assert!(d.showing::<AdminScreen>(), "the admin screen");
    d
}

fn tab(d: &Driver) -> &AdminScreen {
    d.app.find::<AdminScreen>().expect("the admin screen")
}

fn message(d: &Driver) -> String {
    d.app
        .ui
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// Puts the accounts tab's cursor on `name`.
fn select(d: &mut Driver, name: &str) {
    d.key(KeyCode::Char('g'));
    while tab(d).accounts.selected_user().map(|u| u.name.as_str()) != Some(name) {
        let before = tab(d).accounts.selected;
        d.key(KeyCode::Char('j'));
        assert_ne!(before, tab(d).accounts.selected, "{name} is not listed");
    }
}

fn type_twice(d: &mut Driver, pw: &str) {
    d.type_str(pw);
    d.key(KeyCode::Enter);
    d.type_str(pw);
    d.key(KeyCode::Enter);
}

/// Dates and times (they come from the clock) replaced, so snapshots are stable.
fn without_times(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let is = |i: usize, pat: &str| {
        pat.chars().enumerate().all(|(k, p)| {
            chars.get(i + k).is_some_and(|c| {
                if p == 'd' {
                    c.is_ascii_digit()
                } else {
                    *c == p
                }
            })
        })
    };
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is(i, "dddd-dd-dd dd:dd:dd") {
            out.push_str("YYYY-MM-DD hh:mm:ss");
            i += 19;
        } else if is(i, "dddd-dd-dd dd:dd") {
            out.push_str("YYYY-MM-DD hh:mm");
            i += 16;
        } else if is(i, "dddd-dd-dd") {
            out.push_str("YYYY-MM-DD");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn an_administrator_signs_in_to_the_admin_screen_and_never_reaches_a_caseload() {
    let f = fixture();
    let mut d = admin(&f);
    assert!(d.app.find::<Caseload>().is_none(), "no caseload under it");
    assert!(d.app.ui.clients.mine.is_empty());
    assert_eq!(d.app.mode(), Mode::Accounts);
    let names: Vec<&str> = tab(&d)
        .accounts
        .users
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names, ["admin", "adviser1", "adviser2", "supervisor"]);
    // The sign-in is logged as one, never as a refusal.
    let events = f.sign_in("supervisor").audit(None).unwrap();
    let admin_events: Vec<_> = events
        .iter()
        .filter(|e| e.actor == "admin")
        .map(|e| e.action)
        .collect();
    assert_eq!(admin_events.last(), Some(&"sign-in"), "{admin_events:?}");
    assert!(!admin_events.contains(&"app-refused"));
    // Tab and the numbers move between the tabs; `L` is no key here.
    d.key(KeyCode::Tab);
    assert_eq!(d.app.mode(), Mode::Policy);
    d.key(KeyCode::Char('3'));
    assert_eq!(d.app.mode(), Mode::AdminAudit);
    d.key(KeyCode::Char('1'));
    assert_eq!(d.app.mode(), Mode::Accounts);
    d.key(KeyCode::Char('L'));
    assert!(message(&d).contains("does nothing here"), "{}", message(&d));
    assert!(d.showing::<AdminScreen>());
}

#[test]
fn an_administrator_adds_an_account_and_a_refusal_stays_in_the_form() {
    let f = fixture();
    let mut d = admin(&f);
    d.key(KeyCode::Char('a'));
    assert_eq!(d.app.mode(), Mode::AccountForm);
    d.type_str("lee");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Right);
    d.key(KeyCode::Enter);
    // A weak password: refused in the session's words, the form kept with the name.
    type_twice(&mut d, "short");
    let form = d.app.popup::<AccountForm>().expect("the form stays");
    let e = form.error.as_deref().unwrap_or_default();
    assert!(e.contains("password refused"), "{e}");
    assert_eq!(form.name, "lee");
    assert!(form.passwords.iter().all(|p| p.is_empty()), "typed again");
    // Two that differ: said so before anything is asked of the session.
    d.type_str(OTHER_PW);
    d.key(KeyCode::Enter);
    d.type_str("something else entirely");
    d.key(KeyCode::Enter);
    let e = d.app.popup::<AccountForm>().and_then(|f| f.error.clone());
    assert!(e.unwrap_or_default().contains("differ"));
    type_twice(&mut d, OTHER_PW);
    assert!(!d.app.has_popup(), "closed once added");
    assert!(
        message(&d).contains("added lee as supervisor"),
        "{}",
        message(&d)
    );
    let lee = tab(&d).accounts.selected_user().expect("selected").clone();
    assert_eq!((lee.name.as_str(), lee.role), ("lee", Role::Supervisor));
    assert!(lee.awaiting_confirmation);
    // The session has it, logged.
    let users = f.sign_in("admin").users().unwrap();
    assert!(users.iter().any(|u| u.name == "lee"));
    // Adding it again is refused by the session, in one line in the form.
    d.key(KeyCode::Char('a'));
    d.type_str("lee");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    type_twice(&mut d, OTHER_PW);
    let e = d.app.popup::<AccountForm>().and_then(|f| f.error.clone());
    assert!(e.unwrap_or_default().contains("already exists"));
    d.key(KeyCode::Esc);
    assert!(!d.app.has_popup());
}

#[test]
fn disabling_an_account_names_its_clients_by_reference_for_a_supervisor() {
    let f = fixture();
    let mut d = admin(&f);
    select(&mut d, "adviser1");
    d.key(KeyCode::Char('x'));
    assert_eq!(d.app.mode(), Mode::Confirm);
    // Esc keeps it.
    d.key(KeyCode::Esc);
    assert!(!tab(&d).accounts.selected_user().unwrap().disabled);
    d.key(KeyCode::Char('x'));
    d.key(KeyCode::Char('1'));
    let a = &tab(&d).accounts;
    assert!(a.selected_user().unwrap().disabled);
    let outcome = a.outcome.as_ref().expect("what it did");
    assert_eq!(outcome.needs.clients, [ClientRef(1), ClientRef(2)]);
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("disabled"), "{shown}");
    assert!(shown.contains("C-000001, C-000002"), "{shown}");
    assert!(shown.contains("A supervisor reassigns"), "{shown}");
    for s in SECRETS {
        assert!(!shown.contains(s), "{s} on screen:\n{shown}");
    }
    // One's own account: refused by the session, one line.
    select(&mut d, "admin");
    d.key(KeyCode::Char('x'));
    d.key(KeyCode::Char('1'));
    assert!(
        message(&d).contains("you cannot disable your own account"),
        "{}",
        message(&d)
    );
    // Enabling asks for a temporary password; the account must then change it.
    select(&mut d, "adviser1");
    d.key(KeyCode::Char('e'));
    type_twice(&mut d, OTHER_PW);
    let u = tab(&d).accounts.selected_user().unwrap().clone();
    assert!(!u.disabled && u.must_change_password, "{u:?}");
    // Enabling an account that is not disabled asks for nothing.
    d.key(KeyCode::Char('e'));
    assert!(!d.app.has_popup());
    assert!(message(&d).contains("not disabled"));
}

#[test]
fn a_reset_password_is_changed_at_the_next_sign_in_before_anything_else() {
    let f = fixture();
    let mut d = admin(&f);
    select(&mut d, "adviser2");
    d.key(KeyCode::Char('p'));
    assert_eq!(d.app.mode(), Mode::AccountForm);
    type_twice(&mut d, SUPERVISOR_PW);
    assert!(message(&d).contains("password reset"), "{}", message(&d));
    assert!(
        tab(&d)
            .accounts
            .selected_user()
            .unwrap()
            .must_change_password
    );

    // adviser2 signs in with the temporary password: the new-password screen, nothing else.
    let mut a2 = Driver::new(&f, Options::default());
    a2.sign_in("adviser2", SUPERVISOR_PW);
    assert!(a2.showing::<NewPassword>(), "asked for a new password");
    assert!(a2.app.find::<Caseload>().is_none());
    assert_eq!(a2.app.mode(), Mode::NewPassword);
    assert!(
        a2.app.ui.message.is_none(),
        "no refusal from a caseload read"
    );
    let shown = screen(&a2, 80, 24);
    assert!(shown.contains("Choose a new password"), "{shown}");
    assert!(!shown.contains(SUPERVISOR_PW.split(' ').next().unwrap()));
    // The same password again is refused, in the session's words.
    type_twice(&mut a2, SUPERVISOR_PW);
    let e = a2.app.front::<NewPassword>().and_then(|s| s.error.clone());
    assert!(
        e.unwrap_or_default()
            .contains("not the one the administrator set")
    );
    // Two that differ.
    a2.type_str("one thing");
    a2.key(KeyCode::Enter);
    a2.type_str("another");
    a2.key(KeyCode::Enter);
    let e = a2.app.front::<NewPassword>().and_then(|s| s.error.clone());
    assert!(e.unwrap_or_default().contains("differ"));
    // A weak one: the strength check's words.
    type_twice(&mut a2, "password12345678");
    let e = a2.app.front::<NewPassword>().and_then(|s| s.error.clone());
    assert!(e.unwrap_or_default().starts_with("password refused"));
    // A good one: on to the caseload, which says a supervisor confirms the account again.
    type_twice(&mut a2, "marble kestrel saffron lagoon");
    assert!(a2.showing::<Caseload>(), "on to the caseload");
    assert!(a2.app.ui.clients.mine.is_empty());
    let m = message(&a2);
    assert!(m.contains("your password is changed"), "{m}");
    assert!(m.contains("waiting for a supervisor to confirm"), "{m}");
    let s = a2.app.ui.session.as_ref().unwrap();
    assert!(!s.must_change_password());
    // Logged as a change of one's own password.
    let events = f.sign_in("supervisor").audit(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.actor == "adviser2" && e.action == "password-changed")
    );
    // Signed in with it next time: straight to the caseload.
    let mut again = Driver::new(&f, Options::default());
    again.sign_in("adviser2", "marble kestrel saffron lagoon");
    assert!(again.showing::<Caseload>());
}

#[test]
fn an_administrator_whose_password_was_reset_chooses_one_then_reaches_the_admin_screen() {
    let f = fixture();
    f.sign_in("admin")
        .add_user("admin2", Role::Admin, &pw(OTHER_PW))
        .unwrap();
    f.sign_in("admin")
        .change_password("admin2", &pw(SUPERVISOR_PW))
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("admin2", SUPERVISOR_PW);
    assert!(d.showing::<NewPassword>());
    // Locking here and unlocking comes back here (the session still refuses the rest).
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<NewPassword>());
    type_twice(&mut d, "marble kestrel saffron lagoon");
    assert!(d.showing::<AdminScreen>());
    assert!(d.app.find::<Caseload>().is_none());
    assert_eq!(tab(&d).accounts.users.len(), 5);
}

#[test]
fn a_policy_value_in_range_is_taken_and_one_out_of_range_refused_with_the_sessions_words() {
    let f = fixture();
    let mut d = admin(&f);
    d.key(KeyCode::Char('2'));
    assert_eq!(d.app.mode(), Mode::Policy);
    let keys: Vec<&str> = tab(&d).policy.settings.iter().map(|s| s.key.name).collect();
    assert_eq!(keys[1], "lock-after");
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Enter);
    assert_eq!(d.app.mode(), Mode::PolicyValue);
    d.type_str("10");
    d.key(KeyCode::Enter);
    let e = d.app.popup::<PolicyEdit>().and_then(|p| p.error.clone());
    assert_eq!(
        e.as_deref(),
        Some("lock-after must be between 30 and 1800 (idle seconds before the screen locks)")
    );
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("must be between 30 and 1800"), "{shown}");
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.type_str("600");
    d.key(KeyCode::Enter);
    assert!(!d.app.has_popup());
    assert_eq!(message(&d), "lock-after: 300 → 600 (logged)");
    assert_eq!(tab(&d).policy.settings[1].value, 600);
    // The app itself now locks after the new time; the store holds it for everyone.
    assert_eq!(d.app.ui.lock_after, 600);
    assert_eq!(f.sign_in("adviser1").policy().lock_after_secs, 600);
    let events = f.sign_in("supervisor").audit(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "policy-changed" && e.detail.contains("300 -> 600"))
    );
}

#[test]
fn the_audit_tab_says_whether_the_chain_verifies_and_filters_its_events() {
    let f = fixture();
    let mut d = admin(&f);
    d.key(KeyCode::Char('3'));
    let view = &tab(&d).audit;
    let n = view.entries.len();
    assert!(
        matches!(view.verified, Some(Ok(v)) if v as usize == n),
        "{:?}",
        view.verified
    );
    // Newest last, and the cursor on it.
    assert_eq!(view.selected, n - 1);
    assert!(view.entries.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(view.entries.last().unwrap().action, "sign-in");
    // References only, and no reasons for an administrator.
    let glass = view
        .entries
        .iter()
        .find(|e| e.action == "break-glass")
        .expect("the break-glass");
    assert_eq!(glass.client, Some(ClientRef(3)));
    assert!(glass.reason.is_none());
    // Routine sign-ins hidden.
    d.key(KeyCode::Char('s'));
    let view = &tab(&d).audit;
    assert!(view.entries.iter().all(|e| e.action != "sign-in"));
    assert!(view.title().contains("no sign-ins"));
    // Flagged only.
    d.key(KeyCode::Char('f'));
    let view = &tab(&d).audit;
    assert_eq!(view.entries.len(), 1);
    assert!(view.entries[0].flagged);
    assert!(view.title().contains("flagged only"));
    // One user's events, typed.
    d.key(KeyCode::Char('f'));
    d.key(KeyCode::Char('/'));
    assert_eq!(d.app.mode(), Mode::AuditUser);
    d.type_str("adviser1");
    d.key(KeyCode::Enter);
    let view = &tab(&d).audit;
    assert!(!view.entries.is_empty());
    assert!(view.entries.iter().all(|e| e.actor == "adviser1"));
    assert!(view.title().contains("adviser1"), "{}", view.title());
    // A name that is no account: the session says so; back to everyone's events.
    d.key(KeyCode::Char('/'));
    for _ in 0.."adviser1".len() {
        d.key(KeyCode::Backspace);
    }
    d.type_str("nobody");
    d.key(KeyCode::Enter);
    assert!(message(&d).contains("no account is called 'nobody'"));
    assert!(tab(&d).audit.filter.user.is_none());
    // A client, a kind of event and days, typed together.
    d.key(KeyCode::Char('/'));
    for _ in 0..20 {
        d.key(KeyCode::Backspace);
    }
    d.type_str("C-000003 what:client-created since:2000-01-01");
    d.key(KeyCode::Enter);
    let view = &tab(&d).audit;
    assert_eq!(view.entries.len(), 1, "{:?}", view.entries.len());
    assert_eq!(view.entries[0].action, "client-created");
    assert_eq!(
        view.entries[0].client.map(|c| c.to_string()).as_deref(),
        Some("C-000003")
    );
    assert!(
        view.title().contains("what:client-created"),
        "{}",
        view.title()
    );
    // Esc clears the filters; v checks again.
    d.key(KeyCode::Esc);
    assert!(!tab(&d).audit.filter.hide_sign_ins);
    d.key(KeyCode::Char('v'));
    assert!(matches!(tab(&d).audit.verified, Some(Ok(_))));
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("The chain verifies"), "{shown}");
    assert!(shown.contains("C-000003"), "references are shown:\n{shown}");
}

#[test]
fn a_broken_chain_is_said_on_the_audit_tab() {
    let f = fixture();
    // One event's bytes edited.
    let t = common::tamper::Tamper::open(&f.path);
    let mut v = t.audit(5).expect("event 5");
    let last = v.len() - 1;
    v[last] ^= 0x01;
    t.set_audit(5, &v);
    drop(t);
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("admin", ADMIN_PW);
    d.key(KeyCode::Char('3'));
    match &tab(&d).audit.verified {
        Some(Err(e)) => assert!(e.contains("event 5 was edited"), "{e}"),
        other => panic!("not reported as broken: {other:?}"),
    }
    let shown = screen(&d, 80, 24);
    assert!(shown.contains("✗ audit trail broken"), "{shown}");
}

#[test]
fn no_admin_screen_shows_a_clients_name_or_a_reason() {
    let f = fixture();
    let mut d = admin(&f);
    let mut seen = Vec::new();
    for key in ['1', '2', '3', '4'] {
        d.key(KeyCode::Char(key));
        seen.push(screen(&d, 80, 24));
        seen.push(screen(&d, 160, 45));
        d.key(KeyCode::Char('?'));
        assert!(d.app.popup::<HelpPopup>().is_some());
        seen.push(screen(&d, 160, 45));
        d.key(KeyCode::Esc);
    }
    // Every event, each selected in turn (the selected one is shown in full).
    let n = tab(&d).audit.entries.len();
    d.key(KeyCode::Char('g'));
    for _ in 0..n {
        seen.push(screen(&d, 80, 24));
        d.key(KeyCode::Char('j'));
    }
    select_on_accounts(&mut d);
    seen.push(screen(&d, 80, 24));
    for s in &seen {
        for secret in SECRETS {
            assert!(!s.contains(secret), "{secret} on an admin screen:\n{s}");
        }
    }
}

/// Disables adviser1 from the accounts tab (the outcome names its clients).
fn select_on_accounts(d: &mut Driver) {
    d.key(KeyCode::Char('1'));
    select(d, "adviser1");
    d.key(KeyCode::Char('x'));
    d.key(KeyCode::Char('1'));
}

#[test]
fn a_supervisor_opens_the_audit_trail_from_the_caseload_and_sees_the_reasons() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("supervisor", SUPERVISOR_PW);
    d.key(KeyCode::Esc); // from the dashboard to every client
    assert!(d.showing::<Caseload>());
    d.key(KeyCode::Char('L'));
    assert!(d.showing::<AuditScreen>());
    assert_eq!(d.app.mode(), Mode::Audit);
    let view = &d.app.front::<AuditScreen>().unwrap().view;
    assert!(matches!(view.verified, Some(Ok(_))));
    let glass = view
        .entries
        .iter()
        .find(|e| e.action == "break-glass")
        .expect("the break-glass");
    assert_eq!(
        glass.reason.as_deref().map(String::as_str),
        Some("REASON-CANARY covering a colleague")
    );
    d.key(KeyCode::Char('f'));
    let shown = screen(&d, 160, 45);
    assert!(shown.contains("REASON-CANARY"), "{shown}");
    assert!(shown.contains("flagged only"), "{shown}");
    // Locking and unlocking comes back to it.
    d.ctrl('l');
    d.type_str(SUPERVISOR_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<AuditScreen>(), "back on the audit trail");
    // Esc goes back (to the screen under it: after unlocking, the dashboard).
    d.key(KeyCode::Esc);
    assert!(!d.showing::<AuditScreen>());
    // An adviser is told it is not theirs.
    let mut a1 = Driver::new(&f, Options::default());
    a1.sign_in("adviser1", ADVISER_PW);
    a1.key(KeyCode::Char('L'));
    assert!(a1.showing::<Caseload>());
    assert!(
        message(&a1).contains("only supervisors"),
        "{}",
        message(&a1)
    );
}

#[test]
fn lock_and_switch_user_work_on_the_admin_screens() {
    let f = fixture();
    let mut d = admin(&f);
    d.key(KeyCode::Char('3'));
    // Ctrl-L in the middle of a form: everything goes, the form and what was typed with it.
    d.key(KeyCode::Char('1'));
    d.key(KeyCode::Char('a'));
    d.type_str("halfway");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    d.type_str("PW-HALF-TYPED");
    d.ctrl('l');
    assert!(d.showing::<Locked>());
    assert!(!d.app.has_popup());
    assert!(d.app.ui.session.is_none());
    let shown = screen(&d, 80, 24);
    for gone in ["halfway", "Accounts", "adviser1", "admin"] {
        assert!(!shown.contains(gone), "{gone} on the lock screen:\n{shown}");
    }
    d.type_str(ADMIN_PW);
    d.key(KeyCode::Enter);
    assert!(d.showing::<AdminScreen>(), "back on the admin screen");
    assert_eq!(d.app.mode(), Mode::Accounts);
    assert_eq!(tab(&d).accounts.users.len(), 4, "read again");
    // Back on the tab it was on.
    d.key(KeyCode::Char('2'));
    d.ctrl('l');
    d.type_str(ADMIN_PW);
    d.key(KeyCode::Enter);
    assert_eq!(tab(&d).tab, POLICY);
    d.key(KeyCode::Char('3'));
    d.ctrl('l');
    d.type_str(ADMIN_PW);
    d.key(KeyCode::Enter);
    assert_eq!(tab(&d).tab, AUDIT);
    assert!(matches!(tab(&d).audit.verified, Some(Ok(_))));
    // The idle lock too.
    d.tick(301);
    assert!(d.showing::<Locked>());
    // Ctrl-U: someone else signs in.
    d.key_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(d.showing::<SignIn>());
    d.sign_in("adviser1", ADVISER_PW);
    assert!(d.showing::<Caseload>());
}

#[test]
fn the_admin_tabs_at_80_by_24() {
    let f = fixture();
    let mut d = admin(&f);
    insta::assert_snapshot!("admin_accounts", without_times(&screen(&d, 80, 24)));
    d.key(KeyCode::Char('2'));
    insta::assert_snapshot!("admin_policy", without_times(&screen(&d, 80, 24)));
    d.key(KeyCode::Char('3'));
    insta::assert_snapshot!("admin_audit", without_times(&screen(&d, 80, 24)));
    d.key(KeyCode::Char('4'));
    insta::assert_snapshot!("admin_breaches", without_times(&screen(&d, 80, 24)));
    // The help hint stays on the status line of each.
    for key in ['1', '2', '3', '4'] {
        d.key(KeyCode::Char(key));
        let last = screen(&d, 80, 24)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string();
        assert!(last.contains("? help"), "{last}");
    }
}

#[test]
fn the_forced_password_change_at_80_by_24() {
    let f = fixture();
    f.sign_in("admin")
        .change_password("adviser2", &pw(SUPERVISOR_PW))
        .unwrap();
    let mut d = Driver::new(&f, Options::default());
    d.sign_in("adviser2", SUPERVISOR_PW);
    d.type_str("typed");
    insta::assert_snapshot!("new_password", screen(&d, 80, 24));
}
