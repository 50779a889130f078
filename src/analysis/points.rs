//! Reference points: max joint gain, Nash, Kalai–Smorodinsky, equal gain.
//!
//! All are computed from the frontier, which is exact because every one of them is attained
//! on it: a package dominating an acceptable package is itself acceptable and has at least
//! the same joint gain, Nash product and per-party value. In particular `Ideal_p` (p's best
//! value over packages acceptable to all) is attained on the frontier: the maximiser is
//! dominated by, or equal to, a frontier point that is still acceptable and no worse for p.
//!
//! Gains are `g_p = U_p − RV_p`. When a model is not exact, acceptability allows
//! `U_p ≥ RV_p − 1e-9`, so gains can be a hair below zero; Nash products and KS ratios clamp
//! them at 0. Every criterion is compared exactly on the model's integers: the joint value
//! and the spread of gains are integer sums, the Nash product an exact integer product
//! ([`NashKey`]), the KS ratio a fraction compared by cross-multiplication ([`KsKey`]). Ties
//! are broken by the larger joint value, then by frontier order (lexicographic values), so
//! results are deterministic. The `score` of a point is the criterion as a plain number.

use std::cmp::Ordering;

use super::compiled::Model;
use super::frontier::Frontier;

/// One reference point.
#[derive(Clone, Debug, PartialEq)]
pub struct BargainingPoint {
    /// A package reaching it.
    pub package: Vec<usize>,
    /// Value per party (0–100).
    pub values: Vec<f64>,
    /// `U_p − RV_p` per party.
    pub gains: Vec<f64>,
    /// Whether every party finds it acceptable.
    pub acceptable_to_all: bool,
    /// Index of the point in the frontier.
    pub frontier_index: usize,
    /// The criterion's value: joint value, Nash product, KS ratio, or spread of gains.
    pub score: f64,
}

/// All reference points of a plan.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BargainingPoints {
    /// Whether some package is acceptable to every party (non-empty ZOPA).
    pub zopa_nonempty: bool,
    /// `Ideal_p`: each party's best value over packages acceptable to all (ZOPA non-empty).
    pub ideal: Option<Vec<f64>>,
    /// Maximises `Σ_p U_p` over packages acceptable to all.
    pub max_joint: Option<BargainingPoint>,
    /// Maximises `Σ_p U_p` over all packages, acceptable or not.
    pub max_joint_unconstrained: Option<BargainingPoint>,
    /// Maximises `Π_p (U_p − RV_p)` over packages acceptable to all.
    pub nash: Option<BargainingPoint>,
    /// Maximises `min_p (U_p − RV_p)/(Ideal_p − RV_p)` over acceptable frontier packages
    /// (a party with `Ideal_p = RV_p` counts as ratio 1).
    pub kalai_smorodinsky: Option<BargainingPoint>,
    /// Minimises `max_p g_p − min_p g_p` over acceptable frontier packages (ties: larger joint
    /// value). This is the frontier package closest to splitting the surplus equally.
    pub equal_gain: Option<BargainingPoint>,
    /// False when computed from an ε-frontier (then each point is within ε of optimal).
    pub exact: bool,
}

/// Nash product `Π_p (U_p − RV_p)` on the 0–100 scale, gains clamped at 0 (for display; the
/// engine compares [`NashKey`]s).
pub fn nash_product(model: &Model, values: &[i64]) -> f64 {
    values
        .iter()
        .zip(model.reservations_fixed())
        .map(|(&u, &r)| model.from_fixed(u.saturating_sub(r).max(0)))
        .product()
}

/// The Nash product of fixed-point values as an exact integer (gains clamped at 0), for
/// exact comparisons: up to eight factors below 2⁶³ in 512 bits, most significant limb first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NashKey([u64; 8]);

impl NashKey {
    /// `Π_p max(0, values_p − rv_p)`.
    pub fn new(values: &[i64], rv: &[i64]) -> NashKey {
        let mut limbs = [0u64; 8];
        limbs[7] = 1;
        for (&u, &r) in values.iter().zip(rv) {
            let f = u.saturating_sub(r).max(0) as u64;
            let mut carry = 0u128;
            for limb in limbs.iter_mut().rev() {
                let x = u128::from(*limb) * u128::from(f) + carry;
                *limb = x as u64;
                carry = x >> 64;
            }
            if carry != 0 {
                // Cannot happen for at most eight factors below 2⁶³; saturate rather than wrap.
                return NashKey([u64::MAX; 8]);
            }
        }
        NashKey(limbs)
    }
}

/// Kalai–Smorodinsky ratio `min_p g_p / (Ideal_p − RV_p)`, gains clamped at 0 (for display;
/// the engine compares [`KsKey`]s).
pub fn ks_ratio(values: &[i64], rv: &[i64], ideal: &[i64]) -> f64 {
    let k = KsKey::new(values, rv, ideal);
    k.num as f64 / k.den as f64
}

/// The KS ratio as an exact fraction `num/den` (`den > 0`), compared by cross-multiplication.
#[derive(Clone, Copy, Debug)]
pub struct KsKey {
    num: u64,
    den: u64,
}

impl KsKey {
    /// `min_p max(0, u_p − rv_p) / (ideal_p − rv_p)`; a party with `ideal_p ≤ rv_p` counts as 1.
    pub fn new(values: &[i64], rv: &[i64], ideal: &[i64]) -> KsKey {
        let mut best = KsKey { num: 1, den: 1 };
        for ((&u, &r), &id) in values.iter().zip(rv).zip(ideal) {
            let den = id.saturating_sub(r);
            let k = if den <= 0 {
                KsKey { num: 1, den: 1 }
            } else {
                KsKey {
                    num: u.saturating_sub(r).max(0) as u64,
                    den: den as u64,
                }
            };
            if k < best {
                best = k;
            }
        }
        best
    }
}

impl Ord for KsKey {
    fn cmp(&self, o: &Self) -> Ordering {
        (u128::from(self.num) * u128::from(o.den)).cmp(&(u128::from(o.num) * u128::from(self.den)))
    }
}
impl PartialOrd for KsKey {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl PartialEq for KsKey {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for KsKey {}

/// Spread of gains `max_p g_p − min_p g_p` in fixed point.
pub fn gain_spread(values: &[i64], rv: &[i64]) -> i64 {
    let g = values.iter().zip(rv).map(|(&u, &r)| u - r);
    let (lo, hi) = g.fold((i64::MAX, i64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
    hi.saturating_sub(lo)
}

fn make_point(model: &Model, f: &Frontier, k: usize, score: f64) -> BargainingPoint {
    let v = f.values_fixed(k);
    let rv = model.reservations_fixed();
    BargainingPoint {
        package: f.package(k),
        values: f.values(k),
        gains: v
            .iter()
            .zip(rv)
            .map(|(&u, &r)| model.from_fixed(u - r))
            .collect(),
        acceptable_to_all: model.acceptable_fixed(v),
        frontier_index: k,
        score,
    }
}

/// Picks the index maximising `key` (ties: larger joint value, then earlier index).
fn argmax<K: Ord>(f: &Frontier, idx: &[usize], key: impl Fn(usize) -> K) -> Option<usize> {
    let mut best: Option<(usize, K, i64)> = None;
    for &k in idx {
        let kk = key(k);
        let sum: i64 = f.values_fixed(k).iter().sum();
        let better = match &best {
            None => true,
            Some((_, bk, bs)) => match kk.cmp(bk) {
                Ordering::Greater => true,
                Ordering::Equal => sum > *bs,
                Ordering::Less => false,
            },
        };
        if better {
            best = Some((k, kk, sum));
        }
    }
    best.map(|(k, _, _)| k)
}

/// Computes all reference points from a frontier of `model`.
pub fn bargaining_points(model: &Model, frontier: &Frontier) -> BargainingPoints {
    let rv = model.reservations_fixed();
    let np = model.parties();
    let all: Vec<usize> = (0..frontier.len()).collect();
    let acc: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&k| model.acceptable_fixed(frontier.values_fixed(k)))
        .collect();
    let joint = |k: usize| frontier.values_fixed(k).iter().sum::<i64>();
    let mut out = BargainingPoints {
        zopa_nonempty: !acc.is_empty(),
        exact: frontier.is_exact(),
        ..BargainingPoints::default()
    };
    let point = |k: usize, score: f64| make_point(model, frontier, k, score);
    out.max_joint_unconstrained =
        argmax(frontier, &all, joint).map(|k| point(k, model.from_fixed(joint(k))));
    if acc.is_empty() {
        return out;
    }
    let mut ideal = vec![i64::MIN; np];
    for &k in &acc {
        for (i, &v) in ideal.iter_mut().zip(frontier.values_fixed(k)) {
            *i = (*i).max(v);
        }
    }
    out.ideal = Some(ideal.iter().map(|&v| model.from_fixed(v)).collect());
    out.max_joint = argmax(frontier, &acc, joint).map(|k| point(k, model.from_fixed(joint(k))));
    out.nash = argmax(frontier, &acc, |k| {
        NashKey::new(frontier.values_fixed(k), rv)
    })
    .map(|k| point(k, nash_product(model, frontier.values_fixed(k))));
    out.kalai_smorodinsky = argmax(frontier, &acc, |k| {
        KsKey::new(frontier.values_fixed(k), rv, &ideal)
    })
    .map(|k| point(k, ks_ratio(frontier.values_fixed(k), rv, &ideal)));
    let spread = |k: usize| gain_spread(frontier.values_fixed(k), rv);
    out.equal_gain = argmax(frontier, &acc, |k| std::cmp::Reverse(spread(k)))
        .map(|k| point(k, model.from_fixed(spread(k))));
    out
}

#[cfg(test)]
mod tests {
    use super::super::frontier::{compute_frontier, FrontierOptions};
    use super::super::problem::Problem;
    use super::*;

    #[test]
    fn symmetric_split() {
        // Two issues, perfectly opposed; the fair point is one issue each.
        let p = Problem::from_matrices(
            &[vec![50.0, 50.0], vec![50.0, 50.0]],
            &[
                vec![vec![0.0, 100.0], vec![0.0, 100.0]],
                vec![vec![100.0, 0.0], vec![100.0, 0.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        assert_eq!(f.len(), 3);
        assert_eq!(f.count(1), 2);
        let b = bargaining_points(&m, &f);
        let nash = b.nash.expect("zopa");
        assert_eq!(nash.values, vec![50.0, 50.0]);
        assert_eq!(b.kalai_smorodinsky.expect("ks").values, vec![50.0, 50.0]);
        assert_eq!(b.equal_gain.expect("eg").score, 0.0);
        assert_eq!(b.ideal, Some(vec![100.0, 100.0]));
    }

    #[test]
    fn empty_zopa() {
        let p = Problem::from_matrices(
            &[vec![100.0], vec![100.0]],
            &[vec![vec![0.0, 100.0]], vec![vec![100.0, 0.0]]],
            &[60.0, 60.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        let b = bargaining_points(&m, &f);
        assert!(!b.zopa_nonempty);
        assert!(b.nash.is_none());
        assert!(b.max_joint_unconstrained.is_some());
    }
}
