//! Connection settings (placeholder until the full libpq-compatible settings land).

use std::str::FromStr;

use super::super::StoreError;

pub fn is_postgres_address(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl PgTarget {
    pub fn parse(address: &str) -> Result<PgTarget, StoreError> {
        let config = postgres::Config::from_str(address)
            .map_err(|e| StoreError::BadAddress(e.to_string()))?;
        Ok(PgTarget { config })
    }

    pub fn describe(&self) -> String {
        format!(
            "{:?}/{}",
            self.config.get_hosts(),
            self.config.get_dbname().unwrap_or("")
        )
    }

    pub fn connect(&self) -> Result<postgres::Client, StoreError> {
        self.config
            .connect(postgres::NoTls)
            .map_err(|e| StoreError::Database(format!("cannot reach {}: {e}", self.describe())))
    }
}

pub fn query_error(e: &postgres::Error, target: &PgTarget, during_commit: bool) -> StoreError {
    if e.is_closed() || e.as_db_error().is_none() {
        return StoreError::ConnectionLost(if during_commit {
            "the change may or may not have been saved: look before repeating it"
        } else {
            "nothing was saved"
        });
    }
    match e.as_db_error() {
        Some(db) => StoreError::Database(format!(
            "the database server at {} refused: {} ({})",
            target.describe(),
            db.message(),
            db.code().code()
        )),
        None => StoreError::Database(format!(
            "the database server at {} failed",
            target.describe()
        )),
    }
}
