//! Step 1, parties and alternatives: who negotiates, whose plan this is, and each party's
//! BATNA with its reservation value (an estimate with a range for every counterpart).

use super::batna_tree::BatnaTreePanel;
use super::fields::{entity_text, focus_id, notify, notify_undo, reset_value, Field};
use super::widgets::StepIntro;
use crate::app::{AppState, PlanSession};
use crate::model::edit_people::{self as edit, Bound};
use crate::model::{PartyId, Perspective, Step};
use crate::ui::erased::keyed_list;
use leptos::ev::{Event, SubmitEvent};
use leptos::prelude::*;

const NEW_PARTY_INPUT: &str = "new-party-name";

#[component]
pub fn PartiesStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let ids = Memo::new(move |_| {
        plan.with(|p| p.parties.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    let draft = RwSignal::new(String::new());
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let name = draft.get_untracked();
        if name.trim().is_empty() {
            notify(state, "Type the new party's name, then press Enter.");
        } else {
            session.edit("add a party", "", |p| {
                edit::add_party(p, &name);
            });
            draft.set(String::new());
        }
        focus_id(NEW_PARTY_INPUT);
    };
    view! {
        <StepIntro step=Step::Parties />
        <div class="parties-step">
            <PerspectiveChoice session />
            <ul class="party-cards" aria-label="Parties">
                {keyed_list(
                    move || ids.get(),
                    |id| id.clone(),
                    move |id| view! { <PartyCard session id /> },
                )}
            </ul>
            <form class="add-party" on:submit=add>
                <label for=NEW_PARTY_INPUT>"Add a party"</label>
                <p class="hint" id="new-party-hint">
                    "Everyone whose agreement is needed: a partner, an approver, a union…"
                </p>
                <div class="inline-field">
                    <input
                        id=NEW_PARTY_INPUT
                        type="text"
                        dir="auto"
                        maxlength="200"
                        aria-describedby="new-party-hint"
                        placeholder="e.g. The landlord's lawyer"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                    <button type="submit" class="primary">
                        "Add party"
                    </button>
                </div>
            </form>
        </div>
    }
}

/// "Whose plan is this?": one of the parties, or neutral.
#[component]
fn PerspectiveChoice(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let parties = Memo::new(move |_| {
        plan.with(|p| {
            p.parties
                .iter()
                .map(|x| (x.id.clone(), edit::party_display_name(p, &x.id)))
                .collect::<Vec<_>>()
        })
    });
    let current = Memo::new(move |_| plan.with(|p| p.perspective.clone()));
    let choose = move |perspective: Perspective| {
        if current.get_untracked() == perspective {
            return;
        }
        let mut dropped = false;
        let name = match &perspective {
            Perspective::Us(id) => plan.with_untracked(|p| edit::party_display_name(p, id)),
            Perspective::Neutral => String::new(),
        };
        session.edit("choose whose plan this is", "", |p| {
            dropped = edit::set_perspective(p, perspective)
        });
        if dropped {
            notify_undo(
                state,
                format!(
                    "This is now {name}'s plan. {name} knows its own reservation value, so its \
                     range was dropped."
                ),
            );
        }
    };
    view! {
        <fieldset class="perspective">
            <legend>"Whose plan is this?"</legend>
            <p class="hint">
                "Your side knows its own reservation value; for every other side it is an \
                 estimate with a range. A mediator plans for no side."
            </p>
            <div class="perspective-options">
                {keyed_list(
                    move || parties.get(),
                    |c| c.clone(),
                    move |choice| {
                        let (id, name) = choice;
                        let value = id.to_string();
                        let us = Perspective::Us(id);
                        let us2 = us.clone();
                        view! {
                            <label class="radio">
                                <input
                                    type="radio"
                                    name="perspective"
                                    value=value
                                    prop:checked=move || current.get() == us
                                    on:change=move |_| choose(us2.clone())
                                />
                                <span dir="auto">{name}</span>
                            </label>
                        }
                    },
                )}
                <label class="radio">
                    <input
                        type="radio"
                        name="perspective"
                        value="neutral"
                        prop:checked=move || current.get() == Perspective::Neutral
                        on:change=move |_| choose(Perspective::Neutral)
                    />
                    <span>"Neutral (mediator)"</span>
                </label>
            </div>
        </fieldset>
    }
}

#[component]
fn PartyCard(session: PlanSession, id: PartyId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let key = id.to_string();
    let id = StoredValue::new(id);
    let name =
        Memo::new(move |_| plan.with(|p| id.with_value(|id| edit::party_display_name(p, id))));
    let is_us = Memo::new(move |_| plan.with(|p| id.with_value(|id| p.us() == Some(id))));
    let remove = move |_| {
        let mut trial = plan.get_untracked();
        match id.with_value(|id| edit::remove_party(&mut trial, id)) {
            Err(e) => notify(state, e.to_string()),
            Ok(removed) => {
                session.edit("remove a party", "", move |p| *p = trial);
                notify_undo(state, removed.describe());
                focus_id(NEW_PARTY_INPUT);
            }
        }
    };
    let field = |suffix: &str, label: &str, undo: &'static str| {
        Field::new(format!("party-{key}-{suffix}"), label, undo)
    };
    let heading = format!("party-{key}-heading");
    let labelled_by = heading.clone();
    view! {
        <li class="party-card" class:is-us=move || is_us.get() aria-labelledby=labelled_by>
            <div class="party-card-head">
                <div class="party-card-title">
                    <h3 id=heading dir="auto">
                        {move || name.get()}
                    </h3>
                    <span class="party-badge">
                        {move || if is_us.get() { "Us" } else { "Counterpart" }}
                    </span>
                </div>
                <button
                    type="button"
                    class="danger remove-party"
                    aria-label=move || format!("Remove {}", name.get())
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            <div class="party-fields">
                {entity_text(
                    session,
                    id,
                    field("name", "Name", "rename a party"),
                    |x| &x.name,
                    |x| &mut x.name,
                )}
                {entity_text(
                    session,
                    id,
                    field("role", "Role", "edit a party's role")
                        .wrap()
                        .placeholder("Who they are, what they can decide"),
                    |x| &x.role,
                    |x| &mut x.role,
                )}
                {entity_text(
                    session,
                    id,
                    field("batna", "BATNA: what they do if there is no agreement", "edit a BATNA")
                        .multiline(),
                    |x| &x.batna,
                    |x| &mut x.batna,
                )}
                <ReservationInputs session id />
                <BatnaTreePanel session id />
                {entity_text(
                    session,
                    id,
                    field("notes", "Notes", "edit a party's notes").multiline(),
                    |x| &x.notes,
                    |x| &mut x.notes,
                )}
            </div>
        </li>
    }
}

/// The reservation value on the 0–100 scale: one number for "us"; for a counterpart our
/// estimate with the range it could lie in. Typed numbers are clamped to 0–100; a bound
/// past the estimate is refused with a message.
#[component]
fn ReservationInputs(session: PlanSession, id: StoredValue<PartyId>) -> impl IntoView {
    let plan = session.plan;
    let key = id.with_value(|id| id.to_string());
    let merge = StoredValue::new(format!("party-{key}-reservation"));
    let est = Memo::new(move |_| {
        plan.with(|p| id.with_value(|id| p.party(id).map(|x| x.reservation).unwrap_or_default()))
    });
    let counterpart =
        Memo::new(move |_| plan.with(|p| id.with_value(|id| edit::is_counterpart(p, id))));
    let name =
        Memo::new(move |_| plan.with(|p| id.with_value(|id| edit::party_display_name(p, id))));
    // The refused bound and why; and whether the last edit of the value widened the range.
    let error = RwSignal::new(None::<(Bound, String)>);
    let widened = RwSignal::new(false);

    let apply = move |which: Bound, v: f64| {
        let before = est.get_untracked();
        match edit::set_estimate(before, which, v, !counterpart.get_untracked()) {
            Ok(change) => {
                error.set(None);
                widened.set(change.widened);
                if change.estimate != before {
                    merge.with_value(|m| {
                        session.edit("change a reservation value", m, |p| {
                            id.with_value(|id| {
                                if let Some(x) = p.party_mut(id) {
                                    x.reservation = change.estimate;
                                }
                            })
                        })
                    });
                }
            }
            Err(e) => error.set(Some((which, e.to_string()))),
        }
    };
    let shown = move |which: Bound| {
        let e = est.get();
        edit::show_number(match which {
            Bound::Value => e.value,
            Bound::Low => e.low,
            Bound::High => e.high,
        })
    };
    // While typing: clamp into 0–100 (rewriting the field only when the number was out of
    // range) and say at once if a bound would pass the estimate. Nothing is applied yet:
    // "4" on the way to "45" is not a value the user meant.
    let on_input = move |which: Bound| {
        move |ev: Event| {
            let text = event_target_value(&ev);
            let Some(v) = edit::clamp_input(&text) else {
                return;
            };
            let typed: f64 = text.trim().parse().unwrap_or(v);
            if !(0.0..=100.0).contains(&typed) {
                reset_value(&ev, &edit::show_number(v));
            }
            match edit::set_estimate(est.get_untracked(), which, v, !counterpart.get_untracked()) {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some((which, e.to_string()))),
            }
        }
    };
    // On leaving the field, Enter or a spinner click: apply a valid number; the field then
    // shows what is stored (a refused or emptied field goes back to it).
    let on_change = move |which: Bound| {
        move |ev: Event| {
            if let Some(v) = edit::clamp_input(&event_target_value(&ev)) {
                apply(which, v);
            }
            session.seal();
            let e = est.get_untracked();
            let v = match which {
                Bound::Value => e.value,
                Bound::Low => e.low,
                Bound::High => e.high,
            };
            reset_value(&ev, &edit::show_number(v));
        }
    };
    // The slider's values are always whole and in range: they apply as it moves.
    let on_slide = move |ev: Event| {
        if let Some(v) = edit::clamp_input(&event_target_value(&ev)) {
            apply(Bound::Value, v);
        }
    };
    let invalid = move |which: Bound| {
        move || {
            error
                .with(|e| e.as_ref().is_some_and(|(b, _)| *b == which))
                .then_some("true")
        }
    };
    let key = StoredValue::new(key);
    let ids = move |suffix: &str| key.with_value(|key| format!("party-{key}-res-{suffix}"));
    let described = StoredValue::new(format!("{} {}", ids("hint"), ids("error")));
    let number = move |which: Bound, suffix: &str, label: &'static str| {
        view! {
            <div class=format!("res-field res-{suffix}")>
                <label for=ids(suffix)>{label}</label>
                <input
                    id=ids(suffix)
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    aria-describedby=described.get_value()
                    aria-invalid=invalid(which)
                    prop:value=move || shown(which)
                    on:input=on_input(which)
                    on:change=on_change(which)
                />
            </div>
        }
    };
    view! {
        <div class="reservation" role="group" aria-labelledby=ids("label")>
            <span class="field-label" id=ids("label")>
                {move || {
                    if counterpart.get() {
                        "Reservation value (our estimate, 0–100)"
                    } else {
                        "Reservation value (0–100)"
                    }
                }}
            </span>
            <div class="res-row">
                {number(Bound::Value, "value", "Value")}
                <input
                    class="res-slider"
                    type="range"
                    min="0"
                    max="100"
                    step="1"
                    aria-label=move || format!("Reservation value of {}, slider", name.get())
                    prop:value=move || shown(Bound::Value)
                    on:input=on_slide
                    on:change=move |_| session.seal()
                />
            </div>
            <Show when=move || counterpart.get()>
                <div class="res-row res-range">
                    {number(Bound::Low, "low", "Low")}
                    <span class="res-dash" aria-hidden="true">
                        "to"
                    </span>
                    {number(Bound::High, "high", "High")}
                </div>
            </Show>
            <p class="hint res-hint" id=ids("hint")>
                {move || {
                    let mut text = edit::reservation_hint(&name.get(), est.get(), counterpart.get());
                    if widened.get() {
                        text.push_str(" The range grew to include the estimate.");
                    }
                    text
                }}
            </p>
            <p class="field-error" id=ids("error") role="alert">
                {move || error.get().map(|(_, e)| e)}
            </p>
        </div>
    }
}
