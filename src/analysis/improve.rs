//! Improvement of a package that leaves joint gain on the table.
//!
//! For a package `x` that some package dominates, find a package `y` that every party values
//! at least as much as `x` (and someone strictly more) reached by changing the fewest issues.
//! With [`ImproveTarget::Frontier`] (the default) `y` must also be Pareto-optimal, so applying
//! the suggestion leaves nothing on the table; with [`ImproveTarget::AnyDominating`] any
//! dominating package will do (smaller steps, possibly still improvable). Among packages with
//! the fewest changes the one with the largest joint gain is returned.
//!
//! The search tries k = 1, 2, … changed issues with a depth-first branch-and-bound: a branch
//! is cut when some party can no longer get back to its value in `x` (bounded by the best
//! change still available on the remaining issues), when the joint gain cannot beat the best
//! found, or when too few issues remain. For the frontier target, issues where `x` uses an
//! option dominated within its issue must change (no frontier package uses such an option),
//! and only non-dominated options are tried. The search is exact when it completes; a node
//! budget bounds it on huge plans, after which the closest dominating frontier point's package
//! is returned and [`Improvement::fewest_changes_guaranteed`] says whether minimality holds.

use super::compiled::{dominates_fixed, Model};
use super::frontier::Frontier;
use super::problem::PackageError;

/// What an improvement must reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ImproveTarget {
    /// A Pareto-optimal package (default).
    #[default]
    Frontier,
    /// Any package that dominates the given one.
    AnyDominating,
}

/// Search settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImproveOptions {
    /// What the improved package must be.
    pub target: ImproveTarget,
    /// Most search nodes visited before falling back (≈ 10^6 nodes per 10–30 ms natively).
    pub node_budget: u64,
}

impl Default for ImproveOptions {
    fn default() -> Self {
        Self {
            target: ImproveTarget::Frontier,
            node_budget: 2_000_000,
        }
    }
}

/// A suggested improvement.
#[derive(Clone, Debug, PartialEq)]
pub struct Improvement {
    /// The improved package.
    pub package: Vec<usize>,
    /// Issues whose option changes, ascending.
    pub changed_issues: Vec<usize>,
    /// Values of the improved package per party.
    pub values: Vec<f64>,
    /// Gain per party versus the original package (all ≥ 0, one > 0).
    pub gains: Vec<f64>,
    /// Whether no package meeting the target needs fewer changes (always true when the
    /// search completed within its budget).
    pub fewest_changes_guaranteed: bool,
}

/// Result of [`improve`].
#[derive(Clone, Debug, PartialEq)]
pub enum ImproveOutcome {
    /// No package dominates the given one: it is on the frontier.
    AlreadyEfficient,
    /// A dominating package.
    Improved(Improvement),
}

struct Search<'a> {
    frontier: &'a Frontier,
    target: ImproveTarget,
    n: usize,
    np: usize,
    base: Vec<i64>,
    /// Per issue: candidate changes (option, delta per party), best joint delta first.
    changes: Vec<Vec<(usize, Vec<i64>)>>,
    forced: Vec<bool>,
    suffix_forced: Vec<usize>,
    /// `suf_pos[i * np + p]`: most party p can still gain on issues i.. (each issue ≥ 0).
    suf_pos: Vec<i64>,
    /// Most joint gain still available on issues i...
    suf_sum: Vec<i64>,
    nodes: u64,
    budget: u64,
    exhausted: bool,
    g: Vec<i64>,
    pkg: Vec<usize>,
    best: Option<(i64, Vec<usize>)>,
}

impl Search<'_> {
    fn dfs(&mut self, i: usize, left: usize) {
        if self.exhausted {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.budget {
            self.exhausted = true;
            return;
        }
        if i == self.n {
            if left != 0 || self.g.iter().any(|&x| x < 0) || self.g.iter().all(|&x| x == 0) {
                return;
            }
            if self.target == ImproveTarget::Frontier {
                let v: Vec<i64> = self.base.iter().zip(&self.g).map(|(a, b)| a + b).collect();
                if self.frontier.index_of(&v).is_none() {
                    return;
                }
            }
            let sum: i64 = self.g.iter().sum();
            if self.best.as_ref().is_none_or(|(s, _)| sum > *s) {
                self.best = Some((sum, self.pkg.clone()));
            }
            return;
        }
        let remaining = self.n - i;
        if left > remaining || self.suffix_forced[i] > left {
            return;
        }
        let np = self.np;
        if (0..np).any(|p| self.g[p] + self.suf_pos[i * np + p] < 0) {
            return;
        }
        let sum: i64 = self.g.iter().sum();
        if let Some((bs, _)) = &self.best {
            if sum + self.suf_sum[i] <= *bs {
                return;
            }
        }
        if left > 0 {
            let orig = self.pkg[i];
            for c in 0..self.changes[i].len() {
                let (o, ref d) = self.changes[i][c];
                for (gp, dp) in self.g.iter_mut().zip(d) {
                    *gp += dp;
                }
                self.pkg[i] = o;
                self.dfs(i + 1, left - 1);
                let (_, ref d) = self.changes[i][c];
                for (gp, dp) in self.g.iter_mut().zip(d) {
                    *gp -= dp;
                }
                if self.exhausted {
                    break;
                }
            }
            self.pkg[i] = orig;
        }
        if !self.forced[i] && left < remaining {
            self.dfs(i + 1, left);
        }
    }
}

fn hamming(a: &[usize], b: &[usize]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count()
}

fn build(
    model: &Model,
    package: &[usize],
    values: &[i64],
    gains_pkg: Vec<usize>,
    guaranteed: bool,
) -> Improvement {
    let v = model
        .value_fixed(&gains_pkg)
        .unwrap_or_else(|_| values.to_vec());
    Improvement {
        changed_issues: (0..package.len())
            .filter(|&i| package[i] != gains_pkg[i])
            .collect(),
        values: v.iter().map(|&x| model.from_fixed(x)).collect(),
        gains: v
            .iter()
            .zip(values)
            .map(|(a, b)| model.from_fixed(a - b))
            .collect(),
        package: gains_pkg,
        fewest_changes_guaranteed: guaranteed,
    }
}

/// Finds the improvement of `package` (see the module docs). `frontier` must be the frontier
/// of `model`.
pub fn improve(
    model: &Model,
    frontier: &Frontier,
    package: &[usize],
    options: &ImproveOptions,
) -> Result<ImproveOutcome, PackageError> {
    let values = model.value_fixed(package)?;
    if !frontier.is_dominated(&values) {
        return Ok(ImproveOutcome::AlreadyEfficient);
    }
    let n = model.issues();
    let np = model.parties();
    let target = options.target;
    let mut complete_below = 0usize; // all k ≤ complete_below searched fully, nothing found
    let mut found: Option<Vec<usize>> = None;
    if frontier.is_exact() || target == ImproveTarget::AnyDominating {
        let mut changes = Vec::with_capacity(n);
        let mut forced = vec![false; n];
        for (i, &xo) in package.iter().enumerate() {
            let pool = match target {
                ImproveTarget::Frontier => model.eligible(i),
                ImproveTarget::AnyDominating => model.allowed(i),
            };
            forced[i] = !pool.contains(&xo);
            let xc = model.contrib_slice(i, xo);
            let mut list: Vec<(usize, Vec<i64>)> = pool
                .iter()
                .filter(|&&o| o != xo)
                .map(|&o| {
                    let d = model
                        .contrib_slice(i, o)
                        .iter()
                        .zip(xc)
                        .map(|(a, b)| a - b)
                        .collect();
                    (o, d)
                })
                .collect();
            list.sort_by_key(|(_, d)| std::cmp::Reverse(d.iter().sum::<i64>()));
            changes.push(list);
        }
        let mut suffix_forced = vec![0usize; n + 1];
        let mut suf_pos = vec![0i64; (n + 1) * np];
        let mut suf_sum = vec![0i64; n + 1];
        for i in (0..n).rev() {
            suffix_forced[i] = suffix_forced[i + 1] + usize::from(forced[i]);
            let mut best_sum = 0i64;
            for p in 0..np {
                let mut best = if forced[i] { i64::MIN } else { 0 };
                for (_, d) in &changes[i] {
                    best = best.max(d[p]);
                }
                if best == i64::MIN {
                    best = 0;
                }
                // A forced issue must change, so its best change counts even when negative.
                let step = if forced[i] { best } else { best.max(0) };
                suf_pos[i * np + p] = suf_pos[(i + 1) * np + p] + step;
            }
            for (_, d) in &changes[i] {
                best_sum = best_sum.max(d.iter().sum());
            }
            suf_sum[i] = suf_sum[i + 1] + best_sum;
        }
        let k_min = suffix_forced[0].max(1);
        complete_below = k_min - 1;
        let mut s = Search {
            frontier,
            target,
            n,
            np,
            base: values.clone(),
            changes,
            forced,
            suffix_forced,
            suf_pos,
            suf_sum,
            nodes: 0,
            budget: options.node_budget,
            exhausted: false,
            g: vec![0; np],
            pkg: package.to_vec(),
            best: None,
        };
        for k in k_min..=n {
            s.dfs(0, k);
            if let Some((_, p)) = s.best.take() {
                found = Some(p);
                break;
            }
            if s.exhausted {
                break;
            }
            complete_below = k;
        }
    }
    let result = match found {
        Some(p) => p,
        None => {
            // Fallback: the frontier point dominating x whose stored package is closest.
            let mut best: Option<(usize, i64, usize)> = None;
            for k in 0..frontier.len() {
                let v = frontier.values_fixed(k);
                if !dominates_fixed(v, &values) {
                    continue;
                }
                let pkg = frontier.package(k);
                let d = hamming(&pkg, package);
                let sum: i64 = v.iter().sum();
                if best.is_none_or(|(bd, bs, _)| d < bd || (d == bd && sum > bs)) {
                    best = Some((d, sum, k));
                }
            }
            match best {
                Some((_, _, k)) => frontier.package(k),
                None => return Ok(ImproveOutcome::AlreadyEfficient),
            }
        }
    };
    let d = hamming(&result, package);
    let guaranteed = d <= complete_below + 1;
    Ok(ImproveOutcome::Improved(build(
        model, package, &values, result, guaranteed,
    )))
}

#[cfg(test)]
mod tests {
    use super::super::frontier::{compute_frontier, FrontierOptions};
    use super::super::problem::Problem;
    use super::*;

    #[test]
    fn one_change_fixes_a_wasteful_option() {
        // Issue 0: option 0 is worse for both parties than option 1.
        let p = Problem::from_matrices(
            &[vec![50.0, 50.0], vec![50.0, 50.0]],
            &[
                vec![vec![10.0, 20.0], vec![0.0, 100.0]],
                vec![vec![10.0, 30.0], vec![100.0, 0.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        let f = compute_frontier(&m, &FrontierOptions::default());
        let r = improve(&m, &f, &[0, 1], &ImproveOptions::default()).expect("ok");
        match r {
            ImproveOutcome::Improved(i) => {
                assert_eq!(i.package, vec![1, 1]);
                assert_eq!(i.changed_issues, vec![0]);
                assert!(i.fewest_changes_guaranteed);
                assert_eq!(i.gains, vec![5.0, 10.0]);
            }
            ImproveOutcome::AlreadyEfficient => panic!("should improve"),
        }
        assert_eq!(
            improve(&m, &f, &[1, 1], &ImproveOptions::default()).expect("ok"),
            ImproveOutcome::AlreadyEfficient
        );
        assert!(improve(&m, &f, &[1], &ImproveOptions::default()).is_err());
    }
}
