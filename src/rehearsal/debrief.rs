//! The debrief of a rehearsal: what happened, what was possible, who the counterpart
//! really was, the user's pattern, and three lessons drawn from those figures.
//!
//! Two outcome spaces are read. The *true* one (us against the counterpart as drawn)
//! judges the result: the joint value left on the table, the improvement with the fewest
//! changes (the engine's `improve`), the Nash point. The *known* one (us against our
//! estimates) judges the user's offers, because that is what the user could see: an offer
//! off that frontier was a mistake at the time, whatever the counterpart turned out to be.
//!
//! [`Figures`] holds the numbers (tested); [`Debrief`] adds the sentences the step shows.

use super::curves::{concession_svg, Curves};
use super::lessons::lessons;
use super::words::{describe_complete, style_name};
use super::{EndReason, MoveKind, Side, Simulation};
use crate::analysis::explain::{improvement, list, signed};
use crate::analysis::problem::dominates_fixed;
use crate::analysis::{
    analyze, improve, Analysis, FrontierOptions, ImproveOptions, ImproveOutcome,
};

/// One of the user's offers, as the debrief reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferFigures {
    pub round: u32,
    pub package: Vec<usize>,
    /// Its value to us.
    pub ours: f64,
    /// Its true value to the counterpart.
    pub theirs: f64,
    /// Joint value (by our estimates) a package better for both would have added; 0 on
    /// the known frontier.
    pub below_frontier: f64,
}

/// A concession of the user: an offer worth less to us than the one before.
#[derive(Clone, Debug, PartialEq)]
pub struct Concession {
    pub round: u32,
    /// How much of our value it gave up.
    pub gave: f64,
    /// How much their reply moved toward us (our value of their offer against their
    /// previous one); `None` when they accepted or left.
    pub got: Option<f64>,
    pub accepted: bool,
}

impl Concession {
    /// Whether it bought something: they accepted, or their next offer was better for us.
    pub fn bought(&self) -> bool {
        self.accepted || self.got.is_some_and(|g| g > 0.05)
    }
}

/// The debrief's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub reason: Option<EndReason>,
    pub round: u32,
    pub rounds: u32,
    pub deal: Option<Vec<usize>>,
    /// The deal's value to us and its true value to them.
    pub ours: Option<f64>,
    pub theirs: Option<f64>,
    pub our_batna: f64,
    /// Our best package's value.
    pub our_best: f64,
    /// The counterpart: estimated and true weights (per issue, summing to 100), ratings,
    /// reservation values.
    pub estimated_weights: Vec<f64>,
    pub true_weights: Vec<f64>,
    pub estimated_ratings: Vec<Vec<f64>>,
    pub true_ratings: Vec<Vec<f64>>,
    pub estimated_reservation: f64,
    pub estimated_range: (f64, f64),
    pub true_reservation: f64,
    /// Whether some package was worth its reservation value to both sides (truly).
    pub zopa: bool,
    /// The true Nash point's package and values (ours, theirs).
    pub nash: Option<(Vec<usize>, f64, f64)>,
    /// Joint value left on the table by the deal (0 on the true frontier).
    pub left_on_table: Option<f64>,
    /// The improvement with the fewest changes, as a sentence.
    pub improvement: Option<String>,
    pub offers: Vec<OfferFigures>,
    pub concessions: Vec<Concession>,
    pub curves: Curves,
}

/// A row of the "counterpart revealed" table.
#[derive(Clone, Debug, PartialEq)]
pub struct RevealedRow {
    pub what: String,
    pub estimated: String,
    pub actual: String,
}

/// Everything the debrief shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Debrief {
    pub figures: Figures,
    pub seed: u64,
    /// "They played Mirror (a surprise): …"
    pub style: String,
    pub result: Vec<String>,
    pub frontier: Vec<String>,
    pub revealed: Vec<RevealedRow>,
    pub revealed_words: Vec<String>,
    pub first_offer: String,
    pub concessions: Vec<String>,
    pub off_frontier: String,
    /// The concession curves as SVG text.
    pub curves_svg: String,
    pub lessons: Vec<String>,
}

/// Joint value a frontier point dominating `values` adds at most (0 when none does).
fn left_by(analysis: &Analysis, values: &[i64]) -> f64 {
    let joint: i64 = values.iter().sum();
    let f = &analysis.frontier;
    (0..f.len())
        .map(|k| f.values_fixed(k))
        .filter(|v| dominates_fixed(v, values))
        .map(|v| v.iter().sum::<i64>() - joint)
        .max()
        .map_or(0.0, |v| analysis.model.from_fixed(v))
}

/// The figures of a rehearsal (finished or not).
pub fn figures(sim: &Simulation) -> Figures {
    let truth = &sim.counterpart.model;
    let known = &sim.known;
    let options = FrontierOptions::default();
    let true_analysis = analyze(&sim.counterpart.truth, &options).ok();
    let known_analysis = analyze(&sim.setup.problem, &options).ok();
    let ending = sim.ending();
    let deal = ending.and_then(|e| e.deal.clone());
    let values = |p: &[usize]| sim.true_values(p);
    let issues = known.issues();

    // Rounds of the moves; offers of each side.
    let mut round = 1u32;
    let mut ours_offers: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut replies: Vec<(u32, Option<Vec<usize>>, MoveKind)> = Vec::new();
    for m in sim.moves() {
        match (m.by, m.kind) {
            (Side::Us, MoveKind::Offer) => {
                if let Some(p) = m.complete() {
                    ours_offers.push((round, p));
                }
            }
            (Side::Them, kind) => {
                replies.push((round, m.complete(), kind));
                if kind == MoveKind::Offer {
                    round += 1;
                }
            }
            _ => {}
        }
    }

    let offers: Vec<OfferFigures> = ours_offers
        .iter()
        .filter_map(|(r, p)| {
            let (ours, theirs) = values(p)?;
            let below_frontier = match (&known_analysis, known.value_fixed(p)) {
                (Some(a), Ok(v)) => left_by(a, &v),
                _ => 0.0,
            };
            Some(OfferFigures {
                round: *r,
                package: p.clone(),
                ours,
                theirs,
                below_frontier,
            })
        })
        .collect();

    // What each concession bought: their reply in the same round against their offer of
    // the round before, valued by us.
    let our_value = |p: &[usize]| values(p).map(|v| v.0);
    let their_offer_in = |r: u32| {
        replies
            .iter()
            .find(|(rr, p, k)| *rr == r && *k == MoveKind::Offer && p.is_some())
            .and_then(|(_, p, _)| p.clone())
    };
    let mut concessions = Vec::new();
    for w in offers.windows(2) {
        let gave = w[0].ours - w[1].ours;
        if gave <= 0.05 {
            continue;
        }
        let r = w[1].round;
        let reply = replies.iter().find(|(rr, ..)| *rr == r);
        let accepted = matches!(reply, Some((_, _, MoveKind::Accept)));
        let got = match (their_offer_in(r), their_offer_in(r.saturating_sub(1))) {
            (Some(now), Some(before)) => {
                Some(our_value(&now).unwrap_or(0.0) - our_value(&before).unwrap_or(0.0))
            }
            _ => None,
        };
        concessions.push(Concession {
            round: r,
            gave,
            got: if accepted { None } else { got },
            accepted,
        });
    }

    let (deal_values, left_on_table, improvement_text) = match (&deal, &true_analysis) {
        (Some(d), Some(a)) => {
            let v = truth.value_fixed(d).ok();
            let left = v.as_ref().map(|v| left_by(a, v));
            let imp = match improve(truth, &a.frontier, d, &ImproveOptions::default()) {
                Ok(ImproveOutcome::Improved(imp)) => {
                    Some(improvement(&sim.counterpart.truth, &imp))
                }
                _ => None,
            };
            (values(d), left, imp)
        }
        _ => (None, None, None),
    };

    let nash = true_analysis.as_ref().and_then(|a| {
        let n = a.points.nash.as_ref()?;
        Some((n.package.clone(), *n.values.first()?, *n.values.get(1)?))
    });
    let our_best: f64 = (0..issues)
        .map(|i| {
            (0..known.option_count(i))
                .map(|o| known.contribution(i, o, 0))
                .fold(0.0, f64::max)
        })
        .sum();
    let ratings_of = |problem: &crate::analysis::Problem| -> Vec<Vec<f64>> {
        problem
            .issues
            .iter()
            .map(|i| {
                i.evaluations
                    .get(1)
                    .map(|e| e.ratings.iter().map(|r| r.clamp(0.0, 100.0)).collect())
                    .unwrap_or_default()
            })
            .collect()
    };
    let curves = Curves {
        rounds: sim.settings.rounds(),
        ours: offers.iter().map(|o| (o.round, o.ours)).collect(),
        theirs: replies
            .iter()
            .filter_map(|(r, p, _)| Some((*r, values(p.as_deref()?)?.1)))
            .collect(),
        our_batna: known.reservation(0),
        their_reservation: sim.counterpart.reservation(),
    };
    Figures {
        reason: ending.map(|e| e.reason),
        round: ending.map_or(sim.round(), |e| e.round),
        rounds: sim.settings.rounds(),
        ours: deal_values.map(|v| v.0),
        theirs: deal_values.map(|v| v.1),
        deal,
        our_batna: known.reservation(0),
        our_best,
        estimated_weights: (0..issues).map(|i| known.weight(1, i)).collect(),
        true_weights: (0..issues).map(|i| truth.weight(1, i)).collect(),
        estimated_ratings: ratings_of(&sim.setup.problem),
        true_ratings: ratings_of(&sim.counterpart.truth),
        estimated_reservation: known.reservation(1),
        estimated_range: sim.setup.reservation_range,
        true_reservation: sim.counterpart.reservation(),
        zopa: true_analysis
            .as_ref()
            .is_some_and(|a| a.points.zopa_nonempty),
        nash,
        left_on_table,
        improvement: improvement_text,
        offers,
        concessions,
        curves,
    }
}

/// "rounds 2 and 4" / "round 3".
pub(super) fn rounds_text(rounds: &[u32]) -> String {
    let items: Vec<String> = rounds.iter().map(u32::to_string).collect();
    format!(
        "{} {}",
        if rounds.len() == 1 { "round" } else { "rounds" },
        list(&items)
    )
}

/// The debrief of a rehearsal; `surprise` when the user asked for a surprise style.
pub fn debrief(sim: &Simulation, surprise: bool) -> Debrief {
    let f = figures(sim);
    let truth = &sim.counterpart.truth;
    let known = &sim.setup.problem;
    let them = truth.party_name(1);
    let style = format!(
        "{them} played {}{}: {}",
        style_name(sim.settings.style),
        if surprise { " (your surprise)" } else { "" },
        super::words::style_description(sim.settings.style)
    );

    // The result.
    let mut result = Vec::new();
    let batna = f.our_batna;
    match (&f.deal, f.ours, f.theirs) {
        (Some(deal), Some(ours), Some(theirs)) => {
            result.push(format!(
                "Agreement in round {} of {}: {}.",
                f.round,
                f.rounds,
                describe_complete(truth, deal)
            ));
            result.push(format!(
                "It is worth {ours:.1} to you, {} against your BATNA of {batna:.0}, and {theirs:.1} \
                 to them (their walk-away value was {:.1}).",
                signed(ours - batna),
                f.true_reservation
            ));
        }
        _ => {
            result.push(match f.reason {
                Some(EndReason::YouWalkedAway) => {
                    format!("No agreement: you walked away in round {}.", f.round)
                }
                Some(EndReason::Deadline) => format!(
                    "No agreement: {them} walked away at the deadline, in round {}.",
                    f.round
                ),
                Some(EndReason::BelowTooLong) => format!(
                    "No agreement: {them} left in round {}, after your offers stayed below what \
                     they could accept.",
                    f.round
                ),
                Some(EndReason::NothingAcceptable) => format!(
                    "No agreement: no package was worth more to {them} than their alternative."
                ),
                _ => format!(
                    "The rehearsal is still going: round {} of {}.",
                    f.round, f.rounds
                ),
            });
            result.push(format!("You keep your BATNA, worth {batna:.0} to you."));
        }
    }

    // Against the frontier and the Nash point.
    let mut frontier = Vec::new();
    if f.deal.is_some() {
        match (f.left_on_table, &f.improvement) {
            (Some(left), Some(imp)) if left > 0.05 => frontier.push(format!(
                "The deal left {left:.1} of joint value on the table. The smallest change that \
                 makes you both better off: {}",
                lower_first(imp)
            )),
            _ => frontier.push(
                "The deal is on the Pareto frontier: no package is better for both of you.".into(),
            ),
        }
    }
    match (&f.nash, f.ours, f.theirs) {
        (Some((p, n_ours, n_theirs)), Some(ours), Some(theirs)) => frontier.push(format!(
            "The Nash point ({}) gives you {n_ours:.1} and them {n_theirs:.1}; your deal gave \
             you {} and them {} compared with it.",
            describe_complete(truth, p),
            signed(ours - n_ours),
            signed(theirs - n_theirs)
        )),
        (Some((p, n_ours, n_theirs)), _, _) => frontier.push(format!(
            "A deal was possible: the Nash point ({}) would have given you {n_ours:.1} and them \
             {n_theirs:.1}.",
            describe_complete(truth, p)
        )),
        (None, ..) => frontier.push(
            "No deal was possible: no package was worth its walk-away value to both of you.".into(),
        ),
    }

    // The counterpart revealed.
    let mut revealed: Vec<RevealedRow> = f
        .estimated_weights
        .iter()
        .zip(&f.true_weights)
        .enumerate()
        .map(|(i, (e, t))| RevealedRow {
            what: format!("Weight of {}", known.issue_name(i)),
            estimated: format!("{e:.0}"),
            actual: format!("{t:.0}"),
        })
        .collect();
    let (low, high) = f.estimated_range;
    revealed.push(RevealedRow {
        what: "Walk-away value".into(),
        estimated: if high - low > 0.05 {
            format!("{:.0} ({low:.0}–{high:.0})", f.estimated_reservation)
        } else {
            format!("{:.0}", f.estimated_reservation)
        },
        actual: format!("{:.1}", f.true_reservation),
    });
    let revealed_words = revealed_words(&f, known, sim.settings.as_estimated);

    // The user's pattern.
    let first_offer = match f.offers.first() {
        None => "You made no offer.".to_string(),
        Some(o) => {
            let room = f.our_best - batna;
            let claim = if room > 0.05 {
                format!(
                    " It claimed {:.0}% of the room between your BATNA ({batna:.0}) and your best \
                     package ({:.0}).",
                    ((o.ours - batna) / room * 100.0).clamp(-999.0, 999.0),
                    f.our_best
                )
            } else {
                String::new()
            };
            let gap = o.theirs - f.true_reservation;
            format!(
                "Your first offer ({}) was worth {:.1} to you.{claim} To them it was worth {:.1}, \
                 {:.1} {} their walk-away value of {:.1}.",
                describe_complete(truth, &o.package),
                o.ours,
                o.theirs,
                gap.abs(),
                if gap >= 0.0 { "above" } else { "below" },
                f.true_reservation
            )
        }
    };
    let concessions: Vec<String> = f
        .concessions
        .iter()
        .map(|c| {
            if c.accepted {
                format!(
                    "Round {}: you gave up {:.1}, and they accepted.",
                    c.round, c.gave
                )
            } else if let Some(got) = c.got.filter(|g| *g > 0.05) {
                format!(
                    "Round {}: you gave up {:.1}, and they moved {got:.1} your way.",
                    c.round, c.gave
                )
            } else if c.got.is_some() {
                format!(
                    "Round {}: you gave up {:.1} for nothing: their next offer was no better \
                     for you.",
                    c.round, c.gave
                )
            } else {
                format!(
                    "Round {}: you gave up {:.1}, and they left the table.",
                    c.round, c.gave
                )
            }
        })
        .collect();
    let off: Vec<&OfferFigures> = f
        .offers
        .iter()
        .filter(|o| o.below_frontier > 0.05)
        .collect();
    let off_frontier = if f.offers.is_empty() {
        String::new()
    } else if off.is_empty() {
        "Every offer you made was on the Pareto frontier by your own estimates.".into()
    } else {
        let rounds: Vec<u32> = off.iter().map(|o| o.round).collect();
        let most = off.iter().map(|o| o.below_frontier).fold(0.0, f64::max);
        format!(
            "By your own estimates, your {} in {} {} off the Pareto frontier: a package better \
             for both sides existed (up to {most:.1} more joint value).",
            if off.len() == 1 { "offer" } else { "offers" },
            rounds_text(&rounds),
            if off.len() == 1 { "was" } else { "were" },
        )
    };
    let curves_svg = concession_svg(&f.curves);
    let lessons = lessons(&f, sim);
    Debrief {
        seed: sim.settings.seed,
        style,
        result,
        frontier,
        revealed,
        revealed_words,
        first_offer,
        concessions,
        off_frontier,
        curves_svg,
        lessons,
        figures: f,
    }
}

/// "Change …" inside a sentence: "change …".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// What the differences between our estimates and the truth mean, in words.
fn revealed_words(
    f: &Figures,
    known: &crate::analysis::Problem,
    as_estimated: bool,
) -> Vec<String> {
    if as_estimated {
        return vec!["They were exactly as you estimated: your estimates were the truth.".into()];
    }
    let mut out = Vec::new();
    let mut diffs: Vec<(usize, f64)> = f
        .true_weights
        .iter()
        .zip(&f.estimated_weights)
        .enumerate()
        .map(|(i, (t, e))| (i, t - e))
        .filter(|(_, d)| d.abs() >= 5.0)
        .collect();
    crate::model::order::sort_by(&mut diffs, |a, b| {
        b.1.abs()
            .partial_cmp(&a.1.abs())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for (i, d) in diffs.iter().take(3) {
        let how = match (*d > 0.0, d.abs() >= 12.0) {
            (true, true) => "far more",
            (true, false) => "more",
            (false, true) => "far less",
            (false, false) => "less",
        };
        out.push(format!(
            "They cared about {} {how} than you estimated ({:.0} against {:.0}).",
            known.issue_name(*i),
            f.true_weights[*i],
            f.estimated_weights[*i]
        ));
    }
    if diffs.is_empty() {
        out.push(
            "Their priorities were close to your estimates: no issue's weight was off by 5 or more."
                .into(),
        );
    }
    // The rating furthest from our estimate, when it is far.
    let mut worst: Option<(usize, usize, f64, f64)> = None;
    for (i, (t, e)) in f.true_ratings.iter().zip(&f.estimated_ratings).enumerate() {
        for (o, (tv, ev)) in t.iter().zip(e).enumerate() {
            if worst.is_none_or(|w| (tv - ev).abs() > (w.2 - w.3).abs()) {
                worst = Some((i, o, *tv, *ev));
            }
        }
    }
    if let Some((i, o, t, e)) = worst.filter(|w| (w.2 - w.3).abs() >= 20.0) {
        out.push(format!(
            "They rated {} on {} at {t:.0}, where you estimated {e:.0}.",
            known.option_label(i, o),
            known.issue_name(i)
        ));
    }
    let d = f.true_reservation - f.estimated_reservation;
    out.push(if d.abs() < 3.0 {
        format!(
            "Their walk-away value ({:.1}) was close to your estimate ({:.0}).",
            f.true_reservation, f.estimated_reservation
        )
    } else if d > 0.0 {
        format!(
            "Their walk-away value was {:.1}, higher than your estimate of {:.0}: they needed \
             more than you thought.",
            f.true_reservation, f.estimated_reservation
        )
    } else {
        format!(
            "Their walk-away value was {:.1}, lower than your estimate of {:.0}: there was more \
             room than you thought.",
            f.true_reservation, f.estimated_reservation
        )
    });
    out
}

#[cfg(test)]
mod tests;
