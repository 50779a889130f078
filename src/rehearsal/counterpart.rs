//! The simulated counterpart: its true preferences, how its aim moves over the rounds
//! (its style), which package it offers, and when it accepts or leaves.
//!
//! - **Aim.** The time-dependent styles aim at `u(t) = RV + (best − RV)·(1 − t^(1/e))` at
//!   `t = (round − 1)/(rounds − 1)`, with `best` its best package's value (GENIUS's tactic on
//!   the planner's 0–100 scale): e = 0.2 (tough) concedes late, e = 1 (steady) evenly, e = 2
//!   (accommodating) early. The mirror (relative tit-for-tat) starts at its best and, each
//!   round, closes the same share of the gap to its reservation value as the user's last
//!   offer closed of the gap to its best package (and widens it again when the user takes a
//!   concession back).
//! - **Offer.** Among the packages worth from its aim to [`WINDOW`] points more, the one it
//!   believes best for the user (by the frequency model of the user's offers; more value to
//!   itself on equal belief); with none in that window, the lowest worth at least its aim. A
//!   dynamic programme over the issues finds it without listing the packages (see
//!   [`Counterpart::pick`]).
//! - **Acceptance (AC_next).** It accepts an offer worth at least what it would offer next
//!   (in the last round, when nothing comes next: its aim), and never one below its
//!   reservation value.
//! - **Leaving.** In the last round it accepts or walks away (the deadline). A tough
//!   counterpart also leaves once [`TOUGH_PATIENCE`] offers in a row were below its
//!   reservation value. A counterpart with no package worth its reservation value leaves at
//!   once.

use super::{RehearsalError, Settings, Setup, Style};
use crate::analysis::opponent::{FrequencyModel, OpponentEstimate};
use crate::analysis::{vary, Model, Problem, SplitMix64};

/// Width of the band above its aim in which the counterpart looks for a package good for
/// the user (points on the 0–100 scale).
pub const WINDOW: f64 = 5.0;
/// Offers in a row below its reservation value a tough counterpart sits through.
pub const TOUGH_PATIENCE: u32 = 3;

/// The concession exponent of a time-dependent style (`None` for the mirror).
pub fn exponent(style: Style) -> Option<f64> {
    match style {
        Style::Tough => Some(0.2),
        Style::Steady => Some(1.0),
        Style::Accommodating => Some(2.0),
        Style::Mirror => None,
    }
}

/// A counterpart with its true preferences.
#[derive(Clone, Debug)]
pub struct Counterpart {
    pub style: Style,
    /// The true problem: party 0 is us (as the plan says), party 1 the counterpart as it
    /// really is. Names and labels as in the plan.
    pub truth: Problem,
    /// `truth` compiled.
    pub model: Model,
    /// Per issue, per option: its contribution to the counterpart's value (fixed point).
    contrib: Vec<Vec<i64>>,
    /// Its reservation value and its best package's value (fixed point).
    reservation: i64,
    best: i64,
}

/// What the counterpart does with the user's offer.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    Accept,
    Counter {
        package: Vec<usize>,
        /// Its last offer: the next round is the last one.
        last: bool,
    },
    WalkAway(Leave),
}

/// Why the counterpart leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    Deadline,
    BelowTooLong,
    NothingAcceptable,
}

/// A reply and what led to it (for its message).
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub decision: Decision,
    /// The user's offer is worth less to it than its reservation value.
    pub below: bool,
    /// How many of the user's offers in a row, this one included, were below it.
    pub below_streak: u32,
}

impl Counterpart {
    /// Draws the counterpart for a rehearsal: its preferences from the seed (unless
    /// `as_estimated`), its reservation value kept inside our estimated range.
    pub fn draw(setup: &Setup, settings: &Settings) -> Result<Counterpart, RehearsalError> {
        let mut truth = if settings.as_estimated {
            setup.problem.clone()
        } else {
            let mut rng = SplitMix64::new(settings.seed);
            vary(&setup.problem, &mut rng).map_err(RehearsalError::Problem)?
        };
        let (low, high) = setup.reservation_range;
        if let Some(p) = truth.parties.get_mut(1) {
            if !settings.as_estimated && low.is_finite() && high.is_finite() && low <= high {
                p.reservation = p.reservation.clamp(low, high);
            }
        }
        let (model, _) = truth.compile().map_err(RehearsalError::Problem)?;
        if model.parties() != 2 {
            return Err(RehearsalError::Problem(
                crate::analysis::ProblemError::TooManyParties(model.parties()),
            ));
        }
        let contrib: Vec<Vec<i64>> = (0..model.issues())
            .map(|i| {
                (0..model.option_count(i))
                    .map(|o| model.contrib_slice(i, o).get(1).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        let best = contrib
            .iter()
            .map(|c| c.iter().copied().max().unwrap_or(0))
            .sum();
        Ok(Counterpart {
            style: settings.style,
            reservation: model.reservations_fixed().get(1).copied().unwrap_or(0),
            truth,
            model,
            contrib,
            best,
        })
    }

    /// Its reservation value, 0–100.
    pub fn reservation(&self) -> f64 {
        self.model.from_fixed(self.reservation)
    }

    /// Its best package's value, 0–100.
    pub fn best(&self) -> f64 {
        self.model.from_fixed(self.best)
    }

    /// Its true value of a complete package (fixed point); `None` when it does not fit.
    pub fn value_fixed(&self, package: &[usize]) -> Option<i64> {
        if package.len() != self.contrib.len() {
            return None;
        }
        package
            .iter()
            .zip(&self.contrib)
            .map(|(&o, c)| c.get(o).copied())
            .sum()
    }

    /// Its true value of a package with possibly open issues; `None` unless complete.
    pub fn value_of(&self, package: &[Option<usize>]) -> Option<f64> {
        let complete: Option<Vec<usize>> = package.iter().copied().collect();
        self.value_fixed(&complete?)
            .map(|v| self.model.from_fixed(v))
    }

    /// What it aims at in `round` of `rounds`, given the user's offers so far (this
    /// round's included), 0–100. Never below its reservation value.
    pub fn aim(&self, round: u32, rounds: u32, user_offers: &[Vec<Option<usize>>]) -> f64 {
        let (rv, best) = (self.reservation(), self.best());
        if best <= rv {
            return rv;
        }
        match exponent(self.style) {
            Some(e) => {
                let t = if rounds <= 1 {
                    1.0
                } else {
                    (f64::from(round.max(1)) - 1.0) / (f64::from(rounds) - 1.0)
                };
                rv + (best - rv) * (1.0 - t.clamp(0.0, 1.0).powf(1.0 / e))
            }
            None => {
                // Relative tit-for-tat on the rooms left: the user's move closes a share of
                // the gap between its last offer and our best; we close that share of ours.
                let mut aim = best;
                let values: Vec<Option<f64>> =
                    user_offers.iter().map(|p| self.value_of(p)).collect();
                for w in values.windows(2) {
                    let (Some(before), Some(now)) = (w[0], w[1]) else {
                        continue;
                    };
                    let room = best - before;
                    if room <= 1e-9 {
                        continue;
                    }
                    let share = ((now - before) / room).clamp(-1.0, 1.0);
                    aim = if share >= 0.0 {
                        aim - share * (aim - rv)
                    } else {
                        aim + (-share) * (best - aim)
                    };
                }
                aim.clamp(rv, best)
            }
        }
    }

    /// The package it offers when aiming at `aim`, given what it believes the user values:
    /// the best for the user (by `belief`) among packages worth `aim` to `aim + WINDOW` to
    /// it, or else the lowest worth at least `aim`. `None` only when no package reaches the
    /// aim (its best is below it).
    ///
    /// A dynamic programme over the issues, on its own value in buckets (at most
    /// [`MAX_BUCKETS`] over 0–100): each bucket keeps the partial package the user is
    /// believed to like most and the one worth most to the counterpart, with exact values,
    /// so its best package always survives and every value compared is exact.
    pub fn pick(&self, aim: f64, belief: &OpponentEstimate) -> Option<Vec<usize>> {
        let n = self.contrib.len();
        let options: usize = self.contrib.iter().map(Vec::len).sum();
        // Bounded work and memory whatever the plan's size.
        let buckets = (20_000_000 / options.max(1))
            .min(200_000 / n.max(1))
            .clamp(50, MAX_BUCKETS);
        let width = (self.best.max(1) / buckets as i64).max(1);
        let slots = buckets + 1;
        let believed = |i: usize, o: usize| -> f64 {
            let w = belief.weights.get(i).copied().unwrap_or(0.0);
            let r = belief
                .ratings
                .get(i)
                .and_then(|r| r.get(o))
                .copied()
                .unwrap_or(0.0);
            w * r / 100.0
        };
        // layers[i][slot*2 + k]: state after issues 0..=i; k = 0 best for the user,
        // k = 1 best for the counterpart.
        let mut layers: Vec<Vec<Option<State>>> = Vec::with_capacity(n);
        let mut prev: Vec<Option<State>> = vec![None; slots * 2];
        prev[0] = Some(State {
            user: 0.0,
            own: 0,
            back: u32::MAX,
            option: 0,
        });
        for (i, contrib) in self.contrib.iter().enumerate() {
            let mut next: Vec<Option<State>> = vec![None; slots * 2];
            for (from, state) in prev.iter().enumerate() {
                let Some(s) = state else { continue };
                for (o, &c) in contrib.iter().enumerate() {
                    let cand = State {
                        user: s.user + believed(i, o),
                        own: s.own + c,
                        back: from as u32,
                        option: o as u32,
                    };
                    let slot = ((cand.own / width).max(0) as usize).min(buckets);
                    let a = &mut next[slot * 2];
                    if a.is_none_or(|a| cand.better_for_user(&a)) {
                        *a = Some(cand);
                    }
                    let b = &mut next[slot * 2 + 1];
                    if b.is_none_or(|b| cand.better_for_self(&b)) {
                        *b = Some(cand);
                    }
                }
            }
            layers.push(std::mem::replace(&mut prev, next));
        }
        let aim_fixed = self.model.to_fixed(aim) - self.model.tolerance_fixed();
        let top = self.model.to_fixed(aim + WINDOW);
        let finals: Vec<State> = prev
            .iter()
            .flatten()
            .copied()
            .filter(|s| s.own >= aim_fixed)
            .collect();
        let in_window = finals
            .iter()
            .filter(|s| s.own <= top)
            .max_by(|a, b| order_for_user(a, b));
        let chosen = in_window.or_else(|| {
            finals
                .iter()
                .min_by(|a, b| a.own.cmp(&b.own).then_with(|| order_for_user(b, a)))
        })?;
        // Walk the back-references from the last issue to the first; `layers[i]` holds the
        // states before issue `i`.
        let mut package = vec![0usize; n];
        let mut state = *chosen;
        for i in (0..n).rev() {
            package[i] = state.option as usize;
            if i > 0 {
                state = layers[i].get(state.back as usize).copied().flatten()?;
            }
        }
        Some(package)
    }

    /// The reply to the user's latest offer (the last of `user_offers`) in `round` of
    /// `rounds`, with the frequency model of all the user's offers so far.
    pub fn reply(&self, round: u32, rounds: u32, user_offers: &[Vec<Option<usize>>]) -> Reply {
        let offer = user_offers.last().cloned().unwrap_or_default();
        let value = self.value_of(&offer).map(|v| self.model.to_fixed(v));
        let below_of = |p: &Vec<Option<usize>>| {
            self.value_of(p).is_some_and(|v| {
                self.model.to_fixed(v) < self.reservation - self.model.tolerance_fixed()
            })
        };
        let below = below_of(&offer);
        let below_streak = user_offers.iter().rev().take_while(|p| below_of(p)).count() as u32;
        let reply = |decision| Reply {
            decision,
            below,
            below_streak,
        };
        if self.best < self.reservation - self.model.tolerance_fixed() {
            return reply(Decision::WalkAway(Leave::NothingAcceptable));
        }
        let aim = self.aim(round, rounds, user_offers);
        let belief = self.belief(user_offers);
        let planned = self.pick(aim, &belief);
        // AC_next: what it would offer next is its planned package; in the last round no
        // package comes next, and it settles for its aim.
        let next = if round >= rounds {
            Some(self.model.to_fixed(aim))
        } else {
            planned.as_deref().and_then(|p| self.value_fixed(p))
        };
        if let (Some(v), Some(next)) = (value, next) {
            if v >= next - self.model.tolerance_fixed()
                && v >= self.reservation - self.model.tolerance_fixed()
            {
                return reply(Decision::Accept);
            }
        }
        if round >= rounds {
            return reply(Decision::WalkAway(Leave::Deadline));
        }
        if self.style == Style::Tough && below_streak >= TOUGH_PATIENCE {
            return reply(Decision::WalkAway(Leave::BelowTooLong));
        }
        match planned {
            Some(package) => reply(Decision::Counter {
                package,
                last: round + 1 >= rounds,
            }),
            None => reply(Decision::WalkAway(Leave::NothingAcceptable)),
        }
    }

    /// What it believes the user values, from the user's offers (the planner's one
    /// frequency model).
    pub fn belief(&self, user_offers: &[Vec<Option<usize>>]) -> OpponentEstimate {
        let counts: Vec<usize> = self.contrib.iter().map(Vec::len).collect();
        let mut model = FrequencyModel::new(&counts);
        for offer in user_offers {
            // An offer that does not fit (a stored one whose plan changed) teaches nothing.
            let _ = model.observe_partial(offer);
        }
        model.estimate()
    }
}

/// Most buckets of the counterpart's value in [`Counterpart::pick`] (0.05 points each).
pub const MAX_BUCKETS: usize = 2_000;

/// A partial package in the dynamic programme.
#[derive(Clone, Copy, Debug)]
struct State {
    /// Believed value to the user so far.
    user: f64,
    /// Value to the counterpart so far (fixed point, exact).
    own: i64,
    /// Index of the previous state (`u32::MAX` for the start).
    back: u32,
    option: u32,
}

impl State {
    fn better_for_user(&self, other: &State) -> bool {
        order_for_user(self, other) == std::cmp::Ordering::Greater
    }

    fn better_for_self(&self, other: &State) -> bool {
        self.own > other.own || (self.own == other.own && self.user > other.user + 1e-12)
    }
}

/// More believed value to the user first, then more to the counterpart. Believed values
/// within 1e-9 are equal, so rounding noise does not decide.
fn order_for_user(a: &State, b: &State) -> std::cmp::Ordering {
    if (a.user - b.user).abs() > 1e-9 {
        a.user.total_cmp(&b.user)
    } else {
        a.own.cmp(&b.own)
    }
}

#[cfg(test)]
mod tests;
