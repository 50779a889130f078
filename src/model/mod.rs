//! The plan model: plain data, no browser imports.

pub mod edit_people;
mod entities;
mod examples;
mod ids;
pub mod order;
mod progress;
mod rehearsal;
mod repair;
mod time;
mod weights;

pub use entities::*;
pub use examples::sample_plan;
pub use examples::{supplier_contract, templates, three_party, Template};
pub use ids::{is_safe_id, PlanId};
pub use progress::Step;
pub use rehearsal::*;
pub use time::describe_age;
pub use weights::*;

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, as the browser's `Date.now()` reports them.
pub type Millis = i64;

/// One negotiation plan: everything the workflow collects, from parties to offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    pub title: String,
    /// Free-text context: what the negotiation is about, deadlines, who is in the room.
    #[serde(default)]
    pub notes: String,
    pub created: Millis,
    pub updated: Millis,
    #[serde(default)]
    pub perspective: Perspective,
    #[serde(default)]
    pub status: PlanStatus,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub interests: Vec<Interest>,
    #[serde(default)]
    pub links: Vec<InterestLink>,
    #[serde(default)]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub packages: Vec<Package>,
    #[serde(default)]
    pub offers: Vec<Offer>,
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Practice negotiations against a simulated counterpart (never part of `offers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rehearsals: Vec<Rehearsal>,
    /// The next number for a new entity id; ids are never reused within a plan.
    #[serde(default)]
    pub next_seq: u64,
}

impl Plan {
    /// A new plan with the two parties every negotiation has, "us" first.
    pub fn new(id: PlanId, title: impl Into<String>, now: Millis) -> Self {
        let mut plan = Plan {
            id,
            title: title.into(),
            notes: String::new(),
            created: now,
            updated: now,
            perspective: Perspective::Neutral,
            status: PlanStatus::Preparing,
            parties: Vec::new(),
            interests: Vec::new(),
            links: Vec::new(),
            issues: Vec::new(),
            packages: Vec::new(),
            offers: Vec::new(),
            questions: Vec::new(),
            rehearsals: Vec::new(),
            next_seq: 1,
        };
        let us = plan.add_party("Us");
        plan.add_party("The other side");
        plan.perspective = Perspective::Us(us);
        plan
    }

    /// Hands out the next sequence number for an entity id.
    pub fn take_seq(&mut self) -> u64 {
        let seq = self.next_seq.max(1);
        self.next_seq = seq + 1;
        seq
    }

    pub fn add_party(&mut self, name: &str) -> PartyId {
        let id = PartyId::from_seq(self.take_seq());
        self.parties.push(Party::new(id.clone(), name));
        id
    }

    pub fn add_interest(&mut self, party: &PartyId, statement: &str) -> InterestId {
        let id = InterestId::from_seq(self.take_seq());
        self.interests.push(Interest {
            id: id.clone(),
            party: party.clone(),
            statement: statement.to_string(),
            why: String::new(),
            priority: Priority::Medium,
            kind: InterestKind::Substantive,
        });
        id
    }

    pub fn add_issue(&mut self, name: &str) -> IssueId {
        let id = IssueId::from_seq(self.take_seq());
        self.issues.push(Issue {
            id: id.clone(),
            name: name.to_string(),
            description: String::new(),
            criteria: Vec::new(),
            options: Vec::new(),
        });
        id
    }

    /// Adds an option to an issue; `None` when the issue does not exist.
    pub fn add_option(&mut self, issue: &IssueId, label: &str) -> Option<OptionId> {
        let id = OptionId::from_seq(self.take_seq());
        let issue = self.issues.iter_mut().find(|i| &i.id == issue)?;
        issue.options.push(OptionItem {
            id: id.clone(),
            label: label.to_string(),
            description: String::new(),
            serves: Vec::new(),
            origin: String::new(),
        });
        Some(id)
    }

    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    pub fn party_mut(&mut self, id: &PartyId) -> Option<&mut Party> {
        self.parties.iter_mut().find(|p| &p.id == id)
    }

    pub fn issue(&self, id: &IssueId) -> Option<&Issue> {
        self.issues.iter().find(|i| &i.id == id)
    }

    /// The party marked "us", if the plan is not neutral.
    pub fn us(&self) -> Option<&PartyId> {
        match &self.perspective {
            Perspective::Us(id) => Some(id),
            Perspective::Neutral => None,
        }
    }

    /// The title to show: an empty title would make a plan impossible to find or click.
    pub fn display_title(&self) -> &str {
        display_title(&self.title)
    }

    /// A copy under a new id, titled so the user can tell it from the original. Entity ids
    /// stay as they are: they are unique within a plan, not across plans.
    pub fn duplicate(&self, id: PlanId, now: Millis) -> Plan {
        Plan {
            id,
            title: format!("{} (copy)", self.display_title()),
            created: now,
            updated: now,
            ..self.clone()
        }
    }

    /// The line the library lists for this plan.
    pub fn summary(&self) -> PlanSummary {
        PlanSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            updated: self.updated,
        }
    }
}

/// What the library index keeps about each plan, so listing plans never reads every plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: PlanId,
    pub title: String,
    pub updated: Millis,
}

impl PlanSummary {
    pub fn display_title(&self) -> &str {
        display_title(&self.title)
    }
}

/// Shared by plans and summaries: whitespace-only titles show as "Untitled plan".
pub fn display_title(title: &str) -> &str {
    if title.trim().is_empty() {
        "Untitled plan"
    } else {
        title
    }
}

#[cfg(test)]
mod tests;
