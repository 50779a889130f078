//! Step "Evaluate": per party, how much each issue matters (weights that sum to 100) and
//! how good each option is (ratings 0–100), with a confidence for every estimate of a party
//! that is not "us".
//!
//! One party at a time, chosen in a tab list (arrow keys move between tabs). The ratings
//! table is filled from the keyboard: a cell selects its number on focus so typing replaces
//! it; ↑/↓ and Enter move between options; Tab moves across. Rebalancing is the pure
//! `model::set_weight`.
//!
//! Speed: each weight and rating cell reads its own `Memo`, so a keystroke re-renders the
//! cells whose numbers changed, not the table.
//!
//! Modules: this one holds the party tabs; `panel` one party's two tables; `cells` the one
//! row that serves both tables (a weight or a rating, `model::cells::ScoreCell`); `views`
//! the members' numbers beside the team's when the plan has views (Team views); the
//! helpers that bind `elicit`: `swing` (weights by swings), `holistic` (the check against
//! whole packages), `order_ratings` (rate by order or by a curve).

mod cells;
mod holistic;
mod order_ratings;
mod panel;
mod swing;
mod views;

use super::fields::focus_soon;
use super::widgets::StepIntro;
use crate::app::PlanSession;
use crate::model::Step;
use crate::ui::erased::keyed_list;
use leptos::prelude::*;
use panel::PartyPanel;

#[component]
pub fn EvaluateStep(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let parties = Memo::new(move |_| {
        plan.with(|p| {
            p.parties
                .iter()
                .map(|party| {
                    let name = party.name.trim();
                    let name = if name.is_empty() {
                        "Unnamed party"
                    } else {
                        name
                    };
                    (
                        party.id.clone(),
                        name.to_string(),
                        p.us() == Some(&party.id),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(plan.with_untracked(|p| {
        p.us()
            .cloned()
            .or_else(|| p.parties.first().map(|p| p.id.clone()))
    }));
    // The chosen party, or the first one if the chosen one was removed (undo, another tab).
    let current = Memo::new(move |_| {
        let wanted = chosen.get();
        parties.with(|list| {
            list.iter()
                .find(|(id, _, _)| Some(id) == wanted.as_ref())
                .or_else(|| list.first())
                .map(|(id, _, _)| id.clone())
        })
    });
    let has_issues = Memo::new(move |_| plan.with(|p| !p.issues.is_empty()));
    // Members' numbers beside the team's, when there are views; the user may hide them.
    let has_views = Memo::new(move |_| plan.with(|p| !p.team.views.is_empty()));
    let compare = RwSignal::new(true);
    let show_views = Signal::derive(move || compare.get() && has_views.get());
    let issues_href =
        move || crate::app::Route::Step(plan.with(|p| p.id.clone()), Step::Issues).to_hash();

    let select_tab = move |delta: isize, to_end: Option<bool>| {
        let list = parties.get_untracked();
        if list.is_empty() {
            return;
        }
        let now = current.get_untracked();
        let k = list
            .iter()
            .position(|(id, _, _)| Some(id) == now.as_ref())
            .unwrap_or(0) as isize;
        let n = list.len() as isize;
        let next = match to_end {
            Some(false) => 0,
            Some(true) => n - 1,
            None => (k + delta).rem_euclid(n),
        };
        if let Some((id, _, _)) = list.get(next as usize) {
            chosen.set(Some(id.clone()));
            focus_soon(vec![format!("party-tab-{id}")]);
        }
    };

    view! {
        <StepIntro step=Step::Evaluate />
        <Show
            when=move || has_issues.get()
            fallback=move || {
                view! {
                    <p class="empty-state">
                        "Nothing to evaluate yet. Name the issues and brainstorm options in "
                        <a href=issues_href>"Issues and options"</a>
                        ", then come back to weigh them for each party."
                    </p>
                }
            }
        >
            <Show when=move || has_views.get()>
                <label class="checkbox compare-views">
                    <input
                        id="compare-views"
                        type="checkbox"
                        prop:checked=move || compare.get()
                        on:change=move |ev| compare.set(event_target_checked(&ev))
                    />
                    " Show each member's numbers beside the team's (Team views)"
                </label>
            </Show>
            <div class="party-tabs" role="tablist" aria-label="Party to evaluate for">
                {keyed_list(
                    move || parties.get(),
                    |p| p.clone(),
                    move |party| {
                        let (id, name, is_us) = party;
                        let tab_id = format!("party-tab-{id}");
                        let id = StoredValue::new(id);
                        let selected = move || id.with_value(|id| current.get().as_ref() == Some(id));
                        view! {
                            <button
                                role="tab"
                                id=tab_id
                                class="party-tab"
                                aria-selected=move || selected().to_string()
                                aria-controls="party-panel"
                                tabindex=move || if selected() { "0" } else { "-1" }
                                on:click=move |_| chosen.set(Some(id.get_value()))
                                on:keydown=move |ev| {
                                    let (delta, end) = match ev.key().as_str() {
                                        "ArrowRight" | "ArrowDown" => (1, None),
                                        "ArrowLeft" | "ArrowUp" => (-1, None),
                                        "Home" => (0, Some(false)),
                                        "End" => (0, Some(true)),
                                        _ => return,
                                    };
                                    ev.prevent_default();
                                    select_tab(delta, end);
                                }
                            >
                                <span dir="auto">{name}</span>
                                <span class="tab-note">
                                    {if is_us { " (our side)" } else { " (estimated)" }}
                                </span>
                            </button>
                        }
                    },
                )}
            </div>
            <div
                class="party-panel"
                id="party-panel"
                role="tabpanel"
                aria-labelledby=move || {
                    current.get().map(|id| format!("party-tab-{id}")).unwrap_or_default()
                }
            >
                {move || current.get().map(|party| view! { <PartyPanel session party show_views /> })}
            </div>
        </Show>
    }
}
