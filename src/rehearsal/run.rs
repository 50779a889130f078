//! A rehearsal in progress: the exchange so far and what each move does. Nothing is kept
//! but the moves: the round, the counterpart's aim, its belief and the ending are read from
//! them, so a stored rehearsal resumes exactly where it stopped.

use super::counterpart::{Counterpart, Decision, Leave};
use super::{words, EndReason, Ending, Move, MoveKind, RehearsalError, Settings, Setup, Side};
use crate::analysis::Model;

/// A rehearsal: the counterpart, the exchange, and how it ended (once it has).
#[derive(Clone, Debug)]
pub struct Simulation {
    pub setup: Setup,
    pub settings: Settings,
    /// Our estimates compiled (party 0 us, party 1 the counterpart as estimated): the
    /// values the user sees while negotiating.
    pub known: Model,
    pub counterpart: Counterpart,
    moves: Vec<Move>,
    ending: Option<Ending>,
}

impl Simulation {
    /// A new rehearsal: the counterpart drawn, no move yet.
    pub fn new(setup: Setup, settings: Settings) -> Result<Simulation, RehearsalError> {
        Simulation::resume(setup, settings, Vec::new())
    }

    /// A rehearsal with the moves made so far (a stored one). The moves are taken as they
    /// were made; how it ended is read from the last one.
    pub fn resume(
        setup: Setup,
        settings: Settings,
        moves: Vec<Move>,
    ) -> Result<Simulation, RehearsalError> {
        let (known, _) = setup.problem.compile().map_err(RehearsalError::Problem)?;
        let counterpart = Counterpart::draw(&setup, &settings)?;
        let mut sim = Simulation {
            setup,
            settings,
            known,
            counterpart,
            moves: Vec::new(),
            ending: None,
        };
        for m in moves {
            sim.ending = sim.ending_after(&m);
            sim.moves.push(m);
            if sim.ending.is_some() {
                break;
            }
        }
        Ok(sim)
    }

    /// The ending a move brings, read from the move itself.
    fn ending_after(&self, m: &Move) -> Option<Ending> {
        let round = self.round();
        let reason = match (m.by, m.kind) {
            (_, MoveKind::Offer) => return None,
            (Side::Us, MoveKind::Accept) => EndReason::YouAccepted,
            (Side::Them, MoveKind::Accept) => EndReason::TheyAccepted,
            (Side::Us, MoveKind::WalkAway) => EndReason::YouWalkedAway,
            (Side::Them, MoveKind::WalkAway) => {
                if self.counterpart.best() < self.counterpart.reservation() - 1e-9 {
                    EndReason::NothingAcceptable
                } else if round >= self.settings.rounds() {
                    EndReason::Deadline
                } else {
                    EndReason::BelowTooLong
                }
            }
        };
        let deal = match reason {
            EndReason::YouAccepted => self.last_offer(Side::Them).and_then(|m| m.complete()),
            EndReason::TheyAccepted => self.last_offer(Side::Us).and_then(|m| m.complete()),
            _ => None,
        };
        Some(Ending {
            reason,
            round,
            deal,
        })
    }

    /// The moves so far, in order.
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// How it ended; `None` while it goes on.
    pub fn ending(&self) -> Option<&Ending> {
        self.ending.as_ref()
    }

    /// The current round (1-based): one more than the counterpart's offers so far.
    pub fn round(&self) -> u32 {
        let theirs = self
            .moves
            .iter()
            .filter(|m| m.by == Side::Them && m.kind == MoveKind::Offer)
            .count();
        theirs as u32 + 1
    }

    /// The last offer a side made.
    pub fn last_offer(&self, side: Side) -> Option<&Move> {
        self.moves
            .iter()
            .rev()
            .find(|m| m.by == side && m.kind == MoveKind::Offer)
    }

    /// The user's offers so far, in order.
    pub fn user_offers(&self) -> Vec<Vec<Option<usize>>> {
        self.moves
            .iter()
            .filter(|m| m.by == Side::Us && m.kind == MoveKind::Offer)
            .map(|m| m.package.clone())
            .collect()
    }

    /// Whether the user can accept the counterpart's last offer now.
    pub fn can_accept(&self) -> bool {
        self.ending.is_none()
            && self
                .last_offer(Side::Them)
                .and_then(Move::complete)
                .is_some()
    }

    /// The user offers a package; the counterpart replies at once.
    pub fn offer(&mut self, package: &[usize]) -> Result<&Move, RehearsalError> {
        if self.ending.is_some() {
            return Err(RehearsalError::Over);
        }
        self.known
            .check_package(package)
            .map_err(|_| RehearsalError::BadPackage)?;
        let round = self.round();
        let rounds = self.settings.rounds();
        let ours = Move {
            by: Side::Us,
            kind: MoveKind::Offer,
            package: package.iter().copied().map(Some).collect(),
            message: String::new(),
        };
        self.moves.push(ours);
        let user_offers = self.user_offers();
        let reply = self.counterpart.reply(round, rounds, &user_offers);
        let previous = self
            .last_offer(Side::Them)
            .and_then(Move::complete)
            .filter(|p| p.len() == package.len());
        let message = words::reply_message(
            &self.counterpart,
            &reply,
            package,
            previous.as_deref(),
            rounds,
        );
        let theirs = match &reply.decision {
            Decision::Accept => Move {
                by: Side::Them,
                kind: MoveKind::Accept,
                package: Vec::new(),
                message,
            },
            Decision::Counter { package, .. } => Move {
                by: Side::Them,
                kind: MoveKind::Offer,
                package: package.iter().copied().map(Some).collect(),
                message,
            },
            Decision::WalkAway(_) => Move {
                by: Side::Them,
                kind: MoveKind::WalkAway,
                package: Vec::new(),
                message,
            },
        };
        self.ending = match reply.decision {
            Decision::Accept => Some(Ending {
                reason: EndReason::TheyAccepted,
                round,
                deal: Some(package.to_vec()),
            }),
            Decision::WalkAway(why) => Some(Ending {
                reason: match why {
                    Leave::Deadline => EndReason::Deadline,
                    Leave::BelowTooLong => EndReason::BelowTooLong,
                    Leave::NothingAcceptable => EndReason::NothingAcceptable,
                },
                round,
                deal: None,
            }),
            Decision::Counter { .. } => None,
        };
        self.moves.push(theirs);
        Ok(self.moves.last().expect("just pushed"))
    }

    /// The user accepts the counterpart's last offer.
    pub fn accept(&mut self) -> Result<(), RehearsalError> {
        if self.ending.is_some() {
            return Err(RehearsalError::Over);
        }
        let deal = self
            .last_offer(Side::Them)
            .and_then(Move::complete)
            .ok_or(RehearsalError::NothingToAccept)?;
        self.ending = Some(Ending {
            reason: EndReason::YouAccepted,
            round: self.round(),
            deal: Some(deal),
        });
        self.moves.push(Move {
            by: Side::Us,
            kind: MoveKind::Accept,
            package: Vec::new(),
            message: String::new(),
        });
        Ok(())
    }

    /// The user leaves the table.
    pub fn walk_away(&mut self) -> Result<(), RehearsalError> {
        if self.ending.is_some() {
            return Err(RehearsalError::Over);
        }
        self.ending = Some(Ending {
            reason: EndReason::YouWalkedAway,
            round: self.round(),
            deal: None,
        });
        self.moves.push(Move {
            by: Side::Us,
            kind: MoveKind::WalkAway,
            package: Vec::new(),
            message: String::new(),
        });
        Ok(())
    }

    /// A package's value to us and to the counterpart as we estimate it (what the user
    /// knows while negotiating); `None` when the package does not fit.
    pub fn known_values(&self, package: &[usize]) -> Option<(f64, f64)> {
        let v = self.known.value(package).ok()?;
        Some((*v.first()?, *v.get(1)?))
    }

    /// A package's value to us and to the counterpart as it really is.
    pub fn true_values(&self, package: &[usize]) -> Option<(f64, f64)> {
        let v = self.counterpart.model.value(package).ok()?;
        Some((*v.first()?, *v.get(1)?))
    }

    /// The result to keep with the plan, once it has ended.
    pub fn result(&self) -> Option<crate::model::RehearsalResult> {
        let ending = self.ending.as_ref()?;
        let (ours, theirs) = ending
            .deal
            .as_deref()
            .and_then(|d| self.true_values(d))
            .unwrap_or((0.0, 0.0));
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        Some(crate::model::RehearsalResult {
            agreed: ending.agreed(),
            ended_by: ending.by(),
            round: ending.round,
            ours: finite(ours),
            theirs: finite(theirs),
        })
    }
}
