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
        // The writer is for the LRS's own parts: a boundary that occurs in
        // no part, header values on one line (no CR or LF; the parser
        // unfolds continuation lines), names without a colon.
        let fresh = "gedhub-fuzz-boundary-7f3a";
        let one_line = |text: &str| !text.contains(['\r', '\n']);
        if parts.iter().all(|part| {
            !part.body.windows(fresh.len()).any(|w| w == fresh.as_bytes())
                && part.headers.iter().all(|(name, value)| {
                    !name.contains(fresh)
                        && !value.contains(fresh)
                        && !name.contains(':')
                        && one_line(name)
                        && one_line(value)
                })
        }) {
            let again = parse(&write(&parts, fresh), fresh).expect("its own output parses");
            assert_eq!(again, parts);
        }
    }
});
