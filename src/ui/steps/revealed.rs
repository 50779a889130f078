//! "What their offers reveal", under the offer log: for each counterpart that made offers,
//! the weights its offers suggest beside our estimate, the differences in words, how much
//! evidence there is, and one click that moves our estimate (one undoable step). Binds
//! `elicit::revealed`, which reads only the plan's offer log (never rehearsals).

use crate::app::{AppState, PlanSession};
use crate::elicit::{num, revealed as rv};
use crate::model::edit_people::party_display_name;
use crate::model::PartyId;
use crate::ui::erased::keyed_list;
use crate::ui::steps::fields::{notify, notify_undo};
use leptos::prelude::*;

#[component]
pub fn RevealedPanel(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let parties = Memo::new(move |_| plan.with(rv::parties_with_offers));
    view! {
        <section class="explore-section revealed" aria-labelledby="revealed-heading">
            <h3 id="revealed-heading">"What their offers reveal"</h3>
            <Show
                when=move || parties.with(|p| !p.is_empty())
                fallback=|| {
                    view! {
                        <p class="hint">
                            "Record the offers the other side makes in the log above: which issues \
                             they hold on to and which options they keep offering tell what matters \
                             to them."
                        </p>
                    }
                }
            >
                {keyed_list(
                    move || parties.get(),
                    |p| p.clone(),
                    move |party| view! { <PartyRevealed session party /> },
                )}
            </Show>
        </section>
    }
}

#[component]
fn PartyRevealed(session: PlanSession, party: PartyId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let party = StoredValue::new(party);
    let data = Memo::new(move |_| plan.with(|p| party.with_value(|id| rv::revealed(p, id))));
    let name = Memo::new(move |_| plan.with(|p| party.with_value(|id| party_display_name(p, id))));
    let update = move |_| {
        let mut result = Err(String::new());
        session.edit(
            &format!(
                "update our estimate of {} from their offers",
                name.get_untracked()
            ),
            "",
            |p| result = party.with_value(|id| rv::update_estimate(p, id)),
        );
        match result {
            Ok(text) => notify_undo(state, text),
            Err(e) => notify(state, e),
        }
    };
    move || {
        data.get().map(|d| {
            let level = match d.evidence.level {
                crate::analysis::opponent::EvidenceLevel::Strong => "strong",
                crate::analysis::opponent::EvidenceLevel::Moderate => "moderate",
                _ => "weak",
            };
            let rows = d
                .issues
                .iter()
                .map(|i| {
                    view! {
                        <tr>
                            <th scope="row" dir="auto">{i.name.clone()}</th>
                            <td class="num">{num(i.ours)}</td>
                            <td class="num">{num(i.theirs)}</td>
                            <td dir="auto">{i.favourite.clone().unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }
                })
                .collect_view();
            let findings = d
                .findings
                .iter()
                .map(|f| view! { <li>{f.clone()}</li> })
                .collect_view();
            view! {
                <div class="party-revealed">
                    <h4 dir="auto">{name.get_untracked()}</h4>
                    <p class=format!("evidence evidence-{level}")>{d.evidence_text.clone()}</p>
                    <div class="table-scroll">
                        <table class="revealed-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Issue"</th>
                                    <th scope="col">"Our estimate"</th>
                                    <th scope="col">"Their offers suggest"</th>
                                    <th scope="col">"Offered most"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <ul class="revealed-findings">{findings}</ul>
                    {d.update_text.clone().map(|text| view! {
                        <p class="hint">{text}</p>
                        <button type="button" class="primary update-estimate" on:click=update>
                            {format!("Update our estimate of {}", name.get_untracked())}
                        </button>
                    })}
                </div>
            }
        })
    }
}
