//! Stored documents and their schema versions. Pure: text in, values or plain-language
//! errors out. Every document is a JSON object carrying `"schema": N`; a document from an
//! older version is migrated forward one tested step at a time, one from a newer version is
//! refused (never guessed at, never overwritten).
//!
//! Versions:
//! 1. a plan was `{id, title, notes, created, updated}`;
//! 2. the full plan model: perspective, status, parties with scores, interests and links,
//!    issues with options and criteria, packages, offers, fact-finding questions;
//! 3. the talks (#15): the strategy's target (`strategy.target`), contingent options
//!    (`issues[].options[].contingent`: event, then, otherwise, each party's chance) and the
//!    recorded agreement with its review notes (`agreement`). All three are optional and
//!    left out while unused, so a version 2 plan migrates unchanged.
//! 4. plans may carry a `team`: members' views, the team's decisions, proposals, and (in a
//!    plan made from a view request) what it answers (`model::team`). Absent means a plan
//!    prepared alone, so older plans need no change.
//! 5. parties may carry `elicitation` (how their weights were made: method, swing ranking and
//!    swings, the holistic cross-check's judged packages) and `batna_tree` (the BATNA as a
//!    decision tree). Both are optional and absent when unused, so a version-4 plan reads
//!    unchanged; the step only retags it.
//! 6. plans keep rehearsals (`rehearsals`: practice negotiations against a simulated
//!    counterpart, with seed, settings, moves and result); absent means none.
//!
//! `tests/fixtures/schema/v<N>/` keeps a document of every version; the tests read them all.

use crate::model::{Plan, PlanSummary};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::fmt;

/// The version this build writes.
pub const SCHEMA_VERSION: u64 = 6;

/// The library's index: one line per plan, so listing never reads every plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryIndex {
    pub plans: Vec<PlanSummary>,
    /// Set once the first-start sample has been offered, so deleting every plan does not
    /// bring the sample back.
    #[serde(default)]
    pub seeded: bool,
}

/// Why a stored document could not be read, in words a user can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not JSON at all (truncated write, edited by hand, another app's key).
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not one of ours: no `schema` number.
    NoSchema,
    /// Written by a newer planner; reading it could lose what this version does not know.
    Newer { found: u64 },
    /// A field is missing or has the wrong type; `path` says where (`parties[1].name`).
    Invalid { path: String, detail: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson {
                line,
                column,
                detail,
            } => write!(
                f,
                "the text is not valid JSON (line {line}, column {column}: {detail})"
            ),
            DecodeError::NoSchema => write!(f, "the text is not a planner document"),
            DecodeError::Newer { found } => write!(
                f,
                "it was saved by a newer version of the planner (format {found}; this one \
                 reads up to {SCHEMA_VERSION}). Open it with the newer version"
            ),
            DecodeError::Invalid { path, detail } if path.is_empty() || path == "." => {
                write!(f, "the document is damaged: {detail}")
            }
            DecodeError::Invalid { path, detail } => {
                write!(f, "the document is damaged at {path}: {detail}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// What happened, in words for someone who has never seen JSON; the exact place and
    /// the parser's words ([`Display`](fmt::Display)) go behind a "details" disclosure.
    pub fn plain(&self) -> String {
        match self {
            DecodeError::NotJson { .. } => {
                "its saved text is damaged (cut short, or changed outside the planner)".into()
            }
            DecodeError::NoSchema => "its saved text is not a plan".into(),
            DecodeError::Newer { .. } => {
                "it was saved by a newer version of the planner, which this version cannot read"
                    .into()
            }
            DecodeError::Invalid { .. } => {
                "part of its saved text is damaged (changed outside the planner)".into()
            }
        }
    }

    /// The library's mark for a plan that cannot be read for this reason.
    pub fn label(&self) -> &'static str {
        match self {
            DecodeError::Newer { .. } => "Saved by a newer version: cannot be opened here",
            _ => "Cannot be opened: its saved text is damaged",
        }
    }

    /// What the user can do about it, after "The text was kept unchanged".
    pub fn advice(&self) -> &'static str {
        match self {
            DecodeError::Newer { .. } => {
                "Open it with the newer version, or download the text to keep a copy."
            }
            _ => "Download it to inspect or repair it, or discard it.",
        }
    }
}

/// The message for a stored plan that cannot be read, naming the plan. `kept` says
/// whether its text could be set aside (it always stays under its own key too).
pub fn unreadable_plan_message(title: &str, err: &DecodeError) -> String {
    format!(
        "“{title}” cannot be opened: {}. Its text was kept unchanged in this browser. {}",
        err.plain(),
        err.advice()
    )
}

/// The title written in a plan's text, when the text is too damaged to read as a plan
/// (a write cut short usually keeps the beginning, where the title is).
pub fn salvage_title(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find("\"title\"") {
        rest = &rest[at + "\"title\"".len()..];
        let after = rest.trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            let mut de = serde_json::Deserializer::from_str(value);
            let title = match String::deserialize(&mut de) {
                Ok(title) => title,
                // Cut short inside the title: what there is, marked as cut.
                Err(e) if e.is_eof() && value.starts_with('"') => {
                    format!("{}…", value[1..].trim_end_matches('\\'))
                }
                Err(_) => continue,
            };
            let title = crate::model::text::clean_title(&title);
            return (!title.is_empty()).then_some(title);
        }
    }
    None
}

/// Which kind of document a migration step works on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DocKind {
    Plan,
    Index,
}

pub fn encode_plan(plan: &Plan) -> String {
    encode(plan)
}

/// Reads a stored plan and makes its references consistent. The notes say what repair
/// changed (empty when nothing); the caller keeps the original text before saving over it.
pub fn decode_plan(text: &str) -> Result<(Plan, Vec<String>), DecodeError> {
    let mut plan: Plan = decode(text, DocKind::Plan)?;
    let notes = plan.repair();
    Ok((plan, notes))
}

pub fn encode_index(index: &LibraryIndex) -> String {
    encode(index)
}

pub fn decode_index(text: &str) -> Result<LibraryIndex, DecodeError> {
    decode(text, DocKind::Index)
}

/// The document as JSON with its schema tag, for storage and for export.
pub fn to_document<T: Serialize>(body: &T) -> Value {
    let mut value = serde_json::to_value(body).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("schema".into(), Value::from(SCHEMA_VERSION));
    }
    value
}

fn encode<T: Serialize>(body: &T) -> String {
    to_document(body).to_string()
}

pub fn parse_json(text: &str) -> Result<Value, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })
}

fn decode<T: DeserializeOwned>(text: &str, kind: DocKind) -> Result<T, DecodeError> {
    let value = parse_json(text)?;
    let value = upgrade(value, kind)?;
    from_value(&value)
}

/// Reads a typed value from JSON, naming the path of the first field that does not fit.
///
/// The value is read back from its text, so the plan types have one deserializer in the
/// bundle: [`from_text`], which the import of a current file also uses (a second one over
/// `Value` doubled their code; see ARCHITECTURE.md, "Bundle size"). The text keeps the
/// value's key order, so the first field that does not fit is the same as over `Value`.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    from_text(&value.to_string()).map_err(|e| DecodeError::Invalid {
        path: e.path().to_string(),
        detail: strip_position(&e.inner().to_string()),
    })
}

/// Reads a typed value from JSON text, with the path of the first field that does not fit
/// (the inner error also has the line and column). The only way the app reads its typed
/// documents. The text must already be known to be JSON (from [`parse_json`] or a `Value`):
/// what follows the first value is not looked at.
pub fn from_text<T: DeserializeOwned>(
    text: &str,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
}

/// serde_json appends " at line L column C" to its messages; callers that name the place
/// themselves (or have none, as in a document rebuilt from a `Value`) drop it.
pub fn strip_position(detail: &str) -> String {
    match detail.rfind(" at line ") {
        Some(i) => detail[..i].to_string(),
        None => detail.to_string(),
    }
}

/// Checks the schema tag and migrates the document to the current version.
pub fn upgrade(value: Value, kind: DocKind) -> Result<Value, DecodeError> {
    let found = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::NoSchema)?;
    if found > SCHEMA_VERSION {
        return Err(DecodeError::Newer { found });
    }
    if found == 0 {
        return Err(DecodeError::NoSchema);
    }
    let mut value = value;
    for from in found..SCHEMA_VERSION {
        value = migrate_step(value, from, kind)?;
    }
    if let Value::Object(map) = &mut value {
        map.insert("schema".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(value)
}

/// One step, from version `from` to `from + 1`.
fn migrate_step(mut value: Value, from: u64, kind: DocKind) -> Result<Value, DecodeError> {
    match (from, kind) {
        // 1 → 2: plans gain the full model. A plan needs two parties; "us" is the first.
        (1, DocKind::Plan) => {
            let Value::Object(map) = &mut value else {
                return Err(DecodeError::Invalid {
                    path: String::new(),
                    detail: "a plan must be a JSON object".into(),
                });
            };
            map.entry("parties").or_insert_with(|| {
                json!([
                    {"id": "party1", "name": "Us"},
                    {"id": "party2", "name": "The other side"}
                ])
            });
            map.entry("perspective")
                .or_insert_with(|| json!({"kind": "us", "party": "party1"}));
            map.entry("status").or_insert_with(|| json!("preparing"));
            map.entry("next_seq").or_insert_with(|| json!(3));
            Ok(value)
        }
        // The index did not change between 1 and 2.
        (1, DocKind::Index) => Ok(value),
        // 2 → 3: the strategy, contingent options and the agreement are new, optional
        // fields that are absent until used: nothing to change, in plans or the index.
        (2, DocKind::Plan) | (2, DocKind::Index) => Ok(value),
        // 3 → 4: plans gain an optional `team`; a plan without one was prepared alone and
        // reads as it is. The index did not change.
        (3, DocKind::Plan | DocKind::Index) => Ok(value),
        // 4 → 5: parties gain optional `elicitation` and `batna_tree`; nothing to fill in.
        (4, DocKind::Plan | DocKind::Index) => Ok(value),
        // 5 → 6: plans gain `rehearsals`; a plan without the field has none, which is how
        // it reads. Nothing else changed, in plans or in the index.
        (5, DocKind::Plan | DocKind::Index) => Ok(value),
        _ => Err(DecodeError::Invalid {
            path: String::new(),
            detail: format!("no migration from format {from}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    fn plan() -> Plan {
        let mut p = sample_plan(PlanId::parse("p1").unwrap(), 5);
        p.title = "Supplier «Ω» 😀 عقد".into();
        p.notes = "line 1\nline 2".into();
        p
    }

    #[test]
    fn plan_round_trips_with_schema_tag() {
        let text = encode_plan(&plan());
        assert!(text.contains(&format!("\"schema\":{SCHEMA_VERSION}")));
        assert_eq!(decode_plan(&text), Ok((plan(), vec![])));
    }

    #[test]
    fn index_round_trips() {
        let index = LibraryIndex {
            plans: vec![plan().summary()],
            seeded: true,
        };
        assert_eq!(decode_index(&encode_index(&index)), Ok(index));
    }

    #[test]
    fn a_version_1_plan_migrates_to_two_parties_and_us() {
        let v1 = r#"{"schema":1,"id":"pold","title":"Old","notes":"n","created":1,"updated":2}"#;
        let (p, notes) = decode_plan(v1).unwrap();
        assert_eq!(notes, Vec::<String>::new());
        assert_eq!(p.title, "Old");
        assert_eq!(p.parties.len(), 2);
        assert_eq!(p.us(), Some(&p.parties[0].id));
        assert_eq!(p.next_seq, 3);
    }

    #[test]
    fn titles_are_salvaged_from_damaged_text() {
        assert_eq!(
            salvage_title(r#"{"schema":2,"id":"p1","title":"Budget \"25\"","notes":"cu"#)
                .as_deref(),
            Some("Budget \"25\"")
        );
        assert_eq!(
            salvage_title(r#"{"schema":2,"id":"p1","title":"Half writ"#).as_deref(),
            Some("Half writ…")
        );
        assert_eq!(
            salvage_title(r#"{"title": 5, "x": {"title" : "Inner\u0000"}}"#).as_deref(),
            Some("Inner")
        );
        assert_eq!(salvage_title(r#"{"schema":2,"id":"p1""#), None);
        assert_eq!(salvage_title(r#"{"title":"   "}"#), None);
    }

    #[test]
    fn the_words_for_an_unreadable_plan_name_it_and_keep_the_parser_apart() {
        let err = decode_plan("{\"schema\":2, \"title\":").unwrap_err();
        let text = unreadable_plan_message("Budget", &err);
        assert!(text.starts_with("“Budget” cannot be opened: its saved text is damaged"));
        assert!(text.contains("kept unchanged") && text.contains("Download it"));
        assert!(!text.contains("line") && !text.contains("EOF"), "{text}");
        assert!(err.to_string().contains("line 1"), "{err}");
        let newer = unreadable_plan_message("Later", &DecodeError::Newer { found: 9 });
        assert!(newer.contains("newer version") && newer.contains("Open it with the newer"));
    }

    #[test]
    fn bad_documents_give_reasons() {
        assert!(matches!(
            decode_plan("{\"schema\":2, \"title\":"),
            Err(DecodeError::NotJson { line: 1, .. })
        ));
        assert_eq!(decode_plan("[1,2]"), Err(DecodeError::NoSchema));
        assert_eq!(decode_plan("{\"schema\":0}"), Err(DecodeError::NoSchema));
        assert_eq!(
            decode_plan("{\"schema\":7,\"id\":\"p1\"}"),
            Err(DecodeError::Newer { found: 7 })
        );
        let err = decode_plan("{\"schema\":2,\"id\":\"p1\"}").unwrap_err();
        assert!(err.to_string().contains("title"), "{err}");
        let err = decode_plan(
            "{\"schema\":2,\"id\":\"a b\",\"title\":\"x\",\"created\":1,\"updated\":1}",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a valid plan id"), "{err}");
        let err = decode_plan(
            r#"{"schema":2,"id":"p1","title":"x","created":1,"updated":1,
                "parties":[{"id":"party1","name":"A","reservation":{"value":"high","low":0,"high":0}}]}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("parties[0].reservation.value"),
            "{err}"
        );
        // Read back from the value's text, but the message names no line of that text.
        assert!(!err.to_string().contains(" at line "), "{err}");
    }
}
