//! Synthetic caseloads: a new store with an administrator, a supervisor and advisers (every
//! adviser confirmed by the supervisor), clients spread over the advisers, and notes written like
//! real IAG notes. Everything goes through [`crate::session`], so the store is exactly what real
//! use would make.

pub mod text;

use std::path::Path;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use secrecy::{ExposeSecret, SecretString};

use crate::domain::{self, Policy, Role, Section, Timestamp};
use crate::session::{
    self, KdfCost, Location, NewClient, NewNote, NewStore, NewUser, Session, SessionError,
};

/// What to make.
pub struct SeedOptions {
    pub clients: u64,
    pub notes_per_client: u32,
    /// Every account's password; generated per account when `None`.
    pub password: Option<SecretString>,
    /// Key-derivation cost for every account.
    pub kdf: KdfCost,
    /// Marks the store as a demo store (its sign-in screen may show the accounts).
    pub demo: bool,
}

/// One synthetic account.
pub struct SeededUser {
    pub name: String,
    pub role: Role,
    /// The generated password, when none was given.
    pub password: Option<SecretString>,
}

/// What was made.
pub struct SeedReport {
    pub users: Vec<SeededUser>,
    pub clients: u64,
    pub notes: u64,
    /// Bytes of note text written (headings and section text), for measuring storage overhead.
    pub plaintext_bytes: u64,
}

/// About one adviser per 100 clients, at least two.
pub fn adviser_count(clients: u64) -> u64 {
    (clients.div_ceil(100)).max(2)
}

const WORDS: [&str; 64] = [
    "anchor", "basalt", "cobalt", "dahlia", "ember", "fjord", "glacier", "harbour", "indigo",
    "juniper", "kestrel", "lantern", "marigold", "nutmeg", "orchard", "pewter", "quartz",
    "rosehip", "saffron", "thistle", "umber", "velvet", "willow", "yarrow", "zephyr", "bramble",
    "copper", "drizzle", "falcon", "granite", "heather", "icicle", "jasper", "kelp", "lichen",
    "mosaic", "nettle", "oyster", "pumice", "quill", "rhubarb", "sorrel", "tundra", "urchin",
    "vellum", "walnut", "yonder", "zinnia", "acorn", "bisque", "cinder", "dune", "fennel", "gorse",
    "hazel", "inlet", "jetty", "kiln", "loam", "meadow", "nimbus", "osprey", "puffin", "russet",
];

/// A random passphrase that passes the default password policy.
pub fn generate_password<R: Rng + ?Sized>(rng: &mut R) -> SecretString {
    let policy = Policy::default();
    loop {
        let words: Vec<&str> = (0..4).filter_map(|_| WORDS.choose(rng).copied()).collect();
        let pw = SecretString::from(format!("{}-{}", words.join("-"), rng.random_range(10..100)));
        if session::check_password(&pw, &policy, &[]).is_ok() {
            return pw;
        }
    }
}

/// What a demo store is drawn from.
const DEMO_SEED: u64 = 2026;

/// The most clients one `seed` makes.
pub const MAX_CLIENTS: u64 = 1_000_000;
/// The most notes per client one `seed` makes.
pub const MAX_NOTES_PER_CLIENT: u32 = 1_000;

/// Creates a new store at `path` filled with synthetic data. Refuses an existing store, and more
/// than [`MAX_CLIENTS`] clients or [`MAX_NOTES_PER_CLIENT`] notes per client.
pub fn seed(at: impl Into<Location>, opts: SeedOptions) -> Result<SeedReport, SessionError> {
    let at: Location = at.into();
    let path = &at;
    if opts.clients > MAX_CLIENTS || opts.notes_per_client > MAX_NOTES_PER_CLIENT {
        return Err(SessionError::Invalid(format!(
            "seed makes at most {MAX_CLIENTS} clients with at most {MAX_NOTES_PER_CLIENT} notes each"
        )));
    }
    // A demo store is the same for everyone who makes one (its first client, which the README
    // opens, has masked sections); a seeded store for measuring is drawn afresh.
    let mut rng = if opts.demo {
        StdRng::seed_from_u64(DEMO_SEED)
    } else {
        StdRng::from_rng(&mut rand::rng())
    };
    let advisers = adviser_count(opts.clients);
    let mut users = vec![
        SeededUser {
            name: "admin".into(),
            role: Role::Admin,
            password: None,
        },
        SeededUser {
            name: "supervisor".into(),
            role: Role::Supervisor,
            password: None,
        },
    ];
    users.extend((1..=advisers).map(|i| SeededUser {
        name: format!("adviser{i}"),
        role: Role::Adviser,
        password: None,
    }));
    let passwords: Vec<SecretString> = users
        .iter()
        .map(|_| match &opts.password {
            Some(p) => SecretString::from(p.expose_secret().to_string()),
            None => generate_password(&mut rand::rng()),
        })
        .collect();

    let admin = session::create_store(
        path,
        NewStore {
            admin: &users[0].name,
            password: &passwords[0],
            kdf: opts.kdf,
            policy: Policy::default(),
            demo: opts.demo,
        },
    )?;
    let accounts: Vec<NewUser> = users[1..]
        .iter()
        .zip(&passwords[1..])
        .map(|(u, p)| NewUser {
            name: u.name.clone(),
            role: u.role,
            password: p.clone(),
        })
        .collect();
    admin.add_users_at_cost(&accounts, opts.kdf)?;
    drop(accounts);
    // The administrator never holds the case keys: the supervisor's first sign-in makes them,
    // the supervisor confirms every adviser, and the caseload is written as the supervisor.
    drop(admin.lock());
    let supervisor = session::sign_in(session::open_store(path)?, &users[1].name, &passwords[1])?;
    // Advisers hold the caseloads evenly; the supervisor holds none.
    let advisers: Vec<&str> = users
        .iter()
        .filter(|u| u.role == Role::Adviser)
        .map(|u| u.name.as_str())
        .collect();
    supervisor.confirm_users(&advisers)?;

    let now = domain::now();
    let mut made = 0u64;
    let mut notes = 0u64;
    let mut plaintext = 0u64;
    // Batches of about 5,000 notes: memory stays flat however large the seed.
    let batch = (5_000 / u64::from(opts.notes_per_client.max(1))).clamp(1, 250);
    while made < opts.clients {
        let n = batch.min(opts.clients - made);
        let batch = (0..n)
            .map(|i| {
                let adviser = advisers[(made + i) as usize % advisers.len()];
                // Every twentieth client's case ended seven years ago: closed, past retention,
                // waiting to be erased.
                let closed = (made + i) % 20 == 19;
                let (mut client, mut client_notes) =
                    synthetic_client(&mut rng, opts.notes_per_client, now);
                let closed_at = closed.then(|| {
                    const SEVEN_YEARS: i64 = 7 * 365 * 86_400;
                    for n in &mut client_notes {
                        n.contact_at = n.contact_at.map(|t| t - SEVEN_YEARS);
                    }
                    let last = client_notes.iter().filter_map(|n| n.contact_at).max();
                    last.unwrap_or(now - SEVEN_YEARS) + 14 * 86_400
                });
                client.adviser = Some(adviser.to_string());
                notes += client_notes.len() as u64;
                plaintext += client_notes
                    .iter()
                    .flat_map(|n| &n.sections)
                    .map(|s| (s.heading.len() + s.text.len()) as u64)
                    .sum::<u64>();
                (client, client_notes, closed_at)
            })
            .collect();
        supervisor.import_batch(batch)?;
        made += n;
    }
    // Bulk writes leave free pages behind; give them back, on a fresh handle (a handle that has
    // just written can only reclaim part of them).
    drop(supervisor.lock());
    session::open_store(path)?.compact()?;

    if opts.password.is_none() {
        for (u, p) in users.iter_mut().zip(passwords) {
            u.password = Some(p);
        }
    }
    Ok(SeedReport {
        users,
        clients: made,
        notes,
        plaintext_bytes: plaintext,
    })
}

/// The day of the year (0 = 1 January) of a timestamp, in UTC.
fn day_of_year(at: Timestamp) -> Option<u16> {
    let ts = jiff::Timestamp::from_second(at).ok()?;
    let day = ts.to_zoned(jiff::tz::TimeZone::UTC).day_of_year();
    u16::try_from(day - 1).ok()
}

fn synthetic_client<R: Rng + ?Sized>(
    rng: &mut R,
    notes: u32,
    now: Timestamp,
) -> (NewClient, Vec<NewNote>) {
    let c = text::client(rng);
    let first = c.name.split(' ').next().unwrap_or("Client").to_string();
    let area = text::advice_area(rng);
    const DAY: i64 = 86_400;
    // Appointments fall on office hours, days to weeks apart, ending before today: for most
    // clients (a live caseload) the last within the past six weeks, for the rest up to two
    // years ago.
    let today = now / DAY;
    let last = today
        - if rng.random_bool(0.7) {
            rng.random_range(1..42)
        } else {
            rng.random_range(42..730)
        };
    let gaps: Vec<i64> = (1..notes).map(|_| rng.random_range(3..40)).collect();
    let mut day = last - gaps.iter().sum::<i64>();
    let mut gaps = gaps.into_iter();
    let list = (0..notes)
        .map(|i| {
            if i > 0 {
                day += gaps.next().unwrap_or(1);
            }
            let day = day.min(today - 1);
            let at = day * DAY + rng.random_range(9 * 3600..17 * 3600);
            let n = text::note_on(rng, &first, area, day_of_year(at));
            NewNote {
                channel: n.channel,
                contact_at: Some(at),
                sections: n
                    .sections
                    .into_iter()
                    .map(|s| Section {
                        heading: s.heading,
                        sensitivity: s.sensitivity,
                        text: s.text,
                    })
                    .collect(),
            }
        })
        .collect();
    (
        NewClient {
            name: c.name,
            date_of_birth: c.date_of_birth.map(|d| d.strftime("%Y-%m-%d").to_string()),
            contact: c.contact,
            adviser: None,
        },
        list,
    )
}

/// Convenience for tests and demos: signs in one seeded account.
pub fn sign_in(path: &Path, user: &str, password: &SecretString) -> Result<Session, SessionError> {
    session::sign_in(session::open_store(path)?, user, password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adviser_count_follows_the_caseload() {
        assert_eq!(adviser_count(0), 2);
        assert_eq!(adviser_count(40), 2);
        assert_eq!(adviser_count(1000), 10);
        assert_eq!(adviser_count(10_000), 100);
    }

    #[test]
    fn generated_passwords_pass_the_policy() {
        let mut rng = rand::rng();
        for _ in 0..5 {
            let p = generate_password(&mut rng);
            assert!(session::check_password(&p, &Policy::default(), &[]).is_ok());
        }
    }
}
