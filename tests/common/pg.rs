//! A real, throwaway PostgreSQL cluster for one test: `initdb` into a fresh directory under
//! `/tmp`, `pg_ctl start` with the socket in that directory and no TCP, `pg_ctl stop -m
//! immediate` and the directory removed on drop.
//!
//! - Binaries: `CASENOTES_PG_BIN` if set, else the newest `/usr/lib/postgresql/*/bin`
//!   (Debian's `postgresql` package), else `PATH`. None found: the test panics, never passes.
//! - As root (initdb refuses root) every PostgreSQL program runs as the `postgres` system user
//!   through `runuser`, and the directory is that user's; the test process itself connects over
//!   the socket, which root may.
//! - Nothing is shared between clusters (no fixed port or path), so test binaries and tests may
//!   start as many as they like at once.
//! - `fsync` stays on: crash tests rely on what the server reports as committed.

use std::ffi::OsStr;
use std::fs;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

/// The superuser every cluster is made with (`initdb --username`), trusted on the socket.
pub const SUPERUSER: &str = "postgres";

/// Roles in this group sign in over TCP with a password (`scram-sha-256`) on a TLS cluster;
/// everyone else is trusted there, over TLS only.
pub const PASSWORD_GROUP: &str = "password_users";

const NO_BINARIES: &str = "PostgreSQL tests need a PostgreSQL server's binaries (initdb, pg_ctl): install Debian's `postgresql` package, or set CASENOTES_PG_BIN to their directory";

/// The directory holding `initdb` and `pg_ctl`: `explicit` (the value of `CASENOTES_PG_BIN`)
/// if given, else the newest version under `lib_root` (`/usr/lib/postgresql`), else the first
/// directory on `path` (the value of `PATH`) that has both. The error is the one line a
/// developer needs.
pub fn locate_binaries(
    explicit: Option<&Path>,
    lib_root: &Path,
    path: Option<&OsStr>,
) -> Result<PathBuf, String> {
    let complete = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = explicit {
        return if complete(dir) {
            Ok(dir.to_path_buf())
        } else {
            Err(format!(
                "CASENOTES_PG_BIN is {}, which holds no initdb and pg_ctl. {NO_BINARIES}",
                dir.display()
            ))
        };
    }
    let mut versions: Vec<(Vec<u32>, PathBuf)> = fs::read_dir(lib_root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let version: Option<Vec<u32>> = name.split('.').map(|n| n.parse().ok()).collect();
            let bin = entry.path().join("bin");
            version.filter(|_| complete(&bin)).map(|v| (v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    if let Some(path) = path {
        for dir in std::env::split_paths(path) {
            if complete(&dir) {
                return Ok(dir);
            }
        }
    }
    Err(NO_BINARIES.to_string())
}

/// [`locate_binaries`] for this process, panicking with its message when there are none.
pub fn binaries() -> PathBuf {
    let explicit = std::env::var_os("CASENOTES_PG_BIN").map(PathBuf::from);
    let path = std::env::var_os("PATH");
    match locate_binaries(
        explicit.as_deref(),
        Path::new("/usr/lib/postgresql"),
        path.as_deref(),
    ) {
        Ok(dir) => dir,
        Err(message) => panic!("{message}"),
    }
}

/// The uid and gid of the `postgres` system user.
fn postgres_ids() -> (u32, u32) {
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .find_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            (f.len() >= 4 && f[0] == "postgres")
                .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
                .flatten()
        })
        .unwrap_or_else(|| {
            panic!(
                "the PostgreSQL tests run as root need the `postgres` system user, which Debian's `postgresql` package makes"
            )
        })
}

/// TLS material of a cluster started with [`Cluster::start_tls`].
pub struct Tls {
    /// The TCP port on 127.0.0.1.
    pub port: u16,
    /// The test CA's certificate (PEM), which signed the server's certificate for `localhost`.
    pub ca_cert: PathBuf,
}

/// One running (or stopped) throwaway cluster. Drop stops it at once and removes everything.
pub struct Cluster {
    dir: tempfile::TempDir,
    data: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    running: AtomicBool,
    frozen: AtomicBool,
    tls: Option<Tls>,
}

impl Cluster {
    /// A cluster on a Unix socket only (`listen_addresses=''`), the superuser `postgres`
    /// trusted, ready for connections.
    pub fn start() -> Cluster {
        let cluster = Cluster::init(5432);
        cluster.configure("listen_addresses = ''\n");
        cluster.start_or_panic();
        cluster
    }

    /// A cluster that also listens on 127.0.0.1 at a free port with TLS on: a fresh test CA and
    /// a server certificate for `localhost` (DNS name only: reaching it as 127.0.0.1 fails
    /// `verify-full`). pg_hba: the socket trusted; over TCP, roles in [`PASSWORD_GROUP`] give a
    /// password (TLS or not), everyone else is trusted over TLS and refused without.
    pub fn start_tls() -> Cluster {
        // A port found free may be taken before the server binds it: try a few.
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let mut cluster = Cluster::init(port);
            let certs = cluster.dir.path().join("tls");
            cluster.as_owner(|| fs::create_dir(&certs));
            let ca = make_ca_as(&cluster, &certs, "ca");
            cluster.make_server_cert(&certs, &ca);
            cluster.configure(&format!(
                "listen_addresses = '127.0.0.1'\nssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\n",
                certs.join("server.crt").display(),
                certs.join("server.key").display()
            ));
            cluster.write_owned(
                &cluster.data_dir().join("pg_hba.conf"),
                &format!(
                    "local   all all                          trust\n\
                     host    all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n\
                     hostssl all all                 127.0.0.1/32 trust\n"
                ),
            );
            match cluster.try_start() {
                Ok(()) => {
                    cluster.psql("postgres", &format!("CREATE ROLE {PASSWORD_GROUP} NOLOGIN"));
                    cluster.tls = Some(Tls {
                        port,
                        ca_cert: ca.join("ca.crt"),
                    });
                    return cluster;
                }
                Err(e) => last = e,
            }
        }
        panic!("{last}")
    }

    /// `postgresql:///DB?host=SOCKETDIR&port=PORT&user=postgres`: no password, trusted.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgresql:///{db}?host={}&port={}&user={SUPERUSER}",
            self.socket_dir().display(),
            self.port
        )
    }

    /// The TLS material of a cluster from [`Cluster::start_tls`].
    pub fn tls(&self) -> &Tls {
        self.tls
            .as_ref()
            .expect("a cluster started with Cluster::start_tls")
    }

    /// `postgresql://USER@HOST:PORT/DB?PARAMS` for the TLS listener (`host` is `localhost` or
    /// `127.0.0.1`; `params` without the leading `?`, may be empty).
    pub fn tcp_url(&self, host: &str, user: &str, db: &str, params: &str) -> String {
        let mut url = format!("postgresql://{user}@{host}:{}/{db}", self.tls().port);
        if !params.is_empty() {
            url.push('?');
            url.push_str(params);
        }
        url
    }

    /// Makes database `name` (owned by the superuser) and returns its [`Cluster::url`].
    pub fn create_db(&self, name: &str) -> String {
        self.psql(
            "postgres",
            &format!("CREATE DATABASE \"{}\"", name.replace('"', "\"\"")),
        );
        self.url(name)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A plain-format dump of database `db`.
    pub fn pg_dump(&self, db: &str) -> Vec<u8> {
        let out = self.run(
            self.tool("pg_dump")
                .args(["--no-password", "-d", db])
                .args(self.connection_args()),
            None,
        );
        out.stdout
    }

    /// Runs `sql` (given on standard input, so any number of statements) in database `db` as the
    /// superuser, stopping at the first error; panics with psql's stderr on failure. Returns the
    /// unaligned, tuples-only output (`-At`), without its last newline.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = self.run(
            self.tool("psql")
                .args([
                    "-X",
                    "-q",
                    "-At",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "--no-password",
                    "-d",
                    db,
                ])
                .args(self.connection_args())
                .args(["-f", "-"]),
            Some(sql.as_bytes()),
        );
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        if text.ends_with('\n') {
            text.pop();
        }
        text
    }

    /// `pg_ctl stop -m immediate`: the server is gone at once, as after a crash; the next start
    /// recovers from its write-ahead log.
    pub fn stop_immediate(&self) {
        let out = self.pg_ctl(&["stop", "-m", "immediate", "-w"]);
        if !out.status.success() {
            panic!(
                "pg_ctl stop failed: {}{}",
                String::from_utf8_lossy(&out.stderr),
                self.log_tail()
            );
        }
        self.running.store(false, Ordering::SeqCst);
    }

    /// Starts the server again on the same data directory and waits until it accepts
    /// connections.
    pub fn start_again(&self) {
        self.start_or_panic();
    }

    /// Stops the server's main process (SIGSTOP): connections are still accepted by the
    /// kernel, but nothing answers them, as with a hung server. [`Cluster::thaw`] (or drop)
    /// lets it go on.
    pub fn freeze(&self) {
        self.signal(rustix::process::Signal::STOP);
        self.frozen.store(true, Ordering::SeqCst);
    }

    /// Lets a [`Cluster::freeze`]d server go on (SIGCONT).
    pub fn thaw(&self) {
        self.signal(rustix::process::Signal::CONT);
        self.frozen.store(false, Ordering::SeqCst);
    }

    fn signal(&self, signal: rustix::process::Signal) {
        if let Err(e) = self.try_signal(signal) {
            panic!("cannot signal the test PostgreSQL server: {e}");
        }
    }

    fn try_signal(&self, signal: rustix::process::Signal) -> Result<(), String> {
        let pid_file = fs::read_to_string(self.data_dir().join("postmaster.pid"))
            .map_err(|e| format!("postmaster.pid: {e}"))?;
        let pid = pid_file
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .and_then(rustix::process::Pid::from_raw)
            .ok_or("no pid in postmaster.pid")?;
        rustix::process::kill_process(pid, signal).map_err(|e| e.to_string())
    }

    /// A made cluster, not yet started: `initdb` into a fresh directory whose socket and files
    /// belong to whoever runs the server.
    fn init(port: u16) -> Cluster {
        let bin = binaries();
        let as_postgres = rustix::process::geteuid().is_root();
        // Socket paths must stay under 108 bytes: a short directory in /tmp.
        let dir = tempfile::Builder::new()
            .prefix("pg")
            .tempdir_in("/tmp")
            .expect("a directory in /tmp for a PostgreSQL cluster");
        let cluster = Cluster {
            data: dir.path().join("data"),
            dir,
            bin,
            port,
            as_postgres,
            running: AtomicBool::new(false),
            frozen: AtomicBool::new(false),
            tls: None,
        };
        if as_postgres {
            let (uid, gid) = postgres_ids();
            std::os::unix::fs::chown(cluster.dir.path(), Some(uid), Some(gid))
                .expect("chown the cluster directory to postgres");
        }
        fs::set_permissions(cluster.dir.path(), fs::Permissions::from_mode(0o700))
            .expect("chmod the cluster directory");
        cluster.run(
            cluster
                .tool("initdb")
                .arg("-D")
                .arg(cluster.data_dir())
                .args([
                    "--auth=trust",
                    "--username",
                    SUPERUSER,
                    "--no-sync",
                    "--encoding=UTF8",
                    "--locale=C",
                ]),
            None,
        );
        cluster.configure(&format!(
            "unix_socket_directories = '{}'\nport = {port}\nshared_buffers = 16MB\nmax_connections = 80\nfsync = on\nsynchronous_commit = on\n",
            cluster.socket_dir().display()
        ));
        cluster
    }

    /// Appends settings to postgresql.conf (later lines win).
    fn configure(&self, settings: &str) {
        let conf = self.data_dir().join("postgresql.conf");
        let mut text = fs::read_to_string(&conf).expect("read postgresql.conf");
        text.push_str("\n# casenotes tests\n");
        text.push_str(settings);
        self.write_owned(&conf, &text);
    }

    fn start_or_panic(&self) {
        if let Err(e) = self.try_start() {
            panic!("{e}");
        }
    }

    fn try_start(&self) -> Result<(), String> {
        let out = self.pg_ctl(&["start", "-w", "-t", "60"]);
        if out.status.success() {
            self.running.store(true, Ordering::SeqCst);
            Ok(())
        } else {
            Err(format!(
                "the test PostgreSQL server did not start: {}{}",
                String::from_utf8_lossy(&out.stderr),
                self.log_tail()
            ))
        }
    }

    fn pg_ctl(&self, args: &[&str]) -> Output {
        let log = self.dir.path().join("server.log");
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("-D")
            .arg(self.data_dir())
            .arg("-l")
            .arg(&log)
            .args(args);
        cmd.stdin(Stdio::null());
        cmd.output().expect("run pg_ctl")
    }

    /// The server log's last lines, for a failure's message.
    fn log_tail(&self) -> String {
        let log = fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("\n--- server log (last lines) ---\n{tail}")
    }

    fn connection_args(&self) -> Vec<String> {
        vec![
            "-h".into(),
            self.socket_dir().display().to_string(),
            "-p".into(),
            self.port.to_string(),
            "-U".into(),
            SUPERUSER.into(),
        ]
    }

    /// A PostgreSQL program (or any other, by name on PATH if not in the binaries' directory),
    /// run as the cluster's owner, in its directory, without the caller's `PG*` variables.
    fn tool(&self, name: &str) -> Command {
        let program = match self.bin.join(name) {
            p if p.is_file() => p,
            _ => PathBuf::from(name),
        };
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        };
        cmd.current_dir(self.dir.path());
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("PG") {
                cmd.env_remove(name);
            }
        }
        cmd
    }

    /// Runs `cmd` with `stdin`, panicking with its stderr (and the server log) on failure.
    fn run(&self, cmd: &mut Command, stdin: Option<&[u8]>) -> Output {
        use std::io::Write;
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            pipe.write_all(input).expect("write to stdin");
        }
        let out = child.wait_with_output().expect("wait");
        if !out.status.success() {
            panic!(
                "{cmd:?} failed: {}{}",
                String::from_utf8_lossy(&out.stderr),
                self.log_tail()
            );
        }
        out
    }

    /// Runs `f` (which makes files) and gives what it made to the cluster's owner.
    fn as_owner<T>(&self, f: impl FnOnce() -> std::io::Result<T>) -> T {
        let made = f().expect("make a file for the test cluster");
        if self.as_postgres {
            let (uid, gid) = postgres_ids();
            chown_tree(self.dir.path(), uid, gid);
        }
        made
    }

    /// Writes `path` so that the cluster's owner owns it, mode 0600.
    fn write_owned(&self, path: &Path, text: &str) {
        self.as_owner(|| fs::write(path, text));
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).expect("chmod");
    }

    /// A key and a certificate for `localhost`, signed by the CA in `ca`.
    fn make_server_cert(&self, dir: &Path, ca: &Path) {
        let key = dir.join("server.key");
        let csr = dir.join("server.csr");
        let crt = dir.join("server.crt");
        let ext = dir.join("server.ext");
        self.write_owned(
            &ext,
            "subjectAltName = DNS:localhost\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n",
        );
        openssl(
            Command::new("openssl")
                .args(["req", "-new", "-newkey", "ec", "-pkeyopt"])
                .arg("ec_paramgen_curve:prime256v1")
                .args(["-nodes", "-subj", "/CN=localhost", "-keyout"])
                .arg(&key)
                .arg("-out")
                .arg(&csr),
        );
        openssl(
            Command::new("openssl")
                .args(["x509", "-req", "-days", "3650", "-in"])
                .arg(&csr)
                .arg("-CA")
                .arg(ca.join("ca.crt"))
                .arg("-CAkey")
                .arg(ca.join("ca.key"))
                .args(["-CAcreateserial", "-out"])
                .arg(&crt)
                .arg("-extfile")
                .arg(&ext),
        );
        fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).expect("chmod key");
        if self.as_postgres {
            let (uid, gid) = postgres_ids();
            chown_tree(self.dir.path(), uid, gid);
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.frozen.swap(false, Ordering::SeqCst) {
            let _ = self.try_signal(rustix::process::Signal::CONT);
        }
        if self.running.swap(false, Ordering::SeqCst) {
            let _ = self.pg_ctl(&["stop", "-m", "immediate", "-w"]);
        }
    }
}

/// A new test CA in `dir`: `ca.key` and `ca.crt` (PEM). Returns `dir`. Used for the clusters'
/// own CA and, by tests, for a CA that signed nothing the server presents.
pub fn make_ca(dir: &Path, name: &str) -> PathBuf {
    openssl(
        Command::new("openssl")
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
            .arg("ec_paramgen_curve:prime256v1")
            .args(["-nodes", "-days", "3650", "-subj"])
            .arg(format!("/CN=casenotes test CA {name}"))
            .args(["-addext", "basicConstraints=critical,CA:TRUE"])
            .args(["-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            .arg("-keyout")
            .arg(dir.join("ca.key"))
            .arg("-out")
            .arg(dir.join("ca.crt")),
    );
    dir.to_path_buf()
}

fn make_ca_as(cluster: &Cluster, dir: &Path, name: &str) -> PathBuf {
    let ca = make_ca(dir, name);
    if cluster.as_postgres {
        let (uid, gid) = postgres_ids();
        chown_tree(cluster.dir.path(), uid, gid);
    }
    ca
}

fn openssl(cmd: &mut Command) {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .expect("run openssl (the openssl command-line tool is needed for the TLS tests)");
    if !out.status.success() {
        panic!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
}

fn chown_tree(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(gid)).expect("chown");
    if path.is_dir() && !path.is_symlink() {
        for entry in fs::read_dir(path).expect("read_dir").flatten() {
            chown_tree(&entry.path(), uid, gid);
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}
