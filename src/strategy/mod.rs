//! From the analysis to the table: the strategy for one side, and the review of the
//! agreement once the talks are over. Pure (std and the engine's public API only), tested
//! natively; every sentence the Strategy and Agreement steps show is made here.
//!
//! # The three numbers
//! - **Walk-away**: our reservation value, from our BATNA. Nothing below it is planned.
//! - **Target**: a frontier package acceptable to every party, between the Nash package and
//!   the best package for us that the others still accept (our value halfway between the
//!   two, [`numbers`]). The user may move it; the target is then the frontier package that
//!   reaches the chosen value and is best for the others.
//! - **Opening**: the frontier package best for us, at or above the target, that every
//!   counterpart accepts in at least [`OPENING_MIN_CHANCE`] of the sensitivity model's
//!   plausible variations of our estimates: ambitious, but not an insult.
//!
//! # The concession plan ([`concessions`])
//! Frontier packages from the opening to the target in shrinking steps, then one step
//! beyond the target and a stop at the walk-away. Along the plan our value never rises and
//! no counterpart's value falls; every package is a point of the engine's frontier (exact,
//! or within its stated ε when the engine had to thin it).
//!
//! Also here: the agenda ([`agenda`]), contingent options ([`contingent`]) and the
//! agreement's review ([`review`]).

pub mod agenda;
pub mod concessions;
pub mod contingent;
pub mod numbers;
pub mod review;

use crate::analysis::explain::{self, MesoOffer};
use crate::analysis::plan::PlanProblem;
use crate::analysis::{
    analyze, sensitivity, Analysis, FrontierOptions, SensitivityOptions, SensitivityReport,
};
use crate::model::{IssueId, OptionId, Plan, Step};
use std::collections::BTreeMap;

/// The opening must be acceptable to every counterpart in at least this share of the
/// sensitivity model's variations of our estimates.
pub const OPENING_MIN_CHANCE: f64 = 0.5;
/// A planned package acceptable to every counterpart in less than this share rests on
/// fragile estimates (the same line the packages step draws for favourites).
pub const FRAGILE_BELOW: f64 = 0.7;
/// Half-width of our value band for the opening offers of equal value.
pub const MESO_BAND: f64 = 2.0;
/// Number of opening offers of equal value.
pub const MESO_COUNT: usize = 3;

/// A number of the strategy (walk-away, target or opening): our value, the package that
/// realises it and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Our value, 0–100.
    pub value: f64,
    /// The package that realises it (none for a walk-away with no package above it).
    pub package: Option<Planned>,
    /// Why this number, in sentences.
    pub reasons: Vec<String>,
}

/// A package of the strategy, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    /// Option index per issue of the bridge.
    pub indices: Vec<usize>,
    pub choices: BTreeMap<IssueId, OptionId>,
    /// Value per party, in plan party order.
    pub values: Vec<f64>,
    /// The chance each counterpart accepts it (sensitivity model), when computed.
    pub chances: Option<Chances>,
    /// Each issue's option with the objective criteria that justify it.
    pub lines: Vec<ChoiceLine>,
}

/// One issue of a planned package.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceLine {
    pub issue: String,
    pub option: String,
    /// The issue's objective criteria as sentences ("standard (source): what it says"), or
    /// one sentence saying there is none yet.
    pub criteria: Vec<String>,
}

/// How likely the counterparts are to accept a package, given how sure we are of our
/// estimates: per counterpart (party index, share) and for all of them at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Chances {
    pub per: Vec<(usize, f64)>,
    pub all: f64,
    /// The chances in one sentence.
    pub text: String,
}

/// The whole strategy for our side.
#[derive(Clone, Debug, PartialEq)]
pub struct Strategy {
    /// Our party index (plan order).
    pub us: usize,
    /// Party names, plan order.
    pub names: Vec<String>,
    pub walk_away: Figure,
    /// `None` when no package is acceptable to every party.
    pub target: Option<Figure>,
    /// Our value at the suggested target (shown beside a target the user moved).
    pub suggested_target: Option<f64>,
    pub opening: Option<Figure>,
    /// Offers of equal value to us at the opening value, or why there are none.
    pub mesos: Result<Vec<MesoOffer>, String>,
    /// Opening, steps, target, one step beyond it.
    pub steps: Vec<concessions::Concession>,
    /// What to do below the last step: walk away.
    pub stop: String,
    /// Every planned package is on the frontier or within this much of it (0: exact).
    pub epsilon: f64,
    pub agenda: agenda::Agenda,
    /// A warning when the plan rests on fragile estimates, with the least sure estimates.
    pub risk: Option<String>,
    pub bets: Vec<contingent::Bet>,
    pub bet_ideas: Vec<String>,
    /// Plain words about what limits this strategy: no zone of agreement, a single issue,
    /// where the two-party advice does not hold with more parties.
    pub notes: Vec<String>,
}

/// Our value with one decimal.
pub fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// A share as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The strategy of a plan, computing its analysis (native callers and the brief). Errors
/// are sentences for the user.
pub fn strategy_for(plan: &Plan) -> Result<Strategy, String> {
    ready(plan)?;
    let pp = PlanProblem::from_plan(plan);
    let analysis = analyze(&pp.problem, &FrontierOptions::default())
        .map_err(|e| format!("The analysis could not run: {e}."))?;
    plan_strategy(plan, &pp, &analysis)
}

/// Whether the plan can have a strategy: a side to plan for, and every score filled in.
/// The error names what is missing and where to fill it in.
pub fn ready(plan: &Plan) -> Result<(), String> {
    if plan.us().is_none() {
        return Err("A strategy is made for one side: mark the party you plan for as “us” on the Parties and alternatives step.".into());
    }
    if Step::Evaluate.is_complete(plan) {
        return Ok(());
    }
    if !Step::Issues.is_complete(plan) {
        return Err("The strategy needs issues with at least two options each (Issues and options step), and every party's scores.".into());
    }
    let missing: Vec<String> = plan
        .parties
        .iter()
        .filter(|p| {
            let sum: f64 = plan
                .issues
                .iter()
                .filter_map(|i| p.weights.get(&i.id))
                .map(|s| s.value)
                .sum();
            (sum - 100.0).abs() >= 0.5
                || plan.issues.iter().any(|i| {
                    i.options
                        .iter()
                        .any(|o| crate::model::rating(p, i, o).is_none())
                })
        })
        .map(|p| format!("“{}”", p.name.trim()))
        .collect();
    Err(format!(
        "{} {} no complete scores yet: the strategy is computed from every party's weights (summing to 100) and ratings. Fill them in on the Evaluate step.",
        explain::list(&missing),
        if missing.len() == 1 { "has" } else { "have" }
    ))
}

/// The strategy from a finished analysis of `pp` (the page's runner computed it). Errors
/// are sentences for the user.
pub fn plan_strategy(
    plan: &Plan,
    pp: &PlanProblem,
    analysis: &Analysis,
) -> Result<Strategy, String> {
    ready(plan)?;
    let us = pp
        .problem
        .us
        .ok_or("A strategy is made for one side: mark one party as “us”.")?;
    let cx = Cx::new(plan, pp, analysis, us);
    let mut notes = cx.limits();
    let walk_away = numbers::walk_away(&cx);
    let agenda = agenda::agenda(&cx, None);
    let (bets, bet_ideas) = contingent::bets(&cx);
    let epsilon = analysis.frontier.epsilon();
    let mut out = Strategy {
        us,
        names: cx.names.clone(),
        walk_away,
        target: None,
        suggested_target: None,
        opening: None,
        mesos: Err(String::new()),
        steps: Vec::new(),
        stop: String::new(),
        epsilon,
        agenda,
        risk: None,
        bets,
        bet_ideas,
        notes: Vec::new(),
    };
    if cx.acceptable.is_empty() {
        notes.insert(
            0,
            "No package is acceptable to every party on current estimates, so there is no target to aim for and nothing to open with. Check the reservation values (Parties step), invent options that serve the other side's interests (Issues step), or consider a contingent option."
                .into(),
        );
        out.mesos = Err("No package is acceptable to every party.".into());
        out.notes = notes;
        return Ok(out);
    }
    let (mut target, t, suggested) = numbers::target(&cx);
    let (mut opening, o) = numbers::opening(&cx, t);
    let plan_steps = concessions::plan(&cx, o, t);
    // The numbers show the chances computed for the plan's packages.
    let chances_at = |f: &Figure| {
        let indices = &f.package.as_ref()?.indices;
        plan_steps
            .iter()
            .find(|c| &c.package.indices == indices)
            .and_then(|c| c.package.chances.clone())
    };
    let (o_chances, t_chances) = (chances_at(&opening), chances_at(&target));
    if let Some(p) = opening.package.as_mut() {
        p.chances = o_chances;
    }
    if let Some(p) = target.package.as_mut() {
        p.chances = t_chances;
    }
    if let Some(p) = out.walk_away.package.as_mut() {
        cx.add_chances(&mut [p]);
    }
    out.stop = format!(
        "Stop here. Below {} for us, walking away to our BATNA is better than any deal.",
        num(out.walk_away.value)
    );
    out.mesos = match explain::meso_offers(pp, analysis, Some(opening.value), MESO_BAND, MESO_COUNT) {
        Ok(offers) if offers.len() < 2 => Err(format!(
            "Only one package is worth about {} to us (± {}) and acceptable to every party, so there is no set of offers of equal value at the opening. Open with the opening package, or build a set at a lower value on the Packages step.",
            num(opening.value),
            num(MESO_BAND)
        )),
        other => other,
    };
    out.risk = numbers::risk(&cx, &plan_steps);
    out.agenda = agenda::agenda(&cx, Some(target.value));
    out.suggested_target = Some(suggested);
    out.target = Some(target);
    out.opening = Some(opening);
    out.steps = plan_steps;
    if epsilon > 0.0 {
        notes.push(format!(
            "The plan is large, so the engine kept a thinned frontier: every planned package is within {} of the exact frontier for every party.",
            num(epsilon)
        ));
    }
    out.notes = notes;
    Ok(out)
}

/// What the strategy's parts share: the plan, its bridge and analysis, and lists made once.
pub(crate) struct Cx<'a> {
    pub plan: &'a Plan,
    pub pp: &'a PlanProblem,
    pub analysis: &'a Analysis,
    pub us: usize,
    /// Counterpart indices (every party but us).
    pub others: Vec<usize>,
    pub names: Vec<String>,
    /// Frontier indices acceptable to every party.
    pub acceptable: Vec<usize>,
}

impl<'a> Cx<'a> {
    fn new(plan: &'a Plan, pp: &'a PlanProblem, analysis: &'a Analysis, us: usize) -> Cx<'a> {
        let model = &analysis.model;
        let f = &analysis.frontier;
        let n = model.parties();
        Cx {
            plan,
            pp,
            analysis,
            us,
            others: (0..n).filter(|&p| p != us).collect(),
            names: (0..n).map(|p| pp.problem.party_name(p)).collect(),
            acceptable: (0..f.len())
                .filter(|&k| model.acceptable_fixed(f.values_fixed(k)))
                .collect(),
        }
    }

    /// Our value at frontier point `k`.
    pub fn ours(&self, k: usize) -> f64 {
        self.analysis
            .frontier
            .values(k)
            .get(self.us)
            .copied()
            .unwrap_or(0.0)
    }

    /// The counterparts' values at frontier point `k`, in `others` order.
    pub fn theirs(&self, k: usize) -> Vec<f64> {
        let v = self.analysis.frontier.values(k);
        self.others
            .iter()
            .map(|&p| v.get(p).copied().unwrap_or(0.0))
            .collect()
    }

    /// "Verpa" with two parties, "every counterpart" otherwise.
    pub fn them(&self) -> String {
        match self.others.as_slice() {
            [one] => self.names[*one].clone(),
            _ => "every counterpart".into(),
        }
    }

    /// A package of the strategy from option indices (chances filled in later).
    pub fn planned(&self, indices: &[usize]) -> Planned {
        let values = self
            .analysis
            .model
            .value(indices)
            .unwrap_or_else(|_| vec![0.0; self.names.len()]);
        let lines = indices
            .iter()
            .enumerate()
            .map(|(i, &o)| {
                let issue = self
                    .pp
                    .issues
                    .get(i)
                    .and_then(|id| self.plan.issue(id));
                let criteria: Vec<String> = issue
                    .map(|x| {
                        x.criteria
                            .iter()
                            .filter(|c| !c.standard.trim().is_empty())
                            .map(|c| {
                                let mut s = c.standard.trim().to_string();
                                if !c.source.trim().is_empty() {
                                    s.push_str(&format!(" ({})", c.source.trim()));
                                }
                                if !c.applies.trim().is_empty() {
                                    s.push_str(&format!(": {}", c.applies.trim()));
                                }
                                s
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ChoiceLine {
                    issue: self.pp.problem.issue_name(i),
                    option: self.pp.problem.option_label(i, o),
                    criteria: if criteria.is_empty() {
                        vec!["No objective criterion recorded for this issue yet: add one on the Issues step to justify this option.".into()]
                    } else {
                        criteria
                    },
                }
            })
            .collect();
        Planned {
            indices: indices.to_vec(),
            choices: self.pp.choices(indices),
            values,
            chances: None,
            lines,
        }
    }

    /// Fills in the chances of these packages, from one run of the sensitivity model.
    pub fn add_chances(&self, packages: &mut [&mut Planned]) {
        let list: Vec<Vec<usize>> = packages.iter().map(|p| p.indices.clone()).collect();
        let Some(report) = self.chances_of(list) else {
            return;
        };
        for (p, entry) in packages.iter_mut().zip(&report.packages) {
            let per: Vec<(usize, f64)> = self
                .others
                .iter()
                .map(|&q| (q, entry.acceptable.get(q).copied().unwrap_or(0.0)))
                .collect();
            p.chances = Some(self.chances(per, entry.acceptable_to_all));
        }
    }

    /// The sensitivity model's acceptability of packages (no frontier per sample: only
    /// acceptability is asked, which keeps a sample to microseconds).
    pub fn chances_of(&self, packages: Vec<Vec<usize>>) -> Option<SensitivityReport> {
        let options = SensitivityOptions {
            frontier_share: false,
            ..SensitivityOptions::default()
        };
        sensitivity(&self.pp.problem, packages, options).ok()
    }

    /// Chances with their sentence.
    pub fn chances(&self, per: Vec<(usize, f64)>, all: f64) -> Chances {
        let text = match per.as_slice() {
            [(k, _)] => format!(
                "Acceptable to {} in {} of plausible variations of our estimates.",
                self.names[*k],
                percent(all)
            ),
            _ => format!(
                "Acceptable to every counterpart in {} of plausible variations of our estimates ({}).",
                percent(all),
                per.iter()
                    .map(|(k, s)| format!("{} {}", self.names[*k], percent(*s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Chances { per, all, text }
    }

    /// What limits the strategy, in plain words.
    fn limits(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.pp.issues.len() == 1 {
            notes.push(format!(
                "With a single issue there is nothing to trade: every concession is a step on “{}” alone, and offers of equal value cannot differ. Add issues (Issues and options) to create value.",
                self.pp.problem.issue_name(0)
            ));
        }
        if self.others.len() > 1 {
            notes.push(format!(
                "With {} counterparts the two-party advice holds only in part. Each planned step leaves no counterpart worse off than the step before, so there are fewer steps to choose from; the chances are per counterpart, and a package must be acceptable to every party at once.",
                self.others.len()
            ));
            notes.push(
                "Where it does not apply: an opening anchors each counterpart separately, a concession to one is seen by the others, and counterparts can join forces against you. Decide whom to talk to first, and whether to meet them together or apart."
                    .into(),
            );
        }
        notes
    }
}

#[cfg(test)]
mod tests;
