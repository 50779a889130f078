//! Issue weights that sum to 100. When the user sets one weight, the other unlocked weights
//! give or take the difference in proportion to their current size, so the user's earlier
//! judgement of how the other issues compare survives. Pure, so it is tested natively.

use super::{IssueId, Score};
use std::collections::BTreeMap;

/// What one party's weights should add up to.
pub const WEIGHT_TOTAL: f64 = 100.0;

/// A weight read from data that may be hand-edited: NaN, infinities and negatives count as 0.
fn sane(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v.min(WEIGHT_TOTAL)
    } else {
        0.0
    }
}

/// The sum of the weights of `issues` (weights of issues not in the list are ignored).
pub fn weight_sum(weights: &BTreeMap<IssueId, Score>, issues: &[IssueId]) -> f64 {
    issues
        .iter()
        .filter_map(|i| weights.get(i))
        .map(|s| sane(s.value))
        .fold(0.0, |a, b| a + b)
}

/// Whether a sum counts as 100 (weights are shown rounded to whole numbers).
pub fn sum_is_complete(sum: f64) -> bool {
    (sum - WEIGHT_TOTAL).abs() < 0.5
}

/// The result of setting one weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebalanced {
    pub weights: BTreeMap<IssueId, Score>,
    /// The value the edited weight actually got, when it differs from the one asked for
    /// (out of 0–100, or more than the locked weights leave).
    pub limited_to: Option<f64>,
}

/// Sets `target`'s weight to `value` and rebalances the other unlocked weights of `issues`
/// so the total stays 100.
///
/// - Locked weights never change.
/// - The edited weight is kept within 0–100 and, when some other weight can still move,
///   within what the locked weights leave; the unlocked others share the rest in proportion
///   to their size in `base`, rounded to whole numbers whose sum is exact.
/// - Unlocked others that are all zero share the rest evenly.
/// - When every other weight is locked, only the edited one changes and the sum may be off
///   (the screen shows it).
///
/// Issues missing from `base` count as unlocked zeros; weights of issues not in `issues`
/// are kept as they are. `target` not in `issues` changes nothing.
pub fn set_weight(
    base: &BTreeMap<IssueId, Score>,
    issues: &[IssueId],
    target: &IssueId,
    value: f64,
) -> Rebalanced {
    let mut weights = sanitized(base, issues);
    if !issues.contains(target) {
        return Rebalanced {
            weights,
            limited_to: None,
        };
    }
    let asked = if value.is_nan() { 0.0 } else { value };
    let others: Vec<&IssueId> = issues.iter().filter(|i| *i != target).collect();
    let locked: f64 = others
        .iter()
        .filter_map(|i| base.get(*i))
        .filter(|s| s.locked)
        .map(|s| sane(s.value))
        .sum();
    let free: Vec<&IssueId> = others
        .iter()
        .copied()
        .filter(|i| !base.get(*i).is_some_and(|s| s.locked))
        .collect();
    let ceiling = if free.is_empty() {
        WEIGHT_TOTAL
    } else {
        (WEIGHT_TOTAL - locked).max(0.0)
    };
    let new_value = asked.clamp(0.0, ceiling);
    let limited_to = (new_value != asked).then_some(new_value);

    let entry = weights
        .entry(target.clone())
        .or_insert_with(|| Score::new(0.0));
    entry.value = new_value;

    if !free.is_empty() {
        let rest = (WEIGHT_TOTAL - locked - new_value).max(0.0);
        let sizes: Vec<f64> = free
            .iter()
            .map(|i| base.get(*i).map_or(0.0, |s| sane(s.value)))
            .collect();
        for (issue, share) in free.iter().zip(shares(rest, &sizes)) {
            weights
                .entry((*issue).clone())
                .or_insert_with(|| Score::new(0.0))
                .value = share;
        }
    }
    Rebalanced {
        weights,
        limited_to,
    }
}

/// A copy of `base` where the weights of `issues` are numbers in 0–100: locked weights are
/// left alone unless they are not numbers at all (NaN from a hand-edited file is 0, as
/// `Plan::repair` would make it).
fn sanitized(base: &BTreeMap<IssueId, Score>, issues: &[IssueId]) -> BTreeMap<IssueId, Score> {
    let mut weights = base.clone();
    for issue in issues {
        if let Some(s) = weights.get_mut(issue) {
            s.value = sane(s.value).min(WEIGHT_TOTAL);
        }
    }
    weights
}

/// Splits what the locked weights leave evenly among the unlocked weights of `issues`.
pub fn split_evenly(
    base: &BTreeMap<IssueId, Score>,
    issues: &[IssueId],
) -> BTreeMap<IssueId, Score> {
    let mut weights = sanitized(base, issues);
    let locked: f64 = issues
        .iter()
        .filter_map(|i| base.get(i))
        .filter(|s| s.locked)
        .map(|s| sane(s.value))
        .sum();
    let free: Vec<&IssueId> = issues
        .iter()
        .filter(|i| !base.get(*i).is_some_and(|s| s.locked))
        .collect();
    let rest = (WEIGHT_TOTAL - locked).max(0.0);
    for (issue, share) in free.iter().zip(shares(rest, &vec![0.0; free.len()])) {
        weights
            .entry((*issue).clone())
            .or_insert_with(|| Score::new(0.0))
            .value = share;
    }
    weights
}

/// Weights in proportion to `sizes` (evenly when all are zero), as whole numbers summing
/// to exactly 100: what the weight helpers write, so the table shows what was computed.
pub fn whole_weights(sizes: &[f64]) -> Vec<f64> {
    shares(WEIGHT_TOTAL, sizes)
}

/// Divides `total` among items in proportion to `sizes` (evenly when they are all zero),
/// in whole numbers by the largest remainder, so the parts add up to `total` exactly; a
/// fractional part of `total` goes to the largest share.
fn shares(total: f64, sizes: &[f64]) -> Vec<f64> {
    let n = sizes.len();
    if n == 0 {
        return Vec::new();
    }
    let total = sane(total);
    let sum: f64 = sizes.iter().map(|s| sane(*s)).sum();
    let ideal: Vec<f64> = if sum > 0.0 {
        sizes
            .iter()
            .map(|s| sane(*s) / sum * total.floor())
            .collect()
    } else {
        vec![total.floor() / n as f64; n]
    };
    let mut parts: Vec<f64> = ideal.iter().map(|x| x.floor()).collect();
    let missing = (total.floor() - parts.iter().sum::<f64>()).round().max(0.0) as usize;
    // Largest remainders first; ties go to the earlier issue, so the result is stable.
    let mut order: Vec<usize> = (0..n).collect();
    super::order::sort_by(&mut order, |&a, &b| {
        let (ra, rb) = (ideal[a] - parts[a], ideal[b] - parts[b]);
        rb.partial_cmp(&ra)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for &k in order.iter().take(missing.min(n)) {
        parts[k] += 1.0;
    }
    let fraction = total - total.floor();
    if fraction > 0.0 {
        if let Some(k) = (0..n).max_by(|&a, &b| {
            parts[a]
                .partial_cmp(&parts[b])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.cmp(&a))
        }) {
            parts[k] += fraction;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<IssueId> {
        (1..=n).map(|k| IssueId::from_seq(k as u64)).collect()
    }

    fn weights(values: &[(f64, bool)]) -> BTreeMap<IssueId, Score> {
        ids(values.len())
            .into_iter()
            .zip(values)
            .map(|(id, &(v, locked))| {
                (
                    id,
                    Score {
                        locked,
                        ..Score::new(v)
                    },
                )
            })
            .collect()
    }

    fn values(w: &BTreeMap<IssueId, Score>, issues: &[IssueId]) -> Vec<f64> {
        issues
            .iter()
            .map(|i| w.get(i).map_or(f64::NAN, |s| s.value))
            .collect()
    }

    #[test]
    fn the_others_give_in_proportion_and_the_sum_stays_100() {
        let issues = ids(3);
        let base = weights(&[(50.0, false), (30.0, false), (20.0, false)]);
        let r = set_weight(&base, &issues, &issues[0], 60.0);
        assert_eq!(values(&r.weights, &issues), [60.0, 24.0, 16.0]);
        assert_eq!(r.limited_to, None);
        assert_eq!(weight_sum(&r.weights, &issues), 100.0);
    }

    #[test]
    fn rounding_keeps_whole_numbers_and_an_exact_sum() {
        let issues = ids(4);
        let base = weights(&[(25.0, false), (25.0, false), (25.0, false), (25.0, false)]);
        for v in 0..=100 {
            let r = set_weight(&base, &issues, &issues[1], v as f64);
            let vals = values(&r.weights, &issues);
            assert!(vals.iter().all(|x| x.fract() == 0.0), "{vals:?}");
            assert_eq!(weight_sum(&r.weights, &issues), 100.0, "{v}: {vals:?}");
            assert_eq!(vals[1], v as f64);
        }
    }

    #[test]
    fn locked_weights_are_untouched() {
        let issues = ids(4);
        let base = weights(&[(40.0, false), (30.0, true), (20.0, false), (10.0, false)]);
        let r = set_weight(&base, &issues, &issues[0], 10.0);
        let vals = values(&r.weights, &issues);
        assert_eq!(vals[1], 30.0);
        assert!(r.weights[&issues[1]].locked);
        assert_eq!(vals[0], 10.0);
        assert_eq!(weight_sum(&r.weights, &issues), 100.0);
        // The free ones keep their 2:1 ratio.
        assert_eq!((vals[2], vals[3]), (40.0, 20.0));
    }

    #[test]
    fn the_edited_weight_is_limited_to_what_locked_weights_leave() {
        let issues = ids(3);
        let base = weights(&[(40.0, false), (70.0, true), (0.0, false)]);
        let r = set_weight(&base, &issues, &issues[0], 90.0);
        assert_eq!(r.limited_to, Some(30.0));
        assert_eq!(values(&r.weights, &issues), [30.0, 70.0, 0.0]);
        let r = set_weight(&base, &issues, &issues[0], 250.0);
        assert_eq!(r.limited_to, Some(30.0));
        let r = set_weight(&base, &issues, &issues[0], -5.0);
        assert_eq!(r.limited_to, Some(0.0));
        assert_eq!(weight_sum(&r.weights, &issues), 100.0);
    }

    #[test]
    fn all_others_locked_changes_only_the_edited_one_and_the_sum_is_off() {
        let issues = ids(3);
        let base = weights(&[(20.0, false), (50.0, true), (30.0, true)]);
        let r = set_weight(&base, &issues, &issues[0], 45.0);
        assert_eq!(values(&r.weights, &issues), [45.0, 50.0, 30.0]);
        assert_eq!(r.limited_to, None);
        let sum = weight_sum(&r.weights, &issues);
        assert_eq!(sum, 125.0);
        assert!(!sum_is_complete(sum));
        // Still within 0–100.
        let r = set_weight(&base, &issues, &issues[0], 300.0);
        assert_eq!(r.limited_to, Some(100.0));
    }

    #[test]
    fn zero_others_share_the_rest_evenly() {
        let issues = ids(4);
        let r = set_weight(&BTreeMap::new(), &issues, &issues[2], 40.0);
        assert_eq!(values(&r.weights, &issues), [20.0, 20.0, 40.0, 20.0]);
        let r = set_weight(&BTreeMap::new(), &issues, &issues[0], 0.0);
        let vals = values(&r.weights, &issues);
        assert_eq!(vals[0], 0.0);
        assert_eq!(vals.iter().sum::<f64>(), 100.0);
        assert!(
            vals[1..].iter().all(|v| *v == 33.0 || *v == 34.0),
            "{vals:?}"
        );
    }

    #[test]
    fn no_nan_ever() {
        let issues = ids(3);
        let nasty = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 1e300, 0.0];
        for &a in &nasty {
            for &b in &nasty {
                for &v in &nasty {
                    for locked in [false, true] {
                        let base = weights(&[(a, false), (b, locked), (a, false)]);
                        let r = set_weight(&base, &issues, &issues[0], v);
                        for s in r.weights.values() {
                            assert!(!s.value.is_nan(), "{a} {b} {v} {locked}");
                        }
                        assert!(weight_sum(&r.weights, &issues).is_finite());
                    }
                }
            }
        }
        let r = set_weight(&BTreeMap::new(), &[], &IssueId::from_seq(1), 50.0);
        assert!(r.weights.is_empty());
    }

    #[test]
    fn fractional_locked_weights_still_sum_to_100() {
        let issues = ids(3);
        let base = weights(&[(10.0, false), (33.3, true), (56.7, false)]);
        let r = set_weight(&base, &issues, &issues[0], 20.0);
        assert!((weight_sum(&r.weights, &issues) - 100.0).abs() < 1e-9);
        assert_eq!(r.weights[&issues[1]].value, 33.3);
    }

    #[test]
    fn split_evenly_respects_locks() {
        let issues = ids(4);
        let base = weights(&[(0.0, false), (40.0, true), (5.0, false), (0.0, false)]);
        let w = split_evenly(&base, &issues);
        assert_eq!(values(&w, &issues), [20.0, 40.0, 20.0, 20.0]);
        let w = split_evenly(&BTreeMap::new(), &ids(3));
        assert_eq!(weight_sum(&w, &ids(3)), 100.0);
    }

    #[test]
    fn confidence_and_locks_survive_a_rebalance() {
        let issues = ids(2);
        let mut base = weights(&[(50.0, false), (50.0, false)]);
        if let Some(s) = base.get_mut(&issues[1]) {
            s.confidence = crate::model::Confidence::Low;
        }
        let r = set_weight(&base, &issues, &issues[0], 70.0);
        assert_eq!(r.weights[&issues[1]].value, 30.0);
        assert_eq!(
            r.weights[&issues[1]].confidence,
            crate::model::Confidence::Low
        );
    }

    #[test]
    fn a_target_outside_the_issues_changes_nothing() {
        let issues = ids(2);
        let base = weights(&[(50.0, false), (50.0, false)]);
        let r = set_weight(&base, &issues, &IssueId::from_seq(99), 10.0);
        assert_eq!(r.weights, base);
    }
}
