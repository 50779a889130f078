//! A BATNA as a small decision tree (method.md, "Alternatives as decision trees"): the
//! alternatives open without an agreement, each a chance node over outcomes with
//! probabilities that sum to 1; its cost and its delay (months × the cost of a month) are
//! subtracted from every outcome. The party takes the alternative with the highest
//! expected value: that value suggests the reservation value, and the 10th and 90th
//! percentiles of its outcomes the range.
//!
//! Values are on the package scale or in money, converted linearly (`zero` is worth 0,
//! `hundred` 100). Probabilities are typed in percent; ones that do not sum to 100 % are
//! reported, never scaled.

use super::num;
use crate::model::{BatnaTree, Estimate, PartyId, Plan, TreeUnit};
use std::fmt;

/// The percentiles the range is made of.
pub const LOW_PERCENTILE: f64 = 0.10;
pub const HIGH_PERCENTILE: f64 = 0.90;
/// How far from 100 % a sum of probabilities may be (typing 33.3 three times is not 100).
const SUM_TOLERANCE: f64 = 0.05;

/// What is wrong with a tree, naming the place.
#[derive(Clone, Debug, PartialEq)]
pub enum TreeError {
    NoAlternatives,
    /// An alternative without outcomes (an empty branch).
    NoOutcomes {
        alternative: String,
    },
    MissingProbability {
        alternative: String,
        outcome: String,
    },
    NegativeProbability {
        alternative: String,
        outcome: String,
        value: f64,
    },
    /// The outcomes' probabilities add up to `total` percent, not 100.
    Sum {
        alternative: String,
        total: f64,
    },
    MissingValue {
        alternative: String,
        outcome: String,
    },
    /// The money scale has the same amount for 0 and 100.
    MoneyScale,
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeError::NoAlternatives => write!(f, "Add at least one alternative."),
            TreeError::NoOutcomes { alternative } => write!(
                f,
                "{alternative} has no outcomes: add what could happen, with how likely each is."
            ),
            TreeError::MissingProbability {
                alternative,
                outcome,
            } => write!(
                f,
                "{alternative}, {outcome}: how likely is it? Type a probability."
            ),
            TreeError::NegativeProbability {
                alternative,
                outcome,
                value,
            } => write!(
                f,
                "{alternative}, {outcome}: a probability cannot be negative ({} %).",
                num(*value)
            ),
            TreeError::Sum { alternative, total } => write!(
                f,
                "{alternative}: the probabilities add up to {} %, not 100 %.",
                num(*total)
            ),
            TreeError::MissingValue {
                alternative,
                outcome,
            } => write!(
                f,
                "{alternative}, {outcome}: what is it worth? Type a value."
            ),
            TreeError::MoneyScale => write!(
                f,
                "The money scale needs two different amounts for 0 and for 100."
            ),
        }
    }
}

/// One alternative's expected value.
#[derive(Clone, Debug, PartialEq)]
pub struct AlternativeResult {
    pub name: String,
    /// On the package scale.
    pub expected: f64,
}

/// The tree worked out, on the package scale.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeResult {
    /// The alternative with the highest expected value (the first of equals).
    pub best: usize,
    pub alternatives: Vec<AlternativeResult>,
    pub expected: f64,
    pub low: f64,
    pub median: f64,
    pub high: f64,
    /// The best alternative's outcomes, (value, probability 0–1), by value.
    pub outcomes: Vec<(f64, f64)>,
}

/// "“Go to court”", or "Alternative 2" for an unnamed one.
pub(super) fn alternative_name(tree: &BatnaTree, k: usize) -> String {
    match tree.alternatives.get(k).map(|a| a.name.trim()) {
        Some(n) if !n.is_empty() => format!("“{n}”"),
        _ => format!("Alternative {}", k + 1),
    }
}

pub(super) fn outcome_name(label: &str, k: usize) -> String {
    let l = label.trim();
    if l.is_empty() {
        format!("outcome {}", k + 1)
    } else {
        format!("“{l}”")
    }
}

/// The tree's unit to points: the identity, or the money scale.
fn to_points(tree: &BatnaTree) -> Option<impl Fn(f64) -> f64> {
    let (zero, hundred) = match tree.unit {
        TreeUnit::Points => (0.0, 100.0),
        TreeUnit::Money => (tree.money.zero, tree.money.hundred),
    };
    let span = hundred - zero;
    (span.is_finite() && span.abs() > 1e-12 && zero.is_finite())
        .then_some(move |v: f64| (v - zero) / span * 100.0)
}

/// The smallest value whose cumulative probability reaches `p` (outcomes sorted by value).
pub fn percentile(outcomes: &[(f64, f64)], p: f64) -> f64 {
    let mut cumulative = 0.0;
    for &(v, q) in outcomes {
        cumulative += q;
        if cumulative >= p - 1e-9 {
            return v;
        }
    }
    outcomes.last().map_or(0.0, |o| o.0)
}

/// Works the tree out, or says everything that is wrong with it.
pub fn evaluate(tree: &BatnaTree) -> Result<TreeResult, Vec<TreeError>> {
    let mut errors = Vec::new();
    let points = to_points(tree);
    if points.is_none() {
        errors.push(TreeError::MoneyScale);
    }
    if tree.alternatives.is_empty() {
        errors.push(TreeError::NoAlternatives);
    }
    let mut per_alternative: Vec<Vec<(f64, f64)>> = Vec::new();
    for (k, alt) in tree.alternatives.iter().enumerate() {
        let name = alternative_name(tree, k);
        if alt.outcomes.is_empty() {
            errors.push(TreeError::NoOutcomes {
                alternative: name.clone(),
            });
        }
        let mut total = 0.0;
        let mut complete = true;
        let mut outcomes = Vec::new();
        for (j, o) in alt.outcomes.iter().enumerate() {
            let here = || (name.clone(), outcome_name(&o.label, j));
            match o.probability {
                None => {
                    let (alternative, outcome) = here();
                    errors.push(TreeError::MissingProbability {
                        alternative,
                        outcome,
                    });
                    complete = false;
                }
                Some(p) if p < 0.0 => {
                    let (alternative, outcome) = here();
                    errors.push(TreeError::NegativeProbability {
                        alternative,
                        outcome,
                        value: p,
                    });
                    complete = false;
                }
                Some(p) => total += p,
            }
            if o.value.is_none() {
                let (alternative, outcome) = here();
                errors.push(TreeError::MissingValue {
                    alternative,
                    outcome,
                });
                complete = false;
            }
            if let (Some(p), Some(v), Some(to)) = (o.probability, o.value, points.as_ref()) {
                // Net of cost and delay in the tree's unit, then on the scale (linear).
                let net = v - alt.cost - alt.months * tree.per_month;
                outcomes.push((to(net), p / 100.0));
            }
        }
        if complete && !alt.outcomes.is_empty() && (total - 100.0).abs() > SUM_TOLERANCE {
            errors.push(TreeError::Sum {
                alternative: name.clone(),
                total,
            });
        }
        per_alternative.push(outcomes);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let alternatives: Vec<AlternativeResult> = per_alternative
        .iter()
        .enumerate()
        .map(|(k, o)| AlternativeResult {
            name: alternative_name(tree, k),
            expected: o.iter().map(|(v, p)| v * p).sum(),
        })
        .collect();
    let best = (0..alternatives.len()).fold(0, |b, k| {
        if alternatives[k].expected > alternatives[b].expected + 1e-12 {
            k
        } else {
            b
        }
    });
    let mut outcomes = per_alternative[best].clone();
    crate::model::order::sort_by(&mut outcomes, |a, b| a.0.total_cmp(&b.0));
    Ok(TreeResult {
        best,
        expected: alternatives[best].expected,
        low: percentile(&outcomes, LOW_PERCENTILE),
        median: percentile(&outcomes, 0.5),
        high: percentile(&outcomes, HIGH_PERCENTILE),
        alternatives,
        outcomes,
    })
}

/// The reservation value the tree suggests: for us the expected value; for a counterpart
/// the expected value with the 10th–90th percentile as its range. Within 0–100.
pub fn suggested_reservation(result: &TreeResult, counterpart: bool) -> Estimate {
    let clamp = |v: f64| (v.clamp(0.0, 100.0) * 10.0).round() / 10.0;
    let value = clamp(result.expected);
    if counterpart {
        Estimate {
            value,
            low: clamp(result.low).min(value),
            high: clamp(result.high).max(value),
        }
    } else {
        Estimate::exact(value)
    }
}

/// A money amount for a point value, when the tree is in money.
fn money(tree: &BatnaTree, points: f64) -> Option<String> {
    (tree.unit == TreeUnit::Money).then(|| {
        let v = tree.money.zero + points / 100.0 * (tree.money.hundred - tree.money.zero);
        let c = tree.money.currency.trim();
        let amount = group_thousands(v.round());
        if c.is_empty() {
            amount
        } else if c.chars().count() == 1 {
            format!("{c}{amount}")
        } else {
            format!("{amount} {c}")
        }
    })
}

fn group_thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 {
        format!("−{out}")
    } else {
        out
    }
}

/// What the tree gives, in a sentence: "Expected value 56; 10th–90th percentile: 20 to
/// 80, taking “Go to court”, the best of 2 alternatives."
pub fn summary(tree: &BatnaTree, result: &TreeResult) -> String {
    let with_money = |p: f64| match money(tree, p) {
        Some(m) => format!("{} ({m})", num(p)),
        None => num(p),
    };
    let mut text = format!(
        "Expected value {}; 10th–90th percentile: {} to {}",
        with_money(result.expected),
        with_money(result.low),
        with_money(result.high)
    );
    if result.alternatives.len() > 1 {
        text.push_str(&format!(
            ", taking {}, the best of {} alternatives",
            result.alternatives[result.best].name,
            result.alternatives.len()
        ));
    }
    text.push('.');
    if result
        .outcomes
        .iter()
        .any(|(v, _)| !(0.0..=100.0).contains(v))
    {
        text.push_str(
            " Some outcomes fall outside the 0–100 scale; the reservation value is kept within it.",
        );
    }
    text
}

/// The tree of a party, worked out; `None` when it has no tree.
pub fn party_result(plan: &Plan, party: &PartyId) -> Option<Result<TreeResult, Vec<TreeError>>> {
    plan.party(party)?.batna_tree.as_ref().map(evaluate)
}

/// A line for the brief: what the party's tree gives, when it has a complete one.
pub fn brief_line(plan: &Plan, party: &PartyId) -> Option<String> {
    let tree = plan.party(party)?.batna_tree.as_ref()?;
    let result = evaluate(tree).ok()?;
    let text = summary(tree, &result);
    let mut chars = text.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    Some(format!("Worked out as a decision tree: {lowered}"))
}

/// Sets the party's reservation value from its tree; the sentence says what was set.
pub fn apply_reservation(plan: &mut Plan, party: &PartyId) -> Result<String, String> {
    let counterpart = plan.us() != Some(party);
    let result = match party_result(plan, party) {
        None => return Err("There is no tree to use.".into()),
        Some(Err(errors)) => {
            return Err(errors.first().map_or_else(String::new, ToString::to_string))
        }
        Some(Ok(r)) => r,
    };
    let estimate = suggested_reservation(&result, counterpart);
    if let Some(p) = plan.party_mut(party) {
        p.reservation = estimate;
    }
    Ok(if counterpart {
        format!(
            "Reservation value set to {}, with a range of {} to {}, from the tree.",
            num(estimate.value),
            num(estimate.low),
            num(estimate.high)
        )
    } else {
        format!(
            "Reservation value set to {} from the tree.",
            num(estimate.value)
        )
    })
}

/// A tree to start from: one alternative with two outcomes to fill in.
pub fn new_tree(batna: &str) -> BatnaTree {
    let name = batna
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .chars()
        .take(80)
        .collect();
    BatnaTree {
        alternatives: vec![crate::model::TreeAlternative {
            name,
            outcomes: vec![Default::default(), Default::default()],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, MoneyScale, PlanId, TreeAlternative, TreeOutcome};

    fn outcome(label: &str, p: f64, v: f64) -> TreeOutcome {
        TreeOutcome {
            label: label.into(),
            probability: Some(p),
            value: Some(v),
        }
    }

    fn alternative(name: &str, outcomes: Vec<TreeOutcome>) -> TreeAlternative {
        TreeAlternative {
            name: name.into(),
            outcomes,
            ..Default::default()
        }
    }

    fn tree(alternatives: Vec<TreeAlternative>) -> BatnaTree {
        BatnaTree {
            alternatives,
            ..Default::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_two_outcome_gamble_by_hand() {
        // 60 % worth 80, 40 % worth 20: EV 0.6·80 + 0.4·20 = 56. Cumulative: 20 → 0.4, 80 → 1.
        let t = tree(vec![alternative(
            "Wait for the other offer",
            vec![
                outcome("It comes", 60.0, 80.0),
                outcome("It does not", 40.0, 20.0),
            ],
        )]);
        let r = evaluate(&t).unwrap();
        assert!(close(r.expected, 56.0));
        assert_eq!((r.low, r.median, r.high), (20.0, 80.0, 80.0));
        assert_eq!(r.outcomes, vec![(20.0, 0.4), (80.0, 0.6)]);
        assert_eq!(
            summary(&t, &r),
            "Expected value 56; 10th–90th percentile: 20 to 80."
        );
        assert_eq!(
            suggested_reservation(&r, true),
            Estimate {
                value: 56.0,
                low: 20.0,
                high: 80.0
            }
        );
        assert_eq!(suggested_reservation(&r, false), Estimate::exact(56.0));
    }

    #[test]
    fn costs_and_delays_and_the_best_of_several_alternatives() {
        // Court: 70 % win 90, 30 % lose 10; fees 15; 12 months at 0.5 a month → −21 each.
        // Outcomes 69 and −11: EV 0.7·69 − 0.3·11 = 45. Settle privately: 50 for sure.
        let mut court = alternative(
            "Go to court",
            vec![outcome("Win", 70.0, 90.0), outcome("Lose", 30.0, 10.0)],
        );
        court.cost = 15.0;
        court.months = 12.0;
        let mut t = tree(vec![
            court,
            alternative("Sell to a third party", vec![outcome("", 100.0, 40.0)]),
        ]);
        t.per_month = 0.5;
        let r = evaluate(&t).unwrap();
        assert!(
            close(r.alternatives[0].expected, 45.0),
            "{:?}",
            r.alternatives
        );
        assert!(close(r.alternatives[1].expected, 40.0));
        assert_eq!(r.best, 0);
        assert_eq!((r.low, r.median, r.high), (-11.0, 69.0, 69.0));
        assert_eq!(
            summary(&t, &r),
            "Expected value 45; 10th–90th percentile: -11 to 69, taking “Go to court”, the \
             best of 2 alternatives. Some outcomes fall outside the 0–100 scale; the \
             reservation value is kept within it."
        );
        assert_eq!(
            suggested_reservation(&r, true),
            Estimate {
                value: 45.0,
                low: 0.0,
                high: 69.0
            }
        );
    }

    #[test]
    fn percentiles_of_a_spread_distribution() {
        let outcomes = [
            (10.0, 0.05),
            (20.0, 0.05),
            (30.0, 0.4),
            (70.0, 0.45),
            (95.0, 0.05),
        ];
        assert_eq!(percentile(&outcomes, 0.10), 20.0);
        assert_eq!(percentile(&outcomes, 0.5), 30.0);
        assert_eq!(percentile(&outcomes, 0.9), 70.0);
        assert_eq!(percentile(&outcomes, 0.96), 95.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn money_converts_with_the_users_scale() {
        // €70k = 0, €100k = 100. Promotion: 40 % €88k, 60 % €78k; 4 months at €500.
        // Net €86k and €76k → 53.33 and 20: EV 0.4·53.33 + 0.6·20 = 33.33.
        let mut alt = alternative(
            "Stay and ask for the promotion",
            vec![
                outcome("Promoted", 40.0, 88_000.0),
                outcome("Not promoted", 60.0, 78_000.0),
            ],
        );
        alt.months = 4.0;
        let t = BatnaTree {
            unit: TreeUnit::Money,
            money: MoneyScale {
                zero: 70_000.0,
                hundred: 100_000.0,
                currency: "€".into(),
            },
            per_month: 500.0,
            alternatives: vec![alt],
        };
        let r = evaluate(&t).unwrap();
        assert!((r.expected - 100.0 / 3.0).abs() < 1e-9);
        assert!((r.high - 160.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            summary(&t, &r),
            "Expected value 33.3 (€80,000); 10th–90th percentile: 20 (€76,000) to 53.3 (€86,000)."
        );
        let bad = BatnaTree {
            money: MoneyScale {
                zero: 5.0,
                hundred: 5.0,
                currency: String::new(),
            },
            ..t
        };
        assert_eq!(evaluate(&bad), Err(vec![TreeError::MoneyScale]));
    }

    #[test]
    fn invalid_trees_give_clear_errors() {
        assert_eq!(
            evaluate(&tree(vec![])).unwrap_err()[0].to_string(),
            "Add at least one alternative."
        );
        let errors = evaluate(&tree(vec![alternative("Court", vec![])])).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "“Court” has no outcomes: add what could happen, with how likely each is."
        );
        let errors = evaluate(&tree(vec![alternative(
            "Court",
            vec![outcome("Win", -10.0, 90.0), outcome("Lose", 110.0, 10.0)],
        )]))
        .unwrap_err();
        assert_eq!(
            errors,
            vec![TreeError::NegativeProbability {
                alternative: "“Court”".into(),
                outcome: "“Win”".into(),
                value: -10.0
            }]
        );
        assert_eq!(
            errors[0].to_string(),
            "“Court”, “Win”: a probability cannot be negative (-10 %)."
        );
        // Not summing to 100 is flagged, never scaled.
        let errors = evaluate(&tree(vec![alternative(
            "",
            vec![outcome("Win", 60.0, 90.0), outcome("", 30.0, 10.0)],
        )]))
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "Alternative 1: the probabilities add up to 90 %, not 100 %."
        );
        let thirds = evaluate(&tree(vec![alternative(
            "",
            vec![
                outcome("", 33.3, 90.0),
                outcome("", 33.3, 10.0),
                outcome("", 33.3, 50.0),
            ],
        )]));
        assert!(matches!(thirds, Err(e) if matches!(e[0], TreeError::Sum { .. })));
        let errors = evaluate(&new_tree("Stay where I am\nmore text")).unwrap_err();
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "“Stay where I am”, outcome 1: how likely is it? Type a probability.",
                "“Stay where I am”, outcome 1: what is it worth? Type a value.",
                "“Stay where I am”, outcome 2: how likely is it? Type a probability.",
                "“Stay where I am”, outcome 2: what is it worth? Type a value."
            ]
        );
    }

    #[test]
    fn a_tree_sets_the_reservation_value_and_reaches_the_brief() {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let dana = plan.parties[0].id.clone();
        let nimbus = plan.parties[1].id.clone();
        assert_eq!(brief_line(&plan, &dana), None);
        assert!(apply_reservation(&mut plan, &dana).is_err());
        plan.party_mut(&dana).unwrap().batna_tree = Some(tree(vec![alternative(
            "Stay",
            vec![outcome("Promoted", 50.0, 70.0), outcome("Not", 50.0, 40.0)],
        )]));
        assert_eq!(
            apply_reservation(&mut plan, &dana),
            Ok("Reservation value set to 55 from the tree.".into())
        );
        assert_eq!(plan.parties[0].reservation, Estimate::exact(55.0));
        assert_eq!(
            brief_line(&plan, &dana).as_deref(),
            Some(
                "Worked out as a decision tree: expected value 55; 10th–90th percentile: 40 to 70."
            )
        );
        plan.party_mut(&nimbus).unwrap().batna_tree = Some(tree(vec![alternative(
            "Keep interviewing",
            vec![outcome("Find someone", 30.0, 60.0), outcome("", 70.0, 20.0)],
        )]));
        assert_eq!(
            apply_reservation(&mut plan, &nimbus),
            Ok("Reservation value set to 32, with a range of 20 to 60, from the tree.".into())
        );
        // An incomplete tree says why it cannot be used.
        plan.party_mut(&nimbus).unwrap().batna_tree = Some(new_tree(""));
        assert_eq!(
            apply_reservation(&mut plan, &nimbus),
            Err("Alternative 1, outcome 1: how likely is it? Type a probability.".into())
        );
    }
}
