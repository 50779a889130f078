//! Export and import of plans as JSON files. Pure. An import is all or nothing: every plan
//! in the file is read, migrated and checked before any is returned, and a bad file gets a
//! message naming the problem and where it is (line and column, or a field path).

use crate::model::{Millis, Plan};
use crate::persist::schema::{self, strip_position, DecodeError, DocKind, SCHEMA_VERSION};
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt;

/// Marks our files, so an unrelated JSON file is refused with a clear message.
pub const FORMAT: &str = "negotiation-planner";

/// Larger files are refused before parsing: a library of 200 plans of 500 KB is 100 MB.
pub const MAX_IMPORT_BYTES: usize = 128 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub path: Option<String>,
}

impl ImportError {
    fn new(message: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            line: None,
            column: None,
            path: None,
        }
    }

    fn at(path: String, message: impl Into<String>) -> Self {
        ImportError {
            path: Some(path),
            ..ImportError::new(message)
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(line) = self.line {
            place.push(match self.column {
                Some(c) => format!("line {line}, column {c}"),
                None => format!("line {line}"),
            });
        }
        if let Some(path) = self.path.as_deref().filter(|p| !p.is_empty() && *p != ".") {
            place.push(format!("at {path}"));
        }
        if place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} ({})", self.message, place.join(", "))
        }
    }
}

/// One plan or a whole library as a file: `{format, schema, exported, plans: [...]}`.
pub fn export(plans: &[Plan], now: Millis) -> String {
    let plans: Vec<Value> = plans
        .iter()
        .map(|p| {
            let mut v = schema::to_document(p);
            if let Value::Object(map) = &mut v {
                map.remove("schema");
            }
            v
        })
        .collect();
    let file = json!({
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": now,
        "plans": plans,
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

#[derive(Deserialize)]
struct TypedFile {
    plans: Vec<Plan>,
}

/// Reads a file made by [`export`] (any schema version up to ours), or a single stored plan
/// document. Nothing is returned unless every plan in it is valid.
pub fn import(text: &str) -> Result<Vec<Plan>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::new(format!(
            "the file is {} MB; the largest the planner imports is {} MB",
            text.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let value = schema::parse_json(text).map_err(|e| match e {
        DecodeError::NotJson {
            line,
            column,
            detail,
        } => ImportError {
            line: Some(line),
            column: Some(column),
            // The parser stops at 128 levels of brackets; a plan is never that deep, and
            // "recursion limit exceeded" means nothing to a user.
            ..ImportError::new(if detail.contains("recursion limit") {
                "the file is nested too deeply to be a plan (more than 128 levels of brackets \
                 inside one another; a planner file needs only a few)"
                    .to_string()
            } else {
                format!("this is not a JSON file: {}", strip_position(&detail))
            })
        },
        other => ImportError::new(other.to_string()),
    })?;
    let Value::Object(map) = &value else {
        return Err(ImportError::new(
            "this is not a planner file: it should be a JSON object with a list of plans",
        ));
    };
    let file_schema = map.get("schema").and_then(Value::as_u64);
    let plans: Vec<Plan> = if let Some(plans) = map.get("plans") {
        if map.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(ImportError::at(
                "format".into(),
                format!("this is not a planner file: \"format\" should be \"{FORMAT}\""),
            ));
        }
        let file_schema = file_schema.ok_or_else(|| {
            ImportError::at("schema".into(), "the file does not say its format version")
        })?;
        if file_schema > SCHEMA_VERSION {
            return Err(ImportError::at(
                "schema".into(),
                DecodeError::Newer { found: file_schema }.to_string(),
            ));
        }
        let Value::Array(items) = plans else {
            return Err(ImportError::at(
                "plans".into(),
                "\"plans\" should be a list",
            ));
        };
        if file_schema == SCHEMA_VERSION {
            // Read straight from the text, so type errors carry a line as well as a path.
            match schema::from_text::<TypedFile>(text) {
                Ok(file) => file.plans,
                Err(e) => {
                    let path = e.path().to_string();
                    let inner = e.into_inner();
                    return Err(ImportError {
                        line: Some(inner.line()),
                        column: Some(inner.column()),
                        path: Some(path),
                        message: format!(
                            "a value does not fit: {}",
                            strip_position(&inner.to_string())
                        ),
                    });
                }
            }
        } else {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let mut item = item.clone();
                if let Value::Object(m) = &mut item {
                    m.insert("schema".into(), Value::from(file_schema));
                }
                out.push(read_plan(item).map_err(|e| prefix(e, &format!("plans[{i}]")))?);
            }
            out
        }
    } else if map.contains_key("id") && map.contains_key("title") {
        vec![read_plan(value.clone())?]
    } else {
        return Err(ImportError::new(
            "this is not a planner file: it has no \"plans\" list",
        ));
    };
    if plans.is_empty() {
        return Err(ImportError::at("plans".into(), "the file holds no plan"));
    }
    for (i, plan) in plans.iter().enumerate() {
        if let Err((path, message)) = plan.check() {
            return Err(ImportError::at(
                format!("plans[{i}].{path}"),
                format!("plan “{}”: {message}", plan.display_title()),
            ));
        }
    }
    Ok(plans)
}

fn read_plan(value: Value) -> Result<Plan, ImportError> {
    let value = schema::upgrade(value, DocKind::Plan).map_err(decode_error)?;
    schema::from_value(&value).map_err(decode_error)
}

fn decode_error(e: DecodeError) -> ImportError {
    match e {
        DecodeError::Invalid { path, detail } => {
            ImportError::at(path, format!("a value does not fit: {detail}"))
        }
        other => ImportError::new(other.to_string()),
    }
}

fn prefix(mut e: ImportError, outer: &str) -> ImportError {
    e.path = Some(match e.path.as_deref() {
        None | Some("") | Some(".") => outer.to_string(),
        Some(p) => format!("{outer}.{p}"),
    });
    e
}
