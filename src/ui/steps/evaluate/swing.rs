//! "Weights by swings" for one party: rank the issues by the value of moving each from its
//! worst option to its best, score each swing against the top one, and write the weights
//! (or the rank-order centroid of the ranking alone). Binds `elicit::weights`.

use crate::app::{AppState, PlanSession};
use crate::elicit::{num, weights as w};
use crate::model::cells::{parse_score, party_name, Typed};
use crate::model::{IssueId, PartyId};
use crate::ui::steps::fields::notify_undo;
use crate::ui::steps::helper_input::{helper_input, HelperInput};
use crate::ui::steps::order_list::{order_list, OrderList};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn SwingPanel(session: PlanSession, party: StoredValue<PartyId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let rows = Memo::new(move |_| plan.with(|p| party.with_value(|id| w::swing_rows(p, id))));
    let name = Memo::new(move |_| plan.with(|p| party.with_value(|id| party_name(p, id))));
    let key = party.with_value(|id| id.to_string());
    let items = Signal::derive(move || {
        rows.with(|r| {
            r.iter()
                .map(|x| (x.issue.to_string(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_move = Callback::new(move |(from, to): (usize, usize)| {
        let Some(issue) = rows.with_untracked(|r| r.get(from).map(|x| x.issue.clone())) else {
            return;
        };
        session.edit("rank an issue's swing", "", |p| {
            party.with_value(|id| w::move_in_ranking(p, id, &issue, to))
        });
    });
    let input_id = {
        let key = key.clone();
        move |issue: &str| format!("swing-{key}-{issue}")
    };
    let body: Arc<dyn Fn(String) -> AnyView + Send + Sync> = Arc::new(move |issue_key: String| {
        let issue = IssueId(issue_key.clone());
        let issue = StoredValue::new(issue);
        let row = Memo::new(move |_| {
            rows.with(|r| issue.with_value(|i| r.iter().find(|x| &x.issue == i).cloned()))
        });
        let range = move || row.with(|r| r.as_ref().map(|r| r.range.clone()).unwrap_or_default());
        let top = move || row.with(|r| r.as_ref().is_some_and(|r| r.top));
        let field_id = StoredValue::new(input_id(&issue_key));
        let field = move || {
            helper_input(
                session,
                HelperInput {
                    id: field_id.get_value(),
                    label: Signal::derive(move || {
                        format!(
                            "Swing of “{}” against the top one (0–100)",
                            row.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default())
                        )
                    }),
                    value: Signal::derive(move || {
                        row.with(|r| r.as_ref().map(|r| num(r.swing)).unwrap_or_default())
                    }),
                    on_input: Callback::new(move |text: String| {
                        let value = match parse_score(&text) {
                            Typed::Value(v) => v,
                            Typed::Clamped { value, .. } => value,
                            Typed::Empty | Typed::NotANumber => return None,
                        };
                        let what = row.with_untracked(|r| {
                            r.as_ref().map(|r| r.name.clone()).unwrap_or_default()
                        });
                        session.edit(
                            &format!("set the swing of “{what}”"),
                            &format!("swing-{}", issue.with_value(|i| i.to_string())),
                            |p| {
                                party.with_value(|id| {
                                    issue.with_value(|i| w::set_swing(p, id, i, value))
                                })
                            },
                        );
                        (num(value) != text.trim()).then(|| num(value))
                    }),
                    numeric: true,
                    class: "swing-input",
                    placeholder: "",
                },
            )
        };
        view! {
            <span class="swing-range">{range}</span>
            {move || {
                if top() {
                    view! { <span class="swing-top">"100 (the largest swing)"</span> }.into_any()
                } else {
                    view! { <span class="swing-field">{field()}</span> }.into_any()
                }
            }}
        }
        .into_any()
    });
    let warnings = move || rows.with(|r| w::swing_warnings(r));
    let preview = move || {
        rows.with(|r| {
            let swings: Vec<f64> = r.iter().map(|x| x.swing).collect();
            match w::swing_weights(&swings) {
                Some(exact) => {
                    let whole = crate::model::whole_weights(&exact);
                    let parts: Vec<String> = r
                        .iter()
                        .zip(whole)
                        .map(|(x, v)| format!("{} {}", x.name, num(v)))
                        .collect();
                    format!("These swings give: {}.", parts.join(" · "))
                }
                None => "Give the top issue's swing 100.".to_string(),
            }
        })
    };
    let apply = move |rank_only: bool| {
        let who = name.get_untracked();
        let mut result = Ok(());
        let label = if rank_only {
            format!("weigh {who}'s issues by their ranking alone")
        } else {
            format!("weigh {who}'s issues by their swings")
        };
        session.edit(&label, "", |p| {
            result = party.with_value(|id| {
                if rank_only {
                    w::apply_rank_order(p, id)
                } else {
                    w::apply_swings(p, id)
                }
            })
        });
        match result {
            Ok(()) => notify_undo(
                state,
                if rank_only {
                    format!("{who}'s weights now follow the ranking alone.")
                } else {
                    format!("{who}'s weights now follow the swings.")
                },
            ),
            Err(e) => crate::ui::steps::fields::notify(state, e),
        }
    };
    let list = order_list(OrderList {
        id: format!("swing-{key}"),
        label: "Issues, largest swing first".into(),
        items,
        body,
        on_move,
    });
    view! {
        <details class="helper swing-helper">
            <summary>"Weights by swings"</summary>
            <p class="hint">
                {move || {
                    format!(
                        "Imagine every issue at its worst option for {}. Which one would you most \
                         like to move to its best? Put it first, then the next, and so on. Then \
                         say what each move is worth against the first one (100).",
                        name.get(),
                    )
                }}
            </p>
            {list}
            <ul class="helper-warnings">
                {move || {
                    warnings()
                        .into_iter()
                        .map(|t| view! { <li>{t}</li> })
                        .collect_view()
                }}
            </ul>
            <p class="swing-preview" aria-live="polite">{preview}</p>
            <div class="helper-actions">
                <button type="button" class="primary apply-swings" on:click=move |_| apply(false)>
                    "Use these weights"
                </button>
                <button type="button" class="apply-rank" on:click=move |_| apply(true)>
                    "Quick default from the ranking"
                </button>
            </div>
        </details>
    }
}
