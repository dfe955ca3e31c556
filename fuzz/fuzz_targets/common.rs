//! Shared by the targets: the panic policy.
//!
//! libfuzzer-sys aborts on every panic, caught or not. The table reader
//! catches panics inside calamine on purpose (its cell-reference arithmetic
//! overflows on absurd references when overflow checks are on, as they are
//! here), so such a panic is not a finding: the hook is replaced by one that
//! stays silent (set GEDHUB_FUZZ_PANICS=1 to print them). A panic that nothing
//! catches still reaches libfuzzer-sys, which aborts: that is a crash.

use std::sync::Once;

pub fn caught_panics_are_not_findings() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let print = std::env::var_os("GEDHUB_FUZZ_PANICS").is_some();
        std::panic::set_hook(Box::new(move |info| {
            if print {
                eprintln!("{info}");
            }
        }));
    });
}
