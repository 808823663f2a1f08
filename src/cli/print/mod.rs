//! Printing for people: a client's notes with masked sections marked, lists of clients, users
//! and audit events. Every text that came from a person goes through [`domain::visible_line`]
//! (one-line fields) or [`domain::visible`] (a section's text), so stored text cannot drive the
//! reader's terminal; `--json` output carries the exact text instead.
//!
//! - `mod.rs`: notes, clients, actions, the dashboard, users, policy, the audit trail.
//! - `records`: the data-protection records (consents, disclosures, breaches), backups and
//!   restores, and second factors.

mod records;

pub(super) use records::*;

use std::io::{self, Write};

use crate::domain::ClientRef;
use crate::domain::PolicySetting;
use crate::domain::{self, Date, visible, visible_line};
use crate::session::{
    ActionView, AuditEntry, BackupFile, BackupWritten, BreachView, CaseloadFigures, ClientSummary,
    ClientView, ConsentView, Dashboard, DisclosureView, GlassAccess, NeedsAdviser, Restored,
    RetentionDue, RevisionView, SectionBody, SectionView, UserSummary, consent_summary,
};

use super::*;

pub(super) fn w(out: &mut dyn Write, args: std::fmt::Arguments<'_>) -> CliResult {
    out.write_fmt(args).map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
        _ => CliError::Other(format!("cannot write output: {e}")),
    })
}

pub(super) fn print_client(out: &mut dyn Write, v: &ClientView) -> CliResult {
    let c = &v.summary;
    w(
        out,
        format_args!(
            "{}  {}  adviser: {}  status: {}{}\n",
            c.reference,
            visible_line(&c.name),
            visible_line(&c.adviser),
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
                visible_line(d.date_of_birth.as_deref().unwrap_or("-")),
                visible_line(d.contact.as_deref().unwrap_or("-"))
            ),
        )?;
    }
    w(out, format_args!("  {}\n", consent_summary(&v.consents)))?;
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
                visible_line(&n.author)
            ),
        )?;
        if let Some(marks) = n.marks.describe() {
            w(out, format_args!("  {marks}\n"))?;
        }
        for (i, sec) in n.sections.iter().enumerate() {
            let added = n
                .marks
                .addendum(i)
                .map(|a| format!("  ({a})"))
                .unwrap_or_default();
            w(
                out,
                format_args!(
                    "  [{}] {}{added}\n",
                    sec.sensitivity,
                    visible_line(&sec.heading)
                ),
            )?;
            print_body(out, &sec.body)?;
        }
    }
    Ok(())
}

fn print_body(out: &mut dyn Write, body: &SectionBody) -> CliResult {
    match body {
        SectionBody::Shown(t) => w(out, format_args!("{}\n", indent(&visible(t)))),
        SectionBody::Revealed(t) => w(
            out,
            format_args!("    (revealed; logged)\n{}\n", indent(&visible(t))),
        ),
        SectionBody::Masked => w(
            out,
            format_args!("    (masked: reveal with --reveal --reason TEXT)\n"),
        ),
    }
}

fn print_sections(out: &mut dyn Write, sections: &[SectionView]) -> CliResult {
    for sec in sections {
        w(
            out,
            format_args!("  [{}] {}\n", sec.sensitivity, visible_line(&sec.heading)),
        )?;
        print_body(out, &sec.body)?;
    }
    Ok(())
}

/// Indents each line of text already made [`visible`].
pub(super) fn indent(t: &str) -> String {
    t.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `client list`: one line per client.
pub(super) fn print_clients(out: &mut dyn Write, list: &[ClientSummary]) -> CliResult {
    w(
        out,
        format_args!(
            "{:<8}  {:<28} {:<12} {:<6} {}\n",
            "REF", "NAME", "ADVISER", "STATUS", "LAST CONTACT"
        ),
    )?;
    for c in list {
        w(
            out,
            format_args!(
                "{}  {:<28} {:<12} {:<6} {}\n",
                c.reference,
                visible_line(&c.name),
                visible_line(&c.adviser),
                c.status.as_str(),
                c.last_contact
                    .map(domain::format_time)
                    .unwrap_or_else(|| "-".into())
            ),
        )?;
    }
    Ok(())
}

/// `action list`: one line per action, with where it stands on `today`. An action agreed in a
/// masked section shows its label and note instead of its text.
pub(super) fn print_actions(out: &mut dyn Write, list: &[ActionView], today: Date) -> CliResult {
    w(
        out,
        format_args!(
            "{:<8}  {:>3}  {:<7}  {:<10}  {:<7}  {}\n",
            "CLIENT", "N", "WHO", "DUE", "STATUS", "WHAT"
        ),
    )?;
    for a in list {
        let what = match &a.text {
            SectionBody::Shown(t) | SectionBody::Revealed(t) => visible_line(t),
            SectionBody::Masked => {
                format!("(masked [{}]: see note {})", a.sensitivity, a.note).into()
            }
        };
        w(
            out,
            format_args!(
                "{}  {:>3}  {:<7}  {:<10}  {:<7}  {}\n",
                a.client,
                a.number,
                a.owner,
                a.due.map(domain::format_date).unwrap_or_else(|| "-".into()),
                a.status(today),
                what
            ),
        )?;
    }
    Ok(())
}

/// `action list --json`: the exact text (absent when masked), where each action stands on
/// `today`, and who marked it done.
pub(super) fn actions_json(list: &[ActionView], today: Date) -> serde_json::Value {
    let items = list
        .iter()
        .map(|a| {
            let text = match &a.text {
                SectionBody::Shown(t) | SectionBody::Revealed(t) => Some(t.as_str()),
                SectionBody::Masked => None,
            };
            serde_json::json!({
                "client": a.client.to_string(),
                "number": a.number,
                "who": a.owner.as_str(),
                "due": a.due.map(domain::format_date),
                "status": a.status(today).as_str(),
                "what": text,
                "sensitivity": a.sensitivity.to_string(),
                "note": a.note.to_string(),
                "created": domain::format_time(a.created_at),
                "done_at": a.done.as_ref().map(|d| domain::format_time(d.at)),
                "done_by": a.done.as_ref().map(|d| d.by.as_str()),
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

/// `caseload`: a heading, a line per adviser, the totals; then what the figures were counted
/// with. Names go through [`visible_line`].
pub(super) fn print_dashboard(out: &mut dyn Write, d: &Dashboard) -> CliResult {
    w(
        out,
        format_args!(
            "{:<20} {:<10} {:>5} {:>9} {:>8} {:>7} {:>10} {:>10} {:>14} {:>5}  {}\n",
            "ADVISER",
            "ROLE",
            "OPEN",
            "NOTES-30D",
            "UNSIGNED",
            "OVERDUE",
            "NO-CONTACT",
            "NO-CONSENT",
            "PAST-RETENTION",
            "GLASS",
            "NOTES-PER-WEEK"
        ),
    )?;
    let line = |out: &mut dyn Write, name: &str, role: &str, f: &CaseloadFigures| {
        let weeks: Vec<String> = f.notes_per_week.iter().map(u32::to_string).collect();
        w(
            out,
            format_args!(
                "{:<20} {:<10} {:>5} {:>9} {:>8} {:>7} {:>10} {:>10} {:>14} {:>5}  {}\n",
                name,
                role,
                f.open_clients,
                f.notes_30_days,
                f.awaiting_sign_off,
                f.overdue_actions,
                f.no_contact,
                f.no_consent,
                f.past_retention,
                f.glass_pending,
                weeks.join(",")
            ),
        )
    };
    for row in &d.rows {
        let role = match (row.role, row.disabled) {
            (Some(r), false) => r.to_string(),
            (Some(r), true) => format!("{r}*"),
            (None, _) => "-".into(),
        };
        line(out, &visible_line(&row.name), &role, &row.figures)?;
    }
    line(out, "TOTAL", "", &d.totals)?;
    let disabled = if d.rows.iter().any(|r| r.disabled) {
        " * disabled account."
    } else {
        ""
    };
    w(
        out,
        format_args!(
            "counted on {}: no contact for {}+ days; retention {} years; weeks of notes from {} \
             (oldest first, the last ending today); no consent: open clients without a current \
             consent to keeping notes.{disabled}\n",
            domain::format_date(d.today),
            d.no_contact_days,
            d.retention_years,
            d.weeks
                .first()
                .copied()
                .map(domain::format_date)
                .unwrap_or_default()
        ),
    )
}

/// `caseload --json`: the same figures, with the names as stored and each week's first day.
pub(super) fn dashboard_json(d: &Dashboard) -> serde_json::Value {
    let figures = |f: &CaseloadFigures| {
        serde_json::json!({
            "open_clients": f.open_clients,
            "notes_30_days": f.notes_30_days,
            "awaiting_sign_off": f.awaiting_sign_off,
            "overdue_actions": f.overdue_actions,
            "no_contact": f.no_contact,
            "past_retention": f.past_retention,
            "glass_pending": f.glass_pending,
            "notes_per_week": f.notes_per_week,
        })
    };
    let rows: Vec<serde_json::Value> = d
        .rows
        .iter()
        .map(|r| {
            let mut v = figures(&r.figures);
            v["name"] = r.name.clone().into();
            v["role"] = r.role.map(|r| r.to_string()).into();
            v["disabled"] = r.disabled.into();
            v
        })
        .collect();
    serde_json::json!({
        "today": domain::format_date(d.today),
        "no_contact_days": d.no_contact_days,
        "retention_years": d.retention_years,
        "weeks": d.weeks.iter().map(|w| domain::format_date(*w)).collect::<Vec<_>>(),
        "advisers": rows,
        "totals": figures(&d.totals),
    })
}

/// `user list`: one line per account.
pub(super) fn print_users(out: &mut dyn Write, users: &[UserSummary]) -> CliResult {
    w(
        out,
        format_args!("{:<20} {:<10} {}\n", "USER", "ROLE", "STATUS"),
    )?;
    for u in users {
        w(
            out,
            format_args!(
                "{:<20} {:<10} {}\n",
                visible_line(&u.name),
                u.role,
                if u.disabled {
                    "disabled"
                } else if u.must_change_password {
                    "must change password"
                } else if u.awaiting_confirmation {
                    "awaiting confirmation"
                } else {
                    "active"
                }
            ),
        )?;
    }
    Ok(())
}

/// After an account change: the open clients left without an adviser, by reference.
pub(super) fn print_needs_adviser(out: &mut dyn Write, needs: &NeedsAdviser) -> CliResult {
    let refs: Vec<String> = needs.clients.iter().map(ToString::to_string).collect();
    match refs.len() {
        0 => {}
        1 => w(
            out,
            format_args!(
                "this client needs a new adviser: {} — a supervisor runs `casenotes client reassign`\n",
                refs[0]
            ),
        )?,
        n => w(
            out,
            format_args!(
                "these {n} clients need a new adviser: {} — a supervisor runs `casenotes client reassign`\n",
                refs.join(", ")
            ),
        )?,
    }
    if needs.unrecorded > 0 {
        w(
            out,
            format_args!(
                "{} clients' advisers are not yet recorded for administrators; a supervisor lists every client without an active adviser: `casenotes client list --needs-adviser`\n",
                needs.unrecorded
            ),
        )?;
    }
    Ok(())
}

/// `policy show`: every setting with its value, range and meaning.
pub(super) fn print_policy(out: &mut dyn Write, settings: &[PolicySetting]) -> CliResult {
    w(
        out,
        format_args!(
            "{:<22} {:>6}  {:<9} {}\n",
            "KEY", "VALUE", "RANGE", "MEANING"
        ),
    )?;
    for s in settings {
        w(
            out,
            format_args!(
                "{:<22} {:>6}  {:<9} {}\n",
                s.key.name,
                s.value_text(),
                s.key.range_text(),
                s.key.meaning
            ),
        )?;
    }
    Ok(())
}

/// `audit list`: one line per event, whatever its detail or reason holds.
pub(super) fn print_audit(out: &mut dyn Write, events: &[AuditEntry]) -> CliResult {
    w(
        out,
        format_args!(
            "{:>6}  {:<19}  {:<12} {:<20} {:<8} {}\n",
            "EVENT", "TIME (UTC)", "WHO", "WHAT", "CLIENT", "DETAIL"
        ),
    )?;
    for e in events {
        w(
            out,
            format_args!(
                "{:>6}  {}  {:<12} {:<20} {:<8} {}{}{}\n",
                e.seq,
                domain::format_time_seconds(e.at),
                visible_line(&e.actor),
                e.action,
                e.client
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "-".into()),
                visible_line(&e.detail),
                e.reason
                    .as_ref()
                    .map(|r| format!(" reason: {}", visible_line(r)))
                    .unwrap_or_default(),
                if e.flagged { "  [FLAGGED]" } else { "" }
            ),
        )?;
    }
    Ok(())
}

pub(super) fn print_history(
    out: &mut dyn Write,
    note: domain::NoteId,
    revisions: &[RevisionView],
) -> CliResult {
    for r in revisions {
        let why = r
            .why
            .as_ref()
            .map(|w| format!("  why: {}", visible_line(w)))
            .unwrap_or_default();
        w(
            out,
            format_args!(
                "{note} revision {}  {}  by {}{why}\n",
                r.revision,
                domain::format_time(r.at),
                visible_line(&r.by)
            ),
        )?;
        print_sections(out, &r.sections)?;
        w(out, format_args!("\n"))?;
    }
    Ok(())
}

pub(super) fn print_glass(out: &mut dyn Write, accesses: &[GlassAccess]) -> CliResult {
    if accesses.is_empty() {
        return w(out, format_args!("no break-glass accesses to show\n"));
    }
    w(
        out,
        format_args!(
            "{:>6}  {:<16}  {:<12} {:<9} {}\n",
            "EVENT", "TIME (UTC)", "WHO", "CLIENT", "REASON / REVIEW"
        ),
    )?;
    for a in accesses {
        let reason = a
            .reason
            .as_ref()
            .map(|r| visible_line(r).into_owned())
            .unwrap_or_default();
        let review = match &a.review {
            None => "  [awaiting review]".to_string(),
            Some(r) => format!(
                "  [{} by {} {}{}]",
                r.outcome,
                visible_line(&r.by),
                domain::format_time(r.at),
                r.comment
                    .as_ref()
                    .map(|c| format!(": {}", visible_line(c)))
                    .unwrap_or_default()
            ),
        };
        w(
            out,
            format_args!(
                "{:>6}  {}  {:<12} {:<9} {reason}{review}\n",
                a.event,
                domain::format_time(a.at),
                visible_line(&a.who),
                a.client.to_string(),
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, ClientRef, ClientStatus, NoteId, NoteStatus, Role, Sensitivity};
    use crate::session::{ClientDetails, NoteView, Redacted, SectionView};

    /// What a reviewer feared: a reason that erases its own line, retitles the window and
    /// reverses the rest of the line.
    const HOSTILE: &str = "checking\r\u{1b}[2K\u{1b}]0;pwned\u{7}\u{202e}gnp.exe\u{200b}";
    const SHOWN: &str = "checking\\u{d}\\u{1b}[2K\\u{1b}]0;pwned\\u{7}\\u{202e}gnp.exe\\u{200b}";

    fn printed(f: impl FnOnce(&mut dyn Write) -> CliResult) -> String {
        let mut buf = Vec::new();
        assert!(f(&mut buf).is_ok());
        String::from_utf8(buf).expect("UTF-8")
    }

    /// Nothing a terminal would act on, besides line feeds.
    fn assert_inert(text: &str) {
        assert!(
            !text.chars().any(|c| c != '\n' && domain::is_hidden(c)),
            "{text:?}"
        );
    }

    fn summary() -> ClientSummary {
        ClientSummary {
            reference: ClientRef(1),
            outside_caseload: false,
            name: Redacted::new(format!("Robin {HOSTILE}")),
            adviser: format!("sam{HOSTILE}"),
            status: ClientStatus::Open,
            opened_at: 0,
            last_contact: None,
            note_count: 1,
            open_actions: 0,
            overdue_actions: 0,
            next_due: None,
        }
    }

    #[test]
    fn stored_text_in_a_client_view_is_shown_escaped() {
        let view = ClientView {
            summary: summary(),
            details: Some(ClientDetails {
                date_of_birth: Redacted::new(Some(format!("1983-07-19{HOSTILE}"))),
                contact: Redacted::new(Some(format!("07700 900123{HOSTILE}"))),
            }),
            consents: Vec::new(),
            notes: vec![NoteView {
                id: NoteId(1),
                author: format!("sam{HOSTILE}"),
                contact_at: 0,
                channel: Channel::Phone,
                status: NoteStatus::Final,
                marks: Default::default(),
                sections: vec![
                    SectionView {
                        heading: format!("Query{HOSTILE}"),
                        sensitivity: Sensitivity::Ordinary,
                        body: SectionBody::Shown(Redacted::new(format!(
                            "first line\r\nsecond\t{HOSTILE}\nthird"
                        ))),
                        redacted: None,
                    },
                    SectionView {
                        heading: "Health".into(),
                        sensitivity: Sensitivity::Confidential,
                        body: SectionBody::Revealed(Redacted::new(HOSTILE.to_string())),
                        redacted: None,
                    },
                ],
            }],
            actions: Vec::new(),
            break_glass: false,
        };
        let text = printed(|out| print_client(out, &view));
        assert_inert(&text);
        assert_eq!(
            text,
            format!(
                "C-000001  Robin {SHOWN}  adviser: sam{SHOWN}  status: open\n  \
                 date of birth: 1983-07-19{SHOWN}  contact: 07700 900123{SHOWN}\n  \
                 consent: none recorded\n\
                 \n\
                 N-000001  1970-01-01 00:00  phone  final  by sam{SHOWN}\n  \
                 [ordinary] Query{SHOWN}\n    \
                 first line\n    \
                 second    {SHOWN}\n    \
                 third\n  \
                 [confidential] Health\n    \
                 (revealed; logged)\n    \
                 {SHOWN}\n"
            )
        );
    }

    #[test]
    fn stored_text_in_the_audit_trail_is_shown_escaped() {
        let events = vec![AuditEntry {
            seq: 7,
            at: 0,
            actor: format!("sam{HOSTILE}"),
            action: "section-revealed",
            detail: format!("N-000001 section 1 {HOSTILE}"),
            client: Some(ClientRef(1)),
            reason: Some(Redacted::new(HOSTILE.to_string())),
            flagged: true,
        }];
        let text = printed(|out| print_audit(out, &events));
        assert_inert(&text);
        assert_eq!(text.lines().count(), 2, "a header and one event: {text}");
        let (header, text) = text.split_once('\n').expect("header");
        assert!(
            header.contains("EVENT") && header.contains("TIME (UTC)"),
            "{header}"
        );
        assert_eq!(
            text,
            format!(
                "     7  1970-01-01 00:00:00  sam{SHOWN} section-revealed     C-000001 \
                 N-000001 section 1 {SHOWN} reason: {SHOWN}  [FLAGGED]\n"
            )
        );
    }

    #[test]
    fn actions_are_listed_escaped_and_masked_ones_without_text() {
        use crate::domain::Owner;
        use crate::session::{ActionView, DoneView};
        let today = Date::new(2026, 3, 14).unwrap();
        let action = |number, text, due, done| ActionView {
            client: ClientRef(1),
            number,
            owner: Owner::Client,
            text,
            sensitivity: Sensitivity::Ordinary,
            due,
            note: NoteId(3),
            created_at: 0,
            done,
        };
        let mut masked = action(2, SectionBody::Masked, None, None);
        masked.sensitivity = Sensitivity::Confidential;
        let list = [
            action(
                1,
                SectionBody::Shown(Redacted::new(format!("ring {HOSTILE}"))),
                Some(Date::new(2026, 3, 13).unwrap()),
                None,
            ),
            masked,
            action(
                10,
                SectionBody::Shown(Redacted::new("send it".into())),
                Some(today),
                Some(DoneView {
                    at: 0,
                    by: "sam".into(),
                }),
            ),
        ];
        let text = printed(|out| print_actions(out, &list, today));
        assert_inert(&text);
        assert_eq!(
            text,
            format!(
                "CLIENT      N  WHO      DUE         STATUS   WHAT\n\
                 C-000001    1  client   2026-03-13  overdue  ring {SHOWN}\n\
                 C-000001    2  client   -           open     \
                 (masked [confidential]: see note N-000003)\n\
                 C-000001   10  client   2026-03-14  done     send it\n"
            )
        );
        let json = actions_json(&list, today);
        assert_eq!(json[1]["what"], serde_json::Value::Null);
        assert_eq!(json[2]["done_by"], "sam");
        assert_eq!(json[0]["status"], "overdue");
    }

    #[test]
    fn stored_names_in_lists_are_shown_escaped() {
        let text = printed(|out| print_clients(out, &[summary()]));
        assert_inert(&text);
        let (header, text) = text.split_once('\n').expect("header");
        assert!(header.starts_with("REF"), "{header}");
        assert!(
            text.starts_with(&format!("C-000001  Robin {SHOWN} sam{SHOWN}")),
            "{text}"
        );
        let users = vec![UserSummary {
            name: format!("eve{HOSTILE}"),
            role: Role::Adviser,
            disabled: false,
            confirmed: true,
            awaiting_confirmation: false,
            must_change_password: false,
            created_at: 0,
        }];
        let text = printed(|out| print_users(out, &users));
        assert_inert(&text);
        assert_eq!(
            text,
            format!("USER                 ROLE       STATUS\neve{SHOWN} adviser    active\n")
        );
    }
}
