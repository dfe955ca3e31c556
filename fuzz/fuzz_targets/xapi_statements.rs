//! xAPI statements as the LRS receives them: JSON (serde_json's recursion
//! limit refuses deep nesting), validated one by one; a valid statement
//! equals itself under the LRS's comparison, and the query helpers and the
//! signature decoder take anything.
#![no_main]

use gedhub_core::xapi::{comparable, query, same_statement, signature, validate_statement};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    let _ = signature::decode(data);
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let statements = match &value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    for statement in &statements {
        if validate_statement(statement).is_ok() {
            assert!(same_statement(statement, statement));
            let _ = comparable(statement);
            let _ = query::attachment_hashes(statement);
            let mut copy = statement.clone();
            query::canonicalize(&mut copy, "fr-CA, en;q=0.5");
            query::ids_only(&mut copy);
        }
        let _ = query::ifi_key(statement);
    }
});
