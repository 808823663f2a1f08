//! Subject access: a supervisor exports everything held about one client — details, every
//! consent (withdrawn ones too), disclosures, every note with its revisions, addenda and
//! sign-off, the actions agreed, and who accessed the record — as JSON that parses back and as
//! Markdown a client can read; to an owner-only file that is never overwritten; logged before
//! anything is returned. And the data-minimisation policy `client-names`.

mod common;

use casenotes::domain::{
    Basis, ClientExport, ClientRef, ConsentMethod, ConsentScope, ExportFormat, ExportedAccess,
    ExportedAction, ExportedAddendum, ExportedConsent, ExportedDetails, ExportedDisclosure,
    ExportedMark, ExportedNote, ExportedRevision, ExportedSection, Role, Sensitivity,
};
use casenotes::session::{ExportOptions, NewClient, NewDisclosure, Reveal, Session, SessionError};
use common::*;

const MARJORIE_PW: &str = "saffron glacier tinsel parrot";

const JSON: ExportOptions = ExportOptions {
    format: ExportFormat::Json,
    pseudonymise: false,
};

/// A client with a full history: details, two notes (one corrected, with an addendum and a
/// sign-off; one with agreed actions, one done), two consents (one withdrawn), a disclosure, and
/// a break-glass opening by another adviser. The sign-off and addendum are by `marjorie`, a
/// second supervisor, so that `supervisor` appears nowhere in the client's history.
fn history() -> (Fixture, ClientRef) {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    admin
        .add_user("marjorie", Role::Supervisor, &pw(MARJORIE_PW))
        .expect("add marjorie");
    drop(admin);
    f.confirm("marjorie");
    let a1 = f.sign_in("adviser1");
    let r = a1
        .add_client(NewClient {
            name: "Alice Ashworth".into(),
            date_of_birth: Some("1983-07-19".into()),
            contact: Some("07700 900417".into()),
            adviser: None,
        })
        .expect("add client");
    let first = note_at(
        &a1,
        r,
        1_767_261_600, // 2026-01-01 10:00 UTC
        vec![
            section("Query", Sensitivity::Ordinary, "Rent arrears of two months"),
            section("Health", health(), "HEALTH-asthma, uses an inhaler"),
            section(
                "Finances",
                Sensitivity::Confidential,
                "FIN-owes 900 to a lender",
            ),
        ],
    );
    a1.correct_note(
        r,
        first,
        vec![
            section(
                "Query",
                Sensitivity::Ordinary,
                "Council tax arrears of two months",
            ),
            section("Health", health(), "HEALTH-asthma, uses an inhaler"),
            section(
                "Finances",
                Sensitivity::Confidential,
                "FIN-owes 900 to a lender",
            ),
        ],
        "wrote rent where the client said council tax",
    )
    .expect("correct");
    note_at(
        &a1,
        r,
        1_767_866_400, // 2026-01-08 10:00 UTC
        vec![
            section("Query", Sensitivity::Ordinary, "Follow-up on the arrears"),
            section(
                "Actions agreed",
                Sensitivity::Ordinary,
                "Client to bring payslips\nAdviser to ring the council",
            ),
        ],
    );
    a1.complete_action(r, 2, None).expect("done");
    a1.give_consent(
        r,
        ConsentScope::Recording,
        ConsentMethod::Written,
        None,
        None,
    )
    .expect("consent");
    let sharing = a1
        .give_consent(
            r,
            ConsentScope::Sharing {
                with: "Shelter".into(),
            },
            ConsentMethod::Verbal,
            None,
            None,
        )
        .expect("consent");
    a1.withdraw_consent(r, sharing, None, None)
        .expect("withdraw");
    a1.disclose(
        r,
        NewDisclosure {
            to: "Council tax office".into(),
            what: "Address and arrears".into(),
            basis: Basis::Legal,
            justification: Some("court order 123".into()),
        },
        None,
    )
    .expect("disclose");
    drop(a1);
    f.sign_in("adviser2")
        .open_client(r, Some("covering the duty desk"), Reveal::Nothing)
        .expect("break glass");
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    m.add_addendum(
        r,
        first,
        section(
            "Supervisor",
            Sensitivity::Ordinary,
            "Checked with the client",
        ),
        None,
    )
    .expect("addendum");
    m.sign_off(r, first).expect("sign off");
    (f, r)
}

fn sign_in_as(f: &Fixture, user: &str, password: &str) -> Session {
    casenotes::session::sign_in(
        casenotes::session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        user,
        &pw(password),
    )
    .expect("sign in")
}

#[test]
fn the_json_export_holds_everything_and_parses_back() {
    let (f, r) = history();
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let export = m.export_client(r, JSON).expect("export");
    let json = export.to_json();

    // It parses back into the same export, and as plain JSON.
    let back: ClientExport = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, export);
    let v: serde_json::Value = serde_json::from_str(&json).expect("parses as JSON");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["reference"], r.to_string());
    assert_eq!(v["exported_by"], "marjorie");

    // Details.
    let d = &v["details"];
    assert_eq!(d["name"], "Alice Ashworth");
    assert_eq!(d["date_of_birth"], "1983-07-19");
    assert_eq!(d["contact"], "07700 900417");
    assert_eq!(d["adviser"], "adviser1");
    assert_eq!(d["status"], "open");
    assert!(d["opened_at"].as_str().unwrap().ends_with('Z'));
    assert!(d["retain_until"].is_null());

    // Every note, oldest first, with its revisions, addendum and sign-off.
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    let first = &notes[0];
    assert_eq!(first["contact_at"], "2026-01-01T10:00:00Z");
    assert_eq!(first["channel"], "phone");
    let revisions = first["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        revisions[0]["sections"][0]["text"],
        "Rent arrears of two months"
    );
    assert!(revisions[0]["why"].is_null());
    assert_eq!(
        revisions[1]["why"],
        "wrote rent where the client said council tax"
    );
    assert_eq!(
        revisions[1]["sections"][0]["text"],
        "Council tax arrears of two months"
    );
    let health = &revisions[1]["sections"][1];
    assert_eq!(health["label"], "special:health");
    assert_eq!(health["text"], "HEALTH-asthma, uses an inhaler");
    assert_eq!(health["for_review"], true);
    assert_eq!(revisions[1]["sections"][2]["label"], "confidential");
    assert_eq!(revisions[1]["sections"][2]["for_review"], true);
    assert_eq!(revisions[1]["sections"][0]["for_review"], false);
    assert_eq!(first["addenda"][0]["by"], "marjorie");
    assert_eq!(
        first["addenda"][0]["section"]["text"],
        "Checked with the client"
    );
    assert_eq!(first["signed_off"]["by"], "marjorie");
    assert!(notes[1]["signed_off"].is_null());

    // Every consent, the withdrawn one too.
    let consents = v["consents"].as_array().unwrap();
    assert_eq!(consents.len(), 2);
    assert_eq!(consents[0]["scope"], "recording");
    assert_eq!(consents[0]["method"], "written");
    assert_eq!(consents[0]["current"], true);
    assert_eq!(consents[1]["scope"], "sharing:Shelter");
    assert!(consents[1]["withdrawn_on"].is_string());
    assert_eq!(consents[1]["withdrawn_by"], "adviser1");
    assert_eq!(consents[1]["current"], false);

    // The disclosure.
    let disclosure = &v["disclosures"][0];
    assert_eq!(disclosure["to"], "Council tax office");
    assert_eq!(disclosure["what"], "Address and arrears");
    assert_eq!(disclosure["basis"], "legal");
    assert_eq!(disclosure["justification"], "court order 123");
    assert_eq!(disclosure["by"], "adviser1");

    // The actions, one done.
    let actions = v["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["owner"], "client");
    assert_eq!(actions[0]["text"], "bring payslips");
    assert!(actions[0]["done"].is_null());
    assert_eq!(actions[1]["done"]["by"], "adviser1");

    // Who accessed the record: every event about the client, with the break-glass reason,
    // and this export's own event last.
    let accesses = v["accesses"].as_array().unwrap();
    let what: Vec<&str> = accesses
        .iter()
        .map(|a| a["what"].as_str().unwrap())
        .collect();
    for event in [
        "client-created",
        "note-added",
        "note-corrected",
        "action-done",
        "consent-given",
        "consent-withdrawn",
        "disclosed",
        "break-glass",
        "notes-viewed",
        "addendum-added",
        "note-reviewed",
    ] {
        assert!(what.contains(&event), "{event} in {what:?}");
    }
    let glass = accesses
        .iter()
        .find(|a| a["what"] == "break-glass")
        .unwrap();
    assert_eq!(glass["who"], "adviser2");
    assert_eq!(glass["reason"], "covering the duty desk");
    assert_eq!(glass["flagged"], true);
    assert_eq!(what.last(), Some(&"client-exported"));
    let last = accesses.last().unwrap();
    assert_eq!(last["who"], "marjorie");
    assert_eq!(last["detail"], "json");
    assert_eq!(export.for_review(), 4);
}

#[test]
fn the_export_is_logged_before_it_is_returned_and_lists_itself() {
    let (f, r) = history();
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let export = m.export_client(r, JSON).expect("export");
    let mine = export.accesses.last().unwrap();
    // Committed: another session reads it in the trail, with the number the export gave it.
    let trail = f.sign_in("supervisor").audit(Some(r)).unwrap();
    let logged = trail
        .iter()
        .find(|e| e.action == "client-exported")
        .expect("logged");
    assert_eq!(logged.seq, mine.event);
    assert_eq!(logged.actor, "marjorie");
    assert_eq!(logged.detail, "json");
    assert_eq!(logged.client, Some(r));
    m.verify_audit().unwrap();
}

#[test]
fn the_file_is_owner_only_never_overwritten_and_the_export_logged() {
    let (f, r) = history();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("alice.md");
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let opts = ExportOptions {
        format: ExportFormat::Markdown,
        pseudonymise: false,
    };
    let done = m.export_client_to_file(r, &path, opts).expect("export");
    assert_eq!(done.path, path);
    assert_eq!((done.notes, done.for_review), (2, 4));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(&format!("# Your records: {r}\n")),
        "{text}"
    );
    assert!(text.contains("HEALTH-asthma"));

    // A second export to the same name is refused, changes nothing, and is not logged.
    let e = m.export_client_to_file(r, &path, opts).unwrap_err();
    assert!(matches!(e, SessionError::Invalid(_)), "{e:?}");
    assert!(
        e.to_string().ends_with(
            "alice.md exists already; an export never overwrites a file: choose another name"
        ),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    #[cfg(unix)]
    {
        // Nor through a link to another file.
        let target = out.path().join("target.txt");
        std::fs::write(&target, "keep me").unwrap();
        let link = out.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(m.export_client_to_file(r, &link, JSON).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }
    // A folder that does not exist: one clear line, nothing left behind.
    let missing = out.path().join("no such folder").join("x.json");
    let e = m.export_client_to_file(r, &missing, JSON).unwrap_err();
    assert!(e.to_string().starts_with("cannot create "), "{e}");
    assert!(!missing.exists());

    let exported: Vec<_> = f
        .sign_in("supervisor")
        .audit(Some(r))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "client-exported")
        .collect();
    assert_eq!(exported.len(), 1, "only the export written is logged");
    assert_eq!(exported[0].seq, done.event);
    assert_eq!(exported[0].detail, "md");

    // The command line's audit list shows it too.
    let run = f.run(
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "audit",
            "list",
            "--client",
            &r.to_string(),
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("client-exported"))
        .expect("listed");
    assert!(line.contains("marjorie") && line.ends_with("md"), "{line}");
}

#[test]
fn advisers_and_administrators_may_not_export() {
    let (f, r) = history();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("x.json");
    for (user, s) in [
        ("adviser1", f.sign_in("adviser1")),
        ("admin", f.sign_in("admin")),
    ] {
        let e = s.export_client(r, JSON).unwrap_err();
        assert!(matches!(e, SessionError::Forbidden(_)), "{user}: {e:?}");
        assert!(
            e.to_string()
                .starts_with("exporting a client's records is not allowed"),
            "{e}"
        );
        assert!(s.export_client_to_file(r, &path, JSON).is_err());
        assert!(!path.exists(), "{user}: no file made");
    }
    let run = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "export",
            "--client",
            &r.to_string(),
            "--out",
            path.to_str().unwrap(),
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: exporting a client's records is not allowed for the adviser role\n"
    );
    assert!(!path.exists());
    assert!(
        !f.sign_in("supervisor")
            .audit(Some(r))
            .unwrap()
            .iter()
            .any(|e| e.action == "client-exported")
    );
}

#[test]
fn a_pseudonymised_export_names_neither_the_client_nor_the_staff() {
    let (f, r) = history();
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let export = m
        .export_client(
            r,
            ExportOptions {
                format: ExportFormat::Json,
                pseudonymise: true,
            },
        )
        .expect("export");
    assert!(export.pseudonymised);
    assert_eq!(export.details.name, r.to_string());
    assert_eq!(export.details.adviser, "adviser A");
    assert_eq!(export.exported_by, "supervisor A");
    assert_eq!(export.details.date_of_birth, None);
    assert_eq!(export.details.contact, None);
    // The same person, the same pseudonym throughout.
    assert_eq!(export.notes[0].author, "adviser A");
    assert_eq!(export.notes[0].addenda[0].by, "supervisor A");
    let glass = export
        .accesses
        .iter()
        .find(|a| a.what == "break-glass")
        .unwrap();
    assert_eq!(glass.who, "adviser B");
    assert_eq!(
        export.accesses.last().unwrap().detail,
        "json, pseudonymised"
    );
    for text in [export.to_json(), export.to_markdown()] {
        for name in [
            "Alice",
            "Ashworth",
            "1983-07-19",
            "07700 900417",
            "adviser1",
            "adviser2",
            "marjorie",
        ] {
            assert!(!text.contains(name), "{name} in the pseudonymised export");
        }
        // Note text is left as written.
        assert!(text.contains("Council tax arrears of two months"));
    }
    let md = export.to_markdown();
    assert!(md.contains("**Pseudonymised** for supervision or training"));
}

#[test]
fn a_reassignment_is_pseudonymised_in_the_events_detail() {
    let (f, r) = history();
    f.sign_in("supervisor")
        .reassign_client(r, "adviser2", "adviser1 is on leave")
        .expect("reassign");
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let export = m
        .export_client(
            r,
            ExportOptions {
                format: ExportFormat::Json,
                pseudonymise: true,
            },
        )
        .unwrap();
    // adviser2 holds the client now, so is adviser A; adviser1 is met later.
    assert_eq!(export.details.adviser, "adviser A");
    let moved = export
        .accesses
        .iter()
        .find(|a| a.what == "client-reassigned")
        .unwrap();
    assert_eq!(moved.detail, "adviser B -> adviser A");
    assert_eq!(moved.who, "supervisor B");
}

/// `dddd-dd-dd dd:dd` and `dddd-dd-dd` as placeholders, so a snapshot does not depend on
/// today.
fn without_dates(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let at = |i: usize, pat: &str| {
        pat.chars().enumerate().all(|(k, p)| {
            chars.get(i + k).is_some_and(|&c| match p {
                'd' => c.is_ascii_digit(),
                _ => c == p,
            })
        })
    };
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if at(i, "dddd-dd-dd dd:dd") {
            out.push_str("YYYY-MM-DD HH:MM");
            i += 16;
        } else if at(i, "dddd-dd-dd") {
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
fn the_markdown_export_of_a_client_reads_well() {
    let (f, r) = history();
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    let export = m
        .export_client(
            r,
            ExportOptions {
                format: ExportFormat::Markdown,
                pseudonymise: false,
            },
        )
        .unwrap();
    insta::assert_snapshot!(
        "export_markdown_store",
        without_dates(&export.to_markdown())
    );
}

/// An export built by hand: every kind of record, fixed times, and text that Markdown would
/// read as formatting.
fn fixed_export() -> ClientExport {
    let section = |heading: &str, label: &str, text: &str| ExportedSection {
        heading: heading.into(),
        label: label.into(),
        text: text.into(),
        for_review: label != "ordinary",
    };
    ClientExport {
        format_version: 1,
        reference: ClientRef(7),
        exported_at: 1_767_866_400,
        exported_by: "sam".into(),
        pseudonymised: false,
        details: ExportedDetails {
            name: "Anne-Marie O'Neill".into(),
            date_of_birth: Some("1983-07-19".into()),
            contact: None,
            adviser: "priya_k".into(),
            status: "closed".into(),
            opened_at: 1_704_103_200,
            closed_at: Some(1_735_725_600),
            last_contact: Some(1_735_639_200),
            retention_years: 6,
            retain_until: Some("2031-01-01".parse().unwrap()),
        },
        consents: vec![
            ExportedConsent {
                number: 1,
                scope: "recording".into(),
                method: "written".into(),
                given_on: Some("2024-01-01".parse().unwrap()),
                renew_by: Some("2025-01-01".parse().unwrap()),
                withdrawn_on: None,
                withdrawn_by: None,
                recorded_by: "priya_k".into(),
                current: false,
            },
            ExportedConsent {
                number: 2,
                scope: "sharing:Citizens Advice".into(),
                method: "verbal".into(),
                given_on: Some("2024-02-01".parse().unwrap()),
                renew_by: Some("2025-02-01".parse().unwrap()),
                withdrawn_on: Some("2024-03-01".parse().unwrap()),
                withdrawn_by: Some("priya_k".into()),
                recorded_by: "priya_k".into(),
                current: false,
            },
        ],
        disclosures: vec![ExportedDisclosure {
            number: 1,
            to: "Citizens Advice".into(),
            what: "Name and the debt letter".into(),
            basis: "consent".into(),
            justification: None,
            by: "priya_k".into(),
            at: 1_706_781_600,
        }],
        notes: vec![ExportedNote {
            id: casenotes::domain::NoteId(3),
            contact_at: 1_704_103_200,
            channel: "in-person".into(),
            author: "priya_k".into(),
            revisions: vec![
                ExportedRevision {
                    revision: 1,
                    by: "priya_k".into(),
                    at: 1_704_106_800,
                    why: None,
                    sections: vec![section("Query", "ordinary", "Debt of £1,200")],
                },
                ExportedRevision {
                    revision: 2,
                    by: "priya_k".into(),
                    at: 1_704_193_200,
                    why: Some("the amount was wrong".into()),
                    sections: vec![
                        section(
                            "Query",
                            "ordinary",
                            "Debt of £2,100\n# not a heading\n\n- payslips *to bring*\n---",
                        ),
                        section("Health", "special:health", "Anxiety <script>"),
                    ],
                },
            ],
            addenda: vec![ExportedAddendum {
                by: "sam".into(),
                at: 1_704_279_600,
                section: section("Follow-up", "confidential", "Spoke to the lender"),
            }],
            signed_off: Some(ExportedMark {
                by: "sam".into(),
                at: 1_704_283_200,
            }),
            redactions: Vec::new(),
        }],
        actions: vec![ExportedAction {
            number: 1,
            owner: "client".into(),
            text: "bring payslips".into(),
            label: "ordinary".into(),
            for_review: false,
            due: Some("2024-01-08".parse().unwrap()),
            note: casenotes::domain::NoteId(3),
            done: Some(ExportedMark {
                by: "priya_k".into(),
                at: 1_704_630_000,
            }),
        }],
        accesses: vec![
            ExportedAccess {
                event: 12,
                at: 1_704_103_260,
                who: "priya_k".into(),
                what: "note-added".into(),
                detail: "N-000003".into(),
                reason: None,
                flagged: false,
            },
            ExportedAccess {
                event: 20,
                at: 1_704_200_000,
                who: "tom".into(),
                what: "break-glass".into(),
                detail: String::new(),
                reason: Some("duty desk | covering".into()),
                flagged: true,
            },
            ExportedAccess {
                event: 31,
                at: 1_767_866_400,
                who: "sam".into(),
                what: "client-exported".into(),
                detail: "md".into(),
                reason: None,
                flagged: false,
            },
        ],
    }
}

#[test]
fn a_fixed_export_renders_as_pinned_markdown_and_round_trips_as_json() {
    let export = fixed_export();
    assert_eq!(export.for_review(), 2);
    insta::assert_snapshot!("export_markdown_fixed", *export.to_markdown());
    let json = export.to_json();
    let back: ClientExport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, export);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["details"]["closed_at"], "2025-01-01T10:00:00Z");
    assert_eq!(v["details"]["retain_until"], "2031-01-01");
    assert_eq!(v["notes"][0]["id"], "N-000003");
    // Debug never prints case content.
    let debug = format!("{export:?} {:?}", export.notes[0]);
    assert!(
        !debug.contains("Anne") && !debug.contains("Debt"),
        "{debug}"
    );
    // A malformed time is refused, not guessed.
    let bad = json.replace("2025-01-01T10:00:00Z", "last Tuesday");
    assert!(serde_json::from_str::<ClientExport>(&bad).is_err());
}

#[test]
fn the_command_line_writes_the_export_and_says_where() {
    let (f, r) = history();
    let out = tempfile::tempdir().unwrap();
    let run_export = |extra: &[&str]| {
        f.run(
            &[
                &["--user", "supervisor", "--password-stdin", "export"][..],
                &["--client", &r.to_string()][..],
                extra,
            ]
            .concat(),
            &format!("{SUPERVISOR_PW}\n"),
        )
    };
    let md = out.path().join("alice.md");
    let run = run_export(&["--out", md.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "exported {r} to {} (md); 4 confidential or special-category parts are flagged for \
             supervisor review before release\n",
            md.display()
        )
    );
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Your records")
    );

    // No extension: JSON; --format overrides the extension.
    for (name, extra, json) in [
        ("alice", &[][..], true),
        ("alice.txt", &["--format", "md"][..], false),
        (
            "alice2.md",
            &["--format", "json", "--pseudonymise"][..],
            true,
        ),
    ] {
        let path = out.path().join(name);
        let run = run_export(&[&["--out", path.to_str().unwrap()][..], extra].concat());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            serde_json::from_str::<ClientExport>(&text).is_ok(),
            json,
            "{name}"
        );
    }
    assert!(
        std::fs::read_to_string(out.path().join("alice2.md"))
            .map(|t| !t.contains("Alice"))
            .unwrap()
    );

    // An unknown format is bad usage: one line, exit 2, nothing written or asked.
    let bad = out.path().join("bad.pdf");
    let run = run_export(&["--out", bad.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: invalid value 'pdf' for '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
    assert!(!bad.exists());

    // An existing file: one line, exit 1, the file untouched.
    let before = std::fs::read(&md).unwrap();
    let run = run_export(&["--out", md.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "error: {} exists already; an export never overwrites a file: choose another name\n",
            md.display()
        )
    );
    assert_eq!(std::fs::read(&md).unwrap(), before);
    let n = f
        .sign_in("supervisor")
        .audit(Some(r))
        .unwrap()
        .iter()
        .filter(|e| e.action == "client-exported")
        .count();
    assert_eq!(n, 4, "one event per file written");
}

#[test]
fn exporting_leaves_no_plaintext_in_the_store() {
    let (f, r) = history();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("export.json");
    let m = sign_in_as(&f, "marjorie", MARJORIE_PW);
    m.export_client_to_file(r, &path, JSON).expect("export");
    drop(m);
    let canaries = [
        "Alice Ashworth",
        "07700 900417",
        "HEALTH-asthma",
        "FIN-owes 900",
        "Council tax office",
        "covering the duty desk",
    ];
    // The export itself holds them, in plain text by design…
    for c in canaries {
        assert!(file_contains(&path, c.as_bytes()), "{c} in the export");
    }
    // …and nothing of them reaches the store's folder.
    for entry in std::fs::read_dir(f.dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            for c in canaries {
                assert!(!file_contains(&p, c.as_bytes()), "{c} in {}", p.display());
            }
        }
    }
}

#[test]
fn a_redacted_section_is_exported_as_its_marker_never_its_text() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Alice Ashworth");
    let n = note(
        &a1,
        r,
        vec![
            section("Query", Sensitivity::Ordinary, "rent arrears"),
            section(
                "Aside",
                Sensitivity::Ordinary,
                "said in error about a neighbour",
            ),
        ],
    );
    let sup = f.sign_in("supervisor");
    sup.redact_section(r, n, 1, "recorded about a third party by mistake")
        .unwrap();
    let export = sup.export_client(r, JSON).unwrap();
    let json = export.to_json();
    assert!(!json.contains("neighbour"), "{}", json.as_str());
    assert!(json.contains("rent arrears"));
    let note = &export.notes[0];
    assert_eq!(note.redactions.len(), 1);
    assert_eq!(note.redactions[0].section, 2);
    assert_eq!(note.redactions[0].heading, "Aside");
    assert_eq!(note.redactions[0].by, "supervisor");
    assert_eq!(note.sections()[1].text, "(redacted)");
    let md = export.to_markdown();
    assert!(
        md.contains("Section 2 (Aside) was redacted by supervisor")
            && md.contains("recorded about a third party by mistake"),
        "{}",
        md.as_str()
    );
    assert!(!md.contains("neighbour"));
}
