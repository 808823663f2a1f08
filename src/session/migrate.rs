//! Moving a store to another backend: every row of one snapshot copied, byte for byte, into a
//! new store — a redb file into an empty PostgreSQL database, or a database into a new file —
//! and checked on arrival before it is reported.
//!
//! The copy is checked three ways: every table holds the same rows as the snapshot (compared
//! by digest, so neither is held in memory); the copy's storage (redb's check of every page,
//! for a file); and the copy's records as `casenotes check` checks a store, with the caller's
//! keys: every record they open, the counts, the audit chain and the links between records and
//! trail. A copy that fails is removed (the file, or the tables made in the database), and the
//! first problem reported.
//!
//! The copy is logged before it is taken: a `store-migrated` event in the store's trail, which
//! the copy therefore holds too. A target that cannot take it (a file that exists, a database
//! that holds anything) is refused before that, so a refused copy is not logged. Nothing is
//! decrypted or sealed again, so the copy opens with the same passwords and second factors, and
//! the machines' records of the store's newest audit head (the rollback witness) accept it as
//! the same store.

use crate::domain::AuditAction;
use crate::store::{self, Location, Store, StoreError};

use super::*;

/// A stage of a migration, for a face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MigrateStage {
    /// Copying `table`: `rows` of `total` rows copied.
    Copying {
        table: &'static str,
        rows: u64,
        total: u64,
    },
    /// Comparing every table of the copy with the store's.
    Comparing,
    /// Checking the copy's storage (a file).
    CheckingStorage,
    /// Checking the copy's records with the caller's keys.
    CheckingRecords,
}

impl MigrateStage {
    /// The stage in a few words, for a progress line.
    pub fn describe(&self) -> String {
        match self {
            MigrateStage::Copying { table, rows, total } => {
                let pct = (rows * 100).checked_div(*total).unwrap_or(100);
                format!("copying {table}: {rows} of {total} rows ({pct}%)")
            }
            MigrateStage::Comparing => "comparing every row of the copy with the store's".into(),
            MigrateStage::CheckingStorage => "checking the new file's storage".into(),
            MigrateStage::CheckingRecords => {
                "checking every record, seal and the audit chain of the copy".into()
            }
        }
    }
}

/// What a migration wrote.
#[derive(Debug, Clone)]
pub struct Migrated {
    /// The new store, as [`Location::describe`] names it.
    pub to: String,
    pub rows: u64,
    pub clients: u64,
    pub notes: u64,
    /// Events in the copy's audit trail, all verified.
    pub events: u64,
    /// What was checked, for the summary line.
    pub checked: Vec<String>,
}

impl Session {
    /// Copies every record of the store into a new store at `to` (a file that does not exist,
    /// or an empty PostgreSQL database), checks it as the module's notes say, and reports it.
    /// Logged (`store-migrated`) before the copy is taken, once the target is known to take it
    /// (a file that does not exist; a database found empty, the copy's tables made in it).
    /// Administrators only.
    pub fn migrate(
        &self,
        to: &Location,
        mut progress: impl FnMut(MigrateStage),
    ) -> Result<Migrated> {
        self.may(Operation::Migrate)?;
        if let Some(p) = to.file()
            && p.symlink_metadata().is_ok()
        {
            return Err(SessionError::Invalid(format!(
                "{} already exists; a copy never replaces a file",
                p.display()
            )));
        }
        // A database is checked (it must be empty) and the copy's tables made before anything
        // is logged, so that a refused copy leaves no `store-migrated` event; the tables are
        // removed again if anything after fails.
        let made = match to {
            Location::Postgres(_) => Some(Store::create_copy_at(to)?),
            Location::File(_) => None,
        };
        let logged = (|| -> Result<(u64, u64, store::ReadTxn)> {
            let (clients, notes) = {
                let r = self.store.read()?;
                (r.count_clients()?, r.count_notes()?)
            };
            let w = self.begin()?;
            let event = self.event(AuditAction::StoreMigrated { clients, notes }, None, None);
            self.commit_with(w, vec![event])?;
            Ok((clients, notes, self.store.read()?))
        })();
        let (clients, notes, r) = match logged {
            Ok(done) => done,
            Err(e) => {
                if let Some(copy) = made {
                    let _ = copy.abandon_copy();
                }
                return Err(e);
            }
        };

        let mut copying = |p: store::CopyProgress| {
            progress(MigrateStage::Copying {
                table: p.table,
                rows: p.rows,
                total: p.total,
            })
        };
        let (copy, rows) = match made {
            Some(copy) => match r.copy_into(&copy, &mut copying) {
                Ok(copied) => (copy, copied.rows),
                Err(e) => {
                    let _ = copy.abandon_copy();
                    return Err(e.into());
                }
            },
            None => {
                let path = to.file().ok_or(StoreError::Corrupt)?;
                let copied = r.copy_to(path, &[], &mut copying)?;
                (Store::open(path)?, copied.rows)
            }
        };
        match self.check_migrated(&r, &copy, &mut progress) {
            Ok((checked, events)) => Ok(Migrated {
                to: to.describe(),
                rows,
                clients,
                notes,
                events,
                checked,
            }),
            Err(e) => {
                let _ = copy.abandon_copy();
                Err(e)
            }
        }
    }

    /// The checks of the module's notes, of `copy` against the snapshot `r` it was made from.
    fn check_migrated(
        &self,
        r: &store::ReadTxn,
        copy: &Store,
        progress: &mut impl FnMut(MigrateStage),
    ) -> Result<(Vec<String>, u64)> {
        let failed = |p: &dyn std::fmt::Display| {
            SessionError::Invalid(format!(
                "the copy did not pass its check, so it was removed: {p}"
            ))
        };
        progress(MigrateStage::Comparing);
        if let Some(t) = r.first_difference(&copy.read()?)? {
            return Err(failed(&format!("its {t} table differs from the store's")));
        }
        let mut checked = vec!["every row".to_string()];
        if copy.file_path().is_some() {
            progress(MigrateStage::CheckingStorage);
            match copy.check_integrity_fresh() {
                Ok(true) => checked.push("storage".into()),
                Ok(false) | Err(StoreError::Corrupt) => {
                    return Err(failed(&"its storage is damaged"));
                }
                Err(e) => return Err(e.into()),
            }
        }
        let (report, events) =
            self.check_copy_in(copy, &mut || progress(MigrateStage::CheckingRecords))?;
        if let Some(p) = report.problems.first() {
            return Err(failed(p));
        }
        checked.extend(report.checked);
        Ok((checked, events))
    }
}
