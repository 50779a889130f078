//! Criterion benchmarks of a rehearsal's counterpart: one reply, the way the Practise step
//! makes it (the rehearsal resumed from its moves, then the user's offer and the reply),
//! on the three-party example and on a two-party plan of 10 issues × 8 options (10^9
//! packages). The goal is under 50 ms per reply in the browser (measured there by the
//! browser test `measure_a_counterparts_reply_in_chromium`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use planner::analysis::{Problem, SplitMix64};
use planner::model::{three_party, PlanId};
use planner::rehearsal::bridge::Bridge;
use planner::rehearsal::debrief::debrief;
use planner::rehearsal::{Move, Settings, Setup, Simulation, Style};

fn ten_by_eight() -> Setup {
    let mut rng = SplitMix64::new(1008);
    let weights: Vec<Vec<f64>> = (0..2)
        .map(|_| (0..10).map(|_| 1.0 + rng.next_f64() * 9.0).collect())
        .collect();
    let ratings: Vec<Vec<Vec<f64>>> = (0..2)
        .map(|_| {
            (0..10)
                .map(|_| (0..8).map(|_| (rng.next_f64() * 100.0).round()).collect())
                .collect()
        })
        .collect();
    let mut problem = Problem::from_matrices(&weights, &ratings, &[40.0, 40.0], Some(0));
    for issue in &mut problem.issues {
        issue.evaluations[1].weight_confidence = 0.6;
        issue.evaluations[1].rating_confidence = 0.6;
    }
    problem.parties[1].reservation_confidence = 0.5;
    Setup {
        problem,
        reservation_range: (32.5, 47.5),
    }
}

fn three_party_setup() -> Setup {
    let plan = three_party(PlanId::parse("p3").unwrap(), 0);
    let us = plan.us().unwrap().clone();
    let other = plan.parties.iter().find(|p| p.id != us).unwrap().id.clone();
    Bridge::new(&plan, &us, &other).unwrap().setup
}

const SETTINGS: Settings = Settings {
    seed: 7,
    style: Style::Steady,
    as_estimated: false,
    rounds: 30,
};

/// Four offers each way, and the user's fifth offer.
fn midway(setup: &Setup) -> (Vec<Move>, Vec<usize>) {
    let options: Vec<usize> = setup.problem.issues.iter().map(|i| i.options).collect();
    let mut rng = SplitMix64::new(3);
    let mut offer = || -> Vec<usize> {
        options
            .iter()
            .map(|&n| (rng.next_u64() % n as u64) as usize)
            .collect()
    };
    let mut sim = Simulation::new(setup.clone(), SETTINGS).unwrap();
    for _ in 0..4 {
        let _ = sim.offer(&offer());
    }
    (sim.moves().to_vec(), offer())
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("rehearsal");
    g.measurement_time(Duration::from_secs(4));
    for (label, setup) in [
        ("three-party", three_party_setup()),
        ("10x8", ten_by_eight()),
    ] {
        let (moves, next) = midway(&setup);
        g.bench_function(format!("reply {label}"), |b| {
            b.iter(|| {
                let mut s = Simulation::resume(setup.clone(), SETTINGS, moves.clone()).unwrap();
                black_box(s.offer(&next).map(|m| m.message.len()).unwrap_or(0))
            })
        });
        let mut done = Simulation::resume(setup.clone(), SETTINGS, moves.clone()).unwrap();
        let _ = done.walk_away();
        g.bench_function(format!("debrief {label}"), |b| {
            b.iter(|| black_box(debrief(&done, false).lessons.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
