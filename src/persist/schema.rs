//! Stored documents and their schema versions. Pure: text in, values or plain-language
//! errors out. Every document is a JSON object carrying `"schema": N`; a document from an
//! older version is migrated forward, one from a newer version is refused (never guessed
//! at, never overwritten).

use crate::model::{Plan, PlanSummary};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The version this build writes.
pub const SCHEMA_VERSION: u64 = 1;

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
    /// Our schema version, but a field is missing or has the wrong type.
    Invalid { detail: String },
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
                "the saved text is not valid JSON (line {line}, column {column}: {detail})"
            ),
            DecodeError::NoSchema => write!(f, "the saved text is not a planner document"),
            DecodeError::Newer { found } => write!(
                f,
                "it was saved by a newer version of the planner (format {found}; this one \
                 reads up to {SCHEMA_VERSION}). Open it with the newer version"
            ),
            DecodeError::Invalid { detail } => write!(f, "the saved plan is damaged: {detail}"),
        }
    }
}

impl std::error::Error for DecodeError {}

pub fn encode_plan(plan: &Plan) -> String {
    encode(plan)
}

pub fn decode_plan(text: &str) -> Result<Plan, DecodeError> {
    decode(text)
}

pub fn encode_index(index: &LibraryIndex) -> String {
    encode(index)
}

pub fn decode_index(text: &str) -> Result<LibraryIndex, DecodeError> {
    decode(text)
}

fn encode<T: Serialize>(body: &T) -> String {
    let mut value = serde_json::to_value(body).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("schema".into(), Value::from(SCHEMA_VERSION));
    }
    value.to_string()
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|e| DecodeError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    let found = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::NoSchema)?;
    if found > SCHEMA_VERSION {
        return Err(DecodeError::Newer { found });
    }
    let value = migrate(value, found)?;
    serde_json::from_value(value).map_err(|e| DecodeError::Invalid {
        detail: e.to_string(),
    })
}

/// Brings a document from version `from` up to `SCHEMA_VERSION`, one tested step at a time.
/// Version 1 is the first, so there is no step yet; each new version adds one arm.
fn migrate(value: Value, from: u64) -> Result<Value, DecodeError> {
    match from {
        SCHEMA_VERSION => Ok(value),
        _ => Err(DecodeError::Invalid {
            detail: format!("unknown format version {from}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PlanId;

    fn plan() -> Plan {
        let mut p = Plan::new(PlanId::parse("p1").unwrap(), "Supplier «Ω» 😀 عقد", 5);
        p.notes = "line 1\nline 2".into();
        p
    }

    #[test]
    fn plan_round_trips_with_schema_tag() {
        let text = encode_plan(&plan());
        assert!(text.contains("\"schema\":1"));
        assert_eq!(decode_plan(&text), Ok(plan()));
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
    fn bad_documents_give_reasons() {
        assert!(matches!(
            decode_plan("{\"schema\":1, \"title\":"),
            Err(DecodeError::NotJson { line: 1, .. })
        ));
        assert_eq!(decode_plan("[1,2]"), Err(DecodeError::NoSchema));
        assert_eq!(
            decode_plan("{\"schema\":7,\"id\":\"p1\"}"),
            Err(DecodeError::Newer { found: 7 })
        );
        let err = decode_plan("{\"schema\":1,\"id\":\"p1\"}").unwrap_err();
        assert!(err.to_string().contains("title"), "{err}");
        let err = decode_plan(
            "{\"schema\":1,\"id\":\"a b\",\"title\":\"x\",\"created\":1,\"updated\":1}",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a valid plan id"), "{err}");
    }
}
