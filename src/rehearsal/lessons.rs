//! Three lessons from a rehearsal's figures. Each candidate is a finding of this
//! rehearsal with its numbers (never generic advice) and a weight that grows with what it
//! cost; the three heaviest are kept. Findings of what went well weigh little, so they
//! appear only when there is little to correct.

use super::debrief::{rounds_text, Figures};
use super::{EndReason, Simulation};
use crate::analysis::explain::list;

/// The three lessons (fewer only when the user made no offer at all).
pub(super) fn lessons(f: &Figures, sim: &Simulation) -> Vec<String> {
    let known = &sim.setup.problem;
    let mut candidates: Vec<(f64, String)> = Vec::new();
    let batna = f.our_batna;
    let rv = f.true_reservation;

    // The deal against our BATNA, and talks that ended while a deal was possible.
    match (f.ours, &f.nash) {
        (Some(ours), _) if ours < batna - 1e-9 => candidates.push((
            1000.0,
            format!(
                "You agreed to a deal worth {ours:.1} to you, below your BATNA of {batna:.0}: no \
                 deal would have been better. Fix your walk-away before the talks and hold it."
            ),
        )),
        (None, Some((_, n_ours, _))) if f.reason.is_some() => {
            let why = match f.reason {
                Some(EndReason::BelowTooLong) => format!(
                    "your offers stayed below their walk-away value ({rv:.1}) until they left; \
                     a tough counterpart does not wait, so move above it sooner"
                ),
                Some(EndReason::Deadline) => format!(
                    "the rounds ran out; with {} rounds, concede earlier or in larger steps \
                     while there is time",
                    f.rounds
                ),
                _ => "you walked away from talks that could still have paid".to_string(),
            };
            candidates.push((
                60.0 + (n_ours - batna).max(0.0),
                format!(
                    "A deal worth {n_ours:.1} to you (the Nash point) was possible, but the talks \
                     ended without one: {why}."
                ),
            ));
        }
        (None, None) if f.reason.is_some() => candidates.push((
            2.0,
            format!(
                "No package was worth its walk-away value to both of you (theirs was {rv:.1}), \
                 so ending without a deal was right: check the estimates that made you hope \
                 for one."
            ),
        )),
        _ => {}
    }

    // Joint value left on the table.
    match (f.left_on_table, &f.improvement) {
        (Some(left), Some(imp)) if left > 1.0 => candidates.push((
            20.0 + 3.0 * left,
            format!(
                "The deal left {left:.1} of joint value on the table. Before signing, propose the \
                 change that makes you both better off: {imp}"
            ),
        )),
        (Some(_), _) => candidates.push((
            3.0,
            format!(
                "Your deal ({:.1} for you, {:.1} for them) was on the Pareto frontier: nothing \
                 was left on the table.",
                f.ours.unwrap_or(0.0),
                f.theirs.unwrap_or(0.0)
            ),
        )),
        _ => {}
    }

    // Concessions that bought nothing.
    let free: Vec<&super::debrief::Concession> =
        f.concessions.iter().filter(|c| !c.bought()).collect();
    if !free.is_empty() {
        let rounds: Vec<u32> = free.iter().map(|c| c.round).collect();
        let total: f64 = free.iter().map(|c| c.gave).sum();
        candidates.push((
            15.0 + 10.0 * free.len() as f64 + total,
            format!(
                "In {} you gave up {total:.1} of your value and got nothing back. Ask for \
                 something in return each time: “we can move on this if you can move on that”.",
                rounds_text(&rounds)
            ),
        ));
    } else if !f.concessions.is_empty() {
        candidates.push((
            4.0,
            format!(
                "Each of your {} concessions bought a move from them: keep trading rather than \
                 giving.",
                f.concessions.len()
            ),
        ));
    }

    // Concessions that grew instead of shrinking.
    let sizes: Vec<f64> = f.concessions.iter().map(|c| c.gave).collect();
    if sizes.len() >= 3 && sizes[sizes.len() - 1] > sizes[0] + 1.0 {
        let shown: Vec<String> = sizes.iter().map(|s| format!("{s:.1}")).collect();
        candidates.push((
            25.0,
            format!(
                "Your concessions grew ({}): concede in shrinking steps, so they see you \
                 nearing your limit.",
                list(&shown)
            ),
        ));
    }

    // The first offer: too far below what they could accept, or not ambitious.
    if let Some(first) = f.offers.first() {
        let gap = first.theirs - rv;
        let room = f.our_best - batna;
        let claim = if room > 0.05 {
            (first.ours - batna) / room
        } else {
            1.0
        };
        let est = f.estimated_reservation;
        if gap < -10.0 {
            candidates.push((
                20.0 + gap.abs(),
                format!(
                    "Your opening gave them {:.1}, {:.1} below their walk-away value: openings \
                     they cannot accept raise the risk of impasse. Open ambitiously but near \
                     your estimate of their walk-away value ({est:.0}).",
                    first.theirs,
                    gap.abs()
                ),
            ));
        } else if gap > 15.0 && claim < 0.7 {
            candidates.push((
                20.0 + gap,
                format!(
                    "Your opening already gave them {:.1}, {gap:.1} above their walk-away value, \
                     and claimed only {:.0}% of your room: open higher, since first offers anchor \
                     the result.",
                    first.theirs,
                    claim * 100.0
                ),
            ));
        } else {
            candidates.push((
                2.0,
                format!(
                    "Your opening was ambitious without being out of reach: {:.1} for them, \
                     {:.1} {} their walk-away value.",
                    first.theirs,
                    gap.abs(),
                    if gap >= 0.0 { "above" } else { "below" }
                ),
            ));
        }
        if f.offers.iter().all(|o| o.ours >= batna - 1e-9) {
            candidates.push((
                1.0,
                format!("None of your offers went below your BATNA ({batna:.0}): you held your walk-away."),
            ));
        }
    }

    // Offers off the frontier (by our own estimates).
    let off: Vec<&super::debrief::OfferFigures> = f
        .offers
        .iter()
        .filter(|o| o.below_frontier > 0.05)
        .collect();
    if !off.is_empty() {
        let rounds: Vec<u32> = off.iter().map(|o| o.round).collect();
        let most = off.iter().map(|o| o.below_frontier).fold(0.0, f64::max);
        candidates.push((
            15.0 + 2.0 * most,
            format!(
                "Your offer{} in {} left up to {most:.1} of joint value on the table by your own \
                 estimates: build offers from the frontier (the Packages step shows it).",
                if off.len() == 1 { "" } else { "s" },
                rounds_text(&rounds)
            ),
        ));
    }

    // Accepting while their offers were still improving.
    let early = f.reason == Some(EndReason::YouAccepted) && f.round * 2 <= f.rounds;
    if early {
        if let (Some(ours), Some((_, n_ours, _))) = (f.ours, &f.nash) {
            if ours < n_ours - 3.0 {
                candidates.push((
                    15.0 + (n_ours - ours),
                    format!(
                        "You accepted in round {} of {}, with half the talks still ahead and \
                         {:.1} below the Nash point: time was on your side.",
                        f.round,
                        f.rounds,
                        n_ours - ours
                    ),
                ));
            }
        }
    }

    // The deal against the Nash point, for us (said above when accepted early).
    if let (false, Some(ours), Some((_, n_ours, _))) = (early, f.ours, &f.nash) {
        let short = n_ours - ours;
        if short > 3.0 {
            let top = (0..known.issues.len())
                .max_by(|&a, &b| {
                    let w = |i: usize| {
                        known.issues[i]
                            .evaluations
                            .first()
                            .map_or(0.0, |e| e.weight)
                    };
                    w(a).partial_cmp(&w(b)).unwrap_or(std::cmp::Ordering::Equal)
                })
                .map(|i| known.issue_name(i))
                .unwrap_or_default();
            candidates.push((
                10.0 + 2.0 * short,
                format!(
                    "You ended {short:.1} below what the Nash point gives you ({n_ours:.1}): hold \
                     longer on what matters most to you ({top})."
                ),
            ));
        }
    }

    // The estimate that was furthest off.
    if let Some((i, t, e)) = f
        .true_weights
        .iter()
        .zip(&f.estimated_weights)
        .enumerate()
        .map(|(i, (t, e))| (i, *t, *e))
        .max_by(|a, b| (a.1 - a.2).abs().total_cmp(&(b.1 - b.2).abs()))
        .filter(|(_, t, e)| (t - e).abs() >= 10.0)
    {
        candidates.push((
            10.0 + (t - e).abs() / 2.0,
            format!(
                "They cared about {} {} than you estimated ({t:.0} against {e:.0}): find out \
                 before the real talks (a question for Fact-finding).",
                known.issue_name(i),
                if t > e { "more" } else { "less" }
            ),
        ));
    }

    // Heaviest first; equal weights keep the order above.
    crate::model::order::sort_by(&mut candidates, |a, b| {
        b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal)
    });
    candidates.into_iter().take(3).map(|(_, s)| s).collect()
}
