//! What the backup and restore tests compare: notes, trails and texts as a supervisor reads
//! them, file modes and folder listings.

use std::path::Path;

use casenotes::domain::ClientRef;
use casenotes::session::{self, Reveal, SectionBody, Session};

use super::pw;

pub fn later() -> casenotes::domain::Date {
    casenotes::domain::today()
        .checked_add(jiff::Span::new().years(6).days(1))
        .unwrap()
}

/// Signs in to the store at `path`, keeping this machine's witness in `state`.
pub fn sign_in_at(path: &Path, state: &Path, user: &str, password: &str) -> Session {
    session::sign_in(
        session::open_store(path).unwrap().with_state_dir(state),
        user,
        &pw(password),
    )
    .unwrap()
}

/// Every note of `clients` as text: id, author, label and text of each section (revealed).
pub fn notes_of(s: &Session, clients: &[ClientRef]) -> Vec<String> {
    let mut out = Vec::new();
    for c in clients {
        let v = s
            .open_client(
                *c,
                None,
                Reveal::All {
                    reason: "checking the backup",
                },
            )
            .unwrap();
        for n in &v.notes {
            let mut line = format!("{c} {} by {} at {}:", n.id, n.author, n.contact_at);
            for sec in &n.sections {
                let body = match &sec.body {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
                    SectionBody::Masked => "(masked)".into(),
                };
                line.push_str(&format!(" [{} {:?}: {body}]", sec.heading, sec.sensitivity));
            }
            out.push(line);
        }
    }
    out
}

/// The audit trail as text, one event a line (everything a supervisor reads of it).
pub fn trail(s: &Session) -> Vec<String> {
    s.audit(None)
        .unwrap()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect()
}

pub fn ordinary_texts(s: &Session, clients: &[ClientRef]) -> Vec<String> {
    let mut out = Vec::new();
    for c in clients {
        for n in s.open_client(*c, None, Reveal::Nothing).unwrap().notes {
            for sec in n.sections {
                if let SectionBody::Shown(t) = sec.body {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
