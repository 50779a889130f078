//! A plan prepared by a team: each member's numbers kept as a named view beside the plan's
//! own (the team's) numbers, the team's decisions on where they disagree, and what
//! teammates proposed. Plain data; the rules that fill and read it live in `crate::team`.
//!
//! A view's numbers may name parties, issues or options removed from the plan since the
//! answer came in: they are inert (nothing reads numbers for ids the plan no longer has),
//! so removing an issue never has to touch the views, and undo brings both back together.

use super::entities::{
    Estimate, InterestId, InterestKind, IssueId, OptionId, PartyId, Priority, ProposalId, ViewId,
};
use super::{Millis, PlanId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the team adds to a plan. Empty for a plan prepared alone, and then not
/// written at all, so such plans are stored exactly as before views existed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// The plan owner's name, as teammates see it in a request ("Olga asks for your view").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub me: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// How the team settled a value; a place with a decision is no longer a disagreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Set in a plan made from a request: the teammate's own answer in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answering: Option<Answering>,
}

impl Team {
    pub fn is_empty(&self) -> bool {
        self == &Team::default()
    }

    pub fn view(&self, id: &ViewId) -> Option<&View> {
        self.views.iter().find(|v| &v.id == id)
    }
}

/// One member's numbers for one party: weights per issue, ratings per option, and the
/// reservation value (a range for a counterpart, as in the plan).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Numbers {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<IssueId, f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<OptionId, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation: Option<Estimate>,
}

impl Numbers {
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty() && self.ratings.is_empty() && self.reservation.is_none()
    }

    /// How many numbers this holds (a reservation range counts as one).
    pub fn count(&self) -> usize {
        self.weights.len() + self.ratings.len() + usize::from(self.reservation.is_some())
    }
}

/// A member's view: their numbers for every party, and what they proposed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub id: ViewId,
    /// The member's name as they gave it; two views never share a name (case aside).
    pub member: String,
    /// When the member made the answer (their clock) and when it joined the plan.
    #[serde(default)]
    pub answered: Millis,
    #[serde(default)]
    pub received: Millis,
    /// The member's note to the team.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default)]
    pub parties: BTreeMap<PartyId, Numbers>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<InterestProposal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionProposal>,
}

impl View {
    pub fn numbers(&self, party: &PartyId) -> Option<&Numbers> {
        self.parties.get(party)
    }
}

/// What the owner did with a proposal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ProposalState {
    #[default]
    Pending,
    /// Added to the plan under this id.
    AcceptedInterest {
        id: InterestId,
    },
    AcceptedOption {
        id: OptionId,
    },
    Rejected,
}

/// An interest a teammate thinks is missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestProposal {
    pub id: ProposalId,
    pub party: PartyId,
    pub statement: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub kind: InterestKind,
    #[serde(default)]
    pub state: ProposalState,
}

/// An option a teammate thinks is missing, with how good it is for each party in their view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionProposal {
    pub id: ProposalId,
    pub issue: IssueId,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<PartyId, f64>,
    #[serde(default)]
    pub state: ProposalState,
}

/// A value the views can disagree on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Place {
    Weight(IssueId),
    Rating(OptionId),
    Reservation,
}

/// How the team's number for a place was chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "view")]
pub enum Rule {
    Average,
    Median,
    /// One member's number.
    Member(ViewId),
    /// Typed by hand.
    Hand,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub party: PartyId,
    pub place: Place,
    pub rule: Rule,
}

/// A plan made from a view request, in the teammate's browser: who asked, for which plan,
/// and which ids the request carried (anything else the teammate adds is a proposal).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answering {
    pub request: String,
    /// The requesting plan, which the answer must go back to.
    pub plan: PlanId,
    pub title: String,
    #[serde(default)]
    pub from: String,
    /// The request's check (see `crate::team::doc`), carried into the answer's.
    pub check: String,
    /// The teammate's name, as the answer will carry it.
    #[serde(default)]
    pub member: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The request carried the owner's numbers (so a reservation value of 0 was given, not
    /// just never filled in).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_numbers: bool,
    pub parties: Vec<PartyId>,
    pub issues: Vec<IssueId>,
    pub options: Vec<OptionId>,
    pub interests: Vec<InterestId>,
}
