//! Data minimisation: the office's `client-names` policy keeps a new client's name in full, as
//! initials, or not at all (the reference stands for it), on the command line and in the
//! session.

mod common;

use casenotes::domain::{ClientRef, ExportFormat};
use casenotes::session::{ClientEdit, ExportOptions};
use common::*;

/// Exports follow the policy too: what the client screen shows is what is exported.
const JSON: ExportOptions = ExportOptions {
    format: ExportFormat::Json,
    pseudonymise: false,
};

fn listed_names(f: &Fixture, user: &str, password: &str) -> Vec<(String, String)> {
    let run = f.run(
        &[
            "--user",
            user,
            "--password-stdin",
            "client",
            "list",
            "--json",
        ],
        &format!("{password}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["reference"].as_str().unwrap().to_string(),
                c["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn set_policy(f: &Fixture, value: &str) {
    let run = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "policy",
            "set",
            "client-names",
            value,
        ],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("client-names = {value}\n"));
}

#[test]
fn client_names_initials_keeps_initials_only_and_existing_clients_keep_theirs() {
    let f = Fixture::new();
    let before = client(&f.sign_in("adviser1"), "Bernard Full-Name");
    set_policy(&f, "initials");
    let run = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "client",
            "add",
            "--name",
            "anne marie O'Neill",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let added: ClientRef = run.stdout.trim().parse().unwrap();
    let names = listed_names(&f, "adviser1", ADVISER_PW);
    assert!(
        names.contains(&(added.to_string(), "A. M. O.".into())),
        "{names:?}"
    );
    assert!(names.contains(&(before.to_string(), "Bernard Full-Name".into())));
    // A name is still needed, to take its initials.
    let run = f.run(
        &[
            "--user",
            "adviser1",
            "--password-stdin",
            "client",
            "add",
            "--name",
            " ",
        ],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: a client needs a name (or initials or a code)\n"
    );
    // A correction of the name is kept as initials too.
    let a1 = f.sign_in("adviser1");
    a1.edit_client(
        before,
        ClientEdit {
            name: Some("Bernard Shaw".into()),
            ..ClientEdit::default()
        },
        None,
    )
    .unwrap();
    let list = a1.caseload().unwrap();
    let edited = list.iter().find(|c| c.reference == before).unwrap();
    assert_eq!(*edited.name, "B. S.");
    // The policy show lists it by word, and the change was logged by word.
    let run = f.run(
        &["--user", "admin", "--password-stdin", "policy", "show"],
        &format!("{ADMIN_PW}\n"),
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("client-names") && l.contains(" initials  full|initials|code")),
        "{}",
        run.stdout
    );
    let events = f.sign_in("supervisor").audit(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "policy-changed" && e.detail == "client-names full -> initials")
    );
    // Exports show what is stored.
    let export = f.sign_in("supervisor").export_client(added, JSON).unwrap();
    assert_eq!(export.details.name, "A. M. O.");
}

#[test]
fn client_names_code_keeps_no_name_and_the_reference_stands_for_it() {
    let f = Fixture::new();
    set_policy(&f, "code");
    // No name is needed; one given is not kept, nor even checked.
    let run = f.run(
        &["--user", "adviser1", "--password-stdin", "client", "add"],
        &format!("{ADVISER_PW}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first: ClientRef = run.stdout.trim().parse().unwrap();
    let second = client(&f.sign_in("adviser1"), "Quillonia Marchbanks");
    let names = listed_names(&f, "adviser1", ADVISER_PW);
    assert_eq!(
        names,
        vec![
            (second.to_string(), second.to_string()),
            (first.to_string(), first.to_string()),
        ]
    );
    assert!(!file_contains(&f.path, b"Quillonia"));
    let export = f.sign_in("supervisor").export_client(second, JSON).unwrap();
    assert_eq!(export.details.name, second.to_string());
    assert!(!export.to_json().contains("Quillonia"));
    // Back to full names: new clients are named again; those kept by code stay so.
    set_policy(&f, "full");
    let third = client(&f.sign_in("adviser1"), "Rosa Full");
    let names = listed_names(&f, "adviser1", ADVISER_PW);
    assert!(names.contains(&(third.to_string(), "Rosa Full".into())));
    assert!(names.contains(&(second.to_string(), second.to_string())));
}

#[test]
fn an_unknown_client_names_value_is_refused_in_one_line() {
    let f = Fixture::new();
    let run = f.run(
        &[
            "--user",
            "admin",
            "--password-stdin",
            "policy",
            "set",
            "client-names",
            "nicknames",
        ],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: client-names must be one of full, initials, code (how a new client's name is \
         kept: full, initials, or code (the reference only))\n"
    );
    assert_eq!(f.sign_in("admin").policy().client_names, 0);
}
