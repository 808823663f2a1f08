//! Second factors on the command line: enrolling an authenticator app, the first code read from
//! standard input or asked for at the terminal.

use std::io::{self, IsTerminal, Write};

use crate::domain::visible_line;
use crate::session::Session;

use super::*;

/// `user totp enrol [--confirm]`: starts an enrolment (printing the QR code) and confirms it
/// with a first code when one is at hand; `--confirm` confirms the one started before.
pub(super) fn enrol_totp(
    s: &Session,
    confirm: bool,
    pw: &mut Passwords,
    out: &mut dyn Write,
) -> CliResult {
    if !confirm {
        let e = s.start_totp_enrolment()?;
        print_enrolment(out, &e, io::stdout().is_terminal())?;
    } else if s.pending_totp_enrolment()?.is_none() {
        return Err(CliError::Other(
            "no enrolment is waiting for a first code: start one with `casenotes user totp enrol`"
                .into(),
        ));
    }
    let code = if pw.reads_stdin() {
        match pw.line_if_any() {
            Some(c) => c,
            None if confirm => {
                return Err(CliError::Usage(
                    "--password-stdin: standard input has no line for the first code".into(),
                ));
            }
            None => {
                return w(
                    out,
                    format_args!(
                        "not yet in effect: add the account to your authenticator app, then confirm with a code it shows:\n  casenotes --user {} user totp enrol --confirm    (the code on the line after your password)\n",
                        visible_line(s.user_name())
                    ),
                );
            }
        }
    } else {
        flush(out)?;
        prompt("First code from the app, to confirm: ")?
    };
    let codes = s.confirm_totp(&code)?;
    print_recovery_codes(out, s.user_name(), &codes)
}
