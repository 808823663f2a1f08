//! One clear line for each way a connection or a query can fail.
//!
//! Each names the server ([`PgTarget::server`]) and what went wrong. None holds a password (none
//! is ever at hand here but the one in the connection's config, which no message reads), the
//! address's text, or a value from a row: of a server's error only the message and the SQLSTATE
//! code are used, never its detail, hint or context, which may quote key values.

use std::error::Error as _;
use std::io;
use std::path::PathBuf;

use postgres::error::SqlState;

use super::pgpass::Ignored;
use super::{PgTarget, Roots, SslChoice};
use crate::store::StoreError;

/// Where the password for one connection attempt came from, or why none was found: named in
/// the error if the server refuses it or asks for one.
pub(super) enum PasswordOrigin {
    Env,
    File(PathBuf),
    /// The file was read; no line matches.
    NoLine(PathBuf),
    NoFile(PathBuf),
    Ignored(PathBuf, Ignored),
    Unreadable(PathBuf, io::ErrorKind),
    NoHome,
}

const COMMIT_UNKNOWN: &str =
    "the change may or may not have been saved: look before making it again";
const NOTHING_SAVED: &str = "nothing was saved: try again once the server is back";

/// Maps an error from [`postgres::Config::connect`] (or a pool opening connections for
/// `target`) to one line: the server not reachable, a user or password refused, a database
/// that does not exist, a certificate not accepted, and so on. [`PgTarget::connect`] maps its
/// own errors, and can say more about where the password came from.
pub fn connect_error(e: &postgres::Error, target: &PgTarget) -> StoreError {
    let mode = target.effective_mode();
    let roots = target.roots(mode).unwrap_or(Roots::Unchecked);
    connect_failure(e, target, None, mode, &roots)
}

/// Maps an error from a query or a transaction on a connection to `target`. A connection that
/// closed or broke gives [`StoreError::ConnectionLost`], saying whether the change may have been
/// saved (`during_commit`: the error came from the commit itself, whose outcome is then
/// unknown); a refusal by the server gives [`StoreError::Database`] with its message and
/// SQLSTATE code, never its detail (which may hold key values).
pub fn query_error(e: &postgres::Error, target: &PgTarget, during_commit: bool) -> StoreError {
    let lost_code = e.code().is_some_and(|code| {
        *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || code.code().starts_with("08")
    });
    let broken = e.is_closed() || e.to_string() == "error communicating with the server";
    if lost_code || broken {
        return StoreError::ConnectionLost(if during_commit {
            COMMIT_UNKNOWN
        } else {
            NOTHING_SAVED
        });
    }
    match e.as_db_error() {
        Some(db) => StoreError::Database(format!(
            "the database server at {} refused: {} ({})",
            target.server(),
            db.message(),
            db.code().code()
        )),
        None => StoreError::Database(format!(
            "the database server at {} gave an answer casenotes did not expect: {}",
            target.server(),
            chain(e)
        )),
    }
}

/// The connection error for `e`, with what was found of the password (`None`: not known) and
/// the TLS mode and roots the attempt used.
pub(super) fn connect_failure(
    e: &postgres::Error,
    target: &PgTarget,
    origin: Option<&PasswordOrigin>,
    mode: SslChoice,
    roots: &Roots,
) -> StoreError {
    let server = target.server();
    let user = target.user();
    let dbname = target.dbname();
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let message = db.message();
        return StoreError::Database(if *code == SqlState::INVALID_PASSWORD {
            format!(
                "the database server at {server} refused user {user}: check {}",
                password_place(target, origin)
            )
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            format!("the database server at {server} refused user {user}: {message}")
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            format!(
                "database {dbname} does not exist on the server at {server}; create it (createdb {dbname}) and run `casenotes init --store …`"
            )
        } else if *code == SqlState::CANNOT_CONNECT_NOW {
            format!(
                "the database server at {server} is starting up or shutting down: try again in a moment ({message})"
            )
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            format!("the database server at {server} takes no more connections: {message}")
        } else {
            format!(
                "the database server at {server} refused the connection: {message} ({})",
                code.code()
            )
        });
    }
    let source = e.source();
    let source_text = source.map(|s| s.to_string()).unwrap_or_default();
    StoreError::Database(match e.to_string().as_str() {
        "error connecting to server" => {
            let why = match source.and_then(|s| s.downcast_ref::<io::Error>()) {
                Some(io) => unreachable_reason(io, target),
                None => source_text,
            };
            format!("cannot reach the database server at {server}: {why}")
        }
        "timeout waiting for server" => format!(
            "cannot reach the database server at {server}: no answer within {} seconds",
            timeout_secs(target)
        ),
        "error performing TLS handshake" => {
            match source.and_then(|s| s.downcast_ref::<native_tls::Error>()) {
                Some(tls) if *roots != Roots::Unchecked => {
                    let checked_against = match roots {
                        Roots::File(path) => format!(" (checked against {})", target.shown(path)),
                        _ => String::new(),
                    };
                    format!(
                        "the database server at {server} did not present a certificate that sslmode={} accepts{checked_against}: {}",
                        mode.as_str(),
                        tls_reason(tls)
                    )
                }
                Some(tls) => format!(
                    "TLS with the database server at {server} failed: {}",
                    tls_reason(tls)
                ),
                None if source_text == "server does not support TLS" => format!(
                    "the database server at {server} does not offer TLS, which sslmode={} requires",
                    mode.as_str()
                ),
                None => format!("TLS with the database server at {server} failed: {source_text}"),
            }
        }
        "invalid configuration" if source_text == "password missing" => format!(
            "the database server at {server} asks for a password for user {user}, and {}",
            missing_password_reason(target, origin)
        ),
        "authentication error" => {
            format!("the database server at {server} refused user {user}: {source_text}")
        }
        // The connection closed or broke while it was being opened: a server shutting down
        // or restarting.
        _ if e.is_closed() || e.to_string() == "error communicating with the server" => format!(
            "the database server at {server} closed the connection while it was being opened (it may be restarting): try again in a moment"
        ),
        _ => format!(
            "cannot connect to the database server at {server}: {}",
            chain(e)
        ),
    })
}

/// Whether `e` is a failed TLS handshake (after which libpq's `prefer` tries plain text).
pub(super) fn is_tls_failure(e: &postgres::Error) -> bool {
    e.source()
        .is_some_and(|s| s.downcast_ref::<native_tls::Error>().is_some())
}

/// An error and its causes, `outer: inner: …`, leaving out a server's error (whose `Display`
/// holds its detail).
pub(super) fn chain(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        if s.downcast_ref::<postgres::error::DbError>().is_some() {
            break;
        }
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn unreachable_reason(io: &io::Error, target: &PgTarget) -> String {
    match io.kind() {
        io::ErrorKind::NotFound => {
            "no server is listening there (its socket file does not exist)".to_string()
        }
        io::ErrorKind::ConnectionRefused => {
            "connection refused: is the server running and accepting connections there?".to_string()
        }
        io::ErrorKind::TimedOut => format!("no answer within {} seconds", timeout_secs(target)),
        io::ErrorKind::PermissionDenied => {
            "permission denied (check who may open the socket's directory)".to_string()
        }
        _ => io.to_string(),
    }
}

fn timeout_secs(target: &PgTarget) -> u64 {
    target
        .config
        .get_connect_timeout()
        .map(|t| t.as_secs())
        .unwrap_or(0)
}

/// The part of a TLS error a person can act on: OpenSSL's verification result when there is
/// one (`self-signed certificate in certificate chain`, `hostname mismatch`, …).
fn tls_reason(e: &native_tls::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (") {
        Some(open) if text.ends_with(')') => text[open + 2..text.len() - 1].to_string(),
        _ => text,
    }
}

/// Where the refused password came from.
fn password_place(target: &PgTarget, origin: Option<&PasswordOrigin>) -> String {
    match origin {
        Some(PasswordOrigin::Env) => "PGPASSWORD".to_string(),
        Some(PasswordOrigin::File(path)) => target.shown(path),
        _ => "~/.pgpass".to_string(),
    }
}

/// Why no password was at hand when the server asked for one.
fn missing_password_reason(target: &PgTarget, origin: Option<&PasswordOrigin>) -> String {
    let line = format!(
        "{}:{}:{}:{}:PASSWORD",
        target.pgpass_host(),
        target.port(),
        target.dbname(),
        target.user()
    );
    match origin {
        Some(PasswordOrigin::NoLine(path)) => {
            format!("{} has no line for it (`{line}`)", target.shown(path))
        }
        Some(PasswordOrigin::NoFile(path)) => format!(
            "there is no {}: write `{line}` in it, readable by you alone (chmod 600)",
            target.shown(path)
        ),
        Some(PasswordOrigin::Ignored(path, Ignored::OthersMayRead)) => format!(
            "{path} was passed over because others may read it: chmod 600 {path}",
            path = target.shown(path)
        ),
        Some(PasswordOrigin::Ignored(path, Ignored::NotPlainFile)) => format!(
            "{} was passed over because it is not a plain file",
            target.shown(path)
        ),
        Some(PasswordOrigin::Unreadable(path, kind)) => {
            format!("{} cannot be read ({kind})", target.shown(path))
        }
        Some(PasswordOrigin::NoHome) => {
            "there is no home directory to find ~/.pgpass in: set PGPASSFILE".to_string()
        }
        Some(PasswordOrigin::Env) | Some(PasswordOrigin::File(_)) | None => format!(
            "none was found: write `{line}` in ~/.pgpass (or PGPASSFILE), readable by you alone"
        ),
    }
}
