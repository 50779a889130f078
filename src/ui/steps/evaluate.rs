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

use super::issues::focus_soon;
use super::widgets::StepIntro;
use crate::app::PlanSession;
use crate::model::{
    set_weight, split_evenly, sum_is_complete, weight_sum, Confidence, IssueId, OptionId, PartyId,
    Plan, Score, Step,
};
use crate::ui::erased::keyed_list;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How a score is written in a cell: whole numbers plainly, others with one decimal.
pub fn format_score(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // `+ 0.0` turns -0 into 0, so an empty sum never shows as "-0".
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// What the user typed into a 0–100 cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    Empty,
    /// A number in range (one decimal at most).
    Value(f64),
    /// A number out of range, brought to the nearest end.
    Clamped {
        typed: String,
        value: f64,
    },
    NotANumber,
}

/// Reads a cell's text: accepts a decimal comma, clamps to 0–100, never yields NaN.
pub fn parse_score(text: &str) -> Typed {
    let t = text.trim();
    if t.is_empty() {
        return Typed::Empty;
    }
    let Ok(v) = t.replace(',', ".").parse::<f64>() else {
        return Typed::NotANumber;
    };
    if !v.is_finite() {
        return Typed::NotANumber;
    }
    let rounded = (v * 10.0).round() / 10.0;
    let clamped = rounded.clamp(0.0, 100.0);
    if clamped != rounded {
        Typed::Clamped {
            typed: t.to_string(),
            value: clamped,
        }
    } else {
        Typed::Value(clamped)
    }
}

fn confidence_slug(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

fn confidence_from(s: &str) -> Confidence {
    match s {
        "low" => Confidence::Low,
        "medium" => Confidence::Medium,
        _ => Confidence::High,
    }
}

/// Our estimates of other parties start at medium confidence; our own numbers are known.
fn new_score(value: f64, counterpart: bool) -> Score {
    Score {
        confidence: if counterpart {
            Confidence::Medium
        } else {
            Confidence::High
        },
        ..Score::new(value)
    }
}

fn party_name(plan: &Plan, id: &PartyId) -> String {
    plan.party(id)
        .map(|p| p.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "this party".into())
}

fn issue_ids(plan: &Plan) -> Vec<IssueId> {
    plan.issues.iter().map(|i| i.id.clone()).collect()
}

fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

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
                {move || current.get().map(|party| view! { <PartyPanel session party /> })}
            </div>
        </Show>
    }
}

/// One party's weights and ratings.
#[component]
fn PartyPanel(session: PlanSession, party: PartyId) -> impl IntoView {
    let plan = session.plan;
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
                        </tr>
                    </thead>
                    <tbody>
                        {keyed_list(
                            move || issues.get(),
                            |i| i.clone(),
                            move |issue| {
                                view! { <WeightRow session party issue counterpart hint=weight_hint panel_key /> }
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
                        </tr>
                    </thead>
                    {keyed_list(
                        move || issues.get(),
                        |i| i.clone(),
                        move |issue| {
                            view! { <RatingGroup session party issue counterpart hint=rating_hint panel_key /> }
                        },
                    )}
                </table>
            </div>
            <p class="cell-hint" role="status">{move || rating_hint.get()}</p>
        </section>
    }
}

/// New scores for a counterpart are estimates: medium confidence until the user says more.
fn mark_new_estimates(
    weights: &mut BTreeMap<IssueId, Score>,
    before: &BTreeMap<IssueId, Score>,
    counterpart: bool,
) {
    if !counterpart {
        return;
    }
    for (id, s) in weights.iter_mut() {
        if !before.contains_key(id) {
            s.confidence = Confidence::Medium;
        }
    }
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

/// The confidence in an estimate of a counterpart's (its column is shown for counterparts
/// only). `what` is "weight" or "rating", `name` what it is of; with `rated_only` the select
/// waits for a score.
fn confidence_cell(
    counterpart: Memo<bool>,
    score: Memo<Option<Score>>,
    what: &'static str,
    name: Memo<String>,
    rated_only: bool,
    set: Callback<Confidence>,
) -> impl IntoView {
    let unrated = move || rated_only && score.get().is_none();
    view! {
        <Show when=move || counterpart.get()>
            <td>
                <select
                    class="confidence"
                    aria-label=move || format!("Confidence in the {what} of “{}”", name.get())
                    title=move || rated_only.then(|| if unrated() { "Rate the option first" } else { "" })
                    disabled=unrated
                    prop:value=move || {
                        confidence_slug(score.get().map_or(Confidence::Medium, |s| s.confidence))
                    }
                    on:change=move |ev| set.run(confidence_from(&event_target_value(&ev)))
                >
                    <option value="low">"Low"</option>
                    <option value="medium">"Medium"</option>
                    <option value="high">"High"</option>
                </select>
            </td>
        </Show>
    }
}

#[component]
fn WeightRow(
    session: PlanSession,
    party: StoredValue<PartyId>,
    issue: IssueId,
    counterpart: Memo<bool>,
    hint: RwSignal<Option<String>>,
    panel_key: StoredValue<String>,
) -> impl IntoView {
    let plan = session.plan;
    let issue_key = issue.to_string();
    let issue = StoredValue::new(issue);
    let issue_name = Memo::new(move |_| {
        plan.with(|p| {
            issue.with_value(|id| {
                p.issue(id)
                    .map(|i| i.name.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "Untitled issue".into())
            })
        })
    });
    let score = Memo::new(move |_| {
        plan.with(|p| {
            party.with_value(|pid| {
                issue.with_value(|iid| {
                    p.party(pid)
                        .and_then(|party| party.weights.get(iid).copied())
                })
            })
        })
    });
    let value = move || score.get().map_or(0.0, |s| s.value);
    let locked = move || score.get().is_some_and(|s| s.locked);
    // The weights when the user entered the field: each keystroke rebalances from them, so
    // typing "5" then "50" keeps the others' proportions.
    let snapshot = StoredValue::new(None::<BTreeMap<IssueId, Score>>);
    let dom_id = panel_key.with_value(|p| format!("weight-{p}-{issue_key}"));
    let merge = StoredValue::new(dom_id.clone());
    let order = move || {
        plan.with_untracked(|p| {
            p.issues
                .iter()
                .map(|i| i.id.to_string())
                .collect::<Vec<_>>()
        })
    };
    let issue_key = StoredValue::new(issue_key);

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let asked = match parse_score(&text) {
            Typed::Empty => return,
            Typed::NotANumber => {
                hint.set(Some(format!(
                    "“{}” is not a number: type 0 to 100.",
                    text.trim()
                )));
                return;
            }
            Typed::Value(v) => (v.round(), None),
            Typed::Clamped { typed, value } => (value.round(), Some(typed)),
        };
        let (asked, out_of_range) = asked;
        let who = plan.with_untracked(|p| party.with_value(|id| party_name(p, id)));
        let what = issue_name.get_untracked();
        let counterpart = counterpart.get_untracked();
        let mut limited = None;
        session.edit(
            &format!("set the weight of “{what}” for {who}"),
            &merge.get_value(),
            |p| {
                let ids = issue_ids(p);
                if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                    let base = snapshot
                        .get_value()
                        .unwrap_or_else(|| party.weights.clone());
                    let result = issue.with_value(|iid| set_weight(&base, &ids, iid, asked));
                    limited = result.limited_to;
                    party.weights = result.weights;
                    mark_new_estimates(&mut party.weights, &base, counterpart);
                }
            },
        );
        let reset = limited.is_some() || out_of_range.is_some();
        hint.set(match (out_of_range, limited) {
            (Some(typed), _) => Some(format!(
                "Weights run from 0 to 100: {typed} became {} for “{what}”.",
                format_score(limited.unwrap_or(asked))
            )),
            (None, Some(v)) => Some(format!(
                "“{what}” can have at most {}: the locked weights take the rest.",
                format_score(v)
            )),
            (None, None) => None,
        });
        // The field shows the stored number even when it did not change (limited twice).
        if let Some(input) = input_of(&ev) {
            if reset {
                input.set_value(&format_score(value()));
            }
        }
    };
    let toggle_lock = move |_| {
        let what = issue_name.get_untracked();
        let counterpart = counterpart.get_untracked();
        let now_locked = !locked();
        let label = if now_locked { "lock" } else { "unlock" };
        session.edit(&format!("{label} the weight of “{what}”"), "", |p| {
            if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                let s = issue.with_value(|iid| {
                    party
                        .weights
                        .entry(iid.clone())
                        .or_insert_with(|| new_score(0.0, counterpart))
                });
                s.locked = now_locked;
            }
        });
    };
    let set_confidence = Callback::new(move |c: Confidence| {
        let what = issue_name.get_untracked();
        session.edit(
            &format!("set the confidence in the weight of “{what}”"),
            "",
            |p| {
                if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                    let s = issue.with_value(|iid| {
                        party
                            .weights
                            .entry(iid.clone())
                            .or_insert_with(|| new_score(0.0, true))
                    });
                    s.confidence = c;
                }
            },
        );
    });

    view! {
        <tr class:locked=locked>
            <th scope="row" dir="auto">{move || issue_name.get()}</th>
            <td class="num">
                <input
                    id=dom_id
                    class="weight-input"
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-label=move || format!("Weight of “{}”", issue_name.get())
                    prop:value=move || format_score(value())
                    on:focus=move |ev| {
                        snapshot
                            .set_value(
                                plan
                                    .with_untracked(|p| {
                                        party.with_value(|id| p.party(id).map(|p| p.weights.clone()))
                                    }),
                            );
                        if let Some(input) = input_of(&ev) {
                            input.select();
                        }
                    }
                    on:input=on_input
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            session.seal();
                            snapshot.set_value(None);
                            let prefix = format!("weight-{}-", panel_key.get_value());
                            focus_cell(&prefix, &order(), &issue_key.get_value(), 1);
                        }
                    }
                    on:blur=move |ev| {
                        session.seal();
                        // Chromium blurs a focused input while the step is unmounted, after
                        // this row's state is disposed: then there is nothing to restore.
                        let Some(score) = score.try_get_untracked() else {
                            return;
                        };
                        snapshot.set_value(None);
                        if let Some(input) = input_of(&ev) {
                            input.set_value(&format_score(score.map_or(0.0, |s| s.value)));
                        }
                    }
                />
            </td>
            {score_bar(score)}
            <td>
                <button
                    class="lock"
                    aria-pressed=move || locked().to_string()
                    aria-label=move || format!("Lock the weight of “{}”", issue_name.get())
                    on:click=toggle_lock
                >
                    {move || if locked() { "Locked" } else { "Lock" }}
                </button>
            </td>
            {confidence_cell(counterpart, score, "weight", issue_name, false, set_confidence)}
        </tr>
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
) -> impl IntoView {
    let plan = session.plan;
    let issue = StoredValue::new(issue);
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
                <th scope="colgroup" colspan="4" dir="auto">{move || head.get()}</th>
            </tr>
            <Show when=move || options.with(Vec::is_empty)>
                <tr>
                    <td colspan="4" class="hint">"No options for this issue yet."</td>
                </tr>
            </Show>
            {keyed_list(
                move || options.get(),
                |o| o.clone(),
                move |option| {
                    view! { <RatingRow session party option issue_name=head counterpart hint panel_key /> }
                },
            )}
        </tbody>
    }
}

#[component]
fn RatingRow(
    session: PlanSession,
    party: StoredValue<PartyId>,
    option: OptionId,
    issue_name: Memo<String>,
    counterpart: Memo<bool>,
    hint: RwSignal<Option<String>>,
    panel_key: StoredValue<String>,
) -> impl IntoView {
    let plan = session.plan;
    let option_key = StoredValue::new(option.to_string());
    let option = StoredValue::new(option);
    let label = Memo::new(move |_| {
        plan.with(|p| {
            option.with_value(|id| {
                p.issues
                    .iter()
                    .flat_map(|i| &i.options)
                    .find(|o| &o.id == id)
                    .map(|o| o.label.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| "Untitled option".into())
            })
        })
    });
    let score = Memo::new(move |_| {
        plan.with(|p| {
            party.with_value(|pid| {
                option.with_value(|oid| {
                    p.party(pid)
                        .and_then(|party| party.ratings.get(oid).copied())
                })
            })
        })
    });
    let shown_value = move || {
        score
            .get()
            .map(|s| format_score(s.value))
            .unwrap_or_default()
    };
    let dom_id = panel_key.with_value(|p| option_key.with_value(|o| format!("rate-{p}-{o}")));
    let merge = StoredValue::new(dom_id.clone());
    let order = move || {
        plan.with_untracked(|p| {
            p.issues
                .iter()
                .flat_map(|i| &i.options)
                .map(|o| o.id.to_string())
                .collect::<Vec<_>>()
        })
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let what = label.get_untracked();
        let counterpart = counterpart.get_untracked();
        let value = match parse_score(&text) {
            Typed::Empty => None,
            Typed::NotANumber => {
                hint.set(Some(format!(
                    "“{}” is not a number: type 0 to 100.",
                    text.trim()
                )));
                return;
            }
            Typed::Value(v) => {
                hint.set(None);
                Some(v)
            }
            Typed::Clamped { typed, value } => {
                hint.set(Some(format!(
                    "Ratings run from 0 to 100: {typed} became {} for “{what}”.",
                    format_score(value)
                )));
                Some(value)
            }
        };
        let label = match value {
            Some(_) => format!("rate “{what}”"),
            None => format!("clear the rating of “{what}”"),
        };
        session.edit(&label, &merge.get_value(), |p| {
            if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                option.with_value(|oid| match value {
                    Some(v) => {
                        party
                            .ratings
                            .entry(oid.clone())
                            .or_insert_with(|| new_score(v, counterpart))
                            .value = v;
                    }
                    None => {
                        party.ratings.remove(oid);
                    }
                });
            }
        });
        if let (Some(input), Some(v)) = (input_of(&ev), value) {
            if format_score(v) != text.trim() && !text.trim().ends_with(['.', ',']) {
                input.set_value(&format_score(v));
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let delta = match ev.key().as_str() {
            "ArrowDown" | "Enter" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
            return;
        }
        ev.prevent_default();
        session.seal();
        let prefix = format!("rate-{}-", panel_key.get_value());
        focus_cell(&prefix, &order(), &option_key.get_value(), delta);
    };
    let set_confidence = Callback::new(move |c: Confidence| {
        let what = label.get_untracked();
        session.edit(
            &format!("set the confidence in the rating of “{what}”"),
            "",
            |p| {
                if let Some(party) = party.with_value(|id| p.party_mut(id)) {
                    if let Some(s) = option.with_value(|oid| party.ratings.get_mut(oid)) {
                        s.confidence = c;
                    }
                }
            },
        );
    });

    view! {
        <tr class:unrated=move || score.get().is_none()>
            <th scope="row" dir="auto" class="option-name">{move || label.get()}</th>
            <td class="num">
                <input
                    id=dom_id
                    class="rating-input"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    maxlength="6"
                    placeholder="–"
                    aria-label=move || {
                        format!("Rating of “{}” ({})", label.get(), issue_name.get())
                    }
                    aria-describedby="ratings-keys"
                    prop:value=shown_value
                    on:focus=move |ev| {
                        if let Some(input) = input_of(&ev) {
                            input.select();
                        }
                    }
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=move |ev| {
                        session.seal();
                        // See the weight row: the row may be disposed by now.
                        let Some(score) = score.try_get_untracked() else {
                            return;
                        };
                        if let Some(input) = input_of(&ev) {
                            input.set_value(&score.map(|s| format_score(s.value)).unwrap_or_default());
                        }
                    }
                />
            </td>
            {score_bar(score)}
            {confidence_cell(counterpart, score, "rating", label, true, set_confidence)}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_read_and_clamped() {
        assert_eq!(parse_score(""), Typed::Empty);
        assert_eq!(parse_score("  "), Typed::Empty);
        assert_eq!(parse_score("60"), Typed::Value(60.0));
        assert_eq!(parse_score("62,5"), Typed::Value(62.5));
        assert_eq!(parse_score("60."), Typed::Value(60.0));
        assert_eq!(parse_score("33.33"), Typed::Value(33.3));
        assert_eq!(
            parse_score("150"),
            Typed::Clamped {
                typed: "150".into(),
                value: 100.0
            }
        );
        assert_eq!(
            parse_score("-5"),
            Typed::Clamped {
                typed: "-5".into(),
                value: 0.0
            }
        );
        for bad in ["abc", "-", "NaN", "inf", "1e999", "--1"] {
            assert_eq!(parse_score(bad), Typed::NotANumber, "{bad}");
        }
    }

    #[test]
    fn scores_are_written_plainly() {
        assert_eq!(format_score(60.0), "60");
        assert_eq!(format_score(62.5), "62.5");
        assert_eq!(format_score(33.333), "33.3");
        assert_eq!(format_score(f64::NAN), "");
        assert_eq!(format_score(-0.0), "0");
    }
}
