//! What `GET /xapi/statements` needs beyond SQL filters (xAPI 2.0,
//! Communication 2.1.3): the broad matches of `related_agents=true` and
//! `related_activities=true`, the `canonical` format (each language map
//! reduced to the language the client prefers), and the attachments a
//! statement refers to.

use serde_json::Value;

/// The identity key of an Agent or identified Group as [`super::Ifi::key`]
/// writes it, read without validation (the statement was validated when it
/// was stored).
pub fn ifi_key(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    if let Some(mbox) = object.get("mbox").and_then(Value::as_str) {
        return Some(format!("mbox:{}", mbox.to_lowercase()));
    }
    if let Some(sum) = object.get("mbox_sha1sum").and_then(Value::as_str) {
        return Some(format!("mbox_sha1sum:{}", sum.to_lowercase()));
    }
    if let Some(openid) = object.get("openid").and_then(Value::as_str) {
        return Some(format!("openid:{openid}"));
    }
    let account = object.get("account")?;
    let home_page = account.get("homePage")?.as_str()?;
    let name = account.get("name")?.as_str()?;
    Some(format!("account:{home_page}|{name}"))
}

fn is_agent_or_group(value: &Value) -> bool {
    matches!(
        value.get("objectType").and_then(Value::as_str),
        Some("Agent" | "Group")
    )
}

/// An Agent or Group, and the members of a Group.
fn actor_mentions(value: &Value, key: &str) -> bool {
    ifi_key(value).as_deref() == Some(key)
        || value
            .get("member")
            .and_then(Value::as_array)
            .is_some_and(|members| members.iter().any(|m| ifi_key(m).as_deref() == Some(key)))
}

/// The exact `agent` filter: the statement's actor, or its object when the
/// object is an Agent or Group, is that identity.
pub fn agent_is_actor_or_object(statement: &Value, key: &str) -> bool {
    statement
        .get("actor")
        .is_some_and(|actor| ifi_key(actor).as_deref() == Some(key))
        || statement.get("object").is_some_and(|object| {
            is_agent_or_group(object) && ifi_key(object).as_deref() == Some(key)
        })
}

/// `related_agents=true`: the identity appears as actor, object, authority,
/// instructor, team, a context agent or group, or a member of any of these
/// groups — in the statement or in its SubStatement.
pub fn mentions_agent(statement: &Value, key: &str) -> bool {
    agent_candidates(statement)
        .into_iter()
        .chain(
            statement
                .get("object")
                .filter(|object| {
                    object.get("objectType").and_then(Value::as_str) == Some("SubStatement")
                })
                .map(agent_candidates)
                .unwrap_or_default(),
        )
        .any(|candidate| actor_mentions(candidate, key))
}

fn agent_candidates(statement: &Value) -> Vec<&Value> {
    let mut found: Vec<&Value> = Vec::new();
    for key in ["actor", "authority"] {
        if let Some(value) = statement.get(key) {
            found.push(value);
        }
    }
    if let Some(object) = statement.get("object").filter(|o| is_agent_or_group(o)) {
        found.push(object);
    }
    if let Some(context) = statement.get("context") {
        for key in ["instructor", "team"] {
            if let Some(value) = context.get(key) {
                found.push(value);
            }
        }
        for (list, member) in [("contextAgents", "agent"), ("contextGroups", "group")] {
            if let Some(entries) = context.get(list).and_then(Value::as_array) {
                found.extend(entries.iter().filter_map(|entry| entry.get(member)));
            }
        }
    }
    found
}

/// `related_activities=true`: the activity is the object, or one of the
/// context activities — in the statement or in its SubStatement.
pub fn mentions_activity(statement: &Value, id: &str) -> bool {
    let sub = statement
        .get("object")
        .filter(|object| object.get("objectType").and_then(Value::as_str) == Some("SubStatement"));
    std::iter::once(statement)
        .chain(sub)
        .any(|s| activity_ids(s).contains(&id))
}

fn activity_ids(statement: &Value) -> Vec<&str> {
    let mut ids = Vec::new();
    if let Some(object) = statement.get("object")
        && matches!(
            object.get("objectType").and_then(Value::as_str),
            None | Some("Activity")
        )
        && let Some(id) = object.get("id").and_then(Value::as_str)
    {
        ids.push(id);
    }
    if let Some(lists) = statement
        .get("context")
        .and_then(|c| c.get("contextActivities"))
        .and_then(Value::as_object)
    {
        for list in lists.values() {
            let items: Vec<&Value> = match list {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            ids.extend(
                items
                    .iter()
                    .filter_map(|a| a.get("id").and_then(Value::as_str)),
            );
        }
    }
    ids
}

/// The SHA-2 hashes of a statement's attachments (its own and its
/// SubStatement's), each with whether the statement needs its payload (no
/// `fileUrl`, or a signature the LRS must check).
pub fn attachment_hashes(statement: &Value) -> Vec<(String, bool)> {
    let sub = statement
        .get("object")
        .filter(|object| object.get("objectType").and_then(Value::as_str) == Some("SubStatement"));
    std::iter::once(statement)
        .chain(sub)
        .filter_map(|s| s.get("attachments").and_then(Value::as_array))
        .flatten()
        .filter_map(|attachment| {
            let sha2 = attachment.get("sha2")?.as_str()?.to_ascii_lowercase();
            let is_signature = attachment.get("usageType").and_then(Value::as_str)
                == Some(super::signature::SIGNATURE_USAGE);
            Some((sha2, attachment.get("fileUrl").is_none() || is_signature))
        })
        .collect()
}

/// One language range of an `Accept-Language` header, with its weight.
fn ranges(accept_language: &str) -> Vec<(String, f32)> {
    let mut ranges: Vec<(String, f32)> = accept_language
        .split(',')
        .filter_map(|item| {
            let mut pieces = item.split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            if tag.is_empty() {
                return None;
            }
            let weight = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse().ok())
                })
                .unwrap_or(1.0);
            (weight > 0.0).then_some((tag, weight))
        })
        .collect();
    // Stable: equal weights keep the client's order.
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranges
}

/// The key of a language map the client prefers: an exact tag, then a tag
/// the range is a prefix of (`en` → `en-GB`), then a tag sharing the primary
/// language (`en-GB` → `en-US`); `*` or no match takes English if present,
/// else the first tag.
pub fn best_language<'m>(tags: &[&'m str], accept_language: &str) -> Option<&'m str> {
    let lower: Vec<String> = tags.iter().map(|t| t.to_ascii_lowercase()).collect();
    for (range, _) in ranges(accept_language) {
        if range == "*" {
            break;
        }
        let primary = range.split('-').next().unwrap_or_default();
        let found = lower
            .iter()
            .position(|tag| *tag == range)
            .or_else(|| {
                lower
                    .iter()
                    .position(|tag| tag.starts_with(&format!("{range}-")))
            })
            .or_else(|| {
                lower
                    .iter()
                    .position(|tag| tag.split('-').next() == Some(primary))
            });
        if let Some(index) = found {
            return Some(tags[index]);
        }
    }
    lower
        .iter()
        .position(|tag| tag == "en-us" || tag == "en")
        .map(|index| tags[index])
        .or_else(|| tags.first().copied())
}

fn is_language_map(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|map| !map.is_empty() && map.values().all(Value::is_string))
}

/// The `canonical` format: every language map (`display`, `name` and
/// `description` of verbs, activity definitions, interaction components and
/// attachments) keeps only the language the client prefers. Extensions are
/// the sender's own data and are left alone.
pub fn canonicalize(value: &mut Value, accept_language: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "extensions" {
                    continue;
                }
                let language_key = matches!(key.as_str(), "display" | "name" | "description");
                if language_key && is_language_map(child) {
                    if let Value::Object(languages) = child {
                        let tags: Vec<&str> = languages.keys().map(String::as_str).collect();
                        if let Some(best) = best_language(&tags, accept_language).map(str::to_owned)
                        {
                            languages.retain(|tag, _| *tag == best);
                        }
                    }
                } else {
                    canonicalize(child, accept_language);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| canonicalize(item, accept_language)),
        _ => {}
    }
}

/// Reduces an Agent or Group to its identifiers: `objectType` and the
/// identifier, and for an anonymous group its members, each reduced alike.
fn agent_ids(value: &mut Value) {
    let Some(map) = value.as_object_mut() else {
        return;
    };
    let anonymous = ifi_key(&Value::Object(map.clone())).is_none();
    map.retain(|key, _| {
        matches!(
            key.as_str(),
            "objectType" | "mbox" | "mbox_sha1sum" | "openid" | "account"
        ) || (anonymous && key == "member")
    });
    if let Some(Value::Array(members)) = map.get_mut("member") {
        members.iter_mut().for_each(agent_ids);
    }
}

/// Reduces an Activity to its id.
fn activity_ids_only(value: &mut Value) {
    if let Some(map) = value.as_object_mut() {
        map.retain(|key, _| key == "id");
    }
}

/// The `ids` format: Agents and Groups keep only their identifiers (and an
/// anonymous group its members'), Activities and Verbs only their id — in
/// the statement, its context and its SubStatement.
pub fn ids_only(statement: &mut Value) {
    let Some(map) = statement.as_object_mut() else {
        return;
    };
    for key in ["actor", "authority"] {
        if let Some(actor) = map.get_mut(key) {
            agent_ids(actor);
        }
    }
    if let Some(verb) = map.get_mut("verb") {
        activity_ids_only(verb);
    }
    if let Some(object) = map.get_mut("object") {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => activity_ids_only(object),
            Some("Agent" | "Group") => agent_ids(object),
            Some("SubStatement") => ids_only(object),
            _ => {}
        }
    }
    if let Some(context) = map.get_mut("context").and_then(Value::as_object_mut) {
        for key in ["instructor", "team"] {
            if let Some(actor) = context.get_mut(key) {
                agent_ids(actor);
            }
        }
        for (list, member) in [("contextAgents", "agent"), ("contextGroups", "group")] {
            if let Some(Value::Array(entries)) = context.get_mut(list) {
                for entry in entries {
                    if let Some(actor) = entry.get_mut(member) {
                        agent_ids(actor);
                    }
                }
            }
        }
        if let Some(lists) = context
            .get_mut("contextActivities")
            .and_then(Value::as_object_mut)
        {
            for list in lists.values_mut() {
                match list {
                    Value::Array(items) => items.iter_mut().for_each(activity_ids_only),
                    single => activity_ids_only(single),
                }
            }
        }
    }
}
