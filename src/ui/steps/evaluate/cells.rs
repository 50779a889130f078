//! The one row of both Evaluate tables: a party's weight of an issue or rating of an option
//! (`model::cells::ScoreCell` says which, and what typing into it means), its bar, its lock
//! (weights only) and the confidence in a counterpart's number.

use crate::app::PlanSession;
use crate::model::cells::{
    confidence_from, confidence_slug, new_score, party_name, Entry, ScoreCell, CONFIDENCES,
};
use crate::model::{Confidence, IssueId, PartyId, Score};
use leptos::prelude::*;
use std::collections::BTreeMap;

fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// Moves the focus to the next or previous cell of a column (`prefix` + id), selecting it.
fn focus_cell(prefix: &str, order: &[String], current: &str, delta: isize) {
    let Some(k) = order.iter().position(|id| id == current) else {
        return;
    };
    let Some(next) = k.checked_add_signed(delta).and_then(|j| order.get(j)) else {
        return;
    };
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("{prefix}{next}")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = el.focus();
        el.select();
    }
}

/// One weight or rating: the name, the number (typed, clamped, rebalanced), its bar, the
/// lock of a weight, and the confidence of a counterpart's number.
#[component]
pub(super) fn ScoreRow(
    session: PlanSession,
    party: StoredValue<PartyId>,
    cell: ScoreCell,
    counterpart: Memo<bool>,
    hint: RwSignal<Option<String>>,
    panel_key: StoredValue<String>,
) -> impl IntoView {
    let plan = session.plan;
    let weight = cell.is_weight();
    let dom_id = panel_key.with_value(|p| format!("{}-{p}-{}", cell.column(), cell.key()));
    let prefix = StoredValue::new(panel_key.with_value(|p| format!("{}-{p}-", cell.column())));
    let cell = StoredValue::new(cell);
    let name = Memo::new(move |_| plan.with(|p| cell.with_value(|c| c.name(p))));
    let input_label = Memo::new(move |_| plan.with(|p| cell.with_value(|c| c.input_label(p))));
    let score = Memo::new(move |_| {
        plan.with(|p| party.with_value(|pid| cell.with_value(|c| c.score(p, pid))))
    });
    let locked = move || score.get().is_some_and(|s| s.locked);
    // A weight's column when the user entered the field: each keystroke rebalances from
    // it, so typing "5" then "50" keeps the others' proportions.
    let snapshot = StoredValue::new(None::<BTreeMap<IssueId, Score>>);
    let merge = StoredValue::new(dom_id.clone());
    let move_focus = move |delta: isize| {
        let order = plan.with_untracked(|p| cell.with_value(|c| c.column_keys(p)));
        let key = cell.with_value(|c| c.key().to_string());
        prefix.with_value(|prefix| focus_cell(prefix, &order, &key, delta));
    };

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let (value, clamped_from) = match cell.with_value(|c| c.read(&text)) {
            Entry::Nothing => return,
            Entry::Refused(why) => {
                hint.set(Some(why));
                return;
            }
            Entry::Set {
                value,
                clamped_from,
            } => (value, clamped_from),
        };
        let what = name.get_untracked();
        let who = plan.with_untracked(|p| party.with_value(|id| party_name(p, id)));
        let label = cell.with_value(|c| c.undo_label(&what, &who, value));
        let mut limited = None;
        session.edit(&label, &merge.get_value(), |p| {
            let base = snapshot.get_value();
            limited =
                party.with_value(|id| cell.with_value(|c| c.write(p, id, value, base.as_ref())));
        });
        let clamped = clamped_from.as_deref();
        // An emptied rating leaves the hint as it was: nothing was corrected.
        if value.is_some() {
            hint.set(cell.with_value(|c| c.hint(&what, value, clamped, limited)));
        }
        if cell.with_value(|c| c.rewrite(&text, value, clamped, limited)) {
            if let Some(input) = input_of(&ev) {
                input.set_value(&cell.with_value(|c| c.shown(score.get_untracked())));
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let modified = ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key();
        let Some(delta) = cell.with_value(|c| c.step_for_key(&ev.key(), modified)) else {
            return;
        };
        ev.prevent_default();
        session.seal();
        snapshot.set_value(None);
        move_focus(delta);
    };
    let on_focus =
        move |ev: leptos::ev::FocusEvent| {
            if weight {
                snapshot.set_value(plan.with_untracked(|p| {
                    party.with_value(|id| p.party(id).map(|p| p.weights.clone()))
                }));
            }
            if let Some(input) = input_of(&ev) {
                input.select();
            }
        };
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        session.seal();
        // Chromium blurs a focused input while the step is unmounted, after this row's
        // state is disposed: then there is nothing to restore.
        let Some(score) = score.try_get_untracked() else {
            return;
        };
        snapshot.set_value(None);
        if let Some(input) = input_of(&ev) {
            input.set_value(&cell.with_value(|c| c.shown(score)));
        }
    };
    let set_confidence = Callback::new(move |c: Confidence| {
        let label = cell.with_value(|x| x.confidence_undo(&name.get_untracked()));
        session.edit(&label, "", |p| {
            party.with_value(|id| cell.with_value(|x| x.set_confidence(p, id, c)))
        });
    });

    view! {
        <tr class:locked=move || weight && locked() class:unrated=move || !weight && score.get().is_none()>
            <th scope="row" dir="auto" class=(!weight).then_some("option-name")>
                {move || name.get()}
            </th>
            <td class="num">
                <input
                    id=dom_id
                    class=if weight { "weight-input" } else { "rating-input" }
                    type=if weight { "number" } else { "text" }
                    min=weight.then_some("0")
                    max=weight.then_some("100")
                    step=weight.then_some("1")
                    inputmode=if weight { "numeric" } else { "decimal" }
                    autocomplete="off"
                    maxlength=(!weight).then_some("6")
                    placeholder=(!weight).then_some("–")
                    aria-label=move || input_label.get()
                    aria-describedby=(!weight).then_some("ratings-keys")
                    prop:value=move || cell.with_value(|c| c.shown(score.get()))
                    on:focus=on_focus
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=on_blur
                />
            </td>
            {score_bar(score)}
            {weight.then(|| lock_cell(session, party, cell, name, score))}
            {confidence_cell(counterpart, score, cell, name, set_confidence)}
        </tr>
    }
}

/// The bar that draws a score (0–100) in its row.
fn score_bar(score: Memo<Option<Score>>) -> impl IntoView {
    view! {
        <td class="bar-col" aria-hidden="true">
            <span class="bar">
                <span
                    class="bar-fill"
                    style:width=move || {
                        format!("{}%", score.get().map_or(0.0, |s| s.value.clamp(0.0, 100.0)))
                    }
                ></span>
            </span>
        </td>
    }
}

/// A weight's lock: a locked weight stays where it is while the others rebalance.
fn lock_cell(
    session: PlanSession,
    party: StoredValue<PartyId>,
    cell: StoredValue<ScoreCell>,
    name: Memo<String>,
    score: Memo<Option<Score>>,
) -> impl IntoView {
    let locked = move || score.get().is_some_and(|s| s.locked);
    let toggle = move |_| {
        let what = name.get_untracked();
        let now_locked = !locked();
        let label = if now_locked { "lock" } else { "unlock" };
        session.edit(&format!("{label} the weight of “{what}”"), "", |p| {
            let counterpart = party.with_value(|id| p.us() != Some(id));
            let Some(party) = party.with_value(|id| p.party_mut(id)) else {
                return;
            };
            if let ScoreCell::Weight(iid) = cell.get_value() {
                party
                    .weights
                    .entry(iid)
                    .or_insert_with(|| new_score(0.0, counterpart))
                    .locked = now_locked;
            }
        });
    };
    view! {
        <td>
            <button
                class="lock"
                aria-pressed=move || locked().to_string()
                aria-label=move || format!("Lock the weight of “{}”", name.get())
                on:click=toggle
            >
                {move || if locked() { "Locked" } else { "Lock" }}
            </button>
        </td>
    }
}

/// The confidence in an estimate of a counterpart's (its column is shown for counterparts
/// only). A rating's select waits for a number.
fn confidence_cell(
    counterpart: Memo<bool>,
    score: Memo<Option<Score>>,
    cell: StoredValue<ScoreCell>,
    name: Memo<String>,
    set: Callback<Confidence>,
) -> impl IntoView {
    let rated_only = !cell.with_value(ScoreCell::is_weight);
    let unrated = move || rated_only && score.get().is_none();
    view! {
        <Show when=move || counterpart.get()>
            <td>
                <select
                    class="confidence"
                    aria-label=move || cell.with_value(|c| c.confidence_label(&name.get()))
                    title=move || rated_only.then(|| if unrated() { "Rate the option first" } else { "" })
                    disabled=unrated
                    prop:value=move || {
                        confidence_slug(score.get().map_or(Confidence::Medium, |s| s.confidence))
                    }
                    on:change=move |ev| set.run(confidence_from(&event_target_value(&ev)))
                >
                    {CONFIDENCES
                        .iter()
                        .map(|(_, slug, words)| view! { <option value=*slug>{*words}</option> })
                        .collect_view()}
                </select>
            </td>
        </Show>
    }
}
