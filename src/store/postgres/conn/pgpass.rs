//! libpq's password file, read exactly as libpq reads it, so that one `~/.pgpass` serves `psql`,
//! `pg_dump` and casenotes alike.
//!
//! One entry a line: `hostname:port:database:username:password`. A field that is exactly `*`
//! matches anything; `\:` and `\\` stand for a colon and a backslash (in every field, the password
//! too); a line whose first character is `#` is a comment; the first line that matches wins; a
//! line with fewer than five fields matches nothing.
//!
//! Like libpq, the file is ignored when it is not a plain file, or when its group or others have
//! any access to it (mode bits `077`): a password that others can read is no secret. libpq prints
//! a warning on stderr then; a library under a full-screen terminal app cannot, so the reason is
//! returned instead ([`Lookup::Ignored`]) and named in the error should the server then ask for a
//! password. Nothing here logs, and no error carries a byte of the file.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use secrecy::SecretSlice;
use zeroize::Zeroizing;

/// What a password is looked up for: libpq's four key fields. `host` is the host name as given,
/// the socket directory of a Unix-socket connection, or `localhost` for libpq's default socket
/// directory (see `PgTarget`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Key<'a> {
    pub host: &'a str,
    pub port: &'a str,
    pub dbname: &'a str,
    pub user: &'a str,
}

/// Why a password file was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ignored {
    /// A directory, device or pipe, not a plain file.
    NotPlainFile,
    /// Its group or others have some access to it.
    OthersMayRead,
}

/// What looking in the password file found.
pub(super) enum Lookup {
    Found(SecretSlice<u8>),
    /// The file was read; no line matches.
    NoMatch,
    /// There is no such file.
    Missing,
    Ignored(Ignored),
    /// The file exists but could not be read.
    Unreadable(io::ErrorKind),
}

/// Looks `key` up in the password file at `path`, after libpq's checks of the file's kind and
/// mode. The file's bytes are wiped from memory once looked through.
pub(super) fn look_up(path: &Path, key: &Key<'_>) -> Lookup {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Lookup::Missing,
        Err(e) => return Lookup::Unreadable(e.kind()),
    };
    if !meta.is_file() {
        return Lookup::Ignored(Ignored::NotPlainFile);
    }
    if meta.mode() & 0o077 != 0 {
        return Lookup::Ignored(Ignored::OthersMayRead);
    }
    let contents = match fs::read(path) {
        Ok(bytes) => Zeroizing::new(bytes),
        Err(e) => return Lookup::Unreadable(e.kind()),
    };
    match find(&contents, key) {
        Some(password) => Lookup::Found(password),
        None => Lookup::NoMatch,
    }
}

/// The password on the first line of `contents` that matches `key`, as libpq's
/// `passwordFromFile` finds it. An empty database or user name matches no line (libpq does not
/// look then either).
pub(super) fn find(contents: &[u8], key: &Key<'_>) -> Option<SecretSlice<u8>> {
    if key.dbname.is_empty() || key.user.is_empty() {
        return None;
    }
    for line in contents.split(|&b| b == b'\n') {
        // libpq reads lines as C strings: a NUL byte ends the line.
        let line = match line.iter().position(|&b| b == 0) {
            Some(nul) => &line[..nul],
            None => line,
        };
        if line.first() == Some(&b'#') {
            continue;
        }
        let line = strip_crlf(line);
        if line.is_empty() {
            continue;
        }
        let rest = match_field(line, key.host.as_bytes())
            .and_then(|rest| match_field(rest, key.port.as_bytes()))
            .and_then(|rest| match_field(rest, key.dbname.as_bytes()))
            .and_then(|rest| match_field(rest, key.user.as_bytes()));
        if let Some(rest) = rest {
            return Some(SecretSlice::from(unescape_password(rest)));
        }
    }
    None
}

/// The line without the carriage returns and newlines at its end.
fn strip_crlf(mut line: &[u8]) -> &[u8] {
    while let [head @ .., b'\r' | b'\n'] = line {
        line = head;
    }
    line
}

/// libpq's `pwdfMatchesString`: whether the field at the start of `buf` matches `token`, and if
/// so, what follows the field's closing colon. `*` alone matches anything; a backslash makes the
/// next byte literal (so `\*` is a literal star and `\:` a colon within the field). A field with
/// no closing colon matches nothing.
fn match_field<'l>(buf: &'l [u8], token: &[u8]) -> Option<&'l [u8]> {
    if let [b'*', b':', rest @ ..] = buf {
        return Some(rest);
    }
    let (mut i, mut t) = (0, 0);
    let mut escaped = false;
    while i < buf.len() {
        if buf[i] == b'\\' && !escaped {
            i += 1;
            escaped = true;
        }
        let c = buf.get(i).copied();
        if c == Some(b':') && t == token.len() && !escaped {
            return Some(&buf[i + 1..]);
        }
        escaped = false;
        if t == token.len() || c != Some(token[t]) {
            return None;
        }
        i += 1;
        t += 1;
    }
    None
}

/// The password field: up to the first colon that no backslash escapes, with each backslash
/// taken off the byte it escapes (a backslash at the very end stays).
fn unescape_password(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() && field[i] != b':' {
        if field[i] == b'\\' && i + 1 < field.len() {
            i += 1;
        }
        out.push(field[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use secrecy::ExposeSecret;

    use super::*;

    const KEY: Key<'static> = Key {
        host: "db.example.org",
        port: "5432",
        dbname: "casenotes",
        user: "alice",
    };

    fn found(contents: &str, key: &Key<'_>) -> Option<String> {
        find(contents.as_bytes(), key)
            .map(|pw| String::from_utf8(pw.expose_secret().to_vec()).expect("utf-8"))
    }

    #[test]
    fn an_exact_line_matches() {
        let file = "db.example.org:5432:casenotes:alice:s3cret\n";
        assert_eq!(found(file, &KEY).as_deref(), Some("s3cret"));
    }

    #[test]
    fn each_field_must_match() {
        for line in [
            "other.example.org:5432:casenotes:alice:x",
            "db.example.org:5433:casenotes:alice:x",
            "db.example.org:5432:other:alice:x",
            "db.example.org:5432:casenotes:bob:x",
            // A prefix or an extension of the value is no match.
            "db.example:5432:casenotes:alice:x",
            "db.example.org.uk:5432:casenotes:alice:x",
            "db.example.org:54321:casenotes:alice:x",
            "db.example.org:5432:casenotes:alic:x",
            "db.example.org:5432:casenotes:alice2:x",
        ] {
            assert_eq!(found(line, &KEY), None, "{line}");
        }
    }

    #[test]
    fn a_star_matches_anything() {
        assert_eq!(found("*:*:*:*:any", &KEY).as_deref(), Some("any"));
        assert_eq!(
            found("db.example.org:*:casenotes:*:some", &KEY).as_deref(),
            Some("some")
        );
        // A star with more in the field is literal text, not a pattern.
        assert_eq!(found("db.*:5432:casenotes:alice:x", &KEY), None);
        assert_eq!(found("*db.example.org:5432:casenotes:alice:x", &KEY), None);
    }

    #[test]
    fn an_escaped_star_is_a_literal_star() {
        let key = Key { user: "*", ..KEY };
        assert_eq!(
            found("db.example.org:5432:casenotes:\\*:starry", &key).as_deref(),
            Some("starry")
        );
        // ... and matches only a user literally named `*`.
        assert_eq!(
            found("db.example.org:5432:casenotes:\\*:starry", &KEY),
            None
        );
    }

    #[test]
    fn the_first_matching_line_wins() {
        let file = "\
db.example.org:5432:casenotes:bob:bobs
db.example.org:5432:casenotes:alice:first
*:*:*:*:fallback
db.example.org:5432:casenotes:alice:second
";
        assert_eq!(found(file, &KEY).as_deref(), Some("first"));
        let bob = Key { user: "bob", ..KEY };
        assert_eq!(found(file, &bob).as_deref(), Some("bobs"));
        let carol = Key {
            user: "carol",
            ..KEY
        };
        assert_eq!(found(file, &carol).as_deref(), Some("fallback"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let file = "\
# db.example.org:5432:casenotes:alice:commented

\r
db.example.org:5432:casenotes:alice:real
";
        assert_eq!(found(file, &KEY).as_deref(), Some("real"));
        // Only a `#` in the first column makes a comment: an indented one is an ordinary line
        // (which, here, matches no host).
        let indented = " #db.example.org:5432:casenotes:alice:x\n";
        assert_eq!(found(indented, &KEY), None);
        // A host name may start with `#` when escaped.
        let key = Key {
            host: "#odd",
            ..KEY
        };
        assert_eq!(
            found("\\#odd:5432:casenotes:alice:hashed", &key).as_deref(),
            Some("hashed")
        );
    }

    #[test]
    fn escapes_in_fields_and_the_password() {
        let key = Key {
            user: "a:b\\c",
            ..KEY
        };
        assert_eq!(
            found("db.example.org:5432:casenotes:a\\:b\\\\c:pw", &key).as_deref(),
            Some("pw")
        );
        // An unescaped colon ends the field, so the same user written plainly does not match.
        assert_eq!(found("db.example.org:5432:casenotes:a:b\\c:pw", &key), None);
        // The password: `\:` and `\\` unescaped, an unescaped colon ends it.
        assert_eq!(
            found(
                "db.example.org:5432:casenotes:alice:p\\:w\\\\d:ignored",
                &KEY
            )
            .as_deref(),
            Some("p:w\\d")
        );
        // Any other escaped byte stands for itself; a lone backslash at the end stays.
        assert_eq!(
            found("db.example.org:5432:casenotes:alice:\\x\\", &KEY).as_deref(),
            Some("x\\")
        );
    }

    #[test]
    fn line_ends_and_short_lines() {
        assert_eq!(
            found("db.example.org:5432:casenotes:alice:crlf\r\n", &KEY).as_deref(),
            Some("crlf")
        );
        // No newline after the last line.
        assert_eq!(
            found("x:1:2:3:4\ndb.example.org:5432:casenotes:alice:last", &KEY).as_deref(),
            Some("last")
        );
        // Four fields: no password field, no match (as in libpq).
        assert_eq!(found("db.example.org:5432:casenotes:alice", &KEY), None);
        // An empty password is a password (the server will judge it).
        assert_eq!(
            found("db.example.org:5432:casenotes:alice:", &KEY).as_deref(),
            Some("")
        );
        // Spaces are part of the fields.
        assert_eq!(found("db.example.org :5432:casenotes:alice:x", &KEY), None);
        assert_eq!(
            found("db.example.org:5432:casenotes:alice: spaced ", &KEY).as_deref(),
            Some(" spaced ")
        );
    }

    #[test]
    fn a_nul_byte_ends_the_line() {
        let file = b"db.example.org:5432:casenotes:alice:before\0after\n";
        let pw = find(file, &KEY).expect("found");
        assert_eq!(pw.expose_secret(), b"before");
        let cut = b"db.example.org:5432\0:casenotes:alice:x\n";
        assert!(find(cut, &KEY).is_none());
    }

    #[test]
    fn passwords_need_not_be_utf8() {
        let file = b"db.example.org:5432:casenotes:alice:\xff\xfe\n";
        let pw = find(file, &KEY).expect("found");
        assert_eq!(pw.expose_secret(), b"\xff\xfe");
    }

    #[test]
    fn an_empty_database_or_user_name_matches_nothing() {
        let file = "*:*:*:*:pw";
        assert_eq!(found(file, &Key { user: "", ..KEY }), None);
        assert_eq!(found(file, &Key { dbname: "", ..KEY }), None);
    }

    #[test]
    fn socket_directories_are_host_names_like_any_other() {
        // `PgTarget` passes the socket directory (or `localhost` for the default one); here it is
        // only text, colons and all.
        let key = Key {
            host: "/tmp/pg sockets",
            ..KEY
        };
        let file =
            "localhost:5432:casenotes:alice:local\n/tmp/pg sockets:5432:casenotes:alice:dir\n";
        assert_eq!(found(file, &key).as_deref(), Some("dir"));
        let default = Key {
            host: "localhost",
            ..KEY
        };
        assert_eq!(found(file, &default).as_deref(), Some("local"));
    }

    fn write(dir: &Path, contents: &str, mode: u32) -> std::path::PathBuf {
        let path = dir.join("pgpass");
        fs::write(&path, contents).expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        path
    }

    #[test]
    fn the_file_is_read_only_when_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let line = "db.example.org:5432:casenotes:alice:s3cret\n";
        let path = write(dir.path(), line, 0o600);
        assert!(
            matches!(look_up(&path, &KEY), Lookup::Found(pw) if pw.expose_secret() == b"s3cret")
        );
        let path = write(dir.path(), line, 0o400);
        assert!(matches!(look_up(&path, &KEY), Lookup::Found(_)));
        for mode in [0o640, 0o604, 0o660, 0o644, 0o610, 0o601] {
            let path = write(dir.path(), line, mode);
            assert!(
                matches!(
                    look_up(&path, &KEY),
                    Lookup::Ignored(Ignored::OthersMayRead)
                ),
                "{mode:o}"
            );
        }
        let path = write(dir.path(), "other:1:2:3:4\n", 0o600);
        assert!(matches!(look_up(&path, &KEY), Lookup::NoMatch));
        assert!(matches!(
            look_up(&dir.path().join("absent"), &KEY),
            Lookup::Missing
        ));
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).expect("mkdir");
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o700)).expect("chmod");
        assert!(matches!(
            look_up(&sub, &KEY),
            Lookup::Ignored(Ignored::NotPlainFile)
        ));
    }
}
