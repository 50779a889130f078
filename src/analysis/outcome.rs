//! The outcome space of two parties: what the chart on the packages step draws.
//!
//! For a pair of parties (x, y) it gives every package's value pair (merged when several
//! packages land on the same point) or, when there are too many packages to draw, a density
//! grid from a seeded sample; the Pareto frontier of the pair; the zone where both parties
//! beat their reservation values (ZOPA); and the reference packages (Nash,
//! Kalai–Smorodinsky, max joint gain) projected onto the pair.
//!
//! It runs again after every rating edit, so its cost is bounded whatever the plan's size:
//! at most [`ENUMERATE_LIMIT`] packages are listed, at most [`MAX_SAMPLES`] are drawn for the
//! density, and the frontier work is linear-logarithmic in the engine's frontier.
//!
//! # Why projecting the frontier is exact
//! The pair's frontier is the Pareto filter of the N-party frontier projected onto (x, y).
//! Take a package P that no package beats on both x and y. Either P is on the N-party
//! frontier, or some frontier point F dominates it; then F is at least as good as P on x
//! and y, and since nothing beats P on the pair, F has exactly P's (x, y). Either way P's
//! value pair is among the projected frontier points. Conversely, if any package R beat a
//! projected point on the pair, the frontier point dominating (or equal to) R would beat it
//! too, so the filter keeps only pairs nothing beats. Hence the filtered projection is the
//! pair's exact frontier whenever the engine's frontier is exact (for an ε-frontier each
//! point is within ε, see [`OutcomeSpace::frontier_exact`]).

use super::compiled::Model;
use super::frontier::Frontier;
use super::points::{BargainingPoint, BargainingPoints};
use super::sensitivity::SplitMix64;

/// Up to this many packages, every package is a point on the chart.
pub const ENUMERATE_LIMIT: u128 = 5_000;
/// Most packages drawn for the density layer; smaller spaces are counted in full.
pub const MAX_SAMPLES: usize = 20_000;
/// Cells per side of the density grid over 0–100 × 0–100 (2 points of value per cell).
pub const GRID: usize = 50;
/// Fixed seed: the same plan always shows the same sample, so the picture does not
/// flicker between edits that do not change it.
const SEED: u64 = 0x0c4a_57ed_5eed_0001;

/// Packages sharing one value pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CloudPoint {
    pub x: f64,
    pub y: f64,
    /// Number of packages with exactly these values for the pair.
    pub count: u32,
}

/// Where the packages lie.
#[derive(Clone, Debug, PartialEq)]
pub enum Cloud {
    /// Every package, identical value pairs merged, sorted by (x, y).
    Points(Vec<CloudPoint>),
    /// Package counts in a [`GRID`]×[`GRID`] grid over 0–100 × 0–100, row-major with row 0
    /// at the lowest y; `drawn` packages were counted (all of them unless `sampled`).
    Density {
        counts: Vec<u32>,
        drawn: usize,
        sampled: bool,
    },
}

/// Which reference package a mark stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Nash,
    KalaiSmorodinsky,
    MaxJoint,
}

impl MarkKind {
    pub const ALL: [MarkKind; 3] = [
        MarkKind::Nash,
        MarkKind::KalaiSmorodinsky,
        MarkKind::MaxJoint,
    ];

    /// The name people read in the legend and the readout.
    pub fn label(self) -> &'static str {
        match self {
            MarkKind::Nash => "Nash bargaining solution",
            MarkKind::KalaiSmorodinsky => "Kalai–Smorodinsky",
            MarkKind::MaxJoint => "Max joint gain",
        }
    }

    /// The name inside a sentence ("Nash, Kalai–Smorodinsky and max joint gain …").
    pub fn short(self) -> &'static str {
        match self {
            MarkKind::Nash => "Nash",
            MarkKind::KalaiSmorodinsky => "Kalai–Smorodinsky",
            MarkKind::MaxJoint => "max joint gain",
        }
    }

    /// The engine's point this kind stands for. With no package acceptable to everyone,
    /// max joint gain is the best joint value overall (the readout says whom it fails).
    pub fn point(self, points: &BargainingPoints) -> Option<&BargainingPoint> {
        match self {
            MarkKind::Nash => points.nash.as_ref(),
            MarkKind::KalaiSmorodinsky => points.kalai_smorodinsky.as_ref(),
            MarkKind::MaxJoint => points
                .max_joint
                .as_ref()
                .or(points.max_joint_unconstrained.as_ref()),
        }
    }
}

/// Reference points that are the same package, named in one sentence: "Nash,
/// Kalai–Smorodinsky and max joint gain are the same package." `None` when `kinds` holds
/// fewer than two.
pub fn same_package(kinds: &[MarkKind]) -> Option<String> {
    if kinds.len() < 2 {
        return None;
    }
    let names: Vec<String> = kinds.iter().map(|k| k.short().to_string()).collect();
    let text = crate::analysis::explain::list(&names);
    let mut chars = text.chars();
    let first: String = chars.next()?.to_uppercase().collect();
    Some(format!("{first}{} are the same package.", chars.as_str()))
}

/// The reference points of `marks` grouped by package, in mark order: one group per
/// package, each with the kinds that chose it.
pub fn mark_groups(marks: &[Mark]) -> Vec<Vec<MarkKind>> {
    let mut groups: Vec<(&Vec<usize>, Vec<MarkKind>)> = Vec::new();
    for m in marks {
        match groups.iter_mut().find(|(p, _)| **p == m.point.package) {
            Some((_, kinds)) => kinds.push(m.kind),
            None => groups.push((&m.point.package, vec![m.kind])),
        }
    }
    groups.into_iter().map(|(_, k)| k).collect()
}

/// A reference package projected onto the pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub x: f64,
    pub y: f64,
    /// The engine's point (values for every party, package, acceptability).
    pub point: BargainingPoint,
}

/// Everything the chart draws for one pair of parties.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeSpace {
    /// Party on the horizontal axis.
    pub x: usize,
    /// Party on the vertical axis.
    pub y: usize,
    /// Number of packages in the plan (saturating).
    pub total: u128,
    pub cloud: Cloud,
    /// The pair's Pareto frontier, x ascending (so y descending).
    pub frontier: Vec<(f64, f64)>,
    /// False when the engine thinned its frontier (then each point is within ε).
    pub frontier_exact: bool,
    /// Reservation values of x and y.
    pub reservation: (f64, f64),
    /// Outline of the region where both parties get at least their reservation value and
    /// some package reaches that far (a staircase whose outer corners are real packages);
    /// empty when no package beats both reservation values.
    pub zopa: Vec<(f64, f64)>,
    /// Nash, Kalai–Smorodinsky and max joint gain, those that exist.
    pub marks: Vec<Mark>,
}

/// The outcome space of parties `x` and `y`; `None` when they are the same party or out of
/// range.
pub fn outcome_space(
    model: &Model,
    frontier: &Frontier,
    points: &BargainingPoints,
    x: usize,
    y: usize,
) -> Option<OutcomeSpace> {
    let np = model.parties();
    if x == y || x >= np || y >= np || frontier.parties() != np {
        return None;
    }
    let pairs = pair_contributions(model, x, y);
    let total = model.package_count();
    let cloud = if total <= ENUMERATE_LIMIT {
        Cloud::Points(enumerate(&pairs))
    } else {
        density(&pairs, total)
    };
    let front = pair_frontier(frontier, x, y);
    let rv = model.reservations_fixed();
    let (rx, ry) = (rv[x], rv[y]);
    let zopa = zopa(model, &front, rx, ry);
    let marks = MarkKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let p = kind.point(points)?;
            Some(Mark {
                kind,
                x: *p.values.get(x)?,
                y: *p.values.get(y)?,
                point: p.clone(),
            })
        })
        .collect();
    Some(OutcomeSpace {
        x,
        y,
        total,
        cloud,
        frontier: front
            .iter()
            .map(|&(a, b)| (model.from_fixed(a), model.from_fixed(b)))
            .collect(),
        frontier_exact: frontier.is_exact(),
        reservation: (model.from_fixed(rx), model.from_fixed(ry)),
        zopa,
        marks,
    })
}

/// Per issue, the (x, y) contributions of its allowed options in fixed point. Issues with a
/// single option only shift every package, so they are folded into one constant.
struct Pairs {
    /// Units per point of the model.
    scale: f64,
    base: (i64, i64),
    issues: Vec<Vec<(i64, i64)>>,
}

fn pair_contributions(model: &Model, x: usize, y: usize) -> Pairs {
    let mut base = (0i64, 0i64);
    let mut issues = Vec::new();
    for i in 0..model.issues() {
        let opts: Vec<(i64, i64)> = model
            .allowed(i)
            .iter()
            .map(|&o| {
                let c = model.contrib_slice(i, o);
                (
                    c.get(x).copied().unwrap_or(0),
                    c.get(y).copied().unwrap_or(0),
                )
            })
            .collect();
        match opts.as_slice() {
            [] => {}
            [only] => {
                base.0 += only.0;
                base.1 += only.1;
            }
            _ => issues.push(opts),
        }
    }
    Pairs {
        scale: model.scale(),
        base,
        issues,
    }
}

/// Calls `f` with the value pair of every package (odometer over the issues).
fn for_each_package(pairs: &Pairs, mut f: impl FnMut(i64, i64)) {
    let n = pairs.issues.len();
    let mut idx = vec![0usize; n];
    loop {
        let (mut vx, mut vy) = pairs.base;
        for (opts, &k) in pairs.issues.iter().zip(&idx) {
            vx += opts[k].0;
            vy += opts[k].1;
        }
        f(vx, vy);
        let mut i = n;
        loop {
            if i == 0 {
                return;
            }
            i -= 1;
            idx[i] += 1;
            if idx[i] < pairs.issues[i].len() {
                break;
            }
            idx[i] = 0;
        }
    }
}

fn enumerate(pairs: &Pairs) -> Vec<CloudPoint> {
    let mut all = Vec::new();
    for_each_package(pairs, |vx, vy| all.push((vx, vy)));
    all.sort_unstable();
    let mut out: Vec<CloudPoint> = Vec::new();
    let mut last: Option<(i64, i64)> = None;
    for v in all {
        match out.last_mut() {
            Some(p) if last == Some(v) => p.count = p.count.saturating_add(1),
            _ => out.push(CloudPoint {
                x: v.0 as f64 / pairs.scale,
                y: v.1 as f64 / pairs.scale,
                count: 1,
            }),
        }
        last = Some(v);
    }
    out
}

fn cell(v: i64, scale: f64) -> usize {
    let f = (v as f64 / scale).clamp(0.0, 100.0) / 100.0 * GRID as f64;
    (f as usize).min(GRID - 1)
}

fn density(pairs: &Pairs, total: u128) -> Cloud {
    let mut counts = vec![0u32; GRID * GRID];
    let mut add = |vx: i64, vy: i64| {
        let c = &mut counts[cell(vy, pairs.scale) * GRID + cell(vx, pairs.scale)];
        *c = c.saturating_add(1);
    };
    if total <= MAX_SAMPLES as u128 {
        for_each_package(pairs, &mut add);
        return Cloud::Density {
            counts,
            drawn: total as usize,
            sampled: false,
        };
    }
    let mut rng = SplitMix64::new(SEED);
    for _ in 0..MAX_SAMPLES {
        let (mut vx, mut vy) = pairs.base;
        for opts in &pairs.issues {
            // Multiply-high maps 64 random bits onto 0..len without a division.
            let k = ((u128::from(rng.next_u64()) * opts.len() as u128) >> 64) as usize;
            let (cx, cy) = opts[k.min(opts.len() - 1)];
            vx += cx;
            vy += cy;
        }
        add(vx, vy);
    }
    Cloud::Density {
        counts,
        drawn: MAX_SAMPLES,
        sampled: true,
    }
}

/// Pareto filter of the frontier projected onto (x, y), in fixed point, x ascending.
fn pair_frontier(frontier: &Frontier, x: usize, y: usize) -> Vec<(i64, i64)> {
    let mut proj: Vec<(i64, i64)> = (0..frontier.len())
        .filter_map(|k| {
            let v = frontier.values_fixed(k);
            Some((*v.get(x)?, *v.get(y)?))
        })
        .collect();
    // Visited descending by (x, y): every point comes after those that could dominate it,
    // so one sweep keeping the points whose y beats every y seen so far is exact. (A plain
    // ascending sort, walked backwards, shares its code with the other sorts here.)
    proj.sort_unstable();
    let mut out = Vec::new();
    let mut best_y = i64::MIN;
    for p in proj.into_iter().rev() {
        if p.1 > best_y {
            best_y = p.1;
            out.push(p);
        }
    }
    out.reverse();
    out
}

/// The staircase under the frontier points that beat both reservation values: the values
/// both parties can get at once from some package, above their reservation values. Its
/// outer corners are frontier packages, so it never shades a zone no package reaches
/// (a straight line between two frontier points could).
fn zopa(model: &Model, front: &[(i64, i64)], rx: i64, ry: i64) -> Vec<(f64, f64)> {
    let tol = model.tolerance_fixed();
    let inside: Vec<(i64, i64)> = front
        .iter()
        .copied()
        .filter(|&(a, b)| a >= rx - tol && b >= ry - tol)
        .collect();
    let Some(&(_, top)) = inside.first() else {
        return Vec::new();
    };
    let f = |v: i64| model.from_fixed(v);
    let mut out = vec![(f(rx), f(ry)), (f(rx), f(top))];
    for (k, &(a, b)) in inside.iter().enumerate() {
        let a = a.max(rx);
        out.push((f(a), f(b)));
        let next_y = inside.get(k + 1).map_or(ry, |n| n.1);
        out.push((f(a), f(next_y)));
    }
    out.dedup();
    out
}

/// A line through `points` with consecutive kept points at least `min_step` apart in x or
/// y (first and last always kept): enough to draw a frontier of thousands of points.
pub fn thin_line(points: &[(f64, f64)], min_step: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (k, &p) in points.iter().enumerate() {
        let last = k + 1 == points.len();
        match out.last() {
            Some(&q) if !last && (p.0 - q.0).abs() < min_step && (p.1 - q.1).abs() < min_step => {}
            _ => out.push(p),
        }
    }
    out
}

/// "1,296", or "about 10³⁰" for counts too long to read.
pub fn describe_count(n: u128) -> String {
    if n == u128::MAX {
        return "more than 10³⁸".into();
    }
    if n < 10_000_000_000 {
        // u64 arithmetic: formatting a u128 would add its own division code to the page.
        let digits = (n as u64).to_string();
        let mut out = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        return out;
    }
    let sup: String = ((n as f64).log10().floor() as u32)
        .to_string()
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect();
    format!("about 10{sup}")
}

#[cfg(test)]
mod tests {
    use super::super::frontier::{compute_frontier, FrontierOptions};
    use super::super::oracle;
    use super::super::points::bargaining_points;
    use super::super::problem::Problem;
    use super::*;

    /// A random problem with integer weights and ratings (exact in fixed point).
    fn random_problem(rng: &mut SplitMix64, parties: usize, options: &[usize]) -> Problem {
        let pick = |rng: &mut SplitMix64, n: u64| (rng.next_u64() % n) as f64;
        let weights: Vec<Vec<f64>> = (0..parties)
            .map(|_| options.iter().map(|_| 1.0 + pick(rng, 9)).collect())
            .collect();
        let ratings: Vec<Vec<Vec<f64>>> = (0..parties)
            .map(|_| {
                options
                    .iter()
                    .map(|&m| (0..m).map(|_| 10.0 * pick(rng, 11)).collect())
                    .collect()
            })
            .collect();
        let rv: Vec<f64> = (0..parties).map(|_| 5.0 * pick(rng, 13)).collect();
        Problem::from_matrices(&weights, &ratings, &rv, Some(0))
    }

    fn space_of(problem: &Problem, x: usize, y: usize) -> (Model, OutcomeSpace) {
        let (model, _) = problem.compile().expect("valid");
        let f = compute_frontier(&model, &FrontierOptions::default());
        let b = bargaining_points(&model, &f);
        let s = outcome_space(&model, &f, &b, x, y).expect("a pair");
        (model, s)
    }

    /// Every package's (x, y) in fixed point, from the brute-force oracle.
    fn oracle_pairs(model: &Model, x: usize, y: usize) -> Vec<(i64, i64)> {
        let e = oracle::enumerate(model, 1_000_000).expect("small");
        (0..e.len())
            .map(|k| (e.values(k)[x], e.values(k)[y]))
            .collect()
    }

    fn brute_pair_frontier(pairs: &[(i64, i64)]) -> Vec<(i64, i64)> {
        let mut out: Vec<(i64, i64)> = pairs
            .iter()
            .copied()
            .filter(|p| {
                !pairs
                    .iter()
                    .any(|q| q.0 >= p.0 && q.1 >= p.1 && (q.0 > p.0 || q.1 > p.1))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn fixed(model: &Model, points: &[(f64, f64)]) -> Vec<(i64, i64)> {
        points
            .iter()
            .map(|&(a, b)| (model.to_fixed(a), model.to_fixed(b)))
            .collect()
    }

    fn cases() -> Vec<(Problem, usize, usize)> {
        let mut rng = SplitMix64::new(7);
        let mut out = Vec::new();
        for round in 0..40 {
            let parties = 2 + round % 3;
            let issues = 1 + round % 4;
            let options: Vec<usize> = (0..issues)
                .map(|_| 1 + (rng.next_u64() % 4) as usize)
                .collect();
            let p = random_problem(&mut rng, parties, &options);
            let x = round % parties;
            let y = (x + 1 + round / 3 % (parties - 1)) % parties;
            out.push((p, x, y));
        }
        out
    }

    #[test]
    fn every_point_is_a_real_package_value_and_every_package_is_counted() {
        for (p, x, y) in cases() {
            let (model, s) = space_of(&p, x, y);
            let Cloud::Points(points) = &s.cloud else {
                panic!("a small space is listed point by point");
            };
            let mut want = oracle_pairs(&model, x, y);
            want.sort_unstable();
            let mut got: Vec<(i64, i64)> = Vec::new();
            for c in points {
                for _ in 0..c.count {
                    got.push((model.to_fixed(c.x), model.to_fixed(c.y)));
                }
            }
            assert_eq!(got, want, "pair ({x}, {y}) of {p:?}");
            assert!(points
                .windows(2)
                .all(|w| (w[0].x, w[0].y) < (w[1].x, w[1].y)));
        }
    }

    #[test]
    fn the_pair_frontier_equals_the_brute_force_frontier_of_the_pair() {
        for (p, x, y) in cases() {
            let (model, s) = space_of(&p, x, y);
            let want = brute_pair_frontier(&oracle_pairs(&model, x, y));
            assert_eq!(fixed(&model, &s.frontier), want, "pair ({x}, {y}) of {p:?}");
            assert!(s.frontier_exact);
        }
    }

    #[test]
    fn the_zopa_is_bounded_by_the_reservation_values_and_reached_by_packages() {
        let mut nonempty = 0;
        let mut empty = 0;
        for (p, x, y) in cases() {
            let (model, s) = space_of(&p, x, y);
            let (rx, ry) = s.reservation;
            let pairs = oracle_pairs(&model, x, y);
            let acceptable: Vec<(f64, f64)> = pairs
                .iter()
                .map(|&(a, b)| (model.from_fixed(a), model.from_fixed(b)))
                .filter(|&(a, b)| a >= rx - 1e-9 && b >= ry - 1e-9)
                .collect();
            assert_eq!(s.zopa.is_empty(), acceptable.is_empty(), "{p:?}");
            if s.zopa.is_empty() {
                empty += 1;
                continue;
            }
            nonempty += 1;
            assert_eq!(
                s.zopa[0],
                (rx, ry),
                "the zone starts at the reservation corner"
            );
            let reached = |v: (f64, f64)| {
                pairs.iter().any(|&(a, b)| {
                    model.from_fixed(a) >= v.0 - 1e-9 && model.from_fixed(b) >= v.1 - 1e-9
                })
            };
            for &v in &s.zopa {
                assert!(
                    v.0 >= rx - 1e-9 && v.1 >= ry - 1e-9,
                    "{v:?} below a reservation"
                );
                assert!(reached(v), "no package reaches {v:?}");
            }
            // Every acceptable package lies inside: some corner is at least as good.
            for a in acceptable {
                assert!(
                    s.zopa
                        .iter()
                        .any(|v| v.0 >= a.0 - 1e-9 && v.1 >= a.1 - 1e-9),
                    "{a:?} outside the zone {:?}",
                    s.zopa
                );
            }
        }
        assert!(
            nonempty > 5 && empty > 0,
            "{nonempty} with a zone, {empty} without"
        );
    }

    #[test]
    fn marks_are_the_engine_points_projected() {
        let p = random_problem(&mut SplitMix64::new(3), 3, &[3, 3, 2]);
        let (model, s) = space_of(&p, 2, 0);
        let f = compute_frontier(&model, &FrontierOptions::default());
        let b = bargaining_points(&model, &f);
        let nash = s.marks.iter().find(|m| m.kind == MarkKind::Nash);
        match (&b.nash, nash) {
            (Some(n), Some(m)) => {
                assert_eq!((m.x, m.y), (n.values[2], n.values[0]));
                assert_eq!(model.value(&m.point.package).expect("ok"), n.values);
            }
            (None, None) => {}
            other => panic!("Nash mark does not match the engine: {other:?}"),
        }
        assert!(s.marks.iter().any(|m| m.kind == MarkKind::MaxJoint));
    }

    #[test]
    fn three_parties_project_onto_any_pair() {
        let plan = crate::model::three_party(crate::model::PlanId::parse("p1").expect("id"), 0);
        let pp = crate::analysis::plan::PlanProblem::from_plan(&plan);
        for (x, y) in [(0, 1), (0, 2), (2, 1)] {
            let (model, s) = space_of(&pp.problem, x, y);
            let pairs = oracle_pairs(&model, x, y);
            assert_eq!(fixed(&model, &s.frontier), brute_pair_frontier(&pairs));
            let Cloud::Points(points) = &s.cloud else {
                panic!("243 packages are listed");
            };
            assert_eq!(points.iter().map(|c| c.count as usize).sum::<usize>(), 243);
            assert_eq!(s.reservation.0, plan.parties[x].reservation.value);
        }
    }

    #[test]
    fn a_pair_must_be_two_different_parties() {
        let p = random_problem(&mut SplitMix64::new(1), 2, &[2, 2]);
        let (model, _) = p.compile().expect("valid");
        let f = compute_frontier(&model, &FrontierOptions::default());
        let b = bargaining_points(&model, &f);
        assert!(outcome_space(&model, &f, &b, 1, 1).is_none());
        assert!(outcome_space(&model, &f, &b, 0, 2).is_none());
        assert!(outcome_space(&model, &f, &b, 1, 0).is_some());
    }

    /// 2 parties, `n` issues of `m` options with opposed, varied ratings.
    fn big(n: usize, m: usize) -> Problem {
        let mut rng = SplitMix64::new(11);
        random_problem(&mut rng, 2, &vec![m; n])
    }

    #[test]
    fn medium_spaces_are_counted_in_full_on_the_grid() {
        // 4^7 = 16,384 packages: above the listing limit, below the sample size.
        let p = big(7, 4);
        let (model, s) = space_of(&p, 0, 1);
        let Cloud::Density {
            counts,
            drawn,
            sampled,
        } = &s.cloud
        else {
            panic!("16,384 packages are shown as a density");
        };
        assert!(!sampled);
        assert_eq!(*drawn, 16_384);
        let mut want = vec![0u32; GRID * GRID];
        for (a, b) in oracle_pairs(&model, 0, 1) {
            want[cell(b, model.scale()) * GRID + cell(a, model.scale())] += 1;
        }
        assert_eq!(counts, &want);
    }

    #[test]
    fn large_spaces_are_sampled_deterministically_and_without_bias() {
        let p = big(30, 10);
        let (model, s) = space_of(&p, 0, 1);
        let (_, again) = space_of(&p, 0, 1);
        assert_eq!(s, again, "the same plan gives the same sample");
        assert_eq!(s.total, 10u128.pow(30));
        let Cloud::Density {
            counts,
            drawn,
            sampled,
        } = &s.cloud
        else {
            panic!("10^30 packages are shown as a density");
        };
        assert!(sampled);
        assert_eq!(*drawn, MAX_SAMPLES);
        assert_eq!(
            counts.iter().map(|&c| c as usize).sum::<usize>(),
            MAX_SAMPLES
        );
        // The sample's mean value for x is close to the mean over all packages, which is
        // the sum over issues of each issue's mean contribution.
        let exact: f64 = (0..model.issues())
            .map(|i| (0..10).map(|o| model.contribution(i, o, 0)).sum::<f64>() / 10.0)
            .sum();
        let cells = GRID as f64;
        let sampled_mean: f64 = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| (((k % GRID) as f64 + 0.5) * 100.0 / cells) * c as f64)
            .sum::<f64>()
            / MAX_SAMPLES as f64;
        assert!(
            (sampled_mean - exact).abs() < 1.5,
            "sample mean {sampled_mean} vs {exact}"
        );
        // The frontier of 30 issues is long; the chart draws a thinned line.
        assert!(s.frontier.len() > 30);
        let line = thin_line(&s.frontier, 0.5);
        assert!(line.len() <= s.frontier.len());
        assert_eq!(line.first(), s.frontier.first());
        assert_eq!(line.last(), s.frontier.last());
    }

    #[test]
    fn thin_line_keeps_the_ends_and_drops_close_points() {
        let pts = [(0.0, 10.0), (0.1, 9.95), (0.2, 9.9), (5.0, 5.0), (5.1, 4.9)];
        assert_eq!(
            thin_line(&pts, 1.0),
            vec![(0.0, 10.0), (5.0, 5.0), (5.1, 4.9)]
        );
        assert!(thin_line(&[], 1.0).is_empty());
        assert_eq!(thin_line(&[(1.0, 1.0)], 1.0), vec![(1.0, 1.0)]);
    }

    #[test]
    fn counts_read_plainly() {
        assert_eq!(describe_count(7), "7");
        assert_eq!(describe_count(1_296), "1,296");
        assert_eq!(describe_count(60_466_176), "60,466,176");
        assert_eq!(describe_count(10u128.pow(30)), "about 10³⁰");
        assert_eq!(describe_count(3 * 10u128.pow(12)), "about 10¹²");
        assert_eq!(describe_count(9_999_999_999), "9,999,999,999");
        assert_eq!(describe_count(u128::MAX), "more than 10³⁸");
    }
}
