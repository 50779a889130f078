//! Reference points: max joint gain, Nash, Kalai–Smorodinsky, equal gain.
//!
//! All are computed from the frontier, which is exact because every one of them is attained
//! on it: a package dominating an acceptable package is itself acceptable and has at least
//! the same joint gain, Nash product and per-party value. In particular `Ideal_p` (p's best
//! value over packages acceptable to all) is attained on the frontier: the maximiser is
//! dominated by, or equal to, a frontier point that is still acceptable and no worse for p.
//!
//! Gains are `g_p = U_p − RV_p`. Because acceptability allows `U_p ≥ RV_p − 1e-9`, gains can be
//! a hair below zero; Nash products and KS ratios clamp them at 0. Ties are broken by the
//! larger joint value, then by frontier order (lexicographic values), so results are
//! deterministic.

use super::frontier::Frontier;
use super::problem::{from_fixed, Model};

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

/// Nash product of fixed-point values, gains clamped at 0.
pub fn nash_product(values: &[i64], rv: &[i64]) -> f64 {
    values
        .iter()
        .zip(rv)
        .map(|(&u, &r)| from_fixed((u - r).max(0)))
        .product()
}

/// Kalai–Smorodinsky ratio `min_p g_p / (Ideal_p − RV_p)`, gains clamped at 0.
pub fn ks_ratio(values: &[i64], rv: &[i64], ideal: &[i64]) -> f64 {
    values
        .iter()
        .zip(rv)
        .zip(ideal)
        .map(|((&u, &r), &id)| {
            let den = id - r;
            if den <= 0 {
                1.0
            } else {
                (u - r).max(0) as f64 / den as f64
            }
        })
        .fold(f64::INFINITY, f64::min)
}

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
        gains: v.iter().zip(rv).map(|(&u, &r)| from_fixed(u - r)).collect(),
        acceptable_to_all: model.acceptable_fixed(v),
        frontier_index: k,
        score,
    }
}

/// Picks the index maximising `key` (ties: larger joint value, then earlier index).
fn argmax<K: PartialOrd + Copy>(
    f: &Frontier,
    idx: &[usize],
    key: impl Fn(usize) -> K,
) -> Option<(usize, K)> {
    let mut best: Option<(usize, K, i64)> = None;
    for &k in idx {
        let kk = key(k);
        let sum: i64 = f.values_fixed(k).iter().sum();
        let better = match &best {
            None => true,
            Some((_, bk, bs)) => kk > *bk || (kk == *bk && sum > *bs),
        };
        if better {
            best = Some((k, kk, sum));
        }
    }
    best.map(|(k, kk, _)| (k, kk))
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
    out.max_joint_unconstrained =
        argmax(frontier, &all, joint).map(|(k, s)| make_point(model, frontier, k, from_fixed(s)));
    if acc.is_empty() {
        return out;
    }
    let mut ideal = vec![i64::MIN; np];
    for &k in &acc {
        for (i, &v) in ideal.iter_mut().zip(frontier.values_fixed(k)) {
            *i = (*i).max(v);
        }
    }
    out.ideal = Some(ideal.iter().map(|&v| from_fixed(v)).collect());
    out.max_joint =
        argmax(frontier, &acc, joint).map(|(k, s)| make_point(model, frontier, k, from_fixed(s)));
    out.nash = argmax(frontier, &acc, |k| {
        nash_product(frontier.values_fixed(k), rv)
    })
    .map(|(k, s)| make_point(model, frontier, k, s));
    out.kalai_smorodinsky = argmax(frontier, &acc, |k| {
        ks_ratio(frontier.values_fixed(k), rv, &ideal)
    })
    .map(|(k, s)| make_point(model, frontier, k, s));
    out.equal_gain = argmax(frontier, &acc, |k| {
        -gain_spread(frontier.values_fixed(k), rv)
    })
    .map(|(k, s)| make_point(model, frontier, k, from_fixed(-s)));
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
