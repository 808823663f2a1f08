//! Shared helpers for the integration tests: fast stores made through the library, and the real
//! binary run with pinned standard input.
#![allow(dead_code)]

pub mod backups;
pub mod driver;
pub mod pg;
pub mod pgrun;
pub mod tamper;
pub mod tui;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use casenotes::domain::{Channel, ClientRef, Policy, Role, Section, Sensitivity, SpecialCategory};
use casenotes::session::{self, Location, NewClient, NewNote, NewStore, Session, StoreHandle};
use casenotes::vault::KdfCost;
use secrecy::SecretString;

/// Passwords that pass the default policy.
pub const ADMIN_PW: &str = "violet anchor meadow trombone";
pub const ADVISER_PW: &str = "quartz lantern ember thistle";
pub const OTHER_PW: &str = "copper falcon drizzle orchard";
pub const SUPERVISOR_PW: &str = "nimbus osprey heather walnut";

/// A cheap key-derivation cost, so tests spend their time on what they test. Stored per slot,
/// so the real binary signs in just as cheaply on these stores.
pub const FAST: KdfCost = KdfCost {
    memory_kib: 256,
    passes: 1,
};

pub fn pw(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

pub fn fast_policy() -> Policy {
    Policy {
        kdf_memory_mib: 1,
        kdf_passes: 1,
        ..Policy::default()
    }
}

/// Which storage backend a test's store is on. Suites that exercise the session run on both
/// (see [`on_both_backends!`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Redb,
    Postgres,
}

/// Runs each named test function (`fn NAME(b: Backend)`) once per backend, as the tests
/// `redb::NAME` and `postgres::NAME`. The PostgreSQL ones start a throwaway cluster each, and
/// fail with a clear message where no PostgreSQL is installed.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod redb {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::common::Backend::Redb)
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::common::Backend::Postgres)
                }
            )*
        }
    };
}

/// A store with `admin`, `supervisor`, `adviser1` and `adviser2`, the advisers confirmed by the
/// supervisor (who holds the case keys from its first sign-in).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    /// The store file, on the redb backend. On PostgreSQL, a path in the fixture's folder that
    /// names no file (the state folder is beside it, as for a file).
    pub path: PathBuf,
    pub backend: Backend,
    /// What `--store` takes: the file's path, or the database's address.
    pub store: String,
    /// The throwaway cluster holding the store, on PostgreSQL (stopped and removed on drop).
    pub cluster: Option<pg::Cluster>,
}

/// The database a PostgreSQL fixture's store is in.
pub const PG_DB: &str = "casenotes";

/// An empty store location of `backend`: a file path in `dir`, or an empty database in a new
/// cluster. Returns what `--store` takes and the cluster.
pub fn new_location(backend: Backend, dir: &Path) -> (String, Option<pg::Cluster>) {
    match backend {
        Backend::Redb => (dir.join("store.redb").to_string_lossy().into_owned(), None),
        Backend::Postgres => {
            let cluster = pg::Cluster::start();
            let url = cluster.create_db(PG_DB);
            (url, Some(cluster))
        }
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::on(Backend::Redb)
    }

    /// The fixture's store on `backend`.
    pub fn on(backend: Backend) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.redb");
        let (store, cluster) = new_location(backend, dir.path());
        let at = Location::parse(std::ffi::OsStr::new(&store)).expect("location");
        let admin = session::create_store(
            &at,
            NewStore {
                admin: "admin",
                password: &pw(ADMIN_PW),
                kdf: FAST,
                policy: fast_policy(),
                demo: false,
            },
        )
        .expect("create store");
        admin
            .add_user("supervisor", Role::Supervisor, &pw(SUPERVISOR_PW))
            .expect("add supervisor");
        admin
            .add_user("adviser1", Role::Adviser, &pw(ADVISER_PW))
            .expect("add adviser1");
        admin
            .add_user("adviser2", Role::Adviser, &pw(OTHER_PW))
            .expect("add adviser2");
        drop(admin);
        let f = Fixture {
            dir,
            path,
            backend,
            store,
            cluster,
        };
        // The supervisor's first sign-in makes the case keys; the supervisor gives them to the
        // advisers.
        let sup = f.sign_in("supervisor");
        sup.confirm_user("adviser1").expect("confirm adviser1");
        sup.confirm_user("adviser2").expect("confirm adviser2");
        f
    }

    /// Where the store is.
    pub fn location(&self) -> Location {
        Location::parse(std::ffi::OsStr::new(&self.store)).expect("location")
    }

    /// The store, opened for signing in (with this fixture's state folder).
    pub fn open(&self) -> StoreHandle {
        session::open_store(self.location())
            .expect("open")
            .with_state_dir(self.state_dir())
    }

    /// Whether `needle` occurs anywhere the store's bytes are kept: the file, or the cluster's
    /// whole data directory on disk and a `pg_dump` of the database.
    pub fn holds(&self, needle: &[u8]) -> bool {
        match &self.cluster {
            None => file_contains(&self.path, needle),
            Some(c) => {
                let dump = c.pg_dump(PG_DB);
                dump.windows(needle.len()).any(|w| w == needle)
                    || dir_contains(c.data_dir(), needle)
            }
        }
    }

    /// Confirms `user` as the fixture's supervisor.
    pub fn confirm(&self, user: &str) {
        self.sign_in("supervisor")
            .confirm_user(user)
            .unwrap_or_else(|e| panic!("confirm {user}: {e}"));
    }

    pub fn sign_in(&self, user: &str) -> Session {
        let password = match user {
            "admin" => ADMIN_PW,
            "supervisor" => SUPERVISOR_PW,
            "adviser1" => ADVISER_PW,
            "adviser2" => OTHER_PW,
            other => panic!("no fixture password for {other}"),
        };
        session::sign_in(self.open(), user, &pw(password)).expect("sign in")
    }

    /// Where this fixture's "machine" keeps its witnesses of the store (the binary, run with
    /// this store, is pointed at the same place).
    pub fn state_dir(&self) -> PathBuf {
        state_dir_for(&self.path)
    }

    /// Runs the real binary against this store.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        match self.backend {
            Backend::Redb => run_bin(Some(&self.path), args, stdin),
            Backend::Postgres => {
                let mut all = vec!["--store", self.store.as_str()];
                all.extend_from_slice(args);
                run_bin_in(None, Some(&self.state_dir()), &all, stdin)
            }
        }
    }
}

pub fn client(s: &Session, name: &str) -> ClientRef {
    s.add_client(NewClient {
        name: name.into(),
        date_of_birth: None,
        contact: None,
        adviser: None,
    })
    .expect("add client")
}

pub fn section(heading: &str, label: Sensitivity, text: &str) -> Section {
    Section {
        heading: heading.into(),
        sensitivity: label,
        text: text.into(),
    }
}

pub fn health() -> Sensitivity {
    Sensitivity::Special(SpecialCategory::Health)
}

pub fn note(s: &Session, r: ClientRef, sections: Vec<Section>) -> casenotes::domain::NoteId {
    s.add_note(
        r,
        NewNote {
            channel: Channel::InPerson,
            contact_at: None,
            sections,
        },
        None,
    )
    .expect("add note")
}

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_bin(store: Option<&Path>, args: &[&str], stdin: &str) -> Run {
    run_bin_in(store, None, args, stdin)
}

/// [`run_bin`], with the state folder given where there is no store file to put it beside.
pub fn run_bin_in(store: Option<&Path>, state: Option<&Path>, args: &[&str], stdin: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casenotes"));
    cmd.env_remove("CASENOTES_STORE")
        .env_remove("CASENOTES_USER")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = store {
        cmd.arg("--store")
            .arg(p)
            .env("CASENOTES_STATE_DIR", state_dir_for(p));
    }
    if let Some(d) = state {
        cmd.env("CASENOTES_STATE_DIR", d);
    }
    cmd.args(args);
    let mut child = cmd.spawn().expect("spawn casenotes");
    {
        let mut input = child.stdin.take().expect("stdin");
        // The child may exit before reading (bad usage); that is not a test failure.
        let _ = input.write_all(stdin.as_bytes());
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The state directory tests use for a store: beside it, never the real one.
pub fn state_dir_for(store: &Path) -> PathBuf {
    store
        .parent()
        .map_or_else(|| PathBuf::from("state"), |d| d.join("state"))
}

/// Whether `needle` occurs in any file under `dir` (read as the test's user may: root reads
/// the cluster's files whoever owns them).
pub fn dir_contains(dir: &Path, needle: &[u8]) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if dir_contains(&p, needle) {
                return true;
            }
        } else if meta.is_file()
            && let Ok(bytes) = std::fs::read(&p)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            return true;
        }
    }
    false
}

/// Whether `needle` occurs anywhere in the file's raw bytes.
pub fn file_contains(path: &Path, needle: &[u8]) -> bool {
    let bytes = std::fs::read(path).expect("read store file");
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// A note with a fixed contact time, for screens pinned in snapshots.
pub fn note_at(
    s: &Session,
    r: ClientRef,
    at: i64,
    sections: Vec<Section>,
) -> casenotes::domain::NoteId {
    s.add_note(
        r,
        NewNote {
            channel: Channel::Phone,
            contact_at: Some(at),
            sections,
        },
        None,
    )
    .expect("add note")
}

/// Every piece of text a client view carries (shown and revealed sections, revealed details),
/// for checking what reached a face.
pub fn visible_text(view: &casenotes::session::ClientView) -> String {
    use casenotes::session::SectionBody;
    let mut out = String::new();
    for n in &view.notes {
        for s in &n.sections {
            if let SectionBody::Shown(t) | SectionBody::Revealed(t) = &s.body {
                out.push_str(t);
                out.push('\n');
            }
        }
    }
    if let Some(d) = &view.details {
        out.push_str(d.date_of_birth.as_deref().unwrap_or(""));
        out.push_str(d.contact.as_deref().unwrap_or(""));
    }
    out
}
