//! Setting the team's numbers from the views: per place, from the average, the median,
//! one member or by hand, with the decision recorded so the disagreement is settled; and
//! widening our estimates of the other side where the team disagrees about them.
//!
//! The team's number is the plan's own, so everything else (analysis, brief, exports)
//! follows it. A decided weight is locked, so deciding the next weight (which rebalances
//! the unlocked ones to keep the sum at 100) cannot move it.

use super::stats::{member_values, place_exists, rule_value, spread, DISAGREE_AT};
use super::words::{number, party_name};
use crate::model::cells::{mark_new_estimates, new_score};
use crate::model::edit_people::{set_estimate, Bound};
use crate::model::team::{Decision, Place, Rule};
use crate::model::{set_weight, Confidence, IssueId, PartyId, Plan};

/// Why a value could not be set, in plain words.
#[derive(Clone, Debug, PartialEq)]
pub enum ChooseError {
    /// The party, issue or option was removed.
    Gone,
    /// No member gave a number here (or the chosen member did not).
    NoNumber,
}

impl std::fmt::Display for ChooseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChooseError::Gone => {
                f.write_str("this value's party, issue or option no longer exists")
            }
            ChooseError::NoNumber => f.write_str("no member gave a number here"),
        }
    }
}

/// Sets the team's number at a place by a rule (the average, the median or a member's
/// number) and records the decision. Returns the number the plan now holds (a weight may
/// be held back by locked weights). `Rule::Hand` keeps the team's number as it is and
/// records that the team decided it.
pub fn choose(
    plan: &mut Plan,
    party: &PartyId,
    place: &Place,
    rule: Rule,
) -> Result<f64, ChooseError> {
    if !place_exists(plan, party, place) {
        return Err(ChooseError::Gone);
    }
    let value = rule_value(plan, party, place, &rule).ok_or(ChooseError::NoNumber)?;
    let set = set_team_value(plan, party, place, value);
    record(plan, party, place, rule);
    Ok(set)
}

/// Sets the team's number at a place to a number typed by hand and records the decision.
pub fn set_by_hand(
    plan: &mut Plan,
    party: &PartyId,
    place: &Place,
    value: f64,
) -> Result<f64, ChooseError> {
    if !place_exists(plan, party, place) {
        return Err(ChooseError::Gone);
    }
    let set = set_team_value(plan, party, place, value);
    record(plan, party, place, Rule::Hand);
    Ok(set)
}

/// Forgets the team's decision at a place (its number stays): the disagreement is open
/// again. Returns whether there was one.
pub fn reopen(plan: &mut Plan, party: &PartyId, place: &Place) -> bool {
    let before = plan.team.decisions.len();
    plan.team
        .decisions
        .retain(|d| !(&d.party == party && &d.place == place));
    plan.team.decisions.len() != before
}

/// A rule as a form value: "average", "median", "view:<id>", "hand".
pub fn rule_key(rule: &Rule) -> String {
    match rule {
        Rule::Average => "average".into(),
        Rule::Median => "median".into(),
        Rule::Member(view) => format!("view:{view}"),
        Rule::Hand => "hand".into(),
    }
}

/// The rule a form value names; `None` for anything else (the empty "choose" entry).
pub fn rule_from_key(key: &str) -> Option<Rule> {
    match key {
        "average" => Some(Rule::Average),
        "median" => Some(Rule::Median),
        "hand" => Some(Rule::Hand),
        _ => {
            let id = key.strip_prefix("view:")?;
            crate::model::is_safe_id(id).then(|| Rule::Member(crate::model::ViewId(id.into())))
        }
    }
}

/// A place as a key, safe in an element id: "party1-w-iss3", "party2-r-opt7", "party1-rv".
pub fn place_key(party: &PartyId, place: &Place) -> String {
    match place {
        Place::Weight(id) => format!("{party}-w-{id}"),
        Place::Rating(id) => format!("{party}-r-{id}"),
        Place::Reservation => format!("{party}-rv"),
    }
}

fn record(plan: &mut Plan, party: &PartyId, place: &Place, rule: Rule) {
    reopen(plan, party, place);
    plan.team.decisions.push(Decision {
        party: party.clone(),
        place: place.clone(),
        rule,
    });
}

/// Writes a number into the plan at a place; returns what it became.
fn set_team_value(plan: &mut Plan, party: &PartyId, place: &Place, value: f64) -> f64 {
    let value = if value.is_finite() {
        value.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let counterpart = plan.us() != Some(party);
    let issues: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
    let Some(p) = plan.party_mut(party) else {
        return value;
    };
    match place {
        Place::Weight(issue) => {
            let before = p.weights.clone();
            let result = set_weight(&before, &issues, issue, value);
            p.weights = result.weights;
            mark_new_estimates(&mut p.weights, &before, counterpart);
            if let Some(s) = p.weights.get_mut(issue) {
                s.locked = true;
            }
            result.limited_to.unwrap_or(value)
        }
        Place::Rating(option) => {
            p.ratings
                .entry(option.clone())
                .or_insert_with(|| new_score(value, counterpart))
                .value = value;
            value
        }
        Place::Reservation => {
            if let Ok(edit) = set_estimate(p.reservation, Bound::Value, value, !counterpart) {
                p.reservation = edit.estimate;
            }
            p.reservation.value
        }
    }
}

fn rank(c: Confidence) -> u8 {
    match c {
        Confidence::Low => 0,
        Confidence::Medium => 1,
        Confidence::High => 2,
    }
}

/// How sure we can be of an estimate the team disagrees on by `spread` points.
fn confidence_for(spread: f64) -> Option<Confidence> {
    if spread >= 3.0 * DISAGREE_AT {
        Some(Confidence::Low)
    } else if spread >= DISAGREE_AT {
        Some(Confidence::Medium)
    } else {
        None
    }
}

/// Disagreement about the other side is uncertainty: for every party but us, the range of
/// its reservation value grows to cover every member's number, and the confidence of a
/// weight or rating the members disagree on falls (10 points apart: medium; 30: low).
/// Nothing is ever narrowed or raised. Returns what changed, one sentence per party.
pub fn widen_estimates(plan: &mut Plan) -> Vec<String> {
    let mut lines = Vec::new();
    let counterparts: Vec<PartyId> = plan
        .parties
        .iter()
        .filter(|p| plan.us() != Some(&p.id))
        .map(|p| p.id.clone())
        .collect();
    for party in counterparts {
        let name = party_name(plan, &party);
        let mut said = Vec::new();
        let members: Vec<f64> = member_values(plan, &party, &Place::Reservation)
            .iter()
            .map(|m| m.value)
            .collect();
        if let Some(p) = plan.party_mut(&party) {
            let r = p.reservation;
            let low = members.iter().copied().fold(r.low, f64::min);
            let high = members.iter().copied().fold(r.high, f64::max);
            if low < r.low || high > r.high {
                p.reservation.low = low;
                p.reservation.high = high;
                said.push(format!(
                    "its walk-away now ranges from {} to {} (was {} to {})",
                    number(low),
                    number(high),
                    number(r.low),
                    number(r.high)
                ));
            }
        }
        let mut lowered = 0;
        let issues: Vec<Place> = plan
            .issues
            .iter()
            .map(|i| Place::Weight(i.id.clone()))
            .chain(
                plan.issues
                    .iter()
                    .flat_map(|i| &i.options)
                    .map(|o| Place::Rating(o.id.clone())),
            )
            .collect();
        for place in issues {
            let values: Vec<f64> = member_values(plan, &party, &place)
                .iter()
                .map(|m| m.value)
                .collect();
            let Some(target) = confidence_for(spread(&values)) else {
                continue;
            };
            let Some(p) = plan.party_mut(&party) else {
                continue;
            };
            let score = match &place {
                Place::Weight(id) => p.weights.get_mut(id),
                Place::Rating(id) => p.ratings.get_mut(id),
                Place::Reservation => None,
            };
            if let Some(s) = score {
                if rank(target) < rank(s.confidence) {
                    s.confidence = target;
                    lowered += 1;
                }
            }
        }
        if lowered > 0 {
            said.push(format!(
                "{lowered} of its weights and ratings now have a lower confidence"
            ));
        }
        if !said.is_empty() {
            lines.push(format!("{name}: {}.", said.join("; ")));
        }
    }
    lines
}
