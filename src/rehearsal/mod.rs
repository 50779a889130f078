//! Rehearsal: the user negotiates against a counterpart simulated from the plan, then reads
//! a debrief (`shared/docs/method.md`, "Rehearsal against a simulated counterpart"). Pure,
//! std only (plus the engine), no panics on any input; tested natively.
//!
//! # Flow
//! 1. [`bridge::Bridge::new`] takes a plan's two sides (the user's "us" and one
//!    counterpart; other parties are left out) into a [`Setup`]: a two-party engine
//!    [`Problem`] with our estimates of the counterpart.
//! 2. [`Simulation::new`] draws the [`counterpart::Counterpart`]'s true preferences within
//!    the confidence of those estimates, with the sensitivity analysis's variation model
//!    ([`crate::analysis::vary`]), unless the user asked for "exactly as estimated".
//! 3. The user offers, accepts or walks away; each offer gets a reply (accept, counter-offer
//!    or walk away) with a message derived from the move ([`words`]). The counterpart learns
//!    what the user values from the user's offers with the one frequency model of the
//!    planner ([`crate::analysis::opponent`]).
//! 4. [`debrief::debrief`] reveals the counterpart and reads the exchange: the result
//!    against the frontier and the Nash point, the user's pattern, and three lessons.
//!
//! # Reproducible
//! Everything random comes from the seed: the counterpart's preferences (one stream), and
//! the style when the user asked for a surprise (another). Given the seed, the settings and
//! the user's moves, every reply is the same. A [`Simulation`] holds no hidden state: it is
//! rebuilt from the moves so far ([`Simulation::resume`]), which is how a stored rehearsal
//! continues after a reload.

pub mod bridge;
pub mod counterpart;
pub mod curves;
pub mod debrief;
mod lessons;
mod run;
pub mod view;
pub mod words;

pub use run::Simulation;

use crate::analysis::{Problem, ProblemError, SplitMix64};
pub use crate::model::{MoveKind, Side, Style};
use std::fmt;

/// The fewest and most rounds a rehearsal can have, and the default.
pub const MIN_ROUNDS: u32 = 2;
pub const MAX_ROUNDS: u32 = 30;
pub const DEFAULT_ROUNDS: u32 = 10;

/// The plan's two sides as the engine sees them: party 0 is the user ("us", known exactly),
/// party 1 the counterpart as we estimate it (with confidences).
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub problem: Problem,
    /// Our estimated range of the counterpart's reservation value (low, high): a drawn
    /// reservation value stays inside it.
    pub reservation_range: (f64, f64),
}

/// What the user chose at the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub seed: u64,
    /// The style played (see [`surprise_style`] for "surprise me").
    pub style: Style,
    /// The counterpart's preferences are exactly our estimates.
    pub as_estimated: bool,
    /// Rounds; one round is an offer from each side. Clamped to
    /// [`MIN_ROUNDS`]..=[`MAX_ROUNDS`].
    pub rounds: u32,
}

impl Settings {
    /// The number of rounds, within bounds.
    pub fn rounds(&self) -> u32 {
        self.rounds.clamp(MIN_ROUNDS, MAX_ROUNDS)
    }
}

/// The style a "surprise me" rehearsal plays: drawn from the seed, on a stream of its own
/// so the counterpart's preferences do not depend on it.
pub fn surprise_style(seed: u64) -> Style {
    let mut rng = SplitMix64::new(seed ^ 0x5e1f_c0de_a11c_e5ed);
    Style::ALL[(rng.next_u64() % Style::ALL.len() as u64) as usize]
}

/// One move of the exchange, on option indices. A package may have open issues
/// (`None`) only when it comes from a stored rehearsal whose plan has since lost an option.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    pub by: Side,
    pub kind: MoveKind,
    /// The package offered; empty for an acceptance or a walk-away.
    pub package: Vec<Option<usize>>,
    /// What the counterpart said (empty for the user's moves).
    pub message: String,
}

impl Move {
    /// The offered package when every issue has an option.
    pub fn complete(&self) -> Option<Vec<usize>> {
        if self.kind != MoveKind::Offer || self.package.is_empty() {
            return None;
        }
        self.package.iter().copied().collect()
    }
}

/// Why a rehearsal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// The user accepted the counterpart's offer.
    YouAccepted,
    /// The counterpart accepted the user's offer.
    TheyAccepted,
    /// The user walked away.
    YouWalkedAway,
    /// The last round passed without an acceptable offer.
    Deadline,
    /// A tough counterpart left after the user's offers stayed below its reservation value.
    BelowTooLong,
    /// No package is worth the counterpart's reservation value: it cannot offer anything.
    NothingAcceptable,
}

/// How a rehearsal ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Ending {
    pub reason: EndReason,
    /// The round it ended in (1-based).
    pub round: u32,
    /// The agreed package, with an agreement.
    pub deal: Option<Vec<usize>>,
}

impl Ending {
    pub fn agreed(&self) -> bool {
        self.deal.is_some()
    }

    /// The side that ended it.
    pub fn by(&self) -> Side {
        match self.reason {
            EndReason::YouAccepted | EndReason::YouWalkedAway => Side::Us,
            _ => Side::Them,
        }
    }
}

/// Why a rehearsal cannot start or a move cannot be made, in plain words.
#[derive(Clone, Debug, PartialEq)]
pub enum RehearsalError {
    /// The plan cannot be simulated yet (the engine's reason).
    Problem(ProblemError),
    /// A side of the rehearsal is not (or no longer) a party of the plan.
    NoSuchParty,
    /// The user and the counterpart are the same party.
    SameParty,
    /// A move after the end.
    Over,
    /// The package does not pick one existing option for every issue.
    BadPackage,
    /// The rehearsal is not (or no longer) in the plan.
    NoSuchRehearsal,
    /// Accepting before the counterpart has offered (or its offer names options that no
    /// longer exist).
    NothingToAccept,
}

impl fmt::Display for RehearsalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RehearsalError::Problem(e) => write!(
                f,
                "The plan is not ready for practice ({e}). Fill in both sides' weights and \
                 ratings in the Evaluate step."
            ),
            RehearsalError::NoSuchParty => write!(
                f,
                "One side of this rehearsal is no longer a party of the plan."
            ),
            RehearsalError::NoSuchRehearsal => {
                write!(f, "This rehearsal is no longer in the plan.")
            }
            RehearsalError::SameParty => write!(f, "Choose a counterpart other than yourself."),
            RehearsalError::Over => write!(f, "This rehearsal has ended."),
            RehearsalError::BadPackage => {
                write!(
                    f,
                    "Pick one option for every issue before sending the offer."
                )
            }
            RehearsalError::NothingToAccept => {
                write!(f, "There is no offer of theirs to accept yet.")
            }
        }
    }
}

impl std::error::Error for RehearsalError {}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
