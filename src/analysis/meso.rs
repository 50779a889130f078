//! MESOs: multiple equivalent simultaneous offers.
//!
//! We want `k` packages that are (nearly) equal for us — our value within `target ± band`,
//! default target our value at the Nash package — all acceptable to every party (us
//! included), and as different from each other as possible, so the counterpart's choice
//! reveals what it values. Packages only use options not dominated within their issue (an
//! offer with such an option gives something away for nothing); when that leaves nothing in
//! the band but such a package would fit, [`MesoSet::wasteful_only`] says so.
//!
//! Two offers of one set always differ in value for at least one counterpart: otherwise the
//! counterpart's choice between them would reveal nothing. Their *distance* is the number of
//! issues on which their options differ in value for some counterpart (an issue nobody but
//! us weighs, or options the counterparts rate alike, does not count).
//!
//! Selection is greedy, and this is what "as different as possible" means here: the first
//! offer maximises the counterparts' total value in the band; each next offer maximises the
//! minimum distance to the offers already chosen, ties broken by the counterparts' total
//! value. Each pick is an exact branch-and-bound over the package space (bounds on our value,
//! every party's reservation value, the reachable distance and the counterparts' value); a
//! node budget caps huge plans, after which the best offer found so far is used and
//! [`MesoSet::exact`] is false. Offers are returned ranked by the counterparts' total value,
//! highest first. Values are the model's integers, so "equal" and every tie are exact.

use super::compiled::Model;
use super::points::BargainingPoints;
use super::problem::Problem;

/// MESO settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MesoOptions {
    /// Number of offers wanted (default 3).
    pub count: usize,
    /// Half-width of our value band, 0–100 scale (default 2).
    pub band: f64,
    /// Our target value; `None` = our value at the Nash package.
    pub target: Option<f64>,
    /// Search nodes allowed per offer.
    pub node_budget: u64,
}

impl Default for MesoOptions {
    fn default() -> Self {
        Self {
            count: 3,
            band: 2.0,
            target: None,
            node_budget: 1_000_000,
        }
    }
}

/// Why no MESO set could be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MesoError {
    /// MESOs are equivalent *for us*: the problem has no "us" party.
    NoUsParty,
    /// No package is acceptable to every party.
    NoZopa,
    /// Band or target is not a finite number, or band is negative.
    InvalidOptions,
}

impl std::fmt::Display for MesoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoUsParty => write!(f, "MESOs need a party marked as us"),
            Self::NoZopa => write!(f, "no package is acceptable to every party"),
            Self::InvalidOptions => write!(f, "band and target must be finite, band ≥ 0"),
        }
    }
}

impl std::error::Error for MesoError {}

/// One changed issue of an offer versus the reference package.
#[derive(Clone, Debug, PartialEq)]
pub struct MesoChange {
    /// The issue.
    pub issue: usize,
    /// Option in the reference package.
    pub from: usize,
    /// Option in the offer.
    pub to: usize,
    /// Change of our value (negative: we give).
    pub our_delta: f64,
    /// Change of the counterparts' total value.
    pub counterpart_delta: f64,
}

/// One offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Meso {
    /// The package.
    pub package: Vec<usize>,
    /// Value per party.
    pub values: Vec<f64>,
    /// Sum of the counterparts' values (the ranking key).
    pub counterpart_total: f64,
    /// Differences from the reference package.
    pub changes: Vec<MesoChange>,
}

/// A set of offers.
#[derive(Clone, Debug, PartialEq)]
pub struct MesoSet {
    /// Our target value.
    pub target: f64,
    /// Band half-width.
    pub band: f64,
    /// Package the changes are described against (the Nash package).
    pub reference: Option<Vec<usize>>,
    /// Offers, ranked by counterparts' total value (highest first). Fewer than requested
    /// when fewer packages satisfy the constraints.
    pub offers: Vec<Meso>,
    /// Minimum distance between any two offers: issues on which their options differ in
    /// value for some counterpart (`None` with fewer than two).
    pub min_pairwise_distance: Option<usize>,
    /// Whether every greedy pick was searched exhaustively.
    pub exact: bool,
    /// Indices into `offers` in the order the greedy search picked them.
    pub pick_order: Vec<usize>,
    /// No offer was found, yet some package in the band is acceptable to everyone: every such
    /// package uses an option that another option of its issue beats for some party at no
    /// cost to the others, so it was left out (offering it would give value away).
    pub wasteful_only: bool,
}

/// Per issue and option, a class shared by the options worth the same to every
/// counterpart: two offers differ noticeably on an issue when their classes differ there.
fn counterpart_classes(model: &Model, us: usize) -> Vec<Vec<usize>> {
    let cp = |i: usize, o: usize| -> Vec<i64> {
        let c = model.contrib_slice(i, o);
        c.iter()
            .enumerate()
            .filter(|&(p, _)| p != us)
            .map(|(_, &v)| v)
            .collect()
    };
    (0..model.issues())
        .map(|i| {
            let m = model.option_count(i);
            let keys: Vec<Vec<i64>> = (0..m).map(|o| cp(i, o)).collect();
            (0..m)
                .map(|o| keys.iter().position(|k| *k == keys[o]).unwrap_or(o))
                .collect()
        })
        .collect()
}

struct Pick<'a> {
    model: &'a Model,
    n: usize,
    np: usize,
    us: usize,
    opts: Vec<Vec<usize>>,
    class: Vec<Vec<usize>>,
    lo: i64,
    hi: i64,
    floor: Vec<i64>,
    suf_max: Vec<i64>,
    suf_min_us: Vec<i64>,
    suf_max_cp: Vec<i64>,
    chosen: Vec<Vec<usize>>,
    /// Values of the chosen offers.
    chosen_vals: Vec<Vec<i64>>,
    /// Per chosen offer, `reach[k][i]`: the issues from `i` on where some option differs from
    /// offer k's in value for a counterpart (the most its distance can still grow).
    reach: Vec<Vec<usize>>,
    vals: Vec<i64>,
    dist: Vec<usize>,
    pkg: Vec<usize>,
    best: Option<(usize, i64, Vec<usize>)>,
    nodes: u64,
    budget: u64,
    exhausted: bool,
}

impl Pick<'_> {
    fn cp_sum(&self) -> i64 {
        self.vals
            .iter()
            .enumerate()
            .filter(|&(p, _)| p != self.us)
            .map(|(_, &v)| v)
            .sum()
    }

    /// `reach` of a newly chosen offer (see the field).
    fn reach_of(&self, offer: &[usize]) -> Vec<usize> {
        let mut r = vec![0usize; self.n + 1];
        for i in (0..self.n).rev() {
            let cls = &self.class[i];
            let felt = self.opts[i].iter().any(|&o| cls[o] != cls[offer[i]]);
            r[i] = r[i + 1] + usize::from(felt);
        }
        r
    }

    /// Whether the current values differ from a chosen offer's for some counterpart.
    fn differs_for_them(&self, chosen: &[i64]) -> bool {
        self.vals
            .iter()
            .zip(chosen)
            .enumerate()
            .any(|(p, (a, b))| p != self.us && a != b)
    }

    fn dfs(&mut self, i: usize) {
        if self.exhausted {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.budget {
            self.exhausted = true;
            return;
        }
        let np = self.np;
        let big = self.n + 1;
        if i == self.n {
            let u = self.vals[self.us];
            if u < self.lo || u > self.hi {
                return;
            }
            if self.vals.iter().zip(&self.floor).any(|(v, f)| v < f) {
                return;
            }
            if !self.chosen_vals.iter().all(|c| self.differs_for_them(c)) {
                return;
            }
            let mind = self.dist.iter().copied().min().unwrap_or(big);
            let cp = self.cp_sum();
            let better = match &self.best {
                None => true,
                Some((bd, bc, _)) => mind > *bd || (mind == *bd && cp > *bc),
            };
            if better {
                self.best = Some((mind, cp, self.pkg.clone()));
            }
            return;
        }
        let u = self.vals[self.us];
        if u + self.suf_max[i * np + self.us] < self.lo || u + self.suf_min_us[i] > self.hi {
            return;
        }
        if (0..np).any(|p| self.vals[p] + self.suf_max[i * np + p] < self.floor[p]) {
            return;
        }
        let ub = self
            .dist
            .iter()
            .zip(&self.reach)
            .map(|(d, r)| d + r[i])
            .min()
            .unwrap_or(big);
        if let Some((bd, bc, _)) = &self.best {
            if ub < *bd || (ub == *bd && self.cp_sum() + self.suf_max_cp[i] <= *bc) {
                return;
            }
        }
        // Two passes: options that differ from every chosen offer first (diversity), then
        // the rest; within a pass, best for the counterparts first.
        for pass in 0..2 {
            for j in 0..self.opts[i].len() {
                let o = self.opts[i][j];
                let cls = &self.class[i];
                let differs_all = self.chosen.iter().all(|c| cls[c[i]] != cls[o]);
                if differs_all != (pass == 0) {
                    continue;
                }
                self.step(i, o, true);
                self.dfs(i + 1);
                self.step(i, o, false);
                if self.exhausted {
                    return;
                }
            }
        }
    }

    /// Takes option `o` of issue `i` (`add`) or puts it back.
    fn step(&mut self, i: usize, o: usize, add: bool) {
        let c = self.model.contrib_slice(i, o);
        for (v, d) in self.vals.iter_mut().zip(c) {
            *v = if add { *v + d } else { *v - d };
        }
        let cls = &self.class[i];
        for (k, ch) in self.chosen.iter().enumerate() {
            if cls[ch[i]] != cls[o] {
                if add {
                    self.dist[k] += 1;
                } else {
                    self.dist[k] -= 1;
                }
            }
        }
        if add {
            self.pkg[i] = o;
        }
    }
}

/// Bounds of our value band in fixed point: the values in `[target − band, target + band]`
/// (its edges read with the method's 1e-9 tolerance, as they are typed numbers) and at least
/// our reservation value.
pub fn band_bounds(model: &Model, target: f64, band: f64) -> (i64, i64) {
    let us = model.us().unwrap_or(0);
    let rv = model.reservations_fixed().get(us).copied().unwrap_or(0);
    let s = model.scale();
    let slack = 1e-9 * s;
    (
        (((target - band) * s - slack).ceil() as i64).max(rv - model.tolerance_fixed()),
        ((target + band) * s + slack).floor() as i64,
    )
}

/// Whether some package using any allowed option (within-issue dominated ones included) has
/// our value in `[lo, hi]` and is acceptable to everyone; `None` when the search ran out of
/// `budget` nodes first.
fn any_in_band(
    model: &Model,
    us: usize,
    lo: i64,
    hi: i64,
    floor: &[i64],
    budget: u64,
) -> Option<bool> {
    let n = model.issues();
    let np = model.parties();
    let mut suf_max = vec![0i64; (n + 1) * np];
    let mut suf_min_us = vec![0i64; n + 1];
    for i in (0..n).rev() {
        for p in 0..np {
            let m = model
                .allowed(i)
                .iter()
                .map(|&o| model.contrib_slice(i, o).get(p).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            suf_max[i * np + p] = suf_max[(i + 1) * np + p] + m;
        }
        let m = model
            .allowed(i)
            .iter()
            .map(|&o| model.contrib_slice(i, o).get(us).copied().unwrap_or(0))
            .min()
            .unwrap_or(0);
        suf_min_us[i] = suf_min_us[i + 1] + m;
    }
    struct Search<'a> {
        model: &'a Model,
        us: usize,
        lo: i64,
        hi: i64,
        floor: &'a [i64],
        suf_max: Vec<i64>,
        suf_min_us: Vec<i64>,
        vals: Vec<i64>,
        nodes: u64,
        budget: u64,
    }
    impl Search<'_> {
        /// `Some(true)` found, `Some(false)` none below this node, `None` out of budget.
        fn dfs(&mut self, i: usize) -> Option<bool> {
            self.nodes += 1;
            if self.nodes > self.budget {
                return None;
            }
            let np = self.vals.len();
            let u = self.vals[self.us];
            if u + self.suf_max[i * np + self.us] < self.lo || u + self.suf_min_us[i] > self.hi {
                return Some(false);
            }
            if (0..np).any(|p| self.vals[p] + self.suf_max[i * np + p] < self.floor[p]) {
                return Some(false);
            }
            if i == self.model.issues() {
                return Some(true);
            }
            for &o in self.model.allowed(i) {
                let c = self.model.contrib_slice(i, o);
                for (v, d) in self.vals.iter_mut().zip(c) {
                    *v += d;
                }
                let r = self.dfs(i + 1);
                for (v, d) in self.vals.iter_mut().zip(c) {
                    *v -= d;
                }
                if r != Some(false) {
                    return r;
                }
            }
            Some(false)
        }
    }
    let mut s = Search {
        model,
        us,
        lo,
        hi,
        floor,
        suf_max,
        suf_min_us,
        vals: vec![0; np],
        nodes: 0,
        budget,
    };
    s.dfs(0)
}

/// Computes a MESO set (see the module docs). `points` must belong to `model`.
pub fn mesos(
    model: &Model,
    points: &BargainingPoints,
    options: &MesoOptions,
) -> Result<MesoSet, MesoError> {
    let us = model.us().ok_or(MesoError::NoUsParty)?;
    if !options.band.is_finite() || options.band < 0.0 {
        return Err(MesoError::InvalidOptions);
    }
    if !points.zopa_nonempty {
        return Err(MesoError::NoZopa);
    }
    let reference = points.nash.as_ref().map(|p| p.package.clone());
    let target = match options.target {
        Some(t) if t.is_finite() => t,
        Some(_) => return Err(MesoError::InvalidOptions),
        None => points
            .nash
            .as_ref()
            .and_then(|p| p.values.get(us).copied())
            .ok_or(MesoError::NoZopa)?,
    };
    let n = model.issues();
    let np = model.parties();
    let (lo, hi) = band_bounds(model, target, options.band);
    let tol = model.tolerance_fixed();
    let floor: Vec<i64> = model
        .reservations_fixed()
        .iter()
        .map(|&r| r - tol)
        .collect();
    let cp_of = |i: usize, o: usize| -> i64 {
        model
            .contrib_slice(i, o)
            .iter()
            .enumerate()
            .filter(|&(p, _)| p != us)
            .map(|(_, &v)| v)
            .sum()
    };
    let mut opts: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut suf_max = vec![0i64; (n + 1) * np];
    let mut suf_min_us = vec![0i64; n + 1];
    let mut suf_max_cp = vec![0i64; n + 1];
    for i in 0..n {
        let mut o: Vec<usize> = model.eligible(i).to_vec();
        o.sort_by_key(|&x| std::cmp::Reverse(cp_of(i, x)));
        opts.push(o);
    }
    for i in (0..n).rev() {
        for p in 0..np {
            let m = opts[i]
                .iter()
                .map(|&o| model.contrib_slice(i, o).get(p).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            suf_max[i * np + p] = suf_max[(i + 1) * np + p] + m;
        }
        let mn = opts[i]
            .iter()
            .map(|&o| model.contrib_slice(i, o).get(us).copied().unwrap_or(0))
            .min()
            .unwrap_or(0);
        suf_min_us[i] = suf_min_us[i + 1] + mn;
        let mc = opts[i].iter().map(|&o| cp_of(i, o)).max().unwrap_or(0);
        suf_max_cp[i] = suf_max_cp[i + 1] + mc;
    }
    let class = counterpart_classes(model, us);
    let mut pick = Pick {
        model,
        n,
        np,
        us,
        opts,
        class,
        lo,
        hi,
        floor,
        suf_max,
        suf_min_us,
        suf_max_cp,
        chosen: Vec::new(),
        chosen_vals: Vec::new(),
        reach: Vec::new(),
        vals: vec![0; np],
        dist: Vec::new(),
        pkg: vec![0; n],
        best: None,
        nodes: 0,
        budget: options.node_budget,
        exhausted: false,
    };
    let mut exact = true;
    for _ in 0..options.count {
        pick.best = None;
        pick.nodes = 0;
        pick.exhausted = false;
        pick.dist = vec![0; pick.chosen.len()];
        pick.vals = vec![0; np];
        pick.dfs(0);
        exact &= !pick.exhausted;
        match pick.best.take() {
            Some((_, _, p)) => {
                pick.chosen_vals
                    .push(model.value_fixed(&p).unwrap_or_default());
                pick.reach.push(pick.reach_of(&p));
                pick.chosen.push(p);
            }
            None => break,
        }
    }
    // Nothing with non-dominated options: is that because only wasteful packages fit?
    let mut wasteful_only = false;
    if pick.chosen.is_empty() && exact {
        match any_in_band(model, us, lo, hi, &pick.floor, options.node_budget) {
            Some(found) => wasteful_only = found,
            None => exact = false,
        }
    }
    let cp_total = |v: &[i64]| -> i64 {
        v.iter()
            .enumerate()
            .filter(|&(p, _)| p != us)
            .map(|(_, &x)| x)
            .sum()
    };
    let picked: Vec<(i64, Meso)> = pick
        .chosen
        .iter()
        .zip(&pick.chosen_vals)
        .map(|(p, v)| (cp_total(v), make_offer(model, p, reference.as_deref())))
        .collect();
    let mut rank: Vec<usize> = (0..picked.len()).collect();
    rank.sort_by(|&a, &b| picked[b].0.cmp(&picked[a].0).then(a.cmp(&b)));
    let mut pick_order = vec![0usize; picked.len()];
    for (pos, &orig) in rank.iter().enumerate() {
        pick_order[orig] = pos;
    }
    let offers: Vec<Meso> = rank.iter().map(|&i| picked[i].1.clone()).collect();
    let mut min_pairwise_distance = None;
    for a in 0..offers.len() {
        for b in a + 1..offers.len() {
            let d = (0..n)
                .filter(|&i| {
                    let cls = &pick.class[i];
                    let (x, y) = (offers[a].package[i], offers[b].package[i]);
                    cls.get(x) != cls.get(y)
                })
                .count();
            min_pairwise_distance = Some(min_pairwise_distance.map_or(d, |m: usize| m.min(d)));
        }
    }
    Ok(MesoSet {
        target,
        band: options.band,
        reference,
        offers,
        min_pairwise_distance,
        exact,
        pick_order,
        wasteful_only,
    })
}

fn make_offer(model: &Model, package: &[usize], reference: Option<&[usize]>) -> Meso {
    let us = model.us().unwrap_or(0);
    let values = model.value(package).unwrap_or_default();
    let counterpart_total = values
        .iter()
        .enumerate()
        .filter(|&(p, _)| p != us)
        .map(|(_, v)| v)
        .sum();
    let mut changes = Vec::new();
    if let Some(r) = reference {
        for (i, (&from, &to)) in r.iter().zip(package).enumerate() {
            if from == to {
                continue;
            }
            let a = model.contrib_slice(i, from);
            let b = model.contrib_slice(i, to);
            let mut cp = 0i64;
            for p in 0..model.parties() {
                if p != us {
                    cp += b.get(p).copied().unwrap_or(0) - a.get(p).copied().unwrap_or(0);
                }
            }
            changes.push(MesoChange {
                issue: i,
                from,
                to,
                our_delta: model
                    .from_fixed(b.get(us).copied().unwrap_or(0) - a.get(us).copied().unwrap_or(0)),
                counterpart_delta: model.from_fixed(cp),
            });
        }
    }
    Meso {
        package: package.to_vec(),
        values,
        counterpart_total,
        changes,
    }
}

impl Meso {
    /// One plain-English sentence saying what this offer trades versus the reference package,
    /// using the problem's issue and option labels.
    pub fn describe(&self, problem: &Problem) -> String {
        let fmt = |c: &MesoChange| {
            format!(
                "{} ({} instead of {})",
                problem.issue_name(c.issue),
                problem.option_label(c.issue, c.to),
                problem.option_label(c.issue, c.from)
            )
        };
        let list = |v: Vec<String>| -> String {
            match v.len() {
                0 => String::new(),
                1 => v[0].clone(),
                _ => {
                    let (last, head) = v
                        .split_last()
                        .map_or((String::new(), &v[..0]), |(l, h)| (l.clone(), h));
                    format!("{} and {}", head.join(", "), last)
                }
            }
        };
        let give: Vec<String> = self
            .changes
            .iter()
            .filter(|c| c.our_delta < 0.0)
            .map(fmt)
            .collect();
        let take: Vec<String> = self
            .changes
            .iter()
            .filter(|c| c.our_delta > 0.0)
            .map(fmt)
            .collect();
        let neutral: Vec<String> = self
            .changes
            .iter()
            .filter(|c| c.our_delta == 0.0)
            .map(fmt)
            .collect();
        let mut s = match (give.is_empty(), take.is_empty()) {
            (true, true) if neutral.is_empty() => {
                return "Same as the reference package.".to_string();
            }
            (true, true) => format!("Changes {} at no cost to us", list(neutral.clone())),
            (false, true) => format!("Gives on {}", list(give)),
            (true, false) => format!("Asks for {}", list(take)),
            (false, false) => format!("Gives on {} in return for {}", list(give), list(take)),
        };
        if !neutral.is_empty() && !(s.starts_with("Changes")) {
            s.push_str(&format!(", and also changes {}", list(neutral)));
        }
        s.push_str(", compared with the reference package.");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::super::frontier::{compute_frontier, FrontierOptions};
    use super::super::points::bargaining_points;
    use super::*;

    #[test]
    fn three_diverse_offers() {
        // Four issues; us cares about all equally, the counterpart prefers different things.
        let p = Problem::from_matrices(
            &[vec![25.0; 4], vec![40.0, 30.0, 20.0, 10.0]],
            &[vec![vec![0.0, 100.0]; 4], vec![vec![100.0, 0.0]; 4]],
            &[0.0, 0.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        let b = bargaining_points(&m, &f);
        let opts = MesoOptions {
            target: Some(50.0),
            band: 0.5,
            ..MesoOptions::default()
        };
        let s = mesos(&m, &b, &opts).expect("ok");
        assert_eq!(s.offers.len(), 3);
        for o in &s.offers {
            assert!((o.values[0] - 50.0).abs() <= 0.5 + 1e-9);
            assert!(!o.describe(&p).is_empty());
        }
        assert!(s.min_pairwise_distance.unwrap_or(0) >= 2);
        assert!(s.offers[0].counterpart_total >= s.offers[1].counterpart_total);
        assert!(s.exact);
    }

    fn set(p: &Problem, target: f64, band: f64) -> MesoSet {
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        let b = bargaining_points(&m, &f);
        let opts = MesoOptions {
            target: Some(target),
            band,
            ..MesoOptions::default()
        };
        mesos(&m, &b, &opts).expect("ok")
    }

    #[test]
    fn offers_differ_in_value_for_a_counterpart() {
        // Issue 0 trades value between us and them; nobody weighs issue 1; only we weigh
        // issue 2. At our 50 every package is worth 50 to them: one offer, not three that
        // differ only on issue 1, where nobody can tell the difference.
        let p = Problem::from_matrices(
            &[vec![50.0, 0.0, 50.0], vec![100.0, 0.0, 0.0]],
            &[
                vec![
                    vec![0.0, 50.0, 100.0],
                    vec![0.0, 50.0, 100.0],
                    vec![40.0, 50.0],
                ],
                vec![
                    vec![100.0, 50.0, 0.0],
                    vec![100.0, 50.0, 0.0],
                    vec![0.0, 100.0],
                ],
            ],
            &[0.0, 0.0],
            Some(0),
        );
        let s = set(&p, 50.0, 5.0);
        assert!(s.exact);
        let theirs: Vec<f64> = s.offers.iter().map(|o| o.values[1]).collect();
        for (a, x) in theirs.iter().enumerate() {
            for y in &theirs[a + 1..] {
                assert_ne!(x, y, "{:?}", s.offers);
            }
        }
        // Worth 45–55 to us means the middle option of issue 0 (and the second of issue 2,
        // which beats the first for us at no cost to them): 50 to them, whatever issue 1 says.
        assert_eq!(theirs, vec![50.0]);
        assert_eq!(s.min_pairwise_distance, None);
    }

    #[test]
    fn a_band_holding_only_wasteful_packages_says_so() {
        // Option 0 (50, 50) is beaten by option 1 (60, 60) for both parties: the only
        // package worth 48–52 to us gives value away.
        let p = Problem::from_matrices(
            &[vec![100.0], vec![100.0]],
            &[vec![vec![50.0, 60.0, 100.0]], vec![vec![50.0, 60.0, 0.0]]],
            &[0.0, 0.0],
            Some(0),
        );
        let s = set(&p, 50.0, 2.0);
        assert!(s.offers.is_empty());
        assert!(s.wasteful_only);
        let s = set(&p, 30.0, 2.0);
        assert!(s.offers.is_empty());
        assert!(!s.wasteful_only);
        assert!(set(&p, 60.0, 2.0).offers.len() == 1);
    }

    #[test]
    fn needs_us() {
        let p = Problem::from_matrices(
            &[vec![100.0], vec![100.0]],
            &[vec![vec![0.0, 100.0]], vec![vec![100.0, 0.0]]],
            &[0.0, 0.0],
            None,
        );
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        let b = bargaining_points(&m, &f);
        assert_eq!(
            mesos(&m, &b, &MesoOptions::default()),
            Err(MesoError::NoUsParty)
        );
    }
}
