//! What the Agents and Activities resources return (xAPI 2.0 Communication
//! 4.1.6.3 and 4.1.6.4; 1.0.3 Communication 2.4 and 2.5), and the `agent`
//! parameter the document resources take.

use serde_json::{Map, Value, json};

use super::{Ifi, validate_statement};

/// Reads an `agent` query parameter: a JSON Agent (not a Group, not a
/// Person) with exactly one identifier. Returns the agent and its identity.
/// The error is a stable problem code.
pub fn agent_parameter(text: &str) -> Result<(Value, Ifi), &'static str> {
    let value: Value = serde_json::from_str(text).map_err(|_| "agent_not_json")?;
    if !value.is_object() {
        return Err("agent_not_an_agent");
    }
    if !matches!(
        value.get("objectType").map(Value::as_str),
        None | Some(Some("Agent"))
    ) {
        return Err("agent_not_an_agent");
    }
    // The data rules of an actor, through a minimal statement.
    let probe = json!({
        "actor": value,
        "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" },
        "object": { "id": "http://example.com/probe" },
    });
    let facts = validate_statement(&probe).map_err(|_| "agent_invalid")?;
    let ifi = facts.actor.ok_or("agent_invalid")?;
    Ok((value, ifi))
}

/// The Person object of `/agents` for one agent: `objectType` `Person`, and
/// each property of the agent as a list — its identifier, and its names:
/// the one in the request and those `known_names` (names the agent was
/// given in stored statements), each once, in that order.
pub fn person(agent: &Value, ifi: &Ifi, known_names: &[String]) -> Value {
    let mut names: Vec<String> = Vec::new();
    for name in agent
        .get("name")
        .and_then(Value::as_str)
        .into_iter()
        .chain(known_names.iter().map(String::as_str))
    {
        if !names.iter().any(|seen| seen == name) {
            names.push(name.to_owned());
        }
    }
    let mut person = Map::new();
    person.insert("objectType".into(), json!("Person"));
    if !names.is_empty() {
        person.insert("name".into(), json!(names));
    }
    let (key, value) = match ifi {
        Ifi::Mbox(mbox) => ("mbox", json!(mbox)),
        Ifi::MboxSha1(sum) => ("mbox_sha1sum", json!(sum)),
        Ifi::OpenId(openid) => ("openid", json!(openid)),
        Ifi::Account { home_page, name } => {
            ("account", json!({ "homePage": home_page, "name": name }))
        }
    };
    person.insert(key.into(), Value::Array(vec![value]));
    Value::Object(person)
}

/// Definition properties merged entry by entry rather than replaced: the
/// language maps (two statements describing the activity in two languages
/// give both, XAPI-00254) and the extensions. Other properties take the
/// later value.
const MERGED_MAPS: [&str; 3] = ["name", "description", "extensions"];

/// Adds what `definition` says of an activity to `into` (a definition built
/// from earlier statements).
pub fn merge_definition(into: &mut Map<String, Value>, definition: &Map<String, Value>) {
    for (key, value) in definition {
        match (into.get_mut(key), value) {
            (Some(Value::Object(known)), Value::Object(more))
                if MERGED_MAPS.contains(&key.as_str()) =>
            {
                for (entry, text) in more {
                    known.insert(entry.clone(), text.clone());
                }
            }
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The Activity object of `/activities` for `id`: everything the stored
/// statements said of it (their `object`s that are this activity, oldest
/// first, each definition merged into the previous ones). With no
/// statement, the bare activity — the LRS still answers with an Activity
/// object.
pub fn activity<'s>(id: &str, objects: impl IntoIterator<Item = &'s Value>) -> Value {
    let mut definition = Map::new();
    for object in objects {
        if object.get("id").and_then(Value::as_str) != Some(id) {
            continue;
        }
        if let Some(Value::Object(more)) = object.get("definition") {
            merge_definition(&mut definition, more);
        }
    }
    let mut activity = Map::new();
    activity.insert("objectType".into(), json!("Activity"));
    activity.insert("id".into(), json!(id));
    if !definition.is_empty() {
        activity.insert("definition".into(), Value::Object(definition));
    }
    Value::Object(activity)
}
