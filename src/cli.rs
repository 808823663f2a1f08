//! The command line: every administrative and scriptable operation, non-interactive, through
//! the same [`crate::session`] door (and so the same access rules and audit) as the TUI.
//!
//! Exit status: 0 success, 2 bad usage, 1 any other failure, with one line `error: …` on stderr.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

use crate::domain::{self, Channel, ClientRef, Policy, Role, Section, Sensitivity};
use crate::seed::{self, SeedOptions};
use crate::session::{
    self, ClientView, KdfCost, NewClient, NewNote, NewStore, Operation, Reveal, SectionBody,
    Session, SessionError,
};

#[derive(Parser, Debug)]
#[command(
    name = "casenotes",
    version,
    about = "Encrypted case notes for Information, Advice and Guidance advisers",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The store file (default: casenotes.redb in the platform data directory).
    #[arg(long, global = true, env = "CASENOTES_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Who is acting.
    #[arg(long, global = true, env = "CASENOTES_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Read the acting user's password from the first line of standard input (and a new
    /// password, where a command sets one, from the next line).
    #[arg(long, global = true)]
    pub password_stdin: bool,
    /// Lock the app after this many idle seconds (may only shorten the policy's time).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u32).range(1..))]
    pub lock_after: Option<u32>,
    /// Colour theme: default, light, high-contrast, or one of your own.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a demo store with a synthetic caseload (if absent) and open the app on it.
    Demo,
    /// Create a store and its first administrator.
    Init {
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// Manage user accounts (administrators).
    #[command(subcommand)]
    User(UserCmd),
    /// Show or change the office's policy.
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// Add and list clients.
    #[command(subcommand)]
    Client(ClientCmd),
    /// Add and read case notes.
    #[command(subcommand)]
    Note(NoteCmd),
    /// Read and verify the audit trail.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Create a new store filled with synthetic data.
    Seed {
        /// How many clients (at most 1,000,000).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=seed::MAX_CLIENTS))]
        clients: u64,
        /// How many notes per client (at most 1,000).
        #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(0..=1_000))]
        notes: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Add an account.
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List accounts.
    List,
    /// Disable an account; its password opens nothing any more.
    Disable { name: String },
    /// Set a new password for an account (your own, or anyone's as an administrator).
    Passwd { name: String },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    Adviser,
    Supervisor,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Adviser => Role::Adviser,
            RoleArg::Supervisor => Role::Supervisor,
            RoleArg::Admin => Role::Admin,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum PolicyCmd {
    /// Show every policy setting.
    Show,
    /// Change one setting (administrators).
    Set { key: String, value: String },
}

#[derive(Subcommand, Debug)]
pub enum ClientCmd {
    /// Add a client; prints the new client's reference.
    Add {
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// Assign to this adviser (supervisors); yourself by default.
        #[arg(long, value_name = "NAME")]
        adviser: Option<String>,
        /// Date of birth, YYYY-MM-DD (confidential).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        dob: Option<String>,
        /// Phone, email or address (confidential).
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
    },
    /// List your caseload (supervisors: every client).
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum NoteCmd {
    /// Add a note; prints the new note's id.
    Add {
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        #[arg(long, value_name = "KIND", default_value = "session", value_parser = parse_channel)]
        kind: Channel,
        /// A section: "HEADING[:SENSITIVITY]=TEXT"; repeat for each section.
        #[arg(long = "section", value_name = "SECTION", required = true)]
        sections: Vec<String>,
        /// Why you are writing to a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Show a client's notes, masked sections hidden unless revealed with a reason.
    Show {
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// Reveal every masked section (and the client's details); needs --reason.
        #[arg(long, requires = "reason")]
        reveal: bool,
        /// The reason for revealing, or for opening a client outside your caseload; logged.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// List audit events, oldest first.
    List {
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: Option<ClientRef>,
        #[arg(long)]
        json: bool,
    },
    /// Check that no event was edited, removed or reordered.
    Verify,
}

/// A `--section` argument, parsed.
#[derive(Clone, Debug)]
pub struct SectionArg {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub text: String,
}

/// Parses `HEADING[:SENSITIVITY]=TEXT`. The heading ends at the first `:` or `=`. Errors never
/// repeat the text, which may be confidential.
///
/// ```
/// use casenotes::cli::parse_section;
///
/// let s = parse_section("Health:special:health=Asthma; uses an inhaler").unwrap();
/// assert_eq!(s.heading, "Health");
/// assert_eq!(s.sensitivity.to_string(), "special:health");
/// assert_eq!(s.text, "Asthma; uses an inhaler");
/// let err = parse_section("Health:secret=Asthma").unwrap_err();
/// assert!(!err.contains("Asthma"));
/// ```
pub fn parse_section(s: &str) -> Result<SectionArg, String> {
    let (head, text) = s
        .split_once('=')
        .ok_or("a section has no '=': expected HEADING[:SENSITIVITY]=TEXT")?;
    let (heading, sensitivity) = match head.split_once(':') {
        Some((h, label)) => {
            let label = label.trim();
            let parsed = label.parse::<Sensitivity>().map_err(|e| {
                // Something that reads like prose is not echoed: it may be part of the note.
                if label.len() > 24 || label.contains(char::is_whitespace) {
                    "unknown sensitivity label: expected ordinary, confidential or special:<category>"
                        .to_string()
                } else {
                    e
                }
            })?;
            (h, parsed)
        }
        None => (head, Sensitivity::Ordinary),
    };
    let heading = heading.trim();
    if heading.is_empty() {
        return Err("a section needs a heading: expected HEADING[:SENSITIVITY]=TEXT".into());
    }
    Ok(SectionArg {
        heading: heading.to_string(),
        sensitivity,
        text: text.to_string(),
    })
}

fn parse_ref(s: &str) -> Result<ClientRef, String> {
    s.parse()
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<String, String> {
    s.parse::<jiff::civil::Date>()
        .map(|d| d.to_string())
        .map_err(|_| format!("'{s}' is not a date (expected YYYY-MM-DD)"))
}

/// A failure of a command, with its exit status.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error("{0}")]
    Other(String),
    /// Whoever reads our output stopped reading (`casenotes client list | head -1`): stop
    /// quietly, as Unix tools do.
    #[error("output closed")]
    ClosedPipe,
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

type CliResult<T = ()> = Result<T, CliError>;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    if let Err(e) = crate::hardening::harden() {
        eprintln!("error: {e}; refusing to run with keys that could leak into a core dump");
        return ExitCode::from(1);
    }
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    ExitCode::from(2)
                }
                _ => {
                    eprintln!("{}", first_line(&e.render().to_string()));
                    ExitCode::from(2)
                }
            };
        }
    };
    let mut out = io::stdout().lock();
    match run(cli, &mut out).and_then(|()| flush(&mut out)) {
        Ok(()) | Err(CliError::ClosedPipe) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn flush(out: &mut dyn Write) -> CliResult {
    out.flush().map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
        _ => CliError::Other(format!("cannot write output: {e}")),
    })
}

fn first_line(s: &str) -> String {
    let mut lines = s.lines().filter(|l| !l.trim().is_empty());
    let mut line = lines.next().unwrap_or("error: bad usage").to_string();
    // "the following required arguments were not provided:" is followed by the arguments, one
    // an indented line: name them on the same line.
    if line.ends_with(':') {
        let named: Vec<&str> = lines
            .take_while(|l| l.starts_with(' '))
            .map(str::trim)
            .collect();
        if !named.is_empty() {
            line = format!("{line} {}", named.join(", "));
        }
    }
    if line.starts_with("error:") {
        line
    } else {
        format!("error: {line}")
    }
}

/// A panic must not print a backtrace or anything it was holding: one line, then exit.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|_| {
        // A damaged file can make the storage engine panic; that is caught and reported as one
        // clear error by the store layer, so say nothing here.
        if !session::storage_engine_panicked() {
            eprintln!("error: internal error; nothing further was written to the store");
        }
    }));
}

/// The store path: `--store`, `CASENOTES_STORE`, or the platform data directory.
pub fn store_path(arg: Option<&Path>) -> CliResult<PathBuf> {
    if let Some(p) = arg {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("org", "casenotes", "casenotes")
        .map(|d| d.data_dir().join("casenotes.redb"))
        .ok_or_else(|| CliError::Other("no home directory; give --store PATH".into()))
}

/// Where passwords come from: standard input lines, or a prompt on the terminal.
struct Passwords {
    lines: Option<std::vec::IntoIter<SecretString>>,
}

impl Passwords {
    fn new(from_stdin: bool) -> CliResult<Self> {
        if !from_stdin {
            return Ok(Passwords { lines: None });
        }
        let mut raw = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut raw)
            .map_err(|e| CliError::Other(format!("cannot read standard input: {e}")))?;
        let lines: Vec<SecretString> = raw
            .lines()
            .map(|l| SecretString::from(l.trim_end_matches('\r').to_string()))
            .collect();
        raw.zeroize();
        Ok(Passwords {
            lines: Some(lines.into_iter()),
        })
    }

    fn next_line(&mut self, what: &str) -> CliResult<Option<SecretString>> {
        match &mut self.lines {
            Some(it) => match it.next() {
                Some(p) => Ok(Some(p)),
                None => Err(CliError::Usage(format!(
                    "--password-stdin: standard input has no line for {what}"
                ))),
            },
            None => Ok(None),
        }
    }

    /// The acting user's password.
    fn current(&mut self, user: &str) -> CliResult<SecretString> {
        match self.next_line("the password")? {
            Some(p) => Ok(p),
            None => prompt(&format!("Password for {user}: ")),
        }
    }

    /// A new password (asked twice on a terminal).
    fn new_password(&mut self, user: &str) -> CliResult<SecretString> {
        match self.next_line("the new password")? {
            Some(p) => Ok(p),
            None => {
                let a = prompt(&format!("New password for {user}: "))?;
                let b = prompt(&format!("Repeat the new password for {user}: "))?;
                if a.expose_secret() != b.expose_secret() {
                    return Err(CliError::Other("the two passwords differ".into()));
                }
                Ok(a)
            }
        }
    }
}

fn prompt(text: &str) -> CliResult<SecretString> {
    if !io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "no terminal to ask for a password: pass it on standard input with --password-stdin"
                .into(),
        ));
    }
    rpassword::prompt_password(text)
        .map(SecretString::from)
        .map_err(|_| {
            CliError::Usage("cannot read a password from the terminal: use --password-stdin".into())
        })
}

fn acting_user(cli_user: Option<&str>) -> CliResult<String> {
    cli_user.map(str::to_string).ok_or_else(|| {
        CliError::Usage("say who you are with --user NAME (or CASENOTES_USER)".into())
    })
}

/// Runs one parsed command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> CliResult {
    let Some(command) = cli.command else {
        let path = store_path(cli.store.as_deref())?;
        let options = crate::tui::Options {
            lock_after: cli.lock_after,
            user: cli.user.clone(),
            demo: None,
        };
        return open_app(&path, options, cli.theme.as_deref());
    };
    check_usage(&command)?;
    let mut pw = Passwords::new(cli.password_stdin)?;
    let path = store_path(cli.store.as_deref())?;
    match command {
        Command::Init { admin } => {
            let password = pw.new_password(&admin)?;
            session::create_store(
                &path,
                NewStore {
                    admin: &admin,
                    password: &password,
                    kdf: KdfCost::DEFAULT,
                    policy: Policy::default(),
                    demo: false,
                },
            )?;
            w(
                out,
                format_args!(
                    "created store {} with administrator {}\n",
                    path.display(),
                    admin.to_lowercase()
                ),
            )
        }
        Command::Seed { clients, notes } => {
            let password = pw.next_line("the password")?;
            let report = seed::seed(
                &path,
                SeedOptions {
                    clients,
                    notes_per_client: notes,
                    password,
                    kdf: KdfCost::DEFAULT,
                    demo: false,
                },
            )?;
            print_seed_report(out, &path, &report)
        }
        Command::Demo => demo(
            out,
            cli.store.as_deref(),
            cli.lock_after,
            cli.user.clone(),
            cli.theme.as_deref(),
        ),
        command => {
            let user = acting_user(cli.user.as_deref())?;
            let store = session::open_store(&path)?;
            let password = pw.current(&user)?;
            let mut s = session::sign_in(store, &user, &password)?;
            drop(password);
            signed_in(&mut s, command, &mut pw, out)
        }
    }
}

/// Refuses malformed arguments before any password is asked for or any store opened.
fn check_usage(command: &Command) -> CliResult {
    if let Command::Note(NoteCmd::Add { sections, .. }) = command {
        for raw in sections {
            parse_section(raw).map_err(|e| CliError::Usage(format!("--section: {e}")))?;
        }
    }
    Ok(())
}

fn w(out: &mut dyn Write, args: std::fmt::Arguments<'_>) -> CliResult {
    out.write_fmt(args).map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
        _ => CliError::Other(format!("cannot write output: {e}")),
    })
}

fn print_seed_report(out: &mut dyn Write, path: &Path, report: &seed::SeedReport) -> CliResult {
    w(
        out,
        format_args!(
            "created store {} with {} clients and {} notes\n",
            path.display(),
            report.clients,
            report.notes
        ),
    )?;
    for u in &report.users {
        match &u.password {
            Some(p) => w(
                out,
                format_args!("{:<12} {:<10} {}\n", u.name, u.role, p.expose_secret()),
            )?,
            None => w(out, format_args!("{:<12} {}\n", u.name, u.role))?,
        }
    }
    Ok(())
}

/// The demo store's place: beside the default store, never the real one.
fn demo_path(arg: Option<&Path>) -> CliResult<PathBuf> {
    match arg {
        Some(p) => Ok(p.to_path_buf()),
        None => directories::ProjectDirs::from("org", "casenotes", "casenotes")
            .map(|d| d.data_dir().join("demo.redb"))
            .ok_or_else(|| CliError::Other("no home directory; give --store PATH".into())),
    }
}

/// The demo accounts' password: printed on purpose, for a store of synthetic data only.
pub const DEMO_PASSWORD: &str = "demo-harbour-lantern-quartz";

/// Opens the terminal app, which needs a terminal on both ends.
fn open_app(path: &Path, options: crate::tui::Options, theme: Option<&str>) -> CliResult {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "the app needs a terminal; for scripts use the subcommands (see `casenotes --help`)"
                .into(),
        ));
    }
    crate::tui::run(path, options, theme).map_err(CliError::Other)
}

fn demo(
    out: &mut dyn Write,
    store: Option<&Path>,
    lock_after: Option<u32>,
    user: Option<String>,
    theme: Option<&str>,
) -> CliResult {
    let path = demo_path(store)?;
    if !path.exists() {
        seed::seed(
            &path,
            SeedOptions {
                clients: 40,
                notes_per_client: 6,
                password: Some(SecretString::from(DEMO_PASSWORD)),
                kdf: KdfCost::DEFAULT,
                demo: true,
            },
        )?;
    }
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        let accounts = ["adviser1", "adviser2", "supervisor", "admin"]
            .map(String::from)
            .to_vec();
        let options = crate::tui::Options {
            lock_after,
            user,
            demo: Some((accounts, DEMO_PASSWORD.into())),
        };
        return open_app(&path, options, theme);
    }
    let p = path.display();
    w(
        out,
        format_args!(
            "Demo store: {p} (synthetic data only)\n\
             Accounts: admin, supervisor, adviser1, adviser2 - password for each: {DEMO_PASSWORD}\n\n\
             Try:\n  \
             casenotes --store {p} --user adviser1 client list\n  \
             casenotes --store {p} --user adviser1 note show --client C-000001\n  \
             casenotes --store {p} --user adviser1 note show --client C-000001 --reveal --reason \"direct support\"\n  \
             casenotes --store {p} --user supervisor audit list\n"
        ),
    )
}

fn signed_in(
    s: &mut Session,
    command: Command,
    pw: &mut Passwords,
    out: &mut dyn Write,
) -> CliResult {
    match command {
        Command::User(UserCmd::Add { name, role }) => {
            // Check the role before asking for a password the command will not use.
            s.may(Operation::AddUsers)?;
            let password = pw.new_password(&name)?;
            s.add_user(&name, role.into(), &password)?;
            w(
                out,
                format_args!("added {} as {}\n", name.to_lowercase(), Role::from(role)),
            )
        }
        Command::User(UserCmd::List) => {
            for u in s.users()? {
                w(
                    out,
                    format_args!(
                        "{:<20} {:<10} {}\n",
                        u.name,
                        u.role,
                        if u.disabled { "disabled" } else { "active" }
                    ),
                )?;
            }
            Ok(())
        }
        Command::User(UserCmd::Disable { name }) => {
            s.disable_user(&name)?;
            w(out, format_args!("disabled {}\n", name.to_lowercase()))
        }
        Command::User(UserCmd::Passwd { name }) => {
            let password = pw.new_password(&name)?;
            s.change_password(&name, &password)?;
            w(
                out,
                format_args!("password changed for {}\n", name.to_lowercase()),
            )
        }
        Command::Policy(PolicyCmd::Show) => {
            let p = s.policy().clone();
            for k in Policy::KEYS {
                w(
                    out,
                    format_args!(
                        "{:<20} {:>6}   {} ({}-{})\n",
                        k.name,
                        p.get(k.name).unwrap_or(0),
                        k.meaning,
                        k.min,
                        k.max
                    ),
                )?;
            }
            Ok(())
        }
        Command::Policy(PolicyCmd::Set { key, value }) => {
            s.set_policy(&key, &value)?;
            w(
                out,
                format_args!("{key} = {}\n", s.policy().get(&key).unwrap_or(0)),
            )
        }
        Command::Client(ClientCmd::Add {
            name,
            adviser,
            dob,
            contact,
        }) => {
            let r = s.add_client(NewClient {
                name,
                date_of_birth: dob,
                contact,
                adviser,
            })?;
            w(out, format_args!("{r}\n"))
        }
        Command::Client(ClientCmd::List { json }) => {
            let list = s.caseload()?;
            if json {
                let v = serde_json::to_string(&list)
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                for c in list {
                    w(
                        out,
                        format_args!(
                            "{}  {:<28} {:<12} {:<6} {}\n",
                            c.reference,
                            c.name,
                            c.adviser,
                            c.status.as_str(),
                            c.last_contact
                                .map(domain::format_time)
                                .unwrap_or_else(|| "-".into())
                        ),
                    )?;
                }
                Ok(())
            }
        }
        Command::Note(NoteCmd::Add {
            client,
            kind,
            sections,
            reason,
        }) => {
            let sections = sections
                .iter()
                .map(|raw| {
                    parse_section(raw)
                        .map(|a| Section {
                            heading: a.heading,
                            sensitivity: a.sensitivity,
                            text: a.text,
                        })
                        .map_err(|e| CliError::Usage(format!("--section: {e}")))
                })
                .collect::<CliResult<Vec<_>>>()?;
            let id = s.add_note(
                client,
                NewNote {
                    channel: kind,
                    contact_at: None,
                    sections,
                },
                reason.as_deref(),
            )?;
            w(out, format_args!("{id}\n"))
        }
        Command::Note(NoteCmd::Show {
            client,
            reveal,
            reason,
        }) => {
            let what = if reveal {
                Reveal::All {
                    reason: reason.as_deref().unwrap_or_default(),
                }
            } else {
                Reveal::Nothing
            };
            let view = s.open_client(client, reason.as_deref(), what)?;
            print_client(out, &view)
        }
        Command::Audit(AuditCmd::List { client, json }) => {
            let events = s.audit(client)?;
            if json {
                let v = serde_json::to_string(&events)
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                for e in events {
                    w(
                        out,
                        format_args!(
                            "{:>6}  {}  {:<12} {:<20} {:<8} {}{}{}\n",
                            e.seq,
                            domain::format_time(e.at),
                            e.actor,
                            e.action,
                            e.client
                                .map(|c| c.to_string())
                                .unwrap_or_else(|| "-".into()),
                            e.detail,
                            e.reason
                                .as_ref()
                                .map(|r| format!(" reason: {r}"))
                                .unwrap_or_default(),
                            if e.flagged { "  [FLAGGED]" } else { "" }
                        ),
                    )?;
                }
                Ok(())
            }
        }
        Command::Audit(AuditCmd::Verify) => {
            let n = s.verify_audit()?;
            w(out, format_args!("audit trail intact: {n} events\n"))
        }
        Command::Init { .. } | Command::Seed { .. } | Command::Demo => Ok(()),
    }
}

fn print_client(out: &mut dyn Write, v: &ClientView) -> CliResult {
    let c = &v.summary;
    w(
        out,
        format_args!(
            "{}  {}  adviser: {}  status: {}{}\n",
            c.reference,
            c.name,
            c.adviser,
            c.status.as_str(),
            if v.break_glass {
                "  [opened outside your caseload: logged and flagged]"
            } else {
                ""
            }
        ),
    )?;
    if let Some(d) = &v.details {
        w(
            out,
            format_args!(
                "  date of birth: {}  contact: {}\n",
                d.date_of_birth.as_deref().unwrap_or("-"),
                d.contact.as_deref().unwrap_or("-")
            ),
        )?;
    }
    if v.notes.is_empty() {
        w(out, format_args!("  (no notes)\n"))?;
    }
    for n in &v.notes {
        w(
            out,
            format_args!(
                "\n{}  {}  {}  {}  by {}\n",
                n.id,
                domain::format_time(n.contact_at),
                n.channel,
                n.status.as_str(),
                n.author
            ),
        )?;
        for sec in &n.sections {
            w(
                out,
                format_args!("  [{}] {}\n", sec.sensitivity, sec.heading),
            )?;
            match &sec.body {
                SectionBody::Shown(t) => w(out, format_args!("{}\n", indent(t)))?,
                SectionBody::Revealed(t) => {
                    w(out, format_args!("    (revealed; logged)\n{}\n", indent(t)))?
                }
                SectionBody::Masked => w(
                    out,
                    format_args!("    (masked: reveal with --reveal --reason TEXT)\n"),
                )?,
            }
        }
    }
    Ok(())
}

fn indent(t: &str) -> String {
    t.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
