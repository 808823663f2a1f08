//! Addresses, libpq's environment and defaults, password sources and TLS roots, each against a
//! made-up environment (the process's own is never read or changed here).

use std::os::unix::fs::PermissionsExt;

use super::*;

const SECRET: &str = "hunter2-Zebra-42";

fn env(vars: &[(&'static str, &str)]) -> Environment {
    Environment {
        vars: vars
            .iter()
            .map(|(name, value)| (*name, OsString::from(value)))
            .collect(),
        os_user: Some("osuser".to_string()),
        home: Some(PathBuf::from("/home/osuser")),
    }
}

fn parse(address: &str, vars: &[(&'static str, &str)]) -> PgTarget {
    match parse_with(address, &env(vars)) {
        Ok(target) => target,
        Err(e) => panic!("{address}: {e}"),
    }
}

fn refused(address: &str, vars: &[(&'static str, &str)]) -> String {
    match parse_with(address, &env(vars)) {
        Err(e @ StoreError::BadAddress(_)) => e.to_string(),
        Err(e) => panic!("{address}: another error: {e}"),
        Ok(target) => panic!("{address}: accepted as {target:?}"),
    }
}

fn socket(target: &PgTarget) -> Option<PathBuf> {
    match target.endpoint() {
        Endpoint::Socket(dir) => Some(dir),
        Endpoint::Tcp(_) => None,
    }
}

fn tcp_host(target: &PgTarget) -> Option<String> {
    match target.endpoint() {
        Endpoint::Tcp(host) => Some(host),
        Endpoint::Socket(_) => None,
    }
}

fn timeout(target: &PgTarget) -> Option<u64> {
    target.config.get_connect_timeout().map(|t| t.as_secs())
}

#[test]
fn postgres_addresses_are_told_from_paths() {
    assert!(is_postgres_address("postgres://db/x"));
    assert!(is_postgres_address("postgresql:///x?host=/tmp"));
    assert!(is_postgres_address("postgresql://"));
    for not in [
        "/var/lib/casenotes/store.redb",
        "store.redb",
        "postgres:/x",
        "postgresql:x",
        "pg://db/x",
        "./postgres://x",
        "",
    ] {
        assert!(!is_postgres_address(not), "{not}");
    }
}

#[test]
fn a_full_tcp_address() {
    let t = parse("postgresql://alice@db.example.org:6543/cases", &[]);
    assert_eq!(tcp_host(&t).as_deref(), Some("db.example.org"));
    assert_eq!(t.port(), 6543);
    assert_eq!(t.user(), "alice");
    assert_eq!(t.dbname(), "cases");
    assert_eq!(t.describe(), "db.example.org:6543/cases");
    assert_eq!(t.server(), "db.example.org:6543");
    assert_eq!(t.sslmode(), SslChoice::Prefer);
    assert_eq!(timeout(&t), Some(10));
    assert_eq!(t.config.get_application_name(), Some("casenotes"));
    assert_eq!(t.config.get_user(), Some("alice"));
    assert_eq!(t.config.get_dbname(), Some("cases"));
}

#[test]
fn both_schemes_read_alike() {
    let a = parse("postgres://db.example.org/cases", &[]);
    let b = parse("postgresql://db.example.org/cases", &[]);
    assert_eq!(a.describe(), b.describe());
    assert_eq!(a.describe(), "db.example.org:5432/cases");
    assert_eq!(a.user(), "osuser");
}

#[test]
fn unix_sockets() {
    let t = parse("postgresql:///cases?host=/tmp/pg", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from("/tmp/pg")));
    assert_eq!(t.describe(), "cases on /tmp/pg");
    assert_eq!(t.server(), "/tmp/pg");

    let t = parse("postgresql:///cases?host=%2Ftmp%2Fpg&port=5433", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from("/tmp/pg")));
    assert_eq!(t.describe(), "cases on /tmp/pg port 5433");
    assert_eq!(t.server(), "/tmp/pg (port 5433)");

    // A socket in the authority, percent-encoded (libpq's own form).
    let t = parse("postgresql://%2Fvar%2Frun%2Fpostgresql/cases", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from("/var/run/postgresql")));
}

#[test]
fn nothing_given_means_libpq_defaults() {
    let t = parse("postgresql://", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from(DEFAULT_SOCKET_DIR)));
    assert_eq!(t.port(), 5432);
    assert_eq!(t.user(), "osuser");
    assert_eq!(t.dbname(), "osuser");
    assert_eq!(t.describe(), "osuser on /var/run/postgresql");
    assert_eq!(timeout(&t), Some(10));
    assert_eq!(t.config.get_application_name(), Some("casenotes"));
    assert_eq!(t.sslmode(), SslChoice::Prefer);
    // A Unix socket never uses TLS, whatever the mode.
    assert_eq!(t.effective_mode(), SslChoice::Disable);
    let t = parse("postgresql:///x?sslmode=verify-full", &[]);
    assert_eq!(t.sslmode(), SslChoice::VerifyFull);
    assert_eq!(t.effective_mode(), SslChoice::Disable);
    assert!(
        matches!(t.password, PasswordSource::File(ref p) if p == Path::new("/home/osuser/.pgpass"))
    );
    assert_eq!(
        t.default_root_cert.as_deref(),
        Some(Path::new("/home/osuser/.postgresql/root.crt"))
    );
}

#[test]
fn ipv6_hosts_are_bracketed() {
    let t = parse("postgresql://[::1]:5433/cases", &[]);
    assert_eq!(tcp_host(&t).as_deref(), Some("::1"));
    assert_eq!(t.describe(), "[::1]:5433/cases");
    let t = parse("postgresql://[2001:db8::7]/cases", &[("PGPORT", "6000")]);
    assert_eq!(t.describe(), "[2001:db8::7]:6000/cases");
}

#[test]
fn percent_encoding_and_parameters() {
    let t = parse(
        "postgresql://al%40ice@db/case%20notes?application_name=front%20desk&connect_timeout=30&user=ignored",
        &[],
    );
    // The `user` parameter comes after the user in the authority, and wins, as in tokio-postgres.
    assert_eq!(t.user(), "ignored");
    assert_eq!(t.dbname(), "case notes");
    assert_eq!(t.config.get_application_name(), Some("front desk"));
    assert_eq!(timeout(&t), Some(30));
    let t = parse("postgresql://al%40ice@db/x", &[]);
    assert_eq!(t.user(), "al@ice");
    let t = parse("postgresql://db?dbname=other&user=bob", &[]);
    assert_eq!((t.user(), t.dbname()), ("bob", "other"));
}

#[test]
fn connect_timeouts_as_libpq_reads_them() {
    let at = |address: &str, vars: &[(&'static str, &str)]| timeout(&parse(address, vars));
    assert_eq!(at("postgresql://db/x", &[]), Some(10));
    assert_eq!(at("postgresql://db/x?connect_timeout=3", &[]), Some(3));
    // 1 s is raised to libpq's minimum of 2; 0 waits forever.
    assert_eq!(at("postgresql://db/x?connect_timeout=1", &[]), Some(2));
    assert_eq!(at("postgresql://db/x?connect_timeout=0", &[]), None);
    assert_eq!(
        at("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "30")]),
        Some(30)
    );
    assert_eq!(
        at("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "1")]),
        Some(2)
    );
    assert_eq!(at("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "0")]), None);
    assert_eq!(
        at("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "-5")]),
        None
    );
    assert_eq!(
        at("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "")]),
        Some(10)
    );
    // The address wins over the environment.
    assert_eq!(
        at(
            "postgresql://db/x?connect_timeout=4",
            &[("PGCONNECT_TIMEOUT", "30")]
        ),
        Some(4)
    );
    let e = refused("postgresql://db/x", &[("PGCONNECT_TIMEOUT", "soon")]);
    assert!(e.contains("PGCONNECT_TIMEOUT"), "{e}");
}

#[test]
fn hostaddr_names_where_to_connect() {
    let t = parse("postgresql:///x?hostaddr=127.0.0.1", &[]);
    assert_eq!(tcp_host(&t).as_deref(), Some("127.0.0.1"));
    assert_eq!(t.describe(), "127.0.0.1:5432/x");
    assert_eq!(t.pgpass_host(), "127.0.0.1");
    let t = parse("postgresql://localhost:6000/x?hostaddr=127.0.0.1", &[]);
    assert_eq!(tcp_host(&t).as_deref(), Some("localhost"));
    assert_eq!(t.describe(), "localhost:6000/x");
    assert_eq!(t.pgpass_host(), "localhost");
}

#[test]
fn the_environment_fills_what_the_address_leaves_out() {
    let vars = [
        ("PGHOST", "/srv/pg"),
        ("PGPORT", "5433"),
        ("PGUSER", "pguser"),
        ("PGDATABASE", "pgdb"),
        ("PGAPPNAME", "office"),
        ("PGSSLMODE", "require"),
        ("PGSSLROOTCERT", "/etc/pg/root.pem"),
    ];
    let t = parse("postgresql://", &vars);
    assert_eq!(socket(&t), Some(PathBuf::from("/srv/pg")));
    assert_eq!(t.port(), 5433);
    assert_eq!((t.user(), t.dbname()), ("pguser", "pgdb"));
    assert_eq!(t.config.get_application_name(), Some("office"));
    assert_eq!(t.sslmode(), SslChoice::Require);
    assert_eq!(t.root_cert.as_deref(), Some(Path::new("/etc/pg/root.pem")));

    // A PGHOST not starting with `/` is a host name.
    let t = parse("postgresql://", &[("PGHOST", "db.example.org")]);
    assert_eq!(tcp_host(&t).as_deref(), Some("db.example.org"));

    // The database defaults to the user name, from PGUSER when set.
    let t = parse("postgresql://", &[("PGUSER", "pguser")]);
    assert_eq!(t.dbname(), "pguser");

    // Empty variables count as unset.
    let t = parse("postgresql://", &[("PGHOST", ""), ("PGUSER", "")]);
    assert_eq!(socket(&t), Some(PathBuf::from(DEFAULT_SOCKET_DIR)));
    assert_eq!(t.user(), "osuser");
}

#[test]
fn the_address_wins_over_the_environment() {
    let vars = [
        ("PGHOST", "elsewhere"),
        ("PGPORT", "9999"),
        ("PGUSER", "other"),
        ("PGDATABASE", "otherdb"),
        ("PGAPPNAME", "other"),
        ("PGSSLMODE", "disable"),
        ("PGSSLROOTCERT", "/other.pem"),
        ("PGPASSFILE", "/other/pgpass"),
    ];
    let t = parse(
        "postgresql://alice@db.example.org:6543/cases?application_name=mine&sslmode=verify-full&sslrootcert=/mine.pem&passfile=/mine/pgpass",
        &vars,
    );
    assert_eq!(t.describe(), "db.example.org:6543/cases");
    assert_eq!(t.user(), "alice");
    assert_eq!(t.config.get_application_name(), Some("mine"));
    assert_eq!(t.sslmode(), SslChoice::VerifyFull);
    assert_eq!(t.root_cert.as_deref(), Some(Path::new("/mine.pem")));
    assert!(matches!(t.password, PasswordSource::File(ref p) if p == Path::new("/mine/pgpass")));
    // A socket given as a parameter wins over PGHOST too.
    let t = parse("postgresql:///cases?host=/tmp/pg&port=7000", &vars);
    assert_eq!(socket(&t), Some(PathBuf::from("/tmp/pg")));
    assert_eq!(t.port(), 7000);
}

#[test]
fn pgport_applies_to_a_host_written_without_a_port() {
    let vars = [("PGPORT", "6000")];
    assert_eq!(parse("postgresql://db/x", &vars).port(), 6000);
    assert_eq!(parse("postgresql://db:7000/x", &vars).port(), 7000);
    assert_eq!(parse("postgresql://db/x?port=7001", &vars).port(), 7001);
    assert_eq!(parse("postgresql:///x?host=/tmp/pg", &vars).port(), 6000);
    assert_eq!(parse("postgresql://db/x", &[]).port(), 5432);
    let e = refused("postgresql://db/x", &[("PGPORT", "many")]);
    assert!(e.contains("PGPORT is not a port number"), "{e}");
    let e = refused("postgresql://", &[("PGPORT", "0")]);
    assert!(e.contains("PGPORT"), "{e}");
}

#[test]
fn later_hosts_and_ports_win_as_in_libpq() {
    // A host parameter replaces the authority's host, whose port stays.
    let t = parse("postgresql://db:5433/x?host=/tmp/pg", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from("/tmp/pg")));
    assert_eq!(t.port(), 5433);
    let t = parse("postgresql:///x?host=first&host=second&port=1&port=2", &[]);
    assert_eq!(t.describe(), "second:2/x");
    // An empty port in the authority is no port.
    let t = parse("postgresql://db:/x", &[("PGPORT", "6000")]);
    assert_eq!(t.port(), 6000);
    let t = parse("postgresql://:6001/x", &[]);
    assert_eq!(socket(&t), Some(PathBuf::from(DEFAULT_SOCKET_DIR)));
    assert_eq!(t.port(), 6001);
    for address in [
        "postgresql:///x?port=1,2",
        "postgresql:///x?host=a%2Cb",
        "postgresql:///x?hostaddr=127.0.0.1,127.0.0.2",
    ] {
        let e = refused(address, &[]);
        assert!(e.contains("several servers"), "{address}: {e}");
    }
    let e = refused("postgresql://[::1/x", &[]);
    assert!(e.contains("IPv6"), "{e}");
}

#[test]
fn sslmodes_by_name() {
    for (name, mode) in [
        ("disable", SslChoice::Disable),
        ("allow", SslChoice::Allow),
        ("prefer", SslChoice::Prefer),
        ("require", SslChoice::Require),
        ("verify-ca", SslChoice::VerifyCa),
        ("verify-full", SslChoice::VerifyFull),
    ] {
        let t = parse(&format!("postgresql://db/x?sslmode={name}"), &[]);
        assert_eq!(t.sslmode(), mode);
        assert_eq!(t.effective_mode(), mode);
        assert_eq!(mode.as_str(), name);
        let t = parse("postgresql://db/x", &[("PGSSLMODE", name)]);
        assert_eq!(t.sslmode(), mode);
    }
    let e = refused("postgresql://db/x?sslmode=verify", &[]);
    assert!(e.contains("sslmode must be disable, allow"), "{e}");
    let e = refused("postgresql://db/x", &[("PGSSLMODE", "VERIFY-FULL")]);
    assert!(e.contains("PGSSLMODE must be"), "{e}");
}

#[test]
fn password_sources() {
    let t = parse("postgresql://db/x", &[("PGPASSWORD", SECRET)]);
    assert!(
        matches!(t.password, PasswordSource::Env(ref p) if p.expose_secret() == SECRET.as_bytes())
    );
    // PGPASSWORD wins over any password file.
    let t = parse(
        "postgresql://db/x?passfile=/a",
        &[("PGPASSWORD", SECRET), ("PGPASSFILE", "/b")],
    );
    assert!(matches!(t.password, PasswordSource::Env(_)));
    let t = parse("postgresql://db/x", &[("PGPASSFILE", "/b")]);
    assert!(matches!(t.password, PasswordSource::File(ref p) if p == Path::new("/b")));
    let t = parse(
        "postgresql://db/x?passfile=%2Fa%20b",
        &[("PGPASSFILE", "/b")],
    );
    assert!(matches!(t.password, PasswordSource::File(ref p) if p == Path::new("/a b")));
    let homeless = Environment {
        home: None,
        ..env(&[])
    };
    let t = parse_with("postgresql://db/x", &homeless).expect("parse");
    assert!(matches!(t.password, PasswordSource::NoHome));
    assert_eq!(t.default_root_cert, None);
}

#[test]
fn a_user_name_is_needed_from_somewhere() {
    let nobody = Environment {
        os_user: None,
        ..env(&[])
    };
    let e = match parse_with("postgresql://db/x", &nobody) {
        Err(e) => e.to_string(),
        Ok(t) => panic!("accepted: {t:?}"),
    };
    assert!(e.contains("names no user"), "{e}");
    assert!(parse_with("postgresql://alice@db/x", &nobody).is_ok());
}

#[test]
fn a_password_in_the_address_is_refused_without_repeating_it() {
    let expected = format!("bad PostgreSQL store address: {PASSWORD_IN_ADDRESS}");
    for address in [
        format!("postgresql://alice:{SECRET}@db.example.org/cases"),
        format!("postgres://alice:{SECRET}@db.example.org:5432/cases?sslmode=require"),
        "postgresql://alice:@db.example.org/cases".to_string(),
        format!("postgresql://db.example.org/cases?password={SECRET}"),
        format!("postgresql://db.example.org/cases?sslmode=require&password={SECRET}&user=alice"),
        format!("postgresql:///cases?host=/tmp&pass%77ord={SECRET}"),
        // Broken in other ways too: the password is still what is refused, first.
        format!("postgresql://alice:{SECRET}@db.example.org:notaport/cases"),
        format!("postgresql://db/cases?password={SECRET}&sslmode=bogus"),
    ] {
        let e = refused(&address, &[]);
        assert_eq!(e, expected, "{address}");
        assert!(!e.contains(SECRET));
        assert!(!e.contains("db.example.org"));
        assert!(!e.contains("alice"));
    }
}

#[test]
fn other_bad_addresses_in_one_line_each() {
    for (address, says) in [
        ("mysql://db/x", "must begin with postgres://"),
        ("postgresql://a,b/x", "several servers"),
        ("postgresql:///x?host=a,b", "several servers"),
        ("postgresql:///x?application_name=a@b", "write @ as %40"),
        (
            "postgresql://db/x?sslcert=/client.pem",
            "unknown option `sslcert`",
        ),
        ("postgresql://db/x?flag", "has no value"),
        ("postgresql://db:http/x", "invalid value for option `port`"),
        (
            "postgresql://db/x?target_session_attrs=some",
            "target_session_attrs",
        ),
    ] {
        let e = refused(address, &[]);
        assert!(e.contains(says), "{address}: {e}");
        assert!(!e.contains('\n'), "{address}: {e}");
        assert!(e.starts_with("bad PostgreSQL store address: "), "{e}");
    }
    let e = refused("postgresql://", &[("PGHOST", "a,b")]);
    assert!(e.contains("PGHOST names several servers"), "{e}");
}

#[test]
fn debug_never_shows_a_password() {
    let t = parse(
        "postgresql://alice@db.example.org/cases?sslmode=verify-full",
        &[("PGPASSWORD", SECRET)],
    );
    let debug = format!("{t:?}");
    assert!(!debug.contains(SECRET), "{debug}");
    assert!(!debug.contains("Zebra"), "{debug}");
    assert!(debug.contains("db.example.org:5432/cases"), "{debug}");
    assert!(debug.contains("from PGPASSWORD"), "{debug}");
    assert!(debug.contains("verify-full"), "{debug}");
    let debug = format!("{:#?}", t.clone());
    assert!(!debug.contains(SECRET), "{debug}");
}

#[test]
fn pgpass_host_names_as_libpq_matches_them() {
    assert_eq!(parse("postgresql://", &[]).pgpass_host(), "localhost");
    assert_eq!(
        parse("postgresql:///x?host=/var/run/postgresql", &[]).pgpass_host(),
        "localhost"
    );
    // Only libpq's default directory, compared as text.
    assert_eq!(
        parse("postgresql:///x?host=/run/postgresql", &[]).pgpass_host(),
        "/run/postgresql"
    );
    assert_eq!(
        parse("postgresql:///x?host=/tmp/pg", &[]).pgpass_host(),
        "/tmp/pg"
    );
    assert_eq!(
        parse("postgresql://db.example.org/x", &[]).pgpass_host(),
        "db.example.org"
    );
}

fn pgpass_file(dir: &Path, contents: &str, mode: u32) -> PathBuf {
    let path = dir.join("pgpass");
    fs::write(&path, contents).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
    path
}

#[test]
fn the_password_file_is_read_for_each_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = pgpass_file(
        dir.path(),
        &format!(
            "# office server\nlocalhost:5432:cases:alice:local-{SECRET}\n/tmp/pg:5433:cases:alice:dir-{SECRET}\ndb.example.org:*:*:alice:{SECRET}\n"
        ),
        0o600,
    );
    let passfile = file.display().to_string();
    let found = |address: &str| {
        let t = parse(address, &[("PGPASSFILE", passfile.as_str())]);
        match t.password() {
            (Some(pw), PasswordOrigin::File(p)) => {
                assert_eq!(p, file);
                String::from_utf8(pw.expose_secret().to_vec()).expect("utf-8")
            }
            (None, _) => "none".to_string(),
            (Some(_), _) => panic!("a password from elsewhere"),
        }
    };
    assert_eq!(
        found("postgresql://alice@/cases"),
        format!("local-{SECRET}")
    );
    assert_eq!(
        found("postgresql://alice@/cases?host=/tmp/pg&port=5433"),
        format!("dir-{SECRET}")
    );
    assert_eq!(found("postgresql://alice@db.example.org:7/any"), SECRET);
    assert_eq!(found("postgresql://bob@db.example.org/any"), "none");
    assert_eq!(found("postgresql://alice@/cases?host=/tmp/pg"), "none");

    let t = parse(
        "postgresql://bob@db/x",
        &[("PGPASSFILE", passfile.as_str())],
    );
    assert!(matches!(t.password(), (None, PasswordOrigin::NoLine(_))));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
    let t = parse(
        "postgresql://alice@db.example.org/x",
        &[("PGPASSFILE", passfile.as_str())],
    );
    assert!(matches!(
        t.password(),
        (
            None,
            PasswordOrigin::Ignored(_, pgpass::Ignored::OthersMayRead)
        )
    ));
    let t = parse(
        "postgresql://alice@db.example.org/x",
        &[("PGPASSFILE", "/nonexistent/pgpass")],
    );
    assert!(matches!(t.password(), (None, PasswordOrigin::NoFile(_))));
    let t = parse("postgresql://alice@db/x", &[("PGPASSWORD", SECRET)]);
    assert!(matches!(t.password(), (Some(_), PasswordOrigin::Env)));
}

#[test]
fn root_certificates_as_libpq_chooses_them() {
    let home = tempfile::tempdir().expect("tempdir");
    let with_home = |address: &str, vars: &[(&'static str, &str)]| {
        let env = Environment {
            home: Some(home.path().to_path_buf()),
            ..env(vars)
        };
        parse_with(address, &env).expect("parse")
    };
    let roots = |t: &PgTarget| t.roots(t.effective_mode());

    // Nothing named, no ~/.postgresql/root.crt: unchecked for require and prefer, the system's
    // roots for the verify modes.
    for (mode, expected) in [
        ("prefer", Roots::Unchecked),
        ("require", Roots::Unchecked),
        ("verify-ca", Roots::System),
        ("verify-full", Roots::System),
        ("disable", Roots::Unchecked),
    ] {
        let t = with_home(&format!("postgresql://db/x?sslmode={mode}"), &[]);
        assert_eq!(roots(&t).expect(mode), expected, "{mode}");
    }
    // `system` by name.
    let t = with_home("postgresql://db/x?sslmode=require&sslrootcert=system", &[]);
    assert_eq!(roots(&t).expect("roots"), Roots::System);

    // A named file that does not exist: an error where certificates are checked.
    let missing = home.path().join("missing.pem");
    let address = format!(
        "postgresql://db/x?sslmode=verify-full&sslrootcert={}",
        missing.display()
    );
    let e = match roots(&with_home(&address, &[])) {
        Err(e) => e.to_string(),
        Ok(r) => panic!("{r:?}"),
    };
    assert!(e.contains("missing.pem does not exist"), "{e}");
    assert!(e.contains("sslmode=verify-full"), "{e}");
    let t = with_home(
        &format!(
            "postgresql://db/x?sslmode=require&sslrootcert={}",
            missing.display()
        ),
        &[],
    );
    assert_eq!(roots(&t).expect("roots"), Roots::Unchecked);

    // ~/.postgresql/root.crt, once it exists, is used by every TLS mode, as in libpq.
    let default = home.path().join(".postgresql/root.crt");
    fs::create_dir_all(default.parent().expect("parent")).expect("mkdir");
    fs::write(&default, "not yet a certificate").expect("write");
    for mode in ["prefer", "require", "verify-ca", "verify-full"] {
        let t = with_home(&format!("postgresql://db/x?sslmode={mode}"), &[]);
        assert_eq!(
            roots(&t).expect(mode),
            Roots::File(default.clone()),
            "{mode}"
        );
    }
    // ... but not on a Unix socket, where there is no TLS.
    let t = with_home("postgresql:///x?host=/tmp/pg&sslmode=verify-full", &[]);
    assert_eq!(roots(&t).expect("roots"), Roots::Unchecked);
    // A named file wins over it.
    let named = home.path().join("named.pem");
    fs::write(&named, "").expect("write");
    let t = with_home(
        "postgresql://db/x?sslmode=verify-ca",
        &[("PGSSLROOTCERT", named.to_str().expect("utf-8"))],
    );
    assert_eq!(roots(&t).expect("roots"), Roots::File(named.clone()));

    // A root file that holds no certificate is refused in one line that names it (as ~/…).
    let t = with_home("postgresql://db/x?sslmode=verify-full", &[]);
    let e = match t.tls_connector(SslChoice::VerifyFull, &Roots::File(default.clone())) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted"),
    };
    assert!(
        e.starts_with("cannot use the root certificates in ~/.postgresql/root.crt for the database server at db:5432"),
        "{e}"
    );
    assert!(!e.contains('\n'), "{e}");
}

#[test]
fn timeouts_are_reported_with_their_length() {
    let t = parse("postgresql://db.example.org/x?connect_timeout=7", &[]);
    let e = connect_error(&postgres::Error::__private_api_timeout(), &t).to_string();
    assert_eq!(
        e,
        "cannot reach the database server at db.example.org:5432: no answer within 7 seconds"
    );
}

#[test]
fn percent_decoding_leaves_broken_escapes_alone() {
    assert_eq!(percent_decode("a%20b%2Fc"), b"a b/c");
    assert_eq!(percent_decode("100%"), b"100%");
    assert_eq!(percent_decode("%zz%4"), b"%zz%4");
    assert_eq!(percent_decode("%ff"), b"\xff");
}
