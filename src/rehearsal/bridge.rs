//! From a plan to a rehearsal and back: the two sides as a [`Setup`], a kept
//! [`Rehearsal`] record as moves on option indices, and the moves back as plan ids.
//!
//! The step calls these inside one `PlanSession::edit`, so every move of a rehearsal is one
//! undoable step and is saved with the plan (in `Plan::rehearsals`, never in the offer log).

use super::{surprise_style, Move, RehearsalError, Settings, Setup, Simulation, Style};
use crate::analysis::plan::PlanProblem;
use crate::analysis::Problem;
use crate::model::{Millis, MoveKind, PartyId, Plan, Rehearsal, RehearsalId, RehearsalMove};
use std::collections::BTreeMap;

/// A plan's two sides of a rehearsal, with the ids to map packages back.
#[derive(Clone, Debug, PartialEq)]
pub struct Bridge {
    pub setup: Setup,
    /// The plan as the engine sees it (every party), for ids and package values.
    pub plan_problem: PlanProblem,
    /// The user's and the counterpart's positions among the plan's parties.
    pub you: usize,
    pub counterpart: usize,
}

impl Bridge {
    /// The rehearsal of `you` against `counterpart`; the plan's other parties are left out.
    pub fn new(
        plan: &Plan,
        you: &PartyId,
        counterpart: &PartyId,
    ) -> Result<Bridge, RehearsalError> {
        if you == counterpart {
            return Err(RehearsalError::SameParty);
        }
        let pos = |id: &PartyId| plan.parties.iter().position(|p| &p.id == id);
        let (Some(u), Some(c)) = (pos(you), pos(counterpart)) else {
            return Err(RehearsalError::NoSuchParty);
        };
        let pp = PlanProblem::from_plan(plan);
        let full = &pp.problem;
        let pick = |k: usize| full.parties.get(k).cloned();
        let (Some(pu), Some(pc)) = (pick(u), pick(c)) else {
            return Err(RehearsalError::NoSuchParty);
        };
        let mut problem = Problem {
            parties: vec![pu, pc],
            issues: full.issues.clone(),
            us: Some(0),
        };
        for issue in &mut problem.issues {
            let (Some(eu), Some(ec)) = (issue.evaluations.get(u), issue.evaluations.get(c)) else {
                return Err(RehearsalError::NoSuchParty);
            };
            issue.evaluations = vec![eu.clone(), ec.clone()];
        }
        // We know our own preferences: only the counterpart is an estimate.
        problem.parties[0].reservation_confidence = 1.0;
        for issue in &mut problem.issues {
            issue.evaluations[0].weight_confidence = 1.0;
            issue.evaluations[0].rating_confidence = 1.0;
        }
        problem.validate().map_err(RehearsalError::Problem)?;
        let r = plan.parties[c].reservation;
        Ok(Bridge {
            setup: Setup {
                problem,
                reservation_range: (r.low.min(r.value), r.high.max(r.value)),
            },
            plan_problem: pp,
            you: u,
            counterpart: c,
        })
    }

    /// The bridge of a kept rehearsal (its sides as they are in the plan now).
    pub fn of(plan: &Plan, record: &Rehearsal) -> Result<Bridge, RehearsalError> {
        Bridge::new(plan, &record.you, &record.counterpart)
    }

    /// A record's moves on option indices (options no longer in the plan become open).
    pub fn moves(&self, record: &Rehearsal) -> Vec<Move> {
        record
            .moves
            .iter()
            .map(|m| Move {
                by: m.by,
                kind: m.kind,
                package: if m.kind == MoveKind::Offer {
                    self.indices(&m.choices)
                } else {
                    Vec::new()
                },
                message: m.message.clone(),
            })
            .collect()
    }

    /// Plan choices as option indices, issue by issue of the setup.
    pub fn indices(
        &self,
        choices: &BTreeMap<crate::model::IssueId, crate::model::OptionId>,
    ) -> Vec<Option<usize>> {
        let package =
            crate::model::Package::new(crate::model::PackageId(String::new()), "", choices.clone());
        self.plan_problem.package_indices(&package)
    }

    /// Moves back as plan ids.
    pub fn record_moves(&self, moves: &[Move]) -> Vec<RehearsalMove> {
        moves
            .iter()
            .map(|m| RehearsalMove {
                by: m.by,
                kind: m.kind,
                choices: m
                    .complete()
                    .map(|p| self.plan_problem.choices(&p))
                    .unwrap_or_default(),
                message: m.message.clone(),
            })
            .collect()
    }

    /// The settings a record was made with.
    pub fn settings(record: &Rehearsal) -> Settings {
        Settings {
            seed: record.seed,
            style: record.style,
            as_estimated: record.as_estimated,
            rounds: record.rounds,
        }
    }

    /// A kept rehearsal resumed: its counterpart drawn again from the seed and its moves
    /// as they were made.
    pub fn resume(&self, record: &Rehearsal) -> Result<Simulation, RehearsalError> {
        Simulation::resume(
            self.setup.clone(),
            Bridge::settings(record),
            self.moves(record),
        )
    }
}

/// What the user chose on the step before starting.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    pub counterpart: PartyId,
    /// `None` for "surprise me".
    pub style: Option<Style>,
    pub as_estimated: bool,
    pub rounds: u32,
    pub seed: u64,
}

/// Starts a rehearsal in the plan: a new record with no move yet. The counterpart is
/// drawn (and checked) first, so a plan that cannot be simulated gets an error and no
/// record.
pub fn start(plan: &mut Plan, start: &Start, now: Millis) -> Result<RehearsalId, RehearsalError> {
    let you = plan.us().cloned().ok_or(RehearsalError::NoSuchParty)?;
    let bridge = Bridge::new(plan, &you, &start.counterpart)?;
    let style = start.style.unwrap_or_else(|| surprise_style(start.seed));
    let settings = Settings {
        seed: start.seed,
        style,
        as_estimated: start.as_estimated,
        rounds: start.rounds,
    };
    Simulation::new(bridge.setup.clone(), settings)?;
    let id = RehearsalId::from_seq(plan.take_seq());
    plan.rehearsals.push(Rehearsal {
        id: id.clone(),
        at: now,
        you,
        counterpart: start.counterpart.clone(),
        seed: start.seed,
        style,
        surprise: start.style.is_none(),
        as_estimated: start.as_estimated,
        rounds: settings.rounds(),
        moves: Vec::new(),
        result: None,
    });
    Ok(id)
}

/// The user's move in a rehearsal kept in the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum UserMove {
    /// Offer a package, given as plan choices (one option per issue).
    Offer(BTreeMap<crate::model::IssueId, crate::model::OptionId>),
    Accept,
    WalkAway,
}

/// The rehearsal `id` after the user's move, with the counterpart's reply (and the result,
/// when it ends). The plan is not changed: the step checks the move first, then makes it
/// one undoable edit with [`play`].
pub fn after_move(
    plan: &Plan,
    id: &RehearsalId,
    user: &UserMove,
) -> Result<Rehearsal, RehearsalError> {
    let record = plan
        .rehearsals
        .iter()
        .find(|r| &r.id == id)
        .ok_or(RehearsalError::NoSuchRehearsal)?;
    if record.result.is_some() {
        return Err(RehearsalError::Over);
    }
    let bridge = Bridge::of(plan, record)?;
    let mut sim = bridge.resume(record)?;
    match user {
        UserMove::Offer(choices) => {
            let package: Option<Vec<usize>> = bridge.indices(choices).into_iter().collect();
            sim.offer(&package.ok_or(RehearsalError::BadPackage)?)?;
        }
        UserMove::Accept => sim.accept()?,
        UserMove::WalkAway => sim.walk_away()?,
    }
    let mut next = record.clone();
    // Stored moves stay as they were made; only the new ones are added.
    let kept = next.moves.len();
    next.moves
        .extend(bridge.record_moves(sim.moves()).into_iter().skip(kept));
    next.result = sim.result();
    Ok(next)
}

/// Makes the user's move in the rehearsal `id` of the plan. Nothing changes on an error.
pub fn play(plan: &mut Plan, id: &RehearsalId, user: &UserMove) -> Result<(), RehearsalError> {
    let next = after_move(plan, id, user)?;
    if let Some(record) = plan.rehearsals.iter_mut().find(|r| &r.id == id) {
        *record = next;
    }
    Ok(())
}
