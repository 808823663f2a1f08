//! What each command does once its arguments are parsed: the demo, and every command run by a
//! signed-in user.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use crate::domain::{
    self, Basis, ConsentMethod, ConsentScope, ReviewOutcome, Role, Section, visible_line,
};
use crate::seed::{self, SeedOptions};
use crate::session::{
    AuditFilter, BackupStage, BackupTarget, BreachUpdate, Compaction, ErasureStage, ExportOptions,
    KdfCost, Location, MigrateStage, NewBreach, NewClient, NewDisclosure, NewNote, Operation,
    Reveal, Session, SessionError,
};

use super::*;

pub(super) fn print_seed_report(
    out: &mut dyn Write,
    at: &Location,
    report: &seed::SeedReport,
) -> CliResult {
    w(
        out,
        format_args!(
            "created store {} with {} clients and {} notes\n",
            visible_line(&at.describe()),
            report.clients,
            report.notes
        ),
    )?;
    for u in &report.users {
        match &u.password {
            Some(p) => w(
                out,
                format_args!(
                    "{:<12} {:<10} {}\n",
                    visible_line(&u.name),
                    u.role,
                    p.expose_secret()
                ),
            )?,
            None => w(
                out,
                format_args!("{:<12} {}\n", visible_line(&u.name), u.role),
            )?,
        }
    }
    Ok(())
}

/// The demo store's place: beside the default store, never the real one.
pub(super) fn demo_path(arg: Option<&Path>) -> CliResult<PathBuf> {
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
pub(super) fn open_app(
    at: &Location,
    options: crate::tui::Options,
    theme: Option<&str>,
) -> CliResult {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "the app needs a terminal; for scripts use the subcommands (see `casenotes --help`)"
                .into(),
        ));
    }
    crate::tui::run(at, options, theme).map_err(CliError::Other)
}

pub(super) fn demo(
    out: &mut dyn Write,
    store: Option<&Path>,
    options: crate::tui::Options,
    theme: Option<&str>,
) -> CliResult {
    let path = demo_path(store)?;
    let at = Location::parse(path.as_os_str()).map_err(SessionError::from)?;
    let demo_options = SeedOptions {
        clients: 40,
        notes_per_client: 6,
        password: Some(SecretString::from(DEMO_PASSWORD)),
        kdf: KdfCost::DEFAULT,
        demo: true,
    };
    if at.file().is_none() {
        // A database that holds no store yet is given the demo caseload (an empty one only:
        // seeding refuses any other).
        if session::open_store(&at).is_err() {
            seed::seed(&at, demo_options)?;
        }
    } else {
        // A demo store made by an earlier version (synthetic data only) is made afresh; one
        // given with --store is left alone and its error reported.
        if store.is_none()
            && path.is_file()
            && session::open_store(&path).is_err_and(|e| e.is_older_schema())
        {
            std::fs::remove_file(&path)
                .map_err(|e| CliError::Other(format!("cannot replace the old demo store: {e}")))?;
        }
        if !path.exists() {
            seed::seed(&path, demo_options)?;
        }
    }
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        let accounts = ["adviser1", "adviser2", "supervisor", "admin"]
            .map(String::from)
            .to_vec();
        let options = crate::tui::Options {
            demo: Some((accounts, DEMO_PASSWORD.into())),
            ..options
        };
        return open_app(&at, options, theme);
    }
    let shown = path.display().to_string();
    let p = visible_line(&shown);
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

pub(super) fn signed_in(
    s: &mut Session,
    command: Command,
    pw: &mut Passwords,
    password: &SecretString,
    out: &mut dyn Write,
) -> CliResult {
    match command {
        Command::User(UserCmd::Keyfile { out: file }) => {
            s.bind_key_file(password, &file)?;
            let shown = file.display().to_string();
            w(
                out,
                format_args!(
                    "bound a new key file to {}: {}\nfrom now on the password opens nothing without it: sign in with --key-file PATH (or CASENOTES_KEY_FILE); keep it away from this machine, and if it is lost an administrator resets your password\n",
                    visible_line(s.user_name()),
                    visible_line(&shown)
                ),
            )
        }
        Command::User(UserCmd::Totp(TotpCmd::Enrol { confirm })) => enrol_totp(s, confirm, pw, out),
        Command::User(UserCmd::Add { name, role }) => {
            // Check the role before asking for a password the command will not use.
            s.may(Operation::AddUsers)?;
            let password = pw.new_password(&name)?;
            s.add_user(&name, role.into(), &password)?;
            w(
                out,
                format_args!(
                    "added {} as {}\n",
                    visible_line(&name.to_lowercase()),
                    Role::from(role)
                ),
            )
        }
        Command::User(UserCmd::List) => print_users(out, &s.users()?),
        Command::User(UserCmd::Disable { name }) => {
            let needs = s.disable_user(&name)?;
            w(
                out,
                format_args!("disabled {}\n", visible_line(&name.to_lowercase())),
            )?;
            print_needs_adviser(out, &needs)
        }
        Command::User(UserCmd::Enable { name }) => {
            // Check the role before asking for a password the command will not use.
            s.may(Operation::EnableUsers)?;
            let password = pw.new_password(&name)?;
            s.enable_user(&name, &password)?;
            let lower = name.to_lowercase();
            let name = visible_line(&lower);
            w(
                out,
                format_args!(
                    "enabled {name} with a temporary password: {name} chooses a new one at the next sign-in (`casenotes user passwd {name}`); an adviser or supervisor then waits for a supervisor to confirm it\n"
                ),
            )
        }
        Command::User(UserCmd::Role { name, role }) => {
            let role = Role::from(role);
            let needs = s.change_role(&name, role)?;
            w(
                out,
                format_args!(
                    "{}'s role is now {}\n",
                    visible_line(&name.to_lowercase()),
                    role
                ),
            )?;
            print_needs_adviser(out, &needs)
        }
        Command::User(UserCmd::Confirm { name }) => {
            s.confirm_user(&name)?;
            w(
                out,
                format_args!("confirmed {}\n", visible_line(&name.to_lowercase())),
            )
        }
        Command::User(UserCmd::Passwd { name }) => {
            let password = pw.new_password(&name)?;
            s.change_password(&name, &password)?;
            let lower = name.to_lowercase();
            let shown = visible_line(&lower);
            if lower == s.user_name() {
                w(out, format_args!("password changed for {shown}\n"))
            } else {
                w(
                    out,
                    format_args!(
                        "password reset for {shown}: {shown} must choose a new one at the next sign-in\n"
                    ),
                )
            }
        }
        Command::Policy(PolicyCmd::Show) => print_policy(out, &s.policy_settings()?),
        Command::Policy(PolicyCmd::Set { key, value }) => {
            s.set_policy(&key, &value)?;
            let shown = domain::Policy::key(&key)
                .map(|k| k.value_text(s.policy().get(&key).unwrap_or(0)))
                .unwrap_or_default();
            w(out, format_args!("{key} = {shown}\n"))
        }
        Command::Client(ClientCmd::Add {
            name,
            adviser,
            dob,
            contact,
        }) => {
            let r = s.add_client(NewClient {
                name: name.unwrap_or_default(),
                date_of_birth: dob,
                contact,
                adviser,
            })?;
            w(out, format_args!("{r}\n"))
        }
        Command::Client(ClientCmd::Reassign { client, to, reason }) => {
            s.reassign_client(client, &to, &reason)?;
            w(
                out,
                format_args!(
                    "reassigned {client} to {}\n",
                    visible_line(&to.to_lowercase())
                ),
            )
        }
        Command::Client(ClientCmd::List {
            json,
            needs_adviser,
        }) => {
            let list = if needs_adviser {
                s.clients_without_active_adviser()?
            } else {
                s.caseload()?
            };
            if json {
                let v = serde_json::to_string(&list)
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                print_clients(out, &list)
            }
        }
        Command::Note(NoteCmd::Add {
            client,
            kind,
            sections,
            reason,
            without_consent,
        }) => {
            let sections = sections_of(&sections)?;
            if !without_consent
                && domain::has_referral(&sections)
                && !s.may_share(client, reason.as_deref())?
            {
                return Err(CliError::Other(format!(
                    "{client} has no current consent to share, and this note records a referral: record the consent first (`casenotes consent give --scope sharing:ORGANISATION`), or add --without-consent"
                )));
            }
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
        Command::Consent(ConsentCmd::Give {
            client,
            scope,
            method,
            given,
            reason,
        }) => {
            let scope = ConsentScope::parse(&scope)
                .map_err(|e| CliError::Usage(format!("--scope: {e}")))?;
            let given = given
                .as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|e| CliError::Usage(format!("--given: {e}")))?;
            let method = match method {
                MethodArg::Verbal => ConsentMethod::Verbal,
                MethodArg::Written => ConsentMethod::Written,
            };
            let n = s.give_consent(client, scope, method, given, reason.as_deref())?;
            w(out, format_args!("consent {n} of {client} recorded\n"))
        }
        Command::Consent(ConsentCmd::Withdraw {
            client,
            consent,
            on,
            reason,
        }) => {
            let on = on
                .as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|e| CliError::Usage(format!("--on: {e}")))?;
            s.withdraw_consent(client, consent, on, reason.as_deref())?;
            w(
                out,
                format_args!("consent {consent} of {client} recorded as withdrawn\n"),
            )
        }
        Command::Disclose(DiscloseCmd {
            list: Some(DiscloseSub::List { client, reason }),
            ..
        }) => print_disclosures(out, &s.disclosures(client, reason.as_deref())?),
        Command::Disclose(DiscloseCmd {
            list: None,
            client: Some(client),
            to: Some(to),
            basis: Some(basis),
            what: Some(what),
            justification,
            without_consent,
            reason,
        }) => {
            let basis = match basis {
                BasisArg::Consent => Basis::Consent,
                BasisArg::Legal => Basis::Legal,
                BasisArg::Harm => Basis::Harm,
            };
            if basis == Basis::Consent
                && !without_consent
                && !s.may_share(client, reason.as_deref())?
            {
                return Err(CliError::Other(format!(
                    "{client} has no current consent to share: record it first (`casenotes consent give --scope sharing:ORGANISATION`), choose another basis, or add --without-consent"
                )));
            }
            let n = s.disclose(
                client,
                NewDisclosure {
                    to,
                    what,
                    basis,
                    justification,
                },
                reason.as_deref(),
            )?;
            w(out, format_args!("disclosure {n} of {client} recorded\n"))
        }
        Command::Disclose(_) => Err(CliError::Usage(
            "disclose needs --client, --to, --basis and --what (or `disclose list --client REF`)"
                .into(),
        )),
        Command::Redact {
            client,
            note,
            section,
            reason,
        } => {
            let index = usize::try_from(section - 1)
                .map_err(|_| CliError::Usage("--section: too large".into()))?;
            let done = s.redact_section(client, note, index, &reason)?;
            let versions = match done.versions {
                1 => "1 stored version".to_string(),
                n => format!("{n} stored versions"),
            };
            let actions = match done.actions {
                0 => String::new(),
                1 => " and 1 action agreed in it".into(),
                n => format!(" and {n} actions agreed in it"),
            };
            match done.compaction {
                Compaction::Done => w(
                    out,
                    format_args!(
                        "redacted section {section} of {note}: its text is destroyed in {versions}{actions}, and the store file compacted\n"
                    ),
                ),
                Compaction::Pending(why) => Err(CliError::Other(format!(
                    "section {section} of {note} was redacted (its text destroyed in {versions}{actions}), but {why}; until it is (the next redaction compacts it), the old text stays, sealed, in the file's free space"
                ))),
            }
        }
        Command::Export {
            client,
            out: path,
            format,
            pseudonymise,
        } => {
            let format = match format {
                Some(FormatArg::Json) => domain::ExportFormat::Json,
                Some(FormatArg::Md) => domain::ExportFormat::Markdown,
                None => domain::ExportFormat::for_path(&path),
            };
            let done = s.export_client_to_file(
                client,
                &path,
                ExportOptions {
                    format,
                    pseudonymise,
                },
            )?;
            let shown = path.display().to_string();
            let how = if pseudonymise {
                format!("{format}, pseudonymised")
            } else {
                format.to_string()
            };
            let review = match done.for_review {
                0 => "nothing in it is confidential or special category".to_string(),
                1 => "1 confidential or special-category part is flagged for supervisor review \
                      before release"
                    .to_string(),
                n => format!(
                    "{n} confidential or special-category parts are flagged for supervisor \
                     review before release"
                ),
            };
            w(
                out,
                format_args!(
                    "exported {client} to {} ({how}); {review}\n",
                    visible_line(&shown)
                ),
            )
        }
        Command::Client(ClientCmd::Close { client }) => {
            s.close_client(client)?;
            let years = s.policy().retention_years;
            w(
                out,
                format_args!(
                    "closed {client}: its records are kept for {years} years from today\n"
                ),
            )
        }
        Command::Breach(BreachCmd::Add {
            what,
            how,
            happened,
            discovered,
            clients,
            completion,
            reported_to,
            actions,
        }) => {
            let update = breach_completion(completion)?;
            let n = s.record_breach(NewBreach {
                what,
                how,
                happened_at: happened,
                discovered_at: discovered,
                dpo: update.dpo,
                regulator: update.regulator.unwrap_or(domain::Regulator::Undecided),
                reported_to,
                actions,
                clients,
            })?;
            w(out, format_args!("breach {n} recorded\n"))
        }
        Command::Breach(BreachCmd::Update { breach, completion }) => {
            s.update_breach(breach, breach_completion(completion)?)?;
            w(out, format_args!("breach {breach} updated\n"))
        }
        Command::Breach(BreachCmd::List) => print_breaches(out, &s.breaches()?, domain::now()),
        Command::Erase { client, confirm } => {
            // Progress goes to standard error, so that the one line of output stays scriptable.
            let shown = std::cell::Cell::new(None);
            let erasure = s.erase_client(client, &confirm, domain::today(), |stage| {
                if shown.get() != Some(stage) && stage != ErasureStage::Done {
                    eprintln!("erasing {client}: {}", stage.describe());
                    shown.set(Some(stage));
                }
            })?;
            if erasure.erased_now {
                w(
                    out,
                    format_args!(
                        "erased {client}: {} notes and {} records destroyed with its keys; the store was rewritten ({} KiB -> {} KiB)\n",
                        erasure.notes,
                        erasure.rows,
                        erasure.size_before / 1024,
                        erasure.size_after / 1024
                    ),
                )?;
            } else {
                w(
                    out,
                    format_args!("{client} was erased already; the store was rewritten again\n"),
                )?;
            }
            print_held_in_backups(out, client, &erasure.in_backups)
        }
        Command::Retention(RetentionCmd::Due) => {
            let due = s.retention_due(domain::today())?;
            let erased = s.erased_in_backups()?;
            if due.is_empty() {
                w(
                    out,
                    format_args!("no closed client is past its retention date\n"),
                )?;
                return print_backups_holding(out, &due, &erased);
            }
            w(
                out,
                format_args!(
                    "{:<9} {:<28} {:<12} {:<10} {}\n",
                    "REF", "NAME", "ADVISER", "CLOSED", "KEEP UNTIL"
                ),
            )?;
            for d in &due {
                w(
                    out,
                    format_args!(
                        "{:<9} {:<28} {:<12} {:<10} {}\n",
                        d.reference.to_string(),
                        visible_line(&d.name),
                        visible_line(&d.adviser),
                        &domain::format_time(d.closed_at)[..10],
                        d.retain_until
                    ),
                )?;
            }
            print_backups_holding(out, &due, &erased)
        }
        Command::Consent(ConsentCmd::List { client, reason }) => {
            print_consents(out, &s.consents(client, reason.as_deref())?)
        }
        Command::Note(NoteCmd::Review { client, note }) => {
            s.sign_off(client, note)?;
            w(
                out,
                format_args!("signed off {note}: it is locked against corrections\n"),
            )
        }
        Command::Note(NoteCmd::Correct {
            client,
            note,
            why,
            sections,
        }) => {
            let revision = s.correct_note(client, note, sections_of(&sections)?, &why)?;
            w(
                out,
                format_args!("corrected {note}: revision {revision} (earlier revisions kept)\n"),
            )
        }
        Command::Note(NoteCmd::Addendum {
            client,
            note,
            section,
            reason,
        }) => {
            let section = sections_of(std::slice::from_ref(&section))?
                .pop()
                .ok_or_else(|| CliError::Usage("--section: nothing to add".into()))?;
            s.add_addendum(client, note, section, reason.as_deref())?;
            w(out, format_args!("added an addendum to {note}\n"))
        }
        Command::Note(NoteCmd::History {
            client,
            note,
            reveal,
            reason,
        }) => {
            let why = if reveal { reason.as_deref() } else { None };
            print_history(out, note, &s.note_history(client, note, why)?)
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
        Command::Action(ActionCmd::List {
            client,
            overdue,
            reason,
            json,
        }) => {
            let today = domain::today();
            let mut list = match client {
                Some(r) => s.actions(r, reason.as_deref())?,
                None => s.caseload_actions()?,
            };
            if overdue {
                list.retain(|a| a.overdue(today));
            }
            if json {
                let v = serde_json::to_string(&actions_json(&list, today))
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                print_actions(out, &list, today)
            }
        }
        Command::Action(ActionCmd::Done {
            client,
            action,
            reason,
        }) => {
            s.complete_action(client, action, reason.as_deref())?;
            w(
                out,
                format_args!("action {action} of {client} marked done\n"),
            )
        }
        Command::Audit(AuditCmd::List {
            client,
            by,
            action,
            since,
            until,
            flagged,
            no_sign_ins,
            json,
        }) => {
            let events = s.audit_where(&AuditFilter {
                client,
                user: by,
                action,
                flagged,
                since,
                until: until.map(|t| t + 86_400),
                hide_sign_ins: no_sign_ins,
            })?;
            if json {
                let v = serde_json::to_string(&events)
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                print_audit(out, &events)
            }
        }
        Command::BreakGlass(GlassCmd::List { all }) => print_glass(out, &s.break_glass(all)?),
        Command::BreakGlass(GlassCmd::Review {
            event,
            outcome,
            comment,
        }) => {
            let outcome = match outcome {
                OutcomeArg::Justified => ReviewOutcome::Justified,
                OutcomeArg::Concern => ReviewOutcome::Concern,
            };
            s.review_break_glass(event, outcome, &comment)?;
            w(
                out,
                format_args!("reviewed break-glass access {event}: {outcome}\n"),
            )
        }
        Command::Audit(AuditCmd::Verify) => {
            let n = s.verify_audit()?;
            w(out, format_args!("audit trail intact: {n} events\n"))
        }
        Command::Caseload { json } => {
            let d = s.dashboard(domain::today())?;
            if json {
                let v = serde_json::to_string(&dashboard_json(&d))
                    .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
                w(out, format_args!("{v}\n"))
            } else {
                print_dashboard(out, &d)
            }
        }
        Command::Check => {
            let report = s.check()?;
            for p in &report.problems {
                w(out, format_args!("{p}\n"))?;
            }
            let checked = report.checked.join(", ");
            match report.problems.len() {
                0 => w(out, format_args!("checked {checked}: no problems found\n")),
                n => {
                    let problems = if n == 1 { "problem" } else { "problems" };
                    w(
                        out,
                        format_args!("checked {checked}: {n} {problems} found\n"),
                    )?;
                    Err(CliError::Other(format!("the check found {n} {problems}")))
                }
            }
        }
        Command::Backup {
            out: file,
            dir,
            keep,
        } => {
            let target = match (&file, &dir, keep) {
                (Some(f), _, _) => BackupTarget::File(f),
                (None, Some(d), Some(k)) => BackupTarget::Dated {
                    dir: d,
                    keep: k as usize,
                },
                _ => {
                    return Err(CliError::Usage(
                        "say where: backup --out PATH, or backup --dir DIR --keep N".into(),
                    ));
                }
            };
            let mut line = ProgressLine::new("backup");
            let done = s.backup(target, |stage| match stage {
                BackupStage::Copying { .. } => line.update(&stage.describe()),
                _ => line.step(&stage.describe()),
            });
            line.finish();
            print_backup(out, &done?)
        }
        Command::Migrate { to, .. } => {
            let to = Location::parse(to.as_os_str()).map_err(SessionError::from)?;
            let mut line = ProgressLine::new("migrate");
            let done = s.migrate(&to, |stage| match stage {
                MigrateStage::Copying { .. } => line.update(&stage.describe()),
                _ => line.step(&stage.describe()),
            });
            line.finish();
            print_migrated(out, &done?)
        }
        Command::Init { .. } | Command::Seed { .. } | Command::Demo | Command::Restore { .. } => {
            Ok(())
        }
    }
}

/// The report to the data protection officer and the regulator decision, as typed: times left
/// out are now; not notifying needs a reason.
fn breach_completion(c: BreachCompletion) -> CliResult<BreachUpdate> {
    let now = domain::now();
    let dpo = c.dpo_reported_by.map(|by| domain::DpoReport {
        by,
        at: c.dpo_reported_at.unwrap_or(now),
    });
    let regulator = match (c.regulator, c.why) {
        (None, _) => None,
        (Some(RegulatorArg::Notified), None) => Some(domain::Regulator::Notified {
            at: c.regulator_at.unwrap_or(now),
        }),
        (Some(RegulatorArg::NotNotified), Some(why)) if c.regulator_at.is_none() => {
            Some(domain::Regulator::NotNotified { why })
        }
        (Some(RegulatorArg::Notified), Some(_)) => {
            return Err(CliError::Usage(
                "--why goes with --regulator not-notified".into(),
            ));
        }
        (Some(RegulatorArg::NotNotified), _) => {
            return Err(CliError::Usage(
                "--regulator not-notified needs --why TEXT (and takes no --regulator-at)".into(),
            ));
        }
    };
    Ok(BreachUpdate { dpo, regulator })
}

/// A day typed as `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<domain::Date, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

/// `--section` arguments as sections; a malformed one is a usage error that never repeats its
/// text.
fn sections_of(raw: &[String]) -> CliResult<Vec<Section>> {
    raw.iter()
        .map(|raw| {
            parse_section(raw)
                .map(|a| Section {
                    heading: a.heading,
                    sensitivity: a.sensitivity,
                    text: a.text,
                })
                .map_err(|e| CliError::Usage(format!("--section: {e}")))
        })
        .collect()
}
