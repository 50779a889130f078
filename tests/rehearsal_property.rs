//! Property test of the rehearsal on random plans and random users: it always ends
//! within its rounds, never panics, and the counterpart never offers or accepts anything
//! worth less to it than its reservation value. The debrief of every run is read too.

use planner::analysis::{Problem, SplitMix64};
use planner::model::{MoveKind, Side, Style};
use planner::rehearsal::debrief::debrief;
use planner::rehearsal::{Settings, Setup, Simulation};
use proptest::prelude::*;

/// A random two-party plan: 1–6 issues of 1–5 options, weights that may be zero, ratings
/// with ties, any reservation values and confidences.
fn random_setup(seed: u64) -> Setup {
    let mut rng = SplitMix64::new(seed);
    let mut below = |n: u64| (rng.next_u64() % n.max(1)) as usize;
    let issues = 1 + below(6);
    let options: Vec<usize> = (0..issues).map(|_| 1 + below(5)).collect();
    let mut rng = SplitMix64::new(seed ^ 0x9e37);
    let mut weights = vec![vec![0.0; issues]; 2];
    let mut ratings = vec![Vec::new(); 2];
    for p in 0..2 {
        for i in 0..issues {
            weights[p][i] = (rng.next_u64() % 5) as f64 * 10.0;
            ratings[p].push(
                (0..options[i])
                    .map(|_| (rng.next_u64() % 5) as f64 * 25.0)
                    .collect(),
            );
        }
        if weights[p].iter().all(|w| *w == 0.0) {
            weights[p][0] = 10.0;
        }
    }
    let rv = [(rng.next_u64() % 101) as f64, (rng.next_u64() % 101) as f64];
    let mut problem = Problem::from_matrices(&weights, &ratings, &rv, Some(0));
    for issue in &mut problem.issues {
        issue.evaluations[1].weight_confidence = rng.next_f64();
        issue.evaluations[1].rating_confidence = rng.next_f64();
    }
    problem.parties[1].reservation_confidence = rng.next_f64();
    let (a, b) = (rng.next_f64() * 30.0, rng.next_f64() * 30.0);
    Setup {
        problem,
        reservation_range: (rv[1] - a, rv[1] + b),
    }
}

fn check(seed: u64, style: u8, rounds: u32, as_estimated: bool) -> Result<(), TestCaseError> {
    let setup = random_setup(seed);
    let settings = Settings {
        seed,
        style: Style::ALL[style as usize % 4],
        as_estimated,
        rounds,
    };
    let mut sim = Simulation::new(setup.clone(), settings).expect("a valid plan starts");
    let options: Vec<usize> = setup.problem.issues.iter().map(|i| i.options).collect();
    let mut rng = SplitMix64::new(seed ^ 0xface);
    let mut user_moves = 0;
    while sim.ending().is_none() {
        user_moves += 1;
        prop_assert!(user_moves <= settings.rounds(), "more moves than rounds");
        let roll = rng.next_u64() % 100;
        if roll < 8 && sim.can_accept() {
            sim.accept().expect("accepting their offer");
        } else if roll < 11 {
            sim.walk_away().expect("walking away");
        } else {
            let package: Vec<usize> = options
                .iter()
                .map(|&n| (rng.next_u64() % n as u64) as usize)
                .collect();
            sim.offer(&package).expect("a fitting offer");
        }
    }
    let end = sim.ending().expect("ended").clone();
    prop_assert!(end.round >= 1 && end.round <= settings.rounds());
    let rv = sim.counterpart.reservation();
    let moves = sim.moves().to_vec();
    let mut last_ours: Option<Vec<usize>> = None;
    for m in &moves {
        match (m.by, m.kind) {
            (Side::Us, MoveKind::Offer) => last_ours = m.complete(),
            (Side::Them, MoveKind::Offer) => {
                let v = sim.counterpart.value_of(&m.package).expect("complete");
                prop_assert!(v >= rv - 1e-9, "offered {v} below {rv}");
                prop_assert!(!m.message.is_empty());
            }
            (Side::Them, MoveKind::Accept) => {
                let p = last_ours.clone().expect("accepts an offer");
                let v = sim.true_values(&p).expect("fits").1;
                prop_assert!(v >= rv - 1e-9, "accepted {v} below {rv}");
            }
            _ => {}
        }
    }
    let theirs = moves
        .iter()
        .filter(|m| m.by == Side::Them && m.kind == MoveKind::Offer)
        .count() as u32;
    prop_assert!(theirs < settings.rounds(), "countered in the last round");
    let result = sim.result().expect("a result");
    prop_assert!(result.ours.is_finite() && result.theirs.is_finite());
    // It replays from its moves, and its debrief reads.
    let again = Simulation::resume(setup, settings, moves).expect("resumes");
    prop_assert_eq!(again.ending(), sim.ending());
    let d = debrief(&sim, false);
    prop_assert!(d.lessons.len() <= 3);
    prop_assert!(!d.result.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_rehearsal_ends_within_its_rounds_and_never_goes_below_the_counterparts_walk_away(
        seed in any::<u64>(),
        style in 0u8..4,
        rounds in 2u32..16,
        as_estimated in any::<bool>(),
    ) {
        check(seed, style, rounds, as_estimated)?;
    }
}
