//! The writer that `tests/crash.rs` kills with `kill -9` at random moments.
//!
//! Usage: `crash_writer STORE USER CLIENT`, with USER's password on the first line of standard
//! input. It signs in, then forever: seals a draft, saves a note to client number CLIENT, and
//! once the save has returned prints `ACK <note id> <i>` and flushes. Note `i` holds the text
//! `note <i>`; the draft saved just before it holds `draft <i> ddd…`. Any failure is one line on
//! standard error and exit status 1.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use casenotes::domain::{Channel, ClientRef, Draft, Section, Sensitivity};
use casenotes::session::{self, NewNote};
use secrecy::SecretString;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash_writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn query(text: String) -> Vec<Section> {
    vec![Section {
        heading: "Query".into(),
        sensitivity: Sensitivity::Ordinary,
        text,
    }]
}

fn run() -> Result<(), String> {
    let mut args = std::env::args_os().skip(1);
    let usage = "usage: crash_writer STORE USER CLIENT (password on standard input)";
    let store = PathBuf::from(args.next().ok_or(usage)?);
    let user = args
        .next()
        .and_then(|u| u.into_string().ok())
        .ok_or(usage)?;
    let client = args
        .next()
        .and_then(|c| c.into_string().ok())
        .and_then(|c| c.parse::<u64>().ok())
        .map(ClientRef)
        .ok_or(usage)?;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| format!("reading the password: {e}"))?;
    let password = SecretString::from(password.trim_end_matches(['\r', '\n']).to_string());

    let store = session::open_store(&store).map_err(|e| format!("open: {e}"))?;
    let s = session::sign_in(store, &user, &password).map_err(|e| format!("sign in: {e}"))?;
    let out = std::io::stdout();
    for i in 0u64.. {
        let draft = Draft {
            client,
            channel: Channel::Phone,
            sections: query(format!("draft {i} {}", "d".repeat(300))),
            saved_at: 0,
            purpose: Default::default(),
        };
        s.save_draft(&draft)
            .map_err(|e| format!("draft {i}: {e}"))?;
        let id = s
            .add_note(
                client,
                NewNote {
                    channel: Channel::Phone,
                    contact_at: None,
                    sections: query(format!("note {i}")),
                },
                None,
            )
            .map_err(|e| format!("note {i}: {e}"))?;
        let mut o = out.lock();
        writeln!(o, "ACK {} {i}", id.0)
            .and_then(|()| o.flush())
            .map_err(|e| format!("stdout: {e}"))?;
    }
    Ok(())
}
