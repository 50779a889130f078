//! Brute-force oracle: enumerates every package. Only for small plans (tests, benchmarks).
//!
//! It deliberately shares nothing with the fast paths except [`Model`] (the numbers) and the
//! definitions of the criteria, so agreement between the two is meaningful.

use super::compiled::{dominates_fixed, Model};
use super::improve::ImproveTarget;
use super::points::{gain_spread, ks_ratio, nash_product};

/// Every package of a model with its fixed-point values.
#[derive(Clone, Debug)]
pub struct Enumeration {
    issues: usize,
    parties: usize,
    packages: Vec<u16>,
    values: Vec<i64>,
}

/// Enumerates all packages (allowed options only); `None` if there are more than `limit`.
pub fn enumerate(model: &Model, limit: usize) -> Option<Enumeration> {
    let total = model.package_count();
    if total > limit as u128 {
        return None;
    }
    let n = model.issues();
    let np = model.parties();
    let total = total as usize;
    let mut packages = Vec::with_capacity(total * n);
    let mut values = Vec::with_capacity(total * np);
    let mut idx = vec![0usize; n];
    loop {
        let pkg: Vec<usize> = (0..n).map(|i| model.allowed(i)[idx[i]]).collect();
        let v = model.value_fixed(&pkg).ok()?;
        packages.extend(pkg.iter().map(|&o| o as u16));
        values.extend_from_slice(&v);
        // Odometer increment.
        let mut i = n;
        loop {
            if i == 0 {
                return Some(Enumeration {
                    issues: n,
                    parties: np,
                    packages,
                    values,
                });
            }
            i -= 1;
            idx[i] += 1;
            if idx[i] < model.allowed(i).len() {
                break;
            }
            idx[i] = 0;
        }
    }
}

impl Enumeration {
    /// Number of packages.
    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.parties).unwrap_or(0)
    }
    /// Whether there are no packages.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Package `k`.
    pub fn package(&self, k: usize) -> Vec<usize> {
        self.packages
            .get(k * self.issues..(k + 1) * self.issues)
            .map_or_else(Vec::new, |s| s.iter().map(|&o| o as usize).collect())
    }
    /// Fixed-point values of package `k`.
    pub fn values(&self, k: usize) -> &[i64] {
        self.values
            .get(k * self.parties..(k + 1) * self.parties)
            .unwrap_or(&[])
    }
}

/// A distinct non-dominated value vector with its number of packages and one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OraclePoint {
    /// Fixed-point values.
    pub values: Vec<i64>,
    /// Packages with exactly these values.
    pub count: u128,
    /// Index of one such package in the enumeration.
    pub example: usize,
}

/// The exact frontier, sorted by values ascending (lexicographic).
pub fn frontier(e: &Enumeration) -> Vec<OraclePoint> {
    let mut idx: Vec<usize> = (0..e.len()).collect();
    idx.sort_by(|&a, &b| e.values(b).cmp(e.values(a)));
    let mut kept: Vec<OraclePoint> = Vec::new();
    let mut last_dropped: Option<&[i64]> = None;
    for &k in &idx {
        let v = e.values(k);
        if let Some(l) = kept.last_mut() {
            if l.values == v {
                l.count += 1;
                continue;
            }
        }
        if last_dropped == Some(v) {
            continue;
        }
        if kept.iter().any(|p| dominates_fixed(&p.values, v)) {
            last_dropped = Some(v);
            continue;
        }
        kept.push(OraclePoint {
            values: v.to_vec(),
            count: 1,
            example: k,
        });
    }
    kept.reverse();
    kept
}

/// Whether fixed-point values are on the oracle frontier.
pub fn on_frontier(front: &[OraclePoint], values: &[i64]) -> bool {
    front.iter().any(|p| p.values == values)
}

/// The reference criteria's optimal values.
#[derive(Clone, Debug, PartialEq)]
pub struct OracleValues {
    /// Best value per party over packages acceptable to all.
    pub ideal: Option<Vec<i64>>,
    /// Max joint value over acceptable packages.
    pub max_joint: Option<i64>,
    /// Max joint value over all packages.
    pub max_joint_unconstrained: i64,
    /// Max Nash product over acceptable packages.
    pub nash: Option<f64>,
    /// Max KS ratio over acceptable frontier packages.
    pub ks: Option<f64>,
    /// Min spread of gains over acceptable frontier packages.
    pub equal_gain_spread: Option<i64>,
}

/// Computes the criteria by scanning every package.
pub fn values(model: &Model, e: &Enumeration, front: &[OraclePoint]) -> OracleValues {
    let rv = model.reservations_fixed();
    let np = model.parties();
    let mut ideal: Option<Vec<i64>> = None;
    let mut max_joint: Option<i64> = None;
    let mut max_joint_unconstrained = i64::MIN;
    let mut nash: Option<f64> = None;
    for k in 0..e.len() {
        let v = e.values(k);
        let s: i64 = v.iter().sum();
        max_joint_unconstrained = max_joint_unconstrained.max(s);
        if !model.acceptable_fixed(v) {
            continue;
        }
        let id = ideal.get_or_insert_with(|| vec![i64::MIN; np]);
        for (a, &b) in id.iter_mut().zip(v) {
            *a = (*a).max(b);
        }
        max_joint = Some(max_joint.map_or(s, |m| m.max(s)));
        let np_ = nash_product(model, v);
        nash = Some(nash.map_or(np_, |m: f64| m.max(np_)));
    }
    let mut ks: Option<f64> = None;
    let mut spread: Option<i64> = None;
    if let Some(id) = &ideal {
        for p in front.iter().filter(|p| model.acceptable_fixed(&p.values)) {
            let r = ks_ratio(&p.values, rv, id);
            ks = Some(ks.map_or(r, |m: f64| m.max(r)));
            let sp = gain_spread(&p.values, rv);
            spread = Some(spread.map_or(sp, |m| m.min(sp)));
        }
    }
    OracleValues {
        ideal,
        max_joint,
        max_joint_unconstrained,
        nash,
        ks,
        equal_gain_spread: spread,
    }
}

/// Fewest changes from `x` to a package meeting `target` that dominates `x`, and the best
/// joint gain among those; `None` when nothing dominates `x`.
pub fn improvement(
    e: &Enumeration,
    front: &[OraclePoint],
    x: &[usize],
    x_values: &[i64],
    target: ImproveTarget,
) -> Option<(usize, i64)> {
    let mut best: Option<(usize, i64)> = None;
    for k in 0..e.len() {
        let v = e.values(k);
        if !dominates_fixed(v, x_values) {
            continue;
        }
        if target == ImproveTarget::Frontier && !on_frontier(front, v) {
            continue;
        }
        let d = e.package(k).iter().zip(x).filter(|(a, b)| a != b).count();
        let g: i64 = v.iter().zip(x_values).map(|(a, b)| a - b).sum();
        if best.is_none_or(|(bd, bg)| d < bd || (d == bd && g > bg)) {
            best = Some((d, g));
        }
    }
    best
}

/// The best next MESO pick given already chosen offers: (min distance, counterparts' total),
/// over packages using only within-issue non-dominated options, acceptable to all, with our
/// value in `[lo, hi]` and worth something different to some counterpart than every chosen
/// one. The distance counts the issues whose options differ in value for some counterpart.
pub fn meso_next(
    model: &Model,
    e: &Enumeration,
    chosen: &[Vec<usize>],
    lo: i64,
    hi: i64,
) -> Option<(usize, i64)> {
    let us = model.us()?;
    let n = model.issues();
    let theirs = |v: &[i64]| -> Vec<i64> {
        v.iter()
            .enumerate()
            .filter(|&(q, _)| q != us)
            .map(|(_, &x)| x)
            .collect()
    };
    let felt = |i: usize, a: usize, b: usize| {
        theirs(model.contrib_slice(i, a)) != theirs(model.contrib_slice(i, b))
    };
    let chosen_theirs: Vec<Vec<i64>> = chosen
        .iter()
        .map(|c| theirs(&model.value_fixed(c).unwrap_or_default()))
        .collect();
    let mut best: Option<(usize, i64)> = None;
    for k in 0..e.len() {
        let v = e.values(k);
        if v[us] < lo || v[us] > hi || !model.acceptable_fixed(v) {
            continue;
        }
        let p = e.package(k);
        if (0..n).any(|i| !model.eligible(i).contains(&p[i])) {
            continue;
        }
        if chosen_theirs.iter().any(|c| *c == theirs(v)) {
            continue;
        }
        let d = chosen
            .iter()
            .map(|c| (0..n).filter(|&i| felt(i, c[i], p[i])).count())
            .min()
            .unwrap_or(n + 1);
        let cp: i64 = theirs(v).iter().sum();
        if best.is_none_or(|(bd, bc)| d > bd || (d == bd && cp > bc)) {
            best = Some((d, cp));
        }
    }
    best
}

/// Whether some package (any allowed options) is acceptable to all with our value in
/// `[lo, hi]`.
pub fn any_in_band(model: &Model, e: &Enumeration, lo: i64, hi: i64) -> bool {
    let Some(us) = model.us() else {
        return false;
    };
    (0..e.len()).any(|k| {
        let v = e.values(k);
        v[us] >= lo && v[us] <= hi && model.acceptable_fixed(v)
    })
}
