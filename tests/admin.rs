//! The administrator's work: temporary passwords that must be changed, accounts enabled again,
//! roles changed under the key model, clients left without an adviser and reassigned, the
//! policy's settings and ranges; every change in the audit trail. And what an administrator's
//! session can never obtain: a client's name or a note's text, through any call.

mod common;

use casenotes::domain::{Channel, ClientRef, Draft, Policy, Role, Sensitivity};
use casenotes::session::{
    self, ClientEdit, NeedsAdviser, NewClient, NewNote, Reveal, Session, SessionError,
};
use casenotes::store::{meta, table};
use casenotes::vault::{self, Aad};
use common::tamper::Tamper;
use common::*;

const TEMP_PW: &str = "pumice rhubarb sorrel tundra";
const OWN_PW: &str = "thimble orchard cobalt lantern";
const SUP2_PW: &str = "lichen quill vellum osprey";

fn sign_in(f: &Fixture, user: &str, password: &str) -> Result<Session, SessionError> {
    session::sign_in(
        session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        user,
        &pw(password),
    )
}

fn must_change<T: std::fmt::Debug>(r: Result<T, SessionError>, name: &str) {
    match r {
        Err(e @ SessionError::MustChangePassword(_)) => assert_eq!(
            e.to_string(),
            format!(
                "your password was reset by an administrator: choose a new one first — \
                 `casenotes user passwd {name}`"
            )
        ),
        other => panic!("expected to have to change the password, got {other:?}"),
    }
}

fn invalid<T: std::fmt::Debug>(r: Result<T, SessionError>) -> String {
    match r {
        Err(e @ SessionError::Invalid(_)) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn actions(s: &Session) -> Vec<(String, String)> {
    s.audit(None)
        .unwrap()
        .into_iter()
        .map(|e| (e.action.to_string(), e.detail))
        .collect()
}

fn has(events: &[(String, String)], action: &str, detail: &str) -> bool {
    events.iter().any(|(a, d)| a == action && d == detail)
}

fn new_client(s: &Session, name: &str, adviser: &str) -> ClientRef {
    s.add_client(NewClient {
        name: name.into(),
        date_of_birth: Some("1980-01-02".into()),
        contact: Some(format!("{name} CONTACT")),
        adviser: Some(adviser.into()),
    })
    .expect("add client")
}

#[test]
fn a_reset_password_must_be_changed_before_anything_else() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Pat Example");
    let admin = f.sign_in("admin");
    admin.change_password("adviser1", &pw(TEMP_PW)).unwrap();
    let listed = admin.users().unwrap();
    let a1 = listed.iter().find(|u| u.name == "adviser1").unwrap();
    assert!(a1.must_change_password && a1.awaiting_confirmation && !a1.confirmed);
    // The supervisor's queue does not offer it, and confirming it is refused.
    let sup = f.sign_in("supervisor");
    assert!(sup.awaiting_confirmation().unwrap().is_empty());
    assert_eq!(
        invalid(sup.confirm_user("adviser1")),
        "'adviser1' must first choose a new password (an administrator set the current one)"
    );

    let s = sign_in(&f, "adviser1", TEMP_PW).unwrap();
    assert!(s.must_change_password());
    must_change(s.caseload(), "adviser1");
    must_change(s.clients(true), "adviser1");
    must_change(s.open_client(r, None, Reveal::Nothing), "adviser1");
    must_change(
        s.reveal_section(r, casenotes::domain::NoteId(1), 0, "support", None),
        "adviser1",
    );
    must_change(s.reveal_details(r, "support", None), "adviser1");
    must_change(s.drafts().map(|d| d.len()), "adviser1");
    must_change(s.policy_settings(), "adviser1");
    must_change(s.users(), "adviser1");
    must_change(s.audit(None), "adviser1");
    must_change(s.check(), "adviser1");
    must_change(
        s.add_note(
            r,
            NewNote {
                channel: Channel::Phone,
                contact_at: None,
                sections: vec![section("Query", Sensitivity::Ordinary, "text")],
            },
            None,
        ),
        "adviser1",
    );
    must_change(s.edit_client(r, ClientEdit::default(), None), "adviser1");
    must_change(
        s.save_draft(&Draft {
            client: r,
            channel: Channel::Phone,
            sections: vec![],
            saved_at: 0,
            purpose: Default::default(),
        }),
        "adviser1",
    );
    must_change(
        s.may(casenotes::session::Operation::ReadClients),
        "adviser1",
    );
    // Another's password is not theirs to change either.
    must_change(s.change_password("adviser2", &pw(OWN_PW)), "adviser1");
    // The temporary password is refused as the new one.
    match s.change_password("adviser1", &pw(TEMP_PW)) {
        Err(e @ SessionError::WeakPassword(_)) => assert_eq!(
            e.to_string(),
            "password refused: choose one of your own, not the one the administrator set"
        ),
        other => panic!("{other:?}"),
    }
    s.change_password("adviser1", &pw(OWN_PW)).unwrap();
    assert!(!s.must_change_password());
    // The reset took the case keys: now it waits for a supervisor, who may confirm it.
    assert!(matches!(s.caseload(), Err(SessionError::Unconfirmed(_))));
    drop(s);
    assert_eq!(sup.awaiting_confirmation().unwrap()[0].name, "adviser1");
    sup.confirm_user("adviser1").unwrap();
    let s = sign_in(&f, "adviser1", OWN_PW).unwrap();
    assert!(!s.must_change_password());
    assert_eq!(s.caseload().unwrap()[0].reference, r);

    let events = actions(&sup);
    assert!(has(&events, "password-reset", "adviser1"));
    assert!(has(&events, "password-changed", "adviser1"));
    assert_eq!(admin.verify_audit().unwrap(), sup.verify_audit().unwrap());
}

#[test]
fn a_disabled_account_is_enabled_again_with_a_temporary_password() {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    admin.disable_user("adviser2").unwrap();
    assert_eq!(
        invalid(admin.enable_user("adviser1", &pw(TEMP_PW))),
        "'adviser1' is not disabled"
    );
    assert!(matches!(
        admin.enable_user("adviser2", &pw("short")),
        Err(SessionError::WeakPassword(_))
    ));
    assert!(matches!(
        f.sign_in("supervisor")
            .enable_user("adviser2", &pw(TEMP_PW)),
        Err(SessionError::Forbidden(_))
    ));
    admin.enable_user("adviser2", &pw(TEMP_PW)).unwrap();
    let u = admin
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "adviser2")
        .unwrap();
    assert!(!u.disabled && u.must_change_password && u.awaiting_confirmation && !u.confirmed);
    // The old password opens nothing; the temporary one opens an account that must choose its
    // own, and then waits for a supervisor like a new account.
    assert!(matches!(
        sign_in(&f, "adviser2", OTHER_PW),
        Err(SessionError::BadCredentials)
    ));
    let s = sign_in(&f, "adviser2", TEMP_PW).unwrap();
    must_change(s.caseload(), "adviser2");
    s.change_password("adviser2", &pw(OWN_PW)).unwrap();
    assert!(matches!(s.caseload(), Err(SessionError::Unconfirmed(_))));
    drop(s);
    let sup = f.sign_in("supervisor");
    sup.confirm_user("adviser2").unwrap();
    assert!(
        sign_in(&f, "adviser2", OWN_PW)
            .unwrap()
            .caseload()
            .unwrap()
            .is_empty()
    );
    let events = actions(&sup);
    assert!(has(&events, "user-disabled", "adviser2"));
    assert!(has(&events, "user-enabled", "adviser2"));
    assert!(has(&events, "user-confirmed", "adviser2"));
    sup.verify_audit().unwrap();
}

#[test]
fn roles_change_under_the_key_model() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let mine = client(&a1, "Kept Client");
    drop(a1);
    let admin = f.sign_in("admin");
    // Refused: one's own role, a role already held, a disabled account, and the only
    // supervisor holding the case keys.
    assert_eq!(
        invalid(admin.change_role("admin", Role::Adviser)),
        "you cannot change your own role; another administrator can"
    );
    assert_eq!(
        invalid(admin.change_role("adviser1", Role::Adviser)),
        "'adviser1' is already an adviser"
    );
    for role in [Role::Adviser, Role::Admin] {
        assert!(
            invalid(admin.change_role("supervisor", role))
                .starts_with("'supervisor' is the only supervisor holding the case keys"),
        );
    }
    assert!(matches!(
        f.sign_in("supervisor")
            .change_role("adviser1", Role::Supervisor),
        Err(SessionError::Forbidden(_))
    ));

    // Adviser to supervisor keeps the keys; a session open under the old role is refused.
    let old = f.sign_in("adviser1");
    assert_eq!(
        admin.change_role("adviser1", Role::Supervisor).unwrap(),
        NeedsAdviser::default()
    );
    match old.caseload() {
        Err(e @ SessionError::Forbidden(_)) => assert_eq!(
            e.to_string(),
            "an administrator changed your role to supervisor; sign in again"
        ),
        other => panic!("{other:?}"),
    }
    drop(old);
    let a1 = f.sign_in("adviser1");
    assert_eq!(a1.role(), Role::Supervisor);
    assert_eq!(a1.caseload().unwrap().len(), 1, "every client");
    drop(a1);
    // With a second supervisor holding the keys, the first may become an adviser.
    admin.change_role("supervisor", Role::Adviser).unwrap();
    assert_eq!(f.sign_in("supervisor").role(), Role::Adviser);
    admin.change_role("supervisor", Role::Supervisor).unwrap();

    // An adviser made an administrator loses the case keys; its open clients are named.
    let a2 = f.sign_in("adviser2");
    let theirs = client(&a2, "Their Client");
    drop(a2);
    let t = Tamper::open(&f.path);
    let (_, _, adviser2) = t.open_slot("adviser2", OTHER_PW);
    assert!(t.row(table::GRANTS, &adviser2.0).is_some());
    let needs = admin.change_role("adviser2", Role::Admin).unwrap();
    assert_eq!(needs.clients, vec![theirs]);
    assert!(
        t.row(table::GRANTS, &adviser2.0).is_none(),
        "the grant is gone"
    );
    let now_admin = f.sign_in("adviser2");
    assert!(matches!(
        now_admin.caseload(),
        Err(SessionError::Forbidden(_))
    ));
    now_admin.users().unwrap();
    drop(now_admin);
    // The keys were rotated at the next write of a member.
    let sup = f.sign_in("supervisor");
    assert!(
        actions(&sup)
            .iter()
            .any(|(a, d)| a == "keys-rotated" && d == "epoch 2")
    );
    // An administrator made an adviser waits for a supervisor's confirmation.
    admin.change_role("adviser2", Role::Adviser).unwrap();
    assert!(matches!(
        f.sign_in("adviser2").caseload(),
        Err(SessionError::Unconfirmed(_))
    ));
    sup.confirm_user("adviser2").unwrap();
    assert_eq!(
        f.sign_in("adviser2").caseload().unwrap()[0].reference,
        theirs
    );
    assert_eq!(f.sign_in("adviser1").caseload().unwrap().len(), 2);
    let _ = mine;

    let events = actions(&sup);
    for detail in [
        "adviser1 adviser -> supervisor",
        "supervisor supervisor -> adviser",
        "supervisor adviser -> supervisor",
        "adviser2 adviser -> admin",
        "adviser2 admin -> adviser",
    ] {
        assert!(has(&events, "role-changed", detail), "{detail}");
    }
    sup.verify_audit().unwrap();
    admin.verify_audit().unwrap();
}

#[test]
fn a_disabled_advisers_clients_are_named_by_reference_and_reassigned() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    let a = new_client(&sup, "Alpha Person", "adviser2");
    let b = new_client(&sup, "Beta Person", "adviser2");
    let c = new_client(&sup, "Gamma Person", "adviser1");
    assert!(sup.clients_without_active_adviser().unwrap().is_empty());

    let admin = f.sign_in("admin");
    let needs = admin.disable_user("adviser2").unwrap();
    assert_eq!(
        needs,
        NeedsAdviser {
            clients: vec![a, b],
            unrecorded: 0
        }
    );
    // The supervisor sees them with their names; others may not ask.
    let orphans = sup.clients_without_active_adviser().unwrap();
    let names: Vec<(ClientRef, String)> = orphans
        .iter()
        .map(|c| (c.reference, c.name.to_string()))
        .collect();
    assert_eq!(
        names,
        vec![(a, "Alpha Person".into()), (b, "Beta Person".into())]
    );
    for s in [&admin, &f.sign_in("adviser1")] {
        assert!(matches!(
            s.clients_without_active_adviser(),
            Err(SessionError::Forbidden(_))
        ));
        assert!(matches!(
            s.reassign_client(a, "adviser1", "covering the caseload"),
            Err(SessionError::Forbidden(_))
        ));
    }
    // Only to an active adviser or supervisor, with a reason.
    for to in ["adviser2", "admin"] {
        assert_eq!(
            invalid(sup.reassign_client(a, to, "covering the caseload")),
            format!("'{to}' is not an active adviser or supervisor")
        );
    }
    assert!(matches!(
        sup.reassign_client(a, "nobody", "covering the caseload"),
        Err(SessionError::UnknownUser(_))
    ));
    assert!(invalid(sup.reassign_client(a, "adviser1", " ")).starts_with("a reason is required"));
    assert_eq!(
        invalid(sup.reassign_client(c, "adviser1", "covering the caseload")),
        format!("{c} is already on adviser1's caseload")
    );
    sup.reassign_client(a, "adviser1", "REASSIGN-REASON adviser2 left")
        .unwrap();
    sup.reassign_client(b, "supervisor", "supervisor takes it on")
        .unwrap();
    assert!(sup.clients_without_active_adviser().unwrap().is_empty());
    let a1 = f.sign_in("adviser1");
    let mut held: Vec<ClientRef> = a1.caseload().unwrap().iter().map(|c| c.reference).collect();
    held.sort();
    assert_eq!(held, vec![a, c]);
    assert!(
        !a1.open_client(a, None, Reveal::Nothing)
            .unwrap()
            .break_glass
    );

    // Logged with both advisers and the reason, which only key holders read.
    let entry = sup
        .audit(Some(a))
        .unwrap()
        .into_iter()
        .find(|e| e.action == "client-reassigned")
        .expect("logged");
    assert_eq!(entry.detail, "adviser2 -> adviser1");
    assert_eq!(entry.actor, "supervisor");
    assert_eq!(
        entry.reason.as_deref().map(String::as_str),
        Some("REASSIGN-REASON adviser2 left")
    );
    let seen_by_admin = admin.audit(Some(a)).unwrap();
    assert!(seen_by_admin.iter().all(|e| e.reason.is_none()));
    assert!(
        !serde_json::to_string(&seen_by_admin)
            .unwrap()
            .contains("REASSIGN-REASON")
    );
    assert!(!file_contains(&f.path, b"REASSIGN-REASON"));
    // Nothing left to name once the clients have a new adviser.
    admin.enable_user("adviser2", &pw(TEMP_PW)).unwrap();
    assert_eq!(
        admin.disable_user("adviser2").unwrap(),
        NeedsAdviser::default()
    );
    sup.verify_audit().unwrap();
    assert!(sup.check().unwrap().is_ok(), "{:?}", sup.check().unwrap());
    assert!(
        admin.check().unwrap().is_ok(),
        "{:?}",
        admin.check().unwrap()
    );
}

#[test]
fn policy_settings_stay_in_their_ranges_and_every_change_is_logged() {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    let keys: Vec<&str> = admin
        .policy_settings()
        .unwrap()
        .iter()
        .map(|s| s.key.name)
        .collect();
    assert_eq!(
        keys,
        [
            "password-min-length",
            "lock-after",
            "reveal-seconds",
            "no-contact-days",
            "consent-months",
            "retention-years",
            "kdf-memory-mib",
            "kdf-passes",
            "client-names",
            "second-factor-required"
        ]
    );
    for bad in ["0", "86400", "29", "1801", "-1", "ten"] {
        let e = invalid(admin.set_policy("lock-after", bad));
        assert!(
            e.contains("lock-after") || e.contains("whole number"),
            "{e}"
        );
    }
    assert_eq!(
        invalid(admin.set_policy("lock-after", "86400")),
        "lock-after must be between 30 and 1800 (idle seconds before the screen locks)"
    );
    admin.set_policy("lock-after", "1800").unwrap();
    admin.set_policy("no-contact-days", "30").unwrap();
    admin.set_policy("retention-years", "10").unwrap();
    assert!(invalid(admin.set_policy("no-contact-days", "366")).contains("1 and 365"));
    assert!(invalid(admin.set_policy("retention-years", "101")).contains("1 and 100"));
    let p = f.sign_in("adviser1").policy();
    assert_eq!(
        (p.lock_after_secs, p.no_contact_days, p.retention_years),
        (1800, 30, 10)
    );
    let a1 = f.sign_in("adviser1");
    assert!(matches!(
        a1.set_policy("lock-after", "60"),
        Err(SessionError::Forbidden(_))
    ));
    let events = actions(&f.sign_in("supervisor"));
    for detail in [
        "lock-after 300 -> 1800",
        "no-contact-days 14 -> 30",
        "retention-years 6 -> 10",
    ] {
        assert!(has(&events, "policy-changed", detail), "{detail}");
    }
    assert_eq!(
        events.iter().filter(|(a, _)| a == "policy-changed").count(),
        3,
        "refused changes are not logged"
    );
    admin.verify_audit().unwrap();
}

/// The policy as stores made before `no-contact-days` hold it.
#[derive(serde::Serialize)]
struct PolicyV1 {
    password_min_length: u32,
    lock_after_secs: u32,
    reveal_secs: u32,
    retention_years: u32,
    kdf_memory_mib: u32,
    kdf_passes: u32,
}

fn policy_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::POLICY.as_bytes(),
    }
}

#[test]
fn a_policy_in_the_earlier_layout_is_read_and_upgraded_on_its_next_change() {
    let f = Fixture::new();
    let t = Tamper::open(&f.path);
    let (office, _, _) = t.open_slot("admin", ADMIN_PW);
    let old = PolicyV1 {
        password_min_length: 16,
        lock_after_secs: 3600,
        reveal_secs: 60,
        retention_years: 8,
        kdf_memory_mib: 1,
        kdf_passes: 1,
    };
    t.set_meta(
        meta::POLICY,
        &vault::seal_record(&office, policy_aad(), &old).unwrap(),
    );
    let admin = f.sign_in("admin");
    // Read in the old layout: the new setting at its default, the hour-long idle lock brought
    // within today's range.
    assert_eq!(
        admin.policy(),
        Policy {
            password_min_length: 16,
            lock_after_secs: 1800,
            reveal_secs: 60,
            retention_years: 8,
            kdf_memory_mib: 1,
            kdf_passes: 1,
            no_contact_days: 14,
            consent_months: 12,
            client_names: 0,
            second_factor_required: 0,
        }
    );
    assert!(admin.check().unwrap().is_ok());
    admin.set_policy("no-contact-days", "21").unwrap();
    // Written back in the current layout.
    let sealed = t.meta(meta::POLICY).unwrap();
    let stored: Policy = vault::open_record(&office, policy_aad(), &sealed).unwrap();
    assert_eq!(stored.no_contact_days, 21);
    assert_eq!(stored.retention_years, 8);
    assert_eq!(f.sign_in("adviser1").policy(), stored);
    admin.verify_audit().unwrap();
}

/// The policy as stores made before `client-names` hold it (eight fields).
#[derive(serde::Serialize)]
struct PolicyV2 {
    password_min_length: u32,
    lock_after_secs: u32,
    reveal_secs: u32,
    retention_years: u32,
    kdf_memory_mib: u32,
    kdf_passes: u32,
    no_contact_days: u32,
    consent_months: u32,
}

#[test]
fn a_policy_from_before_client_names_keeps_every_setting_and_full_names() {
    let f = Fixture::new();
    let t = Tamper::open(&f.path);
    let (office, _, _) = t.open_slot("admin", ADMIN_PW);
    let old = PolicyV2 {
        password_min_length: 16,
        lock_after_secs: 600,
        reveal_secs: 60,
        retention_years: 8,
        kdf_memory_mib: 1,
        kdf_passes: 1,
        no_contact_days: 30,
        consent_months: 6,
    };
    t.set_meta(
        meta::POLICY,
        &vault::seal_record(&office, policy_aad(), &old).unwrap(),
    );
    let admin = f.sign_in("admin");
    // Read as the eight-field layout, not the six-field one before it: the two settings
    // after the sixth are kept.
    assert_eq!(
        admin.policy(),
        Policy {
            password_min_length: 16,
            lock_after_secs: 600,
            reveal_secs: 60,
            retention_years: 8,
            kdf_memory_mib: 1,
            kdf_passes: 1,
            no_contact_days: 30,
            consent_months: 6,
            client_names: 0,
            second_factor_required: 0,
        }
    );
    assert!(admin.check().unwrap().is_ok());
    admin.set_policy("client-names", "initials").unwrap();
    let sealed = t.meta(meta::POLICY).unwrap();
    let stored: Policy = vault::open_record(&office, policy_aad(), &sealed).unwrap();
    assert_eq!((stored.client_names, stored.consent_months), (1, 6));
    assert!(has(
        &actions(&f.sign_in("supervisor")),
        "policy-changed",
        "client-names full -> initials"
    ));
    admin.verify_audit().unwrap();
}

#[test]
fn a_store_without_assignments_records_them_at_a_key_holders_sign_in() {
    let f = Fixture::new();
    let a2 = f.sign_in("adviser2");
    let r = client(&a2, "Older Client");
    drop(a2);
    // As a store made before assignments were recorded.
    Tamper::open(&f.path).drop_table(table::ASSIGNMENTS);
    let admin = f.sign_in("admin");
    assert_eq!(
        admin.disable_user("adviser2").unwrap(),
        NeedsAdviser {
            clients: vec![],
            unrecorded: 1
        }
    );
    admin.enable_user("adviser2", &pw(TEMP_PW)).unwrap();
    // A supervisor's sign-in records them; the administrator is then told.
    let sup = f.sign_in("supervisor");
    assert!(sup.check().unwrap().is_ok(), "{:?}", sup.check().unwrap());
    let a2 = sign_in(&f, "adviser2", TEMP_PW).unwrap();
    a2.change_password("adviser2", &pw(OWN_PW)).unwrap();
    drop(a2);
    assert_eq!(
        admin.disable_user("adviser2").unwrap(),
        NeedsAdviser {
            clients: vec![r],
            unrecorded: 0
        }
    );
}

#[test]
fn an_administrators_session_never_obtains_a_client_name_or_note_text() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = a1
        .add_client(NewClient {
            name: "CANARY-NAME Person".into(),
            date_of_birth: Some("1975-05-06".into()),
            contact: Some("CANARY-CONTACT 0123".into()),
            adviser: None,
        })
        .unwrap();
    let n = note(
        &a1,
        r,
        vec![
            section(
                "CANARY-HEADING",
                Sensitivity::Ordinary,
                "CANARY-ORDINARY text",
            ),
            section("Health", health(), "CANARY-HEALTH text"),
        ],
    );
    a1.save_draft(&Draft {
        client: r,
        channel: Channel::Phone,
        sections: vec![section("Query", Sensitivity::Ordinary, "CANARY-DRAFT text")],
        saved_at: 1,
        purpose: Default::default(),
    })
    .unwrap();
    a1.open_client(
        r,
        None,
        Reveal::All {
            reason: "CANARY-REASON direct support",
        },
    )
    .unwrap();
    drop(a1);
    let sup = f.sign_in("supervisor");
    sup.reveal_section(r, n, 1, "CANARY-REASON supervision", None)
        .unwrap();
    drop(sup);

    let admin = f.sign_in("admin");
    let forbidden = |what: &str, e: Option<SessionError>| match e {
        Some(SessionError::Forbidden(_)) => {}
        other => panic!("{what}: expected a refusal, got {other:?}"),
    };
    forbidden("caseload", admin.caseload().err());
    forbidden("clients", admin.clients(false).err());
    forbidden("every client", admin.clients(true).err());
    forbidden(
        "clients without an adviser",
        admin.clients_without_active_adviser().err(),
    );
    for reason in [None, Some("CANARY just looking")] {
        forbidden("open", admin.open_client(r, reason, Reveal::Nothing).err());
        forbidden(
            "open and reveal",
            admin
                .open_client(r, reason, Reveal::All { reason: "looking" })
                .err(),
        );
        forbidden(
            "open one section",
            admin
                .open_client(
                    r,
                    reason,
                    Reveal::Section {
                        note: n,
                        index: 1,
                        reason: "looking",
                    },
                )
                .err(),
        );
        forbidden(
            "reveal a section",
            admin.reveal_section(r, n, 1, "looking", reason).err(),
        );
        forbidden(
            "reveal details",
            admin.reveal_details(r, "looking", reason).err(),
        );
        forbidden(
            "edit",
            admin
                .edit_client(
                    r,
                    ClientEdit {
                        name: Some("Renamed".into()),
                        ..ClientEdit::default()
                    },
                    reason,
                )
                .err(),
        );
    }
    forbidden(
        "add a note",
        admin
            .add_note(
                r,
                NewNote {
                    channel: Channel::Phone,
                    contact_at: None,
                    sections: vec![section("Query", Sensitivity::Ordinary, "x")],
                },
                Some("looking"),
            )
            .err(),
    );
    forbidden(
        "reassign",
        admin.reassign_client(r, "adviser2", "looking").err(),
    );
    forbidden(
        "add a client",
        admin
            .add_client(NewClient {
                name: "x".into(),
                date_of_birth: None,
                contact: None,
                adviser: Some("adviser1".into()),
            })
            .err(),
    );
    // An administrator has no drafts of their own and opens nobody else's.
    assert!(admin.drafts().unwrap().is_empty());
    assert!(admin.draft().unwrap().is_none());
    assert!(admin.draft_for(r).unwrap().is_none());

    // What an administrator may read carries references, never names, text or reasons.
    let mut seen = String::new();
    for client in [None, Some(r)] {
        let events = admin.audit(client).unwrap();
        assert!(events.iter().any(|e| e.client == Some(r)));
        assert!(events.iter().all(|e| e.reason.is_none()));
        seen.push_str(&serde_json::to_string(&events).unwrap());
        for e in &events {
            seen.push_str(&e.detail);
        }
    }
    let check = admin.check().unwrap();
    assert!(check.is_ok(), "{check:?}");
    seen.push_str(&check.problems.join("\n"));
    seen.push_str(&check.checked.join("\n"));
    for u in admin.users().unwrap() {
        seen.push_str(&u.name);
    }
    let needs = admin.disable_user("adviser1").unwrap();
    assert_eq!(needs.clients, vec![r]);
    seen.push_str(&format!("{needs:?}"));
    seen.push_str(&admin.verify_audit().unwrap().to_string());
    assert!(seen.contains(&r.to_string()), "references are shown");
    assert!(!seen.contains("CANARY"), "{seen}");
}

#[test]
fn every_account_change_is_in_the_audit_trail_and_the_chain_holds() {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    admin
        .add_user("sup2", Role::Supervisor, &pw(SUP2_PW))
        .unwrap();
    admin.change_password("adviser1", &pw(TEMP_PW)).unwrap();
    let a1 = sign_in(&f, "adviser1", TEMP_PW).unwrap();
    a1.change_password("adviser1", &pw(OWN_PW)).unwrap();
    drop(a1);
    let sup = f.sign_in("supervisor");
    sup.confirm_user("sup2").unwrap();
    sup.confirm_user("adviser1").unwrap();
    admin.change_role("adviser2", Role::Supervisor).unwrap();
    admin.disable_user("adviser2").unwrap();
    admin.enable_user("adviser2", &pw(TEMP_PW)).unwrap();
    admin.change_role("sup2", Role::Admin).unwrap();
    let events = actions(&sup);
    for (action, detail) in [
        ("user-added", "sup2 as supervisor"),
        ("password-reset", "adviser1"),
        ("password-changed", "adviser1"),
        ("user-confirmed", "sup2"),
        ("user-confirmed", "adviser1"),
        ("role-changed", "adviser2 adviser -> supervisor"),
        ("user-disabled", "adviser2"),
        ("user-enabled", "adviser2"),
        ("role-changed", "sup2 supervisor -> admin"),
    ] {
        assert!(has(&events, action, detail), "{action} {detail}");
    }
    // Who did each: the administrator, but for the account's own password and the
    // confirmations.
    let entries = sup.audit(None).unwrap();
    let actor = |action: &str| {
        entries
            .iter()
            .filter(|e| e.action == action)
            .map(|e| e.actor.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(actor("password-reset"), ["admin"]);
    assert_eq!(actor("password-changed"), ["adviser1"]);
    assert!(actor("role-changed").iter().all(|a| a == "admin"));
    let n = sup.verify_audit().unwrap();
    assert_eq!(admin.verify_audit().unwrap(), n);
    let run = f.run(
        &["--user", "admin", "--password-stdin", "audit", "verify"],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The command's own sign-in is one more event.
    assert_eq!(
        run.stdout,
        format!("audit trail intact: {} events\n", n + 1)
    );
}

#[test]
fn an_administrator_signs_in_to_the_app_as_a_sign_in_and_a_shared_session_works_to_its_own_policy_change()
 {
    let f = Fixture::new();
    let admin = std::sync::Arc::new(
        session::sign_in_to_app(
            session::open_store(&f.path)
                .unwrap()
                .with_state_dir(f.state_dir()),
            "admin",
            &session::Credentials::password(&pw(ADMIN_PW)),
        )
        .expect("administrators sign in to the app"),
    );
    let by_admin: Vec<&str> = f
        .sign_in("supervisor")
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.actor == "admin")
        .map(|e| e.action)
        .collect();
    assert_eq!(by_admin.last(), Some(&"sign-in"), "{by_admin:?}");
    assert!(!by_admin.contains(&"app-refused"));
    // The app holds the session behind a shared handle: a change it makes is the policy it then
    // works to (a longer minimum password refuses a password the old one took).
    let shared = std::sync::Arc::clone(&admin);
    std::thread::spawn(move || shared.set_policy("password-min-length", "40"))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(admin.policy().password_min_length, 40);
    assert_eq!(admin.policy_settings().unwrap()[0].value, 40);
    match admin.add_user("lee", Role::Adviser, &pw(OTHER_PW)) {
        Err(SessionError::WeakPassword(e)) => assert!(e.contains("40"), "{e}"),
        other => panic!("expected the new minimum to apply, got {other:?}"),
    }
}
