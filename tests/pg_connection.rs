//! Reaching a PostgreSQL store: connections over a Unix socket and over TLS, passwords from the
//! password file, and the one-line errors for a missing database, a stopped server, a refused
//! certificate or password, and a broken connection, each against a real throwaway cluster.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casenotes::store::StoreError;
use casenotes::store::postgres::{PgTarget, SslChoice, is_postgres_address, query_error};
use common::pg::{self, Cluster, PASSWORD_GROUP};

const PASSWORD: &str = "correct-Horse-battery-77";
const WRONG: &str = "wrong-Mule-stapler-13";

fn target(address: &str) -> PgTarget {
    PgTarget::parse(address).unwrap_or_else(|e| panic!("{address}: {e}"))
}

fn connect(address: &str) -> postgres::Client {
    target(address)
        .connect()
        .unwrap_or_else(|e| panic!("{address}: {e}"))
}

/// The error a connection to `address` fails with, checked to be one line with no backtrace.
fn refusal(address: &str) -> String {
    match target(address).connect() {
        Ok(_) => panic!("{address}: connected"),
        Err(e) => {
            let text = e.to_string();
            assert!(!text.contains('\n'), "more than one line: {text}");
            assert!(!text.contains("backtrace"), "{text}");
            assert!(!text.contains("panicked"), "{text}");
            text
        }
    }
}

/// Whether the connection is encrypted, as the server sees it.
fn over_tls(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("pg_stat_ssl")
        .get(0)
}

#[test]
fn connects_over_the_socket_and_runs_a_query() {
    let cluster = Cluster::start();
    let url = cluster.create_db("cases");
    assert!(is_postgres_address(&url));
    let t = target(&url);
    assert_eq!(
        t.describe(),
        format!("cases on {}", cluster.socket_dir().display())
    );
    let mut client = t.connect().expect("connect");
    let one: i32 = client.query_one("SELECT 1", &[]).expect("select").get(0);
    assert_eq!(one, 1);
    let row = client
        .query_one(
            "SELECT current_database(), current_user, current_setting('application_name'), inet_client_addr() IS NULL",
            &[],
        )
        .expect("settings");
    assert_eq!(row.get::<_, String>(0), "cases");
    assert_eq!(row.get::<_, String>(1), "postgres");
    assert_eq!(row.get::<_, String>(2), "casenotes");
    assert!(row.get::<_, bool>(3), "a Unix-socket connection");
    // A Unix socket never uses TLS, even where verify-full is asked for (as in libpq).
    let mut client = connect(&format!("{url}&sslmode=verify-full"));
    assert!(!over_tls(&mut client));
    // The helper's own tools reach the same cluster.
    cluster.psql(
        "cases",
        "CREATE TABLE t (k int PRIMARY KEY); INSERT INTO t VALUES (7)",
    );
    let k: i32 = client.query_one("SELECT k FROM t", &[]).expect("t").get(0);
    assert_eq!(k, 7);
    let dump = String::from_utf8(cluster.pg_dump("cases")).expect("utf-8 dump");
    assert!(dump.contains("CREATE TABLE public.t"), "{dump}");
}

#[test]
fn a_database_that_does_not_exist_is_named() {
    let cluster = Cluster::start();
    let e = refusal(&cluster.url("nothere"));
    assert_eq!(
        e,
        format!(
            "database nothere does not exist on the server at {}; create it (createdb nothere) and run `casenotes init --store …`",
            cluster.socket_dir().display()
        )
    );
}

#[test]
fn a_stopped_server_cannot_be_reached_and_a_broken_connection_is_lost() {
    let cluster = Cluster::start();
    let url = cluster.create_db("cases");
    let t = target(&url);
    let mut client = t.connect().expect("connect");
    cluster.stop_immediate();

    let e = refusal(&url);
    assert!(
        e.starts_with(&format!(
            "cannot reach the database server at {}: ",
            cluster.socket_dir().display()
        )),
        "{e}"
    );
    assert!(
        e.contains("no server is listening there") || e.contains("connection refused"),
        "{e}"
    );

    // The connection opened before the stop is gone: what it was doing was not saved, and a
    // commit's outcome is unknown.
    let err = client
        .query_one("SELECT 1", &[])
        .expect_err("server stopped");
    let lost = query_error(&err, &t, false);
    assert!(matches!(lost, StoreError::ConnectionLost(_)), "{lost:?}");
    assert_eq!(
        lost.to_string(),
        "the connection to the database server was lost; nothing was saved: try again once the server is back"
    );
    let at_commit = query_error(&err, &t, true).to_string();
    assert_eq!(
        at_commit,
        "the connection to the database server was lost; the change may or may not have been saved: look before making it again"
    );

    cluster.start_again();
    let mut client = t.connect().expect("connect after the restart");
    let one: i32 = client.query_one("SELECT 1", &[]).expect("select").get(0);
    assert_eq!(one, 1);

    // No socket directory at all.
    let e = refusal("postgresql:///x?host=/nonexistent/pg&user=postgres");
    assert_eq!(
        e,
        "cannot reach the database server at /nonexistent/pg: no server is listening there (its socket file does not exist)"
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let cluster = Cluster::start();
    let url = format!("{}&connect_timeout=2", cluster.create_db("cases"));
    cluster.freeze();
    let started = Instant::now();
    let e = refusal(&url);
    let waited = started.elapsed();
    cluster.thaw();
    assert_eq!(
        e,
        format!(
            "cannot reach the database server at {}: no answer within 2 seconds",
            cluster.socket_dir().display()
        )
    );
    assert!(waited >= Duration::from_secs(2), "{waited:?}");
    assert!(waited < Duration::from_secs(8), "{waited:?}");
    let mut client = connect(&url);
    let one: i32 = client.query_one("SELECT 1", &[]).expect("select").get(0);
    assert_eq!(one, 1);
}

#[test]
fn a_refused_query_gives_the_message_and_code_but_no_values() {
    let cluster = Cluster::start();
    let url = cluster.create_db("cases");
    let t = target(&url);
    let mut client = t.connect().expect("connect");
    client
        .batch_execute("CREATE TABLE t (k bigint PRIMARY KEY)")
        .expect("create");
    client
        .execute("INSERT INTO t VALUES ($1)", &[&4_242_424_242_i64])
        .expect("insert");
    let err = client
        .execute("INSERT INTO t VALUES ($1)", &[&4_242_424_242_i64])
        .expect_err("duplicate");
    let e = query_error(&err, &t, false);
    assert!(matches!(e, StoreError::Database(_)), "{e:?}");
    let text = e.to_string();
    assert_eq!(
        text,
        format!(
            "the database server at {} refused: duplicate key value violates unique constraint \"t_pkey\" (23505)",
            cluster.socket_dir().display()
        )
    );
    // The server's detail names the key; the message does not.
    assert!(!text.contains("4242424242"), "{text}");

    // A connection the server ends (an administrator's command) is a lost connection.
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .expect("pid")
        .get(0);
    cluster.psql("postgres", &format!("SELECT pg_terminate_backend({pid})"));
    let err = client.query_one("SELECT 1", &[]).expect_err("terminated");
    assert!(matches!(
        query_error(&err, &t, false),
        StoreError::ConnectionLost(_)
    ));
}

#[test]
fn verify_full_accepts_the_test_ca_and_refuses_others() {
    let cluster = Cluster::start_tls();
    let ca = cluster.tls().ca_cert.display().to_string();
    let server = format!("localhost:{}", cluster.tls().port);

    // verify-full: the chain and the name `localhost` check out.
    let url = cluster.tcp_url(
        "localhost",
        "postgres",
        "postgres",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let t = target(&url);
    assert_eq!(t.sslmode(), SslChoice::VerifyFull);
    assert_eq!(t.describe(), format!("{server}/postgres"));
    let mut client = t.connect().expect("verify-full with the test CA");
    assert!(over_tls(&mut client));

    // The same server reached as 127.0.0.1: the certificate names localhost only.
    let by_address = format!("127.0.0.1:{}", cluster.tls().port);
    let e = refusal(&cluster.tcp_url(
        "127.0.0.1",
        "postgres",
        "postgres",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ));
    assert!(
        e.starts_with(&format!(
            "the database server at {by_address} did not present a certificate that sslmode=verify-full accepts (checked against {ca}): "
        )),
        "{e}"
    );
    assert!(e.ends_with("IP address mismatch"), "{e}");
    // ... which verify-ca does not check.
    let mut client = connect(&cluster.tcp_url(
        "127.0.0.1",
        "postgres",
        "postgres",
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ));
    assert!(over_tls(&mut client));
    // hostaddr: connect to the address, check the name.
    let mut client = connect(&cluster.tcp_url(
        "localhost",
        "postgres",
        "postgres",
        &format!("sslmode=verify-full&sslrootcert={ca}&hostaddr=127.0.0.1"),
    ));
    assert!(over_tls(&mut client));

    // A CA that signed nothing this server presents.
    let other = tempfile::tempdir().expect("tempdir");
    let other_ca = pg::make_ca(other.path(), "other").join("ca.crt");
    let other_ca = other_ca.display().to_string();
    for mode in ["verify-full", "verify-ca"] {
        let e = refusal(&cluster.tcp_url(
            "localhost",
            "postgres",
            "postgres",
            &format!("sslmode={mode}&sslrootcert={other_ca}"),
        ));
        assert!(
            e.starts_with(&format!(
                "the database server at {server} did not present a certificate that sslmode={mode} accepts (checked against {other_ca}): "
            )),
            "{e}"
        );
        assert!(e.contains("certificate"), "{e}");
    }
    // With a root file, require checks the chain too (libpq's rule).
    let e = refusal(&cluster.tcp_url(
        "localhost",
        "postgres",
        "postgres",
        &format!("sslmode=require&sslrootcert={other_ca}"),
    ));
    assert!(e.contains("sslmode=require"), "{e}");

    // A root file that is missing, where certificates are checked.
    let e = refusal(&cluster.tcp_url(
        "localhost",
        "postgres",
        "postgres",
        "sslmode=verify-full&sslrootcert=/nonexistent/root.crt",
    ));
    assert_eq!(
        e,
        format!(
            "the root certificate file /nonexistent/root.crt does not exist; sslmode=verify-full needs it to check the database server at {server}"
        )
    );
}

#[test]
fn require_prefer_and_disable_over_tcp() {
    let cluster = Cluster::start_tls();
    let server = format!("127.0.0.1:{}", cluster.tls().port);
    // require: TLS, the certificate not checked (the test CA is in no trust store).
    let mut client =
        connect(&cluster.tcp_url("127.0.0.1", "postgres", "postgres", "sslmode=require"));
    assert!(over_tls(&mut client));
    // prefer (the default): TLS when offered.
    let mut client = connect(&cluster.tcp_url("127.0.0.1", "postgres", "postgres", ""));
    assert!(over_tls(&mut client));
    // allow: plain first; this server refuses plain connections, so TLS.
    let mut client =
        connect(&cluster.tcp_url("127.0.0.1", "postgres", "postgres", "sslmode=allow"));
    assert!(over_tls(&mut client));
    // disable: refused by pg_hba, whose reason names no secret.
    let e = refusal(&cluster.tcp_url("127.0.0.1", "postgres", "postgres", "sslmode=disable"));
    assert!(
        e.starts_with(&format!(
            "the database server at {server} refused user postgres: no pg_hba.conf entry for host"
        )),
        "{e}"
    );
    // verify-full with the system's roots, which do not hold the test CA.
    let e = refusal(&cluster.tcp_url("localhost", "postgres", "postgres", "sslmode=verify-full"));
    assert!(
        e.contains("did not present a certificate that sslmode=verify-full accepts"),
        "{e}"
    );
}

/// A password file in `dir` holding `line`, mode `mode`.
fn pgpass(dir: &Path, line: &str, mode: u32) -> PathBuf {
    let path = dir.join("pgpass");
    fs::write(&path, format!("# test\n{line}\n")).expect("write pgpass");
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod pgpass");
    path
}

#[test]
fn passwords_come_from_the_password_file_and_never_show() {
    let cluster = Cluster::start_tls();
    cluster.psql(
        "postgres",
        &format!("CREATE ROLE alice LOGIN PASSWORD '{PASSWORD}' IN ROLE {PASSWORD_GROUP}"),
    );
    let port = cluster.tls().port;
    let server = format!("localhost:{port}");
    let dir = tempfile::tempdir().expect("tempdir");
    let address = |file: &Path, mode: &str| {
        cluster.tcp_url(
            "localhost",
            "alice",
            "postgres",
            &format!("sslmode={mode}&passfile={}", file.display()),
        )
    };
    let assert_clean = |text: &str| {
        assert!(!text.contains(PASSWORD), "{text}");
        assert!(!text.contains(WRONG), "{text}");
        assert!(!text.contains("Horse") && !text.contains("Mule"), "{text}");
    };

    // The right password, over TLS and in plain text (scram-sha-256 either way).
    let file = pgpass(
        dir.path(),
        &format!("localhost:{port}:postgres:alice:{PASSWORD}"),
        0o600,
    );
    for mode in ["require", "disable"] {
        let t = target(&address(&file, mode));
        assert_clean(&format!("{t:?}"));
        let mut client = t.connect().expect("the right password");
        let user: String = client
            .query_one("SELECT current_user", &[])
            .expect("user")
            .get(0);
        assert_eq!(user, "alice");
    }

    // A wrong password: the file named, the password nowhere.
    let file = pgpass(dir.path(), &format!("localhost:*:*:alice:{WRONG}"), 0o600);
    let e = refusal(&address(&file, "require"));
    assert_eq!(
        e,
        format!(
            "the database server at {server} refused user alice: check {}",
            file.display()
        )
    );
    assert_clean(&e);
    let debug = format!("{:?}", target(&address(&file, "require")).connect().err());
    assert_clean(&debug);

    // No line for this server: the line to write is named.
    let file = pgpass(
        dir.path(),
        &format!("elsewhere:*:*:alice:{PASSWORD}"),
        0o600,
    );
    let e = refusal(&address(&file, "require"));
    assert_eq!(
        e,
        format!(
            "the database server at {server} asks for a password for user alice, and {} has no line for it (`localhost:{port}:postgres:alice:PASSWORD`)",
            file.display()
        )
    );
    assert_clean(&e);

    // A file others may read is passed over, as libpq does, and the message says so.
    let file = pgpass(
        dir.path(),
        &format!("localhost:{port}:postgres:alice:{PASSWORD}"),
        0o644,
    );
    let e = refusal(&address(&file, "require"));
    assert_eq!(
        e,
        format!(
            "the database server at {server} asks for a password for user alice, and {path} was passed over because others may read it: chmod 600 {path}",
            path = file.display()
        )
    );
    assert_clean(&e);

    // No file at all.
    let e = refusal(&address(&dir.path().join("absent"), "require"));
    assert!(e.contains("there is no "), "{e}");
    assert!(e.contains("chmod 600"), "{e}");

    // A role that does not exist: refused by name, in one line.
    let e = refusal(&cluster.tcp_url("localhost", "nobody", "postgres", "sslmode=require"));
    assert_eq!(
        e,
        format!(
            "the database server at {server} refused user nobody: role \"nobody\" does not exist"
        )
    );
}

#[test]
fn the_binaries_are_found_or_the_tests_fail_clearly() {
    let empty = tempfile::tempdir().expect("tempdir");
    let e = pg::locate_binaries(Some(empty.path()), Path::new("/nonexistent"), None)
        .expect_err("an empty CASENOTES_PG_BIN");
    assert!(e.contains("CASENOTES_PG_BIN is "), "{e}");
    assert!(
        e.contains("PostgreSQL tests need a PostgreSQL server's binaries (initdb, pg_ctl): install Debian's `postgresql` package, or set CASENOTES_PG_BIN to their directory"),
        "{e}"
    );
    let e = pg::locate_binaries(None, empty.path(), Some(empty.path().as_os_str()))
        .expect_err("nothing anywhere");
    assert!(e.starts_with("PostgreSQL tests need"), "{e}");

    // The newest version under the library directory wins; PATH is the last resort.
    let lib = tempfile::tempdir().expect("tempdir");
    for version in ["9.6", "15", "16", "not-a-version"] {
        let bin = lib.path().join(version).join("bin");
        fs::create_dir_all(&bin).expect("mkdir");
        for tool in ["initdb", "pg_ctl"] {
            fs::write(bin.join(tool), "").expect("touch");
        }
    }
    fs::create_dir_all(lib.path().join("17/bin")).expect("an incomplete newer version");
    let found = pg::locate_binaries(None, lib.path(), None).expect("found");
    assert_eq!(found, lib.path().join("16/bin"));
    let found = pg::locate_binaries(
        None,
        empty.path(),
        Some(lib.path().join("15/bin").as_os_str()),
    )
    .expect("on PATH");
    assert_eq!(found, lib.path().join("15/bin"));
}
