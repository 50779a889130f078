//! Contingent options: what differing expectations are worth, and where a bet may help.
//!
//! An option "A if the event happens, else B" is worth `P_p·r_p(A) + (1 − P_p)·r_p(B)` to
//! party p, with p's own chance `P_p` of the event (`model::rating`); the engine treats it
//! like any other option. When the chances differ, each side values the bet by its own
//! expectation, and together they value it more than if they shared one estimate: against
//! the parties' average chance `P̄`, party p gains `(P_p − P̄)·(r_p(A) − r_p(B))` rating
//! points, which is `w_p · that / 100` points of package value (weights normalised to 100).
//! The sum is positive when each side expects the outcome that favours it.

use super::{num, Cx};
use crate::analysis::explain::signed;
use crate::model::order;
use crate::model::{Contingency, Issue, OptionItem, Plan, QuestionStatus};

const TOL: f64 = 1e-9;

/// An existing contingent option, with what the differing chances add.
#[derive(Clone, Debug, PartialEq)]
pub struct Bet {
    pub issue: String,
    pub option: String,
    pub event: String,
    /// Each party's rating of the option (the mix), plan order.
    pub ratings: Vec<f64>,
    /// Each party's gain in package value against a shared (average) chance, plan order.
    pub gains: Vec<f64>,
    pub joint: f64,
    pub text: String,
}

/// Ratings and gains of one contingent option, in plan party order: `None` while a party
/// has no chance or no rating of an outcome.
pub fn bet_values(plan: &Plan, issue: &Issue, option: &OptionItem) -> Option<(Vec<f64>, Vec<f64>)> {
    let c: &Contingency = option.contingent.as_ref()?;
    let chances: Vec<f64> = plan
        .parties
        .iter()
        .map(|p| c.chances.get(&p.id).copied())
        .collect::<Option<_>>()?;
    let mean = chances.iter().sum::<f64>() / chances.len().max(1) as f64;
    let mut ratings = Vec::new();
    let mut gains = Vec::new();
    for (p, party) in plan.parties.iter().enumerate() {
        ratings.push(crate::model::rating(party, issue, option)?.value);
        let a = party.ratings.get(&c.then)?.value;
        let b = party.ratings.get(&c.otherwise)?.value;
        let total: f64 = plan
            .issues
            .iter()
            .filter_map(|i| party.weights.get(&i.id))
            .map(|s| s.value.max(0.0))
            .sum();
        let w = party
            .weights
            .get(&issue.id)
            .map_or(0.0, |s| s.value.max(0.0));
        let share = if total > 0.0 { w / total } else { 0.0 };
        gains.push((chances[p] - mean) / 100.0 * (a - b) * share);
    }
    Some((ratings, gains))
}

/// The plan's contingent options with their value, and ideas for new ones.
pub(crate) fn bets(cx: &Cx) -> (Vec<Bet>, Vec<String>) {
    let plan = cx.plan;
    let us = cx.us;
    let mut bets = Vec::new();
    for issue in &plan.issues {
        for option in issue.options.iter().filter(|o| o.contingent.is_some()) {
            let Some((ratings, gains)) = bet_values(plan, issue, option) else {
                continue;
            };
            let Some(c) = &option.contingent else {
                continue;
            };
            let joint: f64 = gains.iter().sum();
            let chance = |p: usize| {
                plan.parties
                    .get(p)
                    .and_then(|x| c.chances.get(&x.id))
                    .map_or("?".to_string(), |v| format!("{v:.0}%"))
            };
            let label = |id| {
                issue
                    .options
                    .iter()
                    .find(|o| &o.id == id)
                    .map_or(String::new(), |o| o.label.trim().to_string())
            };
            let mut text = format!(
                "“{}” on {}: we put the chance that {} at {}; {}.",
                option.label.trim(),
                issue.name.trim(),
                lower_first(c.event.trim()),
                chance(us),
                cx.others
                    .iter()
                    .map(|&p| format!("{} at {}", cx.names[p], chance(p)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let who: Vec<String> = std::iter::once(format!("us {}", signed(gains[us])))
                .chain(
                    cx.others
                        .iter()
                        .map(|&p| format!("{} {}", cx.names[p], signed(gains[p]))),
                )
                .collect();
            if joint > TOL {
                text.push_str(&format!(
                    " Each side values the bet by its own expectation, so together it is worth {} more ({}) than an agreement on one shared estimate.",
                    num(joint),
                    who.join(", ")
                ));
            } else if joint < -TOL {
                text.push_str(&format!(
                    " This bet works against both sides ({}): each gives the outcome it believes in to the other. Swap the outcomes: “{}” if it happens, “{}” if not.",
                    who.join(", "),
                    label(&c.otherwise),
                    label(&c.then)
                ));
            } else {
                text.push_str(" The chances are the same, so the bet adds nothing from differing expectations: it only shares the risk.");
            }
            // Whether the engine can use it: an option every party rates no higher than
            // another of the same issue never appears on the frontier.
            let position = cx.pp.issues.iter().position(|id| id == &issue.id);
            let index = issue.options.iter().position(|o| o.id == option.id);
            if let (Some(i), Some(o)) = (position, index) {
                if cx.analysis.model.eligible(i).contains(&o) {
                    text.push_str(" It can be part of a package on the frontier.");
                } else {
                    text.push_str(" Another option of this issue is at least as good for every party, so no package on the frontier uses it.");
                }
            }
            bets.push(Bet {
                issue: issue.name.trim().to_string(),
                option: option.label.trim().to_string(),
                event: c.event.trim().to_string(),
                ratings,
                gains,
                joint,
                text,
            });
        }
    }
    (bets, ideas(cx))
}

/// The event in the middle of a sentence (see `model::lower_first`).
fn lower_first(s: &str) -> String {
    if s.is_empty() {
        "the event happens".into()
    } else {
        crate::model::lower_first(s)
    }
}

/// Issues where the sides want opposite options (and no bet exists yet), and disputed
/// facts: where a contingent option may turn a disagreement into value.
fn ideas(cx: &Cx) -> Vec<String> {
    let problem = &cx.pp.problem;
    let model = &cx.analysis.model;
    let mut opposed: Vec<(f64, String)> = Vec::new();
    for (i, input) in problem.issues.iter().enumerate() {
        let has_bet = cx
            .pp
            .issues
            .get(i)
            .and_then(|id| cx.plan.issue(id))
            .is_some_and(|x| x.options.iter().any(|o| o.contingent.is_some()));
        if has_bet || input.options < 2 {
            continue;
        }
        let rating = |p: usize, o: usize| {
            input
                .evaluations
                .get(p)
                .and_then(|e| e.ratings.get(o))
                .copied()
                .unwrap_or(0.0)
        };
        let theirs = |o: usize| {
            cx.others.iter().map(|&p| rating(p, o)).sum::<f64>() / cx.others.len().max(1) as f64
        };
        let best = |f: &dyn Fn(usize) -> f64| {
            (0..input.options)
                .max_by(|&a, &b| f(a).total_cmp(&f(b)))
                .unwrap_or(0)
        };
        let ours_best = best(&|o| rating(cx.us, o));
        let theirs_best = best(&theirs);
        if ours_best == theirs_best || rating(cx.us, theirs_best) > 50.0 || theirs(ours_best) > 50.0
        {
            continue;
        }
        let weight =
            model.weight(cx.us, i) + cx.others.iter().map(|&p| model.weight(p, i)).sum::<f64>();
        opposed.push((
            weight,
            format!(
                "On {} we and {} want opposite options. If the sides expect different futures there (volumes, dates, prices, a rule), a contingent option such as “{} if it happens, else {}” lets each bet on its own forecast. Add one on the Issues step, with each side's chance.",
                problem.issue_name(i),
                cx.them(),
                problem.option_label(i, ours_best),
                problem.option_label(i, theirs_best)
            ),
        ));
    }
    order::sort_by(&mut opposed, |a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = opposed.into_iter().take(2).map(|(_, s)| s).collect();
    for q in &cx.plan.questions {
        if q.status == QuestionStatus::Disputed && !q.question.trim().is_empty() {
            out.push(format!(
                "The sides disagree about “{}” (Fact-finding): an option that depends on the answer may turn the disagreement into value.",
                q.question.trim()
            ));
        }
    }
    out
}
