//! The bridge from a plan (the model) to the engine's numbers, and the values of a plan's
//! own packages. Pure.
//!
//! Issues without options cannot be part of a package, so they are left out of the
//! problem (and reported through [`PlanProblem::skipped_issues`]). Missing weights and
//! ratings count as 0. A party whose weights are all zero makes the problem invalid: the
//! engine cannot tell what it wants yet.

use super::problem::{Evaluation, IssueInput, PartyInput, Problem};
use crate::model::{rating, Confidence, IssueId, OptionId, Package, PartyId, Plan, Score};

/// A plan as the engine sees it, with the ids to map results back.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanProblem {
    pub problem: Problem,
    pub parties: Vec<PartyId>,
    pub issues: Vec<IssueId>,
    /// Per issue (in `issues` order), its options' ids in order.
    pub options: Vec<Vec<OptionId>>,
    pub skipped_issues: Vec<IssueId>,
}

/// Sensitivity analysis samples around an estimate with a spread that grows as the
/// confidence falls; these are the engine's 0..1 confidences for the three levels.
pub fn confidence_level(c: Confidence) -> f64 {
    match c {
        Confidence::High => 0.9,
        Confidence::Medium => 0.6,
        Confidence::Low => 0.3,
    }
}

impl PlanProblem {
    pub fn from_plan(plan: &Plan) -> PlanProblem {
        let us = plan
            .us()
            .and_then(|id| plan.parties.iter().position(|p| &p.id == id));
        let parties = plan
            .parties
            .iter()
            .map(|p| {
                let r = p.reservation;
                // The engine perturbs reservation values by ±15 × (1 − confidence): a range
                // of low..high maps to the confidence that makes that spread.
                let half_width = ((r.high - r.low) / 2.0).max(0.0);
                let confidence = (1.0 - half_width / 15.0).clamp(0.0, 1.0);
                PartyInput {
                    name: p.name.clone(),
                    reservation: r.value,
                    reservation_confidence: if confidence.is_finite() {
                        confidence
                    } else {
                        1.0
                    },
                }
            })
            .collect();
        let mut issues = Vec::new();
        let mut issue_ids = Vec::new();
        let mut options = Vec::new();
        let mut skipped = Vec::new();
        for issue in &plan.issues {
            if issue.options.is_empty() {
                skipped.push(issue.id.clone());
                continue;
            }
            let evaluations = plan
                .parties
                .iter()
                .map(|p| {
                    let weight = p.weights.get(&issue.id);
                    // Contingent options are rated by the party's own chance of the event.
                    let scores: Vec<Option<Score>> =
                        issue.options.iter().map(|o| rating(p, issue, o)).collect();
                    let ratings: Vec<f64> =
                        scores.iter().map(|s| s.map_or(0.0, |s| s.value)).collect();
                    // One confidence per issue: the least confident of its ratings.
                    let rating_confidence = scores
                        .iter()
                        .flatten()
                        .map(|s| confidence_level(s.confidence))
                        .fold(1.0_f64, f64::min);
                    Evaluation {
                        weight: weight.map_or(0.0, |s| s.value),
                        ratings,
                        weight_confidence: weight.map_or(1.0, |s| confidence_level(s.confidence)),
                        rating_confidence,
                    }
                })
                .collect();
            issues.push(IssueInput {
                name: issue.name.clone(),
                options: issue.options.len(),
                option_labels: issue.options.iter().map(|o| o.label.clone()).collect(),
                evaluations,
            });
            issue_ids.push(issue.id.clone());
            options.push(issue.options.iter().map(|o| o.id.clone()).collect());
        }
        PlanProblem {
            problem: Problem {
                parties,
                issues,
                us,
            },
            parties: plan.parties.iter().map(|p| p.id.clone()).collect(),
            issues: issue_ids,
            options,
            skipped_issues: skipped,
        }
    }

    /// A plan package as option indices; `None` for an open issue.
    pub fn package_indices(&self, package: &Package) -> Vec<Option<usize>> {
        self.issues
            .iter()
            .zip(&self.options)
            .map(|(issue, opts)| {
                let chosen = package.choices.get(issue)?;
                opts.iter().position(|o| o == chosen)
            })
            .collect()
    }

    /// Option indices back to a plan package's choices.
    pub fn choices(&self, indices: &[usize]) -> std::collections::BTreeMap<IssueId, OptionId> {
        self.issues
            .iter()
            .zip(&self.options)
            .zip(indices)
            .filter_map(|((issue, opts), &k)| Some((issue.clone(), opts.get(k)?.clone())))
            .collect()
    }
}

/// What a package is worth to each party, in plan party order: `Σ w·r / Σ w` over the
/// chosen options (weights are normalised to 100, as the engine does). Open issues add
/// nothing, so a partial package's value is what it has settled so far.
pub fn package_values(plan: &Plan, package: &Package) -> Vec<f64> {
    plan.parties
        .iter()
        .map(|p| {
            let total: f64 = plan
                .issues
                .iter()
                .filter_map(|i| p.weights.get(&i.id))
                .map(|s| s.value.max(0.0))
                .sum();
            if total <= 0.0 || !total.is_finite() {
                return 0.0;
            }
            let sum: f64 = package
                .choices
                .iter()
                .map(|(issue, option)| {
                    let w = p.weights.get(issue).map_or(0.0, |s| s.value.max(0.0));
                    let r = plan
                        .issue(issue)
                        .and_then(|i| Some((i, i.options.iter().find(|o| &o.id == option)?)))
                        .and_then(|(i, o)| rating(p, i, o))
                        .map_or(0.0, |s| s.value);
                    w * r
                })
                .sum();
            let v = sum / total;
            if v.is_finite() {
                v.clamp(0.0, 100.0)
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn the_sample_plan_bridges_and_its_package_values_match_the_engine() {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let pp = PlanProblem::from_plan(&plan);
        assert_eq!(pp.problem.parties.len(), 2);
        assert_eq!(pp.problem.issues.len(), 4);
        assert_eq!(pp.problem.us, Some(0));
        let (model, warnings) = pp.problem.compile().unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let package = &plan.packages[0];
        let idx: Vec<usize> = pp.package_indices(package).into_iter().flatten().collect();
        assert_eq!(idx.len(), 4);
        let engine = model.value(&idx).unwrap();
        let direct = package_values(&plan, package);
        for (a, b) in engine.iter().zip(&direct) {
            assert!((a - b).abs() < 1e-6, "{engine:?} vs {direct:?}");
        }
        // Dana: 40·60 + 10·60 + 15·50 + 35·100 = 7250 → 72.5
        assert!((direct[0] - 72.5).abs() < 1e-9);
        assert_eq!(pp.choices(&idx), package.choices);
    }

    #[test]
    fn issues_without_options_are_skipped_and_open_issues_add_nothing() {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let empty = plan.add_issue("Parking");
        let pp = PlanProblem::from_plan(&plan);
        assert_eq!(pp.skipped_issues, vec![empty]);
        let mut package = plan.packages[0].clone();
        let first = plan.issues[0].id.clone();
        package.choices.remove(&first);
        let v = package_values(&plan, &package);
        assert!((v[0] - (72.5 - 40.0 * 60.0 / 100.0)).abs() < 1e-9, "{v:?}");
    }
}

/// What one package means for every party: its value, whether it beats each party's
/// reservation value, and which interests its options serve and which stay unserved.
#[derive(Clone, Debug, PartialEq)]
pub struct PackageReport {
    pub values: Vec<f64>,
    /// Per party: value ≥ reservation value (with the engine's 1e-9 tolerance).
    pub beats_batna: Vec<bool>,
    pub joint: f64,
    /// Every issue with options has a choice.
    pub complete: bool,
    pub serves: Vec<crate::model::InterestId>,
    pub misses: Vec<crate::model::InterestId>,
}

pub fn package_report(plan: &Plan, package: &Package) -> PackageReport {
    let values = package_values(plan, package);
    let beats_batna = plan
        .parties
        .iter()
        .zip(&values)
        .map(|(p, v)| *v >= p.reservation.value - 1e-9)
        .collect();
    let complete = plan
        .issues
        .iter()
        .filter(|i| !i.options.is_empty())
        .all(|i| package.choices.contains_key(&i.id));
    let mut serves = Vec::new();
    for (issue, option) in &package.choices {
        let served = plan
            .issue(issue)
            .and_then(|i| i.options.iter().find(|o| &o.id == option))
            .map(|o| o.serves.clone())
            .unwrap_or_default();
        for id in served {
            if !serves.contains(&id) {
                serves.push(id);
            }
        }
    }
    let misses = plan
        .interests
        .iter()
        .map(|i| i.id.clone())
        .filter(|id| !serves.contains(id))
        .collect();
    PackageReport {
        joint: values.iter().sum(),
        values,
        beats_batna,
        complete,
        serves,
        misses,
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn the_sample_package_beats_both_batnas_and_serves_home_time() {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let r = package_report(&plan, &plan.packages[0]);
        assert!(r.complete);
        assert_eq!(r.beats_batna, vec![true, true], "{:?}", r.values);
        assert!((r.joint - r.values.iter().sum::<f64>()).abs() < 1e-12);
        let home = &plan.interests[1].id;
        assert!(r.serves.contains(home));
        assert!(!r.misses.contains(home));
        assert_eq!(r.serves.len() + r.misses.len(), plan.interests.len());
    }
}
