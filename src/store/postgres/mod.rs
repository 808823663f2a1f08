//! The PostgreSQL backend: the storage interface ([`super::kv`]) over a PostgreSQL database,
//! for a service whose advisers work on many machines.
//!
//! The database holds what a store file holds and nothing more: in a schema `casenotes`, one
//! table per store table, each `(k bytea PRIMARY KEY, v bytea NOT NULL)` — the interface's
//! encoded keys (random ids, numbers, keyed hashes) and the same sealed bytes as the file. Every
//! key stays on the advisers' machines; the server never sees a name, a note or a reason.
//!
//! - Each table's length is kept in `casenotes.lengths` by the writes here, so that a length
//!   is one row read ([`KvRead::len`]); a row deleted by SQL behind casenotes' back leaves
//!   it as it was, and is caught where rows are counted ([`KvRead::count`], at sign-in).
//! - Reads run in `REPEATABLE READ` read-only transactions: one consistent snapshot, as redb's
//!   read transactions are. A scan fetches its rows a batch at a time, so that whoever visits
//!   them may read the same transaction meanwhile, as on redb.
//! - Writes take turns, as redb's do: each write transaction first locks the audit table in
//!   `EXCLUSIVE` mode (readers are not blocked; other writers wait), so the audit chain's
//!   appends are serialised inside the writing transaction and counters (client references,
//!   note numbers, the chain's sequence) are read and advanced by one writer at a time. A
//!   writer that waits longer than [`LOCK_WAIT`] is told the store is busy.
//! - A commit is durable when it returns (the server's `synchronous_commit`, on by default).
//!   A connection that breaks mid-transaction leaves nothing of it: the server rolls it back.
//!   One that breaks during the commit itself leaves the caller unable to know; the error says
//!   so.
//! - `conn`: the connection settings, as libpq users expect them.

mod conn;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use postgres::types::ToSql;
use postgres::{Client, Statement};

pub use conn::*;

use super::StoreError;
use super::kv::{KvRead, KvWrite, Row, Table, Visit, VisitKey};

/// The schema that holds a store's tables.
pub const SCHEMA: &str = "casenotes";

/// The layout of the tables, recorded in `casenotes.layout` at creation. A newer layout is
/// refused, as a newer store file is.
pub const LAYOUT: i32 = 1;

/// How long a writer waits for another writer's transaction before it is told the store is busy.
pub const LOCK_WAIT: &str = "30s";

/// A transaction left idle this long (a machine suspended mid-save) is ended by the server, so
/// that it cannot hold the other writers up for ever.
const IDLE_IN_TRANSACTION: &str = "5min";

/// Rows written by one statement of a copy ([`KvWrite::load`]).
const LOAD_BATCH: usize = 1_000;

/// Idle connections kept for the next transaction.
const POOL: usize = 8;

/// Rows fetched by one query of a scan.
const SCAN_BATCH: usize = 500;

/// One connection, with the statements prepared on it.
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// An open PostgreSQL store: where it is, and the idle connections to it.
pub struct PgStore {
    target: PgTarget,
    idle: Mutex<Vec<Conn>>,
}

fn table_sql(t: Table) -> String {
    format!("{SCHEMA}.\"{}\"", t.name)
}

impl PgStore {
    pub fn target(&self) -> &PgTarget {
        &self.target
    }

    fn fail(&self, e: &postgres::Error) -> StoreError {
        query_error(e, &self.target, false)
    }

    fn connect(&self) -> Result<Conn, StoreError> {
        let mut client = self.target.connect()?;
        client
            .batch_execute(&format!(
                "SET lock_timeout = '{LOCK_WAIT}'; \
                 SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION}'"
            ))
            .map_err(|e| self.fail(&e))?;
        Ok(Conn {
            client,
            statements: HashMap::new(),
        })
    }

    /// No connection yet, for `target`.
    fn new(target: &PgTarget) -> PgStore {
        PgStore {
            target: target.clone(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// A kept connection the server has not closed, if there is one.
    fn kept(&self) -> Option<Conn> {
        self.idle
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .filter(|c| !c.client.is_closed())
    }

    /// A kept connection, or a new one.
    fn take(&self) -> Result<Conn, StoreError> {
        match self.kept() {
            Some(c) => Ok(c),
            None => self.connect(),
        }
    }

    /// The refusal of a database that holds a store already.
    fn holds_a_store(target: &PgTarget) -> StoreError {
        StoreError::Database(format!(
            "the database {} already holds a casenotes store",
            target.describe()
        ))
    }

    fn give_back(&self, c: Conn) {
        if c.client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < POOL
        {
            idle.push(c);
        }
    }

    /// Creates the store's tables in an empty database. Refuses a database that holds a
    /// casenotes store, or anything else: casenotes wants a database of its own.
    pub fn create(target: &PgTarget) -> Result<PgStore, StoreError> {
        let store = PgStore::new(target);
        let mut c = store.take()?;
        let fail = |e: postgres::Error| store.fail(&e);
        let row = c
            .client
            .query_one(
                "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1), count(*) \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') \
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
                 AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'",
                &[&SCHEMA],
            )
            .map_err(fail)?;
        let (has_schema, all): (bool, i64) = (row.get(0), row.get(1));
        if has_schema {
            return Err(Self::holds_a_store(target));
        }
        if all > 0 {
            let what = if all == 1 {
                "a table, view or sequence".to_string()
            } else {
                format!("{all} tables, views or sequences")
            };
            return Err(StoreError::Database(format!(
                "the database {} is not empty (it holds {what}); \
                 casenotes needs an empty database of its own",
                target.describe()
            )));
        }
        let mut ddl = format!(
            "BEGIN; CREATE SCHEMA {SCHEMA}; \
             CREATE TABLE {SCHEMA}.layout (version integer NOT NULL); \
             INSERT INTO {SCHEMA}.layout VALUES ({LAYOUT}); "
        );
        // How many rows each table holds, kept by this backend's own writes: a table's length
        // in one row read, where count(*) would read every row.
        ddl.push_str(&format!(
            "CREATE TABLE {SCHEMA}.lengths (tbl text PRIMARY KEY, n bigint NOT NULL); "
        ));
        for t in super::kv::ALL {
            ddl.push_str(&format!(
                "CREATE TABLE {} (k bytea PRIMARY KEY, v bytea NOT NULL); \
                 INSERT INTO {SCHEMA}.lengths VALUES ('{}', 0); ",
                table_sql(*t),
                t.name
            ));
        }
        ddl.push_str("COMMIT;");
        if let Err(e) = c.client.batch_execute(&ddl) {
            // Another `init` made it first, or the server refused.
            let _ = c.client.batch_execute("ROLLBACK");
            return Err(match e.code() {
                Some(&postgres::error::SqlState::DUPLICATE_SCHEMA) => Self::holds_a_store(target),
                _ => store.fail(&e),
            });
        }
        store.give_back(c);
        Ok(store)
    }

    /// Opens the store in the database, checking the tables' layout (the records' schema is
    /// checked above, as for a file).
    pub fn open(target: &PgTarget) -> Result<PgStore, StoreError> {
        let store = PgStore::new(target);
        let mut c = store.take()?;
        let version = match c
            .client
            .query_opt(&format!("SELECT max(version) FROM {SCHEMA}.layout"), &[])
        {
            Ok(row) => row.and_then(|r| r.get::<_, Option<i32>>(0)),
            Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {
                return Err(StoreError::Database(format!(
                    "the database {} holds no casenotes store; create one with `casenotes init --store …`",
                    target.describe()
                )));
            }
            Err(e) => return Err(store.fail(&e)),
        };
        match version {
            Some(LAYOUT) => {}
            Some(v) if v > LAYOUT => {
                return Err(StoreError::Database(format!(
                    "the database {} holds a store made by a newer casenotes (table layout {v}; this version reads layout {LAYOUT}); upgrade casenotes",
                    target.describe()
                )));
            }
            _ => return Err(StoreError::Corrupt),
        }
        store.give_back(c);
        Ok(store)
    }

    /// A connection with a transaction begun by `begin`. A kept connection the server has
    /// closed meanwhile (it restarted, or ended an idle session) is replaced by a new one once:
    /// nothing was done on it yet.
    fn begin(&self, begin: &str) -> Result<Conn, StoreError> {
        let mut fresh = false;
        loop {
            let mut c = match self.kept() {
                Some(c) => c,
                None => {
                    fresh = true;
                    self.connect()?
                }
            };
            match c.client.batch_execute(begin) {
                Ok(()) => return Ok(c),
                Err(e) if !fresh && (e.is_closed() || e.as_db_error().is_none()) => {}
                Err(e) => {
                    let _ = c.client.batch_execute("ROLLBACK");
                    if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) {
                        return Err(StoreError::Busy);
                    }
                    return Err(self.fail(&e));
                }
            }
        }
    }

    /// A consistent snapshot.
    pub fn read(self: &Arc<Self>) -> Result<Box<dyn KvRead>, StoreError> {
        let c = self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        Ok(Box::new(PgTxn {
            store: self.clone(),
            conn: RefCell::new(Some(c)),
            done: false,
        }))
    }

    /// A write transaction, begun once every earlier writer has finished.
    pub fn write(self: &Arc<Self>) -> Result<Box<dyn KvWrite>, StoreError> {
        let c = self.begin(&format!(
            "BEGIN; LOCK TABLE {SCHEMA}.\"{}\" IN EXCLUSIVE MODE",
            super::kv::AUDIT.name
        ))?;
        Ok(Box::new(PgTxn {
            store: self.clone(),
            conn: RefCell::new(Some(c)),
            done: false,
        }))
    }

    /// Rewrites every table of the store (`VACUUM FULL`), so that rows deleted or replaced
    /// leave nothing in the tables' files. Each table is locked while it is rewritten: others
    /// wait for it.
    pub fn rewrite_tables(&self) -> Result<(), StoreError> {
        let mut c = self.take()?;
        for t in super::kv::ALL {
            c.client
                .batch_execute(&format!("VACUUM FULL {}", table_sql(*t)))
                .map_err(|e| self.fail(&e))?;
        }
        self.give_back(c);
        Ok(())
    }

    /// Drops the store's schema and every table in it. Only for a store this process has just
    /// made for a copy that failed (see `Store::abandon_copy`).
    pub fn drop_store(&self) -> Result<(), StoreError> {
        let mut c = self.take()?;
        c.client
            .batch_execute(&format!("DROP SCHEMA {SCHEMA} CASCADE"))
            .map_err(|e| self.fail(&e))?;
        Ok(())
    }

    /// Bytes the store's tables and indexes take in the database.
    pub fn size(&self) -> Result<u64, StoreError> {
        let mut c = self.take()?;
        let bytes: i64 = c
            .client
            .query_one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = $1 AND c.relkind = 'r'",
                &[&SCHEMA],
            )
            .map_err(|e| self.fail(&e))?
            .get(0);
        self.give_back(c);
        Ok(u64::try_from(bytes).unwrap_or(0))
    }
}

/// One transaction on one connection: a snapshot to read, or a write. Dropped unfinished, it
/// is rolled back and its connection kept for the next.
struct PgTxn {
    store: Arc<PgStore>,
    conn: RefCell<Option<Conn>>,
    done: bool,
}

impl Drop for PgTxn {
    fn drop(&mut self) {
        if let Some(mut c) = self.conn.get_mut().take() {
            let end = if self.done { "COMMIT" } else { "ROLLBACK" };
            if c.client.batch_execute(end).is_ok() {
                self.store.give_back(c);
            }
        }
    }
}

impl PgTxn {
    /// Runs `f` on the transaction's connection; an error is told as the store's.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Conn) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        let mut slot = self.conn.borrow_mut();
        let c = slot.as_mut().ok_or(StoreError::Corrupt)?;
        f(c).map_err(|e| self.store.fail(&e))
    }

    /// The query of one batch of a scan: rows after the last one given (or from `from`), up to
    /// `to`, in key order, at most [`SCAN_BATCH`].
    fn range_sql(t: Table, keys_only: bool, lower: Option<&str>, to: bool) -> String {
        let what = if keys_only { "k" } else { "k, v" };
        let mut cond = Vec::new();
        if let Some(op) = lower {
            cond.push(format!("k {op} $1"));
        }
        if to {
            cond.push(format!("k <= ${}", cond.len() + 1));
        }
        let cond = if cond.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", cond.join(" AND "))
        };
        format!(
            "SELECT {what} FROM {}{cond} ORDER BY k LIMIT {SCAN_BATCH}",
            table_sql(t)
        )
    }

    /// Visits the rows of a range in key order, fetched [`SCAN_BATCH`] at a time. The
    /// connection is free while `visit` runs, so that a visitor may read the same transaction,
    /// as it may on redb; and a scan of a large table never holds the whole table in memory.
    /// Every batch reads the transaction's own view (a read transaction's one snapshot; a
    /// write transaction's, which no other writer changes while it holds the writers' lock),
    /// so together they are exactly the range.
    fn rows(
        &self,
        t: Table,
        keys_only: bool,
        from: Option<&[u8]>,
        to: Option<&[u8]>,
        visit: Visit<'_>,
    ) -> Result<(), StoreError> {
        let mut after: Option<Vec<u8>> = None;
        loop {
            let (lower, op) = match (&after, from) {
                (Some(k), _) => (Some(k.as_slice()), Some(">")),
                (None, Some(f)) => (Some(f), Some(">=")),
                (None, None) => (None, None),
            };
            let sql = Self::range_sql(t, keys_only, op, to.is_some());
            let params: Vec<&(dyn ToSql + Sync)> = lower
                .iter()
                .chain(to.iter())
                .map(|b| b as &(dyn ToSql + Sync))
                .collect();
            let batch: Vec<(Vec<u8>, Vec<u8>)> = self.with(|c| {
                let st = c.statement(&sql)?;
                Ok(c.client
                    .query(&st, &params)?
                    .iter()
                    .map(|row| {
                        let v = if keys_only { Vec::new() } else { row.get(1) };
                        (row.get(0), v)
                    })
                    .collect())
            })?;
            for (k, v) in &batch {
                if !visit(k, v)? {
                    return Ok(());
                }
            }
            if batch.len() < SCAN_BATCH {
                return Ok(());
            }
            after = batch.last().map(|(k, _)| k.clone());
        }
    }
}

impl KvRead for PgTxn {
    fn get(&self, t: Table, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let sql = format!("SELECT v FROM {} WHERE k = $1", table_sql(t));
        self.with(|c| {
            let st = c.statement(&sql)?;
            Ok(c.client.query_opt(&st, &[&key])?.map(|r| r.get(0)))
        })
    }

    fn scan(
        &self,
        t: Table,
        from: Option<&[u8]>,
        to: Option<&[u8]>,
        visit: Visit<'_>,
    ) -> Result<(), StoreError> {
        self.rows(t, false, from, to, visit)
    }

    fn scan_keys(
        &self,
        t: Table,
        from: Option<&[u8]>,
        to: Option<&[u8]>,
        visit: VisitKey<'_>,
    ) -> Result<(), StoreError> {
        self.rows(t, true, from, to, &mut |k, _| visit(k))
    }

    fn last(&self, t: Table) -> Result<Option<Row>, StoreError> {
        let sql = format!("SELECT k, v FROM {} ORDER BY k DESC LIMIT 1", table_sql(t));
        self.with(|c| {
            let st = c.statement(&sql)?;
            Ok(c.client.query_opt(&st, &[])?.map(|r| (r.get(0), r.get(1))))
        })
    }

    fn len(&self, t: Table) -> Result<u64, StoreError> {
        let sql = format!("SELECT n FROM {SCHEMA}.lengths WHERE tbl = $1");
        let n: Option<i64> = self.with(|c| {
            let st = c.statement(&sql)?;
            Ok(c.client.query_opt(&st, &[&t.name])?.map(|r| r.get(0)))
        })?;
        n.and_then(|n| u64::try_from(n).ok())
            .ok_or(StoreError::Corrupt)
    }

    fn count(&self, t: Table) -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) FROM {}", table_sql(t));
        let n: i64 = self.with(|c| {
            let st = c.statement(&sql)?;
            Ok(c.client.query_one(&st, &[])?.get(0))
        })?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

impl KvWrite for PgTxn {
    fn put(&mut self, t: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        // One round trip: the row written, and the table's length kept if it is a new row (a
        // row just inserted has no xmax).
        let sql = format!(
            "WITH up AS (INSERT INTO {} (k, v) VALUES ($1, $2) \
             ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v RETURNING (xmax = 0) AS inserted) \
             UPDATE {SCHEMA}.lengths SET n = n + 1 \
             WHERE tbl = $3 AND EXISTS (SELECT 1 FROM up WHERE inserted)",
            table_sql(t)
        );
        self.with(|c| {
            let st = c.statement(&sql)?;
            c.client.execute(&st, &[&key, &value, &t.name])?;
            Ok(())
        })
    }

    fn remove(&mut self, t: Table, key: &[u8]) -> Result<bool, StoreError> {
        let sql = format!(
            "WITH d AS (DELETE FROM {} WHERE k = $1 RETURNING 1) \
             UPDATE {SCHEMA}.lengths SET n = n - (SELECT count(*) FROM d) \
             WHERE tbl = $2 RETURNING (SELECT count(*) FROM d)",
            table_sql(t)
        );
        let removed: Option<i64> = self.with(|c| {
            let st = c.statement(&sql)?;
            Ok(c.client.query_opt(&st, &[&key, &t.name])?.map(|r| r.get(0)))
        })?;
        Ok(removed.unwrap_or(0) > 0)
    }

    fn load(&mut self, t: Table, rows: &[Row]) -> Result<(), StoreError> {
        // One statement per batch, and the table's length kept once per batch: a length row
        // updated for every row of a large copy would grow a chain of versions, all of one
        // transaction, that each update walks.
        let sql = format!(
            "WITH up AS (INSERT INTO {} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[]) \
             ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v RETURNING (xmax = 0) AS inserted) \
             UPDATE {SCHEMA}.lengths SET n = n + (SELECT count(*) FROM up WHERE inserted) \
             WHERE tbl = $3",
            table_sql(t)
        );
        for chunk in rows.chunks(LOAD_BATCH) {
            let keys: Vec<&[u8]> = chunk.iter().map(|(k, _)| k.as_slice()).collect();
            let values: Vec<&[u8]> = chunk.iter().map(|(_, v)| v.as_slice()).collect();
            self.with(|c| {
                let st = c.statement(&sql)?;
                c.client.execute(&st, &[&keys, &values, &t.name])?;
                Ok(())
            })?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        let mut c = self.conn.get_mut().take().ok_or(StoreError::Corrupt)?;
        match c.client.batch_execute("COMMIT") {
            Ok(()) => {
                self.store.give_back(c);
                Ok(())
            }
            Err(e) => {
                self.done = true;
                Err(query_error(&e, &self.store.target, true))
            }
        }
    }
}
