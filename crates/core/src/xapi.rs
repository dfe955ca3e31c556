//! xAPI statements (issue 6): the validation rules of the xAPI 2.0 Data part
//! (IEEE 9274.1.1-2023), which are the 1.0.3 rules with `contextAgents` and
//! `contextGroups` added, and the facts gedhub reads from a valid statement.
//!
//! What this module decides, so the Learning Record Store in `gedhub-web`
//! stays a thin layer of HTTP and storage:
//! - whether a statement is well formed (every rule below gives a path and a
//!   stable problem code, reported as 400 by the LRS);
//! - the actor's identity as one comparable key (`Ifi::key`), so statements
//!   can be filtered by agent and matched to gedhub accounts by e-mail;
//! - statement comparison ("same statement" for a repeated id): the spec's
//!   Statement Comparison rule ignores the properties the LRS sets or may
//!   rewrite (`authority`, `stored`, `timestamp`, `version`), the case of the
//!   id, and the order of a group's members.
//!
//! Attachments: an attachment without `fileUrl` is valid data; whether its
//! payload arrived (`multipart/mixed`) is the LRS's check. Signature
//! attachments must be `application/octet-stream` ([`signature`]).

use chrono::DateTime;
use serde_json::{Map, Value};

pub mod document;
pub mod multipart;
pub mod query;
pub mod resources;
pub mod signature;

/// The verb that voids another statement.
pub const VOIDED_VERB: &str = "http://adlnet.gov/expapi/verbs/voided";
/// Verbs that mean an e-learning module was completed.
pub const COMPLETION_VERBS: [&str; 2] = [
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
];

/// Why a statement is refused: where, and a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementError {
    /// A JSON path such as `actor.mbox` or `object.definition.name`.
    pub path: String,
    pub problem: &'static str,
}

impl std::fmt::Display for StatementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// An agent's inverse functional identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ifi {
    Mbox(String),
    MboxSha1(String),
    OpenId(String),
    Account { home_page: String, name: String },
}

impl Ifi {
    /// One string per identity, for storage and filtering. Mailboxes and
    /// SHA-1 sums are compared case-insensitively.
    pub fn key(&self) -> String {
        match self {
            Ifi::Mbox(mbox) => format!("mbox:{}", mbox.to_lowercase()),
            Ifi::MboxSha1(sum) => format!("mbox_sha1sum:{}", sum.to_lowercase()),
            Ifi::OpenId(openid) => format!("openid:{openid}"),
            Ifi::Account { home_page, name } => format!("account:{home_page}|{name}"),
        }
    }

    /// The e-mail address the identity names, when it names one: `mbox`, or an
    /// `account` whose name is an e-mail address (Moodle's logstore_xapi can
    /// send either).
    pub fn email(&self) -> Option<String> {
        match self {
            Ifi::Mbox(mbox) => Some(mbox.trim_start_matches("mailto:").to_lowercase()),
            Ifi::Account { name, .. } if name.contains('@') => Some(name.to_lowercase()),
            _ => None,
        }
    }
}

/// What gedhub reads from a valid statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementFacts {
    /// The statement's own id, lower-cased, when it has one.
    pub id: Option<String>,
    /// The actor's identifier (a group without one has none).
    pub actor: Option<Ifi>,
    pub verb: String,
    /// The object's id when the object is an activity.
    pub activity: Option<String>,
    /// The statement voided by this one, when the verb is `voided`.
    pub voids: Option<String>,
    /// The statement this one targets when its object is a StatementRef
    /// (lower-cased), for the statement queries' StatementRef rule.
    pub statement_ref: Option<String>,
    /// The object's identity key ([`Ifi::key`]) when the object is an Agent
    /// or identified Group, for the `agent` filter (actor or object).
    pub object_agent: Option<String>,
    pub registration: Option<String>,
}

impl StatementFacts {
    /// True when this statement reports that the actor completed `activity`.
    pub fn completes(&self, activity: &str) -> bool {
        COMPLETION_VERBS.contains(&self.verb.as_str()) && self.activity.as_deref() == Some(activity)
    }
}

/// Checks one statement against the xAPI data rules.
pub fn validate_statement(statement: &Value) -> Result<StatementFacts, StatementError> {
    let mut check = Checker::default();
    let facts = check.statement(statement, "", false);
    match check.first_error {
        Some(error) => Err(error),
        None => facts.ok_or_else(|| StatementError {
            path: "statement".into(),
            problem: "not_an_object",
        }),
    }
}

/// The statement reduced to what the comparison rule looks at: without what
/// the LRS sets or may rewrite, the id lower-cased, group members in one
/// order, context activity lists as arrays (a single object is the list of
/// that object), and durations to 0.01 s (Data 4.6: finer precision is not
/// compared, e.g. when checking a signature).
pub fn comparable(statement: &Value) -> Value {
    let mut value = statement.clone();
    if let Some(object) = value.as_object_mut() {
        for ignored in ["authority", "stored", "timestamp", "version"] {
            object.remove(ignored);
        }
        if let Some(Value::String(id)) = object.get_mut("id") {
            *id = id.to_lowercase();
        }
    }
    sort_group_members(&mut value);
    normalize_context_activities(&mut value);
    for_statement_and_substatement(&mut value, |statement| {
        if let Some(Value::String(duration)) = statement
            .get_mut("result")
            .and_then(|result| result.get_mut("duration"))
        {
            *duration = duration_to_hundredths(duration);
        }
    });
    value
}

/// Applies `change` to the statement and, when its object is a
/// SubStatement, to that too.
fn for_statement_and_substatement(statement: &mut Value, mut change: impl FnMut(&mut Value)) {
    change(statement);
    if let Some(object) = statement.get_mut("object")
        && object.get("objectType").and_then(Value::as_str) == Some("SubStatement")
    {
        change(object);
    }
}

/// Context activity lists as arrays (Data 2.4.6.2): a sender may give one
/// context activity as a bare object, and the LRS returns it as a list of one,
/// in every format (XAPI-00096), in the statement and its SubStatement.
pub fn normalize_context_activities(statement: &mut Value) {
    for_statement_and_substatement(statement, |statement| {
        if let Some(lists) = statement
            .get_mut("context")
            .and_then(|context| context.get_mut("contextActivities"))
            .and_then(Value::as_object_mut)
        {
            for list in lists.values_mut() {
                if !list.is_array() {
                    *list = Value::Array(vec![list.take()]);
                }
            }
        }
    });
}

/// An ISO 8601 duration with its seconds truncated to hundredths and written
/// without trailing zeros (`PT1.2367S` → `PT1.23S`, `PT2.50S` → `PT2.5S`,
/// `PT3.001S` → `PT3S`): the form in which two durations are compared.
/// Anything else is returned as it is.
pub fn duration_to_hundredths(duration: &str) -> String {
    let Some(body) = duration.strip_suffix('S') else {
        return duration.to_owned();
    };
    let start = body
        .rfind(|c: char| c.is_ascii_alphabetic())
        .map_or(0, |index| index + 1);
    let (head, seconds) = body.split_at(start);
    let Some((whole, fraction)) = seconds.split_once('.') else {
        return duration.to_owned();
    };
    let kept: String = fraction.chars().take(2).collect();
    let kept = kept.trim_end_matches('0');
    if kept.is_empty() {
        format!("{head}{whole}S")
    } else {
        format!("{head}{whole}.{kept}S")
    }
}

/// True when two statements with the same id are the same statement.
pub fn same_statement(a: &Value, b: &Value) -> bool {
    comparable(a) == comparable(b)
}

fn sort_group_members(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(members)) = map.get_mut("member") {
                members.sort_by_key(|member| member.to_string());
            }
            for child in map.values_mut() {
                sort_group_members(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sort_group_members),
        _ => {}
    }
}

/// True for a UUID in the 8-4-4-4-12 hexadecimal form (any case).
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.chars().all(|c| c.is_ascii_hexdigit()))
}

/// An absolute IRI: a scheme, a colon, then no spaces.
pub fn is_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !rest.is_empty()
        && !text.chars().any(char::is_whitespace)
}

/// An RFC 5646 language tag, checked for shape (subtags of 1–8 letters or
/// digits, the first letters only).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A SHA-2 digest in hexadecimal: SHA-224, -256, -384 or -512.
pub fn is_sha2(text: &str) -> bool {
    [56, 64, 96, 128].contains(&text.len()) && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// An ISO 8601 duration such as `PT1H30M` or `P1DT12H` (the forms xAPI allows).
pub fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    if let Some(weeks) = rest.strip_suffix('W') {
        return is_decimal(weeks);
    }
    let (date, time) = match rest.split_once('T') {
        Some((_, "")) => return false,
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    designators(date, &['Y', 'M', 'D'])
        && time.is_none_or(|time| designators(time, &['H', 'M', 'S']))
}

fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// `1Y2M3D` with designators in order, each at most once.
fn designators(mut text: &str, allowed: &[char]) -> bool {
    let mut next = 0;
    while !text.is_empty() {
        let Some(end) = text.find(|c: char| c.is_ascii_alphabetic()) else {
            return false;
        };
        let (number, designator) = (&text[..end], text[end..].chars().next().unwrap_or(' '));
        let Some(position) = allowed[next..].iter().position(|d| *d == designator) else {
            return false;
        };
        if !is_decimal(number) {
            return false;
        }
        next += position + 1;
        text = &text[end + designator.len_utf8()..];
    }
    true
}

/// A timestamp as xAPI 2.0 requires: RFC 3339 with a time zone, and not the
/// "unknown offset" `-00:00`.
pub fn is_timestamp(text: &str) -> bool {
    DateTime::parse_from_rfc3339(text).is_ok() && !text.ends_with("-00:00")
}

const INTERACTION_TYPES: [&str; 10] = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

/// Walks a statement and keeps the first problem found.
#[derive(Default)]
struct Checker {
    first_error: Option<StatementError>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl Checker {
    fn fail(&mut self, path: &str, problem: &'static str) {
        if self.first_error.is_none() {
            self.first_error = Some(StatementError {
                path: path.to_owned(),
                problem,
            });
        }
    }

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.fail(path, "not_an_object");
        }
        object
    }

    fn only_keys(&mut self, object: &Map<String, Value>, path: &str, allowed: &[&str]) {
        if let Some(key) = object.keys().find(|key| !allowed.contains(&key.as_str())) {
            self.fail(&join(path, key), "unknown_property");
        }
    }

    fn string<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v str> {
        let text = value.as_str();
        if text.is_none() {
            self.fail(path, "not_a_string");
        }
        text
    }

    fn iri(&mut self, value: &Value, path: &str) -> Option<String> {
        let text = self.string(value, path)?;
        if !is_iri(text) {
            self.fail(path, "not_an_iri");
            return None;
        }
        Some(text.to_owned())
    }

    fn uuid(&mut self, value: &Value, path: &str) -> Option<String> {
        let text = self.string(value, path)?;
        if !is_uuid(text) {
            self.fail(path, "not_a_uuid");
            return None;
        }
        Some(text.to_lowercase())
    }

    fn boolean(&mut self, value: &Value, path: &str) {
        if !value.is_boolean() {
            self.fail(path, "not_a_boolean");
        }
    }

    fn language_map(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path) else {
            return;
        };
        for (tag, text) in map {
            if !is_language_tag(tag) {
                self.fail(&join(path, tag), "not_a_language_tag");
            }
            self.string(text, &join(path, tag));
        }
    }

    fn extensions(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path) else {
            return;
        };
        for key in map.keys() {
            if !is_iri(key) {
                self.fail(&join(path, key), "not_an_iri");
            }
        }
    }

    /// The statement itself, or a sub-statement (`nested`).
    fn statement(&mut self, value: &Value, path: &str, nested: bool) -> Option<StatementFacts> {
        let map = self.object(value, if path.is_empty() { "statement" } else { path })?;
        if nested {
            self.only_keys(
                map,
                path,
                &[
                    "objectType",
                    "actor",
                    "verb",
                    "object",
                    "result",
                    "context",
                    "timestamp",
                    "attachments",
                ],
            );
        } else {
            self.only_keys(
                map,
                path,
                &[
                    "id",
                    "actor",
                    "verb",
                    "object",
                    "result",
                    "context",
                    "timestamp",
                    "stored",
                    "authority",
                    "version",
                    "attachments",
                ],
            );
        }
        let id = map
            .get("id")
            .and_then(|id| self.uuid(id, &join(path, "id")));
        let actor = match map.get("actor") {
            Some(actor) => self.actor(actor, &join(path, "actor")),
            None => {
                self.fail(&join(path, "actor"), "missing");
                None
            }
        };
        let verb = match map.get("verb") {
            Some(verb) => self.verb(verb, &join(path, "verb")),
            None => {
                self.fail(&join(path, "verb"), "missing");
                None
            }
        };
        let verb = verb.unwrap_or_default();
        let object = match map.get("object") {
            Some(object) => self.statement_object(object, &join(path, "object"), nested),
            None => {
                self.fail(&join(path, "object"), "missing");
                StatementObject::Invalid
            }
        };
        if let Some(result) = map.get("result") {
            self.result(result, &join(path, "result"));
        }
        let mut registration = None;
        if let Some(context) = map.get("context") {
            registration = self.context(context, &join(path, "context"), &object);
        }
        if let Some(timestamp) = map.get("timestamp")
            && self
                .string(timestamp, &join(path, "timestamp"))
                .is_some_and(|t| !is_timestamp(t))
        {
            self.fail(&join(path, "timestamp"), "not_a_timestamp");
        }
        if let Some(stored) = map.get("stored")
            && self
                .string(stored, &join(path, "stored"))
                .is_some_and(|t| !is_timestamp(t))
        {
            self.fail(&join(path, "stored"), "not_a_timestamp");
        }
        if let Some(authority) = map.get("authority") {
            self.authority(authority, &join(path, "authority"));
        }
        if let Some(version) = map.get("version") {
            let ok = version.as_str().is_some_and(|v| {
                v.starts_with("1.0.") || v.starts_with("2.0.") || v == "1.0" || v == "2.0"
            });
            if !ok {
                self.fail(&join(path, "version"), "unsupported_version");
            }
        }
        if let Some(attachments) = map.get("attachments") {
            self.attachments(attachments, &join(path, "attachments"));
        }
        if nested && map.get("objectType").and_then(Value::as_str) != Some("SubStatement") {
            self.fail(&join(path, "objectType"), "not_a_substatement");
        }
        let voids = if verb == VOIDED_VERB {
            match &object {
                StatementObject::StatementRef(id) => Some(id.clone()),
                _ => {
                    self.fail(&join(path, "object"), "voiding_needs_statement_ref");
                    None
                }
            }
        } else {
            None
        };
        let statement_ref = match &object {
            StatementObject::StatementRef(id) => Some(id.clone()),
            _ => None,
        };
        let activity = match object {
            StatementObject::Activity(id) => Some(id),
            _ => None,
        };
        let object_agent = map
            .get("object")
            .filter(|o| {
                matches!(
                    o.get("objectType").and_then(Value::as_str),
                    Some("Agent" | "Group")
                )
            })
            .and_then(query::ifi_key);
        Some(StatementFacts {
            id,
            actor: actor.flatten(),
            verb,
            activity,
            voids,
            statement_ref,
            registration,
            object_agent,
        })
    }

    /// `authority` (Data 2.4.9): an Agent, or what 3-legged OAuth writes —
    /// an anonymous Group of exactly two Agents, the application (identified
    /// by an `account`, its consumer key) and the user. An identified group
    /// (XAPI-00024), a group of one or three (XAPI-00098) and a pair with no
    /// application account (XAPI-00100) are refused, not replaced.
    fn authority(&mut self, value: &Value, path: &str) {
        let Some(identity) = self.actor(value, path) else {
            return;
        };
        if value.get("objectType").and_then(Value::as_str) != Some("Group") {
            return;
        }
        if identity.is_some() {
            self.fail(path, "authority_group_not_anonymous");
            return;
        }
        let members = value
            .get("member")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if members.len() != 2 {
            self.fail(&join(path, "member"), "authority_group_needs_two_agents");
        } else if !members.iter().any(|member| member.get("account").is_some()) {
            self.fail(&join(path, "member"), "authority_group_not_oauth");
        }
    }

    /// An Agent or a Group; `Some(None)` for a valid anonymous group.
    fn actor(&mut self, value: &Value, path: &str) -> Option<Option<Ifi>> {
        let map = self.object(value, path)?;
        match map.get("objectType").map(Value::as_str) {
            Some(Some("Group")) => self.group(map, path),
            None | Some(Some("Agent")) => self.agent(map, path).map(Some),
            _ => {
                self.fail(&join(path, "objectType"), "not_an_agent_or_group");
                None
            }
        }
    }

    fn agent(&mut self, map: &Map<String, Value>, path: &str) -> Option<Ifi> {
        self.only_keys(
            map,
            path,
            &[
                "objectType",
                "name",
                "mbox",
                "mbox_sha1sum",
                "openid",
                "account",
            ],
        );
        if let Some(name) = map.get("name") {
            self.string(name, &join(path, "name"));
        }
        match self.ifi(map, path) {
            Some(Some(ifi)) => Some(ifi),
            Some(None) => {
                self.fail(path, "agent_needs_one_identifier");
                None
            }
            None => None,
        }
    }

    fn group(&mut self, map: &Map<String, Value>, path: &str) -> Option<Option<Ifi>> {
        self.only_keys(
            map,
            path,
            &[
                "objectType",
                "name",
                "member",
                "mbox",
                "mbox_sha1sum",
                "openid",
                "account",
            ],
        );
        if let Some(name) = map.get("name") {
            self.string(name, &join(path, "name"));
        }
        let ifi = self.ifi(map, path)?;
        match map.get("member") {
            Some(Value::Array(members)) => {
                for (index, member) in members.iter().enumerate() {
                    let member_path = format!("{}[{index}]", join(path, "member"));
                    if let Some(member_map) = self.object(member, &member_path) {
                        if member_map.get("objectType").and_then(Value::as_str) == Some("Group") {
                            self.fail(&member_path, "group_member_must_be_agent");
                        } else {
                            self.agent(member_map, &member_path);
                        }
                    }
                }
                if ifi.is_none() && members.is_empty() {
                    self.fail(&join(path, "member"), "anonymous_group_needs_members");
                }
            }
            Some(_) => self.fail(&join(path, "member"), "not_an_array"),
            None if ifi.is_none() => {
                self.fail(&join(path, "member"), "anonymous_group_needs_members")
            }
            None => {}
        }
        Some(ifi)
    }

    /// At most one identifier; `Some(None)` when there is none.
    fn ifi(&mut self, map: &Map<String, Value>, path: &str) -> Option<Option<Ifi>> {
        let present: Vec<&str> = ["mbox", "mbox_sha1sum", "openid", "account"]
            .into_iter()
            .filter(|key| map.contains_key(*key))
            .collect();
        if present.len() > 1 {
            self.fail(path, "more_than_one_identifier");
            return None;
        }
        let Some(key) = present.first() else {
            return Some(None);
        };
        let key_path = join(path, key);
        let value = &map[*key];
        let ifi = match *key {
            "mbox" => {
                let text = self.string(value, &key_path)?;
                let address = text.strip_prefix("mailto:").unwrap_or_default();
                if address
                    .split_once('@')
                    .is_none_or(|(l, d)| l.is_empty() || d.is_empty())
                {
                    self.fail(&key_path, "not_a_mailto_iri");
                    return None;
                }
                Ifi::Mbox(text.to_owned())
            }
            "mbox_sha1sum" => {
                let text = self.string(value, &key_path)?;
                if text.len() != 40 || !text.chars().all(|c| c.is_ascii_hexdigit()) {
                    self.fail(&key_path, "not_a_sha1_sum");
                    return None;
                }
                Ifi::MboxSha1(text.to_owned())
            }
            "openid" => Ifi::OpenId(self.iri(value, &key_path)?),
            _ => {
                let account = self.object(value, &key_path)?;
                self.only_keys(account, &key_path, &["homePage", "name"]);
                let home_page = match account.get("homePage") {
                    Some(home) => self.iri(home, &join(&key_path, "homePage"))?,
                    None => {
                        self.fail(&join(&key_path, "homePage"), "missing");
                        return None;
                    }
                };
                let name = match account.get("name") {
                    Some(name) => self.string(name, &join(&key_path, "name"))?.to_owned(),
                    None => {
                        self.fail(&join(&key_path, "name"), "missing");
                        return None;
                    }
                };
                Ifi::Account { home_page, name }
            }
        };
        Some(Some(ifi))
    }

    fn verb(&mut self, value: &Value, path: &str) -> Option<String> {
        let map = self.object(value, path)?;
        self.only_keys(map, path, &["id", "display"]);
        if let Some(display) = map.get("display") {
            self.language_map(display, &join(path, "display"));
        }
        match map.get("id") {
            Some(id) => self.iri(id, &join(path, "id")),
            None => {
                self.fail(&join(path, "id"), "missing");
                None
            }
        }
    }

    fn statement_object(&mut self, value: &Value, path: &str, nested: bool) -> StatementObject {
        let Some(map) = self.object(value, path) else {
            return StatementObject::Invalid;
        };
        match map.get("objectType").map(Value::as_str) {
            None | Some(Some("Activity")) => self
                .activity(map, path)
                .map_or(StatementObject::Invalid, StatementObject::Activity),
            Some(Some("Agent")) => {
                self.agent(map, path);
                StatementObject::Other
            }
            Some(Some("Group")) => {
                self.group(map, path);
                StatementObject::Other
            }
            Some(Some("StatementRef")) => {
                self.only_keys(map, path, &["objectType", "id"]);
                match map.get("id") {
                    Some(id) => self
                        .uuid(id, &join(path, "id"))
                        .map_or(StatementObject::Invalid, StatementObject::StatementRef),
                    None => {
                        self.fail(&join(path, "id"), "missing");
                        StatementObject::Invalid
                    }
                }
            }
            Some(Some("SubStatement")) if nested => {
                self.fail(path, "substatement_cannot_nest");
                StatementObject::Invalid
            }
            Some(Some("SubStatement")) => {
                self.statement(value, path, true);
                StatementObject::Other
            }
            _ => {
                self.fail(&join(path, "objectType"), "unknown_object_type");
                StatementObject::Invalid
            }
        }
    }

    fn activity(&mut self, map: &Map<String, Value>, path: &str) -> Option<String> {
        self.only_keys(map, path, &["objectType", "id", "definition"]);
        if let Some(definition) = map.get("definition") {
            self.activity_definition(definition, &join(path, "definition"));
        }
        match map.get("id") {
            Some(id) => self.iri(id, &join(path, "id")),
            None => {
                self.fail(&join(path, "id"), "missing");
                None
            }
        }
    }

    fn activity_definition(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path) else {
            return;
        };
        self.only_keys(
            map,
            path,
            &[
                "name",
                "description",
                "type",
                "moreInfo",
                "extensions",
                "interactionType",
                "correctResponsesPattern",
                "choices",
                "scale",
                "source",
                "target",
                "steps",
            ],
        );
        for key in ["name", "description"] {
            if let Some(text) = map.get(key) {
                self.language_map(text, &join(path, key));
            }
        }
        for key in ["type", "moreInfo"] {
            if let Some(iri) = map.get(key) {
                self.iri(iri, &join(path, key));
            }
        }
        if let Some(extensions) = map.get("extensions") {
            self.extensions(extensions, &join(path, "extensions"));
        }
        if let Some(kind) = map.get("interactionType")
            && self
                .string(kind, &join(path, "interactionType"))
                .is_some_and(|k| !INTERACTION_TYPES.contains(&k))
        {
            self.fail(&join(path, "interactionType"), "unknown_interaction_type");
        }
        if let Some(patterns) = map.get("correctResponsesPattern") {
            // XAPI-00064: a response pattern means nothing without the
            // interaction type that says how to read it.
            if !map.contains_key("interactionType") {
                self.fail(
                    &join(path, "correctResponsesPattern"),
                    "components_need_interaction_type",
                );
            }
            match patterns.as_array() {
                Some(items) => {
                    for (index, item) in items.iter().enumerate() {
                        self.string(
                            item,
                            &format!("{}[{index}]", join(path, "correctResponsesPattern")),
                        );
                    }
                }
                None => self.fail(&join(path, "correctResponsesPattern"), "not_an_array"),
            }
        }
        for key in ["choices", "scale", "source", "target", "steps"] {
            let Some(components) = map.get(key) else {
                continue;
            };
            if !map.contains_key("interactionType") {
                self.fail(&join(path, key), "components_need_interaction_type");
            }
            let Some(items) = components.as_array() else {
                self.fail(&join(path, key), "not_an_array");
                continue;
            };
            let mut ids = Vec::new();
            for (index, item) in items.iter().enumerate() {
                let item_path = format!("{}[{index}]", join(path, key));
                let Some(component) = self.object(item, &item_path) else {
                    continue;
                };
                self.only_keys(component, &item_path, &["id", "description"]);
                match component.get("id").and_then(Value::as_str) {
                    Some(id) if ids.contains(&id) => {
                        self.fail(&item_path, "duplicate_component_id")
                    }
                    Some(id) => ids.push(id),
                    None => self.fail(&join(&item_path, "id"), "missing"),
                }
                if let Some(description) = component.get("description") {
                    self.language_map(description, &join(&item_path, "description"));
                }
            }
        }
    }

    fn result(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path) else {
            return;
        };
        self.only_keys(
            map,
            path,
            &[
                "score",
                "success",
                "completion",
                "response",
                "duration",
                "extensions",
            ],
        );
        for key in ["success", "completion"] {
            if let Some(flag) = map.get(key) {
                self.boolean(flag, &join(path, key));
            }
        }
        if let Some(response) = map.get("response") {
            self.string(response, &join(path, "response"));
        }
        if let Some(duration) = map.get("duration")
            && self
                .string(duration, &join(path, "duration"))
                .is_some_and(|d| !is_duration(d))
        {
            self.fail(&join(path, "duration"), "not_a_duration");
        }
        if let Some(extensions) = map.get("extensions") {
            self.extensions(extensions, &join(path, "extensions"));
        }
        if let Some(score) = map.get("score") {
            self.score(score, &join(path, "score"));
        }
    }

    fn score(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path) else {
            return;
        };
        self.only_keys(map, path, &["scaled", "raw", "min", "max"]);
        let mut number = |key: &str| -> Option<f64> {
            let value = map.get(key)?;
            let number = value.as_f64();
            if number.is_none() {
                self.fail(&join(path, key), "not_a_number");
            }
            number
        };
        let (scaled, raw, min, max) = (
            number("scaled"),
            number("raw"),
            number("min"),
            number("max"),
        );
        if scaled.is_some_and(|s| !(-1.0..=1.0).contains(&s)) {
            self.fail(&join(path, "scaled"), "scaled_out_of_range");
        }
        if let (Some(min), Some(max)) = (min, max)
            && min >= max
        {
            self.fail(&join(path, "min"), "min_not_below_max");
        }
        if let Some(raw) = raw
            && (min.is_some_and(|min| raw < min) || max.is_some_and(|max| raw > max))
        {
            self.fail(&join(path, "raw"), "raw_outside_min_max");
        }
    }

    /// Checks the context; returns its registration.
    fn context(&mut self, value: &Value, path: &str, object: &StatementObject) -> Option<String> {
        let map = self.object(value, path)?;
        self.only_keys(
            map,
            path,
            &[
                "registration",
                "instructor",
                "team",
                "contextActivities",
                "revision",
                "platform",
                "language",
                "statement",
                "extensions",
                "contextAgents",
                "contextGroups",
            ],
        );
        let registration = map
            .get("registration")
            .and_then(|r| self.uuid(r, &join(path, "registration")));
        if let Some(instructor) = map.get("instructor") {
            self.actor(instructor, &join(path, "instructor"));
        }
        if let Some(team) = map.get("team") {
            let team_path = join(path, "team");
            if team.get("objectType").and_then(Value::as_str) != Some("Group") {
                self.fail(&team_path, "team_must_be_group");
            } else {
                self.actor(team, &team_path);
            }
        }
        for key in ["revision", "platform"] {
            if let Some(text) = map.get(key) {
                self.string(text, &join(path, key));
                if !matches!(object, StatementObject::Activity(_)) {
                    self.fail(&join(path, key), "only_for_activity_objects");
                }
            }
        }
        if let Some(language) = map.get("language")
            && self
                .string(language, &join(path, "language"))
                .is_some_and(|tag| !is_language_tag(tag))
        {
            self.fail(&join(path, "language"), "not_a_language_tag");
        }
        if let Some(statement) = map.get("statement") {
            let ref_path = join(path, "statement");
            if let Some(reference) = self.object(statement, &ref_path) {
                self.only_keys(reference, &ref_path, &["objectType", "id"]);
                if reference.get("objectType").and_then(Value::as_str) != Some("StatementRef") {
                    self.fail(&join(&ref_path, "objectType"), "not_a_statement_ref");
                }
                match reference.get("id") {
                    Some(id) => {
                        self.uuid(id, &join(&ref_path, "id"));
                    }
                    None => self.fail(&join(&ref_path, "id"), "missing"),
                }
            }
        }
        if let Some(extensions) = map.get("extensions") {
            self.extensions(extensions, &join(path, "extensions"));
        }
        if let Some(activities) = map.get("contextActivities") {
            let activities_path = join(path, "contextActivities");
            if let Some(lists) = self.object(activities, &activities_path) {
                self.only_keys(
                    lists,
                    &activities_path,
                    &["parent", "grouping", "category", "other"],
                );
                for (key, list) in lists {
                    let list_path = join(&activities_path, key);
                    let items: Vec<&Value> = match list {
                        Value::Array(items) => items.iter().collect(),
                        single => vec![single],
                    };
                    for (index, item) in items.into_iter().enumerate() {
                        let item_path = format!("{list_path}[{index}]");
                        if let Some(activity) = self.object(item, &item_path) {
                            if activity
                                .get("objectType")
                                .is_some_and(|t| t.as_str() != Some("Activity"))
                            {
                                self.fail(&join(&item_path, "objectType"), "not_an_activity");
                            }
                            self.activity(activity, &item_path);
                        }
                    }
                }
            }
        }
        for (key, object_type, member) in [
            ("contextAgents", "contextAgent", "agent"),
            ("contextGroups", "contextGroup", "group"),
        ] {
            let Some(list) = map.get(key) else {
                continue;
            };
            let list_path = join(path, key);
            let Some(items) = list.as_array() else {
                self.fail(&list_path, "not_an_array");
                continue;
            };
            for (index, item) in items.iter().enumerate() {
                let item_path = format!("{list_path}[{index}]");
                let Some(entry) = self.object(item, &item_path) else {
                    continue;
                };
                self.only_keys(entry, &item_path, &["objectType", member, "relevantTypes"]);
                if entry.get("objectType").and_then(Value::as_str) != Some(object_type) {
                    self.fail(&join(&item_path, "objectType"), "wrong_object_type");
                }
                match entry.get(member) {
                    Some(actor)
                        if member == "group"
                            && actor.get("objectType").and_then(Value::as_str) != Some("Group") =>
                    {
                        self.fail(&join(&item_path, member), "not_a_group");
                    }
                    Some(actor) => {
                        self.actor(actor, &join(&item_path, member));
                    }
                    None => self.fail(&join(&item_path, member), "missing"),
                }
                if let Some(types) = entry.get("relevantTypes") {
                    match types.as_array() {
                        Some(types) if !types.is_empty() => {
                            for (i, iri) in types.iter().enumerate() {
                                self.iri(
                                    iri,
                                    &format!("{}[{i}]", join(&item_path, "relevantTypes")),
                                );
                            }
                        }
                        _ => self.fail(&join(&item_path, "relevantTypes"), "not_a_non_empty_array"),
                    }
                }
            }
        }
        registration
    }

    fn attachments(&mut self, value: &Value, path: &str) {
        let Some(items) = value.as_array() else {
            self.fail(path, "not_an_array");
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(map) = self.object(item, &item_path) else {
                continue;
            };
            self.only_keys(
                map,
                &item_path,
                &[
                    "usageType",
                    "display",
                    "description",
                    "contentType",
                    "length",
                    "sha2",
                    "fileUrl",
                ],
            );
            for key in ["usageType", "display", "contentType", "length", "sha2"] {
                if !map.contains_key(key) {
                    self.fail(&join(&item_path, key), "missing");
                }
            }
            if let Some(usage) = map.get("usageType") {
                self.iri(usage, &join(&item_path, "usageType"));
            }
            for key in ["display", "description"] {
                if let Some(text) = map.get(key) {
                    self.language_map(text, &join(&item_path, key));
                }
            }
            if let Some(length) = map.get("length")
                && length.as_u64().is_none()
            {
                self.fail(&join(&item_path, "length"), "not_a_non_negative_integer");
            }
            for key in ["contentType", "sha2"] {
                if let Some(text) = map.get(key) {
                    self.string(text, &join(&item_path, key));
                }
            }
            // Without a fileUrl the payload must travel in the request
            // (multipart/mixed); the LRS checks that, not the data rules.
            if let Some(url) = map.get("fileUrl") {
                self.iri(url, &join(&item_path, "fileUrl"));
            }
            if let Some(sha2) = map.get("sha2").and_then(Value::as_str)
                && !is_sha2(sha2)
            {
                self.fail(&join(&item_path, "sha2"), "not_a_sha2_hash");
            }
            if map.get("usageType").and_then(Value::as_str) == Some(signature::SIGNATURE_USAGE)
                && map.get("contentType").and_then(Value::as_str)
                    != Some(signature::SIGNATURE_CONTENT_TYPE)
            {
                self.fail(
                    &join(&item_path, "contentType"),
                    "signature_must_be_octet_stream",
                );
            }
        }
    }
}

/// What a statement's object is, as far as the rules need to know.
enum StatementObject {
    Activity(String),
    StatementRef(String),
    Other,
    Invalid,
}
