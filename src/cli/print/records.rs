//! Printing the data-protection records (consents, disclosures, breaches), backups and
//! restores, and second factors' enrolment.

use std::path::Path;

use crate::session::Migrated;

use super::*;

fn shown_path(p: &Path) -> String {
    visible_line(&p.display().to_string()).into_owned()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `backup`: where it went, what it holds and what its check covered; the older backups the
/// rotation removed.
pub(in crate::cli) fn print_backup(out: &mut dyn Write, b: &BackupWritten) -> CliResult {
    w(
        out,
        format_args!(
            "backed up to {}: {} clients, {} notes, {} audit events, {}; checked {}\n",
            shown_path(&b.path),
            b.clients,
            b.notes,
            b.events,
            megabytes(b.bytes),
            b.checked.join(", ")
        ),
    )?;
    for old in &b.removed {
        w(
            out,
            format_args!("removed the older backup {}\n", shown_path(old)),
        )?;
    }
    Ok(())
}

/// `migrate`: where the copy went, what it holds and what was checked.
pub(in crate::cli) fn print_migrated(out: &mut dyn Write, m: &Migrated) -> CliResult {
    w(
        out,
        format_args!(
            "copied the store to {}: {} clients, {} notes, {} audit events, {} rows; checked {}\n",
            visible_line(&m.to),
            m.clients,
            m.notes,
            m.events,
            m.rows,
            m.checked.join(", ")
        ),
    )
}

/// `restore`: what was restored and where the replaced file is kept; clients erased since the
/// backup was taken, which it brought back.
pub(in crate::cli) fn print_restored(out: &mut dyn Write, store: &Path, r: &Restored) -> CliResult {
    let kept = match &r.kept {
        Some(k) => format!("the replaced store is kept as {}", shown_path(k)),
        None => "there was no store file to keep".into(),
    };
    w(
        out,
        format_args!(
            "restored {} from the backup taken {} ({} clients, {} notes, {} audit events); {kept}\n",
            shown_path(store),
            domain::format_time(r.taken_at),
            r.clients,
            r.notes,
            r.events
        ),
    )?;
    if !r.erased_since.is_empty() {
        let refs: Vec<String> = r.erased_since.iter().map(ToString::to_string).collect();
        w(
            out,
            format_args!(
                "erased since the backup was taken, and back with it: {}; erase them again (`casenotes erase`)\n",
                refs.join(", ")
            ),
        )?;
    }
    Ok(())
}

fn backup_line(b: &BackupFile) -> String {
    format!(
        "{} (taken {})",
        shown_path(&b.path),
        domain::format_time(b.taken_at)
    )
}

/// After an erasure: the backups that still hold the client.
pub(in crate::cli) fn print_held_in_backups(
    out: &mut dyn Write,
    client: ClientRef,
    held: &[BackupFile],
) -> CliResult {
    if held.is_empty() {
        return Ok(());
    }
    w(
        out,
        format_args!(
            "{client} remains in {} taken before the erasure, until deleted:\n",
            match held.len() {
                1 => "1 backup".to_string(),
                n => format!("{n} backups"),
            }
        ),
    )?;
    for b in held {
        w(out, format_args!("  {}\n", backup_line(b)))?;
    }
    Ok(())
}

/// After `retention due`'s list: the backups holding the clients past retention, and the erased
/// clients that backups still hold.
pub(in crate::cli) fn print_backups_holding(
    out: &mut dyn Write,
    due: &[RetentionDue],
    erased: &[(ClientRef, Vec<BackupFile>)],
) -> CliResult {
    // By backup, oldest first, with the clients each holds.
    let mut by_backup: Vec<(&BackupFile, Vec<String>)> = Vec::new();
    for d in due {
        for b in &d.in_backups {
            match by_backup.iter_mut().find(|(k, _)| k.path == b.path) {
                Some((_, refs)) => refs.push(d.reference.to_string()),
                None => by_backup.push((b, vec![d.reference.to_string()])),
            }
        }
    }
    by_backup.sort_by_key(|(b, _)| b.taken_at);
    if !by_backup.is_empty() {
        w(
            out,
            format_args!(
                "\nbackups holding these clients (an erased client remains in them until they are deleted):\n"
            ),
        )?;
        for (b, refs) in &by_backup {
            w(
                out,
                format_args!("  {}: {}\n", backup_line(b), refs.join(", ")),
            )?;
        }
    }
    if !erased.is_empty() {
        w(
            out,
            format_args!("\nerased clients still held in backups taken before their erasure:\n"),
        )?;
        for (c, held) in erased {
            let list: Vec<String> = held.iter().map(backup_line).collect();
            w(out, format_args!("  {c}: {}\n", list.join(", ")))?;
        }
    }
    Ok(())
}

pub(in crate::cli) fn print_consents(out: &mut dyn Write, consents: &[ConsentView]) -> CliResult {
    if consents.is_empty() {
        return w(out, format_args!("no consent recorded\n"));
    }
    w(
        out,
        format_args!(
            "{:>3}  {:<8} {:<10} {:<10} {:<9} {}\n",
            "N", "HOW", "GIVEN", "RENEW BY", "STATUS", "SCOPE"
        ),
    )?;
    for c in consents {
        let day = |d: Option<domain::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let status = match (c.withdrawn_on, c.current) {
            (Some(d), _) => format!("withdrawn {d}"),
            (None, true) => "current".into(),
            (None, false) => "expired".into(),
        };
        w(
            out,
            format_args!(
                "{:>3}  {:<8} {:<10} {:<10} {:<9} {}\n",
                c.number,
                c.method.as_str(),
                day(c.given_on),
                day(c.renew_by),
                status,
                visible_line(&c.scope.to_string())
            ),
        )?;
    }
    Ok(())
}

pub(in crate::cli) fn print_disclosures(out: &mut dyn Write, list: &[DisclosureView]) -> CliResult {
    if list.is_empty() {
        return w(out, format_args!("no disclosure recorded\n"));
    }
    for d in list {
        w(
            out,
            format_args!(
                "{:>3}  {}  by {}  to {}  basis: {}\n     what: {}\n",
                d.number,
                domain::format_time(d.at),
                visible_line(&d.by),
                visible_line(&d.to),
                d.basis.as_str(),
                visible_line(&d.what)
            ),
        )?;
        if let Some(j) = &d.justification {
            w(out, format_args!("     why: {}\n", visible_line(j)))?;
        }
    }
    Ok(())
}

/// The breach log; where the regulator's question is undecided, its deadline and the time left
/// at `now` (or how overdue).
pub(in crate::cli) fn print_breaches(
    out: &mut dyn Write,
    list: &[BreachView],
    now: i64,
) -> CliResult {
    if list.is_empty() {
        return w(out, format_args!("no breach recorded\n"));
    }
    let or_dash = |t: Option<&String>| -> String {
        t.map_or_else(|| "-".into(), |t| visible_line(t).into_owned())
    };
    for b in list {
        let clients: Vec<String> = b.clients.iter().map(|c| c.to_string()).collect();
        let dpo = match &b.dpo {
            Some(d) => format!("{} by {}", domain::format_time(d.at), visible_line(&d.by)),
            None => "not yet".into(),
        };
        let regulator = match (&b.regulator, b.deadline()) {
            (_, Some(due)) => format!(
                "undecided: due {} ({})",
                domain::format_time(due),
                domain::time_left(due, now).0
            ),
            (domain::Regulator::NotNotified { why }, None) => {
                format!("not notified: {}", visible_line(why))
            }
            (r, None) => r.short(),
        };
        w(
            out,
            format_args!(
                "{:>3}  happened {}  found {}  recorded {} by {}\n     what: {}\n     how: {}\n     clients: {}\n     reported to the DPO: {}\n     regulator: {}\n     reported to: {}\n     actions: {}\n",
                b.number,
                b.happened_at
                    .map(domain::format_time)
                    .unwrap_or_else(|| "unknown".into()),
                domain::format_time(b.discovered_at),
                domain::format_time(b.at),
                visible_line(&b.by),
                visible_line(&b.what),
                or_dash(b.how.as_ref()),
                if clients.is_empty() {
                    "-".into()
                } else {
                    clients.join(", ")
                },
                dpo,
                regulator,
                or_dash(b.reported_to.as_ref()),
                or_dash(b.actions.as_ref()),
            ),
        )?;
    }
    Ok(())
}

/// An authenticator to add: the QR code (black on white on a terminal, so a phone reads it
/// whatever the terminal's colours; dark modules as blocks otherwise), the secret to type, and
/// the URI.
pub(in crate::cli) fn print_enrolment(
    out: &mut dyn Write,
    e: &crate::session::TotpEnrolment,
    terminal: bool,
) -> CliResult {
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    w(
        out,
        format_args!(
            "Add this account to your authenticator app: scan the code, or type the secret.\n\n"
        ),
    )?;
    match e.qr() {
        Some(qr) => {
            for line in qr.half_block_lines() {
                if colour {
                    w(out, format_args!("\x1b[30;107m{line}\x1b[0m\n"))?;
                } else {
                    w(out, format_args!("{line}\n"))?;
                }
            }
        }
        None => w(out, format_args!("(the QR code could not be drawn)\n"))?,
    }
    w(
        out,
        format_args!(
            "\nsecret:  {}\naccount: casenotes:{}\nuri:     {}\n\n",
            e.secret_text().as_str(),
            visible_line(e.account()),
            visible_line(e.uri().as_str())
        ),
    )
}

/// The recovery codes of an enrolment, shown once.
pub(in crate::cli) fn print_recovery_codes(
    out: &mut dyn Write,
    user: &str,
    codes: &crate::session::RecoveryCodes,
) -> CliResult {
    w(
        out,
        format_args!(
            "one-time codes are on for {}: each sign-in asks for the code your app shows after the password\n\nRecovery codes, each usable once instead of a code (keep them somewhere safe, away from the phone; they are not shown again):\n",
            visible_line(user)
        ),
    )?;
    for c in codes.codes() {
        w(out, format_args!("  {c}\n"))?;
    }
    Ok(())
}
