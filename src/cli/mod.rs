//! The command line: every administrative and scriptable operation, non-interactive, through
//! the same [`crate::session`] door (and so the same access rules and audit) as the TUI.
//!
//! Exit status: 0 success, 2 bad usage, 1 any other failure, with one line `error: …` on stderr.
//!
//! - `mod.rs`: the entry point, errors and exit status, and dispatch of a parsed command.
//! - [`args`]: the grammar (clap) and the parsers of option values.
//! - `passwords`: passwords from standard input or the terminal.
//! - `commands`: the demo and every signed-in command.
//! - `backups`: the progress line of `backup` and `restore`, and `restore`, which signs in on
//!   its own.
//! - `factors`: enrolling an authenticator app.
//! - `print`: output for people (a folder: the data-protection records apart).

pub mod args;
mod backups;
mod commands;
mod factors;
mod passwords;
mod print;

pub use args::*;
use backups::*;
pub use commands::DEMO_PASSWORD;
use commands::*;
use factors::*;
use passwords::*;
use print::*;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use crate::domain::{Policy, visible_line};
use crate::seed::{self, SeedOptions};
use crate::session::{self, KdfCost, Location, NewStore, SessionError};

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
    pub(super) fn exit_code(&self) -> u8 {
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
                    eprintln!("{}", visible_line(&first_line(&e.render().to_string())));
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
            eprintln!("error: {}", visible_line(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

pub(super) fn flush(out: &mut dyn Write) -> CliResult {
    out.flush().map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
        _ => CliError::Other(format!("cannot write output: {e}")),
    })
}

pub(super) fn first_line(s: &str) -> String {
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
pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|_| {
        // A damaged file can make the storage engine panic; that is caught and reported as one
        // clear error by the store layer, so say nothing here.
        if !session::storage_engine_panicked() {
            eprintln!("error: internal error; nothing further was written to the store");
        }
    }));
}

/// The store: `--store`, `CASENOTES_STORE`, or the platform data directory's file. A
/// `postgres://` or `postgresql://` address names a PostgreSQL database.
pub fn store_location(arg: Option<&Path>) -> CliResult<Location> {
    if let Some(p) = arg {
        return Ok(Location::parse(p.as_os_str()).map_err(SessionError::from)?);
    }
    directories::ProjectDirs::from("org", "casenotes", "casenotes")
        .map(|d| Location::File(d.data_dir().join("casenotes.redb")))
        .ok_or_else(|| CliError::Other("no home directory; give --store PATH".into()))
}

pub(super) fn acting_user(cli_user: Option<&str>) -> CliResult<String> {
    cli_user.map(str::to_string).ok_or_else(|| {
        CliError::Usage("say who you are with --user NAME (or CASENOTES_USER)".into())
    })
}

/// Runs one parsed command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> CliResult {
    let Some(command) = cli.command else {
        let at = store_location(cli.store.as_deref())?;
        let options = crate::tui::Options {
            lock_after: cli.lock_after,
            user: cli.user.clone(),
            demo: None,
            key_file: cli.key_file.clone(),
        };
        return open_app(&at, options, cli.theme.as_deref());
    };
    check_usage(&command)?;
    let mut pw = Passwords::new(cli.password_stdin)?;
    // `migrate` signs in to the store it copies.
    let at = match &command {
        Command::Migrate { from, .. } => store_location(Some(from))?,
        _ => store_location(cli.store.as_deref())?,
    };
    match command {
        Command::Init { admin } => {
            let password = pw.new_password(&admin)?;
            session::create_store(
                &at,
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
                    visible_line(&at.describe()),
                    visible_line(&admin.to_lowercase())
                ),
            )
        }
        Command::Seed { clients, notes } => {
            let password = pw.next_line("the password")?;
            let report = seed::seed(
                &at,
                SeedOptions {
                    clients,
                    notes_per_client: notes,
                    password,
                    kdf: KdfCost::DEFAULT,
                    demo: false,
                },
            )?;
            print_seed_report(out, &at, &report)
        }
        Command::Demo => demo(
            out,
            cli.store.as_deref(),
            crate::tui::Options {
                lock_after: cli.lock_after,
                user: cli.user.clone(),
                demo: None,
                key_file: cli.key_file.clone(),
            },
            cli.theme.as_deref(),
        ),
        Command::Restore { from, confirm } => {
            // Signs in itself: to the backup, if the store is too damaged to sign in to.
            let user = acting_user(cli.user.as_deref())?;
            let path = session::restored_file(&at)?;
            // A store too damaged to say whether the account uses a code is signed in to
            // without one (the backup is then opened with the password and key file).
            let needs_code = session::peek_factors(&path, &user).code;
            let password = pw.current(&user)?;
            let code = if needs_code {
                Some(pw.code(&user)?)
            } else {
                None
            };
            let credentials = session::Credentials {
                password: &password,
                key_file: cli.key_file.as_deref(),
                code: code.as_ref(),
            };
            restore(out, &path, &from, &user, &credentials, &confirm)
        }
        command => {
            let user = acting_user(cli.user.as_deref())?;
            let mut store = session::open_store(&at)?;
            if matches!(command, Command::Check) {
                store = store.for_check();
            }
            let factors = store.factors(&user)?;
            let password = pw.current(&user)?;
            let code = if factors.code {
                Some(pw.code(&user)?)
            } else {
                None
            };
            let credentials = session::Credentials {
                password: &password,
                key_file: cli.key_file.as_deref(),
                code: code.as_ref(),
            };
            let mut s = session::sign_in_with(store, &user, &credentials)?;
            drop(code);
            if s.must_enrol() && !enrols(&command) {
                return Err(SessionError::MustEnrol(s.role()).into());
            }
            signed_in(&mut s, command, &mut pw, &password, out)
        }
    }
}

/// Whether `command` enrols a second factor (all an account may do while the policy requires
/// one it has not got).
fn enrols(command: &Command) -> bool {
    matches!(
        command,
        Command::User(UserCmd::Totp(_) | UserCmd::Keyfile { .. })
    )
}

/// Refuses malformed arguments before any password is asked for or any store opened.
pub(super) fn check_usage(command: &Command) -> CliResult {
    match command {
        Command::Note(NoteCmd::Add { sections, .. }) => {
            for raw in sections {
                parse_section(raw).map_err(|e| CliError::Usage(format!("--section: {e}")))?;
            }
        }
        Command::Client(ClientCmd::Add { dob: Some(d), .. }) => {
            parse_date(d).map_err(|e| CliError::Usage(format!("--dob: {e}")))?;
        }
        _ => {}
    }
    Ok(())
}
