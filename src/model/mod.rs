//! The plan model: plain data, no browser imports.

pub mod cells;
pub mod edit_issues;
pub mod edit_people;
mod elicitation;
mod entities;
mod examples;
mod find;
mod ids;
pub mod limits;
pub mod order;
mod progress;
pub mod readiness;
pub mod refs;
mod rehearsal;
mod repair;
mod strategy;
pub mod team;
pub mod text;
mod time;
mod weights;

pub use elicitation::*;
pub use entities::*;
pub use examples::sample_plan;
pub use examples::{supplier_contract, templates, three_party, Template};
pub use find::Find;
pub use ids::{is_safe_id, PlanId};
pub use progress::{Phase, Step};
pub use rehearsal::*;
pub use repair::CheckError;
pub(crate) use strategy::lower_first;
pub use strategy::{
    add_contingent, describe_contingency, parse_chance, rating, Agreement, Contingency, Outcome,
    StrategySettings,
};
pub use team::Team;
pub use time::describe_age;
pub use weights::*;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// What the user settled on for the talks (the rest of the strategy is computed).
    #[serde(default, skip_serializing_if = "StrategySettings::is_empty")]
    pub strategy: StrategySettings,
    /// How the talks ended, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    /// Practice negotiations against a simulated counterpart (never part of `offers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rehearsals: Vec<Rehearsal>,
    /// The next number for a new entity id; ids are never reused within a plan.
    #[serde(default)]
    pub next_seq: u64,
    /// Teammates' views, the team's decisions and proposals (`model::team`). Absent for a
    /// plan prepared alone.
    #[serde(default, skip_serializing_if = "Team::is_empty")]
    pub team: Team,
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
            strategy: StrategySettings::default(),
            agreement: None,
            rehearsals: Vec::new(),
            next_seq: 1,
            team: Team::default(),
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
            contingent: None,
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
    pub fn display_title(&self) -> Cow<'_, str> {
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
    pub fn display_title(&self) -> Cow<'_, str> {
        display_title(&self.title)
    }
}

/// Shared by plans and summaries: whitespace-only titles show as "Untitled plan", and
/// control and direction characters are left out, so a title from a file or a link cannot
/// display as something else (see `text`). The stored title keeps what was typed.
pub fn display_title(title: &str) -> Cow<'_, str> {
    let shown = text::export_line(title);
    if shown.trim().is_empty() {
        Cow::Borrowed("Untitled plan")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests;
