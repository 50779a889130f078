//! The walk-away, the target and the opening, each with the package that realises it and
//! its reasons; and the warning when the plan rests on fragile estimates.

use super::concessions::Concession;
use super::{num, percent, Cx, Figure, FRAGILE_BELOW, OPENING_MIN_CHANCE};
use crate::model::order;
use crate::model::{Confidence, Plan};

/// Values closer than this are the same value.
const TOL: f64 = 1e-9;
/// Most candidates the sensitivity model tests for the opening.
const OPENING_CANDIDATES: usize = 40;

/// Our reservation value, with the frontier package closest above it: the most we could
/// give while still beating our BATNA.
pub(crate) fn walk_away(cx: &Cx) -> Figure {
    let rv = cx.analysis.model.reservation(cx.us);
    let batna = cx
        .plan
        .us()
        .and_then(|id| cx.plan.party(id))
        .map(|p| p.batna.trim().to_string())
        .unwrap_or_default();
    let mut reasons = vec![if batna.is_empty() {
        format!(
            "What our BATNA is worth: {}. It is not described yet (Parties step); write it down, it is what makes walking away credible.",
            num(rv)
        )
    } else {
        format!("What our BATNA is worth: “{batna}”, {}.", num(rv))
    }];
    reasons
        .push("Never accept a package worth less to us: below it, walking away is better.".into());
    let lowest = cx
        .acceptable
        .iter()
        .copied()
        .min_by(|&a, &b| cx.ours(a).total_cmp(&cx.ours(b)));
    let package = lowest.map(|k| {
        reasons.push(format!(
            "The package shown is the frontier package closest above it ({} for us): the most we could give and still gain.",
            num(cx.ours(k))
        ));
        cx.planned(&cx.analysis.frontier.package(k))
    });
    Figure {
        value: rv,
        package,
        reasons,
    }
}

/// The target (the user's, or the suggested one), its frontier index, and our value at the
/// suggested one. Needs a non-empty zone of agreement.
pub(crate) fn target(cx: &Cx) -> (Figure, usize, f64) {
    let points = &cx.analysis.points;
    let ideal = points
        .ideal
        .as_ref()
        .and_then(|v| v.get(cx.us).copied())
        .unwrap_or(0.0);
    let nash = points
        .nash
        .as_ref()
        .and_then(|p| p.values.get(cx.us).copied())
        .unwrap_or(ideal);
    let level = (nash + ideal) / 2.0;
    // The acceptable frontier point nearest halfway between Nash and our ideal (ties: the
    // one better for the others).
    let suggested = cx
        .acceptable
        .iter()
        .copied()
        .filter(|&k| cx.ours(k) >= nash - TOL)
        .min_by(|&a, &b| {
            (cx.ours(a) - level)
                .abs()
                .total_cmp(&(cx.ours(b) - level).abs())
                .then(others_total(cx, b).total_cmp(&others_total(cx, a)))
        })
        .unwrap_or(cx.acceptable[0]);
    let suggested_value = cx.ours(suggested);
    let walk = cx.analysis.model.reservation(cx.us);
    let mut reasons = Vec::new();
    let k = match cx.plan.strategy.target {
        Some(wanted) => {
            let goal = wanted.clamp(walk, ideal);
            if wanted > ideal + TOL {
                reasons.push(format!(
                    "You set {}, but no package that {} can accept gives us more than {}: the target is that package.",
                    num(wanted),
                    cx.them(),
                    num(ideal)
                ));
            } else if wanted < walk - TOL {
                reasons.push(format!(
                    "You set {}, below the walk-away: a target never goes below it, so the target starts there.",
                    num(wanted)
                ));
            } else {
                reasons.push(format!("You set the target at {}.", num(wanted)));
            }
            // The package that reaches the goal and is best for the others.
            cx.acceptable
                .iter()
                .copied()
                .filter(|&j| cx.ours(j) >= goal - TOL)
                .min_by(|&a, &b| {
                    cx.ours(a)
                        .total_cmp(&cx.ours(b))
                        .then(others_total(cx, b).total_cmp(&others_total(cx, a)))
                })
                .unwrap_or(suggested)
        }
        None => suggested,
    };
    if cx.plan.strategy.target.is_some() && k != suggested {
        reasons.push(format!(
            "The suggestion is {}: halfway between the Nash package ({}) and the best package {} still accepts ({}).",
            num(suggested_value),
            num(nash),
            cx.them(),
            num(ideal)
        ));
    } else {
        reasons.push(format!(
            "Halfway between the Nash package ({} for us), a fair split of the gains, and the best package {} still accepts ({}): ambitious but reachable.",
            num(nash),
            cx.them(),
            num(ideal)
        ));
    }
    reasons.push("Specific, challenging goals raise results. Settle it before you meet, and lower it at the table only for new information, not under pressure.".into());
    reasons.push(format!(
        "On the frontier and acceptable to {} on our estimates ({}).",
        cx.them(),
        their_values(cx, k)
    ));
    let figure = Figure {
        value: cx.ours(k),
        package: Some(cx.planned(&cx.analysis.frontier.package(k))),
        reasons,
    };
    (figure, k, suggested_value)
}

/// The opening and its frontier index: the frontier package best for us, at or above the
/// target (frontier index `t`), that every counterpart accepts in at least
/// `OPENING_MIN_CHANCE` of the sensitivity samples.
pub(crate) fn opening(cx: &Cx, t: usize) -> (Figure, usize) {
    let f = &cx.analysis.frontier;
    let t_theirs = cx.theirs(t);
    // Above the target for us and no better for any counterpart than the target, so the
    // way from the opening to the target never takes from a counterpart.
    let mut candidates: Vec<usize> = cx
        .acceptable
        .iter()
        .copied()
        .filter(|&k| {
            cx.ours(k) >= cx.ours(t) - TOL
                && cx
                    .theirs(k)
                    .iter()
                    .zip(&t_theirs)
                    .all(|(a, b)| *a <= b + TOL)
        })
        .collect();
    order::sort_by(&mut candidates, |&a, &b| cx.ours(b).total_cmp(&cx.ours(a)));
    let candidates = thin(&candidates, OPENING_CANDIDATES, t);
    let report = cx.chances_of(candidates.iter().map(|&k| f.package(k)).collect());
    let chance = |pos: usize| {
        report
            .as_ref()
            .and_then(|r| r.packages.get(pos))
            .map_or(1.0, |e| e.acceptable_to_all)
    };
    let pick = (0..candidates.len()).find(|&pos| chance(pos) >= OPENING_MIN_CHANCE);
    let (k, reasons) = match pick {
        Some(pos) => {
            let k = candidates[pos];
            let mut reasons = vec![format!(
                "On the frontier and worth {} to us, {} the target ({}).",
                num(cx.ours(k)),
                if cx.ours(k) > cx.ours(t) + TOL {
                    "above"
                } else {
                    "the same as"
                },
                num(cx.ours(t))
            )];
            reasons.push(format!(
                "Still above what we estimate {} needs ({}), and acceptable in {} of plausible variations of our estimates: ambitious, not an insult. Of the packages above the target it is the best for us that passes {}.",
                cx.them(),
                their_values(cx, k),
                percent(chance(pos)),
                percent(OPENING_MIN_CHANCE)
            ));
            (k, reasons)
        }
        None => (
            t,
            vec![format!(
                "Every package above the target is acceptable to {} in less than {} of plausible variations of our estimates: open at the target and hold it, or firm up the estimates first.",
                cx.them(),
                percent(OPENING_MIN_CHANCE)
            )],
        ),
    };
    let mut reasons = reasons;
    reasons.push("Justify each option with the criteria below: an opening backed by objective standards anchors without provoking.".into());
    reasons.push(format!(
        "Better still, open with {} offers of equal value to us (below): which one they prefer shows what they care about.",
        super::MESO_COUNT
    ));
    let figure = Figure {
        value: cx.ours(k),
        package: Some(cx.planned(&f.package(k))),
        reasons,
    };
    (figure, k)
}

/// A warning when a planned step after the opening, up to the target, is acceptable to
/// every counterpart in less than `FRAGILE_BELOW` of the samples, naming the least sure
/// estimates. (The opening is ambitious by design: its own chance is shown beside it.)
pub(crate) fn risk(cx: &Cx, steps: &[Concession]) -> Option<String> {
    let planned: Vec<&Concession> = steps.iter().filter(|s| !s.beyond_target).collect();
    let fragile: Vec<String> = planned
        .iter()
        .skip(usize::from(planned.len() > 1))
        .filter_map(|s| {
            let c = s.package.chances.as_ref()?;
            (c.all < FRAGILE_BELOW).then(|| format!("{} ({})", s.label, percent(c.all)))
        })
        .collect();
    if fragile.is_empty() {
        return None;
    }
    let unsure = unsure_estimates(cx.plan, cx.us);
    let mut text = format!(
        "The plan rests on fragile estimates: {} {} acceptable to {} in less than {} of plausible variations of our estimates.",
        super::explain::list(&fragile),
        if fragile.len() == 1 { "is" } else { "are" },
        cx.them(),
        percent(FRAGILE_BELOW)
    );
    if !unsure.is_empty() {
        text.push_str(&format!(
            " The least sure estimates: {}. Firm them up through fact-finding or by asking at the table before you commit to the plan.",
            super::explain::list(&unsure)
        ));
    }
    Some(text)
}

/// The counterparts' estimates we are least sure of: wide reservation ranges, then
/// low-confidence weights and ratings, one sentence each per counterpart.
pub fn unsure_estimates(plan: &Plan, us: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (p, party) in plan.parties.iter().enumerate() {
        if p == us {
            continue;
        }
        let name = party.name.trim();
        let r = party.reservation;
        if r.high - r.low >= 15.0 {
            out.push(format!(
                "{name}'s reservation value ({} to {})",
                num(r.low),
                num(r.high)
            ));
        }
        let low =
            |s: Option<&crate::model::Score>| s.is_some_and(|s| s.confidence == Confidence::Low);
        let weights: Vec<String> = plan
            .issues
            .iter()
            .filter(|i| low(party.weights.get(&i.id)))
            .map(|i| i.name.trim().to_string())
            .collect();
        if !weights.is_empty() {
            out.push(format!(
                "how much {name} cares about {} (low confidence)",
                super::explain::list(&weights)
            ));
        }
        let ratings: Vec<String> = plan
            .issues
            .iter()
            .filter(|i| i.options.iter().any(|o| low(party.ratings.get(&o.id))))
            .map(|i| i.name.trim().to_string())
            .collect();
        if !ratings.is_empty() {
            out.push(format!(
                "{name}'s ratings on {} (low confidence)",
                super::explain::list(&ratings)
            ));
        }
    }
    out
}

/// "Verpa 46.0 against a reservation value of 40.0", per counterpart.
fn their_values(cx: &Cx, k: usize) -> String {
    let v = cx.analysis.frontier.values(k);
    cx.others
        .iter()
        .map(|&p| {
            format!(
                "{} {} against a reservation value of {}",
                cx.names[p],
                num(v.get(p).copied().unwrap_or(0.0)),
                num(cx.analysis.model.reservation(p))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn others_total(cx: &Cx, k: usize) -> f64 {
    cx.theirs(k).iter().sum()
}

/// At most `max` of `list` (our value descending), evenly spread, keeping the first and
/// `keep`.
fn thin(list: &[usize], max: usize, keep: usize) -> Vec<usize> {
    if list.len() <= max {
        return list.to_vec();
    }
    let mut out: Vec<usize> = (0..max - 1)
        .map(|j| list[j * (list.len() - 1) / (max - 1)])
        .collect();
    if !out.contains(&keep) {
        out.push(keep);
    }
    out
}
