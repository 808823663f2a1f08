//! The command line's grammar: commands, options and the parsers of their values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::{Channel, ClientRef, NoteId, Role, Sensitivity};
use crate::seed::{self};

#[derive(Parser, Debug)]
#[command(
    name = "casenotes",
    version,
    about = "Encrypted case notes for Information, Advice and Guidance advisers",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The store: a file (default: casenotes.redb in the platform data directory), or a
    /// PostgreSQL database as postgres://[user@]host[:port]/dbname (libpq's PGHOST, PGUSER,
    /// PGDATABASE, ~/.pgpass and sslmode apply; never put a password in the address).
    #[arg(long, global = true, env = "CASENOTES_STORE", value_name = "STORE")]
    pub store: Option<PathBuf>,
    /// Who is acting.
    #[arg(long, global = true, env = "CASENOTES_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Read the acting user's password from the first line of standard input (then a one-time
    /// code, for an account that signs in with one, from the next line; and a new password,
    /// where a command sets one, from the line after).
    #[arg(long, global = true)]
    pub password_stdin: bool,
    /// The key file bound to the acting user's account, for an account that has one (the app's
    /// sign-in screen offers it).
    #[arg(long, global = true, env = "CASENOTES_KEY_FILE", value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    /// Lock the app after this many idle seconds (may only shorten the policy's time).
    #[arg(long, global = true, value_name = "SECS", value_parser = clap::value_parser!(u32).range(1..))]
    pub lock_after: Option<u32>,
    /// Colour theme: default, light, high-contrast, or one of your own.
    #[arg(long, global = true, value_name = "NAME")]
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
        /// The first administrator's username (their new password is asked for).
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
    /// List the actions agreed in notes, and mark them done.
    #[command(subcommand)]
    Action(ActionCmd),
    /// Record a client's consent, its withdrawal, and list them.
    #[command(subcommand)]
    Consent(ConsentCmd),
    /// Closed clients whose retention period has ended (supervisors).
    #[command(subcommand)]
    Retention(RetentionCmd),
    /// Erase a closed client past its retention date (supervisors): its keys and every record
    /// are destroyed and the file rewritten. Cannot be undone.
    Erase {
        #[arg(long, value_name = "REF")]
        client: ClientRef,
        /// The client's reference typed again, to confirm.
        #[arg(long, value_name = "REF")]
        confirm: String,
    },
    /// The breach log (supervisors and administrators).
    #[command(subcommand)]
    Breach(BreachCmd),
    /// Record information shared about a client with a third party, on a lawful basis (or
    /// `disclose list --client REF`).
    Disclose(DiscloseCmd),
    /// Redact a section of a note (supervisors): its text is destroyed in every revision that
    /// held it and replaced by a marker saying who redacted it, when and why; the store file is
    /// then compacted so that no old copy stays in it. Logged. A section already redacted is
    /// refused.
    Redact {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The note's id, e.g. N-000001.
        #[arg(long, value_name = "ID", value_parser = parse_note)]
        note: NoteId,
        /// Which section, counting from 1 in the order `note show` lists the note's sections
        /// (its newest revision's, then its addenda).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        section: u32,
        /// Why it is redacted (logged, sealed; shown in the marker to whoever reads the note).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Export everything held about a client to a new file, for a subject access request
    /// (supervisors). The file is created owner-only and never overwrites another; the export
    /// is logged. Confidential and special-category sections are included, flagged for a
    /// supervisor's review before release.
    Export {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The file to create (it must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// json (exact, parses back) or md (Markdown, for the client to read); by default
        /// from the file's extension (.md or .markdown: md; otherwise json).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Replace the client's name by its reference and staff names by pseudonyms, and
        /// leave out the date of birth and contact details, for supervision and training.
        /// Note text is left as written.
        #[arg(long, visible_alias = "pseudonymize")]
        pseudonymise: bool,
    },
    /// Read and verify the audit trail.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Break-glass accesses (clients opened outside the opener's caseload) and their review
    /// (supervisors).
    #[command(subcommand, name = "break-glass")]
    BreakGlass(GlassCmd),
    /// The caseload dashboard (supervisors): per adviser, open clients, notes in the last 30
    /// days, notes awaiting sign-off, overdue actions, open clients without contact for the
    /// policy's days, closed clients past retention, break-glass accesses awaiting review, and
    /// notes per week over twelve weeks (oldest first); then the totals.
    Caseload {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check the store: storage, seals, counts and audit links (supervisors and
    /// administrators). Prints one line per problem and a summary; exits 1 on any problem.
    Check,
    /// Take a backup of the store while others keep working (supervisors and administrators):
    /// a consistent snapshot written to a new owner-only file, still sealed as the store is,
    /// and checked (storage, every record's seal, the audit chain) before success is reported.
    /// Logged.
    #[command(group(clap::ArgGroup::new("place").required(true).args(["out", "dir"])))]
    Backup {
        /// The new backup file (it must not exist).
        #[arg(long, value_name = "PATH", conflicts_with_all = ["dir", "keep"])]
        out: Option<PathBuf>,
        /// A folder for dated backups, casenotes-YYYYMMDD-HHMMSS.redb (UTC), for a nightly job;
        /// with --keep.
        #[arg(long, value_name = "DIR", requires = "keep")]
        dir: Option<PathBuf>,
        /// How many dated backups --dir keeps: the newest; older ones are deleted (files named
        /// otherwise are left alone).
        #[arg(long, value_name = "N", requires = "dir", value_parser = clap::value_parser!(u32).range(1..))]
        keep: Option<u32>,
    },
    /// Replace the store with a backup (administrators): the backup is checked as when it was
    /// taken, the current file kept beside the store (renamed, never deleted), and the backup
    /// put in its place in one step. Refused while another program has the store open. Logged
    /// in the restored store.
    Restore {
        /// The backup file (left as it is).
        #[arg(long, value_name = "PATH")]
        from: PathBuf,
        /// The store file's name (e.g. casenotes.redb), typed to confirm.
        #[arg(long, value_name = "NAME")]
        confirm: String,
    },
    /// Copy every record of a store into a new one: a store file into an empty PostgreSQL
    /// database, or a database into a new file. The copy is compared row for row and checked
    /// (records, seals, the audit chain) before it is reported; one that fails is removed.
    /// Signs in to the store copied (administrators); logged there before the copy is taken.
    Migrate {
        /// The store to copy: a file, or a postgres:// address.
        #[arg(long, value_name = "STORE")]
        from: PathBuf,
        /// Where to copy it: a new file, or a postgres:// address of an empty database.
        #[arg(long, value_name = "STORE")]
        to: PathBuf,
    },
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
    /// Add an account (its password is asked for).
    Add {
        /// The new account's username.
        name: String,
        /// What the account may do.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List accounts.
    List,
    /// Disable an account; its password opens nothing any more. Lists the open clients it held,
    /// by reference, for a supervisor to reassign.
    Disable {
        /// The account's username.
        name: String,
    },
    /// Enable a disabled account again with a temporary password (asked for after your own);
    /// the account chooses its own at its next sign-in, then waits for a supervisor's
    /// confirmation (administrators).
    Enable {
        /// The account's username.
        name: String,
    },
    /// Change an account's role (administrators). An account made an administrator loses the
    /// case keys; one made an adviser or supervisor from an administrator waits for a
    /// supervisor's confirmation.
    Role {
        /// The account's username.
        name: String,
        /// The account's new role.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Set a new password for an account: your own, or anyone's as an administrator (a reset:
    /// the account must choose its own at its next sign-in).
    Passwd {
        /// The account's username.
        name: String,
    },
    /// Give an account the case keys, so it can read and write case records (supervisors).
    Confirm {
        /// The account's username.
        name: String,
    },
    /// One-time codes from an authenticator app, asked for at every sign-in after the password
    /// (your own account).
    #[command(subcommand)]
    Totp(TotpCmd),
    /// Bind a new key file to your own account: the password then opens nothing without it,
    /// even to someone holding a copy of the store. Keep it away from this machine (a USB
    /// stick); if it is lost, an administrator resets your password.
    Keyfile {
        /// The file to create (owner-only; an existing file is never overwritten).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum TotpCmd {
    /// Add an authenticator app: prints its QR code (and the secret to type), then asks for a
    /// first code from the app (on a terminal; with --password-stdin, the line after your
    /// password if there is one, else confirm later with --confirm). Prints ten single-use
    /// recovery codes. Enrolling again replaces the app enrolled before.
    Enrol {
        /// Confirm the enrolment started before, with a first code from the app (asked for on
        /// the terminal, or the line after your password with --password-stdin).
        #[arg(long)]
        confirm: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    /// Keeps a caseload and writes notes.
    Adviser,
    /// Reviews every caseload and the audit trail.
    Supervisor,
    /// Manages accounts and policy; never reads case content.
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
    Set {
        /// The setting's name, as `policy show` lists it.
        key: String,
        /// Its new value: a whole number within the range `policy show` gives, or for
        /// client-names one of full, initials, code.
        value: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ClientCmd {
    /// Add a client; prints the new client's reference.
    Add {
        /// The client's name. Kept as the office's `client-names` policy says: in full, as
        /// initials, or not at all (under `code` it is not needed: the reference stands for
        /// it, and a name given is neither checked nor kept).
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// Assign to this adviser (supervisors); yourself by default.
        #[arg(long, value_name = "NAME")]
        adviser: Option<String>,
        /// Date of birth, YYYY-MM-DD, not in the future (confidential; checked before anything
        /// else, and never repeated in an error).
        #[arg(long, value_name = "DATE")]
        dob: Option<String>,
        /// Phone, email or address (confidential).
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
    },
    /// List your caseload (supervisors: every client).
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only the open clients whose adviser is no longer active (disabled, or made an
        /// administrator), to reassign (supervisors).
        #[arg(long)]
        needs_adviser: bool,
    },
    /// Close a client's case (its adviser, or a supervisor): the date is recorded and the
    /// retention period starts; logged.
    Close {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
    },
    /// Give a client another adviser (supervisors); the reason is logged.
    Reassign {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The username of the adviser or supervisor who takes the client on.
        #[arg(long, value_name = "NAME")]
        to: String,
        /// Why the client changes adviser (logged; read only by those who hold the case keys).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum NoteCmd {
    /// Add a note; prints the new note's id.
    Add {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// How the contact happened: in-person (or session), phone, email, video, other.
        #[arg(long, value_name = "KIND", default_value = "in-person", value_parser = parse_channel)]
        kind: Channel,
        /// A section: "HEADING[:SENSITIVITY]=TEXT"; repeat for each section.
        #[arg(long = "section", value_name = "SECTION", required = true)]
        sections: Vec<String>,
        /// Why you are writing to a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Save a note with a referral even though the client has no current consent to share.
        #[arg(long)]
        without_consent: bool,
    },
    /// Show a client's notes, masked sections hidden unless revealed with a reason.
    Show {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// Reveal every masked section (and the client's details); needs --reason.
        #[arg(long, requires = "reason")]
        reveal: bool,
        /// The reason for revealing, or for opening a client outside your caseload; logged.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Sign a note off (supervisors): it is marked reviewed, by you, now, and locked against
    /// corrections. Logged.
    Review {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The note's id, e.g. N-000001.
        #[arg(long, value_name = "ID", value_parser = parse_note)]
        note: NoteId,
    },
    /// Correct one of your own notes: the sections given become its new revision (earlier
    /// revisions are kept for supervisors). Not for a note signed off: add an addendum.
    Correct {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The note's id, e.g. N-000001.
        #[arg(long, value_name = "ID", value_parser = parse_note)]
        note: NoteId,
        /// What was wrong (logged).
        #[arg(long, value_name = "TEXT")]
        why: String,
        /// A section of the corrected note: "HEADING[:SENSITIVITY]=TEXT"; repeat for each.
        #[arg(long = "section", value_name = "SECTION", required = true)]
        sections: Vec<String>,
    },
    /// Add an addendum to a note, signed off or not. Logged.
    Addendum {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The note's id, e.g. N-000001.
        #[arg(long, value_name = "ID", value_parser = parse_note)]
        note: NoteId,
        /// The addendum: "HEADING[:SENSITIVITY]=TEXT".
        #[arg(long, value_name = "SECTION")]
        section: String,
        /// Why you are writing to a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Every revision of a note, the first first (supervisors). Logged.
    History {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The note's id, e.g. N-000001.
        #[arg(long, value_name = "ID", value_parser = parse_note)]
        note: NoteId,
        /// Reveal masked sections in every revision; needs --reason.
        #[arg(long, requires = "reason")]
        reveal: bool,
        /// Why you need to see them (logged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ActionCmd {
    /// List actions: one client's, open and done; or, without --client, the open actions across
    /// your caseload (supervisors: every client), soonest due first.
    List {
        /// Only this client's actions, open and done (e.g. C-000001).
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: Option<ClientRef>,
        /// Only actions overdue today: open and due before today.
        #[arg(long)]
        overdue: bool,
        /// Why you are opening a client outside your caseload (logged and flagged); with
        /// --client.
        #[arg(long, value_name = "TEXT", requires = "client")]
        reason: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Mark an action done (logged with the client and the action's number, never its text).
    Done {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The action's number within the client, as `action list` shows it.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        action: u32,
        /// Why you are changing a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// List audit events, oldest first (supervisors and administrators; administrators see
    /// client references, never names or reasons).
    List {
        /// Only the events about this client.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: Option<ClientRef>,
        /// Only the events of this user.
        #[arg(long = "by", visible_alias = "actor", value_name = "NAME")]
        by: Option<String>,
        /// Only events of this kind, as the WHAT column prints it (break-glass,
        /// section-revealed, note-added, sign-in …).
        #[arg(long, value_name = "NAME")]
        action: Option<String>,
        /// Only events from this day on (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        since: Option<i64>,
        /// Only events up to and including this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        until: Option<i64>,
        /// Only events raised for review (break-glass accesses).
        #[arg(long)]
        flagged: bool,
        /// Leave out the routine sign-in of each command and app session.
        #[arg(long)]
        no_sign_ins: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check that no event was edited, removed or reordered.
    Verify,
}

#[derive(Subcommand, Debug)]
pub enum GlassCmd {
    /// The accesses awaiting review, oldest first: event, when, who, client, reason.
    List {
        /// Every access, reviewed or not, with its review.
        #[arg(long)]
        all: bool,
    },
    /// Record a finding on one access: it leaves the queue; logged.
    Review {
        /// The access's event number (the first column of `break-glass list`).
        #[arg(long, value_name = "N")]
        event: u64,
        /// What you found.
        #[arg(long, value_enum)]
        outcome: OutcomeArg,
        /// Why (required; logged, sealed like a reason).
        #[arg(long, value_name = "TEXT")]
        comment: String,
    },
}

/// A review's finding, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OutcomeArg {
    /// The access was needed.
    Justified,
    /// The access raises a concern.
    Concern,
}

#[derive(Subcommand, Debug)]
pub enum ConsentCmd {
    /// Record a consent the client gave; prints its number.
    Give {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// What it covers: recording, sharing:ORGANISATION, contact:email|phone|text, feedback.
        #[arg(long, value_name = "SCOPE")]
        scope: String,
        /// How it was given.
        #[arg(long, value_enum, default_value = "verbal")]
        method: MethodArg,
        /// The day it was given (YYYY-MM-DD; today if left out).
        #[arg(long, value_name = "DATE")]
        given: Option<String>,
        /// Why you are recording it for a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Record that the client withdrew a consent (kept, marked withdrawn; never erased).
    Withdraw {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// The consent's number (from `consent list`).
        #[arg(long, value_name = "N")]
        consent: u32,
        /// The day it was withdrawn (YYYY-MM-DD; today if left out).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Why you are recording it for a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// A client's consents: scope, how, given, renew by, withdrawn, current.
    List {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// Why you are reading a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct DiscloseCmd {
    #[command(subcommand)]
    pub list: Option<DiscloseSub>,
    /// The client's reference, e.g. C-000001.
    #[arg(long, value_name = "REF", value_parser = parse_ref, required = true)]
    pub client: Option<ClientRef>,
    /// To whom (an organisation or a person).
    #[arg(long, value_name = "TEXT", required = true)]
    pub to: Option<String>,
    /// The lawful basis.
    #[arg(long, value_enum, required = true)]
    pub basis: Option<BasisArg>,
    /// What was shared.
    #[arg(long, value_name = "TEXT", required = true)]
    pub what: Option<String>,
    /// Why (required for legal and harm).
    #[arg(long, value_name = "TEXT")]
    pub justification: Option<String>,
    /// On the basis of consent, record it even though the client has no current consent to
    /// share.
    #[arg(long)]
    pub without_consent: bool,
    /// Why you are recording it for a client outside your caseload (logged and flagged).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum DiscloseSub {
    /// A client's disclosures, oldest first.
    List {
        /// The client's reference, e.g. C-000001.
        #[arg(long, value_name = "REF", value_parser = parse_ref)]
        client: ClientRef,
        /// Why you are reading a client outside your caseload (logged and flagged).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

/// An export's format, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// JSON: exact, and parses back.
    Json,
    /// Markdown, for the client to read.
    #[value(alias = "markdown")]
    Md,
}

/// A lawful basis, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BasisArg {
    /// The client's consent to share.
    Consent,
    /// A legal obligation.
    Legal,
    /// To protect someone from serious harm.
    Harm,
}

#[derive(Subcommand, Debug)]
pub enum BreachCmd {
    /// Record a breach; prints its number. Times are `YYYY-MM-DD HH:MM` in UTC, as printed, or
    /// `YYYY-MM-DD` for the start of that day.
    Add {
        /// What information was affected.
        #[arg(long, value_name = "TEXT")]
        what: String,
        /// How it happened.
        #[arg(long, value_name = "TEXT")]
        how: Option<String>,
        /// When it happened, if known.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        happened: Option<i64>,
        /// When it was found (now if left out); the regulator's 72 hours run from here.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        discovered: Option<i64>,
        /// The clients affected, by reference: C-000001,C-000002.
        #[arg(long, value_name = "REF,...", value_delimiter = ',', value_parser = parse_ref)]
        clients: Vec<ClientRef>,
        #[command(flatten)]
        completion: BreachCompletion,
        /// To whom else it was reported (the clients, the police…).
        #[arg(long, value_name = "TEXT")]
        reported_to: Option<String>,
        /// What was done about it.
        #[arg(long, value_name = "TEXT")]
        actions: Option<String>,
    },
    /// Complete a breach: who reported it to the data protection officer and when, or whether
    /// the regulator was told. What was recorded already is not changed.
    Update {
        /// The breach's number, as `breach list` shows it.
        #[arg(long, value_name = "N")]
        breach: u32,
        #[command(flatten)]
        completion: BreachCompletion,
    },
    /// The breach log, oldest first, with the regulator's deadline where it is undecided.
    List,
}

/// The report to the data protection officer and the regulator decision, as typed.
#[derive(Args, Debug)]
pub struct BreachCompletion {
    /// Who reported it to the data protection officer.
    #[arg(long, value_name = "NAME")]
    pub dpo_reported_by: Option<String>,
    /// When it was reported to the data protection officer (now if left out).
    #[arg(long, value_name = "TIME", value_parser = parse_time, requires = "dpo_reported_by")]
    pub dpo_reported_at: Option<i64>,
    /// Whether the regulator was told (left out: not yet decided; the 72 hours run).
    #[arg(long, value_enum, value_name = "DECISION")]
    pub regulator: Option<RegulatorArg>,
    /// When the regulator was notified (now if left out).
    #[arg(long, value_name = "TIME", value_parser = parse_time, requires = "regulator")]
    pub regulator_at: Option<i64>,
    /// Why the regulator was not notified (required with `--regulator not-notified`).
    #[arg(long, value_name = "TEXT", requires = "regulator")]
    pub why: Option<String>,
}

/// A regulator decision, as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegulatorArg {
    Notified,
    NotNotified,
}

#[derive(Subcommand, Debug)]
pub enum RetentionCmd {
    /// The closed clients past the policy's retention-years, oldest closure first.
    Due,
}

/// How consent was given, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MethodArg {
    Verbal,
    Written,
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

pub(super) fn parse_day(s: &str) -> Result<i64, String> {
    crate::domain::day_start(s)
}

pub(super) fn parse_time(s: &str) -> Result<i64, String> {
    crate::domain::parse_time(s)
}

pub(super) fn parse_note(s: &str) -> Result<NoteId, String> {
    s.parse()
}

pub(super) fn parse_ref(s: &str) -> Result<ClientRef, String> {
    s.parse()
}

pub(super) fn parse_channel(s: &str) -> Result<Channel, String> {
    s.parse()
}

/// Parses a date of birth, `YYYY-MM-DD`, refusing a date in the future (today is fine). Errors
/// never repeat the date, which is confidential; so `--dob` is checked by [`super::run`] before
/// a password is asked for, not by clap, whose errors quote the value.
///
/// ```
/// use casenotes::cli::parse_date;
///
/// assert_eq!(parse_date("1983-07-19").unwrap(), "1983-07-19");
/// assert_eq!(parse_date("2999-01-01").unwrap_err(), "a date of birth cannot be in the future");
/// assert!(!parse_date("1983-13-19").unwrap_err().contains("1983"));
/// ```
pub fn parse_date(s: &str) -> Result<String, String> {
    crate::domain::validate_date_of_birth(s)
}
