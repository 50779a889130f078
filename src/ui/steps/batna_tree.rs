//! "Work out the BATNA as a decision tree", in a party's card on the Parties step: the
//! alternatives open without an agreement, each with its outcomes (probability and value),
//! cost and delay; the expected value and 10th–90th percentile, offered as the reservation
//! value and range. Binds `elicit::tree`; every change is one undoable edit.

use crate::app::{AppState, PlanSession};
use crate::elicit::{num, tree as t, tree_form as tf};
use crate::model::edit_people::party_display_name;
use crate::model::{BatnaTree, PartyId, TreeUnit};
use crate::ui::steps::fields::{focus_soon, notify, notify_undo};
use crate::ui::steps::helper_input::{helper_input, HelperInput};
use leptos::prelude::*;

#[component]
pub fn BatnaTreePanel(session: PlanSession, id: StoredValue<PartyId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let tree = Memo::new(move |_| {
        plan.with(|p| id.with_value(|id| p.party(id).and_then(|x| x.batna_tree.clone())))
    });
    let has_tree = Memo::new(move |_| tree.with(Option::is_some));
    let key = StoredValue::new(id.with_value(|id| format!("tree-{id}")));
    let el = move |part: &str| key.with_value(|k| format!("{k}-{part}"));
    let name = move || plan.with_untracked(|p| id.with_value(|id| party_display_name(p, id)));
    let edit_tree = move |label: &str, merge: &str, f: &dyn Fn(&mut BatnaTree)| {
        session.edit(label, merge, |p| {
            if let Some(tree) =
                id.with_value(|id| p.party_mut(id).and_then(|x| x.batna_tree.as_mut()))
            {
                f(tree);
            }
        });
    };
    let start = move |_| {
        session.edit("start a BATNA tree", "", |p| {
            if let Some(x) = id.with_value(|id| p.party_mut(id)) {
                x.batna_tree = Some(t::new_tree(&x.batna));
            }
        });
        focus_soon(vec![el("alt0-name")]);
    };
    let remove = move |_| {
        session.edit("remove a BATNA tree", "", |p| {
            if let Some(x) = id.with_value(|id| p.party_mut(id)) {
                x.batna_tree = None;
            }
        });
        notify_undo(state, format!("Removed the decision tree of {}.", name()));
    };
    let use_result = move |_| {
        let mut result = Err(String::new());
        session.edit("set a reservation value from a BATNA tree", "", |p| {
            result = id.with_value(|id| t::apply_reservation(p, id));
        });
        match result {
            Ok(text) => notify_undo(state, text),
            Err(e) => notify(state, e),
        }
    };
    let result = Memo::new(move |_| tree.with(|t| t.as_ref().map(t::evaluate)));
    let alternatives =
        Memo::new(move |_| tree.with(|t| t.as_ref().map_or(0, |t| t.alternatives.len())));
    let unit = Memo::new(move |_| tree.with(|t| t.as_ref().map(|t| t.unit).unwrap_or_default()));

    // One field of the tree.
    let field = move |f: tf::TreeField, class: &'static str| {
        let error = RwSignal::new(None::<String>);
        let input = helper_input(
            session,
            HelperInput {
                id: el(&f.key()),
                label: Signal::derive(move || {
                    tree.with(|t| t.as_ref().map(|t| f.label(t)).unwrap_or_default())
                }),
                value: Signal::derive(move || {
                    tree.with(|t| t.as_ref().map(|t| tf::field_text(t, f)).unwrap_or_default())
                }),
                on_input: Callback::new(move |text: String| {
                    let merge = el(&f.key());
                    let check = tree
                        .with_untracked(|t| t.clone().map(|mut t| tf::set_field(&mut t, f, &text)));
                    if let Some(Err(e)) = check {
                        error.set(Some(e));
                        return None;
                    }
                    error.set(None);
                    edit_tree("edit a BATNA tree", &merge, &|tree| {
                        let _ = tf::set_field(tree, f, &text);
                    });
                    None
                }),
                numeric: f.numeric(),
                class,
                placeholder: if f.numeric() { "–" } else { "" },
            },
        );
        view! {
            {input}
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        }
        .into_any()
    };

    let outcome_row = move |k: usize, j: usize| {
        let remove_outcome = move |_| {
            edit_tree("remove an outcome from a BATNA tree", "", &|tree| {
                if let Some(a) = tree.alternatives.get_mut(k) {
                    if j < a.outcomes.len() {
                        a.outcomes.remove(j);
                    }
                }
            });
            focus_soon(vec![el(&format!("alt{k}-add-outcome"))]);
        };
        view! {
            <tr>
                <td>{field(tf::TreeField::OutLabel(k, j), "tree-label")}</td>
                <td class="num">{field(tf::TreeField::OutProbability(k, j), "tree-prob")}</td>
                <td class="num">{field(tf::TreeField::OutValue(k, j), "tree-value")}</td>
                <td>
                    <button
                        type="button"
                        class="danger icon"
                        aria-label=move || format!("Remove outcome {} of alternative {}", j + 1, k + 1)
                        title="Remove"
                        on:click=remove_outcome
                    >
                        "✕"
                    </button>
                </td>
            </tr>
        }
    };

    let alternative_card = move |k: usize| {
        let outcomes = Memo::new(move |_| {
            tree.with(|t| {
                t.as_ref()
                    .and_then(|t| t.alternatives.get(k))
                    .map_or(0, |a| a.outcomes.len())
            })
        });
        let value = Memo::new(move |_| {
            tree.with(|t| {
                t.as_ref()
                    .and_then(|t| tf::alternative_values(t).get(k).copied().flatten())
            })
        });
        let add_outcome = move |_| {
            edit_tree("add an outcome to a BATNA tree", "", &|tree| {
                tf::add_outcome(tree, k)
            });
            let j = outcomes.get_untracked().saturating_sub(1);
            focus_soon(vec![el(&format!("alt{k}-out{j}-label"))]);
        };
        let remove_alternative = move |_| {
            edit_tree("remove an alternative from a BATNA tree", "", &|tree| {
                if k < tree.alternatives.len() {
                    tree.alternatives.remove(k);
                }
            });
            notify_undo(state, "Removed the alternative.");
            focus_soon(vec![el("add-alternative")]);
        };
        view! {
            <li class="tree-alternative">
                <div class="tree-alt-head">
                    <label class="field-label" for=el(&format!("alt{k}-name"))>
                        {format!("Alternative {}", k + 1)}
                    </label>
                    {field(tf::TreeField::AltName(k), "tree-name")}
                    <button
                        type="button"
                        class="danger"
                        aria-label=format!("Remove alternative {}", k + 1)
                        on:click=remove_alternative
                    >
                        "Remove"
                    </button>
                </div>
                <div class="tree-alt-costs">
                    <label>"Cost" {field(tf::TreeField::AltCost(k), "tree-cost")}</label>
                    <label>"Months until decided" {field(tf::TreeField::AltMonths(k), "tree-months")}</label>
                </div>
                <div class="table-scroll">
                    <table class="tree-outcomes">
                        <thead>
                            <tr>
                                <th scope="col">"Outcome"</th>
                                <th scope="col">"Probability (%)"</th>
                                <th scope="col">"Value"</th>
                                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || (0..outcomes.get()).map(|j| outcome_row(k, j)).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="tree-alt-foot">
                    <button type="button" id=el(&format!("alt{k}-add-outcome")) on:click=add_outcome>
                        "Add an outcome"
                    </button>
                    <span class="tree-alt-value">
                        {move || value.get().map(|v| format!("Expected value {}", num(v)))}
                    </span>
                </div>
            </li>
        }
    };

    let add_alternative = move |_| {
        edit_tree(
            "add an alternative to a BATNA tree",
            "",
            &tf::add_alternative,
        );
        let k = alternatives.get_untracked().saturating_sub(1);
        focus_soon(vec![el(&format!("alt{k}-name"))]);
    };
    let set_unit = move |u: TreeUnit| {
        edit_tree("change a BATNA tree's unit", "", &|tree| {
            tf::set_unit(tree, u)
        });
    };
    let unit_radio = move |u: TreeUnit, value: &'static str, label: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name=el("unit")
                    value=value
                    prop:checked=move || unit.get() == u
                    on:change=move |_| set_unit(u)
                />
                <span>{label}</span>
            </label>
        }
    };

    view! {
        <details class="helper batna-tree" open=move || has_tree.get()>
            <summary>"Work out the BATNA as a decision tree"</summary>
            <Show
                when=move || has_tree.get()
                fallback=move || {
                    view! {
                        <p class="hint">
                            "When the alternative is a gamble (court, another offer that may \
                             come), list what could happen, how likely each outcome is and what \
                             it is worth. The expected value suggests the reservation value."
                        </p>
                        <button type="button" class="start-tree" on:click=start>"Start a tree"</button>
                    }
                }
            >
                <fieldset class="tree-unit">
                    <legend>"Values in"</legend>
                    {unit_radio(TreeUnit::Points, "points", "Points (the 0–100 package scale)")}
                    {unit_radio(TreeUnit::Money, "money", "Money")}
                    <Show when=move || unit.get() == TreeUnit::Money>
                        <div class="tree-money-fields">
                            <label>"Currency" {field(tf::TreeField::Currency, "tree-currency")}</label>
                            <label>"Worth 0 on the scale" {field(tf::TreeField::MoneyZero, "tree-money")}</label>
                            <label>"Worth 100 on the scale" {field(tf::TreeField::MoneyHundred, "tree-money")}</label>
                        </div>
                    </Show>
                    <label class="tree-per-month">
                        "Cost of a month's wait" {field(tf::TreeField::PerMonth, "tree-cost")}
                    </label>
                </fieldset>
                <ol class="tree-alternatives">
                    {move || (0..alternatives.get()).map(alternative_card).collect_view()}
                </ol>
                <button type="button" id=el("add-alternative") on:click=add_alternative>
                    "Add an alternative"
                </button>
                <div class="tree-result" role="status">
                    {move || match result.get() {
                        None => ().into_any(),
                        Some(Err(errors)) => {
                            let items = errors
                                .iter()
                                .map(|e| view! { <li>{e.to_string()}</li> })
                                .collect_view();
                            view! {
                                <p>"To finish the tree:"</p>
                                <ul class="tree-errors">{items}</ul>
                            }
                            .into_any()
                        }
                        Some(Ok(r)) => {
                            let text = tree.with_untracked(|tr| {
                                tr.as_ref().map(|tr| t::summary(tr, &r)).unwrap_or_default()
                            });
                            view! {
                                <p class="tree-summary">{text}</p>
                                <button type="button" class="primary use-tree" on:click=use_result>
                                    "Use as the reservation value"
                                </button>
                            }
                            .into_any()
                        }
                    }}
                </div>
                <button type="button" class="danger remove-tree" on:click=remove>
                    "Remove the tree"
                </button>
            </Show>
        </details>
    }
}
