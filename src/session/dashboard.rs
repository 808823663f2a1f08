//! The supervisor's caseload dashboard: per adviser (and per supervisor holding clients), the
//! figures a supervisor reviews first — open clients, notes in the last 30 days, notes awaiting
//! sign-off, overdue actions, open clients without contact for the policy's number of days,
//! closed clients past their retention date, break-glass accesses awaiting review — with a
//! totals row and each row's notes per week over the last twelve weeks.
//!
//! Every figure comes from each client's record (its list of notes with their contact times
//! and sign-offs, its open actions with their due dates, its last contact; see
//! [`crate::domain::NoteEntry`]) and from the sealed list of accesses awaiting review: no note,
//! change or action is opened, so the dashboard costs one walk over the client records.
//! [`Session::dashboard_recount`] makes the same figures the slow way, from every note, change
//! and action, to show that the records' summaries are right; `casenotes check` compares them
//! client by client.
//!
//! Clients "without current consent" are the open clients with no consent to keeping notes
//! holding today (none recorded, expired or withdrawn).

use std::collections::HashMap;

use jiff::Span;
use jiff::tz::TimeZone;

use crate::domain::{
    self, ChangeKind, Client, ClientStatus, Date, NoteEntry, OpenAction, Role, Timestamp, UserId,
};
use crate::store::ReadTxn;

use super::*;

/// How many weeks the notes-per-week figures cover.
pub const WEEKS: usize = 12;
/// How many days "notes in the last 30 days" covers, today included.
pub const RECENT_DAYS: i64 = 30;

/// One row's figures (or the totals').
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseloadFigures {
    /// Clients held whose case is open.
    pub open_clients: u32,
    /// Notes of the clients held whose contact was in the last [`RECENT_DAYS`] days.
    pub notes_30_days: u32,
    /// Notes of the clients held that no supervisor has signed off.
    pub awaiting_sign_off: u32,
    /// Open actions of the clients held that were due before today.
    pub overdue_actions: u32,
    /// Open clients held whose last contact (or, with no note yet, their opening) was at least
    /// the policy's `no-contact-days` days before today.
    pub no_contact: u32,
    /// Open clients held with no consent to keeping notes holding today (none recorded,
    /// expired or withdrawn).
    pub no_consent: u32,
    /// Closed clients held whose closing date plus the policy's `retention-years` is before
    /// today.
    pub past_retention: u32,
    /// Break-glass accesses by this account that await a supervisor's review (the totals row:
    /// every one awaiting review).
    pub glass_pending: u32,
    /// Notes per week of the clients held, oldest week first (see [`Dashboard::weeks`]).
    pub notes_per_week: [u32; WEEKS],
}

impl CaseloadFigures {
    fn add(&mut self, o: &CaseloadFigures) {
        self.open_clients += o.open_clients;
        self.notes_30_days += o.notes_30_days;
        self.awaiting_sign_off += o.awaiting_sign_off;
        self.overdue_actions += o.overdue_actions;
        self.no_contact += o.no_contact;
        self.no_consent += o.no_consent;
        self.past_retention += o.past_retention;
        self.glass_pending += o.glass_pending;
        for (a, b) in self.notes_per_week.iter_mut().zip(o.notes_per_week) {
            *a += b;
        }
    }
}

/// One account's row: the clients it holds, and its own break-glass accesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviserFigures {
    /// The account's name, or "(unknown)" for clients held by an id no account has.
    pub name: String,
    pub role: Option<Role>,
    pub disabled: bool,
    pub figures: CaseloadFigures,
}

/// The dashboard: a row per adviser (every enabled adviser, even with no clients) and per other
/// account holding clients or with accesses awaiting review, by name; and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// The day the figures were counted against.
    pub today: Date,
    /// The policy's settings the figures used.
    pub no_contact_days: u32,
    pub retention_years: u32,
    /// The first day of each week of [`CaseloadFigures::notes_per_week`], oldest first; the
    /// last week ends today (weeks are the seven days ending today, and the seven before…).
    pub weeks: [Date; WEEKS],
    pub rows: Vec<AdviserFigures>,
    pub totals: CaseloadFigures,
}

/// The boundaries the figures are counted within, as timestamps on this machine's clock.
struct Window {
    today: Date,
    /// Where each week starts, oldest first; the last ends at `end`.
    week_starts: [Timestamp; WEEKS],
    /// The start of tomorrow: later contacts are counted in no week.
    end: Timestamp,
    /// The start of the first of the last [`RECENT_DAYS`] days.
    recent_from: Timestamp,
    /// A last contact before this is too long ago.
    quiet_before: Timestamp,
    retention_years: u32,
}

/// The first second of `d` on this machine's clock; the extreme of the range if `d` has none.
fn start_of(d: Date, tz: &TimeZone) -> Timestamp {
    d.to_zoned(tz.clone())
        .map_or(i64::MIN, |z| z.timestamp().as_second())
}

/// `today` moved by `days` (negative: back), kept within the calendar.
fn shift(today: Date, days: i64) -> Date {
    Span::new()
        .try_days(days)
        .ok()
        .and_then(|s| today.checked_add(s).ok())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

impl Window {
    fn new(today: Date, policy: &Policy) -> (Window, [Date; WEEKS]) {
        let tz = TimeZone::system();
        let weeks: [Date; WEEKS] =
            std::array::from_fn(|i| shift(today, 1 - 7 * (WEEKS - i) as i64));
        let window = Window {
            today,
            week_starts: weeks.map(|d| start_of(d, &tz)),
            end: start_of(shift(today, 1), &tz),
            recent_from: start_of(shift(today, 1 - RECENT_DAYS), &tz),
            quiet_before: start_of(
                shift(today, 1 - i64::from(policy.no_contact_days.max(1))),
                &tz,
            ),
            retention_years: policy.retention_years,
        };
        (window, weeks)
    }

    /// Whether a client closed at `closed_at` has passed its retention date by today.
    fn past_retention(&self, closed_at: Timestamp) -> bool {
        let closed = domain::day_of(closed_at);
        Span::new()
            .try_years(i64::from(self.retention_years))
            .ok()
            .and_then(|s| closed.checked_add(s).ok())
            .is_some_and(|until| until < self.today)
    }

    /// Counts one client into `f`.
    fn tally(&self, f: &mut CaseloadFigures, c: &Client) {
        for n in &c.notes {
            if !n.signed_off {
                f.awaiting_sign_off += 1;
            }
            let t = n.contact_at;
            if t >= self.end {
                continue;
            }
            if t >= self.recent_from {
                f.notes_30_days += 1;
            }
            if let Some(week) = self.week_starts.iter().rposition(|s| t >= *s) {
                f.notes_per_week[week] += 1;
            }
        }
        f.overdue_actions += domain::count_overdue(&c.open_actions, self.today);
        match c.status {
            ClientStatus::Open => {
                f.open_clients += 1;
                if c.last_contact.unwrap_or(c.opened_at) < self.quiet_before {
                    f.no_contact += 1;
                }
                if c.consent_until.is_none_or(|d| d < self.today) {
                    f.no_consent += 1;
                }
            }
            ClientStatus::Closed => {
                if c.closed_at.is_some_and(|t| self.past_retention(t)) {
                    f.past_retention += 1;
                }
            }
        }
    }
}

impl Session {
    /// The caseload dashboard, counted against `today` (faces pass [`domain::today`]; tests a
    /// day of their choosing). Supervisors holding the case keys. Reads each client's record
    /// and the sealed list of accesses awaiting review, never a note. Not logged: it shows
    /// counts and account names only, no client's name or reference — as the caseload list is
    /// not logged — and an event per reading would move the store's version, so that two open
    /// apps would keep reading each other's dashboards again.
    pub fn dashboard(&self, today: Date) -> Result<Dashboard> {
        self.may(Operation::ViewDashboard)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let ring = self.ring()?;
        let (window, weeks) = Window::new(today, &self.policy());
        let mut held: HashMap<UserId, CaseloadFigures> = HashMap::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            match self.unseal_client(&ring, reference, sealed_key, sealed) {
                Ok((_, c)) => window.tally(held.entry(c.adviser).or_default(), &c),
                Err(e) => {
                    err.get_or_insert(e);
                }
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e);
        }
        self.dashboard_rows(&r, today, weeks, held)
    }

    /// The same figures as [`Session::dashboard`], counted the slow way: every note, change and
    /// action of every client is opened, and each client's notes, sign-offs, last contact and
    /// open actions are recounted from them rather than read from its record. For showing that
    /// the records' summaries are right (tests; `casenotes check` compares them client by
    /// client). Supervisors holding the case keys; not logged, like the dashboard.
    pub fn dashboard_recount(&self, today: Date) -> Result<Dashboard> {
        self.may(Operation::ViewDashboard)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let (window, weeks) = Window::new(today, &self.policy());
        let mut held: HashMap<UserId, CaseloadFigures> = HashMap::new();
        for reference in r.client_refs()? {
            let (keys, mut c) = self.open_client_record(&r, reference)?;
            let notes = self.open_notes(&r, &keys, &c)?;
            let reviewed: Vec<u64> = r
                .changes_of_client(reference)?
                .into_iter()
                .map(|((note, n), sealed)| {
                    Ok((note, self.open_change(&keys, reference, note, n, &sealed)?))
                })
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .filter(|(_, change)| change.kind == ChangeKind::Review)
                .map(|(note, _)| note)
                .collect();
            c.last_contact = notes.iter().map(|n| n.contact_at).max();
            c.notes = notes
                .iter()
                .map(|n| NoteEntry {
                    id: n.id,
                    contact_at: n.contact_at,
                    signed_off: reviewed.contains(&n.id.0),
                })
                .collect();
            c.consent_until = self.consent_until_recounted(&r, &keys, reference)?;
            c.open_actions = self
                .open_actions_of(&r, &keys, &c)?
                .iter()
                .filter(|a| a.done.is_none())
                .map(|a| OpenAction {
                    number: a.number,
                    due: a.due,
                })
                .collect();
            window.tally(held.entry(c.adviser).or_default(), &c);
        }
        self.dashboard_rows(&r, today, weeks, held)
    }

    /// The rows and totals from the figures per account holding clients: every enabled
    /// adviser gets a row, other accounts one if they hold clients or broke the glass.
    fn dashboard_rows(
        &self,
        r: &ReadTxn,
        today: Date,
        weeks: [Date; WEEKS],
        mut held: HashMap<UserId, CaseloadFigures>,
    ) -> Result<Dashboard> {
        for (who, n) in self
            .glass_pending_read(r)?
            .items
            .iter()
            .map(|(_, u)| (*u, 1))
        {
            held.entry(who).or_default().glass_pending += n;
        }
        let roster = self.load_roster(r)?;
        let mut rows = Vec::new();
        for (id, sealed) in r.users_all()? {
            let user = self.open_user(&id, &sealed)?;
            let m = roster.member(&id)?;
            let figures = held.remove(&id);
            let enabled_adviser = m.role == Role::Adviser && !m.disabled;
            if figures.is_none() && !enabled_adviser {
                continue;
            }
            rows.push(AdviserFigures {
                name: user.name.clone(),
                role: Some(m.role),
                disabled: m.disabled,
                figures: figures.unwrap_or_default(),
            });
        }
        // Clients held by an id that is no account's: shown, not lost.
        if !held.is_empty() {
            let mut unknown = CaseloadFigures::default();
            for f in held.values() {
                unknown.add(f);
            }
            rows.push(AdviserFigures {
                name: "(unknown)".into(),
                role: None,
                disabled: false,
                figures: unknown,
            });
        }
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        let mut totals = CaseloadFigures::default();
        for row in &rows {
            totals.add(&row.figures);
        }
        Ok(Dashboard {
            today,
            no_contact_days: self.policy().no_contact_days,
            retention_years: self.policy().retention_years,
            weeks,
            rows,
            totals,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClientRef, NoteId};

    fn day(y: i16, m: i8, d: i8) -> Date {
        jiff::civil::date(y, m, d)
    }

    fn at(d: Date) -> Timestamp {
        start_of(d, &TimeZone::system()) + 12 * 3600
    }

    fn client(notes: &[(Date, bool)]) -> Client {
        Client {
            reference: ClientRef(1),
            name: String::new(),
            date_of_birth: None,
            contact: None,
            adviser: UserId([0; 16]),
            status: ClientStatus::Open,
            opened_at: at(day(2025, 1, 6)),
            closed_at: None,
            last_contact: notes.iter().map(|(d, _)| at(*d)).max(),
            notes: notes
                .iter()
                .enumerate()
                .map(|(i, (d, signed_off))| NoteEntry {
                    id: NoteId(i as u64 + 1),
                    contact_at: at(*d),
                    signed_off: *signed_off,
                })
                .collect(),
            actions: 0,
            open_actions: Vec::new(),
            consent_until: None,
            written_at: 0,
        }
    }

    fn figures(c: &Client, today: Date, policy: &Policy) -> CaseloadFigures {
        let mut f = CaseloadFigures::default();
        Window::new(today, policy).0.tally(&mut f, c);
        f
    }

    #[test]
    fn notes_fall_in_the_last_30_days_and_in_weeks_ending_today() {
        let today = day(2026, 3, 20);
        let c = client(&[
            (today, false),
            (day(2026, 3, 14), true),   // 6 days back: this week
            (day(2026, 3, 13), false),  // 7 days back: the week before
            (day(2026, 2, 19), false),  // 29 days back: recent
            (day(2026, 2, 18), true),   // 30 days back: not recent
            (day(2025, 12, 26), false), // 84 days back: before the first week
            (day(2026, 3, 21), false),  // tomorrow: in no week
        ]);
        let (_, weeks) = Window::new(today, &Policy::default());
        assert_eq!(weeks[WEEKS - 1], day(2026, 3, 14));
        assert_eq!(weeks[0], day(2025, 12, 27));
        let f = figures(&c, today, &Policy::default());
        assert_eq!(f.notes_30_days, 4);
        assert_eq!(f.awaiting_sign_off, 5);
        assert_eq!(f.notes_per_week[WEEKS - 1], 2);
        assert_eq!(f.notes_per_week[WEEKS - 2], 1);
        assert_eq!(f.notes_per_week.iter().sum::<u32>(), 5);
        assert_eq!(f.open_clients, 1);
        assert_eq!(f.no_contact, 0);
    }

    #[test]
    fn no_contact_counts_from_the_policy_and_from_opening_without_notes() {
        let today = day(2026, 3, 20);
        let p = Policy::default();
        assert_eq!(p.no_contact_days, 14);
        let quiet = |d: Date| figures(&client(&[(d, false)]), today, &p).no_contact;
        assert_eq!(quiet(day(2026, 2, 28)), 1, "20 days");
        assert_eq!(quiet(day(2026, 3, 6)), 1, "14 days");
        assert_eq!(quiet(day(2026, 3, 7)), 0, "13 days");
        // A client never contacted counts from the day it was opened.
        let mut new = client(&[]);
        new.opened_at = at(day(2026, 3, 19));
        assert_eq!(figures(&new, today, &p).no_contact, 0);
        new.opened_at = at(day(2026, 3, 1));
        assert_eq!(figures(&new, today, &p).no_contact, 1);
        // A closed client is not out of touch, and not open.
        let mut closed = client(&[(day(2025, 1, 6), false)]);
        closed.status = ClientStatus::Closed;
        let f = figures(&closed, today, &p);
        assert_eq!((f.no_contact, f.open_clients), (0, 0));
    }

    #[test]
    fn retention_runs_from_the_closing_date() {
        let today = day(2026, 3, 20);
        let p = Policy::default();
        assert_eq!(p.retention_years, 6);
        let past = |closed: Option<Date>| {
            let mut c = client(&[]);
            c.status = ClientStatus::Closed;
            c.closed_at = closed.map(at);
            figures(&c, today, &p).past_retention
        };
        assert_eq!(past(Some(day(2020, 3, 19))), 1);
        assert_eq!(past(Some(day(2020, 3, 20))), 0, "kept until the day itself");
        assert_eq!(past(Some(day(2024, 1, 1))), 0);
        assert_eq!(past(None), 0);
    }

    #[test]
    fn overdue_actions_are_those_due_before_today() {
        let today = day(2026, 3, 20);
        let mut c = client(&[(today, false)]);
        c.open_actions = vec![
            OpenAction {
                number: 1,
                due: Some(day(2026, 3, 19)),
            },
            OpenAction {
                number: 2,
                due: Some(today),
            },
            OpenAction {
                number: 3,
                due: None,
            },
        ];
        assert_eq!(figures(&c, today, &Policy::default()).overdue_actions, 1);
    }
}
