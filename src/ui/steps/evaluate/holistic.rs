//! "Check the weights against whole packages" for one party: contrasting packages scored
//! (or put in order) as a whole, the weights those scores imply beside the stated ones,
//! and adopting, blending or ignoring them. Binds `elicit::holistic`.

use crate::app::{AppState, PlanSession};
use crate::elicit::{holistic as h, num};
use crate::model::cells::{parse_score, party_name, Typed};
use crate::model::PartyId;
use crate::ui::steps::fields::{notify, notify_undo};
use crate::ui::steps::helper_input::{helper_input, HelperInput};
use crate::ui::steps::order_list::{order_list, OrderList};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn HolisticPanel(session: PlanSession, party: StoredValue<PartyId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let view_data = Memo::new(move |_| plan.with(|p| party.with_value(|id| h::check_view(p, id))));
    let who = Memo::new(move |_| plan.with(|p| party.with_value(|id| party_name(p, id))));
    let key = party.with_value(|id| id.to_string());
    let has_rows = Memo::new(move |_| view_data.with(|v| !v.rows.is_empty()));
    let start = move |_| {
        let mut result = Ok(());
        session.edit("make packages for the holistic check", "", |p| {
            result = party.with_value(|id| h::start_check(p, id))
        });
        if let Err(e) = result {
            notify(state, e);
        }
    };
    let adopt = move |blend: bool| {
        let mut result = Ok(());
        let label = if blend {
            "blend the stated weights with the package scores'"
        } else {
            "adopt the weights the package scores imply"
        };
        session.edit(label, "", |p| {
            result = party.with_value(|id| h::adopt(p, id, blend))
        });
        match result {
            Ok(()) => notify_undo(
                state,
                if blend {
                    format!(
                        "{}'s weights are now halfway between the stated ones and the scores'.",
                        who.get_untracked()
                    )
                } else {
                    format!(
                        "{}'s weights are now the ones the package scores imply.",
                        who.get_untracked()
                    )
                },
            ),
            Err(e) => notify(state, e),
        }
    };
    let discard = move |_| {
        session.edit("discard the holistic check", "", |p| {
            party.with_value(|id| h::discard(p, id))
        });
        notify_undo(state, "Discarded the holistic check.");
    };
    let score_by_order = move |_| {
        session.edit("score the packages by their order", "", |p| {
            party.with_value(|id| h::score_by_order(p, id))
        });
        notify_undo(
            state,
            "Scores spread evenly by your order: adjust any you feel more strongly about.",
        );
    };

    // Each package's key: its choices, which the design keeps distinct.
    let keys = Memo::new(move |_| {
        plan.with(|p| {
            party.with_value(|id| {
                h::check_choices(p, id)
                    .iter()
                    .map(|c| c.values().map(|o| o.as_str()).collect::<Vec<_>>().join("."))
                    .collect::<Vec<_>>()
            })
        })
    });
    let items = Signal::derive(move || {
        keys.with(|k| {
            view_data.with(|v| {
                k.iter()
                    .zip(&v.rows)
                    .map(|(key, row)| {
                        let text = row
                            .choices
                            .iter()
                            .map(|(i, o)| format!("{i}: {o}"))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        (key.clone(), text)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_move = Callback::new(move |(from, to): (usize, usize)| {
        session.edit("put the packages in order", "", |p| {
            party.with_value(|id| h::move_package(p, id, from, to))
        });
    });
    let prefix = StoredValue::new(format!("holistic-{key}"));
    let body: Arc<dyn Fn(String) -> AnyView + Send + Sync> = Arc::new(move |pkg: String| {
        let pkg = StoredValue::new(pkg);
        let place = Memo::new(move |_| {
            let k = pkg.get_value();
            keys.with(|v| v.iter().position(|x| *x == k))
        });
        let score = Memo::new(move |_| {
            place
                .get()
                .and_then(|k| view_data.with(|v| v.rows.get(k).and_then(|r| r.score)))
        });
        helper_input(
            session,
            HelperInput {
                id: format!("{}-{}-score", prefix.get_value(), pkg.get_value()),
                label: Signal::derive(move || {
                    format!(
                        "Score of package {} as a whole (0–100)",
                        place.get().map_or(0, |k| k + 1)
                    )
                }),
                value: Signal::derive(move || score.get().map(num).unwrap_or_default()),
                on_input: Callback::new(move |text: String| {
                    let value = match parse_score(&text) {
                        Typed::Value(v) => Some(v),
                        Typed::Clamped { value, .. } => Some(value),
                        Typed::Empty => None,
                        Typed::NotANumber => return None,
                    };
                    let k = place.get_untracked()?;
                    session.edit(
                        "score a package as a whole",
                        &format!("score-{}", pkg.get_value()),
                        |p| party.with_value(|id| h::set_score(p, id, k, value)),
                    );
                    value.filter(|v| num(*v) != text.trim()).map(num)
                }),
                numeric: true,
                class: "holistic-score",
                placeholder: "score",
            },
        )
    });
    let list = move || {
        order_list(OrderList {
            id: prefix.get_value(),
            label: "Packages to judge as a whole".into(),
            items,
            body: body.clone(),
            on_move,
        })
    };

    view! {
        <details class="helper holistic-helper">
            <summary>"Check the weights against whole packages"</summary>
            <p class="hint">
                {move || {
                    format!(
                        "Judge a few contrasting packages as {} would, each as a whole: 0 is every \
                         issue at its worst option, 100 every issue at its best. Do not look at \
                         the weights: the check works out the weights your scores imply.",
                        who.get(),
                    )
                }}
            </p>
            <Show
                when=move || has_rows.get()
                fallback=move || {
                    view! {
                        {move || view_data.with(|v| v.blocked.clone()).map(|b| view! { <p class="hint">{b}</p> })}
                        <div class="helper-actions">
                            <button
                                type="button"
                                class="primary start-check"
                                disabled=move || view_data.with(|v| v.blocked.is_some())
                                on:click=start
                            >
                                "Show packages to score"
                            </button>
                        </div>
                    }
                }
            >
                <Show when=move || view_data.with(|v| v.stale)>
                    <p class="helper-warning" role="status">
                        "The issues or options changed since these packages were made: make new ones."
                    </p>
                    <button type="button" class="start-check" on:click=start>
                        "Make new packages"
                    </button>
                </Show>
                {list()}
                <div class="helper-actions">
                    <button type="button" class="score-by-order" on:click=score_by_order>
                        "Score by this order"
                    </button>
                    <button type="button" class="danger discard-check" on:click=discard>
                        "Discard the check"
                    </button>
                </div>
                {move || view_data.with(|v| v.outcome.clone()).map(|o| outcome_view(o, adopt))}
            </Show>
        </details>
    }
}

fn outcome_view(o: h::CheckOutcome, adopt: impl Fn(bool) + Copy + 'static) -> AnyView {
    let table = (!o.comparison.is_empty()).then(|| {
        let rows = o
            .comparison
            .iter()
            .map(|(name, stated, fitted)| {
                view! {
                    <tr>
                        <th scope="row" dir="auto">{name.clone()}</th>
                        <td class="num">{num(*stated)}</td>
                        <td class="num">{num(*fitted)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="fit-table">
                    <thead>
                        <tr>
                            <th scope="col">"Issue"</th>
                            <th scope="col">"Stated weight"</th>
                            <th scope="col">"Your scores imply"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let details = o
        .details
        .iter()
        .map(|d| view! { <li>{d.clone()}</li> })
        .collect_view();
    view! {
        <div class="fit-outcome" role="status">
            <p class="fit-headline">{o.headline.clone()}</p>
            {table}
            <ul class="fit-details">{details}</ul>
            {o.can_adopt.then(|| view! {
                <div class="helper-actions">
                    <button type="button" class="primary adopt-fit" on:click=move |_| adopt(false)>
                        "Adopt these weights"
                    </button>
                    <button type="button" class="blend-fit" on:click=move |_| adopt(true)>
                        "Blend: halfway between"
                    </button>
                </div>
                <p class="hint">"Or keep your stated weights: nothing changes until you choose."</p>
            })}
        </div>
    }
    .into_any()
}
