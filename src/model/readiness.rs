//! Whether a plan can be analysed and, when it cannot, the first thing missing in words
//! that name it and the step where it is fixed. The packages step, the brief and the
//! progress of the Evaluate step all ask here, so they never disagree about why.
//!
//! An issue with a single option is a settled issue: it is part of every package and the
//! analysis treats it as fixed. Only an issue with no option at all stops the analysis.

use super::edit_people::party_display_name;
use super::{Plan, Step};

/// Weights count as adding up to 100 within this (they are shown as whole numbers).
const SUM_SLACK: f64 = 0.5;

/// The first reason the plan cannot be analysed yet, or `None` when it can.
pub fn analysis_blocker(plan: &Plan) -> Option<String> {
    let parties = Step::Parties.label();
    let issues = Step::Issues.label();
    let evaluate = Step::Evaluate.label();
    if plan.parties.len() < 2 {
        return Some(format!(
            "The analysis needs at least two parties: add one in “{parties}”."
        ));
    }
    if plan.issues.is_empty() {
        return Some(format!(
            "The analysis needs at least one issue with options: name one in “{issues}”."
        ));
    }
    if let Some(issue) = plan.issues.iter().find(|i| i.options.is_empty()) {
        return Some(format!(
            "The issue “{}” has no options yet: add at least one in “{issues}” (an issue \
             with a single option counts as settled).",
            shown(&issue.name, "with no name")
        ));
    }
    for party in &plan.parties {
        let who = party_display_name(plan, &party.id);
        let sum: f64 = plan
            .issues
            .iter()
            .filter_map(|i| party.weights.get(&i.id))
            .map(|s| s.value)
            .filter(|v| v.is_finite())
            .sum();
        if sum <= 0.0 {
            return Some(format!(
                "{who} has no weights yet: say how much each issue matters to {who} in \
                 “{evaluate}”."
            ));
        }
        if (sum - 100.0).abs() >= SUM_SLACK {
            return Some(format!(
                "The weights of {who} add up to {}, not 100: adjust them in “{evaluate}”.",
                (sum * 10.0).round() / 10.0
            ));
        }
        // A contingent option's rating is the mix of its two outcomes' ratings.
        for issue in &plan.issues {
            if let Some(o) = issue
                .options
                .iter()
                .find(|o| super::strategy::rating(party, issue, o).is_none())
            {
                return Some(format!(
                    "{who} has not rated the option “{}” of “{}” yet: rate it in “{evaluate}”.",
                    shown(&o.label, "with no name"),
                    shown(&issue.name, "an issue with no name")
                ));
            }
        }
    }
    None
}

fn shown(name: &str, fallback: &str) -> String {
    match name.trim() {
        "" => fallback.to_string(),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId, Score};

    fn plan() -> Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    #[test]
    fn a_complete_plan_can_be_analysed_and_a_settled_issue_does_not_stop_it() {
        let mut p = plan();
        assert_eq!(analysis_blocker(&p), None);
        // Settle the salary: one option left, still rated by everyone.
        p.issues[0].options.truncate(1);
        assert_eq!(analysis_blocker(&p), None);
        assert!(Step::Evaluate.is_complete(&p));
        assert!(Step::Issues.is_complete(&p));
    }

    #[test]
    fn the_first_real_reason_is_named_with_its_place() {
        let check = |p: &Plan, words: &[&str]| {
            let why = analysis_blocker(p).expect("not ready");
            for w in words {
                assert!(why.contains(w), "{why:?} lacks {w:?}");
            }
            assert!(!Step::Evaluate.is_complete(p));
        };
        let mut p = plan();
        p.issues[1].options.clear();
        check(
            &p,
            &["“Signing bonus” has no options yet", "“Issues and options”"],
        );

        let mut p = plan();
        let dana = p.parties[0].name.clone();
        let salary = p.issues[0].id.clone();
        p.parties[0]
            .weights
            .insert(salary.clone(), Score::new(10.0));
        check(
            &p,
            &[
                &format!("weights of {dana} add up to"),
                "not 100",
                "“Evaluate”",
            ],
        );

        let mut p = plan();
        p.parties[1].weights.clear();
        check(&p, &["has no weights yet", "“Evaluate”"]);

        let mut p = plan();
        let option = p.issues[2].options[1].clone();
        p.parties[1].ratings.remove(&option.id);
        let who = p.parties[1].name.clone();
        check(
            &p,
            &[
                &format!("{who} has not rated the option “{}”", option.label),
                "“Evaluate”",
            ],
        );

        let mut p = plan();
        p.issues.clear();
        check(&p, &["at least one issue"]);
        p.parties.truncate(1);
        check(&p, &["at least two parties", "“Parties and alternatives”"]);
    }
}
