//! A store moved from a file into PostgreSQL and back with `casenotes migrate`: every row,
//! every view and every password the same, and every refusal leaving the target as it was.

mod common;

use std::path::{Path, PathBuf};

use casenotes::domain::{Channel, ConsentMethod, ConsentScope, Draft, Sensitivity};
use casenotes::session::{
    self, Credentials, Location, NewClient, Reveal, SectionBody, SectionView, Session,
};
use casenotes::store::Store;
use common::pg::Cluster;
use common::pgrun::*;
use common::*;

/// What `populate` made.
struct Populated {
    key_file: PathBuf,
}

/// Every kind of record: clients with confidential details, notes with ordinary, confidential
/// and special-category sections, agreed actions (one done), a correction, an addendum, a
/// sign-off, consents, drafts, and an account with a key file.
fn populate(f: &Fixture) -> Populated {
    use Sensitivity::{Confidential, Ordinary};
    let a1 = f.sign_in("adviser1");
    let alma = a1
        .add_client(NewClient {
            name: "Alma MIGRANT-NAME".into(),
            date_of_birth: Some("1980-02-03".into()),
            contact: Some("alma@example.org".into()),
            adviser: None,
        })
        .expect("add client");
    let n1 = note(
        &a1,
        alma,
        vec![
            section("Query", Ordinary, "rent arrears MIGRATE-ORDINARY"),
            section("Health", health(), "MIGRATE-SPECIAL asthma"),
            section("Background", Confidential, "MIGRATE-CONFIDENTIAL"),
            section(
                "Actions agreed",
                Ordinary,
                "Call the landlord in 2 weeks\nClient to bring three payslips",
            ),
        ],
    );
    let n2 = note(
        &a1,
        alma,
        vec![section("Query", Ordinary, "second visit, with a typo")],
    );
    a1.correct_note(
        alma,
        n2,
        vec![section("Query", Ordinary, "second visit, corrected")],
        "typo",
    )
    .expect("correct");
    a1.add_addendum(
        alma,
        n1,
        section("Addendum", Ordinary, "the landlord rang back"),
        None,
    )
    .expect("addendum");
    a1.complete_action(alma, 1, None).expect("action done");
    a1.give_consent(
        alma,
        ConsentScope::Recording,
        ConsentMethod::Written,
        None,
        None,
    )
    .expect("consent");
    a1.give_consent(
        alma,
        ConsentScope::Sharing {
            with: "Shelter".into(),
        },
        ConsentMethod::Verbal,
        None,
        None,
    )
    .expect("consent");
    a1.save_draft(&Draft {
        client: alma,
        channel: Channel::Phone,
        sections: vec![section("Query", Ordinary, "MIGRATE-DRAFT unfinished")],
        saved_at: 0,
        purpose: Default::default(),
    })
    .expect("draft");
    let other = client(&a1, "Second Client");
    note(
        &a1,
        other,
        vec![section("Query", Confidential, "only for those who ask")],
    );
    drop(a1);

    let a2 = f.sign_in("adviser2");
    let bert = client(&a2, "Bertie Moved");
    note(
        &a2,
        bert,
        vec![section("Query", Ordinary, "debt advice MIGRATE-BERT")],
    );
    let key_file = f.dir.path().join("adviser2.key");
    a2.bind_key_file(&pw(OTHER_PW), &key_file)
        .expect("key file");
    drop(a2);

    f.sign_in("supervisor")
        .sign_off(alma, n1)
        .expect("sign off");
    Populated { key_file }
}

/// Signs in to the store at `at` as `user`, keeping this machine's witness in `state`.
fn sign_in_at(at: &Location, state: &Path, user: &str, key_file: &Path) -> Session {
    let store = session::open_store(at.clone())
        .expect("open")
        .with_state_dir(state);
    let password = pw(password(user));
    let credentials = Credentials {
        password: &password,
        key_file: (user == "adviser2").then_some(key_file),
        code: None,
    };
    session::sign_in_with(store, user, &credentials)
        .unwrap_or_else(|e| panic!("{user} signs in to {}: {e}", at.describe()))
}

fn section_text(s: &SectionView) -> String {
    format!(
        "[{} {:?} {} {:?}]",
        s.heading,
        s.sensitivity,
        shown(s),
        s.redacted
    )
}

/// Everything the store's people see of it: the supervisor's view of every client (revealed),
/// with notes, their histories, actions and consents; each adviser's caseload and drafts; the
/// administrator's list of users. Taking it writes audit events (sign-ins, reveals), which
/// [`trail`] leaves out by being read first.
fn picture(at: &Location, state: &Path, key_file: &Path) -> (Vec<String>, Vec<String>) {
    let why = "checking a migrated store";
    let mut out = Vec::new();
    let sup = sign_in_at(at, state, "supervisor", key_file);
    let trail = backups_trail(&sup);
    for c in sup.caseload().expect("caseload") {
        out.push(format!(
            "client {} {} by {} {:?} opened {} last {:?} notes {} actions {}/{} next {:?}",
            c.reference,
            c.name.as_str(),
            c.adviser,
            c.status,
            c.opened_at,
            c.last_contact,
            c.note_count,
            c.open_actions,
            c.overdue_actions,
            c.next_due
        ));
        let v = sup
            .open_client(c.reference, None, Reveal::All { reason: why })
            .expect("open client");
        if let Some(d) = &v.details {
            out.push(format!(
                "  details {:?} {:?}",
                d.date_of_birth.as_deref(),
                d.contact.as_deref()
            ));
        }
        for n in &v.notes {
            let sections: Vec<String> = n.sections.iter().map(section_text).collect();
            out.push(format!(
                "  note {} by {} at {} {:?} {:?} {:?}: {}",
                n.id,
                n.author,
                n.contact_at,
                n.channel,
                n.status,
                n.marks,
                sections.join(" ")
            ));
            for rev in sup
                .note_history(c.reference, n.id, Some(why))
                .expect("history")
            {
                let sections: Vec<String> = rev.sections.iter().map(section_text).collect();
                out.push(format!(
                    "    revision {} by {} at {} why {:?}: {}",
                    rev.revision,
                    rev.by,
                    rev.at,
                    rev.why.as_deref(),
                    sections.join(" ")
                ));
            }
        }
        for a in &v.actions {
            out.push(format!(
                "  action {} {:?} {} {:?} due {:?} from {} at {} done {:?}",
                a.number,
                a.owner,
                match &a.text {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
                    SectionBody::Masked => "(masked)".into(),
                },
                a.sensitivity,
                a.due,
                a.note,
                a.created_at,
                a.done
            ));
        }
        for k in &v.consents {
            out.push(format!(
                "  consent {} {} {} given {:?} renew {:?} withdrawn {:?} {:?} by {} current {}",
                k.number,
                k.scope,
                k.method.as_str(),
                k.given_on,
                k.renew_by,
                k.withdrawn_on,
                k.withdrawn_by,
                k.recorded_by,
                k.current
            ));
        }
    }
    drop(sup);
    for user in ["adviser1", "adviser2"] {
        let s = sign_in_at(at, state, user, key_file);
        for c in s.caseload().expect("caseload") {
            out.push(format!("{user} has {}", c.reference));
        }
        for d in s.drafts().expect("drafts") {
            let sections: Vec<String> = d
                .sections
                .iter()
                .map(|s| format!("[{} {:?} {}]", s.heading, s.sensitivity, s.text))
                .collect();
            out.push(format!(
                "{user} draft for {} {:?} at {}: {}",
                d.client,
                d.channel,
                d.saved_at,
                sections.join(" ")
            ));
        }
    }
    let admin = sign_in_at(at, state, "admin", key_file);
    for u in admin.users().expect("users") {
        out.push(format!("user {u:?}"));
    }
    (out, trail)
}

/// The audit trail as a supervisor reads it, one event a line.
fn backups_trail(s: &Session) -> Vec<String> {
    s.audit(None)
        .expect("audit")
        .iter()
        .map(|e| serde_json::to_string(e).expect("json"))
        .collect()
}

/// The events of `trail` up to and including event `last`.
fn up_to(trail: &[String], last: usize) -> &[String] {
    &trail[..last.min(trail.len())]
}

/// The number of the newest `store-migrated` event in `trail` (events are numbered from 1).
fn last_migration(trail: &[String]) -> usize {
    trail
        .iter()
        .rposition(|e| e.contains("\"store-migrated\""))
        .expect("a store-migrated event")
        + 1
}

/// `casenotes --user USER --password-stdin migrate --from FROM --to TO`, the witness kept in
/// `state`.
fn migrate(user: &str, from: &str, to: &str, state: &Path) -> Run {
    run_bin_in(
        None,
        Some(state),
        &[
            "--user",
            user,
            "--password-stdin",
            "migrate",
            "--from",
            from,
            "--to",
            to,
        ],
        &format!("{}\n", password(user)),
    )
}

/// A plain dump of database `db`, without the random key each dump makes for its own
/// `\restrict` lines.
fn dump(c: &Cluster, db: &str) -> Vec<String> {
    String::from_utf8_lossy(&c.pg_dump(db))
        .lines()
        .filter(|l| !l.starts_with("\\restrict ") && !l.starts_with("\\unrestrict "))
        .map(str::to_string)
        .collect()
}

fn first_difference(a: &Location, b: &Location) -> Option<&'static str> {
    let a = Store::open_at(a).expect("open");
    let b = Store::open_at(b).expect("open");
    let ra = a.read().expect("read");
    let rb = b.read().expect("read");
    ra.first_difference(&rb).expect("compare")
}

/// A store moved from a file into PostgreSQL and from there into a new file holds every row of
/// the original, byte for byte, at each step; every note, user, draft, consent, action and
/// audit event reads the same on all three; each chain verifies and each passes `check`; every
/// password (and the key file) still opens each copy. A copy into a database that holds
/// anything, or onto an existing file, is refused and changes nothing there; only an
/// administrator may copy a store.
#[test]
fn a_store_moves_to_postgres_and_back_unchanged() {
    let f = Fixture::new();
    let made = populate(&f);
    let c = Cluster::start();
    let pg_url = c.create_db("moved");
    let file = f.path.to_string_lossy().into_owned();
    let back = f.dir.path().join("back").join("store.redb");
    let back_s = back.to_string_lossy().into_owned();
    let original = Location::File(f.path.clone());
    let pg = Location::parse(std::ffi::OsStr::new(&pg_url)).expect("address");
    let returned = Location::File(back.clone());
    let pg_state = f.dir.path().join("state-pg");
    let back_state = f.dir.path().join("state-back");

    let out = ok(
        migrate("admin", &file, &pg_url, &f.state_dir()),
        "migrate to PostgreSQL",
    );
    assert!(out.contains("moved on "), "{out}");
    assert_eq!(
        first_difference(&original, &pg),
        None,
        "the database differs from the file"
    );
    let out = ok(
        migrate("admin", &pg_url, &back_s, &pg_state),
        "migrate back to a file",
    );
    assert!(out.contains(&back_s), "{out}");
    assert_eq!(
        first_difference(&pg, &returned),
        None,
        "the file differs from the database"
    );

    let (seen_original, trail_original) = picture(&original, &f.state_dir(), &made.key_file);
    let (seen_pg, trail_pg) = picture(&pg, &pg_state, &made.key_file);
    let (seen_back, trail_back) = picture(&returned, &back_state, &made.key_file);
    for needle in [
        "MIGRATE-SPECIAL",
        "MIGRATE-CONFIDENTIAL",
        "second visit, corrected",
        "the landlord rang back",
        "MIGRATE-DRAFT",
        "alma@example.org",
        "Shelter",
        "payslips",
        "MIGRATE-BERT",
    ] {
        assert!(
            seen_original.iter().any(|l| l.contains(needle)),
            "{needle} not seen"
        );
    }
    assert_eq!(seen_pg, seen_original, "PostgreSQL copy");
    assert_eq!(seen_back, seen_original, "copy back to a file");
    // The trail: the original's up to its migration; the two copies up to the second.
    let first = last_migration(&trail_original);
    assert_eq!(up_to(&trail_pg, first), up_to(&trail_original, first));
    let second = last_migration(&trail_back);
    assert!(second > first);
    assert_eq!(up_to(&trail_back, second), up_to(&trail_pg, second));

    for (at, state) in [
        (&original, f.state_dir()),
        (&pg, pg_state.clone()),
        (&returned, back_state.clone()),
    ] {
        let sup = sign_in_at(at, &state, "supervisor", &made.key_file);
        sup.verify_audit()
            .unwrap_or_else(|e| panic!("{}: {e}", at.describe()));
        let report = sup.check().expect("check");
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            at.describe(),
            report.problems
        );
        assert!(sup.rollback_warning().is_none());
        drop(sup);
        // The key file is still needed.
        let store = session::open_store(at.clone())
            .expect("open")
            .with_state_dir(&state);
        assert!(session::sign_in(store, "adviser2", &pw(OTHER_PW)).is_err());
    }

    // Refused: a database that holds a store, or anything else; an existing file; anyone
    // but an administrator. Each leaves the target as it was.
    let before = dump(&c, "moved");
    let line = one_error_line(
        &migrate("admin", &file, &pg_url, &f.state_dir()),
        "migrate into a store",
    );
    assert!(line.ends_with("already holds a casenotes store"), "{line}");
    assert!(dump(&c, "moved") == before, "the database changed");

    let other_url = c.create_db("other");
    c.psql(
        "other",
        "CREATE TABLE payroll (id int PRIMARY KEY, who text); INSERT INTO payroll VALUES (1, 'someone');",
    );
    let before = dump(&c, "other");
    let line = one_error_line(
        &migrate("admin", &file, &other_url, &f.state_dir()),
        "migrate into a database in use",
    );
    assert!(line.contains("is not empty"), "{line}");
    assert!(dump(&c, "other") == before, "the database changed");

    let bytes = std::fs::read(&back).expect("read");
    let line = one_error_line(
        &migrate("admin", &pg_url, &back_s, &pg_state),
        "migrate onto a file",
    );
    assert!(
        line.ends_with("already exists; a copy never replaces a file"),
        "{line}"
    );
    assert!(
        std::fs::read(&back).expect("read") == bytes,
        "the file changed"
    );

    let fresh = c.create_db("fresh");
    let third = f.dir.path().join("third.redb");
    for (to, what) in [
        (third.to_string_lossy().into_owned(), "file"),
        (fresh, "db"),
    ] {
        let line = one_error_line(
            &migrate("supervisor", &file, &to, &f.state_dir()),
            &format!("a supervisor migrates to a {what}"),
        );
        assert_eq!(
            line,
            "error: copying the store to another is not allowed for the supervisor role"
        );
    }
    assert!(!third.exists());
    // Nothing was copied, and the source's trail does not say otherwise.
    let sup = sign_in_at(&original, &f.state_dir(), "supervisor", &made.key_file);
    let migrations = backups_trail(&sup)
        .iter()
        .filter(|e| e.contains("\"store-migrated\""))
        .count();
    assert_eq!(migrations, 1, "a refused copy was logged as made");
    assert_eq!(
        c.psql(
            "fresh",
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'casenotes'"
        ),
        "0"
    );
}

// --- 5. `init` on every kind of database -----------------------------------------------------
