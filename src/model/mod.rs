//! The plan model: plain data, no browser imports.

mod ids;
mod time;

pub use ids::PlanId;
pub use time::describe_age;

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, as the browser's `Date.now()` reports them.
pub type Millis = i64;

/// One negotiation plan. Steps of the workflow add their own fields in later schema versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    pub title: String,
    /// Free-text context: what the negotiation is about, deadlines, who is in the room.
    #[serde(default)]
    pub notes: String,
    pub created: Millis,
    pub updated: Millis,
}

impl Plan {
    pub fn new(id: PlanId, title: impl Into<String>, now: Millis) -> Self {
        Plan {
            id,
            title: title.into(),
            notes: String::new(),
            created: now,
            updated: now,
        }
    }

    /// The title to show: an empty title would make a plan impossible to find or click.
    pub fn display_title(&self) -> &str {
        display_title(&self.title)
    }

    /// A copy under a new id, titled so the user can tell it from the original.
    pub fn duplicate(&self, id: PlanId, now: Millis) -> Plan {
        Plan {
            id,
            title: format!("{} (copy)", self.display_title()),
            notes: self.notes.clone(),
            created: now,
            updated: now,
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

/// The plan a first start opens, so a new user sees what a plan looks like.
pub fn sample_plan(id: PlanId, now: Millis) -> Plan {
    let mut plan = Plan::new(id, "Example: a job offer", now);
    plan.notes = "Dana has an offer from a software company and wants to negotiate the \
package before signing. Her alternative is staying at her current job, which pays less \
but is fully remote. The hiring manager wants her to start within a month and has some \
room on salary, more on signing bonus, start date and remote days."
        .to_string();
    plan
}
