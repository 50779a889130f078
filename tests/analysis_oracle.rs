//! Property tests: the fast engine against the brute-force oracle on random plans with 2 and
//! 3 parties and up to ~10^5 packages.

use planner::analysis::oracle;
use planner::analysis::*;
use proptest::prelude::*;

/// How ratings and weights are drawn.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// Integer ratings 0–100, integer weights (normalised): realistic UI input.
    Integer,
    /// Ratings in {0, 25, 50, 75, 100}, weights multiples of 4 summing to 100: many exact ties.
    Ties,
    /// Arbitrary reals: generic position, exercises normalisation.
    Real,
}

/// Builds a random plan deterministically from a seed.
fn random_problem(seed: u64, parties: usize, max_packages: u64, mode: Mode, us: bool) -> Problem {
    let mut rng = SplitMix64::new(seed);
    let mut below = |n: u64| (rng.next_u64() % n.max(1)) as usize;
    // Large caps ask for large plans: more issues and options, up to the cap.
    let large = max_packages >= 10_000;
    let n_issues = if large { 4 + below(5) } else { 1 + below(7) };
    let mut options = Vec::new();
    let mut total: u64 = 1;
    for _ in 0..n_issues {
        let max_o = (max_packages / total).clamp(1, 7);
        let o = if large && max_o >= 3 {
            3 + below(max_o - 2)
        } else {
            1 + below(max_o)
        };
        total *= o as u64;
        options.push(o);
    }
    let mut rng = SplitMix64::new(seed ^ 0xabcdef);
    let mut weights = vec![vec![0.0; n_issues]; parties];
    let mut ratings = vec![Vec::new(); parties];
    for p in 0..parties {
        match mode {
            Mode::Ties => {
                // 25 units of 4 spread over the issues.
                for _ in 0..25 {
                    let i = (rng.next_u64() % n_issues as u64) as usize;
                    weights[p][i] += 4.0;
                }
            }
            Mode::Integer => {
                for w in weights[p].iter_mut() {
                    *w = (rng.next_u64() % 50) as f64;
                }
                if weights[p].iter().all(|&w| w == 0.0) {
                    weights[p][0] = 1.0;
                }
            }
            Mode::Real => {
                for w in weights[p].iter_mut() {
                    *w = rng.next_f64() * 3.0 + 0.01;
                }
            }
        }
        for &o in &options {
            let r: Vec<f64> = (0..o)
                .map(|_| match mode {
                    Mode::Ties => 25.0 * (rng.next_u64() % 5) as f64,
                    Mode::Integer => (rng.next_u64() % 101) as f64,
                    Mode::Real => rng.next_f64() * 100.0,
                })
                .collect();
            ratings[p].push(r);
        }
    }
    let rvs: Vec<f64> = (0..parties).map(|_| (rng.next_u64() % 60) as f64).collect();
    Problem::from_matrices(&weights, &ratings, &rvs, us.then_some(0))
}

fn mode_of(k: u8) -> Mode {
    match k % 3 {
        0 => Mode::Integer,
        1 => Mode::Ties,
        _ => Mode::Real,
    }
}

fn check_all(problem: &Problem, seed: u64) -> Result<(), TestCaseError> {
    let (model, _) = problem
        .compile()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let e = oracle::enumerate(&model, 200_000).ok_or_else(|| TestCaseError::fail("too big"))?;
    let front = oracle::frontier(&e);
    let f = compute_frontier(&model, &FrontierOptions::default());
    if std::env::var("ORACLE_STATS").is_ok() {
        eprintln!(
            "parties {} packages {} frontier {}",
            model.parties(),
            e.len(),
            front.len()
        );
    }

    // Frontier: same distinct value vectors, same tie counts, valid back-references.
    prop_assert!(f.is_exact());
    prop_assert_eq!(f.len(), front.len());
    for (k, p) in front.iter().enumerate() {
        prop_assert_eq!(f.values_fixed(k), &p.values[..]);
        prop_assert_eq!(f.count(k), p.count);
        let pkg = f.package(k);
        prop_assert_eq!(model.value_fixed(&pkg).ok(), Some(p.values.clone()));
    }

    // Sliced computation gives the same frontier.
    let mut b = FrontierBuilder::new(&model, FrontierOptions::default());
    while !b.step(1 + (seed % 7) as usize).finished {}
    let g = b.finish();
    prop_assert_eq!(g.len(), f.len());
    for k in 0..f.len() {
        prop_assert_eq!(g.values_fixed(k), f.values_fixed(k));
    }

    // Reference points.
    let bp = bargaining_points(&model, &f);
    let ov = oracle::values(&model, &e, &front);
    prop_assert_eq!(bp.zopa_nonempty, ov.ideal.is_some());
    prop_assert_eq!(
        bp.ideal
            .as_ref()
            .map(|v| v.iter().map(|&x| model.to_fixed(x)).collect::<Vec<_>>()),
        ov.ideal.clone()
    );
    let joint = |p: &BargainingPoint| p.values.iter().map(|&x| model.to_fixed(x)).sum::<i64>();
    prop_assert_eq!(bp.max_joint.as_ref().map(joint), ov.max_joint);
    prop_assert_eq!(
        bp.max_joint_unconstrained.as_ref().map(joint),
        Some(ov.max_joint_unconstrained)
    );
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    };
    prop_assert!(close(bp.nash.as_ref().map(|p| p.score), ov.nash));
    prop_assert!(close(bp.kalai_smorodinsky.as_ref().map(|p| p.score), ov.ks));
    prop_assert_eq!(
        bp.equal_gain.as_ref().map(|p| model.to_fixed(p.score)),
        ov.equal_gain_spread
    );
    for p in [
        &bp.max_joint,
        &bp.nash,
        &bp.kalai_smorodinsky,
        &bp.equal_gain,
    ]
    .into_iter()
    .flatten()
    {
        prop_assert!(p.acceptable_to_all);
        let v = model
            .value(&p.package)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&v, &p.values);
    }

    // Improvements for a few packages (both targets).
    let mut rng = SplitMix64::new(seed ^ 0x1234);
    for _ in 0..4 {
        let k = (rng.next_u64() % e.len() as u64) as usize;
        let x = e.package(k);
        let xv = e.values(k).to_vec();
        for target in [ImproveTarget::Frontier, ImproveTarget::AnyDominating] {
            let opts = ImproveOptions {
                target,
                ..ImproveOptions::default()
            };
            let got =
                improve(&model, &f, &x, &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let want = oracle::improvement(&e, &front, &x, &xv, target);
            match (got, want) {
                (ImproveOutcome::AlreadyEfficient, None) => {}
                (ImproveOutcome::Improved(i), Some((d, gsum))) => {
                    prop_assert!(i.fewest_changes_guaranteed);
                    prop_assert_eq!(i.changed_issues.len(), d);
                    let s: i64 = i.gains.iter().map(|&g| model.to_fixed(g)).sum();
                    prop_assert_eq!(s, gsum);
                    prop_assert!(i.gains.iter().all(|&g| g >= 0.0));
                    let v = model
                        .value_fixed(&i.package)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    if target == ImproveTarget::Frontier {
                        prop_assert!(oracle::on_frontier(&front, &v));
                    }
                }
                (g, w) => prop_assert!(false, "improve mismatch: {:?} vs {:?}", g, w),
            }
        }
    }

    // MESOs: constraints, and every greedy pick optimal given the previous picks.
    if model.us().is_some() && bp.zopa_nonempty {
        for band in [2.0, 10.0] {
            let opts = MesoOptions {
                band,
                ..MesoOptions::default()
            };
            let set = mesos(&model, &bp, &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(set.exact);
            let (lo, hi) = meso::band_bounds(&model, set.target, band);
            for o in &set.offers {
                let v = model
                    .value_fixed(&o.package)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(model.acceptable_fixed(&v));
                prop_assert!(v[0] >= lo && v[0] <= hi);
                prop_assert!(!o.describe(problem).is_empty());
            }
            for w in set.offers.windows(2) {
                prop_assert!(w[0].counterpart_total >= w[1].counterpart_total);
            }
            let n = model.issues();
            let mut chosen: Vec<Vec<usize>> = Vec::new();
            for &pi in &set.pick_order {
                let o = &set.offers[pi];
                let d = chosen
                    .iter()
                    .map(|c| c.iter().zip(&o.package).filter(|(a, b)| a != b).count())
                    .min()
                    .unwrap_or(n + 1);
                let cp: i64 = model
                    .value_fixed(&o.package)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?[1..]
                    .iter()
                    .sum();
                prop_assert_eq!(
                    oracle::meso_next(&model, &e, &chosen, lo, hi),
                    Some((d, cp))
                );
                chosen.push(o.package.clone());
            }
            if set.offers.len() < opts.count {
                prop_assert_eq!(oracle::meso_next(&model, &e, &chosen, lo, hi), None);
            }
            // "Nothing in the band" is true, or says why: only wasteful packages fit.
            prop_assert_eq!(
                set.wasteful_only,
                set.offers.is_empty() && oracle::any_in_band(&model, &e, lo, hi)
            );
        }
    }

    // ε-frontier guarantee when thinning is forced.
    if front.len() > 4 {
        let small = FrontierOptions {
            max_points: 3,
            max_candidates: 64,
        };
        let t = compute_frontier(&model, &small);
        prop_assert!(!t.is_exact());
        let eps = model.to_fixed(t.epsilon());
        for k in 0..t.len() {
            prop_assert_eq!(
                model.value_fixed(&t.package(k)).ok(),
                Some(t.values_fixed(k).to_vec())
            );
        }
        for p in &front {
            prop_assert!((0..t.len()).any(|k| t
                .values_fixed(k)
                .iter()
                .zip(&p.values)
                .all(|(a, b)| *a >= *b - eps)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn two_parties_match_oracle(seed in any::<u64>(), mode in 0u8..3, us in any::<bool>(), big in any::<bool>()) {
        let cap = if big { 100_000 } else { 2_000 };
        let p = random_problem(seed, 2, cap, mode_of(mode), us);
        check_all(&p, seed)?;
    }

    #[test]
    fn three_parties_match_oracle(seed in any::<u64>(), mode in 0u8..3, us in any::<bool>(), big in any::<bool>()) {
        let cap = if big { 20_000 } else { 1_000 };
        let p = random_problem(seed, 3, cap, mode_of(mode), us);
        check_all(&p, seed)?;
    }

    #[test]
    fn partial_packages_match_oracle(seed in any::<u64>(), mode in 0u8..3) {
        let p = random_problem(seed, 2, 20_000, mode_of(mode), true);
        let (model, _) = p.compile().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut rng = SplitMix64::new(seed);
        let partial: Vec<Option<usize>> = (0..model.issues())
            .map(|i| rng.next_u64().is_multiple_of(2).then(|| (rng.next_u64() % model.option_count(i) as u64) as usize))
            .collect();
        let r = model.restrict(&partial).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let e = oracle::enumerate(&r, 200_000).ok_or_else(|| TestCaseError::fail("too big"))?;
        let front = oracle::frontier(&e);
        let f = compute_frontier(&r, &FrontierOptions::default());
        prop_assert_eq!(f.len(), front.len());
        for (k, q) in front.iter().enumerate() {
            prop_assert_eq!(f.values_fixed(k), &q.values[..]);
            prop_assert_eq!(f.count(k), q.count);
            let pkg = f.package(k);
            for (i, c) in partial.iter().enumerate() {
                if let Some(o) = c {
                    prop_assert_eq!(pkg[i], *o);
                }
            }
        }
    }

    #[test]
    fn arbitrary_numbers_never_panic(
        w in proptest::collection::vec(proptest::num::f64::ANY, 4),
        r in proptest::collection::vec(proptest::num::f64::ANY, 8),
        rv in proptest::collection::vec(proptest::num::f64::ANY, 2),
        pkg in proptest::collection::vec(0usize..4, 0..4),
    ) {
        let p = Problem::from_matrices(
            &[w[..2].to_vec(), w[2..].to_vec()],
            &[vec![r[..2].to_vec(), r[2..4].to_vec()], vec![r[4..6].to_vec(), r[6..].to_vec()]],
            &rv,
            Some(0),
        );
        if let Ok(a) = analyze(&p, &FrontierOptions::default()) {
            let _ = improve(&a.model, &a.frontier, &pkg, &ImproveOptions::default());
            let _ = mesos(&a.model, &a.points, &MesoOptions::default());
            let _ = trades(&a.model);
            let _ = sensitivity(&p, vec![pkg.clone()], SensitivityOptions { samples: 3, ..SensitivityOptions::default() });
        }
    }
}
