//! The numbers behind a merge: each member's value at a place, their average, median and
//! spread, and which places the team disagrees on. Pure and exact: no rounding here (the
//! words round when they show a number).

use crate::model::team::{Place, Rule};
use crate::model::{PartyId, Plan, ViewId};

/// Members whose numbers differ by at least this much (on the 0–100 scale) disagree.
pub const DISAGREE_AT: f64 = 10.0;

/// The mean of the values; `None` for none.
pub fn average(values: &[f64]) -> Option<f64> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() {
        return None;
    }
    Some(finite.iter().sum::<f64>() / finite.len() as f64)
}

/// The middle value (the mean of the two middle ones for an even count); `None` for none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    crate::model::order::sort_by(&mut v, |a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The largest value minus the smallest; 0 for fewer than two values.
pub fn spread(values: &[f64]) -> f64 {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if hi >= lo {
        hi - lo
    } else {
        0.0
    }
}

/// Whether the place still exists in the plan (a party, and its issue or option).
pub fn place_exists(plan: &Plan, party: &PartyId, place: &Place) -> bool {
    plan.party(party).is_some()
        && match place {
            Place::Weight(issue) => plan.issue(issue).is_some(),
            Place::Rating(option) => plan
                .issues
                .iter()
                .any(|i| i.options.iter().any(|o| &o.id == option)),
            Place::Reservation => true,
        }
}

/// The team's number at a place: the plan's own.
pub fn team_value(plan: &Plan, party: &PartyId, place: &Place) -> Option<f64> {
    let p = plan.party(party)?;
    match place {
        Place::Weight(issue) => p.weights.get(issue).map(|s| s.value),
        Place::Rating(option) => p.ratings.get(option).map(|s| s.value),
        Place::Reservation => Some(p.reservation.value),
    }
}

/// One member's number at a place.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberValue {
    pub view: ViewId,
    pub member: String,
    pub value: f64,
}

/// Every member's number at a place, in view order (members who gave none are left out).
pub fn member_values(plan: &Plan, party: &PartyId, place: &Place) -> Vec<MemberValue> {
    plan.team
        .views
        .iter()
        .filter_map(|v| {
            let n = v.numbers(party)?;
            let value = match place {
                Place::Weight(issue) => n.weights.get(issue).copied(),
                Place::Rating(option) => n.ratings.get(option).copied(),
                Place::Reservation => n.reservation.map(|r| r.value),
            }?;
            Some(MemberValue {
                view: v.id.clone(),
                member: v.member.clone(),
                value,
            })
        })
        .collect()
}

fn values(members: &[MemberValue]) -> Vec<f64> {
    members.iter().map(|m| m.value).collect()
}

/// The number a rule gives at a place; `None` when nobody gave one (or, for `Hand`, when
/// the team has no number yet).
pub fn rule_value(plan: &Plan, party: &PartyId, place: &Place, rule: &Rule) -> Option<f64> {
    let members = member_values(plan, party, place);
    match rule {
        Rule::Average => average(&values(&members)),
        Rule::Median => median(&values(&members)),
        Rule::Member(view) => members.iter().find(|m| &m.view == view).map(|m| m.value),
        Rule::Hand => team_value(plan, party, place),
    }
}

/// The team's decision at a place, if it made one.
pub fn decision<'a>(plan: &'a Plan, party: &PartyId, place: &Place) -> Option<&'a Rule> {
    plan.team
        .decisions
        .iter()
        .find(|d| &d.party == party && &d.place == place)
        .map(|d| &d.rule)
}

/// A place where members' numbers differ by at least [`DISAGREE_AT`].
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub party: PartyId,
    pub place: Place,
    pub members: Vec<MemberValue>,
    pub spread: f64,
    /// How the team settled it; `None` while it is open.
    pub decided: Option<Rule>,
}

/// Every place of the plan, party by party in plan order: weights (issue order), ratings
/// (option order), then the reservation value.
pub fn places(plan: &Plan) -> Vec<(PartyId, Place)> {
    let mut out = Vec::new();
    for party in &plan.parties {
        for issue in &plan.issues {
            out.push((party.id.clone(), Place::Weight(issue.id.clone())));
        }
        for option in plan.issues.iter().flat_map(|i| &i.options) {
            out.push((party.id.clone(), Place::Rating(option.id.clone())));
        }
        out.push((party.id.clone(), Place::Reservation));
    }
    out
}

/// The places where the members disagree, largest spread first (plan order among equals),
/// decided ones included.
pub fn disagreements(plan: &Plan) -> Vec<Disagreement> {
    if plan.team.views.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<Disagreement> = places(plan)
        .into_iter()
        .filter_map(|(party, place)| {
            let members = member_values(plan, &party, &place);
            let spread = spread(&values(&members));
            (members.len() >= 2 && spread >= DISAGREE_AT - 1e-9).then(|| Disagreement {
                decided: decision(plan, &party, &place).cloned(),
                party,
                place,
                members,
                spread,
            })
        })
        .collect();
    // Stable: equal spreads keep plan order.
    crate::model::order::sort_by(&mut out, |a, b| b.spread.total_cmp(&a.spread));
    out
}

/// The disagreements the team has not settled yet, largest first.
pub fn open_disagreements(plan: &Plan) -> Vec<Disagreement> {
    let mut all = disagreements(plan);
    all.retain(|d| d.decided.is_none());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_median_and_spread() {
        assert_eq!(average(&[]), None);
        assert_eq!(median(&[]), None);
        assert_eq!(spread(&[]), 0.0);
        assert_eq!(spread(&[42.0]), 0.0);
        assert_eq!(average(&[50.0, 20.0]), Some(35.0));
        assert_eq!(median(&[50.0, 20.0]), Some(35.0));
        assert_eq!(spread(&[50.0, 20.0]), 30.0);
        // The median resists one outlier; the average does not.
        assert_eq!(median(&[10.0, 90.0, 20.0]), Some(20.0));
        assert_eq!(average(&[10.0, 90.0, 20.0]), Some(40.0));
        assert_eq!(median(&[40.0, 10.0, 30.0, 20.0]), Some(25.0));
        assert_eq!(spread(&[40.0, 10.0, 30.0, 20.0]), 30.0);
        // Nothing that is not a number counts.
        assert_eq!(average(&[f64::NAN, 10.0]), Some(10.0));
        assert_eq!(median(&[f64::INFINITY, 10.0, f64::NAN]), Some(10.0));
        assert_eq!(spread(&[f64::NAN]), 0.0);
    }
}
