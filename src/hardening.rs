//! Process hardening, done first thing in `main`: no core dumps, and the process is not
//! dumpable, so a crash or another process of the same user attaching a debugger does not get the
//! keys or revealed text (as password managers do).

#[cfg(unix)]
use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// Turns core dumps off and marks the process non-dumpable. Best effort: returns what failed,
/// in one line, so the caller can decide whether to go on.
pub fn harden() -> Result<(), String> {
    #[cfg(unix)]
    setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )
    .map_err(|_| "could not turn core dumps off".to_string())?;
    #[cfg(target_os = "linux")]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
        .map_err(|_| "could not mark the process non-dumpable".to_string())?;
    Ok(())
}

/// Whether core dumps are off for this process.
pub fn core_dumps_off() -> bool {
    #[cfg(unix)]
    {
        getrlimit(Resource::Core).current == Some(0)
    }
    #[cfg(not(unix))]
    false
}

/// Whether the process is marked non-dumpable.
pub fn non_dumpable() -> bool {
    #[cfg(target_os = "linux")]
    {
        matches!(
            rustix::process::dumpable_behavior(),
            Ok(rustix::process::DumpableBehavior::NotDumpable)
        )
    }
    #[cfg(not(target_os = "linux"))]
    false
}
