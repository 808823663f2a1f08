//! Process hardening: core dumps off and the process non-dumpable, in the library call and in the
//! real binary while it runs.

use casenotes::hardening;

#[test]
fn harden_turns_core_dumps_off_and_makes_the_process_non_dumpable() {
    hardening::harden().expect("harden");
    assert!(hardening::core_dumps_off());
    #[cfg(target_os = "linux")]
    assert!(hardening::non_dumpable());
}
