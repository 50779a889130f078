//! The holistic cross-check (as in Inspire): the user scores a handful of whole packages;
//! the weights those scores imply are fitted and set beside the stated ones.
//!
//! - **Design.** Packages that differ on many issues at once, so the fit is determined: a
//!   greedy D-optimal choice among the party's packages (every issue at each of its
//!   options), starting from the information the weights' sum gives. Never a package with
//!   every issue at its best or at its worst (the ends of the scale, which tell nothing).
//! - **Fit.** `score(x) ≈ Σ_i w_i · r_i(x_i) / 100` with `w ≥ 0`, `Σ w = 100`, by least
//!   squares: a primal active-set method on the KKT system, exact for consistent scores.
//! - **Outcomes.** The scores cannot decide the weights when fewer packages are scored than
//!   there are issues, or when the scored packages do not tell some issues apart; they are
//!   inconsistent when a package at least as good on every issue was scored lower than
//!   another (by more than [`CONTRADICTION_GAP`]), or when no weights come within [`INCONSISTENT_RMS`] points of the scores on a
//!   typical package. Otherwise the fit, how well it explains the scores, and the largest
//!   disagreements with the stated weights in words.

use super::weights::apply_weights;
use super::{issue_name, num, option_label};
use crate::model::{HolisticCheck, IssueId, JudgedPackage, OptionId, PartyId, Plan, WeightMethod};
use std::collections::BTreeMap;

/// A fit whose typical error (root mean square, in score points) is larger than this
/// cannot be called an explanation of the scores.
pub const INCONSISTENT_RMS: f64 = 12.0;
/// Differences between stated and fitted weights smaller than this are not worth words.
pub const NOTABLE_DIFFERENCE: f64 = 5.0;
/// A package at least as good as another on every issue but scored lower by more than this
/// contradicts itself; a smaller gap is the noise of judging whole packages.
pub const CONTRADICTION_GAP: f64 = 5.0;
const TOL: f64 = 1e-9;

/// How many packages to show for `n` issues: `n + 2` within 5–8, and always more than `n`.
pub fn package_count(n: usize) -> usize {
    if n + 2 <= 8 {
        (n + 2).max(5)
    } else {
        (n + 1).max(8)
    }
}

/// Chooses up to `count` contrasting packages (option indices per issue) from a party's
/// ratings (per issue, per option, 0–100). Deterministic.
pub fn design(ratings: &[Vec<f64>], count: usize) -> Vec<Vec<usize>> {
    let n = ratings.len();
    if n == 0 || ratings.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let x = |p: &[usize]| -> Vec<f64> {
        p.iter()
            .zip(ratings)
            .map(|(&o, r)| r.get(o).copied().unwrap_or(0.0) / 100.0)
            .collect()
    };
    let candidates = candidates(ratings);
    let best: Vec<f64> = ratings
        .iter()
        .map(|r| r.iter().copied().fold(f64::NEG_INFINITY, f64::max) / 100.0)
        .collect();
    let worst: Vec<f64> = ratings
        .iter()
        .map(|r| r.iter().copied().fold(f64::INFINITY, f64::min) / 100.0)
        .collect();
    let mut pool: Vec<(Vec<usize>, Vec<f64>)> = candidates
        .into_iter()
        .map(|p| {
            let v = x(&p);
            (p, v)
        })
        .filter(|(_, v)| *v != best && *v != worst)
        .collect();
    // The inverse of the information matrix, starting from the sum's row (1·1ᵀ) and a small
    // ridge; each pick is the candidate that adds the most information (xᵀ M⁻¹ x).
    let ridge = 1e-3;
    let mut inv: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let eye = if i == j { 1.0 } else { 0.0 };
                    (eye - 1.0 / (n as f64 + ridge)) / ridge
                })
                .collect()
        })
        .collect();
    let mut chosen = Vec::new();
    let mut seen_values: Vec<Vec<f64>> = Vec::new();
    while chosen.len() < count && !pool.is_empty() {
        let mut best_k = None;
        let mut best_gain = f64::NEG_INFINITY;
        for (k, (_, v)) in pool.iter().enumerate() {
            if seen_values.contains(v) {
                continue;
            }
            let mv = mat_vec(&inv, v);
            let gain = dot(v, &mv);
            if gain > best_gain + 1e-9 {
                best_gain = gain;
                best_k = Some(k);
            }
        }
        let Some(k) = best_k else { break };
        let (p, v) = pool.remove(k);
        // Sherman–Morrison: (M + vvᵀ)⁻¹ = M⁻¹ − (M⁻¹v)(M⁻¹v)ᵀ / (1 + vᵀM⁻¹v).
        let mv = mat_vec(&inv, &v);
        let denom = 1.0 + dot(&v, &mv);
        for i in 0..n {
            for j in 0..n {
                inv[i][j] -= mv[i] * mv[j] / denom;
            }
        }
        seen_values.push(v);
        chosen.push(p);
    }
    chosen
}

/// Every package when there are at most 4096, else 4096 drawn with a fixed seed.
fn candidates(ratings: &[Vec<f64>]) -> Vec<Vec<usize>> {
    let total = ratings
        .iter()
        .try_fold(1usize, |acc, r| acc.checked_mul(r.len()));
    match total {
        Some(t) if t <= 4096 => {
            let mut out = vec![Vec::new()];
            for r in ratings {
                out = out
                    .into_iter()
                    .flat_map(|p: Vec<usize>| {
                        (0..r.len()).map(move |o| {
                            let mut q = p.clone();
                            q.push(o);
                            q
                        })
                    })
                    .collect();
            }
            out
        }
        _ => {
            let mut rng = crate::analysis::SplitMix64::new(0x0d0e_5160);
            let mut out: Vec<Vec<usize>> = (0..4096)
                .map(|_| {
                    ratings
                        .iter()
                        .map(|r| (rng.next_u64() % r.len() as u64) as usize)
                        .collect()
                })
                .collect();
            out.sort();
            out.dedup();
            out
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn mat_vec(m: &[Vec<f64>], v: &[f64]) -> Vec<f64> {
    m.iter().map(|row| dot(row, v)).collect()
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col].clone();
        for row in col + 1..n {
            let f = a[row][col] / pivot_row[col];
            if f != 0.0 {
                subtract(&mut a[row], &pivot_row, f);
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// `row −= f · pivot`, element by element.
fn subtract(row: &mut [f64], pivot: &[f64], f: f64) {
    for (x, p) in row.iter_mut().zip(pivot) {
        *x -= f * p;
    }
}

/// A vector `v ≠ 0` with `rows · v = 0`, or `None` when the columns are independent.
fn null_vector(rows: &[Vec<f64>], n: usize) -> Option<Vec<f64>> {
    let mut a: Vec<Vec<f64>> = rows.to_vec();
    let scale = a
        .iter()
        .flatten()
        .fold(0.0_f64, |m, v| m.max(v.abs()))
        .max(1.0);
    let mut pivots = Vec::new();
    let mut r = 0;
    for col in 0..n {
        let Some(p) = (r..a.len()).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
        else {
            break;
        };
        if a[p][col].abs() <= 1e-9 * scale {
            continue;
        }
        a.swap(r, p);
        let d = a[r][col];
        a[r].iter_mut().for_each(|v| *v /= d);
        let pivot_row = a[r].clone();
        for (i, row) in a.iter_mut().enumerate() {
            let f = row[col];
            if i != r && f != 0.0 {
                subtract(row, &pivot_row, f);
            }
        }
        pivots.push(col);
        r += 1;
    }
    let free = (0..n).find(|c| !pivots.contains(c))?;
    let mut v = vec![0.0; n];
    v[free] = 1.0;
    for (row, &col) in pivots.iter().enumerate() {
        v[col] = -a[row][free];
    }
    Some(v)
}

/// Non-negative weights summing to 100 that best fit `scores ≈ rows · w / 100` (rows:
/// ratings 0–100 per issue). The columns with the sum row must be independent.
fn constrained_fit(rows: &[Vec<f64>], scores: &[f64], n: usize) -> Vec<f64> {
    let a: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| r.iter().map(|v| v / 100.0).collect())
        .collect();
    let q: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| a.iter().map(|r| r[i] * r[j]).sum())
                .collect()
        })
        .collect();
    let c: Vec<f64> = (0..n)
        .map(|i| a.iter().zip(scores).map(|(r, s)| r[i] * s).sum())
        .collect();
    let mut w = vec![100.0 / n as f64; n];
    let mut fixed = vec![false; n];
    for _ in 0..(50 * n + 50) {
        let free: Vec<usize> = (0..n).filter(|&i| !fixed[i]).collect();
        let f = free.len();
        // KKT: Q_FF w_F + λ·1 = c_F, Σ w_F = 100.
        let mut kkt = vec![vec![0.0; f + 1]; f + 1];
        let mut rhs = vec![0.0; f + 1];
        for (r, &i) in free.iter().enumerate() {
            for (s, &j) in free.iter().enumerate() {
                kkt[r][s] = q[i][j];
            }
            kkt[r][f] = 1.0;
            kkt[f][r] = 1.0;
            rhs[r] = c[i];
        }
        rhs[f] = 100.0;
        let Some(sol) = solve(kkt, rhs) else {
            break;
        };
        let lambda = sol[f];
        let step: Vec<f64> = (0..n)
            .map(|i| match free.iter().position(|&x| x == i) {
                Some(r) => sol[r] - w[i],
                None => 0.0,
            })
            .collect();
        if step.iter().all(|p| p.abs() < TOL) {
            // Multipliers of the bounds held at 0: μ_i = (Qw − c)_i + λ must be ≥ 0.
            let worst = (0..n)
                .filter(|&i| fixed[i])
                .map(|i| (i, dot(&q[i], &w) - c[i] + lambda))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match worst {
                Some((i, mu)) if mu < -TOL => fixed[i] = false,
                _ => break,
            }
            continue;
        }
        let mut alpha = 1.0;
        let mut blocking = None;
        for i in 0..n {
            if !fixed[i] && step[i] < -TOL {
                let t = -w[i] / step[i];
                if t < alpha {
                    alpha = t;
                    blocking = Some(i);
                }
            }
        }
        for i in 0..n {
            w[i] += alpha * step[i];
        }
        if let Some(i) = blocking {
            w[i] = 0.0;
            fixed[i] = true;
        }
    }
    // Rounding noise: no negative zero, an exact sum.
    let mut w: Vec<f64> = w.iter().map(|v| v.max(0.0)).collect();
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        for v in &mut w {
            *v *= 100.0 / sum;
        }
    }
    w
}

/// A fit of the weights the scores imply.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Per issue, ≥ 0, summing to 100.
    pub weights: Vec<f64>,
    /// What the fitted weights give each scored package.
    pub predicted: Vec<f64>,
    /// Root mean square of score − predicted, in points.
    pub rms: f64,
    /// The share of the scores' variation the fit explains (R², 0–1).
    pub explained: f64,
}

/// Why the scores cannot decide the weights.
#[derive(Clone, Debug, PartialEq)]
pub enum Undecided {
    /// Fewer scored packages than issues.
    TooFew { scored: usize, needed: usize },
    /// The scored packages do not tell these issues apart (indices).
    Confounded { issues: Vec<usize> },
}

/// A package scored lower than one it is at least as good as on every issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// Index of the better package, which got the lower score.
    pub better: usize,
    pub worse: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FitOutcome {
    CannotDecide(Undecided),
    Inconsistent {
        fit: Fit,
        contradictions: Vec<Contradiction>,
    },
    Fitted(Fit),
}

/// Fits the weights `scores` imply for packages whose per-issue ratings are `rows`.
pub fn fit(rows: &[Vec<f64>], scores: &[f64]) -> FitOutcome {
    let n = rows.first().map_or(0, Vec::len);
    let m = rows.len().min(scores.len());
    if m < n.max(1) {
        return FitOutcome::CannotDecide(Undecided::TooFew {
            scored: m,
            needed: n.max(1),
        });
    }
    let rows = &rows[..m];
    let scores = &scores[..m];
    let mut with_sum: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| r.iter().map(|v| v / 100.0).collect())
        .collect();
    with_sum.push(vec![1.0; n]);
    if let Some(v) = null_vector(&with_sum, n) {
        let big = v.iter().fold(0.0_f64, |a, x| a.max(x.abs()));
        let issues = (0..n).filter(|&i| v[i].abs() > 1e-6 * big).collect();
        return FitOutcome::CannotDecide(Undecided::Confounded { issues });
    }
    let weights = constrained_fit(rows, scores, n);
    let predicted: Vec<f64> = rows.iter().map(|r| dot(r, &weights) / 100.0).collect();
    let ss_res: f64 = scores
        .iter()
        .zip(&predicted)
        .map(|(s, p)| (s - p).powi(2))
        .sum();
    let mean = scores.iter().sum::<f64>() / m as f64;
    let ss_tot: f64 = scores.iter().map(|s| (s - mean).powi(2)).sum();
    let rms = (ss_res / m as f64).sqrt();
    let explained = if ss_tot > TOL {
        (1.0 - ss_res / ss_tot).clamp(0.0, 1.0)
    } else if ss_res < 1e-6 {
        1.0
    } else {
        0.0
    };
    let fit = Fit {
        weights,
        predicted,
        rms,
        explained,
    };
    let contradictions = contradictions(rows, scores);
    if !contradictions.is_empty() || rms > INCONSISTENT_RMS {
        FitOutcome::Inconsistent {
            fit,
            contradictions,
        }
    } else {
        FitOutcome::Fitted(fit)
    }
}

/// Pairs where a package at least as good on every issue (and better on one) was scored
/// lower than the other by more than [`CONTRADICTION_GAP`].
pub fn contradictions(rows: &[Vec<f64>], scores: &[f64]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (a, ra) in rows.iter().enumerate() {
        for (b, rb) in rows.iter().enumerate() {
            let at_least = ra.iter().zip(rb).all(|(x, y)| x >= y);
            let better = ra.iter().zip(rb).any(|(x, y)| x > y);
            if a != b && at_least && better && scores[a] < scores[b] - CONTRADICTION_GAP {
                out.push(Contradiction {
                    better: a,
                    worse: b,
                });
            }
        }
    }
    out
}

/// How well the fit explains the scores, in a sentence.
pub fn fit_words(fit: &Fit) -> String {
    let share = (fit.explained * 100.0).round();
    let how = if fit.explained >= 0.9 {
        "closely"
    } else if fit.explained >= 0.7 {
        "fairly well"
    } else {
        "only loosely"
    };
    format!(
        "Weights alone explain your scores {how}: {share}% of the differences between them; \
         a typical package is off by {} point{}.",
        num(fit.rms),
        if num(fit.rms) == "1" { "" } else { "s" }
    )
}

/// "about twice as much as", for how `fitted` compares with `stated`.
fn ratio_words(stated: f64, fitted: f64) -> &'static str {
    if fitted >= stated {
        let r = fitted / stated;
        if r < 1.4 {
            "somewhat more than"
        } else if r < 1.75 {
            "about one and a half times as much as"
        } else if r < 2.5 {
            "about twice as much as"
        } else if r < 3.5 {
            "about three times as much as"
        } else {
            "far more than"
        }
    } else {
        let q = stated / fitted;
        if q < 1.4 {
            "somewhat less than"
        } else if q < 1.75 {
            "about two thirds as much as"
        } else if q < 2.5 {
            "about half as much as"
        } else if q < 3.5 {
            "about a third as much as"
        } else {
            "far less than"
        }
    }
}

/// The largest disagreements between stated and fitted weights (at most three, each at
/// least [`NOTABLE_DIFFERENCE`] points), in words.
pub fn disagreements(names: &[String], stated: &[f64], fitted: &[f64]) -> Vec<String> {
    let mut order: Vec<usize> = (0..names.len().min(stated.len()).min(fitted.len()))
        .filter(|&i| (fitted[i] - stated[i]).abs() >= NOTABLE_DIFFERENCE)
        .collect();
    crate::model::order::sort_by(&mut order, |&a, &b| {
        (fitted[b] - stated[b])
            .abs()
            .total_cmp(&(fitted[a] - stated[a]).abs())
    });
    order
        .into_iter()
        .take(3)
        .map(|i| {
            let (s, f, name) = (stated[i], fitted[i], &names[i]);
            let (s_txt, f_txt) = (num(s), num(f));
            if s < 1.0 {
                format!(
                    "Your package scores suggest “{name}” matters (about {f_txt}), though your \
                     weights give it nothing."
                )
            } else if f < 1.0 {
                format!(
                    "Your package scores suggest “{name}” hardly matters to you, though your \
                     weights give it {s_txt}."
                )
            } else {
                format!(
                    "Your package scores suggest “{name}” matters {} your weights say \
                     (scores {f_txt}, weights {s_txt}).",
                    ratio_words(s, f)
                )
            }
        })
        .collect()
}

/// What a user can do with a check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckOutcome {
    /// The sentence that leads: fitted, inconsistent or undecided.
    pub headline: String,
    /// Further sentences: the fit figure, disagreements or contradictions.
    pub details: Vec<String>,
    /// Per issue with options: (name, stated, fitted) when there is a fit.
    pub comparison: Vec<(String, f64, f64)>,
    /// The fitted weights can be adopted or blended (a fit that explains the scores).
    pub can_adopt: bool,
}

/// One judged package, for the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRow {
    /// (issue, option) in the plan's issue order.
    pub choices: Vec<(String, String)>,
    pub score: Option<f64>,
}

/// The check panel: whether a check can start, its packages and what they show.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckView {
    /// Why a new check cannot be made yet (ratings missing), if so.
    pub blocked: Option<String>,
    pub rows: Vec<CheckRow>,
    /// The issues or options changed since the packages were made.
    pub stale: bool,
    pub outcome: Option<CheckOutcome>,
}

/// The issues of the check (those with options) and the party's ratings of their options;
/// an error naming an issue whose options the party has not rated apart.
fn check_input(plan: &Plan, party: &PartyId) -> Result<(Vec<IssueId>, Vec<Vec<f64>>), String> {
    let p = plan.party(party).ok_or("That party no longer exists.")?;
    let mut ids = Vec::new();
    let mut ratings = Vec::new();
    for issue in &plan.issues {
        let r: Vec<f64> = issue
            .options
            .iter()
            .map(|o| p.ratings.get(&o.id).map_or(0.0, |s| s.value))
            .collect();
        if r.is_empty() {
            return Err(format!(
                "“{}” has no options yet: add them, or remove the issue, first.",
                issue_name(plan, &issue.id)
            ));
        }
        let (lo, hi) = r
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        if hi <= lo {
            return Err(format!(
                "Rate the options of “{}” apart first: packages can only differ on an issue \
                 whose options have different ratings.",
                issue_name(plan, &issue.id)
            ));
        }
        ids.push(issue.id.clone());
        ratings.push(r);
    }
    if ids.is_empty() {
        return Err("There are no issues to weigh yet.".into());
    }
    Ok((ids, ratings))
}

/// Replaces the party's check with new contrasting packages, unscored.
pub fn start_check(plan: &mut Plan, party: &PartyId) -> Result<(), String> {
    let (ids, ratings) = check_input(plan, party)?;
    let packages = design(&ratings, package_count(ids.len()));
    let options: Vec<Vec<OptionId>> = ids
        .iter()
        .map(|i| {
            plan.issue(i)
                .map(|x| x.options.iter().map(|o| o.id.clone()).collect())
                .unwrap_or_default()
        })
        .collect();
    let judged = packages
        .iter()
        .map(|p| JudgedPackage {
            choices: ids
                .iter()
                .zip(p)
                .zip(&options)
                .filter_map(|((i, &k), opts)| Some((i.clone(), opts.get(k)?.clone())))
                .collect(),
            score: None,
        })
        .collect();
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.holistic = Some(HolisticCheck { packages: judged });
    }
    Ok(())
}

/// Sets (or clears) the score of the check's package `k` (clamped to 0–100).
pub fn set_score(plan: &mut Plan, party: &PartyId, k: usize, score: Option<f64>) {
    if let Some(j) = plan
        .party_mut(party)
        .and_then(|p| p.elicitation.holistic.as_mut())
        .and_then(|c| c.packages.get_mut(k))
    {
        j.score = score.filter(|s| s.is_finite()).map(|s| s.clamp(0.0, 100.0));
    }
}

/// Moves the check's package `from` to place `to` (putting them in order).
pub fn move_package(plan: &mut Plan, party: &PartyId, from: usize, to: usize) {
    if let Some(c) = plan
        .party_mut(party)
        .and_then(|p| p.elicitation.holistic.as_mut())
    {
        if from < c.packages.len() && to < c.packages.len() {
            let item = c.packages.remove(from);
            c.packages.insert(to, item);
        }
    }
}

/// Scores from the order alone: the packages, best first, spread evenly over the scale
/// (for six: 86, 71, 57, 43, 29, 14), for the user to adjust.
pub fn score_by_order(plan: &mut Plan, party: &PartyId) {
    if let Some(c) = plan
        .party_mut(party)
        .and_then(|p| p.elicitation.holistic.as_mut())
    {
        let m = c.packages.len();
        for (k, j) in c.packages.iter_mut().enumerate() {
            j.score = Some((100.0 * (m - k) as f64 / (m + 1) as f64).round());
        }
    }
}

/// Drops the party's check.
pub fn discard(plan: &mut Plan, party: &PartyId) {
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.holistic = None;
    }
}

/// The fit of the party's check against the current ratings, with the issues it covers.
fn current_fit(plan: &Plan, party: &PartyId) -> Option<(Vec<IssueId>, FitOutcome)> {
    let (ids, _) = check_input(plan, party).ok()?;
    let p = plan.party(party)?;
    let check = p.elicitation.holistic.as_ref()?;
    if is_stale(plan, check, &ids) {
        return None;
    }
    let mut rows = Vec::new();
    let mut scores = Vec::new();
    for j in &check.packages {
        let Some(s) = j.score else { continue };
        rows.push(
            ids.iter()
                .map(|i| {
                    j.choices
                        .get(i)
                        .and_then(|o| p.ratings.get(o))
                        .map_or(0.0, |s| s.value)
                })
                .collect::<Vec<f64>>(),
        );
        scores.push(s);
    }
    if scores.is_empty() {
        return None;
    }
    if rows.len() < ids.len() {
        return Some((
            ids.clone(),
            FitOutcome::CannotDecide(Undecided::TooFew {
                scored: rows.len(),
                needed: ids.len(),
            }),
        ));
    }
    Some((ids, fit(&rows, &scores)))
}

fn is_stale(plan: &Plan, check: &HolisticCheck, ids: &[IssueId]) -> bool {
    check.packages.iter().any(|j| {
        j.choices.len() != ids.len()
            || ids.iter().any(|i| {
                !j.choices.get(i).is_some_and(|o| {
                    plan.issue(i)
                        .is_some_and(|x| x.options.iter().any(|opt| &opt.id == o))
                })
            })
    })
}

/// The party's stated weights over `ids`, normalised to 100 (as the analysis reads them).
fn stated_weights(plan: &Plan, party: &PartyId, ids: &[IssueId]) -> Vec<f64> {
    let raw: Vec<f64> = plan
        .party(party)
        .map(|p| {
            ids.iter()
                .map(|i| p.weights.get(i).map_or(0.0, |s| s.value.max(0.0)))
                .collect()
        })
        .unwrap_or_default();
    let total: f64 = raw.iter().sum();
    if total > 0.0 {
        raw.iter().map(|w| 100.0 * w / total).collect()
    } else {
        raw
    }
}

/// Everything the panel shows.
pub fn check_view(plan: &Plan, party: &PartyId) -> CheckView {
    let input = check_input(plan, party);
    let blocked = input.as_ref().err().cloned();
    let ids = input.map(|(ids, _)| ids).unwrap_or_default();
    let check = plan
        .party(party)
        .and_then(|p| p.elicitation.holistic.clone());
    let Some(check) = check else {
        return CheckView {
            blocked,
            rows: Vec::new(),
            stale: false,
            outcome: None,
        };
    };
    let stale = blocked.is_some() || is_stale(plan, &check, &ids);
    let rows = check
        .packages
        .iter()
        .map(|j| CheckRow {
            choices: plan
                .issues
                .iter()
                .filter_map(|i| {
                    let o = j.choices.get(&i.id)?;
                    Some((issue_name(plan, &i.id), option_label(plan, o)))
                })
                .collect(),
            score: j.score,
        })
        .collect();
    let outcome = if stale {
        None
    } else {
        current_fit(plan, party).map(|(ids, outcome)| describe(plan, party, &ids, &outcome))
    };
    CheckView {
        blocked,
        rows,
        stale,
        outcome,
    }
}

fn describe(plan: &Plan, party: &PartyId, ids: &[IssueId], outcome: &FitOutcome) -> CheckOutcome {
    let names: Vec<String> = ids.iter().map(|i| issue_name(plan, i)).collect();
    match outcome {
        FitOutcome::CannotDecide(Undecided::TooFew { scored, needed }) => CheckOutcome {
            headline: format!(
                "The scores cannot decide the weights yet: {scored} package{} scored, and \
                 telling {needed} issues apart takes at least {needed}.",
                if *scored == 1 { "" } else { "s" }
            ),
            details: Vec::new(),
            comparison: Vec::new(),
            can_adopt: false,
        },
        FitOutcome::CannotDecide(Undecided::Confounded { issues }) => {
            let list: Vec<String> = issues.iter().map(|&i| format!("“{}”", names[i])).collect();
            CheckOutcome {
                headline: format!(
                    "The scores cannot decide the weights: the packages scored do not tell {} \
                     apart. Score the remaining packages.",
                    join_and(&list)
                ),
                details: Vec::new(),
                comparison: Vec::new(),
                can_adopt: false,
            }
        }
        FitOutcome::Inconsistent {
            fit,
            contradictions,
        } => {
            let mut details: Vec<String> = contradictions
                .iter()
                .take(2)
                .map(|c| {
                    let scores = scored_numbers(plan, party);
                    format!(
                        "Package {} is at least as good as package {} on every issue, yet \
                         scored lower ({} against {}).",
                        scores.get(c.better).map_or(0, |x| x.0 + 1),
                        scores.get(c.worse).map_or(0, |x| x.0 + 1),
                        num(scores.get(c.better).map_or(0.0, |x| x.1)),
                        num(scores.get(c.worse).map_or(0.0, |x| x.1)),
                    )
                })
                .collect();
            if fit.rms > INCONSISTENT_RMS {
                details.push(format!(
                    "No weights come close: the best fit is off by {} points on a typical package.",
                    num(fit.rms)
                ));
            }
            CheckOutcome {
                headline: "These scores are inconsistent: no set of weights explains them. \
                           Look at the packages again."
                    .into(),
                details,
                comparison: Vec::new(),
                can_adopt: false,
            }
        }
        FitOutcome::Fitted(fit) => {
            let stated = stated_weights(plan, party, ids);
            let mut details = vec![fit_words(fit)];
            let words = disagreements(&names, &stated, &fit.weights);
            if words.is_empty() {
                details.push(format!(
                    "Your package scores agree with your weights: no issue differs by {} \
                     points or more.",
                    num(NOTABLE_DIFFERENCE)
                ));
            }
            details.extend(words);
            CheckOutcome {
                headline: "The weights your scores imply, beside the weights you stated:".into(),
                details,
                comparison: names
                    .into_iter()
                    .zip(stated)
                    .zip(&fit.weights)
                    .map(|((n, s), f)| (n, s, *f))
                    .collect(),
                can_adopt: true,
            }
        }
    }
}

/// (package number in the check, score) of the scored packages, in fit order.
fn scored_numbers(plan: &Plan, party: &PartyId) -> Vec<(usize, f64)> {
    plan.party(party)
        .and_then(|p| p.elicitation.holistic.as_ref())
        .map(|c| {
            c.packages
                .iter()
                .enumerate()
                .filter_map(|(k, j)| Some((k, j.score?)))
                .collect()
        })
        .unwrap_or_default()
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Adopts the fitted weights, or blends them half and half with the stated ones, as the
/// party's weights. An error when there is no fit to adopt.
pub fn adopt(plan: &mut Plan, party: &PartyId, blend: bool) -> Result<(), String> {
    let Some((ids, FitOutcome::Fitted(fit))) = current_fit(plan, party) else {
        return Err("There is no fit to adopt: score the packages first.".into());
    };
    let weights: Vec<f64> = if blend {
        stated_weights(plan, party, &ids)
            .iter()
            .zip(&fit.weights)
            .map(|(s, f)| (s + f) / 2.0)
            .collect()
    } else {
        fit.weights.clone()
    };
    let method = if blend {
        WeightMethod::Blend
    } else {
        WeightMethod::Holistic
    };
    apply_weights(plan, party, &ids, &weights, method);
    Ok(())
}

/// The choices of a check's packages, for tests and callers that score them.
pub fn check_choices(plan: &Plan, party: &PartyId) -> Vec<BTreeMap<IssueId, OptionId>> {
    plan.party(party)
        .and_then(|p| p.elicitation.holistic.as_ref())
        .map(|c| c.packages.iter().map(|j| j.choices.clone()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
