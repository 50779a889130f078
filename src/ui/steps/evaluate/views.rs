//! Members' numbers beside the team's, in both Evaluate tables (Team views): a column per
//! member, the spread, and the team's number chosen per row (the Team views step's
//! `ChooseValue`; "By hand" means typing into the row's own number). Shown when the plan
//! has views and the user has not hidden them.

use crate::app::PlanSession;
use crate::model::cells::{format_score, ScoreCell};
use crate::model::team::{Place, Rule};
use crate::model::{PartyId, Plan, ViewId};
use crate::team::stats::{member_values, spread, DISAGREE_AT};
use crate::ui::steps::team::ChooseValue;
use leptos::prelude::*;

/// The members whose columns show (none when hidden or without views).
pub(super) type Members = Memo<Vec<(ViewId, String)>>;

pub(super) fn members(session: PlanSession, show: Signal<bool>) -> Members {
    let plan = session.plan;
    Memo::new(move |_| {
        if !show.get() {
            return Vec::new();
        }
        plan.with(|p| {
            p.team
                .views
                .iter()
                .map(|v| (v.id.clone(), crate::team::words::member_name(&v.member)))
                .collect()
        })
    })
}

/// The extra column heads: one per member, the spread, the team's number.
pub(super) fn heads(members: Members) -> impl IntoView {
    move || {
        members.with(|m| {
            if m.is_empty() {
                return None;
            }
            let names = m
                .iter()
                .map(|(_, name)| view! { <th scope="col" class="member-head" dir="auto">{name.clone()}</th> })
                .collect_view();
            Some(view! {
                {names}
                <th scope="col">"Spread"</th>
                <th scope="col">"Team's number from"</th>
            })
        })
    }
}

fn place_of(cell: &ScoreCell) -> Place {
    match cell {
        ScoreCell::Weight(id) => Place::Weight(id.clone()),
        ScoreCell::Rating(id) => Place::Rating(id.clone()),
    }
}

/// Each member's number at a place, in `members` order, and their spread.
fn row_values(
    plan: &Plan,
    party: &PartyId,
    place: &Place,
    members: &[(ViewId, String)],
) -> (Vec<Option<f64>>, f64) {
    let given = member_values(plan, party, place);
    let values: Vec<Option<f64>> = members
        .iter()
        .map(|(id, _)| given.iter().find(|m| &m.view == id).map(|m| m.value))
        .collect();
    let spread = spread(&given.iter().map(|m| m.value).collect::<Vec<_>>());
    (values, spread)
}

/// A row's extra cells: each member's number, the spread, the choice of the team's number.
/// `input_id` is the row's own number, which "By hand" focuses.
pub(super) fn cells(
    session: PlanSession,
    party: StoredValue<PartyId>,
    cell: StoredValue<ScoreCell>,
    members: Members,
    input_id: String,
) -> impl IntoView {
    let plan = session.plan;
    let numbers = Memo::new(move |_| {
        members.with(|m| {
            if m.is_empty() {
                return None;
            }
            let place = cell.with_value(place_of);
            Some(plan.with(|p| party.with_value(|id| row_values(p, id, &place, m))))
        })
    });
    let input_id = StoredValue::new(input_id);
    let values = move || {
        numbers.get().map(|(values, spread)| {
            let cells = values
                .into_iter()
                .map(|v| view! { <td class="member-value">{v.map(format_score).unwrap_or_else(|| "–".into())}</td> })
                .collect_view();
            let wide = spread >= DISAGREE_AT - 1e-9;
            let class = if wide { "spread-value wide" } else { "spread-value" };
            view! {
                {cells}
                <td class=class>{format_score(spread)}</td>
            }
        })
    };
    let choose = move || {
        (!members.with(Vec::is_empty)).then(|| {
            let (party, place) = (party.get_value(), cell.with_value(place_of));
            let on_hand = Callback::new(move |rule: Rule| {
                if rule == Rule::Hand {
                    crate::ui::steps::fields::focus_id(&input_id.get_value());
                }
            });
            view! { <td><ChooseValue session party place hand_input=false on_choose=on_hand /></td> }
        })
    };
    view! {
        {values}
        {choose}
    }
}
