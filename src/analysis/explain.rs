//! The engine's findings in plain words, with the plan's own names: what an improvement
//! changes and what each party gains, and what a trade swaps. Pure; the packages step shows
//! these sentences as they are.

use super::improve::{improve, ImproveOptions, ImproveOutcome, Improvement};
use super::meso::{mesos, MesoError, MesoOptions, MesoSet};
use super::outcome::{same_package, MarkKind};
use super::plan::PlanProblem;
use super::problem::{Problem, ProblemError, MAX_OPTIONS};
use super::trades::Trade;
use super::Analysis;
use crate::model::{IssueId, OptionId, Package};
use std::collections::BTreeMap;

/// Why the engine refused a problem, with the plan's names for the party and the issue.
pub fn problem_error(problem: &Problem, e: &ProblemError) -> String {
    let party = |p: usize| format!("“{}”", problem.party_name(p));
    let issue = |i: usize| format!("“{}”", problem.issue_name(i));
    match e {
        ProblemError::TooFewParties(n) => {
            format!("the analysis needs at least two parties (this plan has {n})")
        }
        // Limits read as the engine words them, with thousands separated.
        ProblemError::TooManyParties(_) | ProblemError::TooManyIssues(_) => e.to_string(),
        ProblemError::NoIssues => "the analysis needs at least one issue with options".into(),
        ProblemError::NoOptions { issue: i } => format!("the issue {} has no options", issue(*i)),
        ProblemError::TooManyOptions { issue: i, options } => format!(
            "the issue {} has {options} options; the analysis handles at most {MAX_OPTIONS}",
            issue(*i)
        ),
        ProblemError::EvaluationCount { issue: i, .. } => {
            format!("the issue {} is not scored for every party", issue(*i))
        }
        ProblemError::RatingCount {
            issue: i, party: p, ..
        } => format!(
            "the ratings of {} on the issue {} do not match its options",
            party(*p),
            issue(*i)
        ),
        ProblemError::NotFinite {
            what,
            party: p,
            issue: Some(i),
        } => format!(
            "the {what} of {} on the issue {} is not a number",
            party(*p),
            issue(*i)
        ),
        ProblemError::NotFinite {
            what,
            party: p,
            issue: None,
        } => format!("the {what} of {} is not a number", party(*p)),
        ProblemError::NegativeWeight { party: p, issue: i } => {
            format!(
                "{} has a negative weight on the issue {}",
                party(*p),
                issue(*i)
            )
        }
        ProblemError::ZeroWeights { party: p } => format!(
            "every weight of {} is 0: say how much each issue matters in Evaluate",
            party(*p)
        ),
        ProblemError::UsOutOfRange(_) => "the party marked as “us” is not in the plan".into(),
    }
}

/// A package the analysis suggests: named after the reference points that chose it, with
/// a sentence when several chose the same package.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// "Nash bargaining solution", or "Nash bargaining solution, Kalai–Smorodinsky and max
    /// joint gain" when they coincide (also the name of the package it adds).
    pub label: String,
    /// "Nash, Kalai–Smorodinsky and max joint gain are the same package."
    pub note: Option<String>,
    pub choices: BTreeMap<IssueId, OptionId>,
}

/// The reference packages (Nash, Kalai–Smorodinsky, max joint gain among packages every
/// party accepts), one entry per package: reference points that coincide are one entry
/// that says so.
pub fn suggestions(pp: &PlanProblem, a: &Analysis) -> Vec<Suggestion> {
    let mut groups: Vec<(Vec<MarkKind>, BTreeMap<IssueId, OptionId>)> = Vec::new();
    for kind in MarkKind::ALL {
        let point = match kind {
            // Only an acceptable package is a suggestion (the chart shows the best joint
            // value overall too, and says whom it fails).
            MarkKind::MaxJoint => a.points.max_joint.as_ref(),
            other => other.point(&a.points),
        };
        let Some(point) = point else {
            continue;
        };
        let choices = pp.choices(&point.package);
        match groups.iter_mut().find(|(_, c)| *c == choices) {
            Some((kinds, _)) => kinds.push(kind),
            None => groups.push((vec![kind], choices)),
        }
    }
    groups
        .into_iter()
        .map(|(kinds, choices)| {
            let mut names: Vec<String> = kinds.iter().map(|k| k.short().to_string()).collect();
            names[0] = kinds[0].label().to_string();
            Suggestion {
                label: list(&names),
                note: same_package(&kinds),
                choices,
            }
        })
        .collect()
}

/// "a", "a and b", "a, b and c".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}

/// A signed change with one decimal: "+4.0", "−2.5"; "±0" only for no change at all. A change
/// too small for one decimal shows its first significant digits ("+0.03", "−0.004"), so a
/// real gain never reads as nothing. The minus is the typographic one, which reads better
/// next to names than a hyphen.
pub fn signed(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "±0".to_string();
    }
    let sign = if v > 0.0 { "+" } else { "−" };
    let a = v.abs();
    if a >= 0.05 {
        return format!("{sign}{a:.1}");
    }
    // Enough decimals for the first significant digit, at most six.
    let decimals = (2..=6usize)
        .find(|&d| a >= 0.5 * 10f64.powi(-(d as i32)))
        .unwrap_or(6);
    if a < 0.5e-6 {
        return format!("{sign}<0.000001");
    }
    format!("{sign}{a:.decimals$}")
}

/// "Northfield +4.0, Verpa +11.0": a change for every party, in party order.
pub fn gains(problem: &Problem, gains: &[f64]) -> String {
    gains
        .iter()
        .enumerate()
        .map(|(k, g)| format!("{} {}", problem.party_name(k), signed(*g)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Change Delivery time to 5 days and Volume commitment to 80% of forecast: buyer +4.0,
/// supplier +11.0."
pub fn improvement(problem: &Problem, imp: &Improvement) -> String {
    let changes: Vec<String> = imp
        .changed_issues
        .iter()
        .filter_map(|&i| {
            let o = *imp.package.get(i)?;
            Some(format!(
                "{} to {}",
                problem.issue_name(i),
                problem.option_label(i, o)
            ))
        })
        .collect();
    format!("Change {}: {}.", list(&changes), gains(problem, &imp.gains))
}

/// What a trade swaps and what it is worth, in two sentences.
pub fn trade(problem: &Problem, t: &Trade) -> String {
    let a = problem.party_name(t.party_a);
    let b = problem.party_name(t.party_b);
    let take = problem.issue_name(t.take_issue);
    let give = problem.issue_name(t.give_issue);
    let mut s = format!(
        "{a} weighs {take} more than {give} ({:.0} against {:.0}); {b} the other way round \
         ({:.0} against {:.0}). Let {a} have {} on {take} and {b} have {} on {give}: {a} {}, \
         {b} {} compared with the opposite swap.",
        t.weights_a.0,
        t.weights_a.1,
        t.weights_b.1,
        t.weights_b.0,
        problem.option_label(t.take_issue, t.take_option),
        problem.option_label(t.give_issue, t.give_option),
        signed(t.gain_a),
        signed(t.gain_b),
    );
    if !t.mutual {
        s.push_str(" The ratings make this swap one-sided: it is not a gain for both.");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{compute_frontier, improve, trades, FrontierOptions, ImproveOutcome};

    fn named(mut p: Problem) -> Problem {
        p.parties[0].name = "Us".into();
        p.parties[1].name = "Them".into();
        for (k, issue) in p.issues.iter_mut().enumerate() {
            issue.name = format!("Issue {}", ["A", "B", "C"][k]);
            issue.option_labels = (0..issue.options).map(|o| format!("o{o}")).collect();
        }
        p
    }

    fn supplier() -> (crate::model::Plan, PlanProblem, Analysis) {
        let plan = crate::model::supplier_contract(crate::model::PlanId::parse("p1").unwrap(), 0);
        let pp = PlanProblem::from_plan(&plan);
        let a = crate::analysis::analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        (plan, pp, a)
    }

    /// Reference points that pick the same package are one suggestion that says so.
    #[test]
    fn coinciding_reference_points_are_one_suggestion_that_says_so() {
        let (_, pp, a) = supplier();
        let list = suggestions(&pp, &a);
        assert!(!list.is_empty());
        // Every suggestion is a different package, and every point is named once.
        for (k, s) in list.iter().enumerate() {
            assert!(list[k + 1..].iter().all(|t| t.choices != s.choices));
            assert_eq!(s.note.is_some(), s.label.contains(" and "), "{s:?}");
        }
        // Make the three coincide: a plan where one package is best in every way.
        let mut plan =
            crate::model::supplier_contract(crate::model::PlanId::parse("p1").unwrap(), 0);
        for party in &mut plan.parties {
            for issue in &plan.issues {
                for (k, o) in issue.options.iter().enumerate() {
                    let v = if k == 0 { 100.0 } else { 0.0 };
                    party
                        .ratings
                        .insert(o.id.clone(), crate::model::Score::new(v));
                }
            }
            party.reservation = crate::model::Estimate::exact(10.0);
        }
        let pp = PlanProblem::from_plan(&plan);
        let a = crate::analysis::analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let list = suggestions(&pp, &a);
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!(
            list[0].label,
            "Nash bargaining solution, Kalai–Smorodinsky and max joint gain"
        );
        assert_eq!(
            list[0].note.as_deref(),
            Some("Nash, Kalai–Smorodinsky and max joint gain are the same package.")
        );
    }

    /// The engine's refusals name the party and the issue, never an index or a Rust name.
    #[test]
    fn engine_refusals_name_the_party_and_the_issue() {
        let (_, pp, _) = supplier();
        let party = pp.problem.party_name(1);
        let issue = pp.problem.issue_name(2);
        let cases = [
            (
                ProblemError::NotFinite {
                    what: "weight",
                    party: 1,
                    issue: Some(2),
                },
                format!("the weight of “{party}” on the issue “{issue}” is not a number"),
            ),
            (
                ProblemError::TooManyOptions {
                    issue: 2,
                    options: 20_000,
                },
                format!(
                    "the issue “{issue}” has 20000 options; the analysis handles at most 10000"
                ),
            ),
            (
                ProblemError::ZeroWeights { party: 1 },
                format!(
                    "every weight of “{party}” is 0: say how much each issue matters in Evaluate"
                ),
            ),
        ];
        for (e, want) in cases {
            assert_eq!(problem_error(&pp.problem, &e), want);
        }
    }

    #[test]
    fn the_supplier_draft_is_improvable_and_the_improvement_dominates_it() {
        let (plan, pp, a) = supplier();
        let draft = &plan.packages[0];
        assert_eq!(draft.name, "Draft: short and flexible");
        let Verdict::Improvable {
            text,
            choices,
            fewest_changes,
        } = verdict(&pp, &a, draft, PAGE_IMPROVE_BUDGET)
        else {
            panic!("the draft leaves value on the table");
        };
        assert!(fewest_changes);
        assert!(text.starts_with("Change "), "{text}");
        let before = crate::analysis::plan::package_values(&plan, draft);
        let mut better = draft.clone();
        better.choices = choices;
        let after = crate::analysis::plan::package_values(&plan, &better);
        assert!(after.iter().zip(&before).all(|(b, a)| b >= a) && after != before);
        // Applied, the package is on the frontier.
        assert_eq!(
            verdict(&pp, &a, &better, PAGE_IMPROVE_BUDGET),
            Verdict::Efficient
        );
        let mut open = draft.clone();
        open.choices.pop_first();
        assert_eq!(verdict(&pp, &a, &open, PAGE_IMPROVE_BUDGET), Verdict::Open);
    }

    #[test]
    fn three_supplier_mesos_are_near_the_target_and_explained() {
        let (_, pp, a) = supplier();
        let offers = meso_offers(&pp, &a, Some(60.0), 3.0, 3).unwrap();
        assert_eq!(offers.len(), 3);
        for o in &offers {
            assert!((o.values[0] - 60.0).abs() <= 3.0 + 1e-6, "{:?}", o.values);
            assert_eq!(o.choices.len(), 6);
            assert!(!o.text.is_empty());
        }
        // Nothing is worth 99 to the buyer, wasteful or not (the page's own check).
        let e = meso_offers(&pp, &a, Some(99.0), 3.0, 3).unwrap_err();
        assert!(e.starts_with("No package is worth 99 ± 3 to us"), "{e}");
        let e = meso_offers(&pp, &a, Some(f64::NAN), 3.0, 3).unwrap_err();
        assert!(e.contains("must be numbers"), "{e}");
        let mut neutral = pp.clone();
        neutral.problem.us = None;
        let b = crate::analysis::analyze(&neutral.problem, &FrontierOptions::default()).unwrap();
        let e = meso_offers(&neutral, &b, None, 2.0, 3).unwrap_err();
        assert!(e.contains("mark one party as “us”"), "{e}");
    }

    #[test]
    fn an_empty_band_is_explained_truthfully() {
        use crate::model::PartyId;
        // One issue; "Fixed" (50, 50) is beaten by "Indexed" (60, 60) for both parties.
        let mut problem = Problem::from_matrices(
            &[vec![100.0], vec![100.0]],
            &[vec![vec![50.0, 60.0, 100.0]], vec![vec![50.0, 60.0, 0.0]]],
            &[0.0, 0.0],
            Some(0),
        );
        problem.issues[0].option_labels = vec!["Fixed".into(), "Indexed".into(), "None".into()];
        let pp = PlanProblem {
            problem,
            parties: vec![PartyId("us".into()), PartyId("them".into())],
            issues: vec![IssueId("price".into())],
            options: vec![["fixed", "indexed", "none"]
                .iter()
                .map(|o| OptionId(o.to_string()))
                .collect()],
            skipped_issues: Vec::new(),
        };
        let a = crate::analysis::analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let e = meso_offers(&pp, &a, Some(50.0), 2.0, 3).unwrap_err();
        assert!(!e.starts_with("No package is worth"), "{e}");
        assert!(e.contains("worth 50 ± 2 to us"), "{e}");
        assert!(e.contains("give value away"), "{e}");
        let e = meso_offers(&pp, &a, Some(30.0), 0.5, 3).unwrap_err();
        assert_eq!(
            e,
            "No package is worth 30 ± 0.5 to us and acceptable to everyone. Try another target \
             or a wider band."
        );
    }

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&s(&[])), "");
        assert_eq!(list(&s(&["a"])), "a");
        assert_eq!(list(&s(&["a", "b"])), "a and b");
        assert_eq!(list(&s(&["a", "b", "c"])), "a, b and c");
        assert_eq!(signed(4.04), "+4.0");
        assert_eq!(signed(-2.5), "−2.5");
        assert_eq!(signed(0.01), "+0.01");
        assert_eq!(signed(0.0), "±0");
        assert_eq!(signed(-0.0), "±0");
        assert_eq!(signed(-0.004), "−0.004");
        assert_eq!(signed(0.049), "+0.05");
        assert_eq!(signed(1e-10), "+<0.000001");
        assert_eq!(signed(f64::NAN), "±0");
    }

    #[test]
    fn an_improvement_names_each_change_and_each_gain() {
        // Package (0, 0) gives both 50; (1, 1) gives us 70 and them 70.
        let p = named(Problem::from_matrices(
            &[vec![30.0, 70.0], vec![70.0, 30.0]],
            &[
                vec![vec![100.0, 0.0], vec![0.0, 100.0]],
                vec![vec![0.0, 100.0], vec![100.0, 0.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        ));
        let (m, _) = p.compile().unwrap();
        let f = compute_frontier(&m, &FrontierOptions::default());
        let ImproveOutcome::Improved(imp) = improve(&m, &f, &[0, 0], &Default::default()).unwrap()
        else {
            panic!("(0, 0) is dominated");
        };
        assert_eq!(
            improvement(&p, &imp),
            "Change Issue A to o1 and Issue B to o1: Us +40.0, Them +40.0."
        );
    }

    #[test]
    fn a_trade_says_who_gets_what() {
        let p = named(Problem::from_matrices(
            &[vec![70.0, 30.0], vec![20.0, 80.0]],
            &[
                vec![vec![100.0, 0.0], vec![100.0, 0.0]],
                vec![vec![0.0, 100.0], vec![0.0, 100.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        ));
        let (m, _) = p.compile().unwrap();
        let t = &trades(&m)[0];
        let s = trade(&p, t);
        assert!(
            s.starts_with("Us weighs Issue A more than Issue B (70 against 30); Them the other way round (80 against 20)."),
            "{s}"
        );
        assert!(
            s.contains(
                "Let Us have o0 on Issue A and Them have o1 on Issue B: Us +40.0, Them +60.0"
            ),
            "{s}"
        );
        assert!(!s.contains("one-sided"), "{s}");
    }
}

/// What the engine says about one of the plan's packages.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Some issue is still open: only complete packages can be judged.
    Open,
    /// No package is better for one party without being worse for another.
    Efficient,
    /// Some package is better for everyone (or better for some, worse for none).
    Improvable {
        /// The improvement in plain words.
        text: String,
        /// The improved package as plan choices.
        choices: BTreeMap<IssueId, OptionId>,
        /// False when the search hit its budget: a way with fewer changes may exist.
        fewest_changes: bool,
    },
}

/// The search budget for one package's improvement in the page: a few milliseconds of work
/// (the engine's default, 2·10⁶ nodes, is meant for batch use).
pub const PAGE_IMPROVE_BUDGET: u64 = 200_000;

/// Judges a plan package against the frontier and, when it leaves value on the table, finds
/// the improvement with the fewest changes. `analysis` must be the analysis of `pp`.
pub fn verdict(pp: &PlanProblem, analysis: &Analysis, package: &Package, budget: u64) -> Verdict {
    let Some(indices) = pp
        .package_indices(package)
        .into_iter()
        .collect::<Option<Vec<usize>>>()
    else {
        return Verdict::Open;
    };
    let options = ImproveOptions {
        node_budget: budget,
        ..ImproveOptions::default()
    };
    match improve(&analysis.model, &analysis.frontier, &indices, &options) {
        Ok(ImproveOutcome::Improved(imp)) => Verdict::Improvable {
            text: improvement(&pp.problem, &imp),
            choices: pp.choices(&imp.package),
            fewest_changes: imp.fewest_changes_guaranteed,
        },
        // A package the model cannot value (it cannot happen for a package built from the
        // same plan) is reported as open rather than judged.
        Ok(ImproveOutcome::AlreadyEfficient) => Verdict::Efficient,
        Err(_) => Verdict::Open,
    }
}

/// Why a MESO search found no offer, in words that are true of the plan.
fn no_offer(set: &MesoSet) -> String {
    let band = format!("{} ± {}", number(set.target), number(set.band));
    if set.wasteful_only {
        format!(
            "Every package worth {band} to us and acceptable to everyone uses an option that \
             another option of the same issue beats for someone at no cost to anyone, so \
             offering it would give value away. Try another target or a wider band."
        )
    } else if !set.exact {
        format!(
            "The search stopped before finding a package worth {band} to us and acceptable to \
             everyone: this plan has too many packages to try them all. Try a wider band."
        )
    } else {
        format!(
            "No package is worth {band} to us and acceptable to everyone. Try another target or \
             a wider band."
        )
    }
}

/// A number as people write it: "60", "2.5", "0.25" (at most two decimals).
fn number(v: f64) -> String {
    let s = format!("{:.2}", v + 0.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One offer of a MESO set, ready to show and to save as a package.
#[derive(Clone, Debug, PartialEq)]
pub struct MesoOffer {
    pub choices: BTreeMap<IssueId, OptionId>,
    /// Value per party, in plan party order.
    pub values: Vec<f64>,
    /// What this offer trades against the reference package, in plain words.
    pub text: String,
}

/// A MESO set for the plan: `count` offers worth about `target` (± `band`) to us, as
/// different as possible for the counterparts. `target` `None` means our value at the Nash
/// package. Errors are sentences for the user.
pub fn meso_offers(
    pp: &PlanProblem,
    analysis: &Analysis,
    target: Option<f64>,
    band: f64,
    count: usize,
) -> Result<Vec<MesoOffer>, String> {
    let options = MesoOptions {
        count,
        band,
        target,
        // Per offer; keeps a set of five well under a second on the largest plans.
        node_budget: 200_000,
    };
    match mesos(&analysis.model, &analysis.points, &options) {
        Ok(set) if set.offers.is_empty() => Err(no_offer(&set)),
        Ok(set) => Ok(set
            .offers
            .iter()
            .map(|m| MesoOffer {
                choices: pp.choices(&m.package),
                values: m.values.clone(),
                text: m.describe(&pp.problem),
            })
            .collect()),
        Err(MesoError::NoUsParty) => Err(
            "Offers of equal value are equal for us: mark one party as “us” in the Parties step first."
                .into(),
        ),
        Err(MesoError::NoZopa) => Err(
            "No package is acceptable to every party, so there is nothing to offer yet. Check the reservation values in the Parties step."
                .into(),
        ),
        Err(MesoError::InvalidOptions) => {
            Err("The target and the band must be numbers, and the band cannot be negative.".into())
        }
    }
}
