//! Exact ties (issue #18): the engine against an exact brute-force reference on problems
//! whose weights do not terminate in decimals — equal weights over 3, 6 and 7 issues (given
//! to the engine as 100/n, or as 1 each), and integer weights that sum to other than 100.
//!
//! The reference shares nothing with the engine: it values every package with integer
//! arithmetic on the numbers as entered (`Σ w·r` per party, with the weights as the integers
//! they are proportional to), so a rounding in the engine cannot hide in both. A party's value
//! on the 0–100 scale is `N_p / W_p` (`W_p` its weight sum); cross-party measures (joint
//! value, Nash product, spread of gains) are compared after multiplying by `Π W_p`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use planner::analysis::*;
use proptest::prelude::*;

/// A problem as the engine gets it, and the integers the reference reads.
#[derive(Clone, Debug)]
struct Case {
    problem: Problem,
    /// Integers the engine's weights are proportional to, per party.
    weights: Vec<Vec<i64>>,
    ratings: Vec<Vec<Vec<i64>>>,
    rv: Vec<i64>,
}

/// How a party's weights are written.
#[derive(Clone, Copy, Debug)]
enum Weights {
    /// Equal weights written as `100/n` (non-terminating for n = 3, 6, 7).
    EqualShares,
    /// Equal weights written as 1 each (they sum to n, not 100).
    EqualOnes,
    /// Integers 1–9 (their sum is almost never 100).
    Integers,
}

fn build(seed: u64, parties: usize, issues: usize, modes: &[Weights], max_packages: u64) -> Case {
    let mut rng = SplitMix64::new(seed);
    let mut below = |n: u64| (rng.next_u64() % n.max(1)) as i64;
    let mut options = Vec::new();
    let mut total = 1u64;
    for k in 0..issues {
        // Leave room for at least two options on every later issue.
        let room = max_packages / total / 2u64.pow((issues - k - 1) as u32);
        let o = 2 + below(room.clamp(2, 4) - 1) as usize;
        total *= o as u64;
        options.push(o);
    }
    let mut weights = Vec::new();
    let mut engine_weights = Vec::new();
    let mut ratings = Vec::new();
    for p in 0..parties {
        let mode = modes[p % modes.len()];
        let w: Vec<i64> = match mode {
            Weights::EqualShares | Weights::EqualOnes => vec![1; issues],
            Weights::Integers => (0..issues).map(|_| 1 + below(9)).collect(),
        };
        engine_weights.push(match mode {
            Weights::EqualShares => vec![100.0 / issues as f64; issues],
            _ => w.iter().map(|&x| x as f64).collect(),
        });
        weights.push(w);
        // Multiples of 10: with equal weights, many packages tie exactly.
        ratings.push(
            options
                .iter()
                .map(|&o| (0..o).map(|_| 10 * below(11)).collect::<Vec<i64>>())
                .collect::<Vec<_>>(),
        );
    }
    let rv: Vec<i64> = (0..parties).map(|_| 5 * below(12)).collect();
    let float = |r: &Vec<Vec<i64>>| -> Vec<Vec<f64>> {
        r.iter()
            .map(|o| o.iter().map(|&x| x as f64).collect())
            .collect()
    };
    let problem = Problem::from_matrices(
        &engine_weights,
        &ratings.iter().map(float).collect::<Vec<_>>(),
        &rv.iter().map(|&x| x as f64).collect::<Vec<_>>(),
        Some(0),
    );
    Case {
        problem,
        weights,
        ratings,
        rv,
    }
}

/// Every package with its exact values `N_p = Σ_i w_pi·r_pi(x_i)`.
struct Exact {
    packages: Vec<Vec<usize>>,
    values: Vec<Vec<i64>>,
    /// `W_p`.
    sums: Vec<i64>,
    /// `RV_p · W_p`: a package is acceptable to p when `N_p ≥ this`.
    floor: Vec<i64>,
}

impl Exact {
    fn of(case: &Case) -> Exact {
        let options: Vec<usize> = case.ratings[0].iter().map(Vec::len).collect();
        let mut packages = Vec::new();
        let mut idx = vec![0usize; options.len()];
        'all: loop {
            packages.push(idx.clone());
            for i in (0..idx.len()).rev() {
                idx[i] += 1;
                if idx[i] < options[i] {
                    continue 'all;
                }
                idx[i] = 0;
            }
            break;
        }
        let sums: Vec<i64> = case.weights.iter().map(|w| w.iter().sum()).collect();
        let floor = case.rv.iter().zip(&sums).map(|(r, w)| r * w).collect();
        let values = packages.iter().map(|x| value(case, x)).collect();
        Exact {
            packages,
            values,
            sums,
            floor,
        }
    }

    fn acceptable(&self, v: &[i64]) -> bool {
        v.iter().zip(&self.floor).all(|(a, f)| a >= f)
    }

    /// `Π W_p / W_p`: multiplies a party's `N_p` onto the common scale.
    fn factor(&self, p: usize) -> i128 {
        self.sums
            .iter()
            .enumerate()
            .filter(|&(q, _)| q != p)
            .map(|(_, &w)| w as i128)
            .product()
    }

    fn joint(&self, v: &[i64]) -> i128 {
        v.iter()
            .enumerate()
            .map(|(p, &x)| x as i128 * self.factor(p))
            .sum()
    }

    /// Gains `(N_p − RV_p·W_p)` on the common scale.
    fn gains(&self, v: &[i64]) -> Vec<i128> {
        v.iter()
            .enumerate()
            .map(|(p, &x)| (x - self.floor[p]) as i128 * self.factor(p))
            .collect()
    }

    /// Nash product up to a constant factor (`Π W_p`), gains clamped at 0.
    fn nash(&self, v: &[i64]) -> i128 {
        v.iter()
            .zip(&self.floor)
            .map(|(&x, &f)| (x - f).max(0) as i128)
            .product()
    }

    /// Kalai–Smorodinsky ratio as a fraction (numerator, denominator > 0).
    fn ks(&self, v: &[i64], ideal: &[i64]) -> (i128, i128) {
        let mut best = (1i128, 1i128);
        for p in 0..v.len() {
            let den = (ideal[p] - self.floor[p]) as i128;
            let r = if den <= 0 {
                (1, 1)
            } else {
                ((v[p] - self.floor[p]).max(0) as i128, den)
            };
            if r.0 * best.1 < best.0 * r.1 {
                best = r;
            }
        }
        best
    }

    fn spread(&self, v: &[i64]) -> i128 {
        let g = self.gains(v);
        g.iter().max().copied().unwrap_or(0) - g.iter().min().copied().unwrap_or(0)
    }

    fn dominated(&self, v: &[i64]) -> bool {
        self.values.iter().any(|w| dominates_exact(w, v))
    }

    /// The distinct non-dominated value vectors, with how many packages reach each.
    fn frontier(&self) -> BTreeMap<Vec<i64>, u128> {
        let mut out = BTreeMap::new();
        for v in &self.values {
            if !self.dominated(v) {
                *out.entry(v.clone()).or_insert(0) += 1;
            }
        }
        out
    }
}

fn value(case: &Case, x: &[usize]) -> Vec<i64> {
    (0..case.weights.len())
        .map(|p| {
            x.iter()
                .enumerate()
                .map(|(i, &o)| case.weights[p][i] * case.ratings[p][i][o])
                .sum()
        })
        .collect()
}

fn dominates_exact(a: &[i64], b: &[i64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x >= y) && a.iter().zip(b).any(|(x, y)| x > y)
}

fn hamming(a: &[usize], b: &[usize]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count()
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// The engine's pick must be optimal for `key` (larger is better) among `candidates`, and
/// among the optimal ones have the largest joint value, then the smallest values in
/// lexicographic order (the documented tie-break order).
fn check_pick<K: Ord>(
    name: &str,
    ex: &Exact,
    got: &[i64],
    candidates: &[&Vec<i64>],
    key: impl Fn(&[i64]) -> K,
) -> Result<(), TestCaseError> {
    let best = candidates
        .iter()
        .map(|v| (key(v), ex.joint(v), std::cmp::Reverse((*v).clone())))
        .max()
        .ok_or_else(|| fail(format!("{name}: no candidate")))?;
    let mine = (key(got), ex.joint(got), std::cmp::Reverse(got.to_vec()));
    prop_assert!(
        mine.0 == best.0,
        "{}: the engine's pick {:?} is not optimal (best {:?})",
        name,
        got,
        best.2 .0
    );
    prop_assert!(
        mine.1 == best.1,
        "{}: a tie with a larger joint value was passed over: {:?} instead of {:?}",
        name,
        got,
        best.2 .0
    );
    prop_assert!(
        mine == best,
        "{}: ties are not broken in frontier order: {:?} instead of {:?}",
        name,
        got,
        best.2 .0
    );
    Ok(())
}

fn check(case: &Case, seed: u64) -> Result<(), TestCaseError> {
    let (model, _) = case.problem.compile().map_err(fail)?;
    // Integers and weights of 100/n are simple fractions: the engine holds them exactly.
    prop_assert!(model.is_exact());
    let f = compute_frontier(&model, &FrontierOptions::default());
    prop_assert!(f.is_exact());
    let ex = Exact::of(case);
    let exact = |x: &[usize]| value(case, x);

    // The frontier is the set of non-dominated value points, each once, with its count.
    let want = ex.frontier();
    let mut got = BTreeMap::new();
    for k in 0..f.len() {
        let v = exact(&f.package(k));
        prop_assert!(
            got.insert(v.clone(), f.count(k)).is_none(),
            "two frontier points have the same values {:?}",
            v
        );
    }
    prop_assert_eq!(&got, &want, "frontier");

    // No package off the frontier is called efficient; every improvement strictly dominates
    // its package, with the fewest changes and then the largest joint gain.
    let mut rng = SplitMix64::new(seed ^ 0x7135);
    for _ in 0..12 {
        let k = (rng.next_u64() % ex.packages.len() as u64) as usize;
        let x = &ex.packages[k];
        let xv = &ex.values[k];
        prop_assert_eq!(
            f.contains_package(&model, x),
            !ex.dominated(xv),
            "contains_package {:?}",
            x
        );
        for target in [ImproveTarget::Frontier, ImproveTarget::AnyDominating] {
            let opts = ImproveOptions {
                target,
                ..ImproveOptions::default()
            };
            let out = improve(&model, &f, x, &opts).map_err(fail)?;
            let fewest = ex
                .packages
                .iter()
                .zip(&ex.values)
                .filter(|(_, v)| dominates_exact(v, xv))
                .filter(|(_, v)| target == ImproveTarget::AnyDominating || want.contains_key(*v))
                .map(|(y, v)| (hamming(x, y), std::cmp::Reverse(ex.joint(v))))
                .min();
            match (out, fewest) {
                (ImproveOutcome::AlreadyEfficient, None) => {}
                (ImproveOutcome::AlreadyEfficient, Some(_)) => {
                    prop_assert!(false, "{:?} ({:?}) is called efficient", x, target)
                }
                (ImproveOutcome::Improved(i), None) => prop_assert!(
                    false,
                    "{:?} ({:?}) has no dominating package, yet {:?} is suggested",
                    x,
                    target,
                    i
                ),
                (ImproveOutcome::Improved(i), Some((d, jg))) => {
                    let v = exact(&i.package);
                    prop_assert!(
                        dominates_exact(&v, xv),
                        "{:?} does not strictly dominate {:?}: {:?} vs {:?}",
                        i.package,
                        x,
                        v,
                        xv
                    );
                    if target == ImproveTarget::Frontier {
                        prop_assert!(want.contains_key(&v), "{:?} is off the frontier", v);
                    }
                    prop_assert!(
                        i.gains.iter().any(|&g| g > 0.0) && i.gains.iter().all(|&g| g >= 0.0)
                    );
                    // What the page shows: some gain that is not "±0".
                    let text = planner::analysis::explain::gains(&case.problem, &i.gains);
                    prop_assert!(text.split(", ").any(|g| !g.ends_with("±0")), "{}", text);
                    prop_assert_eq!(i.changed_issues.len(), d);
                    prop_assert_eq!(ex.joint(&v), jg.0);
                }
            }
        }
    }

    // Reference points and their tie-breaks.
    let bp = bargaining_points(&model, &f);
    let acceptable: Vec<&Vec<i64>> = ex.values.iter().filter(|v| ex.acceptable(v)).collect();
    prop_assert_eq!(bp.zopa_nonempty, !acceptable.is_empty());
    let all: Vec<&Vec<i64>> = ex.values.iter().collect();
    let pick = |p: &Option<BargainingPoint>| p.as_ref().map(|p| exact(&p.package));
    let unconstrained = pick(&bp.max_joint_unconstrained).ok_or_else(|| fail("no max joint"))?;
    check_pick("max joint (all)", &ex, &unconstrained, &all, |v| {
        ex.joint(v)
    })?;
    if acceptable.is_empty() {
        return Ok(());
    }
    let front_acc: Vec<&Vec<i64>> = want.keys().filter(|v| ex.acceptable(v)).collect();
    let np = case.weights.len();
    let ideal: Vec<i64> = (0..np)
        .map(|p| acceptable.iter().map(|v| v[p]).max().unwrap_or(0))
        .collect();
    for (name, point) in [
        ("max joint", &bp.max_joint),
        ("Nash", &bp.nash),
        ("Kalai–Smorodinsky", &bp.kalai_smorodinsky),
        ("equal gain", &bp.equal_gain),
    ] {
        let got = pick(point).ok_or_else(|| fail(format!("no {name} point")))?;
        prop_assert!(ex.acceptable(&got), "{} is not acceptable", name);
        match name {
            "max joint" => check_pick(name, &ex, &got, &acceptable, |v| ex.joint(v))?,
            "Nash" => check_pick(name, &ex, &got, &acceptable, |v| ex.nash(v))?,
            "Kalai–Smorodinsky" => {
                check_pick(name, &ex, &got, &front_acc, |v| Ratio(ex.ks(v, &ideal)))?
            }
            _ => check_pick(name, &ex, &got, &front_acc, |v| {
                std::cmp::Reverse(ex.spread(v))
            })?,
        }
    }

    // A trade is mutual exactly when both sides truly gain: gains are multiples of 1/W_p.
    for t in trades(&model) {
        let steps = |g: f64, p: usize| g * ex.sums[p] as f64;
        let (sa, sb) = (steps(t.gain_a, t.party_a), steps(t.gain_b, t.party_b));
        prop_assert!((sa - sa.round()).abs() < 1e-6 && (sb - sb.round()).abs() < 1e-6);
        prop_assert_eq!(
            t.mutual,
            sa.round() > 0.0 && sb.round() > 0.0,
            "trade {:?}",
            t
        );
    }

    // MESOs: every offer acceptable and in the band; two offers of one set always differ in
    // value for some counterpart.
    for band in [2.0, 10.0] {
        let opts = MesoOptions {
            band,
            ..MesoOptions::default()
        };
        let set = mesos(&model, &bp, &opts).map_err(fail)?;
        let vals: Vec<Vec<i64>> = set.offers.iter().map(|o| exact(&o.package)).collect();
        for v in &vals {
            prop_assert!(ex.acceptable(v));
            let ours = v[0] as f64 / ex.sums[0] as f64;
            prop_assert!((ours - set.target).abs() <= band + 1e-9);
        }
        for a in 0..vals.len() {
            for b in a + 1..vals.len() {
                prop_assert!(
                    vals[a][1..] != vals[b][1..],
                    "offers {:?} and {:?} are worth the same to every counterpart",
                    set.offers[a].package,
                    set.offers[b].package
                );
            }
        }
    }
    Ok(())
}

/// A fraction compared exactly.
#[derive(Clone, Copy, Debug)]
struct Ratio((i128, i128));

impl PartialEq for Ratio {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Ratio {}
impl PartialOrd for Ratio {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Ratio {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.0 .0 * o.0 .1).cmp(&(o.0 .0 * self.0 .1))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn equal_weights_over_3_6_and_7_issues(
        seed in any::<u64>(),
        n in prop::sample::select(vec![3usize, 6, 7]),
        three in any::<bool>(),
        ones in any::<bool>(),
    ) {
        let parties = if three { 3 } else { 2 };
        let mode = if ones { Weights::EqualOnes } else { Weights::EqualShares };
        // Our weights equal; a counterpart's equal too, or integers.
        let case = build(seed, parties, n, &[mode, Weights::Integers, mode], 400);
        check(&case, seed)?;
    }

    #[test]
    fn weights_summing_to_other_than_100(
        seed in any::<u64>(),
        n in 1usize..=6,
        three in any::<bool>(),
    ) {
        let parties = if three { 3 } else { 2 };
        let case = build(seed, parties, n, &[Weights::Integers], 400);
        check(&case, seed)?;
    }
}

/// Two parties, three issues of two options; our weights 1, 1, 1 and theirs 50, 25, 25.
fn reproduction(us: [[f64; 2]; 3], them: [[f64; 2]; 3]) -> Problem {
    let rows = |r: [[f64; 2]; 3]| r.iter().map(|o| o.to_vec()).collect::<Vec<_>>();
    Problem::from_matrices(
        &[vec![1.0, 1.0, 1.0], vec![50.0, 25.0, 25.0]],
        &[rows(us), rows(them)],
        &[0.0, 0.0],
        Some(0),
    )
}

#[test]
fn a_tie_for_us_does_not_hide_a_free_gain_for_them() {
    // (1,0,0) is worth (66.67, 25) and (0,0,1) is worth (66.67, 50).
    let p = reproduction(
        [[70.0, 80.0], [60.0, 0.0], [60.0, 70.0]],
        [[100.0, 0.0], [0.0, 100.0], [100.0, 0.0]],
    );
    let (m, _) = p.compile().expect("valid");
    let f = compute_frontier(&m, &FrontierOptions::default());
    assert!(!f.contains_package(&m, &[1, 0, 0]), "(1,0,0) is dominated");
    assert_eq!(
        f.len(),
        4,
        "frontier (210, 0), (200, 50), (190, 75), (130, 100) in thirds"
    );
    let ImproveOutcome::Improved(i) =
        improve(&m, &f, &[1, 0, 0], &ImproveOptions::default()).expect("ok")
    else {
        panic!("(0,0,1) gives them +25 at no cost to us");
    };
    assert_eq!(i.package, vec![0, 0, 1]);
    assert_eq!(i.gains[0], 0.0);
    assert!((i.gains[1] - 25.0).abs() < 1e-9, "{:?}", i.gains);
}

#[test]
fn an_exact_tie_is_no_improvement() {
    // (0,0,0) and (1,1,0) are both worth exactly (70, 50).
    let p = reproduction(
        [[40.0, 20.0], [70.0, 90.0], [100.0, 80.0]],
        [[0.0, 50.0], [100.0, 0.0], [100.0, 50.0]],
    );
    let (m, _) = p.compile().expect("valid");
    assert_eq!(m.value(&[0, 0, 0]), m.value(&[1, 1, 0]));
    let f = compute_frontier(&m, &FrontierOptions::default());
    for target in [ImproveTarget::Frontier, ImproveTarget::AnyDominating] {
        let opts = ImproveOptions {
            target,
            ..ImproveOptions::default()
        };
        for x in [[0, 0, 0], [1, 1, 0]] {
            if let ImproveOutcome::Improved(i) = improve(&m, &f, &x, &opts).expect("ok") {
                // Whatever is suggested must be a real gain: never "±0, ±0".
                assert!(
                    i.gains.iter().any(|&g| g >= 0.05),
                    "{x:?} ({target:?}) → {i:?}"
                );
            }
        }
    }
}
