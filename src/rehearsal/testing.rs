//! Shared by the rehearsal's tests: example setups, every package of a small plan, and a
//! scripted user who concedes over the rounds like a time-dependent agent.

use super::bridge::Bridge;
use super::{Settings, Setup, Simulation, Style};
use crate::analysis::{Problem, SplitMix64};
use crate::model::{sample_plan, three_party, PlanId};

/// The job-offer example: Dana (us) against Nimbus, as estimated.
pub fn job_offer() -> Setup {
    let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
    Bridge::new(&plan, &plan.parties[0].id, &plan.parties[1].id)
        .unwrap()
        .setup
}

/// The three-party example: the city (us) against the first other party.
pub fn three_party_setup() -> Setup {
    let plan = three_party(PlanId::parse("p1").unwrap(), 0);
    let us = plan.us().unwrap().clone();
    let other = plan.parties.iter().find(|p| p.id != us).unwrap().id.clone();
    Bridge::new(&plan, &us, &other).unwrap().setup
}

/// A random two-party problem (us = party 0) with uncertain estimates of party 1.
pub fn random_setup(seed: u64, issues: usize, options: usize) -> Setup {
    let mut rng = SplitMix64::new(seed);
    let weights: Vec<Vec<f64>> = (0..2)
        .map(|_| (0..issues).map(|_| 1.0 + rng.next_f64() * 9.0).collect())
        .collect();
    let ratings: Vec<Vec<Vec<f64>>> = (0..2)
        .map(|_| {
            (0..issues)
                .map(|_| {
                    (0..options)
                        .map(|_| (rng.next_f64() * 100.0).round())
                        .collect()
                })
                .collect()
        })
        .collect();
    let rv = [20.0 + rng.next_f64() * 40.0, 20.0 + rng.next_f64() * 40.0];
    let mut problem = Problem::from_matrices(&weights, &ratings, &rv, Some(0));
    for issue in &mut problem.issues {
        issue.evaluations[1].weight_confidence = 0.6;
        issue.evaluations[1].rating_confidence = 0.3;
    }
    problem.parties[1].reservation_confidence = 0.5;
    let r = problem.parties[1].reservation;
    Setup {
        problem,
        reservation_range: (r - 7.5, r + 7.5),
    }
}

/// Every package of a problem (small ones only).
pub fn all_packages(problem: &Problem) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for issue in &problem.issues {
        out = out
            .into_iter()
            .flat_map(|p| {
                (0..issue.options).map(move |o| {
                    let mut q = p.clone();
                    q.push(o);
                    q
                })
            })
            .collect();
    }
    out
}

pub fn settings(seed: u64, style: Style, rounds: u32) -> Settings {
    Settings {
        seed,
        style,
        as_estimated: false,
        rounds,
    }
}

/// A user who concedes on time like a time-dependent agent with exponent `e` on our own
/// values, offering the package nearest its aim (more value to us on ties), and accepts
/// the counterpart's offer when it is worth at least that aim. Returns the finished
/// simulation.
pub fn play_scripted(mut sim: Simulation, e: f64) -> Simulation {
    let all = all_packages(&sim.setup.problem);
    let ours = |sim: &Simulation, p: &[usize]| sim.known_values(p).map_or(0.0, |v| v.0);
    let best = all.iter().map(|p| ours(&sim, p)).fold(0.0, f64::max);
    let batna = sim.known.reservation(0);
    let rounds = sim.settings.rounds();
    while sim.ending().is_none() {
        let t = f64::from(sim.round() - 1) / f64::from(rounds - 1);
        let aim = batna + (best - batna).max(0.0) * (1.0 - t.powf(1.0 / e));
        if let Some(theirs) = sim.last_offer(super::Side::Them).and_then(|m| m.complete()) {
            if ours(&sim, &theirs) >= aim - 1e-9 {
                sim.accept().unwrap();
                break;
            }
        }
        let pick = all
            .iter()
            .filter(|p| ours(&sim, p) >= aim - 1e-9)
            .min_by(|a, b| ours(&sim, a).total_cmp(&ours(&sim, b)))
            .cloned()
            .unwrap_or_else(|| all[0].clone());
        sim.offer(&pick).unwrap();
    }
    sim
}
