//! One party's panel: the weights table (how much each issue matters, summing to 100) and
//! the ratings table (how good each option is), both made of [`ScoreRow`]s, each followed by
//! its helpers (swings and the holistic check; rating by order or by a curve).

use super::cells::ScoreRow;
use super::holistic::HolisticPanel;
use super::order_ratings::RatingsHelper;
use super::swing::SwingPanel;
use super::views;
use crate::app::PlanSession;
use crate::model::cells::{format_score, issue_ids, mark_new_estimates, party_name, ScoreCell};
use crate::model::{split_evenly, sum_is_complete, weight_sum, IssueId, PartyId};
use crate::ui::erased::keyed_list;
use leptos::prelude::*;

/// One party's weights and ratings.
#[component]
pub(super) fn PartyPanel(
    session: PlanSession,
    party: PartyId,
    show_views: Signal<bool>,
) -> impl IntoView {
    let plan = session.plan;
    let members = views::members(session, show_views);
    let party_key = party.to_string();
    let party = StoredValue::new(party);
    let name = Memo::new(move |_| plan.with(|p| party.with_value(|id| party_name(p, id))));
    let counterpart = Memo::new(move |_| plan.with(|p| party.with_value(|id| p.us() != Some(id))));
    let issues = Memo::new(move |_| plan.with(issue_ids));
    let sum = Memo::new(move |_| {
        plan.with(|p| {
            party.with_value(|id| {
                p.party(id)
                    .map_or(0.0, |party| weight_sum(&party.weights, &issue_ids(p)))
            })
        })
    });
    let weight_hint = RwSignal::new(None::<String>);
    let rating_hint = RwSignal::new(None::<String>);
    let split = move |_| {
        let who = name.get_untracked();
        let counterpart = counterpart.get_untracked();
        session.edit(&format!("split {who}'s weights evenly"), "", |p| {
            let ids = issue_ids(p);
            if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                let before = party.weights.clone();
                party.weights = split_evenly(&party.weights, &ids);
                mark_new_estimates(&mut party.weights, &before, counterpart);
                party.elicitation.note_hand_edit();
            }
        });
        weight_hint.set(None);
    };
    let panel_key = StoredValue::new(party_key);

    view! {
        <section class="weights" aria-labelledby="weights-heading">
            <h3 id="weights-heading">
                {move || format!("How much each issue matters to {}", name.get())}
            </h3>
            <p class="hint">
                "Weights add up to 100. Changing one moves the unlocked others in proportion; \
                 lock a weight to keep it where it is."
            </p>
            <div class="table-scroll">
                <table class="weights-table">
                    <thead>
                        <tr>
                            <th scope="col">"Issue"</th>
                            <th scope="col">"Weight"</th>
                            <th scope="col" class="bar-col">
                                <span class="visually-hidden">"Share"</span>
                            </th>
                            <th scope="col">"Lock"</th>
                            <Show when=move || counterpart.get()>
                                <th scope="col">"Confidence"</th>
                            </Show>
                            {views::heads(members)}
                        </tr>
                    </thead>
                    <tbody>
                        {keyed_list(
                            move || issues.get(),
                            |i| i.clone(),
                            move |issue| {
                                let cell = ScoreCell::Weight(issue);
                                view! { <ScoreRow session party cell counterpart hint=weight_hint panel_key members /> }
                            },
                        )}
                    </tbody>
                    <tfoot>
                        <tr class=move || {
                            if sum_is_complete(sum.get()) { "sum-row ok" } else { "sum-row off" }
                        }>
                            <th scope="row">"Sum"</th>
                            <td class="num weight-sum">{move || format_score(sum.get())}</td>
                            <td colspan="3" class="sum-note">
                                {move || {
                                    let s = sum.get();
                                    if sum_is_complete(s) {
                                        "✓ adds up to 100".to_string()
                                    } else if s == 0.0 {
                                        "No weights yet: type one, or split evenly.".to_string()
                                    } else {
                                        format!(
                                            "Should be 100 ({} {}). Unlock a weight or split evenly.",
                                            format_score((s - 100.0).abs()),
                                            if s > 100.0 { "too many" } else { "missing" },
                                        )
                                    }
                                }}
                            </td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div class="weights-actions">
                <button class="split-evenly" on:click=split>"Split evenly"</button>
                <p class="cell-hint" role="status">{move || weight_hint.get()}</p>
            </div>
            <p class="method-note">
                {move || plan.with(|p| party.with_value(|id| crate::elicit::weights::method_note(p, id)))}
            </p>
            <SwingPanel session party />
            <HolisticPanel session party />
        </section>
        <section class="ratings" aria-labelledby="ratings-heading">
            <h3 id="ratings-heading">
                {move || format!("How good each option is for {}", name.get())}
            </h3>
            <p class="hint" id="ratings-keys">
                "0 is the worst and 100 the best option for this party on that issue. Type a \
                 number; ↑ ↓ or Enter move between options, Tab moves across."
            </p>
            <div class="table-scroll">
                <table class="ratings-table">
                    <thead>
                        <tr>
                            <th scope="col">"Option"</th>
                            <th scope="col">"Rating (0–100)"</th>
                            <th scope="col" class="bar-col">
                                <span class="visually-hidden">"Rating bar"</span>
                            </th>
                            <Show when=move || counterpart.get()>
                                <th scope="col">"Confidence"</th>
                            </Show>
                            {views::heads(members)}
                        </tr>
                    </thead>
                    {keyed_list(
                        move || issues.get(),
                        |i| i.clone(),
                        move |issue| {
                            view! { <RatingGroup session party issue counterpart hint=rating_hint panel_key members /> }
                        },
                    )}
                </table>
            </div>
            <p class="cell-hint" role="status">{move || rating_hint.get()}</p>
            <RatingsHelper session party />
        </section>
    }
}

/// One issue's options in the ratings table: a group header and a row per option.
#[component]
fn RatingGroup(
    session: PlanSession,
    party: StoredValue<PartyId>,
    issue: IssueId,
    counterpart: Memo<bool>,
    hint: RwSignal<Option<String>>,
    panel_key: StoredValue<String>,
    members: views::Members,
) -> impl IntoView {
    let plan = session.plan;
    let issue = StoredValue::new(issue);
    // The group rows span the table, members' columns included.
    let span =
        move || (4 + members.with(|m| if m.is_empty() { 0 } else { m.len() + 2 })).to_string();
    let head = Memo::new(move |_| {
        plan.with(|p| {
            issue.with_value(|id| {
                p.issue(id)
                    .map(|i| {
                        let n = i.name.trim();
                        if n.is_empty() {
                            "Untitled issue".to_string()
                        } else {
                            n.to_string()
                        }
                    })
                    .unwrap_or_default()
            })
        })
    });
    let options = Memo::new(move |_| {
        plan.with(|p| {
            issue.with_value(|id| {
                p.issue(id)
                    .map(|i| i.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        })
    });
    view! {
        <tbody class="issue-group">
            <tr class="group-head">
                <th scope="colgroup" colspan=span dir="auto">{move || head.get()}</th>
            </tr>
            <Show when=move || options.with(Vec::is_empty)>
                <tr>
                    <td colspan=span class="hint">"No options for this issue yet."</td>
                </tr>
            </Show>
            {keyed_list(
                move || options.get(),
                |o| o.clone(),
                move |option| {
                    let cell = ScoreCell::Rating(option);
                    view! { <ScoreRow session party cell counterpart hint panel_key members /> }
                },
            )}
        </tbody>
    }
}
