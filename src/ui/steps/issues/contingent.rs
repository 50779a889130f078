//! Contingent options on the Issues step: "A if the event happens, else B", with each
//! party's chance of the event. The form adds one to an issue (`model::add_contingent`
//! checks it and words its refusals); an existing one shows its terms and lets the event
//! and the chances be edited. Each party rates it by its own chance (`model::rating`).

use crate::app::PlanSession;
use crate::model::{
    add_contingent, describe_contingency, parse_chance, Find, IssueId, OptionId, PartyId,
};
use crate::ui::steps::fields::{focus_soon, notify, text_field, Field};
use leptos::prelude::*;

/// The form that adds a contingent option to an issue, folded away until asked for.
#[component]
pub(super) fn ContingentAdd(session: PlanSession, issue: StoredValue<IssueId>) -> impl IntoView {
    let plan = session.plan;
    let key = StoredValue::new(issue.with_value(|i| i.to_string()));
    let el = move |suffix: &str| key.with_value(|key| format!("issue-{key}-bet-{suffix}"));
    let open = RwSignal::new(false);
    let event = RwSignal::new(String::new());
    let then = RwSignal::new(String::new());
    let otherwise = RwSignal::new(String::new());
    let chances = RwSignal::new(Vec::<(PartyId, String)>::new());
    let error = RwSignal::new(None::<String>);
    // The issue's ordinary options: the possible outcomes.
    let outcomes = Memo::new(move |_| {
        plan.with(|p| {
            issue
                .with_value(|id| id.find(p))
                .map(|i| {
                    i.options
                        .iter()
                        .filter(|o| o.contingent.is_none())
                        .map(|o| (o.id.to_string(), o.label.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let parties = Memo::new(move |_| {
        plan.with(|p| {
            p.parties
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chance_of = move |id: &PartyId| {
        chances.with(|c| {
            c.iter()
                .find(|(p, _)| p == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed: Vec<(PartyId, String)> = parties
            .get_untracked()
            .into_iter()
            .map(|(id, _)| {
                let t = chance_of(&id);
                (id, t)
            })
            .collect();
        let (a, b) = (
            OptionId(then.get_untracked()),
            OptionId(otherwise.get_untracked()),
        );
        let text = event.get_untracked();
        // Checked on a copy first, so a refusal leaves no empty undo step behind.
        let check = plan.with_untracked(|p| {
            let mut copy = p.clone();
            issue.with_value(|id| add_contingent(&mut copy, id, &text, &a, &b, &typed))
        });
        if let Err(why) = check {
            error.set(Some(why));
            focus_soon(vec![el("event")]);
            return;
        }
        session.edit("add a contingent option", "", |p| {
            let _ = issue.with_value(|id| add_contingent(p, id, &text, &a, &b, &typed));
        });
        error.set(None);
        event.set(String::new());
        chances.set(Vec::new());
        if let Some(state) = use_context::<crate::app::AppState>() {
            notify(
                state,
                "Added the contingent option. Each party rates it by its own chance of the event.",
            );
        }
    };
    let select = move |id: String, label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="small-label" for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>
                    "Pick an option"
                </option>
                {move || {
                    outcomes
                        .get()
                        .into_iter()
                        .map(|(oid, label)| {
                            let selected = oid.clone();
                            view! {
                                <option
                                    value=oid
                                    selected=move || value.with(|v| v == &selected)
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        }
    };
    view! {
        <details class="bet-add" on:toggle=move |_| open.update(|o| *o = !*o)>
            <summary id=el("open")>"Add a contingent option (A if an event happens, else B)"</summary>
            <Show when=move || open.get()>
                <form class="bet-form" on:submit=submit novalidate>
                    <p class="hint">
                        "When the sides expect different futures, let the option depend on what \
                         happens: each side values it by its own chance of the event, so both \
                         can gain from the difference."
                    </p>
                    <label class="small-label" for=el("event")>"The event"</label>
                    <input
                        id=el("event")
                        type="text"
                        dir="auto"
                        maxlength="200"
                        placeholder="Sales exceed 10,000 units in the first year"
                        prop:value=move || event.get()
                        on:input=move |ev| event.set(event_target_value(&ev))
                    />
                    <div class="bet-outcomes">
                        <div>{select(el("then"), "If it happens", then)}</div>
                        <div>{select(el("otherwise"), "If not", otherwise)}</div>
                    </div>
                    <fieldset class="bet-chances">
                        <legend>"Each side's chance of the event (%)"</legend>
                        {move || {
                            parties
                                .get()
                                .into_iter()
                                .map(|(pid, name)| {
                                    let id = el(&format!("chance-{pid}"));
                                    let p2 = pid.clone();
                                    view! {
                                        <span class="bet-chance">
                                            <label class="small-label" for=id.clone() dir="auto">
                                                {name}
                                            </label>
                                            <input
                                                id=id
                                                type="text"
                                                inputmode="decimal"
                                                maxlength="6"
                                                placeholder="50"
                                                prop:value=move || chance_of(&p2)
                                                on:input=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    chances
                                                        .update(|c| {
                                                            c.retain(|(p, _)| p != &pid);
                                                            c.push((pid.clone(), v));
                                                        });
                                                }
                                            />
                                        </span>
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                    <p class="field-error" id=el("error") role="alert">
                        {move || error.get()}
                    </p>
                    <button type="submit" class="primary">"Add the contingent option"</button>
                </form>
            </Show>
        </details>
    }
}

/// An existing contingent option's terms in words, with its event and each side's chance
/// editable.
#[component]
pub(super) fn ContingentTerms(session: PlanSession, oid: StoredValue<OptionId>) -> impl IntoView {
    let plan = session.plan;
    let key = oid.with_value(|o| o.to_string());
    let words = Memo::new(move |_| {
        plan.with(|p| {
            let id = oid.get_value();
            let issue = p
                .issues
                .iter()
                .find(|i| i.options.iter().any(|o| o.id == id))?;
            let c = issue
                .options
                .iter()
                .find(|o| o.id == id)?
                .contingent
                .as_ref()?;
            Some(describe_contingency(p, issue, c))
        })
    });
    let parties = Memo::new(move |_| {
        plan.with(|p| {
            p.parties
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let error = RwSignal::new(None::<String>);
    let event = text_field(
        session,
        Field::new(
            format!("opt-{key}-event"),
            "The event",
            "edit a contingent option's event",
        )
        .small_label()
        .max_length(200),
        move |p| {
            oid.with_value(|id| id.find(p))
                .and_then(|o| o.contingent.as_ref().map(|c| c.event.clone()))
                .unwrap_or_default()
        },
        move |p, v| {
            if let Some(c) = oid
                .with_value(|id| id.find_mut(p))
                .and_then(|o| o.contingent.as_mut())
            {
                c.event = v;
            }
        },
    );
    view! {
        <Show when=move || words.with(Option::is_some)>
            <p class="bet-terms" dir="auto">{move || words.get().unwrap_or_default()}</p>
        </Show>
        {event}
        <fieldset class="bet-chances">
            <legend>"Each side's chance of the event (%)"</legend>
            {move || {
                parties
                    .get()
                    .into_iter()
                    .map(|(pid, name)| {
                        let id = format!("opt-{key}-chance-{pid}");
                        let shown = StoredValue::new(pid.clone());
                        let value = move || {
                            plan.with(|p| {
                                oid.with_value(|o| o.find(p))
                                    .and_then(|o| o.contingent.as_ref())
                                    .and_then(|c| shown.with_value(|pid| c.chances.get(pid).copied()))
                                    .map_or(String::new(), |v| format!("{v}"))
                            })
                        };
                        let who = name.clone();
                        let on_input = move |ev: leptos::ev::Event| {
                            let text = event_target_value(&ev);
                            let Some(v) = parse_chance(&text) else {
                                if !text.trim().is_empty() {
                                    error.set(Some(format!(
                                        "Give {}'s chance as a number from 0 to 100.",
                                        who.trim()
                                    )));
                                }
                                return;
                            };
                            error.set(None);
                            let merge = format!("bet-chance-{}", shown.with_value(|p| p.to_string()));
                            session.edit("change a chance of an event", &merge, |p| {
                                if let Some(c) = oid
                                    .with_value(|id| id.find_mut(p))
                                    .and_then(|o| o.contingent.as_mut())
                                {
                                    c.chances.insert(shown.get_value(), v);
                                }
                            });
                        };
                        view! {
                            <span class="bet-chance">
                                <label class="small-label" for=id.clone() dir="auto">{name}</label>
                                <input
                                    id=id
                                    type="text"
                                    inputmode="decimal"
                                    maxlength="6"
                                    prop:value=value
                                    on:input=on_input
                                    on:blur=move |_| session.seal()
                                />
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
        <p class="field-error" role="alert">{move || error.get()}</p>
    }
}
