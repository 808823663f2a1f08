//! The PostgreSQL backend. `conn`: where the server is and how to reach it (addresses, libpq's
//! environment and password file, TLS, error messages).

mod conn;

pub use conn::*;
