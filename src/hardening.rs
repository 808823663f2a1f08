//! Process hardening, done first thing in `main`: no core dumps, and the process is not
//! dumpable, so a crash or another process of the same user attaching a debugger does not get the
//! keys or revealed text (as password managers do).

/// Turns core dumps off and marks the process non-dumpable. Best effort: returns what failed,
/// in one line, so the caller can decide whether to go on.
pub fn harden() -> Result<(), String> {
    #[cfg(unix)]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
        if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
            return Err("could not turn core dumps off".into());
        }
    }
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_DUMPABLE takes a plain integer argument and affects only this process.
        if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } != 0 {
            return Err("could not mark the process non-dumpable".into());
        }
    }
    Ok(())
}

/// Whether core dumps are off for this process.
pub fn core_dumps_off() -> bool {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: getrlimit writes into the struct we own.
        unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) == 0 && lim.rlim_cur == 0 }
    }
    #[cfg(not(unix))]
    false
}

/// Whether the process is marked non-dumpable.
pub fn non_dumpable() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_GET_DUMPABLE only reads this process's flag.
        unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    false
}
