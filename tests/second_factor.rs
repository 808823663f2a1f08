//! Second factors through the session: a key file that joins the password in opening the key
//! slot (and so protects a copy of the store), one-time codes that guard the app's door
//! (RFC 6238, replay refused, counted against the rate limit, recovery codes once each), the
//! policy that requires one for a role, and an administrator's reset that removes them.

mod common;

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use casenotes::session::{
    self, Credentials, Factors, Operation, Session, SessionError, TotpEnrolment,
};
use casenotes::store::{SlotRecord, table};
use casenotes::vault::{self, Aad};
use common::tamper::Tamper;
use common::*;
use secrecy::SecretString;

const TEMP_PW: &str = "marble kettle sapphire window";
const NEW_PW: &str = "harvest lagoon pepper vintage";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

fn open(f: &Fixture) -> session::StoreHandle {
    session::open_store(&f.path)
        .expect("open")
        .with_state_dir(f.state_dir())
}

fn sign_in_with(
    f: &Fixture,
    user: &str,
    password: &str,
    key_file: Option<&Path>,
    code: Option<&str>,
) -> Result<Session, SessionError> {
    let password = pw(password);
    let code = code.map(pw);
    session::sign_in_with(
        open(f),
        user,
        &Credentials {
            password: &password,
            key_file,
            code: code.as_ref(),
        },
    )
}

/// Enrols an authenticator for `s`'s account: the enrolment (its secret) and the recovery
/// codes.
fn enrol(s: &Session) -> (TotpEnrolment, Vec<String>) {
    let e = s.start_totp_enrolment().expect("start");
    let codes = s
        .confirm_totp(&pw(&e.code_at(now()).unwrap()))
        .expect("confirm");
    let codes: Vec<String> = codes.codes().map(String::from).collect();
    (e, codes)
}

/// A six-digit code that is none of the codes `e` gives around now.
fn wrong_code(e: &TotpEnrolment) -> String {
    let near: Vec<String> = (0..5)
        .map(|i| e.code_at(now() + i * 30 - 60).unwrap())
        .collect();
    (0..10)
        .map(|d| d.to_string().repeat(6))
        .find(|c| !near.contains(c))
        .expect("a wrong code")
}

/// Every audit event as (action, detail).
fn actions(s: &Session) -> Vec<(String, String)> {
    s.audit(None)
        .expect("audit")
        .into_iter()
        .map(|e| (e.action.to_string(), e.detail))
        .collect()
}

fn has(events: &[(String, String)], action: &str, detail: &str) -> bool {
    events.iter().any(|(a, d)| a == action && d == detail)
}

/// Decodes RFC 4648 base32 (as the secret is shown to type), spaces ignored.
fn base32(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| *c != b' ' && *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base32") as u64;
        bits = (bits << 5) | v;
        n += 5;
        if n >= 8 {
            out.push((bits >> (n - 8)) as u8);
            n -= 8;
        }
    }
    out
}

#[test]
fn rfc_6238_test_vectors() {
    // RFC 6238 appendix B, SHA-1: eight digits, the secret "12345678901234567890".
    let secret = b"12345678901234567890";
    for (t, code) in [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ] {
        assert_eq!(vault::totp_code(secret, t, 8).unwrap(), code, "at {t}");
    }
    // What an authenticator app shows: the last six.
    let e = TotpEnrolment::with_secret("x", *secret);
    assert_eq!(e.code_at(59).unwrap(), "287082");
    assert_eq!(
        e.secret_text().as_str(),
        "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
    );
    assert_eq!(
        e.uri().as_str(),
        "otpauth://totp/casenotes:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=casenotes"
    );
}

#[test]
fn the_store_opens_with_the_password_and_the_key_file_only() {
    let f = Fixture::new();
    let key = f.dir.path().join("adviser1.key");
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Keyfile Person");
    assert_eq!(open(&f).factors("adviser1").unwrap(), Factors::default());
    // Another's password is refused, and nothing is written.
    assert!(matches!(
        a1.bind_key_file(&pw(OTHER_PW), &key),
        Err(SessionError::BadCredentials)
    ));
    assert!(!key.exists());
    a1.bind_key_file(&pw(ADVISER_PW), &key).unwrap();
    let bytes = std::fs::read(&key).unwrap();
    assert_eq!(bytes.len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // An existing file is never overwritten.
    let e = a1.bind_key_file(&pw(ADVISER_PW), &key).unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
    assert_eq!(std::fs::read(&key).unwrap(), bytes);
    // The session that bound it goes on with the case keys.
    assert_eq!(a1.caseload().unwrap().len(), 1);
    drop(a1);

    assert_eq!(
        open(&f).factors("adviser1").unwrap(),
        Factors {
            key_file: true,
            code: false
        }
    );
    assert_eq!(open(&f).factors("nobody").unwrap(), Factors::default());
    let other = f.dir.path().join("other.key");
    std::fs::write(&other, vault::KeyFile::generate().unwrap().bytes()).unwrap();
    let short = f.dir.path().join("short.key");
    std::fs::write(&short, &bytes[..31]).unwrap();
    let missing = f.dir.path().join("missing.key");
    let tries: [(&str, Option<&Path>); 5] = [
        (ADVISER_PW, None),
        (ADVISER_PW, Some(&other)),
        (ADVISER_PW, Some(&short)),
        (ADVISER_PW, Some(&missing)),
        (OTHER_PW, Some(&key)),
    ];
    for (password, file) in tries {
        let e = patient(&f, "adviser1", password, file, None).unwrap_err();
        assert!(matches!(e, SessionError::BadSignIn(_)), "{e:?}");
        // One message, whichever factor was wrong.
        assert_eq!(e.to_string(), "wrong username, password or key file");
    }
    let a1 = patient(&f, "adviser1", ADVISER_PW, Some(&key), None).unwrap();
    assert_eq!(a1.caseload().unwrap()[0].reference, r);
    assert!(has(
        &actions(&f.sign_in("supervisor")),
        "key-file-bound",
        "adviser1"
    ));

    // Someone holding a copy of the file and the password, with the vault's own functions:
    // the password alone opens nothing; with the file, the slot opens.
    let t = Tamper::open(&f.path);
    let lookup = t.lookup("adviser1");
    let slot = SlotRecord::decode(&t.row(table::SLOTS, &lookup).unwrap()).unwrap();
    let mut id = lookup.to_vec();
    id.extend_from_slice(&slot.user.0);
    let aad = Aad {
        table: table::SLOTS,
        id: &id,
    };
    let wrapped = slot.wrapped_keys.clone().unwrap();
    let pw_key = || vault::derive_slot_key(&pw(ADVISER_PW), &slot.salt, slot.cost).unwrap();
    assert!(vault::unwrap_slot(&pw_key(), aad, &wrapped).is_err());
    let file = vault::KeyFile::from_bytes(&bytes).unwrap();
    let wrong = vault::KeyFile::from_bytes(&std::fs::read(&other).unwrap()).unwrap();
    let with = |f: &vault::KeyFile| vault::with_key_file(pw_key(), f, &slot.user.0).unwrap();
    assert!(vault::unwrap_slot(&with(&wrong), aad, &wrapped).is_err());
    assert!(vault::unwrap_slot(&with(&file), aad, &wrapped).is_ok());
    // Nothing of the file is in the store.
    drop(t);
    for w in bytes.windows(8) {
        assert!(!file_contains(&f.path, w), "key file bytes in the store");
    }

    // A new password of one's own keeps the key file.
    a1.change_password("adviser1", &pw(NEW_PW)).unwrap();
    drop(a1);
    assert!(patient(&f, "adviser1", NEW_PW, None, None).is_err());
    assert!(patient(&f, "adviser1", ADVISER_PW, Some(&key), None).is_err());
    let a1 = patient(&f, "adviser1", NEW_PW, Some(&key), None).unwrap();
    assert_eq!(a1.caseload().unwrap().len(), 1);
    assert!(a1.may(Operation::ReadClients).is_ok());
}

/// Signs in, waiting out a rate-limit pause first if one is asked for.
fn patient(
    f: &Fixture,
    user: &str,
    password: &str,
    key_file: Option<&Path>,
    code: Option<&str>,
) -> Result<Session, SessionError> {
    loop {
        match sign_in_with(f, user, password, key_file, code) {
            Err(SessionError::RateLimited(s)) => {
                std::thread::sleep(std::time::Duration::from_secs(s as u64 + 1))
            }
            other => return other,
        }
    }
}

#[test]
fn one_time_codes_are_needed_checked_once_and_recovery_codes_work_once() {
    let f = Fixture::new();
    let sup = f.sign_in("supervisor");
    // A wrong first code changes nothing.
    let e = sup.start_totp_enrolment().unwrap();
    assert!(sup.pending_totp_enrolment().unwrap().is_some());
    let refused = sup.confirm_totp(&pw(&wrong_code(&e))).unwrap_err();
    assert!(
        refused.to_string().contains("nothing was changed"),
        "{refused}"
    );
    assert_eq!(open(&f).factors("supervisor").unwrap(), Factors::default());
    drop(sup);
    let sup = f.sign_in("supervisor");
    let (e, recovery) = enrol(&sup);
    assert_eq!(recovery.len(), 10);
    let status = sup.second_factors().unwrap();
    assert!(status.totp && !status.key_file && status.recovery_left == 10);
    drop(sup);
    assert_eq!(
        open(&f).factors("supervisor").unwrap(),
        Factors {
            key_file: false,
            code: true
        }
    );

    // Without a code nothing is checked; a wrong code is one message.
    assert!(matches!(
        sign_in_with(&f, "supervisor", SUPERVISOR_PW, None, None),
        Err(SessionError::CodeNeeded)
    ));
    let wrong = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&wrong_code(&e))).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "wrong username, password or one-time code"
    );
    // The code enrolment used is refused (its step was used).
    let used = e.code_at(now()).unwrap();
    let again = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&used));
    if e.code_at(now()).unwrap() == used {
        assert!(again.is_err(), "the enrolment's code again");
    }
    // A wrong password with the right code: the same message.
    let next = e.code_at(now() + 30).unwrap();
    let bad_pw = patient(&f, "supervisor", OTHER_PW, None, Some(&next)).unwrap_err();
    assert_eq!(bad_pw.to_string(), wrong.to_string());
    // The right code signs in; the same code again is a replay.
    let s = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&next)).expect("the right code");
    assert!(s.caseload().is_ok());
    drop(s);
    let replay = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&next)).unwrap_err();
    assert!(matches!(replay, SessionError::BadSignIn(_)), "{replay:?}");
    // A recovery code signs in once, typed in any case with or without its dash.
    let typed = recovery[3].to_uppercase().replace('-', " ");
    let s = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&typed)).expect("recovery");
    assert_eq!(s.second_factors().unwrap().recovery_left, 9);
    drop(s);
    assert!(patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&recovery[3])).is_err());
    let s = patient(&f, "supervisor", SUPERVISOR_PW, None, Some(&recovery[0])).unwrap();
    let all = actions(&s);
    assert!(has(&all, "totp-enrolled", "supervisor"));
    assert!(has(&all, "recovery-code-used", "9 recovery codes left"));
    assert!(has(&all, "recovery-code-used", "8 recovery codes left"));
    let refused = all
        .iter()
        .filter(|(a, d)| a == "code-refused" && d == "1 refused")
        .count();
    assert!(refused >= 3, "every refused code logged: {refused}");
    // Refused codes are not counted again as failed passwords; the wrong password is.
    assert!(all.iter().any(|(a, _)| a == "sign-in-failed"));
    s.verify_audit().unwrap();

    // Nothing of the secret or the recovery codes is in the store.
    let secret = base32(e.secret_text().as_str());
    assert_eq!(secret.len(), 20);
    for w in secret.windows(8) {
        assert!(!file_contains(&f.path, w), "the secret in the store");
    }
    assert!(!file_contains(
        &f.path,
        e.secret_text().replace(' ', "").as_bytes()
    ));
    for c in &recovery {
        assert!(!file_contains(&f.path, c.as_bytes()));
        assert!(!file_contains(&f.path, c.replace('-', "").as_bytes()));
    }

    // A new password of one's own keeps the codes.
    s.change_password("supervisor", &pw(NEW_PW)).unwrap();
    drop(s);
    assert!(matches!(
        sign_in_with(&f, "supervisor", NEW_PW, None, None),
        Err(SessionError::CodeNeeded)
    ));
    assert!(patient(&f, "supervisor", NEW_PW, None, Some(&recovery[1])).is_ok());
}

#[test]
fn wrong_codes_count_towards_the_rate_limit() {
    let f = Fixture::new();
    let (e, _) = enrol(&f.sign_in("adviser1"));
    let wrong = wrong_code(&e);
    for _ in 0..casenotes::session::FREE_ATTEMPTS {
        assert!(matches!(
            sign_in_with(&f, "adviser1", ADVISER_PW, None, Some(&wrong)),
            Err(SessionError::BadSignIn(_))
        ));
    }
    // Even the right code now waits, as after wrong passwords.
    let right = e.code_at(now() + 30).unwrap();
    assert!(matches!(
        sign_in_with(&f, "adviser1", ADVISER_PW, None, Some(&right)),
        Err(SessionError::RateLimited(_))
    ));
    assert!(patient(&f, "adviser1", ADVISER_PW, None, Some(&right)).is_ok());
}

#[test]
fn the_policy_sends_a_role_without_a_second_factor_to_enrolment() {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    admin
        .set_policy("second-factor-required", "supervisor,admin")
        .unwrap();
    // The session that changed it goes on; the next sign-in enrols.
    assert!(!admin.must_enrol());
    drop(admin);
    let admin = f.sign_in("admin");
    assert!(admin.must_enrol());
    assert!(matches!(admin.users(), Err(SessionError::MustEnrol(_))));
    drop(admin);
    let sup = f.sign_in("supervisor");
    assert!(sup.must_enrol());
    let e = sup.caseload().unwrap_err();
    assert!(matches!(e, SessionError::MustEnrol(_)));
    assert!(e.to_string().contains("casenotes user totp enrol"), "{e}");
    assert!(sup.policy_settings().is_err());
    enrol(&sup);
    assert!(!sup.must_enrol());
    assert!(sup.caseload().is_ok());
    // Advisers are not asked.
    assert!(!f.sign_in("adviser1").must_enrol());
    // A key file does as well as codes.
    let admin = f.sign_in("admin");
    admin
        .bind_key_file(&pw(ADMIN_PW), &f.dir.path().join("admin.key"))
        .unwrap();
    assert!(!admin.must_enrol());
    assert!(admin.users().is_ok());
    let settings = admin.policy_settings().unwrap();
    let row = settings
        .iter()
        .find(|s| s.key.name == "second-factor-required")
        .unwrap();
    assert_eq!(row.value_text(), "supervisor,admin");
    assert!(has(
        &actions(&admin),
        "policy-changed",
        "second-factor-required none -> supervisor,admin"
    ));
}

#[test]
fn an_administrators_reset_removes_the_second_factors() {
    let f = Fixture::new();
    let key = f.dir.path().join("adviser1.key");
    let a1 = f.sign_in("adviser1");
    a1.bind_key_file(&pw(ADVISER_PW), &key).unwrap();
    let (e, _) = enrol(&a1);
    drop(a1);
    let code = e.code_at(now() + 30).unwrap();
    assert!(sign_in_with(&f, "adviser1", ADVISER_PW, Some(&key), Some(&code)).is_ok());
    // The file and the phone are lost: an administrator resets the password.
    let admin = f.sign_in("admin");
    admin
        .set_policy("second-factor-required", "adviser")
        .unwrap();
    admin.change_password("adviser1", &pw(TEMP_PW)).unwrap();
    let all = actions(&admin);
    for factor in ["key-file", "totp"] {
        assert!(
            has(
                &all,
                "second-factor-removed",
                &format!("adviser1: {factor}")
            ),
            "{factor}"
        );
    }
    drop(admin);
    assert_eq!(open(&f).factors("adviser1").unwrap(), Factors::default());
    // The temporary password alone signs in; first a password of one's own, then enrolment.
    let a1 = sign_in_with(&f, "adviser1", TEMP_PW, None, None).unwrap();
    assert!(a1.must_change_password());
    assert!(matches!(
        a1.start_totp_enrolment(),
        Err(SessionError::MustChangePassword(_))
    ));
    a1.change_password("adviser1", &pw(NEW_PW)).unwrap();
    assert!(a1.must_enrol());
    assert!(matches!(a1.caseload(), Err(SessionError::MustEnrol(_))));
    enrol(&a1);
    assert!(!a1.must_enrol());
    // Waiting for a supervisor again, as after any reset.
    assert!(matches!(a1.caseload(), Err(SessionError::Unconfirmed(_))));
    f.sign_in("supervisor").verify_audit().unwrap();
}

#[test]
fn disabling_removes_the_factors_and_enabling_starts_without_them() {
    let f = Fixture::new();
    let a2 = f.sign_in("adviser2");
    enrol(&a2);
    drop(a2);
    let admin = f.sign_in("admin");
    admin.disable_user("adviser2").unwrap();
    assert!(has(
        &actions(&admin),
        "second-factor-removed",
        "adviser2: totp"
    ));
    admin.enable_user("adviser2", &pw(TEMP_PW)).unwrap();
    drop(admin);
    assert!(sign_in_with(&f, "adviser2", TEMP_PW, None, None).is_ok());
}

#[test]
fn a_slot_whose_factors_were_altered_opens_nothing_and_old_slots_still_open() {
    let f = Fixture::new();
    let (e, _) = enrol(&f.sign_in("adviser1"));
    let t = Tamper::open(&f.path);
    let lookup = t.lookup("adviser1");
    let mut slot = SlotRecord::decode(&t.row(table::SLOTS, &lookup).unwrap()).unwrap();
    // Someone clears the flag so that no code is asked for.
    slot.factors = 0;
    t.set_row(
        table::SLOTS,
        &lookup,
        Some(&postcard::to_allocvec(&slot).unwrap()),
    );
    drop(t);
    assert!(sign_in_with(&f, "adviser1", ADVISER_PW, None, None).is_err());
    let code = e.code_at(now() + 30).unwrap();
    assert!(patient(&f, "adviser1", ADVISER_PW, None, Some(&code)).is_err());

    // A slot as stores made before second factors wrote it (eight fields) still opens.
    #[derive(serde::Serialize)]
    struct SlotV1 {
        user: casenotes::domain::UserId,
        salt: [u8; 16],
        cost: vault::KdfCost,
        wrapped_keys: Option<Vec<u8>>,
        failures: u32,
        last_failure: i64,
        unlogged_failures: u32,
        in_flight: u32,
    }
    let t = Tamper::open(&f.path);
    let lookup = t.lookup("adviser2");
    let s = SlotRecord::decode(&t.row(table::SLOTS, &lookup).unwrap()).unwrap();
    let old = SlotV1 {
        user: s.user,
        salt: s.salt,
        cost: s.cost,
        wrapped_keys: s.wrapped_keys.clone(),
        failures: 0,
        last_failure: 0,
        unlogged_failures: 0,
        in_flight: 0,
    };
    t.set_row(
        table::SLOTS,
        &lookup,
        Some(&postcard::to_allocvec(&old).unwrap()),
    );
    drop(t);
    assert_eq!(open(&f).factors("adviser2").unwrap(), Factors::default());
    let a2 = f.sign_in("adviser2");
    assert!(a2.caseload().is_ok());
}

#[test]
fn secrets_do_not_print() {
    let e = TotpEnrolment::with_secret("adviser1", [9; 20]);
    let shown = format!("{e:?}");
    assert!(!shown.contains(&e.secret_text().replace(' ', "")));
    let s = SecretString::from("123456");
    let c = Credentials {
        password: &s,
        key_file: None,
        code: Some(&s),
    };
    assert!(!format!("{c:?}").contains("123456"));
}

// ----- the real binary -----

/// Runs the binary as `user` on `f`'s store with `stdin`, and `env` set; waits out a rate-limit
/// pause and tries again.
fn run_as(f: &Fixture, env: &[(&str, &Path)], args: &[&str], stdin: &str) -> Run {
    loop {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_casenotes"));
        cmd.env_remove("CASENOTES_STORE")
            .env_remove("CASENOTES_USER")
            .env_remove("CASENOTES_KEY_FILE")
            .env("NO_COLOR", "1")
            .env("CASENOTES_STATE_DIR", state_dir_for(&f.path))
            .arg("--store")
            .arg(&f.path)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn");
        {
            use std::io::Write;
            let mut input = child.stdin.take().expect("stdin");
            let _ = input.write_all(stdin.as_bytes());
        }
        let out = child.wait_with_output().expect("wait");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        if run.stderr.contains("too many failed sign-ins") {
            std::thread::sleep(std::time::Duration::from_secs(3));
            continue;
        }
        return run;
    }
}

#[test]
fn the_command_line_binds_a_key_file_and_needs_it() {
    let f = Fixture::new();
    let key = f.dir.path().join("adviser1.key");
    let k = key.to_str().unwrap();
    let line = format!("{ADVISER_PW}\n");
    let bind = [
        "--user",
        "adviser1",
        "--password-stdin",
        "user",
        "keyfile",
        "--out",
        k,
    ];
    let r = run_as(&f, &[], &bind, &line);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("bound a new key file to adviser1: "),
        "{}",
        r.stdout
    );
    // Binding again (signed in with the file) never overwrites a file.
    let mut again = vec!["--key-file", k];
    again.extend_from_slice(&bind);
    let r = run_as(&f, &[], &again, &line);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);

    let other = f.dir.path().join("other.key");
    std::fs::write(&other, vault::KeyFile::generate().unwrap().bytes()).unwrap();
    let o = other.to_str().unwrap();
    let missing = f.dir.path().join("missing.key");
    let m = missing.to_str().unwrap();
    let list = ["--user", "adviser1", "--password-stdin", "client", "list"];
    let wrong_pw = format!("{OTHER_PW}\n");
    let cases: [(Vec<&str>, &String); 4] = [
        (vec![], &line),
        (vec!["--key-file", o], &line),
        (vec!["--key-file", m], &line),
        (vec!["--key-file", k], &wrong_pw),
    ];
    for (extra, stdin) in cases {
        let mut args = extra.clone();
        args.extend_from_slice(&list);
        let r = run_as(&f, &[], &args, stdin);
        assert_eq!(r.code, 1, "{extra:?}");
        // One identical line, whichever factor was wrong.
        assert_eq!(
            r.stderr, "error: wrong username, password or key file\n",
            "{extra:?}"
        );
    }
    let mut args = vec!["--key-file", k];
    args.extend_from_slice(&list);
    let r = run_as(&f, &[], &args, &line);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_as(&f, &[("CASENOTES_KEY_FILE", key.as_path())], &list, &line);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_as(&f, &[("CASENOTES_KEY_FILE", other.as_path())], &list, &line);
    assert_eq!(r.stderr, "error: wrong username, password or key file\n");
}

#[test]
fn the_command_line_enrols_an_authenticator_and_reads_the_code_after_the_password() {
    let f = Fixture::new();
    let sup = ["--user", "supervisor", "--password-stdin"];
    let with =
        |rest: &[&str]| -> Vec<String> { sup.iter().chain(rest).map(|s| s.to_string()).collect() };
    let run = |rest: &[&str], stdin: &str| {
        let args = with(rest);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_as(&f, &[], &args, stdin)
    };
    let line = format!("{SUPERVISOR_PW}\n");
    // Confirming before starting is refused.
    let r = run(
        &["user", "totp", "enrol", "--confirm"],
        &format!("{line}123456\n"),
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no enrolment is waiting"), "{}", r.stderr);
    // With only the password on standard input: the code, the secret, and how to confirm.
    let r = run(&["user", "totp", "enrol"], &line);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("otpauth://totp/casenotes:supervisor?secret=")
    );
    assert!(r.stdout.contains("not yet in effect"), "{}", r.stdout);
    assert!(
        r.stdout.lines().filter(|l| l.contains('█')).count() > 10,
        "the QR code"
    );
    let secret = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("secret:"))
        .expect("the secret")
        .trim()
        .to_string();
    let e = TotpEnrolment::with_secret("supervisor", base32(&secret).try_into().expect("20 bytes"));
    // Not yet in effect: the password alone still signs in.
    assert_eq!(run(&["client", "list"], &line).code, 0);
    let r = run(
        &["user", "totp", "enrol", "--confirm"],
        &format!("{line}{}\n", e.code_at(now()).unwrap()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let recovery: Vec<String> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(String::from)
        .collect();
    assert_eq!(recovery.len(), 10, "{}", r.stdout);

    // The code is the line after the password.
    let r = run(&["client", "list"], &line);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --password-stdin: standard input has no line for the one-time code\n"
    );
    let r = run(&["client", "list"], &format!("{line}{}\n", wrong_code(&e)));
    assert_eq!(
        r.stderr,
        "error: wrong username, password or one-time code\n"
    );
    let r = run(
        &["client", "list"],
        &format!("{OTHER_PW}\n{}\n", e.code_at(now() + 30).unwrap()),
    );
    assert_eq!(
        r.stderr,
        "error: wrong username, password or one-time code\n"
    );
    let code = e.code_at(now() + 30).unwrap();
    let r = run(&["client", "list"], &format!("{line}{code}\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["client", "list"], &format!("{line}{code}\n"));
    assert_eq!(r.code, 1, "a code is accepted once");
    // A new password is the line after the code.
    let r = run(
        &["user", "passwd", "supervisor"],
        &format!("{line}{}\n{NEW_PW}\n", recovery[0]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["client", "list"], &format!("{NEW_PW}\n{}\n", recovery[1]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["client", "list"], &format!("{NEW_PW}\n{}\n", recovery[1]));
    assert_eq!(r.code, 1, "a recovery code works once");
}

#[test]
fn the_command_line_sends_a_required_role_to_enrol_first() {
    let f = Fixture::new();
    let r = run_as(
        &f,
        &[],
        &[
            "--user",
            "admin",
            "--password-stdin",
            "policy",
            "set",
            "second-factor-required",
            "supervisor,admin",
        ],
        &format!("{ADMIN_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "second-factor-required = supervisor,admin\n");
    let r = run_as(
        &f,
        &[],
        &["--user", "adviser1", "--password-stdin", "policy", "show"],
        &format!("{ADVISER_PW}\n"),
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("second-factor-required") && l.contains(" supervisor,admin ")),
        "{}",
        r.stdout
    );
    for args in [
        vec!["client", "list"],
        vec!["policy", "show"],
        vec!["audit", "verify"],
        vec!["user", "confirm", "adviser2"],
    ] {
        let mut all = vec!["--user", "supervisor", "--password-stdin"];
        all.extend(args.iter());
        let r = run_as(&f, &[], &all, &format!("{SUPERVISOR_PW}\n"));
        assert_eq!(r.code, 1, "{args:?}");
        assert_eq!(
            r.stderr,
            "error: the office's policy requires a second factor for the supervisor role: enrol one first — `casenotes user totp enrol` or `casenotes user keyfile --out PATH`\n",
            "{args:?}"
        );
    }
    let key = f.dir.path().join("sup.key");
    let r = run_as(
        &f,
        &[],
        &[
            "--user",
            "supervisor",
            "--password-stdin",
            "user",
            "keyfile",
            "--out",
            key.to_str().unwrap(),
        ],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_as(
        &f,
        &[("CASENOTES_KEY_FILE", key.as_path())],
        &["--user", "supervisor", "--password-stdin", "client", "list"],
        &format!("{SUPERVISOR_PW}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}
