//! The two documents that carry views between browsers, as files or share links:
//!
//! - a **view request**, made from a plan: its parties, issues, options and interests with
//!   their ids, and the owner's numbers only when asked for;
//! - a **view answer**, made in the teammate's browser: their numbers for those ids, and
//!   the interests and options they propose.
//!
//! Both are JSON objects with a `format`, the schema version that wrote them, and a
//! `check`: a digest of every id they carry. An id edited by hand no longer matches the
//! check, so the document is refused instead of attaching numbers to the wrong places. (It
//! guards against accidents, not against someone set on forging a file.) Links are the
//! same text packed by `formats::share`, within its length limit.

use crate::formats::share::{self, ShareError};
use crate::model::team::Numbers;
use crate::model::{
    InterestId, InterestKind, IssueId, Millis, OptionId, PartyId, PlanId, Priority,
};
use crate::persist::exchange::MAX_IMPORT_BYTES;
use crate::persist::schema::{self, strip_position, DecodeError, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

pub const REQUEST_FORMAT: &str = "negotiation-planner-view-request";
pub const ANSWER_FORMAT: &str = "negotiation-planner-view-answer";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestParty {
    pub id: PartyId,
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// The plan's "us".
    #[serde(default)]
    pub us: bool,
    #[serde(default)]
    pub batna: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestOption {
    pub id: OptionId,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestIssue {
    pub id: IssueId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub options: Vec<RequestOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestInterest {
    pub id: InterestId,
    pub party: PartyId,
    pub statement: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub kind: InterestKind,
}

/// A plan owner's request for a teammate's view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub format: String,
    pub schema: u64,
    /// Tells requests apart (the app makes it from the time and a random number).
    pub id: String,
    pub plan: PlanId,
    pub title: String,
    /// Who asks: the owner's name.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub made: Millis,
    pub parties: Vec<RequestParty>,
    #[serde(default)]
    pub issues: Vec<RequestIssue>,
    #[serde(default)]
    pub interests: Vec<RequestInterest>,
    /// The owner's numbers, only when the owner chose to send them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub numbers: BTreeMap<PartyId, Numbers>,
    pub check: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedInterest {
    pub party: PartyId,
    pub statement: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub kind: InterestKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedOption {
    pub issue: IssueId,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// How good the option is for each party, in the member's view.
    #[serde(default)]
    pub ratings: BTreeMap<PartyId, f64>,
}

/// A teammate's answer to a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub format: String,
    pub schema: u64,
    pub request: String,
    /// The plan that asked; the answer joins no other.
    pub plan: PlanId,
    /// That plan's title as the request gave it, for messages.
    #[serde(default)]
    pub title: String,
    pub member: String,
    #[serde(default)]
    pub answered: Millis,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub parties: BTreeMap<PartyId, Numbers>,
    #[serde(default)]
    pub interests: Vec<ProposedInterest>,
    #[serde(default)]
    pub options: Vec<ProposedOption>,
    pub check: String,
}

/// Why a request or an answer is refused, in plain words. Nothing is read in part.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamError {
    TooBig {
        mb: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// Not one of the team documents (or the other one of the two).
    NotA {
        wanted: &'static str,
        found: Option<&'static str>,
    },
    Newer {
        found: u64,
    },
    Damaged {
        path: String,
        detail: String,
    },
    /// The ids no longer match the check.
    EditedRequest,
    EditedAnswer {
        member: String,
    },
    /// An answer to another plan.
    OtherPlan {
        theirs: String,
        ours: String,
    },
    /// An answer to a plan this browser's library does not hold.
    NoSuchPlan {
        title: String,
    },
    /// This member already has a view, and the user did not choose to replace it.
    Duplicate {
        member: String,
    },
    /// An answer must say whose view it is.
    NoMember,
    /// A link that cannot be made or read.
    Link(ShareError),
}

impl fmt::Display for TeamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TeamError::TooBig { mb } => write!(
                f,
                "the file is {mb} MB; the largest the planner reads is {} MB",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            TeamError::NotJson { line, column } => {
                write!(f, "this is not a JSON file (line {line}, column {column})")
            }
            TeamError::NotA {
                wanted,
                found: Some(found),
            } => write!(f, "this is {found}, not {wanted}"),
            TeamError::NotA {
                wanted,
                found: None,
            } => write!(f, "this is not {wanted}"),
            TeamError::Newer { found } => DecodeError::Newer { found: *found }.fmt(f),
            TeamError::Damaged { path, detail } if path.is_empty() || path == "." => {
                write!(f, "the file is damaged: {detail}")
            }
            TeamError::Damaged { path, detail } => {
                write!(f, "the file is damaged at {path}: {detail}")
            }
            TeamError::EditedRequest => f.write_str(
                "this request was changed after it was made (its ids do not match its \
                 check), so numbers could land in the wrong places. Ask for a new request",
            ),
            TeamError::EditedAnswer { member } => write!(
                f,
                "this answer was changed after {member} made it (its ids do not match its \
                 check), so numbers could land in the wrong places. Ask {member} to send it \
                 again"
            ),
            TeamError::OtherPlan { theirs, ours } => write!(
                f,
                "this answer belongs to the plan “{theirs}”, not to “{ours}”. Open that plan \
                 to add it"
            ),
            TeamError::NoSuchPlan { title } => write!(
                f,
                "this answer belongs to the plan “{title}”, which is not in this browser's \
                 library. Open it in the browser where the plan is"
            ),
            TeamError::Duplicate { member } => write!(
                f,
                "{member} has already answered. Replace {member}'s view if this answer should \
                 take its place"
            ),
            TeamError::NoMember => f.write_str(
                "an answer needs the name of the member who gives it; write your name first",
            ),
            TeamError::Link(ShareError::TooLong { chars }) => write!(
                f,
                "this needs a link of {chars} characters, more than the {} a link can safely \
                 carry; make a file instead",
                share::MAX_LINK_CHARS
            ),
            TeamError::Link(e) => e.fmt(f),
        }
    }
}

/// The words for each document, in messages.
const A_REQUEST: &str = "a view request";
const AN_ANSWER: &str = "an answer to a view request";
const A_PLAN: &str = "a plan file";

/// What a planner JSON text is, judged by its `format` alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Request,
    Answer,
    /// A plan or a library (the export format), or a stored plan.
    Plan,
    Other,
}

pub fn kind_of_value(value: &Value) -> DocKind {
    match value.get("format").and_then(Value::as_str) {
        Some(REQUEST_FORMAT) => DocKind::Request,
        Some(ANSWER_FORMAT) => DocKind::Answer,
        Some(crate::persist::exchange::FORMAT) => DocKind::Plan,
        None if value.get("title").is_some() && value.get("schema").is_some() => DocKind::Plan,
        _ => DocKind::Other,
    }
}

/// What a text is, without reading it in full when it is not JSON.
pub fn kind_of(text: &str) -> DocKind {
    if text.len() > MAX_IMPORT_BYTES {
        return DocKind::Other;
    }
    schema::parse_json(text)
        .map(|v| kind_of_value(&v))
        .unwrap_or(DocKind::Other)
}

fn kind_words(kind: DocKind) -> Option<&'static str> {
    match kind {
        DocKind::Request => Some(A_REQUEST),
        DocKind::Answer => Some(AN_ANSWER),
        DocKind::Plan => Some(A_PLAN),
        DocKind::Other => None,
    }
}

/// A digest of the ids a document carries (FNV-1a, 64 bits, as 16 hex digits).
fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn numbers_ids<'a>(numbers: &'a BTreeMap<PartyId, Numbers>, out: &mut Vec<&'a str>) {
    for (party, n) in numbers {
        out.push(party.as_str());
        out.extend(n.weights.keys().map(IssueId::as_str));
        out.push("/");
        out.extend(n.ratings.keys().map(OptionId::as_str));
        out.push("/");
    }
}

impl Request {
    /// The digest of every id the request carries, in order.
    pub fn expected_check(&self) -> String {
        let mut parts = vec!["view-request", self.id.as_str(), self.plan.as_str()];
        for p in &self.parties {
            parts.push(p.id.as_str());
        }
        for i in &self.issues {
            parts.push(i.id.as_str());
            parts.extend(i.options.iter().map(|o| o.id.as_str()));
            parts.push("/");
        }
        for i in &self.interests {
            parts.push(i.id.as_str());
            parts.push(i.party.as_str());
        }
        numbers_ids(&self.numbers, &mut parts);
        digest(parts)
    }

    pub fn seal(mut self) -> Request {
        self.check = self.expected_check();
        self
    }
}

impl Answer {
    /// The digest of every id the answer carries, in order.
    pub fn expected_check(&self) -> String {
        let mut parts = vec!["view-answer", self.request.as_str(), self.plan.as_str()];
        numbers_ids(&self.parties, &mut parts);
        for i in &self.interests {
            parts.push(i.party.as_str());
        }
        for o in &self.options {
            parts.push(o.issue.as_str());
            parts.extend(o.ratings.keys().map(PartyId::as_str));
            parts.push("/");
        }
        digest(parts)
    }

    pub fn seal(mut self) -> Answer {
        self.check = self.expected_check();
        self
    }
}

/// The request as a file's text.
pub fn request_text(request: &Request) -> String {
    serde_json::to_string_pretty(request).unwrap_or_default()
}

/// The answer as a file's text.
pub fn answer_text(answer: &Answer) -> String {
    serde_json::to_string_pretty(answer).unwrap_or_default()
}

/// The share-link fragment (`#/share/…`) that carries a request.
pub fn request_link(request: &Request) -> Result<String, TeamError> {
    share::pack(&serde_json::to_string(request).unwrap_or_default()).map_err(TeamError::Link)
}

/// The share-link fragment that carries an answer.
pub fn answer_link(answer: &Answer) -> Result<String, TeamError> {
    share::pack(&serde_json::to_string(answer).unwrap_or_default()).map_err(TeamError::Link)
}

/// Parses the text and checks it is the wanted kind, from a version this build reads.
fn read_doc<T: serde::de::DeserializeOwned>(text: &str, wanted: DocKind) -> Result<T, TeamError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(TeamError::TooBig {
            mb: text.len() / (1024 * 1024),
        });
    }
    let value = schema::parse_json(text).map_err(|e| match e {
        DecodeError::NotJson { line, column, .. } => TeamError::NotJson { line, column },
        _ => TeamError::NotA {
            wanted: kind_words(wanted).unwrap_or_default(),
            found: None,
        },
    })?;
    let found = kind_of_value(&value);
    if found != wanted {
        return Err(TeamError::NotA {
            wanted: kind_words(wanted).unwrap_or_default(),
            found: kind_words(found),
        });
    }
    match value.get("schema").and_then(Value::as_u64) {
        Some(v) if v > SCHEMA_VERSION => return Err(TeamError::Newer { found: v }),
        Some(v) if v > 0 => {}
        _ => {
            return Err(TeamError::Damaged {
                path: "schema".into(),
                detail: "the file does not say its format version".into(),
            })
        }
    }
    schema::from_value(&value).map_err(|e| match e {
        DecodeError::Invalid { path, detail } => TeamError::Damaged {
            path,
            detail: strip_position(&detail),
        },
        other => TeamError::Damaged {
            path: String::new(),
            detail: other.to_string(),
        },
    })
}

/// Reads a request from a file's text, refusing one whose ids were edited.
pub fn read_request(text: &str) -> Result<Request, TeamError> {
    let request: Request = read_doc(text, DocKind::Request)?;
    if request.check != request.expected_check() {
        return Err(TeamError::EditedRequest);
    }
    Ok(request)
}

/// Reads an answer from a file's text, refusing one whose ids were edited.
pub fn read_answer(text: &str) -> Result<Answer, TeamError> {
    let answer: Answer = read_doc(text, DocKind::Answer)?;
    if answer.check != answer.expected_check() {
        return Err(TeamError::EditedAnswer {
            member: super::words::member_name(&answer.member),
        });
    }
    Ok(answer)
}
