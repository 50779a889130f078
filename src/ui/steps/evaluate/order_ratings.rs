//! "Rate by order, or by a curve" for one party: an issue's options put in order best
//! first and placed on the 0–100 scale (best 100 and worst 0 preset), or rated by a curve
//! over the numbers they stand for. Binds `elicit::ratings`.

use crate::app::{AppState, PlanSession};
use crate::elicit::ratings::{self as r, Direction, Shape};
use crate::elicit::{issue_name, num};
use crate::model::cells::{parse_score, party_name, Typed};
use crate::model::{IssueId, PartyId};
use crate::ui::steps::fields::{notify, notify_undo};
use crate::ui::steps::helper_input::{helper_input, HelperInput};
use crate::ui::steps::order_list::{order_list, OrderList};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn RatingsHelper(session: PlanSession, party: StoredValue<PartyId>) -> impl IntoView {
    let plan = session.plan;
    let key = party.with_value(|id| id.to_string());
    // Issues with at least two options: the others have nothing to order.
    let issues = Memo::new(move |_| {
        plan.with(|p| {
            p.issues
                .iter()
                .filter(|i| i.options.len() >= 2)
                .map(|i| (i.id.clone(), issue_name(p, &i.id)))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(None::<IssueId>);
    let issue = Memo::new(move |_| {
        let wanted = chosen.get();
        issues.with(|list| {
            list.iter()
                .find(|(id, _)| Some(id) == wanted.as_ref())
                .or_else(|| list.first())
                .map(|(id, _)| id.clone())
        })
    });
    let select_id = format!("order-issue-{key}");
    view! {
        <details class="helper ratings-helper">
            <summary>"Rate by order, or by a curve"</summary>
            <Show
                when=move || issues.with(|l| !l.is_empty())
                fallback=|| view! { <p class="hint">"Issues need two options or more to be ordered."</p> }
            >
                <div class="helper-row">
                    <label for=select_id.clone()>"Issue"</label>
                    <select
                        id=select_id.clone()
                        on:change=move |ev| chosen.set(Some(IssueId(event_target_value(&ev))))
                    >
                        {move || {
                            let current = issue.get();
                            issues
                                .get()
                                .into_iter()
                                .map(|(id, name)| {
                                    let selected = Some(&id) == current.as_ref();
                                    view! { <option value=id.to_string() selected=selected>{name}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                {move || issue.get().map(|issue| view! { <IssueOrder session party issue /> })}
            </Show>
        </details>
    }
}

/// One issue's options in order, and its curve.
#[component]
fn IssueOrder(session: PlanSession, party: StoredValue<PartyId>, issue: IssueId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let list_key = party.with_value(|p| format!("order-{p}-{issue}"));
    let issue = StoredValue::new(issue);
    let rows = Memo::new(move |_| {
        plan.with(|p| party.with_value(|id| issue.with_value(|i| r::ordered_options(p, id, i))))
    });
    let who = Memo::new(move |_| plan.with(|p| party.with_value(|id| party_name(p, id))));
    let what = move || plan.with_untracked(|p| issue.with_value(|i| issue_name(p, i)));
    let is_scale = Memo::new(move |_| {
        rows.with(|v| r::is_scale(&v.iter().map(|x| x.rating).collect::<Vec<_>>()))
    });
    let hint = RwSignal::new(None::<String>);
    let items = Signal::derive(move || {
        rows.with(|v| {
            v.iter()
                .map(|x| (x.option.to_string(), x.label.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_move = Callback::new(move |(from, to): (usize, usize)| {
        session.edit(&format!("order the options of “{}”", what()), "", |p| {
            party.with_value(|id| issue.with_value(|i| r::move_option(p, id, i, from, to)))
        });
    });
    let prefix = StoredValue::new(list_key.clone());
    let body: Arc<dyn Fn(String) -> AnyView + Send + Sync> = Arc::new(move |option: String| {
        let option = StoredValue::new(option);
        let place = Memo::new(move |_| {
            let o = option.get_value();
            rows.with(|v| v.iter().position(|x| x.option.as_str() == o).unwrap_or(0))
        });
        let count = Memo::new(move |_| rows.with(Vec::len));
        let rating = Memo::new(move |_| {
            let o = option.get_value();
            rows.with(|v| {
                v.iter()
                    .find(|x| x.option.as_str() == o)
                    .and_then(|x| x.rating)
            })
        });
        let field = move || {
            helper_input(
                session,
                HelperInput {
                    id: format!("{}-{}-place", prefix.get_value(), option.get_value()),
                    label: Signal::derive(move || {
                        let o = option.get_value();
                        let name = rows.with(|v| {
                            v.iter()
                                .find(|x| x.option.as_str() == o)
                                .map(|x| x.label.clone())
                                .unwrap_or_default()
                        });
                        format!("Rating of “{name}” between its neighbours")
                    }),
                    value: Signal::derive(move || rating.get().map(num).unwrap_or_default()),
                    on_input: Callback::new(move |text: String| {
                        let value = match parse_score(&text) {
                            Typed::Value(v) => v,
                            Typed::Clamped { value, .. } => value,
                            Typed::Empty | Typed::NotANumber => return None,
                        };
                        let k = place.get_untracked();
                        let mut out = None;
                        session.edit(
                            &format!("place an option of “{}”", what()),
                            &format!("place-{}", option.get_value()),
                            |p| {
                                out = party.with_value(|id| {
                                    issue.with_value(|i| r::place(p, id, i, k, value))
                                });
                            },
                        );
                        let (v, why) = out?;
                        hint.set(why);
                        (num(v) != text.trim()).then(|| num(v))
                    }),
                    numeric: true,
                    class: "place-input",
                    placeholder: "–",
                },
            )
        };
        (move || {
            let k = place.get();
            let n = count.get();
            if k == 0 {
                view! { <span class="fixed-rating">"100 (best)"</span> }.into_any()
            } else if k + 1 == n {
                view! { <span class="fixed-rating">"0 (worst)"</span> }.into_any()
            } else {
                field()
            }
        })
        .into_any()
    });
    let rate_in_order = move |_| {
        session.edit(
            &format!("rate the options of “{}” by their order", what()),
            "",
            |p| party.with_value(|id| issue.with_value(|i| r::rate_in_order(p, id, i))),
        );
        notify_undo(
            state,
            format!("Rated the options of “{}” by their order.", what()),
        );
    };

    // The curve: which way is better and what shape.
    let direction = RwSignal::new(Direction::MoreIsBetter);
    let shape = RwSignal::new(Shape::Linear);
    let preview = Memo::new(move |_| {
        let (d, s) = (direction.get(), shape.get());
        plan.with(|p| issue.with_value(|i| r::curve_preview(p, i, d, s)))
    });
    let curve_ok =
        Memo::new(move |_| plan.with(|p| issue.with_value(|i| r::amounts(p, i).map(|_| ()))));
    let preview_text = move || {
        preview.with(|p| {
            p.as_ref()
                .map(|points| {
                    points
                        .iter()
                        .map(|(l, v)| format!("{l} → {}", num(*v)))
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default()
        })
    };
    let apply_curve = move |_| {
        let (d, s) = (direction.get_untracked(), shape.get_untracked());
        let mut result = Ok(());
        session.edit(
            &format!("rate the options of “{}” by a curve", what()),
            "",
            |p| {
                result = party.with_value(|id| issue.with_value(|i| r::apply_curve(p, id, i, d, s)))
            },
        );
        match result {
            Ok(()) => notify_undo(
                state,
                format!(
                    "Rated the options of “{}” by the curve for {}.",
                    what(),
                    who.get_untracked()
                ),
            ),
            Err(e) => notify(state, e),
        }
    };
    let radio = move |group: &'static str,
                      value: &'static str,
                      label: &'static str,
                      checked: Signal<bool>,
                      pick: Callback<()>| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name=format!("{}-{group}", prefix.get_value())
                    value=value
                    prop:checked=move || checked.get()
                    on:change=move |_| pick.run(())
                />
                <span>{label}</span>
            </label>
        }
    };
    let list = order_list(OrderList {
        id: list_key.clone(),
        label: "Options, best first".into(),
        items,
        body,
        on_move,
    });
    view! {
        <div class="issue-order">
            <h4>{move || format!("Put the options in order, best first for {}", who.get())}</h4>
            {list}
            <p class="cell-hint" role="status">{move || hint.get()}</p>
            <Show when=move || !is_scale.get()>
                <div class="helper-actions">
                    <button type="button" class="rate-in-order" on:click=rate_in_order>
                        "Rate in this order: best 100, worst 0, the others evenly"
                    </button>
                </div>
            </Show>
            <fieldset class="curve">
                <legend>"Or rate by a curve over the numbers"</legend>
                <Show
                    when=move || curve_ok.with(Result::is_ok)
                    fallback=move || view! { <p class="hint">{move || curve_ok.get().err()}</p> }
                >
                    <div class="curve-choices">
                        {radio("dir", "more", "More is better", Signal::derive(move || direction.get() == Direction::MoreIsBetter), Callback::new(move |_| direction.set(Direction::MoreIsBetter)))}
                        {radio("dir", "less", "Less is better", Signal::derive(move || direction.get() == Direction::LessIsBetter), Callback::new(move |_| direction.set(Direction::LessIsBetter)))}
                        {radio("shape", "linear", "Linear", Signal::derive(move || shape.get() == Shape::Linear), Callback::new(move |_| shape.set(Shape::Linear)))}
                        {radio("shape", "diminishing", "Diminishing returns", Signal::derive(move || shape.get() == Shape::Diminishing), Callback::new(move |_| shape.set(Shape::Diminishing)))}
                    </div>
                    <p class="curve-preview" aria-live="polite">{preview_text}</p>
                    <button type="button" class="apply-curve" on:click=apply_curve>
                        "Rate by this curve"
                    </button>
                </Show>
            </fieldset>
        </div>
    }
}
