//! Printing for people: a client's notes with masked sections marked.

use std::io::{self, Write};

use crate::domain::{self};
use crate::session::{ClientView, SectionBody};

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

pub(super) fn indent(t: &str) -> String {
    t.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
