//! A practice negotiation kept with the plan: the seed and settings that make it
//! reproducible, every move of both sides, and the result. Kept apart from the plan's offer
//! log (`Plan::offers`), which records the real negotiation.
//!
//! Moves name issues and options by id. A rehearsal is history: when an option or a party
//! is later removed from the plan, the rehearsal keeps its moves as they were made, and
//! readers skip what no longer exists.

use super::{IssueId, Millis, OptionId, PartyId, RehearsalId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the simulated counterpart concedes (`rehearsal::counterpart` implements them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Concedes late (time-dependent, e = 0.2).
    Tough,
    /// Concedes at an even pace (e = 1).
    #[default]
    Steady,
    /// Concedes early (e = 2).
    Accommodating,
    /// Reciprocates the user's concessions (relative tit-for-tat).
    Mirror,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Tough,
        Style::Steady,
        Style::Accommodating,
        Style::Mirror,
    ];
}

/// Who made a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The user (the plan's "us").
    Us,
    /// The simulated counterpart.
    Them,
}

/// What a move was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Offer,
    /// Accepts the other side's last offer: the rehearsal ends in agreement.
    Accept,
    /// Leaves the table: the rehearsal ends without agreement.
    WalkAway,
}

/// One move of a rehearsal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RehearsalMove {
    pub by: Side,
    pub kind: MoveKind,
    /// The package offered (offers only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<IssueId, OptionId>,
    /// What the counterpart said with its move (the counterpart's moves only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// How a finished rehearsal ended, with the values at the time (so the list reads the same
/// after the plan changes).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RehearsalResult {
    pub agreed: bool,
    /// Who ended it: the side that accepted or walked away.
    pub ended_by: Side,
    /// The round it ended in (1-based).
    pub round: u32,
    /// The deal's value to us (0 without agreement).
    pub ours: f64,
    /// The deal's true value to the counterpart (0 without agreement).
    pub theirs: f64,
}

/// A rehearsal against a counterpart simulated from the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rehearsal {
    pub id: RehearsalId,
    /// When it started.
    pub at: Millis,
    /// The side the user played (the plan's "us" at the time).
    pub you: PartyId,
    pub counterpart: PartyId,
    /// Makes the counterpart's preferences and choices reproducible.
    pub seed: u64,
    /// The style played (drawn from the seed when `surprise`).
    pub style: Style,
    /// The user asked for a surprise: the style stays hidden until the debrief.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub surprise: bool,
    /// The counterpart's preferences are exactly our estimates (no draw).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub as_estimated: bool,
    /// The number of rounds; one round is an offer from each side.
    pub rounds: u32,
    #[serde(default)]
    pub moves: Vec<RehearsalMove>,
    /// Set when it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<RehearsalResult>,
}
