//! The agreement's review (post-settlement analysis): our value against the target, the
//! walk-away and the BATNA; the deal against the frontier; when some package is better for
//! every side, questions to bring back ("Would you also prefer X if we changed Y?") with
//! the signed deal as both sides' fallback; and how closely our offers followed the plan.

use super::{num, plan_strategy, Strategy};
use crate::analysis::explain::{list, signed};
use crate::analysis::plan::PlanProblem;
use crate::analysis::{
    analyze, dominates, improve, Analysis, FrontierOptions, ImproveOptions, ImproveOutcome,
};
use crate::model::order;
use crate::model::{IssueId, OptionId, Outcome, Plan};
use std::collections::BTreeMap;

/// Offers within this many points of a planned step count as following it.
pub const FOLLOWED_WITHIN: f64 = 2.0;
/// At most this many improvement questions.
const QUESTIONS: usize = 3;
const TOL: f64 = 1e-9;

/// A package better for every side than the deal, as a question for the other side.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub text: String,
    pub choices: BTreeMap<IssueId, OptionId>,
    /// Value per party, plan order.
    pub values: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub outcome: Outcome,
    /// The deal's value per party (plan order), when every issue has a choice.
    pub values: Option<Vec<f64>>,
    /// Our value against the target, the walk-away and the BATNA; the others' values; the
    /// deal against the frontier (or, without a deal, what the numbers said).
    pub figures: Vec<String>,
    /// Whether the deal is on the frontier (`None` without a complete deal).
    pub on_frontier: Option<bool>,
    pub questions: Vec<Question>,
    /// How closely our offers followed the concession plan.
    pub log: Vec<String>,
    /// What keeps parts of the review from being made.
    pub notes: Vec<String>,
}

/// The review of the plan's recorded agreement, computing its analysis; `None` when none
/// is recorded.
pub fn review_for(plan: &Plan) -> Option<Review> {
    plan.agreement.as_ref()?;
    let pp = PlanProblem::from_plan(plan);
    let ready = super::ready(plan);
    let analysis = ready
        .is_ok()
        .then(|| analyze(&pp.problem, &FrontierOptions::default()).ok())
        .flatten();
    Some(review(plan, &pp, analysis.as_ref()))
}

/// The review from the plan's analysis (`None` while the plan cannot be analysed).
pub fn review(plan: &Plan, pp: &PlanProblem, analysis: Option<&Analysis>) -> Review {
    let outcome = plan
        .agreement
        .as_ref()
        .map_or(Outcome::NoAgreement, |a| a.outcome);
    let mut out = Review {
        outcome,
        values: None,
        figures: Vec::new(),
        on_frontier: None,
        questions: Vec::new(),
        log: Vec::new(),
        notes: Vec::new(),
    };
    let Some(analysis) = analysis else {
        out.notes.push(match super::ready(plan) {
            Err(why) => why,
            Ok(()) => "The plan could not be analysed.".into(),
        });
        return out;
    };
    let strategy = plan_strategy(plan, pp, analysis);
    let Ok(strategy) = strategy else {
        if let Err(why) = strategy {
            out.notes.push(why);
        }
        return out;
    };
    let choices = plan
        .agreement
        .as_ref()
        .map(|a| a.choices.clone())
        .unwrap_or_default();
    match outcome {
        Outcome::Agreed => {
            let package =
                crate::model::Package::new(crate::model::PackageId(String::new()), "", choices);
            match pp
                .package_indices(&package)
                .into_iter()
                .collect::<Option<Vec<usize>>>()
            {
                Some(deal) => agreed(&mut out, plan, pp, analysis, &strategy, &deal),
                None => out.notes.push(
                    "Pick the agreed option for every issue to review the deal against the plan and the frontier."
                        .into(),
                ),
            }
        }
        Outcome::NoAgreement => no_agreement(&mut out, plan, analysis, &strategy),
    }
    out.log = follow(plan, &strategy);
    out
}

fn agreed(
    out: &mut Review,
    plan: &Plan,
    pp: &PlanProblem,
    analysis: &Analysis,
    s: &Strategy,
    deal: &[usize],
) {
    let model = &analysis.model;
    let Ok(values) = model.value(deal) else {
        return;
    };
    let us = s.us;
    let ours = values[us];
    out.figures.push(format!("Our value: {}.", num(ours)));
    if let Some(t) = &s.target {
        out.figures.push(if ours >= t.value - TOL {
            format!(
                "Target {}: reached ({}).",
                num(t.value),
                signed(ours - t.value)
            )
        } else {
            format!(
                "Target {}: {} short of it.",
                num(t.value),
                num(t.value - ours)
            )
        });
    }
    let walk = s.walk_away.value;
    out.figures.push(if ours >= walk - TOL {
        format!("Walk-away {}: {} above it.", num(walk), num(ours - walk))
    } else {
        format!(
            "Walk-away {}: {} below it. The deal is worth less to us than our BATNA.",
            num(walk),
            num(walk - ours)
        )
    });
    let batna = plan
        .us()
        .and_then(|id| plan.party(id))
        .map(|p| p.batna.trim().to_string())
        .unwrap_or_default();
    let against = if batna.is_empty() {
        "our BATNA".to_string()
    } else {
        format!("our BATNA (“{batna}”)")
    };
    out.figures.push(format!(
        "Against {against}: {} than walking away.",
        if ours >= walk - TOL {
            format!("{} better", num(ours - walk))
        } else {
            format!("{} worse", num(walk - ours))
        }
    ));
    for (p, name) in s.names.iter().enumerate().filter(|(p, _)| *p != us) {
        out.figures.push(format!(
            "{name}: {} against its estimated reservation value of {}.",
            num(values[p]),
            num(model.reservation(p))
        ));
    }
    let f = &analysis.frontier;
    let better: Vec<usize> = (0..f.len())
        .filter(|&k| dominates(&f.values(k), &values))
        .collect();
    out.on_frontier = Some(better.is_empty());
    out.values = Some(values.clone());
    if better.is_empty() {
        out.figures.push(
            "On the frontier: no package is better for one side without being worse for another."
                .into(),
        );
        return;
    }
    let joint = |v: &[f64]| v.iter().sum::<f64>();
    let best_joint = better
        .iter()
        .map(|&k| joint(&f.values(k)) - joint(&values))
        .fold(0.0, f64::max);
    out.figures.push(format!(
        "Off the frontier: {}{} package value{} better for every side; the best adds {} points for the sides together.",
        if f.is_exact() { "" } else { "at least " },
        better.len(),
        if better.len() == 1 { " is" } else { "s are" },
        num(best_joint)
    ));
    // Three ways back to the frontier: fewest changes, most joint value, most balanced.
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    let options = ImproveOptions {
        node_budget: crate::analysis::explain::PAGE_IMPROVE_BUDGET,
        ..ImproveOptions::default()
    };
    if let Ok(ImproveOutcome::Improved(imp)) = improve(model, f, deal, &options) {
        candidates.push(imp.package);
    }
    let gain = |k: usize| -> Vec<f64> {
        f.values(k)
            .iter()
            .zip(&values)
            .map(|(a, b)| a - b)
            .collect()
    };
    let by = |key: &dyn Fn(usize) -> f64| {
        better
            .iter()
            .copied()
            .max_by(|&a, &b| key(a).total_cmp(&key(b)))
    };
    if let Some(k) = by(&|k| gain(k).iter().sum()) {
        candidates.push(f.package(k));
    }
    if let Some(k) = by(&|k| gain(k).iter().copied().fold(f64::INFINITY, f64::min)) {
        candidates.push(f.package(k));
    }
    let mut seen: Vec<Vec<usize>> = Vec::new();
    for c in candidates {
        if seen.contains(&c) || seen.len() >= QUESTIONS {
            continue;
        }
        if let Some(q) = question(pp, analysis, s, deal, &values, &c) {
            out.questions.push(q);
            seen.push(c);
        }
    }
}

/// "Would you also prefer X if we changed Y? …": X the changes that favour us, Y those that
/// favour them.
fn question(
    pp: &PlanProblem,
    analysis: &Analysis,
    s: &Strategy,
    deal: &[usize],
    values: &[f64],
    better: &[usize],
) -> Option<Question> {
    let model = &analysis.model;
    let new_values = model.value(better).ok()?;
    if !dominates(&new_values, values) {
        return None;
    }
    let problem = &pp.problem;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for (i, (&a, &b)) in deal.iter().zip(better).enumerate() {
        if a == b {
            continue;
        }
        let d_us = model.contribution(i, b, s.us) - model.contribution(i, a, s.us);
        let item = format!(
            "{} {} (instead of {})",
            problem.issue_name(i),
            problem.option_label(i, b),
            problem.option_label(i, a)
        );
        if d_us > TOL {
            ours.push(item);
        } else {
            theirs.push(item);
        }
    }
    let you = if s.names.len() > 2 { "you all" } else { "you" };
    let mut text = match (ours.is_empty(), theirs.is_empty()) {
        (false, false) => format!(
            "Would {you} also prefer {} if we changed {}?",
            list(&ours),
            list(&theirs)
        ),
        (false, true) => format!("Would {you} also prefer {}?", list(&ours)),
        _ => format!(
            "Would {you} also prefer it if we changed {}?",
            list(&theirs)
        ),
    };
    let gains: Vec<String> = (0..values.len())
        .filter(|&p| p != s.us)
        .chain([s.us])
        .map(|p| {
            let who = if p == s.us {
                "us".to_string()
            } else {
                s.names[p].clone()
            };
            format!("{who} {}", signed(new_values[p] - values[p]))
        })
        .collect();
    text.push_str(&format!(
        " Better for every side ({}). If either side prefers the signed deal, it stands: it stays both sides' fallback.",
        gains.join(", ")
    ));
    Some(Question {
        text,
        choices: pp.choices(better),
        values: new_values,
    })
}

fn no_agreement(out: &mut Review, plan: &Plan, analysis: &Analysis, s: &Strategy) {
    let batna = plan
        .us()
        .and_then(|id| plan.party(id))
        .map(|p| p.batna.trim().to_string())
        .unwrap_or_default();
    out.figures.push(if batna.is_empty() {
        format!("Our BATNA is worth {} to us.", num(s.walk_away.value))
    } else {
        format!(
            "Our BATNA, “{batna}”, is worth {} to us.",
            num(s.walk_away.value)
        )
    });
    let points = &analysis.points;
    match &points.nash {
        Some(nash) => {
            let them: Vec<String> = (0..nash.values.len())
                .filter(|&p| p != s.us)
                .map(|p| format!("{} {}", s.names[p], num(nash.values[p])))
                .collect();
            out.figures.push(format!(
                "On our estimates some packages were acceptable to every side: the Nash package gave us {} and {}. If that zone was real, what stopped it: a BATNA we misjudged, an interest we missed, or the way the talks went?",
                num(nash.values[s.us]),
                list(&them)
            ));
        }
        None => out.figures.push(
            "On our estimates no package was acceptable to every side: walking away was consistent with the numbers."
                .into(),
        ),
    }
}

/// How closely our logged offers followed the concession plan.
fn follow(plan: &Plan, s: &Strategy) -> Vec<String> {
    let Some(us) = plan.us() else {
        return Vec::new();
    };
    let mut offers: Vec<(i64, usize, f64)> = plan
        .offers
        .iter()
        .enumerate()
        .filter(|(_, o)| &o.party == us)
        .filter_map(|(k, o)| {
            let package = plan.packages.iter().find(|p| p.id == o.package)?;
            let complete = plan
                .issues
                .iter()
                .filter(|i| !i.options.is_empty())
                .all(|i| package.choices.contains_key(&i.id));
            complete.then(|| {
                let v = crate::analysis::plan::package_values(plan, package);
                (o.at, k, v.get(s.us).copied().unwrap_or(0.0))
            })
        })
        .collect();
    order::sort_by(&mut offers, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut out = Vec::new();
    if offers.is_empty() {
        out.push("No offer of ours is in the offer log (Packages step), so the talks cannot be compared with the plan.".into());
        return out;
    }
    let planned: Vec<f64> = s
        .steps
        .iter()
        .map(|c| c.package.values.get(s.us).copied().unwrap_or(0.0))
        .collect();
    let ours: Vec<f64> = offers.iter().map(|o| o.2).collect();
    if let Some(open) = s.opening.as_ref() {
        let d = ours[0] - open.value;
        out.push(format!(
            "Our first offer was worth {} to us; the plan opened at {} ({}).",
            num(ours[0]),
            num(open.value),
            if d.abs() < 0.05 {
                "the same".to_string()
            } else if d > 0.0 {
                format!("{} higher", num(d))
            } else {
                format!("{} lower", num(-d))
            }
        ));
    }
    if ours.len() > 1 {
        let steps: Vec<f64> = ours.windows(2).map(|w| w[0] - w[1]).collect();
        let rose = steps.iter().any(|d| *d < -0.05);
        let conceded: Vec<f64> = steps.iter().copied().filter(|d| *d > 0.05).collect();
        let shrinking = conceded.windows(2).all(|w| w[1] <= w[0] + 0.05);
        let words: Vec<String> = steps.iter().map(|d| signed(-d)).collect();
        out.push(format!(
            "Our value from offer to offer: {}{}",
            words.join(", "),
            if rose {
                ". Our demands rose again at some point, which can read as bad faith unless something new came up."
            } else if shrinking {
                ": concessions that shrink, as planned."
            } else {
                ": the concessions did not shrink, which signals there is more to come."
            }
        ));
    }
    if !planned.is_empty() {
        let near = |v: f64| {
            planned
                .iter()
                .map(|p| (p - v).abs())
                .fold(f64::INFINITY, f64::min)
        };
        let followed = ours.iter().filter(|&&v| near(v) <= FOLLOWED_WITHIN).count();
        let mean = ours.iter().map(|&v| near(v)).sum::<f64>() / ours.len() as f64;
        out.push(format!(
            "{followed} of {} offer{} {} within {} points of a planned step; on average our offers were {} from the nearest one.",
            ours.len(),
            if ours.len() == 1 { "" } else { "s" },
            if ours.len() == 1 { "was" } else { "were" },
            num(FOLLOWED_WITHIN),
            num(mean)
        ));
    }
    let walk = s.walk_away.value;
    if let Some(k) = ours.iter().position(|&v| v < walk - TOL) {
        out.push(format!(
            "Offer {} went below the walk-away ({}): worse for us than our BATNA.",
            k + 1,
            num(walk)
        ));
    } else if let Some(t) = &s.target {
        match ours.iter().position(|&v| v < t.value - TOL) {
            Some(k) => out.push(format!(
                "From offer {} on, our offers went below the target ({}), never below the walk-away.",
                k + 1,
                num(t.value)
            )),
            None => out.push(format!(
                "No offer of ours went below the target ({}).",
                num(t.value)
            )),
        }
    }
    out
}
