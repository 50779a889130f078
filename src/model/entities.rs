//! Everything a plan holds, as plain data. Every entity has a stable id (it survives
//! renames and reordering); references between entities are ids, checked by
//! `Plan::repair` whenever a plan is loaded or imported.

use super::Millis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! entity_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id for sequence number `seq` of a plan's counter.
            pub fn from_seq(seq: u64) -> Self {
                $name(format!(concat!($prefix, "{}"), seq))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// Ids become parts of element ids and URLs: keep them short and plain.
            pub fn is_well_formed(&self) -> bool {
                super::ids::is_safe_id(&self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

entity_id!(PartyId, "party");
entity_id!(InterestId, "int");
entity_id!(IssueId, "iss");
entity_id!(OptionId, "opt");
entity_id!(PackageId, "pkg");
entity_id!(OfferId, "off");
entity_id!(QuestionId, "q");
entity_id!(
    /// A team member's view (`model::team`).
    ViewId,
    "view"
);
entity_id!(
    /// A teammate's proposed interest or option (`model::team`).
    ProposalId,
    "prop"
);
entity_id!(RehearsalId, "reh");

/// Whose plan this is: one party is "us", or the planner is neutral (a mediator).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "party")]
pub enum Perspective {
    #[default]
    Neutral,
    Us(PartyId),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    Preparing,
    Negotiating,
    Agreed,
    NoAgreement,
    Archived,
}

/// A value on the 0–100 scale that we may only be able to estimate: for "us" `low` and
/// `high` equal `value`; for a counterpart they bracket our guess.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    pub fn exact(value: f64) -> Estimate {
        Estimate {
            value,
            low: value,
            high: value,
        }
    }
}

impl Default for Estimate {
    fn default() -> Self {
        Estimate::exact(0.0)
    }
}

/// How sure we are of an estimate of a counterpart's score; sensitivity analysis samples
/// around the value with a spread that grows as confidence falls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    #[default]
    High,
}

/// A weight or rating on the 0–100 scale, with our confidence in it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub value: f64,
    #[serde(default, skip_serializing_if = "is_high")]
    pub confidence: Confidence,
    /// For weights: the user fixed it, so rebalancing leaves it alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

fn is_high(c: &Confidence) -> bool {
    *c == Confidence::High
}

impl Score {
    pub fn new(value: f64) -> Score {
        Score {
            value,
            confidence: Confidence::High,
            locked: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub notes: String,
    /// What this party does if there is no agreement.
    #[serde(default)]
    pub batna: String,
    /// The BATNA's worth on the package scale: no package below it is acceptable.
    #[serde(default)]
    pub reservation: Estimate,
    /// How much each issue matters to this party (sums to 100 when complete).
    #[serde(default)]
    pub weights: BTreeMap<IssueId, Score>,
    /// How good each option is for this party, 0–100 (100 = best on that issue).
    #[serde(default)]
    pub ratings: BTreeMap<OptionId, Score>,
    /// The working behind the weights (schema 5): method, swings, holistic check.
    #[serde(default, skip_serializing_if = "super::Elicitation::is_empty")]
    pub elicitation: super::Elicitation,
    /// The BATNA as a decision tree (schema 5), when the user worked it out that way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batna_tree: Option<super::BatnaTree>,
}

impl Party {
    pub fn new(id: PartyId, name: impl Into<String>) -> Party {
        Party {
            id,
            name: name.into(),
            role: String::new(),
            notes: String::new(),
            batna: String::new(),
            reservation: Estimate::default(),
            weights: BTreeMap::new(),
            ratings: BTreeMap::new(),
            elicitation: super::Elicitation::default(),
            batna_tree: None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestKind {
    #[default]
    Substantive,
    Relationship,
    Process,
    Principle,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interest {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Shared,
    Different,
    Conflicting,
}

/// How two interests of different parties relate: shared interests bind, different ones
/// are the raw material of trades, conflicting ones need creativity or criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestLink {
    pub a: InterestId,
    pub b: InterestId,
    pub relation: Relation,
}

/// An objective standard that makes an option legitimate (market rate, precedent, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub standard: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub applies: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionItem {
    pub id: OptionId,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Interests (of any party) this option serves.
    #[serde(default)]
    pub serves: Vec<InterestId>,
    /// Where the idea came from (a brainstorm, the other side, a precedent…).
    #[serde(default)]
    pub origin: String,
    /// Set for an option of the form "A if the event happens, else B": parties rate it by
    /// their own chance of the event (see `model::strategy::rating`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingent: Option<super::strategy::Contingency>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub id: IssueId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub options: Vec<OptionItem>,
}

/// One option per issue; an issue without a choice is still open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub id: PackageId,
    pub name: String,
    #[serde(default)]
    pub choices: BTreeMap<IssueId, OptionId>,
    #[serde(default)]
    pub notes: String,
    /// Packages sharing a group are offers to present together (a MESO set).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// A package the user means to propose or accept: the packages step warns when the
    /// analysis finds one fragile. Absent in older files, which reads as `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub favourite: bool,
}

impl Package {
    /// A package with the given choices and nothing else set.
    pub fn new(
        id: PackageId,
        name: impl Into<String>,
        choices: BTreeMap<IssueId, OptionId>,
    ) -> Package {
        Package {
            id,
            name: name.into(),
            choices,
            notes: String::new(),
            group: String::new(),
            favourite: false,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferResponse {
    #[default]
    Pending,
    Accepted,
    Rejected,
    Countered,
}

/// An offer made or received during the negotiation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub id: OfferId,
    /// Who made the offer.
    pub party: PartyId,
    pub package: PackageId,
    pub at: Millis,
    #[serde(default)]
    pub response: OfferResponse,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    #[default]
    Open,
    Agreed,
    Disputed,
}

/// A question for joint fact-finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub question: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub issues: Vec<IssueId>,
    #[serde(default)]
    pub interests: Vec<InterestId>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub status: QuestionStatus,
    #[serde(default)]
    pub answer: String,
}
