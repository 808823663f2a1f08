//! Where a PostgreSQL store is and how to reach it: a `postgres://` / `postgresql://` address read
//! the way libpq users expect, turned into a [`postgres::Config`] and a TLS connector.
//!
//! - The address is a libpq connection URL as tokio-postgres parses it
//!   (`postgresql://user@host:port/dbname?param=value&…`, `host=/socket/dir` for a Unix socket),
//!   plus the parameters tokio-postgres does not know and casenotes applies itself: `sslmode`
//!   (all six of libpq's values), `sslrootcert` and `passfile`. One server per address.
//! - What the address leaves out comes from libpq's environment: `PGHOST` (a value starting with
//!   `/` is a socket directory), `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`,
//!   `PGCONNECT_TIMEOUT`, `PGAPPNAME`, `PGPASSFILE`, `PGPASSWORD`; then libpq's defaults: the
//!   socket directory `/var/run/postgresql` (Debian's), port 5432, the account's user name, a
//!   database named after the user. casenotes adds a connect timeout of 10 s (libpq waits
//!   forever), which bounds the whole attempt as libpq's does, and the application name
//!   `casenotes`.
//! - A password is never taken from the address: an address travels through `ps`, shell
//!   histories, logs and messages. It comes from `PGPASSWORD` or the password file
//!   ([`pgpass`]: `~/.pgpass` or `PGPASSFILE`), read at each connection as libpq does.
//! - `sslmode` as in libpq: `disable`; `allow` (plain, TLS if the server insists); `prefer`, the
//!   default (TLS if the server offers it, else plain, also after a failed handshake); `require`
//!   (TLS, certificate unchecked); `verify-ca` (chain checked); `verify-full` (chain and host
//!   name). Unix sockets never use TLS, whatever the mode. Root certificates: `sslrootcert` /
//!   `PGSSLROOTCERT` (a PEM file, or `system`), else `~/.postgresql/root.crt` if it exists (then
//!   `require` and `prefer` check the chain too, as in libpq), else the system's roots. A root
//!   file is the only root trusted.
//!
//! Errors ([`errors`]) are one line each, name the server, and never hold a password, the
//! address's text or a value from a row. Nothing here logs.

mod errors;
mod pgpass;

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres_native_tls::MakeTlsConnector;
use secrecy::{ExposeSecret, SecretSlice};

pub use errors::{connect_error, query_error};

use self::errors::PasswordOrigin;
use crate::store::StoreError;

/// libpq's default socket directory on Debian (`DEFAULT_PGSOCKET_DIR`).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
/// libpq's default port.
pub const DEFAULT_PORT: u16 = 5432;
/// How long a connection attempt may wait for the server to accept, unless the address or
/// `PGCONNECT_TIMEOUT` says otherwise, so that a dead server does not hang the app.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The `application_name` the server shows in `pg_stat_activity`, unless the address or
/// `PGAPPNAME` names another.
pub const APPLICATION_NAME: &str = "casenotes";

const SEVERAL_SERVERS: &str =
    "it names several servers (or ports); give one: casenotes connects to one server";
const PASSWORD_IN_ADDRESS: &str = "the address holds a password: put it in ~/.pgpass (or PGPASSFILE) instead, so that it never shows in `ps`, a log or a message";

/// Whether a `--store` value names a PostgreSQL database rather than a file.
pub fn is_postgres_address(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslChoice {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslChoice {
    fn parse(s: &str) -> Option<SslChoice> {
        Some(match s {
            "disable" => SslChoice::Disable,
            "allow" => SslChoice::Allow,
            "prefer" => SslChoice::Prefer,
            "require" => SslChoice::Require,
            "verify-ca" => SslChoice::VerifyCa,
            "verify-full" => SslChoice::VerifyFull,
            _ => return None,
        })
    }

    /// The name as written in an address.
    pub fn as_str(self) -> &'static str {
        match self {
            SslChoice::Disable => "disable",
            SslChoice::Allow => "allow",
            SslChoice::Prefer => "prefer",
            SslChoice::Require => "require",
            SslChoice::VerifyCa => "verify-ca",
            SslChoice::VerifyFull => "verify-full",
        }
    }

    /// Whether the mode demands a certificate chain that checks out.
    fn verifies(self) -> bool {
        matches!(self, SslChoice::VerifyCa | SslChoice::VerifyFull)
    }
}

/// Where a connection's password comes from, decided when the address is read.
#[derive(Clone)]
enum PasswordSource {
    /// `PGPASSWORD`.
    Env(SecretSlice<u8>),
    /// A password file, looked in at each connection.
    File(PathBuf),
    /// No `PGPASSFILE` and no home directory to find `~/.pgpass` in.
    NoHome,
}

/// The root certificates a TLS connection checks the server's chain against.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    /// No check (libpq's `require` and `prefer` without a root file).
    Unchecked,
    /// The system's trusted roots.
    System,
    /// Only the certificates in this PEM file.
    File(PathBuf),
}

/// Where a PostgreSQL store is and how to reach it. Made once from the `--store` address (and
/// libpq's environment) by [`PgTarget::parse`]; [`PgTarget::connect`] opens connections. Holds
/// no password unless `PGPASSWORD` is set, and its `Debug` never shows one.
#[derive(Clone)]
pub struct PgTarget {
    /// Everything tokio-postgres connects with except the password and the TLS mode, which
    /// [`PgTarget::connect`] sets.
    config: postgres::Config,
    user: String,
    dbname: String,
    sslmode: SslChoice,
    /// `sslrootcert` or `PGSSLROOTCERT` as given (`system` for the system's roots).
    root_cert: Option<PathBuf>,
    /// `~/.postgresql/root.crt`, used when it exists and no root file is named.
    default_root_cert: Option<PathBuf>,
    password: PasswordSource,
    /// The home directory, to write paths under it as `~/…` in messages.
    home: Option<PathBuf>,
}

impl PgTarget {
    /// Reads a `postgres://` or `postgresql://` address, filling in what it leaves out from
    /// libpq's environment variables and defaults. Refuses, with [`StoreError::BadAddress`], an
    /// address that holds a password, names several servers, or that tokio-postgres cannot
    /// read; no message repeats the address.
    pub fn parse(address: &str) -> Result<PgTarget, StoreError> {
        parse_with(address, &Environment::from_process())
    }

    /// For status lines and messages: `host:port/dbname`, or `dbname on /socket/dir` for a Unix
    /// socket (with the port when it is not 5432). Never a password.
    pub fn describe(&self) -> String {
        match self.endpoint() {
            Endpoint::Socket(dir) if self.port() == DEFAULT_PORT => {
                format!("{} on {}", self.dbname, dir.display())
            }
            Endpoint::Socket(dir) => {
                format!("{} on {} port {}", self.dbname, dir.display(), self.port())
            }
            Endpoint::Tcp(host) => format!("{}:{}/{}", bracketed(&host), self.port(), self.dbname),
        }
    }

    /// The server alone, as messages name it: `host:port`, or the socket directory (with the
    /// port when it is not 5432).
    pub fn server(&self) -> String {
        match self.endpoint() {
            Endpoint::Socket(dir) if self.port() == DEFAULT_PORT => dir.display().to_string(),
            Endpoint::Socket(dir) => format!("{} (port {})", dir.display(), self.port()),
            Endpoint::Tcp(host) => format!("{}:{}", bracketed(&host), self.port()),
        }
    }

    /// The role the connection signs in as.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The database on the server.
    pub fn dbname(&self) -> &str {
        &self.dbname
    }

    /// The `sslmode` in force (Unix sockets ignore it).
    pub fn sslmode(&self) -> SslChoice {
        self.sslmode
    }

    /// Opens one connection, with TLS as `sslmode` says and the password from `PGPASSWORD` or
    /// the password file (read now, as libpq does at each connection). Errors are one line
    /// each, as [`connect_error`] maps them, and say why no password was found when the server
    /// asked for one.
    ///
    /// The connect timeout bounds the whole attempt, handshake and sign-in included, as libpq's
    /// does (tokio-postgres bounds only the socket's connect), so that a server that accepts
    /// connections but never answers does not hang the app. The attempt runs on a thread of its
    /// own for that; one that outlives the timeout is left to end by itself, and the connection
    /// it may still make is closed then.
    pub fn connect(&self) -> Result<postgres::Client, StoreError> {
        let mode = self.effective_mode();
        let roots = self.roots(mode)?;
        let (password, origin) = self.password();
        let mut config = self.config.clone();
        if let Some(password) = &password {
            config.password(password.expose_secret());
        }
        drop(password);
        let tls = match mode {
            SslChoice::Disable => None,
            _ => Some(self.tls_connector(mode, &roots)?),
        };
        let attempt = move || match tls {
            None => {
                config.ssl_mode(SslMode::Disable);
                config.connect(postgres::NoTls)
            }
            Some(tls) => {
                config.ssl_mode(match mode {
                    SslChoice::Disable | SslChoice::Allow => SslMode::Disable,
                    SslChoice::Prefer => SslMode::Prefer,
                    SslChoice::Require | SslChoice::VerifyCa | SslChoice::VerifyFull => {
                        SslMode::Require
                    }
                });
                match config.connect(tls.clone()) {
                    // libpq's `prefer` tries again in plain text after a failed handshake.
                    Err(e) if mode == SslChoice::Prefer && errors::is_tls_failure(&e) => {
                        config.ssl_mode(SslMode::Disable);
                        config.connect(tls)
                    }
                    // libpq's `allow` tries TLS after the server refused a plain connection.
                    Err(e) if mode == SslChoice::Allow && e.as_db_error().is_some() => {
                        config.ssl_mode(SslMode::Require);
                        config.connect(tls)
                    }
                    other => other,
                }
            }
        };
        let limit = self.config.get_connect_timeout().copied();
        match within(limit, attempt) {
            Ok(Ok(client)) => Ok(client),
            Ok(Err(e)) => Err(errors::connect_failure(
                &e,
                self,
                Some(&origin),
                mode,
                &roots,
            )),
            Err(Late::TimedOut) => Err(StoreError::Database(format!(
                "cannot reach the database server at {}: no answer within {} seconds",
                self.server(),
                limit.map(|l| l.as_secs()).unwrap_or(0)
            ))),
            Err(Late::NoThread(e)) => Err(StoreError::Database(format!(
                "cannot connect to the database server at {}: no thread to connect on: {e}",
                self.server()
            ))),
        }
    }

    /// The `sslmode` a connection uses: none on a Unix socket, as in libpq.
    fn effective_mode(&self) -> SslChoice {
        match self.endpoint() {
            Endpoint::Socket(_) => SslChoice::Disable,
            Endpoint::Tcp(_) => self.sslmode,
        }
    }

    fn port(&self) -> u16 {
        self.config
            .get_ports()
            .first()
            .copied()
            .unwrap_or(DEFAULT_PORT)
    }

    fn endpoint(&self) -> Endpoint {
        // A hostaddr, when given, is where the connection goes; the host then only names it.
        if let Some(addr) = self.config.get_hostaddrs().first() {
            return match self.config.get_hosts().first() {
                Some(Host::Tcp(name)) => Endpoint::Tcp(name.clone()),
                _ => Endpoint::Tcp(addr.to_string()),
            };
        }
        match self.config.get_hosts().first() {
            Some(Host::Unix(dir)) => Endpoint::Socket(dir.clone()),
            Some(Host::Tcp(name)) => Endpoint::Tcp(name.clone()),
            None => Endpoint::Socket(PathBuf::from(DEFAULT_SOCKET_DIR)),
        }
    }

    /// The host field libpq matches in the password file: the host name (or address) as given;
    /// for a Unix socket its directory, or `localhost` for libpq's default directory.
    fn pgpass_host(&self) -> String {
        match self.endpoint() {
            Endpoint::Socket(dir) if dir == Path::new(DEFAULT_SOCKET_DIR) => "localhost".into(),
            Endpoint::Socket(dir) => dir.to_string_lossy().into_owned(),
            Endpoint::Tcp(host) => host,
        }
    }

    fn password(&self) -> (Option<SecretSlice<u8>>, PasswordOrigin) {
        match &self.password {
            PasswordSource::Env(password) => (Some(password.clone()), PasswordOrigin::Env),
            PasswordSource::NoHome => (None, PasswordOrigin::NoHome),
            PasswordSource::File(path) => {
                let host = self.pgpass_host();
                let port = self.port().to_string();
                let key = pgpass::Key {
                    host: &host,
                    port: &port,
                    dbname: &self.dbname,
                    user: &self.user,
                };
                let path = path.clone();
                match pgpass::look_up(&path, &key) {
                    pgpass::Lookup::Found(password) => (Some(password), PasswordOrigin::File(path)),
                    pgpass::Lookup::NoMatch => (None, PasswordOrigin::NoLine(path)),
                    pgpass::Lookup::Missing => (None, PasswordOrigin::NoFile(path)),
                    pgpass::Lookup::Ignored(why) => (None, PasswordOrigin::Ignored(path, why)),
                    pgpass::Lookup::Unreadable(kind) => {
                        (None, PasswordOrigin::Unreadable(path, kind))
                    }
                }
            }
        }
    }

    /// The roots a connection in `mode` checks the server against, as libpq chooses them.
    fn roots(&self, mode: SslChoice) -> Result<Roots, StoreError> {
        if mode == SslChoice::Disable {
            return Ok(Roots::Unchecked);
        }
        match &self.root_cert {
            Some(path) if path.as_os_str() == "system" => Ok(Roots::System),
            Some(path) if path.exists() => Ok(Roots::File(path.clone())),
            // libpq: a named root file that is missing is an error where certificates are
            // checked, and ignored where they are not.
            Some(path) if mode.verifies() => Err(StoreError::Database(format!(
                "the root certificate file {} does not exist; sslmode={} needs it to check the database server at {}",
                self.shown(path),
                mode.as_str(),
                self.server()
            ))),
            Some(_) => Ok(Roots::Unchecked),
            None => match &self.default_root_cert {
                Some(path) if path.exists() => Ok(Roots::File(path.clone())),
                _ if mode.verifies() => Ok(Roots::System),
                _ => Ok(Roots::Unchecked),
            },
        }
    }

    fn tls_connector(
        &self,
        mode: SslChoice,
        roots: &Roots,
    ) -> Result<MakeTlsConnector, StoreError> {
        let mut builder = native_tls::TlsConnector::builder();
        match roots {
            Roots::Unchecked => {
                builder.danger_accept_invalid_certs(true);
            }
            Roots::System => {}
            Roots::File(path) => {
                let unusable = |why: String| {
                    StoreError::Database(format!(
                        "cannot use the root certificates in {} for the database server at {}: {why}",
                        self.shown(path),
                        self.server()
                    ))
                };
                let pem = fs::read(path).map_err(|e| unusable(e.to_string()))?;
                let certs = native_tls::Certificate::stack_from_pem(&pem)
                    .map_err(|e| unusable(e.to_string()))?;
                if certs.is_empty() {
                    return Err(unusable("the file holds no PEM certificate".into()));
                }
                for cert in certs {
                    builder.add_root_certificate(cert);
                }
                builder.disable_built_in_roots(true);
            }
        }
        if mode != SslChoice::VerifyFull {
            builder.danger_accept_invalid_hostnames(true);
        }
        let connector = builder.build().map_err(|e| {
            StoreError::Database(format!(
                "cannot set up TLS for the database server at {}: {e}",
                self.server()
            ))
        })?;
        Ok(MakeTlsConnector::new(connector))
    }

    /// A path for a message: under the home directory written `~/…`.
    fn shown(&self, path: &Path) -> String {
        match self
            .home
            .as_deref()
            .and_then(|home| path.strip_prefix(home).ok())
        {
            Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
            _ => path.display().to_string(),
        }
    }
}

impl fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let password = match &self.password {
            PasswordSource::Env(_) => "from PGPASSWORD".to_string(),
            PasswordSource::File(path) => format!("from {}", path.display()),
            PasswordSource::NoHome => "none".to_string(),
        };
        f.debug_struct("PgTarget")
            .field("server", &self.describe())
            .field("user", &self.user)
            .field("sslmode", &self.sslmode.as_str())
            .field("sslrootcert", &self.root_cert)
            .field("connect_timeout", &self.config.get_connect_timeout())
            .field("password", &password)
            .finish()
    }
}

/// Why [`within`] has no result.
enum Late {
    TimedOut,
    NoThread(std::io::Error),
}

/// Runs `attempt` on a thread of its own and waits for it at most `limit` (without a limit,
/// runs it here). A thread that outlives the limit is left to finish; what it returns then is
/// dropped.
fn within<T: Send + 'static>(
    limit: Option<Duration>,
    attempt: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Late> {
    let Some(limit) = limit else {
        return Ok(attempt());
    };
    let (sender, receiver) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("postgres-connect".into())
        .spawn(move || {
            let _ = sender.send(attempt());
        })
        .map_err(Late::NoThread)?;
    receiver.recv_timeout(limit).map_err(|_| Late::TimedOut)
}

enum Endpoint {
    Socket(PathBuf),
    Tcp(String),
}

/// An IPv6 address in brackets, so that the port after it reads as one.
fn bracketed(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

/// What libpq reads from the process: the environment variables it honours, the account's user
/// name and its home directory. Tests make one up rather than change the process's environment.
#[derive(Clone, Default)]
struct Environment {
    vars: BTreeMap<&'static str, OsString>,
    os_user: Option<String>,
    home: Option<PathBuf>,
}

/// The variables [`Environment`] reads.
const LIBPQ_VARS: [&str; 10] = [
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGCONNECT_TIMEOUT",
    "PGAPPNAME",
    "PGPASSFILE",
    "PGPASSWORD",
];

impl Environment {
    /// This process's: libpq's variables; the user name and home directory of the effective
    /// user's `/etc/passwd` entry, with `$HOME` first for the home (as libpq) and `$USER` or
    /// `$LOGNAME` when the entry is not in the file (a directory service).
    fn from_process() -> Environment {
        let vars = LIBPQ_VARS
            .iter()
            .filter_map(|&name| std::env::var_os(name).map(|value| (name, value)))
            .collect();
        let entry = passwd_entry(rustix::process::geteuid().as_raw());
        let os_user = entry.as_ref().map(|(name, _)| name.clone()).or_else(|| {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        });
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .or_else(|| entry.map(|(_, home)| home));
        Environment {
            vars,
            os_user,
            home,
        }
    }

    /// A variable's value; empty counts as unset.
    fn os(&self, name: &str) -> Option<OsString> {
        self.vars.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// A variable's value as text; refused when it is not UTF-8.
    fn text(&self, name: &str) -> Result<Option<String>, StoreError> {
        match self.os(name) {
            None => Ok(None),
            Some(value) => value
                .into_string()
                .map(Some)
                .map_err(|_| bad(format!("{name} is not valid UTF-8"))),
        }
    }
}

/// The name and home directory of `uid` in `/etc/passwd`.
fn passwd_entry(uid: u32) -> Option<(String, PathBuf)> {
    let text = fs::read_to_string("/etc/passwd").ok()?;
    text.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        match fields.as_slice() {
            [name, _, id, _, _, home, ..] if id.parse::<u32>().ok() == Some(uid) => {
                Some((name.to_string(), PathBuf::from(home)))
            }
            _ => None,
        }
    })
}

fn bad(why: impl Into<String>) -> StoreError {
    StoreError::BadAddress(why.into())
}

fn password_refused() -> StoreError {
    bad(PASSWORD_IN_ADDRESS)
}

/// `%XX` sequences decoded; a `%` not followed by two hex digits stays, as in tokio-postgres.
fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The host and port written in an address's authority (`host`, `host:port`, `[v6]:port`,
/// `:port`), as written, percent-escapes and all; an empty one is none.
fn split_authority(authority: &str) -> Result<(Option<String>, Option<String>), StoreError> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, rest) = v6
            .split_once(']')
            .ok_or_else(|| bad("its IPv6 address has no closing ]"))?;
        match rest {
            "" => (host, None),
            _ => match rest.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => return Err(bad("its IPv6 address is followed by more than a port")),
            },
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let some = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    Ok((some(host), port.and_then(some)))
}

fn parse_port(text: &str, from: &str) -> Result<u16, StoreError> {
    match text.trim().parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(bad(format!("{from} is not a port number"))),
    }
}

/// [`PgTarget::parse`] with the environment given.
fn parse_with(address: &str, env: &Environment) -> Result<PgTarget, StoreError> {
    let (scheme, rest) = ["postgresql://", "postgres://"]
        .iter()
        .find_map(|p| address.strip_prefix(p).map(|rest| (*p, rest)))
        .ok_or_else(|| bad("it must begin with postgres:// or postgresql://"))?;

    // Split as tokio-postgres does: credentials up to an `@`, the host up to `/` or `?`, the
    // database name up to `?`, then the parameters.
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (credentials, authority, tail) = match rest.find('@') {
        Some(at) if at < authority_end => (
            Some(&rest[..at]),
            &rest[at + 1..authority_end],
            &rest[authority_end..],
        ),
        // tokio-postgres would take everything before this `@` for the user name and password.
        Some(_) => {
            return Err(bad(
                "write @ as %40 in the database name and the parameters",
            ));
        }
        None => (None, &rest[..authority_end], &rest[authority_end..]),
    };
    if credentials.is_some_and(|c| c.contains(':')) {
        return Err(password_refused());
    }
    if authority.contains(',') {
        return Err(bad(SEVERAL_SERVERS));
    }
    let (path, query) = match tail.find('?') {
        Some(q) => (&tail[..q], Some(&tail[q + 1..])),
        None => (tail, None),
    };

    // The host and port: from the authority, then from the parameters (a later one wins, as in
    // libpq). They reach tokio-postgres as one `host` and one `port` parameter, so that it never
    // adds a second host or port to the ones the authority named.
    let (mut host, mut port) = split_authority(authority)?;
    // Take out the parameters tokio-postgres does not know; keep the rest as written.
    let mut kept = Vec::new();
    let mut given = HashSet::new();
    let mut sslmode = None;
    let mut root_cert = None;
    let mut passfile = None;
    for piece in query.into_iter().flat_map(|q| q.split('&')) {
        let (raw_key, raw_value) = piece
            .split_once('=')
            .ok_or_else(|| bad("a parameter in it has no value (write key=value)"))?;
        let key = String::from_utf8_lossy(&percent_decode(raw_key)).into_owned();
        match key.as_str() {
            "password" => return Err(password_refused()),
            "sslmode" => {
                let value = String::from_utf8(percent_decode(raw_value))
                    .map_err(|_| bad("its sslmode is not valid UTF-8"))?;
                sslmode = Some(value);
            }
            "sslrootcert" => {
                root_cert = Some(PathBuf::from(OsString::from_vec(percent_decode(raw_value))))
            }
            "passfile" => {
                passfile = Some(PathBuf::from(OsString::from_vec(percent_decode(raw_value))))
            }
            "host" => host = Some(raw_value.to_string()).filter(|h| !h.is_empty()),
            "port" => port = Some(raw_value.to_string()).filter(|p| !p.is_empty()),
            _ => {
                given.insert(key);
                kept.push(piece.to_string());
            }
        }
    }
    if let Some(host) = &host {
        if percent_decode(host).contains(&b',') {
            return Err(bad(SEVERAL_SERVERS));
        }
        kept.push(format!("host={}", host.replace('&', "%26")));
    }
    if let Some(port) = &port {
        kept.push(format!("port={port}"));
    }

    let mut url = String::from(scheme);
    if let Some(credentials) = credentials {
        url.push_str(credentials);
        url.push('@');
    }
    url.push_str(path);
    if !kept.is_empty() {
        url.push('?');
        url.push_str(&kept.join("&"));
    }
    let mut config = postgres::Config::from_str(&url).map_err(|e| bad(errors::chain(&e)))?;
    if config.get_password().is_some() {
        return Err(password_refused());
    }
    if config.get_hosts().len() > 1
        || config.get_hostaddrs().len() > 1
        || config.get_ports().len() > 1
    {
        return Err(bad(SEVERAL_SERVERS));
    }

    if config.get_hosts().is_empty() {
        if let Some(host) = env.os("PGHOST") {
            if host.as_bytes().contains(&b',') {
                return Err(bad(
                    "PGHOST names several servers; give one (casenotes connects to one server)",
                ));
            }
            if host.as_bytes().first() == Some(&b'/') {
                config.host_path(PathBuf::from(host));
            } else {
                let host = host
                    .into_string()
                    .map_err(|_| bad("PGHOST is not valid UTF-8"))?;
                config.host(&host);
            }
        } else if let Some(addr) = config.get_hostaddrs().first().copied() {
            // The address names the server in messages, the password file and TLS.
            config.host(&addr.to_string());
        } else {
            config.host_path(DEFAULT_SOCKET_DIR);
        }
    }
    if config.get_ports().is_empty() {
        let port = match env.text("PGPORT")? {
            Some(port) => parse_port(&port, "PGPORT")?,
            None => DEFAULT_PORT,
        };
        config.port(port);
    }

    let user = match config.get_user().filter(|u| !u.is_empty()) {
        Some(user) => user.to_string(),
        None => match env.text("PGUSER")? {
            Some(user) => user,
            None => env.os_user.clone().ok_or_else(|| {
                bad("it names no user, and neither does PGUSER; write postgresql://NAME@HOST/DATABASE")
            })?,
        },
    };
    config.user(&user);
    let dbname = match config.get_dbname().filter(|d| !d.is_empty()) {
        Some(dbname) => dbname.to_string(),
        None => env.text("PGDATABASE")?.unwrap_or_else(|| user.clone()),
    };
    config.dbname(&dbname);

    if given.contains("connect_timeout") {
        // libpq waits at least 2 s; 0 or less (left unset by tokio-postgres) waits forever.
        if config.get_connect_timeout() == Some(&Duration::from_secs(1)) {
            config.connect_timeout(Duration::from_secs(2));
        }
    } else {
        match env.text("PGCONNECT_TIMEOUT")? {
            Some(text) => {
                let secs: i64 = text
                    .trim()
                    .parse()
                    .map_err(|_| bad("PGCONNECT_TIMEOUT is not a whole number of seconds"))?;
                if secs > 0 {
                    config.connect_timeout(Duration::from_secs(secs.max(2).unsigned_abs()));
                }
            }
            None => {
                config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
            }
        }
    }
    if config.get_application_name().is_none() {
        let name = env
            .text("PGAPPNAME")?
            .unwrap_or_else(|| APPLICATION_NAME.to_string());
        config.application_name(&name);
    }

    let (mode_text, mode_from) = match sslmode {
        Some(text) => (text, "its sslmode"),
        None => match env.text("PGSSLMODE")? {
            Some(text) => (text, "PGSSLMODE"),
            None => ("prefer".to_string(), "sslmode"),
        },
    };
    let sslmode = SslChoice::parse(&mode_text).ok_or_else(|| {
        bad(format!(
            "{mode_from} must be disable, allow, prefer, require, verify-ca or verify-full"
        ))
    })?;
    let root_cert = root_cert.or_else(|| env.os("PGSSLROOTCERT").map(PathBuf::from));
    let default_root_cert = env.home.as_ref().map(|h| h.join(".postgresql/root.crt"));

    let password = if let Some(password) = env.os("PGPASSWORD") {
        PasswordSource::Env(SecretSlice::from(password.into_vec()))
    } else if let Some(file) = passfile.or_else(|| env.os("PGPASSFILE").map(PathBuf::from)) {
        PasswordSource::File(file)
    } else if let Some(home) = &env.home {
        PasswordSource::File(home.join(".pgpass"))
    } else {
        PasswordSource::NoHome
    };

    Ok(PgTarget {
        config,
        user,
        dbname,
        sslmode,
        root_cert,
        default_root_cert,
        password,
        home: env.home.clone(),
    })
}

#[cfg(test)]
mod tests;
