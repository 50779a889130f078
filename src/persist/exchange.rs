//! Export and import of plans as JSON files. Pure. An import is all or nothing: every plan
//! in the file is read, migrated and checked before any is returned, and a bad file gets a
//! message naming the problem and where it is (line and column, or a field path).
//!
//! A file is read in two stages so the page can stay responsive on a large library:
//! [`open`] checks the whole text once (its syntax and envelope) and cuts it into one piece
//! of text per plan without building them; [`ImportFile::read`] then builds and checks one
//! plan. The caller may yield to the browser between plans ([`import`] reads them all at
//! once). Sizes and counts are bounded before anything large is built (see
//! `model::limits`).

use crate::model::limits::thousands;
use crate::model::{Millis, Plan};
use crate::persist::schema::{self, strip_position, DecodeError, DocKind, SCHEMA_VERSION};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::fmt;

/// Marks our files, so an unrelated JSON file is refused with a clear message.
pub const FORMAT: &str = "negotiation-planner";

/// Larger files are refused before they are read. A browser keeps about 5 MB for a site,
/// so no library it holds exports to more than a few times that.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
/// Larger plans are refused before they are built: more than a browser can store.
pub const MAX_PLAN_BYTES: usize = 8 * 1024 * 1024;
/// Most plans one file may hold.
pub const MAX_PLANS: usize = 2_000;

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
    serde_json::to_string_pretty(&file_value(plans, now)).unwrap_or_default()
}

/// The same file without indentation, for share links, where every character counts.
pub fn export_compact(plans: &[Plan], now: Millis) -> String {
    file_value(plans, now).to_string()
}

fn file_value(plans: &[Plan], now: Millis) -> Value {
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
    json!({
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": now,
        "plans": plans,
    })
}

/// The envelope of a file: what decides how to read it. Everything else in the file is
/// skipped (checked for syntax only); the plans stay text until each is read.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema: Option<&'a RawValue>,
    #[serde(borrow, default)]
    plans: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
}

/// A file whose envelope was read: the text of each plan, not yet built.
pub struct ImportFile<'a> {
    text: &'a str,
    plans: Vec<&'a str>,
    /// The format version the plans were written in.
    schema: u64,
    /// A single stored plan document (not an export): it carries its own version and
    /// its paths are not under `plans[…]`.
    single: bool,
}

/// Reads a file's envelope: one pass over the text that checks its syntax, its format
/// and version and the number and sizes of its plans, without building any plan.
pub fn open(text: &str) -> Result<ImportFile<'_>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::new(format!(
            "the file is {:.1} MB; the largest the planner imports is {} MB",
            text.len() as f64 / (1024.0 * 1024.0),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.is_empty() && !trimmed.starts_with('{') {
        // Not an object: say so, unless it is not JSON at all.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            return Err(not_json(&e));
        }
        return Err(ImportError::new(
            "this is not a planner file: it should be a JSON object with a list of plans",
        ));
    }
    let envelope: Envelope = serde_path_to_error::deserialize(
        &mut serde_json::Deserializer::from_str(text),
    )
    .map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            not_json(&inner)
        } else if path == "plans" {
            ImportError::at(path, "\"plans\" should be a list")
        } else {
            ImportError {
                line: Some(inner.line()),
                column: Some(inner.column()),
                path: Some(path),
                message: format!(
                    "a value does not fit: {}",
                    strip_position(&inner.to_string())
                ),
            }
        }
    })?;
    let schema = envelope
        .schema
        .and_then(|raw| serde_json::from_str::<u64>(raw.get()).ok());
    let (plans, schema, single) = match envelope.plans {
        Some(plans) => {
            let format = envelope
                .format
                .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok());
            if format.as_deref() != Some(FORMAT) {
                return Err(ImportError::at(
                    "format".into(),
                    format!("this is not a planner file: \"format\" should be \"{FORMAT}\""),
                ));
            }
            let schema = schema.ok_or_else(|| {
                ImportError::at("schema".into(), "the file does not say its format version")
            })?;
            (plans.iter().map(|p| p.get()).collect(), schema, false)
        }
        None if envelope.id.is_some() && envelope.title.is_some() => {
            (vec![text], schema.unwrap_or(0), true)
        }
        None => {
            return Err(ImportError::new(
                "this is not a planner file: it has no \"plans\" list",
            ))
        }
    };
    if schema > SCHEMA_VERSION {
        return Err(ImportError::at(
            "schema".into(),
            DecodeError::Newer { found: schema }.to_string(),
        ));
    }
    if plans.is_empty() {
        return Err(ImportError::at("plans".into(), "the file holds no plan"));
    }
    if plans.len() > MAX_PLANS {
        return Err(ImportError::at(
            "plans".into(),
            format!(
                "the file holds {} plans; the planner imports at most {} at a time",
                thousands(plans.len()),
                thousands(MAX_PLANS)
            ),
        ));
    }
    let file = ImportFile {
        text,
        plans,
        schema,
        single,
    };
    for i in 0..file.plans.len() {
        if file.plans[i].len() > MAX_PLAN_BYTES {
            return Err(ImportError::at(
                file.path(i, ""),
                format!(
                    "this plan is {:.1} MB of text; the largest the planner takes is {} MB",
                    file.plans[i].len() as f64 / (1024.0 * 1024.0),
                    MAX_PLAN_BYTES / (1024 * 1024)
                ),
            ));
        }
    }
    Ok(file)
}

impl<'a> ImportFile<'a> {
    /// How many plans the file holds.
    pub fn len(&self) -> usize {
        self.plans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// The size of plan `i`'s text, so a caller can tell how much work is left.
    pub fn size(&self, i: usize) -> usize {
        self.plans.get(i).map_or(0, |p| p.len())
    }

    fn path(&self, i: usize, inner: &str) -> String {
        match (inner, self.single) {
            ("", _) => format!("plans[{i}]"),
            (_, true) => inner.to_string(),
            _ => format!("plans[{i}].{inner}"),
        }
    }

    /// Line and column of a position in plan `i`'s text, counted in the whole file.
    fn place(&self, i: usize, line: usize, column: usize) -> (usize, usize) {
        let start = self.plans[i].as_ptr() as usize - self.text.as_ptr() as usize;
        let before = &self.text[..start];
        let lines_before = before.matches('\n').count();
        if line <= 1 {
            let line_start = before.rfind('\n').map_or(0, |k| k + 1);
            (
                lines_before + 1,
                before[line_start..].chars().count() + column,
            )
        } else {
            (lines_before + line, column)
        }
    }

    /// Builds plan `i` and checks its size, its references and its numbers.
    pub fn read(&self, i: usize) -> Result<Plan, ImportError> {
        let text = self.plans[i];
        let plan: Plan = if self.schema == SCHEMA_VERSION {
            // Straight from the text, so type errors carry a line as well as a path.
            schema::from_text::<Plan>(text).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let (line, column) = self.place(i, inner.line(), inner.column());
                ImportError {
                    line: Some(line),
                    column: Some(column),
                    path: Some(if self.single {
                        path
                    } else {
                        self.path(i, &path)
                    }),
                    message: format!(
                        "a value does not fit: {}",
                        strip_position(&inner.to_string())
                    ),
                }
            })?
        } else {
            let mut value = schema::parse_json(text).map_err(|e| match e {
                DecodeError::NotJson { detail, .. } if detail.contains("recursion limit") => {
                    ImportError::new(NESTED)
                }
                other => ImportError::new(other.to_string()),
            })?;
            if let Value::Object(m) = &mut value {
                if !self.single {
                    m.insert("schema".into(), Value::from(self.schema));
                }
            }
            let plan = read_plan(value);
            if self.single {
                plan?
            } else {
                plan.map_err(|e| prefix(e, &format!("plans[{i}]")))?
            }
        };
        let refuse = |(path, message): (String, String)| {
            ImportError::at(
                format!("plans[{i}].{path}"),
                format!("plan “{}”: {message}", plan.display_title()),
            )
        };
        plan.check_limits().map_err(refuse)?;
        plan.check().map_err(refuse)?;
        Ok(plan)
    }
}

/// What a parser's "recursion limit exceeded" means, in words a user can act on.
const NESTED: &str = "the file is nested too deeply to be a plan (more than 128 levels of \
                      brackets inside one another; a planner file needs only a few)";

fn not_json(e: &serde_json::Error) -> ImportError {
    let detail = e.to_string();
    ImportError {
        line: Some(e.line()),
        column: Some(e.column()),
        // The parser stops at 128 levels of brackets; a plan is never that deep, and
        // "recursion limit exceeded" means nothing to a user.
        ..ImportError::new(if detail.contains("recursion limit") {
            NESTED.to_string()
        } else {
            format!("this is not a JSON file: {}", strip_position(&detail))
        })
    }
}

/// Reads a file made by [`export`] (any schema version up to ours), or a single stored plan
/// document. Nothing is returned unless every plan in it is valid.
pub fn import(text: &str) -> Result<Vec<Plan>, ImportError> {
    let file = open(text)?;
    (0..file.len()).map(|i| file.read(i)).collect()
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
