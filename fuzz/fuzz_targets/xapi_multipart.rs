//! multipart/mixed bodies of the statements resource: parsing is bounded in
//! parts and headers, and what parses writes back to a body that parses to
//! the same parts.
#![no_main]

use gedhub_core::xapi::multipart::{MAX_PARTS, boundary, parse, write};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    let text = String::from_utf8_lossy(&data[..data.len().min(300)]);
    let _ = boundary(&format!("multipart/mixed; {text}"));
    if let Ok(parts) = parse(data, "b0") {
        assert!(parts.len() <= MAX_PARTS);
        // The writer's own boundary must not occur in any part.
        let fresh = "gedhub-fuzz-boundary-7f3a";
        if parts.iter().all(|part| {
            !part.body.windows(fresh.len()).any(|w| w == fresh.as_bytes())
                && part.headers.iter().all(|(name, value)| {
                    !name.contains(fresh) && !value.contains(fresh) && !name.contains(':')
                })
        }) {
            let again = parse(&write(&parts, fresh), fresh).expect("its own output parses");
            assert_eq!(again, parts);
        }
    }
});
