//! The analysis in each member's view: the plan with that member's numbers in place of
//! the team's, judged by the engine's public API like the plan itself. A package shows
//! whether it is good for us (beats our BATNA) and is on the frontier in every view:
//! "Good for us in Ana's view, not in Ben's."

use super::words::split_finding;
use crate::analysis::explain::{verdict, Verdict, PAGE_IMPROVE_BUDGET};
use crate::analysis::plan::{package_report, PlanProblem};
use crate::analysis::Analysis;
use crate::model::team::View;
use crate::model::{Package, Plan, Score, Team};

/// The plan as one member sees it: their numbers where they gave one, the team's elsewhere.
/// Numbers for things removed since the answer are left out.
pub fn plan_in_view(plan: &Plan, view: &View) -> Plan {
    let mut p = plan.clone();
    p.team = Team::default();
    let issues: Vec<_> = p.issues.iter().map(|i| i.id.clone()).collect();
    let options: Vec<_> = p
        .issues
        .iter()
        .flat_map(|i| i.options.iter().map(|o| o.id.clone()))
        .collect();
    for party in &mut p.parties {
        let Some(n) = view.numbers(&party.id) else {
            continue;
        };
        for (id, v) in n.weights.iter().filter(|(id, _)| issues.contains(id)) {
            party
                .weights
                .entry(id.clone())
                .or_insert(Score::new(0.0))
                .value = *v;
        }
        for (id, v) in n.ratings.iter().filter(|(id, _)| options.contains(id)) {
            party
                .ratings
                .entry(id.clone())
                .or_insert(Score::new(0.0))
                .value = *v;
        }
        if let Some(r) = n.reservation {
            party.reservation = r;
        }
    }
    p
}

/// A package in one member's view.
#[derive(Clone, Debug, PartialEq)]
pub struct InView {
    /// Value per party, in plan party order.
    pub values: Vec<f64>,
    /// Beats our reservation value; `None` for a neutral plan.
    pub good_for_us: Option<bool>,
    pub acceptable_to_all: bool,
    /// `None` while unknown: an open issue, or no analysis of this view (yet).
    pub on_frontier: Option<bool>,
}

/// Judges a package in a member's view. `analysis` is the engine's analysis of
/// `view_plan` (with its bridge), when it has finished.
pub fn judge(
    view_plan: &Plan,
    package: &Package,
    analysis: Option<(&PlanProblem, &Analysis)>,
) -> InView {
    let report = package_report(view_plan, package);
    let us = view_plan
        .us()
        .and_then(|id| view_plan.parties.iter().position(|p| &p.id == id));
    let on_frontier = match analysis {
        Some((pp, a)) if report.complete => match verdict(pp, a, package, PAGE_IMPROVE_BUDGET) {
            Verdict::Efficient => Some(true),
            Verdict::Improvable { .. } => Some(false),
            Verdict::Open => None,
        },
        _ => None,
    };
    InView {
        good_for_us: us.and_then(|k| report.beats_batna.get(k).copied()),
        acceptable_to_all: report.beats_batna.iter().all(|b| *b),
        on_frontier,
        values: report.values,
    }
}

/// The per-view verdict of a package in sentences: whether it is good for us (or, in a
/// neutral plan, acceptable to everyone) and whether it is on the frontier, member by
/// member. `views` pairs each member's name with the package in their view.
pub fn verdict_lines(views: &[(String, InView)]) -> Vec<String> {
    let split = |f: &dyn Fn(&InView) -> Option<bool>| {
        let mut yes = Vec::new();
        let mut no = Vec::new();
        for (name, v) in views {
            match f(v) {
                Some(true) => yes.push(name.clone()),
                Some(false) => no.push(name.clone()),
                None => {}
            }
        }
        (yes, no)
    };
    let mut lines = Vec::new();
    let neutral = views.iter().all(|(_, v)| v.good_for_us.is_none());
    let (yes, no) = if neutral {
        split(&|v| Some(v.acceptable_to_all))
    } else {
        split(&|v| v.good_for_us)
    };
    let (good, bad) = if neutral {
        ("Acceptable to every party", "Not acceptable to every party")
    } else {
        ("Good for us", "Not good for us")
    };
    let line = split_finding(good, bad, &yes, &no);
    if !line.is_empty() {
        lines.push(line);
    }
    let (yes, no) = split(&|v| v.on_frontier);
    let line = split_finding("On the frontier", "Leaves value on the table", &yes, &no);
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
